/*
 * planted.c - a legacy WDM driver with one planted bug for the ioctl fuzzer to find: its
 * IOCTL_PLANTED_FILL handler overruns its METHOD_BUFFERED output buffer (SystemBuffer) by 16
 * bytes for exactly one input length (13). Everything else it does is correct, so the fuzzer
 * has to find that one length.
 *
 * Written against the WDK documentation only; it builds unchanged with the real WDK.
 */
#include <ntddk.h>

#include "planted.h"

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD PlantedUnload;
DRIVER_DISPATCH PlantedCreateClose, PlantedDeviceControl;

static PDEVICE_OBJECT g_Device;

static NTSTATUS PlantedComplete(PIRP Irp, NTSTATUS Status, ULONG_PTR Information)
{
    Irp->IoStatus.Status = Status;
    Irp->IoStatus.Information = Information;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}

NTSTATUS PlantedCreateClose(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    return PlantedComplete(Irp, STATUS_SUCCESS, 0);
}

static NTSTATUS PlantedFill(PIRP Irp, PIO_STACK_LOCATION Sp)
{
    ULONG inLen = Sp->Parameters.DeviceIoControl.InputBufferLength;
    ULONG outLen = Sp->Parameters.DeviceIoControl.OutputBufferLength;
    ULONG n = outLen;
    if (outLen == 0)
        return PlantedComplete(Irp, STATUS_BUFFER_TOO_SMALL, 0);
    if (inLen == PLANTED_BAD_INPUT)
        n = outLen + 16; /* THE PLANTED BUG: writes past the end of SystemBuffer */
    RtlFillMemory(Irp->AssociatedIrp.SystemBuffer, n, 0xAB);
    return PlantedComplete(Irp, STATUS_SUCCESS, outLen);
}

static NTSTATUS PlantedSum(PIRP Irp, PIO_STACK_LOCATION Sp)
{
    ULONG inLen = Sp->Parameters.DeviceIoControl.InputBufferLength;
    PUCHAR in = Irp->AssociatedIrp.SystemBuffer;
    ULONG sum = 0;
    if (Sp->Parameters.DeviceIoControl.OutputBufferLength < sizeof(ULONG))
        return PlantedComplete(Irp, STATUS_BUFFER_TOO_SMALL, 0);
    for (ULONG i = 0; i < inLen; i++)
        sum += in[i];
    *(PULONG)Irp->AssociatedIrp.SystemBuffer = sum;
    return PlantedComplete(Irp, STATUS_SUCCESS, sizeof(ULONG));
}

NTSTATUS PlantedDeviceControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    UNREFERENCED_PARAMETER(DeviceObject);
    switch (sp->Parameters.DeviceIoControl.IoControlCode) {
    case IOCTL_PLANTED_FILL:
        return PlantedFill(Irp, sp);
    case IOCTL_PLANTED_SUM:
        return PlantedSum(Irp, sp);
    default:
        return PlantedComplete(Irp, STATUS_INVALID_DEVICE_REQUEST, 0);
    }
}

VOID PlantedUnload(PDRIVER_OBJECT DriverObject)
{
    UNICODE_STRING link;
    UNREFERENCED_PARAMETER(DriverObject);
    RtlInitUnicodeString(&link, L"\\DosDevices\\Planted");
    IoDeleteSymbolicLink(&link);
    IoDeleteDevice(g_Device);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNICODE_STRING name, link;
    NTSTATUS status;
    UNREFERENCED_PARAMETER(RegistryPath);
    RtlInitUnicodeString(&name, L"\\Device\\Planted");
    RtlInitUnicodeString(&link, L"\\DosDevices\\Planted");
    status = IoCreateDevice(DriverObject, 0, &name, FILE_DEVICE_UNKNOWN, FILE_DEVICE_SECURE_OPEN,
                            FALSE, &g_Device);
    if (!NT_SUCCESS(status))
        return status;
    g_Device->Flags |= DO_BUFFERED_IO;
    status = IoCreateSymbolicLink(&link, &name);
    if (!NT_SUCCESS(status)) {
        IoDeleteDevice(g_Device);
        return status;
    }
    DriverObject->MajorFunction[IRP_MJ_CREATE] = PlantedCreateClose;
    DriverObject->MajorFunction[IRP_MJ_CLOSE] = PlantedCreateClose;
    DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = PlantedDeviceControl;
    DriverObject->DriverUnload = PlantedUnload;
    return STATUS_SUCCESS;
}
