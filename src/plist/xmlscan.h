/*
 * xmlscan.h: a tokenizer for the XML that property-list writers produce,
 * so that reading an XML store need not load libxml2 (with ICU and the
 * C++ runtime, half of a small command's time).
 *
 * It knows a strict subset of XML 1.0: UTF-8, an optional byte-order
 * mark, XML declaration, DOCTYPE without internal subset and comments;
 * elements with ASCII names and attributes; text with the five
 * predefined entities and character references.  It reports start tags,
 * end tags and text through callbacks, as libxml2's SAX parser does, with
 * byte offsets.  Anything else (a CDATA section, a processing instruction,
 * a carriage return, another entity, any error) makes it answer
 * XMLSCAN_UNSURE, and the caller (xmlplist.c) reads the document again
 * with libxml2, which accepts or rejects it with its own message.  So the
 * scanner never decides that a document is bad, only that it is plainly
 * good.
 */
#ifndef HS_XMLSCAN_H
#define HS_XMLSCAN_H

#include <stddef.h>

/* Elements nested deeper than this are left to libxml2 (its limit: 256). */
#define XMLSCAN_MAX_DEPTH	200
/* So are names longer than this, and runs of text longer than this. */
#define XMLSCAN_MAX_NAME	63
#define XMLSCAN_MAX_TEXT	((size_t)1 << 20)

/* Each callback returns nonzero to stop the scan (it has given up). */
struct xmlscan_ops {
	/* A start tag, its '<' at pos; name is NUL-terminated. */
	int	(*start)(void *, const char *, size_t);
	/* The end of the innermost element (an empty-element tag has both). */
	int	(*end)(void *);
	/* Text in an element, entities replaced; one run may come in parts. */
	int	(*text)(void *, const char *, size_t);
};

enum xmlscan_result {
	XMLSCAN_OK,		/* well-formed; every event delivered */
	XMLSCAN_STOPPED,	/* a callback stopped it */
	XMLSCAN_UNSURE		/* outside the subset: ask libxml2 */
};

enum xmlscan_result	xmlscan_run(const char *, size_t,
			    const struct xmlscan_ops *, void *);

#endif
