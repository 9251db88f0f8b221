/*
 * sync.c - synchronization scope and execution level: which device or queue lock serialises a
 * framework object's callbacks, the locks themselves, and WdfObjectAcquireLock/ReleaseLock.
 *
 * Resolution (Microsoft: WDF_SYNCHRONIZATION_SCOPE, WDF_EXECUTION_LEVEL): an object's scope and
 * level are its attributes' values, or its parent's when it inherits, up to the driver object,
 * whose defaults are WdfSynchronizationScopeNone and WdfExecutionLevelDispatch. A queue whose
 * scope resolves to Device is serialised by its device's lock, to Queue by its own lock.
 *
 * The lock of a device or queue is created on first use: a spin lock (callbacks and
 * WdfObjectAcquireLock at DISPATCH_LEVEL) or, when the object's execution level is passive, a
 * mutex (the caller's IRQL). Its holder is kept so that a second acquisition by the holder is
 * caught: the driver's (WdfObjectAcquireLock) is 0x10D/0x2; the framework's own (a request
 * completed inside a serialised callback presents the next one on the same thread) nests.
 */
#include <stdlib.h>

#include "ex/ex.h"
#include "ke/ke.h"
#include "rtl/rtl.h"
#include "vf/vf.h"
#include "wdf/wdf_private.h"

struct wdf_sync_lock {
    BOOLEAN passive;
    KSPIN_LOCK spin;
    os_mutex mutex;
    struct ke_thread *holder; /* atomic: read by other threads for the checks */
    /* Under the lock: */
    KIRQL old_irql;
    ULONG depth;       /* the holder's nested framework acquisitions */
    BOOLEAN by_driver; /* taken by WdfObjectAcquireLock */
};

static BOOLEAN wdf_sync_inherits_scope(WDF_SYNCHRONIZATION_SCOPE s)
{
    return s == WdfSynchronizationScopeInheritFromParent || s == WdfSynchronizationScopeInvalid;
}

WDF_SYNCHRONIZATION_SCOPE wdf_sync_scope_of(struct wdf_object *o)
{
    for (; o != NULL; o = o->parent)
        if (!wdf_sync_inherits_scope(o->sync_scope))
            return o->sync_scope;
    return WdfSynchronizationScopeNone; /* the driver object's default */
}

WDF_EXECUTION_LEVEL wdf_sync_exec_level(struct wdf_object *o)
{
    for (; o != NULL; o = o->parent)
        if (o->exec_level == WdfExecutionLevelPassive || o->exec_level == WdfExecutionLevelDispatch)
            return o->exec_level;
    return WdfExecutionLevelDispatch; /* the driver object's default (KMDF) */
}

struct wdf_object *wdf_sync_owner(struct wdf_object *o)
{
    WDF_SYNCHRONIZATION_SCOPE scope;
    if (o == NULL || (o->type != WDF_TYPE_QUEUE && o->type != WDF_TYPE_DEVICE))
        return NULL;
    scope = wdf_sync_scope_of(o);
    if (o->type == WDF_TYPE_DEVICE)
        return scope == WdfSynchronizationScopeDevice ? o : NULL;
    if (scope == WdfSynchronizationScopeDevice)
        return &CONTAINING_RECORD(o, struct wdf_queue, obj)->device->obj;
    return scope == WdfSynchronizationScopeQueue ? o : NULL;
}

/* The nearest queue or device at or above `parent` decides (Microsoft: AutomaticSerialization
 * synchronises with the callbacks of the parent queue or device). */
struct wdf_object *wdf_sync_owner_for_child(struct wdf_object *parent)
{
    for (; parent != NULL; parent = parent->parent)
        if (parent->type == WDF_TYPE_QUEUE || parent->type == WDF_TYPE_DEVICE)
            return wdf_sync_owner(parent);
    return NULL;
}

struct wdf_device *wdf_sync_device_of(struct wdf_object *o)
{
    for (; o != NULL; o = o->parent) {
        if (o->type == WDF_TYPE_DEVICE)
            return CONTAINING_RECORD(o, struct wdf_device, obj);
        if (o->type == WDF_TYPE_QUEUE)
            return CONTAINING_RECORD(o, struct wdf_queue, obj)->device;
    }
    return NULL;
}

NTSTATUS wdf_sync_child_parent(struct wdf_globals *g, PWDF_OBJECT_ATTRIBUTES a, const char *ddi,
                               struct wdf_object **parent)
{
    if (a == NULL || a->Size != sizeof(*a) || a->ParentObject == NULL) {
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': %s needs WDF_OBJECT_ATTRIBUTES with a ParentObject%s",
                 g->pub.DriverName, ddi,
                 a != NULL && a->Size != sizeof(*a) ? " (its Size is wrong)" : "");
        return a != NULL && a->Size != sizeof(*a) ? STATUS_INFO_LENGTH_MISMATCH
                                                  : STATUS_WDF_PARENT_NOT_SPECIFIED;
    }
    *parent = wdf_object_get_in(g, a->ParentObject, 0, ddi, __builtin_return_address(0));
    if (wdf_sync_device_of(*parent) == NULL) {
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': %s: the ParentObject %p is no device and does not lead to one",
                 g->pub.DriverName, ddi, (void *)a->ParentObject);
        return STATUS_INVALID_DEVICE_REQUEST;
    }
    return STATUS_SUCCESS;
}

/* AutomaticSerialization: a passive-level callback needs a passive lock, a DPC a spin lock
 * (Microsoft: STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL). */
NTSTATUS wdf_sync_serialization(struct wdf_globals *g, struct wdf_object *parent, BOOLEAN automatic,
                                BOOLEAN passive, const char *ddi, struct wdf_object **sync)
{
    struct wdf_object *owner = automatic ? wdf_sync_owner_for_child(parent) : NULL;
    *sync = owner;
    if (owner == NULL ||
        (wdf_sync_exec_level(owner) == WdfExecutionLevelPassive) == (passive != FALSE))
        return STATUS_SUCCESS;
    rtl_diag(RTL_DIAG_ERROR, "wdf",
             "driver '%s': %s: AutomaticSerialization with a %s-level lock for a %s-level "
             "callback (set AutomaticSerialization FALSE)",
             g->pub.DriverName, ddi, passive ? "dispatch" : "passive",
             passive ? "passive" : "dispatch");
    return STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL;
}

/* The object's lock, created on first use with the object's resolved execution level. */
static struct wdf_sync_lock *wdf_sync_lock_of(struct wdf_object *o)
{
    struct wdf_sync_lock *l = __atomic_load_n(&o->sync_lock, __ATOMIC_ACQUIRE), *expected = NULL;
    if (l != NULL)
        return l;
    l = calloc(1, sizeof(*l));
    if (l == NULL)
        ke_bugcheck_msg(BUGCODE_WDF_VIOLATION, VF_10D_INVALID_LOCK, (ULONG_PTR)o, 0, 0,
                        "out of host memory for the synchronization lock of %p", (void *)o);
    l->passive = wdf_sync_exec_level(o) == WdfExecutionLevelPassive;
    KeInitializeSpinLock(&l->spin);
    os_mutex_init(&l->mutex);
    if (__atomic_compare_exchange_n(&o->sync_lock, &expected, l, false, __ATOMIC_ACQ_REL,
                                    __ATOMIC_ACQUIRE))
        return l;
    os_mutex_destroy(&l->mutex);
    free(l);
    return expected;
}

void wdf_sync_free(struct wdf_object *o)
{
    struct wdf_sync_lock *l = o->sync_lock;
    if (l == NULL)
        return;
    os_mutex_destroy(&l->mutex);
    free(l);
    o->sync_lock = NULL;
}

static BOOLEAN wdf_sync_mine(struct wdf_sync_lock *l)
{
    return __atomic_load_n(&l->holder, __ATOMIC_RELAXED) == ke_current_thread();
}

BOOLEAN wdf_sync_held(struct wdf_object *owner)
{
    struct wdf_sync_lock *l =
        owner != NULL ? __atomic_load_n(&owner->sync_lock, __ATOMIC_ACQUIRE) : NULL;
    return l != NULL && wdf_sync_mine(l);
}

static void wdf_sync_lock_take(struct wdf_sync_lock *l, BOOLEAN by_driver)
{
    KIRQL old = 0;
    if (l->passive)
        os_mutex_lock(&l->mutex);
    else
        KeAcquireSpinLock(&l->spin, &old);
    l->old_irql = old;
    l->depth = 1;
    l->by_driver = by_driver;
    __atomic_store_n(&l->holder, ke_current_thread(), __ATOMIC_RELAXED);
}

static void wdf_sync_lock_drop(struct wdf_sync_lock *l)
{
    KIRQL old = l->old_irql;
    __atomic_store_n(&l->holder, NULL, __ATOMIC_RELAXED);
    l->by_driver = FALSE;
    if (l->passive)
        os_mutex_unlock(&l->mutex);
    else
        KeReleaseSpinLock(&l->spin, old);
}

void wdf_sync_acquire(struct wdf_object *owner)
{
    struct wdf_sync_lock *l;
    if (owner == NULL)
        return;
    l = wdf_sync_lock_of(owner);
    if (wdf_sync_mine(l)) { /* the framework presenting again inside a serialised callback */
        l->depth++;
        return;
    }
    wdf_sync_lock_take(l, FALSE);
}

void wdf_sync_release(struct wdf_object *owner)
{
    struct wdf_sync_lock *l;
    if (owner == NULL)
        return;
    l = wdf_sync_lock_of(owner);
    if (--l->depth == 0)
        wdf_sync_lock_drop(l);
}

/* ---- DDIs ---------------------------------------------------------------------------------- */

/* Microsoft (WdfObjectAcquireLock): a device or a queue; any other object is 0x10D/0xB with
 * parameter 3 zero. */
static struct wdf_sync_lock *wdf_sync_ddi_lock(struct wdf_globals *g, WDFOBJECT handle,
                                               const char *ddi, const void *caller)
{
    struct wdf_object *o = wdf_object_get_in(g, handle, 0, ddi, caller);
    if (o->type != WDF_TYPE_DEVICE && o->type != WDF_TYPE_QUEUE)
        wdf_violation(g, VF_10D_INVALID_LOCK, (ULONG_PTR)handle, 0, 0,
                      "driver '%s' called %s on %p, which has no synchronization lock (only "
                      "devices and queues have one)",
                      g->pub.DriverName, ddi, (void *)handle);
    return wdf_sync_lock_of(o);
}

VOID imp_WdfObjectAcquireLock(PWDF_DRIVER_GLOBALS globals, WDFOBJECT Object)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    const void *caller = __builtin_return_address(0);
    struct wdf_sync_lock *l = wdf_sync_ddi_lock(g, Object, "WdfObjectAcquireLock", caller);
    /* Passive: <= APC_LEVEL, the caller's IRQL is kept; else <= DISPATCH_LEVEL. */
    vf_check_irql_at_most(l->passive ? APC_LEVEL : DISPATCH_LEVEL, "WdfObjectAcquireLock", Object,
                          caller);
    if (wdf_sync_mine(l))
        wdf_violation(g, VF_10D_RECURSIVE_LOCK, (ULONG_PTR)Object, 0, 0,
                      "driver '%s' called WdfObjectAcquireLock on %p, whose synchronization "
                      "lock this thread already holds%s",
                      g->pub.DriverName, (void *)Object,
                      l->by_driver ? "" : " (the framework holds it around this callback)");
    if (l->passive)
        KeEnterCriticalRegion(); /* Microsoft: normal kernel APCs are disabled */
    wdf_sync_lock_take(l, TRUE);
}

VOID imp_WdfObjectReleaseLock(PWDF_DRIVER_GLOBALS globals, WDFOBJECT Object)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    const void *caller = __builtin_return_address(0);
    struct wdf_sync_lock *l = wdf_sync_ddi_lock(g, Object, "WdfObjectReleaseLock", caller);
    BOOLEAN passive = l->passive;
    if (!wdf_sync_mine(l) || !l->by_driver || l->depth != 1)
        wdf_violation(g, VF_10D_INVALID_LOCK, (ULONG_PTR)Object, 1, 0,
                      "driver '%s' called WdfObjectReleaseLock on %p without holding its lock "
                      "(no WdfObjectAcquireLock on this thread)",
                      g->pub.DriverName, (void *)Object);
    wdf_sync_lock_drop(l);
    if (passive)
        KeLeaveCriticalRegion();
}

/* ---- callbacks in flight (timers, work items, DPCs) ---------------------------------------- */

void wdf_gate_init(struct wdf_gate *gate)
{
    os_mutex_init(&gate->lock);
    os_cond_init(&gate->idle);
    gate->busy = 0;
    gate->runner = NULL;
}

void wdf_gate_destroy(struct wdf_gate *gate)
{
    os_cond_destroy(&gate->idle);
    os_mutex_destroy(&gate->lock);
}

void wdf_gate_enter(struct wdf_gate *gate)
{
    os_mutex_lock(&gate->lock);
    gate->busy++;
    os_mutex_unlock(&gate->lock);
}

void wdf_gate_leave(struct wdf_gate *gate)
{
    os_mutex_lock(&gate->lock);
    if (--gate->busy == 0)
        os_cond_broadcast(&gate->idle);
    os_mutex_unlock(&gate->lock);
}

void wdf_gate_wait(struct wdf_gate *gate)
{
    os_mutex_lock(&gate->lock);
    while (gate->busy != 0)
        os_cond_wait(&gate->idle, &gate->lock);
    os_mutex_unlock(&gate->lock);
}

void wdf_gate_run(struct wdf_gate *gate, struct wdf_object *sync, void (*call)(void *),
                  void *context)
{
    wdf_sync_acquire(sync);
    __atomic_store_n(&gate->runner, ke_current_thread(), __ATOMIC_RELAXED);
    call(context);
    __atomic_store_n(&gate->runner, NULL, __ATOMIC_RELAXED);
    wdf_sync_release(sync);
}

BOOLEAN wdf_gate_running_here(struct wdf_gate *gate)
{
    return __atomic_load_n(&gate->runner, __ATOMIC_RELAXED) == ke_current_thread();
}

void wdf_gate_self_wait(struct wdf_object *o, const char *ddi)
{
    wdf_violation(o->owner, VF_10D_WAITS_FOR_SELF, (ULONG_PTR)o, 0, 0,
                  "driver '%s' called %s on %p from that object's own callback: it would wait "
                  "for itself (Microsoft: may deadlock)",
                  o->owner->pub.DriverName, ddi, (void *)o);
}

/* ---- flushing a timer or DPC that is being deleted ------------------------------------------ */

struct wdf_deferred_flush {
    struct wdf_object *object;
    void (*flush)(struct wdf_object *object);
};

static void wdf_flush_on_worker(void *context)
{
    struct wdf_deferred_flush *d = context;
    d->flush(d->object);
    wdf_object_release(d->object); /* the reference the object kept for its flush */
    free(d);
}

void wdf_flush_at_cleanup(struct wdf_object *o, struct wdf_gate *gate, struct wdf_object *sync,
                          void (*flush)(struct wdf_object *object))
{
    struct wdf_deferred_flush *d;
    if (ke_irql() == PASSIVE_LEVEL && !wdf_gate_running_here(gate) && !wdf_sync_held(sync)) {
        flush(o);
        wdf_object_release(o);
        return;
    }
    d = malloc(sizeof(*d));
    if (d == NULL) /* the flush reference stays: the object is never freed, never used */
        return;
    d->object = o;
    d->flush = flush;
    ex_queue_work(wdf_flush_on_worker, d);
}
