/*
 * resource.c - resource-list objects (WDFCMRESLIST): the raw and translated resources
 * EvtDevicePrepareHardware and EvtDeviceReleaseHardware receive (pnp.c makes them from
 * START_DEVICE's lists), and the WdfCmResourceList* routines.
 *
 * The lists the PrepareHardware and ReleaseHardware callbacks receive cannot be changed
 * (Microsoft, WdfCmResourceListInsertDescriptor: STATUS_ACCESS_DENIED); only a list made
 * `changeable` accepts descriptors or loses them.
 *
 * Lifetime and locking: a list is a child of its device; it belongs to the PnP IRP that
 * runs the callback receiving it (one at a time per device), so it has no lock.
 */
#include <stdlib.h>
#include <string.h>

#include "rtl/rtl.h"
#include "wdf/wdf_private.h"

struct wdf_cmreslist {
    struct wdf_object obj;
    BOOLEAN changeable;
    ULONG count;
    ULONG capacity;
    CM_PARTIAL_RESOURCE_DESCRIPTOR *descriptors; /* our copy, flattened */
};

static void wdf_cmreslist_destroy(struct wdf_object *o)
{
    free(CONTAINING_RECORD(o, struct wdf_cmreslist, obj)->descriptors);
}

/* Room for one more descriptor. */
static BOOLEAN wdf_cmreslist_grow(struct wdf_cmreslist *l, ULONG more)
{
    void *grown;
    if (l->count + more <= l->capacity)
        return TRUE;
    grown = realloc(l->descriptors, (l->count + more) * sizeof(*l->descriptors));
    if (grown == NULL)
        return FALSE;
    l->descriptors = grown;
    l->capacity = l->count + more;
    return TRUE;
}

/* A WDFCMRESLIST (child of the device) with a copy of the list's descriptors, every full
 * descriptor's partial ones in order (NULL list: none). */
struct wdf_cmreslist *wdf_cmreslist_make(struct wdf_device *dev, PCM_RESOURCE_LIST list,
                                         BOOLEAN changeable)
{
    struct wdf_object *o;
    struct wdf_cmreslist *l;
    PCM_FULL_RESOURCE_DESCRIPTOR full;
    if (!NT_SUCCESS(
            wdf_object_create(dev->obj.owner, WDF_TYPE_CMRESLIST, sizeof(*l), NULL, &dev->obj, &o)))
        return NULL;
    l = CONTAINING_RECORD(o, struct wdf_cmreslist, obj);
    o->type_destroy = wdf_cmreslist_destroy;
    l->changeable = changeable;
    full = list != NULL ? list->List : NULL;
    for (ULONG i = 0; list != NULL && i < list->Count; i++) {
        ULONG k = full->PartialResourceList.Count;
        if (!wdf_cmreslist_grow(l, k))
            break;
        memcpy(&l->descriptors[l->count], full->PartialResourceList.PartialDescriptors,
               k * sizeof(*l->descriptors));
        l->count += k;
        full = (PCM_FULL_RESOURCE_DESCRIPTOR)&full->PartialResourceList.PartialDescriptors[k];
    }
    return l;
}

ULONG wdf_cmreslist_count(struct wdf_cmreslist *l)
{
    return l->count;
}

PCM_PARTIAL_RESOURCE_DESCRIPTOR wdf_cmreslist_at(struct wdf_cmreslist *l, ULONG index)
{
    return index < l->count ? &l->descriptors[index] : NULL;
}

#define WDF_CMRESLIST_GET(g, h)                                                                    \
    CONTAINING_RECORD(wdf_object_get(g, h, WDF_TYPE_CMRESLIST), struct wdf_cmreslist, obj)

ULONG imp_WdfCmResourceListGetCount(PWDF_DRIVER_GLOBALS globals, WDFCMRESLIST List)
{
    return WDF_CMRESLIST_GET(wdf_globals_of(globals), List)->count;
}

PCM_PARTIAL_RESOURCE_DESCRIPTOR imp_WdfCmResourceListGetDescriptor(PWDF_DRIVER_GLOBALS globals,
                                                                   WDFCMRESLIST List, ULONG Index)
{
    return wdf_cmreslist_at(WDF_CMRESLIST_GET(wdf_globals_of(globals), List), Index);
}

/* Microsoft: STATUS_ACCESS_DENIED for a list the driver may not change (PrepareHardware's,
 * ReleaseHardware's), STATUS_ARRAY_BOUNDS_EXCEEDED for an Index past the end
 * (WDF_INSERT_AT_END: the end). */
static NTSTATUS wdf_cmreslist_insert(struct wdf_globals *g, struct wdf_cmreslist *l,
                                     PCM_PARTIAL_RESOURCE_DESCRIPTOR d, ULONG index,
                                     const char *ddi)
{
    if (!l->changeable) {
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': %s: resource list %p cannot be changed (the hardware callbacks' "
                 "lists are read-only)",
                 g->pub.DriverName, ddi, (void *)l);
        return STATUS_ACCESS_DENIED;
    }
    if (index == WDF_INSERT_AT_END)
        index = l->count;
    if (index > l->count)
        return STATUS_ARRAY_BOUNDS_EXCEEDED;
    if (!wdf_cmreslist_grow(l, 1))
        return STATUS_INSUFFICIENT_RESOURCES;
    wdf_array_open(l->descriptors, l->count, index, sizeof(*l->descriptors));
    l->descriptors[index] = *d; /* copied: the caller's may be on its stack */
    l->count++;
    return STATUS_SUCCESS;
}

NTSTATUS imp_WdfCmResourceListAppendDescriptor(PWDF_DRIVER_GLOBALS globals, WDFCMRESLIST List,
                                               PCM_PARTIAL_RESOURCE_DESCRIPTOR Descriptor)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_cmreslist *l = WDF_CMRESLIST_GET(g, List);
    WDF_CHECK_NOT_NULL(g, Descriptor);
    return wdf_cmreslist_insert(g, l, Descriptor, WDF_INSERT_AT_END,
                                "WdfCmResourceListAppendDescriptor");
}

NTSTATUS imp_WdfCmResourceListInsertDescriptor(PWDF_DRIVER_GLOBALS globals, WDFCMRESLIST List,
                                               PCM_PARTIAL_RESOURCE_DESCRIPTOR Descriptor,
                                               ULONG Index)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_cmreslist *l = WDF_CMRESLIST_GET(g, List);
    WDF_CHECK_NOT_NULL(g, Descriptor);
    return wdf_cmreslist_insert(g, l, Descriptor, Index, "WdfCmResourceListInsertDescriptor");
}

/* A read-only list or an index past the end: nothing removed (reported). */
static void wdf_cmreslist_remove(struct wdf_globals *g, struct wdf_cmreslist *l, ULONG index,
                                 const char *ddi)
{
    if (!l->changeable || index >= l->count) {
        rtl_diag(RTL_DIAG_ERROR, "wdf", "driver '%s': %s: %s; nothing removed", g->pub.DriverName,
                 ddi,
                 !l->changeable ? "the list cannot be changed" : "no descriptor at that index");
        return;
    }
    wdf_array_remove(l->descriptors, &l->count, index, sizeof(*l->descriptors));
}

VOID imp_WdfCmResourceListRemove(PWDF_DRIVER_GLOBALS globals, WDFCMRESLIST List, ULONG Index)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    wdf_cmreslist_remove(g, WDF_CMRESLIST_GET(g, List), Index, "WdfCmResourceListRemove");
}

/* The descriptor is one GetDescriptor gave (found by address). */
VOID imp_WdfCmResourceListRemoveByDescriptor(PWDF_DRIVER_GLOBALS globals, WDFCMRESLIST List,
                                             PCM_PARTIAL_RESOURCE_DESCRIPTOR Descriptor)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_cmreslist *l = WDF_CMRESLIST_GET(g, List);
    ULONG index = l->count;
    WDF_CHECK_NOT_NULL(g, Descriptor);
    for (ULONG i = 0; i < l->count; i++)
        if (&l->descriptors[i] == Descriptor)
            index = i;
    wdf_cmreslist_remove(g, l, index, "WdfCmResourceListRemoveByDescriptor");
}

/* ---- ioreslist: lists the framework hands back (START_DEVICE's, QUERY_RESOURCES') -------- */

PCM_RESOURCE_LIST wdf_cmreslist_build(struct wdf_cmreslist *l, PCM_RESOURCE_LIST like,
                                      NTSTATUS *status)
{
    PCM_RESOURCE_LIST list;
    PCM_FULL_RESOURCE_DESCRIPTOR full;
    ULONG count = l->count;
    *status = STATUS_SUCCESS;
    if (count == 0)
        return NULL;
    list = ExAllocatePoolWithTag(PagedPool,
                                 FIELD_OFFSET(CM_RESOURCE_LIST, List[0].PartialResourceList) +
                                     FIELD_OFFSET(CM_PARTIAL_RESOURCE_LIST, PartialDescriptors) +
                                     count * sizeof(CM_PARTIAL_RESOURCE_DESCRIPTOR),
                                 'rfdW'); /* 'Wdfr' */
    if (list == NULL) {
        *status = STATUS_INSUFFICIENT_RESOURCES;
        return NULL;
    }
    full = list->List;
    list->Count = 1;
    full->InterfaceType = like != NULL && like->Count > 0 ? like->List[0].InterfaceType : Internal;
    full->BusNumber = like != NULL && like->Count > 0 ? like->List[0].BusNumber : 0;
    full->PartialResourceList.Version =
        like != NULL && like->Count > 0 ? like->List[0].PartialResourceList.Version : 1;
    full->PartialResourceList.Revision =
        like != NULL && like->Count > 0 ? like->List[0].PartialResourceList.Revision : 1;
    full->PartialResourceList.Count = count;
    memcpy(full->PartialResourceList.PartialDescriptors, l->descriptors,
           count * sizeof(*l->descriptors));
    return list;
}

NTSTATUS wdf_pdo_query_resources(struct wdf_device *dev, PFN_WDF_DEVICE_RESOURCES_QUERY callback,
                                 ULONG_PTR *list)
{
    struct wdf_cmreslist *l = wdf_cmreslist_make(dev, NULL, TRUE);
    NTSTATUS status;
    *list = 0;
    if (l == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    status = callback((WDFDEVICE)dev, (WDFCMRESLIST)l);
    if (NT_SUCCESS(status))
        *list = (ULONG_PTR)wdf_cmreslist_build(l, NULL, &status);
    wdf_object_delete(&l->obj); /* the handle was the callback's only */
    return status;
}

struct wdf_object *wdf_cmreslist_object(struct wdf_cmreslist *l)
{
    return &l->obj;
}
