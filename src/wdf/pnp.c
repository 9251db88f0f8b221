/*
 * pnp.c - the framework's PnP and power for function and filter devices: IRP_MJ_PNP and
 * IRP_MJ_POWER turned into the driver's EvtDevice* callbacks in the orders of Microsoft's
 * guide ("A User Plugs in a Device", "A User Unplugs a Device", "A Device Enters a Low-Power
 * State", "A Device Returns to Its Working State"), and the device's power-managed queues
 * started and stopped with it (wdf_queue_device_power).
 *
 * Not the framework's state machines: one small state per device (`struct wdf_pnp_state`),
 * changed only by PnP and power IRPs. The PnP manager sends PnP IRPs one at a time per stack
 * (docs/pnp.md, Threads); the device IRPs come from the power policy (power_policy.c: idle,
 * system power), which lets one transition run at a time per device (wdf_power_policy_lock).
 * Callbacks run at PASSIVE_LEVEL in the thread of the IRP (the framework's devices are
 * power-pageable).
 *
 * Lifetime: the state is made at the first PnP IRP and freed with the device (REMOVE_DEVICE
 * deletes the WDFDEVICE, whose cleanup calls wdf_pnp_device_cleanup).
 */
#include <stdlib.h>
#include <string.h>

#include "ke/ke.h"
#include "rtl/rtl.h"
#include "wdf/wdf_private.h"

struct wdf_pnp_state {
    BOOLEAN started;   /* START_DEVICE succeeded, no stop or removal since */
    BOOLEAN prepared;  /* EvtDevicePrepareHardware succeeded, not released */
    BOOLEAN in_d0;     /* EvtDeviceD0Entry succeeded, no D0Exit since */
    BOOLEAN smio_init; /* EvtDeviceSelfManagedIoInit called (Restart after that) */
    BOOLEAN surprise;  /* SURPRISE_REMOVAL seen */
    struct wdf_cmreslist *raw, *translated;
    /* ---- wpower ---- */
    BOOLEAN removing;          /* SURPRISE_REMOVAL or REMOVE_DEVICE: EvtIoStop's Purge */
    BOOLEAN held;              /* a query's power reference (wdf_power_policy_hold) */
    WDF_POWER_DEVICE_STATE dx; /* the state D0Exit named last: D0Entry's PreviousState */
};

/* wdfstate: the documented states the sequences below pass through (state_notify.c). */
#define WDF_PNP_SET(dev, s)    wdf_state_set(dev, WDF_MACHINE_PNP, s)
#define WDF_POWER_SET(dev, s)  wdf_state_set(dev, WDF_MACHINE_POWER, s)
#define WDF_PWRPOL_SET(dev, s) wdf_state_set(dev, WDF_MACHINE_PWRPOL, s)

static struct wdf_pnp_state *wdf_state(struct wdf_device *dev)
{
    if (dev->state == NULL)
        dev->state = calloc(1, sizeof(*dev->state));
    return dev->state;
}

BOOLEAN wdf_pnp_started(struct wdf_device *dev)
{
    return dev->state != NULL && dev->state->started;
}

void wdf_pnp_device_cleanup(struct wdf_device *dev)
{
    wdf_power_policy_stop(dev); /* released with the device object (device.c) */
    wdf_pofx_cleanup(dev);      /* after the idle worker: it may use the registration */
    wdf_device_interfaces_free(dev);
    free(dev->state);
    dev->state = NULL;
}

/* ---- the callback sequences --------------------------------------------------------------- */

#define WDF_CALL(dev, cb, ...)                                                                     \
    ((dev)->pnp.cb != NULL ? (dev)->pnp.cb((WDFDEVICE)(dev), ##__VA_ARGS__) : STATUS_SUCCESS)
#define WDF_CALL_VOID(dev, cb)                                                                     \
    do {                                                                                           \
        if ((dev)->pnp.cb != NULL)                                                                 \
            (dev)->pnp.cb((WDFDEVICE)(dev));                                                       \
    } while (0)

static void wdf_release_hardware(struct wdf_device *dev, struct wdf_pnp_state *st)
{
    if (!st->prepared)
        return;
    st->prepared = FALSE;
    WDF_CALL(dev, EvtDeviceReleaseHardware, (WDFCMRESLIST)st->translated);
    wdf_interrupts_release(dev);
}

/* Into D0 (Microsoft: "A User Plugs in a Device" steps 1-7 for one driver; "A Device Returns
 * to Its Working State"): D0Entry, the power-managed queues, self-managed I/O. A failing
 * D0Entry leaves the device out of D0 and the status is the IRP's. */
static NTSTATUS wdf_power_up(struct wdf_device *dev, struct wdf_pnp_state *st,
                             WDF_POWER_DEVICE_STATE previous)
{
    BOOLEAN initial = previous == WdfPowerDeviceD3Final;
    NTSTATUS status;
    if (st->in_d0)
        return STATUS_SUCCESS;
    WDF_POWER_SET(dev, initial ? WdfDevStatePowerD0Starting : WdfDevStatePowerWaking);
    status = WDF_CALL(dev, EvtDeviceD0Entry, previous);
    if (!NT_SUCCESS(status)) {
        WDF_POWER_SET(dev,
                      initial ? WdfDevStatePowerInitialPowerUpFailed : WdfDevStatePowerUpFailed);
        return status;
    }
    status = wdf_interrupts_enable(dev); /* connected, EvtInterruptEnable (interrupt.c) */
    if (NT_SUCCESS(status)) {
        status = WDF_CALL(dev, EvtDeviceD0EntryPostInterruptsEnabled, previous);
        if (!NT_SUCCESS(status))
            wdf_interrupts_disable(dev);
    }
    if (!NT_SUCCESS(status)) {
        WDF_CALL(dev, EvtDeviceD0Exit, WdfPowerDeviceD3Final);
        WDF_POWER_SET(dev,
                      initial ? WdfDevStatePowerInitialPowerUpFailed : WdfDevStatePowerUpFailed);
        return status;
    }
    st->in_d0 = TRUE;
    WDF_POWER_SET(dev, WdfDevStatePowerD0); /* before the queues restart: requests see D0 */
    wdf_event_d0(dev, TRUE, previous);
    PoSetPowerState(dev->wdm, DevicePowerState, (POWER_STATE){.DeviceState = PowerDeviceD0});
    wdf_power_policy_disarm(dev); /* the power policy owner's, before the queues restart */
    wdf_pofx_d0(dev);             /* F0 and the active condition (pofx.c) */
    wdf_queue_device_power(dev, TRUE);
    if (!st->smio_init) {
        st->smio_init = TRUE;
        status = WDF_CALL(dev, EvtDeviceSelfManagedIoInit);
    } else {
        status = WDF_CALL(dev, EvtDeviceSelfManagedIoRestart);
    }
    wdf_power_policy_d0(dev, TRUE); /* the idle timer starts */
    return status;
}

/* Out of D0 (Microsoft: "A User Unplugs a Device", "A Device Enters a Low-Power State"):
 * self-managed I/O suspended and the power-managed queues stopped (in the other order after a
 * surprise removal, as the page lists them), D0ExitPreInterruptsDisabled, D0Exit. The driver's
 * statuses change nothing: the device leaves D0 regardless (drvhost's reading). */
static void wdf_power_down(struct wdf_device *dev, struct wdf_pnp_state *st,
                           WDF_POWER_DEVICE_STATE target)
{
    /* EvtIoStop's action: Purge when the device is being removed (Microsoft: EvtIoStop). */
    ULONG action = st->removing ? WdfRequestStopActionPurge : WdfRequestStopActionSuspend;
    BOOLEAN final = target == WdfPowerDeviceD3Final;
    if (!st->in_d0) { /* stopped while idle in Dx: the framework's DxStopped */
        if (final && wdf_state_get(dev, WDF_MACHINE_POWER) == WdfDevStatePowerDx)
            WDF_POWER_SET(dev, WdfDevStatePowerDxStopped);
        return;
    }
    WDF_POWER_SET(dev, final ? WdfDevStatePowerGotoStopped : WdfDevStatePowerGotoDx);
    wdf_power_policy_d0(dev, FALSE); /* no idle time-out while it goes down */
    if (st->surprise) {
        wdf_queue_device_power_action(dev, FALSE, action);
        if (st->smio_init)
            WDF_CALL(dev, EvtDeviceSelfManagedIoSuspend);
    } else {
        if (st->smio_init)
            WDF_CALL(dev, EvtDeviceSelfManagedIoSuspend);
        wdf_queue_device_power_action(dev, FALSE, action);
    }
    if (target != WdfPowerDeviceD3Final)
        wdf_power_policy_arm(dev); /* the power policy owner's, for a low-power state */
    WDF_CALL(dev, EvtDeviceD0ExitPreInterruptsDisabled, target);
    wdf_interrupts_disable(dev); /* EvtInterruptDisable, disconnected, DPCs run (interrupt.c) */
    WDF_CALL(dev, EvtDeviceD0Exit, target);
    st->in_d0 = FALSE;
    st->dx = target;
    wdf_event_d0(dev, FALSE, target);
    PoSetPowerState(dev->wdm, DevicePowerState,
                    (POWER_STATE){.DeviceState = target == WdfPowerDeviceD1   ? PowerDeviceD1
                                                 : target == WdfPowerDeviceD2 ? PowerDeviceD2
                                                                              : PowerDeviceD3});
    WDF_POWER_SET(dev, final ? WdfDevStatePowerStopped : WdfDevStatePowerDx);
}

/* ---- IRP_MJ_PNP --------------------------------------------------------------------------- */

static NTSTATUS NTAPI wdf_sync_done(PDEVICE_OBJECT device, PIRP irp, PVOID context)
{
    (void)device;
    (void)irp;
    KeSetEvent((PKEVENT)context, IO_NO_INCREMENT, FALSE);
    return STATUS_MORE_PROCESSING_REQUIRED;
}

/* Sends the IRP down and waits for the drivers below to complete it; it is ours again. */
static NTSTATUS wdf_forward_and_wait(struct wdf_device *dev, PIRP irp)
{
    KEVENT done;
    if (dev->lower == NULL) /* wbus: a PDO is the bottom of its stack */
        return STATUS_SUCCESS;
    KeInitializeEvent(&done, NotificationEvent, FALSE);
    IoCopyCurrentIrpStackLocationToNext(irp);
    IoSetCompletionRoutine(irp, wdf_sync_done, &done, TRUE, TRUE, TRUE);
    if ((IoGetCurrentIrpStackLocation(irp)->MajorFunction == IRP_MJ_POWER
             ? PoCallDriver(dev->lower, irp)
             : IoCallDriver(dev->lower, irp)) == STATUS_PENDING)
        KeWaitForSingleObject(&done, Executive, KernelMode, FALSE, NULL);
    return irp->IoStatus.Status;
}

static NTSTATUS wdf_complete_with(PIRP irp, NTSTATUS status)
{
    irp->IoStatus.Status = status;
    IoCompleteRequest(irp, IO_NO_INCREMENT);
    return status;
}

/* A start that failed once the drivers below started: the framework's Failed states. */
static NTSTATUS wdf_pnp_start_failed(struct wdf_device *dev, PIRP irp, NTSTATUS status)
{
    WDF_PWRPOL_SET(dev, WdfDevStatePwrPolStartingFailed);
    WDF_PNP_SET(dev, WdfDevStatePnpFailed);
    return wdf_complete_with(irp, status);
}

/* START_DEVICE: the drivers below first, then (lowest driver first, as the IRP comes back up)
 * PrepareHardware with the assigned resources, the power-up sequence, the interfaces. */
static NTSTATUS wdf_pnp_start(struct wdf_device *dev, struct wdf_pnp_state *st, PIRP irp)
{
    PIO_STACK_LOCATION s = IoGetCurrentIrpStackLocation(irp);
    struct wdf_added_resources added; /* ioreslist: EvtDeviceRemoveAddedResources's lists */
    NTSTATUS status = wdf_fdo_remove_added(dev, irp, &added);
    if (!NT_SUCCESS(status))
        return wdf_pnp_start_failed(dev, irp, status);
    status = wdf_forward_and_wait(dev, irp);
    wdf_fdo_restore_added(irp, &added);
    if (!NT_SUCCESS(status))
        return wdf_pnp_start_failed(dev, irp, status);
    if (st->raw == NULL)
        st->raw = wdf_cmreslist_make(dev, s->Parameters.StartDevice.AllocatedResources, FALSE);
    if (st->translated == NULL)
        st->translated =
            wdf_cmreslist_make(dev, s->Parameters.StartDevice.AllocatedResourcesTranslated, FALSE);
    if (st->raw == NULL || st->translated == NULL)
        return wdf_pnp_start_failed(dev, irp, STATUS_INSUFFICIENT_RESOURCES);
    wdf_interrupts_assign(dev, st->raw, st->translated);
    wdf_interrupts_preparing(dev, TRUE);
    status = WDF_CALL(dev, EvtDevicePrepareHardware, (WDFCMRESLIST)st->raw,
                      (WDFCMRESLIST)st->translated);
    wdf_interrupts_preparing(dev, FALSE);
    if (!NT_SUCCESS(status)) {
        wdf_interrupts_release(dev);
        return wdf_pnp_start_failed(dev, irp, status);
    }
    st->prepared = TRUE;
    WDF_PNP_SET(dev, WdfDevStatePnpHardwareAvailable);
    status = wdf_power_up(dev, st, WdfPowerDeviceD3Final);
    if (NT_SUCCESS(status))
        status = wdf_pofx_start(dev); /* system-managed idle: registered with PoFx */
    if (!NT_SUCCESS(status)) {
        wdf_power_down(dev, st, WdfPowerDeviceD3Final);
        wdf_release_hardware(dev, st);
        return wdf_pnp_start_failed(dev, irp, status);
    }
    st->started = TRUE;
    st->removing = FALSE;
    wdf_event_pnp_state(dev, "device %p: started");
    WDF_PNP_SET(dev, WdfDevStatePnpEnableInterfaces);
    wdf_device_interfaces_set(dev, TRUE);
    WDF_PWRPOL_SET(dev, wdf_power_policy_started_state(dev));
    WDF_PNP_SET(dev, WdfDevStatePnpStarted);
    return wdf_complete_with(irp, STATUS_SUCCESS);
}

/* The power reference of a query (wdf_power_policy_hold) released. */
static void wdf_pnp_unhold(struct wdf_device *dev, struct wdf_pnp_state *st)
{
    if (st->held)
        wdf_power_policy_hold(dev, FALSE);
    st->held = FALSE;
}

/* Leaving the started state (STOP_DEVICE, SURPRISE_REMOVAL, REMOVE_DEVICE): power down to
 * D3Final and release the hardware. */

static void wdf_pnp_leave(struct wdf_device *dev, struct wdf_pnp_state *st)
{
    /* wdfstate: REMOVE_DEVICE after a stop or surprise removal does not stop the policy again */
    BOOLEAN stopping = wdf_state_get(dev, WDF_MACHINE_PWRPOL) != WdfDevStatePwrPolStopped;
    wdf_pnp_unhold(dev, st);
    if (stopping)
        WDF_PWRPOL_SET(dev, WdfDevStatePwrPolStopping);
    wdf_power_policy_stopped(dev);
    st->started = FALSE;
    wdf_event_pnp_state(dev, "device %p: leaves the started state");
    wdf_device_interfaces_set(dev, FALSE);
    if (st->removing && !st->in_d0) /* idle in Dx: the queues are purged all the same */
        wdf_queue_device_power_action(dev, FALSE, WdfRequestStopActionPurge);
    wdf_power_down(dev, st, WdfPowerDeviceD3Final);
    wdf_release_hardware(dev, st);
    if (stopping)
        WDF_PWRPOL_SET(dev, WdfDevStatePwrPolStopped);
}

/* The last steps of both removals in "A User Unplugs a Device": EvtDeviceSelfManagedIoFlush
 * (the driver completes what its self-managed I/O holds, such as requests parked in a manual
 * queue), then EvtDeviceSelfManagedIoCleanup; once per SelfManagedIoInit. */
static void wdf_pnp_smio_end(struct wdf_device *dev, struct wdf_pnp_state *st)
{
    if (!st->smio_init)
        return;
    WDF_CALL_VOID(dev, EvtDeviceSelfManagedIoFlush);
    WDF_CALL_VOID(dev, EvtDeviceSelfManagedIoCleanup);
    st->smio_init = FALSE;
}

/* REMOVE_DEVICE: the rest of "A User Unplugs a Device" (SelfManagedIoFlush, Cleanup), the IRP
 * down, then the device leaves the stack and is deleted with its children (queues: what they
 * still hold is cancelled). */
static NTSTATUS wdf_pnp_remove(struct wdf_device *dev, struct wdf_pnp_state *st, PIRP irp)
{
    NTSTATUS status;
    st->removing = TRUE;
    WDF_PNP_SET(dev, WdfDevStatePnpRemovingDisableInterfaces);
    wdf_pnp_leave(dev, st);
    wdf_pnp_smio_end(dev, st); /* already done at a surprise removal */
    WDF_PWRPOL_SET(dev, WdfDevStatePwrPolRemoved);
    WDF_PNP_SET(dev, WdfDevStatePnpRemoved);
    irp->IoStatus.Status = STATUS_SUCCESS;
    status = wdf_irp_pass_down(dev, irp);
    if (!wdf_pdo_keep_at_remove(dev)) { /* the last states of a device about to be deleted */
        WDF_POWER_SET(dev, WdfDevStatePowerFinal);
        WDF_PWRPOL_SET(dev, WdfDevStatePwrPolFinal);
        WDF_PNP_SET(dev, WdfDevStatePnpFinal);
    }
    wdf_power_policy_unlock(dev);       /* before the state goes with the device */
    if (!wdf_pdo_keep_at_remove(dev)) { /* wbus: a PDO still on its bus stays */
        wdf_event_pnp_state(dev, "device %p: removed, deleted");
        wdf_object_delete(&dev->obj); /* detaches and deletes the device object (device.c) */
    }
    return status;
}

/* A query the driver may veto with its callback; passed down when it does not. */
static NTSTATUS wdf_pnp_query(struct wdf_device *dev, PFN_WDF_DEVICE_QUERY_REMOVE callback,
                              PIRP irp)
{
    NTSTATUS status = callback != NULL ? callback((WDFDEVICE)dev) : STATUS_SUCCESS;
    if (!NT_SUCCESS(status))
        return wdf_complete_with(irp, status);
    irp->IoStatus.Status = STATUS_SUCCESS;
    return wdf_irp_pass_down(dev, irp);
}

/* IRP_MN_QUERY_CAPABILITIES: the stack's capabilities, with the power capabilities the driver
 * set (WdfDeviceSetPowerCapabilities) written over them on the way up. */
static NTSTATUS wdf_pnp_capabilities(struct wdf_device *dev, PIRP irp)
{
    PDEVICE_CAPABILITIES caps =
        IoGetCurrentIrpStackLocation(irp)->Parameters.DeviceCapabilities.Capabilities;
    NTSTATUS status = wdf_forward_and_wait(dev, irp);
    if (NT_SUCCESS(status))
        wdf_power_policy_caps(dev, caps);
    return wdf_complete_with(irp, status);
}

/* IRP_MN_QUERY_PNP_DEVICE_STATE: the bits below, with WdfDeviceSetDeviceState's and a failed
 * device's on the way up. */
static NTSTATUS wdf_pnp_device_state(struct wdf_device *dev, PIRP irp)
{
    NTSTATUS status = wdf_forward_and_wait(dev, irp);
    ULONG_PTR bits = NT_SUCCESS(status) ? irp->IoStatus.Information : 0;
    ULONG_PTR ours = wdf_power_policy_pnp_state(dev, bits);
    if (NT_SUCCESS(status) || ours != 0) {
        irp->IoStatus.Information = ours;
        status = STATUS_SUCCESS;
    }
    return wdf_complete_with(irp, status);
}

/* ioreslist: IRP_MN_FILTER_RESOURCE_REQUIREMENTS of a driver with the filter callbacks
 * (ioreslist.c): EvtDeviceFilterRemoveResourceRequirements, the drivers below, then
 * EvtDeviceFilterAddResourceRequirements (Microsoft: "Modifying a Resource Requirements
 * List"). */
static NTSTATUS wdf_pnp_filter_requirements(struct wdf_device *dev, PIRP irp)
{
    struct wdf_filter_lists lists;
    NTSTATUS status = wdf_fdo_filter_down(dev, irp, &lists);
    if (!NT_SUCCESS(status))
        return wdf_complete_with(irp, status);
    status = wdf_forward_and_wait(dev, irp);
    return wdf_complete_with(irp, wdf_fdo_filter_up(dev, irp, &lists, status));
}

/* The PnP IRPs that change the device's state, one transition at a time with the idle
 * transitions and system power (wdf_power_policy_lock). */
static NTSTATUS wdf_pnp_locked(struct wdf_device *dev, struct wdf_pnp_state *st, PIRP irp,
                               UCHAR minor)
{
    switch (minor) {
    case IRP_MN_START_DEVICE:
        WDF_PNP_SET(dev, wdf_state_get(dev, WDF_MACHINE_PNP) == WdfDevStatePnpStopped
                             ? WdfDevStatePnpStartingFromStopped
                             : WdfDevStatePnpInitStarting);
        WDF_PWRPOL_SET(dev, WdfDevStatePwrPolStarting);
        wdf_remove_lock_started(dev);
        return wdf_pnp_start(dev, st, irp);
    case IRP_MN_QUERY_REMOVE_DEVICE:
    case IRP_MN_QUERY_STOP_DEVICE: {
        /* Microsoft's states QueryRemoveEnsureDeviceAwake / QueryStopEnsureDeviceAwake: an
         * idle device returns to D0 before the driver is asked. */
        BOOLEAN remove = minor == IRP_MN_QUERY_REMOVE_DEVICE;
        NTSTATUS status;
        /* wdeva: WdfDeviceSetStaticStopRemove(FALSE) outstanding: refused without asking the
         * driver. The status is drvhost's choice (Microsoft names none). */
        if (!wdf_device_pnp_stoppable(dev))
            return wdf_complete_with(irp, STATUS_DEVICE_BUSY);
        if (!st->held)
            wdf_power_policy_hold(dev, TRUE);
        st->held = TRUE;
        status = wdf_pnp_query(
            dev, remove ? dev->pnp.EvtDeviceQueryRemove : dev->pnp.EvtDeviceQueryStop, irp);
        if (!NT_SUCCESS(status))
            wdf_pnp_unhold(dev, st);
        else
            WDF_PNP_SET(dev,
                        remove ? WdfDevStatePnpQueryRemovePending : WdfDevStatePnpQueryStopPending);
        return status;
    }
    case IRP_MN_STOP_DEVICE:
        WDF_PNP_SET(dev, WdfDevStatePnpStartedStopping);
        wdf_pnp_leave(dev, st);
        WDF_PNP_SET(dev, WdfDevStatePnpStopped);
        irp->IoStatus.Status = STATUS_SUCCESS;
        return wdf_irp_pass_down(dev, irp);
    case IRP_MN_SURPRISE_REMOVAL:
        st->surprise = TRUE;
        st->removing = TRUE;
        WDF_PNP_SET(dev, WdfDevStatePnpSurpriseRemove);
        WDF_CALL_VOID(dev, EvtDeviceSurpriseRemoval);
        wdf_pnp_leave(dev, st);
        /* Microsoft's surprise-removal sequence ends each driver's part with Flush and Cleanup
         * (steps 8 and 9), before the next driver down and before REMOVE_DEVICE, which waits
         * for the handles to close: a request a driver parked stays pending until then. */
        wdf_pnp_smio_end(dev, st);
        irp->IoStatus.Status = STATUS_SUCCESS;
        return wdf_irp_pass_down(dev, irp);
    default: /* IRP_MN_REMOVE_DEVICE: unlocks before the device goes */
        return wdf_pnp_remove(dev, st, irp);
    }
}

/* CANCEL_REMOVE / CANCEL_STOP of a started device back to Started, through the framework's
 * StartedCancelRemove / StartedCancelStop. */
static void wdf_pnp_cancel_query(struct wdf_device *dev, struct wdf_pnp_state *st, BOOLEAN remove)
{
    if (!st->started)
        return;
    WDF_PNP_SET(dev, remove ? WdfDevStatePnpStartedCancelRemove : WdfDevStatePnpStartedCancelStop);
    WDF_PNP_SET(dev, WdfDevStatePnpStarted);
}

static NTSTATUS wdf_pnp(struct wdf_device *dev, PIRP irp)
{
    struct wdf_pnp_state *st = wdf_state(dev);
    UCHAR minor = IoGetCurrentIrpStackLocation(irp)->MinorFunction;
    NTSTATUS status;
    if (st == NULL)
        return wdf_complete_with(irp, STATUS_INSUFFICIENT_RESOURCES);
    wdf_event_pnp_irp(dev, minor);
    switch (minor) {
    case IRP_MN_START_DEVICE:
    case IRP_MN_QUERY_REMOVE_DEVICE:
    case IRP_MN_QUERY_STOP_DEVICE:
    case IRP_MN_STOP_DEVICE:
    case IRP_MN_SURPRISE_REMOVAL:
        wdf_power_policy_lock(dev);
        status = wdf_pnp_locked(dev, st, irp, minor);
        wdf_power_policy_unlock(dev);
        return status;
    case IRP_MN_REMOVE_DEVICE:
        wdf_remove_lock_wait(dev); /* wdfstate: the I/O in flight first (remove_lock.c) */
        wdf_power_policy_lock(dev);
        return wdf_pnp_locked(dev, st, irp, minor);
    case IRP_MN_CANCEL_REMOVE_DEVICE:
    case IRP_MN_CANCEL_STOP_DEVICE:
        wdf_power_policy_lock(dev);
        wdf_pnp_unhold(dev, st);
        wdf_pnp_cancel_query(dev, st, minor == IRP_MN_CANCEL_REMOVE_DEVICE);
        wdf_power_policy_unlock(dev);
        irp->IoStatus.Status = STATUS_SUCCESS;
        return wdf_irp_pass_down(dev, irp);
    case IRP_MN_QUERY_CAPABILITIES:
        return wdf_pnp_capabilities(dev, irp);
    case IRP_MN_QUERY_DEVICE_RELATIONS: { /* wdeva: removal relations on the way down */
        NTSTATUS status = wdf_device_pnp_relations(dev, irp);
        if (!NT_SUCCESS(status))
            return wdf_complete_with(irp, status);
        return wdf_irp_pass_down(dev, irp);
    }
    case IRP_MN_QUERY_PNP_DEVICE_STATE:
        return wdf_pnp_device_state(dev, irp);
    case IRP_MN_FILTER_RESOURCE_REQUIREMENTS:
        if (wdf_fdo_filters_requirements(dev))
            return wdf_pnp_filter_requirements(dev, irp);
        return wdf_irp_pass_down(dev, irp);
    case IRP_MN_DEVICE_USAGE_NOTIFICATION: /* wdeva: special files (device_pnp.c) */
        if (!wdf_device_pnp_usage_begin(dev, irp, &status))
            return wdf_complete_with(irp, status);
        return wdf_complete_with(
            irp, wdf_device_pnp_usage_end(dev, irp, wdf_forward_and_wait(dev, irp)));
    case IRP_MN_QUERY_INTERFACE: /* wdeva: WdfDeviceAddQueryInterface's, answered here */
        if (wdf_device_pnp_query_interface(dev, irp, &status))
            return wdf_complete_with(irp, status);
        return wdf_irp_pass_down(dev, irp);
    default: /* what the framework does not handle goes down, for filters and FDOs alike */
        return wdf_irp_pass_down(dev, irp);
    }
}

/* ---- IRP_MJ_POWER ------------------------------------------------------------------------- */

static WDF_POWER_DEVICE_STATE wdf_power_state_of(DEVICE_POWER_STATE d)
{
    switch (d) {
    case PowerDeviceD1:
        return WdfPowerDeviceD1;
    case PowerDeviceD2:
        return WdfPowerDeviceD2;
    default:
        return WdfPowerDeviceD3;
    }
}

/* A device set-power IRP: out of D0 before the drivers below see it, into D0 after they have
 * (the lowest driver first). D0Entry's PreviousState is the state D0Exit named. A device that
 * cannot return to D0 has failed (Microsoft: EvtDeviceD0Entry): the PnP manager is told. */
static NTSTATUS wdf_power_device(struct wdf_device *dev, struct wdf_pnp_state *st, PIRP irp)
{
    DEVICE_POWER_STATE d = IoGetCurrentIrpStackLocation(irp)->Parameters.Power.State.DeviceState;
    NTSTATUS status;
    if (d != PowerDeviceD0) {
        if (st->started)
            wdf_power_down(dev, st, wdf_power_state_of(d));
        irp->IoStatus.Status = STATUS_SUCCESS;
        return wdf_irp_pass_down(dev, irp);
    }
    status = wdf_forward_and_wait(dev, irp);
    if (NT_SUCCESS(status) && st->started && !st->in_d0) {
        status = wdf_power_up(dev, st, st->dx != WdfPowerDeviceInvalid ? st->dx : WdfPowerDeviceD3);
        if (!NT_SUCCESS(status)) {
            WDF_PNP_SET(dev, WdfDevStatePnpFailedPowerDown);
            wdf_power_policy_fail(dev);
        }
    }
    PoStartNextPowerIrp(irp);
    return wdf_complete_with(irp, status);
}

/* The power policy owner turns a system set-power IRP into a device one: once the drivers
 * below have the system IRP back (this IoCompletion routine), it requests the device state of
 * the system state (wdf_power_policy_dstate: the capabilities' DeviceState[]), D0 for S0, and
 * completes the system IRP when the device IRP is done (Microsoft: "Handling a System
 * Set-Power IRP in a Device Power Policy Owner"). The transition lock taken by
 * wdf_power_system is released here. */
static void wdf_system_irp_end(struct wdf_device *dev)
{
    wdf_power_policy_system_done(dev);
    wdf_power_policy_unlock(dev);
}

static VOID NTAPI wdf_device_irp_done(PDEVICE_OBJECT device, UCHAR minor, POWER_STATE state,
                                      PVOID context, PIO_STATUS_BLOCK iosb)
{
    PIRP sirp = context;
    /* `device` is the PDO the request named; ours is the system IRP's current location's. */
    PDEVICE_OBJECT ours = IoGetCurrentIrpStackLocation(sirp)->DeviceObject;
    struct wdf_device *dev = *(struct wdf_device **)ours->DeviceExtension;
    (void)device;
    (void)minor;
    (void)state;
    (void)iosb; /* a system set-power IRP cannot fail: the device IRP's failure stays there */
    wdf_system_irp_end(dev);
    PoStartNextPowerIrp(sirp);
    IoCompleteRequest(sirp, IO_NO_INCREMENT);
}

static NTSTATUS NTAPI wdf_system_irp_done(PDEVICE_OBJECT device, PIRP irp, PVOID context)
{
    struct wdf_device *dev = context;
    PIO_STACK_LOCATION s = IoGetCurrentIrpStackLocation(irp);
    SYSTEM_POWER_STATE sx = s->Parameters.Power.State.SystemState;
    struct wdf_pnp_state *st = dev->state;
    POWER_STATE d;
    BOOLEAN send;
    (void)device;
    d.DeviceState = wdf_power_policy_dstate(dev, sx);
    /* Going to sleep from D0, or waking to D0; a device idling in its DxState sleeps there and
     * stays there on wake unless something waits for D0 (wdf_power_policy_wake_to_d0). */
    send = NT_SUCCESS(irp->IoStatus.Status) && st != NULL && st->started &&
           (sx == PowerSystemWorking ? !st->in_d0 && wdf_power_policy_wake_to_d0(dev) : st->in_d0);
    if (send && NT_SUCCESS(PoRequestPowerIrp(dev->pdo, IRP_MN_SET_POWER, d, wdf_device_irp_done,
                                             irp, NULL)))
        return STATUS_MORE_PROCESSING_REQUIRED;
    wdf_system_irp_end(dev);
    PoStartNextPowerIrp(irp);
    return STATUS_CONTINUE_COMPLETION;
}

static NTSTATUS wdf_power_system(struct wdf_device *dev, PIRP irp)
{
    PIO_STACK_LOCATION s = IoGetCurrentIrpStackLocation(irp);
    if (!dev->power_policy_owner) {
        irp->IoStatus.Status = STATUS_SUCCESS;
        return wdf_irp_pass_down(dev, irp);
    }
    wdf_power_policy_lock(dev); /* released when the system IRP is done */
    wdf_power_policy_system(dev, s->Parameters.Power.State.SystemState,
                            s->Parameters.Power.ShutdownType);
    IoMarkIrpPending(irp);
    irp->IoStatus.Status = STATUS_SUCCESS;
    IoCopyCurrentIrpStackLocationToNext(irp);
    IoSetCompletionRoutine(irp, wdf_system_irp_done, dev, TRUE, TRUE, TRUE);
    PoCallDriver(dev->lower, irp);
    return STATUS_PENDING;
}

static NTSTATUS wdf_power(struct wdf_device *dev, PIRP irp)
{
    PIO_STACK_LOCATION s = IoGetCurrentIrpStackLocation(irp);
    struct wdf_pnp_state *st = wdf_state(dev);
    wdf_event_power_irp(dev, s);
    if (st == NULL || s->MinorFunction != IRP_MN_SET_POWER) {
        if (s->MinorFunction == IRP_MN_QUERY_POWER) /* the framework accepts every query */
            irp->IoStatus.Status = STATUS_SUCCESS;
        return wdf_irp_pass_down(dev, irp);
    }
    if (s->Parameters.Power.Type == SystemPowerState)
        return wdf_power_system(dev, irp);
    return wdf_power_device(dev, st, irp);
}

NTSTATUS wdf_pnp_dispatch(struct wdf_device *device, PIRP irp)
{
    PIO_STACK_LOCATION s = IoGetCurrentIrpStackLocation(irp);
    if (device != NULL &&
        (device->pdo_part != NULL || __atomic_load_n(&device->bus, __ATOMIC_ACQUIRE) != NULL))
        return wdf_bus_pnp_dispatch(device, irp); /* wbus: PDOs and bus FDOs (pdo.c) */
    if (device == NULL || device->lower == NULL)  /* a control device: no PnP, no power */
        return wdf_irp_complete(irp, STATUS_INVALID_DEVICE_REQUEST);
    return s->MajorFunction == IRP_MJ_PNP ? wdf_pnp(device, irp) : wdf_power(device, irp);
}

NTSTATUS wdf_pnp_dispatch_stack(struct wdf_device *device, PIRP irp)
{
    return IoGetCurrentIrpStackLocation(irp)->MajorFunction == IRP_MJ_PNP ? wdf_pnp(device, irp)
                                                                          : wdf_power(device, irp);
}
