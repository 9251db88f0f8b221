/*
 * worker.c - the system worker threads: ExQueueWorkItem for drivers, ex_queue_work for the
 * runtime (the I/O manager's IoQueueWorkItem goes through it), ex_flush_work, and the layer's
 * start and stop (ex_init, ex_shutdown).
 *
 * One FIFO queue, served by EX_WORKERS threads, all queue types alike (Windows runs critical,
 * delayed and other queues at different priorities; priorities mean little to host threads).
 * Items are linked through WORK_QUEUE_ITEM.List, as on Windows, so queuing allocates nothing
 * and may happen at DISPATCH_LEVEL. A runtime item is a WORK_QUEUE_ITEM inside a small block
 * that the trampoline frees before calling the routine.
 *
 * Lifetime: a worker copies WorkerRoutine and Parameter out of the item before calling the
 * routine and never touches the item afterwards: the routine may free it (documented).
 *
 * Locking: ex_work_lock protects the queue, `pending` (queued + running) and `stopping`.
 * ex_flush_work waits on ex_work_idle until pending is 0. It must not be called from a work
 * item (it would wait for itself).
 *
 * After each routine the worker checks what Windows checks: IRQL back at PASSIVE_LEVEL, else
 * WORKER_THREAD_RETURNED_AT_BAD_IRQL 0xE1 (routine, IRQL, parameter, item) -- the page speaks of
 * IRQL >= DISPATCH_LEVEL, drvhost stops APC_LEVEL too; and no critical region left open, else
 * KERNEL_APC_PENDING_DURING_EXIT 0x20 (0, APC disable count, IRQL), the documented code for a
 * thread leaving with APCs disabled.
 */
#include "ex/ex_private.h"
#include "vf/vf.h"

#define EX_WORKERS 2

static os_mutex ex_work_lock = OS_MUTEX_INIT;
static os_cond ex_work_ready, ex_work_idle;
static LIST_ENTRY ex_work_queue = {&ex_work_queue, &ex_work_queue};
static size_t ex_work_pending;
static uint64_t ex_work_ran; /* work routines run (under ex_work_lock): ex_work_runs */
static BOOLEAN ex_work_stopping;
static os_thread ex_workers[EX_WORKERS];
static unsigned ex_workers_running;

struct ex_work {
    WORK_QUEUE_ITEM item;
    void (*routine)(void *);
    void *context;
};

static void ex_work_insert(PWORK_QUEUE_ITEM item)
{
    os_mutex_lock(&ex_work_lock);
    InsertTailList(&ex_work_queue, &item->List);
    ex_work_pending++;
    os_cond_signal(&ex_work_ready);
    os_mutex_unlock(&ex_work_lock);
}

/* Checks the state a work routine left its thread in (see the file comment). */
void ex_work_check_return(PVOID routine, PVOID parameter, PVOID item)
{
    KIRQL irql = ke_irql();
    LONG region = ke_current_thread()->critical_region;
    if (irql != PASSIVE_LEVEL)
        ke_bugcheck_routine(BUGCODE_WORKER_THREAD_RETURNED_AT_BAD_IRQL, (ULONG_PTR)routine, irql,
                            (ULONG_PTR)parameter, (ULONG_PTR)item, routine,
                            "work routine %p returned at IRQL %u", routine, irql);
    if (region != 0)
        ke_bugcheck_routine(BUGCODE_KERNEL_APC_PENDING_DURING_EXIT, 0,
                            (ULONG_PTR) - (LONG_PTR)region, irql, 0, routine,
                            "work routine %p returned inside a critical region (depth %d)", routine,
                            (int)region);
}

/* A runtime item: frees its wrapper, then runs and checks the runtime's routine (so that a bug
 * check names that routine rather than the trampoline). */
static VOID ex_work_trampoline(PVOID parameter)
{
    struct ex_work *w = parameter;
    void (*routine)(void *) = w->routine;
    void *context = w->context;
    ex_free(w);
    routine(context);
    ex_work_check_return((PVOID)routine, context, NULL);
}

static void ex_work_run_one(PWORK_QUEUE_ITEM item)
{
    PWORKER_THREAD_ROUTINE routine = item->WorkerRoutine;
    PVOID parameter = item->Parameter;
    routine(parameter);
    ex_work_check_return((PVOID)routine, parameter, item);
}

static void *ex_worker_main(void *arg)
{
    static const char *const names[EX_WORKERS] = {"worker0", "worker1"};
    ULONG n = (ULONG)(uintptr_t)arg;
    ke_thread_set_kind(names[n], TRUE, FALSE, n);
    os_mutex_lock(&ex_work_lock);
    for (;;) {
        PWORK_QUEUE_ITEM item;
        while (IsListEmpty(&ex_work_queue) && !ex_work_stopping)
            os_cond_wait(&ex_work_ready, &ex_work_lock);
        if (IsListEmpty(&ex_work_queue))
            break; /* stopping and drained */
        item = CONTAINING_RECORD(RemoveHeadList(&ex_work_queue), WORK_QUEUE_ITEM, List);
        os_mutex_unlock(&ex_work_lock);
        ex_work_run_one(item);
        os_mutex_lock(&ex_work_lock);
        ex_work_ran++;
        if (--ex_work_pending == 0)
            os_cond_broadcast(&ex_work_idle);
    }
    os_mutex_unlock(&ex_work_lock);
    ke_thread_exit(STATUS_SUCCESS);
    return NULL;
}

void ex_queue_work(void (*routine)(void *), void *context)
{
    struct ex_work *w = ex_alloc(sizeof(*w), 'krWE');
    if (w == NULL)
        ke_bugcheck_msg(
            BUGCODE_KMODE_EXCEPTION_NOT_HANDLED, (ULONG_PTR)(ULONG)STATUS_INSUFFICIENT_RESOURCES,
            (ULONG_PTR)__builtin_return_address(0), 0, 0, "no memory to queue a runtime work item");
    w->routine = routine;
    w->context = context;
    w->item.WorkerRoutine = ex_work_trampoline;
    w->item.Parameter = w;
    ex_work_insert(&w->item);
}

uint64_t ex_work_runs(void)
{
    uint64_t ran;
    os_mutex_lock(&ex_work_lock);
    ran = ex_work_ran;
    os_mutex_unlock(&ex_work_lock);
    return ran;
}

void ex_flush_work(void)
{
    os_mutex_lock(&ex_work_lock);
    while (ex_work_pending != 0)
        os_cond_wait(&ex_work_idle, &ex_work_lock);
    os_mutex_unlock(&ex_work_lock);
}

NTKERNELAPI VOID NTAPI ExQueueWorkItem(PWORK_QUEUE_ITEM WorkItem, WORK_QUEUE_TYPE QueueType)
{
    (void)QueueType; /* one queue for all types (see above) */
    vf_check_irql_at_most(DISPATCH_LEVEL, "ExQueueWorkItem", WorkItem, __builtin_return_address(0));
    ex_work_insert(WorkItem);
}

NTSTATUS ex_worker_init(void)
{
    os_cond_init(&ex_work_ready);
    os_cond_init(&ex_work_idle);
    ex_work_stopping = FALSE;
    ex_work_pending = 0;
    for (ex_workers_running = 0; ex_workers_running < EX_WORKERS; ex_workers_running++) {
        if (os_thread_create(&ex_workers[ex_workers_running], ex_worker_main,
                             (void *)(uintptr_t)ex_workers_running, "drvhost-worker") != 0) {
            ex_worker_shutdown();
            return STATUS_INSUFFICIENT_RESOURCES;
        }
    }
    return STATUS_SUCCESS;
}

/* Drains the queue (the workers run what is queued, then see `stopping`), then joins. */
void ex_worker_shutdown(void)
{
    os_mutex_lock(&ex_work_lock);
    ex_work_stopping = TRUE;
    os_cond_broadcast(&ex_work_ready);
    os_mutex_unlock(&ex_work_lock);
    for (unsigned i = 0; i < ex_workers_running; i++)
        os_thread_join(&ex_workers[i]);
    ex_workers_running = 0;
    os_cond_destroy(&ex_work_ready);
    os_cond_destroy(&ex_work_idle);
}
