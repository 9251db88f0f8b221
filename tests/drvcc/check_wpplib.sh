#!/bin/sh
# check_wpplib.sh DRVCC DRVHOST SOURCE_ROOT - `drvcc --project` on a driver whose StaticLibrary
# project has WPP settings of its own (tests/drvcc/wpplib, the shape of the WDK's pofx MultiComp
# sample): the library's sources go through drvwpp with the library's scan file and trace
# function, not the driver's; the module loads and both messages are traced, the library's under
# the driver's control GUID (the one WPP_INIT_TRACING registers).
set -eu
drvcc=$1 drvhost=$2 root=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$drvcc" "$root/tests/drvcc/wpplib/driver/wppdrv.vcxproj" -o "$work/wppdrv.sys" 2> "$work/build.err" ||
    { cat "$work/build.err"; echo "check_wpplib: the project did not build" >&2; exit 1; }
printf 'service wppdrv wppdrv.sys\ntrace wppdrv level=ERROR flags=all\nload wppdrv\nunload wppdrv\n' > "$work/w.scn"
"$drvhost" run "$work/w.scn" > "$work/out" 2>&1 || { cat "$work/out"; exit 1; }
for line in 'DriverControl LIB_ALL ERROR LibraryTwice: library twice 21$' \
    'DriverControl DRV_ALL ERROR DriverEntry: driver entry 42$'; do
    grep -q "$line" "$work/out" || { cat "$work/out"; echo "check_wpplib: no \"$line\"" >&2; exit 1; }
done
echo "check_wpplib: ok"
