/*
 * queue.c - framework I/O queues: WdfIoQueueCreate (sequential and parallel dispatch; the
 * device's default queue), handing IRPs to a queue and presenting requests to the driver's
 * EvtIo* callbacks.
 *
 * Presenting: a queue presents at most `limit` requests at once (1 sequential, the configured
 * number parallel); the others wait in `pending`, in arrival order. A request is presented on
 * the thread that brought it, or on the thread that completed the request before it. The
 * queue lock is never held while driver code runs.
 */
#include <stdlib.h>
#include <string.h>

#include "rtl/rtl.h"
#include "wdf/wdf_private.h"

/* Requests still waiting when the queue goes are cancelled; requests presented and not
 * completed are the driver's bug, reported. */
static void wdf_queue_cleanup(struct wdf_object *o)
{
    struct wdf_queue *q = CONTAINING_RECORD(o, struct wdf_queue, obj);
    LIST_ENTRY waiting;
    ULONG presented;
    InitializeListHead(&waiting);
    os_mutex_lock(&q->lock);
    while (!IsListEmpty(&q->pending))
        InsertTailList(&waiting, RemoveHeadList(&q->pending));
    presented = q->presented;
    q->limit = 0; /* nothing more is presented */
    os_mutex_unlock(&q->lock);
    while (!IsListEmpty(&waiting)) {
        struct wdf_request *r =
            CONTAINING_RECORD(RemoveHeadList(&waiting), struct wdf_request, link);
        r->completed = 1;
        wdf_irp_complete(r->irp, STATUS_CANCELLED);
        wdf_object_delete(&r->obj);
    }
    if (presented != 0)
        rtl_diag(RTL_DIAG_WARN, "wdf",
                 "driver '%s': queue %p deleted with %lu request(s) presented and not completed",
                 o->owner->pub.DriverName, (void *)q, (unsigned long)presented);
    os_mutex_lock(&wdf_tree_lock);
    if (q->device->default_queue == q) /* read without the lock by wdf_queue_dispatch */
        __atomic_store_n(&q->device->default_queue, NULL, __ATOMIC_RELEASE);
    os_mutex_unlock(&wdf_tree_lock);
}

static void wdf_queue_destroy(struct wdf_object *o)
{
    os_mutex_destroy(&CONTAINING_RECORD(o, struct wdf_queue, obj)->lock);
}

static BOOLEAN wdf_queue_has_handler(PWDF_IO_QUEUE_CONFIG c)
{
    return c->EvtIoDefault != NULL || c->EvtIoRead != NULL || c->EvtIoWrite != NULL ||
           c->EvtIoDeviceControl != NULL || c->EvtIoInternalDeviceControl != NULL;
}

static NTSTATUS wdf_check_queue_config(struct wdf_globals *g, struct wdf_device *dev,
                                       PWDF_IO_QUEUE_CONFIG c)
{
    const char *problem = NULL;
    NTSTATUS status = STATUS_INVALID_PARAMETER;
    if (c->Size != sizeof(WDF_IO_QUEUE_CONFIG)) {
        problem = "WDF_IO_QUEUE_CONFIG.Size is not sizeof(WDF_IO_QUEUE_CONFIG)";
        status = STATUS_INFO_LENGTH_MISMATCH;
    } else if (c->DispatchType == WdfIoQueueDispatchManual) {
        problem = "manual dispatch is not implemented by drvhost yet";
        status = STATUS_NOT_IMPLEMENTED;
    } else if (c->DispatchType != WdfIoQueueDispatchSequential &&
               c->DispatchType != WdfIoQueueDispatchParallel) {
        problem = "DispatchType is not a dispatch type";
    } else if (!wdf_queue_has_handler(c)) {
        problem = "a sequential or parallel queue needs a request handler (EvtIo*)";
        status = STATUS_WDF_NO_CALLBACK;
    } else if (c->PowerManaged == WdfTrue && dev->control) {
        problem = "a control device's queue cannot be power-managed";
    } else if (c->DefaultQueue && dev->default_queue != NULL) {
        problem = "the device already has a default queue";
        status = STATUS_UNSUCCESSFUL; /* Microsoft: WdfIoQueueCreate */
    }
    if (problem != NULL)
        rtl_diag(RTL_DIAG_ERROR, "wdf", "driver '%s': WdfIoQueueCreate: %s", g->pub.DriverName,
                 problem);
    return problem != NULL ? status : STATUS_SUCCESS;
}

NTSTATUS imp_WdfIoQueueCreate(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device,
                              PWDF_IO_QUEUE_CONFIG Config, PWDF_OBJECT_ATTRIBUTES attributes,
                              WDFQUEUE *Queue)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_device *dev =
        CONTAINING_RECORD(wdf_object_get(g, Device, WDF_TYPE_DEVICE), struct wdf_device, obj);
    struct wdf_object *o;
    struct wdf_queue *q;
    NTSTATUS status;
    WDF_CHECK_NOT_NULL(g, Config);
    status = wdf_check_queue_config(g, dev, Config);
    if (NT_SUCCESS(status)) /* a queue's parent is always its device */
        status = wdf_object_create(g, WDF_TYPE_QUEUE, sizeof(*q), attributes, &dev->obj, &o);
    if (!NT_SUCCESS(status))
        return status;
    q = CONTAINING_RECORD(o, struct wdf_queue, obj);
    q->device = dev;
    q->config = *Config;
    q->limit = Config->DispatchType == WdfIoQueueDispatchSequential
                   ? 1
                   : Config->Settings.Parallel.NumberOfPresentedRequests;
    if (q->limit == 0)
        q->limit = (ULONG)-1;
    os_mutex_init(&q->lock);
    InitializeListHead(&q->pending);
    o->type_cleanup = wdf_queue_cleanup;
    o->type_destroy = wdf_queue_destroy;
    if (Config->DefaultQueue) {
        os_mutex_lock(&wdf_tree_lock);
        __atomic_store_n(&dev->default_queue, q, __ATOMIC_RELEASE);
        os_mutex_unlock(&wdf_tree_lock);
    }
    if (Queue != NULL)
        *Queue = (WDFQUEUE)q;
    return STATUS_SUCCESS;
}

WDFDEVICE imp_WdfIoQueueGetDevice(PWDF_DRIVER_GLOBALS globals, WDFQUEUE Queue)
{
    struct wdf_object *o = wdf_object_get(wdf_globals_of(globals), Queue, WDF_TYPE_QUEUE);
    return (WDFDEVICE)CONTAINING_RECORD(o, struct wdf_queue, obj)->device;
}

/* Whether the queue has a handler for the IRP's major function (its own, or EvtIoDefault). */
static BOOLEAN wdf_queue_handles(struct wdf_queue *q, UCHAR major)
{
    PWDF_IO_QUEUE_CONFIG c = &q->config;
    if (c->EvtIoDefault != NULL)
        return TRUE;
    switch (major) {
    case IRP_MJ_READ:
        return c->EvtIoRead != NULL;
    case IRP_MJ_WRITE:
        return c->EvtIoWrite != NULL;
    case IRP_MJ_DEVICE_CONTROL:
        return c->EvtIoDeviceControl != NULL;
    default:
        return c->EvtIoInternalDeviceControl != NULL;
    }
}

/* Calls the driver's handler for the request: the major function's own, else EvtIoDefault. */
static void wdf_queue_present(struct wdf_queue *q, struct wdf_request *r)
{
    PWDF_IO_QUEUE_CONFIG c = &q->config;
    PIO_STACK_LOCATION s = IoGetCurrentIrpStackLocation(r->irp);
    WDFQUEUE queue = (WDFQUEUE)q;
    WDFREQUEST request = (WDFREQUEST)r;
    struct wdf_object *sync = wdf_sync_owner(&q->obj);
    trace_recorder_log(q->obj.owner->driver_object,
                       "request %p (IRP_MJ 0x%x) presented by queue %p", (void *)r,
                       s->MajorFunction, (void *)q);
    wdf_sync_acquire(sync);
    if (s->MajorFunction == IRP_MJ_READ && c->EvtIoRead != NULL)
        c->EvtIoRead(queue, request, s->Parameters.Read.Length);
    else if (s->MajorFunction == IRP_MJ_WRITE && c->EvtIoWrite != NULL)
        c->EvtIoWrite(queue, request, s->Parameters.Write.Length);
    else if (s->MajorFunction == IRP_MJ_DEVICE_CONTROL && c->EvtIoDeviceControl != NULL)
        c->EvtIoDeviceControl(queue, request, s->Parameters.DeviceIoControl.OutputBufferLength,
                              s->Parameters.DeviceIoControl.InputBufferLength,
                              s->Parameters.DeviceIoControl.IoControlCode);
    else if (s->MajorFunction == IRP_MJ_INTERNAL_DEVICE_CONTROL &&
             c->EvtIoInternalDeviceControl != NULL)
        c->EvtIoInternalDeviceControl(queue, request,
                                      s->Parameters.DeviceIoControl.OutputBufferLength,
                                      s->Parameters.DeviceIoControl.InputBufferLength,
                                      s->Parameters.DeviceIoControl.IoControlCode);
    else
        c->EvtIoDefault(queue, request);
    wdf_sync_release(sync);
}

NTSTATUS wdf_queue_dispatch(struct wdf_device *dev, PIRP irp)
{
    PIO_STACK_LOCATION s = IoGetCurrentIrpStackLocation(irp);
    struct wdf_queue *q = __atomic_load_n(&dev->default_queue, __ATOMIC_ACQUIRE);
    struct wdf_request *r;
    BOOLEAN now;
    if (q == NULL || !wdf_queue_handles(q, s->MajorFunction))
        return wdf_irp_complete(irp, STATUS_INVALID_DEVICE_REQUEST);
    /* Microsoft: without AllowZeroLengthRequests the framework completes zero-length reads and
     * writes itself, with STATUS_SUCCESS. */
    if (!q->config.AllowZeroLengthRequests &&
        ((s->MajorFunction == IRP_MJ_READ && s->Parameters.Read.Length == 0) ||
         (s->MajorFunction == IRP_MJ_WRITE && s->Parameters.Write.Length == 0)))
        return wdf_irp_complete(irp, STATUS_SUCCESS);
    r = wdf_request_create(q, irp);
    if (r == NULL)
        return wdf_irp_complete(irp, STATUS_INSUFFICIENT_RESOURCES);
    IoMarkIrpPending(irp);
    os_mutex_lock(&q->lock);
    now = q->presented < q->limit;
    if (now)
        q->presented++;
    else
        InsertTailList(&q->pending, &r->link);
    os_mutex_unlock(&q->lock);
    if (now)
        wdf_queue_present(q, r);
    return STATUS_PENDING;
}

void wdf_queue_request_done(struct wdf_queue *q)
{
    struct wdf_request *next = NULL;
    os_mutex_lock(&q->lock);
    q->presented--;
    if (!IsListEmpty(&q->pending) && q->presented < q->limit) {
        next = CONTAINING_RECORD(RemoveHeadList(&q->pending), struct wdf_request, link);
        q->presented++;
    }
    os_mutex_unlock(&q->lock);
    if (next != NULL)
        wdf_queue_present(q, next);
}

void wdf_queue_device_power(struct wdf_device *device, BOOLEAN working)
{
    /* Skeleton: power-managed queues are not implemented yet. */
    (void)device;
    (void)working;
}
