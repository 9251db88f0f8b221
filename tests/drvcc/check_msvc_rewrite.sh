#!/bin/sh
# check_msvc_rewrite.sh DRVCC DRVHOST SOURCE_ROOT - under the Windows rules (--windows-includes,
# --project) drvcc rewrites the MSVC-only spellings that have an exact GCC equivalent in its
# copies of the sources: the i64/ui64/i32/ui32 suffixes (any letter case; signed ones keep their
# type whatever the value), wide stringizing L#x (on a macro's continuation line too), and
# __FUNCTION__ beside a string literal (MSVC's is a literal: the function's name, qualified in
# C++). The test driver (tests/drvcc/msvcsrc) checks each value as MSVC gives it in DriverEntry;
# comments, strings and identifiers stay as written; the user's tree is not written.
set -eu
drvcc=$1 drvhost=$2 root=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
    echo "check_msvc_rewrite: $*" >&2
    exit 1
}
cp -R "$root/tests/drvcc/msvcsrc" "$work/src"
(cd "$work/src" && find . -type f -exec sha1sum {} + | sort) > "$work/before"
# Both compilers by name, whatever DRVCC_CC the environment gives (the clang-asan preset's is
# clang).
for cc in gcc clang; do
    command -v "$cc" >/dev/null 2>&1 || continue
    cxx=g++
    [ "$cc" != clang ] || cxx=clang++
    DRVCC_CC=$cc DRVCC_CXX=$cxx "$drvcc" --windows-includes -o "$work/msvc.sys" \
        "$work/src/msvc.c" "$work/src/names.cpp" 2> "$work/build.err" ||
        { cat "$work/build.err"; fail "$cc: the MSVC source did not build"; }
    printf 'service msvc msvc.sys\nload msvc\nunload msvc\n' > "$work/msvc.scn"
    "$drvhost" run "$work/msvc.scn" > "$work/run.out" 2>&1 ||
        { cat "$work/run.out"; fail "$cc: a check failed in DriverEntry"; }
done
(cd "$work/src" && find . -type f -exec sha1sum {} + | sort) > "$work/after"
cmp -s "$work/before" "$work/after" || fail "the source tree was written"
# Diagnostics keep the original file and line through the rewrite and the preprocessing.
printf '#include <ntddk.h>\n#define T(x) ("in " __FUNCTION__ x)\nint f(void) { return T("a")[0] + 1i64 + missing_one; }\n' > "$work/diag.c"
"$drvcc" --windows-includes -c -o "$work/diag.o" "$work/diag.c" 2> "$work/diag.err" && fail "diag.c compiled"
grep -q "diag.c:3:.*missing_one" "$work/diag.err" || { cat "$work/diag.err"; fail "no diag.c:3 error"; }
echo "check_msvc_rewrite: ok"
