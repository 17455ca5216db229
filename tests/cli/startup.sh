#!/bin/sh
# startup.sh: what starting hstsctl loads.  Where configure put libxml2
# off until an XML store is read and OpenSSL until a live check starts
# (HS_LIBXML2_SONAME, HS_OPENSSL_SONAME; Linux: checked with the loader's
# LD_DEBUG), listing a binary store loads neither, nor does an XML store
# our scanner reads (xmlscan.h); one it leaves to libxml2 (CRLF line ends
# here) loads libxml2, check loads OpenSSL, --json json-c, an
# international host name libidn2, a trust-exception blob libplist, and a
# library without the functions hstsctl calls is a clear error for the
# commands that need it only.
. "$(dirname "$0")/lib.sh"

S3="$TESTDATA/schema3.bplist"
X3="$TESTDATA/schema3.xml"
# The same store with CRLF line ends: beyond the scanner, for libxml2.
XCR="$TMP/crlf.xml"
sed 's/$/\r/' "$X3" >"$XCR"

# Only a plain dynamic executable on Linux can be asked (not the
# valgrind wrapper, not a libxml2 linked at start-up).
if [ "$(uname -s)" != Linux ] || ! head -c 4 "$HSTSCTL" | grep -q ELF ||
    ldd "$HSTSCTL" 2>/dev/null |
    grep -qE 'libxml2|libssl|libidn2|json-c|libplist'; then
	echo "libxml2 or OpenSSL is linked at start-up here, or this cannot be asked: skipped"
	finish
	exit $?
fi

# A binary store of ASCII host names needs none of them.
LD_DEBUG=libs "$HSTSCTL" --store "$TESTDATA/sessions.bplist" list \
    >"$TMP/out" 2>"$TMP/ld"
lacks "$TMP/ld" 'libxml2|libssl|libcrypto|libidn2|json-c|libplist'
contains "$TMP/out" "b.example"
LD_DEBUG=libs "$HSTSCTL" exception dump \
    "$TESTDATA/exceptions/element-string.bin" >"$TMP/out" 2>"$TMP/ld"
contains "$TMP/ld" "libplist-2.0.so.3"
contains "$TMP/ld" "element 0 is a string, not a dictionary"
# schema3.bplist holds bücher.example and xn--caf-dma.example.
LD_DEBUG=libs "$HSTSCTL" --store "$S3" list >"$TMP/out" 2>"$TMP/ld"
contains "$TMP/ld" "libidn2.so.0"
contains "$TMP/out" "example.test"
LD_DEBUG=libs "$HSTSCTL" --store "$X3" list >"$TMP/out" 2>"$TMP/ld"
lacks "$TMP/ld" 'libxml2'
contains "$TMP/out" "example.test"
LD_DEBUG=libs "$HSTSCTL" --store "$XCR" list >"$TMP/out" 2>"$TMP/ld"
contains "$TMP/ld" "libxml2.so.2"
contains "$TMP/out" "example.test"
LD_DEBUG=libs "$HSTSCTL" --store "$S3" list --json >"$TMP/out" \
    2>"$TMP/ld"
contains "$TMP/ld" "libjson-c.so.5"
contains "$TMP/out" '"host": "example.test"'
LD_DEBUG=libs "$HSTSCTL" --store "$TESTDATA/sessions.bplist" show \
    "b$(printf '\303\274')cher.example" >"$TMP/out" 2>"$TMP/ld"
contains "$TMP/ld" "libidn2.so.0"
# Port 1 on loopback refuses: the probe starts, OpenSSL is loaded.
LD_DEBUG=libs "$HSTSCTL" --store "$S3" check example.test \
    --connect-to ::127.0.0.1:1 >"$TMP/out" 2>"$TMP/ld"
contains "$TMP/ld" "libssl.so.3"

# A libxml2 lacking the parser, first on the search path.
mkdir "$TMP/fake"
echo 'int hstsctl_fake_libxml2;' >"$TMP/fake.c"
if ${CC:-cc} -shared -fPIC -o "$TMP/fake/libxml2.so.2" "$TMP/fake.c" \
    2>/dev/null; then
	cp "$XCR" "$TMP/x.xml"
	LD_LIBRARY_PATH="$TMP/fake" run 1 --store "$TMP/x.xml" remove \
	    example.test &&
	    contains "$TMP/err" "cannot load libxml2 (libxml2.so.2): it has no xmlCreatePushParserCtxt; XML property lists cannot be read without it"
	cmp -s "$XCR" "$TMP/x.xml" && pass || fail "the XML store changed"
	cp "$X3" "$TMP/x.xml"
	LD_LIBRARY_PATH="$TMP/fake" run 0 --store "$TMP/x.xml" remove \
	    -q example.test && pass
	LD_LIBRARY_PATH="$TMP/fake" run 0 --store "$S3" list &&
	    contains "$TMP/out" "example.test"
	cp "$TMP/fake/libxml2.so.2" "$TMP/fake/libssl.so.3"
	LD_LIBRARY_PATH="$TMP/fake" run 1 --store "$S3" check example.test \
	    --connect-to ::127.0.0.1:1 &&
	    contains "$TMP/err" "cannot load OpenSSL (libssl.so.3): it has no ASN1_STRING_get0_data; live checks need it"
	LD_LIBRARY_PATH="$TMP/fake" run 0 --store "$S3" show example.test
	cp "$TMP/fake/libxml2.so.2" "$TMP/fake/libjson-c.so.5"
	cp "$TMP/fake/libxml2.so.2" "$TMP/fake/libidn2.so.0"
	LD_LIBRARY_PATH="$TMP/fake" run 1 --store "$S3" list --json &&
	    contains "$TMP/err" "cannot load json-c (libjson-c.so.5): it has no json_object_array_add; --json needs it"
	LD_LIBRARY_PATH="$TMP/fake" run 1 --store "$TESTDATA/sessions.bplist" \
	    show "b$(printf '\303\274')cher.example" &&
	    contains "$TMP/err" "cannot load libidn2 (libidn2.so.0): it has no idn2_to_ascii_8z; international host names need it"
	LD_LIBRARY_PATH="$TMP/fake" run 0 --store "$TESTDATA/sessions.bplist" \
	    list && contains "$TMP/out" "b.example"
	cp "$TMP/fake/libxml2.so.2" "$TMP/fake/libplist-2.0.so.3"
	LD_LIBRARY_PATH="$TMP/fake" run 1 exception dump \
	    "$TESTDATA/exceptions/element-string.bin" &&
	    contains "$TMP/err" "cannot load libplist (libplist-2.0.so.3): it has no plist_array_append_item; trust-exception files cannot be read without it"
	LD_LIBRARY_PATH="$TMP/fake" run 0 --store "$S3" list &&
	    contains "$TMP/out" "example.test"
else
	echo "no C compiler for the fake libxml2: that part skipped"
fi
finish
