/* cmd-list.c: "hstsctl list", every entry of the store. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"

enum list_sort { SORT_HOST, SORT_CREATED, SORT_EXPIRY };

struct list_opts {
	int		json;
	int		kind;		/* 0, 'p' preloaded, 'd' dynamic */
	int		state;		/* 0, 'e' expired, 'a' active */
	enum list_sort	sort;
	const char	*conflict;
};

enum {
	OPT_JSON = 0x200, OPT_PRELOADED, OPT_DYNAMIC, OPT_EXPIRED, OPT_ACTIVE,
	OPT_SORT
};

static const struct option list_options[] = {
	{ "json", no_argument, NULL, OPT_JSON },
	{ "preloaded", no_argument, NULL, OPT_PRELOADED },
	{ "dynamic", no_argument, NULL, OPT_DYNAMIC },
	{ "expired", no_argument, NULL, OPT_EXPIRED },
	{ "active", no_argument, NULL, OPT_ACTIVE },
	{ "sort", required_argument, NULL, OPT_SORT },
	{ NULL, 0, NULL, 0 }
};

static int
list_option(void *arg, int ch, const char *val)
{
	struct list_opts	*o = arg;

	switch (ch) {
	case OPT_JSON:
		o->json = 1;
		break;
	case OPT_PRELOADED:
	case OPT_DYNAMIC:
		if (o->kind != 0)
			o->conflict = "--preloaded and --dynamic";
		o->kind = ch == OPT_PRELOADED ? 'p' : 'd';
		break;
	case OPT_EXPIRED:
	case OPT_ACTIVE:
		if (o->state != 0)
			o->conflict = "--expired and --active";
		o->state = ch == OPT_EXPIRED ? 'e' : 'a';
		break;
	case OPT_SORT:
		if (strcmp(val, "host") == 0)
			o->sort = SORT_HOST;
		else if (strcmp(val, "created") == 0)
			o->sort = SORT_CREATED;
		else if (strcmp(val, "expiry") == 0)
			o->sort = SORT_EXPIRY;
		else
			return args_misuse(&cmd_list_entry, "--sort takes host, "
			    "created or expiry, not '%s'", val);
		break;
	}
	return -1;
}

static int
list_wanted(const struct list_opts *o, const struct hsts_entry *e,
    double now)
{
	if (o->kind == 'p' && !hsts_entry_preloaded(e))
		return 0;
	if (o->kind == 'd' && hsts_entry_preloaded(e))
		return 0;
	if (o->state == 'e' && !hsts_entry_expired(e, now))
		return 0;
	if (o->state == 'a' && hsts_entry_expired(e, now))
		return 0;
	return 1;
}

static enum list_sort	list_sort_key;

/* Missing times sort first; "never" sorts last. */
static double
list_key(const struct hsts_entry *e)
{
	if (list_sort_key == SORT_CREATED)
		return e->has_created ? e->created : -1e308;
	if (e->expiry_kind == HSTS_EXPIRY_NEVER)
		return 1e308;
	return e->expiry_kind == HSTS_EXPIRY_AT ? e->expiry : -1e308;
}

static int
list_cmp(const void *a, const void *b)
{
	const struct hsts_entry	*x = *(struct hsts_entry *const *)a;
	const struct hsts_entry	*y = *(struct hsts_entry *const *)b;
	double			 kx, ky;
	int			 c;

	if (list_sort_key != SORT_HOST) {
		kx = list_key(x);
		ky = list_key(y);
		if (kx != ky)
			return kx < ky ? -1 : 1;
	}
	if ((c = strcasecmp(x->host, y->host)) != 0)
		return c;
	if ((c = strcmp(x->norm, y->norm)) != 0)
		return c;
	if ((c = strcmp(x->session, y->session)) != 0)
		return c;
	return (x->order > y->order) - (x->order < y->order);
}

/* The entries of one store to print, sorted; caller frees. */
static struct hsts_entry **
list_pick(const struct list_opts *o, const struct hsts_store *st,
    double now, size_t *n)
{
	struct hsts_entry	**v;
	size_t			  i;

	*n = 0;
	if ((v = calloc(st->nentries + 1, sizeof *v)) == NULL)
		return NULL;
	for (i = 0; i < st->nentries; i++)
		if (list_wanted(o, &st->entries[i], now))
			v[(*n)++] = &st->entries[i];
	list_sort_key = o->sort;
	qsort(v, *n, sizeof *v, list_cmp);
	return v;
}

/* Every store's entries, one after the other, for JSON. */
struct list_json {
	const struct cli_scope	 *s;
	const struct hsts_store	**st;
	struct hsts_entry	**v;
	size_t			  n;
	double			  now;
};

static json_object *
list_json_item(void *arg, size_t i)
{
	struct list_json	*l = arg;
	json_object		*o = cli_entry_json(l->st[i], l->v[i], l->now);

	json_object_object_add(o, "kind", json_object_new_string(
	    cli_scope_kind(l->s, l->st[i])));
	return o;
}

static int
list_json(const struct cli_scope *s, const struct list_opts *o, double now)
{
	struct list_json	  l = { s, NULL, NULL, 0, now };
	struct hsts_entry	**v;
	json_object		 *head;
	size_t			  i, k, n, total = 0;

	for (i = 0; i < s->n; i++)
		total += s->v[i].st ? s->v[i].st->nentries : 0;
	l.st = calloc(total + 1, sizeof *l.st);
	l.v = calloc(total + 1, sizeof *l.v);
	for (i = 0; l.st && l.v && i < s->n; i++) {
		if (s->v[i].st == NULL)
			continue;
		if ((v = list_pick(o, s->v[i].st, now, &n)) == NULL)
			break;
		for (k = 0; k < n; k++, l.n++) {
			l.st[l.n] = s->v[i].st;
			l.v[l.n] = v[k];
		}
		free(v);
	}
	if (l.st == NULL || l.v == NULL || i < s->n) {
		free(l.st);
		free(l.v);
		return EXIT_ERROR;
	}
	head = json_object_new_object();
	json_object_object_add(head, "stores", cli_scope_json(s));
	cli_print_json(head, "entries", l.n, list_json_item, &l);
	json_object_put(head);
	free(l.st);
	free(l.v);
	return EXIT_OK;
}

static int
list_text(const struct cli_scope *s, const struct list_opts *o, double now)
{
	struct hsts_entry	**v;
	char			  why[CLI_SAFE_MAX];
	size_t			  i, n;

	for (i = 0; i < s->n; i++) {
		if (cli_scope_grouped(s))
			cli_scope_heading(stdout, s, i);
		if (s->v[i].st == NULL) {
			printf("cannot be read: %s\n", cli_safe(s->v[i].err.msg,
			    why, sizeof why));
			continue;
		}
		if ((v = list_pick(o, s->v[i].st, now, &n)) == NULL)
			return EXIT_ERROR;
		if (n == 0 && cli_scope_grouped(s))
			printf("no entries%s\n", o->kind || o->state ?
			    " of those asked for" : "");
		else
			cli_print_table(stdout, s->v[i].st, v, n, now);
		free(v);
	}
	return EXIT_OK;
}

static int
cmd_list_exec(struct cli *cli, int argc, char **argv)
{
	struct list_opts	o = { 0, 0, 0, SORT_HOST, NULL };
	struct cli_scope	s = { 0 };
	int			r, bad;

	r = args_parse(cli, &cmd_list_entry, argc, argv, list_options,
	    list_option, &o);
	if (r >= 0)
		return r;
	if (o.conflict != NULL)
		return args_misuse(&cmd_list_entry, "%s cannot be combined",
		    o.conflict);
	if (optind < argc)
		return args_misuse(&cmd_list_entry, "unexpected argument '%s'",
		    argv[optind]);
	if ((r = cli_scope_get(cli, CLI_SCOPE_SOME, &s)) == EXIT_OK) {
		bad = cli_scope_read(&s);
		cli_scope_name_all(&s);
		if (bad != EXIT_OK && !cli_scope_grouped(&s))
			r = bad;
		else
			r = o.json ? list_json(&s, &o, cli->now) :
			    list_text(&s, &o, cli->now);
		r = r ? r : bad;
	}
	cli_scope_free(&s);
	return cli_finish(r);
}

const struct cmd_entry cmd_list_entry = {
	"list",
	"[--json] [--preloaded | --dynamic] [--expired | --active] "
	    "[--sort host | created | expiry]",
	"List every HSTS entry in every store, store by store (one --store: "
	    "just its\ntable).",
	"  --json         one JSON document (schema in hstsctl(1))\n"
	"  --preloaded    only preloaded entries (Expiry +infinity)\n"
	"  --dynamic      only entries learnt from a server's header\n"
	"  --expired      only entries whose expiry has passed\n"
	"  --active       only entries that have not expired\n"
	"  --sort KEY     order by host (default), created or expiry\n",
	cmd_list_exec
};
