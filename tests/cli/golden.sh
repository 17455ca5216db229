#!/bin/sh
# golden.sh: list and show on every fixture, compared with golden output in
# tests/data/golden; binary and XML stores of the same content must give
# the same output.  UPDATE=1 rewrites the golden files (review the diff).
. "$(dirname "$0")/lib.sh"

G="$TESTDATA/golden"
STORES="schema3 schema2 int128 sessions real32 schema9 empty"

# golden NAME RC ARGS...: stdout to NAME.out, stderr to NAME.err (if any).
golden() {
	name=$1
	rc=$2
	shift 2
	run "$rc" "$@" || return
	# The store path differs between the two formats; name it STORE.
	sed "s#$TESTDATA/##g" "$TMP/out" >"$TMP/$name.out"
	sed "s#$TESTDATA/##g" "$TMP/err" >"$TMP/$name.err"
	if [ "${UPDATE:-0}" = 1 ]; then
		cp "$TMP/$name.out" "$G/$name.out"
		if [ -s "$TMP/$name.err" ]; then
			cp "$TMP/$name.err" "$G/$name.err"
		else
			rm -f "$G/$name.err"
		fi
		return
	fi
	same "$TMP/$name.out" "$G/$name.out"
	if [ -f "$G/$name.err" ]; then
		same "$TMP/$name.err" "$G/$name.err"
	else
		empty "$TMP/$name.err"
	fi
}

for s in $STORES; do
	golden "list-$s" 0 --store "$TESTDATA/$s.bplist" list
	golden "list-json-$s" 0 --store "$TESTDATA/$s.bplist" list --json
	# The XML twin must print the same, but for its name and format.
	run 0 --store "$TESTDATA/$s.xml" list && same "$TMP/out" \
	    "$TMP/list-$s.out"
	run 0 --store "$TESTDATA/$s.xml" list --json &&
	    sed "s#$TESTDATA/##g; s#$s\.xml#$s.bplist#; s#\"xml\"#\"binary\"#" \
	    "$TMP/out" >"$TMP/x.json" && same "$TMP/x.json" \
	    "$TMP/list-json-$s.out"
done

S3="$TESTDATA/schema3.bplist"
golden list-sort-expiry 0 --store "$S3" list --sort expiry
golden list-sort-created 0 --store "$S3" list --sort created
golden list-preloaded 0 --store "$S3" list --preloaded
golden list-dynamic-active 0 --store "$S3" list --dynamic --active
golden list-expired 0 --store "$S3" list --expired
golden show-dev 0 --store "$S3" show dev.example.test
golden show-deeper 0 --store "$S3" show a.b.dev.example.test
golden show-json 0 --store "$S3" show DEV.Example.Test. --json
golden show-expired 0 --store "$S3" show old.example.test
golden show-expired-child 0 --store "$S3" show x.old.example.test
golden show-only-expired 3 --store "$TESTDATA/schema2.bplist" show expired.example
golden show-preloaded 0 --store "$S3" show www.preloaded.example
golden show-no-subdomains 3 --store "$S3" show www.shop.example.org
golden show-idn-unicode 0 --store "$S3" show www.BÜCHER.example
golden show-idn-punycode 0 --store "$S3" show www.xn--bcher-kva.example
golden show-idn-stored-punycode 0 --store "$S3" show café.example
golden show-trailing-dot 0 --store "$S3" show trailing.example
golden show-none 3 --store "$S3" show nothing.invalid
golden show-none-json 3 --store "$S3" show nothing.invalid --json
golden show-sessions 0 --store "$TESTDATA/sessions.bplist" show \
    x.shared.example
golden show-schema2 0 --store "$TESTDATA/schema2.bplist" show \
    deep.dynamic-sub.example
golden show-int128 0 --store "$TESTDATA/int128.bplist" show \
    www.big.example
golden demo 0 --store "$TOPSRC/data/HSTS.plist" show dev.example.test

# Every JSON document parses.
for f in "$G"/*json*.out; do
	if "$PYTHON3" -m json.tool "$f" >/dev/null 2>&1; then
		pass
	else
		fail "$f is not valid JSON"
	fi
done
finish
