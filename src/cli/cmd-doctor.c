/*
 * cmd-doctor.c: "hstsctl doctor HOST", the whole story in plain words:
 * what forces HTTPS on HOST, what its certificate's problems are, which
 * stored exceptions are stale, and the fix (applied with --fix).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "hsts/plan.h"
#include "trust/checks.h"
#include "trust/remove.h"
#include "util/cftime.h"

enum { OPT_FIX = LIVE_OPT_LAST, OPT_PARENTS };

struct doctor_opts {
	struct live_opts	live;
	int			fix;
	int			parents;
};

static int
doctor_option(void *arg, int ch, const char *val)
{
	struct doctor_opts	*o = arg;

	if (ch == OPT_FIX)
		o->fix = 1;
	else if (ch == OPT_PARENTS)
		o->parents = 1;
	else
		return live_option(&o->live, ch, val);
	return -1;
}

/* What --fix would remove. */
struct doctor_fix {
	char	*hosts[64];		/* HSTS entries (normalised) */
	size_t	 nhosts;
	int	 exceptions;		/* remove HOST's stale exceptions */
	size_t	 parents_left;		/* parents kept without --include-parents */
};

static void
doctor_hsts(const struct doctor_opts *o, const struct hsts_store *st,
    const char *host, double now, struct doctor_fix *fx)
{
	struct hsts_entry	**v;
	char			  when[64];
	size_t			  i, n;
	int			  forced = 0, self;

	if (st == NULL) {
		printf("HSTS: no store was read, so hstsctl cannot tell whether "
		    "Safari forces HTTPS here.\n");
		return;
	}
	if ((v = calloc(st->nentries + 1, sizeof *v)) == NULL)
		return;
	n = hsts_store_match(st, host, v);
	for (i = 0; i < n; i++) {
		char	safe[CLI_SAFE_MAX];

		if (!hsts_entry_applies(v[i], host, now))
			continue;
		forced = 1;
		self = strcmp(v[i]->norm, host) == 0;
		if (v[i]->expiry_kind == HSTS_EXPIRY_NEVER)
			snprintf(when, sizeof when, "a preloaded entry that "
			    "never expires");
		else {
			strcpy(when, "until ");
			hs_cftime_format(v[i]->expiry, when + 6,
			    sizeof when - 6);
		}
		if (self)
			printf("HSTS: %s is forced to HTTPS by its own entry "
			    "(%s).\n", host, when);
		else
			printf("HSTS: %s is forced to HTTPS by %s, which "
			    "includes subdomains (%s).\n", host,
			    cli_safe(v[i]->host, safe, sizeof safe), when);
		if ((self || o->parents) && fx->nhosts < 64) {
			if ((fx->hosts[fx->nhosts] = strdup(v[i]->norm)) !=
			    NULL)
				fx->nhosts++;
		} else if (!self)
			fx->parents_left++;
	}
	if (forced)
		printf("      Because of HSTS, Safari offers no way past a "
		    "certificate error on %s.\n", host);
	else
		printf("HSTS: nothing forces HTTPS on %s; Safari shows its "
		    "certificate warning with a way through.\n", host);
	free(v);
}

static void
doctor_live(const struct live_job *j)
{
	const struct check_info	*ci;
	size_t			 i;

	if (j->rc != HS_OK) {
		printf("Server: cannot be checked now (%s).\n", j->err.msg);
		return;
	}
	if (j->v.trusted)
		printf("Server: %s presents a certificate this machine "
		    "trusts.\n", j->r.addr);
	else
		printf("Server: %s presents a certificate with %zu "
		    "problem%s:\n", j->r.addr, j->r.nfails, j->r.nfails == 1 ?
		    "" : "s");
	for (i = 0; i < j->r.nfails; i++) {
		ci = j->r.fails[i].apple ? check_find(j->r.fails[i].apple) :
		    NULL;
		printf("      %s (%s)\n", ci ? ci->meaning :
		    j->r.fails[i].openssl, j->r.fails[i].apple ?
		    j->r.fails[i].apple : j->r.fails[i].openssl);
	}
	char	safe[CLI_SAFE_MAX];

	printf("      Its Strict-Transport-Security: %s.\n",
	    j->r.nsts == 0 ? "none" : j->r.sts.valid ? cli_safe(j->r.sts_raw,
	    safe, sizeof safe) : "invalid");
}

static void
doctor_exceptions(const struct doctor_opts *o, const struct live_job *j,
    struct doctor_fix *fx)
{
	if (o->live.exceptions == NULL) {
		printf("Exceptions: none given (--exceptions FILE to check "
		    "stored trust exceptions).\n");
		return;
	}
	if (j->rc != HS_OK) {
		printf("Exceptions: cannot be judged without the server.\n");
		return;
	}
	char	safe[CLI_SAFE_MAX];

	printf("Exceptions: %s: %s.\n", verdict_exc_name(j->v.exc),
	    cli_safe(j->v.exc_why, safe, sizeof safe));
	fx->exceptions = j->v.exc == EV_STALE || j->v.exc == EV_INSUFFICIENT;
}

static int
doctor_plan(const struct doctor_opts *o, const char *host,
    const struct doctor_fix *fx, const char *store)
{
	size_t	i;

	printf("\n");
	if (fx->nhosts == 0 && !fx->exceptions) {
		if (fx->parents_left)
			printf("Nothing of %s's own to fix: a parent domain's "
			    "entry forces HTTPS;\nadd --include-parents to "
			    "remove it.\n", host);
		else
			printf("Nothing to fix.\n");
		return 0;
	}
	printf("%s:\n", o->fix ? "Fixing" : "The fix");
	for (i = 0; i < fx->nhosts; i++)
		printf("  remove the HSTS entry for %s from %s\n",
		    fx->hosts[i], store);
	if (fx->exceptions)
		printf("  remove the stale trust exceptions for %s from %s\n",
		    host, o->live.exceptions);
	if (fx->parents_left)
		printf("  (a parent domain forces HTTPS too; add "
		    "--include-parents to remove it)\n");
	if (!o->fix)
		printf("Run 'hstsctl doctor %s --fix' to apply it.\n", host);
	return 1;
}

static int
doctor_remove_plan(const struct hsts_store *st, struct hsts_plan *p,
    void *arg, struct hs_error *err)
{
	const struct doctor_fix	*fx = arg;

	return hsts_plan_remove(st, fx->hosts, fx->nhosts, 0, 0, p, err);
}

/* On macOS nsurlstoraged holds the store; stop it around the edit. */
static void
doctor_daemon(int start)
{
#ifdef __APPLE__
	if (start) {
		fputs("hstsctl: starting nsurlstoraged again\n", stderr);
		system("launchctl start /System/Library/LaunchAgents/"
		    "com.apple.nsurlstoraged.plist");
	} else {
		fputs("hstsctl: stopping nsurlstoraged, which holds the store "
		    "in memory\n", stderr);
		system("killall nsurlstoraged 2>/dev/null");
	}
#else
	(void)start;
#endif
}

static int
doctor_apply(struct cli *cli, const struct doctor_opts *o, const char *host,
    struct doctor_fix *fx)
{
	struct hsts_plan	*plan = NULL;
	struct texc_plan	*tplan = NULL;
	struct hs_error		 err;
	char			 h[CLI_SAFE_MAX], s[CLI_SAFE_MAX];
	char			*path;
	size_t			 i;
	int			 dflt, r = EXIT_OK;

	hs_error_init(&err);
	doctor_daemon(0);
	if (fx->nhosts > 0 && (path = cli_store_path(cli, &dflt)) != NULL) {
		if (hsts_edit(path, doctor_remove_plan, NULL, fx, 0, &plan, &err) !=
		    HS_OK)
			r = cli_store_error(path, dflt, &err);
		for (i = 0; plan != NULL && i < plan->nchanges; i++)
			fprintf(stderr, "hstsctl: removed %s (session %s)\n",
			    cli_safe(plan->changes[i].host, h, sizeof h),
			    cli_safe(plan->changes[i].session, s, sizeof s));
		hsts_plan_free(plan);
		free(path);
	}
	if (r == EXIT_OK && fx->exceptions) {
		if (texc_remove(o->live.exceptions, host, 0, &tplan, &err) !=
		    HS_OK) {
			cli_error(o->live.exceptions, &err);
			r = cli_exit_code(&err);
		} else
			fprintf(stderr, "hstsctl: removed %zu trust exception%s "
			    "for %s\n", tplan->nmatched, tplan->nmatched == 1 ?
			    "" : "s", host);
		texc_plan_free(tplan);
	}
	doctor_daemon(1);
	return r;
}

static int
cmd_doctor_exec(struct cli *cli, int argc, char **argv)
{
	struct option		 opts[16];
	struct doctor_opts	 o;
	struct doctor_fix	 fx;
	struct live_job		 j;
	struct hsts_store	*st = NULL;
	struct plist_doc	*exdoc = NULL;
	struct texc_found	*found = NULL;
	struct probe_ctx	*pc = NULL;
	struct hs_error		 err;
	char			*path;
	size_t			 nfound = (size_t)-1, i, n;
	int			 r, dflt, todo;

	memset(&o, 0, sizeof o);
	memset(&fx, 0, sizeof fx);
	memset(&j, 0, sizeof j);
	o.live.cmd = &cmd_doctor_entry;
	o.live.jobs = 1;
	o.live.timeout_ms = 10000;
	for (n = 0; live_options[n].name != NULL && n < 12; n++)
		opts[n] = live_options[n];
	opts[n++] = (struct option){ "fix", no_argument, NULL, OPT_FIX };
	opts[n++] = (struct option){ "include-parents", no_argument, NULL,
	    OPT_PARENTS };
	opts[n] = (struct option){ NULL, 0, NULL, 0 };
	r = args_parse(cli, &cmd_doctor_entry, argc, argv, opts,
	    doctor_option, &o);
	if (r >= 0)
		return r;
	if (optind != argc - 1 || o.live.all)
		return args_misuse(&cmd_doctor_entry, "doctor takes one "
		    "HOST[:PORT]");
	hs_error_init(&err);
	if (live_target(argv[optind], &j.host, &j.port, &err) != HS_OK) {
		cli_error(NULL, &err);
		return cli_exit_code(&err);
	}
	if ((r = live_stores(cli, &o.live, &st, &exdoc, &found, &nfound)) !=
	    EXIT_OK)
		goto done;
	if (probe_ctx_new(o.live.cafile, o.live.capath, &pc, &err) != HS_OK) {
		cli_error(NULL, &err);
		r = cli_exit_code(&err);
		goto done;
	}
	live_probe(&o.live, pc, st, found, nfound, cli->now, &j);
	printf("%s\n\n", j.host);
	doctor_hsts(&o, st, j.host, cli->now, &fx);
	doctor_live(&j);
	doctor_exceptions(&o, &j, &fx);
	path = cli_store_path(cli, &dflt);
	todo = doctor_plan(&o, j.host, &fx, path ? path : "the store");
	free(path);
	fflush(stdout);
	if (todo && o.fix)
		r = doctor_apply(cli, &o, j.host, &fx);
	else
		r = todo ? EXIT_STALE : EXIT_OK;
done:
	for (i = 0; i < fx.nhosts; i++)
		free(fx.hosts[i]);
	free(j.host);
	probe_result_release(&j.r);
	probe_ctx_free(pc);
	if (nfound != (size_t)-1)
		texc_found_free(found, nfound);
	plist_doc_free(exdoc);
	hsts_store_free(st);
	return cli_finish(r);
}

const struct cmd_entry cmd_doctor_entry = {
	"doctor",
	"HOST[:PORT] [--fix] [--include-parents] [--exceptions FILE] "
	    "[--connect-to H1:P1:H2:P2] [--cafile FILE] [--capath DIR] "
	    "[--timeout SECONDS]",
	"Tell the whole story of why Safari refuses HOST, in plain words: "
	    "the HSTS\nentries that force HTTPS on it, the live "
	    "certificate's problems, the stale\nstored exceptions, and the "
	    "fix.  --fix applies it with the atomic editing\nengine: HOST's "
	    "own HSTS entry (parents only with --include-parents) and\nstale "
	    "exceptions from --exceptions FILE.  Exit 6 when a fix is "
	    "pending.",
	"  --fix                  apply the fix (after printing it)\n"
	"  --include-parents      also remove parent domains' entries\n"
	"  --exceptions FILE      a plist holding trust-exception blobs\n"
	"  --connect-to H1:P1:H2:P2, --cafile FILE, --capath DIR,\n"
	"  --timeout SECONDS      as for check\n",
	cmd_doctor_exec
};
