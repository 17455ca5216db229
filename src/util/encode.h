/* encode.h: base64 and hex text to bytes, and bytes to hex. */
#ifndef HS_ENCODE_H
#define HS_ENCODE_H

#include <stddef.h>

/*
 * Decode base64 (white space anywhere, '=' padding optional at the end)
 * or hex (white space and ':' between bytes allowed).  *out is new, caller
 * frees.  Returns 0, or -1 with *bad at the first offending character
 * (NULL when out of memory).
 */
int	hs_encode_base64_decode(const char *, size_t, unsigned char **,
	    size_t *, const char **);
int	hs_encode_hex_decode(const char *, size_t, unsigned char **, size_t *,
	    const char **);
/* Lower-case hex of n bytes into out, which holds 2n+1. */
void	hs_encode_hex(const unsigned char *, size_t, char *);
/* Base64 (with '=' padding) of n bytes into out, which holds 4(n+2)/3+1. */
void	hs_encode_base64(const unsigned char *, size_t, char *);

#endif
