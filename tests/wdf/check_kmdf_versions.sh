#!/bin/sh
# check_kmdf_versions.sh DRVCC DRVHOST SOURCE_ROOT - `drvcc --kmdf-version 1.N` builds the
# framework file-object test driver (tests/wdf/drivers/wdffile.c) for KMDF 1.9, 1.15 and 1.33,
# and each module passes the file-object scenario; a version outside 1.9..1.33 is refused, and a
# driver built for 1.9 cannot call a routine that came with 1.11 (it is not declared).
set -eu
drvcc=$1 drvhost=$2 root=$3
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
for v in 1.9 1.15 1.33; do
    mkdir "$dir/$v"
    "$drvcc" --kmdf-version $v -Werror -o "$dir/$v/wdffile.sys" "$root/tests/wdf/drivers/wdffile.c"
    # the driver's device is \Device\WdfFile9 for 1.9, WdfFile15 for 1.15 (drivers/wdffile.c)
    case $v in 1.33) suffix= ;; *) suffix=${v#1.} ;; esac
    sed "s/WdfFile/WdfFile$suffix/g" "$root/tests/wdf/scenarios/files.scn" >"$dir/$v/files.scn"
    DRVHOST_DRIVER_PATH=$dir/$v "$drvhost" run --quiet "$dir/$v/files.scn"
done
for v in 1.8 1.34 2.0 1.09 x; do
    if "$drvcc" --kmdf-version $v -c -o "$dir/bad.o" "$root/tests/wdf/drivers/wdffile.c" 2>"$dir/err"; then
        echo "check_kmdf_versions: --kmdf-version $v accepted" >&2
        exit 1
    fi
    grep -q "1.9 to 1.33" "$dir/err" ||
        { echo "check_kmdf_versions: --kmdf-version $v: unclear error" >&2; cat "$dir/err" >&2; exit 1; }
done
# WdfDeviceWdmDispatchIrp is KMDF 1.11: a 1.9 driver calling it does not compile.
cat >"$dir/newer.c" <<'SRC'
#include <ntddk.h>
#include <wdf.h>
NTSTATUS Call(WDFDEVICE Device, PIRP Irp, WDFCONTEXT Context)
{
    return WdfDeviceWdmDispatchIrp(Device, Irp, Context);
}
SRC
"$drvcc" --kmdf-version 1.11 -c -o "$dir/newer.o" "$dir/newer.c"
if "$drvcc" --kmdf-version 1.9 -Werror -c -o "$dir/newer.o" "$dir/newer.c" 2>/dev/null; then
    echo "check_kmdf_versions: a KMDF 1.9 driver could call WdfDeviceWdmDispatchIrp (1.11)" >&2
    exit 1
fi
# WdfRequestGetRequestorProcessId is KMDF 1.21 (table entry 447): a 1.19 driver cannot call it.
cat >"$dir/newer21.c" <<'SRC'
#include <ntddk.h>
#include <wdf.h>
ULONG Call(WDFREQUEST Request)
{
    return WdfRequestGetRequestorProcessId(Request);
}
SRC
"$drvcc" --kmdf-version 1.21 -c -o "$dir/newer21.o" "$dir/newer21.c"
if "$drvcc" --kmdf-version 1.19 -Werror -c -o "$dir/newer21.o" "$dir/newer21.c" 2>/dev/null; then
    echo "check_kmdf_versions: a KMDF 1.19 driver could call WdfRequestGetRequestorProcessId (1.21)" >&2
    exit 1
fi
