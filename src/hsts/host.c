/* host.c: normalising and comparing host names. */
#include <arpa/inet.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <idn2.h>

#include <openssl/evp.h>

#include "hsts/host.h"
#include "util/encode.h"

static int
host_ascii(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

static void
host_lower(char *s)
{
	for (; *s != '\0'; s++)
		*s = (char)tolower((unsigned char)*s);
}

int
host_normalise(const char *in, char **out, struct hs_error *err)
{
	char	*copy, *ascii = NULL;
	size_t	 n;
	int	 rc;

	*out = NULL;
	if ((copy = strdup(in)) == NULL)
		return hs_error_set(err, HS_ENOMEM, "out of memory");
	n = strlen(copy);
	if (n > 0 && copy[n - 1] == '.')
		copy[--n] = '\0';
	if (n == 0 || n > 1024 || strchr(copy, '/') != NULL ||
	    strstr(copy, "..") != NULL || copy[0] == '.') {
		free(copy);
		return hs_error_set(err, HS_EINVAL, "\"%s\" is not a host "
		    "name", in);
	}
	if (host_ascii(copy) && strstr(copy, "xn--") == NULL &&
	    strstr(copy, "XN--") == NULL) {
		host_lower(copy);
		*out = copy;
		return HS_OK;
	}
	rc = idn2_to_ascii_8z(copy, &ascii, IDN2_NONTRANSITIONAL);
	if (rc != IDN2_OK && host_ascii(copy)) {
		/* Keep ASCII that IDNA rejects (e.g. odd punycode) as is. */
		host_lower(copy);
		*out = copy;
		return HS_OK;
	}
	free(copy);
	if (rc != IDN2_OK)
		return hs_error_set(err, HS_EINVAL, "\"%s\" is not a valid "
		    "international host name: %s", in, idn2_strerror(rc));
	host_lower(ascii);
	/* idn2 allocates with its own malloc; hand back a plain copy. */
	*out = strdup(ascii);
	idn2_free(ascii);
	return *out ? HS_OK : hs_error_set(err, HS_ENOMEM, "out of memory");
}

/* Is the A-label at s (len bytes, "xn--...") one IDNA gives back as is? */
static int
host_alabel_ok(const char *s, size_t len)
{
	char	*label, *u = NULL, *back = NULL;
	int	 ok;

	if ((label = strndup(s, len)) == NULL)
		return 0;
	ok = idn2_to_unicode_8z8z(label, &u, 0) == IDN2_OK &&
	    idn2_to_ascii_8z(u, &back, IDN2_NONTRANSITIONAL) == IDN2_OK &&
	    strcmp(back, label) == 0;
	idn2_free(u);
	idn2_free(back);
	free(label);
	return ok;
}

/* Why the normalised name h is not a host name, or NULL. */
static const char *
host_why_not(const char *h)
{
	const char	*l, *e, *p;
	unsigned char	 buf[16];
	int		 digits = 0;

	if (inet_pton(AF_INET, h, buf) == 1 || inet_pton(AF_INET6, h, buf) ==
	    1)
		return "it is an IP address (browsers keep HSTS for host "
		    "names only)";
	if (strlen(h) > 253)
		return "it is longer than 253 characters";
	for (l = h; ; l = e + 1) {
		if ((e = strchr(l, '.')) == NULL)
			e = l + strlen(l);
		if (e == l)
			return "it has an empty label (two dots in a row, or a "
			    "dot at the start or end)";
		if (e - l > 63)
			return "a label is longer than 63 characters";
		if (e - l >= 4 && memcmp(l, "xn--", 4) == 0 &&
		    !host_alabel_ok(l, (size_t)(e - l)))
			return "a label starting \"xn--\" is not valid "
			    "punycode (IDNA)";
		if (*l == '-' || e[-1] == '-')
			return "a label starts or ends with '-'";
		for (p = l, digits = 1; p < e; p++) {
			if (!(*p >= 'a' && *p <= 'z') && !(*p >= '0' &&
			    *p <= '9') && *p != '-')
				return "it holds a character other than "
				    "letters, digits, '-' and '.'";
			digits &= *p >= '0' && *p <= '9';
		}
		if (*e == '\0')
			break;
	}
	if (digits)
		return "its last label is all digits, as only an IP address's "
		    "is";
	return NULL;
}

int
host_parse(const char *in, char **out, struct hs_error *err)
{
	char		 addr[64];
	const char	*why;
	size_t		 n = strlen(in);
	int		 r;

	*out = NULL;
	/* "[::1]" and "::1": an address, whatever host_normalise makes. */
	if (n > 2 && n < sizeof addr + 2 && in[0] == '[' && in[n - 1] == ']') {
		memcpy(addr, in + 1, n - 2);
		addr[n - 2] = '\0';
		in = addr;
	}
	if (strchr(in, ':') != NULL && (why = host_why_not(in)) != NULL)
		return hs_error_set(err, HS_EINVAL, "\"%s\" is not a host "
		    "name: %s", in, why);
	if ((r = host_normalise(in, out, err)) != HS_OK)
		return r;
	if ((why = host_why_not(*out)) == NULL)
		return HS_OK;
	free(*out);
	*out = NULL;
	return hs_error_set(err, HS_EINVAL, "\"%s\" is not a host name: %s",
	    in, why);
}

int
host_is_normal(const char *s)
{
	const char	*p;
	unsigned char	 c;

	if (*s == '\0' || *s == '.')
		return 0;
	/* The common bytes first: this runs once per key of a store. */
	for (p = s; ; p++) {
		c = (unsigned char)*p;
		if (c >= 'a' && c <= 'z') {
			if (c == 'x' && p[1] == 'n' && p[2] == '-' &&
			    p[3] == '-')
				return 0;
			continue;
		}
		if ((c >= '0' && c <= '9') || c == '-')
			continue;
		if (c == '.') {
			if (p[1] == '.' || p[1] == '\0')
				return 0;
			continue;
		}
		if (c == '\0')
			break;
		if (c >= 0x80 || (c >= 'A' && c <= 'Z') || c == '/')
			return 0;
	}
	return p - s <= 1024;
}

int
host_is_parent(const char *parent, const char *host)
{
	size_t	hl = strlen(host), pl = strlen(parent);

	return hl > pl + 1 && host[hl - pl - 1] == '.' &&
	    strcmp(host + hl - pl, parent) == 0;
}

int
host_within(const char *host, const char *domain)
{
	return strcmp(host, domain) == 0 || host_is_parent(domain, host);
}

int
host_from_user(const char *arg, char **out, unsigned *port,
    struct hs_error *err)
{
	char		 buf[1100], *h, *p = NULL, *at, *rb;
	const char	*s = strstr(arg, "://");
	unsigned long	 n = 0;

	*out = NULL;
	*port = 0;
	if (snprintf(buf, sizeof buf, "%s", s ? s + 3 : arg) >= (int)sizeof buf)
		goto bad;
	buf[strcspn(buf, "/?#")] = '\0';
	h = (at = strrchr(buf, '@')) != NULL ? at + 1 : buf;
	if (h[0] == '[') {
		/* [v6] or [v6]:port: an address; host_parse says so. */
		if ((rb = strchr(h, ']')) == NULL || (rb[1] != '\0' &&
		    rb[1] != ':'))
			goto bad;
		p = rb[1] == ':' ? rb + 1 : NULL;
	} else if ((p = strchr(h, ':')) != NULL && strchr(p + 1, ':') != NULL)
		goto bad;
	if (p != NULL) {
		*p++ = '\0';
		for (; *p >= '0' && *p <= '9' && n <= 65535; p++)
			n = n * 10 + (unsigned long)(*p - '0');
		if (*p != '\0' || n == 0 || n > 65535)
			goto bad;
		*port = (unsigned)n;
	}
	if (*h == '\0')
		goto bad;
	return host_parse(h, out, err);
bad:
	return hs_error_set(err, HS_EINVAL, "\"%s\" is not HOST[:PORT] or a "
	    "URL (a port is 1 to 65535; an IPv6 address goes in brackets, as "
	    "in [::1]:443)", arg);
}

int
host_hash(const char *host, char *out)
{
	unsigned char	 wire[256], md[32];
	unsigned int	 mdlen = 0;
	const char	*p = host, *dot;
	size_t		 n = 0, l;

	for (; *p != '\0'; p = *dot ? dot + 1 : dot) {
		dot = p + strcspn(p, ".");
		l = (size_t)(dot - p);
		if (l == 0 || l > 63 || n + l + 2 > sizeof wire)
			return -1;
		wire[n++] = (unsigned char)l;
		memcpy(wire + n, p, l);
		n += l;
	}
	wire[n++] = 0;
	if (EVP_Digest(wire, n, md, &mdlen, EVP_sha256(), NULL) != 1)
		return -1;
	hs_encode_base64(md, mdlen, out);
	return 0;
}
