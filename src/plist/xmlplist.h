/*
 * xmlplist.h: reading an XML property list into the compact tree
 * (xtree.h).
 */
#ifndef HS_XMLPLIST_H
#define HS_XMLPLIST_H

#include <stddef.h>

#include "plist/xtree.h"
#include "util/error.h"

/*
 * Read len bytes of XML (NUL-terminated at len) into t, which must be
 * empty.  Errors carry line:col.  On error t is left empty.  Of equal
 * keys in a dictionary all but the last are noted in t->shadow.
 */
int	xmlplist_read(const char *, size_t, struct xtree *, struct hs_error *);

#endif
