#!/bin/sh
# check_coverage.sh FUZZ_IOCTL DRVHOST SCENARIO INSTRUMENTED_DIR PLAIN_DIR - the `fuzz` preset's ioctl
# fuzzer gets coverage feedback from a driver built with drvcc --fuzz (docs/fuzzing.md). The
# fuzzer only executes two small corpora (-runs=0) of two inputs each: `base`, two buffers that
# do not start with the planted driver's key (IOCTL_PLANTED_KEY), and `deeper`, the first of them and one that starts
# with 7 of its 8 bytes. The driver completes all alike (STATUS_SUCCESS, no output), so the
# runtime runs the same code for both corpora; only the driver's own edges tell them apart.
#   - planted.sys built with --fuzz (INSTRUMENTED_DIR): libFuzzer reports 3 modules and PC tables
#     (the runtime, the fuzzer, the driver, whose counter count is its __sancov_cntrs size),
#     more coverage than without, and more features for `deeper` than for `base`;
#   - the same driver built without (PLAIN_DIR) loads as before: 2 modules, and the same
#     features for both corpora.
set -eu
fuzzer=$1 drvhost=$2 scenario=$3 instrumented=$4 plain=$5
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
    echo "check_coverage: $*" >&2
    exit 1
}
expect() { # expect FILE PATTERN
    grep -q -- "$2" "$1" || { tail -n 40 "$1" >&2; fail "no \"$2\" in $(basename "$1")"; }
}
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 DRVHOST_FUZZ_SCENARIO="$scenario"
# An input: header (table code 0, handle 0, no output buffer), then the driver's input buffer.
mkdir -p "$work/base" "$work/deeper"
printf '\000\000\000\000\000\000\000\000........' > "$work/base/none"
printf '\000\000\000\000\000\000\000\000xxxxxxxx' > "$work/base/other"
cp "$work/base/none" "$work/deeper/none"
printf '\000\000\000\000\000\000\000\000DrvFuzz.' > "$work/deeper/seven"
# inited LABEL DRIVER-DIR CORPUS: runs the corpus; prints "COV FT" of libFuzzer's INITED line.
inited() {
    log=$work/$1.log
    DRVHOST_DRIVER_PATH=$2 "$fuzzer" -runs=0 "$work/$3" > "$log" 2>&1 ||
        { tail -n 40 "$log" >&2; fail "$1: the fuzzer failed"; }
    line=$(grep -m1 'INITED cov: ' "$log") || { tail -n 40 "$log" >&2; fail "$1: no INITED line"; }
    echo "$line" | sed 's/.*cov: \([0-9]*\) ft: \([0-9]*\).*/\1 \2/'
}
# compare: the four runs and their checks; 1 (the reason in $why) if one does not hold.
compare() {
    set -- $(inited inst_base "$instrumented" base) $(inited inst_deeper "$instrumented" deeper) \
        $(inited plain_base "$plain" base) $(inited plain_deeper "$plain" deeper)
    [ $# = 8 ] || fail "a fuzzer run failed (see above)"
    echo "instrumented: cov $1 ft $2 (base), cov $3 ft $4 (deeper); plain: cov $5 ft $6, cov $7 ft $8"
    why=
    [ "$1" -gt "$5" ] || why="the instrumented driver adds no coverage ($1 <= $5)"
    [ "$4" -gt "$2" ] || why="the key's bytes are no new features in the instrumented driver ($4 <= $2)"
    [ "$8" = "$6" ] || why="the plain driver's inputs differ in features ($8 != $6): the check shows nothing"
    [ -z "$why" ]
}
# The runtime's own paths may differ from one run to the next on a loaded machine (a lock taken
# by another thread): a run that does not show the difference is tried again, twice at most.
compare || compare || compare || fail "$why"
size=$(${READELF:-readelf} -S -W "$instrumented/planted.sys" | awk '$2 == "__sancov_cntrs" { print $6 }')
[ -n "$size" ] || fail "planted.sys (instrumented) has no __sancov_cntrs section"
counters=$(printf '%d' "0x$size")
expect "$work/inst_base.log" "INFO: Loaded 3 modules .*, $counters \[0x"
expect "$work/inst_base.log" "INFO: Loaded 3 PC tables .*, $counters \[0x"
expect "$work/plain_base.log" "INFO: Loaded 2 modules"

# The scenario unloads the instrumented driver and loads it again: its first image stays mapped
# (libFuzzer keeps pointers to its counters), so the dynamic loader runs no destructor of a
# driver module (ASan's: the module's "fini") before the second image's constructors ("init"),
# and the second load starts from a fresh image (its DriverEntry checks its global data).
LD_DEBUG=files DRVHOST_DRIVER_PATH=$instrumented "$drvhost" run "$scenario" > "$work/run.out" \
    2> "$work/run.err" || { cat "$work/run.out" "$work/run.err" >&2; fail "drvhost run failed"; }
grep -E 'calling (init|fini): /proc/self/fd/' "$work/run.err" | sed 's/.*calling \([a-z]*\).*/\1/' |
    tr '\n' ' ' > "$work/order"
[ "$(cat "$work/order")" = "init init fini fini " ] ||
    fail "the modules' constructors and destructors ran in the order: $(cat "$work/order")"
echo "coverage: ok"
