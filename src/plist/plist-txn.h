/*
 * plist-txn.h: edits applied to a document in its own format, and one
 * safe change of a property-list file.
 *
 * plist_txn_run locks the file, reads it, plans, applies, reads the result
 * back and verifies it, checks nobody changed the file meanwhile (else
 * starts again, at most three times), optionally keeps FILE.bak, and
 * replaces the file atomically (util/atomic.h).
 */
#ifndef HS_PLIST_TXN_H
#define HS_PLIST_TXN_H

#include <stddef.h>

#include "plist/plist-doc.h"
#include "plist/plist-edit.h"
#include "util/error.h"

/*
 * Apply edits, in order, to a document plist_doc_parse read (its bytes are
 * not validated again; an XML document's tree must still be there).  *out
 * is a new buffer in the document's format; caller frees.
 */
int	plist_doc_apply(const struct plist_doc *, const struct plist_edit *,
	    size_t, char **, size_t *, struct hs_error *);
/*
 * The same, free to build the result over the document's bytes
 * (bplist_apply_over).  If it does, doc->bytes becomes NULL and doc->sum
 * holds their digest (hs_hash_digest), for plist_txn_run to tell whether
 * the file changed meanwhile; nothing else of the document may be used.
 */
int	plist_doc_apply_over(struct plist_doc *, const struct plist_edit *,
	    size_t, char **, size_t *, struct hs_error *);

struct plist_txn {
	/*
	 * Plan edits for doc, which is valid only during the call: the
	 * edits and every string they point to belong to arg.  May be called
	 * again when the file changed underneath.
	 */
	int	(*plan)(void *, const struct plist_doc *,
		    const struct plist_edit **, size_t *, struct hs_error *);
	/* Check that the edited document holds what was planned. */
	int	(*verify)(void *, const struct plist_doc *, struct hs_error *);
	void	*arg;
};

#define PLIST_TXN_DRY_RUN	0x1	/* plan only */
#define PLIST_TXN_BACKUP	0x2	/* keep the old file as FILE.bak */

int	plist_txn_run(const char *, const struct plist_txn *, int,
	    struct hs_error *);

#endif
