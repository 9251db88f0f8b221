/* missingddi.c - a driver that imports routines drvhost does not implement. The prototypes are
 * those of the WDK (ntddk.h); drvhost's headers may not declare them yet. */
#include <ntddk.h>

NTKERNELAPI NTSTATUS NTAPI IoReportDetectedDevice_NotInDrvhost(PDRIVER_OBJECT DriverObject);
NTKERNELAPI ULONG NTAPI KeQueryMaximumProcessorCount_NotInDrvhost(VOID);

DRIVER_INITIALIZE DriverEntry;

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(RegistryPath);
    if (KeQueryMaximumProcessorCount_NotInDrvhost() == 0)
        return STATUS_UNSUCCESSFUL;
    return IoReportDetectedDevice_NotInDrvhost(DriverObject);
}
