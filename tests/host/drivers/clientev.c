/*
 * clientev.c - a driver that signals an event its client created: IOCTL_CEV_SIGNAL's input is
 * { HANDLE Event; LONGLONG DueTime; }; the driver references the event through the handle as
 * the caller's mode allows (ObReferenceObjectByHandle, *ExEventObjectType, EVENT_MODIFY_STATE)
 * and sets it at once (DueTime 0) or from a timer's DPC (DueTime in KeSetTimer's units), one
 * timer at a time. Device \Device\ClientEv, link \??\ClientEv.
 */
#include <ntddk.h>

#define IOCTL_CEV_SIGNAL CTL_CODE(FILE_DEVICE_UNKNOWN, 0x900, METHOD_BUFFERED, FILE_ANY_ACCESS)

typedef struct _CEV_SIGNAL {
    HANDLE Event;
    LONGLONG DueTime;
} CEV_SIGNAL;

DRIVER_INITIALIZE DriverEntry;
static DRIVER_UNLOAD CevUnload;
static KDEFERRED_ROUTINE CevTimerDpc;
_Dispatch_type_(IRP_MJ_CREATE) _Dispatch_type_(IRP_MJ_CLOSE) static DRIVER_DISPATCH CevCreateClose;
_Dispatch_type_(IRP_MJ_DEVICE_CONTROL) static DRIVER_DISPATCH CevIoctl;

static KTIMER cev_timer;
static KDPC cev_dpc;
static PKEVENT volatile cev_armed; /* the event the timer will set (referenced), or NULL */

static VOID CevTimerDpc(PKDPC Dpc, PVOID Context, PVOID Arg1, PVOID Arg2)
{
    PKEVENT event = InterlockedExchangePointer((PVOID volatile *)&cev_armed, NULL);
    UNREFERENCED_PARAMETER(Dpc);
    UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(Arg1);
    UNREFERENCED_PARAMETER(Arg2);
    if (event != NULL) {
        KeSetEvent(event, IO_NO_INCREMENT, FALSE);
        ObDereferenceObject(event);
    }
}

static NTSTATUS CevSignal(PIRP Irp, PIO_STACK_LOCATION sp)
{
    CEV_SIGNAL *in = Irp->AssociatedIrp.SystemBuffer;
    PKEVENT event;
    NTSTATUS status;
    LARGE_INTEGER due;
    if (sp->Parameters.DeviceIoControl.InputBufferLength < sizeof(CEV_SIGNAL))
        return STATUS_INVALID_PARAMETER;
    status = ObReferenceObjectByHandle(in->Event, EVENT_MODIFY_STATE, *ExEventObjectType,
                                       Irp->RequestorMode, (PVOID *)&event, NULL);
    if (!NT_SUCCESS(status))
        return status;
    if (in->DueTime == 0) {
        KeSetEvent(event, IO_NO_INCREMENT, FALSE);
        ObDereferenceObject(event);
        return STATUS_SUCCESS;
    }
    if (InterlockedCompareExchangePointer((PVOID volatile *)&cev_armed, event, NULL) != NULL) {
        ObDereferenceObject(event);
        return STATUS_DEVICE_BUSY;
    }
    due.QuadPart = in->DueTime;
    KeSetTimer(&cev_timer, due, &cev_dpc);
    return STATUS_SUCCESS;
}

static NTSTATUS CevIoctl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    NTSTATUS status = STATUS_INVALID_DEVICE_REQUEST;
    UNREFERENCED_PARAMETER(DeviceObject);
    if (sp->Parameters.DeviceIoControl.IoControlCode == IOCTL_CEV_SIGNAL)
        status = CevSignal(Irp, sp);
    Irp->IoStatus.Status = status;
    Irp->IoStatus.Information = 0;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return status;
}

static NTSTATUS CevCreateClose(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    Irp->IoStatus.Status = STATUS_SUCCESS;
    Irp->IoStatus.Information = 0;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return STATUS_SUCCESS;
}

static VOID CevUnload(PDRIVER_OBJECT DriverObject)
{
    UNICODE_STRING link = RTL_CONSTANT_STRING(L"\\??\\ClientEv");
    PKEVENT event;
    KeCancelTimer(&cev_timer);
    KeFlushQueuedDpcs();
    event = InterlockedExchangePointer((PVOID volatile *)&cev_armed, NULL);
    if (event != NULL)
        ObDereferenceObject(event);
    IoDeleteSymbolicLink(&link);
    IoDeleteDevice(DriverObject->DeviceObject);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNICODE_STRING name = RTL_CONSTANT_STRING(L"\\Device\\ClientEv");
    UNICODE_STRING link = RTL_CONSTANT_STRING(L"\\??\\ClientEv");
    PDEVICE_OBJECT device;
    NTSTATUS status;
    UNREFERENCED_PARAMETER(RegistryPath);
    KeInitializeTimer(&cev_timer);
    KeInitializeDpc(&cev_dpc, CevTimerDpc, NULL);
    status = IoCreateDevice(DriverObject, 0, &name, FILE_DEVICE_UNKNOWN, 0, FALSE, &device);
    if (!NT_SUCCESS(status))
        return status;
    status = IoCreateSymbolicLink(&link, &name);
    if (!NT_SUCCESS(status)) {
        IoDeleteDevice(device);
        return status;
    }
    DriverObject->MajorFunction[IRP_MJ_CREATE] = CevCreateClose;
    DriverObject->MajorFunction[IRP_MJ_CLOSE] = CevCreateClose;
    DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = CevIoctl;
    DriverObject->DriverUnload = CevUnload;
    return STATUS_SUCCESS;
}
