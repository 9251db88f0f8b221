/* wppctl.c - traces through KdPrint((MSG, ...)) with the control GUID of the project file
 * (WppAddControlGuid): no WPP_CONTROL_GUIDS here, as in the OSR FX2 lab's step 5. */
#include <ntddk.h>

#include "wppctl.tmh"

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD WppCtlUnload;

VOID WppCtlUnload(PDRIVER_OBJECT DriverObject)
{
    KdPrint(("unloading %p", DriverObject));
    WPP_CLEANUP(DriverObject);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WPP_INIT_TRACING(DriverObject, RegistryPath);
    DriverObject->DriverUnload = WppCtlUnload;
    KdPrint(("entry with control bits %d", (int)WPP_BIT_Noise));
    return STATUS_SUCCESS;
}
