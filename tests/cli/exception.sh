#!/bin/sh
# exception.sh: exception dump, list and remove.  Blobs and stores made
# now from OpenSSL chains (tests/exceptioncheck.py), the malformed blobs in
# tests/data/exceptions (expected errors in exceptions.expected; UPDATE=1
# rewrites it), and misuse.
. "$(dirname "$0")/lib.sh"

mkdir -p "$TMP/x"
pycheck exceptioncheck "$TOPSRC/tests/exceptioncheck.py" "$HSTSCTL" "$TMP/x"

E="$TESTDATA/exceptions"
: >"$TMP/got"
for f in "$E"/*.bin; do
	name=$(basename "$f")
	"$HSTSCTL" exception dump "$f" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	[ "$rc" = 4 ] && pass || fail "$name: exit $rc, expected 4"
	empty "$TMP/out"
	[ "$(wc -l <"$TMP/err")" = 1 ] && pass || fail "$name: not one line"
	printf '%s\t%s\n' "$name" "$(sed "s#$E/##" "$TMP/err")" >>"$TMP/got"
done
run 4 exception dump --hex "$E/bad-hex.txt" &&
    contains "$TMP/err" "bad-hex.txt: not valid hex text (at offset 16)"
run 4 exception dump --base64 "$E/bad-base64.txt" &&
    contains "$TMP/err" "bad-base64.txt: not valid base64 text (at offset 11)"
if [ "${UPDATE:-0}" = 1 ]; then
	cp "$TMP/got" "$TESTDATA/exceptions.expected"
else
	same "$TMP/got" "$TESTDATA/exceptions.expected"
fi
n=$(ls "$E"/*.bin | wc -l)
[ "$n" -ge 15 ] && pass || fail "only $n malformed blobs"

# Misuse and missing things.
run 2 exception && contains "$TMP/err" "exception needs dump, list or remove"
run 2 exception frob && contains "$TMP/err" "exception needs dump, list or remove"
run 2 exception list && contains "$TMP/err" "exception list needs one --store FILE"
run 2 exception remove x.example && contains "$TMP/err" "needs one --store FILE"
run 2 exception remove --store "$TESTDATA/schema3.bplist" &&
    contains "$TMP/err" "remove takes one HOST or SHA1"
run 2 exception dump --hex --base64 x && contains "$TMP/err" "--base64 and --hex cannot be combined"
run 1 exception dump "$TMP/none" && contains "$TMP/err" "No such file or directory"
run 4 exception dump /dev/null && contains "$TMP/err" "empty input"
run 0 help exception dump && contains "$TMP/out" "usage: hstsctl exception dump [FILE | -]"
run 0 exception remove --help && contains "$TMP/out" "usage: hstsctl exception remove HOST | SHA1 --store FILE"

# A store with no blob: exit 3, and nothing is written by remove.
run 3 exception list --store "$TESTDATA/schema3.bplist" &&
    contains "$TMP/err" "no trust-exception blob in this file"
cp "$TESTDATA/schema3.bplist" "$TMP/s.bplist"
run 3 exception remove dev.example.test --store "$TMP/s.bplist"
cmp -s "$TMP/s.bplist" "$TESTDATA/schema3.bplist" && pass || fail "written"
run 4 exception list --store "$TESTDATA/malformed/cycle-self.bplist" &&
    contains "$TMP/err" "reference cycle"
finish
