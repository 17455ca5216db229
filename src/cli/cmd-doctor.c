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
#include "hsts/host.h"
#include "hsts/plan.h"
#include "trust/checks.h"
#include "trust/remove.h"
#include "trust/settings-remove.h"
#include "util/cftime.h"
#include "util/encode.h"
#include "util/file.h"

enum { OPT_FIX = LIVE_OPT_LAST, OPT_PARENTS, OPT_STOP, OPT_DRY_RUN,
	OPT_BACKUP, OPT_FORCE };

struct doctor_opts {
	struct live_opts	live;
	int			fix;
	int			parents;
	int			stop;
	int			dry_run;	/* --fix: say, write nothing */
	int			backup;
	int			force;
};

static int
doctor_option(void *arg, int ch, const char *val)
{
	struct doctor_opts	*o = arg;

	if (ch == OPT_FIX)
		o->fix = 1;
	else if (ch == OPT_PARENTS)
		o->parents = 1;
	else if (ch == OPT_STOP)
		o->stop = 1;
	else if (ch == OPT_DRY_RUN)
		o->dry_run = 1;
	else if (ch == OPT_BACKUP)
		o->backup = 1;
	else if (ch == OPT_FORCE)
		o->force = 1;
	else
		return live_option(&o->live, ch, val);
	return -1;
}

#define DOCTOR_MAX_HOSTS	64

/* What --fix would remove. */
struct doctor_fix {
	char	*hosts[DOCTOR_MAX_HOSTS + 1];	/* HSTS entries (normalised),
						   NULL-terminated */
	size_t	 nhosts;
	int	 exceptions;		/* remove HOST's stale exceptions */
	int	 trust;			/* remove HOST's stale trust settings */
	size_t	 parents_left;		/* parents kept without --include-parents */
};

static void
doctor_want(struct doctor_fix *fx, const char *norm)
{
	size_t	i;

	for (i = 0; i < fx->nhosts; i++)
		if (strcmp(fx->hosts[i], norm) == 0)
			return;
	if (fx->nhosts < DOCTOR_MAX_HOSTS &&
	    (fx->hosts[fx->nhosts] = strdup(norm)) != NULL)
		fx->nhosts++;
}

/* How many other stored hosts of st the parent entry p covers. */
static size_t
doctor_covers(const struct hsts_store *st, const struct hsts_entry *p,
    const char *host)
{
	size_t	i, n = 0;

	for (i = 0; i < st->nentries; i++)
		n += strcmp(st->entries[i].norm, host) != 0 &&
		    host_is_parent(p->norm, st->entries[i].norm);
	return n;
}

/* One entry of store k that forces HTTPS on host, in words. */
static void
doctor_entry(const struct cli_scope *s, size_t k, const struct hsts_entry *e,
    const char *host)
{
	const struct hsts_store	*st = s->v[k].st;
	char			 when[64], safe[CLI_SAFE_MAX], ses[CLI_SAFE_MAX];
	const char		*lead = cli_scope_grouped(s) ? "      " : "HSTS: ";
	const char		*name;
	size_t			 cov;

	if (e->expiry_kind == HSTS_EXPIRY_NEVER)
		snprintf(when, sizeof when, "a preloaded entry that never "
		    "expires");
	else {
		strcpy(when, "until ");
		hs_cftime_format(e->expiry, when + 6, sizeof when - 6);
	}
	if (st->nsessions > 1)
		snprintf(ses, sizeof ses, " in session %.200s", cli_safe(
		    e->session, safe, sizeof safe));
	else
		ses[0] = '\0';
	if (strcmp(e->norm, host) == 0) {
		printf("%s%s is forced to HTTPS by its own entry%s (%s).\n",
		    lead, host, ses, when);
		return;
	}
	cov = doctor_covers(st, e, host);
	name = cli_safe(hsts_entry_label(e), safe, sizeof safe);
	printf("%s%s is forced to HTTPS by %s%s, which includes subdomains\n"
	    "      (%s); %s covers %zu other stored host%s.\n", lead, host, name,
	    ses, when, name, cov, cov == 1 ? "" : "s");
}

/* An entry that forces HTTPS on host, as JSON: list's, and why. */
static json_object *
doctor_entry_json(const struct cli_scope *s, size_t k,
    const struct hsts_entry *e, const char *host, double now)
{
	json_object	*o = cli_entry_json(s->v[k].st, e, now);
	int		 own = strcmp(e->norm, host) == 0;

	json_object_object_add(o, "kind", json_object_new_string(
	    store_kind_id(s->v[k].f.kind)));
	json_object_object_add(o, "own", json_object_new_boolean(own));
	json_object_object_add(o, "covers", own ? NULL : json_object_new_int64(
	    (int64_t)doctor_covers(s->v[k].st, e, host)));
	return o;
}

/*
 * Does any store read force HTTPS on host?  With fx, plan the fix and say
 * which entries do: in words, or into the array arr (--json).
 */
static int
doctor_forced(const struct doctor_opts *o, const struct cli_scope *s,
    const char *host, double now, struct doctor_fix *fx, json_object *arr)
{
	struct hsts_entry	**v;
	char			  label[CLI_SAFE_MAX], path[CLI_SAFE_MAX];
	size_t			  i, k, n;
	int			  forced = 0, here;

	for (k = 0; k < s->n; k++) {
		if (s->v[k].st == NULL || (v = calloc(s->v[k].st->nentries + 1,
		    sizeof *v)) == NULL)
			continue;
		n = hsts_store_match(s->v[k].st, host, v);
		for (i = here = 0; i < n; i++) {
			if (!hsts_entry_applies(v[i], host, now))
				continue;
			forced = 1;
			if (fx == NULL)
				continue;
			if (arr != NULL)
				json_object_array_add(arr, doctor_entry_json(s,
				    k, v[i], host, now));
			else if (!here++ && cli_scope_grouped(s))
				printf("HSTS in %s, %s:\n", cli_store_label(
				    &s->v[k], label, sizeof label), cli_safe(
				    s->v[k].f.path, path, sizeof path));
			if (arr == NULL)
				doctor_entry(s, k, v[i], host);
			if (strcmp(v[i]->norm, host) == 0 || o->parents)
				doctor_want(fx, v[i]->norm);
			else
				fx->parents_left++;
		}
		free(v);
	}
	return forced;
}

static void
doctor_hsts(const struct doctor_opts *o, const struct cli_scope *s,
    const char *host, double now, struct doctor_fix *fx)
{
	if (s->nread == 0) {
		printf("HSTS: no store was read, so hstsctl cannot tell whether "
		    "Safari forces HTTPS here.\n");
		return;
	}
	if (doctor_forced(o, s, host, now, fx, NULL))
		printf("      Because of HSTS, Safari offers no way past a "
		    "certificate error on %s.\n", host);
	else
		printf("HSTS: nothing forces HTTPS on %s in the %zu store%s "
		    "read; Safari shows its\n      certificate warning with a "
		    "way through.\n", host, s->nread, s->nread == 1 ? "" : "s");
}

/* When no store forces HTTPS, what else can send Safari to https. */
static void
doctor_other_causes(const struct live_job *j)
{
	printf("      If Safari still goes to https://%s, it is not HSTS:\n"
	    "      Safari 18.2 and later upgrade http:// links by themselves "
	    "(\"HTTPS by\n      default\"; type the http:// address in "
	    "full to stay on http)", j->host);
	if (j->rc == HS_OK && j->r.csp_upgrade)
		printf(",\n      and this server's Content-Security-Policy asks "
		    "for upgrade-insecure-requests,\n      which upgrades "
		    "every http:// address on its pages.\n");
	else
		printf(";\n      a page's Content-Security-Policy "
		    "upgrade-insecure-requests does the same.\n");
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
doctor_exceptions(const struct doctor_opts *o, const struct live_job *j)
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
}

static void
doctor_trust(const struct live_state *ls, const struct live_job *j)
{
	char	safe[CLI_SAFE_MAX];

	if (ls->ts == NULL) {
		printf("Trust settings: none read (--trust-settings FILE, an "
		    "export of\n      'security trust-settings-export', to check "
		    "them).\n");
		return;
	}
	if (j->rc != HS_OK) {
		printf("Trust settings: cannot be judged without the "
		    "server.\n");
		return;
	}
	printf("Trust settings: %s: %s.\n", verdict_trust_name(j->v.ts),
	    cli_safe(j->v.ts_why, safe, sizeof safe));
}

/* Which stale exceptions and trust settings the fix removes. */
static void
doctor_plan_stale(const struct doctor_opts *o, const struct live_state *ls,
    const struct live_job *j, struct doctor_fix *fx)
{
	if (j->rc != HS_OK)
		return;
	fx->exceptions = o->live.exceptions != NULL &&
	    (j->v.exc == EV_STALE || j->v.exc == EV_INSUFFICIENT);
	fx->trust = ls->ts != NULL && j->v.ts == TV_STALE;
}

/* Print the fix; 1 when there is one to make. */
static int
doctor_plan(const struct cli *cli, const struct doctor_opts *o,
    const char *host, const struct doctor_fix *fx)
{
	char	cmd[4200];
	size_t	i;

	printf("\n");
	if (fx->nhosts == 0 && !fx->exceptions && !fx->trust) {
		if (fx->parents_left)
			printf("Nothing of %s's own to fix: a parent domain's "
			    "entry forces HTTPS.\nTo remove it too, run:\n"
			    "    %s\n", host, cli_again(cli, o->fix ?
			    "--include-parents" : "--fix --include-parents",
			    cmd, sizeof cmd));
		else
			printf("Nothing to fix.\n");
		return 0;
	}
	printf("%s:\n", o->fix ? "Fixing" : "The fix");
	for (i = 0; i < fx->nhosts; i++)
		printf("  remove the HSTS entry for %s from every store that "
		    "has it\n", fx->hosts[i]);
	if (fx->exceptions)
		printf("  remove the stale trust exceptions for %s from %s\n",
		    host, o->live.exceptions);
	if (fx->trust)
		printf("  remove the trust settings for %s of the certificates "
		    "the server no longer\n  presents (never one it presents, "
		    "never another host's)\n", host);
	if (fx->parents_left)
		printf("  (a parent domain forces HTTPS too; add "
		    "--include-parents to remove it)\n");
	if (!o->fix)
		printf("To apply it, run:\n    %s\n", cli_again(cli, "--fix",
		    cmd, sizeof cmd));
	return 1;
}

static int
doctor_remove_plan(const struct hsts_store *st, struct hsts_plan *p,
    void *arg, struct hs_error *err)
{
	const struct doctor_fix	*fx = arg;

	return hsts_plan_remove(st, fx->hosts, fx->nhosts, 0, 0, p, err);
}

static int
doctor_remove_keep(const char *norm, void *arg)
{
	const struct doctor_fix	*fx = arg;

	return hsts_remove_wants(norm, fx->hosts, fx->nhosts, 0);
}

/*
 * Remove the host's trust settings but those of the served chain; set
 * *n to how many certificates' settings went (or would go).
 */
static int
doctor_fix_trust(const struct doctor_opts *o, struct live_state *ls,
    const char *host, const struct live_job *j, size_t *n)
{
	struct tset_target	 t = { host, NULL, NULL, 0 };
	struct tset_plan	*plan = NULL;
	struct hs_error		 err;
	char			 hex[8][41];
	const char		*spare[8];
	size_t			 i;
	int			 r = EXIT_OK;

	for (i = 0; i < j->r.ncerts && t.nspare < 8; i++)
		if (j->r.certs[i].served) {
			hs_encode_hex(j->r.certs[i].sha1, 20, hex[t.nspare]);
			spare[t.nspare] = hex[t.nspare];
			t.nspare++;
		}
	t.spare = spare;
	if (j->r.ncerts > 8)
		return fprintf(stderr, "hstsctl: the chain is too long to "
		    "judge trust settings by; left as they are\n"), EXIT_ERROR;
	if (ls->tsrc.exported) {
		/* Edit a copy of the export, then import it. */
		cli_trust_close(&ls->tsrc);
		if ((r = cli_trust_open(NULL, 0, 1, &ls->tsrc)) != EXIT_OK)
			return r;
	}
	hs_error_init(&err);
	if (tset_remove(ls->tsrc.path, &t, (o->dry_run ? PLIST_TXN_DRY_RUN :
	    0) | (o->backup && !ls->tsrc.exported ? PLIST_TXN_BACKUP : 0),
	    &plan, &err) != HS_OK)
		r = cli_edit_error(ls->tsrc.path, &err);
	else if ((*n = plan->nch) > 0 && ls->tsrc.exported && !o->dry_run)
		r = cli_trust_import(&ls->tsrc);
	tset_plan_free(plan);
	return r;
}

/* Remove (or plan to) the stale exceptions; *n says how many. */
static int
doctor_fix_exceptions(const struct doctor_opts *o, const char *host,
    size_t *n)
{
	const char		*path = o->live.exceptions;
	struct texc_plan	*plan = NULL;
	struct hs_error		 err;
	int			 r = EXIT_OK;

	hs_error_init(&err);
	if (cli_is_override(path)) {
		if (fco_remove(path, host, (o->dry_run ? HS_FILE_DRY_RUN : 0) |
		    (o->backup ? HS_FILE_BACKUP : 0), n, &err) != HS_OK)
			r = cli_edit_error(path, &err);
		return r;
	}
	if (texc_remove(path, host, (o->dry_run ? PLIST_TXN_DRY_RUN : 0) |
	    (o->backup ? PLIST_TXN_BACKUP : 0), &plan, &err) != HS_OK)
		r = cli_edit_error(path, &err);
	else
		*n = plan->nmatched;
	texc_plan_free(plan);
	return r;
}

/* "hstsctl: removed WHAT for HOST" (with --dry-run "would remove"). */
static void
doctor_say(const struct doctor_opts *o, const char *what, const char *host)
{
	if (o->dry_run)
		printf("would remove %s for %s\n", what, host);
	else
		fprintf(stderr, "hstsctl: removed %s for %s\n", what, host);
}

/*
 * Apply the fix (or with --dry-run, say what it would do): the HSTS
 * entries, the stale exceptions, the stale trust settings.  With done
 * (--json), what was done goes there, not to stdout.
 */
static int
doctor_apply(struct live_state *ls, const struct doctor_opts *o,
    const struct live_job *j, const struct doctor_fix *fx, json_object *done)
{
	struct cli_edit_opts	 eo = { o->dry_run, o->backup, 0, o->stop,
	    o->force, done != NULL, NULL };
	json_object		*edit = NULL;
	char			 what[128];
	size_t			 missing, nexc = 0, nts = 0;
	int			 r = EXIT_OK;

	eo.into = &edit;
	if (fx->nhosts > 0)
		r = cli_edit(&ls->s, &eo, doctor_remove_plan,
		    doctor_remove_keep, (void *)fx, fx->hosts, &missing);
	if (r == EXIT_OK && fx->exceptions &&
	    (r = doctor_fix_exceptions(o, j->host, &nexc)) == EXIT_OK &&
	    done == NULL) {
		snprintf(what, sizeof what, "%zu %s exception%s", nexc,
		    cli_is_override(o->live.exceptions) ?
		    "Firefox certificate" : "trust", nexc == 1 ? "" : "s");
		doctor_say(o, what, j->host);
	}
	if (r == EXIT_OK && fx->trust &&
	    (r = doctor_fix_trust(o, ls, j->host, j, &nts)) == EXIT_OK &&
	    done == NULL) {
		snprintf(what, sizeof what, "the stale trust settings of %zu "
		    "certificate%s", nts, nts == 1 ? "" : "s");
		doctor_say(o, what, j->host);
	}
	if (done != NULL) {
		json_object_object_add(done, "dry_run",
		    json_object_new_boolean(o->dry_run));
		json_object_object_add(done, "hsts", edit);
		json_object_object_add(done, "exceptions_removed",
		    fx->exceptions && r == EXIT_OK ?
		    json_object_new_int64((int64_t)nexc) : NULL);
		json_object_object_add(done, "trust_settings_removed",
		    fx->trust && r == EXIT_OK ?
		    json_object_new_int64((int64_t)nts) : NULL);
		/* Set by doctor_recheck after a fix that was written. */
		json_object_object_add(done, "forced_after", NULL);
	} else
		json_object_put(edit);
	return r;
}

/*
 * After the fix: read every store again and say whether the host is
 * reachable now (in words, or as "forced_after" in done).  Returns the
 * exit code.
 */
static int
doctor_recheck(struct cli *cli, const struct doctor_opts *o,
    const char *host, json_object *done)
{
	struct cli_scope	s;
	char			cmd[4200];
	int			r, forced;

	if ((r = cli_scope_get(cli, CLI_SCOPE_ANY, &s)) == EXIT_OK &&
	    (r = cli_scope_read(&s)) == EXIT_OK)
		cli_scope_name(&s, host);
	forced = r == EXIT_OK && doctor_forced(o, &s, host, cli->now, NULL,
	    NULL);
	cli_scope_free(&s);
	if (done != NULL)
		json_object_object_add(done, "forced_after", r != EXIT_OK ?
		    NULL : json_object_new_boolean(forced));
	if (r != EXIT_OK) {
		if (done == NULL)
			printf("\nAfter the fix, a store could not be read "
			    "again, so hstsctl cannot say\nwhether %s is "
			    "reachable.\n", host);
		return r;
	}
	if (done != NULL)
		return forced ? EXIT_STALE : EXIT_OK;
	if (forced) {
		printf("\nAfter the fix, a store still forces HTTPS on %s.\n",
		    host);
		if (!o->parents)
			printf("A parent domain's entry does; to remove it too, "
			    "run:\n    %s\n", cli_again(cli, "--include-parents",
			    cmd, sizeof cmd));
		return EXIT_STALE;
	}
	printf("\nChecked again: no store forces HTTPS on %s now.\n", host);
	return EXIT_OK;
}

/* The findings in words; 1 when there is a fix to make. */
static int
doctor_text(struct cli *cli, const struct doctor_opts *o,
    struct live_state *ls, const struct live_job *j, struct doctor_fix *fx)
{
	printf("%s\n\n", j->host);
	doctor_hsts(o, &ls->s, j->host, cli->now, fx);
	doctor_live(j);
	doctor_exceptions(o, j);
	doctor_trust(ls, j);
	doctor_plan_stale(o, ls, j, fx);
	if (fx->nhosts == 0 && fx->parents_left == 0 && ls->s.nread > 0)
		doctor_other_causes(j);
	return doctor_plan(cli, o, j->host, fx);
}

/* The findings as JSON (doc/json.md); 1 when there is a fix to make. */
static int
doctor_json(struct cli *cli, const struct doctor_opts *o,
    struct live_state *ls, const struct live_job *j, struct doctor_fix *fx,
    json_object *doc)
{
	json_object	*a = json_object_new_array(), *f;
	const char	*extra;
	char		 cmd[4200];
	size_t		 i;
	int		 forced, todo;

	forced = doctor_forced(o, &ls->s, j->host, cli->now, fx, a);
	doctor_plan_stale(o, ls, j, fx);
	todo = fx->nhosts > 0 || fx->exceptions || fx->trust;
	json_object_object_add(doc, "host", json_object_new_string(j->host));
	json_object_object_add(doc, "port", json_object_new_int((int)j->port));
	json_object_object_add(doc, "stores_read",
	    json_object_new_int64((int64_t)ls->s.nread));
	json_object_object_add(doc, "forced", json_object_new_boolean(forced));
	json_object_object_add(doc, "entries", a);
	json_object_object_add(doc, "check", live_job_json(j));
	f = json_object_new_object();
	a = json_object_new_array();
	for (i = 0; i < fx->nhosts; i++)
		json_object_array_add(a, json_object_new_string(fx->hosts[i]));
	json_object_object_add(f, "remove_hsts", a);
	json_object_object_add(f, "remove_exceptions",
	    json_object_new_boolean(fx->exceptions));
	json_object_object_add(f, "remove_trust_settings",
	    json_object_new_boolean(fx->trust));
	json_object_object_add(f, "parents_kept",
	    json_object_new_int64((int64_t)fx->parents_left));
	/* The command that makes the fix (with --fix: what it leaves). */
	if (o->fix)
		extra = fx->parents_left ? "--include-parents" : NULL;
	else
		extra = todo ? "--fix" : fx->parents_left ?
		    "--fix --include-parents" : NULL;
	json_object_object_add(f, "command", extra == NULL ? NULL :
	    json_object_new_string(cli_again(cli, extra, cmd, sizeof cmd)));
	json_object_object_add(doc, "fix", f);
	json_object_object_add(doc, "stores", cli_scope_json(&ls->s));
	return todo;
}

static int
doctor_args(struct cli *cli, int argc, char **argv, struct doctor_opts *o)
{
	struct option	opts[24];
	size_t		n;
	int		r;

	memset(o, 0, sizeof *o);
	o->live.cmd = &cmd_doctor_entry;
	o->live.jobs = 1;
	o->live.timeout_ms = 10000;
	for (n = 0; live_options[n].name != NULL && n < 16; n++)
		opts[n] = live_options[n];
	opts[n++] = (struct option){ "fix", no_argument, NULL, OPT_FIX };
	opts[n++] = (struct option){ "include-parents", no_argument, NULL,
	    OPT_PARENTS };
	opts[n++] = (struct option){ "stop", no_argument, NULL, OPT_STOP };
	opts[n++] = (struct option){ "dry-run", no_argument, NULL,
	    OPT_DRY_RUN };
	opts[n++] = (struct option){ "backup", no_argument, NULL, OPT_BACKUP };
	opts[n++] = (struct option){ "force", no_argument, NULL, OPT_FORCE };
	opts[n] = (struct option){ NULL, 0, NULL, 0 };
	r = args_parse(cli, &cmd_doctor_entry, argc, argv, opts,
	    doctor_option, o);
	if (r >= 0)
		return r;
	if (optind != argc - 1 || o->live.all)
		return args_misuse(&cmd_doctor_entry, "doctor takes one "
		    "HOST[:PORT]");
	if ((o->dry_run || o->backup || o->force || o->stop) && !o->fix)
		return args_misuse(&cmd_doctor_entry, "--dry-run, --backup, "
		    "--stop and --force go with --fix");
	return -1;
}

static int
cmd_doctor_exec(struct cli *cli, int argc, char **argv)
{
	struct doctor_opts	 o;
	struct doctor_fix	 fx;
	struct live_job		 j;
	struct live_state	 ls;
	struct probe_ctx	*pc = NULL;
	struct hs_error		 err;
	json_object		*doc = NULL, *done = NULL;
	size_t			 i;
	int			 r, todo;

	memset(&fx, 0, sizeof fx);
	memset(&j, 0, sizeof j);
	memset(&ls, 0, sizeof ls);
	if ((r = doctor_args(cli, argc, argv, &o)) >= 0)
		return r;
	hs_error_init(&err);
	if (live_target(argv[optind], &j.host, &j.port, &err) != HS_OK) {
		cli_error(NULL, &err);
		return cli_exit_code(&err);
	}
	if ((r = live_stores(cli, &o.live, &ls)) != EXIT_OK)
		goto out;
	if (probe_ctx_new(o.live.cafile, o.live.capath, &pc, &err) != HS_OK) {
		cli_error(NULL, &err);
		r = cli_exit_code(&err);
		goto out;
	}
	cli_scope_name(&ls.s, j.host);
	live_probe(&o.live, pc, &ls, cli->now, &j);
	if (o.live.json) {
		doc = json_object_new_object();
		todo = doctor_json(cli, &o, &ls, &j, &fx, doc);
		if (todo && o.fix)
			done = json_object_new_object();
	} else
		todo = doctor_text(cli, &o, &ls, &j, &fx);
	fflush(stdout);
	if (todo && o.fix) {
		r = doctor_apply(&ls, &o, &j, &fx, done);
		/* A dry run changed nothing: the fix is still pending. */
		if (r == EXIT_OK)
			r = o.dry_run ? EXIT_STALE : doctor_recheck(cli, &o,
			    j.host, done);
	} else
		r = todo || fx.parents_left ? EXIT_STALE : EXIT_OK;
	r = r ? r : cli_scope_code(&ls.s);
	if (doc != NULL) {
		json_object_object_add(doc, "applied", done);
		json_object_object_add(doc, "exit", json_object_new_int(r));
		cli_print_json_object(doc);
		json_object_put(doc);
	}
out:
	for (i = 0; i < fx.nhosts; i++)
		free(fx.hosts[i]);
	free(j.host);
	probe_result_release(&j.r);
	probe_ctx_free(pc);
	live_state_free(&ls);
	return cli_finish(r);
}

const struct cmd_entry cmd_doctor_entry = {
	"doctor",
	"HOST[:PORT] [--fix [--dry-run] [--backup] [--stop] [--force]] "
	    "[--include-parents] [--exceptions FILE] "
	    "[--trust-settings FILE] "
	    "[--connect-to H1:P1:H2:P2] [--cafile FILE] [--capath DIR] "
	    "[--timeout SECONDS] [--json]",
	"Tell the whole story of why Safari refuses HOST, in plain words: "
	    "the HSTS\nentries of every store that force HTTPS on it, the live "
	    "certificate's\nproblems, the stale stored exceptions, and the "
	    "fix.  --fix applies it with\nthe atomic editing engine (HOST's "
	    "own entries; parents only with\n--include-parents; stale "
	    "exceptions from --exceptions FILE), then reads\nthe stores "
	    "again: exit 0 only when none forces HTTPS on HOST.  Exit 6 when\n"
	    "a fix is pending.",
	"  --fix                  apply the fix (after printing it)\n"
	"  --include-parents      also remove parent domains' entries\n"
	"  --dry-run, --backup, --stop, --force\n"
	"                         with --fix: as for remove\n"
	"  --exceptions FILE      a plist holding trust-exception blobs\n"
	"  --trust-settings FILE  trust settings (on macOS: an export); --fix\n"
	"                         removes the host's stale ones\n"
	"  --json                 the findings (and with --fix, what was done)\n"
	"                         as one JSON document (doc/json.md)\n"
	"  --connect-to H1:P1:H2:P2, --cafile FILE, --capath DIR,\n"
	"  --timeout SECONDS      as for check\n",
	cmd_doctor_exec
};
