/*
 * live.c: what check and doctor share: their options, the HOST[:PORT]
 * argument, the stores they compare with, and one probe with verdicts.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "hsts/host.h"
#include "util/cftime.h"
#include "util/encode.h"

const struct option live_options[] = {
	{ "json", no_argument, NULL, LIVE_OPT_JSON },
	{ "all", no_argument, NULL, LIVE_OPT_ALL },
	{ "jobs", required_argument, NULL, LIVE_OPT_JOBS },
	{ "timeout", required_argument, NULL, LIVE_OPT_TIMEOUT },
	{ "exceptions", required_argument, NULL, LIVE_OPT_EXCEPTIONS },
	{ "connect-to", required_argument, NULL, LIVE_OPT_CONNECT_TO },
	{ "cafile", required_argument, NULL, LIVE_OPT_CAFILE },
	{ "capath", required_argument, NULL, LIVE_OPT_CAPATH },
	{ "trust-settings", required_argument, NULL, LIVE_OPT_TRUST },
	{ NULL, 0, NULL, 0 }
};

int
live_option(void *arg, int ch, const char *val)
{
	struct live_opts	*o = arg;
	long long		 n;

	switch (ch) {
	case LIVE_OPT_JSON: o->json = 1; break;
	case LIVE_OPT_ALL: o->all = 1; break;
	case LIVE_OPT_EXCEPTIONS: o->exceptions = val; break;
	case LIVE_OPT_CAFILE: o->cafile = val; break;
	case LIVE_OPT_CAPATH: o->capath = val; break;
	case LIVE_OPT_TRUST: o->trust_settings = val; break;
	case LIVE_OPT_JOBS:
		if (!args_number(val, 1, 1024, &n))
			return args_misuse(o->cmd, "--jobs takes 1 to "
			    "1024, not '%s'", val);
		o->jobs = (int)n;
		break;
	case LIVE_OPT_TIMEOUT:
		if (!args_number(val, 1, 600, &n))
			return args_misuse(o->cmd, "--timeout takes 1 "
			    "to 600 seconds, not '%s'", val);
		o->timeout_ms = (int)n * 1000;
		break;
	case LIVE_OPT_CONNECT_TO:
		if (o->nct == LIVE_MAX_CONNECT_TO ||
		    connect_to_parse(val, &o->ct[o->nct]) != 0)
			return args_misuse(o->cmd, "--connect-to takes "
			    "HOST1:PORT1:HOST2:PORT2 (at most %d), not '%s'",
			    LIVE_MAX_CONNECT_TO, val);
		o->nct++;
		break;
	}
	return -1;
}

/* HOST, HOST:PORT or a URL (host_from_user); the port 443 by default. */
int
live_target(const char *arg, char **host, unsigned *port,
    struct hs_error *err)
{
	int	r;

	if ((r = host_from_user(arg, host, port, err)) == HS_OK && *port == 0)
		*port = 443;
	return r;
}

/* The trust settings of --trust-settings, or the export on macOS. */
static int
live_trust(const struct live_opts *o, struct live_state *ls)
{
	struct hs_error	err;
	int		r;

	r = cli_trust_open(o->trust_settings, 0, 0, &ls->tsrc);
	if (r == CLI_TRUST_NONE)
		return EXIT_OK;
	if (r == EXIT_NOTFOUND)		/* the user has none */
		return EXIT_OK;
	if (r != EXIT_OK)
		return r;
	hs_error_init(&err);
	if (tset_read(ls->tsrc.path, &ls->ts, &err) != HS_OK) {
		cli_error(ls->tsrc.path, &err);
		return cli_exit_code(&err);
	}
	return EXIT_OK;
}

int
live_stores(struct cli *cli, const struct live_opts *o, struct live_state *ls)
{
	struct hs_error	 err;
	int		 r;

	memset(ls, 0, sizeof *ls);
	ls->nfound = (size_t)-1;
	if ((r = cli_scope_get(cli, CLI_SCOPE_ANY, &ls->s)) != EXIT_OK)
		return r;
	if (ls->s.n == 0)
		fprintf(stderr, "hstsctl: note: no HSTS store under %s; "
		    "comparing with none (use --store FILE)\n", ls->s.home);
	if ((r = cli_scope_read(&ls->s)) != EXIT_OK &&
	    !cli_scope_grouped(&ls->s))
		return r;
	if ((r = live_trust(o, ls)) != EXIT_OK)
		return r;
	if (o->exceptions == NULL)
		return EXIT_OK;
	hs_error_init(&err);
	if (cli_is_override(o->exceptions)) {
		if (fco_read(o->exceptions, &ls->fco, &err) == HS_OK)
			return EXIT_OK;
		cli_error(o->exceptions, &err);
		return cli_exit_code(&err);
	}
	if (plist_doc_read_file(o->exceptions, &ls->exdoc, &err) != HS_OK ||
	    texc_find_all(ls->exdoc, &ls->found, &ls->nfound, &err) != HS_OK) {
		cli_error(o->exceptions, &err);
		return cli_exit_code(&err);
	}
	return EXIT_OK;
}

void
live_state_free(struct live_state *ls)
{
	if (ls->nfound != (size_t)-1)
		texc_found_free(ls->found, ls->nfound);
	plist_doc_free(ls->exdoc);
	fco_free(ls->fco);
	tset_free(ls->ts);
	cli_trust_close(&ls->tsrc);
	cli_scope_free(&ls->s);
	memset(ls, 0, sizeof *ls);
	ls->nfound = (size_t)-1;
}

/* Probe one host and judge it against the stores. */
void
live_probe(const struct live_opts *o, const struct probe_ctx *pc,
    const struct live_state *ls, double now, struct live_job *j)
{
	struct probe_opts	po;

	memset(&po, 0, sizeof po);
	po.host = j->host;
	po.port = j->port;
	po.connect_to = o->ct;
	po.nconnect_to = o->nct;
	po.timeout_ms = o->timeout_ms;
	hs_error_init(&j->err);
	j->rc = probe_run(pc, &po, &j->r, &j->err);
	if (j->rc != HS_OK)
		return;
	j->v.trusted = j->r.nfails == 0;
	verdict_hsts(ls->s.read, ls->s.nread, j->host, &j->r, now, &j->v);
	if (ls->fco != NULL)
		verdict_overrides(ls->fco, j->host, j->port, &j->r, &j->v);
	else
		verdict_exceptions(ls->found, ls->nfound, j->host, &j->r,
		    &j->v);
	verdict_trust(ls->ts, j->host, &j->r, &j->v);
}

int
live_exit(const struct verdict *v)
{
	if (verdict_is_stale(v))
		return EXIT_STALE;
	if (verdict_is_untrusted(v))
		return EXIT_UNTRUSTED;
	return EXIT_OK;
}

const char *
live_cert_word(const struct live_job *j)
{
	return j->rc != HS_OK ? "error" : j->v.trusted ? "trusted" :
	    "untrusted";
}

json_object *
live_job_json(const struct live_job *j)
{
	const struct probe_result	*r = &j->r;
	json_object			*o = json_object_new_object(), *a, *e;
	char				 hex[65];
	size_t				 i;

	json_object_object_add(o, "host", json_object_new_string(j->host));
	json_object_object_add(o, "port", json_object_new_int((int)j->port));
	json_object_object_add(o, "error", j->rc != HS_OK ?
	    json_object_new_string(j->err.msg) : NULL);
	json_object_object_add(o, "certificate",
	    json_object_new_string(live_cert_word(j)));
	json_object_object_add(o, "hsts", j->rc ? NULL :
	    json_object_new_string(verdict_hsts_name(j->v.hsts)));
	json_object_object_add(o, "hsts_reason", j->rc ? NULL :
	    json_object_new_string(j->v.hsts_why));
	json_object_object_add(o, "exceptions", j->rc ? NULL :
	    json_object_new_string(verdict_exc_name(j->v.exc)));
	json_object_object_add(o, "exceptions_reason", j->rc ? NULL :
	    json_object_new_string(j->v.exc_why));
	json_object_object_add(o, "trust_settings", j->rc ? NULL :
	    json_object_new_string(verdict_trust_name(j->v.ts)));
	json_object_object_add(o, "trust_settings_reason", j->rc ? NULL :
	    json_object_new_string(j->v.ts_why));
	json_object_object_add(o, "exit", json_object_new_int(j->rc ?
	    EXIT_ERROR : live_exit(&j->v)));
	json_object_object_add(o, "address", r->addr[0] ?
	    json_object_new_string(r->addr) : NULL);
	a = json_object_new_array();
	for (i = 0; i < r->ncerts; i++) {
		e = json_object_new_object();
		json_object_object_add(e, "subject",
		    json_object_new_string(r->certs[i].subject));
		json_object_object_add(e, "issuer",
		    json_object_new_string(r->certs[i].issuer));
		json_object_object_add(e, "names", r->certs[i].sans[0] ?
		    json_object_new_string(r->certs[i].sans) : NULL);
		cli_json_time(e, "not_before", hs_cftime_from_unix(
		    r->certs[i].not_before), 1);
		cli_json_time(e, "not_after", hs_cftime_from_unix(
		    r->certs[i].not_after), 1);
		hs_encode_hex(r->certs[i].sha1, 20, hex);
		json_object_object_add(e, "sha1", json_object_new_string(hex));
		hs_encode_hex(r->certs[i].sha256, 32, hex);
		json_object_object_add(e, "sha256",
		    json_object_new_string(hex));
		json_object_object_add(e, "served",
		    json_object_new_boolean(r->certs[i].served));
		json_object_array_add(a, e);
	}
	json_object_object_add(o, "chain", a);
	a = json_object_new_array();
	for (i = 0; i < r->nfails; i++) {
		e = json_object_new_object();
		json_object_object_add(e, "index",
		    json_object_new_int(r->fails[i].depth));
		json_object_object_add(e, "openssl",
		    json_object_new_string(r->fails[i].openssl));
		json_object_object_add(e, "apple", r->fails[i].apple ?
		    json_object_new_string(r->fails[i].apple) : NULL);
		json_object_array_add(a, e);
	}
	json_object_object_add(o, "failures", a);
	e = json_object_new_object();
	json_object_object_add(e, "count", json_object_new_int(r->nsts));
	json_object_object_add(e, "raw", r->nsts ?
	    json_object_new_string(r->sts_raw) : NULL);
	json_object_object_add(e, "valid", json_object_new_boolean(
	    r->nsts && r->sts.valid));
	json_object_object_add(e, "error", r->nsts && !r->sts.valid ?
	    json_object_new_string(r->sts.error) : NULL);
	json_object_object_add(e, "max_age", r->nsts && r->sts.valid ?
	    json_object_new_int64((int64_t)(r->sts.max_age > INT64_MAX ?
	    INT64_MAX : r->sts.max_age)) : NULL);
	/* JSON integers stop at 2^63-1; the header's may be larger. */
	json_object_object_add(e, "max_age_capped", r->nsts && r->sts.valid ?
	    json_object_new_boolean(r->sts.max_age_capped ||
	    r->sts.max_age > INT64_MAX) : NULL);
	json_object_object_add(e, "include_subdomains",
	    json_object_new_boolean(r->sts.include_subdomains));
	json_object_object_add(o, "sts_header", e);
	json_object_object_add(o, "http_status", r->http_status ?
	    json_object_new_int(r->http_status) : NULL);
	return o;
}
