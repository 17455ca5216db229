/* xtree.c: the compact tree of an XML property list; see xtree.h. */
#include <stdlib.h>
#include <string.h>

#include "plist/xtree.h"
#include "util/error.h"
#include "util/hash.h"

void
xtree_init(struct xtree *t)
{
	memset(t, 0, sizeof *t);
}

void
xtree_free(struct xtree *t)
{
	free(t->node);
	free(t->end);
	free(t->arena);
	free(t->itab);
	hs_idset_free(&t->shadow);
	memset(t, 0, sizeof *t);
}

int
xtree_add(struct xtree *t, enum xtree_type type, uint32_t pos,
    uint32_t *idx)
{
	struct xnode	*nn;
	uint32_t	*ne, cap;

	if (t->n == t->cap) {
		if (t->cap >= UINT32_MAX / 2)
			return HS_ENOMEM;
		cap = t->cap ? t->cap * 2 : 1024;
		if ((nn = realloc(t->node, (size_t)cap * sizeof *nn)) == NULL)
			return HS_ENOMEM;
		t->node = nn;
		if ((ne = realloc(t->end, (size_t)cap * sizeof *ne)) == NULL)
			return HS_ENOMEM;
		t->end = ne;
		t->cap = cap;
	}
	t->end[t->n] = pos;
	nn = &t->node[t->n];
	memset(nn, 0, sizeof *nn);
	nn->type = (uint8_t)type;
	nn->pos = pos;
	*idx = t->n++;
	return HS_OK;
}

/* Room for len more arena bytes; offsets must fit 32 bits. */
static int
xtree_reserve(struct xtree *t, size_t len)
{
	char	*na;
	size_t	 cap = t->acap ? t->acap : 4096;

	if (len > UINT32_MAX - t->alen)
		return HS_ENOMEM;
	while (cap < t->alen + len)
		cap *= 2;
	if (cap != t->acap) {
		if ((na = realloc(t->arena, cap)) == NULL)
			return HS_ENOMEM;
		t->arena = na;
		t->acap = cap;
	}
	if (t->alen == 0)
		t->arena[t->alen++] = '\0';	/* offset 0 means "none" */
	return HS_OK;
}

int
xtree_bytes(struct xtree *t, const void *p, size_t len, uint32_t *off)
{
	int	r;

	if ((r = xtree_reserve(t, len + 2)) != HS_OK)
		return r;
	*off = (uint32_t)t->alen;
	if (len > 0)
		memcpy(t->arena + t->alen, p, len);
	t->arena[t->alen + len] = '\0';
	t->alen += len + 1;
	return HS_OK;
}

static int
xtree_itab_grow(struct xtree *t)
{
	uint64_t	*tab;
	size_t		 cap = t->icap ? t->icap * 2 : 1024, i, j;

	if ((tab = calloc(cap, sizeof *tab)) == NULL)
		return HS_ENOMEM;
	for (i = 0; i < t->icap; i++) {
		if (t->itab[i] == 0)
			continue;
		for (j = (t->itab[i] >> 32) & (cap - 1); tab[j] != 0;
		    j = (j + 1) & (cap - 1))
			;
		tab[j] = t->itab[i];
	}
	free(t->itab);
	t->itab = tab;
	t->icap = cap;
	return HS_OK;
}

int
xtree_intern(struct xtree *t, const char *s, size_t len, uint32_t *off)
{
	const char	*have;
	uint64_t	 h;
	size_t		 j;
	int		 r;

	if ((t->iused + 1) * 2 > t->icap && (r = xtree_itab_grow(t)) != HS_OK)
		return r;
	h = hs_hash_bytes(s, len) >> 32;
	for (j = h & (t->icap - 1); t->itab[j] != 0; j = (j + 1) &
	    (t->icap - 1)) {
		if ((t->itab[j] >> 32) != h)
			continue;
		have = t->arena + (uint32_t)t->itab[j];
		if (memcmp(have, s, len) == 0 && have[len] == '\0') {
			*off = (uint32_t)t->itab[j];
			return HS_OK;
		}
	}
	if ((r = xtree_bytes(t, s, len, off)) != HS_OK)
		return r;
	t->itab[j] = h << 32 | *off;
	t->iused++;
	return HS_OK;
}

static size_t
xtree_keyset_pos(const struct xtree_keyset *ks, uint32_t off)
{
	return (size_t)(((uint64_t)off * 0x9e3779b97f4a7c15ULL) >> 32) &
	    (ks->cap - 1);
}

static int
xtree_keyset_grow(struct xtree_keyset *ks)
{
	struct xtree_keyset	 n;
	size_t			 i, j;

	n.cap = ks->cap ? ks->cap * 2 : 64;
	n.used = ks->used;
	if ((n.slot = calloc(n.cap, sizeof *n.slot)) == NULL)
		return HS_ENOMEM;
	for (i = 0; i < ks->cap; i++) {
		if (ks->slot[i] == 0)
			continue;
		for (j = xtree_keyset_pos(&n, ks->slot[i]); n.slot[j] != 0;
		    j = (j + 1) & (n.cap - 1))
			;
		n.slot[j] = ks->slot[i];
	}
	free(ks->slot);
	*ks = n;
	return HS_OK;
}

int
xtree_keyset_add(struct xtree_keyset *ks, uint32_t off)
{
	size_t	j;
	int	r;

	if ((ks->used + 1) * 2 > ks->cap && (r = xtree_keyset_grow(ks)) !=
	    HS_OK)
		return r;
	for (j = xtree_keyset_pos(ks, off); ks->slot[j] != 0;
	    j = (j + 1) & (ks->cap - 1))
		if (ks->slot[j] == off)
			return 0;
	ks->slot[j] = off;
	ks->used++;
	return 1;
}

void
xtree_keyset_free(struct xtree_keyset *ks)
{
	free(ks->slot);
	memset(ks, 0, sizeof *ks);
}
