/*
 * plist-txn.c: edits applied in the document's own format, and one safe
 * change of a property-list file; see plist-txn.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plist/bplist-rewrite.h"
#include "plist/plist-txn.h"
#include "plist/xmlplist-splice.h"
#include "util/atomic.h"
#include "util/file.h"
#include "util/undo.h"
#include "util/testhook.h"


int
plist_doc_apply(const struct plist_doc *doc, const struct plist_edit *ed,
    size_t n, char **out, size_t *outlen, struct hs_error *err)
{
	if (doc->format == PLIST_FORMAT_BINARY)
		return bplist_apply(doc->bytes, doc->len, ed, n, out, outlen,
		    err);
	return xmlplist_apply(doc, ed, n, out, outlen, err);
}

int
plist_doc_apply_over(struct plist_doc *doc, const struct plist_edit *ed,
    size_t n, char **out, size_t *outlen, struct hs_error *err)
{
	uint64_t	sum = 0;
	int		consumed = 0, r;

	if (doc->format != PLIST_FORMAT_BINARY)
		return plist_doc_apply(doc, ed, n, out, outlen, err);
	/* The digest is taken only if the bytes are in fact written over. */
	r = bplist_apply_over(doc->bytes, doc->len, doc->bp.tight, ed, n, out,
	    outlen, &consumed, &sum, err);
	if (consumed) {
		doc->bytes = NULL;
		doc->sum = sum;
	}
	return r;
}

/*
 * Build the new bytes into *buf.  Unless the old bytes are to be kept as
 * a backup, the result may be built over them (plist_doc_apply_over).
 */
static int
txn_build(struct plist_doc *doc, const struct plist_edit *ed, size_t n,
    int flags, char **buf, size_t *len, struct hs_error *err)
{
	char	*nb;
	int	 r;

	*buf = NULL;
	r = (flags & PLIST_TXN_BACKUP) ? plist_doc_apply(doc, ed, n, &nb,
	    len, err) : plist_doc_apply_over(doc, ed, n, &nb, len, err);
	if (r != HS_OK)
		return r;
	if ((*buf = realloc(nb, *len + 1)) == NULL) {
		free(nb);
		return hs_error_set(err, HS_ENOMEM, "out of memory");
	}
	(*buf)[*len] = '\0';
	return HS_OK;
}

/* Read the new bytes back (*back takes buf) and verify them. */
static int
txn_check(const struct plist_txn *t, char *buf, size_t len,
    struct plist_doc **back, struct hs_error *err)
{
	struct hs_error	e2;
	int		e;

	if ((e = hs_testhook_fault("check")) != 0) {
		free(buf);
		return hs_error_set(err, HS_EIO, "cannot check the result: "
		    "%s", strerror(e));
	}
	hs_error_init(&e2);
	if (plist_doc_adopt(buf, len, back, &e2) != HS_OK)
		return hs_error_set(err, e2.code == HS_ENOMEM ? HS_ENOMEM :
		    HS_EFORMAT, "internal error: the edited file does not "
		    "read back (%s); nothing written", e2.msg);
	return t->verify(t->arg, *back, err);
}

/*
 * Check the new bytes (buf, taken) and that the file is as it was read,
 * keep the backup, and replace the file.  1 when the file changed.
 */
static int
txn_write(const struct plist_txn *t, struct plist_doc *doc, const char *path,
    char *buf, size_t len, int flags, struct hs_error *err)
{
	struct plist_doc	*back = NULL;
	int			 r;

	if ((r = txn_check(t, buf, len, &back, err)) != HS_OK)
		goto done;
	hs_testhook_pause("before-write");
	if (!hs_file_unchanged(path, &doc->st, doc->bytes, doc->len, doc->sum))
		r = 1;
	else if (!(flags & PLIST_TXN_BACKUP) ||
	    (r = hs_file_backup(path, doc->bytes, doc->len, &doc->st, err)) ==
	    HS_OK)
		r = hs_atomic_write(path, back->bytes, back->len, &doc->st,
		    err);
done:
	plist_doc_free(back);
	return r;
}

struct txn_run {
	const struct plist_txn	*t;
	int			 flags;
};

/* One attempt; 1 when the file changed underneath. */
static int
txn_once(void *arg, const char *path, struct hs_error *err)
{
	const struct plist_txn	 *t = ((struct txn_run *)arg)->t;
	int			  flags = ((struct txn_run *)arg)->flags;
	struct hs_atomic_lock	 *lock;
	struct plist_doc	 *doc = NULL;
	const struct plist_edit	 *ed;
	char			 *buf;
	size_t			  n, len;
	int			  r, slot;

	if ((r = hs_atomic_lock(path, &lock, err)) != HS_OK)
		return r;
	hs_atomic_clean_stale(path);
	if ((r = plist_doc_read_file(path, &doc, err)) != HS_OK ||
	    (r = t->plan(t->arg, doc, &ed, &n, err)) != HS_OK ||
	    n == 0 || (flags & PLIST_TXN_DRY_RUN))
		goto done;
	/* The copy for undo, while the bytes read are still there. */
	slot = hs_undo_before(path, doc->bytes, doc->len);
	if ((r = txn_build(doc, ed, n, flags, &buf, &len, err)) != HS_OK) {
		hs_undo_forget(slot);
		goto done;
	}
	/* Only the bytes are needed from here on. */
	plist_doc_shed(doc);
	if ((r = txn_write(t, doc, path, buf, len, flags, err)) != HS_OK &&
	    !(r < 0 && err->landed))
		hs_undo_forget(slot);
done:
	plist_doc_free(doc);
	hs_atomic_unlock(lock);
	return r;
}

int
plist_txn_run(const char *path, const struct plist_txn *t, int flags,
    struct hs_error *err)
{
	struct txn_run	run = { t, flags };

	return hs_file_retry(path, txn_once, &run, err);
}
