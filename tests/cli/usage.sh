#!/bin/sh
# usage.sh: help, misuse (exit 2), the default store, HSTSCTL_STORE.
. "$(dirname "$0")/lib.sh"

S3="$TESTDATA/schema3.bplist"

run 0 --help && contains "$TMP/out" "usage: hstsctl [--home DIR] [--store FILE] COMMAND"
contains "$TMP/out" "hstsctl list [--json]"
contains "$TMP/out" "hstsctl show HOST [--json]"
contains "$TMP/out" "Exit status: 0 success, 1 error"
empty "$TMP/err"
run 0 help show && contains "$TMP/out" "usage: hstsctl show HOST [--json]"
run 0 list --help && contains "$TMP/out" "--sort KEY"
run 0 show -h && contains "$TMP/out" "3 when none does."
run 0 --version && contains "$TMP/out" "hstsctl "
# Help for every command and group, wrapped at 80 columns.
run 0 trust --help && contains "$TMP/out" "hstsctl trust remove"
run 0 exception --help && contains "$TMP/out" "hstsctl exception dump"
run 0 help trust && contains "$TMP/out" "hstsctl trust list"
for c in "" stores list show remove add prune check doctor "exception dump" \
    "exception list" "exception remove" "trust list" "trust remove"; do
	# shellcheck disable=SC2086
	"$HSTSCTL" $c --help | awk -v c="$c" 'length > 80 {
	    print c ": a help line of " length " columns"; bad = 1 }
	    END { exit bad }' >>"$TMP/wide"
done
empty "$TMP/wide"
# Did you mean.
run 2 lst && contains "$TMP/err" "unknown command 'lst' (did you mean 'list'?)"
run 2 --store "$S3" list --jsn && contains "$TMP/err" "(did you mean --json?)"

run 2 && contains "$TMP/err" "hstsctl: no command given"
empty "$TMP/out"
run 2 frobnicate && contains "$TMP/err" "hstsctl: unknown command 'frobnicate'"
run 2 --bogus list && contains "$TMP/err" "unknown option or missing argument '--bogus'"
run 2 --store "$S3" list --sort size &&
    contains "$TMP/err" "hstsctl: --sort takes host, created or expiry, not 'size'"
contains "$TMP/err" "usage: hstsctl list [--json]"
run 2 --store "$S3" list --preloaded --dynamic &&
    contains "$TMP/err" "--preloaded and --dynamic cannot be combined"
run 2 --store "$S3" list --expired --active &&
    contains "$TMP/err" "--expired and --active cannot be combined"
run 2 --store "$S3" list extra && contains "$TMP/err" "unexpected argument 'extra'"
run 2 --store "$S3" show && contains "$TMP/err" "show needs a HOST"
run 2 --store "$S3" show a b && contains "$TMP/err" "show takes one HOST"
run 2 --store "$S3" list -x && contains "$TMP/err" "unknown option '-x'"
run 2 --store "$S3" list --store && contains "$TMP/err" "missing argument"
# A host as people paste it: a URL, a port, a trailing dot, upper case.
run 0 --store "$S3" show 'https://DEV.Example.Test./path?q=1' &&
    contains "$TMP/out" "dev.example.test is forced to HTTPS by its own entry"
run 0 --store "$S3" show 'dev.example.test:8443' &&
    contains "$TMP/out" "dev.example.test is forced to HTTPS"
run 2 --store "$S3" show 'http://dev.example.test:x/' &&
    contains "$TMP/err" "is not HOST[:PORT] or a URL"
run 2 --store "$S3" show 'http://1.2.3.4/' &&
    contains "$TMP/err" "is not a host name: it is an IP address"

# Where the stores come from: --store, then HSTSCTL_STORE, then the home.
mkdir -p "$TMP/home"
HOME="$TMP/home" run 1 list &&
    contains "$TMP/err" "hstsctl: no HSTS store under $TMP/home"
contains "$TMP/err" "pass --store FILE, or"
contains "$TMP/err" "--home DIR"
mkdir -p "$TMP/home/Library/Cookies"
cp "$S3" "$TMP/home/Library/Cookies/HSTS.plist"
HOME="$TMP/home" run 0 list && contains "$TMP/out" "dev.example.test"
HSTSCTL_STORE="$TESTDATA/schema2.bplist" HOME="$TMP/home" run 0 list &&
    contains "$TMP/out" "dynamic-sub.example"
HSTSCTL_STORE="$TESTDATA/schema2.bplist" run 0 --store "$S3" list &&
    contains "$TMP/out" "dev.example.test"
run 0 list --store "$S3" && contains "$TMP/out" "example.test"
run 1 --store "$TESTDATA/nonexistent" list &&
    contains "$TMP/err" "hstsctl: $TESTDATA/nonexistent: No such file or directory"
run 1 --store "$TESTDATA" list && contains "$TMP/err" "not a regular file"

# A dry run shows the values that go and those that come.
run 0 --store "$S3" remove --dry-run dev.example.test &&
    contains "$TMP/out" "would remove dev.example.test (session com.apple.CFNetwork.defaultStorageSession): subdomains no, expires 2027-07-06T03:06:40Z"
run 0 --store "$S3" add --dry-run dev.example.test --max-age 600 \
    --include-subdomains &&
    contains "$TMP/out" ": subdomains no, expires 2027-07-06T03:06:40Z -> subdomains yes, expires 2026-09-21T14:23:20Z"
run 0 --store "$S3" add --dry-run new.example --max-age 600 &&
    contains "$TMP/out" "would add new.example (session com.apple.CFNetwork.defaultStorageSession): subdomains no, expires 2026-09-21T14:23:20Z"

# Options a command would ignore are refused.
run 2 exception dump --store "$S3" "$S3" &&
    contains "$TMP/err" "exception dump reads FILE or standard input"
run 2 --home "$TMP/home" exception list --store "$S3" &&
    contains "$TMP/err" "--home does not apply"
run 2 exception list --store "$S3" --store "$S3" &&
    contains "$TMP/err" "needs one --store FILE"
run 2 doctor x.example --dry-run && contains "$TMP/err" "go with --fix"
run 2 --store "$S3" add x.example --max-age 60 --store "$S3" &&
    contains "$TMP/err" "this command writes one store"

# A write error on stdout is an error, not success.
if [ -w /dev/full ]; then
	"$HSTSCTL" --store "$S3" list >/dev/full 2>"$TMP/err"
	if [ $? -eq 1 ]; then pass; else fail "write to /dev/full did not fail"; fi
	contains "$TMP/err" "hstsctl: cannot write output"
fi
finish
