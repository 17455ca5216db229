/* cmd-show.c: "hstsctl show HOST", which entries force HTTPS on HOST. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "hsts/host.h"
#include "util/cftime.h"

struct show_opts {
	int	json;
};

enum { OPT_JSON = 0x200 };

static const struct option show_options[] = {
	{ "json", no_argument, NULL, OPT_JSON },
	{ NULL, 0, NULL, 0 }
};

static int
show_option(void *arg, int ch, const char *val)
{
	((struct show_opts *)arg)->json = 1;
	return -1;
}

/* The sentence that says why; caller frees. */
static char *
show_reason(const struct hsts_entry *e, const char *host, double now)
{
	char	 when[64], *s = NULL;
	int	 self = strcmp(e->norm, host) == 0;

	hs_cftime_format(e->expiry, when, sizeof when);
	if (e->expiry_kind == HSTS_EXPIRY_UNKNOWN)
		asprintf(&s, "%s has an entry whose expiry cannot be read, so "
		    "hstsctl cannot tell whether it forces HTTPS on %s.",
		    e->host, host);
	else if (!self && !e->include_subdomains)
		asprintf(&s, "%s has an entry, but it does not include "
		    "subdomains, so it does not affect %s.", e->host, host);
	else if (hsts_entry_expired(e, now))
		asprintf(&s, "%s%s expired on %s; it no longer forces HTTPS "
		    "on %s.", self ? "The entry for " : "", e->host, when,
		    host);
	else if (self && hsts_entry_preloaded(e))
		asprintf(&s, "%s is forced to HTTPS by its own preloaded "
		    "entry, which never expires (Safari restores preloaded "
		    "entries from its built-in list).", host);
	else if (self)
		asprintf(&s, "%s is forced to HTTPS by its own entry until "
		    "%s.", host, when);
	else if (hsts_entry_preloaded(e))
		asprintf(&s, "%s is forced to HTTPS by %s, a preloaded entry "
		    "that includes subdomains and never expires.", host,
		    e->host);
	else
		asprintf(&s, "%s is forced to HTTPS by %s, which includes "
		    "subdomains, until %s.", host, e->host, when);
	return s;
}

struct show_json {
	const struct hsts_store	 *st;
	struct hsts_entry	**v;
	const char		 *host;
	double			  now;
};

static json_object *
show_json_item(void *arg, size_t i)
{
	struct show_json	*s = arg;
	json_object		*e = cli_entry_json(s->st, s->v[i], s->now);
	char			*why;

	json_object_object_add(e, "relation", json_object_new_string(
	    strcmp(s->v[i]->norm, s->host) == 0 ? "self" : "parent"));
	json_object_object_add(e, "applies",
	    json_object_new_boolean(hsts_entry_applies(s->v[i], s->host, s->now)));
	why = show_reason(s->v[i], s->host, s->now);
	json_object_object_add(e, "reason",
	    json_object_new_string(why ? why : ""));
	free(why);
	return e;
}

static void
show_json(const struct hsts_store *st, const char *query, const char *host,
    struct hsts_entry **v, size_t n, double now, int forced)
{
	struct show_json	 s = { st, v, host, now };
	json_object		*head = json_object_new_object();

	json_object_object_add(head, "query", json_object_new_string(query));
	json_object_object_add(head, "host", json_object_new_string(host));
	json_object_object_add(head, "forced_https",
	    json_object_new_boolean(forced));
	cli_print_json(head, "entries", n, show_json_item, &s);
	json_object_put(head);
}

static void
show_text(const struct hsts_store *st, const char *host,
    struct hsts_entry **v, size_t n, double now, int forced)
{
	char	*why, a[CLI_SAFE_MAX], b[CLI_SAFE_MAX];
	size_t	 i;

	if (n == 0) {
		printf("No HSTS entry forces HTTPS on %s.\n", host);
		return;
	}
	cli_print_table(stdout, st, v, n);
	putchar('\n');
	for (i = 0; i < n; i++) {
		if ((why = show_reason(v[i], host, now)) == NULL)
			continue;
		if (st->nsessions > 1)
			printf("%s (session %s)\n", cli_safe(why, a, sizeof a),
			    cli_safe(v[i]->session, b, sizeof b));
		else
			printf("%s\n", cli_safe(why, a, sizeof a));
		free(why);
	}
	if (!forced)
		printf("Nothing forces HTTPS on %s.\n", host);
}

static int
cmd_show_exec(struct cli *cli, int argc, char **argv)
{
	struct show_opts	  o = { 0 };
	struct hsts_store	 *st;
	struct hsts_entry	**v;
	struct hs_error		  err;
	char			 *host;
	size_t			  i, n;
	int			  r, forced = 0;

	r = args_parse(cli, &cmd_show_entry, argc, argv, show_options,
	    show_option, &o);
	if (r >= 0)
		return r;
	if (optind != argc - 1)
		return args_misuse(&cmd_show_entry, optind == argc ?
		    "show needs a HOST" : "show takes one HOST");
	hs_error_init(&err);
	if (host_parse(argv[optind], &host, &err) != HS_OK) {
		cli_error(NULL, &err);
		return cli_exit_code(&err);
	}
	if ((r = cli_open_store(cli, &st)) != EXIT_OK) {
		free(host);
		return r;
	}
	v = calloc(st->nentries + 1, sizeof *v);
	n = v ? hsts_store_match(st, host, v) : 0;
	for (i = 0; i < n; i++)
		forced |= hsts_entry_applies(v[i], host, cli->now);
	if (o.json)
		show_json(st, argv[optind], host, v, n, cli->now, forced);
	else
		show_text(st, host, v, n, cli->now, forced);
	free(v);
	free(host);
	hsts_store_free(st);
	return cli_finish(forced ? EXIT_OK : EXIT_NOTFOUND);
}

const struct cmd_entry cmd_show_entry = {
	"show",
	"HOST [--json]",
	"Show the entries that force HTTPS on HOST (its own, and parent "
	    "domains\nthat include subdomains), and why.  Exit 3 when none "
	    "does.",
	"  --json         one JSON document (schema in hstsctl(1))\n",
	cmd_show_exec
};
