#!/bin/sh
# check_msvc_inline.sh DRVCC DRVHOST SOURCE_ROOT - under the Windows rules (--windows-includes)
# a non-static __inline function defined in a header that several C sources include builds as
# MSVC's C builds it: external linkage, one copy kept at link (tests/drvcc/inlinesrc: the module
# loads, with no import of the function left, and DriverEntry calls it from both sources and
# compares its addresses), at -O0 and -O2, with gcc and clang; a C++ source including the same
# header keeps C++'s inline functions. Plain drvcc (GCC's C99 rules) keeps failing at link.
set -eu
drvcc=$1 drvhost=$2 root=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
    echo "check_msvc_inline: $*" >&2
    exit 1
}
src=$root/tests/drvcc/inlinesrc
printf 'service inl inline.sys\nload inl\nunload inl\n' > "$work/inline.scn"
# Both compilers by name, whatever DRVCC_CC the environment gives (the clang-asan preset's is
# clang).
for cc in gcc clang; do
    command -v "$cc" >/dev/null 2>&1 || continue
    cxx=g++
    [ "$cc" != clang ] || cxx=clang++
    for opt in -O0 -O2; do
        DRVCC_CC=$cc DRVCC_CXX=$cxx "$drvcc" --windows-includes "$opt" -o "$work/inline.sys" \
            "$src/one.c" "$src/two.c" "$src/three.cpp" 2> "$work/build.err" ||
            { cat "$work/build.err"; fail "$cc $opt: the sources did not build"; }
        "$drvhost" run "$work/inline.scn" > "$work/run.out" 2>&1 ||
            { cat "$work/run.out"; fail "$cc $opt: the module did not load or a check failed"; }
    done
done
# Without the Windows rules the C99 meaning stays: one source redeclares InlineIssue non-inline,
# so each object defines it (pcidrv's "multiple definition").
cp "$src/Inline.h" "$work/Inline.h" && cp "$src/Inline.h" "$work/inline.h"
cp "$src/one.c" "$src/two.c" "$src/Bom.h" "$work/"
if "$drvcc" -O2 -o "$work/plain.sys" "$work/one.c" "$work/two.c" 2> "$work/plain.err"; then
    fail "plain drvcc built the C99 multiple definition"
fi
grep -q "multiple definition of .InlineIssue" "$work/plain.err" ||
    { cat "$work/plain.err"; fail "plain drvcc: no multiple definition of InlineIssue"; }
echo "check_msvc_inline: ok"
