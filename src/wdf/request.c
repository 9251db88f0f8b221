/*
 * request.c - framework request objects: one per IRP a queue is given; the driver reaches the
 * IRP's buffers through them and completes them. Completing deletes the request object (its
 * handle is then invalid: using it, completing again included, is WDF_VIOLATION).
 */
#include <stdlib.h>

#include "ke/ke.h"
#include "rtl/rtl.h"
#include "vf/vf.h"
#include "wdf/wdf_private.h"

static void wdf_request_destroy(struct wdf_object *o)
{
    wdf_object_release(&CONTAINING_RECORD(o, struct wdf_request, obj)->queue->obj);
}

struct wdf_request *wdf_request_create(struct wdf_queue *q, PIRP irp)
{
    struct wdf_object *o;
    struct wdf_request *r;
    if (!NT_SUCCESS(wdf_object_create(q->obj.owner, WDF_TYPE_REQUEST, sizeof(*r), NULL, NULL, &o)))
        return NULL;
    r = CONTAINING_RECORD(o, struct wdf_request, obj);
    r->irp = irp;
    r->queue = q;
    wdf_object_reference(&q->obj);
    o->type_destroy = wdf_request_destroy;
    return r;
}

#define WDF_REQUEST_GET(g, h)                                                                      \
    CONTAINING_RECORD(wdf_object_get(g, h, WDF_TYPE_REQUEST), struct wdf_request, obj)

static void wdf_request_complete(struct wdf_globals *g, struct wdf_request *r, NTSTATUS status)
{
    struct wdf_queue *q = r->queue;
    PIRP irp = r->irp;
    trace_recorder_log(g->driver_object, "request %p completed, status 0x%08X", (void *)r,
                       (unsigned)status);
    if (__atomic_exchange_n(&r->completed, 1, __ATOMIC_ACQ_REL))
        ke_bugcheck_msg(BUGCODE_WDF_VIOLATION, VF_10D_BAD_HANDLE, (ULONG_PTR)r, 0, 0,
                        "driver '%s' completed request %p twice", g->pub.DriverName, (void *)r);
    irp->IoStatus.Status = status;
    irp->IoStatus.Information = r->information;
    wdf_object_reference(&q->obj); /* the request's own goes with it */
    IoCompleteRequest(irp, IO_NO_INCREMENT);
    wdf_object_delete(&r->obj);
    wdf_queue_request_done(q);
    wdf_object_release(&q->obj);
}

VOID imp_WdfRequestComplete(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request, NTSTATUS Status)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    wdf_request_complete(g, WDF_REQUEST_GET(g, Request), Status);
}

VOID imp_WdfRequestCompleteWithInformation(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request,
                                           NTSTATUS Status, ULONG_PTR Information)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_request *r = WDF_REQUEST_GET(g, Request);
    r->information = Information;
    wdf_request_complete(g, r, Status);
}

VOID imp_WdfRequestSetInformation(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request,
                                  ULONG_PTR Information)
{
    WDF_REQUEST_GET(wdf_globals_of(globals), Request)->information = Information;
}

ULONG_PTR imp_WdfRequestGetInformation(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request)
{
    return WDF_REQUEST_GET(wdf_globals_of(globals), Request)->information;
}

PIRP imp_WdfRequestWdmGetIrp(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request)
{
    return WDF_REQUEST_GET(wdf_globals_of(globals), Request)->irp;
}

WDFQUEUE imp_WdfRequestGetIoQueue(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request)
{
    return (WDFQUEUE)WDF_REQUEST_GET(wdf_globals_of(globals), Request)->queue;
}

VOID imp_WdfRequestGetParameters(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request,
                                 PWDF_REQUEST_PARAMETERS Parameters)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_request *r = WDF_REQUEST_GET(g, Request);
    PIO_STACK_LOCATION s = IoGetCurrentIrpStackLocation(r->irp);
    WDF_CHECK_NOT_NULL(g, Parameters);
    RtlZeroMemory(&Parameters->Parameters, sizeof(Parameters->Parameters));
    Parameters->MinorFunction = s->MinorFunction;
    Parameters->Type = (WDF_REQUEST_TYPE)s->MajorFunction;
    switch (s->MajorFunction) {
    case IRP_MJ_READ:
        Parameters->Parameters.Read.Length = s->Parameters.Read.Length;
        Parameters->Parameters.Read.Key = s->Parameters.Read.Key;
        Parameters->Parameters.Read.DeviceOffset = s->Parameters.Read.ByteOffset.QuadPart;
        break;
    case IRP_MJ_WRITE:
        Parameters->Parameters.Write.Length = s->Parameters.Write.Length;
        Parameters->Parameters.Write.Key = s->Parameters.Write.Key;
        Parameters->Parameters.Write.DeviceOffset = s->Parameters.Write.ByteOffset.QuadPart;
        break;
    default: /* device controls */
        Parameters->Parameters.DeviceIoControl.OutputBufferLength =
            s->Parameters.DeviceIoControl.OutputBufferLength;
        Parameters->Parameters.DeviceIoControl.InputBufferLength =
            s->Parameters.DeviceIoControl.InputBufferLength;
        Parameters->Parameters.DeviceIoControl.IoControlCode =
            s->Parameters.DeviceIoControl.IoControlCode;
        Parameters->Parameters.DeviceIoControl.Type3InputBuffer =
            s->Parameters.DeviceIoControl.Type3InputBuffer;
        break;
    }
}

/* The system-space address of the IRP's MDL (direct I/O), NULL if it has none. */
static PVOID wdf_mdl_address(PIRP irp)
{
    return irp->MdlAddress != NULL
               ? MmGetSystemAddressForMdlSafe(irp->MdlAddress, NormalPagePriority)
               : NULL;
}

/* Where a request's input (output: !input) buffer is and how long, as Microsoft's
 * WdfRequestRetrieveInputBuffer / OutputBuffer pages describe: buffered or direct I/O for reads
 * and writes, METHOD_BUFFERED / IN_DIRECT / OUT_DIRECT for device controls; neither I/O only
 * for internal device controls. */
static NTSTATUS wdf_request_buffer(struct wdf_request *r, BOOLEAN input, PVOID *buffer,
                                   size_t *length)
{
    PIO_STACK_LOCATION s = IoGetCurrentIrpStackLocation(r->irp);
    ULONG flags = r->queue->device->wdm->Flags;
    ULONG method;
    switch (s->MajorFunction) {
    case IRP_MJ_READ:
    case IRP_MJ_WRITE:
        if (input != (s->MajorFunction == IRP_MJ_WRITE))
            return STATUS_INVALID_DEVICE_REQUEST; /* a read has no input, a write no output */
        *length = input ? s->Parameters.Write.Length : s->Parameters.Read.Length;
        if (flags & DO_BUFFERED_IO)
            *buffer = r->irp->AssociatedIrp.SystemBuffer;
        else if (flags & DO_DIRECT_IO)
            *buffer = wdf_mdl_address(r->irp);
        else
            return STATUS_INVALID_DEVICE_REQUEST;
        return STATUS_SUCCESS;
    default:
        method = METHOD_FROM_CTL_CODE(s->Parameters.DeviceIoControl.IoControlCode);
        *length = input ? s->Parameters.DeviceIoControl.InputBufferLength
                        : s->Parameters.DeviceIoControl.OutputBufferLength;
        if (method == METHOD_NEITHER) {
            if (s->MajorFunction != IRP_MJ_INTERNAL_DEVICE_CONTROL)
                return STATUS_INVALID_DEVICE_REQUEST;
            *buffer = input ? s->Parameters.DeviceIoControl.Type3InputBuffer : r->irp->UserBuffer;
        } else if (input || method == METHOD_BUFFERED) {
            *buffer = r->irp->AssociatedIrp.SystemBuffer;
        } else {
            *buffer = wdf_mdl_address(r->irp);
        }
        return STATUS_SUCCESS;
    }
}

static NTSTATUS wdf_request_retrieve(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request, BOOLEAN input,
                                     size_t minimum, PVOID *Buffer, size_t *Length,
                                     const void *caller)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_request *r = CONTAINING_RECORD(
        wdf_object_get_in(
            g, (WDFOBJECT)Request, WDF_TYPE_REQUEST,
            input ? "WdfRequestRetrieveInputBuffer" : "WdfRequestRetrieveOutputBuffer", caller),
        struct wdf_request, obj);
    PVOID buffer = NULL;
    size_t length = 0;
    NTSTATUS status;
    if (Buffer == NULL)
        wdf_violation_null(
            g, input ? "WdfRequestRetrieveInputBuffer" : "WdfRequestRetrieveOutputBuffer", "Buffer",
            caller);
    *Buffer = NULL;
    status = wdf_request_buffer(r, input, &buffer, &length);
    /* Microsoft: a zero-length buffer, or one shorter than the minimum, is too small. */
    if (NT_SUCCESS(status) && (length == 0 || length < minimum || buffer == NULL))
        status = STATUS_BUFFER_TOO_SMALL;
    if (!NT_SUCCESS(status))
        return status;
    *Buffer = buffer;
    if (Length != NULL)
        *Length = length;
    return STATUS_SUCCESS;
}

NTSTATUS imp_WdfRequestRetrieveInputBuffer(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request,
                                           size_t MinimumRequiredLength, PVOID *Buffer,
                                           size_t *Length)
{
    return wdf_request_retrieve(globals, Request, TRUE, MinimumRequiredLength, Buffer, Length,
                                __builtin_return_address(0));
}

NTSTATUS imp_WdfRequestRetrieveOutputBuffer(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request,
                                            size_t MinimumRequiredSize, PVOID *Buffer,
                                            size_t *Length)
{
    return wdf_request_retrieve(globals, Request, FALSE, MinimumRequiredSize, Buffer, Length,
                                __builtin_return_address(0));
}
