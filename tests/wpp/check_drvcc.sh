#!/bin/sh
# check_drvcc.sh DRVCC DRVHOST SRCDIR - drvcc runs the WPP preprocessor itself: the WPP test
# driver built with --wpp-scan/--wpp-config outside CMake, run with `trace` and `wdflogdump`;
# and a bad trace call fails the build with its file and line.
set -eu
drvcc=$1 drvhost=$2 dir=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$drvcc" --wpp-scan "$dir/driver/trace.h" --wpp-config "$dir/driver/localwpp.ini" \
    -o "$work/wpp_test_driver.sys" "$dir/driver/wpp_test_driver.c"
nm -D -u "$work/wpp_test_driver.sys" | grep -q drvhost_wpp_trace
cat >"$work/run.scn" <<SCN
service wpp_test_driver wpp_test_driver.sys
trace wpp_test_driver level=WARNING flags=TRACE_DEVICE|TRACE_QUEUE
load wpp_test_driver
wdflogdump wpp_test_driver
SCN
"$drvhost" run "$work/run.scn" >"$work/out" 2>"$work/err"
grep -q 'TRACE_DEVICE WARNING DriverEntry: device warning$' "$work/err"
grep -q 'TRACE_QUEUE ERROR DriverEntry: \[q\] queue error 1$' "$work/err"
if grep -q 'device verbose\|TraceFormats:' "$work/err"; then
    echo "check_drvcc: a message the settings filter out was traced" >&2
    exit 1
fi
grep -q '^4: wdflogdump wpp_test_driver -> printed ok' "$work/out"
grep -q 'TRACE_DRIVER INFORMATION TraceFormats: guid 12345678-9abc-def0-0102-030405060708' "$work/out"
# a bad trace call: the build fails, naming the file and line
printf '#include <ntddk.h>\n#include "trace.h"\n#include "bad.tmh"\nvoid f(void)\n{\n    TraceEvents(4, TRACE_DRIVER, "%%d");\n}\n' >"$work/bad.c"
if "$drvcc" -c --wpp-scan "$dir/driver/trace.h" -I "$dir/driver" -o "$work/bad.o" "$work/bad.c" 2>"$work/bad.err"; then
    echo "check_drvcc: a bad trace call compiled" >&2
    exit 1
fi
grep -q "bad.c:6: error: TraceEvents: the format takes 1 argument, the call passes 0" "$work/bad.err"
echo "ok"
