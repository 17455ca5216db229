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

/*
 * About n bytes of heap are about to be used (capped at 2 MB): on Linux,
 * fault them in now with one madvise(MADV_POPULATE_WRITE) per 120 KB and
 * leave them to malloc.  Where a page fault is dear (on this project's
 * benchmark machine, a virtual machine: 7-10 us a page, against under
 * 1 us a page by the range) this is most of a small command's work;
 * elsewhere it costs what the faults would have.  Nothing to free.
 */
void	 hs_mem_expect(size_t);
/* malloc(n), with huge pages asked for when n is large.  NULL: no memory. */
void	*hs_big_alloc(size_t);
/* calloc(n, size) the same way; NULL on overflow or no memory. */
void	*hs_big_zalloc(size_t, size_t);

#endif
