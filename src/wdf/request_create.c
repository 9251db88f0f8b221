/*
 * request_create.c - requests the driver creates (WdfRequestCreate, WdfRequestCreateFromIrp)
 * to send to I/O targets, and their reuse (WdfRequestReuse), retargeting (WdfRequestChange-
 * Target) and time-out timer (WdfRequestAllocateTimer).
 *
 * Lifetime: a created request belongs to the driver, which deletes it with WdfObjectDelete
 * (object.c lets it); its parent is the driver object unless the attributes name another, whose
 * deletion deletes it. Its IRP comes from IoAllocateIrp with one location more than the target
 * needs: the framework's own (the request's "current" location, zeroed), so that the target's
 * locations are below it as for a request the framework received. The IRP is freed with the
 * object, unless WdfRequestCreateFromIrp was told the driver frees it.
 */
#include <string.h>

#include "ke/ke.h"
#include "rtl/rtl.h"
#include "vf/vf.h"
#include "wdf/wdf_private.h"

#define WDF_REQUEST_GET(g, h)                                                                      \
    CONTAINING_RECORD(wdf_object_get(g, h, WDF_TYPE_REQUEST), struct wdf_request, obj)
/* iotarget.c's object starts with its header (struct wdf_iotarget is private there). */
#define WDF_TARGET_GET(g, h) ((struct wdf_iotarget *)wdf_object_get(g, h, WDF_TYPE_IOTARGET))

/* The stack size of a request created without a target: enough for a device stack of a few
 * drivers (KMDF sizes it from the device stack; drvhost has none to ask here). */
#define WDF_DEFAULT_STACK 4

static void wdf_created_request_destroy(struct wdf_object *o)
{
    struct wdf_request *r = CONTAINING_RECORD(o, struct wdf_request, obj);
    wdf_send_release(r);
    if (r->send.frees_irp && r->irp != NULL)
        IoFreeIrp(r->irp);
}

/* Gives the IRP its framework location (the request's current one, zeroed). */
static void wdf_irp_take_location(PIRP irp)
{
    IoSetNextIrpStackLocation(irp);
    memset(IoGetCurrentIrpStackLocation(irp), 0, sizeof(IO_STACK_LOCATION));
}

static CCHAR wdf_stack_for(struct wdf_iotarget *target)
{
    PDEVICE_OBJECT dev = target != NULL ? wdf_iotarget_device(target) : NULL;
    return (CCHAR)((dev != NULL ? dev->StackSize : WDF_DEFAULT_STACK) + 1);
}

NTSTATUS wdf_request_create_driver(struct wdf_globals *g, PWDF_OBJECT_ATTRIBUTES attributes,
                                   struct wdf_iotarget *target, PIRP irp, BOOLEAN frees_irp,
                                   struct wdf_request **out)
{
    struct wdf_object *parent =
        wdf_parent_of(g, attributes, g->driver != NULL ? &g->driver->obj : NULL, "WdfRequestCreate",
                      __builtin_return_address(0));
    struct wdf_object *o;
    struct wdf_request *r;
    NTSTATUS status;
    PIRP own = NULL;
    if (irp == NULL) {
        own = irp = IoAllocateIrp(wdf_stack_for(target), FALSE);
        if (irp == NULL)
            return STATUS_INSUFFICIENT_RESOURCES;
        wdf_irp_take_location(irp);
    }
    status = wdf_object_create(g, WDF_TYPE_REQUEST, sizeof(*r), attributes, parent, &o);
    if (!NT_SUCCESS(status)) {
        if (own != NULL)
            IoFreeIrp(own);
        return status;
    }
    r = CONTAINING_RECORD(o, struct wdf_request, obj);
    r->irp = irp;
    r->send.created = TRUE;
    r->send_used = TRUE;
    r->send.frees_irp = frees_irp;
    r->send.owner_target = target;
    o->type_destroy = wdf_created_request_destroy;
    *out = r;
    return STATUS_SUCCESS;
}

/* Microsoft: STATUS_REQUEST_NOT_ACCEPTED when the IRP has too few locations for the target. */
static NTSTATUS wdf_request_fits(struct wdf_request *r, struct wdf_iotarget *target)
{
    PDEVICE_OBJECT dev = target != NULL ? wdf_iotarget_device(target) : NULL;
    if (dev != NULL && r->irp->CurrentLocation - 1 < dev->StackSize)
        return STATUS_REQUEST_NOT_ACCEPTED;
    return STATUS_SUCCESS;
}

NTSTATUS imp_WdfRequestCreate(PWDF_DRIVER_GLOBALS globals, PWDF_OBJECT_ATTRIBUTES RequestAttributes,
                              WDFIOTARGET IoTarget, WDFREQUEST *Request)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_iotarget *t = NULL;
    struct wdf_request *r;
    NTSTATUS status;
    WDF_CHECK_NOT_NULL(g, Request);
    *Request = NULL;
    if (IoTarget != NULL)
        t = WDF_TARGET_GET(g, IoTarget);
    status = wdf_request_create_driver(g, RequestAttributes, t, NULL, TRUE, &r);
    if (NT_SUCCESS(status))
        *Request = (WDFREQUEST)r;
    return status;
}

/* Microsoft: the request wraps the driver's IRP (its current location is the driver's);
 * RequestFreesIrp TRUE frees it with the request. */
NTSTATUS imp_WdfRequestCreateFromIrp(PWDF_DRIVER_GLOBALS globals,
                                     PWDF_OBJECT_ATTRIBUTES RequestAttributes, PIRP Irp,
                                     BOOLEAN RequestFreesIrp, WDFREQUEST *Request)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_request *r;
    NTSTATUS status;
    WDF_CHECK_NOT_NULL(g, Irp);
    WDF_CHECK_NOT_NULL(g, Request);
    *Request = NULL;
    status = wdf_request_create_driver(g, RequestAttributes, NULL, Irp, RequestFreesIrp, &r);
    if (NT_SUCCESS(status))
        *Request = (WDFREQUEST)r;
    return status;
}

/* Microsoft: a created request (or one from WdfRequestCreateFromIrp) becomes as new: its IRP
 * reinitialized with Status (IoReuseIrp), or replaced (SET_NEW_IRP); what a format attached
 * is released. A request still at a target cannot be reused. */
NTSTATUS imp_WdfRequestReuse(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request,
                             PWDF_REQUEST_REUSE_PARAMS ReuseParams)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_request *r = WDF_REQUEST_GET(g, Request);
    WDF_CHECK_NOT_NULL(g, ReuseParams);
    if (ReuseParams->Size != sizeof(*ReuseParams))
        return STATUS_INFO_LENGTH_MISMATCH;
    if (!r->send.created || __atomic_load_n(&r->sent, __ATOMIC_ACQUIRE)) {
        rtl_diag(RTL_DIAG_ERROR, "wdf", "driver '%s': WdfRequestReuse: request %p is %s",
                 g->pub.DriverName, (void *)r,
                 r->send.created ? "still sent to a target" : "not one the driver created");
        return STATUS_INVALID_DEVICE_REQUEST;
    }
    if ((ReuseParams->Flags & WDF_REQUEST_REUSE_SET_NEW_IRP) && ReuseParams->NewIrp == NULL)
        return STATUS_INVALID_PARAMETER;
    wdf_send_release(r);
    r->formatted = FALSE;
    r->completion = NULL;
    r->completion_context = NULL;
    RtlZeroMemory(&r->completion_params, sizeof(r->completion_params));
    if (ReuseParams->Flags & WDF_REQUEST_REUSE_SET_NEW_IRP) {
        /* The new IRP is the driver's: the old one is freed only if the request owned it. */
        if (r->send.frees_irp)
            IoFreeIrp(r->irp);
        r->irp = ReuseParams->NewIrp;
        r->send.frees_irp = FALSE;
        return STATUS_SUCCESS;
    }
    if (r->send.frees_irp) { /* ours: the framework location again */
        IoReuseIrp(r->irp, ReuseParams->Status);
        wdf_irp_take_location(r->irp);
    } else {
        r->irp->IoStatus.Status = ReuseParams->Status;
        r->irp->IoStatus.Information = 0;
    }
    return STATUS_SUCCESS;
}

/* Microsoft: checks that the request can be sent to the target (enough stack locations). */
NTSTATUS imp_WdfRequestChangeTarget(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request,
                                    WDFIOTARGET IoTarget)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_request *r = WDF_REQUEST_GET(g, Request);
    struct wdf_iotarget *t = WDF_TARGET_GET(g, IoTarget);
    NTSTATUS status = wdf_request_fits(r, t);
    if (NT_SUCCESS(status)) {
        r->send_used = TRUE;
        r->send.owner_target = t;
    }
    return status;
}

/* Microsoft: preallocates the timer a later send with a time-out uses, so that the send cannot
 * fail for want of it. drvhost's time-outs need no allocation: nothing to do. */
NTSTATUS imp_WdfRequestAllocateTimer(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request)
{
    (void)WDF_REQUEST_GET(wdf_globals_of(globals), Request);
    return STATUS_SUCCESS;
}
