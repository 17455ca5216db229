/* hash.c: the whole-file digest; see hash.h. */
#include <string.h>

#include "util/hash.h"

#define HS_SUM_K	0xff51afd7ed558ccdULL

void
hs_hash_sum_init(struct hs_hash_sum *s)
{
	s->lane[0] = 0x9e3779b97f4a7c15ULL;
	s->lane[1] = 0xc4ceb9fe1a85ec53ULL;
	s->lane[2] = 0x165667b19e3779f9ULL;
	s->lane[3] = 0x27d4eb2f165667c5ULL;
	s->len = 0;
	s->ntail = 0;
}

/* One 32-byte block into the four lanes. */
static void
hs_sum_block(struct hs_hash_sum *s, const unsigned char *p)
{
	uint64_t	w;
	int		i;

	for (i = 0; i < 4; i++) {
		memcpy(&w, p + 8 * i, 8);
		s->lane[i] = (s->lane[i] ^ w) * HS_SUM_K;
		s->lane[i] ^= s->lane[i] >> 29;
	}
}

void
hs_hash_sum_add(struct hs_hash_sum *s, const void *buf, size_t len)
{
	const unsigned char	*p = buf;
	size_t			 n;

	s->len += len;
	if (s->ntail > 0) {
		n = 32 - s->ntail < len ? 32 - s->ntail : len;
		memcpy(s->tail + s->ntail, p, n);
		s->ntail += n;
		p += n;
		len -= n;
		if (s->ntail < 32)
			return;
		hs_sum_block(s, s->tail);
		s->ntail = 0;
	}
	for (; len >= 32; p += 32, len -= 32)
		hs_sum_block(s, p);
	memcpy(s->tail, p, len);
	s->ntail = len;
}

uint64_t
hs_hash_sum_end(struct hs_hash_sum *s)
{
	uint64_t	h;
	int		i;

	/* The tail, zero-padded; the length tells "a" from "a\0". */
	memset(s->tail + s->ntail, 0, 32 - s->ntail);
	hs_sum_block(s, s->tail);
	h = s->len;
	for (i = 0; i < 4; i++)
		h = (h ^ s->lane[i]) * HS_SUM_K ^ (h >> 31);
	return hs_hash_bytes(&h, sizeof h);
}

uint64_t
hs_hash_digest(const void *p, size_t len)
{
	struct hs_hash_sum	s;

	hs_hash_sum_init(&s);
	hs_hash_sum_add(&s, p, len);
	return hs_hash_sum_end(&s);
}
