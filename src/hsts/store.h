/*
 * store.h: Safari's HSTS store (~/Library/Cookies/HSTS.plist), read from a
 * plist document into a flat list of entries.
 *
 * Layouts (doc/formats.md section 1):
 *  - schema 3: top-level "HSTS Store Schema Version" = 3; every other
 *    dictionary-valued top-level key is a session of host -> { "Create
 *    Time", "Expiry", "Include Subdomains", "HSTS Host" }.
 *  - schema 2 (2014): version keys inside the session; host -> bare real,
 *    whose absolute value is the expiry and whose sign says
 *    includeSubdomains (negative = yes).
 */
#ifndef HS_STORE_H
#define HS_STORE_H

#include <stddef.h>
#include <plist/plist.h>

#include "plist/plist-doc.h"
#include "plist/pval.h"
#include "util/arena.h"
#include "util/error.h"

/* Safari's default store since Safari 13, in the home. */
#define HSTS_SAFARI_STORE	"Library/Containers/com.apple.Safari/Data/" \
	"Library/Caches/WebKit/HSTS/HSTS.plist"
#define HSTS_DEFAULT_SESSION	"com.apple.CFNetwork.defaultStorageSession"

enum hsts_expiry {
	HSTS_EXPIRY_AT,		/* expires at entry->expiry */
	HSTS_EXPIRY_NEVER,	/* +infinity (or 2^63): preloaded */
	HSTS_EXPIRY_UNKNOWN	/* missing or unreadable; see warnings */
};

struct hsts_entry {
	char			*host;		/* the key as stored (in the
						   store's text arena) */
	char			*norm;		/* normalised (host.h); may be
						   host itself */
	const char		*session;	/* borrowed from the store */
	int			 include_subdomains;
	int			 has_created;
	double			 created;	/* CFAbsoluteTime */
	enum hsts_expiry	 expiry_kind;
	double			 expiry;	/* CFAbsoluteTime */
	size_t			 order;		/* position in the file */
};

struct hsts_store {
	char			*path;
	struct plist_doc	*doc;
	int			 owns_doc;
	long			 schema;	/* 0 when absent */
	long			 content_version; /* -1 when absent */
	char			**sessions;
	size_t			 nsessions;
	struct hsts_entry	*entries;
	size_t			 nentries;
	size_t			 ntotal;	/* entries in the file, kept
						   or not (hsts_store_view_some) */
	struct hs_arena		 text;		/* the entries' hosts */
	char			**warnings;	/* things read past */
	size_t			 nwarnings;
};

/*
 * Read the store at path.  *out is a new store, caller frees with
 * hsts_store_free; problems that do not stop reading are in its warnings.
 */
int	hsts_store_read(const char *, struct hsts_store **, struct hs_error *);
/* Interpret an already parsed document (taken over by the store). */
int	hsts_store_from_doc(const char *, struct plist_doc *,
	    struct hsts_store **, struct hs_error *);
/* The same, borrowing the document, which must outlive the store. */
int	hsts_store_view(const char *, struct plist_doc *, struct hsts_store **,
	    struct hs_error *);
/*
 * A view keeping only the entries whose normalised host keep() accepts;
 * the others are counted in ntotal and not read further.  For an edit
 * that touches a few hosts of a large store: the entries read are what
 * costs.
 */
typedef int (*hsts_keep_fn)(const char *, void *);
int	hsts_store_view_some(const char *, struct plist_doc *, hsts_keep_fn,
	    void *, struct hsts_store **, struct hs_error *);
void	hsts_store_free(struct hsts_store *);

int	hsts_entry_preloaded(const struct hsts_entry *);
/* A session's own bookkeeping key ("HSTS Store Schema Version"...)? */
int	hsts_is_meta_key(const char *);
/* Would the reader take this session value as an entry? */
#define HSTS_ENTRY_TYPE(t) \
	((t) == PVAL_DICT || (t) == PVAL_REAL || (t) == PVAL_INT)
/*
 * The entries for host (normalised) and its parent domains, the host's
 * own first, then parents from the closest.  v holds st->nentries
 * pointers; returns how many were filled.
 */
size_t	hsts_store_match(const struct hsts_store *, const char *,
	    struct hsts_entry **);
/* Does entry e (from hsts_store_match) force HTTPS on host at now? */
int	hsts_entry_applies(const struct hsts_entry *, const char *, double);
/* Has the entry expired at CFAbsoluteTime now? */
int	hsts_entry_expired(const struct hsts_entry *, double);

#endif
