/* text.c: what the text stores share; see text.h. */
#include <stdlib.h>
#include <string.h>

#include "hsts/text.h"

#define TEXT_MAX_LINE	4096

int
text_store_line(const char *buf, size_t len, size_t *off, struct hs_line *l,
    struct hs_error *err)
{
	if (!hs_lines_next(buf, len, off, l))
		return 0;
	if (l->len > TEXT_MAX_LINE)
		return hs_error_at_line(err, HS_EFORMAT, (int)l->no, 1, "line "
		    "%u is %zu bytes long; no such store has lines over %d",
		    l->no, l->len, TEXT_MAX_LINE);
	if (memchr(l->p, '\0', l->len) != NULL)
		return hs_error_at_line(err, HS_EFORMAT, (int)l->no, (int)(
		    (const char *)memchr(l->p, '\0', l->len) - l->p) + 1,
		    "line %u holds a NUL byte: not a text store", l->no);
	return 1;
}

int
text_store_read(const char *path, enum hsts_format fmt, const char *buf,
    size_t len, int (*line)(struct hsts_store *, const struct hs_line *,
    struct hs_error *), struct hsts_store **out, struct hs_error *err)
{
	struct hsts_store	*st;
	struct hs_line		 l;
	size_t			 off = 0;
	int			 r;

	*out = NULL;
	if ((st = hsts_store_new(path, fmt)) == NULL)
		return hs_error_set(err, HS_ENOMEM, "out of memory");
	memset(&l, 0, sizeof l);
	while ((r = text_store_line(buf, len, &off, &l, err)) == 1)
		if ((r = line(st, &l, err)) != HS_OK)
			break;
	if (r != 0) {
		hsts_store_free(st);
		return r;
	}
	*out = st;
	return HS_OK;
}

int
text_store_drop(const struct hsts_store *st, const char *buf, size_t len,
    const unsigned char *drop, char **out, size_t *outlen,
    struct hs_error *err)
{
	char	*o;
	size_t	 i, at = 0, n = 0;

	if ((o = malloc(len + 1)) == NULL)
		return hs_error_set(err, HS_ENOMEM, "out of memory");
	/* Entries are in file order: copy what lies between dropped lines. */
	for (i = 0; i < st->nentries; i++) {
		if (!drop[i])
			continue;
		memcpy(o + n, buf + at, st->entries[i].at - at);
		n += st->entries[i].at - at;
		at = st->entries[i].at + st->entries[i].len;
	}
	memcpy(o + n, buf + at, len - at);
	n += len - at;
	o[n] = '\0';
	*out = o;
	*outlen = n;
	return HS_OK;
}
