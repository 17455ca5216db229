/* pval.c: one value of a document, either format; see pval.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plist/bplist.h"
#include "plist/pval.h"

/* --- binary documents: straight from the object table --------------- */

/* The type of a validated object, from its marker byte alone. */
static enum pval_type
pval_bin_type(unsigned char marker)
{
	static const enum pval_type by_nibble[16] = {
		PVAL_BOOL, PVAL_INT, PVAL_REAL, PVAL_DATE, PVAL_DATA,
		PVAL_STRING, PVAL_STRING, PVAL_OTHER, PVAL_OTHER, PVAL_OTHER,
		PVAL_ARRAY, PVAL_OTHER, PVAL_ARRAY, PVAL_DICT, PVAL_OTHER,
		PVAL_OTHER
	};

	if (marker >> 4 == 0)
		return marker == 0x08 || marker == 0x09 ? PVAL_BOOL :
		    PVAL_OTHER;
	return by_nibble[marker >> 4];
}

static struct pval
pval_bin(const struct plist_doc *doc, uint64_t idx)
{
	struct pval		v;
	struct bplist_obj	o;

	memset(&v, 0, sizeof v);
	v.doc = doc;
	v.obj = idx;
	if (bplist_object(&doc->bp, idx, &o, NULL) != HS_OK) {
		v.type = PVAL_OTHER;
		return v;
	}
	v.payload = o.payload;
	v.size = o.count;
	v.marker = o.marker;
	v.type = pval_bin_type(o.marker);
	if (v.type == PVAL_DICT || v.type == PVAL_ARRAY)
		v.count = o.count;
	return v;
}

/* A dictionary key: pval_bin, the common case read from its marker. */
static struct pval
pval_bin_key(const struct plist_doc *doc, uint64_t idx)
{
	struct pval	v;
	uint64_t	payload, len;

	if (!bplist_short_ascii(&doc->bp, idx, &payload, &len))
		return pval_bin(doc, idx);
	memset(&v, 0, sizeof v);
	v.doc = doc;
	v.obj = idx;
	v.type = PVAL_STRING;
	v.marker = doc->bp.data[bplist_offset(&doc->bp, idx)];
	v.payload = payload;
	v.size = len;
	return v;
}

/* Reference i of a binary container. */
static uint64_t
pval_bin_ref(const struct pval *v, uint64_t i)
{
	return bplist_ref_at(&v->doc->bp, v->payload, i);
}

/* A binary string as new UTF-8 text. */
static char *
pval_bin_text(const struct pval *v)
{
	struct bplist_obj	o;
	char			*s;
	size_t			 len;

	if (v->type != PVAL_STRING)
		return NULL;
	if ((v->marker & 0xf0) == 0x60) {
		o.payload = v->payload;
		o.count = v->size;
		return bplist_utf16_to_utf8(&v->doc->bp, &o, &len);
	}
	if ((s = malloc(v->size + 1)) == NULL)
		return NULL;
	memcpy(s, v->doc->bp.data + v->payload, v->size);
	s[v->size] = '\0';
	return s;
}

/* Is binary string v exactly key?  ASCII is compared in place. */
static int
pval_bin_is(const struct pval *v, const char *key, size_t klen)
{
	char	*s;
	int	 same;

	if (v->type != PVAL_STRING)
		return 0;
	if ((v->marker & 0xf0) == 0x50)
		return v->size == klen && memcmp(v->doc->bp.data + v->payload,
		    key, klen) == 0;
	if ((s = pval_bin_text(v)) == NULL)
		return 0;
	same = strcmp(s, key) == 0;
	free(s);
	return same;
}

static double
pval_bin_real(const unsigned char *p, uint64_t size)
{
	uint64_t	u = bplist_be(p, (unsigned)size);
	uint32_t	w = (uint32_t)u;
	double		d;
	float		f;

	if (size == 4) {
		memcpy(&f, &w, sizeof f);
		return f;
	}
	memcpy(&d, &u, sizeof d);
	return d;
}

static int
pval_bin_number(const struct pval *v, double *out)
{
	const unsigned char	*p = v->doc->bp.data + v->payload;
	uint64_t		 hi, lo;

	switch (v->type) {
	case PVAL_REAL:
		*out = pval_bin_real(p, v->size);
		return 0;
	case PVAL_DATE:
		*out = pval_bin_real(p, 8);
		return 0;
	case PVAL_INT:
		break;
	default:
		return -1;
	}
	if (v->size <= 8) {
		lo = bplist_be(p, (unsigned)v->size);
		/* 8-byte integers are signed; shorter ones are not. */
		*out = v->size == 8 ? (double)(int64_t)lo : (double)lo;
		return 0;
	}
	hi = bplist_be(p, 8);
	lo = bplist_be(p + 8, 8);
	if (hi == 0)
		*out = (double)lo;
	else if (hi == UINT64_MAX && (lo >> 63))
		*out = (double)(int64_t)lo;
	else
		return -1;
	return 0;
}

/* --- XML documents: the compact tree -------------------------------- */

static struct pval
pval_xml(const struct plist_doc *doc, uint32_t idx)
{
	static const enum pval_type types[] = {
		[XT_DICT] = PVAL_DICT, [XT_ARRAY] = PVAL_ARRAY,
		[XT_BOOL] = PVAL_BOOL, [XT_INT] = PVAL_INT,
		[XT_REAL] = PVAL_REAL, [XT_DATE] = PVAL_DATE,
		[XT_STRING] = PVAL_STRING, [XT_DATA] = PVAL_DATA
	};
	const struct xnode	*n = &doc->xt.node[idx];
	struct pval		 v;

	memset(&v, 0, sizeof v);
	v.doc = doc;
	v.obj = idx;
	v.type = types[n->type];
	if (v.type == PVAL_DICT)
		v.count = n->v.kids.n / 2;
	else if (v.type == PVAL_ARRAY)
		v.count = n->v.kids.n;
	return v;
}

static const struct xnode *
pval_xnode(const struct pval *v)
{
	return &v->doc->xt.node[v->obj];
}

static int
pval_xml_number(const struct pval *v, double *out)
{
	const struct xnode	*n = pval_xnode(v);

	switch (v->type) {
	case PVAL_REAL:
	case PVAL_DATE:
		*out = n->v.d;
		return 0;
	case PVAL_INT:
		*out = (n->flags & XT_NEGATIVE) ? (double)(int64_t)n->v.u :
		    (double)n->v.u;
		return 0;
	default:
		return -1;
	}
}

/* --- either ------------------------------------------------------------ */

static int
pval_is_xml(const struct pval *v)
{
	return v->doc->format == PLIST_FORMAT_XML;
}

struct pval
pval_root(const struct plist_doc *doc)
{
	if (doc->format == PLIST_FORMAT_BINARY)
		return pval_bin(doc, doc->bp.top);
	return pval_xml(doc, 0);
}

void
pval_iter_init(struct pval_iter *it, const struct pval *dict)
{
	memset(it, 0, sizeof *it);
	it->dict = *dict;
	if ((dict->type == PVAL_DICT || dict->type == PVAL_ARRAY) &&
	    pval_is_xml(dict))
		it->next = (uint32_t)dict->obj + 1;
}

int
pval_iter_item(struct pval_iter *it, struct pval *val)
{
	const struct pval	*a = &it->dict;

	if (a->type != PVAL_ARRAY || it->i >= a->count)
		return 0;
	if (pval_is_xml(a)) {
		*val = pval_xml(a->doc, it->next);
		it->next = xtree_next(&a->doc->xt, it->next);
	} else
		*val = pval_bin(a->doc, pval_bin_ref(a, it->i));
	it->i++;
	return 1;
}

struct pval
pval_at(const struct plist_doc *doc, uint64_t obj)
{
	if (doc->format == PLIST_FORMAT_BINARY)
		return pval_bin(doc, obj);
	return pval_xml(doc, (uint32_t)obj);
}

/* Is the pair iterator it is at hidden by a later equal key? */
static int
pval_iter_shadowed(const struct pval_iter *it)
{
	const struct plist_doc	*doc = it->dict.doc;

	const struct hs_idset	*s = pval_is_xml(&it->dict) ? &doc->xt.shadow :
	    &doc->bp.shadow;

	if (s->n == 0)
		return 0;
	return hs_idset_has(s, pval_is_xml(&it->dict) ? it->next :
	    it->dict.payload + it->i * doc->bp.ref_size);
}

/* Step past the pair it is at. */
static void
pval_iter_skip(struct pval_iter *it)
{
	if (pval_is_xml(&it->dict))
		it->next = xtree_next(&it->dict.doc->xt, it->next + 1);
	it->i++;
}

int
pval_iter_peek(struct pval_iter *it, struct pval *key, enum pval_type *type,
    uint64_t *obj)
{
	const struct pval	*d = &it->dict;

	if (d->type != PVAL_DICT)
		return 0;
	/* Of equal keys, CoreFoundation keeps the last: skip the others. */
	while (it->i < d->count && pval_iter_shadowed(it))
		pval_iter_skip(it);
	if (it->i >= d->count)
		return 0;
	if (pval_is_xml(d)) {
		*key = pval_xml(d->doc, it->next);
		*obj = it->next + 1;
		*type = pval_xml(d->doc, it->next + 1).type;
	} else {
		*key = pval_bin_key(d->doc, pval_bin_ref(d, it->i));
		*obj = pval_bin_ref(d, d->count + it->i);
		*type = pval_bin_type(d->doc->bp.data[bplist_offset(&d->doc->bp,
		    *obj)]);
	}
	pval_iter_skip(it);
	return 1;
}

int
pval_iter_pair(struct pval_iter *it, struct pval *key, struct pval *val)
{
	enum pval_type	type;
	uint64_t	obj;

	if (pval_iter_peek(it, key, &type, &obj) == 0)
		return 0;
	*val = pval_at(key->doc, obj);
	return 1;
}

int
pval_iter_next(struct pval_iter *it, char **key, struct pval *val)
{
	struct pval	k;

	*key = NULL;
	if (pval_iter_pair(it, &k, val) == 0)
		return 0;
	if (pval_is_xml(&k))
		*key = strdup(xtree_text(&k.doc->xt, pval_xnode(&k)->v.str.off));
	else
		*key = pval_bin_text(&k);
	return *key != NULL ? 1 : HS_ENOMEM;
}

const char *
pval_text_peek(const struct pval *v, size_t *len)
{
	const struct xnode	*n;

	if (v->type != PVAL_STRING)
		return NULL;
	if (pval_is_xml(v)) {
		n = pval_xnode(v);
		*len = n->v.str.len;
		return xtree_text(&v->doc->xt, n->v.str.off);
	}
	if ((v->marker & 0xf0) != 0x50)
		return NULL;
	*len = v->size;
	return (const char *)v->doc->bp.data + v->payload;
}

const char *
pval_text_buf(const struct pval *v, char *buf, size_t cap, struct hs_arena *a)
{
	const char	*s;
	size_t		 len;

	if ((s = pval_text_peek(v, &len)) != NULL && len < cap) {
		memcpy(buf, s, len);
		buf[len] = '\0';
		return buf;
	}
	return pval_text_in(v, a);
}

char *
pval_text_in(const struct pval *v, struct hs_arena *a)
{
	const char	*s;
	char		*u, *out;

	if (v->type != PVAL_STRING)
		return NULL;
	if (pval_is_xml(v)) {
		s = xtree_text(&v->doc->xt, pval_xnode(v)->v.str.off);
		return hs_arena_strndup(a, s, strlen(s));
	}
	if ((v->marker & 0xf0) == 0x50)
		return hs_arena_strndup(a, (const char *)v->doc->bp.data +
		    v->payload, v->size);
	if ((u = pval_bin_text(v)) == NULL)
		return NULL;
	out = hs_arena_strndup(a, u, strlen(u));
	free(u);
	return out;
}

/* Which of keys (binary key object kidx) is this?  n when none. */
static size_t
pval_bin_which(const struct pval *d, uint64_t kidx, const char *const *keys,
    size_t n, uint64_t *hints)
{
	struct pval	k;
	size_t		j;

	for (j = 0; j < n; j++)
		if (hints[j] == kidx)
			return j;
	k = pval_bin(d->doc, kidx);
	for (j = 0; j < n; j++)
		if (pval_bin_is(&k, keys[j], strlen(keys[j]))) {
			hints[j] = kidx;
			return j;
		}
	return n;
}

/* The same for an XML key, by its interned offset. */
static size_t
pval_xml_which(const struct pval *d, uint32_t off, const char *const *keys,
    size_t n, uint64_t *hints)
{
	size_t	j;

	for (j = 0; j < n; j++)
		if (hints[j] == off)
			return j;
	for (j = 0; j < n; j++)
		if (strcmp(xtree_text(&d->doc->xt, off), keys[j]) == 0) {
			hints[j] = off;
			return j;
		}
	return n;
}

static void
pval_xml_get_many(const struct pval *d, const char *const *keys, size_t n,
    struct pval *vals, uint64_t *hints)
{
	const struct xtree	*t = &d->doc->xt;
	uint32_t		 k = (uint32_t)d->obj + 1;
	uint64_t		 i;
	size_t			 j;

	for (i = 0; i < d->count; i++, k = xtree_next(t, k + 1))
		if ((j = pval_xml_which(d, t->node[k].v.str.off, keys, n,
		    hints)) < n)
			vals[j] = pval_xml(d->doc, k + 1);
}

void
pval_dict_get_many(const struct pval *d, const char *const *keys, size_t n,
    struct pval *vals, uint64_t *hints)
{
	uint64_t	i;
	size_t		j;

	memset(vals, 0, n * sizeof *vals);
	for (j = 0; j < n; j++)
		vals[j].doc = d->doc;
	if (d->type != PVAL_DICT)
		return;
	if (pval_is_xml(d)) {
		pval_xml_get_many(d, keys, n, vals, hints);
		return;
	}
	for (i = 0; i < d->count; i++)
		if ((j = pval_bin_which(d, pval_bin_ref(d, i), keys, n,
		    hints)) < n)
			vals[j] = pval_bin(d->doc, pval_bin_ref(d,
			    d->count + i));
}

struct pval
pval_dict_get(const struct pval *d, const char *key)
{
	struct pval	v;
	uint64_t	hint = PVAL_NO_HINT;

	pval_dict_get_many(d, &key, 1, &v, &hint);
	return v;
}

int
pval_number(const struct pval *v, double *out)
{
	if (pval_is_xml(v))
		return pval_xml_number(v, out);
	return pval_bin_number(v, out);
}

int
pval_true(const struct pval *v)
{
	if (v->type != PVAL_BOOL)
		return 0;
	if (pval_is_xml(v))
		return pval_xnode(v)->v.u != 0;
	return v->marker == 0x09;
}

const char *
pval_where(const struct pval *v, char *buf, size_t len)
{
	unsigned	line, col;

	buf[0] = '\0';
	if (v->type == PVAL_NONE)
		return buf;
	if (pval_is_xml(v)) {
		plist_doc_linecol(v->doc, pval_xnode(v)->pos, &line, &col);
		snprintf(buf, len, " (at line %u:%u)", line, col);
	} else
		snprintf(buf, len, " (at offset %llu)", (unsigned long long)
		    bplist_offset(&v->doc->bp, v->obj));
	return buf;
}

uint64_t
pval_offset(const struct pval *v)
{
	if (pval_is_xml(v))
		return pval_xnode(v)->pos;
	return bplist_offset(&v->doc->bp, v->obj);
}

int
pval_int(const struct pval *v, uint64_t *u, unsigned *flags)
{
	const unsigned char	*p;
	uint64_t		 hi;

	*u = 0;
	*flags = 0;
	if (v->type != PVAL_INT)
		return -1;
	if (pval_is_xml(v)) {
		*u = pval_xnode(v)->v.u;
		if (pval_xnode(v)->flags & XT_NEGATIVE)
			*flags = PLIST_SRC_NEGATIVE;
		return 0;
	}
	p = v->doc->bp.data + v->payload;
	if (v->size <= 8) {
		*u = bplist_be(p, (unsigned)v->size);
		/* 8-byte integers are signed; shorter ones are not. */
		if (v->size == 8 && (p[0] & 0x80))
			*flags = PLIST_SRC_NEGATIVE;
		return 0;
	}
	hi = bplist_be(p, 8);
	*u = bplist_be(p + 8, 8);
	*flags = PLIST_SRC_INT128;
	if (hi == UINT64_MAX && (*u >> 63))
		*flags |= PLIST_SRC_NEGATIVE;
	else if (hi != 0)
		*flags |= PLIST_SRC_OVERFLOW;
	return 0;
}

const void *
pval_data(const struct pval *v, size_t *len)
{
	const struct xnode	*n;

	*len = 0;
	if (v->type != PVAL_DATA)
		return NULL;
	if (pval_is_xml(v)) {
		n = pval_xnode(v);
		*len = n->v.str.len;
		return xtree_text(&v->doc->xt, n->v.str.off);
	}
	*len = (size_t)v->size;
	return v->doc->bp.data + v->payload;
}

int
pval_uid(const struct pval *v, uint64_t *u)
{
	if (pval_is_xml(v) || v->type != PVAL_OTHER || (v->marker >> 4) != 0x8)
		return -1;
	*u = bplist_be(v->doc->bp.data + v->payload, (unsigned)v->size);
	return 0;
}
