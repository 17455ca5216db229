/* undo.c: keeping every edit's previous version; see undo.h. */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util/undo.h"

/* This process's run folder, made on first use. */
static char	undo_run[PATH_MAX];
static char	undo_run_name[64];
static int	undo_next;

int
hs_undo_dir(char *buf, size_t len)
{
	const char	*d = getenv("HSTSCTL_UNDO_DIR"), *x, *home;
	int		 w;

	if (d != NULL && *d != '\0')
		w = snprintf(buf, len, "%s", d);
	else if ((x = getenv("XDG_STATE_HOME")) != NULL && *x == '/')
		w = snprintf(buf, len, "%s/hstsctl/undo", x);
	else if ((home = getenv("HOME")) != NULL && *home != '\0')
		w = snprintf(buf, len, "%s/.local/state/hstsctl/undo", home);
	else
		return -1;
	return w > 0 && (size_t)w < len ? 0 : -1;
}

/* mkdir -p, each made 0700. */
static int
undo_mkdirs(char *path)
{
	char	*p;

	for (p = path + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0700) == -1 && errno != EEXIST) {
			*p = '/';
			return -1;
		}
		*p = '/';
	}
	return mkdir(path, 0700) == -1 && errno != EEXIST ? -1 : 0;
}

static int
undo_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The run folders, sorted oldest first; *n of them.  Caller frees. */
static char **
undo_runs(const char *dir, size_t *n)
{
	struct dirent	 *de;
	char		**v = NULL, **nv;
	DIR		 *d;

	*n = 0;
	if ((d = opendir(dir)) == NULL)
		return NULL;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] < '0' || de->d_name[0] > '9' ||
		    (nv = realloc(v, (*n + 1) * sizeof *v)) == NULL)
			continue;
		v = nv;
		if ((v[*n] = strdup(de->d_name)) != NULL)
			(*n)++;
	}
	closedir(d);
	if (*n > 0)
		qsort(v, *n, sizeof *v, undo_cmp);
	return v;
}

static void
undo_free_runs(char **v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* Remove a run folder and what it holds (files only). */
static void
undo_rmrun(const char *dir, const char *run)
{
	struct dirent	*de;
	char		 p[PATH_MAX + 128], f[PATH_MAX + 384];
	DIR		*d;

	snprintf(p, sizeof p, "%s/%s", dir, run);
	if ((d = opendir(p)) == NULL)
		return;
	while ((de = readdir(d)) != NULL)
		if (de->d_name[0] != '.') {
			snprintf(f, sizeof f, "%s/%s", p, de->d_name);
			unlink(f);
		}
	closedir(d);
	rmdir(p);
}

/* Keep the newest HS_UNDO_KEEP runs. */
static void
undo_prune(const char *dir)
{
	char	**v;
	size_t	  n, i;

	v = undo_runs(dir, &n);
	for (i = 0; n > HS_UNDO_KEEP && i < n - HS_UNDO_KEEP; i++)
		undo_rmrun(dir, v[i]);
	undo_free_runs(v, n);
}

static int
undo_start(struct hs_error *err)
{
	char		 dir[PATH_MAX];
	struct timespec	 ts;
	struct tm	 tm;

	if (undo_run[0] != '\0')
		return HS_OK;
	if (hs_undo_dir(dir, sizeof dir) != 0)
		return hs_error_set(err, HS_EIO, "no undo folder: HOME is not "
		    "set");
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	/* Names sort in time order: fixed widths throughout. */
	snprintf(undo_run_name, sizeof undo_run_name,
	    "%04d%02d%02dT%02d%02d%02d.%06ldZ-%08ld", tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
	    ts.tv_nsec / 1000, (long)getpid());
	if (snprintf(undo_run, sizeof undo_run, "%s/%s", dir, undo_run_name) >=
	    (int)sizeof undo_run || undo_mkdirs(undo_run) == -1) {
		undo_run[0] = '\0';
		return hs_error_set(err, HS_EIO, "cannot make the undo folder "
		    "%s: %s", dir, strerror(errno));
	}
	undo_prune(dir);
	return HS_OK;
}

/* Write len bytes to a new private file; 0 or -1. */
static int
undo_write(const char *path, const char *p, size_t len)
{
	ssize_t	n;
	int	fd, bad = 0;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    0600)) == -1)
		return -1;
	while (len > 0 && !bad) {
		if ((n = write(fd, p, len)) < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			bad = 1;
		else {
			p += n;
			len -= (size_t)n;
		}
	}
	bad |= fsync(fd) != 0;
	bad |= close(fd) != 0;
	return bad ? -1 : 0;
}

int
hs_undo_keep(const char *path, const char *bytes, size_t len, int *slot,
    struct hs_error *err)
{
	char	f[PATH_MAX + 32];
	int	r, n;

	*slot = -1;
	if ((r = undo_start(err)) != HS_OK)
		return r;
	n = undo_next++;
	snprintf(f, sizeof f, "%s/%d.data", undo_run, n);
	if (undo_write(f, bytes, len) == -1) {
		unlink(f);
		return hs_error_set(err, HS_EIO, "cannot keep a copy for undo in "
		    "%s: %s", undo_run, strerror(errno));
	}
	snprintf(f, sizeof f, "%s/%d.path", undo_run, n);
	if (undo_write(f, path, strlen(path)) == -1) {
		unlink(f);
		snprintf(f, sizeof f, "%s/%d.data", undo_run, n);
		unlink(f);
		return hs_error_set(err, HS_EIO, "cannot keep a copy for undo in "
		    "%s: %s", undo_run, strerror(errno));
	}
	*slot = n;
	return HS_OK;
}

static char	undo_warn[512];

int
hs_undo_before(const char *path, const char *bytes, size_t len)
{
	struct hs_error	err;
	int		slot;

	hs_error_init(&err);
	if (hs_undo_keep(path, bytes, len, &slot, &err) != HS_OK &&
	    undo_warn[0] == '\0')
		snprintf(undo_warn, sizeof undo_warn, "%s", err.msg);
	return slot;
}

const char *
hs_undo_warning(void)
{
	return undo_warn[0] != '\0' ? undo_warn : NULL;
}

void
hs_undo_forget(int slot)
{
	char	f[PATH_MAX + 32];

	if (slot < 0 || undo_run[0] == '\0')
		return;
	snprintf(f, sizeof f, "%s/%d.data", undo_run, slot);
	unlink(f);
	snprintf(f, sizeof f, "%s/%d.path", undo_run, slot);
	unlink(f);
	/* An empty run is no run. */
	rmdir(undo_run);
}

/* The copies of one run that changed path (or all); appended to *out. */
static int
undo_entries(const char *dir, const char *run, const char *path,
    struct hs_undo_entry **out, size_t *n)
{
	struct hs_undo_entry	*e, *nv;
	char			 p[PATH_MAX + 128];
	FILE			*f;
	size_t			 k, len;
	int			 i;

	for (i = 0; i < 10000; i++) {
		snprintf(p, sizeof p, "%s/%s/%d.path", dir, run, i);
		if ((f = fopen(p, "r")) == NULL) {
			if (i > 0 || errno == ENOENT)
				break;
			continue;
		}
		if ((nv = realloc(*out, (*n + 1) * sizeof *nv)) == NULL) {
			fclose(f);
			return -1;
		}
		*out = nv;
		e = &nv[*n];
		len = fread(e->path, 1, sizeof e->path - 1, f);
		fclose(f);
		e->path[len] = '\0';
		if (path != NULL && strcmp(e->path, path) != 0)
			continue;
		/* The first copy of a file in a run is its state before it. */
		for (k = 0; k < *n; k++)
			if (strcmp((*out)[k].path, e->path) == 0 &&
			    strcmp((*out)[k].run, run) == 0)
				break;
		if (k < *n)
			continue;
		snprintf(e->run, sizeof e->run, "%s", run);
		snprintf(e->data, sizeof e->data, "%s/%s/%d.data", dir, run, i);
		(*n)++;
	}
	return 0;
}

int
hs_undo_last(const char *path, struct hs_undo_entry **out, size_t *n,
    struct hs_error *err)
{
	char	  dir[PATH_MAX], **v;
	size_t	  nruns, i;

	*out = NULL;
	*n = 0;
	if (hs_undo_dir(dir, sizeof dir) != 0)
		return hs_error_set(err, HS_EIO, "no undo folder: HOME is not "
		    "set");
	v = undo_runs(dir, &nruns);
	for (i = nruns; i > 0 && *n == 0; i--) {
		if (strcmp(v[i - 1], undo_run_name) == 0)
			continue;
		if (undo_entries(dir, v[i - 1], path, out, n) == -1) {
			undo_free_runs(v, nruns);
			return hs_error_set(err, HS_ENOMEM, "out of memory");
		}
	}
	undo_free_runs(v, nruns);
	return HS_OK;
}
