/* check_cftime.c: CFAbsoluteTime conversion and formatting. */
#include <math.h>
#include <stdlib.h>

#include "suites.h"
#include "util/cftime.h"

START_TEST(test_epoch)
{
	char	buf[64];

	ck_assert_int_eq(hs_cftime_format(0.0, buf, sizeof buf), 0);
	ck_assert_str_eq(buf, "2001-01-01T00:00:00Z");
	ck_assert_int_eq(hs_cftime_format(-0.5, buf, sizeof buf), 0);
	ck_assert_str_eq(buf, "2000-12-31T23:59:59Z");
	ck_assert_int_eq(hs_cftime_format(466237831.0, buf, sizeof buf), 0);
	ck_assert_str_eq(buf, "2015-10-11T06:30:31Z");
}
END_TEST

START_TEST(test_out_of_range)
{
	char	buf[64];

	ck_assert_int_eq(hs_cftime_format(INFINITY, buf, sizeof buf), -1);
	ck_assert_str_eq(buf, "out-of-range");
	ck_assert_int_eq(hs_cftime_format(1e300, buf, sizeof buf), -1);
	ck_assert_int_eq(hs_cftime_format(NAN, buf, sizeof buf), -1);
}
END_TEST

START_TEST(test_now_hook)
{
	setenv("HSTSCTL_NOW", "1790000000", 1);
	ck_assert(hs_cftime_now() == 1790000000.0 - HS_CFTIME_EPOCH);
	setenv("HSTSCTL_NOW", "garbage", 1);
	ck_assert(hs_cftime_now() > 700000000.0);
	unsetenv("HSTSCTL_NOW");
	ck_assert(fabs(hs_cftime_to_unix(hs_cftime_from_unix(12.5)) - 12.5) <
	    1e-9);
}
END_TEST

Suite *
suite_cftime(void)
{
	Suite	*s = suite_create("cftime");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, test_epoch);
	tcase_add_test(tc, test_out_of_range);
	tcase_add_test(tc, test_now_hook);
	suite_add_tcase(s, tc);
	return s;
}
