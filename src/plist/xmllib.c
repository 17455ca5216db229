/* xmllib.c: libxml2 loaded when first needed; see xmllib.h. */
#define HS_XML_LOADER
#include "plist/xmllib.h"

#ifdef HS_LIBXML2_SONAME
HS_DYNLIB_LOADER(hs_xml, HS_XML_FUNCS, HS_LIBXML2_SONAME, "libxml2",
    "XML property lists cannot be read without it")
#else
HS_DYNLIB_LINKED(hs_xml, HS_XML_FUNCS)
#endif
