/* jsonlib.c: json-c loaded when first needed; see jsonlib.h. */
#define HS_JSONC_LOADER
#include "cli/jsonlib.h"

#ifdef HS_JSONC_SONAME
HS_DYNLIB_LOADER(hs_jsonc, HS_JSONC_FUNCS, HS_JSONC_SONAME, "json-c",
    "--json needs it")
#else
HS_DYNLIB_LINKED(hs_jsonc, HS_JSONC_FUNCS)
#endif
