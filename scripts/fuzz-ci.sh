#!/usr/bin/env bash
# fuzz-ci.sh - CI's bounded fuzzing run: builds the `fuzz` preset and runs every fuzz target for
# a short time (DRVHOST_FUZZ_SECONDS, default 20 s each), then checks that the ioctl fuzzer still
# finds the planted bug (tests/fuzz/drivers/planted.c) within that budget, and runs the preset's
# driver coverage and bounded-find tests (fuzz_coverage_*, fuzz_finds_*: special pool, the
# planted 64-bit key).
#
#   scripts/fuzz-ci.sh
#
# Builds the whole preset (every target, with clang). scripts/deps.sh installs clang and its
# libFuzzer runtime (libclang-rt-<major>-dev) if they are missing. Exits non-zero if the preset
# does not build, a target found a problem (its reproducer and log are under
# $DRVHOST_FUZZ_CI_OUT, default build/fuzz-ci/) or the planted bug was not found. The last line
# is "fuzz-ci: N passed, N failed".
set -uo pipefail

root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$root" || exit 1
seconds=${DRVHOST_FUZZ_SECONDS:-20}
build=${DRVHOST_FUZZ_BUILD:-$root/build/fuzz}
out=${DRVHOST_FUZZ_CI_OUT:-$root/build/fuzz-ci}
passed=0 failed=0

# clang and libFuzzer come with the other build tools (scripts/deps.sh installs what is missing).
scripts/deps.sh || { echo "fuzz-ci: scripts/deps.sh failed"; echo "fuzz-ci: 0 passed, 1 failed"; exit 1; }

if [[ ! -f $build/CMakeCache.txt ]]; then
    cmake --preset fuzz -B "$build" || { echo "fuzz-ci: 0 passed, 1 failed"; exit 1; }
fi
# The whole preset, not only the fuzz targets: the runtime, the CLI, every driver and test
# compile with clang too (the fuzz preset is the only clang build of the tree).
cmake --build "$build" ||
    { echo "fuzz-ci: the fuzz preset does not build"; echo "fuzz-ci: 0 passed, 1 failed"; exit 1; }
rm -rf "$out"
mkdir -p "$out"
export DRVHOST_DRIVER_PATH=$build/drivers
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1

# run NAME EXPECT TARGET [ARGS...]: EXPECT is "clean" or "crash"; ARGS are libFuzzer flags or
# seed directories.
run() {
    local name=$1 expect=$2 target=$3 status crash
    shift 3
    mkdir -p "$out/$name/corpus"
    # The first directory is where libFuzzer writes new inputs: the run's own, never the tree's.
    "$target" -max_total_time="$seconds" -timeout=10 -print_final_stats=1 \
        -artifact_prefix="$out/$name/" "$out/$name/corpus" "$@" >"$out/$name/fuzz.log" 2>&1
    status=$?
    crash=$(find "$out/$name" -maxdepth 1 -type f -name '*-*' | head -n 1)
    if [[ $expect = clean && $status = 0 && -z $crash ]] ||
        [[ $expect = crash && $status != 0 && -n $crash ]]; then
        echo "fuzz-ci: $name: ok ($expect; $(grep -h 'stat::average_exec_per_sec' "$out/$name/fuzz.log" | tr -s ' '))"
        passed=$((passed + 1))
    else
        echo "fuzz-ci: $name: FAILED (expected $expect, status $status, ${crash:-no reproducer}; log $out/$name/fuzz.log)"
        tail -n 30 "$out/$name/fuzz.log"
        failed=$((failed + 1))
    fi
}

mapfile -t seeds < <(find tests samples fuzz -name '*.scn' | sort)
mkdir -p "$out/scenario/corpus"
cp "${seeds[@]}" fuzz/corpus/scenario/* "$out/scenario/corpus/" 2>/dev/null
run scenario clean "$build/bin/fuzz_scenario" -max_len=4096
mkdir -p "$out/regfile/corpus"
cp fuzz/corpus/regfile/* "$out/regfile/corpus/"
run regfile clean "$build/bin/fuzz_regfile" -max_len=8192
mkdir -p "$out/inf/corpus"
cp fuzz/corpus/inf/* "$out/inf/corpus/"
run inf clean "$build/bin/fuzz_inf" -max_len=8192
DRVHOST_FUZZ_SCENARIO=$root/fuzz/scenarios/fifo.scn run ioctl_fifo clean "$build/bin/fuzz_ioctl" \
    fuzz/corpus/ioctl_fifo
DRVHOST_FUZZ_SCENARIO=$root/tests/fuzz/planted.scn run ioctl_planted crash "$build/bin/fuzz_ioctl"

# The preset's own tests of driver coverage (drvcc --fuzz, tests/fuzz/check_coverage.sh) and of
# what the fuzzer finds within a bound of inputs (tests/fuzz/check_finds.sh): they need the fuzz
# build, which no CTest preset runs.
if ctest --test-dir "$build" -R '^fuzz_(coverage|finds)_' --output-on-failure >"$out/coverage.log" 2>&1 &&
    grep -q 'tests passed, 0 tests failed' "$out/coverage.log"; then
    echo "fuzz-ci: coverage: ok (driver coverage and bounded-find tests)"
    passed=$((passed + 1))
else
    echo "fuzz-ci: coverage: FAILED (log $out/coverage.log)"
    tail -n 30 "$out/coverage.log"
    failed=$((failed + 1))
fi

echo "fuzz-ci: $passed passed, $failed failed"
[[ $failed = 0 ]]
