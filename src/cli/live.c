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
