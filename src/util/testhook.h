/*
 * testhook.h: fault injection and pauses, for the test suite only.
 *
 * Both are driven by the environment and do nothing when it is unset:
 *
 *   HSTSCTL_TEST_FAULT=POINT=ERRNO[,POINT=ERRNO...]
 *	hs_testhook_fault(POINT) returns that errno (ENOSPC, EIO, EROFS,
 *	EACCES, EDQUOT, EXDEV), so the caller fails as the system call
 *	would have.  Points: lock, tmp, write, fsync, rename, dirsync.
 *
 *   HSTSCTL_TEST_PAUSE=POINT=FILE
 *	The first time POINT is reached, hs_testhook_pause() creates FILE and
 *	waits (up to 30 s) until it is removed, so a test can change the
 *	world at that moment.  Points: before-write (the edit is made and
 *	checked, the file not yet touched), before-rename (the temporary
 *	file is written and flushed).
 */
#ifndef HS_TESTHOOK_H
#define HS_TESTHOOK_H

int	hs_testhook_fault(const char *);
void	hs_testhook_pause(const char *);

#endif
