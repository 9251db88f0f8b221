/*
 * timer.c - framework timers (WdfTimerCreate, Start, Stop, GetParentObject) over a KTIMER and
 * its KDPC. The DPC calls EvtTimerFunc at DISPATCH_LEVEL; a passive-level timer (attributes
 * with WdfExecutionLevelPassive) has its DPC queue an I/O work item on the parent device that
 * calls it at PASSIVE_LEVEL. With AutomaticSerialization the callback runs under the lock of
 * the parent queue or device (sync.c).
 *
 * Lifetime: deleting the timer (or its parent) cancels it and waits for its callbacks in
 * flight, on a worker thread when the deleting thread cannot wait (wdf_flush_at_cleanup); the
 * timer keeps a reference until then. `deleting` stops a callback that was already on its way
 * from calling the driver.
 */
#include <stdlib.h>

#include "ke/ke.h"
#include "rtl/rtl.h"
#include "vf/vf.h"
#include "wdf/wdf_private.h"

struct wdf_timer {
    struct wdf_object obj;
    WDF_TIMER_CONFIG config;
    struct wdf_object *sync; /* the lock serialising the callback, NULL: none */
    BOOLEAN passive;
    LONG deleting;     /* atomic */
    LONG work_queued;  /* atomic: the passive timer's work item is queued */
    PIO_WORKITEM work; /* passive timers */
    KTIMER timer;
    KDPC dpc;
    struct wdf_gate gate; /* work items queued or running; the callback's thread */
};

static struct wdf_timer *wdf_timer_of(struct wdf_object *o)
{
    return CONTAINING_RECORD(o, struct wdf_timer, obj);
}

static void wdf_timer_call(void *context)
{
    struct wdf_timer *t = context;
    if (t->config.EvtTimerFunc != NULL && !__atomic_load_n(&t->deleting, __ATOMIC_ACQUIRE))
        t->config.EvtTimerFunc((WDFTIMER)t);
}

/* The callback, with a reference so that deleting the timer from it keeps its memory. */
static void wdf_timer_fire(struct wdf_timer *t)
{
    wdf_object_reference(&t->obj);
    wdf_gate_run(&t->gate, t->sync, wdf_timer_call, t);
    wdf_object_release(&t->obj);
}

static VOID wdf_timer_work(PDEVICE_OBJECT device, PVOID context)
{
    struct wdf_timer *t = context;
    (void)device;
    __atomic_store_n(&t->work_queued, 0, __ATOMIC_RELEASE);
    wdf_timer_fire(t);
    wdf_gate_leave(&t->gate);
}

static VOID wdf_timer_dpc(PKDPC dpc, PVOID context, PVOID arg1, PVOID arg2)
{
    struct wdf_timer *t = context;
    (void)dpc, (void)arg1, (void)arg2;
    if (!t->passive) {
        wdf_timer_fire(t);
        return;
    }
    if (__atomic_exchange_n(&t->work_queued, 1, __ATOMIC_ACQ_REL))
        return; /* the previous expiry's callback has not started yet */
    wdf_gate_enter(&t->gate);
    IoQueueWorkItem(t->work, wdf_timer_work, DelayedWorkQueue, t);
}

/* Stops the timer and waits for what is in flight (PASSIVE_LEVEL, not from the callback). */
static void wdf_timer_flush(struct wdf_object *o)
{
    struct wdf_timer *t = wdf_timer_of(o);
    KeCancelTimer(&t->timer);
    KeFlushQueuedDpcs();
    wdf_gate_wait(&t->gate);
}

static void wdf_timer_cleanup(struct wdf_object *o)
{
    struct wdf_timer *t = wdf_timer_of(o);
    __atomic_store_n(&t->deleting, 1, __ATOMIC_RELEASE);
    KeCancelTimer(&t->timer);
    wdf_flush_at_cleanup(o, &t->gate, t->sync, wdf_timer_flush);
}

static void wdf_timer_destroy(struct wdf_object *o)
{
    struct wdf_timer *t = wdf_timer_of(o);
    if (t->work != NULL)
        IoFreeWorkItem(t->work);
    wdf_gate_destroy(&t->gate);
}

/* Microsoft (WDF_TIMER_CONFIG, WdfTimerCreate): the Size; TolerableDelay zero with a
 * high-resolution timer; no period for a passive-level timer. */
static NTSTATUS wdf_timer_check_config(struct wdf_globals *g, PWDF_TIMER_CONFIG c, BOOLEAN passive)
{
    const char *problem = NULL;
    if (c->Size != sizeof(*c))
        problem = "WDF_TIMER_CONFIG.Size is not sizeof(WDF_TIMER_CONFIG)";
    else if (c->UseHighResolutionTimer == WdfTrue && c->TolerableDelay != 0)
        problem = "UseHighResolutionTimer needs TolerableDelay 0";
    else if (passive && c->Period != 0)
        problem = "a passive-level timer cannot be periodic (Period must be 0)";
    else if ((LONG)c->Period < 0)
        problem = "Period is negative";
    if (problem == NULL)
        return STATUS_SUCCESS;
    rtl_diag(RTL_DIAG_ERROR, "wdf", "driver '%s': WdfTimerCreate: %s", g->pub.DriverName, problem);
    return c->Size != sizeof(*c) ? STATUS_INFO_LENGTH_MISMATCH : STATUS_INVALID_PARAMETER;
}

static void wdf_timer_init(struct wdf_timer *t, PWDF_TIMER_CONFIG config, BOOLEAN passive,
                           struct wdf_object *sync)
{
    t->config = *config;
    t->passive = passive;
    t->sync = sync;
    wdf_gate_init(&t->gate);
    KeInitializeTimerEx(&t->timer, NotificationTimer);
    KeInitializeDpc(&t->dpc, wdf_timer_dpc, t);
    t->obj.type_cleanup = wdf_timer_cleanup;
    t->obj.type_destroy = wdf_timer_destroy;
    wdf_object_reference(&t->obj); /* the flush's (wdf_flush_at_cleanup) */
}

NTSTATUS imp_WdfTimerCreate(PWDF_DRIVER_GLOBALS globals, PWDF_TIMER_CONFIG Config,
                            PWDF_OBJECT_ATTRIBUTES Attributes, WDFTIMER *Timer)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_object *parent, *sync, *o;
    struct wdf_timer *t;
    PIO_WORKITEM work = NULL;
    BOOLEAN passive;
    NTSTATUS status;
    WDF_CHECK_NOT_NULL(g, Config);
    WDF_CHECK_NOT_NULL(g, Timer);
    vf_check_irql_at_most(DISPATCH_LEVEL, "WdfTimerCreate", Config, __builtin_return_address(0));
    *Timer = NULL;
    status = wdf_sync_child_parent(g, Attributes, "WdfTimerCreate", &parent);
    if (!NT_SUCCESS(status))
        return status;
    passive = Attributes->ExecutionLevel == WdfExecutionLevelPassive;
    status = wdf_timer_check_config(g, Config, passive);
    if (NT_SUCCESS(status))
        status = wdf_sync_serialization(g, parent, Config->AutomaticSerialization, passive,
                                        "WdfTimerCreate", &sync);
    if (NT_SUCCESS(status) && passive) {
        work = IoAllocateWorkItem(wdf_sync_device_of(parent)->wdm);
        status = work != NULL ? STATUS_SUCCESS : STATUS_INSUFFICIENT_RESOURCES;
    }
    if (NT_SUCCESS(status))
        status = wdf_object_create(g, WDF_TYPE_TIMER, sizeof(*t), Attributes, parent, &o);
    if (!NT_SUCCESS(status)) {
        if (work != NULL)
            IoFreeWorkItem(work);
        return status;
    }
    t = wdf_timer_of(o);
    t->work = work;
    wdf_timer_init(t, Config, passive, sync);
    *Timer = (WDFTIMER)t;
    return STATUS_SUCCESS;
}

/* Microsoft (WdfTimerStart): DueTime in 100 ns units, negative relative, positive absolute;
 * TRUE when the timer was already in the system's timer queue. TolerableDelay allows a later
 * expiry, which drvhost does not take. */
BOOLEAN imp_WdfTimerStart(PWDF_DRIVER_GLOBALS globals, WDFTIMER Timer, LONGLONG DueTime)
{
    struct wdf_timer *t =
        wdf_timer_of(wdf_object_get(wdf_globals_of(globals), Timer, WDF_TYPE_TIMER));
    LARGE_INTEGER due;
    due.QuadPart = DueTime;
    vf_check_irql_at_most(DISPATCH_LEVEL, "WdfTimerStart", Timer, __builtin_return_address(0));
    return KeSetTimerEx(&t->timer, due, (LONG)t->config.Period, &t->dpc);
}

/* Microsoft (WdfTimerStop): Wait only at PASSIVE_LEVEL and never from EvtTimerFunc; TRUE when
 * the timer was in the queue. */
BOOLEAN imp_WdfTimerStop(PWDF_DRIVER_GLOBALS globals, WDFTIMER Timer, BOOLEAN Wait)
{
    struct wdf_object *o = wdf_object_get(wdf_globals_of(globals), Timer, WDF_TYPE_TIMER);
    struct wdf_timer *t = wdf_timer_of(o);
    BOOLEAN was_set;
    const void *caller = __builtin_return_address(0);
    vf_check_irql_at_most(Wait ? PASSIVE_LEVEL : DISPATCH_LEVEL, "WdfTimerStop", Timer, caller);
    if (Wait && wdf_gate_running_here(&t->gate))
        wdf_gate_self_wait(o, "WdfTimerStop(Wait TRUE)");
    was_set = KeCancelTimer(&t->timer);
    if (Wait) {
        KeFlushQueuedDpcs();
        wdf_gate_wait(&t->gate);
    }
    return was_set;
}

WDFOBJECT imp_WdfTimerGetParentObject(PWDF_DRIVER_GLOBALS globals, WDFTIMER Timer)
{
    return (WDFOBJECT)wdf_object_get(wdf_globals_of(globals), Timer, WDF_TYPE_TIMER)->parent;
}
