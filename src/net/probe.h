/*
 * probe.h: what a server presents now: its certificate chain, every
 * failure of that chain (in OpenSSL's words and as the Apple trust check
 * it corresponds to), and its Strict-Transport-Security header.
 */
#ifndef HS_PROBE_H
#define HS_PROBE_H

#include <stddef.h>

#include "net/sts.h"
#include "util/error.h"

/* curl's --connect-to: requests for host1:port1 go to host2:port2. */
struct connect_to {
	char		host1[256];	/* "" matches any */
	unsigned	port1;		/* 0 matches any */
	char		host2[256];	/* "" keeps the host */
	unsigned	port2;		/* 0 keeps the port */
};

struct probe_opts {
	const char		*host;		/* name for SNI and checks */
	unsigned		 port;
	const struct connect_to	*connect_to;
	size_t			 nconnect_to;
	int			 timeout_ms;	/* connect, handshake, reply */
};

struct probe_cert {
	char		*subject;
	char		*issuer;
	char		*sans;		/* "DNS:a, DNS:b" or "" */
	double		 not_before;	/* Unix seconds */
	double		 not_after;
	unsigned char	 sha1[20];
	unsigned char	 sha256[32];
	int		 self_signed;
	int		 served;	/* sent by the server (else an anchor
					   from the trust store) */
};

struct probe_failure {
	int		 depth;		/* index in the chain, 0 = leaf */
	int		 code;		/* X509_V_ERR_* */
	const char	*openssl;	/* OpenSSL's words */
	const char	*apple;		/* the Apple check, or NULL */
};

struct probe_result {
	char			 addr[64];	/* where we connected */
	char			 tls_version[16];
	struct probe_cert	*certs;		/* the chain, leaf first */
	size_t			 ncerts;
	struct probe_failure	*fails;
	size_t			 nfails;
	int			 http_status;	/* 0 if no reply */
	char			 location[256];	/* of a redirect */
	int			 nsts;		/* STS headers seen */
	char			 sts_raw[512];	/* the first one */
	struct sts_header	 sts;
	char			 http_error[128]; /* why no header was read */
	int			 csp_upgrade;	/* Content-Security-Policy:
						   upgrade-insecure-requests */
};

/*
 * What every probe of one run shares: the TLS client context and the
 * trust anchors, loaded once (both are safe to share between threads).
 */
struct probe_ctx;
int	probe_ctx_new(const char *, const char *, struct probe_ctx **,
	    struct hs_error *);
void	probe_ctx_free(struct probe_ctx *);

/*
 * Parse "host1:port1:host2:port2" (hosts may be [IPv6]).  Returns 0, or
 * -1 when it is not of that form.
 */
int	connect_to_parse(const char *, struct connect_to *);
/* Connect, handshake, evaluate, ask for the header.  Fills *r. */
int	probe_run(const struct probe_ctx *, const struct probe_opts *,
	    struct probe_result *, struct hs_error *);
void	probe_result_release(struct probe_result *);
/* The Apple check an OpenSSL verification error corresponds to. */
const char *probe_apple_check(int, int);

#endif
