/*
 * bplist-tree.c: libplist's tree of a validated binary plist, walked beside
 * the object table to note offsets and the integer facts libplist drops
 * (sign of 8-byte integers, 16-byte integers); see bplist-tree.h.
 */
#include <stdint.h>
#include <stdlib.h>

#include "plist/bplist-tree.h"

struct bplist_map {
	struct plist_srcmap	*m;
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
			r = plist_srcmap_note(m->m, node, (long long)o.offset,
			    flags);
		return r;
	case BPLIST_DICT:
		if (plist_get_node_type(node) != PLIST_DICT)
			break;
		if ((r = plist_srcmap_note(m->m, node, (long long)o.offset,
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
		if ((r = plist_srcmap_note(m->m, node, (long long)o.offset,
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

int
bplist_tree(const struct bplist *bp, plist_t *root, struct plist_srcmap *sm,
    struct hs_error *err)
{
	struct bplist_map	m;
	int			r;

	*root = NULL;
	plist_from_bin((const char *)bp->data, (uint32_t)bp->len, root);
	if (*root == NULL)
		return hs_error_set(err, HS_EFORMAT, "libplist could not read "
		    "this binary plist although it passed validation");
	m.m = sm;
	m.bp = bp;
	m.err = err;
	r = bplist_map_node(&m, *root, bp->top);
	if (r == HS_ENOMEM)
		return hs_error_set(err, HS_ENOMEM, "out of memory");
	if (r != HS_OK)
		return hs_error_set(err, HS_EFORMAT, "libplist's tree does "
		    "not match the object table");
	plist_srcmap_index(sm);
	return HS_OK;
}
