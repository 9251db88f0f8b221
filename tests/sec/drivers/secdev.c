/*
 * secdev.c - a driver of secure device objects (tests/sec): DriverEntry creates one device per
 * predefined SDDL string the tests open; IOCTL_SECDEV_CREATE creates more with the caller's
 * arguments (its SDDL string, class GUID), IOCTL_SECDEV_VALIDATE calls
 * IoValidateDeviceIoControlAccess on the request, and a read calls it on a read request.
 * Builds with the WDK (wdmsec.h, Wdmsec.lib).
 */
#include <ntddk.h>
#include <wdmsec.h>

#include "secdev.h"

DRIVER_INITIALIZE DriverEntry;
static DRIVER_UNLOAD SecUnload;
_Dispatch_type_(IRP_MJ_CREATE) _Dispatch_type_(IRP_MJ_CLOSE)
    _Dispatch_type_(IRP_MJ_CLEANUP) static DRIVER_DISPATCH SecOpenClose;
_Dispatch_type_(IRP_MJ_DEVICE_CONTROL) static DRIVER_DISPATCH SecControl;
_Dispatch_type_(IRP_MJ_READ) static DRIVER_DISPATCH SecRead;

static NTSTATUS SecComplete(PIRP Irp, NTSTATUS Status, ULONG_PTR Information)
{
    Irp->IoStatus.Status = Status;
    Irp->IoStatus.Information = Information;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}

static NTSTATUS SecOpenClose(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    return SecComplete(Irp, STATUS_SUCCESS, 0);
}

static NTSTATUS SecRead(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    return SecComplete(Irp, IoValidateDeviceIoControlAccess(Irp, FILE_READ_ACCESS), 0);
}

static NTSTATUS SecCreate(PDRIVER_OBJECT Driver, SECDEV_CREATE *In, SECDEV_CREATED *Out)
{
    UNICODE_STRING name, sddl;
    PDEVICE_OBJECT device = NULL;
    In->Name[63] = 0;
    In->Sddl[199] = 0;
    RtlInitUnicodeString(&name, In->Name);
    sddl.Buffer = In->Sddl;
    sddl.Length = In->SddlBytes;
    sddl.MaximumLength = sizeof(In->Sddl);
    if (sddl.Length > sizeof(In->Sddl))
        return STATUS_INVALID_PARAMETER;
    RtlZeroMemory(Out, sizeof(*Out));
    Out->Status =
        IoCreateDeviceSecure(Driver, 0, &name, FILE_DEVICE_UNKNOWN, In->Characteristics,
                             In->Exclusive, &sddl, In->UseGuid ? &In->ClassGuid : NULL, &device);
    if (NT_SUCCESS(Out->Status)) {
        Out->DeviceType = device->DeviceType;
        Out->Characteristics = device->Characteristics;
        Out->Flags = device->Flags;
        device->Flags &= ~DO_DEVICE_INITIALIZING;
    } else if (device != NULL) {
        Out->Status = STATUS_UNSUCCESSFUL; /* a failed create must leave the pointer NULL */
    }
    return STATUS_SUCCESS;
}

static NTSTATUS SecControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    ULONG in = sp->Parameters.DeviceIoControl.InputBufferLength;
    ULONG out = sp->Parameters.DeviceIoControl.OutputBufferLength;
    PVOID buf = Irp->AssociatedIrp.SystemBuffer;
    NTSTATUS status;
    switch (sp->Parameters.DeviceIoControl.IoControlCode) {
    case IOCTL_SECDEV_CREATE:
        if (in < sizeof(SECDEV_CREATE) || out < sizeof(SECDEV_CREATED))
            return SecComplete(Irp, STATUS_BUFFER_TOO_SMALL, 0);
        {
            SECDEV_CREATE copy = *(SECDEV_CREATE *)buf;
            status = SecCreate(DeviceObject->DriverObject, &copy, buf);
        }
        return SecComplete(Irp, status, NT_SUCCESS(status) ? sizeof(SECDEV_CREATED) : 0);
    case IOCTL_SECDEV_VALIDATE:
        if (in < sizeof(ULONG) || out < sizeof(LONG))
            return SecComplete(Irp, STATUS_BUFFER_TOO_SMALL, 0);
        *(LONG *)buf = IoValidateDeviceIoControlAccess(Irp, *(ULONG *)buf);
        return SecComplete(Irp, STATUS_SUCCESS, sizeof(LONG));
    default:
        return SecComplete(Irp, STATUS_INVALID_DEVICE_REQUEST, 0);
    }
}

static NTSTATUS SecMake(PDRIVER_OBJECT Driver, PCWSTR Name, PCUNICODE_STRING Sddl,
                        ULONG Characteristics)
{
    UNICODE_STRING name;
    PDEVICE_OBJECT device;
    RtlInitUnicodeString(&name, Name);
    return IoCreateDeviceSecure(Driver, 0, &name, FILE_DEVICE_UNKNOWN, Characteristics, FALSE, Sddl,
                                NULL, &device);
}

static VOID SecUnload(PDRIVER_OBJECT Driver)
{
    while (Driver->DeviceObject != NULL)
        IoDeleteDevice(Driver->DeviceObject);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT Driver, PUNICODE_STRING RegistryPath)
{
    UNICODE_STRING name;
    PDEVICE_OBJECT control;
    NTSTATUS status;
    UNREFERENCED_PARAMETER(RegistryPath);
    Driver->DriverUnload = SecUnload;
    Driver->MajorFunction[IRP_MJ_CREATE] = SecOpenClose;
    Driver->MajorFunction[IRP_MJ_CLOSE] = SecOpenClose;
    Driver->MajorFunction[IRP_MJ_CLEANUP] = SecOpenClose;
    Driver->MajorFunction[IRP_MJ_DEVICE_CONTROL] = SecControl;
    Driver->MajorFunction[IRP_MJ_READ] = SecRead;
    RtlInitUnicodeString(&name, L"\\Device\\SecControl");
    status = IoCreateDevice(Driver, 0, &name, FILE_DEVICE_UNKNOWN, 0, FALSE, &control);
    if (NT_SUCCESS(status))
        status = SecMake(Driver, L"\\Device\\SecAdmAll", &SDDL_DEVOBJ_SYS_ALL_ADM_ALL,
                         FILE_DEVICE_SECURE_OPEN);
    if (NT_SUCCESS(status))
        status = SecMake(Driver, L"\\Device\\SecSysAll", &SDDL_DEVOBJ_SYS_ALL, 0);
    if (NT_SUCCESS(status))
        status = SecMake(Driver, L"\\Device\\SecKernel", &SDDL_DEVOBJ_KERNEL_ONLY,
                         FILE_DEVICE_SECURE_OPEN);
    if (NT_SUCCESS(status))
        status = SecMake(Driver, L"\\Device\\SecWorldR", &SDDL_DEVOBJ_SYS_ALL_ADM_RWX_WORLD_R,
                         FILE_DEVICE_SECURE_OPEN);
    if (!NT_SUCCESS(status))
        SecUnload(Driver);
    return status;
}
