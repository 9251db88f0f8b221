/* probe.c - the smallest driver module: the toolchain test (test_compiler.c) reads which compiler
 * built it, once as CMake builds test drivers and once as drvcc builds a user's. */
#include <ntddk.h>

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD ProbeUnload;

VOID ProbeUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(RegistryPath);
    DriverObject->DriverUnload = ProbeUnload;
    return STATUS_SUCCESS;
}
