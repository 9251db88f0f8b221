/*
 * irp.c - PnP IRPs as the PnP manager sends them: allocated for the stack, IoStatus.Status
 * STATUS_NOT_SUPPORTED (the documented initial status of every PnP IRP the system sends, so
 * that an IRP nobody handles comes back with it), sent to the top of the stack and waited for
 * (the manager's thread blocks, as Windows's PnP worker does).
 */
#include "pnp/pnp_private.h"

#include <string.h>

static NTSTATUS NTAPI irp_done(PDEVICE_OBJECT device, PIRP irp, PVOID context)
{
    (void)device;
    (void)irp;
    KeSetEvent((PKEVENT)context, IO_NO_INCREMENT, FALSE);
    return STATUS_MORE_PROCESSING_REQUIRED; /* the IRP is ours: freed after the wait */
}

static NTSTATUS send(PDEVICE_OBJECT target, UCHAR minor, const void *params, size_t size,
                     ULONG_PTR info_in, ULONG_PTR *info)
{
    KEVENT done;
    PIRP irp = IoAllocateIrp(target->StackSize, FALSE);
    if (irp == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    KeInitializeEvent(&done, NotificationEvent, FALSE);
    irp->IoStatus.Status = STATUS_NOT_SUPPORTED;
    irp->IoStatus.Information = info_in;
    irp->RequestorMode = KernelMode;
    irp->Tail.Overlay.Thread = (PETHREAD)KeGetCurrentThread();
    PIO_STACK_LOCATION sp = IoGetNextIrpStackLocation(irp);
    sp->MajorFunction = IRP_MJ_PNP;
    sp->MinorFunction = minor;
    if (params != NULL)
        memcpy(&sp->Parameters, params, size);
    IoSetCompletionRoutine(irp, irp_done, &done, TRUE, TRUE, TRUE);
    if (IoCallDriver(target, irp) == STATUS_PENDING)
        KeWaitForSingleObject(&done, Executive, KernelMode, FALSE, NULL);
    NTSTATUS status = irp->IoStatus.Status;
    if (info != NULL)
        *info = irp->IoStatus.Information;
    IoFreeIrp(irp);
    return status;
}

NTSTATUS pnp_irp(PDEVICE_OBJECT pdo, UCHAR minor, const void *params, size_t params_size,
                 ULONG_PTR *info)
{
    PDEVICE_OBJECT top = IoGetAttachedDeviceReference(pdo);
    NTSTATUS status = send(top, minor, params, params_size, 0, info);
    ObDereferenceObject(top);
    return status;
}

NTSTATUS pnp_irp_in(PDEVICE_OBJECT pdo, UCHAR minor, const void *params, size_t params_size,
                    ULONG_PTR *info)
{
    PDEVICE_OBJECT top = IoGetAttachedDeviceReference(pdo);
    NTSTATUS status = send(top, minor, params, params_size, *info, info);
    ObDereferenceObject(top);
    return status;
}

NTSTATUS pnp_irp_pdo(PDEVICE_OBJECT pdo, UCHAR minor, ULONG_PTR *info)
{
    return send(pdo, minor, NULL, 0, 0, info);
}
