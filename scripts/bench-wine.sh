#!/usr/bin/env bash
# bench-wine.sh - the comparison with Wine (optional, not part of scripts/test.sh or
# scripts/bench.sh). The same WDM benchmark driver source, bench/drivers/benchdrv.c, is
# cross-compiled with mingw-w64's DDK headers into a PE benchdrv.sys, installed as a kernel
# service in a throwaway Wine prefix and started (Wine's winedevice.exe hosts it); a Win32
# client (bench/wine/client.c) times the same round trip as bench_ioctl's
# wdm.ioctl.roundtrip: DeviceIoControl(IOCTL_BENCH_COPY), METHOD_BUFFERED, 64 bytes in and out,
# every round trip checked. Then drvhost's own bench_ioctl runs (floor, round trip, 3-deep
# stack) and both figures are printed side by side with their ratio. See docs/wine-comparison.md.
#
#   scripts/bench-wine.sh
#
# Installs with apt-get, only if missing: wine wine64 gcc-mingw-w64-x86-64-win32 (the last
# pulls binutils-mingw-w64-x86-64 and mingw-w64-x86-64-dev, which has the DDK headers and the
# ntoskrnl/hal import libraries).
#
# Environment:
#   DRVHOST_BENCH_BUILD   drvhost build tree (default build/release, configured and built
#                         with the release preset by this script, as scripts/bench.sh does)
#   DRVHOST_WINE_DIR      where the PE files and the Wine prefix go (default build/wine; the
#                         prefix, DIR/prefix, is recreated on every run)
#   DRVHOST_WINE_ROUNDS   round trips per batch under Wine (default 2000; 7 batches, median)
#   DRVHOST_WINE_DEBUG    WINEDEBUG for the Wine steps (default -all), e.g. +ntoskrnl,+module
#   DRVHOST_BENCH_SCALE   passed to bench_ioctl (its iteration counts times this)
# Exit status: 0 both figures measured, 2 anything failed (with a message saying what).
set -Eeuo pipefail

die() {
    echo "bench-wine.sh: $*" >&2
    exit 2
}
trap 'die "unexpected failure at line $LINENO: $BASH_COMMAND"' ERR

root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$root"
build=${DRVHOST_BENCH_BUILD:-$root/build/release}
out=${DRVHOST_WINE_DIR:-$root/build/wine}
rounds=${DRVHOST_WINE_ROUNDS:-2000}
batches=7
[[ $rounds =~ ^[1-9][0-9]*$ ]] || die "DRVHOST_WINE_ROUNDS must be a positive integer, not '$rounds'"

mingw=x86_64-w64-mingw32-gcc
mkdir -p "$out/log" || die "cannot create $out/log"
out=$(cd -- "$out" && pwd -P) # Wine wants an absolute WINEPREFIX
log=$out/log

# Print the tail of a log file to stderr, then fail.
die_log() { # die_log LOGFILE MESSAGE
    echo "---- last lines of $1 ----" >&2
    tail -n 25 "$1" | tr -d '\r' >&2 || true
    die "$2 (full log: $1)"
}

# ---- 1. tools ---------------------------------------------------------------------------------

ddk_dir() { # the folder holding mingw-w64's ntddk.h, or nothing
    local d
    for d in /usr/x86_64-w64-mingw32/include/ddk /usr/share/mingw-w64/include/ddk; do
        [[ -f $d/ntddk.h && -f $d/wdm.h ]] && {
            echo "$d"
            return
        }
    done
    return 0
}

have_tools() {
    command -v wine >/dev/null 2>&1 && command -v wineboot >/dev/null 2>&1 &&
        command -v wineserver >/dev/null 2>&1 && command -v "$mingw" >/dev/null 2>&1 &&
        [[ -x /usr/lib/wine/wine64 || -n $(command -v wine64 2>/dev/null) ]] &&
        [[ -n $(ddk_dir) ]] && [[ -f $("$mingw" -print-file-name=libntoskrnl.a) ]]
}

if ! have_tools; then
    packages="wine wine64 gcc-mingw-w64-x86-64-win32"
    echo "bench-wine.sh: installing $packages (apt-get)"
    command -v apt-get >/dev/null 2>&1 || die "no apt-get here: install $packages by hand"
    sudo=
    if [[ $(id -u) != 0 ]]; then
        command -v sudo >/dev/null 2>&1 || die "not root and no sudo: install $packages as root"
        sudo=sudo
    fi
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update >"$log/apt.log" 2>&1 || die_log "$log/apt.log" "apt-get update failed"
    # shellcheck disable=SC2086
    $sudo apt-get install -y --no-install-recommends $packages >>"$log/apt.log" 2>&1 ||
        die_log "$log/apt.log" "apt-get install $packages failed"
    have_tools || die "installed $packages, but wine, $mingw or mingw-w64's DDK headers are still missing"
fi
ddk=$(ddk_dir)

# ---- 2. drvhost (release build, as scripts/bench.sh) ------------------------------------------

if [[ -z ${DRVHOST_BENCH_BUILD:-} ]]; then
    scripts/deps.sh || die "scripts/deps.sh failed"
    cmake --preset release >"$log/cmake.log" 2>&1 || die_log "$log/cmake.log" "cmake --preset release failed"
fi
cmake --build "$build" --target bench_ioctl benchdrv >"$log/build.log" 2>&1 ||
    die_log "$log/build.log" "building bench_ioctl and benchdrv in $build failed"

# ---- 3. the PE driver and the Win32 client ----------------------------------------------------

# The driver: native subsystem, entry DriverEntry, imports from ntoskrnl.exe (and hal.dll) only.
# bench/wine/ddk_compat.h supplies the WDK names mingw-w64's headers lack (POOL_NX_ALLOCATION);
# -Wno-multichar: pool tags are multi-character constants, as in every WDK driver.
"$mingw" -O2 -Wall -Wno-multichar -include bench/wine/ddk_compat.h -I"$ddk" -Ibench/drivers \
    -c bench/drivers/benchdrv.c -o "$out/benchdrv.o" >"$log/mingw.log" 2>&1 ||
    die_log "$log/mingw.log" "compiling bench/drivers/benchdrv.c with $mingw failed"
"$mingw" -shared -nostdlib -nostartfiles -Wl,--subsystem,native -Wl,--entry,DriverEntry \
    -o "$out/benchdrv.sys" "$out/benchdrv.o" -lntoskrnl -lhal -lgcc >>"$log/mingw.log" 2>&1 ||
    die_log "$log/mingw.log" "linking benchdrv.sys failed"
"$mingw" -O2 -Wall -Wextra -o "$out/client.exe" bench/wine/client.c >>"$log/mingw.log" 2>&1 ||
    die_log "$log/mingw.log" "compiling bench/wine/client.c failed"

# ---- 4. Wine: a fresh prefix, the driver as a kernel service, the client --------------------

export WINEPREFIX=$out/prefix WINEARCH=win64 WINEDEBUG=${DRVHOST_WINE_DEBUG:--all}
# No Mono, no Gecko, no desktop menu entries; no display.
export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"
unset DISPLAY WAYLAND_DISPLAY

wine_up=0
wine_down() {
    if ((wine_up)); then
        wine_up=0
        timeout 30 wineserver -k >/dev/null 2>&1 || true
        timeout 30 wineserver -w >/dev/null 2>&1 || true
    fi
}
trap wine_down EXIT

wine_version=$(wine --version 2>/dev/null | tr -d '\r') || die "wine --version failed"
timeout 30 wineserver -k >/dev/null 2>&1 || true # a server left on this prefix by an earlier run
rm -rf "$WINEPREFIX"
mkdir -p "$WINEPREFIX"
wine_up=1
timeout 300 wineboot --init >"$log/wine.log" 2>&1 || die_log "$log/wine.log" "wineboot --init failed"
# Let the first boot finish for good (it runs services.exe twice and saves the registry when
# the server exits); a service created while it still runs can vanish again.
timeout 120 wineserver -w >>"$log/wine.log" 2>&1 || die_log "$log/wine.log" "the Wine server did not stop after wineboot"
# Then a persistent server: without it, the server stops (and with it services.exe and the
# driver's winedevice.exe) a few seconds after the last ordinary process, e.g. `sc start`, exits.
wineserver -p >>"$log/wine.log" 2>&1 || die_log "$log/wine.log" "wineserver -p failed"

drivers_dir=$WINEPREFIX/drive_c/windows/system32/drivers
[[ -d $drivers_dir ]] || die_log "$log/wine.log" "wineboot did not create $drivers_dir"
cp "$out/benchdrv.sys" "$drivers_dir/benchdrv.sys"
timeout 60 wine sc create benchdrv type= kernel start= demand \
    'binPath=' 'C:\windows\system32\drivers\benchdrv.sys' >"$log/sc.log" 2>&1 ||
    die_log "$log/sc.log" "wine sc create benchdrv (type= kernel) failed"
timeout 120 wine sc start benchdrv >>"$log/sc.log" 2>&1 ||
    die_log "$log/sc.log" "wine sc start benchdrv failed: the driver did not load or DriverEntry failed (rerun with DRVHOST_WINE_DEBUG=+ntoskrnl,+module for Wine's trace)"
timeout 60 wine sc query benchdrv >"$log/query.log" 2>&1 || true
grep -q 'RUNNING' "$log/query.log" ||
    die_log "$log/query.log" "benchdrv is not running after wine sc start"

timeout 900 wine "$out/client.exe" "$rounds" "$batches" >"$log/client.out" 2>"$log/client.err" ||
    die_log "$log/client.err" "the Win32 client failed under Wine"
wine_rt=$(tr -d '\r' <"$log/client.out" | awk '$1 == "wine.ioctl.roundtrip" { print $2 }')
wine_stack=$(tr -d '\r' <"$log/client.out" | awk '$1 == "wine.ioctl.stack3" { print $2 }')
[[ $wine_rt =~ ^[0-9.]+$ ]] || die_log "$log/client.out" "no round trip figure in the client's output"

# Unload (DriverUnload) as a check that the driver behaves under Wine; not timed.
unload="unloaded (sc stop)"
timeout 60 wine sc stop benchdrv >"$log/stop.log" 2>&1 && grep -q STOPPED "$log/stop.log" ||
    unload="sc stop failed (see $log/stop.log)"
wine_down

# ---- 5. drvhost: floor, round trip and 3-deep stack of bench_ioctl --------------------------

status=0
DRVHOST_BENCH_ONLY=stack DRVHOST_DRIVER_PATH=$build/drivers "$build/bin/bench_ioctl" \
    >"$log/bench_ioctl.out" 2>&1 || status=$?
# 1 = a target of bench_ioctl missed: the figures are still measured.
((status <= 1)) || die_log "$log/bench_ioctl.out" "bench_ioctl failed (exit $status)"
drvhost_rt=$(awk '$1 == "wdm.ioctl.roundtrip" { print $2 }' "$log/bench_ioctl.out")
drvhost_stack=$(awk '$1 == "wdm.ioctl.stack3" { print $2 }' "$log/bench_ioctl.out")
[[ $drvhost_rt =~ ^[0-9.]+$ ]] || die_log "$log/bench_ioctl.out" "no wdm.ioctl.roundtrip in bench_ioctl's output"

# ---- 6. side by side --------------------------------------------------------------------------

us() { awk -v ns="$1" 'BEGIN { printf "%.1f", ns / 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", a / b }'; }

echo "bench-wine.sh: benchdrv.c, IOCTL_BENCH_COPY (METHOD_BUFFERED, 64 bytes in, 64 out), median of $batches batches; $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(date -u +%Y-%m-%d)"
echo "  Wine: $wine_version; benchdrv.sys and client.exe built by $mingw $("$mingw" -dumpversion); driver hosted by winedevice.exe, $unload; $rounds round trips per batch"
echo "  drvhost: $build/bin/bench_ioctl (drvhost_io, $build/drivers/benchdrv.sys)"
echo "wine round trip: $(us "$wine_rt") us"
echo "drvhost round trip: $drvhost_rt ns"
echo "drvhost is $(ratio "$wine_rt" "$drvhost_rt")x faster than Wine"
if [[ $wine_stack =~ ^[0-9.]+$ && $drvhost_stack =~ ^[0-9.]+$ ]]; then
    echo "wine 3-deep stack round trip: $(us "$wine_stack") us"
    echo "drvhost 3-deep stack round trip: $drvhost_stack ns"
    echo "drvhost is $(ratio "$wine_stack" "$drvhost_stack")x faster than Wine (3-deep)"
else
    echo "3-deep stack: not compared (wine: '$(tr -d '\r' <"$log/client.out" | grep stack3 || true)', drvhost: '${drvhost_stack:-none}')"
fi
exit 0
