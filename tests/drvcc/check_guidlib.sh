#!/bin/sh
# check_guidlib.sh DRVCC DRVHOST - the GUID library (docs/building.md "The GUID library"): a driver
# that names a GUID of the headers without defining INITGUID links and loads, as with the WDK's
# uuid.lib/wdmguid.lib, and sees Microsoft's value; a source of the same module that defines
# GUIDs itself (INITGUID) links beside it; nothing of the library is exported from the module.
# The HAL's data export KdComPortInUse resolves too and points to NULL (the debugger uses no
# COM port). DriverEntry checks the values; the scenario's load fails if one is wrong.
set -eu
drvcc=$1 drvhost=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
    echo "check_guidlib: $*" >&2
    exit 1
}
unset DRVHOST_DRIVER_PATH
src=$(cd "$(dirname "$0")/guidlib" && pwd)
printf 'service g g.sys\nload g\n' > "$work/g.scn"
cd "$work"
"$drvcc" -o g.sys "$src/uses.c" "$src/own.c" 2> cc.err || { cat cc.err >&2; fail "the driver did not link"; }
nm -D --defined-only g.sys > exports.txt
if grep -q "GUID_DEVINTERFACE_COMPORT" exports.txt; then
    fail "the GUID library's GUID_DEVINTERFACE_COMPORT is exported from the module"
fi
nm g.sys | grep -q " [rRdD] GUID_DEVINTERFACE_COMPORT$" || fail "GUID_DEVINTERFACE_COMPORT not defined in the module"
"$drvhost" run g.scn > out.txt 2> err.txt || { cat out.txt err.txt >&2; fail "the driver did not load"; }
grep -q "load g -> STATUS_SUCCESS ok" out.txt || { cat out.txt err.txt >&2; fail "DriverEntry failed"; }
echo "guid library: ok"
