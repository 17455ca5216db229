/*
 * bplist-read.c: a binary plist is validated when read; when a caller
 * wants libplist's tree (plist_doc_tree), it is handed to libplist, then
 * walked beside libplist's tree to note offsets and the integer facts
 * libplist drops (sign of 8-byte integers, 16-byte integers).
 */
#include <stdint.h>
#include <stdlib.h>

#include "plist/bplist.h"
#include "plist/plist-doc.h"

struct bplist_map {
	struct plist_doc	*doc;
	const struct bplist	*bp;
	struct hs_error		*err;
};

static unsigned
bplist_int_flags(const struct bplist *bp, const struct bplist_obj *o)
{
	const unsigned char	*p = bp->data + o->payload;
	uint64_t		 hi, lo;

	if (o->count == 8)
		return (p[0] & 0x80) ? PLIST_SRC_NEGATIVE : 0;
	if (o->count != 16)
		return 0;
	hi = bplist_be(p, 8);
	lo = bplist_be(p + 8, 8);
	if (hi == 0)
		return PLIST_SRC_INT128;
	if (hi == UINT64_MAX && (lo >> 63))
		return PLIST_SRC_INT128 | PLIST_SRC_NEGATIVE;
	return PLIST_SRC_INT128 | PLIST_SRC_OVERFLOW;
}

static int
bplist_map_node(struct bplist_map *m, plist_t node, uint64_t idx)
{
	struct bplist_obj	 o;
	plist_dict_iter		 dit = NULL;
	plist_array_iter	 ait = NULL;
	plist_t			 child;
	uint64_t		 i;
	unsigned		 flags;
	int			 r = HS_OK;

	if (bplist_object(m->bp, idx, &o, m->err) != HS_OK)
		return HS_EFORMAT;
	switch (o.kind) {
	case BPLIST_INT:
		flags = bplist_int_flags(m->bp, &o);
		if (flags != 0)
			r = plist_doc_note(m->doc, node, (long long)o.offset, 0,
			    flags);
		return r;
	case BPLIST_DICT:
		if (plist_get_node_type(node) != PLIST_DICT)
			break;
		if ((r = plist_doc_note(m->doc, node, (long long)o.offset, 0,
		    0)) != HS_OK)
			return r;
		plist_dict_new_iter(node, &dit);
		for (i = 0; i < o.count && r == HS_OK; i++) {
			plist_dict_next_item(node, dit, NULL, &child);
			if (child == NULL)
				r = HS_EFORMAT;
			else
				r = bplist_map_node(m, child,
				    bplist_ref(m->bp, &o, o.count + i));
		}
		free(dit);
		return r;
	case BPLIST_ARRAY:
	case BPLIST_SET:
		if (plist_get_node_type(node) != PLIST_ARRAY)
			break;
		if ((r = plist_doc_note(m->doc, node, (long long)o.offset, 0,
		    0)) != HS_OK)
			return r;
		plist_array_new_iter(node, &ait);
		for (i = 0; i < o.count && r == HS_OK; i++) {
			plist_array_next_item(node, ait, &child);
			if (child == NULL)
				r = HS_EFORMAT;
			else
				r = bplist_map_node(m, child,
				    bplist_ref(m->bp, &o, i));
		}
		free(ait);
		return r;
	default:
		return HS_OK;
	}
	return HS_EFORMAT;
}

/* Open and validate; the tree waits for bplist_tree. */
int
bplist_read(struct plist_doc *doc, struct hs_error *err)
{
	int	r;

	if ((r = bplist_open(&doc->bp, doc->bytes, doc->len, err)) != HS_OK)
		return r;
	return bplist_validate(&doc->bp, err);
}

int
bplist_tree(struct plist_doc *doc, struct hs_error *err)
{
	struct bplist_map	m;
	plist_t			root = NULL;
	int			r;

	plist_from_bin(doc->bytes, (uint32_t)doc->len, &root);
	if (root == NULL)
		return hs_error_set(err, HS_EFORMAT, "libplist could not read "
		    "this binary plist although it passed validation");
	doc->root = root;
	m.doc = doc;
	m.bp = &doc->bp;
	m.err = err;
	r = bplist_map_node(&m, root, doc->bp.top);
	if (r == HS_ENOMEM)
		return hs_error_set(err, HS_ENOMEM, "out of memory");
	if (r != HS_OK)
		return hs_error_set(err, HS_EFORMAT, "libplist's tree does "
		    "not match the object table");
	plist_doc_index(doc);
	return HS_OK;
}
