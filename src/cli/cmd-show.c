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
	if (e->state == HSTS_STATE_KNOCKOUT)
		asprintf(&s, "%s has a knockout entry (it sent max-age=0 while "
		    "preloaded): Firefox does not force HTTPS on it; removing "
		    "the entry re-enables the preload.", hsts_entry_label(e));
	else if (e->state == HSTS_STATE_OFF)
		asprintf(&s, "%s has an entry that is not in force (Chromium "
		    "mode \"default\", Firefox state 0); it forces nothing.",
		    hsts_entry_label(e));
	else if (e->expiry_kind == HSTS_EXPIRY_UNKNOWN)
		asprintf(&s, "%s has an entry whose expiry cannot be read, so "
		    "hstsctl cannot tell whether it forces HTTPS on %s.",
		    hsts_entry_label(e), host);
	else if (!self && !e->include_subdomains)
		asprintf(&s, "%s has an entry, but it does not include "
		    "subdomains, so it does not affect %s.", hsts_entry_label(e), host);
	else if (hsts_entry_expired(e, now))
		asprintf(&s, "%s%s expired on %s; it no longer forces HTTPS "
		    "on %s.", self ? "The entry for " : "", hsts_entry_label(e), when,
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
		    hsts_entry_label(e));
	else
		asprintf(&s, "%s is forced to HTTPS by %s, which includes "
		    "subdomains, until %s.", host, hsts_entry_label(e), when);
	return s;
}

/* The entries of every store that bear on the host. */
struct show_hits {
	const struct hsts_store	**st;
	struct hsts_entry	**v;
	size_t			  n;
	const char		 *host;
	double			  now;
	int			  forced;
};

static int
show_collect(const struct cli_scope *s, struct show_hits *h)
{
	size_t	i, k, total = 0, n;

	for (i = 0; i < s->n; i++)
		total += s->v[i].st ? s->v[i].st->nentries : 0;
	if ((h->st = calloc(total + 1, sizeof *h->st)) == NULL ||
	    (h->v = calloc(total + 1, sizeof *h->v)) == NULL)
		return -1;
	for (i = 0; i < s->n; i++) {
		if (s->v[i].st == NULL)
			continue;
		n = hsts_store_match(s->v[i].st, h->host, h->v + h->n);
		for (k = 0; k < n; k++, h->n++) {
			h->st[h->n] = s->v[i].st;
			h->forced |= hsts_entry_applies(h->v[h->n], h->host,
			    h->now);
		}
	}
	return 0;
}

static json_object *
show_json_item(void *arg, size_t i)
{
	struct show_hits	*h = arg;
	json_object		*e = cli_entry_json(h->st[i], h->v[i], h->now);
	char			*why;

	json_object_object_add(e, "relation", json_object_new_string(
	    strcmp(h->v[i]->norm, h->host) == 0 ? "self" : "parent"));
	json_object_object_add(e, "applies", json_object_new_boolean(
	    hsts_entry_applies(h->v[i], h->host, h->now)));
	why = show_reason(h->v[i], h->host, h->now);
	json_object_object_add(e, "reason",
	    why ? json_object_new_string(why) : NULL);
	free(why);
	return e;
}

static void
show_json(const struct cli_scope *s, const char *query, struct show_hits *h)
{
	json_object	*head = json_object_new_object();

	json_object_object_add(head, "query", json_object_new_string(query));
	json_object_object_add(head, "host", json_object_new_string(h->host));
	json_object_object_add(head, "forced_https",
	    json_object_new_boolean(h->forced));
	json_object_object_add(head, "stores", cli_scope_json(s));
	cli_print_json(head, "entries", h->n, show_json_item, h);
	json_object_put(head);
}

/* One store's part: its table and the sentence for each entry. */
static void
show_store(const struct hsts_store *st, const struct show_hits *h,
    size_t from, size_t n)
{
	char	*why, a[CLI_SAFE_MAX], b[CLI_SAFE_MAX];
	size_t	 i;

	cli_print_table(stdout, st, h->v + from, n, h->now);
	putchar('\n');
	for (i = from; i < from + n; i++) {
		if ((why = show_reason(h->v[i], h->host, h->now)) == NULL)
			continue;
		if (st->nsessions > 1 && h->v[i]->session[0] != '\0')
			printf("%s (session %s)\n", cli_safe(why, a, sizeof a),
			    cli_safe(h->v[i]->session, b, sizeof b));
		else
			printf("%s\n", cli_safe(why, a, sizeof a));
		free(why);
	}
}

/* Whether Safari reads store i, in a sentence. */
static void
show_reader(const struct cli_store *c)
{
	char	hold[600];

	if (store_safari_reads(&c->f))
		printf("Safari reads this store.\n");
	else if (c->f.kind == STORE_FILE)
		printf("Safari reads this file only if it is at Safari's "
		    "place (see 'hstsctl stores').\n");
	else
		printf("Safari does not read this store; %s does.\n",
		    hold_text(&c->f, hold, sizeof hold));
}

static void
show_text(const struct cli_scope *s, const struct show_hits *h)
{
	char	why[CLI_SAFE_MAX];
	size_t	i, at = 0, n, quiet = 0;

	for (i = 0; i < s->n; i++) {
		for (n = 0; at + n < h->n && h->st[at + n] == s->v[i].st &&
		    s->v[i].st != NULL; n++)
			;
		if (!cli_scope_grouped(s)) {
			if (n > 0)
				show_store(s->v[i].st, h, at, n);
		} else if (n > 0 || s->v[i].st == NULL) {
			cli_scope_heading(stdout, s, i);
			if (s->v[i].st == NULL)
				printf("cannot be read: %s\n", cli_safe(
				    s->v[i].err.msg, why, sizeof why));
			else {
				show_reader(&s->v[i]);
				show_store(s->v[i].st, h, at, n);
			}
		} else
			quiet++;
		at += n;
	}
	if (h->n == 0)
		printf("%sNo HSTS entry forces HTTPS on %s.\n",
		    cli_scope_grouped(s) && s->n > quiet ? "\n" : "", h->host);
	else if (!h->forced)
		printf("Nothing forces HTTPS on %s.\n", h->host);
	if (cli_scope_grouped(s) && quiet > 0)
		printf("%s%zu other store%s ha%s no entry for %s.\n",
		    h->n ? "" : "", quiet, quiet == 1 ? "" : "s",
		    quiet == 1 ? "s" : "ve", h->host);
}

static int
cmd_show_exec(struct cli *cli, int argc, char **argv)
{
	struct show_opts	 o = { 0 };
	struct show_hits	 h;
	struct cli_scope	 s = { 0 };
	struct hs_error		 err;
	char			*host;
	unsigned		 port;
	int			 r, bad;

	r = args_parse(cli, &cmd_show_entry, argc, argv, show_options,
	    show_option, &o);
	if (r >= 0)
		return r;
	if (optind != argc - 1)
		return args_misuse(&cmd_show_entry, optind == argc ?
		    "show needs a HOST" : "show takes one HOST");
	hs_error_init(&err);
	if (host_from_user(argv[optind], &host, &port, &err) != HS_OK) {
		cli_error(NULL, &err);
		return cli_exit_code(&err);
	}
	memset(&h, 0, sizeof h);
	h.host = host;
	h.now = cli->now;
	if ((r = cli_scope_get(cli, CLI_SCOPE_SOME, &s)) != EXIT_OK)
		goto done;
	bad = cli_scope_read(&s);
	cli_scope_name(&s, host);
	if (bad != EXIT_OK && !cli_scope_grouped(&s))
		r = bad;
	else if (show_collect(&s, &h) == -1)
		r = EXIT_ERROR;
	else {
		if (o.json)
			show_json(&s, argv[optind], &h);
		else
			show_text(&s, &h);
		r = bad ? bad : h.forced ? EXIT_OK : EXIT_NOTFOUND;
	}
done:
	free(h.st);
	free(h.v);
	free(host);
	cli_scope_free(&s);
	return cli_finish(r);
}

const struct cmd_entry cmd_show_entry = {
	"show",
	"HOST [--json]",
	"Show the entries of every store that force HTTPS on HOST (its own, "
	    "and\nparent domains that include subdomains), why, and whether "
	    "Safari reads\nthat store.  Exit 3 when none does.",
	"  --json         one JSON document (schema in hstsctl(1))\n",
	cmd_show_exec
};
