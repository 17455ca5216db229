/*
 * xmlscan.c: the XML subset property lists are written in; see xmlscan.h.
 * Grammar facts: XML 1.0 (fifth edition), productions named below.
 */
#include <stdint.h>
#include <string.h>

#include "plist/xmlscan.h"

struct xs {
	const unsigned char		*p;
	size_t				 len;
	size_t				 at;
	const struct xmlscan_ops	*ops;
	void				*arg;
	enum xmlscan_result		 res;
	size_t				 depth;
	struct {
		size_t	off;
		size_t	len;
	}				 open[XMLSCAN_MAX_DEPTH];
};

/* Give up: not plainly within the subset. */
static int
xs_unsure(struct xs *s)
{
	s->res = XMLSCAN_UNSURE;
	return -1;
}

/* After a callback, what it returned: did it stop the scan? */
static int
xs_go_on(struct xs *s, int stop)
{
	if (!stop)
		return 0;
	s->res = XMLSCAN_STOPPED;
	return -1;
}

static int
xs_at(const struct xs *s, const char *lit)
{
	size_t	n = strlen(lit);

	return s->len - s->at >= n && memcmp(s->p + s->at, lit, n) == 0;
}

/*
 * Length of the Char (production [2]) at i, strictly decoded from UTF-8,
 * or 0.  Carriage returns count as 0: XML turns them into line feeds,
 * which the scanner does not do.
 */
static size_t
xs_char(const struct xs *s, size_t i)
{
	const unsigned char	*p = s->p + i;
	size_t			 left = s->len - i, n, k;
	uint32_t		 cp, min;

	if (p[0] < 0x80)
		return p[0] >= 0x20 || p[0] == '\t' || p[0] == '\n';
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		n = 2, cp = p[0] & 0x1f, min = 0x80;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		n = 3, cp = p[0] & 0x0f, min = 0x800;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		n = 4, cp = p[0] & 0x07, min = 0x10000;
	else
		return 0;
	if (left < n)
		return 0;
	for (k = 1; k < n; k++) {
		if ((p[k] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (p[k] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ||
	    cp == 0xfffe || cp == 0xffff)
		return 0;
	return n;
}

static int
xs_is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/* Skip white space (production [3], less CR); how many bytes. */
static size_t
xs_space(struct xs *s)
{
	size_t	from = s->at;

	while (s->at < s->len && xs_is_space(s->p[s->at]))
		s->at++;
	return s->at - from;
}

/* An ASCII letter (c | 0x20 maps only 'A'-'Z' onto 'a'-'z') or '_'. */
static int
xs_name_start(unsigned char c)
{
	return (unsigned char)((c | 0x20) - 'a') < 26 || c == '_';
}

static int
xs_name_char(unsigned char c)
{
	return xs_name_start(c) || (unsigned char)(c - '0') < 10 ||
	    c == '.' || c == '-';
}

/*
 * An ASCII Name (production [5] without ':' and non-ASCII letters, which
 * bring in namespaces and Unicode tables).  Its offset and length.
 */
static int
xs_name(struct xs *s, size_t *off, size_t *len)
{
	size_t	i = s->at;

	if (i >= s->len || !xs_name_start(s->p[i]))
		return xs_unsure(s);
	while (++i < s->len && xs_name_char(s->p[i]))
		;
	if (i - s->at > XMLSCAN_MAX_NAME || (i < s->len && (s->p[i] == ':' ||
	    s->p[i] >= 0x80)))
		return xs_unsure(s);
	*off = s->at;
	*len = i - s->at;
	s->at = i;
	return 0;
}

/* A quoted literal of Chars whose every byte passes ok(c). */
static int
xs_quoted(struct xs *s, int (*ok)(unsigned char), size_t *off, size_t *len)
{
	unsigned char	q;
	size_t		n;

	if (s->at >= s->len || (s->p[s->at] != '"' && s->p[s->at] != '\''))
		return xs_unsure(s);
	q = s->p[s->at++];
	*off = s->at;
	while (s->at < s->len && s->p[s->at] != q) {
		if (!ok(s->p[s->at]))
			return xs_unsure(s);
		if ((n = xs_char(s, s->at)) == 0)
			return xs_unsure(s);
		s->at += n;
	}
	if (s->at >= s->len)
		return xs_unsure(s);
	*len = s->at++ - *off;
	return 0;
}

/* Eq (production [25]). */
static int
xs_eq(struct xs *s)
{
	xs_space(s);
	if (s->at >= s->len || s->p[s->at] != '=')
		return xs_unsure(s);
	s->at++;
	xs_space(s);
	return 0;
}

/* AttValue (production [10]) without references or '<'. */
static int
xs_att_ok(unsigned char c)
{
	return c != '<' && c != '&' && c != '\r';
}

/* PubidChar (production [13]), less CR. */
static int
xs_pubid_ok(unsigned char c)
{
	return c == ' ' || c == '\n' || xs_name_char(c) ||
	    (c != '\0' && strchr("'()+,/:=?;!*#@$%", c) != NULL);
}

/* SystemLiteral: any Char but a fragment's '#'. */
static int
xs_system_ok(unsigned char c)
{
	return c != '#' && c != '\r';
}

/* One pseudo-attribute of the XML declaration, if name comes next. */
static int
xs_decl_att(struct xs *s, const char *name, int *seen)
{
	size_t	save = s->at, off, len;

	*seen = 0;
	if (xs_space(s) == 0 || !xs_at(s, name)) {
		s->at = save;
		return 0;
	}
	s->at += strlen(name);
	if (xs_eq(s) != 0 || xs_quoted(s, xs_name_char, &off, &len) != 0)
		return -1;
	*seen = 1;
	if (strcmp(name, "version") == 0)
		return len == 3 && memcmp(s->p + off, "1.0", 3) == 0 ? 0 :
		    xs_unsure(s);
	if (strcmp(name, "standalone") == 0)
		return (len == 3 && memcmp(s->p + off, "yes", 3) == 0) ||
		    (len == 2 && memcmp(s->p + off, "no", 2) == 0) ? 0 :
		    xs_unsure(s);
	/* EncName (production [81]): a letter first; libxml2 is told to
	 * ignore it. */
	return len > 0 && xs_name_start(s->p[off]) && s->p[off] != '_' ? 0 :
	    xs_unsure(s);
}

/* XMLDecl (production [23]): version, then encoding, then standalone. */
static int
xs_xml_decl(struct xs *s)
{
	int	seen;

	s->at += 5;
	if (xs_decl_att(s, "version", &seen) != 0 || !seen)
		return xs_unsure(s);
	if (xs_decl_att(s, "encoding", &seen) != 0 ||
	    xs_decl_att(s, "standalone", &seen) != 0)
		return -1;
	xs_space(s);
	if (!xs_at(s, "?>"))
		return xs_unsure(s);
	s->at += 2;
	return 0;
}

/* Comment (production [15]): no "--" inside, no '-' last. */
static int
xs_comment(struct xs *s)
{
	size_t	n;

	s->at += 4;
	while (s->at < s->len) {
		if (s->p[s->at] == '-' && s->at + 1 < s->len &&
		    s->p[s->at + 1] == '-') {
			if (s->at + 2 >= s->len || s->p[s->at + 2] != '>')
				return xs_unsure(s);
			s->at += 3;
			return 0;
		}
		if ((n = xs_char(s, s->at)) == 0)
			return xs_unsure(s);
		s->at += n;
	}
	return xs_unsure(s);
}

/* doctypedecl (production [28]) with an external ID and no subset. */
static int
xs_doctype(struct xs *s)
{
	size_t	off, len;

	s->at += 9;
	if (xs_space(s) == 0 || xs_name(s, &off, &len) != 0)
		return xs_unsure(s);
	if (xs_space(s) > 0 && (xs_at(s, "PUBLIC") || xs_at(s, "SYSTEM"))) {
		if (xs_at(s, "PUBLIC")) {
			s->at += 6;
			if (xs_space(s) == 0 || xs_quoted(s, xs_pubid_ok, &off,
			    &len) != 0)
				return xs_unsure(s);
		} else
			s->at += 6;
		if (xs_space(s) == 0 || xs_quoted(s, xs_system_ok, &off,
		    &len) != 0)
			return xs_unsure(s);
		xs_space(s);
	}
	if (s->at >= s->len || s->p[s->at] != '>')
		return xs_unsure(s);
	s->at++;
	return 0;
}

/* Attributes (production [41]) to the end of a start tag. */
static int
xs_attributes(struct xs *s, int *empty)
{
	size_t	name[8], nlen[8], n = 0, i, off, len, sp;

	for (;;) {
		sp = xs_space(s);
		if (s->at < s->len && s->p[s->at] == '>') {
			s->at++;
			*empty = 0;
			return 0;
		}
		if (s->at + 1 < s->len && s->p[s->at] == '/' &&
		    s->p[s->at + 1] == '>') {
			s->at += 2;
			*empty = 1;
			return 0;
		}
		if (sp == 0 || n == 8 || xs_name(s, &name[n], &nlen[n]) != 0 ||
		    (nlen[n] >= 5 && memcmp(s->p + name[n], "xmlns", 5) == 0))
			return xs_unsure(s);
		for (i = 0; i < n; i++)
			if (nlen[i] == nlen[n] && memcmp(s->p + name[i],
			    s->p + name[n], nlen[n]) == 0)
				return xs_unsure(s);
		n++;
		if (xs_eq(s) != 0 || xs_quoted(s, xs_att_ok, &off, &len) != 0)
			return -1;
	}
}

/* STag or EmptyElemTag (productions [40], [44]) at '<'. */
static int
xs_start_tag(struct xs *s)
{
	char	name[XMLSCAN_MAX_NAME + 1];
	size_t	pos = s->at, off, len;
	int	empty;

	s->at++;
	if (xs_name(s, &off, &len) != 0 || xs_attributes(s, &empty) != 0)
		return -1;
	if (!empty && s->depth == XMLSCAN_MAX_DEPTH)
		return xs_unsure(s);
	memcpy(name, s->p + off, len);
	name[len] = '\0';
	if (xs_go_on(s, s->ops->start(s->arg, name, pos)) != 0)
		return -1;
	if (empty)
		return xs_go_on(s, s->ops->end(s->arg));
	s->open[s->depth].off = off;
	s->open[s->depth].len = len;
	s->depth++;
	return 0;
}

/* Are two names the same?  Names are short: no call to memcmp. */
static int
xs_same(const unsigned char *a, size_t alen, const unsigned char *b,
    size_t blen)
{
	size_t	i;

	if (alen != blen)
		return 0;
	for (i = 0; i < alen; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

/* ETag (production [42]): must close the innermost element. */
static int
xs_end_tag(struct xs *s)
{
	size_t	off, len;

	s->at += 2;
	if (xs_name(s, &off, &len) != 0)
		return -1;
	xs_space(s);
	if (s->at >= s->len || s->p[s->at] != '>' || s->depth == 0 ||
	    !xs_same(s->p + s->open[s->depth - 1].off, s->open[s->depth -
	    1].len, s->p + off, len))
		return xs_unsure(s);
	s->at++;
	s->depth--;
	return xs_go_on(s, s->ops->end(s->arg));
}

/* Put code point cp as UTF-8 into out; its length. */
static size_t
xs_utf8(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | cp >> 12);
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | cp >> 18);
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* CharRef (production [66]) after "&#": the code point, or 0. */
static uint32_t
xs_char_ref(struct xs *s)
{
	uint32_t	cp = 0;
	unsigned	base = 10, digits = 0, d;
	unsigned char	c;

	if (s->at < s->len && s->p[s->at] == 'x') {
		base = 16;
		s->at++;
	}
	for (; s->at < s->len && s->p[s->at] != ';'; s->at++, digits++) {
		c = s->p[s->at];
		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (base == 16 && c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (base == 16 && c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return 0;
		if (digits == 7)
			return 0;
		cp = cp * base + d;
	}
	if (s->at >= s->len || digits == 0)
		return 0;
	s->at++;
	if (cp == 0x9 || cp == 0xa || cp == 0xd || (cp >= 0x20 &&
	    cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) ||
	    (cp >= 0x10000 && cp <= 0x10ffff))
		return cp;
	return 0;
}

/* A Reference (production [67]) at '&': its text to the callback. */
static int
xs_reference(struct xs *s)
{
	static const struct {
		const char	*ref;
		const char	*text;
	} named[] = {
		{ "&lt;", "<" }, { "&gt;", ">" }, { "&amp;", "&" },
		{ "&quot;", "\"" }, { "&apos;", "'" },
	};
	char		buf[4];
	size_t		i;
	uint32_t	cp;

	for (i = 0; i < sizeof named / sizeof *named; i++)
		if (xs_at(s, named[i].ref)) {
			s->at += strlen(named[i].ref);
			return xs_go_on(s, s->ops->text(s->arg,
			    named[i].text, 1));
		}
	if (!xs_at(s, "&#"))
		return xs_unsure(s);
	s->at += 2;
	if ((cp = xs_char_ref(s)) == 0)
		return xs_unsure(s);
	return xs_go_on(s, s->ops->text(s->arg, buf, xs_utf8(cp, buf)));
}

/* Hand text from `from` to here to the callback. */
static int
xs_flush(struct xs *s, size_t from)
{
	if (s->at == from)
		return 0;
	return xs_go_on(s, s->ops->text(s->arg, (const char *)s->p + from,
	    s->at - from));
}

/* Character data (production [14]) and references, up to a '<'. */
static int
xs_text(struct xs *s)
{
	size_t		from = s->at, start = s->at, n;
	unsigned char	c;

	while (s->at < s->len && (c = s->p[s->at]) != '<') {
		if (s->at - start > XMLSCAN_MAX_TEXT)
			return xs_unsure(s);
		if ((c >= 0x20 && c < 0x80 && c != '&' && c != ']') ||
		    c == '\n' || c == '\t') {
			s->at++;
			continue;
		}
		if (c == '&') {
			if (xs_flush(s, from) != 0 || xs_reference(s) != 0)
				return -1;
			from = s->at;
			continue;
		}
		if (c == ']' && xs_at(s, "]]>"))
			return xs_unsure(s);
		if ((n = xs_char(s, s->at)) == 0)
			return xs_unsure(s);
		s->at += n;
	}
	return xs_flush(s, from);
}

/* Content (production [43]) of the root element, to its end tag. */
static int
xs_content(struct xs *s)
{
	unsigned char	next;

	while (s->depth > 0) {
		if (s->at + 1 >= s->len)
			return xs_unsure(s);
		next = s->p[s->at + 1];
		if (s->p[s->at] != '<') {
			if (xs_text(s) != 0)
				return -1;
		} else if (next == '/') {
			if (xs_end_tag(s) != 0)
				return -1;
		} else if (next == '!' && xs_at(s, "<!--")) {
			if (xs_comment(s) != 0)
				return -1;
		} else if (xs_start_tag(s) != 0)
			return -1;
	}
	return 0;
}

/* Misc (production [27]) before or after the root; 1 at a start tag. */
static int
xs_misc(struct xs *s, int *doctype_ok)
{
	for (;;) {
		xs_space(s);
		if (s->at >= s->len)
			return 0;
		if (xs_at(s, "<!--")) {
			if (xs_comment(s) != 0)
				return -1;
		} else if (*doctype_ok && xs_at(s, "<!DOCTYPE")) {
			if (xs_doctype(s) != 0)
				return -1;
			*doctype_ok = 0;
		} else if (s->p[s->at] == '<' && s->at + 1 < s->len &&
		    xs_name_start(s->p[s->at + 1]))
			return 1;
		else
			return xs_unsure(s);
	}
}

enum xmlscan_result
xmlscan_run(const char *buf, size_t len, const struct xmlscan_ops *ops,
    void *arg)
{
	struct xs	s;
	int		doctype_ok = 1, r;

	memset(&s, 0, sizeof s);
	s.p = (const unsigned char *)buf;
	s.len = len;
	s.ops = ops;
	s.arg = arg;
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		s.at = 3;
	if (xs_at(&s, "<?xml") && s.at + 5 < len && xs_is_space(s.p[s.at + 5]) &&
	    xs_xml_decl(&s) != 0)
		return s.res;
	/* Prolog, the root element, then only Misc to the end. */
	if ((r = xs_misc(&s, &doctype_ok)) != 1)
		return r == 0 ? XMLSCAN_UNSURE : s.res;		/* no root */
	doctype_ok = 0;
	if (xs_start_tag(&s) != 0 || xs_content(&s) != 0)
		return s.res;
	if ((r = xs_misc(&s, &doctype_ok)) != 0)
		return r == 1 ? XMLSCAN_UNSURE : s.res;		/* a second */
	return XMLSCAN_OK;
}
