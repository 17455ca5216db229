/*
 * host.h: host names as HSTS compares them: case-insensitive, without a
 * trailing dot, international names in their ASCII (punycode) form.
 */
#ifndef HS_HOST_H
#define HS_HOST_H

#include "util/error.h"

/*
 * Normalise a host name given in Unicode or punycode.  *out is a new
 * lower-case ASCII string; caller frees.  HS_EINVAL if it is not a name.
 */
int	host_normalise(const char *, char **, struct hs_error *);
/*
 * A host name a user gave: normalised, then held to what a host name is
 * (RFC 1123 labels of at most 63 characters, at most 253 in all, valid
 * punycode, not an IP address).  *out is new; caller frees.  HS_EINVAL
 * saying what is wrong.  Every command that takes a HOST uses it.
 */
int	host_parse(const char *, char **, struct hs_error *);
/*
 * A host as people paste it: HOST, HOST:PORT, or a URL
 * (scheme://[user@]HOST[:PORT][/path...]); a trailing dot and upper case
 * are fine.  The host goes through host_parse; *port is the port given,
 * or 0.  HS_EINVAL saying what is wrong.
 */
int	host_from_user(const char *, char **, unsigned *, struct hs_error *);
/*
 * Is s already what host_normalise makes of it (lower-case ASCII, no
 * trailing dot, no punycode to check)?  One pass, nothing allocated: most
 * stored hosts are, and a store is read a host at a time.
 */
int	host_is_normal(const char *);
/* Is parent a proper parent domain of host (both normalised)? */
int	host_is_parent(const char *, const char *);
/* Is host a subdomain of, or equal to, domain (both normalised)? */
int	host_within(const char *, const char *);

/*
 * Chromium's name for a host (normalised) in its TransportSecurity file:
 * the base64 of the SHA-256 of the name in DNS wire form (each label
 * after its length, then a zero byte).  out holds HOST_HASH_LEN + 1.
 * -1 when the host is too long for DNS.
 */
#define HOST_HASH_LEN	44
int	host_hash(const char *, char *);

#endif
