/*
 * self_target.c - the self I/O target (KMDF 1.15): WdfDeviceInitAllowSelfIoTarget,
 * WdfDeviceGetSelfIoTarget and WdfIoTargetSelfAssignDefaultIoQueue.
 *
 * A driver that allows it in EvtDriverDeviceAdd gets, with its device, an I/O target that
 * stands for the device itself: a request sent to it comes back to the same driver's own
 * queues, as a request the framework delivers. drvhost's self target is an ordinary target of
 * iotarget.c whose device is the device's own device object, so every send path (formatting,
 * synchronous and asynchronous sends, time-outs, cancellation, WdfIoTargetStop/Start) is the
 * one of the other targets, and the request enters the framework's dispatch of this device
 * (the device object itself, not the top of the stack: upper filters do not see it) through
 * IoCallDriver. There it is dispatched as the device's requests are (WdfDeviceConfigure-
 * RequestDispatching, else the default queue), or to the queue WdfIoTargetSelfAssign-
 * DefaultIoQueue assigned: queue.c's arrival asks wdf_self_queue_for, which recognizes the IRP
 * as one the self target has sent and not got back yet.
 *
 * The stored reference pages do not describe these three routines; what drvhost does beyond
 * the behaviour above (and the signatures of the KMDF 1.15 function table) is its own choice,
 * listed in docs/wdf.md ("The self I/O target"): the target exists from WdfDeviceCreate to the
 * device's deletion and is started; the queue must be one of the target's device.
 *
 * Locking: dev->self_target is written once, by WdfDeviceCreate, before the handle is
 * returned; dev->self_queue is written under wdf_tree_lock and read with acquire loads in the
 * arrivals, which queue.c's deletion of the queue waits for after clearing it.
 */
#include "rtl/rtl.h"
#include "vf/vf.h"
#include "wdf/wdf_private.h"

VOID imp_WdfDeviceInitAllowSelfIoTarget(PWDF_DRIVER_GLOBALS globals, PWDFDEVICE_INIT DeviceInit)
{
    wdf_init_get(wdf_globals_of(globals), DeviceInit, "WdfDeviceInitAllowSelfIoTarget",
                 __builtin_return_address(0))
        ->allow_self_target = TRUE;
}

/* NULL when the driver did not call WdfDeviceInitAllowSelfIoTarget for the device. */
WDFIOTARGET imp_WdfDeviceGetSelfIoTarget(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device)
{
    struct wdf_object *o =
        wdf_object_get_in(wdf_globals_of(globals), Device, WDF_TYPE_DEVICE,
                          "WdfDeviceGetSelfIoTarget", __builtin_return_address(0));
    return (WDFIOTARGET)CONTAINING_RECORD(o, struct wdf_device, obj)->self_target;
}

/* A target that is not a self target is a WDF_VIOLATION bad handle (the self target is its own
 * kind of object in KMDF); a queue of another device is STATUS_INVALID_PARAMETER. A later call
 * replaces the queue. */
NTSTATUS imp_WdfIoTargetSelfAssignDefaultIoQueue(PWDF_DRIVER_GLOBALS globals, WDFIOTARGET IoTarget,
                                                 WDFQUEUE Queue)
{
    static const char ddi[] = "WdfIoTargetSelfAssignDefaultIoQueue";
    struct wdf_globals *g = wdf_globals_of(globals);
    const void *caller = __builtin_return_address(0);
    struct wdf_object *t = wdf_object_get_in(g, IoTarget, WDF_TYPE_IOTARGET, ddi, caller);
    struct wdf_queue *q = CONTAINING_RECORD(
        wdf_object_get_in(g, Queue, WDF_TYPE_QUEUE, ddi, caller), struct wdf_queue, obj);
    struct wdf_device *dev;
    if (!wdf_iotarget_is_self(t))
        wdf_violation(g, VF_10D_BAD_HANDLE, (ULONG_PTR)IoTarget, 0, 0,
                      "driver '%s' passed I/O target %p to %s, which is not a self I/O target "
                      "(WdfDeviceGetSelfIoTarget)",
                      g->pub.DriverName, (void *)IoTarget, ddi);
    dev = CONTAINING_RECORD(t->parent, struct wdf_device, obj);
    if (q->device != dev) {
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': %s: queue %p belongs to another device than the target's",
                 g->pub.DriverName, ddi, (void *)Queue);
        return STATUS_INVALID_PARAMETER;
    }
    os_mutex_lock(&wdf_tree_lock);
    __atomic_store_n(&dev->self_queue, q, __ATOMIC_RELEASE);
    wdf_device_detour(dev, WDF_DETOUR_SELF_QUEUE, TRUE);
    os_mutex_unlock(&wdf_tree_lock);
    return STATUS_SUCCESS;
}

struct wdf_queue *wdf_self_queue_for(struct wdf_device *dev, PIRP irp)
{
    struct wdf_queue *q = __atomic_load_n(&dev->self_queue, __ATOMIC_ACQUIRE);
    if (q == NULL || dev->self_target == NULL || !wdf_iotarget_sent_irp(dev->self_target, irp))
        return NULL;
    return q;
}
