/* holders.c: the processes that hold stores; see holders.h. */
#include <stdio.h>
#include <string.h>

#include "stores/holders.h"

#define WEBKIT_NETWORKING	"com.apple.WebKit.Networking"

/*
 * The lock of a browser's profile: Chromium's SingletonLock in its user
 * data folder (the profile folder's parent; Electron apps keep theirs
 * beside the store), a Firefox profile's folder.
 */
static void
hold_lock(const struct store_found *f, struct proc_ref *r)
{
	char	dir[sizeof r->name], *slash;
	int	up, i;

	r->kind = PROC_LOCK;
	snprintf(r->shown, sizeof r->shown, "%s", f->owner ? f->owner : "the "
	    "browser");
	snprintf(dir, sizeof dir, "%s", f->path);
	/* .../UDD/PROFILE/[Network/]TransportSecurity, or .../APP/... */
	up = f->kind == STORE_ELECTRON || f->kind == STORE_FIREFOX ? 1 :
	    strstr(f->path, "/Network/TransportSecurity") ? 3 : 2;
	for (i = 0; i < up && (slash = strrchr(dir, '/')) != NULL; i++)
		*slash = '\0';
	if (f->kind == STORE_FIREFOX)
		snprintf(r->name, sizeof r->name, "%s", dir);
	else
		snprintf(r->name, sizeof r->name, "%.*s/SingletonLock",
		    (int)sizeof r->name - 16, dir);
}

/* f's holders, in the order to stop them; returns how many. */
static size_t
hold_of(const struct store_found *f, struct proc_ref *r)
{
	size_t	n = 0;

	memset(r, 0, 2 * sizeof *r);
	switch (f->kind) {
	case STORE_CHROMIUM:
	case STORE_ELECTRON:
	case STORE_FIREFOX:
		hold_lock(f, r);
		return 1;
	case STORE_WGET:
		return 0;
	case STORE_CFNETWORK:
		r[0].kind = PROC_AGENT;
		snprintf(r[0].name, sizeof r[0].name, "nsurlstoraged");
		snprintf(r[0].label, sizeof r[0].label,
		    "com.apple.nsurlstoraged");
		snprintf(r[0].shown, sizeof r[0].shown, "nsurlstoraged");
		return 1;
	case STORE_FILE:
		return 0;
	default:
		break;
	}
	r[n].kind = PROC_APP;
	snprintf(r[n].name, sizeof r[n].name, "%s", f->owner ? f->owner : "");
	snprintf(r[n].shown, sizeof r[n].shown, "%s", f->kind ==
	    STORE_SAFARI || f->kind == STORE_SAFARI_PROFILE ? "Safari" :
	    r[n].name);
	n++;
	if (f->kind != STORE_APP_CFNETWORK) {
		r[n].kind = PROC_HELPER;
		snprintf(r[n].name, sizeof r[n].name, WEBKIT_NETWORKING);
		snprintf(r[n].shown, sizeof r[n].shown, WEBKIT_NETWORKING);
		n++;
	}
	return n;
}

const char *
hold_text(const struct store_found *f, char *buf, size_t len)
{
	struct proc_ref	r[2];
	size_t		n = hold_of(f, r);

	if (n == 0)
		snprintf(buf, len, "nothing hstsctl knows of");
	else if (n == 1)
		snprintf(buf, len, "%s", r[0].shown);
	else
		snprintf(buf, len, "%s and %s", r[0].shown, r[1].shown);
	return buf;
}

void
hold_add(struct hold_set *s, const struct store_found *f)
{
	struct proc_ref	r[2];
	size_t		n = hold_of(f, r), i, j;

	for (i = 0; i < n; i++) {
		for (j = 0; j < s->n; j++)
			if (s->ref[j].kind == r[i].kind &&
			    strcmp(s->ref[j].name, r[i].name) == 0)
				break;
		if (j < s->n || s->n == HOLD_MAX)
			continue;
		/* Keep the set in stopping order: apps, helpers, agents. */
		for (j = s->n; j > 0 && s->ref[j - 1].kind > r[i].kind; j--)
			s->ref[j] = s->ref[j - 1];
		s->ref[j] = r[i];
		s->n++;
	}
}

int
hold_decide(const struct proc_ops *ops, struct hold_set *s, int stop,
    enum hold_verdict *v, struct hs_error *err)
{
	struct hs_error	why;
	size_t		i, nrun = 0;
	int		r;

	*v = HOLD_FREE;
	for (i = 0; i < s->n; i++) {
		hs_error_init(&why);
		s->running[i] = ops->running(ops->arg, &s->ref[i], &why);
		nrun += s->running[i] == 1;
	}
	if (nrun == 0)
		return HS_OK;
	/* A browser hstsctl cannot close: refuse before stopping anything. */
	for (i = 0; i < s->n; i++)
		if (s->ref[i].kind == PROC_LOCK && s->running[i] == 1)
			stop = 0;
	if (!stop) {
		*v = HOLD_BUSY;
		return HS_OK;
	}
	/* An app's helpers may start only once it has gone: look again. */
	for (i = 0; i < s->n; i++) {
		hs_error_init(&why);
		if (s->running[i] != 1 && !(s->ref[i].kind != PROC_APP &&
		    ops->running(ops->arg, &s->ref[i], &why) == 1))
			continue;
		if ((r = ops->stop(ops->arg, &s->ref[i], err)) != HS_OK)
			return r;
		s->running[i] = 1;
		s->stopped[i] = 1;
	}
	*v = HOLD_STOPPED;
	return HS_OK;
}

void
hold_forget_locks(struct hold_set *s)
{
	size_t	i, w = 0;

	for (i = 0; i < s->n; i++)
		if (s->ref[i].kind != PROC_LOCK)
			s->ref[w++] = s->ref[i];
	s->n = w;
}

int
hold_restart(const struct proc_ops *ops, struct hold_set *s,
    struct hs_error *err)
{
	size_t	i;
	int	r, first = HS_OK;

	for (i = 0; i < s->n; i++) {
		if (!s->stopped[i] || s->ref[i].kind != PROC_AGENT)
			continue;
		if ((r = ops->start(ops->arg, &s->ref[i], err)) != HS_OK &&
		    first == HS_OK)
			first = r;
		s->stopped[i] = 0;
	}
	return first;
}
