/*
 * wdmframe.h - the frame the PnP layer's hardware test drivers (wdmintr.c, uarttest.c,
 * serport.c) share: a
 * WDM function driver with one named device object (and a symbolic link) per device, attached
 * over its PDO, which completes creates and closes, runs START_DEVICE after the bus below it,
 * and detaches and deletes its device at REMOVE_DEVICE. Each driver's device extension begins
 * with a WDM_FRAME; the driver gives its own START_DEVICE work, clean-up and device controls
 * (helpers: the start's port range, the line-based interrupt's connection).
 * Static functions: each driver has its own copy. Public WDK headers only.
 */
#ifndef WDMFRAME_H
#define WDMFRAME_H

#include <ntddk.h>

typedef struct _WDM_FRAME {
    PDEVICE_OBJECT Lower, Pdo;
} WDM_FRAME;

typedef NTSTATUS WDM_FRAME_START(PDEVICE_OBJECT Device, PIRP Irp);
typedef VOID WDM_FRAME_CLEANUP(PDEVICE_OBJECT Device);

static NTSTATUS NTAPI WdmFrameDone(PDEVICE_OBJECT Device, PIRP Irp, PVOID Context)
{
    UNREFERENCED_PARAMETER(Device);
    UNREFERENCED_PARAMETER(Irp);
    KeSetEvent((PKEVENT)Context, IO_NO_INCREMENT, FALSE);
    return STATUS_MORE_PROCESSING_REQUIRED;
}

/* Sends the IRP down and waits for the drivers below to complete it; the IRP stays ours. */
static NTSTATUS WdmFrameForwardAndWait(PDEVICE_OBJECT Device, PIRP Irp)
{
    WDM_FRAME *frame = Device->DeviceExtension;
    KEVENT done;
    KeInitializeEvent(&done, NotificationEvent, FALSE);
    IoCopyCurrentIrpStackLocationToNext(Irp);
    IoSetCompletionRoutine(Irp, WdmFrameDone, &done, TRUE, TRUE, TRUE);
    if (IoCallDriver(frame->Lower, Irp) == STATUS_PENDING)
        KeWaitForSingleObject(&done, Executive, KernelMode, FALSE, NULL);
    return Irp->IoStatus.Status;
}

/* The driver's AddDevice: `size` bytes of zeroed extension (a WDM_FRAME first). */
static NTSTATUS WdmFrameAddDevice(PDRIVER_OBJECT Driver, PDEVICE_OBJECT Pdo, ULONG size,
                                  PCWSTR Name, PCWSTR Link)
{
    UNICODE_STRING name, link;
    PDEVICE_OBJECT device;
    WDM_FRAME *frame;
    NTSTATUS status;
    RtlInitUnicodeString(&name, Name);
    RtlInitUnicodeString(&link, Link);
    status = IoCreateDevice(Driver, size, &name, FILE_DEVICE_UNKNOWN, 0, FALSE, &device);
    if (!NT_SUCCESS(status))
        return status;
    frame = device->DeviceExtension;
    RtlZeroMemory(frame, size);
    frame->Pdo = Pdo;
    frame->Lower = IoAttachDeviceToDeviceStack(device, Pdo);
    IoCreateSymbolicLink(&link, &name);
    device->Flags &= ~DO_DEVICE_INITIALIZING;
    return STATUS_SUCCESS;
}

/* REMOVE_DEVICE, once the driver cleaned up: the link goes, the IRP goes down, the device goes. */
static NTSTATUS WdmFrameRemove(PDEVICE_OBJECT Device, PIRP Irp, PCWSTR Link)
{
    WDM_FRAME *frame = Device->DeviceExtension;
    PDEVICE_OBJECT lower = frame->Lower;
    UNICODE_STRING link;
    NTSTATUS status;
    RtlInitUnicodeString(&link, Link);
    IoDeleteSymbolicLink(&link);
    IoSkipCurrentIrpStackLocation(Irp);
    status = IoCallDriver(lower, Irp);
    IoDetachDevice(lower);
    IoDeleteDevice(Device);
    return status;
}

/* The PnP dispatch: START_DEVICE through `start` (after the bus), REMOVE_DEVICE through
 * `cleanup` then WdmFrameRemove, the rest passed down. */
static NTSTATUS WdmFramePnp(PDEVICE_OBJECT Device, PIRP Irp, WDM_FRAME_START *start,
                            WDM_FRAME_CLEANUP *cleanup, PCWSTR Link)
{
    WDM_FRAME *frame = Device->DeviceExtension;
    NTSTATUS status;
    switch (IoGetCurrentIrpStackLocation(Irp)->MinorFunction) {
    case IRP_MN_START_DEVICE:
        status = WdmFrameForwardAndWait(Device, Irp);
        if (NT_SUCCESS(status))
            status = start(Device, Irp);
        Irp->IoStatus.Status = status;
        IoCompleteRequest(Irp, IO_NO_INCREMENT);
        return status;
    case IRP_MN_REMOVE_DEVICE:
        cleanup(Device);
        return WdmFrameRemove(Device, Irp, Link);
    default:
        IoSkipCurrentIrpStackLocation(Irp);
        return IoCallDriver(frame->Lower, Irp);
    }
}

/* START_DEVICE's first I/O port range (NULL: none). */
static PUCHAR WdmFramePortBase(PIRP Irp)
{
    PCM_RESOURCE_LIST list =
        IoGetCurrentIrpStackLocation(Irp)->Parameters.StartDevice.AllocatedResourcesTranslated;
    for (ULONG i = 0;
         list != NULL && list->Count > 0 && i < list->List[0].PartialResourceList.Count; i++) {
        PCM_PARTIAL_RESOURCE_DESCRIPTOR d =
            &list->List[0].PartialResourceList.PartialDescriptors[i];
        if (d->Type == CmResourceTypePort)
            return (PUCHAR)(ULONG_PTR)d->u.Port.Start.QuadPart;
    }
    return NULL;
}

/* The device's line-based interrupt to the ISR (IoConnectInterruptEx), and its disconnection
 * (nothing when none is connected; *Interrupt is NULL after). */
static NTSTATUS WdmFrameConnect(WDM_FRAME *Frame, PKSERVICE_ROUTINE Isr, PVOID Context,
                                PKINTERRUPT *Interrupt)
{
    IO_CONNECT_INTERRUPT_PARAMETERS p;
    RtlZeroMemory(&p, sizeof(p));
    p.Version = CONNECT_LINE_BASED;
    p.LineBased.PhysicalDeviceObject = Frame->Pdo;
    p.LineBased.InterruptObject = Interrupt;
    p.LineBased.ServiceRoutine = Isr;
    p.LineBased.ServiceContext = Context;
    return IoConnectInterruptEx(&p);
}

static VOID WdmFrameDisconnect(PKINTERRUPT *Interrupt)
{
    IO_DISCONNECT_INTERRUPT_PARAMETERS p;
    if (*Interrupt == NULL)
        return;
    RtlZeroMemory(&p, sizeof(p));
    p.Version = CONNECT_LINE_BASED;
    p.ConnectionContext.InterruptObject = *Interrupt;
    IoDisconnectInterruptEx(&p);
    *Interrupt = NULL;
}

static NTSTATUS WdmFrameCreateClose(PDEVICE_OBJECT Device, PIRP Irp)
{
    UNREFERENCED_PARAMETER(Device);
    Irp->IoStatus.Status = STATUS_SUCCESS;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return STATUS_SUCCESS;
}

static VOID WdmFrameUnload(PDRIVER_OBJECT Driver)
{
    UNREFERENCED_PARAMETER(Driver);
}

/* DriverEntry's work: the driver's AddDevice, PnP and device-control routines. */
static VOID WdmFrameInit(PDRIVER_OBJECT Driver, PDRIVER_ADD_DEVICE AddDevice, PDRIVER_DISPATCH Pnp,
                         PDRIVER_DISPATCH DeviceControl)
{
    Driver->DriverExtension->AddDevice = AddDevice;
    Driver->DriverUnload = WdmFrameUnload;
    Driver->MajorFunction[IRP_MJ_PNP] = Pnp;
    Driver->MajorFunction[IRP_MJ_CREATE] = WdmFrameCreateClose;
    Driver->MajorFunction[IRP_MJ_CLOSE] = WdmFrameCreateClose;
    Driver->MajorFunction[IRP_MJ_DEVICE_CONTROL] = DeviceControl;
}

#endif
