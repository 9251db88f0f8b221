/*
 * usrbuf.c - a driver with a buffered-I/O and a direct-I/O device, reads, writes and device
 * controls of every transfer method, and a count of the requests it received: the client's bad
 * pointers must be refused before a request reaches it (test_client_pointers.c).
 */
#include <ntddk.h>

#include "usrbuf.h"

DRIVER_INITIALIZE DriverEntry;
static DRIVER_UNLOAD UsrBufUnload;
static DRIVER_DISPATCH UsrBufCreateClose;
static DRIVER_DISPATCH UsrBufReadWrite;
static DRIVER_DISPATCH UsrBufDeviceControl;

static PDEVICE_OBJECT g_Buffered, g_Direct;
static volatile LONG g_Calls;

static NTSTATUS UsrBufComplete(PIRP Irp, NTSTATUS Status, ULONG_PTR Information)
{
    Irp->IoStatus.Status = Status;
    Irp->IoStatus.Information = Information;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}

static NTSTATUS UsrBufCreateClose(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    return UsrBufComplete(Irp, STATUS_SUCCESS, 0);
}

static NTSTATUS UsrBufReadWrite(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    ULONG length = sp->Parameters.Read.Length;
    PVOID buffer;
    InterlockedIncrement(&g_Calls);
    if (sp->MajorFunction == IRP_MJ_WRITE || length == 0)
        return UsrBufComplete(Irp, STATUS_SUCCESS, length);
    buffer = DeviceObject == g_Direct
                 ? MmGetSystemAddressForMdlSafe(Irp->MdlAddress, NormalPagePriority)
                 : Irp->AssociatedIrp.SystemBuffer;
    if (buffer == NULL)
        return UsrBufComplete(Irp, STATUS_INSUFFICIENT_RESOURCES, 0);
    RtlFillMemory(buffer, length, USRBUF_FILL);
    return UsrBufComplete(Irp, STATUS_SUCCESS, length);
}

static NTSTATUS UsrBufNeither(PIO_STACK_LOCATION Sp)
{
    const volatile UCHAR *input = Sp->Parameters.DeviceIoControl.Type3InputBuffer;
    ULONG length = Sp->Parameters.DeviceIoControl.InputBufferLength;
    NTSTATUS status = STATUS_SUCCESS;
    __try {
        ProbeForRead((PVOID)input, length, 1);
        if (length > 0)
            (void)input[0];
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        status = GetExceptionCode();
    }
    return status;
}

static NTSTATUS UsrBufDeviceControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    UNREFERENCED_PARAMETER(DeviceObject);
    switch (sp->Parameters.DeviceIoControl.IoControlCode) {
    case IOCTL_UB_CALLS:
        if (sp->Parameters.DeviceIoControl.OutputBufferLength < sizeof(ULONG))
            return UsrBufComplete(Irp, STATUS_BUFFER_TOO_SMALL, 0);
        *(ULONG *)Irp->AssociatedIrp.SystemBuffer = (ULONG)g_Calls;
        return UsrBufComplete(Irp, STATUS_SUCCESS, sizeof(ULONG));
    case IOCTL_UB_NEITHER:
        InterlockedIncrement(&g_Calls);
        return UsrBufComplete(Irp, UsrBufNeither(sp), 0);
    case IOCTL_UB_BUFFERED:
    case IOCTL_UB_IN_DIRECT:
    case IOCTL_UB_OUT_DIRECT:
        InterlockedIncrement(&g_Calls);
        return UsrBufComplete(Irp, STATUS_SUCCESS, 0);
    default:
        return UsrBufComplete(Irp, STATUS_INVALID_DEVICE_REQUEST, 0);
    }
}

static VOID UsrBufUnload(PDRIVER_OBJECT DriverObject)
{
    UNICODE_STRING buffered = RTL_CONSTANT_STRING(L"\\DosDevices\\UsrBufBuffered");
    UNICODE_STRING direct = RTL_CONSTANT_STRING(L"\\DosDevices\\UsrBufDirect");
    UNREFERENCED_PARAMETER(DriverObject);
    IoDeleteSymbolicLink(&buffered);
    IoDeleteSymbolicLink(&direct);
    IoDeleteDevice(g_Buffered);
    IoDeleteDevice(g_Direct);
}

static NTSTATUS UsrBufCreate(PDRIVER_OBJECT DriverObject, PCWSTR Name, PCWSTR Link, ULONG Flags,
                             PDEVICE_OBJECT *Device)
{
    UNICODE_STRING name, link;
    NTSTATUS status;
    RtlInitUnicodeString(&name, Name);
    RtlInitUnicodeString(&link, Link);
    status = IoCreateDevice(DriverObject, 0, &name, FILE_DEVICE_UNKNOWN, 0, FALSE, Device);
    if (!NT_SUCCESS(status))
        return status;
    (*Device)->Flags |= Flags;
    status = IoCreateSymbolicLink(&link, &name);
    if (!NT_SUCCESS(status))
        IoDeleteDevice(*Device);
    return status;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NTSTATUS status;
    UNREFERENCED_PARAMETER(RegistryPath);
    DriverObject->MajorFunction[IRP_MJ_CREATE] = UsrBufCreateClose;
    DriverObject->MajorFunction[IRP_MJ_CLOSE] = UsrBufCreateClose;
    DriverObject->MajorFunction[IRP_MJ_READ] = UsrBufReadWrite;
    DriverObject->MajorFunction[IRP_MJ_WRITE] = UsrBufReadWrite;
    DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = UsrBufDeviceControl;
    DriverObject->DriverUnload = UsrBufUnload;
    status = UsrBufCreate(DriverObject, L"\\Device\\UsrBufBuffered",
                          L"\\DosDevices\\UsrBufBuffered", DO_BUFFERED_IO, &g_Buffered);
    if (!NT_SUCCESS(status))
        return status;
    status = UsrBufCreate(DriverObject, L"\\Device\\UsrBufDirect", L"\\DosDevices\\UsrBufDirect",
                          DO_DIRECT_IO, &g_Direct);
    if (!NT_SUCCESS(status)) {
        UNICODE_STRING link = RTL_CONSTANT_STRING(L"\\DosDevices\\UsrBufBuffered");
        IoDeleteSymbolicLink(&link);
        IoDeleteDevice(g_Buffered);
    }
    return status;
}
