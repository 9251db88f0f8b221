/*
 * sehtest.c - structured exception handling in driver code: __try/__except/__finally/__leave,
 * raising, ProbeForRead/ProbeForWrite and access violations, compiled with the driver profile.
 * DriverEntry runs every case of seh_cases.h once (its result is reported with each ioctl);
 * IOCTL_SEH_RUN_CASE runs one case on the client's thread; the other ioctls end in the bug
 * checks Windows gives for an exception nobody handles.
 */
#include <ntddk.h>

#include "seh_cases.h"
#include "sehtest.h"

DRIVER_INITIALIZE DriverEntry;
static DRIVER_UNLOAD SehTestUnload;
static DRIVER_DISPATCH SehTestCreateClose;
static DRIVER_DISPATCH SehTestDeviceControl;

static PDEVICE_OBJECT g_Device;
static ULONG g_EntryLine; /* the first failing line of the cases run by DriverEntry, or 0 */

static NTSTATUS SehTestCreateClose(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    Irp->IoStatus.Status = STATUS_SUCCESS;
    Irp->IoStatus.Information = 0;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return STATUS_SUCCESS;
}

/* ProbeForWrite of a read-only page the client passed in: STATUS_ACCESS_VIOLATION, a write
 * ([0] = 1) at an address inside the page. */
static ULONG SehProbeReadOnly(PVOID Page, NTSTATUS *Code)
{
    volatile LONG handled = 0;
    *Code = STATUS_SUCCESS;
    __try {
        ProbeForRead(Page, PAGE_SIZE, sizeof(ULONG));
        ProbeForWrite(Page, PAGE_SIZE, sizeof(ULONG));
    } __except (SehSaveRecord(GetExceptionInformation())) {
        handled = 1;
        *Code = GetExceptionCode();
    }
    SEH_EXPECT(handled == 1);
    SEH_EXPECT(SehSavedRecord.NumberParameters == 2);
    SEH_EXPECT(SehSavedRecord.ExceptionInformation[0] == 1);
    SEH_EXPECT(SehSavedRecord.ExceptionInformation[1] - (ULONG_PTR)Page < PAGE_SIZE);
    return 0;
}

static VOID SehRaiseDeclined(VOID)
{
    __try {
        __try {
            ExRaiseStatus(STATUS_DEVICE_NOT_READY);
        } __finally {
            DbgPrint("sehtest: finally ran during the unwind\n");
        }
    } __except (EXCEPTION_CONTINUE_SEARCH) {
    }
}

static NTSTATUS SehTestDeviceControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    ULONG in = sp->Parameters.DeviceIoControl.InputBufferLength;
    ULONG out = sp->Parameters.DeviceIoControl.OutputBufferLength;
    SEHTEST_RESULT *result = Irp->AssociatedIrp.SystemBuffer;
    NTSTATUS status = STATUS_SUCCESS;
    volatile LONG *volatile nowhere = NULL;
    KIRQL irql;
    UNREFERENCED_PARAMETER(DeviceObject);

    Irp->IoStatus.Information = 0;
    switch (sp->Parameters.DeviceIoControl.IoControlCode) {
    case IOCTL_SEH_RUN_CASE: {
        ULONG index;
        if (in < sizeof(ULONG) || out < sizeof(SEHTEST_RESULT)) {
            status = STATUS_BUFFER_TOO_SMALL;
            break;
        }
        index = *(ULONG *)Irp->AssociatedIrp.SystemBuffer;
        if (index >= SEH_CASE_COUNT) {
            status = STATUS_INVALID_PARAMETER;
            break;
        }
        RtlZeroMemory(result, sizeof(*result));
        result->Line = SehCases[index].Run();
        result->EntryLine = g_EntryLine;
        Irp->IoStatus.Information = sizeof(*result);
        break;
    }
    case IOCTL_SEH_PROBE_WRITE_READONLY: {
        PVOID page;
        NTSTATUS code;
        if (in < sizeof(PVOID) || out < sizeof(SEHTEST_RESULT)) {
            status = STATUS_BUFFER_TOO_SMALL;
            break;
        }
        page = *(PVOID *)Irp->AssociatedIrp.SystemBuffer;
        RtlZeroMemory(result, sizeof(*result));
        result->Line = SehProbeReadOnly(page, &code);
        result->Status = code;
        result->EntryLine = g_EntryLine;
        Irp->IoStatus.Information = sizeof(*result);
        break;
    }
    case IOCTL_SEH_RAISE_UNCAUGHT:
        ExRaiseStatus(STATUS_INSUFFICIENT_RESOURCES);
    case IOCTL_SEH_FAULT_UNCAUGHT:
        *nowhere = 1;
        break;
    case IOCTL_SEH_RAISE_DECLINED:
        SehRaiseDeclined();
        break;
    case IOCTL_SEH_FAULT_AT_DISPATCH:
        KeRaiseIrql(DISPATCH_LEVEL, &irql);
        __try {
            status = *nowhere;
        } __except (EXCEPTION_EXECUTE_HANDLER) {
            status = STATUS_UNSUCCESSFUL;
        }
        KeLowerIrql(irql);
        break;
    default:
        status = STATUS_INVALID_DEVICE_REQUEST;
        break;
    }
    Irp->IoStatus.Status = status;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return status;
}

static VOID SehTestUnload(PDRIVER_OBJECT DriverObject)
{
    UNICODE_STRING link = RTL_CONSTANT_STRING(L"\\DosDevices\\SehTest");
    UNREFERENCED_PARAMETER(DriverObject);
    IoDeleteSymbolicLink(&link);
    IoDeleteDevice(g_Device);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNICODE_STRING name = RTL_CONSTANT_STRING(L"\\Device\\SehTest");
    UNICODE_STRING link = RTL_CONSTANT_STRING(L"\\DosDevices\\SehTest");
    NTSTATUS status;
    ULONG i;
    UNREFERENCED_PARAMETER(RegistryPath);

    for (i = 0; i < SEH_CASE_COUNT && g_EntryLine == 0; i++)
        g_EntryLine = SehCases[i].Run();

    DriverObject->MajorFunction[IRP_MJ_CREATE] = SehTestCreateClose;
    DriverObject->MajorFunction[IRP_MJ_CLOSE] = SehTestCreateClose;
    DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = SehTestDeviceControl;
    DriverObject->DriverUnload = SehTestUnload;
    status = IoCreateDevice(DriverObject, 0, &name, FILE_DEVICE_UNKNOWN, 0, FALSE, &g_Device);
    if (!NT_SUCCESS(status))
        return status;
    g_Device->Flags |= DO_BUFFERED_IO;
    status = IoCreateSymbolicLink(&link, &name);
    if (!NT_SUCCESS(status)) {
        IoDeleteDevice(g_Device);
        return status;
    }
    return STATUS_SUCCESS;
}
