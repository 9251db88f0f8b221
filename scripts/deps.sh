#!/bin/sh
# deps.sh - installs the build tools drvhost needs on a fresh Debian (or derivative), only if
# something is missing: cmake (>= 3.25), ninja, gcc, libc headers, binutils (nm, readelf).
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

if [ -n "$missing" ]; then
    echo "deps.sh: missing:$missing; installing cmake ninja-build gcc libc6-dev binutils"
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "deps.sh: no apt-get here: install$missing by hand" >&2
        exit 1
    fi
    if [ "$(id -u)" = 0 ]; then
        sudo=
    elif command -v sudo >/dev/null 2>&1; then
        sudo=sudo
    else
        echo "deps.sh: not root and no sudo: install$missing as root" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update
    $sudo apt-get install -y --no-install-recommends cmake ninja-build gcc libc6-dev binutils
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
