/*
 * queue_extra.c - the queue routines beside the hot path: WdfIoQueueStopAndPurge[Synchronously]
 * (KMDF 1.11), WdfDeviceWdmDispatchIrpToIoQueue (an IRP handed to a queue the driver names,
 * from EvtDeviceWdmIrpPreprocess), the EvtIoQueueState notifications run outside the queue's
 * synchronization lock, and the framework's version string (WdfDriverRetrieveVersionString).
 *
 * Locking: nothing here holds a framework lock while driver code runs; a notification that
 * would run under the queue's synchronization lock is deferred to an I/O work item on the
 * device object (so the driver is not unloaded before it ran), with a reference on the queue
 * until it has run.
 */
#include <stdlib.h>
#include <string.h>

#include "ke/ke.h"
#include "rtl/rtl.h"
#include "wdf/wdf_private.h"

#define WDF_QUEUE_GET(g, h)                                                                        \
    CONTAINING_RECORD(wdf_object_get(g, h, WDF_TYPE_QUEUE), struct wdf_queue, obj)

/* ---- EvtIoQueueState outside the synchronization lock ---------------------------------------- */

struct wdf_queue_deferred {
    struct wdf_queue *queue; /* referenced until the callback has run */
    PFN_WDF_IO_QUEUE_STATE callback;
    WDFCONTEXT context;
    PIO_WORKITEM work; /* on the device object: the driver stays loaded until it ran */
};

static VOID wdf_queue_notify_on_worker(PDEVICE_OBJECT device, PVOID context)
{
    struct wdf_queue_deferred *d = context;
    (void)device;
    d->callback((WDFQUEUE)d->queue, d->context);
    wdf_object_release(&d->queue->obj);
    IoFreeWorkItem(d->work);
    free(d);
}

/* Microsoft's EVT_WDF_IO_QUEUE_STATE page names no lock for these callbacks; a thread that
 * completes a request inside its serialised EvtIo callback would otherwise run the stop, drain
 * or purge notification with the queue's lock held (and a driver taking it there deadlocks). */
void wdf_queue_notify(struct wdf_queue *q, PFN_WDF_IO_QUEUE_STATE callback, WDFCONTEXT context)
{
    struct wdf_queue_deferred *d;
    if (!wdf_sync_held(wdf_sync_owner(&q->obj))) {
        callback((WDFQUEUE)q, context);
        return;
    }
    d = malloc(sizeof(*d));
    if (d != NULL && (d->work = IoAllocateWorkItem(q->device->wdm)) == NULL) {
        free(d);
        d = NULL;
    }
    if (d == NULL) {
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': out of memory deferring the EvtIoQueueState callback of queue %p: "
                 "it runs under the queue's synchronization lock",
                 q->obj.owner->pub.DriverName, (void *)q);
        callback((WDFQUEUE)q, context);
        return;
    }
    d->queue = q;
    d->callback = callback;
    d->context = context;
    wdf_object_reference(&q->obj);
    IoQueueWorkItem(d->work, wdf_queue_notify_on_worker, DelayedWorkQueue, d);
}

/* ---- IRPs given to a queue ------------------------------------------------------------------- */

NTSTATUS wdf_queue_give(struct wdf_queue *q, PIRP irp, BOOLEAN in_caller,
                        void (*done)(struct wdf_request *r, NTSTATUS status), void *done_context)
{
    struct wdf_device *dev = q->device;
    NTSTATUS status;
    /* wdevb: a reserved request when the queue's forward progress policy says so */
    struct wdf_request *r = wdf_fp_request(q, irp, &status);
    if (r == NULL) /* `done` is not called: the caller sees the status */
        return wdf_irp_complete(irp, status);
    wdf_request_hold_queue(r);
    r->done = done;
    r->done_context = done_context;
    IoMarkIrpPending(irp);
    if (in_caller && dev->in_caller_context != NULL) {
        /* As wdf_queue_dispatch: the driver sees it first; WdfDeviceEnqueueRequest queues it. */
        r->where = WDF_REQ_CALLER;
        r->in_caller_context = TRUE;
        dev->in_caller_context((WDFDEVICE)dev, (WDFREQUEST)r);
        return STATUS_PENDING;
    }
    status = wdf_queue_enter(q, r);
    if (!NT_SUCCESS(status)) { /* the queue does not accept requests */
        r->completed = 1;
        if (done != NULL)
            done(r, status);
        wdf_irp_complete(irp, status);
        wdf_request_dispose(r);
    }
    return STATUS_PENDING;
}

/* Why `q` cannot take the IRP (NULL: it can). */
static const char *wdf_queue_refuses(struct wdf_device *dev, struct wdf_queue *q, UCHAR major)
{
    if (q->device != dev)
        return "the queue belongs to another device";
    if (major != IRP_MJ_READ && major != IRP_MJ_WRITE && major != IRP_MJ_DEVICE_CONTROL &&
        major != IRP_MJ_INTERNAL_DEVICE_CONTROL)
        return "only reads, writes and device controls go to a queue this way";
    if (q->config.DispatchType != WdfIoQueueDispatchManual && !wdf_queue_handles(q, major))
        return "the queue has no request handler for the IRP's major function";
    return NULL;
}

/* Microsoft (WdfDeviceWdmDispatchIrpToIoQueue, WDF_DISPATCH_IRP_TO_IO_QUEUE_FLAGS): the IRP
 * becomes a request of `Queue`; PREPROCESSED_IRP steps to the next stack location first (the
 * driver skipped or copied its own), INVOKE_INCALLERCTX_CALLBACK has EvtIoInCallerContext see
 * it first. The status is what the driver's dispatch callback returns. */
NTSTATUS imp_WdfDeviceWdmDispatchIrpToIoQueue(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device,
                                              PIRP Irp, WDFQUEUE Queue, ULONG Flags)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_device *dev =
        CONTAINING_RECORD(wdf_object_get(g, Device, WDF_TYPE_DEVICE), struct wdf_device, obj);
    struct wdf_queue *q = WDF_QUEUE_GET(g, Queue);
    const char *problem;
    WDF_CHECK_NOT_NULL(g, Irp);
    if (Flags & WDF_DISPATCH_IRP_TO_IO_QUEUE_PREPROCESSED_IRP)
        IoSetNextIrpStackLocation(Irp);
    problem = wdf_queue_refuses(dev, q, IoGetCurrentIrpStackLocation(Irp)->MajorFunction);
    if (problem == NULL &&
        (Flags & ~(ULONG)(WDF_DISPATCH_IRP_TO_IO_QUEUE_PREPROCESSED_IRP |
                          WDF_DISPATCH_IRP_TO_IO_QUEUE_INVOKE_INCALLERCTX_CALLBACK)))
        problem = "Flags has bits WDF_DISPATCH_IRP_TO_IO_QUEUE_FLAGS does not define";
    if (problem != NULL) {
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': WdfDeviceWdmDispatchIrpToIoQueue(IRP %p, queue %p): %s; the IRP is "
                 "completed with STATUS_INVALID_PARAMETER",
                 g->pub.DriverName, (void *)Irp, (void *)q, problem);
        return wdf_irp_complete(Irp, STATUS_INVALID_PARAMETER);
    }
    return wdf_queue_give(q, Irp,
                          (Flags & WDF_DISPATCH_IRP_TO_IO_QUEUE_INVOKE_INCALLERCTX_CALLBACK) != 0,
                          NULL, NULL);
}

/* ---- stop and purge -------------------------------------------------------------------------- */

VOID imp_WdfIoQueueStopAndPurge(PWDF_DRIVER_GLOBALS globals, WDFQUEUE Queue,
                                PFN_WDF_IO_QUEUE_STATE StopAndPurgeComplete, WDFCONTEXT Context)
{
    wdf_queue_stop_and_purge(WDF_QUEUE_GET(wdf_globals_of(globals), Queue), StopAndPurgeComplete,
                             Context);
}

static VOID wdf_queue_extra_wake(WDFQUEUE Queue, WDFCONTEXT Context)
{
    (void)Queue;
    KeSetEvent((PKEVENT)Context, IO_NO_INCREMENT, FALSE);
}

/* Microsoft: PASSIVE_LEVEL; returns once the driver's requests are completed or cancelled. */
VOID imp_WdfIoQueueStopAndPurgeSynchronously(PWDF_DRIVER_GLOBALS globals, WDFQUEUE Queue)
{
    struct wdf_queue *q = WDF_QUEUE_GET(wdf_globals_of(globals), Queue);
    KEVENT done;
    KeInitializeEvent(&done, NotificationEvent, FALSE);
    wdf_queue_stop_and_purge(q, wdf_queue_extra_wake, &done);
    KeWaitForSingleObject(&done, Executive, KernelMode, FALSE, NULL);
}

/* ---- the framework's version ----------------------------------------------------------------- */

/* What WdfDriverRetrieveVersionString assigns: Microsoft says a driver must not interpret it. */
#define WDF_VERSION_TEXT                                                                           \
    "drvhost Kernel-Mode Driver Framework 1.33 (drvhost " DRVHOST_VERSION_STRING ")"

NTSTATUS imp_WdfDriverRetrieveVersionString(PWDF_DRIVER_GLOBALS globals, WDFDRIVER Driver,
                                            WDFSTRING String)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    static const char text[] = WDF_VERSION_TEXT;
    WCHAR wide[sizeof(text)];
    struct wdf_string *s;
    wdf_object_get(g, Driver, WDF_TYPE_DRIVER);
    s = CONTAINING_RECORD(wdf_object_get(g, String, WDF_TYPE_STRING), struct wdf_string, obj);
    for (size_t i = 0; i < sizeof(text); i++)
        wide[i] = (WCHAR)text[i];
    return wdf_string_assign(s, wide, (sizeof(text) - 1) * sizeof(WCHAR));
}
