/* cmd-exception-list.c: "hstsctl exception list", blobs in any store. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "trust/locate.h"
#include "util/cftime.h"

enum { OPT_JSON = 0x200 };

static const struct option list_options[] = {
	{ "json", no_argument, NULL, OPT_JSON },
	{ NULL, 0, NULL, 0 }
};

static int
list_option(void *arg, int ch, const char *val)
{
	*(int *)arg = 1;
	return -1;
}

/* The key path as "a / b / c" into buf. */
static void
list_path(const struct texc_found *f, char *buf, size_t len)
{
	size_t	i, n = 0;

	buf[0] = '\0';
	for (i = 0; i < f->depth && n + 1 < len; i++)
		n += (size_t)snprintf(buf + n, len - n, "%s%s", i ? " / " : "",
		    f->path[i]);
	if (f->depth == 0)
		snprintf(buf, len, "(the whole file)");
}

static const char *
list_owner(const struct texc_found *f, char *buf, size_t len)
{
	if (f->layout == TEXC_LAYOUT_SAFARI)
		snprintf(buf, len, "%s%s%s", f->owner, f->port && *f->port ?
		    ":" : "", f->port ? f->port : "");
	else if (f->layout == TEXC_LAYOUT_EAP)
		snprintf(buf, len, "%s (%s)", f->owner, f->domain);
	else
		snprintf(buf, len, "-");
	return buf;
}

static int
list_key_mismatch(const struct texc_found *f)
{
	return f->key_sha1 != NULL && f->leaf_sha1[0] != '\0' &&
	    strcasecmp(f->key_sha1, f->leaf_sha1) != 0;
}

static void
list_text(const struct texc_found *f, size_t n, const char *store)
{
	char	owner[512], when[64], keys[512], path[2048];
	char	so[CLI_SAFE_MAX], sk[CLI_SAFE_MAX], sp[CLI_SAFE_MAX];
	size_t	i;

	printf("%-28s  %-9s  %-40s  %-20s  %-24s  %s\n", "OWNER", "LAYOUT",
	    "LEAF SHA-1", "CREATED", "EXCEPTS", "WHERE");
	for (i = 0; i < n; i++) {
		if (f[i].has_date)
			hs_cftime_format(f[i].date, when, sizeof when);
		else
			snprintf(when, sizeof when, "-");
		cli_texc_keys(f[i].blob, keys, sizeof keys);
		list_path(&f[i], path, sizeof path);
		list_owner(&f[i], owner, sizeof owner);
		printf("%-28s  %-9s  %-40s  %-20s  %-24s  %s\n",
		    cli_safe(owner, so, sizeof so),
		    texc_layout_name(f[i].layout), f[i].leaf_sha1[0] ?
		    f[i].leaf_sha1 : "-", when, cli_safe(keys, sk, sizeof sk),
		    cli_safe(path, sp, sizeof sp));
		if (list_key_mismatch(&f[i]))
			fprintf(stderr, "hstsctl: %s: warning: %s: the key "
			    "names SHA-1 %s, but the blob's leaf is %s\n",
			    store, cli_safe(path, sp, sizeof sp),
			    cli_safe(f[i].key_sha1, sk, sizeof sk),
			    f[i].leaf_sha1);
	}
}

/* The digits that end a Safari bypass's key as a number, or null. */
static json_object *
list_port(const char *s)
{
	char	*end;
	long	 v;

	if (s == NULL || *s < '0' || *s > '9')
		return NULL;
	v = strtol(s, &end, 10);
	return *end == '\0' && v <= 65535 ? json_object_new_int((int)v) : NULL;
}

static json_object *
list_item(const struct texc_found *f)
{
	json_object	*o = cli_texc_json(f->blob), *p;
	size_t		 i;

	p = json_object_new_array();
	for (i = 0; i < f->depth; i++)
		json_object_array_add(p, json_object_new_string(f->path[i]));
	json_object_object_add(o, "path", p);
	json_object_object_add(o, "layout",
	    json_object_new_string(texc_layout_name(f->layout)));
	json_object_object_add(o, "owner", f->owner ?
	    json_object_new_string(f->owner) : NULL);
	json_object_object_add(o, "port", list_port(f->port));
	json_object_object_add(o, "domain", f->domain ?
	    json_object_new_string(f->domain) : NULL);
	json_object_object_add(o, "leaf_sha1", f->leaf_sha1[0] ?
	    json_object_new_string(f->leaf_sha1) : NULL);
	json_object_object_add(o, "key_sha1", f->key_sha1 ?
	    json_object_new_string(f->key_sha1) : NULL);
	json_object_object_add(o, "key_matches_leaf",
	    json_object_new_boolean(!list_key_mismatch(f)));
	cli_json_time(o, "created", f->date, f->has_date);
	json_object_object_add(o, "removable",
	    json_object_new_boolean(!f->in_array && f->depth > 0));
	return o;
}

static json_object *
list_json_item(void *arg, size_t i)
{
	return list_item(&((const struct texc_found *)arg)[i]);
}

static int
cmd_exception_list_exec(struct cli *cli, int argc, char **argv)
{
	struct plist_doc	*doc;
	struct texc_found	*f;
	struct hs_error		 err;
	json_object		*head;
	size_t			 n;
	int			 json = 0, r;

	r = args_parse(cli, &cmd_exception_list_entry, argc, argv,
	    list_options, list_option, &json);
	if (r >= 0)
		return r;
	if (optind < argc)
		return args_misuse(&cmd_exception_list_entry, "unexpected "
		    "argument '%s'", argv[optind]);
	if (cli->nstores == 1 && cli->home == NULL &&
	    cli_is_override(cli->stores[0]))
		return cli_override_list(cli->stores[0], json);
	if ((r = cli_exception_store(cli, &cmd_exception_list_entry, &doc)) !=
	    EXIT_OK)
		return r;
	hs_error_init(&err);
	if (texc_find_all(doc, &f, &n, &err) != HS_OK) {
		cli_error(cli->stores[0], &err);
		plist_doc_free(doc);
		return EXIT_ERROR;
	}
	if (json) {
		head = json_object_new_object();
		json_object_object_add(head, "store",
		    json_object_new_string(cli->stores[0]));
		json_object_object_add(head, "format", json_object_new_string(
		    plist_format_name(doc->format)));
		cli_print_json(head, "exceptions", n, list_json_item, f);
		json_object_put(head);
	} else if (n > 0)
		list_text(f, n, cli->stores[0]);
	else
		fprintf(stderr, "hstsctl: %s: no trust-exception blob in this "
		    "file\n", cli->stores[0]);
	texc_found_free(f, n);
	plist_doc_free(doc);
	return cli_finish(n > 0 ? EXIT_OK : EXIT_NOTFOUND);
}

const struct cmd_entry cmd_exception_list_entry = {
	"exception list",
	"--store FILE [--json]",
	"Find every trust-exception blob in a property list (binary or XML): "
	    "where it\nsits, and for eapclient, Safari bypass and SHA-1-keyed "
	    "stores whom it is for\nand when it was made.  Exit 3 when there "
	    "is none.",
	"  --json         one JSON document (schema in hstsctl(1))\n",
	cmd_exception_list_exec
};
