#!/bin/sh
# safety.sh: kill -9 during remove, 32 concurrent writers, a store replaced
# underneath, failing system calls (tests/safetycheck.py says how).
. "$(dirname "$0")/lib.sh"

pycheck safety "$TOPSRC/tests/safetycheck.py" "$HSTSCTL" "$TMP/work"
# Its figures go to the log, for the closing notes.
grep -v '^FAIL' "$TMP/safety.log" | tail -n 8
finish
