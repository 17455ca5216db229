/*
 * xmlplist-splice.c: editing an XML property list as text.
 *
 * The document has been read by xmlplist.c into its tree (xtree.h), which
 * records where every element starts and ends.  An edit is a splice at
 * those offsets: removing a key and its value takes their lines, setting
 * a value replaces its element, a new key goes before its dictionary's end
 * tag, indented like its neighbours.  Every edit of one call is planned
 * on the bytes as read, then all are carried out in one pass; every other
 * byte (declaration, DOCTYPE, comments, indentation, line ends) stays as
 * it was.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plist/xmlplist-splice.h"

/* Input bytes [a, b) give way to len bytes of new text at off. */
struct xe_splice {
	size_t	a;
	size_t	b;
	size_t	off;
	size_t	len;
	int	late;		/* after the others at a: an end tag */
	size_t	seq;		/* the order it was made in */
};

struct xe_buf {
	char	*s;
	size_t	 len;
	size_t	 cap;
	int	 failed;
};

struct xe {
	const struct xtree	*t;
	const char		*p;
	size_t			 len;
	struct hs_error		*err;
	struct xe_splice	*sp;		/* owned */
	size_t			 nsp;
	size_t			 spcap;
	struct xe_buf		 text;		/* owned: every new text */
	uint32_t		*opened;	/* owned: dictionaries given an
						   end tag of their own */
	size_t			 nopened;
};

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

/* --- the tree's offsets ------------------------------------------------ */

static size_t
xe_start(const struct xe *x, uint32_t k)
{
	return x->t->node[k].pos;
}

static size_t
xe_end(const struct xe *x, uint32_t k)
{
	return x->t->end[k];
}

/* The '<' of container k's end tag; its start tag when it is <dict/>. */
static size_t
xe_close(const struct xe *x, uint32_t k)
{
	size_t	i = xe_end(x, k);

	while (i > xe_start(x, k) && x->p[--i] != '<')
		;
	return i;
}

static const char *
xe_key(const struct xe *x, uint32_t k)
{
	return xtree_text(x->t, x->t->node[k].v.str.off);
}

/*
 * The key node of key in dictionary d, or 0 (the root is never a key):
 * the last of equal keys, as CoreFoundation reads it; *copies says how
 * many d holds.
 */
static uint32_t
xe_lookup(const struct xe *x, uint32_t d, const char *key, size_t *copies)
{
	uint32_t	i, c, at = 0;

	*copies = 0;
	for (i = 0, c = d + 1; i < x->t->node[d].v.kids.n; i += 2,
	    c = xtree_next(x->t, c + 1))
		if (strcmp(xe_key(x, c), key) == 0) {
			at = c;
			(*copies)++;
		}
	return at;
}

/* The dictionary that path names. */
static int
xe_resolve(const struct xe *x, const char *const *path, size_t depth,
    uint32_t *d)
{
	uint32_t	k;
	size_t		i, copies;

	for (*d = 0, i = 0; i <= depth; i++) {
		if (x->t->node[*d].type != XT_DICT)
			return hs_error_set(x->err, HS_EINVAL, "\"%s\" is not "
			    "a dictionary", i == 0 ? "(root)" : path[i - 1]);
		if (i == depth)
			break;
		if ((k = xe_lookup(x, *d, path[i], &copies)) == 0)
			return hs_error_set(x->err, HS_EINVAL, "no key \"%s\"",
			    path[i]);
		*d = k + 1;
	}
	return HS_OK;
}

/* --- the output buffer -------------------------------------------------- */

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
	if (n > 0)
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
xe_style_of(const struct xe *x, size_t start, struct xe_style *st,
    const char **ind, size_t *indlen)
{
	size_t	ls = xe_line_start(x, start), nl = xe_find(x, 0, "\n");
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
	*indlen = xe_blank(x, ls, start) ? start - ls : 0;
}

/* --- splices ------------------------------------------------------------ */

/* Bytes [a, b) give way to what was written to x->text since off. */
static int
xe_splice(struct xe *x, size_t a, size_t b, size_t off, int late)
{
	struct xe_splice	*ns;
	size_t			 cap;

	if (x->text.failed)
		return hs_error_set(x->err, HS_ENOMEM, "out of memory");
	if (x->nsp == x->spcap) {
		cap = x->spcap ? x->spcap * 2 : 64;
		if ((ns = realloc(x->sp, cap * sizeof *ns)) == NULL)
			return hs_error_set(x->err, HS_ENOMEM,
			    "out of memory");
		x->sp = ns;
		x->spcap = cap;
	}
	ns = &x->sp[x->nsp];
	ns->a = a;
	ns->b = b;
	ns->off = off;
	ns->len = x->text.len - off;
	ns->late = late;
	ns->seq = x->nsp++;
	return HS_OK;
}

static int
xe_splice_cmp(const void *pa, const void *pb)
{
	const struct xe_splice	*a = pa, *b = pb;

	if (a->a != b->a)
		return a->a < b->a ? -1 : 1;
	if (a->late != b->late)
		return a->late - b->late;
	return (a->seq > b->seq) - (a->seq < b->seq);
}

/* The input with every splice made, in *out. */
static int
xe_emit(struct xe *x, struct xe_buf *out)
{
	size_t	i, at = 0;

	qsort(x->sp, x->nsp, sizeof *x->sp, xe_splice_cmp);
	for (i = 0; i < x->nsp; i++) {
		if (x->sp[i].a < at)
			return hs_error_set(x->err, HS_EINVAL, "two edits "
			    "change the same entry");
		xe_put(out, x->p + at, x->sp[i].a - at);
		/* A cut has no text (and x->text may have none at all). */
		if (x->sp[i].len > 0)
			xe_put(out, x->text.s + x->sp[i].off, x->sp[i].len);
		at = x->sp[i].b;
	}
	xe_put(out, x->p + at, x->len - at);
	if (out->failed)
		return hs_error_set(x->err, HS_ENOMEM, "out of memory");
	return HS_OK;
}

/* --- the edits ------------------------------------------------------------ */

/* Remove the keys of ed[0..n) from dictionary d in one pass. */
static int
xe_remove(struct xe *x, uint32_t d, const struct plist_edit *ed, size_t n)
{
	struct plist_keyset	ks;
	uint32_t		i, c;
	size_t			a, b;
	int			r = HS_OK;

	if (plist_keyset_init(&ks, ed, n) != HS_OK)
		return hs_error_set(x->err, HS_ENOMEM, "out of memory");
	for (i = 0, c = d + 1; i < x->t->node[d].v.kids.n && r == HS_OK;
	    i += 2, c = xtree_next(x->t, c + 1)) {
		if (!plist_keyset_take(&ks, xe_key(x, c), strlen(xe_key(x,
		    c))))
			continue;
		a = xe_start(x, c);
		b = xe_end(x, c + 1);
		xe_line_span(x, &a, &b);
		r = xe_splice(x, a, b, x->text.len, 0);
	}
	if (r == HS_OK)
		r = plist_keyset_check(&ks, x->err);
	plist_keyset_release(&ks);
	return r;
}

/* The indentation of d's keys: its first key's, or one unit in. */
static char *
xe_key_indent(const struct xe *x, uint32_t d, const struct xe_style *st,
    const char *ind, size_t indlen, size_t *len)
{
	size_t	 ls, first;
	char	*kind;

	if (x->t->node[d].v.kids.n > 0) {
		first = xe_start(x, d + 1);
		ls = xe_line_start(x, first);
		if (xe_blank(x, ls, first)) {
			*len = first - ls;
			return strndup(x->p + ls, *len);
		}
	}
	*len = indlen + st->unitlen;
	if ((kind = malloc(*len + 1)) != NULL) {
		memcpy(kind, ind, indlen);
		memcpy(kind + indlen, st->unit, st->unitlen);
		kind[*len] = '\0';
	}
	return kind;
}

/* Was d given its own end tag (xe_open) already? */
static int
xe_was_opened(const struct xe *x, uint32_t d)
{
	size_t	i;

	for (i = 0; i < x->nopened; i++)
		if (x->opened[i] == d)
			return 1;
	return 0;
}

/*
 * Where new keys of d go, making room the first time: an empty <dict/>
 * becomes <dict>, then the keys, then an end tag on a line of its own; an
 * end tag with text before it on its line gets a line of its own.
 */
static int
xe_open(struct xe *x, uint32_t d, const struct xe_style *st,
    const char *ind, size_t indlen, size_t *at)
{
	size_t		 close = xe_close(x, d), ls, off;
	uint32_t	*no;
	int		 empty = close == xe_start(x, d), r;

	ls = xe_line_start(x, close);
	if (!empty && xe_blank(x, ls, close)) {
		*at = ls;
		return HS_OK;
	}
	*at = empty ? xe_end(x, d) : close;
	if (xe_was_opened(x, d))
		return HS_OK;
	if ((no = realloc(x->opened, (x->nopened + 1) * sizeof *no)) == NULL)
		return hs_error_set(x->err, HS_ENOMEM, "out of memory");
	x->opened = no;
	x->opened[x->nopened++] = d;
	off = x->text.len;
	if (empty)
		xe_puts(&x->text, "<dict>");
	xe_puts(&x->text, st->nl);
	if ((r = xe_splice(x, empty ? xe_start(x, d) : *at, *at, off, 0)) !=
	    HS_OK)
		return r;
	off = x->text.len;
	xe_put(&x->text, ind, indlen);
	if (empty)
		xe_puts(&x->text, "</dict>");
	return xe_splice(x, *at, *at, off, 1);
}

/* Is key set as new in the dictionary of ed[i] by an edit before it? */
static int
xe_set_before(const struct plist_edit *ed, size_t i)
{
	size_t	j;

	for (j = 0; j < i; j++)
		if (ed[j].op == PLIST_EDIT_SET && strcmp(ed[j].key,
		    ed[i].key) == 0 && plist_edit_same_path(&ed[j], &ed[i]))
			return 1;
	return 0;
}

/* Add ed->key to d: its lines before d's end tag. */
static int
xe_insert(struct xe *x, uint32_t d, const struct plist_edit *ed)
{
	struct xe_style	 st;
	const char	*ind;
	char		*kind;
	size_t		 indlen, kindlen, at, off;
	int		 r;

	xe_style_of(x, xe_start(x, d), &st, &ind, &indlen);
	if ((kind = xe_key_indent(x, d, &st, ind, indlen, &kindlen)) == NULL)
		return hs_error_set(x->err, HS_ENOMEM, "out of memory");
	if ((r = xe_open(x, d, &st, ind, indlen, &at)) == HS_OK) {
		off = x->text.len;
		xe_put(&x->text, kind, kindlen);
		xe_puts(&x->text, "<key>");
		xe_put_escaped(&x->text, ed->key);
		xe_puts(&x->text, "</key>");
		xe_puts(&x->text, st.nl);
		xe_put(&x->text, kind, kindlen);
		xe_render(&x->text, ed->value, kind, kindlen, &st);
		xe_puts(&x->text, st.nl);
		r = xe_splice(x, at, at, off, 0);
	}
	free(kind);
	return r;
}

/* Set ed[i].key in d: replace its value in place, or add it. */
static int
xe_set(struct xe *x, uint32_t d, const struct plist_edit *ed, size_t i)
{
	struct xe_style	 st;
	const char	*ind;
	size_t		 indlen, ls, kindlen, off, copies;
	uint32_t	 k = xe_lookup(x, d, ed[i].key, &copies);

	if (copies > 1)
		return plist_edit_dup_error(x->err, ed[i].key, copies);
	if (k == 0 && xe_set_before(ed, i))
		return hs_error_set(x->err, HS_EINVAL, "key \"%s\" is added "
		    "twice", ed[i].key);
	if (k == 0)
		return xe_insert(x, d, &ed[i]);
	/* The new value, indented like its key. */
	xe_style_of(x, xe_start(x, d), &st, &ind, &indlen);
	ls = xe_line_start(x, xe_start(x, k));
	kindlen = xe_blank(x, ls, xe_start(x, k)) ? xe_start(x, k) - ls : 0;
	off = x->text.len;
	xe_render(&x->text, ed[i].value, x->p + ls, kindlen, &st);
	return xe_splice(x, xe_start(x, k + 1), xe_end(x, k + 1), off, 0);
}

/* Remove the items of ed[0..n) from the array that is ed->key's value in d. */
static int
xe_remove_items(struct xe *x, uint32_t d, const struct plist_edit *ed,
    size_t n)
{
	size_t		a, b, k2, copies;
	uint32_t	k = xe_lookup(x, d, ed->key, &copies), arr, c, i;
	int		r = HS_OK;

	if (k == 0)
		return hs_error_set(x->err, HS_EINVAL, "no key \"%s\"",
		    ed->key);
	arr = k + 1;
	if (x->t->node[arr].type != XT_ARRAY)
		return hs_error_set(x->err, HS_EINVAL, "\"%s\" is not an "
		    "array", ed->key);
	for (k2 = 0; k2 < n; k2++)
		if (ed[k2].index >= x->t->node[arr].v.kids.n)
			return hs_error_set(x->err, HS_EINVAL, "\"%s\" has no "
			    "item %zu", ed->key, ed[k2].index);
	for (i = 0, c = arr + 1; i < x->t->node[arr].v.kids.n && r == HS_OK;
	    i++, c = xtree_next(x->t, c)) {
		if (!plist_edit_item_gone(ed, n, i))
			continue;
		a = xe_start(x, c);
		b = xe_end(x, c);
		xe_line_span(x, &a, &b);
		r = xe_splice(x, a, b, x->text.len, 0);
	}
	return r;
}

/* Plan every edit on the bytes as read. */
static int
xe_plan(struct xe *x, const struct plist_edit *ed, size_t n)
{
	uint32_t	d;
	size_t		i, run;
	int		r = HS_OK;

	for (i = 0; i < n && r == HS_OK; i += run) {
		run = plist_edit_run(&ed[i], n - i);
		if ((r = xe_resolve(x, ed[i].path, ed[i].depth, &d)) != HS_OK)
			break;
		if (ed[i].op == PLIST_EDIT_SET)
			r = xe_set(x, d, ed, i);
		else if (ed[i].op == PLIST_EDIT_REMOVE_ITEM)
			r = xe_remove_items(x, d, &ed[i], run);
		else
			r = xe_remove(x, d, &ed[i], run);
	}
	return r;
}

int
xmlplist_apply(const struct plist_doc *doc, const struct plist_edit *ed,
    size_t n, char **out, size_t *outlen, struct hs_error *err)
{
	struct xe	x;
	struct xe_buf	res = { NULL, 0, 0, 0 };
	int		r;

	*out = NULL;
	memset(&x, 0, sizeof x);
	x.t = &doc->xt;
	x.p = doc->bytes;
	x.len = doc->len;
	x.err = err;
	if (x.t->n == 0)
		r = hs_error_set(err, HS_EINVAL, "the document's tree is gone");
	else if ((r = xe_plan(&x, ed, n)) == HS_OK)
		r = xe_emit(&x, &res);
	free(x.sp);
	free(x.text.s);
	free(x.opened);
	if (r != HS_OK) {
		free(res.s);
		return r;
	}
	if (res.s == NULL)
		xe_put(&res, "", 0);
	if (res.failed)
		return hs_error_set(err, HS_ENOMEM, "out of memory");
	*out = res.s;
	*outlen = res.len;
	return HS_OK;
}
