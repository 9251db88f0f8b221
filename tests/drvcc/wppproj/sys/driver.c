/* driver.c - the wppproj test driver (tests/drvcc/check_wppproj.sh): every kind of trace call
 * its project declares, traced from DriverEntry. */
#include "wppproj.h"
#include "driver.tmh"

#if !defined(WPPPROJ_DEFINED) /* a build without WPP: a function of the trace function's name */
VOID TraceEvents(ULONG Level, ULONG Flags, PCCHAR Message, ...);
#endif

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD WppProjUnload;

VOID WppProjUnload(PDRIVER_OBJECT DriverObject)
{
    TraceEvents(TRACE_LEVEL_INFORMATION, PROJ_INIT, "unloading");
    WPP_CLEANUP(DriverObject);
}

/* STATUS_SUCCESS passes CHECK_STATUS; a failure is traced and leaves through Exit. */
static NTSTATUS WppProjChecks(NTSTATUS second)
{
    NTSTATUS status = STATUS_SUCCESS;

    CHECK_STATUS(status, "first check");
    TraceEvents(TRACE_LEVEL_INFORMATION, PROJ_INIT, "after the first check");
    CHECK_STATUS(second, "second check");
    TraceEvents(TRACE_LEVEL_INFORMATION, PROJ_INIT, "after the second check");
    return STATUS_SUCCESS;
Exit:
    TraceEvents(TRACE_LEVEL_INFORMATION, PROJ_INIT, "left through Exit");
    return second;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PROJ_STATE state = ProjStateRunning;

    WPP_SYSTEMCONTROL(DriverObject);
    WPP_INIT_TRACING(DriverObject, RegistryPath);
    DriverObject->DriverUnload = WppProjUnload;
    TraceEntry();
    FuncEntry(PROJ_IO);
    TraceEvents(TRACE_LEVEL_INFORMATION, PROJ_INIT, "defined %!d!", WPPPROJ_DEFINED);
    KdPrint(("kd %s %d", "text", 2));
    TracePrint((TRACE_LEVEL_WARNING, AUX_MISC, "aux %!STATUS!", STATUS_TIMEOUT));
    DoTraceLevelMessage(TRACE_LEVEL_ERROR, PROJ_IO, "from the command line %u", 5u);
    DoTraceMessage(PROJ_INIT, "default function %d", 3);
    TraceWarn(AUX_MISC, "declared without FUNC");
    TraceEvents(TRACE_LEVEL_INFORMATION, PROJ_INIT, "built " __DATE__ " at " __TIME__ ", %d", 1);
    TraceEvents(TRACE_LEVEL_INFORMATION, PROJ_INIT, "state %!pstate!", state);
    /* CUSTOM_TYPEs of the WDK's scan files drvhost ships (wdftraceenums.h, UcmTraceEnums.h). */
    TraceEvents(TRACE_LEVEL_INFORMATION, PROJ_INIT,
                "power %!WDF_POWER_DEVICE_STATE! role %!UCM_DATA_ROLE!", 4, 2);
    (void)WppProjChecks(STATUS_SUCCESS);
    (void)WppProjChecks(STATUS_UNSUCCESSFUL);
    return WppProjOther();
}
