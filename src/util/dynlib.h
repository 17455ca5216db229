/*
 * dynlib.h: a shared library opened when first needed rather than at
 * start-up (dlopen), and the functions looked up in it.  Used for the
 * libraries only some commands need (plist/xmllib.h, plist/plistlib.h,
 * net/ossl.h, hsts/idnlib.h, cli/jsonlib.h).
 */
#ifndef HS_DYNLIB_H
#define HS_DYNLIB_H

#include <stddef.h>

#include "util/error.h"

/* The outcome of opening one library, kept for the process. */
struct hs_dynlib {
	int	state;		/* 0 not tried, 1 opened, -1 failed */
	char	why[256];	/* when it failed */
};

/*
 * Open file once (later calls return the first outcome) and fill table,
 * n function pointers in a row, with the functions names[0..n-1].  0, or
 * -1 with dl->why saying what went wrong (the loader's message, or the
 * first name not found).  Not thread-safe: call before other threads need
 * the library.
 */
int	hs_dynlib_open(struct hs_dynlib *, const char *, const char *const *,
	    void *, size_t);

/*
 * A library's table: given the list of its functions as an X-macro,
 *
 *	#define HS_FOO_FUNCS(X) X(foo_open) X(foo_close)
 *	HS_DYNLIB_TABLE(hs_foo, HS_FOO_FUNCS);
 *
 * declares struct hs_foo (a pointer per function, typed like it), the
 * table hs_foo and int hs_foo_load(struct hs_error *).  In one file,
 * HS_DYNLIB_LOADER(hs_foo, HS_FOO_FUNCS, FILE, "libfoo", "what needs it")
 * defines them to open FILE when first called, or, where the library is
 * linked, HS_DYNLIB_LINKED(hs_foo, HS_FOO_FUNCS) to fill the table with
 * the linked functions.  The header then renames each function to its
 * entry, except in that file.
 */
#define HS_DYNLIB_FIELD(f)	__typeof__(&f) f;
#define HS_DYNLIB_NAME(f)	#f,
#define HS_DYNLIB_SET(f)	t->f = f;

#define HS_DYNLIB_TABLE(tag, FUNCS)					\
	struct tag { FUNCS(HS_DYNLIB_FIELD) };				\
	extern struct tag tag;						\
	int tag##_load(struct hs_error *)

#define HS_DYNLIB_LOADER(tag, FUNCS, file, lib, need)			\
	struct tag tag;							\
	int								\
	tag##_load(struct hs_error *err)				\
	{								\
		static const char *const names[] = { FUNCS(HS_DYNLIB_NAME) }; \
		static struct hs_dynlib	 dl;				\
									\
		_Static_assert(sizeof(struct tag) == sizeof names /	\
		    sizeof names[0] * sizeof(void *), #tag		\
		    ": one function pointer per name");			\
		if (hs_dynlib_open(&dl, file, names, &tag,		\
		    sizeof names / sizeof names[0]) == 0)		\
			return HS_OK;					\
		return hs_error_set(err, HS_EIO, "cannot load %s (%s): "	\
		    "%s; %s", lib, file, dl.why, need);			\
	}

#define HS_DYNLIB_LINKED(tag, FUNCS)					\
	struct tag tag;							\
	int								\
	tag##_load(struct hs_error *err)				\
	{								\
		struct tag	*t = &tag;				\
									\
		(void)err;						\
		FUNCS(HS_DYNLIB_SET)					\
		return HS_OK;						\
	}

#endif
