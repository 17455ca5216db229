/* cftime.c: CFAbsoluteTime conversions and formatting. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/cftime.h"

double
hs_cftime_to_unix(double cf)
{
	return cf + HS_CFTIME_EPOCH;
}

double
hs_cftime_from_unix(double unix_seconds)
{
	return unix_seconds - HS_CFTIME_EPOCH;
}

double
hs_cftime_now(void)
{
	const char	*fixed = getenv("HSTSCTL_NOW");
	struct timespec	 ts;
	char		*end;
	double		 v;

	if (fixed != NULL && *fixed != '\0') {
		v = strtod(fixed, &end);
		if (*end == '\0' && isfinite(v))
			return hs_cftime_from_unix(v);
	}
	clock_gettime(CLOCK_REALTIME, &ts);
	return hs_cftime_from_unix((double)ts.tv_sec + ts.tv_nsec / 1e9);
}

int
hs_cftime_format(double cf, char *buf, size_t len)
{
	/* 0001-01-01 and 9999-12-31T23:59:59 in Unix seconds. */
	const double	 lo = -62135596800.0, hi = 253402300799.0;
	double		 u = hs_cftime_to_unix(cf);
	time_t		 t;
	struct tm	 tm;

	if (!isfinite(u) || u < lo || u >= hi + 1) {
		snprintf(buf, len, "out-of-range");
		return -1;
	}
	/* Toward minus infinity, as gmtime counts (no libm for floor). */
	t = (time_t)u;
	if ((double)t > u)
		t--;
	if (gmtime_r(&t, &tm) == NULL) {
		snprintf(buf, len, "out-of-range");
		return -1;
	}
	/* Four digits always (strftime's %Y gives "1" for year 1). */
	snprintf(buf, len, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
	return 0;
}
