#!/bin/sh
# check_drvcc_kmdf.sh DRVCC DRVHOST SOURCE_ROOT - `drvcc --kmdf` builds the framework test driver
# (tests/wdf/drivers/wdfctl.c) from source, with the framework's entry point linked in, and the
# module passes the control-device scenario; `drvcc -c --kmdf` compiles only.
set -eu
drvcc=$1 drvhost=$2 root=$3
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$drvcc" --kmdf -o "$dir/wdfctl.sys" "$root/tests/wdf/drivers/wdfctl.c"
nm -D --defined-only "$dir/wdfctl.sys" | grep -q ' FxDriverEntry$' ||
    { echo "check_drvcc_kmdf: no FxDriverEntry in the module" >&2; exit 1; }
"$drvcc" --kmdf -c -o "$dir/wdfctl.o" "$root/tests/wdf/drivers/wdfctl.c"
! nm "$dir/wdfctl.o" | grep -q FxDriverEntry ||
    { echo "check_drvcc_kmdf: -c linked the entry point" >&2; exit 1; }
# Without --kmdf the framework headers are not there.
if "$drvcc" -c -o "$dir/plain.o" "$root/tests/wdf/drivers/wdfctl.c" 2>/dev/null; then
    echo "check_drvcc_kmdf: wdf.h found without --kmdf" >&2
    exit 1
fi
cp "$root/tests/wdf/scenarios/control.scn" "$dir/"
DRVHOST_DRIVER_PATH=$dir "$drvhost" run --quiet "$dir/control.scn"
