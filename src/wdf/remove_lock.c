/*
 * remove_lock.c - WdfDeviceInitSetRemoveLockOptions (KMDF 1.11): with
 * WDF_REMOVE_LOCK_OPTION_ACQUIRE_FOR_IO the framework acquires a remove lock before it delivers
 * an I/O IRP to the driver and releases it when the IRP completes, so that IRP_MN_REMOVE_DEVICE
 * waits for the I/O in flight (Microsoft: WdfDeviceInitSetRemoveLockOptions, "Using Remove
 * Locks"). The lock is an ordinary IO_REMOVE_LOCK (src/io/removelock.c).
 *
 * What drvhost locks: the IRPs that become requests of the device's queues (read, write,
 * device controls; device.c's dispatch), acquired with the IRP as tag before the queue sees
 * it, released when the request ends (wdf_request_dispose: completed, cancelled or sent and
 * forgotten). Without the option nothing of this runs: the dispatch tests one pointer.
 * Deviations (docs/wdf.md): PnP, power, WMI and file object IRPs take no lock (the PnP manager
 * already sends PnP and power IRPs one at a time); the lock is released as the request ends,
 * just before IoCompleteRequest returns the IRP to its sender.
 *
 * Lifetime: made at WdfDeviceCreate, freed with the device object's destruction (after
 * REMOVE_DEVICE waited for it, no request holds it any more).
 */
#include <stdlib.h>

#include "rtl/rtl.h"
#include "wdf/wdf_private.h"

#define WDF_REMOVE_LOCK_TAG 0x6b4c6d52u /* 'RmLk' */

VOID imp_WdfDeviceInitSetRemoveLockOptions(PWDF_DRIVER_GLOBALS globals, PWDFDEVICE_INIT DeviceInit,
                                           PWDF_REMOVE_LOCK_OPTIONS Options)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    PWDFDEVICE_INIT init = wdf_init_get(g, DeviceInit, "WdfDeviceInitSetRemoveLockOptions",
                                        __builtin_return_address(0));
    const char *problem = NULL;
    WDF_CHECK_NOT_NULL(g, Options);
    if (Options->Size != sizeof(*Options))
        problem = "its Size is not sizeof(WDF_REMOVE_LOCK_OPTIONS)";
    else if ((Options->Flags & ~(ULONG)WDF_REMOVE_LOCK_OPTION_ACQUIRE_FOR_IO) != 0)
        problem = "Flags has bits WDF_REMOVE_LOCK_OPTIONS_FLAGS does not define";
    else if (init->control) /* Microsoft: not supported on control objects */
        problem = "a control device's WDFDEVICE_INIT (not supported)";
    if (problem != NULL) { /* the routine returns nothing: said, and the call changes nothing */
        rtl_diag(RTL_DIAG_ERROR, "wdf", "driver '%s': WdfDeviceInitSetRemoveLockOptions: %s",
                 g->pub.DriverName, problem);
        return;
    }
    init->remove_lock_flags = Options->Flags;
}

NTSTATUS wdf_remove_lock_device_created(PWDFDEVICE_INIT init, struct wdf_device *dev)
{
    if (!(init->remove_lock_flags & WDF_REMOVE_LOCK_OPTION_ACQUIRE_FOR_IO))
        return STATUS_SUCCESS;
    dev->remove_lock = calloc(1, sizeof(*dev->remove_lock));
    if (dev->remove_lock == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    IoInitializeRemoveLock(dev->remove_lock, WDF_REMOVE_LOCK_TAG, 0, 0);
    wdf_device_detour(dev, WDF_DETOUR_REMOVE_LOCK, TRUE);
    return STATUS_SUCCESS;
}

void wdf_remove_lock_device_free(struct wdf_device *dev)
{
    wdf_device_detour(dev, WDF_DETOUR_REMOVE_LOCK, FALSE);
    free(dev->remove_lock);
    dev->remove_lock = NULL;
}

/* An I/O IRP of a device with the option: the lock first; once the device's removal waited
 * for the lock, the IRP fails with the lock's status (STATUS_DELETE_PENDING). */
NTSTATUS wdf_remove_lock_dispatch(struct wdf_device *dev, PIRP irp)
{
    NTSTATUS status = IoAcquireRemoveLock(dev->remove_lock, irp);
    if (!NT_SUCCESS(status))
        return wdf_irp_complete(irp, status);
    return wdf_queue_dispatch(dev, irp);
}

/* The queue refused the IRP (no request was made): completed, then the lock released. */
NTSTATUS wdf_remove_lock_complete(struct wdf_device *dev, PIRP irp, NTSTATUS status)
{
    status = wdf_irp_complete(irp, status);
    if (dev->remove_lock != NULL)
        IoReleaseRemoveLock(dev->remove_lock, irp);
    return status;
}

/* The request of an IRP that acquired the lock ends (its IRP completed or sent away). */
void wdf_remove_lock_release(struct wdf_request *r)
{
    IO_REMOVE_LOCK *lock = r->remove_lock;
    r->remove_lock = NULL;
    IoReleaseRemoveLock(lock, r->irp);
}

/* IRP_MN_REMOVE_DEVICE, before the framework's removal sequence: the I/O in flight completes
 * first (the driver's queues still run), and from here on I/O fails with STATUS_DELETE_PENDING.
 * Waits without the device's transition lock, which a request waiting for D0 may need. */
void wdf_remove_lock_wait(struct wdf_device *dev)
{
    if (dev->remove_lock != NULL &&
        NT_SUCCESS(IoAcquireRemoveLock(dev->remove_lock, dev->remove_lock)))
        IoReleaseRemoveLockAndWait(dev->remove_lock, dev->remove_lock); /* and the bias */
}

/* START_DEVICE of a device whose lock a removal took (a framework PDO that stayed on its bus):
 * the lock is new again. */
void wdf_remove_lock_started(struct wdf_device *dev)
{
    if (dev->remove_lock != NULL && dev->remove_lock->Common.Removed)
        IoInitializeRemoveLock(dev->remove_lock, WDF_REMOVE_LOCK_TAG, 0, 0);
}
