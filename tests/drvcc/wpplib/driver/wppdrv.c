/* wppdrv.c - the driver: WPP initialized here, one message of its own, one from the library. */
#include "wppdrv.h"
#include "wppdrv.tmh"

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD WppDrvUnload;

VOID WppDrvUnload(PDRIVER_OBJECT DriverObject)
{
    WPP_CLEANUP(DriverObject);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WPP_INIT_TRACING(DriverObject, RegistryPath);
    DriverObject->DriverUnload = WppDrvUnload;
    DrvTrace(TRACE_LEVEL_ERROR, "driver entry %lu", LibraryTwice(21));
    return STATUS_SUCCESS;
}
