#!/bin/sh
# check_doc_commands.sh SOURCE_ROOT BUILD_DIR - every shell command shown in README.md and
# docs/*.md (```sh blocks) is listed in tests/docs/commands.tsv with how it is kept true, and those
# marked `run` are run here: build/release and build/dev become BUILD_DIR, `drvcc` its drvcc, and
# the drvcc examples run in a folder holding the files they name.
set -u
root=$1 build=$(cd "$2" && pwd)
table=$root/tests/docs/commands.tsv
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0
tab=$(printf '\t')

# Every command of the docs, without its comment and trailing blanks.
for doc in "$root/README.md" "$root"/docs/*.md; do
    awk '/^```sh/ { inside = 1; next } /^```/ { inside = 0 } inside' "$doc" |
        sed -e 's/[[:space:]]*#.*$//' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' -e '/^$/d' |
        while IFS= read -r cmd; do printf '%s\t%s\n' "${doc#"$root"/}" "$cmd"; done
done > "$work/commands"

while IFS="$tab" read -r doc cmd; do
    how=$(awk -F "$tab" -v c="$cmd" '!/^#/ && $1 == c { print $2; exit }' "$table")
    if [ -z "$how" ]; then
        echo "FAILED: $doc: '$cmd' is not in tests/docs/commands.tsv (say how it is kept true)"
        failed=1
    fi
done < "$work/commands"

# The drvcc examples' files: a two-file driver, an include folder, and queue.o for the example
# that links objects.
mkdir -p "$work/drv/inc"
printf '#pragma once\nNTSTATUS QueueInit(PDRIVER_OBJECT d);\n' > "$work/drv/queue.h"
printf '#pragma once\n#define DRIVER_TAG 0x76697244\n' > "$work/drv/inc/config.h"
printf '#include <ntddk.h>\n#include "queue.h"\nDRIVER_INITIALIZE DriverEntry;\nNTSTATUS DriverEntry(PDRIVER_OBJECT d, PUNICODE_STRING r)\n{\n    UNREFERENCED_PARAMETER(r);\n    return QueueInit(d);\n}\n' > "$work/drv/driver.c"
printf '#include <ntddk.h>\n#include "queue.h"\nNTSTATUS QueueInit(PDRIVER_OBJECT d)\n{\n    UNREFERENCED_PARAMETER(d);\n    return STATUS_SUCCESS;\n}\n' > "$work/drv/queue.c"
mkdir -p "$work/bin"
ln -s "$build/bin/drvcc" "$work/bin/drvcc"
(cd "$work/drv" && "$build/bin/drvcc" -c queue.c) || failed=1

awk -F "$tab" '!/^#/ && $2 == "run" { print $1 }' "$table" | while IFS= read -r cmd; do
    real=$(printf '%s' "$cmd" | sed -e "s#^build/\(release\|dev\)/#$build/#" \
        -e "s#\([ =]\)build/\(release\|dev\)/#\1$build/#g")
    case $cmd in
    drvcc*) dir=$work/drv ;;
    *) dir=$root ;;
    esac
    echo "+ $real"
    if ! (cd "$dir" && PATH=$work/bin:$PATH sh -c "$real" > "$work/out" 2>&1); then
        echo "FAILED: '$cmd' (as '$real' in $dir):"
        cat "$work/out"
        echo failed > "$work/failed"
    fi
done
[ -e "$work/failed" ] && failed=1
[ $failed = 0 ] && echo "doc commands: ok"
exit $failed
