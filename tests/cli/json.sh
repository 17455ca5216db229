#!/bin/sh
# json.sh: every command's --json output against doc/json.md (see
# tests/jsoncheck.py).
. "$(dirname "$0")/lib.sh"

mkdir "$TMP/j"
pycheck jsoncheck "$TOPSRC/tests/jsoncheck.py" "$HSTSCTL" "$TMP/j" "$TOPSRC"
finish
