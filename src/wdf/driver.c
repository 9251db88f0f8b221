/*
 * driver.c - the framework driver object (WDFDRIVER): WdfDriverCreate installs the framework's
 * dispatch routines, AddDevice and DriverUnload in the DRIVER_OBJECT, so the I/O manager sees a
 * WDM driver; unload calls EvtDriverUnload, then deletes the driver object and with it what
 * the driver still has (control devices, queues, general objects).
 */
#include <stdlib.h>
#include <string.h>

#include "rtl/rtl.h"
#include "wdf/wdf_private.h"

static void wdf_driver_cleanup(struct wdf_object *o)
{
    struct wdf_driver *d = CONTAINING_RECORD(o, struct wdf_driver, obj);
    os_mutex_lock(&wdf_tree_lock);
    if (o->owner->driver == d) {
        o->owner->driver = NULL;
        o->owner->pub.Driver = NULL;
    }
    os_mutex_unlock(&wdf_tree_lock);
}

static void wdf_driver_destroy(struct wdf_object *o)
{
    struct wdf_driver *d = CONTAINING_RECORD(o, struct wdf_driver, obj);
    free(d->registry_path.Buffer);
}

/* DriverUnload of every framework driver (the entry-point object then unbinds the module). */
static VOID wdf_driver_unload(PDRIVER_OBJECT driver_object)
{
    struct wdf_globals *g = wdf_globals_find(driver_object);
    struct wdf_driver *d = g != NULL ? g->driver : NULL;
    if (d == NULL)
        return;
    if (d->config.EvtDriverUnload != NULL)
        d->config.EvtDriverUnload((WDFDRIVER)d);
    wdf_object_delete(&d->obj);
}

void wdf_driver_unbind(struct wdf_globals *g)
{
    struct wdf_driver *d;
    os_mutex_lock(&wdf_tree_lock);
    d = g->driver;
    os_mutex_unlock(&wdf_tree_lock);
    if (d != NULL)
        wdf_object_delete(&d->obj);
}

static NTSTATUS wdf_copy_registry_path(struct wdf_driver *d, PCUNICODE_STRING path)
{
    USHORT length = path != NULL ? path->Length : 0;
    d->registry_path.Buffer = calloc(1, length + sizeof(WCHAR));
    if (d->registry_path.Buffer == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    if (length != 0)
        memcpy(d->registry_path.Buffer, path->Buffer, length);
    d->registry_path.Length = length;
    d->registry_path.MaximumLength = length + sizeof(WCHAR);
    return STATUS_SUCCESS;
}

/* DriverPoolTag, or (Microsoft: WDF_DRIVER_CONFIG) the first four characters of the service
 * name. */
static ULONG wdf_pool_tag(struct wdf_globals *g, ULONG configured)
{
    ULONG tag = 0;
    if (configured != 0)
        return configured;
    for (int i = 0; i < 4 && g->pub.DriverName[i] != '\0'; i++)
        tag |= (ULONG)(UCHAR)g->pub.DriverName[i] << (8 * i);
    return tag != 0 ? tag : WDF_DEFAULT_POOL_TAG;
}

static NTSTATUS wdf_check_driver_config(struct wdf_globals *g, PDRIVER_OBJECT driver_object,
                                        PWDF_DRIVER_CONFIG config)
{
    if (config->Size != sizeof(WDF_DRIVER_CONFIG)) {
        rtl_diag(RTL_DIAG_ERROR, "wdf", "driver '%s': WDF_DRIVER_CONFIG.Size is %lu, not %zu",
                 g->pub.DriverName, (unsigned long)config->Size, sizeof(WDF_DRIVER_CONFIG));
        return STATUS_INFO_LENGTH_MISMATCH;
    }
    if (driver_object != g->driver_object || g->driver != NULL) {
        rtl_diag(RTL_DIAG_ERROR, "wdf", "driver '%s': WdfDriverCreate %s", g->pub.DriverName,
                 g->driver != NULL ? "called twice" : "with another module's DRIVER_OBJECT");
        return STATUS_INVALID_DEVICE_REQUEST;
    }
    if ((config->DriverInitFlags & WdfDriverInitNonPnpDriver) &&
        config->EvtDriverDeviceAdd != NULL) {
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': a non-PnP driver (WdfDriverInitNonPnpDriver) must not supply "
                 "EvtDriverDeviceAdd",
                 g->pub.DriverName);
        return STATUS_INVALID_PARAMETER;
    }
    return STATUS_SUCCESS;
}

static void wdf_driver_install(struct wdf_driver *d)
{
    PDRIVER_OBJECT wdm = d->wdm;
    if (!(d->config.DriverInitFlags & WdfDriverInitNoDispatchOverride)) {
        for (int i = 0; i <= IRP_MJ_MAXIMUM_FUNCTION; i++)
            wdm->MajorFunction[i] = wdf_dispatch;
        /* queue.c: the queue's dispatch inline, one copy per major function (session 15) */
        wdm->MajorFunction[IRP_MJ_READ] = wdf_dispatch_read;
        wdm->MajorFunction[IRP_MJ_WRITE] = wdf_dispatch_write;
        wdm->MajorFunction[IRP_MJ_DEVICE_CONTROL] = wdf_dispatch_device_control;
        wdm->MajorFunction[IRP_MJ_INTERNAL_DEVICE_CONTROL] = wdf_dispatch_internal_device_control;
    }
    if (!(d->config.DriverInitFlags & WdfDriverInitNonPnpDriver))
        wdm->DriverExtension->AddDevice = wdf_add_device;
    wdm->DriverUnload = wdf_driver_unload;
}

NTSTATUS imp_WdfDriverCreate(PWDF_DRIVER_GLOBALS globals, PDRIVER_OBJECT DriverObject,
                             PCUNICODE_STRING RegistryPath, PWDF_OBJECT_ATTRIBUTES attributes,
                             PWDF_DRIVER_CONFIG config, WDFDRIVER *Driver)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_object *o;
    struct wdf_driver *d;
    NTSTATUS status;
    WDF_CHECK_NOT_NULL(g, DriverObject);
    WDF_CHECK_NOT_NULL(g, config);
    status = wdf_check_driver_config(g, DriverObject, config);
    if (NT_SUCCESS(status))
        status = wdf_object_create(g, WDF_TYPE_DRIVER, sizeof(*d), attributes, NULL, &o);
    if (!NT_SUCCESS(status))
        return status;
    d = CONTAINING_RECORD(o, struct wdf_driver, obj);
    d->wdm = DriverObject;
    d->config = *config;
    o->type_cleanup = wdf_driver_cleanup;
    o->type_destroy = wdf_driver_destroy;
    status = wdf_copy_registry_path(d, RegistryPath);
    if (!NT_SUCCESS(status)) {
        wdf_object_delete(o);
        return status;
    }
    os_mutex_lock(&wdf_tree_lock);
    g->driver = d;
    trace_recorder_log(DriverObject, "WdfDriverCreate: driver %p created", (void *)d);
    g->pub.Driver = (WDFDRIVER)d;
    g->pub.DriverFlags = config->DriverInitFlags;
    g->pub.DriverTag = wdf_pool_tag(g, config->DriverPoolTag);
    os_mutex_unlock(&wdf_tree_lock);
    wdf_driver_install(d);
    if (Driver != NULL)
        *Driver = (WDFDRIVER)d;
    return STATUS_SUCCESS;
}

static struct wdf_driver *wdf_driver_get(struct wdf_globals *g, WDFDRIVER handle,
                                         const void *caller, const char *ddi)
{
    return CONTAINING_RECORD(wdf_object_get_in(g, (WDFOBJECT)handle, WDF_TYPE_DRIVER, ddi, caller),
                             struct wdf_driver, obj);
}
#define WDF_DRIVER_GET(g, h) wdf_driver_get(g, h, __builtin_return_address(0), __func__ + 4)

PWSTR imp_WdfDriverGetRegistryPath(PWDF_DRIVER_GLOBALS globals, WDFDRIVER Driver)
{
    return WDF_DRIVER_GET(wdf_globals_of(globals), Driver)->registry_path.Buffer;
}

PDRIVER_OBJECT imp_WdfDriverWdmGetDriverObject(PWDF_DRIVER_GLOBALS globals, WDFDRIVER Driver)
{
    return WDF_DRIVER_GET(wdf_globals_of(globals), Driver)->wdm;
}

WDFDRIVER imp_WdfWdmDriverGetWdfDriverHandle(PWDF_DRIVER_GLOBALS globals,
                                             PDRIVER_OBJECT DriverObject)
{
    struct wdf_globals *g = wdf_globals_of(globals), *owner;
    WDFDRIVER handle = NULL;
    WDF_CHECK_NOT_NULL(g, DriverObject);
    owner = wdf_globals_find(DriverObject);
    os_mutex_lock(&wdf_tree_lock);
    if (owner != NULL && owner->driver != NULL)
        handle = (WDFDRIVER)owner->driver;
    os_mutex_unlock(&wdf_tree_lock);
    return handle;
}

/* Microsoft: TRUE if the framework's version is the one asked for or a later minor version of
 * the same major; the framework here is 1.33. A wrong Size is FALSE. */
BOOLEAN imp_WdfDriverIsVersionAvailable(PWDF_DRIVER_GLOBALS globals, WDFDRIVER Driver,
                                        PWDF_DRIVER_VERSION_AVAILABLE_PARAMS params)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    WDF_DRIVER_GET(g, Driver);
    WDF_CHECK_NOT_NULL(g, params);
    if (params->Size != sizeof(*params))
        return FALSE;
    return params->MajorVersion == 1 && params->MinorVersion <= 33;
}
