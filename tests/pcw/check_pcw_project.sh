#!/bin/sh
# check_pcw_project.sh DRVCC DRVHOST SOURCE_ROOT - `drvcc --project` on the performance counter
# test project (project/pcwtest.vcxproj): its Ctrpp item generates pcwtestCounters.h from
# pcwtest.man (drvctrpp, prefix and header name from an item definition that follows the item);
# the driver's own checks of PcwRegister and PcwCreateInstance pass (else it does not load); the
# consumer's view (`counters`) of the callback's instances and of the created ones, their data
# read at each collection; the sets gone after unload; a bad instance handle bug-checks 0x1E;
# manifest errors name the manifest's file and line.
set -eu
drvcc=$1 drvhost=$2 root=$3
here=$root/tests/pcw/project
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
    echo "check_pcw_project: $*" >&2
    exit 1
}

(cd "$work" && "$drvcc" --project "$here/pcwtest.vcxproj" -o pcwtest.sys 2> "$work/build.err") ||
    { cat "$work/build.err" >&2; fail "build failed"; }
if grep -q "warning" "$work/build.err"; then
    cat "$work/build.err" >&2
    fail "warnings building the counter test project"
fi

run() { # run SCENARIO EXPECTED_STATUS
    status=0
    DRVHOST_DRIVER_PATH=$work "$drvhost" run "$here/$1" > "$work/run.out" 2>&1 || status=$?
    [ "$status" = "$2" ] || { cat "$work/run.out" >&2; fail "$1: status $status, expected $2"; }
}

# Polled: the callback's values (4- and 8-byte counters in two blocks, in descriptor order:
# ids 3, 5, 4) and ids. Created: the instances left open, in creation order, each with an id
# of its own; the first's block changed by IOCTL_PT_BUMP, then closed.
run pcwtest.scn 0
grep '^  "' "$work/run.out" > "$work/lines"
first=$(sed -n 's/^  "first" id=\([0-9]*\): 1=10$/\1/p' "$work/lines" | head -1)
third=$(sed -n 's/^  "third" id=\([0-9]*\): 1=30$/\1/p' "$work/lines" | head -1)
[ -n "$first" ] && [ -n "$third" ] && [ "$first" != "$third" ] ||
    { cat "$work/run.out" >&2; fail "created instances without distinct ids"; }
cat > "$work/expected" <<LINES
  "alpha" id=7: 3=11 5=4294967301 4=12
  "beta" id=9: 3=21 5=6 4=22
  "first" id=$first: 1=10
  "third" id=$third: 1=30
  "first" id=$first: 1=15
  "third" id=$third: 1=30
  "third" id=$third: 1=30
LINES
diff -u "$work/expected" "$work/lines" >&2 || { cat "$work/run.out" >&2; fail "other counter values"; }

# After unload: no such counter set.
run pcwtest_gone.scn 1
grep -q "counters \"Pcw Test Polled\" -> 0 instances FAILED: no counter set 'Pcw Test Polled' is registered" \
    "$work/run.out" || { cat "$work/run.out" >&2; fail "the counter set outlived its driver"; }

# PcwCloseInstance of a bogus handle: 0x1E with STATUS_ACCESS_VIOLATION and the handle.
run pcwtest_bad.scn 0
grep -q "expect-bugcheck 0x1E -> bug check 0x1E (0xC0000005, ...) ok" "$work/run.out" &&
    grep -q "^    (0x00000000C0000005, 0x0000[0-9A-F]*, 0x0000000000000000, 0x0000[0-9A-F]*)$" \
        "$work/run.out" || { cat "$work/run.out" >&2; fail "no 0x1E for a bad instance"; }

# Manifest errors: the file and line, no header, no module.
mkdir "$work/copy"
cp "$here/pcwtest.vcxproj" "$here/pcwtest.c" "$work/copy/"
bad() { # bad SED_EXPRESSION MESSAGE: the manifest changed so, drvcc fails naming its line
    sed "$1" "$here/pcwtest.man" > "$work/copy/pcwtest.man"
    if "$drvcc" --project "$work/copy/pcwtest.vcxproj" -o "$work/bad.sys" 2> "$work/bad.err"; then
        fail "a broken manifest built ($2)"
    fi
    grep -q "drvctrpp\|pcwtest.man:[0-9]*: error: $2" "$work/bad.err" &&
        grep -q "$work/copy/pcwtest.man:[0-9]*: error: $2" "$work/bad.err" ||
        { cat "$work/bad.err" >&2; fail "no manifest error '$2'"; }
}
bad 's/struct="Big"/struct="Huge"/' 'counter 5: struct "Huge" is not in the set'"'"'s <structs>'
bad 's/counter id="4"/counter id="3"/' 'counter id 3 appears twice in "Pcw Test Polled"'
bad 's/providerType="kernelMode"/providerType="userMode"/' 'provider "PcwTest" is providerType="userMode"'
bad 's/field="Reads"/field="Re ads"/' 'field "Re ads" is not a C identifier'
bad '/<structs>/,/<\/structs>/d' 'counter set "Pcw Test Polled": a kernel-mode counter set needs <structs>'
echo "check_pcw_project: ok"
