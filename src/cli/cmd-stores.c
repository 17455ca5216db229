/* cmd-stores.c: "hstsctl stores", every HSTS store found in a home. */
#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "stores/discover.h"
#include "util/cftime.h"

enum { OPT_JSON = 0x300, OPT_HOME };

static const struct option stores_options[] = {
	{ "json", no_argument, NULL, OPT_JSON },
	{ "home", required_argument, NULL, OPT_HOME },
	{ NULL, 0, NULL, 0 }
};

struct stores_opts {
	int		 json;
	const char	*home;
};

/* What one store holds, or why it cannot be read. */
struct stores_row {
	const struct store_found	*f;
	struct stat			 st;
	int				 stat_ok;
	const char			*format;
	size_t				 entries;
	size_t				 preloaded;
	int				 readable;
	char				 why[600];
};

static int
stores_option(void *arg, int ch, const char *val)
{
	struct stores_opts	*o = arg;

	if (ch == OPT_JSON)
		o->json = 1;
	else
		o->home = val;
	return -1;
}

/* --home, HSTSCTL_HOME, HOME, or the password entry's; NULL: none. */
static const char *
stores_home(const struct stores_opts *o)
{
	const struct passwd	*pw;
	const char		*h;

	if (o->home != NULL)
		return o->home;
	if ((h = getenv("HSTSCTL_HOME")) != NULL && *h != '\0')
		return h;
	if ((h = getenv("HOME")) != NULL && *h != '\0')
		return h;
	return (pw = getpwuid(getuid())) != NULL ? pw->pw_dir : NULL;
}

static void
stores_read(struct stores_row *row)
{
	struct hsts_store	*st;
	struct hs_error		 err;
	char			 where[64];
	size_t			 i;

	row->stat_ok = stat(row->f->path, &row->st) == 0;
	hs_error_init(&err);
	if (hsts_store_read(row->f->path, &st, &err) != HS_OK) {
		hs_error_where(&err, where, sizeof where);
		snprintf(row->why, sizeof row->why, "%s%s%s", err.msg, where,
#ifdef __APPLE__
		    strstr(err.msg, "ermission") || strstr(err.msg,
		    "not permitted") ? "; give the terminal Full Disk Access "
		    "(System Settings > Privacy & Security)" :
#endif
		    "");
		return;
	}
	row->readable = 1;
	row->format = plist_format_name(st->doc->format);
	row->entries = st->nentries;
	for (i = 0; i < st->nentries; i++)
		row->preloaded += hsts_entry_preloaded(&st->entries[i]) != 0;
	hsts_store_free(st);
}

static void
stores_text(const struct stores_row *r, size_t n, const char *home)
{
	char		 hold[600], when[64], path[CLI_SAFE_MAX];
	char		 who[CLI_SAFE_MAX];
	const char	*owner;
	size_t		 i;

	if (n == 0)
		fprintf(stderr, "hstsctl: no HSTS store under %s\n", home);
	for (i = 0; i < n; i++) {
		/* "Safari" says whose it is; the others name the app. */
		owner = r[i].f->kind == STORE_SAFARI || r[i].f->kind ==
		    STORE_SAFARI_PROFILE ? NULL : r[i].f->owner;
		printf("%s%s%s%s\n", i ? "\n" : "",
		    store_kind_name(r[i].f->kind), owner ? " " : "",
		    owner ? cli_safe(owner, who, sizeof who) : "");
		if (r[i].f->profile != NULL)
			printf("    profile   %s\n", cli_safe(r[i].f->profile,
			    who, sizeof who));
		printf("    path      %s\n", cli_safe(r[i].f->path, path,
		    sizeof path));
		if (r[i].readable)
			printf("    entries   %zu (%zu learnt, %zu preloaded)\n"
			    "    format    %s, %jd bytes, modified %s\n",
			    r[i].entries, r[i].entries - r[i].preloaded,
			    r[i].preloaded, r[i].format,
			    (intmax_t)r[i].st.st_size, cli_time(
			    hs_cftime_from_unix((double)r[i].st.st_mtime),
			    r[i].stat_ok, when, sizeof when));
		else
			printf("    cannot be read: %s\n", cli_safe(r[i].why,
			    path, sizeof path));
		printf("    held by   %s (stop before an edit)\n",
		    store_holder(r[i].f, hold, sizeof hold));
	}
}

static json_object *
stores_item(void *arg, size_t i)
{
	const struct stores_row	*r = (const struct stores_row *)arg + i;
	json_object		*o = json_object_new_object();
	char			 hold[600];

	json_object_object_add(o, "kind", json_object_new_string(
	    store_kind_id(r->f->kind)));
	json_object_object_add(o, "description", json_object_new_string(
	    store_kind_name(r->f->kind)));
	json_object_object_add(o, "owner", r->f->owner ?
	    json_object_new_string(r->f->owner) : NULL);
	json_object_object_add(o, "profile", r->f->profile ?
	    json_object_new_string(r->f->profile) : NULL);
	json_object_object_add(o, "path", json_object_new_string(r->f->path));
	json_object_object_add(o, "readable",
	    json_object_new_boolean(r->readable));
	json_object_object_add(o, "error", r->readable ? NULL :
	    json_object_new_string(r->why));
	json_object_object_add(o, "format", r->readable ?
	    json_object_new_string(r->format) : NULL);
	json_object_object_add(o, "entries", r->readable ?
	    json_object_new_int64((int64_t)r->entries) : NULL);
	json_object_object_add(o, "dynamic", r->readable ?
	    json_object_new_int64((int64_t)(r->entries - r->preloaded)) :
	    NULL);
	json_object_object_add(o, "preloaded", r->readable ?
	    json_object_new_int64((int64_t)r->preloaded) : NULL);
	json_object_object_add(o, "size", r->stat_ok ?
	    json_object_new_int64((int64_t)r->st.st_size) : NULL);
	cli_json_time(o, "modified", hs_cftime_from_unix(
	    (double)r->st.st_mtime), r->stat_ok);
	json_object_object_add(o, "held_by", json_object_new_string(
	    store_holder(r->f, hold, sizeof hold)));
	return o;
}

static int
cmd_stores_exec(struct cli *cli, int argc, char **argv)
{
	struct stores_opts	 o = { 0, NULL };
	struct store_found	*f = NULL;
	struct stores_row	*rows = NULL;
	struct hs_error		 err;
	json_object		*head;
	const char		*home;
	size_t			 n = 0, i;
	int			 r;

	r = args_parse(cli, &cmd_stores_entry, argc, argv, stores_options,
	    stores_option, &o);
	if (r >= 0)
		return r;
	if (optind < argc)
		return args_misuse(&cmd_stores_entry, "unexpected argument "
		    "'%s'", argv[optind]);
	if ((home = stores_home(&o)) == NULL)
		return args_misuse(&cmd_stores_entry, "no home directory is "
		    "known: pass --home DIR");
	hs_error_init(&err);
	if (store_discover(home, &f, &n, &err) != HS_OK) {
		cli_error(NULL, &err);
		return cli_exit_code(&err);
	}
	if ((rows = calloc(n ? n : 1, sizeof *rows)) == NULL) {
		store_found_free(f, n);
		fprintf(stderr, "hstsctl: out of memory\n");
		return EXIT_ERROR;
	}
	for (i = 0; i < n; i++) {
		rows[i].f = &f[i];
		stores_read(&rows[i]);
	}
	if (o.json) {
		head = json_object_new_object();
		json_object_object_add(head, "home",
		    json_object_new_string(home));
		cli_print_json(head, "stores", n, stores_item, rows);
		json_object_put(head);
	} else
		stores_text(rows, n, home);
	free(rows);
	store_found_free(f, n);
	return cli_finish(n > 0 ? EXIT_OK : EXIT_NOTFOUND);
}

const struct cmd_entry cmd_stores_entry = {
	"stores",
	"[--home DIR] [--json]",
	"List every HSTS store in a home directory: Safari's (in its sandbox\n"
	    "container since Safari 13), Safari profiles', other WebKit apps',\n"
	    "CFNetwork's shared store and apps' own; what each holds, and which\n"
	    "process keeps it in memory.",
	"  --home DIR     the home to look in (default: $HSTSCTL_HOME, then "
	    "$HOME)\n"
	"  --json         print JSON\n",
	cmd_stores_exec
};
