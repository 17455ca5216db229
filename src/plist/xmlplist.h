/*
 * xmlplist.h: reading an XML property list into the compact tree
 * (xtree.h), and libplist's tree of it when a caller asks for one.
 */
#ifndef HS_XMLPLIST_H
#define HS_XMLPLIST_H

#include <stddef.h>
#include <plist/plist.h>

#include "plist/srcmap.h"
#include "plist/xtree.h"
#include "util/error.h"

/*
 * Read len bytes of XML (NUL-terminated at len) into t, which must be
 * empty.  Errors carry line:col.  On error t is left empty.
 */
int	xmlplist_read(const char *, size_t, struct xtree *, struct hs_error *);
/*
 * libplist's tree of t in *root (new; caller frees with plist_free, also
 * on error), each container's and negative integer's byte offset noted
 * in m.
 */
int	xmlplist_tree(const struct xtree *, plist_t *, struct plist_srcmap *,
	    struct hs_error *);

#endif
