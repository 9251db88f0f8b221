/*
 * queue.c - the input reports of a HID collection: one ring of HID_RING_SIZE reports and one
 * list of waiting reads per open file object (FileObject->FsContext), so that every open gets
 * every report, as on Windows. A full ring drops its oldest report.
 *
 * Locking: the queue's spin lock guards the list of opens and each open's ring and pending
 * list. A waiting read is cancelable; whoever clears its cancel routine completes it (the
 * delivery, cleanup or stop), else its cancel routine does.
 */
#include "hid/hid_private.h"

#define HID_QUEUE_TAG 'qdiH'

static struct hid_open *hid_open_of(PFILE_OBJECT file)
{
    return file ? file->FsContext : NULL;
}

void hid_queue_init(struct hid_queue *q)
{
    KeInitializeSpinLock(&q->lock);
    InitializeListHead(&q->opens);
}

NTSTATUS hid_queue_open(struct hid_queue *q, PFILE_OBJECT file)
{
    KIRQL irql;
    struct hid_open *o = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*o), HID_QUEUE_TAG);
    if (!o)
        return STATUS_INSUFFICIENT_RESOURCES;
    o->queue = q;
    InitializeListHead(&o->pending);
    file->FsContext = o;
    KeAcquireSpinLock(&q->lock, &irql);
    InsertTailList(&q->opens, &o->link);
    KeReleaseSpinLock(&q->lock, irql);
    return STATUS_SUCCESS;
}

/* Under the lock: frees the oldest buffered report. */
static void hid_ring_drop(struct hid_open *o)
{
    ExFreePoolWithTag(o->ring[o->head], HID_QUEUE_TAG);
    o->head = (o->head + 1) % HID_RING_SIZE;
    o->count--;
}

void hid_queue_close(PFILE_OBJECT file)
{
    struct hid_open *o = hid_open_of(file);
    KIRQL irql;
    if (!o)
        return;
    KeAcquireSpinLock(&o->queue->lock, &irql);
    RemoveEntryList(&o->link);
    while (o->count)
        hid_ring_drop(o);
    KeReleaseSpinLock(&o->queue->lock, irql);
    file->FsContext = NULL;
    ExFreePoolWithTag(o, HID_QUEUE_TAG);
}

NTSTATUS hid_complete(PIRP irp, NTSTATUS status, ULONG_PTR info)
{
    irp->IoStatus.Status = status;
    irp->IoStatus.Information = info;
    IoCompleteRequest(irp, IO_NO_INCREMENT);
    return status;
}

static VOID NTAPI hid_cancel_read(PDEVICE_OBJECT dev, PIRP irp)
{
    struct hid_open *o = hid_open_of(IoGetCurrentIrpStackLocation(irp)->FileObject);
    KIRQL irql;
    UNREFERENCED_PARAMETER(dev);
    IoReleaseCancelSpinLock(irp->CancelIrql);
    KeAcquireSpinLock(&o->queue->lock, &irql);
    RemoveEntryList(&irp->Tail.Overlay.ListEntry); /* a no-op once someone took it out */
    InitializeListHead(&irp->Tail.Overlay.ListEntry);
    KeReleaseSpinLock(&o->queue->lock, irql);
    hid_complete(irp, STATUS_CANCELLED, 0);
}

/* Under the lock: the open's oldest waiting read that is not being cancelled, or NULL. */
static PIRP hid_take_read(struct hid_open *o)
{
    while (!IsListEmpty(&o->pending)) {
        PLIST_ENTRY e = RemoveHeadList(&o->pending);
        InitializeListHead(e);
        PIRP irp = CONTAINING_RECORD(e, IRP, Tail.Overlay.ListEntry);
        if (IoSetCancelRoutine(irp, NULL))
            return irp; /* else its cancel routine is running and completes it */
    }
    return NULL;
}

static void hid_finish_read(PIRP irp, const UCHAR *report, ULONG length)
{
    RtlCopyMemory(irp->AssociatedIrp.SystemBuffer, report, length);
    hid_complete(irp, STATUS_SUCCESS, length);
}

/* Under the lock: gives the report to the open's oldest waiting read (returned, to complete
 * after the lock) or keeps a copy in its ring. */
static PIRP hid_offer(struct hid_open *o, const UCHAR *report, ULONG length)
{
    PIRP irp = hid_take_read(o);
    if (irp)
        return irp;
    PUCHAR copy = ExAllocatePool2(POOL_FLAG_NON_PAGED, length, HID_QUEUE_TAG);
    if (!copy)
        return NULL; /* the report is lost for this open, as a full ring loses one */
    RtlCopyMemory(copy, report, length);
    if (o->count == HID_RING_SIZE)
        hid_ring_drop(o);
    ULONG slot = (o->head + o->count++) % HID_RING_SIZE;
    o->ring[slot] = copy;
    o->ring_len[slot] = length;
    return NULL;
}

void hid_queue_deliver(struct hid_queue *q, const UCHAR *report, ULONG length)
{
    LIST_ENTRY done;
    KIRQL irql;
    InitializeListHead(&done);
    KeAcquireSpinLock(&q->lock, &irql);
    for (PLIST_ENTRY e = q->opens.Flink; e != &q->opens; e = e->Flink) {
        PIRP irp = hid_offer(CONTAINING_RECORD(e, struct hid_open, link), report, length);
        if (irp)
            InsertTailList(&done, &irp->Tail.Overlay.ListEntry);
    }
    KeReleaseSpinLock(&q->lock, irql);
    while (!IsListEmpty(&done))
        hid_finish_read(CONTAINING_RECORD(RemoveHeadList(&done), IRP, Tail.Overlay.ListEntry),
                        report, length);
}

NTSTATUS hid_queue_read(PIRP irp)
{
    struct hid_open *o = hid_open_of(IoGetCurrentIrpStackLocation(irp)->FileObject);
    KIRQL irql;
    if (!o)
        return hid_complete(irp, STATUS_INVALID_DEVICE_REQUEST, 0);
    KeAcquireSpinLock(&o->queue->lock, &irql);
    if (o->count) {
        PUCHAR report = o->ring[o->head];
        ULONG size = o->ring_len[o->head];
        o->head = (o->head + 1) % HID_RING_SIZE;
        o->count--;
        KeReleaseSpinLock(&o->queue->lock, irql);
        hid_finish_read(irp, report, size);
        ExFreePoolWithTag(report, HID_QUEUE_TAG);
        return STATUS_SUCCESS;
    }
    IoMarkIrpPending(irp);
    IoSetCancelRoutine(irp, hid_cancel_read);
    if (__atomic_load_n(&irp->Cancel, __ATOMIC_ACQUIRE) && IoSetCancelRoutine(irp, NULL)) {
        KeReleaseSpinLock(&o->queue->lock, irql);
        hid_complete(irp, STATUS_CANCELLED, 0);
        return STATUS_PENDING;
    }
    InsertTailList(&o->pending, &irp->Tail.Overlay.ListEntry);
    KeReleaseSpinLock(&o->queue->lock, irql);
    return STATUS_PENDING;
}

/* Under the lock: moves the open's waiting reads to `done`; empties its ring if `drop`. */
static void hid_open_reset(struct hid_open *o, PLIST_ENTRY done, BOOLEAN drop)
{
    PIRP irp;
    while ((irp = hid_take_read(o)) != NULL)
        InsertTailList(done, &irp->Tail.Overlay.ListEntry);
    while (drop && o->count)
        hid_ring_drop(o);
}

static void hid_finish_all(PLIST_ENTRY done, NTSTATUS status)
{
    while (!IsListEmpty(done))
        hid_complete(CONTAINING_RECORD(RemoveHeadList(done), IRP, Tail.Overlay.ListEntry), status,
                     0);
}

void hid_queue_cleanup(PFILE_OBJECT file)
{
    struct hid_open *o = hid_open_of(file);
    LIST_ENTRY done;
    KIRQL irql;
    if (!o)
        return;
    InitializeListHead(&done);
    KeAcquireSpinLock(&o->queue->lock, &irql);
    hid_open_reset(o, &done, FALSE);
    KeReleaseSpinLock(&o->queue->lock, irql);
    hid_finish_all(&done, STATUS_CANCELLED);
}

void hid_queue_flush(PFILE_OBJECT file)
{
    struct hid_open *o = hid_open_of(file);
    KIRQL irql;
    if (!o)
        return;
    KeAcquireSpinLock(&o->queue->lock, &irql);
    while (o->count)
        hid_ring_drop(o);
    KeReleaseSpinLock(&o->queue->lock, irql);
}

void hid_queue_stop(struct hid_queue *q, NTSTATUS status)
{
    LIST_ENTRY done;
    KIRQL irql;
    InitializeListHead(&done);
    KeAcquireSpinLock(&q->lock, &irql);
    for (PLIST_ENTRY e = q->opens.Flink; e != &q->opens; e = e->Flink)
        hid_open_reset(CONTAINING_RECORD(e, struct hid_open, link), &done, TRUE);
    KeReleaseSpinLock(&q->lock, irql);
    hid_finish_all(&done, status);
}
