/* wfp_callout.c - a WFP callout driver as the samples write one (KMDF; the version-independent
 * names of fwpvi.h): it registers a stream callout with the filter engine, opens a session and
 * adds the callout to FWPM_LAYER_STREAM_V4. drvhost has no filter engine: the module compiles
 * and the loader refuses it, naming each routine and GUID it imports
 * (check_wfp_not_provided.sh). */
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
static NTSTATUS NTAPI Notify(FWPS_CALLOUT_NOTIFY_TYPE type, const GUID *key, FWPS_FILTER *filter)
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
    if (engine == NULL) { /* session 13's names, by their version-independent names */
        FWPM_CALLOUT *stored = NULL;
        FwpsReferencevSwitchPacketContext(NULL);
        NdisCopySendNetBufferListInfo(NULL, NULL);
        return FwpmCalloutGetById(engine, id, &stored);
    }
    if (engine == NULL) /* layer 2 injection by its version-independent name (never runs) */
        return FwpsInjectMacReceiveAsync(engine, NULL, 0, 0, 0, 0, NULL, NULL, NULL);
    return FwpsFlowAbort0(0);
}
