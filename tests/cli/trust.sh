#!/bin/sh
# trust.sh: trust list and trust remove on trust settings made here from
# real certificates, against plistlib (see tests/trustcheck.py).
. "$(dirname "$0")/lib.sh"

mkdir "$TMP/trust"
pycheck trustcheck "$TOPSRC/tests/trustcheck.py" "$HSTSCTL" "$TMP/trust"
run 2 trust && contains "$TMP/err" "trust needs list or remove"
run 2 trust list && contains "$TMP/err" "trust list needs one --store FILE"
run 2 trust remove --cert 12 --store x && contains "$TMP/err" "--cert takes a SHA-1"
run 2 trust remove a.example --cert 0123456789012345678901234567890123456789 \
    --store x && contains "$TMP/err" "--cert takes the place of HOST"
finish
