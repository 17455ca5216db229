/*
 * plist-edit.h: surgical edits of a property list, keeping its format.
 *
 * An edit names a dictionary by the path of keys from the root and removes
 * or sets one key in it.  Binary files are rewritten object by object
 * (bplist-edit.c): untouched objects keep their exact bytes, objects left
 * unreferenced are dropped, new values are encoded as CoreFoundation
 * encodes them.  XML files are spliced (xmlplist-edit.c): only the lines of
 * the entries removed or added change.
 */
#ifndef HS_PLIST_EDIT_H
#define HS_PLIST_EDIT_H

#include <stddef.h>
#include <stdint.h>

#include "plist/plist-doc.h"
#include "util/error.h"

/* A new value to write.  Borrowed pointers; nothing here is freed. */
enum pv_type { PV_BOOL, PV_INT, PV_REAL, PV_STRING, PV_DICT };

struct pv_pair;

struct pv {
	enum pv_type		 type;
	int			 b;
	int64_t			 i;
	double			 r;
	const char		*s;		/* UTF-8 */
	const struct pv_pair	*pairs;		/* PV_DICT */
	size_t			 npairs;
};

struct pv_pair {
	const char	*key;
	struct pv	 value;
};

enum plist_edit_op { PLIST_EDIT_REMOVE, PLIST_EDIT_SET };

struct plist_edit {
	enum plist_edit_op	 op;
	const char *const	*path;		/* dictionary keys from the root */
	size_t			 depth;
	const char		*key;
	const struct pv		*value;		/* PLIST_EDIT_SET */
};

/*
 * The keys of a run of removals from one dictionary, sorted, so that an
 * editor can take each key it meets in one pass over the dictionary.
 */
struct plist_keyset {
	struct plist_key	*keys;		/* owned array */
	size_t			 n;
};

/* Collect the keys of ed[0..n).  HS_ENOMEM on failure. */
int	plist_keyset_init(struct plist_keyset *, const struct plist_edit *,
	    size_t);
/* Is (s, len) in the set and not yet taken?  Takes it if so. */
int	plist_keyset_take(struct plist_keyset *, const char *, size_t);
/* HS_OK when every key was taken, else HS_EINVAL naming the first. */
int	plist_keyset_check(const struct plist_keyset *, struct hs_error *);
void	plist_keyset_release(struct plist_keyset *);

/* Do two edits name the same dictionary? */
int	plist_edit_same_path(const struct plist_edit *,
	    const struct plist_edit *);

/*
 * Apply edits, in order, to the document's bytes (bytes that
 * plist_doc_parse accepted: they are not validated again).  *out is a new buffer in
 * the document's format; caller frees.  Removing a key that is not there,
 * or a path that is not a chain of dictionaries, is an HS_EINVAL error.
 */
int	plist_doc_apply(const struct plist_doc *, const struct plist_edit *,
	    size_t, char **, size_t *, struct hs_error *);
/*
 * The same, free to build the result over the document's bytes
 * (bplist_apply_over).  If it does, doc->bytes becomes NULL and
 * doc->sum holds their digest (hs_sum), for plist_txn to tell whether the
 * file changed meanwhile; nothing else of the document may be used.
 */
int	plist_doc_apply_over(struct plist_doc *, const struct plist_edit *,
	    size_t, char **, size_t *, struct hs_error *);
int	bplist_apply(const char *, size_t, const struct plist_edit *, size_t,
	    char **, size_t *, struct hs_error *);
/*
 * The same, building the result over buf itself (malloc'd, len + 1
 * bytes) when that is safe: tight (bplist.tight from validating buf) and
 * edits that only take away.  *consumed then says buf is gone: it is *out
 * (perhaps moved by realloc), or freed on error; *sum is the hs_sum of
 * what it held, taken just before.  A large remove so touches no new
 * memory for its result.
 */
int	bplist_apply_over(char *, size_t, int, const struct plist_edit *,
	    size_t, char **, size_t *, int *, uint64_t *, struct hs_error *);
/* XML: splices at the offsets the reader recorded in doc->xt. */
int	xmlplist_apply(const struct plist_doc *, const struct plist_edit *,
	    size_t, char **, size_t *, struct hs_error *);

/*
 * Changing a property-list file safely: lock it, read it, plan, apply,
 * read the result back and verify it, check nobody changed the file
 * meanwhile (else start again, at most three times), optionally keep
 * FILE.bak, and replace the file atomically (util/atomic.h).
 */
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
