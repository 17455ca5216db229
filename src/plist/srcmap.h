/*
 * srcmap.h: what libplist 2.2's tree cannot say about a node, kept beside
 * it: where the node came from (its byte offset in the file) and integer
 * facts (sign, 16-byte width) that libplist's uint64 loses, and dates
 * beyond the 32-bit seconds of libplist 2.2's date API.  The tree builder
 * (plist-tree.h) fills a map; plist-doc.h reads it.
 */
#ifndef HS_SRCMAP_H
#define HS_SRCMAP_H

#include <stddef.h>

#define PLIST_SRC_NEGATIVE	0x01	/* integer: uint64 holds a negative */
#define PLIST_SRC_INT128	0x02	/* integer: 16 bytes on disk */
#define PLIST_SRC_OVERFLOW	0x04	/* integer: does not fit 64 bits */
#define PLIST_SRC_DATE		0x08	/* date: its value is in date */

struct plist_src {
	const void	*node;		/* a libplist node */
	long long	 pos;		/* byte offset in the file */
	unsigned	 flags;
	double		 date;		/* PLIST_SRC_DATE: CFAbsoluteTime */
};

struct plist_srcmap {
	struct plist_src	*src;		/* owned; sorted by node once
						   plist_srcmap_index ran */
	size_t			 n;
	size_t			 cap;
};

/* Remember pos and flags for node.  HS_OK or HS_ENOMEM. */
int	plist_srcmap_note(struct plist_srcmap *, const void *, long long,
	    unsigned);
/* Remember a date node's exact value (CFAbsoluteTime). */
int	plist_srcmap_note_date(struct plist_srcmap *, const void *, long long,
	    double);
/* Sort what was noted, for plist_srcmap_find. */
void	plist_srcmap_index(struct plist_srcmap *);
/* The facts noted for node, or NULL. */
const struct plist_src *plist_srcmap_find(const struct plist_srcmap *,
	    const void *);
void	plist_srcmap_release(struct plist_srcmap *);

#endif
