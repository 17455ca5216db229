/* security.c: trust settings through security(1); see security.h. */
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "platform/security.h"

extern char **environ;

int
sec_available(void)
{
	const char	*t = getenv("HSTSCTL_TEST_SECURITY");

#ifdef __APPLE__
	(void)t;
	return 1;
#else
	return t != NULL && *t != '\0';
#endif
}

/*
 * Run security with the verb, -d for admin, and path; its exit status,
 * or -1 if it could not be run.  What it says goes to our stderr only
 * when it fails, as the reason (in why, len bytes).
 */
static int
sec_run(const char *verb, int admin, const char *path, char *why, size_t len)
{
	posix_spawn_file_actions_t	 fa;
	char				*argv[5];
	FILE				*out;
	pid_t				 pid;
	ssize_t				 n;
	int				 status, fd, i = 0;

	argv[i++] = "security";
	argv[i++] = (char *)verb;
	if (admin)
		argv[i++] = "-d";
	argv[i++] = (char *)path;
	argv[i] = NULL;
	why[0] = '\0';
	if ((out = tmpfile()) == NULL)
		return -1;
	fd = fileno(out);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fd, STDERR_FILENO);
	posix_spawn_file_actions_adddup2(&fa, fd, STDOUT_FILENO);
	status = posix_spawnp(&pid, "security", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (status != 0) {
		fclose(out);
		snprintf(why, len, "cannot run security: %s", strerror(status));
		return -1;
	}
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR) {
			fclose(out);
			return -1;
		}
	if (lseek(fd, 0, SEEK_SET) == 0 && (n = read(fd, why, len - 1)) > 0) {
		why[n] = '\0';
		why[strcspn(why, "\n")] = '\0';
	}
	fclose(out);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int
sec_export(int admin, const char *path, struct hs_error *err)
{
	char	why[512];
	int	r = sec_run("trust-settings-export", admin, path, why, sizeof why);

	if (r == 0)
		return HS_OK;
	if (strstr(why, "No Trust Settings") != NULL)
		return hs_error_set(err, HS_ENOENT, "the %s domain has no "
		    "trust settings", admin ? "admin" : "user");
	return hs_error_set(err, HS_EIO, "security trust-settings-export "
	    "failed%s%s", why[0] ? ": " : "", why);
}

int
sec_import(int admin, const char *path, struct hs_error *err)
{
	char	why[512];

	if (sec_run("trust-settings-import", admin, path, why, sizeof why) ==
	    0)
		return HS_OK;
	return hs_error_set(err, HS_EIO, "security trust-settings-import "
	    "failed%s%s", why[0] ? ": " : "", why);
}
