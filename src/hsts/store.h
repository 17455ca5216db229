/*
 * store.h: an HSTS store as a flat list of entries, the same for every
 * format; and Safari's (and every Apple client's) HSTS.plist, read from a
 * plist document into it.  The stores of other browsers are read by their
 * own modules (src/chromium, src/firefox, src/curlwget) with
 * hsts_store_new and hsts_store_add.
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

enum hsts_format {
	HSTS_FMT_APPLE,		/* an HSTS.plist (doc says binary or XML) */
	HSTS_FMT_CHROMIUM,	/* TransportSecurity (JSON, hashed hosts) */
	HSTS_FMT_FIREFOX_BIN,	/* SiteSecurityServiceState.bin */
	HSTS_FMT_FIREFOX_TXT,	/* SiteSecurityServiceState.txt */
	HSTS_FMT_CURL,		/* curl --hsts FILE */
	HSTS_FMT_WGET		/* ~/.wget-hsts */
};

/* Whether an entry forces HTTPS while it lasts. */
enum hsts_state {
	HSTS_STATE_FORCE,	/* it does */
	HSTS_STATE_OFF,		/* recorded, but not in force (Chromium mode
				   "default", Firefox state 0) */
	HSTS_STATE_KNOCKOUT	/* Firefox: a preloaded host that sent
				   max-age=0; removing it re-enables the
				   preload */
};

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
	enum hsts_state		 state;
	int			 named;		/* hashed store: norm is the
						   name hsts_store_name found */
	size_t			 at;		/* other formats: the bytes of */
	size_t			 len;		/* the file that hold it */
};

struct hsts_store {
	char			*path;
	enum hsts_format	 format;
	int			 hashed;	/* hosts are Chromium's hashes:
						   norm is the hash until named
						   (hsts_store_name) */
	struct plist_doc	*doc;		/* HSTS_FMT_APPLE only */
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

/* A store of another format, empty; NULL without memory. */
struct hsts_store *hsts_store_new(const char *, enum hsts_format);
/*
 * Add an entry: host (len bytes, copied) in session (copied once per
 * store); its normal form is worked out, with a warning when it is not a
 * host name.  Fields but host, norm, session and order are the caller's.
 * NULL without memory.
 */
struct hsts_entry *hsts_store_add(struct hsts_store *, const char *,
	    const char *, size_t);
/* A warning about the store, as the reader's own. */
void	hsts_store_warnf(struct hsts_store *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/*
 * In a hashed store, give the entries of host (normalised) and of its
 * parent domains their names.  HS_OK or HS_ENOMEM.
 */
int	hsts_store_name(struct hsts_store *, const char *);
/* "binary", "xml", "chromium", "firefox-bin", "firefox-txt", "curl", "wget" */
const char *hsts_store_format(const struct hsts_store *);

/* The host to show: as stored, or in a hashed store its name if known. */
const char *hsts_entry_label(const struct hsts_entry *);
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
