/* access.c: any store, whatever its format; see access.h. */
#include <stdlib.h>
#include <string.h>

#include "chromium/chromium.h"
#include "curlwget/curlwget.h"
#include "firefox/firefox.h"
#include "plist/plist-doc.h"
#include "stores/access.h"
#include "util/file.h"

/* The formats but Apple's, tried in this order. */
static const struct access_format {
	enum hsts_format	fmt;
	int	(*sniff)(const char *, const char *, size_t);
	int	(*read)(const char *, const char *, size_t,
		    struct hsts_store **, struct hs_error *);
	int	(*drop)(const struct hsts_store *, const char *, size_t,
		    const unsigned char *, char **, size_t *,
		    struct hs_error *);
} access_formats[] = {
	{ HSTS_FMT_FIREFOX_BIN, firefox_bin_sniff, firefox_bin_read,
	    firefox_bin_drop },
	{ HSTS_FMT_FIREFOX_TXT, firefox_txt_sniff, firefox_txt_read,
	    text_store_drop },
	{ HSTS_FMT_CURL, curl_sniff, curl_read, text_store_drop },
	{ HSTS_FMT_WGET, wget_sniff, wget_read, text_store_drop },
	{ HSTS_FMT_CHROMIUM, chromium_sniff, chromium_read, chromium_drop },
};
#define ACCESS_NFORMATS	(sizeof access_formats / sizeof access_formats[0])

#define ACCESS_UNKNOWN	"not an HSTS store: neither a property list (binary " \
	"\"bplist00\" or XML) nor a Chromium, Firefox, curl or wget HSTS file"

/* Is it a property list: "bplist", or text starting with '<'? */
static int
access_is_plist(const char *p, size_t len)
{
	size_t	i = 0;

	if (len >= 6 && memcmp(p, "bplist", 6) == 0)
		return 1;
	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < len && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' ||
	    p[i] == '\n'))
		i++;
	return i < len && p[i] == '<';
}

static const struct access_format *
access_format(const char *path, const char *buf, size_t len)
{
	size_t	i;

	for (i = 0; i < ACCESS_NFORMATS; i++)
		if (access_formats[i].sniff(path, buf, len))
			return &access_formats[i];
	return NULL;
}

/*
 * Which format the bytes (or the first of them) are in: *f, or NULL for
 * Apple's plists.  HS_EFORMAT when none.  A format its name or content
 * claims comes first: a Firefox .txt whose first key starts "bplist" is
 * Firefox's, and an empty file is a store only when its name says which
 * (Firefox's .txt once its last entry went).
 */
static int
access_sniff(const char *path, const char *buf, size_t len,
    const struct access_format **f, struct hs_error *err)
{
	if ((*f = access_format(path, buf, len)) != NULL)
		return HS_OK;
	if (len == 0)
		return hs_error_at(err, HS_EFORMAT, 0, "file is empty");
	if (access_is_plist(buf, len))
		return HS_OK;
	return hs_error_at(err, HS_EFORMAT, 0, ACCESS_UNKNOWN);
}

int
store_parse(const char *path, const char *buf, size_t len,
    struct hsts_store **out, struct hs_error *err)
{
	const struct access_format	*f;
	struct plist_doc		*doc;
	int				 r;

	*out = NULL;
	if ((r = access_sniff(path, buf, len, &f, err)) != HS_OK)
		return r;
	if (f != NULL)
		return f->read(path, buf, len, out, err);
	if ((r = plist_doc_parse(buf, len, &doc, err)) != HS_OK)
		return r;
	return hsts_store_from_doc(path, doc, out, err);
}

int
store_read(const char *path, struct hsts_store **out, struct hs_error *err)
{
	const struct access_format	*f;
	struct plist_doc		*doc;
	struct stat			 st;
	char				*buf;
	size_t				 len;
	int				 r;

	*out = NULL;
	if ((r = hs_file_read(path, PLIST_MAX_FILE_SIZE, &buf, &len, &st,
	    err)) != HS_OK)
		return r;
	if ((r = access_sniff(path, buf, len, &f, err)) != HS_OK) {
		free(buf);
		return r;
	}
	if (f != NULL) {
		r = f->read(path, buf, len, out, err);
		free(buf);
		return r;
	}
	/* An Apple store: the document takes the bytes. */
	if ((r = plist_doc_adopt(buf, len, &doc, err)) != HS_OK)
		return r;
	doc->st = st;
	return hsts_store_from_doc(path, doc, out, err);
}

/* --- changing a store of another format ---------------------------------- */

int
store_drop(const struct hsts_store *st, const char *buf, size_t len,
    const unsigned char *drop, char **out, size_t *outlen,
    struct hs_error *err)
{
	size_t	i;

	for (i = 0; i < ACCESS_NFORMATS; i++)
		if (access_formats[i].fmt == st->format)
			return access_formats[i].drop(st, buf, len, drop, out,
			    outlen, err);
	return hs_error_set(err, HS_EINVAL, "not a store of another format");
}

struct access_edit {
	const char		 *path;
	const struct access_format *f;
	hsts_planner		  planner;
	void			 *arg;
	char *const		 *names;
	size_t			  nnames;
	struct hsts_plan	 *plan;
	size_t			  before;	/* entries before */
	size_t			  dropped;
};

/* The store read from bytes, its hashed entries named. */
static int
access_load(const struct access_edit *a, const char *buf, size_t len,
    struct hsts_store **st, struct hs_error *err)
{
	size_t	i;

	if (a->f->read(a->path, buf, len, st, err) != HS_OK)
		return err->code;
	for (i = 0; i < a->nnames; i++)
		if (hsts_store_name(*st, a->names[i]) != HS_OK) {
			hsts_store_free(*st);
			return hs_error_set(err, HS_ENOMEM, "out of memory");
		}
	return HS_OK;
}

/* Is (session, host) a change of the plan? */
static int
access_planned(const struct hsts_plan *p, const struct hsts_entry *e)
{
	size_t	i;

	for (i = 0; i < p->nchanges; i++)
		if (strcmp(p->changes[i].host, e->host) == 0 &&
		    strcmp(p->changes[i].session, e->session) == 0)
			return 1;
	return 0;
}

static int
access_plan(void *arg, const char *buf, size_t len, char **out,
    size_t *outlen, struct hs_error *err)
{
	struct access_edit	*a = arg;
	struct hsts_store	*st;
	unsigned char		*drop;
	size_t			 i;
	int			 r;

	*out = NULL;
	hsts_plan_free(a->plan);
	if ((a->plan = calloc(1, sizeof *a->plan)) == NULL)
		return hs_error_set(err, HS_ENOMEM, "out of memory");
	if ((r = access_load(a, buf, len, &st, err)) != HS_OK)
		return r;
	r = a->planner(st, a->plan, a->arg, err);
	for (i = 0; r == HS_OK && i < a->plan->nchanges; i++)
		if (a->plan->changes[i].verb != HSTS_REMOVE)
			r = hs_error_set(err, HS_EINVAL, "hstsctl adds entries "
			    "to Apple's stores only; this is a %s store",
			    hsts_store_format(st));
	a->before = st->nentries;
	a->dropped = 0;
	if (r == HS_OK && a->plan->nchanges > 0) {
		if ((drop = calloc(st->nentries + 1, 1)) == NULL)
			r = hs_error_set(err, HS_ENOMEM, "out of memory");
		for (i = 0; r == HS_OK && i < st->nentries; i++)
			a->dropped += drop[i] = access_planned(a->plan,
			    &st->entries[i]);
		if (r == HS_OK)
			r = a->f->drop(st, buf, len, drop, out, outlen, err);
		free(drop);
	}
	hsts_store_free(st);
	return r;
}

/* The new bytes read back: the entries planned gone, and only those. */
static int
access_verify(void *arg, const char *buf, size_t len, struct hs_error *err)
{
	struct access_edit	*a = arg;
	struct hsts_store	*st;
	struct hs_error		 e2;
	size_t			 i, left = 0;

	hs_error_init(&e2);
	if (access_load(a, buf, len, &st, &e2) != HS_OK)
		return hs_error_set(err, HS_EFORMAT, "internal error: the "
		    "edited file does not read back (%s); nothing written",
		    e2.msg);
	for (i = 0; i < st->nentries; i++)
		left += access_planned(a->plan, &st->entries[i]);
	i = st->nentries;
	hsts_store_free(st);
	if (left != 0 || i + a->dropped != a->before)
		return hs_error_set(err, HS_EFORMAT, "internal error: the "
		    "edited store does not hold what was planned; nothing "
		    "written");
	return HS_OK;
}

int
store_edit(const char *path, hsts_planner planner, hsts_keep_fn keep,
    void *arg, char *const *names, size_t nnames, int flags,
    struct hsts_plan **out, struct hs_error *err)
{
	struct access_edit	 a;
	struct hs_file_edit	 ed = { access_plan, access_verify, &a,
	    PLIST_MAX_FILE_SIZE };
	char			 head[512];
	size_t			 len;
	int			 r;

	*out = NULL;
	memset(&a, 0, sizeof a);
	/* Which format: from the first bytes as they are now. */
	if ((r = hs_file_head(path, head, sizeof head, &len, err)) != HS_OK ||
	    (r = access_sniff(path, head, len, &a.f, err)) != HS_OK)
		return r;
	if (a.f == NULL)
		return hsts_edit(path, planner, keep, arg, flags, out, err);
	a.path = path;
	a.planner = planner;
	a.arg = arg;
	a.names = names;
	a.nnames = nnames;
	r = hs_file_edit(path, &ed, ((flags & HSTS_EDIT_DRY_RUN) ?
	    HS_FILE_DRY_RUN : 0) | ((flags & HSTS_EDIT_BACKUP) ?
	    HS_FILE_BACKUP : 0), err);
	*out = a.plan;
	return r;
}
