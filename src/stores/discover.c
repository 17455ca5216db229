/* discover.c: the HSTS stores of a home directory; see discover.h. */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stores/discover.h"

#define SAFARI_ID	"com.apple.Safari"

struct disc {
	const char		*home;
	struct store_found	*v;
	size_t			 n;
	size_t			 cap;
	int			 nomem;
};

/* home/(fmt, ap) as a new string; NULL, and d->nomem, without memory. */
static char *
disc_vpath(struct disc *d, const char *fmt, va_list ap)
{
	char	*rel, *path;

	if (d->nomem || vasprintf(&rel, fmt, ap) == -1) {
		d->nomem = 1;
		return NULL;
	}
	if (asprintf(&path, "%s/%s", d->home, rel) == -1) {
		d->nomem = 1;
		path = NULL;
	}
	free(rel);
	return path;
}

static void	disc_try(struct disc *, enum store_kind, const char *,
		    const char *, const char *, ...)
		    __attribute__((format(printf, 5, 6)));
static void	disc_profiles(struct disc *, enum store_kind, const char *,
		    const char *, ...) __attribute__((format(printf, 4, 5)));
static char	**disc_list(struct disc *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));

/* Add the store at home/(fmt, ...) if anything is there. */
static void
disc_try(struct disc *d, enum store_kind kind, const char *owner,
    const char *profile, const char *fmt, ...)
{
	struct store_found	*nv;
	struct stat		 st;
	char			*path;
	va_list			 ap;

	va_start(ap, fmt);
	path = disc_vpath(d, fmt, ap);
	va_end(ap);
	if (path == NULL)
		return;
	/* Anything there counts: what it is, reading it says. */
	if (stat(path, &st) == -1 && (errno == ENOENT || errno == ENOTDIR)) {
		free(path);
		return;
	}
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		if ((nv = realloc(d->v, d->cap * sizeof *nv)) == NULL) {
			free(path);
			d->nomem = 1;
			return;
		}
		d->v = nv;
	}
	nv = &d->v[d->n];
	memset(nv, 0, sizeof *nv);
	nv->kind = kind;
	nv->path = path;
	if ((owner != NULL && (nv->owner = strdup(owner)) == NULL) ||
	    (profile != NULL && (nv->profile = strdup(profile)) == NULL)) {
		free(nv->owner);
		free(path);
		d->nomem = 1;
		return;
	}
	d->n++;
}

/*
 * The names in home/(fmt, ...), without "." entries; NULL-terminated,
 * caller frees with disc_free_list.  A folder that is not there has none.
 */
static char **
disc_list(struct disc *d, const char *fmt, ...)
{
	struct dirent	 *de;
	char		 *path, **v, **nv;
	size_t		  n = 0;
	va_list		  ap;
	DIR		 *dir;

	va_start(ap, fmt);
	path = disc_vpath(d, fmt, ap);
	va_end(ap);
	if (path == NULL)
		return NULL;
	dir = opendir(path);
	free(path);
	if ((v = calloc(1, sizeof *v)) == NULL) {
		d->nomem = 1;
		if (dir != NULL)
			closedir(dir);
		return NULL;
	}
	while (dir != NULL && (de = readdir(dir)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if ((nv = realloc(v, (n + 2) * sizeof *v)) == NULL ||
		    (nv[n] = strdup(de->d_name)) == NULL) {
			d->nomem = 1;
			v = nv ? nv : v;
			break;
		}
		v = nv;
		v[++n] = NULL;
	}
	if (dir != NULL)
		closedir(dir);
	return v;
}

static int
disc_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
disc_free_list(char **v)
{
	size_t	i;

	for (i = 0; v != NULL && v[i] != NULL; i++)
		free(v[i]);
	free(v);
}

/* Every <UUID>/HSTS/HSTS.plist under the data-store root (fmt, ...). */
static void
disc_profiles(struct disc *d, enum store_kind kind, const char *owner,
    const char *fmt, ...)
{
	char	 *root, **ids;
	size_t	  i, n;
	va_list	  ap;
	int	  r;

	va_start(ap, fmt);
	r = vasprintf(&root, fmt, ap);
	va_end(ap);
	if (r == -1) {
		d->nomem = 1;
		return;
	}
	ids = disc_list(d, "%s", root);
	for (n = 0; ids != NULL && ids[n] != NULL; n++)
		;
	if (ids != NULL)
		qsort(ids, n, sizeof *ids, disc_cmp);
	for (i = 0; i < n; i++)
		disc_try(d, kind, owner, ids[i], "%s/%s/HSTS/HSTS.plist", root,
		    ids[i]);
	disc_free_list(ids);
	free(root);
}

/* The stores of the app with bundle id in Library/Containers. */
static void
disc_container(struct disc *d, const char *id)
{
	const int	safari = strcmp(id, SAFARI_ID) == 0;

	disc_try(d, safari ? STORE_SAFARI : STORE_WEBKIT_APP, id, NULL,
	    "Library/Containers/%s/Data/Library/Caches/WebKit/HSTS/HSTS.plist",
	    id);
	disc_profiles(d, safari ? STORE_SAFARI_PROFILE : STORE_WEBKIT_PROFILE,
	    id, "Library/Containers/%s/Data/Library/WebKit/WebsiteDataStore",
	    id);
	disc_try(d, STORE_APP_CFNETWORK, id, NULL,
	    "Library/Containers/%s/Data/Library/Caches/%s/HSTS.plist", id, id);
}

/* An unsandboxed app's WebKit stores, under Library/Caches and WebKit. */
static void
disc_unsandboxed(struct disc *d, const char *id)
{
	disc_try(d, STORE_WEBKIT_APP, id, NULL,
	    "Library/Caches/%s/WebKit/HSTS/HSTS.plist", id);
	disc_profiles(d, STORE_WEBKIT_PROFILE, id,
	    "Library/WebKit/%s/WebsiteDataStore", id);
}

static int
store_found_cmp(const void *a, const void *b)
{
	const struct store_found	*x = a, *y = b;

	if (x->kind != y->kind)
		return (int)x->kind - (int)y->kind;
	return strcmp(x->path, y->path);
}

int
store_discover(const char *home, struct store_found **out, size_t *n,
    struct hs_error *err)
{
	struct disc	  d;
	struct stat	  st;
	char		**ids;
	size_t		  i;

	*out = NULL;
	*n = 0;
	if (stat(home, &st) == -1)
		return hs_error_set(err, HS_EIO, "%s: %s", home,
		    strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return hs_error_set(err, HS_EIO, "%s: not a directory", home);
	memset(&d, 0, sizeof d);
	d.home = home;
	disc_try(&d, STORE_CFNETWORK, NULL, NULL, "%s",
	    "Library/Cookies/HSTS.plist");
	ids = disc_list(&d, "%s", "Library/Containers");
	for (i = 0; ids != NULL && ids[i] != NULL; i++)
		disc_container(&d, ids[i]);
	disc_free_list(ids);
	ids = disc_list(&d, "%s", "Library/Caches");
	for (i = 0; ids != NULL && ids[i] != NULL; i++)
		disc_unsandboxed(&d, ids[i]);
	disc_free_list(ids);
	if (d.nomem) {
		store_found_free(d.v, d.n);
		return hs_error_set(err, HS_ENOMEM, "out of memory");
	}
	if (d.n > 0)
		qsort(d.v, d.n, sizeof *d.v, store_found_cmp);
	*out = d.v;
	*n = d.n;
	return HS_OK;
}

void
store_found_free(struct store_found *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(v[i].path);
		free(v[i].owner);
		free(v[i].profile);
	}
	free(v);
}

const char *
store_kind_name(enum store_kind k)
{
	static const char *const names[] = {
		"Safari", "Safari profile", "WebKit app",
		"WebKit app profile", "CFNetwork shared store", "app"
	};

	return names[k];
}

const char *
store_kind_id(enum store_kind k)
{
	static const char *const ids[] = {
		"safari", "safari-profile", "webkit-app", "webkit-app-profile",
		"cfnetwork-shared", "app-cfnetwork"
	};

	return ids[k];
}

const char *
store_holder(const struct store_found *f, char *buf, size_t len)
{
	switch (f->kind) {
	case STORE_SAFARI:
	case STORE_SAFARI_PROFILE:
		snprintf(buf, len, "Safari and com.apple.WebKit.Networking");
		break;
	case STORE_WEBKIT_APP:
	case STORE_WEBKIT_PROFILE:
		snprintf(buf, len, "%s and its com.apple.WebKit.Networking",
		    f->owner);
		break;
	case STORE_CFNETWORK:
		snprintf(buf, len, "nsurlstoraged");
		break;
	default:
		snprintf(buf, len, "%s", f->owner);
	}
	return buf;
}
