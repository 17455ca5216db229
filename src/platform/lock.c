/* lock.c: browsers' profile locks; see lock.h. */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "platform/lock.h"

/* A link to "HOST-PID" or "ADDR:+PID" naming a process here that is gone? */
static int
proc_link_stale(const char *path)
{
	char	 to[512], host[256];
	char	*sep;
	ssize_t	 n;
	long	 pid;

	if ((n = readlink(path, to, sizeof to - 1)) <= 0)
		return 0;
	to[n] = '\0';
	if ((sep = strrchr(to, '-')) == NULL && (sep = strrchr(to, '+')) ==
	    NULL)
		return 0;
	pid = strtol(sep + 1, NULL, 10);
	*sep = '\0';
	if (sep > to && sep[-1] == ':')
		sep[-1] = '\0';
	if (pid <= 0 || gethostname(host, sizeof host) != 0)
		return 0;
	/* Firefox writes an address, not the name: only a dead pid counts. */
	if (strcmp(to, host) != 0 && strchr(to, '.') == NULL)
		return 0;
	return kill((pid_t)pid, 0) == -1 && errno == ESRCH;
}

int
proc_lock_held(const char *path)
{
	struct flock	 fl;
	struct stat	 st;
	char		 p2[4200];
	int		 fd, held = 0;

	if (lstat(path, &st) == 0 && !S_ISDIR(st.st_mode))
		return !(S_ISLNK(st.st_mode) && proc_link_stale(path));
	if (lstat(path, &st) != 0)
		return 0;
	/* A Firefox profile: its lock link, or its locked .parentlock. */
	snprintf(p2, sizeof p2, "%s/lock", path);
	if (lstat(p2, &st) == 0)
		return !(S_ISLNK(st.st_mode) && proc_link_stale(p2));
	snprintf(p2, sizeof p2, "%s/.parentlock", path);
	if ((fd = open(p2, O_RDONLY | O_CLOEXEC)) == -1)
		return 0;
	memset(&fl, 0, sizeof fl);
	fl.l_type = F_RDLCK;
	fl.l_whence = SEEK_SET;
	if (fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type != F_UNLCK)
		held = 1;
	close(fd);
	return held;
}

