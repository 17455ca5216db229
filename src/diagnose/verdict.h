/*
 * verdict.h: stored state against what a server presents now.
 *
 * HSTS: is the host forced to HTTPS, and does the live header still ask
 * for it?  Trust exceptions, by Apple's matching rules
 * (doc/formats.md section 2): the leaf's SHA1Digest must equal the
 * live leaf's SHA-1, and at each index every current failure must be
 * excepted there, on a certificate with that SHA-1.
 */
#ifndef HS_VERDICT_H
#define HS_VERDICT_H

#include "hsts/store.h"
#include "net/probe.h"
#include "trust/locate.h"
#include "trust/settings.h"
#include "firefox/cert-override.h"

enum hsts_verdict {
	HV_NO_STORE,	/* no HSTS store was read */
	HV_NONE,	/* nothing stored, and the server asks for nothing */
	HV_NOT_STORED,	/* nothing stored; the server asks for HSTS */
	HV_AGREES,	/* stored, and the server still asks for it */
	HV_DIFFERS,	/* stored, but with other includeSubDomains */
	HV_OUTLIVES,	/* stored; the server no longer asks for it */
	HV_PARENT	/* forced by a parent domain's entry */
};

enum exc_verdict {
	EV_NO_STORE,	/* no exception store was read */
	EV_NONE,	/* no exception for the host */
	EV_COVERS,	/* an exception covers every current failure */
	EV_STALE,	/* the certificate changed since it was stored */
	EV_INSUFFICIENT	/* a current failure is not excepted */
};

enum tset_verdict {
	TV_NO_STORE,	/* no trust settings were read */
	TV_NONE,	/* none for the host */
	TV_CURRENT,	/* one for the host, on a certificate served now */
	TV_STALE	/* one for the host, on a certificate not served */
};

struct verdict {
	int			trusted;	/* no failure at all */
	enum tset_verdict	ts;
	char			ts_why[640];
	enum hsts_verdict	hsts;
	char			hsts_why[640];
	enum exc_verdict	exc;
	char			exc_why[640];
};

/* Judge the host against n stores (none: HV_NO_STORE). */
void	verdict_hsts(const struct hsts_store *const *, size_t, const char *,
	    const struct probe_result *, double, struct verdict *);
void	verdict_exceptions(const struct texc_found *, size_t, const char *,
	    const struct probe_result *, struct verdict *);
/*
 * Trust settings for the host: stale when the certificate they trust is
 * not one the server serves now (the SHA-1 of each record against the
 * served chain).  ts NULL: none read.
 */
void	verdict_trust(const struct tset *, const char *,
	    const struct probe_result *, struct verdict *);
const char *verdict_trust_name(enum tset_verdict);
/*
 * Firefox's certificate exceptions for host:port against the served leaf's
 * SHA-256: covers when one is for it, stale when they are for another.
 */
void	verdict_overrides(const struct fco *, const char *, unsigned,
	    const struct probe_result *, struct verdict *);
const char *verdict_hsts_name(enum hsts_verdict);
const char *verdict_exc_name(enum exc_verdict);
/* Does stored state contradict the server (stale), or do current
 * failures stand that no stored exception covers (untrusted)? */
int	verdict_is_stale(const struct verdict *);
int	verdict_is_untrusted(const struct verdict *);

#endif
