#!/bin/sh
# completion.sh: the bash completion completes commands, options and the
# stores' hosts, with the hstsctl under test first on PATH.
. "$(dirname "$0")/lib.sh"

if ! command -v bash >/dev/null 2>&1; then
	echo "no bash here" >&2
	exit 77
fi
mkdir "$TMP/bin"
ln -s "$HSTSCTL" "$TMP/bin/hstsctl"
HSTSCTL_STORE="$TESTDATA/schema3.bplist" PATH="$TMP/bin:$PATH" bash -c '
	. "$1/contrib/completions/hstsctl"
	try() {
		COMP_WORDS=("$@")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		_hstsctl
		echo "${COMPREPLY[*]}"
	}
	try hstsctl li
	try hstsctl list --js
	try hstsctl show dev
	try hstsctl trust re
	try hstsctl --store x remove --dr
' sh "$TOPSRC" >"$TMP/out" 2>"$TMP/err"
sed -n 1p "$TMP/out" | grep -qx "list" && pass || fail "commands: $(sed -n 1p "$TMP/out")"
sed -n 2p "$TMP/out" | grep -qx -- "--json" && pass || fail "options: $(sed -n 2p "$TMP/out")"
sed -n 3p "$TMP/out" | grep -qx "dev.example.test" && pass || fail "hosts: $(sed -n 3p "$TMP/out")"
sed -n 4p "$TMP/out" | grep -qx "remove" && pass || fail "groups: $(sed -n 4p "$TMP/out")"
sed -n 5p "$TMP/out" | grep -qx -- "--dry-run" && pass || fail "after --store: $(sed -n 5p "$TMP/out")"
# The zsh one at least parses.
if command -v zsh >/dev/null 2>&1; then
	zsh -n "$TOPSRC/contrib/completions/_hstsctl" && pass || fail "zsh: syntax"
fi
finish
