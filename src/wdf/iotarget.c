/*
 * iotarget.c - I/O targets: the default target of a PnP device (the next lower device of its
 * stack, WdfDeviceGetIoTarget), and sending a request there (WdfRequestSend: send and forget,
 * asynchronously with a completion routine, or synchronously).
 *
 * A sent request stays the driver's: the IRP comes back through our IoCompletion routine,
 * which returns STATUS_MORE_PROCESSING_REQUIRED, records the completion parameters and calls
 * the driver's completion routine, which completes the request (IoCompleteRequest again, from
 * our location up). Send and forget hands the IRP itself to the target: the request object is
 * retired at once, without completing the IRP.
 */
#include <stdlib.h>
#include <string.h>

#include "ke/ke.h"
#include "rtl/rtl.h"
#include "vf/vf.h"
#include "wdf/wdf_private.h"

/* request.c's (the function table's implementation). */
VOID imp_WdfRequestCompleteWithInformation(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request,
                                           NTSTATUS Status, ULONG_PTR Information);

struct wdf_iotarget {
    struct wdf_object obj;
    struct wdf_device *device;
    PDEVICE_OBJECT target; /* the device IRPs are sent to */
};

NTSTATUS wdf_iotarget_create_default(struct wdf_device *dev)
{
    struct wdf_object *o;
    struct wdf_iotarget *t;
    NTSTATUS status =
        wdf_object_create(dev->obj.owner, WDF_TYPE_IOTARGET, sizeof(*t), NULL, &dev->obj, &o);
    if (!NT_SUCCESS(status))
        return status;
    t = CONTAINING_RECORD(o, struct wdf_iotarget, obj);
    t->device = dev;
    t->target = dev->lower;
    dev->target = t;
    return STATUS_SUCCESS;
}

#define WDF_TARGET_GET(g, h)                                                                       \
    CONTAINING_RECORD(wdf_object_get(g, h, WDF_TYPE_IOTARGET), struct wdf_iotarget, obj)
#define WDF_REQUEST_GET(g, h)                                                                      \
    CONTAINING_RECORD(wdf_object_get(g, h, WDF_TYPE_REQUEST), struct wdf_request, obj)

/* Microsoft: a control device has no default I/O target (NULL). */
WDFIOTARGET imp_WdfDeviceGetIoTarget(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device)
{
    struct wdf_object *o = wdf_object_get(wdf_globals_of(globals), Device, WDF_TYPE_DEVICE);
    return (WDFIOTARGET)CONTAINING_RECORD(o, struct wdf_device, obj)->target;
}

PDEVICE_OBJECT imp_WdfIoTargetWdmGetTargetDeviceObject(PWDF_DRIVER_GLOBALS globals,
                                                       WDFIOTARGET IoTarget)
{
    return WDF_TARGET_GET(wdf_globals_of(globals), IoTarget)->target;
}

/* The request's IRP keeps its parameters for the next driver (IoCopyCurrentIrpStackLocation-
 * ToNext); an IRP without a location left for it is the driver's bug. */
VOID imp_WdfRequestFormatRequestUsingCurrentType(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_request *r = WDF_REQUEST_GET(g, Request);
    if (r->irp->CurrentLocation <= 1)
        wdf_violation(g, VF_10D_REQUEST_FATAL, VF_10D_6_NO_LOCATION, (ULONG_PTR)r->irp, 0,
                      "driver '%s': WdfRequestFormatRequestUsingCurrentType on request %p, "
                      "whose IRP has no stack location left for the next driver",
                      g->pub.DriverName, (void *)r);
    IoCopyCurrentIrpStackLocationToNext(r->irp);
    r->formatted = TRUE;
}

VOID imp_WdfRequestSetCompletionRoutine(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request,
                                        PFN_WDF_REQUEST_COMPLETION_ROUTINE CompletionRoutine,
                                        WDFCONTEXT CompletionContext)
{
    struct wdf_request *r = WDF_REQUEST_GET(wdf_globals_of(globals), Request);
    r->completion = CompletionRoutine;
    r->completion_context = CompletionContext;
}

/* Microsoft: valid only for a request formatted and sent; the structure the driver gives is
 * overwritten whole. */
VOID imp_WdfRequestGetCompletionParams(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request,
                                       PWDF_REQUEST_COMPLETION_PARAMS Params)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_request *r = WDF_REQUEST_GET(g, Request);
    WDF_CHECK_NOT_NULL(g, Params);
    *Params = r->completion_params;
}

/* The completion parameters of the IRP as the target completed it; buffers are not described
 * (no WDFMEMORY for a request formatted with its current type). */
static void wdf_request_record(struct wdf_request *r, PIRP irp)
{
    PWDF_REQUEST_COMPLETION_PARAMS p = &r->completion_params;
    PIO_STACK_LOCATION s = IoGetCurrentIrpStackLocation(irp);
    RtlZeroMemory(p, sizeof(*p));
    p->Size = sizeof(*p);
    p->Type = (WDF_REQUEST_TYPE)s->MajorFunction;
    p->IoStatus = irp->IoStatus;
    switch (s->MajorFunction) {
    case IRP_MJ_READ:
        p->Parameters.Read.Length = irp->IoStatus.Information;
        break;
    case IRP_MJ_WRITE:
        p->Parameters.Write.Length = irp->IoStatus.Information;
        break;
    case IRP_MJ_DEVICE_CONTROL:
    case IRP_MJ_INTERNAL_DEVICE_CONTROL:
        p->Parameters.Ioctl.IoControlCode = s->Parameters.DeviceIoControl.IoControlCode;
        p->Parameters.Ioctl.Output.Length = irp->IoStatus.Information;
        break;
    default:
        break;
    }
}

/* Our IoCompletion routine for a sent request. Without a completion routine the framework
 * completes a request it delivered with the target's status and information. */
static NTSTATUS NTAPI wdf_request_came_back(PDEVICE_OBJECT device, PIRP irp, PVOID context)
{
    struct wdf_request *r = context;
    PFN_WDF_REQUEST_COMPLETION_ROUTINE routine = r->completion;
    (void)device;
    r->formatted = FALSE; /* a request is formatted again before each send */
    __atomic_store_n(&r->sent, FALSE, __ATOMIC_RELEASE);
    wdf_request_record(r, irp);
    if (r->sent_sync != NULL)
        KeSetEvent(r->sent_sync, IO_NO_INCREMENT, FALSE);
    else if (routine != NULL)
        routine((WDFREQUEST)r, (WDFIOTARGET)r->target, &r->completion_params,
                r->completion_context);
    else
        imp_WdfRequestCompleteWithInformation(&r->obj.owner->pub, (WDFREQUEST)r,
                                              irp->IoStatus.Status, irp->IoStatus.Information);
    return STATUS_MORE_PROCESSING_REQUIRED;
}

/* wdf_request_end's hand-off for send-and-forget: the IRP goes to the target as it came (its
 * location skipped); the request object is gone, as if completed, the IRP not completed here. */
static void wdf_request_to_target(struct wdf_request *r, void *context)
{
    struct wdf_iotarget *t = context;
    IoSkipCurrentIrpStackLocation(r->irp);
    IoCallDriver(t->target, r->irp);
}

static void wdf_request_forget(struct wdf_globals *g, struct wdf_request *r, struct wdf_iotarget *t)
{
    wdf_request_end(g, r, "sent", wdf_request_to_target, t);
}

static BOOLEAN wdf_send_options_ok(struct wdf_globals *g, PWDF_REQUEST_SEND_OPTIONS o)
{
    const char *problem = NULL;
    if (o == NULL)
        return TRUE;
    if (o->Size != sizeof(*o))
        problem = "WDF_REQUEST_SEND_OPTIONS.Size is not sizeof(WDF_REQUEST_SEND_OPTIONS)";
    else if (o->Flags & WDF_REQUEST_SEND_OPTION_TIMEOUT)
        problem = "WDF_REQUEST_SEND_OPTION_TIMEOUT is not implemented by drvhost yet";
    else if ((o->Flags & WDF_REQUEST_SEND_OPTION_SEND_AND_FORGET) &&
             (o->Flags & WDF_REQUEST_SEND_OPTION_SYNCHRONOUS))
        problem = "SEND_AND_FORGET and SYNCHRONOUS together";
    if (problem != NULL)
        rtl_diag(RTL_DIAG_ERROR, "wdf", "driver '%s': WdfRequestSend: %s", g->pub.DriverName,
                 problem);
    return problem == NULL;
}

BOOLEAN imp_WdfRequestSend(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request, WDFIOTARGET Target,
                           PWDF_REQUEST_SEND_OPTIONS Options)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_request *r = WDF_REQUEST_GET(g, Request);
    struct wdf_iotarget *t = WDF_TARGET_GET(g, Target);
    ULONG flags = Options != NULL ? Options->Flags : 0;
    KEVENT done;
    if (!wdf_send_options_ok(g, Options))
        return FALSE;
    if (flags & WDF_REQUEST_SEND_OPTION_SEND_AND_FORGET) {
        wdf_request_forget(g, r, t);
        return TRUE;
    }
    if (!r->formatted) {
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': WdfRequestSend: request %p is not formatted for the target "
                 "(WdfRequestFormatRequestUsingCurrentType)",
                 g->pub.DriverName, (void *)r);
        return FALSE;
    }
    if (__atomic_exchange_n(&r->sent, TRUE, __ATOMIC_ACQ_REL))
        wdf_violation(g, VF_10D_REQUEST_FATAL, VF_10D_6_SENT_TWICE, (ULONG_PTR)r, 0,
                      "driver '%s' sent request %p to an I/O target while it is still sent "
                      "(its target has not completed it)",
                      g->pub.DriverName, (void *)r);
    r->target = t;
    r->sent_sync = NULL;
    if (flags & WDF_REQUEST_SEND_OPTION_SYNCHRONOUS) {
        KeInitializeEvent(&done, NotificationEvent, FALSE);
        r->sent_sync = &done;
    }
    IoSetCompletionRoutine(r->irp, wdf_request_came_back, r, TRUE, TRUE, TRUE);
    if (!(flags & WDF_REQUEST_SEND_OPTION_SYNCHRONOUS)) {
        IoCallDriver(t->target, r->irp); /* r may be completed and gone from here */
        return TRUE;
    }
    if (IoCallDriver(t->target, r->irp) == STATUS_PENDING)
        KeWaitForSingleObject(&done, Executive, KernelMode, FALSE, NULL);
    r->sent_sync = NULL;
    return TRUE;
}
