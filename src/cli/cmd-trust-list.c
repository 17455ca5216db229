/* cmd-trust-list.c: "hstsctl trust list", trust settings in words. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "hsts/host.h"

enum { OPT_JSON = 0x200, OPT_HOST, OPT_ADMIN };

static const struct option list_options[] = {
	{ "json", no_argument, NULL, OPT_JSON },
	{ "host", required_argument, NULL, OPT_HOST },
	{ "admin", no_argument, NULL, OPT_ADMIN },
	{ NULL, 0, NULL, 0 }
};

struct list_opts {
	int		 json;
	int		 admin;
	const char	*host;
};

static int
list_option(void *arg, int ch, const char *val)
{
	struct list_opts	*o = arg;

	if (ch == OPT_JSON)
		o->json = 1;
	else if (ch == OPT_ADMIN)
		o->admin = 1;
	else
		o->host = val;
	return -1;
}

struct list_json {
	const struct tset	 *ts;
	size_t			 *pick;
};

static json_object *
list_json_item(void *arg, size_t i)
{
	struct list_json	*l = arg;

	return cli_trust_json(&l->ts->recs[l->pick[i]]);
}

static int
cmd_trust_list_exec(struct cli *cli, int argc, char **argv)
{
	struct list_opts	 o = { 0, 0, NULL };
	struct cli_trust_src	 src;
	struct list_json	 l;
	struct tset		*ts = NULL;
	struct hs_error		 err;
	json_object		*head;
	const char		*path;
	char			*host = NULL;
	size_t			 i, n = 0;
	int			 r;

	r = args_parse(cli, &cmd_trust_list_entry, argc, argv, list_options,
	    list_option, &o);
	if (r >= 0)
		return r;
	if (optind < argc)
		return args_misuse(&cmd_trust_list_entry, "unexpected argument "
		    "'%s'", argv[optind]);
	hs_error_init(&err);
	if (o.host != NULL && host_parse(o.host, &host, &err) != HS_OK) {
		cli_error(NULL, &err);
		return cli_exit_code(&err);
	}
	if ((r = cli_trust_arg(cli, &cmd_trust_list_entry, o.admin, 0,
	    &src)) != EXIT_OK) {
		free(host);
		return r;
	}
	path = src.path;
	if (tset_read(path, &ts, &err) != HS_OK) {
		r = cli_edit_error(path, &err);
		cli_trust_close(&src);
		free(host);
		return r;
	}
	if ((l.pick = calloc(ts->nrecs + 1, sizeof *l.pick)) == NULL) {
		tset_free(ts);
		cli_trust_close(&src);
		free(host);
		return EXIT_ERROR;
	}
	for (i = 0; i < ts->nrecs; i++)
		if (host == NULL || tset_record_for_host(&ts->recs[i], host))
			l.pick[n++] = i;
	l.ts = ts;
	if (o.json) {
		head = json_object_new_object();
		json_object_object_add(head, "store",
		    json_object_new_string(path));
		json_object_object_add(head, "format", json_object_new_string(
		    plist_format_name(ts->doc->format)));
		cli_print_json(head, "records", n, list_json_item, &l);
		json_object_put(head);
	} else
		for (i = 0; i < n; i++) {
			if (i > 0)
				putchar('\n');
			cli_trust_text(stdout, &ts->recs[l.pick[i]]);
		}
	if (n == 0)
		fprintf(stderr, "hstsctl: %s: no trust setting%s%s\n", path,
		    host ? " for " : "", host ? host : "");
	free(l.pick);
	free(host);
	tset_free(ts);
	cli_trust_close(&src);
	return cli_finish(n > 0 ? EXIT_OK : EXIT_NOTFOUND);
}

const struct cmd_entry cmd_trust_list_entry = {
	"trust list",
	"[--store FILE | --admin] [--host HOST] [--json]",
	"List the macOS trust settings (\"Always Trust\" decisions) of FILE, "
	    "an export of\n'security trust-settings-export' or a copy of "
	    "trustd's TrustSettings.plist (on\nmacOS without --store: the "
	    "user's, exported with security(1)): per\ncertificate its SHA-1, "
	    "issuer, serial and date, and each usage constraint\nin words.  A "
	    "certificate without constraints is trusted for everything.",
	"  --admin        export the admin domain's settings (security -d)\n"
	"  --host HOST    only the certificates with a constraint for HOST\n"
	"  --json         one JSON document (schema in hstsctl(1))\n",
	cmd_trust_list_exec
};
