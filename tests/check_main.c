/* check_main.c: the one Check runner for every library suite. */
#include <stdio.h>
#include <stdlib.h>

#include "suites.h"
#include "plist/plist-tree.h"
#include "plist/pval.h"

void
test_root_pairs(struct plist_doc *doc, size_t want, const char *last_key)
{
	struct pval_iter	 it;
	struct pval		 root = pval_root(doc), v;
	char			*key, *last = NULL;
	size_t			 n;

	pval_iter_init(&it, &root);
	for (n = 0; pval_iter_next(&it, &key, &v) == 1; n++) {
		free(last);
		last = key;
	}
	ck_assert_uint_eq(n, want);
	ck_assert_ptr_nonnull(last);
	ck_assert_str_eq(last, last_key);
	free(last);
	ck_assert_uint_eq(plist_dict_get_size(plist_doc_root(doc)),
	    (unsigned)want);
}

char *
test_slurp(const char *name, size_t *len)
{
	char	 path[4096], *buf;
	FILE	*f;
	long	 n;

	snprintf(path, sizeof path, "%s/%s", TEST_DATA, name);
	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	if (buf != NULL && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*len = (size_t)n;
	return buf;
}

int
main(void)
{
	SRunner	*sr = srunner_create(suite_bplist());
	int	 failed;

	srunner_add_suite(sr, suite_xmlplist());
	srunner_add_suite(sr, suite_host());
	srunner_add_suite(sr, suite_store());
	srunner_add_suite(sr, suite_cftime());
	srunner_add_suite(sr, suite_edit());
	srunner_add_suite(sr, suite_holders());
	srunner_add_suite(sr, suite_atomic());
	srunner_add_suite(sr, suite_trust());
	srunner_add_suite(sr, suite_sts());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
