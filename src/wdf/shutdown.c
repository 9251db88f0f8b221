/*
 * shutdown.c - a control device's shutdown notification (gkmdf):
 * WdfControlDeviceInitSetShutdownNotification, and EvtDeviceShutdownNotification called for
 * the IRP_MJ_SHUTDOWN the I/O manager sends at drvhost's shutdown (src/io/shutdown.c:
 * drvhost_shutdown, after the clients' handles are closed); and the MOF resource name the
 * device keeps (property.c's WdfDeviceAssignMofResourceName).
 *
 * WdfDeviceShutdown registers the device with IoRegisterShutdownNotification,
 * WdfDeviceLastChanceShutdown with IoRegisterLastChanceShutdownNotification; both flags make
 * both registrations, so the callback runs twice (once in each round). Deleting the device
 * (IoDeleteDevice) forgets the registrations.
 */
#include <stdlib.h>
#include <string.h>

#include "rtl/rtl.h"
#include "vf/vf.h"
#include "wdf/wdf_private.h"

#define WDF_SHUTDOWN_FLAGS (WdfDeviceShutdown | WdfDeviceLastChanceShutdown)

/* Microsoft: for a control device's init (WdfControlDeviceInitAllocate), before
 * WdfDeviceCreate. Another init, or flags outside WDF_DEVICE_SHUTDOWN_FLAGS, are reported and
 * the call ignored (drvhost's choice: the page names no failure). */
VOID imp_WdfControlDeviceInitSetShutdownNotification(
    PWDF_DRIVER_GLOBALS globals, PWDFDEVICE_INIT DeviceInit,
    PFN_WDF_DEVICE_SHUTDOWN_NOTIFICATION Notification, UCHAR Flags)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    PWDFDEVICE_INIT init = wdf_init_get(
        g, DeviceInit, "WdfControlDeviceInitSetShutdownNotification", __builtin_return_address(0));
    vf_check_irql_at_most(DISPATCH_LEVEL, "WdfControlDeviceInitSetShutdownNotification", DeviceInit,
                          __builtin_return_address(0));
    if (!init->control || Notification == NULL || Flags == 0 || (Flags & ~WDF_SHUTDOWN_FLAGS)) {
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': WdfControlDeviceInitSetShutdownNotification: %s; ignored",
                 g->pub.DriverName,
                 !init->control         ? "not a control device's WDFDEVICE_INIT"
                 : Notification == NULL ? "Notification is NULL"
                                        : "Flags is not a set of WDF_DEVICE_SHUTDOWN_FLAGS");
        return;
    }
    init->shutdown_notification = Notification;
    init->shutdown_flags = Flags;
}

NTSTATUS wdf_shutdown_device_created(PWDFDEVICE_INIT init, struct wdf_device *dev)
{
    NTSTATUS status = STATUS_SUCCESS;
    if (init->shutdown_notification == NULL)
        return STATUS_SUCCESS;
    dev->shutdown_notification = init->shutdown_notification;
    dev->shutdown_flags = init->shutdown_flags;
    if (dev->shutdown_flags & WdfDeviceShutdown)
        status = IoRegisterShutdownNotification(dev->wdm);
    if (NT_SUCCESS(status) && (dev->shutdown_flags & WdfDeviceLastChanceShutdown))
        status = IoRegisterLastChanceShutdownNotification(dev->wdm);
    return status; /* a failure deletes the device, and IoDeleteDevice the registration */
}

NTSTATUS wdf_shutdown_dispatch(struct wdf_device *dev, PIRP irp)
{
    if (dev == NULL || dev->shutdown_notification == NULL)
        return wdf_irp_complete(irp, STATUS_INVALID_DEVICE_REQUEST);
    dev->shutdown_notification((WDFDEVICE)dev);
    return wdf_irp_complete(irp, STATUS_SUCCESS);
}

NTSTATUS wdf_mof_name_assign(struct wdf_globals *g, struct wdf_device *dev, PCUNICODE_STRING name)
{
    WCHAR *copy;
    if (dev->mof_name.Buffer != NULL)
        return STATUS_INVALID_DEVICE_REQUEST; /* documented: already called */
    copy = malloc(name->Length + sizeof(WCHAR));
    if (copy == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    memcpy(copy, name->Buffer, name->Length);
    copy[name->Length / sizeof(WCHAR)] = 0;
    dev->mof_name.Buffer = copy;
    dev->mof_name.Length = name->Length;
    dev->mof_name.MaximumLength = name->Length + sizeof(WCHAR);
    rtl_diag(RTL_DIAG_NOTE, "wdf",
             "driver '%s': WdfDeviceAssignMofResourceName: the name is kept; drvhost's WMI "
             "reads no MOF resource",
             g->pub.DriverName);
    return STATUS_SUCCESS;
}

void wdf_gkmdf_device_destroy(struct wdf_device *dev)
{
    free(dev->mof_name.Buffer);
    dev->mof_name.Buffer = NULL;
}
