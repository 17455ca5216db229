/*
 * xmlplist-splice.h: carrying out edits on an XML property list as text,
 * at the byte offsets its reading recorded (xtree.h): only the lines of
 * the entries removed, replaced or added change.
 */
#ifndef HS_XMLPLIST_SPLICE_H
#define HS_XMLPLIST_SPLICE_H

#include <stddef.h>

#include "plist/plist-doc.h"
#include "plist/plist-edit.h"
#include "util/error.h"

/*
 * Apply edits to doc, an XML document whose tree (doc->xt) is still
 * there.  *out is a new buffer; caller frees.  Errors as bplist_apply's;
 * two edits of one key are HS_EINVAL.
 */
int	xmlplist_apply(const struct plist_doc *, const struct plist_edit *,
	    size_t, char **, size_t *, struct hs_error *);

#endif
