#!/bin/sh
# check_wppproj.sh DRVCC DRVHOST SOURCE_ROOT - `drvcc --project` on the WPP test project
# (wppproj/sys/wppproj.vcxproj): the WPP settings found where the WDK finds them (the control
# block through the C preprocessor, the scan file under a metadata condition, trace functions
# and definitions from WppAdditionalOptions and WppPreprocessorDefinitions), tracewpp's
# configuration syntax (USEPREFIX before its FUNC, FUNC without MSG or without parameters or
# without the FUNC keyword, a declaration of the trace function's name that is no call,
# KdPrint((MSG, ...)) groups, PRE/POST macros, USESUFFIX arguments, CUSTOM_TYPE, the %!d!
# spelling of printf conversions, a message with __DATE__), then the driver's trace lines in
# drvhost.
set -eu
drvcc=$1 drvhost=$2 root=$3
proj=$root/tests/drvcc/wppproj/sys/wppproj.vcxproj
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
    echo "check_wppproj: $*" >&2
    exit 1
}

(cd "$work" && "$drvcc" "$proj" 2> "$work/build.err") || { cat "$work/build.err"; fail "the build failed"; }
# The scan file of a WDK folder drvhost does not have is named, not silently dropped; those it
# has (wdftraceenums.h under $(KMDF_INC_PATH)\$(KMDF_VER_PATH), UcmTraceEnums.h) are read.
grep -q 'wppproj.vcxproj:[0-9]*: warning: WPP file .*wppproj_missing.h not found' "$work/build.err" ||
    { cat "$work/build.err"; fail "no warning naming the missing -scan: file"; }
[ "$(grep -c warning "$work/build.err")" = 1 ] || { cat "$work/build.err"; fail "other warnings"; }

cat > "$work/run.scn" <<'SCN'
service wppproj wppproj.sys
trace wppproj level=VERBOSE flags=all
load wppproj
unload wppproj
SCN
(cd "$work" && "$drvhost" run run.scn) > "$work/out" 2> "$work/err" || { cat "$work/out" "$work/err"; fail "the scenario failed"; }
expect() { # expect PATTERN: one trace line matches (grep -E)
    grep -Eq "$1" "$work/err" || { cat "$work/err"; fail "no trace line matching: $1"; }
}
expect ' wppproj WppProjGuid - NONE DriverEntry: ==> DriverEntry$'
expect ' wppproj WppProjGuid PROJ_IO VERBOSE DriverEntry: --> entered DriverEntry$'
expect ' wppproj WppProjGuid PROJ_INIT INFORMATION DriverEntry: defined 7$'
expect ' wppproj WppProjGuid - NONE DriverEntry: kd text 2$'
expect ' wppproj WppProjAuxGuid AUX_MISC WARNING DriverEntry: aux STATUS_TIMEOUT\(0x00000102\)$'
expect ' wppproj WppProjGuid PROJ_IO ERROR DriverEntry: from the command line 5$'
expect ' wppproj WppProjGuid PROJ_INIT NONE DriverEntry: default function 3$'
expect ' wppproj WppProjAuxGuid AUX_MISC WARNING DriverEntry: declared without FUNC$'
expect ' PROJ_INIT INFORMATION DriverEntry: built [A-Z][a-z]{2} [ 0-9]{2} [0-9]{4} at [0-9:]{8}, 1$'
expect ' wppproj WppProjGuid PROJ_INIT INFORMATION DriverEntry: state 2$'
expect ' wppproj WppProjGuid PROJ_INIT INFORMATION DriverEntry: power 4 role 2$'
expect ' wppproj WppProjGuid PROJ_IO INFORMATION WppProjOther: other source$'
expect ' wppproj WppProjGuid PROJ_INIT INFORMATION WppProjUnload: unloading$'
# CHECK_STATUS: a success passes (no message, no jump), a failure is traced with its suffix and
# leaves through Exit (the PRE and POST macros wrap the message).
expect ' PROJ_INIT ERROR WppProjChecks: second check \[STATUS_UNSUCCESSFUL\(0xC0000001\)\] second$'
[ "$(grep -c 'after the first check$' "$work/err")" = 2 ] || { cat "$work/err"; fail "first check"; }
[ "$(grep -c 'after the second check$' "$work/err")" = 1 ] || { cat "$work/err"; fail "second check"; }
[ "$(grep -c 'left through Exit$' "$work/err")" = 1 ] || { cat "$work/err"; fail "no jump to Exit"; }
! grep -q 'first check \[' "$work/err" || { cat "$work/err"; fail "a successful check traced"; }

# A .tmh included with no WPP_CONTROL_GUIDS defined before it: the compiler names the .tmh.
printf '#include <wdm.h>\n#include "bad.tmh"\nNTSTATUS DriverEntry(PDRIVER_OBJECT d, PUNICODE_STRING r) { return 0; }\n' > "$work/bad.c"
if "$drvcc" -o "$work/bad.sys" "$work/bad.c" 2> "$work/bad.err"; then
    fail "a .tmh without WPP_CONTROL_GUIDS compiled"
fi
# gcc: error: #error "bad.tmh: ..."; clang: error: "bad.tmh: ...".
grep -q 'error: \(#error \)\{0,1\}"bad.tmh: WPP_CONTROL_GUIDS is not defined' "$work/bad.err" ||
    { cat "$work/bad.err"; fail "no error naming WPP_CONTROL_GUIDS"; }
echo "check_wppproj: ok"
