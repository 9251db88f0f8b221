/*
 * vftest.c - a driver that breaks the rules Driver Verifier checks at unload and at the return
 * of its routines, one rule per device control (vftest.h): pool and device objects left at
 * unload, the IRQL left raised by a dispatch routine, a work item, a DPC, a system thread or
 * DriverUnload, unbounded recursion (stack overflow) on the client's thread and on the
 * runtime's threads, and an event used without KeInitializeEvent.
 */
#include <ntddk.h>

#include "vftest.h"

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD VfUnload; /* not static: the tests look it up */
IO_WORKITEM_ROUTINE VfRaiseWork;
KSTART_ROUTINE VfRaiseThread;
static DRIVER_DISPATCH VfCreateClose;
static DRIVER_DISPATCH VfDeviceControl;

#define VF_TAG 'kaeL'

static PDEVICE_OBJECT g_Device;
static KEVENT g_ZeroedEvent; /* the defect: no KeInitializeEvent anywhere (zeroed: a global) */
static KDPC g_Dpc;
static BOOLEAN g_RaiseInUnload;
static volatile LONG g_Stop; /* never set: keeps the compiler from proving the recursion endless */

static const GUID g_Guid = {0x12345678, 0x9ABC, 0xDEF0, {1, 2, 3, 4, 5, 6, 7, 8}};

/* Each level keeps 512 bytes live across the call, so it is neither a loop nor a tail call. */
static __declspec(noinline) ULONG VfRecurse(ULONG Depth, ULONG Limit)
{
    volatile UCHAR pad[512];
    pad[0] = (UCHAR)Depth;
    pad[511] = (UCHAR)(Depth >> 8);
    if (g_Stop || (Limit != 0 && Depth >= Limit))
        return pad[0];
    return VfRecurse(Depth + 1, Limit) + pad[0] + pad[511];
}

/* Not static: the tests find it with dlsym (bug-check parameter 1). */
VOID VfRaiseWork(PDEVICE_OBJECT DeviceObject, PVOID Context)
{
    KIRQL old;
    UNREFERENCED_PARAMETER(DeviceObject);
    UNREFERENCED_PARAMETER(Context);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
}

static VOID VfRecurseWork(PDEVICE_OBJECT DeviceObject, PVOID Context)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    *(ULONG *)Context = VfRecurse(0, 0);
}

static VOID VfRaiseDpc(PKDPC Dpc, PVOID Context, PVOID Arg1, PVOID Arg2)
{
    KIRQL old;
    UNREFERENCED_PARAMETER(Dpc);
    UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(Arg1);
    UNREFERENCED_PARAMETER(Arg2);
    KeRaiseIrql(HIGH_LEVEL, &old);
}

static VOID VfRecurseDpc(PKDPC Dpc, PVOID Context, PVOID Arg1, PVOID Arg2)
{
    UNREFERENCED_PARAMETER(Dpc);
    UNREFERENCED_PARAMETER(Arg1);
    UNREFERENCED_PARAMETER(Arg2);
    *(ULONG *)Context = VfRecurse(0, 0);
}

/* Not static: the tests find it with dlsym (bug-check parameter 1). */
VOID VfRaiseThread(PVOID Context)
{
    KIRQL old;
    UNREFERENCED_PARAMETER(Context);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
}

static VOID VfRecurseThread(PVOID Context)
{
    *(ULONG *)Context = VfRecurse(0, 0);
}

static NTSTATUS VfQueueWork(PIO_WORKITEM_ROUTINE Routine)
{
    static ULONG sink;
    PIO_WORKITEM item = IoAllocateWorkItem(g_Device);
    if (item == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    IoQueueWorkItem(item, Routine, DelayedWorkQueue, &sink); /* the item is never freed: the
                                                               routine ends in a bug check */
    return STATUS_SUCCESS;
}

static NTSTATUS VfStartThread(PKSTART_ROUTINE Routine)
{
    static ULONG sink;
    HANDLE thread;
    NTSTATUS status =
        PsCreateSystemThread(&thread, THREAD_ALL_ACCESS, NULL, NULL, NULL, Routine, &sink);
    if (NT_SUCCESS(status))
        ZwClose(thread);
    return status;
}

static NTSTATUS VfQueueDpc(PKDEFERRED_ROUTINE Routine)
{
    static ULONG sink;
    KeInitializeDpc(&g_Dpc, Routine, &sink);
    KeInsertQueueDpc(&g_Dpc, NULL, NULL);
    return STATUS_SUCCESS;
}

static NTSTATUS VfLeak(ULONG Code)
{
    UNICODE_STRING text;
    PDEVICE_OBJECT device;
    NTSTATUS status;
    switch (Code) {
    case IOCTL_VF_LEAK_POOL:
        return ExAllocatePool2(POOL_FLAG_NON_PAGED, 40, VF_TAG) ? STATUS_SUCCESS
                                                                : STATUS_INSUFFICIENT_RESOURCES;
    case IOCTL_VF_LEAK_GUID_STRING:
        return RtlStringFromGUID(&g_Guid, &text);
    case IOCTL_VF_FREED_GUID_STRING:
        status = RtlStringFromGUID(&g_Guid, &text);
        if (NT_SUCCESS(status))
            RtlFreeUnicodeString(&text);
        return status;
    default: /* IOCTL_VF_LEAK_DEVICE */
        return IoCreateDevice(g_Device->DriverObject, 0, NULL, FILE_DEVICE_UNKNOWN, 0, FALSE,
                              &device);
    }
}

static NTSTATUS VfRecurseInTry(VOID)
{
    ULONG depth;
    __try {
        depth = VfRecurse(0, 0);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        depth = 0;
    }
    return depth ? STATUS_SUCCESS : STATUS_UNSUCCESSFUL;
}

static NTSTATUS VfControl(ULONG Code)
{
    KIRQL old;
    switch (Code) {
    case IOCTL_VF_LEAK_POOL:
    case IOCTL_VF_LEAK_GUID_STRING:
    case IOCTL_VF_LEAK_DEVICE:
    case IOCTL_VF_FREED_GUID_STRING:
        return VfLeak(Code);
    case IOCTL_VF_RAISE_RETURN:
        KeRaiseIrql(DISPATCH_LEVEL, &old);
        return STATUS_SUCCESS;
    case IOCTL_VF_RAISE_WORKITEM:
        return VfQueueWork(VfRaiseWork);
    case IOCTL_VF_RAISE_DPC:
        return VfQueueDpc(VfRaiseDpc);
    case IOCTL_VF_RAISE_THREAD:
        return VfStartThread(VfRaiseThread);
    case IOCTL_VF_RECURSE:
        return VfRecurse(0, 0) ? STATUS_SUCCESS : STATUS_UNSUCCESSFUL;
    case IOCTL_VF_RECURSE_WORKITEM:
        return VfQueueWork(VfRecurseWork);
    case IOCTL_VF_RECURSE_THREAD:
        return VfStartThread(VfRecurseThread);
    case IOCTL_VF_RECURSE_DPC:
        return VfQueueDpc(VfRecurseDpc);
    case IOCTL_VF_RAISE_IN_UNLOAD:
        g_RaiseInUnload = TRUE;
        return STATUS_SUCCESS;
    case IOCTL_VF_RECURSE_TRY:
        return VfRecurseInTry();
    case IOCTL_VF_DEEP_RETURN:
        VfRecurse(0, 128);
        return STATUS_SUCCESS;
    case IOCTL_VF_ZEROED_EVENT:
        KeSetEvent(&g_ZeroedEvent, IO_NO_INCREMENT, FALSE);
        return STATUS_SUCCESS;
    default:
        return STATUS_INVALID_DEVICE_REQUEST;
    }
}

static NTSTATUS VfDeviceControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    NTSTATUS status;
    UNREFERENCED_PARAMETER(DeviceObject);
    status = VfControl(sp->Parameters.DeviceIoControl.IoControlCode);
    Irp->IoStatus.Status = status;
    Irp->IoStatus.Information = 0;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return status;
}

static NTSTATUS VfCreateClose(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    Irp->IoStatus.Status = STATUS_SUCCESS;
    Irp->IoStatus.Information = 0;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return STATUS_SUCCESS;
}

/* Deletes its own device only: devices IOCTL_VF_LEAK_DEVICE made are left behind. */
VOID VfUnload(PDRIVER_OBJECT DriverObject)
{
    UNICODE_STRING link = RTL_CONSTANT_STRING(L"\\DosDevices\\VfTest");
    KIRQL old;
    UNREFERENCED_PARAMETER(DriverObject);
    IoDeleteSymbolicLink(&link);
    IoDeleteDevice(g_Device);
    if (g_RaiseInUnload)
        KeRaiseIrql(DISPATCH_LEVEL, &old);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNICODE_STRING name = RTL_CONSTANT_STRING(L"\\Device\\VfTest");
    UNICODE_STRING link = RTL_CONSTANT_STRING(L"\\DosDevices\\VfTest");
    NTSTATUS status;
    UNREFERENCED_PARAMETER(RegistryPath);
    status = IoCreateDevice(DriverObject, 0, &name, FILE_DEVICE_UNKNOWN, 0, FALSE, &g_Device);
    if (!NT_SUCCESS(status))
        return status;
    status = IoCreateSymbolicLink(&link, &name);
    if (!NT_SUCCESS(status)) {
        IoDeleteDevice(g_Device);
        return status;
    }
    DriverObject->MajorFunction[IRP_MJ_CREATE] = VfCreateClose;
    DriverObject->MajorFunction[IRP_MJ_CLOSE] = VfCreateClose;
    DriverObject->MajorFunction[IRP_MJ_CLEANUP] = VfCreateClose;
    DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = VfDeviceControl;
    DriverObject->DriverUnload = VfUnload;
    return STATUS_SUCCESS;
}
