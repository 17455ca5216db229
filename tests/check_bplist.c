/* check_bplist.c: the binary plist object table and validator. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suites.h"
#include "plist/bplist.h"
#include "plist/plist-doc.h"
#include "plist/plist-tree.h"
#include "plist/pval.h"

/* Validate a malformed fixture; return the error. */
static struct hs_error
bad(const char *name)
{
	struct plist_doc	*doc = NULL;
	struct hs_error		 err;
	char			 path[256], *buf;
	size_t			 len;

	snprintf(path, sizeof path, "malformed/%s", name);
	buf = test_slurp(path, &len);
	ck_assert_ptr_nonnull(buf);
	hs_error_init(&err);
	ck_assert_int_ne(plist_doc_parse(buf, len, &doc, &err), HS_OK);
	ck_assert_ptr_null(doc);
	free(buf);
	return err;
}

START_TEST(test_minimal)
{
	/* bplist00, object 0 = true, offset table [8], trailer. */
	static const unsigned char f[] = {
		'b','p','l','i','s','t','0','0', 0x09, 0x08,
		0,0,0,0,0,0, 1, 1, 0,0,0,0,0,0,0,1, 0,0,0,0,0,0,0,0,
		0,0,0,0,0,0,0,9
	};
	struct bplist		bp;
	struct bplist_obj	o;
	struct hs_error		err;

	hs_error_init(&err);
	ck_assert_int_eq(bplist_open(&bp, f, sizeof f, &err), HS_OK);
	ck_assert_uint_eq(bp.nobjects, 1);
	ck_assert_uint_eq(bp.table, 9);
	ck_assert_int_eq(bplist_object(&bp, 0, &o, &err), HS_OK);
	ck_assert_int_eq(o.kind, BPLIST_BOOL);
	ck_assert_int_eq(o.marker, 0x09);
	ck_assert_int_eq(bplist_validate(&bp, &err), HS_OK);
	bplist_release(&bp);
}
END_TEST

START_TEST(test_be)
{
	static const unsigned char b[] = { 0x12, 0x34, 0x56, 0x78, 0x9a };

	ck_assert_uint_eq(bplist_be(b, 1), 0x12);
	ck_assert_uint_eq(bplist_be(b, 2), 0x1234);
	ck_assert_uint_eq(bplist_be(b, 4), 0x12345678);
}
END_TEST

START_TEST(test_int128_flags)
{
	struct plist_doc	*doc;
	struct hs_error		 err;
	char			*buf;
	size_t			 len;
	plist_t			 s, e, x;
	double			 d;

	buf = test_slurp("int128.bplist", &len);
	ck_assert_ptr_nonnull(buf);
	hs_error_init(&err);
	ck_assert_int_eq(plist_doc_parse(buf, len, &doc, &err), HS_OK);
	s = plist_dict_get_item(plist_doc_root(doc),
	    "com.apple.CFNetwork.defaultStorageSession");
	e = plist_dict_get_item(s, "big.example");
	x = plist_dict_get_item(e, "Expiry");
	ck_assert_ptr_nonnull(x);
	ck_assert_ptr_nonnull(plist_srcmap_find(&doc->src, x));
	ck_assert_uint_eq(plist_srcmap_find(&doc->src, x)->flags,
	    PLIST_SRC_INT128);
	ck_assert_int_eq(plist_doc_number(doc, x, &d), 0);
	ck_assert(d == 9223372036854775808.0);
	x = plist_dict_get_item(e, "Create Time");
	ck_assert_int_eq(plist_doc_number(doc, x, &d), 0);
	ck_assert(d == 466237831.0);
	plist_doc_free(doc);
	free(buf);
}
END_TEST

/* Append v big-endian in n bytes. */
static unsigned char *
put_be(unsigned char *p, uint64_t v, unsigned n)
{
	while (n-- > 0)
		*p++ = (unsigned char)(v >> (8 * n));
	return p;
}

/*
 * A dictionary of keys k0..k(n-1), all valued true; dup >= 0 appends one
 * more key "k<dup>", in UTF-16 when utf16 is set.  Caller frees.
 */
static unsigned char *
big_bdict(int n, int dup, int utf16, size_t *len)
{
	unsigned char	*buf, *p, *offs;
	int		 nkeys = n + (dup >= 0), i, j, tl;
	char		 t[16];

	buf = malloc(64 + (size_t)nkeys * 40);
	ck_assert_ptr_nonnull(buf);
	offs = malloc((size_t)(nkeys + 2) * 4);
	ck_assert_ptr_nonnull(offs);
	p = buf;
	memcpy(p, "bplist00", 8);
	p += 8;
	/* Object 0: the dictionary; 1..nkeys: keys; nkeys + 1: true. */
	put_be(offs, (uint64_t)(p - buf), 4);
	*p++ = 0xdf;
	*p++ = 0x11;
	p = put_be(p, (uint64_t)nkeys, 2);
	for (i = 0; i < nkeys; i++)
		p = put_be(p, (uint64_t)i + 1, 2);
	for (i = 0; i < nkeys; i++)
		p = put_be(p, (uint64_t)nkeys + 1, 2);
	for (i = 0; i < nkeys; i++) {
		put_be(offs + 4 * (i + 1), (uint64_t)(p - buf), 4);
		tl = snprintf(t, sizeof t, "k%d", i < n ? i : dup);
		if (i == n && utf16) {
			*p++ = (unsigned char)(0x60 | tl);
			for (j = 0; j < tl; j++)
				p = put_be(p, (unsigned char)t[j], 2);
		} else {
			*p++ = (unsigned char)(0x50 | tl);
			memcpy(p, t, (size_t)tl);
			p += tl;
		}
	}
	put_be(offs + 4 * (nkeys + 1), (uint64_t)(p - buf), 4);
	*p++ = 0x09;
	tl = (int)(p - buf);
	memcpy(p, offs, (size_t)(nkeys + 2) * 4);
	p += (nkeys + 2) * 4;
	memset(p, 0, 6);
	p[6] = 4;
	p[7] = 2;
	put_be(p + 8, (uint64_t)nkeys + 2, 8);
	put_be(p + 16, 0, 8);
	put_be(p + 24, (uint64_t)tl, 8);
	p += 32;
	free(offs);
	*len = (size_t)(p - buf);
	return buf;
}

/*
 * Equal keys are found in small dictionaries (compared pairwise) and
 * large ones (sorted by hash), ASCII against ASCII and against UTF-16;
 * as in CoreFoundation the last one is read, the earlier skipped.
 */
START_TEST(test_duplicates)
{
	static const int	 sizes[] = { 3, 7, 8, 9, 40, 5000, 60000 };
	struct plist_doc	*doc;
	struct hs_error		 err;
	unsigned char		*buf;
	char			 want[64];
	size_t			 i, len;
	int			 utf16;

	for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		hs_error_init(&err);
		buf = big_bdict(sizes[i], -1, 0, &len);
		ck_assert_msg(plist_doc_parse(buf, len, &doc, &err) == HS_OK,
		    "%d keys: %s", sizes[i], err.msg);
		ck_assert_uint_eq(doc->bp.shadow.n, 0);
		plist_doc_free(doc);
		free(buf);
		for (utf16 = 0; utf16 < 2; utf16++) {
			buf = big_bdict(sizes[i], sizes[i] / 3, utf16, &len);
			ck_assert_msg(plist_doc_parse(buf, len, &doc, &err) ==
			    HS_OK, "%d keys: %s", sizes[i], err.msg);
			ck_assert_uint_eq(doc->bp.shadow.n, 1);
			snprintf(want, sizeof want, "k%d", sizes[i] / 3);
			test_root_pairs(doc, (size_t)sizes[i], want);
			plist_doc_free(doc);
			free(buf);
		}
	}
}
END_TEST

struct bad_case {
	const char	*file;
	const char	*msg;
	long long	 offset;
};

static const struct bad_case bad_cases[] = {
	{ "truncated-half.bplist", "trailer:", -2 },
	{ "truncated-trailer.bplist", "trailer:", -2 },
	{ "too-short.bplist", "file is truncated: 9 bytes is too short for a "
	    "binary plist", 9 },
	{ "version01.bplist", "unsupported binary plist version \"01\" (only "
	    "00 is supported)", 6 },
	{ "offset-size-3.bplist", "offset table of 1 entries does not end "
	    "where the trailer starts", -2 },
	{ "ref-size-0.bplist", "trailer: reference size 0 is not between 1 and 8",
	    -2 },
	{ "zero-objects.bplist", "trailer: object count 0 is impossible", -2 },
	{ "top-out-of-range.bplist", "trailer: root object 7 is not below the "
	    "object count 1", -2 },
	{ "table-past-end.bplist", "trailer: offset table offset 4000 lies "
	    "outside the file", -2 },
	{ "trailing-bytes.bplist", "does not end where the trailer starts "
	    "(trailing bytes? CoreFoundation refuses them too)", -2 },
	{ "offset-into-table.bplist", "offset table: object 0 has offset", -2 },
	{ "ref-out-of-range.bplist", "reference to object 9, but there are "
	    "only 2", -2 },
	{ "cycle-self.bplist", "reference cycle: object 0 contains itself",
	    8 },
	{ "cycle-mutual.bplist", "reference cycle", -2 },
	{ "deep-600.bplist", "containers nested deeper than 512 levels", -2 },
	{ "not-string-key.bplist", "dictionary key is not a string (marker "
	    "0x10)", -2 },
	{ "lone-surrogate.bplist", "not valid UTF-16", -2 },
	{ "int-32-bytes.bplist", "integer of unsupported width", -2 },
	{ "int-3-bytes.bplist", "integer of unsupported width", -2 },
	{ "null-object.bplist", "null object", -2 },
	{ "huge-length.bplist", "more than the file holds", -2 },
	{ "uid-5-bytes.bplist", "UID wider than 4 bytes", -2 },
	{ "reference-bomb.bplist", "shared references would expand", -2 },
};

START_TEST(test_malformed)
{
	const struct bad_case	*c = &bad_cases[_i];
	struct hs_error		 err = bad(c->file);

	ck_assert_int_eq(err.code, HS_EFORMAT);
	ck_assert_msg(strstr(err.msg, c->msg) != NULL, "%s: got \"%s\"",
	    c->file, err.msg);
	if (c->offset != -2)
		ck_assert_int_eq(err.offset, c->offset);
	else
		ck_assert_int_ge(err.offset, 0);
}
END_TEST

Suite *
suite_bplist(void)
{
	Suite	*s = suite_create("bplist");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, test_minimal);
	tcase_add_test(tc, test_be);
	tcase_add_test(tc, test_int128_flags);
	tcase_add_test(tc, test_duplicates);
	tcase_add_loop_test(tc, test_malformed, 0,
	    sizeof bad_cases / sizeof bad_cases[0]);
	suite_add_tcase(s, tc);
	return s;
}
