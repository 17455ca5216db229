/* store.c: interpreting an HSTS.plist document, both layouts. */
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hsts/host.h"
#include "hsts/store.h"
#include "plist/pval.h"

#define KEY_SCHEMA	"HSTS Store Schema Version"
#define KEY_CONTENT	"HSTS Content Version"
#define KEY_SIGNATURE	"HSTS Preload Entries Signature"
#define KEY_DISK_SCHEMA	"hstsd Disk Storage Schema Version"
#define KEY_CREATED	"Create Time"
#define KEY_EXPIRY	"Expiry"
#define KEY_SUBDOMAINS	"Include Subdomains"
#define KEY_HSTS_HOST	"HSTS Host"

/* Warnings past this many are counted, not kept. */
#define HSTS_MAX_WARNINGS	50

static void
hsts_warn(struct hsts_store *st, const struct pval *at, const char *fmt,
    ...)
{
	char	 msg[512], where[64], *w, **nw;
	va_list	 ap;

	if (st->nwarnings >= HSTS_MAX_WARNINGS) {
		st->nwarnings++;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	where[0] = '\0';
	if (at != NULL)
		pval_where(at, where, sizeof where);
	if (asprintf(&w, "%s%s", msg, where) == -1)
		return;
	if ((nw = realloc(st->warnings, (st->nwarnings + 1) *
	    sizeof *nw)) == NULL) {
		free(w);
		return;
	}
	st->warnings = nw;
	st->warnings[st->nwarnings++] = w;
}

void
hsts_store_warnf(struct hsts_store *st, const char *fmt, ...)
{
	char	msg[512];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	hsts_warn(st, NULL, "%s", msg);
}

static const char *const hsts_type_words[] = {
	"nothing", "a dictionary", "an array", "a boolean", "an integer",
	"a real", "a date", "a string", "data", "an unknown object"
};

/*
 * A version key's value v into *out when it is a whole number from 0 to
 * 2^31-1; *out is left alone when the key is absent.  Anything else is a
 * malformed store: HS_EFORMAT naming the key and where its value is.
 */
static int
hsts_version(const struct pval *v, const char *key, long *out,
    struct hs_error *err)
{
	char	where[64];
	double	d;

	if (v->type == PVAL_NONE)
		return HS_OK;
	if (v->type == PVAL_INT && pval_number(v, &d) == 0 && d >= 0 &&
	    d <= INT32_MAX) {
		*out = (long)d;
		return HS_OK;
	}
	pval_where(v, where, sizeof where);
	return hs_error_set(err, HS_EFORMAT, "\"%s\" is %s, not a version "
	    "number%s", key, v->type == PVAL_INT ? "an integer out of range" :
	    hsts_type_words[v->type], where);
}

int
hsts_is_meta_key(const char *key)
{
	/* Every one starts "HSTS " or "hstsd ": most keys are hosts. */
	if ((key[0] != 'H' && key[0] != 'h') || key[1] != (key[0] == 'H' ?
	    'S' : 's'))
		return 0;
	return strcmp(key, KEY_SCHEMA) == 0 || strcmp(key, KEY_CONTENT) == 0 ||
	    strcmp(key, KEY_SIGNATURE) == 0 ||
	    strcmp(key, KEY_DISK_SCHEMA) == 0;
}


/* Expiry value: +inf and integers of 2^63 or more mean "never". */
static void
hsts_set_expiry(struct hsts_store *st, struct hsts_entry *e,
    const struct pval *v, const struct pval *whole)
{
	double	d;

	e->expiry_kind = HSTS_EXPIRY_UNKNOWN;
	if (v->type == PVAL_NONE) {
		hsts_warn(st, whole, "%s: entry has no Expiry", e->host);
		return;
	}
	if (pval_number(v, &d) != 0) {
		hsts_warn(st, v, "%s: Expiry is not a number", e->host);
		return;
	}
	if (isnan(d) || d == -INFINITY) {
		hsts_warn(st, v, "%s: Expiry is %s", e->host,
		    isnan(d) ? "not a number (NaN)" : "-infinity");
		return;
	}
	if (d == INFINITY || (v->type == PVAL_INT &&
	    d >= 9223372036854775808.0)) {
		e->expiry_kind = HSTS_EXPIRY_NEVER;
		return;
	}
	e->expiry_kind = HSTS_EXPIRY_AT;
	e->expiry = d;
}

/* Reading a store: where entries go, and pval's key hints. */
struct hsts_reader {
	struct hsts_store	*st;
	size_t			 cap;		/* of st->entries */
	uint64_t		 hints[4];
	hsts_keep_fn		 keep;		/* NULL: every entry */
	void			*arg;
	struct hs_error		*err;		/* a malformed version key */
	char			 key[256];	/* scratch for short keys */
};

/* The keys of an entry; "HSTS Host" too, so that it is known on sight. */
static const char *const hsts_entry_keys[4] = {
	KEY_CREATED, KEY_EXPIRY, KEY_SUBDOMAINS, KEY_HSTS_HOST
};

/* Schema 3: host -> dictionary. */
static void
hsts_entry_dict(struct hsts_reader *rd, struct hsts_entry *e,
    const struct pval *whole)
{
	struct hsts_store	*st = rd->st;
	struct pval		 v[4], *c = &v[0];
	double			 d;

	pval_dict_get_many(whole, hsts_entry_keys, 4, v, rd->hints);
	if (c->type != PVAL_NONE) {
		if (pval_number(c, &d) == 0 && isfinite(d)) {
			e->has_created = 1;
			e->created = d;
		} else
			hsts_warn(st, c, "%s: Create Time is not a finite "
			    "number", e->host);
	}
	hsts_set_expiry(st, e, &v[1], whole);
	e->include_subdomains = pval_true(&v[2]);
	if (v[2].type != PVAL_NONE && v[2].type != PVAL_BOOL)
		hsts_warn(st, &v[2], "%s: Include Subdomains is %s, not a "
		    "boolean; read as false", e->host,
		    hsts_type_words[v[2].type]);
}

/* Schema 2: host -> real; the sign says includeSubdomains. */
static void
hsts_entry_bare(struct hsts_store *st, struct hsts_entry *e,
    const struct pval *whole)
{
	double	d;

	if (pval_number(whole, &d) != 0 || isnan(d)) {
		e->expiry_kind = HSTS_EXPIRY_UNKNOWN;
		hsts_warn(st, whole, "%s: value is not a number", e->host);
		return;
	}
	e->include_subdomains = signbit(d) != 0;
	e->expiry_kind = isinf(d) ? HSTS_EXPIRY_NEVER : HSTS_EXPIRY_AT;
	e->expiry = fabs(d);
}

/* Room for n more entries. */
static int
hsts_reserve(struct hsts_reader *rd, size_t n)
{
	struct hsts_entry	*e;
	size_t			 cap;

	if (rd->st->nentries + n <= rd->cap)
		return HS_OK;
	cap = rd->cap ? rd->cap * 2 : 64;
	if (cap < rd->st->nentries + n)
		cap = rd->st->nentries + n;
	if ((e = realloc(rd->st->entries, cap * sizeof *e)) == NULL)
		return HS_ENOMEM;
	rd->st->entries = e;
	rd->cap = cap;
	return HS_OK;
}

/*
 * The normal form of a host not stored normalised (host_is_normal): a new
 * string, host itself, or host again with a warning when it is not a host
 * name.
 */
static int
hsts_norm(struct hsts_store *st, const struct pval *v, const char *host,
    char **norm)
{
	struct hs_error	herr;

	hs_error_init(&herr);
	if (host_normalise(host, norm, &herr) == HS_ENOMEM)
		return HS_ENOMEM;
	if (*norm == NULL) {
		hsts_warn(st, v, "%s: %s; matched as written", host, herr.msg);
		*norm = (char *)host;
	} else if (strcmp(*norm, host) == 0) {
		free(*norm);
		*norm = (char *)host;
	}
	return HS_OK;
}

/*
 * Entry host (key text, which may be a scratch buffer) whose value is
 * object obj of the given type: kept when the reader's filter wants it,
 * and then copied into the store and its value read.
 */
static int
hsts_add_entry(struct hsts_reader *rd, const char *session, const char *host,
    enum pval_type type, uint64_t obj)
{
	struct hsts_store	*st = rd->st;
	struct hsts_entry	*e;
	struct pval		 v;
	char			*norm, *copy;

	/* The value is read only for the entries kept (and for warnings). */
	if (!HSTS_ENTRY_TYPE(type)) {
		v = pval_at(st->doc, obj);
		hsts_warn(st, &v, "%s: entry in session \"%s\" is neither a "
		    "dictionary nor a number; skipped", host, session);
		return HS_OK;
	}
	st->ntotal++;
	if (host_is_normal(host))
		norm = (char *)host;
	else if (v = pval_at(st->doc, obj), hsts_norm(st, &v, host, &norm) !=
	    HS_OK)
		return HS_ENOMEM;
	if (rd->keep != NULL && !rd->keep(norm, rd->arg)) {
		if (norm != host)
			free(norm);
		return HS_OK;
	}
	if ((copy = hs_arena_strndup(&st->text, host, strlen(host))) == NULL ||
	    hsts_reserve(rd, 1) != HS_OK) {
		if (norm != host)
			free(norm);
		return HS_ENOMEM;
	}
	e = &st->entries[st->nentries];
	memset(e, 0, sizeof *e);
	e->host = copy;
	e->norm = norm == host ? copy : norm;
	e->session = session;
	e->order = st->ntotal - 1;
	st->nentries++;
	v = pval_at(st->doc, obj);
	if (v.type == PVAL_DICT)
		hsts_entry_dict(rd, e, &v);
	else
		hsts_entry_bare(st, e, &v);
	return HS_OK;
}

static int
hsts_add_session(struct hsts_store *st, char *name)
{
	char	**ns;

	ns = realloc(st->sessions, (st->nsessions + 1) * sizeof *ns);
	if (ns == NULL) {
		free(name);
		return HS_ENOMEM;
	}
	st->sessions = ns;
	st->sessions[st->nsessions++] = name;
	return HS_OK;
}

static int
hsts_read_session(struct hsts_reader *rd, char *name,
    const struct pval *dict)
{
	struct hsts_store	*st = rd->st;
	struct pval_iter	 it;
	struct pval		 k, v;
	enum pval_type		 type;
	uint64_t		 obj;
	const char		*key;
	int			 r;

	if ((r = hsts_add_session(st, name)) != HS_OK || (rd->keep == NULL &&
	    (r = hsts_reserve(rd, dict->count)) != HS_OK))
		return r;
	/* A session may carry the version keys too (the 2014 layout). */
	pval_iter_init(&it, dict);
	while ((r = pval_iter_peek(&it, &k, &type, &obj)) == 1) {
		/* Keys are strings (the reader checked): NULL is no memory. */
		if ((key = pval_text_buf(&k, rd->key, sizeof rd->key,
		    &st->text)) == NULL)
			return HS_ENOMEM;
		if (hsts_is_meta_key(key)) {
			v = pval_at(st->doc, obj);
			r = HS_OK;
			if (st->schema == 0 && strcmp(key, KEY_SCHEMA) == 0)
				r = hsts_version(&v, key, &st->schema,
				    rd->err);
			else if (st->content_version < 0 &&
			    strcmp(key, KEY_CONTENT) == 0)
				r = hsts_version(&v, key,
				    &st->content_version, rd->err);
			if (r != HS_OK)
				return r;
			continue;
		}
		if ((r = hsts_add_entry(rd, name, key, type, obj)) != HS_OK)
			break;
	}
	return r;
}

static int
hsts_read_root(struct hsts_store *st, const struct pval *root,
    hsts_keep_fn keep, void *arg, struct hs_error *err)
{
	struct hsts_reader	 rd;
	struct pval_iter	 it;
	struct pval		 v;
	char			*key;
	int			 r;

	memset(&rd, 0, sizeof rd);
	rd.st = st;
	memset(rd.hints, 0xff, sizeof rd.hints);	/* PVAL_NO_HINT */
	rd.keep = keep;
	rd.arg = arg;
	rd.err = err;
	st->schema = 0;
	st->content_version = -1;
	v = pval_dict_get(root, KEY_SCHEMA);
	if ((r = hsts_version(&v, KEY_SCHEMA, &st->schema, err)) != HS_OK)
		return r;
	v = pval_dict_get(root, KEY_CONTENT);
	if ((r = hsts_version(&v, KEY_CONTENT, &st->content_version, err)) !=
	    HS_OK)
		return r;
	pval_iter_init(&it, root);
	while ((r = pval_iter_next(&it, &key, &v)) == 1) {
		if (v.type == PVAL_DICT)
			r = hsts_read_session(&rd, key, &v);
		else {
			if (!hsts_is_meta_key(key))
				hsts_warn(st, &v, "unknown top-level key \"%s\" "
				    "ignored", key);
			free(key);
			r = HS_OK;
		}
		if (r != HS_OK)
			break;
	}
	return r;
}

static int
hsts_store_make(const char *path, struct plist_doc *doc, int own,
    hsts_keep_fn keep, void *arg, struct hsts_store **out,
    struct hs_error *err)
{
	struct hsts_store	*st;
	struct pval		 root = pval_root(doc);
	int			 r;

	*out = NULL;
	if (root.type != PVAL_DICT) {
		if (own)
			plist_doc_free(doc);
		return hs_error_set(err, HS_EFORMAT, "not an HSTS store: the "
		    "top level is not a dictionary");
	}
	if ((st = calloc(1, sizeof *st)) == NULL ||
	    (st->path = strdup(path)) == NULL) {
		free(st);
		if (own)
			plist_doc_free(doc);
		return hs_error_set(err, HS_ENOMEM, "out of memory");
	}
	st->format = HSTS_FMT_APPLE;
	st->doc = doc;
	st->owns_doc = own;
	if ((r = hsts_read_root(st, &root, keep, arg, err)) != HS_OK) {
		hsts_store_free(st);
		return r == HS_ENOMEM ? hs_error_set(err, HS_ENOMEM, "out of "
		    "memory") : r;
	}
	if (st->nsessions == 0) {
		hsts_store_free(st);
		return hs_error_set(err, HS_EFORMAT, "not an HSTS store: no "
		    "session dictionary (such as \"%s\")",
		    HSTS_DEFAULT_SESSION);
	}
	if (st->schema != 2 && st->schema != 3)
		hsts_warn(st, NULL, st->schema == 0 ? "no \"%s\" key; read as "
		    "far as possible" : "unknown \"%s\" %ld; read as far as "
		    "possible", KEY_SCHEMA, st->schema);
	*out = st;
	return HS_OK;
}

int
hsts_store_from_doc(const char *path, struct plist_doc *doc,
    struct hsts_store **out, struct hs_error *err)
{
	return hsts_store_make(path, doc, 1, NULL, NULL, out, err);
}

int
hsts_store_view(const char *path, struct plist_doc *doc,
    struct hsts_store **out, struct hs_error *err)
{
	return hsts_store_make(path, doc, 0, NULL, NULL, out, err);
}

int
hsts_store_view_some(const char *path, struct plist_doc *doc,
    hsts_keep_fn keep, void *arg, struct hsts_store **out,
    struct hs_error *err)
{
	return hsts_store_make(path, doc, 0, keep, arg, out, err);
}

int
hsts_store_read(const char *path, struct hsts_store **out,
    struct hs_error *err)
{
	struct plist_doc	*doc;
	int			 r;

	*out = NULL;
	if ((r = plist_doc_read_file(path, &doc, err)) != HS_OK)
		return r;
	return hsts_store_from_doc(path, doc, out, err);
}

void
hsts_store_free(struct hsts_store *st)
{
	size_t	i;

	if (st == NULL)
		return;
	for (i = 0; i < st->nentries; i++)
		if (st->entries[i].norm != st->entries[i].host)
			free(st->entries[i].norm);
	hs_arena_free(&st->text);
	free(st->entries);
	for (i = 0; i < st->nsessions; i++)
		free(st->sessions[i]);
	free(st->sessions);
	for (i = 0; i < st->nwarnings && i < HSTS_MAX_WARNINGS; i++)
		free(st->warnings[i]);
	free(st->warnings);
	if (st->owns_doc)
		plist_doc_free(st->doc);
	free(st->path);
	free(st);
}

/* The host itself first, then parents from the closest. */
static int
hsts_match_cmp(const void *a, const void *b)
{
	const struct hsts_entry	*x = *(struct hsts_entry *const *)a;
	const struct hsts_entry	*y = *(struct hsts_entry *const *)b;
	size_t			 lx = strlen(x->norm), ly = strlen(y->norm);

	if (lx != ly)
		return lx > ly ? -1 : 1;
	return (x->order > y->order) - (x->order < y->order);
}

size_t
hsts_store_match(const struct hsts_store *st, const char *host,
    struct hsts_entry **v)
{
	size_t	i, n = 0;

	for (i = 0; i < st->nentries; i++)
		if (host_within(host, st->entries[i].norm))
			v[n++] = &st->entries[i];
	qsort(v, n, sizeof *v, hsts_match_cmp);
	return n;
}

int
hsts_entry_applies(const struct hsts_entry *e, const char *host, double now)
{
	if (e->expiry_kind == HSTS_EXPIRY_UNKNOWN || hsts_entry_expired(e, now) ||
	    e->state != HSTS_STATE_FORCE)
		return 0;
	return strcmp(e->norm, host) == 0 || e->include_subdomains;
}

int
hsts_entry_preloaded(const struct hsts_entry *e)
{
	return e->expiry_kind == HSTS_EXPIRY_NEVER;
}

int
hsts_entry_expired(const struct hsts_entry *e, double now)
{
	return e->expiry_kind == HSTS_EXPIRY_AT && e->expiry <= now;
}
