#!/bin/sh
# crosscheck.sh: list --json agrees with Python's plistlib on every valid
# fixture and on the sample store (see tests/crosscheck.py).
. "$(dirname "$0")/lib.sh"

pycheck crosscheck "$TOPSRC/tests/crosscheck.py" "$HSTSCTL" \
    "$TESTDATA"/*.bplist "$TESTDATA"/*.xml "$TOPSRC/data/HSTS.plist"
finish
