/*
 * discover.h: where the HSTS stores of a home directory are, and what a
 * store at a given path is (doc/formats.md section 7).
 *
 * Since Safari 13, Safari keeps its HSTS state in its sandbox container,
 * and WebKit gives every app and every website data store (a Safari
 * profile) a store of its own; ~/Library/Cookies/HSTS.plist is CFNetwork's
 * store for other apps.  One table of places says where a store can be;
 * discovery expands it (one folder level at each '*', never a walk of the
 * whole home) and store_classify matches a path against it.
 */
#ifndef HS_DISCOVER_H
#define HS_DISCOVER_H

#include <stddef.h>

#include "util/error.h"

enum store_kind {
	STORE_SAFARI,		/* Safari's default website data store */
	STORE_SAFARI_PROFILE,	/* a Safari profile's (profile: its UUID) */
	STORE_WEBKIT_APP,	/* another app's WebKit store (owner: its id) */
	STORE_WEBKIT_PROFILE,	/* an app's website data store (owner: id) */
	STORE_CFNETWORK,	/* CFNetwork's store shared by other apps */
	STORE_APP_CFNETWORK,	/* a sandboxed app's own CFNetwork store */
	STORE_CHROMIUM,		/* a Chromium browser's profile (owner: the
				   browser, profile: the profile folder) */
	STORE_ELECTRON,		/* an Electron app's (owner: the app) */
	STORE_FIREFOX,		/* a Firefox-family profile's (owner: the
				   app, profile: its name) */
	STORE_WGET,		/* ~/.wget-hsts */
	STORE_FILE		/* a file at none of those places */
};

struct store_found {
	enum store_kind	 kind;
	char		*path;		/* owned */
	char		*owner;		/* owned: bundle id, or NULL */
	char		*profile;	/* owned: a data store's UUID, or NULL */
};

/*
 * Every store under home, in a fixed order (the kinds above, then path).
 * *out is a new array of *n; caller frees with store_found_free.  Missing
 * folders are not errors; HS_ENOMEM or HS_EIO (home itself unreadable).
 */
int	store_discover(const char *, struct store_found **, size_t *,
	    struct hs_error *);
/*
 * What the store at path is, from the path alone: *out gets a copy of
 * path and, when it is at one of the places above, its kind and owner
 * (else STORE_FILE).  Free with store_found_clear.  HS_ENOMEM.
 */
int	store_classify(const char *, struct store_found *, struct hs_error *);
void	store_found_clear(struct store_found *);
void	store_found_free(struct store_found *, size_t);
/* "Safari", "Safari profile", "WebKit app", ...: the kind in words. */
const char *store_kind_name(enum store_kind);
/* "safari", "safari-profile", "webkit-app", ...: the kind for JSON. */
const char *store_kind_id(enum store_kind);
/* Does Safari read this store? */
int	store_safari_reads(const struct store_found *);

#endif
