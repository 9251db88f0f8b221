/*
 * vfkeep.c - a driver without DriverUnload that keeps VFKEEP_BLOCKS pool allocations for as
 * long as it is loaded. Windows never unloads such a driver, so what it holds at the end of a
 * run is not a leak; the loader's note at shutdown says how many allocations the driver held
 * (its own only, whatever other drivers hold). Built twice: vfkeep (3 blocks) and vfkeep0 (none).
 */
#include <ntddk.h>

#ifndef VFKEEP_BLOCKS
#define VFKEEP_BLOCKS 3
#endif

static PVOID g_Blocks[VFKEEP_BLOCKS + 1];

DRIVER_INITIALIZE DriverEntry;

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    for (int i = 0; i < VFKEEP_BLOCKS; i++) {
        g_Blocks[i] = ExAllocatePool2(POOL_FLAG_NON_PAGED, 32, 'peeK');
        if (g_Blocks[i] == NULL)
            return STATUS_INSUFFICIENT_RESOURCES;
    }
    return STATUS_SUCCESS; /* no DriverUnload: the driver stays until the system goes */
}
