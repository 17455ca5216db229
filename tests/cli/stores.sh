#!/bin/sh
# stores.sh: "hstsctl stores" finds every HSTS store of a Mac-shaped home
# made here (one at each place a store can be, hundreds of unrelated
# containers and caches, a damaged store), and nothing else.
. "$(dirname "$0")/lib.sh"

H="$TMP/home"
"$PYTHON3" - "$H" "$TESTDATA" "$TOPSRC/data/HSTS.plist" <<'PY'
import json, os, shutil, sys
home, data, sample = sys.argv[1:4]
L = os.path.join(home, 'Library')
C = 'Containers'
want = [  # (kind, owner, profile, relative path, fixture)
    ('safari', 'com.apple.Safari', None,
     C + '/com.apple.Safari/Data/Library/Caches/WebKit/HSTS/HSTS.plist', 'schema3.bplist'),
    ('safari-profile', 'com.apple.Safari', '6B1F0C2E-0000-4000-8000-000000000001',
     C + '/com.apple.Safari/Data/Library/WebKit/WebsiteDataStore/'
     '6B1F0C2E-0000-4000-8000-000000000001/HSTS/HSTS.plist', 'sessions.xml'),
    ('webkit-app', 'com.example.Sandboxed', None,
     C + '/com.example.Sandboxed/Data/Library/Caches/WebKit/HSTS/HSTS.plist', 'schema3.xml'),
    ('webkit-app', 'com.example.Plain', None,
     'Caches/com.example.Plain/WebKit/HSTS/HSTS.plist', 'int128.bplist'),
    ('webkit-app-profile', 'com.example.Sandboxed', 'P1',
     C + '/com.example.Sandboxed/Data/Library/WebKit/WebsiteDataStore/P1/HSTS/HSTS.plist',
     'real32.bplist'),
    ('webkit-app-profile', 'com.example.Plain', 'P2',
     'WebKit/com.example.Plain/WebsiteDataStore/P2/HSTS/HSTS.plist', 'real32.xml'),
    ('cfnetwork-shared', None, None, 'Cookies/HSTS.plist', sample),
    ('app-cfnetwork', 'com.microsoft.Word', None,
     C + '/com.microsoft.Word/Data/Library/Caches/com.microsoft.Word/HSTS.plist',
     'schema2.bplist'),
    ('webkit-app', 'com.example.Broken', None,
     'Caches/com.example.Broken/WebKit/HSTS/HSTS.plist', 'malformed/ref-out-of-range.bplist'),
]
for kind, owner, profile, rel, fix in want:
    p = os.path.join(L, rel)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    shutil.copy(fix if fix.startswith('/') else os.path.join(data, fix), p)
# Unrelated places, and HSTS.plist files where no store is.
for i in range(300):
    os.makedirs(os.path.join(L, C, 'org.example.app%d' % i, 'Data', 'Library', 'Caches'))
    os.makedirs(os.path.join(L, 'Caches', 'org.example.cache%d' % i))
os.makedirs(os.path.join(home, 'Documents', 'old'))
shutil.copy(os.path.join(data, 'schema3.bplist'), os.path.join(home, 'Documents', 'old', 'HSTS.plist'))
shutil.copy(os.path.join(data, 'schema3.bplist'), os.path.join(L, 'HSTS.plist'))
json.dump([[k, o, p, os.path.join(L, r)] for k, o, p, r, _ in want],
          open(os.path.join(home, '..', 'want.json'), 'w'))
PY

run 0 stores --home "$H" --json
"$PYTHON3" - "$TMP/out" "$TMP/want.json" <<'PY' && pass || fail "stores --json: wrong stores"
import json, sys
got = json.load(open(sys.argv[1]))
want = json.load(open(sys.argv[2]))
g = sorted([s['kind'], s['owner'], s['profile'], s['path']] for s in got['stores'])
if g != sorted(want):
    print('got ', g)
    print('want', sorted(want))
    sys.exit(1)
bad = [s for s in got['stores'] if not s['readable']]
if [s['owner'] for s in bad] != ['com.example.Broken'] or \
        'reference to object 9' not in bad[0]['error']:
    sys.exit('damaged store not reported: %r' % bad)
PY
# Entries as the store's own list counts them.
n=$("$HSTSCTL" --store "$TESTDATA/schema3.bplist" list --json | grep -c '"host"')
"$PYTHON3" - "$TMP/out" "$H" "$n" <<'PY' && pass || fail "Safari's store: not $n entries"
import json, sys
got = json.load(open(sys.argv[1]))
path = sys.argv[2] + '/Library/Containers/com.apple.Safari/Data/Library/Caches/WebKit/HSTS/HSTS.plist'
s = [s for s in got['stores'] if s['path'] == path][0]
assert s['readable'] and s['error'] is None and s['format'] == 'binary', s
assert s['entries'] == int(sys.argv[3]) and s['safari_reads'] is True, s
assert s['held_by'] == 'Safari and com.apple.WebKit.Networking', s
PY

run 0 stores --home "$H"
contains "$TMP/out" "Safari profile 6B1F0C2E-0000-4000-8000-000000000001"
contains "$TMP/out" "    profile   P1"
contains "$TMP/out" "app com.microsoft.Word"
contains "$TMP/out" "    held by   nsurlstoraged (stop before an edit)"
contains "$TMP/out" "    cannot be read: reference to object 9, but there are only 2"
lacks "$TMP/out" "Documents"

# HSTSCTL_HOME, then HOME; an empty home has none (exit 3).
mkdir "$TMP/empty"
HSTSCTL_HOME=$H
export HSTSCTL_HOME
run 0 stores --json && contains "$TMP/out" "\"home\": \"$H\""
unset HSTSCTL_HOME
HOME=$TMP/empty
run 3 stores && contains "$TMP/err" "no HSTS store under $TMP/empty"
run 1 stores --home "$TMP/nowhere" && contains "$TMP/err" "$TMP/nowhere: No such file or directory"
run 1 stores --home "$TESTDATA/schema3.bplist" &&
    contains "$TMP/err" "schema3.bplist: not a directory"
run 2 stores extra && contains "$TMP/err" "unexpected argument 'extra'"
finish
