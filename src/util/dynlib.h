/*
 * dynlib.h: a shared library opened when first needed rather than at
 * start-up (dlopen), and the functions looked up in it.  Used for the
 * libraries only some commands need (plist/xmllib.h, net/ossl.h).
 */
#ifndef HS_DYNLIB_H
#define HS_DYNLIB_H

#include <stddef.h>

/* The outcome of opening one library, kept for the process. */
struct hs_dynlib {
	int	state;		/* 0 not tried, 1 opened, -1 failed */
	char	why[256];	/* when it failed */
};

/*
 * Open file once (later calls return the first outcome) and set each
 * *slots[i] to the function names[i].  0, or -1 with dl->why saying what
 * went wrong (the loader's message, or the first name not found).  Not
 * thread-safe: call before other threads need the library.
 */
int	hs_dynlib_open(struct hs_dynlib *, const char *, const char *const *,
	    void **const *, size_t);

#endif
