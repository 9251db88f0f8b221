/*
 * wdfsync.c - a framework (KMDF) non-PnP driver exercising synchronization scope and execution
 * level, timers, work items, DPCs, spin locks and wait locks, written against the KMDF 1.33
 * documentation (public headers only). WDFSYNC_MODE selects the constraints (wdfsync_test.h);
 * IOCTL_S_RUN runs one scenario inside EvtIoDeviceControl and answers what it saw.
 */
#include <ntddk.h>
#include <wdf.h>

#include "wdfsync_test.h"

#ifndef WDFSYNC_MODE
#define WDFSYNC_MODE 0
#endif
#define WDFSYNC_STR2(x) L## #x
#define WDFSYNC_STR(x)  WDFSYNC_STR2(x)

typedef struct _SYNC_CONTEXT { /* of timers, work items and DPCs */
    LONG Count;
    LONG Irql;
    LONG Done;
    LONG Release;
    KEVENT Fired;
    KEVENT Go;
} SYNC_CONTEXT;
WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(SYNC_CONTEXT, SyncGetContext)

DRIVER_INITIALIZE DriverEntry;

static WDFDEVICE g_device;
static WDFQUEUE g_queue, g_other;
static WDFSYNC_STATS g_stats;
static LONG g_busy;
static WDFTIMER g_in_io_timer;
static LONG g_cleanups;

static ULONGLONG SyncNowMs(VOID)
{
    return KeQueryInterruptTime() / 10000;
}

static VOID SyncSleepMs(LONG ms)
{
    LARGE_INTEGER t;
    t.QuadPart = -10000LL * ms;
    KeDelayExecutionThread(KernelMode, FALSE, &t);
}

static NTSTATUS SyncWait(PKEVENT event, LONG ms)
{
    LARGE_INTEGER t;
    t.QuadPart = -10000LL * ms;
    return KeWaitForSingleObject(event, Executive, KernelMode, FALSE, &t);
}

/* Spins (any IRQL) until *flag is nonzero or `ms` elapsed; the flag's value. */
static LONG SyncSpin(volatile LONG *flag, ULONG ms)
{
    ULONGLONG end = SyncNowMs() + ms;
    while (InterlockedCompareExchange((LONG *)flag, 0, 0) == 0 && SyncNowMs() < end)
        KeStallExecutionProcessor(100);
    return InterlockedCompareExchange((LONG *)flag, 0, 0);
}

/* Fields other threads write are read atomically. */
static LONG SyncRead(LONG *p)
{
    return InterlockedCompareExchange(p, 0, 0);
}

static VOID SyncMax(ULONG *p, ULONG value)
{
    LONG seen;
    while ((ULONG)(seen = SyncRead((LONG *)p)) < value &&
           InterlockedCompareExchange((LONG *)p, (LONG)value, seen) != seen)
        ;
}

/* A callback records its call, its IRQL, and signals; the number of this call. */
static LONG SyncRecord(WDFOBJECT object)
{
    SYNC_CONTEXT *c = SyncGetContext(object);
    LONG n = InterlockedIncrement(&c->Count);
    InterlockedExchange(&c->Irql, KeGetCurrentIrql());
    KeSetEvent(&c->Fired, IO_NO_INCREMENT, FALSE);
    return n;
}

static EVT_WDF_TIMER SyncTimer;
static VOID SyncTimer(WDFTIMER Timer)
{
    SyncRecord(Timer);
}

/* Busy 50 ms after signalling; Done at the end. */
static EVT_WDF_TIMER SyncSlowTimer;
static VOID SyncSlowTimer(WDFTIMER Timer)
{
    SyncRecord(Timer);
    KeStallExecutionProcessor(50000);
    InterlockedExchange(&SyncGetContext(Timer)->Done, 1);
}

static LONG g_under_lock_calls;

static EVT_WDF_TIMER SyncCountTimer;
static VOID SyncCountTimer(WDFTIMER Timer)
{
    InterlockedIncrement(&g_under_lock_calls);
}

static EVT_WDF_TIMER SyncStopSelfTimer;
static VOID SyncStopSelfTimer(WDFTIMER Timer)
{
    WdfTimerStop(Timer, TRUE); /* Microsoft: do not; it may deadlock */
}

static EVT_WDF_OBJECT_CONTEXT_CLEANUP SyncCleanup;
static VOID SyncCleanup(WDFOBJECT Object)
{
    InterlockedIncrement(&g_cleanups);
}

/* The first call waits (up to 5 s) for Go, so that the test can enqueue it while it runs. */
static EVT_WDF_WORKITEM SyncWork;
static VOID SyncWork(WDFWORKITEM WorkItem)
{
    SYNC_CONTEXT *c = SyncGetContext(WorkItem);
    LONG n = SyncRecord(WorkItem);
    if (n == 1)
        SyncWait(&c->Go, 5000);
    InterlockedExchange(&c->Done, SyncRead(&c->Count));
}

static EVT_WDF_WORKITEM SyncFlushSelfWork;
static VOID SyncFlushSelfWork(WDFWORKITEM WorkItem)
{
    WdfWorkItemFlush(WorkItem);
}

/* The first call spins until Release (at most 3 s). */
static EVT_WDF_DPC SyncDpc;
static VOID SyncDpc(WDFDPC Dpc)
{
    SYNC_CONTEXT *c = SyncGetContext(Dpc);
    if (SyncRecord(Dpc) == 1) {
        InterlockedExchange(&c->Done, 1);
        SyncSpin(&c->Release, 3000);
    }
}

static VOID SyncInitContext(WDFOBJECT object)
{
    SYNC_CONTEXT *c = SyncGetContext(object);
    KeInitializeEvent(&c->Fired, NotificationEvent, FALSE);
    KeInitializeEvent(&c->Go, NotificationEvent, FALSE);
}

static NTSTATUS SyncCreateTimer(PFN_WDF_TIMER fn, ULONG period, BOOLEAN serialize,
                                WDF_EXECUTION_LEVEL level, WDFOBJECT parent, WDFTIMER *timer)
{
    WDF_TIMER_CONFIG config;
    WDF_OBJECT_ATTRIBUTES attributes;
    NTSTATUS status;
    WDF_TIMER_CONFIG_INIT_PERIODIC(&config, fn, (LONG)period);
    config.AutomaticSerialization = serialize;
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attributes, SYNC_CONTEXT);
    attributes.ParentObject = parent;
    attributes.ExecutionLevel = level;
    attributes.EvtCleanupCallback = SyncCleanup;
    status = WdfTimerCreate(&config, &attributes, timer);
    if (NT_SUCCESS(status))
        SyncInitContext(*timer);
    return status;
}

static VOID RunTimerOneShot(LONG *v)
{
    WDFTIMER timer;
    ULONGLONG start;
    SYNC_CONTEXT *c;
    if (!NT_SUCCESS(SyncCreateTimer(SyncTimer, 0, FALSE, WdfExecutionLevelInheritFromParent,
                                    g_device, &timer)))
        return;
    c = SyncGetContext(timer);
    start = SyncNowMs();
    v[0] = WdfTimerStart(timer, WDF_REL_TIMEOUT_IN_MS(30));
    v[1] = WdfTimerStart(timer, WDF_REL_TIMEOUT_IN_MS(30)); /* it is in the queue */
    v[2] = SyncWait(&c->Fired, 5000);
    v[3] = (LONG)(SyncNowMs() - start);
    SyncSleepMs(100);
    v[4] = SyncRead(&c->Count);
    v[5] = SyncRead(&c->Irql);
    v[6] = WdfTimerGetParentObject(timer) == (WDFOBJECT)g_device;
    v[7] = WdfTimerStop(timer, FALSE); /* fired: no longer in the queue */
    WdfObjectDelete(timer);
}

static VOID RunTimerPeriodic(LONG *v)
{
    WDFTIMER timer;
    SYNC_CONTEXT *c;
    ULONGLONG end = SyncNowMs() + 3000;
    if (!NT_SUCCESS(SyncCreateTimer(SyncTimer, 10, FALSE, WdfExecutionLevelInheritFromParent,
                                    g_device, &timer)))
        return;
    c = SyncGetContext(timer);
    WdfTimerStart(timer, WDF_REL_TIMEOUT_IN_MS(10));
    while (SyncRead(&c->Count) < 3 && SyncNowMs() < end)
        SyncSleepMs(5);
    v[0] = SyncRead(&c->Count) >= 3;
    v[1] = WdfTimerStop(timer, TRUE); /* periodic: still in the queue */
    v[2] = SyncRead(&c->Count);
    SyncSleepMs(60);
    v[3] = SyncRead(&c->Count);
    WdfObjectDelete(timer);
}

static VOID RunTimerStopWait(LONG *v)
{
    WDFTIMER timer;
    SYNC_CONTEXT *c;
    if (!NT_SUCCESS(SyncCreateTimer(SyncSlowTimer, 0, FALSE, WdfExecutionLevelInheritFromParent,
                                    g_device, &timer)))
        return;
    c = SyncGetContext(timer);
    WdfTimerStart(timer, WDF_REL_TIMEOUT_IN_MS(1));
    v[0] = SyncWait(&c->Fired, 5000);
    v[1] = WdfTimerStop(timer, TRUE);
    v[2] = SyncRead(&c->Done); /* the running callback finished before WdfTimerStop returned */
    WdfObjectDelete(timer);
}

static VOID RunTimerPassive(LONG *v)
{
    WDFTIMER timer;
    SYNC_CONTEXT *c;
    v[0] = SyncCreateTimer(SyncTimer, 0, FALSE, WdfExecutionLevelPassive, g_device, &timer);
    if (!NT_SUCCESS(v[0]))
        return;
    c = SyncGetContext(timer);
    WdfTimerStart(timer, WDF_REL_TIMEOUT_IN_MS(5));
    v[1] = SyncWait(&c->Fired, 5000);
    v[2] = SyncRead(&c->Irql);
    WdfObjectDelete(timer);
}

static VOID RunCreateErrors(LONG *v)
{
    WDF_TIMER_CONFIG config;
    WDF_OBJECT_ATTRIBUTES attributes;
    WDFOBJECT loose;
    WDFTIMER timer;
    WDFSPINLOCK spin;
    WDF_TIMER_CONFIG_INIT(&config, SyncTimer);
    v[0] = WdfTimerCreate(&config, WDF_NO_OBJECT_ATTRIBUTES, &timer);
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    if (NT_SUCCESS(WdfObjectCreate(WDF_NO_OBJECT_ATTRIBUTES, &loose))) { /* under the driver */
        attributes.ParentObject = loose;
        v[1] = WdfTimerCreate(&config, &attributes, &timer);
        WdfObjectDelete(loose);
    }
    attributes.ParentObject = g_device;
    config.UseHighResolutionTimer = WdfTrue;
    config.TolerableDelay = 10;
    v[2] = WdfTimerCreate(&config, &attributes, &timer);
    WDF_TIMER_CONFIG_INIT_PERIODIC(&config, SyncTimer, 10);
    config.AutomaticSerialization = FALSE;
    attributes.ExecutionLevel = WdfExecutionLevelPassive;
    v[3] = WdfTimerCreate(&config, &attributes, &timer);
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.ParentObject = g_device;
    attributes.SynchronizationScope = WdfSynchronizationScopeQueue;
    v[4] = WdfTimerCreate(&config, &attributes, &timer);
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.ExecutionLevel = WdfExecutionLevelPassive;
    v[5] = WdfSpinLockCreate(&attributes, &spin);
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.ExecutionLevel = WdfExecutionLevelDispatch;
    v[6] = WdfWaitLockCreate(&attributes, (WDFWAITLOCK *)&spin);
}

/* AutomaticSerialization of each kind under the device: the statuses (objects deleted). */
static VOID RunSerialization(LONG *v)
{
    WDF_WORKITEM_CONFIG wconfig;
    WDF_DPC_CONFIG dconfig;
    WDF_OBJECT_ATTRIBUTES attributes;
    WDFOBJECT object;
    v[0] = SyncCreateTimer(SyncTimer, 0, TRUE, WdfExecutionLevelInheritFromParent, g_device,
                           (WDFTIMER *)&object);
    if (NT_SUCCESS(v[0]))
        WdfObjectDelete(object);
    v[1] = SyncCreateTimer(SyncTimer, 0, TRUE, WdfExecutionLevelPassive, g_device,
                           (WDFTIMER *)&object);
    if (NT_SUCCESS(v[1]))
        WdfObjectDelete(object);
    WDF_WORKITEM_CONFIG_INIT(&wconfig, SyncWork);
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.ParentObject = g_device;
    v[2] = WdfWorkItemCreate(&wconfig, &attributes, (WDFWORKITEM *)&object);
    if (NT_SUCCESS(v[2]))
        WdfObjectDelete(object);
    WDF_DPC_CONFIG_INIT(&dconfig, SyncDpc);
    v[3] = WdfDpcCreate(&dconfig, &attributes, (WDFDPC *)&object);
    if (NT_SUCCESS(v[3]))
        WdfObjectDelete(object);
}

/* A periodic timer under a general object under the device: deleting the object stops it. */
static VOID RunDeleteParent(LONG *v)
{
    WDF_OBJECT_ATTRIBUTES attributes;
    WDFOBJECT parent;
    WDFTIMER timer;
    SYNC_CONTEXT *c;
    ULONGLONG end = SyncNowMs() + 3000;
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.ParentObject = g_device;
    if (!NT_SUCCESS(WdfObjectCreate(&attributes, &parent)) ||
        !NT_SUCCESS(SyncCreateTimer(SyncTimer, 5, FALSE, WdfExecutionLevelInheritFromParent, parent,
                                    &timer)))
        return;
    c = SyncGetContext(timer);
    WdfObjectReference(timer); /* keeps the context readable after the deletion */
    WdfTimerStart(timer, WDF_REL_TIMEOUT_IN_MS(5));
    while (SyncRead(&c->Count) < 2 && SyncNowMs() < end)
        SyncSleepMs(5);
    v[0] = SyncRead(&c->Count) >= 2;
    WdfObjectDelete(parent);
    v[1] = SyncRead(&c->Count);
    SyncSleepMs(50);
    v[2] = SyncRead(&c->Count);
    v[3] = SyncRead(&g_cleanups);
    WdfObjectDereference(timer);
}

static VOID RunWorkItem(LONG *v)
{
    WDF_WORKITEM_CONFIG config;
    WDF_OBJECT_ATTRIBUTES attributes;
    WDFWORKITEM work;
    SYNC_CONTEXT *c;
    WDF_WORKITEM_CONFIG_INIT(&config, SyncWork);
    config.AutomaticSerialization = FALSE;
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attributes, SYNC_CONTEXT);
    attributes.ParentObject = g_device;
    v[0] = WdfWorkItemCreate(&config, &attributes, &work);
    if (!NT_SUCCESS(v[0]))
        return;
    SyncInitContext(work);
    c = SyncGetContext(work);
    WdfWorkItemEnqueue(work);
    v[1] = SyncWait(&c->Fired, 5000);
    WdfWorkItemEnqueue(work); /* running: queued again */
    KeSetEvent(&c->Go, IO_NO_INCREMENT, FALSE);
    WdfWorkItemFlush(work);
    v[2] = SyncRead(&c->Done); /* both runs returned before the flush did */
    v[3] = SyncRead(&c->Irql);
    v[4] = WdfWorkItemGetParentObject(work) == (WDFOBJECT)g_device;
    SyncSleepMs(50);
    v[5] = SyncRead(&c->Count);
    WdfObjectDelete(work);
}

static VOID RunDpc(LONG *v)
{
    WDF_DPC_CONFIG config;
    WDF_OBJECT_ATTRIBUTES attributes;
    WDFDPC dpc;
    SYNC_CONTEXT *c;
    WDF_DPC_CONFIG_INIT(&config, SyncDpc);
    config.AutomaticSerialization = FALSE;
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attributes, SYNC_CONTEXT);
    attributes.ParentObject = g_device;
    if (!NT_SUCCESS(WdfDpcCreate(&config, &attributes, &dpc)))
        return;
    SyncInitContext(dpc);
    c = SyncGetContext(dpc);
    v[0] = WdfDpcEnqueue(dpc);
    SyncSpin(&c->Done, 3000);        /* the first run has started */
    v[1] = WdfDpcEnqueue(dpc);       /* running: queued again */
    v[2] = WdfDpcEnqueue(dpc);       /* in the queue: FALSE */
    v[3] = WdfDpcCancel(dpc, FALSE); /* removed from the queue */
    InterlockedExchange(&c->Release, 1);
    v[4] = WdfDpcCancel(dpc, TRUE); /* nothing queued; waits for the running one */
    v[5] = SyncRead(&c->Count);
    v[6] = SyncRead(&c->Irql);
    v[7] = WdfDpcWdmGetDpc(dpc) != NULL && WdfDpcGetParentObject(dpc) == (WDFOBJECT)g_device;
    WdfObjectDelete(dpc);
}

static VOID RunSpinLock(LONG *v)
{
    WDF_OBJECT_ATTRIBUTES attributes;
    WDFSPINLOCK lock;
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.ParentObject = g_device;
    v[0] = WdfSpinLockCreate(&attributes, &lock);
    if (!NT_SUCCESS(v[0]))
        return;
    v[1] = KeGetCurrentIrql();
    WdfSpinLockAcquire(lock);
    v[2] = KeGetCurrentIrql();
    WdfSpinLockRelease(lock);
    v[3] = KeGetCurrentIrql();
    WdfObjectDelete(lock);
}

static VOID RunWaitLock(LONG *v)
{
    WDFWAITLOCK lock;
    LONGLONG zero = 0, twenty = WDF_REL_TIMEOUT_IN_MS(20);
    ULONGLONG start;
    if (!NT_SUCCESS(WdfWaitLockCreate(WDF_NO_OBJECT_ATTRIBUTES, &lock)))
        return;
    v[0] = WdfWaitLockAcquire(lock, NULL);
    v[1] = KeAreApcsDisabled();
    v[2] = WdfWaitLockAcquire(lock, &zero);
    start = SyncNowMs();
    v[3] = WdfWaitLockAcquire(lock, &twenty);
    v[4] = (LONG)(SyncNowMs() - start);
    WdfWaitLockRelease(lock);
    v[5] = KeAreApcsDisabled();
    v[6] = WdfWaitLockAcquire(lock, &zero);
    WdfWaitLockRelease(lock);
    WdfObjectDelete(lock);
}

static VOID RunObjectLock(LONG *v)
{
    WdfObjectAcquireLock(g_device);
    v[0] = KeGetCurrentIrql();
    WdfObjectReleaseLock(g_device);
    v[1] = KeGetCurrentIrql();
    WdfObjectAcquireLock(g_queue);
    v[2] = KeGetCurrentIrql();
    WdfObjectReleaseLock(g_queue);
    v[3] = KeGetCurrentIrql();
}

/* A serialised timer started from EvtIoDeviceControl: under the device's lock it cannot run
 * before the callback returns; under another queue's lock it can. */
static VOID RunTimerInIo(LONG *v)
{
    WDFOBJECT parent = WDFSYNC_MODE == 2 ? (WDFOBJECT)g_other : (WDFOBJECT)g_device;
    if (!NT_SUCCESS(SyncCreateTimer(SyncTimer, 0, TRUE, WdfExecutionLevelInheritFromParent, parent,
                                    &g_in_io_timer)))
        return;
    WdfTimerStart(g_in_io_timer, WDF_REL_TIMEOUT_IN_MS(1));
    v[0] = SyncSpin(&SyncGetContext(g_in_io_timer)->Count, 300);
    v[1] = 1;
}

static VOID RunTimerFired(LONG *v)
{
    if (g_in_io_timer == NULL)
        return;
    v[0] = SyncRead(&SyncGetContext(g_in_io_timer)->Count);
    WdfObjectDelete(g_in_io_timer);
    g_in_io_timer = NULL;
}

/* Mode 3 (passive device lock, held around this callback): a serialised work item cannot
 * start, so it stays queued and the enqueues after the first do nothing. */
static WDFWORKITEM g_serial_work;

static VOID RunWorkItemQueued(LONG *v)
{
    WDF_WORKITEM_CONFIG config;
    WDF_OBJECT_ATTRIBUTES attributes;
    WDF_WORKITEM_CONFIG_INIT(&config, SyncWork); /* AutomaticSerialization */
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attributes, SYNC_CONTEXT);
    attributes.ParentObject = g_device;
    v[0] = WdfWorkItemCreate(&config, &attributes, &g_serial_work);
    if (!NT_SUCCESS(v[0]))
        return;
    SyncInitContext(g_serial_work);
    KeSetEvent(&SyncGetContext(g_serial_work)->Go, IO_NO_INCREMENT, FALSE);
    WdfWorkItemEnqueue(g_serial_work);
    WdfWorkItemEnqueue(g_serial_work);
    WdfWorkItemEnqueue(g_serial_work);
    SyncSleepMs(50);
    v[1] = SyncRead(&SyncGetContext(g_serial_work)->Count); /* 0: it waits for the device's lock */
}

static VOID RunWorkItemCount(LONG *v)
{
    v[0] = g_serial_work != NULL ? SyncRead(&SyncGetContext(g_serial_work)->Count) : -1;
}

/* Mode 1: a periodic serialised timer deleted inside EvtIoDeviceControl (under the device's
 * lock, at DISPATCH_LEVEL), while its DPC waits for that lock: never called after. */
static VOID RunDeleteUnderLock(LONG *v)
{
    WDFTIMER timer;
    v[0] = SyncCreateTimer(SyncCountTimer, 1, TRUE, WdfExecutionLevelInheritFromParent, g_device,
                           &timer);
    if (!NT_SUCCESS(v[0]))
        return;
    WdfTimerStart(timer, WDF_REL_TIMEOUT_IN_MS(1));
    KeStallExecutionProcessor(20000);
    WdfObjectDelete(timer);
    v[1] = SyncRead(&g_under_lock_calls);
}

static VOID RunUnderLockCalls(LONG *v)
{
    v[0] = SyncRead(&g_under_lock_calls);
}

static VOID RunOtherQueueLock(LONG *v)
{
    WdfObjectAcquireLock(g_other); /* its own lock: free while this queue's is held */
    v[0] = 1;
    WdfObjectReleaseLock(g_other);
}

static VOID SyncRunOne(ULONG which, LONG *v)
{
    switch (which) {
    case WDFSYNC_RUN_TIMER_ONESHOT:
        RunTimerOneShot(v);
        break;
    case WDFSYNC_RUN_TIMER_PERIODIC:
        RunTimerPeriodic(v);
        break;
    case WDFSYNC_RUN_TIMER_STOP_WAIT:
        RunTimerStopWait(v);
        break;
    case WDFSYNC_RUN_TIMER_PASSIVE:
        RunTimerPassive(v);
        break;
    case WDFSYNC_RUN_CREATE_ERRORS:
        RunCreateErrors(v);
        break;
    case WDFSYNC_RUN_SERIALIZATION:
        RunSerialization(v);
        break;
    case WDFSYNC_RUN_DELETE_PARENT:
        RunDeleteParent(v);
        break;
    case WDFSYNC_RUN_WORKITEM:
        RunWorkItem(v);
        break;
    case WDFSYNC_RUN_DPC:
        RunDpc(v);
        break;
    case WDFSYNC_RUN_SPINLOCK:
        RunSpinLock(v);
        break;
    case WDFSYNC_RUN_WAITLOCK:
        RunWaitLock(v);
        break;
    case WDFSYNC_RUN_OBJECT_LOCK:
        RunObjectLock(v);
        break;
    case WDFSYNC_RUN_TIMER_IN_IO:
        RunTimerInIo(v);
        break;
    case WDFSYNC_RUN_TIMER_FIRED:
        RunTimerFired(v);
        break;
    case WDFSYNC_RUN_OTHER_QUEUE_LOCK:
        RunOtherQueueLock(v);
        break;
    case WDFSYNC_RUN_WORKITEM_QUEUED:
        RunWorkItemQueued(v);
        break;
    case WDFSYNC_RUN_DELETE_UNDER_LOCK:
        RunDeleteUnderLock(v);
        break;
    case WDFSYNC_RUN_UNDER_LOCK_CALLS:
        RunUnderLockCalls(v);
        break;
    case WDFSYNC_RUN_WORKITEM_COUNT:
        RunWorkItemCount(v);
        break;
    }
}

static VOID SyncRun(WDFREQUEST Request)
{
    ULONG *which, what;
    WDFSYNC_RESULT *out;
    NTSTATUS status = WdfRequestRetrieveInputBuffer(Request, sizeof(*which), (PVOID *)&which, NULL);
    if (NT_SUCCESS(status))
        status = WdfRequestRetrieveOutputBuffer(Request, sizeof(*out), (PVOID *)&out, NULL);
    if (!NT_SUCCESS(status)) {
        WdfRequestComplete(Request, status);
        return;
    }
    what = *which; /* METHOD_BUFFERED: the output overwrites the input */
    RtlFillMemory(out, sizeof(*out), 0xEE);
    SyncRunOne(what, out->Values);
    WdfRequestCompleteWithInformation(Request, STATUS_SUCCESS, sizeof(*out));
}

/* Takes the lock of its parent, which AutomaticSerialization holds around it already. */
static EVT_WDF_DPC SyncLockParentDpc;
static VOID SyncLockParentDpc(WDFDPC Dpc)
{
    WdfObjectAcquireLock(WdfDpcGetParentObject(Dpc));
}

/* Mode 2: a serialised DPC of the other queue (whose lock this callback does not hold) that
 * takes that queue's lock again. */
static VOID SyncMisuseDpc(VOID)
{
    WDF_DPC_CONFIG config;
    WDF_OBJECT_ATTRIBUTES attributes;
    WDFDPC dpc;
    LONG never = 0;
    WDF_DPC_CONFIG_INIT(&config, SyncLockParentDpc); /* AutomaticSerialization TRUE */
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.ParentObject = g_other;
    if (NT_SUCCESS(WdfDpcCreate(&config, &attributes, &dpc))) {
        WdfDpcEnqueue(dpc);
        SyncSpin(&never, 5000); /* the bug check comes first */
    }
}

static VOID SyncMisuseTimer(PFN_WDF_TIMER fn, WDF_EXECUTION_LEVEL level)
{
    WDFTIMER timer;
    if (NT_SUCCESS(SyncCreateTimer(fn, 0, FALSE, level, g_device, &timer))) {
        WdfTimerStart(timer, WDF_REL_TIMEOUT_IN_MS(1));
        SyncSleepMs(5000); /* the bug check comes first */
    }
}

static VOID SyncMisuse(ULONG what)
{
    WDF_WORKITEM_CONFIG config;
    WDF_OBJECT_ATTRIBUTES attributes;
    WDFSPINLOCK spin;
    WDFWAITLOCK wait;
    WDFWORKITEM work;
    KIRQL irql;
    WdfSpinLockCreate(WDF_NO_OBJECT_ATTRIBUTES, &spin);
    switch (what) {
    case WDFSYNC_MISUSE_SPIN_RELEASE_UNHELD:
        WdfSpinLockRelease(spin);
        break;
    case WDFSYNC_MISUSE_SPIN_RECURSIVE:
        WdfSpinLockAcquire(spin);
        WdfSpinLockAcquire(spin);
        break;
    case WDFSYNC_MISUSE_SPIN_ABOVE_DISPATCH:
        KeRaiseIrql(HIGH_LEVEL, &irql);
        WdfSpinLockAcquire(spin);
        break;
    case WDFSYNC_MISUSE_OBJLOCK_NO_LOCK:
        WdfObjectAcquireLock(spin);
        break;
    case WDFSYNC_MISUSE_OBJLOCK_RELEASE:
        WdfObjectReleaseLock(g_device);
        break;
    case WDFSYNC_MISUSE_OBJLOCK_RECURSIVE: /* mode 1: the framework holds it around this call */
        WdfObjectAcquireLock(g_device);
        break;
    case WDFSYNC_MISUSE_TIMER_STOP_IN_PASSIVE:
        SyncMisuseTimer(SyncStopSelfTimer, WdfExecutionLevelPassive);
        break;
    case WDFSYNC_MISUSE_TIMER_STOP_IN_DPC:
        SyncMisuseTimer(SyncStopSelfTimer, WdfExecutionLevelInheritFromParent);
        break;
    case WDFSYNC_MISUSE_WORKITEM_FLUSH_SELF:
        WDF_WORKITEM_CONFIG_INIT(&config, SyncFlushSelfWork);
        config.AutomaticSerialization = FALSE;
        WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
        attributes.ParentObject = g_device;
        if (NT_SUCCESS(WdfWorkItemCreate(&config, &attributes, &work))) {
            WdfWorkItemEnqueue(work);
            SyncSleepMs(5000);
        }
        break;
    case WDFSYNC_MISUSE_OBJLOCK_IN_DPC:
        SyncMisuseDpc();
        break;
    case WDFSYNC_MISUSE_WAITLOCK_AT_DISPATCH:
        if (NT_SUCCESS(WdfWaitLockCreate(WDF_NO_OBJECT_ATTRIBUTES, &wait))) {
            KeRaiseIrql(DISPATCH_LEVEL, &irql);
            WdfWaitLockAcquire(wait, NULL);
        }
        break;
    }
}

static EVT_WDF_IO_QUEUE_IO_DEVICE_CONTROL SyncDeviceControl;
static VOID SyncDeviceControl(WDFQUEUE Queue, WDFREQUEST Request, size_t OutputBufferLength,
                              size_t InputBufferLength, ULONG IoControlCode)
{
    WDFSYNC_STATS *stats;
    ULONG *what;
    LONG busy;
    switch (IoControlCode) {
    case IOCTL_S_SLOW:
        busy = InterlockedIncrement(&g_busy);
        SyncMax(&g_stats.MaxBusy, (ULONG)busy);
        SyncMax(&g_stats.MaxIrql, KeGetCurrentIrql());
        InterlockedIncrement((LONG *)&g_stats.Calls);
        KeStallExecutionProcessor(30000);
        InterlockedDecrement(&g_busy);
        WdfRequestComplete(Request, STATUS_SUCCESS);
        return;
    case IOCTL_S_STATS:
        if (NT_SUCCESS(
                WdfRequestRetrieveOutputBuffer(Request, sizeof(*stats), (PVOID *)&stats, NULL))) {
            stats->MaxBusy = (ULONG)SyncRead((LONG *)&g_stats.MaxBusy);
            stats->MaxIrql = (ULONG)SyncRead((LONG *)&g_stats.MaxIrql);
            stats->Calls = (ULONG)SyncRead((LONG *)&g_stats.Calls);
            WdfRequestCompleteWithInformation(Request, STATUS_SUCCESS, sizeof(*stats));
            return;
        }
        break;
    case IOCTL_S_RUN:
        SyncRun(Request);
        return;
    case IOCTL_S_MISUSE:
        if (NT_SUCCESS(WdfRequestRetrieveInputBuffer(Request, sizeof(*what), (PVOID *)&what, NULL)))
            SyncMisuse(*what);
        break;
    }
    WdfRequestComplete(Request, STATUS_INVALID_DEVICE_REQUEST);
}

static VOID SyncQueueAttributes(PWDF_OBJECT_ATTRIBUTES attributes)
{
    WDF_OBJECT_ATTRIBUTES_INIT(attributes);
    if (WDFSYNC_MODE == 2)
        attributes->SynchronizationScope = WdfSynchronizationScopeQueue;
}

static NTSTATUS SyncCreateQueues(VOID)
{
    WDF_IO_QUEUE_CONFIG config;
    WDF_OBJECT_ATTRIBUTES attributes;
    NTSTATUS status;
    WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(&config, WdfIoQueueDispatchParallel);
    config.EvtIoDeviceControl = SyncDeviceControl;
    SyncQueueAttributes(&attributes);
    status = WdfIoQueueCreate(g_device, &config, &attributes, &g_queue);
    if (!NT_SUCCESS(status))
        return status;
    WDF_IO_QUEUE_CONFIG_INIT(&config, WdfIoQueueDispatchParallel);
    config.EvtIoDeviceControl = SyncDeviceControl;
    SyncQueueAttributes(&attributes);
    return WdfIoQueueCreate(g_device, &config, &attributes, &g_other);
}

static NTSTATUS SyncCreateDevice(WDFDRIVER Driver)
{
    DECLARE_CONST_UNICODE_STRING(sddl, L"D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GRGW;;;WD)");
    DECLARE_CONST_UNICODE_STRING(name, L"\\Device\\WdfSync" WDFSYNC_STR(WDFSYNC_MODE));
    DECLARE_CONST_UNICODE_STRING(link, L"\\??\\WdfSync" WDFSYNC_STR(WDFSYNC_MODE));
    WDF_OBJECT_ATTRIBUTES attributes;
    PWDFDEVICE_INIT init = WdfControlDeviceInitAllocate(Driver, &sddl);
    NTSTATUS status;
    if (init == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    status = WdfDeviceInitAssignName(init, &name);
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    if (WDFSYNC_MODE == 1 || WDFSYNC_MODE == 3)
        attributes.SynchronizationScope = WdfSynchronizationScopeDevice;
    if (WDFSYNC_MODE == 3 || WDFSYNC_MODE == 4)
        attributes.ExecutionLevel = WdfExecutionLevelPassive;
    if (NT_SUCCESS(status))
        status = WdfDeviceCreate(&init, &attributes, &g_device);
    if (!NT_SUCCESS(status)) {
        WdfDeviceInitFree(init);
        return status;
    }
    status = WdfDeviceCreateSymbolicLink(g_device, &link);
    if (NT_SUCCESS(status))
        status = SyncCreateQueues();
    if (NT_SUCCESS(status))
        WdfControlFinishInitializing(g_device);
    return status;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WDF_DRIVER_CONFIG config;
    WDFDRIVER driver;
    NTSTATUS status;
    WDF_DRIVER_CONFIG_INIT(&config, WDF_NO_EVENT_CALLBACK);
    config.DriverInitFlags |= WdfDriverInitNonPnpDriver;
    status =
        WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config, &driver);
    if (!NT_SUCCESS(status))
        return status;
    return SyncCreateDevice(driver);
}
