/*
 * proc-fake.c: a process table kept in a file, for the test suite
 * (HSTSCTL_TEST_PROCS=FILE).  Each line of FILE is a process that runs:
 *
 *	app com.apple.Safari
 *	helper com.apple.WebKit.Networking
 *	agent nsurlstoraged
 *	stuck NAME		(stopping NAME fails)
 *
 * Stopping one takes its line out; starting an agent puts it back; each
 * does so in place and appends "stop KIND NAME" or "start KIND NAME" to
 * FILE.log, so a test sees what hstsctl did and in which order.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "platform/lock.h"
#include "platform/proc.h"

static const char *const fake_kinds[] = { "app", "helper", "agent", "lock" };

/* Is the line "word name" in the file? */
static int
fake_has(const char *file, const char *word, const char *name)
{
	char	 line[600], want[600];
	FILE	*f;
	int	 found = 0;

	snprintf(want, sizeof want, "%s %s\n", word, name);
	if ((f = fopen(file, "r")) == NULL)
		return 0;
	while (!found && fgets(line, sizeof line, f) != NULL)
		found = strcmp(line, want) == 0;
	fclose(f);
	return found;
}

static int
fake_log(const char *file, const char *verb, const struct proc_ref *p)
{
	char	 path[4200];
	FILE	*f;

	snprintf(path, sizeof path, "%s.log", file);
	if ((f = fopen(path, "a")) == NULL)
		return -1;
	fprintf(f, "%s %s %s\n", verb, fake_kinds[p->kind], p->name);
	return fclose(f);
}

/* Rewrite the file without the line "kind name". */
static int
fake_drop(const char *file, const struct proc_ref *p)
{
	char	 line[600], want[600], *keep = NULL;
	size_t	 n = 0, len;
	FILE	*f;

	snprintf(want, sizeof want, "%s %s\n", fake_kinds[p->kind], p->name);
	if ((f = fopen(file, "r")) == NULL)
		return -1;
	while (fgets(line, sizeof line, f) != NULL) {
		if (strcmp(line, want) == 0)
			continue;
		len = strlen(line);
		if ((keep = realloc(keep, n + len + 1)) == NULL) {
			fclose(f);
			return -1;
		}
		memcpy(keep + n, line, len + 1);
		n += len;
	}
	fclose(f);
	if ((f = fopen(file, "w")) == NULL) {
		free(keep);
		return -1;
	}
	fwrite(keep ? keep : "", 1, n, f);
	free(keep);
	return fclose(f);
}

static int
fake_running(void *arg, const struct proc_ref *p, struct hs_error *err)
{
	(void)err;
	/* A profile lock is a file the test makes: looked at for real. */
	if (p->kind == PROC_LOCK)
		return proc_lock_held(p->name);
	return fake_has(arg, fake_kinds[p->kind], p->name);
}

static int
fake_stop(void *arg, const struct proc_ref *p, struct hs_error *err)
{
	if (p->kind == PROC_LOCK)
		return hs_error_set(err, HS_EIO, "hstsctl does not close %s; "
		    "quit it yourself", p->shown);
	if (fake_has(arg, "stuck", p->name))
		return hs_error_set(err, HS_EIO, "%s is still running 10 "
		    "seconds after hstsctl asked it to quit", p->shown);
	if (fake_drop(arg, p) == -1 || fake_log(arg, "stop", p) == -1)
		return hs_error_set(err, HS_EIO, "%s: cannot update the fake "
		    "process table", (const char *)arg);
	return HS_OK;
}

static int
fake_start(void *arg, const struct proc_ref *p, struct hs_error *err)
{
	FILE	*f;
	int	 bad;

	if ((f = fopen(arg, "a")) == NULL)
		bad = 1;
	else {
		bad = fprintf(f, "%s %s\n", fake_kinds[p->kind], p->name) < 0;
		bad |= fclose(f) != 0;
	}
	if (bad || fake_log(arg, "start", p) == -1)
		return hs_error_set(err, HS_EIO, "%s: cannot update the fake "
		    "process table", (const char *)arg);
	return HS_OK;
}

const struct proc_ops *
proc_fake(const char *file)
{
	static struct proc_ops	ops = { fake_running, fake_stop, fake_start,
	    NULL };

	ops.arg = (void *)file;
	return &ops;
}
