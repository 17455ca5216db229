/*
 * idnlib.h: the libidn2 functions host.c calls, through a table.  Where
 * configure found libidn2's file (HS_IDN2_SONAME), it is loaded with
 * dlopen when the first international host name is met: with libunistring
 * it is a tenth of what starting hstsctl costs, and ASCII host names never
 * need it.  Elsewhere the table holds the functions linked as usual.
 *
 * Include it after <idn2.h>: outside idnlib.c it renames each function
 * below to its entry in the table.
 */
#ifndef HS_IDNLIB_H
#define HS_IDNLIB_H

#include <idn2.h>

#include "util/dynlib.h"

#define HS_IDN2_FUNCS(X) \
	X(idn2_to_ascii_8z) \
	X(idn2_strerror) \
	X(idn2_free)

/* Make the table usable, loading libidn2 if that was put off.  HS_EIO
 * with a message naming the library when it cannot be loaded. */
HS_DYNLIB_TABLE(hs_idn2, HS_IDN2_FUNCS);

#ifndef HS_IDN2_LOADER
#define idn2_to_ascii_8z	(hs_idn2.idn2_to_ascii_8z)
#define idn2_strerror		(hs_idn2.idn2_strerror)
#define idn2_free		(hs_idn2.idn2_free)
#endif

#endif
