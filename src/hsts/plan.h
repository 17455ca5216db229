/*
 * edit.h: changing an HSTS store: plans (what remove, add and prune would
 * do) and the one transaction that carries a plan out safely.
 */
#ifndef HS_HSTS_EDIT_H
#define HS_HSTS_EDIT_H

#include <stddef.h>

#include "hsts/store.h"
#include "plist/plist-edit.h"

enum hsts_verb { HSTS_REMOVE, HSTS_ADD, HSTS_REPLACE };

/* An entry's values, before or after a change (for previews). */
struct hsts_values {
	int			set;		/* there is one */
	int			include_subdomains;
	int			has_created;
	double			created;	/* CFAbsoluteTime */
	enum hsts_expiry	expiry_kind;
	double			expiry;
};

struct hsts_change {
	enum hsts_verb	 verb;
	char		*host;		/* owned */
	char		*session;	/* owned */
	int		 preloaded;	/* the entry removed was preloaded */
	struct hsts_values old;		/* remove, replace */
	struct hsts_values new;		/* add, replace */
};

/* A new entry's value: a dictionary (schema 3) or a bare real (schema 2). */
struct hsts_value {
	struct pv	 value;
	struct pv_pair	 pairs[4];
};

struct hsts_plan {
	struct plist_edit	 *edits;
	size_t			  nedits;
	struct hsts_change	 *changes;
	size_t			  nchanges;
	char			**notes;	/* sentences for the user */
	size_t			  nnotes;
	char			**parents;	/* normalised parents that still */
	size_t			  nparents;	/* force HTTPS after a remove */
	size_t			 *missed;	/* hosts asked for, not found: */
	size_t			  missing;	/* their indexes, and how many */
	long			  delta;	/* entries added - removed */
	struct hsts_value	**values;
	size_t			  nvalues;
	char			**strings;	/* what the edits point to */
	size_t			  nstrings;
	char			**paths;	/* one session name per edit */
};

/* Plan removing hosts (normalised); subdomains: every entry below too. */
int	hsts_plan_remove(const struct hsts_store *, char *const *, size_t, int,
	    double, struct hsts_plan *, struct hs_error *);
/*
 * Does hsts_plan_remove(hosts, n, subdomains) look at an entry for norm
 * (the host itself, a parent that may still force HTTPS on it, or with
 * subdomains a subdomain)?  A keep function for hsts_store_view_some.
 */
int	hsts_remove_wants(const char *, char *const *, size_t, int);
/* Plan adding host (normalised) as Safari would at now. */
int	hsts_plan_add(const struct hsts_store *, const char *, long long, int,
	    double, struct hsts_plan *, struct hs_error *);
/* Plan removing every dynamic entry that expired before now. */
int	hsts_plan_prune(const struct hsts_store *, double, struct hsts_plan *,
	    struct hs_error *);

#define HSTS_EDIT_DRY_RUN	0x1
#define HSTS_EDIT_BACKUP	0x2	/* keep the old file as FILE.bak */

typedef int (*hsts_planner)(const struct hsts_store *, struct hsts_plan *,
    void *, struct hs_error *);

/*
 * Lock the store at path, read it, plan, and (unless HSTS_EDIT_DRY_RUN or
 * the plan is empty) write the result atomically after checking it reads
 * back as planned and that nobody changed the file meanwhile.  *out is
 * the plan, for reporting; caller frees it with hsts_plan_free, also on
 * error (it may be NULL).
 */
/*
 * Carry out what planner(store, plan, arg) plans on the store at path.
 * keep, when not NULL, says which entries the planner needs to see (see
 * hsts_store_view_some); NULL reads them all.
 */
int	hsts_edit(const char *, hsts_planner, hsts_keep_fn, void *, int,
	    struct hsts_plan **, struct hs_error *);
void	hsts_plan_free(struct hsts_plan *);

#endif
