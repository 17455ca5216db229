/* srcmap.c: facts about libplist's nodes; see srcmap.h. */
#include <stdint.h>
#include <stdlib.h>

#include "plist/srcmap.h"
#include "util/error.h"

static int
plist_src_cmp(const void *a, const void *b)
{
	uintptr_t	x = (uintptr_t)((const struct plist_src *)a)->node;
	uintptr_t	y = (uintptr_t)((const struct plist_src *)b)->node;

	return (x > y) - (x < y);
}

int
plist_srcmap_note(struct plist_srcmap *m, const void *node, long long pos,
    unsigned flags)
{
	struct plist_src	*n;
	size_t			 cap;

	if (m->n == m->cap) {
		cap = m->cap ? m->cap * 2 : 256;
		if ((n = realloc(m->src, cap * sizeof *n)) == NULL)
			return HS_ENOMEM;
		m->src = n;
		m->cap = cap;
	}
	n = &m->src[m->n++];
	n->node = node;
	n->pos = pos;
	n->flags = flags;
	n->date = 0;
	return HS_OK;
}

int
plist_srcmap_note_date(struct plist_srcmap *m, const void *node,
    long long pos, double cf)
{
	if (plist_srcmap_note(m, node, pos, PLIST_SRC_DATE) != HS_OK)
		return HS_ENOMEM;
	m->src[m->n - 1].date = cf;
	return HS_OK;
}

void
plist_srcmap_index(struct plist_srcmap *m)
{
	if (m->n > 0)
		qsort(m->src, m->n, sizeof *m->src, plist_src_cmp);
}

const struct plist_src *
plist_srcmap_find(const struct plist_srcmap *m, const void *node)
{
	struct plist_src	key;

	if (m == NULL || m->n == 0)
		return NULL;
	key.node = node;
	return bsearch(&key, m->src, m->n, sizeof *m->src, plist_src_cmp);
}

void
plist_srcmap_release(struct plist_srcmap *m)
{
	free(m->src);
	m->src = NULL;
	m->n = m->cap = 0;
}
