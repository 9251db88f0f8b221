/*
 * dpc.c - framework DPC objects (WdfDpcCreate, Enqueue, Cancel, GetParentObject, WdmGetDpc)
 * over a KDPC: EvtDpcFunc runs at DISPATCH_LEVEL on a DPC thread, under the parent's spin lock
 * with AutomaticSerialization (sync.c).
 *
 * Lifetime: deleting the DPC object removes its KDPC from the queue and flushes the DPC
 * queues, on a worker thread when the deleting thread cannot wait (wdf_flush_at_cleanup); the
 * object keeps a reference until then.
 */
#include "ke/ke.h"
#include "rtl/rtl.h"
#include "vf/vf.h"
#include "wdf/wdf_private.h"

struct wdf_dpc {
    struct wdf_object obj;
    WDF_DPC_CONFIG config;
    struct wdf_object *sync; /* the lock serialising the callback, NULL: none */
    KDPC dpc;
    LONG deleting;        /* atomic: a callback already on its way does not call the driver */
    struct wdf_gate gate; /* only its runner: KeFlushQueuedDpcs waits for the rest */
};

static struct wdf_dpc *wdf_dpc_of(struct wdf_object *o)
{
    return CONTAINING_RECORD(o, struct wdf_dpc, obj);
}

static void wdf_dpc_call(void *context)
{
    struct wdf_dpc *d = context;
    if (!__atomic_load_n(&d->deleting, __ATOMIC_ACQUIRE))
        d->config.EvtDpcFunc((WDFDPC)d);
}

static VOID wdf_dpc_routine(PKDPC dpc, PVOID context, PVOID arg1, PVOID arg2)
{
    struct wdf_dpc *d = context;
    (void)dpc, (void)arg1, (void)arg2;
    wdf_object_reference(&d->obj);
    wdf_gate_run(&d->gate, d->sync, wdf_dpc_call, d);
    wdf_object_release(&d->obj);
}

static void wdf_dpc_flush(struct wdf_object *o)
{
    KeRemoveQueueDpc(&wdf_dpc_of(o)->dpc); /* enqueued again by its callback meanwhile */
    KeFlushQueuedDpcs();
}

static void wdf_dpc_cleanup(struct wdf_object *o)
{
    struct wdf_dpc *d = wdf_dpc_of(o);
    __atomic_store_n(&d->deleting, 1, __ATOMIC_RELEASE);
    KeRemoveQueueDpc(&d->dpc);
    wdf_flush_at_cleanup(o, &d->gate, d->sync, wdf_dpc_flush);
}

static void wdf_dpc_destroy(struct wdf_object *o)
{
    wdf_gate_destroy(&wdf_dpc_of(o)->gate);
}

NTSTATUS imp_WdfDpcCreate(PWDF_DRIVER_GLOBALS globals, PWDF_DPC_CONFIG Config,
                          PWDF_OBJECT_ATTRIBUTES Attributes, WDFDPC *Dpc)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_object *parent, *sync = NULL, *o;
    struct wdf_dpc *d;
    NTSTATUS status;
    WDF_CHECK_NOT_NULL(g, Config);
    WDF_CHECK_NOT_NULL(g, Dpc);
    vf_check_irql_at_most(DISPATCH_LEVEL, "WdfDpcCreate", Config, __builtin_return_address(0));
    *Dpc = NULL;
    if (Config->Size != sizeof(*Config) || Config->EvtDpcFunc == NULL) {
        rtl_diag(RTL_DIAG_ERROR, "wdf", "driver '%s': WdfDpcCreate: %s", g->pub.DriverName,
                 Config->Size != sizeof(*Config) ? "WDF_DPC_CONFIG.Size is wrong"
                                                 : "EvtDpcFunc is NULL");
        return Config->Size != sizeof(*Config) ? STATUS_INFO_LENGTH_MISMATCH
                                               : STATUS_INVALID_PARAMETER;
    }
    status = wdf_sync_child_parent(g, Attributes, "WdfDpcCreate", &parent);
    if (NT_SUCCESS(status))
        status = wdf_sync_serialization(g, parent, Config->AutomaticSerialization, FALSE,
                                        "WdfDpcCreate", &sync);
    if (NT_SUCCESS(status))
        status = wdf_object_create(g, WDF_TYPE_DPC, sizeof(*d), Attributes, parent, &o);
    if (!NT_SUCCESS(status))
        return status;
    d = wdf_dpc_of(o);
    d->config = *Config;
    d->sync = sync;
    wdf_gate_init(&d->gate);
    KeInitializeDpc(&d->dpc, wdf_dpc_routine, d);
    o->type_cleanup = wdf_dpc_cleanup;
    o->type_destroy = wdf_dpc_destroy;
    wdf_object_reference(o); /* the flush's (wdf_flush_at_cleanup) */
    *Dpc = (WDFDPC)d;
    return STATUS_SUCCESS;
}

/* Microsoft (WdfDpcEnqueue): TRUE when queued, FALSE when it already was (KeInsertQueueDpc). */
BOOLEAN imp_WdfDpcEnqueue(PWDF_DRIVER_GLOBALS globals, WDFDPC Dpc)
{
    struct wdf_dpc *d = wdf_dpc_of(wdf_object_get(wdf_globals_of(globals), Dpc, WDF_TYPE_DPC));
    return KeInsertQueueDpc(&d->dpc, NULL, NULL);
}

/* Microsoft (WdfDpcCancel): TRUE when the DPC was removed from the queue; with Wait (only at
 * PASSIVE_LEVEL, not from the callback) returns when the DPCs queued have run. */
BOOLEAN imp_WdfDpcCancel(PWDF_DRIVER_GLOBALS globals, WDFDPC Dpc, BOOLEAN Wait)
{
    struct wdf_object *o = wdf_object_get(wdf_globals_of(globals), Dpc, WDF_TYPE_DPC);
    struct wdf_dpc *d = wdf_dpc_of(o);
    BOOLEAN removed;
    vf_check_irql_at_most(Wait ? PASSIVE_LEVEL : HIGH_LEVEL, "WdfDpcCancel", Dpc,
                          __builtin_return_address(0));
    if (Wait && wdf_gate_running_here(&d->gate))
        wdf_gate_self_wait(o, "WdfDpcCancel(Wait TRUE)");
    removed = KeRemoveQueueDpc(&d->dpc);
    if (Wait)
        KeFlushQueuedDpcs();
    return removed;
}

WDFOBJECT imp_WdfDpcGetParentObject(PWDF_DRIVER_GLOBALS globals, WDFDPC Dpc)
{
    return (WDFOBJECT)wdf_object_get(wdf_globals_of(globals), Dpc, WDF_TYPE_DPC)->parent;
}

PKDPC imp_WdfDpcWdmGetDpc(PWDF_DRIVER_GLOBALS globals, WDFDPC Dpc)
{
    return &wdf_dpc_of(wdf_object_get(wdf_globals_of(globals), Dpc, WDF_TYPE_DPC))->dpc;
}
