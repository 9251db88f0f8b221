#!/bin/sh
# check_project.sh DRVCC DRVHOST SOURCE_ROOT - `drvcc --project` on the test project
# (project/sys/projtest.vcxproj: a C and a C++ source, a mixed-case include, a backslash
# include, bare try/except/finally, a wdmsec.h device, @(...) item references), then its scenario; the Debug|x64 configuration, the
# warnings for what drvcc does not understand, the errors for what it cannot build, and
# diagnostics that keep the original file and line when an include line was rewritten.
set -eu
drvcc=$1 drvhost=$2 root=$3
proj=$root/tests/drvcc/project/sys/projtest.vcxproj
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
    echo "check_project: $*" >&2
    exit 1
}

# Release|x64 (the default): the module is TargetName.sys in the current folder.
# What the project tree holds (names, sizes, times), to find anything drvcc writes there:
# compared, not "newer than the project file", which files checked out after it are.
tree() { find "$root/tests/drvcc/project" -type f -printf '%P %s %T@\n' | sort; }
tree_before=$(tree)
(cd "$work" && "$drvcc" "$proj" 2> "$work/release.err") || { cat "$work/release.err"; fail "release build failed"; }
[ -f "$work/projtest.sys" ] || fail "no projtest.sys (TargetName) after drvcc PROJECT"
if readelf -d "$work/projtest.sys" | grep -q NEEDED; then
    fail "the module has DT_NEEDED entries"
fi
if grep -q "warning" "$work/release.err"; then
    cat "$work/release.err" >&2
    fail "Release|x64 has nothing to warn about"
fi
DRVHOST_DRIVER_PATH=$work "$drvhost" run --quiet "$root/tests/drvcc/project/projtest.scn"

# The source tree is left as it was: nothing written beside the project.
[ "$(tree)" = "$tree_before" ] || fail "drvcc wrote into the project tree"

# Debug|x64: its own definitions; its unknown setting named in a warning; its WPP settings
# (WppScanConfigurationData) reach the WPP preprocessor's options, without a warning.
"$drvcc" -v --project "$proj" --config 'Debug|x64' -o "$work/debug.sys" > "$work/debug.out" 2> "$work/debug.err"
grep -q "projtest.vcxproj:[0-9]*: warning: project setting ProjTestUnknownSetting=yes not understood" \
    "$work/debug.err" || { cat "$work/debug.err"; fail "no warning naming ProjTestUnknownSetting"; }
! grep -q "WPP" "$work/debug.err" || { cat "$work/debug.err"; fail "a warning about WPP"; }
grep -q "projtest.vcxproj:[0-9]*: warning: item transform @(ClCompile->'%(Filename).txt') not evaluated" \
    "$work/debug.err" || { cat "$work/debug.err"; fail "no warning naming the item transform"; }
mkdir "$work/dbg" && cp "$work/debug.sys" "$work/dbg/projtest.sys"
sed 's/hex:34120000/hex:d0d00000/' "$root/tests/drvcc/project/projtest.scn" > "$work/dbg/debug.scn"
DRVHOST_DRIVER_PATH=$work/dbg "$drvhost" run --quiet "$work/dbg/debug.scn"

# Errors: a configuration the project lacks, a platform drvhost does not model, not a driver.
expect_error() { # expect_error PATTERN ARGS...
    pattern=$1
    shift
    if "$drvcc" "$@" -o "$work/bad.sys" 2> "$work/bad.err"; then
        fail "drvcc $* succeeded"
    fi
    grep -q "$pattern" "$work/bad.err" || { cat "$work/bad.err"; fail "drvcc $*: no error matching $pattern"; }
}
expect_error "no configuration Profile|x64" --project "$proj" --config Profile
expect_error "platform ARM64: drvhost models the x64 kernel" --project "$proj" --config 'Release|ARM64'
mkdir "$work/app"
cat > "$work/app/app.vcxproj" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="http://schemas.microsoft.com/developer/msbuild/2003">
  <PropertyGroup><ConfigurationType>Application</ConfigurationType></PropertyGroup>
  <ItemGroup><ClCompile Include="main.c" /></ItemGroup>
</Project>
XML
expect_error "app.vcxproj: error: ConfigurationType is \"Application\"" "$work/app/app.vcxproj"
printf '<Project>\n  <ItemGroup>\n</Project>\n' > "$work/app/broken.vcxproj"
expect_error "broken.vcxproj:3: error: not a well-formed project file" "$work/app/broken.vcxproj"

# A diagnostic in a file whose include lines were rewritten names the original file and line.
mkdir -p "$work/diag/Sub"
printf '#include <ntddk.h>\n#include "sub\\\\Note.H"\nNTSTATUS DriverEntry(PDRIVER_OBJECT d, PUNICODE_STRING r) { return 0; }\n' \
    > "$work/diag/d.c"
printf '/* note */\n\n#warning "from note.h line 3"\n' > "$work/diag/Sub/note.h"
"$drvcc" --windows-includes -o "$work/d.sys" "$work/diag/d.c" 2> "$work/diag.err" ||
    { cat "$work/diag.err"; fail "--windows-includes build failed"; }
grep -q "^$work/diag/Sub/note.h:3:2: warning: #warning \"from note.h line 3\"" "$work/diag.err" ||
    { cat "$work/diag.err"; fail "the diagnostic does not name Sub/note.h line 3"; }
grep -q "^In file included from $work/diag/d.c:2" "$work/diag.err" ||
    { cat "$work/diag.err"; fail "the include chain does not name d.c line 2"; }
# Without the Windows rules the same source does not build (the test is not vacuous).
if "$drvcc" -o "$work/d2.sys" "$work/diag/d.c" 2> /dev/null; then
    fail "d.c built without --windows-includes"
fi
echo "check_project: ok"
