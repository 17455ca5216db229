/* verdict.c: comparing stored state with the live server. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diagnose/verdict.h"
#include "trust/checks.h"
#include "trust/remove.h"
#include "util/cftime.h"
#include "util/encode.h"

const char *
verdict_hsts_name(enum hsts_verdict v)
{
	static const char *const n[] = { "no-store", "none", "not-stored",
	    "agrees", "differs", "outlives", "parent" };

	return n[v];
}

const char *
verdict_exc_name(enum exc_verdict v)
{
	static const char *const n[] = { "no-store", "none", "covers",
	    "stale", "insufficient" };

	return n[v];
}

static void
verdict_when(const struct hsts_entry *e, char *buf, size_t len)
{
	if (e->expiry_kind == HSTS_EXPIRY_NEVER)
		snprintf(buf, len, "never expires");
	else {
		snprintf(buf, len, "until ");
		hs_cftime_format(e->expiry, buf + 6, len - 6);
	}
}

static void
verdict_header(const struct probe_result *r, char *buf, size_t len)
{
	if (r->nsts == 0)
		snprintf(buf, len, "sends no Strict-Transport-Security header");
	else if (!r->sts.valid)
		snprintf(buf, len, "sends an invalid header (%s)",
		    r->sts.error);
	else if (r->sts.max_age == 0)
		snprintf(buf, len, "sends max-age=0, asking to forget it");
	else
		snprintf(buf, len, "sends max-age=%llu%s%s",
		    (unsigned long long)r->sts.max_age,
		    r->sts.max_age_capped ? " (capped: the header's value is "
		    "larger)" : "",
		    r->sts.include_subdomains ? "; includeSubDomains" : "");
}

void
verdict_hsts(const struct hsts_store *const *sts, size_t nst,
    const char *host, const struct probe_result *r, double now,
    struct verdict *v)
{
	struct hsts_entry	**all;
	const struct hsts_entry	*own = NULL, *parent = NULL;
	char			 when[64], hdr[200];
	size_t			 n, i, k, most = 0;
	int			 asks = r->nsts > 0 && r->sts.valid &&
	    r->sts.max_age > 0;

	verdict_header(r, hdr, sizeof hdr);
	if (nst == 0) {
		v->hsts = HV_NO_STORE;
		snprintf(v->hsts_why, sizeof v->hsts_why, "no HSTS store was "
		    "read; the server %s", hdr);
		return;
	}
	for (k = 0; k < nst; k++)
		most = sts[k]->nentries > most ? sts[k]->nentries : most;
	if ((all = calloc(most + 1, sizeof *all)) == NULL) {
		v->hsts = HV_NONE;
		snprintf(v->hsts_why, sizeof v->hsts_why, "out of memory "
		    "reading the HSTS store");
		return;
	}
	for (k = 0; k < nst; k++) {
		n = hsts_store_match(sts[k], host, all);
		for (i = 0; i < n; i++) {
			if (!hsts_entry_applies(all[i], host, now))
				continue;
			if (strcmp(all[i]->norm, host) == 0 && own == NULL)
				own = all[i];
			else if (parent == NULL && strcmp(all[i]->norm,
			    host) != 0)
				parent = all[i];
		}
	}
	if (own != NULL) {
		verdict_when(own, when, sizeof when);
		v->hsts = !asks ? HV_OUTLIVES : own->include_subdomains ==
		    r->sts.include_subdomains ? HV_AGREES : HV_DIFFERS;
		snprintf(v->hsts_why, sizeof v->hsts_why, "%s has an entry "
		    "(%s%s); the server %s%s", host, when,
		    own->include_subdomains ? ", includeSubDomains" : "", hdr,
		    v->hsts == HV_OUTLIVES ? ": the entry outlives the "
		    "server's intent" : "");
	} else if (parent != NULL) {
		verdict_when(parent, when, sizeof when);
		v->hsts = HV_PARENT;
		snprintf(v->hsts_why, sizeof v->hsts_why, "forced to HTTPS by "
		    "%s, which includes subdomains (%s); the server %s",
		    hsts_entry_label(parent), when, hdr);
	} else {
		v->hsts = asks ? HV_NOT_STORED : HV_NONE;
		snprintf(v->hsts_why, sizeof v->hsts_why, "no entry forces "
		    "HTTPS on %s; the server %s%s", host, hdr, asks ? ", so "
		    "Safari adds one on its next visit" : "");
	}
	free(all);
}

/* Is the failure f excepted by certificate entry c of the blob? */
static int
verdict_excepted(const struct texc_cert *c, const char *key)
{
	const struct check_info	*ci = check_find(key);
	size_t			 i;

	if (ci != NULL && !check_exceptable(ci->cls))
		return 0;
	for (i = 0; i < c->nitems; i++)
		if (strcmp(c->items[i].key, key) == 0)
			return 1;
	return 0;
}

/* Apple's rules for one blob; returns the verdict and explains it. */
static enum exc_verdict
verdict_blob(const struct texc *t, const struct probe_result *r, char *why,
    size_t len)
{
	const struct probe_failure	*f;
	const struct texc_cert		*c;
	char				 a[41], b[41];
	size_t				 i;
	int				 ok;

	if (t->type == 1 && (r->ncerts == 0 ||
	    memcmp(t->certs[0].sha1, r->certs[0].sha1, 20) != 0)) {
		hs_encode_hex(t->certs[0].sha1, 20, a);
		if (r->ncerts > 0)
			hs_encode_hex(r->certs[0].sha1, 20, b);
		snprintf(why, len, "certificate changed (stored SHA-1 %s, "
		    "live %s)", a, r->ncerts ? b : "none");
		return EV_STALE;
	}
	for (i = 0; i < r->nfails; i++) {
		f = &r->fails[i];
		ok = 0;
		if (f->apple != NULL && t->type == 2)
			ok = verdict_excepted(&t->certs[0], f->apple) &&
			    (strcmp(f->apple, "AnchorTrusted") != 0 ||
			    ((size_t)f->depth < r->ncerts &&
			    r->certs[f->depth].self_signed));
		else if (f->apple != NULL && (size_t)f->depth < t->ncerts) {
			c = &t->certs[f->depth];
			ok = c->has_sha1 && (size_t)f->depth < r->ncerts &&
			    memcmp(c->sha1, r->certs[f->depth].sha1, 20) == 0 &&
			    verdict_excepted(c, f->apple);
		}
		if (!ok) {
			snprintf(why, len, "new failure %s at #%d not excepted "
			    "(%s)", f->apple ? f->apple : "(no Apple "
			    "equivalent)", f->depth, f->openssl);
			return EV_INSUFFICIENT;
		}
	}
	snprintf(why, len, "%s", r->nfails ? "the stored exception covers "
	    "every current failure" : "the live chain is trusted; the "
	    "exception is not needed");
	return EV_COVERS;
}

void
verdict_exceptions(const struct texc_found *f, size_t n, const char *host,
    const struct probe_result *r, struct verdict *v)
{
	enum exc_verdict	best = EV_NONE, e;
	char			why[640];
	size_t			i;

	if (f == NULL && n == (size_t)-1) {
		v->exc = EV_NO_STORE;
		snprintf(v->exc_why, sizeof v->exc_why, "no exception store "
		    "was given (--exceptions FILE)");
		return;
	}
	snprintf(v->exc_why, sizeof v->exc_why, "no stored trust exception "
	    "for %s", host);
	for (i = 0; i < n; i++) {
		if (!texc_matches(&f[i], host))
			continue;
		e = verdict_blob(f[i].blob, r, why, sizeof why);
		/* covers beats insufficient beats stale beats none */
		if (best == EV_NONE || e == EV_COVERS || (e ==
		    EV_INSUFFICIENT && best == EV_STALE)) {
			best = e;
			snprintf(v->exc_why, sizeof v->exc_why, "%s", why);
		}
	}
	v->exc = best;
}

void
verdict_overrides(const struct fco *f, const char *host, unsigned port,
    const struct probe_result *r, struct verdict *v)
{
	const struct fco_entry	*stale = NULL;
	char			 live[65] = "none", old[65];
	size_t			 i;

	if (r->ncerts > 0)
		hs_encode_hex(r->certs[0].sha256, 32, live);
	v->exc = EV_NONE;
	snprintf(v->exc_why, sizeof v->exc_why, "no Firefox certificate "
	    "exception for %s:%u", host, port);
	for (i = 0; i < f->n; i++) {
		if (!fco_for_host(&f->v[i], host) || f->v[i].port != port)
			continue;
		if (f->v[i].has_sha256 && r->ncerts > 0 &&
		    memcmp(f->v[i].sha256, r->certs[0].sha256, 32) == 0) {
			v->exc = EV_COVERS;
			snprintf(v->exc_why, sizeof v->exc_why, "a Firefox "
			    "certificate exception for %s:%u is for the "
			    "certificate the server presents (SHA-256 %s)",
			    host, port, live);
			return;
		}
		stale = &f->v[i];
	}
	if (stale == NULL)
		return;
	v->exc = EV_STALE;
	hs_encode_hex(stale->sha256, 32, old);
	snprintf(v->exc_why, sizeof v->exc_why, "certificate changed: the "
	    "Firefox exception for %s:%u is for SHA-256 %.64s; the server "
	    "presents %s", host, port, stale->has_sha256 ? old : "(unknown)",
	    live);
}

int
verdict_is_stale(const struct verdict *v)
{
	return v->exc == EV_STALE || v->exc == EV_INSUFFICIENT ||
	    v->hsts == HV_OUTLIVES || v->ts == TV_STALE;
}

const char *
verdict_trust_name(enum tset_verdict v)
{
	static const char *const n[] = { "no-store", "none", "current",
	    "stale" };

	return n[v];
}

/* Is the record's certificate one the server serves? */
static int
verdict_served(const struct tset_record *rec, const struct probe_result *r)
{
	char	hex[41];
	size_t	i;

	for (i = 0; i < r->ncerts; i++) {
		if (!r->certs[i].served)
			continue;
		hs_encode_hex(r->certs[i].sha1, 20, hex);
		if (strcasecmp(hex, rec->key) == 0)
			return 1;
	}
	return 0;
}

void
verdict_trust(const struct tset *ts, const char *host,
    const struct probe_result *r, struct verdict *v)
{
	const struct tset_record	*stale = NULL, *cur = NULL;
	char				 when[64], leaf[41] = "none";
	size_t				 i;

	if (ts == NULL) {
		v->ts = TV_NO_STORE;
		snprintf(v->ts_why, sizeof v->ts_why, "no trust settings were "
		    "read");
		return;
	}
	for (i = 0; i < ts->nrecs; i++) {
		if (!tset_record_for_host(&ts->recs[i], host))
			continue;
		if (verdict_served(&ts->recs[i], r))
			cur = cur ? cur : &ts->recs[i];
		else
			stale = stale ? stale : &ts->recs[i];
	}
	if (r->ncerts > 0)
		hs_encode_hex(r->certs[0].sha1, 20, leaf);
	if (stale != NULL) {
		v->ts = TV_STALE;
		hs_cftime_format(stale->mod_date, when, sizeof when);
		snprintf(v->ts_why, sizeof v->ts_why, "a trust setting for %s "
		    "trusts certificate %s (set %s), which the server does not "
		    "present; it presents %s%s", host, stale->key, when, leaf,
		    cur ? " (which has a trust setting of its own)" : "");
	} else if (cur != NULL) {
		v->ts = TV_CURRENT;
		snprintf(v->ts_why, sizeof v->ts_why, "a trust setting for %s "
		    "trusts certificate %s, which the server presents", host,
		    cur->key);
	} else {
		v->ts = TV_NONE;
		snprintf(v->ts_why, sizeof v->ts_why, "no trust setting for %s",
		    host);
	}
}

int
verdict_is_untrusted(const struct verdict *v)
{
	return !v->trusted && v->exc != EV_COVERS;
}
