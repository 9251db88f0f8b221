#!/bin/sh
# check_drvcc.sh DRVCC DRVHOST SOURCE_ROOT - builds the FIFO sample with drvcc (as a user would,
# outside CMake; it traces with WPP: --wpp-scan names its trace.h) and runs its demo scenario
# against that module.
set -eu
drvcc=$1 drvhost=$2 root=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$drvcc" -c -o "$work/fifo.o" -I "$root/samples/wdm/fifo" -O2 -g \
    --wpp-scan "$root/samples/wdm/fifo/trace.h" "$root/samples/wdm/fifo/fifo.c"
"$drvcc" -o "$work/fifo.sys" "$work/fifo.o"
if readelf -d "$work/fifo.sys" | grep -q NEEDED; then
    echo "drvcc: the module has DT_NEEDED entries" >&2
    exit 1
fi
nm -D -u "$work/fifo.sys" | grep -q IofCompleteRequest
DRVHOST_DRIVER_PATH=$work "$drvhost" run "$root/samples/wdm/fifo/demo.scn"
