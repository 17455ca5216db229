/* cmd-exception-remove.c: "hstsctl exception remove", by host or SHA-1. */
#include <getopt.h>
#include <stdio.h>

#include "cli/cli.h"
#include "trust/remove.h"

static const struct option remove_options[] = {
	CLI_FILE_EDIT_OPTIONS,
	{ NULL, 0, NULL, 0 }
};

static int
remove_option(void *arg, int ch, const char *val)
{
	cli_edit_option(arg, ch);
	return -1;
}

static void
remove_report(const struct texc_plan *p, const struct cli_edit_opts *o)
{
	const struct texc_found	*f;
	size_t			 i, k;

	for (i = 0; i < p->nmatched; i++) {
		f = &p->found[p->matched[i]];
		if (o->dry_run)
			printf("would remove");
		else if (o->quiet)
			continue;
		else
			fprintf(stderr, "hstsctl: removed");
		for (k = 0; k < f->depth; k++)
			fprintf(o->dry_run ? stdout : stderr, "%s%s",
			    k ? " / " : " ", f->path[k]);
		fprintf(o->dry_run ? stdout : stderr, " (%s%s%s, leaf SHA-1 "
		    "%s)\n", texc_layout_name(f->layout), f->owner ? " for " :
		    "", f->owner ? f->owner : "", f->leaf_sha1[0] ?
		    f->leaf_sha1 : "none");
	}
	for (i = 0; i < p->nskipped; i++) {
		f = &p->found[p->skipped[i]];
		fprintf(stderr, "hstsctl: note: a matching blob sits inside an "
		    "array (%s...); it was left alone\n", f->depth ?
		    f->path[0] : "the whole file");
	}
}

static int
cmd_exception_remove_exec(struct cli *cli, int argc, char **argv)
{
	struct cli_edit_opts	 o = { 0, 0, 0, 0, 0, 0, NULL };
	struct texc_plan	*plan = NULL;
	struct hs_error		 err;
	const char		*path;
	int			 r, flags = 0;

	r = args_parse(cli, &cmd_exception_remove_entry, argc, argv,
	    remove_options, remove_option, &o);
	if (r >= 0)
		return r;
	if (optind != argc - 1)
		return args_misuse(&cmd_exception_remove_entry, "remove takes "
		    "one HOST or SHA1");
	if ((r = args_file(cli, &cmd_exception_remove_entry,
	    CLI_EXCEPTIONS_FILE, &path)) != EXIT_OK)
		return r;
	if (cli_is_override(path))
		return cli_override_remove(path, argv[optind], &o);
	flags |= o.dry_run ? PLIST_TXN_DRY_RUN : 0;
	flags |= o.backup ? PLIST_TXN_BACKUP : 0;
	hs_error_init(&err);
	if (texc_remove(path, argv[optind], flags, &plan, &err) !=
	    HS_OK) {
		r = cli_edit_error(path, &err);
		texc_plan_free(plan);
		return r;
	}
	if (o.json)
		cli_removed_json(path, o.dry_run, "removed", plan->nmatched);
	else
		remove_report(plan, &o);
	r = plan->nmatched > 0 ? EXIT_OK : EXIT_NOTFOUND;
	if (plan->nmatched == 0)
		fprintf(stderr, "hstsctl: %s: no trust exception for %s; the "
		    "file was not rewritten\n", path, argv[optind]);
	texc_plan_free(plan);
	return cli_finish(r);
}

const struct cmd_entry cmd_exception_remove_entry = {
	"exception remove",
	"HOST | SHA1 --store FILE [--dry-run] [--backup] [--quiet] [--json]",
	"Remove the trust exceptions for HOST (a Safari bypass host, an "
	    "eapclient\nnetwork identifier, or a key) or for the leaf "
	    "certificate with that SHA-1,\nchanging nothing else in the "
	    "file.  An eapclient identifier or domain left\nempty goes too.  "
	    "Exit 3 when nothing matches.",
	CLI_FILE_EDIT_HELP,
	cmd_exception_remove_exec
};
