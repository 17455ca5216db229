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
#include "net/verdict.h"
#include "util/cftime.h"
#include "util/encode.h"

enum {
	OPT_JSON = 0x200, OPT_ALL, OPT_JOBS, OPT_TIMEOUT, OPT_EXCEPTIONS,
	OPT_CONNECT_TO, OPT_CAFILE, OPT_CAPATH
};

#define CHECK_MAX_CONNECT_TO	16

struct check_opts {
	int			 json;
	int			 all;
	int			 jobs;
	int			 timeout_ms;
	const char		*exceptions;
	const char		*cafile;
	const char		*capath;
	struct connect_to	 ct[CHECK_MAX_CONNECT_TO];
	size_t			 nct;
	const char		*bad;		/* a bad option value */
};

static const struct option check_options[] = {
	{ "json", no_argument, NULL, OPT_JSON },
	{ "all", no_argument, NULL, OPT_ALL },
	{ "jobs", required_argument, NULL, OPT_JOBS },
	{ "timeout", required_argument, NULL, OPT_TIMEOUT },
	{ "exceptions", required_argument, NULL, OPT_EXCEPTIONS },
	{ "connect-to", required_argument, NULL, OPT_CONNECT_TO },
	{ "cafile", required_argument, NULL, OPT_CAFILE },
	{ "capath", required_argument, NULL, OPT_CAPATH },
	{ NULL, 0, NULL, 0 }
};

static int
check_number(const char *s, long lo, long hi, long *out)
{
	char	*end;

	errno = 0;
	*out = strtol(s, &end, 10);
	return errno == 0 && *end == '\0' && end != s && *out >= lo &&
	    *out <= hi;
}

static int
check_option(void *arg, int ch, const char *val)
{
	struct check_opts	*o = arg;
	long			 n;

	switch (ch) {
	case OPT_JSON: o->json = 1; break;
	case OPT_ALL: o->all = 1; break;
	case OPT_EXCEPTIONS: o->exceptions = val; break;
	case OPT_CAFILE: o->cafile = val; break;
	case OPT_CAPATH: o->capath = val; break;
	case OPT_JOBS:
		if (!check_number(val, 1, 1024, &n))
			return cmd_misuse(&cmd_check_entry, "--jobs takes 1 to "
			    "1024, not '%s'", val);
		o->jobs = (int)n;
		break;
	case OPT_TIMEOUT:
		if (!check_number(val, 1, 600, &n))
			return cmd_misuse(&cmd_check_entry, "--timeout takes 1 "
			    "to 600 seconds, not '%s'", val);
		o->timeout_ms = (int)n * 1000;
		break;
	case OPT_CONNECT_TO:
		if (o->nct == CHECK_MAX_CONNECT_TO ||
		    connect_to_parse(val, &o->ct[o->nct]) != 0)
			return cmd_misuse(&cmd_check_entry, "--connect-to takes "
			    "HOST1:PORT1:HOST2:PORT2 (at most %d), not '%s'",
			    CHECK_MAX_CONNECT_TO, val);
		o->nct++;
		break;
	}
	return -1;
}

/* One host to check, and what came of it. */
struct check_job {
	char			*host;		/* normalised */
	unsigned		 port;
	struct probe_result	 r;
	struct hs_error		 err;
	int			 rc;
	struct verdict		 v;
};

struct check_run {
	const struct check_opts	*o;
	struct probe_ctx	*pc;
	const struct hsts_store	*st;
	struct texc_found	*found;
	size_t			 nfound;	/* (size_t)-1: no store */
	struct check_job	*jobs;
	size_t			 njobs;
	atomic_size_t		 next;
	atomic_size_t		 done;
	double			 now;
	int			 progress;
};

static void
check_one(struct check_run *cr, struct check_job *j)
{
	struct probe_opts	po;

	memset(&po, 0, sizeof po);
	po.host = j->host;
	po.port = j->port;
	po.connect_to = cr->o->ct;
	po.nconnect_to = cr->o->nct;
	po.timeout_ms = cr->o->timeout_ms;
	hs_error_init(&j->err);
	j->rc = probe_run(cr->pc, &po, &j->r, &j->err);
	if (j->rc != HS_OK)
		return;
	j->v.trusted = j->r.nfails == 0;
	verdict_hsts(cr->st, j->host, &j->r, cr->now, &j->v);
	verdict_exceptions(cr->found, cr->nfound, j->host, &j->r, &j->v);
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

static const char *
check_cert_word(const struct check_job *j)
{
	return j->rc != HS_OK ? "error" : j->v.trusted ? "trusted" :
	    "untrusted";
}

static void
check_text(const struct check_run *cr, const struct check_job *j)
{
	const struct probe_result	*r = &j->r;
	char				 a[64], b[64], hex[65];
	size_t				 i;

	printf("certificate: %s", check_cert_word(j));
	for (i = 0; i < r->nfails; i++)
		printf("%s%s", i ? ", " : ": ", r->fails[i].apple ?
		    r->fails[i].apple : r->fails[i].openssl);
	printf("\nhsts: %s: %s\n", verdict_hsts_name(j->v.hsts),
	    j->v.hsts_why);
	printf("exceptions: %s: %s\n\n", verdict_exc_name(j->v.exc),
	    j->v.exc_why);
	printf("%s:%u at %s, %s\n", j->host, j->port, r->addr,
	    r->tls_version);
	for (i = 0; i < r->ncerts; i++) {
		const struct probe_cert *c = &r->certs[i];

		cftime_format(cftime_from_unix(c->not_before), a, sizeof a);
		cftime_format(cftime_from_unix(c->not_after), b, sizeof b);
		printf("#%zu %s%s\n    issuer  %s\n    names   %s\n    valid   "
		    "%s to %s\n", i, c->subject, c->served ? "" :
		    " (from the trust store)", c->issuer, *c->sans ? c->sans :
		    "-", a, b);
		hex_encode(c->sha1, 20, hex);
		printf("    SHA-1   %s\n", hex);
		hex_encode(c->sha256, 32, hex);
		printf("    SHA-256 %s\n", hex);
	}
	for (i = 0; i < r->nfails; i++)
		printf("failure at #%d: %s (Apple: %s)\n", r->fails[i].depth,
		    r->fails[i].openssl, r->fails[i].apple ? r->fails[i].apple :
		    "no equivalent");
	if (r->nsts > 0)
		printf("Strict-Transport-Security: %s (%s%s)\n", r->sts_raw,
		    r->sts.valid ? "valid" : r->sts.error, r->nsts > 1 ?
		    "; more than one header: only the first counts" : "");
	else
		printf("Strict-Transport-Security: none%s%s%s\n",
		    r->http_error[0] ? " (" : "", r->http_error,
		    r->http_error[0] ? ")" : "");
	if (r->http_status >= 300 && r->http_status < 400)
		printf("HTTP %d redirect to %s (not followed)\n",
		    r->http_status, r->location);
	(void)cr;
}

static json_object *
check_json(const struct check_job *j)
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
	    json_object_new_string(check_cert_word(j)));
	json_object_object_add(o, "hsts", j->rc ? NULL :
	    json_object_new_string(verdict_hsts_name(j->v.hsts)));
	json_object_object_add(o, "hsts_reason", j->rc ? NULL :
	    json_object_new_string(j->v.hsts_why));
	json_object_object_add(o, "exceptions", j->rc ? NULL :
	    json_object_new_string(verdict_exc_name(j->v.exc)));
	json_object_object_add(o, "exceptions_reason", j->rc ? NULL :
	    json_object_new_string(j->v.exc_why));
	json_object_object_add(o, "exit", json_object_new_int(j->rc ?
	    EXIT_ERROR : verdict_exit(&j->v)));
	json_object_object_add(o, "address", json_object_new_string(r->addr));
	a = json_object_new_array();
	for (i = 0; i < r->ncerts; i++) {
		e = json_object_new_object();
		json_object_object_add(e, "subject",
		    json_object_new_string(r->certs[i].subject));
		json_object_object_add(e, "issuer",
		    json_object_new_string(r->certs[i].issuer));
		json_object_object_add(e, "names",
		    json_object_new_string(r->certs[i].sans));
		json_object_object_add(e, "not_before_unix",
		    json_object_new_double(r->certs[i].not_before));
		json_object_object_add(e, "not_after_unix",
		    json_object_new_double(r->certs[i].not_after));
		hex_encode(r->certs[i].sha1, 20, hex);
		json_object_object_add(e, "sha1", json_object_new_string(hex));
		hex_encode(r->certs[i].sha256, 32, hex);
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
	json_object_object_add(e, "include_subdomains",
	    json_object_new_boolean(r->sts.include_subdomains));
	json_object_object_add(o, "sts_header", e);
	json_object_object_add(o, "http_status", r->http_status ?
	    json_object_new_int(r->http_status) : NULL);
	return o;
}

static json_object *
check_json_item(void *arg, size_t i)
{
	return check_json(&((struct check_run *)arg)->jobs[i]);
}

static void
check_summary(const struct check_run *cr)
{
	const struct check_job	*j;
	size_t			 i, w = 4;
	char			 name[300];

	for (i = 0; i < cr->njobs; i++)
		if (strlen(cr->jobs[i].host) + 6 > w)
			w = strlen(cr->jobs[i].host) + 6;
	printf("%-*s  %-11s  %-10s  %-12s  %s\n", (int)w, "HOST",
	    "CERTIFICATE", "HSTS", "EXCEPTIONS", "NOTE");
	for (i = 0; i < cr->njobs; i++) {
		j = &cr->jobs[i];
		snprintf(name, sizeof name, "%s:%u", j->host, j->port);
		printf("%-*s  %-11s  %-10s  %-12s  %s\n", (int)w, name,
		    check_cert_word(j), j->rc ? "-" :
		    verdict_hsts_name(j->v.hsts), j->rc ? "-" :
		    verdict_exc_name(j->v.exc), j->rc ? j->err.msg :
		    j->v.exc == EV_STALE || j->v.exc == EV_INSUFFICIENT ?
		    j->v.exc_why : j->v.hsts == HV_OUTLIVES ? j->v.hsts_why :
		    "");
	}
}

/* --- targets and stores -------------------------------------------------- */

static int
check_target(const char *arg, char **host, unsigned *port,
    struct hs_error *err)
{
	char		 buf[1100];
	const char	*colon;
	long		 p = 443;

	snprintf(buf, sizeof buf, "%s", arg);
	colon = strrchr(buf, ':');
	if (buf[0] == '[' && (colon == NULL || colon[-1] != ']'))
		colon = NULL;
	if (colon != NULL && strchr(buf, ':') == colon) {
		if (!check_number(colon + 1, 1, 65535, &p))
			return hs_error_set(err, HS_EINVAL, "\"%s\" is not "
			    "HOST[:PORT]", arg);
		buf[colon - buf] = '\0';
	}
	*port = (unsigned)p;
	return host_normalise(buf[0] == '[' ? buf + 1 : buf, host, err);
}

static int
check_add(struct check_run *cr, const char *host, unsigned port)
{
	struct check_job	*j;
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
	size_t	i;
	long	p;
	int	r = HS_OK;

	for (i = 0; cr->st != NULL && i < cr->st->nentries && r == HS_OK; i++)
		if (!hsts_entry_preloaded(&cr->st->entries[i]))
			r = check_add(cr, cr->st->entries[i].norm, 443);
	for (i = 0; cr->found != NULL && i < cr->nfound && r == HS_OK; i++)
		if (cr->found[i].layout == TEXC_LAYOUT_SAFARI)
			r = check_add(cr, cr->found[i].owner,
			    cr->found[i].port && check_number(cr->found[i].port,
			    1, 65535, &p) ? (unsigned)p : 443);
	return r;
}

static int
check_stores(struct cli *cli, const struct check_opts *o,
    struct hsts_store **st, struct plist_doc **exdoc, struct check_run *cr)
{
	struct hs_error	 err;
	char		*path;
	int		 dflt, r;

	*st = NULL;
	*exdoc = NULL;
	cr->nfound = (size_t)-1;
	if ((path = cli_store_path(cli, &dflt)) == NULL)
		return EXIT_ERROR;
	hs_error_init(&err);
	if ((r = hsts_store_read(path, st, &err)) != HS_OK) {
		if (!(dflt && r == HS_ENOENT)) {
			r = cli_store_error(path, dflt, &err);
			free(path);
			return r;
		}
		fprintf(stderr, "hstsctl: note: no HSTS store at %s; comparing "
		    "with none (use --store FILE)\n", path);
	}
	free(path);
	if (o->exceptions == NULL)
		return EXIT_OK;
	if (plist_doc_read_file(o->exceptions, exdoc, &err) != HS_OK ||
	    texc_find_all(*exdoc, &cr->found, &cr->nfound, &err) != HS_OK) {
		cli_error(o->exceptions, &err);
		return cli_exit_code(&err);
	}
	return EXIT_OK;
}

static int
cmd_check_exec(struct cli *cli, int argc, char **argv)
{
	struct check_opts	 o;
	struct check_run	 cr;
	struct hsts_store	*st = NULL;
	struct plist_doc	*exdoc = NULL;
	struct hs_error		 err;
	json_object		*head;
	char			*host = NULL;
	unsigned		 port = 443;
	size_t			 i;
	int			 r, code = EXIT_OK, c;

	memset(&o, 0, sizeof o);
	o.jobs = 32;
	o.timeout_ms = 10000;
	r = cmd_getopt(cli, &cmd_check_entry, argc, argv, check_options,
	    check_option, &o);
	if (r >= 0)
		return r;
	if (o.all ? optind != argc : optind != argc - 1)
		return cmd_misuse(&cmd_check_entry, o.all ? "check --all takes "
		    "no HOST" : "check takes one HOST[:PORT], or --all");
	hs_error_init(&err);
	if (!o.all && check_target(argv[optind], &host, &port, &err) !=
	    HS_OK) {
		cli_error(NULL, &err);
		return cli_exit_code(&err);
	}
	memset(&cr, 0, sizeof cr);
	cr.o = &o;
	cr.now = cli->now;
	if ((r = check_stores(cli, &o, &st, &exdoc, &cr)) != EXIT_OK)
		goto done;
	cr.st = st;
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
	cr.progress = o.all && isatty(STDERR_FILENO) && cr.njobs > 1;
	check_pool(&cr);
	for (i = 0; i < cr.njobs; i++) {
		c = cr.jobs[i].rc ? EXIT_ERROR : verdict_exit(&cr.jobs[i].v);
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
		check_text(&cr, &cr.jobs[0]);
	r = code;
done:
	for (i = 0; i < cr.njobs; i++) {
		free(cr.jobs[i].host);
		probe_result_release(&cr.jobs[i].r);
	}
	free(cr.jobs);
	probe_ctx_free(cr.pc);
	if (cr.nfound != (size_t)-1)
		texc_found_free(cr.found, cr.nfound);
	plist_doc_free(exdoc);
	hsts_store_free(st);
	free(host);
	return cli_finish(r);
}

const struct cmd_entry cmd_check_entry = {
	"check",
	"HOST[:PORT] | --all [--exceptions FILE] [--connect-to H1:P1:H2:P2] "
	    "[--cafile FILE] [--capath DIR] [--timeout SECONDS] [--jobs N] "
	    "[--json]",
	"Compare what the stores hold with what the server presents now: "
	    "its\ncertificate chain (every failure, in OpenSSL's words and as "
	    "the Apple\ncheck), its Strict-Transport-Security header, the "
	    "HSTS entries that\nforce HTTPS on it and the trust exceptions "
	    "stored for it.  --all checks\nevery dynamic HSTS entry and every "
	    "host with a stored exception.",
	"  --exceptions FILE      a plist holding trust-exception blobs\n"
	"  --connect-to H1:P1:H2:P2  connect to H2:P2 for H1:P1 (empty H1 or\n"
	"                         P1 match any; repeatable)\n"
	"  --cafile FILE, --capath DIR  trust these anchors, not the "
	"system's\n"
	"  --timeout SECONDS      for the connection, the handshake and the "
	"reply\n"
	"                         each (default 10)\n"
	"  --all                  check every stored host\n"
	"  --jobs N               hosts checked at once with --all (default "
	"32)\n"
	"  --json                 one JSON document (schema in hstsctl(1))\n",
	cmd_check_exec
};
