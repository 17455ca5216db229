#!/bin/sh
# edit.sh: remove, add and prune; fidelity against plistlib and an
# independent object-table reader (tests/editcheck.py), then the safety
# rules: dry runs write nothing, mode, owner and links are kept, backups,
# no temporary or lock file is left, bad stores are never written, and
# concurrent writers all land.
. "$(dirname "$0")/lib.sh"

W="$TMP/work"
mkdir -p "$W"
pycheck editcheck "$TOPSRC/tests/editcheck.py" "$HSTSCTL" "$W" \
    "$TESTDATA"/schema3.bplist "$TESTDATA"/schema3.xml \
    "$TESTDATA"/schema2.bplist "$TESTDATA"/schema2.xml \
    "$TESTDATA"/int128.bplist "$TESTDATA"/int128.xml \
    "$TESTDATA"/sessions.bplist "$TESTDATA"/sessions.xml \
    "$TESTDATA"/real32.bplist "$TESTDATA"/real32.xml \
    "$TOPSRC/data/HSTS.plist"

for fmt in bplist xml; do
	S="$TMP/s.$fmt"
	cp "$TESTDATA/schema3.$fmt" "$S"

	# --dry-run prints and writes nothing.
	run 0 --store "$S" remove --dry-run dev.example.test &&
	    contains "$TMP/out" "would remove dev.example.test (session com.apple.CFNetwork.defaultStorageSession)"
	cmp -s "$S" "$TESTDATA/schema3.$fmt" && pass || fail "$fmt: dry run wrote"
	run 0 --store "$S" prune -n && contains "$TMP/out" "would remove old.example.test"
	cmp -s "$S" "$TESTDATA/schema3.$fmt" && pass || fail "$fmt: dry prune wrote"

	# A host with no entry: exit 3, the file is not rewritten.
	touch -t 200101010000 "$S"
	run 3 --store "$S" remove nothing.example &&
	    contains "$TMP/err" "hstsctl: note: no entry for nothing.example"
	contains "$TMP/err" "nothing to change; the file was not rewritten"
	[ "$(fileinfo "$S" | cut -d' ' -f3)" = 2001 ] && pass ||
	    fail "$fmt: store rewritten for nothing"

	# Mode, owner and a symbolic link survive; --backup keeps the old file.
	chmod 640 "$S"
	if [ "$(id -u)" = 0 ]; then chown 65534:65534 "$S"; fi
	ln -s "s.$fmt" "$TMP/link.$fmt"
	run 0 --store "$TMP/link.$fmt" remove --backup dev.example.test &&
	    contains "$TMP/err" "hstsctl: removed dev.example.test"
	contains "$TMP/err" "note: example.test still forces HTTPS on dev.example.test"
	[ -L "$TMP/link.$fmt" ] && pass || fail "$fmt: the link was replaced"
	[ "$(fileinfo "$S" | cut -d' ' -f1)" = 640 ] && pass ||
	    fail "$fmt: mode not kept: $(fileinfo "$S")"
	if [ "$(id -u)" = 0 ]; then
		[ "$(fileinfo "$S" | cut -d' ' -f2)" = 65534:65534 ] && pass ||
		    fail "$fmt: owner not kept: $(fileinfo "$S")"
	fi
	cmp -s "$S.bak" "$TESTDATA/schema3.$fmt" && pass || fail "$fmt: bad backup"
	[ "$(fileinfo "$S.bak" | cut -d' ' -f1)" = 640 ] && pass ||
	    fail "$fmt: backup mode"

	# --subdomains takes every entry below; preloaded removals are noted.
	run 0 --store "$S" remove --subdomains example.test &&
	    contains "$TMP/err" "removed old.example.test"
	contains "$TMP/err" "removed example.test"
	run 0 --store "$S" remove PRELOADED.example. &&
	    contains "$TMP/err" "note: preloaded.example was a preloaded entry"
	run 0 --store "$S" list
	lacks "$TMP/out" 'example.test|preloaded.example'

	# add replaces an existing entry in place.
	run 0 --store "$S" add shop.example.org --max-age 60 &&
	    contains "$TMP/err" "replaced shop.example.org"
	run 0 --store "$S" list --json
	contains "$TMP/out" '"host": "shop.example.org", "session": "com.apple.CFNetwork.defaultStorageSession", "include_subdomains": false, "preloaded": false, "expired": false, "created": "2026-09-21T14:13:20Z", "created_unix": 1790000000.0, "expiry": "2026-09-21T14:14:20Z", "expiry_unix": 1790000060.0'

	# Nothing but the store and its backup is left in the directory.
	left=$(ls -A "$TMP" | grep -c "hstsctl-" || true)
	[ "$left" = 0 ] && pass || fail "$fmt: temp or lock files left: $(ls -A "$TMP")"

	# A store that does not parse is never written.
	cp "$TESTDATA/malformed/ref-out-of-range.bplist" "$TMP/bad"
	run 4 --store "$TMP/bad" remove a.example &&
	    contains "$TMP/err" "; nothing was written"
	[ "$(wc -l <"$TMP/err")" = 1 ] && pass ||
	    fail "$fmt: a failed edit says more than one line"
	cmp -s "$TMP/bad" "$TESTDATA/malformed/ref-out-of-range.bplist" && pass ||
	    fail "bad store was written"
done

# Misuse.
run 2 --store "$S" remove && contains "$TMP/err" "remove needs a HOST"
run 2 --store "$S" add x.example && contains "$TMP/err" "add needs --max-age SECONDS"
run 2 --store "$S" add x.example --max-age 0 &&
    contains "$TMP/err" "--max-age takes seconds from 1 to 100 years, not '0'"
run 2 --store "$S" add x.example --max-age ' 5' &&
    contains "$TMP/err" "--max-age takes seconds from 1 to 100 years, not ' 5'"
run 2 --store "$S" add x.example --max-age +5
run 2 --store "$S" add x.example --max-age soon
run 2 --store "$S" prune extra && contains "$TMP/err" "unexpected argument 'extra'"

# Names that are not host names: a usage error saying why, nothing written.
cp "$S" "$TMP/keep"
l64=$(printf 'a%.0s' $(seq 64))
long=$(printf 'abcdefghi.%.0s' $(seq 30))example
tab=$(printf 'a\tb.example')
ctl=$(printf 'a\033b.example')
while IFS='|' read -r name why; do
	[ "$name" = TAB ] && name=$tab
	[ "$name" = CTL ] && name=$ctl
	run 2 --store "$S" add "$name" --max-age 60 &&
	    contains "$TMP/err" "is not a host name: $why"
done <<EOF2
CTL|it holds a character other than letters, digits
TAB|it holds a character other than letters, digits
a b.example|it holds a character other than letters, digits
*.example|it holds a character other than letters, digits
a:443|it holds a character other than letters, digits
127.0.0.1|it is an IP address
::1|it is an IP address
[::1]|it is an IP address
999.1.1.1|its last label is all digits
$l64.example|a label is longer than 63 characters
$long|it is longer than 253 characters
xn--zz.example|a label starting "xn--" is not valid punycode
xn--|a label starting "xn--" is not valid punycode
x.example..|it has an empty label
a-.example|a label starts or ends with '-'
EOF2
run 2 --store "$S" show 127.0.0.1 && contains "$TMP/err" "it is an IP address"
run 2 --store "$S" remove 'x.example..' && contains "$TMP/err" "it has an empty label"
cmp -s "$S" "$TMP/keep" && pass || fail "a refused name changed the store"
run 0 --store "$S" add bücher.example --max-age 60 -q
run 0 --store "$S" add xn--bcher-kva.example --max-age 60 &&
    contains "$TMP/err" "replaced bücher.example"
run 1 --store "$TMP/none" remove x.example &&
    contains "$TMP/err" "No such file or directory"

# A killed writer's temporary file is cleaned up; an unheld lock file is
# no obstacle.
S="$TMP/c.bplist"
cp "$TESTDATA/schema3.bplist" "$S"
: >"$S.hstsctl-tmp-999999-AbCdEf"
# A backup path that cannot be written: the message names it, in one
# line, and nothing is written.
cp "$S" "$TMP/keep"
mkdir "$TMP/bakdir.plist.bak"
cp "$S" "$TMP/bakdir.plist"
run 1 --store "$TMP/bakdir.plist" remove --backup shop.example.org &&
    contains "$TMP/err" "hstsctl: $TMP/bakdir.plist: cannot keep the backup $TMP/bakdir.plist.bak: "
contains "$TMP/err" "; nothing was written"
[ "$(wc -l <"$TMP/err")" = 1 ] && pass || fail "backup error: not one line"
cmp -s "$TMP/bakdir.plist" "$TMP/keep" && pass || fail "backup error: store written"

# A FIFO as the store: refused at once, not waited on.
mkfifo "$TMP/fifo"
for cmd in list "show a.example" "remove a.example" prune; do
	# shellcheck disable=SC2086
	timeout 10 "$HSTSCTL" --store "$TMP/fifo" $cmd >"$TMP/out" 2>"$TMP/err"
	rc=$?
	[ "$rc" = 1 ] && pass || fail "FIFO store, $cmd: exit $rc (124: it hung)"
	contains "$TMP/err" "$TMP/fifo: not a regular file"
done

# A known key of the wrong type: warned about, read as false, and its
# bytes kept when another entry is edited.
cat >"$TMP/wt.xml" <<'EOF2'
<?xml version="1.0" encoding="UTF-8"?>
<plist version="1.0">
<dict>
	<key>HSTS Store Schema Version</key>
	<integer>3</integer>
	<key>com.apple.CFNetwork.defaultStorageSession</key>
	<dict>
		<key>a.example</key>
		<dict>
			<key>Expiry</key>
			<real>+infinity</real>
			<key>Include Subdomains</key>
			<string>yes</string>
		</dict>
		<key>b.example</key>
		<dict>
			<key>Expiry</key>
			<real>+infinity</real>
		</dict>
	</dict>
</dict>
</plist>
EOF2
run 0 --store "$TMP/wt.xml" list &&
    contains "$TMP/err" "warning: a.example: Include Subdomains is a string, not a boolean; read as false (at line 13:4)"
contains "$TMP/out" "a.example  preloaded  no"
run 0 --store "$TMP/wt.xml" remove b.example
contains "$TMP/wt.xml" "			<string>yes</string>"

: >"$S.hstsctl-lock"
run 0 --store "$S" remove -q dev.example.test
[ ! -e "$S.hstsctl-tmp-999999-AbCdEf" ] && pass || fail "stale temp file kept"
[ ! -e "$S.hstsctl-lock" ] && pass || fail "lock file kept"

# 16 writers at once: every change lands.
i=0
while [ $i -lt 16 ]; do
	"$HSTSCTL" --store "$S" add -q "w$i.example" --max-age 600 &
	i=$((i + 1))
done
wait
run 0 --store "$S" list
n=$(grep -c '^w[0-9]*\.example ' "$TMP/out")
[ "$n" = 16 ] && pass || fail "concurrent adds: $n of 16 landed"
contains "$TMP/out" "shop.example.org"

# SIGTERM at any moment of a write: the store is the old one or the new
# one, and no temporary or lock file is left.
"$PYTHON3" - "$TMP/big.plist" <<'PY'
import math, plistlib, sys
s = {'h%d.example' % i: {'Create Time': 8e8 + i, 'Expiry': math.inf,
                         'HSTS Host': True} for i in range(40000)}
top = {'HSTS Store Schema Version': 3,
       'com.apple.CFNetwork.defaultStorageSession': s}
open(sys.argv[1], 'wb').write(plistlib.dumps(top, fmt=plistlib.FMT_BINARY))
PY
cp "$TMP/big.plist" "$TMP/big.orig"
# Not under valgrind (script/test-valgrind): a process killed mid-read
# leaves blocks held only in registers, which it reports as lost.
delays="0.05 0.1 0.2 0.3 0.5 0.8"
[ -n "${HSTSCTL_VALGRIND:-}" ] && delays=""
for delay in $delays; do
	"$HSTSCTL" --store "$TMP/big.plist" remove -q h7.example 2>/dev/null &
	pid=$!
	sleep "$delay"
	kill -TERM "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	left=$(ls -A "$TMP" | grep -c "big.plist.hstsctl-" || true)
	[ "$left" = 0 ] && pass || fail "after SIGTERM at ${delay}s: $(ls -A "$TMP")"
	"$HSTSCTL" --store "$TMP/big.plist" list >"$TMP/l" 2>&1 &&
	    n=$(wc -l <"$TMP/l") && { [ "$n" = 40001 ] || [ "$n" = 40000 ]; } &&
	    pass || fail "after SIGTERM at ${delay}s the store is damaged"
	cp "$TMP/big.orig" "$TMP/big.plist"
done
finish
