/*
 * output.c: opening the store for a command, and every way an entry or an
 * error is shown: the one error format, the table, and JSON.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "util/cftime.h"

/* The length of the UTF-8 sequence at s if it is one, not C1; else 0. */
static size_t
cli_utf8_len(const unsigned char *s)
{
	size_t		n, i;
	unsigned	c;

	if (s[0] < 0xc2 || s[0] > 0xf4)
		return 0;
	n = s[0] < 0xe0 ? 2 : s[0] < 0xf0 ? 3 : 4;
	c = s[0] & (0x7f >> n);
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	/* Overlong, surrogates, past U+10FFFF, and C1 controls. */
	if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) ||
	    (c >= 0xd800 && c < 0xe000) || c > 0x10ffff || c < 0xa0)
		return 0;
	return n;
}

const char *
cli_safe(const char *s, char *buf, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 w = 0, n = 0;

	for (; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f || *p == '\\' || (*p >= 0x80 &&
		    (n = cli_utf8_len(p)) == 0))
			break;
		else if (*p >= 0x80)
			p += n - 1;
	if (*p == '\0')
		return s;
	for (p = (const unsigned char *)s; *p != '\0' && w + 5 <= len; p++) {
		if (*p == '\\') {
			buf[w++] = '\\';
			buf[w++] = '\\';
		} else if (*p >= 0x20 && *p < 0x7f)
			buf[w++] = (char)*p;
		else if (*p >= 0x80 && (n = cli_utf8_len(p)) > 0 &&
		    w + n < len) {
			memcpy(buf + w, p, n);
			w += n;
			p += n - 1;
		} else
			w += (size_t)snprintf(buf + w, len - w, "\\x%02x", *p);
	}
	buf[w] = '\0';
	return buf;
}

void
cli_error(const char *file, const struct hs_error *err)
{
	char	where[64], msg[4 * sizeof err->msg + 1];

	hs_error_where(err, where, sizeof where);
	if (file != NULL)
		fprintf(stderr, "hstsctl: %s: %s%s\n", file,
		    cli_safe(err->msg, msg, sizeof msg), where);
	else
		fprintf(stderr, "hstsctl: %s%s\n",
		    cli_safe(err->msg, msg, sizeof msg), where);
}

int
cli_exit_code(const struct hs_error *err)
{
	switch (err->code) {
	case HS_OK:
		return EXIT_OK;
	case HS_EFORMAT:
		return EXIT_BADDATA;
	case HS_EINVAL:
		return EXIT_USAGE;
	default:
		return EXIT_ERROR;
	}
}

void
cli_warnings(const struct hsts_store *st)
{
	char	buf[CLI_SAFE_MAX];
	size_t	i;

	for (i = 0; i < st->nwarnings && st->warnings != NULL; i++) {
		if (i == 50) {
			fprintf(stderr, "hstsctl: %s: warning: %zu more "
			    "warnings not shown\n", st->path,
			    st->nwarnings - i);
			break;
		}
		fprintf(stderr, "hstsctl: %s: warning: %s\n", st->path,
		    cli_safe(st->warnings[i], buf, sizeof buf));
	}
}

const char *
cli_fda_hint(const struct hs_error *err)
{
#ifdef __APPLE__
	if (strstr(err->msg, "ermission denied") != NULL ||
	    strstr(err->msg, "not permitted") != NULL)
		return "; give the terminal Full Disk Access (System Settings "
		    "> Privacy & Security > Full Disk Access)";
#endif
	(void)err;
	return "";
}

int
cli_edit_error(const char *path, const struct hs_error *err)
{
	char	where[64];
	int	code = cli_exit_code(err);

	hs_error_where(err, where, sizeof where);
	fprintf(stderr, "hstsctl: %s: %s%s%s%s\n", path, err->msg, where,
	    cli_fda_hint(err), !err->landed && (code == EXIT_ERROR ||
	    code == EXIT_BADDATA) ? "; nothing was written" : "");
	return code;
}

/* Append s to buf (at *n of len), in single quotes when it needs them. */
static void
cli_quote(const char *s, char *buf, size_t len, size_t *n)
{
	const char	*p;
	int		 plain = *s != '\0';

	for (p = s; *p != '\0'; p++)
		if (strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "0123456789-_./:=@,+%", *p) == NULL)
			plain = 0;
	if (*n + 1 < len && *n > 0)
		buf[(*n)++] = ' ';
	if (!plain && *n + 1 < len)
		buf[(*n)++] = '\'';
	for (p = s; *p != '\0' && *n + 5 < len; p++) {
		if (*p == '\'' && !plain) {
			memcpy(buf + *n, "'\\''", 4);
			*n += 4;
		} else
			buf[(*n)++] = *p;
	}
	if (!plain && *n + 1 < len)
		buf[(*n)++] = '\'';
	buf[*n] = '\0';
}

const char *
cli_command(const struct cli *cli, const char *words, char *buf, size_t len)
{
	char	 copy[1024], *w, *save = NULL;
	size_t	 n = 0, i;

	buf[0] = '\0';
	cli_quote("hstsctl", buf, len, &n);
	if (cli->home != NULL) {
		cli_quote("--home", buf, len, &n);
		cli_quote(cli->home, buf, len, &n);
	}
	for (i = 0; i < cli->nstores; i++) {
		cli_quote("--store", buf, len, &n);
		cli_quote(cli->stores[i], buf, len, &n);
	}
	snprintf(copy, sizeof copy, "%s", words);
	for (w = strtok_r(copy, " ", &save); w != NULL; w = strtok_r(NULL,
	    " ", &save))
		cli_quote(w, buf, len, &n);
	return buf;
}

const char *
cli_again(const struct cli *cli, const char *extra, char *buf, size_t len)
{
	char	 words[1024], *w, *save = NULL;
	size_t	 n = 0;
	int	 i;

	buf[0] = '\0';
	cli_quote("hstsctl", buf, len, &n);
	for (i = 1; i < cli->argc; i++)
		cli_quote(cli->argv[i], buf, len, &n);
	snprintf(words, sizeof words, "%s", extra ? extra : "");
	for (w = strtok_r(words, " ", &save); w != NULL; w = strtok_r(NULL,
	    " ", &save))
		cli_quote(w, buf, len, &n);
	return buf;
}

const char *
cli_time(double cf, int known, char *buf, size_t len)
{
	if (!known)
		snprintf(buf, len, "-");
	else
		hs_cftime_format(cf, buf, len);
	return buf;
}

static const char *
cli_expiry(const struct hsts_entry *e, char *buf, size_t len)
{
	if (e->expiry_kind == HSTS_EXPIRY_NEVER)
		return "never";
	return cli_time(e->expiry, e->expiry_kind == HSTS_EXPIRY_AT, buf, len);
}

const char *
cli_entry_status(const struct hsts_entry *e, double now)
{
	if (e->state == HSTS_STATE_KNOCKOUT)
		return "knockout";
	if (e->state == HSTS_STATE_OFF)
		return "off";
	if (e->expiry_kind == HSTS_EXPIRY_UNKNOWN)
		return "unknown";
	if (hsts_entry_preloaded(e))
		return "preloaded";
	return hsts_entry_expired(e, now) ? "expired" : "learnt";
}

/* Columns a UTF-8 string takes (code points; no wide characters). */
static int
cli_width(const char *s)
{
	int	n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

void
cli_print_table(FILE *f, const struct hsts_store *st,
    struct hsts_entry *const *v, size_t n, double now)
{
	char		 c[64], x[64], h[CLI_SAFE_MAX], s[CLI_SAFE_MAX];
	const char	*host;
	size_t		 i;
	int		 w = 4, sessions = st->nsessions > 1, len;

	for (i = 0; i < n; i++)
		if ((len = cli_width(cli_safe(hsts_entry_label(v[i]), h,
		    sizeof h))) > w)
			w = len;
	fprintf(f, "%-*s  %-9s  %-10s  %-20s  %s\n", w, "HOST", "STATUS",
	    "SUBDOMAINS", "CREATED", sessions ? "EXPIRES               SESSION" :
	    "EXPIRES");
	for (i = 0; i < n; i++) {
		host = cli_safe(hsts_entry_label(v[i]), h, sizeof h);
		fprintf(f, "%s%*s  %-9s  %-10s  %-20s  ", host, w -
		    cli_width(host), "", cli_entry_status(v[i], now),
		    v[i]->include_subdomains ? "yes" : "no",
		    cli_time(v[i]->created, v[i]->has_created, c, sizeof c));
		if (sessions)
			fprintf(f, "%-20s  %s\n", cli_expiry(v[i], x, sizeof x),
			    cli_safe(v[i]->session, s, sizeof s));
		else
			fprintf(f, "%s\n", cli_expiry(v[i], x, sizeof x));
	}
}

void
cli_json_time(json_object *o, const char *name, double cf, int known)
{
	char	buf[64], key[64];

	snprintf(key, sizeof key, "%s_unix", name);
	if (!known || hs_cftime_format(cf, buf, sizeof buf) != 0)
		json_object_object_add(o, name, NULL);
	else
		json_object_object_add(o, name, json_object_new_string(buf));
	json_object_object_add(o, key, known && isfinite(cf) ?
	    json_object_new_double(hs_cftime_to_unix(cf)) : NULL);
}

json_object *
cli_entry_json(const struct hsts_store *st, const struct hsts_entry *e,
    double now)
{
	json_object	*o = json_object_new_object();

	json_object_object_add(o, "store", json_object_new_string(st->path));
	json_object_object_add(o, "host", json_object_new_string(e->host));
	/* Stores without sessions (Chromium's, Firefox's, ...): null. */
	json_object_object_add(o, "session", e->session[0] ?
	    json_object_new_string(e->session) : NULL);
	json_object_object_add(o, "include_subdomains",
	    json_object_new_boolean(e->include_subdomains));
	json_object_object_add(o, "preloaded",
	    json_object_new_boolean(hsts_entry_preloaded(e)));
	json_object_object_add(o, "expired",
	    json_object_new_boolean(hsts_entry_expired(e, now)));
	cli_json_time(o, "created", e->created, e->has_created);
	cli_json_time(o, "expiry", e->expiry,
	    e->expiry_kind == HSTS_EXPIRY_AT);
	json_object_object_add(o, "status", json_object_new_string(
	    cli_entry_status(e, now)));
	if (st->hashed)
		json_object_object_add(o, "name", e->named ?
		    json_object_new_string(e->norm) : NULL);
	return o;
}

#define CLI_JSON_FLAGS	(JSON_C_TO_STRING_SPACED | \
	JSON_C_TO_STRING_NOSLASHESCAPE)

int	cli_json_printed;

void
cli_print_json_object(json_object *o)
{
	json_object	*top = json_object_new_object();

	cli_json_printed = 1;
	/* schema_version first, then o's members in their order. */
	json_object_object_add(top, "schema_version",
	    json_object_new_int(CLI_JSON_SCHEMA));
	json_object_object_foreach(o, key, val)
		json_object_object_add(top, key, json_object_get(val));
	puts(json_object_to_json_string_ext(top, JSON_C_TO_STRING_PRETTY |
	    CLI_JSON_FLAGS));
	json_object_put(top);
}

/*
 * In JSON mode, errors go to stdout as JSON too: stderr is passed through
 * a stream that keeps its first line, which cli_json_error prints.
 */
static char	json_err_line[1024];
static size_t	json_err_len;
static int	json_err_done;
static FILE	*json_err_real;

static ssize_t
json_err_write(void *cookie, const char *buf, size_t n)
{
	size_t	i;

	(void)cookie;
	for (i = 0; i < n && !json_err_done; i++) {
		if (buf[i] == '\n' || json_err_len + 1 >= sizeof json_err_line)
			json_err_done = 1;
		else
			json_err_line[json_err_len++] = buf[i];
	}
	return (ssize_t)fwrite(buf, 1, n, json_err_real);
}

#ifdef __APPLE__
static int
json_err_write_bsd(void *cookie, const char *buf, int n)
{
	return (int)json_err_write(cookie, buf, (size_t)n);
}
#endif

void
cli_json_errors(void)
{
	FILE	*f;

	json_err_real = stderr;
#ifdef __APPLE__
	f = funopen(NULL, NULL, json_err_write_bsd, NULL, NULL);
#else
	f = fopencookie(NULL, "w", (cookie_io_functions_t){ NULL,
	    json_err_write, NULL, NULL });
#endif
	if (f != NULL) {
		setvbuf(f, NULL, _IONBF, 0);
		stderr = f;
	}
}

void
cli_json_error(int code)
{
	json_object	*o, *e;
	const char	*msg = json_err_line;

	if (cli_json_printed || code == EXIT_OK || json_err_real == NULL)
		return;
	json_err_line[json_err_len] = '\0';
	if (strncmp(msg, "hstsctl: ", 9) == 0)
		msg += 9;
	o = json_object_new_object();
	e = json_object_new_object();
	json_object_object_add(e, "message", json_object_new_string(msg));
	json_object_object_add(e, "exit", json_object_new_int(code));
	json_object_object_add(o, "error", e);
	cli_print_json_object(o);
	json_object_put(o);
	fflush(stdout);
}
void
cli_print_json(json_object *head, const char *name, size_t n,
    json_object *(*item)(void *, size_t), void *arg)
{
	json_object	*o;
	size_t		 i;

	cli_json_printed = 1;
	printf("{\n  \"schema_version\": %d,\n", CLI_JSON_SCHEMA);
	json_object_object_foreach(head, key, val)
		printf("  \"%s\": %s,\n", key,
		    json_object_to_json_string_ext(val, CLI_JSON_FLAGS));
	printf("  \"%s\": [", name);
	for (i = 0; i < n; i++) {
		o = item(arg, i);
		printf("%s\n    %s", i ? "," : "",
		    json_object_to_json_string_ext(o, CLI_JSON_FLAGS));
		json_object_put(o);
	}
	fputs(n ? "\n  ]\n}\n" : "]\n}\n", stdout);
}

int
cli_finish(int code)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "hstsctl: cannot write output: %s\n",
		    strerror(errno));
		return EXIT_ERROR;
	}
	return code;
}
