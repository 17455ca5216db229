/* check_edit.c: the binary rewriter and the XML splicer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "suites.h"
#include "hsts/plan.h"
#include "util/file.h"
#include "plist/bplist.h"
#include "plist/bplist-rewrite.h"
#include "plist/plist-tree.h"
#include "plist/plist-txn.h"
#include "util/hash.h"

static const char *const session[] = {
	"com.apple.CFNetwork.defaultStorageSession"
};

/* Apply edits to a fixture; returns the parsed result (caller frees). */
static struct plist_doc *
edited(const char *fixture, const struct plist_edit *ed, size_t n,
    char **bytes, size_t *len)
{
	struct plist_doc	*in, *out;
	struct hs_error		 err;
	char			*buf;
	size_t			 blen;

	buf = test_slurp(fixture, &blen);
	ck_assert_ptr_nonnull(buf);
	hs_error_init(&err);
	ck_assert_int_eq(plist_doc_parse(buf, blen, &in, &err), HS_OK);
	ck_assert_msg(plist_doc_apply(in, ed, n, bytes, len, &err) == HS_OK,
	    "%s", err.msg);
	ck_assert_msg(plist_doc_parse(*bytes, *len, &out, &err) == HS_OK,
	    "%s", err.msg);
	plist_doc_free(in);
	free(buf);
	return out;
}

static plist_t
entry(struct plist_doc *d, const char *host)
{
	return plist_dict_get_item(plist_dict_get_item(plist_doc_root(d), session[0]),
	    host);
}

START_TEST(test_remove)
{
	const char		*files[] = { "schema3.bplist", "schema3.xml" };
	struct plist_edit	 ed[2] = {
		{ PLIST_EDIT_REMOVE, session, 1, "dev.example.test", NULL, 0 },
		{ PLIST_EDIT_REMOVE, session, 1, "bücher.example", NULL, 0 },
	};
	struct plist_doc	*d;
	char			*out;
	size_t			 len;

	d = edited(files[_i], ed, 2, &out, &len);
	ck_assert_ptr_null(entry(d, "dev.example.test"));
	ck_assert_ptr_null(entry(d, "bücher.example"));
	ck_assert_ptr_nonnull(entry(d, "example.test"));
	ck_assert_uint_eq(plist_dict_get_size(plist_dict_get_item(plist_doc_root(d),
	    session[0])), 8);
	ck_assert_int_eq(d->format, _i == 0 ? PLIST_FORMAT_BINARY :
	    PLIST_FORMAT_XML);
	plist_doc_free(d);
	free(out);
}
END_TEST

START_TEST(test_set_new_and_existing)
{
	const char		*files[] = { "schema3.bplist", "schema3.xml" };
	struct pv_pair		 pairs[2] = {
		{ "Expiry", { PV_REAL, 0, 0, 1234.5, NULL, NULL, 0 } },
		{ "HSTS Host", { PV_BOOL, 1, 0, 0, NULL, NULL, 0 } },
	};
	struct pv		 v = { PV_DICT, 0, 0, 0, NULL, pairs, 2 };
	struct pv		 s = { PV_STRING, 0, 0, 0, "naïve", NULL, 0 };
	struct plist_edit	 ed[3] = {
		{ PLIST_EDIT_SET, session, 1, "new.example", &v, 0 },
		{ PLIST_EDIT_SET, session, 1, "example.test", &v, 0 },
		{ PLIST_EDIT_SET, NULL, 0, "Ünïcode key", &s, 0 },
	};
	struct plist_doc	*d;
	char			*out, *str = NULL;
	size_t			 len;
	double			 r;
	plist_t			 e;

	d = edited(files[_i], ed, 3, &out, &len);
	e = entry(d, "new.example");
	ck_assert_ptr_nonnull(e);
	ck_assert_uint_eq(plist_dict_get_size(e), 2);
	plist_get_real_val(plist_dict_get_item(e, "Expiry"), &r);
	ck_assert(r == 1234.5);
	e = entry(d, "example.test");
	ck_assert_uint_eq(plist_dict_get_size(e), 2);
	ck_assert_uint_eq(plist_dict_get_size(plist_dict_get_item(plist_doc_root(d),
	    session[0])), 11);
	plist_get_string_val(plist_dict_get_item(plist_doc_root(d), "Ünïcode key"),
	    &str);
	ck_assert_str_eq(str, "naïve");
	free(str);
	plist_doc_free(d);
	free(out);
}
END_TEST

/* New binary values are encoded as CF does, and share existing scalars. */
START_TEST(test_binary_encoding)
{
	struct pv_pair		 pairs[2] = {
		{ "Expiry", { PV_REAL, 0, 0, 2.0, NULL, NULL, 0 } },
		{ "HSTS Host", { PV_BOOL, 1, 0, 0, NULL, NULL, 0 } },
	};
	struct pv		 v = { PV_DICT, 0, 0, 0, NULL, pairs, 2 };
	struct plist_edit	 ed = { PLIST_EDIT_SET, session, 1, "n.example",
	    &v, 0 };
	struct plist_doc	*d;
	struct bplist		 before, after;
	struct hs_error		 err;
	char			*in, *out;
	size_t			 inlen, len;
	static const unsigned char real2[] = { 0x23, 0x40, 0, 0, 0, 0, 0, 0,
	    0 };

	in = test_slurp("schema3.bplist", &inlen);
	d = edited("schema3.bplist", &ed, 1, &out, &len);
	hs_error_init(&err);
	ck_assert_int_eq(bplist_open(&before, in, inlen, &err), HS_OK);
	ck_assert_int_eq(bplist_open(&after, out, len, &err), HS_OK);
	/*
	 * Three orphans go; the new dict, its key string and one 8-byte
	 * real are added; "Expiry", "HSTS Host" and true are shared.
	 */
	ck_assert_uint_eq(after.nobjects, before.nobjects - 3 + 3);
	ck_assert_ptr_nonnull(memmem(out, len, real2, sizeof real2));
	ck_assert_ptr_nonnull(memmem(out, len, "\x59n.example", 10));
	ck_assert_uint_eq(after.ref_size, 1);
	plist_doc_free(d);
	free(in);
	free(out);
}
END_TEST

/* 16-byte integers and 4-byte reals keep their bytes through an edit. */
START_TEST(test_binary_keeps_widths)
{
	struct plist_edit	 ed = { PLIST_EDIT_REMOVE, session, 1,
	    "int-expiry.example", NULL, 0 };
	struct plist_edit	 ed2 = { PLIST_EDIT_SET, session, 1,
	    "x.example", NULL, 0 };
	struct pv		 t = { PV_BOOL, 1, 0, 0, NULL, NULL, 0 };
	struct plist_doc	*d;
	char			*out;
	size_t			 len;
	static const unsigned char big[] = { 0x14, 0, 0, 0, 0, 0, 0, 0, 0,
	    0x80, 0, 0, 0, 0, 0, 0, 0 };
	static const unsigned char f32inf[] = { 0x22, 0x7f, 0x80, 0, 0 };

	d = edited("int128.bplist", &ed, 1, &out, &len);
	ck_assert_ptr_nonnull(memmem(out, len, big, sizeof big));
	plist_doc_free(d);
	free(out);
	ed2.value = &t;
	d = edited("real32.bplist", &ed2, 1, &out, &len);
	ck_assert_ptr_nonnull(memmem(out, len, f32inf, sizeof f32inf));
	plist_doc_free(d);
	free(out);
}
END_TEST

START_TEST(test_errors)
{
	const char		*files[] = { "schema3.bplist", "schema3.xml" };
	const char *const	 bad[] = { "HSTS Store Schema Version" };
	const char *const	 none[] = { "no such session" };
	struct plist_edit	 missing = { PLIST_EDIT_REMOVE, session, 1,
	    "absent.example", NULL, 0 };
	struct plist_edit	 notdict = { PLIST_EDIT_REMOVE, bad, 1, "x",
	    NULL, 0 };
	struct plist_edit	 nopath = { PLIST_EDIT_REMOVE, none, 1, "x",
	    NULL, 0 };
	struct plist_doc	*in;
	struct hs_error		 err;
	char			*buf, *out;
	size_t			 blen, len;

	buf = test_slurp(files[_i], &blen);
	hs_error_init(&err);
	ck_assert_int_eq(plist_doc_parse(buf, blen, &in, &err), HS_OK);
	ck_assert_int_eq(plist_doc_apply(in, &missing, 1, &out, &len, &err),
	    HS_EINVAL);
	ck_assert_str_eq(err.msg, "no key \"absent.example\" to remove");
	ck_assert_ptr_null(out);
	ck_assert_int_eq(plist_doc_apply(in, &notdict, 1, &out, &len, &err),
	    HS_EINVAL);
	ck_assert_str_eq(err.msg, "\"HSTS Store Schema Version\" is not a "
	    "dictionary");
	ck_assert_int_eq(plist_doc_apply(in, &nopath, 1, &out, &len, &err),
	    HS_EINVAL);
	ck_assert_str_eq(err.msg, "no key \"no such session\"");
	plist_doc_free(in);
	free(buf);
}
END_TEST

/* Items of an array go: in XML their lines, in binary their references. */
START_TEST(test_remove_items)
{
	static const char xml[] =
	    "<?xml version=\"1.0\"?>\n<plist version=\"1.0\">\n<dict>\n"
	    "\t<key>d</key>\n\t<dict>\n\t\t<key>a</key>\n\t\t<array>\n"
	    "\t\t\t<string>w</string>\n\t\t\t<dict>\n\t\t\t\t<key>k</key>"
	    "\n\t\t\t\t<integer>1</integer>\n\t\t\t</dict>\n"
	    "\t\t\t<string>y</string>\n\t\t\t<string>z</string>\n"
	    "\t\t</array>\n\t</dict>\n</dict>\n</plist>\n";
	static const char want[] =
	    "<?xml version=\"1.0\"?>\n<plist version=\"1.0\">\n<dict>\n"
	    "\t<key>d</key>\n\t<dict>\n\t\t<key>a</key>\n\t\t<array>\n"
	    "\t\t\t<string>w</string>\n"
	    "\t\t\t<string>y</string>\n"
	    "\t\t</array>\n\t</dict>\n</dict>\n</plist>\n";
	const char *const	 path[] = { "d" };
	struct plist_edit	 ed[2] = {
		{ PLIST_EDIT_REMOVE_ITEM, path, 1, "a", NULL, 3 },
		{ PLIST_EDIT_REMOVE_ITEM, path, 1, "a", NULL, 1 } };
	struct plist_edit	 bad = { PLIST_EDIT_REMOVE_ITEM, path, 1, "a",
	    NULL, 4 };
	struct plist_edit	 notarr = { PLIST_EDIT_REMOVE_ITEM, NULL, 0, "d",
	    NULL, 0 };
	struct plist_doc	*in, *res;
	struct hs_error		 err;
	plist_t			 tree = NULL, a;
	char			*bin = NULL, *out, *s;
	uint32_t		 blen;
	size_t			 len;
	int			 pass;

	for (pass = 0; pass < 2; pass++) {
		hs_error_init(&err);
		if (pass == 0)
			ck_assert_int_eq(plist_doc_parse(xml, sizeof xml - 1,
			    &in, &err), HS_OK);
		else {
			plist_from_xml(xml, sizeof xml - 1, &tree);
			plist_to_bin(tree, &bin, &blen);
			plist_free(tree);
			ck_assert_int_eq(plist_doc_parse(bin, blen, &in, &err),
			    HS_OK);
			free(bin);
		}
		ck_assert_int_eq(plist_doc_apply(in, ed, 2, &out, &len, &err),
		    HS_OK);
		if (pass == 0)
			ck_assert_str_eq(out, want);
		ck_assert_int_eq(plist_doc_parse(out, len, &res, &err), HS_OK);
		a = plist_dict_get_item(plist_dict_get_item(plist_doc_root(res),
		    "d"), "a");
		ck_assert_int_eq(plist_array_get_size(a), 2);
		plist_get_string_val(plist_array_get_item(a, 1), &s);
		ck_assert_str_eq(s, "y");
		free(s);
		plist_doc_free(res);
		free(out);
		ck_assert_int_eq(plist_doc_apply(in, &bad, 1, &out, &len, &err),
		    HS_EINVAL);
		ck_assert_str_eq(err.msg, "\"a\" has no item 4");
		ck_assert_int_eq(plist_doc_apply(in, &notarr, 1, &out, &len,
		    &err), HS_EINVAL);
		ck_assert_str_eq(err.msg, "\"d\" is not an array");
		plist_doc_free(in);
	}
}
END_TEST

/* XML: new lines are indented like their neighbours; an empty dict opens. */
START_TEST(test_xml_layout)
{
	static const char in[] =
	    "<?xml version=\"1.0\"?>\r\n<plist version=\"1.0\">\r\n"
	    "<dict>\r\n  <key>s</key>\r\n  <dict/>\r\n  <key>keep</key>\r\n"
	    "  <string>a &amp; b</string>\r\n</dict>\r\n</plist>\r\n";
	static const char want[] =
	    "<?xml version=\"1.0\"?>\r\n<plist version=\"1.0\">\r\n"
	    "<dict>\r\n  <key>s</key>\r\n  <dict>\r\n    <key>h&lt;1</key>\r\n"
	    "    <real>0.1</real>\r\n  </dict>\r\n  <key>keep</key>\r\n"
	    "  <string>a &amp; b</string>\r\n</dict>\r\n</plist>\r\n";
	const char *const	 path[] = { "s" };
	struct pv		 v = { PV_REAL, 0, 0, 0.1, NULL, NULL, 0 };
	struct plist_edit	 ed = { PLIST_EDIT_SET, path, 1, "h<1", &v,
	    0 };
	struct plist_edit	 rm = { PLIST_EDIT_REMOVE, path, 1, "h<1",
	    NULL, 0 };
	struct plist_doc	*d1, *d2;
	struct hs_error		 err;
	char			*out, *back;
	size_t			 len, blen;

	hs_error_init(&err);
	ck_assert_int_eq(plist_doc_parse(in, strlen(in), &d1, &err), HS_OK);
	ck_assert_int_eq(plist_doc_apply(d1, &ed, 1, &out, &len, &err), HS_OK);
	ck_assert_str_eq(out, want);
	ck_assert_int_eq(plist_doc_parse(out, len, &d2, &err), HS_OK);
	ck_assert_int_eq(plist_doc_apply(d2, &rm, 1, &back, &blen, &err),
	    HS_OK);
	plist_doc_free(d1);
	plist_doc_free(d2);
	ck_assert_str_eq(back, "<?xml version=\"1.0\"?>\r\n<plist version="
	    "\"1.0\">\r\n<dict>\r\n  <key>s</key>\r\n  <dict>\r\n  </dict>"
	    "\r\n  <key>keep</key>\r\n  <string>a &amp; b</string>\r\n"
	    "</dict>\r\n</plist>\r\n");
	free(out);
	free(back);
}
END_TEST

/*
 * XML: every edit of one call is cut from the bytes as read: two keys
 * added to one <dict/>, a removal and an addition in a dictionary whose
 * end tag shares its line; two edits of one key are refused.
 */
START_TEST(test_xml_one_pass)
{
	static const char in[] = "<plist><dict><key>s</key><dict/><key>t</key>"
	    "<dict><key>a</key><true/></dict></dict></plist>";
	static const char want[] = "<plist><dict><key>s</key><dict>\n"
	    "\t<key>x</key>\n\t<integer>1</integer>\n\t<key>y</key>\n"
	    "\t<integer>2</integer>\n</dict><key>t</key><dict>\n"
	    "\t<key>b</key>\n\t<false/>\n</dict></dict></plist>";
	const char *const	 s[] = { "s" }, *const t[] = { "t" };
	struct pv		 one = { PV_INT, 0, 1, 0, NULL, NULL, 0 };
	struct pv		 two = { PV_INT, 0, 2, 0, NULL, NULL, 0 };
	struct pv		 no = { PV_BOOL, 0, 0, 0, NULL, NULL, 0 };
	struct plist_edit	 ed[] = {
		{ PLIST_EDIT_SET, s, 1, "x", &one, 0 },
		{ PLIST_EDIT_SET, t, 1, "b", &no, 0 },
		{ PLIST_EDIT_SET, s, 1, "y", &two, 0 },
		{ PLIST_EDIT_REMOVE, t, 1, "a", NULL, 0 },
	};
	struct plist_edit	 twice[] = {
		{ PLIST_EDIT_REMOVE, t, 1, "a", NULL, 0 },
		{ PLIST_EDIT_SET, t, 1, "a", &no, 0 },
	};
	struct plist_edit	 added[] = {
		{ PLIST_EDIT_SET, s, 1, "z", &no, 0 },
		{ PLIST_EDIT_SET, s, 1, "z", &one, 0 },
	};
	struct plist_doc	*d;
	struct hs_error		 err;
	char			*out;
	size_t			 len;

	hs_error_init(&err);
	ck_assert_int_eq(plist_doc_parse(in, strlen(in), &d, &err), HS_OK);
	ck_assert_msg(plist_doc_apply(d, ed, 4, &out, &len, &err) == HS_OK,
	    "%s", err.msg);
	ck_assert_str_eq(out, want);
	ck_assert_uint_eq(len, strlen(want));
	free(out);
	ck_assert_int_eq(plist_doc_apply(d, twice, 2, &out, &len, &err),
	    HS_EINVAL);
	ck_assert_str_eq(err.msg, "two edits change the same entry");
	ck_assert_ptr_null(out);
	ck_assert_int_eq(plist_doc_apply(d, added, 2, &out, &len, &err),
	    HS_EINVAL);
	ck_assert_str_eq(err.msg, "key \"z\" is added twice");
	plist_doc_free(d);
}
END_TEST

/* Plans removing dev.example.test but records example.test as removed. */
static int
lying_planner(const struct hsts_store *st, struct hsts_plan *p, void *arg,
    struct hs_error *err)
{
	char	*host = "dev.example.test";
	int	 r;

	if ((r = hsts_plan_remove(st, &host, 1, 0, 0, p, err)) != HS_OK)
		return r;
	ck_assert_uint_eq(p->nchanges, 1);
	free(p->changes[0].host);
	p->changes[0].host = strdup(arg);
	return HS_OK;
}

/* The read-back check refuses an edit that did not do what was planned. */
START_TEST(test_verify_catches)
{
	static const char *const src[] = { "schema3.bplist", "schema3.xml" };
	char			 path[] = "/tmp/hstsctl-check-XXXXXX", in[512];
	char			*a, *b;
	struct hsts_plan	*plan = NULL;
	struct hs_error		 err;
	struct stat		 st;
	size_t			 alen, blen;
	FILE			*f;
	int			 fd;

	snprintf(in, sizeof in, "%s/%s", TEST_DATA, src[_i]);
	hs_error_init(&err);
	ck_assert_int_eq(hs_file_read(in, PLIST_MAX_FILE_SIZE, &a, &alen, &st, &err), HS_OK);
	ck_assert_int_ne(fd = mkstemp(path), -1);
	ck_assert_ptr_nonnull(f = fdopen(fd, "w"));
	ck_assert_uint_eq(fwrite(a, 1, alen, f), alen);
	fclose(f);
	ck_assert_int_eq(hsts_edit(path, lying_planner, NULL, "example.test", 0,
	    &plan, &err), HS_EFORMAT);
	ck_assert_ptr_nonnull(strstr(err.msg, "does not hold what was "
	    "planned"));
	/* Nothing was written. */
	ck_assert_int_eq(hs_file_read(path, PLIST_MAX_FILE_SIZE, &b, &blen, &st, &err), HS_OK);
	ck_assert(alen == blen && memcmp(a, b, alen) == 0);
	hsts_plan_free(plan);
	unlink(path);
	free(a);
	free(b);
}
END_TEST

/*
 * Built over the input: the same bytes as built afresh, for removals (the
 * input then gone, its digest kept); not over it when something is added
 * or the objects do not lie in order.
 */
START_TEST(test_apply_over)
{
	struct pv		 t = { PV_BOOL, 1, 0, 0, NULL, NULL, 0 };
	struct plist_edit	 rm[3] = {
		{ PLIST_EDIT_REMOVE, session, 1, "bücher.example", NULL, 0 },
		{ PLIST_EDIT_REMOVE, session, 1, "dev.example.test", NULL, 0 },
		{ PLIST_EDIT_REMOVE, session, 1, "trailing.example.", NULL, 0 },
	};
	struct plist_edit	 set = { PLIST_EDIT_SET, session, 1,
	    "new.example", &t, 0 };
	/* Root {"a": true, "b": true}, its objects stored last to first. */
	static const unsigned char rev[] = {
		'b','p','l','i','s','t','0','0',
		0x09, 0x51, 'b', 0x51, 'a', 0xd2, 1, 2, 3, 3,
		13, 11, 9, 8,
		0,0,0,0,0,0, 1, 1, 0,0,0,0,0,0,0,4, 0,0,0,0,0,0,0,0,
		0,0,0,0,0,0,0,18
	};
	struct plist_edit	 rmb = { PLIST_EDIT_REMOVE, NULL, 0, "b", NULL,
	    0 };
	struct plist_doc	*doc;
	struct hs_error		 err;
	char			*buf, *want, *got;
	size_t			 blen, wlen, glen;
	uint64_t		 sum;

	buf = test_slurp("schema3.bplist", &blen);
	ck_assert_ptr_nonnull(buf);
	sum = hs_hash_digest(buf, blen);
	hs_error_init(&err);
	ck_assert_int_eq(plist_doc_parse(buf, blen, &doc, &err), HS_OK);
	ck_assert(doc->bp.tight);
	ck_assert_int_eq(bplist_apply(buf, blen, rm, 3, &want, &wlen, &err),
	    HS_OK);
	ck_assert_int_eq(plist_doc_apply_over(doc, rm, 3, &got, &glen, &err),
	    HS_OK);
	ck_assert_ptr_null(doc->bytes);
	ck_assert(doc->sum == sum);
	ck_assert_uint_eq(glen, wlen);
	ck_assert(memcmp(got, want, wlen) == 0);
	plist_doc_free(doc);
	free(want);
	free(got);

	ck_assert_int_eq(plist_doc_parse(buf, blen, &doc, &err), HS_OK);
	ck_assert_int_eq(bplist_apply(buf, blen, &set, 1, &want, &wlen, &err),
	    HS_OK);
	ck_assert_int_eq(plist_doc_apply_over(doc, &set, 1, &got, &glen,
	    &err), HS_OK);
	ck_assert_ptr_nonnull(doc->bytes);
	ck_assert(glen == wlen && memcmp(got, want, wlen) == 0);
	plist_doc_free(doc);
	free(want);
	free(got);
	free(buf);

	ck_assert_int_eq(plist_doc_parse(rev, sizeof rev, &doc, &err), HS_OK);
	ck_assert(!doc->bp.ascending && !doc->bp.tight);
	ck_assert_int_eq(plist_doc_apply_over(doc, &rmb, 1, &got, &glen,
	    &err), HS_OK);
	ck_assert_ptr_nonnull(doc->bytes);
	plist_doc_free(doc);
	ck_assert_int_eq(plist_doc_parse(got, glen, &doc, &err), HS_OK);
	ck_assert_uint_eq(plist_dict_get_size(plist_doc_root(doc)), 1);
	ck_assert_ptr_nonnull(plist_dict_get_item(plist_doc_root(doc), "a"));
	plist_doc_free(doc);
	free(got);
}
END_TEST

/* The entries a remove plan reads: the host, its parents, and with
 * --subdomains its subdomains; nothing else. */
START_TEST(test_remove_wants)
{
	char	*hosts[] = { "a.example.test", "z.example" };

	ck_assert(hsts_remove_wants("a.example.test", hosts, 2, 0));
	ck_assert(hsts_remove_wants("z.example", hosts, 2, 0));
	ck_assert(hsts_remove_wants("example.test", hosts, 2, 0));
	ck_assert(hsts_remove_wants("test", hosts, 2, 0));
	ck_assert(!hsts_remove_wants("b.a.example.test", hosts, 2, 0));
	ck_assert(hsts_remove_wants("b.a.example.test", hosts, 2, 1));
	ck_assert(!hsts_remove_wants("xa.example.test", hosts, 2, 1));
	ck_assert(!hsts_remove_wants("other.test", hosts, 2, 1));
	ck_assert(!hsts_remove_wants("example", hosts, 1, 1));
}
END_TEST

Suite *
suite_edit(void)
{
	Suite	*s = suite_create("edit");
	TCase	*tc = tcase_create("core");

	tcase_add_loop_test(tc, test_remove, 0, 2);
	tcase_add_loop_test(tc, test_set_new_and_existing, 0, 2);
	tcase_add_test(tc, test_binary_encoding);
	tcase_add_test(tc, test_remove_wants);
	tcase_add_test(tc, test_apply_over);
	tcase_add_test(tc, test_binary_keeps_widths);
	tcase_add_loop_test(tc, test_errors, 0, 2);
	tcase_add_test(tc, test_xml_layout);
	tcase_add_test(tc, test_remove_items);
	tcase_add_test(tc, test_xml_one_pass);
	tcase_add_loop_test(tc, test_verify_catches, 0, 2);
	suite_add_tcase(s, tc);
	return s;
}
