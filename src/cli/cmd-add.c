/* cmd-add.c: "hstsctl add HOST --max-age SECONDS", as Safari would. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "hsts/plan.h"
#include "hsts/host.h"

enum { OPT_MAX_AGE = 0x200, OPT_SUBDOMAINS };

struct add_opts {
	struct cli_edit_opts	 edit;
	const char		*max_age_arg;
	long long		 max_age;
	int			 subdomains;
	char			*host;
	double			 now;
};

static const struct option add_options[] = {
	{ "max-age", required_argument, NULL, OPT_MAX_AGE },
	{ "include-subdomains", no_argument, NULL, OPT_SUBDOMAINS },
	CLI_EDIT_OPTIONS,
	{ NULL, 0, NULL, 0 }
};

static int
add_option(void *arg, int ch, const char *val)
{
	struct add_opts	*o = arg;

	if (cli_edit_option(&o->edit, ch))
		return -1;
	if (ch == OPT_MAX_AGE)
		o->max_age_arg = val;
	else if (ch == OPT_SUBDOMAINS)
		o->subdomains = 1;
	return -1;
}

/* The plan replaces an entry for the host, and looks at no other. */
static int
add_keep(const char *norm, void *arg)
{
	return strcmp(norm, ((struct add_opts *)arg)->host) == 0;
}

static int
add_plan(const struct hsts_store *st, struct hsts_plan *p, void *arg,
    struct hs_error *err)
{
	struct add_opts	*o = arg;

	return hsts_plan_add(st, o->host, o->max_age, o->subdomains, o->now,
	    p, err);
}

static int
cmd_add_exec(struct cli *cli, int argc, char **argv)
{
	struct add_opts	 o = { { 0, 0, 0, 0, 0, 0, NULL }, NULL, 0, 0, NULL, cli->now };
	struct cli_scope s = { 0 };
	struct hs_error	 err;
	size_t		 missing;
	int		 r;

	r = args_parse(cli, &cmd_add_entry, argc, argv, add_options,
	    add_option, &o);
	if (r >= 0)
		return r;
	if (optind != argc - 1)
		return args_misuse(&cmd_add_entry, "add takes one HOST");
	if (o.max_age_arg == NULL)
		return args_misuse(&cmd_add_entry, "add needs --max-age SECONDS");
	if (!args_number(o.max_age_arg, 1, 100LL * 365 * 86400, &o.max_age))
		return args_misuse(&cmd_add_entry, "--max-age takes seconds "
		    "from 1 to 100 years, not '%s' (to drop an entry, use "
		    "hstsctl remove)", o.max_age_arg);
	hs_error_init(&err);
	if (host_parse(argv[optind], &o.host, &err) != HS_OK) {
		cli_error(NULL, &err);
		return cli_exit_code(&err);
	}
	if ((r = cli_scope_get(cli, CLI_SCOPE_ONE, &s)) == EXIT_OK) {
		if (!o.edit.quiet && !s.named)
			fprintf(stderr, "hstsctl: writing Safari's store, %s\n",
			    s.v[0].f.path);
		r = cli_edit(&s, &o.edit, add_plan, add_keep, &o, NULL,
		    &missing);
	}
	cli_scope_free(&s);
	free(o.host);
	return cli_finish(r);
}

const struct cmd_entry cmd_add_entry = {
	"add",
	"HOST --max-age SECONDS [--include-subdomains] [--dry-run] "
	    "[--backup] [--quiet] [--stop] [--force] [--json]",
	"Add an entry for HOST exactly as Safari writes one after a "
	    "Strict-Transport-Security\nheader: created now, expiring "
	    "max-age seconds later.  An existing entry is replaced.  add "
	    "writes one\nstore: --store FILE, else Safari's.",
	"  --max-age SECONDS       how long the entry lasts (required)\n"
	"  --include-subdomains    the entry covers every subdomain too\n"
	CLI_EDIT_HELP,
	cmd_add_exec
};
