/*
 * locate.h: finding trust-exception blobs wherever a property list keeps
 * them (doc/formats.md section 3): every data value that
 * decodes as a blob, and for the layouts we know, whom it belongs to.
 */
#ifndef HS_LOCATE_H
#define HS_LOCATE_H

#include <stddef.h>

#include "plist/plist-tree.h"
#include "trust/exception.h"

enum texc_layout {
	TEXC_LAYOUT_PLAIN,	/* a blob under some key */
	TEXC_LAYOUT_EAP,	/* eapclient: domain/identifier/leaf-SHA1 */
	TEXC_LAYOUT_SAFARI,	/* Safari: "host<port>" bypass dictionaries */
	TEXC_LAYOUT_SHA1_MAP	/* leaf SHA-1 (hex) -> blob */
};

struct texc_found {
	char			**path;		/* keys from the root; owned */
	size_t			  depth;
	int			  in_array;	/* reached through an array */
	enum texc_layout	  layout;
	char			 *owner;	/* host, or network identifier */
	char			 *port;		/* Safari */
	char			 *domain;	/* eapclient */
	int			  has_date;
	double			  date;		/* CFAbsoluteTime */
	char			 *key_sha1;	/* the key, when it is a SHA-1 */
	char			  leaf_sha1[2 * TEXC_SHA1_LEN + 1]; /* or "" */
	size_t			  remove_at;	/* path[remove_at] is the key
						   whose removal drops it */
	struct texc		 *blob;
};

/* Every blob in doc.  *out is new; free with texc_found_free. */
int	texc_find_all(const struct plist_doc *, struct texc_found **, size_t *,
	    struct hs_error *);
void	texc_found_free(struct texc_found *, size_t);
const char *texc_layout_name(enum texc_layout);

#endif
