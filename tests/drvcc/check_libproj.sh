#!/bin/sh
# check_libproj.sh DRVCC DRVHOST SOURCE_ROOT - `drvcc --project` on a driver project that links
# StaticLibrary projects of its solution (libproj/driver/libdrv.vcxproj: counter through its .lib
# in the Link AdditionalDependencies, table through a ProjectReference): each library's sources
# compiled with its own project's settings for the same configuration, linked in, the module
# loaded and run; every Link setting drvcc does not use named in a warning with file:line.
set -eu
drvcc=$1 drvhost=$2 root=$3
tree=$root/tests/drvcc/libproj
proj=$tree/driver/libdrv.vcxproj
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
    echo "check_libproj: $*" >&2
    exit 1
}

# Release|x64: the libraries' routines are in the module (not imports) and run; the WDK's own
# libraries and GenerateDebugInformation are quiet.
(cd "$work" && "$drvcc" "$proj" 2> "$work/release.err") || { cat "$work/release.err"; fail "release build failed"; }
if grep -q "warning" "$work/release.err"; then
    cat "$work/release.err" >&2
    fail "Release|x64 has nothing to warn about"
fi
nm -D --undefined-only "$work/libdrv.sys" > "$work/imports"
! grep -q -e CounterNext -e TableLookup "$work/imports" || fail "the module imports a library routine"
DRVHOST_DRIVER_PATH=$work "$drvhost" run --quiet "$tree/libdrv.scn"

# Debug|x64: the libraries' Debug settings (COUNTER_STEP 9, TABLE_BASE 200); the Link settings
# drvcc does not use are named with the project line.
mkdir "$work/dbg"
"$drvcc" --project "$proj" --config 'Debug|x64' -o "$work/dbg/libdrv.sys" 2> "$work/debug.err" ||
    { cat "$work/debug.err"; fail "debug build failed"; }
grep -q "libdrv.vcxproj:37: warning: linker setting EntryPointSymbol=LibDrvEntry not understood" \
    "$work/debug.err" || { cat "$work/debug.err"; fail "no warning naming EntryPointSymbol"; }
grep -q "libdrv.vcxproj:36: warning: library libdrv_missing.lib: not a WDK library nor" \
    "$work/debug.err" || { cat "$work/debug.err"; fail "no warning naming libdrv_missing.lib"; }
sed -e 's/hex:060000006b000000/hex:0a000000cf000000/' "$tree/libdrv.scn" > "$work/dbg/debug.scn"
DRVHOST_DRIVER_PATH=$work/dbg "$drvhost" run --quiet "$work/dbg/debug.scn"

# Errors: a referenced project that is not there; a library project without the configuration.
cp -r "$tree" "$work/copy"
sed -i 's/Include="Debug|x64"/Include="Profile|x64"/' "$work/copy/table/table.vcxproj"
if "$drvcc" --project "$work/copy/driver/libdrv.vcxproj" --config 'Debug|x64' -o "$work/bad.sys" 2> "$work/bad.err"; then
    fail "a library without Debug|x64 built"
fi
grep -q "libdrv.vcxproj:[0-9]*: error: the library project .*table.vcxproj has no configuration Debug|x64" \
    "$work/bad.err" || { cat "$work/bad.err"; fail "no error naming table.vcxproj's configurations"; }
sed -i 's/table\\table.vcxproj/table\\gone.vcxproj/' "$work/copy/driver/libdrv.vcxproj"
if "$drvcc" --project "$work/copy/driver/libdrv.vcxproj" -o "$work/bad.sys" 2> "$work/bad.err"; then
    fail "a reference to a missing project built"
fi
grep -q "libdrv.vcxproj:[0-9]*: error: referenced project .*gone.vcxproj does not exist" \
    "$work/bad.err" || { cat "$work/bad.err"; fail "no error naming gone.vcxproj"; }
echo "check_libproj: ok"
