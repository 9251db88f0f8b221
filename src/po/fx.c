/*
 * fx.c - the runtime power management framework (PoFx): PoFxRegisterDevice and the routines
 * that take its handle (docs/power.md, "The runtime power management framework").
 *
 * One record per registration: a copy of the driver's callbacks, and per component its
 * activation reference count, its condition (active or idle), its Fx state and the one
 * transition it may have under way (the driver's completion routine ends it). The device has
 * its own state: power required (D0), or not required, or a transition to either under way.
 *
 * The engine is convergent: po_fx_run looks at what each component should be (active while it
 * holds references or power management has not started, idle otherwise) and starts the next
 * step toward it when no step is under way; every completion routine and every reference
 * change runs it again. Decisions are taken under the record's spin lock; the callbacks are
 * called with no lock held, so a driver may complete from inside its callback (the run then
 * recurses, a few levels deep at most).
 *
 * drvhost plays the power engine plug-in (PEP) too, with the simplest documented policy: an
 * idle component goes to its deepest Fx state whose transition latency and residency
 * requirement fit the limits the driver set (and no deeper than DeepestWakeableIdleState
 * while the wake hint is on); the device power is not required once every component is idle
 * and settled and the idle time-out (default 0) has passed. PoFxPowerControl has no PEP to
 * talk to: STATUS_NOT_SUPPORTED.
 *
 * An S0 IRP sent to a registered device's stack also asks for PoFxReportDevicePoweredOn (its
 * reference page: after DevicePowerRequiredCallback, or after an S0 IRP); s0_report records that
 * one is owed. The engine does not wait for it (a driver that never reports after S0 keeps its
 * PoFx state as it was).
 *
 * Lifetime: the record is freed by PoFxUnregisterDevice, after its timer is cancelled and the
 * DPCs flushed, and taken off po_fx_list (which po_fx_s0_sent walks under po_fx_list_lock, then
 * takes the record's lock). The driver must not call with the handle afterwards (as on Windows).
 */
#include "po/po_private.h"

#include "ke/ke.h"
#include "rtl/rtl.h"
#include "vf/vf.h"

#include <stdlib.h>
#include <string.h>

#define PO_FX_MAGIC 0x78466f50u /* "PoFx" */
#define PO_FX_TAG   'xFoP'

enum po_fx_step {
    STEP_NONE,
    STEP_CONDITION,
    STEP_FSTATE
};
enum po_fx_dev {
    DEV_REQUIRED,
    DEV_GOING_OFF,
    DEV_NOT_REQUIRED,
    DEV_GOING_ON
};

struct po_fx_comp {
    LONG refs;                          /* activation references */
    BOOLEAN active;                     /* the active condition (the driver was told) */
    BOOLEAN wake;                       /* PoFxSetComponentWake's hint */
    ULONG fstate;                       /* current Fx state */
    ULONG target;                       /* the Fx state of the STEP_FSTATE under way */
    enum po_fx_step step;               /* the transition under way */
    ULONG nstates;                      /* IdleStateCount */
    ULONG deepest_wakeable;             /* DeepestWakeableIdleState */
    ULONGLONG latency;                  /* PoFxSetComponentLatency (~0: no limit) */
    ULONGLONG residency;                /* PoFxSetComponentResidency (~0: no limit) */
    PO_FX_COMPONENT_IDLE_STATE *states; /* a copy of the driver's array */
    KEVENT activated; /* signalled while active: PO_FX_FLAG_BLOCKING waits on it */
    BOOLEAN async;    /* an ASYNC_ONLY request waits for its worker: other threads leave it alone */
};

struct po_fx {
    ULONG magic;
    LIST_ENTRY link;   /* on po_fx_list */
    BOOLEAN s0_report; /* an S0 IRP went to the stack: a PoFxReportDevicePoweredOn is owed */
    PDEVICE_OBJECT pdo;
    PVOID context;
    PPO_FX_COMPONENT_ACTIVE_CONDITION_CALLBACK active_cb;
    PPO_FX_COMPONENT_IDLE_CONDITION_CALLBACK idle_cb;
    PPO_FX_COMPONENT_IDLE_STATE_CALLBACK state_cb;
    PPO_FX_DEVICE_POWER_REQUIRED_CALLBACK required_cb;
    PPO_FX_DEVICE_POWER_NOT_REQUIRED_CALLBACK not_required_cb;
    KSPIN_LOCK lock;
    BOOLEAN started;
    BOOLEAN timer_due;   /* the idle time-out passed (reset whenever a component activates) */
    BOOLEAN timer_armed; /* the idle time-out runs (cleared by its DPC and by an activation) */
    enum po_fx_dev dev;
    ULONGLONG idle_timeout; /* 100 ns units */
    KTIMER timer;
    KDPC dpc;
    LONG workers; /* PO_FX_FLAG_ASYNC_ONLY work items queued and not finished */
    ULONG ncomp;
    struct po_fx_comp comp[];
};

/* What po_fx_run decided to call, outside the lock. */
enum po_fx_call {
    CALL_NONE,
    CALL_ACTIVE,
    CALL_IDLE,
    CALL_FSTATE,
    CALL_REQUIRED,
    CALL_NOT_REQUIRED
};

/* A driver misusing PoFx: 0x9F DRIVER_POWER_STATE_FAILURE ("the driver is in an inconsistent
 * or invalid power state"), parameter 1 one of these codes of drvhost's own (Windows documents
 * none for these mistakes; 0xD01.. collides with none of 0x9F's documented ones), parameters 2
 * and 3 as each call says, 4 zero; the explanation printed first (docs/power.md). */
#define PO_FX_BAD_HANDLE    0xD01 /* p2: the handle, p3: the caller */
#define PO_FX_BAD_COMPONENT 0xD02 /* p2: the handle, p3: the component */
#define PO_FX_BAD_FLAGS     0xD03 /* p2: the handle, p3: the flags */
#define PO_FX_NO_REFERENCE  0xD04 /* p2: the handle, p3: the component */
#define PO_FX_NOT_ASKED     0xD05 /* p2: the handle, p3: the component or device state */

static LIST_ENTRY po_fx_list = {&po_fx_list, &po_fx_list}; /* every registration */
static KSPIN_LOCK po_fx_list_lock;

#define po_fx_misuse(code, p2, p3, ...)                                                            \
    ke_bugcheck_msg(BUGCODE_DRIVER_POWER_STATE_FAILURE, code, p2, p3, 0, __VA_ARGS__)

static struct po_fx *po_fx_from(POHANDLE h, const char *ddi, const void *caller)
{
    struct po_fx *fx = (struct po_fx *)h;
    if (fx == NULL || fx->magic != PO_FX_MAGIC)
        po_fx_misuse(PO_FX_BAD_HANDLE, (ULONG_PTR)h, (ULONG_PTR)caller,
                     "%s: %p is not a handle PoFxRegisterDevice returned", ddi, (void *)h);
    return fx;
}

static struct po_fx_comp *po_fx_comp(struct po_fx *fx, ULONG c, const char *ddi, const void *caller)
{
    if (c >= fx->ncomp)
        po_fx_misuse(PO_FX_BAD_COMPONENT, (ULONG_PTR)fx, c,
                     "%s: component %lu of a device registered with %lu components (caller %p)",
                     ddi, (unsigned long)c, (unsigned long)fx->ncomp, caller);
    return &fx->comp[c];
}

/* ---- the PEP's choices ----------------------------------------------------------------------- */

/* The deepest Fx state an idle component may enter under its limits. */
static ULONG po_fx_deepest(const struct po_fx_comp *c)
{
    ULONG s = c->nstates - 1;
    if (c->wake && s > c->deepest_wakeable)
        s = c->deepest_wakeable;
    for (; s > 0; s--)
        if (c->states[s].TransitionLatency <= c->latency &&
            c->states[s].ResidencyRequirement <= c->residency)
            break;
    return s;
}

static BOOLEAN po_fx_all_idle(const struct po_fx *fx)
{
    for (ULONG i = 0; i < fx->ncomp; i++) {
        const struct po_fx_comp *c = &fx->comp[i];
        if (c->refs > 0 || c->active || c->step != STEP_NONE || c->fstate != po_fx_deepest(c))
            return FALSE;
    }
    return TRUE;
}

/* ---- the engine (lock held) ------------------------------------------------------------------ */

/* The next step of component c, or CALL_NONE when it is where it should be. */
static enum po_fx_call po_fx_comp_step(struct po_fx *fx, struct po_fx_comp *c, ULONG *state)
{
    if (c->step != STEP_NONE)
        return CALL_NONE;
    if (c->refs > 0 || !fx->started) {
        if (fx->dev == DEV_NOT_REQUIRED) {
            fx->dev = DEV_GOING_ON;
            return CALL_REQUIRED;
        }
        if (fx->dev != DEV_REQUIRED)
            return CALL_NONE; /* wait for the device transition to end */
        if (c->fstate != 0) {
            c->step = STEP_FSTATE;
            c->target = *state = 0;
            return CALL_FSTATE;
        }
        if (!c->active) {
            c->active = TRUE;
            KeSetEvent(&c->activated, IO_NO_INCREMENT, FALSE);
            return CALL_ACTIVE;
        }
        return CALL_NONE;
    }
    if (c->active) {
        c->step = STEP_CONDITION;
        return CALL_IDLE;
    }
    if (c->fstate != po_fx_deepest(c)) {
        c->step = STEP_FSTATE;
        c->target = *state = po_fx_deepest(c);
        return CALL_FSTATE;
    }
    return CALL_NONE;
}

/* The device's next step once its components have none. */
static enum po_fx_call po_fx_dev_step(struct po_fx *fx)
{
    if (!fx->started || fx->dev != DEV_REQUIRED || !po_fx_all_idle(fx))
        return CALL_NONE;
    if (fx->idle_timeout != 0 && !fx->timer_due) {
        LARGE_INTEGER due;
        due.QuadPart = -(LONGLONG)fx->idle_timeout;
        if (!fx->timer_armed) /* the interval starts when the last component settled idle */
            KeSetTimer(&fx->timer, due, &fx->dpc);
        fx->timer_armed = TRUE;
        return CALL_NONE;
    }
    fx->dev = DEV_GOING_OFF;
    return CALL_NOT_REQUIRED;
}

static enum po_fx_call po_fx_decide(struct po_fx *fx, ULONG *comp, ULONG *state)
{
    for (ULONG i = 0; i < fx->ncomp; i++) {
        if (fx->comp[i].async)
            continue;
        enum po_fx_call call = po_fx_comp_step(fx, &fx->comp[i], state);
        if (call != CALL_NONE) {
            *comp = i;
            return call;
        }
    }
    return po_fx_dev_step(fx);
}

/* Runs the engine until nothing is left to start; the callbacks without the lock. */
static void po_fx_run(struct po_fx *fx)
{
    for (;;) {
        KIRQL irql;
        ULONG comp = 0, state = 0;
        KeAcquireSpinLock(&fx->lock, &irql);
        enum po_fx_call call = po_fx_decide(fx, &comp, &state);
        KeReleaseSpinLock(&fx->lock, irql);
        switch (call) {
        case CALL_NONE:
            return;
        case CALL_ACTIVE:
            fx->active_cb(fx->context, comp);
            break;
        case CALL_IDLE:
            fx->idle_cb(fx->context, comp);
            break;
        case CALL_FSTATE:
            fx->state_cb(fx->context, comp, state);
            break;
        case CALL_REQUIRED:
            fx->required_cb(fx->context);
            break;
        case CALL_NOT_REQUIRED:
            fx->not_required_cb(fx->context);
            break;
        }
    }
}

static VOID NTAPI po_fx_timer_dpc(PKDPC dpc, PVOID context, PVOID a1, PVOID a2)
{
    struct po_fx *fx = context;
    (void)dpc, (void)a1, (void)a2;
    KeAcquireSpinLockAtDpcLevel(&fx->lock);
    /* An activation that raced this DPC leaves the time-out not passed. */
    fx->timer_due = fx->timer_armed && po_fx_all_idle(fx);
    fx->timer_armed = FALSE;
    KeReleaseSpinLockFromDpcLevel(&fx->lock);
    po_fx_run(fx);
}

/* ---- PO_FX_FLAG_ASYNC_ONLY: the run in a system worker thread -------------------------------- */

struct po_fx_async {
    WORK_QUEUE_ITEM work;
    struct po_fx *fx;
    struct po_fx_comp *comp;
};

static VOID NTAPI po_fx_async_run(PVOID context)
{
    struct po_fx_async *a = context;
    struct po_fx *fx = a->fx;
    KIRQL irql;
    KeAcquireSpinLock(&fx->lock, &irql);
    a->comp->async = FALSE;
    KeReleaseSpinLock(&fx->lock, irql);
    po_fx_run(fx);
    ExFreePoolWithTag(a, PO_FX_TAG);
    InterlockedDecrement(&fx->workers); /* last: PoFxUnregisterDevice may free fx after it */
}

/* Flags 0: drvhost decides for the synchronous way (the callbacks in the caller's thread). */
static void po_fx_kick(struct po_fx *fx, struct po_fx_comp *c, ULONG flags)
{
    if ((flags & PO_FX_FLAG_ASYNC_ONLY) != 0) {
        struct po_fx_async *a = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*a), PO_FX_TAG);
        if (a != NULL) {
            KIRQL irql;
            KeAcquireSpinLock(&fx->lock, &irql);
            c->async = TRUE;
            KeReleaseSpinLock(&fx->lock, irql);
            InterlockedIncrement(&fx->workers);
            a->fx = fx;
            a->comp = c;
            ExInitializeWorkItem(&a->work, po_fx_async_run, a);
            ExQueueWorkItem(&a->work, DelayedWorkQueue);
            return;
        }
        rtl_diag(RTL_DIAG_WARN, "po",
                 "PoFx: no memory for an asynchronous transition: run "
                 "synchronously");
    }
    po_fx_run(fx);
}

/* ---- registration ---------------------------------------------------------------------------- */

/* The documented reasons for STATUS_INVALID_PARAMETER, and an F0 with a latency or residency
 * (its page says both must be zero). */
static BOOLEAN po_fx_states_valid(ULONG n, const PO_FX_COMPONENT_IDLE_STATE *s, ULONG wakeable)
{
    return n != 0 && s != NULL && wakeable < n && s[0].TransitionLatency == 0 &&
           s[0].ResidencyRequirement == 0;
}

static void po_fx_comp_init(struct po_fx_comp *c, ULONG n, const PO_FX_COMPONENT_IDLE_STATE *s,
                            ULONG wakeable, PO_FX_COMPONENT_IDLE_STATE *copy)
{
    memcpy(copy, s, n * sizeof(*s));
    c->states = copy;
    c->nstates = n;
    c->deepest_wakeable = wakeable;
    c->latency = ~0ULL;
    c->residency = ~0ULL;
    c->active = TRUE; /* registered fully on and active (PoFxRegisterDevice's page) */
    KeInitializeEvent(&c->activated, NotificationEvent, TRUE);
}

/* Component i of either version: its states and deepest wakeable state. */
/* Components is an ANYSIZE_ARRAY: indexed through a pointer (ComponentCount elements). */
static void po_fx_comp_desc(const PO_FX_DEVICE *dev, ULONG i, ULONG *n,
                            const PO_FX_COMPONENT_IDLE_STATE **s, ULONG *wakeable)
{
    if (dev->Version == PO_FX_VERSION_V1) {
        const PO_FX_COMPONENT_V1 *all = ((const PO_FX_DEVICE_V1 *)dev)->Components, *c = all + i;
        *n = c->IdleStateCount, *s = c->IdleStates, *wakeable = c->DeepestWakeableIdleState;
    } else {
        const PO_FX_COMPONENT_V2 *all = ((const PO_FX_DEVICE_V2 *)dev)->Components, *c = all + i;
        *n = c->IdleStateCount, *s = c->IdleStates, *wakeable = c->DeepestWakeableIdleState;
    }
}

static ULONG po_fx_count(const PO_FX_DEVICE *dev)
{
    return dev->Version == PO_FX_VERSION_V1 ? ((const PO_FX_DEVICE_V1 *)dev)->ComponentCount
                                            : ((const PO_FX_DEVICE_V2 *)dev)->ComponentCount;
}

/* V1 and V2 differ only in Flags and where ComponentCount sits: the callbacks and context have
 * the same names in both, read through the version's own layout. */
#define PO_FX_COPY_CALLBACKS(fx, v)                                                                \
    do {                                                                                           \
        (fx)->active_cb = (v)->ComponentActiveConditionCallback;                                   \
        (fx)->idle_cb = (v)->ComponentIdleConditionCallback;                                       \
        (fx)->state_cb = (v)->ComponentIdleStateCallback;                                          \
        (fx)->required_cb = (v)->DevicePowerRequiredCallback;                                      \
        (fx)->not_required_cb = (v)->DevicePowerNotRequiredCallback;                               \
        (fx)->context = (v)->DeviceContext;                                                        \
    } while (0)

static void po_fx_callbacks(struct po_fx *fx, const PO_FX_DEVICE *d)
{
    if (d->Version == PO_FX_VERSION_V1)
        PO_FX_COPY_CALLBACKS(fx, (const PO_FX_DEVICE_V1 *)d);
    else
        PO_FX_COPY_CALLBACKS(fx, (const PO_FX_DEVICE_V2 *)d);
}

/* drvhost calls each of the five callbacks a transition needs: a registration without one is
 * refused (drvhost's choice; the pages name no status for it). */
static BOOLEAN po_fx_callbacks_given(const PO_FX_DEVICE *d)
{
    struct po_fx probe;
    po_fx_callbacks(&probe, d);
    return probe.active_cb != NULL && probe.idle_cb != NULL && probe.state_cb != NULL &&
           probe.required_cb != NULL && probe.not_required_cb != NULL;
}

static NTSTATUS po_fx_validate(PDEVICE_OBJECT pdo, const PO_FX_DEVICE *dev, ULONG *total)
{
    if (pdo == NULL || dev == NULL)
        return STATUS_INVALID_PARAMETER;
    if (dev->Version != PO_FX_VERSION_V1 && dev->Version != PO_FX_VERSION_V2) {
        rtl_diag(RTL_DIAG_WARN, "po",
                 "PoFxRegisterDevice: PO_FX_DEVICE version %lu (drvhost "
                 "reads V1 and V2)",
                 (unsigned long)dev->Version);
        return STATUS_INVALID_PARAMETER;
    }
    ULONG count = po_fx_count(dev);
    if (count == 0 || count > 0x10000)
        return STATUS_INVALID_PARAMETER;
    if (!po_fx_callbacks_given(dev)) {
        rtl_diag(RTL_DIAG_WARN, "po",
                 "PoFxRegisterDevice: drvhost needs all five component and device callbacks "
                 "(ComponentActiveCondition, ComponentIdleCondition, ComponentIdleState, "
                 "DevicePowerRequired, DevicePowerNotRequired)");
        return STATUS_INVALID_PARAMETER;
    }
    *total = 0;
    for (ULONG i = 0; i < count; i++) {
        ULONG n, wakeable;
        const PO_FX_COMPONENT_IDLE_STATE *s;
        po_fx_comp_desc(dev, i, &n, &s, &wakeable);
        if (!po_fx_states_valid(n, s, wakeable) || n > 0x10000)
            return STATUS_INVALID_PARAMETER;
        *total += n;
    }
    return STATUS_SUCCESS;
}

NTSTATUS NTAPI PoFxRegisterDevice(PDEVICE_OBJECT Pdo, PPO_FX_DEVICE Device, POHANDLE *Handle)
{
    vf_check_irql_at_most(PASSIVE_LEVEL, "PoFxRegisterDevice", Pdo, __builtin_return_address(0));
    ULONG states = 0;
    NTSTATUS st = po_fx_validate(Pdo, Device, &states);
    if (!NT_SUCCESS(st))
        return st;
    ULONG count = po_fx_count(Device);
    KIRQL irql;
    size_t size = sizeof(struct po_fx) + count * sizeof(struct po_fx_comp);
    struct po_fx *fx = ExAllocatePool2(
        POOL_FLAG_NON_PAGED, size + states * sizeof(PO_FX_COMPONENT_IDLE_STATE), PO_FX_TAG);
    if (fx == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    PO_FX_COMPONENT_IDLE_STATE *copy = (PO_FX_COMPONENT_IDLE_STATE *)((char *)fx + size);
    fx->magic = PO_FX_MAGIC;
    fx->pdo = Pdo;
    fx->ncomp = count;
    fx->dev = DEV_REQUIRED;
    po_fx_callbacks(fx, Device);
    KeInitializeSpinLock(&fx->lock);
    KeInitializeTimer(&fx->timer);
    KeInitializeDpc(&fx->dpc, po_fx_timer_dpc, fx);
    for (ULONG i = 0; i < count; i++) {
        ULONG n, wakeable;
        const PO_FX_COMPONENT_IDLE_STATE *s;
        po_fx_comp_desc(Device, i, &n, &s, &wakeable);
        po_fx_comp_init(&fx->comp[i], n, s, wakeable, copy);
        copy += n;
    }
    KeAcquireSpinLock(&po_fx_list_lock, &irql);
    InsertTailList(&po_fx_list, &fx->link);
    KeReleaseSpinLock(&po_fx_list_lock, irql);
    *Handle = (POHANDLE)fx;
    return STATUS_SUCCESS;
}

void po_fx_s0_sent(PDEVICE_OBJECT pdo)
{
    KIRQL irql;
    KeAcquireSpinLock(&po_fx_list_lock, &irql);
    for (PLIST_ENTRY e = po_fx_list.Flink; e != &po_fx_list; e = e->Flink) {
        struct po_fx *fx = CONTAINING_RECORD(e, struct po_fx, link);
        if (fx->pdo == pdo) {
            KeAcquireSpinLockAtDpcLevel(&fx->lock);
            fx->s0_report = TRUE;
            KeReleaseSpinLockFromDpcLevel(&fx->lock);
        }
    }
    KeReleaseSpinLock(&po_fx_list_lock, irql);
}

VOID NTAPI PoFxStartDevicePowerManagement(POHANDLE Handle)
{
    struct po_fx *fx =
        po_fx_from(Handle, "PoFxStartDevicePowerManagement", __builtin_return_address(0));
    KIRQL irql;
    KeAcquireSpinLock(&fx->lock, &irql);
    fx->started = TRUE;
    KeReleaseSpinLock(&fx->lock, irql);
    po_fx_run(fx);
}

VOID NTAPI PoFxUnregisterDevice(POHANDLE Handle)
{
    vf_check_irql_at_most(PASSIVE_LEVEL, "PoFxUnregisterDevice", Handle,
                          __builtin_return_address(0));
    struct po_fx *fx = po_fx_from(Handle, "PoFxUnregisterDevice", __builtin_return_address(0));
    KIRQL irql;
    KeAcquireSpinLock(&po_fx_list_lock, &irql);
    RemoveEntryList(&fx->link);
    KeReleaseSpinLock(&po_fx_list_lock, irql);
    KeCancelTimer(&fx->timer);
    KeFlushQueuedDpcs();
    while (InterlockedCompareExchange(&fx->workers, 0, 0) != 0) {
        LARGE_INTEGER ms = {.QuadPart = -10000};
        KeDelayExecutionThread(KernelMode, FALSE, &ms); /* an ASYNC_ONLY worker still runs */
    }
    fx->magic = 0;
    ExFreePoolWithTag(fx, PO_FX_TAG);
}

/* ---- activation references ------------------------------------------------------------------- */

static void po_fx_check_flags(ULONG flags, const char *ddi, POHANDLE h, const void *caller)
{
    if ((flags & ~(ULONG)(PO_FX_FLAG_BLOCKING | PO_FX_FLAG_ASYNC_ONLY)) != 0 ||
        flags == (PO_FX_FLAG_BLOCKING | PO_FX_FLAG_ASYNC_ONLY))
        po_fx_misuse(PO_FX_BAD_FLAGS, (ULONG_PTR)h, flags,
                     "%s: flags %#lx (PO_FX_FLAG_BLOCKING and PO_FX_FLAG_ASYNC_ONLY are mutually "
                     "exclusive; no other bit is defined)",
                     ddi, (unsigned long)flags);
    /* PO_FX_FLAG_BLOCKING "can be used only if the caller is running at IRQL < DISPATCH_LEVEL" */
    vf_check_irql_at_most((flags & PO_FX_FLAG_BLOCKING) ? APC_LEVEL : DISPATCH_LEVEL, ddi, h,
                          caller);
}

/* The checks PoFxActivateComponent and PoFxIdleComponent share: flags, IRQL, handle, index. */
static struct po_fx *po_fx_enter(POHANDLE h, ULONG component, ULONG flags, const char *ddi,
                                 const void *caller, struct po_fx_comp **c)
{
    po_fx_check_flags(flags, ddi, h, caller);
    struct po_fx *fx = po_fx_from(h, ddi, caller);
    *c = po_fx_comp(fx, component, ddi, caller);
    return fx;
}

VOID NTAPI PoFxActivateComponent(POHANDLE Handle, ULONG Component, ULONG Flags)
{
    struct po_fx_comp *c;
    struct po_fx *fx = po_fx_enter(Handle, Component, Flags, "PoFxActivateComponent",
                                   __builtin_return_address(0), &c);
    KIRQL irql;
    KeAcquireSpinLock(&fx->lock, &irql);
    BOOLEAN first = c->refs++ == 0;
    fx->timer_due = FALSE;
    if (first && fx->timer_armed) {
        KeCancelTimer(&fx->timer); /* a pending not-required is cancelled (its page) */
        fx->timer_armed = FALSE;
    }
    KeReleaseSpinLock(&fx->lock, irql);
    if (!first)
        return;
    po_fx_kick(fx, c, Flags);
    if ((Flags & PO_FX_FLAG_BLOCKING) != 0)
        KeWaitForSingleObject(&c->activated, Executive, KernelMode, FALSE, NULL);
}

/* PO_FX_FLAG_BLOCKING is taken as 0 (the transition runs in the caller's thread): the call
 * returns before the idle condition is reached only if the driver completes its idle callback
 * later from another thread (a deviation, docs/power.md). */
VOID NTAPI PoFxIdleComponent(POHANDLE Handle, ULONG Component, ULONG Flags)
{
    const void *caller = __builtin_return_address(0);
    struct po_fx_comp *c;
    struct po_fx *fx = po_fx_enter(Handle, Component, Flags, "PoFxIdleComponent", caller, &c);
    KIRQL irql;
    KeAcquireSpinLock(&fx->lock, &irql);
    LONG refs = c->refs;
    if (refs > 0)
        c->refs--;
    KeReleaseSpinLock(&fx->lock, irql);
    if (refs == 0)
        po_fx_misuse(PO_FX_NO_REFERENCE, (ULONG_PTR)fx, Component,
                     "PoFxIdleComponent: component %lu holds no activation reference (caller %p)",
                     (unsigned long)Component, caller);
    if (refs == 1)
        po_fx_kick(fx, c, Flags);
}

/* ---- the driver's completions ---------------------------------------------------------------- */

static void po_fx_end_step(POHANDLE h, ULONG component, enum po_fx_step step, const char *ddi,
                           const void *caller)
{
    vf_check_irql_at_most(DISPATCH_LEVEL, ddi, h, caller);
    struct po_fx *fx = po_fx_from(h, ddi, caller);
    struct po_fx_comp *c = po_fx_comp(fx, component, ddi, caller);
    KIRQL irql;
    KeAcquireSpinLock(&fx->lock, &irql);
    BOOLEAN was = c->step == step;
    if (was && step == STEP_CONDITION) {
        c->active = FALSE;
        KeClearEvent(&c->activated);
    } else if (was) {
        c->fstate = c->target; /* where the driver was asked to go, whatever changed since */
    }
    if (was)
        c->step = STEP_NONE;
    KeReleaseSpinLock(&fx->lock, irql);
    if (!was)
        po_fx_misuse(PO_FX_NOT_ASKED, (ULONG_PTR)fx, component,
                     "%s: component %lu has no such transition under way (caller %p)", ddi,
                     (unsigned long)component, caller);
    po_fx_run(fx);
}

VOID NTAPI PoFxCompleteIdleCondition(POHANDLE Handle, ULONG Component)
{
    po_fx_end_step(Handle, Component, STEP_CONDITION, "PoFxCompleteIdleCondition",
                   __builtin_return_address(0));
}

VOID NTAPI PoFxCompleteIdleState(POHANDLE Handle, ULONG Component)
{
    po_fx_end_step(Handle, Component, STEP_FSTATE, "PoFxCompleteIdleState",
                   __builtin_return_address(0));
}

static void po_fx_end_dev(POHANDLE h, enum po_fx_dev from, enum po_fx_dev to, const char *ddi,
                          const void *caller)
{
    vf_check_irql_at_most(DISPATCH_LEVEL, ddi, h, caller);
    struct po_fx *fx = po_fx_from(h, ddi, caller);
    KIRQL irql;
    KeAcquireSpinLock(&fx->lock, &irql);
    BOOLEAN was = fx->dev == from;
    if (was)
        fx->dev = to;
    fx->timer_due = FALSE;
    KeReleaseSpinLock(&fx->lock, irql);
    if (!was)
        po_fx_misuse(PO_FX_NOT_ASKED, (ULONG_PTR)fx, from,
                     "%s: PoFx did not ask for it (no device power transition of that kind "
                     "under way; caller %p)",
                     ddi, caller);
    po_fx_run(fx);
}

VOID NTAPI PoFxCompleteDevicePowerNotRequired(POHANDLE Handle)
{
    po_fx_end_dev(Handle, DEV_GOING_OFF, DEV_NOT_REQUIRED, "PoFxCompleteDevicePowerNotRequired",
                  __builtin_return_address(0));
}

/* The report owed after an S0 IRP, when no DevicePowerRequiredCallback waits for one. It changes
 * no PoFx state: the device power stays required or not required as it was. A driver keeps its
 * own count of the two callbacks (the pofx MultiComp sample stops the framework's idling at
 * power required and resumes it at power not required), so a DevicePowerNotRequiredCallback
 * after an S0 report that no DevicePowerRequiredCallback preceded would unbalance it. FALSE
 * when no such report is owed. */
static BOOLEAN po_fx_s0_reported(struct po_fx *fx)
{
    KIRQL irql;
    KeAcquireSpinLock(&fx->lock, &irql);
    BOOLEAN owed = fx->s0_report && fx->dev != DEV_GOING_ON;
    if (owed)
        fx->s0_report = FALSE;
    KeReleaseSpinLock(&fx->lock, irql);
    return owed;
}

VOID NTAPI PoFxReportDevicePoweredOn(POHANDLE Handle)
{
    const void *caller = __builtin_return_address(0);
    vf_check_irql_at_most(DISPATCH_LEVEL, "PoFxReportDevicePoweredOn", Handle, caller);
    struct po_fx *fx = po_fx_from(Handle, "PoFxReportDevicePoweredOn", caller);
    if (po_fx_s0_reported(fx))
        return;
    po_fx_end_dev(Handle, DEV_GOING_ON, DEV_REQUIRED, "PoFxReportDevicePoweredOn", caller);
}

/* ---- the PEP's hints ------------------------------------------------------------------------- */

/* Sets one limit of a component and lets an idle one move to the Fx state it now allows. */
static void po_fx_set(POHANDLE h, ULONG component, ULONGLONG *(*field)(struct po_fx_comp *),
                      ULONGLONG value, const char *ddi, const void *caller)
{
    vf_check_irql_at_most(DISPATCH_LEVEL, ddi, h, caller);
    struct po_fx *fx = po_fx_from(h, ddi, caller);
    struct po_fx_comp *c = po_fx_comp(fx, component, ddi, caller);
    KIRQL irql;
    KeAcquireSpinLock(&fx->lock, &irql);
    *field(c) = value;
    KeReleaseSpinLock(&fx->lock, irql);
    po_fx_run(fx);
}

static ULONGLONG *po_fx_latency(struct po_fx_comp *c)
{
    return &c->latency;
}

static ULONGLONG *po_fx_residency(struct po_fx_comp *c)
{
    return &c->residency;
}

VOID NTAPI PoFxSetComponentLatency(POHANDLE Handle, ULONG Component, ULONGLONG Latency)
{
    po_fx_set(Handle, Component, po_fx_latency, Latency, "PoFxSetComponentLatency",
              __builtin_return_address(0));
}

VOID NTAPI PoFxSetComponentResidency(POHANDLE Handle, ULONG Component, ULONGLONG Residency)
{
    po_fx_set(Handle, Component, po_fx_residency, Residency, "PoFxSetComponentResidency",
              __builtin_return_address(0));
}

VOID NTAPI PoFxSetComponentWake(POHANDLE Handle, ULONG Component, BOOLEAN WakeHint)
{
    const void *caller = __builtin_return_address(0);
    vf_check_irql_at_most(DISPATCH_LEVEL, "PoFxSetComponentWake", Handle, caller);
    struct po_fx *fx = po_fx_from(Handle, "PoFxSetComponentWake", caller);
    struct po_fx_comp *c = po_fx_comp(fx, Component, "PoFxSetComponentWake", caller);
    KIRQL irql;
    KeAcquireSpinLock(&fx->lock, &irql);
    c->wake = WakeHint != FALSE;
    KeReleaseSpinLock(&fx->lock, irql);
    po_fx_run(fx);
}

VOID NTAPI PoFxSetDeviceIdleTimeout(POHANDLE Handle, ULONGLONG IdleTimeout)
{
    const void *caller = __builtin_return_address(0);
    vf_check_irql_at_most(DISPATCH_LEVEL, "PoFxSetDeviceIdleTimeout", Handle, caller);
    struct po_fx *fx = po_fx_from(Handle, "PoFxSetDeviceIdleTimeout", caller);
    KIRQL irql;
    KeAcquireSpinLock(&fx->lock, &irql);
    fx->idle_timeout = IdleTimeout; /* for future DevicePowerNotRequired calls (its page) */
    KeReleaseSpinLock(&fx->lock, irql);
}

/* Without a PEP no power control code is supported: "The power engine plug-in (PEP) does not
 * acknowledge support for this device". */
NTSTATUS NTAPI PoFxPowerControl(POHANDLE Handle, LPCGUID PowerControlCode, PVOID InBuffer,
                                SIZE_T InBufferSize, PVOID OutBuffer, SIZE_T OutBufferSize,
                                PSIZE_T BytesReturned)
{
    const void *caller = __builtin_return_address(0);
    vf_check_irql_at_most(DISPATCH_LEVEL, "PoFxPowerControl", Handle, caller);
    (void)po_fx_from(Handle, "PoFxPowerControl", caller);
    (void)PowerControlCode, (void)InBuffer, (void)InBufferSize, (void)OutBuffer,
        (void)OutBufferSize;
    if (BytesReturned != NULL)
        *BytesReturned = 0;
    return STATUS_NOT_SUPPORTED;
}

/* A notification for the PEP; drvhost has none and powers nothing as a side effect. */
VOID NTAPI PoFxNotifySurprisePowerOn(PDEVICE_OBJECT Pdo)
{
    vf_check_irql_at_most(DISPATCH_LEVEL, "PoFxNotifySurprisePowerOn", Pdo,
                          __builtin_return_address(0));
}
