/*
 * ifacetest.c - the device-interface test driver: two named device objects that play PDOs
 * (the test makes them device nodes; there is no bus driver yet), a function device attached
 * over the first, and a control device that reports their addresses and the last create the
 * stacks saw (which device got it, and the file name after the device's name: an interface's
 * reference string).
 */
#include <ntddk.h>

#include "ifacetest.h"

DRIVER_INITIALIZE DriverEntry;
static DRIVER_UNLOAD unload;
static DRIVER_DISPATCH dispatch_create, dispatch_close, dispatch_ioctl;

static IFACETEST_INFO info;
static PDEVICE_OBJECT control;
static UNICODE_STRING control_link = RTL_CONSTANT_STRING(L"\\??\\IfaceTest");
static UNICODE_STRING control_name = RTL_CONSTANT_STRING(L"\\Device\\IfaceTest");

static NTSTATUS complete(PIRP irp, NTSTATUS status, ULONG_PTR information)
{
    irp->IoStatus.Status = status;
    irp->IoStatus.Information = information;
    IoCompleteRequest(irp, IO_NO_INCREMENT);
    return status;
}

static NTSTATUS dispatch_create(PDEVICE_OBJECT device, PIRP irp)
{
    PFILE_OBJECT file = IoGetCurrentIrpStackLocation(irp)->FileObject;
    if (device != control) {
        USHORT n = file->FileName.Length / sizeof(WCHAR);
        if (n > 63)
            n = 63;
        RtlCopyMemory(info.LastFileName, file->FileName.Buffer, n * sizeof(WCHAR));
        info.LastFileName[n] = 0;
        info.LastCreate = device;
        info.Creates++;
    }
    return complete(irp, STATUS_SUCCESS, 0);
}

static NTSTATUS dispatch_close(PDEVICE_OBJECT device, PIRP irp)
{
    UNREFERENCED_PARAMETER(device);
    return complete(irp, STATUS_SUCCESS, 0);
}

static NTSTATUS dispatch_ioctl(PDEVICE_OBJECT device, PIRP irp)
{
    PIO_STACK_LOCATION s = IoGetCurrentIrpStackLocation(irp);
    if (device != control || s->Parameters.DeviceIoControl.IoControlCode != IOCTL_IFT_INFO)
        return complete(irp, STATUS_INVALID_DEVICE_REQUEST, 0);
    if (s->Parameters.DeviceIoControl.OutputBufferLength < sizeof(info))
        return complete(irp, STATUS_BUFFER_TOO_SMALL, 0);
    RtlCopyMemory(irp->AssociatedIrp.SystemBuffer, &info, sizeof(info));
    return complete(irp, STATUS_SUCCESS, sizeof(info));
}

static NTSTATUS create(PDRIVER_OBJECT driver, PCWSTR name, PDEVICE_OBJECT *device)
{
    UNICODE_STRING u;
    if (name != NULL)
        RtlInitUnicodeString(&u, name);
    return IoCreateDevice(driver, 0, name != NULL ? &u : NULL, FILE_DEVICE_UNKNOWN, 0, FALSE,
                          device);
}

static VOID unload(PDRIVER_OBJECT driver)
{
    UNREFERENCED_PARAMETER(driver);
    IoDeleteSymbolicLink(&control_link);
    IoDetachDevice(info.Pdo[0]);
    IoDeleteDevice(info.Fdo);
    IoDeleteDevice(info.Pdo[0]);
    IoDeleteDevice(info.Pdo[1]);
    IoDeleteDevice(control);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT driver, PUNICODE_STRING registry_path)
{
    UNREFERENCED_PARAMETER(registry_path);
    NTSTATUS status;
    driver->MajorFunction[IRP_MJ_CREATE] = dispatch_create;
    driver->MajorFunction[IRP_MJ_CLEANUP] = dispatch_close;
    driver->MajorFunction[IRP_MJ_CLOSE] = dispatch_close;
    driver->MajorFunction[IRP_MJ_DEVICE_CONTROL] = dispatch_ioctl;
    driver->DriverUnload = unload;
    info.Driver = driver;
    if (!NT_SUCCESS(status = create(driver, L"\\Device\\IfaceTest", &control)) ||
        !NT_SUCCESS(status = create(driver, L"\\Device\\IfaceTestPdo0", &info.Pdo[0])) ||
        !NT_SUCCESS(status = create(driver, L"\\Device\\IfaceTestPdo1", &info.Pdo[1])) ||
        !NT_SUCCESS(status = create(driver, NULL, &info.Fdo)))
        return status; /* the loader deletes what was made */
    if (IoAttachDeviceToDeviceStack(info.Fdo, info.Pdo[0]) == NULL)
        return STATUS_NO_SUCH_DEVICE;
    return IoCreateSymbolicLink(&control_link, &control_name);
}
