/*
 * pnpirp.h - what the framework test drivers that send PnP IRPs themselves share (wdfrel.c,
 * wdfbusfn.c, wdfpower.c, wdfres.c): one IRP_MJ_PNP IRP built, sent and waited for, as the PnP
 * manager sends them. Public WDM headers only: builds with the WDK.
 */
#ifndef PNPIRP_H
#define PNPIRP_H

/* A PnP IRP of `minor` to `target`, with the Parameters of `params`, IoStatus.Status
 * STATUS_NOT_SUPPORTED at first; waits for it. *info: IoStatus.Information; when not 0 at the
 * call, the IRP starts with it and STATUS_SUCCESS, as if a driver above had answered it already
 * (a relations list). Returns the IRP's status. */
static NTSTATUS PnpIrpSend(PDEVICE_OBJECT target, UCHAR minor, const IO_STACK_LOCATION *params,
                           ULONG_PTR *info)
{
    KEVENT done;
    IO_STATUS_BLOCK iosb;
    PIO_STACK_LOCATION sp;
    PIRP irp;
    KeInitializeEvent(&done, NotificationEvent, FALSE);
    irp = IoBuildSynchronousFsdRequest(IRP_MJ_PNP, target, NULL, 0, NULL, &done, &iosb);
    if (irp == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    irp->IoStatus.Status = *info != 0 ? STATUS_SUCCESS : STATUS_NOT_SUPPORTED;
    irp->IoStatus.Information = *info;
    sp = IoGetNextIrpStackLocation(irp);
    sp->MinorFunction = minor;
    RtlCopyMemory(&sp->Parameters, &params->Parameters, sizeof(params->Parameters));
    if (IoCallDriver(target, irp) == STATUS_PENDING)
        KeWaitForSingleObject(&done, Executive, KernelMode, FALSE, NULL);
    *info = iosb.Information;
    return iosb.Status;
}

/* IRP_MN_QUERY_CAPABILITIES to `target` as the PnP manager asks it (Size, Version, Address
 * and UINumber set, the rest zero); *caps: the answer. Returns the IRP's status. */
static NTSTATUS PnpQueryCaps(PDEVICE_OBJECT target, PDEVICE_CAPABILITIES caps)
{
    IO_STACK_LOCATION params;
    ULONG_PTR none = 0;
    RtlZeroMemory(caps, sizeof(*caps));
    caps->Size = sizeof(*caps);
    caps->Version = 1;
    caps->Address = caps->UINumber = (ULONG)-1;
    RtlZeroMemory(&params, sizeof(params));
    params.Parameters.DeviceCapabilities.Capabilities = caps;
    return PnpIrpSend(target, IRP_MN_QUERY_CAPABILITIES, &params, &none);
}

#endif
