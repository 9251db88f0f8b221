/* missingddi.c - a driver that imports routines drvhost does not implement. The prototypes are
 * those of the WDK (ntddk.h); drvhost's headers may not declare them yet. */
#include <ntddk.h>

NTKERNELAPI NTSTATUS NTAPI IoWMIRegistrationControl(PDEVICE_OBJECT DeviceObject, ULONG Action);
NTKERNELAPI ULONG NTAPI KeQueryMaximumProcessorCount(VOID);

DRIVER_INITIALIZE DriverEntry;

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(RegistryPath);
    if (KeQueryMaximumProcessorCount() == 0)
        return STATUS_UNSUCCESSFUL;
    return IoWMIRegistrationControl(DriverObject->DeviceObject, 1 /* WMIREG_ACTION_REGISTER */);
}
