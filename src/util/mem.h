/*
 * mem.h: buffers the size of a whole store.
 *
 * A large store is read, validated and rewritten through a few buffers of
 * its own size; on Linux the kernel is asked to back them with huge pages,
 * so that first touching them costs a fault per 2 MB instead of per 4 KB
 * (on a virtual machine a fault can cost 10-30 us: thousands of them were
 * a third of a 200,000-entry remove).  Memory from
 * these functions is freed with free().
 */
#ifndef HS_MEM_H
#define HS_MEM_H

#include <stddef.h>

/* malloc(n), with huge pages asked for when n is large.  NULL: no memory. */
void	*hs_big_alloc(size_t);
/* calloc(n, size) the same way; NULL on overflow or no memory. */
void	*hs_big_zalloc(size_t, size_t);

#endif
