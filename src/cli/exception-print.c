/*
 * exception.c: what the exception commands share: reading a store that
 * holds exceptions, and showing a decoded blob in words or as JSON.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "util/cftime.h"
#include "util/encode.h"

/* A plist value in a few words: false, 3, "text", <20 bytes>, ... */
void
cli_value_text(const struct plist_doc *doc, plist_t v, char *buf, size_t len)
{
	uint8_t		 b = 0;
	double		 d = 0;
	uint64_t	 n = 0;
	char		*s = NULL;

	switch (plist_get_node_type(v)) {
	case PLIST_BOOLEAN:
		plist_get_bool_val(v, &b);
		snprintf(buf, len, "%s", b ? "true" : "false");
		return;
	case PLIST_UINT:
	case PLIST_REAL:
		plist_doc_number(doc, v, &d);
		snprintf(buf, len, "%.17g", d);
		return;
	case PLIST_STRING:
		plist_get_string_val(v, &s);
		snprintf(buf, len, "\"%s\"", s ? s : "");
		free(s);
		return;
	case PLIST_DATA:
		plist_get_data_ptr(v, &n);
		snprintf(buf, len, "<%" PRIu64 " bytes of data>", n);
		return;
	case PLIST_DATE:
		plist_doc_number(doc, v, &d);
		hs_cftime_format(d, buf, len);
		return;
	case PLIST_ARRAY:
		snprintf(buf, len, "<an array of %u>", plist_array_get_size(v));
		return;
	case PLIST_DICT:
		snprintf(buf, len, "<a dictionary of %u>",
		    plist_dict_get_size(v));
		return;
	default:
		snprintf(buf, len, "<a value of another type>");
	}
}

static json_object *
cli_value_json(const struct plist_doc *doc, plist_t v)
{
	char	buf[128];
	uint8_t	b = 0;
	double	d = 0;

	switch (plist_get_node_type(v)) {
	case PLIST_BOOLEAN:
		plist_get_bool_val(v, &b);
		return json_object_new_boolean(b);
	case PLIST_UINT:
	case PLIST_REAL:
		plist_doc_number(doc, v, &d);
		if (fabs(d) < 9.2e18 && (double)(int64_t)d == d)
			return json_object_new_int64((int64_t)d);
		return isfinite(d) ? json_object_new_double(d) : NULL;
	default:
		cli_value_text(doc, v, buf, sizeof buf);
		return json_object_new_string(buf);
	}
}

static const char *
cli_check_verdict(const struct check_info *c)
{
	if (c == NULL)
		return "an unknown key, shown as it is";
	switch (c->cls) {
	case CHECK_RECOVERABLE:
		return "recoverable: Apple lets a user trust it anyway";
	case CHECK_FATAL:
		return "fatal: Apple never excepts it, so this entry has no "
		    "effect";
	case CHECK_DENY:
		return "denied by trust settings: Apple never excepts it";
	case CHECK_OPTION:
		return "an evaluation option, not a failure";
	default:
		return "a name from older macOS releases";
	}
}

static void
cli_cert_text(FILE *f, const struct texc *t, const struct texc_cert *c)
{
	char	hex[2 * TEXC_SHA1_LEN + 1], val[128], k[CLI_SAFE_MAX];
	char	v[CLI_SAFE_MAX];
	size_t	i;

	fprintf(f, "#%zu %s", c->index, c->role);
	if (c->has_sha1) {
		hs_encode_hex(c->sha1, TEXC_SHA1_LEN, hex);
		fprintf(f, "  SHA-1 %s", hex);
	}
	if (!c->has_sha1 && !c->has_reset && !c->has_status &&
	    c->nitems == 0) {
		fputs(": no exceptions (an empty entry: no failure here)\n",
		    f);
		return;
	}
	fputc('\n', f);
	for (i = 0; i < c->nitems; i++) {
		cli_value_text(t->doc, c->items[i].value, val, sizeof val);
		fprintf(f, "    %s = %s: %s (%s)\n", cli_safe(c->items[i].key,
		    k, sizeof k), cli_safe(val, v, sizeof v),
		    c->items[i].check ? c->items[i].check->meaning :
		    "not a check Apple defines", cli_check_verdict(
		    c->items[i].check));
	}
	if (c->has_status) {
		fputs("    StatusCodes =", f);
		for (i = 0; i < c->nstatus; i++)
			fprintf(f, "%s %" PRId64 " (0x%08" PRIx32 ")", i ? "," :
			    "", c->status[i], (uint32_t)c->status[i]);
		fputs(": the failures' status codes, as OS X 10.9 stored "
		    "them\n", f);
	}
	if (c->has_reset)
		fprintf(f, "    ExceptionResetCount = %" PRIu64 ": valid only "
		    "while the system's exception reset count is %" PRIu64
		    "; resetting trust exceptions raises it and voids this "
		    "blob\n", c->reset, c->reset);
}

void
cli_texc_text(FILE *f, const struct texc *t)
{
	size_t	i;

	if (t->type == 2)
		fputs("Trust exceptions, type 2 (no SHA-1): they apply to "
		    "every certificate of any\nchain evaluated with them "
		    "(AnchorTrusted only to self-signed certificates)\n", f);
	else
		fprintf(f, "Trust exceptions for a certificate chain, leaf "
		    "first: %zu entr%s, each\nmatched by the certificate's "
		    "SHA-1 (trailing certificates without failures\nare not "
		    "stored)\n", t->ncerts, t->ncerts == 1 ? "y" : "ies");
	for (i = 0; i < t->ncerts; i++)
		cli_cert_text(f, t, &t->certs[i]);
	if (t->trailing_empty)
		fputs("Note: the last entry is empty; Apple strips those, so "
		    "this blob was changed\nafter SecTrustCopyExceptions made "
		    "it\n", f);
}

static json_object *
cli_cert_json(const struct texc *t, const struct texc_cert *c)
{
	json_object	*o = json_object_new_object(), *a, *e;
	char		 hex[2 * TEXC_SHA1_LEN + 1];
	size_t		 i;

	json_object_object_add(o, "index", json_object_new_int64(
	    (int64_t)c->index));
	json_object_object_add(o, "role", json_object_new_string(c->role));
	if (c->has_sha1)
		hs_encode_hex(c->sha1, TEXC_SHA1_LEN, hex);
	json_object_object_add(o, "sha1", c->has_sha1 ?
	    json_object_new_string(hex) : NULL);
	json_object_object_add(o, "exception_reset_count", c->has_reset ?
	    json_object_new_int64((int64_t)c->reset) : NULL);
	a = NULL;
	if (c->has_status) {
		a = json_object_new_array();
		for (i = 0; i < c->nstatus; i++)
			json_object_array_add(a,
			    json_object_new_int64(c->status[i]));
	}
	json_object_object_add(o, "status_codes", a);
	a = json_object_new_array();
	for (i = 0; i < c->nitems; i++) {
		const struct check_info *ci = c->items[i].check;

		e = json_object_new_object();
		json_object_object_add(e, "key",
		    json_object_new_string(c->items[i].key));
		json_object_object_add(e, "value",
		    cli_value_json(t->doc, c->items[i].value));
		json_object_object_add(e, "known",
		    json_object_new_boolean(ci != NULL));
		json_object_object_add(e, "class", ci ?
		    json_object_new_string(check_class_name(ci->cls)) : NULL);
		json_object_object_add(e, "exceptable",
		    json_object_new_boolean(ci && check_exceptable(ci->cls)));
		json_object_object_add(e, "meaning", ci ?
		    json_object_new_string(ci->meaning) : NULL);
		json_object_array_add(a, e);
	}
	json_object_object_add(o, "exceptions", a);
	return o;
}

json_object *
cli_texc_json(const struct texc *t)
{
	json_object	*o = json_object_new_object(), *a;
	size_t		 i;

	json_object_object_add(o, "type", json_object_new_int(t->type));
	json_object_object_add(o, "trailing_empty",
	    json_object_new_boolean(t->trailing_empty));
	a = json_object_new_array();
	for (i = 0; i < t->ncerts; i++)
		json_object_array_add(a, cli_cert_json(t, &t->certs[i]));
	json_object_object_add(o, "certificates", a);
	return o;
}

/* "SSLHostname, AnchorTrusted" into buf. */
void
cli_texc_keys(const struct texc *t, char *buf, size_t len)
{
	size_t	i, k, n = 0;

	buf[0] = '\0';
	for (i = 0; i < t->ncerts; i++)
		for (k = 0; k < t->certs[i].nitems && n + 1 < len; k++)
			n += (size_t)snprintf(buf + n, len - n, "%s%s",
			    n ? "," : "", t->certs[i].items[k].key);
	if (n == 0)
		snprintf(buf, len, "-");
}

int
cli_exception_store(struct cli *cli, const struct cmd_entry *c,
    struct plist_doc **doc)
{
	struct hs_error	 err;
	const char	*path = NULL;
	int		 r;

	*doc = NULL;
	if ((r = args_file(cli, c, CLI_EXCEPTIONS_FILE, &path)) != EXIT_OK)
		return r;
	hs_error_init(&err);
	if (plist_doc_read_file(path, doc, &err) != HS_OK) {
		cli_error(path, &err);
		return cli_exit_code(&err);
	}
	return EXIT_OK;
}
