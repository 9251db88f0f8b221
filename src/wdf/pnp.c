/*
 * pnp.c - the framework's PnP and power: the AddDevice the framework installs, and IRP_MJ_PNP
 * and IRP_MJ_POWER of a framework device.
 *
 * Skeleton: framework devices are control devices only, which receive neither.
 */
#include "wdf/wdf_private.h"

NTSTATUS wdf_pnp_dispatch(struct wdf_device *device, PIRP irp)
{
    (void)device;
    return wdf_irp_complete(irp, STATUS_INVALID_DEVICE_REQUEST);
}
