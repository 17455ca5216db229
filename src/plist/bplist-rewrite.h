/*
 * bplist-rewrite.h: carrying out edits on a binary plist's object table.
 *
 * Untouched objects keep their exact bytes, objects left unreferenced are
 * dropped, new values are encoded as CoreFoundation encodes them (see
 * doc/formats.md, "Binary property lists").
 */
#ifndef HS_BPLIST_REWRITE_H
#define HS_BPLIST_REWRITE_H

#include <stddef.h>
#include <stdint.h>

#include "plist/plist-edit.h"
#include "util/error.h"

/*
 * Apply edits, in order, to len bytes that bplist_validate accepted.
 * *out is a new buffer; caller frees.  Removing a key that is not there,
 * or a path that is not a chain of dictionaries, is HS_EINVAL.
 */
int	bplist_apply(const char *, size_t, const struct plist_edit *, size_t,
	    char **, size_t *, struct hs_error *);
/*
 * The same, building the result over buf itself (malloc'd, len + 1
 * bytes) when that is safe: tight (bplist.tight from validating buf) and
 * edits that only take away.  *consumed then says buf is gone: it is *out
 * (perhaps moved by realloc), or freed on error; *sum is the
 * hs_hash_digest of what it held, taken just before.
 */
int	bplist_apply_over(char *, size_t, int, const struct plist_edit *,
	    size_t, char **, size_t *, int *, uint64_t *, struct hs_error *);

#endif
