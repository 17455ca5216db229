#!/bin/sh
# fullfs.sh: a real full, then read-only, tmpfs (tests/safetycheck.py
# tmpfs).  Needs root and mount; skipped (exit 77) without them.
. "$(dirname "$0")/lib.sh"

"$PYTHON3" "$TOPSRC/tests/safetycheck.py" "$HSTSCTL" "$TMP/work" tmpfs \
    >"$TMP/fullfs.log" 2>&1
rc=$?
cat "$TMP/fullfs.log"
[ "$rc" = 77 ] && skip "needs root and mount"
[ "$rc" = 0 ] && pass || fail "safetycheck.py tmpfs: exit $rc"
finish
