/*
 * atomic.h: replacing a file so that readers see the old bytes or the new,
 * never a mix, and a crash loses nothing.
 *
 * Writers serialise on FILE.hstsctl-lock (flock; the file is removed when
 * released).  New bytes go to a temporary file beside the target, created
 * with O_EXCL, written, given the target's mode and owner, fsync'd, then
 * renamed over the target; the directory is fsync'd last.  On error or on
 * SIGINT/SIGTERM/SIGHUP the temporary and lock files are removed.
 */
#ifndef HS_ATOMIC_H
#define HS_ATOMIC_H

#include <stddef.h>
#include <sys/stat.h>

#include "util/error.h"

struct hs_atomic_lock;

/* How long to wait for another writer, in milliseconds. */
#define HS_ATOMIC_LOCK_WAIT_MS	10000

/* Lock path for writing.  *out is new; release with hs_atomic_unlock. */
int	hs_atomic_lock(const char *, struct hs_atomic_lock **,
	    struct hs_error *);
void	hs_atomic_unlock(struct hs_atomic_lock *);

/*
 * Write buf to path atomically, with the mode and owner in like (a stat of
 * the file being replaced).  Nothing is changed on error.
 */
int	hs_atomic_write(const char *, const void *, size_t, const struct stat *,
	    struct hs_error *);

/* Remove temporary files a killed writer left beside path. */
void	hs_atomic_clean_stale(const char *);

#endif
