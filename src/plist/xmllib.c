/* xmllib.c: libxml2 loaded when first needed; see xmllib.h. */
#define HS_XML_LOADER
#include "plist/xmllib.h"
#include "util/dynlib.h"

struct hs_xml	hs_xml;

#ifdef HS_LIBXML2_SONAME
int
hs_xml_load(struct hs_error *err)
{
#define HS_XML_NAME(f)	#f,
#define HS_XML_SLOT(f)	(void **)&hs_xml.f,
	static const char *const names[] = { HS_XML_FUNCS(HS_XML_NAME) };
	static void **const	 slots[] = { HS_XML_FUNCS(HS_XML_SLOT) };
	static struct hs_dynlib	 dl;

	if (hs_dynlib_open(&dl, HS_LIBXML2_SONAME, names, slots,
	    sizeof names / sizeof names[0]) == 0)
		return HS_OK;
	return hs_error_set(err, HS_EIO, "cannot load libxml2 (%s): %s; XML "
	    "property lists cannot be read without it", HS_LIBXML2_SONAME,
	    dl.why);
}
#else
int
hs_xml_load(struct hs_error *err)
{
#define HS_XML_SET(f)	hs_xml.f = f;
	HS_XML_FUNCS(HS_XML_SET)
	return HS_OK;
}
#endif
