/*
 * proc.h: the processes that keep HSTS stores in memory, as the system
 * sees them.  One small interface, so that what hstsctl decides about
 * them (src/stores/holders.c) is tested on Linux against a fake table;
 * the macOS calls behind it are thin and compile away elsewhere.
 */
#ifndef HS_PROC_H
#define HS_PROC_H

#include <stddef.h>

#include "util/error.h"

enum proc_kind {
	PROC_APP,	/* an app, by bundle id: quit as the user would */
	PROC_HELPER,	/* a process by name: ended; it comes back on demand */
	PROC_AGENT,	/* a launchd agent: ended, then started again */
	PROC_LOCK	/* a browser, by the lock file of its profile
			   (name: its path); hstsctl cannot close it */
};

struct proc_ref {
	enum proc_kind	 kind;
	char		 name[256];	/* bundle id, or the process's name */
	char		 label[256];	/* PROC_AGENT: its launchd label */
	char		 shown[256];	/* the name people know ("Safari") */
};

struct proc_ops {
	/* Does it run?  1 yes, 0 no, -1 cannot tell (err says why). */
	int	(*running)(void *, const struct proc_ref *, struct hs_error *);
	/* Ask it to end and wait until it has.  HS_OK or an error. */
	int	(*stop)(void *, const struct proc_ref *, struct hs_error *);
	/* Start an agent again.  HS_OK or an error. */
	int	(*start)(void *, const struct proc_ref *, struct hs_error *);
	void	*arg;
};

/*
 * The system's processes: on macOS the real ones; elsewhere none of
 * these runs.  With HSTSCTL_TEST_PROCS=FILE, the test suite's fake table
 * in FILE (proc-fake.c).
 */
const struct proc_ops *proc_system(void);
/* The fake table kept in a file; see proc-fake.c. */
const struct proc_ops *proc_fake(const char *);
/*
 * The shell command that does what stop (start: 0) or start (1) does,
 * for people to run themselves, into buf.
 */
const char *proc_command(const struct proc_ref *, int, char *, size_t);

#endif
