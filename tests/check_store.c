/* check_store.c: interpreting HSTS.plist layouts. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suites.h"
#include "hsts/store.h"

static struct hsts_store *
load(const char *name)
{
	struct hsts_store	*st = NULL;
	struct hs_error		 err;
	char			 path[4096];

	snprintf(path, sizeof path, "%s/%s", TEST_DATA, name);
	hs_error_init(&err);
	ck_assert_msg(hsts_store_read(path, &st, &err) == HS_OK, "%s: %s",
	    name, err.msg);
	return st;
}

static const struct hsts_entry *
find(const struct hsts_store *st, const char *host, const char *session)
{
	size_t	i;

	for (i = 0; i < st->nentries; i++)
		if (strcmp(st->entries[i].host, host) == 0 && (session ==
		    NULL || strcmp(st->entries[i].session, session) == 0))
			return &st->entries[i];
	ck_abort_msg("no entry %s", host);
	return NULL;
}

START_TEST(test_schema3)
{
	const char		*files[] = { "schema3.bplist", "schema3.xml" };
	struct hsts_store	*st = load(files[_i]);
	const struct hsts_entry	*e;

	ck_assert_int_eq(st->schema, 3);
	ck_assert_int_eq(st->content_version, 10);
	ck_assert_uint_eq(st->nsessions, 1);
	ck_assert_uint_eq(st->nentries, 10);
	ck_assert_uint_eq(st->nwarnings, 0);
	e = find(st, "example.test", NULL);
	ck_assert(e->include_subdomains);
	ck_assert(e->has_created && e->created == 800000000.25);
	ck_assert_int_eq(e->expiry_kind, HSTS_EXPIRY_AT);
	ck_assert(e->expiry == 830000000.5);
	e = find(st, "preloaded.example", NULL);
	ck_assert_int_eq(e->expiry_kind, HSTS_EXPIRY_NEVER);
	ck_assert(hsts_entry_preloaded(e));
	e = find(st, "old.example.test", NULL);
	ck_assert(hsts_entry_expired(e, 811692800.0));
	ck_assert(!hsts_entry_expired(e, 799999999.0));
	e = find(st, "bücher.example", NULL);
	ck_assert_str_eq(e->norm, "xn--bcher-kva.example");
	e = find(st, "MixedCase.Example.NET", NULL);
	ck_assert_str_eq(e->norm, "mixedcase.example.net");
	ck_assert(!e->include_subdomains);
	e = find(st, "trailing.example.", NULL);
	ck_assert_str_eq(e->norm, "trailing.example");
	hsts_store_free(st);
}
END_TEST

static int
keep_example_test(const char *norm, void *arg)
{
	return strcmp(norm, (const char *)arg) == 0 ||
	    strcmp(norm, "xn--bcher-kva.example") == 0;
}

/*
 * A view of some entries: the same entries, with the same fields and
 * positions, as the whole store has; the rest only counted.
 */
START_TEST(test_view_some)
{
	const char		*files[] = { "schema3.bplist", "schema3.xml" };
	struct hsts_store	*all = load(files[_i]), *some;
	const struct hsts_entry	*e, *w;
	struct hs_error		 err;
	size_t			 i;

	hs_error_init(&err);
	ck_assert_int_eq(hsts_store_view_some("x", all->doc,
	    keep_example_test, "example.test", &some, &err), HS_OK);
	ck_assert_uint_eq(some->ntotal, all->nentries);
	ck_assert_uint_eq(all->ntotal, all->nentries);
	ck_assert_uint_eq(some->nentries, 2);
	ck_assert_uint_eq(some->nsessions, all->nsessions);
	ck_assert_int_eq(some->schema, 3);
	for (i = 0; i < some->nentries; i++) {
		e = &some->entries[i];
		w = find(all, e->host, e->session);
		ck_assert_str_eq(e->norm, w->norm);
		ck_assert_uint_eq(e->order, w->order);
		ck_assert_int_eq(e->include_subdomains, w->include_subdomains);
		ck_assert_int_eq(e->expiry_kind, w->expiry_kind);
		ck_assert(e->expiry == w->expiry && e->created == w->created);
	}
	ck_assert_str_eq(some->entries[0].norm, "example.test");
	ck_assert_str_eq(some->entries[1].host, "bücher.example");
	hsts_store_free(some);
	hsts_store_free(all);
}
END_TEST

START_TEST(test_schema2)
{
	const char		*files[] = { "schema2.bplist", "schema2.xml" };
	struct hsts_store	*st = load(files[_i]);
	const struct hsts_entry	*e;

	ck_assert_int_eq(st->schema, 2);
	ck_assert_int_eq(st->content_version, 1);
	ck_assert_uint_eq(st->nentries, 5);
	e = find(st, "preloaded-sub.example", NULL);
	ck_assert(e->include_subdomains && hsts_entry_preloaded(e));
	e = find(st, "preloaded.example", NULL);
	ck_assert(!e->include_subdomains && hsts_entry_preloaded(e));
	e = find(st, "dynamic-sub.example", NULL);
	ck_assert(e->include_subdomains && e->expiry == 830000000.0);
	ck_assert(!e->has_created);
	e = find(st, "dynamic.example", NULL);
	ck_assert(!e->include_subdomains && e->expiry == 831000000.0);
	hsts_store_free(st);
}
END_TEST

START_TEST(test_int128)
{
	const char		*files[] = { "int128.bplist", "int128.xml" };
	struct hsts_store	*st = load(files[_i]);
	const struct hsts_entry	*e;

	e = find(st, "big.example", NULL);
	ck_assert_int_eq(e->expiry_kind, HSTS_EXPIRY_NEVER);
	ck_assert(e->created == 466237831.0);
	e = find(st, "int-expiry.example", NULL);
	ck_assert_int_eq(e->expiry_kind, HSTS_EXPIRY_AT);
	ck_assert(e->expiry == 830000000.0);
	hsts_store_free(st);
}
END_TEST

START_TEST(test_sessions)
{
	const char		*files[] = { "sessions.bplist", "sessions.xml" };
	struct hsts_store	*st = load(files[_i]);

	ck_assert_uint_eq(st->nsessions, 3);
	ck_assert_uint_eq(st->nentries, 4);
	ck_assert_str_eq(find(st, "shared.example",
	    "com.apple.Safari.SafeBrowsing")->session,
	    "com.apple.Safari.SafeBrowsing");
	hsts_store_free(st);
}
END_TEST

START_TEST(test_unknown_schema)
{
	const char		*files[] = { "schema9.bplist", "schema9.xml" };
	struct hsts_store	*st = load(files[_i]);

	ck_assert_int_eq(st->schema, 9);
	ck_assert_uint_eq(st->nentries, 1);
	ck_assert_uint_eq(st->nwarnings, 2);
	ck_assert(strstr(st->warnings[0], "weird.example: entry in session")
	    != NULL);
	ck_assert(strstr(st->warnings[1], "unknown \"HSTS Store Schema "
	    "Version\" 9") != NULL);
	hsts_store_free(st);
}
END_TEST

START_TEST(test_real32)
{
	const char		*files[] = { "real32.bplist", "real32.xml" };
	struct hsts_store	*st = load(files[_i]);
	const struct hsts_entry	*e = find(st, "f32.example", NULL);

	ck_assert_int_eq(e->expiry_kind, HSTS_EXPIRY_NEVER);
	ck_assert(e->created == 8388608.0);
	hsts_store_free(st);
}
END_TEST

START_TEST(test_wrong_shape)
{
	struct hsts_store	*st = NULL;
	struct hs_error		 err;
	char			 path[4096];

	snprintf(path, sizeof path, "%s/malformed/root-array.bplist",
	    TEST_DATA);
	hs_error_init(&err);
	ck_assert_int_eq(hsts_store_read(path, &st, &err), HS_EFORMAT);
	ck_assert_str_eq(err.msg, "not an HSTS store: the top level is not a "
	    "dictionary");
	snprintf(path, sizeof path, "%s/malformed/no-session.bplist",
	    TEST_DATA);
	ck_assert_int_eq(hsts_store_read(path, &st, &err), HS_EFORMAT);
	ck_assert(strstr(err.msg, "no session dictionary") != NULL);
	ck_assert_ptr_null(st);
	snprintf(path, sizeof path, "%s/nonexistent", TEST_DATA);
	ck_assert_int_eq(hsts_store_read(path, &st, &err), HS_ENOENT);
}
END_TEST

Suite *
suite_store(void)
{
	Suite	*s = suite_create("store");
	TCase	*tc = tcase_create("core");

	tcase_add_loop_test(tc, test_schema3, 0, 2);
	tcase_add_loop_test(tc, test_view_some, 0, 2);
	tcase_add_loop_test(tc, test_schema2, 0, 2);
	tcase_add_loop_test(tc, test_int128, 0, 2);
	tcase_add_loop_test(tc, test_sessions, 0, 2);
	tcase_add_loop_test(tc, test_unknown_schema, 0, 2);
	tcase_add_loop_test(tc, test_real32, 0, 2);
	tcase_add_test(tc, test_wrong_shape);
	suite_add_tcase(s, tc);
	return s;
}
