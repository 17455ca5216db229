/* hstsctl.c: main; global options, then the command from the table. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "util/cftime.h"
#include "util/undo.h"

static int	hstsctl_main(int, char **);

int
main(int argc, char **argv)
{
	int	r, i;

	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], "--json") == 0)
			cli_json_errors();
	r = hstsctl_main(argc, argv);
	cli_json_error(r);
	return r;
}

static int
hstsctl_main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "store", required_argument, NULL, 's' },
		{ "home", required_argument, NULL, 'H' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const struct cmd_entry	*c;
	struct cli		 cli;
	int			 ch, used, r;

	memset(&cli, 0, sizeof cli);
	cli.argc = argc;
	cli.argv = argv;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+hV", opts, NULL)) != -1) {
		switch (ch) {
		case 's':
			if ((r = args_store(&cli, optarg)) >= 0)
				return r;
			break;
		case 'H':
			cli.home = optarg;
			break;
		case 'h':
			cmd_usage(stdout);
			return cli_finish(EXIT_OK);
		case 'V':
			printf("hstsctl %s\n", PACKAGE_VERSION);
			return cli_finish(EXIT_OK);
		default:
			return args_misuse(NULL, "unknown option or missing "
			    "argument '%s'", argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return args_misuse(NULL, "no command given");
	if (strcmp(argv[optind], "help") == 0) {
		if (optind + 1 < argc && (c = cmd_lookup(argc - optind - 1,
		    argv + optind + 1, &used)))
			args_help(stdout, c);
		else if (optind + 1 >= argc ||
		    !cmd_group_help(stdout, argv[optind + 1]))
			cmd_usage(stdout);
		return cli_finish(EXIT_OK);
	}
	if ((c = cmd_lookup(argc - optind, argv + optind, &used)) == NULL) {
		if (optind + 1 < argc && (strcmp(argv[optind + 1], "--help") ==
		    0 || strcmp(argv[optind + 1], "-h") == 0) &&
		    cmd_group_help(stdout, argv[optind]))
			return cli_finish(EXIT_OK);
		if (strcmp(argv[optind], "exception") == 0)
			return args_misuse(NULL, "exception needs dump, list or "
			    "remove");
		if (strcmp(argv[optind], "trust") == 0)
			return args_misuse(NULL, "trust needs list or remove");
		if (cmd_nearest(argv[optind]) != NULL)
			return args_misuse(NULL, "unknown command '%s' (did you "
			    "mean '%s'?)", argv[optind],
			    cmd_nearest(argv[optind]));
		return args_misuse(NULL, "unknown command '%s'", argv[optind]);
	}
	cli.now = hs_cftime_now();
	/* The command sees its last word as argv[0]. */
	r = c->exec(&cli, argc - optind - used + 1, argv + optind + used - 1);
	if (hs_undo_warning() != NULL)
		fprintf(stderr, "hstsctl: warning: %s; the change was made "
		    "without a copy for undo\n", hs_undo_warning());
	return r;
}
