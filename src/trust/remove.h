/*
 * remove.h: removing trust exceptions from a store by host, network
 * identifier or leaf SHA-1, with the editing engine (plist-edit.h).
 */
#ifndef HS_TRUST_REMOVE_H
#define HS_TRUST_REMOVE_H

#include <stddef.h>

#include "plist/plist-txn.h"
#include "trust/locate.h"

struct texc_plan {
	struct texc_found	 *found;	/* every blob in the store */
	size_t			  nfound;
	size_t			 *matched;	/* indexes into found */
	size_t			  nmatched;
	size_t			 *skipped;	/* matched, but inside arrays */
	size_t			  nskipped;
	struct plist_edit	 *edits;		/* point into found */
	size_t			  nedits;
};

/*
 * Does blob f belong to target: a leaf SHA-1 (40 hex digits), or a host
 * or network identifier (compared as host names)?
 */
int	texc_matches(const struct texc_found *, const char *);
/*
 * Remove every blob of target from the store at path (flags as for
 * plist_txn_run).  *out is the plan, for reporting; caller frees it with
 * texc_plan_free, also on error (it may be NULL).
 */
int	texc_remove(const char *, const char *, int, struct texc_plan **,
	    struct hs_error *);
void	texc_plan_free(struct texc_plan *);

#endif
