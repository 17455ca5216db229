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
hs_hash_bytes(const void *p, size_t len)
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

/*
 * A 64-bit digest of a whole file, fed in pieces of any size: four lanes
 * of eight bytes (a few GB/s).  Tells "the file is still what was read"
 * without keeping what was read; not a defence against forgery.
 */
struct hs_hash_sum {
	uint64_t	 lane[4];
	uint64_t	 len;
	unsigned char	 tail[32];
	size_t		 ntail;
};

void		hs_hash_sum_init(struct hs_hash_sum *);
void		hs_hash_sum_add(struct hs_hash_sum *, const void *, size_t);
uint64_t	hs_hash_sum_end(struct hs_hash_sum *);
/* The digest of len bytes at p. */
uint64_t	hs_hash_digest(const void *, size_t);

#endif
