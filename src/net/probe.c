/* probe.c: a TLS client that looks at what a server presents. */
#include <sys/socket.h>
#include <sys/time.h>

#include <netinet/in.h>
#include <netinet/tcp.h>

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include "net/probe.h"

#define PROBE_MAX_REPLY	(64 * 1024)	/* bytes of response headers */

static int	probe_verify_index = -1;	/* set by probe_ctx_new */

/* --- --connect-to ------------------------------------------------------ */

/* One "host" or "[v6]" field up to ':'; returns the index after it. */
static int
ct_host(const char *s, int i, char *out, size_t len)
{
	size_t	n = 0;
	int	bracket = s[i] == '[';

	if (bracket)
		i++;
	for (; s[i] != '\0' && (bracket ? s[i] != ']' : s[i] != ':'); i++)
		if (n + 1 < len)
			out[n++] = s[i];
	out[n] = '\0';
	if (bracket) {
		if (s[i] != ']')
			return -1;
		i++;
	}
	return i;
}

static int
ct_port(const char *s, int i, unsigned *out, int last)
{
	unsigned long	v = 0;
	int		any = 0;

	for (; s[i] >= '0' && s[i] <= '9'; i++, any = 1)
		if ((v = v * 10 + (unsigned long)(s[i] - '0')) > 65535)
			return -1;
	*out = (unsigned)v;
	if (any && v == 0)
		return -1;
	return (last ? s[i] == '\0' : s[i] == ':') ? i : -1;
}

int
connect_to_parse(const char *s, struct connect_to *c)
{
	int	i;

	memset(c, 0, sizeof *c);
	if ((i = ct_host(s, 0, c->host1, sizeof c->host1)) < 0 ||
	    s[i] != ':' || (i = ct_port(s, i + 1, &c->port1, 0)) < 0 ||
	    (i = ct_host(s, i + 1, c->host2, sizeof c->host2)) < 0 ||
	    s[i] != ':' || (i = ct_port(s, i + 1, &c->port2, 1)) < 0)
		return -1;
	return 0;
}

static void
ct_apply(const struct probe_opts *o, const char **host, unsigned *port)
{
	const struct connect_to	*c;
	size_t			 i;

	*host = o->host;
	*port = o->port;
	for (i = 0; i < o->nconnect_to; i++) {
		c = &o->connect_to[i];
		if ((c->host1[0] == '\0' || strcasecmp(c->host1, o->host) ==
		    0) && (c->port1 == 0 || c->port1 == o->port)) {
			if (c->host2[0] != '\0')
				*host = c->host2;
			if (c->port2 != 0)
				*port = c->port2;
			return;
		}
	}
}

/* --- the shared context ------------------------------------------------- */

struct probe_ctx {
	SSL_CTX		*ssl;
	X509_STORE	*anchors;
	EVP_MD		*sha256;	/* fetched once, not per certificate */
};

/*
 * The handshake would verify the chain even with SSL_VERIFY_NONE; the
 * evaluation after it is the one that counts, so skip this one.
 */
static int
probe_no_verify(X509_STORE_CTX *ctx, void *arg)
{
	return 1;
}

int
probe_ctx_new(const char *cafile, const char *capath, struct probe_ctx **out,
    struct hs_error *err)
{
	static const unsigned char alpn[] = "\x08http/1.1";
	struct probe_ctx	*c;

	*out = NULL;
	if ((c = calloc(1, sizeof *c)) == NULL ||
	    (c->ssl = SSL_CTX_new(TLS_client_method())) == NULL ||
	    (c->anchors = X509_STORE_new()) == NULL ||
	    (c->sha256 = EVP_MD_fetch(NULL, "SHA256", NULL)) == NULL) {
		probe_ctx_free(c);
		return hs_error_set(err, HS_ENOMEM, "out of memory");
	}
	/* Look at any chain; the evaluation reports what is wrong. */
	SSL_CTX_set_verify(c->ssl, SSL_VERIFY_NONE, NULL);
	SSL_CTX_set_cert_verify_callback(c->ssl, probe_no_verify, NULL);
	SSL_CTX_set_alpn_protos(c->ssl, alpn, sizeof alpn - 1);
	if ((cafile || capath) ? X509_STORE_load_locations(c->anchors, cafile,
	    capath) != 1 : X509_STORE_set_default_paths(c->anchors) != 1) {
		probe_ctx_free(c);
		return hs_error_set(err, HS_EIO, "cannot load the trust anchors "
		    "(%s)", cafile ? cafile : capath ? capath :
		    "system default");
	}
	if (probe_verify_index == -1)
		probe_verify_index = X509_STORE_CTX_get_ex_new_index(0, NULL,
		    NULL, NULL, NULL);
	*out = c;
	return HS_OK;
}

void
probe_ctx_free(struct probe_ctx *c)
{
	if (c == NULL)
		return;
	SSL_CTX_free(c->ssl);
	X509_STORE_free(c->anchors);
	EVP_MD_free(c->sha256);
	free(c);
}

/* --- the deadline ------------------------------------------------------ */

/*
 * --timeout bounds the whole probe of a host (connect, handshake, request,
 * reply), not each read: the socket stays non-blocking and every wait is
 * a poll for what is left of the time.
 */
static void
probe_deadline(struct timespec *end, int timeout_ms)
{
	clock_gettime(CLOCK_MONOTONIC, end);
	end->tv_sec += timeout_ms / 1000;
	end->tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
	if (end->tv_nsec >= 1000000000L) {
		end->tv_sec++;
		end->tv_nsec -= 1000000000L;
	}
}

/* Milliseconds left before end, at least 0. */
static int
probe_left_ms(const struct timespec *end)
{
	struct timespec	now;
	long long	ms;

	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (long long)(end->tv_sec - now.tv_sec) * 1000 +
	    (end->tv_nsec - now.tv_nsec) / 1000000L;
	return ms > 0 ? (int)ms : 0;
}

/* Wait until fd is ready for events or end passes: 0, or -1 (ETIMEDOUT). */
static int
probe_poll(int fd, short events, const struct timespec *end)
{
	struct pollfd	pfd;
	int		left, n = 0;

	pfd.fd = fd;
	pfd.events = events;
	do {
		if ((left = probe_left_ms(end)) == 0)
			break;
		n = poll(&pfd, 1, left);
	} while (n == -1 && errno == EINTR);
	if (left > 0 && n == 1)
		return 0;
	errno = ETIMEDOUT;
	return -1;
}

/*
 * After an SSL call on the non-blocking socket returned rc: wait for what
 * it wants and return 0 to call it again, or -1 (a real failure, or the
 * deadline: *timedout then says so).
 */
static int
probe_again(SSL *ssl, int fd, int rc, const struct timespec *end,
    int *timedout)
{
	int	e = SSL_get_error(ssl, rc);

	if (e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE)
		return -1;
	if (probe_poll(fd, e == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT,
	    end) == 0)
		return 0;
	*timedout = 1;
	return -1;
}

/* --- connecting ------------------------------------------------------ */

static int
probe_connect_one(const struct addrinfo *ai, const struct timespec *end)
{
	socklen_t	len = sizeof(int);
	int		fd, flags, soerr = 0, one = 1;

	/* No SOCK_CLOEXEC: macOS lacks it. */
	if ((fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol)) ==
	    -1)
		return -1;
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	flags = fcntl(fd, F_GETFL);
	fcntl(fd, F_SETFL, flags | O_NONBLOCK);
	if (connect(fd, ai->ai_addr, ai->ai_addrlen) == -1) {
		if (errno != EINPROGRESS || probe_poll(fd, POLLOUT, end) != 0)
			goto fail;
		if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &len) == -1 ||
		    soerr != 0) {
			errno = soerr ? soerr : errno;
			goto fail;
		}
	}
	/*
	 * Finished and the HEAD request go out back to back; with Nagle the
	 * second waits for a delayed ACK (40 ms on Linux) from a server that
	 * sends no session tickets.
	 */
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	return fd;
fail:
	soerr = errno;
	close(fd);
	errno = soerr;
	return -1;
}

static int
probe_connect(const struct probe_opts *o, const struct timespec *end,
    struct probe_result *r, struct hs_error *err)
{
	struct addrinfo	 hints, *res, *ai;
	const char	*host;
	unsigned	 port;
	char		 service[8];
	int		 fd = -1, rc, saved = 0;

	ct_apply(o, &host, &port);
	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	snprintf(service, sizeof service, "%u", port);
	if ((rc = getaddrinfo(host, service, &hints, &res)) != 0)
		return hs_error_set(err, HS_EIO, "cannot resolve %s: %s", host,
		    gai_strerror(rc));
	for (ai = res; ai != NULL; ai = ai->ai_next) {
		if ((fd = probe_connect_one(ai, end)) != -1)
			break;
		saved = errno;
	}
	if (fd != -1) {
		getnameinfo(ai->ai_addr, ai->ai_addrlen, r->addr,
		    sizeof r->addr, NULL, 0, NI_NUMERICHOST);
		snprintf(r->addr + strlen(r->addr), sizeof r->addr -
		    strlen(r->addr), ":%u", port);
	}
	freeaddrinfo(res);
	if (fd == -1)
		return hs_error_set(err, HS_EIO, "cannot connect to %s port "
		    "%u: %s", host, port, strerror(saved));
	return fd;
}

/* --- the chain --------------------------------------------------------- */

const char *
probe_apple_check(int code, int self_signed_end)
{
	switch (code) {
	case X509_V_ERR_HOSTNAME_MISMATCH:
		return "SSLHostname";
	case X509_V_ERR_CERT_HAS_EXPIRED:
	case X509_V_ERR_CERT_NOT_YET_VALID:
		return "TemporalValidity";
	case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
	case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
	case X509_V_ERR_CERT_UNTRUSTED:
		return "AnchorTrusted";
	case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
		return self_signed_end ? "AnchorTrusted" :
		    "MissingIntermediate";
	case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
		return "MissingIntermediate";
	case X509_V_ERR_INVALID_PURPOSE:
		return "ExtendedKeyUsage";
	case X509_V_ERR_CERT_REVOKED:
		return "Revocation";
	case X509_V_ERR_INVALID_CA:
		return "BasicConstraintsCA";
	case X509_V_ERR_PATH_LENGTH_EXCEEDED:
		return "BasicConstraintsPathLen";
	case X509_V_ERR_KEYUSAGE_NO_CERTSIGN:
		return "KeyUsage";
	case X509_V_ERR_EE_KEY_TOO_SMALL:
	case X509_V_ERR_CA_KEY_TOO_SMALL:
		return "KeySize";
	case X509_V_ERR_CA_MD_TOO_WEAK:
		return "SignatureHashAlgorithms";
	case X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION:
		return "CriticalExtensions";
	case X509_V_ERR_PERMITTED_VIOLATION:
	case X509_V_ERR_EXCLUDED_VIOLATION:
		return "NameConstraints";
	case X509_V_ERR_CERT_SIGNATURE_FAILURE:
	case X509_V_ERR_UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY:
		return "BasicCertificateProcessing";
	default:
		return NULL;
	}
}

static char *
probe_name(const X509_NAME *n)
{
	char	*s = X509_NAME_oneline(n, NULL, 0);

	return s ? s : strdup("");
}

static char *
probe_sans(X509 *x)
{
	GENERAL_NAMES	*g = X509_get_ext_d2i(x, NID_subject_alt_name, NULL,
	    NULL);
	char		*out = calloc(1, 1), *n;
	size_t		 len = 0, add;
	int		 i;

	for (i = 0; g != NULL && out != NULL && i < sk_GENERAL_NAME_num(g);
	    i++) {
		GENERAL_NAME	*e = sk_GENERAL_NAME_value(g, i);
		char		 buf[300];

		if (e->type == GEN_DNS)
			snprintf(buf, sizeof buf, "DNS:%.*s",
			    ASN1_STRING_length(e->d.dNSName), (const char *)
			    ASN1_STRING_get0_data(e->d.dNSName));
		else if (e->type == GEN_IPADD && ASN1_STRING_length(
		    e->d.iPAddress) == 4) {
			const unsigned char *p = ASN1_STRING_get0_data(
			    e->d.iPAddress);
			snprintf(buf, sizeof buf, "IP:%u.%u.%u.%u", p[0], p[1],
			    p[2], p[3]);
		} else
			continue;
		add = strlen(buf) + (len ? 2 : 0);
		if ((n = realloc(out, len + add + 1)) == NULL)
			break;
		out = n;
		snprintf(out + len, add + 1, "%s%s", len ? ", " : "", buf);
		len += add;
	}
	GENERAL_NAMES_free(g);
	return out;
}

static double
probe_time(const ASN1_TIME *t)
{
	struct tm	tm;

	memset(&tm, 0, sizeof tm);
	if (ASN1_TIME_to_tm(t, &tm) != 1)
		return 0;
	return (double)timegm(&tm);
}

static int
probe_cert_fill(const struct probe_ctx *pc, X509 *x, struct probe_cert *c,
    int served)
{
	unsigned int	n;

	c->subject = probe_name(X509_get_subject_name(x));
	c->issuer = probe_name(X509_get_issuer_name(x));
	c->sans = probe_sans(x);
	c->not_before = probe_time(X509_get0_notBefore(x));
	c->not_after = probe_time(X509_get0_notAfter(x));
	X509_digest(x, EVP_sha1(), c->sha1, &n);
	X509_digest(x, pc->sha256, c->sha256, &n);
	c->self_signed = X509_check_issued(x, x) == X509_V_OK;
	c->served = served;
	return c->subject && c->issuer && c->sans ? 0 : -1;
}

struct probe_verify {
	struct probe_result	*r;
	int			 failed;
};

/* Record every failure; never stop the evaluation. */
static int
probe_verify_cb(int ok, X509_STORE_CTX *ctx)
{
	struct probe_verify	*v = X509_STORE_CTX_get_ex_data(ctx,
	    probe_verify_index);
	struct probe_failure	*f;
	int			 code = X509_STORE_CTX_get_error(ctx);
	int			 depth = X509_STORE_CTX_get_error_depth(ctx);
	size_t			 i;

	if (ok || v == NULL)
		return 1;
	for (i = 0; i < v->r->nfails; i++)
		if (v->r->fails[i].code == code && v->r->fails[i].depth ==
		    depth)
			return 1;
	f = realloc(v->r->fails, (v->r->nfails + 1) * sizeof *f);
	if (f == NULL) {
		v->failed = 1;
		return 1;
	}
	v->r->fails = f;
	f = &f[v->r->nfails++];
	f->depth = depth;
	f->code = code;
	f->openssl = X509_verify_cert_error_string(code);
	f->apple = NULL;
	return 1;
}

/* Evaluate the served chain against the anchors, as a TLS server's. */
static int
probe_evaluate(const struct probe_ctx *pc, const struct probe_opts *o,
    SSL *ssl, struct probe_result *r, struct hs_error *err)
{
	X509			*leaf = SSL_get0_peer_certificate(ssl);
	STACK_OF(X509)		*served = SSL_get_peer_cert_chain(ssl);
	STACK_OF(X509)		*chain = NULL;
	X509_STORE		*store = pc->anchors;
	X509_STORE_CTX		*ctx = X509_STORE_CTX_new();
	struct probe_verify	 v = { r, 0 };
	size_t			 i;
	int			 n, rc = HS_OK, end_self;

	if (leaf == NULL)
		rc = hs_error_set(err, HS_EIO, "the server sent no "
		    "certificate");
	else if (ctx == NULL)
		rc = hs_error_set(err, HS_ENOMEM, "out of memory");
	if (rc != HS_OK)
		goto done;
	X509_STORE_CTX_init(ctx, store, leaf, served);
	X509_STORE_CTX_set_purpose(ctx, X509_PURPOSE_SSL_SERVER);
	X509_VERIFY_PARAM_set1_host(X509_STORE_CTX_get0_param(ctx), o->host,
	    0);
	X509_STORE_CTX_set_ex_data(ctx, probe_verify_index, &v);
	X509_STORE_CTX_set_verify_cb(ctx, probe_verify_cb);
	X509_verify_cert(ctx);
	chain = X509_STORE_CTX_get1_chain(ctx);
	n = chain ? sk_X509_num(chain) : 0;
	if ((r->certs = calloc((size_t)n + 1, sizeof *r->certs)) == NULL) {
		rc = hs_error_set(err, HS_ENOMEM, "out of memory");
		goto done;
	}
	for (i = 0; i < (size_t)n; i++) {
		X509	*x = sk_X509_value(chain, (int)i);
		int	 was_served = i == 0;

		for (int k = 0; served && k < sk_X509_num(served); k++)
			was_served |= X509_cmp(x, sk_X509_value(served, k)) ==
			    0;
		if (probe_cert_fill(pc, x, &r->certs[i], was_served) != 0) {
			rc = hs_error_set(err, HS_ENOMEM, "out of memory");
			goto done;
		}
		r->ncerts = i + 1;
	}
	end_self = r->ncerts > 0 && r->certs[r->ncerts - 1].self_signed;
	for (i = 0; i < r->nfails; i++)
		r->fails[i].apple = probe_apple_check(r->fails[i].code,
		    end_self);
	if (v.failed)
		rc = hs_error_set(err, HS_ENOMEM, "out of memory");
done:
	if (chain != NULL)
		sk_X509_pop_free(chain, X509_free);
	X509_STORE_CTX_free(ctx);
	return rc;
}

/* --- the HTTP header --------------------------------------------------- */

/* Does a Content-Security-Policy value hold upgrade-insecure-requests? */
static int
probe_csp_upgrade(const char *v)
{
	static const char	want[] = "upgrade-insecure-requests";
	size_t			n;

	for (;;) {
		v += strspn(v, " \t");
		n = strcspn(v, "; \t");
		if (n == sizeof want - 1 && strncasecmp(v, want, n) == 0)
			return 1;
		v += strcspn(v, ";");
		if (*v++ == '\0')
			return 0;
	}
}

/*
 * One header line of n bytes at p (its line end, writable, is replaced by
 * a NUL).  A NUL byte inside makes a Strict-Transport-Security header
 * invalid: read as a C string it would end there.
 */
static void
probe_header_line(struct probe_result *r, char *p, size_t n, int *first)
{
	char	*v;
	size_t	 vn;
	int	 nul = memchr(p, '\0', n) != NULL;

	p[n] = '\0';
	if (*first) {
		*first = 0;
		if (sscanf(p, "HTTP/%*s %d", &r->http_status) != 1)
			snprintf(r->http_error, sizeof r->http_error,
			    "the reply is not HTTP");
		return;
	}
	if ((v = strchr(p, ':')) == NULL)
		return;
	*v++ = '\0';
	v += strspn(v, " \t");
	vn = strlen(v);
	while (vn > 0 && (v[vn - 1] == ' ' || v[vn - 1] == '\t'))
		v[--vn] = '\0';
	if (strcasecmp(p, "Location") == 0)
		snprintf(r->location, sizeof r->location, "%s", v);
	if (strcasecmp(p, "Content-Security-Policy") == 0)
		r->csp_upgrade |= probe_csp_upgrade(v);
	if (strcasecmp(p, "Strict-Transport-Security") != 0)
		return;
	/* Only the first header counts (RFC 6797 8.1). */
	if (r->nsts++ != 0)
		return;
	snprintf(r->sts_raw, sizeof r->sts_raw, "%s", v);
	sts_parse(v, vn, &r->sts);
	if (nul) {
		r->sts.valid = 0;
		snprintf(r->sts.error, sizeof r->sts.error, "the header holds "
		    "a NUL byte");
	}
}

/* The len bytes of the header block at reply, line by line. */
static void
probe_headers(struct probe_result *r, char *reply, size_t len)
{
	char	*p, *nl, *end = reply + len;
	size_t	 n;
	int	 first = 1;

	for (p = reply; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		n = (size_t)(nl - p);
		if (n > 0 && p[n - 1] == '\r')
			n--;
		if (n > 0)
			probe_header_line(r, p, n, &first);
	}
}

static void
probe_http(const struct probe_opts *o, SSL *ssl, int fd,
    const struct timespec *deadline, struct probe_result *r)
{
	char	req[512], *reply, *end = NULL;
	size_t	got = 0;
	int	n, timedout = 0;

	snprintf(req, sizeof req, "HEAD / HTTP/1.1\r\nHost: %s\r\nUser-Agent: "
	    "hstsctl/" PACKAGE_VERSION "\r\nAccept: */*\r\nConnection: "
	    "close\r\n\r\n", o->host);
	while ((n = SSL_write(ssl, req, (int)strlen(req))) <= 0)
		if (probe_again(ssl, fd, n, deadline, &timedout) != 0) {
			snprintf(r->http_error, sizeof r->http_error, "the "
			    "request could not be sent%s", timedout ?
			    " before the deadline (--timeout)" : "");
			return;
		}
	if ((reply = malloc(PROBE_MAX_REPLY + 1)) == NULL)
		return;
	for (;;) {
		n = SSL_read(ssl, reply + got, (int)(PROBE_MAX_REPLY - got));
		if (n <= 0 && probe_again(ssl, fd, n, deadline, &timedout) == 0)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
		/* memmem: a NUL in the reply must not hide its end. */
		if ((end = memmem(reply, got, "\r\n\r\n", 4)) != NULL)
			break;
		if (got == PROBE_MAX_REPLY) {
			snprintf(r->http_error, sizeof r->http_error, "the "
			    "response headers are over %d bytes",
			    PROBE_MAX_REPLY);
			break;
		}
	}
	reply[got] = '\0';
	if (timedout)
		snprintf(r->http_error, sizeof r->http_error, "the reply did "
		    "not end before the deadline (--timeout)");
	else if (got == 0)
		snprintf(r->http_error, sizeof r->http_error, "no HTTP reply "
		    "(the connection was closed)");
	else if (r->http_error[0] == '\0')
		probe_headers(r, reply, end != NULL ? (size_t)(end - reply) + 2 :
		    got);
	free(reply);
}

int
probe_run(const struct probe_ctx *pc, const struct probe_opts *o,
    struct probe_result *r, struct hs_error *err)
{
	SSL		*ssl = NULL;
	struct timespec	 end;
	int		 fd, rc = HS_OK, n, timedout = 0;
	unsigned long	 e;

	memset(r, 0, sizeof *r);
	probe_deadline(&end, o->timeout_ms);
	if ((fd = probe_connect(o, &end, r, err)) < 0)
		return HS_EIO;
	if ((ssl = SSL_new(pc->ssl)) == NULL) {
		rc = hs_error_set(err, HS_ENOMEM, "out of memory");
		goto done;
	}
	SSL_set_tlsext_host_name(ssl, o->host);
	SSL_set_fd(ssl, fd);
	ERR_clear_error();
	while ((n = SSL_connect(ssl)) != 1)
		if (probe_again(ssl, fd, n, &end, &timedout) != 0)
			break;
	if (n != 1) {
		e = ERR_peek_last_error();
		rc = hs_error_set(err, HS_EIO, "TLS handshake with %s failed: "
		    "%s", r->addr, timedout ? "it did not finish before the "
		    "deadline (--timeout)" : e ? ERR_reason_error_string(e) :
		    "the connection was closed");
		goto done;
	}
	snprintf(r->tls_version, sizeof r->tls_version, "%s",
	    SSL_get_version(ssl));
	if ((rc = probe_evaluate(pc, o, ssl, r, err)) == HS_OK)
		probe_http(o, ssl, fd, &end, r);
done:
	if (ssl != NULL)
		SSL_shutdown(ssl);
	SSL_free(ssl);
	close(fd);
	return rc;
}

void
probe_result_release(struct probe_result *r)
{
	size_t	i;

	for (i = 0; i < r->ncerts; i++) {
		free(r->certs[i].subject);
		free(r->certs[i].issuer);
		free(r->certs[i].sans);
	}
	free(r->certs);
	free(r->fails);
	memset(r, 0, sizeof *r);
}
