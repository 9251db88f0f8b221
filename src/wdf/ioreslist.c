/*
 * ioreslist.c - resource requirements lists (WDFIORESREQLIST) and their logical
 * configurations (WDFIORESLIST): the WdfIoResourceRequirementsList* and WdfIoResourceList*
 * routines, the framework PDO's EvtDeviceResourceRequirementsQuery, and the FDO's resource
 * callbacks of WdfFdoInitSetEventCallbacks (Microsoft: "Modifying a Resource Requirements
 * List", "Modifying a Resource List").
 *
 * A WDFIORESREQLIST is the framework's copy of an IO_RESOURCE_REQUIREMENTS_LIST, made for one
 * callback: EvtDeviceResourceRequirementsQuery (empty), EvtDeviceFilterRemoveResource-
 * Requirements (the list the IRP brings down), EvtDeviceFilterAddResourceRequirements (the
 * list the drivers below return). When the list built from it afterwards differs from the
 * IRP's (the callback changed it), the new IO_RESOURCE_REQUIREMENTS_LIST replaces the IRP's,
 * which is freed (the IRP's rule: the manager frees what comes back). The object (and the
 * WDFIORESLISTs, its children) is deleted when the callback returns: a handle kept past it is a
 * stale handle (0x10D).
 *
 * Lifetime and locking: a list is a child of its device and belongs to the PnP IRP that runs
 * the callback receiving it (one at a time per device), so it has no lock.
 */
#include <stdlib.h>
#include <string.h>

#include "rtl/rtl.h"
#include "wdf/wdf_private.h"

#define WDF_IORES_TAG 'rfdW' /* 'Wdfr' */

struct wdf_ioreqlist;

struct wdf_ioreslist {
    struct wdf_object obj;
    struct wdf_ioreqlist *owner; /* WdfIoResourceListCreate's list (its parent) */
    BOOLEAN listed;              /* one of the owner's configurations now */
    USHORT version, revision;
    ULONG count, capacity;
    IO_RESOURCE_DESCRIPTOR *descriptors;
};

struct wdf_ioreqlist {
    struct wdf_object obj;
    INTERFACE_TYPE interface_type;
    ULONG bus_number, slot_number;
    ULONG reserved[3];
    ULONG count, capacity;
    struct wdf_ioreslist **configs;
};

/* Room for `need` entries of `size` bytes in *array. */
static BOOLEAN wdf_ioreq_grow(void **array, ULONG *capacity, ULONG need, size_t size)
{
    void *grown;
    if (need <= *capacity)
        return TRUE;
    grown = realloc(*array, need * size);
    if (grown == NULL)
        return FALSE;
    *array = grown;
    *capacity = need;
    return TRUE;
}

void wdf_array_open(void *base, ULONG count, ULONG index, size_t size)
{
    char *at = (char *)base + (size_t)index * size;
    memmove(at + size, at, (size_t)(count - index) * size);
}

void wdf_array_remove(void *base, ULONG *count, ULONG index, size_t size)
{
    char *at = (char *)base + (size_t)index * size;
    memmove(at, at + size, (size_t)(*count - index - 1) * size);
    (*count)--;
}

static void wdf_ioreslist_destroy(struct wdf_object *o)
{
    free(CONTAINING_RECORD(o, struct wdf_ioreslist, obj)->descriptors);
}

static void wdf_ioreqlist_destroy(struct wdf_object *o)
{
    free(CONTAINING_RECORD(o, struct wdf_ioreqlist, obj)->configs);
}

static NTSTATUS wdf_ioreslist_new(struct wdf_globals *g, struct wdf_ioreqlist *r,
                                  PWDF_OBJECT_ATTRIBUTES attributes, struct wdf_ioreslist **out)
{
    struct wdf_object *o;
    NTSTATUS status =
        wdf_object_create(g, WDF_TYPE_IORESLIST, sizeof(**out), attributes, &r->obj, &o);
    if (!NT_SUCCESS(status))
        return status;
    *out = CONTAINING_RECORD(o, struct wdf_ioreslist, obj);
    (*out)->owner = r;
    (*out)->version = 1;
    (*out)->revision = 1;
    o->type_destroy = wdf_ioreslist_destroy;
    return STATUS_SUCCESS;
}

/* Puts `l` into `r` before `index` (r->count: at the end). */
static NTSTATUS wdf_ioreqlist_put(struct wdf_ioreqlist *r, struct wdf_ioreslist *l, ULONG index)
{
    if (!wdf_ioreq_grow((void **)&r->configs, &r->capacity, r->count + 1, sizeof(*r->configs)))
        return STATUS_INSUFFICIENT_RESOURCES;
    wdf_array_open(r->configs, r->count, index, sizeof(*r->configs));
    r->configs[index] = l;
    r->count++;
    l->listed = TRUE;
    return STATUS_SUCCESS;
}

/* One alternative of the IRP's list copied into a new configuration of `r`; the next one. */
static PIO_RESOURCE_LIST wdf_ioreqlist_read_one(struct wdf_globals *g, struct wdf_ioreqlist *r,
                                                PIO_RESOURCE_LIST in, NTSTATUS *status)
{
    struct wdf_ioreslist *l;
    *status = wdf_ioreslist_new(g, r, NULL, &l);
    if (NT_SUCCESS(*status) &&
        !wdf_ioreq_grow((void **)&l->descriptors, &l->capacity, in->Count, sizeof(*l->descriptors)))
        *status = STATUS_INSUFFICIENT_RESOURCES;
    if (NT_SUCCESS(*status))
        *status = wdf_ioreqlist_put(r, l, r->count);
    if (!NT_SUCCESS(*status))
        return NULL;
    l->version = in->Version;
    l->revision = in->Revision;
    l->count = in->Count;
    memcpy(l->descriptors, in->Descriptors, in->Count * sizeof(*l->descriptors));
    return (PIO_RESOURCE_LIST)&in->Descriptors[in->Count];
}

/* A WDFIORESREQLIST (child of the device) with a copy of `in` (NULL: empty, interface type
 * Internal). An alternative running past ListSize ends the copy (reported). */
static NTSTATUS wdf_ioreqlist_make(struct wdf_device *dev, PIO_RESOURCE_REQUIREMENTS_LIST in,
                                   struct wdf_ioreqlist **out)
{
    struct wdf_globals *g = dev->obj.owner;
    struct wdf_object *o;
    struct wdf_ioreqlist *r;
    PIO_RESOURCE_LIST alt;
    NTSTATUS status = wdf_object_create(g, WDF_TYPE_IORESREQLIST, sizeof(*r), NULL, &dev->obj, &o);
    if (!NT_SUCCESS(status))
        return status;
    r = CONTAINING_RECORD(o, struct wdf_ioreqlist, obj);
    o->type_destroy = wdf_ioreqlist_destroy;
    *out = r;
    r->interface_type = in != NULL ? in->InterfaceType : Internal;
    if (in == NULL)
        return STATUS_SUCCESS;
    r->bus_number = in->BusNumber;
    r->slot_number = in->SlotNumber;
    memcpy(r->reserved, in->Reserved, sizeof(r->reserved));
    alt = in->List;
    for (ULONG i = 0; i < in->AlternativeLists && NT_SUCCESS(status); i++) {
        if ((ULONG_PTR)&alt->Descriptors[alt->Count] - (ULONG_PTR)in > in->ListSize) {
            rtl_diag(RTL_DIAG_ERROR, "wdf",
                     "driver '%s': the resource requirements list's alternative %lu runs past "
                     "its ListSize %lu; the rest is ignored",
                     g->pub.DriverName, (unsigned long)i, (unsigned long)in->ListSize);
            break;
        }
        alt = wdf_ioreqlist_read_one(g, r, alt, &status);
    }
    if (!NT_SUCCESS(status))
        wdf_object_delete(o);
    return status;
}

/* The IO_RESOURCE_REQUIREMENTS_LIST (from pool, the IRP's) of `r`; NULL when it has no
 * configuration (drvhost's choice: no requirements) or no memory (*status). */
static PIO_RESOURCE_REQUIREMENTS_LIST wdf_ioreqlist_build(struct wdf_ioreqlist *r, NTSTATUS *status)
{
    PIO_RESOURCE_REQUIREMENTS_LIST out;
    PIO_RESOURCE_LIST alt;
    ULONG size = FIELD_OFFSET(IO_RESOURCE_REQUIREMENTS_LIST, List);
    *status = STATUS_SUCCESS;
    if (r->count == 0)
        return NULL;
    for (ULONG i = 0; i < r->count; i++)
        size += FIELD_OFFSET(IO_RESOURCE_LIST, Descriptors) +
                r->configs[i]->count * sizeof(IO_RESOURCE_DESCRIPTOR);
    out = ExAllocatePoolWithTag(PagedPool, size, WDF_IORES_TAG);
    if (out == NULL) {
        *status = STATUS_INSUFFICIENT_RESOURCES;
        return NULL;
    }
    RtlZeroMemory(out, size);
    out->ListSize = size;
    out->InterfaceType = r->interface_type;
    out->BusNumber = r->bus_number;
    out->SlotNumber = r->slot_number;
    memcpy(out->Reserved, r->reserved, sizeof(out->Reserved));
    out->AlternativeLists = r->count;
    alt = out->List;
    for (ULONG i = 0; i < r->count; i++) {
        struct wdf_ioreslist *l = r->configs[i];
        alt->Version = l->version;
        alt->Revision = l->revision;
        alt->Count = l->count;
        memcpy(alt->Descriptors, l->descriptors, l->count * sizeof(*l->descriptors));
        alt = (PIO_RESOURCE_LIST)&alt->Descriptors[l->count];
    }
    return out;
}

/* ---- WdfIoResourceRequirementsList* --------------------------------------------------------- */

#define WDF_IOREQ_GET(g, h)                                                                        \
    CONTAINING_RECORD(wdf_object_get(g, h, WDF_TYPE_IORESREQLIST), struct wdf_ioreqlist, obj)
#define WDF_IORES_GET(g, h)                                                                        \
    CONTAINING_RECORD(wdf_object_get(g, h, WDF_TYPE_IORESLIST), struct wdf_ioreslist, obj)

VOID imp_WdfIoResourceRequirementsListSetSlotNumber(PWDF_DRIVER_GLOBALS globals,
                                                    WDFIORESREQLIST RequirementsList,
                                                    ULONG SlotNumber)
{
    struct wdf_ioreqlist *r = WDF_IOREQ_GET(wdf_globals_of(globals), RequirementsList);
    r->slot_number = SlotNumber;
}

VOID imp_WdfIoResourceRequirementsListSetInterfaceType(PWDF_DRIVER_GLOBALS globals,
                                                       WDFIORESREQLIST RequirementsList,
                                                       INTERFACE_TYPE InterfaceType)
{
    struct wdf_ioreqlist *r = WDF_IOREQ_GET(wdf_globals_of(globals), RequirementsList);
    r->interface_type = InterfaceType;
}

/* Microsoft: STATUS_INVALID_DEVICE_REQUEST for a configuration another list created,
 * STATUS_ARRAY_BOUNDS_EXCEEDED for an Index past the end; one already in the list is
 * STATUS_INVALID_PARAMETER (drvhost's reading of "an invalid parameter"). */
static NTSTATUS wdf_ioreqlist_insert(struct wdf_globals *g, WDFIORESREQLIST list,
                                     WDFIORESLIST config, ULONG index, const char *ddi)
{
    struct wdf_ioreqlist *r = WDF_IOREQ_GET(g, list);
    struct wdf_ioreslist *l = WDF_IORES_GET(g, config);
    if (l->owner != r || l->listed) {
        rtl_diag(RTL_DIAG_ERROR, "wdf", "driver '%s': %s: logical configuration %p %s",
                 g->pub.DriverName, ddi, (void *)l,
                 l->owner != r ? "belongs to another requirements list" : "is in the list already");
        return l->owner != r ? STATUS_INVALID_DEVICE_REQUEST : STATUS_INVALID_PARAMETER;
    }
    if (index == WDF_INSERT_AT_END)
        index = r->count;
    if (index > r->count)
        return STATUS_ARRAY_BOUNDS_EXCEEDED;
    return wdf_ioreqlist_put(r, l, index);
}

NTSTATUS imp_WdfIoResourceRequirementsListAppendIoResList(PWDF_DRIVER_GLOBALS globals,
                                                          WDFIORESREQLIST RequirementsList,
                                                          WDFIORESLIST IoResList)
{
    return wdf_ioreqlist_insert(wdf_globals_of(globals), RequirementsList, IoResList,
                                WDF_INSERT_AT_END, "WdfIoResourceRequirementsListAppendIoResList");
}

NTSTATUS imp_WdfIoResourceRequirementsListInsertIoResList(PWDF_DRIVER_GLOBALS globals,
                                                          WDFIORESREQLIST RequirementsList,
                                                          WDFIORESLIST IoResList, ULONG Index)
{
    return wdf_ioreqlist_insert(wdf_globals_of(globals), RequirementsList, IoResList, Index,
                                "WdfIoResourceRequirementsListInsertIoResList");
}

ULONG imp_WdfIoResourceRequirementsListGetCount(PWDF_DRIVER_GLOBALS globals,
                                                WDFIORESREQLIST RequirementsList)
{
    return WDF_IOREQ_GET(wdf_globals_of(globals), RequirementsList)->count;
}

WDFIORESLIST imp_WdfIoResourceRequirementsListGetIoResList(PWDF_DRIVER_GLOBALS globals,
                                                           WDFIORESREQLIST RequirementsList,
                                                           ULONG Index)
{
    struct wdf_ioreqlist *r = WDF_IOREQ_GET(wdf_globals_of(globals), RequirementsList);
    return Index < r->count ? (WDFIORESLIST)r->configs[Index] : NULL;
}

/* The configuration at `index` leaves the list and is deleted (its handle goes stale:
 * drvhost's choice, the pages do not say); a bad index removes nothing (reported). */
static void wdf_ioreqlist_remove(struct wdf_globals *g, struct wdf_ioreqlist *r, ULONG index,
                                 const char *ddi)
{
    struct wdf_ioreslist *l;
    if (index >= r->count) {
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': %s: no logical configuration at that index; nothing removed",
                 g->pub.DriverName, ddi);
        return;
    }
    l = r->configs[index];
    wdf_array_remove(r->configs, &r->count, index, sizeof(*r->configs));
    l->listed = FALSE;
    wdf_object_delete(&l->obj);
}

VOID imp_WdfIoResourceRequirementsListRemove(PWDF_DRIVER_GLOBALS globals,
                                             WDFIORESREQLIST RequirementsList, ULONG Index)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    wdf_ioreqlist_remove(g, WDF_IOREQ_GET(g, RequirementsList), Index,
                         "WdfIoResourceRequirementsListRemove");
}

VOID imp_WdfIoResourceRequirementsListRemoveByIoResList(PWDF_DRIVER_GLOBALS globals,
                                                        WDFIORESREQLIST RequirementsList,
                                                        WDFIORESLIST IoResList)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_ioreqlist *r = WDF_IOREQ_GET(g, RequirementsList);
    struct wdf_ioreslist *l = WDF_IORES_GET(g, IoResList);
    ULONG index = r->count;
    for (ULONG i = 0; i < r->count; i++)
        if (r->configs[i] == l)
            index = i;
    wdf_ioreqlist_remove(g, r, index, "WdfIoResourceRequirementsListRemoveByIoResList");
}

/* ---- WdfIoResourceList* -----------------------------------------------------------------------
 */

/* The requirements list is the parent (the page). */
NTSTATUS imp_WdfIoResourceListCreate(PWDF_DRIVER_GLOBALS globals, WDFIORESREQLIST RequirementsList,
                                     PWDF_OBJECT_ATTRIBUTES Attributes, WDFIORESLIST *ResourceList)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_ioreqlist *r = WDF_IOREQ_GET(g, RequirementsList);
    struct wdf_ioreslist *l = NULL;
    NTSTATUS status;
    WDF_CHECK_NOT_NULL(g, ResourceList);
    *ResourceList = NULL;
    status = wdf_parent_refused(g, Attributes, "WdfIoResourceListCreate");
    if (NT_SUCCESS(status))
        status = wdf_ioreslist_new(g, r, Attributes, &l);
    if (NT_SUCCESS(status))
        *ResourceList = (WDFIORESLIST)l;
    return status;
}

/* Copied (the caller's may be on its stack); STATUS_ARRAY_BOUNDS_EXCEEDED past the end. */
static NTSTATUS wdf_ioreslist_insert(struct wdf_ioreslist *l, PIO_RESOURCE_DESCRIPTOR d,
                                     ULONG index)
{
    if (index == WDF_INSERT_AT_END)
        index = l->count;
    if (index > l->count)
        return STATUS_ARRAY_BOUNDS_EXCEEDED;
    if (!wdf_ioreq_grow((void **)&l->descriptors, &l->capacity, l->count + 1,
                        sizeof(*l->descriptors)))
        return STATUS_INSUFFICIENT_RESOURCES;
    wdf_array_open(l->descriptors, l->count, index, sizeof(*l->descriptors));
    l->descriptors[index] = *d;
    l->count++;
    return STATUS_SUCCESS;
}

NTSTATUS imp_WdfIoResourceListAppendDescriptor(PWDF_DRIVER_GLOBALS globals,
                                               WDFIORESLIST ResourceList,
                                               PIO_RESOURCE_DESCRIPTOR Descriptor)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_ioreslist *l = WDF_IORES_GET(g, ResourceList);
    WDF_CHECK_NOT_NULL(g, Descriptor);
    return wdf_ioreslist_insert(l, Descriptor, WDF_INSERT_AT_END);
}

NTSTATUS imp_WdfIoResourceListInsertDescriptor(PWDF_DRIVER_GLOBALS globals,
                                               WDFIORESLIST ResourceList,
                                               PIO_RESOURCE_DESCRIPTOR Descriptor, ULONG Index)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_ioreslist *l = WDF_IORES_GET(g, ResourceList);
    WDF_CHECK_NOT_NULL(g, Descriptor);
    return wdf_ioreslist_insert(l, Descriptor, Index);
}

/* A bad index changes nothing (reported). */
VOID imp_WdfIoResourceListUpdateDescriptor(PWDF_DRIVER_GLOBALS globals, WDFIORESLIST ResourceList,
                                           PIO_RESOURCE_DESCRIPTOR Descriptor, ULONG Index)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_ioreslist *l = WDF_IORES_GET(g, ResourceList);
    WDF_CHECK_NOT_NULL(g, Descriptor);
    if (Index >= l->count) {
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': WdfIoResourceListUpdateDescriptor: no descriptor at index %lu; "
                 "nothing updated",
                 g->pub.DriverName, (unsigned long)Index);
        return;
    }
    l->descriptors[Index] = *Descriptor;
}

ULONG imp_WdfIoResourceListGetCount(PWDF_DRIVER_GLOBALS globals, WDFIORESLIST ResourceList)
{
    return WDF_IORES_GET(wdf_globals_of(globals), ResourceList)->count;
}

PIO_RESOURCE_DESCRIPTOR imp_WdfIoResourceListGetDescriptor(PWDF_DRIVER_GLOBALS globals,
                                                           WDFIORESLIST ResourceList, ULONG Index)
{
    struct wdf_ioreslist *l = WDF_IORES_GET(wdf_globals_of(globals), ResourceList);
    return Index < l->count ? &l->descriptors[Index] : NULL;
}

/* A bad index removes nothing (reported). */
static void wdf_ioreslist_remove(struct wdf_globals *g, struct wdf_ioreslist *l, ULONG index,
                                 const char *ddi)
{
    if (index >= l->count) {
        rtl_diag(RTL_DIAG_ERROR, "wdf", "driver '%s': %s: no such descriptor; nothing removed",
                 g->pub.DriverName, ddi);
        return;
    }
    wdf_array_remove(l->descriptors, &l->count, index, sizeof(*l->descriptors));
}

VOID imp_WdfIoResourceListRemove(PWDF_DRIVER_GLOBALS globals, WDFIORESLIST ResourceList,
                                 ULONG Index)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    wdf_ioreslist_remove(g, WDF_IORES_GET(g, ResourceList), Index, "WdfIoResourceListRemove");
}

/* Microsoft: the first descriptor equal to *Descriptor byte for byte. */
VOID imp_WdfIoResourceListRemoveByDescriptor(PWDF_DRIVER_GLOBALS globals, WDFIORESLIST ResourceList,
                                             PIO_RESOURCE_DESCRIPTOR Descriptor)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_ioreslist *l = WDF_IORES_GET(g, ResourceList);
    ULONG index = 0;
    WDF_CHECK_NOT_NULL(g, Descriptor);
    while (index < l->count && memcmp(&l->descriptors[index], Descriptor, sizeof(*Descriptor)) != 0)
        index++;
    wdf_ioreslist_remove(g, l, index, "WdfIoResourceListRemoveByDescriptor");
}

/* ---- the callbacks ------------------------------------------------------------------------- */

VOID imp_WdfFdoInitSetEventCallbacks(PWDF_DRIVER_GLOBALS globals, PWDFDEVICE_INIT DeviceInit,
                                     PWDF_FDO_EVENT_CALLBACKS FdoEventCallbacks)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    PWDFDEVICE_INIT init =
        wdf_init_get(g, DeviceInit, "WdfFdoInitSetEventCallbacks", __builtin_return_address(0));
    WDF_CHECK_NOT_NULL(g, FdoEventCallbacks);
    if (FdoEventCallbacks->Size != sizeof(*FdoEventCallbacks) || init->pdo == NULL) {
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': WdfFdoInitSetEventCallbacks: %s: the callbacks are ignored",
                 g->pub.DriverName,
                 init->pdo == NULL ? "not the init of EvtDriverDeviceAdd" : "a wrong Size");
        return;
    }
    init->fdo_callbacks = *FdoEventCallbacks;
}

/* Whether `built` says something else than `list` (NULL: no requirements). */
static BOOLEAN wdf_ioreqlist_differs(PIO_RESOURCE_REQUIREMENTS_LIST list,
                                     PIO_RESOURCE_REQUIREMENTS_LIST built)
{
    if (list == NULL || built == NULL)
        return list != built;
    return list->ListSize != built->ListSize || memcmp(list, built, built->ListSize) != 0;
}

/* `callback` with a WDFIORESREQLIST copy of *list; when the list built from the copy afterwards
 * differs from *list (the driver changed it), *list becomes the new one (the old one stays the
 * caller's to free). */
static NTSTATUS wdf_ioreqlist_run(struct wdf_device *dev,
                                  PFN_WDF_DEVICE_FILTER_RESOURCE_REQUIREMENTS callback,
                                  ULONG_PTR *list, BOOLEAN *changed)
{
    struct wdf_ioreqlist *r;
    PIO_RESOURCE_REQUIREMENTS_LIST built = NULL;
    NTSTATUS status = wdf_ioreqlist_make(dev, (PIO_RESOURCE_REQUIREMENTS_LIST)*list, &r);
    *changed = FALSE;
    if (!NT_SUCCESS(status))
        return status;
    status = callback((WDFDEVICE)dev, (WDFIORESREQLIST)r);
    if (NT_SUCCESS(status))
        built = wdf_ioreqlist_build(r, &status);
    wdf_object_delete(&r->obj); /* its handles were the callback's only */
    if (NT_SUCCESS(status) && wdf_ioreqlist_differs((PIO_RESOURCE_REQUIREMENTS_LIST)*list, built)) {
        *list = (ULONG_PTR)built;
        *changed = TRUE;
    } else if (built != NULL) {
        ExFreePool(built);
    }
    return status;
}

BOOLEAN wdf_fdo_filters_requirements(struct wdf_device *dev)
{
    return dev->fdo_callbacks.EvtDeviceFilterAddResourceRequirements != NULL ||
           dev->fdo_callbacks.EvtDeviceFilterRemoveResourceRequirements != NULL;
}

/* The list the IRP carries: IoStatus.Information once a driver set it, else the parameter. */
NTSTATUS wdf_fdo_filter_down(struct wdf_device *dev, PIRP irp, struct wdf_filter_lists *f)
{
    PIO_STACK_LOCATION s = IoGetCurrentIrpStackLocation(irp);
    ULONG_PTR list =
        irp->IoStatus.Information != 0
            ? irp->IoStatus.Information
            : (ULONG_PTR)s->Parameters.FilterResourceRequirements.IoResourceRequirementList;
    BOOLEAN changed = FALSE;
    NTSTATUS status = STATUS_SUCCESS;
    f->original = irp->IoStatus.Information;
    f->ours = 0;
    if (dev->fdo_callbacks.EvtDeviceFilterRemoveResourceRequirements != NULL)
        status = wdf_ioreqlist_run(
            dev, dev->fdo_callbacks.EvtDeviceFilterRemoveResourceRequirements, &list, &changed);
    if (NT_SUCCESS(status) && changed) {
        f->ours = list;
        irp->IoStatus.Information = list; /* the drivers below get ours */
        s->Parameters.FilterResourceRequirements.IoResourceRequirementList =
            (PIO_RESOURCE_REQUIREMENTS_LIST)list;
    }
    return status;
}

/* The drivers below's failure (other than not handling it) is the IRP's; the list the IRP came
 * with goes back into IoStatus.Information then, for the manager to free. */
NTSTATUS wdf_fdo_filter_up(struct wdf_device *dev, PIRP irp, struct wdf_filter_lists *f,
                           NTSTATUS status)
{
    ULONG_PTR list = irp->IoStatus.Information;
    BOOLEAN changed = FALSE;
    if (NT_SUCCESS(status) || status == STATUS_NOT_SUPPORTED) {
        status = STATUS_SUCCESS;
        if (dev->fdo_callbacks.EvtDeviceFilterAddResourceRequirements != NULL)
            status = wdf_ioreqlist_run(
                dev, dev->fdo_callbacks.EvtDeviceFilterAddResourceRequirements, &list, &changed);
    }
    if (!NT_SUCCESS(status)) {
        if (f->ours != 0 && irp->IoStatus.Information == f->ours) {
            ExFreePool((PVOID)f->ours);
            irp->IoStatus.Information = f->original;
        }
        return status;
    }
    /* A list replaced is freed by whoever replaced it (the IRP's rule): the one the drivers
     * below returned when the up half replaces it, the one the IRP came with when the down
     * half did. */
    if (changed) {
        ULONG_PTR replaced = irp->IoStatus.Information;
        irp->IoStatus.Information = list;
        if (replaced != 0 && (replaced != f->original || f->ours == 0))
            ExFreePool((PVOID)replaced);
    }
    if (f->ours != 0 && f->original != 0)
        ExFreePool((PVOID)f->original);
    return STATUS_SUCCESS;
}

NTSTATUS wdf_pdo_query_requirements(struct wdf_device *dev,
                                    PFN_WDF_DEVICE_RESOURCE_REQUIREMENTS_QUERY callback,
                                    ULONG_PTR *list)
{
    struct wdf_ioreqlist *r;
    NTSTATUS status = wdf_ioreqlist_make(dev, NULL, &r);
    *list = 0;
    if (!NT_SUCCESS(status))
        return status;
    status = callback((WDFDEVICE)dev, (WDFIORESREQLIST)r);
    if (NT_SUCCESS(status))
        *list = (ULONG_PTR)wdf_ioreqlist_build(r, &status);
    wdf_object_delete(&r->obj);
    return status;
}

/* ---- START_DEVICE: EvtDeviceRemoveAddedResources ----------------------------------------- */

/* The callback's lists replace the stack location's for the drivers below. */
static NTSTATUS wdf_fdo_swap_lists(PIO_STACK_LOCATION s, struct wdf_cmreslist *raw,
                                   struct wdf_cmreslist *translated,
                                   struct wdf_added_resources *saved)
{
    NTSTATUS status, status2;
    PCM_RESOURCE_LIST r =
        wdf_cmreslist_build(raw, s->Parameters.StartDevice.AllocatedResources, &status);
    PCM_RESOURCE_LIST t = wdf_cmreslist_build(
        translated, s->Parameters.StartDevice.AllocatedResourcesTranslated, &status2);
    if (!NT_SUCCESS(status) || !NT_SUCCESS(status2)) {
        if (r != NULL)
            ExFreePool(r);
        if (t != NULL)
            ExFreePool(t);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    saved->raw = s->Parameters.StartDevice.AllocatedResources;
    saved->translated = s->Parameters.StartDevice.AllocatedResourcesTranslated;
    saved->replaced = TRUE;
    s->Parameters.StartDevice.AllocatedResources = r;
    s->Parameters.StartDevice.AllocatedResourcesTranslated = t;
    return STATUS_SUCCESS;
}

/* Microsoft (EvtDeviceRemoveAddedResources): called "immediately before" the framework passes
 * the resource list to the bus driver, so that the bus driver does not see what the driver
 * added; the driver's own EvtDevicePrepareHardware still gets the lists as assigned. */
NTSTATUS wdf_fdo_remove_added(struct wdf_device *dev, PIRP irp, struct wdf_added_resources *saved)
{
    PIO_STACK_LOCATION s = IoGetCurrentIrpStackLocation(irp);
    struct wdf_cmreslist *raw, *translated;
    NTSTATUS status;
    saved->replaced = FALSE;
    if (dev->fdo_callbacks.EvtDeviceRemoveAddedResources == NULL)
        return STATUS_SUCCESS;
    raw = wdf_cmreslist_make(dev, s->Parameters.StartDevice.AllocatedResources, TRUE);
    translated =
        wdf_cmreslist_make(dev, s->Parameters.StartDevice.AllocatedResourcesTranslated, TRUE);
    status = raw != NULL && translated != NULL
                 ? dev->fdo_callbacks.EvtDeviceRemoveAddedResources(
                       (WDFDEVICE)dev, (WDFCMRESLIST)raw, (WDFCMRESLIST)translated)
                 : STATUS_INSUFFICIENT_RESOURCES;
    if (NT_SUCCESS(status))
        status = wdf_fdo_swap_lists(s, raw, translated, saved);
    if (raw != NULL)
        wdf_object_delete(wdf_cmreslist_object(raw));
    if (translated != NULL)
        wdf_object_delete(wdf_cmreslist_object(translated));
    return status;
}

void wdf_fdo_restore_added(PIRP irp, struct wdf_added_resources *saved)
{
    PIO_STACK_LOCATION s = IoGetCurrentIrpStackLocation(irp);
    if (!saved->replaced)
        return;
    if (s->Parameters.StartDevice.AllocatedResources != NULL)
        ExFreePool(s->Parameters.StartDevice.AllocatedResources);
    if (s->Parameters.StartDevice.AllocatedResourcesTranslated != NULL)
        ExFreePool(s->Parameters.StartDevice.AllocatedResourcesTranslated);
    s->Parameters.StartDevice.AllocatedResources = saved->raw;
    s->Parameters.StartDevice.AllocatedResourcesTranslated = saved->translated;
    saved->replaced = FALSE;
}
