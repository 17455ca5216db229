/*
 * xmlplist-tree.c: libplist's tree of an XML document, built from its
 * compact tree (xtree.h) when a caller asks for it (plist_doc_tree: the
 * trust-exception code).  Containers keep their byte offset and integers
 * their sign in a srcmap, as for binary documents; see xmlplist.h.
 */
#include <stdint.h>
#include <stdlib.h>

#include "plist/xmlplist.h"

struct xt_build {
	const struct xtree	*t;
	struct plist_srcmap	*m;
};

static plist_t	xt_plist(const struct xt_build *, uint32_t, int *);

/* Fill container c from node n's children; *r set on failure. */
static void
xt_fill(const struct xt_build *b, const struct xnode *n, plist_t c, int *r)
{
	const struct xtree	*t = b->t;
	plist_t			 item;
	uint32_t		 i, k, key;

	for (i = 0, k = (uint32_t)(n - t->node) + 1; i < n->v.kids.n &&
	    *r == HS_OK; i++, k = xtree_next(t, k)) {
		key = k;
		if (n->type == XT_DICT) {
			k++;
			i++;
		}
		if ((item = xt_plist(b, k, r)) == NULL)
			return;
		if (n->type == XT_ARRAY)
			plist_array_append_item(c, item);
		else
			plist_dict_set_item(c, xtree_text(t,
			    t->node[key].v.str.off), item);
	}
}

/* Node idx as a new libplist node, or NULL with *r set. */
static plist_t
xt_plist(const struct xt_build *b, uint32_t idx, int *r)
{
	const struct xnode	*n = &b->t->node[idx];
	plist_t			 p = NULL;

	switch (n->type) {
	case XT_DICT:
	case XT_ARRAY:
		p = n->type == XT_DICT ? plist_new_dict() : plist_new_array();
		if (p != NULL && plist_srcmap_note(b->m, p, n->pos, 0) ==
		    HS_OK)
			xt_fill(b, n, p, r);
		else
			*r = HS_ENOMEM;
		break;
	case XT_BOOL:
		p = plist_new_bool(n->v.u != 0);
		break;
	case XT_INT:
		p = plist_new_uint(n->v.u);
		if (p != NULL && (n->flags & XT_NEGATIVE) &&
		    plist_srcmap_note(b->m, p, n->pos, PLIST_SRC_NEGATIVE) !=
		    HS_OK)
			*r = HS_ENOMEM;
		break;
	case XT_REAL:
		p = plist_new_real(n->v.d);
		break;
	case XT_DATE:
		/* In range: the reader checked (32-bit seconds). */
		p = plist_new_date((int32_t)n->v.d, 0);
		break;
	case XT_STRING:
		p = plist_new_string(xtree_text(b->t, n->v.str.off));
		break;
	case XT_DATA:
		p = plist_new_data(xtree_text(b->t, n->v.str.off),
		    n->v.str.len);
		break;
	}
	if (p == NULL && *r == HS_OK)
		*r = HS_ENOMEM;
	if (*r != HS_OK && p != NULL) {
		plist_free(p);
		p = NULL;
	}
	return p;
}

int
xmlplist_tree(const struct xtree *t, plist_t *root, struct plist_srcmap *m,
    struct hs_error *err)
{
	struct xt_build	b = { t, m };
	int		r = HS_OK;

	if (t->n == 0)
		return hs_error_set(err, HS_EFORMAT, "empty document");
	if ((*root = xt_plist(&b, 0, &r)) == NULL)
		return hs_error_set(err, r, "out of memory");
	plist_srcmap_index(m);
	return HS_OK;
}
