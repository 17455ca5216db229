/*
 * plist-doc.h: a property list read from a file, binary or XML.
 *
 * A document is read into our own read-only form (binary: the validated
 * object table, bplist.h; XML: a compact tree, xmlplist.h), which pval.h
 * reads.  libplist's tree (plist_t) is built only when asked for; beside
 * it the document keeps what libplist 2.2 cannot say about a node
 * (srcmap.h).
 */
#ifndef HS_PLIST_DOC_H
#define HS_PLIST_DOC_H

#include <stddef.h>
#include <sys/stat.h>
#include <plist/plist.h>

#include "plist/bplist.h"
#include "plist/srcmap.h"
#include "plist/xtree.h"
#include "util/error.h"
#include "util/lines.h"

/* Largest file read; a million-entry HSTS store is about 80 MB. */
#define PLIST_MAX_FILE_SIZE	((size_t)256 << 20)

enum plist_format {
	PLIST_FORMAT_BINARY = 1,
	PLIST_FORMAT_XML
};

struct plist_doc {
	plist_t			 root;		/* owned; binary: built by the
						   first plist_doc_root() */
	struct bplist		 bp;		/* binary: the validated table */
	struct xtree		 xt;		/* XML: the compact tree */
	enum plist_format	 format;
	char			*bytes;		/* owned: the file as read; NULL
						   once an edit was built over
						   them (plist_doc_apply_over) */
	size_t			 len;
	uint64_t		 sum;		/* then: their hs_hash_digest */
	struct stat		 st;		/* of the file, when read from one */
	struct hs_lines		 lines;		/* XML: for plist_doc_linecol */
	struct plist_srcmap	 src;		/* facts about root's nodes */
};

/*
 * Read and parse a file of at most PLIST_MAX_FILE_SIZE bytes.  On success
 * *out is a new document; caller frees with plist_doc_free.
 */
int	plist_doc_read_file(const char *, struct plist_doc **,
	    struct hs_error *);
/* Parse a buffer (copied).  Caller frees *out with plist_doc_free. */
int	plist_doc_parse(const void *, size_t, struct plist_doc **,
	    struct hs_error *);
/* The same, taking buf (len + 1 bytes, NUL last; freed on error too). */
int	plist_doc_adopt(char *, size_t, struct plist_doc **,
	    struct hs_error *);
void	plist_doc_free(struct plist_doc *);
/*
 * Free what was built from the bytes (trees, line index), keeping the
 * bytes and their facts: for a document about to be rewritten, which
 * only its bytes are needed for.  Reading it again is not allowed.
 */
void	plist_doc_shed(struct plist_doc *);
const char *plist_format_name(enum plist_format);
/* "a dictionary", "an integer", "data", ...: a libplist node type in words. */
const char *plist_type_words(plist_type);

/* Line and column (1-based; the column in bytes) of a byte offset. */
void	plist_doc_linecol(const struct plist_doc *, size_t, unsigned *,
	    unsigned *);
/*
 * " (at offset N)" or " (at line L:C)" for node, or for the nearest
 * container holding it; "" when nothing is known.
 */
const char *plist_doc_where(const struct plist_doc *, plist_t, char *,
	    size_t);
/*
 * A numeric node (real, integer or date) as a double: integers with their
 * true sign, dates as CFAbsoluteTime.  Returns -1 for any other type.
 */
int	plist_doc_number(const struct plist_doc *, plist_t, double *);

#endif
