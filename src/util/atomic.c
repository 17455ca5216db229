/* atomic.c: the lock, the temporary file, and the rename. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util/atomic.h"
#include "util/testhook.h"

#define LOCK_SUFFIX	".hstsctl-lock"
#define TMP_INFIX	".hstsctl-tmp-"

struct hs_atomic_lock {
	char	path[PATH_MAX];
	int	fd;
};

/* Files to remove if a signal ends us; only async-signal-safe use. */
static char			 cleanup_tmp[PATH_MAX];
static char			 cleanup_lock[PATH_MAX];
static volatile sig_atomic_t	 cleanup_armed;

static void
atomic_on_signal(int sig)
{
	if (cleanup_tmp[0] != '\0')
		unlink(cleanup_tmp);
	if (cleanup_lock[0] != '\0')
		unlink(cleanup_lock);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
atomic_arm(void)
{
	struct sigaction	sa;

	if (cleanup_armed)
		return;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = atomic_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	cleanup_armed = 1;
}

/* Block the signals above around updates of the cleanup paths. */
static void
atomic_block(int block, sigset_t *old)
{
	sigset_t	set;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigprocmask(block ? SIG_BLOCK : SIG_SETMASK, block ? &set : old,
	    block ? old : NULL);
}

static void
atomic_set_cleanup(char *slot, const char *path)
{
	sigset_t	old;

	atomic_block(1, &old);
	snprintf(slot, PATH_MAX, "%s", path ? path : "");
	atomic_block(0, &old);
}

/* -1 with errno set when a test asked point to fail; else 0. */
static int
atomic_fault(const char *point)
{
	int	e = hs_testhook_fault(point);

	if (e == 0)
		return 0;
	errno = e;
	return -1;
}

int
hs_atomic_lock(const char *path, struct hs_atomic_lock **out,
    struct hs_error *err)
{
	struct hs_atomic_lock	*l;
	struct stat		 a, b;
	struct timespec		 nap = { 0, 50 * 1000 * 1000 };
	int			 waited = 0;

	*out = NULL;
	if ((l = calloc(1, sizeof *l)) == NULL)
		return hs_error_set(err, HS_ENOMEM, "out of memory");
	if (snprintf(l->path, sizeof l->path, "%s%s", path, LOCK_SUFFIX) >=
	    (int)sizeof l->path) {
		free(l);
		return hs_error_set(err, HS_EIO, "path too long");
	}
	atomic_arm();
	for (;;) {
		l->fd = atomic_fault("lock") == -1 ? -1 : open(l->path,
		    O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
		if (l->fd == -1) {
			hs_error_set(err, HS_EIO, "cannot create the lock file "
			    "%s: %s", l->path, strerror(errno));
			free(l);
			return HS_EIO;
		}
		if (flock(l->fd, LOCK_EX | LOCK_NB) == 0) {
			/* Still the file at that name?  Else retry. */
			if (fstat(l->fd, &a) == 0 && stat(l->path, &b) == 0 &&
			    a.st_dev == b.st_dev && a.st_ino == b.st_ino)
				break;
		} else if (errno != EWOULDBLOCK && errno != EINTR) {
			hs_error_set(err, HS_EIO, "cannot lock %s: %s",
			    l->path, strerror(errno));
			close(l->fd);
			free(l);
			return HS_EIO;
		} else if ((waited += 50) > HS_ATOMIC_LOCK_WAIT_MS) {
			close(l->fd);
			hs_error_set(err, HS_EIO, "another process is "
			    "editing it (it holds %s); try again when it is "
			    "done", l->path);
			free(l);
			return HS_EIO;
		}
		close(l->fd);
		nanosleep(&nap, NULL);
	}
	atomic_set_cleanup(cleanup_lock, l->path);
	*out = l;
	return HS_OK;
}

void
hs_atomic_unlock(struct hs_atomic_lock *l)
{
	if (l == NULL)
		return;
	/* Unlink while holding the lock; waiters re-check the inode. */
	unlink(l->path);
	atomic_set_cleanup(cleanup_lock, NULL);
	close(l->fd);
	free(l);
}

static int
atomic_write_all(int fd, const void *buf, size_t len)
{
	const char	*p = buf;
	ssize_t		 n;

	while (len > 0) {
		n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static void
atomic_dir_of(const char *path, char *dir, size_t len)
{
	const char	*slash = strrchr(path, '/');

	if (slash == NULL)
		snprintf(dir, len, ".");
	else if (slash == path)
		snprintf(dir, len, "/");
	else
		snprintf(dir, len, "%.*s", (int)(slash - path), path);
}

static int
atomic_fsync_dir(const char *path)
{
	char	dir[PATH_MAX];
	int	fd, r;

	atomic_dir_of(path, dir, sizeof dir);
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return -1;
	r = fsync(fd);
	close(fd);
	return r;
}

/* Give the temporary file the replaced file's mode and owner. */
static int
atomic_keep_meta(int fd, const struct stat *like, struct hs_error *err)
{
	if (like == NULL)
		return HS_OK;
	if (fchmod(fd, like->st_mode & 07777) == -1)
		return hs_error_set(err, HS_EIO, "cannot set the mode: %s",
		    strerror(errno));
	if ((like->st_uid != geteuid() || like->st_gid != getegid()) &&
	    fchown(fd, like->st_uid, like->st_gid) == -1)
		return hs_error_set(err, HS_EIO, "cannot keep the owner "
		    "(%ld:%ld): %s; run as that user", (long)like->st_uid,
		    (long)like->st_gid, strerror(errno));
	return HS_OK;
}

struct atomic_tmp {
	char	path[PATH_MAX];
	int	fd;
};

/*
 * Create the temporary file beside path, fill it with buf, flush and
 * close it.  t->path is "" when no file was made; else the caller renames
 * or removes it.
 */
static int
atomic_tmp_fill(struct atomic_tmp *t, const char *path, const void *buf,
    size_t len, const struct stat *like, struct hs_error *err)
{
	int	r;

	if (snprintf(t->path, sizeof t->path, "%s" TMP_INFIX "%ld-XXXXXX",
	    path, (long)getpid()) >= (int)sizeof t->path) {
		t->path[0] = '\0';
		return hs_error_set(err, HS_EIO, "path too long");
	}
	atomic_arm();
	/* mkstemp opens with O_CREAT | O_EXCL, mode 0600. */
	if (atomic_fault("tmp") == -1 || (t->fd = mkstemp(t->path)) == -1) {
		t->path[0] = '\0';
		return hs_error_set(err, HS_EIO, "cannot create a temporary "
		    "file beside it: %s", strerror(errno));
	}
	atomic_set_cleanup(cleanup_tmp, t->path);
	if (atomic_fault("write") == -1 || atomic_write_all(t->fd, buf,
	    len) == -1)
		r = hs_error_set(err, HS_EIO, "cannot write %s: %s", t->path,
		    strerror(errno ? errno : ENOSPC));
	else if ((r = atomic_keep_meta(t->fd, like, err)) == HS_OK &&
	    (atomic_fault("fsync") == -1 || fsync(t->fd) == -1))
		r = hs_error_set(err, HS_EIO, "cannot flush %s: %s", t->path,
		    strerror(errno));
	if (close(t->fd) == -1 && r == HS_OK)
		r = hs_error_set(err, HS_EIO, "cannot write %s: %s", t->path,
		    strerror(errno));
	return r;
}

int
hs_atomic_write(const char *path, const void *buf, size_t len,
    const struct stat *like, struct hs_error *err)
{
	struct atomic_tmp	t;
	int			r;

	if ((r = atomic_tmp_fill(&t, path, buf, len, like, err)) == HS_OK) {
		hs_testhook_pause("before-rename");
		if (atomic_fault("rename") == -1 ||
		    rename(t.path, path) == -1)
			r = hs_error_set(err, HS_EIO, "cannot replace the "
			    "file: %s", strerror(errno));
	}
	if (r != HS_OK && t.path[0] != '\0')
		unlink(t.path);
	atomic_set_cleanup(cleanup_tmp, NULL);
	if (r == HS_OK && (atomic_fault("dirsync") == -1 ||
	    atomic_fsync_dir(path) == -1)) {
		r = hs_error_set(err, HS_EIO, "written, but the directory "
		    "could not be flushed: %s", strerror(errno));
		err->landed = 1;
	}
	return r;
}

void
hs_atomic_clean_stale(const char *path)
{
	char		 dir[PATH_MAX], prefix[PATH_MAX], full[PATH_MAX];
	const char	*base = strrchr(path, '/');
	struct dirent	*de;
	DIR		*d;
	long		 pid;
	size_t		 plen;

	base = base ? base + 1 : path;
	atomic_dir_of(path, dir, sizeof dir);
	plen = (size_t)snprintf(prefix, sizeof prefix, "%s" TMP_INFIX, base);
	if ((d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, prefix, plen) != 0)
			continue;
		pid = strtol(de->d_name + plen, NULL, 10);
		if (pid > 0 && (kill((pid_t)pid, 0) == 0 || errno != ESRCH))
			continue;
		if (snprintf(full, sizeof full, "%s/%s", dir, de->d_name) <
		    (int)sizeof full)
			unlink(full);
	}
	closedir(d);
}
