/*
 * bplist-tree.h: libplist's tree of a validated binary plist, with the
 * facts libplist drops (srcmap.h) noted for its nodes.
 */
#ifndef HS_BPLIST_TREE_H
#define HS_BPLIST_TREE_H

#include <plist/plist.h>

#include "plist/bplist.h"
#include "plist/srcmap.h"
#include "util/error.h"

/*
 * Hand bp's bytes (bplist_validate accepted them) to libplist and walk
 * its tree beside the object table, noting each container's offset and
 * the integers libplist misreads in m.  *root is new; caller frees with
 * plist_free, also on error.
 */
int	bplist_tree(const struct bplist *, plist_t *, struct plist_srcmap *,
	    struct hs_error *);

#endif
