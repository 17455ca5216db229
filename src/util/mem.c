/* mem.c: buffers the size of a whole store; see mem.h. */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#ifdef HAVE_MALLOC_H
#include <malloc.h>
#endif
#include <string.h>
#include <sys/mman.h>

#include "util/mem.h"

#define HS_HUGE_PAGE	((uintptr_t)2 << 20)

/*
 * Buffers of at least this size are placed on 2 MB boundaries and rounded
 * up to whole 2 MB pages, so that every page of them can be a huge page:
 * at most 2 MB of address space more, never touched, for a fault per 2 MB.
 */
#define HS_BIG_MIN	((size_t)256 << 10)

/*
 * glibc serves a large request from memory a freed one left behind once it
 * has seen one freed (its mmap threshold grows): pages first touched then
 * come 4 KB at a time.  Fix the threshold so large buffers always get
 * fresh memory, which can be all huge pages.
 */
static void
hs_big_setup(void)
{
#ifdef M_MMAP_THRESHOLD
	static int	done;

	if (!done) {
		(void)mallopt(M_MMAP_THRESHOLD, (int)HS_BIG_MIN);
		/* Freed memory stays for reuse (hs_mem_expect). */
		(void)mallopt(M_TRIM_THRESHOLD, INT_MAX);
	}
	done = 1;
#endif
}

/*
 * Memory is handed out by malloc in pieces smaller than any mmap threshold
 * glibc may have, so that they come from its heap; given back, they join
 * the heap's top, which is kept (M_TRIM_THRESHOLD), for what comes next.
 */
#define HS_EXPECT_PIECE	((size_t)120 << 10)
#define HS_EXPECT_MAX	((size_t)2 << 20)

void
hs_mem_expect(size_t n)
{
#if defined(MADV_POPULATE_WRITE) && defined(M_TRIM_THRESHOLD)
	void		*piece[HS_EXPECT_MAX / HS_EXPECT_PIECE + 1];
	uintptr_t	 lo, hi;
	size_t		 k = 0, one;

	hs_big_setup();
	if (n > HS_EXPECT_MAX)
		n = HS_EXPECT_MAX;
	for (; n > 0; n -= one) {
		one = n < HS_EXPECT_PIECE ? n : HS_EXPECT_PIECE;
		if ((piece[k] = malloc(one)) == NULL)
			break;
		lo = ((uintptr_t)piece[k] + 4095) & ~(uintptr_t)4095;
		hi = ((uintptr_t)piece[k++] + one) & ~(uintptr_t)4095;
		/* A kernel before 5.14 does not know the advice: stop. */
		if (hi > lo && madvise((void *)lo, hi - lo,
		    MADV_POPULATE_WRITE) == -1)
			break;
	}
	/* The last first, so that each joins the top as it is freed. */
	while (k > 0)
		free(piece[--k]);
#else
	(void)n;
#endif
}

void *
hs_big_alloc(size_t n)
{
	void	*p;
	size_t	 whole;

	hs_big_setup();
	if (n < HS_BIG_MIN || n > SIZE_MAX - HS_HUGE_PAGE)
		return malloc(n);
	whole = (n + HS_HUGE_PAGE - 1) & ~(HS_HUGE_PAGE - 1);
	if (posix_memalign(&p, HS_HUGE_PAGE, whole) != 0)
		return NULL;
#ifdef MADV_HUGEPAGE
	/* Only advice: where the kernel has none to give, nothing changes. */
	(void)madvise(p, whole, MADV_HUGEPAGE);
#endif
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
