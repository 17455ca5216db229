/* cmd-exception-dump.c: "hstsctl exception dump", a blob in plain words. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

/* Blobs are a few hundred bytes; anything this large is not one. */
#define DUMP_MAX	((size_t)16 << 20)

enum { OPT_JSON = 0x200, OPT_BASE64, OPT_HEX };

struct dump_opts {
	int		json;
	enum texc_input	input;
	int		conflict;
};

static const struct option dump_options[] = {
	{ "json", no_argument, NULL, OPT_JSON },
	{ "base64", no_argument, NULL, OPT_BASE64 },
	{ "hex", no_argument, NULL, OPT_HEX },
	{ NULL, 0, NULL, 0 }
};

static int
dump_option(void *arg, int ch, const char *val)
{
	struct dump_opts	*o = arg;

	if (ch == OPT_JSON)
		o->json = 1;
	else {
		o->conflict |= o->input != TEXC_INPUT_AUTO;
		o->input = ch == OPT_BASE64 ? TEXC_INPUT_BASE64 :
		    TEXC_INPUT_HEX;
	}
	return -1;
}

/* Read all of f, at most DUMP_MAX bytes; caller frees. */
static int
dump_read(FILE *f, char **out, size_t *len, struct hs_error *err)
{
	char	*buf = NULL, *nb;
	size_t	 n = 0, cap = 0, got;

	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 65536;
			if (cap > DUMP_MAX + 1)
				cap = DUMP_MAX + 1;
			if ((nb = realloc(buf, cap)) == NULL) {
				free(buf);
				return hs_error_set(err, HS_ENOMEM,
				    "out of memory");
			}
			buf = nb;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (n > DUMP_MAX) {
			free(buf);
			return hs_error_set(err, HS_EFORMAT, "more than %zu "
			    "bytes: not a trust-exception blob", DUMP_MAX);
		}
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		free(buf);
		return hs_error_set(err, HS_EIO, "read failed: %s",
		    strerror(errno));
	}
	*out = buf;
	*len = n;
	return HS_OK;
}

static int
dump_load(const char *name, enum texc_input how, struct texc **t,
    struct hs_error *err)
{
	FILE		*f = stdin;
	char		*text = NULL;
	unsigned char	*blob = NULL;
	size_t		 len = 0, blen = 0;
	int		 r;

	if (strcmp(name, "-") != 0 && (f = fopen(name, "rb")) == NULL)
		return hs_error_set(err, errno == ENOENT ? HS_ENOENT : HS_EIO,
		    "%s", strerror(errno));
	r = dump_read(f, &text, &len, err);
	if (f != stdin)
		fclose(f);
	if (r != HS_OK)
		return r;
	if (len == 0)
		r = hs_error_set(err, HS_EFORMAT, "empty input");
	else if ((r = texc_input(text, len, how, &blob, &blen, err)) == HS_OK)
		r = texc_decode(blob, blen, t, err);
	free(text);
	free(blob);
	return r;
}

static int
cmd_exception_dump_exec(struct cli *cli, int argc, char **argv)
{
	struct dump_opts	 o = { 0, TEXC_INPUT_AUTO, 0 };
	struct texc		*t;
	struct hs_error		 err;
	json_object		*j;
	const char		*name;
	int			 r;

	r = args_parse(cli, &cmd_exception_dump_entry, argc, argv,
	    dump_options, dump_option, &o);
	if (r >= 0)
		return r;
	if (o.conflict)
		return args_misuse(&cmd_exception_dump_entry, "--base64 and "
		    "--hex cannot be combined");
	if (cli->nstores > 0 || cli->home != NULL)
		return args_misuse(&cmd_exception_dump_entry, "exception dump "
		    "reads FILE or standard input; --store and --home do not "
		    "apply");
	if (argc - optind > 1)
		return args_misuse(&cmd_exception_dump_entry, "dump takes one "
		    "FILE (or - for standard input)");
	name = optind < argc ? argv[optind] : "-";
	hs_error_init(&err);
	if (dump_load(name, o.input, &t, &err) != HS_OK) {
		cli_error(strcmp(name, "-") ? name : "(standard input)", &err);
		return cli_exit_code(&err);
	}
	if (o.json) {
		j = cli_texc_json(t);
		json_object_object_add(j, "file", json_object_new_string(name));
		cli_print_json_object(j);
		json_object_put(j);
	} else
		cli_texc_text(stdout, t);
	texc_free(t);
	return cli_finish(EXIT_OK);
}

const struct cmd_entry cmd_exception_dump_entry = {
	"exception dump",
	"[FILE | -] [--base64 | --hex] [--json]",
	"Decode a trust-exception blob (what SecTrustCopyExceptions returns) "
	    "and say\nin plain words what it excepts, certificate by "
	    "certificate.  FILE holds the\nblob as a binary or XML plist, or "
	    "as base64 or hex text; - or none reads\nstandard input.",
	"  --base64       the input is base64 text\n"
	"  --hex          the input is hex text\n"
	"  --json         one JSON document (schema in hstsctl(1))\n",
	cmd_exception_dump_exec
};
