/* testhook.c: fault injection and pauses; see testhook.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util/testhook.h"

static const struct {
	const char	*name;
	int		 value;
} testhook_errnos[] = {
	{ "ENOSPC", ENOSPC }, { "EIO", EIO }, { "EROFS", EROFS },
	{ "EACCES", EACCES }, { "EDQUOT", EDQUOT }, { "EXDEV", EXDEV },
};

/*
 * Find "POINT=VALUE" in the comma-separated list in variable var; copy
 * VALUE to out.  0 when absent.
 */
static int
testhook_find(const char *var, const char *point, char *out, size_t len)
{
	const char	*s = getenv(var), *end;
	size_t		 plen = strlen(point), vlen;

	for (; s != NULL && *s != '\0'; s = *end ? end + 1 : end) {
		end = s + strcspn(s, ",");
		if ((size_t)(end - s) <= plen || strncmp(s, point, plen) != 0 ||
		    s[plen] != '=')
			continue;
		vlen = (size_t)(end - s) - plen - 1;
		if (vlen >= len)
			return 0;
		memcpy(out, s + plen + 1, vlen);
		out[vlen] = '\0';
		return 1;
	}
	return 0;
}

int
hs_testhook_fault(const char *point)
{
	char	name[16];
	size_t	i;

	if (!testhook_find("HSTSCTL_TEST_FAULT", point, name, sizeof name))
		return 0;
	for (i = 0; i < sizeof testhook_errnos / sizeof *testhook_errnos; i++)
		if (strcmp(name, testhook_errnos[i].name) == 0)
			return testhook_errnos[i].value;
	return EIO;
}

void
hs_testhook_pause(const char *point)
{
	static int	 paused;
	struct timespec	 nap = { 0, 5 * 1000 * 1000 };
	char		 file[1024];
	int		 fd, i;

	if (paused || !testhook_find("HSTSCTL_TEST_PAUSE", point, file,
	    sizeof file))
		return;
	paused = 1;
	if ((fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0600)) == -1)
		return;
	close(fd);
	for (i = 0; i < 6000 && access(file, F_OK) == 0; i++)
		nanosleep(&nap, NULL);
}
