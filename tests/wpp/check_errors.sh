#!/bin/sh
# check_errors.sh DRVWPP SRCDIR - every tests/wpp/bad/*.c must make drvwpp fail (exit 1) with
# the message its first line names: "/* expect: LINE: error: TEXT */" -> "FILE:LINE: error: TEXT".
set -u
drvwpp=$1
cd "$2/bad" || exit 2
out=$(mktemp -d "${TMPDIR:-/tmp}/wpp-errors.XXXXXX") || exit 2
trap 'rm -rf "$out"' EXIT
failed=0
count=0
for src in *.c; do
    count=$((count + 1))
    expect=$(sed -n '1s|^/\* expect: \(.*\) \*/$|\1|p' "$src")
    [ -n "$expect" ] || { echo "$src: no expect line"; failed=1; continue; }
    "$drvwpp" --scan control.h -d "$out" "$src" 2>"$out/stderr"
    rc=$?
    if [ "$rc" != 1 ]; then
        echo "FAIL $src: exit status $rc, expected 1"; cat "$out/stderr"; failed=1
    elif ! grep -qF "$src:$expect" "$out/stderr"; then
        echo "FAIL $src: expected '$src:$expect', got:"; cat "$out/stderr"; failed=1
    elif [ -e "$out/${src%.c}.tmh" ]; then
        echo "FAIL $src: a .tmh was written despite the error"; failed=1
    else
        echo "PASS $src"
    fi
done
# a good source still works (the test is not passing for a broken tool)
printf '#include "good.tmh"\nvoid f(int a)\n{\n    TraceEvents(4, FLAG_A, "%%d", a);\n}\n' >"$out/good.c"
if ! "$drvwpp" --scan control.h -d "$out" "$out/good.c" || ! grep -q WPP_CALL_4 "$out/good.tmh"; then
    echo "FAIL good.c: no .tmh generated"; failed=1
fi
echo "$count error cases"
exit $failed
