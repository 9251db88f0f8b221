#!/bin/sh
# check_not_provided_driver.sh DRVCC DRVHOST SOURCE [DRVCC_OPTION...] -- ROUTINE... - a driver
# (SOURCE) that calls routines a header declares DRVHOST_NOT_PROVIDED compiles, a warning naming
# each ROUTINE, and `drvhost run` refuses to load it, naming exactly those routines: Windows
# refuses a driver whose imports cannot be resolved (STATUS_PROCEDURE_NOT_FOUND). A ROUTINE
# written +NAME is called through a macro of a (system) header, where GCC does not warn: only
# the refusal is checked. Used for the class extensions' routines (gpioclx.h, drvcc --kmdf) and
# the smart card library's (smclib.h).
set -eu
drvcc=$1 drvhost=$2 source=$3
shift 3
options=
while [ $# -gt 0 ] && [ "$1" != -- ]; do
    options="$options $1"
    shift
done
[ $# -gt 1 ] || { echo "usage: $0 DRVCC DRVHOST SOURCE [OPTION...] -- ROUTINE..." >&2; exit 2; }
shift
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
    echo "check_not_provided_driver: $(basename "$source"): $*" >&2
    exit 1
}
expect() { # expect FILE PATTERN
    grep -q -- "$2" "$1" || { cat "$1" >&2; fail "no \"$2\" in $(basename "$1")"; }
}
unset DRVHOST_DRIVER_PATH
# The source keeps its extension: a .cpp client compiles with the kernel C++ profile.
ext=${source##*.}
cp "$source" "$work/np.$ext"
printf 'service np np.sys\nload np\n' > "$work/np.scn"
cd "$work"
# shellcheck disable=SC2086 # the options are words
"$drvcc" $options -o np.sys "np.$ext" 2> cc.err || { cat cc.err >&2; fail "did not compile"; }
status=0
"$drvhost" run np.scn > out.txt 2> err.txt || status=$?
[ "$status" = 1 ] || { cat out.txt err.txt >&2; fail "drvhost run: exit status $status, expected 1"; }
expect out.txt "load np -> STATUS_PROCEDURE_NOT_FOUND FAILED"
expect err.txt "imports $# routine(s) that drvhost does not implement"
for routine in "$@"; do
    case $routine in
    +*) routine=${routine#+} ;;
    *) expect cc.err "$routine.*drvhost does not provide this routine: the loader refuses" ;;
    esac
    expect err.txt "^  $routine\$"
done
echo "$(basename "$source"): $# routines not provided: ok"
