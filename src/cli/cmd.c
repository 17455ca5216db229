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
	&cmd_undo_entry,
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

const char *
cmd_nearest(const char *word)
{
	const char	*names[NCMDS + 2], *sp;
	static char	 first[NCMDS][32];
	size_t		 i, n = 0;

	/* Commands, and the first word of groups ("exception", "trust"). */
	for (i = 0; i < NCMDS; i++) {
		snprintf(first[i], sizeof first[i], "%s", cmd_table[i]->name);
		if ((sp = strchr(first[i], ' ')) != NULL)
			first[i][sp - first[i]] = '\0';
		names[n++] = first[i];
	}
	return args_nearest(word, names, n);
}

int
cmd_group_help(FILE *f, const char *group)
{
	size_t	i, len = strlen(group), n = 0;

	for (i = 0; i < NCMDS; i++) {
		if (strncmp(cmd_table[i]->name, group, len) != 0 ||
		    cmd_table[i]->name[len] != ' ')
			continue;
		if (n++ == 0)
			fprintf(f, "usage:\n");
		args_usage_line(f, "  ", cmd_table[i]);
		fputs("      ", f);
		args_wrap(f, 6, 6, 0, cmd_table[i]->summary);
	}
	if (n > 0)
		fprintf(f, "\nRun 'hstsctl %s COMMAND --help' for a command's "
		    "options.\n%s", group, args_exit_help);
	return n > 0;
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
	for (i = 0; i < NCMDS; i++) {
		args_usage_line(f, "  ", cmd_table[i]);
		fputs("      ", f);
		args_wrap(f, 6, 6, 1, cmd_table[i]->summary);
	}
	fprintf(f, "\nOptions:\n%s  -V, --version  print the version\n\n"
	    "Environment: HSTSCTL_STORE (the store), HSTSCTL_HOME (the "
	    "home),\nHSTSCTL_NOW (Unix time to use as now).\n%s"
	    "Run 'hstsctl COMMAND --help' for a command's options; see "
	    "hstsctl(1).\nReport bugs to <%s>.\n", args_common_help,
	    args_exit_help, PACKAGE_BUGREPORT);
}

