/* hstsctl.c: main; global options, then the command from the table. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "cli/cli.h"
#include "util/cftime.h"

/*
 * A run reads a store, may build a second copy of it, and exits.  glibc
 * gives blocks over 128 KB their own mapping and returns freed memory at
 * once, so each of those copies faulted in fresh zeroed pages: a fifth of
 * a 200,000-entry remove.  Keep freed memory for reuse instead.
 */
static void
tune_malloc(void)
{
#ifdef __GLIBC__
	mallopt(M_MMAP_THRESHOLD, 512 * 1024 * 1024);
	mallopt(M_TRIM_THRESHOLD, 1024 * 1024 * 1024);
#endif
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "store", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const struct cmd_entry	*c;
	struct cli		 cli = { NULL, 0 };
	int			 ch, used;

	tune_malloc();
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+hV", opts, NULL)) != -1) {
		switch (ch) {
		case 's':
			cli.store = optarg;
			break;
		case 'h':
			cmd_usage(stdout);
			return cli_finish(EXIT_OK);
		case 'V':
			printf("hstsctl %s\n", PACKAGE_VERSION);
			return cli_finish(EXIT_OK);
		default:
			return cmd_misuse(NULL, "unknown option or missing "
			    "argument '%s'", argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cmd_misuse(NULL, "no command given");
	if (strcmp(argv[optind], "help") == 0) {
		if (optind + 1 < argc && (c = cmd_lookup(argc - optind - 1,
		    argv + optind + 1, &used)))
			cmd_help(stdout, c);
		else
			cmd_usage(stdout);
		return cli_finish(EXIT_OK);
	}
	if ((c = cmd_lookup(argc - optind, argv + optind, &used)) == NULL) {
		if (strcmp(argv[optind], "exception") == 0)
			return cmd_misuse(NULL, "exception needs dump, list or "
			    "remove");
		return cmd_misuse(NULL, "unknown command '%s'", argv[optind]);
	}
	cli.now = cftime_now();
	/* The command sees its last word as argv[0]. */
	return c->exec(&cli, argc - optind - used + 1, argv + optind + used -
	    1);
}
