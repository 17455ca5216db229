/*
 * exception.h: trust-exception blobs, the property lists that Apple's
 * SecTrustCopyExceptions returns and SecTrustSetExceptions takes
 * (doc/formats.md section 2).
 *
 * A blob is an array with one dictionary per certificate of the chain,
 * leaf first: the certificate's SHA-1 ("SHA1Digest", 20 bytes of data),
 * each excepted check (its name, normally false), on the leaf perhaps
 * "ExceptionResetCount"; 10.9-era blobs hold "StatusCodes" arrays.  Empty
 * dictionaries stand for certificates without failures; trailing ones are
 * stripped.  A "type 2" blob is one dictionary without "SHA1Digest" that
 * applies to every certificate (macOS).
 */
#ifndef HS_EXCEPTION_H
#define HS_EXCEPTION_H

#include <stddef.h>
#include <stdint.h>
#include <plist/plist.h>

#include "plist/plist-tree.h"
#include "trust/checks.h"
#include "util/error.h"

#define TEXC_SHA1_LEN	20

/* One key of a certificate's dictionary other than SHA1Digest. */
struct texc_item {
	char			*key;		/* owned */
	plist_t			 value;		/* borrowed from the blob */
	const struct check_info	*check;		/* NULL if unknown */
};

struct texc_cert {
	size_t			 index;
	const char		*role;		/* "leaf", "intermediate", ... */
	int			 has_sha1;
	unsigned char		 sha1[TEXC_SHA1_LEN];
	int			 has_reset;
	uint64_t		 reset;		/* ExceptionResetCount */
	int			 has_status;
	int64_t			*status;	/* StatusCodes, owned */
	size_t			 nstatus;
	struct texc_item	*items;		/* checks and unknown keys */
	size_t			 nitems;
};

struct texc {
	int			 type;		/* 1, or 2 (no SHA1Digest) */
	struct texc_cert	*certs;
	size_t			 ncerts;
	int			 trailing_empty; /* Apple strips these */
	struct plist_doc	*doc;		/* owned */
};

/*
 * Decode a blob given as plist bytes (binary or XML).  *out is new,
 * caller frees with texc_free.  HS_EFORMAT says precisely what is off.
 */
int	texc_decode(const void *, size_t, struct texc **, struct hs_error *);
void	texc_free(struct texc *);

/* How a blob was given on the command line. */
enum texc_input { TEXC_INPUT_AUTO, TEXC_INPUT_RAW, TEXC_INPUT_BASE64,
	TEXC_INPUT_HEX };
/*
 * Turn input bytes into blob bytes: raw plists pass through, base64 and
 * hex text are decoded (AUTO: plist if it looks like one, else hex, else
 * base64).  *out is new, caller frees.
 */
int	texc_input(const char *, size_t, enum texc_input, unsigned char **,
	    size_t *, struct hs_error *);

#endif
