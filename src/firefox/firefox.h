/*
 * firefox.h: Firefox's HSTS state (doc/formats.md section 10):
 * SiteSecurityServiceState.bin, fixed slots of 286 bytes with a checksum,
 * and the older SiteSecurityServiceState.txt, a line per entry.  An
 * entry's session is what its key holds after the host (origin
 * attributes, and ":HSTS" in older keys), so that every variant of a
 * host is an entry of its own.
 */
#ifndef HS_FIREFOX_H
#define HS_FIREFOX_H

#include <stddef.h>

#include "hsts/store.h"

#define FIREFOX_SLOT		286
#define FIREFOX_BIN_NAME	"SiteSecurityServiceState.bin"
#define FIREFOX_TXT_NAME	"SiteSecurityServiceState.txt"

int	firefox_bin_sniff(const char *, const char *, size_t);
int	firefox_txt_sniff(const char *, const char *, size_t);
int	firefox_bin_read(const char *, const char *, size_t,
	    struct hsts_store **, struct hs_error *);
int	firefox_txt_read(const char *, const char *, size_t,
	    struct hsts_store **, struct hs_error *);
/*
 * The .bin with the slots of the entries drop marks zeroed, as Firefox
 * removes an entry: no slot moves, every other byte stays.  *out is new.
 */
int	firefox_bin_drop(const struct hsts_store *, const char *, size_t,
	    const unsigned char *, char **, size_t *, struct hs_error *);

#endif
