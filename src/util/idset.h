/*
 * idset.h: a set of 64-bit numbers, filled, sealed once (sorted), then
 * asked.  The readers keep in one the dictionary keys a later copy of the
 * same key hides (CoreFoundation keeps the last of equal keys).
 */
#ifndef HS_IDSET_H
#define HS_IDSET_H

#include <stddef.h>
#include <stdint.h>

struct hs_idset {
	uint64_t	*v;		/* owned */
	size_t		 n;
	size_t		 cap;
};

/* Add id (before hs_idset_seal).  HS_OK or HS_ENOMEM. */
int	hs_idset_add(struct hs_idset *, uint64_t);
/* Sort what was added, for hs_idset_has. */
void	hs_idset_seal(struct hs_idset *);
/* Is id in the sealed set?  An empty set answers at once. */
int	hs_idset_has(const struct hs_idset *, uint64_t);
void	hs_idset_free(struct hs_idset *);

#endif
