#!/usr/bin/env bash
# test.sh - builds and tests the `dev` preset, then the `asan` preset (AddressSanitizer,
# LeakSanitizer, UndefinedBehaviorSanitizer), then the `clang-asan` preset (the same sanitizers
# with clang: runtime, tests, test drivers and drvcc's modules), then the `tsan` preset
# (ThreadSanitizer), then a bounded fuzzing run. Exits non-zero if anything failed. The last line begins "N passed, N
# failed" (CTest tests of the four presets plus the fuzz targets; a configure or build failure
# counts as one failed test) and goes on with what ran: per preset, the test programs with their
# TEST cases and checks, and the scenarios, and, when something failed, "FAILED:" and the names
# (preset/test). The end of each failed test's output is printed again just before that line.
set -uo pipefail

root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$root" || exit 1
scripts/deps.sh || exit 1

# The same values as the asan test preset (CMakePresets.json), which is what ctest uses.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:strict_string_checks=1:check_initialization_order=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
jobs=${DRVHOST_TEST_JOBS:-2}

total_passed=0
total_failed=0
counted=""
failed_names=""
failure_tails=build/failure-tails.log
mkdir -p build && : > "$failure_tails"

# note_failures PRESET LOG: the names of the tests that failed (ctest's "The following tests
# FAILED" list) go into the last line, and the last 40 lines of each one's output into
# $failure_tails, printed again just before the last line: a CI log cut to its end still says
# what failed and why.
note_failures() {
    local preset=$1 log=$2 name
    while read -r name; do
        failed_names="$failed_names ${preset}/${name}"
        {
            echo "=== $preset/$name failed; the end of its output:"
            awk -v n="$name" '
                $0 ~ ("Test +#[0-9]+: " n " ") && /\*\*\*|Failed|Exception|Timeout/ {on = 1; next}
                on && (/^ *Start +[0-9]+:/ || /Test +#[0-9]+: / || /tests passed, |The following tests FAILED/) {on = 0}
                on {print}' "$log" | tail -n 40
        } >> "$failure_tails"
    done < <(sed -n '/The following tests FAILED:/,$s/^[[:space:]]*[0-9]\+ - \([^ ]*\) .*/\1/p' "$log")
}

# count_preset PRESET: "PRESET (COMPILER): N test programs (N TEST cases, N checks), N
# scenarios", from the log of the ctest run (every harness program ends with "harness: N cases,
# N checks"; toolchain_compiler prints "toolchain: COMPILER VERSION") and the tests labelled
# scenario.
count_preset() {
    local preset=$1 log=build/$1/Testing/Temporary/LastTest.log programs=0 cases=0 checks=0
    local line scenarios compiler=
    if [[ -r $log ]]; then
        while read -r line; do
            if [[ $line =~ ^harness:\ ([0-9]+)\ cases,\ ([0-9]+)\ checks$ ]]; then
                programs=$((programs + 1))
                cases=$((cases + BASH_REMATCH[1]))
                checks=$((checks + BASH_REMATCH[2]))
            elif [[ $line =~ ^toolchain:\ ([a-z]+)\  && -z $compiler ]]; then
                compiler=${BASH_REMATCH[1]}
            fi
        done < "$log"
    fi
    scenarios=$(ctest --preset "$preset" -N -L scenario 2>/dev/null | sed -n 's/^Total Tests: //p')
    echo "$preset (${compiler:-compiler not reported}): $programs test programs ($cases TEST cases, $checks checks), ${scenarios:-0} scenarios"
}

# run_preset PRESET: configure, build, test; adds to the totals.
run_preset() {
    local preset=$1 log summary passed failed total
    echo "=== $preset: configure and build"
    if ! cmake --preset "$preset" || ! cmake --build --preset "$preset"; then
        echo "=== $preset: configure or build FAILED"
        total_failed=$((total_failed + 1))
        failed_names="$failed_names ${preset}/build"
        return
    fi
    echo "=== $preset: test"
    log=build/$preset/ctest-summary.log
    ctest --preset "$preset" --output-on-failure -j "$jobs" 2>&1 | tee "$log"
    local status=${PIPESTATUS[0]}
    summary=$(grep -E '[0-9]+ tests? failed out of [0-9]+' "$log" | tail -n 1 || true)
    if [[ $summary =~ ([0-9]+)\ tests?\ failed\ out\ of\ ([0-9]+) ]]; then
        failed=${BASH_REMATCH[1]}
        total=${BASH_REMATCH[2]}
        passed=$((total - failed))
    elif grep -q 'No tests were found' "$log"; then
        passed=0 failed=0
    else
        passed=0 failed=1
    fi
    if [[ $status != 0 && $failed = 0 ]]; then
        failed=1 # ctest failed without a summary (crash, bad preset)
    fi
    note_failures "$preset" "$log"
    local what
    what=$(count_preset "$preset")
    echo "=== $preset: $passed passed, $failed failed; $what"
    counted="$counted; $what"
    total_passed=$((total_passed + passed))
    total_failed=$((total_failed + failed))
}

run_preset dev
run_preset asan
# The same sanitizers under clang (CMakePresets.json, docs/testing.md "Presets"): what only one
# compiler gets wrong (session 13: the runtime's ASan code compiled out under clang) or only
# clang's sanitizers see (a null pointer's member address, arithmetic on a null pointer).
run_preset clang-asan
# The runtime is threaded (DPC, timer and worker threads, concurrent clients): everything runs
# under ThreadSanitizer too.
export TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1
run_preset tsan

# Bounded fuzzing (scripts/fuzz-ci.sh): each fuzz target for a short time, and the planted bug
# must be found. Its last line is "fuzz-ci: N passed, N failed".
echo "=== fuzz: bounded run of every target"
mkdir -p build
scripts/fuzz-ci.sh 2>&1 | tee build/fuzz-ci.log
if [[ $(tail -n 1 build/fuzz-ci.log) =~ ([0-9]+)\ passed,\ ([0-9]+)\ failed ]]; then
    total_passed=$((total_passed + BASH_REMATCH[1]))
    total_failed=$((total_failed + BASH_REMATCH[2]))
else
    total_failed=$((total_failed + 1))
fi
while read -r name; do
    failed_names="$failed_names fuzz/$name"
done < <(sed -n 's/^fuzz-ci: \([^ :]*\): FAILED.*/\1/p' build/fuzz-ci.log)

cat "$failure_tails"
[[ -n $failed_names ]] && counted="$counted; FAILED:$failed_names"
echo "$total_passed passed, $total_failed failed (CTest tests and fuzz targets)$counted"
[[ $total_failed = 0 ]]
