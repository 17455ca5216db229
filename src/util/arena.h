/*
 * arena.h: many small strings that live and die together (the host names
 * of a store's entries), copied into large blocks instead of one malloc
 * each, and freed at once.
 */
#ifndef HS_ARENA_H
#define HS_ARENA_H

#include <stddef.h>

struct hs_arena_block;

struct hs_arena {
	struct hs_arena_block	*head;		/* newest block first */
	char			*cur;		/* free space in head */
	size_t			 left;
};

#define HS_ARENA_INIT	{ NULL, NULL, 0 }

/*
 * A NUL-terminated copy of the len bytes at s, valid until hs_arena_free.
 * NULL: no memory.
 */
char	*hs_arena_strndup(struct hs_arena *, const char *, size_t);
/* Room for len bytes (not terminated), or NULL. */
char	*hs_arena_alloc(struct hs_arena *, size_t);
void	 hs_arena_free(struct hs_arena *);

#endif
