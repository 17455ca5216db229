/*
 * sts.h: the Strict-Transport-Security header (RFC 6797 section 6.1).
 *
 *   value     = [ directive ] *( ";" [ directive ] )
 *   directive = name [ "=" ( token / quoted-string ) ]
 *
 * Names are case-insensitive; max-age (delta-seconds) is required;
 * includeSubDomains takes no value; a directive given twice makes the
 * header invalid; unknown directives are ignored.  Of several headers in
 * one response only the first counts (section 8.1).
 */
#ifndef HS_STS_H
#define HS_STS_H

#include <stddef.h>
#include <stdint.h>

struct sts_header {
	int		valid;
	uint64_t	max_age;	/* seconds, saturating */
	int		max_age_capped;	/* the header's was above 2^64-1 */
	int		include_subdomains;
	char		error[128];	/* why it is invalid */
};

/* Parse one header value; returns valid (1) or 0 with error set. */
int	sts_parse(const char *, size_t, struct sts_header *);

#endif
