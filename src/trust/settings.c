/* settings.c: reading macOS trust settings; see settings.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <openssl/x509.h>

#include "hsts/host.h"
#include "trust/settings.h"

#define KEY_VERSION	"trustVersion"
#define KEY_LIST	"trustList"
#define KEY_ISSUER	"issuerName"
#define KEY_SERIAL	"serialNumber"
#define KEY_MODDATE	"modDate"
#define KEY_SETTINGS	"trustSettings"

#define TSET_MAX_USES	4096	/* constraints in one record, at most */

/* Apple's trust policies, 1.2.840.113635.100.1.N (Security's oidsalg). */
static const struct {
	const char	*oid;
	const char	*name;
} tset_policies[] = {
	{ "1.2.840.113635.100.1.1", "iSign" },
	{ "1.2.840.113635.100.1.2", "basic X.509" },
	{ "1.2.840.113635.100.1.3", "SSL" },
	{ "1.2.840.113635.100.1.4", "local certificate generation" },
	{ "1.2.840.113635.100.1.5", "certificate signing request" },
	{ "1.2.840.113635.100.1.6", "revocation (CRL)" },
	{ "1.2.840.113635.100.1.7", "revocation (OCSP)" },
	{ "1.2.840.113635.100.1.8", "S/MIME" },
	{ "1.2.840.113635.100.1.9", "EAP" },
	{ "1.2.840.113635.100.1.11", "IPsec" },
	{ "1.2.840.113635.100.1.12", "iChat" },
	{ "1.2.840.113635.100.1.14", "PKINIT client" },
	{ "1.2.840.113635.100.1.15", "PKINIT server" },
	{ "1.2.840.113635.100.1.16", "code signing" },
	{ "1.2.840.113635.100.1.17", "package signing" },
	{ "1.2.840.113635.100.1.20", "time stamping" },
	{ "1.2.840.113635.100.1.21", "revocation" },
};

/* The allowed errors people meet (cssmapple.h, cssmerr.h). */
static const struct {
	int64_t		 code;
	const char	*name;
} tset_errors[] = {
	{ -2147409654, "CSSMERR_TP_CERT_EXPIRED" },
	{ -2147409653, "CSSMERR_TP_CERT_NOT_VALID_YET" },
	{ -2147409652, "CSSMERR_TP_CERT_REVOKED" },
	{ -2147409622, "CSSMERR_TP_NOT_TRUSTED" },
	{ -2147408896, "CSSMERR_APPLETP_HOSTNAME_MISMATCH" },
	{ -2147408895, "CSSMERR_APPLETP_UNKNOWN_CRITICAL_EXTEN" },
	{ -2147408894, "CSSMERR_APPLETP_NO_BASIC_CONSTRAINTS" },
	{ -2147408893, "CSSMERR_APPLETP_INVALID_CA" },
	{ -2147408890, "CSSMERR_APPLETP_INVALID_KEY_USAGE" },
	{ -2147408889, "CSSMERR_APPLETP_INVALID_EXTENDED_KEY_USAGE" },
	{ -2147408887, "CSSMERR_APPLETP_PATH_LEN_CONSTRAINT" },
	{ -2147408886, "CSSMERR_APPLETP_INVALID_ROOT" },
	{ -2147408872, "CSSMERR_APPLETP_SMIME_EMAIL_ADDRS_NOT_FOUND" },
	{ -2147408871, "CSSMERR_APPLETP_SMIME_BAD_EXT_KEY_USE" },
	{ -2147408866, "CSSMERR_APPLETP_SSL_BAD_EXT_KEY_USE" },
	{ -2147408861, "CSSMERR_APPLETP_INCOMPLETE_REVOCATION_CHECK" },
	{ -2147408842, "CSSMERR_APPLETP_TRUST_SETTING_DENY" },
};

const char *
tset_policy_name(const char *oid)
{
	size_t	i;

	for (i = 0; i < sizeof tset_policies / sizeof tset_policies[0]; i++)
		if (strcmp(tset_policies[i].oid, oid) == 0)
			return tset_policies[i].name;
	return NULL;
}

const char *
tset_error_name(int64_t code)
{
	size_t	i;

	for (i = 0; i < sizeof tset_errors / sizeof tset_errors[0]; i++)
		if (tset_errors[i].code == code)
			return tset_errors[i].name;
	return NULL;
}

const char *
tset_result_name(int64_t r)
{
	static const char *const names[] = { NULL, "TrustRoot",
	    "TrustAsRoot", "Deny", "Unspecified" };

	return r >= 1 && r <= 4 ? names[r] : NULL;
}

const char *
tset_key_usage_text(int64_t ku, char *buf, size_t len)
{
	static const char *const bits[] = { "signature", "encrypt data",
	    "encrypt keys", "sign certificates", "sign revocation",
	    "key exchange" };
	size_t	i, n = 0;

	buf[0] = '\0';
	if (ku == -1 || ku == 0xffffffff)
		return snprintf(buf, len, "any"), buf;
	for (i = 0; i < 6; i++)
		if (ku & (1 << i))
			n += snprintf(buf + n, n < len ? len - n : 0, "%s%s",
			    n ? ", " : "", bits[i]);
	if (ku & ~0x3fLL)
		snprintf(buf + n, n < len ? len - n : 0, "%s0x%llx", n ? ", " :
		    "", (unsigned long long)(ku & ~0x3fLL));
	return buf;
}

const char *
tset_issuer_text(const struct tset_record *r, char *buf, size_t len)
{
	const unsigned char	*p = r->issuer;
	X509_NAME		*name;
	BIO			*b;
	int			 n;

	snprintf(buf, len, "%s", r->issuer_len == 0 ? "(empty)" :
	    "(not a readable name)");
	if (r->issuer_len == 0 || (name = d2i_X509_NAME(NULL, &p,
	    (long)r->issuer_len)) == NULL)
		return buf;
	if ((b = BIO_new(BIO_s_mem())) != NULL &&
	    X509_NAME_print_ex(b, name, 0, XN_FLAG_RFC2253 &
	    ~ASN1_STRFLGS_ESC_MSB) >= 0 && (n = BIO_read(b, buf,
	    (int)len - 1)) >= 0)
		buf[n] = '\0';
	BIO_free(b);
	X509_NAME_free(name);
	return buf;
}

/* An OID's content bytes as dotted text; 0, or -1 if they are not one. */
static int
tset_oid_text(const unsigned char *p, size_t n, char *buf, size_t len)
{
	unsigned long long	v = 0;
	size_t			i, w;
	int			first = 1;

	if (n == 0 || (p[n - 1] & 0x80))
		return -1;
	buf[0] = '\0';
	for (i = w = 0; i < n; i++) {
		if (v > (~0ULL >> 7))
			return -1;
		v = v << 7 | (p[i] & 0x7f);
		if (p[i] & 0x80)
			continue;
		if (first)
			w += snprintf(buf + w, w < len ? len - w : 0, "%llu.%llu",
			    v < 80 ? v / 40 : 2, v < 80 ? v % 40 : v - 80);
		else
			w += snprintf(buf + w, w < len ? len - w : 0, ".%llu", v);
		first = 0;
		v = 0;
	}
	return w < len ? 0 : -1;
}

/* --- reading ------------------------------------------------------------- */

struct tset_ctx {
	const struct plist_doc	*doc;
	const char		*key;		/* the record being read */
	struct hs_error		*err;
};

static int
tset_bad(const struct tset_ctx *c, plist_t at, const char *fmt, const char *a,
    const char *b)
{
	char	where[64], what[300];

	snprintf(what, sizeof what, fmt, a, b);
	plist_doc_where(c->doc, at, where, sizeof where);
	if (c->key == NULL)
		return hs_error_set(c->err, HS_EFORMAT, "%s%s", what, where);
	return hs_error_set(c->err, HS_EFORMAT, "trustList record %s: %s%s",
	    c->key, what, where);
}

/* A signed integer node; 0, or -1 if it is not one. */
static int
tset_int(const struct tset_ctx *c, plist_t v, int64_t *out)
{
	double	d;

	if (plist_get_node_type(v) != PLIST_UINT ||
	    plist_doc_number(c->doc, v, &d) != 0 || d < -9.2e18 || d > 9.2e18)
		return -1;
	*out = (int64_t)d;
	return 0;
}

static int
tset_policy(const struct tset_ctx *c, plist_t v, struct tset_use *u)
{
	const char	*p;
	uint64_t	 n = 0;

	if (plist_get_node_type(v) == PLIST_STRING) {
		p = plist_get_string_ptr(v, NULL);
		snprintf(u->policy, sizeof u->policy, "%s", p);
	} else if (plist_get_node_type(v) == PLIST_DATA) {
		p = plist_get_data_ptr(v, &n);
		if (tset_oid_text((const unsigned char *)p, n, u->policy,
		    sizeof u->policy) != 0)
			return tset_bad(c, v, "kSecTrustSettingsPolicy is not "
			    "an OID", NULL, NULL);
		u->policy_name = tset_policy_name(u->policy);
	} else
		return tset_bad(c, v, "kSecTrustSettingsPolicy is %s, not data "
		    "(an OID) or a string", plist_type_words(
		    plist_get_node_type(v)), NULL);
	u->has_policy = 1;
	return HS_OK;
}

/* A string-valued constraint key into *out. */
static int
tset_string(const struct tset_ctx *c, plist_t v, const char *name,
    const char **out)
{
	if (plist_get_node_type(v) != PLIST_STRING)
		return tset_bad(c, v, "%s is %s, not a string", name,
		    plist_type_words(plist_get_node_type(v)));
	*out = plist_get_string_ptr(v, NULL);
	return HS_OK;
}

static int
tset_number(const struct tset_ctx *c, plist_t v, const char *name,
    int *has, int64_t *out)
{
	if (tset_int(c, v, out) != 0)
		return tset_bad(c, v, "%s is %s, not an integer", name,
		    plist_type_words(plist_get_node_type(v)));
	*has = 1;
	return HS_OK;
}

/* One key of a usage-constraint dictionary. */
static int
tset_use_key(const struct tset_ctx *c, const char *k, plist_t v,
    struct tset_use *u)
{
	if (strcmp(k, "kSecTrustSettingsPolicy") == 0)
		return tset_policy(c, v, u);
	if (strcmp(k, "kSecTrustSettingsPolicyName") == 0)
		return tset_string(c, v, k, &u->policy_label);
	if (strcmp(k, "kSecTrustSettingsPolicyString") == 0)
		return tset_string(c, v, k, &u->scope);
	if (strcmp(k, "kSecTrustSettingsAllowedError") == 0)
		return tset_number(c, v, k, &u->has_error, &u->error);
	if (strcmp(k, "kSecTrustSettingsResult") == 0)
		return tset_number(c, v, k, &u->has_result, &u->result);
	if (strcmp(k, "kSecTrustSettingsKeyUsage") == 0)
		return tset_number(c, v, k, &u->has_key_usage, &u->key_usage);
	if (strcmp(k, "kSecTrustSettingsApplication") == 0) {
		if (plist_get_node_type(v) != PLIST_DATA)
			return tset_bad(c, v, "%s is %s, not data", k,
			    plist_type_words(plist_get_node_type(v)));
		u->has_app = 1;
	} else if (strcmp(k, "kSecTrustSettingsPolicyOptions") == 0)
		u->has_options = 1;
	return HS_OK;
}

static int
tset_use_read(const struct tset_ctx *c, plist_t d, struct tset_use *u)
{
	plist_dict_iter	 it = NULL;
	plist_t		 v;
	char		*k = NULL;
	int		 r = HS_OK;

	if (plist_get_node_type(d) != PLIST_DICT)
		return tset_bad(c, d, "a constraint is %s, not a dictionary",
		    plist_type_words(plist_get_node_type(d)), NULL);
	plist_dict_new_iter(d, &it);
	for (;;) {
		v = NULL;
		plist_dict_next_item(d, it, &k, &v);
		if (k == NULL || r != HS_OK)
			break;
		r = tset_use_key(c, k, v, u);
		free(k);
		k = NULL;
	}
	free(k);
	free(it);
	return r;
}

/* A required data value of a record. */
static int
tset_data(const struct tset_ctx *c, plist_t rec, const char *name,
    const unsigned char **p, size_t *n)
{
	plist_t		v = plist_dict_get_item(rec, name);
	uint64_t	len = 0;

	if (v == NULL)
		return tset_bad(c, rec, "no %s", name, NULL);
	if (plist_get_node_type(v) != PLIST_DATA)
		return tset_bad(c, v, "%s is %s, not data", name,
		    plist_type_words(plist_get_node_type(v)));
	*p = (const unsigned char *)plist_get_data_ptr(v, &len);
	*n = (size_t)len;
	return HS_OK;
}

static int
tset_key_ok(const char *k)
{
	size_t	i;

	if (strcmp(k, TSET_DEFAULT_ROOT) == 0)
		return 1;
	for (i = 0; k[i] != '\0'; i++)
		if (!((k[i] >= '0' && k[i] <= '9') || (k[i] >= 'A' && k[i] <=
		    'F') || (k[i] >= 'a' && k[i] <= 'f')))
			return 0;
	return i == 40;
}

static int
tset_record_read(struct tset_ctx *c, char *key, plist_t rec,
    struct tset_record *r)
{
	plist_t		v;
	uint32_t	i, n;
	int		e;

	c->key = key;
	r->key = key;
	r->default_root = strcmp(key, TSET_DEFAULT_ROOT) == 0;
	if (!tset_key_ok(key))
		return tset_bad(c, rec, "the key is not 40 hex digits (a "
		    "SHA-1) or %s", TSET_DEFAULT_ROOT, NULL);
	if (plist_get_node_type(rec) != PLIST_DICT)
		return tset_bad(c, rec, "the record is %s, not a dictionary",
		    plist_type_words(plist_get_node_type(rec)), NULL);
	if ((e = tset_data(c, rec, KEY_ISSUER, &r->issuer, &r->issuer_len)) ||
	    (e = tset_data(c, rec, KEY_SERIAL, &r->serial, &r->serial_len)))
		return e;
	if ((v = plist_dict_get_item(rec, KEY_MODDATE)) == NULL)
		return tset_bad(c, rec, "no %s", KEY_MODDATE, NULL);
	if (plist_get_node_type(v) != PLIST_DATE ||
	    plist_doc_number(c->doc, v, &r->mod_date) != 0)
		return tset_bad(c, v, "%s is %s, not a date", KEY_MODDATE,
		    plist_type_words(plist_get_node_type(v)));
	if ((v = plist_dict_get_item(rec, KEY_SETTINGS)) == NULL)
		return HS_OK;
	if (plist_get_node_type(v) != PLIST_ARRAY)
		return tset_bad(c, v, "%s is %s, not an array", KEY_SETTINGS,
		    plist_type_words(plist_get_node_type(v)));
	r->has_settings = 1;
	if ((n = plist_array_get_size(v)) > TSET_MAX_USES)
		return tset_bad(c, v, "more than 4096 constraints", NULL, NULL);
	if (n > 0 && (r->uses = calloc(n, sizeof *r->uses)) == NULL)
		return hs_error_set(c->err, HS_ENOMEM, "out of memory");
	for (i = 0; i < n; i++, r->nuses++) {
		r->uses[i].index = i;
		if ((e = tset_use_read(c, plist_array_get_item(v, i),
		    &r->uses[i])) != HS_OK)
			return e;
	}
	return HS_OK;
}

static int
tset_version(struct tset_ctx *c, plist_t root)
{
	plist_t	v = plist_dict_get_item(root, KEY_VERSION);
	int64_t	n;

	if (v == NULL)
		return tset_bad(c, root, "no %s: not a trust-settings file",
		    KEY_VERSION, NULL);
	if (tset_int(c, v, &n) != 0)
		return tset_bad(c, v, "%s is %s, not an integer", KEY_VERSION,
		    plist_type_words(plist_get_node_type(v)));
	if (n != 1)
		return tset_bad(c, v, "%s is %s; Apple reads version 1 only",
		    KEY_VERSION, n == 0 ? "0" : "above 1");
	return HS_OK;
}

int
tset_parse(const struct plist_doc *doc, struct tset **out, struct hs_error *err)
{
	struct tset_ctx	 c = { doc, NULL, err };
	struct tset	*ts;
	plist_dict_iter	 it = NULL;
	plist_t		 root, list, v;
	char		*k = NULL;
	int		 r;

	*out = NULL;
	if ((r = plist_doc_tree(doc, &root, err)) != HS_OK)
		return r;
	if (plist_get_node_type(root) != PLIST_DICT)
		return tset_bad(&c, root, "the top level is %s, not a "
		    "dictionary: not a trust-settings file",
		    plist_type_words(plist_get_node_type(root)), NULL);
	if ((r = tset_version(&c, root)) != HS_OK)
		return r;
	if ((list = plist_dict_get_item(root, KEY_LIST)) == NULL ||
	    plist_get_node_type(list) != PLIST_DICT)
		return tset_bad(&c, list ? list : root, "%s is %s, not a "
		    "dictionary", KEY_LIST, list ? plist_type_words(
		    plist_get_node_type(list)) : "missing");
	if ((ts = calloc(1, sizeof *ts)) == NULL || (ts->recs = calloc(
	    plist_dict_get_size(list) + 1, sizeof *ts->recs)) == NULL) {
		free(ts);
		return hs_error_set(err, HS_ENOMEM, "out of memory");
	}
	plist_dict_new_iter(list, &it);
	for (r = HS_OK; r == HS_OK; ts->nrecs++) {
		v = NULL;
		plist_dict_next_item(list, it, &k, &v);
		if (k == NULL)
			break;
		/* The record keeps the key's text. */
		r = tset_record_read(&c, k, v, &ts->recs[ts->nrecs]);
		k = NULL;
	}
	free(it);
	if (r != HS_OK) {
		tset_free(ts);
		return r;
	}
	*out = ts;
	return HS_OK;
}

int
tset_read(const char *path, struct tset **out, struct hs_error *err)
{
	struct plist_doc	*doc;
	int			 r;

	*out = NULL;
	if ((r = plist_doc_read_file(path, &doc, err)) != HS_OK)
		return r;
	if ((r = tset_parse(doc, out, err)) != HS_OK) {
		plist_doc_free(doc);
		return r;
	}
	(*out)->doc = doc;
	return HS_OK;
}

void
tset_free(struct tset *ts)
{
	size_t	i;

	if (ts == NULL)
		return;
	for (i = 0; i < ts->nrecs; i++) {
		free(ts->recs[i].uses);
		free(ts->recs[i].key);
	}
	free(ts->recs);
	plist_doc_free(ts->doc);
	free(ts);
}

int
tset_trusts_all(const struct tset_record *r)
{
	return r->nuses == 0;
}

int
tset_use_for_host(const struct tset_use *u, const char *host)
{
	struct hs_error	 err;
	char		*norm;
	int		 same;

	if (u->scope == NULL)
		return 0;
	hs_error_init(&err);
	if (host_normalise(u->scope, &norm, &err) != HS_OK)
		return strcasecmp(u->scope, host) == 0;
	same = strcmp(norm, host) == 0;
	free(norm);
	return same;
}

int
tset_record_for_host(const struct tset_record *r, const char *host)
{
	size_t	i;

	for (i = 0; i < r->nuses; i++)
		if (tset_use_for_host(&r->uses[i], host))
			return 1;
	return 0;
}
