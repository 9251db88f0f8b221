/*
 * dpc.c - deferred procedure calls: one DPC thread per emulated processor, each with its own
 * FIFO queue (HighImportance DPCs go to the head), running DPC routines at DISPATCH_LEVEL.
 *
 * Locking: each queue has a mutex guarding its list, `running` and `stop`. KDPC.DpcData is the
 * queue the DPC sits in (NULL: not queued); it is written only under that queue's lock, with
 * atomic stores so that KeRemoveQueueDpc may read it first to find the queue.
 *
 * Deviations: a threaded DPC (KeInitializeThreadedDpc) runs like an ordinary DPC, at
 * DISPATCH_LEVEL on the DPC thread; Windows runs it at PASSIVE_LEVEL when threaded DPCs are
 * enabled, but its routine must be correct at DISPATCH_LEVEL too (threaded DPCs can be
 * disabled), so this is the stricter of the two documented behaviours.
 * KDPC.Number holds our own encoding: 0 = no target set, else target processor + 1.
 */
#include "ke/ke_private.h"
#include "vf/vf.h"

#include <stdio.h>
#include <stdlib.h>

struct dpc_queue {
    os_mutex lock;
    os_cond work; /* DPC thread: something queued or stop */
    os_cond idle; /* KeFlushQueuedDpcs: queue empty and nothing running */
    PKDPC head, tail;
    unsigned running;
    uint64_t ran; /* DPC routines run (under lock): ke_dpc_runs */
    BOOLEAN stop;
    ULONG number;
    char name[16];
    os_thread thread;
};

static struct dpc_queue *queues;
static unsigned queue_count;

static void queue_push(struct dpc_queue *q, PKDPC dpc)
{
    dpc->DpcListEntry.Next = NULL;
    if (q->head == NULL) {
        q->head = q->tail = dpc;
    } else if (dpc->Importance == HighImportance) {
        dpc->DpcListEntry.Next = &q->head->DpcListEntry;
        q->head = dpc;
    } else {
        q->tail->DpcListEntry.Next = &dpc->DpcListEntry;
        q->tail = dpc;
    }
}

static PKDPC dpc_of(PSINGLE_LIST_ENTRY e)
{
    return e != NULL ? CONTAINING_RECORD(e, KDPC, DpcListEntry) : NULL;
}

static BOOLEAN queue_remove(struct dpc_queue *q, PKDPC dpc)
{
    PKDPC prev = NULL;
    for (PKDPC d = q->head; d != NULL; prev = d, d = dpc_of(d->DpcListEntry.Next)) {
        if (d != dpc)
            continue;
        if (prev == NULL)
            q->head = dpc_of(d->DpcListEntry.Next);
        else
            prev->DpcListEntry.Next = d->DpcListEntry.Next;
        if (q->tail == d)
            q->tail = prev;
        return TRUE;
    }
    return FALSE;
}

/* A DPC routine (timer DPCs included) must return at DISPATCH_LEVEL: IRQL_UNEXPECTED_VALUE
 * (0xC8), parameter 1 = current << 16 | expected << 8 | unique value 2, parameters 2-4 zero.
 * The bug-check pages document no code for a DPC returning at another IRQL; 0xC8 is "the IRQL
 * is not what it should be at this time". The report names the driver and the routine. */
static void dpc_call(PKDPC dpc, PKDEFERRED_ROUTINE routine, PVOID context, PVOID a1, PVOID a2)
{
    struct ke_thread *t = ke_current_thread();
    ke_state(t)->in_dpc = TRUE;
    routine(dpc, context, a1, a2);
    ke_state(t)->in_dpc = FALSE;
    if (ke_irql() != DISPATCH_LEVEL)
        ke_bugcheck_routine(BUGCODE_IRQL_UNEXPECTED_VALUE,
                            ((ULONG_PTR)ke_irql() << 16) | (DISPATCH_LEVEL << 8) | 2, 0, 0, 0,
                            (const void *)routine, "DPC routine %p returned at IRQL %u",
                            (void *)routine, ke_irql());
}

/* Takes the head DPC (queue locked), runs it unlocked. The KDPC may be queued again or freed
 * by its routine, so its fields are copied before DpcData is cleared. */
static void queue_run_one(struct dpc_queue *q)
{
    PKDPC dpc = q->head;
    q->head = dpc_of(dpc->DpcListEntry.Next);
    if (q->head == NULL)
        q->tail = NULL;
    PKDEFERRED_ROUTINE routine = dpc->DeferredRoutine;
    PVOID context = dpc->DeferredContext, a1 = dpc->SystemArgument1, a2 = dpc->SystemArgument2;
    __atomic_store_n(&dpc->DpcData, NULL, __ATOMIC_RELEASE);
    q->running++;
    os_mutex_unlock(&q->lock);
    dpc_call(dpc, routine, context, a1, a2);
    os_mutex_lock(&q->lock);
    q->ran++;
    if (--q->running == 0)
        os_cond_broadcast(&q->idle); /* ke_dpc_wait_running */
}

/* Drains the queue before it stops, so that no queued DPC is dropped silently. */
static void *dpc_thread(void *arg)
{
    struct dpc_queue *q = arg;
    ke_thread_set_kind(q->name, TRUE, TRUE, q->number);
    ke_tls_irql = DISPATCH_LEVEL;
    os_mutex_lock(&q->lock);
    for (;;) {
        if (q->head != NULL) {
            queue_run_one(q);
            continue;
        }
        os_cond_broadcast(&q->idle);
        if (q->stop)
            break;
        os_cond_wait(&q->work, &q->lock);
    }
    os_mutex_unlock(&q->lock);
    ke_tls_irql = PASSIVE_LEVEL;
    return NULL;
}

static void queue_init(struct dpc_queue *q, ULONG number)
{
    os_mutex_init(&q->lock);
    os_cond_init(&q->work);
    os_cond_init(&q->idle);
    q->number = number;
    snprintf(q->name, sizeof(q->name), "dpc%u", (unsigned)number);
}

static void queue_destroy(struct dpc_queue *q)
{
    os_cond_destroy(&q->idle);
    os_cond_destroy(&q->work);
    os_mutex_destroy(&q->lock);
}

static void queue_stop(struct dpc_queue *q)
{
    os_mutex_lock(&q->lock);
    q->stop = TRUE;
    os_cond_signal(&q->work);
    os_mutex_unlock(&q->lock);
    os_thread_join(&q->thread);
}

static void queues_free(unsigned started)
{
    for (unsigned i = 0; i < started; i++)
        queue_stop(&queues[i]);
    for (unsigned i = 0; i < queue_count; i++)
        queue_destroy(&queues[i]);
    free(queues);
    queues = NULL;
    queue_count = 0;
}

/* Every queue exists before the first DPC thread starts, so a DPC routine may target any. */
NTSTATUS ke_dpc_start(unsigned processors)
{
    queues = calloc(processors, sizeof(*queues));
    if (queues == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    for (unsigned i = 0; i < processors; i++)
        queue_init(&queues[i], i);
    queue_count = processors;
    for (unsigned i = 0; i < processors; i++) {
        struct dpc_queue *q = &queues[i];
        if (os_thread_create(&q->thread, dpc_thread, q, q->name) != 0) {
            queues_free(i);
            return STATUS_INSUFFICIENT_RESOURCES;
        }
    }
    return STATUS_SUCCESS;
}

void ke_dpc_stop(void)
{
    queues_free(queue_count);
}

/* ---- DDIs ------------------------------------------------------------------------------- */

static void dpc_init(PRKDPC Dpc, UCHAR type, PKDEFERRED_ROUTINE routine, PVOID context)
{
    Dpc->TargetInfoAsUlong = 0;
    Dpc->Type = type;
    Dpc->Importance = MediumImportance;
    Dpc->Number = 0;
    Dpc->DpcListEntry.Next = NULL;
    Dpc->ProcessorHistory = 0;
    Dpc->DeferredRoutine = routine;
    Dpc->DeferredContext = context;
    Dpc->SystemArgument1 = Dpc->SystemArgument2 = NULL;
    Dpc->DpcData = NULL;
}

VOID KeInitializeDpc(PRKDPC Dpc, PKDEFERRED_ROUTINE DeferredRoutine, PVOID DeferredContext)
{
    dpc_init(Dpc, DpcObject, DeferredRoutine, DeferredContext);
}

VOID KeInitializeThreadedDpc(PRKDPC Dpc, PKDEFERRED_ROUTINE DeferredRoutine, PVOID DeferredContext)
{
    dpc_init(Dpc, ThreadedDpcObject, DeferredRoutine, DeferredContext);
}

static struct dpc_queue *dpc_target(PRKDPC Dpc)
{
    USHORT number = Dpc->Number;
    ULONG cpu = number != 0 ? (ULONG)(number - 1) : ke_state(ke_current_thread())->processor;
    return &queues[cpu % queue_count];
}

/* Before ke_init or after ke_shutdown there is no DPC thread to run it: the DPC is refused
 * (FALSE) rather than left in a queue nobody drains. */
BOOLEAN KeInsertQueueDpc(PRKDPC Dpc, PVOID SystemArgument1, PVOID SystemArgument2)
{
    if (queue_count == 0)
        return FALSE;
    struct dpc_queue *q = dpc_target(Dpc);
    PVOID expected = NULL;
    os_mutex_lock(&q->lock);
    if (!__atomic_compare_exchange_n(&Dpc->DpcData, &expected, (PVOID)q, false, __ATOMIC_ACQ_REL,
                                     __ATOMIC_ACQUIRE)) {
        os_mutex_unlock(&q->lock);
        return FALSE;
    }
    Dpc->SystemArgument1 = SystemArgument1;
    Dpc->SystemArgument2 = SystemArgument2;
    queue_push(q, Dpc);
    os_cond_signal(&q->work);
    os_mutex_unlock(&q->lock);
    return TRUE;
}

BOOLEAN KeRemoveQueueDpc(PRKDPC Dpc)
{
    struct dpc_queue *q = __atomic_load_n(&Dpc->DpcData, __ATOMIC_ACQUIRE);
    BOOLEAN removed = FALSE;
    if (q == NULL)
        return FALSE;
    os_mutex_lock(&q->lock);
    if (__atomic_load_n(&Dpc->DpcData, __ATOMIC_RELAXED) == q && queue_remove(q, Dpc)) {
        __atomic_store_n(&Dpc->DpcData, NULL, __ATOMIC_RELEASE);
        removed = TRUE;
    }
    os_mutex_unlock(&q->lock);
    return removed;
}

VOID KeSetImportanceDpc(PRKDPC Dpc, KDPC_IMPORTANCE Importance)
{
    Dpc->Importance = (UCHAR)Importance;
}

VOID KeSetTargetProcessorDpc(PRKDPC Dpc, CCHAR Number)
{
    Dpc->Number = (USHORT)((UCHAR)Number + 1);
}

/* Waits until every queue is empty and no DPC routine runs. Only at PASSIVE_LEVEL (a DPC
 * flushing its own queue would wait for itself): IRQL_NOT_LESS_OR_EQUAL otherwise. */
VOID KeFlushQueuedDpcs(VOID)
{
    vf_check_irql_at_most(PASSIVE_LEVEL, "KeFlushQueuedDpcs", NULL, __builtin_return_address(0));
    ke_dpc_flush();
}

void ke_dpc_flush(void)
{
    for (unsigned i = 0; i < queue_count; i++) {
        struct dpc_queue *q = &queues[i];
        os_mutex_lock(&q->lock);
        while (q->head != NULL || q->running != 0)
            os_cond_wait(&q->idle, &q->lock);
        os_mutex_unlock(&q->lock);
    }
}

/* Waits until no DPC routine is running (queued ones may stay queued), at PASSIVE_LEVEL only:
 * the unload of a driver starts after the DPCs running at that moment return. On Windows the
 * DPC that completed a driver's last request finishes within microseconds at DISPATCH_LEVEL,
 * long before the requester has closed its handle and the service is stopped; a DPC thread here
 * can be descheduled by the host for milliseconds in between (general/cancel/startio reads its
 * freed device extension after IoCompleteRequest). */
void ke_dpc_wait_running(void)
{
    if (KeGetCurrentIrql() != PASSIVE_LEVEL)
        return;
    for (unsigned i = 0; i < queue_count; i++) {
        struct dpc_queue *q = &queues[i];
        os_mutex_lock(&q->lock);
        while (q->running != 0)
            os_cond_wait(&q->idle, &q->lock);
        os_mutex_unlock(&q->lock);
    }
}

uint64_t ke_dpc_runs(void)
{
    uint64_t total = 0;
    for (unsigned i = 0; i < queue_count; i++) {
        os_mutex_lock(&queues[i].lock);
        total += queues[i].ran;
        os_mutex_unlock(&queues[i].lock);
    }
    return total;
}
