/*
 * latebug.c - a driver with one defect, completing an IRP twice (bug check 0x44
 * MULTIPLE_IRP_COMPLETE_REQUESTS, parameter 1 the IRP), that shows it either at once or later:
 * IOCTL_LB_DOUBLE_COMPLETE completes its own IRP twice (the bug check comes from that device
 * control), IOCTL_LB_ARM_CLEANUP completes normally and marks its handle, whose IRP_MJ_CLEANUP
 * (when the handle is closed) is then completed twice. The scenario runner's tests of
 * expect-bugcheck use it to tell a bug check from a scenario's step from one from the end of
 * the run (the runner closing a handle the scenario left open). Device \Device\LateBug, link
 * \??\LateBug.
 */
#include <ntddk.h>

#define IOCTL_LB_DOUBLE_COMPLETE                                                                   \
    CTL_CODE(FILE_DEVICE_UNKNOWN, 0x900, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_LB_ARM_CLEANUP CTL_CODE(FILE_DEVICE_UNKNOWN, 0x901, METHOD_BUFFERED, FILE_ANY_ACCESS)

/* The mark of a handle whose cleanup is completed twice, in its file object's FsContext2 (the
 * driver's own field for a device without a file system). */
#define LB_ARMED ((PVOID)(ULONG_PTR)0x1B)

DRIVER_INITIALIZE DriverEntry;
static DRIVER_UNLOAD LbUnload;
_Dispatch_type_(IRP_MJ_CREATE) _Dispatch_type_(IRP_MJ_CLOSE) static DRIVER_DISPATCH LbCreateClose;
_Dispatch_type_(IRP_MJ_CLEANUP) static DRIVER_DISPATCH LbCleanup;
_Dispatch_type_(IRP_MJ_DEVICE_CONTROL) static DRIVER_DISPATCH LbIoctl;

static NTSTATUS LbComplete(PIRP Irp, NTSTATUS status)
{
    Irp->IoStatus.Status = status;
    Irp->IoStatus.Information = 0;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return status;
}

static NTSTATUS LbCreateClose(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    return LbComplete(Irp, STATUS_SUCCESS);
}

static NTSTATUS LbCleanup(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    BOOLEAN armed = sp->FileObject != NULL && sp->FileObject->FsContext2 == LB_ARMED;
    UNREFERENCED_PARAMETER(DeviceObject);
    LbComplete(Irp, STATUS_SUCCESS);
    if (armed)
        LbComplete(Irp, STATUS_SUCCESS); /* the defect */
    return STATUS_SUCCESS;
}

static NTSTATUS LbIoctl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    UNREFERENCED_PARAMETER(DeviceObject);
    switch (sp->Parameters.DeviceIoControl.IoControlCode) {
    case IOCTL_LB_DOUBLE_COMPLETE:
        LbComplete(Irp, STATUS_SUCCESS);
        return LbComplete(Irp, STATUS_SUCCESS); /* the defect */
    case IOCTL_LB_ARM_CLEANUP:
        sp->FileObject->FsContext2 = LB_ARMED;
        return LbComplete(Irp, STATUS_SUCCESS);
    }
    return LbComplete(Irp, STATUS_INVALID_DEVICE_REQUEST);
}

static VOID LbUnload(PDRIVER_OBJECT DriverObject)
{
    UNICODE_STRING link = RTL_CONSTANT_STRING(L"\\??\\LateBug");
    IoDeleteSymbolicLink(&link);
    IoDeleteDevice(DriverObject->DeviceObject);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNICODE_STRING name = RTL_CONSTANT_STRING(L"\\Device\\LateBug");
    UNICODE_STRING link = RTL_CONSTANT_STRING(L"\\??\\LateBug");
    PDEVICE_OBJECT device;
    NTSTATUS status;
    UNREFERENCED_PARAMETER(RegistryPath);
    status = IoCreateDevice(DriverObject, 0, &name, FILE_DEVICE_UNKNOWN, 0, FALSE, &device);
    if (!NT_SUCCESS(status))
        return status;
    status = IoCreateSymbolicLink(&link, &name);
    if (!NT_SUCCESS(status)) {
        IoDeleteDevice(device);
        return status;
    }
    DriverObject->MajorFunction[IRP_MJ_CREATE] = LbCreateClose;
    DriverObject->MajorFunction[IRP_MJ_CLOSE] = LbCreateClose;
    DriverObject->MajorFunction[IRP_MJ_CLEANUP] = LbCleanup;
    DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = LbIoctl;
    DriverObject->DriverUnload = LbUnload;
    return STATUS_SUCCESS;
}
