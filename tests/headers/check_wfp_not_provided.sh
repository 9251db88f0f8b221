#!/bin/sh
# check_wfp_not_provided.sh DRVCC DRVHOST SOURCE - the WFP callout driver SOURCE
# (wfp_callout.c) compiles against fwpsk.h/fwpmk.h/ndis.h, a warning naming FwpsFlowAbort0 (a
# call by a numbered name; the version-independent names are macros of a system header, which
# GCC does not warn about), and `drvhost run` refuses to load it (STATUS_PROCEDURE_NOT_FOUND),
# naming every routine and layer GUID it imports: drvhost has no filtering platform, and Windows
# refuses a driver whose imports cannot be resolved.
set -eu
drvcc=$1 drvhost=$2 source=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
unset DRVHOST_DRIVER_PATH
cd "$work"
"$drvcc" --kmdf -o wfp.sys "$source" 2> cc.err || { cat cc.err >&2; exit 1; }
printf 'service wfp wfp.sys\nload wfp\n' > wfp.scn
run=0
"$drvhost" run wfp.scn > out.txt 2> err.txt || run=$?
[ "$run" = 1 ] || { cat out.txt err.txt >&2; echo "drvhost run exited $run, not 1" >&2; exit 1; }
bad=0
while read -r file pattern; do
    grep -q -- "$pattern" "$file" && continue
    echo "check_wfp_not_provided: \"$pattern\" missing from $file:" >&2
    cat "$file" >&2
    bad=1
done <<'LIST'
cc.err FwpsFlowAbort0.*drvhost does not provide this routine: the loader refuses
out.txt load wfp -> STATUS_PROCEDURE_NOT_FOUND FAILED
err.txt imports 9 routine(s) that drvhost does not implement
err.txt ^  FwpmCalloutGetById0$
err.txt ^  FwpsReferencevSwitchPacketContext0$
err.txt ^  NdisCopySendNetBufferListInfo$
err.txt ^  FwpsCalloutRegister3$
err.txt ^  FwpmEngineOpen0$
err.txt ^  FwpmCalloutAdd0$
err.txt ^  FwpsFlowAbort0$
err.txt ^  FwpsInjectMacReceiveAsync0$
err.txt ^  FWPM_LAYER_STREAM_V4$
LIST
[ "$bad" = 0 ] && echo "WFP routines and layer GUIDs not provided: ok"
