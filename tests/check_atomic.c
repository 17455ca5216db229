/* check_atomic.c: atomic replacement and the writers' lock. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "suites.h"
#include "util/atomic.h"

static char	dir[64];

static void
setup(void)
{
	strcpy(dir, "/tmp/hstsctl-check-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void
teardown(void)
{
	char	cmd[128];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

static int
entries_in(const char *d)
{
	char	cmd[160];
	FILE	*p;
	int	 n = -1;

	snprintf(cmd, sizeof cmd, "ls -A '%s' | wc -l", d);
	p = popen(cmd, "r");
	if (fscanf(p, "%d", &n) != 1)
		n = -1;
	pclose(p);
	return n;
}

START_TEST(test_write_keeps_mode)
{
	struct hs_error	 err;
	struct stat	 st;
	char		 path[128], buf[16] = { 0 };
	FILE		*f;

	snprintf(path, sizeof path, "%s/store", dir);
	f = fopen(path, "w");
	fputs("old", f);
	fclose(f);
	chmod(path, 0604);
	stat(path, &st);
	hs_error_init(&err);
	ck_assert_int_eq(hs_atomic_write(path, "new bytes", 9, &st, &err),
	    HS_OK);
	stat(path, &st);
	ck_assert_int_eq(st.st_mode & 07777, 0604);
	f = fopen(path, "r");
	ck_assert_uint_eq(fread(buf, 1, sizeof buf, f), 9);
	fclose(f);
	ck_assert_str_eq(buf, "new bytes");
	ck_assert_int_eq(entries_in(dir), 1);
}
END_TEST

START_TEST(test_write_error_leaves_nothing)
{
	struct hs_error	err;
	char		path[128];

	snprintf(path, sizeof path, "%s/missing-dir/store", dir);
	hs_error_init(&err);
	ck_assert_int_eq(hs_atomic_write(path, "x", 1, NULL, &err), HS_EIO);
	ck_assert(strstr(err.msg, "cannot create a temporary file beside it")
	    != NULL);
	ck_assert_int_eq(entries_in(dir), 0);
}
END_TEST

START_TEST(test_lock_excludes)
{
	struct hs_atomic_lock	*l;
	struct hs_error		 err;
	char			 path[128], lock[160];
	pid_t			 pid;
	int			 status;

	snprintf(path, sizeof path, "%s/store", dir);
	snprintf(lock, sizeof lock, "%s.hstsctl-lock", path);
	hs_error_init(&err);
	ck_assert_int_eq(hs_atomic_lock(path, &l, &err), HS_OK);
	ck_assert_int_eq(access(lock, F_OK), 0);
	/* Another process cannot take it while we hold it... */
	if ((pid = fork()) == 0) {
		int fd = open(lock, O_RDWR);
		_exit(fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == -1 ? 0 : 1);
	}
	waitpid(pid, &status, 0);
	ck_assert_int_eq(WEXITSTATUS(status), 0);
	hs_atomic_unlock(l);
	/* ...and the lock file is gone once released. */
	ck_assert_int_eq(access(lock, F_OK), -1);
	ck_assert_int_eq(hs_atomic_lock(path, &l, &err), HS_OK);
	hs_atomic_unlock(l);
}
END_TEST

START_TEST(test_clean_stale)
{
	char	path[128], dead[192], live[192];

	snprintf(path, sizeof path, "%s/store", dir);
	snprintf(dead, sizeof dead, "%s.hstsctl-tmp-999999-abcdef", path);
	snprintf(live, sizeof live, "%s.hstsctl-tmp-%ld-abcdef", path,
	    (long)getpid());
	fclose(fopen(dead, "w"));
	fclose(fopen(live, "w"));
	hs_atomic_clean_stale(path);
	ck_assert_int_eq(access(dead, F_OK), -1);
	ck_assert_int_eq(access(live, F_OK), 0);
}
END_TEST

Suite *
suite_atomic(void)
{
	Suite	*s = suite_create("atomic");
	TCase	*tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_write_keeps_mode);
	tcase_add_test(tc, test_write_error_leaves_nothing);
	tcase_add_test(tc, test_lock_excludes);
	tcase_add_test(tc, test_clean_stale);
	suite_add_tcase(s, tc);
	return s;
}
