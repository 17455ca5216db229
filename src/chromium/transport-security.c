/*
 * transport-security.c: Chromium's TransportSecurity; see chromium.h.
 * json-c reads the values; the few lines of span() below find where each
 * element of "sts" lies in the bytes, so that a removal cuts exactly it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "chromium/chromium.h"
#include "util/cftime.h"

#define CHROMIUM_MAX_DEPTH	32

int
chromium_sniff(const char *path, const char *buf, size_t len)
{
	const char	*base = strrchr(path, '/');
	size_t		 i = 0;

	base = base ? base + 1 : path;
	while (i < len && (buf[i] == ' ' || buf[i] == '\n' || buf[i] == '\r' ||
	    buf[i] == '\t'))
		i++;
	return strcmp(base, "TransportSecurity") == 0 || (i < len &&
	    buf[i] == '{');
}

/* --- where the elements lie ---------------------------------------------- */

/* Past the JSON value at i (json-c validated the text); len if cut. */
static size_t
span_value(const char *p, size_t len, size_t i)
{
	int	depth = 0, in_str = 0;

	for (; i < len; i++) {
		if (in_str) {
			if (p[i] == '\\')
				i++;
			else if (p[i] == '"' && --in_str == 0 && depth == 0)
				return i + 1;
			continue;
		}
		switch (p[i]) {
		case '"':
			in_str = 1;
			break;
		case '{': case '[':
			depth++;
			break;
		case '}': case ']':
			if (--depth == 0)
				return i + 1;
			if (depth < 0)
				return i;
			break;
		case ',': case ' ': case '\n': case '\r': case '\t':
			if (depth == 0)
				return i;
			break;
		}
	}
	return len;
}

static size_t
span_ws(const char *p, size_t len, size_t i)
{
	while (i < len && (p[i] == ' ' || p[i] == '\n' || p[i] == '\r' ||
	    p[i] == '\t'))
		i++;
	return i;
}

/*
 * The offset of the '[' of the top-level key "sts", or len.  Keys are
 * compared as written: Chromium writes them plainly.
 */
static size_t
span_sts(const char *p, size_t len)
{
	size_t	i = span_ws(p, len, 0), ks, k;

	if (i >= len || p[i] != '{')
		return len;
	for (i++;;) {
		ks = i = span_ws(p, len, i);
		if (i >= len || p[i] != '"')
			return len;
		k = span_value(p, len, i);
		i = span_ws(p, len, k);
		if (i >= len || p[i] != ':')
			return len;
		i = span_ws(p, len, i + 1);
		if (k - ks == 5 && memcmp(p + ks, "\"sts\"", 5) == 0 &&
		    i < len && p[i] == '[')
			return i;
		i = span_ws(p, len, span_value(p, len, i));
		if (i >= len || p[i] != ',')
			return len;
		i++;
	}
}

/* Record where each element of the array at p[open] lies, in order. */
static int
span_elements(const char *p, size_t len, size_t open, struct hsts_store *st)
{
	size_t	i, end, k = 0;

	if (open >= len)
		return -1;
	i = span_ws(p, len, open + 1);
	while (i < len && p[i] != ']' && k < st->nentries) {
		end = span_value(p, len, i);
		st->entries[k].at = i;
		st->entries[k].len = end - i;
		k++;
		i = span_ws(p, len, end);
		if (i < len && p[i] == ',')
			i = span_ws(p, len, i + 1);
	}
	return k == st->nentries ? 0 : -1;
}

/* --- reading --------------------------------------------------------------- */

static int
chromium_entry(struct hsts_store *st, json_object *o, size_t i)
{
	struct hsts_entry	*e;
	json_object		*h, *v;
	const char		*mode;

	if (!json_object_is_type(o, json_type_object) ||
	    !json_object_object_get_ex(o, "host", &h) ||
	    !json_object_is_type(h, json_type_string)) {
		hsts_store_warnf(st, "sts element %zu has no host; Chromium "
		    "skips it", i);
		/* An entry all the same, to keep elements and entries in step. */
		if ((e = hsts_store_add(st, "", "?", 1)) == NULL)
			return HS_ENOMEM;
		e->state = HSTS_STATE_OFF;
		e->expiry_kind = HSTS_EXPIRY_UNKNOWN;
		return HS_OK;
	}
	if ((e = hsts_store_add(st, "", json_object_get_string(h),
	    (size_t)json_object_get_string_len(h))) == NULL)
		return HS_ENOMEM;
	e->include_subdomains = json_object_object_get_ex(o,
	    "sts_include_subdomains", &v) && json_object_get_boolean(v);
	if (json_object_object_get_ex(o, "sts_observed", &v)) {
		e->has_created = 1;
		e->created = hs_cftime_from_unix(json_object_get_double(v));
	}
	e->expiry_kind = HSTS_EXPIRY_UNKNOWN;
	if (json_object_object_get_ex(o, "expiry", &v) &&
	    (json_object_is_type(v, json_type_double) ||
	    json_object_is_type(v, json_type_int))) {
		e->expiry_kind = HSTS_EXPIRY_AT;
		e->expiry = hs_cftime_from_unix(json_object_get_double(v));
	}
	mode = json_object_object_get_ex(o, "mode", &v) ?
	    json_object_get_string(v) : "";
	if (strcmp(mode, "force-https") != 0)
		e->state = HSTS_STATE_OFF;
	return HS_OK;
}

/* Parse the text; HS_EFORMAT naming the offset of the first fault. */
static int
chromium_parse(const char *buf, size_t len, json_object **root,
    struct hs_error *err)
{
	struct json_tokener	*tok;
	enum json_tokener_error	 je;
	size_t			 at;

	if ((tok = json_tokener_new_ex(CHROMIUM_MAX_DEPTH)) == NULL)
		return hs_error_set(err, HS_ENOMEM, "out of memory");
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
	*root = json_tokener_parse_ex(tok, buf, (int)len);
	je = json_tokener_get_error(tok);
	at = json_tokener_get_parse_end(tok);
	json_tokener_free(tok);
	if (*root == NULL || je != json_tokener_success) {
		json_object_put(*root);
		*root = NULL;
		return hs_error_at(err, HS_EFORMAT, (long long)at, "not valid "
		    "JSON: %s", je == json_tokener_continue ? "the text ends "
		    "early" : json_tokener_error_desc(je));
	}
	if (at < len)
		return json_object_put(*root), *root = NULL, hs_error_at(err,
		    HS_EFORMAT, (long long)at, "not valid JSON: text after "
		    "the end");
	return HS_OK;
}

/* Every top-level value an object, as in a version-1 file? */
static int
chromium_is_v1(json_object *root)
{
	size_t	n = 0;

	json_object_object_foreach(root, key, val) {
		(void)key;
		if (!json_object_is_type(val, json_type_object))
			return 0;
		n++;
	}
	return n > 0;
}

/* A version-1 file: keyed by hash; Chromium drops it, not migrates. */
static void
chromium_v1(struct hsts_store *st, json_object *root)
{
	size_t	n = 0;

	json_object_object_foreach(root, key, val) {
		(void)key;
		n += json_object_is_type(val, json_type_object);
	}
	hsts_store_warnf(st, "a version-1 file with %zu entries: Chromium "
	    "ignores a version-1 file (it drops it, not migrates); hstsctl "
	    "lists none of them and never writes it", n);
}

int
chromium_read(const char *path, const char *buf, size_t len,
    struct hsts_store **out, struct hs_error *err)
{
	struct hsts_store	*st;
	json_object		*root, *v, *sts;
	size_t			 i, n;
	int			 r = HS_OK;

	*out = NULL;
	if ((r = chromium_parse(buf, len, &root, err)) != HS_OK)
		return r;
	if (!json_object_is_type(root, json_type_object)) {
		json_object_put(root);
		return hs_error_at(err, HS_EFORMAT, 0, "not a TransportSecurity "
		    "store: the top level is not an object");
	}
	if ((st = hsts_store_new(path, HSTS_FMT_CHROMIUM)) == NULL) {
		json_object_put(root);
		return hs_error_set(err, HS_ENOMEM, "out of memory");
	}
	st->schema = json_object_object_get_ex(root, "version", &v) ?
	    (long)json_object_get_int(v) : 0;
	if (json_object_object_get_ex(root, "expect_ct", &v))
		hsts_store_warnf(st, "an expect_ct list of %zu entries "
		    "(Expect-CT, which Chromium no longer enforces); left as "
		    "it is",
		    json_object_is_type(v, json_type_array) ?
		    json_object_array_length(v) : 0);
	if (!json_object_object_get_ex(root, "sts", &sts)) {
		if (st->schema == 1 || (st->schema == 0 && chromium_is_v1(root)))
			chromium_v1(st, root);
		else {
			hsts_store_free(st);
			json_object_put(root);
			return hs_error_at(err, HS_EFORMAT, 0, "not a "
			    "TransportSecurity store: no \"sts\" list");
		}
	} else if (!json_object_is_type(sts, json_type_array))
		r = hs_error_at(err, HS_EFORMAT, 0, "\"sts\" is not a list");
	else {
		if (st->schema != 2)
			hsts_store_warnf(st, "version %ld: Chromium reads only "
			    "version 2 and ignores this file", st->schema);
		n = json_object_array_length(sts);
		for (i = 0; i < n && r == HS_OK; i++)
			r = chromium_entry(st, json_object_array_get_idx(sts,
			    i), i);
		if (r == HS_ENOMEM)
			hs_error_set(err, HS_ENOMEM, "out of memory");
		else if (span_elements(buf, len, span_sts(buf, len), st) != 0)
			r = hs_error_at(err, HS_EFORMAT, 0, "the \"sts\" list "
			    "cannot be located in the text");
		if (st->schema != 2)
			for (i = 0; i < st->nentries; i++)
				st->entries[i].state = HSTS_STATE_OFF;
	}
	json_object_put(root);
	if (r != HS_OK) {
		hsts_store_free(st);
		return r;
	}
	*out = st;
	return HS_OK;
}

int
chromium_drop(const struct hsts_store *st, const char *buf, size_t len,
    const unsigned char *drop, char **out, size_t *outlen,
    struct hs_error *err)
{
	char	*o;
	size_t	 i, n = 0, at, first = (size_t)-1, open, close;

	if (st->schema != 2)
		return hs_error_set(err, HS_EINVAL, "hstsctl writes only "
		    "version-2 files, the ones Chromium reads");
	if ((o = malloc(len + 1)) == NULL)
		return hs_error_set(err, HS_ENOMEM, "out of memory");
	open = span_sts(buf, len);
	at = open + 1;
	memcpy(o, buf, at);
	n = at;
	/* Kept elements, each after the separator that preceded it. */
	for (i = 0; i < st->nentries; i++) {
		if (drop[i])
			continue;
		if (first == (size_t)-1) {
			first = i;
			at = st->entries[0].at;	/* white space before the list */
			memcpy(o + n, buf + open + 1, at - open - 1);
			n += at - open - 1;
		} else {
			at = st->entries[i - 1].at + st->entries[i - 1].len;
			/* The separator before element i, as written. */
			memcpy(o + n, buf + at, st->entries[i].at - at);
			n += st->entries[i].at - at;
		}
		memcpy(o + n, buf + st->entries[i].at, st->entries[i].len);
		n += st->entries[i].len;
	}
	close = st->nentries ? st->entries[st->nentries - 1].at +
	    st->entries[st->nentries - 1].len : open + 1;
	memcpy(o + n, buf + close, len - close);
	n += len - close;
	o[n] = '\0';
	*out = o;
	*outlen = n;
	return HS_OK;
}
