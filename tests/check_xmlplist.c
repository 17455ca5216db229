/* check_xmlplist.c: the XML property-list reader (libxml2 into xtree). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suites.h"
#include "plist/plist-doc.h"
#include "plist/plist-tree.h"
#include "plist/pval.h"

static struct plist_doc *
parse(const char *text, struct hs_error *err)
{
	struct plist_doc	*doc = NULL;

	hs_error_init(err);
	plist_doc_parse(text, strlen(text), &doc, err);
	return doc;
}

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plist " \
    "version=\"1.0\">\n"

START_TEST(test_values)
{
	struct hs_error		 err;
	struct plist_doc	*doc = parse(HEAD "<dict>\n"
	    "<key>i</key><integer>-5</integer>\n"
	    "<key>big</key><integer>9223372036854775808</integer>\n"
	    "<key>r</key><real>+infinity</real>\n"
	    "<key>n</key><real>-infinity</real>\n"
	    "<key>p</key><real>inf</real>\n"
	    "<key>f</key><real>1.5e3</real>\n"
	    "<key>t</key><true/>\n"
	    "<key>d</key><data>\n\tAAEC\n\tAw==\n</data>\n"
	    "<key>s</key><string>a &amp; b</string>\n"
	    "<key>date</key><date>2001-01-02T00:00:00Z</date>\n"
	    "</dict></plist>\n", &err);
	double			 v;
	char			*s = NULL;
	const char		*data;
	uint64_t		 n;

	ck_assert_msg(doc != NULL, "%s", err.msg);
	ck_assert_int_eq(plist_doc_number(doc,
	    plist_dict_get_item(plist_doc_root(doc), "i"), &v), 0);
	ck_assert(v == -5.0);
	plist_doc_number(doc, plist_dict_get_item(plist_doc_root(doc), "big"), &v);
	ck_assert(v == 9223372036854775808.0);
	plist_doc_number(doc, plist_dict_get_item(plist_doc_root(doc), "r"), &v);
	ck_assert(isinf(v) && v > 0);
	plist_doc_number(doc, plist_dict_get_item(plist_doc_root(doc), "n"), &v);
	ck_assert(isinf(v) && v < 0);
	plist_doc_number(doc, plist_dict_get_item(plist_doc_root(doc), "p"), &v);
	ck_assert(isinf(v) && v > 0);
	plist_doc_number(doc, plist_dict_get_item(plist_doc_root(doc), "f"), &v);
	ck_assert(v == 1500.0);
	plist_doc_number(doc, plist_dict_get_item(plist_doc_root(doc), "date"), &v);
	ck_assert(v == 86400.0);
	data = plist_get_data_ptr(plist_dict_get_item(plist_doc_root(doc), "d"), &n);
	ck_assert_uint_eq(n, 4);
	ck_assert_mem_eq(data, "\0\1\2\3", 4);
	plist_get_string_val(plist_dict_get_item(plist_doc_root(doc), "s"), &s);
	ck_assert_str_eq(s, "a & b");
	free(s);
	plist_doc_free(doc);
}
END_TEST

struct xbad {
	const char	*file;
	const char	*msg;
	int		 line;
};

static const struct xbad xbad_cases[] = {
	{ "html.xml", "unknown element <html>", 1 },
	{ "unclosed.xml", "unexpected end of document: <dict> is not "
	    "closed", 6 },
	{ "bad-integer.xml", "<integer> \"0x3g\" is not a number", 3 },
	{ "bad-real.xml", "<real> \"soon\" is not a number", 3 },
	{ "bad-date.xml", "<date> \"2026-13-01T00:00:00Z\" is not", 3 },
	{ "bad-base64.xml", "<data> is not valid base64", 3 },
	{ "entity.xml", "entity references are not allowed", 3 },
	{ "external-entity.xml", "entity references are not allowed", 3 },
	{ "billion-laughs.xml", "", 0 },
	{ "key-without-value.xml", "<key>a</key> has no value", 3 },
	{ "unknown-element.xml", "unknown element <float>", 3 },
	{ "deep-600.xml", "containers nested deeper than 512 levels", 3 },
	{ "two-roots.xml", "<plist> holds more than one value", 3 },
};

START_TEST(test_malformed)
{
	const struct xbad	*c = &xbad_cases[_i];
	struct plist_doc	*doc = NULL;
	struct hs_error		 err;
	char			 path[256], *buf;
	size_t			 len;

	snprintf(path, sizeof path, "malformed/%s", c->file);
	buf = test_slurp(path, &len);
	ck_assert_ptr_nonnull(buf);
	hs_error_init(&err);
	ck_assert_int_eq(plist_doc_parse(buf, len, &doc, &err), HS_EFORMAT);
	ck_assert_ptr_null(doc);
	ck_assert_msg(strstr(err.msg, c->msg) != NULL, "%s: got \"%s\"",
	    c->file, err.msg);
	ck_assert_int_gt(err.line, 0);
	if (c->line > 0)
		ck_assert_int_eq(err.line, c->line);
	free(buf);
}
END_TEST

/*
 * A dictionary of n keys k0 ... k(n-1), key dup again at the end when
 * dup >= 0, each value a dictionary holding the key k0 (not a duplicate:
 * another dictionary).  Caller frees.
 */
static char *
big_dict(int n, int dup)
{
	size_t	 cap = 256 + (size_t)n * 64, len;
	char	*s = malloc(cap);
	int	 i;

	len = (size_t)snprintf(s, cap, "%s<dict>\n", HEAD);
	for (i = 0; i < n + (dup >= 0); i++)
		len += (size_t)snprintf(s + len, cap - len, "<key>k%d</key>"
		    "<dict><key>k0</key><true/></dict>\n", i < n ? i : dup);
	snprintf(s + len, cap - len, "</dict></plist>\n");
	return s;
}

/*
 * Equal keys are found in small dictionaries and in large ones (hashed
 * past 16 pairs), and only within one dictionary; as in CoreFoundation
 * the last one is read, the earlier skipped.
 */
START_TEST(test_duplicates)
{
	static const int	 sizes[] = { 3, 16, 17, 40, 5000 };
	struct hs_error		 err;
	struct plist_doc	*doc;
	char			*text, want[64];
	size_t			 i;

	for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		text = big_dict(sizes[i], -1);
		doc = parse(text, &err);
		ck_assert_msg(doc != NULL, "%d keys: %s", sizes[i], err.msg);
		ck_assert_uint_eq(plist_dict_get_size(plist_doc_root(doc)),
		    (unsigned)sizes[i]);
		ck_assert_uint_eq(doc->xt.shadow.n, 0);
		plist_doc_free(doc);
		free(text);
		text = big_dict(sizes[i], sizes[i] / 2);
		doc = parse(text, &err);
		ck_assert_msg(doc != NULL, "%d keys: %s", sizes[i], err.msg);
		/* Only the outer copy of k<n/2> is hidden, not the inner k0s. */
		ck_assert_uint_eq(doc->xt.shadow.n, 1);
		snprintf(want, sizeof want, "k%d", sizes[i] / 2);
		test_root_pairs(doc, (size_t)sizes[i], want);
		plist_doc_free(doc);
		free(text);
	}
}
END_TEST

#define APPLE "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE " \
    "plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/" \
    "DTDs/PropertyList-1.0.dtd\">\n<plist version=\"1.0\">\n"

/* Documents that libxml2 reads into a tree: any XML a plist can be. */
static const char *const xml_cases[] = {
	APPLE "<dict>\n\t<key>a</key>\n\t<dict>\n\t\t<key>Expiry</key>\n"
	    "\t\t<real>1.5</real>\n\t</dict>\n</dict>\n</plist>\n",
	"\xef\xbb\xbf" APPLE "<array><integer>-3</integer></array></plist>",
	"<!-- first --><plist><dict><!-- in --><key>k</key><!-- - -->"
	    "<string>a<!--x-->b</string></dict></plist><!-- last -->\n",
	HEAD "<array><string>&lt;&amp;&gt;&quot;&apos;&#233;&#x1F600;"
	    "&#10;</string><string>caf\xc3\xa9 \xe2\x82\xac "
	    "\xf0\x9f\x98\x80</string></array></plist>",
	HEAD "<array><dict/><array/><string/><true/><false />"
	    "<data></data></array></plist>",
	"<?xml version='1.0' standalone='yes' ?><plist a = 'x' b=\"y\">"
	    "<array></array ></plist>",
	"\n  <plist><string>]] ></string></plist>",
	HEAD "<array>\r\n<string>a\r\nb</string></array></plist>",
	HEAD "<array><string><![CDATA[<x>]]></string></array></plist>",
	HEAD "<?pi data?><array/></plist>",
	"<!DOCTYPE plist [ <!ELEMENT plist ANY> ]><plist><true/></plist>",
	"<plist xmlns=\"urn:x\"><true/></plist>",
	"<?xml version=\"1.1\"?><plist><true/></plist>",
};

START_TEST(test_xml_forms)
{
	struct plist_doc	*doc = NULL;
	struct hs_error		 err;
	uint32_t		 k;
	size_t			 pos, end;

	hs_error_init(&err);
	ck_assert_msg(plist_doc_parse(xml_cases[_i], strlen(xml_cases[_i]),
	    &doc, &err) == HS_OK, "case %d: %s", _i, err.msg);
	ck_assert_int_eq(doc->format, PLIST_FORMAT_XML);
	ck_assert_uint_gt(doc->xt.n, 0);
	/* Each node's element lies at [pos, end), '<' to '>'. */
	for (k = 0; k < doc->xt.n; k++) {
		pos = doc->xt.node[k].pos;
		end = doc->xt.end[k];
		ck_assert_msg(pos < end && end <= doc->len &&
		    doc->bytes[pos] == '<' && doc->bytes[end - 1] == '>',
		    "case %d node %u: [%zu, %zu)", _i, k, pos, end);
	}
	plist_doc_free(doc);
}
END_TEST

/* Entities replaced, the text read; each node at its start tag. */
START_TEST(test_xml_text)
{
	struct plist_doc	*doc;
	struct hs_error		 err;

	hs_error_init(&err);
	ck_assert_int_eq(plist_doc_parse(xml_cases[3], strlen(xml_cases[3]),
	    &doc, &err), HS_OK);
	ck_assert_uint_eq(doc->xt.n, 3);
	ck_assert_str_eq(xtree_text(&doc->xt, doc->xt.node[1].v.str.off),
	    "<&>\"'\xc3\xa9\xf0\x9f\x98\x80\n");
	ck_assert_uint_eq(doc->xt.node[2].pos, (size_t)(strstr(
	    xml_cases[3], "<string>caf") - xml_cases[3]));
	ck_assert_uint_eq(doc->xt.end[2], (size_t)(strstr(xml_cases[3],
	    "</array>") - xml_cases[3]));
	ck_assert_uint_eq(doc->xt.end[0], (size_t)(strstr(xml_cases[3],
	    "</plist>") - xml_cases[3]));
	plist_doc_free(doc);
}
END_TEST

/*
 * Text is read as it comes, so a value far over the parser's 64 KB of
 * pending markup (XP_MAX_PENDING) reads: a 300 KB string, 200 KB of data.
 */
START_TEST(test_large_values)
{
	struct plist_doc	*doc = NULL;
	struct hs_error		 err;
	size_t			 n = 300000, d = 200000, len = 0, i, q = 0;
	char			*xml = malloc(n + d + 256);

	ck_assert_ptr_nonnull(xml);
	len += (size_t)sprintf(xml, HEAD "<array><string>");
	memset(xml + len, 'x', n);
	len += n;
	len += (size_t)sprintf(xml + len, "</string><data>");
	for (i = 0; i < d; i++)
		q += (xml[len++] = i % 77 == 76 ? '\n' : 'Q') == 'Q';
	len += (size_t)sprintf(xml + len, "</data></array></plist>");
	hs_error_init(&err);
	ck_assert_msg(plist_doc_parse(xml, len, &doc, &err) == HS_OK, "%s",
	    err.msg);
	ck_assert_uint_eq(doc->xt.node[1].v.str.len, n);
	/* Unpadded base64: 3 bytes a group of 4, and 2 of a last 3. */
	ck_assert_uint_eq(doc->xt.node[2].v.str.len, q / 4 * 3 +
	    (q % 4 ? q % 4 - 1 : 0));
	plist_doc_free(doc);
	free(xml);
}
END_TEST

/* A date must be a day of the calendar: no 29 February in 2023. */
START_TEST(test_dates)
{
	static const struct {
		const char	*date;
		int		 ok;
	} c[] = {
		{ "2024-02-29T12:00:00Z", 1 }, { "2000-02-29T00:00:00Z", 1 },
		{ "2023-02-29T00:00:00Z", 0 }, { "1900-02-29T00:00:00Z", 0 },
		{ "2023-04-31T00:00:00Z", 0 }, { "2023-12-31T23:59:59Z", 1 },
		{ "2023-13-01T00:00:00Z", 0 },
	};
	struct plist_doc	*doc = NULL;
	struct hs_error		 err;
	char			 xml[256];
	size_t			 i;

	for (i = 0; i < sizeof c / sizeof c[0]; i++) {
		snprintf(xml, sizeof xml, HEAD "<date>%s</date></plist>",
		    c[i].date);
		hs_error_init(&err);
		ck_assert_msg((plist_doc_parse(xml, strlen(xml), &doc, &err) ==
		    HS_OK) == c[i].ok, "%s: %s", c[i].date, err.msg);
		if (!c[i].ok)
			ck_assert_ptr_nonnull(strstr(err.msg, c[i].date));
		plist_doc_free(doc);
		doc = NULL;
	}
}
END_TEST

/* One text of a real for test_reals; the generator is fixed (LCG). */
static void
real_text(uint64_t *seed, char *buf, size_t len)
{
	uint64_t	r, bits;
	double		d;
	int		n, point, i;

	*seed = *seed * 6364136223846793005ULL + 1442695040888963407ULL;
	r = *seed >> 11;
	switch (r % 4) {
	case 0:		/* Apple's times: seconds with up to 7 decimals */
		snprintf(buf, len, "%.*f", (int)(r / 4 % 8),
		    (double)(r % 2000000000) + (double)(r % 9999991) / 1e7);
		break;
	case 1:		/* any double, as many decimals as asked */
		do {
			*seed = *seed * 6364136223846793005ULL + 1;
			bits = *seed;
			memcpy(&d, &bits, sizeof d);
		} while (!isfinite(d) || fabs(d) >= 1e22);
		snprintf(buf, len, "%.*f", (int)(r / 4 % 24), d);
		break;
	case 2:		/* the shortest text of a double */
		snprintf(buf, len, "%.17g", (double)(r % 1000000007) /
		    (double)(r % 997 + 1));
		break;
	default:	/* digit strings near 2^53, a point anywhere */
		n = 1 + (int)(r / 4 % 19);
		point = (int)(r / 64 % (uint64_t)(n + 1));
		i = 0;
		if (r & 1)
			buf[i++] = '-';
		for (; n > 0; n--) {
			if (n == point)
				buf[i++] = '.';
			*seed = *seed * 6364136223846793005ULL + 3;
			buf[i++] = (char)('0' + (*seed >> 33) % 10);
		}
		buf[i] = '\0';
	}
}

/* A real reads as the double strtod gives, bit for bit. */
START_TEST(test_reals)
{
	enum { N = 20000 };
	static char		 texts[N][48];
	struct plist_doc	*doc = NULL;
	struct hs_error		 err;
	uint64_t		 seed = 1;
	size_t			 i, len = 0, cap = N * 64 + 256;
	double			 want;
	char			*xml = malloc(cap);

	ck_assert_ptr_nonnull(xml);
	len += (size_t)snprintf(xml + len, cap - len, HEAD "<array>\n");
	/* The edges of the sure cases, then texts made up. */
	static const char	*const edge[] = {
		"9007199254740992", "9007199254740993", "-9007199254740993",
		"900719925474099.3", "0.0000000000000000000001",
		"0.00000000000000000000001", "1.5e3", "-0", "-0.0", "+.5",
		"5.", "123456789012345678901234567890", "751692800.0",
		"788076270.4370929", "0.1", "0.3", "2.2250738585072014"
	};
	for (i = 0; i < N; i++) {
		if (i < sizeof edge / sizeof edge[0])
			snprintf(texts[i], sizeof texts[i], "%s", edge[i]);
		else
			real_text(&seed, texts[i], sizeof texts[i]);
		len += (size_t)snprintf(xml + len, cap - len, "<real>%s</real>\n",
		    texts[i]);
	}
	len += (size_t)snprintf(xml + len, cap - len, "</array>\n</plist>\n");
	hs_error_init(&err);
	ck_assert_msg(plist_doc_parse(xml, len, &doc, &err) == HS_OK, "%s",
	    err.msg);
	ck_assert_uint_eq(doc->xt.n, N + 1);
	for (i = 0; i < N; i++) {
		want = strtod(texts[i], NULL);
		ck_assert_msg(memcmp(&doc->xt.node[i + 1].v.d, &want,
		    sizeof want) == 0, "\"%s\": %.17g, strtod %.17g", texts[i],
		    doc->xt.node[i + 1].v.d, want);
	}
	plist_doc_free(doc);
	free(xml);
}
END_TEST

Suite *
suite_xmlplist(void)
{
	Suite	*s = suite_create("xmlplist");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, test_values);
	tcase_add_test(tc, test_duplicates);
	tcase_add_loop_test(tc, test_xml_forms, 0,
	    sizeof xml_cases / sizeof xml_cases[0]);
	tcase_add_test(tc, test_xml_text);
	tcase_add_test(tc, test_dates);
	tcase_add_test(tc, test_large_values);
	tcase_add_test(tc, test_reals);
	tcase_add_loop_test(tc, test_malformed, 0,
	    sizeof xbad_cases / sizeof xbad_cases[0]);
	suite_add_tcase(s, tc);
	return s;
}
