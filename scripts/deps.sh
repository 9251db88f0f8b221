#!/bin/sh
# deps.sh - installs the build tools drvhost needs on a fresh Debian (or derivative), only if
# something is missing: cmake (>= 3.25), ninja, gcc, libc headers, binutils (nm, readelf), python3,
# clang-format, universal-ctags, and clang with its sanitizer and libFuzzer runtimes
# (libclang-rt-<major>-dev): the SEH tests build a driver with clang too (tests/seh), the
# `clang-asan` preset builds and tests everything with clang and its sanitizers, and the `fuzz`
# preset is clang with libFuzzer.
set -eu

missing=
need_command() { # need_command COMMAND PACKAGE
    command -v "$1" >/dev/null 2>&1 || missing="$missing $2"
}
need_command cmake cmake
need_command ninja ninja-build
need_command gcc gcc
need_command nm binutils
need_command readelf binutils
if ! [ -e /usr/include/stdio.h ] && ! dpkg -s libc6-dev >/dev/null 2>&1; then
    missing="$missing libc6-dev"
fi

# apt_install PACKAGE...: as root, or through sudo.
apt_install() {
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "deps.sh: no apt-get here: install $* by hand" >&2
        exit 1
    fi
    if [ "$(id -u)" = 0 ]; then
        sudo=
    elif command -v sudo >/dev/null 2>&1; then
        sudo=sudo
    else
        echo "deps.sh: not root and no sudo: install $* as root" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    if [ -z "${apt_updated:-}" ]; then
        $sudo apt-get update
        apt_updated=1
    fi
    $sudo apt-get install -y --no-install-recommends "$@"
}

need_command clang clang
# clang++: the clang-asan preset builds C++ test drivers with drvcc (DRVCC_CXX=clang++).
need_command clang++ clang
# python3: scripts/mutate.py (docs/testing.md), whose --list the docs check runs.
need_command python3 python3
# clang-format 14: the format_check test (scripts/check-format.sh).
need_command clang-format clang-format
# universal-ctags: the headers_internal test (scripts/check-headers-internal.sh).
need_command ctags universal-ctags
if [ -n "$missing" ]; then
    echo "deps.sh: missing:$missing; installing them"
    apt_install cmake ninja-build gcc libc6-dev binutils clang python3 clang-format universal-ctags
fi

# libFuzzer and the sanitizer runtimes of the installed clang (Debian ships them apart from
# clang since LLVM 14, in libclang-rt-<major>-dev): libFuzzer for the fuzz preset, ASan (with
# UBSan in it) for the clang-asan preset.
fuzzer_lib=$(clang -print-file-name="libclang_rt.fuzzer-$(uname -m).a")
asan_lib=$(clang -print-file-name="libclang_rt.asan-$(uname -m).a")
if ! [ -f "$fuzzer_lib" ] || ! [ -f "$asan_lib" ]; then
    clang_major=$(clang -dumpversion | cut -d. -f1)
    echo "deps.sh: clang $clang_major has no libFuzzer; installing libclang-rt-$clang_major-dev"
    apt_install "libclang-rt-$clang_major-dev"
fi

# CMakePresets.json needs CMake 3.25.
version=$(cmake --version | awk 'NR == 1 { print $3 }')
major=${version%%.*}
rest=${version#*.}
minor=${rest%%.*}
if [ "$major" -lt 3 ] || { [ "$major" = 3 ] && [ "$minor" -lt 25 ]; }; then
    echo "deps.sh: cmake $version is too old: drvhost needs 3.25 or later" >&2
    exit 1
fi
