/*
 * state_notify.c - the framework's state machines' states as drvhost reports them:
 * WdfDeviceGetDevicePnpState / PowerState / PowerPolicyState, and the state-change callbacks a
 * driver registers with WdfDeviceInitRegister{Pnp,Power,PowerPolicy}StateChangeCallback.
 *
 * drvhost does not run KMDF's state machines (pnp.c and power_policy.c keep a few flags per
 * device). The points its PnP and power path passes through are mapped to the documented
 * states (docs/wdf.md, "The framework's state machines' states"): pnp.c and power_policy.c
 * call wdf_state_set at each. A change from state a to state b notifies in the order of
 * Microsoft's WDF_STATE_NOTIFICATION_TYPE remarks: a's leave-state callback, b's enter-state
 * callback, the state changes, b's post-process callback. A state the path does not pass
 * through is never reported (its callbacks are never called).
 *
 * Locking: wdf_state_set runs in the thread of a PnP or power transition of the device, which
 * pnp.c and power_policy.c run one at a time (wdf_power_policy_lock); the callbacks are called
 * there, at PASSIVE_LEVEL. The getters read the state with an atomic load (any thread).
 * Lifetime: the registrations are made in the WDFDEVICE_INIT, given to the device by
 * WdfDeviceCreate (wdf_state_device_created) and freed with the device or, when no device was
 * created, with the init.
 */
#include <stdlib.h>

#include "rtl/rtl.h"
#include "wdf/wdf_private.h"

/* The states a driver may register for, per machine: [first, null) of the documented values. */
static const ULONG wdf_state_first[WDF_MACHINES] = {
    WdfDevStatePnpObjectCreated, WdfDevStatePowerObjectCreated, WdfDevStatePwrPolObjectCreated};
static const ULONG wdf_state_null[WDF_MACHINES] = {WdfDevStatePnpNull, WdfDevStatePowerNull,
                                                   WdfDevStatePwrPolNull};
static const char *const wdf_state_ddi[WDF_MACHINES] = {
    "WdfDeviceInitRegisterPnpStateChangeCallback", "WdfDeviceInitRegisterPowerStateChangeCallback",
    "WdfDeviceInitRegisterPowerPolicyStateChangeCallback"};

#define WDF_PNP_STATES    (WdfDevStatePnpNull - WdfDevStatePnpObjectCreated)
#define WDF_POWER_STATES  (WdfDevStatePowerNull - WdfDevStatePowerObjectCreated)
#define WDF_PWRPOL_STATES (WdfDevStatePwrPolNull - WdfDevStatePwrPolObjectCreated)

struct wdf_state_slot {
    void (*callback)(void); /* the machine's EVT_WDF_DEVICE_*_STATE_CHANGE_NOTIFICATION */
    ULONG types;            /* WDF_STATE_NOTIFICATION_TYPE bits */
};

struct wdf_state_regs {
    struct wdf_state_slot pnp[WDF_PNP_STATES];
    struct wdf_state_slot power[WDF_POWER_STATES];
    struct wdf_state_slot pwrpol[WDF_PWRPOL_STATES];
};

/* The slot of a normalized state of machine m (in range: the caller checked). */
static struct wdf_state_slot *wdf_state_slot_of(struct wdf_state_regs *r, enum wdf_machine m,
                                                ULONG state)
{
    struct wdf_state_slot *base = m == WDF_MACHINE_PNP     ? r->pnp
                                  : m == WDF_MACHINE_POWER ? r->power
                                                           : r->pwrpol;
    return &base[state - wdf_state_first[m]];
}

/* ---- registration ------------------------------------------------------------------------- */

/* The three Register routines: the state (its non-pageable bit ignored) must be one of the
 * machine's documented states, the types a non-empty combination of the three notification
 * types, the callback given (Microsoft: STATUS_INVALID_PARAMETER for an invalid parameter). A
 * second registration for the same state replaces the first. */
static NTSTATUS wdf_state_register(PWDF_DRIVER_GLOBALS globals, PWDFDEVICE_INIT DeviceInit,
                                   const void *caller, enum wdf_machine m, ULONG state,
                                   void (*callback)(void), ULONG types)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    PWDFDEVICE_INIT init = wdf_init_get(g, DeviceInit, wdf_state_ddi[m], caller);
    struct wdf_state_slot *slot;
    ULONG normal = state & ~(ULONG)WdfDevStateNP;
    if (normal < wdf_state_first[m] || normal >= wdf_state_null[m] || callback == NULL ||
        types == 0 || (types & ~(ULONG)StateNotificationAllStates) != 0) {
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': %s(state 0x%lX, callback %p, types 0x%lX): an invalid parameter "
                 "(STATUS_INVALID_PARAMETER)",
                 g->pub.DriverName, wdf_state_ddi[m], (unsigned long)state, (void *)callback,
                 (unsigned long)types);
        return STATUS_INVALID_PARAMETER;
    }
    if (init->state_regs == NULL)
        init->state_regs = calloc(1, sizeof(*init->state_regs));
    if (init->state_regs == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    slot = wdf_state_slot_of(init->state_regs, m, normal);
    slot->callback = callback;
    slot->types = types;
    return STATUS_SUCCESS;
}

NTSTATUS imp_WdfDeviceInitRegisterPnpStateChangeCallback(
    PWDF_DRIVER_GLOBALS globals, PWDFDEVICE_INIT DeviceInit, WDF_DEVICE_PNP_STATE PnpState,
    PFN_WDF_DEVICE_PNP_STATE_CHANGE_NOTIFICATION EvtDevicePnpStateChange, ULONG CallbackTypes)
{
    return wdf_state_register(globals, DeviceInit, __builtin_return_address(0), WDF_MACHINE_PNP,
                              PnpState, (void (*)(void))EvtDevicePnpStateChange, CallbackTypes);
}

NTSTATUS imp_WdfDeviceInitRegisterPowerStateChangeCallback(
    PWDF_DRIVER_GLOBALS globals, PWDFDEVICE_INIT DeviceInit, WDF_DEVICE_POWER_STATE PowerState,
    PFN_WDF_DEVICE_POWER_STATE_CHANGE_NOTIFICATION EvtDevicePowerStateChange, ULONG CallbackTypes)
{
    return wdf_state_register(globals, DeviceInit, __builtin_return_address(0), WDF_MACHINE_POWER,
                              PowerState, (void (*)(void))EvtDevicePowerStateChange, CallbackTypes);
}

NTSTATUS imp_WdfDeviceInitRegisterPowerPolicyStateChangeCallback(
    PWDF_DRIVER_GLOBALS globals, PWDFDEVICE_INIT DeviceInit,
    WDF_DEVICE_POWER_POLICY_STATE PowerPolicyState,
    PFN_WDF_DEVICE_POWER_POLICY_STATE_CHANGE_NOTIFICATION EvtDevicePowerPolicyStateChange,
    ULONG CallbackTypes)
{
    return wdf_state_register(globals, DeviceInit, __builtin_return_address(0), WDF_MACHINE_PWRPOL,
                              PowerPolicyState, (void (*)(void))EvtDevicePowerPolicyStateChange,
                              CallbackTypes);
}

void wdf_state_init_free(PWDFDEVICE_INIT init)
{
    free(init->state_regs);
    init->state_regs = NULL;
}

/* WdfDeviceCreate: the registrations move to the device, which starts in the states drvhost
 * names for a new device: PnP Init, power and power policy ObjectCreated (Microsoft names no
 * state for a control device: drvhost reports it started, in D0). */
void wdf_state_device_created(PWDFDEVICE_INIT init, struct wdf_device *dev)
{
    dev->state_regs = init->state_regs;
    init->state_regs = NULL;
    dev->machine_state[WDF_MACHINE_PNP] = dev->control ? WdfDevStatePnpStarted : WdfDevStatePnpInit;
    dev->machine_state[WDF_MACHINE_POWER] =
        dev->control ? WdfDevStatePowerD0 : WdfDevStatePowerObjectCreated;
    dev->machine_state[WDF_MACHINE_PWRPOL] =
        dev->control ? WdfDevStatePwrPolStarted : WdfDevStatePwrPolObjectCreated;
}

void wdf_state_device_free(struct wdf_device *dev)
{
    free(dev->state_regs);
    dev->state_regs = NULL;
}

/* ---- transitions -------------------------------------------------------------------------- */

/* One notification of `type` for `of` (the state whose callback it is), a change cur -> next. */
static void wdf_state_notify(struct wdf_device *dev, enum wdf_machine m, ULONG of, ULONG cur,
                             ULONG next, WDF_STATE_NOTIFICATION_TYPE type)
{
    struct wdf_state_slot *slot;
    WDF_DEVICE_PNP_NOTIFICATION_DATA pnp = {.Type = type};
    WDF_DEVICE_POWER_NOTIFICATION_DATA power = {.Type = type};
    WDF_DEVICE_POWER_POLICY_NOTIFICATION_DATA pwrpol = {.Type = type};
    if (dev->state_regs == NULL || of < wdf_state_first[m] || of >= wdf_state_null[m])
        return;
    slot = wdf_state_slot_of(dev->state_regs, m, of);
    if (slot->callback == NULL || (slot->types & type) == 0)
        return;
    /* The three structures and their Enter/Leave members have the same layout: the current
     * state first, then the new one (PostProcessState: the current state alone). */
    pnp.Data.EnterState.CurrentState = (WDF_DEVICE_PNP_STATE)cur;
    pnp.Data.EnterState.NewState = (WDF_DEVICE_PNP_STATE)next;
    power.Data.EnterState.CurrentState = (WDF_DEVICE_POWER_STATE)cur;
    power.Data.EnterState.NewState = (WDF_DEVICE_POWER_STATE)next;
    pwrpol.Data.EnterState.CurrentState = (WDF_DEVICE_POWER_POLICY_STATE)cur;
    pwrpol.Data.EnterState.NewState = (WDF_DEVICE_POWER_POLICY_STATE)next;
    if (m == WDF_MACHINE_PNP)
        ((PFN_WDF_DEVICE_PNP_STATE_CHANGE_NOTIFICATION)slot->callback)((WDFDEVICE)dev, &pnp);
    else if (m == WDF_MACHINE_POWER)
        ((PFN_WDF_DEVICE_POWER_STATE_CHANGE_NOTIFICATION)slot->callback)((WDFDEVICE)dev, &power);
    else
        ((PFN_WDF_DEVICE_POWER_POLICY_STATE_CHANGE_NOTIFICATION)slot->callback)((WDFDEVICE)dev,
                                                                                &pwrpol);
}

void wdf_state_set(struct wdf_device *dev, enum wdf_machine m, ULONG next)
{
    ULONG cur = __atomic_load_n(&dev->machine_state[m], __ATOMIC_RELAXED);
    if (cur == next)
        return;
    wdf_state_notify(dev, m, cur, cur, next, StateNotificationLeaveState);
    wdf_state_notify(dev, m, next, cur, next, StateNotificationEnterState);
    __atomic_store_n(&dev->machine_state[m], next, __ATOMIC_RELEASE);
    wdf_state_notify(dev, m, next, next, next, StateNotificationPostProcessState);
}

ULONG wdf_state_get(struct wdf_device *dev, enum wdf_machine m)
{
    return __atomic_load_n(&dev->machine_state[m], __ATOMIC_ACQUIRE);
}

/* ---- the getters -------------------------------------------------------------------------- */

static ULONG wdf_state_of(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device, enum wdf_machine m)
{
    struct wdf_device *dev = CONTAINING_RECORD(
        wdf_object_get(wdf_globals_of(globals), Device, WDF_TYPE_DEVICE), struct wdf_device, obj);
    return wdf_state_get(dev, m);
}

WDF_DEVICE_PNP_STATE imp_WdfDeviceGetDevicePnpState(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device)
{
    return (WDF_DEVICE_PNP_STATE)wdf_state_of(globals, Device, WDF_MACHINE_PNP);
}

WDF_DEVICE_POWER_STATE imp_WdfDeviceGetDevicePowerState(PWDF_DRIVER_GLOBALS globals,
                                                        WDFDEVICE Device)
{
    return (WDF_DEVICE_POWER_STATE)wdf_state_of(globals, Device, WDF_MACHINE_POWER);
}

WDF_DEVICE_POWER_POLICY_STATE imp_WdfDeviceGetDevicePowerPolicyState(PWDF_DRIVER_GLOBALS globals,
                                                                     WDFDEVICE Device)
{
    return (WDF_DEVICE_POWER_POLICY_STATE)wdf_state_of(globals, Device, WDF_MACHINE_PWRPOL);
}
