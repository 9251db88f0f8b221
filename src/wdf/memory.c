/*
 * memory.c - framework memory objects (WDFMEMORY): a buffer and its size. WdfMemoryCreate's
 * buffer comes from the driver's pool (charged to the driver code that called it, so the pool
 * report and the leak check at unload see it) and goes with the object; a preallocated
 * buffer stays the driver's; a lookaside list's goes back to the list (lookaside.c); a
 * request's buffer (WdfRequestRetrieveInput/OutputMemory) lives as long as the request: its
 * memory object is a child of the request.
 *
 * Lifetime: the buffer is released when the last reference goes (type_destroy), so a driver
 * holding a reference keeps a usable buffer after WdfObjectDelete.
 */
#include <stdlib.h>
#include <string.h>

#include "ex/ex.h"
#include "rtl/rtl.h"
#include "wdf/wdf_private.h"

/* request.c's (the table's entries; not in a header): the buffer rules are theirs. */
NTSTATUS imp_WdfRequestRetrieveInputBuffer(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request,
                                           size_t MinimumRequiredLength, PVOID *Buffer,
                                           size_t *Length);
NTSTATUS imp_WdfRequestRetrieveOutputBuffer(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request,
                                            size_t MinimumRequiredSize, PVOID *Buffer,
                                            size_t *Length);

struct wdf_object *wdf_parent_of(struct wdf_globals *g, PWDF_OBJECT_ATTRIBUTES attributes,
                                 struct wdf_object *fallback, const char *ddi, const void *caller)
{
    /* A wrong Size is wdf_object_create's error (STATUS_INFO_LENGTH_MISMATCH): no parent read. */
    if (attributes != NULL && attributes->Size == sizeof(*attributes) &&
        attributes->ParentObject != NULL)
        return wdf_object_get_in(g, attributes->ParentObject, 0, ddi, caller);
    return fallback;
}

static struct wdf_object *wdf_driver_parent(struct wdf_globals *g)
{
    return g->driver != NULL ? &g->driver->obj : NULL;
}

static void wdf_memory_destroy(struct wdf_object *o)
{
    struct wdf_memory *m = CONTAINING_RECORD(o, struct wdf_memory, obj);
    if (m->kind == WDF_MEMORY_POOL)
        ex_free(m->buffer);
}

NTSTATUS wdf_memory_create_over(struct wdf_globals *g, PWDF_OBJECT_ATTRIBUTES attributes,
                                struct wdf_object *parent, enum wdf_memory_kind kind, PVOID buffer,
                                size_t size, struct wdf_memory **out)
{
    struct wdf_object *o;
    NTSTATUS status =
        wdf_object_create(g, WDF_TYPE_MEMORY, sizeof(struct wdf_memory), attributes, parent, &o);
    if (!NT_SUCCESS(status))
        return status;
    *out = CONTAINING_RECORD(o, struct wdf_memory, obj);
    (*out)->kind = kind;
    (*out)->buffer = buffer;
    (*out)->size = size;
    o->type_destroy = wdf_memory_destroy;
    return STATUS_SUCCESS;
}

NTSTATUS wdf_memory_create_pool(struct wdf_globals *g, PWDF_OBJECT_ATTRIBUTES attributes,
                                struct wdf_object *parent, ULONG tag, size_t size,
                                const void *caller, struct wdf_memory **out)
{
    /* Microsoft (WdfMemoryCreate): PoolTag 0 is the driver's default tag. */
    PVOID buffer = ex_alloc_for(size, tag != 0 ? tag : g->pub.DriverTag, caller);
    NTSTATUS status;
    if (buffer == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    status = wdf_memory_create_over(g, attributes, parent, WDF_MEMORY_POOL, buffer, size, out);
    if (!NT_SUCCESS(status))
        ex_free(buffer);
    return status;
}

#define WDF_MEMORY_GET(g, h)                                                                       \
    CONTAINING_RECORD(wdf_object_get(g, h, WDF_TYPE_MEMORY), struct wdf_memory, obj)

NTSTATUS imp_WdfMemoryCreate(PWDF_DRIVER_GLOBALS globals, PWDF_OBJECT_ATTRIBUTES Attributes,
                             POOL_TYPE PoolType, ULONG PoolTag, size_t BufferSize,
                             WDFMEMORY *Memory, PVOID *Buffer)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    const void *caller = __builtin_return_address(0);
    struct wdf_object *parent =
        wdf_parent_of(g, Attributes, wdf_driver_parent(g), "WdfMemoryCreate", caller);
    struct wdf_memory *m;
    NTSTATUS status;
    (void)PoolType; /* drvhost's pool is one heap: paged and nonpaged differ in accounting only */
    WDF_CHECK_NOT_NULL(g, Memory);
    *Memory = NULL;
    if (BufferSize == 0) {
        rtl_diag(RTL_DIAG_ERROR, "wdf", "driver '%s': WdfMemoryCreate with BufferSize 0",
                 g->pub.DriverName);
        return STATUS_INVALID_PARAMETER;
    }
    status = wdf_memory_create_pool(g, Attributes, parent, PoolTag, BufferSize, caller, &m);
    if (!NT_SUCCESS(status))
        return status;
    *Memory = (WDFMEMORY)&m->obj;
    if (Buffer != NULL)
        *Buffer = m->buffer;
    return STATUS_SUCCESS;
}

NTSTATUS imp_WdfMemoryCreatePreallocated(PWDF_DRIVER_GLOBALS globals,
                                         PWDF_OBJECT_ATTRIBUTES Attributes, PVOID Buffer,
                                         size_t BufferSize, WDFMEMORY *Memory)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_object *parent =
        wdf_parent_of(g, Attributes, wdf_driver_parent(g), "WdfMemoryCreatePreallocated",
                      __builtin_return_address(0));
    struct wdf_memory *m;
    NTSTATUS status;
    WDF_CHECK_NOT_NULL(g, Memory);
    *Memory = NULL;
    if (Buffer == NULL || BufferSize == 0) {
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': WdfMemoryCreatePreallocated needs a buffer and a nonzero size",
                 g->pub.DriverName);
        return STATUS_INVALID_PARAMETER;
    }
    status = wdf_memory_create_over(g, Attributes, parent, WDF_MEMORY_PREALLOCATED, Buffer,
                                    BufferSize, &m);
    if (NT_SUCCESS(status))
        *Memory = (WDFMEMORY)&m->obj;
    return status;
}

/* Microsoft: only a WdfMemoryCreatePreallocated object takes another buffer; the previous one
 * stays the driver's. */
NTSTATUS imp_WdfMemoryAssignBuffer(PWDF_DRIVER_GLOBALS globals, WDFMEMORY Memory, PVOID Buffer,
                                   size_t BufferSize)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_memory *m = WDF_MEMORY_GET(g, Memory);
    if (m->kind != WDF_MEMORY_PREALLOCATED || Buffer == NULL || BufferSize == 0) {
        rtl_diag(RTL_DIAG_ERROR, "wdf", "driver '%s': WdfMemoryAssignBuffer %s", g->pub.DriverName,
                 m->kind != WDF_MEMORY_PREALLOCATED
                     ? "on a memory object WdfMemoryCreatePreallocated did not create"
                     : "needs a buffer and a nonzero size");
        return STATUS_INVALID_PARAMETER;
    }
    m->buffer = Buffer;
    m->size = BufferSize;
    return STATUS_SUCCESS;
}

PVOID imp_WdfMemoryGetBuffer(PWDF_DRIVER_GLOBALS globals, WDFMEMORY Memory, size_t *BufferSize)
{
    struct wdf_memory *m = WDF_MEMORY_GET(wdf_globals_of(globals), Memory);
    if (BufferSize != NULL)
        *BufferSize = m->size;
    return m->buffer;
}

/* Microsoft: WdfMemoryCopyToBuffer is STATUS_BUFFER_TOO_SMALL for an offset past the buffer or
 * more bytes than it holds from there. */
NTSTATUS imp_WdfMemoryCopyToBuffer(PWDF_DRIVER_GLOBALS globals, WDFMEMORY SourceMemory,
                                   size_t SourceOffset, PVOID Buffer, size_t NumBytesToCopyTo)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_memory *m = WDF_MEMORY_GET(g, SourceMemory);
    WDF_CHECK_NOT_NULL(g, Buffer);
    if (NumBytesToCopyTo == 0)
        return STATUS_INVALID_PARAMETER;
    if (SourceOffset >= m->size || NumBytesToCopyTo > m->size - SourceOffset)
        return STATUS_BUFFER_TOO_SMALL;
    memcpy(Buffer, (char *)m->buffer + SourceOffset, NumBytesToCopyTo);
    return STATUS_SUCCESS;
}

/* Microsoft: WdfMemoryCopyFromBuffer is STATUS_INVALID_BUFFER_SIZE for an offset past the
 * buffer, STATUS_BUFFER_TOO_SMALL for more bytes than it holds from the offset. */
NTSTATUS imp_WdfMemoryCopyFromBuffer(PWDF_DRIVER_GLOBALS globals, WDFMEMORY DestinationMemory,
                                     size_t DestinationOffset, PVOID Buffer,
                                     size_t NumBytesToCopyFrom)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_memory *m = WDF_MEMORY_GET(g, DestinationMemory);
    WDF_CHECK_NOT_NULL(g, Buffer);
    if (NumBytesToCopyFrom == 0)
        return STATUS_INVALID_PARAMETER;
    if (DestinationOffset >= m->size)
        return STATUS_INVALID_BUFFER_SIZE;
    if (NumBytesToCopyFrom > m->size - DestinationOffset)
        return STATUS_BUFFER_TOO_SMALL;
    memcpy((char *)m->buffer + DestinationOffset, Buffer, NumBytesToCopyFrom);
    return STATUS_SUCCESS;
}

/* A memory object over the request's input (output: !input) buffer, a child of the request:
 * it goes when the request is completed (Microsoft: usable until the request is completed).
 * The buffer rules and statuses are WdfRequestRetrieveInput/OutputBuffer's. */
static NTSTATUS wdf_request_memory(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request, BOOLEAN input,
                                   WDFMEMORY *Memory, const void *caller)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    const char *ddi = input ? "WdfRequestRetrieveInputMemory" : "WdfRequestRetrieveOutputMemory";
    struct wdf_object *r = wdf_object_get_in(g, (WDFOBJECT)Request, WDF_TYPE_REQUEST, ddi, caller);
    struct wdf_memory *m;
    PVOID buffer = NULL;
    size_t length = 0;
    NTSTATUS status;
    if (Memory == NULL)
        wdf_violation_null(g, ddi, "Memory", caller);
    *Memory = NULL;
    status = input ? imp_WdfRequestRetrieveInputBuffer(globals, Request, 0, &buffer, &length)
                   : imp_WdfRequestRetrieveOutputBuffer(globals, Request, 0, &buffer, &length);
    if (NT_SUCCESS(status))
        status = wdf_memory_create_over(g, NULL, r, WDF_MEMORY_REQUEST, buffer, length, &m);
    if (NT_SUCCESS(status))
        *Memory = (WDFMEMORY)&m->obj;
    return status;
}

NTSTATUS imp_WdfRequestRetrieveInputMemory(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request,
                                           WDFMEMORY *Memory)
{
    return wdf_request_memory(globals, Request, TRUE, Memory, __builtin_return_address(0));
}

NTSTATUS imp_WdfRequestRetrieveOutputMemory(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request,
                                            WDFMEMORY *Memory)
{
    return wdf_request_memory(globals, Request, FALSE, Memory, __builtin_return_address(0));
}
