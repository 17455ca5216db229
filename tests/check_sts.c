/* check_sts.c: the Strict-Transport-Security parser (RFC 6797 6.1). */
#include <string.h>

#include "suites.h"
#include "net/sts.h"

static struct sts_header
parse(const char *s)
{
	struct sts_header	h;

	sts_parse(s, strlen(s), &h);
	return h;
}

START_TEST(test_valid)
{
	struct sts_header	h;

	h = parse("max-age=31536000");
	ck_assert(h.valid && h.max_age == 31536000 && !h.include_subdomains);
	h = parse("max-age=\"600\"; includeSubDomains");
	ck_assert(h.valid && h.max_age == 600 && h.include_subdomains);
	h = parse("  INCLUDESUBDOMAINS ;MAX-AGE = 5 ; preload ");
	ck_assert(h.valid && h.max_age == 5 && h.include_subdomains);
	h = parse("max-age=0");
	ck_assert(h.valid && h.max_age == 0);
	h = parse(";;max-age=1;;");
	ck_assert(h.valid && h.max_age == 1);
	h = parse("max-age=99999999999999999999999");
	ck_assert(h.valid && h.max_age == UINT64_MAX && h.max_age_capped);
	h = parse("max-age=18446744073709551615");
	ck_assert(h.valid && h.max_age == UINT64_MAX && !h.max_age_capped);
	h = parse("max-age=18446744073709551616");
	ck_assert(h.valid && h.max_age == UINT64_MAX && h.max_age_capped);
	h = parse("max-age=1; ext=\"a;b\"");
	ck_assert(h.valid);
}
END_TEST

struct bad {
	const char	*header;
	const char	*error;
};

static const struct bad bad[] = {
	{ "", "max-age is missing (it is required)" },
	{ "includeSubDomains", "max-age is missing (it is required)" },
	{ "max-age=1; max-age=2", "max-age appears twice" },
	{ "max-age=1; includeSubDomains; includesubdomains",
	    "includeSubDomains appears twice" },
	{ "max-age=-1", "max-age is not a number of seconds" },
	{ "max-age=1.5", "max-age is not a number of seconds" },
	{ "max-age=abc", "max-age is not a number of seconds" },
	{ "max-age", "max-age has no value" },
	{ "max-age=", "a directive's value is neither a token nor a quoted "
	    "string" },
	{ "max-age=1; includeSubDomains=yes", "includeSubDomains takes no "
	    "value" },
	{ "max-age=\"5", "a directive's value is neither a token nor a quoted "
	    "string" },
	{ "max-age=5 x", "directives must be separated by ';'" },
	{ "=5; max-age=1", "a directive has no name" },
};

START_TEST(test_invalid)
{
	struct sts_header	h = parse(bad[_i].header);

	ck_assert_msg(!h.valid, "\"%s\" parsed as valid", bad[_i].header);
	ck_assert_str_eq(h.error, bad[_i].error);
}
END_TEST

Suite *
suite_sts(void)
{
	Suite	*s = suite_create("sts");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, test_valid);
	tcase_add_loop_test(tc, test_invalid, 0, sizeof bad / sizeof bad[0]);
	suite_add_tcase(s, tc);
	return s;
}
