/*
 * vfentry.c - DriverEntry breaking a rule, built twice: VF_ENTRY_RAISE returns at
 * DISPATCH_LEVEL (with success); VF_ENTRY_LEAK allocates pool and fails without freeing it.
 */
#include <ntddk.h>

DRIVER_INITIALIZE DriverEntry;

static VOID VfEntryUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(RegistryPath);
    DriverObject->DriverUnload = VfEntryUnload;
#if defined(VF_ENTRY_RAISE)
    {
        KIRQL old;
        KeRaiseIrql(DISPATCH_LEVEL, &old);
    }
    return STATUS_SUCCESS;
#else
    if (ExAllocatePool2(POOL_FLAG_PAGED, 100, 'tnEV') == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    return STATUS_UNSUCCESSFUL;
#endif
}
