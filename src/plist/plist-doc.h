/*
 * plist-doc.h: a property list read from a file, binary or XML.
 *
 * A document is read into our own read-only form (binary: the validated
 * object table; XML: a compact tree), which pval.h reads.  libplist's
 * tree (plist_t) is built only when asked for; beside it the document
 * keeps what libplist 2.2 cannot say about a node: where it came from
 * (byte offset or line:col) and integer facts (sign, 16-byte width) that
 * its uint64 loses.
 */
#ifndef HS_PLIST_DOC_H
#define HS_PLIST_DOC_H

#include <stddef.h>
#include <sys/stat.h>
#include <plist/plist.h>

#include "plist/bplist.h"
#include "plist/xtree.h"
#include "util/error.h"

/* Largest file read; a million-entry HSTS store is about 80 MB. */
#define PLIST_MAX_FILE_SIZE	((size_t)256 << 20)

enum plist_format {
	PLIST_FORMAT_BINARY = 1,
	PLIST_FORMAT_XML
};

/* Facts about a node that libplist does not keep. */
#define PLIST_SRC_NEGATIVE	0x01	/* integer: uint64 holds a negative */
#define PLIST_SRC_INT128	0x02	/* integer: 16 bytes on disk */
#define PLIST_SRC_OVERFLOW	0x04	/* integer: does not fit 64 bits */

struct plist_src {
	const void	*node;
	long long	 pos;		/* byte offset, or line for XML */
	int		 col;		/* column for XML, else 0 */
	unsigned	 flags;
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
	uint64_t		 sum;		/* then: their hs_sum */
	struct stat		 st;		/* of the file, when read from one */
	uint32_t		*lines;		/* XML: where each line starts,
						   made by plist_doc_linecol */
	size_t			 nlines;
	struct plist_src	*src;		/* sorted by node once read */
	size_t			 nsrc;
	size_t			 srccap;
};

/*
 * Read and parse a file of at most PLIST_MAX_FILE_SIZE bytes.  On success
 * *out is a new document; caller frees with plist_doc_free.
 */
int	plist_doc_read_file(const char *, struct plist_doc **,
	    struct hs_error *);
/*
 * Read a file of at most PLIST_MAX_FILE_SIZE bytes without parsing it:
 * *out is new (NUL-terminated), caller frees; *st is its fstat.
 */
int	plist_file_read(const char *, char **, size_t *, struct stat *,
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

/* Line and column (1-based; the column in bytes) of a byte offset. */
void	plist_doc_linecol(const struct plist_doc *, size_t, unsigned *,
	    unsigned *);
/* Sort what plist_doc_note noted, for plist_doc_src. */
void	plist_doc_index(struct plist_doc *);
/* For the readers: remember a fact about node. */
int	plist_doc_note(struct plist_doc *, const void *, long long, int,
	    unsigned);
/* The recorded facts of node, or NULL. */
const struct plist_src *plist_doc_src(const struct plist_doc *, plist_t);
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

/* The two readers, called by plist_doc_parse with doc->bytes set. */
int	bplist_read(struct plist_doc *, struct hs_error *);
int	bplist_tree(struct plist_doc *, struct hs_error *);
int	xmlplist_read(struct plist_doc *, struct hs_error *);
int	xmlplist_tree(struct plist_doc *, struct hs_error *);
/*
 * libplist's tree of the document in *root, built on first use (reading
 * a store does not need it: see pval.h).  HS_OK, or an error (no
 * memory).  The document owns the tree.
 */
int	plist_doc_tree(const struct plist_doc *, plist_t *, struct hs_error *);
/* The same, the error dropped: NULL when the tree cannot be had.  For
 * tests, and for callers that built it already with plist_doc_tree. */
plist_t	plist_doc_root(const struct plist_doc *);

#endif
