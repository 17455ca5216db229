/* idnlib.c: libidn2 loaded when first needed; see idnlib.h. */
#define HS_IDN2_LOADER
#include "hsts/idnlib.h"

#ifdef HS_IDN2_SONAME
HS_DYNLIB_LOADER(hs_idn2, HS_IDN2_FUNCS, HS_IDN2_SONAME, "libidn2",
    "international host names need it")
#else
HS_DYNLIB_LINKED(hs_idn2, HS_IDN2_FUNCS)
#endif
