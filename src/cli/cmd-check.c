/*
 * cmd-check.c: "hstsctl check HOST[:PORT]" and "check --all": stored state
 * against what the server presents now.
 */
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "hsts/host.h"
#include "diagnose/verdict.h"
#include "util/cftime.h"
#include "util/encode.h"

struct check_run {
	const struct live_opts	*o;
	struct probe_ctx	*pc;
	const struct live_state	*ls;
	struct live_job	*jobs;
	size_t			 njobs;
	atomic_size_t		 next;
	atomic_size_t		 done;
	double			 now;
	int			 progress;
};

static void
check_one(struct check_run *cr, struct live_job *j)
{
	live_probe(cr->o, cr->pc, cr->ls, cr->now, j);
}

static void *
check_worker(void *arg)
{
	struct check_run	*cr = arg;
	size_t			 i, d;

	while ((i = atomic_fetch_add(&cr->next, 1)) < cr->njobs) {
		check_one(cr, &cr->jobs[i]);
		d = atomic_fetch_add(&cr->done, 1) + 1;
		if (cr->progress)
			fprintf(stderr, "\rhstsctl: checked %zu of %zu", d,
			    cr->njobs);
	}
	return NULL;
}

/* Run every job on a pool of at most o->jobs threads. */
static void
check_pool(struct check_run *cr)
{
	pthread_t	*t;
	size_t		 n = (size_t)cr->o->jobs, i, started = 0;

	if (n > cr->njobs)
		n = cr->njobs;
	if (n <= 1 || (t = calloc(n, sizeof *t)) == NULL) {
		check_worker(cr);
		return;
	}
	for (i = 0; i < n; i++)
		started += pthread_create(&t[i], NULL, check_worker, cr) == 0;
	if (started == 0)
		check_worker(cr);
	for (i = 0; i < started; i++)
		pthread_join(t[i], NULL);
	free(t);
	if (cr->progress)
		fputc('\n', stderr);
}

/* --- printing ------------------------------------------------------------ */

static void
check_text(const struct live_job *j)
{
	const struct probe_result	*r = &j->r;
	char				 a[64], b[64], hex[65];
	char				 s1[CLI_SAFE_MAX], s2[CLI_SAFE_MAX];
	char				 s3[CLI_SAFE_MAX];
	size_t				 i;

	/* What the server and the stores said is escaped (cli_safe). */
	printf("certificate: %s", live_cert_word(j));
	for (i = 0; i < r->nfails; i++)
		printf("%s%s", i ? ", " : ": ", r->fails[i].apple ?
		    r->fails[i].apple : r->fails[i].openssl);
	printf("\nhsts: %s: %s\n", verdict_hsts_name(j->v.hsts),
	    cli_safe(j->v.hsts_why, s1, sizeof s1));
	printf("exceptions: %s: %s\n", verdict_exc_name(j->v.exc),
	    cli_safe(j->v.exc_why, s1, sizeof s1));
	if (j->v.ts != TV_NO_STORE)
		printf("trust settings: %s: %s\n", verdict_trust_name(j->v.ts),
		    cli_safe(j->v.ts_why, s1, sizeof s1));
	putchar('\n');
	printf("%s:%u at %s, %s\n", j->host, j->port, r->addr,
	    r->tls_version);
	for (i = 0; i < r->ncerts; i++) {
		const struct probe_cert *c = &r->certs[i];

		hs_cftime_format(hs_cftime_from_unix(c->not_before), a,
		    sizeof a);
		hs_cftime_format(hs_cftime_from_unix(c->not_after), b,
		    sizeof b);
		printf("#%zu %s%s\n    issuer  %s\n    names   %s\n    valid   "
		    "%s to %s\n", i, cli_safe(c->subject, s1, sizeof s1),
		    c->served ? "" : " (from the trust store)",
		    cli_safe(c->issuer, s2, sizeof s2), *c->sans ?
		    cli_safe(c->sans, s3, sizeof s3) : "-", a, b);
		hs_encode_hex(c->sha1, 20, hex);
		printf("    SHA-1   %s\n", hex);
		hs_encode_hex(c->sha256, 32, hex);
		printf("    SHA-256 %s\n", hex);
	}
	for (i = 0; i < r->nfails; i++)
		printf("failure at #%d: %s (Apple: %s)\n", r->fails[i].depth,
		    r->fails[i].openssl, r->fails[i].apple ? r->fails[i].apple :
		    "no equivalent");
	if (r->nsts > 0)
		printf("Strict-Transport-Security: %s (%s%s)\n",
		    cli_safe(r->sts_raw, s1, sizeof s1),
		    r->sts.valid ? "valid" : r->sts.error, r->nsts > 1 ?
		    "; more than one header: only the first counts" : "");
	else
		printf("Strict-Transport-Security: none%s%s%s\n",
		    r->http_error[0] ? " (" : "", r->http_error,
		    r->http_error[0] ? ")" : "");
	if (r->http_status >= 300 && r->http_status < 400)
		printf("HTTP %d redirect to %s (not followed)\n",
		    r->http_status, cli_safe(r->location, s1, sizeof s1));
}

static json_object *
check_json_item(void *arg, size_t i)
{
	return live_job_json(&((struct check_run *)arg)->jobs[i]);
}

static void
check_summary(const struct check_run *cr)
{
	const struct live_job	*j;
	size_t			 i, w = 4, len;
	char			 name[300], h[CLI_SAFE_MAX], n[CLI_SAFE_MAX];

	for (i = 0; i < cr->njobs; i++)
		if ((len = strlen(cli_safe(cr->jobs[i].host, h, sizeof h)) + 6) >
		    w)
			w = len;
	printf("%-*s  %-11s  %-10s  %-12s  %s\n", (int)w, "HOST",
	    "CERTIFICATE", "HSTS", "EXCEPTIONS", "NOTE");
	for (i = 0; i < cr->njobs; i++) {
		j = &cr->jobs[i];
		snprintf(name, sizeof name, "%s:%u", cli_safe(j->host, h,
		    sizeof h), j->port);
		printf("%-*s  %-11s  %-10s  %-12s  %s\n", (int)w, name,
		    live_cert_word(j), j->rc ? "-" :
		    verdict_hsts_name(j->v.hsts), j->rc ? "-" :
		    verdict_exc_name(j->v.exc), cli_safe(j->rc ? j->err.msg :
		    j->v.exc == EV_STALE || j->v.exc == EV_INSUFFICIENT ?
		    j->v.exc_why : j->v.ts == TV_STALE ? j->v.ts_why :
		    j->v.hsts == HV_OUTLIVES ? j->v.hsts_why : "", n,
		    sizeof n));
	}
}

/* --- targets and stores -------------------------------------------------- */

static int
check_add(struct check_run *cr, const char *host, unsigned port)
{
	struct live_job	*j;
	size_t			 i;

	for (i = 0; i < cr->njobs; i++)
		if (cr->jobs[i].port == port && strcmp(cr->jobs[i].host,
		    host) == 0)
			return HS_OK;
	if ((j = realloc(cr->jobs, (cr->njobs + 1) * sizeof *j)) == NULL)
		return HS_ENOMEM;
	cr->jobs = j;
	j = &cr->jobs[cr->njobs];
	memset(j, 0, sizeof *j);
	if ((j->host = strdup(host)) == NULL)
		return HS_ENOMEM;
	j->port = port;
	cr->njobs++;
	return HS_OK;
}

/* Every dynamic HSTS entry and every host with a stored exception. */
static int
check_all_targets(struct check_run *cr)
{
	const struct hsts_store	*st;
	size_t			 i, k;
	long long		 p;
	int			 r = HS_OK;

	for (k = 0; k < cr->ls->s.nread; k++) {
		st = cr->ls->s.read[k];
		for (i = 0; i < st->nentries && r == HS_OK; i++)
			if (!hsts_entry_preloaded(&st->entries[i]))
				r = check_add(cr, st->entries[i].norm, 443);
	}
	for (i = 0; cr->ls->found != NULL && i < cr->ls->nfound && r == HS_OK;
	    i++)
		if (cr->ls->found[i].layout == TEXC_LAYOUT_SAFARI)
			r = check_add(cr, cr->ls->found[i].owner,
			    cr->ls->found[i].port && args_number(
			    cr->ls->found[i].port, 1, 65535, &p) ? (unsigned)p :
			    443);
	return r;
}

static int
cmd_check_exec(struct cli *cli, int argc, char **argv)
{
	struct live_opts	 o;
	struct check_run	 cr;
	struct live_state	 ls;
	struct hs_error		 err;
	json_object		*head;
	char			*host = NULL;
	unsigned		 port = 443;
	size_t			 i;
	int			 r, code = EXIT_OK, c;

	memset(&o, 0, sizeof o);
	o.jobs = 32;
	o.timeout_ms = 10000;
	o.cmd = &cmd_check_entry;
	r = args_parse(cli, &cmd_check_entry, argc, argv, live_options,
	    live_option, &o);
	if (r >= 0)
		return r;
	if (o.all ? optind != argc : optind != argc - 1)
		return args_misuse(&cmd_check_entry, o.all ? "check --all takes "
		    "no HOST" : "check takes one HOST[:PORT], or --all");
	hs_error_init(&err);
	if (!o.all && live_target(argv[optind], &host, &port, &err) !=
	    HS_OK) {
		cli_error(NULL, &err);
		return cli_exit_code(&err);
	}
	memset(&cr, 0, sizeof cr);
	cr.o = &o;
	cr.now = cli->now;
	cr.ls = &ls;
	if ((r = live_stores(cli, &o, &ls)) != EXIT_OK)
		goto done;
	r = o.all ? check_all_targets(&cr) : check_add(&cr, host, port);
	if (r != HS_OK) {
		r = EXIT_ERROR;
		goto done;
	}
	if (probe_ctx_new(o.cafile, o.capath, &cr.pc, &err) != HS_OK) {
		cli_error(NULL, &err);
		r = cli_exit_code(&err);
		goto done;
	}
	/* Named before the probes start: they share the stores. */
	for (i = 0; i < cr.njobs; i++)
		cli_scope_name(&ls.s, cr.jobs[i].host);
	cr.progress = o.all && isatty(STDERR_FILENO) && cr.njobs > 1;
	check_pool(&cr);
	for (i = 0; i < cr.njobs; i++) {
		c = cr.jobs[i].rc ? EXIT_ERROR : live_exit(&cr.jobs[i].v);
		if (c > code || (c == EXIT_ERROR && code == EXIT_OK))
			code = c;
		if (!o.all && cr.jobs[i].rc != HS_OK)
			cli_error(NULL, &cr.jobs[i].err);
	}
	if (o.json) {
		head = json_object_new_object();
		json_object_object_add(head, "checked",
		    json_object_new_int64((int64_t)cr.njobs));
		cli_print_json(head, "hosts", cr.njobs, check_json_item, &cr);
		json_object_put(head);
	} else if (o.all)
		check_summary(&cr);
	else if (cr.jobs[0].rc == HS_OK)
		check_text(&cr.jobs[0]);
	r = code ? code : cli_scope_code(&ls.s);
done:
	for (i = 0; i < cr.njobs; i++) {
		free(cr.jobs[i].host);
		probe_result_release(&cr.jobs[i].r);
	}
	free(cr.jobs);
	probe_ctx_free(cr.pc);
	live_state_free(&ls);
	free(host);
	return cli_finish(r);
}

const struct cmd_entry cmd_check_entry = {
	"check",
	"HOST[:PORT] | --all [--exceptions FILE] [--trust-settings FILE] "
	    "[--connect-to H1:P1:H2:P2] "
	    "[--cafile FILE] [--capath DIR] [--timeout SECONDS] [--jobs N] "
	    "[--json]",
	"Compare what the stores hold with what the server presents now: "
	    "its\ncertificate chain (every failure, in OpenSSL's words and as "
	    "the Apple\ncheck), its Strict-Transport-Security header, the "
	    "HSTS entries that\nforce HTTPS on it, the trust exceptions "
	    "stored for it and its trust settings\n(stale when they trust "
	    "another certificate).  --all checks every dynamic\nHSTS entry "
	    "and every host with a stored exception.",
	"  --exceptions FILE      a plist holding trust-exception blobs\n"
	"  --trust-settings FILE  trust settings to judge (on macOS: an "
	"export)\n"
	"  --connect-to H1:P1:H2:P2  connect to H2:P2 for H1:P1 (empty H1 or\n"
	"                         P1 match any; repeatable)\n"
	"  --cafile FILE, --capath DIR  trust these anchors, not the "
	"system's\n"
	"  --timeout SECONDS      for the whole check of a host: connection,\n"
	"                         handshake, request and reply (default 10)\n"
	"  --all                  check every stored host\n"
	"  --jobs N               hosts checked at once with --all (default "
	"32)\n"
	"  --json                 one JSON document (schema in hstsctl(1))\n",
	cmd_check_exec
};
