#!/bin/sh
# check_cxx_profile.sh DRVCC DRVHOST SOURCE_DIR - the kernel C++ profile (cxx_profile.cpp, built
# by drvcc as kernel C++): the driver loads and unloads, its DriverEntry failing (printing the
# check) unless the 64-bit types, MSVC's limits.h and math.h names and the array placement new
# behave as documented in its header comment; built with -DCXX_PROFILE_PURE_CALL, its pure
# virtual call stops with bug check 0x139 (parameter 1 = 7, parameters 2 to 4 = 0) naming the
# driver.
set -eu
drvcc=$1 drvhost=$2 src=$3
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$drvcc" -o "$dir/cxxprof.sys" "$src/cxx_profile.cpp"
printf 'service cxxprof cxxprof.sys\nload cxxprof\nunload cxxprof\n' > "$dir/cxxprof.scn"
DRVHOST_DRIVER_PATH=$dir "$drvhost" run --quiet "$dir/cxxprof.scn"
echo "kernel C++ profile: ok"

"$drvcc" -DCXX_PROFILE_PURE_CALL -o "$dir/purecall.sys" "$src/cxx_profile.cpp"
printf 'service purecall purecall.sys\nexpect-bugcheck 0x139 7\nload purecall\n' > "$dir/purecall.scn"
if ! DRVHOST_DRIVER_PATH=$dir "$drvhost" run "$dir/purecall.scn" > "$dir/out" 2>&1; then
    cat "$dir/out"
    echo "pure virtual call: the expected bug check did not happen" >&2
    exit 1
fi
for want in 'expect-bugcheck 0x139 -> bug check 0x139 (0x7, ...) ok' \
    '(0x0000000000000007, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000)' \
    'STOP 0x00000139 KERNEL_SECURITY_CHECK_FAILURE' 'driver: purecall (routine purecall+' \
    'a pure virtual function called (__cxa_pure_virtual)'; do
    if ! grep -qF "$want" "$dir/out"; then
        cat "$dir/out"
        echo "pure virtual call: no \"$want\" in the report" >&2
        exit 1
    fi
done
echo "pure virtual call: ok"
