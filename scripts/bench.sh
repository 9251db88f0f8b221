#!/usr/bin/env bash
# bench.sh - builds the release preset and runs every benchmark program of bench/: one line
# per figure, with the floor it is compared with (measured in the same run) and PASS/MISS for
# the figures that have a target. See docs/benchmarks.md.
#
#   scripts/bench.sh
#
# Environment: DRVHOST_BENCH_BUILD (build tree, default build/release), DRVHOST_BENCH_SCALE
# (iteration counts times this, default 1), DRVHOST_BENCH_RSS_ROUNDS (round trips of the
# memory figure, default 10000000: about 3 s). Exit status 0 if every target was met, 1 if
# one was missed, 2 if a benchmark failed.
set -uo pipefail

root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$root" || exit 2
build=${DRVHOST_BENCH_BUILD:-$root/build/release}
if [[ -z ${DRVHOST_BENCH_BUILD:-} ]]; then
    scripts/deps.sh || exit 2
    cmake --preset release >/dev/null || exit 2
fi
cmake --build "$build" --target bench_ioctl bench_alloc bench_load bench_registry benchdrv >/dev/null || exit 2

echo "drvhost benchmarks: $(uname -m), $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(date -u +%Y-%m-%d)"
worst=0
for program in bench_ioctl bench_alloc bench_load bench_registry; do
    DRVHOST_DRIVER_PATH=$build/drivers "$build/bin/$program"
    status=$?
    ((status > worst)) && worst=$status
done
exit "$worst"
