/* hash.h: one string hash for the hash tables of the readers. */
#ifndef HS_HASH_H
#define HS_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/*
 * A 64-bit hash of len bytes, eight at a time, every bit of the result
 * depending on every input bit (a multiply-xorshift finish).  For tables
 * in memory only: the value differs between byte orders.
 */
static inline uint64_t
hs_hash(const void *p, size_t len)
{
	const unsigned char	*s = p;
	uint64_t		 h = 0x9e3779b97f4a7c15ULL ^ len, w;

	for (; len >= 8; s += 8, len -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdULL;
		h ^= h >> 32;
	}
	for (w = 0; len > 0; len--)
		w = (w << 8) | s[len - 1];
	h = (h ^ w) * 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

#endif
