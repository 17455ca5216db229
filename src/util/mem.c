/* mem.c: buffers the size of a whole store; see mem.h. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "util/mem.h"

#define HS_HUGE_PAGE	((uintptr_t)2 << 20)

/*
 * Ask for huge pages for the whole 2 MB pages inside [p, p + n).  Only
 * advice: where the kernel has none to give, or the pages were touched
 * before, nothing changes.
 */
static void
hs_big_advise(void *p, size_t n)
{
#ifdef MADV_HUGEPAGE
	uintptr_t	lo, hi;

	lo = ((uintptr_t)p + HS_HUGE_PAGE - 1) & ~(HS_HUGE_PAGE - 1);
	hi = ((uintptr_t)p + n) & ~(HS_HUGE_PAGE - 1);
	if (hi > lo)
		(void)madvise((void *)lo, hi - lo, MADV_HUGEPAGE);
#else
	(void)p;
	(void)n;
#endif
}

void *
hs_big_alloc(size_t n)
{
	void	*p;

	if ((p = malloc(n)) != NULL && n >= 2 * HS_HUGE_PAGE)
		hs_big_advise(p, n);
	return p;
}

void *
hs_big_zalloc(size_t n, size_t size)
{
	void	*p;

	if (size != 0 && n > SIZE_MAX / size)
		return NULL;
	if ((p = hs_big_alloc(n * size)) != NULL)
		memset(p, 0, n * size);
	return p;
}
