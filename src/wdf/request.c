/*
 * request.c - framework request objects: one per IRP a queue is given; the driver reaches the
 * IRP's buffers through them and completes them. Completing deletes the request object (its
 * handle is then invalid: using it, completing again included, is WDF_VIOLATION).
 *
 * Cancellation of a request the driver owns (WdfRequestMarkCancelable[Ex]): the framework's
 * cancel routine goes into the IRP; whoever takes it back out with IoSetCancelRoutine(irp,
 * NULL) decides: IoCancelIrp (or a purge) runs EvtRequestCancel, WdfRequestUnmarkCancelable
 * or completion make the request uncancelable again. Marking takes a reference on the request
 * object, dropped when the request is unmarked or after EvtRequestCancel returns, so the
 * handle stays valid for an UnmarkCancelable that lost the race to the cancel routine.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "ke/ke.h"
#include "rtl/rtl.h"
#include "vf/vf.h"
#include "wdf/wdf_private.h"

void wdf_request_destroy(struct wdf_object *o)
{
    struct wdf_request *r = CONTAINING_RECORD(o, struct wdf_request, obj);
    if (r->holds_queue) /* a create request (file.c) has no queue */
        wdf_object_release(&r->queue->obj);
}

void wdf_request_hold_queue(struct wdf_request *r)
{
    wdf_object_reference(&r->queue->obj);
    r->holds_queue = TRUE;
}

struct wdf_request *wdf_request_create(struct wdf_queue *q, PIRP irp, BOOLEAN hold)
{
    struct wdf_object *o;
    struct wdf_request *r;
    BOOLEAN kept;
    /* The device's request attributes give every request its context (Microsoft:
     * WdfDeviceInitSetRequestAttributes); it lives as long as the request object. */
    PWDF_OBJECT_ATTRIBUTES a =
        q->device->has_request_attributes ? &q->device->request_attributes : NULL;
    if (!NT_SUCCESS(wdf_object_create_request(q->obj.owner, sizeof(*r), a, &o, &kept)))
        return NULL;
    r = CONTAINING_RECORD(o, struct wdf_request, obj);
    if (kept) /* session 11: only the fields a received request's life wrote */
        wdf_request_renew(r);
    r->irp = irp;
    r->queue = q;
    if (hold)
        wdf_request_hold_queue(r);
    o->type_destroy = wdf_request_destroy;
    return r;
}

#define WDF_REQUEST_GET(g, h)                                                                      \
    CONTAINING_RECORD(wdf_object_get(g, h, WDF_TYPE_REQUEST), struct wdf_request, obj)

/* wdf_request_end's body: inline in the completion (session 14: with its hand-off known, the
 * compiler inlines that too; a call, an indirect call and two frames less per request). */
static inline __attribute__((always_inline)) void wdf_request_end_in(
    struct wdf_globals *g, struct wdf_request *r, const char *verb,
    void (*hand_off)(struct wdf_request *r, void *context), void *context)
{
    struct wdf_queue *q = r->queue;
    struct wdf_queue_next next;
    BOOLEAN held, twice = FALSE;
    /* A request in its thread's lane is marked ended under the lane's lock (session 13: one
     * locked instruction less); any other by the exchange, then it leaves its queue. */
    if (q == NULL || !wdf_queue_request_leave_claim(r, &next, &twice)) {
        if (twice || __atomic_exchange_n(&r->completed, 1, __ATOMIC_ACQ_REL))
            wdf_violation(g, VF_10D_BAD_HANDLE, (ULONG_PTR)r, 0, 0,
                          "driver '%s' %s request %p, which it had completed or sent already",
                          g->pub.DriverName, verb, (void *)r);
        if (q != NULL) /* a create request (file.c) has no queue to leave */
            wdf_queue_request_leave(g, r, &next);
    }
    /* Ending a request still cancelable makes it uncancelable; if the cancel routine has it,
     * that is the driver's EvtRequestCancel completing it (the routine keeps its reference
     * until the callback returns). */
    if (__atomic_load_n(&r->cancel, __ATOMIC_ACQUIRE) != NULL &&
        IoSetCancelRoutine(r->irp, NULL) != NULL)
        wdf_object_release(&r->obj);
    /* Out of its lane now (no fold changes it): the request's reference, if it has one, is
     * released below, not by its destruction. Without one it was in a lane: `next` is empty
     * and q is not touched again (its deletion may free it as soon as the lane is left). */
    held = r->holds_queue;
    r->holds_queue = FALSE;
    hand_off(r, context);
    if (r->reserved_pool == NULL && r->remove_lock == NULL)
        wdf_request_drop(r);
    else
        wdf_request_dispose(r); /* wdevb: a reserved request goes back to its pool */
    if (held) {
        wdf_queue_request_done(q, &next);
        wdf_object_release(&q->obj);
    }
}

void wdf_request_end(struct wdf_globals *g, struct wdf_request *r, const char *verb,
                     void (*hand_off)(struct wdf_request *r, void *context), void *context)
{
    wdf_request_end_in(g, r, verb, hand_off, context);
}

struct wdf_completion {
    NTSTATUS status;
    CCHAR boost;
};

/* wdf_request_end's hand-off for a completion: the IRP goes back to the requester. */
static inline void wdf_request_to_requester(struct wdf_request *r, void *context)
{
    const struct wdf_completion *c = context;
    /* session 14: a request formatted for a target and completed unsent (or after a send that
     * failed) gets its IRP's own buffers back, and its bounce buffer, MDL and memory references
     * go, as when it comes back from the target (iotarget.c, wdf_request_finish); before, the
     * I/O manager copied the output from the bounce buffer into the NULLed user buffer (0x1E)
     * [wdf_test_wdf_lanes: formatted_and_sent_requests_and_the_ones_after_them_behave_as_new]. */
    if (__builtin_expect(r->formatted, 0))
        wdf_request_unformat(r);
    r->irp->IoStatus.Status = c->status;
    r->irp->IoStatus.Information = r->information;
    if (r->done != NULL)
        r->done(r, c->status);
    IoCompleteRequest(r->irp, r->queue != NULL ? c->boost : IO_NO_INCREMENT);
}

/* Inline in its three DDIs (session 14: a call less per completion). */
static inline __attribute__((always_inline)) void wdf_request_complete(struct wdf_globals *g,
                                                                       struct wdf_request *r,
                                                                       NTSTATUS status, CCHAR boost)
{
    struct wdf_completion c = {status, boost};
    /* session 11: one entry per request, the completion written into the presentation's; an
     * entry of its own when there is none (never presented, or written over since). */
    if (g->ifr_verbose && !trace_recorder_complete(&r->trace, (uint32_t)status, r->information))
        trace_recorder_event(g->recorder, "request %p completed, status 0x%08X", (uintptr_t)r,
                             (uint32_t)status, 0);
    wdf_request_end_in(g, r, "completed", wdf_request_to_requester, &c);
}

/* session 15: a completion's common case, without a call but the IRP's completion at its end:
 * a live request in its thread's lane, not cancelable, formatted, watched (`done`), reserved,
 * holding a remove lock or its queue, never sent; an object with nothing but its attributes'
 * context and no callback of its own, referenced once, and room in the thread's cache; no
 * verbose record. Every test comes before anything changes, and a lane's lock another thread
 * holds is not waited for: any miss returns NULL, nothing done, and wdf_request_complete makes
 * the same tests again and does the work (and the reports). Otherwise it does what that way does
 * (the request out of its lane and marked ended, the object ended into the thread's cache) and
 * returns the IRP, its IoStatus set, for the caller to complete last. The one difference of
 * order, the object in the cache before the IRP is completed rather than after, is one nothing
 * can see: no callback of the object runs, and its handle is stale in both. */
static inline __attribute__((always_inline)) PIRP wdf_request_end_fast(struct wdf_globals *g,
                                                                       struct wdf_request *r,
                                                                       NTSTATUS status,
                                                                       ULONG_PTR information)
{
    struct wdf_object *o = &r->obj;
    struct wdf_context *c = o->inline_context;
    struct wdf_cache *cache = wdf_cache_tls;
    struct wdf_queue *q = r->queue;
    unsigned lane = __atomic_load_n(&r->lane, __ATOMIC_RELAXED);
    struct wdf_queue_lane *l;
    PIRP irp = r->irp;
    /* the pointers that must all be NULL, or'ed: one test and one branch for ten */
    uintptr_t rare = (uintptr_t)__atomic_load_n(&r->cancel, __ATOMIC_ACQUIRE) | (uintptr_t)r->done |
                     (uintptr_t)r->reserved_pool | (uintptr_t)r->remove_lock |
                     (uintptr_t)o->parent | (uintptr_t)o->type_cleanup | (uintptr_t)o->sync_lock |
                     (uintptr_t)c->next | (uintptr_t)c->cleanup | (uintptr_t)c->destroy;
    if (g->ifr_verbose || lane == 0 || rare != 0 || r->formatted || r->send.created ||
        cache == NULL || cache->count >= WDF_CACHE_MAX || o->contexts != c ||
        o->type_destroy != wdf_request_destroy ||
        __atomic_load_n(&o->had_children, __ATOMIC_SEQ_CST) ||
        __atomic_load_n(&o->refs, __ATOMIC_ACQUIRE) != 1 ||
        __atomic_load_n(&o->state, __ATOMIC_RELAXED) != WDF_LIVE)
        return NULL;
    l = &q->lanes[lane - 1];
    if (__atomic_exchange_n(&l->lock, 1, __ATOMIC_ACQUIRE) != 0)
        return NULL;
    /* holds_queue under the lock: a fold sets it on the requests it moves out of the lanes
     * (tsan: wdf_test_wdf_lanes, read before the lock it raced with the fold's write) */
    if (__atomic_load_n(&r->lane, __ATOMIC_RELAXED) != lane ||
        __atomic_load_n(&r->completed, __ATOMIC_RELAXED) || r->holds_queue) {
        wdf_lane_unlock(l);
        return NULL;
    }
    /* wdf_queue_leave_fast's steps, then wdf_object_end_request's (wdf_private.h) */
    __atomic_store_n(&r->completed, 1, __ATOMIC_RELAXED);
    wdf_lane_take_out(r);
    wdf_lane_unlock(l);
    irp->IoStatus.Status = status;
    irp->IoStatus.Information = information;
    __atomic_store_n(&o->state, WDF_DELETING, __ATOMIC_RELEASE);
    __atomic_store_n(&o->refs, 0, __ATOMIC_RELAXED);
    o->kept = !r->send_used && r->usb == NULL;
    __atomic_store_n(&o->freed, 1, __ATOMIC_RELEASE);
    cache->ring[(cache->head + cache->count) % WDF_CACHE_MAX] = o;
    cache->count++;
    return irp;
}

/* The three completion DDIs (report names), and wdf_request_complete_any's `how`: the DDI in
 * the low byte, the priority boost in the next. */
enum {
    WDF_COMPLETE,
    WDF_COMPLETE_INFORMATION,
    WDF_COMPLETE_BOOST
};
static const char *const wdf_complete_ddi[] = {"WdfRequestComplete",
                                               "WdfRequestCompleteWithInformation",
                                               "WdfRequestCompleteWithPriorityBoost"};

/* The general way of the three completions (and every report); six arguments, so that the
 * common case below reaches it with a jump. */
static __attribute__((noinline)) void wdf_request_complete_any(PWDF_DRIVER_GLOBALS globals,
                                                               WDFREQUEST Request, NTSTATUS status,
                                                               ULONG_PTR information, unsigned how,
                                                               const void *caller)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_request *r =
        CONTAINING_RECORD(wdf_object_get_in(g, (WDFOBJECT)Request, WDF_TYPE_REQUEST,
                                            wdf_complete_ddi[how & 0xFF], caller),
                          struct wdf_request, obj);
    if ((how & 0xFF) == WDF_COMPLETE_INFORMATION)
        r->information = information;
    wdf_request_complete(g, r, status, (CCHAR)(how >> 8));
}

/* A completion: its common case inline (a live request handle in its home slot, then
 * wdf_request_end_fast), else the general way. */
static inline __attribute__((always_inline)) void wdf_request_complete_ddi(
    PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request, NTSTATUS status, ULONG_PTR information,
    unsigned how, const void *caller)
{
    struct wdf_object *o = wdf_handles_home(Request);
    if (__builtin_expect((WDFREQUEST)o == Request &&
                             !__atomic_load_n(&o->freed, __ATOMIC_ACQUIRE) &&
                             o->type == WDF_TYPE_REQUEST,
                         1)) {
        struct wdf_request *r = CONTAINING_RECORD(o, struct wdf_request, obj);
        PIRP irp = wdf_request_end_fast(wdf_globals_of(globals), r, status,
                                        (how & 0xFF) == WDF_COMPLETE_INFORMATION ? information
                                                                                 : r->information);
        if (__builtin_expect(irp != NULL, 1)) {
            IoCompleteRequest(irp, (CCHAR)(how >> 8)); /* in a lane: the request has a queue */
            return;
        }
    }
    wdf_request_complete_any(globals, Request, status, information, how, caller);
}

VOID imp_WdfRequestComplete(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request, NTSTATUS Status)
{
    wdf_request_complete_ddi(globals, Request, Status, 0, WDF_COMPLETE,
                             __builtin_return_address(0));
}

VOID imp_WdfRequestCompleteWithInformation(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request,
                                           NTSTATUS Status, ULONG_PTR Information)
{
    wdf_request_complete_ddi(globals, Request, Status, Information, WDF_COMPLETE_INFORMATION,
                             __builtin_return_address(0));
}

VOID imp_WdfRequestSetInformation(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request,
                                  ULONG_PTR Information)
{
    WDF_REQUEST_GET(wdf_globals_of(globals), Request)->information = Information;
}

ULONG_PTR imp_WdfRequestGetInformation(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request)
{
    return WDF_REQUEST_GET(wdf_globals_of(globals), Request)->information;
}

PIRP imp_WdfRequestWdmGetIrp(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request)
{
    return WDF_REQUEST_GET(wdf_globals_of(globals), Request)->irp;
}

WDFQUEUE imp_WdfRequestGetIoQueue(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request)
{
    return (WDFQUEUE)WDF_REQUEST_GET(wdf_globals_of(globals), Request)->queue;
}

void wdf_request_parameters(struct wdf_request *r, PWDF_REQUEST_PARAMETERS Parameters)
{
    PIO_STACK_LOCATION s = IoGetCurrentIrpStackLocation(r->irp);
    RtlZeroMemory(&Parameters->Parameters, sizeof(Parameters->Parameters));
    Parameters->MinorFunction = s->MinorFunction;
    Parameters->Type = (WDF_REQUEST_TYPE)s->MajorFunction;
    switch (s->MajorFunction) {
    case IRP_MJ_CREATE: /* Microsoft (WDF_REQUEST_PARAMETERS): Parameters.Create */
        Parameters->Parameters.Create.SecurityContext = s->Parameters.Create.SecurityContext;
        Parameters->Parameters.Create.Options = s->Parameters.Create.Options;
        Parameters->Parameters.Create.FileAttributes = s->Parameters.Create.FileAttributes;
        Parameters->Parameters.Create.ShareAccess = s->Parameters.Create.ShareAccess;
        Parameters->Parameters.Create.EaLength = s->Parameters.Create.EaLength;
        break;
    case IRP_MJ_READ:
        Parameters->Parameters.Read.Length = s->Parameters.Read.Length;
        Parameters->Parameters.Read.Key = s->Parameters.Read.Key;
        Parameters->Parameters.Read.DeviceOffset = s->Parameters.Read.ByteOffset.QuadPart;
        break;
    case IRP_MJ_WRITE:
        Parameters->Parameters.Write.Length = s->Parameters.Write.Length;
        Parameters->Parameters.Write.Key = s->Parameters.Write.Key;
        Parameters->Parameters.Write.DeviceOffset = s->Parameters.Write.ByteOffset.QuadPart;
        break;
    default: /* device controls */
        Parameters->Parameters.DeviceIoControl.OutputBufferLength =
            s->Parameters.DeviceIoControl.OutputBufferLength;
        Parameters->Parameters.DeviceIoControl.InputBufferLength =
            s->Parameters.DeviceIoControl.InputBufferLength;
        Parameters->Parameters.DeviceIoControl.IoControlCode =
            s->Parameters.DeviceIoControl.IoControlCode;
        Parameters->Parameters.DeviceIoControl.Type3InputBuffer =
            s->Parameters.DeviceIoControl.Type3InputBuffer;
        break;
    }
}

VOID imp_WdfRequestGetParameters(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request,
                                 PWDF_REQUEST_PARAMETERS Parameters)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_request *r = WDF_REQUEST_GET(g, Request);
    WDF_CHECK_NOT_NULL(g, Parameters);
    wdf_request_parameters(r, Parameters);
}

/* The system-space address of the IRP's MDL (direct I/O), NULL if it has none. */
static PVOID wdf_mdl_address(PIRP irp)
{
    return irp->MdlAddress != NULL
               ? MmGetSystemAddressForMdlSafe(irp->MdlAddress, NormalPagePriority)
               : NULL;
}

/* Where a request's input (output: !input) buffer is and how long, as Microsoft's
 * WdfRequestRetrieveInputBuffer / OutputBuffer pages describe: buffered or direct I/O for reads
 * and writes, METHOD_BUFFERED / IN_DIRECT / OUT_DIRECT for device controls; neither I/O for
 * internal device controls and for device controls a kernel-mode driver sent (the IRP's
 * RequestorMode KernelMode). */
static NTSTATUS wdf_request_buffer(struct wdf_request *r, BOOLEAN input, PVOID *buffer,
                                   size_t *length)
{
    PIO_STACK_LOCATION s = IoGetCurrentIrpStackLocation(r->irp);
    ULONG flags, method;
    if (r->queue == NULL || s->MajorFunction == IRP_MJ_CREATE) /* a create: no buffers */
        return STATUS_INVALID_DEVICE_REQUEST;
    flags = r->queue->device->wdm->Flags;
    switch (s->MajorFunction) {
    case IRP_MJ_READ:
    case IRP_MJ_WRITE:
        if (input != (s->MajorFunction == IRP_MJ_WRITE))
            return STATUS_INVALID_DEVICE_REQUEST; /* a read has no input, a write no output */
        *length = input ? s->Parameters.Write.Length : s->Parameters.Read.Length;
        if (flags & DO_BUFFERED_IO)
            *buffer = r->irp->AssociatedIrp.SystemBuffer;
        else if (flags & DO_DIRECT_IO)
            *buffer = wdf_mdl_address(r->irp);
        else
            return STATUS_INVALID_DEVICE_REQUEST;
        return STATUS_SUCCESS;
    default:
        method = METHOD_FROM_CTL_CODE(s->Parameters.DeviceIoControl.IoControlCode);
        *length = input ? s->Parameters.DeviceIoControl.InputBufferLength
                        : s->Parameters.DeviceIoControl.OutputBufferLength;
        if (method == METHOD_NEITHER) {
            if (s->MajorFunction != IRP_MJ_INTERNAL_DEVICE_CONTROL &&
                r->irp->RequestorMode != KernelMode)
                return STATUS_INVALID_DEVICE_REQUEST;
            *buffer = input ? s->Parameters.DeviceIoControl.Type3InputBuffer : r->irp->UserBuffer;
        } else if (input || method == METHOD_BUFFERED) {
            *buffer = r->irp->AssociatedIrp.SystemBuffer;
        } else {
            *buffer = wdf_mdl_address(r->irp);
        }
        return STATUS_SUCCESS;
    }
}

/* The general way of the two retrievals (and every report): any request, any buffer method. */
static NTSTATUS wdf_request_retrieve_any(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request,
                                         BOOLEAN input, size_t minimum, PVOID *Buffer,
                                         size_t *Length, const void *caller)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_request *r = CONTAINING_RECORD(
        wdf_object_get_in(
            g, (WDFOBJECT)Request, WDF_TYPE_REQUEST,
            input ? "WdfRequestRetrieveInputBuffer" : "WdfRequestRetrieveOutputBuffer", caller),
        struct wdf_request, obj);
    PVOID buffer = NULL;
    size_t length = 0;
    NTSTATUS status;
    if (Buffer == NULL)
        wdf_violation_null(
            g, input ? "WdfRequestRetrieveInputBuffer" : "WdfRequestRetrieveOutputBuffer", "Buffer",
            caller);
    *Buffer = NULL;
    status = wdf_request_buffer(r, input, &buffer, &length);
    /* Microsoft: a zero-length buffer, or one shorter than the minimum, is too small. */
    if (NT_SUCCESS(status) && (length == 0 || length < minimum || buffer == NULL))
        status = STATUS_BUFFER_TOO_SMALL;
    if (!NT_SUCCESS(status))
        return status;
    *Buffer = buffer;
    if (Length != NULL)
        *Length = length;
    return STATUS_SUCCESS;
}

/* wdf_request_retrieve_any for each DDI, its arguments in the DDI's order and registers, so
 * the fast way below falls back with a jump (session 15). */
static __attribute__((noinline)) NTSTATUS wdf_request_retrieve_input_any(
    PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request, size_t minimum, PVOID *Buffer, size_t *Length,
    const void *caller)
{
    return wdf_request_retrieve_any(globals, Request, TRUE, minimum, Buffer, Length, caller);
}

static __attribute__((noinline)) NTSTATUS wdf_request_retrieve_output_any(
    PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request, size_t minimum, PVOID *Buffer, size_t *Length,
    const void *caller)
{
    return wdf_request_retrieve_any(globals, Request, FALSE, minimum, Buffer, Length, caller);
}

/* session 12: the retrievals' common case without a call or a spilled register: a live request
 * handle of a queue, a device control whose buffer is the system buffer (METHOD_BUFFERED, or
 * the input of a direct method), a buffer long enough. What wdf_request_buffer and the checks
 * above decide for it, in the same order of outcomes; anything else (a bad handle or pointer
 * included: the reports) is the general way. */
static inline __attribute__((always_inline)) NTSTATUS wdf_request_retrieve(
    PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request, BOOLEAN input, size_t minimum, PVOID *Buffer,
    size_t *Length, const void *caller)
{
    struct wdf_object *o = wdf_handles_home(Request);
    if (__builtin_expect((WDFREQUEST)o == Request &&
                             !__atomic_load_n(&o->freed, __ATOMIC_ACQUIRE) &&
                             o->type == WDF_TYPE_REQUEST && Buffer != NULL,
                         1)) {
        struct wdf_request *r = CONTAINING_RECORD(o, struct wdf_request, obj);
        PIRP irp = r->irp;
        PIO_STACK_LOCATION s = IoGetCurrentIrpStackLocation(irp);
        ULONG method = METHOD_FROM_CTL_CODE(s->Parameters.DeviceIoControl.IoControlCode);
        UCHAR major = s->MajorFunction;
        if (__builtin_expect(
                (major == IRP_MJ_DEVICE_CONTROL || major == IRP_MJ_INTERNAL_DEVICE_CONTROL) &&
                    r->queue != NULL &&
                    (method == METHOD_BUFFERED || (input && method != METHOD_NEITHER)),
                1)) {
            size_t length = input ? s->Parameters.DeviceIoControl.InputBufferLength
                                  : s->Parameters.DeviceIoControl.OutputBufferLength;
            PVOID buffer = irp->AssociatedIrp.SystemBuffer;
            if (length == 0 || length < minimum || buffer == NULL) {
                *Buffer = NULL;
                return STATUS_BUFFER_TOO_SMALL;
            }
            *Buffer = buffer;
            if (Length != NULL)
                *Length = length;
            return STATUS_SUCCESS;
        }
    }
    return input
               ? wdf_request_retrieve_input_any(globals, Request, minimum, Buffer, Length, caller)
               : wdf_request_retrieve_output_any(globals, Request, minimum, Buffer, Length, caller);
}

NTSTATUS imp_WdfRequestRetrieveInputBuffer(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request,
                                           size_t MinimumRequiredLength, PVOID *Buffer,
                                           size_t *Length)
{
    return wdf_request_retrieve(globals, Request, TRUE, MinimumRequiredLength, Buffer, Length,
                                __builtin_return_address(0));
}

NTSTATUS imp_WdfRequestRetrieveOutputBuffer(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request,
                                            size_t MinimumRequiredSize, PVOID *Buffer,
                                            size_t *Length)
{
    return wdf_request_retrieve(globals, Request, FALSE, MinimumRequiredSize, Buffer, Length,
                                __builtin_return_address(0));
}

/* ---- cancellation --------------------------------------------------------------------------- */

#define WDF_REQUEST_OF_IRP(irp) ((struct wdf_request *)(irp)->Tail.Overlay.DriverContext[3])

void wdf_request_run_cancel(struct wdf_request *r)
{
    PFN_WDF_REQUEST_CANCEL cancel = __atomic_load_n(&r->cancel, __ATOMIC_ACQUIRE);
    struct wdf_object *sync = wdf_sync_owner(&r->queue->obj);
    wdf_sync_acquire(sync);
    cancel((WDFREQUEST)r);
    wdf_sync_release(sync);
    wdf_object_release(&r->obj); /* the reference of WdfRequestMarkCancelable */
}

/* IoCancelIrp on a request the driver marked cancelable (cancel spin lock held). */
static VOID wdf_request_cancel_routine(PDEVICE_OBJECT device, PIRP irp)
{
    (void)device;
    IoReleaseCancelSpinLock(irp->CancelIrql);
    wdf_request_run_cancel(WDF_REQUEST_OF_IRP(irp));
}

/* Where the request is, read under its queue's lock. */
static enum wdf_request_where wdf_request_where(struct wdf_request *r)
{
    return wdf_queue_request_where(r);
}

static NTSTATUS wdf_request_mark(struct wdf_globals *g, WDFREQUEST Request,
                                 PFN_WDF_REQUEST_CANCEL EvtRequestCancel, BOOLEAN ex)
{
    struct wdf_request *r = WDF_REQUEST_GET(g, Request);
    PIRP irp = r->irp;
    WDF_CHECK_NOT_NULL(g, EvtRequestCancel);
    if (wdf_request_where(r) != WDF_REQ_DRIVER)
        wdf_queue_fatal(r->queue, r, STATUS_SUCCESS,
                        "WdfRequestMarkCancelable on a request the driver does not own");
    wdf_object_reference(&r->obj); /* held while the cancel routine may run */
    __atomic_store_n(&r->cancel, EvtRequestCancel, __ATOMIC_RELEASE);
    irp->Tail.Overlay.DriverContext[3] = r;
    IoSetCancelRoutine(irp, wdf_request_cancel_routine);
    if (!__atomic_load_n(&irp->Cancel, __ATOMIC_ACQUIRE) || IoSetCancelRoutine(irp, NULL) == NULL)
        return STATUS_SUCCESS; /* cancelable (or IoCancelIrp's routine has it now) */
    /* Cancelled before: the Ex form says so and the driver completes it (Microsoft:
     * WdfRequestMarkCancelableEx); the other form calls EvtRequestCancel at once. */
    if (ex) {
        __atomic_store_n(&r->cancel, NULL, __ATOMIC_RELEASE);
        wdf_object_release(&r->obj);
        return STATUS_CANCELLED;
    }
    wdf_request_run_cancel(r);
    return STATUS_SUCCESS;
}

VOID imp_WdfRequestMarkCancelable(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request,
                                  PFN_WDF_REQUEST_CANCEL EvtRequestCancel)
{
    wdf_request_mark(wdf_globals_of(globals), Request, EvtRequestCancel, FALSE);
}

NTSTATUS imp_WdfRequestMarkCancelableEx(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request,
                                        PFN_WDF_REQUEST_CANCEL EvtRequestCancel)
{
    return wdf_request_mark(wdf_globals_of(globals), Request, EvtRequestCancel, TRUE);
}

/* Microsoft (WdfRequestUnmarkCancelable): STATUS_CANCELLED when EvtRequestCancel has run or
 * is running (it completes the request; the driver must not); STATUS_INVALID_DEVICE_REQUEST
 * when the driver does not own the request; STATUS_INVALID_PARAMETER when it is not
 * cancelable (s14-wdfgaps: that was STATUS_INVALID_DEVICE_REQUEST). */
NTSTATUS imp_WdfRequestUnmarkCancelable(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_request *r = WDF_REQUEST_GET(g, Request);
    if (__atomic_load_n(&r->cancel, __ATOMIC_ACQUIRE) == NULL) {
        /* no queue: the driver's own (WdfRequestCreate) or a create request's */
        enum wdf_request_where where = r->queue != NULL ? wdf_request_where(r) : WDF_REQ_DRIVER;
        BOOLEAN owned = where == WDF_REQ_DRIVER || where == WDF_REQ_CALLER;
        rtl_diag(RTL_DIAG_ERROR, "wdf", "driver '%s': WdfRequestUnmarkCancelable on request %p, %s",
                 g->pub.DriverName, (void *)r,
                 owned ? "which is not cancelable" : "which the driver does not own");
        return owned ? STATUS_INVALID_PARAMETER : STATUS_INVALID_DEVICE_REQUEST;
    }
    if (IoSetCancelRoutine(r->irp, NULL) == NULL)
        return STATUS_CANCELLED;
    __atomic_store_n(&r->cancel, NULL, __ATOMIC_RELEASE);
    wdf_object_release(&r->obj);
    return STATUS_SUCCESS;
}

BOOLEAN imp_WdfRequestIsCanceled(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request)
{
    return __atomic_load_n(&WDF_REQUEST_GET(wdf_globals_of(globals), Request)->irp->Cancel,
                           __ATOMIC_ACQUIRE); /* IoCancelIrp sets it on any thread */
}

/* ---- requeue, forwarding, stop -------------------------------------------------------------- */

/* What keeps the driver from giving the request back to a queue (Microsoft:
 * WdfRequestRequeue, WdfRequestForwardToIoQueue), NULL: nothing. */
static const char *wdf_request_not_requeueable(struct wdf_request *r)
{
    if (wdf_request_where(r) != WDF_REQ_DRIVER)
        return "the driver does not own the request";
    if (__atomic_load_n(&r->cancel, __ATOMIC_ACQUIRE) != NULL)
        return "the request is cancelable (WdfRequestUnmarkCancelable first)";
    return NULL;
}

NTSTATUS imp_WdfRequestRequeue(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_request *r = WDF_REQUEST_GET(g, Request);
    const char *problem = r->queue->config.DispatchType != WdfIoQueueDispatchManual
                              ? "the request's queue is not a manual queue"
                              : wdf_request_not_requeueable(r);
    if (problem != NULL) {
        rtl_diag(RTL_DIAG_ERROR, "wdf", "driver '%s': WdfRequestRequeue(%p): %s", g->pub.DriverName,
                 (void *)r, problem);
        return STATUS_INVALID_DEVICE_REQUEST;
    }
    return wdf_queue_requeue(r, r->queue);
}

NTSTATUS imp_WdfRequestForwardToIoQueue(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request,
                                        WDFQUEUE DestinationQueue)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_request *r = WDF_REQUEST_GET(g, Request);
    struct wdf_queue *to = CONTAINING_RECORD(wdf_object_get(g, DestinationQueue, WDF_TYPE_QUEUE),
                                             struct wdf_queue, obj);
    const char *problem = NULL;
    if (to == r->queue)
        problem = "the destination is the request's own queue (WdfRequestRequeue is for that)";
    else if (to->device != r->queue->device)
        problem = "the destination queue belongs to another device";
    else
        problem = wdf_request_not_requeueable(r);
    if (problem != NULL) {
        rtl_diag(RTL_DIAG_ERROR, "wdf", "driver '%s': WdfRequestForwardToIoQueue(%p): %s",
                 g->pub.DriverName, (void *)r, problem);
        return STATUS_INVALID_DEVICE_REQUEST;
    }
    return wdf_queue_requeue(r, to);
}

/* Microsoft (WdfRequestStopAcknowledge): from EvtIoStop, or after it; Requeue TRUE gives the
 * request back to its queue, FALSE keeps it with the driver (suspended). */
VOID imp_WdfRequestStopAcknowledge(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request, BOOLEAN Requeue)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_request *r = WDF_REQUEST_GET(g, Request);
    BOOLEAN stopping;
    wdf_queue_acquire(r->queue);
    stopping = r->stopping && r->where == WDF_REQ_DRIVER;
    wdf_queue_release(r->queue);
    if (!stopping)
        wdf_queue_fatal(r->queue, r, STATUS_SUCCESS,
                        "WdfRequestStopAcknowledge for a request that is not being stopped "
                        "(no EvtIoStop for it)");
    if (Requeue)
        wdf_queue_requeue(r, r->queue);
}

/* ---- small ones ----------------------------------------------------------------------------- */

VOID imp_WdfRequestCompleteWithPriorityBoost(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request,
                                             NTSTATUS Status, CCHAR PriorityBoost)
{
    wdf_request_complete_ddi(globals, Request, Status, 0,
                             WDF_COMPLETE_BOOST | (unsigned)(UCHAR)PriorityBoost << 8,
                             __builtin_return_address(0));
}

/* The IRP's IoStatus.Status: what the request carries until it is completed (Microsoft:
 * WdfRequestGetStatus; a request sent to an I/O target is iotarget.c's). */
NTSTATUS imp_WdfRequestGetStatus(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request)
{
    return WDF_REQUEST_GET(wdf_globals_of(globals), Request)->irp->IoStatus.Status;
}

KPROCESSOR_MODE imp_WdfRequestGetRequestorMode(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request)
{
    return WDF_REQUEST_GET(wdf_globals_of(globals), Request)->irp->RequestorMode;
}

/* drvhost's clients are 64-bit processes: never a 32-bit one. */
BOOLEAN imp_WdfRequestIsFrom32BitProcess(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request)
{
    (void)WDF_REQUEST_GET(wdf_globals_of(globals), Request);
    return FALSE;
}
