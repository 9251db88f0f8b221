/*
 * op.c - pending WSK operations: taking the application's IRP, describing its WSK_BUF, and
 * completing the IRP (or making an accept event callback) from a system worker thread.
 *
 * An IRP the application passes is one it allocated (IoAllocateIrp) with its completion routine
 * in the next stack location: the provider steps into that location, marks it pending and, when
 * the operation ends, completes the IRP so that the routine runs with PendingReturned set, as
 * "Using IRPs with Winsock Kernel Functions" describes. Every operation counts in its client's
 * busy count until its IRP completed, so that WskDeregister waits for it.
 */
#include "wsk/wsk_private.h"

#include "ex/ex.h"
#include "ke/ke.h"
#include "vf/vf.h"

#include <string.h>

/* The application's location becomes the current one; it needs one left (0x35 otherwise). */
NTSTATUS wsk_irp_take(PIRP irp)
{
    if (irp == NULL)
        return STATUS_INVALID_PARAMETER;
    if (irp->CurrentLocation <= 1)
        ke_bugcheck_msg(BUGCODE_NO_MORE_IRP_STACK_LOCATIONS, (ULONG_PTR)irp, 0, 0, 0,
                        "a WSK call was given IRP %p with no stack location for the provider",
                        (void *)irp);
    IoSetNextIrpStackLocation(irp);
    IoMarkIrpPending(irp);
    return STATUS_PENDING;
}

/* wsk_lock held. */
struct wsk_op *wsk_op_new_locked(struct wsk_client *client, struct wsk_socket *s,
                                 enum wsk_op_kind kind, PIRP irp)
{
    struct wsk_op *op = ex_alloc(sizeof(*op), WSK_TAG);
    if (op == NULL)
        return NULL;
    memset(op, 0, sizeof(*op));
    op->kind = kind;
    op->client = client;
    op->sock = s;
    op->irp = irp;
    InitializeListHead(&op->link);
    client->busy++;
    return op;
}

struct wsk_op *wsk_op_new(struct wsk_client *client, struct wsk_socket *s, enum wsk_op_kind kind,
                          PIRP irp)
{
    struct wsk_op *op;
    os_mutex_lock(&wsk_lock);
    op = wsk_op_new_locked(client, s, kind, irp);
    os_mutex_unlock(&wsk_lock);
    return op;
}

static void wsk_accept_event(struct wsk_op *op)
{
    struct wsk_socket *listen = op->sock, *acc = op->accepted;
    const WSK_CLIENT_LISTEN_DISPATCH *d;
    PVOID context = NULL;
    const WSK_CLIENT_CONNECTION_DISPATCH *dispatch = NULL;
    NTSTATUS status = STATUS_REQUEST_NOT_ACCEPTED;
    BOOLEAN call;
    os_mutex_lock(&wsk_lock);
    d = listen->client_dispatch;
    call = !listen->closed && (listen->events & WSK_EVENT_ACCEPT) && d && d->WskAcceptEvent;
    if (call)
        listen->callbacks++;
    os_mutex_unlock(&wsk_lock);
    if (call)
        status = d->WskAcceptEvent(listen->context, 0, &op->local.sa, &op->remote.sa, &acc->pub,
                                   &context, &dispatch);
    os_mutex_lock(&wsk_lock);
    if (call) {
        listen->callbacks--;
        os_cond_broadcast(&op->client->idle);
    }
    if (status == STATUS_SUCCESS) {
        acc->context = context;
        acc->client_dispatch = dispatch;
    }
    os_mutex_unlock(&wsk_lock);
    if (status != STATUS_SUCCESS)
        wsk_socket_drop(acc); /* refused: the connection is reset, the socket forgotten */
    wsk_socket_release(acc);  /* the event's reference (poll.c) */
    wsk_socket_release(listen);
}

/* A close completes after the socket's event callbacks returned (WskCloseSocket's remarks). */
static void wsk_close_wait(struct wsk_op *op)
{
    os_mutex_lock(&wsk_lock);
    while (op->sock->callbacks != 0)
        os_cond_wait(&op->client->idle, &wsk_lock);
    wsk_socket_close_fd(op->sock);
    os_mutex_unlock(&wsk_lock);
}

static void wsk_op_run(void *context)
{
    struct wsk_op *op = context;
    struct wsk_client *client = op->client;
    if (op->kind == WSK_OP_ACCEPT_EVENT) {
        wsk_accept_event(op);
    } else {
        if (op->kind == WSK_OP_CLOSE)
            wsk_close_wait(op); /* then closes the Linux socket */
        op->irp->IoStatus.Status = op->status;
        op->irp->IoStatus.Information = op->info;
        IoCompleteRequest(op->irp, IO_NO_INCREMENT);
        if (op->socket_connect && !NT_SUCCESS(op->status))
            wsk_socket_drop(op->sock); /* WskSocketConnect failed: the socket never existed */
    }
    if (op->kind == WSK_OP_CLOSE)
        wsk_socket_release(op->sock); /* the reference the socket was created with */
    os_mutex_lock(&wsk_lock);
    if (op->kind == WSK_OP_CLOSE)
        client->sockets--;
    client->busy--;
    os_cond_broadcast(&client->idle);
    os_mutex_unlock(&wsk_lock);
    ex_free(op->iov);
    ex_free(op);
}

/* Hands the operation to a worker thread; the caller removed it from its socket's queue. */
void wsk_op_finish(struct wsk_op *op, NTSTATUS status, ULONG_PTR info)
{
    op->status = status;
    op->info = info;
    ex_queue_work(wsk_op_run, op);
}

NTSTATUS wsk_complete_later(struct wsk_client *client, PIRP irp, NTSTATUS status, ULONG_PTR info)
{
    struct wsk_op *op;
    NTSTATUS taken = wsk_irp_take(irp);
    if (taken != STATUS_PENDING)
        return taken;
    op = wsk_op_new(client, NULL, WSK_OP_DONE, irp);
    if (op == NULL) {
        /* Nothing queued: the IRP is completed here, still with the status it reports. */
        irp->IoStatus.Status = STATUS_INSUFFICIENT_RESOURCES;
        irp->IoStatus.Information = 0;
        IoCompleteRequest(irp, IO_NO_INCREMENT);
        return STATUS_PENDING;
    }
    wsk_op_finish(op, status, info);
    return STATUS_PENDING;
}

/* The pieces of Length bytes of the MDL chain, from Offset bytes into the first MDL. */
NTSTATUS wsk_op_buffer(struct wsk_op *op, const WSK_BUF *buf)
{
    size_t left = buf->Length, skip = buf->Offset;
    int count = 0;
    PMDL m;
    for (m = buf->Mdl; m != NULL && left != 0; m = m->Next) {
        size_t n = MmGetMdlByteCount(m);
        if (skip >= n) {
            skip -= n;
            continue;
        }
        left -= left < n - skip ? left : n - skip;
        skip = 0;
        count++;
    }
    if (left != 0)
        return STATUS_INVALID_PARAMETER; /* the chain is shorter than Length */
    op->iov = ex_alloc(sizeof(*op->iov) * (size_t)(count ? count : 1), WSK_TAG);
    if (op->iov == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    left = buf->Length;
    skip = buf->Offset;
    for (m = buf->Mdl; m != NULL && left != 0; m = m->Next) {
        size_t n = MmGetMdlByteCount(m), take;
        if (skip >= n) {
            skip -= n;
            continue;
        }
        take = left < n - skip ? left : n - skip;
        op->iov[op->iov_count].base = (char *)MmGetMdlVirtualAddress(m) + skip;
        op->iov[op->iov_count++].len = take;
        left -= take;
        skip = 0;
    }
    op->length = buf->Length;
    return STATUS_SUCCESS;
}

/*
 * Cancellation ("Using IRPs with Winsock Kernel Functions": the application may cancel an IRP it
 * passed with IoCancelIrp; the operation then completes with STATUS_CANCELLED).
 *
 * A queued operation's IRP carries wsk_cancel_routine, and the operation in
 * Tail.Overlay.DriverContext[0] (the provider owns the IRP while it is pending). Whoever ends
 * the operation first takes the routine out with IoSetCancelRoutine(Irp, NULL) under wsk_lock
 * (wsk_op_claim): getting NULL back means IoCancelIrp took it first, so the cancel routine will
 * finish the operation and the claimer only unlinks it from its queue. The poll thread claims
 * the head operation before its socket call, so no data moves for an IRP being cancelled, and
 * gives the routine back (wsk_op_rearm) when the call would block; an IoCancelIrp between the
 * two finds no routine and returns FALSE, and the rearm sees Irp->Cancel and ends the operation.
 */
static VOID NTAPI wsk_cancel_routine(PDEVICE_OBJECT device, PIRP irp)
{
    struct wsk_op *op = irp->Tail.Overlay.DriverContext[0];
    (void)device;
    IoReleaseCancelSpinLock(irp->CancelIrql); /* before wsk_lock: no lock order between them */
    os_mutex_lock(&wsk_lock);
    RemoveEntryList(&op->link); /* unlinked already (self-linked) when a claimer lost the race */
    InitializeListHead(&op->link);
    /* A send that had started keeps what went in Information (docs/network.md). */
    wsk_op_finish(op, STATUS_CANCELLED, op->kind == WSK_OP_SEND ? op->done : 0);
    os_mutex_unlock(&wsk_lock);
}

/* TRUE: the caller owns the operation and ends it. FALSE: the cancel routine does; the operation
 * was taken out of its queue (wsk_lock held). */
BOOLEAN wsk_op_claim(struct wsk_op *op)
{
    if (IoSetCancelRoutine(op->irp, NULL) != NULL)
        return TRUE;
    RemoveEntryList(&op->link);
    InitializeListHead(&op->link);
    return FALSE;
}

/* Makes a claimed operation cancelable again; FALSE when it was cancelled meanwhile and is now
 * ended, or the cancel routine ends it (wsk_lock held). */
BOOLEAN wsk_op_rearm(struct wsk_op *op)
{
    IoSetCancelRoutine(op->irp, wsk_cancel_routine);
    if (!__atomic_load_n(&op->irp->Cancel, __ATOMIC_ACQUIRE))
        return TRUE;
    if (wsk_op_claim(op)) {
        RemoveEntryList(&op->link);
        InitializeListHead(&op->link);
        wsk_op_finish(op, STATUS_CANCELLED, op->kind == WSK_OP_SEND ? op->done : 0);
    }
    return FALSE;
}

/* Ends a queued operation that was not claimed yet, unless it is being cancelled (wsk_lock
 * held). */
void wsk_op_end(struct wsk_op *op, NTSTATUS status, ULONG_PTR info)
{
    if (!wsk_op_claim(op))
        return;
    RemoveEntryList(&op->link);
    InitializeListHead(&op->link);
    wsk_op_finish(op, status, info);
}

/* Queues the operation on its socket for the poll thread, cancelable; a closed socket is a
 * caller's bug the check before already reported, so the socket is alive here. */
NTSTATUS wsk_op_queue(struct wsk_op *op, PLIST_ENTRY queue)
{
    NTSTATUS taken = wsk_irp_take(op->irp);
    if (taken != STATUS_PENDING)
        return taken;
    op->irp->Tail.Overlay.DriverContext[0] = op;
    os_mutex_lock(&wsk_lock);
    InsertTailList(queue, &op->link);
    wsk_op_rearm(op); /* an IRP cancelled before it got here ends at once */
    os_mutex_unlock(&wsk_lock);
    wsk_poll_wake();
    return STATUS_PENDING;
}

/* Completes every operation of a queue with the status (wsk_lock held). */
void wsk_end_queue(PLIST_ENTRY queue, NTSTATUS status)
{
    while (!IsListEmpty(queue))
        wsk_op_end(CONTAINING_RECORD(queue->Flink, struct wsk_op, link), status, 0);
}

/* Completes every operation of a queue with STATUS_CANCELLED (wsk_lock held). */
void wsk_cancel_queue(PLIST_ENTRY queue)
{
    wsk_end_queue(queue, STATUS_CANCELLED);
}
