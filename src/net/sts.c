/* sts.c: parsing Strict-Transport-Security per RFC 6797. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "net/sts.h"

/* RFC 7230 tchar. */
static int
sts_tchar(int c)
{
	return isalnum(c) || (c != 0 && strchr("!#$%&'*+-.^_`|~", c) != NULL);
}

static size_t
sts_skip_ws(const char *s, size_t i, size_t n)
{
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

static int
sts_fail(struct sts_header *h, const char *why)
{
	snprintf(h->error, sizeof h->error, "%s", why);
	h->valid = 0;
	return 0;
}

/* A token or quoted-string value into val (unquoted); returns new index. */
static size_t
sts_value(const char *s, size_t i, size_t n, char *val, size_t vlen,
    int *ok)
{
	size_t	w = 0;

	*ok = 0;
	if (i < n && s[i] == '"') {
		for (i++; i < n && s[i] != '"'; i++) {
			if (s[i] == '\\' && i + 1 < n)
				i++;
			if (w + 1 < vlen)
				val[w++] = s[i];
		}
		if (i >= n)
			return i;
		i++;
	} else
		for (; i < n && sts_tchar((unsigned char)s[i]); i++)
			if (w + 1 < vlen)
				val[w++] = s[i];
	val[w] = '\0';
	*ok = w > 0 || (i > 0 && s[i - 1] == '"');
	return i;
}

static int
sts_max_age(const char *v, struct sts_header *h)
{
	uint64_t	x = 0;

	if (*v == '\0')
		return sts_fail(h, "max-age has no value");
	for (; *v != '\0'; v++) {
		if (!isdigit((unsigned char)*v))
			return sts_fail(h, "max-age is not a number of seconds");
		if (x > (UINT64_MAX - (uint64_t)(*v - '0')) / 10) {
			x = UINT64_MAX;
			h->max_age_capped = 1;
		} else
			x = x * 10 + (uint64_t)(*v - '0');
	}
	h->max_age = x;
	return 1;
}

int
sts_parse(const char *s, size_t n, struct sts_header *h)
{
	char	name[64], val[64];
	size_t	i = 0, w;
	int	seen_age = 0, seen_sub = 0, has_value, ok;

	memset(h, 0, sizeof *h);
	for (;;) {
		i = sts_skip_ws(s, i, n);
		for (w = 0; i < n && sts_tchar((unsigned char)s[i]); i++)
			if (w + 1 < sizeof name)
				name[w++] = s[i];
		name[w] = '\0';
		i = sts_skip_ws(s, i, n);
		has_value = i < n && s[i] == '=';
		val[0] = '\0';
		if (has_value) {
			i = sts_skip_ws(s, i + 1, n);
			i = sts_value(s, i, n, val, sizeof val, &ok);
			if (!ok)
				return sts_fail(h, "a directive's value is "
				    "neither a token nor a quoted string");
			i = sts_skip_ws(s, i, n);
		}
		if (w > 0 && strcasecmp(name, "max-age") == 0) {
			if (seen_age++)
				return sts_fail(h, "max-age appears twice");
			if (!has_value || !sts_max_age(val, h))
				return has_value ? 0 : sts_fail(h, "max-age has "
				    "no value");
		} else if (w > 0 && strcasecmp(name, "includeSubDomains") == 0) {
			if (seen_sub++)
				return sts_fail(h, "includeSubDomains appears "
				    "twice");
			if (has_value)
				return sts_fail(h, "includeSubDomains takes no "
				    "value");
			h->include_subdomains = 1;
		} else if (w == 0 && has_value)
			return sts_fail(h, "a directive has no name");
		if (i >= n)
			break;
		if (s[i] != ';')
			return sts_fail(h, "directives must be separated by "
			    "';'");
		i++;
	}
	if (!seen_age)
		return sts_fail(h, "max-age is missing (it is required)");
	h->valid = 1;
	return 1;
}
