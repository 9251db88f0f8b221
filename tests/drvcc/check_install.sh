#!/bin/sh
# check_install.sh CMAKE BUILD_DIR SOURCE_ROOT - `cmake --install` into a fresh prefix, then the
# installed drvcc builds the FIFO sample and the installed drvhost runs it.
set -eu
cmake=$1 build=$2 root=$3
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
"$cmake" --install "$build" --prefix "$prefix" > /dev/null
"$prefix/bin/drvcc" -o "$prefix/fifo.sys" -I "$root/samples/wdm/fifo" "$root/samples/wdm/fifo/fifo.c"
DRVHOST_DRIVER_PATH=$prefix "$prefix/bin/drvhost" run --quiet "$root/samples/wdm/fifo/demo.scn"
