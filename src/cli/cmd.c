/* cmd.c: the command table, finding a command, and the usage text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const struct cmd_entry *const cmd_table[] = {
	&cmd_stores_entry,
	&cmd_list_entry,
	&cmd_show_entry,
	&cmd_remove_entry,
	&cmd_add_entry,
	&cmd_prune_entry,
	&cmd_exception_dump_entry,
	&cmd_exception_list_entry,
	&cmd_exception_remove_entry,
	&cmd_trust_list_entry,
	&cmd_trust_remove_entry,
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

void
cmd_usage(FILE *f)
{
	size_t	i;

	fprintf(f, "usage: hstsctl [--home DIR] [--store FILE] COMMAND [ARGS]\n\n"
	    "See and surgically edit the HSTS caches Safari, WebKit apps and "
	    "CFNetwork\nkeep on disk.  Every command acts on every store in "
	    "the home unless\n--store names one.\n\n"
	    "Commands:\n");
	for (i = 0; i < NCMDS; i++)
		fprintf(f, "  hstsctl %s %s\n      %s\n", cmd_table[i]->name,
		    cmd_table[i]->args, cmd_table[i]->summary);
	fprintf(f, "\nOptions:\n%s  -V, --version  print the version\n\n"
	    "Environment: HSTSCTL_STORE (the store), HSTSCTL_HOME (the "
	    "home),\nHSTSCTL_NOW (Unix time to use as now).\n%s"
	    "Run 'hstsctl COMMAND --help' for a command's options; see "
	    "hstsctl(1).\n", args_common_help, args_exit_help);
}

