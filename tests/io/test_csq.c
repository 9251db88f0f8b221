/*
 * test_csq.c - cancel-safe IRP queues driven directly: FIFO removal, peek contexts, removal by
 * context, IoCancelIrp on a queued IRP, an IRP cancelled before insertion, and the Ex insert
 * callback refusing an IRP. The queue is the documented sample shape: a list and a spin lock.
 */
#include <wdm.h>

#include "harness.h"

typedef struct {
    IO_CSQ Csq;
    LIST_ENTRY Queue;
    KSPIN_LOCK Lock;
    LONG Inserts;
    LONG Cancelled;
    PIRP LastCancelled;
} QUEUE;

static QUEUE q;

static VOID Insert(PIO_CSQ Csq, PIRP Irp)
{
    QUEUE *Q = CONTAINING_RECORD(Csq, QUEUE, Csq);
    InsertTailList(&Q->Queue, &Irp->Tail.Overlay.ListEntry);
    Q->Inserts++;
}

static NTSTATUS InsertEx(PIO_CSQ Csq, PIRP Irp, PVOID InsertContext)
{
    if (InsertContext != NULL)
        return (NTSTATUS)(ULONG_PTR)InsertContext; /* refuse with that status */
    Insert(Csq, Irp);
    return STATUS_SUCCESS;
}

static VOID Remove(PIO_CSQ Csq, PIRP Irp)
{
    (void)Csq;
    RemoveEntryList(&Irp->Tail.Overlay.ListEntry);
}

/* PeekContext, when given, selects IRPs whose DriverContext[0] equals it. */
static PIRP Peek(PIO_CSQ Csq, PIRP Irp, PVOID PeekContext)
{
    QUEUE *Q = CONTAINING_RECORD(Csq, QUEUE, Csq);
    PLIST_ENTRY e = Irp == NULL ? Q->Queue.Flink : Irp->Tail.Overlay.ListEntry.Flink;
    for (; e != &Q->Queue; e = e->Flink) {
        PIRP next = CONTAINING_RECORD(e, IRP, Tail.Overlay.ListEntry);
        if (PeekContext == NULL || next->Tail.Overlay.DriverContext[0] == PeekContext)
            return next;
    }
    return NULL;
}

static VOID Acquire(PIO_CSQ Csq, PKIRQL Irql)
{
    KeAcquireSpinLock(&CONTAINING_RECORD(Csq, QUEUE, Csq)->Lock, Irql);
}

static VOID Release(PIO_CSQ Csq, KIRQL Irql)
{
    KeReleaseSpinLock(&CONTAINING_RECORD(Csq, QUEUE, Csq)->Lock, Irql);
}

static VOID CompleteCanceled(PIO_CSQ Csq, PIRP Irp)
{
    QUEUE *Q = CONTAINING_RECORD(Csq, QUEUE, Csq);
    Q->Cancelled++;
    Q->LastCancelled = Irp;
}

static void queue_init(BOOLEAN ex)
{
    memset(&q, 0, sizeof(q));
    InitializeListHead(&q.Queue);
    KeInitializeSpinLock(&q.Lock);
    if (ex)
        ok_status(
            IoCsqInitializeEx(&q.Csq, InsertEx, Remove, Peek, Acquire, Release, CompleteCanceled),
            STATUS_SUCCESS);
    else
        ok_status(IoCsqInitialize(&q.Csq, Insert, Remove, Peek, Acquire, Release, CompleteCanceled),
                  STATUS_SUCCESS);
}

/* An IRP whose first stack location is current, as in a dispatch routine. */
static PIRP new_irp(PVOID tag)
{
    PIRP irp = IoAllocateIrp(1, FALSE);
    IoSetNextIrpStackLocation(irp);
    irp->Tail.Overlay.DriverContext[0] = tag;
    return irp;
}

TEST(fifo_and_peek_context)
{
    PIRP a = new_irp((PVOID)1), b = new_irp((PVOID)2), c = new_irp((PVOID)1);
    queue_init(FALSE);
    IoCsqInsertIrp(&q.Csq, a, NULL);
    IoCsqInsertIrp(&q.Csq, b, NULL);
    IoCsqInsertIrp(&q.Csq, c, NULL);
    ok(q.Inserts == 3, "inserts %ld", (long)q.Inserts);
    ok(IoGetCurrentIrpStackLocation(a)->Control & SL_PENDING_RETURNED,
       "inserted IRP not marked pending");
    ok(a->CancelRoutine != NULL, "queued IRP has no cancel routine");
    ok(IoCsqRemoveNextIrp(&q.Csq, (PVOID)2) == b, "peek context 2");
    ok(b->CancelRoutine == NULL, "removed IRP still cancelable");
    ok(IoCsqRemoveNextIrp(&q.Csq, NULL) == a, "FIFO");
    ok(IoCsqRemoveNextIrp(&q.Csq, NULL) == c, "FIFO");
    ok(IoCsqRemoveNextIrp(&q.Csq, NULL) == NULL, "empty");
    ok(!IoCancelIrp(a), "cancel after removal calls a cancel routine");
    ok(q.Cancelled == 0, "cancelled %ld", (long)q.Cancelled);
    IoFreeIrp(a);
    IoFreeIrp(b);
    IoFreeIrp(c);
}

TEST(cancel_while_queued)
{
    IO_CSQ_IRP_CONTEXT ctx;
    PIRP a = new_irp(NULL), b = new_irp(NULL);
    queue_init(FALSE);
    IoCsqInsertIrp(&q.Csq, a, &ctx);
    IoCsqInsertIrp(&q.Csq, b, NULL);
    ok(ctx.Type == IO_TYPE_CSQ_IRP_CONTEXT && ctx.Irp == a && ctx.Csq == &q.Csq, "context filled");
    ok(IoCancelIrp(a), "cancel routine not called");
    ok(q.Cancelled == 1 && q.LastCancelled == a, "CsqCompleteCanceledIrp: %ld", (long)q.Cancelled);
    ok(ctx.Irp == NULL, "context still names the cancelled IRP");
    ok(IoCsqRemoveIrp(&q.Csq, &ctx) == NULL, "cancelled IRP removed by context");
    ok(IoCsqRemoveNextIrp(&q.Csq, NULL) == b, "the other IRP stays queued");
    ok(KeGetCurrentIrql() == PASSIVE_LEVEL, "IRQL %u", KeGetCurrentIrql());
    IoFreeIrp(a);
    IoFreeIrp(b);
}

TEST(remove_by_context)
{
    IO_CSQ_IRP_CONTEXT ca, cb;
    PIRP a = new_irp(NULL), b = new_irp(NULL);
    queue_init(FALSE);
    IoCsqInsertIrp(&q.Csq, a, &ca);
    IoCsqInsertIrp(&q.Csq, b, &cb);
    ok(IoCsqRemoveIrp(&q.Csq, &cb) == b, "remove b by context");
    ok(IoCsqRemoveIrp(&q.Csq, &cb) == NULL, "b removed twice");
    ok(IoCsqRemoveNextIrp(&q.Csq, NULL) == a, "a left");
    ok(IoCsqRemoveIrp(&q.Csq, &ca) == NULL, "a removed twice");
    IoFreeIrp(a);
    IoFreeIrp(b);
}

/* Armed: the next acquisition of the lock is the cancel routine's for an IRP IoCancelIrp has
 * taken the cancel routine of; IoCsqRemoveNextIrp runs there, in the window before the
 * cancel routine holds the lock (as another processor's could). */
static LONG nest_armed;
static PIRP nested_removed;

static VOID AcquireNesting(PIO_CSQ Csq, PKIRQL Irql)
{
    if (InterlockedExchange(&nest_armed, 0))
        nested_removed = IoCsqRemoveNextIrp(Csq, NULL);
    Acquire(Csq, Irql);
}

/* An IRP whose cancellation has begun is the cancel routine's: IoCsqRemoveNextIrp leaves it
 * and removes the next one (Microsoft: "Cancel-Safe IRP Queues": the queue's cancel logic
 * and the removal routines never both own an IRP). */
TEST(remove_next_skips_an_irp_being_cancelled)
{
    PIRP a = new_irp(NULL), b = new_irp(NULL);
    memset(&q, 0, sizeof(q));
    InitializeListHead(&q.Queue);
    KeInitializeSpinLock(&q.Lock);
    ok_status(
        IoCsqInitialize(&q.Csq, Insert, Remove, Peek, AcquireNesting, Release, CompleteCanceled),
        STATUS_SUCCESS);
    IoCsqInsertIrp(&q.Csq, a, NULL);
    IoCsqInsertIrp(&q.Csq, b, NULL);
    nested_removed = NULL;
    nest_armed = 1;
    ok(IoCancelIrp(a), "the cancel routine ran");
    ok(nested_removed == b, "IoCsqRemoveNextIrp during the cancellation gave %p (b %p)",
       (void *)nested_removed, (void *)b);
    ok(q.Cancelled == 1 && q.LastCancelled == a, "a completed as cancelled: %ld",
       (long)q.Cancelled);
    ok(IoCsqRemoveNextIrp(&q.Csq, NULL) == NULL, "queue not empty");
    IoFreeIrp(a);
    IoFreeIrp(b);
}

TEST(cancelled_before_insert)
{
    PIRP a = new_irp(NULL);
    queue_init(FALSE);
    ok(!IoCancelIrp(a), "no cancel routine yet");
    IoCsqInsertIrp(&q.Csq, a, NULL);
    ok(q.Inserts == 0, "a cancelled IRP was inserted");
    ok(q.Cancelled == 1 && q.LastCancelled == a, "not completed as cancelled");
    ok(IoCsqRemoveNextIrp(&q.Csq, NULL) == NULL, "queue not empty");
    IoFreeIrp(a);
}

TEST(insert_ex_status)
{
    PIRP a = new_irp(NULL), b = new_irp(NULL);
    queue_init(TRUE);
    ok(q.Csq.Type == IO_TYPE_CSQ_EX, "type %lu", (unsigned long)q.Csq.Type);
    ok_status(IoCsqInsertIrpEx(&q.Csq, a, NULL, (PVOID)(ULONG_PTR)(ULONG)STATUS_DEVICE_BUSY),
              STATUS_DEVICE_BUSY);
    ok(a->CancelRoutine == NULL, "refused IRP is cancelable");
    ok_status(IoCsqInsertIrpEx(&q.Csq, b, NULL, NULL), STATUS_SUCCESS);
    ok(IoCsqRemoveNextIrp(&q.Csq, NULL) == b, "b queued");
    IoFreeIrp(a);
    IoFreeIrp(b);
}
