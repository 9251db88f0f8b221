/*
 * request_user.c - a request's buffers as WDM sees them: the buffers' MDLs
 * (WdfRequestRetrieveInputWdmMdl / OutputWdmMdl) and the unsafe user-mode buffers of neither
 * I/O (WdfRequestRetrieveUnsafeUserInputBuffer / OutputBuffer, EvtIoInCallerContext only).
 *
 * Lifetime: an MDL the framework builds for a buffered I/O buffer belongs to a hidden general
 * object that is a child of the request, so it is freed when the request is completed (the
 * request object deleted), as Microsoft says the driver must not use it after completion.
 */
#include <stdlib.h>

#include "rtl/rtl.h"
#include "wdf/wdf_private.h"

#define WDF_REQUEST_GET(g, h)                                                                      \
    CONTAINING_RECORD(wdf_object_get(g, h, WDF_TYPE_REQUEST), struct wdf_request, obj)

/* ---- WDM MDLs ------------------------------------------------------------------------------ */

struct wdf_mdl_holder {
    struct wdf_object obj;
    PMDL mdl;
};

static void wdf_mdl_holder_cleanup(struct wdf_object *o)
{
    IoFreeMdl(CONTAINING_RECORD(o, struct wdf_mdl_holder, obj)->mdl);
}

/* An MDL for a system buffer, freed with the request. */
static NTSTATUS wdf_mdl_for_buffer(struct wdf_request *r, PVOID buffer, ULONG length, PMDL *mdl)
{
    struct wdf_object *o;
    PMDL m = IoAllocateMdl(buffer, length, FALSE, FALSE, NULL);
    NTSTATUS status;
    if (m == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    MmBuildMdlForNonPagedPool(m);
    status = wdf_object_create(r->obj.owner, WDF_TYPE_OBJECT, sizeof(struct wdf_mdl_holder), NULL,
                               &r->obj, &o);
    if (!NT_SUCCESS(status)) {
        IoFreeMdl(m);
        return status;
    }
    CONTAINING_RECORD(o, struct wdf_mdl_holder, obj)->mdl = m;
    o->type_cleanup = wdf_mdl_holder_cleanup;
    *mdl = m;
    return STATUS_SUCCESS;
}

/* Microsoft (WdfRequestRetrieveInputWdmMdl / OutputWdmMdl): writes (input) and reads (output)
 * and device controls, buffered or direct I/O; a zero-length buffer is too small. Neither I/O
 * (METHOD_NEITHER internal device controls) is STATUS_INVALID_DEVICE_REQUEST in drvhost. */
NTSTATUS wdf_request_mdl(struct wdf_request *r, BOOLEAN input, PMDL *mdl)
{
    PIO_STACK_LOCATION s = IoGetCurrentIrpStackLocation(r->irp);
    ULONG flags = s->DeviceObject != NULL ? s->DeviceObject->Flags : 0;
    ULONG length, method;
    BOOLEAN direct;
    switch (s->MajorFunction) {
    case IRP_MJ_READ:
    case IRP_MJ_WRITE:
        if (input != (s->MajorFunction == IRP_MJ_WRITE))
            return STATUS_INVALID_DEVICE_REQUEST;
        length = input ? s->Parameters.Write.Length : s->Parameters.Read.Length;
        if (!(flags & (DO_BUFFERED_IO | DO_DIRECT_IO)))
            return STATUS_INVALID_DEVICE_REQUEST;
        direct = (flags & DO_DIRECT_IO) != 0;
        break;
    case IRP_MJ_DEVICE_CONTROL:
    case IRP_MJ_INTERNAL_DEVICE_CONTROL:
        method = METHOD_FROM_CTL_CODE(s->Parameters.DeviceIoControl.IoControlCode);
        if (method == METHOD_NEITHER)
            return STATUS_INVALID_DEVICE_REQUEST;
        length = input ? s->Parameters.DeviceIoControl.InputBufferLength
                       : s->Parameters.DeviceIoControl.OutputBufferLength;
        direct = !input && method != METHOD_BUFFERED;
        break;
    default:
        return STATUS_INVALID_DEVICE_REQUEST;
    }
    if (length == 0)
        return STATUS_BUFFER_TOO_SMALL;
    if (direct) {
        *mdl = r->irp->MdlAddress;
        return *mdl != NULL ? STATUS_SUCCESS : STATUS_INVALID_DEVICE_REQUEST;
    }
    return wdf_mdl_for_buffer(r, r->irp->AssociatedIrp.SystemBuffer, length, mdl);
}

static NTSTATUS wdf_retrieve_mdl(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request, PMDL *Mdl,
                                 BOOLEAN input, const char *ddi, const void *caller)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_request *r =
        CONTAINING_RECORD(wdf_object_get_in(g, (WDFOBJECT)Request, WDF_TYPE_REQUEST, ddi, caller),
                          struct wdf_request, obj);
    if (Mdl == NULL)
        wdf_violation_null(g, ddi, "Mdl", caller);
    *Mdl = NULL;
    return wdf_request_mdl(r, input, Mdl);
}

NTSTATUS imp_WdfRequestRetrieveInputWdmMdl(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request,
                                           PMDL *Mdl)
{
    return wdf_retrieve_mdl(globals, Request, Mdl, TRUE, "WdfRequestRetrieveInputWdmMdl",
                            __builtin_return_address(0));
}

NTSTATUS imp_WdfRequestRetrieveOutputWdmMdl(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request,
                                            PMDL *Mdl)
{
    return wdf_retrieve_mdl(globals, Request, Mdl, FALSE, "WdfRequestRetrieveOutputWdmMdl",
                            __builtin_return_address(0));
}

/* ---- unsafe user buffers ------------------------------------------------------------------- */

/* Microsoft (WdfRequestRetrieveUnsafeUserInputBuffer / OutputBuffer): only in
 * EvtIoInCallerContext, only for neither I/O: the input buffer of a write or a device control,
 * the output buffer of a read or a device control; internal device controls are refused. */
static NTSTATUS wdf_unsafe_buffer(struct wdf_request *r, BOOLEAN input, PVOID *buffer,
                                  size_t *length)
{
    PIO_STACK_LOCATION s = IoGetCurrentIrpStackLocation(r->irp);
    ULONG flags = s->DeviceObject != NULL ? s->DeviceObject->Flags : 0;
    if (!r->in_caller_context)
        return STATUS_INVALID_DEVICE_REQUEST;
    switch (s->MajorFunction) {
    case IRP_MJ_READ:
    case IRP_MJ_WRITE:
        if (input != (s->MajorFunction == IRP_MJ_WRITE) ||
            (flags & (DO_BUFFERED_IO | DO_DIRECT_IO)))
            return STATUS_INVALID_DEVICE_REQUEST;
        *length = input ? s->Parameters.Write.Length : s->Parameters.Read.Length;
        *buffer = r->irp->UserBuffer;
        return STATUS_SUCCESS;
    case IRP_MJ_DEVICE_CONTROL:
        if (METHOD_FROM_CTL_CODE(s->Parameters.DeviceIoControl.IoControlCode) != METHOD_NEITHER)
            return STATUS_INVALID_DEVICE_REQUEST;
        *length = input ? s->Parameters.DeviceIoControl.InputBufferLength
                        : s->Parameters.DeviceIoControl.OutputBufferLength;
        *buffer = input ? s->Parameters.DeviceIoControl.Type3InputBuffer : r->irp->UserBuffer;
        return STATUS_SUCCESS;
    default:
        return STATUS_INVALID_DEVICE_REQUEST;
    }
}

static NTSTATUS wdf_retrieve_unsafe(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request, size_t minimum,
                                    PVOID *Buffer, size_t *Length, BOOLEAN input, const char *ddi,
                                    const void *caller)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_request *r =
        CONTAINING_RECORD(wdf_object_get_in(g, (WDFOBJECT)Request, WDF_TYPE_REQUEST, ddi, caller),
                          struct wdf_request, obj);
    PVOID buffer = NULL;
    size_t length = 0;
    NTSTATUS status;
    if (Buffer == NULL)
        wdf_violation_null(g, ddi, "Buffer", caller);
    *Buffer = NULL;
    status = wdf_unsafe_buffer(r, input, &buffer, &length);
    if (NT_SUCCESS(status) && (length == 0 || length < minimum))
        status = STATUS_BUFFER_TOO_SMALL;
    if (!NT_SUCCESS(status))
        return status;
    *Buffer = buffer;
    if (Length != NULL)
        *Length = length;
    return STATUS_SUCCESS;
}

NTSTATUS imp_WdfRequestRetrieveUnsafeUserInputBuffer(PWDF_DRIVER_GLOBALS globals,
                                                     WDFREQUEST Request,
                                                     size_t MinimumRequiredLength,
                                                     PVOID *InputBuffer, size_t *Length)
{
    return wdf_retrieve_unsafe(globals, Request, MinimumRequiredLength, InputBuffer, Length, TRUE,
                               "WdfRequestRetrieveUnsafeUserInputBuffer",
                               __builtin_return_address(0));
}

NTSTATUS imp_WdfRequestRetrieveUnsafeUserOutputBuffer(PWDF_DRIVER_GLOBALS globals,
                                                      WDFREQUEST Request,
                                                      size_t MinimumRequiredLength,
                                                      PVOID *OutputBuffer, size_t *Length)
{
    return wdf_retrieve_unsafe(globals, Request, MinimumRequiredLength, OutputBuffer, Length, FALSE,
                               "WdfRequestRetrieveUnsafeUserOutputBuffer",
                               __builtin_return_address(0));
}

/* ---- probing and locking a requester's buffer ------------------------------------------------ */

/* A requester's buffer locked for the driver: the memory object with its MDL (and the MDL's
 * page array) in the same block (issue 14: one allocation per call, not a hidden MDL holder
 * object and a pool MDL beside the memory object). The driver never sees the MDL (KMDF gives
 * no way to it from the memory object), so where it lives is not observable. The pages are
 * unlocked at the object's cleanup, when it is deleted with its parent request or before by
 * the driver; the MDL goes with the object's block, the buffer stays the requester's. */
struct wdf_locked_memory {
    struct wdf_memory memory;
    MDL mdl; /* last: MmSizeOfMdl counts the page array that follows it */
};

static void wdf_locked_memory_cleanup(struct wdf_object *o)
{
    MmUnlockPages(&CONTAINING_RECORD(o, struct wdf_locked_memory, memory.obj)->mdl);
}

/* Microsoft (WdfRequestProbeAndLockUserBufferForRead / ForWrite): the requester's buffer locked
 * (an MDL unlocked and freed when the request goes) and a memory object over it, a child of
 * the request. A zero Length is STATUS_INVALID_USER_BUFFER; the requester's context is needed
 * (drvhost: only while EvtIoInCallerContext runs, else STATUS_ACCESS_VIOLATION, the page's
 * status for a thread that is not the request's creator). Like MmProbeAndLockPages in drvhost,
 * the probe does not check that the addresses are the requester's (docs/wdf.md). */
static NTSTATUS wdf_probe_and_lock(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request, PVOID Buffer,
                                   size_t Length, WDFMEMORY *MemoryObject, LOCK_OPERATION op,
                                   const char *ddi, const void *caller)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_request *r =
        CONTAINING_RECORD(wdf_object_get_in(g, (WDFOBJECT)Request, WDF_TYPE_REQUEST, ddi, caller),
                          struct wdf_request, obj);
    struct wdf_object *o;
    struct wdf_locked_memory *m;
    NTSTATUS status;
    if (MemoryObject == NULL)
        wdf_violation_null(g, ddi, "MemoryObject", caller);
    *MemoryObject = NULL;
    if (Length == 0)
        return STATUS_INVALID_USER_BUFFER;
    if (Buffer == NULL || Length > MAXULONG)
        return STATUS_INVALID_PARAMETER;
    if (r->completed)
        return STATUS_INVALID_DEVICE_REQUEST;
    if (!r->in_caller_context)
        return STATUS_ACCESS_VIOLATION;
    /* IoAllocateMdl's own limit: longer buffers span more pages than an MDL describes. */
    if (Length > MAXULONG - PAGE_SIZE)
        return STATUS_INSUFFICIENT_RESOURCES;
    status =
        wdf_object_create(g, WDF_TYPE_MEMORY,
                          FIELD_OFFSET(struct wdf_locked_memory, mdl) + MmSizeOfMdl(Buffer, Length),
                          NULL, &r->obj, &o);
    if (!NT_SUCCESS(status))
        return status;
    m = CONTAINING_RECORD(o, struct wdf_locked_memory, memory.obj);
    m->memory.kind = WDF_MEMORY_REQUEST; /* nothing to free at destruction: no type_destroy */
    m->memory.buffer = Buffer;
    m->memory.size = Length;
    MmInitializeMdl(&m->mdl, Buffer, Length);
    MmProbeAndLockPages(&m->mdl, UserMode, op);
    o->type_cleanup = wdf_locked_memory_cleanup;
    *MemoryObject = (WDFMEMORY)o;
    return STATUS_SUCCESS;
}

NTSTATUS imp_WdfRequestProbeAndLockUserBufferForRead(PWDF_DRIVER_GLOBALS globals,
                                                     WDFREQUEST Request, PVOID Buffer,
                                                     size_t Length, WDFMEMORY *MemoryObject)
{
    return wdf_probe_and_lock(globals, Request, Buffer, Length, MemoryObject, IoReadAccess,
                              "WdfRequestProbeAndLockUserBufferForRead",
                              __builtin_return_address(0));
}

NTSTATUS imp_WdfRequestProbeAndLockUserBufferForWrite(PWDF_DRIVER_GLOBALS globals,
                                                      WDFREQUEST Request, PVOID Buffer,
                                                      size_t Length, WDFMEMORY *MemoryObject)
{
    return wdf_probe_and_lock(globals, Request, Buffer, Length, MemoryObject, IoWriteAccess,
                              "WdfRequestProbeAndLockUserBufferForWrite",
                              __builtin_return_address(0));
}
