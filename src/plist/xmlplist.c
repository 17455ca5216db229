/*
 * xmlplist.c: XML property lists, read with libxml2's streaming reader
 * (never libplist's XML parser, which is unsafe on malformed dates) into a
 * libplist tree.  No network, no DTD loading, no entity expansion.
 * Apple spellings: +infinity/-infinity reals, <true/>, base64 <data> with
 * whitespace, ISO-8601 <date>.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlreader.h>

#include "plist/bplist.h"
#include "plist/plist-doc.h"
#include "util/cftime.h"
#include "util/encode.h"

struct xmlplist {
	xmlTextReaderPtr	 reader;
	struct plist_doc	*doc;
	struct hs_error		*err;
	int			 failed;	/* err already set */
};

/* The line of the node the reader is on (the parser reads ahead). */
static int
xp_line(struct xmlplist *x)
{
	xmlNodePtr	n = xmlTextReaderCurrentNode(x->reader);
	long		line = n ? xmlGetLineNo(n) : -1;

	return line > 0 ? (int)line :
	    xmlTextReaderGetParserLineNumber(x->reader);
}

/* The parser's column, when it is still on the node's line; else 0. */
static int
xp_col(struct xmlplist *x)
{
	if (xmlTextReaderGetParserLineNumber(x->reader) != xp_line(x))
		return 0;
	return xmlTextReaderGetParserColumnNumber(x->reader);
}

static const char	*xp_name(struct xmlplist *);

/*
 * The column of needle on line (1-based) of the document, or 0.  The
 * reader cannot say where a node starts, but the line is exact, and the
 * offending text or tag is on it.
 */
static int
xp_find_col(const struct xmlplist *x, int line, const char *needle)
{
	const char	*p = x->doc->bytes, *end = p + x->doc->len, *eol, *hit;
	size_t		 n = strlen(needle);

	for (; line > 1 && p < end; line--)
		if ((p = memchr(p, '\n', (size_t)(end - p))) == NULL)
			return 0;
		else
			p++;
	if (n == 0 || p >= end)
		return 0;
	eol = memchr(p, '\n', (size_t)(end - p));
	eol = eol ? eol : end;
	for (hit = p; hit + n <= eol; hit++)
		if (memcmp(hit, needle, n) == 0)
			return (int)(hit - p) + 1;
	return 0;
}

static int
xp_fail(struct xmlplist *x, const char *fmt, const char *arg)
{
	char	tag[64];
	int	line, col;

	if (x->failed)
		return HS_EFORMAT;
	line = xp_line(x);
	col = xp_col(x);
	snprintf(tag, sizeof tag, xmlTextReaderNodeType(x->reader) ==
	    XML_READER_TYPE_ENTITY_REFERENCE ? "&%s;" : "<%s", xp_name(x));
	if (col == 0 && arg != NULL && *arg != '\0')
		col = xp_find_col(x, line, arg);
	if (col == 0 && strlen(tag) > 1)
		col = xp_find_col(x, line, tag);
	hs_error_at_line(x->err, HS_EFORMAT, line, col, fmt, arg ? arg : "");
	x->failed = 1;
	return HS_EFORMAT;
}

static void
xp_on_error(void *arg, xmlErrorPtr e)
{
	struct xmlplist	*x = arg;
	char		 msg[256], *p;
	size_t		 n;

	if (x->failed || e == NULL || e->level < XML_ERR_ERROR)
		return;
	snprintf(msg, sizeof msg, "%s", e->message ? e->message : "error");
	if (strstr(msg, "Excessive depth") != NULL)
		snprintf(msg, sizeof msg, "elements nested too deeply");
	n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	/* One line: libxml2 puts the offending bytes on a second one. */
	for (p = msg; (p = strchr(p, '\n')) != NULL; )
		*p = ' ';
	hs_error_at_line(x->err, HS_EFORMAT, e->line, e->int2,
	    "malformed XML: %s", msg);
	x->failed = 1;
}

/* Advance to the next node that matters; returns its type or -1. */
static int
xp_next(struct xmlplist *x)
{
	int	type;

	for (;;) {
		if (xmlTextReaderRead(x->reader) != 1) {
			if (!x->failed)
				xp_fail(x, "unexpected end of document%s", "");
			return -1;
		}
		type = xmlTextReaderNodeType(x->reader);
		switch (type) {
		case XML_READER_TYPE_WHITESPACE:
		case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
		case XML_READER_TYPE_COMMENT:
		case XML_READER_TYPE_PROCESSING_INSTRUCTION:
		case XML_READER_TYPE_DOCUMENT_TYPE:
		case XML_READER_TYPE_XML_DECLARATION:
			continue;
		case XML_READER_TYPE_ENTITY_REFERENCE:
		case XML_READER_TYPE_ENTITY:
			xp_fail(x, "entity references are not allowed in a "
			    "property list%s", "");
			return -1;
		default:
			return type;
		}
	}
}

static const char *
xp_name(struct xmlplist *x)
{
	const xmlChar	*n = xmlTextReaderConstLocalName(x->reader);

	return n ? (const char *)n : "";
}

/*
 * Collect the text of the current leaf element up to its end tag.  Caller
 * frees *out.  Empty elements give "".
 */
static int
xp_text(struct xmlplist *x, char **out)
{
	char		*buf = NULL, *nb;
	size_t		 len = 0, add;
	const char	*v;
	int		 type;

	*out = NULL;
	if (xmlTextReaderIsEmptyElement(x->reader)) {
		*out = strdup("");
		return *out ? HS_OK : HS_ENOMEM;
	}
	for (;;) {
		if (xmlTextReaderRead(x->reader) != 1) {
			free(buf);
			return xp_fail(x, "unexpected end of document%s", "");
		}
		type = xmlTextReaderNodeType(x->reader);
		if (type == XML_READER_TYPE_END_ELEMENT)
			break;
		if (type == XML_READER_TYPE_COMMENT ||
		    type == XML_READER_TYPE_PROCESSING_INSTRUCTION)
			continue;
		if (type != XML_READER_TYPE_TEXT &&
		    type != XML_READER_TYPE_CDATA &&
		    type != XML_READER_TYPE_WHITESPACE &&
		    type != XML_READER_TYPE_SIGNIFICANT_WHITESPACE) {
			free(buf);
			if (type == XML_READER_TYPE_ENTITY_REFERENCE)
				return xp_fail(x, "entity references are not "
				    "allowed in a property list%s", "");
			return xp_fail(x, "unexpected <%s> inside a value",
			    xp_name(x));
		}
		v = (const char *)xmlTextReaderConstValue(x->reader);
		add = v ? strlen(v) : 0;
		if ((nb = realloc(buf, len + add + 1)) == NULL) {
			free(buf);
			return HS_ENOMEM;
		}
		buf = nb;
		memcpy(buf + len, v ? v : "", add);
		len += add;
		buf[len] = '\0';
	}
	if (buf == NULL && (buf = strdup("")) == NULL)
		return HS_ENOMEM;
	*out = buf;
	return HS_OK;
}

static char *
xp_trim(char *s)
{
	size_t	n;

	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
	    s[n - 1] == '\r' || s[n - 1] == '\n'))
		s[--n] = '\0';
	return s;
}

/* Decimal only, as Apple writes and reads it: [+-]digits. */
static int
xp_integer(struct xmlplist *x, char *text, plist_t *out)
{
	char		*s = xp_trim(text), *p;
	int		 neg = 0;
	uint64_t	 v = 0, d;
	unsigned	 flags = 0;
	int		 line = xp_line(x), col = xp_col(x);

	p = s;
	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	if (*p == '\0')
		return xp_fail(x, "<integer> \"%s\" is not a decimal number",
		    s);
	for (; *p != '\0'; p++) {
		if (!isdigit((unsigned char)*p))
			return xp_fail(x, "<integer> \"%s\" is not a decimal "
			    "number", s);
		d = (uint64_t)(*p - '0');
		if (v > (UINT64_MAX - d) / 10)
			return xp_fail(x, "<integer> \"%s\" does not fit in 64 "
			    "bits", s);
		v = v * 10 + d;
	}
	if (neg && v > (uint64_t)INT64_MAX + 1)
		return xp_fail(x, "<integer> \"%s\" does not fit in 64 bits",
		    s);
	if (neg && v != 0) {
		v = (uint64_t)0 - v;
		flags = PLIST_SRC_NEGATIVE;
	}
	if ((*out = plist_new_uint(v)) == NULL)
		return HS_ENOMEM;
	if (flags && plist_doc_note(x->doc, *out, line, col, flags) != HS_OK)
		return HS_ENOMEM;
	return HS_OK;
}

static int
xp_real_text_ok(const char *s)
{
	const char	*p = s;

	if (*p == '+' || *p == '-')
		p++;
	if (!isdigit((unsigned char)*p) && *p != '.')
		return 0;
	for (; *p != '\0'; p++)
		if (!isdigit((unsigned char)*p) && strchr(".eE+-", *p) == NULL)
			return 0;
	return 1;
}

static int
xp_real(struct xmlplist *x, char *text, plist_t *out)
{
	char	*s = xp_trim(text), *end;
	double	 v;

	if (strcmp(s, "+infinity") == 0 || strcmp(s, "infinity") == 0 ||
	    strcmp(s, "inf") == 0 || strcmp(s, "+inf") == 0)
		v = INFINITY;
	else if (strcmp(s, "-infinity") == 0 || strcmp(s, "-inf") == 0)
		v = -INFINITY;
	else if (strcmp(s, "nan") == 0)
		v = NAN;
	else {
		if (!xp_real_text_ok(s))
			return xp_fail(x, "<real> \"%s\" is not a number", s);
		errno = 0;
		v = strtod(s, &end);
		if (*end != '\0' || end == s)
			return xp_fail(x, "<real> \"%s\" is not a number", s);
	}
	return (*out = plist_new_real(v)) ? HS_OK : HS_ENOMEM;
}

static int
xp_digits(const char *s, int n, int *out)
{
	int	v = 0;

	while (n-- > 0) {
		if (!isdigit((unsigned char)*s))
			return -1;
		v = v * 10 + (*s++ - '0');
	}
	*out = v;
	return 0;
}

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar. */
static long long
xp_days(int y, int m, int d)
{
	long long	era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Apple's form: YYYY-MM-DDTHH:MM:SSZ. */
static int
xp_date(struct xmlplist *x, char *text, plist_t *out)
{
	char		*s = xp_trim(text);
	int		 y, mo, d, h, mi, se;
	double		 cf;

	if (strlen(s) != 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' ||
	    s[13] != ':' || s[16] != ':' || s[19] != 'Z' ||
	    xp_digits(s, 4, &y) || xp_digits(s + 5, 2, &mo) ||
	    xp_digits(s + 8, 2, &d) || xp_digits(s + 11, 2, &h) ||
	    xp_digits(s + 14, 2, &mi) || xp_digits(s + 17, 2, &se) ||
	    mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 ||
	    se > 60)
		return xp_fail(x, "<date> \"%s\" is not YYYY-MM-DDTHH:MM:SSZ",
		    s);
	cf = cftime_from_unix((double)(xp_days(y, mo, d) * 86400LL +
	    h * 3600 + mi * 60 + se));
	/* libplist 2.2 keeps dates as 32-bit seconds from 2001. */
	if (cf < INT32_MIN || cf > INT32_MAX)
		return xp_fail(x, "<date> \"%s\" is outside 1933-2069, the "
		    "range libplist 2.2 can hold", s);
	return (*out = plist_new_date((int32_t)cf, 0)) ? HS_OK : HS_ENOMEM;
}

/* Base64 with any white space; '=' padding optional at the end. */
static int
xp_data(struct xmlplist *x, char *text, plist_t *out)
{
	unsigned char	*buf;
	const char	*bad;
	size_t		 n;

	if (base64_decode(text, strlen(text), &buf, &n, &bad) != 0) {
		if (bad == NULL)
			return HS_ENOMEM;
		return xp_fail(x, "<data> is not valid base64 (at \"%.16s\")",
		    bad);
	}
	*out = plist_new_data((const char *)buf, n);
	free(buf);
	return *out ? HS_OK : HS_ENOMEM;
}

static int	xp_value(struct xmlplist *, unsigned, plist_t *);

/* Read the next element (or the container's end); *done at the end tag. */
static int
xp_child(struct xmlplist *x, int *done)
{
	int	type = xp_next(x);

	*done = 0;
	if (type == XML_READER_TYPE_END_ELEMENT) {
		*done = 1;
		return HS_OK;
	}
	if (type == XML_READER_TYPE_ELEMENT)
		return HS_OK;
	if (type == -1)
		return HS_EFORMAT;
	return xp_fail(x, "unexpected text where an element should be%s", "");
}

static int
xp_dict_pair(struct xmlplist *x, plist_t dict, unsigned depth)
{
	char	*key = NULL;
	plist_t	 val = NULL;
	int	 r, done;

	if (strcmp(xp_name(x), "key") != 0)
		return xp_fail(x, "expected <key> in <dict>, found <%s>",
		    xp_name(x));
	if ((r = xp_text(x, &key)) != HS_OK)
		return r;
	if (plist_dict_get_item(dict, key) != NULL) {
		r = xp_fail(x, "dictionary has the key \"%s\" twice", key);
		free(key);
		return r;
	}
	if ((r = xp_child(x, &done)) == HS_OK && done)
		r = xp_fail(x, "<key>%s</key> has no value", key);
	if (r == HS_OK && (r = xp_value(x, depth, &val)) == HS_OK)
		plist_dict_set_item(dict, key, val);
	free(key);
	return r;
}

static int
xp_container(struct xmlplist *x, int is_dict, unsigned depth, plist_t *out)
{
	plist_t	 c, item;
	int	 r = HS_OK, done = 0;

	if (depth > BPLIST_MAX_DEPTH)
		return xp_fail(x, "containers nested deeper than 512 levels%s",
		    "");
	c = is_dict ? plist_new_dict() : plist_new_array();
	if (c == NULL)
		return HS_ENOMEM;
	if (plist_doc_note(x->doc, c, xp_line(x), xp_col(x), 0) != HS_OK) {
		plist_free(c);
		return HS_ENOMEM;
	}
	*out = c;
	if (xmlTextReaderIsEmptyElement(x->reader))
		return HS_OK;
	while (r == HS_OK && (r = xp_child(x, &done)) == HS_OK && !done) {
		if (is_dict)
			r = xp_dict_pair(x, c, depth + 1);
		else if ((r = xp_value(x, depth + 1, &item)) == HS_OK)
			plist_array_append_item(c, item);
	}
	return r;
}

static int
xp_leaf(struct xmlplist *x, const char *name, plist_t *out)
{
	static const char *const leaves[] = { "string", "integer", "real",
	    "date", "data", "true", "false" };
	char	*text;
	size_t	 i;
	int	 r;

	for (i = 0; i < sizeof leaves / sizeof leaves[0]; i++)
		if (strcmp(name, leaves[i]) == 0)
			break;
	if (i == sizeof leaves / sizeof leaves[0])
		return xp_fail(x, "unknown element <%s>", name);
	if ((r = xp_text(x, &text)) != HS_OK)
		return r;
	if (strcmp(name, "string") == 0)
		r = (*out = plist_new_string(text)) ? HS_OK : HS_ENOMEM;
	else if (strcmp(name, "integer") == 0)
		r = xp_integer(x, text, out);
	else if (strcmp(name, "real") == 0)
		r = xp_real(x, text, out);
	else if (strcmp(name, "date") == 0)
		r = xp_date(x, text, out);
	else if (strcmp(name, "data") == 0)
		r = xp_data(x, text, out);
	else if (strcmp(name, "true") == 0 || strcmp(name, "false") == 0) {
		if (*xp_trim(text) != '\0')
			r = xp_fail(x, "<%s/> must be empty", name);
		else
			r = (*out = plist_new_bool(name[0] == 't')) ? HS_OK :
			    HS_ENOMEM;
	}
	free(text);
	return r;
}

/*
 * Convert the element the reader is on.  On error *out may hold a partial
 * container, which the caller frees.
 */
static int
xp_value(struct xmlplist *x, unsigned depth, plist_t *out)
{
	const char	*name = xp_name(x);
	plist_t		 v = NULL;
	int		 r;

	*out = NULL;
	if (strcmp(name, "dict") == 0 || strcmp(name, "array") == 0) {
		r = xp_container(x, name[0] == 'd', depth, &v);
		if (r != HS_OK && v != NULL)
			plist_free(v);
		else
			*out = v;
		return r;
	}
	return xp_leaf(x, name, out);
}

static int
xp_document(struct xmlplist *x, plist_t *root)
{
	int	type, wrapped, r, done;

	if ((type = xp_next(x)) != XML_READER_TYPE_ELEMENT)
		return type == -1 ? HS_EFORMAT :
		    xp_fail(x, "no root element%s", "");
	wrapped = strcmp(xp_name(x), "plist") == 0;
	if (wrapped) {
		if (xmlTextReaderIsEmptyElement(x->reader))
			return xp_fail(x, "<plist> holds no value%s", "");
		if ((r = xp_child(x, &done)) != HS_OK)
			return r;
		if (done)
			return xp_fail(x, "<plist> holds no value%s", "");
	}
	if ((r = xp_value(x, 1, root)) != HS_OK)
		return r;
	if (wrapped && ((r = xp_child(x, &done)) != HS_OK || !done))
		return r != HS_OK ? r : xp_fail(x, "<plist> holds more than "
		    "one value%s", "");
	while ((type = xmlTextReaderRead(x->reader)) == 1) {
		type = xmlTextReaderNodeType(x->reader);
		if (type == XML_READER_TYPE_ELEMENT ||
		    type == XML_READER_TYPE_TEXT)
			return xp_fail(x, "content after the end of the "
			    "property list%s", "");
	}
	return x->failed ? HS_EFORMAT : HS_OK;
}

/*
 * libxml2 prints some errors (encoding conversion, I/O) straight to
 * stderr rather than through the reader's handler; those are reported
 * by the reader as well, so silence the direct ones.
 */
static void
xp_quiet(void *ctx, const char *msg, ...)
{
}

int
xmlplist_read(struct plist_doc *doc, struct hs_error *err)
{
	struct xmlplist	x;
	plist_t		root = NULL;
	int		r;

	memset(&x, 0, sizeof x);
	x.doc = doc;
	x.err = err;
	/*
	 * No NOENT (no entity expansion), no DTDLOAD, no network.  Always
	 * UTF-8, whatever the declaration says: Apple writes nothing else,
	 * and the editor (xmlplist-edit.c) works on UTF-8 bytes.
	 */
	xmlSetGenericErrorFunc(NULL, xp_quiet);
	x.reader = xmlReaderForMemory(doc->bytes, (int)doc->len, NULL, "UTF-8",
	    XML_PARSE_NONET | XML_PARSE_IGNORE_ENC);
	if (x.reader == NULL)
		return hs_error_set(err, HS_ENOMEM, "cannot start the XML "
		    "reader");
	xmlTextReaderSetStructuredErrorHandler(x.reader, xp_on_error, &x);
	r = xp_document(&x, &root);
	xmlFreeTextReader(x.reader);
	if (r == HS_ENOMEM)
		hs_error_set(err, HS_ENOMEM, "out of memory");
	if (r != HS_OK) {
		if (root != NULL)
			plist_free(root);
		return r;
	}
	doc->root = root;
	return HS_OK;
}
