/*
 * cert-override.h: Firefox's certificate exceptions, cert_override.txt
 * (doc/formats.md section 10): after "#" lines, one line per exception,
 * `host:port[:ATTRIBUTES]<TAB>OID.2.16.840.1.101.3.4.2.1<TAB>SHA-256
 * as AA:BB:...<TAB>...` (an IPv6 host in brackets; older lines carry more
 * fields, which Firefox ignores and hstsctl keeps).
 */
#ifndef HS_CERT_OVERRIDE_H
#define HS_CERT_OVERRIDE_H

#include <stddef.h>

#include "util/error.h"

#define FCO_NAME	"cert_override.txt"

struct fco_entry {
	char		*host;		/* owned, as written (no brackets) */
	char		*norm;		/* owned: normalised, or NULL */
	unsigned	 port;
	char		*attrs;		/* owned: origin attributes, or "" */
	int		 has_sha256;	/* the OID is SHA-256's */
	unsigned char	 sha256[32];
	unsigned	 line;
	size_t		 at;		/* the line's bytes */
	size_t		 len;
};

struct fco {
	struct fco_entry	*v;
	size_t			 n;
	size_t			 skipped;	/* lines Firefox skips too */
};

/* Is it cert_override.txt (by name, or its first line)? */
int	fco_sniff(const char *, const char *, size_t);
/* Read the len bytes at buf.  *out is new; free with fco_free. */
int	fco_parse(const char *, size_t, struct fco **, struct hs_error *);
int	fco_read(const char *, struct fco **, struct hs_error *);
void	fco_free(struct fco *);
/* Is the entry for host (normalised)? */
int	fco_for_host(const struct fco_entry *, const char *);
/*
 * Remove host's lines from the file at path, as one safe change (flags:
 * HS_FILE_*).  *removed says how many went.
 */
int	fco_remove(const char *, const char *, int, size_t *,
	    struct hs_error *);

#endif
