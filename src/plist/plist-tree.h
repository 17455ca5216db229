/*
 * plist-tree.h: libplist's tree of a document, for the code that reads
 * plist_t (trust exceptions and settings).  Built from our own reading of
 * the document (pval.h), the same for both formats, so that it holds what
 * CoreFoundation reads: of equal keys, the last.
 */
#ifndef HS_PLIST_TREE_H
#define HS_PLIST_TREE_H

#include <plist/plist.h>

#include "plist/plist-doc.h"
#include "plist/srcmap.h"
#include "util/error.h"

/*
 * *root is new (caller frees with plist_free, also on error); noted in m:
 * each container's byte offset, each integer's sign and width, and each
 * date's exact value (libplist 2.2's dates are 32-bit seconds).
 */
int	plist_tree_build(const struct plist_doc *, plist_t *,
	    struct plist_srcmap *, struct hs_error *);

/*
 * libplist's tree of the document in *root, built on first use (reading
 * a store does not need it: see pval.h).  HS_OK, or an error (no
 * memory).  The document owns the tree.
 */
int	plist_doc_tree(const struct plist_doc *, plist_t *, struct hs_error *);
/* The same, the error dropped: NULL when the tree cannot be had.  For
 * tests, and for callers that built it already with plist_doc_tree. */
plist_t	plist_doc_root(const struct plist_doc *);

#endif
