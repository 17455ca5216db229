/*
 * fuzz-plist.c: the property-list readers (binary validator, object-table
 * view and libplist's tree; XML reader) and the HSTS store view on top.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "hsts/store.h"
#include "plist/bplist.h"
#include "plist/plist-doc.h"
#include "plist/plist-tree.h"

/* Read as a document, then as an HSTS store; errors are fine. */
static void
fuzz_read(const uint8_t *data, size_t len)
{
	struct plist_doc	*doc;
	struct hsts_store	*st;
	struct hs_error		 err;
	size_t			 i;

	hs_error_init(&err);
	if (plist_doc_parse(data, len, &doc, &err) != HS_OK) {
		if (err.msg[0] == '\0')
			abort();	/* every error says what is wrong */
		return;
	}
	/* libplist's tree too, as the trust-exception code builds it. */
	(void)plist_doc_root(doc);
	if (hsts_store_view("fuzz", doc, &st, &err) == HS_OK) {
		for (i = 0; i < st->nentries; i++)
			if (st->entries[i].host == NULL ||
			    st->entries[i].norm == NULL)
				abort();
		hsts_store_free(st);
	}
	plist_doc_free(doc);
}

int
fuzz_bplist(const uint8_t *data, size_t len)
{
	struct bplist	bp;
	struct hs_error	err;

	/* The validator on its own, then the whole reader. */
	hs_error_init(&err);
	if (bplist_open(&bp, data, len, &err) == HS_OK) {
		(void)bplist_validate(&bp, &err);
		bplist_release(&bp);
	}
	fuzz_read(data, len);
	return 0;
}

int
fuzz_xmlplist(const uint8_t *data, size_t len)
{
	fuzz_read(data, len);
	return 0;
}
