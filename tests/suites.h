/* suites.h: one Check suite per library module. */
#ifndef HS_SUITES_H
#define HS_SUITES_H

#include <check.h>

Suite	*suite_bplist(void);
Suite	*suite_xmlplist(void);
Suite	*suite_host(void);
Suite	*suite_store(void);
Suite	*suite_cftime(void);
Suite	*suite_edit(void);
Suite	*suite_atomic(void);
Suite	*suite_trust(void);
Suite	*suite_sts(void);
Suite	*suite_holders(void);

/* Read TEST_DATA/name into a new buffer; caller frees. */
char	*test_slurp(const char *, size_t *);

#endif
