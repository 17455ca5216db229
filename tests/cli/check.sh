#!/bin/sh
# check.sh: hstsctl check against TLS servers on 127.0.0.1 with
# certificates made now (tests/livecheck.py), and misuse.
. "$(dirname "$0")/lib.sh"

mkdir -p "$TMP/live"
pycheck livecheck "$TOPSRC/tests/livecheck.py" "$HSTSCTL" "$TMP/live"

run 2 check && contains "$TMP/err" "check takes one HOST[:PORT], or --all"
run 2 check --all x.example && contains "$TMP/err" "check --all takes no HOST"
run 2 check x.example --connect-to nonsense &&
    contains "$TMP/err" "--connect-to takes HOST1:PORT1:HOST2:PORT2"
run 2 check x.example --timeout 0 && contains "$TMP/err" "--timeout takes 1 to 600 seconds"
run 2 check x.example --jobs many && contains "$TMP/err" "--jobs takes 1 to 1024"
run 2 check x.example --jobs ' 4' && contains "$TMP/err" "--jobs takes 1 to 1024, not ' 4'"
run 2 check x.example --timeout +5 && contains "$TMP/err" "--timeout takes 1 to 600 seconds, not '+5'"
run 2 check x.example:+443 && contains "$TMP/err" "is not HOST[:PORT]"
for t in '[::1' '[::1]x' 'test.example:443:1' '::1' '[::1]:99999' 'x.example:' \
    'x.example:65536'; do
	run 2 check "$t" --timeout 2 && contains "$TMP/err" "\"$t\" is not HOST[:PORT]"
done
run 2 check '[::1]:1' && contains "$TMP/err" '"::1" is not a host name: it is an IP address'
run 2 check 127.0.0.1 && contains "$TMP/err" "it is an IP address"
run 2 check x.example:99999 && contains "$TMP/err" "is not HOST[:PORT]"
run 0 check --help && contains "$TMP/out" "usage: hstsctl check HOST[:PORT] | --all"
finish
