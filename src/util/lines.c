/* lines.c: line and column of a byte offset; see lines.h. */
#include <stdlib.h>
#include <string.h>

#include "util/lines.h"

static int
hs_lines_index(struct hs_lines *l, const char *p, size_t len)
{
	const char	*q, *end = p + len;
	size_t		 n = 1;

	for (q = p; (q = memchr(q, '\n', (size_t)(end - q))) != NULL; q++)
		n++;
	if ((l->start = malloc(n * sizeof *l->start)) == NULL)
		return -1;
	l->start[0] = 0;
	for (q = p, n = 1; (q = memchr(q, '\n', (size_t)(end - q))) != NULL;
	    q++)
		l->start[n++] = (uint32_t)(q + 1 - p);
	l->n = n;
	return 0;
}

void
hs_lines_find(struct hs_lines *l, const char *p, size_t len, size_t off,
    unsigned *line, unsigned *col)
{
	size_t	lo = 0, hi, mid;

	*line = *col = 0;
	if (off > len)
		off = len;
	if (l->start == NULL && hs_lines_index(l, p, len) != 0)
		return;
	/* The last line starting at or before off. */
	for (hi = l->n; hi - lo > 1; ) {
		mid = lo + (hi - lo) / 2;
		if (l->start[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	*line = (unsigned)lo + 1;
	*col = (unsigned)(off - l->start[lo]) + 1;
}

void
hs_lines_release(struct hs_lines *l)
{
	free(l->start);
	l->start = NULL;
	l->n = 0;
}

int
hs_lines_next(const char *p, size_t len, size_t *off, struct hs_line *l)
{
	const char	*nl;
	size_t		 at = *off;

	if (at >= len)
		return 0;
	nl = memchr(p + at, '\n', len - at);
	l->p = p + at;
	l->at = at;
	l->span = nl ? (size_t)(nl - (p + at)) + 1 : len - at;
	l->len = nl ? (size_t)(nl - (p + at)) : len - at;
	if (l->len > 0 && l->p[l->len - 1] == '\r')
		l->len--;
	l->no++;
	*off = at + l->span;
	return 1;
}
