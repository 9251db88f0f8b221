/*
 * childlist.c - a bus driver's children: static children (WdfFdoAddStaticChild and the
 * static list's iteration) and dynamic child lists (WDFCHILDLIST: identification and address
 * descriptions, scans, iteration, retrieval), and what the framework reports for them in the
 * FDO's QUERY_DEVICE_RELATIONS(BusRelations) (Microsoft: "Static Enumeration", "Dynamic
 * Enumeration", the wdffdo and wdfchildlist reference pages).
 *
 * Locking: one mutex per FDO (`struct wdf_bus`) guards its static list, its child lists'
 * descriptions and its PDOs' `missing`/`reported` flags. The driver's description callbacks
 * (compare, copy, duplicate, cleanup) run under it: they must not call child list routines
 * (**deviation:** KMDF's are not documented as locked either way). EvtChildListCreateDevice
 * runs without it, on the PnP thread, when the PnP manager asks for the bus relations.
 *
 * Lifetime: a description stays while it is present, or while its PDO exists (a missing
 * child's PDO goes at its REMOVE_DEVICE, pdo.c); entries are unlinked only when no iteration
 * is under way (`iterating`), so an iterator's position stays valid. The bus part lives as
 * long as the FDO (its PDOs and child lists are the FDO's framework children, deleted first).
 */
#include <stdlib.h>
#include <string.h>

#include "ke/ke.h"
#include "rtl/rtl.h"
#include "wdf/wdf_private.h"

VOID imp_WdfDeviceInitFree(PWDF_DRIVER_GLOBALS globals, PWDFDEVICE_INIT DeviceInit);

struct wdf_bus {
    os_mutex lock;
    LIST_ENTRY statics; /* struct wdf_pdo.static_link, in the order added */
    ULONG locked;       /* WdfFdoLockStaticChildListForIteration nesting */
    BOOLEAN invalidate; /* the relations changed while locked: told at the unlock */
    LIST_ENTRY lists;   /* struct wdf_childlist.link */
    struct wdf_childlist *default_list;
    BOOLEAN has_bus_info;
    PNP_BUS_INFORMATION bus_info;
};

struct wdf_childlist {
    struct wdf_object obj;
    struct wdf_device *device;
    WDF_CHILD_LIST_CONFIG config;
    LIST_ENTRY link;     /* in the bus's lists */
    LIST_ENTRY children; /* struct wdf_child.link */
    ULONG scanning;      /* WdfChildListBeginScan nesting */
    ULONG iterating;     /* WdfChildListBeginIteration nesting */
};

struct wdf_child {
    LIST_ENTRY link;
    struct wdf_childlist *list;
    BOOLEAN missing;
    BOOLEAN seen;           /* reported since WdfChildListBeginScan */
    BOOLEAN creating;       /* EvtChildListCreateDevice runs for it */
    BOOLEAN dead;           /* to be unlinked and freed when no iteration is under way */
    struct wdf_device *pdo; /* EvtChildListCreateDevice's device, NULL before */
    PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER id;
    PWDF_CHILD_ADDRESS_DESCRIPTION_HEADER address; /* NULL: the list has none */
};

#define WDF_CHILDLIST_GET(g, h)                                                                    \
    CONTAINING_RECORD(wdf_object_get(g, h, WDF_TYPE_CHILDLIST), struct wdf_childlist, obj)

static struct wdf_device *wdf_fdo_get(struct wdf_globals *g, WDFDEVICE handle, const char *ddi)
{
    return CONTAINING_RECORD(
        wdf_object_get_in(g, (WDFOBJECT)handle, WDF_TYPE_DEVICE, ddi, __builtin_return_address(0)),
        struct wdf_device, obj);
}

/* The FDO's bus part, made on first use (any thread: published with a compare-and-swap). */
static struct wdf_bus *wdf_bus_of(struct wdf_device *fdo)
{
    struct wdf_bus *bus = __atomic_load_n(&fdo->bus, __ATOMIC_ACQUIRE), *expected = NULL;
    if (bus != NULL)
        return bus;
    bus = calloc(1, sizeof(*bus));
    if (bus == NULL)
        return NULL;
    os_mutex_init(&bus->lock);
    InitializeListHead(&bus->statics);
    InitializeListHead(&bus->lists);
    if (!__atomic_compare_exchange_n(&fdo->bus, &expected, bus, FALSE, __ATOMIC_ACQ_REL,
                                     __ATOMIC_ACQUIRE)) {
        os_mutex_destroy(&bus->lock);
        free(bus);
        return expected;
    }
    return bus;
}

/* Tells the PnP manager the FDO's children changed, unless the static list is locked for
 * iteration (then at the unlock). Called without the bus lock. */
static void wdf_bus_changed(struct wdf_device *fdo)
{
    struct wdf_bus *bus = fdo->bus;
    BOOLEAN now;
    os_mutex_lock(&bus->lock);
    now = bus->locked == 0;
    if (!now)
        bus->invalidate = TRUE;
    os_mutex_unlock(&bus->lock);
    if (now && fdo->pdo != NULL)
        IoInvalidateDeviceRelations(fdo->pdo, BusRelations);
}

/* ---- descriptions ------------------------------------------------------------------------ */

static void wdf_child_free(struct wdf_child *c)
{
    const WDF_CHILD_LIST_CONFIG *cfg = &c->list->config;
    WDFCHILDLIST list = (WDFCHILDLIST)c->list;
    if (cfg->EvtChildListIdentificationDescriptionCleanup != NULL)
        cfg->EvtChildListIdentificationDescriptionCleanup(list, c->id);
    if (c->address != NULL && cfg->EvtChildListAddressDescriptionCleanup != NULL)
        cfg->EvtChildListAddressDescriptionCleanup(list, c->address);
    free(c->id);
    free(c->address);
    free(c);
}

/* Unlinks and frees what is dead, when no iteration is under way. Under the bus lock. */
static void wdf_childlist_reap(struct wdf_childlist *l)
{
    PLIST_ENTRY e = l->children.Flink;
    if (l->iterating != 0)
        return;
    while (e != &l->children) {
        struct wdf_child *c = CONTAINING_RECORD(e, struct wdf_child, link);
        e = e->Flink;
        if (c->dead) {
            RemoveEntryList(&c->link);
            wdf_child_free(c);
        }
    }
}

/* A child no longer on the bus: its description goes at once when no PDO was created for it,
 * else with its PDO (at its REMOVE_DEVICE). Under the bus lock. */
static void wdf_child_set_missing(struct wdf_child *c)
{
    c->missing = TRUE;
    if (c->pdo != NULL)
        c->pdo->pdo_part->missing = TRUE;
    else if (!c->creating)
        c->dead = TRUE;
}

static BOOLEAN wdf_child_matches(struct wdf_childlist *l, struct wdf_child *c,
                                 PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER id,
                                 PFN_WDF_CHILD_LIST_IDENTIFICATION_DESCRIPTION_COMPARE compare)
{
    if (compare != NULL)
        return compare((WDFCHILDLIST)l, c->id, id);
    return memcmp(c->id, id, l->config.IdentificationDescriptionSize) == 0;
}

/* The live (not dead) present description equal to `id`, or NULL. Under the bus lock. */
static struct wdf_child *wdf_child_find(struct wdf_childlist *l,
                                        PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER id,
                                        BOOLEAN with_missing)
{
    for (PLIST_ENTRY e = l->children.Flink; e != &l->children; e = e->Flink) {
        struct wdf_child *c = CONTAINING_RECORD(e, struct wdf_child, link);
        if (!c->dead && (with_missing || !c->missing) &&
            wdf_child_matches(l, c, id, l->config.EvtChildListIdentificationDescriptionCompare))
            return c;
    }
    return NULL;
}

/* The driver's description into ours: EvtChildListXxxDescriptionDuplicate, else a copy
 * (Microsoft: "the framework copies the description" without the callback). */
static NTSTATUS wdf_dup_id(struct wdf_childlist *l,
                           PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER from,
                           PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER to)
{
    if (l->config.EvtChildListIdentificationDescriptionDuplicate != NULL)
        return l->config.EvtChildListIdentificationDescriptionDuplicate((WDFCHILDLIST)l, from, to);
    memcpy(to, from, l->config.IdentificationDescriptionSize);
    return STATUS_SUCCESS;
}

static NTSTATUS wdf_dup_address(struct wdf_childlist *l, PWDF_CHILD_ADDRESS_DESCRIPTION_HEADER from,
                                PWDF_CHILD_ADDRESS_DESCRIPTION_HEADER to)
{
    if (l->config.EvtChildListAddressDescriptionDuplicate != NULL)
        return l->config.EvtChildListAddressDescriptionDuplicate((WDFCHILDLIST)l, from, to);
    memcpy(to, from, l->config.AddressDescriptionSize);
    return STATUS_SUCCESS;
}

/* Ours into the driver's buffer: EvtChildListXxxDescriptionCopy, else a copy. */
static void wdf_copy_id_out(struct wdf_childlist *l, struct wdf_child *c,
                            PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER to)
{
    if (l->config.EvtChildListIdentificationDescriptionCopy != NULL)
        l->config.EvtChildListIdentificationDescriptionCopy((WDFCHILDLIST)l, c->id, to);
    else
        memcpy(to, c->id, l->config.IdentificationDescriptionSize);
}

static void wdf_copy_address_out(struct wdf_childlist *l, struct wdf_child *c,
                                 PWDF_CHILD_ADDRESS_DESCRIPTION_HEADER to)
{
    if (c->address == NULL || to == NULL)
        return;
    if (l->config.EvtChildListAddressDescriptionCopy != NULL)
        l->config.EvtChildListAddressDescriptionCopy((WDFCHILDLIST)l, c->address, to);
    else
        memcpy(to, c->address, l->config.AddressDescriptionSize);
}

static BOOLEAN wdf_id_size_ok(struct wdf_childlist *l,
                              PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER id)
{
    return id->IdentificationDescriptionSize == l->config.IdentificationDescriptionSize;
}

static BOOLEAN wdf_address_size_ok(struct wdf_childlist *l,
                                   PWDF_CHILD_ADDRESS_DESCRIPTION_HEADER address)
{
    return address == NULL || (l->config.AddressDescriptionSize != 0 &&
                               address->AddressDescriptionSize == l->config.AddressDescriptionSize);
}

/* ---- creating lists ----------------------------------------------------------------------- */

static void wdf_childlist_cleanup(struct wdf_object *o)
{
    struct wdf_childlist *l = CONTAINING_RECORD(o, struct wdf_childlist, obj);
    struct wdf_bus *bus = l->device->bus;
    os_mutex_lock(&bus->lock);
    RemoveEntryList(&l->link);
    if (bus->default_list == l)
        bus->default_list = NULL;
    while (!IsListEmpty(&l->children)) {
        struct wdf_child *c =
            CONTAINING_RECORD(RemoveHeadList(&l->children), struct wdf_child, link);
        if (c->pdo != NULL)
            c->pdo->pdo_part->child = NULL; /* the PDO outlives its description */
        wdf_child_free(c);
    }
    os_mutex_unlock(&bus->lock);
}

/* Microsoft (WDF_CHILD_LIST_CONFIG): EvtChildListCreateDevice is required, and each
 * description starts with its header, so a size below the header's is no description. */
static NTSTATUS wdf_childlist_make(struct wdf_globals *g, struct wdf_device *fdo,
                                   PWDF_CHILD_LIST_CONFIG config, PWDF_OBJECT_ATTRIBUTES attributes,
                                   struct wdf_childlist **out)
{
    struct wdf_bus *bus = wdf_bus_of(fdo);
    struct wdf_object *o;
    struct wdf_childlist *l;
    NTSTATUS status;
    if (config->Size != sizeof(*config) || config->EvtChildListCreateDevice == NULL ||
        config->IdentificationDescriptionSize <
            sizeof(WDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER) ||
        (config->AddressDescriptionSize != 0 &&
         config->AddressDescriptionSize < sizeof(WDF_CHILD_ADDRESS_DESCRIPTION_HEADER)))
        return STATUS_INVALID_PARAMETER;
    if (bus == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    status = wdf_object_create(g, WDF_TYPE_CHILDLIST, sizeof(*l), attributes, &fdo->obj, &o);
    if (!NT_SUCCESS(status))
        return status;
    l = CONTAINING_RECORD(o, struct wdf_childlist, obj);
    l->device = fdo;
    l->config = *config;
    InitializeListHead(&l->children);
    os_mutex_lock(&bus->lock);
    InsertTailList(&bus->lists, &l->link);
    os_mutex_unlock(&bus->lock);
    o->type_cleanup = wdf_childlist_cleanup;
    *out = l;
    return STATUS_SUCCESS;
}

VOID imp_WdfFdoInitSetDefaultChildListConfig(PWDF_DRIVER_GLOBALS globals,
                                             PWDFDEVICE_INIT DeviceInit,
                                             PWDF_CHILD_LIST_CONFIG Config,
                                             PWDF_OBJECT_ATTRIBUTES DefaultChildListAttributes)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_bus_init *b;
    WDF_CHECK_NOT_NULL(g, DeviceInit);
    WDF_CHECK_NOT_NULL(g, Config);
    if (DeviceInit->pdo == NULL || (b = wdf_bus_init_of(DeviceInit)) == NULL || b->is_pdo) {
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': WdfFdoInitSetDefaultChildListConfig: not an FDO's "
                 "WDFDEVICE_INIT (EvtDriverDeviceAdd's); ignored",
                 g->pub.DriverName);
        return;
    }
    b->child_config = *Config;
    b->has_child_config = TRUE;
    b->has_child_attributes = DefaultChildListAttributes != NULL;
    if (DefaultChildListAttributes != NULL)
        b->child_attributes = *DefaultChildListAttributes;
}

NTSTATUS wdf_fdo_created(PWDFDEVICE_INIT init, struct wdf_device *fdo)
{
    struct wdf_bus_init *b = init->bus;
    struct wdf_childlist *l;
    NTSTATUS status;
    if (!b->has_child_config)
        return STATUS_SUCCESS;
    status = wdf_childlist_make(fdo->obj.owner, fdo, &b->child_config,
                                b->has_child_attributes ? &b->child_attributes : NULL, &l);
    if (!NT_SUCCESS(status)) {
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': WdfDeviceCreate: the default child list's config is refused "
                 "(0x%08X)",
                 fdo->obj.owner->pub.DriverName, (unsigned)status);
        return status;
    }
    fdo->bus->default_list = l;
    return STATUS_SUCCESS;
}

NTSTATUS imp_WdfChildListCreate(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device,
                                PWDF_CHILD_LIST_CONFIG Config,
                                PWDF_OBJECT_ATTRIBUTES ChildListAttributes, WDFCHILDLIST *ChildList)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_device *fdo = wdf_fdo_get(g, Device, "WdfChildListCreate");
    struct wdf_childlist *l;
    NTSTATUS status;
    WDF_CHECK_NOT_NULL(g, Config);
    WDF_CHECK_NOT_NULL(g, ChildList);
    *ChildList = NULL;
    if (fdo->lower == NULL || fdo->pdo_part != NULL)
        return STATUS_INVALID_DEVICE_REQUEST; /* only a bus driver's FDO has children */
    status = wdf_childlist_make(g, fdo, Config, ChildListAttributes, &l);
    if (NT_SUCCESS(status))
        *ChildList = (WDFCHILDLIST)l;
    return status;
}

WDFCHILDLIST imp_WdfFdoGetDefaultChildList(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Fdo)
{
    struct wdf_device *fdo = wdf_fdo_get(wdf_globals_of(globals), Fdo, "WdfFdoGetDefaultChildList");
    struct wdf_bus *bus = __atomic_load_n(&fdo->bus, __ATOMIC_ACQUIRE);
    return bus != NULL ? (WDFCHILDLIST)bus->default_list : NULL;
}

WDFDEVICE imp_WdfChildListGetDevice(PWDF_DRIVER_GLOBALS globals, WDFCHILDLIST ChildList)
{
    return (WDFDEVICE)WDF_CHILDLIST_GET(wdf_globals_of(globals), ChildList)->device;
}

VOID imp_WdfDeviceSetBusInformationForChildren(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device,
                                               PPNP_BUS_INFORMATION BusInformation)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_device *fdo = wdf_fdo_get(g, Device, "WdfDeviceSetBusInformationForChildren");
    struct wdf_bus *bus = wdf_bus_of(fdo);
    WDF_CHECK_NOT_NULL(g, BusInformation);
    if (bus == NULL)
        return;
    os_mutex_lock(&bus->lock);
    bus->bus_info = *BusInformation;
    bus->has_bus_info = TRUE;
    os_mutex_unlock(&bus->lock);
}

BOOLEAN wdf_bus_information(struct wdf_device *fdo, PNP_BUS_INFORMATION *info)
{
    struct wdf_bus *bus = fdo->bus;
    BOOLEAN has;
    if (bus == NULL)
        return FALSE;
    os_mutex_lock(&bus->lock);
    has = bus->has_bus_info;
    *info = bus->bus_info;
    os_mutex_unlock(&bus->lock);
    return has;
}

/* ---- descriptions: present, missing, scans ------------------------------------------------- */

static NTSTATUS wdf_child_new(struct wdf_childlist *l,
                              PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER id,
                              PWDF_CHILD_ADDRESS_DESCRIPTION_HEADER address)
{
    struct wdf_child *c = calloc(1, sizeof(*c));
    NTSTATUS status;
    if (c == NULL || (c->id = calloc(1, l->config.IdentificationDescriptionSize)) == NULL ||
        (l->config.AddressDescriptionSize != 0 &&
         (c->address = calloc(1, l->config.AddressDescriptionSize)) == NULL)) {
        if (c != NULL)
            free(c->id);
        free(c);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    c->list = l;
    c->id->IdentificationDescriptionSize = l->config.IdentificationDescriptionSize;
    status = wdf_dup_id(l, id, c->id);
    if (NT_SUCCESS(status) && c->address != NULL) {
        c->address->AddressDescriptionSize = l->config.AddressDescriptionSize;
        if (address != NULL)
            status = wdf_dup_address(l, address, c->address);
    }
    if (!NT_SUCCESS(status)) {
        free(c->id);
        free(c->address);
        free(c);
        return status;
    }
    c->seen = TRUE;
    InsertTailList(&l->children, &c->link);
    return STATUS_SUCCESS;
}

NTSTATUS imp_WdfChildListAddOrUpdateChildDescriptionAsPresent(
    PWDF_DRIVER_GLOBALS globals, WDFCHILDLIST ChildList,
    PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER IdentificationDescription,
    PWDF_CHILD_ADDRESS_DESCRIPTION_HEADER AddressDescription)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_childlist *l = WDF_CHILDLIST_GET(g, ChildList);
    struct wdf_bus *bus = l->device->bus;
    struct wdf_child *c;
    NTSTATUS status;
    BOOLEAN tell;
    WDF_CHECK_NOT_NULL(g, IdentificationDescription);
    if (!wdf_id_size_ok(l, IdentificationDescription) ||
        !wdf_address_size_ok(l, AddressDescription))
        return STATUS_INVALID_DEVICE_REQUEST; /* Microsoft: a description of the wrong size */
    os_mutex_lock(&bus->lock);
    c = wdf_child_find(l, IdentificationDescription, FALSE);
    if (c != NULL) { /* Microsoft: the existing child gets the new address description */
        c->seen = TRUE;
        status = STATUS_OBJECT_NAME_EXISTS;
        if (AddressDescription != NULL && c->address != NULL)
            wdf_dup_address(l, AddressDescription, c->address);
    } else {
        status = wdf_child_new(l, IdentificationDescription, AddressDescription);
    }
    tell = status == STATUS_SUCCESS && l->scanning == 0;
    os_mutex_unlock(&bus->lock);
    if (tell) /* Microsoft: outside a scan the PnP manager is told at once */
        wdf_bus_changed(l->device);
    return status;
}

NTSTATUS imp_WdfChildListUpdateChildDescriptionAsMissing(
    PWDF_DRIVER_GLOBALS globals, WDFCHILDLIST ChildList,
    PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER IdentificationDescription)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_childlist *l = WDF_CHILDLIST_GET(g, ChildList);
    struct wdf_bus *bus = l->device->bus;
    struct wdf_child *c;
    BOOLEAN tell;
    WDF_CHECK_NOT_NULL(g, IdentificationDescription);
    if (!wdf_id_size_ok(l, IdentificationDescription))
        return STATUS_INVALID_DEVICE_REQUEST;
    os_mutex_lock(&bus->lock);
    c = wdf_child_find(l, IdentificationDescription, FALSE);
    if (c != NULL)
        wdf_child_set_missing(c);
    wdf_childlist_reap(l);
    tell = c != NULL && l->scanning == 0;
    os_mutex_unlock(&bus->lock);
    if (tell)
        wdf_bus_changed(l->device);
    return c != NULL ? STATUS_SUCCESS : STATUS_NO_SUCH_DEVICE;
}

/* Microsoft: every child reported before stays present (within a scan: as if each were added
 * again). A child already marked missing stays missing. */
VOID imp_WdfChildListUpdateAllChildDescriptionsAsPresent(PWDF_DRIVER_GLOBALS globals,
                                                         WDFCHILDLIST ChildList)
{
    struct wdf_childlist *l = WDF_CHILDLIST_GET(wdf_globals_of(globals), ChildList);
    struct wdf_bus *bus = l->device->bus;
    os_mutex_lock(&bus->lock);
    for (PLIST_ENTRY e = l->children.Flink; e != &l->children; e = e->Flink)
        CONTAINING_RECORD(e, struct wdf_child, link)->seen = TRUE;
    os_mutex_unlock(&bus->lock);
}

/* Microsoft (WdfChildListBeginScan): every child reported so far counts as gone unless the
 * driver reports it again before WdfChildListEndScan. */
VOID imp_WdfChildListBeginScan(PWDF_DRIVER_GLOBALS globals, WDFCHILDLIST ChildList)
{
    struct wdf_childlist *l = WDF_CHILDLIST_GET(wdf_globals_of(globals), ChildList);
    struct wdf_bus *bus = l->device->bus;
    os_mutex_lock(&bus->lock);
    if (l->scanning++ == 0)
        for (PLIST_ENTRY e = l->children.Flink; e != &l->children; e = e->Flink)
            CONTAINING_RECORD(e, struct wdf_child, link)->seen = FALSE;
    os_mutex_unlock(&bus->lock);
}

VOID imp_WdfChildListEndScan(PWDF_DRIVER_GLOBALS globals, WDFCHILDLIST ChildList)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_childlist *l = WDF_CHILDLIST_GET(g, ChildList);
    struct wdf_bus *bus = l->device->bus;
    BOOLEAN tell = FALSE;
    os_mutex_lock(&bus->lock);
    if (l->scanning == 0) {
        os_mutex_unlock(&bus->lock);
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': WdfChildListEndScan without WdfChildListBeginScan: ignored",
                 g->pub.DriverName);
        return;
    }
    if (--l->scanning == 0) {
        for (PLIST_ENTRY e = l->children.Flink; e != &l->children; e = e->Flink) {
            struct wdf_child *c = CONTAINING_RECORD(e, struct wdf_child, link);
            if (!c->dead && !c->missing && !c->seen)
                wdf_child_set_missing(c);
        }
        wdf_childlist_reap(l);
        tell = TRUE;
    }
    os_mutex_unlock(&bus->lock);
    if (tell)
        wdf_bus_changed(l->device);
}

/* ---- iteration and retrieval -------------------------------------------------------------- */

static BOOLEAN wdf_child_wanted(struct wdf_child *c, ULONG flags)
{
    if (c->dead)
        return FALSE;
    if (c->missing)
        return (flags & WdfRetrieveMissingChildren) != 0;
    return (flags & (c->pdo != NULL ? WdfRetrievePresentChildren : WdfRetrievePendingChildren)) !=
           0;
}

VOID imp_WdfChildListBeginIteration(PWDF_DRIVER_GLOBALS globals, WDFCHILDLIST ChildList,
                                    PWDF_CHILD_LIST_ITERATOR Iterator)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_childlist *l = WDF_CHILDLIST_GET(g, ChildList);
    WDF_CHECK_NOT_NULL(g, Iterator);
    os_mutex_lock(&l->device->bus->lock);
    l->iterating++;
    Iterator->Reserved[0] = &l->children; /* the position: the last entry returned */
    Iterator->Reserved[1] = l;
    os_mutex_unlock(&l->device->bus->lock);
}

/* Microsoft: STATUS_NO_MORE_ENTRIES past the last; Info (optional) gets the descriptions
 * and, with a compare callback, selects the children equal to its identification. */
NTSTATUS imp_WdfChildListRetrieveNextDevice(PWDF_DRIVER_GLOBALS globals, WDFCHILDLIST ChildList,
                                            PWDF_CHILD_LIST_ITERATOR Iterator, WDFDEVICE *Device,
                                            PWDF_CHILD_RETRIEVE_INFO Info)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_childlist *l = WDF_CHILDLIST_GET(g, ChildList);
    struct wdf_bus *bus = l->device->bus;
    PLIST_ENTRY e;
    struct wdf_child *c = NULL;
    WDF_CHECK_NOT_NULL(g, Iterator);
    WDF_CHECK_NOT_NULL(g, Device);
    *Device = NULL;
    if (Iterator->Reserved[1] != l || Iterator->Size != sizeof(*Iterator) ||
        (Info != NULL &&
         (Info->Size != sizeof(*Info) || (Info->IdentificationDescription != NULL &&
                                          !wdf_id_size_ok(l, Info->IdentificationDescription)))))
        return STATUS_INVALID_PARAMETER;
    os_mutex_lock(&bus->lock);
    for (e = ((PLIST_ENTRY)Iterator->Reserved[0])->Flink; e != &l->children; e = e->Flink) {
        struct wdf_child *x = CONTAINING_RECORD(e, struct wdf_child, link);
        if (wdf_child_wanted(x, Iterator->Flags) &&
            (Info == NULL || Info->EvtChildListIdentificationDescriptionCompare == NULL ||
             wdf_child_matches(l, x, Info->IdentificationDescription,
                               Info->EvtChildListIdentificationDescriptionCompare))) {
            c = x;
            break;
        }
    }
    Iterator->Reserved[0] = e;
    if (c != NULL) {
        *Device = (WDFDEVICE)c->pdo;
        if (Info != NULL) {
            if (Info->IdentificationDescription != NULL)
                wdf_copy_id_out(l, c, Info->IdentificationDescription);
            wdf_copy_address_out(l, c, Info->AddressDescription);
            Info->Status = c->pdo != NULL ? WdfChildListRetrieveDeviceSuccess
                                          : WdfChildListRetrieveDeviceNotYetCreated;
        }
    }
    os_mutex_unlock(&bus->lock);
    return c != NULL ? STATUS_SUCCESS : STATUS_NO_MORE_ENTRIES;
}

VOID imp_WdfChildListEndIteration(PWDF_DRIVER_GLOBALS globals, WDFCHILDLIST ChildList,
                                  PWDF_CHILD_LIST_ITERATOR Iterator)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_childlist *l = WDF_CHILDLIST_GET(g, ChildList);
    WDF_CHECK_NOT_NULL(g, Iterator);
    os_mutex_lock(&l->device->bus->lock);
    if (Iterator->Reserved[1] == l && l->iterating > 0) {
        l->iterating--;
        Iterator->Reserved[1] = NULL;
        wdf_childlist_reap(l);
    } else {
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': WdfChildListEndIteration with an iterator this list did not "
                 "begin: ignored",
                 g->pub.DriverName);
    }
    os_mutex_unlock(&l->device->bus->lock);
}

/* Microsoft: the PDO of the child equal to Info's identification (all of it filled in), NULL
 * with Info->Status saying why. */
WDFDEVICE imp_WdfChildListRetrievePdo(PWDF_DRIVER_GLOBALS globals, WDFCHILDLIST ChildList,
                                      PWDF_CHILD_RETRIEVE_INFO RetrieveInfo)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_childlist *l = WDF_CHILDLIST_GET(g, ChildList);
    struct wdf_child *c;
    WDFDEVICE device = NULL;
    WDF_CHECK_NOT_NULL(g, RetrieveInfo);
    WDF_CHECK_NOT_NULL(g, RetrieveInfo->IdentificationDescription);
    if (RetrieveInfo->Size != sizeof(*RetrieveInfo) ||
        !wdf_id_size_ok(l, RetrieveInfo->IdentificationDescription)) {
        RetrieveInfo->Status = WdfChildListRetrieveDeviceUndefined;
        return NULL;
    }
    os_mutex_lock(&l->device->bus->lock);
    c = wdf_child_find(l, RetrieveInfo->IdentificationDescription, FALSE);
    if (c == NULL) {
        RetrieveInfo->Status = WdfChildListRetrieveDeviceNoSuchDevice;
    } else {
        device = (WDFDEVICE)c->pdo;
        wdf_copy_address_out(l, c, RetrieveInfo->AddressDescription);
        RetrieveInfo->Status = c->pdo != NULL ? WdfChildListRetrieveDeviceSuccess
                                              : WdfChildListRetrieveDeviceNotYetCreated;
    }
    os_mutex_unlock(&l->device->bus->lock);
    return device;
}

NTSTATUS imp_WdfChildListRetrieveAddressDescription(
    PWDF_DRIVER_GLOBALS globals, WDFCHILDLIST ChildList,
    PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER IdentificationDescription,
    PWDF_CHILD_ADDRESS_DESCRIPTION_HEADER AddressDescription)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_childlist *l = WDF_CHILDLIST_GET(g, ChildList);
    struct wdf_child *c;
    WDF_CHECK_NOT_NULL(g, IdentificationDescription);
    WDF_CHECK_NOT_NULL(g, AddressDescription);
    if (!wdf_id_size_ok(l, IdentificationDescription) || l->config.AddressDescriptionSize == 0 ||
        !wdf_address_size_ok(l, AddressDescription))
        return STATUS_INVALID_DEVICE_REQUEST;
    os_mutex_lock(&l->device->bus->lock);
    c = wdf_child_find(l, IdentificationDescription, FALSE);
    if (c != NULL)
        wdf_copy_address_out(l, c, AddressDescription);
    os_mutex_unlock(&l->device->bus->lock);
    return c != NULL ? STATUS_SUCCESS : STATUS_NO_SUCH_DEVICE;
}

/* Microsoft: TRUE when the child exists (its PDO is asked to be ejected). */
BOOLEAN imp_WdfChildListRequestChildEject(
    PWDF_DRIVER_GLOBALS globals, WDFCHILDLIST ChildList,
    PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER IdentificationDescription)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_childlist *l = WDF_CHILDLIST_GET(g, ChildList);
    struct wdf_child *c;
    PDEVICE_OBJECT pdo = NULL;
    WDF_CHECK_NOT_NULL(g, IdentificationDescription);
    if (!wdf_id_size_ok(l, IdentificationDescription))
        return FALSE;
    os_mutex_lock(&l->device->bus->lock);
    c = wdf_child_find(l, IdentificationDescription, FALSE);
    if (c != NULL && c->pdo != NULL)
        pdo = c->pdo->wdm;
    os_mutex_unlock(&l->device->bus->lock);
    if (pdo != NULL)
        IoRequestDeviceEject(pdo);
    return pdo != NULL;
}

/* ---- a dynamic child's PDO ------------------------------------------------------------------ */

void wdf_childlist_pdo_created(struct wdf_child *c, struct wdf_device *pdo)
{
    os_mutex_lock(&c->list->device->bus->lock);
    c->pdo = pdo;
    pdo->pdo_part->missing = c->missing;
    os_mutex_unlock(&c->list->device->bus->lock);
}

NTSTATUS wdf_child_copy_id(struct wdf_child *c, PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER to)
{
    struct wdf_childlist *l = c->list;
    if (!wdf_id_size_ok(l, to))
        return STATUS_INVALID_PARAMETER;
    os_mutex_lock(&l->device->bus->lock);
    wdf_copy_id_out(l, c, to);
    os_mutex_unlock(&l->device->bus->lock);
    return STATUS_SUCCESS;
}

NTSTATUS wdf_child_copy_address(struct wdf_child *c, PWDF_CHILD_ADDRESS_DESCRIPTION_HEADER address,
                                BOOLEAN update)
{
    struct wdf_childlist *l = c->list;
    NTSTATUS status = STATUS_SUCCESS;
    if (l->config.AddressDescriptionSize == 0 || !wdf_address_size_ok(l, address))
        return STATUS_INVALID_PARAMETER;
    os_mutex_lock(&l->device->bus->lock);
    if (update)
        status = wdf_dup_address(l, address, c->address);
    else
        wdf_copy_address_out(l, c, address);
    os_mutex_unlock(&l->device->bus->lock);
    return status;
}

/* EvtChildListCreateDevice for one pending child, without the lock: a WDFDEVICE_INIT of a PDO
 * for it; the framework frees the init if the driver did not create the device. A failure
 * drops the description (drvhost's reading: the child cannot be reported). A PDO that is not
 * to be reported (the callback failed after WdfDeviceCreate, or the driver reported the child
 * missing meanwhile: wdf_childlist_pdo_created passes that on) is deleted at once, as the
 * framework deletes a device whose EvtDriverDeviceAdd failed: the PnP manager never saw it,
 * so no REMOVE_DEVICE would ever delete it; its cleanup (wdf_pdo_gone) drops the description. */
static void wdf_child_create_device(struct wdf_device *fdo, struct wdf_child *c)
{
    struct wdf_childlist *l = c->list;
    PWDFDEVICE_INIT init = wdf_device_init_alloc(fdo->driver);
    NTSTATUS status = STATUS_INSUFFICIENT_RESOURCES;
    struct wdf_device *pdo;
    BOOLEAN unreported;
    if (init != NULL && wdf_bus_init_of(init) != NULL) {
        init->bus->is_pdo = TRUE;
        init->bus->parent = fdo;
        init->bus->child = c;
        init->characteristics = FILE_AUTOGENERATED_DEVICE_NAME | FILE_DEVICE_SECURE_OPEN;
        status = l->config.EvtChildListCreateDevice((WDFCHILDLIST)l, c->id, init);
    }
    os_mutex_lock(&fdo->bus->lock);
    c->creating = FALSE;
    pdo = c->pdo; /* `c` may be freed by the reap below */
    if (NT_SUCCESS(status) && pdo == NULL)
        status = STATUS_UNSUCCESSFUL;
    unreported = !NT_SUCCESS(status) || pdo->pdo_part->missing;
    if (unreported) {
        c->missing = TRUE;
        c->dead = pdo == NULL;
        if (pdo != NULL)
            pdo->pdo_part->missing = TRUE;
    }
    wdf_childlist_reap(l);
    os_mutex_unlock(&fdo->bus->lock);
    if (unreported && pdo != NULL)
        wdf_object_delete(&pdo->obj);
    else if (NT_SUCCESS(status)) /* ready for I/O, as after AddDevice (WdfDeviceCreate) */
        pdo->wdm->Flags &= ~DO_DEVICE_INITIALIZING;
    if (init != NULL && pdo == NULL) /* not consumed by WdfDeviceCreate */
        imp_WdfDeviceInitFree(&fdo->obj.owner->pub, init);
    if (!NT_SUCCESS(status))
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': EvtChildListCreateDevice failed (0x%08X): the child is not "
                 "reported",
                 fdo->obj.owner->pub.DriverName, (unsigned)status);
}

/* The next present child of any list without a PDO, marked `creating`; NULL: none. */
static struct wdf_child *wdf_next_pending(struct wdf_bus *bus)
{
    struct wdf_child *found = NULL;
    os_mutex_lock(&bus->lock);
    for (PLIST_ENTRY le = bus->lists.Flink; le != &bus->lists && found == NULL; le = le->Flink) {
        struct wdf_childlist *l = CONTAINING_RECORD(le, struct wdf_childlist, link);
        for (PLIST_ENTRY e = l->children.Flink; e != &l->children; e = e->Flink) {
            struct wdf_child *c = CONTAINING_RECORD(e, struct wdf_child, link);
            if (!c->dead && !c->missing && c->pdo == NULL && !c->creating) {
                c->creating = TRUE;
                found = c;
                break;
            }
        }
    }
    os_mutex_unlock(&bus->lock);
    return found;
}

/* ---- static children ---------------------------------------------------------------------- */

/* Microsoft (WdfFdoAddStaticChild): the child is a PDO of this FDO, created with
 * WdfPdoInitAllocate; the PnP manager is told (at the unlock when the list is locked). */
NTSTATUS imp_WdfFdoAddStaticChild(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Fdo, WDFDEVICE Child)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_device *fdo = wdf_fdo_get(g, Fdo, "WdfFdoAddStaticChild");
    struct wdf_pdo *p = wdf_pdo_of(g, Child, "WdfFdoAddStaticChild");
    struct wdf_bus *bus = wdf_bus_of(fdo);
    if (p->parent != fdo || p->child != NULL || p->is_static)
        return STATUS_INVALID_PARAMETER; /* another FDO's, a dynamic child, or added already */
    if (bus == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    os_mutex_lock(&bus->lock);
    p->is_static = TRUE;
    InsertTailList(&bus->statics, &p->static_link);
    os_mutex_unlock(&bus->lock);
    ((struct wdf_device *)Child)->wdm->Flags &= ~DO_DEVICE_INITIALIZING;
    wdf_bus_changed(fdo);
    return STATUS_SUCCESS;
}

/* Locked for iteration, the list keeps its order and the PnP manager is told of changes at the
 * unlock; the driver may mark children missing meanwhile (Microsoft: WdfPdoMarkMissing). */
VOID imp_WdfFdoLockStaticChildListForIteration(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Fdo)
{
    struct wdf_device *fdo =
        wdf_fdo_get(wdf_globals_of(globals), Fdo, "WdfFdoLockStaticChildListForIteration");
    struct wdf_bus *bus = wdf_bus_of(fdo);
    if (bus == NULL)
        return;
    os_mutex_lock(&bus->lock);
    bus->locked++;
    os_mutex_unlock(&bus->lock);
}

static BOOLEAN wdf_static_wanted(struct wdf_pdo *p, ULONG flags)
{
    if (p->missing)
        return (flags & WdfRetrieveMissingChildren) != 0;
    return (flags & (p->reported ? WdfRetrievePresentChildren : WdfRetrievePendingChildren)) != 0;
}

WDFDEVICE imp_WdfFdoRetrieveNextStaticChild(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Fdo,
                                            WDFDEVICE PreviousChild, ULONG Flags)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_device *fdo = wdf_fdo_get(g, Fdo, "WdfFdoRetrieveNextStaticChild");
    struct wdf_bus *bus = __atomic_load_n(&fdo->bus, __ATOMIC_ACQUIRE);
    struct wdf_pdo *prev = PreviousChild != NULL
                               ? wdf_pdo_of(g, PreviousChild, "WdfFdoRetrieveNextStaticChild")
                               : NULL;
    WDFDEVICE next = NULL;
    if (bus == NULL)
        return NULL;
    os_mutex_lock(&bus->lock);
    if (bus->locked == 0)
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': WdfFdoRetrieveNextStaticChild without "
                 "WdfFdoLockStaticChildListForIteration",
                 g->pub.DriverName);
    if (prev == NULL || prev->is_static) {
        PLIST_ENTRY e = prev != NULL ? prev->static_link.Flink : bus->statics.Flink;
        for (; e != &bus->statics && next == NULL; e = e->Flink) {
            struct wdf_pdo *p = CONTAINING_RECORD(e, struct wdf_pdo, static_link);
            if (wdf_static_wanted(p, Flags))
                next = (WDFDEVICE)p->device;
        }
    }
    os_mutex_unlock(&bus->lock);
    return next;
}

VOID imp_WdfFdoUnlockStaticChildListFromIteration(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Fdo)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_device *fdo = wdf_fdo_get(g, Fdo, "WdfFdoUnlockStaticChildListFromIteration");
    struct wdf_bus *bus = __atomic_load_n(&fdo->bus, __ATOMIC_ACQUIRE);
    BOOLEAN tell = FALSE;
    if (bus == NULL)
        return;
    os_mutex_lock(&bus->lock);
    if (bus->locked == 0) {
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': WdfFdoUnlockStaticChildListFromIteration without a lock: ignored",
                 g->pub.DriverName);
    } else if (--bus->locked == 0) {
        tell = bus->invalidate;
        bus->invalidate = FALSE;
    }
    os_mutex_unlock(&bus->lock);
    if (tell && fdo->pdo != NULL)
        IoInvalidateDeviceRelations(fdo->pdo, BusRelations);
}

NTSTATUS wdf_bus_mark_missing(struct wdf_device *pdo, struct wdf_pdo *p)
{
    struct wdf_bus *bus = p->parent->bus;
    if (bus == NULL || (!p->is_static && p->child == NULL))
        return STATUS_INVALID_DEVICE_REQUEST; /* never added to the FDO's children */
    os_mutex_lock(&bus->lock);
    p->missing = TRUE;
    if (p->child != NULL)
        wdf_child_set_missing(p->child);
    os_mutex_unlock(&bus->lock);
    (void)pdo;
    wdf_bus_changed(p->parent);
    return STATUS_SUCCESS;
}

BOOLEAN wdf_bus_pdo_gone(struct wdf_device *pdo)
{
    struct wdf_pdo *p = pdo->pdo_part;
    struct wdf_bus *bus = p->parent->bus;
    BOOLEAN gone;
    if (bus == NULL)
        return TRUE; /* never a child of its FDO: nothing keeps it */
    os_mutex_lock(&bus->lock);
    gone = p->missing || (!p->is_static && p->child == NULL);
    os_mutex_unlock(&bus->lock);
    return gone;
}

/* ---- BusRelations ------------------------------------------------------------------------- */

struct wdf_relations {
    PDEVICE_OBJECT *pdo;
    ULONG count, capacity;
};

static void wdf_relations_add(struct wdf_relations *r, struct wdf_pdo *p, struct wdf_device *dev)
{
    if (p->missing)
        return;
    if (r->count == r->capacity) {
        ULONG capacity = r->capacity != 0 ? 2 * r->capacity : 8;
        PDEVICE_OBJECT *grown = realloc(r->pdo, capacity * sizeof(*grown));
        if (grown == NULL)
            return; /* out of memory: this child is left out until the next query */
        r->pdo = grown;
        r->capacity = capacity;
    }
    p->reported = TRUE;
    ObReferenceObject(dev->wdm); /* the PnP manager drops it */
    r->pdo[r->count++] = dev->wdm;
}

/* The children to report: the static ones, then each list's, in the order added. */
static void wdf_relations_collect(struct wdf_bus *bus, struct wdf_relations *r)
{
    os_mutex_lock(&bus->lock);
    for (PLIST_ENTRY e = bus->statics.Flink; e != &bus->statics; e = e->Flink) {
        struct wdf_pdo *p = CONTAINING_RECORD(e, struct wdf_pdo, static_link);
        wdf_relations_add(r, p, p->device);
    }
    for (PLIST_ENTRY le = bus->lists.Flink; le != &bus->lists; le = le->Flink) {
        struct wdf_childlist *l = CONTAINING_RECORD(le, struct wdf_childlist, link);
        for (PLIST_ENTRY e = l->children.Flink; e != &l->children; e = e->Flink) {
            struct wdf_child *c = CONTAINING_RECORD(e, struct wdf_child, link);
            if (!c->dead && c->pdo != NULL)
                wdf_relations_add(r, c->pdo->pdo_part, c->pdo);
        }
    }
    os_mutex_unlock(&bus->lock);
}

/* BusRelations of a bus FDO: the dynamic children that have no PDO yet get one
 * (EvtChildListCreateDevice), then what the drivers above reported and the framework's
 * children go down in one new list (Microsoft: IRP_MN_QUERY_DEVICE_RELATIONS). */
NTSTATUS wdf_fdo_bus_relations(struct wdf_device *fdo, PIRP irp)
{
    struct wdf_bus *bus = fdo->bus;
    struct wdf_relations r = {0};
    PDEVICE_RELATIONS before = NT_SUCCESS(irp->IoStatus.Status)
                                   ? (PDEVICE_RELATIONS)irp->IoStatus.Information
                                   : NULL,
                      after;
    ULONG n;
    struct wdf_child *c;
    while ((c = wdf_next_pending(bus)) != NULL)
        wdf_child_create_device(fdo, c);
    wdf_relations_collect(bus, &r);
    n = (before != NULL ? before->Count : 0) + r.count;
    after = ExAllocatePoolWithTag(PagedPool,
                                  FIELD_OFFSET(DEVICE_RELATIONS, Objects) +
                                      (n != 0 ? n : 1) * sizeof(PDEVICE_OBJECT),
                                  'rfdW');
    if (after == NULL) {
        for (ULONG i = 0; i < r.count; i++)
            ObDereferenceObject(r.pdo[i]);
        free(r.pdo);
        return wdf_irp_complete(irp, STATUS_INSUFFICIENT_RESOURCES);
    }
    after->Count = 0;
    for (ULONG i = 0; before != NULL && i < before->Count; i++)
        after->Objects[after->Count++] = before->Objects[i];
    for (ULONG i = 0; i < r.count; i++)
        after->Objects[after->Count++] = r.pdo[i];
    free(r.pdo);
    if (before != NULL)
        ExFreePool(before);
    irp->IoStatus.Information = (ULONG_PTR)after;
    irp->IoStatus.Status = STATUS_SUCCESS;
    return wdf_pnp_dispatch_stack(fdo, irp); /* goes down as any IRP the framework passes on */
}

/* ---- deletion ------------------------------------------------------------------------------ */

/* A PDO goes: out of its parent's static list, its description with it when missing. */
static void wdf_pdo_gone(struct wdf_device *dev)
{
    struct wdf_pdo *p = dev->pdo_part;
    struct wdf_bus *bus = p->parent->bus;
    if (bus != NULL) {
        os_mutex_lock(&bus->lock);
        if (p->is_static)
            RemoveEntryList(&p->static_link);
        if (p->child != NULL) {
            p->child->pdo = NULL;
            p->child->missing = TRUE;
            p->child->dead = TRUE;
            wdf_childlist_reap(p->child->list);
        }
        os_mutex_unlock(&bus->lock);
    }
    dev->pdo_part = NULL;
    wdf_bus_ids_free(&p->ids);
    free(p);
}

void wdf_bus_device_cleanup(struct wdf_device *dev)
{
    if (dev->pdo_part != NULL)
        wdf_pdo_gone(dev);
    if (dev->bus != NULL) { /* its PDOs and lists were deleted before it (its children) */
        os_mutex_destroy(&dev->bus->lock);
        free(dev->bus);
        dev->bus = NULL;
    }
}
