#!/bin/sh
# check_finds.sh FUZZ_IOCTL SCENARIO DRIVER_DIR RUNS EXPECT [LIBFUZZER FLAGS...] - the `fuzz`
# preset's ioctl fuzzer, from an empty corpus with a fixed seed, within RUNS inputs:
#   EXPECT "bugcheck:REGEX"  stops at an input with a bug check whose line ("0xD6 (0x..., 0x1")
#                           matches REGEX, and saves that input (crash-*);
#   EXPECT "unload:REGEX"    runs all RUNS inputs without a crash; a bug check at the teardown
#                           (the driver's unload), blamed on no input, must match REGEX.
# Environment variables (DRVHOST_FUZZ_SPECIAL_POOL, ...) pass through. docs/fuzzing.md.
set -eu
fuzzer=$1 scenario=$2 drivers=$3 runs=$4 expect=$5
shift 5
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/corpus"
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 DRVHOST_FUZZ_SCENARIO="$scenario"
export DRVHOST_DRIVER_PATH="$drivers"
status=0
"$fuzzer" -seed=1 -runs="$runs" -timeout=10 -print_final_stats=1 -artifact_prefix="$work/" \
    "$@" "$work/corpus" > "$work/log" 2>&1 || status=$?
fail() {
    tail -n 30 "$work/log" >&2
    echo "check_finds: $(basename "$scenario"): $*" >&2
    exit 1
}
runs_done=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log" | tail -n 1)
crash=$(find "$work" -maxdepth 1 -name 'crash-*' | head -n 1)
case $expect in
bugcheck:*)
    [ -n "$crash" ] || fail "no input found the bug within $runs inputs (status $status)"
    grep -Eq "ioctl_fuzz: bug check ${expect#bugcheck:}" "$work/log" ||
        fail "an input crashed, but not with the bug check ${expect#bugcheck:}"
    echo "check_finds: $(basename "$scenario"): found after ${runs_done:-?} inputs (bound $runs)"
    ;;
unload:*)
    # The ordinary pool's guard byte is never 0 (src/ex/ex_private.h): the unload finds the NUL.
    [ -z "$crash" ] || fail "an input crashed ($crash): expected none"
    grep -Eq "ioctl_fuzz: bug check ${expect#unload:}" "$work/log" ||
        fail "no bug check ${expect#unload:} at the teardown (status $status)"
    grep -q 'ioctl_fuzz: bug check at unload' "$work/log" || fail "the bug check was not at the teardown"
    echo "check_finds: $(basename "$scenario"): no input blamed in $runs inputs; found at the unload"
    ;;
*) fail "unknown expectation $expect" ;;
esac
