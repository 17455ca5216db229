/* idset.c: a sorted set of numbers; see idset.h. */
#include <stdlib.h>
#include <string.h>

#include "util/error.h"
#include "util/idset.h"

int
hs_idset_add(struct hs_idset *s, uint64_t id)
{
	uint64_t	*nv;
	size_t		 cap;

	if (s->n == s->cap) {
		cap = s->cap ? s->cap * 2 : 16;
		if ((nv = realloc(s->v, cap * sizeof *nv)) == NULL)
			return HS_ENOMEM;
		s->v = nv;
		s->cap = cap;
	}
	s->v[s->n++] = id;
	return HS_OK;
}

static int
hs_id_cmp(const void *a, const void *b)
{
	uint64_t	x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

void
hs_idset_seal(struct hs_idset *s)
{
	if (s->n > 1)
		qsort(s->v, s->n, sizeof *s->v, hs_id_cmp);
}

int
hs_idset_has(const struct hs_idset *s, uint64_t id)
{
	size_t	lo = 0, hi = s->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (s->v[mid] == id)
			return 1;
		if (s->v[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

void
hs_idset_free(struct hs_idset *s)
{
	free(s->v);
	memset(s, 0, sizeof *s);
}
