/*
 * holders.h: the processes that keep a store in memory and write it back
 * over any edit made while they run (doc/formats.md section 7), and what
 * to do about them before an edit: find which run, stop them in order
 * (apps, then their WebKit helpers, then agents), start agents again.
 */
#ifndef HS_HOLDERS_H
#define HS_HOLDERS_H

#include <stddef.h>

#include "platform/proc.h"
#include "stores/discover.h"
#include "util/error.h"

#define HOLD_MAX	16

/* The holders of the stores an edit writes, each once. */
struct hold_set {
	struct proc_ref	ref[HOLD_MAX];
	int		running[HOLD_MAX];	/* 1, 0, or -1: cannot tell */
	int		stopped[HOLD_MAX];
	size_t		n;
};

/* Add the holders of the store f that are not in the set yet. */
void	hold_add(struct hold_set *, const struct store_found *);
/* Leave out the browsers' profile locks (--force). */
void	hold_forget_locks(struct hold_set *);
/* "Safari and com.apple.WebKit.Networking": f's holders in words. */
const char *hold_text(const struct store_found *, char *, size_t);

enum hold_verdict {
	HOLD_FREE,	/* none runs: write */
	HOLD_BUSY,	/* one runs and stopping was not asked for: refuse */
	HOLD_STOPPED	/* those that ran were stopped: write, then restart */
};

/*
 * Look which holders run; stop them (in order) when stop is set.  A
 * holder the system cannot tell about counts as not running, and its
 * running[] is -1 so the caller can warn.  HS_OK and *v, or an error
 * (one that would not stop).  A browser whose profile lock is held is
 * never stopped: the verdict is HOLD_BUSY even with stop.
 */
int	hold_decide(const struct proc_ops *, struct hold_set *, int,
	    enum hold_verdict *, struct hs_error *);
/* Start again the agents that were stopped; HS_OK or the first error. */
int	hold_restart(const struct proc_ops *, struct hold_set *,
	    struct hs_error *);

#endif
