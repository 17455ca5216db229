/*
 * fuzz-edit.c: the edit path.  Parse; if the input is a dictionary
 * holding a dictionary, remove one key from it (chosen by the first
 * bytes), write it in the same format, parse the result again.  The
 * result must equal the original tree without that key; any difference
 * is a crash.  The same edit built over the input's own bytes
 * (plist_doc_apply_over) must give the same bytes.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "plist/plist-doc.h"
#include "plist/plist-tree.h"
#include "plist/plist-txn.h"

static int	same_tree(plist_t, plist_t);

static int
same_dict(plist_t a, plist_t b)
{
	plist_dict_iter	 it = NULL;
	plist_t		 v;
	char		*k = NULL;
	int		 ok = 1;

	if (plist_dict_get_size(a) != plist_dict_get_size(b))
		return 0;
	plist_dict_new_iter(a, &it);
	for (;;) {
		plist_dict_next_item(a, it, &k, &v);
		if (k == NULL)
			break;
		ok = ok && same_tree(v, plist_dict_get_item(b, k));
		free(k);
	}
	free(it);
	return ok;
}

/* Equal trees; reals by bit pattern, so that NaN equals itself. */
static int
same_tree(plist_t a, plist_t b)
{
	double		 x, y;
	uint32_t	 i, n;

	if (a == NULL || b == NULL || plist_get_node_type(a) !=
	    plist_get_node_type(b))
		return 0;
	switch (plist_get_node_type(a)) {
	case PLIST_DICT:
		return same_dict(a, b);
	case PLIST_ARRAY:
		if ((n = plist_array_get_size(a)) != plist_array_get_size(b))
			return 0;
		for (i = 0; i < n; i++)
			if (!same_tree(plist_array_get_item(a, i),
			    plist_array_get_item(b, i)))
				return 0;
		return 1;
	case PLIST_REAL:
		plist_get_real_val(a, &x);
		plist_get_real_val(b, &y);
		return memcmp(&x, &y, sizeof x) == 0 ||
		    (isnan(x) && isnan(y));
	default:
		return plist_compare_node_value(a, b);
	}
}

/* The n-th key of dictionary d whose value is a dictionary, or NULL. */
static char *
nth_key(plist_t d, unsigned n, int want_dict)
{
	plist_dict_iter	 it = NULL;
	plist_t		 v;
	char		*k = NULL, *found = NULL;
	uint32_t	 size = plist_dict_get_size(d), i = 0;

	if (size == 0)
		return NULL;
	n %= size;
	plist_dict_new_iter(d, &it);
	for (;;) {
		plist_dict_next_item(d, it, &k, &v);
		if (k == NULL)
			break;
		if (found == NULL && i++ >= n &&
		    (!want_dict || plist_get_node_type(v) == PLIST_DICT))
			found = k;
		else
			free(k);
	}
	free(it);
	return found;
}

/* The edit built over a fresh copy of the input equals want. */
static int
same_over(const uint8_t *data, size_t len, const struct plist_edit *ed,
    const char *want, size_t wlen)
{
	struct plist_doc	*doc;
	struct hs_error		 err;
	char			*out = NULL;
	size_t			 outlen = 0;
	int			 same;

	hs_error_init(&err);
	if (plist_doc_parse(data, len, &doc, &err) != HS_OK)
		return 0;
	if (plist_doc_apply_over(doc, ed, 1, &out, &outlen, &err) != HS_OK)
		same = err.code == HS_ENOMEM;
	else
		same = outlen == wlen && memcmp(out, want, wlen) == 0;
	plist_doc_free(doc);
	free(out);
	return same;
}

int
fuzz_edit(const uint8_t *data, size_t len)
{
	struct plist_doc	*doc = NULL, *back = NULL;
	struct plist_edit	 ed;
	struct hs_error		 err;
	plist_t			 want = NULL;
	char			*session = NULL, *key = NULL, *out = NULL;
	const char		*path[1];
	size_t			 outlen;

	hs_error_init(&err);
	if (len < 2 || plist_doc_parse(data, len, &doc, &err) != HS_OK)
		return 0;
	if (plist_get_node_type(plist_doc_root(doc)) != PLIST_DICT ||
	    (session = nth_key(plist_doc_root(doc), data[0], 1)) == NULL ||
	    (key = nth_key(plist_dict_get_item(plist_doc_root(doc), session), data[1],
	    0)) == NULL)
		goto done;
	path[0] = session;
	ed = (struct plist_edit){ .op = PLIST_EDIT_REMOVE, .path = path,
	    .depth = 1, .key = key };
	if (plist_doc_apply(doc, &ed, 1, &out, &outlen, &err) != HS_OK) {
		if (err.code != HS_ENOMEM)
			abort();	/* a valid document, a key it has */
		goto done;
	}
	if (plist_doc_parse(out, outlen, &back, &err) != HS_OK ||
	    back->format != doc->format)
		abort();		/* what we wrote does not read */
	want = plist_copy(plist_doc_root(doc));
	plist_dict_remove_item(plist_dict_get_item(want, session), key);
	if (!same_tree(want, plist_doc_root(back)))
		abort();		/* something else changed */
	if (!same_over(data, len, &ed, out, outlen))
		abort();		/* built over the input, it differs */
done:
	plist_free(want);
	plist_doc_free(back);
	plist_doc_free(doc);
	free(out);
	free(session);
	free(key);
	return 0;
}
