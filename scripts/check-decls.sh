#!/bin/sh
# check-decls.sh - the decls_exported test: every routine our public headers declare can be
# called by a driver that compiles.
#
# usage: scripts/check-decls.sh CC LIBDRVHOST_SO [NM]
#   Every extern function declared in include/shared, include/km and include/drvhost must be
#   either exported by libdrvhost.so (under its name or its assembler label, as the kernel CRT's
#   drvhost_crt_ ones) or marked DRVHOST_NOT_PROVIDED (ntdef.h: a call is a warning, and the
#   loader refuses a module that imports it, naming it). Inline functions and macros need nothing. A marked routine that the library
#   does export is reported too (the mark is stale).
#   How: gcc -aux-info lists the declarations; a generated file takes the address of each one,
#   compiled with the driver flags and DRVHOST_CHECK_DECLS (the mark is then an error):
#   "is unavailable" errors name the marked routines, and the object's undefined symbols are what a driver module would import.
set -eu

[ $# -ge 2 ] || { echo "usage: check-decls.sh CC LIBDRVHOST_SO [NM]" >&2; exit 2; }
cc=$1 lib=$2 nm=${3:-nm}
root=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd -P)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/check-decls.XXXXXX")
trap 'rm -rf -- "$tmp"' EXIT
export LC_ALL=C
flags="-std=gnu11 -fshort-wchar -fms-extensions -fPIC -D_AMD64_ -DAMD64 -D_WIN64 -DDRVHOST=1
       -DDRVHOST_CHECK_DECLS
       -w -isystem $root/include/shared -isystem $root/include/km -isystem $root/include"
failed=0
fail() {
    printf 'decls_exported: %s\n' "$*" >&2
    failed=1
}

for h in "$root"/include/shared/*.h "$root"/include/km/*.h "$root"/include/drvhost/*.h; do
    printf '#include <%s>\n' "${h#"$root"/include/*/}"
done >"$tmp/all.h"
sed -i 's|^#include <\(drvhost\.h\)>|#include <drvhost/\1>|' "$tmp/all.h"

# 1. The extern functions declared under include/: "file:line name".
# -aux-info is gcc's; with another compiler (the clang presets) gcc lists the declarations.
# shellcheck disable=SC2086
if ! $cc $flags -fsyntax-only -aux-info "$tmp/aux" -x c "$tmp/all.h" -o /dev/null 2>/dev/null; then
    cc=gcc
    $cc $flags -fsyntax-only -aux-info "$tmp/aux" -x c "$tmp/all.h" -o /dev/null
fi
awk -v root="$root/include/" '
    index($0, "/* " root) == 1 && / extern / {
        where = $2; sub(/:[A-Z]+$/, "", where); sub(root, "include/", where)
        line = $0; sub(/ \(.*$/, "", line); n = split(line, w, /[ *]+/)
        if (!(w[n] in seen)) { seen[w[n]] = 1; print where, w[n] }
    }' "$tmp/aux" | sort -k2 >"$tmp/declared"
[ -s "$tmp/declared" ] || { fail "no declaration found (is $cc gcc?)"; exit 1; }

# 2. Take every address; the compiler names the routines marked not provided.
refs() {
    cat "$tmp/all.h"
    printf 'void *drvhost_decl_refs[] = {\n'
    awk '{ print "    (void *)&" $2 "," }' "$1"
    printf '};\n'
}
refs "$tmp/declared" >"$tmp/refs.c"
# shellcheck disable=SC2086
$cc $flags -fmax-errors=0 -c "$tmp/refs.c" -o "$tmp/refs.o" 2>"$tmp/errors" || true
sed -n "s/.*error: '\([A-Za-z_0-9]*\)' is unavailable.*/\1/p" "$tmp/errors" | sort -u >"$tmp/marked"
awk 'NR == FNR { marked[$1] = 1; next } !($2 in marked)' "$tmp/marked" "$tmp/declared" \
    >"$tmp/provided"
refs "$tmp/provided" >"$tmp/refs.c"
# shellcheck disable=SC2086
if ! $cc $flags -c "$tmp/refs.c" -o "$tmp/refs.o" 2>"$tmp/errors"; then
    cat "$tmp/errors" >&2
    fail "the headers' declarations do not compile (see above)"
    exit 1
fi

# 3. What a driver would import must be exported.
[ -r "$lib" ] || { fail "cannot read $lib"; exit 1; }
"$nm" -D --defined-only "$lib" | awk 'NF >= 3 { sub(/@.*/, "", $3); print $3 }' | sort -u \
    >"$tmp/exported"
"$nm" -u "$tmp/refs.o" | awk '{ print $NF }' | sort -u >"$tmp/imported"
comm -23 "$tmp/imported" "$tmp/exported" >"$tmp/missing"
while read -r symbol; do
    name=${symbol#drvhost_crt_}
    where=$(awk -v n="$name" '$2 == n { print $1 }' "$tmp/declared")
    fail "${where:-include/}: $name is declared, but libdrvhost.so does not export" \
        "$symbol: implement it or mark the declaration DRVHOST_NOT_PROVIDED"
done <"$tmp/missing"
comm -12 "$tmp/marked" "$tmp/exported" >"$tmp/stale"
while read -r name; do
    where=$(awk -v n="$name" '$2 == n { print $1 }' "$tmp/declared")
    fail "$where: $name is marked DRVHOST_NOT_PROVIDED, but libdrvhost.so exports it"
done <"$tmp/stale"

if [ "$failed" = 0 ]; then
    printf 'decls_exported: %s routines declared: %s imported from libdrvhost.so, %s marked not provided\n' \
        "$(wc -l <"$tmp/declared" | tr -d ' ')" "$(wc -l <"$tmp/imported" | tr -d ' ')" \
        "$(wc -l <"$tmp/marked" | tr -d ' ')"
fi
exit "$failed"
