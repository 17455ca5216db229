#!/bin/sh
# malformed.sh: every file in tests/data/malformed gives one clear error
# line on stderr, "hstsctl: FILE: what is wrong (at offset N | line L:C)",
# the documented exit code, and nothing on stdout; remove on a copy of it
# fails the same way and writes nothing (no byte changed, no file left);
# peak memory stays under 100 MB.  The expected lines are in
# tests/data/malformed.expected (UPDATE=1 rewrites it; review the diff).
# How long each takes is measured by bench/hostile, not here.
. "$(dirname "$0")/lib.sh"

EXP="$TESTDATA/malformed.expected"
GNUTIME=
if [ -z "${HSTSCTL_SANITIZED:-}" ] && /usr/bin/time -f %M true \
    >/dev/null 2>&1; then
	GNUTIME=/usr/bin/time
fi
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
	# remove on a copy: same exit code, nothing written
	mkdir "$TMP/w" && cp "$f" "$TMP/w/$name"
	"$HSTSCTL" --store "$TMP/w/$name" remove a.example >/dev/null 2>&1
	wrc=$?
	[ "$wrc" = 4 ] && pass || fail "$name: remove exit $wrc, expected 4"
	cmp -s "$f" "$TMP/w/$name" && [ "$(ls -A "$TMP/w")" = "$name" ] &&
	    pass || fail "$name: remove wrote something: $(ls -A "$TMP/w")"
	rm -rf "$TMP/w"
	# peak resident memory, where GNU time can tell it (not under ASan,
	# whose shadow memory counts)
	if [ -n "$GNUTIME" ]; then
		"$GNUTIME" -f %M -o "$TMP/rss" "$HSTSCTL" --store "$f" list \
		    >/dev/null 2>&1
		kb=$(tail -1 "$TMP/rss")
		[ "$kb" -lt 102400 ] && pass || fail "$name: peak RSS $kb KB"
	fi
	printf '%s\t%s\t%s\n' "$name" "$rc" \
	    "$(sed "s#$TESTDATA/malformed/##" "$TMP/err")" >>"$TMP/got"
done
if [ "${UPDATE:-0}" = 1 ]; then
	cp "$TMP/got" "$EXP"
else
	same "$TMP/got" "$EXP"
fi
n=$(ls "$TESTDATA"/malformed | wc -l)
if [ "$n" -ge 70 ]; then pass; else fail "only $n malformed fixtures"; fi

# Every binary error names a byte offset, every XML error a line.
while IFS='	' read -r name rc msg; do
	case "$name:$msg" in
	*.bplist:*"(at offset "[0-9]*")") pass ;;
	*.xml:*"(at line "[0-9]*) pass ;;
	*:*"not an HSTS store"*) pass ;;
	*.plist:*) pass ;;
	*) fail "$name: error has no location: $msg" ;;
	esac
done <"$EXP"
finish
