/*
 * xmlplist-edit.c: editing an XML property list as text.
 *
 * The file has already been read (and so checked) by xmlplist.c.  Here a
 * small scanner finds the byte spans of elements; an edit removes the
 * lines of a key and its value, replaces a value in place, or inserts new
 * lines before a dictionary's end tag, indented like their neighbours.
 * Every other byte (declaration, DOCTYPE, comments, indentation, line
 * ends) stays as it was.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plist/plist-edit.h"

/* An element's span in the text. */
struct xe_el {
	size_t	start;		/* '<' of the start tag */
	size_t	inner;		/* after the start tag's '>' */
	size_t	close;		/* '<' of the end tag (== end if empty) */
	size_t	end;		/* after the last '>' */
	char	name[16];
	int	empty;
};

struct xe {
	const char	*p;
	size_t		 len;
	struct hs_error	*err;
};

static int
xe_fail(struct xe *x, const char *what)
{
	return hs_error_set(x->err, HS_EFORMAT, "cannot edit this XML: %s",
	    what);
}

/* Index of needle at or after i, or len. */
static size_t
xe_find(const struct xe *x, size_t i, const char *needle)
{
	size_t	n = strlen(needle);

	for (; i + n <= x->len; i++)
		if (memcmp(x->p + i, needle, n) == 0)
			return i;
	return x->len;
}

/* Skip a comment, PI, CDATA or DOCTYPE at i; returns the index after. */
static size_t
xe_skip_special(const struct xe *x, size_t i)
{
	size_t	depth = 0;
	char	q = 0;

	if (x->len - i >= 4 && memcmp(x->p + i, "<!--", 4) == 0)
		return xe_find(x, i + 4, "-->") + 3;
	if (x->len - i >= 2 && memcmp(x->p + i, "<?", 2) == 0)
		return xe_find(x, i + 2, "?>") + 2;
	if (x->len - i >= 9 && memcmp(x->p + i, "<![CDATA[", 9) == 0)
		return xe_find(x, i + 9, "]]>") + 3;
	/* <!DOCTYPE ...[ ... ]>, where a quoted '>' or ']' is text */
	for (i += 2; i < x->len; i++) {
		if (q != 0) {
			if (x->p[i] == q)
				q = 0;
		} else if (x->len - i >= 4 && memcmp(x->p + i, "<!--", 4) == 0)
			i = xe_find(x, i + 4, "-->") + 2;
		else if (x->p[i] == '"' || x->p[i] == '\'')
			q = x->p[i];
		else if (x->p[i] == '[')
			depth++;
		else if (x->p[i] == ']' && depth > 0)
			depth--;
		else if (x->p[i] == '>' && depth == 0)
			return i + 1;
	}
	return x->len;
}

static int
xe_is_special(const struct xe *x, size_t i)
{
	return i + 1 < x->len && x->p[i] == '<' &&
	    (x->p[i + 1] == '!' || x->p[i + 1] == '?');
}

/* Skip white space, comments, PIs and DOCTYPE; index of the next '<'. */
static size_t
xe_skip_misc(const struct xe *x, size_t i)
{
	while (i < x->len) {
		if (x->p[i] == ' ' || x->p[i] == '\t' || x->p[i] == '\r' ||
		    x->p[i] == '\n')
			i++;
		else if (xe_is_special(x, i) &&
		    !(x->len - i >= 9 && memcmp(x->p + i, "<![CDATA[", 9) == 0))
			i = xe_skip_special(x, i);
		else
			break;
	}
	return i;
}

/* The end of a tag starting at i ('<'): index after its '>'. */
static size_t
xe_tag_end(const struct xe *x, size_t i)
{
	char	q = 0;

	for (; i < x->len; i++) {
		if (q != 0) {
			if (x->p[i] == q)
				q = 0;
		} else if (x->p[i] == '"' || x->p[i] == '\'')
			q = x->p[i];
		else if (x->p[i] == '>')
			return i + 1;
	}
	return x->len;
}

/* Parse the element whose start tag begins at i. */
static int
xe_element(struct xe *x, size_t i, struct xe_el *el)
{
	size_t	j, n, depth = 1, t;

	memset(el, 0, sizeof *el);
	if (i >= x->len || x->p[i] != '<' || xe_is_special(x, i))
		return xe_fail(x, "expected an element");
	el->start = i;
	for (j = i + 1, n = 0; j < x->len && n + 1 < sizeof el->name &&
	    x->p[j] != '>' && x->p[j] != '/' && x->p[j] != ' ' &&
	    x->p[j] != '\t' && x->p[j] != '\r' && x->p[j] != '\n'; j++)
		el->name[n++] = x->p[j];
	el->inner = xe_tag_end(x, i);
	if (el->inner > x->len || el->inner < 2)
		return xe_fail(x, "unterminated tag");
	if (x->p[el->inner - 2] == '/') {
		el->empty = 1;
		el->close = el->end = el->inner;
		return HS_OK;
	}
	for (j = el->inner; j < x->len; ) {
		if (x->p[j] != '<') {
			j++;
			continue;
		}
		if (xe_is_special(x, j)) {
			j = xe_skip_special(x, j);
			continue;
		}
		t = xe_tag_end(x, j);
		if (x->p[j + 1] == '/') {
			if (--depth == 0) {
				el->close = j;
				el->end = t;
				return HS_OK;
			}
		} else if (x->p[t - 2] != '/')
			depth++;
		j = t;
	}
	return xe_fail(x, "unterminated element");
}

/*
 * Copy raw text [from, to) to w with XML's line-end handling (a parser
 * sees CR LF and a lone CR as LF); returns the end of what was written.
 */
static char *
xe_copy_lines(const struct xe *x, size_t from, size_t to, char *w)
{
	for (; from < to; from++) {
		if (x->p[from] != '\r')
			*w++ = x->p[from];
		else {
			*w++ = '\n';
			if (from + 1 < to && x->p[from + 1] == '\n')
				from++;
		}
	}
	return w;
}

/* Append decoded text of [from, to) (entities, CDATA) to a new string. */
static char *
xe_text(const struct xe *x, size_t from, size_t to)
{
	char	*s = malloc(to - from + 1), *w = s;
	size_t	 i = from, e;
	long	 c;

	if (s == NULL)
		return NULL;
	while (i < to) {
		if (x->len - i >= 9 && memcmp(x->p + i, "<![CDATA[", 9) == 0) {
			e = xe_find(x, i + 9, "]]>");
			w = xe_copy_lines(x, i + 9, e, w);
			i = e + 3;
		} else if (x->p[i] == '<')
			i = xe_skip_special(x, i);
		else if (x->p[i] == '&') {
			/* [i, e] is the whole reference, ';' included. */
			e = xe_find(x, i, ";");
			if (e - i + 1 == 4 && memcmp(x->p + i, "&lt;", 4) == 0)
				*w++ = '<';
			else if (e - i + 1 == 4 &&
			    memcmp(x->p + i, "&gt;", 4) == 0)
				*w++ = '>';
			else if (e - i + 1 == 5 &&
			    memcmp(x->p + i, "&amp;", 5) == 0)
				*w++ = '&';
			else if (e - i + 1 == 6 &&
			    memcmp(x->p + i, "&quot;", 6) == 0)
				*w++ = '"';
			else if (e - i + 1 == 6 &&
			    memcmp(x->p + i, "&apos;", 6) == 0)
				*w++ = '\'';
			else if (x->p[i + 1] == '#') {
				c = x->p[i + 2] == 'x' ? strtol(x->p + i + 3,
				    NULL, 16) : strtol(x->p + i + 2, NULL, 10);
				/* UTF-8 of c */
				if (c < 0x80)
					*w++ = (char)c;
				else if (c < 0x800) {
					*w++ = (char)(0xc0 | (c >> 6));
					*w++ = (char)(0x80 | (c & 0x3f));
				} else if (c < 0x10000) {
					*w++ = (char)(0xe0 | (c >> 12));
					*w++ = (char)(0x80 | ((c >> 6) & 0x3f));
					*w++ = (char)(0x80 | (c & 0x3f));
				} else {
					*w++ = (char)(0xf0 | (c >> 18));
					*w++ = (char)(0x80 | ((c >> 12) & 0x3f));
					*w++ = (char)(0x80 | ((c >> 6) & 0x3f));
					*w++ = (char)(0x80 | (c & 0x3f));
				}
			}
			i = e + 1;
		} else {
			for (e = i; e < to && x->p[e] != '<' && x->p[e] != '&';
			    e++)
				;
			w = xe_copy_lines(x, i, e, w);
			i = e;
		}
	}
	*w = '\0';
	return s;
}

/* One key/value pair of a dictionary. */
struct xe_pair {
	struct xe_el	key;
	struct xe_el	value;
};

/*
 * Visit the pairs of dict d in order: cb(arg, pair, keytext) returns 1 to
 * stop.  Returns HS_OK, or an error.
 */
static int
xe_pairs(struct xe *x, const struct xe_el *d, int (*cb)(void *,
    const struct xe_pair *, const char *), void *arg)
{
	struct xe_pair	 p;
	size_t		 i = d->inner;
	char		*k;
	int		 r, stop;

	if (d->empty)
		return HS_OK;
	for (;;) {
		i = xe_skip_misc(x, i);
		if (i >= d->close)
			return HS_OK;
		if ((r = xe_element(x, i, &p.key)) != HS_OK)
			return r;
		if (strcmp(p.key.name, "key") != 0)
			return xe_fail(x, "expected <key> in <dict>");
		i = xe_skip_misc(x, p.key.end);
		if ((r = xe_element(x, i, &p.value)) != HS_OK)
			return r;
		if ((k = xe_text(x, p.key.inner, p.key.close)) == NULL)
			return hs_error_set(x->err, HS_ENOMEM,
			    "out of memory");
		stop = cb(arg, &p, k);
		free(k);
		if (stop)
			return HS_OK;
		i = p.value.end;
	}
}

struct xe_lookup {
	const char	*key;
	struct xe_pair	 pair;
	int		 found;
};

static int
xe_lookup_cb(void *arg, const struct xe_pair *p, const char *k)
{
	struct xe_lookup	*l = arg;

	if (strcmp(k, l->key) != 0)
		return 0;
	l->pair = *p;
	l->found = 1;
	return 1;
}

/* The dictionary that path names. */
static int
xe_resolve(struct xe *x, const char *const *path, size_t depth,
    struct xe_el *d)
{
	struct xe_lookup	l;
	size_t			i;
	int			r;

	/* A UTF-8 byte-order mark may come first. */
	i = x->len >= 3 && memcmp(x->p, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	i = xe_skip_misc(x, i);
	if ((r = xe_element(x, i, d)) != HS_OK)
		return r;
	if (strcmp(d->name, "plist") == 0 &&
	    (r = xe_element(x, xe_skip_misc(x, d->inner), d)) != HS_OK)
		return r;
	for (i = 0; i <= depth; i++) {
		if (strcmp(d->name, "dict") != 0)
			return hs_error_set(x->err, HS_EINVAL, "\"%s\" is not "
			    "a dictionary", i == 0 ? "(root)" : path[i - 1]);
		if (i == depth)
			break;
		memset(&l, 0, sizeof l);
		l.key = path[i];
		if ((r = xe_pairs(x, d, xe_lookup_cb, &l)) != HS_OK)
			return r;
		if (!l.found)
			return hs_error_set(x->err, HS_EINVAL, "no key \"%s\"",
			    path[i]);
		*d = l.pair.value;
	}
	return HS_OK;
}

/* --- the output buffer -------------------------------------------------- */

struct xe_buf {
	char	*s;
	size_t	 len;
	size_t	 cap;
	int	 failed;
};

static void
xe_put(struct xe_buf *b, const char *s, size_t n)
{
	char	*ns;
	size_t	 cap;

	if (b->failed)
		return;
	if (b->len + n + 1 > b->cap) {
		cap = b->cap ? b->cap : 4096;
		while (cap < b->len + n + 1)
			cap *= 2;
		if ((ns = realloc(b->s, cap)) == NULL) {
			b->failed = 1;
			return;
		}
		b->s = ns;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void
xe_puts(struct xe_buf *b, const char *s)
{
	xe_put(b, s, strlen(s));
}

static void
xe_put_escaped(struct xe_buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '&')
			xe_puts(b, "&amp;");
		else if (*s == '<')
			xe_puts(b, "&lt;");
		else if (*s == '>')
			xe_puts(b, "&gt;");
		else
			xe_put(b, s, 1);
	}
}

/* The shortest text that reads back as exactly d. */
static void
xe_put_real(struct xe_buf *b, double d)
{
	char	buf[64];
	int	prec;

	if (isinf(d)) {
		xe_puts(b, d > 0 ? "+infinity" : "-infinity");
		return;
	}
	if (isnan(d)) {
		xe_puts(b, "nan");
		return;
	}
	/* Plain decimals where they are short, as Apple and plistlib do. */
	if (d == 0 || (fabs(d) >= 1e-4 && fabs(d) < 1e16)) {
		for (prec = 1; prec <= 17; prec++) {
			snprintf(buf, sizeof buf, "%.*f", prec, d);
			if (strtod(buf, NULL) == d)
				break;
		}
		if (prec <= 17) {
			xe_puts(b, buf);
			return;
		}
	}
	for (prec = 1; prec <= 17; prec++) {
		snprintf(buf, sizeof buf, "%.*g", prec, d);
		if (strtod(buf, NULL) == d)
			break;
	}
	xe_puts(b, buf);
}

struct xe_style {
	const char	*nl;		/* "\n" or "\r\n" */
	const char	*unit;		/* one level of indentation */
	size_t		 unitlen;
};

static void
xe_indent(struct xe_buf *b, const char *ind, size_t n)
{
	xe_put(b, ind, n);
}

/* A value, its first line already indented; later lines at ind. */
static void
xe_render(struct xe_buf *b, const struct pv *v, const char *ind,
    size_t indlen, const struct xe_style *st)
{
	char	 num[32];
	char	*inner;
	size_t	 i;

	switch (v->type) {
	case PV_BOOL:
		xe_puts(b, v->b ? "<true/>" : "<false/>");
		return;
	case PV_INT:
		snprintf(num, sizeof num, "<integer>%lld</integer>",
		    (long long)v->i);
		xe_puts(b, num);
		return;
	case PV_REAL:
		xe_puts(b, "<real>");
		xe_put_real(b, v->r);
		xe_puts(b, "</real>");
		return;
	case PV_STRING:
		xe_puts(b, "<string>");
		xe_put_escaped(b, v->s);
		xe_puts(b, "</string>");
		return;
	case PV_DICT:
		break;
	}
	if (v->npairs == 0) {
		xe_puts(b, "<dict/>");
		return;
	}
	if ((inner = malloc(indlen + st->unitlen + 1)) == NULL) {
		b->failed = 1;
		return;
	}
	memcpy(inner, ind, indlen);
	memcpy(inner + indlen, st->unit, st->unitlen);
	xe_puts(b, "<dict>");
	xe_puts(b, st->nl);
	for (i = 0; i < v->npairs; i++) {
		xe_indent(b, inner, indlen + st->unitlen);
		xe_puts(b, "<key>");
		xe_put_escaped(b, v->pairs[i].key);
		xe_puts(b, "</key>");
		xe_puts(b, st->nl);
		xe_indent(b, inner, indlen + st->unitlen);
		xe_render(b, &v->pairs[i].value, inner, indlen + st->unitlen,
		    st);
		xe_puts(b, st->nl);
	}
	xe_indent(b, ind, indlen);
	xe_puts(b, "</dict>");
	free(inner);
}

/* --- line geometry -------------------------------------------------------- */

static size_t
xe_line_start(const struct xe *x, size_t i)
{
	while (i > 0 && x->p[i - 1] != '\n')
		i--;
	return i;
}

static int
xe_blank(const struct xe *x, size_t from, size_t to)
{
	for (; from < to; from++)
		if (x->p[from] != ' ' && x->p[from] != '\t')
			return 0;
	return 1;
}

/*
 * The span to delete for [a, b): whole lines when the element pair stands
 * on lines of its own, else exactly [a, b).
 */
static void
xe_line_span(const struct xe *x, size_t *a, size_t *b)
{
	size_t	ls = xe_line_start(x, *a), e = *b;

	if (!xe_blank(x, ls, *a))
		return;
	while (e < x->len && (x->p[e] == ' ' || x->p[e] == '\t'))
		e++;
	if (e < x->len && x->p[e] == '\r')
		e++;
	if (e < x->len && x->p[e] == '\n') {
		*a = ls;
		*b = e + 1;
	}
}

/*
 * The file's line end, and its unit of indentation: the white space of the
 * first indented line that starts with a tag (a tab when there is none).
 */
static void
xe_style_of(const struct xe *x, const struct xe_el *d, struct xe_style *st,
    const char **ind, size_t *indlen)
{
	size_t	ls = xe_line_start(x, d->start), nl = xe_find(x, 0, "\n");
	size_t	i, j;

	st->nl = nl > 0 && nl < x->len && x->p[nl - 1] == '\r' ? "\r\n" :
	    "\n";
	st->unit = "\t";
	st->unitlen = 1;
	for (i = 0; i < x->len; i = xe_find(x, i, "\n") + 1) {
		for (j = i; j < x->len && (x->p[j] == ' ' || x->p[j] == '\t');
		    j++)
			;
		if (j > i && j < x->len && x->p[j] == '<') {
			st->unit = x->p + i;
			st->unitlen = j - i;
			break;
		}
	}
	*ind = x->p + ls;
	*indlen = xe_blank(x, ls, d->start) ? d->start - ls : 0;
}

/* Where a new key of d goes: beside its first key, or one unit in. */
struct xe_first {
	size_t	start;
	int	found;
};

static int
xe_first_cb(void *arg, const struct xe_pair *p, const char *k)
{
	struct xe_first	*f = arg;

	f->start = p->key.start;
	f->found = 1;
	return 1;
}

/* --- the edits ---------------------------------------------------------- */

struct xe_cut {
	size_t	a;
	size_t	b;
};

struct xe_rm {
	struct xe		*x;
	struct plist_keyset	 ks;
	struct xe_cut		*cuts;
	size_t			 ncuts;
};

static int
xe_rm_cb(void *arg, const struct xe_pair *p, const char *k)
{
	struct xe_rm	*rm = arg;

	if (!plist_keyset_take(&rm->ks, k, strlen(k)))
		return 0;
	rm->cuts[rm->ncuts].a = p->key.start;
	rm->cuts[rm->ncuts].b = p->value.end;
	xe_line_span(rm->x, &rm->cuts[rm->ncuts].a, &rm->cuts[rm->ncuts].b);
	rm->ncuts++;
	return 0;
}

/* Remove the keys of ed[0..n) from dictionary d in one pass. */
static int
xe_remove(struct xe *x, const struct xe_el *d, const struct plist_edit *ed,
    size_t n, struct xe_buf *out)
{
	struct xe_rm	rm;
	size_t		i, at = 0;
	int		r;

	memset(&rm, 0, sizeof rm);
	rm.x = x;
	if (plist_keyset_init(&rm.ks, ed, n) != HS_OK ||
	    (rm.cuts = calloc(n, sizeof *rm.cuts)) == NULL) {
		r = hs_error_set(x->err, HS_ENOMEM, "out of memory");
		goto done;
	}
	if ((r = xe_pairs(x, d, xe_rm_cb, &rm)) != HS_OK ||
	    (r = plist_keyset_check(&rm.ks, x->err)) != HS_OK)
		goto done;
	for (i = 0; i < rm.ncuts; i++) {
		xe_put(out, x->p + at, rm.cuts[i].a - at);
		at = rm.cuts[i].b;
	}
	xe_put(out, x->p + at, x->len - at);
done:
	plist_keyset_release(&rm.ks);
	free(rm.cuts);
	return r;
}

static int
xe_set(struct xe *x, const struct xe_el *d, const struct plist_edit *ed,
    struct xe_buf *out)
{
	struct xe_lookup	 l;
	struct xe_style		 st;
	const char		*ind, *kind;
	size_t			 indlen, kindlen, at, ls;
	int			 r;

	memset(&l, 0, sizeof l);
	l.key = ed->key;
	if ((r = xe_pairs(x, d, xe_lookup_cb, &l)) != HS_OK)
		return r;
	xe_style_of(x, d, &st, &ind, &indlen);
	if (l.found) {
		/* Replace the value in place, indented like its key. */
		ls = xe_line_start(x, l.pair.key.start);
		kindlen = xe_blank(x, ls, l.pair.key.start) ?
		    l.pair.key.start - ls : 0;
		xe_put(out, x->p, l.pair.value.start);
		xe_render(out, ed->value, x->p + ls, kindlen, &st);
		xe_put(out, x->p + l.pair.value.end, x->len -
		    l.pair.value.end);
		return HS_OK;
	}
	/* Insert before the end tag's line, indented like the other keys. */
	{
		struct xe_first	f = { 0, 0 };

		if ((r = xe_pairs(x, d, xe_first_cb, &f)) != HS_OK)
			return r;
		ls = f.found ? xe_line_start(x, f.start) : 0;
		if (f.found && xe_blank(x, ls, f.start)) {
			kindlen = f.start - ls;
			kind = strndup(x->p + ls, kindlen);
		} else {
			kindlen = indlen + st.unitlen;
			if ((kind = malloc(kindlen + 1)) != NULL) {
				memcpy((char *)kind, ind, indlen);
				memcpy((char *)kind + indlen, st.unit,
				    st.unitlen);
			}
		}
		if (kind == NULL)
			return hs_error_set(x->err, HS_ENOMEM,
			    "out of memory");
	}
	if (d->empty) {
		xe_put(out, x->p, d->start);
		xe_puts(out, "<dict>");
		xe_puts(out, st.nl);
		at = d->end;
	} else {
		ls = xe_line_start(x, d->close);
		at = xe_blank(x, ls, d->close) ? ls : d->close;
		xe_put(out, x->p, at);
		if (at == d->close)
			xe_puts(out, st.nl);
	}
	xe_put(out, kind, kindlen);
	xe_puts(out, "<key>");
	xe_put_escaped(out, ed->key);
	xe_puts(out, "</key>");
	xe_puts(out, st.nl);
	xe_put(out, kind, kindlen);
	xe_render(out, ed->value, kind, kindlen, &st);
	xe_puts(out, st.nl);
	if (d->empty) {
		xe_put(out, ind, indlen);
		xe_puts(out, "</dict>");
	} else if (at == d->close)
		xe_put(out, ind, indlen);
	xe_put(out, x->p + at, x->len - at);
	free((char *)kind);
	return HS_OK;
}

int
xmlplist_apply(const char *buf, size_t len, const struct plist_edit *ed,
    size_t n, char **out, size_t *outlen, struct hs_error *err)
{
	struct xe	 x;
	struct xe_el	 d;
	struct xe_buf	 cur = { NULL, 0, 0, 0 }, next;
	size_t		 i, run;
	int		 r = HS_OK;

	*out = NULL;
	if (n == 0)
		xe_put(&cur, buf, len);
	for (i = 0; i < n && r == HS_OK && !cur.failed; i += run) {
		/* The first edit reads the input; each next one, the last's
		 * output (no copy of a large file made for nothing). */
		x.p = i == 0 ? buf : cur.s;
		x.len = i == 0 ? len : cur.len;
		x.err = err;
		run = 1;
		memset(&next, 0, sizeof next);
		if ((r = xe_resolve(&x, ed[i].path, ed[i].depth, &d)) != HS_OK)
			break;
		if (ed[i].op == PLIST_EDIT_SET)
			r = xe_set(&x, &d, &ed[i], &next);
		else {
			while (i + run < n && ed[i + run].op ==
			    PLIST_EDIT_REMOVE && plist_edit_same_path(&ed[i],
			    &ed[i + run]))
				run++;
			r = xe_remove(&x, &d, &ed[i], run, &next);
		}
		free(cur.s);
		cur = next;
	}
	if (r == HS_OK && cur.failed)
		r = hs_error_set(err, HS_ENOMEM, "out of memory");
	if (r != HS_OK) {
		free(cur.s);
		return r;
	}
	*out = cur.s;
	*outlen = cur.len;
	return HS_OK;
}
