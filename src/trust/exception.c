/* exception.c: decoding trust-exception blobs. */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "trust/exception.h"
#include "util/encode.h"

#define KEY_SHA1	"SHA1Digest"
#define KEY_RESET	"ExceptionResetCount"
#define KEY_STATUS	"StatusCodes"

static int
texc_sha1(const struct texc_cert *c, plist_t v, struct texc_cert *out,
    struct hs_error *err)
{
	const char	*p;
	uint64_t	 n = 0;

	if (plist_get_node_type(v) != PLIST_DATA)
		return hs_error_set(err, HS_EFORMAT, "element %zu: SHA1Digest "
		    "is %s, not 20 bytes of data", c->index,
		    plist_type_words(plist_get_node_type(v)));
	p = plist_get_data_ptr(v, &n);
	if (n != TEXC_SHA1_LEN)
		return hs_error_set(err, HS_EFORMAT, "element %zu: SHA1Digest "
		    "is %llu bytes, not 20", c->index, (unsigned long long)n);
	memcpy(out->sha1, p, TEXC_SHA1_LEN);
	out->has_sha1 = 1;
	return HS_OK;
}

static int
texc_reset(const struct plist_doc *doc, struct texc_cert *c, plist_t v,
    struct hs_error *err)
{
	double	d;

	if (plist_get_node_type(v) != PLIST_UINT ||
	    plist_doc_number(doc, v, &d) != 0 || d < 0)
		return hs_error_set(err, HS_EFORMAT, "element %zu: "
		    "ExceptionResetCount is %s, not a count", c->index,
		    plist_get_node_type(v) == PLIST_UINT ? "negative" :
		    plist_type_words(plist_get_node_type(v)));
	plist_get_uint_val(v, &c->reset);
	c->has_reset = 1;
	return HS_OK;
}

static int
texc_status(const struct plist_doc *doc, struct texc_cert *c, plist_t v,
    struct hs_error *err)
{
	uint32_t	n, i;
	plist_t		item;
	double		d;

	if (plist_get_node_type(v) != PLIST_ARRAY)
		return hs_error_set(err, HS_EFORMAT, "element %zu: StatusCodes "
		    "is %s, not an array of codes", c->index,
		    plist_type_words(plist_get_node_type(v)));
	n = plist_array_get_size(v);
	if ((c->status = calloc(n ? n : 1, sizeof *c->status)) == NULL)
		return hs_error_set(err, HS_ENOMEM, "out of memory");
	for (i = 0; i < n; i++) {
		item = plist_array_get_item(v, i);
		if (plist_get_node_type(item) != PLIST_UINT ||
		    plist_doc_number(doc, item, &d) != 0)
			return hs_error_set(err, HS_EFORMAT, "element %zu: "
			    "StatusCodes[%u] is %s, not a code", c->index, i,
			    plist_type_words(plist_get_node_type(item)));
		/* Saturate: an 8-byte unsigned code may not fit. */
		c->status[i] = d >= 9223372036854775807.0 ? INT64_MAX :
		    (int64_t)d;
	}
	c->nstatus = n;
	c->has_status = 1;
	return HS_OK;
}

/* A check's value: Apple stores false, or a number (Revocation). */
static int
texc_item(struct texc_cert *c, char *key, plist_t v, struct hs_error *err)
{
	struct texc_item	*it;
	plist_type		 t = plist_get_node_type(v);

	it = realloc(c->items, (c->nitems + 1) * sizeof *it);
	if (it == NULL) {
		free(key);
		return hs_error_set(err, HS_ENOMEM, "out of memory");
	}
	c->items = it;
	it = &c->items[c->nitems++];
	it->key = key;
	it->value = v;
	it->check = check_find(key);
	if (it->check != NULL && t != PLIST_BOOLEAN && t != PLIST_UINT &&
	    t != PLIST_REAL)
		return hs_error_set(err, HS_EFORMAT, "element %zu: %s is %s; "
		    "an exception holds false or a number", c->index, key,
		    plist_type_words(t));
	return HS_OK;
}

static const char *
texc_role(const struct texc_cert *c)
{
	static const char *const anchor_keys[] = { "AnchorTrusted",
	    "AnchorSHA256", "AnchorSHA1", "AnchorApple", "ValidRoot",
	    "RootMarkerOid" };
	size_t	i, k;

	if (c->index == 0)
		return "leaf";
	for (i = 0; i < c->nitems; i++)
		for (k = 0; k < sizeof anchor_keys / sizeof anchor_keys[0]; k++)
			if (strcmp(c->items[i].key, anchor_keys[k]) == 0)
				return "anchor";
	return "intermediate";
}

static int
texc_cert(struct texc *t, struct texc_cert *c, plist_t d,
    struct hs_error *err)
{
	plist_dict_iter	 it = NULL;
	char		*key;
	plist_t		 v;
	int		 r = HS_OK;

	if (plist_get_node_type(d) != PLIST_DICT)
		return hs_error_set(err, HS_EFORMAT, "element %zu is %s, not a "
		    "dictionary", c->index, plist_type_words(plist_get_node_type(
		    d)));
	plist_dict_new_iter(d, &it);
	for (;;) {
		plist_dict_next_item(d, it, &key, &v);
		if (v == NULL)
			break;
		if (strcmp(key, KEY_SHA1) == 0)
			r = texc_sha1(c, v, c, err);
		else if (strcmp(key, KEY_RESET) == 0)
			r = texc_reset(t->doc, c, v, err);
		else if (strcmp(key, KEY_STATUS) == 0)
			r = texc_status(t->doc, c, v, err);
		else {
			r = texc_item(c, key, v, err);
			key = NULL;
		}
		free(key);
		if (r != HS_OK)
			break;
	}
	free(it);
	return r;
}

static int
texc_empty(const struct texc_cert *c)
{
	return !c->has_sha1 && !c->has_reset && !c->has_status &&
	    c->nitems == 0;
}

/* The shape rules of section 2.1, 2.4 and 2.5. */
static int
texc_shape(struct texc *t, struct hs_error *err)
{
	struct texc_cert	*c;
	size_t			 i;

	if (t->ncerts == 1 && !t->certs[0].has_sha1) {
		t->type = 2;
		return HS_OK;
	}
	t->type = 1;
	if (!t->certs[0].has_sha1)
		return hs_error_set(err, HS_EFORMAT, "element 0 (the leaf) has "
		    "no SHA1Digest; without it the blob matches no "
		    "certificate");
	for (i = 1; i < t->ncerts; i++) {
		c = &t->certs[i];
		if (!texc_empty(c) && !c->has_sha1)
			return hs_error_set(err, HS_EFORMAT, "element %zu has "
			    "exception keys but no SHA1Digest", i);
		if (c->has_reset)
			return hs_error_set(err, HS_EFORMAT, "element %zu holds "
			    "ExceptionResetCount, which only the leaf (element "
			    "0) may", i);
	}
	t->trailing_empty = t->ncerts > 1 && texc_empty(&t->certs[t->ncerts -
	    1]);
	return HS_OK;
}

static int
texc_interpret(struct texc *t, struct hs_error *err)
{
	plist_t		root;
	uint32_t	n, i;
	int		r;

	if ((r = plist_doc_tree(t->doc, &root, err)) != HS_OK)
		return r;
	if (plist_get_node_type(root) != PLIST_ARRAY)
		return hs_error_set(err, HS_EFORMAT, "not a trust-exception "
		    "blob: the top level is %s, not an array",
		    plist_type_words(plist_get_node_type(root)));
	if ((n = plist_array_get_size(root)) == 0)
		return hs_error_set(err, HS_EFORMAT, "not a trust-exception "
		    "blob: the array is empty (a blob always holds the leaf)");
	if ((t->certs = calloc(n, sizeof *t->certs)) == NULL)
		return hs_error_set(err, HS_ENOMEM, "out of memory");
	for (i = 0; i < n; i++) {
		t->certs[i].index = i;
		t->ncerts = i + 1;
		if ((r = texc_cert(t, &t->certs[i], plist_array_get_item(root,
		    i), err)) != HS_OK)
			return r;
	}
	for (i = 0; i < n; i++)
		t->certs[i].role = texc_role(&t->certs[i]);
	return texc_shape(t, err);
}

int
texc_decode(const void *buf, size_t len, struct texc **out,
    struct hs_error *err)
{
	struct texc	*t;
	int		 r;

	*out = NULL;
	if ((t = calloc(1, sizeof *t)) == NULL)
		return hs_error_set(err, HS_ENOMEM, "out of memory");
	if ((r = plist_doc_parse(buf, len, &t->doc, err)) != HS_OK ||
	    (r = texc_interpret(t, err)) != HS_OK) {
		texc_free(t);
		return r;
	}
	*out = t;
	return HS_OK;
}

void
texc_free(struct texc *t)
{
	size_t	i, k;

	if (t == NULL)
		return;
	for (i = 0; i < t->ncerts; i++) {
		for (k = 0; k < t->certs[i].nitems; k++)
			free(t->certs[i].items[k].key);
		free(t->certs[i].items);
		free(t->certs[i].status);
	}
	free(t->certs);
	plist_doc_free(t->doc);
	free(t);
}

static int
texc_looks(const char *s, size_t len, const char *alphabet)
{
	size_t	i, n = 0;

	for (i = 0; i < len; i++) {
		if (isspace((unsigned char)s[i]))
			continue;
		if (strchr(alphabet, s[i]) == NULL)
			return 0;
		n++;
	}
	return n > 0;
}

int
texc_input(const char *in, size_t len, enum texc_input how,
    unsigned char **out, size_t *outlen, struct hs_error *err)
{
	const char	*bad;
	int		 r;

	if (how == TEXC_INPUT_AUTO) {
		if (len >= 6 && (memcmp(in, "bplist", 6) == 0 ||
		    texc_looks(in, 1, "<")))
			how = TEXC_INPUT_RAW;
		else if (texc_looks(in, len, "0123456789abcdefABCDEF:"))
			how = TEXC_INPUT_HEX;
		else if (texc_looks(in, len, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef"
		    "ghijklmnopqrstuvwxyz0123456789+/="))
			how = TEXC_INPUT_BASE64;
		else
			how = TEXC_INPUT_RAW;
	}
	if (how == TEXC_INPUT_RAW) {
		if ((*out = malloc(len ? len : 1)) == NULL)
			return hs_error_set(err, HS_ENOMEM, "out of memory");
		memcpy(*out, in, len);
		*outlen = len;
		return HS_OK;
	}
	r = how == TEXC_INPUT_HEX ?
	    hs_encode_hex_decode(in, len, out, outlen, &bad) :
	    hs_encode_base64_decode(in, len, out, outlen, &bad);
	if (r == 0)
		return HS_OK;
	if (bad == NULL)
		return hs_error_set(err, HS_ENOMEM, "out of memory");
	return hs_error_at(err, HS_EFORMAT, (long long)(bad - in), "not "
	    "valid %s text", how == TEXC_INPUT_HEX ? "hex" : "base64");
}
