/*
 * access.h: any HSTS store, whatever its format: reading it into the one
 * entry list (hsts/store.h), and changing it as one safe transaction.
 * The format is known from the content (and the name): Apple's plists,
 * Chromium's TransportSecurity, Firefox's SiteSecurityServiceState, curl's
 * and wget's caches.
 */
#ifndef HS_ACCESS_H
#define HS_ACCESS_H

#include <stddef.h>

#include "hsts/plan.h"
#include "hsts/store.h"

/*
 * Read the store at path.  *out is new; free with hsts_store_free.
 * HS_EFORMAT says what is wrong, and where.
 */
int	store_read(const char *, struct hsts_store **, struct hs_error *);
/*
 * The same for bytes read already (fuzzing, tests): path names the file
 * (its name can tell the format).
 */
int	store_parse(const char *, const char *, size_t, struct hsts_store **,
	    struct hs_error *);
/*
 * The bytes of a store of another format than Apple's without the entries
 * drop marks (one flag per entry of st, read from buf).  *out is new.
 */
int	store_drop(const struct hsts_store *, const char *, size_t,
	    const unsigned char *, char **, size_t *, struct hs_error *);
/*
 * Carry out what planner plans on the store at path, as hsts_edit does
 * for Apple's plists (which it is, for those).  For the other formats a
 * plan may only remove entries: the lines, elements or slots that held
 * them go, every other byte stays.  names: hosts to name in a hashed
 * store (Chromium) before planning.  *out is the plan; free with
 * hsts_plan_free, also on error.
 */
int	store_edit(const char *, hsts_planner, hsts_keep_fn, void *,
	    char *const *, size_t, int, struct hsts_plan **,
	    struct hs_error *);

#endif
