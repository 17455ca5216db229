/* arena.c: strings in large blocks; see arena.h. */
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"

/* Most blocks; a larger request gets a block of its own size. */
#define HS_ARENA_BLOCK	(256 * 1024)

struct hs_arena_block {
	struct hs_arena_block	*next;
	char			 bytes[];
};

char *
hs_arena_alloc(struct hs_arena *a, size_t len)
{
	struct hs_arena_block	*b;
	size_t			 size;
	char			*p;

	if (len > a->left) {
		size = len > HS_ARENA_BLOCK ? len : HS_ARENA_BLOCK;
		if (size > (size_t)-1 - sizeof *b ||
		    (b = malloc(sizeof *b + size)) == NULL)
			return NULL;
		b->next = a->head;
		a->head = b;
		a->cur = b->bytes;
		a->left = size;
	}
	p = a->cur;
	a->cur += len;
	a->left -= len;
	return p;
}

char *
hs_arena_strndup(struct hs_arena *a, const char *s, size_t len)
{
	char	*p;

	if (len == (size_t)-1 || (p = hs_arena_alloc(a, len + 1)) == NULL)
		return NULL;
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

void
hs_arena_free(struct hs_arena *a)
{
	struct hs_arena_block	*b, *next;

	for (b = a->head; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	a->head = NULL;
	a->cur = NULL;
	a->left = 0;
}
