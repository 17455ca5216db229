/*
 * settings-remove.h: removing trust settings for a host or a certificate
 * with the editing engine (plist-txn.h), never widening trust: when the
 * constraints for a host are all a record has, the whole record goes,
 * since a record left with none would trust its certificate for
 * everything.
 */
#ifndef HS_TRUST_SETTINGS_REMOVE_H
#define HS_TRUST_SETTINGS_REMOVE_H

#include <stddef.h>

#include "plist/plist-txn.h"
#include "trust/settings.h"

/* What goes from one record. */
struct tset_change {
	char		*key;		/* owned: the record's key */
	const char	*path[2];	/* "trustList", key */
	int		 whole;		/* the record goes */
	size_t		 nuses;		/* constraints it had */
	size_t		 nitems;	/* constraints that go (not whole) */
};

struct tset_plan {
	struct tset_change	*ch;		/* owned */
	size_t			 nch;
	struct plist_edit	*edits;		/* owned; point into ch */
	size_t			 nedits;
	size_t			 nrecs;		/* records before */
};

/* What to remove. */
struct tset_target {
	const char		*host;		/* its constraints (normalised), */
	const char		*cert;		/* or this SHA-1's record */
	const char *const	*spare;		/* SHA-1s whose records stay */
	size_t			 nspare;
};

/*
 * Remove the target from the trust-settings file at path.  flags as for
 * plist_txn_run.  *out is the plan, for reporting; free it with
 * tset_plan_free, also on error (it may be NULL).
 */
int	tset_remove(const char *, const struct tset_target *, int,
	    struct tset_plan **, struct hs_error *);
/* Plan the same on a set read already (tests, fuzzing). */
int	tset_plan(const struct tset *, const struct tset_target *,
	    struct tset_plan *, struct hs_error *);
void	tset_plan_free(struct tset_plan *);

#endif
