/*
 * cmd-undo.c: "hstsctl undo", the files as they were before the last
 * edit, from the copies every edit keeps (util/undo.h).  An undo is an
 * edit like any other: atomic, and itself undone by the next undo.
 */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "util/file.h"
#include "util/undo.h"

static const struct option undo_options[] = {
	CLI_EDIT_OPTIONS,
	{ NULL, 0, NULL, 0 }
};

static int
undo_option(void *arg, int ch, const char *val)
{
	(void)val;
	cli_edit_option(arg, ch);
	return -1;
}

/* The plan of an undo: the copy, whatever the file holds now. */
struct undo_put {
	const char	*copy;
	size_t		 len;
};

static int
undo_plan(void *arg, const char *buf, size_t len, char **out,
    size_t *outlen, struct hs_error *err)
{
	struct undo_put	*u = arg;

	*out = NULL;
	if (len == u->len && memcmp(buf, u->copy, len) == 0)
		return HS_OK;		/* as it was already */
	if ((*out = malloc(u->len + 1)) == NULL)
		return hs_error_set(err, HS_ENOMEM, "out of memory");
	memcpy(*out, u->copy, u->len);
	(*out)[u->len] = '\0';
	*outlen = u->len;
	return HS_OK;
}

static int
undo_verify(void *arg, const char *buf, size_t len, struct hs_error *err)
{
	struct undo_put	*u = arg;

	(void)err;
	return len == u->len && memcmp(buf, u->copy, len) == 0 ? HS_OK :
	    hs_error_set(err, HS_EFORMAT, "internal error: not the copy");
}

/* Put one file back; an exit code. */
static int
undo_one(const struct hs_undo_entry *e, const struct cli_edit_opts *o,
    json_object *done)
{
	struct undo_put		 u;
	struct hs_file_edit	 fe = { undo_plan, undo_verify, &u,
	    PLIST_MAX_FILE_SIZE };
	struct hs_error		 err;
	struct stat		 st;
	char			*copy;
	int			 r;

	hs_error_init(&err);
	if (hs_file_read(e->data, PLIST_MAX_FILE_SIZE, &copy, &u.len, &st,
	    &err) != HS_OK) {
		cli_error(e->data, &err);
		return cli_exit_code(&err);
	}
	u.copy = copy;
	if (done != NULL) {
		json_object *j = json_object_new_object();

		json_object_object_add(j, "path", json_object_new_string(
		    e->path));
		json_object_object_add(j, "edit", json_object_new_string(
		    e->run));
		json_object_array_add(done, j);
	}
	if (o->dry_run && done == NULL)
		printf("would put back %s as it was before the edit of %s\n",
		    e->path, e->run);
	if (o->dry_run)
		;
	else if ((r = hs_file_edit(e->path, &fe, 0, &err)) != HS_OK) {
		free(copy);
		return cli_edit_error(e->path, &err);
	} else if (!o->quiet && done == NULL)
		fprintf(stderr, "hstsctl: %s: put back as it was before the "
		    "edit of %s\n", e->path, e->run);
	free(copy);
	return EXIT_OK;
}

static int
cmd_undo_exec(struct cli *cli, int argc, char **argv)
{
	struct cli_edit_opts	 o = { 0, 0, 0, 0, 0, 0, NULL };
	struct hs_undo_entry	*v = NULL, *more;
	struct cli_scope	 s = { 0 };
	struct hold_set		 h;
	struct hs_error		 err;
	json_object		*done = NULL, *doc;
	char			 real[PATH_MAX], dir[PATH_MAX];
	size_t			 n = 0, k, i;
	int			 r, c;

	r = args_parse(cli, &cmd_undo_entry, argc, argv, undo_options,
	    undo_option, &o);
	if (r >= 0)
		return r;
	if (optind < argc || cli->home != NULL)
		return args_misuse(&cmd_undo_entry, optind < argc ?
		    "unexpected argument '%s'" : "undo puts back the files the "
		    "last edit changed; --home does not apply", argv[optind]);
	hs_error_init(&err);
	for (i = 0; r < 0 && i < (cli->nstores ? cli->nstores : 1); i++) {
		if (cli->nstores && realpath(cli->stores[i], real) == NULL)
			snprintf(real, sizeof real, "%s", cli->stores[i]);
		if (hs_undo_last(cli->nstores ? real : NULL, &more, &k, &err) !=
		    HS_OK) {
			cli_error(NULL, &err);
			free(v);
			return cli_exit_code(&err);
		}
		if (k > 0 && (v = realloc(v, (n + k) * sizeof *v)) != NULL)
			memcpy(v + n, more, k * sizeof *v), n += k;
		free(more);
	}
	if (n == 0) {
		if (hs_undo_dir(dir, sizeof dir) != 0)
			snprintf(dir, sizeof dir, "(none)");
		fprintf(stderr, "hstsctl: nothing to undo: no copy kept in %s%s"
		    "\n", dir, cli->nstores ? " for that store" : "");
		free(v);
		return EXIT_NOTFOUND;
	}
	/* Its holders must not run: the same stops as for any edit. */
	for (i = 0; i < n && i < CLI_MAX_STORES; i++)
		cli->stores[i] = v[i].path;
	cli->nstores = n < CLI_MAX_STORES ? n : CLI_MAX_STORES;
	r = cli_scope_get(cli, CLI_SCOPE_ANY, &s);
	if (r == EXIT_OK && !o.dry_run)
		r = cli_holders(&s, &o, NULL, &h);
	if (o.json)
		done = json_object_new_array();
	for (i = 0; r == EXIT_OK && i < n; i++)
		if ((c = undo_one(&v[i], &o, done)) != EXIT_OK)
			r = c;
	if (o.json && r == EXIT_OK) {
		doc = json_object_new_object();
		json_object_object_add(doc, "dry_run",
		    json_object_new_boolean(o.dry_run));
		json_object_object_add(doc, "restored", json_object_get(done));
		cli_print_json_object(doc);
		json_object_put(doc);
	}
	json_object_put(done);
	if (!o.dry_run && s.n > 0)
		cli_holders_restart(&h);
	cli_scope_free(&s);
	free(v);
	return cli_finish(r);
}

const struct cmd_entry cmd_undo_entry = {
	"undo",
	"[--dry-run] [--quiet] [--stop] [--force] [--json]",
	"Put back the files the last edit changed (remove, add, prune, doctor "
	    "--fix, trust or exception remove, or undo) as they were before "
	    "it, from the copies every edit keeps; --store FILE: that file's "
	    "last edit only.  The undo is itself an edit, which the next undo "
	    "undoes.  Exit 3 when there is nothing to undo.",
	"  -n, --dry-run  say what would be put back; write nothing\n"
	"  -q, --quiet    do not report each file on stderr\n"
	"  --stop, --force  as for remove\n"
	"  --json         what was put back, as JSON (doc/json.md)\n",
	cmd_undo_exec
};
