#!/bin/sh
# cf.sh: property lists read as CoreFoundation reads them -- widths of 1
# to 8 bytes, hex and negative integers, dates from year 1 to 9999, a key
# given twice -- and edited so that CF sees what was meant (see
# tests/cfcheck.py).
. "$(dirname "$0")/lib.sh"

mkdir "$TMP/cf"
pycheck cfcheck "$TOPSRC/tests/cfcheck.py" "$HSTSCTL" "$TMP/cf"
finish
