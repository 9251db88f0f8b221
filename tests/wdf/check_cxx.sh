#!/bin/sh
# check_cxx.sh DRVCC DRVHOST SOURCE_ROOT - a KMDF driver in C++, two source files sharing one
# object context type (tests/wdf/drivers/wdfcxx.h), built by `drvcc --kmdf`, loads: its
# DriverEntry fails unless both files reach the same context (one WDF_DECLARE_CONTEXT_TYPE
# object per module, which C++ gives internal linkage unless the header makes it extern).
set -eu
drvcc=$1 drvhost=$2 root=$3
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$drvcc" --kmdf -o "$dir/wdfcxx.sys" "$root/tests/wdf/drivers/wdfcxx.cpp" \
    "$root/tests/wdf/drivers/wdfcxx2.cpp"
cp "$root/tests/wdf/scenarios/cxx.scn" "$dir/"
DRVHOST_DRIVER_PATH=$dir "$drvhost" run --quiet "$dir/cxx.scn"
echo "C++ KMDF driver: ok"
