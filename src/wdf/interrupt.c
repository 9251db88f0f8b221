/*
 * interrupt.c - framework interrupt objects (WDFINTERRUPT) on the kernel's interrupt objects
 * (src/ke/interrupt.c): WdfInterruptCreate in EvtDriverDeviceAdd (the resources matched by
 * creation order) or in EvtDevicePrepareHardware (the driver names its resource), the ISR run
 * at the interrupt's DIRQL under its spin lock (a passive-level interrupt: at PASSIVE_LEVEL
 * under its passive lock), EvtInterruptDpc and EvtInterruptWorkItem queued by the ISR, the
 * interrupt's lock (AcquireLock, ReleaseLock, TryToAcquireLock, Synchronize), and the power
 * sequence pnp.c drives: connected and EvtInterruptEnable after EvtDeviceD0Entry,
 * EvtInterruptDisable and disconnected (DPCs and work items run to the end) before
 * EvtDeviceD0Exit (Microsoft: "A User Plugs in a Device", "A User Unplugs a Device").
 *
 * Locking: `intr_lock` guards the list of every interrupt (creation order); the power
 * functions take a snapshot (each referenced) and call the driver without it. An interrupt's
 * `lock` (its own spin lock or the WDFSPINLOCK of its config) and `passive_lock` (a
 * synchronization event) are the ones the kernel's dispatcher takes around the ISR; `holder`
 * (atomic) is the thread holding either, for the verifier's checks. The other fields belong
 * to the PnP and power IRPs of the device (one at a time).
 *
 * Lifetime: an interrupt is a child of its device (or of the queue the driver names); it
 * keeps one reference for its flush at cleanup, as DPC objects do (dpc.c).
 */
#include <stdlib.h>
#include <string.h>

#include "ke/ke.h"
#include "rtl/rtl.h"
#include "vf/vf.h"
#include "wdf/wdf_private.h"

#define WDF_MAX_INTERRUPTS 64 /* per device, for the power functions' snapshot */

struct wdf_interrupt {
    struct wdf_object obj;
    struct wdf_device *device;
    LIST_ENTRY link;             /* intr_list, under intr_lock; empty once unlinked */
    WDF_INTERRUPT_CONFIG config; /* the driver's fields of its KMDF version, the rest zero */
    BOOLEAN passive;             /* PassiveHandling */
    BOOLEAN from_prepare;        /* created in EvtDevicePrepareHardware */
    BOOLEAN assigned;            /* raw and translated are its resource */
    CM_PARTIAL_RESOURCE_DESCRIPTOR raw, translated;
    PKINTERRUPT kint; /* connected (atomic pointer: WdfInterruptWdmGetInterrupt reads it) */
    KSPIN_LOCK own_lock;
    PKSPIN_LOCK lock; /* the config's SpinLock, else own_lock */
    KEVENT passive_lock;
    struct ke_thread *holder; /* atomic */
    KIRQL acquire_old;        /* AcquireLock's IRQL to return to; under the lock */
    BOOLEAN critical;         /* TryToAcquireLock entered a critical region; under the lock */
    LONG inactive;            /* atomic: WdfInterruptReportInactive */
    WDF_INTERRUPT_POLICY policy;
    WDF_INTERRUPT_PRIORITY priority;
    GROUP_AFFINITY target;
    struct wdf_object *sync; /* AutomaticSerialization: the lock of the DPC or work item */
    KDPC dpc;
    PIO_WORKITEM work;
    LONG work_queued;     /* atomic */
    struct wdf_gate gate; /* the DPC's and work item's callbacks */
};

static os_mutex intr_lock = OS_MUTEX_INIT;
static LIST_ENTRY intr_list = {&intr_list, &intr_list};
/* The device whose EvtDevicePrepareHardware runs on this thread (WdfInterruptCreate's rules). */
static _Thread_local struct wdf_device *preparing;

static struct wdf_interrupt *wdf_interrupt_of(struct wdf_object *o)
{
    return CONTAINING_RECORD(o, struct wdf_interrupt, obj);
}

#define WDF_INTERRUPT_GET(g, h) wdf_interrupt_of(wdf_object_get(g, h, WDF_TYPE_INTERRUPT))

/* The IRQL the ISR runs at: the translated resource's (DISPATCH_LEVEL + 1 before one is
 * assigned); PASSIVE_LEVEL for a passive-level interrupt. */
static KIRQL wdf_interrupt_irql(struct wdf_interrupt *i)
{
    if (i->passive)
        return PASSIVE_LEVEL;
    return i->assigned ? (KIRQL)i->translated.u.Interrupt.Level : (KIRQL)(DISPATCH_LEVEL + 1);
}

/* ---- the lock ------------------------------------------------------------------------------ */

/* Microsoft: a DIRQL interrupt's lock at IRQL <= DIRQL, a passive one's at PASSIVE_LEVEL; the
 * holder may not take it again. */
static void wdf_interrupt_check_lock(struct wdf_globals *g, struct wdf_interrupt *i,
                                     const char *ddi)
{
    KIRQL max = wdf_interrupt_irql(i);
    if (ke_irql() > max)
        wdf_violation(g, VF_10D_INTERRUPT_IRQL, (ULONG_PTR)i, ke_irql(), max,
                      "%s on interrupt %p at IRQL %u: %s", ddi, (void *)i, ke_irql(),
                      i->passive ? "a passive-level interrupt's lock is taken at PASSIVE_LEVEL"
                                 : "the interrupt's lock is taken at or below its DIRQL");
    if (__atomic_load_n(&i->holder, __ATOMIC_RELAXED) == ke_current_thread())
        wdf_violation(g, VF_10D_RECURSIVE_LOCK, (ULONG_PTR)i, 0, 0,
                      "%s on interrupt %p by the thread that holds its lock (the ISR, "
                      "EvtInterruptEnable/Disable/Synchronize, or AcquireLock)",
                      ddi, (void *)i);
}

static KIRQL wdf_interrupt_lock(struct wdf_interrupt *i)
{
    KIRQL old = ke_irql();
    if (i->passive) {
        KeWaitForSingleObject(&i->passive_lock, Executive, KernelMode, FALSE, NULL);
    } else {
        old = KfRaiseIrql(wdf_interrupt_irql(i));
        ke_spin_acquire(i->lock, __builtin_return_address(0));
    }
    __atomic_store_n(&i->holder, ke_current_thread(), __ATOMIC_RELAXED);
    return old;
}

static void wdf_interrupt_unlock(struct wdf_interrupt *i, KIRQL old)
{
    __atomic_store_n(&i->holder, NULL, __ATOMIC_RELAXED);
    if (i->passive) {
        KeSetEvent(&i->passive_lock, IO_NO_INCREMENT, FALSE);
        return;
    }
    ke_spin_release(i->lock, __builtin_return_address(0));
    KeLowerIrql(old);
}

/* ---- the kernel's side: ISR, DPC, work item ------------------------------------------------ */

/* Called by the dispatcher with the lock held, at the DIRQL (ke_interrupt_fire). */
static BOOLEAN NTAPI wdf_isr(PKINTERRUPT kint, PVOID context)
{
    struct wdf_interrupt *i = context;
    BOOLEAN claimed;
    (void)kint;
    if (__atomic_load_n(&i->inactive, __ATOMIC_ACQUIRE))
        return FALSE; /* reported inactive: the line is masked for it */
    __atomic_store_n(&i->holder, ke_current_thread(), __ATOMIC_RELAXED);
    claimed = i->config.EvtInterruptIsr((WDFINTERRUPT)i, 0);
    __atomic_store_n(&i->holder, NULL, __ATOMIC_RELAXED);
    return claimed;
}

static void wdf_interrupt_dpc_call(void *context)
{
    struct wdf_interrupt *i = context;
    i->config.EvtInterruptDpc((WDFINTERRUPT)i, (WDFOBJECT)i->device);
}

static VOID wdf_interrupt_dpc(PKDPC dpc, PVOID context, PVOID arg1, PVOID arg2)
{
    struct wdf_interrupt *i = context;
    (void)dpc, (void)arg1, (void)arg2;
    wdf_gate_run(&i->gate, i->sync, wdf_interrupt_dpc_call, i);
}

/* Under the serialising lock: counted as queued until its callback is entered. */
static void wdf_interrupt_work_call(void *context)
{
    struct wdf_interrupt *i = context;
    __atomic_store_n(&i->work_queued, 0, __ATOMIC_RELEASE);
    i->config.EvtInterruptWorkItem((WDFINTERRUPT)i, (WDFOBJECT)i->device);
}

static VOID wdf_interrupt_work(PDEVICE_OBJECT device, PVOID context)
{
    struct wdf_interrupt *i = context;
    (void)device;
    wdf_gate_run(&i->gate, i->sync, wdf_interrupt_work_call, i);
    wdf_gate_leave(&i->gate);
    wdf_object_release(&i->obj); /* the queueing's */
}

/* The DPCs and work items the ISR queued, run to the end (not from one of them). */
static void wdf_interrupt_flush(struct wdf_object *o)
{
    struct wdf_interrupt *i = wdf_interrupt_of(o);
    KeFlushQueuedDpcs();
    if (!wdf_gate_running_here(&i->gate))
        wdf_gate_wait(&i->gate);
}

/* ---- connecting ---------------------------------------------------------------------------- */

static NTSTATUS wdf_interrupt_connect(struct wdf_interrupt *i)
{
    PKINTERRUPT kint = NULL;
    struct ke_interrupt_params p = {
        .isr = wdf_isr,
        .context = i,
        .lock = i->lock,
        .passive_lock = &i->passive_lock,
        .vector = i->translated.u.Interrupt.Vector,
        .irql = wdf_interrupt_irql(i),
        .sync_irql = wdf_interrupt_irql(i),
        .mode = (i->translated.Flags & CM_RESOURCE_INTERRUPT_LATCHED) ? Latched : LevelSensitive,
        .share = i->translated.ShareDisposition == CmResourceShareShared,
        .passive = i->passive,
        .affinity = i->translated.u.Interrupt.Affinity,
    };
    NTSTATUS status = ke_interrupt_connect(&p, &kint);
    if (NT_SUCCESS(status))
        __atomic_store_n(&i->kint, kint, __ATOMIC_RELEASE);
    return status;
}

static void wdf_interrupt_disconnect(struct wdf_interrupt *i)
{
    PKINTERRUPT kint = __atomic_exchange_n(&i->kint, NULL, __ATOMIC_ACQ_REL);
    if (kint != NULL)
        ke_interrupt_disconnect(kint); /* waits for an ISR running elsewhere */
}

/* EvtInterruptEnable or Disable at the DIRQL under the lock (Microsoft: both run there; a
 * passive-level interrupt's at PASSIVE_LEVEL under its passive lock). */
static NTSTATUS wdf_interrupt_call_enable(struct wdf_interrupt *i, BOOLEAN enable)
{
    PFN_WDF_INTERRUPT_ENABLE cb =
        enable ? i->config.EvtInterruptEnable : i->config.EvtInterruptDisable;
    NTSTATUS status;
    KIRQL old;
    if (cb == NULL)
        return STATUS_SUCCESS;
    old = wdf_interrupt_lock(i);
    status = cb((WDFINTERRUPT)i, (WDFDEVICE)i->device);
    wdf_interrupt_unlock(i, old);
    return status;
}

/* ---- the device's interrupts (pnp.c) ------------------------------------------------------- */

/* The device's interrupts in creation order, each referenced. */
static ULONG wdf_interrupts_of(struct wdf_device *dev, struct wdf_interrupt **out)
{
    ULONG n = 0;
    os_mutex_lock(&intr_lock);
    for (LIST_ENTRY *e = intr_list.Flink; e != &intr_list && n < WDF_MAX_INTERRUPTS; e = e->Flink) {
        struct wdf_interrupt *i = CONTAINING_RECORD(e, struct wdf_interrupt, link);
        if (i->device == dev) {
            wdf_object_reference(&i->obj);
            out[n++] = i;
        }
    }
    os_mutex_unlock(&intr_lock);
    return n;
}

static void wdf_interrupts_put(struct wdf_interrupt **all, ULONG n)
{
    for (ULONG k = 0; k < n; k++)
        wdf_object_release(&all[k]->obj);
}

void wdf_interrupts_preparing(struct wdf_device *dev, BOOLEAN inside)
{
    preparing = inside ? dev : NULL;
}

/* Microsoft (WdfInterruptCreate): the framework stores the assigned interrupt resources in
 * the interrupt objects the driver created; objects beyond the resources stay unused. */
void wdf_interrupts_assign(struct wdf_device *dev, struct wdf_cmreslist *raw,
                           struct wdf_cmreslist *translated)
{
    struct wdf_interrupt *all[WDF_MAX_INTERRUPTS];
    ULONG n = wdf_interrupts_of(dev, all), next = 0, count = wdf_cmreslist_count(translated);
    for (ULONG k = 0; k < n; k++) {
        struct wdf_interrupt *i = all[k];
        PCM_PARTIAL_RESOURCE_DESCRIPTOR t = NULL;
        if (i->from_prepare)
            continue;
        while (next < count &&
               (t = wdf_cmreslist_at(translated, next))->Type != CmResourceTypeInterrupt)
            next++;
        i->assigned = next < count;
        if (i->assigned) {
            PCM_PARTIAL_RESOURCE_DESCRIPTOR r = wdf_cmreslist_at(raw, next);
            i->translated = *t;
            i->raw = r != NULL ? *r : *t;
            next++;
        }
    }
    wdf_interrupts_put(all, n);
}

NTSTATUS wdf_interrupts_enable(struct wdf_device *dev)
{
    struct wdf_interrupt *all[WDF_MAX_INTERRUPTS];
    ULONG n = wdf_interrupts_of(dev, all), k;
    NTSTATUS status = STATUS_SUCCESS;
    for (k = 0; k < n && NT_SUCCESS(status); k++) {
        if (!all[k]->assigned)
            continue;
        status = wdf_interrupt_connect(all[k]);
        if (NT_SUCCESS(status))
            status = wdf_interrupt_call_enable(all[k], TRUE);
        if (!NT_SUCCESS(status)) {
            rtl_diag(RTL_DIAG_ERROR, "wdf",
                     "driver '%s': interrupt %p: %s failed (0x%08X): the device does not enter D0",
                     dev->obj.owner->pub.DriverName, (void *)all[k],
                     all[k]->kint == NULL ? "connecting it" : "EvtInterruptEnable",
                     (unsigned)status);
            wdf_interrupt_disconnect(all[k]);
        }
    }
    /* Those already enabled go back, last first. */
    for (ULONG back = NT_SUCCESS(status) ? 0 : k - 1; back-- > 0;)
        if (all[back]->kint != NULL) {
            wdf_interrupt_call_enable(all[back], FALSE);
            wdf_interrupt_disconnect(all[back]);
            wdf_interrupt_flush(&all[back]->obj);
        }
    wdf_interrupts_put(all, n);
    return status;
}

void wdf_interrupts_disable(struct wdf_device *dev)
{
    struct wdf_interrupt *all[WDF_MAX_INTERRUPTS];
    ULONG n = wdf_interrupts_of(dev, all);
    for (ULONG k = 0; k < n; k++) /* creation order, as they were enabled (drvhost's) */
        if (all[k]->kint != NULL) {
            wdf_interrupt_call_enable(all[k], FALSE);
            wdf_interrupt_disconnect(all[k]);
        }
    for (ULONG k = 0; k < n; k++)
        wdf_interrupt_flush(&all[k]->obj);
    wdf_interrupts_put(all, n);
}

void wdf_interrupts_release(struct wdf_device *dev)
{
    struct wdf_interrupt *all[WDF_MAX_INTERRUPTS];
    ULONG n = wdf_interrupts_of(dev, all);
    for (ULONG k = 0; k < n; k++) {
        all[k]->assigned = FALSE;
        if (all[k]->from_prepare)
            wdf_object_delete(&all[k]->obj);
    }
    wdf_interrupts_put(all, n);
}

/* ---- the object ---------------------------------------------------------------------------- */

static void wdf_interrupt_cleanup(struct wdf_object *o)
{
    struct wdf_interrupt *i = wdf_interrupt_of(o);
    wdf_interrupt_disconnect(i); /* deleted while connected: no ISR after this */
    os_mutex_lock(&intr_lock);
    RemoveEntryList(&i->link);
    InitializeListHead(&i->link);
    os_mutex_unlock(&intr_lock);
    KeRemoveQueueDpc(&i->dpc);
    wdf_flush_at_cleanup(o, &i->gate, i->sync, wdf_interrupt_flush);
}

static void wdf_interrupt_destroy(struct wdf_object *o)
{
    struct wdf_interrupt *i = wdf_interrupt_of(o);
    if (i->work != NULL)
        IoFreeWorkItem(i->work);
    wdf_gate_destroy(&i->gate);
}

/* The Size of WDF_INTERRUPT_CONFIG in the driver's KMDF version (wdfinterrupt.h). */
static ULONG wdf_interrupt_config_size(struct wdf_globals *g)
{
    return g->kmdf_minor >= 13 ? 104 : g->kmdf_minor >= 11 ? 96 : 56;
}

/* The configuration against Microsoft's rules (WdfInterruptCreate, WDF_INTERRUPT_CONFIG). */
static NTSTATUS wdf_interrupt_check_config(struct wdf_globals *g, struct wdf_device *dev,
                                           const WDF_INTERRUPT_CONFIG *c, const char **why)
{
    BOOLEAN in_prepare = preparing == dev;
    if (dev->control || dev->pdo == NULL)
        return *why = "a device that is not a PnP device has no interrupts",
               STATUS_INVALID_DEVICE_STATE;
    if (wdf_pnp_started(dev))
        return *why = "the device is already started", STATUS_INVALID_DEVICE_STATE;
    if (c->EvtInterruptIsr == NULL)
        return *why = "EvtInterruptIsr is NULL", STATUS_INVALID_PARAMETER;
    if (c->EvtInterruptDpc != NULL && c->EvtInterruptWorkItem != NULL)
        return *why = "both EvtInterruptDpc and EvtInterruptWorkItem", STATUS_INVALID_PARAMETER;
    if (in_prepare && (c->InterruptRaw == NULL || c->InterruptTranslated == NULL))
        return *why = "called from EvtDevicePrepareHardware without InterruptRaw and "
                      "InterruptTranslated",
               STATUS_INVALID_DEVICE_STATE;
    if (!in_prepare && (c->InterruptRaw != NULL || c->InterruptTranslated != NULL))
        return *why = "InterruptRaw/InterruptTranslated given outside EvtDevicePrepareHardware",
               STATUS_INVALID_PARAMETER;
    if (in_prepare && c->InterruptTranslated->Type != CmResourceTypeInterrupt)
        return *why = "InterruptTranslated is not an interrupt resource", STATUS_INVALID_PARAMETER;
    if (c->PassiveHandling && c->SpinLock != NULL)
        return *why = "a passive-level interrupt with a SpinLock", STATUS_INVALID_PARAMETER;
    if (!c->PassiveHandling && c->WaitLock != NULL)
        return *why = "a WaitLock without PassiveHandling", STATUS_INVALID_PARAMETER;
    (void)g;
    return STATUS_SUCCESS;
}

/* Microsoft: the parent is the device, or (KMDF 1.11) a device or queue the driver names, with
 * AutomaticSerialization TRUE. */
static NTSTATUS wdf_interrupt_parent(struct wdf_globals *g, struct wdf_device *dev,
                                     const WDF_INTERRUPT_CONFIG *c, PWDF_OBJECT_ATTRIBUTES a,
                                     struct wdf_object **parent, const char **why)
{
    *parent = &dev->obj;
    if (a == NULL || a->ParentObject == NULL)
        return STATUS_SUCCESS;
    *parent =
        wdf_object_get_in(g, a->ParentObject, 0, "WdfInterruptCreate", __builtin_return_address(0));
    if ((*parent)->type != WDF_TYPE_DEVICE && (*parent)->type != WDF_TYPE_QUEUE)
        return *why = "the ParentObject is no device or queue",
               STATUS_WDF_PARENT_ASSIGNMENT_NOT_ALLOWED; /* s14-wdfgaps: the page's status */
    if (!c->AutomaticSerialization)
        return *why = "a ParentObject without AutomaticSerialization", STATUS_INVALID_PARAMETER;
    return STATUS_SUCCESS;
}

static void wdf_interrupt_init(struct wdf_interrupt *i, struct wdf_device *dev,
                               const WDF_INTERRUPT_CONFIG *c, struct wdf_object *sync)
{
    i->device = dev;
    i->config = *c;
    i->passive = c->PassiveHandling;
    i->sync = sync;
    i->lock = c->SpinLock != NULL
                  ? wdf_spinlock_word(wdf_object_get_in(
                        dev->obj.owner, c->SpinLock, WDF_TYPE_SPINLOCK, "WdfInterruptCreate", NULL))
                  : &i->own_lock;
    KeInitializeSpinLock(&i->own_lock);
    KeInitializeEvent(&i->passive_lock, SynchronizationEvent, TRUE);
    KeInitializeDpc(&i->dpc, wdf_interrupt_dpc, i);
    wdf_gate_init(&i->gate);
    if (preparing == dev) { /* the driver names its resource */
        i->from_prepare = TRUE;
        i->assigned = TRUE;
        i->raw = *c->InterruptRaw;
        i->translated = *c->InterruptTranslated;
    }
}

NTSTATUS imp_WdfInterruptCreate(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device,
                                PWDF_INTERRUPT_CONFIG Configuration,
                                PWDF_OBJECT_ATTRIBUTES Attributes, WDFINTERRUPT *Interrupt)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_device *dev =
        CONTAINING_RECORD(wdf_object_get(g, Device, WDF_TYPE_DEVICE), struct wdf_device, obj);
    WDF_INTERRUPT_CONFIG c = {0};
    struct wdf_object *parent = NULL, *sync = NULL, *o;
    struct wdf_interrupt *i;
    const char *why = NULL;
    NTSTATUS status;
    WDF_CHECK_NOT_NULL(g, Configuration);
    WDF_CHECK_NOT_NULL(g, Interrupt);
    vf_check_irql_at_most(DISPATCH_LEVEL, "WdfInterruptCreate", Device,
                          __builtin_return_address(0));
    *Interrupt = NULL;
    if (Configuration->Size != wdf_interrupt_config_size(g)) {
        why = "WDF_INTERRUPT_CONFIG.Size is wrong";
        status = STATUS_INFO_LENGTH_MISMATCH;
    } else {
        memcpy(&c, Configuration, Configuration->Size);
        status = wdf_interrupt_check_config(g, dev, &c, &why);
    }
    if (NT_SUCCESS(status))
        status = wdf_interrupt_parent(g, dev, &c, Attributes, &parent, &why);
    if (NT_SUCCESS(status) && (c.EvtInterruptDpc != NULL || c.EvtInterruptWorkItem != NULL))
        status =
            wdf_sync_serialization(g, parent, c.AutomaticSerialization,
                                   c.EvtInterruptWorkItem != NULL, "WdfInterruptCreate", &sync);
    if (why != NULL)
        rtl_diag(RTL_DIAG_ERROR, "wdf", "driver '%s': WdfInterruptCreate: %s", g->pub.DriverName,
                 why);
    if (NT_SUCCESS(status))
        status = wdf_object_create(g, WDF_TYPE_INTERRUPT, sizeof(*i), Attributes, parent, &o);
    if (!NT_SUCCESS(status))
        return status;
    i = wdf_interrupt_of(o);
    wdf_interrupt_init(i, dev, &c, sync);
    if (c.EvtInterruptWorkItem != NULL && (i->work = IoAllocateWorkItem(dev->wdm)) == NULL) {
        wdf_object_delete(o);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    o->type_cleanup = wdf_interrupt_cleanup;
    o->type_destroy = wdf_interrupt_destroy;
    wdf_object_reference(o); /* the flush's (wdf_flush_at_cleanup) */
    os_mutex_lock(&intr_lock);
    InsertTailList(&intr_list, &i->link);
    os_mutex_unlock(&intr_lock);
    *Interrupt = (WDFINTERRUPT)i;
    return STATUS_SUCCESS;
}

/* ---- the routines -------------------------------------------------------------------------- */

/* Microsoft: TRUE when queued, FALSE when it already was. */
BOOLEAN imp_WdfInterruptQueueDpcForIsr(PWDF_DRIVER_GLOBALS globals, WDFINTERRUPT Interrupt)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_interrupt *i = WDF_INTERRUPT_GET(g, Interrupt);
    if (i->config.EvtInterruptDpc == NULL) {
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': WdfInterruptQueueDpcForIsr: interrupt %p has no EvtInterruptDpc",
                 g->pub.DriverName, (void *)i);
        return FALSE;
    }
    return KeInsertQueueDpc(&i->dpc, NULL, NULL);
}

/* Microsoft: TRUE when queued, FALSE when it already was. */
BOOLEAN imp_WdfInterruptQueueWorkItemForIsr(PWDF_DRIVER_GLOBALS globals, WDFINTERRUPT Interrupt)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_interrupt *i = WDF_INTERRUPT_GET(g, Interrupt);
    LONG idle = 0;
    if (i->work == NULL) {
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': WdfInterruptQueueWorkItemForIsr: interrupt %p has no "
                 "EvtInterruptWorkItem",
                 g->pub.DriverName, (void *)i);
        return FALSE;
    }
    if (!__atomic_compare_exchange_n(&i->work_queued, &idle, 1, FALSE, __ATOMIC_ACQ_REL,
                                     __ATOMIC_ACQUIRE))
        return FALSE;
    wdf_object_reference(&i->obj);
    wdf_gate_enter(&i->gate);
    IoQueueWorkItem(i->work, wdf_interrupt_work, DelayedWorkQueue, i);
    return TRUE;
}

BOOLEAN imp_WdfInterruptSynchronize(PWDF_DRIVER_GLOBALS globals, WDFINTERRUPT Interrupt,
                                    PFN_WDF_INTERRUPT_SYNCHRONIZE Callback, WDFCONTEXT Context)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_interrupt *i = WDF_INTERRUPT_GET(g, Interrupt);
    BOOLEAN result;
    KIRQL old;
    WDF_CHECK_NOT_NULL(g, Callback);
    wdf_interrupt_check_lock(g, i, "WdfInterruptSynchronize");
    old = wdf_interrupt_lock(i);
    result = Callback((WDFINTERRUPT)i, Context);
    wdf_interrupt_unlock(i, old);
    return result;
}

VOID imp_WdfInterruptAcquireLock(PWDF_DRIVER_GLOBALS globals, WDFINTERRUPT Interrupt)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_interrupt *i = WDF_INTERRUPT_GET(g, Interrupt);
    KIRQL old;
    wdf_interrupt_check_lock(g, i, "WdfInterruptAcquireLock");
    old = wdf_interrupt_lock(i);
    i->acquire_old = old;
    i->critical = FALSE;
}

/* Microsoft: passive-level interrupts only, at PASSIVE_LEVEL; a critical region is entered
 * when the lock is taken. */
BOOLEAN imp_WdfInterruptTryToAcquireLock(PWDF_DRIVER_GLOBALS globals, WDFINTERRUPT Interrupt)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_interrupt *i = WDF_INTERRUPT_GET(g, Interrupt);
    LARGE_INTEGER now = {.QuadPart = 0};
    if (!i->passive)
        wdf_violation(g, VF_10D_INTERRUPT_IRQL, (ULONG_PTR)i, ke_irql(), PASSIVE_LEVEL,
                      "WdfInterruptTryToAcquireLock on interrupt %p, which is not a "
                      "passive-level interrupt (Microsoft: for passive-level interrupt "
                      "handling)",
                      (void *)i);
    wdf_interrupt_check_lock(g, i, "WdfInterruptTryToAcquireLock");
    if (KeWaitForSingleObject(&i->passive_lock, Executive, KernelMode, FALSE, &now) !=
        STATUS_SUCCESS)
        return FALSE;
    KeEnterCriticalRegion();
    __atomic_store_n(&i->holder, ke_current_thread(), __ATOMIC_RELAXED);
    i->acquire_old = PASSIVE_LEVEL;
    i->critical = TRUE;
    return TRUE;
}

VOID imp_WdfInterruptReleaseLock(PWDF_DRIVER_GLOBALS globals, WDFINTERRUPT Interrupt)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_interrupt *i = WDF_INTERRUPT_GET(g, Interrupt);
    BOOLEAN critical;
    if (__atomic_load_n(&i->holder, __ATOMIC_RELAXED) != ke_current_thread())
        wdf_violation(g, VF_10D_INVALID_LOCK, (ULONG_PTR)i, 1, 0,
                      "WdfInterruptReleaseLock on interrupt %p by a thread that does not "
                      "hold its lock",
                      (void *)i);
    critical = i->critical;
    wdf_interrupt_unlock(i, i->acquire_old);
    if (critical)
        KeLeaveCriticalRegion();
}

/* Microsoft: the driver's EvtInterruptEnable / EvtInterruptDisable, called as the framework
 * calls them (at the DIRQL, under the lock), at PASSIVE_LEVEL. */
VOID imp_WdfInterruptEnable(PWDF_DRIVER_GLOBALS globals, WDFINTERRUPT Interrupt)
{
    struct wdf_interrupt *i = WDF_INTERRUPT_GET(wdf_globals_of(globals), Interrupt);
    vf_check_irql_at_most(PASSIVE_LEVEL, "WdfInterruptEnable", Interrupt,
                          __builtin_return_address(0));
    wdf_interrupt_call_enable(i, TRUE);
}

VOID imp_WdfInterruptDisable(PWDF_DRIVER_GLOBALS globals, WDFINTERRUPT Interrupt)
{
    struct wdf_interrupt *i = WDF_INTERRUPT_GET(wdf_globals_of(globals), Interrupt);
    vf_check_irql_at_most(PASSIVE_LEVEL, "WdfInterruptDisable", Interrupt,
                          __builtin_return_address(0));
    wdf_interrupt_call_enable(i, FALSE);
}

/* NULL while the interrupt is not connected (outside D0). */
PKINTERRUPT imp_WdfInterruptWdmGetInterrupt(PWDF_DRIVER_GLOBALS globals, WDFINTERRUPT Interrupt)
{
    struct wdf_interrupt *i = WDF_INTERRUPT_GET(wdf_globals_of(globals), Interrupt);
    return __atomic_load_n(&i->kint, __ATOMIC_ACQUIRE);
}

/* From the translated resource; all zero before one is assigned. */
VOID imp_WdfInterruptGetInfo(PWDF_DRIVER_GLOBALS globals, WDFINTERRUPT Interrupt,
                             PWDF_INTERRUPT_INFO Info)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_interrupt *i = WDF_INTERRUPT_GET(g, Interrupt);
    WDF_INTERRUPT_INFO info = {.Size = sizeof(info)};
    WDF_CHECK_NOT_NULL(g, Info);
    if (i->assigned) {
        info.TargetProcessorSet = i->translated.u.Interrupt.Affinity;
        info.Group = i->translated.u.Interrupt.Group;
        info.Vector = i->translated.u.Interrupt.Vector;
        info.Irql = (KIRQL)i->translated.u.Interrupt.Level;
        info.Mode =
            (i->translated.Flags & CM_RESOURCE_INTERRUPT_LATCHED) ? Latched : LevelSensitive;
        info.Polarity = WdfInterruptPolarityUnknown;
        info.MessageSignaled = (i->translated.Flags & CM_RESOURCE_INTERRUPT_MESSAGE) != 0;
        info.ShareDisposition = i->translated.ShareDisposition;
    }
    memcpy(Info, &info, Info->Size < sizeof(info) ? Info->Size : sizeof(info));
    Info->Size = Info->Size < sizeof(info) ? Info->Size : (ULONG)sizeof(info);
}

/* Recorded only: drvhost has no arbiter that would read them (docs/interrupts.md). */
VOID imp_WdfInterruptSetPolicy(PWDF_DRIVER_GLOBALS globals, WDFINTERRUPT Interrupt,
                               WDF_INTERRUPT_POLICY Policy, WDF_INTERRUPT_PRIORITY Priority,
                               KAFFINITY TargetProcessorSet)
{
    struct wdf_interrupt *i = WDF_INTERRUPT_GET(wdf_globals_of(globals), Interrupt);
    i->policy = Policy;
    i->priority = Priority;
    i->target.Mask = TargetProcessorSet;
    i->target.Group = 0;
}

VOID imp_WdfInterruptSetExtendedPolicy(PWDF_DRIVER_GLOBALS globals, WDFINTERRUPT Interrupt,
                                       PWDF_INTERRUPT_EXTENDED_POLICY PolicyAndGroup)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_interrupt *i = WDF_INTERRUPT_GET(g, Interrupt);
    WDF_CHECK_NOT_NULL(g, PolicyAndGroup);
    i->policy = PolicyAndGroup->Policy;
    i->priority = PolicyAndGroup->Priority;
    i->target = PolicyAndGroup->TargetProcessorSetAndGroup;
}

WDFDEVICE imp_WdfInterruptGetDevice(PWDF_DRIVER_GLOBALS globals, WDFINTERRUPT Interrupt)
{
    return (WDFDEVICE)WDF_INTERRUPT_GET(wdf_globals_of(globals), Interrupt)->device;
}

/* Microsoft ("Making an ISR Active or Inactive"): an inactive interrupt's ISR is not called. */
VOID imp_WdfInterruptReportActive(PWDF_DRIVER_GLOBALS globals, WDFINTERRUPT Interrupt)
{
    struct wdf_interrupt *i = WDF_INTERRUPT_GET(wdf_globals_of(globals), Interrupt);
    __atomic_store_n(&i->inactive, 0, __ATOMIC_RELEASE);
}

VOID imp_WdfInterruptReportInactive(PWDF_DRIVER_GLOBALS globals, WDFINTERRUPT Interrupt)
{
    struct wdf_interrupt *i = WDF_INTERRUPT_GET(wdf_globals_of(globals), Interrupt);
    __atomic_store_n(&i->inactive, 1, __ATOMIC_RELEASE);
}
