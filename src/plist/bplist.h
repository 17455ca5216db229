/*
 * bplist.h: the binary property list (bplist00) object table.
 *
 * Reads the header, trailer and offset table, decodes one object's marker
 * with every length and reference bounds-checked, and validates the whole
 * object graph before any other code (libplist included) sees the bytes.
 * Format facts and what is refused: doc/formats.md section 4.
 */
#ifndef HS_BPLIST_H
#define HS_BPLIST_H

#include <stddef.h>
#include <stdint.h>

#include "util/error.h"
#include "util/idset.h"

#define BPLIST_HEADER_LEN	8
#define BPLIST_TRAILER_LEN	32
/* Deepest container nesting accepted (the root is depth 1). */
#define BPLIST_MAX_DEPTH	512

/* Object kinds, named after the marker's high nibble. */
enum bplist_kind {
	BPLIST_BOOL,		/* 0x08, 0x09 */
	BPLIST_INT,		/* 0x1n */
	BPLIST_REAL,		/* 0x2n */
	BPLIST_DATE,		/* 0x33 */
	BPLIST_DATA,		/* 0x4n */
	BPLIST_ASCII,		/* 0x5n */
	BPLIST_UTF16,		/* 0x6n */
	BPLIST_UID,		/* 0x8n */
	BPLIST_ARRAY,		/* 0xAn */
	BPLIST_SET,		/* 0xCn */
	BPLIST_DICT		/* 0xDn */
};

struct bplist {
	const unsigned char	*data;		/* borrowed: the whole file */
	size_t			 len;
	unsigned		 offset_size;	/* bytes per offset-table entry */
	unsigned		 ref_size;	/* bytes per object reference */
	uint64_t		 nobjects;
	uint64_t		 top;		/* index of the root object */
	uint64_t		 table;		/* file offset of the offset table */
	int			 ascending;	/* offsets rise with the index */
	int			 tight;		/* bplist_validate: ascending, and
						   each object it reached ends by
						   where the next one starts (so a
						   rewrite that only shrinks
						   objects can work in place) */
	struct hs_idset		 shadow;	/* bplist_validate: the key
						   references (by the file offset
						   of the reference) that a later
						   equal key of the same dictionary
						   hides, as CoreFoundation keeps
						   the last; free with
						   bplist_release */
};

struct bplist_obj {
	enum bplist_kind	 kind;
	unsigned char		 marker;
	uint64_t		 offset;	/* where the marker byte is */
	uint64_t		 payload;	/* where the value or refs start */
	uint64_t		 count;		/* bytes (int, real, data, ASCII),
						   UTF-16 units, or references
						   (dicts: pairs) */
	uint64_t		 end;		/* one past the last byte */
};

/*
 * Check header, trailer and offset table as CoreFoundation does (widths
 * of 1 to 8 bytes, the table ending where the trailer starts).  Borrows
 * buf.
 */
int		bplist_open(struct bplist *, const void *, size_t,
		    struct hs_error *);
/* Decode the marker of object idx, with all bounds checked. */
int		bplist_object(const struct bplist *, uint64_t,
		    struct bplist_obj *, struct hs_error *);
/*
 * Big-endian unsigned integer of n (1..8) bytes at p.  Inline, with the
 * widths references and offsets use spelled out: every read of a store
 * goes through here once per reference.
 */
static inline uint64_t
bplist_be(const unsigned char *p, unsigned n)
{
	uint64_t	v = 0;

	switch (n) {
	case 1:
		return p[0];
	case 2:
		return (uint64_t)p[0] << 8 | p[1];
	case 4:
		return (uint64_t)p[0] << 24 | (uint64_t)p[1] << 16 |
		    (uint64_t)p[2] << 8 | p[3];
	}
	while (n-- > 0)
		v = (v << 8) | *p++;
	return v;
}

/* Offset of object idx; idx must be < nobjects. */
static inline uint64_t
bplist_offset(const struct bplist *bp, uint64_t idx)
{
	return bplist_be(bp->data + bp->table + idx * bp->offset_size,
	    bp->offset_size);
}

/*
 * Is object idx an ASCII string of fewer than 256 bytes (as nearly every
 * dictionary key is) lying within the object area?  Then 1, with where
 * its bytes start and their count, read from the marker alone; else 0
 * (bplist_object says what it is).  For the hot loops over keys.
 */
static inline int
bplist_short_ascii(const struct bplist *bp, uint64_t idx, uint64_t *payload,
    uint64_t *len)
{
	uint64_t	at = bplist_offset(bp, idx), n;
	unsigned char	m = bp->data[at++];

	if ((m >> 4) != 0x5)
		return 0;
	if ((n = m & 0x0f) == 0x0f) {
		if (at + 2 > bp->table || bp->data[at] != 0x10)
			return 0;
		n = bp->data[at + 1];
		at += 2;
	}
	if (at > bp->table || n > bp->table - at)
		return 0;
	*payload = at;
	*len = n;
	return 1;
}

/* The i-th reference of the container whose references start at
 * payload (dicts: keys first, then values). */
static inline uint64_t
bplist_ref_at(const struct bplist *bp, uint64_t payload, uint64_t i)
{
	return bplist_be(bp->data + payload + i * bp->ref_size, bp->ref_size);
}

/* The i-th reference of container o. */
static inline uint64_t
bplist_ref(const struct bplist *bp, const struct bplist_obj *o, uint64_t i)
{
	return bplist_ref_at(bp, o->payload, i);
}
/* A validated UTF-16 string object as UTF-8; caller frees.  NULL: no memory. */
char		*bplist_utf16_to_utf8(const struct bplist *,
		    const struct bplist_obj *, size_t *);
/*
 * Validate everything reachable from the root: every reference in range,
 * no cycles, nesting at most BPLIST_MAX_DEPTH, dictionary keys are
 * strings, strings are valid, and the tree a reader would build (shared
 * references expanded) stays within a budget.  Of equal keys in one
 * dictionary all but the last are noted in bp->shadow.
 */
int		bplist_validate(struct bplist *, struct hs_error *);
void		bplist_release(struct bplist *);

#endif
