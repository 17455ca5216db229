/*
 * wget.c: wget's HSTS database (~/.wget-hsts; src/hsts.c writes it):
 * "#" comment lines, then `host<TAB>port<TAB>subdomains<TAB>created<TAB>
 * max-age` (port 0 for the default, subdomains 0 or 1, times in Unix
 * seconds); older files write `host[:port]` and no port column.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "curlwget/curlwget.h"
#include "util/cftime.h"

int
wget_sniff(const char *path, const char *buf, size_t len)
{
	const char	*base = strrchr(path, '/');

	base = base ? base + 1 : path;
	return strcmp(base, ".wget-hsts") == 0 || (len >= sizeof WGET_HEADER -
	    1 && memcmp(buf, WGET_HEADER, sizeof WGET_HEADER - 1) == 0);
}

/* A decimal number of at most 20 digits; -1 if it is not one. */
static int
wget_number(const char *s, size_t n, unsigned long long *out)
{
	size_t	i;

	if (n == 0 || n > 19)
		return -1;
	*out = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*out = *out * 10 + (unsigned)(s[i] - '0');
	}
	return 0;
}

/* Split a line at tabs into at most 6 fields. */
static size_t
wget_fields(const struct hs_line *l, const char **f, size_t *fl)
{
	const char	*p = l->p, *end = l->p + l->len, *tab;
	size_t		 n = 0;

	while (n < 6) {
		tab = memchr(p, '\t', (size_t)(end - p));
		f[n] = p;
		fl[n] = (size_t)((tab ? tab : end) - p);
		n++;
		if (tab == NULL)
			break;
		p = tab + 1;
	}
	return n;
}

static int
wget_line(struct hsts_store *st, const struct hs_line *l,
    struct hs_error *err)
{
	struct hsts_entry	*e;
	const char		*f[6], *colon;
	unsigned long long	 sub, created, age, port = 0;
	char			 ses[24];
	size_t			 fl[6], n, hostlen, base;

	if (l->len == 0 || l->p[0] == '#')
		return HS_OK;
	n = wget_fields(l, f, fl);
	base = n == 5 ? 1 : 0;		/* the old layout has no port */
	hostlen = fl[0];
	if (n == 4 && (colon = memchr(f[0], ':', fl[0])) != NULL) {
		hostlen = (size_t)(colon - f[0]);
		if (wget_number(colon + 1, fl[0] - hostlen - 1, &port) != 0)
			goto bad;
	}
	if ((n != 4 && n != 5) || hostlen == 0 ||
	    (n == 5 && wget_number(f[1], fl[1], &port) != 0) ||
	    wget_number(f[base + 1], fl[base + 1], &sub) != 0 || sub > 1 ||
	    wget_number(f[base + 2], fl[base + 2], &created) != 0 ||
	    wget_number(f[base + 3], fl[base + 3], &age) != 0 || port > 65535)
		goto bad;
	snprintf(ses, sizeof ses, "%llu", port);
	if ((e = hsts_store_add(st, ses, f[0], hostlen)) == NULL)
		return hs_error_set(err, HS_ENOMEM, "out of memory");
	e->include_subdomains = sub == 1;
	e->has_created = 1;
	e->created = hs_cftime_from_unix((double)created);
	e->expiry_kind = HSTS_EXPIRY_AT;
	e->expiry = hs_cftime_from_unix((double)created + (double)age);
	e->at = l->at;
	e->len = l->span;
	return HS_OK;
bad:
	hsts_store_warnf(st, "line %u: not `HOST<TAB>PORT<TAB>0|1<TAB>CREATED"
	    "<TAB>MAX-AGE`; wget skips it too", l->no);
	return HS_OK;
}

int
wget_read(const char *path, const char *buf, size_t len,
    struct hsts_store **out, struct hs_error *err)
{
	return text_store_read(path, HSTS_FMT_WGET, buf, len, wget_line, out,
	    err);
}
