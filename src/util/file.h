/*
 * file.h: reading the files hstsctl edits, and one safe change of a
 * file: lock, read, plan the new bytes, check them, check that nobody
 * changed the file meanwhile (else start again, at most three times),
 * keep FILE.bak if asked, replace the file atomically (atomic.h).
 *
 * The property-list transaction (plist/plist-txn.h) is built from the same
 * pieces; hs_file_edit carries out a change of any other file, planned
 * and checked by the caller on the bytes.
 */
#ifndef HS_FILE_H
#define HS_FILE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "util/error.h"

/*
 * Open a regular file for reading without waiting (a FIFO is refused,
 * not waited on); *st is its fstat.  The caller closes *fd.
 */
int	hs_file_open(const char *, int *, struct stat *, struct hs_error *);
/*
 * Read a file of at most max bytes: *out is new (NUL-terminated), caller
 * frees; *st is its fstat.  HS_EFORMAT when it is larger.
 */
int	hs_file_read(const char *, size_t, char **, size_t *, struct stat *,
	    struct hs_error *);
/* Its first bytes, at most len of them, into buf: *got how many. */
int	hs_file_head(const char *, char *, size_t, size_t *,
	    struct hs_error *);
/*
 * Is the file at path still the one read (same inode, time, size and
 * bytes)?  bytes NULL: compare with the digest sum (hash.h) instead.
 */
int	hs_file_unchanged(const char *, const struct stat *, const char *,
	    size_t, uint64_t);
/* Keep bytes (the file as read) as path.bak. */
int	hs_file_backup(const char *, const char *, size_t, const struct stat *,
	    struct hs_error *);
/*
 * Run once(arg, real path, err) on the file path points to (a symbolic
 * link is followed) until it returns other than 1 ("the file changed
 * underneath"), at most three times.
 */
int	hs_file_retry(const char *, int (*)(void *, const char *,
	    struct hs_error *), void *, struct hs_error *);

#define HS_FILE_DRY_RUN	0x1	/* plan only */
#define HS_FILE_BACKUP	0x2	/* keep the old file as FILE.bak */

struct hs_file_edit {
	/*
	 * Plan the new bytes from the file's (buf, len, valid during the
	 * call): *out new (caller's to free; NULL when nothing changes).
	 * May be called again when the file changed underneath.
	 */
	int	(*plan)(void *, const char *, size_t, char **, size_t *,
		    struct hs_error *);
	/* Check that the new bytes hold what was planned. */
	int	(*verify)(void *, const char *, size_t, struct hs_error *);
	void	*arg;
	size_t	 max;		/* the largest file read */
};

int	hs_file_edit(const char *, const struct hs_file_edit *, int,
	    struct hs_error *);

#endif
