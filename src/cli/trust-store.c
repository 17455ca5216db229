/*
 * trust-store.c: which trust-settings file trust list and trust remove
 * use: --store FILE, or on macOS an export of the user's (--admin: the
 * admin domain's) settings made with security(1) into a private folder,
 * imported back after an edit, the export before it kept as a backup.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "platform/security.h"

/* Copy file a to b; 0, or -1 with errno. */
static int
trust_copy(const char *a, const char *b)
{
	char	 buf[65536];
	size_t	 n;
	FILE	*in, *out;
	int	 bad = 0;

	if ((in = fopen(a, "rb")) == NULL)
		return -1;
	if ((out = fopen(b, "wb")) == NULL) {
		fclose(in);
		return -1;
	}
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		bad |= fwrite(buf, 1, n, out) != n;
	bad |= ferror(in);
	fclose(in);
	bad |= fclose(out) != 0;
	return bad ? -1 : 0;
}

int
cli_trust_open(const char *named, int admin, int edit,
    struct cli_trust_src *t)
{
	struct hs_error	 err;
	const char	*tmp = getenv("TMPDIR");
	int		 r;

	memset(t, 0, sizeof t[0]);
	t->admin = admin;
	if (named != NULL) {
		t->path = named;
		return EXIT_OK;
	}
	if (!sec_available())
		return CLI_TRUST_NONE;
	snprintf(t->dir, sizeof t->dir, "%s/hstsctl-trust.XXXXXX", tmp &&
	    *tmp ? tmp : "/tmp");
	if (mkdtemp(t->dir) == NULL) {
		fprintf(stderr, "hstsctl: %s: %s\n", t->dir, strerror(errno));
		return EXIT_ERROR;
	}
	t->exported = 1;
	snprintf(t->before, sizeof t->before, "%s/TrustSettings-%s.plist",
	    t->dir, admin ? "admin" : "user");
	snprintf(t->edited, sizeof t->edited, "%s/edited.plist", t->dir);
	hs_error_init(&err);
	if (sec_export(admin, t->before, &err) != HS_OK) {
		fprintf(stderr, "hstsctl: %s\n", err.msg);
		r = err.code == HS_ENOENT ? EXIT_NOTFOUND : EXIT_ERROR;
		cli_trust_close(t);
		return r;
	}
	if (edit && trust_copy(t->before, t->edited) == -1) {
		fprintf(stderr, "hstsctl: %s: %s\n", t->edited,
		    strerror(errno));
		cli_trust_close(t);
		return EXIT_ERROR;
	}
	t->path = edit ? t->edited : t->before;
	return EXIT_OK;
}

int
cli_trust_arg(struct cli *cli, const struct cmd_entry *c, int admin,
    int edit, struct cli_trust_src *t)
{
	const char	*path = NULL;
	int		 r;

	if (admin && cli->nstores > 0)
		return args_misuse(c, "--admin picks the domain to export; it "
		    "does not apply to --store");
	if ((cli->nstores > 0 || cli->home != NULL) &&
	    (r = args_file(cli, c, CLI_TRUST_FILE, &path)) != EXIT_OK)
		return r;
	if ((r = cli_trust_open(path, admin, edit, t)) == CLI_TRUST_NONE)
		return args_file(cli, c, CLI_TRUST_FILE, &path);
	return r;
}

int
cli_trust_import(struct cli_trust_src *t)
{
	struct hs_error	err;

	hs_error_init(&err);
	if (sec_import(t->admin, t->edited, &err) != HS_OK) {
		fprintf(stderr, "hstsctl: %s; the trust settings were not "
		    "changed\n", err.msg);
		return EXIT_ERROR;
	}
	fprintf(stderr, "hstsctl: imported the edited trust settings; as "
	    "they were before, they are\nhstsctl: kept in %s; to put them "
	    "back:\n    security trust-settings-import%s %s\n", t->before,
	    t->admin ? " -d" : "", t->before);
	t->keep = 1;
	return EXIT_OK;
}

void
cli_trust_close(struct cli_trust_src *t)
{
	if (!t->exported)
		return;
	unlink(t->edited);
	if (!t->keep) {
		unlink(t->before);
		rmdir(t->dir);
	}
	t->exported = 0;
}
