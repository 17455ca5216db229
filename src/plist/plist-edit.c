/* plist-edit.c: applying edits in the document's own format. */
#include <string.h>

#include "plist/plist-edit.h"

int
plist_edit_same_path(const struct plist_edit *a, const struct plist_edit *b)
{
	size_t	i;

	if (a->depth != b->depth)
		return 0;
	for (i = 0; i < a->depth; i++)
		if (strcmp(a->path[i], b->path[i]) != 0)
			return 0;
	return 1;
}

int
plist_doc_apply(const struct plist_doc *doc, const struct plist_edit *ed,
    size_t n, char **out, size_t *outlen, struct hs_error *err)
{
	if (doc->format == PLIST_FORMAT_BINARY)
		return bplist_apply(doc->bytes, doc->len, ed, n, out, outlen,
		    err);
	return xmlplist_apply(doc->bytes, doc->len, ed, n, out, outlen, err);
}
