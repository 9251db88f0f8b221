/*
 * vchild.c - the WDM function driver of vbus's children: the PnP sample's device. Each device
 * is a byte FIFO behind the interface GUID_DEVINTERFACE_VCHILD: writes append, reads take, and
 * a read on an empty FIFO pends (in a cancel-safe queue) until a write brings data.
 *
 * What it shows, each as the WDK documentation describes it:
 * - AddDevice: IoCreateDevice, IoAttachDeviceToDeviceStack, the remove lock, a device
 *   interface registered on the PDO;
 * - IRP_MN_START_DEVICE handled after the lower drivers ("Starting a Device in a Function
 *   Driver"), QUERY_STOP/STOP/CANCEL_STOP ("Stopping a Device"), QUERY_REMOVE/REMOVE/
 *   CANCEL_REMOVE ("Removing a Device in a Function Driver"), SURPRISE_REMOVAL ("Handling an
 *   IRP_MN_SURPRISE_REMOVAL Request"); the device capabilities recorded on the way up;
 * - power policy ownership: a system query- or set-power IRP is passed down, and on its way back
 *   a device IRP of the same kind, for the state the capabilities map the system state to, is
 *   requested with PoRequestPowerIrp; the system IRP completes when that one has ("Handling a
 *   System Query-Power IRP in a Device Power Policy Owner", "Handling a System Set-Power IRP
 *   in a Device Power Policy Owner").
 *
 * Requests and states: reads, writes and ioctls run while the device is started (or a removal
 * is only queried); from a successful QUERY_STOP to the next START or CANCEL_STOP they are held
 * in a queue and dispatched again then ("Handling an IRP_MN_QUERY_STOP_DEVICE Request": a
 * driver that does not drop I/O holds it); before the first START: STATUS_DEVICE_NOT_READY;
 * after a surprise removal: STATUS_NO_SUCH_DEVICE. Requests pending (held, or reads waiting for
 * data) fail with STATUS_NO_SUCH_DEVICE at a surprise removal, with STATUS_DELETE_PENDING at
 * REMOVE_DEVICE; a handle's cleanup cancels its own.
 *
 * Locking: FifoLock protects the FIFO bytes and is taken before the read queue's lock; each
 * queue's lock protects its list and, for the hold queue, whether it holds. State is written by
 * PnP IRPs only (serialized by the PnP manager). Lifetime: every IRP in the driver holds the
 * remove lock, released where it completes; REMOVE_DEVICE waits for them before the device
 * object is deleted.
 *
 * Traces with WPP (trace.h): DriverEntry, AddDevice, every PnP IRP by name with the device's
 * state, the power IRPs and the device IRPs it requests, creates and ioctls with their status,
 * reads and writes at TRACE_LEVEL_VERBOSE, and the errors.
 *
 * Written against the WDK documentation only; it builds unchanged with the real WDK.
 */
#include <initguid.h>
#include <wdm.h>

#include "vsample.h"
#include "vsample_pnp.h"
#include "vsample_names.h"
#include "trace.h"
#include "vchild.tmh"

#define VCHILD_TAG 'dlhC'

typedef enum _VCHILD_STATE {
    VcNotStarted,
    VcStarted,
    VcStopPending,
    VcStopped,
    VcRemovePending,
    VcSurpriseRemoved,
    VcRemoved,
} VCHILD_STATE;

/* A cancel-safe queue of IRPs (linked through Tail.Overlay.ListEntry). The hold queue is
 * gated: an IRP is queued only while Holding is set, decided under the queue's lock. */
typedef struct _VCHILD_QUEUE {
    IO_CSQ Csq;
    KSPIN_LOCK Lock;
    LIST_ENTRY List;
    ULONG Count;
    BOOLEAN Gated;
    BOOLEAN Holding;
    struct _VCHILD_EXT *Ext;
} VCHILD_QUEUE, *PVCHILD_QUEUE;

typedef struct _VCHILD_EXT {
    PDEVICE_OBJECT Self;
    PDEVICE_OBJECT Pdo;
    PDEVICE_OBJECT NextLower;
    IO_REMOVE_LOCK RemoveLock;
    UNICODE_STRING InterfaceName;
    VCHILD_STATE State;
    VCHILD_STATE StateBeforeQuery; /* restored by CANCEL_STOP and CANCEL_REMOVE */
    ULONG SerialNo;
    /* power */
    DEVICE_POWER_STATE DeviceMap[POWER_SYSTEM_MAXIMUM]; /* from QUERY_CAPABILITIES */
    DEVICE_POWER_STATE DevicePower;
    SYSTEM_POWER_STATE SystemPower;
    PIRP SystemIrp; /* the system set- or query-power IRP waiting for our device IRP */
    /* the FIFO and the reads waiting for it */
    KSPIN_LOCK FifoLock;
    UCHAR Fifo[VCHILD_FIFO_SIZE];
    ULONG Head, Count;
    VCHILD_QUEUE Reads; /* reads waiting for data */
    VCHILD_QUEUE Held;  /* reads, writes and ioctls held while the device is stopped */
} VCHILD_EXT, *PVCHILD_EXT;

DRIVER_INITIALIZE DriverEntry;
DRIVER_ADD_DEVICE VchildAddDevice;
DRIVER_UNLOAD VchildUnload;
DRIVER_DISPATCH VchildCreate, VchildClose, VchildCleanup, VchildRead, VchildWrite,
    VchildDeviceControl, VchildPnp, VchildPower, VchildSystemControl;
IO_CSQ_INSERT_IRP_EX VchildCsqInsert;
IO_CSQ_REMOVE_IRP VchildCsqRemove;
IO_CSQ_PEEK_NEXT_IRP VchildCsqPeekNext;
IO_CSQ_ACQUIRE_LOCK VchildCsqAcquireLock;
IO_CSQ_RELEASE_LOCK VchildCsqReleaseLock;
IO_CSQ_COMPLETE_CANCELED_IRP VchildCsqCompleteCanceled;
IO_COMPLETION_ROUTINE VchildSystemDone, VchildDevicePowerUpDone;
REQUEST_POWER_COMPLETE VchildSystemDeviceDone;

static PVCHILD_EXT VchildExt(PDEVICE_OBJECT DeviceObject)
{
    return (PVCHILD_EXT)DeviceObject->DeviceExtension;
}

static NTSTATUS VchildComplete(PIRP Irp, NTSTATUS Status, ULONG_PTR Information)
{
    Irp->IoStatus.Status = Status;
    Irp->IoStatus.Information = Information;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}

static PCSTR VchildStateName(VCHILD_STATE State)
{
    static PCSTR const names[] = {"not started",    "started",          "stop pending", "stopped",
                                  "remove pending", "surprise-removed", "removed"};
    return (ULONG)State < RTL_NUMBER_OF(names) ? names[State] : "?";
}

/* Completes an IRP that holds the remove lock, and releases it. */
static NTSTATUS VchildFinish(PVCHILD_EXT Ext, PIRP Irp, NTSTATUS Status, ULONG_PTR Information)
{
    VchildComplete(Irp, Status, Information);
    IoReleaseRemoveLock(&Ext->RemoveLock, Irp);
    return Status;
}

/* Whether a new request may run in this state (reads, writes and ioctls are held first while
 * the device is stopped). */
static NTSTATUS VchildAdmit(PVCHILD_EXT Ext)
{
    switch (Ext->State) {
    case VcStarted:
    case VcStopPending:
    case VcStopped: /* creates; I/O is held before it gets here */
    case VcRemovePending:
        return STATUS_SUCCESS;
    case VcSurpriseRemoved:
        return STATUS_NO_SUCH_DEVICE;
    case VcRemoved:
        return STATUS_DELETE_PENDING;
    default:
        return STATUS_DEVICE_NOT_READY;
    }
}

/* ==== the cancel-safe queue of pending reads ============================================== */

#define VCHILD_QUEUE_OF(csq) CONTAINING_RECORD(csq, VCHILD_QUEUE, Csq)

/* Refused (the caller keeps the IRP) when a gated queue is not holding. */
NTSTATUS VchildCsqInsert(PIO_CSQ Csq, PIRP Irp, PVOID InsertContext)
{
    PVCHILD_QUEUE q = VCHILD_QUEUE_OF(Csq);

    UNREFERENCED_PARAMETER(InsertContext);
    if (q->Gated && !q->Holding)
        return STATUS_UNSUCCESSFUL;
    InsertTailList(&q->List, &Irp->Tail.Overlay.ListEntry);
    q->Count++;
    return STATUS_SUCCESS;
}

VOID VchildCsqRemove(PIO_CSQ Csq, PIRP Irp)
{
    RemoveEntryList(&Irp->Tail.Overlay.ListEntry);
    VCHILD_QUEUE_OF(Csq)->Count--;
}

/* The next IRP after Irp (from the head when NULL); with a PeekContext, the next one of that
 * file object. */
PIRP VchildCsqPeekNext(PIO_CSQ Csq, PIRP Irp, PVOID PeekContext)
{
    PVCHILD_QUEUE q = VCHILD_QUEUE_OF(Csq);
    PLIST_ENTRY e = Irp ? Irp->Tail.Overlay.ListEntry.Flink : q->List.Flink;

    for (; e != &q->List; e = e->Flink) {
        PIRP next = CONTAINING_RECORD(e, IRP, Tail.Overlay.ListEntry);
        if (PeekContext == NULL || IoGetCurrentIrpStackLocation(next)->FileObject == PeekContext)
            return next;
    }
    return NULL;
}

VOID VchildCsqAcquireLock(PIO_CSQ Csq, PKIRQL Irql)
{
    KeAcquireSpinLock(&VCHILD_QUEUE_OF(Csq)->Lock, Irql);
}

VOID VchildCsqReleaseLock(PIO_CSQ Csq, KIRQL Irql)
{
    KeReleaseSpinLock(&VCHILD_QUEUE_OF(Csq)->Lock, Irql);
}

VOID VchildCsqCompleteCanceled(PIO_CSQ Csq, PIRP Irp)
{
    VchildFinish(VCHILD_QUEUE_OF(Csq)->Ext, Irp, STATUS_CANCELLED, 0);
}

static VOID VchildQueueInit(PVCHILD_EXT Ext, PVCHILD_QUEUE Q, BOOLEAN Gated)
{
    Q->Ext = Ext;
    Q->Gated = Gated;
    KeInitializeSpinLock(&Q->Lock);
    InitializeListHead(&Q->List);
    IoCsqInitializeEx(&Q->Csq, VchildCsqInsert, VchildCsqRemove, VchildCsqPeekNext,
                      VchildCsqAcquireLock, VchildCsqReleaseLock, VchildCsqCompleteCanceled);
}

/* Fails the IRPs of a queue (those of one file object, or all when FileObject is NULL). */
static VOID VchildFailQueue(PVCHILD_EXT Ext, PVCHILD_QUEUE Q, PFILE_OBJECT FileObject,
                            NTSTATUS Status)
{
    PIRP irp;
    while ((irp = IoCsqRemoveNextIrp(&Q->Csq, FileObject)) != NULL)
        VchildFinish(Ext, irp, Status, 0);
}

static VOID VchildFailReads(PVCHILD_EXT Ext, PFILE_OBJECT FileObject, NTSTATUS Status)
{
    VchildFailQueue(Ext, &Ext->Held, FileObject, Status);
    VchildFailQueue(Ext, &Ext->Reads, FileObject, Status);
}

/* ---- holding requests while the device is stopped ("Holding Incoming IRPs When A Device Is
 * Paused"): from a successful QUERY_STOP to the next START or CANCEL_STOP. */

static VOID VchildSetHolding(PVCHILD_EXT Ext, BOOLEAN Holding)
{
    KIRQL irql;
    KeAcquireSpinLock(&Ext->Held.Lock, &irql);
    Ext->Held.Holding = Holding;
    KeReleaseSpinLock(&Ext->Held.Lock, irql);
}

/* TRUE when the IRP was queued (it is pending; it keeps the remove lock). */
static BOOLEAN VchildHoldIfPaused(PVCHILD_EXT Ext, PIRP Irp)
{
    return NT_SUCCESS(IoCsqInsertIrpEx(&Ext->Held.Csq, Irp, NULL, NULL));
}

static NTSTATUS VchildDispatchIo(PDEVICE_OBJECT DeviceObject, PIRP Irp);

/* The device runs again: the held IRPs are dispatched anew, in their order. */
static VOID VchildReleaseHeld(PVCHILD_EXT Ext)
{
    PIRP irp;

    VchildSetHolding(Ext, FALSE);
    while ((irp = IoCsqRemoveNextIrp(&Ext->Held.Csq, NULL)) != NULL) {
        IoReleaseRemoveLock(&Ext->RemoveLock, irp); /* the dispatch routine takes it again */
        VchildDispatchIo(Ext->Self, irp);
    }
}

/* ==== the FIFO ============================================================================ */

/* Takes up to Length bytes. FifoLock held. */
static ULONG VchildTakeLocked(PVCHILD_EXT Ext, PUCHAR Buffer, ULONG Length)
{
    ULONG n = min(Length, Ext->Count), i;
    for (i = 0; i < n; i++)
        Buffer[i] = Ext->Fifo[(Ext->Head + i) % VCHILD_FIFO_SIZE];
    Ext->Head = (Ext->Head + n) % VCHILD_FIFO_SIZE;
    Ext->Count -= n;
    return n;
}

NTSTATUS VchildRead(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PVCHILD_EXT ext = VchildExt(DeviceObject);
    ULONG length = IoGetCurrentIrpStackLocation(Irp)->Parameters.Read.Length, n;
    NTSTATUS status = IoAcquireRemoveLock(&ext->RemoveLock, Irp);
    KIRQL irql;

    if (!NT_SUCCESS(status))
        return VchildComplete(Irp, status, 0);
    if (VchildHoldIfPaused(ext, Irp))
        return STATUS_PENDING;
    status = VchildAdmit(ext);
    if (!NT_SUCCESS(status) || length == 0)
        return VchildFinish(ext, Irp, status, 0);
    /* Checking the FIFO and queueing the read under FifoLock: a write cannot slip between. */
    KeAcquireSpinLock(&ext->FifoLock, &irql);
    n = VchildTakeLocked(ext, (PUCHAR)Irp->AssociatedIrp.SystemBuffer, length);
    if (n == 0)
        IoCsqInsertIrpEx(&ext->Reads.Csq, Irp, NULL, NULL); /* pending; keeps the remove lock */
    KeReleaseSpinLock(&ext->FifoLock, irql);
    if (n == 0) {
        TraceEvents(TRACE_LEVEL_VERBOSE, TRACE_IO, "read %p waits for data", Irp);
        return STATUS_PENDING;
    }
    TraceEvents(TRACE_LEVEL_VERBOSE, TRACE_IO, "read %p: %u bytes", Irp, n);
    return VchildFinish(ext, Irp, STATUS_SUCCESS, n);
}

NTSTATUS VchildWrite(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PVCHILD_EXT ext = VchildExt(DeviceObject);
    ULONG length = IoGetCurrentIrpStackLocation(Irp)->Parameters.Write.Length, i;
    PUCHAR data = (PUCHAR)Irp->AssociatedIrp.SystemBuffer;
    NTSTATUS status = IoAcquireRemoveLock(&ext->RemoveLock, Irp);
    LIST_ENTRY done;
    KIRQL irql;
    PIRP read;

    if (!NT_SUCCESS(status))
        return VchildComplete(Irp, status, 0);
    if (VchildHoldIfPaused(ext, Irp))
        return STATUS_PENDING;
    status = VchildAdmit(ext);
    if (!NT_SUCCESS(status))
        return VchildFinish(ext, Irp, status, 0);
    InitializeListHead(&done);
    KeAcquireSpinLock(&ext->FifoLock, &irql);
    if (length > VCHILD_FIFO_SIZE - ext->Count) {
        KeReleaseSpinLock(&ext->FifoLock, irql);
        TraceEvents(TRACE_LEVEL_WARNING, TRACE_IO, "write %p: %u bytes do not fit", Irp, length);
        return VchildFinish(ext, Irp, STATUS_DEVICE_BUSY, 0);
    }
    for (i = 0; i < length; i++)
        ext->Fifo[(ext->Head + ext->Count + i) % VCHILD_FIFO_SIZE] = data[i];
    ext->Count += length;
    /* Waiting reads take the data in their order; they are completed after the lock. */
    while (ext->Count > 0 && (read = IoCsqRemoveNextIrp(&ext->Reads.Csq, NULL)) != NULL) {
        ULONG want = IoGetCurrentIrpStackLocation(read)->Parameters.Read.Length;
        read->IoStatus.Information =
            VchildTakeLocked(ext, (PUCHAR)read->AssociatedIrp.SystemBuffer, want);
        InsertTailList(&done, &read->Tail.Overlay.ListEntry);
    }
    KeReleaseSpinLock(&ext->FifoLock, irql);
    while (!IsListEmpty(&done)) {
        read = CONTAINING_RECORD(RemoveHeadList(&done), IRP, Tail.Overlay.ListEntry);
        VchildFinish(ext, read, STATUS_SUCCESS, read->IoStatus.Information);
    }
    TraceEvents(TRACE_LEVEL_VERBOSE, TRACE_IO, "write %p: %u bytes", Irp, length);
    return VchildFinish(ext, Irp, STATUS_SUCCESS, length);
}

static NTSTATUS VchildGetInfo(PVCHILD_EXT Ext, PIRP Irp, ULONG OutputLength, PULONG_PTR Info)
{
    PVCHILD_INFO out = (PVCHILD_INFO)Irp->AssociatedIrp.SystemBuffer;
    KIRQL irql;

    if (OutputLength < sizeof(VCHILD_INFO))
        return STATUS_BUFFER_TOO_SMALL;
    out->SerialNo = Ext->SerialNo;
    out->DevicePower = (ULONG)Ext->DevicePower;
    KeAcquireSpinLock(&Ext->FifoLock, &irql);
    out->BytesQueued = Ext->Count;
    out->PendingReads = Ext->Reads.Count; /* a snapshot: the queue's lock is not needed */
    KeReleaseSpinLock(&Ext->FifoLock, irql);
    *Info = sizeof(VCHILD_INFO);
    return STATUS_SUCCESS;
}

NTSTATUS VchildDeviceControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PVCHILD_EXT ext = VchildExt(DeviceObject);
    PIO_STACK_LOCATION sl = IoGetCurrentIrpStackLocation(Irp);
    NTSTATUS status = IoAcquireRemoveLock(&ext->RemoveLock, Irp);
    ULONG_PTR info = 0;

    if (!NT_SUCCESS(status))
        return VchildComplete(Irp, status, 0);
    if (VchildHoldIfPaused(ext, Irp))
        return STATUS_PENDING;
    status = VchildAdmit(ext);
    if (NT_SUCCESS(status)) {
        if (sl->Parameters.DeviceIoControl.IoControlCode == IOCTL_VCHILD_GET_INFO)
            status =
                VchildGetInfo(ext, Irp, sl->Parameters.DeviceIoControl.OutputBufferLength, &info);
        else
            status = STATUS_INVALID_DEVICE_REQUEST;
    }
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_IO, "serial %u code 0x%08X: %!STATUS!",
                ext->SerialNo, sl->Parameters.DeviceIoControl.IoControlCode, status);
    return VchildFinish(ext, Irp, status, info);
}

/* A held IRP dispatched again when the device restarts. */
static NTSTATUS VchildDispatchIo(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    switch (IoGetCurrentIrpStackLocation(Irp)->MajorFunction) {
    case IRP_MJ_READ:
        return VchildRead(DeviceObject, Irp);
    case IRP_MJ_WRITE:
        return VchildWrite(DeviceObject, Irp);
    default:
        return VchildDeviceControl(DeviceObject, Irp);
    }
}

NTSTATUS VchildCreate(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PVCHILD_EXT ext = VchildExt(DeviceObject);
    NTSTATUS status = IoAcquireRemoveLock(&ext->RemoveLock, Irp);

    if (!NT_SUCCESS(status))
        return VchildComplete(Irp, status, 0);
    status = VchildAdmit(ext);
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_IO, "serial %u (%s): %!STATUS!", ext->SerialNo,
                VchildStateName(ext->State), status);
    return VchildFinish(ext, Irp, status, 0);
}

/* Cleanup and close are processed in every state, even after a surprise removal. */
NTSTATUS VchildCleanup(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PVCHILD_EXT ext = VchildExt(DeviceObject);

    VchildFailReads(ext, IoGetCurrentIrpStackLocation(Irp)->FileObject, STATUS_CANCELLED);
    return VchildComplete(Irp, STATUS_SUCCESS, 0);
}

NTSTATUS VchildClose(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    return VchildComplete(Irp, STATUS_SUCCESS, 0);
}

/* ==== AddDevice and PnP =================================================================== */

NTSTATUS VchildAddDevice(PDRIVER_OBJECT DriverObject, PDEVICE_OBJECT Pdo)
{
    PDEVICE_OBJECT fdo;
    PVCHILD_EXT ext;
    ULONG s;
    NTSTATUS status = IoCreateDevice(DriverObject, sizeof(VCHILD_EXT), NULL, FILE_DEVICE_UNKNOWN,
                                     FILE_DEVICE_SECURE_OPEN, FALSE, &fdo);
    if (!NT_SUCCESS(status)) {
        TraceEvents(TRACE_LEVEL_ERROR, TRACE_DRIVER, "IoCreateDevice: %!STATUS!", status);
        return status;
    }
    ext = VchildExt(fdo);
    RtlZeroMemory(ext, sizeof(*ext));
    ext->Self = fdo;
    ext->Pdo = Pdo;
    ext->State = VcNotStarted;
    ext->DevicePower = PowerDeviceD3;
    ext->SystemPower = PowerSystemWorking;
    ext->DeviceMap[PowerSystemWorking] = PowerDeviceD0;
    for (s = PowerSystemSleeping1; s < POWER_SYSTEM_MAXIMUM; s++)
        ext->DeviceMap[s] = PowerDeviceD3; /* until the capabilities say otherwise */
    IoInitializeRemoveLock(&ext->RemoveLock, VCHILD_TAG, 0, 0);
    KeInitializeSpinLock(&ext->FifoLock);
    VchildQueueInit(ext, &ext->Reads, FALSE);
    VchildQueueInit(ext, &ext->Held, TRUE);

    status = IoRegisterDeviceInterface(Pdo, &GUID_DEVINTERFACE_VCHILD, NULL, &ext->InterfaceName);
    if (!NT_SUCCESS(status)) {
        TraceEvents(TRACE_LEVEL_ERROR, TRACE_DRIVER, "IoRegisterDeviceInterface: %!STATUS!",
                    status);
        IoDeleteDevice(fdo);
        return status;
    }
    ext->NextLower = IoAttachDeviceToDeviceStack(fdo, Pdo);
    if (ext->NextLower == NULL) {
        TraceEvents(TRACE_LEVEL_ERROR, TRACE_DRIVER, "PDO %p: nothing to attach to", Pdo);
        RtlFreeUnicodeString(&ext->InterfaceName);
        IoDeleteDevice(fdo);
        return STATUS_NO_SUCH_DEVICE;
    }
    fdo->Flags |= DO_BUFFERED_IO | DO_POWER_PAGABLE;
    fdo->Flags &= ~DO_DEVICE_INITIALIZING;
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_DRIVER, "PDO %p: FDO %p", Pdo, fdo);
    return STATUS_SUCCESS;
}

static NTSTATUS VchildPassDown(PVCHILD_EXT Ext, PIRP Irp)
{
    return VsPassDown(Ext->NextLower, &Ext->RemoveLock, Irp);
}

/* The lower drivers start first; then the device is ours: D0, the interface enabled (the first
 * time; a restart after a stop finds it enabled). */
static NTSTATUS VchildStart(PVCHILD_EXT Ext, PIRP Irp)
{
    NTSTATUS status = VsForwardIrpSynchronously(Ext->NextLower, Irp);
    BOOLEAN first = Ext->State == VcNotStarted;
    ULONG length;

    if (NT_SUCCESS(status)) {
        if (!NT_SUCCESS(IoGetDeviceProperty(Ext->Pdo, DevicePropertyAddress, sizeof(ULONG),
                                            &Ext->SerialNo, &length)))
            Ext->SerialNo = 0;
        VsSetDevicePower(Ext->Self, &Ext->DevicePower, PowerDeviceD0);
        Ext->State = VcStarted;
        VchildReleaseHeld(Ext); /* a restart after a stop */
        if (first)
            status = IoSetDeviceInterfaceState(&Ext->InterfaceName, TRUE);
    }
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_PNP, "serial %u: %!STATUS!", Ext->SerialNo, status);
    return VchildFinish(Ext, Irp, status, Irp->IoStatus.Information);
}

/* The capabilities on the way up: the bus driver filled them in; the S-to-D map is ours. */
static NTSTATUS VchildQueryCapabilities(PVCHILD_EXT Ext, PIRP Irp)
{
    PDEVICE_CAPABILITIES caps =
        IoGetCurrentIrpStackLocation(Irp)->Parameters.DeviceCapabilities.Capabilities;
    NTSTATUS status = VsForwardIrpSynchronously(Ext->NextLower, Irp);
    ULONG s;

    if (NT_SUCCESS(status))
        for (s = PowerSystemWorking; s < POWER_SYSTEM_MAXIMUM; s++)
            if (caps->DeviceState[s] != PowerDeviceUnspecified)
                Ext->DeviceMap[s] = caps->DeviceState[s];
    return VchildFinish(Ext, Irp, status, Irp->IoStatus.Information);
}

/* CANCEL_STOP and CANCEL_REMOVE: the lower drivers first, then the state as before the query. */
static NTSTATUS VchildCancelQuery(PVCHILD_EXT Ext, PIRP Irp, VCHILD_STATE Queried)
{
    NTSTATUS status = VsForwardIrpSynchronously(Ext->NextLower, Irp);

    if (Ext->State == Queried)
        Ext->State = Ext->StateBeforeQuery;
    if (Queried == VcStopPending)
        VchildReleaseHeld(Ext);
    UNREFERENCED_PARAMETER(status);
    return VchildFinish(Ext, Irp, STATUS_SUCCESS, Irp->IoStatus.Information);
}

static NTSTATUS VchildSurpriseRemoval(PVCHILD_EXT Ext, PIRP Irp)
{
    Ext->State = VcSurpriseRemoved;
    IoSetDeviceInterfaceState(&Ext->InterfaceName, FALSE);
    VchildSetHolding(Ext, FALSE);
    VchildFailReads(Ext, NULL, STATUS_NO_SUCH_DEVICE);
    Irp->IoStatus.Status = STATUS_SUCCESS;
    return VchildPassDown(Ext, Irp);
}

static NTSTATUS VchildRemove(PVCHILD_EXT Ext, PIRP Irp)
{
    NTSTATUS status;

    if (Ext->State != VcSurpriseRemoved)
        IoSetDeviceInterfaceState(&Ext->InterfaceName, FALSE);
    Ext->State = VcRemoved;
    VchildSetHolding(Ext, FALSE);
    VchildFailReads(Ext, NULL, STATUS_DELETE_PENDING);
    /* Waits for every IRP still holding the lock; none gets it afterwards. */
    IoReleaseRemoveLockAndWait(&Ext->RemoveLock, Irp);
    Irp->IoStatus.Status = STATUS_SUCCESS;
    IoSkipCurrentIrpStackLocation(Irp);
    status = IoCallDriver(Ext->NextLower, Irp);
    IoDetachDevice(Ext->NextLower);
    RtlFreeUnicodeString(&Ext->InterfaceName);
    IoDeleteDevice(Ext->Self);
    return status;
}

static VOID VchildEnterQuery(PVCHILD_EXT Ext, VCHILD_STATE Queried)
{
    Ext->StateBeforeQuery = Ext->State;
    Ext->State = Queried;
}

NTSTATUS VchildPnp(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PVCHILD_EXT ext = VchildExt(DeviceObject);
    UCHAR minor = IoGetCurrentIrpStackLocation(Irp)->MinorFunction;
    PCSTR name = VsPnpMinorName(minor);
    NTSTATUS status = IoAcquireRemoveLock(&ext->RemoveLock, Irp);

    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_PNP, "serial %u (%s) %s", ext->SerialNo,
                VchildStateName(ext->State), name ? name : "?");
    if (!NT_SUCCESS(status)) {
        TraceEvents(TRACE_LEVEL_WARNING, TRACE_PNP, "remove lock: %!STATUS!", status);
        return VchildComplete(Irp, status, 0);
    }
    switch (minor) {
    case IRP_MN_START_DEVICE:
        return VchildStart(ext, Irp);
    case IRP_MN_QUERY_CAPABILITIES:
        return VchildQueryCapabilities(ext, Irp);
    case IRP_MN_QUERY_STOP_DEVICE:
        VchildEnterQuery(ext, VcStopPending);
        VchildSetHolding(ext, TRUE); /* new requests wait for the restart */
        Irp->IoStatus.Status = STATUS_SUCCESS;
        break;
    case IRP_MN_CANCEL_STOP_DEVICE:
        return VchildCancelQuery(ext, Irp, VcStopPending);
    case IRP_MN_STOP_DEVICE:
        ext->State = VcStopped;
        Irp->IoStatus.Status = STATUS_SUCCESS;
        break;
    case IRP_MN_QUERY_REMOVE_DEVICE:
        VchildEnterQuery(ext, VcRemovePending);
        Irp->IoStatus.Status = STATUS_SUCCESS;
        break;
    case IRP_MN_CANCEL_REMOVE_DEVICE:
        return VchildCancelQuery(ext, Irp, VcRemovePending);
    case IRP_MN_SURPRISE_REMOVAL:
        return VchildSurpriseRemoval(ext, Irp);
    case IRP_MN_REMOVE_DEVICE:
        return VchildRemove(ext, Irp);
    default:
        break;
    }
    return VchildPassDown(ext, Irp);
}

/* ==== power =============================================================================== */

/* A system power IRP, query or set ("Handling a System Query-Power IRP in a Device Power Policy
 * Owner", "Handling a System Set-Power IRP in a Device Power Policy Owner"): passed down with a
 * completion routine; on its way back a device IRP of the same kind is requested for the state
 * the capabilities map the system state to; the system IRP is completed, with the device IRP's
 * status, by the device IRP's callback. One system power IRP at a time per device (the power
 * manager's rule), so the extension holds it. */

/* The device IRP is done: the system IRP completes with its status. */
VOID VchildSystemDeviceDone(PDEVICE_OBJECT DeviceObject, UCHAR MinorFunction,
                            POWER_STATE PowerState, PVOID Context, PIO_STATUS_BLOCK IoStatus)
{
    PVCHILD_EXT ext = (PVCHILD_EXT)Context;
    PIRP sirp = ext->SystemIrp;

    UNREFERENCED_PARAMETER(DeviceObject);
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_POWER, "device %s %s: %!STATUS!",
                VsPowerMinorName(MinorFunction), VsDeviceStateName(PowerState.DeviceState),
                IoStatus->Status);
    ext->SystemIrp = NULL;
    PoStartNextPowerIrp(sirp);
    VchildFinish(ext, sirp, IoStatus->Status, 0);
}

/* The system IRP on its way back up: the lower drivers agreed (query) or moved (set); request
 * the device IRP and keep the system IRP until its callback. */
NTSTATUS VchildSystemDone(PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Context)
{
    PVCHILD_EXT ext = (PVCHILD_EXT)Context;
    PIO_STACK_LOCATION sl = IoGetCurrentIrpStackLocation(Irp);
    SYSTEM_POWER_STATE s = sl->Parameters.Power.State.SystemState;
    NTSTATUS status = Irp->IoStatus.Status;
    POWER_STATE d;

    UNREFERENCED_PARAMETER(DeviceObject);
    if (NT_SUCCESS(status)) {
        if (sl->MinorFunction == IRP_MN_SET_POWER)
            ext->SystemPower = s;
        d.DeviceState = ext->DeviceMap[s];
        ext->SystemIrp = Irp;
        status =
            PoRequestPowerIrp(ext->Pdo, sl->MinorFunction, d, VchildSystemDeviceDone, ext, NULL);
        if (NT_SUCCESS(status))
            return STATUS_MORE_PROCESSING_REQUIRED;
        ext->SystemIrp = NULL;
        Irp->IoStatus.Status = status;
    }
    TraceEvents(TRACE_LEVEL_ERROR, TRACE_POWER, "system %s %s: %!STATUS!",
                VsPowerMinorName(sl->MinorFunction), VsSystemStateName(s), status);
    PoStartNextPowerIrp(Irp);
    IoReleaseRemoveLock(&ext->RemoveLock, Irp);
    return STATUS_CONTINUE_COMPLETION;
}

static NTSTATUS VchildSystemPower(PVCHILD_EXT Ext, PIRP Irp)
{
    IoMarkIrpPending(Irp);
    IoCopyCurrentIrpStackLocationToNext(Irp);
    IoSetCompletionRoutine(Irp, VchildSystemDone, Ext, TRUE, TRUE, TRUE);
    PoCallDriver(Ext->NextLower, Irp);
    return STATUS_PENDING;
}

/* Powering up: the lower drivers (the bus) first, then the device is ours again. */
NTSTATUS VchildDevicePowerUpDone(PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Context)
{
    PVCHILD_EXT ext = (PVCHILD_EXT)Context;
    PIO_STACK_LOCATION sl = IoGetCurrentIrpStackLocation(Irp);

    UNREFERENCED_PARAMETER(DeviceObject);
    if (Irp->PendingReturned)
        IoMarkIrpPending(Irp);
    if (NT_SUCCESS(Irp->IoStatus.Status))
        VsSetDevicePower(ext->Self, &ext->DevicePower, sl->Parameters.Power.State.DeviceState);
    PoStartNextPowerIrp(Irp);
    IoReleaseRemoveLock(&ext->RemoveLock, Irp);
    return STATUS_CONTINUE_COMPLETION;
}

/* A device set-power IRP: powering down, the device state changes before the IRP goes down;
 * powering up, after the lower drivers completed it. */
static NTSTATUS VchildDeviceSet(PVCHILD_EXT Ext, PIRP Irp)
{
    PIO_STACK_LOCATION sl = IoGetCurrentIrpStackLocation(Irp);
    DEVICE_POWER_STATE d = sl->Parameters.Power.State.DeviceState;

    if (d < Ext->DevicePower) {
        IoCopyCurrentIrpStackLocationToNext(Irp);
        IoSetCompletionRoutine(Irp, VchildDevicePowerUpDone, Ext, TRUE, TRUE, TRUE);
        return PoCallDriver(Ext->NextLower, Irp);
    }
    VsSetDevicePower(Ext->Self, &Ext->DevicePower, d);
    return VsPassPowerDown(Ext->NextLower, &Ext->RemoveLock, Irp);
}

NTSTATUS VchildPower(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PVCHILD_EXT ext = VchildExt(DeviceObject);
    PIO_STACK_LOCATION sl = IoGetCurrentIrpStackLocation(Irp);
    NTSTATUS status = IoAcquireRemoveLock(&ext->RemoveLock, Irp);
    BOOLEAN system = sl->Parameters.Power.Type == SystemPowerState;
    PCSTR state = VsPowerIrpState(sl);

    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_POWER, "serial %u %s %s", ext->SerialNo,
                VsPowerMinorName(sl->MinorFunction), state ? state : "");
    if (!NT_SUCCESS(status)) {
        PoStartNextPowerIrp(Irp);
        return VchildComplete(Irp, status, 0);
    }
    /* A device that is not started (or is gone) has no power policy to apply. */
    if (ext->State != VcNotStarted && ext->State != VcSurpriseRemoved && ext->State != VcRemoved) {
        if (system &&
            (sl->MinorFunction == IRP_MN_QUERY_POWER || sl->MinorFunction == IRP_MN_SET_POWER))
            return VchildSystemPower(ext, Irp);
        if (!system && sl->MinorFunction == IRP_MN_SET_POWER)
            return VchildDeviceSet(ext, Irp);
    }
    return VsPassPowerDown(ext->NextLower, &ext->RemoveLock, Irp);
}

/* WMI: not a provider; passed down. */
NTSTATUS VchildSystemControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    IoSkipCurrentIrpStackLocation(Irp);
    return IoCallDriver(VchildExt(DeviceObject)->NextLower, Irp);
}

/* Every device was removed before. */
VOID VchildUnload(PDRIVER_OBJECT DriverObject)
{
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_DRIVER, "unloading");
    WPP_CLEANUP(DriverObject);
}

/* Nothing here can fail: no WPP_CLEANUP on a failing path. */
NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WPP_INIT_TRACING(DriverObject, RegistryPath);
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_DRIVER, "service key %wZ", RegistryPath);
    DriverObject->MajorFunction[IRP_MJ_CREATE] = VchildCreate;
    DriverObject->MajorFunction[IRP_MJ_CLOSE] = VchildClose;
    DriverObject->MajorFunction[IRP_MJ_CLEANUP] = VchildCleanup;
    DriverObject->MajorFunction[IRP_MJ_READ] = VchildRead;
    DriverObject->MajorFunction[IRP_MJ_WRITE] = VchildWrite;
    DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = VchildDeviceControl;
    DriverObject->MajorFunction[IRP_MJ_PNP] = VchildPnp;
    DriverObject->MajorFunction[IRP_MJ_POWER] = VchildPower;
    DriverObject->MajorFunction[IRP_MJ_SYSTEM_CONTROL] = VchildSystemControl;
    DriverObject->DriverExtension->AddDevice = VchildAddDevice;
    DriverObject->DriverUnload = VchildUnload;
    return STATUS_SUCCESS;
}
