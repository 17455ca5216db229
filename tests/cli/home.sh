#!/bin/sh
# home.sh: every command on a Mac-shaped home made here, against plistlib
# (see tests/homecheck.py).
. "$(dirname "$0")/lib.sh"

chmod 755 "$TMP"
pycheck homecheck "$TOPSRC/tests/homecheck.py" "$HSTSCTL" "$TMP" \
    "$TESTDATA" "$TOPSRC/data/HSTS.plist"
finish
