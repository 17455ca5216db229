/*
 * curlwget.h: the HSTS caches of curl (curl --hsts FILE) and wget
 * (~/.wget-hsts), text files of a line per host (doc/formats.md section
 * 9).  Each reader fills a store (hsts/store.h) whose entries know the
 * line they came from, and a change drops whole lines (text_store_drop).
 */
#ifndef HS_CURLWGET_H
#define HS_CURLWGET_H

#include <stddef.h>

#include "hsts/store.h"
#include "hsts/text.h"

#define CURL_HEADER	"# Your HSTS cache. https://curl.se/docs/hsts.html"
#define WGET_HEADER	"# HSTS 1.0 Known Hosts database for GNU Wget."

/* Does the text look like the store (its header line, or its name)? */
int	curl_sniff(const char *, const char *, size_t);
int	wget_sniff(const char *, const char *, size_t);
/* Read the len bytes at buf (the file at path).  *out is new. */
int	curl_read(const char *, const char *, size_t, struct hsts_store **,
	    struct hs_error *);
int	wget_read(const char *, const char *, size_t, struct hsts_store **,
	    struct hs_error *);
#endif
