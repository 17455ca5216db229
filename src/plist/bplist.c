/*
 * bplist.c: header, trailer, offset table and object markers of bplist00,
 * and the whole-graph validation run before libplist parses a file.
 */
#include <stdlib.h>
#include <string.h>

#include "plist/bplist.h"
#include "util/hash.h"

/* CoreFoundation reads integers of any width; hstsctl bounds it at 8. */
static int
bplist_width_ok(unsigned w)
{
	return w >= 1 && w <= 8;
}

/* Can w-byte numbers count to n (n < 2^(8w))?  CoreFoundation's test. */
static int
bplist_reaches(unsigned w, uint64_t n)
{
	return w >= 8 || n < (UINT64_C(1) << (8 * w));
}

int
bplist_open(struct bplist *bp, const void *buf, size_t len,
    struct hs_error *err)
{
	const unsigned char	*t;
	uint64_t		 tablelen, i, off, prev = 0;

	memset(bp, 0, sizeof *bp);
	bp->data = buf;
	bp->len = len;
	if (len < BPLIST_HEADER_LEN || memcmp(buf, "bplist", 6) != 0)
		return hs_error_at(err, HS_EFORMAT, 0,
		    "not a binary property list (no bplist header)");
	if (memcmp(bp->data + 6, "00", 2) != 0)
		return hs_error_at(err, HS_EFORMAT, 6,
		    "unsupported binary plist version \"%.2s\" (only 00 is "
		    "supported)", bp->data + 6);
	if (len < BPLIST_HEADER_LEN + 1 + 1 + BPLIST_TRAILER_LEN)
		return hs_error_at(err, HS_EFORMAT, (long long)len,
		    "file is truncated: %zu bytes is too short for a binary "
		    "plist", len);

	/* A bad trailer is most often a truncated or partly written file. */
	t = bp->data + len - BPLIST_TRAILER_LEN;
	bp->offset_size = t[6];
	bp->ref_size = t[7];
	bp->nobjects = bplist_be(t + 8, 8);
	bp->top = bplist_be(t + 16, 8);
	bp->table = bplist_be(t + 24, 8);
	off = len - BPLIST_TRAILER_LEN;

	if (!bplist_width_ok(bp->offset_size))
		return hs_error_at(err, HS_EFORMAT, (long long)off + 6,
		    "trailer: offset size %u is not between 1 and 8 "
		    "(truncated file?)",
		    bp->offset_size);
	if (!bplist_width_ok(bp->ref_size))
		return hs_error_at(err, HS_EFORMAT, (long long)off + 7,
		    "trailer: reference size %u is not between 1 and 8 "
		    "(truncated file?)",
		    bp->ref_size);
	if (bp->nobjects == 0 || bp->nobjects > len)
		return hs_error_at(err, HS_EFORMAT, (long long)off + 8,
		    "trailer: object count %llu is impossible for a file of "
		    "%zu bytes (truncated file?)",
		    (unsigned long long)bp->nobjects, len);
	if (bp->top >= bp->nobjects)
		return hs_error_at(err, HS_EFORMAT, (long long)off + 16,
		    "trailer: root object %llu is not below the object count "
		    "%llu", (unsigned long long)bp->top,
		    (unsigned long long)bp->nobjects);
	if (bp->table < BPLIST_HEADER_LEN + 1 || bp->table > off)
		return hs_error_at(err, HS_EFORMAT, (long long)off + 24,
		    "trailer: offset table offset %llu lies outside the file",
		    (unsigned long long)bp->table);
	/* nobjects <= len, so this cannot overflow. */
	tablelen = bp->nobjects * bp->offset_size;
	/* CoreFoundation requires this too (the file's length is the sum
	 * of header, objects, table and trailer): padding is refused. */
	if (bp->table + tablelen != off)
		return hs_error_at(err, HS_EFORMAT, (long long)bp->table,
		    "offset table of %llu entries does not end where the "
		    "trailer starts (%s)", (unsigned long long)bp->nobjects,
		    bp->table + tablelen > off ? "file truncated?" :
		    "trailing bytes? CoreFoundation refuses them too");
	if (!bplist_reaches(bp->ref_size, bp->nobjects))
		return hs_error_at(err, HS_EFORMAT, (long long)off + 7,
		    "trailer: reference size %u cannot address %llu objects",
		    bp->ref_size, (unsigned long long)bp->nobjects);
	if (!bplist_reaches(bp->offset_size, bp->table))
		return hs_error_at(err, HS_EFORMAT, (long long)off + 6,
		    "trailer: offset size %u cannot reach the offset table "
		    "at %llu", bp->offset_size,
		    (unsigned long long)bp->table);
	bp->ascending = 1;
	for (i = 0; i < bp->nobjects; i++) {
		if ((off = bplist_offset(bp, i)) <= prev && i > 0)
			bp->ascending = 0;
		prev = off;
		if (off < BPLIST_HEADER_LEN || off >= bp->table)
			return hs_error_at(err, HS_EFORMAT,
			    (long long)(bp->table + i * bp->offset_size),
			    "offset table: object %llu has offset %llu, outside "
			    "the object area", (unsigned long long)i,
			    (unsigned long long)off);
	}
	return HS_OK;
}

/* Read the count of a variable-length object: the low nibble or an int. */
static int
bplist_count(const struct bplist *bp, struct bplist_obj *o,
    struct hs_error *err)
{
	const unsigned char	*p = bp->data;
	uint64_t		 at = o->offset + 1;
	unsigned		 w;

	o->count = o->marker & 0x0f;
	o->payload = at;
	if (o->count != 0x0f)
		return HS_OK;
	if (at >= bp->table || (p[at] & 0xf0) != 0x10 || (p[at] & 0x0f) > 3)
		return hs_error_at(err, HS_EFORMAT, (long long)at,
		    "object 0x%02x: extended length is not a 1, 2, 4 or "
		    "8-byte integer", o->marker);
	w = 1u << (p[at] & 0x0f);
	if (at + 1 + w > bp->table)
		return hs_error_at(err, HS_EFORMAT, (long long)at,
		    "object 0x%02x: length runs into the offset table",
		    o->marker);
	o->count = bplist_be(p + at + 1, w);
	o->payload = at + 1 + w;
	return HS_OK;
}

static int
bplist_span(const struct bplist *bp, struct bplist_obj *o, uint64_t unit,
    struct hs_error *err)
{
	uint64_t	room = bp->table - o->payload;

	/* count <= room, which is below the size of a buffer in memory
	 * (far below 2^60), and unit <= 16: the product cannot wrap. */
	if (o->payload > bp->table || o->count > room ||
	    o->count * unit > room)
		return hs_error_at(err, HS_EFORMAT, (long long)o->offset,
		    "object 0x%02x claims %llu items of %llu bytes, more than "
		    "the file holds", o->marker,
		    (unsigned long long)o->count, (unsigned long long)unit);
	o->end = o->payload + o->count * unit;
	return HS_OK;
}

static int
bplist_fixed(const struct bplist *bp, struct bplist_obj *o,
    enum bplist_kind kind, uint64_t size, struct hs_error *err)
{
	o->kind = kind;
	o->payload = o->offset + 1;
	o->count = size;
	if (size > bp->table - o->payload)
		return hs_error_at(err, HS_EFORMAT, (long long)o->offset,
		    "object 0x%02x runs into the offset table", o->marker);
	o->end = o->payload + size;
	return HS_OK;
}

static int
bplist_bad_marker(struct bplist_obj *o, struct hs_error *err)
{
	const char	*what = "unknown object type";

	if (o->marker == 0x00)
		what = "null object (not supported by property lists)";
	else if (o->marker == 0x0f)
		what = "fill byte where an object should be";
	else if ((o->marker & 0xf0) == 0x10)
		what = "integer of unsupported width (only 1, 2, 4, 8 and 16 "
		    "bytes exist)";
	else if ((o->marker & 0xf0) == 0x20)
		what = "real of unsupported width (only 4 and 8 bytes exist)";
	else if ((o->marker & 0xf0) == 0x30)
		what = "date of unsupported width (only 8 bytes exist)";
	else if ((o->marker & 0xf0) == 0x80)
		what = "UID wider than 4 bytes";
	return hs_error_at(err, HS_EFORMAT, (long long)o->offset,
	    "%s: marker 0x%02x", what, o->marker);
}

int
bplist_object(const struct bplist *bp, uint64_t idx, struct bplist_obj *o,
    struct hs_error *err)
{
	unsigned	n;
	int		r;

	/* Every field is set below on success: this runs once per object
	 * per pass, and a memset showed in profiles. */
	o->count = o->payload = o->end = 0;
	o->kind = BPLIST_BOOL;
	o->offset = bplist_offset(bp, idx);
	o->marker = bp->data[o->offset];
	n = o->marker & 0x0f;
	switch (o->marker >> 4) {
	case 0x0:
		if (n != 0x8 && n != 0x9)
			return bplist_bad_marker(o, err);
		return bplist_fixed(bp, o, BPLIST_BOOL, 0, err);
	case 0x1:
		if (n > 4)
			return bplist_bad_marker(o, err);
		return bplist_fixed(bp, o, BPLIST_INT, 1u << n, err);
	case 0x2:
		if (n != 2 && n != 3)
			return bplist_bad_marker(o, err);
		return bplist_fixed(bp, o, BPLIST_REAL, 1u << n, err);
	case 0x3:
		if (n != 3)
			return bplist_bad_marker(o, err);
		return bplist_fixed(bp, o, BPLIST_DATE, 8, err);
	case 0x8:
		if (n > 3)
			return bplist_bad_marker(o, err);
		return bplist_fixed(bp, o, BPLIST_UID, n + 1, err);
	case 0x4: o->kind = BPLIST_DATA; break;
	case 0x5: o->kind = BPLIST_ASCII; break;
	case 0x6: o->kind = BPLIST_UTF16; break;
	case 0xa: o->kind = BPLIST_ARRAY; break;
	case 0xc: o->kind = BPLIST_SET; break;
	case 0xd: o->kind = BPLIST_DICT; break;
	default:
		return bplist_bad_marker(o, err);
	}
	if ((r = bplist_count(bp, o, err)) != HS_OK)
		return r;
	switch (o->kind) {
	case BPLIST_UTF16:
		return bplist_span(bp, o, 2, err);
	case BPLIST_ARRAY:
	case BPLIST_SET:
		return bplist_span(bp, o, bp->ref_size, err);
	case BPLIST_DICT:
		return bplist_span(bp, o, 2 * (uint64_t)bp->ref_size, err);
	default:
		return bplist_span(bp, o, 1, err);
	}
}

/* --- whole-graph validation -------------------------------------------- */

/*
 * Per object: expanded[] is 0 until visited (white), BPLIST_GREY while its
 * children are being visited, then the nodes a reader would build for it
 * (at most the budget, which stays below BPLIST_GREY).
 */
#define BPLIST_GREY	UINT32_MAX

#define BPLIST_SMALL_DICT	8	/* keys checked pairwise */

struct bplist_walk {
	struct bplist		*bp;
	uint32_t		*expanded;	/* nodes a reader builds */
	uint16_t		*height;	/* container levels below */
	int			 overlap;	/* an object runs past the next
						   one's start */
	uint64_t		 budget;
	struct hs_error		*err;
	/* Key lists of small dictionaries found good, most recent few. */
	uint64_t		 goodkeys[4][BPLIST_SMALL_DICT];
	uint64_t		 ngood[4];
	unsigned		 nextgood;
};

/* Is the UTF-16BE string at o valid (surrogates paired)? */
static int
bplist_utf16_ok(const struct bplist *bp, const struct bplist_obj *o)
{
	const unsigned char	*p = bp->data + o->payload;
	uint64_t		 i;
	unsigned		 u;

	for (i = 0; i < o->count; i++) {
		u = (unsigned)bplist_be(p + 2 * i, 2);
		if (u >= 0xdc00 && u <= 0xdfff)
			return 0;
		if (u >= 0xd800 && u <= 0xdbff) {
			if (i + 1 >= o->count)
				return 0;
			u = (unsigned)bplist_be(p + 2 * (i + 1), 2);
			if (u < 0xdc00 || u > 0xdfff)
				return 0;
			i++;
		}
	}
	return 1;
}

/* A dictionary key normalised to UTF-8 for comparison. */
struct bplist_key {
	const char	*s;
	size_t		 len;
	uint64_t	 offset;
};

static size_t
bplist_utf8_put(char *out, unsigned cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* Decode a validated UTF-16BE string; caller frees. */
char *
bplist_utf16_to_utf8(const struct bplist *bp, const struct bplist_obj *o,
    size_t *lenp)
{
	const unsigned char	*p = bp->data + o->payload;
	char			*out;
	size_t			 n = 0;
	uint64_t		 i;
	unsigned		 u, lo;

	if ((out = malloc(o->count * 3 + 1)) == NULL)
		return NULL;
	for (i = 0; i < o->count; i++) {
		u = (unsigned)bplist_be(p + 2 * i, 2);
		if (u >= 0xd800 && u <= 0xdbff) {
			lo = (unsigned)bplist_be(p + 2 * ++i, 2);
			u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
		}
		n += bplist_utf8_put(out + n, u);
	}
	out[n] = '\0';
	*lenp = n;
	return out;
}

static int
bplist_key_cmp(const void *a, const void *b)
{
	const struct bplist_key	*x = a, *y = b;
	size_t			 n = x->len < y->len ? x->len : y->len;
	int			 c = memcmp(x->s, y->s, n);

	if (c != 0)
		return c;
	return (x->len > y->len) - (x->len < y->len);
}

/* Load key object ref of a dictionary into *k; UTF-16 keys go to *owned. */
static int
bplist_key_load(struct bplist_walk *w, uint64_t ref, struct bplist_key *k,
    char **owned)
{
	struct bplist_obj	ko;
	int			r;

	if ((r = bplist_object(w->bp, ref, &ko, w->err)) != HS_OK)
		return r;
	k->offset = ko.offset;
	if (ko.kind == BPLIST_ASCII) {
		k->s = (const char *)w->bp->data + ko.payload;
		k->len = ko.count;
	} else if (ko.kind == BPLIST_UTF16) {
		if (!bplist_utf16_ok(w->bp, &ko))
			return hs_error_at(w->err, HS_EFORMAT,
			    (long long)ko.offset, "dictionary key is not valid "
			    "UTF-16 (unpaired surrogate)");
		if ((*owned = bplist_utf16_to_utf8(w->bp, &ko, &k->len)) ==
		    NULL)
			return hs_error_set(w->err, HS_ENOMEM, "out of memory");
		k->s = *owned;
	} else
		return hs_error_at(w->err, HS_EFORMAT, (long long)ko.offset,
		    "dictionary key is not a string (marker 0x%02x)",
		    ko.marker);
	if (memchr(k->s, '\0', k->len) != NULL)
		return hs_error_at(w->err, HS_EFORMAT, (long long)ko.offset,
		    "dictionary key contains a NUL character");
	return HS_OK;
}

/*
 * Key i of dictionary o equals a later one: CoreFoundation keeps the
 * later, so readers skip this one (pval.h).  Noted by where its
 * reference lies, which no other key shares.
 */
static int
bplist_shadow(struct bplist_walk *w, const struct bplist_obj *o, uint64_t i)
{
	if (hs_idset_add(&w->bp->shadow, o->payload + i * w->bp->ref_size) !=
	    HS_OK)
		return hs_error_set(w->err, HS_ENOMEM, "out of memory");
	return HS_OK;
}


/*
 * Dictionaries this small compare every pair, with nothing allocated.
 * Thousands of them (one per HSTS entry) share the same few key objects
 * in the same few orders: a list equal to one of the last four found
 * good is good too.
 */
static int
bplist_check_small(struct bplist_walk *w, const struct bplist_obj *o)
{
	struct bplist_key	 keys[BPLIST_SMALL_DICT];
	char			*owned[BPLIST_SMALL_DICT] = { NULL };
	uint64_t		 refs[BPLIST_SMALL_DICT], i, j;
	int			 r = HS_OK, dups = 0;

	for (i = 0; i < o->count; i++)
		refs[i] = bplist_ref(w->bp, o, i);
	for (i = 0; i < 4; i++)
		if (o->count == w->ngood[i] && memcmp(refs, w->goodkeys[i],
		    o->count * sizeof *refs) == 0)
			return HS_OK;
	for (i = 0; i < o->count && r == HS_OK; i++) {
		r = bplist_key_load(w, refs[i], &keys[i], &owned[i]);
		for (j = 0; j < i && r == HS_OK; j++)
			if (bplist_key_cmp(&keys[j], &keys[i]) == 0) {
				r = bplist_shadow(w, o, j);
				dups = 1;
			}
	}
	for (i = 0; i < BPLIST_SMALL_DICT; i++)
		free(owned[i]);
	/* Only a list without equal keys may stand for the next ones. */
	if (r == HS_OK && !dups) {
		memcpy(w->goodkeys[w->nextgood], refs, o->count * sizeof *refs);
		w->ngood[w->nextgood] = o->count;
		w->nextgood = (w->nextgood + 1) % 4;
	}
	return r;
}

/* The hash of key ref of a large dictionary, its text checked. */
static int
bplist_key_hash(struct bplist_walk *w, uint64_t ref, uint64_t *h)
{
	struct bplist_key	 k;
	char			*owned = NULL;
	uint64_t		 at, n;
	int			 r;

	/* 200,000 keys in a store's session: the common case first. */
	if (bplist_short_ascii(w->bp, ref, &at, &n) &&
	    memchr(w->bp->data + at, '\0', n) == NULL) {
		*h = hs_hash_bytes(w->bp->data + at, n);
		return HS_OK;
	}
	if ((r = bplist_key_load(w, ref, &k, &owned)) == HS_OK)
		*h = hs_hash_bytes(k.s, k.len);
	free(owned);
	return r;
}

/* Keys i and j of dictionary o: when equal, the earlier is hidden. */
static int
bplist_keys_compare(struct bplist_walk *w, const struct bplist_obj *o,
    uint64_t i, uint64_t j)
{
	struct bplist_key	 a, b;
	char			*oa = NULL, *ob = NULL;
	int			 r;

	if ((r = bplist_key_load(w, bplist_ref(w->bp, o, i), &a, &oa)) ==
	    HS_OK && (r = bplist_key_load(w, bplist_ref(w->bp, o, j), &b,
	    &ob)) == HS_OK && bplist_key_cmp(&a, &b) == 0)
		r = bplist_shadow(w, o, i < j ? i : j);
	free(oa);
	free(ob);
	return r;
}

/*
 * Sort n words by their high 32 bits: four byte-wide counting passes,
 * each reading one array in order and writing the other (a hash table
 * of a million keys is a million cache misses; this is eight streams).
 */
static void
bplist_radix_high(uint64_t *a, uint64_t *tmp, size_t n)
{
	size_t		 count[256], i, sum, c;
	uint64_t	*from = a, *to = tmp, *t;
	unsigned	 shift;

	for (shift = 32; shift < 64; shift += 8) {
		memset(count, 0, sizeof count);
		for (i = 0; i < n; i++)
			count[(from[i] >> shift) & 0xff]++;
		for (i = sum = 0; i < 256; i++) {
			c = count[i];
			count[i] = sum;
			sum += c;
		}
		for (i = 0; i < n; i++)
			to[count[(from[i] >> shift) & 0xff]++] = from[i];
		t = from;
		from = to;
		to = t;
	}
	/* Four passes: the result is back in a. */
}

/*
 * Equal keys of a large dictionary: each key's hash (high 32 bits)
 * beside its position (low 32), sorted, so that equal keys sit next to
 * each other; only neighbours with equal hashes are compared.
 * A dictionary has fewer pairs than the file has bytes (256 MB).
 */
static int
bplist_keys_unique(struct bplist_walk *w, const struct bplist_obj *o)
{
	uint64_t	*hk, *tmp, h = 0, i, j;
	int		 r = HS_OK;

	hk = malloc(o->count * sizeof *hk);
	tmp = malloc(o->count * sizeof *tmp);
	if (hk == NULL || tmp == NULL) {
		free(hk);
		free(tmp);
		return hs_error_set(w->err, HS_ENOMEM, "out of memory");
	}
	for (i = 0; i < o->count && r == HS_OK; i++) {
		r = bplist_key_hash(w, bplist_ref(w->bp, o, i), &h);
		hk[i] = (h & 0xffffffff00000000ULL) | i;
	}
	if (r == HS_OK)
		bplist_radix_high(hk, tmp, o->count);
	for (i = 1; i < o->count && r == HS_OK; i++)
		for (j = i; j-- > 0 && (hk[j] >> 32) == (hk[i] >> 32) &&
		    r == HS_OK;)
			r = bplist_keys_compare(w, o, (uint32_t)hk[j],
			    (uint32_t)hk[i]);
	free(hk);
	free(tmp);
	return r;
}

/* Keys must be strings; of equal ones, all but the last are hidden. */
static int
bplist_check_keys(struct bplist_walk *w, const struct bplist_obj *o)
{
	if (o->count <= BPLIST_SMALL_DICT)
		return bplist_check_small(w, o);
	return bplist_keys_unique(w, o);
}

static int	bplist_visit(struct bplist_walk *, uint64_t, unsigned);

static int
bplist_visit_children(struct bplist_walk *w, const struct bplist_obj *o,
    uint64_t idx, unsigned depth)
{
	uint64_t	i, nrefs, ref, total = 1;
	int		r;

	nrefs = o->kind == BPLIST_DICT ? 2 * o->count : o->count;
	for (i = 0; i < nrefs; i++) {
		ref = bplist_ref(w->bp, o, i);
		if (ref >= w->bp->nobjects)
			return hs_error_at(w->err, HS_EFORMAT,
			    (long long)(o->payload + i * w->bp->ref_size),
			    "reference to object %llu, but there are only %llu",
			    (unsigned long long)ref,
			    (unsigned long long)w->bp->nobjects);
		/* Most references of a store are to objects already seen
		 * (the key strings every entry shares): no call for those. */
		if ((w->expanded[ref] == 0 || w->expanded[ref] == BPLIST_GREY) &&
		    (r = bplist_visit(w, ref, depth + 1)) != HS_OK)
			return r;
		if (depth + w->height[ref] > BPLIST_MAX_DEPTH)
			return hs_error_at(w->err, HS_EFORMAT,
			    (long long)o->offset, "containers nested deeper than "
			    "%d levels", BPLIST_MAX_DEPTH);
		if (w->height[ref] + 1u > w->height[idx])
			w->height[idx] = (uint16_t)(w->height[ref] + 1);
		total += w->expanded[ref];
		if (total > w->budget)
			return hs_error_at(w->err, HS_EFORMAT,
			    (long long)o->offset, "shared references would "
			    "expand to more than %llu nodes",
			    (unsigned long long)w->budget);
	}
	w->expanded[idx] = (uint32_t)total;
	if (o->kind == BPLIST_DICT)
		return bplist_check_keys(w, o);
	return HS_OK;
}

/*
 * An ASCII string (marker 0x5n) holds bytes below 0x80 only: CF refuses
 * the file otherwise, and what hstsctl prints must be valid UTF-8.
 */
static int
bplist_ascii_ok(struct bplist_walk *w, const struct bplist_obj *o)
{
	const unsigned char	*p = w->bp->data + o->payload;
	uint64_t		 i;

	for (i = 0; i < o->count; i++)
		if (p[i] >= 0x80)
			return hs_error_at(w->err, HS_EFORMAT, (long long)(
			    o->payload + i), "ASCII string holds the byte "
			    "0x%02x, which is not ASCII", p[i]);
	return HS_OK;
}

static int
bplist_visit(struct bplist_walk *w, uint64_t idx, unsigned depth)
{
	struct bplist_obj	o;
	int			r;

	if (w->expanded[idx] == BPLIST_GREY)
		return hs_error_at(w->err, HS_EFORMAT,
		    (long long)bplist_offset(w->bp, idx), "reference cycle: "
		    "object %llu contains itself", (unsigned long long)idx);
	if (w->expanded[idx] != 0)
		return HS_OK;
	if ((r = bplist_object(w->bp, idx, &o, w->err)) != HS_OK)
		return r;
	w->expanded[idx] = 1;
	if (o.end > (idx + 1 < w->bp->nobjects ? bplist_offset(w->bp, idx + 1) :
	    w->bp->table))
		w->overlap = 1;
	if (o.kind == BPLIST_UTF16 && !bplist_utf16_ok(w->bp, &o))
		return hs_error_at(w->err, HS_EFORMAT, (long long)o.offset,
		    "string is not valid UTF-16 (unpaired surrogate)");
	if (o.kind == BPLIST_ASCII && (r = bplist_ascii_ok(w, &o)) != HS_OK)
		return r;
	if (o.kind == BPLIST_UID && bplist_be(w->bp->data + o.payload,
	    (unsigned)o.count) > UINT32_MAX)
		return hs_error_at(w->err, HS_EFORMAT, (long long)o.offset,
		    "UID larger than 2^32-1");
	if (o.kind == BPLIST_ARRAY || o.kind == BPLIST_SET ||
	    o.kind == BPLIST_DICT) {
		if (depth > BPLIST_MAX_DEPTH)
			return hs_error_at(w->err, HS_EFORMAT,
			    (long long)o.offset, "containers nested deeper than "
			    "%d levels", BPLIST_MAX_DEPTH);
		w->expanded[idx] = BPLIST_GREY;
		w->height[idx] = 1;
		return bplist_visit_children(w, &o, idx, depth);
	}
	return HS_OK;
}

int
bplist_validate(struct bplist *bp, struct hs_error *err)
{
	struct bplist_walk	w;
	uint64_t		refs;
	int			r;

	w.bp = bp;
	w.overlap = 0;
	w.err = err;
	memset(w.ngood, 0xff, sizeof w.ngood);
	w.nextgood = 0;
	/*
	 * A tree has one node per reference plus the root.  Allow shared
	 * containers to double that, and no more: a reader such as libplist
	 * copies a shared subtree once per reference.
	 */
	refs = (bp->table - BPLIST_HEADER_LEN) / bp->ref_size;
	w.budget = 2 * refs + 1024;
	if (w.budget >= BPLIST_GREY)
		w.budget = BPLIST_GREY - 1;
	w.expanded = calloc(bp->nobjects, sizeof *w.expanded);
	w.height = calloc(bp->nobjects, sizeof *w.height);
	if (w.expanded == NULL || w.height == NULL) {
		free(w.expanded);
		free(w.height);
		return hs_error_set(err, HS_ENOMEM, "out of memory (%llu "
		    "objects)", (unsigned long long)bp->nobjects);
	}
	hs_idset_free(&bp->shadow);
	r = bplist_visit(&w, bp->top, 1);
	bp->tight = r == HS_OK && bp->ascending && !w.overlap;
	free(w.expanded);
	free(w.height);
	if (r != HS_OK)
		hs_idset_free(&bp->shadow);
	hs_idset_seal(&bp->shadow);
	return r;
}

void
bplist_release(struct bplist *bp)
{
	hs_idset_free(&bp->shadow);
}
