/* edit.c: planning HSTS store changes and carrying them out. */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "hsts/plan.h"
#include "hsts/host.h"
#include "plist/plist-txn.h"
#include "util/cftime.h"

/* --- building a plan ---------------------------------------------------- */

static int
plan_grow(void **arr, size_t n, size_t size)
{
	void	*p;

	/* Grow in powers of two. */
	if (n == 0 || (n & (n - 1)) == 0) {
		if ((p = realloc(*arr, (n ? 2 * n : 8) * size)) == NULL)
			return HS_ENOMEM;
		*arr = p;
	}
	return HS_OK;
}

static int
plan_note(struct hsts_plan *p, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;
	int	 n;

	if (plan_grow((void **)&p->notes, p->nnotes, sizeof *p->notes))
		return HS_ENOMEM;
	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n == -1)
		return HS_ENOMEM;
	p->notes[p->nnotes++] = s;
	return HS_OK;
}

/* A copy of s kept by the plan, or NULL. */
static char *
plan_keep(struct hsts_plan *p, const char *s)
{
	char	*c;

	if (plan_grow((void **)&p->strings, p->nstrings, sizeof *p->strings) ||
	    (c = strdup(s)) == NULL)
		return NULL;
	return p->strings[p->nstrings++] = c;
}

/*
 * An edit of key in session.  The plan keeps its own copies, so that it
 * outlives the store it was made from.
 */
static int
plan_edit(struct hsts_plan *p, enum plist_edit_op op, const char *session,
    const char *key, const struct pv *value)
{
	struct plist_edit	*e;
	char			*s, *k;

	if ((s = plan_keep(p, session)) == NULL ||
	    (k = plan_keep(p, key)) == NULL ||
	    plan_grow((void **)&p->edits, p->nedits, sizeof *p->edits) ||
	    plan_grow((void **)&p->paths, p->nedits, sizeof *p->paths))
		return HS_ENOMEM;
	p->paths[p->nedits] = s;
	e = &p->edits[p->nedits++];
	e->op = op;
	e->path = NULL;		/* set by plan_finish: paths may move */
	e->depth = 1;
	e->key = k;
	e->value = value;
	return HS_OK;
}

/* Point each edit at its session name, now that the plan is complete. */
static void
plan_finish(struct hsts_plan *p)
{
	size_t	i;

	for (i = 0; i < p->nedits; i++)
		p->edits[i].path = (const char *const *)&p->paths[i];
}

static int
plan_change(struct hsts_plan *p, enum hsts_verb verb, const char *host,
    const char *session, int preloaded)
{
	struct hsts_change	*c;

	if (plan_grow((void **)&p->changes, p->nchanges, sizeof *p->changes))
		return HS_ENOMEM;
	c = &p->changes[p->nchanges];
	memset(c, 0, sizeof *c);
	c->verb = verb;
	c->preloaded = preloaded;
	c->host = strdup(host);
	c->session = strdup(session);
	if (c->host == NULL || c->session == NULL) {
		free(c->host);
		free(c->session);
		return HS_ENOMEM;
	}
	p->nchanges++;
	return HS_OK;
}

/* The values of entry e, for the last change's preview. */
static void
plan_values(struct hsts_values *v, const struct hsts_entry *e)
{
	v->set = 1;
	v->include_subdomains = e->include_subdomains;
	v->has_created = e->has_created;
	v->created = e->created;
	v->expiry_kind = e->expiry_kind;
	v->expiry = e->expiry;
}

/* The values an added entry gets. */
static void
plan_new_values(struct hsts_values *v, double now, double expiry, int sub)
{
	v->set = 1;
	v->include_subdomains = sub;
	v->has_created = 1;
	v->created = now;
	v->expiry_kind = HSTS_EXPIRY_AT;
	v->expiry = expiry;
}

static int
plan_remove_entry(struct hsts_plan *p, const struct hsts_entry *e)
{
	if (plan_edit(p, PLIST_EDIT_REMOVE, e->session, e->host, NULL) ||
	    plan_change(p, HSTS_REMOVE, e->host, e->session,
	    hsts_entry_preloaded(e)))
		return HS_ENOMEM;
	plan_values(&p->changes[p->nchanges - 1].old, e);
	p->delta--;
	if (e->state == HSTS_STATE_KNOCKOUT && plan_note(p, "%s was a "
	    "knockout (it sent max-age=0 while preloaded): removing it "
	    "re-enables Firefox's preloaded HSTS for it", hsts_entry_label(e)))
		return HS_ENOMEM;
	return HS_OK;
}

/* Parents that still force HTTPS on host once the plan is carried out. */
/* Remember a parent that still forces HTTPS, once; -1 without memory. */
static int
plan_parent(struct hsts_plan *p, const char *norm)
{
	size_t	i;

	for (i = 0; i < p->nparents; i++)
		if (strcmp(p->parents[i], norm) == 0)
			return 0;
	if (plan_grow((void **)&p->parents, p->nparents, sizeof *p->parents) ||
	    (p->parents[p->nparents] = strdup(norm)) == NULL)
		return -1;
	p->nparents++;
	return 0;
}

static int
plan_note_parents(const struct hsts_store *st, const char *host,
    const unsigned char *removed, double now, struct hsts_plan *p)
{
	const struct hsts_entry	*e;
	char			 when[64];
	size_t			 i;

	for (i = 0; i < st->nentries; i++) {
		e = &st->entries[i];
		if (removed[i] || !e->include_subdomains ||
		    !host_is_parent(e->norm, host) ||
		    e->expiry_kind == HSTS_EXPIRY_UNKNOWN ||
		    hsts_entry_expired(e, now))
			continue;
		if (e->expiry_kind == HSTS_EXPIRY_NEVER)
			snprintf(when, sizeof when, "never expires");
		else {
			strcpy(when, "until ");
			hs_cftime_format(e->expiry, when + 6, sizeof when - 6);
		}
		if (plan_note(p, "%s still forces HTTPS on %s: it includes "
		    "subdomains (%s)", e->host, host, when) ||
		    plan_parent(p, e->norm))
			return HS_ENOMEM;
	}
	return HS_OK;
}

int
hsts_remove_wants(const char *norm, char *const *hosts, size_t nhosts,
    int subdomains)
{
	size_t	h;

	for (h = 0; h < nhosts; h++)
		if (strcmp(norm, hosts[h]) == 0 ||
		    host_is_parent(norm, hosts[h]) ||
		    (subdomains && host_is_parent(hosts[h], norm)))
			return 1;
	return 0;
}

int
hsts_plan_remove(const struct hsts_store *st, char *const *hosts,
    size_t nhosts, int subdomains, double now, struct hsts_plan *p,
    struct hs_error *err)
{
	unsigned char	*removed;
	size_t		 h, i, found;
	int		 r = HS_OK;

	if ((removed = calloc(st->nentries + 1, 1)) == NULL)
		return hs_error_set(err, HS_ENOMEM, "out of memory");
	for (h = 0; h < nhosts && r == HS_OK; h++) {
		for (i = found = 0; i < st->nentries && r == HS_OK; i++) {
			const struct hsts_entry *e = &st->entries[i];

			if (strcmp(e->norm, hosts[h]) != 0 && !(subdomains &&
			    host_is_parent(hosts[h], e->norm)))
				continue;
			found++;
			if (!removed[i]) {
				removed[i] = 1;
				r = plan_remove_entry(p, e);
			}
		}
		if (found == 0) {
			if (p->missed == NULL && (p->missed = calloc(nhosts,
			    sizeof *p->missed)) == NULL)
				r = HS_ENOMEM;
			else
				p->missed[p->missing++] = h;
		}
	}
	for (h = 0; h < nhosts && r == HS_OK; h++)
		r = plan_note_parents(st, hosts[h], removed, now, p);
	for (i = 0; i < p->nchanges && r == HS_OK; i++)
		if (p->changes[i].preloaded)
			r = plan_note(p, "%s was a preloaded entry: Safari "
			    "restores preloaded entries from its built-in list",
			    p->changes[i].host);
	free(removed);
	return r == HS_OK ? HS_OK : hs_error_set(err, HS_ENOMEM,
	    "out of memory");
}

static struct hsts_value *
plan_value(struct hsts_plan *p)
{
	struct hsts_value	*v;

	if (plan_grow((void **)&p->values, p->nvalues, sizeof *p->values) ||
	    (v = calloc(1, sizeof *v)) == NULL)
		return NULL;
	p->values[p->nvalues++] = v;
	return v;
}

/* The value Safari writes: see doc/formats.md section 1. */
static void
plan_fill_value(struct hsts_value *v, int schema, double now, double expiry,
    int sub)
{
	size_t	n = 0;

	if (schema == 2) {
		v->value.type = PV_REAL;
		v->value.r = sub ? -expiry : expiry;
		return;
	}
	v->pairs[n].key = "Create Time";
	v->pairs[n].value.type = PV_REAL;
	v->pairs[n++].value.r = now;
	v->pairs[n].key = "Expiry";
	v->pairs[n].value.type = PV_REAL;
	v->pairs[n++].value.r = expiry;
	if (sub) {
		v->pairs[n].key = "Include Subdomains";
		v->pairs[n].value.type = PV_BOOL;
		v->pairs[n++].value.b = 1;
	}
	v->pairs[n].key = "HSTS Host";
	v->pairs[n].value.type = PV_BOOL;
	v->pairs[n++].value.b = 1;
	v->value.type = PV_DICT;
	v->value.pairs = v->pairs;
	v->value.npairs = n;
}

static const char *
plan_default_session(const struct hsts_store *st)
{
	size_t	i;

	for (i = 0; i < st->nsessions; i++)
		if (strcmp(st->sessions[i], HSTS_DEFAULT_SESSION) == 0)
			return st->sessions[i];
	return st->sessions[0];
}

int
hsts_plan_add(const struct hsts_store *st, const char *host,
    long long max_age, int sub, double now, struct hsts_plan *p,
    struct hs_error *err)
{
	struct hsts_value	*v;
	const char		*session;
	size_t			 i;
	int			 replaced = 0;

	if (st->format != HSTS_FMT_APPLE)
		return hs_error_set(err, HS_EINVAL, "hstsctl adds entries to "
		    "Apple's stores only; this is a %s store",
		    hsts_store_format(st));
	if ((v = plan_value(p)) == NULL)
		return hs_error_set(err, HS_ENOMEM, "out of memory");
	plan_fill_value(v, st->schema == 2 ? 2 : 3, now, now + (double)max_age,
	    sub);
	/* Replace the entry wherever it is, keeping its key as stored. */
	for (i = 0; i < st->nentries; i++) {
		const struct hsts_entry *e = &st->entries[i];

		if (strcmp(e->norm, host) != 0)
			continue;
		if (plan_edit(p, PLIST_EDIT_SET, e->session, e->host,
		    &v->value) || plan_change(p, HSTS_REPLACE, e->host,
		    e->session, 0))
			return hs_error_set(err, HS_ENOMEM, "out of memory");
		plan_values(&p->changes[p->nchanges - 1].old, e);
		plan_new_values(&p->changes[p->nchanges - 1].new, now, now +
		    (double)max_age, sub);
		replaced = 1;
	}
	if (replaced)
		return HS_OK;
	session = plan_default_session(st);
	if (plan_edit(p, PLIST_EDIT_SET, session, host, &v->value) ||
	    plan_change(p, HSTS_ADD, host, session, 0))
		return hs_error_set(err, HS_ENOMEM, "out of memory");
	plan_new_values(&p->changes[p->nchanges - 1].new, now, now +
	    (double)max_age, sub);
	p->delta++;
	return HS_OK;
}

int
hsts_plan_prune(const struct hsts_store *st, double now, struct hsts_plan *p,
    struct hs_error *err)
{
	size_t	i;

	for (i = 0; i < st->nentries; i++)
		if (hsts_entry_expired(&st->entries[i], now) &&
		    plan_remove_entry(p, &st->entries[i]) != HS_OK)
			return hs_error_set(err, HS_ENOMEM, "out of memory");
	return HS_OK;
}

void
hsts_plan_free(struct hsts_plan *p)
{
	size_t	i;

	if (p == NULL)
		return;
	for (i = 0; i < p->nchanges; i++) {
		free(p->changes[i].host);
		free(p->changes[i].session);
	}
	for (i = 0; i < p->nnotes; i++)
		free(p->notes[i]);
	for (i = 0; i < p->nparents; i++)
		free(p->parents[i]);
	free(p->parents);
	for (i = 0; i < p->nvalues; i++)
		free(p->values[i]);
	for (i = 0; i < p->nstrings; i++)
		free(p->strings[i]);
	free(p->strings);
	free(p->missed);
	free(p->paths);
	free(p->changes);
	free(p->notes);
	free(p->values);
	free(p->edits);
	free(p);
}

/* --- carrying a plan out ------------------------------------------------ */

struct hsts_txn {
	const char		 *path;
	hsts_planner		  planner;
	hsts_keep_fn		  keep;
	void			 *arg;
	struct hsts_plan	 *plan;
	size_t			  old_entries;
	size_t			  old_sessions;
};

/* A change, by (session, host), for looking entries up while verifying. */
static int
edit_change_cmp(const void *a, const void *b)
{
	const struct hsts_change	*x = *(const struct hsts_change *const *)a;
	const struct hsts_change	*y = *(const struct hsts_change *const *)b;
	int				 c = strcmp(x->session, y->session);

	return c != 0 ? c : strcmp(x->host, y->host);
}

static int
edit_plan(void *arg, const struct plist_doc *doc,
    const struct plist_edit **edits, size_t *n, struct hs_error *err)
{
	struct hsts_txn		*t = arg;
	struct hsts_store	*st;
	int			 r;

	hsts_plan_free(t->plan);
	if ((t->plan = calloc(1, sizeof *t->plan)) == NULL)
		return hs_error_set(err, HS_ENOMEM, "out of memory");
	if ((r = hsts_store_view_some(t->path, (struct plist_doc *)doc,
	    t->keep, t->arg, &st, err)) != HS_OK)
		return r;
	t->old_entries = st->ntotal;
	t->old_sessions = st->nsessions;
	r = t->planner(st, t->plan, t->arg, err);
	plan_finish(t->plan);
	hsts_store_free(st);
	*edits = t->plan->edits;
	*n = t->plan->nedits;
	return r;
}

/*
 * One session of the edited document: count its entries (as the reader
 * would take them) and tick off the changed ones found in it.
 */
static int
edit_count_session(const char *name, const struct pval *dict,
    struct hsts_change **sorted, size_t n, unsigned char *seen,
    size_t *entries)
{
	struct hsts_change	 key, *kp = &key, **hit;
	struct pval_iter	 it;
	struct pval		 k;
	struct hs_arena		 a = HS_ARENA_INIT;
	enum pval_type		 type;
	uint64_t		 obj;
	char			 buf[256];

	key.session = (char *)name;
	pval_iter_init(&it, dict);
	while (pval_iter_peek(&it, &k, &type, &obj) == 1) {
		/* Nothing allocated for nearly all of 200,000 keys. */
		if ((key.host = (char *)pval_text_buf(&k, buf, sizeof buf,
		    &a)) == NULL) {
			hs_arena_free(&a);
			return HS_ENOMEM;
		}
		if (hsts_is_meta_key(key.host) || !HSTS_ENTRY_TYPE(type))
			continue;
		(*entries)++;
		hit = bsearch(&kp, sorted, n, sizeof *sorted, edit_change_cmp);
		if (hit != NULL)
			seen[hit - sorted] = 1;
	}
	hs_arena_free(&a);
	return 0;
}

/*
 * The edited store must hold exactly what was planned: as many entries
 * and sessions as planned, each changed entry there or gone.  Counted on
 * the document itself (pval.h), without reading every entry's fields.
 */
static int
edit_verify(void *arg, const struct plist_doc *doc, struct hs_error *err)
{
	struct hsts_txn		 *t = arg;
	const struct hsts_plan	 *p = t->plan;
	struct hsts_change	**sorted;
	struct pval		  root = pval_root(doc), v;
	struct pval_iter	  it;
	unsigned char		 *seen;
	size_t			  i, entries = 0, sessions = 0;
	char			 *name;
	int			  r, ok;

	sorted = calloc(p->nchanges + 1, sizeof *sorted);
	seen = calloc(p->nchanges + 1, 1);
	if (sorted == NULL || seen == NULL) {
		free(sorted);
		free(seen);
		return hs_error_set(err, HS_ENOMEM, "out of memory");
	}
	for (i = 0; i < p->nchanges; i++)
		sorted[i] = &p->changes[i];
	qsort(sorted, p->nchanges, sizeof *sorted, edit_change_cmp);
	pval_iter_init(&it, &root);
	while ((r = pval_iter_next(&it, &name, &v)) == 1) {
		if (v.type == PVAL_DICT) {
			sessions++;
			r = edit_count_session(name, &v, sorted, p->nchanges,
			    seen, &entries);
		}
		free(name);
		if (r < 0)
			break;
	}
	ok = r == 0 && (long)entries == (long)t->old_entries + p->delta &&
	    sessions == t->old_sessions;
	for (i = 0; ok && i < p->nchanges; i++)
		ok = seen[i] == (sorted[i]->verb != HSTS_REMOVE);
	free(sorted);
	free(seen);
	if (r < 0)
		return hs_error_set(err, HS_ENOMEM, "out of memory");
	if (!ok)
		return hs_error_set(err, HS_EFORMAT, "internal error: the "
		    "edited store does not hold what was planned; nothing "
		    "written");
	return HS_OK;
}

int
hsts_edit(const char *path, hsts_planner planner, hsts_keep_fn keep,
    void *arg, int flags, struct hsts_plan **out, struct hs_error *err)
{
	struct hsts_txn		t = { path, planner, keep, arg, NULL, 0, 0 };
	struct plist_txn	txn = { edit_plan, edit_verify, &t };
	int			r;

	r = plist_txn_run(path, &txn, ((flags & HSTS_EDIT_DRY_RUN) ?
	    PLIST_TXN_DRY_RUN : 0) | ((flags & HSTS_EDIT_BACKUP) ?
	    PLIST_TXN_BACKUP : 0), err);
	*out = t.plan;
	return r;
}
