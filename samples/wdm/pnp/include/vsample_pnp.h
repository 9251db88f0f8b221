/*
 * vsample_pnp.h - a helper the PnP sample drivers share: passing an IRP down and waiting for the
 * lower drivers to complete it ("Passing PnP IRPs Down the Device Stack", and IRP_MN_START_DEVICE:
 * a function or filter driver starts its device only after the lower drivers have). Driver
 * source, public headers only.
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

#endif
