/*
 * plist-edit.h: what an edit of a property list is.
 *
 * An edit names a dictionary by the path of keys from the root and removes
 * or sets one key in it, or removes one item of the array that is a key's
 * value.  The editors of each format (bplist-rewrite.h,
 * xmlplist-splice.h) carry edits out; plist-txn.h applies them to a file
 * safely.  Here: the edit itself, the values it can write, and the key
 * sets both editors use to take a run of removals in one pass.
 */
#ifndef HS_PLIST_EDIT_H
#define HS_PLIST_EDIT_H

#include <stddef.h>
#include <stdint.h>

#include "util/error.h"

/* A new value to write.  Borrowed pointers; nothing here is freed. */
enum pv_type { PV_BOOL, PV_INT, PV_REAL, PV_STRING, PV_DICT };

struct pv_pair;

struct pv {
	enum pv_type		 type;
	int			 b;
	int64_t			 i;
	double			 r;
	const char		*s;		/* UTF-8 */
	const struct pv_pair	*pairs;		/* PV_DICT */
	size_t			 npairs;
};

struct pv_pair {
	const char	*key;
	struct pv	 value;
};

/*
 * PLIST_EDIT_REMOVE_ITEM removes item index of the array that is key's
 * value.  Every removal from one array comes in one run of edits (one
 * after the other), each index counted in the array as read.
 */
enum plist_edit_op { PLIST_EDIT_REMOVE, PLIST_EDIT_SET,
	PLIST_EDIT_REMOVE_ITEM };

struct plist_edit {
	enum plist_edit_op	 op;
	const char *const	*path;		/* dictionary keys from the root */
	size_t			 depth;
	const char		*key;
	const struct pv		*value;		/* PLIST_EDIT_SET */
	size_t			 index;		/* PLIST_EDIT_REMOVE_ITEM */
};

#define PLIST_EDIT_MAX_DEPTH	64	/* keys in a path, at most */

/*
 * The editors resolve a path, and set a key, as CoreFoundation reads the
 * document: of equal keys, the last.  Setting a key a dictionary holds
 * more than once is refused (the other copies would stay): this error.
 */
int	plist_edit_dup_error(struct hs_error *, const char *, size_t);

/*
 * The keys of a run of removals from one dictionary, sorted, so that an
 * editor can take each key it meets in one pass over the dictionary.
 */
struct plist_keyset {
	struct plist_key	*keys;		/* owned array */
	size_t			 n;
};

/* Collect the keys of ed[0..n).  HS_ENOMEM on failure. */
int	plist_keyset_init(struct plist_keyset *, const struct plist_edit *,
	    size_t);
/*
 * Is (s, len) in the set?  Takes it if so: every copy of a key that a
 * dictionary holds more than once (CoreFoundation reads the last), so
 * that removing a key leaves no copy for CoreFoundation to read.
 */
int	plist_keyset_take(struct plist_keyset *, const char *, size_t);
/* HS_OK when every key was taken, else HS_EINVAL naming the first. */
int	plist_keyset_check(const struct plist_keyset *, struct hs_error *);
void	plist_keyset_release(struct plist_keyset *);

/* Do two edits name the same dictionary? */
int	plist_edit_same_path(const struct plist_edit *,
	    const struct plist_edit *);
/*
 * How many edits from ed[0] (of n) make one run: removals of keys from
 * one dictionary, or of items from one array; a set is a run of one.
 */
size_t	plist_edit_run(const struct plist_edit *, size_t);
/* Is index i among the REMOVE_ITEM edits ed[0..n)? */
int	plist_edit_item_gone(const struct plist_edit *, size_t, uint64_t);

#endif
