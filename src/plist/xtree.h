/*
 * xtree.h: the compact tree an XML property list is read into.
 *
 * One array of 16-byte nodes in document order and one arena of text.
 * A container's children follow it (a dictionary's are key, value, key,
 * value, ...); it holds their number and where its subtree ends, which
 * is where its next sibling is (xtree_next).  A node remembers the byte
 * offset of its start tag, and beside the nodes an array holds where each
 * element ends: the XML editor cuts and splices at those offsets.  Lines
 * and columns are worked out only for messages (plist_doc_linecol).  Strings are interned: the same text is stored once, so a
 * key met again has the same offset, and two keys are equal exactly when
 * their offsets are.  Read through pval.h; libplist's tree of it is built
 * only on demand (plist-tree.h).
 */
#ifndef HS_XTREE_H
#define HS_XTREE_H

#include <stddef.h>
#include <stdint.h>

#include "util/idset.h"

enum xtree_type {
	XT_DICT = 1, XT_ARRAY, XT_BOOL, XT_INT, XT_REAL, XT_DATE, XT_STRING,
	XT_DATA
};

/* flags */
#define XT_NEGATIVE	0x01	/* integer: u holds a negative number */

struct xnode {
	uint8_t		 type;		/* enum xtree_type */
	uint8_t		 flags;
	uint16_t	 unused;
	uint32_t	 pos;		/* byte offset of its start tag */
	union {
		struct {
			uint32_t	 end;	/* containers: past the subtree */
			uint32_t	 n;	/* children (dict: 2 per pair) */
		} kids;
		struct {
			uint32_t	 off;	/* strings, data: in the arena */
			uint32_t	 len;
		} str;
		uint64_t	 u;	/* integers, booleans */
		double		 d;	/* reals; dates as CFAbsoluteTime */
	} v;
};

struct xtree {
	struct xnode	*node;		/* owned */
	uint32_t	*end;		/* owned: per node, the byte offset
					   after its element's last '>' */
	uint32_t	 n;
	uint32_t	 cap;
	char		*arena;		/* owned: each text NUL-terminated */
	size_t		 alen;
	size_t		 acap;
	uint64_t	*itab;		/* owned: interned texts, each its
					   hash << 32 | its offset; 0 = free */
	size_t		 icap;		/* a power of two */
	size_t		 iused;
	struct hs_idset	 shadow;	/* key nodes a later equal key of
					   the same dictionary hides (as
					   CoreFoundation keeps the last) */
};

/* A set of interned key offsets, for one large dictionary. */
struct xtree_keyset {
	uint32_t	*slot;		/* owned; 0 = free */
	size_t		 cap;		/* a power of two */
	size_t		 used;
};

void	xtree_init(struct xtree *);
void	xtree_free(struct xtree *);
/* A new node of type at byte offset pos; *idx its index.  0 or
 * HS_ENOMEM. */
int	xtree_add(struct xtree *, enum xtree_type, uint32_t, uint32_t *);
/* Intern len bytes of text (no NUL inside): *off its arena offset. */
int	xtree_intern(struct xtree *, const char *, size_t, uint32_t *);
/* Store len bytes (not interned): *off their arena offset. */
int	xtree_bytes(struct xtree *, const void *, size_t, uint32_t *);
/* Text at an arena offset (NUL-terminated). */
static inline const char *
xtree_text(const struct xtree *t, uint32_t off)
{
	return t->arena + off;
}

/* The sibling after node k (when its container has one). */
static inline uint32_t
xtree_next(const struct xtree *t, uint32_t k)
{
	const struct xnode	*n = &t->node[k];

	return n->type == XT_DICT || n->type == XT_ARRAY ? n->v.kids.end :
	    k + 1;
}

/* Add an interned offset: 1 when new, 0 when already there, or
 * HS_ENOMEM.  Caller frees with xtree_keyset_free. */
int	xtree_keyset_add(struct xtree_keyset *, uint32_t);
void	xtree_keyset_free(struct xtree_keyset *);

#endif
