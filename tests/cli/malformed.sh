#!/bin/sh
# malformed.sh: every file in tests/data/malformed gives one clear error
# line on stderr, "hstsctl: FILE: what is wrong (at offset N | line L:C)",
# the documented exit code, and nothing on stdout.  The expected lines are
# in tests/data/malformed.expected (UPDATE=1 rewrites it; review the diff).
. "$(dirname "$0")/lib.sh"

EXP="$TESTDATA/malformed.expected"
: >"$TMP/got"
for f in "$TESTDATA"/malformed/*; do
	name=$(basename "$f")
	"$HSTSCTL" --store "$f" list >"$TMP/out" 2>"$TMP/err"
	rc=$?
	empty "$TMP/out"
	lines=$(wc -l <"$TMP/err")
	if [ "$lines" -ne 1 ]; then
		fail "$name: expected one line on stderr, got $lines"
	else
		pass
	fi
	case "$rc" in
	4) pass ;;
	*) fail "$name: exit $rc, expected 4 (malformed store)" ;;
	esac
	printf '%s\t%s\t%s\n' "$name" "$rc" \
	    "$(sed "s#$TESTDATA/malformed/##" "$TMP/err")" >>"$TMP/got"
done
if [ "${UPDATE:-0}" = 1 ]; then
	cp "$TMP/got" "$EXP"
else
	same "$TMP/got" "$EXP"
fi
n=$(ls "$TESTDATA"/malformed | wc -l)
if [ "$n" -ge 20 ]; then pass; else fail "only $n malformed fixtures"; fi

# Every binary error names a byte offset, every XML error a line.
while IFS='	' read -r name rc msg; do
	case "$name:$msg" in
	*.bplist:*"(at offset "[0-9]*")") pass ;;
	*.xml:*"(at line "[0-9]*) pass ;;
	*.bplist:*"not an HSTS store"*) pass ;;
	*.plist:*) pass ;;
	*) fail "$name: error has no location: $msg" ;;
	esac
done <"$EXP"
finish
