/* host.c: normalising and comparing host names. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <idn2.h>

#include "hsts/host.h"

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
