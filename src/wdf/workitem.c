/*
 * workitem.c - framework work items (WdfWorkItemCreate, Enqueue, Flush, GetParentObject) over an
 * I/O work item on the parent device: EvtWorkItemFunc runs at PASSIVE_LEVEL on a system worker
 * thread, under the parent's passive-level lock with AutomaticSerialization (sync.c).
 *
 * Lifetime: every enqueue holds a reference on the work item until its callback returned, and
 * the gate counts it, so WdfWorkItemFlush and deletion can wait for it. `queued` is cleared
 * when the callback is entered (under the serialising lock): an enqueue from then on queues it
 * again (Microsoft: enqueuing a work item that is queued and has not started does nothing).
 */
#include <stdlib.h>

#include "ke/ke.h"
#include "rtl/rtl.h"
#include "vf/vf.h"
#include "wdf/wdf_private.h"

struct wdf_workitem {
    struct wdf_object obj;
    WDF_WORKITEM_CONFIG config;
    struct wdf_object *sync; /* the lock serialising the callback, NULL: none */
    PIO_WORKITEM work;
    LONG queued; /* atomic */
    struct wdf_gate gate;
};

static struct wdf_workitem *wdf_workitem_of(struct wdf_object *o)
{
    return CONTAINING_RECORD(o, struct wdf_workitem, obj);
}

/* Under the serialising lock: the item counts as queued until its callback is entered, so an
 * enqueue while it waits for the lock is absorbed by this run. */
static void wdf_workitem_call(void *context)
{
    struct wdf_workitem *w = context;
    __atomic_store_n(&w->queued, 0, __ATOMIC_RELEASE);
    w->config.EvtWorkItemFunc((WDFWORKITEM)w);
}

static VOID wdf_workitem_run(PDEVICE_OBJECT device, PVOID context)
{
    struct wdf_workitem *w = context;
    (void)device;
    wdf_gate_run(&w->gate, w->sync, wdf_workitem_call, w);
    wdf_gate_leave(&w->gate);
    wdf_object_release(&w->obj); /* the enqueue's; may free the work item */
}

static void wdf_workitem_cleanup(struct wdf_object *o)
{
    struct wdf_workitem *w = wdf_workitem_of(o);
    /* Microsoft: the framework flushes before deleting it; not when that would wait for itself
     * (its own callback, or under the lock its callback needs: the enqueue's reference keeps
     * the memory). */
    if (!wdf_gate_running_here(&w->gate) && !wdf_sync_held(w->sync) && ke_irql() == PASSIVE_LEVEL)
        wdf_gate_wait(&w->gate);
}

static void wdf_workitem_destroy(struct wdf_object *o)
{
    struct wdf_workitem *w = wdf_workitem_of(o);
    IoFreeWorkItem(w->work);
    wdf_gate_destroy(&w->gate);
}

NTSTATUS imp_WdfWorkItemCreate(PWDF_DRIVER_GLOBALS globals, PWDF_WORKITEM_CONFIG Config,
                               PWDF_OBJECT_ATTRIBUTES Attributes, WDFWORKITEM *WorkItem)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_object *parent, *sync = NULL, *o;
    struct wdf_workitem *w;
    PIO_WORKITEM work;
    NTSTATUS status;
    WDF_CHECK_NOT_NULL(g, Config);
    WDF_CHECK_NOT_NULL(g, WorkItem);
    vf_check_irql_at_most(DISPATCH_LEVEL, "WdfWorkItemCreate", Config, __builtin_return_address(0));
    *WorkItem = NULL;
    if (Config->Size != sizeof(*Config) || Config->EvtWorkItemFunc == NULL) {
        rtl_diag(RTL_DIAG_ERROR, "wdf", "driver '%s': WdfWorkItemCreate: %s", g->pub.DriverName,
                 Config->Size != sizeof(*Config) ? "WDF_WORKITEM_CONFIG.Size is wrong"
                                                 : "EvtWorkItemFunc is NULL");
        return Config->Size != sizeof(*Config) ? STATUS_INFO_LENGTH_MISMATCH
                                               : STATUS_INVALID_PARAMETER;
    }
    status = wdf_sync_child_parent(g, Attributes, "WdfWorkItemCreate", &parent);
    if (NT_SUCCESS(status))
        status = wdf_sync_serialization(g, parent, Config->AutomaticSerialization, TRUE,
                                        "WdfWorkItemCreate", &sync);
    if (!NT_SUCCESS(status))
        return status;
    work = IoAllocateWorkItem(wdf_sync_device_of(parent)->wdm);
    if (work == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    status = wdf_object_create(g, WDF_TYPE_WORKITEM, sizeof(*w), Attributes, parent, &o);
    if (!NT_SUCCESS(status)) {
        IoFreeWorkItem(work);
        return status;
    }
    w = wdf_workitem_of(o);
    w->config = *Config;
    w->sync = sync;
    w->work = work;
    wdf_gate_init(&w->gate);
    o->type_cleanup = wdf_workitem_cleanup;
    o->type_destroy = wdf_workitem_destroy;
    *WorkItem = (WDFWORKITEM)w;
    return STATUS_SUCCESS;
}

VOID imp_WdfWorkItemEnqueue(PWDF_DRIVER_GLOBALS globals, WDFWORKITEM WorkItem)
{
    struct wdf_object *o = wdf_object_get(wdf_globals_of(globals), WorkItem, WDF_TYPE_WORKITEM);
    struct wdf_workitem *w = wdf_workitem_of(o);
    vf_check_irql_at_most(DISPATCH_LEVEL, "WdfWorkItemEnqueue", WorkItem,
                          __builtin_return_address(0));
    if (__atomic_exchange_n(&w->queued, 1, __ATOMIC_ACQ_REL))
        return; /* queued and not started: nothing to do */
    wdf_object_reference(o);
    wdf_gate_enter(&w->gate);
    IoQueueWorkItem(w->work, wdf_workitem_run, DelayedWorkQueue, w);
}

/* Microsoft (WdfWorkItemFlush): PASSIVE_LEVEL; returns when the callback that is queued or
 * running has returned. From the callback itself it would wait for itself. */
VOID imp_WdfWorkItemFlush(PWDF_DRIVER_GLOBALS globals, WDFWORKITEM WorkItem)
{
    struct wdf_object *o = wdf_object_get(wdf_globals_of(globals), WorkItem, WDF_TYPE_WORKITEM);
    struct wdf_workitem *w = wdf_workitem_of(o);
    vf_check_irql_at_most(PASSIVE_LEVEL, "WdfWorkItemFlush", WorkItem, __builtin_return_address(0));
    if (wdf_gate_running_here(&w->gate))
        wdf_gate_self_wait(o, "WdfWorkItemFlush");
    wdf_gate_wait(&w->gate);
}

WDFOBJECT imp_WdfWorkItemGetParentObject(PWDF_DRIVER_GLOBALS globals, WDFWORKITEM WorkItem)
{
    return (WDFOBJECT)wdf_object_get(wdf_globals_of(globals), WorkItem, WDF_TYPE_WORKITEM)->parent;
}
