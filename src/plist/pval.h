/*
 * pval.h: a read-only look at one value of a plist_doc, the same for
 * both formats.  Binary documents are read straight from their validated
 * object table (no tree is built: a million-entry store stays a few bytes
 * per object); XML documents from their compact tree (xtree.h).
 *
 * A struct pval is a small value type, copied freely; it borrows the
 * document and is valid while the document is.
 */
#ifndef HS_PVAL_H
#define HS_PVAL_H

#include <stddef.h>
#include <stdint.h>

#include "plist/plist-doc.h"
#include "util/arena.h"

enum pval_type {
	PVAL_NONE,		/* no such value */
	PVAL_DICT, PVAL_ARRAY, PVAL_BOOL, PVAL_INT, PVAL_REAL, PVAL_DATE,
	PVAL_STRING, PVAL_DATA, PVAL_OTHER
};

struct pval {
	const struct plist_doc	*doc;
	enum pval_type		 type;
	uint64_t		 count;		/* dict: pairs; array: items */
	uint64_t		 obj;		/* binary: object index; XML:
						   node index */
	uint64_t		 payload;	/* binary: where its bytes start, */
	uint64_t		 size;		/* and their count */
	unsigned char		 marker;
};

/* Going through a dictionary's pairs in order. */
struct pval_iter {
	struct pval		 dict;
	uint64_t		 i;
	uint32_t		 next;		/* XML: the next key's node */
};

/* The root value. */
struct pval	pval_root(const struct plist_doc *);
/*
 * The next pair of a dictionary: 1 and *key new UTF-8 text (caller
 * frees) and *val its value, or 0 at the end, or HS_ENOMEM.  As in
 * CoreFoundation, of equal keys only the last one's pair is met (and
 * pval_dict_get finds the last).
 */
void		pval_iter_init(struct pval_iter *, const struct pval *);
int		pval_iter_next(struct pval_iter *, char **, struct pval *);
/* The same with the key as a value, nothing allocated: 1, or 0 at the end. */
int		pval_iter_pair(struct pval_iter *, struct pval *, struct pval *);
/*
 * The same with the value not yet read: its type and where it is, for
 * pval_at.  A store of 200,000 entries is walked twice per edit, and most
 * values are only counted.
 */
int		pval_iter_peek(struct pval_iter *, struct pval *,
		    enum pval_type *, uint64_t *);
/* The next item of an array (pval_iter_init on it): 1, or 0 at the end. */
int		pval_iter_item(struct pval_iter *, struct pval *);
/* The value at obj (a pval's obj, or pval_iter_peek's). */
struct pval	pval_at(const struct plist_doc *, uint64_t);
/*
 * A string's text, NUL-terminated, copied into arena a (in UTF-8); NULL
 * when v is not a string or there is no memory.
 */
char		*pval_text_in(const struct pval *, struct hs_arena *);
/*
 * A string's UTF-8 bytes where they lie, not NUL-terminated, *len their
 * count; NULL when they must be decoded first (UTF-16) or v is not a
 * string.
 */
const char	*pval_text_peek(const struct pval *, size_t *);
/*
 * A string's text, NUL-terminated: copied into buf (cap bytes) when it
 * lies ready and fits, as nearly every key does, else decoded into arena
 * a.  NULL when v is not a string or there is no memory.
 */
const char	*pval_text_buf(const struct pval *, char *, size_t,
		    struct hs_arena *);
/* The value for key, or a PVAL_NONE value. */
struct pval	pval_dict_get(const struct pval *, const char *);
/*
 * Several keys in one pass: vals[i] is the value of keys[i] (PVAL_NONE
 * when absent).  hints[i], kept by the caller from one dictionary to the
 * next (start at PVAL_NO_HINT), remembers the object holding keys[i] in a
 * binary document, where CoreFoundation writes each key string once
 * however many dictionaries use it; a key met again is then recognised
 * by its object number, without reading its text (in an XML document,
 * where keys are interned, by its text's offset).
 */
#define PVAL_NO_HINT	UINT64_MAX
void		pval_dict_get_many(const struct pval *, const char *const *,
		    size_t, struct pval *, uint64_t *);
/* Integers (signed or not, up to 64 bits), reals and dates as a double;
 * -1 for other types and for integers that do not fit 64 bits. */
int		pval_number(const struct pval *, double *);
/* Booleans; 0 for anything else. */
int		pval_true(const struct pval *);
/*
 * An integer's 64 bits in *u, and in *flags what else is true of it
 * (PLIST_SRC_NEGATIVE: *u holds a negative; PLIST_SRC_INT128: 16 bytes on
 * disk; PLIST_SRC_OVERFLOW: it does not fit 64 bits); -1 for others.
 */
int		pval_int(const struct pval *, uint64_t *, unsigned *);
/* Data's bytes where they lie and their count; NULL for other types. */
const void	*pval_data(const struct pval *, size_t *);
/* A binary document's UID (keyed archives): 0 and *u, else -1. */
int		pval_uid(const struct pval *, uint64_t *);
/* Where v starts in the file: a byte offset (XML: of its start tag). */
uint64_t	pval_offset(const struct pval *);
/* " (at offset N)" or " (at line L:C)", or "" when unknown. */
const char	*pval_where(const struct pval *, char *, size_t);

#endif
