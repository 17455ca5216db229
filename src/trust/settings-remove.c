/* settings-remove.c: removing trust settings; see settings-remove.h. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "trust/settings-remove.h"

#define KEY_LIST	"trustList"
#define KEY_SETTINGS	"trustSettings"

/* How many of the record's constraints the target takes (cert: all + 1). */
static size_t
tset_hits(const struct tset_record *r, const struct tset_target *t)
{
	size_t	i, n = 0;

	for (i = 0; i < t->nspare; i++)
		if (strcasecmp(r->key, t->spare[i]) == 0)
			return 0;
	if (t->cert != NULL)
		return strcasecmp(r->key, t->cert) == 0 ? r->nuses + 1 : 0;
	for (i = 0; i < r->nuses; i++)
		n += tset_use_for_host(&r->uses[i], t->host);
	return n;
}

static int
tset_edit(struct tset_plan *p, enum plist_edit_op op, const char *const *path,
    size_t depth, const char *key, size_t index)
{
	struct plist_edit	*e = &p->edits[p->nedits++];

	memset(e, 0, sizeof *e);
	e->op = op;
	e->path = path;
	e->depth = depth;
	e->key = key;
	e->index = index;
	return HS_OK;
}

int
tset_plan(const struct tset *ts, const struct tset_target *t,
    struct tset_plan *p, struct hs_error *err)
{
	const struct tset_record	*r;
	struct tset_change		*c;
	size_t				 i, k, hits, total = 0;

	p->nrecs = ts->nrecs;
	for (i = 0; i < ts->nrecs; i++)
		total += ts->recs[i].nuses + 1;
	if ((p->ch = calloc(ts->nrecs + 1, sizeof *p->ch)) == NULL ||
	    (p->edits = calloc(total + 1, sizeof *p->edits)) == NULL)
		return hs_error_set(err, HS_ENOMEM, "out of memory");
	for (i = 0; i < ts->nrecs; i++) {
		r = &ts->recs[i];
		if ((hits = tset_hits(r, t)) == 0)
			continue;
		c = &p->ch[p->nch++];
		if ((c->key = strdup(r->key)) == NULL)
			return hs_error_set(err, HS_ENOMEM, "out of memory");
		c->path[0] = KEY_LIST;
		c->path[1] = c->key;
		c->nuses = r->nuses;
		/* Never leave a host-scoped record trusting everything. */
		c->whole = t->cert != NULL || hits == r->nuses;
		if (c->whole) {
			tset_edit(p, PLIST_EDIT_REMOVE, c->path, 1, c->key, 0);
			continue;
		}
		for (k = 0; k < r->nuses; k++)
			if (tset_use_for_host(&r->uses[k], t->host)) {
				tset_edit(p, PLIST_EDIT_REMOVE_ITEM, c->path, 2,
				    KEY_SETTINGS, k);
				c->nitems++;
			}
	}
	return HS_OK;
}

void
tset_plan_free(struct tset_plan *p)
{
	size_t	i;

	if (p == NULL)
		return;
	for (i = 0; i < p->nch; i++)
		free(p->ch[i].key);
	free(p->ch);
	free(p->edits);
	free(p);
}

struct tset_txn {
	const struct tset_target	*target;
	struct tset_plan		*plan;
};

static int
tset_txn_plan(void *arg, const struct plist_doc *doc,
    const struct plist_edit **edits, size_t *n, struct hs_error *err)
{
	struct tset_txn	*t = arg;
	struct tset	*ts;
	int		 r;

	tset_plan_free(t->plan);
	if ((t->plan = calloc(1, sizeof *t->plan)) == NULL)
		return hs_error_set(err, HS_ENOMEM, "out of memory");
	if ((r = tset_parse(doc, &ts, err)) != HS_OK)
		return r;
	r = tset_plan(ts, t->target, t->plan, err);
	tset_free(ts);
	*edits = t->plan->edits;
	*n = t->plan->nedits;
	return r;
}

static const struct tset_change *
tset_changed(const struct tset_plan *p, const char *key)
{
	size_t	i;

	for (i = 0; i < p->nch; i++)
		if (strcmp(p->ch[i].key, key) == 0)
			return &p->ch[i];
	return NULL;
}

/*
 * The edited file holds what was planned: the records that went are
 * gone, the others lost exactly their planned constraints and none for
 * the target is left, and no record that had constraints has none now.
 */
static int
tset_txn_verify(void *arg, const struct plist_doc *doc, struct hs_error *err)
{
	struct tset_txn			*t = arg;
	const struct tset_change	*c;
	const struct tset_record	*r;
	struct tset			*ts;
	size_t				 i, whole = 0, ok = 1;
	int				 e;

	if ((e = tset_parse(doc, &ts, err)) != HS_OK)
		return e;
	for (i = 0; i < t->plan->nch; i++)
		whole += t->plan->ch[i].whole;
	ok = ts->nrecs + whole == t->plan->nrecs;
	for (i = 0; ok && i < ts->nrecs; i++) {
		r = &ts->recs[i];
		if ((c = tset_changed(t->plan, r->key)) == NULL)
			continue;
		ok = !c->whole && r->nuses == c->nuses - c->nitems &&
		    r->nuses > 0 && tset_hits(r, t->target) == 0;
	}
	tset_free(ts);
	if (!ok)
		return hs_error_set(err, HS_EFORMAT, "internal error: the "
		    "edited file does not hold what was planned; nothing "
		    "written");
	return HS_OK;
}

int
tset_remove(const char *path, const struct tset_target *target, int flags,
    struct tset_plan **out, struct hs_error *err)
{
	struct tset_txn		t = { target, NULL };
	struct plist_txn	txn = { tset_txn_plan, tset_txn_verify, &t };
	int			r;

	r = plist_txn_run(path, &txn, flags, err);
	*out = t.plan;
	return r;
}
