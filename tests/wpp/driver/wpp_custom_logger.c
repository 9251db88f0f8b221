/*
 * wpp_custom_logger.c - a driver tracing through condition macros of its own (custom_logger.h)
 * and DbgPrintEx as its WPP trace function (built with WPP_FUNC "DbgPrintEx(COMPID,LEVEL,MSG,
 * ...)"), as network/trans/WFPSampler does. tests/wpp/test_wpp.c reads its messages:
 * - "before init": its condition holds (the control's level, 0 before WPP_INIT_TRACING, is
 *   >= DPFLTR_ERROR_LEVEL) but the control has no logger yet: nothing is traced;
 * - "custom error" / "custom info": the DPFLTR_ level against the session's level;
 * - "routed": the logger macro names the second control GUID, which the line must name;
 * - "logger before init": whether the Logger member was set before WPP_INIT_TRACING.
 */
#include <ntddk.h>

#include "custom_logger.h"
#include "wpp_custom_logger.tmh"

static VOID CustomLoggerUnload(PDRIVER_OBJECT DriverObject)
{
    WPP_CLEANUP(DriverObject);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    /* no session can have enabled a provider not registered yet: no logger */
    BOOLEAN loggerBeforeInit = WPP_CONTROL(WPP_BIT_Error).Logger != 0;

    DbgPrintEx(DPFLTR_IHVNETWORK_ID, DPFLTR_ERROR_LEVEL, "custom before init");
    WPP_INIT_TRACING(DriverObject, RegistryPath);
    DbgPrintEx(DPFLTR_IHVNETWORK_ID, DPFLTR_ERROR_LEVEL, "logger before init %!bool!",
               loggerBeforeInit);
    DriverObject->DriverUnload = CustomLoggerUnload;
    DbgPrintEx(DPFLTR_IHVNETWORK_ID, DPFLTR_ERROR_LEVEL, "custom error %d", 1);
    DbgPrintEx(DPFLTR_IHVNETWORK_ID, DPFLTR_INFO_LEVEL, "custom info %d", 3);
    TraceRouted(Noise, "routed %s", "to the second");
    return STATUS_SUCCESS;
}
