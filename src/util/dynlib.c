/* dynlib.c: libraries opened when first needed; see dynlib.h. */
#include <stdio.h>
#include <string.h>

#include "util/dynlib.h"

/* Defined by configure when a library is put off (m4/hs_lazy.m4). */
#ifdef HS_DYNLIB_LOADS
#include <dlfcn.h>

int
hs_dynlib_open(struct hs_dynlib *dl, const char *file,
    const char *const *names, void *table, size_t n)
{
	const char	*e;
	void		*h, *f;
	size_t		 i;

	if (dl->state != 0)
		return dl->state == 1 ? 0 : -1;
	dl->state = -1;
	if ((h = dlopen(file, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		e = dlerror();
		snprintf(dl->why, sizeof dl->why, "%s", e ? e : "not found");
		return -1;
	}
	/* POSIX: what dlsym gives converts to a function pointer. */
	for (i = 0; i < n; i++) {
		if ((f = dlsym(h, names[i])) == NULL) {
			snprintf(dl->why, sizeof dl->why, "it has no %s",
			    names[i]);
			return -1;
		}
		memcpy((char *)table + i * sizeof f, &f, sizeof f);
	}
	dl->state = 1;
	return 0;
}
#else
int
hs_dynlib_open(struct hs_dynlib *dl, const char *file,
    const char *const *names, void *table, size_t n)
{
	snprintf(dl->why, sizeof dl->why, "this build cannot load libraries");
	return -1;
}
#endif
