/*
 * file.c - the framework's file objects: IRP_MJ_CREATE, IRP_MJ_CLEANUP and IRP_MJ_CLOSE of a
 * framework device.
 *
 * Skeleton: without EvtDeviceFileCreate support the framework succeeds create, cleanup and
 * close itself (a create on a deleted WDFDEVICE fails with STATUS_DELETE_PENDING).
 */
#include "wdf/wdf_private.h"

NTSTATUS wdf_file_dispatch(struct wdf_device *device, PIRP irp)
{
    if (device == NULL && IoGetCurrentIrpStackLocation(irp)->MajorFunction == IRP_MJ_CREATE)
        return wdf_irp_complete(irp, STATUS_DELETE_PENDING);
    return wdf_irp_complete(irp, STATUS_SUCCESS);
}
