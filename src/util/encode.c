/* encode.c: base64 and hex. */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>

#include "util/encode.h"

static int
b64_value(int c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

int
hs_encode_base64_decode(const char *s, size_t len, unsigned char **out,
    size_t *n, const char **bad)
{
	unsigned char	*buf;
	unsigned	 acc = 0;
	int		 bits = 0, v, pad = 0;
	size_t		 i;

	*bad = NULL;
	*n = 0;
	if ((buf = malloc(len / 4 * 3 + 3)) == NULL)
		return -1;
	for (i = 0; i < len; i++) {
		if (isspace((unsigned char)s[i]))
			continue;
		if (s[i] == '=') {
			pad++;
			continue;
		}
		if (pad || (v = b64_value((unsigned char)s[i])) < 0) {
			free(buf);
			*bad = s + i;
			return -1;
		}
		acc = (acc << 6) | (unsigned)v;
		if ((bits += 6) >= 8) {
			bits -= 8;
			buf[(*n)++] = (unsigned char)(acc >> bits);
		}
	}
	*out = buf;
	return 0;
}

static int
hex_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
hs_encode_hex_decode(const char *s, size_t len, unsigned char **out, size_t *n,
    const char **bad)
{
	unsigned char	*buf;
	size_t		 i;
	int		 hi = -1, v;

	*bad = NULL;
	*n = 0;
	if ((buf = malloc(len / 2 + 1)) == NULL)
		return -1;
	for (i = 0; i < len; i++) {
		if (hi < 0 && (isspace((unsigned char)s[i]) || s[i] == ':'))
			continue;
		if ((v = hex_value((unsigned char)s[i])) < 0) {
			free(buf);
			*bad = s + i;
			return -1;
		}
		if (hi < 0)
			hi = v;
		else {
			buf[(*n)++] = (unsigned char)(hi << 4 | v);
			hi = -1;
		}
	}
	if (hi >= 0) {
		free(buf);
		*bad = s + len;
		return -1;
	}
	*out = buf;
	return 0;
}

void
hs_encode_hex(const unsigned char *p, size_t n, char *out)
{
	static const char	digits[] = "0123456789abcdef";
	size_t			i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[p[i] >> 4];
		out[2 * i + 1] = digits[p[i] & 0x0f];
	}
	out[2 * n] = '\0';
}

void
hs_encode_base64(const unsigned char *p, size_t n, char *out)
{
	static const char	b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789+/";
	uint32_t		v;
	size_t			i;

	for (i = 0; i + 2 < n; i += 3) {
		v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8 | p[i + 2];
		*out++ = b64[v >> 18];
		*out++ = b64[(v >> 12) & 63];
		*out++ = b64[(v >> 6) & 63];
		*out++ = b64[v & 63];
	}
	if (i < n) {
		v = (uint32_t)p[i] << 16 | (i + 1 < n ? (uint32_t)p[i + 1] << 8 :
		    0);
		*out++ = b64[v >> 18];
		*out++ = b64[(v >> 12) & 63];
		*out++ = i + 1 < n ? b64[(v >> 6) & 63] : '=';
		*out++ = '=';
	}
	*out = '\0';
}
