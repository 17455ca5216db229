/* plistlib.c: libplist loaded when first needed; see plistlib.h. */
#define HS_PLIST_LOADER
#include "plist/plistlib.h"

#ifdef HS_LIBPLIST_SONAME
HS_DYNLIB_LOADER(hs_plist, HS_PLIST_FUNCS, HS_LIBPLIST_SONAME, "libplist",
    "trust-exception files cannot be read without it")
#else
HS_DYNLIB_LINKED(hs_plist, HS_PLIST_FUNCS)
#endif
