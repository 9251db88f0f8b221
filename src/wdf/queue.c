/*
 * queue.c - framework I/O queues: WdfIoQueueCreate (sequential, parallel and manual dispatch;
 * the device's default queue), handing IRPs to a queue and presenting requests to the driver's
 * EvtIo* callbacks; queue states (start, stop, drain, purge, their EvtIoQueueState
 * notifications, WdfIoQueueGetState, ReadyNotify), retrieval from manual queues, and the
 * framework's cancellation of requests waiting in a queue.
 *
 * Ownership: a request is either waiting in `pending` (the framework owns it: IoCancelIrp
 * removes it, through wdf_queue_cancel_routine) or owned by the driver (`owned`) until it is
 * completed, requeued or forwarded. The race between taking a waiting request out and its
 * cancellation is decided by IoSetCancelRoutine(irp, NULL) under the queue lock, as in
 * src/io/csq.c: whoever gets the routine back owns the request.
 *
 * Presenting: a queue presents at most `limit` requests at once (1 sequential, the configured
 * number parallel); the others wait in `pending`, in arrival order. A request is presented on
 * the thread that brought it, or on the thread that completed the request before it. The
 * queue lock is never held while driver code runs.
 */
#include <stdlib.h>
#include <string.h>

#include "ke/ke.h"
#include "rtl/rtl.h"
#include "wdf/wdf_private.h"

static void wdf_queue_cleanup(struct wdf_object *o);

static void wdf_queue_destroy(struct wdf_object *o)
{
    struct wdf_queue *q = CONTAINING_RECORD(o, struct wdf_queue, obj);
    os_mutex_destroy(&q->lock);
}

static BOOLEAN wdf_queue_may_be_fast(struct wdf_queue *q);
static void wdf_queue_lock_all(struct wdf_queue *q);
static void wdf_queue_fold(struct wdf_queue *q);
static inline unsigned wdf_arrival_slot(void);

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
    /* Microsoft (WDF_IO_QUEUE_CONFIG): Driver is there from KMDF 1.11 on. */
    if (c->Size != wdf_versioned_size(g, sizeof(WDF_IO_QUEUE_CONFIG), 11,
                                      FIELD_OFFSET(WDF_IO_QUEUE_CONFIG, Driver))) {
        problem = "WDF_IO_QUEUE_CONFIG.Size is not its size in the driver's KMDF version";
        status = STATUS_INFO_LENGTH_MISMATCH;
    } else if (c->DispatchType != WdfIoQueueDispatchSequential &&
               c->DispatchType != WdfIoQueueDispatchParallel &&
               c->DispatchType != WdfIoQueueDispatchManual) {
        problem = "DispatchType is not a dispatch type";
    } else if (c->DispatchType != WdfIoQueueDispatchManual && !wdf_queue_has_handler(c)) {
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
    RtlCopyMemory(&q->config, Config, Config->Size); /* an older version's is shorter */
    if (Config->DispatchType == WdfIoQueueDispatchManual)
        q->limit = 0; /* nothing is presented: the driver retrieves */
    else if (Config->DispatchType == WdfIoQueueDispatchSequential)
        q->limit = 1;
    else
        q->limit = Config->Settings.Parallel.NumberOfPresentedRequests;
    if (q->limit == 0 && Config->DispatchType == WdfIoQueueDispatchParallel)
        q->limit = (ULONG)-1;
    os_mutex_init(&q->lock);
    InitializeListHead(&q->pending);
    InitializeListHead(&q->owned);
    for (unsigned i = 0; i < WDF_ARRIVAL_SLOTS; i++)
        InitializeListHead(&q->lanes[i].owned);
    q->accept = q->dispatch = TRUE;
    /* Microsoft (WDF_IO_QUEUE_CONFIG.PowerManaged): WdfUseDefault is power-managed unless the
     * driver is a filter; a control device's queues never are. */
    q->power_managed = !dev->control && Config->PowerManaged != WdfFalse;
    q->fast = wdf_queue_may_be_fast(q);
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
static inline __attribute__((always_inline)) BOOLEAN wdf_queue_handles_in(struct wdf_queue *q,
                                                                          UCHAR major)
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

BOOLEAN wdf_queue_handles(struct wdf_queue *q, UCHAR major)
{
    return wdf_queue_handles_in(q, major);
}

/* Calls the driver's handler for the request: the major function's own, else EvtIoDefault;
 * under `sync`, the queue's synchronization owner (wdf_sync_owner). */
static inline __attribute__((always_inline)) void wdf_queue_present_body(struct wdf_queue *q,
                                                                         struct wdf_request *r,
                                                                         struct wdf_object *sync,
                                                                         UCHAR major)
{
    PWDF_IO_QUEUE_CONFIG c = &q->config;
    PIO_STACK_LOCATION s = IoGetCurrentIrpStackLocation(r->irp);
    WDFQUEUE queue = (WDFQUEUE)q;
    WDFREQUEST request = (WDFREQUEST)r;
    /* session 13: a verbose record (Parameters\Wdf\VerboseOn, wdf_globals): off by default,
     * as the framework's own logger records its per-request steps only then. */
    if (__builtin_expect(q->obj.owner->ifr_verbose, 0))
        trace_recorder_event_mark(q->obj.owner->recorder, &r->trace,
                                  "request %p (IRP_MJ 0x%x) presented by queue %p", (uintptr_t)r,
                                  major, (uintptr_t)q);
    wdf_sync_acquire(sync);
    if (major == IRP_MJ_READ && c->EvtIoRead != NULL)
        c->EvtIoRead(queue, request, s->Parameters.Read.Length);
    else if (major == IRP_MJ_WRITE && c->EvtIoWrite != NULL)
        c->EvtIoWrite(queue, request, s->Parameters.Write.Length);
    else if (major == IRP_MJ_DEVICE_CONTROL && c->EvtIoDeviceControl != NULL)
        c->EvtIoDeviceControl(queue, request, s->Parameters.DeviceIoControl.OutputBufferLength,
                              s->Parameters.DeviceIoControl.InputBufferLength,
                              s->Parameters.DeviceIoControl.IoControlCode);
    else if (major == IRP_MJ_INTERNAL_DEVICE_CONTROL && c->EvtIoInternalDeviceControl != NULL)
        c->EvtIoInternalDeviceControl(queue, request,
                                      s->Parameters.DeviceIoControl.OutputBufferLength,
                                      s->Parameters.DeviceIoControl.InputBufferLength,
                                      s->Parameters.DeviceIoControl.IoControlCode);
    else
        c->EvtIoDefault(queue, request);
    wdf_sync_release(sync);
}

/* The body's out-of-line copy for every way but the dispatch's (session 12: the dispatch has it
 * inline, a call and its register saves less per request). */
static void wdf_queue_present_in(struct wdf_queue *q, struct wdf_request *r,
                                 struct wdf_object *sync)
{
    wdf_queue_present_body(q, r, sync, IoGetCurrentIrpStackLocation(r->irp)->MajorFunction);
}

static void wdf_queue_present(struct wdf_queue *q, struct wdf_request *r)
{
    wdf_queue_present_in(q, r, wdf_sync_owner(&q->obj));
}

/* The queue's lock on the request path (insertion, completion): its holders keep it for a few
 * list operations, so a thread finding it taken spins a little before it sleeps; two client
 * threads on one queue otherwise met in the kernel's futex at almost every request. */
#define WDF_QUEUE_LOCK_SPINS 200
static void wdf_queue_lock(struct wdf_queue *q)
{
    for (int i = 0; i < WDF_QUEUE_LOCK_SPINS; i++) {
        if (os_mutex_trylock(&q->lock))
            goto locked;
#if defined(__x86_64__) || defined(__i386__)
        __builtin_ia32_pause(); /* the spin-wait hint */
#endif
    }
    os_mutex_lock(&q->lock);
locked:
    wdf_queue_fold(q);
}

/* ---- lanes --------------------------------------------------------------------------------- */

/* A parallel queue without a limit on presented requests, not power-managed and without a
 * synchronization scope presents every request at once, and nothing but the driver's requests
 * changes while it runs. While it is in that state (`fast`), an arriving request is presented
 * and completed under the lock of its thread's lane alone, so two client threads on one queue
 * share no lock and no count (one queue lock taken at insertion and completion made every
 * request of every thread write the same lines: docs/benchmarks.md, session 8). Anything else
 * that takes the queue's lock (a state change, a find, a cancellation, the queue's deletion)
 * first folds the lanes into `owned` and leaves the state for good, until WdfIoQueueStart
 * finds the queue in it again. Lock order: the queue's lock, then a lane's.
 *
 * Lifetime: a request the dispatch puts in a lane holds no reference on the queue (one shared
 * count written by every request of every thread); the lane keeps the queue alive. The
 * dispatch puts it there while it counts as an arrival (wdf_queue_arrive), so the queue's
 * deletion, which folds the lanes first and then waits for the arrivals, either finds the
 * request in `owned` or makes the arrival fall back to a reference (the queue is not fast any
 * more). A fold gives each request it moves a reference; a request completed from its lane
 * touches the queue no more once it left the lane under the lane's lock. */
static BOOLEAN wdf_queue_may_be_fast(struct wdf_queue *q)
{
    return q->config.DispatchType == WdfIoQueueDispatchParallel && q->limit == (ULONG)-1 &&
           !q->power_managed && wdf_sync_owner(&q->obj) == NULL;
}

/* wdf_lane_lock's wait (the lock itself: wdf_private.h). Its holders run a few list
 * operations and no driver code, so a waiter spins with the pause hint and yields the processor
 * only after many tries (its holder may have been preempted: 8 helpers on 2 processors). */
#define WDF_LANE_SPINS_BEFORE_YIELD 256
__attribute__((noinline)) void wdf_lane_lock_wait(struct wdf_queue_lane *l)
{
    unsigned spins = 0;
    do {
        while (__atomic_load_n(&l->lock, __ATOMIC_RELAXED) != 0) {
            if (++spins < WDF_LANE_SPINS_BEFORE_YIELD) {
#if defined(__x86_64__) || defined(__i386__)
                __builtin_ia32_pause();
#endif
            } else {
                spins = 0;
                os_yield();
            }
        }
    } while (__atomic_exchange_n(&l->lock, 1, __ATOMIC_ACQUIRE) != 0);
}

/* Moves the lanes' requests to `owned` and ends the fast state (the queue's lock held). */
static void wdf_queue_fold(struct wdf_queue *q)
{
    if (!q->fast)
        return;
    __atomic_store_n(&q->fast, FALSE, __ATOMIC_SEQ_CST);
    for (unsigned i = 0; i < WDF_ARRIVAL_SLOTS; i++) {
        struct wdf_queue_lane *l = &q->lanes[i];
        wdf_lane_lock(l);
        while (!IsListEmpty(&l->owned)) {
            PLIST_ENTRY e = RemoveHeadList(&l->owned);
            struct wdf_request *r = CONTAINING_RECORD(e, struct wdf_request, owned_link);
            __atomic_store_n(&r->lane, 0, __ATOMIC_RELAXED);
            if (!r->holds_queue) /* out of the lane, the request keeps the queue itself */
                wdf_request_hold_queue(r);
            InsertTailList(&q->owned, e);
            q->owned_count++;
            if (r->counted)
                q->presented++;
        }
        wdf_lane_unlock(l);
    }
}

static void wdf_queue_lock_all(struct wdf_queue *q)
{
    os_mutex_lock(&q->lock);
    wdf_queue_fold(q);
}

void wdf_queue_acquire(struct wdf_queue *q)
{
    wdf_queue_lock_all(q);
}

void wdf_queue_release(struct wdf_queue *q)
{
    os_mutex_unlock(&q->lock);
}

/* Where a request is: under its lane's lock while it is in one (a driver marking its request
 * cancelable does not end the fast state), else under the queue's. */
enum wdf_request_where wdf_queue_request_where(struct wdf_request *r)
{
    struct wdf_queue *q = r->queue;
    unsigned lane = __atomic_load_n(&r->lane, __ATOMIC_RELAXED);
    enum wdf_request_where where;
    if (lane != 0) {
        wdf_lane_lock(&q->lanes[lane - 1]);
        if (__atomic_load_n(&r->lane, __ATOMIC_RELAXED) == lane) {
            where = r->where;
            wdf_lane_unlock(&q->lanes[lane - 1]);
            return where;
        }
        wdf_lane_unlock(&q->lanes[lane - 1]); /* folded meanwhile */
    }
    wdf_queue_lock_all(q);
    where = r->where;
    os_mutex_unlock(&q->lock);
    return where;
}

/* A request presented in its thread's lane; FALSE: the queue is not in the fast state (the
 * caller takes the queue's lock). The lane's lock orders this with a fold. */
static inline __attribute__((always_inline)) BOOLEAN wdf_queue_insert_fast(struct wdf_queue *q,
                                                                           struct wdf_request *r,
                                                                           unsigned lane)
{
    struct wdf_queue_lane *l;
    if (!__atomic_load_n(&q->fast, __ATOMIC_ACQUIRE))
        return FALSE;
    l = &q->lanes[lane];
    wdf_lane_lock(l);
    if (!__atomic_load_n(&q->fast, __ATOMIC_ACQUIRE)) {
        wdf_lane_unlock(l);
        return FALSE;
    }
    r->queue = q;
    r->where = WDF_REQ_DRIVER;
    r->counted = TRUE;
    __atomic_store_n(&r->lane, (UCHAR)(lane + 1), __ATOMIC_RELAXED);
    InsertTailList(&l->owned, &r->owned_link);
    wdf_lane_unlock(l);
    return TRUE;
}

/* ---- waiting requests and their cancellation ------------------------------------------------ */

#define WDF_REQUEST_OF_IRP(irp) ((struct wdf_request *)(irp)->Tail.Overlay.DriverContext[3])

static VOID wdf_queue_cancel_routine(PDEVICE_OBJECT device, PIRP irp);
static void wdf_queue_run(struct wdf_queue *q, BOOLEAN ready);

/* Whether the queue may present a request now (under the lock). */
static BOOLEAN wdf_queue_can_present(struct wdf_queue *q)
{
    return q->dispatch && !q->power_held && q->presented < q->limit;
}

/* The request becomes the driver's (under the lock). */
static void wdf_queue_own(struct wdf_queue *q, struct wdf_request *r, BOOLEAN counted)
{
    r->where = WDF_REQ_DRIVER;
    r->counted = counted;
    if (counted)
        q->presented++;
    InsertTailList(&q->owned, &r->owned_link);
    q->owned_count++;
}

/* Puts a request into `pending` (head: a requeue), cancelable by the framework (under the
 * lock). FALSE: its IRP was cancelled before; the caller cancels it. */
static BOOLEAN wdf_queue_wait(struct wdf_queue *q, struct wdf_request *r, BOOLEAN head)
{
    r->where = WDF_REQ_QUEUED;
    r->irp->Tail.Overlay.DriverContext[3] = r;
    if (head)
        InsertHeadList(&q->pending, &r->link);
    else
        InsertTailList(&q->pending, &r->link);
    q->queued++;
    IoSetCancelRoutine(r->irp, wdf_queue_cancel_routine);
    if (__atomic_load_n(&r->irp->Cancel, __ATOMIC_ACQUIRE) && /* IoCancelIrp: any thread */
        IoSetCancelRoutine(r->irp, NULL) != NULL) {
        RemoveEntryList(&r->link);
        q->queued--;
        return FALSE;
    }
    return TRUE; /* if IoCancelIrp took the routine, the routine takes the request out */
}

/* Takes a waiting request out of `pending` for the driver or the framework (under the lock);
 * FALSE when IoCancelIrp owns it already (its cancel routine will take it out). */
static BOOLEAN wdf_queue_unwait(struct wdf_queue *q, struct wdf_request *r)
{
    if (IoSetCancelRoutine(r->irp, NULL) == NULL)
        return FALSE;
    RemoveEntryList(&r->link);
    q->queued--;
    return TRUE;
}

/* The next waiting request of `file` (NULL: of any file object) the framework may take out
 * (under the lock), NULL: none. */
static struct wdf_request *wdf_queue_next_waiting_of(struct wdf_queue *q, PFILE_OBJECT file)
{
    for (PLIST_ENTRY e = q->pending.Flink; e != &q->pending; e = e->Flink) {
        struct wdf_request *r = CONTAINING_RECORD(e, struct wdf_request, link);
        if ((file == NULL || IoGetCurrentIrpStackLocation(r->irp)->FileObject == file) &&
            wdf_queue_unwait(q, r))
            return r;
    }
    return NULL;
}

static struct wdf_request *wdf_queue_next_waiting(struct wdf_queue *q)
{
    return wdf_queue_next_waiting_of(q, NULL);
}

/* A request cancelled while waiting: EvtIoCanceledOnQueue makes it the driver's, which
 * completes it; without one the framework completes it with STATUS_CANCELLED (Microsoft:
 * EvtIoCanceledOnQueue). */
static void wdf_queue_cancelled(struct wdf_queue *q, struct wdf_request *r)
{
    if (q->config.EvtIoCanceledOnQueue != NULL) {
        struct wdf_object *sync = wdf_sync_owner(&q->obj);
        wdf_queue_lock_all(q);
        wdf_queue_own(q, r, FALSE);
        os_mutex_unlock(&q->lock);
        wdf_sync_acquire(sync);
        q->config.EvtIoCanceledOnQueue((WDFQUEUE)q, (WDFREQUEST)r);
        wdf_sync_release(sync);
        return;
    }
    wdf_queue_lock_all(q);
    r->where = WDF_REQ_COMPLETED;
    os_mutex_unlock(&q->lock);
    __atomic_store_n(&r->completed, 1, __ATOMIC_RELEASE);
    wdf_object_reference(&q->obj);
    if (r->done != NULL) /* a create request (file.c): its file object goes */
        r->done(r, STATUS_CANCELLED);
    wdf_request_unformat(r); /* formatted, then forwarded here */
    wdf_irp_complete(r->irp, STATUS_CANCELLED);
    wdf_request_dispose(r);
    wdf_queue_run(q, FALSE);
    wdf_object_release(&q->obj);
}

/* IoCancelIrp on the IRP of a waiting request (called with the cancel spin lock held). */
static VOID wdf_queue_cancel_routine(PDEVICE_OBJECT device, PIRP irp)
{
    struct wdf_request *r = WDF_REQUEST_OF_IRP(irp);
    struct wdf_queue *q = r->queue;
    (void)device;
    IoReleaseCancelSpinLock(irp->CancelIrql);
    wdf_queue_lock_all(q); /* a remover that lost the race left it in `pending` for us */
    RemoveEntryList(&r->link);
    q->queued--;
    os_mutex_unlock(&q->lock);
    wdf_queue_cancelled(q, r);
}

/* ---- notifications -------------------------------------------------------------------------- */

/* What the queue does next (decided under the lock, done without it). */
static void wdf_queue_next_locked(struct wdf_queue *q, struct wdf_queue_next *n)
{
    n->present = NULL;
    n->idle = NULL;
    n->context = NULL;
    if (wdf_queue_can_present(q) && (n->present = wdf_queue_next_waiting(q)) != NULL) {
        wdf_queue_own(q, n->present, TRUE);
    } else if (q->idle_callback != NULL && q->owned_count == 0 &&
               (!q->idle_needs_empty || q->queued == 0)) {
        n->idle = q->idle_callback;
        n->context = q->idle_context;
        q->idle_callback = NULL;
    }
}

/* Does what wdf_queue_next_locked decided; after a presentation, looks again. */
static void wdf_queue_next_run(struct wdf_queue *q, struct wdf_queue_next *n)
{
    if (n->present != NULL) {
        wdf_queue_present(q, n->present);
        wdf_queue_run(q, FALSE);
    } else if (n->idle != NULL) {
        wdf_queue_notify(q, n->idle, n->context);
    }
}

/* Presents waiting requests while the queue may, then runs the stop / drain / purge
 * notification when its condition holds and the ready notification when `ready`. Never under
 * the lock. */
static void wdf_queue_run(struct wdf_queue *q, BOOLEAN ready)
{
    struct wdf_queue_next n;
    wdf_queue_lock_all(q);
    wdf_queue_next_locked(q, &n);
    os_mutex_unlock(&q->lock);
    wdf_queue_next_run(q, &n);
    if (ready) {
        PFN_WDF_IO_QUEUE_STATE cb;
        WDFCONTEXT context;
        wdf_queue_lock_all(q);
        cb = q->dispatch && !q->power_held && q->queued != 0 ? q->ready_callback : NULL;
        context = q->ready_context;
        os_mutex_unlock(&q->lock);
        if (cb != NULL)
            wdf_queue_notify(q, cb, context);
    }
}

/* ---- requests arriving ---------------------------------------------------------------------- */

/* "Lanes": a fold (a forward, a find, a state query) ends the fast state. A request that then
 * finds the queue started, nothing waiting and no notification pending brings it back, as
 * WdfIoQueueStart would, and goes into its lane itself (a request the queue owned would fold
 * again at its completion). The driver's requests in `owned` stay there. Under the lock. */
static BOOLEAN wdf_queue_refast(struct wdf_queue *q)
{
    if (!IsListEmpty(&q->pending) || q->idle_callback != NULL || !wdf_queue_can_present(q) ||
        !wdf_queue_may_be_fast(q))
        return FALSE;
    __atomic_store_n(&q->fast, TRUE, __ATOMIC_RELEASE);
    return TRUE;
}

/* Gives a request to a queue: presented at once if the queue may, else waiting. A queue that
 * does not accept requests fails it: `forwarded` requests with STATUS_WDF_BUSY (returned, the
 * driver still owns it), others are completed with STATUS_INVALID_DEVICE_STATE (Microsoft:
 * WdfIoQueuePurge, WdfRequestForwardToIoQueue). */
static NTSTATUS wdf_queue_insert(struct wdf_queue *q, struct wdf_request *r, BOOLEAN forwarded)
{
    BOOLEAN now = FALSE, was_empty = FALSE, waiting = FALSE, held;
    struct wdf_object *sync;
    for (;;) {
        /* no synchronization scope, not power-managed: its thread's lane */
        if (wdf_queue_insert_fast(q, r, wdf_arrival_slot())) {
            wdf_queue_present_in(q, r, NULL);
            return STATUS_SUCCESS;
        }
        sync = wdf_sync_owner(&q->obj);
        wdf_queue_lock(q);
        if (!q->accept) {
            os_mutex_unlock(&q->lock);
            return forwarded ? STATUS_WDF_BUSY : STATUS_INVALID_DEVICE_STATE;
        }
        if (!wdf_queue_refast(q))
            break;
        os_mutex_unlock(&q->lock); /* into a lane (a fold meanwhile: the locked way) */
    }
    r->queue = q;
    if (IsListEmpty(&q->pending) && wdf_queue_can_present(q)) {
        now = TRUE;
        wdf_queue_own(q, r, TRUE);
    } else {
        was_empty = q->queued == 0;
        waiting = wdf_queue_wait(q, r, FALSE);
    }
    /* The request's reference keeps q until it is completed, on any thread once it is the
     * driver's or waits (the lock released). A request presented now: the presentation reads
     * q before the driver's callback only, unless it releases a synchronization lock after it
     * or the queue is power-managed (the power path may show the request to EvtIoStop before
     * it is presented). The other paths look at q after the release: they hold a reference of
     * their own. */
    held = !now || q->power_managed || sync != NULL;
    if (held)
        wdf_object_reference(&q->obj);
    os_mutex_unlock(&q->lock);
    if (q->power_managed) /* wpower: an idle device returns to D0 */
        wdf_power_policy_io(q->device);
    if (now)
        wdf_queue_present_in(q, r, sync);
    else if (!waiting)
        wdf_queue_cancelled(q, r);
    else if (was_empty)
        wdf_queue_run(q, q->config.DispatchType == WdfIoQueueDispatchManual);
    if (held)
        wdf_object_release(&q->obj);
    return STATUS_SUCCESS;
}

NTSTATUS wdf_queue_enter(struct wdf_queue *q, struct wdf_request *r)
{
    return wdf_queue_insert(q, r, FALSE);
}

/* The queue a request of `major` goes to: the one configured for it, else the default. */
static struct wdf_queue *wdf_queue_for(struct wdf_device *dev, UCHAR major)
{
    struct wdf_queue *q = __atomic_load_n(&dev->dispatch[major], __ATOMIC_ACQUIRE);
    return q != NULL ? q : __atomic_load_n(&dev->default_queue, __ATOMIC_ACQUIRE);
}

/* ---- arrivals ------------------------------------------------------------------------------ */

/* The calling thread's slot of dev->dispatching and of a queue's lanes. Slots 0 to
 * WDF_SHARED_SLOT - 1 are each one thread's alone: taken at its first arrival, given back when
 * it ends (the TLS destructor); the threads beyond share WDF_SHARED_SLOT. One slot a thread, so
 * two dispatching threads count on two cache lines (one shared count made every request of
 * every thread write the same line), and a thread alone on its slot ends its arrival with a
 * store instead of a locked decrement (session 12). */
#define WDF_SHARED_SLOT (WDF_ARRIVAL_SLOTS - 1)
static unsigned wdf_slots_taken; /* atomic: bit i, slot i is a thread's */
/* initial-exec: a plain load in libdrvhost.so, no __tls_get_addr call per request */
static __thread unsigned wdf_slot_tls __attribute__((tls_model("initial-exec"))); /* 1 + slot */
static os_once wdf_slot_once = OS_ONCE_INIT;
static os_tls_key wdf_slot_key;
static BOOLEAN wdf_slot_key_ok;

/* The thread ends (on it): its slot is free again; anything it still dispatches shares. */
static void wdf_slot_give_back(void *arg)
{
    unsigned slot = (unsigned)(uintptr_t)arg - 1;
    wdf_slot_tls = 1 + WDF_SHARED_SLOT;
    __atomic_fetch_and(&wdf_slots_taken, ~(1u << slot), __ATOMIC_RELEASE);
}

static void wdf_slot_key_create(void)
{
    wdf_slot_key_ok = os_tls_key_create(&wdf_slot_key, wdf_slot_give_back) == 0;
}

/* session 13: a thread's own slot counts its arrivals with a plain store and a compiler barrier
 * when the process has asymmetric fences (os_fence_register); wdf_queue_wait_arrivals then
 * runs the heavy fence. Written before the thread's first light arrival, by that thread. */
static __thread BOOLEAN wdf_slot_light __attribute__((tls_model("initial-exec")));

static __attribute__((noinline, cold)) unsigned wdf_slot_take(void)
{
    unsigned taken = __atomic_load_n(&wdf_slots_taken, __ATOMIC_ACQUIRE), slot;
    os_run_once(&wdf_slot_once, wdf_slot_key_create);
    wdf_slot_light = os_fence_register();
    while (wdf_slot_key_ok && (~taken & ((1u << WDF_SHARED_SLOT) - 1)) != 0) {
        slot = (unsigned)__builtin_ctz(~taken & ((1u << WDF_SHARED_SLOT) - 1));
        if (__atomic_compare_exchange_n(&wdf_slots_taken, &taken, taken | 1u << slot, FALSE,
                                        __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
            os_tls_set(&wdf_slot_key, (void *)(uintptr_t)(slot + 1));
            return slot;
        }
    }
    return WDF_SHARED_SLOT;
}

static inline __attribute__((always_inline)) unsigned wdf_arrival_slot(void)
{
    if (__builtin_expect(wdf_slot_tls == 0, 0))
        wdf_slot_tls = 1 + wdf_slot_take();
    return wdf_slot_tls - 1;
}

/* The count goes up before the queue pointer is read; the deletion clears the pointers, then
 * reads every count with a read-modify-write (wdf_queue_wait_arrivals). Two RMWs of one count
 * are ordered: if the deletion's comes first, this acquire reads its release and this arrival
 * sees the cleared pointer; else the deletion sees this count and waits. (Acquire/release
 * RMWs rather than fences: ThreadSanitizer does not model fences.)
 * session 13: on a slot of its own, with asymmetric fences, the count goes up by a plain store
 * and a compiler barrier; the deletion's heavy fence, between its clearing and its reads, makes
 * every thread pass a full barrier: an arrival whose store came before it is seen and waited
 * for, one whose store came after it reads the cleared pointer. One locked instruction less a
 * request. */
static inline __attribute__((always_inline)) unsigned wdf_arrival_enter(struct wdf_device *dev)
{
    unsigned slot = wdf_arrival_slot();
    LONG *count = &dev->dispatching[slot].count;
    if (__builtin_expect(slot != WDF_SHARED_SLOT && wdf_slot_light, 1)) {
        __atomic_store_n(count, __atomic_load_n(count, __ATOMIC_RELAXED) + 1, __ATOMIC_RELAXED);
        os_fence_light();
    } else
        __atomic_add_fetch(count, 1, __ATOMIC_ACQ_REL);
    return slot;
}

/* wdf_arrival_enter for file.c (the dispatch has it inline: session 14) */
unsigned wdf_queue_arrival_enter(struct wdf_device *dev)
{
    return wdf_arrival_enter(dev);
}

/* On a slot of its own the thread is the count's only writer but for the deletion's RMW, which
 * writes back what it read (so no store of ours is lost to it): a release store of one less
 * suffices. On the shared slot, a decrement. */
void wdf_queue_arrival_leave(struct wdf_device *dev, unsigned slot)
{
    LONG *count = &dev->dispatching[slot].count;
    if (slot != WDF_SHARED_SLOT)
        __atomic_store_n(count, __atomic_load_n(count, __ATOMIC_RELAXED) - 1, __ATOMIC_RELEASE);
    else
        __atomic_sub_fetch(count, 1, __ATOMIC_RELEASE);
}

/* The request for an arriving IRP, made while the device's queues cannot go: an arrival keeps
 * wdf_queue_cleanup waiting until the request is in its thread's lane (*in_lane: to present)
 * or holds its queue (a device removed on another thread meanwhile fails it at insertion); its
 * IRP is marked pending. NULL: complete the IRP with *status. */
static inline __attribute__((always_inline)) struct wdf_request *wdf_queue_arrive(
    struct wdf_device *dev, PIRP irp, NTSTATUS *status, BOOLEAN *in_lane, BOOLEAN plain,
    UCHAR major)
{
    PIO_STACK_LOCATION s = IoGetCurrentIrpStackLocation(irp);
    struct wdf_queue *q;
    struct wdf_request *r = NULL;
    unsigned slot = wdf_arrival_enter(dev);
    q = !plain && __atomic_load_n(&dev->self_queue, __ATOMIC_ACQUIRE) != NULL
            ? wdf_self_queue_for(dev, irp)
            : NULL;
    if (q == NULL)
        q = wdf_queue_for(dev, major);
    if (q == NULL ||
        (q->config.DispatchType != WdfIoQueueDispatchManual && !wdf_queue_handles_in(q, major)))
        *status = STATUS_INVALID_DEVICE_REQUEST;
    /* Microsoft: without AllowZeroLengthRequests the framework completes zero-length reads and
     * writes itself, with STATUS_SUCCESS. */
    else if (!q->config.AllowZeroLengthRequests &&
             ((major == IRP_MJ_READ && s->Parameters.Read.Length == 0) ||
              (major == IRP_MJ_WRITE && s->Parameters.Write.Length == 0)))
        *status = STATUS_SUCCESS;
    else if (__atomic_load_n(&q->fp, __ATOMIC_ACQUIRE) == NULL) { /* wdf_fp_request's way */
        r = wdf_request_get(q, irp);                              /* without a policy */
        *status = STATUS_INSUFFICIENT_RESOURCES;
    } else /* wdevb: a reserved request when the queue's forward progress policy says so */
        r = wdf_fp_request(q, irp, status);
    if (r != NULL) {
        IoMarkIrpPending(irp);
        /* In its lane (see "Lanes": no reference) or holding the queue, before the arrival
         * ends; EvtIoInCallerContext sees the request before any queue does. */
        *in_lane = (plain || dev->in_caller_context == NULL) && wdf_queue_insert_fast(q, r, slot);
        if (!*in_lane)
            wdf_request_hold_queue(r);
    }
    wdf_queue_arrival_leave(dev, slot);
    return r;
}

/* wdf_queue_cleanup's part: once the device's pointers to q are gone, the dispatches that may
 * have read them before are waited for (they are short: no driver code runs in them). */
static void wdf_queue_wait_arrivals(struct wdf_device *dev)
{
    if (os_fence_register()) /* the light arrivals' other half (wdf_queue_arrival_enter) */
        os_fence_heavy();
    for (unsigned i = 0; i < WDF_ARRIVAL_SLOTS; i++) {
        /* An RMW, not a load: see wdf_queue_arrival_enter. */
        if (__atomic_fetch_add(&dev->dispatching[i].count, 0, __ATOMIC_ACQ_REL) == 0)
            continue;
        while (__atomic_load_n(&dev->dispatching[i].count, __ATOMIC_ACQUIRE) != 0)
            os_sleep_ns(1000);
    }
}

/* plain: the device has no detour (dev->io_detours 0: wdf_dispatch_io), so no self queue, no
 * EvtIoInCallerContext and no remove lock to look at. */
static inline __attribute__((always_inline)) NTSTATUS wdf_queue_dispatch_in(struct wdf_device *dev,
                                                                            PIRP irp, BOOLEAN plain,
                                                                            UCHAR major)
{
    struct wdf_request *r;
    struct wdf_queue *q;
    NTSTATUS status;
    BOOLEAN in_lane;
    r = wdf_queue_arrive(dev, irp, &status, &in_lane, plain, major);
    if (r == NULL) /* wdfstate: the remove lock released after the completion */
        return wdf_remove_lock_complete(dev, irp, status);
    /* wdfstate: acquired by the dispatch (remove_lock.c) */
    r->remove_lock = plain ? NULL : dev->remove_lock;
    q = r->queue;
    if (in_lane) { /* the lane keeps q until the driver completes the request */
        wdf_queue_present_body(q, r, NULL, major);
        return STATUS_PENDING;
    }
    if (dev->in_caller_context != NULL) {
        /* Microsoft (EvtIoInCallerContext): the driver sees the request first, on the
         * requesting thread; WdfDeviceEnqueueRequest gives it to the queue. */
        r->where = WDF_REQ_CALLER;
        r->in_caller_context = TRUE; /* the unsafe user buffers are reachable (request_user.c) */
        dev->in_caller_context((WDFDEVICE)dev, (WDFREQUEST)r);
        return STATUS_PENDING;
    }
    /* The insertion holds the queue where it looks at it after the request (and its reference)
     * may be gone: no reference of ours here. */
    status = wdf_queue_insert(q, r, FALSE);
    if (!NT_SUCCESS(status)) {
        r->completed = 1;
        wdf_irp_complete(irp, status);
        wdf_request_dispose(r);
    }
    return STATUS_PENDING;
}

NTSTATUS wdf_queue_dispatch(struct wdf_device *dev, PIRP irp)
{
    return wdf_queue_dispatch_in(dev, irp, FALSE, IoGetCurrentIrpStackLocation(irp)->MajorFunction);
}

/* session 14: the framework's dispatch routines for reads, writes and device controls
 * (driver.c): wdf_dispatch's common case with the queue's dispatch inline, one call less per
 * request; anything else goes to wdf_dispatch. session 15: one copy per major function, which
 * is a constant in it (the tests of the major function fold away); the I/O manager calls each
 * for its own (IofCallDriver indexes MajorFunction by the IRP's), and an IRP of another major
 * function, from a driver that called the routine itself, goes the general way. */
static inline __attribute__((always_inline)) NTSTATUS wdf_dispatch_io(PDEVICE_OBJECT device,
                                                                      PIRP irp, UCHAR major)
{
    struct wdf_device *dev = *(struct wdf_device **)device->DeviceExtension;
    if (__builtin_expect(dev != NULL && __atomic_load_n(&dev->io_detours, __ATOMIC_RELAXED) == 0 &&
                             IoGetCurrentIrpStackLocation(irp)->MajorFunction == major,
                         1))
        return wdf_queue_dispatch_in(dev, irp, TRUE, major);
    return wdf_dispatch(device, irp);
}

NTSTATUS wdf_dispatch_read(PDEVICE_OBJECT device, PIRP irp)
{
    return wdf_dispatch_io(device, irp, IRP_MJ_READ);
}

NTSTATUS wdf_dispatch_write(PDEVICE_OBJECT device, PIRP irp)
{
    return wdf_dispatch_io(device, irp, IRP_MJ_WRITE);
}

NTSTATUS wdf_dispatch_device_control(PDEVICE_OBJECT device, PIRP irp)
{
    return wdf_dispatch_io(device, irp, IRP_MJ_DEVICE_CONTROL);
}

NTSTATUS wdf_dispatch_internal_device_control(PDEVICE_OBJECT device, PIRP irp)
{
    return wdf_dispatch_io(device, irp, IRP_MJ_INTERNAL_DEVICE_CONTROL);
}

NTSTATUS imp_WdfDeviceEnqueueRequest(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device,
                                     WDFREQUEST Request)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_object *d = wdf_object_get(g, Device, WDF_TYPE_DEVICE);
    struct wdf_request *r =
        CONTAINING_RECORD(wdf_object_get(g, Request, WDF_TYPE_REQUEST), struct wdf_request, obj);
    NTSTATUS status;
    if (r->queue->device != CONTAINING_RECORD(d, struct wdf_device, obj) ||
        r->where != WDF_REQ_CALLER) {
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': WdfDeviceEnqueueRequest(%p): not a request of this device in "
                 "EvtIoInCallerContext",
                 g->pub.DriverName, (void *)r);
        return STATUS_INVALID_DEVICE_REQUEST;
    }
    /* On failure the request stays the driver's, to complete (Microsoft). Once queued it is out
     * of the caller's context: it may be presented on this very thread. */
    r->in_caller_context = FALSE;
    status = wdf_queue_insert(r->queue, r, FALSE);
    if (!NT_SUCCESS(status))
        r->in_caller_context = TRUE;
    return status;
}

NTSTATUS imp_WdfDeviceConfigureRequestDispatching(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device,
                                                  WDFQUEUE Queue, WDF_REQUEST_TYPE RequestType)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_device *dev =
        CONTAINING_RECORD(wdf_object_get(g, Device, WDF_TYPE_DEVICE), struct wdf_device, obj);
    struct wdf_queue *q =
        CONTAINING_RECORD(wdf_object_get(g, Queue, WDF_TYPE_QUEUE), struct wdf_queue, obj);
    const char *problem = NULL;
    NTSTATUS status = STATUS_INVALID_PARAMETER;
    if (RequestType == WdfRequestTypeCreate) {
        problem = wdf_file_queue_refused(dev, q, &status);
    } else if (RequestType != WdfRequestTypeRead && RequestType != WdfRequestTypeWrite &&
               RequestType != WdfRequestTypeDeviceControl &&
               RequestType != WdfRequestTypeDeviceControlInternal) {
        problem = "not a request type a queue can be configured for";
    } else if (q->device != dev) {
        problem = "the queue belongs to another device";
    }
    os_mutex_lock(&wdf_tree_lock);
    if (problem == NULL && dev->dispatch[RequestType] != NULL) {
        problem = "a queue is configured for this request type already";
        status = STATUS_WDF_BUSY;
    }
    if (problem == NULL)
        __atomic_store_n(&dev->dispatch[RequestType], q, __ATOMIC_RELEASE);
    os_mutex_unlock(&wdf_tree_lock);
    if (problem != NULL) {
        rtl_diag(RTL_DIAG_ERROR, "wdf", "driver '%s': WdfDeviceConfigureRequestDispatching(%d): %s",
                 g->pub.DriverName, RequestType, problem);
        return status;
    }
    return STATUS_SUCCESS;
}

/* ---- requests leaving ----------------------------------------------------------------------- */

void wdf_queue_fatal(struct wdf_queue *q, struct wdf_request *r, NTSTATUS status, const char *what)
{
    /* The shape of Microsoft's WDF_QUEUE_FATAL_ERROR_DATA: queue, request, status. */
    static struct {
        WDFQUEUE Queue;
        WDFREQUEST Request;
        NTSTATUS Status;
    } data;
    data.Queue = (WDFQUEUE)q;
    data.Request = (WDFREQUEST)r;
    data.Status = status;
    wdf_violation(q->obj.owner, VF_10D_QUEUE_FATAL, (ULONG_PTR)&data, 0, 0,
                  "driver '%s': request %p of queue %p: %s", q->obj.owner->pub.DriverName,
                  (void *)r, (void *)q, what);
}

/* The request leaves the driver's hands (under the lock). */
static void wdf_queue_disown(struct wdf_queue *q, struct wdf_request *r)
{
    RemoveEntryList(&r->owned_link);
    q->owned_count--;
    if (r->counted)
        q->presented--;
    r->counted = FALSE;
    r->stopping = FALSE;
}

void wdf_queue_request_leave(struct wdf_globals *g, struct wdf_request *r,
                             struct wdf_queue_next *next)
{
    struct wdf_queue *q = r->queue;
    enum wdf_request_where where;
    (void)g;
    if (wdf_queue_leave_fast(q, r, next, NULL))
        return;
    wdf_queue_lock(q); /* the one lock a completion takes */
    where = r->where;
    if (where == WDF_REQ_DRIVER)
        wdf_queue_disown(q, r);
    if (where == WDF_REQ_DRIVER || where == WDF_REQ_CALLER)
        r->where = WDF_REQ_COMPLETED;
    wdf_queue_next_locked(q, next);
    os_mutex_unlock(&q->lock);
    if (where == WDF_REQ_QUEUED)
        wdf_queue_fatal(q, r, STATUS_SUCCESS,
                        "completed while still in the queue (never presented to the driver)");
}

void wdf_queue_request_done(struct wdf_queue *q, struct wdf_queue_next *next)
{
    wdf_queue_next_run(q, next);
}

/* ---- the queue going ------------------------------------------------------------------------ */

/* Requests still waiting when the queue goes are cancelled; requests the driver owns and has
 * not completed are its bug: 0x10D/0xA (Microsoft: the KMDF verifier). */
static void wdf_queue_cleanup(struct wdf_object *o)
{
    struct wdf_queue *q = CONTAINING_RECORD(o, struct wdf_queue, obj);
    struct wdf_request *r, *left = NULL;
    wdf_queue_lock_all(q);
    q->accept = q->dispatch = FALSE;
    q->idle_callback = q->ready_callback = NULL;
    if (!IsListEmpty(&q->owned))
        left = CONTAINING_RECORD(q->owned.Flink, struct wdf_request, owned_link);
    os_mutex_unlock(&q->lock);
    trace_recorder_event(q->obj.owner->recorder, "queue %p: deleted", (uintptr_t)q, 0, 0);
    if (left != NULL)
        wdf_queue_fatal(q, left, STATUS_SUCCESS,
                        "the queue is deleted while the driver owns this request, not completed");
    for (;;) {
        wdf_queue_lock_all(q);
        r = wdf_queue_next_waiting(q);
        os_mutex_unlock(&q->lock);
        if (r == NULL)
            break;
        r->completed = 1;
        r->where = WDF_REQ_COMPLETED;
        if (r->done != NULL) /* a create request (file.c): its file object goes */
            r->done(r, STATUS_CANCELLED);
        wdf_request_unformat(r); /* formatted, then forwarded here */
        wdf_irp_complete(r->irp, STATUS_CANCELLED);
        wdf_request_dispose(r);
    }
    os_mutex_lock(&wdf_tree_lock); /* both read without the lock by wdf_queue_dispatch */
    if (q->device->default_queue == q)
        __atomic_store_n(&q->device->default_queue, NULL, __ATOMIC_RELEASE);
    for (size_t i = 0; i < ARRAYSIZE(q->device->dispatch); i++)
        if (q->device->dispatch[i] == q)
            __atomic_store_n(&q->device->dispatch[i], NULL, __ATOMIC_RELEASE);
    if (q->device->self_queue == q) { /* wdevb: the self target's queue */
        __atomic_store_n(&q->device->self_queue, NULL, __ATOMIC_RELEASE);
        wdf_device_detour(q->device, WDF_DETOUR_SELF_QUEUE, FALSE);
    }
    os_mutex_unlock(&wdf_tree_lock);
    wdf_queue_wait_arrivals(q->device);
    wdf_fp_close(q); /* wdevb: no arrival can take a reserved request any more */
}

/* ---- states --------------------------------------------------------------------------------- */

#define WDF_QUEUE_GET(g, h)                                                                        \
    CONTAINING_RECORD(wdf_object_get(g, h, WDF_TYPE_QUEUE), struct wdf_queue, obj)

/* Registers the notification of a stop, drain or purge; a second one while one is pending is
 * refused with a diagnostic (Microsoft: the driver must wait for the first). */
static BOOLEAN wdf_queue_set_idle(struct wdf_queue *q, const char *ddi,
                                  PFN_WDF_IO_QUEUE_STATE callback, WDFCONTEXT context,
                                  BOOLEAN needs_empty)
{
    if (callback == NULL)
        return TRUE;
    if (q->idle_callback != NULL) {
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': %s on queue %p while an earlier stop/drain/purge notification is "
                 "pending: the new callback is not registered",
                 q->obj.owner->pub.DriverName, ddi, (void *)q);
        return FALSE;
    }
    q->idle_callback = callback;
    q->idle_context = context;
    q->idle_needs_empty = needs_empty;
    return TRUE;
}

VOID imp_WdfIoQueueStart(PWDF_DRIVER_GLOBALS globals, WDFQUEUE Queue)
{
    struct wdf_queue *q = WDF_QUEUE_GET(wdf_globals_of(globals), Queue);
    wdf_queue_lock_all(q);
    q->accept = q->dispatch = TRUE;
    if (wdf_queue_may_be_fast(q) && q->idle_callback == NULL && q->queued == 0)
        __atomic_store_n(&q->fast, TRUE, __ATOMIC_RELEASE); /* "Lanes" */
    os_mutex_unlock(&q->lock);
    trace_recorder_event(q->obj.owner->recorder, "queue %p: started", (uintptr_t)q, 0, 0);
    wdf_queue_run(q, TRUE);
}

VOID imp_WdfIoQueueStop(PWDF_DRIVER_GLOBALS globals, WDFQUEUE Queue,
                        PFN_WDF_IO_QUEUE_STATE StopComplete, WDFCONTEXT Context)
{
    struct wdf_queue *q = WDF_QUEUE_GET(wdf_globals_of(globals), Queue);
    wdf_queue_lock_all(q);
    q->accept = TRUE; /* Microsoft: Stop lets a drained queue accept requests again */
    q->dispatch = FALSE;
    wdf_queue_set_idle(q, "WdfIoQueueStop", StopComplete, Context, FALSE);
    os_mutex_unlock(&q->lock);
    trace_recorder_event(q->obj.owner->recorder, "queue %p: stopped", (uintptr_t)q, 0, 0);
    wdf_queue_run(q, FALSE);
}

VOID imp_WdfIoQueueDrain(PWDF_DRIVER_GLOBALS globals, WDFQUEUE Queue,
                         PFN_WDF_IO_QUEUE_STATE DrainComplete, WDFCONTEXT Context)
{
    struct wdf_queue *q = WDF_QUEUE_GET(wdf_globals_of(globals), Queue);
    wdf_queue_lock_all(q);
    q->accept = FALSE; /* what waits is still delivered */
    wdf_queue_set_idle(q, "WdfIoQueueDrain", DrainComplete, Context, TRUE);
    os_mutex_unlock(&q->lock);
    trace_recorder_event(q->obj.owner->recorder, "queue %p: draining", (uintptr_t)q, 0, 0);
    wdf_queue_run(q, FALSE);
}

/* Up to `most` waiting requests are cancelled, in queue order (purges; device removal). */
static void wdf_queue_cancel_waiting(struct wdf_queue *q, ULONG most)
{
    struct wdf_request *r;
    for (; most > 0; most--) {
        wdf_queue_lock_all(q);
        r = wdf_queue_next_waiting(q);
        os_mutex_unlock(&q->lock);
        if (r == NULL)
            break;
        wdf_queue_cancelled(q, r);
    }
}

/* Cancels the driver's requests it marked cancelable (Microsoft: Managing I/O Queues, purge):
 * the claim is IoSetCancelRoutine(irp, NULL), as IoCancelIrp's. */
static void wdf_queue_cancel_owned(struct wdf_queue *q)
{
    for (;;) {
        struct wdf_request *victim = NULL;
        wdf_queue_lock_all(q);
        for (PLIST_ENTRY e = q->owned.Flink; e != &q->owned; e = e->Flink) {
            struct wdf_request *r = CONTAINING_RECORD(e, struct wdf_request, owned_link);
            if (r->cancel != NULL && IoSetCancelRoutine(r->irp, NULL) != NULL) {
                __atomic_store_n(&r->irp->Cancel, TRUE, __ATOMIC_RELEASE);
                victim = r;
                break;
            }
        }
        os_mutex_unlock(&q->lock);
        if (victim == NULL)
            return;
        wdf_request_run_cancel(victim);
    }
}

/* The purges' work once the queue's state is set: up to `most` waiting requests are cancelled
 * (in queue order), then the driver's cancelable ones; the notification may follow. */
static void wdf_queue_purge_requests(struct wdf_queue *q, ULONG most)
{
    wdf_queue_cancel_waiting(q, most);
    wdf_queue_cancel_owned(q);
    wdf_queue_run(q, FALSE);
}

VOID imp_WdfIoQueuePurge(PWDF_DRIVER_GLOBALS globals, WDFQUEUE Queue,
                         PFN_WDF_IO_QUEUE_STATE PurgeComplete, WDFCONTEXT Context)
{
    struct wdf_queue *q = WDF_QUEUE_GET(wdf_globals_of(globals), Queue);
    wdf_queue_lock_all(q);
    q->accept = FALSE;
    wdf_queue_set_idle(q, "WdfIoQueuePurge", PurgeComplete, Context, TRUE);
    os_mutex_unlock(&q->lock);
    trace_recorder_event(q->obj.owner->recorder, "queue %p: purging", (uintptr_t)q, 0, 0);
    wdf_queue_purge_requests(q, (ULONG)-1); /* nothing new arrives */
}

/* WdfIoQueueStopAndPurge (queue_extra.c): as a purge, but the queue goes on accepting
 * requests (they wait until WdfIoQueueStart) and only what waited when it was called is
 * cancelled; the notification waits for the driver's requests only. */
void wdf_queue_stop_and_purge(struct wdf_queue *q, PFN_WDF_IO_QUEUE_STATE callback,
                              WDFCONTEXT context)
{
    ULONG waiting;
    trace_recorder_event(q->obj.owner->recorder, "queue %p: stopping and purging", (uintptr_t)q, 0,
                         0);
    wdf_queue_lock_all(q);
    q->accept = TRUE; /* Microsoft: even after a drain or purge */
    q->dispatch = FALSE;
    wdf_queue_set_idle(q, "WdfIoQueueStopAndPurge", callback, context, FALSE);
    waiting = q->queued;
    os_mutex_unlock(&q->lock);
    wdf_queue_purge_requests(q, waiting);
}

/* The synchronous forms: the asynchronous one with a notification that wakes us. Microsoft:
 * PASSIVE_LEVEL only, and never from the queue's own callbacks (it would wait for itself). */
static VOID wdf_queue_wake(WDFQUEUE Queue, WDFCONTEXT Context)
{
    (void)Queue;
    KeSetEvent((PKEVENT)Context, IO_NO_INCREMENT, FALSE);
}

typedef VOID (*wdf_queue_async_fn)(PWDF_DRIVER_GLOBALS, WDFQUEUE, PFN_WDF_IO_QUEUE_STATE,
                                   WDFCONTEXT);

static void wdf_queue_wait_for(PWDF_DRIVER_GLOBALS globals, WDFQUEUE Queue, wdf_queue_async_fn fn)
{
    KEVENT done;
    KeInitializeEvent(&done, NotificationEvent, FALSE);
    fn(globals, Queue, wdf_queue_wake, &done);
    KeWaitForSingleObject(&done, Executive, KernelMode, FALSE, NULL);
}

VOID imp_WdfIoQueueStopSynchronously(PWDF_DRIVER_GLOBALS globals, WDFQUEUE Queue)
{
    wdf_queue_wait_for(globals, Queue, imp_WdfIoQueueStop);
}

VOID imp_WdfIoQueueDrainSynchronously(PWDF_DRIVER_GLOBALS globals, WDFQUEUE Queue)
{
    wdf_queue_wait_for(globals, Queue, imp_WdfIoQueueDrain);
}

VOID imp_WdfIoQueuePurgeSynchronously(PWDF_DRIVER_GLOBALS globals, WDFQUEUE Queue)
{
    wdf_queue_wait_for(globals, Queue, imp_WdfIoQueuePurge);
}

WDF_IO_QUEUE_STATE imp_WdfIoQueueGetState(PWDF_DRIVER_GLOBALS globals, WDFQUEUE Queue,
                                          PULONG QueueRequests, PULONG DriverRequests)
{
    struct wdf_queue *q = WDF_QUEUE_GET(wdf_globals_of(globals), Queue);
    ULONG state = 0;
    wdf_queue_lock_all(q);
    if (q->accept)
        state |= WdfIoQueueAcceptRequests;
    if (q->dispatch)
        state |= WdfIoQueueDispatchRequests;
    if (q->queued == 0)
        state |= WdfIoQueueNoRequests;
    if (q->owned_count == 0)
        state |= WdfIoQueueDriverNoRequests;
    if (q->power_held)
        state |= WdfIoQueuePnpHeld;
    if (QueueRequests != NULL)
        *QueueRequests = q->queued;
    if (DriverRequests != NULL)
        *DriverRequests = q->owned_count;
    os_mutex_unlock(&q->lock);
    return (WDF_IO_QUEUE_STATE)state;
}

NTSTATUS imp_WdfIoQueueReadyNotify(PWDF_DRIVER_GLOBALS globals, WDFQUEUE Queue,
                                   PFN_WDF_IO_QUEUE_STATE QueueReady, WDFCONTEXT Context)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_queue *q = WDF_QUEUE_GET(g, Queue);
    const char *problem = NULL;
    wdf_queue_lock_all(q);
    if (q->config.DispatchType != WdfIoQueueDispatchManual)
        problem = "the queue is not a manual queue";
    else if (QueueReady != NULL && q->ready_callback != NULL)
        problem = "a callback is registered already";
    else if (QueueReady == NULL && (q->ready_callback == NULL || q->dispatch))
        problem = "deregistering needs a registered callback and a stopped queue";
    if (problem == NULL) {
        q->ready_callback = QueueReady;
        q->ready_context = Context;
    }
    os_mutex_unlock(&q->lock);
    if (problem != NULL) {
        rtl_diag(RTL_DIAG_ERROR, "wdf", "driver '%s': WdfIoQueueReadyNotify: %s", g->pub.DriverName,
                 problem);
        return STATUS_INVALID_DEVICE_REQUEST;
    }
    if (QueueReady != NULL) /* Microsoft: it may run before ReadyNotify returns */
        wdf_queue_run(q, TRUE);
    return STATUS_SUCCESS;
}

/* ---- retrieval ------------------------------------------------------------------------------ */

/* Why the driver cannot retrieve from `q` now (under the lock), STATUS_SUCCESS if it can. */
static NTSTATUS wdf_queue_can_retrieve(struct wdf_queue *q)
{
    if (q->config.DispatchType == WdfIoQueueDispatchParallel)
        return STATUS_INVALID_DEVICE_STATE;
    if (!q->dispatch || q->power_held)
        return STATUS_WDF_PAUSED;
    return STATUS_SUCCESS;
}

/* The driver takes `r` (NULL: the first it may) out of the queue. */
/* The request `r` (NULL: the next waiting one, of `file` if not NULL) for the driver. */
static NTSTATUS wdf_queue_retrieve(struct wdf_queue *q, struct wdf_request *r, PFILE_OBJECT file,
                                   WDFREQUEST *out)
{
    NTSTATUS status;
    *out = NULL;
    wdf_queue_lock_all(q);
    status = wdf_queue_can_retrieve(q);
    if (NT_SUCCESS(status)) {
        if (r == NULL)
            r = wdf_queue_next_waiting_of(q, file);
        else if (r->queue != q || r->where != WDF_REQ_QUEUED || !wdf_queue_unwait(q, r))
            r = NULL, status = STATUS_NOT_FOUND;
        if (r != NULL)
            wdf_queue_own(q, r, q->config.DispatchType == WdfIoQueueDispatchSequential);
        else if (NT_SUCCESS(status))
            status = STATUS_NO_MORE_ENTRIES;
    }
    os_mutex_unlock(&q->lock);
    if (r != NULL && NT_SUCCESS(status)) {
        *out = (WDFREQUEST)r;
        wdf_queue_run(q, FALSE); /* a drain may be done */
    }
    return status;
}

NTSTATUS imp_WdfIoQueueRetrieveNextRequest(PWDF_DRIVER_GLOBALS globals, WDFQUEUE Queue,
                                           WDFREQUEST *OutRequest)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_queue *q = WDF_QUEUE_GET(g, Queue);
    WDF_CHECK_NOT_NULL(g, OutRequest);
    return wdf_queue_retrieve(q, NULL, NULL, OutRequest);
}

/* Microsoft (WdfIoQueueRetrieveRequestByFileObject): the next request of that file object, as
 * WdfIoQueueRetrieveNextRequest for the others. */
NTSTATUS imp_WdfIoQueueRetrieveRequestByFileObject(PWDF_DRIVER_GLOBALS globals, WDFQUEUE Queue,
                                                   WDFFILEOBJECT FileObject, WDFREQUEST *OutRequest)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_queue *q = WDF_QUEUE_GET(g, Queue);
    WDF_CHECK_NOT_NULL(g, FileObject);
    WDF_CHECK_NOT_NULL(g, OutRequest);
    return wdf_queue_retrieve(q, NULL, wdf_file_wdm(g, FileObject), OutRequest);
}

NTSTATUS imp_WdfIoQueueRetrieveFoundRequest(PWDF_DRIVER_GLOBALS globals, WDFQUEUE Queue,
                                            WDFREQUEST FoundRequest, WDFREQUEST *OutRequest)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_queue *q = WDF_QUEUE_GET(g, Queue);
    struct wdf_object *o = wdf_object_get(g, FoundRequest, WDF_TYPE_REQUEST);
    WDF_CHECK_NOT_NULL(g, OutRequest);
    return wdf_queue_retrieve(q, CONTAINING_RECORD(o, struct wdf_request, obj), NULL, OutRequest);
}

/* Microsoft (WdfIoQueueFindRequest): the request after FoundRequest (NULL: the first) still
 * in the queue, with a reference the driver releases with WdfObjectDereference; it stays in
 * the queue. */
NTSTATUS imp_WdfIoQueueFindRequest(PWDF_DRIVER_GLOBALS globals, WDFQUEUE Queue,
                                   WDFREQUEST FoundRequest, WDFFILEOBJECT FileObject,
                                   PWDF_REQUEST_PARAMETERS Parameters, WDFREQUEST *OutRequest)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_queue *q = WDF_QUEUE_GET(g, Queue);
    struct wdf_request *after = NULL, *found = NULL;
    PFILE_OBJECT wanted;
    PLIST_ENTRY e;
    WDF_CHECK_NOT_NULL(g, OutRequest);
    *OutRequest = NULL;
    /* Microsoft: with a file object, only the requests of that file object are found. */
    wanted = FileObject != NULL ? wdf_file_wdm(g, FileObject) : NULL;
    if (FoundRequest != NULL)
        after = CONTAINING_RECORD(wdf_object_get(g, FoundRequest, WDF_TYPE_REQUEST),
                                  struct wdf_request, obj);
    wdf_queue_lock_all(q);
    if (after != NULL && (after->queue != q || after->where != WDF_REQ_QUEUED)) {
        os_mutex_unlock(&q->lock);
        return STATUS_NOT_FOUND;
    }
    for (e = after != NULL ? after->link.Flink : q->pending.Flink; e != &q->pending; e = e->Flink) {
        struct wdf_request *r = CONTAINING_RECORD(e, struct wdf_request, link);
        if (wanted == NULL || IoGetCurrentIrpStackLocation(r->irp)->FileObject == wanted) {
            found = r;
            wdf_object_reference(&found->obj);
            break;
        }
    }
    os_mutex_unlock(&q->lock);
    if (found == NULL)
        return STATUS_NO_MORE_ENTRIES;
    if (Parameters != NULL)
        wdf_request_parameters(found, Parameters);
    *OutRequest = (WDFREQUEST)found;
    return STATUS_SUCCESS;
}

/* ---- requeue and forwarding (request.c validates) ------------------------------------------ */

/* Moves a request the driver owns back into a queue: `to` (forwarding) or its own queue's
 * head (requeue). */
NTSTATUS wdf_queue_requeue(struct wdf_request *r, struct wdf_queue *to)
{
    struct wdf_queue *from = r->queue;
    BOOLEAN waiting, was_empty;
    NTSTATUS status;
    if (to != from) {
        wdf_queue_lock_all(to);
        status = to->accept ? STATUS_SUCCESS : STATUS_WDF_BUSY;
        os_mutex_unlock(&to->lock);
        if (!NT_SUCCESS(status))
            return status;
        wdf_queue_lock_all(from);
        wdf_queue_disown(from, r);
        os_mutex_unlock(&from->lock);
        /* The request's reference moves from the old queue to the new one. */
        wdf_object_reference(&to->obj);
        status = wdf_queue_insert(to, r, TRUE);
        if (!NT_SUCCESS(status)) { /* stopped accepting meanwhile: the driver keeps it */
            wdf_queue_lock_all(from);
            r->queue = from;
            wdf_queue_own(from, r, FALSE);
            os_mutex_unlock(&from->lock);
            wdf_object_release(&to->obj);
            return status;
        }
        wdf_queue_run(from, FALSE);
        wdf_object_release(&from->obj);
        return STATUS_SUCCESS;
    }
    wdf_queue_lock_all(from);
    wdf_queue_disown(from, r);
    was_empty = from->queued == 0;
    waiting = wdf_queue_wait(from, r, TRUE);
    os_mutex_unlock(&from->lock);
    if (!waiting)
        wdf_queue_cancelled(from, r);
    else
        wdf_queue_run(from, was_empty);
    return STATUS_SUCCESS;
}

/* ---- power ---------------------------------------------------------------------------------- */

/* wpower: the device is removed (surprise or orderly): the queue accepts no more requests
 * and what waits in it is cancelled, in queue order (Microsoft: "A User Unplugs a Device":
 * the framework purges the power-managed queues). */
static void wdf_queue_power_purge(struct wdf_queue *q)
{
    wdf_queue_lock_all(q);
    q->accept = FALSE;
    os_mutex_unlock(&q->lock);
    wdf_queue_cancel_waiting(q, (ULONG)-1);
}

/* Leaving D0: each power-managed queue holds its requests (WdfIoQueuePnpHeld) and the driver's
 * EvtIoStop sees each request it owns (WdfRequestStopActionSuspend; Microsoft: Using
 * Power-Managed I/O Queues); returning to D0: EvtIoResume for the requests it kept, then what
 * waited is presented. */
static void wdf_queue_power(struct wdf_queue *q, BOOLEAN working, ULONG stop_action)
{
    PWDF_IO_QUEUE_CONFIG c = &q->config;
    trace_recorder_event(q->obj.owner->recorder,
                         working ? "queue %p: power-managed, device in D0: dispatching"
                                 : "queue %p: power-managed, device leaving D0: holding requests",
                         (uintptr_t)q, 0, 0);
    for (;;) {
        struct wdf_request *r = NULL;
        ULONG flags = stop_action; /* wpower: Suspend, or Purge at removal */
        wdf_queue_lock_all(q);
        q->power_held = !working;
        for (PLIST_ENTRY e = q->owned.Flink; e != &q->owned; e = e->Flink) {
            struct wdf_request *o = CONTAINING_RECORD(e, struct wdf_request, owned_link);
            if (o->stopping == working) { /* leaving: not told yet; returning: told */
                r = o;
                r->stopping = !working;
                break;
            }
        }
        os_mutex_unlock(&q->lock);
        if (r == NULL)
            break;
        if (r->cancel != NULL)
            flags |= WdfRequestStopRequestCancelable;
        if (!working && c->EvtIoStop != NULL)
            c->EvtIoStop((WDFQUEUE)q, (WDFREQUEST)r, flags);
        else if (working && c->EvtIoResume != NULL)
            c->EvtIoResume((WDFQUEUE)q, (WDFREQUEST)r);
    }
    if (working)
        wdf_queue_run(q, TRUE);
    else if (stop_action & WdfRequestStopActionPurge)
        wdf_queue_power_purge(q);
}

void wdf_queue_device_power(struct wdf_device *device, BOOLEAN working)
{
    wdf_queue_device_power_action(device, working, WdfRequestStopActionSuspend);
}

void wdf_queue_device_power_action(struct wdf_device *device, BOOLEAN working, ULONG stop_action)
{
    struct wdf_queue **queues = NULL, **grown;
    size_t count = 0;
    BOOLEAN failed = FALSE;
    /* The device's power-managed queues, referenced: their callbacks run without the lock. */
    os_mutex_lock(&wdf_tree_lock);
    for (PLIST_ENTRY e = device->obj.children.Flink; e != &device->obj.children; e = e->Flink) {
        struct wdf_object *o = CONTAINING_RECORD(e, struct wdf_object, sibling);
        if (o->type != WDF_TYPE_QUEUE ||
            !CONTAINING_RECORD(o, struct wdf_queue, obj)->power_managed)
            continue;
        grown = realloc(queues, (count + 1) * sizeof(*queues));
        if (grown == NULL) {
            failed = TRUE; /* the queues not listed keep their state; reported below */
            break;
        }
        queues = grown;
        queues[count++] = CONTAINING_RECORD(o, struct wdf_queue, obj);
        wdf_object_reference(o);
    }
    os_mutex_unlock(&wdf_tree_lock);
    if (failed)
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "out of memory: not every power-managed queue follows "
                 "the device's power state");
    for (size_t i = 0; i < count; i++) {
        wdf_queue_power(queues[i], working, stop_action);
        wdf_object_release(&queues[i]->obj);
    }
    free(queues);
}
