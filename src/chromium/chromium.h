/*
 * chromium.h: the TransportSecurity file of Chrome, Chromium, Edge,
 * Brave and Electron apps (doc/formats.md section 11): JSON, version 2,
 * {"sts": [{"host": BASE64, "sts_include_subdomains": bool,
 * "sts_observed": UNIX, "expiry": UNIX, "mode": "force-https"}, ...]}.
 * Hosts are hashed (host_hash): the store is a hashed one, whose entries
 * are named only for hosts asked about (hsts_store_name).
 */
#ifndef HS_CHROMIUM_H
#define HS_CHROMIUM_H

#include <stddef.h>

#include "hsts/store.h"

int	chromium_sniff(const char *, const char *, size_t);
int	chromium_read(const char *, const char *, size_t,
	    struct hsts_store **, struct hs_error *);
/*
 * The file without the "sts" elements of the entries drop marks (and the
 * comma that went with each); every other byte as it was.  *out is new.
 */
int	chromium_drop(const struct hsts_store *, const char *, size_t,
	    const unsigned char *, char **, size_t *, struct hs_error *);

#endif
