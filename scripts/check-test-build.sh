#!/bin/sh
# check-test-build.sh - how tests are built: through the runtime's internal library, never from
# hand-picked runtime sources (docs/building.md, "How tests are built").
#
# usage: scripts/check-test-build.sh layout ROOT
#   No CMake file outside src/ names a file under src/ (src/CMakeLists.txt holds the one list of
#   runtime sources), and no C file outside src/ includes a runtime header by a relative path
#   into src/ ("../../src/cm/cm.h"): programs that need internals link drvhost_rt_internal,
#   which puts src/ on their include path ("cm/cm.h").
# usage: scripts/check-test-build.sh one-copy NM LIBDRVHOST_SO PROGRAM...
#   None of the PROGRAMs (those linking drvhost_rt_internal) defines a symbol that libdrvhost.so
#   exports: each exported DDI and drvhost_* function exists once, in libdrvhost.so; a program
#   holds only the hidden internals it calls.
set -eu

layout() {
    root=$1
    bad=0
    cd "$root"
    # CMake files outside src/ (and outside build trees) naming src/<...>.c or .h.
    found=$(find . -path ./build -prune -o -path ./src -prune -o -path ./.git -prune -o \
        \( -name CMakeLists.txt -o -name '*.cmake' \) -type f -print |
        xargs grep -n -E '(/|")src/[A-Za-z0-9_./-]*\.(c|h|def)\b' 2>/dev/null || true)
    if [ -n "$found" ]; then
        printf '%s\n' "$found" | sed 's/^/check-test-build: names a runtime source (link drvhost_rt_internal instead): /'
        bad=1
    fi
    # C files outside src/ including a runtime header through a relative path into src/.
    found=$(find . -path ./build -prune -o -path ./src -prune -o -path ./.git -prune -o \
        \( -name '*.c' -o -name '*.h' \) -type f -print |
        xargs grep -n -E '^[[:space:]]*#[[:space:]]*include[[:space:]]*"(\.\./)+src/' 2>/dev/null || true)
    if [ -n "$found" ]; then
        printf '%s\n' "$found" | sed 's/^/check-test-build: relative include into src\/ (write "layer\/header.h" and link drvhost_rt_internal): /'
        bad=1
    fi
    [ $bad = 0 ] && echo "check-test-build: no CMake file outside src/ names a runtime source, no relative include into src/"
    return $bad
}

one_copy() {
    nm=$1
    lib=$2
    shift 2
    tmp=$(mktemp -d "${TMPDIR:-/tmp}/one-copy.XXXXXX")
    trap 'rm -rf -- "$tmp"' EXIT
    # Exported names, less those the toolchain adds to every object (as check-manifest.sh).
    "$nm" -D --defined-only "$lib" | awk 'NF >= 3 { sub(/@.*/, "", $3); print $3 }' |
        grep -v -E '^(_init|_fini|_edata|_end|__bss_start|__(asan|lsan|ubsan|tsan|sanitizer|odr_asan)[_.].*|__(start|stop)___sancov_[a-z_]+)$' |
        LC_ALL=C sort -u >"$tmp/exported"
    bad=0
    for program in "$@"; do
        # Global definitions (code, data, read-only data, bss) of the program itself.
        "$nm" --defined-only "$program" | awk '$2 ~ /^[TDBRVW]$/ { print $3 }' |
            LC_ALL=C sort -u >"$tmp/defined"
        copies=$(LC_ALL=C comm -12 "$tmp/exported" "$tmp/defined")
        if [ -n "$copies" ]; then
            echo "check-test-build: $(basename "$program") holds its own copy of what libdrvhost.so exports:" $copies
            bad=1
        fi
    done
    [ $bad = 0 ] && echo "check-test-build: $# programs linking the internal library, no second copy of an exported symbol"
    return $bad
}

case ${1:-} in
layout) [ $# = 2 ] || { echo "usage: check-test-build.sh layout ROOT" >&2; exit 2; }; layout "$2" ;;
one-copy) [ $# -ge 3 ] || { echo "usage: check-test-build.sh one-copy NM LIB PROGRAM..." >&2; exit 2; }
    shift; one_copy "$@" ;;
*) echo "usage: check-test-build.sh layout ROOT | one-copy NM LIB PROGRAM..." >&2; exit 2 ;;
esac
