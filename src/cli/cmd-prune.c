/* cmd-prune.c: "hstsctl prune", dropping dynamic entries that expired. */
#include <getopt.h>

#include "cli/cli.h"
#include "hsts/plan.h"

struct prune_opts {
	struct cli_edit_opts	edit;
	double			now;
};

static const struct option prune_options[] = {
	CLI_EDIT_OPTIONS,
	{ NULL, 0, NULL, 0 }
};

static int
prune_option(void *arg, int ch, const char *val)
{
	cli_edit_option(&((struct prune_opts *)arg)->edit, ch);
	return -1;
}

static int
prune_plan(const struct hsts_store *st, struct hsts_plan *p, void *arg,
    struct hs_error *err)
{
	return hsts_plan_prune(st, ((struct prune_opts *)arg)->now, p, err);
}

static int
cmd_prune_exec(struct cli *cli, int argc, char **argv)
{
	struct prune_opts	o = { { 0, 0, 0, 0, 0, 0, NULL }, cli->now };
	struct cli_scope	s = { 0 };
	size_t			missing;
	int			r;

	r = args_parse(cli, &cmd_prune_entry, argc, argv, prune_options,
	    prune_option, &o);
	if (r >= 0)
		return r;
	if (optind < argc)
		return args_misuse(&cmd_prune_entry, "unexpected argument '%s'",
		    argv[optind]);
	if ((r = cli_scope_get(cli, CLI_SCOPE_SOME, &s)) == EXIT_OK)
		r = cli_edit(&s, &o.edit, prune_plan, NULL, &o, NULL, &missing);
	cli_scope_free(&s);
	return cli_finish(r);
}

const struct cmd_entry cmd_prune_entry = {
	"prune",
	"[--dry-run] [--backup] [--quiet] [--stop] [--force] [--json]",
	"Remove every entry learnt from a server whose expiry has passed, "
	    "from every\nstore.  Preloaded entries never expire and are never "
	    "pruned.",
	CLI_EDIT_HELP,
	cmd_prune_exec
};
