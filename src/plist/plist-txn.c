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
#include "util/hash.h"
#include "util/testhook.h"

#ifdef __APPLE__
#define st_mtim	st_mtimespec
#endif

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

/* The file is compared with what was read this much at a time. */
#define TXN_PIECE	((size_t)64 << 10)

/*
 * Does what fd holds from here on equal the len bytes at p, or when p is
 * NULL (the bytes were edited over), have the digest sum?
 */
static int
txn_same_bytes(int fd, const char *p, size_t len, uint64_t sum)
{
	struct hs_hash_sum	 s;
	size_t		 got = 0;
	ssize_t		 n;
	char		*buf;
	int		 same = 0;

	/* Out of memory it answers "changed": nothing is written. */
	if ((buf = malloc(TXN_PIECE)) == NULL)
		return 0;
	hs_hash_sum_init(&s);
	while (got <= len) {
		n = read(fd, buf, TXN_PIECE);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || (size_t)n > len - got)
			break;
		if (n == 0) {
			same = got == len && (p != NULL ||
			    hs_hash_sum_end(&s) == sum);
			break;
		}
		if (p == NULL)
			hs_hash_sum_add(&s, buf, (size_t)n);
		else if (memcmp(buf, p + got, (size_t)n) != 0)
			break;
		got += (size_t)n;
	}
	free(buf);
	return same;
}

/*
 * Is the file at path still the one that was read?  Compared a piece at
 * a time: a second copy of a large store would double the peak memory.
 */
static int
txn_unchanged(const char *path, const struct plist_doc *doc)
{
	struct hs_error	 err;
	struct stat	 st;
	int		 fd, same;

	hs_error_init(&err);
	if (plist_file_open(path, &fd, &st, &err) != HS_OK)
		return 0;
	same = st.st_dev == doc->st.st_dev &&
	    st.st_ino == doc->st.st_ino &&
	    st.st_mtim.tv_sec == doc->st.st_mtim.tv_sec &&
	    st.st_mtim.tv_nsec == doc->st.st_mtim.tv_nsec &&
	    (uintmax_t)st.st_size == doc->len &&
	    txn_same_bytes(fd, doc->bytes, doc->len, doc->sum);
	close(fd);
	return same;
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

/* Keep the file as it was read as FILE.bak. */
static int
txn_backup(const char *path, const struct plist_doc *doc,
    struct hs_error *err)
{
	char	bak[PATH_MAX], why[sizeof err->msg];
	int	r;

	if (snprintf(bak, sizeof bak, "%s.bak", path) >= (int)sizeof bak)
		return hs_error_set(err, HS_EIO, "path too long");
	if ((r = hs_atomic_write(bak, doc->bytes, doc->len, &doc->st, err)) ==
	    HS_OK)
		return HS_OK;
	/* The message is about the backup, not the store. */
	snprintf(why, sizeof why, "%s", err->msg);
	err->landed = 0;
	return hs_error_set(err, r, "cannot keep the backup %s: %s", bak,
	    why);
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
	if (!txn_unchanged(path, doc))
		r = 1;
	else if (!(flags & PLIST_TXN_BACKUP) ||
	    (r = txn_backup(path, doc, err)) == HS_OK)
		r = hs_atomic_write(path, back->bytes, back->len, &doc->st,
		    err);
done:
	plist_doc_free(back);
	return r;
}

/* One attempt; 1 when the file changed underneath. */
static int
txn_once(const char *path, const struct plist_txn *t, int flags,
    struct hs_error *err)
{
	struct hs_atomic_lock	 *lock;
	struct plist_doc	 *doc = NULL;
	const struct plist_edit	 *ed;
	char			 *buf;
	size_t			  n, len;
	int			  r;

	if ((r = hs_atomic_lock(path, &lock, err)) != HS_OK)
		return r;
	hs_atomic_clean_stale(path);
	if ((r = plist_doc_read_file(path, &doc, err)) != HS_OK ||
	    (r = t->plan(t->arg, doc, &ed, &n, err)) != HS_OK ||
	    n == 0 || (flags & PLIST_TXN_DRY_RUN))
		goto done;
	if ((r = txn_build(doc, ed, n, flags, &buf, &len, err)) != HS_OK)
		goto done;
	/* Only the bytes are needed from here on. */
	plist_doc_shed(doc);
	r = txn_write(t, doc, path, buf, len, flags, err);
done:
	plist_doc_free(doc);
	hs_atomic_unlock(lock);
	return r;
}

int
plist_txn_run(const char *path, const struct plist_txn *t, int flags,
    struct hs_error *err)
{
	char	real[PATH_MAX];
	int	attempt, r;

	/* Edit the file a symbolic link points to, not the link. */
	if (realpath(path, real) == NULL)
		return hs_error_set(err, errno == ENOENT ? HS_ENOENT : HS_EIO,
		    "%s", strerror(errno));
	for (attempt = 0; attempt < 3; attempt++)
		if ((r = txn_once(real, t, flags, err)) != 1)
			return r;
	return hs_error_set(err, HS_EIO, "the file kept changing while it "
	    "was being edited (is another program writing it?); nothing was "
	    "written");
}
