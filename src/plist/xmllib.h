/*
 * xmllib.h: the libxml2 functions the XML reader (xmlplist.c) calls,
 * through a table.  Where configure found libxml2's file name
 * (HS_LIBXML2_SONAME), libxml2 is loaded with dlopen when the first XML
 * document is read, not when hstsctl starts: with ICU and the C++ runtime
 * it pulls in, it is about half of what starting hstsctl costs
 * (doc/PERFORMANCE.md), and binary stores, which Safari writes, never
 * need it.  Elsewhere the table holds the functions linked in the usual
 * way.
 *
 * Include it after the libxml2 headers: outside xmllib.c it renames each
 * function below to its entry in the table.  A function the reader starts
 * to use must be added to HS_XML_FUNCS (the link fails until it is).
 */
#ifndef HS_XMLLIB_H
#define HS_XMLLIB_H

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "util/dynlib.h"

#define HS_XML_FUNCS(X) \
	X(xmlCreatePushParserCtxt) \
	X(xmlParseChunk) \
	X(xmlStopParser) \
	X(xmlFreeParserCtxt) \
	X(xmlCtxtUseOptions) \
	X(xmlSwitchEncoding) \
	X(xmlSetGenericErrorFunc) \
	X(xmlFreeDoc)

/*
 * Make the table usable: load libxml2 if that was put off.  Once per
 * process (not thread-safe: documents are read by one thread).  HS_EIO
 * with a message naming the library when it cannot be loaded.
 */
HS_DYNLIB_TABLE(hs_xml, HS_XML_FUNCS);

#ifndef HS_XML_LOADER
#define xmlCreatePushParserCtxt	(hs_xml.xmlCreatePushParserCtxt)
#define xmlParseChunk		(hs_xml.xmlParseChunk)
#define xmlStopParser		(hs_xml.xmlStopParser)
#define xmlFreeParserCtxt	(hs_xml.xmlFreeParserCtxt)
#define xmlCtxtUseOptions	(hs_xml.xmlCtxtUseOptions)
#define xmlSwitchEncoding	(hs_xml.xmlSwitchEncoding)
#define xmlSetGenericErrorFunc	(hs_xml.xmlSetGenericErrorFunc)
#define xmlFreeDoc		(hs_xml.xmlFreeDoc)
#endif

#endif
