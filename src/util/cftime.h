/*
 * cftime.h: CFAbsoluteTime (seconds since 2001-01-01T00:00:00Z), the clock
 * every Apple store uses, and the one clock hook for tests.
 */
#ifndef HS_CFTIME_H
#define HS_CFTIME_H

#include <stddef.h>

/* Seconds between the Unix epoch and 2001-01-01T00:00:00Z. */
#define HS_CFTIME_EPOCH	978307200.0

double	hs_cftime_to_unix(double);
double	hs_cftime_from_unix(double);
/*
 * The current time as CFAbsoluteTime.  HSTSCTL_NOW (Unix seconds) in the
 * environment fixes it, so tests can check expiry logic.
 */
double	hs_cftime_now(void);
/*
 * Format a CFAbsoluteTime as UTC ISO-8601 ("2027-03-01T12:00:00Z") into buf.
 * Returns -1 (and writes "out-of-range") when the year is not 0001..9999.
 */
int	hs_cftime_format(double, char *, size_t);

#endif
