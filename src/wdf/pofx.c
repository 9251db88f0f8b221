/*
 * pofx.c - the framework's single-component power framework (PoFx) support (Microsoft:
 * "Supporting Single-Component Devices with Single or Multiple Functional Power States"):
 * WdfDeviceWdmAssignPowerFrameworkSettings, and the registration of a device whose S0 idle
 * settings use SystemManagedIdleTimeout[WithHint] with src/po's PoFx.
 *
 * The framework registers one component (the driver's PO_FX_COMPONENT, or F0 only) after the
 * device's first start completed its D0 sequence (D0Entry, interrupts, self-managed I/O init:
 * a driver may assign the settings there), calls EvtDeviceWdmPostPoFxRegisterDevice (a failure
 * fails the start), holds an activation reference while the device is in D0 and starts power
 * management. An idle power-down (power_policy.c's worker) first drops the reference and waits
 * for PoFx's DevicePowerNotRequired (the driver's idle condition and F-state callbacks run
 * before D0Exit, the guide's order); the next D0 entry takes it again (F0 and the active
 * condition come after D0Entry, before the queues restart). EvtDeviceWdmPrePoFxUnregisterDevice
 * and PoFxUnregisterDevice come when the device is deleted at removal.
 *
 * PoFx passes one context to every callback: the framework registers its own callbacks with
 * this record as the context and calls the driver's (with PoFxDeviceContext) from them; where
 * the driver gave none, the framework completes the step itself.
 *
 * Lifetime and locking: the record is made by WdfDeviceWdmAssignPowerFrameworkSettings or by
 * the first start with system-managed idle, freed at the device's cleanup after the
 * unregistration. `active` changes only in the threads that run the device's transitions (the
 * PnP/power IRP's, the idle worker's), which the transition lock serialises.
 */
#include <stdlib.h>
#include <string.h>

#include "rtl/rtl.h"
#include "wdf/wdf_private.h"

struct wdf_pofx {
    struct wdf_device *dev;
    BOOLEAN assigned;                      /* WdfDeviceWdmAssignPowerFrameworkSettings called */
    WDF_POWER_FRAMEWORK_SETTINGS settings; /* the driver's (zero: none) */
    PO_FX_COMPONENT component;             /* the driver's, or F0 only */
    PO_FX_COMPONENT_IDLE_STATE *states;    /* our copy of its idle states */
    POHANDLE handle;                       /* NULL until registered */
    BOOLEAN active;                        /* the framework holds its activation reference */
    KEVENT not_required;                   /* DevicePowerNotRequired came (idle power-down) */
};

#define WDF_DEVICE_GET(g, h)                                                                       \
    CONTAINING_RECORD(wdf_object_get(g, h, WDF_TYPE_DEVICE), struct wdf_device, obj)

static struct wdf_pofx *wdf_pofx_get(struct wdf_device *dev)
{
    if (dev->pofx == NULL) {
        dev->pofx = calloc(1, sizeof(*dev->pofx));
        if (dev->pofx != NULL) {
            dev->pofx->dev = dev;
            KeInitializeEvent(&dev->pofx->not_required, NotificationEvent, FALSE);
        }
    }
    return dev->pofx;
}

/* Copies the driver's component (the structure may live on its stack); NULL: F0 only, no
 * latency or residency (PoFxRegisterDevice requires both zero for F0). */
static NTSTATUS wdf_pofx_copy_component(struct wdf_pofx *fx, const PO_FX_COMPONENT *c)
{
    static const PO_FX_COMPONENT_IDLE_STATE f0 = {0, 0, 0};
    ULONG n = c != NULL ? c->IdleStateCount : 1;
    PO_FX_COMPONENT_IDLE_STATE *copy = calloc(n, sizeof(*copy));
    if (copy == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    memcpy(copy, c != NULL ? c->IdleStates : &f0, n * sizeof(*copy));
    free(fx->states);
    fx->states = copy;
    memset(&fx->component, 0, sizeof(fx->component));
    if (c != NULL)
        fx->component = *c;
    fx->component.IdleStateCount = n;
    fx->component.IdleStates = copy;
    return STATUS_SUCCESS;
}

NTSTATUS imp_WdfDeviceWdmAssignPowerFrameworkSettings(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device,
                                                      PWDF_POWER_FRAMEWORK_SETTINGS Settings)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_device *dev = WDF_DEVICE_GET(g, Device);
    const PO_FX_COMPONENT *c;
    struct wdf_pofx *fx;
    WDF_CHECK_NOT_NULL(g, Settings);
    if (Settings->Size != sizeof(*Settings))
        return STATUS_INFO_LENGTH_MISMATCH;
    if (dev->pp == NULL || !dev->power_policy_owner)
        return STATUS_INVALID_DEVICE_REQUEST;
    c = Settings->Component;
    if (c != NULL && (c->IdleStateCount == 0 || c->IdleStates == NULL ||
                      c->DeepestWakeableIdleState >= c->IdleStateCount))
        return STATUS_INVALID_PARAMETER;
    fx = wdf_pofx_get(dev);
    if (fx == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    if (fx->assigned || fx->handle != NULL) {
        /* Deviation: Windows reports a verifier error; drvhost refuses the call. */
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': WdfDeviceWdmAssignPowerFrameworkSettings called again (or after "
                 "the registration with PoFx): refused",
                 g->pub.DriverName);
        return STATUS_INVALID_DEVICE_REQUEST;
    }
    NTSTATUS status = wdf_pofx_copy_component(fx, c);
    if (!NT_SUCCESS(status))
        return status;
    fx->settings = *Settings;
    fx->assigned = TRUE;
    return STATUS_SUCCESS;
}

/* ---- the framework's PoFx callbacks (context: the record) -------------------------------- */

static VOID NTAPI wdf_pofx_active(PVOID context, ULONG component)
{
    struct wdf_pofx *fx = context;
    if (fx->settings.ComponentActiveConditionCallback != NULL)
        fx->settings.ComponentActiveConditionCallback(fx->settings.PoFxDeviceContext, component);
}

static VOID NTAPI wdf_pofx_idle_condition(PVOID context, ULONG component)
{
    struct wdf_pofx *fx = context;
    if (fx->settings.ComponentIdleConditionCallback != NULL)
        fx->settings.ComponentIdleConditionCallback(fx->settings.PoFxDeviceContext, component);
    else
        PoFxCompleteIdleCondition(fx->handle, component);
}

static VOID NTAPI wdf_pofx_idle_state(PVOID context, ULONG component, ULONG state)
{
    struct wdf_pofx *fx = context;
    if (fx->settings.ComponentIdleStateCallback != NULL)
        fx->settings.ComponentIdleStateCallback(fx->settings.PoFxDeviceContext, component, state);
    else
        PoFxCompleteIdleState(fx->handle, component);
}

/* The device is in D0 whenever PoFx asks (the framework activates only in D0). */
static VOID NTAPI wdf_pofx_required(PVOID context)
{
    struct wdf_pofx *fx = context;
    PoFxReportDevicePoweredOn(fx->handle);
}

static VOID NTAPI wdf_pofx_not_required(PVOID context)
{
    struct wdf_pofx *fx = context;
    PoFxCompleteDevicePowerNotRequired(fx->handle);
    KeSetEvent(&fx->not_required, IO_NO_INCREMENT, FALSE);
}

static NTSTATUS NTAPI wdf_pofx_control(PVOID context, LPCGUID code, PVOID in, SIZE_T in_size,
                                       PVOID out, SIZE_T out_size, PSIZE_T returned)
{
    struct wdf_pofx *fx = context;
    return fx->settings.PowerControlCallback(fx->settings.PoFxDeviceContext, code, in, in_size, out,
                                             out_size, returned);
}

/* ---- registration, activation, unregistration ------------------------------------------- */

static void wdf_pofx_describe(struct wdf_pofx *fx, PO_FX_DEVICE *d)
{
    memset(d, 0, sizeof(*d));
    d->Version = PO_FX_VERSION_V1;
    d->ComponentCount = 1;
    d->ComponentActiveConditionCallback = wdf_pofx_active;
    d->ComponentIdleConditionCallback = wdf_pofx_idle_condition;
    d->ComponentIdleStateCallback = wdf_pofx_idle_state;
    d->DevicePowerRequiredCallback = wdf_pofx_required;
    d->DevicePowerNotRequiredCallback = wdf_pofx_not_required;
    d->PowerControlCallback = fx->settings.PowerControlCallback != NULL ? wdf_pofx_control : NULL;
    d->DeviceContext = fx;
    d->Components[0] = fx->component;
}

/* The end of a successful start (pnp.c, the device in D0): the first one of a device with
 * system-managed idle registers it. A failure (PoFxRegisterDevice's, or the driver's
 * EvtDeviceWdmPostPoFxRegisterDevice's) fails the start; nothing stays registered. */
NTSTATUS wdf_pofx_start(struct wdf_device *dev)
{
    struct wdf_pofx *fx;
    PO_FX_DEVICE d;
    NTSTATUS status;
    if (!wdf_power_policy_system_managed(dev) || (dev->pofx != NULL && dev->pofx->handle != NULL))
        return STATUS_SUCCESS;
    fx = wdf_pofx_get(dev);
    if (fx == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    if (!fx->assigned && fx->states == NULL) {
        status = wdf_pofx_copy_component(fx, NULL);
        if (!NT_SUCCESS(status))
            return status;
    }
    wdf_pofx_describe(fx, &d);
    status = PoFxRegisterDevice(dev->pdo, &d, &fx->handle);
    if (!NT_SUCCESS(status)) {
        fx->handle = NULL;
        return status;
    }
    if (fx->settings.EvtDeviceWdmPostPoFxRegisterDevice != NULL)
        status = fx->settings.EvtDeviceWdmPostPoFxRegisterDevice((WDFDEVICE)dev, fx->handle);
    if (!NT_SUCCESS(status)) {
        PoFxUnregisterDevice(fx->handle);
        fx->handle = NULL;
        return status;
    }
    PoFxActivateComponent(fx->handle, 0, 0); /* in D0: active before management starts */
    fx->active = TRUE;
    PoFxStartDevicePowerManagement(fx->handle);
    return STATUS_SUCCESS;
}

/* The device entered D0 (pnp.c, after D0Entry, before the queues restart): the framework's
 * activation reference again, waiting for F0 and the active condition. */
void wdf_pofx_d0(struct wdf_device *dev)
{
    struct wdf_pofx *fx = dev->pofx;
    if (fx == NULL || fx->handle == NULL || fx->active)
        return;
    fx->active = TRUE;
    /* PO_FX_FLAG_BLOCKING only below DISPATCH_LEVEL (its page): a device that is not
     * DO_POWER_PAGABLE may get its D0 IRP at DISPATCH_LEVEL, where the transition runs in this
     * thread as far as the driver's callbacks complete synchronously. */
    PoFxActivateComponent(fx->handle, 0,
                          KeGetCurrentIrql() < DISPATCH_LEVEL ? PO_FX_FLAG_BLOCKING : 0);
}

/* An idle power-down is decided (power_policy.c's worker, the transition lock held): the
 * reference dropped; returns once PoFx says the device power is not required (the driver
 * completed its idle condition and F-state callbacks, maybe from another thread). */
void wdf_pofx_idle(struct wdf_device *dev)
{
    struct wdf_pofx *fx = dev->pofx;
    if (fx == NULL || fx->handle == NULL || !fx->active)
        return;
    fx->active = FALSE;
    KeClearEvent(&fx->not_required);
    PoFxIdleComponent(fx->handle, 0, 0);
    KeWaitForSingleObject(&fx->not_required, Executive, KernelMode, FALSE, NULL);
}

/* The device is deleted (its cleanup, after the idle worker finished). */
void wdf_pofx_cleanup(struct wdf_device *dev)
{
    struct wdf_pofx *fx = dev->pofx;
    if (fx == NULL)
        return;
    if (fx->handle != NULL) {
        if (fx->settings.EvtDeviceWdmPrePoFxUnregisterDevice != NULL)
            fx->settings.EvtDeviceWdmPrePoFxUnregisterDevice((WDFDEVICE)dev, fx->handle);
        PoFxUnregisterDevice(fx->handle);
    }
    free(fx->states);
    free(fx);
    dev->pofx = NULL;
}
