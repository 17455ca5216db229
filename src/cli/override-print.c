/*
 * override-print.c: Firefox's certificate exceptions (cert_override.txt)
 * for exception list and exception remove.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "firefox/cert-override.h"
#include "hsts/host.h"
#include "util/encode.h"
#include "util/file.h"

int
cli_is_override(const char *path)
{
	struct hs_error	err;
	char		head[128];
	size_t		n = 0;

	hs_error_init(&err);
	if (hs_file_head(path, head, sizeof head, &n, &err) != HS_OK)
		n = 0;
	return fco_sniff(path, head, n);
}

static json_object *
override_item(void *arg, size_t i)
{
	const struct fco_entry	*e = &((const struct fco *)arg)->v[i];
	json_object		*o = json_object_new_object();
	char			 hex[65];

	json_object_object_add(o, "host", json_object_new_string(e->host));
	json_object_object_add(o, "port", json_object_new_int((int)e->port));
	json_object_object_add(o, "origin_attributes", e->attrs[0] ?
	    json_object_new_string(e->attrs) : NULL);
	hs_encode_hex(e->sha256, 32, hex);
	json_object_object_add(o, "sha256", e->has_sha256 ?
	    json_object_new_string(hex) : NULL);
	json_object_object_add(o, "line", json_object_new_int((int)e->line));
	return o;
}

int
cli_override_list(const char *path, int json)
{
	struct fco	*f;
	struct hs_error	 err;
	json_object	*head;
	char		 hex[65], h[CLI_SAFE_MAX], a[CLI_SAFE_MAX];
	size_t		 i;
	int		 r;

	hs_error_init(&err);
	if (fco_read(path, &f, &err) != HS_OK) {
		cli_error(path, &err);
		return cli_exit_code(&err);
	}
	if (json) {
		head = json_object_new_object();
		json_object_object_add(head, "store",
		    json_object_new_string(path));
		json_object_object_add(head, "format",
		    json_object_new_string("firefox-cert-override"));
		cli_print_json(head, "exceptions", f->n, override_item, f);
		json_object_put(head);
	} else if (f->n > 0)
		printf("%-30s  %-5s  %-20s  %s\n", "HOST", "PORT", "ATTRIBUTES",
		    "SHA-256");
	for (i = 0; !json && i < f->n; i++) {
		hs_encode_hex(f->v[i].sha256, 32, hex);
		printf("%-30s  %-5u  %-20s  %s\n", cli_safe(f->v[i].host, h,
		    sizeof h), f->v[i].port, f->v[i].attrs[0] ? cli_safe(
		    f->v[i].attrs, a, sizeof a) : "-", f->v[i].has_sha256 ?
		    hex : "(not SHA-256)");
	}
	if (f->n == 0)
		fprintf(stderr, "hstsctl: %s: no certificate exception in this "
		    "file\n", path);
	r = f->n > 0 ? EXIT_OK : EXIT_NOTFOUND;
	fco_free(f);
	return cli_finish(r);
}

void
cli_removed_json(const char *path, int dry_run, const char *what, size_t n)
{
	json_object	*o = json_object_new_object();

	json_object_object_add(o, "dry_run", json_object_new_boolean(dry_run));
	json_object_object_add(o, "store", json_object_new_string(path));
	json_object_object_add(o, what, json_object_new_int64((int64_t)n));
	cli_print_json_object(o);
	json_object_put(o);
}

int
cli_override_remove(const char *path, const char *arg,
    const struct cli_edit_opts *o)
{
	struct hs_error	 err;
	char		*host;
	size_t		 n = 0;
	int		 r;

	hs_error_init(&err);
	if (host_parse(arg, &host, &err) != HS_OK) {
		cli_error(NULL, &err);
		return cli_exit_code(&err);
	}
	r = fco_remove(path, host, (o->dry_run ? HS_FILE_DRY_RUN : 0) |
	    (o->backup ? HS_FILE_BACKUP : 0), &n, &err);
	if (r != HS_OK)
		r = cli_edit_error(path, &err);
	else if (o->json && n > 0)
		cli_removed_json(path, o->dry_run, "removed", n);
	else if (n == 0) {
		fprintf(stderr, "hstsctl: %s: no certificate exception for %s; "
		    "the file was not rewritten\n", path, host);
		r = EXIT_NOTFOUND;
	} else if (o->dry_run)
		printf("would remove %zu certificate exception%s for %s\n", n,
		    n == 1 ? "" : "s", host);
	else if (!o->quiet)
		fprintf(stderr, "hstsctl: removed %zu certificate exception%s "
		    "for %s\n", n, n == 1 ? "" : "s", host);
	free(host);
	return cli_finish(r);
}
