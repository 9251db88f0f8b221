#!/bin/sh
# check_mc_project.sh DRVCC DRVHOST SOURCE_ROOT - `drvcc --project` on the message compiler test
# project (project/mctest.vcxproj): its MessageCompile item generates mctestEvents.h from
# mctest.man into the build's intermediate folder (drvmc), a C and a C++ source compile against
# it, the driver loads and its events reach the trace output with the descriptors and fields
# the manifest gives (project/mctest.scn, all enabled; project/mctest_filtered.scn, a level and
# a keyword); the project tree is not written; a manifest error fails the build naming the
# manifest's file and line; an item without GenerateKernelModeLoggingMacros is named in a warning.
set -eu
drvcc=$1 drvhost=$2 root=$3
here=$root/tests/mc/project
proj=$here/mctest.vcxproj
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
    echo "check_mc_project: $*" >&2
    exit 1
}

# What the project tree holds (names, sizes, times), to find anything drvcc writes there:
# compared, not "newer than the project file", which files checked out after it are.
tree() { find "$here" -type f -printf '%P %s %T@\n' | sort; }
tree_before=$(tree)
(cd "$work" && "$drvcc" "$proj" 2> "$work/build.err") || { cat "$work/build.err" >&2; fail "build failed"; }
[ -f "$work/mctest.sys" ] || fail "no mctest.sys"
if grep -q "warning" "$work/build.err"; then
    cat "$work/build.err" >&2
    fail "warnings building the message compiler test project"
fi
[ "$(tree)" = "$tree_before" ] || fail "drvcc wrote into the project tree"

run() { # run SCENARIO: the trace lines, from the provider GUID on
    DRVHOST_DRIVER_PATH=$work "$drvhost" run "$here/$1" > "$work/run.out" 2>&1 ||
        { cat "$work/run.out" >&2; fail "$1 failed"; }
    sed -n 's/^.* mctest ETW 3A1F5C7E-9B2D-4E6F-8A0B-1C2D3E4F5A6B //p' "$work/run.out" > "$work/events"
}
expect_events() { # expect_events SCENARIO (the expected lines on stdin)
    cat > "$work/expected"
    diff -u "$work/expected" "$work/events" >&2 || { cat "$work/run.out" >&2; fail "$1: other events"; }
}

# Every event enabled. The descriptors: channels 16 (the first defined, value assigned), 20
# (its value attribute) and 8 (System, imported), each event's keyword with its channel's bit
# (63, 62, 61 in the order of <channels>); the custom level 16; a task-specific opcode (30);
# the fields in template order: integers at their sizes, NUL-terminated strings with their NUL
# (NULL as "NULL"), a counted string of 3 characters, lengths and counts from earlier fields.
run mctest.scn
expect_events mctest.scn <<'LINES'
id=1 version=0 task=7 opcode=30 channel=16 INFORMATION keyword=0x4000000000000001 activity={11223344-5566-7788-99AA-BBCCDDEEFF00}: 0xAB(171) 0xFFFE(65534) 0x1E(30) 0xC0000001(3221225473) 0xFFFFFFFFFFFFFFFB(18446744073709551611) 0x1122334455667788(1234605616436508552) 0x1(1) 0x1000(4096)
id=2 version=0 task=300 opcode=10 channel=20 WARNING keyword=0x2000800000000001: L"wide" "narrow" [6] 61 00 62 00 63 00 0x2(2) 0x7978(31096)
id=2 version=1 task=0 opcode=0 channel=0 WARNING keyword=0x800000000000: L"NULL" "NULL" [6] 61 00 62 00 63 00 0x0(0) [0]
id=3 version=0 task=0 opcode=1 channel=8 level=16 keyword=0x8020000000000000: [16] 04 03 02 01 06 05 08 07 09 0a 0b 0c 0d 0e 0f 10 0x3(3) [3] de ad 01 0xDF0FECA(233897674) 0x2(2) 0xABCD1234(2882343476) 0x800000007(34359738375)
id=4 version=0 task=0 opcode=0 channel=0 ERROR keyword=0x0:
id=5 version=0 task=0 opcode=0 channel=0 VERBOSE keyword=0x1:
LINES
# INFORMATION and keyword 0x1: StringsEventV1 (keyword 0x800000000000 only), BlobsEvent (level
# 16) and VerboseEvent are not written; McTest_Empty (keyword 0) is.
run mctest_filtered.scn
expect_events mctest_filtered.scn <<'LINES'
id=1 version=0 task=7 opcode=30 channel=16 INFORMATION keyword=0x4000000000000001 activity={11223344-5566-7788-99AA-BBCCDDEEFF00}: 0xAB(171) 0xFFFE(65534) 0x1E(30) 0xC0000001(3221225473) 0xFFFFFFFFFFFFFFFB(18446744073709551611) 0x1122334455667788(1234605616436508552) 0x1(1) 0x1000(4096)
id=2 version=0 task=300 opcode=10 channel=20 WARNING keyword=0x2000800000000001: L"wide" "narrow" [6] 61 00 62 00 63 00 0x2(2) 0x7978(31096)
id=4 version=0 task=0 opcode=0 channel=0 ERROR keyword=0x0:
LINES

# A copy with a broken manifest: the manifest's file and line.
mkdir "$work/copy"
cp "$here/mctest.vcxproj" "$here/mctest.c" "$here/mcwrite.cpp" "$here/mctest.h" "$here/mctestlog.mc" \
    "$work/copy/"
sed 's/<data name="U32" inType="win:UInt32"\/>/<data name="U32" inType="win:UInt33"\/>/' \
    "$here/mctest.man" > "$work/copy/mctest.man"
if "$drvcc" "$work/copy/mctest.vcxproj" -o "$work/bad.sys" 2> "$work/bad.err"; then
    fail "a broken manifest built"
fi
line=$(grep -n 'win:UInt33' "$work/copy/mctest.man" | cut -d: -f1)
grep -q "drvmc: $work/copy/mctest.man:$line: error: template Ints: data item U32: unknown inType win:UInt33" "$work/bad.err" ||
    { cat "$work/bad.err" >&2; fail "no manifest error naming the file and line"; }

# Without GenerateKernelModeLoggingMacros: a warning naming the item; no logging code, so the
# driver does not compile (EventRegister... undeclared), as with mc.exe's user-mode code.
cp "$here/mctest.man" "$work/copy/mctest.man"
sed '/<GenerateKernelModeLoggingMacros>/d' "$here/mctest.vcxproj" > "$work/copy/mctest.vcxproj"
if "$drvcc" "$work/copy/mctest.vcxproj" -o "$work/bad.sys" 2> "$work/bad.err"; then
    fail "built without the kernel-mode logging code"
fi
grep -q "mctest.vcxproj:[0-9]*: warning: <MessageCompile Include=\"mctest.man\">: without GenerateKernelModeLoggingMacros" "$work/bad.err" ||
    { cat "$work/bad.err" >&2; fail "no warning for the missing GenerateKernelModeLoggingMacros"; }
echo "check_mc_project: ok"
