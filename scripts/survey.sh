#!/bin/sh
# survey.sh SAMPLES_TREE [BUILD_DIR] - builds every kernel-mode driver project of a
# Windows-driver-samples work tree (github.com/microsoft/Windows-driver-samples) with
# `drvcc --project`, as a user would, and loads each module that builds into drvhost.
#
# One line per project: PROJECT  MODEL  RESULT  DETAIL, RESULT being
#   loads     built, and `load` (DriverEntry) succeeded in drvhost
#   passes    loads, and our scenario tests/samples/PROJECT.scn passed (a `fails` with the
#             detail `scenario: ...` when it did not; both count as loads in the totals)
#   compiles  built; the load failed (DETAIL: the status or the refused imports)
#   fails     drvcc failed (DETAIL: the first error)
# then the totals. BUILD_DIR (default build/release, else build/dev) gives bin/drvcc and
# bin/drvhost. Nothing in SAMPLES_TREE is written; modules and logs go to a temporary folder
# (SURVEY_KEEP=DIR keeps them in DIR). SURVEY_ONLY=REGEX surveys the projects whose path
# (relative to SAMPLES_TREE) matches the extended regular expression. The table of docs/compatibility.md is its output.
set -eu
[ $# -ge 1 ] || { echo "usage: $0 SAMPLES_TREE [BUILD_DIR]" >&2; exit 2; }
tree=$(cd "$1" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
build=${2:-}
[ -z "$build" ] || build=$(cd "$build" && pwd)
if [ -z "$build" ]; then
    build=$root/build/release
    [ -x "$build/bin/drvcc" ] || build=$root/build/dev
fi
drvcc=$build/bin/drvcc
drvhost=$build/bin/drvhost
[ -x "$drvcc" ] && [ -x "$drvhost" ] || { echo "survey: no drvcc/drvhost in $build/bin" >&2; exit 2; }
# The interpreter itself, not a wrapper (pyenv's shims cost a shell per call).
DRVCC_PYTHON=${DRVCC_PYTHON:-$(python3 -c 'import sys; print(sys.executable)')}
export DRVCC_PYTHON
if [ -n "${SURVEY_KEEP:-}" ]; then
    out=$SURVEY_KEEP
    mkdir -p "$out"
else
    out=$(mktemp -d)
    trap 'rm -rf "$out"' EXIT
fi

total=0 loads=0 compiles=0 fails=0
n=0
supported=0 supported_built=0
# The driver classes issue 16 leaves out, by the project's path (docs/compatibility.md, "What
# drvhost deliberately does not support"): NDIS (with the NDIS-based class extensions:
# NetAdapterCx, WiFiCx, WDI, the MBB class), file-system minifilters, Storport miniports,
# AVStream and display. Their projects are still built and counted; the last total line counts
# the others.
not_supported() {
    case $1 in
    network/ndis/* | network/netadaptercx/* | network/wlan/* | network/wwan/* | \
        tools/sdv/samples/SDV-FailDriver-NDIS/*) echo NDIS ;;
    filesys/miniFilter/*) echo minifilter ;;
    storage/miniports/* | tools/sdv/samples/SDV-FailDriver-STORPORT/*) echo Storport ;;
    avstream/*) echo AVStream ;;
    video/*) echo display ;;
    esac
}
# Kernel-mode driver projects: ConfigurationType Driver.
find "$tree" -name '*.vcxproj' | LC_ALL=C sort > "$out/projects"
while IFS= read -r proj; do
    grep -q '<ConfigurationType>Driver</ConfigurationType>' "$proj" || continue
    rel=${proj#"$tree"/}
    if [ -n "${SURVEY_ONLY:-}" ] && ! printf '%s\n' "$rel" | grep -Eq "$SURVEY_ONLY"; then
        continue
    fi
    model=WDM
    if grep -q '<DriverType>KMDF</DriverType>\|<KMDF_VERSION_MAJOR>' "$proj"; then
        model=KMDF
    elif grep -q '<DriverType>Miniport</DriverType>' "$proj"; then
        model=Miniport
    fi
    n=$((n + 1))
    dir=$out/$n
    mkdir -p "$dir"
    total=$((total + 1))
    if "$drvcc" --project "$proj" -o "$dir/d$n.sys" > "$dir/build.log" 2>&1; then
        # As a developer loads a sample: under a kernel debugger that resumes breaks.
        printf 'debugger go\nservice d%s d%s.sys\nload d%s\n' "$n" "$n" "$n" > "$dir/load.scn"
        if (cd "$dir" && timeout 60 "$drvhost" run --quiet load.scn) > "$dir/load.log" 2>&1; then
            result=loads detail=
            loads=$((loads + 1))
            # A project with a scenario of ours (tests/samples/PROJECT.scn, its module named
            # after the project file) runs it: passes, or fails scenario: the first failure.
            scn=$root/tests/samples/${rel%.vcxproj}.scn
            if [ -f "$scn" ]; then
                ln -sf "d$n.sys" "$dir/$(basename "${rel%.vcxproj}").sys"
                if DRVHOST_DRIVER_PATH=$dir timeout 300 "$drvhost" run --quiet "$scn" > "$dir/scenario.log" 2>&1; then
                    result=passes
                else
                    result=fails detail="scenario: $(grep -m1 -E 'FAILED|error|STOP|HANG' "$dir/scenario.log" || tail -1 "$dir/scenario.log")"
                fi
            fi
        else
            result=compiles
            detail=$(grep -m1 -E 'FAILED|imports|bug check|BUGCHECK' "$dir/load.log" || true)
            detail=$(printf '%s' "$detail" | sed "s|$out/[0-9]*/||g")
            compiles=$((compiles + 1))
        fi
    else
        result=fails
        # "error: " (not a file named error.c in an "In file included from" line)
        detail=$(grep -m1 -E 'error: |(^|[^A-Za-z])Error' "$dir/build.log" || tail -1 "$dir/build.log")
        detail=$(printf '%s' "$detail" | sed "s|$tree/||g; s|$out/[0-9]*/||g")
        fails=$((fails + 1))
    fi
    class=$(not_supported "$rel")
    if [ -n "$class" ]; then
        detail="(not supported: $class) $detail"
    else
        supported=$((supported + 1))
        [ "$result" = fails ] && [ "${detail#scenario: }" = "$detail" ] ||
            supported_built=$((supported_built + 1))
    fi
    printf '%s\t%s\t%s\t%s\n' "$rel" "$model" "$result" "$detail" | cut -c1-300
done < "$out/projects"
echo "total: $total projects, $loads load, $compiles compile only, $fails fail ($((loads + compiles)) of $total compile)"
echo "supported classes: $supported_built of $supported compile ($((total - supported)) projects of the classes drvhost does not support)"
