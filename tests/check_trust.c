/* check_trust.c: check names, blob decoding and input forms. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suites.h"
#include "trust/checks.h"
#include "trust/exception.h"

START_TEST(test_checks)
{
	const struct check_info	*c;

	ck_assert(check_table_sorted());
	c = check_find("SSLHostname");
	ck_assert_ptr_nonnull(c);
	ck_assert_int_eq(c->cls, CHECK_RECOVERABLE);
	ck_assert_str_eq(c->meaning, "the certificate's name does not match "
	    "the host");
	ck_assert(check_exceptable(c->cls));
	ck_assert_int_eq(check_find("Revocation")->cls, CHECK_FATAL);
	ck_assert(!check_exceptable(CHECK_FATAL));
	ck_assert_int_eq(check_find("UsageConstraints")->cls, CHECK_DENY);
	ck_assert_int_eq(check_find("BasicContraints")->cls, CHECK_LEGACY);
	ck_assert_int_eq(check_find("NoNetworkAccess")->cls, CHECK_OPTION);
	ck_assert_ptr_null(check_find("sslhostname"));
	ck_assert_ptr_null(check_find("Nonsense"));
}
END_TEST

static struct texc *
decode(const char *name)
{
	struct texc	*t = NULL;
	struct hs_error	 err;
	char		*buf;
	size_t		 len;

	buf = test_slurp(name, &len);
	ck_assert_ptr_nonnull(buf);
	hs_error_init(&err);
	ck_assert_msg(texc_decode(buf, len, &t, &err) == HS_OK, "%s: %s",
	    name, err.msg);
	free(buf);
	return t;
}

START_TEST(test_three)
{
	struct texc	*t = decode("blobs/three.bplist");
	unsigned char	 root[20];
	size_t		 i;

	for (i = 0; i < 20; i++)
		root[i] = (unsigned char)(100 + i);
	ck_assert_int_eq(t->type, 1);
	ck_assert_uint_eq(t->ncerts, 3);
	ck_assert(!t->trailing_empty);
	ck_assert_str_eq(t->certs[0].role, "leaf");
	ck_assert_str_eq(t->certs[1].role, "intermediate");
	ck_assert_str_eq(t->certs[2].role, "anchor");
	ck_assert(t->certs[0].has_sha1 && t->certs[0].sha1[19] == 19);
	ck_assert(!t->certs[1].has_sha1);
	ck_assert_uint_eq(t->certs[1].nitems, 0);
	ck_assert_mem_eq(t->certs[2].sha1, root, 20);
	ck_assert_uint_eq(t->certs[2].nitems, 2);
	ck_assert_str_eq(t->certs[2].items[0].key, "AnchorTrusted");
	ck_assert_int_eq(t->certs[2].items[1].check->cls, CHECK_FATAL);
	texc_free(t);
}
END_TEST

START_TEST(test_legacy_xml)
{
	struct texc	*t = decode("blobs/legacy.xml");

	ck_assert_uint_eq(t->ncerts, 1);
	ck_assert(t->certs[0].has_status);
	ck_assert_uint_eq(t->certs[0].nstatus, 2);
	ck_assert_int_eq(t->certs[0].status[0], -2147409622LL);
	ck_assert_int_eq(t->certs[0].status[1], 3);
	ck_assert_uint_eq(t->certs[0].nitems, 0);
	texc_free(t);
}
END_TEST

START_TEST(test_errors)
{
	struct texc	*t = NULL;
	struct hs_error	 err;
	char		*buf;
	size_t		 len;

	buf = test_slurp("exceptions/sha1-19-bytes.bin", &len);
	hs_error_init(&err);
	ck_assert_int_eq(texc_decode(buf, len, &t, &err), HS_EFORMAT);
	ck_assert_str_eq(err.msg, "element 0: SHA1Digest is 19 bytes, not 20");
	ck_assert_ptr_null(t);
	free(buf);
	buf = test_slurp("schema3.bplist", &len);
	ck_assert_int_eq(texc_decode(buf, len, &t, &err), HS_EFORMAT);
	ck_assert_str_eq(err.msg, "not a trust-exception blob: the top level "
	    "is a dictionary, not an array");
	free(buf);
}
END_TEST

START_TEST(test_input)
{
	struct hs_error	 err;
	unsigned char	*out;
	size_t		 n;

	hs_error_init(&err);
	ck_assert_int_eq(texc_input("62 70:6C", 8, TEXC_INPUT_AUTO, &out, &n,
	    &err), HS_OK);
	ck_assert_uint_eq(n, 3);
	ck_assert_mem_eq(out, "bpl", 3);
	free(out);
	ck_assert_int_eq(texc_input("YnBs\naXN0\n", 10, TEXC_INPUT_AUTO, &out,
	    &n, &err), HS_OK);
	ck_assert_uint_eq(n, 6);
	ck_assert_mem_eq(out, "bplist", 6);
	free(out);
	ck_assert_int_eq(texc_input("bplist00xyz", 11, TEXC_INPUT_AUTO, &out,
	    &n, &err), HS_OK);
	ck_assert_uint_eq(n, 11);
	free(out);
	ck_assert_int_eq(texc_input("abc", 3, TEXC_INPUT_HEX, &out, &n, &err),
	    HS_EFORMAT);
	ck_assert_str_eq(err.msg, "not valid hex text");
	ck_assert_int_eq(err.offset, 3);
}
END_TEST

Suite *
suite_trust(void)
{
	Suite	*s = suite_create("trust");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, test_checks);
	tcase_add_test(tc, test_three);
	tcase_add_test(tc, test_legacy_xml);
	tcase_add_test(tc, test_errors);
	tcase_add_test(tc, test_input);
	suite_add_tcase(s, tc);
	return s;
}
