#!/bin/sh
# gen-coverage.sh - generates docs/coverage.md, the DDI coverage table, from ddi/manifest.tsv.
#
# usage: tools/gen-coverage.sh [-o OUTPUT] [MANIFEST]
#   OUTPUT defaults to docs/coverage.md ("-" = standard output), MANIFEST to ddi/manifest.tsv.
# The output depends on the manifest only (no dates), so it can be compared in a test.
set -eu

root=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd -P)
output=$root/docs/coverage.md
while [ $# -gt 0 ]; do
    case $1 in
    -o)
        [ $# -ge 2 ] || { echo "gen-coverage.sh: -o needs a file" >&2; exit 2; }
        output=$2
        shift 2
        ;;
    -h | --help)
        sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'
        exit 0
        ;;
    -*) echo "gen-coverage.sh: unknown option $1" >&2; exit 2 ;;
    *) break ;;
    esac
done
manifest=${1:-$root/ddi/manifest.tsv}
[ -r "$manifest" ] || { echo "gen-coverage.sh: cannot read $manifest" >&2; exit 2; }

tab=$(printf '\t')
# Entries as "header<TAB>name<TAB>status<TAB>layer<TAB>note", sorted.
entries=$(grep -v -e '^#' -e '^[[:space:]]*$' "$manifest" |
    awk -F "$tab" 'BEGIN { OFS = FS } { print $3, $1, $2, $4, $5 }' | LC_ALL=C sort) || true

generate() {
    printf '# DDI coverage\n\n'
    # shellcheck disable=SC2016 # the backquotes are Markdown
    printf 'Generated from `ddi/manifest.tsv` by `tools/gen-coverage.sh`; do not edit by hand.\n\n'
    printf '%s\n' "$entries" | awk -F "$tab" '
        function cell(text) { gsub(/\|/, "\\|", text); return text }
        NF == 0 { next }
        {
            count[$3]++; total++
            if ($1 != header) {
                header = $1; headers[++nheaders] = header
            }
            rows[nheaders] = rows[nheaders] sprintf("| `%s` | %s | %s | %s |\n", \
                cell($2), cell($3), cell($4), cell($5))
        }
        END {
            printf "| status | DDIs |\n| --- | ---: |\n"
            printf "| implemented | %d |\n| inline | %d |\n| stub | %d |\n| **total** | %d |\n", \
                count["implemented"], count["inline"], count["stub"], total
            printf "\n`implemented`: exported by libdrvhost.so and working. `inline`: a macro or "
            printf "inline function of the headers. `stub`: exported, but reports itself as "
            printf "unimplemented when called.\n"
            if (total == 0)
                printf "\nNo DDI is listed yet.\n"
            for (i = 1; i <= nheaders; i++) {
                printf "\n## %s\n\n| DDI | status | layer | note |\n| --- | --- | --- | --- |\n", \
                    headers[i]
                printf "%s", rows[i]
            }
        }'
}

if [ "$output" = - ]; then
    generate
else
    generate >"$output.tmp.$$"
    mv -f "$output.tmp.$$" "$output"
fi
