/*
 * forward_progress.c - guaranteed forward progress of a queue (KMDF 1.9):
 * WdfIoQueueAssignForwardProgressPolicy and WdfRequestIsReserved, and the arrival path that
 * uses reserved requests when the framework cannot create a request object (Microsoft:
 * Guaranteeing Forward Progress of I/O Operations).
 *
 * The assignment creates TotalForwardProgressRequests request objects (with the device's
 * request attributes) and calls EvtIoAllocateResourcesForReservedRequest for each; they wait
 * in the queue's pool. An IRP arriving at the queue gets a new request as usual, then
 * EvtIoAllocateRequestResources; when the new request cannot be created, or that callback
 * fails, the policy decides: always a reserved request, one only for paging I/O
 * (IRP_PAGING_IO), or what EvtIoWdmIrpForForwardProgress answers. A reserved request is
 * presented like any other; when it ends it is not deleted but reset and put back, with its
 * contexts and children (the driver reinitializes its context, as documented). The pool's
 * requests are deleted with the queue (their cleanup callbacks run then); one in use at that
 * moment is deleted when it ends.
 *
 * drvhost's low memory is fault injection: framework request objects count as pool
 * allocations tagged WDF_REQUEST_FAULT_TAG (object.c), so a test arms the next one to fail.
 *
 * Locking: the pool's lock covers its free list, its count of requests out and `closed`. The
 * policy is copied at the assignment and read only after q->fp is published (release store,
 * acquire load). No lock is held while a driver callback runs.
 */
#include <stdlib.h>
#include <string.h>

#include "ke/ke.h"
#include "rtl/rtl.h"
#include "wdf/wdf_private.h"

struct wdf_fp {
    WDF_IO_QUEUE_FORWARD_PROGRESS_POLICY policy;
    os_mutex lock;
    BOOLEAN closed;   /* the queue is gone: ending requests are deleted */
    ULONG out;        /* reserved requests in use */
    ULONG free_count; /* entries of `free` */
    struct wdf_request **free;
};

static void wdf_fp_free(struct wdf_fp *fp)
{
    os_mutex_destroy(&fp->lock);
    free(fp->free);
    free(fp);
}

static void wdf_fp_delete_request(struct wdf_request *r)
{
    r->reserved_pool = NULL;
    wdf_object_delete(&r->obj);
}

/* Creates the reserved requests, calling EvtIoAllocateResourcesForReservedRequest for each;
 * on failure deletes those made and returns the status (the callback's, or
 * STATUS_INSUFFICIENT_RESOURCES). */
static NTSTATUS wdf_fp_fill(struct wdf_queue *q, struct wdf_fp *fp)
{
    PFN_WDF_IO_ALLOCATE_RESOURCES_FOR_RESERVED_REQUEST allocate =
        fp->policy.EvtIoAllocateResourcesForReservedRequest;
    NTSTATUS status = STATUS_SUCCESS;
    while (fp->free_count < fp->policy.TotalForwardProgressRequests) {
        struct wdf_request *r = wdf_request_create(q, NULL, FALSE);
        if (r == NULL) {
            status = STATUS_INSUFFICIENT_RESOURCES;
            break;
        }
        r->reserved_pool = fp;
        fp->free[fp->free_count++] = r;
        if (allocate != NULL && !NT_SUCCESS(status = allocate((WDFQUEUE)q, (WDFREQUEST)r)))
            break;
    }
    if (!NT_SUCCESS(status))
        while (fp->free_count > 0)
            wdf_fp_delete_request(fp->free[--fp->free_count]);
    return status;
}

static const char *wdf_fp_policy_problem(PWDF_IO_QUEUE_FORWARD_PROGRESS_POLICY p)
{
    if (p->TotalForwardProgressRequests == 0)
        return "TotalForwardProgressRequests is 0 (it must be greater than zero)";
    if (p->ForwardProgressReservedPolicy <
            WdfIoForwardProgressReservedPolicyAlwaysUseReservedRequest ||
        p->ForwardProgressReservedPolicy > WdfIoForwardProgressReservedPolicyPagingIO)
        return "ForwardProgressReservedPolicy is not a WDF_IO_FORWARD_PROGRESS_RESERVED_POLICY";
    if (p->ForwardProgressReservedPolicy == WdfIoForwardProgressReservedPolicyUseExamine &&
        p->ForwardProgressReservePolicySettings.Policy.ExaminePolicy
                .EvtIoWdmIrpForForwardProgress == NULL)
        return "the UseExamine policy without an EvtIoWdmIrpForForwardProgress";
    return NULL;
}

/* Microsoft (WdfIoQueueAssignForwardProgressPolicy): a wrong Size is STATUS_INFO_LENGTH_MISMATCH,
 * an invalid member STATUS_INVALID_PARAMETER, a failing EvtIoAllocateResourcesForReservedRequest
 * its status. drvhost: a second assignment for the queue is STATUS_INVALID_DEVICE_REQUEST. */
NTSTATUS imp_WdfIoQueueAssignForwardProgressPolicy(PWDF_DRIVER_GLOBALS globals, WDFQUEUE Queue,
                                                   PWDF_IO_QUEUE_FORWARD_PROGRESS_POLICY Policy)
{
    static const char ddi[] = "WdfIoQueueAssignForwardProgressPolicy";
    struct wdf_globals *g = wdf_globals_of(globals);
    const void *caller = __builtin_return_address(0);
    struct wdf_queue *q = CONTAINING_RECORD(
        wdf_object_get_in(g, Queue, WDF_TYPE_QUEUE, ddi, caller), struct wdf_queue, obj);
    const char *problem;
    struct wdf_fp *fp;
    NTSTATUS status;
    if (Policy == NULL)
        wdf_violation_null(g, ddi, "ForwardProgressPolicy", caller);
    if (Policy->Size != sizeof(*Policy)) {
        rtl_diag(RTL_DIAG_ERROR, "wdf", "driver '%s': %s: Size %lu is not %zu", g->pub.DriverName,
                 ddi, (unsigned long)Policy->Size, sizeof(*Policy));
        return STATUS_INFO_LENGTH_MISMATCH;
    }
    problem = __atomic_load_n(&q->fp, __ATOMIC_ACQUIRE) != NULL
                  ? "the queue has a forward progress policy already"
                  : wdf_fp_policy_problem(Policy);
    if (problem != NULL) {
        rtl_diag(RTL_DIAG_ERROR, "wdf", "driver '%s': %s: %s", g->pub.DriverName, ddi, problem);
        return q->fp != NULL ? STATUS_INVALID_DEVICE_REQUEST : STATUS_INVALID_PARAMETER;
    }
    fp = calloc(1, sizeof(*fp));
    if (fp == NULL ||
        (fp->free = calloc(Policy->TotalForwardProgressRequests, sizeof(*fp->free))) == NULL) {
        free(fp);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    fp->policy = *Policy;
    os_mutex_init(&fp->lock);
    status = wdf_fp_fill(q, fp);
    if (!NT_SUCCESS(status)) {
        wdf_fp_free(fp);
        return status;
    }
    __atomic_store_n(&q->fp, fp, __ATOMIC_RELEASE);
    return STATUS_SUCCESS;
}

BOOLEAN imp_WdfRequestIsReserved(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request)
{
    struct wdf_object *o = wdf_object_get_in(wdf_globals_of(globals), Request, WDF_TYPE_REQUEST,
                                             "WdfRequestIsReserved", __builtin_return_address(0));
    return CONTAINING_RECORD(o, struct wdf_request, obj)->reserved_pool != NULL;
}

/* A reserved request for `irp`, reset to a new request's state (its contexts, children and
 * USB part kept); NULL when all are in use. */
static struct wdf_request *wdf_fp_take(struct wdf_queue *q, struct wdf_fp *fp, PIRP irp)
{
    struct wdf_request *r = NULL;
    void *usb;
    os_mutex_lock(&fp->lock);
    if (fp->free_count > 0 && !fp->closed) {
        r = fp->free[--fp->free_count];
        fp->out++;
    }
    os_mutex_unlock(&fp->lock);
    if (r == NULL)
        return NULL;
    usb = r->usb;
    memset(&r->irp, 0, sizeof(*r) - offsetof(struct wdf_request, irp));
    r->usb = usb;
    r->irp = irp;
    r->queue = q;
    r->reserved_pool = fp;
    return r;
}

/* The policy's answer for an IRP the framework could not give a new request. */
static BOOLEAN wdf_fp_use_reserved(struct wdf_queue *q, struct wdf_fp *fp, PIRP irp)
{
    PFN_WDF_IO_WDM_IRP_FOR_FORWARD_PROGRESS examine;
    BOOLEAN critical = KeGetCurrentIrql() == PASSIVE_LEVEL;
    WDF_IO_FORWARD_PROGRESS_ACTION action;
    switch (fp->policy.ForwardProgressReservedPolicy) {
    case WdfIoForwardProgressReservedPolicyAlwaysUseReservedRequest:
        return TRUE;
    case WdfIoForwardProgressReservedPolicyPagingIO:
        return (irp->Flags & IRP_PAGING_IO) != 0;
    default: /* UseExamine: Microsoft: in a critical region at PASSIVE_LEVEL */
        examine = fp->policy.ForwardProgressReservePolicySettings.Policy.ExaminePolicy
                      .EvtIoWdmIrpForForwardProgress;
        if (critical)
            KeEnterCriticalRegion();
        action = examine((WDFQUEUE)q, irp);
        if (critical)
            KeLeaveCriticalRegion();
        return action == WdfIoForwardProgressActionUseReservedRequest;
    }
}

/* EvtIoAllocateRequestResources for a new request (in a critical region at PASSIVE_LEVEL). */
static NTSTATUS wdf_fp_allocate(struct wdf_queue *q, struct wdf_fp *fp, struct wdf_request *r)
{
    BOOLEAN critical = KeGetCurrentIrql() == PASSIVE_LEVEL;
    NTSTATUS status;
    if (critical)
        KeEnterCriticalRegion();
    status = fp->policy.EvtIoAllocateRequestResources((WDFQUEUE)q, (WDFREQUEST)r);
    if (critical)
        KeLeaveCriticalRegion();
    return status;
}

/* Microsoft: a request the framework cannot create, or whose EvtIoAllocateRequestResources
 * fails, follows the policy; an IRP the policy does not give a reserved request, or that finds
 * none free, is completed with STATUS_INSUFFICIENT_RESOURCES (the pages name no status: the one
 * of a queue without a policy). */
struct wdf_request *wdf_fp_request(struct wdf_queue *q, PIRP irp, NTSTATUS *status)
{
    struct wdf_fp *fp = __atomic_load_n(&q->fp, __ATOMIC_ACQUIRE);
    struct wdf_request *r = wdf_request_create(q, irp, FALSE);
    *status = STATUS_INSUFFICIENT_RESOURCES;
    if (fp == NULL)
        return r;
    if (r != NULL) {
        if (fp->policy.EvtIoAllocateRequestResources == NULL ||
            NT_SUCCESS(wdf_fp_allocate(q, fp, r)))
            return r;
        wdf_object_delete(&r->obj);
    }
    return wdf_fp_use_reserved(q, fp, irp) ? wdf_fp_take(q, fp, irp) : NULL;
}

void wdf_request_dispose(struct wdf_request *r)
{
    struct wdf_fp *fp = r->reserved_pool;
    BOOLEAN last = FALSE, keep = FALSE;
    if (r->remove_lock != NULL) /* wdfstate: its IRP is done (remove_lock.c) */
        wdf_remove_lock_release(r);
    if (fp == NULL) {
        /* session 11: `send` and what follows untouched: the object's reuse zeroes only the
         * fields before it (request.c). */
        wdf_request_drop(r);
        return;
    }
    if (r->holds_queue) { /* what its destruction would release */
        r->holds_queue = FALSE;
        wdf_object_release(&r->queue->obj);
    }
    os_mutex_lock(&fp->lock);
    fp->out--;
    if (!fp->closed) {
        fp->free[fp->free_count++] = r;
        keep = TRUE;
    } else {
        last = fp->out == 0;
    }
    os_mutex_unlock(&fp->lock);
    if (keep)
        return;
    wdf_fp_delete_request(r);
    if (last)
        wdf_fp_free(fp);
}

void wdf_fp_close(struct wdf_queue *q)
{
    struct wdf_fp *fp = __atomic_exchange_n(&q->fp, NULL, __ATOMIC_ACQ_REL);
    struct wdf_request **free_list;
    ULONG n, out;
    if (fp == NULL)
        return;
    /* The close counts as one request out while it deletes the free ones, so that a request
     * in use ending meanwhile does not free the pool under it. */
    os_mutex_lock(&fp->lock);
    fp->closed = TRUE;
    n = fp->free_count;
    fp->free_count = 0;
    fp->out++;
    free_list = fp->free;
    os_mutex_unlock(&fp->lock);
    for (ULONG i = 0; i < n; i++)
        wdf_fp_delete_request(free_list[i]);
    os_mutex_lock(&fp->lock);
    out = --fp->out;
    os_mutex_unlock(&fp->lock);
    if (out == 0)
        wdf_fp_free(fp);
}
