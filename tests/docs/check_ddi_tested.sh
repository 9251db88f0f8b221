#!/bin/sh
# check_ddi_tested.sh SOURCE_ROOT [CC] - the ddi_tested test: every DDI that ddi/manifest.tsv lists
# as implemented or inline is referenced by the code of at least one test. The test sources are
# every C source and header under tests/ (test programs and test drivers) and every scenario
# (*.scn) there; comments do not count (CC -fpreprocessed strips them from C, '#' lines from
# scenarios). Prints each DDI no test references and fails when there is one.
#
# Being referenced is the floor, not the proof: each DDI's test is expected to assert its
# documented behaviour (docs/testing.md).
set -eu

root=$1
cc=${2:-cc}
manifest=$root/ddi/manifest.tsv
tab=$(printf '\t')
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ddi-tested.XXXXXX")
trap 'rm -rf -- "$tmp"' EXIT

# The identifiers of every test source, comments removed, one per line.
find "$root/tests" -type f \( -name '*.c' -o -name '*.h' \) | LC_ALL=C sort >"$tmp/c_files"
find "$root/tests" -type f -name '*.scn' | LC_ALL=C sort >"$tmp/scn_files"
[ -s "$tmp/c_files" ] || { echo "ddi_tested: no test sources under $root/tests" >&2; exit 1; }
while IFS= read -r f; do
    if ! "$cc" -fpreprocessed -dD -E -P -x c "$f" 2>"$tmp/cc_err"; then
        echo "ddi_tested: $f: cannot strip comments:" >&2
        cat "$tmp/cc_err" >&2
        exit 1
    fi
done <"$tmp/c_files" >"$tmp/code"
while IFS= read -r f; do
    sed -e 's/^[[:space:]]*#.*$//' "$f"
done <"$tmp/scn_files" >>"$tmp/code"
tr -c 'A-Za-z0-9_' '\n' <"$tmp/code" | grep -v '^$' | LC_ALL=C sort -u >"$tmp/identifiers"

# The DDIs a driver can call: implemented and inline (a stub only reports itself unimplemented).
grep -v -e '^#' -e '^[[:space:]]*$' "$manifest" |
    awk -F "$tab" '$2 == "implemented" || $2 == "inline" { print $1 }' | LC_ALL=C sort -u \
        >"$tmp/ddis"
LC_ALL=C comm -23 "$tmp/ddis" "$tmp/identifiers" >"$tmp/untested"

total=$(wc -l <"$tmp/ddis" | tr -d ' ')
missing=$(wc -l <"$tmp/untested" | tr -d ' ')
if [ "$missing" != 0 ]; then
    while IFS= read -r name; do
        layer=$(awk -F "$tab" -v n="$name" '$1 == n { print $4 " (" $2 ", " $3 ")"; exit }' \
            "$manifest")
        echo "ddi_tested: $name: no test references it [$layer]" >&2
    done <"$tmp/untested"
    echo "ddi_tested: $missing of $total implemented or inline DDIs are referenced by no test" >&2
    exit 1
fi
echo "ddi_tested: all $total implemented or inline DDIs are referenced by a test"
