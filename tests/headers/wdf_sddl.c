/* wdf_sddl.c - a KMDF driver reaches the SDDL_DEVOBJ_* strings through <wdf.h> alone: the
 * WDK's wdfdevice.h includes <wdmsec.h> (KMDF samples pass SDDL_DEVOBJ_SYS_ALL_ADM_ALL to
 * WdfDeviceInitAssignSDDLString without including it). Checked at compile time. */
#include <ntddk.h>
#include <wdf.h>

C_ASSERT(sizeof(SDDL_DEVOBJ_SYS_ALL_ADM_ALL) == sizeof(UNICODE_STRING));

DRIVER_INITIALIZE DriverEntry;

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    return SDDL_DEVOBJ_SYS_ALL_ADM_ALL.Length != 0 ? STATUS_SUCCESS : STATUS_UNSUCCESSFUL;
}
