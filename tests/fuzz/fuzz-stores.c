/*
 * fuzz-stores.c: the stores of other browsers (Chromium, Firefox, curl,
 * wget).  Any bytes, read under each format's name; when they read, drop
 * every other entry and read the result back: it must read, with exactly
 * the entries kept.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "stores/access.h"

static const char *const fuzz_names[] = {
	"TransportSecurity", "SiteSecurityServiceState.bin",
	"SiteSecurityServiceState.txt", "hsts.txt", ".wget-hsts"
};

static void
fuzz_one(const char *name, const uint8_t *data, size_t len)
{
	struct hsts_store	*st, *back;
	struct hs_error		 err;
	unsigned char		*drop;
	char			*out = NULL;
	size_t			 i, olen, kept = 0;

	hs_error_init(&err);
	if (store_parse(name, (const char *)data, len, &st, &err) != HS_OK) {
		if (err.msg[0] == '\0')
			abort();
		return;
	}
	hsts_store_name(st, "dev.example.test");
	if (st->format == HSTS_FMT_APPLE ||
	    (drop = calloc(st->nentries + 1, 1)) == NULL) {
		hsts_store_free(st);
		return;
	}
	for (i = 0; i < st->nentries; i++) {
		if (st->entries[i].at + st->entries[i].len > len)
			abort();
		drop[i] = i % 2 == 0;
		kept += !drop[i];
	}
	if (store_drop(st, (const char *)data, len, drop, &out, &olen,
	    &err) == HS_OK) {
		if (store_parse(name, out, olen, &back, &err) != HS_OK ||
		    back->nentries != kept)
			abort();
		hsts_store_free(back);
	}
	free(out);
	free(drop);
	hsts_store_free(st);
}

int
fuzz_stores(const uint8_t *data, size_t len)
{
	size_t	i;

	for (i = 0; i < sizeof fuzz_names / sizeof fuzz_names[0]; i++)
		fuzz_one(fuzz_names[i], data, len);
	return 0;
}
