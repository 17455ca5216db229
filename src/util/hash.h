/* hash.h: one string hash for the hash tables of the readers. */
#ifndef HS_HASH_H
#define HS_HASH_H

#include <stddef.h>
#include <stdint.h>

/* FNV-1a, 64 bits, of len bytes. */
static inline uint64_t
hs_hash(const void *p, size_t len)
{
	const unsigned char	*s = p;
	uint64_t		 h = 0xcbf29ce484222325ULL;

	while (len-- > 0)
		h = (h ^ *s++) * 0x100000001b3ULL;
	return h;
}

#endif
