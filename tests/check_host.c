/* check_host.c: host normalisation and domain matching. */
#include <stdlib.h>
#include <string.h>

#include "suites.h"
#include "hsts/host.h"

static void
assert_norm(const char *in, const char *want)
{
	struct hs_error	 err;
	char		*out;

	hs_error_init(&err);
	ck_assert_int_eq(host_normalise(in, &out, &err), HS_OK);
	ck_assert_str_eq(out, want);
	free(out);
}

START_TEST(test_normalise)
{
	assert_norm("Dev.Example.TEST", "dev.example.test");
	assert_norm("dev.example.test.", "dev.example.test");
	assert_norm("bücher.example", "xn--bcher-kva.example");
	assert_norm("BÜCHER.example", "xn--bcher-kva.example");
	assert_norm("xn--BCHER-kva.example", "xn--bcher-kva.example");
	assert_norm("café.example", "xn--caf-dma.example");
	assert_norm("127.0.0.1", "127.0.0.1");
}
END_TEST

START_TEST(test_reject)
{
	struct hs_error	 err;
	char		*out = (char *)1;

	hs_error_init(&err);
	ck_assert_int_eq(host_normalise("", &out, &err), HS_EINVAL);
	ck_assert_ptr_null(out);
	ck_assert_int_eq(host_normalise(".", &out, &err), HS_EINVAL);
	ck_assert_int_eq(host_normalise("a..b", &out, &err), HS_EINVAL);
	ck_assert_int_eq(host_normalise("http://x/", &out, &err), HS_EINVAL);
	ck_assert_str_eq(err.msg, "\"http://x/\" is not a host name");
}
END_TEST

/*
 * host_is_normal says yes only where host_normalise would return the
 * same string, and yes for the plain names most stores hold.
 */
START_TEST(test_is_normal)
{
	static const struct {
		const char	*s;
		int		 normal;
	} cases[] = {
		{ "dev.example.test", 1 }, { "a", 1 }, { "127.0.0.1", 1 },
		{ "h100001.delta-x.example", 1 }, { "_dmarc.example", 1 },
		{ "Dev.example.test", 0 }, { "dev.example.test.", 0 },
		{ ".example", 0 }, { "a..b", 0 }, { "a/b", 0 }, { "", 0 },
		{ ".", 0 }, { "bücher.example", 0 },
		{ "xn--bcher-kva.example", 0 }, { "a.xn--p1ai", 0 },
		{ "xn-a.example", 1 }
	};
	struct hs_error	 err;
	char		 longname[1100], *out;
	size_t		 i;
	int		 r;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ck_assert_msg(host_is_normal(cases[i].s) == cases[i].normal,
		    "%s", cases[i].s);
		if (!cases[i].normal)
			continue;
		hs_error_init(&err);
		ck_assert_int_eq(host_normalise(cases[i].s, &out, &err), HS_OK);
		ck_assert_str_eq(out, cases[i].s);
		free(out);
	}
	memset(longname, 'a', 1024);
	longname[1024] = '\0';
	ck_assert_int_eq(host_is_normal(longname), 1);
	longname[1024] = 'a';
	longname[1025] = '\0';
	ck_assert_int_eq(host_is_normal(longname), 0);
	r = host_normalise(longname, &out, &err);
	ck_assert_int_eq(r, HS_EINVAL);
}
END_TEST

START_TEST(test_parent)
{
	ck_assert(host_is_parent("example.test", "dev.example.test"));
	ck_assert(host_is_parent("test", "a.b.test"));
	ck_assert(!host_is_parent("example.test", "example.test"));
	ck_assert(!host_is_parent("ample.test", "example.test"));
	ck_assert(!host_is_parent("dev.example.test", "example.test"));
	ck_assert(host_within("example.test", "example.test"));
	ck_assert(host_within("a.example.test", "example.test"));
	ck_assert(!host_within("badexample.test", "example.test"));
}
END_TEST

/* Hosts as people paste them. */
START_TEST(test_host_from_user)
{
	static const struct {
		const char	*in;
		const char	*host;
		unsigned	 port;
	} ok[] = {
		{ "dev.example.test", "dev.example.test", 0 },
		{ "DEV.Example.Test.", "dev.example.test", 0 },
		{ "dev.example.test:8443", "dev.example.test", 8443 },
		{ "https://dev.example.test/path?x#y", "dev.example.test", 0 },
		{ "https://user:pw@Dev.Example.Test:444/", "dev.example.test",
		    444 },
		{ "http://bücher.example/", "xn--bcher-kva.example", 0 },
	};
	static const char *const bad[] = {
		"", "https://", ":443", "x.example:", "x.example:0",
		"x.example:65536", "x.example:44a", "a:1:2", "[::1",
		"[::1]x", "http://1.2.3.4/", "[::1]:443",
	};
	struct hs_error	 err;
	char		*h;
	unsigned	 port;
	size_t		 i;

	for (i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		hs_error_init(&err);
		ck_assert_msg(host_from_user(ok[i].in, &h, &port, &err) ==
		    HS_OK, "%s: %s", ok[i].in, err.msg);
		ck_assert_str_eq(h, ok[i].host);
		ck_assert_uint_eq(port, ok[i].port);
		free(h);
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		hs_error_init(&err);
		ck_assert_msg(host_from_user(bad[i], &h, &port, &err) ==
		    HS_EINVAL, "%s taken", bad[i]);
		ck_assert_ptr_null(h);
	}
}
END_TEST

Suite *
suite_host(void)
{
	Suite	*s = suite_create("host");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, test_normalise);
	tcase_add_test(tc, test_reject);
	tcase_add_test(tc, test_is_normal);
	tcase_add_test(tc, test_parent);
	tcase_add_test(tc, test_host_from_user);
	suite_add_tcase(s, tc);
	return s;
}
