#!/bin/sh
# check_install.sh CMAKE BUILD_DIR SOURCE_ROOT - `cmake --install` into a fresh prefix, then what a
# user of the installed tree does: the installed sample scenario runs as installed (its module
# found in <prefix>/lib/drvhost/drivers), the installed drvcc builds the FIFO sample, and a new
# driver in a folder of its own builds and runs with bare file names (check_first_use.sh), and a
# CMake project using the installed package (find_package(drvhost)) builds and tests drivers.
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
# The installed CMake package: a user's project (tests/drvcc/cmake_consumer) finds it, builds a
# driver from its sources and one from its project file, and runs their scenarios with ctest.
"$cmake" -S "$root/tests/drvcc/cmake_consumer" -B "$prefix/consumer" -DCMAKE_PREFIX_PATH="$prefix" \
    -DDRVHOST_SOURCE_ROOT="$root" > "$prefix/consumer.log" 2>&1 || { cat "$prefix/consumer.log"; exit 1; }
"$cmake" --build "$prefix/consumer" > "$prefix/consumer.log" 2>&1 || { cat "$prefix/consumer.log"; exit 1; }
[ -f "$prefix/consumer/drivers/fifo.sys" ] && [ -f "$prefix/consumer/drivers/projtest.sys" ] ||
    { echo "check_install: the package built no modules" >&2; exit 1; }
(cd "$prefix/consumer" && ctest --output-on-failure > "$prefix/consumer.log" 2>&1) ||
    { cat "$prefix/consumer.log"; exit 1; }
grep -q "100% tests passed, 0 tests failed out of 2" "$prefix/consumer.log" ||
    { cat "$prefix/consumer.log"; exit 1; }
