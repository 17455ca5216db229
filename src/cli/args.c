/*
 * args.c: what every command's arguments share: option parsing with
 * --store and --help, the help text, and usage errors.
 */
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

const char args_common_help[] =
    "  --store FILE   act on this store only (repeatable; default:\n"
    "                 $HSTSCTL_STORE, else every store in the home)\n"
    "  --home DIR     the home whose stores to use (default: $HSTSCTL_HOME,\n"
    "                 then $HOME); for a copied home or a mounted disk\n"
    "  -h, --help     show this help\n";

const char args_exit_help[] =
    "Exit status: 0 success, 1 error (I/O, system), 2 usage error,\n"
    "3 nothing matched, 4 a store is malformed or not an HSTS store,\n"
    "5 untrusted, 6 stale (check, doctor), 7 a running process holds a\n"
    "store (nothing written).\n";

void
args_wrap(FILE *f, size_t first, size_t indent, size_t max, const char *s)
{
	size_t	col = first, w;

	while (*s != '\0') {
		s += strspn(s, " \n");
		if (*s == '\0')
			break;
		w = strcspn(s, " \n");
		if (col > first && col + 1 + w > 80) {
			fprintf(f, "\n%*s", (int)indent, "");
			col = indent;
		} else if (col > first) {
			fputc(' ', f);
			col++;
		}
		fwrite(s, 1, w, f);
		col += w;
		s += w;
		if (max > 0 && s[-1] == '.' && (*s == ' ' || *s == '\n' ||
		    *s == '\0') && --max == 0)
			break;
	}
	fputc('\n', f);
}

void
args_usage_line(FILE *f, const char *indent, const struct cmd_entry *c)
{
	char	head[128];

	snprintf(head, sizeof head, "%shstsctl %s", indent, c->name);
	fputs(head, f);
	fputc(' ', f);
	args_wrap(f, strlen(head) + 1, strlen(head) + 1, 0, c->args);
}

void
args_help(FILE *f, const struct cmd_entry *c)
{
	args_usage_line(f, "usage: ", c);
	fputc('\n', f);
	args_wrap(f, 0, 0, 0, c->summary);
	fprintf(f, "\nOptions:\n%s%s\n%s", c->help, args_common_help,
	    args_exit_help);
}

int
args_misuse(const struct cmd_entry *c, const char *fmt, ...)
{
	va_list	ap;

	fputs("hstsctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (c != NULL)
		fprintf(stderr, "\nusage: hstsctl %s %s\n", c->name, c->args);
	else
		fputs("\nusage: hstsctl [--home DIR] [--store FILE] COMMAND "
		    "[ARGS]; see "
		    "'hstsctl --help'\n", stderr);
	return EXIT_USAGE;
}

/* "h" and every own option whose value is a letter ("nbq"). */
static const char *
args_shortopts(const struct option *own)
{
	static char	buf[32];
	size_t		n = 0;

	buf[n++] = 'h';
	for (; own != NULL && own->name != NULL && n + 2 < sizeof buf; own++)
		if (own->val > 0 && own->val < 0x80 && own->has_arg ==
		    no_argument)
			buf[n++] = (char)own->val;
	buf[n] = '\0';
	return buf;
}

/* Levenshtein distance, capped at 9 (longer words are not near). */
static size_t
args_distance(const char *a, const char *b)
{
	size_t	la = strlen(a), lb = strlen(b), i, j, d[33], prev, t;

	if (la > 32 || lb > 32)
		return 9;
	for (j = 0; j <= lb; j++)
		d[j] = j;
	for (i = 1; i <= la; i++) {
		prev = d[0];
		d[0] = i;
		for (j = 1; j <= lb; j++) {
			t = d[j];
			d[j] = a[i - 1] == b[j - 1] ? prev : 1 + (prev < d[j] ?
			    (prev < d[j - 1] ? prev : d[j - 1]) : (d[j] <
			    d[j - 1] ? d[j] : d[j - 1]));
			prev = t;
		}
	}
	return d[lb] > 9 ? 9 : d[lb];
}

const char *
args_nearest(const char *word, const char *const *cands, size_t n)
{
	const char	*best = NULL;
	size_t		 i, d, bd = 3;

	for (i = 0; i < n; i++)
		if ((d = args_distance(word, cands[i])) < bd ||
		    (d == bd && best == NULL && d <= strlen(word) / 3)) {
			bd = d;
			best = cands[i];
		}
	return best != NULL && bd <= 2 ? best : NULL;
}

#define ARGS_OPT_STORE	0x100
#define ARGS_OPT_HOME	0x101
#define ARGS_OPT_HELP	'h'

int
args_store(struct cli *cli, const char *path)
{
	if (cli->nstores == CLI_MAX_STORES)
		return args_misuse(NULL, "at most %d --store options",
		    CLI_MAX_STORES);
	cli->stores[cli->nstores++] = path;
	return -1;
}

/* " (did you mean --json?)" for a mistyped long option, or "". */
static const char *
args_option_hint(const struct option *opts, const char *arg)
{
	static char	 hint[96];
	const char	*names[40], *best;
	char		 word[64];
	size_t		 n = 0;

	if (strncmp(arg, "--", 2) != 0)
		return "";
	snprintf(word, sizeof word, "%s", arg + 2);
	word[strcspn(word, "=")] = '\0';
	for (; opts->name != NULL && n < 40; opts++)
		names[n++] = opts->name;
	if ((best = args_nearest(word, names, n)) == NULL)
		return "";
	snprintf(hint, sizeof hint, " (did you mean --%s?)", best);
	return hint;
}

int
args_parse(struct cli *cli, const struct cmd_entry *c, int argc,
    char **argv, const struct option *own, int (*cb)(void *, int,
    const char *), void *arg)
{
	struct option	 opts[32];
	size_t		 n = 0;
	int		 ch, r, li;

	for (; own != NULL && own[n].name != NULL && n < 28; n++)
		opts[n] = own[n];
	opts[n++] = (struct option){ "store", required_argument, NULL,
	    ARGS_OPT_STORE };
	opts[n++] = (struct option){ "home", required_argument, NULL,
	    ARGS_OPT_HOME };
	opts[n++] = (struct option){ "help", no_argument, NULL, ARGS_OPT_HELP };
	opts[n] = (struct option){ NULL, 0, NULL, 0 };
	optind = 0;	/* 0: glibc re-reads the option string (permutes) */
	opterr = 0;
	while ((li = -1, ch = getopt_long(argc, argv, args_shortopts(own),
	    opts, &li)) != -1) {
		switch (ch) {
		case ARGS_OPT_STORE:
			if ((r = args_store(cli, optarg)) >= 0)
				return r;
			break;
		case ARGS_OPT_HOME:
			cli->home = optarg;
			break;
		case ARGS_OPT_HELP:
			args_help(stdout, c);
			return cli_finish(EXIT_OK);
		case '?':
			if (optopt != 0 && optopt < 0x100)
				return args_misuse(c, "unknown option '-%c'",
				    optopt);
			return args_misuse(c, "unknown option or missing "
			    "argument '%s'%s", argv[optind - 1],
			    args_option_hint(opts, argv[optind - 1]));
		default:
			if ((r = cb(arg, ch, optarg)) >= 0)
				return r;
		}
	}
	return -1;
}

int
args_file(struct cli *cli, const struct cmd_entry *c, const char *what,
    const char **path)
{
	if (cli->home != NULL)
		return args_misuse(c, "%s reads the file given with --store; "
		    "--home does not apply", c->name);
	if (cli->nstores != 1)
		return args_misuse(c, "%s needs one --store FILE, %s", c->name,
		    what);
	*path = cli->stores[0];
	return EXIT_OK;
}

int
args_number(const char *s, long long lo, long long hi, long long *out)
{
	long long	v = 0;
	int		d;

	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return 0;
		d = *s - '0';
		if (v > (LLONG_MAX - d) / 10)
			return 0;
		v = v * 10 + d;
	}
	if (v < lo || v > hi)
		return 0;
	*out = v;
	return 1;
}
