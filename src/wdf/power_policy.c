/*
 * power_policy.c - the framework's power policy for the device's power policy owner: the
 * driver's power policy callbacks (arm and disarm for wake), idle power-down (Microsoft:
 * "Supporting Idle Power-Down": the idle timer sends the device to its DxState, I/O to a
 * power-managed queue or WdfDeviceStopIdle brings it back), wake settings (Sx), the D-state of
 * each system state (the capabilities' DeviceState[] with WdfDeviceSetPowerCapabilities'
 * overrides), the system power action, the PnP device state and failing a device.
 *
 * Threads. A transition the framework starts by itself (idle power-down, power-up for I/O or
 * WdfDeviceStopIdle) runs on a system worker thread (the idle timer's DPC queues it), which
 * requests the device set-power IRP and waits for it; pnp.c turns the IRP into the callbacks.
 * `transition` (a synchronization event: it may be released by another thread than the one
 * that took it, as a system set-power IRP's PowerCompletion does) lets one transition run at a
 * time per device: the worker's, a system sleep or wake's, a PnP IRP's.
 *
 * Lifetime: made by WdfDeviceCreate (wdf_power_policy_attach) for a PnP device, freed with the
 * device (wdf_power_policy_free, after the timer is cancelled and the worker is done).
 */
#include <stdlib.h>
#include <string.h>

#include "ke/ke.h"
#include "rtl/rtl.h"
#include "wdf/wdf_private.h"

#define WDF_IDLE_DEFAULT_MS 5000 /* Microsoft: IdleTimeoutDefaultValue is five seconds */

struct wdf_power_policy {
    struct wdf_device *dev;
    WDF_POWER_POLICY_EVENT_CALLBACKS cb;
    KEVENT transition; /* signalled: no transition runs (see above) */
    os_mutex lock;     /* the fields below */
    os_cond changed;   /* in_d0, failed, removed changed; the worker finished */
    BOOLEAN idle_assigned;
    WDF_DEVICE_POWER_POLICY_IDLE_SETTINGS idle; /* 1.33 layout; older ones zero-extended */
    BOOLEAN idle_enabled;
    BOOLEAN wake_assigned;
    WDF_DEVICE_POWER_POLICY_WAKE_SETTINGS wake;
    BOOLEAN caps_assigned;
    WDF_DEVICE_POWER_CAPABILITIES caps; /* WdfDeviceSetPowerCapabilities' */
    DEVICE_CAPABILITIES reported;       /* the stack's, from IRP_MN_QUERY_CAPABILITIES */
    BOOLEAN have_reported;
    LONG refs;          /* WdfDeviceStopIdle's power references */
    BOOLEAN in_d0;      /* the device is in D0 (pnp.c tells: wdf_power_policy_d0) */
    BOOLEAN idle_off;   /* in its DxState by the idle timer while the system is in S0 */
    BOOLEAN want_d0;    /* I/O or WdfDeviceStopIdle waits for D0 */
    BOOLEAN sleeping;   /* the system is in a sleeping state (or going there) */
    BOOLEAN removed;    /* no more idle transitions: the device left the started state */
    BOOLEAN failed;     /* WdfDeviceSetFailed, or a power-up failed */
    BOOLEAN timer_due;  /* the idle timer expired: the worker decides */
    BOOLEAN going_down; /* the worker decided an idle power-down: not in D0 for StopIdle */
    BOOLEAN work_queued;
    ULONG work_running;         /* workers running (one may queue the next while it runs) */
    ULONG activity;             /* I/O arrivals (atomic) */
    ULONG activity_armed;       /* `activity` when the timer was set */
    BOOLEAN armed_s0, armed_sx; /* which disarm callback the power-up calls */
    POWER_ACTION action;        /* the system power IRP's under way, PowerActionNone */
    WDF_DEVICE_STATE pnp_state; /* WdfDeviceSetDeviceState's */
    KTIMER timer;
    KDPC dpc;
    PIO_WORKITEM work;
};

#define WDF_DEVICE_GET(g, h)                                                                       \
    CONTAINING_RECORD(wdf_object_get(g, h, WDF_TYPE_DEVICE), struct wdf_device, obj)

static VOID NTAPI wdf_pp_worker(PDEVICE_OBJECT device, PVOID context);
static VOID NTAPI wdf_pp_timer_dpc(PKDPC dpc, PVOID context, PVOID a1, PVOID a2);
static void wdf_pp_caps_over(PWDF_DEVICE_POWER_CAPABILITIES c, PDEVICE_CAPABILITIES caps);
static DEVICE_POWER_STATE wdf_pp_sx_dstate(struct wdf_power_policy *pp, SYSTEM_POWER_STATE s);

/* ---- creation and deletion ------------------------------------------------------------- */

VOID imp_WdfDeviceInitSetPowerPolicyEventCallbacks(PWDF_DRIVER_GLOBALS globals,
                                                   PWDFDEVICE_INIT DeviceInit,
                                                   PWDF_POWER_POLICY_EVENT_CALLBACKS callbacks)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    PWDFDEVICE_INIT init = wdf_init_get(g, DeviceInit, "WdfDeviceInitSetPowerPolicyEventCallbacks",
                                        __builtin_return_address(0));
    WDF_CHECK_NOT_NULL(g, callbacks);
    if (callbacks->Size != sizeof(*callbacks)) { /* the routine returns nothing: said, ignored */
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': WdfDeviceInitSetPowerPolicyEventCallbacks: Size %lu, not %zu: "
                 "the callbacks are ignored",
                 g->pub.DriverName, (unsigned long)callbacks->Size, sizeof(*callbacks));
        return;
    }
    init->power_policy_callbacks = *callbacks;
}

NTSTATUS wdf_power_policy_attach(PWDFDEVICE_INIT init, struct wdf_device *dev)
{
    struct wdf_power_policy *pp = calloc(1, sizeof(*pp));
    if (pp == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    pp->work = IoAllocateWorkItem(dev->wdm);
    if (pp->work == NULL) {
        free(pp);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    pp->dev = dev;
    pp->cb = init->power_policy_callbacks;
    KeInitializeEvent(&pp->transition, SynchronizationEvent, TRUE);
    os_mutex_init(&pp->lock);
    os_cond_init(&pp->changed);
    KeInitializeTimer(&pp->timer);
    KeInitializeDpc(&pp->dpc, wdf_pp_timer_dpc, pp);
    pp->action = PowerActionNone;
    WDF_DEVICE_STATE_INIT(&pp->pnp_state);
    dev->pp = pp;
    return STATUS_SUCCESS;
}

/* The device is deleted (REMOVE_DEVICE, or a failed EvtDriverDeviceAdd): no timer, no worker
 * after this. The state itself stays until the device object goes (wdf_power_policy_release):
 * a thread still holding a queue or request of the device may look at it meanwhile, and finds
 * it removed. */
void wdf_power_policy_stop(struct wdf_device *dev)
{
    struct wdf_power_policy *pp = dev->pp;
    if (pp == NULL)
        return;
    os_mutex_lock(&pp->lock);
    pp->removed = TRUE;
    os_mutex_unlock(&pp->lock);
    KeCancelTimer(&pp->timer);
    KeFlushQueuedDpcs();
    os_mutex_lock(&pp->lock);
    while (pp->work_queued || pp->work_running != 0)
        os_cond_wait(&pp->changed, &pp->lock);
    os_mutex_unlock(&pp->lock);
}

/* The device object goes (its last reference: no child object is left to reach the state). */
void wdf_power_policy_release(struct wdf_device *dev)
{
    struct wdf_power_policy *pp = dev->pp;
    if (pp == NULL)
        return;
    IoFreeWorkItem(pp->work);
    os_cond_destroy(&pp->changed);
    os_mutex_destroy(&pp->lock);
    dev->pp = NULL;
    free(pp);
}

void wdf_power_policy_free(struct wdf_device *dev)
{
    wdf_power_policy_stop(dev);
    wdf_power_policy_release(dev);
}

/* ---- transitions: one at a time -------------------------------------------------------- */

void wdf_power_policy_lock(struct wdf_device *dev)
{
    if (dev->pp != NULL)
        KeWaitForSingleObject(&dev->pp->transition, Executive, KernelMode, FALSE, NULL);
}

void wdf_power_policy_unlock(struct wdf_device *dev)
{
    if (dev->pp != NULL)
        KeSetEvent(&dev->pp->transition, IO_NO_INCREMENT, FALSE);
}

/* ---- the idle timer and the worker ----------------------------------------------------- */

static ULONG wdf_pp_timeout_ms(struct wdf_power_policy *pp)
{
    return pp->idle.IdleTimeout != IdleTimeoutDefaultValue ? pp->idle.IdleTimeout
                                                           : WDF_IDLE_DEFAULT_MS;
}

/* Under pp->lock: (re)starts the idle timer when the device may idle. */
static void wdf_pp_arm_timer(struct wdf_power_policy *pp)
{
    LARGE_INTEGER due;
    if (!pp->idle_enabled || pp->refs != 0 || !pp->in_d0 || pp->removed || pp->sleeping ||
        pp->failed)
        return;
    pp->activity_armed = __atomic_load_n(&pp->activity, __ATOMIC_RELAXED);
    pp->timer_due = FALSE;
    due.QuadPart = -(LONGLONG)wdf_pp_timeout_ms(pp) * 10000;
    KeSetTimer(&pp->timer, due, &pp->dpc);
}

/* Under pp->lock: the worker runs soon (once, however often it is asked). */
static void wdf_pp_kick(struct wdf_power_policy *pp)
{
    if (pp->work_queued || pp->removed)
        return;
    pp->work_queued = TRUE;
    IoQueueWorkItem(pp->work, wdf_pp_worker, DelayedWorkQueue, pp);
}

static VOID NTAPI wdf_pp_timer_dpc(PKDPC dpc, PVOID context, PVOID a1, PVOID a2)
{
    struct wdf_power_policy *pp = context;
    (void)dpc;
    (void)a1;
    (void)a2;
    os_mutex_lock(&pp->lock);
    pp->timer_due = TRUE;
    wdf_pp_kick(pp);
    os_mutex_unlock(&pp->lock);
}

/* Whether a power-managed queue of the device holds or serves a request (the device is not
 * idle then; Microsoft: "Supporting Idle Power-Down"). */
static BOOLEAN wdf_pp_queues_busy(struct wdf_device *dev)
{
    BOOLEAN busy = FALSE;
    os_mutex_lock(&wdf_tree_lock);
    for (PLIST_ENTRY e = dev->obj.children.Flink; e != &dev->obj.children && !busy; e = e->Flink) {
        struct wdf_object *o = CONTAINING_RECORD(e, struct wdf_object, sibling);
        struct wdf_queue *q = CONTAINING_RECORD(o, struct wdf_queue, obj);
        if (o->type != WDF_TYPE_QUEUE || !q->power_managed)
            continue;
        os_mutex_lock(&q->lock);
        busy = q->queued != 0 || q->owned_count != 0 || q->presented != 0;
        os_mutex_unlock(&q->lock);
    }
    os_mutex_unlock(&wdf_tree_lock);
    return busy;
}

/* The device state the idle timer sends the device to: DxState, PowerDeviceMaximum meaning
 * the state the stack can wake from (DeviceWake; D3 when it reported none). */
static DEVICE_POWER_STATE wdf_pp_idle_dx(struct wdf_power_policy *pp)
{
    DEVICE_POWER_STATE d = pp->idle.DxState;
    if (d == PowerDeviceMaximum)
        d = pp->caps_assigned && pp->caps.DeviceWake >= PowerDeviceD1 &&
                    pp->caps.DeviceWake <= PowerDeviceD3
                ? pp->caps.DeviceWake
            : pp->have_reported && pp->reported.DeviceWake >= PowerDeviceD1 &&
                    pp->reported.DeviceWake <= PowerDeviceD3
                ? pp->reported.DeviceWake
                : PowerDeviceD3;
    return d;
}

/* Under pp->lock: what the worker does next: D0, a Dx, or nothing (PowerDeviceUnspecified). */
static DEVICE_POWER_STATE wdf_pp_decide(struct wdf_power_policy *pp, BOOLEAN *busy_check)
{
    *busy_check = FALSE;
    if (pp->removed || pp->sleeping || pp->failed)
        return PowerDeviceUnspecified;
    if (pp->idle_off && (pp->want_d0 || pp->refs != 0))
        return PowerDeviceD0;
    if (!pp->idle_off && pp->in_d0 && pp->timer_due && pp->idle_enabled && pp->refs == 0) {
        pp->timer_due = FALSE;
        if (__atomic_load_n(&pp->activity, __ATOMIC_RELAXED) !=
            pp->activity_armed) { /* I/O came meanwhile: idle from now */
            wdf_pp_arm_timer(pp);
            return PowerDeviceUnspecified;
        }
        *busy_check = TRUE;
        pp->going_down = TRUE;
        return wdf_pp_idle_dx(pp);
    }
    return PowerDeviceUnspecified;
}

struct wdf_pp_wait {
    KEVENT done;
    NTSTATUS status;
};

static VOID NTAPI wdf_pp_dirp_done(PDEVICE_OBJECT device, UCHAR minor, POWER_STATE state,
                                   PVOID context, PIO_STATUS_BLOCK iosb)
{
    struct wdf_pp_wait *w = context;
    (void)device;
    (void)minor;
    (void)state;
    w->status = iosb->Status;
    KeSetEvent(&w->done, IO_NO_INCREMENT, FALSE);
}

/* Requests the device set-power IRP for `d` from the stack's top and waits for it. */
static NTSTATUS wdf_pp_request_d(struct wdf_device *dev, DEVICE_POWER_STATE d)
{
    struct wdf_pp_wait w;
    NTSTATUS status;
    KeInitializeEvent(&w.done, NotificationEvent, FALSE);
    w.status = STATUS_UNSUCCESSFUL;
    status = PoRequestPowerIrp(dev->pdo, IRP_MN_SET_POWER, (POWER_STATE){.DeviceState = d},
                               wdf_pp_dirp_done, &w, NULL);
    if (!NT_SUCCESS(status))
        return status;
    KeWaitForSingleObject(&w.done, Executive, KernelMode, FALSE, NULL);
    return w.status;
}

/* wdfstate: the power policy states an idle transition passes through (state_notify.c): the
 * one before the device IRP (going down: the timer expired; coming back: the power-up) and,
 * after it, idle in Dx armed or not, or started again. */
static ULONG wdf_pp_state_before(struct wdf_power_policy *pp, DEVICE_POWER_STATE d)
{
    ULONG state;
    os_mutex_lock(&pp->lock);
    if (d == PowerDeviceD0)
        state = pp->armed_s0 ? WdfDevStatePwrPolS0WakeDisarm : WdfDevStatePwrPolS0NoWakePowerUp;
    else
        state = pp->idle.IdleCaps != IdleCannotWakeFromS0
                    ? WdfDevStatePwrPolTimerExpiredWakeCapablePowerDown
                    : WdfDevStatePwrPolTimerExpiredNoWake;
    os_mutex_unlock(&pp->lock);
    return state;
}

static ULONG wdf_pp_state_after(struct wdf_power_policy *pp)
{
    BOOLEAN off, armed;
    os_mutex_lock(&pp->lock);
    off = pp->idle_off;
    armed = pp->armed_s0;
    os_mutex_unlock(&pp->lock);
    if (!off)
        return wdf_power_policy_started_state(pp->dev);
    return armed ? WdfDevStatePwrPolWaitingArmed : WdfDevStatePwrPolWaitingUnarmed;
}

ULONG wdf_power_policy_started_state(struct wdf_device *dev)
{
    struct wdf_power_policy *pp = dev->pp;
    ULONG state = WdfDevStatePwrPolStarted;
    if (pp == NULL || !dev->power_policy_owner)
        return state;
    os_mutex_lock(&pp->lock);
    if (pp->idle_assigned && pp->idle_enabled)
        state = pp->idle.IdleCaps == IdleCannotWakeFromS0 ? WdfDevStatePwrPolStartedIdleCapable
                                                          : WdfDevStatePwrPolStartedWakeCapable;
    os_mutex_unlock(&pp->lock);
    return state;
}

/* One idle transition, the transition lock held. */
static void wdf_pp_transition(struct wdf_power_policy *pp, DEVICE_POWER_STATE d)
{
    NTSTATUS status;
    wdf_state_set(pp->dev, WDF_MACHINE_PWRPOL, wdf_pp_state_before(pp, d));
    if (d != PowerDeviceD0)
        wdf_pofx_idle(pp->dev); /* PoFx: the component idles before the device leaves D0 */
    status = wdf_pp_request_d(pp->dev, d);
    os_mutex_lock(&pp->lock);
    if (d == PowerDeviceD0) {
        pp->want_d0 = FALSE;
        if (NT_SUCCESS(status))
            __atomic_store_n(&pp->idle_off, FALSE, __ATOMIC_RELEASE);
        wdf_pp_arm_timer(pp);
    } else {
        pp->going_down = FALSE;
        if (NT_SUCCESS(status) && !pp->in_d0)
            __atomic_store_n(&pp->idle_off, TRUE, __ATOMIC_RELEASE);
    }
    os_cond_broadcast(&pp->changed);
    os_mutex_unlock(&pp->lock);
    if (d != PowerDeviceD0 && !wdf_power_policy_idle_off(pp->dev))
        wdf_pofx_d0(pp->dev); /* it stayed in D0: the component active again */
    wdf_state_set(pp->dev, WDF_MACHINE_PWRPOL, wdf_pp_state_after(pp));
    if (d != PowerDeviceD0 && wdf_pp_queues_busy(pp->dev)) {
        os_mutex_lock(&pp->lock); /* requests came while it went down: back to D0 */
        pp->want_d0 = pp->idle_off;
        os_mutex_unlock(&pp->lock);
    }
    if (!NT_SUCCESS(status))
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': the device's set-power IRP for D%d failed (0x%08X)",
                 pp->dev->obj.owner->pub.DriverName, (int)d - 1, (unsigned)status);
}

static VOID NTAPI wdf_pp_worker(PDEVICE_OBJECT device, PVOID context)
{
    struct wdf_power_policy *pp = context;
    (void)device;
    os_mutex_lock(&pp->lock);
    pp->work_queued = FALSE;
    pp->work_running++;
    os_mutex_unlock(&pp->lock);
    for (;;) {
        DEVICE_POWER_STATE d;
        BOOLEAN busy_check;
        KeWaitForSingleObject(&pp->transition, Executive, KernelMode, FALSE, NULL);
        os_mutex_lock(&pp->lock);
        d = wdf_pp_decide(pp, &busy_check);
        os_mutex_unlock(&pp->lock);
        if (d != PowerDeviceUnspecified && busy_check && wdf_pp_queues_busy(pp->dev)) {
            os_mutex_lock(&pp->lock);
            pp->going_down = FALSE;
            wdf_pp_arm_timer(pp); /* not idle: try again a time-out later */
            os_cond_broadcast(&pp->changed);
            os_mutex_unlock(&pp->lock);
            d = PowerDeviceUnspecified;
        }
        if (d != PowerDeviceUnspecified)
            wdf_pp_transition(pp, d);
        KeSetEvent(&pp->transition, IO_NO_INCREMENT, FALSE);
        if (d == PowerDeviceUnspecified)
            break;
    }
    os_mutex_lock(&pp->lock);
    pp->work_running--;
    os_cond_broadcast(&pp->changed);
    os_mutex_unlock(&pp->lock);
}

/* ---- what pnp.c and queue.c tell ------------------------------------------------------- */

/* The device entered (TRUE) or left D0 (pnp.c, in the thread of the device IRP). */
void wdf_power_policy_d0(struct wdf_device *dev, BOOLEAN in_d0)
{
    struct wdf_power_policy *pp = dev->pp;
    if (pp == NULL)
        return;
    os_mutex_lock(&pp->lock);
    pp->in_d0 = in_d0;
    if (in_d0) {
        pp->removed = FALSE;
        __atomic_store_n(&pp->idle_off, FALSE, __ATOMIC_RELEASE);
        wdf_pp_arm_timer(pp);
    } else {
        KeCancelTimer(&pp->timer);
    }
    os_cond_broadcast(&pp->changed);
    os_mutex_unlock(&pp->lock);
}

/* The device leaves the started state (stop, surprise removal, removal): no idle transitions
 * until it starts again; waiters of WdfDeviceStopIdle give up. */
void wdf_power_policy_stopped(struct wdf_device *dev)
{
    struct wdf_power_policy *pp = dev->pp;
    if (pp == NULL)
        return;
    os_mutex_lock(&pp->lock);
    pp->removed = TRUE;
    __atomic_store_n(&pp->idle_off, FALSE, __ATOMIC_RELEASE);
    pp->want_d0 = FALSE;
    KeCancelTimer(&pp->timer);
    os_cond_broadcast(&pp->changed);
    os_mutex_unlock(&pp->lock);
}

/* A request arrived at a power-managed queue (queue.c). While the device idles in its
 * DxState, the framework brings it back to D0 and the queue presents the request then. */
void wdf_power_policy_io(struct wdf_device *dev)
{
    struct wdf_power_policy *pp = dev->pp;
    if (pp == NULL)
        return;
    /* Lock-free unless the device idles: a request that comes while the device goes down is
     * seen by the worker once it is down (wdf_pp_transition). */
    __atomic_add_fetch(&pp->activity, 1, __ATOMIC_RELAXED);
    if (!__atomic_load_n(&pp->idle_off, __ATOMIC_ACQUIRE))
        return;
    os_mutex_lock(&pp->lock);
    if (pp->idle_off) {
        pp->want_d0 = TRUE;
        wdf_pp_kick(pp);
    }
    os_mutex_unlock(&pp->lock);
}

/* PnP (a query to remove or stop the device, pnp.c, the transition lock held): a power
 * reference (`hold` TRUE: the device returns to D0 now if it idles, and stays there) or its
 * release (FALSE). */
void wdf_power_policy_hold(struct wdf_device *dev, BOOLEAN hold)
{
    struct wdf_power_policy *pp = dev->pp;
    BOOLEAN wake;
    if (pp == NULL)
        return;
    os_mutex_lock(&pp->lock);
    if (!hold) {
        if (pp->refs != 0 && --pp->refs == 0)
            wdf_pp_arm_timer(pp);
        os_mutex_unlock(&pp->lock);
        return;
    }
    pp->refs++;
    KeCancelTimer(&pp->timer);
    wake = pp->idle_off && !pp->sleeping;
    os_mutex_unlock(&pp->lock);
    if (wake)
        wdf_pp_transition(pp, PowerDeviceD0);
}

/* Whether the device idles in its DxState (the system in S0). */
BOOLEAN wdf_power_policy_idle_off(struct wdf_device *dev)
{
    BOOLEAN off = FALSE;
    if (dev->pp != NULL) {
        os_mutex_lock(&dev->pp->lock);
        off = dev->pp->idle_off;
        os_mutex_unlock(&dev->pp->lock);
    }
    return off;
}

/* ---- arming for wake (pnp.c calls these inside the power-down and power-up sequences) --- */

/* Leaving D0 (after the queues stopped, before D0ExitPreInterruptsDisabled): the power policy
 * owner's arm callback, S0 for an idle power-down with IdleCanWakeFromS0, Sx for a system sleep
 * with wake enabled. A failing arm callback: the device goes down unarmed (drvhost's reading). */
void wdf_power_policy_arm(struct wdf_device *dev)
{
    struct wdf_power_policy *pp = dev->pp;
    NTSTATUS status = STATUS_SUCCESS;
    BOOLEAN sleeping, s0, sx;
    if (pp == NULL || !dev->power_policy_owner)
        return;
    os_mutex_lock(&pp->lock);
    sleeping = pp->sleeping;
    s0 = !sleeping && pp->idle_assigned && pp->idle_enabled &&
         pp->idle.IdleCaps != IdleCannotWakeFromS0;
    sx = sleeping && pp->wake_assigned && pp->wake.Enabled != WdfFalse;
    os_mutex_unlock(&pp->lock);
    if (s0 && pp->cb.EvtDeviceArmWakeFromS0 != NULL)
        status = pp->cb.EvtDeviceArmWakeFromS0((WDFDEVICE)dev);
    else if (sx && pp->cb.EvtDeviceArmWakeFromSxWithReason != NULL)
        status = pp->cb.EvtDeviceArmWakeFromSxWithReason((WDFDEVICE)dev, TRUE, FALSE);
    else if (sx && pp->cb.EvtDeviceArmWakeFromSx != NULL)
        status = pp->cb.EvtDeviceArmWakeFromSx((WDFDEVICE)dev);
    os_mutex_lock(&pp->lock);
    pp->armed_s0 = s0 && NT_SUCCESS(status);
    pp->armed_sx = sx && NT_SUCCESS(status);
    os_mutex_unlock(&pp->lock);
}

/* Entering D0 (after D0EntryPostInterruptsEnabled, before the queues restart): the disarm
 * callback of what was armed. */
void wdf_power_policy_disarm(struct wdf_device *dev)
{
    struct wdf_power_policy *pp = dev->pp;
    BOOLEAN s0, sx;
    if (pp == NULL || !dev->power_policy_owner)
        return;
    os_mutex_lock(&pp->lock);
    s0 = pp->armed_s0;
    sx = pp->armed_sx;
    pp->armed_s0 = pp->armed_sx = FALSE;
    os_mutex_unlock(&pp->lock);
    if (s0 && pp->cb.EvtDeviceDisarmWakeFromS0 != NULL)
        pp->cb.EvtDeviceDisarmWakeFromS0((WDFDEVICE)dev);
    if (sx && pp->cb.EvtDeviceDisarmWakeFromSx != NULL)
        pp->cb.EvtDeviceDisarmWakeFromSx((WDFDEVICE)dev);
}

/* ---- system power ----------------------------------------------------------------------- */

/* The device state for system state `s` (S0: D0): the driver's DeviceState[s] if it set one,
 * else the stack's, else D3 (Microsoft: "Handling a System Set-Power IRP in a Device Power
 * Policy Owner"); with wake armed, the wake settings' DxState (PowerDeviceMaximum: the same
 * table). */
DEVICE_POWER_STATE wdf_power_policy_dstate(struct wdf_device *dev, SYSTEM_POWER_STATE s)
{
    struct wdf_power_policy *pp = dev->pp;
    DEVICE_POWER_STATE d = PowerDeviceD3;
    if (s == PowerSystemWorking)
        return PowerDeviceD0;
    if (pp == NULL || s <= PowerSystemUnspecified || s >= PowerSystemMaximum)
        return d;
    os_mutex_lock(&pp->lock);
    d = wdf_pp_sx_dstate(pp, s);
    os_mutex_unlock(&pp->lock);
    return d;
}

/* Under pp->lock: wdf_power_policy_dstate's choice. */
static DEVICE_POWER_STATE wdf_pp_sx_dstate(struct wdf_power_policy *pp, SYSTEM_POWER_STATE s)
{
    DEVICE_POWER_STATE d = PowerDeviceD3;
    if (pp->wake_assigned && pp->wake.Enabled != WdfFalse && pp->wake.DxState >= PowerDeviceD1 &&
        pp->wake.DxState <= PowerDeviceD3)
        return pp->wake.DxState;
    if (pp->caps_assigned && pp->caps.DeviceState[s] >= PowerDeviceD1 &&
        pp->caps.DeviceState[s] <= PowerDeviceD3)
        d = pp->caps.DeviceState[s];
    else if (pp->have_reported && pp->reported.DeviceState[s] >= PowerDeviceD1 &&
             pp->reported.DeviceState[s] <= PowerDeviceD3)
        d = pp->reported.DeviceState[s];
    return d;
}

/* A system set-power IRP begins (Sx: the device follows; S0: it returns) and ends. */
void wdf_power_policy_system(struct wdf_device *dev, SYSTEM_POWER_STATE s, POWER_ACTION action)
{
    struct wdf_power_policy *pp = dev->pp;
    if (pp == NULL)
        return;
    os_mutex_lock(&pp->lock);
    pp->action = action;
    pp->sleeping = s != PowerSystemWorking;
    if (pp->sleeping)
        KeCancelTimer(&pp->timer);
    os_mutex_unlock(&pp->lock);
    if (wdf_pnp_started(dev)) /* wdfstate: the framework's Sleeping / SystemWakeDeviceToD0 */
        wdf_state_set(dev, WDF_MACHINE_PWRPOL,
                      s != PowerSystemWorking ? WdfDevStatePwrPolSleeping
                                              : WdfDevStatePwrPolSystemWakeDeviceToD0);
}

void wdf_power_policy_system_done(struct wdf_device *dev)
{
    struct wdf_power_policy *pp = dev->pp;
    BOOLEAN sleeping, armed;
    if (pp == NULL)
        return;
    os_mutex_lock(&pp->lock);
    pp->action = PowerActionNone;
    if (!pp->sleeping && pp->idle_off && (pp->want_d0 || pp->refs != 0))
        wdf_pp_kick(pp); /* requests held through the sleep, or a power reference */
    sleeping = pp->sleeping;
    armed = pp->armed_sx;
    os_cond_broadcast(&pp->changed);
    os_mutex_unlock(&pp->lock);
    if (!wdf_pnp_started(dev)) /* wdfstate: asleep (armed or not), or back as before */
        return;
    wdf_state_set(dev, WDF_MACHINE_PWRPOL,
                  !sleeping ? wdf_pp_state_after(pp)
                  : armed   ? WdfDevStatePwrPolSystemAsleepWakeArmed
                            : WdfDevStatePwrPolSystemAsleepNoWake);
}

/* On system wake: whether the device returns to D0 now. A device that idled in its DxState
 * before the sleep stays there unless PowerUpIdleDeviceOnSystemWake is WdfTrue or something
 * waits for D0 (Microsoft: WDF_DEVICE_POWER_POLICY_IDLE_SETTINGS). */
BOOLEAN wdf_power_policy_wake_to_d0(struct wdf_device *dev)
{
    struct wdf_power_policy *pp = dev->pp;
    BOOLEAN d0 = TRUE;
    if (pp == NULL)
        return TRUE;
    os_mutex_lock(&pp->lock);
    if (pp->idle_off)
        d0 = pp->idle.PowerUpIdleDeviceOnSystemWake == WdfTrue || pp->want_d0 || pp->refs != 0;
    os_mutex_unlock(&pp->lock);
    return d0;
}

POWER_ACTION imp_WdfDeviceGetSystemPowerAction(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device)
{
    struct wdf_device *dev = WDF_DEVICE_GET(wdf_globals_of(globals), Device);
    POWER_ACTION action = PowerActionNone;
    if (dev->pp != NULL) {
        os_mutex_lock(&dev->pp->lock);
        action = dev->pp->action;
        os_mutex_unlock(&dev->pp->lock);
    }
    return action;
}

/* ---- capabilities ----------------------------------------------------------------------- */

static void wdf_tri_apply(BOOLEAN *field, WDF_TRI_STATE value)
{
    if (value != WdfUseDefault)
        *field = value == WdfTrue;
}

/* IRP_MN_QUERY_CAPABILITIES on its way up (pnp.c): the stack's values recorded, then the
 * driver's WdfDeviceSetPowerCapabilities values written over them. */
void wdf_power_policy_caps(struct wdf_device *dev, PDEVICE_CAPABILITIES caps)
{
    struct wdf_power_policy *pp = dev->pp;
    if (pp == NULL || caps == NULL)
        return;
    os_mutex_lock(&pp->lock);
    pp->reported = *caps;
    pp->have_reported = TRUE;
    if (pp->caps_assigned)
        wdf_pp_caps_over(&pp->caps, caps);
    os_mutex_unlock(&pp->lock);
}

/* The driver's capabilities written over the stack's: its tri-states other than WdfUseDefault,
 * its D-states other than PowerDeviceMaximum, its latencies other than -1. */
static void wdf_pp_caps_over(PWDF_DEVICE_POWER_CAPABILITIES c, PDEVICE_CAPABILITIES caps)
{
    BOOLEAN b;
    b = caps->DeviceD1, wdf_tri_apply(&b, c->DeviceD1), caps->DeviceD1 = b;
    b = caps->DeviceD2, wdf_tri_apply(&b, c->DeviceD2), caps->DeviceD2 = b;
    b = caps->WakeFromD0, wdf_tri_apply(&b, c->WakeFromD0), caps->WakeFromD0 = b;
    b = caps->WakeFromD1, wdf_tri_apply(&b, c->WakeFromD1), caps->WakeFromD1 = b;
    b = caps->WakeFromD2, wdf_tri_apply(&b, c->WakeFromD2), caps->WakeFromD2 = b;
    b = caps->WakeFromD3, wdf_tri_apply(&b, c->WakeFromD3), caps->WakeFromD3 = b;
    for (int s = 0; s < PowerSystemMaximum; s++)
        if (c->DeviceState[s] != PowerDeviceMaximum)
            caps->DeviceState[s] = c->DeviceState[s];
    if (c->DeviceWake != PowerDeviceMaximum)
        caps->DeviceWake = c->DeviceWake;
    if (c->SystemWake != PowerSystemMaximum)
        caps->SystemWake = c->SystemWake;
    if (c->D1Latency != (ULONG)-1)
        caps->D1Latency = c->D1Latency;
    if (c->D2Latency != (ULONG)-1)
        caps->D2Latency = c->D2Latency;
    if (c->D3Latency != (ULONG)-1)
        caps->D3Latency = c->D3Latency;
}

VOID imp_WdfDeviceSetPowerCapabilities(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device,
                                       PWDF_DEVICE_POWER_CAPABILITIES PowerCapabilities)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_device *dev = WDF_DEVICE_GET(g, Device);
    WDF_CHECK_NOT_NULL(g, PowerCapabilities);
    if (PowerCapabilities->Size == sizeof(*PowerCapabilities) &&
        wdf_pdo_set_power_caps(dev, PowerCapabilities))
        return; /* a PDO's (pdo.c): what it answers IRP_MN_QUERY_CAPABILITIES with */
    if (PowerCapabilities->Size != sizeof(*PowerCapabilities) || dev->pp == NULL) {
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': WdfDeviceSetPowerCapabilities: %s: the capabilities are ignored",
                 g->pub.DriverName,
                 dev->pp == NULL ? "not a PnP device"
                                 : "Size is not sizeof(WDF_DEVICE_POWER_CAPABILITIES)");
        return;
    }
    os_mutex_lock(&dev->pp->lock);
    dev->pp->caps = *PowerCapabilities;
    dev->pp->caps_assigned = TRUE;
    os_mutex_unlock(&dev->pp->lock);
}

/* ---- idle and wake settings ------------------------------------------------------------ */

static BOOLEAN wdf_dx_valid(DEVICE_POWER_STATE d)
{
    return (d >= PowerDeviceD1 && d <= PowerDeviceD3) || d == PowerDeviceMaximum;
}

NTSTATUS imp_WdfDeviceAssignS0IdleSettings(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device,
                                           PWDF_DEVICE_POWER_POLICY_IDLE_SETTINGS Settings)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_device *dev = WDF_DEVICE_GET(g, Device);
    struct wdf_power_policy *pp = dev->pp;
    WDF_DEVICE_POWER_POLICY_IDLE_SETTINGS s;
    WDF_CHECK_NOT_NULL(g, Settings);
    if (pp == NULL || !dev->power_policy_owner)
        return STATUS_INVALID_DEVICE_REQUEST;
    if (Settings->Size != wdf_versioned_size(g, sizeof(*Settings), 11, 28))
        return STATUS_INFO_LENGTH_MISMATCH;
    memset(&s, 0, sizeof(s));
    memcpy(&s, Settings, Settings->Size);
    if (s.IdleCaps < IdleCannotWakeFromS0 || s.IdleCaps > IdleUsbSelectiveSuspend ||
        s.Enabled > WdfUseDefault || s.IdleTimeoutType > SystemManagedIdleTimeoutWithHint)
        return STATUS_INVALID_PARAMETER;
    if (!wdf_dx_valid(s.DxState))
        return STATUS_POWER_STATE_INVALID;
    os_mutex_lock(&pp->lock);
    if (pp->idle_assigned && s.IdleTimeoutType != pp->idle.IdleTimeoutType) {
        os_mutex_unlock(&pp->lock);
        return STATUS_INVALID_PARAMETER; /* Microsoft: it must not change after the first call */
    }
    if (!pp->idle_assigned)
        pp->idle = s;
    else { /* Microsoft: later calls store DxState, IdleTimeout, Enabled (and the caps) */
        pp->idle.DxState = s.DxState;
        pp->idle.IdleTimeout = s.IdleTimeout;
        pp->idle.Enabled = s.Enabled;
        pp->idle.IdleCaps = s.IdleCaps;
    }
    pp->idle_assigned = TRUE;
    pp->idle_enabled = s.Enabled != WdfFalse;
    KeCancelTimer(&pp->timer);
    if (pp->idle_enabled)
        wdf_pp_arm_timer(pp);
    else if (pp->idle_off) { /* idling disabled: the device returns to D0 */
        pp->want_d0 = TRUE;
        wdf_pp_kick(pp);
    }
    os_mutex_unlock(&pp->lock);
    return STATUS_SUCCESS;
}

BOOLEAN wdf_power_policy_system_managed(struct wdf_device *dev)
{
    BOOLEAN system = FALSE;
    if (dev->pp != NULL) {
        os_mutex_lock(&dev->pp->lock);
        system =
            dev->pp->idle_assigned && dev->pp->idle.IdleTimeoutType != DriverManagedIdleTimeout;
        os_mutex_unlock(&dev->pp->lock);
    }
    return system;
}

NTSTATUS imp_WdfDeviceAssignSxWakeSettings(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device,
                                           PWDF_DEVICE_POWER_POLICY_WAKE_SETTINGS Settings)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_device *dev = WDF_DEVICE_GET(g, Device);
    struct wdf_power_policy *pp = dev->pp;
    WDF_DEVICE_POWER_POLICY_WAKE_SETTINGS s;
    WDF_CHECK_NOT_NULL(g, Settings);
    if (pp == NULL || !dev->power_policy_owner)
        return STATUS_INVALID_DEVICE_REQUEST;
    if (Settings->Size != wdf_versioned_size(g, sizeof(*Settings), 13, 16))
        return STATUS_INFO_LENGTH_MISMATCH;
    memset(&s, 0, sizeof(s));
    memcpy(&s, Settings, Settings->Size);
    if (s.Enabled > WdfUseDefault || s.UserControlOfWakeSettings < WakeDoNotAllowUserControl ||
        s.UserControlOfWakeSettings > WakeAllowUserControl)
        return STATUS_INVALID_PARAMETER;
    if (!wdf_dx_valid(s.DxState))
        return STATUS_POWER_STATE_INVALID;
    os_mutex_lock(&pp->lock);
    pp->wake = s;
    pp->wake_assigned = TRUE;
    os_mutex_unlock(&pp->lock);
    return STATUS_SUCCESS;
}

/* ---- power references -------------------------------------------------------------------- */

static NTSTATUS wdf_pp_stop_idle(struct wdf_globals *g, WDFDEVICE Device, BOOLEAN WaitForD0)
{
    struct wdf_device *dev = WDF_DEVICE_GET(g, Device);
    struct wdf_power_policy *pp = dev->pp;
    NTSTATUS status = STATUS_SUCCESS;
    if (pp == NULL || !dev->power_policy_owner)
        return STATUS_INVALID_DEVICE_STATE;
    os_mutex_lock(&pp->lock);
    if (pp->failed) {
        os_mutex_unlock(&pp->lock);
        return STATUS_POWER_STATE_INVALID;
    }
    pp->refs++;
    KeCancelTimer(&pp->timer);
    pp->timer_due = FALSE;
    if (!pp->in_d0 || pp->going_down) { /* going down: the worker brings it back (refs) */
        if (pp->idle_off) {
            pp->want_d0 = TRUE;
            wdf_pp_kick(pp);
        }
        status = STATUS_PENDING;
    }
    /* Microsoft: with WaitForD0 it returns once the device is in D0 (a system sleep under way:
     * once the system is back in S0). */
    while (WaitForD0 && status == STATUS_PENDING) {
        if (pp->in_d0 && !pp->going_down)
            status = STATUS_SUCCESS;
        else if (pp->failed || pp->removed) {
            pp->refs--;
            status = STATUS_POWER_STATE_INVALID;
        } else
            os_cond_wait(&pp->changed, &pp->lock);
    }
    os_mutex_unlock(&pp->lock);
    return status;
}

static void wdf_pp_resume_idle(struct wdf_globals *g, WDFDEVICE Device)
{
    struct wdf_device *dev = WDF_DEVICE_GET(g, Device);
    struct wdf_power_policy *pp = dev->pp;
    if (pp == NULL || !dev->power_policy_owner)
        return;
    os_mutex_lock(&pp->lock);
    if (pp->refs == 0)
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': WdfDeviceResumeIdle without a WdfDeviceStopIdle: ignored",
                 g->pub.DriverName);
    else if (--pp->refs == 0)
        wdf_pp_arm_timer(pp);
    os_mutex_unlock(&pp->lock);
}

NTSTATUS imp_WdfDeviceStopIdleNoTrack(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device,
                                      BOOLEAN WaitForD0)
{
    return wdf_pp_stop_idle(wdf_globals_of(globals), Device, WaitForD0);
}

NTSTATUS imp_WdfDeviceStopIdleActual(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device,
                                     BOOLEAN WaitForD0, PVOID Tag, LONG Line, PCHAR File)
{
    (void)Tag; /* drvhost keeps no power reference history (Microsoft: for the debugger) */
    (void)Line;
    (void)File;
    return wdf_pp_stop_idle(wdf_globals_of(globals), Device, WaitForD0);
}

VOID imp_WdfDeviceResumeIdleNoTrack(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device)
{
    wdf_pp_resume_idle(wdf_globals_of(globals), Device);
}

VOID imp_WdfDeviceResumeIdleActual(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device, PVOID Tag,
                                   LONG Line, PCHAR File)
{
    (void)Tag;
    (void)Line;
    (void)File;
    wdf_pp_resume_idle(wdf_globals_of(globals), Device);
}

/* A bus driver's word that its child's wait for a wake signal ended (Microsoft:
 * WdfDeviceIndicateWakeStatus). The framework in drvhost never sends IRP_MN_WAIT_WAKE, so no
 * stack is set up to wait for a wake signal: a function or filter device is not the one
 * responsible for waiting (STATUS_INVALID_DEVICE_STATE), any other device was not set up to
 * wait (STATUS_INVALID_DEVICE_REQUEST). EvtDeviceWakeFromS0Triggered / SxTriggered are never
 * called (docs/wdf.md). */
NTSTATUS imp_WdfDeviceIndicateWakeStatus(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device,
                                         NTSTATUS WaitWakeStatus)
{
    struct wdf_device *dev = WDF_DEVICE_GET(wdf_globals_of(globals), Device);
    if (WaitWakeStatus == STATUS_PENDING || WaitWakeStatus == STATUS_CANCELLED)
        return STATUS_INVALID_PARAMETER;
    return dev->lower != NULL ? STATUS_INVALID_DEVICE_STATE : STATUS_INVALID_DEVICE_REQUEST;
}

/* ---- the PnP device state, failing a device ------------------------------------------- */

static ULONG wdf_tri_bit(ULONG bits, WDF_TRI_STATE value, ULONG bit)
{
    return value == WdfTrue ? bits | bit : value == WdfFalse ? bits & ~bit : bits;
}

/* IRP_MN_QUERY_PNP_DEVICE_STATE on its way up: the bits the driver set or cleared. */
ULONG_PTR wdf_power_policy_pnp_state(struct wdf_device *dev, ULONG_PTR bits)
{
    struct wdf_power_policy *pp = dev->pp;
    PWDF_DEVICE_STATE s;
    if (pp == NULL)
        return bits;
    os_mutex_lock(&pp->lock);
    s = &pp->pnp_state;
    bits = wdf_tri_bit(bits, s->Disabled, PNP_DEVICE_DISABLED);
    bits = wdf_tri_bit(bits, s->DontDisplayInUI, PNP_DEVICE_DONT_DISPLAY_IN_UI);
    bits = wdf_tri_bit(bits, s->Failed, PNP_DEVICE_FAILED);
    bits = wdf_tri_bit(bits, s->NotDisableable, PNP_DEVICE_NOT_DISABLEABLE);
    bits = wdf_tri_bit(bits, s->Removed, PNP_DEVICE_REMOVED);
    bits = wdf_tri_bit(bits, s->ResourcesChanged, PNP_DEVICE_RESOURCE_REQUIREMENTS_CHANGED);
    if (pp->failed)
        bits |= PNP_DEVICE_FAILED;
    os_mutex_unlock(&pp->lock);
    return bits;
}

VOID imp_WdfDeviceSetDeviceState(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device,
                                 PWDF_DEVICE_STATE DeviceState)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_device *dev = WDF_DEVICE_GET(g, Device);
    WDF_CHECK_NOT_NULL(g, DeviceState);
    if (dev->pp == NULL || DeviceState->Size != sizeof(*DeviceState)) {
        rtl_diag(RTL_DIAG_ERROR, "wdf", "driver '%s': WdfDeviceSetDeviceState: %s: ignored",
                 g->pub.DriverName,
                 dev->pp == NULL ? "not a PnP device" : "Size is not sizeof(WDF_DEVICE_STATE)");
        return;
    }
    os_mutex_lock(&dev->pp->lock);
    dev->pp->pnp_state = *DeviceState;
    os_mutex_unlock(&dev->pp->lock);
    /* Microsoft: the framework tells the PnP manager, which queries the state again. Before the
     * device has started (a PDO not reported yet: kbfiltr's raw PDO sets its state before
     * WdfFdoAddStaticChild) the PnP manager does not know the PDO yet, and it queries the state
     * after START_DEVICE anyway: the state is kept for that query. */
    if (wdf_pnp_started(dev))
        IoInvalidateDeviceState(dev->pdo);
}

VOID imp_WdfDeviceGetDeviceState(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device,
                                 PWDF_DEVICE_STATE DeviceState)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_device *dev = WDF_DEVICE_GET(g, Device);
    WDF_CHECK_NOT_NULL(g, DeviceState);
    if (DeviceState->Size != sizeof(*DeviceState)) {
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': WdfDeviceGetDeviceState: Size is not "
                 "sizeof(WDF_DEVICE_STATE): nothing written",
                 g->pub.DriverName);
        return;
    }
    if (dev->pp == NULL) {
        WDF_DEVICE_STATE_INIT(DeviceState);
        return;
    }
    os_mutex_lock(&dev->pp->lock);
    *DeviceState = dev->pp->pnp_state;
    os_mutex_unlock(&dev->pp->lock);
}

/* The device failed (WdfDeviceSetFailed, or a return to D0 failed): the PnP manager is told
 * (PNP_DEVICE_FAILED) and removes the stack. */
void wdf_power_policy_fail(struct wdf_device *dev)
{
    struct wdf_power_policy *pp = dev->pp;
    if (pp == NULL)
        return;
    os_mutex_lock(&pp->lock);
    pp->failed = TRUE;
    KeCancelTimer(&pp->timer);
    os_cond_broadcast(&pp->changed);
    os_mutex_unlock(&pp->lock);
    IoInvalidateDeviceState(dev->pdo);
}

VOID imp_WdfDeviceSetFailed(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device,
                            WDF_DEVICE_FAILED_ACTION FailedAction)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_device *dev = WDF_DEVICE_GET(g, Device);
    if (FailedAction != WdfDeviceFailedAttemptRestart && FailedAction != WdfDeviceFailedNoRestart) {
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': WdfDeviceSetFailed: FailedAction %d is "
                 "not a WDF_DEVICE_FAILED_ACTION: ignored",
                 g->pub.DriverName, (int)FailedAction);
        return;
    }
    if (dev->pp == NULL) {
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': WdfDeviceSetFailed on a control device: "
                 "ignored",
                 g->pub.DriverName);
        return;
    }
    /* **Deviation:** WdfDeviceFailedAttemptRestart fails the device as NoRestart does:
     * drvhost's PnP manager does not restart a failed stack by itself. */
    wdf_power_policy_fail(dev);
}
