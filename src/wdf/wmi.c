/*
 * wmi.c - WMI in framework drivers (wdfwmi.h): provider objects (one per WMI data block of a
 * device, parent: the device), instance objects (the block's instances, parent: the provider),
 * and the framework's handling of IRP_MJ_SYSTEM_CONTROL for a device that has providers.
 *
 * Windows' framework answers WMI's requests itself; drvhost's does it through the WMI library
 * (src/io/wmilib.c, the same WmiSystemControl / WmiCompleteRequest a WDM driver calls): for each
 * request the framework builds a WMILIB_CONTEXT from the blocks that have registered instances
 * (their order of creation: the GUID index), and the library's callbacks below call the
 * instance's EvtWmiInstanceXxx. Instance names are the PDO's (WMIREG_FLAG_INSTANCE_PDO), as the
 * WdfWmiInstanceCreate page says; WMI addresses an instance by its index among the block's
 * registered instances, in the order they were registered.
 *
 * Registration with WMI (IoWMIRegistrationControl, src/io/wmi.c): the device registers when its
 * first instance registers, and re-announces its blocks (WMIREG_ACTION_UPDATE_GUIDS) when the
 * set of registered instances changes; it deregisters when its last provider goes (the device
 * being deleted: providers are its children).
 *
 * Locking: wdf_wmi_lock guards every device's provider list, each provider's instance list and
 * the registered flags; the driver's callbacks never run under it. A request works on a
 * snapshot of referenced objects taken under the lock (the driver may register, deregister or
 * delete instances meanwhile); the library's callbacks find the snapshot through the calling
 * thread (wdf_wmi_current), as they run inside WmiSystemControl on that thread.
 */
#include <stdlib.h>
#include <string.h>

#include <wmilib.h>

#include "ex/ex.h"
#include "rtl/rtl.h"
#include "wdf/wdf_private.h"

struct wdf_wmi_provider {
    struct wdf_object obj;
    struct wdf_device *device;
    WDF_WMI_PROVIDER_CONFIG config;
    LIST_ENTRY link;            /* in the device's list (wdf_wmi_lock) */
    LIST_ENTRY instances;       /* its instances, in creation order (wdf_wmi_lock) */
    BOOLEAN events_enabled;     /* IRP_MN_ENABLE_EVENTS / DISABLE_EVENTS (atomic) */
    BOOLEAN collection_enabled; /* IRP_MN_ENABLE_COLLECTION / DISABLE_COLLECTION (atomic) */
};

struct wdf_wmi_instance {
    struct wdf_object obj;
    struct wdf_wmi_provider *provider;
    WDF_WMI_INSTANCE_CONFIG config;
    ULONG context_size; /* of the attributes' context (UseContextForQuery) */
    ULONG64 registered; /* 0: not registered; else its registration order (wdf_wmi_lock) */
    LIST_ENTRY link;    /* in the provider's list (wdf_wmi_lock) */
};

/* A device's WMI state, created with its first provider, freed with the device. */
struct wdf_wmi {
    LIST_ENTRY providers;      /* creation order (wdf_wmi_lock) */
    BOOLEAN registered;        /* with IoWMIRegistrationControl (wdf_wmi_lock) */
    ULONG64 next_registration; /* wdf_wmi_lock */
};

static os_mutex wdf_wmi_lock = OS_MUTEX_INIT;

#define WDF_WMI_PROVIDER_GET(g, h)                                                                 \
    CONTAINING_RECORD(wdf_object_get(g, h, WDF_TYPE_WMIPROVIDER), struct wdf_wmi_provider, obj)
#define WDF_WMI_INSTANCE_GET(g, h)                                                                 \
    CONTAINING_RECORD(wdf_object_get(g, h, WDF_TYPE_WMIINSTANCE), struct wdf_wmi_instance, obj)

/* ---- the snapshot a request works on ----------------------------------------------------- */

struct wdf_wmi_block {
    struct wdf_wmi_provider *provider;   /* referenced */
    struct wdf_wmi_instance **instances; /* referenced, in registration order */
    ULONG count;
};

struct wdf_wmi_snapshot {
    struct wdf_device *device;
    struct wdf_wmi_block *blocks;
    WMIGUIDREGINFO *guids;
    ULONG count;
};

static _Thread_local struct wdf_wmi_snapshot *wdf_wmi_current;

static int wdf_wmi_by_registration(const void *a, const void *b)
{
    ULONG64 ra = (*(struct wdf_wmi_instance *const *)a)->registered;
    ULONG64 rb = (*(struct wdf_wmi_instance *const *)b)->registered;
    return ra < rb ? -1 : ra > rb;
}

/* One provider's registered instances, referenced, sorted by registration (under the lock). */
static BOOLEAN wdf_wmi_take_block(struct wdf_wmi_provider *p, struct wdf_wmi_block *b)
{
    ULONG n = 0;
    for (PLIST_ENTRY e = p->instances.Flink; e != &p->instances; e = e->Flink)
        n += CONTAINING_RECORD(e, struct wdf_wmi_instance, link)->registered != 0;
    b->provider = p;
    b->count = 0;
    b->instances = n != 0 ? calloc(n, sizeof(*b->instances)) : NULL;
    if (n != 0 && b->instances == NULL)
        return FALSE;
    for (PLIST_ENTRY e = p->instances.Flink; e != &p->instances; e = e->Flink) {
        struct wdf_wmi_instance *i = CONTAINING_RECORD(e, struct wdf_wmi_instance, link);
        if (i->registered != 0) {
            wdf_object_reference(&i->obj);
            b->instances[b->count++] = i;
        }
    }
    if (b->count > 1) /* qsort takes no NULL array, even empty */
        qsort(b->instances, b->count, sizeof(*b->instances), wdf_wmi_by_registration);
    wdf_object_reference(&p->obj);
    return TRUE;
}

static void wdf_wmi_snapshot_free(struct wdf_wmi_snapshot *s)
{
    for (ULONG i = 0; i < s->count; i++) {
        for (ULONG j = 0; j < s->blocks[i].count; j++)
            wdf_object_release(&s->blocks[i].instances[j]->obj);
        free(s->blocks[i].instances);
        wdf_object_release(&s->blocks[i].provider->obj);
    }
    free(s->blocks);
    free(s->guids);
    s->blocks = NULL;
    s->guids = NULL;
    s->count = 0;
}

static ULONG wdf_wmi_guid_flags(struct wdf_wmi_provider *p)
{
    ULONG flags = WMIREG_FLAG_INSTANCE_PDO;
    if (p->config.Flags & WdfWmiProviderEventOnly)
        flags |= WMIREG_FLAG_EVENT_ONLY_GUID;
    if (p->config.Flags & WdfWmiProviderExpensive)
        flags |= WMIREG_FLAG_EXPENSIVE;
    return flags;
}

/* The blocks with registered instances, in provider creation order. */
static NTSTATUS wdf_wmi_snapshot_take(struct wdf_device *dev, struct wdf_wmi_snapshot *s)
{
    ULONG n = 0;
    memset(s, 0, sizeof(*s));
    s->device = dev;
    os_mutex_lock(&wdf_wmi_lock);
    for (PLIST_ENTRY e = dev->wmi->providers.Flink; e != &dev->wmi->providers; e = e->Flink)
        n++;
    s->blocks = calloc(n ? n : 1, sizeof(*s->blocks));
    s->guids = calloc(n ? n : 1, sizeof(*s->guids));
    for (PLIST_ENTRY e = dev->wmi->providers.Flink;
         s->blocks != NULL && s->guids != NULL && e != &dev->wmi->providers; e = e->Flink) {
        struct wdf_wmi_provider *p = CONTAINING_RECORD(e, struct wdf_wmi_provider, link);
        struct wdf_wmi_block *b = &s->blocks[s->count];
        if (!wdf_wmi_take_block(p, b))
            break;
        if (b->count == 0) { /* no registered instance: WMI does not know the block */
            free(b->instances);
            wdf_object_release(&p->obj);
            continue;
        }
        s->guids[s->count].Guid = &p->config.Guid;
        s->guids[s->count].InstanceCount = b->count;
        s->guids[s->count].Flags = wdf_wmi_guid_flags(p);
        s->count++;
    }
    os_mutex_unlock(&wdf_wmi_lock);
    if (s->blocks == NULL || s->guids == NULL) {
        wdf_wmi_snapshot_free(s);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    return STATUS_SUCCESS;
}

/* ---- the WMI library's callbacks ---------------------------------------------------------- */

static NTSTATUS wdf_wmi_reginfo(PDEVICE_OBJECT device, PULONG reg_flags,
                                PUNICODE_STRING instance_name, PUNICODE_STRING *registry_path,
                                PUNICODE_STRING mof_name, PDEVICE_OBJECT *pdo)
{
    struct wdf_device *dev = wdf_wmi_current->device;
    (void)device;
    (void)instance_name;
    (void)mof_name;
    *reg_flags = WMIREG_FLAG_INSTANCE_PDO;
    *registry_path = &dev->driver->registry_path;
    *pdo = dev->pdo;
    return STATUS_SUCCESS;
}

/* One instance's data into `buffer`: the driver's EvtWmiInstanceQueryInstance, or its context
 * (UseContextForQuery). *used: the bytes written, or needed with STATUS_BUFFER_TOO_SMALL. */
static NTSTATUS wdf_wmi_query_one(struct wdf_wmi_instance *i, ULONG size, PUCHAR buffer,
                                  ULONG *used)
{
    ULONG min = i->provider->config.MinInstanceBufferSize;
    *used = 0;
    if (size < min) { /* a fixed-size block: the driver is not asked with less */
        *used = min;
        return STATUS_BUFFER_TOO_SMALL;
    }
    if (i->config.UseContextForQuery) {
        *used = i->context_size;
        if (size < i->context_size)
            return STATUS_BUFFER_TOO_SMALL;
        memcpy(buffer, i->obj.contexts->data, i->context_size);
        return STATUS_SUCCESS;
    }
    if (i->config.EvtWmiInstanceQueryInstance == NULL) /* a write-only block */
        return STATUS_INVALID_DEVICE_REQUEST;
    return i->config.EvtWmiInstanceQueryInstance((WDFWMIINSTANCE)i, size, size ? buffer : NULL,
                                                 used);
}

static ULONG wdf_wmi_align8(ULONG v)
{
    return (v + 7) & ~7u;
}

/* IRP_MN_QUERY_SINGLE_INSTANCE (count 1) and IRP_MN_QUERY_ALL_DATA (every instance, each
 * 8-byte aligned, the lengths in `lengths`, as the WMI library lays them out). Once the buffer
 * is too small, the remaining instances are asked with no buffer for their sizes. */
static NTSTATUS wdf_wmi_query(PDEVICE_OBJECT device, PIRP irp, ULONG gi, ULONG index, ULONG count,
                              PULONG lengths, ULONG avail, PUCHAR buffer)
{
    struct wdf_wmi_block *b = &wdf_wmi_current->blocks[gi];
    NTSTATUS status = STATUS_SUCCESS;
    ULONG at = 0, end = 0;
    for (ULONG k = 0; k < count && (NT_SUCCESS(status) || status == STATUS_BUFFER_TOO_SMALL); k++) {
        ULONG used = 0, room = status == STATUS_SUCCESS && avail > at ? avail - at : 0;
        NTSTATUS one = wdf_wmi_query_one(b->instances[index + k], room, buffer + at, &used);
        if (one == STATUS_BUFFER_TOO_SMALL || (NT_SUCCESS(one) && used > room))
            status = STATUS_BUFFER_TOO_SMALL;
        else if (!NT_SUCCESS(one))
            status = one;
        else if (lengths != NULL)
            lengths[k] = used;
        end = at + used;
        at = wdf_wmi_align8(end);
    }
    return WmiCompleteRequest(device, irp, status,
                              NT_SUCCESS(status) || status == STATUS_BUFFER_TOO_SMALL ? end : 0,
                              IO_NO_INCREMENT);
}

static NTSTATUS wdf_wmi_set_block(PDEVICE_OBJECT device, PIRP irp, ULONG gi, ULONG index,
                                  ULONG size, PUCHAR buffer)
{
    struct wdf_wmi_instance *i = wdf_wmi_current->blocks[gi].instances[index];
    NTSTATUS status = STATUS_WMI_READ_ONLY;
    if (i->config.EvtWmiInstanceSetInstance != NULL)
        status = i->config.EvtWmiInstanceSetInstance((WDFWMIINSTANCE)i, size, buffer);
    return WmiCompleteRequest(device, irp, status, 0, IO_NO_INCREMENT);
}

static NTSTATUS wdf_wmi_set_item(PDEVICE_OBJECT device, PIRP irp, ULONG gi, ULONG index, ULONG item,
                                 ULONG size, PUCHAR buffer)
{
    struct wdf_wmi_instance *i = wdf_wmi_current->blocks[gi].instances[index];
    NTSTATUS status = STATUS_WMI_READ_ONLY;
    if (i->config.EvtWmiInstanceSetItem != NULL)
        status = i->config.EvtWmiInstanceSetItem((WDFWMIINSTANCE)i, item, size, buffer);
    return WmiCompleteRequest(device, irp, status, 0, IO_NO_INCREMENT);
}

static NTSTATUS wdf_wmi_execute(PDEVICE_OBJECT device, PIRP irp, ULONG gi, ULONG index,
                                ULONG method, ULONG in_size, ULONG out_size, PUCHAR buffer)
{
    struct wdf_wmi_instance *i = wdf_wmi_current->blocks[gi].instances[index];
    NTSTATUS status = STATUS_INVALID_DEVICE_REQUEST;
    ULONG used = 0;
    if (i->config.EvtWmiInstanceExecuteMethod != NULL)
        status = i->config.EvtWmiInstanceExecuteMethod((WDFWMIINSTANCE)i, method, in_size, out_size,
                                                       buffer, &used);
    if (!NT_SUCCESS(status) && status != STATUS_BUFFER_TOO_SMALL)
        used = 0;
    return WmiCompleteRequest(device, irp, status, used, IO_NO_INCREMENT);
}

static NTSTATUS wdf_wmi_function_control(PDEVICE_OBJECT device, PIRP irp, ULONG gi,
                                         WMIENABLEDISABLECONTROL function, BOOLEAN enable)
{
    struct wdf_wmi_provider *p = wdf_wmi_current->blocks[gi].provider;
    WDF_WMI_PROVIDER_CONTROL control =
        function == WmiEventControl ? WdfWmiEventControl : WdfWmiInstanceControl;
    NTSTATUS status = STATUS_SUCCESS;
    __atomic_store_n(function == WmiEventControl ? &p->events_enabled : &p->collection_enabled,
                     enable, __ATOMIC_RELEASE);
    if (p->config.EvtWmiProviderFunctionControl != NULL)
        status = p->config.EvtWmiProviderFunctionControl((WDFWMIPROVIDER)p, control, enable);
    return WmiCompleteRequest(device, irp, status, 0, IO_NO_INCREMENT);
}

/* ---- IRP_MJ_SYSTEM_CONTROL ----------------------------------------------------------------- */

static NTSTATUS wdf_wmi_not_ours(struct wdf_device *dev, PIRP irp)
{
    NTSTATUS status = irp->IoStatus.Status;
    if (dev != NULL && dev->lower != NULL)
        return wdf_irp_pass_down(dev, irp);
    IoCompleteRequest(irp, IO_NO_INCREMENT); /* the bottom of the stack: as it is */
    return status;
}

/* A device with no WMI providers sends the request down (a PDO completes it as it is), as the
 * framework does; one with providers answers it through the WMI library. */
NTSTATUS wdf_wmi_dispatch(struct wdf_device *dev, PIRP irp)
{
    WMILIB_CONTEXT ctx = {0};
    struct wdf_wmi_snapshot snapshot, *outer;
    SYSCTL_IRP_DISPOSITION disposition;
    NTSTATUS status;
    if (dev == NULL || __atomic_load_n(&dev->wmi, __ATOMIC_ACQUIRE) == NULL)
        return wdf_wmi_not_ours(dev, irp);
    status = wdf_wmi_snapshot_take(dev, &snapshot);
    if (!NT_SUCCESS(status))
        return wdf_irp_complete(irp, status);
    ctx.GuidCount = snapshot.count;
    ctx.GuidList = snapshot.guids;
    ctx.QueryWmiRegInfo = wdf_wmi_reginfo;
    ctx.QueryWmiDataBlock = wdf_wmi_query;
    ctx.SetWmiDataBlock = wdf_wmi_set_block;
    ctx.SetWmiDataItem = wdf_wmi_set_item;
    ctx.ExecuteWmiMethod = wdf_wmi_execute;
    ctx.WmiFunctionControl = wdf_wmi_function_control;
    outer = wdf_wmi_current; /* a driver's callback that sends WMI requests itself */
    wdf_wmi_current = &snapshot;
    status = WmiSystemControl(&ctx, dev->wdm, irp, &disposition);
    wdf_wmi_current = outer;
    wdf_wmi_snapshot_free(&snapshot);
    switch (disposition) {
    case IrpProcessed:
        return status;
    case IrpNotCompleted:
        IoCompleteRequest(irp, IO_NO_INCREMENT);
        return status;
    default: /* another device's request, or not WMI */
        return wdf_wmi_not_ours(dev, irp);
    }
}

/* ---- registration with WMI ----------------------------------------------------------------- */

/* Tells WMI the device's blocks changed: registers the device the first time. PASSIVE_LEVEL. */
static NTSTATUS wdf_wmi_announce(struct wdf_device *dev)
{
    BOOLEAN first;
    NTSTATUS status;
    os_mutex_lock(&wdf_wmi_lock);
    first = !dev->wmi->registered;
    dev->wmi->registered = TRUE;
    os_mutex_unlock(&wdf_wmi_lock);
    status = IoWMIRegistrationControl(dev->wdm,
                                      first ? WMIREG_ACTION_REGISTER : WMIREG_ACTION_UPDATE_GUIDS);
    if (!NT_SUCCESS(status) && first) {
        os_mutex_lock(&wdf_wmi_lock);
        dev->wmi->registered = FALSE;
        os_mutex_unlock(&wdf_wmi_lock);
    }
    return status;
}

static void wdf_wmi_announce_worker(void *context)
{
    struct wdf_wmi_provider *p = context;
    (void)wdf_wmi_announce(p->device);
    wdf_object_release(&p->obj);
}

/* Above PASSIVE_LEVEL the registration is asynchronous (the WdfWmiInstanceRegister page). */
static NTSTATUS wdf_wmi_changed(struct wdf_wmi_provider *p)
{
    if (KeGetCurrentIrql() == PASSIVE_LEVEL)
        return wdf_wmi_announce(p->device);
    wdf_object_reference(&p->obj);
    ex_queue_work(wdf_wmi_announce_worker, p);
    return STATUS_SUCCESS;
}

/* ---- providers ------------------------------------------------------------------------------ */

/* The provider goes with its device: the device deregisters with its last provider. */
static void wdf_wmi_provider_cleanup(struct wdf_object *o)
{
    struct wdf_wmi_provider *p = CONTAINING_RECORD(o, struct wdf_wmi_provider, obj);
    struct wdf_device *dev = p->device;
    BOOLEAN deregister;
    os_mutex_lock(&wdf_wmi_lock);
    RemoveEntryList(&p->link);
    deregister = IsListEmpty(&dev->wmi->providers) && dev->wmi->registered;
    if (deregister)
        dev->wmi->registered = FALSE;
    os_mutex_unlock(&wdf_wmi_lock);
    if (deregister)
        (void)IoWMIRegistrationControl(dev->wdm, WMIREG_ACTION_DEREGISTER);
}

void wdf_wmi_device_free(struct wdf_device *dev)
{
    free(dev->wmi);
    dev->wmi = NULL;
}

static NTSTATUS wdf_wmi_check_provider_config(struct wdf_globals *g, PWDF_WMI_PROVIDER_CONFIG c)
{
    if (c->Size != sizeof(WDF_WMI_PROVIDER_CONFIG))
        return STATUS_INFO_LENGTH_MISMATCH;
    if (c->Flags & ~(ULONG)WdfWmiProviderValidFlags)
        return STATUS_INVALID_PARAMETER;
    if (c->Flags & WdfWmiProviderTracing) {
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': WdfWmiProviderCreate: WdfWmiProviderTracing (a WPP tracing "
                 "provider) is not supported by drvhost (docs/wdf.md, \"WMI\")",
                 g->pub.DriverName);
        return STATUS_NOT_SUPPORTED;
    }
    return STATUS_SUCCESS;
}

/* A WMI provider can belong to a PnP device only (the pages: not a control device), and its
 * attributes name no parent (the device is the parent). */
static NTSTATUS wdf_wmi_check_device(struct wdf_globals *g, struct wdf_device *dev,
                                     PWDF_OBJECT_ATTRIBUTES attributes, const char *ddi)
{
    if (dev->control) {
        rtl_diag(RTL_DIAG_ERROR, "wdf", "driver '%s': %s on a control device", g->pub.DriverName,
                 ddi);
        return STATUS_INVALID_DEVICE_REQUEST;
    }
    return wdf_parent_refused(g, attributes, ddi);
}

static struct wdf_wmi_provider *wdf_wmi_find_locked(struct wdf_device *dev, const GUID *guid)
{
    if (dev->wmi == NULL)
        return NULL;
    for (PLIST_ENTRY e = dev->wmi->providers.Flink; e != &dev->wmi->providers; e = e->Flink) {
        struct wdf_wmi_provider *p = CONTAINING_RECORD(e, struct wdf_wmi_provider, link);
        if (memcmp(&p->config.Guid, guid, sizeof(GUID)) == 0)
            return p;
    }
    return NULL;
}

static NTSTATUS wdf_wmi_provider_create(struct wdf_globals *g, struct wdf_device *dev,
                                        PWDF_WMI_PROVIDER_CONFIG config,
                                        PWDF_OBJECT_ATTRIBUTES attributes,
                                        struct wdf_wmi_provider **out)
{
    struct wdf_object *o;
    struct wdf_wmi_provider *p;
    struct wdf_wmi *wmi = calloc(1, sizeof(*wmi));
    NTSTATUS status = wdf_wmi_check_provider_config(g, config);
    if (NT_SUCCESS(status) && wmi == NULL)
        status = STATUS_INSUFFICIENT_RESOURCES;
    if (NT_SUCCESS(status))
        status = wdf_object_create(g, WDF_TYPE_WMIPROVIDER, sizeof(*p), attributes, &dev->obj, &o);
    if (!NT_SUCCESS(status)) {
        free(wmi);
        return status;
    }
    p = CONTAINING_RECORD(o, struct wdf_wmi_provider, obj);
    p->device = dev;
    p->config = *config;
    InitializeListHead(&p->instances);
    os_mutex_lock(&wdf_wmi_lock);
    if (wdf_wmi_find_locked(dev, &config->Guid) != NULL) {
        os_mutex_unlock(&wdf_wmi_lock);
        free(wmi);
        wdf_object_delete(o); /* not in the device's list: no cleanup of ours runs */
        return STATUS_OBJECT_NAME_EXISTS;
    }
    if (dev->wmi == NULL) {
        InitializeListHead(&wmi->providers);
        __atomic_store_n(&dev->wmi, wmi, __ATOMIC_RELEASE);
        wmi = NULL;
    }
    InsertTailList(&dev->wmi->providers, &p->link);
    o->type_cleanup = wdf_wmi_provider_cleanup;
    os_mutex_unlock(&wdf_wmi_lock);
    free(wmi);
    *out = p;
    return STATUS_SUCCESS;
}

NTSTATUS imp_WdfWmiProviderCreate(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device,
                                  PWDF_WMI_PROVIDER_CONFIG WmiProviderConfig,
                                  PWDF_OBJECT_ATTRIBUTES ProviderAttributes,
                                  WDFWMIPROVIDER *WmiProvider)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_device *dev =
        CONTAINING_RECORD(wdf_object_get(g, Device, WDF_TYPE_DEVICE), struct wdf_device, obj);
    struct wdf_wmi_provider *p;
    NTSTATUS status;
    WDF_CHECK_NOT_NULL(g, WmiProviderConfig);
    WDF_CHECK_NOT_NULL(g, WmiProvider);
    *WmiProvider = NULL;
    status = wdf_wmi_check_device(g, dev, ProviderAttributes, "WdfWmiProviderCreate");
    if (NT_SUCCESS(status))
        status = wdf_wmi_provider_create(g, dev, WmiProviderConfig, ProviderAttributes, &p);
    if (NT_SUCCESS(status))
        *WmiProvider = (WDFWMIPROVIDER)p;
    return status;
}

WDFDEVICE imp_WdfWmiProviderGetDevice(PWDF_DRIVER_GLOBALS globals, WDFWMIPROVIDER WmiProvider)
{
    return (WDFDEVICE)WDF_WMI_PROVIDER_GET(wdf_globals_of(globals), WmiProvider)->device;
}

BOOLEAN imp_WdfWmiProviderIsEnabled(PWDF_DRIVER_GLOBALS globals, WDFWMIPROVIDER WmiProvider,
                                    WDF_WMI_PROVIDER_CONTROL ProviderControl)
{
    struct wdf_wmi_provider *p = WDF_WMI_PROVIDER_GET(wdf_globals_of(globals), WmiProvider);
    switch (ProviderControl) {
    case WdfWmiEventControl:
        return __atomic_load_n(&p->events_enabled, __ATOMIC_ACQUIRE);
    case WdfWmiInstanceControl:
        return __atomic_load_n(&p->collection_enabled, __ATOMIC_ACQUIRE);
    default:
        return FALSE;
    }
}

/* ---- instances ---------------------------------------------------------------------------- */

/* WMI stops seeing the instance (and, when `unlink`, the provider forgets it). */
static void wdf_wmi_unregister(struct wdf_wmi_instance *i, BOOLEAN unlink)
{
    BOOLEAN was_registered;
    os_mutex_lock(&wdf_wmi_lock);
    if (unlink)
        RemoveEntryList(&i->link);
    was_registered = i->registered != 0;
    i->registered = 0;
    os_mutex_unlock(&wdf_wmi_lock);
    if (was_registered)
        (void)wdf_wmi_changed(i->provider);
}

static void wdf_wmi_instance_cleanup(struct wdf_object *o)
{
    wdf_wmi_unregister(CONTAINING_RECORD(o, struct wdf_wmi_instance, obj), TRUE);
}

/* The size of the instance's context, for UseContextForQuery (the attributes' rule). */
static NTSTATUS wdf_wmi_context_size(PWDF_WMI_INSTANCE_CONFIG config,
                                     PWDF_OBJECT_ATTRIBUTES attributes, ULONG *size)
{
    size_t bytes = 0;
    *size = 0;
    if (!config->UseContextForQuery)
        return STATUS_SUCCESS;
    if (attributes != NULL && attributes->ContextTypeInfo != NULL) {
        bytes = attributes->ContextTypeInfo->ContextSize;
        if (attributes->ContextSizeOverride > bytes)
            bytes = attributes->ContextSizeOverride;
    }
    if (bytes > MAXULONG)
        return STATUS_INTEGER_OVERFLOW;
    if (bytes == 0 || config->EvtWmiInstanceSetInstance != NULL ||
        config->EvtWmiInstanceSetItem != NULL)
        return STATUS_INVALID_PARAMETER; /* no context to answer with, or not read-only */
    *size = (ULONG)bytes;
    return STATUS_SUCCESS;
}

/* The instance's provider: the config's, or a new one from its ProviderConfig. */
static NTSTATUS wdf_wmi_instance_provider(struct wdf_globals *g, WDFDEVICE Device,
                                          PWDF_WMI_INSTANCE_CONFIG config,
                                          PWDF_OBJECT_ATTRIBUTES attributes,
                                          struct wdf_wmi_provider **out)
{
    struct wdf_device *dev;
    NTSTATUS status;
    if (config->Provider != NULL) { /* Device is not used then */
        *out = WDF_WMI_PROVIDER_GET(g, config->Provider);
        return STATUS_SUCCESS;
    }
    if (config->ProviderConfig == NULL)
        return STATUS_INVALID_PARAMETER;
    dev = CONTAINING_RECORD(wdf_object_get(g, Device, WDF_TYPE_DEVICE), struct wdf_device, obj);
    status = wdf_wmi_check_device(g, dev, attributes, "WdfWmiInstanceCreate");
    if (!NT_SUCCESS(status))
        return status;
    return wdf_wmi_provider_create(g, dev, config->ProviderConfig, NULL, out);
}

/* Registers the instance: WMI sees it (the block's next index) once the device is announced. */
static NTSTATUS wdf_wmi_register(struct wdf_wmi_instance *i)
{
    struct wdf_wmi *wmi = i->provider->device->wmi;
    NTSTATUS status;
    os_mutex_lock(&wdf_wmi_lock);
    if (i->registered != 0) {
        os_mutex_unlock(&wdf_wmi_lock);
        return STATUS_INVALID_DEVICE_REQUEST; /* already registered (the page) */
    }
    i->registered = ++wmi->next_registration;
    os_mutex_unlock(&wdf_wmi_lock);
    status = wdf_wmi_changed(i->provider);
    if (!NT_SUCCESS(status)) {
        os_mutex_lock(&wdf_wmi_lock);
        i->registered = 0;
        os_mutex_unlock(&wdf_wmi_lock);
    }
    return status;
}

NTSTATUS imp_WdfWmiInstanceCreate(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device,
                                  PWDF_WMI_INSTANCE_CONFIG InstanceConfig,
                                  PWDF_OBJECT_ATTRIBUTES InstanceAttributes,
                                  WDFWMIINSTANCE *Instance)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_wmi_provider *p = NULL;
    struct wdf_wmi_instance *i;
    struct wdf_object *o;
    ULONG context_size = 0;
    NTSTATUS status;
    WDF_CHECK_NOT_NULL(g, InstanceConfig);
    if (Instance != NULL)
        *Instance = NULL;
    if (InstanceConfig->Size != sizeof(WDF_WMI_INSTANCE_CONFIG))
        return STATUS_INFO_LENGTH_MISMATCH;
    status = wdf_parent_refused(g, InstanceAttributes, "WdfWmiInstanceCreate");
    if (NT_SUCCESS(status))
        status = wdf_wmi_context_size(InstanceConfig, InstanceAttributes, &context_size);
    if (NT_SUCCESS(status))
        status = wdf_wmi_instance_provider(g, Device, InstanceConfig, InstanceAttributes, &p);
    if (NT_SUCCESS(status))
        status =
            wdf_object_create(g, WDF_TYPE_WMIINSTANCE, sizeof(*i), InstanceAttributes, &p->obj, &o);
    if (!NT_SUCCESS(status))
        return status;
    i = CONTAINING_RECORD(o, struct wdf_wmi_instance, obj);
    i->provider = p;
    i->config = *InstanceConfig;
    i->context_size = context_size;
    os_mutex_lock(&wdf_wmi_lock);
    InsertTailList(&p->instances, &i->link);
    o->type_cleanup = wdf_wmi_instance_cleanup;
    os_mutex_unlock(&wdf_wmi_lock);
    if (InstanceConfig->Register) {
        status = wdf_wmi_register(i);
        if (!NT_SUCCESS(status)) {
            wdf_object_delete(o);
            return status;
        }
    }
    if (Instance != NULL)
        *Instance = (WDFWMIINSTANCE)i;
    return STATUS_SUCCESS;
}

NTSTATUS imp_WdfWmiInstanceRegister(PWDF_DRIVER_GLOBALS globals, WDFWMIINSTANCE WmiInstance)
{
    return wdf_wmi_register(WDF_WMI_INSTANCE_GET(wdf_globals_of(globals), WmiInstance));
}

VOID imp_WdfWmiInstanceDeregister(PWDF_DRIVER_GLOBALS globals, WDFWMIINSTANCE WmiInstance)
{
    wdf_wmi_unregister(WDF_WMI_INSTANCE_GET(wdf_globals_of(globals), WmiInstance), FALSE);
}

WDFDEVICE imp_WdfWmiInstanceGetDevice(PWDF_DRIVER_GLOBALS globals, WDFWMIINSTANCE WmiInstance)
{
    return (WDFDEVICE)WDF_WMI_INSTANCE_GET(wdf_globals_of(globals), WmiInstance)->provider->device;
}

WDFWMIPROVIDER imp_WdfWmiInstanceGetProvider(PWDF_DRIVER_GLOBALS globals,
                                             WDFWMIINSTANCE WmiInstance)
{
    return (WDFWMIPROVIDER)WDF_WMI_INSTANCE_GET(wdf_globals_of(globals), WmiInstance)->provider;
}

/* The event as WmiFireEvent builds it (a WNODE_SINGLE_INSTANCE of the instance's index among
 * the block's registered instances), with a copy of the driver's data: the framework's caller
 * keeps its buffer (the page), WmiFireEvent frees what it is given. */
NTSTATUS imp_WdfWmiInstanceFireEvent(PWDF_DRIVER_GLOBALS globals, WDFWMIINSTANCE WmiInstance,
                                     ULONG EventDataSize, PVOID EventData)
{
    struct wdf_wmi_instance *i = WDF_WMI_INSTANCE_GET(wdf_globals_of(globals), WmiInstance);
    struct wdf_wmi_provider *p = i->provider;
    ULONG index = 0;
    BOOLEAN registered;
    PVOID copy = NULL;
    os_mutex_lock(&wdf_wmi_lock);
    registered = i->registered != 0;
    for (PLIST_ENTRY e = p->instances.Flink; registered && e != &p->instances; e = e->Flink) {
        struct wdf_wmi_instance *other = CONTAINING_RECORD(e, struct wdf_wmi_instance, link);
        index += other->registered != 0 && other->registered < i->registered;
    }
    os_mutex_unlock(&wdf_wmi_lock);
    if (!registered)
        return STATUS_UNSUCCESSFUL; /* WMI does not know the instance */
    if (EventData != NULL && EventDataSize != 0) {
        copy = ExAllocatePool2(POOL_FLAG_NON_PAGED, EventDataSize, 'iMdW');
        if (copy == NULL)
            return STATUS_INSUFFICIENT_RESOURCES;
        memcpy(copy, EventData, EventDataSize);
    }
    return WmiFireEvent(p->device->wdm, &p->config.Guid, index, copy != NULL ? EventDataSize : 0,
                        copy);
}
