/*
 * writer.c: what every command that writes stores shares: its options,
 * the processes that hold the stores, editing each store as its own
 * transaction, and reporting each change per store.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "hsts/plan.h"
#include "util/cftime.h"

int
cli_edit_option(struct cli_edit_opts *o, int ch)
{
	switch (ch) {
	case 'n':
		o->dry_run = 1;
		return 1;
	case 'b':
		o->backup = 1;
		return 1;
	case 'q':
		o->quiet = 1;
		return 1;
	case CLI_OPT_STOP:
		o->stop = 1;
		return 1;
	case CLI_OPT_FORCE:
		o->force = 1;
		return 1;
	case CLI_OPT_JSON:
		o->json = 1;
		return 1;
	}
	return 0;
}

/* One store's edit, while it is under way. */
struct writer {
	struct cli_scope	 *s;
	const struct cli_edit_opts *o;
	hsts_planner		  planner;
	hsts_keep_fn		  keep;
	void			 *arg;
	char *const		 *names;	/* for hashed stores */
	size_t			  nnames;
	struct hsts_plan	**plans;	/* one per store; NULL: failed */
	json_object		 *changes;	/* --json */
	json_object		 *notes;
};

/*
 * Plan (dry) or make the edit of store i; 0, or its exit code (a failure
 * named on stderr when report is set).
 */
static int
writer_run(struct writer *w, size_t i, int flags, int report)
{
	struct cli_store	*c = &w->s->v[i];

	hsts_plan_free(w->plans[i]);
	w->plans[i] = NULL;
	hs_error_init(&c->err);
	if (store_edit(c->f.path, w->planner, w->keep, w->arg, w->names,
	    w->nnames, flags, &w->plans[i], &c->err) == HS_OK)
		return EXIT_OK;
	hsts_plan_free(w->plans[i]);
	w->plans[i] = NULL;
	if (!report)
		return c->code = cli_exit_code(&c->err);
	if (c->err.code == HS_ENOENT)
		return c->code = cli_scope_report(w->s, c);
	return c->code = cli_edit_error(c->f.path, &c->err);
}

/* Print why the holders stop the edit, and the commands that help. */
static void
writer_busy(const struct cli *cli, const struct hold_set *h)
{
	char	cmd[600], again[4200];
	size_t	i;

	int	locked = 0;

	for (i = 0; i < h->n; i++)
		if (h->running[i] == 1 && h->ref[i].kind == PROC_LOCK) {
			locked = 1;
			fprintf(stderr, "hstsctl: %s is using this profile (%s "
			    "is held); it would write its own\nhstsctl: copy "
			    "over this edit, so nothing was written\n",
			    h->ref[i].shown, h->ref[i].name);
		} else if (h->running[i] == 1)
			fprintf(stderr, "hstsctl: %s is running; it keeps the "
			    "store in memory and would write its own copy\n"
			    "hstsctl: over this edit, so nothing was written\n",
			    h->ref[i].shown);
	if (locked) {
		fprintf(stderr, "hstsctl: quit it and run the same command "
		    "again; if it does not run (a lock\nhstsctl: left by a "
		    "crash, or a copied home), add --force:\n    %s\n",
		    cli_again(cli, "--force", again, sizeof again));
		return;
	}
	fprintf(stderr, "hstsctl: run the same command with --stop to have "
	    "hstsctl stop them, or:\n");
	for (i = 0; i < h->n; i++)
		if (h->running[i] == 1)
			fprintf(stderr, "    %s\n", proc_command(&h->ref[i], 0,
			    cmd, sizeof cmd));
	fprintf(stderr, "    %s\n", cli_again(cli, NULL, again, sizeof again));
	for (i = 0; i < h->n; i++)
		if (h->running[i] == 1 && h->ref[i].kind == PROC_AGENT)
			fprintf(stderr, "    %s\n", proc_command(&h->ref[i], 1,
			    cmd, sizeof cmd));
}

int
cli_holders(struct cli_scope *s, const struct cli_edit_opts *o,
    const unsigned char *changes, struct hold_set *h)
{
	const struct proc_ops	*ops = proc_system();
	enum hold_verdict	 v;
	struct hs_error		 err;
	size_t			 i;

	memset(h, 0, sizeof *h);
	for (i = 0; i < s->n; i++)
		if (changes == NULL || changes[i])
			hold_add(h, &s->v[i].f);
	if (o->force)
		hold_forget_locks(h);
	hs_error_init(&err);
	if (h->n == 0 || hold_decide(ops, h, o->stop, &v, &err) == HS_OK) {
		if (h->n > 0 && v == HOLD_BUSY) {
			writer_busy(s->cli, h);
			return EXIT_BUSY;
		}
		for (i = 0; i < h->n; i++)
			if (h->stopped[i])
				fprintf(stderr, "hstsctl: stopped %s, which "
				    "keeps the store in memory\n",
				    h->ref[i].shown);
		return EXIT_OK;
	}
	fprintf(stderr, "hstsctl: %s; nothing was written\n", err.msg);
	hold_restart(ops, h, &err);
	return EXIT_BUSY;
}

/*
 * Before writing: which processes hold the stores that would change.
 * Returns EXIT_OK to go on (after stopping them with --stop), or an exit
 * code.
 */
static int
writer_holders(struct writer *w, struct hold_set *h)
{
	enum hold_verdict	 v;
	struct hs_error		 err;
	unsigned char		*changes;
	size_t			 i;
	int			 r;

	/* Does anything that holds a store of the scope run at all? */
	memset(h, 0, sizeof *h);
	for (i = 0; i < w->s->n; i++)
		hold_add(h, &w->s->v[i].f);
	if (w->o->force)
		hold_forget_locks(h);
	hs_error_init(&err);
	if (h->n == 0 || hold_decide(proc_system(), h, 0, &v, &err) != HS_OK ||
	    v == HOLD_FREE)
		return EXIT_OK;
	/* Something runs: which stores would change? */
	if ((changes = calloc(w->s->n + 1, 1)) == NULL)
		return EXIT_ERROR;
	for (i = 0; i < w->s->n; i++)
		changes[i] = writer_run(w, i, HSTS_EDIT_DRY_RUN, 0) ==
		    EXIT_OK && w->plans[i]->nchanges > 0;
	r = cli_holders(w->s, w->o, changes, h);
	free(changes);
	return r;
}

void
cli_holders_restart(struct hold_set *h)
{
	struct hs_error	err;
	size_t		i;

	for (i = 0; i < h->n; i++)
		if (h->stopped[i] && h->ref[i].kind == PROC_AGENT)
			fprintf(stderr, "hstsctl: starting %s again\n",
			    h->ref[i].shown);
	hs_error_init(&err);
	if (hold_restart(proc_system(), h, &err) != HS_OK)
		fprintf(stderr, "hstsctl: %s; start it yourself\n", err.msg);
}

/* "subdomains yes, expires 2027-..." */
static void
writer_values(const struct hsts_values *v, char *buf, size_t len)
{
	char	when[64];

	if (v->expiry_kind == HSTS_EXPIRY_NEVER)
		snprintf(when, sizeof when, "never (preloaded)");
	else if (v->expiry_kind == HSTS_EXPIRY_AT)
		hs_cftime_format(v->expiry, when, sizeof when);
	else
		snprintf(when, sizeof when, "unknown");
	snprintf(buf, len, "subdomains %s, expires %s",
	    v->include_subdomains ? "yes" : "no", when);
}

/* A dry run's preview: the values that go, and those that come. */
static void
writer_preview(const struct hsts_change *c)
{
	char	a[160], b[160];

	if (c->old.set)
		writer_values(&c->old, a, sizeof a);
	if (c->new.set)
		writer_values(&c->new, b, sizeof b);
	if (c->old.set && c->new.set)
		printf(": %s -> %s\n", a, b);
	else if (c->old.set || c->new.set)
		printf(": %s\n", c->old.set ? a : b);
	else
		putchar('\n');
}

static json_object *
writer_values_json(const struct hsts_values *v)
{
	json_object	*o;

	if (!v->set)
		return NULL;
	o = json_object_new_object();
	json_object_object_add(o, "include_subdomains",
	    json_object_new_boolean(v->include_subdomains));
	json_object_object_add(o, "preloaded", json_object_new_boolean(
	    v->expiry_kind == HSTS_EXPIRY_NEVER));
	cli_json_time(o, "created", v->created, v->has_created);
	cli_json_time(o, "expiry", v->expiry, v->expiry_kind ==
	    HSTS_EXPIRY_AT);
	return o;
}

/* Store i's changes and notes into the JSON document's lists. */
static void
writer_json(const struct writer *w, size_t i)
{
	static const char *const verbs[] = { "remove", "add", "replace" };
	const struct hsts_plan	*p = w->plans[i];
	const struct hsts_change *c;
	json_object		*o;
	size_t			 k;

	for (k = 0; k < p->nchanges; k++) {
		c = &p->changes[k];
		o = json_object_new_object();
		json_object_object_add(o, "store", json_object_new_string(
		    w->s->v[i].f.path));
		json_object_object_add(o, "kind", json_object_new_string(
		    store_kind_id(w->s->v[i].f.kind)));
		json_object_object_add(o, "verb", json_object_new_string(
		    verbs[c->verb]));
		json_object_object_add(o, "host", json_object_new_string(
		    c->host));
		json_object_object_add(o, "session", c->session[0] ?
		    json_object_new_string(c->session) : NULL);
		json_object_object_add(o, "old", writer_values_json(&c->old));
		json_object_object_add(o, "new", writer_values_json(&c->new));
		json_object_array_add(w->changes, o);
	}
	for (k = 0; k < p->nnotes; k++)
		json_object_array_add(w->notes, json_object_new_string(
		    p->notes[k]));
}

static void
writer_report(const struct writer *w, size_t i)
{
	static const char *const done[] = { "removed", "added", "replaced" };
	static const char *const would[] = { "would remove", "would add",
	    "would replace" };
	const struct hsts_plan		*p = w->plans[i];
	const struct hsts_change	*c;
	char				 h[CLI_SAFE_MAX], s[CLI_SAFE_MAX];
	char				 at[CLI_SAFE_MAX + 2] = "";
	char				 ses[CLI_SAFE_MAX + 16];
	size_t				 k;

	/* Name the store: what it is, or for a file its path. */
	if (cli_scope_grouped(w->s))
		snprintf(at, sizeof at, "%s: ", w->s->v[i].f.kind == STORE_FILE ?
		    cli_safe(w->s->v[i].f.path, h, sizeof h) :
		    cli_store_label(&w->s->v[i], h, sizeof h));
	if (w->o->json) {
		writer_json(w, i);
		return;
	}
	for (k = 0; k < p->nchanges; k++) {
		c = &p->changes[k];
		/* An entry of a store without sessions has none to name. */
		if (c->session[0] != '\0')
			snprintf(ses, sizeof ses, " (session %s)", cli_safe(
			    c->session, s, sizeof s));
		else
			ses[0] = '\0';
		if (w->o->dry_run) {
			printf("%s%s %s%s", at, would[c->verb],
			    cli_safe(c->host, h, sizeof h), ses);
			writer_preview(c);
		}
		else if (!w->o->quiet)
			fprintf(stderr, "hstsctl: %s%s %s%s\n", at,
			    done[c->verb], cli_safe(c->host, h, sizeof h), ses);
	}
	for (k = 0; k < p->nnotes; k++)
		fprintf(stderr, "hstsctl: %snote: %s\n", at,
		    cli_safe(p->notes[k], h, sizeof h));
}

/* The parents that still force HTTPS, and the command that removes them. */
static void
writer_parents(const struct writer *w)
{
	char	words[1024] = "remove", cmd[4200];
	size_t	i, k, n = 0;

	for (i = 0; i < w->s->n; i++)
		for (k = 0; w->plans[i] && k < w->plans[i]->nparents; k++) {
			if (strstr(words, w->plans[i]->parents[k]) != NULL)
				continue;
			snprintf(words + strlen(words), sizeof words -
			    strlen(words), " %s", w->plans[i]->parents[k]);
			n++;
		}
	if (n > 0 && !w->o->quiet)
		fprintf(stderr, "hstsctl: to remove %s too, run:\n    %s\n",
		    n == 1 ? "that parent" : "those parents",
		    cli_command(w->s->cli, words, cmd, sizeof cmd));
}

/* The document of --json: the changes, notes, misses and failed stores. */
static void
writer_print_json(struct writer *w, char *const *hosts, int r)
{
	json_object	*o = json_object_new_object(), *a, *e;
	size_t		 i, k, m, planned = 0, cnt;

	json_object_object_add(o, "dry_run", json_object_new_boolean(
	    w->o->dry_run));
	a = json_object_new_array();
	for (i = 0; i < w->s->n; i++) {
		e = json_object_new_object();
		json_object_object_add(e, "path", json_object_new_string(
		    w->s->v[i].f.path));
		json_object_object_add(e, "kind", json_object_new_string(
		    store_kind_id(w->s->v[i].f.kind)));
		json_object_object_add(e, "changed", json_object_new_boolean(
		    w->plans[i] != NULL && w->plans[i]->nchanges > 0));
		json_object_array_add(a, e);
	}
	json_object_object_add(o, "stores", a);
	json_object_object_add(o, "changes", json_object_get(w->changes));
	json_object_object_add(o, "notes", json_object_get(w->notes));
	a = json_object_new_array();
	for (i = 0; i < w->s->n; i++)
		planned += w->plans[i] != NULL;
	for (m = 0; hosts != NULL && hosts[m] != NULL && r == EXIT_OK; m++) {
		for (i = cnt = 0; i < w->s->n; i++)
			for (k = 0; w->plans[i] && k < w->plans[i]->missing; k++)
				cnt += w->plans[i]->missed[k] == m;
		if (cnt > 0 && cnt == planned)
			json_object_array_add(a, json_object_new_string(
			    hosts[m]));
	}
	json_object_object_add(o, "missing", a);
	a = json_object_new_array();
	for (i = 0; i < w->s->n; i++)
		if (w->plans[i] == NULL && w->s->v[i].code != EXIT_OK) {
			e = json_object_new_object();
			json_object_object_add(e, "store",
			    json_object_new_string(w->s->v[i].f.path));
			json_object_object_add(e, "message",
			    json_object_new_string(w->s->v[i].err.msg));
			json_object_array_add(a, e);
		}
	json_object_object_add(o, "errors", a);
	if (w->o->into != NULL) {
		*w->o->into = o;
		return;
	}
	cli_print_json_object(o);
	json_object_put(o);
}

/*
 * The hosts asked for that no store that could be planned had: a host
 * missed by each of them.  Returns how many; notes name them.
 */
static size_t
writer_missing(const struct writer *w, char *const *hosts, int failed)
{
	size_t	 i, k, m, planned = 0, nmiss = 0, *count = NULL, nhosts = 0;
	char	 h[CLI_SAFE_MAX];

	for (i = 0; i < w->s->n; i++)
		for (k = 0; w->plans[i] && k < w->plans[i]->missing; k++)
			if (w->plans[i]->missed[k] + 1 > nhosts)
				nhosts = w->plans[i]->missed[k] + 1;
	if (nhosts == 0 || (count = calloc(nhosts, sizeof *count)) == NULL)
		return 0;
	for (i = 0; i < w->s->n; i++) {
		planned += w->plans[i] != NULL;
		for (k = 0; w->plans[i] && k < w->plans[i]->missing; k++)
			count[w->plans[i]->missed[k]]++;
	}
	for (m = 0; m < nhosts; m++) {
		if (count[m] == 0 || count[m] < planned)
			continue;
		nmiss++;
		if (hosts != NULL && !w->o->quiet && !w->o->json)
			fprintf(stderr, "hstsctl: note: %s %s\n", failed ?
			    "no store that could be read has an entry for" :
			    w->s->n > 1 ? "no store has an entry for" :
			    "no entry for", cli_safe(hosts[m], h, sizeof h));
	}
	free(count);
	return nmiss;
}

int
cli_edit(struct cli_scope *s, const struct cli_edit_opts *o,
    hsts_planner planner, hsts_keep_fn keep, void *arg, char *const *hosts,
    size_t *missing)
{
	struct writer	w = { s, o, planner, keep, arg, hosts, 0, NULL, NULL,
	    NULL };
	struct hold_set	h;
	size_t		i, changed = 0;
	int		r = EXIT_OK, c, flags = 0;

	*missing = 0;
	if (o->json) {
		w.changes = json_object_new_array();
		w.notes = json_object_new_array();
	}
	while (hosts != NULL && hosts[w.nnames] != NULL)
		w.nnames++;
	if ((w.plans = calloc(s->n + 1, sizeof *w.plans)) == NULL)
		return EXIT_ERROR;
	memset(&h, 0, sizeof h);
	if (!o->dry_run && (r = writer_holders(&w, &h)) != EXIT_OK)
		goto done;
	flags = (o->dry_run ? HSTS_EDIT_DRY_RUN : 0) |
	    (o->backup ? HSTS_EDIT_BACKUP : 0);
	for (i = 0; i < s->n; i++) {
		if ((c = writer_run(&w, i, flags, 1)) != EXIT_OK) {
			r = r ? r : c;
			continue;
		}
		writer_report(&w, i);
		changed += w.plans[i]->nchanges;
		if (w.plans[i]->nchanges == 0 && !o->quiet && !s->named)
			continue;
		if (w.plans[i]->nchanges == 0 && !o->quiet)
			fprintf(stderr, "hstsctl: %s: nothing to change; the "
			    "file was not rewritten\n", s->v[i].f.path);
	}
	/* With a store that failed, what the others lacked tells nothing. */
	if (r == EXIT_OK && changed == 0 && !s->named && !o->quiet &&
	    !o->json && s->n > 0)
		fprintf(stderr, "hstsctl: no store had anything to change; "
		    "none was rewritten\n");
	if (!o->json)
		writer_parents(&w);
	*missing = writer_missing(&w, hosts, r != EXIT_OK);
	cli_holders_restart(&h);
	if (o->json)
		writer_print_json(&w, hosts, r);
done:
	json_object_put(w.changes);
	json_object_put(w.notes);
	for (i = 0; i < s->n; i++)
		hsts_plan_free(w.plans[i]);
	free(w.plans);
	return r;
}
