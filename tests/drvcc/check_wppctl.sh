#!/bin/sh
# check_wppctl.sh DRVCC DRVHOST SOURCE_ROOT - a project whose WPP control GUID is the project's
# WppAddControlGuid (TraceWPP's -ctl:): WPP_CONTROL_GUIDS defined by the .tmh with that GUID and
# the bits Error, Unusual, Noise (WPP_BIT_Noise is the third); its trace lines in drvhost; a
# -ctl value that is no GUID refused by name.
set -eu
drvcc=$1 drvhost=$2 root=$3
proj=$root/tests/drvcc/wppctl/wppctl.vcxproj
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
    echo "check_wppctl: $*" >&2
    exit 1
}

(cd "$work" && "$drvcc" "$proj" 2> "$work/build.err") || { cat "$work/build.err"; fail "the build failed"; }
[ ! -s "$work/build.err" ] || { cat "$work/build.err"; fail "warnings"; }
cat > "$work/run.scn" <<'SCN'
service wppctl wppctl.sys
trace wppctl level=VERBOSE flags=all
load wppctl
unload wppctl
SCN
(cd "$work" && "$drvhost" run run.scn) > "$work/out" 2> "$work/err" || { cat "$work/out" "$work/err"; fail "the scenario failed"; }
grep -Eq ' wppctl CtlGuid - NONE DriverEntry: entry with control bits 3$' "$work/err" ||
    { cat "$work/err"; fail "no DriverEntry trace line under CtlGuid"; }
grep -Eq ' wppctl CtlGuid - NONE WppCtlUnload: unloading ' "$work/err" ||
    { cat "$work/err"; fail "no unload trace line"; }

# A malformed GUID: drvwpp names it, the build fails.
if "$drvcc" --wpp --wpp-ctl=5c4a2e1b-7d3f-4e60-9a1b "$root/tests/drvcc/wppctl/wppctl.c" \
    -o "$work/bad.sys" 2> "$work/bad.err"; then
    fail "a truncated -ctl GUID was accepted"
fi
grep -q 'drvwpp: --ctl 5c4a2e1b-7d3f-4e60-9a1b: not a GUID' "$work/bad.err" ||
    { cat "$work/bad.err"; fail "the bad GUID is not named"; }
echo "check_wppctl: ok"
