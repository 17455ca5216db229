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

struct plist_doc;
/*
 * The root dictionary of doc read as CoreFoundation reads it: n pairs,
 * the last of them keyed last_key (a key given twice, read where its
 * last copy is), the same in libplist's tree.
 */
void	test_root_pairs(struct plist_doc *, size_t, const char *);
/* Read TEST_DATA/name into a new buffer; caller frees. */
char	*test_slurp(const char *, size_t *);

#endif
