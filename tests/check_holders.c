/*
 * check_holders.c: which processes hold a store, and what hstsctl decides
 * about them before an edit, against a process table faked in memory.
 * Also store_classify: a path tells what a store is.
 */
#include <stdio.h>
#include <string.h>

#include "suites.h"
#include "stores/discover.h"
#include "stores/holders.h"

/* A fake table: names that run, names that will not stop, and a log. */
struct fake {
	const char	*running[8];
	const char	*stuck;
	char		 log[512];
	int		 cannot_tell;
};

static int
fake_is(const struct fake *f, const char *name)
{
	size_t	i;

	for (i = 0; i < 8 && f->running[i] != NULL; i++)
		if (f->running[i][0] != '\0' && strcmp(f->running[i], name) == 0)
			return 1;
	return 0;
}

static int
fake_running(void *arg, const struct proc_ref *p, struct hs_error *err)
{
	struct fake	*f = arg;

	if (f->cannot_tell)
		return hs_error_set(err, HS_EIO, "cannot tell"), -1;
	return fake_is(f, p->name);
}

static int
fake_stop(void *arg, const struct proc_ref *p, struct hs_error *err)
{
	struct fake	*f = arg;
	size_t		 i;

	if (f->stuck != NULL && strcmp(f->stuck, p->name) == 0)
		return hs_error_set(err, HS_EIO, "%s will not quit", p->name);
	for (i = 0; i < 8 && f->running[i] != NULL; i++)
		if (strcmp(f->running[i], p->name) == 0)
			f->running[i] = "";
	snprintf(f->log + strlen(f->log), sizeof f->log - strlen(f->log),
	    "stop %s;", p->name);
	return HS_OK;
}

static int
fake_start(void *arg, const struct proc_ref *p, struct hs_error *err)
{
	struct fake	*f = arg;

	(void)err;
	snprintf(f->log + strlen(f->log), sizeof f->log - strlen(f->log),
	    "start %s;", p->label);
	return HS_OK;
}

static struct store_found
found(enum store_kind kind, const char *owner)
{
	struct store_found	f;

	memset(&f, 0, sizeof f);
	f.kind = kind;
	f.owner = (char *)owner;
	return f;
}

START_TEST(test_holders_of_each_kind)
{
	struct store_found	f;
	char			buf[600];

	f = found(STORE_SAFARI, "com.apple.Safari");
	ck_assert_str_eq(hold_text(&f, buf, sizeof buf),
	    "Safari and com.apple.WebKit.Networking");
	f = found(STORE_WEBKIT_PROFILE, "com.example.App");
	ck_assert_str_eq(hold_text(&f, buf, sizeof buf),
	    "com.example.App and com.apple.WebKit.Networking");
	f = found(STORE_CFNETWORK, NULL);
	ck_assert_str_eq(hold_text(&f, buf, sizeof buf), "nsurlstoraged");
	f = found(STORE_APP_CFNETWORK, "com.microsoft.Word");
	ck_assert_str_eq(hold_text(&f, buf, sizeof buf), "com.microsoft.Word");
	f = found(STORE_FILE, NULL);
	ck_assert_str_eq(hold_text(&f, buf, sizeof buf),
	    "nothing hstsctl knows of");
}
END_TEST

/* Safari's two stores and the shared one: each holder once, in order. */
START_TEST(test_holders_set_order)
{
	struct store_found	a = found(STORE_CFNETWORK, NULL);
	struct store_found	b = found(STORE_SAFARI, "com.apple.Safari");
	struct store_found	c = found(STORE_SAFARI_PROFILE,
	    "com.apple.Safari");
	struct hold_set		s;

	memset(&s, 0, sizeof s);
	hold_add(&s, &a);
	hold_add(&s, &b);
	hold_add(&s, &c);
	ck_assert_uint_eq(s.n, 3);
	ck_assert_str_eq(s.ref[0].name, "com.apple.Safari");
	ck_assert_int_eq(s.ref[0].kind, PROC_APP);
	ck_assert_str_eq(s.ref[1].name, "com.apple.WebKit.Networking");
	ck_assert_str_eq(s.ref[2].name, "nsurlstoraged");
	ck_assert_str_eq(s.ref[2].label, "com.apple.nsurlstoraged");
}
END_TEST

static void
decide(struct fake *fk, enum store_kind kind, const char *owner, int stop,
    enum hold_verdict *v, int *rc, struct hold_set *s)
{
	struct proc_ops		ops = { fake_running, fake_stop, fake_start, fk };
	struct store_found	f = found(kind, owner);
	struct hs_error		err;

	memset(s, 0, sizeof *s);
	hold_add(s, &f);
	hs_error_init(&err);
	*rc = hold_decide(&ops, s, stop, v, &err);
	if (*rc == HS_OK && *v == HOLD_STOPPED)
		hold_restart(&ops, s, &err);
}

START_TEST(test_holders_free_when_nothing_runs)
{
	struct fake		fk = { { "Finder", NULL }, NULL, "", 0 };
	struct hold_set		s;
	enum hold_verdict	v;
	int			rc;

	decide(&fk, STORE_SAFARI, "com.apple.Safari", 0, &v, &rc, &s);
	ck_assert_int_eq(rc, HS_OK);
	ck_assert_int_eq(v, HOLD_FREE);
	ck_assert_str_eq(fk.log, "");
}
END_TEST

START_TEST(test_holders_busy_without_stop)
{
	struct fake		fk = { { "com.apple.Safari",
	    "com.apple.WebKit.Networking", NULL }, NULL, "", 0 };
	struct hold_set		s;
	enum hold_verdict	v;
	int			rc;

	decide(&fk, STORE_SAFARI, "com.apple.Safari", 0, &v, &rc, &s);
	ck_assert_int_eq(rc, HS_OK);
	ck_assert_int_eq(v, HOLD_BUSY);
	ck_assert_int_eq(s.running[0], 1);
	ck_assert_int_eq(s.running[1], 1);
	ck_assert_str_eq(fk.log, "");	/* nothing stopped */
}
END_TEST

/* Only the helper lingers after Safari quit: still busy. */
START_TEST(test_holders_lingering_helper)
{
	struct fake		fk = { { "com.apple.WebKit.Networking", NULL },
	    NULL, "", 0 };
	struct hold_set		s;
	enum hold_verdict	v;
	int			rc;

	decide(&fk, STORE_SAFARI, "com.apple.Safari", 0, &v, &rc, &s);
	ck_assert_int_eq(v, HOLD_BUSY);
	decide(&fk, STORE_SAFARI, "com.apple.Safari", 1, &v, &rc, &s);
	ck_assert_int_eq(v, HOLD_STOPPED);
	ck_assert_str_eq(fk.log, "stop com.apple.WebKit.Networking;");
}
END_TEST

START_TEST(test_holders_stop_in_order)
{
	struct fake		fk = { { "com.apple.WebKit.Networking",
	    "com.apple.Safari", NULL }, NULL, "", 0 };
	struct hold_set		s;
	enum hold_verdict	v;
	int			rc;

	decide(&fk, STORE_SAFARI_PROFILE, "com.apple.Safari", 1, &v, &rc, &s);
	ck_assert_int_eq(rc, HS_OK);
	ck_assert_int_eq(v, HOLD_STOPPED);
	/* The app first, then its helper; no agent to start again. */
	ck_assert_str_eq(fk.log, "stop com.apple.Safari;"
	    "stop com.apple.WebKit.Networking;");
}
END_TEST

START_TEST(test_holders_agent_restarted)
{
	struct fake		fk = { { "nsurlstoraged", NULL }, NULL, "", 0 };
	struct hold_set		s;
	enum hold_verdict	v;
	int			rc;

	decide(&fk, STORE_CFNETWORK, NULL, 1, &v, &rc, &s);
	ck_assert_int_eq(v, HOLD_STOPPED);
	ck_assert_str_eq(fk.log, "stop nsurlstoraged;"
	    "start com.apple.nsurlstoraged;");
}
END_TEST

START_TEST(test_holders_stuck)
{
	struct fake		fk = { { "com.apple.Safari", NULL },
	    "com.apple.Safari", "", 0 };
	struct hold_set		s;
	enum hold_verdict	v;
	int			rc;

	decide(&fk, STORE_SAFARI, "com.apple.Safari", 1, &v, &rc, &s);
	ck_assert_int_eq(rc, HS_EIO);
	ck_assert_str_eq(fk.log, "");
}
END_TEST

/* A system that cannot tell does not block the edit; running is -1. */
START_TEST(test_holders_cannot_tell)
{
	struct fake		fk = { { NULL }, NULL, "", 1 };
	struct hold_set		s;
	enum hold_verdict	v;
	int			rc;

	decide(&fk, STORE_CFNETWORK, NULL, 0, &v, &rc, &s);
	ck_assert_int_eq(rc, HS_OK);
	ck_assert_int_eq(v, HOLD_FREE);
	ck_assert_int_eq(s.running[0], -1);
}
END_TEST

START_TEST(test_holders_commands)
{
	struct proc_ref	p;
	char		buf[600];

	memset(&p, 0, sizeof p);
	p.kind = PROC_APP;
	strcpy(p.name, "com.apple.Safari");
	ck_assert_str_eq(proc_command(&p, 0, buf, sizeof buf),
	    "osascript -e 'quit app id \"com.apple.Safari\"'");
	p.kind = PROC_AGENT;
	strcpy(p.name, "nsurlstoraged");
	strcpy(p.label, "com.apple.nsurlstoraged");
	ck_assert_str_eq(proc_command(&p, 0, buf, sizeof buf),
	    "killall nsurlstoraged");
	ck_assert_str_eq(proc_command(&p, 1, buf, sizeof buf),
	    "launchctl kickstart gui/$(id -u)/com.apple.nsurlstoraged");
}
END_TEST

static void
classify(const char *path, enum store_kind kind, const char *owner,
    const char *profile)
{
	struct store_found	f;
	struct hs_error		err;

	hs_error_init(&err);
	ck_assert_int_eq(store_classify(path, &f, &err), HS_OK);
	ck_assert_msg(f.kind == kind, "%s: kind %d, not %d", path, f.kind,
	    kind);
	ck_assert_str_eq(f.path, path);
	if (owner == NULL)
		ck_assert_ptr_null(f.owner);
	else
		ck_assert_str_eq(f.owner, owner);
	if (profile == NULL)
		ck_assert_ptr_null(f.profile);
	else
		ck_assert_str_eq(f.profile, profile);
	store_found_clear(&f);
}

START_TEST(test_classify)
{
	classify("/Users/a/Library/Containers/com.apple.Safari/Data/Library/"
	    "Caches/WebKit/HSTS/HSTS.plist", STORE_SAFARI, "com.apple.Safari",
	    NULL);
	classify("/Users/a/Library/Containers/com.apple.Safari/Data/Library/"
	    "WebKit/WebsiteDataStore/U1/HSTS/HSTS.plist", STORE_SAFARI_PROFILE,
	    "com.apple.Safari", "U1");
	classify("/Volumes/x/Users/b/Library/Containers/com.microsoft.Word/"
	    "Data/Library/Caches/com.microsoft.Word/HSTS.plist",
	    STORE_APP_CFNETWORK, "com.microsoft.Word", NULL);
	classify("h/Library/Containers/com.a/Data/Library/Caches/com.b/"
	    "HSTS.plist", STORE_FILE, NULL, NULL);
	classify("h/Library/Caches/com.example.Plain/WebKit/HSTS/HSTS.plist",
	    STORE_WEBKIT_APP, "com.example.Plain", NULL);
	classify("h/Library/WebKit/com.example.Plain/WebsiteDataStore/P2/HSTS/"
	    "HSTS.plist", STORE_WEBKIT_PROFILE, "com.example.Plain", "P2");
	classify("/Users/a/Library/Cookies/HSTS.plist", STORE_CFNETWORK, NULL,
	    NULL);
	classify("Library/Cookies/HSTS.plist", STORE_CFNETWORK, NULL, NULL);
	classify("/tmp/HSTS.plist", STORE_FILE, NULL, NULL);
	classify("store.bplist", STORE_FILE, NULL, NULL);
}
END_TEST

Suite *
suite_holders(void)
{
	Suite	*s = suite_create("holders");
	TCase	*tc = tcase_create("holders");

	tcase_add_test(tc, test_holders_of_each_kind);
	tcase_add_test(tc, test_holders_set_order);
	tcase_add_test(tc, test_holders_free_when_nothing_runs);
	tcase_add_test(tc, test_holders_busy_without_stop);
	tcase_add_test(tc, test_holders_lingering_helper);
	tcase_add_test(tc, test_holders_stop_in_order);
	tcase_add_test(tc, test_holders_agent_restarted);
	tcase_add_test(tc, test_holders_stuck);
	tcase_add_test(tc, test_holders_cannot_tell);
	tcase_add_test(tc, test_holders_commands);
	tcase_add_test(tc, test_classify);
	suite_add_tcase(s, tc);
	return s;
}
