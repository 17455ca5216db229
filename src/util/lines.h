/*
 * lines.h: line and column of a byte offset in a text, for messages.
 * The line starts are indexed on first use and kept for the next call.
 */
#ifndef HS_LINES_H
#define HS_LINES_H

#include <stddef.h>
#include <stdint.h>

struct hs_lines {
	uint32_t	*start;		/* owned: where each line starts */
	size_t		 n;
};

#define HS_LINES_INIT	{ NULL, 0 }

/*
 * Line and column (1-based; the column in bytes) of off in the len bytes
 * at p, which must be the same text at every call with one index.  0 and
 * 0 when the index cannot be made (no memory).
 */
void	hs_lines_find(struct hs_lines *, const char *, size_t, size_t,
	    unsigned *, unsigned *);
void	hs_lines_release(struct hs_lines *);

/* One line of a text. */
struct hs_line {
	const char	*p;		/* its bytes, without the line end */
	size_t		 len;
	size_t		 at;		/* its offset in the text */
	size_t		 span;		/* its length with the line end */
	unsigned	 no;		/* 1-based */
};

/*
 * The line of the len bytes at p that starts at *off (the caller starts
 * at 0 with l->no 0): 1 and *l, *off moved past it; 0 at the end.  A line
 * ends at "\n" ("\r\n" too).
 */
int	hs_lines_next(const char *, size_t, size_t *, struct hs_line *);

#endif
