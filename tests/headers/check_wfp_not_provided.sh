#!/bin/sh
# check_wfp_not_provided.sh DRVCC DRVHOST - a WFP callout driver (KMDF: it registers a stream
# callout with the filter engine and adds it to the management layer FWPM_LAYER_STREAM_V4)
# compiles against fwpsk.h/fwpmk.h/ndis.h, a warning naming each routine, and `drvhost run`
# refuses to load it, naming every routine and layer GUID it imports: drvhost has no filtering
# platform, and Windows refuses a driver whose imports cannot be resolved.
set -eu
drvcc=$1 drvhost=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
    echo "check_wfp_not_provided: $*" >&2
    exit 1
}
expect() { # expect FILE PATTERN
    grep -q -- "$2" "$1" || { cat "$1" >&2; fail "no \"$2\" in $(basename "$1")"; }
}
unset DRVHOST_DRIVER_PATH
cat > "$work/wfp.c" <<'C'
#include <ntddk.h>
#include <wdf.h>
#include <ndis.h>
#include <fwpsk.h>
#include <fwpmk.h>
DRIVER_INITIALIZE DriverEntry;
static void NTAPI Classify(const FWPS_INCOMING_VALUES *values,
                           const FWPS_INCOMING_METADATA_VALUES *meta, void *layerData,
                           const void *classifyContext, const FWPS_FILTER *filter,
                           UINT64 flowContext, FWPS_CLASSIFY_OUT *classifyOut)
{
    UNREFERENCED_PARAMETER(values);
    UNREFERENCED_PARAMETER(meta);
    UNREFERENCED_PARAMETER(layerData);
    UNREFERENCED_PARAMETER(classifyContext);
    UNREFERENCED_PARAMETER(filter);
    UNREFERENCED_PARAMETER(flowContext);
    classifyOut->actionType = FWP_ACTION_PERMIT;
}
static NTSTATUS NTAPI Notify(FWPS_CALLOUT_NOTIFY_TYPE type, const GUID *key,
                             const FWPS_FILTER *filter)
{
    UNREFERENCED_PARAMETER(type);
    UNREFERENCED_PARAMETER(key);
    UNREFERENCED_PARAMETER(filter);
    return STATUS_SUCCESS;
}
NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    FWPS_CALLOUT callout = {0};
    FWPM_CALLOUT mcallout = {0};
    HANDLE engine = NULL;
    UINT32 id = 0;
    UNREFERENCED_PARAMETER(RegistryPath);
    callout.classifyFn = Classify;
    callout.notifyFn = Notify;
    if (!NT_SUCCESS(FwpsCalloutRegister(DriverObject->DeviceObject, &callout, &id)))
        return STATUS_UNSUCCESSFUL;
    mcallout.applicableLayer = FWPM_LAYER_STREAM_V4;
    if (!NT_SUCCESS(FwpmEngineOpen(NULL, RPC_C_AUTHN_WINNT, NULL, NULL, &engine)))
        return STATUS_UNSUCCESSFUL;
    if (!NT_SUCCESS(FwpmCalloutAdd(engine, &mcallout, NULL, NULL)))
        return STATUS_UNSUCCESSFUL;
    return FwpsFlowAbort0(0);
}
C
printf 'service wfp wfp.sys\nload wfp\n' > "$work/wfp.scn"
cd "$work"
"$drvcc" --kmdf -o wfp.sys wfp.c 2> cc.err || { cat cc.err >&2; fail "wfp.c did not compile"; }
# A call by the numbered name warns; a call by a version-independent name (a macro of a system
# header, as in the WDK) does not: GCC keeps quiet about what system-header macros expand to.
expect cc.err "FwpsFlowAbort0.*drvhost does not provide this routine: the loader refuses"
status=0
"$drvhost" run wfp.scn > out.txt 2> err.txt || status=$?
[ "$status" = 1 ] || { cat out.txt err.txt >&2; fail "drvhost run: exit status $status, expected 1"; }
expect out.txt "load wfp -> STATUS_PROCEDURE_NOT_FOUND FAILED"
expect err.txt "imports 5 routine(s) that drvhost does not implement"
expect err.txt "^  FwpsCalloutRegister3$"
expect err.txt "^  FwpmEngineOpen0$"
expect err.txt "^  FwpmCalloutAdd0$"
expect err.txt "^  FwpsFlowAbort0$"
expect err.txt "^  FWPM_LAYER_STREAM_V4$"
echo "WFP routines and layer GUIDs not provided: ok"
