/* dpclinger.c - a read completed by a DPC that keeps using the device extension after
   IoCompleteRequest (general/cancel/startio's polling DPC does). On Windows that DPC returns
   within microseconds at DISPATCH_LEVEL, long before the requester has closed its handle and
   the service is stopped; drvhost starts DriverUnload only after the DPCs running at that
   moment returned. The DPC lingers (KeStallExecutionProcessor) to make the window wide:
   DriverUnload bug-checks if it runs while the DPC is still inside the routine. */
#include <ntddk.h>

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD LingerUnload;
KDEFERRED_ROUTINE LingerDpc;
_Dispatch_type_(IRP_MJ_CREATE) _Dispatch_type_(IRP_MJ_CLOSE) DRIVER_DISPATCH LingerCreateClose;
_Dispatch_type_(IRP_MJ_READ) DRIVER_DISPATCH LingerRead;

typedef struct _LINGER_EXTENSION {
    KDPC Dpc;
    PIRP Pending;
    ULONG Completed;
} LINGER_EXTENSION, *PLINGER_EXTENSION;

static volatile LONG DpcInside;

VOID LingerDpc(PKDPC Dpc, PVOID Context, PVOID Argument1, PVOID Argument2)
{
    PLINGER_EXTENSION ext = Context;
    PIRP irp = ext->Pending;

    UNREFERENCED_PARAMETER(Dpc);
    UNREFERENCED_PARAMETER(Argument1);
    UNREFERENCED_PARAMETER(Argument2);
    InterlockedExchange(&DpcInside, 1);
    ext->Pending = NULL;
    irp->IoStatus.Status = STATUS_SUCCESS;
    irp->IoStatus.Information = 0;
    IoCompleteRequest(irp, IO_NO_INCREMENT);
    KeStallExecutionProcessor(200 * 1000); /* the host descheduling this thread */
    ext->Completed++;                      /* the extension, after the completion */
    InterlockedExchange(&DpcInside, 0);
}

NTSTATUS LingerCreateClose(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    Irp->IoStatus.Status = STATUS_SUCCESS;
    Irp->IoStatus.Information = 0;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return STATUS_SUCCESS;
}

NTSTATUS LingerRead(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PLINGER_EXTENSION ext = DeviceObject->DeviceExtension;

    IoMarkIrpPending(Irp);
    ext->Pending = Irp;
    KeInsertQueueDpc(&ext->Dpc, NULL, NULL);
    return STATUS_PENDING;
}

VOID LingerUnload(PDRIVER_OBJECT DriverObject)
{
    UNICODE_STRING link = RTL_CONSTANT_STRING(L"\\DosDevices\\DpcLinger");

    if (InterlockedCompareExchange(&DpcInside, 0, 0) != 0)
        KeBugCheckEx(0xDEAD0001, 0, 0, 0, 0); /* unload overtook the running DPC */
    IoDeleteSymbolicLink(&link);
    IoDeleteDevice(DriverObject->DeviceObject);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNICODE_STRING name = RTL_CONSTANT_STRING(L"\\Device\\DpcLinger");
    UNICODE_STRING link = RTL_CONSTANT_STRING(L"\\DosDevices\\DpcLinger");
    PDEVICE_OBJECT device;
    PLINGER_EXTENSION ext;
    NTSTATUS status;

    UNREFERENCED_PARAMETER(RegistryPath);
    status = IoCreateDevice(DriverObject, sizeof(LINGER_EXTENSION), &name, FILE_DEVICE_UNKNOWN, 0,
                            FALSE, &device);
    if (!NT_SUCCESS(status))
        return status;
    status = IoCreateSymbolicLink(&link, &name);
    if (!NT_SUCCESS(status)) {
        IoDeleteDevice(device);
        return status;
    }
    ext = device->DeviceExtension;
    KeInitializeDpc(&ext->Dpc, LingerDpc, ext);
    ext->Pending = NULL;
    ext->Completed = 0;
    DriverObject->MajorFunction[IRP_MJ_CREATE] = LingerCreateClose;
    DriverObject->MajorFunction[IRP_MJ_CLOSE] = LingerCreateClose;
    DriverObject->MajorFunction[IRP_MJ_READ] = LingerRead;
    DriverObject->DriverUnload = LingerUnload;
    device->Flags &= ~DO_DEVICE_INITIALIZING;
    return STATUS_SUCCESS;
}
