/*
 * fuzz-misc.c: the trust-exception blob decoder (with the hex and base64
 * input layer in front of it) and the Strict-Transport-Security parser.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "net/sts.h"
#include "trust/exception.h"

int
fuzz_exception(const uint8_t *data, size_t len)
{
	struct texc	*x;
	struct hs_error	 err;
	unsigned char	*blob;
	size_t		 blen;

	hs_error_init(&err);
	if (texc_decode(data, len, &x, &err) == HS_OK)
		texc_free(x);
	else if (err.msg[0] == '\0')
		abort();
	hs_error_init(&err);
	if (texc_input((const char *)data, len, TEXC_INPUT_AUTO, &blob, &blen,
	    &err) != HS_OK)
		return 0;
	if (texc_decode(blob, blen, &x, &err) == HS_OK)
		texc_free(x);
	free(blob);
	return 0;
}

int
fuzz_sts(const uint8_t *data, size_t len)
{
	struct sts_header	a, b;
	int			va, vb;

	va = sts_parse((const char *)data, len, &a);
	vb = sts_parse((const char *)data, len, &b);
	/* Deterministic, and an invalid header always says why. */
	if (va != vb || a.valid != b.valid || a.max_age != b.max_age ||
	    a.include_subdomains != b.include_subdomains)
		abort();
	if (!a.valid && (a.error[0] == '\0' ||
	    memchr(a.error, '\0', sizeof a.error) == NULL))
		abort();
	return 0;
}
