#!/bin/sh
# check_drvmof.sh DRVCC SOURCE_ROOT - tools/drvmof: the headers it writes from all.mof and
# named.mof (with -m, and with and without -u) compile with layout.c's compile-time checks of
# names, values, offsets and sizes; the GUID forms; MOF errors named by file and line.
set -eu
drvcc=$1 root=$2
drvmof=$root/tools/drvmof
here=$root/tests/mof
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
    echo "check_drvmof: $*" >&2
    exit 1
}

python3 "$drvmof" -h "$work/all.h" -m "$here/all.mof" || fail "all.mof: drvmof failed"
python3 "$drvmof" -h "$work/named.h" "$here/named.mof" || fail "named.mof: drvmof failed"
"$drvcc" -c -I "$work" "$here/layout.c" -o "$work/layout.o" || fail "layout.c (without -u)"
python3 "$drvmof" -u -h "$work/named.h" "$here/named.mof" || fail "named.mof -u: drvmof failed"
"$drvcc" -c -DWITH_U -I "$work" "$here/layout.c" -o "$work/layout.o" || fail "layout.c (-u)"

# The GUID, as the initializer macro and as DEFINE_GUID (with and without braces in the MOF).
expect_line() { # expect_line FILE FIXED-STRING
    grep -qF -- "$2" "$1" || { cat "$1" >&2; fail "$(basename "$1"): no line $2"; }
}
expect_line "$work/all.h" '#define MofTest_AllTypesGuid \'
expect_line "$work/all.h" '    { 0x12345678,0x9abc,0xdef0, { 0x01,0x23,0x45,0x67,0x89,0xab,0xcd,0xef } }'
expect_line "$work/all.h" 'DEFINE_GUID(MofTest_Fixed_GUID, \'
expect_line "$work/all.h" '            0xa0b1c2d3,0xe4f5,0x0617,0x28,0x39,0x4a,0x5b,0x6c,0x7d,0x8e,0x9f);'
expect_line "$work/all.h" 'DEFINE_GUID(MOFT_PAIR_GUID, \'
# Without -m: the method ids, no parameter structures.
python3 "$drvmof" -h "$work/nom.h" "$here/all.mof"
expect_line "$work/nom.h" '#define Swap     1'
! grep -q 'Swap_IN' "$work/nom.h" || fail "parameter structures without -m"
# Without -h: only the checks, nothing written.
python3 "$drvmof" "$here/all.mof" || fail "all.mof: drvmof (check only) failed"

# Errors: file, line, problem; exit status 1; no header written.
expect_error() { # expect_error EXPECTED-MESSAGE (the MOF on stdin; its file is bad.mof)
    cat > "$work/bad.mof"
    rm -f "$work/bad.h"
    status=0
    python3 "$drvmof" -h "$work/bad.h" "$work/bad.mof" 2> "$work/bad.err" || status=$?
    [ "$status" = 1 ] || fail "exit status $status, not 1, for: $1"
    grep -qF -- "drvmof: $work/bad.mof:$1" "$work/bad.err" || { cat "$work/bad.err" >&2; fail "no error $1"; }
    [ ! -e "$work/bad.h" ] || fail "a header written despite: $1"
}
expect_error '3: error: expected ";" after the class A, found end of file' <<'MOF'
[WMI]
class A {
}
MOF
expect_error '2: error: expected "," or "]" in a qualifier list, found "uint32"' <<'MOF'
class A {
    [WmiDataId(1) uint32 X;
};
MOF
expect_error '3: error: A: WmiDataId values must run 1, 2, 3 ... without gaps or repeats: Y has 3 where 2 is expected' <<'MOF'
[WMI] class A {
    [WmiDataId(1)] uint32 X;
    [WmiDataId(3)] uint32 Y;
};
MOF
expect_error '2: error: A.X: a WMI data item needs WmiDataId(n)' <<'MOF'
[WMI] class A {
    uint32 X;
};
MOF
expect_error '2: error: A.X: a variable-length array needs WmiSizeIs("item")' <<'MOF'
[WMI] class A {
    [WmiDataId(1)] uint32 X[];
};
MOF
expect_error '2: error: A.X: WmiSizeIs("N") names no data item of A' <<'MOF'
[WMI] class A {
    [WmiDataId(1), WmiSizeIs("N")] uint32 X[];
};
MOF
expect_error '1: error: class A: guid("{1234}") is not a GUID' <<'MOF'
[WMI, guid("{1234}")] class A {
};
MOF
expect_error '1: error: class A: a WMI data or event block needs a guid("...") qualifier' <<'MOF'
[WMI, Dynamic] class A {
};
MOF
expect_error '1: error: class A: a WMI data block needs the item InstanceName' <<'MOF'
[WMI, Dynamic, guid("{12345678-1234-1234-1234-123456789abc}")] class A {
    [read] boolean Active;
};
MOF
expect_error '2: error: A.X: unknown type Missing (not a WMI data type nor a class of this file)' <<'MOF'
[WMI] class A {
    [WmiDataId(1)] Missing X;
};
MOF
expect_error '2: error: A.X: type real32 is not a WMI data type' <<'MOF'
[WMI] class A {
    [WmiDataId(1)] real32 X;
};
MOF
expect_error '3: error: A.G: WmiMethodId(1) already names F' <<'MOF'
[WMI] class A {
    [WmiMethodId(1)] void F();
    [WmiMethodId(1)] void G();
};
MOF
expect_error '2: error: A.F: a WMI method needs WmiMethodId(n), n > 0' <<'MOF'
[WMI] class A {
    [Implemented] void F([in] uint32 X);
};
MOF
expect_error '2: error: A.F: parameter X is neither [in] nor [out]' <<'MOF'
[WMI] class A {
    [WmiMethodId(1)] void F(uint32 X);
};
MOF
expect_error '3: error: comment not closed (no */)' <<'MOF'
[WMI] class A {
};
/* open
MOF
expect_error '1: error: unknown #pragma frobnicate' <<'MOF'
#pragma frobnicate("x")
MOF
expect_error '1: error: class A: "}" missing at end of file' <<'MOF'
[WMI] class A {
MOF
expect_error '2: error: unexpected character' <<'MOF'
[WMI] class A {
    [WmiDataId(1)] uint32 X; @
};
MOF
expect_error '3: error: class A declared twice' <<'MOF'
class A {
};
class A {
};
MOF
# An error in an included file names that file.
printf 'class B {\n    [WmiDataId(1)] uint32 X\n};\n' > "$work/inc.mof"
status=0
printf '#pragma include("inc.mof")\n' > "$work/top.mof"
python3 "$drvmof" "$work/top.mof" 2> "$work/inc.err" || status=$?
[ "$status" = 1 ] && grep -qF "$work/inc.mof:3: error: expected \";\" after property X" "$work/inc.err" ||
    { cat "$work/inc.err" >&2; fail "the included file's error"; }
echo "check_drvmof: ok"
