/*
 * proc.c: the system's processes (see proc.h).  On macOS: osascript for
 * apps (by bundle id), pgrep and pkill for processes by name, launchctl
 * for agents, each run without a shell.  Elsewhere none of them runs.
 */
#include <sys/types.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "platform/lock.h"
#include "platform/proc.h"

#if defined(__APPLE__) || defined(HS_PROC_MACOS)
#define PROC_MACOS 1
#endif

const char *
proc_command(const struct proc_ref *p, int start, char *buf, size_t len)
{
	if (p->kind == PROC_LOCK)
		snprintf(buf, len, "(quit %s: it keeps the store open while it "
		    "runs)", p->shown);
	else if (start)
		snprintf(buf, len, "launchctl kickstart gui/$(id -u)/%s",
		    p->label);
	else if (p->kind == PROC_APP)
		snprintf(buf, len, "osascript -e 'quit app id \"%s\"'",
		    p->name);
	else
		snprintf(buf, len, "killall %s", p->name);
	return buf;
}

#ifdef PROC_MACOS
extern char **environ;

/* Names we pass on: letters, digits, '.', '-', '_' only. */
static int
proc_plain(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (!(*s >= 'a' && *s <= 'z') && !(*s >= 'A' && *s <= 'Z') &&
		    !(*s >= '0' && *s <= '9') && strchr(".-_", *s) == NULL)
			return 0;
	return 1;
}

/*
 * Run argv (no shell); its exit status, or -1.  out, when not NULL,
 * gets the first len-1 bytes it writes.
 */
static int
proc_run(char *const *argv, char *out, size_t len)
{
	posix_spawn_file_actions_t	 fa;
	pid_t				 pid;
	ssize_t				 r;
	size_t				 n = 0;
	int				 fd[2] = { -1, -1 }, status;

	posix_spawn_file_actions_init(&fa);
	if (out != NULL && pipe(fd) == 0) {
		posix_spawn_file_actions_adddup2(&fa, fd[1], STDOUT_FILENO);
		posix_spawn_file_actions_addclose(&fa, fd[0]);
	} else
		posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO,
		    "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null",
	    O_WRONLY, 0);
	status = posix_spawn(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (fd[1] != -1)
		close(fd[1]);
	while (status == 0 && fd[0] != -1 && n + 1 < len &&
	    (r = read(fd[0], out + n, len - 1 - n)) > 0)
		n += (size_t)r;
	if (out != NULL)
		out[n] = '\0';
	if (fd[0] != -1)
		close(fd[0]);
	if (status != 0)
		return -1;
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int
proc_sys_running(void *arg, const struct proc_ref *p, struct hs_error *err)
{
	char	script[400], out[16];

	if (p->kind == PROC_LOCK)
		return proc_lock_held(p->name);
	char	*app[] = { "/usr/bin/osascript", "-e", script, NULL };
	char	*pg[] = { "/usr/bin/pgrep", "-x", (char *)p->name, NULL };
	int	 r;

	(void)arg;
	if (!proc_plain(p->name))
		return hs_error_set(err, HS_EINVAL, "'%s' is not a name "
		    "hstsctl passes to the system", p->name), -1;
	if (p->kind == PROC_APP) {
		snprintf(script, sizeof script, "application id \"%s\" is "
		    "running", p->name);
		if (proc_run(app, out, sizeof out) != 0)
			return hs_error_set(err, HS_EIO, "osascript could not "
			    "tell whether %s runs", p->shown), -1;
		return strncmp(out, "true", 4) == 0;
	}
	if ((r = proc_run(pg, NULL, 0)) == -1 || r > 1)
		return hs_error_set(err, HS_EIO, "pgrep could not tell whether "
		    "%s runs", p->name), -1;
	return r == 0;
}

/* Wait up to 10 s for p to end. */
static int
proc_sys_wait(const struct proc_ref *p, struct hs_error *err)
{
	struct timespec	ts = { 0, 100 * 1000 * 1000 };
	int		i, r;

	for (i = 0; i < 100; i++) {
		if ((r = proc_sys_running(NULL, p, err)) <= 0)
			return r == 0 ? HS_OK : err->code;
		nanosleep(&ts, NULL);
	}
	return hs_error_set(err, HS_EIO, "%s is still running 10 seconds "
	    "after hstsctl asked it to quit", p->shown);
}

static int
proc_sys_stop(void *arg, const struct proc_ref *p, struct hs_error *err)
{
	char	script[400];

	if (p->kind == PROC_LOCK)
		return hs_error_set(err, HS_EIO, "hstsctl does not close %s; "
		    "quit it yourself", p->shown);
	char	*app[] = { "/usr/bin/osascript", "-e", script, NULL };
	char	*pk[] = { "/usr/bin/pkill", "-x", (char *)p->name, NULL };

	(void)arg;
	if (!proc_plain(p->name))
		return hs_error_set(err, HS_EINVAL, "'%s' is not a name "
		    "hstsctl passes to the system", p->name);
	snprintf(script, sizeof script, "quit app id \"%s\"", p->name);
	if (proc_run(p->kind == PROC_APP ? app : pk, NULL, 0) == -1)
		return hs_error_set(err, HS_EIO, "could not ask %s to quit",
		    p->shown);
	return proc_sys_wait(p, err);
}

static int
proc_sys_start(void *arg, const struct proc_ref *p, struct hs_error *err)
{
	char	 target[400];
	char	*lc[] = { "/bin/launchctl", "kickstart", target, NULL };

	(void)arg;
	if (!proc_plain(p->label))
		return hs_error_set(err, HS_EINVAL, "'%s' is not a name "
		    "hstsctl passes to the system", p->label);
	snprintf(target, sizeof target, "gui/%u/%s", (unsigned)getuid(),
	    p->label);
	if (proc_run(lc, NULL, 0) != 0)
		return hs_error_set(err, HS_EIO, "launchctl could not start "
		    "%s", p->label);
	return HS_OK;
}
#else
static int
proc_sys_running(void *arg, const struct proc_ref *p, struct hs_error *err)
{
	(void)arg, (void)err;
	/* Browsers' profile locks are files; macOS's processes are not here. */
	return p->kind == PROC_LOCK ? proc_lock_held(p->name) : 0;
}

static int
proc_sys_stop(void *arg, const struct proc_ref *p, struct hs_error *err)
{
	(void)arg;
	if (p->kind == PROC_LOCK)
		return hs_error_set(err, HS_EIO, "hstsctl does not close %s; "
		    "quit it yourself", p->shown);
	return HS_OK;
}

static int
proc_sys_start(void *arg, const struct proc_ref *p, struct hs_error *err)
{
	(void)arg, (void)p, (void)err;
	return HS_OK;
}
#endif

static const struct proc_ops proc_sys_ops = {
	proc_sys_running, proc_sys_stop, proc_sys_start, NULL
};

const struct proc_ops *
proc_system(void)
{
	const char	*fake = getenv("HSTSCTL_TEST_PROCS");

	if (fake != NULL && *fake != '\0')
		return proc_fake(fake);
	return &proc_sys_ops;
}
