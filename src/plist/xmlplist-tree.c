/*
 * xmlplist-tree.c: libplist's tree of an XML document, built from its
 * compact tree (xtree.h) when a caller asks for it (plist_doc_tree: the
 * trust-exception code).  Containers keep their line:col and integers
 * their sign through plist_doc_note, as for binary documents.
 */
#include <stdint.h>
#include <stdlib.h>

#include "plist/plist-doc.h"

static plist_t	xt_plist(struct plist_doc *, uint32_t, int *);

/* Note node n's line:col for libplist's node p. */
static int
xt_note(struct plist_doc *doc, plist_t p, const struct xnode *n,
    unsigned flags)
{
	unsigned	line, col;

	plist_doc_linecol(doc, n->pos, &line, &col);
	return plist_doc_note(doc, p, line, (int)col, flags);
}

/* Fill container c from node n's children; *r set on failure. */
static void
xt_fill(struct plist_doc *doc, const struct xnode *n, plist_t c, int *r)
{
	const struct xtree	*t = &doc->xt;
	plist_t			 item;
	uint32_t		 i, k, key;

	for (i = 0, k = (uint32_t)(n - t->node) + 1; i < n->v.kids.n &&
	    *r == HS_OK; i++, k = xtree_next(t, k)) {
		key = k;
		if (n->type == XT_DICT) {
			k++;
			i++;
		}
		if ((item = xt_plist(doc, k, r)) == NULL)
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
xt_plist(struct plist_doc *doc, uint32_t idx, int *r)
{
	const struct xnode	*n = &doc->xt.node[idx];
	plist_t			 p = NULL;

	switch (n->type) {
	case XT_DICT:
	case XT_ARRAY:
		p = n->type == XT_DICT ? plist_new_dict() : plist_new_array();
		if (p != NULL && xt_note(doc, p, n, 0) == HS_OK)
			xt_fill(doc, n, p, r);
		else
			*r = HS_ENOMEM;
		break;
	case XT_BOOL:
		p = plist_new_bool(n->v.u != 0);
		break;
	case XT_INT:
		p = plist_new_uint(n->v.u);
		if (p != NULL && (n->flags & XT_NEGATIVE) &&
		    xt_note(doc, p, n, PLIST_SRC_NEGATIVE) != HS_OK)
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
		p = plist_new_string(xtree_text(&doc->xt, n->v.str.off));
		break;
	case XT_DATA:
		p = plist_new_data(xtree_text(&doc->xt, n->v.str.off),
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
xmlplist_tree(struct plist_doc *doc, struct hs_error *err)
{
	int	r = HS_OK;

	if (doc->xt.n == 0)
		return hs_error_set(err, HS_EFORMAT, "empty document");
	if ((doc->root = xt_plist(doc, 0, &r)) == NULL)
		return hs_error_set(err, r, "out of memory");
	plist_doc_index(doc);
	return HS_OK;
}
