/*
 * xmlplist.c: XML property lists, read by libxml2's SAX2 parser (never
 * libplist's XML parser, which is unsafe on malformed dates) into our
 * compact tree (xtree.h).  Every error message comes from libxml2 or from
 * the callbacks below.  No network, no DTD loading, no entity expansion:
 * any entity reference but the five predefined ones and character
 * references is an error.  Apple spellings: +infinity/-infinity reals,
 * <true/>, base64 <data> with white space, ISO-8601 <date>.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "plist/bplist.h"
#include "plist/xmlplist.h"
#include "util/cftime.h"
#include "util/encode.h"
#include "util/lines.h"

/* What the open leaf element is. */
enum xp_leaf {
	XL_NONE, XL_KEY, XL_STRING, XL_INTEGER, XL_REAL, XL_DATE, XL_DATA,
	XL_TRUE, XL_FALSE
};

static const char *const xp_leaf_names[] = {
	NULL, "key", "string", "integer", "real", "date", "data", "true",
	"false"
};

/* Dictionaries with more pairs than this find duplicates by hashing. */
#define XP_SMALL_DICT	16

/* An open container, or the <plist> wrapper (node unused). */
struct xp_frame {
	enum { XF_PLIST, XF_DICT, XF_ARRAY } kind;
	uint32_t		 node;
	uint32_t		 last;		/* last child */
	uint32_t		 nkids;
	struct xtree_keyset	 keys;		/* large dictionaries */
	int			 dups;		/* a key came twice */
};

struct xmlplist {
	xmlParserCtxtPtr	 ctxt;
	const char		*bytes;		/* the document */
	size_t			 len;
	struct hs_lines		 lines;		/* for messages */
	size_t			 skip;		/* bytes not fed (a BOM) */
	struct xtree		*t;
	struct hs_error		*err;
	int			 failed;	/* err set, parser stopped */
	int			 nomem;
	int			 started;	/* the root element was seen */
	struct xp_frame		*fr;		/* open containers */
	size_t			 nfr;
	size_t			 frcap;
	enum xp_leaf		 leaf;		/* the open leaf element */
	uint32_t		 leaf_pos;
	char			*text;		/* its text so far */
	size_t			 tlen;
	size_t			 tcap;
};

static void
xp_stop(struct xmlplist *x)
{
	x->failed = 1;
	if (x->ctxt != NULL)
		xmlStopParser(x->ctxt);
}

/* An error at byte offset pos. */
static int
xp_fail(struct xmlplist *x, uint32_t pos, const char *fmt, const char *arg)
{
	unsigned	line, col;

	if (!x->failed) {
		hs_lines_find(&x->lines, x->bytes, x->len, pos, &line, &col);
		hs_error_at_line(x->err, HS_EFORMAT, (int)line, (int)col, fmt,
		    arg ? arg : "");
	}
	xp_stop(x);
	return HS_EFORMAT;
}

static int
xp_nomem(struct xmlplist *x)
{
	if (!x->failed)
		x->nomem = 1;
	xp_stop(x);
	return HS_ENOMEM;
}

/* The byte offset of the parser in the document. */
static size_t
xp_here(const struct xmlplist *x)
{
	const xmlParserInputPtr	in = x->ctxt ? x->ctxt->input : NULL;

	if (in == NULL)
		return 0;
	return x->skip + in->consumed + (size_t)(in->cur - in->base);
}

/*
 * Where the tag just parsed starts: the parser stands at its end, so
 * look back for its '<' (attribute values cannot hold one).
 */
static uint32_t
xp_tag_pos(const struct xmlplist *x)
{
	const xmlParserInputPtr	 in = x->ctxt ? x->ctxt->input : NULL;
	const xmlChar		*lt;

	if (in == NULL)
		return 0;
	lt = in->cur;
	while (lt > in->base && *--lt != '<')
		;
	return (uint32_t)(xp_here(x) - (size_t)(in->cur - lt));
}

/* The name of the innermost open element. */
static const char *
xp_open_name(const struct xmlplist *x)
{
	static const char *const kinds[] = { "plist", "dict", "array" };

	if (x->leaf != XL_NONE)
		return xp_leaf_names[x->leaf];
	return kinds[x->fr[x->nfr - 1].kind];
}

/* The error handler: libxml2's own well-formedness errors. */
static void
xp_on_error(void *arg, xmlErrorPtr e)
{
	struct xmlplist	*x = arg;
	char		 msg[256], *p;
	size_t		 n;

	if (x->failed || e == NULL)
		return;
	if (e->code == XML_WAR_UNDECLARED_ENTITY) {
		hs_error_at_line(x->err, HS_EFORMAT, e->line, e->int2,
		    "entity references are not allowed in a property list");
		xp_stop(x);
		return;
	}
	if (e->level < XML_ERR_ERROR)
		return;
	if (e->code == XML_ERR_DOCUMENT_END && (x->nfr > 0 ||
	    x->leaf != XL_NONE)) {
		/* The push parser's word for a truncated document. */
		xp_fail(x, (uint32_t)x->len, "unexpected end of document: "
		    "<%s> is not closed", xp_open_name(x));
		return;
	}
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
	xp_stop(x);
}

/*
 * Called for every entity reference but the predefined five, and by the
 * DTD parser for each declaration (none is kept, so none is found).
 */
static xmlEntityPtr
xp_get_entity(void *arg, const xmlChar *name)
{
	struct xmlplist	*x = arg;

	if (x->ctxt->inSubset)
		return NULL;
	/* The parser stands after "&name;". */
	xp_fail(x, (uint32_t)(xp_here(x) - strlen((const char *)name) - 2),
	    "entity references are not allowed in a property list%s", "");
	return NULL;
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

/* --- leaf values: text to node --------------------------------------- */

/* The value of digit ch in base 10 or 16, or -1. */
static int
xp_digit(int ch, unsigned base)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (base == 16 && ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (base == 16 && ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/* As CoreFoundation reads it: [+-] then decimal digits or 0x and hex. */
static int
xp_integer(struct xmlplist *x, char *text, struct xnode *n)
{
	char		*s = xp_trim(text), *p = s;
	unsigned	 base = 10;
	int		 neg = 0, d;
	uint64_t	 v = 0;

	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
		p++;
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	}
	if (*p == '\0')
		return xp_fail(x, n->pos, "<integer> \"%s\" is not a "
		    "number", s);
	for (; *p != '\0'; p++) {
		if ((d = xp_digit((unsigned char)*p, base)) < 0)
			return xp_fail(x, n->pos, "<integer> \"%s\" "
			    "is not a number (decimal, or hex after 0x)", s);
		if (v > (UINT64_MAX - (uint64_t)d) / base)
			return xp_fail(x, n->pos, "<integer> \"%s\" "
			    "does not fit in 64 bits", s);
		v = v * base + (uint64_t)d;
	}
	if (neg && v > (uint64_t)INT64_MAX + 1)
		return xp_fail(x, n->pos, "<integer> \"%s\" does not "
		    "fit in 64 bits", s);
	if (neg && v != 0) {
		v = (uint64_t)0 - v;
		n->flags = XT_NEGATIVE;
	}
	n->v.u = v;
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

/* Apple's words for the reals that are not numbers: 1 and *d, or 0. */
static int
xp_real_word(const char *s, double *d)
{
	if (s[0] == '\0' || isdigit((unsigned char)s[0]))
		return 0;	/* the common case: a number */
	if (strcmp(s, "+infinity") == 0 || strcmp(s, "infinity") == 0 ||
	    strcmp(s, "inf") == 0 || strcmp(s, "+inf") == 0)
		*d = INFINITY;
	else if (strcmp(s, "-infinity") == 0 || strcmp(s, "-inf") == 0)
		*d = -INFINITY;
	else if (strcmp(s, "nan") == 0)
		*d = NAN;
	else
		return 0;
	return 1;
}

static int
xp_real(struct xmlplist *x, char *text, struct xnode *n)
{
	char	*s = xp_trim(text), *end;

	if (xp_real_word(s, &n->v.d))
		return HS_OK;
	if (!xp_real_text_ok(s))
		return xp_fail(x, n->pos, "<real> \"%s\" is not a number", s);
	errno = 0;
	n->v.d = strtod(s, &end);
	if (*end != '\0' || end == s)
		return xp_fail(x, n->pos, "<real> \"%s\" is not a number", s);
	return HS_OK;
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

/* Days in month mo (1-12) of year y, proleptic Gregorian. */
static int
xp_month_days(int y, int mo)
{
	static const int	days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30,
	    31, 30, 31 };

	if (mo == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
		return 29;
	return days[mo - 1];
}

/* Year digits read, at most: CoreFoundation reads any number. */
#define XP_YEAR_DIGITS	6

/*
 * Apple's form, YYYY-MM-DDTHH:MM:SSZ, read as CoreFoundation does: a
 * year of any digits (here up to six), "-" before it for years before 1
 * BC's end, the proleptic Gregorian calendar, any date it gives.
 */
static int
xp_date(struct xmlplist *x, char *text, struct xnode *n)
{
	char	*s = xp_trim(text), *p = s;
	int	 y = 0, mo, d, h, mi, se, neg = *p == '-', k;

	p += neg;
	for (k = 0; isdigit((unsigned char)p[k]) && k <= XP_YEAR_DIGITS; k++)
		y = y * 10 + (p[k] - '0');
	p += k;
	if (k == 0 || k > XP_YEAR_DIGITS || strlen(p) != 16 || p[0] != '-' ||
	    p[3] != '-' || p[6] != 'T' || p[9] != ':' || p[12] != ':' ||
	    p[15] != 'Z' || xp_digits(p + 1, 2, &mo) ||
	    xp_digits(p + 4, 2, &d) || xp_digits(p + 7, 2, &h) ||
	    xp_digits(p + 10, 2, &mi) || xp_digits(p + 13, 2, &se) ||
	    mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 ||
	    se > 60)
		return xp_fail(x, n->pos, "<date> \"%s\" is not "
		    "YYYY-MM-DDTHH:MM:SSZ", s);
	y = neg ? -y : y;
	if (d > xp_month_days(y, mo))
		return xp_fail(x, n->pos, "<date> \"%s\" is not a day of "
		    "the calendar", s);
	n->v.d = hs_cftime_from_unix((double)(xp_days(y, mo, d) * 86400LL +
	    h * 3600 + mi * 60 + se));
	return HS_OK;
}

/* Base64 with any white space; '=' padding optional at the end. */
static int
xp_data(struct xmlplist *x, char *text, struct xnode *n)
{
	unsigned char	*buf;
	const char	*bad;
	size_t		 len;
	int		 r;

	if (hs_encode_base64_decode(text, strlen(text), &buf, &len, &bad) !=
	    0) {
		if (bad == NULL)
			return xp_nomem(x);
		return xp_fail(x, n->pos, "<data> is not valid base64 "
		    "(at \"%.16s\")", bad);
	}
	r = xtree_bytes(x->t, buf, len, &n->v.str.off);
	n->v.str.len = (uint32_t)len;
	free(buf);
	return r == HS_OK ? HS_OK : xp_nomem(x);
}

/* Fill leaf node n from the collected text. */
static int
xp_leaf_value(struct xmlplist *x, struct xnode *n)
{
	switch (x->leaf) {
	case XL_KEY:
	case XL_STRING:
		n->v.str.len = (uint32_t)x->tlen;
		return xtree_intern(x->t, x->text, x->tlen, &n->v.str.off) ==
		    HS_OK ? HS_OK : xp_nomem(x);
	case XL_INTEGER:
		return xp_integer(x, x->text, n);
	case XL_REAL:
		return xp_real(x, x->text, n);
	case XL_DATE:
		return xp_date(x, x->text, n);
	case XL_DATA:
		return xp_data(x, x->text, n);
	default:
		if (*xp_trim(x->text) != '\0')
			return xp_fail(x, n->pos, "<%s/> must be "
			    "empty", xp_leaf_names[x->leaf]);
		n->v.u = x->leaf == XL_TRUE;
		return HS_OK;
	}
}

static const enum xtree_type xp_leaf_types[] = {
	0, XT_STRING, XT_STRING, XT_INT, XT_REAL, XT_DATE, XT_DATA, XT_BOOL,
	XT_BOOL
};

/* --- building the tree ----------------------------------------------- */

/* Is key k (an interned offset) already in dictionary frame f? */
static int
xp_dict_has(struct xmlplist *x, struct xp_frame *f, uint32_t k)
{
	const struct xtree	*t = x->t;
	uint32_t		 i, c;
	int			 r;

	if (f->nkids / 2 < XP_SMALL_DICT) {
		for (i = 0, c = f->node + 1; i < f->nkids; i += 2,
		    c = xtree_next(t, c + 1))
			if (t->node[c].v.str.off == k)
				return 1;
		return 0;
	}
	if (f->keys.cap == 0) {
		for (i = 0, c = f->node + 1; i < f->nkids; i += 2,
		    c = xtree_next(t, c + 1))
			if (xtree_keyset_add(&f->keys, t->node[c].v.str.off) <
			    0)
				return xp_nomem(x);
	}
	if ((r = xtree_keyset_add(&f->keys, k)) < 0)
		return xp_nomem(x);
	return r == 0;
}

/* Count node idx, just added, as a child of the innermost container. */
static void
xp_attach(struct xmlplist *x, uint32_t idx)
{
	struct xp_frame	*f = &x->fr[x->nfr - 1];

	f->last = idx;
	f->nkids++;
}

/* A key, string, number, date, data or boolean element has ended. */
static void
xp_end_leaf(struct xmlplist *x)
{
	struct xp_frame	*f = x->nfr ? &x->fr[x->nfr - 1] : NULL;
	uint32_t	 idx;
	int		 r;

	if (xtree_add(x->t, xp_leaf_types[x->leaf], x->leaf_pos, &idx) !=
	    HS_OK) {
		xp_nomem(x);
		return;
	}
	x->t->end[idx] = (uint32_t)xp_here(x);
	x->text[x->tlen] = '\0';
	if (xp_leaf_value(x, &x->t->node[idx]) != HS_OK)
		return;
	if (x->leaf == XL_KEY) {
		if ((r = xp_dict_has(x, f, x->t->node[idx].v.str.off)) < 0)
			return;
		/* CoreFoundation keeps the last: see xp_shadow. */
		if (r > 0)
			f->dups = 1;
	}
	if (f != NULL)
		xp_attach(x, idx);
	x->leaf = XL_NONE;
}

/*
 * Dictionary d, just closed, has equal keys: note each but the last in
 * t->shadow (CoreFoundation keeps the last), walking back from the end.
 */
static int
xp_shadow(struct xmlplist *x, uint32_t d)
{
	const struct xtree	*t = x->t;
	struct xtree_keyset	 seen = { NULL, 0, 0 };
	uint32_t		*keys, i, c, n = t->node[d].v.kids.n / 2;
	int			 r = HS_OK, fresh;

	if ((keys = malloc((n ? n : 1) * sizeof *keys)) == NULL)
		return xp_nomem(x);
	for (i = 0, c = d + 1; i < n; i++, c = xtree_next(t, c + 1))
		keys[i] = c;
	while (n-- > 0 && r == HS_OK) {
		if ((fresh = xtree_keyset_add(&seen,
		    t->node[keys[n]].v.str.off)) < 0)
			r = HS_ENOMEM;
		else if (!fresh)
			r = hs_idset_add(&x->t->shadow, keys[n]);
	}
	xtree_keyset_free(&seen);
	free(keys);
	return r == HS_OK ? HS_OK : xp_nomem(x);
}

static int
xp_push(struct xmlplist *x, int kind, uint32_t node)
{
	struct xp_frame	*nf;
	size_t		 cap;

	if (x->nfr == x->frcap) {
		cap = x->frcap ? x->frcap * 2 : 16;
		if ((nf = realloc(x->fr, cap * sizeof *nf)) == NULL)
			return xp_nomem(x);
		x->fr = nf;
		x->frcap = cap;
	}
	nf = &x->fr[x->nfr++];
	memset(nf, 0, sizeof *nf);
	nf->kind = kind;
	nf->node = node;
	return HS_OK;
}

/* A leaf element starts: collect its text. */
static void
xp_open_leaf(struct xmlplist *x, enum xp_leaf leaf, uint32_t pos)
{
	x->leaf = leaf;
	x->leaf_pos = pos;
	x->tlen = 0;
}

/* The value leaf named name (not "key"), or XL_NONE. */
static enum xp_leaf
xp_leaf_named(const char *name)
{
	enum xp_leaf	l;

	for (l = XL_STRING; l <= XL_FALSE; l++)
		if (strcmp(name, xp_leaf_names[l]) == 0)
			return l;
	return XL_NONE;
}

/* A value element starts: a container, or a leaf to collect. */
static void
xp_start_value(struct xmlplist *x, const char *name, uint32_t pos)
{
	enum xp_leaf	leaf;
	uint32_t	idx;
	int		is_dict = strcmp(name, "dict") == 0;

	if (x->nfr > 0 && x->fr[x->nfr - 1].kind == XF_PLIST &&
	    x->fr[x->nfr - 1].nkids > 0) {
		xp_fail(x, pos, "<plist> holds more than one value%s", "");
		return;
	}
	if (is_dict || strcmp(name, "array") == 0) {
		if (x->nfr > BPLIST_MAX_DEPTH) {
			xp_fail(x, pos, "containers nested deeper than 512 "
			    "levels%s", "");
			return;
		}
		if (xtree_add(x->t, is_dict ? XT_DICT : XT_ARRAY, pos, &idx) !=
		    HS_OK) {
			xp_nomem(x);
			return;
		}
		if (x->nfr > 0)
			xp_attach(x, idx);
		xp_push(x, is_dict ? XF_DICT : XF_ARRAY, idx);
		return;
	}
	if ((leaf = xp_leaf_named(name)) == XL_NONE) {
		xp_fail(x, pos, "unknown element <%s>", name);
		return;
	}
	xp_open_leaf(x, leaf, pos);
}

/* Element name starts at byte pos. */
static void
xp_open(struct xmlplist *x, const char *name, uint32_t pos)
{
	struct xp_frame	*f;

	if (x->failed)
		return;
	if (x->leaf != XL_NONE) {
		xp_fail(x, pos, "unexpected <%s> inside a value", name);
		return;
	}
	if (x->nfr == 0) {
		if (x->started) {
			xp_fail(x, pos, "content after the end of the property "
			    "list%s", "");
			return;
		}
		x->started = 1;
		if (strcmp(name, "plist") == 0) {
			xp_push(x, XF_PLIST, 0);
			return;
		}
	}
	f = x->nfr ? &x->fr[x->nfr - 1] : NULL;
	if (f != NULL && f->kind == XF_DICT && f->nkids % 2 == 0) {
		if (strcmp(name, "key") != 0) {
			xp_fail(x, pos, "expected <key> in <dict>, found <%s>",
			    name);
			return;
		}
		xp_open_leaf(x, XL_KEY, pos);
		return;
	}
	xp_start_value(x, name, pos);
}

static void
xp_start(void *arg, const xmlChar *local, const xmlChar *prefix,
    const xmlChar *uri, int nns, const xmlChar **ns, int nattr, int ndef,
    const xmlChar **attr)
{
	struct xmlplist	*x = arg;

	(void)prefix; (void)uri; (void)nns; (void)ns; (void)ndef;
	(void)attr;
	if (x->failed)
		return;
	/* Only <plist> has one (version); a value element has none. */
	if (nattr > 0 && strcmp((const char *)local, "plist") != 0) {
		xp_fail(x, xp_tag_pos(x), "<%s> takes no attributes",
		    (const char *)local);
		return;
	}
	xp_open(x, (const char *)local, xp_tag_pos(x));
}

static void
xp_end(void *arg, const xmlChar *local, const xmlChar *prefix,
    const xmlChar *uri)
{
	struct xmlplist	*x = arg;
	struct xp_frame	*f;
	struct xnode	*n;

	(void)local; (void)prefix; (void)uri;
	if (x->failed)
		return;
	if (x->leaf != XL_NONE) {
		xp_end_leaf(x);
		return;
	}
	if (x->nfr == 0)
		return;
	f = &x->fr[x->nfr - 1];
	if (f->kind == XF_PLIST && f->nkids == 0) {
		xp_fail(x, xp_tag_pos(x), "<plist> holds no value%s", "");
		return;
	}
	if (f->kind == XF_DICT && f->nkids % 2 == 1) {
		xp_fail(x, xp_tag_pos(x), "<key>%s</key> has no value",
		    xtree_text(x->t, x->t->node[f->last].v.str.off));
		return;
	}
	if (f->kind != XF_PLIST) {
		n = &x->t->node[f->node];
		n->v.kids.n = f->nkids;
		n->v.kids.end = x->t->n;
		x->t->end[f->node] = (uint32_t)xp_here(x);
	}
	if (f->dups && xp_shadow(x, f->node) != HS_OK)
		return;
	xtree_keyset_free(&f->keys);
	x->nfr--;
}

static void
xp_chars(void *arg, const xmlChar *ch, int len)
{
	struct xmlplist	*x = arg;
	char		*nt;
	size_t		 cap;
	int		 i;

	if (x->failed || len <= 0)
		return;
	if (x->leaf == XL_NONE) {
		for (i = 0; i < len; i++)
			if (ch[i] != ' ' && ch[i] != '\t' && ch[i] != '\r' &&
			    ch[i] != '\n')
				break;
		if (i < len)
			xp_fail(x, (uint32_t)(xp_here(x) - (size_t)len),
			    x->nfr == 0 ? "content after the end of the "
			    "property list%s" : "unexpected text where an "
			    "element should be%s", "");
		return;
	}
	if (x->tlen + (size_t)len + 1 > x->tcap) {
		for (cap = x->tcap ? x->tcap : 256; cap < x->tlen + len + 1; )
			cap *= 2;
		if ((nt = realloc(x->text, cap)) == NULL) {
			xp_nomem(x);
			return;
		}
		x->text = nt;
		x->tcap = cap;
	}
	memcpy(x->text + x->tlen, ch, (size_t)len);
	x->tlen += (size_t)len;
}

/*
 * libxml2 prints some errors (encoding conversion, I/O) straight to
 * stderr rather than through the handler; those are reported through
 * the handler as well, so silence the direct ones.
 */
static void
xp_quiet(void *ctx, const char *msg, ...)
{
	(void)ctx; (void)msg;
}

/*
 * Bytes handed to the parser at a time, and the most it may hold unparsed.
 * libxml2 waits for a whole tag, comment or declaration before parsing it
 * (text it parses as it comes), and checks a tag's attributes against
 * each other in quadratic time: 300,000 attributes took half a minute.
 * No markup of a property list comes near XP_MAX_PENDING, so more than
 * that waiting is refused before libxml2 looks at it.
 */
#define XP_CHUNK	(16 * 1024)
#define XP_MAX_PENDING	(64 * 1024)

/* Bytes the parser holds that it has not parsed yet. */
static size_t
xp_pending(const struct xmlplist *x)
{
	const xmlParserInputPtr	in = x->ctxt->input;

	return in != NULL && in->end > in->cur ? (size_t)(in->end - in->cur) :
	    0;
}

/*
 * Feed the document to libxml2's push parser, which keeps only a chunk
 * in memory (its memory parser would copy the whole file).  Always UTF-8,
 * whatever the document declares or its first bytes suggest: Apple
 * writes nothing else, and the editor (xmlplist-edit.c) works on UTF-8
 * bytes.  A UTF-8 byte-order mark is skipped.  No NOENT (no entity
 * expansion), no DTDLOAD, no network.
 */
static int
xp_parse(struct xmlplist *x, const char *bytes, size_t len)
{
	xmlSAXHandler	sax;
	size_t		at, n;

	memset(&sax, 0, sizeof sax);
	sax.initialized = XML_SAX2_MAGIC;
	sax.startElementNs = xp_start;
	sax.endElementNs = xp_end;
	sax.characters = xp_chars;
	sax.ignorableWhitespace = xp_chars;
	sax.cdataBlock = xp_chars;
	sax.getEntity = xp_get_entity;
	sax.serror = xp_on_error;
	xmlSetGenericErrorFunc(NULL, xp_quiet);
	if ((x->ctxt = xmlCreatePushParserCtxt(&sax, x, NULL, 0, NULL)) ==
	    NULL)
		return HS_ENOMEM;
	xmlCtxtUseOptions(x->ctxt, XML_PARSE_NONET | XML_PARSE_IGNORE_ENC);
	xmlSwitchEncoding(x->ctxt, XML_CHAR_ENCODING_UTF8);
	x->skip = len >= 3 && memcmp(bytes, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	for (at = x->skip; !x->failed; at += n) {
		n = len - at < XP_CHUNK ? len - at : XP_CHUNK;
		if (xp_pending(x) > XP_MAX_PENDING) {
			xp_fail(x, (uint32_t)xp_here(x), "a tag, comment or "
			    "declaration runs over %s bytes", "65536");
			break;
		}
		xmlParseChunk(x->ctxt, bytes + at, (int)n, at + n == len);
		if (at + n == len)
			break;
	}
	if (!x->failed && !x->ctxt->wellFormed)
		xp_fail(x, (uint32_t)xp_here(x), "malformed XML%s", "");
	/* libxml2 makes a document to hold entity declarations in. */
	if (x->ctxt->myDoc != NULL)
		xmlFreeDoc(x->ctxt->myDoc);
	x->ctxt->myDoc = NULL;
	xmlFreeParserCtxt(x->ctxt);
	x->ctxt = NULL;
	return HS_OK;
}

/* Close the containers still open (a reading that stopped). */
static void
xp_drop_frames(struct xmlplist *x)
{
	size_t	i;

	for (i = 0; i < x->nfr; i++)
		xtree_keyset_free(&x->fr[i].keys);
	x->nfr = 0;
}

int
xmlplist_read(const char *bytes, size_t len, struct xtree *t,
    struct hs_error *err)
{
	struct xmlplist	x;
	int		r;

	if (len > INT32_MAX)
		return hs_error_set(err, HS_EFORMAT, "too large for the XML "
		    "reader");
	memset(&x, 0, sizeof x);
	x.bytes = bytes;
	x.len = len;
	x.t = t;
	x.err = err;
	if ((x.text = malloc(x.tcap = 256)) == NULL)
		return hs_error_set(err, HS_ENOMEM, "out of memory");
	r = xp_parse(&x, bytes, len);
	hs_idset_seal(&t->shadow);
	if (r == HS_OK && !x.failed && x.t->n == 0)
		r = hs_error_at_line(err, HS_EFORMAT, 1, 1, "no property list "
		    "value in the document");
	if (r == HS_ENOMEM || x.nomem)
		r = hs_error_set(err, HS_ENOMEM, "out of memory");
	else if (x.failed)
		r = HS_EFORMAT;
	xp_drop_frames(&x);
	free(x.fr);
	free(x.text);
	hs_lines_release(&x.lines);
	if (r != HS_OK)
		xtree_free(t);
	return r;
}
