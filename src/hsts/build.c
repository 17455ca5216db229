/*
 * build.c: stores of other formats, built entry by entry by their readers,
 * and the names of a hashed store's entries; see store.h.
 */
#include <stdlib.h>
#include <string.h>

#include "hsts/host.h"
#include "hsts/store.h"

struct hsts_store *
hsts_store_new(const char *path, enum hsts_format fmt)
{
	struct hsts_store	*st;

	if ((st = calloc(1, sizeof *st)) == NULL)
		return NULL;
	if ((st->path = strdup(path)) == NULL) {
		free(st);
		return NULL;
	}
	st->format = fmt;
	st->hashed = fmt == HSTS_FMT_CHROMIUM;
	st->content_version = -1;
	return st;
}

/* The store's copy of session, added the first time. */
static const char *
build_session(struct hsts_store *st, const char *s)
{
	char	**ns, *copy;
	size_t	  i;

	for (i = 0; i < st->nsessions; i++)
		if (strcmp(st->sessions[i], s) == 0)
			return st->sessions[i];
	if ((copy = strdup(s)) == NULL || (ns = realloc(st->sessions,
	    (st->nsessions + 1) * sizeof *ns)) == NULL) {
		free(copy);
		return NULL;
	}
	st->sessions = ns;
	st->sessions[st->nsessions++] = copy;
	return copy;
}

struct hsts_entry *
hsts_store_add(struct hsts_store *st, const char *session, const char *host,
    size_t len)
{
	struct hsts_entry	*e, *ne;
	struct hs_error		 err;
	const char		*ses;
	char			*copy, *norm = NULL;
	size_t			 n = st->nentries;

	/* Grow at powers of two. */
	if ((n == 0 || (n & (n - 1)) == 0) && (ne = realloc(st->entries,
	    (n ? 2 * n : 16) * sizeof *ne)) == NULL)
		return NULL;
	else if (n == 0 || (n & (n - 1)) == 0)
		st->entries = ne;
	if ((ses = build_session(st, session)) == NULL ||
	    (copy = hs_arena_strndup(&st->text, host, len)) == NULL)
		return NULL;
	hs_error_init(&err);
	if (!st->hashed && !host_is_normal(copy)) {
		if (host_normalise(copy, &norm, &err) == HS_ENOMEM)
			return NULL;
		if (norm == NULL)
			hsts_store_warnf(st, "%s: %s; matched as written", copy,
			    err.msg);
	}
	e = &st->entries[st->nentries];
	memset(e, 0, sizeof *e);
	e->host = copy;
	e->norm = norm != NULL ? norm : copy;
	e->session = ses;
	e->order = st->nentries++;
	st->ntotal = st->nentries;
	return e;
}

int
hsts_store_name(struct hsts_store *st, const char *host)
{
	char		 hash[HOST_HASH_LEN + 1], *name;
	const char	*p;
	size_t		 i;

	if (!st->hashed)
		return HS_OK;
	for (p = host; p != NULL; p = (p = strchr(p, '.')) ? p + 1 : NULL) {
		if (host_hash(p, hash) != 0)
			continue;
		for (i = 0; i < st->nentries; i++) {
			if (strcmp(st->entries[i].host, hash) != 0 ||
			    st->entries[i].norm != st->entries[i].host)
				continue;
			if ((name = strdup(p)) == NULL)
				return HS_ENOMEM;
			st->entries[i].norm = name;
			st->entries[i].named = 1;
		}
	}
	return HS_OK;
}

const char *
hsts_entry_label(const struct hsts_entry *e)
{
	return e->named ? e->norm : e->host;
}

const char *
hsts_store_format(const struct hsts_store *st)
{
	static const char *const names[] = { NULL, "chromium", "firefox-bin",
	    "firefox-txt", "curl", "wget" };

	if (st->format == HSTS_FMT_APPLE)
		return plist_format_name(st->doc->format);
	return names[st->format];
}
