/*
 * device_pnp.c - what a framework driver tells the framework about its device's place in PnP
 * (session 10, wdeva): removal relations (any PnP device) and ejection relations (a PDO), which
 * the framework reports in IRP_MN_QUERY_DEVICE_RELATIONS; WdfDeviceSetStaticStopRemove, which
 * makes the framework refuse query-stop and query-remove; the power-pageable settings of the
 * WDFDEVICE_INIT (DO_POWER_PAGABLE / DO_POWER_INRUSH on the device object) and its release
 * hardware order; driver-defined interfaces (WdfDeviceAddQueryInterface) handed out in
 * IRP_MN_QUERY_INTERFACE; special files (IRP_MN_DEVICE_USAGE_NOTIFICATION, dependent devices).
 *
 * Locking: the lists, counts and bits are under wdf_tree_lock: the driver may change them at
 * DISPATCH_LEVEL on any thread while the PnP manager's thread reads them in a query. An
 * interface entry never changes once added and lives as long as the device.
 * Lifetime: a listed device object is referenced (ObReferenceObject) while it is in a list, so
 * an answer never names a freed one; the references go with the list (cleared, or the device
 * deleted: wdf_device_pnp_cleanup). */
#include <stdlib.h>
#include <string.h>

#include "ke/ke.h"
#include "rtl/rtl.h"
#include "wdf/wdf_private.h"

#define WDF_REL_POOL_TAG     'rfdW' /* the DEVICE_RELATIONS the PnP manager frees */
#define WDF_INIT_OF(g, init) wdf_init_get(g, init, __func__ + 4, __builtin_return_address(0))
#define WDF_DEVICE_OF(g, h, ddi)                                                                   \
    CONTAINING_RECORD(                                                                             \
        wdf_object_get_in(g, (WDFOBJECT)(h), WDF_TYPE_DEVICE, ddi, __builtin_return_address(0)),   \
        struct wdf_device, obj)

/* ---- the lists ---------------------------------------------------------------------------- */

static BOOLEAN wdf_rel_has(const struct wdf_relation_list *l, PDEVICE_OBJECT pdo)
{
    for (ULONG i = 0; i < l->count; i++)
        if (l->pdo[i] == pdo)
            return TRUE;
    return FALSE;
}

/* Adding a PDO already listed changes nothing (drvhost's reading: the list is a set; Microsoft
 * documents neither a duplicate's status nor a count). */
static NTSTATUS wdf_rel_add(struct wdf_relation_list *l, PDEVICE_OBJECT pdo)
{
    NTSTATUS status = STATUS_SUCCESS;
    if (pdo == NULL) /* Microsoft: STATUS_INVALID_PARAMETER for each of the Add routines */
        return STATUS_INVALID_PARAMETER;
    os_mutex_lock(&wdf_tree_lock);
    if (!wdf_rel_has(l, pdo)) {
        PDEVICE_OBJECT *grown = realloc(l->pdo, (l->count + 1) * sizeof(*grown));
        if (grown == NULL) {
            status = STATUS_INSUFFICIENT_RESOURCES;
        } else {
            ObReferenceObject(pdo);
            grown[l->count++] = pdo;
            l->pdo = grown;
        }
    }
    os_mutex_unlock(&wdf_tree_lock);
    return status;
}

static void wdf_rel_remove(struct wdf_relation_list *l, PDEVICE_OBJECT pdo)
{
    PDEVICE_OBJECT gone = NULL;
    os_mutex_lock(&wdf_tree_lock);
    for (ULONG i = 0; i < l->count && gone == NULL; i++)
        if (l->pdo[i] == pdo) {
            gone = pdo;
            l->pdo[i] = l->pdo[--l->count];
        }
    os_mutex_unlock(&wdf_tree_lock);
    if (gone != NULL)
        ObDereferenceObject(gone);
}

static void wdf_rel_clear(struct wdf_relation_list *l)
{
    PDEVICE_OBJECT *pdo;
    ULONG count;
    os_mutex_lock(&wdf_tree_lock);
    pdo = l->pdo;
    count = l->count;
    l->pdo = NULL;
    l->count = 0;
    os_mutex_unlock(&wdf_tree_lock);
    for (ULONG i = 0; i < count; i++)
        ObDereferenceObject(pdo[i]);
    free(pdo);
}

static void wdf_device_pnp_query_ifaces_free(struct wdf_device *dev);

void wdf_device_pnp_cleanup(struct wdf_device *dev)
{
    wdf_rel_clear(&dev->removal_relations);
    wdf_rel_clear(&dev->ejection_relations);
    wdf_rel_clear(&dev->dependent_usage);
    wdf_device_pnp_query_ifaces_free(dev);
}

/* ---- the IRP ------------------------------------------------------------------------------ */

/* A new DEVICE_RELATIONS from paged pool: the one the IRP carries (if any), then ours not
 * already in it, each of ours referenced for the PnP manager (Microsoft:
 * IRP_MN_QUERY_DEVICE_RELATIONS, "Operation"); the old structure is freed. Called with
 * wdf_tree_lock held. */
static NTSTATUS wdf_rel_merge(const struct wdf_relation_list *l, PIRP irp)
{
    PDEVICE_RELATIONS old = NT_SUCCESS(irp->IoStatus.Status)
                                ? (PDEVICE_RELATIONS)irp->IoStatus.Information
                                : NULL,
                      r;
    ULONG have = old != NULL ? old->Count : 0;
    r = ExAllocatePoolWithTag(PagedPool,
                              FIELD_OFFSET(DEVICE_RELATIONS, Objects) +
                                  (have + l->count) * sizeof(PDEVICE_OBJECT),
                              WDF_REL_POOL_TAG);
    if (r == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    r->Count = have;
    if (have != 0)
        memcpy(r->Objects, old->Objects, have * sizeof(PDEVICE_OBJECT));
    for (ULONG i = 0; i < l->count; i++) {
        BOOLEAN listed = FALSE;
        for (ULONG j = 0; j < have && !listed; j++)
            listed = old->Objects[j] == l->pdo[i];
        if (listed)
            continue;
        ObReferenceObject(l->pdo[i]);
        r->Objects[r->Count++] = l->pdo[i];
    }
    if (old != NULL)
        ExFreePool(old);
    irp->IoStatus.Information = (ULONG_PTR)r;
    return STATUS_SUCCESS;
}

/* RemovalRelations (any device) and EjectionRelations (a PDO's): an empty list leaves the IRP
 * as it is; otherwise its list grows and its status becomes success. Returns
 * STATUS_INSUFFICIENT_RESOURCES (the IRP untouched) when the new list cannot be allocated. */
NTSTATUS wdf_device_pnp_relations(struct wdf_device *dev, PIRP irp)
{
    DEVICE_RELATION_TYPE type =
        IoGetCurrentIrpStackLocation(irp)->Parameters.QueryDeviceRelations.Type;
    const struct wdf_relation_list *l = type == RemovalRelations ? &dev->removal_relations
                                        : type == EjectionRelations && dev->pdo_part != NULL
                                            ? &dev->ejection_relations
                                            : NULL;
    NTSTATUS status = STATUS_SUCCESS;
    if (l == NULL)
        return STATUS_SUCCESS;
    /* Microsoft (EvtDeviceRelationsQuery): the driver may bring its lists up to date first. */
    if (dev->pnp.EvtDeviceRelationsQuery != NULL)
        dev->pnp.EvtDeviceRelationsQuery((WDFDEVICE)dev, type);
    os_mutex_lock(&wdf_tree_lock);
    if (l->count != 0) {
        status = wdf_rel_merge(l, irp);
        if (NT_SUCCESS(status))
            irp->IoStatus.Status = STATUS_SUCCESS;
    }
    os_mutex_unlock(&wdf_tree_lock);
    return status;
}

/* ---- removal relations -------------------------------------------------------------------- */

NTSTATUS imp_WdfDeviceAddRemovalRelationsPhysicalDevice(PWDF_DRIVER_GLOBALS globals,
                                                        WDFDEVICE Device,
                                                        PDEVICE_OBJECT PhysicalDevice)
{
    struct wdf_device *dev = WDF_DEVICE_OF(wdf_globals_of(globals), Device,
                                           "WdfDeviceAddRemovalRelationsPhysicalDevice");
    return wdf_rel_add(&dev->removal_relations, PhysicalDevice);
}

VOID imp_WdfDeviceRemoveRemovalRelationsPhysicalDevice(PWDF_DRIVER_GLOBALS globals,
                                                       WDFDEVICE Device,
                                                       PDEVICE_OBJECT PhysicalDevice)
{
    struct wdf_device *dev = WDF_DEVICE_OF(wdf_globals_of(globals), Device,
                                           "WdfDeviceRemoveRemovalRelationsPhysicalDevice");
    wdf_rel_remove(&dev->removal_relations, PhysicalDevice);
}

VOID imp_WdfDeviceClearRemovalRelationsDevices(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device)
{
    wdf_rel_clear(
        &WDF_DEVICE_OF(wdf_globals_of(globals), Device, "WdfDeviceClearRemovalRelationsDevices")
             ->removal_relations);
}

/* ---- ejection relations (a PDO's: wdf_pdo_of reports another device as 0x10D) ------------ */

NTSTATUS imp_WdfPdoAddEjectionRelationsPhysicalDevice(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device,
                                                      PDEVICE_OBJECT PhysicalDevice)
{
    struct wdf_pdo *p =
        wdf_pdo_of(wdf_globals_of(globals), Device, "WdfPdoAddEjectionRelationsPhysicalDevice");
    return wdf_rel_add(&p->device->ejection_relations, PhysicalDevice);
}

VOID imp_WdfPdoRemoveEjectionRelationsPhysicalDevice(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device,
                                                     PDEVICE_OBJECT PhysicalDevice)
{
    struct wdf_pdo *p =
        wdf_pdo_of(wdf_globals_of(globals), Device, "WdfPdoRemoveEjectionRelationsPhysicalDevice");
    wdf_rel_remove(&p->device->ejection_relations, PhysicalDevice);
}

VOID imp_WdfPdoClearEjectionRelationsDevices(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device)
{
    struct wdf_pdo *p =
        wdf_pdo_of(wdf_globals_of(globals), Device, "WdfPdoClearEjectionRelationsDevices");
    wdf_rel_clear(&p->device->ejection_relations);
}

/* ---- WdfDeviceSetStaticStopRemove --------------------------------------------------------- */

/* Microsoft: every FALSE is matched by a TRUE later; while more FALSE than TRUE calls are
 * outstanding the device can be neither stopped nor removed. A TRUE without a FALSE before it
 * is the driver's error: reported, and the count stays at zero. */
VOID imp_WdfDeviceSetStaticStopRemove(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device,
                                      BOOLEAN Stoppable)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_device *dev = WDF_DEVICE_OF(g, Device, "WdfDeviceSetStaticStopRemove");
    BOOLEAN unmatched = FALSE;
    os_mutex_lock(&wdf_tree_lock);
    if (!Stoppable)
        dev->static_stop_count++;
    else if (dev->static_stop_count != 0)
        dev->static_stop_count--;
    else
        unmatched = TRUE;
    os_mutex_unlock(&wdf_tree_lock);
    if (unmatched)
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': WdfDeviceSetStaticStopRemove(TRUE) without a FALSE before it",
                 g->pub.DriverName);
}

BOOLEAN wdf_device_pnp_stoppable(struct wdf_device *dev)
{
    ULONG count;
    os_mutex_lock(&wdf_tree_lock);
    count = dev->static_stop_count;
    /* a special file on the device too (Microsoft: "Supporting Special Files") */
    for (int t = WdfSpecialFilePaging; t < WdfSpecialFileMax; t++)
        count += dev->special_count[t];
    os_mutex_unlock(&wdf_tree_lock);
    return count == 0;
}

/* ---- power-pageable settings of the init -------------------------------------------------- */

VOID imp_WdfDeviceInitSetPowerPageable(PWDF_DRIVER_GLOBALS globals, PWDFDEVICE_INIT DeviceInit)
{
    WDF_INIT_OF(wdf_globals_of(globals), DeviceInit)->power_pageable = WdfTrue;
}

VOID imp_WdfDeviceInitSetPowerNotPageable(PWDF_DRIVER_GLOBALS globals, PWDFDEVICE_INIT DeviceInit)
{
    WDF_INIT_OF(wdf_globals_of(globals), DeviceInit)->power_pageable = WdfFalse;
}

VOID imp_WdfDeviceInitSetPowerInrush(PWDF_DRIVER_GLOBALS globals, PWDFDEVICE_INIT DeviceInit)
{
    WDF_INIT_OF(wdf_globals_of(globals), DeviceInit)->power_inrush = TRUE;
}

/* Microsoft (WdfDeviceInitSetReleaseHardwareOrderOnFailure): whether, after a failed power
 * transition, the framework may release the device's hardware before its children's (Early,
 * the default) or always after (AfterDescendants). drvhost has one order for both: a failed
 * device is removed by the PnP manager with its subtree, leaves first (docs/pnp.md), so the
 * children's EvtDeviceReleaseHardware always comes first, which both values allow. The value is
 * checked; another is reported and changes nothing. */
VOID imp_WdfDeviceInitSetReleaseHardwareOrderOnFailure(
    PWDF_DRIVER_GLOBALS globals, PWDFDEVICE_INIT DeviceInit,
    WDF_RELEASE_HARDWARE_ORDER_ON_FAILURE ReleaseHardwareOrderOnFailure)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    PWDFDEVICE_INIT init = WDF_INIT_OF(g, DeviceInit);
    if (ReleaseHardwareOrderOnFailure != WdfReleaseHardwareOrderOnFailureEarly &&
        ReleaseHardwareOrderOnFailure != WdfReleaseHardwareOrderOnFailureAfterDescendants) {
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': WdfDeviceInitSetReleaseHardwareOrderOnFailure(%d): not a "
                 "WDF_RELEASE_HARDWARE_ORDER_ON_FAILURE a driver may pass",
                 g->pub.DriverName, (int)ReleaseHardwareOrderOnFailure);
        return;
    }
    init->release_hw_order = ReleaseHardwareOrderOnFailure;
}

/* The device object's power flags at WdfDeviceCreate (Microsoft: WdfDeviceInitSetPowerPageable,
 * NotPageable, Inrush). A filter's calls have no effect: it takes the flags of the device
 * below. A function or bus driver's device is pageable by default; a PDO takes its parent's
 * setting unless the bus driver chose. Inrush makes the device non-pageable (a pageable
 * setting next to it is the driver's error: reported, inrush wins). */
void wdf_device_pnp_power_flags(PWDFDEVICE_INIT init, PDEVICE_OBJECT wdm, PDEVICE_OBJECT lower,
                                PDEVICE_OBJECT parent)
{
    const ULONG flags = DO_POWER_PAGABLE | DO_POWER_INRUSH;
    BOOLEAN pageable;
    wdm->Flags &= ~flags;
    if (init->filter && lower != NULL) {
        wdm->Flags |= lower->Flags & flags;
        return;
    }
    if (init->power_inrush) {
        if (init->power_pageable == WdfTrue)
            rtl_diag(RTL_DIAG_ERROR, "wdf",
                     "driver '%s': WdfDeviceInitSetPowerPageable with WdfDeviceInitSetPowerInrush "
                     "(Microsoft: must not): the device is not pageable",
                     init->driver->obj.owner->pub.DriverName);
        wdm->Flags |= DO_POWER_INRUSH;
        return;
    }
    if (init->power_pageable != WdfUseDefault)
        pageable = init->power_pageable == WdfTrue;
    else if (parent != NULL)
        pageable = (parent->Flags & DO_POWER_PAGABLE) != 0;
    else /* the device below an inrush device must not make the stack pageable (WDM's rule) */
        pageable = lower == NULL || !(lower->Flags & DO_POWER_INRUSH);
    if (pageable)
        wdm->Flags |= DO_POWER_PAGABLE;
}

/* ---- driver-defined interfaces (WdfDeviceAddQueryInterface) -------------------------------- */

/* One interface of WdfDeviceAddQueryInterface: the config's settings and our copy of its
 * INTERFACE (Microsoft: the framework copies it, so the driver's may be temporary). Entries are
 * added under wdf_tree_lock and live as long as the device (wdf_device_pnp_cleanup). */
struct wdf_query_iface {
    struct wdf_query_iface *next;
    GUID type;
    BOOLEAN to_parent, import;
    PFN_WDF_DEVICE_PROCESS_QUERY_INTERFACE_REQUEST callback;
    PINTERFACE iface; /* NULL: none given */
};

/* Microsoft (WDF_QUERY_INTERFACE_CONFIG): a one-way interface needs Interface, a two-way one
 * (ImportInterface) the callback; Interface may be NULL when the query goes to the parent. */
static NTSTATUS wdf_qi_check(PWDF_QUERY_INTERFACE_CONFIG c)
{
    if (c == NULL || c->InterfaceType == NULL)
        return STATUS_INVALID_PARAMETER;
    if (c->Size != sizeof(*c))
        return STATUS_INFO_LENGTH_MISMATCH;
    if (c->ImportInterface && c->EvtDeviceProcessQueryInterfaceRequest == NULL)
        return STATUS_INVALID_PARAMETER;
    if (!c->ImportInterface && c->Interface == NULL && !c->SendQueryToParentStack)
        return STATUS_INVALID_PARAMETER;
    if (c->Interface != NULL && c->Interface->Size < sizeof(INTERFACE))
        return STATUS_INVALID_PARAMETER;
    return STATUS_SUCCESS;
}

NTSTATUS imp_WdfDeviceAddQueryInterface(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device,
                                        PWDF_QUERY_INTERFACE_CONFIG InterfaceConfig)
{
    struct wdf_device *dev =
        WDF_DEVICE_OF(wdf_globals_of(globals), Device, "WdfDeviceAddQueryInterface");
    struct wdf_query_iface *q;
    NTSTATUS status;
    if (KeGetCurrentIrql() != PASSIVE_LEVEL)
        return STATUS_INVALID_DEVICE_REQUEST;
    status = wdf_qi_check(InterfaceConfig);
    if (!NT_SUCCESS(status))
        return status;
    q = calloc(1, sizeof(*q));
    if (q != NULL && InterfaceConfig->Interface != NULL &&
        (q->iface = malloc(InterfaceConfig->Interface->Size)) == NULL) {
        free(q);
        q = NULL;
    }
    if (q == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    if (q->iface != NULL)
        memcpy(q->iface, InterfaceConfig->Interface, InterfaceConfig->Interface->Size);
    q->type = *InterfaceConfig->InterfaceType;
    q->to_parent = InterfaceConfig->SendQueryToParentStack;
    q->import = InterfaceConfig->ImportInterface;
    q->callback = InterfaceConfig->EvtDeviceProcessQueryInterfaceRequest;
    os_mutex_lock(&wdf_tree_lock);
    q->next = dev->query_ifaces;
    dev->query_ifaces = q;
    os_mutex_unlock(&wdf_tree_lock);
    return STATUS_SUCCESS;
}

static void wdf_device_pnp_query_ifaces_free(struct wdf_device *dev)
{
    while (dev->query_ifaces != NULL) {
        struct wdf_query_iface *q = dev->query_ifaces;
        dev->query_ifaces = q->next;
        free(q->iface);
        free(q);
    }
}

static struct wdf_query_iface *wdf_qi_find(struct wdf_device *dev, const GUID *type)
{
    struct wdf_query_iface *q;
    os_mutex_lock(&wdf_tree_lock);
    for (q = dev->query_ifaces; q != NULL && memcmp(&q->type, type, sizeof(*type)) != 0;
         q = q->next)
        ;
    os_mutex_unlock(&wdf_tree_lock);
    return q;
}

/* A PDO's interface with SendQueryToParentStack: the same query to the top of the parent's
 * stack, its answer ours. */
static NTSTATUS wdf_qi_parent(struct wdf_device *dev, PIO_STACK_LOCATION s)
{
    PDEVICE_OBJECT top = IoGetAttachedDeviceReference(dev->pdo_part->parent->wdm);
    NTSTATUS status = wdf_query_interface_irp(
        top, NULL, s->Parameters.QueryInterface.InterfaceType,
        s->Parameters.QueryInterface.Interface, s->Parameters.QueryInterface.Size,
        s->Parameters.QueryInterface.Version, s->Parameters.QueryInterface.InterfaceSpecificData);
    ObDereferenceObject(top);
    return status;
}

/* Microsoft (WDF_QUERY_INTERFACE_CONFIG): a one-way interface is handed out when the requested
 * size and version equal ours, a two-way one when they are not above ours (when the driver gave
 * one); then the driver's callback, then (WDM's rule for an exported interface) its
 * InterfaceReference. A rejected size or version is STATUS_INVALID_PARAMETER: drvhost's choice,
 * the page says only "rejects". */
static NTSTATUS wdf_qi_answer(struct wdf_device *dev, struct wdf_query_iface *q,
                              PIO_STACK_LOCATION s)
{
    PINTERFACE out = s->Parameters.QueryInterface.Interface;
    USHORT size = s->Parameters.QueryInterface.Size, version = s->Parameters.QueryInterface.Version;
    NTSTATUS status = STATUS_SUCCESS;
    if (out == NULL || size < sizeof(INTERFACE))
        return STATUS_INVALID_PARAMETER;
    if (q->iface != NULL) {
        BOOLEAN fits = q->import ? size <= q->iface->Size && version <= q->iface->Version
                                 : size == q->iface->Size && version == q->iface->Version;
        if (!fits)
            return STATUS_INVALID_PARAMETER;
        memcpy(out, q->iface, size);
    }
    if (q->callback != NULL)
        status = q->callback((WDFDEVICE)dev, (LPGUID)s->Parameters.QueryInterface.InterfaceType,
                             out, s->Parameters.QueryInterface.InterfaceSpecificData);
    if (NT_SUCCESS(status) && out->InterfaceReference != NULL)
        out->InterfaceReference(out->Context);
    return status;
}

BOOLEAN wdf_device_pnp_query_interface(struct wdf_device *dev, PIRP irp, NTSTATUS *status)
{
    PIO_STACK_LOCATION s = IoGetCurrentIrpStackLocation(irp);
    struct wdf_query_iface *q = s->Parameters.QueryInterface.InterfaceType != NULL
                                    ? wdf_qi_find(dev, s->Parameters.QueryInterface.InterfaceType)
                                    : NULL;
    if (q == NULL)
        return FALSE;
    if (q->to_parent && dev->pdo_part != NULL)
        *status = wdf_qi_parent(dev, s);
    else if (q->iface == NULL && !q->import)
        return FALSE; /* meant for a parent stack, on a device that has none: not ours */
    else
        *status = wdf_qi_answer(dev, q, s);
    return TRUE;
}

/* ---- special files (IRP_MN_DEVICE_USAGE_NOTIFICATION) -------------------------------------- */

/* Microsoft (WdfDeviceSetSpecialFileSupport): support for each type is off until the driver
 * turns it on. WDF_SPECIAL_FILE_TYPE numbers the types as DEVICE_USAGE_NOTIFICATION_TYPE does. */
VOID imp_WdfDeviceSetSpecialFileSupport(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device,
                                        WDF_SPECIAL_FILE_TYPE FileType, BOOLEAN FileTypeIsSupported)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_device *dev = WDF_DEVICE_OF(g, Device, "WdfDeviceSetSpecialFileSupport");
    if (FileType <= WdfSpecialFileUndefined || FileType >= WdfSpecialFileMax) {
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': WdfDeviceSetSpecialFileSupport: %d is no WDF_SPECIAL_FILE_TYPE",
                 g->pub.DriverName, (int)FileType);
        return;
    }
    os_mutex_lock(&wdf_tree_lock);
    if (FileTypeIsSupported)
        dev->special_supported |= 1u << FileType;
    else
        dev->special_supported &= ~(1u << FileType);
    os_mutex_unlock(&wdf_tree_lock);
}

NTSTATUS imp_WdfDeviceAddDependentUsageDeviceObject(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device,
                                                    PDEVICE_OBJECT DependentDevice)
{
    struct wdf_device *dev =
        WDF_DEVICE_OF(wdf_globals_of(globals), Device, "WdfDeviceAddDependentUsageDeviceObject");
    return wdf_rel_add(&dev->dependent_usage, DependentDevice);
}

VOID imp_WdfDeviceRemoveDependentUsageDeviceObject(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device,
                                                   PDEVICE_OBJECT DependentDevice)
{
    struct wdf_device *dev =
        WDF_DEVICE_OF(wdf_globals_of(globals), Device, "WdfDeviceRemoveDependentUsageDeviceObject");
    wdf_rel_remove(&dev->dependent_usage, DependentDevice);
}

/* The same notification to the top of another device's stack, synchronously. */
static NTSTATUS wdf_usage_send(PDEVICE_OBJECT device, BOOLEAN in_path,
                               DEVICE_USAGE_NOTIFICATION_TYPE type)
{
    PDEVICE_OBJECT top = IoGetAttachedDeviceReference(device);
    IO_STATUS_BLOCK iosb;
    KEVENT done;
    PIRP irp;
    KeInitializeEvent(&done, NotificationEvent, FALSE);
    irp = IoBuildSynchronousFsdRequest(IRP_MJ_PNP, top, NULL, 0, NULL, &done, &iosb);
    if (irp == NULL) {
        ObDereferenceObject(top);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    irp->IoStatus.Status = STATUS_NOT_SUPPORTED;
    IoGetNextIrpStackLocation(irp)->MinorFunction = IRP_MN_DEVICE_USAGE_NOTIFICATION;
    IoGetNextIrpStackLocation(irp)->Parameters.UsageNotification.InPath = in_path;
    IoGetNextIrpStackLocation(irp)->Parameters.UsageNotification.Type = type;
    if (IoCallDriver(top, irp) == STATUS_PENDING)
        KeWaitForSingleObject(&done, Executive, KernelMode, FALSE, NULL);
    ObDereferenceObject(top);
    return iosb.Status;
}

/* The dependent devices first (Microsoft: WdfDeviceAddDependentUsageDeviceObject: their drivers'
 * callbacks before this device's). Entering the path, a failure takes the ones already told out
 * again (EvtDeviceUsageNotificationEx: the failure is propagated to the stacks notified
 * earlier); leaving it, failures change nothing (WDM: InPath FALSE must not fail). The list is
 * copied (referenced) so the driver may change it meanwhile. */
static NTSTATUS wdf_usage_dependents(struct wdf_device *dev, BOOLEAN in_path,
                                     DEVICE_USAGE_NOTIFICATION_TYPE type, ULONG *told)
{
    struct wdf_relation_list copy = {0};
    NTSTATUS status = STATUS_SUCCESS;
    os_mutex_lock(&wdf_tree_lock);
    copy.pdo = dev->dependent_usage.count != 0
                   ? malloc(dev->dependent_usage.count * sizeof(PDEVICE_OBJECT))
                   : NULL;
    for (ULONG i = 0; copy.pdo != NULL && i < dev->dependent_usage.count; i++) {
        copy.pdo[copy.count++] = dev->dependent_usage.pdo[i];
        ObReferenceObject(dev->dependent_usage.pdo[i]);
    }
    if (dev->dependent_usage.count != 0 && copy.pdo == NULL)
        status = STATUS_INSUFFICIENT_RESOURCES;
    os_mutex_unlock(&wdf_tree_lock);
    for (*told = 0; *told < copy.count && NT_SUCCESS(status); (*told)++) {
        NTSTATUS one = wdf_usage_send(copy.pdo[*told], in_path, type);
        if (in_path && !NT_SUCCESS(one))
            status = one;
    }
    if (!NT_SUCCESS(status) && in_path) /* the failed one is not taken out: it did not enter */
        for (ULONG i = 0; i + 1 < *told; i++)
            wdf_usage_send(copy.pdo[i], FALSE, type);
    wdf_rel_clear(&copy);
    return status;
}

/* The driver's EvtDeviceUsageNotificationEx (its status counts) or EvtDeviceUsageNotification. */
static NTSTATUS wdf_usage_callback(struct wdf_device *dev, DEVICE_USAGE_NOTIFICATION_TYPE type,
                                   BOOLEAN in_path)
{
    if (dev->pnp.EvtDeviceUsageNotificationEx != NULL)
        return dev->pnp.EvtDeviceUsageNotificationEx((WDFDEVICE)dev, (WDF_SPECIAL_FILE_TYPE)type,
                                                     in_path);
    if (dev->pnp.EvtDeviceUsageNotification != NULL)
        dev->pnp.EvtDeviceUsageNotification((WDFDEVICE)dev, (WDF_SPECIAL_FILE_TYPE)type, in_path);
    return STATUS_SUCCESS;
}

/* Before the IRP goes down: a type the driver does not support fails it at once (with
 * STATUS_NOT_SUPPORTED, the IRP's initial status: drvhost's choice), then the dependent devices
 * are told. Returns FALSE with the status to complete the IRP with. */
BOOLEAN wdf_device_pnp_usage_begin(struct wdf_device *dev, PIRP irp, NTSTATUS *status)
{
    PIO_STACK_LOCATION s = IoGetCurrentIrpStackLocation(irp);
    DEVICE_USAGE_NOTIFICATION_TYPE type = s->Parameters.UsageNotification.Type;
    BOOLEAN supported;
    ULONG told;
    os_mutex_lock(&wdf_tree_lock);
    supported = type > DeviceUsageTypeUndefined && type < (int)WdfSpecialFileMax &&
                (dev->special_supported & (1u << type)) != 0;
    os_mutex_unlock(&wdf_tree_lock);
    if (!supported) {
        *status = STATUS_NOT_SUPPORTED;
        return FALSE;
    }
    *status = wdf_usage_dependents(dev, s->Parameters.UsageNotification.InPath, type, &told);
    return NT_SUCCESS(*status);
}

/* After the drivers below answered: the driver's callback, the count of special files of the
 * type on the device (while one is there, the device can be neither stopped nor removed:
 * Microsoft, "Supporting Special Files"), and on a failure entering the path the dependents
 * are taken out again. */
NTSTATUS wdf_device_pnp_usage_end(struct wdf_device *dev, PIRP irp, NTSTATUS below)
{
    PIO_STACK_LOCATION s = IoGetCurrentIrpStackLocation(irp);
    DEVICE_USAGE_NOTIFICATION_TYPE type = s->Parameters.UsageNotification.Type;
    BOOLEAN in_path = s->Parameters.UsageNotification.InPath;
    NTSTATUS status = below;
    ULONG told;
    if (NT_SUCCESS(status) || !in_path)
        status = wdf_usage_callback(dev, type, in_path);
    if (!in_path)
        status = STATUS_SUCCESS;
    if (in_path && !NT_SUCCESS(status)) {
        wdf_usage_dependents(dev, FALSE, type, &told);
        return status;
    }
    os_mutex_lock(&wdf_tree_lock);
    if (in_path)
        dev->special_count[type]++;
    else if (dev->special_count[type] != 0)
        dev->special_count[type]--;
    os_mutex_unlock(&wdf_tree_lock);
    return status;
}
