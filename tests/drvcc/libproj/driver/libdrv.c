/* libdrv.c - the driver of libdrv.vcxproj: answers an IOCTL with what its two static libraries
 * compute (counter: linked by its .lib in AdditionalDependencies; table: a ProjectReference). */
#include <ntddk.h>
#include "counter.h"
#include "table.h"

#define IOCTL_LIBDRV_QUERY CTL_CODE(FILE_DEVICE_UNKNOWN, 0x901, METHOD_BUFFERED, FILE_ANY_ACCESS)

typedef struct _LIBDRV_ANSWER {
    ULONG Counted; /* CounterNext(1): 1 + the counter project's COUNTER_STEP */
    ULONG Looked;  /* TableLookup(7): the table project's TABLE_BASE + 7 */
    ULONG Calls;   /* CounterCalls(): the library's own state */
} LIBDRV_ANSWER;

DRIVER_INITIALIZE DriverEntry;
static DRIVER_UNLOAD LibDrvUnload;
static DRIVER_DISPATCH LibDrvCreateClose;
static DRIVER_DISPATCH LibDrvDeviceControl;

static NTSTATUS LibDrvCreateClose(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    Irp->IoStatus.Status = STATUS_SUCCESS;
    Irp->IoStatus.Information = 0;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return STATUS_SUCCESS;
}

static NTSTATUS LibDrvDeviceControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(Irp);
    NTSTATUS status = STATUS_INVALID_DEVICE_REQUEST;
    ULONG_PTR info = 0;

    UNREFERENCED_PARAMETER(DeviceObject);
    if (stack->Parameters.DeviceIoControl.IoControlCode == IOCTL_LIBDRV_QUERY) {
        if (stack->Parameters.DeviceIoControl.OutputBufferLength < sizeof(LIBDRV_ANSWER)) {
            status = STATUS_BUFFER_TOO_SMALL;
        } else {
            LIBDRV_ANSWER *answer = (LIBDRV_ANSWER *)Irp->AssociatedIrp.SystemBuffer;
            answer->Counted = CounterNext(1);
            answer->Looked = TableLookup(7);
            answer->Calls = CounterCalls();
            status = STATUS_SUCCESS;
            info = sizeof(*answer);
        }
    }
    Irp->IoStatus.Status = status;
    Irp->IoStatus.Information = info;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return status;
}

static VOID LibDrvUnload(PDRIVER_OBJECT DriverObject)
{
    UNICODE_STRING link = RTL_CONSTANT_STRING(L"\\DosDevices\\LibDrv");
    IoDeleteSymbolicLink(&link);
    IoDeleteDevice(DriverObject->DeviceObject);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNICODE_STRING name = RTL_CONSTANT_STRING(L"\\Device\\LibDrv");
    UNICODE_STRING link = RTL_CONSTANT_STRING(L"\\DosDevices\\LibDrv");
    PDEVICE_OBJECT device;
    NTSTATUS status;

    UNREFERENCED_PARAMETER(RegistryPath);
    status = IoCreateDevice(DriverObject, 0, &name, FILE_DEVICE_UNKNOWN, 0, FALSE, &device);
    if (!NT_SUCCESS(status)) {
        return status;
    }
    status = IoCreateSymbolicLink(&link, &name);
    if (!NT_SUCCESS(status)) {
        IoDeleteDevice(device);
        return status;
    }
    DriverObject->MajorFunction[IRP_MJ_CREATE] = LibDrvCreateClose;
    DriverObject->MajorFunction[IRP_MJ_CLOSE] = LibDrvCreateClose;
    DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = LibDrvDeviceControl;
    DriverObject->DriverUnload = LibDrvUnload;
    return STATUS_SUCCESS;
}
