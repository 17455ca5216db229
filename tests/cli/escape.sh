#!/bin/sh
# escape.sh: what came from a file or a server reaches the terminal with
# its control characters, bytes that are not UTF-8 and backslashes
# escaped (\xHH, \\); --json escapes as JSON does.
. "$(dirname "$0")/lib.sh"

S="$TMP/esc.bplist"
"$PYTHON3" - "$S" "$TOPSRC/tests" <<'PY'
import sys
sys.path.insert(0, sys.argv[2])
from bplistgen import Dict, Utf16, dumps
e = Dict([('Create Time', 8e8), ('Expiry', 9e8), ('HSTS Host', True)])
old = Dict([('Create Time', 7e8), ('Expiry', 8e8), ('HSTS Host', True)])
hosts = ['clear\x1b[2J.example', 'a\nforged.example    yes',
         Utf16('b\u00fccher.example'), Utf16('c1\u0085.example')]
top = Dict([('HSTS Store Schema Version', 3),
            ('com.apple.CFNetwork.defaultStorageSession',
             Dict([(h, e) for h in hosts] + [('back\\slash.example', old)]))])
open(sys.argv[1], 'wb').write(dumps(top))
PY
esc=$(printf '\033')
run 0 --store "$S" list
contains "$TMP/out" 'clear\x1b[2J.example'
contains "$TMP/out" 'a\x0aforged.example    yes'
contains "$TMP/out" 'back\\slash.example'
contains "$TMP/out" 'bücher.example'
contains "$TMP/out" 'c1\xc2\x85.example'
lacks "$TMP/out" "$esc"
[ "$(wc -l <"$TMP/out")" = 6 ] && pass ||
    fail "list: a stored newline made a row of its own: $(cat "$TMP/out")"
run 0 --store "$S" list --json
contains "$TMP/out" '"host": "clear\u001b[2J.example"'
contains "$TMP/out" '"host": "a\nforged.example    yes"'
lacks "$TMP/out" "$esc"
run 0 --store "$S" prune --dry-run
contains "$TMP/out" 'would remove back\\slash.example'
finish
