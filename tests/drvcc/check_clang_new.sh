#!/bin/sh
# check_clang_new.sh DRVCC - a known gap, pinned: a kernel C++ driver's own global operator new
# declared noexcept (tests/drvcc/project/sys/helper.cpp; the WDK's wificx sample,
# memorymanagement.cpp) builds with g++ (and MSVC) but not with clang++, which refuses a
# declaration whose exception specification differs from the implicit one
# (`void *operator new(size_t)`) in C++17, the standard of drvcc's C++ profile (clang ignores the
# difference only before C++17 under -fno-exceptions). drvcc does not repair it: dropping the
# noexcept would let the compiler assume new never returns NULL and remove the driver's checks.
# So drvcc_project and drvcc_after_install, which build that project, are left out of the
# clang-asan preset (CMakePresets.json; docs/testing.md, "Presets"). When this test fails,
# drvcc builds such a driver with clang++: put them back.
# Exit status 77 (skipped) without clang++.
set -eu
drvcc=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
    echo "check_clang_new: $*" >&2
    exit 1
}
cat > "$work/newdrv.cpp" <<'CPP'
#include <ntddk.h>
void *__cdecl operator new(size_t size) noexcept
{
    return ExAllocatePool2(POOL_FLAG_NON_PAGED, size, 'weNT');
}
void __cdecl operator delete(void *p, size_t) noexcept
{
    ExFreePoolWithTag(p, 'weNT');
}
extern "C" NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    ULONG *p = new ULONG;
    if (p == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    delete p;
    return STATUS_SUCCESS;
}
CPP
DRVCC_CC=gcc DRVCC_CXX=g++ "$drvcc" -o "$work/gcc.sys" "$work/newdrv.cpp" 2> "$work/gcc.err" ||
    { cat "$work/gcc.err" >&2; fail "g++ refused the driver"; }
command -v clang++ > /dev/null 2>&1 || { echo "check_clang_new: no clang++: skipped"; exit 77; }
if DRVCC_CC=clang DRVCC_CXX=clang++ "$drvcc" -o "$work/clang.sys" "$work/newdrv.cpp" \
    2> "$work/clang.err"; then
    fail "clang++ built it now: the gap is closed; put drvcc_project and drvcc_after_install back into the clang-asan preset and remove this test"
fi
grep -q "newdrv.cpp:2:.*exception specification in declaration does not match previous declaration" \
    "$work/clang.err" || { cat "$work/clang.err" >&2; fail "clang++ failed for another reason"; }
echo "check_clang_new: ok (g++ builds it, clang++ refuses it, as known)"
