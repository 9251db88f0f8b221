#!/bin/sh
# check_install.sh CMAKE BUILD_DIR SOURCE_ROOT - `cmake --install` into a fresh prefix, then what a
# user of the installed tree does: the installed sample scenario runs as installed (its module
# found in <prefix>/lib/drvhost/drivers), the installed drvcc builds the FIFO sample, and a new
# driver in a folder of its own builds and runs with bare file names (check_first_use.sh).
set -eu
cmake=$1 build=$2 root=$3
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
unset DRVHOST_DRIVER_PATH
"$cmake" --install "$build" --prefix "$prefix" > /dev/null
"$prefix/bin/drvhost" run --quiet "$prefix/share/drvhost/samples/wdm/fifo/demo.scn"
(cd "$prefix/share/drvhost/samples/wdm/fifo" && "$prefix/bin/drvhost" run --quiet io.scn)
"$prefix/bin/drvcc" -o "$prefix/fifo.sys" -I "$root/samples/wdm/fifo" \
    --wpp-scan "$root/samples/wdm/fifo/trace.h" "$root/samples/wdm/fifo/fifo.c"
DRVHOST_DRIVER_PATH=$prefix "$prefix/bin/drvhost" run --quiet "$root/samples/wdm/fifo/demo.scn"
# --project with the installed helper (<datadir>/drvhost/drvcc_helper.py).
"$prefix/bin/drvcc" --project "$root/tests/drvcc/project/sys/projtest.vcxproj" -o "$prefix/projtest.sys"
DRVHOST_DRIVER_PATH=$prefix "$prefix/bin/drvhost" run --quiet "$root/tests/drvcc/project/projtest.scn"
sh "$root/tests/drvcc/check_first_use.sh" "$prefix/bin/drvcc" "$prefix/bin/drvhost" "$root"
