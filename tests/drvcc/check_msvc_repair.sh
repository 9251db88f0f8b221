#!/bin/sh
# check_msvc_repair.sh DRVCC DRVHOST SOURCE_ROOT - under the Windows rules drvcc repairs, where
# the compiler's errors point, what MSVC accepts and GCC refuses (tools/drvcc_msvcfix.py): the
# cast as an lvalue, a field of an enum not yet defined, a definition whose pointer parameters
# differ from its declaration's (gcc only: clang's message does not give the types), a variable
# defined without its declaration's volatile, a goto over
# scalar initializations, a syntax error in an uninstantiated template body and a member of
# anonymous unions declared twice with the same type (C++). The test
# driver (tests/drvcc/repairsrc) checks each value as MSVC gives it in DriverEntry, built with gcc
# and clang; each repair is named in a warning with the original file and line; without the
# Windows rules, or for what MSVC refuses too, the compiler's error stays.
set -eu
drvcc=$1 drvhost=$2 root=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
    echo "check_msvc_repair: $*" >&2
    exit 1
}
src=$work/src
cp -R "$root/tests/drvcc/repairsrc" "$src"
(cd "$src" && find . -type f -exec sha1sum {} + | sort) > "$work/before"
# Both compilers by name, whatever DRVCC_CC the environment gives (the clang-asan preset's is
# clang).
for cc in gcc clang; do
    command -v "$cc" >/dev/null 2>&1 || continue
    cxx=g++ c4028=$src/repair_c4028.c
    if [ "$cc" = clang ]; then
        cxx=clang++ c4028=$work/no_c4028.c
        printf 'int C4028Checks(void) { return 0; }\n' > "$c4028"
    fi
    DRVCC_CC=$cc DRVCC_CXX=$cxx "$drvcc" --windows-includes -o "$work/repair.sys" \
        "$src/repair.c" "$c4028" "$src/repair.cpp" 2> "$work/build.err" ||
        { cat "$work/build.err"; fail "$cc: the MSVC source did not build"; }
    printf 'service repair repair.sys\nload repair\nunload repair\n' > "$work/repair.scn"
    "$drvhost" run "$work/repair.scn" > "$work/run.out" 2>&1 ||
        { cat "$work/run.out"; fail "$cc: a check failed in DriverEntry"; }
    # Each repair named, at the original file and line.
    for where in "repair.h:7: warning: a field of enum _KIND" \
        "repair.c:147: warning: ReserveBlock defined without the volatile of its declaration" \
        "repair.c:43: warning: a cast as an lvalue" "repair.c:47: warning: a cast as an lvalue" \
        "repair.c:56: warning: a cast as an lvalue (MSVC's C4213: the object \*indirect" \
        "repair.cpp:17: warning: a ';' missing" "repair.cpp:40: warning: the initialization of count" \
        "repair.cpp:41: warning: the initialization of doubled" \
        "repair.cpp:23: warning: a member of a template specialization" \
        "repair.cpp:65: warning: member tos declared again, with the same type" \
        "repair.cpp:76: warning: member a declared again, with the same type"; do
        grep -q "$where" "$work/build.err" || { cat "$work/build.err"; fail "$cc: no '$where'"; }
    done
    [ "$cc" = clang ] ||
        grep -q "repair_c4028.c:19: warning: ReadTail defined with other pointer parameter types" \
            "$work/build.err" || { cat "$work/build.err"; fail "$cc: no C4028 warning"; }
done
(cd "$src" && find . -type f -exec sha1sum {} + | sort) > "$work/after"
cmp -s "$work/before" "$work/after" || fail "the source tree was written"

# The rest reads GCC's messages, whatever DRVCC_CC the environment gives.
DRVCC_CC=gcc DRVCC_CXX=g++
export DRVCC_CC DRVCC_CXX

# Without the Windows rules: GCC's rules, the errors stay.
"$drvcc" -c -o "$work/plain.o" "$src/repair.c" 2> "$work/plain.err" && fail "plain drvcc repaired"
grep -q "lvalue required" "$work/plain.err" || { cat "$work/plain.err"; fail "no lvalue error"; }

# What MSVC refuses too stays the compiler's error: the address of an expression that is no
# cast, a field of a struct not defined, parameters of other sizes, a goto into the scope of an
# object with a destructor, a missing ';' outside templates; the repairs of the same file made.
cat > "$work/refused.c" <<'C'
#include <ntddk.h>
struct Later;
typedef ULONG CB(PVOID a);
CB Cb;
struct Holder { int a; struct Later later; };
void ReleaseIt(PVOID *p);
ULONG Cb(ULONGLONG a) { return (ULONG)a; }
void Use(PVOID p, ULONG x) { ReleaseIt(&((PVOID)p)); ReleaseIt((PVOID *)&(x + 1)); }
extern const volatile int Limit;
int Limit = 3;
C
"$drvcc" --windows-includes -c -o "$work/refused.o" "$work/refused.c" 2> "$work/refused.err" &&
    fail "refused.c compiled"
for where in "refused.c:5:.*incomplete type" "refused.c:7:.*conflicting types for" \
    "refused.c:8:.*lvalue required" "refused.c:8: warning: a cast as an lvalue" \
    "refused.c:10:.*\(conflicting type qualifiers\|redefinition of\)"; do
    grep -q "$where" "$work/refused.err" || { cat "$work/refused.err"; fail "no '$where'"; }
done
cat > "$work/refused.cpp" <<'C'
#include <ntddk.h>
struct Guard { ~Guard(); };
int Jump(bool early) {
    if (early) goto Done;
    Guard g;
Done:
    return 0;
}
int Missing() { return 1 }
struct DifferentTypes { union { char *p; }; union { void *p; }; };
struct Direct { int i; union { int i; }; };
C
"$drvcc" --windows-includes -c -o "$work/refused.o" "$work/refused.cpp" 2> "$work/refused.err" &&
    fail "refused.cpp compiled"
for where in "refused.cpp:.*jump to label" "refused.cpp:9:.*expected" \
    "refused.cpp:10:.*\(conflicts with a previous declaration\|redeclares\)" \
    "refused.cpp:11:.*\(conflicts with a previous declaration\|redeclares\)"; do
    grep -q "$where" "$work/refused.err" || { cat "$work/refused.err"; fail "no '$where'"; }
done
grep -q "drvcc's MSVC repair" "$work/refused.err" && { cat "$work/refused.err"; fail "refused.cpp repaired"; }
echo "check_msvc_repair: ok"
