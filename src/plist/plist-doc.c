/*
 * plist-doc.c: reading a property-list file, detecting its format, and
 * the per-node facts kept beside libplist's tree.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plist/plist-doc.h"
#include "util/file.h"
#include "plist/xmlplist.h"

const char *
plist_format_name(enum plist_format f)
{
	return f == PLIST_FORMAT_BINARY ? "binary" : "xml";
}

int
plist_doc_read_file(const char *path, struct plist_doc **out,
    struct hs_error *err)
{
	struct stat	 st;
	char		*buf;
	size_t		 len;
	int		 r;

	*out = NULL;
	if ((r = hs_file_read(path, PLIST_MAX_FILE_SIZE, &buf, &len, &st,
	    err)) != HS_OK)
		return r;
	if ((r = plist_doc_adopt(buf, len, out, err)) == HS_OK)
		(*out)->st = st;
	return r;
}

static int
plist_doc_is_xml(const char *p, size_t len)
{
	size_t	i = 0;

	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < len && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' ||
	    p[i] == '\n'))
		i++;
	return i < len && p[i] == '<';
}

int
plist_doc_parse(const void *buf, size_t len, struct plist_doc **out,
    struct hs_error *err)
{
	char	*copy;

	*out = NULL;
	if (len > PLIST_MAX_FILE_SIZE)
		return hs_error_set(err, HS_EFORMAT, "%zu bytes is over the "
		    "limit of %zu", len, PLIST_MAX_FILE_SIZE);
	if ((copy = malloc(len + 1)) == NULL)
		return hs_error_set(err, HS_ENOMEM, "out of memory");
	memcpy(copy, buf, len);
	copy[len] = '\0';
	return plist_doc_adopt(copy, len, out, err);
}

int
plist_doc_adopt(char *buf, size_t len, struct plist_doc **out,
    struct hs_error *err)
{
	struct plist_doc	*doc;
	int			 r;

	*out = NULL;
	if (len == 0 || len > PLIST_MAX_FILE_SIZE) {
		free(buf);
		return len == 0 ? hs_error_at(err, HS_EFORMAT, 0, "file is "
		    "empty") : hs_error_set(err, HS_EFORMAT, "%zu bytes is "
		    "over the limit of %zu", len, PLIST_MAX_FILE_SIZE);
	}
	if ((doc = calloc(1, sizeof *doc)) == NULL) {
		free(buf);
		return hs_error_set(err, HS_ENOMEM, "out of memory");
	}
	doc->bytes = buf;
	doc->len = len;
	if (len >= 6 && memcmp(buf, "bplist", 6) == 0) {
		doc->format = PLIST_FORMAT_BINARY;
		if ((r = bplist_open(&doc->bp, buf, len, err)) == HS_OK)
			r = bplist_validate(&doc->bp, err);
	} else if (plist_doc_is_xml(buf, len)) {
		doc->format = PLIST_FORMAT_XML;
		r = xmlplist_read(buf, len, &doc->xt, err);
	} else
		r = hs_error_at(err, HS_EFORMAT, 0, "not a property list "
		    "(neither binary \"bplist00\" nor XML)");
	if (r != HS_OK) {
		plist_doc_free(doc);
		return r;
	}
	*out = doc;
	return HS_OK;
}

void
plist_doc_shed(struct plist_doc *doc)
{
	if (doc->root != NULL)
		plist_free(doc->root);
	doc->root = NULL;
	xtree_free(&doc->xt);
	bplist_release(&doc->bp);
	hs_lines_release(&doc->lines);
	plist_srcmap_release(&doc->src);
}

void
plist_doc_free(struct plist_doc *doc)
{
	if (doc == NULL)
		return;
	plist_doc_shed(doc);
	free(doc->bytes);
	free(doc);
}

void
plist_doc_linecol(const struct plist_doc *doc, size_t off, unsigned *line,
    unsigned *col)
{
	/* The line index is a cache, as the tree in plist_doc_tree. */
	struct plist_doc	*d = (struct plist_doc *)doc;

	hs_lines_find(&d->lines, d->bytes, d->len, off, line, col);
}

const char *
plist_doc_where(const struct plist_doc *doc, plist_t node, char *buf,
    size_t len)
{
	const struct plist_src	*s = NULL;
	unsigned		 line, col;

	buf[0] = '\0';
	for (; node != NULL && s == NULL; node = plist_get_parent(node))
		s = plist_srcmap_find(&doc->src, node);
	if (s == NULL)
		return buf;
	if (doc->format == PLIST_FORMAT_BINARY) {
		snprintf(buf, len, " (at offset %lld)", s->pos);
		return buf;
	}
	plist_doc_linecol(doc, (size_t)s->pos, &line, &col);
	snprintf(buf, len, " (at line %u:%u)", line, col);
	return buf;
}

int
plist_doc_number(const struct plist_doc *doc, plist_t node, double *out)
{
	const struct plist_src	*s;
	uint64_t		 u = 0;
	int32_t			 sec = 0, usec = 0;

	switch (plist_get_node_type(node)) {
	case PLIST_REAL:
		plist_get_real_val(node, out);
		return 0;
	case PLIST_DATE:
		/* The builder notes every date: libplist 2.2 keeps 32 bits. */
		s = plist_srcmap_find(&doc->src, node);
		if (s != NULL && (s->flags & PLIST_SRC_DATE)) {
			*out = s->date;
			return 0;
		}
		plist_get_date_val(node, &sec, &usec);
		*out = sec + usec / 1e6;
		return 0;
	case PLIST_UINT:
		plist_get_uint_val(node, &u);
		s = plist_srcmap_find(&doc->src, node);
		if (s != NULL && (s->flags & PLIST_SRC_OVERFLOW))
			return -1;
		if (s != NULL && (s->flags & PLIST_SRC_NEGATIVE))
			*out = (double)(int64_t)u;
		else
			*out = (double)u;
		return 0;
	default:
		return -1;
	}
}

const char *
plist_type_words(plist_type t)
{
	switch (t) {
	case PLIST_BOOLEAN: return "a boolean";
	case PLIST_UINT: return "an integer";
	case PLIST_REAL: return "a real";
	case PLIST_STRING: return "a string";
	case PLIST_ARRAY: return "an array";
	case PLIST_DICT: return "a dictionary";
	case PLIST_DATE: return "a date";
	case PLIST_DATA: return "data";
	case PLIST_UID: return "a UID";
	default: return "something else";
	}
}
