#!/bin/sh
# check-manifest.sh - the ddi_manifest test: checks ddi/manifest.tsv against libdrvhost.so.
#
# usage: scripts/check-manifest.sh LIBDRVHOST_SO [NM]
#   1. every entry is well formed: 5 tab-separated fields (the note may be empty), a known
#      status, no duplicate name;
#   2. docs/coverage.md is what tools/gen-coverage.sh generates;
#   3. every implemented or stub DDI is a defined dynamic symbol of libdrvhost.so;
#   4. every defined dynamic symbol of libdrvhost.so not starting with drvhost_ is listed (and
#      not as inline).
set -eu

[ $# -ge 1 ] || { echo "usage: check-manifest.sh LIBDRVHOST_SO [NM]" >&2; exit 2; }
lib=$1
nm=${2:-nm}
root=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd -P)
manifest=$root/ddi/manifest.tsv
tab=$(printf '\t')
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ddi-manifest.XXXXXX")
trap 'rm -rf -- "$tmp"' EXIT
failed=0
fail() {
    printf 'ddi_manifest: %s\n' "$*" >&2
    failed=1
}

# 1. Format.
if ! awk -F "$tab" '
    /^#/ || /^[[:space:]]*$/ { next }
    {
        where = FILENAME ":" FNR ": "
        if (NF < 4 || NF > 5) { print where "expected 5 tab-separated fields, got " NF; bad = 1 }
        if ($1 !~ /^[A-Za-z_][A-Za-z0-9_]*$/) { print where "bad DDI name \"" $1 "\""; bad = 1 }
        if ($2 != "implemented" && $2 != "inline" && $2 != "stub") {
            print where "status \"" $2 "\" is not implemented, inline or stub"; bad = 1
        }
        if ($3 == "") { print where "no header"; bad = 1 }
        if ($1 in seen) { print where $1 " is listed twice (first on line " seen[$1] ")"; bad = 1 }
        seen[$1] = FNR
    }
    END { exit bad }' "$manifest" >&2; then
    fail "ddi/manifest.tsv is malformed (see above)"
fi

# 2. Coverage table.
sh "$root/tools/gen-coverage.sh" -o "$tmp/coverage.md" "$manifest"
if ! cmp -s "$tmp/coverage.md" "$root/docs/coverage.md"; then
    diff -u "$root/docs/coverage.md" "$tmp/coverage.md" >&2 || true
    fail "docs/coverage.md is out of date: run tools/gen-coverage.sh"
fi

# 3 and 4. Exports. Names the toolchain adds by itself are not DDIs.
[ -r "$lib" ] || { fail "cannot read $lib"; exit 1; }
"$nm" -D --defined-only "$lib" | awk 'NF >= 3 { sub(/@.*/, "", $3); print $3 }' |
    grep -v -E '^(_init|_fini|_edata|_end|__bss_start|__(asan|lsan|ubsan|tsan|sanitizer|odr_asan)[_.].*|__(start|stop)___sancov_[a-z_]+)$' |
    LC_ALL=C sort -u >"$tmp/exported"
grep -v -e '^#' -e '^[[:space:]]*$' "$manifest" | awk -F "$tab" '{ print $1 "\t" $2 }' |
    LC_ALL=C sort >"$tmp/listed"
awk -F "$tab" '$2 != "inline" { print $1 }' "$tmp/listed" >"$tmp/must_export"
awk -F "$tab" '$2 == "inline" { print $1 }' "$tmp/listed" >"$tmp/inline"
cut -f1 "$tmp/listed" >"$tmp/names"

LC_ALL=C comm -23 "$tmp/must_export" "$tmp/exported" >"$tmp/missing"
while read -r name; do
    fail "$name is listed as implemented/stub, but libdrvhost.so does not export it"
done <"$tmp/missing"

grep -v '^drvhost_' "$tmp/exported" >"$tmp/ddis" || true
LC_ALL=C comm -23 "$tmp/ddis" "$tmp/names" >"$tmp/unlisted"
while read -r name; do
    fail "libdrvhost.so exports $name, which ddi/manifest.tsv does not list"
done <"$tmp/unlisted"
LC_ALL=C comm -12 "$tmp/ddis" "$tmp/inline" >"$tmp/wrong"
while read -r name; do
    fail "$name is listed as inline, but libdrvhost.so exports it"
done <"$tmp/wrong"

if [ "$failed" = 0 ]; then
    printf 'ddi_manifest: %s DDIs listed, %s exported by %s: consistent\n' \
        "$(wc -l <"$tmp/names" | tr -d ' ')" "$(wc -l <"$tmp/ddis" | tr -d ' ')" "${lib##*/}"
fi
exit "$failed"
