/*
 * fifo.c - a legacy (non-PnP) WDM sample driver for drvhost: named devices and symbolic links
 * created in DriverEntry, a lookaside list for the FIFO's chunks, all four ioctl transfer
 * methods, reads that pend until a write brings data (completed from a DPC), an ioctl completed
 * from a timer DPC, another from a work item, cancellation, cleanup and unload.
 *
 * Traces with WPP (trace.h: its control GUID and flags): DriverEntry and unload, create,
 * cleanup and close, each ioctl with its status, cancellation, and every read and write at
 * TRACE_LEVEL_VERBOSE.
 *
 * Written against the WDK documentation only; it builds unchanged with the real WDK.
 */
#include <ntddk.h>

#include "fifo.h"
#include "trace.h"
#include "fifo.tmh"

#define FIFO_TAG        'ofiF'
#define FIFO_CHUNK_DATA 256

typedef struct _FIFO_CHUNK {
    LIST_ENTRY Link;
    ULONG Length; /* bytes stored */
    ULONG Offset; /* bytes already read */
    UCHAR Data[FIFO_CHUNK_DATA];
} FIFO_CHUNK, *PFIFO_CHUNK;

/* One FIFO shared by the three devices; every field below is protected by Lock. */
typedef struct _FIFO_STATE {
    KSPIN_LOCK Lock;
    LIST_ENTRY Chunks;
    LIST_ENTRY PendingReads; /* IRPs, linked through Tail.Overlay.ListEntry */
    FIFO_STATS Stats;
    NPAGED_LOOKASIDE_LIST ChunkLookaside;
    KDPC DrainDpc;
    KTIMER DelayTimer;
    KDPC DelayDpc;
    PIRP DelayIrp;
    PIO_WORKITEM ResetItem;
    PIRP ResetIrp;
    PDEVICE_OBJECT Devices[3];
} FIFO_STATE;

static FIFO_STATE g_Fifo;

static const WCHAR *const g_DeviceNames[3] = {L"\\Device\\Fifo", L"\\Device\\FifoDirect",
                                              L"\\Device\\FifoNeither"};
static const WCHAR *const g_LinkNames[3] = {L"\\DosDevices\\Fifo", L"\\DosDevices\\FifoDirect",
                                            L"\\DosDevices\\FifoNeither"};
static const ULONG g_DeviceFlags[3] = {DO_BUFFERED_IO, DO_DIRECT_IO, 0};

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD FifoUnload;
DRIVER_DISPATCH FifoCreateClose, FifoRead, FifoWrite, FifoDeviceControl, FifoCleanup;
DRIVER_CANCEL FifoCancelRead, FifoCancelDelay;
KDEFERRED_ROUTINE FifoDrainDpc, FifoDelayDpc;
IO_WORKITEM_ROUTINE FifoResetWorker;

static NTSTATUS FifoComplete(PIRP Irp, NTSTATUS Status, ULONG_PTR Information)
{
    Irp->IoStatus.Status = Status;
    Irp->IoStatus.Information = Information;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}

/* The caller's buffer for a read or write, by the device's I/O method. */
static PVOID FifoUserBuffer(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    if (DeviceObject->Flags & DO_BUFFERED_IO)
        return Irp->AssociatedIrp.SystemBuffer;
    if (DeviceObject->Flags & DO_DIRECT_IO)
        return Irp->MdlAddress ? MmGetSystemAddressForMdlSafe(Irp->MdlAddress, NormalPagePriority)
                               : NULL;
    return Irp->UserBuffer;
}

/* Takes up to Length bytes out of the FIFO. Lock held. */
static ULONG FifoTakeLocked(PUCHAR Buffer, ULONG Length)
{
    ULONG done = 0;
    while (done < Length && !IsListEmpty(&g_Fifo.Chunks)) {
        PFIFO_CHUNK chunk = CONTAINING_RECORD(g_Fifo.Chunks.Flink, FIFO_CHUNK, Link);
        ULONG n = min(Length - done, chunk->Length - chunk->Offset);
        RtlCopyMemory(Buffer + done, chunk->Data + chunk->Offset, n);
        chunk->Offset += n;
        done += n;
        if (chunk->Offset == chunk->Length) {
            RemoveHeadList(&g_Fifo.Chunks);
            ExFreeToNPagedLookasideList(&g_Fifo.ChunkLookaside, chunk);
        }
    }
    g_Fifo.Stats.BytesQueued -= done;
    return done;
}

NTSTATUS FifoCreateClose(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_CREATE, "%s device %p file %p",
                sp->MajorFunction == IRP_MJ_CREATE ? "create" : "close", DeviceObject,
                sp->FileObject);
    return FifoComplete(Irp, STATUS_SUCCESS, 0);
}

VOID FifoCancelRead(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    KIRQL irql;
    UNREFERENCED_PARAMETER(DeviceObject);
    IoReleaseCancelSpinLock(Irp->CancelIrql);
    KeAcquireSpinLock(&g_Fifo.Lock, &irql);
    RemoveEntryList(&Irp->Tail.Overlay.ListEntry);
    g_Fifo.Stats.PendingReads--;
    KeReleaseSpinLock(&g_Fifo.Lock, irql);
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_CANCEL, "read %p cancelled", Irp);
    FifoComplete(Irp, STATUS_CANCELLED, 0);
}

NTSTATUS FifoRead(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    ULONG length = sp->Parameters.Read.Length, done;
    PVOID buffer = FifoUserBuffer(DeviceObject, Irp);
    KIRQL irql;
    if (length == 0)
        return FifoComplete(Irp, STATUS_SUCCESS, 0);
    if (buffer == NULL) {
        TraceEvents(TRACE_LEVEL_ERROR, TRACE_IO, "read %p: no system address for its MDL", Irp);
        return FifoComplete(Irp, STATUS_INSUFFICIENT_RESOURCES, 0);
    }
    KeAcquireSpinLock(&g_Fifo.Lock, &irql);
    g_Fifo.Stats.Reads++;
    if (!IsListEmpty(&g_Fifo.Chunks)) {
        done = FifoTakeLocked(buffer, length);
        KeReleaseSpinLock(&g_Fifo.Lock, irql);
        TraceEvents(TRACE_LEVEL_VERBOSE, TRACE_IO, "read %p: %u of %u bytes", Irp, done, length);
        return FifoComplete(Irp, STATUS_SUCCESS, done);
    }
    IoSetCancelRoutine(Irp, FifoCancelRead);
    if (Irp->Cancel && IoSetCancelRoutine(Irp, NULL) != NULL) {
        KeReleaseSpinLock(&g_Fifo.Lock, irql);
        return FifoComplete(Irp, STATUS_CANCELLED, 0);
    }
    IoMarkIrpPending(Irp);
    InsertTailList(&g_Fifo.PendingReads, &Irp->Tail.Overlay.ListEntry);
    g_Fifo.Stats.PendingReads++;
    KeReleaseSpinLock(&g_Fifo.Lock, irql);
    TraceEvents(TRACE_LEVEL_VERBOSE, TRACE_IO, "read %p waits for data", Irp);
    return STATUS_PENDING;
}

/* Satisfies pending reads from the FIFO; runs at DISPATCH_LEVEL after each write. */
VOID FifoDrainDpc(PKDPC Dpc, PVOID Context, PVOID Arg1, PVOID Arg2)
{
    UNREFERENCED_PARAMETER(Dpc);
    UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(Arg1);
    UNREFERENCED_PARAMETER(Arg2);
    KeAcquireSpinLockAtDpcLevel(&g_Fifo.Lock);
    while (!IsListEmpty(&g_Fifo.PendingReads) && !IsListEmpty(&g_Fifo.Chunks)) {
        PLIST_ENTRY entry = RemoveHeadList(&g_Fifo.PendingReads);
        PIRP irp = CONTAINING_RECORD(entry, IRP, Tail.Overlay.ListEntry);
        ULONG done;
        g_Fifo.Stats.PendingReads--;
        if (IoSetCancelRoutine(irp, NULL) == NULL) {
            /* Its cancel routine is running and will remove it: leave it a valid entry. */
            InitializeListHead(entry);
            g_Fifo.Stats.PendingReads++;
            continue;
        }
        done = FifoTakeLocked(FifoUserBuffer(IoGetCurrentIrpStackLocation(irp)->DeviceObject, irp),
                              IoGetCurrentIrpStackLocation(irp)->Parameters.Read.Length);
        KeReleaseSpinLockFromDpcLevel(&g_Fifo.Lock);
        TraceEvents(TRACE_LEVEL_VERBOSE, TRACE_IO, "read %p: %u bytes at %!IRQL!", irp, done,
                    KeGetCurrentIrql());
        FifoComplete(irp, STATUS_SUCCESS, done);
        KeAcquireSpinLockAtDpcLevel(&g_Fifo.Lock);
    }
    KeReleaseSpinLockFromDpcLevel(&g_Fifo.Lock);
}

NTSTATUS FifoWrite(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    ULONG length = sp->Parameters.Write.Length, done = 0;
    PUCHAR buffer = FifoUserBuffer(DeviceObject, Irp);
    KIRQL irql;
    if (length > 0 && buffer == NULL)
        return FifoComplete(Irp, STATUS_INSUFFICIENT_RESOURCES, 0);
    while (done < length) {
        PFIFO_CHUNK chunk = ExAllocateFromNPagedLookasideList(&g_Fifo.ChunkLookaside);
        if (chunk == NULL)
            break;
        chunk->Length = min(length - done, FIFO_CHUNK_DATA);
        chunk->Offset = 0;
        RtlCopyMemory(chunk->Data, buffer + done, chunk->Length);
        done += chunk->Length;
        KeAcquireSpinLock(&g_Fifo.Lock, &irql);
        InsertTailList(&g_Fifo.Chunks, &chunk->Link);
        g_Fifo.Stats.BytesQueued += chunk->Length;
        KeReleaseSpinLock(&g_Fifo.Lock, irql);
    }
    KeAcquireSpinLock(&g_Fifo.Lock, &irql);
    g_Fifo.Stats.Writes++;
    KeReleaseSpinLock(&g_Fifo.Lock, irql);
    KeInsertQueueDpc(&g_Fifo.DrainDpc, NULL, NULL);
    if (done < length) {
        TraceEvents(TRACE_LEVEL_WARNING, TRACE_IO, "write %p: %u of %u bytes, out of memory", Irp,
                    done, length);
        return FifoComplete(Irp, STATUS_INSUFFICIENT_RESOURCES, done);
    }
    TraceEvents(TRACE_LEVEL_VERBOSE, TRACE_IO, "write %p: %u bytes", Irp, done);
    return FifoComplete(Irp, STATUS_SUCCESS, done);
}

static NTSTATUS FifoEcho(PIRP Irp, PIO_STACK_LOCATION sp)
{
    ULONG code = sp->Parameters.DeviceIoControl.IoControlCode;
    ULONG inLen = sp->Parameters.DeviceIoControl.InputBufferLength;
    ULONG outLen = sp->Parameters.DeviceIoControl.OutputBufferLength;
    ULONG n = min(inLen, outLen);
    PVOID in = NULL, out = NULL;
    switch (METHOD_FROM_CTL_CODE(code)) {
    case METHOD_BUFFERED: /* one system buffer holds the input and receives the output */
        in = out = Irp->AssociatedIrp.SystemBuffer;
        break;
    case METHOD_IN_DIRECT:
    case METHOD_OUT_DIRECT:
        in = Irp->AssociatedIrp.SystemBuffer;
        if (Irp->MdlAddress != NULL)
            out = MmGetSystemAddressForMdlSafe(Irp->MdlAddress,
                                               NormalPagePriority | MdlMappingNoExecute);
        break;
    default: /* METHOD_NEITHER: the requester's own addresses */
        in = sp->Parameters.DeviceIoControl.Type3InputBuffer;
        out = Irp->UserBuffer;
        break;
    }
    if (n > 0 && (in == NULL || out == NULL))
        return FifoComplete(Irp, STATUS_INVALID_PARAMETER, 0);
    if (n > 0 && in != out)
        RtlCopyMemory(out, in, n);
    TraceEvents(TRACE_LEVEL_VERBOSE, TRACE_IOCTL, "%u bytes: %!HEXDUMP!", n,
                LOG_LENSTR(min(n, 16), (PCHAR)out));
    return FifoComplete(Irp, STATUS_SUCCESS, n);
}

VOID FifoCancelDelay(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    KIRQL irql;
    UNREFERENCED_PARAMETER(DeviceObject);
    IoReleaseCancelSpinLock(Irp->CancelIrql);
    KeAcquireSpinLock(&g_Fifo.Lock, &irql);
    g_Fifo.DelayIrp = NULL;
    KeCancelTimer(&g_Fifo.DelayTimer);
    KeReleaseSpinLock(&g_Fifo.Lock, irql);
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_CANCEL, "DELAY %p cancelled", Irp);
    FifoComplete(Irp, STATUS_CANCELLED, 0);
}

VOID FifoDelayDpc(PKDPC Dpc, PVOID Context, PVOID Arg1, PVOID Arg2)
{
    PIRP irp;
    UNREFERENCED_PARAMETER(Dpc);
    UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(Arg1);
    UNREFERENCED_PARAMETER(Arg2);
    KeAcquireSpinLockAtDpcLevel(&g_Fifo.Lock);
    irp = g_Fifo.DelayIrp;
    if (irp != NULL && IoSetCancelRoutine(irp, NULL) == NULL)
        irp = NULL; /* being cancelled: the cancel routine completes it */
    if (irp != NULL)
        g_Fifo.DelayIrp = NULL;
    KeReleaseSpinLockFromDpcLevel(&g_Fifo.Lock);
    if (irp == NULL)
        return;
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_IOCTL, "DELAY %p elapsed, at %!IRQL!", irp,
                KeGetCurrentIrql());
    FifoComplete(irp, STATUS_SUCCESS, sizeof(ULONG));
}

static NTSTATUS FifoDelay(PIRP Irp, PIO_STACK_LOCATION sp)
{
    LARGE_INTEGER due;
    KIRQL irql;
    ULONG ms;
    if (sp->Parameters.DeviceIoControl.InputBufferLength < sizeof(ULONG) ||
        sp->Parameters.DeviceIoControl.OutputBufferLength < sizeof(ULONG))
        return FifoComplete(Irp, STATUS_BUFFER_TOO_SMALL, 0);
    ms = *(PULONG)Irp->AssociatedIrp.SystemBuffer;
    KeAcquireSpinLock(&g_Fifo.Lock, &irql);
    if (g_Fifo.DelayIrp != NULL) {
        KeReleaseSpinLock(&g_Fifo.Lock, irql);
        return FifoComplete(Irp, STATUS_DEVICE_BUSY, 0);
    }
    IoSetCancelRoutine(Irp, FifoCancelDelay);
    if (Irp->Cancel && IoSetCancelRoutine(Irp, NULL) != NULL) {
        KeReleaseSpinLock(&g_Fifo.Lock, irql);
        return FifoComplete(Irp, STATUS_CANCELLED, 0);
    }
    IoMarkIrpPending(Irp);
    g_Fifo.DelayIrp = Irp;
    due.QuadPart = -(LONGLONG)ms * 10000;
    KeSetTimer(&g_Fifo.DelayTimer, due, &g_Fifo.DelayDpc);
    KeReleaseSpinLock(&g_Fifo.Lock, irql);
    return STATUS_PENDING;
}

VOID FifoResetWorker(PDEVICE_OBJECT DeviceObject, PVOID Context)
{
    PIRP irp = Context;
    ULONG dropped = 0;
    KIRQL irql;
    UNREFERENCED_PARAMETER(DeviceObject);
    PAGED_CODE();
    KeAcquireSpinLock(&g_Fifo.Lock, &irql);
    while (!IsListEmpty(&g_Fifo.Chunks)) {
        PFIFO_CHUNK chunk = CONTAINING_RECORD(RemoveHeadList(&g_Fifo.Chunks), FIFO_CHUNK, Link);
        dropped += chunk->Length - chunk->Offset;
        ExFreeToNPagedLookasideList(&g_Fifo.ChunkLookaside, chunk);
    }
    g_Fifo.Stats.BytesQueued = 0;
    g_Fifo.ResetIrp = NULL;
    KeReleaseSpinLock(&g_Fifo.Lock, irql);
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_IOCTL, "RESET %p dropped %u bytes", irp, dropped);
    FifoComplete(irp, STATUS_SUCCESS, dropped);
}

static NTSTATUS FifoReset(PIRP Irp)
{
    KIRQL irql;
    KeAcquireSpinLock(&g_Fifo.Lock, &irql);
    if (g_Fifo.ResetIrp != NULL) {
        KeReleaseSpinLock(&g_Fifo.Lock, irql);
        return FifoComplete(Irp, STATUS_DEVICE_BUSY, 0);
    }
    g_Fifo.ResetIrp = Irp;
    KeReleaseSpinLock(&g_Fifo.Lock, irql);
    IoMarkIrpPending(Irp);
    IoQueueWorkItem(g_Fifo.ResetItem, FifoResetWorker, DelayedWorkQueue, Irp);
    return STATUS_PENDING;
}

/* IOCTL_FIFO_GET_STATS: a copy of the counters. */
static NTSTATUS FifoGetStats(PIRP Irp, PIO_STACK_LOCATION sp)
{
    KIRQL irql;
    if (sp->Parameters.DeviceIoControl.OutputBufferLength < sizeof(FIFO_STATS))
        return FifoComplete(Irp, STATUS_BUFFER_TOO_SMALL, 0);
    KeAcquireSpinLock(&g_Fifo.Lock, &irql);
    RtlCopyMemory(Irp->AssociatedIrp.SystemBuffer, &g_Fifo.Stats, sizeof(FIFO_STATS));
    KeReleaseSpinLock(&g_Fifo.Lock, irql);
    return FifoComplete(Irp, STATUS_SUCCESS, sizeof(FIFO_STATS));
}

static NTSTATUS FifoDispatchIoctl(PIRP Irp, PIO_STACK_LOCATION sp)
{
    switch (sp->Parameters.DeviceIoControl.IoControlCode) {
    case IOCTL_FIFO_ECHO_BUFFERED:
    case IOCTL_FIFO_ECHO_IN_DIRECT:
    case IOCTL_FIFO_ECHO_OUT_DIRECT:
    case IOCTL_FIFO_ECHO_NEITHER:
        return FifoEcho(Irp, sp);
    case IOCTL_FIFO_GET_STATS:
        return FifoGetStats(Irp, sp);
    case IOCTL_FIFO_DELAY:
        return FifoDelay(Irp, sp);
    case IOCTL_FIFO_RESET:
        return FifoReset(Irp);
    default:
        return FifoComplete(Irp, STATUS_INVALID_DEVICE_REQUEST, 0);
    }
}

/* Each ioctl is traced with its status (STATUS_PENDING: completed later, traced then). The IRP
 * may be gone once dispatched: only the code and the status are read after. */
NTSTATUS FifoDeviceControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    ULONG code = sp->Parameters.DeviceIoControl.IoControlCode;
    NTSTATUS status;
    UNREFERENCED_PARAMETER(DeviceObject);
    status = FifoDispatchIoctl(Irp, sp);
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_IOCTL, "%s (0x%08X): %!STATUS!", FifoIoctlName(code),
                code, status);
    return status;
}

/* The handle is closing: reads it left pending are cancelled. */
NTSTATUS FifoCleanup(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PFILE_OBJECT file = IoGetCurrentIrpStackLocation(Irp)->FileObject;
    LIST_ENTRY cancelled;
    KIRQL irql;
    UNREFERENCED_PARAMETER(DeviceObject);
    InitializeListHead(&cancelled);
    KeAcquireSpinLock(&g_Fifo.Lock, &irql);
    for (PLIST_ENTRY e = g_Fifo.PendingReads.Flink; e != &g_Fifo.PendingReads;) {
        PIRP irp = CONTAINING_RECORD(e, IRP, Tail.Overlay.ListEntry);
        e = e->Flink;
        if (IoGetCurrentIrpStackLocation(irp)->FileObject != file ||
            IoSetCancelRoutine(irp, NULL) == NULL)
            continue;
        RemoveEntryList(&irp->Tail.Overlay.ListEntry);
        g_Fifo.Stats.PendingReads--;
        InsertTailList(&cancelled, &irp->Tail.Overlay.ListEntry);
    }
    KeReleaseSpinLock(&g_Fifo.Lock, irql);
    while (!IsListEmpty(&cancelled)) {
        PIRP irp = CONTAINING_RECORD(RemoveHeadList(&cancelled), IRP, Tail.Overlay.ListEntry);
        TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_CREATE, "file %p: read %p cancelled", file, irp);
        FifoComplete(irp, STATUS_CANCELLED, 0);
    }
    return FifoComplete(Irp, STATUS_SUCCESS, 0);
}

static VOID FifoDeleteDevices(VOID)
{
    UNICODE_STRING link;
    for (int i = 0; i < 3; i++) {
        if (g_Fifo.Devices[i] == NULL)
            continue;
        RtlInitUnicodeString(&link, g_LinkNames[i]);
        IoDeleteSymbolicLink(&link);
        IoDeleteDevice(g_Fifo.Devices[i]);
        g_Fifo.Devices[i] = NULL;
    }
}

VOID FifoUnload(PDRIVER_OBJECT DriverObject)
{
    KeCancelTimer(&g_Fifo.DelayTimer);
    KeFlushQueuedDpcs();
    if (g_Fifo.ResetItem != NULL)
        IoFreeWorkItem(g_Fifo.ResetItem);
    while (!IsListEmpty(&g_Fifo.Chunks))
        ExFreeToNPagedLookasideList(&g_Fifo.ChunkLookaside, RemoveHeadList(&g_Fifo.Chunks));
    ExDeleteNPagedLookasideList(&g_Fifo.ChunkLookaside);
    FifoDeleteDevices();
    KdPrint(("fifo: unloaded\n"));
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_DRIVER, "devices deleted");
    WPP_CLEANUP(DriverObject);
}

static NTSTATUS FifoCreateDevices(PDRIVER_OBJECT DriverObject)
{
    UNICODE_STRING name, link;
    NTSTATUS status;
    for (int i = 0; i < 3; i++) {
        RtlInitUnicodeString(&name, g_DeviceNames[i]);
        RtlInitUnicodeString(&link, g_LinkNames[i]);
        status = IoCreateDevice(DriverObject, 0, &name, FIFO_DEVICE_TYPE, FILE_DEVICE_SECURE_OPEN,
                                FALSE, &g_Fifo.Devices[i]);
        if (!NT_SUCCESS(status)) {
            TraceEvents(TRACE_LEVEL_ERROR, TRACE_DRIVER, "IoCreateDevice %wZ: %!STATUS!", &name,
                        status);
            return status;
        }
        g_Fifo.Devices[i]->Flags |= g_DeviceFlags[i];
        status = IoCreateSymbolicLink(&link, &name);
        if (!NT_SUCCESS(status)) {
            TraceEvents(TRACE_LEVEL_ERROR, TRACE_DRIVER, "IoCreateSymbolicLink %wZ: %!STATUS!",
                        &link, status);
            IoDeleteDevice(g_Fifo.Devices[i]);
            g_Fifo.Devices[i] = NULL;
            return status;
        }
    }
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NTSTATUS status;
    WPP_INIT_TRACING(DriverObject, RegistryPath);
    KdPrint(("fifo: DriverEntry %wZ\n", RegistryPath));
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_DRIVER, "service key %wZ", RegistryPath);
    KeInitializeSpinLock(&g_Fifo.Lock);
    InitializeListHead(&g_Fifo.Chunks);
    InitializeListHead(&g_Fifo.PendingReads);
    ExInitializeNPagedLookasideList(&g_Fifo.ChunkLookaside, NULL, NULL, POOL_NX_ALLOCATION,
                                    sizeof(FIFO_CHUNK), FIFO_TAG, 0);
    KeInitializeDpc(&g_Fifo.DrainDpc, FifoDrainDpc, NULL);
    KeInitializeDpc(&g_Fifo.DelayDpc, FifoDelayDpc, NULL);
    KeInitializeTimer(&g_Fifo.DelayTimer);
    DriverObject->MajorFunction[IRP_MJ_CREATE] = FifoCreateClose;
    DriverObject->MajorFunction[IRP_MJ_CLOSE] = FifoCreateClose;
    DriverObject->MajorFunction[IRP_MJ_CLEANUP] = FifoCleanup;
    DriverObject->MajorFunction[IRP_MJ_READ] = FifoRead;
    DriverObject->MajorFunction[IRP_MJ_WRITE] = FifoWrite;
    DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = FifoDeviceControl;
    DriverObject->DriverUnload = FifoUnload;
    status = FifoCreateDevices(DriverObject);
    if (NT_SUCCESS(status)) {
        g_Fifo.ResetItem = IoAllocateWorkItem(g_Fifo.Devices[0]);
        if (g_Fifo.ResetItem == NULL)
            status = STATUS_INSUFFICIENT_RESOURCES;
    }
    if (!NT_SUCCESS(status)) {
        TraceEvents(TRACE_LEVEL_ERROR, TRACE_DRIVER, "failed: %!STATUS!", status);
        FifoDeleteDevices();
        ExDeleteNPagedLookasideList(&g_Fifo.ChunkLookaside);
        WPP_CLEANUP(DriverObject);
        return status;
    }
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_DRIVER, "3 devices ready: %!STATUS!", status);
    return status;
}
