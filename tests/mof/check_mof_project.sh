#!/bin/sh
# check_mof_project.sh DRVCC DRVHOST SOURCE_ROOT - `drvcc --project` on the MOF test project
# (project/moftest.vcxproj): its MofComp and Wmimofck items generate MofTestData.h from
# moftest.mof into the build's intermediate folder, the driver compiles against it, loads, and
# answers WMI in the generated layout (project/moftest.scn); the project tree is not written;
# a MOF error fails the build naming the MOF file and line; a Wmimofck item without a MofComp
# item for its .bmf is an error naming the project line.
set -eu
drvcc=$1 drvhost=$2 root=$3
proj=$root/tests/mof/project/moftest.vcxproj
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
    echo "check_mof_project: $*" >&2
    exit 1
}

# What the project tree holds (names, sizes, times), to find anything drvcc writes there:
# compared, not "newer than the project file", which files checked out after it are.
tree() { find "$root/tests/mof/project" -type f -printf '%P %s %T@\n' | sort; }
tree_before=$(tree)
(cd "$work" && "$drvcc" "$proj" 2> "$work/build.err") || { cat "$work/build.err" >&2; fail "build failed"; }
[ -f "$work/moftest.sys" ] || fail "no moftest.sys"
if grep -q "warning" "$work/build.err"; then
    cat "$work/build.err" >&2
    fail "warnings building the MOF test project"
fi
[ "$(tree)" = "$tree_before" ] || fail "drvcc wrote into the project tree"
DRVHOST_DRIVER_PATH=$work "$drvhost" run "$root/tests/mof/project/moftest.scn" > "$work/run.out" 2>&1 ||
    { cat "$work/run.out" >&2; fail "the scenario failed"; }
for guid in 6d0f0e5a-1b2c-4d3e-8f90-a1b2c3d4e5f6 6d0f0e5b-1b2c-4d3e-8f90-a1b2c3d4e5f6; do
    grep -q "{$guid} flags=0x[0-9A-F]* instances=1" "$work/run.out" ||
        { cat "$work/run.out" >&2; fail "reginfo does not list {$guid}"; }
done

# A copy of the project with a broken MOF: the MOF's file and line.
mkdir "$work/copy"
cp "$root/tests/mof/project/moftest.vcxproj" "$root/tests/mof/project/moftest.c" "$work/copy/"
sed 's/\[WmiDataId(2), read, write\] uint32 Count;/[WmiDataId(2), read, write] uint32 Count/' \
    "$root/tests/mof/project/moftest.mof" > "$work/copy/moftest.mof"
if "$drvcc" "$work/copy/moftest.vcxproj" -o "$work/bad.sys" 2> "$work/bad.err"; then
    fail "a broken MOF built"
fi
grep -q "drvmof: $work/copy/moftest.mof:[0-9]*: error: expected \";\" after property Count" "$work/bad.err" ||
    { cat "$work/bad.err" >&2; fail "no MOF error naming the file and line"; }

# A Wmimofck item whose .bmf no MofComp item creates.
sed 's/<MofComp Include="moftest.mof">/<MofComp Include="moftest.mof"><CreateBinaryMofFile>other.bmf<\/CreateBinaryMofFile>/' \
    "$root/tests/mof/project/moftest.vcxproj" | sed 's/<CreateBinaryMofFile>".*moftest.bmf"<\/CreateBinaryMofFile>//' \
    > "$work/copy/moftest.vcxproj"
cp "$root/tests/mof/project/moftest.mof" "$work/copy/moftest.mof"
if "$drvcc" "$work/copy/moftest.vcxproj" -o "$work/bad.sys" 2> "$work/bad.err"; then
    fail "a Wmimofck item without its MofComp item built"
fi
grep -q "moftest.vcxproj:[0-9]*: error: <Wmimofck Include=\"moftest.bmf\">: no <MofComp> item creates it" "$work/bad.err" ||
    { cat "$work/bad.err" >&2; fail "no error for the Wmimofck item without its MofComp item"; }
echo "check_mof_project: ok"
