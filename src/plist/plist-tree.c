/*
 * plist-tree.c: libplist's tree of a document, built from pval.h; see
 * plist-tree.h.  Nesting is bounded by the readers (512 levels), and the
 * nodes a binary document's shared references expand to by its budget.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "plist/plist-tree.h"
#include "plist/pval.h"
#include "util/arena.h"

struct pt_build {
	struct plist_srcmap	*m;
	struct hs_arena		 text;
	int			 r;
};

static plist_t	pt_node(struct pt_build *, const struct pval *);

/* Note a fact about node p, made from v; 0 or HS_ENOMEM in b->r. */
static void
pt_note(struct pt_build *b, plist_t p, const struct pval *v, unsigned flags)
{
	if (b->r == HS_OK && plist_srcmap_note(b->m, p, (long long)
	    pval_offset(v), flags) != HS_OK)
		b->r = HS_ENOMEM;
}

static void
pt_fill(struct pt_build *b, const struct pval *v, plist_t c)
{
	struct pval_iter	 it;
	struct pval		 item;
	plist_t			 p;
	char			*key;
	int			 n = 0;

	pval_iter_init(&it, v);
	if (v->type == PVAL_ARRAY) {
		while (b->r == HS_OK && pval_iter_item(&it, &item) == 1)
			if ((p = pt_node(b, &item)) != NULL)
				plist_array_append_item(c, p);
		return;
	}
	/* Pairs as CoreFoundation keeps them: the last of equal keys. */
	while (b->r == HS_OK && (n = pval_iter_next(&it, &key, &item)) == 1) {
		if ((p = pt_node(b, &item)) != NULL)
			plist_dict_set_item(c, key, p);
		free(key);
	}
	if (n < 0)
		b->r = HS_ENOMEM;
}

static plist_t
pt_number(struct pt_build *b, const struct pval *v)
{
	plist_t		 p = NULL;
	uint64_t	 u;
	unsigned	 flags;
	double		 d = 0;

	if (v->type == PVAL_INT) {
		pval_int(v, &u, &flags);
		if ((p = plist_new_uint(u)) != NULL && flags != 0)
			pt_note(b, p, v, flags);
		return p;
	}
	pval_number(v, &d);
	if (v->type == PVAL_REAL)
		return plist_new_real(d);
	/* libplist 2.2 takes 32-bit seconds; the exact date is noted. */
	p = plist_new_date(isnan(d) ? 0 : d < INT32_MIN ? INT32_MIN :
	    d > INT32_MAX ? INT32_MAX : (int32_t)d, 0);
	if (p != NULL && b->r == HS_OK && plist_srcmap_note_date(b->m, p,
	    (long long)pval_offset(v), d) != HS_OK)
		b->r = HS_ENOMEM;
	return p;
}

/* Value v as a new libplist node, or NULL with b->r set. */
static plist_t
pt_node(struct pt_build *b, const struct pval *v)
{
	plist_t		 p = NULL;
	const void	*data;
	const char	*s;
	uint64_t	 u;
	size_t		 len;

	switch (v->type) {
	case PVAL_DICT:
	case PVAL_ARRAY:
		p = v->type == PVAL_DICT ? plist_new_dict() : plist_new_array();
		if (p != NULL) {
			pt_note(b, p, v, 0);
			pt_fill(b, v, p);
		}
		break;
	case PVAL_BOOL:
		p = plist_new_bool(pval_true(v));
		break;
	case PVAL_INT:
	case PVAL_REAL:
	case PVAL_DATE:
		p = pt_number(b, v);
		break;
	case PVAL_STRING:
		if ((s = pval_text_in(v, &b->text)) != NULL)
			p = plist_new_string(s);
		break;
	case PVAL_DATA:
		data = pval_data(v, &len);
		p = plist_new_data(data, len);
		break;
	default:
		if (pval_uid(v, &u) == 0)
			p = plist_new_uid(u);
		else if (b->r == HS_OK)
			b->r = HS_EFORMAT;
		break;
	}
	if (p == NULL && b->r == HS_OK)
		b->r = HS_ENOMEM;
	if (b->r != HS_OK && p != NULL) {
		plist_free(p);
		p = NULL;
	}
	return p;
}

int
plist_tree_build(const struct plist_doc *doc, plist_t *root,
    struct plist_srcmap *m, struct hs_error *err)
{
	struct pt_build	b = { m, HS_ARENA_INIT, HS_OK };
	struct pval	v = pval_root(doc);

	*root = pt_node(&b, &v);
	hs_arena_free(&b.text);
	if (b.r == HS_ENOMEM)
		return hs_error_set(err, HS_ENOMEM, "out of memory");
	if (b.r != HS_OK)
		return hs_error_set(err, HS_EFORMAT, "a value of a kind "
		    "property lists do not hold");
	plist_srcmap_index(m);
	return HS_OK;
}

int
plist_doc_tree(const struct plist_doc *doc, plist_t *root,
    struct hs_error *err)
{
	/* Built once, on demand: a cache, so the document stays const. */
	struct plist_doc	*d = (struct plist_doc *)doc;
	int			 r;

	*root = NULL;
	if (d->root == NULL) {
		if ((r = plist_tree_build(d, &d->root, &d->src, err)) !=
		    HS_OK) {
			if (d->root != NULL)
				plist_free(d->root);
			d->root = NULL;
			return r;
		}
	}
	*root = d->root;
	return HS_OK;
}

plist_t
plist_doc_root(const struct plist_doc *doc)
{
	struct hs_error	err;
	plist_t		root;

	hs_error_init(&err);
	(void)plist_doc_tree(doc, &root, &err);
	return root;
}
