#!/bin/sh
# check-headers-internal.sh [SRC] - the headers_internal test: each layer's internal header
# (src/<layer>/<layer>.h) is its interface to the other layers, not its whole inside. Every
# routine, variable and macro it declares (not the include guard) must be used by some file of
# src/ outside src/<layer>/; what only the layer uses belongs in src/<layer>/<layer>_private.h.
# Types and enumerators are left to review: a type named by an interface routine (a callback's
# typedef, a struct passed by pointer) is part of the interface even if no other layer spells
# its name. Layers whose header no other layer includes (host, at the top, and ps, which
# drivers reach only through its DDIs) have no interface to check. The bug-check codes and
# routines of ke.h (BUGCODE_*, ke_bugcheck*) are left to the verifier's table (src/vf).
# Prints each offending name and the count per header. Needs universal-ctags.
# Exit 0 if every name is used outside its layer, 1 if not.
set -eu
src=${1:-src}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bad=0
total=0
outside=0
for header in "$src"/*/*.h; do
    layer=$(basename "$(dirname "$header")")
    [ "$(basename "$header")" = "$layer.h" ] || continue
    find "$src" \( -name '*.c' -o -name '*.h' \) ! -path "$src/$layer/*" >"$tmp/files"
    if ! xargs grep -l "#include \"$layer/$layer.h\"" <"$tmp/files" >/dev/null; then
        echo "check-headers-internal: $layer/$layer.h: no other layer includes it (not checked)"
        continue
    fi
    ctags -x --language-force=C --kinds-C=dfpvx -f - "$header" | awk '{ print $1 }' |
        grep -v -e '^DRVHOST_.*_H$' -e '^BUGCODE_' -e '^ke_bugcheck' | sort -u >"$tmp/names"
    # Every identifier of the files outside the layer, once; and the names the header's own
    # inline routines and macros use (a name that appears twice in the header without its
    # comments: declared, then used by code other layers compile), which are interface too.
    {
        xargs cat <"$tmp/files" | grep -o '[A-Za-z_][A-Za-z0-9_]*' | sort -u
        gcc -fpreprocessed -dD -E -P "$header" 2>/dev/null | grep -o '[A-Za-z_][A-Za-z0-9_]*' |
            sort | uniq -d
    } | sort -u >"$tmp/words"
    for name in $(comm -23 "$tmp/names" "$tmp/words"); do
        echo "check-headers-internal: $layer/$layer.h: $name is used only inside src/$layer" \
            "(move it to $layer/${layer}_private.h)"
        bad=1
    done
    n=$(wc -l <"$tmp/names")
    used=$(comm -12 "$tmp/names" "$tmp/words" | wc -l)
    echo "check-headers-internal: $layer/$layer.h: $used of $n names used outside src/$layer"
    total=$((total + n))
    outside=$((outside + used))
done
echo "check-headers-internal: $outside of $total names of the layers' headers used outside their layer"
exit $bad
