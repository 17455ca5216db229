/* cmd.c: the command table, usage text and shared option parsing. */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const struct cmd_entry *const cmd_table[] = {
	&cmd_list_entry,
	&cmd_show_entry,
	&cmd_remove_entry,
	&cmd_add_entry,
	&cmd_prune_entry,
	&cmd_exception_dump_entry,
	&cmd_exception_list_entry,
	&cmd_exception_remove_entry,
	&cmd_check_entry,
	&cmd_doctor_entry,
};
#define NCMDS (sizeof cmd_table / sizeof cmd_table[0])

/*
 * The command named by argv[0], or argv[0] and argv[1] for a group
 * ("exception dump"); *used says how many words it took.
 */
const struct cmd_entry *
cmd_lookup(int argc, char **argv, int *used)
{
	char	two[64];

	*used = 1;
	if (argc >= 2 && argv[1][0] != '-' && snprintf(two, sizeof two,
	    "%s %s", argv[0], argv[1]) < (int)sizeof two && cmd_find(two)) {
		*used = 2;
		return cmd_find(two);
	}
	return cmd_find(argv[0]);
}

const struct cmd_entry *
cmd_find(const char *name)
{
	size_t	i;

	for (i = 0; i < NCMDS; i++)
		if (strcmp(cmd_table[i]->name, name) == 0)
			return cmd_table[i];
	return NULL;
}

static const char cmd_common_help[] =
    "  --store FILE   the HSTS store to use (default: $HSTSCTL_STORE, then\n"
    "                 ~/" HSTS_DEFAULT_STORE ")\n"
    "  -h, --help     show this help\n";

static const char cmd_exit_help[] =
    "Exit status: 0 success, 1 error (I/O, system), 2 usage error,\n"
    "3 nothing matched, 4 the store is malformed or not an HSTS store.\n";

void
cmd_usage(FILE *f)
{
	size_t	i;

	fprintf(f, "usage: hstsctl [--store FILE] COMMAND [ARGS]\n\n"
	    "See and surgically edit the HSTS cache Safari keeps on disk.\n\n"
	    "Commands:\n");
	for (i = 0; i < NCMDS; i++)
		fprintf(f, "  hstsctl %s %s\n      %s\n", cmd_table[i]->name,
		    cmd_table[i]->args, cmd_table[i]->summary);
	fprintf(f, "\nOptions:\n%s  -V, --version  print the version\n\n"
	    "Environment: HSTSCTL_STORE (the store), HSTSCTL_NOW (Unix time "
	    "to use as now).\n%s"
	    "Run 'hstsctl COMMAND --help' for a command's options; see "
	    "hstsctl(1).\n", cmd_common_help, cmd_exit_help);
}

void
cmd_help(FILE *f, const struct cmd_entry *c)
{
	fprintf(f, "usage: hstsctl %s %s\n\n%s\n\nOptions:\n%s%s\n%s",
	    c->name, c->args, c->summary, c->help, cmd_common_help,
	    cmd_exit_help);
}

int
cmd_misuse(const struct cmd_entry *c, const char *fmt, ...)
{
	va_list	ap;

	fputs("hstsctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (c != NULL)
		fprintf(stderr, "\nusage: hstsctl %s %s\n", c->name, c->args);
	else
		fputs("\nusage: hstsctl [--store FILE] COMMAND [ARGS]; see "
		    "'hstsctl --help'\n", stderr);
	return EXIT_USAGE;
}

/* "h" and every own option whose value is a letter ("nbq"). */
static const char *
cmd_shortopts(const struct option *own)
{
	static char	buf[32];
	size_t		n = 0;

	buf[n++] = 'h';
	for (; own != NULL && own->name != NULL && n + 2 < sizeof buf; own++)
		if (own->val > 0 && own->val < 0x80 && own->has_arg ==
		    no_argument)
			buf[n++] = (char)own->val;
	buf[n] = '\0';
	return buf;
}

#define CMD_OPT_STORE	0x100
#define CMD_OPT_HELP	'h'

int
cmd_getopt(struct cli *cli, const struct cmd_entry *c, int argc,
    char **argv, const struct option *own, int (*cb)(void *, int,
    const char *), void *arg)
{
	struct option	 opts[32];
	size_t		 n = 0;
	int		 ch, r, li;

	for (; own != NULL && own[n].name != NULL && n < 29; n++)
		opts[n] = own[n];
	opts[n++] = (struct option){ "store", required_argument, NULL,
	    CMD_OPT_STORE };
	opts[n++] = (struct option){ "help", no_argument, NULL, CMD_OPT_HELP };
	opts[n] = (struct option){ NULL, 0, NULL, 0 };
	optind = 0;	/* 0: glibc re-reads the option string (permutes) */
	opterr = 0;
	while ((li = -1, ch = getopt_long(argc, argv, cmd_shortopts(own),
	    opts, &li)) != -1) {
		switch (ch) {
		case CMD_OPT_STORE:
			cli->store = optarg;
			break;
		case CMD_OPT_HELP:
			cmd_help(stdout, c);
			return cli_finish(EXIT_OK);
		case '?':
			if (optopt != 0 && optopt < 0x100)
				return cmd_misuse(c, "unknown option '-%c'",
				    optopt);
			return cmd_misuse(c, "unknown option or missing "
			    "argument '%s'", argv[optind - 1]);
		default:
			if ((r = cb(arg, ch, optarg)) >= 0)
				return r;
		}
	}
	return -1;
}
