/*
 * lookaside.c - framework lookaside lists (WDFLOOKASIDE) over the executive's
 * LOOKASIDE_LIST_EX, and the memory objects taken from them (WdfMemoryCreateFromLookaside).
 *
 * Lifetime: a memory object from a list holds a reference on the list and gives its buffer
 * back to the list when its last reference goes; its parent is the one its memory attributes
 * name, else the list itself (deleting the list deletes what the driver still has from it,
 * then the executive list frees its cached blocks). The blocks are the driver's pool, charged
 * to the code that created the list, so the unload leak check sees any that escape.
 */
#include <string.h>

#include "ex/ex.h"
#include "ke/ke.h"
#include "rtl/rtl.h"
#include "wdf/wdf_private.h"

static struct wdf_lookaside *wdf_lookaside_of(PLOOKASIDE_LIST_EX list)
{
    return CONTAINING_RECORD(list, struct wdf_lookaside, list);
}

static PVOID wdf_lookaside_allocate(POOL_TYPE type, SIZE_T size, ULONG tag, PLOOKASIDE_LIST_EX list)
{
    (void)type;
    return ex_alloc_for(size, tag, wdf_lookaside_of(list)->caller);
}

static VOID wdf_lookaside_free(PVOID buffer, PLOOKASIDE_LIST_EX list)
{
    (void)list;
    ex_free(buffer);
}

static void wdf_lookaside_destroy(struct wdf_object *o)
{
    ExDeleteLookasideListEx(&CONTAINING_RECORD(o, struct wdf_lookaside, obj)->list);
}

/* Microsoft (WdfLookasideListCreate): when both attributes name a device as parent, it must be
 * the same device. */
static BOOLEAN wdf_lookaside_parents_agree(struct wdf_object *list_parent,
                                           struct wdf_object *memory_parent)
{
    return list_parent == NULL || memory_parent == NULL || list_parent == memory_parent ||
           list_parent->type != WDF_TYPE_DEVICE || memory_parent->type != WDF_TYPE_DEVICE;
}

static NTSTATUS wdf_lookaside_check(struct wdf_globals *g, size_t size, POOL_TYPE type,
                                    struct wdf_object *list_parent,
                                    struct wdf_object *memory_parent)
{
    const char *problem = NULL;
    if (size == 0)
        problem = "BufferSize 0";
    else if (size > MAXULONG)
        problem = "a BufferSize above 4 GB";
    else if (!wdf_lookaside_parents_agree(list_parent, memory_parent))
        problem = "LookasideAttributes and MemoryAttributes naming different devices as parent";
    if (problem == NULL)
        return STATUS_SUCCESS;
    rtl_diag(RTL_DIAG_ERROR, "wdf", "driver '%s': WdfLookasideListCreate with %s",
             g->pub.DriverName, problem);
    (void)type;
    return STATUS_INVALID_PARAMETER;
}

NTSTATUS imp_WdfLookasideListCreate(PWDF_DRIVER_GLOBALS globals,
                                    PWDF_OBJECT_ATTRIBUTES LookasideAttributes, size_t BufferSize,
                                    POOL_TYPE PoolType, PWDF_OBJECT_ATTRIBUTES MemoryAttributes,
                                    ULONG PoolTag, WDFLOOKASIDE *Lookaside)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    const void *caller = __builtin_return_address(0);
    struct wdf_object *parent =
        wdf_parent_of(g, LookasideAttributes, g->driver != NULL ? &g->driver->obj : NULL,
                      "WdfLookasideListCreate", caller);
    struct wdf_object *memory_parent =
        wdf_parent_of(g, MemoryAttributes, NULL, "WdfLookasideListCreate", caller);
    struct wdf_object *o;
    struct wdf_lookaside *l;
    NTSTATUS status;
    WDF_CHECK_NOT_NULL(g, Lookaside);
    *Lookaside = NULL;
    status = wdf_lookaside_check(g, BufferSize, PoolType, parent, memory_parent);
    if (NT_SUCCESS(status) && MemoryAttributes != NULL &&
        MemoryAttributes->Size != sizeof(*MemoryAttributes))
        status = STATUS_INFO_LENGTH_MISMATCH;
    if (NT_SUCCESS(status))
        status =
            wdf_object_create(g, WDF_TYPE_LOOKASIDE, sizeof(*l), LookasideAttributes, parent, &o);
    if (!NT_SUCCESS(status))
        return status;
    l = CONTAINING_RECORD(o, struct wdf_lookaside, obj);
    l->size = BufferSize;
    l->caller = caller;
    if (MemoryAttributes != NULL) {
        l->has_memory_attributes = TRUE;
        l->memory_attributes = *MemoryAttributes;
    }
    status =
        ExInitializeLookasideListEx(&l->list, wdf_lookaside_allocate, wdf_lookaside_free, PoolType,
                                    0, BufferSize, PoolTag != 0 ? PoolTag : g->pub.DriverTag, 0);
    if (!NT_SUCCESS(status)) {
        rtl_diag(RTL_DIAG_ERROR, "wdf", "driver '%s': WdfLookasideListCreate with PoolType %d",
                 g->pub.DriverName, (int)PoolType);
        wdf_object_delete(o);
        return STATUS_INVALID_PARAMETER;
    }
    o->type_destroy = wdf_lookaside_destroy;
    *Lookaside = (WDFLOOKASIDE)o;
    return STATUS_SUCCESS;
}

static void wdf_lookaside_memory_destroy(struct wdf_object *o)
{
    struct wdf_memory *m = CONTAINING_RECORD(o, struct wdf_memory, obj);
    ExFreeToLookasideListEx(&m->lookaside->list, m->buffer);
    wdf_object_release(&m->lookaside->obj);
}

NTSTATUS imp_WdfMemoryCreateFromLookaside(PWDF_DRIVER_GLOBALS globals, WDFLOOKASIDE Lookaside,
                                          WDFMEMORY *Memory)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_lookaside *l = CONTAINING_RECORD(wdf_object_get(g, Lookaside, WDF_TYPE_LOOKASIDE),
                                                struct wdf_lookaside, obj);
    PWDF_OBJECT_ATTRIBUTES attributes = l->has_memory_attributes ? &l->memory_attributes : NULL;
    struct wdf_object *parent = wdf_parent_of(
        g, attributes, &l->obj, "WdfMemoryCreateFromLookaside", __builtin_return_address(0));
    struct wdf_memory *m;
    PVOID buffer;
    NTSTATUS status;
    WDF_CHECK_NOT_NULL(g, Memory);
    *Memory = NULL;
    buffer = ExAllocateFromLookasideListEx(&l->list);
    if (buffer == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    status =
        wdf_memory_create_over(g, attributes, parent, WDF_MEMORY_LOOKASIDE, buffer, l->size, &m);
    if (!NT_SUCCESS(status)) {
        ExFreeToLookasideListEx(&l->list, buffer);
        return status;
    }
    m->lookaside = l;
    wdf_object_reference(&l->obj);
    m->obj.type_destroy = wdf_lookaside_memory_destroy;
    *Memory = (WDFMEMORY)&m->obj;
    return STATUS_SUCCESS;
}
