/*
 * vsample_pnp.h - a helper the PnP sample drivers share: passing an IRP down and waiting for the
 * lower drivers to complete it ("Passing PnP IRPs Down the Device Stack", and IRP_MN_START_DEVICE:
 * a function or filter driver starts its device only after the lower drivers have), passing it
 * down, and entering a device power state. Driver source, public headers only.
 */
#ifndef VSAMPLE_PNP_H
#define VSAMPLE_PNP_H

#include <wdm.h>

/* Sets the event the dispatch routine waits on and keeps the IRP: the dispatch routine
 * finishes it. Runs at IRQL <= DISPATCH_LEVEL. */
static NTSTATUS VsForwardCompletion(PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Context)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    UNREFERENCED_PARAMETER(Irp);
    KeSetEvent((PKEVENT)Context, IO_NO_INCREMENT, FALSE);
    return STATUS_MORE_PROCESSING_REQUIRED;
}

/* Sends Irp to Lower and waits (PASSIVE_LEVEL) until the lower drivers completed it; returns
 * their status. The caller still owns the IRP and must complete it. */
static NTSTATUS VsForwardIrpSynchronously(PDEVICE_OBJECT Lower, PIRP Irp)
{
    KEVENT done;
    NTSTATUS status;

    KeInitializeEvent(&done, NotificationEvent, FALSE);
    IoCopyCurrentIrpStackLocationToNext(Irp);
    IoSetCompletionRoutine(Irp, VsForwardCompletion, &done, TRUE, TRUE, TRUE);
    status = IoCallDriver(Lower, Irp);
    if (status == STATUS_PENDING) {
        KeWaitForSingleObject(&done, Executive, KernelMode, FALSE, NULL);
        status = Irp->IoStatus.Status;
    }
    return status;
}

/* Passes Irp down unchanged and releases the remove lock the dispatch routine acquired for it;
 * returns the lower driver's status. */
static NTSTATUS VsPassDown(PDEVICE_OBJECT Lower, PIO_REMOVE_LOCK RemoveLock, PIRP Irp)
{
    NTSTATUS status;

    IoSkipCurrentIrpStackLocation(Irp);
    status = IoCallDriver(Lower, Irp);
    IoReleaseRemoveLock(RemoveLock, Irp);
    return status;
}

/* The same for a power IRP: the next power IRP may start (PoStartNextPowerIrp, while the
 * current stack location is still ours), then PoCallDriver. */
static NTSTATUS VsPassPowerDown(PDEVICE_OBJECT Lower, PIO_REMOVE_LOCK RemoveLock, PIRP Irp)
{
    NTSTATUS status;

    PoStartNextPowerIrp(Irp);
    IoSkipCurrentIrpStackLocation(Irp);
    status = PoCallDriver(Lower, Irp);
    IoReleaseRemoveLock(RemoveLock, Irp);
    return status;
}

/* Records State as the device's power state and tells the power manager (PoSetPowerState), as
 * a driver does when its device enters a new device power state. */
static VOID VsSetDevicePower(PDEVICE_OBJECT DeviceObject, DEVICE_POWER_STATE *Current,
                             DEVICE_POWER_STATE State)
{
    POWER_STATE state;

    state.DeviceState = State;
    *Current = State;
    PoSetPowerState(DeviceObject, DevicePowerState, state);
}

#endif
