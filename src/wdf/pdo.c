/*
 * pdo.c - bus drivers: framework PDOs. The WdfPdoInitXxx settings of a child's
 * WDFDEVICE_INIT, WdfDeviceCreate of a PDO (a device object that attaches to nothing: it is
 * the bottom of its child's stack), and the PnP IRPs the framework answers for it as the bus
 * driver (Microsoft: the WdfPdoInitXxx pages, "Enumerating the Devices on a Bus", "Removing a
 * Device in a Bus Driver"): QUERY_ID, QUERY_DEVICE_TEXT, QUERY_CAPABILITIES,
 * QUERY_BUS_INFORMATION, QUERY_RESOURCES / RESOURCE_REQUIREMENTS, TargetDeviceRelation,
 * EJECT, SET_LOCK. Start, stop, removal and power go through pnp.c's sequences (the driver's
 * EvtDevice* callbacks), with nothing below the PDO.
 *
 * An FDO's QUERY_DEVICE_RELATIONS(BusRelations) comes here too: the framework adds its
 * children (childlist.c) to what the drivers above reported and sends the IRP down.
 *
 * Lifetime: a PDO is a framework child of its parent device (deleted with it). At
 * REMOVE_DEVICE it stays while its bus reports it, and is deleted once it is missing
 * (WdfPdoMarkMissing, a child description marked missing, an eject).
 *
 * Threads: PnP IRPs arrive on the PnP thread one at a time per stack; the driver's calls on a
 * PDO (mark missing, eject) take the parent's bus lock (childlist.c).
 */
#include <stdlib.h>
#include <string.h>

#include "ke/ke.h"
#include "rtl/rtl.h"
#include "wdf/wdf_private.h"

#define WDF_POOL_TAG 'pfdW'

VOID imp_WdfDeviceInitFree(PWDF_DRIVER_GLOBALS globals, PWDFDEVICE_INIT DeviceInit);

/* ---- WDFDEVICE_INIT of a PDO -------------------------------------------------------------- */

void wdf_bus_init_free(PWDFDEVICE_INIT init)
{
    struct wdf_bus_init *b = init->bus;
    if (b == NULL)
        return;
    init->bus = NULL;
    wdf_bus_ids_free(b);
    free(b);
}

void wdf_bus_ids_free(struct wdf_bus_init *b)
{
    while (b->texts != NULL) {
        struct wdf_device_text *t = b->texts;
        b->texts = t->next;
        free(t->description);
        free(t->location);
        free(t);
    }
    free(b->device_id);
    free(b->instance_id);
    free(b->container_id);
    free(b->hardware_ids);
    free(b->compatible_ids);
}

/* The init's bus settings, created on first use; NULL when out of memory. */
struct wdf_bus_init *wdf_bus_init_of(PWDFDEVICE_INIT init)
{
    if (init->bus == NULL)
        init->bus = calloc(1, sizeof(*init->bus));
    return init->bus;
}

/* The PDO init behind a WdfPdoInitXxx call: an init from WdfPdoInitAllocate or
 * EvtChildListCreateDevice; any other is WDF_VIOLATION (0x10D/0x5: not a PDO's init). */
static struct wdf_bus_init *wdf_pdo_init_get(struct wdf_globals *g, PWDFDEVICE_INIT init,
                                             const char *ddi)
{
    if (init == NULL)
        wdf_violation_null(g, ddi, "DeviceInit", __builtin_return_address(0));
    if (init->bus == NULL || !init->bus->is_pdo)
        wdf_violation(g, VF_10D_BAD_HANDLE, (ULONG_PTR)init, 0, 0,
                      "driver '%s' passed %p to %s: not the WDFDEVICE_INIT of a PDO "
                      "(WdfPdoInitAllocate or EvtChildListCreateDevice give one)",
                      g->pub.DriverName, (void *)init, ddi);
    return init->bus;
}
#define WDF_PDO_INIT_GET(g, init) wdf_pdo_init_get(g, init, __func__ + 4)

/* A NUL-terminated copy of `s` (NULL when out of memory or `s` is empty). */
static WCHAR *wdf_wcs_dup(PCUNICODE_STRING s)
{
    WCHAR *w;
    if (s == NULL || s->Buffer == NULL || s->Length == 0)
        return NULL;
    w = malloc(s->Length + sizeof(WCHAR));
    if (w != NULL) {
        memcpy(w, s->Buffer, s->Length);
        w[s->Length / sizeof(WCHAR)] = 0;
    }
    return w;
}

static NTSTATUS wdf_assign_id(WCHAR **to, PCUNICODE_STRING id)
{
    WCHAR *w = wdf_wcs_dup(id);
    if (w == NULL)
        return id == NULL || id->Length == 0 ? STATUS_INVALID_PARAMETER
                                             : STATUS_INSUFFICIENT_RESOURCES;
    free(*to);
    *to = w;
    return STATUS_SUCCESS;
}

/* Appends `id` to a MULTI_SZ of `*chars` characters (the final NUL not counted). */
static NTSTATUS wdf_multi_add(WCHAR **multi, size_t *chars, PCUNICODE_STRING id)
{
    size_t n;
    WCHAR *grown;
    if (id == NULL || id->Buffer == NULL || id->Length == 0)
        return STATUS_INVALID_PARAMETER;
    n = id->Length / sizeof(WCHAR);
    grown = realloc(*multi, (*chars + n + 2) * sizeof(WCHAR));
    if (grown == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    memcpy(grown + *chars, id->Buffer, id->Length);
    grown[*chars + n] = 0;
    grown[*chars + n + 1] = 0;
    *chars += n + 1;
    *multi = grown;
    return STATUS_SUCCESS;
}

PWDFDEVICE_INIT imp_WdfPdoInitAllocate(PWDF_DRIVER_GLOBALS globals, WDFDEVICE ParentDevice)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_device *parent =
        CONTAINING_RECORD(wdf_object_get(g, ParentDevice, WDF_TYPE_DEVICE), struct wdf_device, obj);
    PWDFDEVICE_INIT init;
    if (parent->lower == NULL) { /* Microsoft: the parent is a bus driver's FDO */
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': WdfPdoInitAllocate: the parent device is not a PnP FDO",
                 g->pub.DriverName);
        return NULL;
    }
    init = wdf_device_init_alloc(parent->driver);
    if (init == NULL)
        return NULL;
    if (wdf_bus_init_of(init) == NULL) {
        imp_WdfDeviceInitFree(globals, init);
        return NULL;
    }
    init->bus->is_pdo = TRUE;
    init->bus->parent = parent;
    init->characteristics = FILE_AUTOGENERATED_DEVICE_NAME | FILE_DEVICE_SECURE_OPEN;
    return init;
}

VOID imp_WdfPdoInitSetEventCallbacks(PWDF_DRIVER_GLOBALS globals, PWDFDEVICE_INIT DeviceInit,
                                     PWDF_PDO_EVENT_CALLBACKS DispatchTable)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_bus_init *b = WDF_PDO_INIT_GET(g, DeviceInit);
    ULONG size;
    WDF_CHECK_NOT_NULL(g, DispatchTable);
    /* EvtDeviceReportedMissing came with KMDF 1.11 (docs/wdf.md, "KMDF versions") */
    size = wdf_versioned_size(g, sizeof(*DispatchTable), 11,
                              FIELD_OFFSET(WDF_PDO_EVENT_CALLBACKS, EvtDeviceReportedMissing));
    if (DispatchTable->Size != size) {
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': WdfPdoInitSetEventCallbacks: Size %lu, not %lu: ignored",
                 g->pub.DriverName, (unsigned long)DispatchTable->Size, (unsigned long)size);
        return;
    }
    memset(&b->callbacks, 0, sizeof(b->callbacks));
    memcpy(&b->callbacks, DispatchTable, size);
}

NTSTATUS imp_WdfPdoInitAssignDeviceID(PWDF_DRIVER_GLOBALS globals, PWDFDEVICE_INIT DeviceInit,
                                      PCUNICODE_STRING DeviceID)
{
    return wdf_assign_id(&WDF_PDO_INIT_GET(wdf_globals_of(globals), DeviceInit)->device_id,
                         DeviceID);
}

NTSTATUS imp_WdfPdoInitAssignInstanceID(PWDF_DRIVER_GLOBALS globals, PWDFDEVICE_INIT DeviceInit,
                                        PCUNICODE_STRING InstanceID)
{
    return wdf_assign_id(&WDF_PDO_INIT_GET(wdf_globals_of(globals), DeviceInit)->instance_id,
                         InstanceID);
}

NTSTATUS imp_WdfPdoInitAssignContainerID(PWDF_DRIVER_GLOBALS globals, PWDFDEVICE_INIT DeviceInit,
                                         PCUNICODE_STRING ContainerID)
{
    return wdf_assign_id(&WDF_PDO_INIT_GET(wdf_globals_of(globals), DeviceInit)->container_id,
                         ContainerID);
}

NTSTATUS imp_WdfPdoInitAddHardwareID(PWDF_DRIVER_GLOBALS globals, PWDFDEVICE_INIT DeviceInit,
                                     PCUNICODE_STRING HardwareID)
{
    struct wdf_bus_init *b = WDF_PDO_INIT_GET(wdf_globals_of(globals), DeviceInit);
    return wdf_multi_add(&b->hardware_ids, &b->hardware_chars, HardwareID);
}

NTSTATUS imp_WdfPdoInitAddCompatibleID(PWDF_DRIVER_GLOBALS globals, PWDFDEVICE_INIT DeviceInit,
                                       PCUNICODE_STRING CompatibleID)
{
    struct wdf_bus_init *b = WDF_PDO_INIT_GET(wdf_globals_of(globals), DeviceInit);
    return wdf_multi_add(&b->compatible_ids, &b->compatible_chars, CompatibleID);
}

/* One description and location per locale (Microsoft: WdfPdoInitAddDeviceText; a second call
 * for a locale replaces its strings: drvhost's reading). */
NTSTATUS imp_WdfPdoInitAddDeviceText(PWDF_DRIVER_GLOBALS globals, PWDFDEVICE_INIT DeviceInit,
                                     PCUNICODE_STRING DeviceDescription,
                                     PCUNICODE_STRING DeviceLocation, LCID LocaleId)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_bus_init *b = WDF_PDO_INIT_GET(g, DeviceInit);
    struct wdf_device_text *t;
    WCHAR *description, *location;
    WDF_CHECK_NOT_NULL(g, DeviceDescription);
    description = wdf_wcs_dup(DeviceDescription);
    location = wdf_wcs_dup(DeviceLocation);
    if (description == NULL ||
        (DeviceLocation != NULL && DeviceLocation->Length != 0 && location == NULL)) {
        free(description);
        free(location);
        return DeviceDescription->Length == 0 ? STATUS_INVALID_PARAMETER
                                              : STATUS_INSUFFICIENT_RESOURCES;
    }
    for (t = b->texts; t != NULL && t->locale != LocaleId; t = t->next)
        ;
    if (t == NULL && (t = calloc(1, sizeof(*t))) == NULL) {
        free(description);
        free(location);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    if (t->description == NULL) { /* a new entry */
        t->locale = LocaleId;
        t->next = b->texts;
        b->texts = t;
    }
    free(t->description);
    free(t->location);
    t->description = description;
    t->location = location;
    return STATUS_SUCCESS;
}

VOID imp_WdfPdoInitSetDefaultLocale(PWDF_DRIVER_GLOBALS globals, PWDFDEVICE_INIT DeviceInit,
                                    LCID LocaleId)
{
    struct wdf_bus_init *b = WDF_PDO_INIT_GET(wdf_globals_of(globals), DeviceInit);
    b->default_locale = LocaleId;
    b->has_default_locale = TRUE;
}

/* A raw PDO may start without a function driver (its capabilities say RawDeviceOK). */
NTSTATUS imp_WdfPdoInitAssignRawDevice(PWDF_DRIVER_GLOBALS globals, PWDFDEVICE_INIT DeviceInit,
                                       const GUID *DeviceClassGuid)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_bus_init *b = WDF_PDO_INIT_GET(g, DeviceInit);
    WDF_CHECK_NOT_NULL(g, DeviceClassGuid);
    b->raw = TRUE;
    b->raw_class = *DeviceClassGuid;
    return STATUS_SUCCESS;
}

VOID imp_WdfPdoInitAllowForwardingRequestToParent(PWDF_DRIVER_GLOBALS globals,
                                                  PWDFDEVICE_INIT DeviceInit)
{
    WDF_PDO_INIT_GET(wdf_globals_of(globals), DeviceInit)->forward_to_parent = TRUE;
}

/* ---- WdfDeviceCreate of a PDO ------------------------------------------------------------ */

/* The init's PDO settings move to the device; the PDO is the bottom of its stack, power
 * pageable as its parent unless the bus driver chose (wdeva), not its stack's power policy owner
 * unless raw (Microsoft: a raw PDO's driver owns power policy; then it has the policy's state,
 * so that WdfDeviceAssignS0IdleSettings and the like work on it). A request forwarded to the parent
 * needs the parent stack's locations. */
static NTSTATUS wdf_pdo_created(PWDFDEVICE_INIT init, struct wdf_device *dev)
{
    struct wdf_pdo *p = calloc(1, sizeof(*p));
    struct wdf_bus_init *b = init->bus;
    /* A raw PDO's power policy (idle settings, wake) is its own, as a function driver's. */
    NTSTATUS status = p == NULL ? STATUS_INSUFFICIENT_RESOURCES
                      : b->raw && init->power_policy_owner != WdfFalse
                          ? wdf_power_policy_attach(init, dev)
                          : STATUS_SUCCESS;
    if (!NT_SUCCESS(status)) {
        free(p);
        return status;
    }
    if (b->device_id == NULL)
        rtl_diag(RTL_DIAG_WARN, "wdf",
                 "driver '%s': a PDO created without WdfPdoInitAssignDeviceID: the PnP "
                 "manager will ignore it",
                 dev->obj.owner->pub.DriverName);
    p->ids = *b;
    memset(b, 0, sizeof(*b)); /* the strings are the PDO's now */
    b->is_pdo = TRUE;
    p->device = dev;
    p->parent = p->ids.parent;
    p->child = p->ids.child;
    WDF_DEVICE_PNP_CAPABILITIES_INIT(&p->pnp_caps);
    WDF_DEVICE_POWER_CAPABILITIES_INIT(&p->power_caps);
    dev->pdo = dev->wdm;
    dev->pnp = init->pnp;
    dev->power_policy_owner = p->ids.raw && init->power_policy_owner != WdfFalse;
    wdf_device_pnp_power_flags(init, dev->wdm, NULL, p->parent->wdm); /* wdeva */
    if (p->ids.forward_to_parent)
        dev->wdm->StackSize = (CCHAR)(p->parent->wdm->StackSize + 1);
    dev->pdo_part = p;
    if (p->child != NULL)
        wdf_childlist_pdo_created(p->child, dev);
    return STATUS_SUCCESS;
}

NTSTATUS wdf_bus_device_created(PWDFDEVICE_INIT init, struct wdf_device *dev)
{
    if (init->bus->is_pdo)
        return wdf_pdo_created(init, dev);
    return wdf_fdo_created(init, dev); /* childlist.c: the default child list */
}

struct wdf_pdo *wdf_pdo_of(struct wdf_globals *g, WDFDEVICE handle, const char *ddi)
{
    struct wdf_device *dev = CONTAINING_RECORD(
        wdf_object_get_in(g, (WDFOBJECT)handle, WDF_TYPE_DEVICE, ddi, __builtin_return_address(0)),
        struct wdf_device, obj);
    if (dev->pdo_part == NULL)
        wdf_violation(g, VF_10D_BAD_HANDLE, (ULONG_PTR)handle, 0, 0,
                      "driver '%s' passed WDFDEVICE %p to %s: not a PDO", g->pub.DriverName,
                      (void *)handle, ddi);
    return dev->pdo_part;
}

/* ---- routines on a PDO --------------------------------------------------------------------- */

WDFDEVICE imp_WdfPdoGetParent(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device)
{
    return (WDFDEVICE)wdf_pdo_of(wdf_globals_of(globals), Device, "WdfPdoGetParent")->parent;
}

VOID imp_WdfPdoRequestEject(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    wdf_pdo_of(g, Device, "WdfPdoRequestEject");
    IoRequestDeviceEject(((struct wdf_device *)Device)->wdm);
}

/* A static child the bus no longer has: left out of the next BusRelations, after which the
 * PnP manager removes it (Microsoft: WdfPdoMarkMissing). A dynamic child's PDO: its
 * description is marked missing. */
NTSTATUS imp_WdfPdoMarkMissing(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_pdo *p = wdf_pdo_of(g, Device, "WdfPdoMarkMissing");
    return wdf_bus_mark_missing((struct wdf_device *)Device, p);
}

NTSTATUS imp_WdfPdoRetrieveIdentificationDescription(
    PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device,
    PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER IdentificationDescription)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_pdo *p = wdf_pdo_of(g, Device, "WdfPdoRetrieveIdentificationDescription");
    WDF_CHECK_NOT_NULL(g, IdentificationDescription);
    if (p->child == NULL)
        return STATUS_INVALID_DEVICE_REQUEST; /* a static child has no description */
    return wdf_child_copy_id(p->child, IdentificationDescription);
}

NTSTATUS imp_WdfPdoRetrieveAddressDescription(
    PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device,
    PWDF_CHILD_ADDRESS_DESCRIPTION_HEADER AddressDescription)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_pdo *p = wdf_pdo_of(g, Device, "WdfPdoRetrieveAddressDescription");
    WDF_CHECK_NOT_NULL(g, AddressDescription);
    if (p->child == NULL)
        return STATUS_INVALID_DEVICE_REQUEST;
    return wdf_child_copy_address(p->child, AddressDescription, FALSE);
}

NTSTATUS imp_WdfPdoUpdateAddressDescription(
    PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device,
    PWDF_CHILD_ADDRESS_DESCRIPTION_HEADER AddressDescription)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_pdo *p = wdf_pdo_of(g, Device, "WdfPdoUpdateAddressDescription");
    WDF_CHECK_NOT_NULL(g, AddressDescription);
    if (p->child == NULL)
        return STATUS_INVALID_DEVICE_REQUEST;
    return wdf_child_copy_address(p->child, AddressDescription, TRUE);
}

/* ---- capabilities and bus information ------------------------------------------------------ */

VOID imp_WdfDeviceSetPnpCapabilities(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device,
                                     PWDF_DEVICE_PNP_CAPABILITIES PnpCapabilities)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_device *dev =
        CONTAINING_RECORD(wdf_object_get(g, Device, WDF_TYPE_DEVICE), struct wdf_device, obj);
    WDF_CHECK_NOT_NULL(g, PnpCapabilities);
    if (PnpCapabilities->Size != sizeof(*PnpCapabilities) || dev->pdo_part == NULL) {
        rtl_diag(RTL_DIAG_ERROR, "wdf", "driver '%s': WdfDeviceSetPnpCapabilities: %s; ignored",
                 g->pub.DriverName,
                 dev->pdo_part == NULL ? "drvhost applies capabilities to PDOs only"
                                       : "Size is not sizeof(WDF_DEVICE_PNP_CAPABILITIES)");
        return;
    }
    dev->pdo_part->pnp_caps = *PnpCapabilities;
}

/* WdfDeviceSetPowerCapabilities for a PDO (power_policy.c calls it): what the PDO reports in
 * IRP_MN_QUERY_CAPABILITIES. FALSE: the device is not a PDO. */
BOOLEAN wdf_pdo_set_power_caps(struct wdf_device *dev, PWDF_DEVICE_POWER_CAPABILITIES caps)
{
    if (dev->pdo_part == NULL)
        return FALSE;
    dev->pdo_part->power_caps = *caps;
    return TRUE;
}

/* ---- the PDO's PnP IRPs ------------------------------------------------------------------ */

static NTSTATUS wdf_pdo_done(PIRP irp, NTSTATUS status, ULONG_PTR information)
{
    irp->IoStatus.Status = status;
    irp->IoStatus.Information = information;
    IoCompleteRequest(irp, IO_NO_INCREMENT);
    return status;
}

NTSTATUS wdf_pdo_complete_irp(struct wdf_device *dev, PIRP irp)
{
    NTSTATUS status = irp->IoStatus.Status;
    (void)dev;
    if (IoGetCurrentIrpStackLocation(irp)->MajorFunction == IRP_MJ_POWER)
        PoStartNextPowerIrp(irp);
    IoCompleteRequest(irp, IO_NO_INCREMENT);
    return status;
}

/* A pool copy of `chars` characters (the NULs included) for the PnP manager to free. */
static ULONG_PTR wdf_pool_wcs(const WCHAR *w, size_t chars)
{
    WCHAR *copy = ExAllocatePoolWithTag(PagedPool, chars * sizeof(WCHAR), WDF_POOL_TAG);
    if (copy != NULL)
        memcpy(copy, w, chars * sizeof(WCHAR));
    return (ULONG_PTR)copy;
}

static size_t wdf_wcs_len(const WCHAR *w)
{
    size_t n = 0;
    while (w[n] != 0)
        n++;
    return n;
}

/* QUERY_ID: the IDs the driver assigned; a type it gave none for keeps the IRP's status. */
static NTSTATUS wdf_pdo_query_id(struct wdf_pdo *p, PIRP irp)
{
    const struct wdf_bus_init *b = &p->ids;
    const WCHAR *w = NULL;
    size_t chars = 0;
    ULONG_PTR info;
    switch (IoGetCurrentIrpStackLocation(irp)->Parameters.QueryId.IdType) {
    case BusQueryDeviceID:
        w = b->device_id;
        break;
    case BusQueryInstanceID:
        w = b->instance_id;
        break;
    case BusQueryContainerID:
        w = b->container_id;
        break;
    case BusQueryHardwareIDs:
        w = b->hardware_ids;
        chars = b->hardware_chars + 1;
        break;
    case BusQueryCompatibleIDs:
        w = b->compatible_ids;
        chars = b->compatible_chars + 1;
        break;
    default:
        break;
    }
    if (w == NULL)
        return wdf_pdo_complete_irp(NULL, irp);
    info = wdf_pool_wcs(w, chars != 0 ? chars : wdf_wcs_len(w) + 1);
    return wdf_pdo_done(irp, info != 0 ? STATUS_SUCCESS : STATUS_INSUFFICIENT_RESOURCES, info);
}

/* QUERY_DEVICE_TEXT: the text of the asked locale, else of the default locale (Microsoft:
 * WdfPdoInitSetDefaultLocale), else the first added. */
static NTSTATUS wdf_pdo_query_text(struct wdf_pdo *p, PIRP irp)
{
    PIO_STACK_LOCATION s = IoGetCurrentIrpStackLocation(irp);
    const struct wdf_device_text *t, *pick = NULL, *fallback = NULL;
    const WCHAR *w;
    ULONG_PTR info;
    for (t = p->ids.texts; t != NULL; t = t->next) {
        if (t->locale == s->Parameters.QueryDeviceText.LocaleId)
            pick = t;
        if (p->ids.has_default_locale && t->locale == p->ids.default_locale)
            fallback = t;
        else if (fallback == NULL && t->next == NULL)
            fallback = t; /* the list is newest first: its last is the first added */
    }
    if (pick == NULL)
        pick = fallback;
    if (pick == NULL)
        return wdf_pdo_complete_irp(NULL, irp);
    w = s->Parameters.QueryDeviceText.DeviceTextType == DeviceTextDescription ? pick->description
        : s->Parameters.QueryDeviceText.DeviceTextType == DeviceTextLocationInformation
            ? pick->location
            : NULL;
    if (w == NULL)
        return wdf_pdo_complete_irp(NULL, irp);
    info = wdf_pool_wcs(w, wdf_wcs_len(w) + 1);
    return wdf_pdo_done(irp, info != 0 ? STATUS_SUCCESS : STATUS_INSUFFICIENT_RESOURCES, info);
}

#define WDF_TRI(field, value)                                                                      \
    do {                                                                                           \
        if ((value) != WdfUseDefault)                                                              \
            (field) = (value) == WdfTrue;                                                          \
    } while (0)

/* QUERY_CAPABILITIES: what WdfDeviceSetPnpCapabilities / SetPowerCapabilities said; what they
 * left at its default stays as the PnP manager filled it. */
static NTSTATUS wdf_pdo_query_caps(struct wdf_pdo *p, PIRP irp)
{
    PDEVICE_CAPABILITIES c =
        IoGetCurrentIrpStackLocation(irp)->Parameters.DeviceCapabilities.Capabilities;
    const WDF_DEVICE_PNP_CAPABILITIES *pc = &p->pnp_caps;
    const WDF_DEVICE_POWER_CAPABILITIES *wc = &p->power_caps;
    WDF_TRI(c->LockSupported, pc->LockSupported);
    WDF_TRI(c->EjectSupported, pc->EjectSupported);
    WDF_TRI(c->Removable, pc->Removable);
    WDF_TRI(c->DockDevice, pc->DockDevice);
    WDF_TRI(c->UniqueID, pc->UniqueID);
    WDF_TRI(c->SilentInstall, pc->SilentInstall);
    WDF_TRI(c->SurpriseRemovalOK, pc->SurpriseRemovalOK);
    WDF_TRI(c->HardwareDisabled, pc->HardwareDisabled);
    WDF_TRI(c->NoDisplayInUI, pc->NoDisplayInUI);
    if (pc->Address != (ULONG)-1)
        c->Address = pc->Address;
    if (pc->UINumber != (ULONG)-1)
        c->UINumber = pc->UINumber;
    if (p->ids.raw)
        c->RawDeviceOK = 1;
    WDF_TRI(c->DeviceD1, wc->DeviceD1);
    WDF_TRI(c->DeviceD2, wc->DeviceD2);
    WDF_TRI(c->WakeFromD0, wc->WakeFromD0);
    WDF_TRI(c->WakeFromD1, wc->WakeFromD1);
    WDF_TRI(c->WakeFromD2, wc->WakeFromD2);
    WDF_TRI(c->WakeFromD3, wc->WakeFromD3);
    for (int i = 0; i < POWER_SYSTEM_MAXIMUM; i++)
        if (wc->DeviceState[i] != PowerDeviceMaximum)
            c->DeviceState[i] = wc->DeviceState[i];
    if (wc->DeviceWake != PowerDeviceMaximum)
        c->DeviceWake = wc->DeviceWake;
    if (wc->SystemWake != PowerSystemMaximum)
        c->SystemWake = wc->SystemWake;
    if (wc->D1Latency != (ULONG)-1)
        c->D1Latency = wc->D1Latency;
    if (wc->D2Latency != (ULONG)-1)
        c->D2Latency = wc->D2Latency;
    if (wc->D3Latency != (ULONG)-1)
        c->D3Latency = wc->D3Latency;
    return wdf_pdo_done(irp, STATUS_SUCCESS, irp->IoStatus.Information);
}

/* QUERY_BUS_INFORMATION: the parent's WdfDeviceSetBusInformationForChildren, else untouched. */
static NTSTATUS wdf_pdo_query_bus(struct wdf_pdo *p, PIRP irp)
{
    PNP_BUS_INFORMATION info, *copy;
    if (!wdf_bus_information(p->parent, &info))
        return wdf_pdo_complete_irp(NULL, irp);
    copy = ExAllocatePoolWithTag(PagedPool, sizeof(*copy), WDF_POOL_TAG);
    if (copy == NULL)
        return wdf_pdo_done(irp, STATUS_INSUFFICIENT_RESOURCES, 0);
    *copy = info;
    return wdf_pdo_done(irp, STATUS_SUCCESS, (ULONG_PTR)copy);
}

/* TargetDeviceRelation: the PDO itself, referenced (Microsoft: IRP_MN_QUERY_DEVICE_RELATIONS).
 * RemovalRelations and EjectionRelations: the driver's lists (wdeva, device_pnp.c). */
static NTSTATUS wdf_pdo_relations(struct wdf_device *dev, PIRP irp)
{
    PDEVICE_RELATIONS r;
    if (IoGetCurrentIrpStackLocation(irp)->Parameters.QueryDeviceRelations.Type !=
        TargetDeviceRelation) {
        NTSTATUS status = wdf_device_pnp_relations(dev, irp);
        return NT_SUCCESS(status) ? wdf_pdo_complete_irp(dev, irp)
                                  : wdf_pdo_done(irp, status, irp->IoStatus.Information);
    }
    r = ExAllocatePoolWithTag(PagedPool, sizeof(*r), WDF_POOL_TAG);
    if (r == NULL)
        return wdf_pdo_done(irp, STATUS_INSUFFICIENT_RESOURCES, 0);
    r->Count = 1;
    r->Objects[0] = dev->wdm;
    ObReferenceObject(dev->wdm);
    return wdf_pdo_done(irp, STATUS_SUCCESS, (ULONG_PTR)r);
}

/* EJECT: EvtDeviceEject; once it succeeds the child is gone from the bus (missing), so the
 * next enumeration leaves it out and the PnP manager removes it for good. */
static NTSTATUS wdf_pdo_eject(struct wdf_device *dev, struct wdf_pdo *p, PIRP irp)
{
    NTSTATUS status = p->ids.callbacks.EvtDeviceEject != NULL
                          ? p->ids.callbacks.EvtDeviceEject((WDFDEVICE)dev)
                          : STATUS_SUCCESS;
    if (NT_SUCCESS(status))
        wdf_bus_mark_missing(dev, p);
    return wdf_pdo_done(irp, status, 0);
}

/* QUERY_RESOURCES / QUERY_RESOURCE_REQUIREMENTS: a PDO without the callback has no hardware
 * resources (success, the IRP's list untouched); with it, the list the callback filled
 * (ioreslist.c, resource.c; none when it added nothing) or its failure. */
static NTSTATUS wdf_pdo_resources(struct wdf_device *dev, struct wdf_pdo *p, PIRP irp)
{
    ULONG_PTR list = 0;
    NTSTATUS status;
    if (IoGetCurrentIrpStackLocation(irp)->MinorFunction == IRP_MN_QUERY_RESOURCE_REQUIREMENTS) {
        if (p->ids.callbacks.EvtDeviceResourceRequirementsQuery == NULL)
            return wdf_pdo_done(irp, STATUS_SUCCESS, irp->IoStatus.Information);
        status = wdf_pdo_query_requirements(
            dev, p->ids.callbacks.EvtDeviceResourceRequirementsQuery, &list);
    } else {
        if (p->ids.callbacks.EvtDeviceResourcesQuery == NULL)
            return wdf_pdo_done(irp, STATUS_SUCCESS, irp->IoStatus.Information);
        status = wdf_pdo_query_resources(dev, p->ids.callbacks.EvtDeviceResourcesQuery, &list);
    }
    return wdf_pdo_done(irp, status, list);
}

static NTSTATUS wdf_pdo_pnp(struct wdf_device *dev, PIRP irp)
{
    struct wdf_pdo *p = dev->pdo_part;
    PIO_STACK_LOCATION s = IoGetCurrentIrpStackLocation(irp);
    switch (s->MinorFunction) {
    case IRP_MN_QUERY_ID:
        return wdf_pdo_query_id(p, irp);
    case IRP_MN_QUERY_DEVICE_TEXT:
        return wdf_pdo_query_text(p, irp);
    case IRP_MN_QUERY_CAPABILITIES:
        return wdf_pdo_query_caps(p, irp);
    case IRP_MN_QUERY_BUS_INFORMATION:
        return wdf_pdo_query_bus(p, irp);
    case IRP_MN_QUERY_DEVICE_RELATIONS:
        return wdf_pdo_relations(dev, irp);
    case IRP_MN_QUERY_RESOURCES:
    case IRP_MN_QUERY_RESOURCE_REQUIREMENTS:
        return wdf_pdo_resources(dev, p, irp);
    case IRP_MN_EJECT:
        return wdf_pdo_eject(dev, p, irp);
    case IRP_MN_SET_LOCK:
        return wdf_pdo_done(
            irp,
            p->ids.callbacks.EvtDeviceSetLock != NULL
                ? p->ids.callbacks.EvtDeviceSetLock((WDFDEVICE)dev, s->Parameters.SetLock.Lock)
                : STATUS_SUCCESS,
            0);
    case IRP_MN_SURPRISE_REMOVAL:
        if (p->missing && !p->told_missing && p->ids.callbacks.EvtDeviceReportedMissing != NULL) {
            p->told_missing = TRUE; /* Microsoft: EvtDeviceReportedMissing */
            p->ids.callbacks.EvtDeviceReportedMissing((WDFDEVICE)dev);
        }
        return wdf_pnp_dispatch_stack(dev, irp);
    default: /* start, stop, removal: pnp.c, which completes at the bottom (wdf_irp_pass_down) */
        return wdf_pnp_dispatch_stack(dev, irp);
    }
}

NTSTATUS wdf_bus_pnp_dispatch(struct wdf_device *dev, PIRP irp)
{
    PIO_STACK_LOCATION s = IoGetCurrentIrpStackLocation(irp);
    if (s->MajorFunction == IRP_MJ_PNP && dev->pdo_part != NULL)
        return wdf_pdo_pnp(dev, irp);
    if (s->MajorFunction == IRP_MJ_PNP && s->MinorFunction == IRP_MN_QUERY_DEVICE_RELATIONS &&
        s->Parameters.QueryDeviceRelations.Type == BusRelations && dev->lower != NULL)
        return wdf_fdo_bus_relations(dev, irp); /* childlist.c */
    return wdf_pnp_dispatch_stack(dev, irp);
}

BOOLEAN wdf_pdo_keep_at_remove(struct wdf_device *dev)
{
    return dev->pdo_part != NULL && !wdf_bus_pdo_gone(dev);
}

/* ---- requests forwarded to the parent ------------------------------------------------------ */

/* Microsoft (WdfRequestForwardToParentDeviceIoQueue): a request of a PDO whose init allowed it
 * (WdfPdoInitAllowForwardingRequestToParent) goes to a queue of the parent device, the IRP
 * given one more stack location for the parent (the PDO's StackSize counts it), send and
 * forget; the parent's driver completes it. Options of a wrong Size are
 * STATUS_INFO_LENGTH_MISMATCH, other Flags STATUS_INVALID_PARAMETER, anything else
 * STATUS_INVALID_DEVICE_REQUEST, each with a diagnostic; a queue that does not accept requests,
 * STATUS_WDF_BUSY (the request stays the driver's). */
NTSTATUS imp_WdfRequestForwardToParentDeviceIoQueue(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request,
                                                    WDFQUEUE ParentDeviceQueue,
                                                    PWDF_REQUEST_FORWARD_OPTIONS ForwardOptions)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_request *r =
        CONTAINING_RECORD(wdf_object_get(g, Request, WDF_TYPE_REQUEST), struct wdf_request, obj);
    struct wdf_queue *to = CONTAINING_RECORD(wdf_object_get(g, ParentDeviceQueue, WDF_TYPE_QUEUE),
                                             struct wdf_queue, obj);
    struct wdf_device *dev = r->queue != NULL ? r->queue->device : NULL;
    const char *problem = NULL;
    NTSTATUS status = STATUS_INVALID_DEVICE_REQUEST;
    WDF_CHECK_NOT_NULL(g, ForwardOptions);
    /* The page's statuses for the options: a wrong Size, a Flags member other than send and
     * forget (the only option there is). */
    if (ForwardOptions->Size != sizeof(*ForwardOptions)) {
        problem = "WDF_REQUEST_FORWARD_OPTIONS.Size is not its size";
        status = STATUS_INFO_LENGTH_MISMATCH;
    } else if (ForwardOptions->Flags != WDF_REQUEST_FORWARD_OPTION_SEND_AND_FORGET) {
        problem = "the forward options' Flags are not send and forget";
        status = STATUS_INVALID_PARAMETER;
    } else if (dev == NULL || dev->pdo_part == NULL)
        problem = "the request is not one of a PDO's queues";
    else if (!dev->pdo_part->ids.forward_to_parent)
        problem = "the PDO's init did not call WdfPdoInitAllowForwardingRequestToParent";
    else if (to->device != dev->pdo_part->parent)
        problem = "the queue is not the parent device's";
    else if (r->irp->CurrentLocation <= 1)
        problem = "the IRP has no stack location left for the parent";
    if (problem != NULL) {
        rtl_diag(RTL_DIAG_ERROR, "wdf", "driver '%s': WdfRequestForwardToParentDeviceIoQueue: %s",
                 g->pub.DriverName, problem);
        return status;
    }
    IoCopyCurrentIrpStackLocationToNext(r->irp);
    IoSetNextIrpStackLocation(r->irp);
    IoGetCurrentIrpStackLocation(r->irp)->DeviceObject = to->device->wdm;
    status = wdf_queue_requeue(r, to);
    if (!NT_SUCCESS(status))
        IoSkipCurrentIrpStackLocation(r->irp); /* the PDO's location is current again */
    return status;
}
