/*
 * irp_dispatch.c - the driver's EvtDeviceWdmIrpDispatch (KMDF 1.11): an IRP of a major function
 * the driver registered with WdfDeviceConfigureWdmIrpDispatchCallback reaches the callback
 * before the framework queues it; the callback sends it to a queue of its choice
 * (WdfDeviceWdmDispatchIrpToIoQueue, queue_extra.c), hands it back for the framework's default
 * handling (WdfDeviceWdmDispatchIrp), or completes or pends it itself, the WDM way.
 *
 * Ordering (Microsoft: Dispatching IRPs to I/O Queues): EvtDeviceWdmIrpPreprocess first (it
 * sees the IRP before the framework does), then EvtDeviceWdmIrpDispatch, then the queues.
 *
 * Locking: the table is allocated once and published with a release store; each entry's
 * callback is written with a release store after its context, and read with an acquire load,
 * so a registration racing an IRP either sees both or neither. No lock is held while the
 * driver's callback runs.
 */
#include <stdlib.h>

#include "rtl/rtl.h"
#include "wdf/wdf_private.h"

/* The dispatch context the framework passes EvtDeviceWdmIrpDispatch: the IRP's address mixed
 * with a constant, so WdfDeviceWdmDispatchIrp can tell it was given the one of this IRP. */
#define WDF_DISPATCH_CONTEXT_KEY ((ULONG_PTR)0x5744495250445350ull) /* 'WDIRPDSP' */

struct wdf_irp_dispatch_entry {
    PFN_WDFDEVICE_WDM_IRP_DISPATCH callback; /* NULL: none for this major function */
    WDFCONTEXT context;
};

struct wdf_irp_dispatch {
    struct wdf_irp_dispatch_entry entry[IRP_MJ_MAXIMUM_FUNCTION + 1];
};

static WDFCONTEXT wdf_dispatch_context_of(PIRP irp)
{
    return (WDFCONTEXT)((ULONG_PTR)irp ^ WDF_DISPATCH_CONTEXT_KEY);
}

BOOLEAN wdf_irp_dispatch(struct wdf_device *dev, PIRP irp, NTSTATUS *status)
{
    struct wdf_irp_dispatch *d = __atomic_load_n(&dev->irp_dispatch, __ATOMIC_ACQUIRE);
    PIO_STACK_LOCATION s = IoGetCurrentIrpStackLocation(irp);
    struct wdf_irp_dispatch_entry *e;
    PFN_WDFDEVICE_WDM_IRP_DISPATCH callback;
    if (d == NULL || s->MajorFunction > IRP_MJ_MAXIMUM_FUNCTION)
        return FALSE;
    e = &d->entry[s->MajorFunction];
    callback = __atomic_load_n(&e->callback, __ATOMIC_ACQUIRE);
    if (callback == NULL)
        return FALSE;
    /* Microsoft: Code is valid only for IRP_MJ_DEVICE_CONTROL (0 otherwise here). */
    *status = callback(
        (WDFDEVICE)dev, s->MajorFunction, s->MinorFunction,
        s->MajorFunction == IRP_MJ_DEVICE_CONTROL ? s->Parameters.DeviceIoControl.IoControlCode : 0,
        e->context, irp, wdf_dispatch_context_of(irp));
    return TRUE;
}

void wdf_irp_dispatch_free(struct wdf_device *dev)
{
    wdf_device_detour(dev, WDF_DETOUR_IRP_DISPATCH, FALSE);
    free(dev->irp_dispatch);
    dev->irp_dispatch = NULL;
}

static struct wdf_irp_dispatch *wdf_irp_dispatch_table(struct wdf_device *dev)
{
    struct wdf_irp_dispatch *d = __atomic_load_n(&dev->irp_dispatch, __ATOMIC_ACQUIRE),
                            *none = NULL;
    if (d != NULL)
        return d;
    d = calloc(1, sizeof(*d));
    if (d == NULL)
        return NULL;
    if (!__atomic_compare_exchange_n(&dev->irp_dispatch, &none, d, FALSE, __ATOMIC_ACQ_REL,
                                     __ATOMIC_ACQUIRE)) {
        free(d); /* another thread published its table first */
        return none;
    }
    wdf_device_detour(dev, WDF_DETOUR_IRP_DISPATCH, TRUE);
    return d;
}

/* Microsoft (WdfDeviceConfigureWdmIrpDispatchCallback): MajorFunction is IRP_MJ_DEVICE_CONTROL,
 * IRP_MJ_INTERNAL_DEVICE_CONTROL, IRP_MJ_READ or IRP_MJ_WRITE, else STATUS_INVALID_PARAMETER;
 * one call per major function (a later call replaces the callback: drvhost's choice, the page
 * does not say). Driver is optional (a class extension names the client's). */
NTSTATUS imp_WdfDeviceConfigureWdmIrpDispatchCallback(
    PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device, WDFDRIVER Driver, UCHAR MajorFunction,
    PFN_WDFDEVICE_WDM_IRP_DISPATCH EvtDeviceWdmIrpDisptach, WDFCONTEXT DriverContext)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_device *dev =
        CONTAINING_RECORD(wdf_object_get(g, Device, WDF_TYPE_DEVICE), struct wdf_device, obj);
    struct wdf_irp_dispatch *d;
    if (Driver != NULL)
        wdf_object_get(g, Driver, WDF_TYPE_DRIVER);
    WDF_CHECK_NOT_NULL(g, EvtDeviceWdmIrpDisptach);
    if (MajorFunction != IRP_MJ_DEVICE_CONTROL && MajorFunction != IRP_MJ_INTERNAL_DEVICE_CONTROL &&
        MajorFunction != IRP_MJ_READ && MajorFunction != IRP_MJ_WRITE) {
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': WdfDeviceConfigureWdmIrpDispatchCallback: major function 0x%x is "
                 "not a read, write or (internal) device control",
                 g->pub.DriverName, MajorFunction);
        return STATUS_INVALID_PARAMETER;
    }
    d = wdf_irp_dispatch_table(dev);
    if (d == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    d->entry[MajorFunction].context = DriverContext;
    __atomic_store_n(&d->entry[MajorFunction].callback, EvtDeviceWdmIrpDisptach, __ATOMIC_RELEASE);
    return STATUS_SUCCESS;
}

/* Microsoft (WdfDeviceWdmDispatchIrp): from EvtDeviceWdmIrpDispatch, the IRP goes back to the
 * framework's default handling (the queue WdfDeviceConfigureRequestDispatching names, else the
 * default queue), and the callback returns this status. A DispatchContext that is not the one
 * the framework gave for this IRP is reported and the IRP completed with
 * STATUS_INVALID_PARAMETER (drvhost's choice: the page names no failure). */
NTSTATUS imp_WdfDeviceWdmDispatchIrp(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device, PIRP Irp,
                                     WDFCONTEXT DispatchContext)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_device *dev =
        CONTAINING_RECORD(wdf_object_get(g, Device, WDF_TYPE_DEVICE), struct wdf_device, obj);
    WDF_CHECK_NOT_NULL(g, Irp);
    if (DispatchContext != wdf_dispatch_context_of(Irp)) {
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': WdfDeviceWdmDispatchIrp(IRP %p): DispatchContext %p is not the "
                 "one EvtDeviceWdmIrpDispatch received for this IRP; the IRP is completed with "
                 "STATUS_INVALID_PARAMETER",
                 g->pub.DriverName, (void *)Irp, DispatchContext);
        return wdf_irp_complete(Irp, STATUS_INVALID_PARAMETER);
    }
    return wdf_dispatch_default(dev, Irp);
}
