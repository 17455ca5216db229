/*
 * discover.h: where the HSTS stores of a home directory are
 * (doc/formats.md section 7).
 *
 * Since Safari 13, Safari keeps its HSTS state in its sandbox container,
 * and WebKit gives every app and every website data store (a Safari
 * profile) a store of its own; ~/Library/Cookies/HSTS.plist is CFNetwork's
 * store for other apps.  Discovery looks only where a store can be: the
 * known paths, and one level of the folders in Library/Containers,
 * Library/Caches and each WebsiteDataStore, never a walk of the whole
 * home.
 */
#ifndef HS_DISCOVER_H
#define HS_DISCOVER_H

#include <stddef.h>

#include "util/error.h"

enum store_kind {
	STORE_SAFARI,		/* Safari's default website data store */
	STORE_SAFARI_PROFILE,	/* a Safari profile's (owner: its UUID) */
	STORE_WEBKIT_APP,	/* another app's WebKit store (owner: its id) */
	STORE_WEBKIT_PROFILE,	/* an app's website data store (owner: id) */
	STORE_CFNETWORK,	/* CFNetwork's store shared by other apps */
	STORE_APP_CFNETWORK	/* a sandboxed app's own CFNetwork store */
};

struct store_found {
	enum store_kind	 kind;
	char		*path;		/* owned */
	char		*owner;		/* owned: bundle id or profile UUID,
					   or NULL */
	char		*profile;	/* owned: a data store's UUID, or NULL */
};

/*
 * Every store under home, in a fixed order (the kinds above, then path).
 * *out is a new array of *n; caller frees with store_found_free.  Missing
 * folders are not errors; HS_ENOMEM or HS_EIO (home itself unreadable).
 */
int	store_discover(const char *, struct store_found **, size_t *,
	    struct hs_error *);
void	store_found_free(struct store_found *, size_t);
/* "Safari", "Safari profile", "WebKit app", ...: the kind in words. */
const char *store_kind_name(enum store_kind);
/* "safari", "safari-profile", "webkit-app", ...: the kind for JSON. */
const char *store_kind_id(enum store_kind);
/* The process that keeps a store in memory and writes it back. */
const char *store_holder(const struct store_found *, char *, size_t);

#endif
