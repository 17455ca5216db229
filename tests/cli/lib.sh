# lib.sh: helpers for the CLI tests (sourced).  The Makefile exports
# HSTSCTL (the built binary), TESTDATA, TOPSRC, PYTHON3 and HSTSCTL_NOW.
set -u

: "${HSTSCTL:?run through make check}"
: "${TESTDATA:?run through make check}"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/hstsctl-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
# Each test keeps its own undo copies, away from the real home.
HSTSCTL_UNDO_DIR=$TMP/undo
export HSTSCTL_UNDO_DIR
FAILS=0
PASSES=0

fail() {
	echo "FAIL: $*" >&2
	FAILS=$((FAILS + 1))
}

pass() {
	PASSES=$((PASSES + 1))
}

# run RC ARGS...: run hstsctl, keep stdout in $TMP/out and stderr in
# $TMP/err, and check the exit code.
run() {
	want=$1
	shift
	"$HSTSCTL" "$@" >"$TMP/out" 2>"$TMP/err"
	got=$?
	if [ "$got" -ne "$want" ]; then
		fail "hstsctl $*: exit $got, expected $want; stderr:"
		sed 's/^/    /' "$TMP/err" >&2
		return 1
	fi
	pass
	return 0
}

# same FILE EXPECTED-FILE: compare with diff -u.
same() {
	if diff -u "$2" "$1" >"$TMP/diff"; then
		pass
	else
		fail "$1 differs from $2:"
		cat "$TMP/diff" >&2
	fi
}

# contains FILE TEXT: FILE has the fixed string TEXT.
contains() {
	if grep -qF -- "$2" "$1"; then
		pass
	else
		fail "$1 does not contain '$2'; it has:"
		sed 's/^/    /' "$1" >&2
	fi
}

# lacks FILE REGEX: no line of FILE matches the extended REGEX.
lacks() {
	if grep -qE -- "$2" "$1"; then
		fail "$1 should not match '$2'; it has:"
		grep -E -- "$2" "$1" | sed 's/^/    /' >&2
	else
		pass
	fi
}

# empty FILE
empty() {
	if [ -s "$1" ]; then
		fail "$1 should be empty; it has:"
		sed 's/^/    /' "$1" >&2
	else
		pass
	fi
}

# pycheck NAME SCRIPT ARGS...: run a Python checker that ends with
# "N passed, N failed"; one pass, or one failure showing its FAIL lines.
pycheck() {
	name=$1
	shift
	if "$PYTHON3" "$@" >"$TMP/$name.log" 2>&1; then
		pass
	else
		fail "$name:"
		grep FAIL "$TMP/$name.log" >&2
		tail -3 "$TMP/$name.log" >&2
	fi
}

# fileinfo FILE: "MODE UID:GID MTIME-YEAR", portably (no GNU stat).
fileinfo() {
	"$PYTHON3" -c 'import os, sys, time
st = os.stat(sys.argv[1])
print("%o %d:%d %d" % (st.st_mode & 0o7777, st.st_uid, st.st_gid,
    time.gmtime(st.st_mtime).tm_year))' "$1"
}

# skip REASON: the whole test cannot run here; automake counts exit 77
# as a skip, never a pass.
skip() {
	echo "SKIP: $*"
	exit 77
}

finish() {
	echo "$PASSES passed, $FAILS failed"
	[ "$FAILS" -eq 0 ]
}
