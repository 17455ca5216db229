/* file.c: reading and safely changing files; see file.h. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/atomic.h"
#include "util/file.h"
#include "util/hash.h"
#include "util/testhook.h"
#include "util/undo.h"

#ifdef __APPLE__
#define st_mtim	st_mtimespec
#endif

/* The file is compared with what was read this much at a time. */
#define FILE_PIECE	((size_t)64 << 10)

int
hs_file_open(const char *path, int *fd, struct stat *st, struct hs_error *err)
{
	int	fl;

	/* O_NONBLOCK: opening a FIFO must not wait for a writer. */
	if ((*fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) == -1)
		return hs_error_set(err, errno == ENOENT ? HS_ENOENT : HS_EIO,
		    "%s", strerror(errno));
	if (fstat(*fd, st) == -1 || (fl = fcntl(*fd, F_GETFL)) == -1 ||
	    fcntl(*fd, F_SETFL, fl & ~O_NONBLOCK) == -1)
		hs_error_set(err, HS_EIO, "%s", strerror(errno));
	else if (!S_ISREG(st->st_mode))
		hs_error_set(err, HS_EIO, "not a regular file");
	else
		return HS_OK;
	close(*fd);
	*fd = -1;
	return HS_EIO;
}

static int
file_slurp(int fd, size_t size, char **out, struct hs_error *err)
{
	char	*buf;
	size_t	 got = 0;
	ssize_t	 n;

	if ((buf = malloc(size + 1)) == NULL)
		return hs_error_set(err, HS_ENOMEM, "out of memory");
	while (got < size) {
		n = read(fd, buf + got, size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			free(buf);
			return hs_error_set(err, HS_EIO, "read failed: %s",
			    strerror(errno));
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	if (got != size) {
		free(buf);
		return hs_error_set(err, HS_EIO, "file changed size while "
		    "being read");
	}
	buf[size] = '\0';
	*out = buf;
	return HS_OK;
}

int
hs_file_read(const char *path, size_t max, char **out, size_t *len,
    struct stat *st, struct hs_error *err)
{
	int	fd, r;

	*out = NULL;
	if ((r = hs_file_open(path, &fd, st, err)) != HS_OK)
		return r;
	if ((uintmax_t)st->st_size > max)
		r = hs_error_set(err, HS_EFORMAT, "file is %jd bytes; the "
		    "limit is %zu", (intmax_t)st->st_size, max);
	else if ((r = file_slurp(fd, (size_t)st->st_size, out, err)) ==
	    HS_OK)
		*len = (size_t)st->st_size;
	close(fd);
	return r;
}

int
hs_file_head(const char *path, char *buf, size_t len, size_t *got,
    struct hs_error *err)
{
	struct stat	st;
	ssize_t		n;
	int		fd, r;

	*got = 0;
	if ((r = hs_file_open(path, &fd, &st, err)) != HS_OK)
		return r;
	while (*got < len && (n = read(fd, buf + *got, len - *got)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			close(fd);
			return hs_error_set(err, HS_EIO, "read failed: %s",
			    strerror(errno));
		}
		*got += (size_t)n;
	}
	close(fd);
	return HS_OK;
}

/*
 * Does what fd holds from here on equal the len bytes at p, or when p is
 * NULL, have the digest sum?
 */
static int
file_same_bytes(int fd, const char *p, size_t len, uint64_t sum)
{
	struct hs_hash_sum	 s;
	size_t			 got = 0;
	ssize_t			 n;
	char			*buf;
	int			 same = 0;

	/* Out of memory it answers "changed": nothing is written. */
	if ((buf = malloc(FILE_PIECE)) == NULL)
		return 0;
	hs_hash_sum_init(&s);
	while (got <= len) {
		n = read(fd, buf, FILE_PIECE);
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

int
hs_file_unchanged(const char *path, const struct stat *was, const char *bytes,
    size_t len, uint64_t sum)
{
	struct hs_error	 err;
	struct stat	 st;
	int		 fd, same;

	hs_error_init(&err);
	if (hs_file_open(path, &fd, &st, &err) != HS_OK)
		return 0;
	same = st.st_dev == was->st_dev && st.st_ino == was->st_ino &&
	    st.st_mtim.tv_sec == was->st_mtim.tv_sec &&
	    st.st_mtim.tv_nsec == was->st_mtim.tv_nsec &&
	    (uintmax_t)st.st_size == len &&
	    file_same_bytes(fd, bytes, len, sum);
	close(fd);
	return same;
}

int
hs_file_backup(const char *path, const char *bytes, size_t len,
    const struct stat *st, struct hs_error *err)
{
	char	bak[PATH_MAX], why[sizeof err->msg];
	int	r;

	if (snprintf(bak, sizeof bak, "%s.bak", path) >= (int)sizeof bak)
		return hs_error_set(err, HS_EIO, "path too long");
	if ((r = hs_atomic_write(bak, bytes, len, st, err)) == HS_OK)
		return HS_OK;
	/* The message is about the backup, not the store. */
	snprintf(why, sizeof why, "%s", err->msg);
	err->landed = 0;
	return hs_error_set(err, r, "cannot keep the backup %s: %s", bak,
	    why);
}

int
hs_file_retry(const char *path, int (*once)(void *, const char *,
    struct hs_error *), void *arg, struct hs_error *err)
{
	char	real[PATH_MAX];
	int	attempt, r;

	/* Edit the file a symbolic link points to, not the link. */
	if (realpath(path, real) == NULL)
		return hs_error_set(err, errno == ENOENT ? HS_ENOENT : HS_EIO,
		    "%s", strerror(errno));
	for (attempt = 0; attempt < 3; attempt++)
		if ((r = once(arg, real, err)) != 1)
			return r;
	return hs_error_set(err, HS_EIO, "the file kept changing while it "
	    "was being edited (is another program writing it?); nothing was "
	    "written");
}

/* --- a change of any file ----------------------------------------------- */

struct file_edit_run {
	const struct hs_file_edit	*ed;
	int				 flags;
};

/* Check the new bytes, then write them; 1 when the file changed. */
static int
file_edit_write(const struct file_edit_run *f, const char *path,
    const char *old, size_t oldlen, const struct stat *st, const char *buf,
    size_t len, struct hs_error *err)
{
	int	e, r, slot;

	if ((e = hs_testhook_fault("check")) != 0)
		return hs_error_set(err, HS_EIO, "cannot check the result: "
		    "%s", strerror(e));
	if ((r = f->ed->verify(f->ed->arg, buf, len, err)) != HS_OK)
		return r;
	hs_testhook_pause("before-write");
	if (!hs_file_unchanged(path, st, old, oldlen, 0))
		return 1;
	if ((f->flags & HS_FILE_BACKUP) &&
	    (r = hs_file_backup(path, old, oldlen, st, err)) != HS_OK)
		return r;
	slot = hs_undo_before(path, old, oldlen);
	if ((r = hs_atomic_write(path, buf, len, st, err)) != HS_OK &&
	    !err->landed)
		hs_undo_forget(slot);
	return r;
}

static int
file_edit_once(void *arg, const char *path, struct hs_error *err)
{
	const struct file_edit_run	*f = arg;
	struct hs_atomic_lock		*lock;
	struct stat			 st;
	char				*old = NULL, *buf = NULL;
	size_t				 oldlen, len;
	int				 r;

	if ((r = hs_atomic_lock(path, &lock, err)) != HS_OK)
		return r;
	hs_atomic_clean_stale(path);
	if ((r = hs_file_read(path, f->ed->max, &old, &oldlen, &st, err)) ==
	    HS_OK && (r = f->ed->plan(f->ed->arg, old, oldlen, &buf, &len,
	    err)) == HS_OK && buf != NULL && !(f->flags & HS_FILE_DRY_RUN))
		r = file_edit_write(f, path, old, oldlen, &st, buf, len, err);
	free(buf);
	free(old);
	hs_atomic_unlock(lock);
	return r;
}

int
hs_file_edit(const char *path, const struct hs_file_edit *ed, int flags,
    struct hs_error *err)
{
	struct file_edit_run	f = { ed, flags };

	return hs_file_retry(path, file_edit_once, &f, err);
}
