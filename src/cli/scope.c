/*
 * scope.c: the stores a command acts on.  --store FILE (repeatable) or
 * HSTSCTL_STORE names them; else every store found in the home (--home,
 * HSTSCTL_HOME, HOME, the password entry).  A store that cannot be read
 * is named with its error and the others are used all the same.
 */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

const char *
cli_home(const struct cli *cli)
{
	const struct passwd	*pw;
	const char		*h;

	if (cli->home != NULL)
		return cli->home;
	if ((h = getenv("HSTSCTL_HOME")) != NULL && *h != '\0')
		return h;
	if ((h = getenv("HOME")) != NULL && *h != '\0')
		return h;
	return (pw = getpwuid(getuid())) != NULL ? pw->pw_dir : NULL;
}

/* Add the store at path, classified by its path. */
static int
scope_add(struct cli_scope *s, const char *path)
{
	struct cli_store	*v;
	struct hs_error		 err;

	if ((v = realloc(s->v, (s->n + 1) * sizeof *v)) == NULL)
		return -1;
	s->v = v;
	v = &s->v[s->n];
	memset(v, 0, sizeof *v);
	hs_error_init(&err);
	if (store_classify(path, &v->f, &err) != HS_OK)
		return -1;
	hs_error_init(&v->err);
	s->n++;
	return 0;
}

/* The stores found under the home. */
static int
scope_discover(struct cli_scope *s, int mode)
{
	struct store_found	*f = NULL;
	struct hs_error		 err;
	size_t			 n = 0, i;

	if ((s->home = cli_home(s->cli)) == NULL) {
		fprintf(stderr, "hstsctl: no home directory is known: pass "
		    "--home DIR or --store FILE\n");
		return EXIT_USAGE;
	}
	hs_error_init(&err);
	if (store_discover(s->home, &f, &n, &err) != HS_OK) {
		cli_error(NULL, &err);
		return cli_exit_code(&err);
	}
	if (n > 0 && (s->v = calloc(n, sizeof *s->v)) == NULL) {
		store_found_free(f, n);
		return EXIT_ERROR;
	}
	for (i = 0; i < n; i++) {
		s->v[s->n].f = f[i];
		hs_error_init(&s->v[s->n++].err);
		memset(&f[i], 0, sizeof f[i]);
	}
	store_found_free(f, n);
	if (s->n == 0 && mode == CLI_SCOPE_SOME) {
		fprintf(stderr, "hstsctl: no HSTS store under %s (hstsctl "
		    "looks where Safari, WebKit apps and CFNetwork\nhstsctl: "
		    "keep them; see 'hstsctl stores'): pass --store FILE, or "
		    "--home DIR\n", s->home);
		return EXIT_ERROR;
	}
	return EXIT_OK;
}

int
cli_scope_get(struct cli *cli, int mode, struct cli_scope *s)
{
	const char	*env = getenv("HSTSCTL_STORE");
	char		*path;
	size_t		 i;

	memset(s, 0, sizeof *s);
	s->cli = cli;
	if (cli->nstores == 0 && env != NULL && *env != '\0') {
		cli->stores[0] = env;
		cli->nstores = 1;
	}
	if (cli->nstores > 0) {
		s->named = 1;
		if (mode == CLI_SCOPE_ONE && cli->nstores > 1) {
			fprintf(stderr, "hstsctl: this command writes one "
			    "store: give --store once\n");
			return EXIT_USAGE;
		}
		for (i = 0; i < cli->nstores; i++)
			if (scope_add(s, cli->stores[i]) == -1)
				return EXIT_ERROR;
		return EXIT_OK;
	}
	if (mode != CLI_SCOPE_ONE)
		return scope_discover(s, mode);
	/* One store and none named: Safari's own. */
	if ((s->home = cli_home(cli)) == NULL) {
		fprintf(stderr, "hstsctl: no home directory is known: pass "
		    "--home DIR or --store FILE\n");
		return EXIT_USAGE;
	}
	if (asprintf(&path, "%s/%s", s->home, HSTS_SAFARI_STORE) == -1)
		return EXIT_ERROR;
	i = scope_add(s, path) == -1;
	free(path);
	return i ? EXIT_ERROR : EXIT_OK;
}

/* Print why a store cannot be read; returns its exit code. */
static int
scope_failed(const struct cli_scope *s, struct cli_store *c)
{
	char	where[64];

	c->code = cli_exit_code(&c->err);
	hs_error_where(&c->err, where, sizeof where);
	if (c->err.code == HS_ENOENT && !s->named && c->f.kind ==
	    STORE_SAFARI)
		fprintf(stderr, "hstsctl: %s: no Safari store here yet "
		    "(Safari makes it on first use); pass --store FILE\n",
		    c->f.path);
	else
		fprintf(stderr, "hstsctl: %s: %s%s%s\n", c->f.path, c->err.msg,
		    where, cli_fda_hint(&c->err));
	return c->code;
}

int
cli_scope_read(struct cli_scope *s)
{
	size_t	i;
	int	code = EXIT_OK, r;

	free(s->read);
	s->nread = 0;
	if ((s->read = calloc(s->n + 1, sizeof *s->read)) == NULL)
		return EXIT_ERROR;
	for (i = 0; i < s->n; i++) {
		if (store_read(s->v[i].f.path, &s->v[i].st, &s->v[i].err) !=
		    HS_OK) {
			r = scope_failed(s, &s->v[i]);
			code = code ? code : r;
		} else {
			cli_warnings(s->v[i].st);
			s->read[s->nread++] = s->v[i].st;
		}
	}
	return code;
}

void
cli_scope_name(struct cli_scope *s, const char *host)
{
	size_t	i;

	for (i = 0; i < s->nread; i++)
		hsts_store_name((struct hsts_store *)s->read[i], host);
}

void
cli_scope_name_all(struct cli_scope *s)
{
	size_t	i, k, j;

	for (i = 0; i < s->nread; i++) {
		if (!s->read[i]->hashed)
			continue;
		/* The names the other stores hold. */
		for (k = 0; k < s->nread; k++)
			for (j = 0; !s->read[k]->hashed &&
			    j < s->read[k]->nentries; j++)
				hsts_store_name((struct hsts_store *)s->read[i],
				    s->read[k]->entries[j].norm);
	}
}

int
cli_scope_code(const struct cli_scope *s)
{
	size_t	i;

	for (i = 0; i < s->n; i++)
		if (s->v[i].code != EXIT_OK)
			return s->v[i].code;
	return EXIT_OK;
}

int
cli_scope_report(const struct cli_scope *s, struct cli_store *c)
{
	return scope_failed(s, c);
}

void
cli_scope_free(struct cli_scope *s)
{
	size_t	i;

	for (i = 0; i < s->n; i++) {
		store_found_clear(&s->v[i].f);
		hsts_store_free(s->v[i].st);
	}
	free(s->read);
	free(s->v);
	memset(s, 0, sizeof *s);
}

int
cli_scope_grouped(const struct cli_scope *s)
{
	return !(s->named && s->n == 1);
}

const char *
cli_store_label(const struct cli_store *c, char *buf, size_t len)
{
	char	own[CLI_SAFE_MAX];

	char	prof[CLI_SAFE_MAX];

	if (c->f.kind == STORE_SAFARI || c->f.kind == STORE_CFNETWORK ||
	    c->f.kind == STORE_FILE || c->f.kind == STORE_WGET ||
	    c->f.owner == NULL)
		snprintf(buf, len, "%s", store_kind_name(c->f.kind));
	else if (c->f.kind == STORE_SAFARI_PROFILE)
		snprintf(buf, len, "Safari profile %s", cli_safe(c->f.profile ?
		    c->f.profile : "", own, sizeof own));
	else if (c->f.kind == STORE_ELECTRON)
		snprintf(buf, len, "%s", cli_safe(c->f.owner, own, sizeof own));
	else if (c->f.kind == STORE_CHROMIUM || c->f.kind == STORE_FIREFOX)
		snprintf(buf, len, "%s profile %s", cli_safe(c->f.owner, own,
		    sizeof own), cli_safe(c->f.profile ? c->f.profile : "?",
		    prof, sizeof prof));
	else
		snprintf(buf, len, "%s %s", store_kind_name(c->f.kind),
		    cli_safe(c->f.owner, own, sizeof own));
	return buf;
}

void
cli_scope_heading(FILE *f, const struct cli_scope *s, size_t i)
{
	char	label[CLI_SAFE_MAX], path[CLI_SAFE_MAX];

	fprintf(f, "%s%s: %s\n", i ? "\n" : "", cli_store_label(&s->v[i],
	    label, sizeof label), cli_safe(s->v[i].f.path, path, sizeof path));
}

json_object *
cli_store_json(const struct cli_store *c)
{
	const struct hsts_store	*st = c->st;
	json_object		*o = json_object_new_object(), *a = NULL;
	char			 hold[600];
	size_t			 i;

	json_object_object_add(o, "path", json_object_new_string(c->f.path));
	json_object_object_add(o, "kind", json_object_new_string(
	    store_kind_id(c->f.kind)));
	json_object_object_add(o, "description", json_object_new_string(
	    store_kind_name(c->f.kind)));
	json_object_object_add(o, "owner", c->f.owner ?
	    json_object_new_string(c->f.owner) : NULL);
	json_object_object_add(o, "profile", c->f.profile ?
	    json_object_new_string(c->f.profile) : NULL);
	json_object_object_add(o, "safari_reads", json_object_new_boolean(
	    store_safari_reads(&c->f)));
	json_object_object_add(o, "held_by", c->f.kind == STORE_FILE ? NULL :
	    json_object_new_string(hold_text(&c->f, hold, sizeof hold)));
	json_object_object_add(o, "readable", json_object_new_boolean(
	    st != NULL));
	json_object_object_add(o, "error", st ? NULL :
	    json_object_new_string(c->err.msg));
	json_object_object_add(o, "format", st ? json_object_new_string(
	    hsts_store_format(st)) : NULL);
	json_object_object_add(o, "schema", st && st->schema ?
	    json_object_new_int64(st->schema) : NULL);
	json_object_object_add(o, "content_version", st &&
	    st->content_version >= 0 ?
	    json_object_new_int64(st->content_version) : NULL);
	if (st != NULL) {
		a = json_object_new_array();
		for (i = 0; i < st->nsessions; i++)
			if (st->sessions[i][0] != '\0')
				json_object_array_add(a,
				    json_object_new_string(st->sessions[i]));
	}
	json_object_object_add(o, "sessions", a);
	return o;
}

const char *
cli_scope_kind(const struct cli_scope *s, const struct hsts_store *st)
{
	size_t	i;

	for (i = 0; i < s->n; i++)
		if (s->v[i].st == st)
			return store_kind_id(s->v[i].f.kind);
	return store_kind_id(STORE_FILE);
}

json_object *
cli_scope_json(const struct cli_scope *s)
{
	json_object	*a = json_object_new_array();
	size_t		 i;

	for (i = 0; i < s->n; i++)
		json_object_array_add(a, cli_store_json(&s->v[i]));
	return a;
}
