/*
 * lock.h: whether a browser uses a profile, from the lock it keeps there
 * while it runs; files, the same on every system.
 */
#ifndef HS_LOCK_H
#define HS_LOCK_H

/*
 * Is the profile lock at path held by a running browser?  Chromium's
 * SingletonLock (a link to "HOST-PID"), or for a Firefox profile's folder
 * its lock (a link) or .parentlock (locked with fcntl while Firefox
 * runs).  A link naming a process of this host that is gone is stale.
 * 1 or 0.
 */
int	proc_lock_held(const char *);

#endif
