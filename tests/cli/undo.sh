#!/bin/sh
# undo.sh: every edit keeps the files as they were; undo puts them back,
# atomically, and is itself undone by the next undo.
. "$(dirname "$0")/lib.sh"

S=$TMP/s.bplist
cp "$TESTDATA/schema3.bplist" "$S"
cp "$S" "$TMP/orig"
run 3 undo && contains "$TMP/err" "nothing to undo"
run 0 --store "$S" remove -q dev.example.test
cp "$S" "$TMP/after"
run 0 undo --dry-run && contains "$TMP/out" "would put back $S as it was"
same "$S" "$TMP/after"
run 0 undo && contains "$TMP/err" "$S: put back as it was before the edit of"
same "$S" "$TMP/orig"
# The undo of the undo.
run 0 undo
same "$S" "$TMP/after"
ls -ld "$HSTSCTL_UNDO_DIR" | grep -q '^drwx------' && pass ||
    fail "the undo folder is not private"

# An edit of several stores: undo puts every one back; --store one.
H=$TMP/home
cp -R "$TOPSRC/data/home" "$H"
chmod -R u+w "$H"
find "$H" -type f -exec cp {} {}.orig \;
run 0 --home "$H" remove -q dev.example.test
n=0
for f in $(find "$H" -name '*.orig'); do
	cmp -s "$f" "${f%.orig}" || n=$((n + 1))
done
[ "$n" -eq 3 ] && pass || fail "remove changed $n stores, not 3"
SAFARI=$H/Library/Containers/com.apple.Safari/Data/Library/Caches/WebKit/HSTS/HSTS.plist
run 0 --store "$SAFARI" undo
same "$SAFARI" "$SAFARI.orig"
cmp -s "$H/Library/Cookies/HSTS.plist" "$H/Library/Cookies/HSTS.plist.orig" &&
    fail "undo --store put back another store" || pass
run 0 undo
bad=0
for f in $(find "$H" -name '*.orig'); do
	cmp -s "$f" "${f%.orig}" || bad=1
done
# The last undo undid the --store undo: Safari's is back as removed.
[ "$bad" -eq 1 ] && pass || fail "undo of the undo --store did nothing"

# Trust settings and exceptions keep copies too.
cp "$S" "$TMP/p.bplist"
run 0 --store "$TMP/p.bplist" prune -q
run 0 undo -q
same "$TMP/p.bplist" "$S"

# Only the newest 20 runs are kept.
i=0
while [ $i -lt 25 ]; do
	"$HSTSCTL" --store "$S" add -q "h$i.example" --max-age 60 || fail "add $i"
	i=$((i + 1))
done
[ "$(ls "$HSTSCTL_UNDO_DIR" | wc -l)" -eq 20 ] && pass ||
    fail "$(ls "$HSTSCTL_UNDO_DIR" | wc -l) runs kept, not 20"
finish
