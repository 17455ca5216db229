/*
 * bplist-rewrite.c: rewriting a binary plist's object table.
 *
 * The input is validated first.  Edits change the reference lists of a few
 * containers and append new objects; then every object still reachable
 * from the root is written out in its original order, new ones last.
 * Scalars and the headers of unchanged containers are copied byte for byte
 * (integer widths, 4-byte reals, UTF-16 strings, dates, UIDs all survive);
 * only references are renumbered.  References and offsets of any width
 * (1 to 8 bytes) are read; they are written in the smallest width of
 * CoreFoundation's writer (1, 2, 4 or 8), as is the trailer;
 * plist_txn_run reads the result back (and so validates it) before
 * anything is written.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "plist/bplist.h"
#include "plist/bplist-rewrite.h"
#include "util/hash.h"

#define BPE_NONE	UINT64_MAX

/* A container whose references changed, or a new one. */
struct bpe_mod {
	uint64_t	 idx;
	unsigned char	 marker;	/* 0xA0 array, 0xC0 set, 0xD0 dict */
	uint64_t	*refs;		/* dicts: keys, then values */
	uint64_t	 nrefs;
	uint64_t	 cap;
};

/* A new scalar object. */
struct bpe_new {
	unsigned char	*bytes;
	size_t		 len;
	char		*text;		/* strings: the UTF-8 text */
};

struct bpe {
	struct bplist	 bp;
	struct bpe_mod	*mods;
	size_t		 nmods;
	struct bpe_new	*news;		/* object bp.nobjects + i */
	size_t		 nnews;
	unsigned char	*nparents;	/* per input object: 0, 1, 2 = more */
	char		*over;		/* or NULL: the input, writable, to
					   build the result over if it can */
	int		 consumed;	/* the result was built over it, */
	uint64_t	 sum;		/* its hs_hash_digest, taken first */
	struct hs_error	*err;
};

/* A read-only look at a container, input or modified. */
struct bpe_view {
	unsigned char		 marker;
	uint64_t		 nrefs;
	const struct bpe_mod	*mod;		/* or NULL: read obj */
	struct bplist_obj	 obj;
};

static int
bpe_nomem(struct bpe *e)
{
	return hs_error_set(e->err, HS_ENOMEM, "out of memory");
}

static struct bpe_mod *
bpe_find_mod(const struct bpe *e, uint64_t idx)
{
	size_t	i;

	for (i = 0; i < e->nmods; i++)
		if (e->mods[i].idx == idx)
			return &e->mods[i];
	return NULL;
}

/* Is input object idx an array, set or dictionary?  Its marker says. */
static int
bpe_is_container(const struct bpe *e, uint64_t idx)
{
	unsigned	hi = e->bp.data[bplist_offset(&e->bp, idx)] >> 4;

	return hi == 0xa || hi == 0xc || hi == 0xd;
}

static uint64_t
bpe_total(const struct bpe *e)
{
	return e->bp.nobjects + e->nnews;
}

/* Is idx a container?  Fill v if so. */
static int
bpe_view(const struct bpe *e, uint64_t idx, struct bpe_view *v)
{
	memset(v, 0, sizeof *v);
	if ((v->mod = bpe_find_mod(e, idx)) != NULL) {
		v->marker = v->mod->marker;
		v->nrefs = v->mod->nrefs;
		return 1;
	}
	if (idx >= e->bp.nobjects)
		return 0;
	if (bplist_object(&e->bp, idx, &v->obj, NULL) != HS_OK)
		return 0;
	if (v->obj.kind != BPLIST_ARRAY && v->obj.kind != BPLIST_SET &&
	    v->obj.kind != BPLIST_DICT)
		return 0;
	v->marker = v->obj.marker & 0xf0;
	v->nrefs = v->obj.kind == BPLIST_DICT ? 2 * v->obj.count :
	    v->obj.count;
	return 1;
}

static uint64_t
bpe_view_ref(const struct bpe *e, const struct bpe_view *v, uint64_t i)
{
	if (v->mod != NULL)
		return v->mod->refs[i];
	return bplist_ref(&e->bp, &v->obj, i);
}

/*
 * The text of string object idx, as (pointer, length); *owned is set when
 * the text was decoded from UTF-16 and must be freed.  -1 if not a string.
 */
static int
bpe_key_text(const struct bpe *e, uint64_t idx, const char **s, size_t *len,
    char **owned)
{
	struct bplist_obj	 o;

	*owned = NULL;
	if (idx >= e->bp.nobjects) {
		if ((*s = e->news[idx - e->bp.nobjects].text) == NULL)
			return -1;
		*len = strlen(*s);
		return 0;
	}
	if (bplist_object(&e->bp, idx, &o, NULL) != HS_OK)
		return -1;
	if (o.kind == BPLIST_ASCII) {
		*s = (const char *)e->bp.data + o.payload;
		*len = o.count;
		return 0;
	}
	if (o.kind != BPLIST_UTF16 ||
	    (*owned = bplist_utf16_to_utf8(&e->bp, &o, len)) == NULL)
		return -1;
	*s = *owned;
	return 0;
}

/* Does string object idx hold the UTF-8 text key? */
static int
bpe_key_is(const struct bpe *e, uint64_t idx, const char *key)
{
	const char	*s;
	char		*owned;
	size_t		 len;
	int		 eq;

	if (bpe_key_text(e, idx, &s, &len, &owned) != 0)
		return 0;
	eq = len == strlen(key) && memcmp(s, key, len) == 0;
	free(owned);
	return eq;
}

/* Position of key in dictionary view v, or BPE_NONE. */
static uint64_t
bpe_lookup(const struct bpe *e, const struct bpe_view *v, const char *key,
    size_t *copies)
{
	uint64_t	i, n = v->nrefs / 2, at = BPE_NONE;

	/* The last of equal keys, as CoreFoundation reads it. */
	*copies = 0;
	for (i = 0; i < n; i++)
		if (bpe_key_is(e, bpe_view_ref(e, v, i), key)) {
			at = i;
			(*copies)++;
		}
	return at;
}

static struct bpe_mod *
bpe_mod_new(struct bpe *e, uint64_t idx, unsigned char marker, uint64_t n)
{
	struct bpe_mod	*m;

	m = realloc(e->mods, (e->nmods + 1) * sizeof *m);
	if (m == NULL)
		return NULL;
	e->mods = m;
	m = &e->mods[e->nmods];
	memset(m, 0, sizeof *m);
	m->idx = idx;
	m->marker = marker;
	m->cap = n + 2;
	if ((m->refs = calloc(m->cap, sizeof *m->refs)) == NULL)
		return NULL;
	e->nmods++;
	return m;
}

/* The modifiable copy of container idx. */
static struct bpe_mod *
bpe_mod_get(struct bpe *e, uint64_t idx)
{
	struct bpe_view	 v;
	struct bpe_mod	*m;
	uint64_t	 i;

	if ((m = bpe_find_mod(e, idx)) != NULL)
		return m;
	if (!bpe_view(e, idx, &v) ||
	    (m = bpe_mod_new(e, idx, v.marker, v.nrefs)) == NULL)
		return NULL;
	for (i = 0; i < v.nrefs; i++)
		m->refs[i] = bplist_ref(&e->bp, &v.obj, i);
	m->nrefs = v.nrefs;
	return m;
}

/* --- encoding new values as CoreFoundation does ----------------------- */

/* Big-endian v in n bytes at p.  The rewrite writes every reference and
 * offset through here: the common widths are spelled out. */
static inline size_t
bpe_put_be(unsigned char *p, uint64_t v, unsigned n)
{
	unsigned	i;

	switch (n) {
	case 1:
		p[0] = (unsigned char)v;
		return 1;
	case 2:
		p[0] = (unsigned char)(v >> 8);
		p[1] = (unsigned char)v;
		return 2;
	case 4:
		p[0] = (unsigned char)(v >> 24);
		p[1] = (unsigned char)(v >> 16);
		p[2] = (unsigned char)(v >> 8);
		p[3] = (unsigned char)v;
		return 4;
	}
	for (i = 0; i < n; i++)
		p[i] = (unsigned char)(v >> (8 * (n - 1 - i)));
	return n;
}

static unsigned
bpe_width(uint64_t v)
{
	if (v < (UINT64_C(1) << 8))
		return 1;
	if (v < (UINT64_C(1) << 16))
		return 2;
	if (v < (UINT64_C(1) << 32))
		return 4;
	return 8;
}

/* Marker and count: the low nibble, or 0xF and a minimal integer. */
static size_t
bpe_put_count(unsigned char *p, unsigned char marker, uint64_t n)
{
	unsigned	w;

	if (n < 15) {
		p[0] = (unsigned char)(marker | n);
		return 1;
	}
	w = bpe_width(n);
	p[0] = marker | 0x0f;
	p[1] = (unsigned char)(0x10 | (w == 1 ? 0 : w == 2 ? 1 : w == 4 ?
	    2 : 3));
	return 2 + bpe_put_be(p + 2, n, w);
}

static size_t
bpe_put_int(unsigned char *p, int64_t v)
{
	unsigned	w = v < 0 ? 8 : bpe_width((uint64_t)v);

	p[0] = (unsigned char)(0x10 | (w == 1 ? 0 : w == 2 ? 1 : w == 4 ?
	    2 : 3));
	return 1 + bpe_put_be(p + 1, (uint64_t)v, w);
}

static size_t
bpe_put_real(unsigned char *p, double d)
{
	uint64_t	u;

	memcpy(&u, &d, sizeof u);
	p[0] = 0x23;
	return 1 + bpe_put_be(p + 1, u, 8);
}

/* UTF-8 to UTF-16 units; returns the count or -1 on invalid UTF-8. */
static long
bpe_utf16(const char *s, uint16_t *out)
{
	const unsigned char	*p = (const unsigned char *)s;
	long			 n = 0;
	uint32_t		 c;
	int			 more;

	while (*p != '\0') {
		if (*p < 0x80) {
			c = *p++;
			more = 0;
		} else if ((*p & 0xe0) == 0xc0) {
			c = *p++ & 0x1f;
			more = 1;
		} else if ((*p & 0xf0) == 0xe0) {
			c = *p++ & 0x0f;
			more = 2;
		} else if ((*p & 0xf8) == 0xf0) {
			c = *p++ & 0x07;
			more = 3;
		} else
			return -1;
		for (; more > 0; more--, p++) {
			if ((*p & 0xc0) != 0x80)
				return -1;
			c = (c << 6) | (*p & 0x3f);
		}
		if (c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
			return -1;
		if (c >= 0x10000) {
			c -= 0x10000;
			out[n++] = (uint16_t)(0xd800 + (c >> 10));
			out[n++] = (uint16_t)(0xdc00 + (c & 0x3ff));
		} else
			out[n++] = (uint16_t)c;
	}
	return n;
}

/* Encode a scalar; *out is new, caller frees. */
static int
bpe_encode(struct bpe *e, const struct pv *v, unsigned char **out,
    size_t *len)
{
	size_t		 slen = v->type == PV_STRING ? strlen(v->s) : 0, i;
	unsigned char	*p;
	uint16_t	*u;
	long		 n;
	int		 ascii = 1;

	if ((p = malloc(16 + 2 * slen + 16)) == NULL)
		return bpe_nomem(e);
	*out = p;
	switch (v->type) {
	case PV_BOOL:
		p[0] = v->b ? 0x09 : 0x08;
		*len = 1;
		return HS_OK;
	case PV_INT:
		*len = bpe_put_int(p, v->i);
		return HS_OK;
	case PV_REAL:
		*len = bpe_put_real(p, v->r);
		return HS_OK;
	default:
		break;
	}
	for (i = 0; i < slen; i++)
		ascii &= (unsigned char)v->s[i] < 0x80;
	if (ascii) {
		*len = bpe_put_count(p, 0x50, slen);
		memcpy(p + *len, v->s, slen);
		*len += slen;
		return HS_OK;
	}
	if ((u = malloc((slen + 1) * sizeof *u)) == NULL) {
		free(p);
		*out = NULL;
		return bpe_nomem(e);
	}
	if ((n = bpe_utf16(v->s, u)) < 0) {
		free(u);
		free(p);
		*out = NULL;
		return hs_error_set(e->err, HS_EINVAL, "\"%s\" is not valid "
		    "UTF-8", v->s);
	}
	*len = bpe_put_count(p, 0x60, (uint64_t)n);
	for (i = 0; i < (size_t)n; i++)
		*len += bpe_put_be(p + *len, u[i], 2);
	free(u);
	return HS_OK;
}

/* An existing object with exactly these bytes, or BPE_NONE. */
static uint64_t
bpe_same_scalar(const struct bpe *e, const unsigned char *b, size_t len)
{
	struct bplist_obj	o;
	uint64_t		i;

	for (i = 0; i < e->nnews; i++)
		if (e->news[i].len == len && memcmp(e->news[i].bytes, b,
		    len) == 0)
			return e->bp.nobjects + i;
	for (i = 0; i < e->bp.nobjects; i++) {
		if (e->bp.data[bplist_offset(&e->bp, i)] != b[0] ||
		    bplist_object(&e->bp, i, &o, NULL) != HS_OK)
			continue;
		if (o.end - o.offset == len &&
		    memcmp(e->bp.data + o.offset, b, len) == 0)
			return i;
	}
	return BPE_NONE;
}

static int
bpe_new_slot(struct bpe *e, uint64_t *idx)
{
	struct bpe_new	*n;

	if ((n = realloc(e->news, (e->nnews + 1) * sizeof *n)) == NULL)
		return bpe_nomem(e);
	e->news = n;
	memset(&e->news[e->nnews], 0, sizeof *n);
	*idx = e->bp.nobjects + e->nnews++;
	return HS_OK;
}

/* Count each input object's parents (up to 2), once per apply. */
static int
bpe_count_parents(struct bpe *e)
{
	struct bplist_obj	o;
	uint64_t		i, k, n, r;

	if (e->nparents != NULL)
		return HS_OK;
	if ((e->nparents = calloc(e->bp.nobjects + 1, 1)) == NULL)
		return bpe_nomem(e);
	for (i = 0; i < e->bp.nobjects; i++) {
		if (!bpe_is_container(e, i) ||
		    bplist_object(&e->bp, i, &o, NULL) != HS_OK)
			continue;
		n = o.kind == BPLIST_DICT ? 2 * o.count : o.count;
		for (k = 0; k < n; k++)
			if ((r = bplist_ref(&e->bp, &o, k)) < e->bp.nobjects &&
			    e->nparents[r] < 2)
				e->nparents[r]++;
	}
	return HS_OK;
}

/* A new container with the references of container idx; *out is it. */
static int
bpe_clone(struct bpe *e, uint64_t idx, uint64_t *out)
{
	struct bpe_view	 v;
	struct bpe_mod	*m;
	uint64_t	 i;
	int		 r;

	if ((r = bpe_new_slot(e, out)) != HS_OK)
		return r;
	bpe_view(e, idx, &v);
	if ((m = bpe_mod_new(e, *out, v.marker, v.nrefs)) == NULL)
		return bpe_nomem(e);
	bpe_view(e, idx, &v);		/* mods may have moved */
	for (i = 0; i < v.nrefs; i++)
		m->refs[i] = bpe_view_ref(e, &v, i);
	m->nrefs = v.nrefs;
	return HS_OK;
}

/*
 * Follow path from the root; *idx is the dictionary it names, made safe
 * to change: a container that more than one parent refers to (or that
 * lies below one) is copied, and the path's parent pointed at the copy,
 * so that an edit never shows through another reference.
 */
static int
bpe_resolve(struct bpe *e, const char *const *path, size_t depth,
    unsigned char last, uint64_t *idx)
{
	struct bpe_view	 v;
	struct bpe_mod	*m;
	uint64_t	 at = e->bp.top, j, child, copy;
	size_t		 i, copies;
	int		 shared = 0, r;

	if ((r = bpe_count_parents(e)) != HS_OK)
		return r;
	for (i = 0; i <= depth; i++) {
		if (!bpe_view(e, at, &v) || v.marker != (i == depth ? last :
		    0xd0))
			return hs_error_set(e->err, HS_EINVAL, "\"%s\" is not "
			    "a%s", i == 0 ? "(root)" : path[i - 1], i == depth &&
			    last == 0xa0 ? "n array" : " dictionary");
		if (i == depth)
			break;
		if ((j = bpe_lookup(e, &v, path[i], &copies)) == BPE_NONE)
			return hs_error_set(e->err, HS_EINVAL, "no key \"%s\"",
			    path[i]);
		child = bpe_view_ref(e, &v, v.nrefs / 2 + j);
		if (child < e->bp.nobjects && (shared ||
		    e->nparents[child] > 1)) {
			shared = 1;
			if ((r = bpe_clone(e, child, &copy)) != HS_OK)
				return r;
			if ((m = bpe_mod_get(e, at)) == NULL)
				return bpe_nomem(e);
			m->refs[m->nrefs / 2 + j] = copy;
			child = copy;
		}
		at = child;
	}
	*idx = at;
	return HS_OK;
}

static int	bpe_add_value(struct bpe *, const struct pv *, uint64_t *);

static int
bpe_add_dict(struct bpe *e, const struct pv *v, uint64_t *idx)
{
	struct bpe_mod	*m;
	struct pv	 k;
	uint64_t	 ref, i;
	int		 r;

	if ((r = bpe_new_slot(e, idx)) != HS_OK)
		return r;
	if ((m = bpe_mod_new(e, *idx, 0xd0, 2 * v->npairs)) == NULL)
		return bpe_nomem(e);
	memset(&k, 0, sizeof k);
	k.type = PV_STRING;
	for (i = 0; i < v->npairs; i++) {
		k.s = v->pairs[i].key;
		if ((r = bpe_add_value(e, &k, &ref)) != HS_OK)
			return r;
		/* mods may have moved: find ours again. */
		m = bpe_find_mod(e, *idx);
		m->refs[i] = ref;
	}
	for (i = 0; i < v->npairs; i++) {
		if ((r = bpe_add_value(e, &v->pairs[i].value, &ref)) != HS_OK)
			return r;
		m = bpe_find_mod(e, *idx);
		m->refs[v->npairs + i] = ref;
	}
	m->nrefs = 2 * v->npairs;
	return HS_OK;
}

/* Add a value; scalars equal to an existing object share it, as in CF. */
static int
bpe_add_value(struct bpe *e, const struct pv *v, uint64_t *idx)
{
	unsigned char	*b = NULL;
	size_t		 len = 0;
	int		 r;

	if (v->type == PV_DICT)
		return bpe_add_dict(e, v, idx);
	if ((r = bpe_encode(e, v, &b, &len)) != HS_OK)
		return r;
	if ((*idx = bpe_same_scalar(e, b, len)) != BPE_NONE) {
		free(b);
		return HS_OK;
	}
	if ((r = bpe_new_slot(e, idx)) != HS_OK) {
		free(b);
		return r;
	}
	e->news[*idx - e->bp.nobjects].bytes = b;
	e->news[*idx - e->bp.nobjects].len = len;
	if (v->type == PV_STRING &&
	    (e->news[*idx - e->bp.nobjects].text = strdup(v->s)) == NULL)
		return bpe_nomem(e);
	return HS_OK;
}

/* --- the edits ---------------------------------------------------------- */

/*
 * Remove every key of ed[0..n) (all naming dictionary dict) in one pass
 * over it, so pruning thousands of entries stays linear.
 */
static int
bpe_remove(struct bpe *e, uint64_t dict, const struct plist_edit *ed,
    size_t n)
{
	struct plist_keyset	 ks;
	struct bpe_mod		*m;
	const char		*s;
	char			*owned;
	uint64_t		 j, w = 0, pairs;
	size_t			 len;
	int			 hit, r;

	if (plist_keyset_init(&ks, ed, n) != HS_OK)
		return bpe_nomem(e);
	if ((m = bpe_mod_get(e, dict)) == NULL) {
		plist_keyset_release(&ks);
		return bpe_nomem(e);
	}
	pairs = m->nrefs / 2;
	for (j = 0; j < pairs; j++) {
		hit = 0;
		if (bpe_key_text(e, m->refs[j], &s, &len, &owned) == 0)
			hit = plist_keyset_take(&ks, s, len);
		free(owned);
		if (hit)
			continue;
		m->refs[w] = m->refs[j];
		m->refs[pairs + w] = m->refs[pairs + j];
		w++;
	}
	/* Close the gap between the kept keys and the kept values. */
	memmove(&m->refs[w], &m->refs[pairs], w * sizeof *m->refs);
	m->nrefs = 2 * w;
	r = plist_keyset_check(&ks, e->err);
	plist_keyset_release(&ks);
	return r;
}

/*
 * Remove the items of ed[0..n) (REMOVE_ITEM edits of one array, indexes
 * as read) in one pass.
 */
static int
bpe_remove_items(struct bpe *e, const struct plist_edit *ed, size_t n)
{
	const char	*path[PLIST_EDIT_MAX_DEPTH + 1];
	struct bpe_mod	*m;
	uint64_t	 arr, j, w = 0;
	size_t		 k;
	int		 r;

	if (ed->depth >= PLIST_EDIT_MAX_DEPTH)
		return hs_error_set(e->err, HS_EINVAL, "path too deep");
	for (k = 0; k < ed->depth; k++)
		path[k] = ed->path[k];
	path[k] = ed->key;
	if ((r = bpe_resolve(e, path, ed->depth + 1, 0xa0, &arr)) != HS_OK)
		return r;
	if (bpe_find_mod(e, arr) != NULL && arr < e->bp.nobjects)
		return hs_error_set(e->err, HS_EINVAL, "items of \"%s\" are "
		    "removed in two runs", ed->key);
	if ((m = bpe_mod_get(e, arr)) == NULL)
		return bpe_nomem(e);
	for (k = 0; k < n; k++)
		if (ed[k].index >= m->nrefs)
			return hs_error_set(e->err, HS_EINVAL, "\"%s\" has no "
			    "item %zu", ed->key, ed[k].index);
	for (j = 0; j < m->nrefs; j++)
		if (!plist_edit_item_gone(ed, n, j))
			m->refs[w++] = m->refs[j];
	m->nrefs = w;
	return HS_OK;
}

static int
bpe_set(struct bpe *e, uint64_t dict, const char *key, const struct pv *val)
{
	struct bpe_view	 v;
	struct bpe_mod	*m;
	struct pv	 k;
	uint64_t	 j, n, kidx, vidx, *nr;
	size_t		 copies;
	int		 r;

	bpe_view(e, dict, &v);
	if ((j = bpe_lookup(e, &v, key, &copies)) != BPE_NONE && copies > 1)
		return plist_edit_dup_error(e->err, key, copies);
	if ((r = bpe_add_value(e, val, &vidx)) != HS_OK)
		return r;
	if ((m = bpe_mod_get(e, dict)) == NULL)
		return bpe_nomem(e);
	n = m->nrefs / 2;
	if (j != BPE_NONE) {
		m->refs[n + j] = vidx;
		return HS_OK;
	}
	memset(&k, 0, sizeof k);
	k.type = PV_STRING;
	k.s = key;
	if ((r = bpe_add_value(e, &k, &kidx)) != HS_OK)
		return r;
	m = bpe_find_mod(e, dict);
	if (m->nrefs + 2 > m->cap) {
		if ((nr = realloc(m->refs, (m->nrefs + 2) * 2 *
		    sizeof *nr)) == NULL)
			return bpe_nomem(e);
		m->refs = nr;
		m->cap = (m->nrefs + 2) * 2;
	}
	/* Append key n and value n: shift the values up by one. */
	memmove(&m->refs[n + 1], &m->refs[n], n * sizeof *m->refs);
	m->refs[n] = kidx;
	m->refs[2 * n + 1] = vidx;
	m->nrefs += 2;
	return HS_OK;
}

/* --- writing the result ------------------------------------------------- */

struct bpe_out {
	unsigned char	*buf;
	size_t		 len;
	size_t		 cap;
	int		 fixed;		/* buf is the input, still being read */
};

static int
bpe_out_need(struct bpe_out *o, size_t n)
{
	unsigned char	*nb;
	size_t		 cap = o->cap ? o->cap : 4096;

	if (o->len + n <= o->cap)
		return 0;
	if (o->fixed)
		return -1;	/* bpe_can_over rules this out */
	while (cap < o->len + n)
		cap *= 2;
	if ((nb = realloc(o->buf, cap)) == NULL)
		return -1;
	o->buf = nb;
	o->cap = cap;
	return 0;
}

/*
 * Mark what is reachable from the root; returns the count kept.  Object
 * numbers fit 32 bits (a file of 256 MB has fewer objects): the tables of
 * the rewrite are 4 bytes an object, memory a large store touches once.
 */
static uint64_t
bpe_mark(const struct bpe *e, unsigned char *keep)
{
	struct bpe_view	 v;
	uint32_t	*stack;
	uint64_t	 sp = 0, idx, i, kept = 0, max;

	max = bpe_total(e);
	/* Each object is pushed at most once. */
	if ((stack = malloc(max * sizeof *stack)) == NULL)
		return 0;
	keep[e->bp.top] = 1;
	stack[sp++] = e->bp.top;
	while (sp > 0) {
		idx = stack[--sp];
		kept++;
		if (!bpe_view(e, idx, &v))
			continue;
		for (i = 0; i < v.nrefs; i++) {
			uint64_t r = bpe_view_ref(e, &v, i);
			if (keep[r])
				continue;
			keep[r] = 1;
			/* Only containers (mods among them) have references
			 * to follow. */
			if (r >= e->bp.nobjects || bpe_is_container(e, r))
				stack[sp++] = (uint32_t)r;
			else
				kept++;
		}
	}
	free(stack);
	return kept;
}

/* Write object idx at the end of out, references renumbered by map. */
static int
bpe_emit(const struct bpe *e, uint64_t idx, const uint32_t *map,
    unsigned refw, struct bpe_out *o)
{
	struct bpe_view	 v;
	const unsigned char *src;
	size_t		 hlen, n;
	uint64_t	 i;

	if (!bpe_view(e, idx, &v)) {
		if (idx >= e->bp.nobjects) {
			src = e->news[idx - e->bp.nobjects].bytes;
			n = e->news[idx - e->bp.nobjects].len;
		} else {
			/* bpe_view decoded it: a scalar, copied whole.  (It
			 * cannot fail to decode: the input was validated.) */
			if (v.obj.end <= v.obj.offset)
				return -1;
			src = e->bp.data + v.obj.offset;
			n = v.obj.end - v.obj.offset;
		}
		if (bpe_out_need(o, n) != 0)
			return -1;
		/* memmove: over the input, src may lie ahead of the end. */
		memmove(o->buf + o->len, src, n);
		o->len += n;
		return 0;
	}
	if (bpe_out_need(o, 16 + v.nrefs * refw) != 0)
		return -1;
	if (v.mod == NULL) {
		/* Keep the header as it was, count encoding included. */
		hlen = v.obj.payload - v.obj.offset;
		memmove(o->buf + o->len, e->bp.data + v.obj.offset, hlen);
		o->len += hlen;
	} else
		o->len += bpe_put_count(o->buf + o->len, v.marker,
		    v.marker == 0xd0 ? v.nrefs / 2 : v.nrefs);
	if (v.mod != NULL)
		for (i = 0; i < v.nrefs; i++)
			o->len += bpe_put_be(o->buf + o->len,
			    map[v.mod->refs[i]], refw);
	else
		for (i = 0; i < v.nrefs; i++)
			o->len += bpe_put_be(o->buf + o->len,
			    map[bplist_ref_at(&e->bp, v.obj.payload, i)], refw);
	return 0;
}

/*
 * Can the result be built over the input?  Each object is written at or
 * before where it was read, and is no longer than it was, so nothing is
 * overwritten before it has been read: true when objects lie in order
 * without overlap (bplist.tight), no object is new, no changed container
 * grew, and references do not widen.
 */
static int
bpe_can_over(const struct bpe *e, unsigned refw)
{
	struct bplist_obj	o;
	size_t			i;

	if (e->over == NULL || e->nnews > 0 || refw > e->bp.ref_size)
		return 0;
	for (i = 0; i < e->nmods; i++)
		if (e->mods[i].idx >= e->bp.nobjects ||
		    bplist_object(&e->bp, e->mods[i].idx, &o, NULL) != HS_OK ||
		    e->mods[i].nrefs > (o.kind == BPLIST_DICT ? 2 * o.count :
		    o.count))
			return 0;
	return 1;
}

/* The output buffer: the input itself when it can be, else new. */
static int
bpe_out_start(struct bpe *e, unsigned refw, struct bpe_out *o)
{
	o->len = BPLIST_HEADER_LEN;
	o->cap = e->bp.len + 1;
	if (bpe_can_over(e, refw)) {
		/* What it held, for "did the file change meanwhile". */
		e->sum = hs_hash_digest(e->over, e->bp.len);
		o->buf = (unsigned char *)e->over;
		o->fixed = 1;
		e->consumed = 1;
		return 0;
	}
	/* Room for the input's size at once: growing by doubling would copy
	 * a large store several times over. */
	if ((o->buf = malloc(o->cap)) == NULL)
		return -1;
	memcpy(o->buf, e->bp.data, BPLIST_HEADER_LEN);
	return 0;
}

static int
bpe_write(struct bpe *e, char **out, size_t *outlen)
{
	struct bpe_out	 o = { NULL, 0, 0, 0 };
	unsigned char	*keep, trailer[6];
	uint32_t	*map, *offs, n = 0;
	uint64_t	 total = bpe_total(e), kept, i;
	unsigned	 refw, offw;
	int		 r = HS_OK;

	keep = calloc(total, 1);
	map = malloc(total * sizeof *map);
	if (keep == NULL || map == NULL || (kept = bpe_mark(e, keep)) == 0 ||
	    (offs = malloc(kept * sizeof *offs)) == NULL) {
		free(keep);
		free(map);
		return bpe_nomem(e);
	}
	/* Input objects in their order, then new ones. */
	for (i = 0; i < total; i++)
		map[i] = keep[i] ? n++ : UINT32_MAX;
	refw = bpe_width(kept);
	/* The six unused trailer bytes as the input had them. */
	memcpy(trailer, e->bp.data + e->bp.len - BPLIST_TRAILER_LEN, 6);
	if (bpe_out_start(e, refw, &o) != 0)
		goto nomem;
	for (i = 0; i < total; i++) {
		if (!keep[i])
			continue;
		/* Inputs are at most 256 MB; offsets are kept in 32 bits. */
		if (o.len > UINT32_MAX)
			goto nomem;
		offs[map[i]] = (uint32_t)o.len;
		if (bpe_emit(e, i, map, refw, &o) != 0)
			goto nomem;
	}
	/* The input is read: the buffer may move now. */
	o.fixed = 0;
	offw = bpe_width(o.len);
	if (bpe_out_need(&o, kept * offw + BPLIST_TRAILER_LEN) != 0)
		goto nomem;
	{
		uint64_t table = o.len;

		for (i = 0; i < kept; i++)
			o.len += bpe_put_be(o.buf + o.len, offs[i], offw);
		memcpy(o.buf + o.len, trailer, 6);
		o.buf[o.len + 6] = (unsigned char)offw;
		o.buf[o.len + 7] = (unsigned char)refw;
		o.len += 8;
		o.len += bpe_put_be(o.buf + o.len, kept, 8);
		o.len += bpe_put_be(o.buf + o.len, map[e->bp.top], 8);
		o.len += bpe_put_be(o.buf + o.len, table, 8);
	}
	*out = (char *)o.buf;
	*outlen = o.len;
	goto done;
nomem:
	free(o.buf);	/* over the input: bplist_apply_over's to free */
	r = bpe_nomem(e);
done:
	free(keep);
	free(map);
	free(offs);
	return r;
}

static void
bpe_release(struct bpe *e)
{
	size_t	i;

	for (i = 0; i < e->nmods; i++)
		free(e->mods[i].refs);
	free(e->mods);
	for (i = 0; i < e->nnews; i++) {
		free(e->news[i].bytes);
		free(e->news[i].text);
	}
	free(e->news);
	free(e->nparents);
}

static int
bpe_run(const char *buf, size_t len, char *over, const struct plist_edit *ed,
    size_t n, char **out, size_t *outlen, int *consumed, uint64_t *sum,
    struct hs_error *err)
{
	struct bpe	e;
	uint64_t	dict = 0;
	size_t		i, run;
	int		r;

	*out = NULL;
	memset(&e, 0, sizeof e);
	e.err = err;
	e.over = over;
	/* buf passed bplist_validate when plist_doc_parse read it. */
	if ((r = bplist_open(&e.bp, buf, len, err)) != HS_OK)
		return r;
	for (i = 0; i < n && r == HS_OK; i += run) {
		run = plist_edit_run(&ed[i], n - i);
		if (ed[i].op == PLIST_EDIT_REMOVE_ITEM) {
			r = bpe_remove_items(&e, &ed[i], run);
			continue;
		}
		r = bpe_resolve(&e, ed[i].path, ed[i].depth, 0xd0, &dict);
		if (r != HS_OK)
			break;
		if (ed[i].op == PLIST_EDIT_SET)
			r = bpe_set(&e, dict, ed[i].key, ed[i].value);
		else
			r = bpe_remove(&e, dict, &ed[i], run);
	}
	if (r == HS_OK)
		r = bpe_write(&e, out, outlen);
	*consumed = e.consumed;
	*sum = e.sum;
	bpe_release(&e);
	return r;
}

int
bplist_apply(const char *buf, size_t len, const struct plist_edit *ed,
    size_t n, char **out, size_t *outlen, struct hs_error *err)
{
	uint64_t	sum;
	int		consumed;

	return bpe_run(buf, len, NULL, ed, n, out, outlen, &consumed, &sum,
	    err);
}

int
bplist_apply_over(char *buf, size_t len, int tight,
    const struct plist_edit *ed, size_t n, char **out, size_t *outlen,
    int *consumed, uint64_t *sum, struct hs_error *err)
{
	return bpe_run(buf, len, tight ? buf : NULL, ed, n, out, outlen,
	    consumed, sum, err);
}
