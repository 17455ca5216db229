/* atomic.c: the lock, the temporary file, and the rename. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
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
/* Files from this size on are flushed by a thread (atomic_begin). */
#define ATOMIC_FLUSH_THREAD_MIN	((size_t)1 << 20)

struct file_lock {
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
	int	e = testhook_fault(point);

	if (e == 0)
		return 0;
	errno = e;
	return -1;
}

int
file_lock(const char *path, struct file_lock **out, struct hs_error *err)
{
	struct file_lock	*l;
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
		} else if ((waited += 50) > FILE_LOCK_WAIT_MS) {
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
file_unlock(struct file_lock *l)
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

struct atomic_file {
	char		tmp[PATH_MAX];
	char		path[PATH_MAX];
	int		fd;
	int		flushing;	/* a thread is in fsync(fd) */
	int		flush_errno;	/* what it ended with */
	pthread_t	flusher;
};

static void *
atomic_flush_main(void *arg)
{
	struct atomic_file	*f = arg;

	f->flush_errno = fsync(f->fd) == -1 ? errno : 0;
	return NULL;
}

/*
 * Flush the temporary file while the caller works on: a thread waits in
 * fsync.  Without one, atomic_flush_wait flushes.
 */
static void
atomic_flush_start(struct atomic_file *f, size_t len)
{
	sigset_t	all, old;

	/* A small file flushes in about the time a thread takes to start. */
	if (len < ATOMIC_FLUSH_THREAD_MIN)
		return;
	sigfillset(&all);
	/* Signals are for the main thread, whose handler cleans up. */
	pthread_sigmask(SIG_BLOCK, &all, &old);
	f->flushing = pthread_create(&f->flusher, NULL, atomic_flush_main,
	    f) == 0;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
}

/* 0, or -1 with errno set when the flush failed. */
static int
atomic_flush_wait(struct atomic_file *f)
{
	if (!f->flushing)
		return fsync(f->fd);
	pthread_join(f->flusher, NULL);
	f->flushing = 0;
	errno = f->flush_errno;
	return f->flush_errno == 0 ? 0 : -1;
}

int
atomic_begin(const char *path, const void *buf, size_t len,
    const struct stat *like, struct atomic_file **out, struct hs_error *err)
{
	struct atomic_file	*f;
	int			 r = HS_OK;

	*out = NULL;
	if ((f = calloc(1, sizeof *f)) == NULL)
		return hs_error_set(err, HS_ENOMEM, "out of memory");
	if (snprintf(f->path, sizeof f->path, "%s", path) >=
	    (int)sizeof f->path || snprintf(f->tmp, sizeof f->tmp, "%s"
	    TMP_INFIX "%ld-XXXXXX", path, (long)getpid()) >=
	    (int)sizeof f->tmp) {
		free(f);
		return hs_error_set(err, HS_EIO, "path too long");
	}
	atomic_arm();
	/* mkstemp opens with O_CREAT | O_EXCL, mode 0600. */
	if (atomic_fault("tmp") == -1 || (f->fd = mkstemp(f->tmp)) == -1) {
		r = hs_error_set(err, HS_EIO, "cannot create a temporary "
		    "file beside it: %s", strerror(errno));
		free(f);
		return r;
	}
	atomic_set_cleanup(cleanup_tmp, f->tmp);
	if (atomic_fault("write") == -1 || atomic_write_all(f->fd, buf,
	    len) == -1)
		r = hs_error_set(err, HS_EIO, "cannot write %s: %s", f->tmp,
		    strerror(errno ? errno : ENOSPC));
	else
		r = atomic_keep_meta(f->fd, like, err);
	if (r != HS_OK) {
		atomic_abort(f);
		return r;
	}
	atomic_flush_start(f, len);
	*out = f;
	return HS_OK;
}

void
atomic_abort(struct atomic_file *f)
{
	if (f == NULL)
		return;
	if (f->flushing)
		(void)atomic_flush_wait(f);
	close(f->fd);
	unlink(f->tmp);
	atomic_set_cleanup(cleanup_tmp, NULL);
	free(f);
}

int
atomic_commit(struct atomic_file *f, struct hs_error *err)
{
	int	r = HS_OK;

	if (atomic_flush_wait(f) == -1 || atomic_fault("fsync") == -1)
		r = hs_error_set(err, HS_EIO, "cannot flush %s: %s", f->tmp,
		    strerror(errno));
	if (close(f->fd) == -1 && r == HS_OK)
		r = hs_error_set(err, HS_EIO, "cannot write %s: %s", f->tmp,
		    strerror(errno));
	f->fd = -1;
	if (r == HS_OK)
		testhook_pause("before-rename");
	if (r == HS_OK && (atomic_fault("rename") == -1 ||
	    rename(f->tmp, f->path) == -1))
		r = hs_error_set(err, HS_EIO, "cannot replace the file: %s",
		    strerror(errno));
	if (r != HS_OK)
		unlink(f->tmp);
	atomic_set_cleanup(cleanup_tmp, NULL);
	if (r == HS_OK && (atomic_fault("dirsync") == -1 ||
	    atomic_fsync_dir(f->path) == -1)) {
		r = hs_error_set(err, HS_EIO, "written, but the directory "
		    "could not be flushed: %s", strerror(errno));
		err->landed = 1;
	}
	free(f);
	return r;
}

int
atomic_write(const char *path, const void *buf, size_t len,
    const struct stat *like, struct hs_error *err)
{
	struct atomic_file	*f;
	int			 r;

	if ((r = atomic_begin(path, buf, len, like, &f, err)) != HS_OK)
		return r;
	return atomic_commit(f, err);
}

void
atomic_clean_stale(const char *path)
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
