/* cmd-remove.c: "hstsctl remove HOST...", dropping entries surgically. */
#include <getopt.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "hsts/plan.h"
#include "hsts/host.h"

enum { OPT_SUBDOMAINS = 0x200 };

struct remove_opts {
	struct cli_edit_opts	 edit;
	int			 subdomains;
	char			**hosts;	/* normalised */
	size_t			 nhosts;
	double			 now;
};

static const struct option remove_options[] = {
	{ "subdomains", no_argument, NULL, OPT_SUBDOMAINS },
	CLI_EDIT_OPTIONS,
	{ NULL, 0, NULL, 0 }
};

static int
remove_option(void *arg, int ch, const char *val)
{
	struct remove_opts	*o = arg;

	if (!cli_edit_option(&o->edit, ch) && ch == OPT_SUBDOMAINS)
		o->subdomains = 1;
	return -1;
}

static int
remove_plan(const struct hsts_store *st, struct hsts_plan *p, void *arg,
    struct hs_error *err)
{
	struct remove_opts	*o = arg;

	return hsts_plan_remove(st, o->hosts, o->nhosts, o->subdomains,
	    o->now, p, err);
}

static int
remove_keep(const char *norm, void *arg)
{
	struct remove_opts	*o = arg;

	return hsts_remove_wants(norm, o->hosts, o->nhosts, o->subdomains);
}

static int
cmd_remove_exec(struct cli *cli, int argc, char **argv)
{
	struct remove_opts	o = { { 0, 0, 0, 0, 0, 0, NULL }, 0, NULL, 0, cli->now };
	struct cli_scope	s = { 0 };
	struct hs_error		err;
	size_t			i, missing = 0;
	unsigned		port;
	int			r;

	r = args_parse(cli, &cmd_remove_entry, argc, argv, remove_options,
	    remove_option, &o);
	if (r >= 0)
		return r;
	if (optind == argc)
		return args_misuse(&cmd_remove_entry, "remove needs a HOST");
	if ((o.hosts = calloc((size_t)(argc - optind) + 1, sizeof *o.hosts)) ==
	    NULL)
		return EXIT_ERROR;
	hs_error_init(&err);
	for (r = EXIT_OK; optind < argc && r == EXIT_OK; optind++)
		if (host_from_user(argv[optind], &o.hosts[o.nhosts++], &port,
		    &err) != HS_OK) {
			cli_error(NULL, &err);
			r = cli_exit_code(&err);
		}
	if (r == EXIT_OK && (r = cli_scope_get(cli, CLI_SCOPE_SOME, &s)) ==
	    EXIT_OK)
		r = cli_edit(&s, &o.edit, remove_plan, remove_keep, &o,
		    o.hosts, &missing);
	cli_scope_free(&s);
	for (i = 0; i < o.nhosts; i++)
		free(o.hosts[i]);
	free(o.hosts);
	if (r == EXIT_OK && missing > 0)
		r = EXIT_NOTFOUND;
	return cli_finish(r);
}

const struct cmd_entry cmd_remove_entry = {
	"remove",
	"HOST ... [--subdomains] [--dry-run] [--backup] [--quiet] [--stop] "
	    "[--force] [--json]",
	"Remove the entries for each HOST from every store that has them, "
	    "changing\nnothing else in the files.  Exit 3 when no store has "
	    "an entry for a HOST.",
	"  --subdomains   also remove every entry below HOST\n"
	CLI_EDIT_HELP,
	cmd_remove_exec
};
