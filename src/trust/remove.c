/* remove.c: planning and carrying out the removal of trust exceptions. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "hsts/host.h"
#include "plist/plist-tree.h"
#include "plist/plist-txn.h"
#include "trust/remove.h"

static int
texc_target_is_sha1(const char *t)
{
	size_t	i;

	for (i = 0; t[i] != '\0'; i++)
		if (!isxdigit((unsigned char)t[i]))
			return 0;
	return i == 2 * TEXC_SHA1_LEN;
}

/* Equal as host names (case, trailing dot, IDN), or as plain strings. */
static int
texc_same_host(const char *a, const char *b)
{
	struct hs_error	 err;
	char		*na = NULL, *nb = NULL;
	int		 same;

	if (a == NULL || b == NULL)
		return 0;
	if (strcasecmp(a, b) == 0)
		return 1;
	hs_error_init(&err);
	same = host_normalise(a, &na, &err) == HS_OK &&
	    host_normalise(b, &nb, &err) == HS_OK && strcmp(na, nb) == 0;
	free(na);
	free(nb);
	return same;
}

int
texc_matches(const struct texc_found *f, const char *target)
{
	if (texc_target_is_sha1(target))
		return strcasecmp(f->leaf_sha1, target) == 0 ||
		    (f->key_sha1 != NULL && strcasecmp(f->key_sha1, target) ==
		    0);
	if (f->owner != NULL)
		return texc_same_host(f->owner, target);
	return f->depth > 0 && !f->in_array &&
	    texc_same_host(f->path[f->depth - 1], target);
}

static int
texc_plan_edit(struct texc_plan *p, char *const *path, size_t depth)
{
	struct plist_edit	*e;

	e = realloc(p->edits, (p->nedits + 1) * sizeof *e);
	if (e == NULL)
		return HS_ENOMEM;
	p->edits = e;
	e = &p->edits[p->nedits++];
	e->op = PLIST_EDIT_REMOVE;
	e->path = (const char *const *)path;
	e->depth = depth;
	e->key = path[depth];
	e->value = NULL;
	return HS_OK;
}

/* How many matched blobs sit directly in the dictionary path[0..depth)? */
static size_t
texc_count_under(const struct texc_plan *p, char *const *path, size_t depth)
{
	const struct texc_found	*f;
	size_t			 i, k, n = 0;

	for (i = 0; i < p->nmatched; i++) {
		f = &p->found[p->matched[i]];
		if (f->layout != TEXC_LAYOUT_EAP || f->depth != depth + 1)
			continue;
		for (k = 0; k < depth && strcmp(f->path[k], path[k]) == 0; k++)
			;
		n += k == depth;
	}
	return n;
}

static size_t
texc_dict_size(const struct plist_doc *doc, char *const *path, size_t depth)
{
	plist_t	d = plist_doc_root(doc);
	size_t	i;

	for (i = 0; i < depth && d != NULL; i++)
		d = plist_dict_get_item(d, path[i]);
	return d != NULL && plist_get_node_type(d) == PLIST_DICT ?
	    plist_dict_get_size(d) : 0;
}

/* Does every entry of the eapclient dictionary path[0..depth) go? */
static int
texc_eap_all_go(const struct plist_doc *doc, const struct texc_plan *p,
    char *const *path, size_t depth)
{
	plist_dict_iter	 it = NULL;
	plist_t		 domain, v;
	char		*ident, *sub[2];
	int		 all = 1;

	if (depth == 2)
		return texc_count_under(p, path, 2) ==
		    texc_dict_size(doc, path, 2);
	/* depth 1: every identifier of the domain goes whole. */
	domain = plist_dict_get_item(plist_doc_root(doc), path[0]);
	if (domain == NULL)
		return 0;
	plist_dict_new_iter(domain, &it);
	while (all) {
		plist_dict_next_item(domain, it, &ident, &v);
		if (v == NULL)
			break;
		sub[0] = path[0];
		sub[1] = ident;
		all = plist_get_node_type(v) == PLIST_DICT &&
		    texc_eap_all_go(doc, p, sub, 2);
		free(ident);
	}
	free(it);
	return all;
}

/*
 * eapclient: a network identifier whose every blob goes is removed whole,
 * and so is a domain left empty.  Returns the depth of the removal.
 */
static size_t
texc_eap_depth(const struct plist_doc *doc, const struct texc_plan *p,
    const struct texc_found *f)
{
	if (!texc_eap_all_go(doc, p, f->path, 2))
		return 2;
	return texc_eap_all_go(doc, p, f->path, 1) ? 0 : 1;
}

/* Is this removal (path[0..depth]) already planned? */
static int
texc_planned(const struct texc_plan *p, char *const *path, size_t depth)
{
	size_t	i, k;

	for (i = 0; i < p->nedits; i++) {
		if (p->edits[i].depth != depth)
			continue;
		for (k = 0; k <= depth && strcmp(p->edits[i].path[k],
		    path[k]) == 0; k++)
			;
		if (k > depth)
			return 1;
	}
	return 0;
}

static int
texc_plan(const struct plist_doc *doc, const char *target,
    struct texc_plan *p, struct hs_error *err)
{
	struct texc_found	*f;
	size_t			 i, depth;

	if (texc_find_all(doc, &p->found, &p->nfound, err) != HS_OK)
		return HS_ENOMEM;
	if ((p->matched = calloc(p->nfound + 1, sizeof *p->matched)) == NULL ||
	    (p->skipped = calloc(p->nfound + 1, sizeof *p->skipped)) == NULL)
		return hs_error_set(err, HS_ENOMEM, "out of memory");
	for (i = 0; i < p->nfound; i++) {
		if (!texc_matches(&p->found[i], target))
			continue;
		if (p->found[i].in_array || p->found[i].depth == 0)
			p->skipped[p->nskipped++] = i;
		else
			p->matched[p->nmatched++] = i;
	}
	for (i = 0; i < p->nmatched; i++) {
		f = &p->found[p->matched[i]];
		depth = f->layout == TEXC_LAYOUT_EAP ?
		    texc_eap_depth(doc, p, f) : f->remove_at;
		if (texc_planned(p, f->path, depth))
			continue;
		if (texc_plan_edit(p, f->path, depth) != HS_OK)
			return hs_error_set(err, HS_ENOMEM, "out of memory");
	}
	return HS_OK;
}

void
texc_plan_free(struct texc_plan *p)
{
	if (p == NULL)
		return;
	texc_found_free(p->found, p->nfound);
	free(p->matched);
	free(p->skipped);
	free(p->edits);
	free(p);
}

struct texc_txn {
	const char		*target;
	struct texc_plan	*plan;
};

static int
texc_txn_plan(void *arg, const struct plist_doc *doc,
    const struct plist_edit **edits, size_t *n, struct hs_error *err)
{
	struct texc_txn	*t = arg;
	int		 r;

	texc_plan_free(t->plan);
	if ((t->plan = calloc(1, sizeof *t->plan)) == NULL)
		return hs_error_set(err, HS_ENOMEM, "out of memory");
	r = texc_plan(doc, t->target, t->plan, err);
	*edits = t->plan->edits;
	*n = t->plan->nedits;
	return r;
}

/* Exactly the matched blobs are gone, and no other. */
static int
texc_txn_verify(void *arg, const struct plist_doc *doc, struct hs_error *err)
{
	struct texc_txn		*t = arg;
	struct texc_found	*f;
	size_t			 n, i, left = 0;
	int			 r;

	if ((r = texc_find_all(doc, &f, &n, err)) != HS_OK)
		return r;
	for (i = 0; i < n; i++)
		left += texc_matches(&f[i], t->target) && !f[i].in_array;
	r = n + t->plan->nmatched == t->plan->nfound && left == 0;
	texc_found_free(f, n);
	if (!r)
		return hs_error_set(err, HS_EFORMAT, "internal error: the "
		    "edited store does not hold what was planned; nothing "
		    "written");
	return HS_OK;
}

int
texc_remove(const char *path, const char *target, int flags,
    struct texc_plan **out, struct hs_error *err)
{
	struct texc_txn		t = { target, NULL };
	struct plist_txn	txn = { texc_txn_plan, texc_txn_verify, &t };
	int			r;

	r = plist_txn_run(path, &txn, flags, err);
	*out = t.plan;
	return r;
}
