#!/bin/sh
# check_root.sh DRVHOST SCENARIO - `drvhost run --root DIR` makes DIR with C and Windows and keeps
# it; a root that cannot be made fails the run with exit status 2 and a message.
set -u
drvhost=$1 scenario=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ddi-root.XXXXXX")
trap 'rm -rf -- "$tmp"' EXIT
failed=0
"$drvhost" run --quiet --root "$tmp/root" "$scenario" || { echo "FAIL: run with --root"; failed=1; }
[ -d "$tmp/root/C" ] && [ -d "$tmp/root/Windows" ] || { echo "FAIL: $tmp/root lacks C or Windows"; failed=1; }
"$drvhost" run --quiet --root "$tmp/no/such/root" "$scenario" 2>"$tmp/err"
status=$?
[ "$status" = 2 ] || { echo "FAIL: an unusable root: exit status $status, expected 2"; failed=1; }
grep -q "cannot use $tmp/no/such/root as the file root" "$tmp/err" || { echo "FAIL: no message"; failed=1; }
[ "$failed" = 0 ] && echo "check_root: passed"
exit "$failed"
