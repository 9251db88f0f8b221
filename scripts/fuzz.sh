#!/usr/bin/env bash
# fuzz.sh - fuzzes a driver's device controls: runs SCENARIO's set-up (service, reg set, load,
# open) once, then libFuzzer sends ioctls (codes from the scenario's ioctl lines and random
# ones, random buffer sizes and contents) through the client API for SECONDS (default 60).
#
#   scripts/fuzz.sh SCENARIO [SECONDS]
#
# Builds the `fuzz` preset (clang, libFuzzer; $DRVHOST_FUZZ_BUILD overrides the build tree,
# default build/fuzz). A bug check, crash or hang stops the run: the input is saved as
# fuzz-out/<scenario>/crash-* (or timeout-*), the report is in fuzz-out/<scenario>/fuzz.log,
# and the exit status is 1; a set-up that fails (a load or open with an unexpected status) is
# exit status 2, as is a usage error. The growing corpus is kept in fuzz-out/<scenario>/corpus.
# Replay a reproducer: DRVHOST_FUZZ_SCENARIO=SCENARIO build/fuzz/bin/fuzz_ioctl FILE.
# Extra libFuzzer flags can be passed in $DRVHOST_FUZZ_FLAGS. Special pool is on for the
# scenario's services ($DRVHOST_FUZZ_SPECIAL_POOL=0: off). See docs/fuzzing.md.
set -euo pipefail

root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
if [[ $# -lt 1 || $# -gt 2 ]]; then
    echo "usage: scripts/fuzz.sh SCENARIO [SECONDS]" >&2
    exit 2
fi
scenario=$(cd -- "$(dirname -- "$1")" && pwd -P)/$(basename -- "$1")
seconds=${2:-60}
[[ -f $scenario ]] || { echo "fuzz.sh: no such scenario: $1" >&2; exit 2; }
build=${DRVHOST_FUZZ_BUILD:-$root/build/fuzz}
name=$(basename -- "$scenario" .scn)
out=${DRVHOST_FUZZ_OUT:-$PWD/fuzz-out/$name}

command -v clang >/dev/null 2>&1 || { echo "fuzz.sh: clang is missing (scripts/fuzz-ci.sh installs it)" >&2; exit 2; }
cd "$root"
if [[ ! -f $build/CMakeCache.txt ]]; then
    cmake --preset fuzz -B "$build" >/dev/null
fi
cmake --build "$build" --target fuzz_ioctl fifo planted >/dev/null

mkdir -p "$out/corpus"
touch "$out/.start"
export DRVHOST_FUZZ_SCENARIO=$scenario
export DRVHOST_DRIVER_PATH=${DRVHOST_DRIVER_PATH:-$build/drivers}
# LeakSanitizer is off: pool blocks are tracked by the runtime, so they are never unreachable;
# a driver's leaks are reported by the runtime's shutdown at the end of the run instead.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1}
echo "fuzz.sh: fuzzing $scenario for ${seconds}s; output in $out"
set +e
# shellcheck disable=SC2086
"$build/bin/fuzz_ioctl" -max_total_time="$seconds" -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$out/" ${DRVHOST_FUZZ_FLAGS:-} "$out/corpus" >"$out/fuzz.log" 2>&1
status=$?
set -e
grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec)|DONE' "$out/fuzz.log" || true
if ! grep -q 'control code(s) in the table' "$out/fuzz.log"; then
    # The set-up (service, reg set, load, open) did not finish: nothing was fuzzed.
    grep -E 'ioctl_fuzz:|error|ERROR' "$out/fuzz.log" | head -n 20 >&2 || true
    echo "fuzz.sh: the set-up of $scenario failed (see above and $out/fuzz.log); nothing was fuzzed" >&2
    exit 2
fi
found=$(find "$out" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'leak-*' \
        -o -name 'oom-*' \) -newer "$out/.start" -print 2>/dev/null | head -n 1)
if [[ $status != 0 || -n $found ]]; then
    grep -E 'ioctl_fuzz:|\*\*\* STOP|BUGCHECK|bug check|ERROR|SUMMARY' "$out/fuzz.log" | head -n 20 || true
    echo "fuzz.sh: FOUND a problem (libFuzzer exit status $status); reproducer: ${found:-see $out/fuzz.log}"
    exit 1
fi
echo "fuzz.sh: no problem found in ${seconds}s"
