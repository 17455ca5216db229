/*
 * curl.c: curl's HSTS cache (lib/hsts.c writes it): "#" comment lines,
 * then per host `[.]host "YYYYMMDD HH:MM:SS"` (UTC) or `host "unlimited"`;
 * a leading dot means includeSubDomains.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "curlwget/curlwget.h"
#include "util/cftime.h"

int
curl_sniff(const char *path, const char *buf, size_t len)
{
	(void)path;
	return len >= sizeof CURL_HEADER - 1 &&
	    memcmp(buf, CURL_HEADER, sizeof CURL_HEADER - 1) == 0;
}

/* "YYYYMMDD HH:MM:SS" as a CFAbsoluteTime; -1 if it is not one. */
static int
curl_time(const char *s, size_t n, double *out)
{
	struct tm	tm;
	char		buf[32];
	int		y, mo, d, h, mi, se;
	time_t		t;

	if (n != 17 || n >= sizeof buf)
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (sscanf(buf, "%4d%2d%2d %2d:%2d:%2d", &y, &mo, &d, &h, &mi,
	    &se) != 6 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 ||
	    mi > 59 || se > 60)
		return -1;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = se;
	if ((t = timegm(&tm)) == (time_t)-1)
		return -1;
	*out = hs_cftime_from_unix((double)t);
	return 0;
}

/* One data line into an entry of st; a line that is not one is warned of. */
static int
curl_line(struct hsts_store *st, const struct hs_line *l,
    struct hs_error *err)
{
	struct hsts_entry	*e;
	const char		*sp, *q = l->p, *end = l->p + l->len;
	double			 when = 0;
	int			 sub = 0, never = 0;

	if (l->len == 0 || l->p[0] == '#')
		return HS_OK;
	if ((sp = memchr(q, ' ', l->len)) == NULL || end - sp < 3 ||
	    sp[1] != '"' || end[-1] != '"' || sp == q) {
		hsts_store_warnf(st, "line %u: not `HOST \"DATE\"`; curl skips "
		    "it too", l->no);
		return HS_OK;
	}
	never = (size_t)(end - sp - 3) == 9 && memcmp(sp + 2, "unlimited",
	    9) == 0;
	if (!never && curl_time(sp + 2, (size_t)(end - sp - 3), &when) != 0) {
		hsts_store_warnf(st, "line %u: the expiry is not YYYYMMDD "
		    "HH:MM:SS; curl skips the line too", l->no);
		return HS_OK;
	}
	if (*q == '.') {
		sub = 1;
		q++;
	}
	if ((e = hsts_store_add(st, "", q, (size_t)(sp - q))) == NULL)
		return hs_error_set(err, HS_ENOMEM, "out of memory");
	e->include_subdomains = sub;
	e->expiry_kind = never ? HSTS_EXPIRY_NEVER : HSTS_EXPIRY_AT;
	e->expiry = when;
	e->at = l->at;
	e->len = l->span;
	return HS_OK;
}

int
curl_read(const char *path, const char *buf, size_t len,
    struct hsts_store **out, struct hs_error *err)
{
	return text_store_read(path, HSTS_FMT_CURL, buf, len, curl_line, out,
	    err);
}
