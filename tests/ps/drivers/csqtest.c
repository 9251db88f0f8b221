/*
 * csqtest.c - a driver that parks IRPs in a cancel-safe queue: IOCTL_CSQ_QUEUE pends the IRP
 * (IoCsqInsertIrp), IOCTL_CSQ_DEQUEUE completes the oldest parked IRP with STATUS_SUCCESS and
 * Information 5. A cancelled parked IRP is completed with STATUS_CANCELLED. Written against the
 * WDK documentation only.
 */
#include <ntddk.h>

#include "csqtest.h"

static IO_CSQ g_Csq;
static LIST_ENTRY g_Queue;
static KSPIN_LOCK g_Lock;
static PDEVICE_OBJECT g_Device;

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD CsqTestUnload;
DRIVER_DISPATCH CsqTestCreateClose, CsqTestControl;

static VOID CsqInsert(PIO_CSQ Csq, PIRP Irp)
{
    UNREFERENCED_PARAMETER(Csq);
    InsertTailList(&g_Queue, &Irp->Tail.Overlay.ListEntry);
}

static VOID CsqRemove(PIO_CSQ Csq, PIRP Irp)
{
    UNREFERENCED_PARAMETER(Csq);
    RemoveEntryList(&Irp->Tail.Overlay.ListEntry);
}

static PIRP CsqPeek(PIO_CSQ Csq, PIRP Irp, PVOID PeekContext)
{
    PLIST_ENTRY next = Irp == NULL ? g_Queue.Flink : Irp->Tail.Overlay.ListEntry.Flink;
    UNREFERENCED_PARAMETER(Csq);
    UNREFERENCED_PARAMETER(PeekContext);
    return next == &g_Queue ? NULL : CONTAINING_RECORD(next, IRP, Tail.Overlay.ListEntry);
}

static VOID CsqAcquire(PIO_CSQ Csq, PKIRQL Irql)
{
    UNREFERENCED_PARAMETER(Csq);
    KeAcquireSpinLock(&g_Lock, Irql);
}

static VOID CsqRelease(PIO_CSQ Csq, KIRQL Irql)
{
    UNREFERENCED_PARAMETER(Csq);
    KeReleaseSpinLock(&g_Lock, Irql);
}

static VOID CsqCompleteCanceled(PIO_CSQ Csq, PIRP Irp)
{
    UNREFERENCED_PARAMETER(Csq);
    Irp->IoStatus.Status = STATUS_CANCELLED;
    Irp->IoStatus.Information = 0;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
}

NTSTATUS CsqTestCreateClose(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    Irp->IoStatus.Status = STATUS_SUCCESS;
    Irp->IoStatus.Information = 0;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return STATUS_SUCCESS;
}

static NTSTATUS Dequeue(PIRP Irp)
{
    PIRP parked = IoCsqRemoveNextIrp(&g_Csq, NULL);
    NTSTATUS status = parked != NULL ? STATUS_SUCCESS : STATUS_NO_MORE_ENTRIES;
    if (parked != NULL) {
        parked->IoStatus.Status = STATUS_SUCCESS;
        parked->IoStatus.Information = 5;
        IoCompleteRequest(parked, IO_NO_INCREMENT);
    }
    Irp->IoStatus.Status = status;
    Irp->IoStatus.Information = 0;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return status;
}

NTSTATUS CsqTestControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    UNREFERENCED_PARAMETER(DeviceObject);
    switch (sp->Parameters.DeviceIoControl.IoControlCode) {
    case IOCTL_CSQ_QUEUE:
        IoCsqInsertIrp(&g_Csq, Irp, NULL);
        return STATUS_PENDING;
    case IOCTL_CSQ_DEQUEUE:
        return Dequeue(Irp);
    default:
        Irp->IoStatus.Status = STATUS_INVALID_DEVICE_REQUEST;
        IoCompleteRequest(Irp, IO_NO_INCREMENT);
        return STATUS_INVALID_DEVICE_REQUEST;
    }
}

VOID CsqTestUnload(PDRIVER_OBJECT DriverObject)
{
    UNICODE_STRING link = RTL_CONSTANT_STRING(L"\\??\\CsqTest");
    UNREFERENCED_PARAMETER(DriverObject);
    IoDeleteSymbolicLink(&link);
    IoDeleteDevice(g_Device);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNICODE_STRING name = RTL_CONSTANT_STRING(L"\\Device\\CsqTest");
    UNICODE_STRING link = RTL_CONSTANT_STRING(L"\\??\\CsqTest");
    NTSTATUS status;
    UNREFERENCED_PARAMETER(RegistryPath);
    InitializeListHead(&g_Queue);
    KeInitializeSpinLock(&g_Lock);
    IoCsqInitialize(&g_Csq, CsqInsert, CsqRemove, CsqPeek, CsqAcquire, CsqRelease,
                    CsqCompleteCanceled);
    status = IoCreateDevice(DriverObject, 0, &name, FILE_DEVICE_UNKNOWN, 0, FALSE, &g_Device);
    if (!NT_SUCCESS(status))
        return status;
    status = IoCreateSymbolicLink(&link, &name);
    if (!NT_SUCCESS(status)) {
        IoDeleteDevice(g_Device);
        return status;
    }
    DriverObject->MajorFunction[IRP_MJ_CREATE] = CsqTestCreateClose;
    DriverObject->MajorFunction[IRP_MJ_CLOSE] = CsqTestCreateClose;
    DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = CsqTestControl;
    DriverObject->DriverUnload = CsqTestUnload;
    return STATUS_SUCCESS;
}
