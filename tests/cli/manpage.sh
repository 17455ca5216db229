#!/bin/sh
# manpage.sh: the man page documents every command exactly as --help
# spells its usage, and the exit codes.
. "$(dirname "$0")/lib.sh"

MAN="$TOPSRC/doc/hstsctl.1"
if ! command -v groff >/dev/null 2>&1; then
	echo "groff is missing; run script/setup" >&2
	exit 1
fi
# Render without hyphenation or line breaks, one line of plain text.
groff -mandoc -Tascii -rLL=500n -rHY=0 -P-cbou "$MAN" 2>"$TMP/groff.err" |
    tr -s ' \n' '  ' | tr '[:upper:]' '[:lower:]' >"$TMP/man.txt"
empty "$TMP/groff.err"

# Usage lines, each joined with its continuation lines (indented deeper
# than the summaries' six spaces).
"$HSTSCTL" --help | awk '
	/^  hstsctl / { if (u != "") print u; u = substr($0, 11); next }
	u != "" && /^        +[^ ]/ { sub(/^ +/, " "); u = u $0; next }
	{ if (u != "") print u; u = "" }
	END { if (u != "") print u }' >"$TMP/usages"
n=0
while IFS= read -r u; do
	n=$((n + 1))
	want=$(printf '%s' "$u" | tr -s ' ' | tr '[:upper:]' '[:lower:]')
	contains "$TMP/man.txt" "$want"
done <"$TMP/usages"
if [ "$n" -ge 2 ]; then pass; else fail "found only $n usages in --help"; fi
# README's command list is --help's usage lines, joined the same way.
awk '/^Commands$/ { on = 1 } /^Where the stores are/ { on = 0 } !on { next }
	/^    hstsctl / { if (u != "") print u; u = substr($0, 13); next }
	u != "" && /^          +[^ ]/ { sub(/^ +/, " "); u = u $0; next }
	{ if (u != "") print u; u = "" }' "$TOPSRC/README" | tr -s ' ' >"$TMP/readme"
tr -s ' ' <"$TMP/usages" | diff - "$TMP/readme" >"$TMP/readme.diff" &&
    pass || { fail "README's Commands differ from --help:"; cat "$TMP/readme.diff" >&2; }
# Every option of every command's --help is in the page.
sed 's/ [[|].*//; s/ [A-Z].*//; s/ --.*//' "$TMP/usages" | sort -u | while IFS= read -r cmd; do
	# shellcheck disable=SC2086
	"$HSTSCTL" $cmd --help | grep -o -- '--[a-z][a-z-]*' | sort -u |
	    while IFS= read -r opt; do
		grep -q -- "$opt" "$TMP/man.txt" ||
		    echo "$cmd: $opt is not in the man page"
	done
done >"$TMP/missing"
empty "$TMP/missing"
# mandoc lints it clean (script/setup installs mandoc).
if command -v mandoc >/dev/null 2>&1; then
	mandoc -T lint -W warning "$MAN" >"$TMP/lint" 2>&1
	empty "$TMP/lint"
else
	fail "mandoc is missing; run script/setup"
fi
for word in "exit status" "hstsctl_store" "hstsctl_now" "examples" "files"; do
	contains "$TMP/man.txt" "$word"
done
for code in "0 success" "1 error" "2 usage" "3 nothing matched" "4 the store is malformed"; do
	contains "$TMP/man.txt" "$code"
done
finish
