#!/bin/sh
# fuzz.sh: every fuzz target over its seed corpus and over every input
# that ever made one crash (tests/fuzz/regress); see tests/fuzz/fuzz.h.
. "$(dirname "$0")/lib.sh"

"$REPLAY" "$TOPSRC/tests/fuzz" >"$TMP/out" 2>"$TMP/err"
rc=$?
[ "$rc" = 0 ] && pass || { fail "replay: exit $rc"; cat "$TMP/err" >&2; }
cat "$TMP/out"
for t in bplist xmlplist exception sts edit; do
	n=$(sed -n "s/^$t: \([0-9]*\) inputs$/\1/p" "$TMP/out")
	[ "${n:-0}" -ge 10 ] && pass || fail "$t: only ${n:-0} inputs replayed"
done
finish
