/*
 * cmd-trust-remove.c: "hstsctl trust remove", a host's trust settings or
 * one certificate's, never widening trust.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "hsts/host.h"
#include "trust/settings-remove.h"

enum { OPT_CERT = 0x200, OPT_ADMIN };

static const struct option remove_options[] = {
	{ "cert", required_argument, NULL, OPT_CERT },
	{ "admin", no_argument, NULL, OPT_ADMIN },
	CLI_FILE_EDIT_OPTIONS,
	{ NULL, 0, NULL, 0 }
};

struct remove_opts {
	struct cli_edit_opts	 edit;
	const char		*cert;
	int			 admin;
};

static int
remove_option(void *arg, int ch, const char *val)
{
	struct remove_opts	*o = arg;

	if (cli_edit_option(&o->edit, ch))
		return -1;
	if (ch == OPT_CERT)
		o->cert = val;
	else if (ch == OPT_ADMIN)
		o->admin = 1;
	return -1;
}

static void
remove_report(const struct tset_plan *p, const struct cli_edit_opts *o)
{
	const struct tset_change	*c;
	FILE				*f = o->dry_run ? stdout : stderr;
	size_t				 i;

	for (i = 0; i < p->nch && !(o->quiet && !o->dry_run); i++) {
		c = &p->ch[i];
		fprintf(f, "%s%s ", o->dry_run ? "" : "hstsctl: ", o->dry_run ?
		    "would remove" : "removed");
		if (c->whole)
			fprintf(f, "the trust setting of %s (%zu constraint%s)"
			    "\n", c->key, c->nuses, c->nuses == 1 ? "" : "s");
		else
			fprintf(f, "%zu of %zu constraints of %s\n", c->nitems,
			    c->nuses, c->key);
	}
}

static void
remove_json(const char *path, const struct tset_plan *p,
    const struct cli_edit_opts *o)
{
	json_object	*doc = json_object_new_object(), *a, *c;
	size_t		 i;

	json_object_object_add(doc, "dry_run", json_object_new_boolean(
	    o->dry_run));
	json_object_object_add(doc, "store", json_object_new_string(path));
	a = json_object_new_array();
	for (i = 0; i < p->nch; i++) {
		c = json_object_new_object();
		json_object_object_add(c, "key", json_object_new_string(
		    p->ch[i].key));
		json_object_object_add(c, "whole_record",
		    json_object_new_boolean(p->ch[i].whole));
		json_object_object_add(c, "constraints_before",
		    json_object_new_int64((int64_t)p->ch[i].nuses));
		json_object_object_add(c, "constraints_removed",
		    json_object_new_int64((int64_t)(p->ch[i].whole ?
		    p->ch[i].nuses : p->ch[i].nitems)));
		json_object_array_add(a, c);
	}
	json_object_object_add(doc, "removed", a);
	cli_print_json_object(doc);
	json_object_put(doc);
}

/* A SHA-1 as 40 hex digits, or a usage error. */
static int
remove_sha1_ok(const char *s)
{
	size_t	i;

	for (i = 0; s[i] != '\0'; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <=
		    'f') || (s[i] >= 'A' && s[i] <= 'F')))
			return 0;
	return i == 40;
}

static int
cmd_trust_remove_exec(struct cli *cli, int argc, char **argv)
{
	struct remove_opts	 o = { { 0, 0, 0, 0, 0, 0, NULL }, NULL, 0 };
	struct cli_trust_src	 src;
	struct tset_target	 target = { NULL, NULL, NULL, 0 };
	struct tset_plan	*plan = NULL;
	struct hs_error		 err;
	const char		*path;
	char			*host = NULL;
	int			 r, flags;

	r = args_parse(cli, &cmd_trust_remove_entry, argc, argv,
	    remove_options, remove_option, &o);
	if (r >= 0)
		return r;
	if (o.cert != NULL ? optind != argc : optind != argc - 1)
		return args_misuse(&cmd_trust_remove_entry, o.cert ? "--cert "
		    "takes the place of HOST" : "trust remove takes one HOST, "
		    "or --cert SHA1");
	if (o.cert != NULL && !remove_sha1_ok(o.cert))
		return args_misuse(&cmd_trust_remove_entry, "--cert takes a "
		    "SHA-1, 40 hex digits, not '%s'", o.cert);
	hs_error_init(&err);
	if (o.cert == NULL && host_parse(argv[optind], &host, &err) != HS_OK) {
		cli_error(NULL, &err);
		return cli_exit_code(&err);
	}
	if ((r = cli_trust_arg(cli, &cmd_trust_remove_entry, o.admin, 1,
	    &src)) != EXIT_OK) {
		free(host);
		return r;
	}
	path = src.path;
	/* An export is its own backup. */
	flags = (o.edit.dry_run ? PLIST_TXN_DRY_RUN : 0) |
	    (o.edit.backup && !src.exported ? PLIST_TXN_BACKUP : 0);
	target.host = host;
	target.cert = o.cert;
	if (tset_remove(path, &target, flags, &plan, &err) != HS_OK)
		r = cli_edit_error(path, &err);
	else if (plan->nch == 0) {
		fprintf(stderr, "hstsctl: %s: no trust setting for %s; the file "
		    "was not rewritten\n", path, host ? host : o.cert);
		r = EXIT_NOTFOUND;
	} else {
		if (o.edit.json)
			remove_json(path, plan, &o.edit);
		else
			remove_report(plan, &o.edit);
		r = src.exported && !o.edit.dry_run ? cli_trust_import(&src) :
		    EXIT_OK;
	}
	cli_trust_close(&src);
	tset_plan_free(plan);
	free(host);
	return cli_finish(r);
}

const struct cmd_entry cmd_trust_remove_entry = {
	"trust remove",
	"HOST | --cert SHA1 [--store FILE | --admin] [--dry-run] [--backup] "
	    "[--quiet] [--json]",
	"Remove the trust settings scoped to HOST from FILE, changing nothing "
	    "else in\nit.  When they are all a certificate's record holds, the "
	    "whole record goes:\na record left without constraints would "
	    "trust the certificate for\neverything.  --cert removes one "
	    "certificate's record.  On macOS without --store: export "
	    "with\nsecurity(1), edit, import (it asks for authorisation), "
	    "keeping the export.\nNever edit trustd's own files (see "
	    "hstsctl(1)).  Exit 3 when nothing matches.",
	"  --cert SHA1    remove the record of this certificate instead\n"
	"  --admin        the admin domain's settings (security -d)\n"
	CLI_FILE_EDIT_HELP,
	cmd_trust_remove_exec
};
