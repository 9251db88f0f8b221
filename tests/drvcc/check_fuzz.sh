#!/bin/sh
# check_fuzz.sh DRVCC DRVHOST SOURCE_DIR - drvcc --fuzz (docs/fuzzing.md):
#   - it needs clang: another compiler is refused with that reason;
#   - with clang, the planted-bug driver (tests/fuzz/drivers/planted.c) builds instrumented: coverage
#     counters and PC table sections, the sanitizers' constructors, their imports;
#   - a constructor of the driver's own is refused by drvcc --fuzz, naming it;
#   - this runtime (not the `fuzz` preset's) refuses the instrumented module, saying why, and
#     loads the same driver built without --fuzz as before.
# Exit status 77 (skipped) without clang.
set -eu
drvcc=$1 drvhost=$2 src=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
    echo "check_fuzz: $*" >&2
    exit 1
}
expect() { # expect FILE PATTERN
    grep -q -- "$2" "$1" || { cat "$1" >&2; fail "no \"$2\" in $(basename "$1")"; }
}
unset DRVHOST_DRIVER_PATH
cd "$work"
drivers=$src/tests/fuzz/drivers
status=0
DRVCC_CC=gcc "$drvcc" --fuzz -o gcc.sys "$drivers/planted.c" 2> gcc.err || status=$?
[ "$status" = 2 ] || fail "drvcc --fuzz with gcc: exit status $status, expected 2"
expect gcc.err "drvcc: --fuzz needs clang (SanitizerCoverage for libFuzzer): 'gcc' is not clang"
command -v clang > /dev/null 2>&1 || { echo "check_fuzz: no clang: skipped"; exit 77; }

"$drvcc" --fuzz -o planted.sys "$drivers/planted.c" 2> cc.err || { cat cc.err >&2; fail "drvcc --fuzz failed"; }
readelf -S -W planted.sys > sections.txt
expect sections.txt " __sancov_cntrs "
expect sections.txt " __sancov_pcs "
readelf -d -W planted.sys > dynamic.txt
expect dynamic.txt "(INIT_ARRAY)"
nm -D planted.sys > imports.txt
expect imports.txt " U __sanitizer_cov_8bit_counters_init"
expect imports.txt " U __sanitizer_cov_pcs_init"
expect imports.txt " U __sanitizer_cov_trace_const_cmp"
expect imports.txt " U __asan_init"

cat > ctor.c <<'C'
#include <ntddk.h>
static ULONG g_Ready;
__attribute__((constructor)) static void EarlyInit(void) { g_Ready = 1; }
DRIVER_INITIALIZE DriverEntry;
NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    return g_Ready ? STATUS_SUCCESS : STATUS_UNSUCCESSFUL;
}
C
status=0
"$drvcc" --fuzz -o ctor.sys ctor.c 2> ctor.err || status=$?
[ "$status" = 1 ] || fail "drvcc --fuzz with a constructor: exit status $status, expected 1"
expect ctor.err "ctor.c: error: constructors or destructors of its own (.*EarlyInit"
[ ! -e ctor.sys ] || fail "drvcc --fuzz wrote ctor.sys"

# C++: the sanitizers' constructors are no refusal; a global object's constructor is (the C++
# message of docs/building.md).
cat > plain.cpp <<'CPP'
#include <ntddk.h>
extern "C" DRIVER_INITIALIZE DriverEntry;
static int Twice(int x) { return x * 2; }
extern "C" NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(RegistryPath);
    return DriverObject != NULL && Twice(1) == 2 ? STATUS_SUCCESS : STATUS_UNSUCCESSFUL;
}
CPP
"$drvcc" --fuzz -o plain.sys plain.cpp 2> cpp.err || { cat cpp.err >&2; fail "drvcc --fuzz plain.cpp failed"; }
sed 's/^static int Twice.*/struct Counter { int n; Counter() : n(1) {} };\nCounter g_Counter;\n&/' plain.cpp > global.cpp
status=0
"$drvcc" --fuzz -o global.sys global.cpp 2> global.err || status=$?
[ "$status" = 1 ] || fail "drvcc --fuzz with a global object: exit status $status, expected 1"
expect global.err "global.cpp: error: global or namespace-scope objects need code run at load"

cp "$src/tests/fuzz/planted_key.scn" key.scn
status=0
"$drvhost" run key.scn > out.txt 2> err.txt || status=$?
[ "$status" = 1 ] || { cat out.txt err.txt >&2; fail "drvhost run (--fuzz module): exit status $status, expected 1"; }
expect out.txt "load planted -> STATUS_INVALID_IMAGE_FORMAT FAILED"
expect err.txt "refused: the module is instrumented for fuzzing (built with drvcc --fuzz: it imports __"
expect err.txt "only the runtime of the .fuzz. preset loads it"

"$drvcc" -o planted.sys "$drivers/planted.c" 2> cc.err || { cat cc.err >&2; fail "drvcc (no --fuzz) failed"; }
"$drvhost" run key.scn > out.txt 2> err.txt || { cat out.txt err.txt >&2; fail "drvhost run (plain module) failed"; }
expect out.txt "key.scn: .* commands, 0 failed"
echo "fuzz: ok"
