#!/bin/sh
# check_ddi_tested.sh SOURCE_ROOT - the ddi_tested test: every DDI that ddi/manifest.tsv lists
# as implemented or inline is referenced by the code of at least one test. The test sources are
# every C and C++ source and header under tests/ (test programs and test drivers) and every scenario
# (*.scn) there; comments do not count (neither C comments nor a scenario's '#' lines). Prints
# each DDI no test references and fails when there is one.
#
# Being referenced is the floor, not the proof: each DDI's test is expected to assert its
# documented behaviour (docs/testing.md).
set -eu

root=$1
manifest=$root/ddi/manifest.tsv
tab=$(printf '\t')
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ddi-tested.XXXXXX")
trap 'rm -rf -- "$tmp"' EXIT

# The identifiers of every test source, comments removed, one per line. strip_c removes C
# comments (string and character literals kept, so "/*" in a string is not a comment).
strip_c() {
    awk '
        BEGIN { state = "code" }
        {
            line = $0; out = ""
            for (i = 1; i <= length(line); i++) {
                c = substr(line, i, 1); n = substr(line, i + 1, 1)
                if (state == "block") {
                    if (c == "*" && n == "/") { state = "code"; i++ }
                    continue
                }
                if (state == "str" || state == "chr") {
                    out = out c
                    if (c == "\\") { out = out n; i++ }
                    else if ((state == "str" && c == "\"") || (state == "chr" && c == "\047"))
                        state = "code"
                    continue
                }
                if (c == "/" && n == "*") { state = "block"; i++; out = out " "; continue }
                if (c == "/" && n == "/") break
                if (c == "\"") state = "str"
                else if (c == "\047") state = "chr"
                out = out c
            }
            if (state == "str" || state == "chr") state = "code" # unterminated: stop at line end
            print out
        }' "$@"
}
find "$root/tests" -type f \( -name '*.c' -o -name '*.h' -o -name '*.cpp' \) | LC_ALL=C sort >"$tmp/c_files"
find "$root/tests" -type f -name '*.scn' | LC_ALL=C sort >"$tmp/scn_files"
[ -s "$tmp/c_files" ] || { echo "ddi_tested: no test sources under $root/tests" >&2; exit 1; }
while IFS= read -r f; do strip_c "$f"; done <"$tmp/c_files" >"$tmp/code"
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
