/*
 * wpp_init_args.c - a driver that passes WPP_INIT_TRACING and WPP_CLEANUP something other than
 * its driver object, as the WDK's reference for the kernel-mode macro allows: "Starting with
 * Windows XP, if the driver is not using Inflight Trace Recorder (IFR), this parameter is not
 * used and can be set to NULL" (both parameters). Built twice: wpp_init_null passes NULL and
 * NULL; wpp_init_devobj (WPP_INIT_DEVICE_OBJECT defined) passes its device object, as Windows
 * 2000 required and the TraceDrv sample still does. Either way its messages must be traced
 * under its own service name.
 */
#include <ntddk.h>

#include "trace.h"
#include "wpp_init_args.tmh"

static PDEVICE_OBJECT init_device;

static VOID InitArgsUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    TraceEvents(TRACE_LEVEL_ERROR, TRACE_DRIVER, "init args unload");
#ifdef WPP_INIT_DEVICE_OBJECT
    WPP_CLEANUP(init_device);
#else
    WPP_CLEANUP(NULL);
#endif
    IoDeleteDevice(init_device);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NTSTATUS status;

    status = IoCreateDevice(DriverObject, 0, NULL, FILE_DEVICE_UNKNOWN, 0, FALSE, &init_device);
    if (!NT_SUCCESS(status))
        return status;
#ifdef WPP_INIT_DEVICE_OBJECT
    WPP_INIT_TRACING(init_device, RegistryPath);
#else
    UNREFERENCED_PARAMETER(RegistryPath);
    WPP_INIT_TRACING(NULL, NULL);
#endif
    DriverObject->DriverUnload = InitArgsUnload;
    TraceEvents(TRACE_LEVEL_ERROR, TRACE_DRIVER, "init args %d", 42);
    TraceEvents(TRACE_LEVEL_VERBOSE, TRACE_DEVICE, "init args verbose");
    return STATUS_SUCCESS;
}
