/* plist-edit.c: comparing edits' paths, and sets of keys to remove. */
#include <stdlib.h>
#include <string.h>

#include "plist/plist-edit.h"

struct plist_key {
	const char	*key;
	int		 taken;
};

static int
plist_key_cmp(const void *a, const void *b)
{
	return strcmp(((const struct plist_key *)a)->key,
	    ((const struct plist_key *)b)->key);
}

int
plist_keyset_init(struct plist_keyset *ks, const struct plist_edit *ed,
    size_t n)
{
	size_t	i;

	ks->n = n;
	if ((ks->keys = calloc(n ? n : 1, sizeof *ks->keys)) == NULL)
		return HS_ENOMEM;
	for (i = 0; i < n; i++)
		ks->keys[i].key = ed[i].key;
	qsort(ks->keys, n, sizeof *ks->keys, plist_key_cmp);
	return HS_OK;
}

int
plist_keyset_take(struct plist_keyset *ks, const char *s, size_t len)
{
	size_t	lo = 0, hi = ks->n, mid;
	int	c;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		c = strncmp(ks->keys[mid].key, s, len);
		if (c == 0 && ks->keys[mid].key[len] != '\0')
			c = 1;
		/* Every copy of a key a dictionary holds twice is taken. */
		if (c == 0)
			return ks->keys[mid].taken = 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

int
plist_keyset_check(const struct plist_keyset *ks, struct hs_error *err)
{
	size_t	i;

	for (i = 0; i < ks->n; i++)
		if (!ks->keys[i].taken)
			return hs_error_set(err, HS_EINVAL, "no key \"%s\" to "
			    "remove", ks->keys[i].key);
	return HS_OK;
}

void
plist_keyset_release(struct plist_keyset *ks)
{
	free(ks->keys);
	ks->keys = NULL;
}

int
plist_edit_same_path(const struct plist_edit *a, const struct plist_edit *b)
{
	size_t	i;

	if (a->depth != b->depth)
		return 0;
	for (i = 0; i < a->depth; i++)
		if (strcmp(a->path[i], b->path[i]) != 0)
			return 0;
	return 1;
}

size_t
plist_edit_run(const struct plist_edit *ed, size_t n)
{
	size_t	run = 1;

	if (ed[0].op == PLIST_EDIT_SET)
		return 1;
	while (run < n && ed[run].op == ed[0].op &&
	    plist_edit_same_path(&ed[0], &ed[run]) &&
	    (ed[0].op == PLIST_EDIT_REMOVE || strcmp(ed[0].key,
	    ed[run].key) == 0))
		run++;
	return run;
}

int
plist_edit_item_gone(const struct plist_edit *ed, size_t n, uint64_t i)
{
	size_t	k;

	for (k = 0; k < n; k++)
		if (ed[k].index == i)
			return 1;
	return 0;
}

int
plist_edit_dup_error(struct hs_error *err, const char *key, size_t n)
{
	return hs_error_set(err, HS_EFORMAT, "the dictionary holds the key "
	    "\"%.200s\" %zu times (CoreFoundation reads the last); remove "
	    "it before setting it", key, n);
}
