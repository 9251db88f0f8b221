#!/bin/sh
# check_msvc.sh DRVCC - drvcc without the Windows rules names the MSVC-only spellings no header can fix (the i64 / ui64 /
# I64 integer suffixes, wide stringizing L#x), in the source and in a header it includes, by
# file and line, instead of GCC's messages (shown with -v); and refuses a C++ source whose
# global objects need constructors or destructors, naming them.
set -eu
drvcc=$1
# GCC's messages unless said otherwise (the clang part below), whatever DRVCC_CC the environment
# gives (the clang-asan preset's is clang).
DRVCC_CC=gcc DRVCC_CXX=g++
export DRVCC_CC DRVCC_CXX
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
    echo "check_msvc: $*" >&2
    exit 1
}
expect() { # expect FILE PATTERN
    grep -q -- "$2" "$1" || { cat "$1" >&2; fail "no \"$2\""; }
}

mkdir "$work/inc"
cat > "$work/inc/Limits.h" <<'H'
/* a project header */
#define PROJ_BIG 0x10UI64
H
cat > "$work/msvc.c" <<'C'
#include <ntddk.h>
#include "inc/Limits.h"
#define WIDEN(x) L#x /* "a comment with 5i64" */
static const char text[] = "7i64 in a string";
ULONGLONG Big(void) { return 100i64 + PROJ_BIG + 3ui64; }
PCWSTR Name(void) { return WIDEN(name); }
NTSTATUS DriverEntry(PDRIVER_OBJECT d, PUNICODE_STRING r) { return NotDeclaredAnywhere(); }
C
if (cd "$work" && "$drvcc" -o msvc.sys msvc.c) 2> "$work/msvc.err"; then
    fail "msvc.c compiled"
fi
expect "$work/msvc.err" 'msvc.c:5: error: MSVC-only integer suffix "i64" in 100i64 (GCC has no such suffix): write 100LL'
expect "$work/msvc.err" 'msvc.c:5: error: MSVC-only integer suffix "ui64" in 3ui64 (GCC has no such suffix): write 3ULL'
expect "$work/msvc.err" 'inc/Limits.h:2: error: MSVC-only integer suffix "UI64" in 0x10UI64'
expect "$work/msvc.err" 'msvc.c:3: error: MSVC-only wide stringizing "L#x" in macro WIDEN'
expect "$work/msvc.err" "implicit declaration of function .*NotDeclaredAnywhere" # other errors stay
! grep -q "invalid suffix\|L.* undeclared\|in expansion of macro" "$work/msvc.err" || fail "GCC's message shown without -v"
! grep -q "error.*\(5i64\|7i64\)" "$work/msvc.err" || fail "a comment or a string was scanned"
[ "$(grep -c "error: MSVC-only" "$work/msvc.err")" = 4 ] || { cat "$work/msvc.err"; fail "not 4 errors"; }
(cd "$work" && "$drvcc" -v -o msvc.sys msvc.c) 2> "$work/msvc-v.err" && fail "compiled with -v"
expect "$work/msvc-v.err" 'invalid suffix "i64" on integer constant'

# clang: its messages about these spellings are left out too ("use of undeclared identifier
# 'L'"); it takes the integer suffixes itself (-fms-extensions), so they are not named.
if command -v clang >/dev/null 2>&1; then
    (cd "$work" && DRVCC_CC=clang "$drvcc" -o msvc.sys msvc.c) 2> "$work/clang.err" && fail "msvc.c compiled with clang"
    expect "$work/clang.err" 'msvc.c:3: error: MSVC-only wide stringizing "L#x" in macro WIDEN'
    expect "$work/clang.err" "NotDeclaredAnywhere"
    ! grep -q "undeclared identifier 'L'" "$work/clang.err" || fail "clang's message shown without -v"
    ! grep -q "integer suffix" "$work/clang.err" || fail "a suffix named under clang"
fi

# Under the Windows rules the spellings with an exact GCC form are rewritten (check_msvc_rewrite.sh):
# only the others are named: i8/i16, a value beyond the suffix's range, __FUNCSIG__.
printf '#include <ntddk.h>\nint f(void) { return 5i8 + 1i64 + (int)0x1ffffffffi32 + (int)sizeof(__FUNCSIG__); }\n' > "$work/rest.c"
(cd "$work" && "$drvcc" --windows-includes -c rest.c) 2> "$work/rest.err" && fail "rest.c compiled"
expect "$work/rest.err" 'rest.c:2: error: MSVC-only integer suffix "i8" in 5i8 (GCC has no such suffix): cast instead: (signed char)5'
expect "$work/rest.err" 'rest.c:2: error: MSVC-only integer suffix "i32" in 0x1ffffffffi32 (GCC has no such suffix): the value does not fit in 32 bits'
expect "$work/rest.err" 'rest.c:2: error: MSVC-only __FUNCSIG__'
! grep -q '"i64"' "$work/rest.err" || fail "a rewritten suffix named"
! grep -q "invalid suffix\|__FUNCSIG__. undeclared" "$work/rest.err" || fail "GCC's message shown without -v"

# An ordinary error is the compiler's, as it was.
printf '#include <ntddk.h>\nint f(void) { return undeclared_thing; }\n' > "$work/plain.c"
(cd "$work" && "$drvcc" -c plain.c) 2> "$work/plain.err" && fail "plain.c compiled"
expect "$work/plain.err" "undeclared_thing"
! grep -q "MSVC-only" "$work/plain.err" || fail "an MSVC error for plain.c"

# C++: global constructors and destructors are refused, naming them; constant initialization
# and function-local statics are fine.
cat > "$work/ctor.cpp" <<'CPP'
#include <ntddk.h>
struct Counter {
    int n;
    Counter() : n(5) {}
    ~Counter() { n = 0; }
};
static Counter g_counter;
namespace ns { Counter shared_counter; }
extern "C" int CtorUse() { return g_counter.n + ns::shared_counter.n; }
CPP
if (cd "$work" && "$drvcc" -o ctor.sys ctor.cpp) 2> "$work/ctor.err"; then
    fail "ctor.cpp built"
fi
expect "$work/ctor.err" "ctor.cpp: error: global or namespace-scope objects need code run at load or unload"
expect "$work/ctor.err" "Counter::Counter()"
expect "$work/ctor.err" "ns::shared_counter"
[ ! -f "$work/ctor.sys" ] || fail "ctor.sys was written"
cat > "$work/fine.cpp" <<'CPP'
#include <ntddk.h>
struct Pod { int a; int b; };
static Pod g_pod = {1, 2};
struct Lazy { int n; Lazy() : n(7) {} };
static int LazyValue() { static Lazy lazy; return lazy.n; }
constexpr int kSquare(int x) { return x * x; }
static const int g_square = kSquare(4);
extern "C" NTSTATUS DriverEntry(PDRIVER_OBJECT d, PUNICODE_STRING r)
{
    return g_pod.a + g_square + LazyValue() == 24 ? STATUS_SUCCESS : STATUS_UNSUCCESSFUL;
}
CPP
(cd "$work" && "$drvcc" -o fine.sys fine.cpp) 2> "$work/fine.err" || { cat "$work/fine.err"; fail "fine.cpp did not build"; }
echo "check_msvc: ok"
