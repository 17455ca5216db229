#!/bin/sh
# browsers.sh: Chromium's, Firefox's, curl's and wget's stores, written
# here by independent code, through list, show, remove and prune (see
# tests/browsercheck.py).
. "$(dirname "$0")/lib.sh"

mkdir "$TMP/b"
pycheck browsercheck "$TOPSRC/tests/browsercheck.py" "$HSTSCTL" "$TMP/b" \
    "$TESTDATA"
finish
