/*
 * edit.c: what every command that writes the store shares: its options,
 * the warning about nsurlstoraged on macOS, and reporting each change.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "hsts/plan.h"

int
cli_edit_option(struct cli_edit_opts *o, int ch)
{
	switch (ch) {
	case 'n':
		o->dry_run = 1;
		return 1;
	case 'b':
		o->backup = 1;
		return 1;
	case 'q':
		o->quiet = 1;
		return 1;
	}
	return 0;
}

/*
 * On macOS nsurlstoraged keeps the store in memory and writes it back,
 * over any edit made while it runs.  Say so, with the commands that help.
 */
static void
cli_daemon_warning(void)
{
#ifdef __APPLE__
	if (system("pgrep -x nsurlstoraged >/dev/null 2>&1") != 0)
		return;
	fputs("hstsctl: warning: nsurlstoraged is running; it holds the HSTS "
	    "store in memory\nhstsctl: and will write its own copy over this "
	    "edit.  Quit Safari, then run:\n"
	    "    killall nsurlstoraged\n"
	    "    hstsctl ... (this command again)\n"
	    "    launchctl start "
	    "/System/Library/LaunchAgents/com.apple.nsurlstoraged.plist\n",
	    stderr);
#endif
}

static void
cli_report(const struct hsts_plan *p, int dry_run, int quiet)
{
	static const char *const done[] = { "removed", "added", "replaced" };
	static const char *const would[] = { "would remove", "would add",
	    "would replace" };
	const struct hsts_change	*c;
	char				 h[CLI_SAFE_MAX], s[CLI_SAFE_MAX];
	size_t				 i;

	for (i = 0; i < p->nchanges; i++) {
		c = &p->changes[i];
		if (dry_run)
			printf("%s %s (session %s)\n", would[c->verb],
			    cli_safe(c->host, h, sizeof h),
			    cli_safe(c->session, s, sizeof s));
		else if (!quiet)
			fprintf(stderr, "hstsctl: %s %s (session %s)\n",
			    done[c->verb], cli_safe(c->host, h, sizeof h),
			    cli_safe(c->session, s, sizeof s));
	}
	for (i = 0; i < p->nnotes; i++)
		fprintf(stderr, "hstsctl: note: %s\n", cli_safe(p->notes[i],
		    h, sizeof h));
}

int
cli_edit(struct cli *cli, const struct cli_edit_opts *o,
    int (*planner)(const struct hsts_store *, struct hsts_plan *, void *,
    struct hs_error *), hsts_keep_fn keep, void *arg, size_t *missing)
{
	struct hsts_plan	*plan = NULL;
	struct hs_error		 err;
	char			*path;
	int			 r, dflt, flags = 0;

	*missing = 0;
	if ((path = cli_store_path(cli, &dflt)) == NULL)
		return EXIT_ERROR;
	if (o->dry_run)
		flags |= HSTS_EDIT_DRY_RUN;
	else
		cli_daemon_warning();
	if (o->backup)
		flags |= HSTS_EDIT_BACKUP;
	hs_error_init(&err);
	r = hsts_edit(path, planner, keep, arg, flags, &plan, &err);
	if (r != HS_OK)
		r = cli_edit_error(path, dflt, &err);
	else {
		cli_report(plan, o->dry_run, o->quiet);
		if (plan->nchanges == 0 && !o->quiet)
			fprintf(stderr, "hstsctl: %s: nothing to change; the "
			    "file was not rewritten\n", path);
		*missing = plan->missing;
		r = EXIT_OK;
	}
	hsts_plan_free(plan);
	free(path);
	return r;
}
