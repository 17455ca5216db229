/* discover.c: the HSTS stores of a home directory; see discover.h. */
#include <sys/stat.h>

#include <dirent.h>
#include <limits.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stores/discover.h"

#define SAFARI_ID	"com.apple.Safari"

/*
 * Where a store can be, relative to the home.  '*' is one folder's name:
 * the first is the app's bundle id, the second a data store's UUID; '='
 * is the bundle id again.  doc/formats.md section 7 gives the rules
 * behind these paths.
 */
static const struct disc_place {
	enum store_kind	 kind;
	const char	*pattern;
	const char	*owner;		/* fixed: then '*' is the profile */
} disc_places[] = {
	{ STORE_CFNETWORK, "Library/Cookies/HSTS.plist", NULL },
	{ STORE_WEBKIT_APP,
	    "Library/Containers/*/Data/Library/Caches/WebKit/HSTS/HSTS.plist",
	    NULL },
	{ STORE_WEBKIT_PROFILE, "Library/Containers/*/Data/Library/WebKit/"
	    "WebsiteDataStore/*/HSTS/HSTS.plist", NULL },
	{ STORE_APP_CFNETWORK,
	    "Library/Containers/*/Data/Library/Caches/=/HSTS.plist", NULL },
	{ STORE_WEBKIT_APP, "Library/Caches/*/WebKit/HSTS/HSTS.plist", NULL },
	{ STORE_WEBKIT_PROFILE,
	    "Library/WebKit/*/WebsiteDataStore/*/HSTS/HSTS.plist", NULL },
	/* Chromium browsers' profiles (doc/formats.md section 11). */
#define DISC_CHROMIUM(dir, name) \
	{ STORE_CHROMIUM, dir "/*/TransportSecurity", name }, \
	{ STORE_CHROMIUM, dir "/*/Network/TransportSecurity", name }
	DISC_CHROMIUM("Library/Application Support/Google/Chrome",
	    "Google Chrome"),
	DISC_CHROMIUM("Library/Application Support/Chromium", "Chromium"),
	DISC_CHROMIUM("Library/Application Support/Microsoft Edge",
	    "Microsoft Edge"),
	DISC_CHROMIUM("Library/Application Support/BraveSoftware/"
	    "Brave-Browser", "Brave"),
	DISC_CHROMIUM(".config/google-chrome", "Google Chrome"),
	DISC_CHROMIUM(".config/chromium", "Chromium"),
	DISC_CHROMIUM(".config/microsoft-edge", "Microsoft Edge"),
	DISC_CHROMIUM(".config/BraveSoftware/Brave-Browser", "Brave"),
	/* Electron apps keep one in their own folder. */
	{ STORE_ELECTRON, "Library/Application Support/Slack/"
	    "TransportSecurity", "Slack" },
	{ STORE_ELECTRON, "Library/Application Support/Code/"
	    "TransportSecurity", "Visual Studio Code" },
	{ STORE_ELECTRON, ".config/Slack/TransportSecurity", "Slack" },
	{ STORE_ELECTRON, ".config/Code/TransportSecurity",
	    "Visual Studio Code" },
	{ STORE_WGET, ".wget-hsts", "wget" },
};

/*
 * Firefox-family apps: their profiles are the folders profiles.ini
 * names.  For a path given with --store, the usual places of profiles
 * say what it is.
 */
static const struct disc_mozilla {
	const char	*ini;		/* profiles.ini, under the home */
	const char	*name;
} disc_mozilla[] = {
	{ "Library/Application Support/Firefox/profiles.ini", "Firefox" },
	{ ".mozilla/firefox/profiles.ini", "Firefox" },
	{ "Library/Thunderbird/profiles.ini", "Thunderbird" },
	{ ".thunderbird/profiles.ini", "Thunderbird" },
};
static const char *const disc_mozilla_files[] = {
	"SiteSecurityServiceState.bin", "SiteSecurityServiceState.txt"
};
#define DISC_NPLACES (sizeof disc_places / sizeof disc_places[0])
#define DISC_DEPTH	16	/* components in a pattern, at most */

/* A pattern split into its components. */
struct disc_pat {
	char	 buf[128];
	char	*part[DISC_DEPTH];
	size_t	 n;
};

struct disc {
	struct store_found	*v;
	size_t			 n;
	size_t			 cap;
	int			 nomem;
};

static void
disc_split(const char *pattern, struct disc_pat *p)
{
	char	*s, *save = NULL;

	snprintf(p->buf, sizeof p->buf, "%s", pattern);
	p->n = 0;
	for (s = strtok_r(p->buf, "/", &save); s != NULL && p->n < DISC_DEPTH;
	    s = strtok_r(NULL, "/", &save))
		p->part[p->n++] = s;
}

/* The kind of a place, given its owner: Safari's are Safari's. */
static enum store_kind
disc_kind(enum store_kind kind, const char *owner)
{
	if (owner == NULL || strcmp(owner, SAFARI_ID) != 0)
		return kind;
	if (kind == STORE_WEBKIT_APP)
		return STORE_SAFARI;
	return kind == STORE_WEBKIT_PROFILE ? STORE_SAFARI_PROFILE : kind;
}

/* Fill f (path taken over); 0, or -1 without memory (path freed). */
static int
disc_fill(struct store_found *f, enum store_kind kind, char *path,
    const char *owner, const char *profile)
{
	memset(f, 0, sizeof *f);
	f->kind = disc_kind(kind, owner);
	f->path = path;
	if ((owner != NULL && (f->owner = strdup(owner)) == NULL) ||
	    (profile != NULL && (f->profile = strdup(profile)) == NULL)) {
		store_found_clear(f);
		return -1;
	}
	return 0;
}

static void
disc_add(struct disc *d, enum store_kind kind, const char *path,
    const char *owner, const char *profile)
{
	struct store_found	*nv;
	struct stat		 st;
	char			*copy;

	/* Anything there counts: what it is, reading it says. */
	if (stat(path, &st) == -1 && (errno == ENOENT || errno == ENOTDIR))
		return;
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		if ((nv = realloc(d->v, d->cap * sizeof *nv)) == NULL) {
			d->nomem = 1;
			return;
		}
		d->v = nv;
	}
	if ((copy = strdup(path)) == NULL ||
	    disc_fill(&d->v[d->n], kind, copy, owner, profile) == -1)
		d->nomem = 1;
	else
		d->n++;
}

/*
 * Expand pattern component i onward below path (of length len, in a
 * buffer of PATH_MAX bytes), the names '*' stood for so far in cap.
 */
static void
disc_expand(struct disc *d, const struct disc_place *pl,
    const struct disc_pat *p, size_t i, char *path, size_t len,
    const char **cap, size_t ncap)
{
	struct dirent	*de;
	const char	*part;
	DIR		*dir;
	int		 w;

	if (d->nomem)
		return;
	if (i == p->n) {
		if (pl->owner != NULL)
			disc_add(d, pl->kind, path, pl->owner, ncap > 0 ?
			    cap[0] : NULL);
		else
			disc_add(d, pl->kind, path, ncap > 0 ? cap[0] : NULL,
			    ncap > 1 ? cap[1] : NULL);
		return;
	}
	part = p->part[i];
	if (strcmp(part, "*") != 0) {
		if (strcmp(part, "=") == 0)
			part = cap[0];
		w = snprintf(path + len, PATH_MAX - len, "/%s", part);
		if (w > 0 && (size_t)w < PATH_MAX - len)
			disc_expand(d, pl, p, i + 1, path, len + (size_t)w,
			    cap, ncap);
		path[len] = '\0';
		return;
	}
	if ((dir = opendir(path)) == NULL)
		return;
	while ((de = readdir(dir)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		w = snprintf(path + len, PATH_MAX - len, "/%s", de->d_name);
		if (w > 0 && (size_t)w < PATH_MAX - len) {
			cap[ncap] = de->d_name;
			disc_expand(d, pl, p, i + 1, path, len + (size_t)w,
			    cap, ncap + 1);
		}
		path[len] = '\0';
	}
	closedir(dir);
}

/* One profile of profiles.ini: its stores, if any. */
static void
disc_mozilla_profile(struct disc *d, const struct disc_mozilla *m,
    const char *inidir, const char *name, const char *ppath, int relative)
{
	char	path[PATH_MAX];
	size_t	i;
	int	w;

	for (i = 0; i < 2; i++) {
		w = relative ? snprintf(path, sizeof path, "%s/%s/%s", inidir,
		    ppath, disc_mozilla_files[i]) : snprintf(path, sizeof path,
		    "%s/%s", ppath, disc_mozilla_files[i]);
		if (w > 0 && (size_t)w < sizeof path)
			disc_add(d, STORE_FIREFOX, path, m->name, name);
	}
}

/* The profiles profiles.ini names (at most 64 KB of it is read). */
static void
disc_mozilla_ini(struct disc *d, const struct disc_mozilla *m,
    const char *home)
{
	char	 ini[PATH_MAX], dir[PATH_MAX], line[1024], name[256] = "";
	char	 ppath[PATH_MAX] = "", *nl, *slash;
	int	 relative = 1, in = 0, n = 0;
	FILE	*f;

	if (snprintf(ini, sizeof ini, "%s/%s", home, m->ini) >=
	    (int)sizeof ini || (f = fopen(ini, "r")) == NULL)
		return;
	snprintf(dir, sizeof dir, "%s", ini);
	if ((slash = strrchr(dir, '/')) != NULL)
		*slash = '\0';
	while (n++ < 4096 && fgets(line, sizeof line, f) != NULL) {
		if ((nl = strpbrk(line, "\r\n")) != NULL)
			*nl = '\0';
		if (line[0] == '[') {
			if (in && ppath[0] != '\0')
				disc_mozilla_profile(d, m, dir, name, ppath,
				    relative);
			in = strncmp(line, "[Profile", 8) == 0;
			name[0] = ppath[0] = '\0';
			relative = 1;
		} else if (in && strncmp(line, "Name=", 5) == 0)
			snprintf(name, sizeof name, "%.200s", line + 5);
		else if (in && strncmp(line, "Path=", 5) == 0)
			snprintf(ppath, sizeof ppath, "%s", line + 5);
		else if (in && strncmp(line, "IsRelative=", 11) == 0)
			relative = line[11] == '1';
	}
	if (in && ppath[0] != '\0')
		disc_mozilla_profile(d, m, dir, name, ppath, relative);
	fclose(f);
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
	struct disc	 d;
	struct disc_pat	 p;
	struct stat	 st;
	const char	*cap[2];
	char		 path[PATH_MAX];
	size_t		 i, len;

	*out = NULL;
	*n = 0;
	if (stat(home, &st) == -1)
		return hs_error_set(err, HS_EIO, "%s: %s", home,
		    strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return hs_error_set(err, HS_EIO, "%s: not a directory", home);
	if ((len = strlen(home)) >= sizeof path)
		return hs_error_set(err, HS_EIO, "%s: path too long", home);
	memset(&d, 0, sizeof d);
	for (i = 0; i < DISC_NPLACES; i++) {
		memcpy(path, home, len + 1);
		disc_split(disc_places[i].pattern, &p);
		disc_expand(&d, &disc_places[i], &p, 0, path, len, cap, 0);
	}
	for (i = 0; i < sizeof disc_mozilla / sizeof disc_mozilla[0]; i++)
		disc_mozilla_ini(&d, &disc_mozilla[i], home);
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

/*
 * Does path end with the place's pattern?  cap gets what '*' stood for
 * (pointers into comp).
 */
static int
disc_match(const struct disc_pat *p, char *const *comp, size_t ncomp,
    const char **cap, size_t *ncap)
{
	size_t	i, at;

	*ncap = 0;
	if (ncomp < p->n)
		return 0;
	at = ncomp - p->n;
	for (i = 0; i < p->n; i++) {
		if (strcmp(p->part[i], "*") == 0)
			cap[(*ncap)++] = comp[at + i];
		else if (strcmp(p->part[i], "=") == 0) {
			if (*ncap == 0 || strcmp(comp[at + i], cap[0]) != 0)
				return 0;
		} else if (strcmp(p->part[i], comp[at + i]) != 0)
			return 0;
	}
	return 1;
}

int
store_classify(const char *path, struct store_found *out,
    struct hs_error *err)
{
	struct disc_pat	 p;
	const char	*cap[2];
	char		*buf, *comp[256], *s, *save = NULL, *copy;
	size_t		 ncomp = 0, ncap, i;
	int		 r;

	if ((buf = strdup(path)) == NULL || (copy = strdup(path)) == NULL) {
		free(buf);
		return hs_error_set(err, HS_ENOMEM, "out of memory");
	}
	for (s = strtok_r(buf, "/", &save); s != NULL; s = strtok_r(NULL,
	    "/", &save))
		comp[ncomp++ % 256] = s;
	for (i = 0; ncomp <= 256 && i < DISC_NPLACES; i++) {
		disc_split(disc_places[i].pattern, &p);
		if (disc_match(&p, comp, ncomp, cap, &ncap))
			break;
	}
	if (ncomp >= 2 && ncomp <= 256 && i == DISC_NPLACES &&
	    (strcmp(comp[ncomp - 1], disc_mozilla_files[0]) == 0 ||
	    strcmp(comp[ncomp - 1], disc_mozilla_files[1]) == 0))
		/* A Firefox-family profile's: its folder names it. */
		r = disc_fill(out, STORE_FIREFOX, copy, strstr(path,
		    "hunderbird") ? "Thunderbird" : "Firefox",
		    comp[ncomp - 2]);
	else if (ncomp > 256 || i == DISC_NPLACES)
		r = disc_fill(out, STORE_FILE, copy, NULL, NULL);
	else if (disc_places[i].owner != NULL)
		r = disc_fill(out, disc_places[i].kind, copy,
		    disc_places[i].owner, ncap ? cap[0] : NULL);
	else
		r = disc_fill(out, disc_places[i].kind, copy, ncap ? cap[0] :
		    NULL, ncap > 1 ? cap[1] : NULL);
	free(buf);
	return r == 0 ? HS_OK : hs_error_set(err, HS_ENOMEM, "out of memory");
}

void
store_found_clear(struct store_found *f)
{
	free(f->path);
	free(f->owner);
	free(f->profile);
	memset(f, 0, sizeof *f);
}

void
store_found_free(struct store_found *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		store_found_clear(&v[i]);
	free(v);
}

const char *
store_kind_name(enum store_kind k)
{
	static const char *const names[] = {
		"Safari", "Safari profile", "WebKit app",
		"WebKit app profile", "CFNetwork shared store", "app",
		"Chromium browser", "Electron app", "Firefox profile", "wget",
		"HSTS store"
	};

	return names[k];
}

const char *
store_kind_id(enum store_kind k)
{
	static const char *const ids[] = {
		"safari", "safari-profile", "webkit-app", "webkit-app-profile",
		"cfnetwork-shared", "app-cfnetwork", "chromium", "electron",
		"firefox", "wget", "file"
	};

	return ids[k];
}

int
store_safari_reads(const struct store_found *f)
{
	return f->kind == STORE_SAFARI || f->kind == STORE_SAFARI_PROFILE;
}
