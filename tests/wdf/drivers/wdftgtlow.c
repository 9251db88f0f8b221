/*
 * wdftgtlow.c - the WDM driver the framework I/O target tests send to: a buffered-I/O device
 * (\Device\WtLowBuf) and a direct-I/O device (\Device\WtLowDir). Reads return LOW_PATTERN at
 * their offset, writes are remembered, IOCTL_LOW_ECHO[_DIR] and the internal IOCTL_LOW_INTERNAL
 * echo their input, IOCTL_LOW_HOLD stays pending until canceled, IOCTL_LOW_LATCH until canceled
 * and then released (IOCTL_LOW_RELEASE), IOCTL_LOW_INFO tells what the device saw (wdftarget.h).
 */
#include <wdm.h>

#include "wdftarget.h"

DRIVER_INITIALIZE DriverEntry;

typedef struct _LOW_EXT {
    KSPIN_LOCK Lock; /* Info, Latched */
    LOW_INFO Info;
    PIRP Latched;    /* an IOCTL_LOW_LATCH canceled and not completed yet */
    KEVENT InCancel; /* IOCTL_LOW_STALL's cancel routine has begun */
    KEVENT Proceed;  /* ... and may complete it (IOCTL_LOW_PROCEED) */
} LOW_EXT;

static NTSTATUS LowComplete(PIRP Irp, NTSTATUS Status, ULONG_PTR Information)
{
    Irp->IoStatus.Status = Status;
    Irp->IoStatus.Information = Information;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}

static LOW_EXT *LowExt(PDEVICE_OBJECT Device)
{
    return (LOW_EXT *)Device->DeviceExtension;
}

static NTSTATUS LowCreateClose(PDEVICE_OBJECT Device, PIRP Irp)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    LOW_EXT *x = LowExt(Device);
    KIRQL irql;
    KeAcquireSpinLock(&x->Lock, &irql);
    if (sp->MajorFunction == IRP_MJ_CREATE) {
        x->Info.Opens++;
        x->Info.LastAccess = sp->Parameters.Create.SecurityContext->DesiredAccess;
        x->Info.LastShare = sp->Parameters.Create.ShareAccess;
    } else if (sp->MajorFunction == IRP_MJ_CLOSE) {
        x->Info.Opens--;
    }
    KeReleaseSpinLock(&x->Lock, irql);
    return LowComplete(Irp, STATUS_SUCCESS, 0);
}

/* The buffer of a read or write: the system buffer (buffered I/O) or the MDL (direct I/O). */
static PUCHAR LowBuffer(PDEVICE_OBJECT Device, PIRP Irp)
{
    if (Device->Flags & DO_DIRECT_IO)
        return Irp->MdlAddress != NULL
                   ? (PUCHAR)MmGetSystemAddressForMdlSafe(Irp->MdlAddress, NormalPagePriority)
                   : NULL;
    return (PUCHAR)Irp->AssociatedIrp.SystemBuffer;
}

static NTSTATUS LowReadWrite(PDEVICE_OBJECT Device, PIRP Irp)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    LOW_EXT *x = LowExt(Device);
    PUCHAR b = LowBuffer(Device, Irp);
    ULONG length = sp->Parameters.Read.Length, i;
    LONGLONG offset = sp->Parameters.Read.ByteOffset.QuadPart;
    KIRQL irql;
    if (length > 0 && b == NULL)
        return LowComplete(Irp, STATUS_INVALID_USER_BUFFER, 0);
    KeAcquireSpinLock(&x->Lock, &irql);
    x->Info.LastOffset = offset;
    x->Info.LastFile = sp->FileObject;
    if (sp->MajorFunction == IRP_MJ_READ) {
        for (i = 0; i < length; i++)
            b[i] = LOW_PATTERN(offset, i);
    } else {
        x->Info.Written = length;
        RtlZeroMemory(x->Info.Data, sizeof(x->Info.Data));
        RtlCopyMemory(x->Info.Data, b,
                      length < sizeof(x->Info.Data) ? length : sizeof(x->Info.Data));
    }
    KeReleaseSpinLock(&x->Lock, irql);
    return LowComplete(Irp, STATUS_SUCCESS, length);
}

/* A cancel routine's work: counts the cancel, then completes the IRP (STATUS_CANCELLED) or, with
 * `Keep` (IOCTL_LOW_LATCH), keeps it for IOCTL_LOW_RELEASE, as a device whose cancel finishes
 * later. */
static VOID LowCanceled(PDEVICE_OBJECT Device, PIRP Irp, BOOLEAN Keep)
{
    LOW_EXT *x = LowExt(Device);
    KIRQL irql;
    IoReleaseCancelSpinLock(Irp->CancelIrql);
    KeAcquireSpinLock(&x->Lock, &irql);
    x->Info.Canceled++;
    if (Keep)
        x->Latched = Irp;
    KeReleaseSpinLock(&x->Lock, irql);
    if (!Keep)
        LowComplete(Irp, STATUS_CANCELLED, 0);
}

static VOID LowCancel(PDEVICE_OBJECT Device, PIRP Irp)
{
    LowCanceled(Device, Irp, FALSE);
}

static VOID LowLatchCancel(PDEVICE_OBJECT Device, PIRP Irp)
{
    LowCanceled(Device, Irp, TRUE);
}

/* Pending until canceled (IOCTL_LOW_HOLD, IOCTL_LOW_LATCH: their cancel routine). */
static NTSTATUS LowPend(PIRP Irp, PDRIVER_CANCEL Cancel)
{
    IoMarkIrpPending(Irp);
    IoSetCancelRoutine(Irp, Cancel);
    if (Irp->Cancel && IoSetCancelRoutine(Irp, NULL) != NULL)
        LowComplete(Irp, STATUS_CANCELLED, 0);
    return STATUS_PENDING;
}

/* Completes the latched IRP, if any; the release's information says whether there was one. */
static NTSTATUS LowRelease(LOW_EXT *x, PIRP Irp)
{
    PIRP latched;
    KIRQL irql;
    KeAcquireSpinLock(&x->Lock, &irql);
    latched = x->Latched;
    x->Latched = NULL;
    KeReleaseSpinLock(&x->Lock, irql);
    if (latched != NULL)
        LowComplete(latched, STATUS_CANCELLED, 0);
    return LowComplete(Irp, STATUS_SUCCESS, latched != NULL);
}

/* IOCTL_LOW_STALL's cancel routine completes the IRP on the canceling thread, inside its
 * IoCancelIrp, but only once IOCTL_LOW_PROCEED says so: meanwhile IOCTL_LOW_WAIT_CANCEL returns.
 * The IoCancelIrp of the test is at PASSIVE_LEVEL, the level the routine waits at. */
static VOID LowStallCancel(PDEVICE_OBJECT Device, PIRP Irp)
{
    LOW_EXT *x = LowExt(Device);
    IoReleaseCancelSpinLock(Irp->CancelIrql);
    KeSetEvent(&x->InCancel, IO_NO_INCREMENT, FALSE);
    KeWaitForSingleObject(&x->Proceed, Executive, KernelMode, FALSE, NULL);
    LowComplete(Irp, STATUS_CANCELLED, 0);
}

static NTSTATUS LowControl(PDEVICE_OBJECT Device, PIRP Irp)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    ULONG in = sp->Parameters.DeviceIoControl.InputBufferLength;
    ULONG out = sp->Parameters.DeviceIoControl.OutputBufferLength;
    ULONG n = in < out ? in : out;
    LOW_EXT *x = LowExt(Device);
    PUCHAR dst;
    KIRQL irql;
    x->Info.LastFile = sp->FileObject;
    switch (sp->Parameters.DeviceIoControl.IoControlCode) {
    case IOCTL_LOW_ECHO: /* one system buffer: the input is already where the output goes */
        return LowComplete(Irp, STATUS_SUCCESS, n);
    case IOCTL_LOW_ECHO_DIR:
        dst = Irp->MdlAddress != NULL
                  ? (PUCHAR)MmGetSystemAddressForMdlSafe(Irp->MdlAddress, NormalPagePriority)
                  : NULL;
        if (n > 0 && dst == NULL)
            return LowComplete(Irp, STATUS_INVALID_USER_BUFFER, 0);
        RtlCopyMemory(dst, Irp->AssociatedIrp.SystemBuffer, n);
        return LowComplete(Irp, STATUS_SUCCESS, n);
    case IOCTL_LOW_HOLD:
        return LowPend(Irp, LowCancel);
    case IOCTL_LOW_LATCH:
        return LowPend(Irp, LowLatchCancel);
    case IOCTL_LOW_RELEASE:
        return LowRelease(x, Irp);
    case IOCTL_LOW_STALL:
        IoMarkIrpPending(Irp);
        IoSetCancelRoutine(Irp, LowStallCancel); /* the test cancels it only after this */
        return STATUS_PENDING;
    case IOCTL_LOW_WAIT_CANCEL:
        KeWaitForSingleObject(&x->InCancel, Executive, KernelMode, FALSE, NULL);
        return LowComplete(Irp, STATUS_SUCCESS, 0);
    case IOCTL_LOW_PROCEED:
        KeSetEvent(&x->Proceed, IO_NO_INCREMENT, FALSE);
        return LowComplete(Irp, STATUS_SUCCESS, 0);
    case IOCTL_LOW_INFO:
        if (out < sizeof(LOW_INFO))
            return LowComplete(Irp, STATUS_BUFFER_TOO_SMALL, 0);
        KeAcquireSpinLock(&x->Lock, &irql);
        RtlCopyMemory(Irp->AssociatedIrp.SystemBuffer, &x->Info, sizeof(LOW_INFO));
        KeReleaseSpinLock(&x->Lock, irql);
        return LowComplete(Irp, STATUS_SUCCESS, sizeof(LOW_INFO));
    default:
        return LowComplete(Irp, STATUS_INVALID_DEVICE_REQUEST, 0);
    }
}

/* METHOD_NEITHER: the input at Type3InputBuffer, the output at UserBuffer (kernel callers). */
static NTSTATUS LowInternal(PDEVICE_OBJECT Device, PIRP Irp)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    ULONG in = sp->Parameters.DeviceIoControl.InputBufferLength;
    ULONG out = sp->Parameters.DeviceIoControl.OutputBufferLength;
    ULONG n = in < out ? in : out;
    (void)Device;
    if (sp->Parameters.DeviceIoControl.IoControlCode == IOCTL_LOW_OTHERS) {
        if (sp->Parameters.Others.Argument1 == NULL || sp->Parameters.Others.Argument2 == NULL ||
            sp->Parameters.Others.Argument4 == NULL)
            return LowComplete(Irp, STATUS_INVALID_PARAMETER, 0);
        RtlCopyMemory(sp->Parameters.Others.Argument2, sp->Parameters.Others.Argument1, 4);
        *(ULONG *)sp->Parameters.Others.Argument4 = 0xABCD;
        return LowComplete(Irp, STATUS_SUCCESS, 4);
    }
    if (sp->Parameters.DeviceIoControl.IoControlCode != IOCTL_LOW_INTERNAL)
        return LowComplete(Irp, STATUS_INVALID_DEVICE_REQUEST, 0);
    if (n > 0)
        RtlCopyMemory(Irp->UserBuffer, sp->Parameters.DeviceIoControl.Type3InputBuffer, n);
    return LowComplete(Irp, STATUS_SUCCESS, n);
}

static VOID LowUnload(PDRIVER_OBJECT DriverObject)
{
    while (DriverObject->DeviceObject != NULL)
        IoDeleteDevice(DriverObject->DeviceObject);
}

static NTSTATUS LowCreateDevice(PDRIVER_OBJECT DriverObject, PCWSTR Name, ULONG IoFlag)
{
    UNICODE_STRING name;
    PDEVICE_OBJECT device;
    NTSTATUS status;
    RtlInitUnicodeString(&name, Name);
    status = IoCreateDevice(DriverObject, sizeof(LOW_EXT), &name, FILE_DEVICE_UNKNOWN, 0, FALSE,
                            &device);
    if (!NT_SUCCESS(status))
        return status;
    RtlZeroMemory(device->DeviceExtension, sizeof(LOW_EXT));
    KeInitializeSpinLock(&LowExt(device)->Lock);
    KeInitializeEvent(&LowExt(device)->InCancel, SynchronizationEvent, FALSE);
    KeInitializeEvent(&LowExt(device)->Proceed, SynchronizationEvent, FALSE);
    device->Flags |= IoFlag;
    device->Flags &= ~DO_DEVICE_INITIALIZING;
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NTSTATUS status;
    (void)RegistryPath;
    DriverObject->MajorFunction[IRP_MJ_CREATE] = LowCreateClose;
    DriverObject->MajorFunction[IRP_MJ_CLEANUP] = LowCreateClose;
    DriverObject->MajorFunction[IRP_MJ_CLOSE] = LowCreateClose;
    DriverObject->MajorFunction[IRP_MJ_READ] = LowReadWrite;
    DriverObject->MajorFunction[IRP_MJ_WRITE] = LowReadWrite;
    DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = LowControl;
    DriverObject->MajorFunction[IRP_MJ_INTERNAL_DEVICE_CONTROL] = LowInternal;
    DriverObject->DriverUnload = LowUnload;
    status = LowCreateDevice(DriverObject, L"\\Device\\WtLowBuf", DO_BUFFERED_IO);
    if (NT_SUCCESS(status))
        status = LowCreateDevice(DriverObject, L"\\Device\\WtLowDir", DO_DIRECT_IO);
    if (!NT_SUCCESS(status))
        LowUnload(DriverObject);
    return status;
}
