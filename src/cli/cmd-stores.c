/* cmd-stores.c: "hstsctl stores", every HSTS store found in a home. */
#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "stores/discover.h"
#include "util/cftime.h"

enum { OPT_JSON = 0x300 };

static const struct option stores_options[] = {
	{ "json", no_argument, NULL, OPT_JSON },
	{ NULL, 0, NULL, 0 }
};

/* What one store holds, beyond what reading it says. */
struct stores_row {
	const struct cli_store	*c;
	struct stat		 st;
	int			 stat_ok;
	size_t			 preloaded;
};

static int
stores_option(void *arg, int ch, const char *val)
{
	(void)ch, (void)val;
	*(int *)arg = 1;
	return -1;
}

static void
stores_text(const struct stores_row *r, size_t n)
{
	char		 hold[600], when[64], path[CLI_SAFE_MAX];
	char		 who[CLI_SAFE_MAX];
	const struct cli_store *c;
	size_t		 i;

	for (i = 0; i < n; i++) {
		c = r[i].c;
		printf("%s%s\n", i ? "\n" : "", cli_store_label(c, who,
		    sizeof who));
		if (c->f.profile != NULL && c->f.kind != STORE_SAFARI_PROFILE)
			printf("    profile   %s\n", cli_safe(c->f.profile,
			    who, sizeof who));
		printf("    path      %s\n", cli_safe(c->f.path, path,
		    sizeof path));
		if (c->st != NULL)
			printf("    entries   %zu (%zu learnt, %zu preloaded)\n"
			    "    format    %s, %jd bytes, modified %s\n",
			    c->st->nentries, c->st->nentries - r[i].preloaded,
			    r[i].preloaded, hsts_store_format(c->st), (intmax_t)r[i].st.st_size,
			    cli_time(hs_cftime_from_unix(
			    (double)r[i].st.st_mtime), r[i].stat_ok, when,
			    sizeof when));
		else
			printf("    cannot be read: %s%s\n", cli_safe(c->err.msg,
			    path, sizeof path), cli_fda_hint(&c->err));
		printf("    held by   %s%s\n", hold_text(&c->f, hold,
		    sizeof hold), c->f.kind == STORE_FILE ? "" :
		    " (stop before an edit)");
		printf("    Safari    %s\n", store_safari_reads(&c->f) ?
		    "reads this store" : "does not read this store");
	}
}

static json_object *
stores_item(void *arg, size_t i)
{
	const struct stores_row	*r = (const struct stores_row *)arg + i;
	json_object		*o = cli_store_json(r->c);
	const struct hsts_store	*st = r->c->st;

	json_object_object_add(o, "entries", st ?
	    json_object_new_int64((int64_t)st->nentries) : NULL);
	json_object_object_add(o, "dynamic", st ? json_object_new_int64(
	    (int64_t)(st->nentries - r->preloaded)) : NULL);
	json_object_object_add(o, "preloaded", st ?
	    json_object_new_int64((int64_t)r->preloaded) : NULL);
	json_object_object_add(o, "size", r->stat_ok ?
	    json_object_new_int64((int64_t)r->st.st_size) : NULL);
	cli_json_time(o, "modified", hs_cftime_from_unix(
	    (double)r->st.st_mtime), r->stat_ok);
	return o;
}

static int
cmd_stores_exec(struct cli *cli, int argc, char **argv)
{
	struct cli_scope	 s = { 0 };
	struct stores_row	*rows = NULL;
	json_object		*head;
	size_t			 i, k;
	int			 r, json = 0;

	r = args_parse(cli, &cmd_stores_entry, argc, argv, stores_options,
	    stores_option, &json);
	if (r >= 0)
		return r;
	if (optind < argc)
		return args_misuse(&cmd_stores_entry, "unexpected argument "
		    "'%s'", argv[optind]);
	if ((r = cli_scope_get(cli, CLI_SCOPE_ANY, &s)) != EXIT_OK)
		goto done;
	/* Each store's failure is part of the listing, not an error. */
	for (i = 0; i < s.n; i++)
		if (store_read(s.v[i].f.path, &s.v[i].st, &s.v[i].err) != HS_OK)
			s.v[i].code = cli_exit_code(&s.v[i].err);
	if ((rows = calloc(s.n + 1, sizeof *rows)) == NULL) {
		r = EXIT_ERROR;
		goto done;
	}
	for (i = 0; i < s.n; i++) {
		rows[i].c = &s.v[i];
		rows[i].stat_ok = stat(s.v[i].f.path, &rows[i].st) == 0;
		for (k = 0; s.v[i].st && k < s.v[i].st->nentries; k++)
			rows[i].preloaded += hsts_entry_preloaded(
			    &s.v[i].st->entries[k]) != 0;
	}
	if (json) {
		head = json_object_new_object();
		json_object_object_add(head, "home", s.home ?
		    json_object_new_string(s.home) : NULL);
		cli_print_json(head, "stores", s.n, stores_item, rows);
		json_object_put(head);
	} else
		stores_text(rows, s.n);
	if (s.n == 0)
		fprintf(stderr, "hstsctl: no HSTS store under %s\n", s.home);
	r = s.n > 0 ? EXIT_OK : EXIT_NOTFOUND;
done:
	free(rows);
	cli_scope_free(&s);
	return cli_finish(r);
}

const struct cmd_entry cmd_stores_entry = {
	"stores",
	"[--json]",
	"List every HSTS store in a home directory: Safari's (in its sandbox\n"
	    "container since Safari 13), Safari profiles', other WebKit apps',\n"
	    "CFNetwork's shared store and apps' own; what each holds, and which\n"
	    "process keeps it in memory.",
	"  --json         one JSON document (schema in hstsctl(1))\n",
	cmd_stores_exec
};
