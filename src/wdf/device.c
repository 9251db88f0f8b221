/*
 * device.c - framework devices: WDFDEVICE_INIT (for control devices in this slice),
 * WdfDeviceCreate over IoCreateDevice, symbolic links, and the dispatch routine the framework
 * installs for every IRP major function of its drivers.
 *
 * The WDM device object's extension holds the WDFDEVICE (cleared when the framework device is
 * deleted: a file still open on the device then gets its close, nothing else).
 */
#include <stdlib.h>
#include <string.h>

#include "ke/ke.h"
#include "ob/ob.h"
#include "rtl/rtl.h"
#include "vf/vf.h"
#include "wdf/wdf_private.h"

#define WDF_INIT_MAGIC 0x74696e69u /* 'init' */

struct WDFDEVICE_INIT *wdf_init_get(struct wdf_globals *g, PWDFDEVICE_INIT init, const char *ddi,
                                    const void *caller) /* wpower: power_policy.c uses it too */
{
    if (init == NULL)
        wdf_violation_null(g, ddi, "DeviceInit", caller);
    if (init->magic != WDF_INIT_MAGIC)
        wdf_violation(g, VF_10D_BAD_HANDLE, (ULONG_PTR)init, 0, 0,
                      "driver '%s' passed %p to %s: not a WDFDEVICE_INIT (freed, or never one)",
                      g->pub.DriverName, (void *)init, ddi);
    return init;
}
#define WDF_INIT_GET(g, init) wdf_init_get(g, init, __func__ + 4, __builtin_return_address(0))

static void wdf_init_free(PWDFDEVICE_INIT init)
{
    init->magic = 0;
    wdf_bus_init_free(init);
    wdf_files_free(init->files); /* NULL once WdfDeviceCreate gave them to the device */
    wdf_security_init_free(init);
    wdf_state_init_free(init); /* wdfstate: NULL once WdfDeviceCreate gave them to the device */
    free(init->name.Buffer);
    free(init);
}

PWDFDEVICE_INIT imp_WdfControlDeviceInitAllocate(PWDF_DRIVER_GLOBALS globals, WDFDRIVER Driver,
                                                 const UNICODE_STRING *SDDLString)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_object *o = wdf_object_get(g, Driver, WDF_TYPE_DRIVER);
    PWDFDEVICE_INIT init;
    WDF_CHECK_NOT_NULL(g, SDDLString); /* Microsoft: required; applied by WdfDeviceCreate */
    init = calloc(1, sizeof(*init));
    if (init == NULL)
        return NULL;
    if (!NT_SUCCESS(wdf_security_assign(init, SDDLString))) {
        free(init);
        return NULL;
    }
    init->magic = WDF_INIT_MAGIC;
    init->driver = CONTAINING_RECORD(o, struct wdf_driver, obj);
    init->control = TRUE;
    init->device_type = FILE_DEVICE_UNKNOWN;
    init->characteristics = FILE_DEVICE_SECURE_OPEN;
    init->io_type = WdfDeviceIoBuffered;
    return init;
}

VOID imp_WdfDeviceInitFree(PWDF_DRIVER_GLOBALS globals, PWDFDEVICE_INIT DeviceInit)
{
    wdf_init_free(WDF_INIT_GET(wdf_globals_of(globals), DeviceInit));
}

VOID imp_WdfDeviceInitSetIoType(PWDF_DRIVER_GLOBALS globals, PWDFDEVICE_INIT DeviceInit,
                                WDF_DEVICE_IO_TYPE IoType)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    PWDFDEVICE_INIT init = WDF_INIT_GET(g, DeviceInit);
    if (IoType == WdfDeviceIoNeither || IoType == WdfDeviceIoBuffered ||
        IoType == WdfDeviceIoDirect)
        init->io_type = IoType;
    else
        rtl_diag(RTL_DIAG_WARN, "wdf", "driver '%s': WdfDeviceInitSetIoType(%d) ignored",
                 g->pub.DriverName, IoType);
}

VOID imp_WdfDeviceInitSetExclusive(PWDF_DRIVER_GLOBALS globals, PWDFDEVICE_INIT DeviceInit,
                                   BOOLEAN IsExclusive)
{
    WDF_INIT_GET(wdf_globals_of(globals), DeviceInit)->exclusive = IsExclusive;
}

VOID imp_WdfDeviceInitSetDeviceType(PWDF_DRIVER_GLOBALS globals, PWDFDEVICE_INIT DeviceInit,
                                    DEVICE_TYPE DeviceType)
{
    WDF_INIT_GET(wdf_globals_of(globals), DeviceInit)->device_type = DeviceType;
}

VOID imp_WdfDeviceInitSetCharacteristics(PWDF_DRIVER_GLOBALS globals, PWDFDEVICE_INIT DeviceInit,
                                         ULONG DeviceCharacteristics, BOOLEAN OrInValues)
{
    PWDFDEVICE_INIT init = WDF_INIT_GET(wdf_globals_of(globals), DeviceInit);
    init->characteristics =
        OrInValues ? init->characteristics | DeviceCharacteristics : DeviceCharacteristics;
}

static NTSTATUS wdf_copy_string(PUNICODE_STRING to, PCUNICODE_STRING from)
{
    PWCH buffer = NULL;
    if (from != NULL && from->Length != 0) {
        buffer = malloc(from->Length);
        if (buffer == NULL)
            return STATUS_INSUFFICIENT_RESOURCES;
        memcpy(buffer, from->Buffer, from->Length);
    }
    free(to->Buffer);
    to->Buffer = buffer;
    to->Length = to->MaximumLength = buffer != NULL ? from->Length : 0;
    return STATUS_SUCCESS;
}

NTSTATUS imp_WdfDeviceInitAssignName(PWDF_DRIVER_GLOBALS globals, PWDFDEVICE_INIT DeviceInit,
                                     PCUNICODE_STRING DeviceName)
{
    /* NULL removes the name (Microsoft: WdfDeviceInitAssignName). */
    return wdf_copy_string(&WDF_INIT_GET(wdf_globals_of(globals), DeviceInit)->name, DeviceName);
}

/* ---- WDFDEVICE_INIT of PnP devices ------------------------------------------------------- */

VOID imp_WdfDeviceInitSetPnpPowerEventCallbacks(PWDF_DRIVER_GLOBALS globals,
                                                PWDFDEVICE_INIT DeviceInit,
                                                PWDF_PNPPOWER_EVENT_CALLBACKS callbacks)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    PWDFDEVICE_INIT init = WDF_INIT_GET(g, DeviceInit);
    WDF_CHECK_NOT_NULL(g, callbacks);
    if (callbacks->Size != sizeof(*callbacks)) { /* the routine returns nothing: said, ignored */
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': WdfDeviceInitSetPnpPowerEventCallbacks: Size %lu, not %zu: the "
                 "callbacks are ignored",
                 g->pub.DriverName, (unsigned long)callbacks->Size, sizeof(*callbacks));
        return;
    }
    init->pnp = *callbacks;
}

VOID imp_WdfDeviceInitSetPowerPolicyOwnership(PWDF_DRIVER_GLOBALS globals,
                                              PWDFDEVICE_INIT DeviceInit,
                                              BOOLEAN IsPowerPolicyOwner)
{
    WDF_INIT_GET(wdf_globals_of(globals), DeviceInit)->power_policy_owner =
        IsPowerPolicyOwner ? WdfTrue : WdfFalse;
}

VOID imp_WdfFdoInitSetFilter(PWDF_DRIVER_GLOBALS globals, PWDFDEVICE_INIT DeviceInit)
{
    WDF_INIT_GET(wdf_globals_of(globals), DeviceInit)->filter = TRUE;
}

PDEVICE_OBJECT imp_WdfFdoInitWdmGetPhysicalDevice(PWDF_DRIVER_GLOBALS globals,
                                                  PWDFDEVICE_INIT DeviceInit)
{
    return WDF_INIT_GET(wdf_globals_of(globals), DeviceInit)->pdo;
}

PWDFDEVICE_INIT wdf_device_init_alloc(struct wdf_driver *d)
{
    PWDFDEVICE_INIT init = calloc(1, sizeof(*init));
    if (init == NULL)
        return NULL;
    init->magic = WDF_INIT_MAGIC;
    init->driver = d;
    init->device_type = FILE_DEVICE_UNKNOWN;
    init->io_type = WdfDeviceIoBuffered;
    init->power_policy_owner = WdfUseDefault;
    init->power_pageable = WdfUseDefault;
    return init;
}

/* The framework's AddDevice: a WDFDEVICE_INIT for the PDO, EvtDriverDeviceAdd, and the device
 * it created ready for I/O (DO_DEVICE_INITIALIZING cleared). A failing EvtDriverDeviceAdd
 * leaves no device: the framework deletes the one it created (Microsoft: EvtDriverDeviceAdd). */
NTSTATUS wdf_add_device(PDRIVER_OBJECT driver_object, PDEVICE_OBJECT pdo)
{
    struct wdf_globals *g = wdf_globals_find(driver_object);
    struct wdf_driver *d = g != NULL ? g->driver : NULL;
    PWDFDEVICE_INIT init;
    struct wdf_device *dev;
    NTSTATUS status;
    if (d == NULL || d->config.EvtDriverDeviceAdd == NULL)
        return STATUS_INVALID_DEVICE_REQUEST; /* WdfDriverCreate refuses that; not reached */
    init = wdf_device_init_alloc(d);
    if (init == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    init->pdo = pdo;
    status = d->config.EvtDriverDeviceAdd((WDFDRIVER)d, init);
    dev = init->created;
    wdf_init_free(init); /* created or not, the framework frees it (Microsoft: WdfDeviceCreate) */
    if (!NT_SUCCESS(status)) {
        if (dev != NULL)
            wdf_object_delete(&dev->obj);
        return status;
    }
    if (dev == NULL)
        rtl_diag(RTL_DIAG_WARN, "wdf",
                 "driver '%s': EvtDriverDeviceAdd succeeded without WdfDeviceCreate: the driver "
                 "is not part of the device's stack",
                 g->pub.DriverName);
    else
        dev->wdm->Flags &= ~DO_DEVICE_INITIALIZING;
    return status;
}

static void wdf_device_cleanup(struct wdf_object *o)
{
    struct wdf_device *dev = CONTAINING_RECORD(o, struct wdf_device, obj);
    if (dev->link.Length != 0)
        IoDeleteSymbolicLink(&dev->link);
    wdf_pnp_device_cleanup(dev);
    wdf_bus_device_cleanup(dev);
    wdf_device_pnp_cleanup(dev); /* wdeva: the relation lists */
    *(struct wdf_device **)dev->wdm->DeviceExtension = NULL;
    if (dev->lower != NULL)
        IoDetachDevice(dev->lower);
    IoDeleteDevice(dev->wdm);
}

static void wdf_device_destroy(struct wdf_object *o)
{
    struct wdf_device *dev = CONTAINING_RECORD(o, struct wdf_device, obj);
    free(dev->link.Buffer);
    free(dev->name.Buffer);
    wdf_files_free(dev->files);
    wdf_power_policy_release(dev);
    wdf_wmi_device_free(dev);
    wdf_irp_dispatch_free(dev);
    wdf_gkmdf_device_destroy(dev);
    wdf_state_device_free(dev);
    wdf_remove_lock_device_free(dev);
}

/* A PnP device joins the PDO's stack. A filter takes the I/O type and the power flags of the
 * device below it, as the framework does for filters (Microsoft: WdfDeviceInitSetIoType);
 * framework devices are power-pageable unless the device below is not. */
static NTSTATUS wdf_device_attach(PWDFDEVICE_INIT init, struct wdf_device *dev)
{
    PDEVICE_OBJECT wdm = dev->wdm, lower = NULL;
    NTSTATUS status = wdf_power_policy_attach(init, dev); /* wpower: power policy, idle, wake */
    if (NT_SUCCESS(status))
        lower = IoAttachDeviceToDeviceStack(wdm, init->pdo);
    if (lower == NULL) {
        wdf_power_policy_free(dev);
        *(struct wdf_device **)wdm->DeviceExtension = NULL;
        IoDeleteDevice(wdm);
        dev->wdm = NULL;
        return NT_SUCCESS(status) ? STATUS_NO_SUCH_DEVICE : status;
    }
    dev->lower = lower;
    dev->pdo = init->pdo;
    dev->filter = init->filter;
    wdf_device_detour(dev, WDF_DETOUR_FILTER, init->filter);
    dev->pnp = init->pnp;
    dev->fdo_callbacks = init->fdo_callbacks; /* ioreslist (ioreslist.c) */
    /* Microsoft: the function driver owns power policy unless it says otherwise; a filter
     * only when it asks for it. */
    dev->power_policy_owner = init->power_policy_owner == WdfUseDefault
                                  ? !init->filter
                                  : init->power_policy_owner == WdfTrue;
    if (init->filter) {
        wdm->Flags &= ~(DO_BUFFERED_IO | DO_DIRECT_IO);
        wdm->Flags |= lower->Flags & (DO_BUFFERED_IO | DO_DIRECT_IO);
        wdm->DeviceType = lower->DeviceType;
        wdm->Characteristics |= lower->Characteristics;
    }
    wdf_device_pnp_power_flags(init, wdm, lower, NULL); /* wdeva */
    return STATUS_SUCCESS;
}

static NTSTATUS wdf_device_create_wdm(PWDFDEVICE_INIT init, struct wdf_device *dev)
{
    PDEVICE_OBJECT wdm;
    NTSTATUS status = wdf_security_create_device(init, sizeof(struct wdf_device *), &wdm);
    if (!NT_SUCCESS(status))
        return status;
    if (init->io_type == WdfDeviceIoBuffered)
        wdm->Flags |= DO_BUFFERED_IO;
    else if (init->io_type == WdfDeviceIoDirect)
        wdm->Flags |= DO_DIRECT_IO;
    *(struct wdf_device **)wdm->DeviceExtension = dev;
    dev->wdm = wdm;
    return init->pdo != NULL ? wdf_device_attach(init, dev) : STATUS_SUCCESS;
}

NTSTATUS imp_WdfDeviceCreate(PWDF_DRIVER_GLOBALS globals, PWDFDEVICE_INIT *DeviceInit,
                             PWDF_OBJECT_ATTRIBUTES attributes, WDFDEVICE *Device)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    PWDFDEVICE_INIT init;
    struct wdf_object *o;
    struct wdf_device *dev;
    NTSTATUS status;
    WDF_CHECK_NOT_NULL(g, DeviceInit);
    WDF_CHECK_NOT_NULL(g, Device);
    init = WDF_INIT_GET(g, *DeviceInit);
    status = wdf_object_create(g, WDF_TYPE_DEVICE, sizeof(*dev), attributes,
                               init->bus != NULL && init->bus->is_pdo ? &init->bus->parent->obj
                                                                      : &init->driver->obj,
                               &o); /* wbus: a PDO is a child of its parent device */
    if (!NT_SUCCESS(status))
        return status;
    dev = CONTAINING_RECORD(o, struct wdf_device, obj);
    dev->driver = init->driver;
    dev->control = init->control;
    status = wdf_files_check(g, init, dev); /* s14-wdffile: the file objects' scope and level */
    if (NT_SUCCESS(status))
        status = wdf_device_create_wdm(init, dev);
    if (!NT_SUCCESS(status)) {
        wdf_object_delete(o); /* no WDM device yet: nothing of the type to clean up */
        return status;
    }
    o->type_cleanup = wdf_device_cleanup;
    o->type_destroy = wdf_device_destroy;
    wdf_state_device_created(init, dev); /* wdfstate: first states, state-change callbacks */
    status = wdf_remove_lock_device_created(init, dev); /* wdfstate */
    if (!NT_SUCCESS(status)) {
        wdf_object_delete(o);
        return status;
    }
    wdf_device_init_requests(dev, init);
    wdf_files_to_device(init, dev);
    status = wdf_shutdown_device_created(init, dev); /* gkmdf: a control device's notification */
    if (!NT_SUCCESS(status)) {
        wdf_object_delete(o);
        return status;
    }
    if (init->bus != NULL) { /* wbus: a PDO, or an FDO with a default child list */
        status = wdf_bus_device_created(init, dev);
        if (!NT_SUCCESS(status)) {
            wdf_object_delete(o);
            return status;
        }
    }
    if (dev->lower != NULL) {
        status = wdf_iotarget_create_default(dev);
        if (!NT_SUCCESS(status)) {
            wdf_object_delete(o);
            return status;
        }
    }
    if (init->allow_self_target) { /* wdevb (self_target.c) */
        status = wdf_iotarget_create_self(dev);
        if (!NT_SUCCESS(status)) {
            wdf_object_delete(o);
            return status;
        }
    }
    init->created = dev;
    dev->name = init->name; /* the device keeps the name for its symbolic links */
    RtlZeroMemory(&init->name, sizeof(init->name));
    if (init->pdo == NULL)   /* AddDevice frees a PnP device's init after EvtDriverDeviceAdd */
        wdf_init_free(init); /* the framework owns it from here (Microsoft: WdfDeviceCreate) */
    *DeviceInit = NULL;
    *Device = (WDFDEVICE)dev;
    return STATUS_SUCCESS;
}

#define WDF_DEVICE_GET(g, h)                                                                       \
    CONTAINING_RECORD(wdf_object_get(g, h, WDF_TYPE_DEVICE), struct wdf_device, obj)

NTSTATUS imp_WdfDeviceCreateSymbolicLink(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device,
                                         PCUNICODE_STRING SymbolicLinkName)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_device *dev = WDF_DEVICE_GET(g, Device);
    UNICODE_STRING link = {0};
    NTSTATUS status;
    /* An unnamed PnP device's link names its PDO (Microsoft's fakemodem sample: "our FDO doesn't
     * have a name"): an open by that name reaches the top of the PDO's stack, this device. */
    PCUNICODE_STRING target = dev->name.Length != 0 ? &dev->name
                              : dev->pdo != NULL    ? ob_name_of(dev->pdo)
                                                    : NULL;
    WDF_CHECK_NOT_NULL(g, SymbolicLinkName);
    if (target == NULL || target->Length == 0)
        return STATUS_INVALID_DEVICE_STATE; /* a link needs a named device */
    if (dev->link.Length != 0)
        return STATUS_INVALID_DEVICE_REQUEST; /* one link per device in this slice */
    status = wdf_copy_string(&link, SymbolicLinkName);
    if (NT_SUCCESS(status))
        status = IoCreateSymbolicLink(&link, (PUNICODE_STRING)target);
    if (!NT_SUCCESS(status)) {
        free(link.Buffer);
        return status;
    }
    dev->link = link;
    return STATUS_SUCCESS;
}

VOID imp_WdfControlFinishInitializing(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_device *dev = WDF_DEVICE_GET(g, Device);
    if (!dev->control) {
        rtl_diag(RTL_DIAG_WARN, "wdf",
                 "driver '%s': WdfControlFinishInitializing on a device that is not a control "
                 "device is ignored",
                 g->pub.DriverName);
        return;
    }
    dev->wdm->Flags &= ~DO_DEVICE_INITIALIZING;
}

PDEVICE_OBJECT imp_WdfDeviceWdmGetDeviceObject(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device)
{
    return WDF_DEVICE_GET(wdf_globals_of(globals), Device)->wdm;
}

WDFDRIVER imp_WdfDeviceGetDriver(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device)
{
    return (WDFDRIVER)WDF_DEVICE_GET(wdf_globals_of(globals), Device)->driver;
}

WDFQUEUE imp_WdfDeviceGetDefaultQueue(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device)
{
    return (WDFQUEUE)WDF_DEVICE_GET(wdf_globals_of(globals), Device)->default_queue;
}

/* The WDFDEVICE of a device object of a framework driver; NULL for any other device object. */
static struct wdf_device *wdf_device_of(PDEVICE_OBJECT wdm)
{
    if (wdm->DriverObject->MajorFunction[IRP_MJ_CREATE] != wdf_dispatch ||
        wdm->DeviceExtension == NULL)
        return NULL;
    return *(struct wdf_device **)wdm->DeviceExtension;
}

WDFDEVICE imp_WdfWdmDeviceGetWdfDeviceHandle(PWDF_DRIVER_GLOBALS globals,
                                             PDEVICE_OBJECT DeviceObject)
{
    WDF_CHECK_NOT_NULL(wdf_globals_of(globals), DeviceObject);
    return (WDFDEVICE)wdf_device_of(DeviceObject);
}

NTSTATUS wdf_irp_complete(PIRP irp, NTSTATUS status)
{
    irp->IoStatus.Status = status;
    irp->IoStatus.Information = 0;
    IoCompleteRequest(irp, IO_NO_INCREMENT);
    return status;
}

/* Whether a filter's own queue takes an IRP of this major function; everything else the
 * framework sends to the next lower driver for a filter (Microsoft: "Creating Device Objects in
 * a Filter Driver"). */
static BOOLEAN wdf_filter_keeps(struct wdf_device *dev, UCHAR major)
{
    struct wdf_queue *q = __atomic_load_n(&dev->default_queue, __ATOMIC_ACQUIRE);
    if (major == IRP_MJ_CREATE || major == IRP_MJ_CLEANUP || major == IRP_MJ_CLOSE)
        return TRUE;                    /* file.c forwards them as AutoForwardCleanupClose says */
    if (major == IRP_MJ_SYSTEM_CONTROL) /* whdr: its own WMI blocks, if any (wmi.c) */
        return TRUE;
    if (major != IRP_MJ_READ && major != IRP_MJ_WRITE && major != IRP_MJ_DEVICE_CONTROL &&
        major != IRP_MJ_INTERNAL_DEVICE_CONTROL)
        return FALSE;
    return q != NULL && wdf_queue_handles(q, major);
}

NTSTATUS wdf_irp_pass_down(struct wdf_device *dev, PIRP irp)
{
    if (dev->lower == NULL && dev->pdo_part != NULL) /* wbus: nothing below a PDO */
        return wdf_pdo_complete_irp(dev, irp);
    if (IoGetCurrentIrpStackLocation(irp)->MajorFunction == IRP_MJ_POWER) {
        PoStartNextPowerIrp(irp);
        IoSkipCurrentIrpStackLocation(irp);
        return PoCallDriver(dev->lower, irp);
    }
    IoSkipCurrentIrpStackLocation(irp);
    return IoCallDriver(dev->lower, irp);
}

/* Every IRP of a framework driver comes here: to the driver's EvtDeviceWdmIrpPreprocess when
 * it registered one for the IRP (file.c), else to the framework. `dev` is NULL once the
 * WDFDEVICE is deleted. */
NTSTATUS wdf_dispatch(PDEVICE_OBJECT device, PIRP irp)
{
    struct wdf_device *dev = *(struct wdf_device **)device->DeviceExtension;
    UCHAR major = IoGetCurrentIrpStackLocation(irp)->MajorFunction;
    NTSTATUS status;
    /* session 12: the common case in one test, as wdf_preprocess, wdf_dispatch_framework and
     * wdf_dispatch_default would decide in three calls (session 14: reads, writes and device
     * controls come through wdf_dispatch_io, which makes the same test first). */
    if ((major == IRP_MJ_READ || major == IRP_MJ_WRITE || major == IRP_MJ_DEVICE_CONTROL ||
         major == IRP_MJ_INTERNAL_DEVICE_CONTROL) &&
        wdf_device_io_goes_to_queue(dev))
        return wdf_queue_dispatch(dev, irp);
    if (wdf_preprocess(dev, irp, &status))
        return status;
    return wdf_dispatch_framework(dev, irp);
}

/* The framework's own handling: a filter sends down what its queue does not take; file object
 * IRPs to file.c, PnP and power to pnp.c, read, write and device controls to the default
 * queue; the rest is STATUS_INVALID_DEVICE_REQUEST. The driver's EvtDeviceWdmIrpDispatch, when it
 * has one for the IRP, sees it first (irp_dispatch.c). */
NTSTATUS wdf_dispatch_framework(struct wdf_device *dev, PIRP irp)
{
    NTSTATUS status;
    if (dev != NULL && __atomic_load_n(&dev->irp_dispatch, __ATOMIC_RELAXED) != NULL &&
        wdf_irp_dispatch(dev, irp, &status))
        return status; /* w117: the driver's EvtDeviceWdmIrpDispatch (irp_dispatch.c) */
    return wdf_dispatch_default(dev, irp);
}

NTSTATUS wdf_dispatch_default(struct wdf_device *dev, PIRP irp)
{
    UCHAR major = IoGetCurrentIrpStackLocation(irp)->MajorFunction;
    if (dev != NULL && dev->filter && major != IRP_MJ_PNP && major != IRP_MJ_POWER &&
        !wdf_filter_keeps(dev, major))
        return wdf_irp_pass_down(dev, irp);
    switch (major) {
    case IRP_MJ_CREATE:
    case IRP_MJ_CLEANUP:
    case IRP_MJ_CLOSE:
        return wdf_file_dispatch(dev, irp);
    case IRP_MJ_PNP:
    case IRP_MJ_POWER:
        return wdf_pnp_dispatch(dev, irp);
    case IRP_MJ_READ:
    case IRP_MJ_WRITE:
    case IRP_MJ_DEVICE_CONTROL:
    case IRP_MJ_INTERNAL_DEVICE_CONTROL:
        if (dev == NULL)
            return wdf_irp_complete(irp, STATUS_DELETE_PENDING);
        if (dev->remove_lock != NULL) /* wdfstate: WdfDeviceInitSetRemoveLockOptions */
            return wdf_remove_lock_dispatch(dev, irp);
        return wdf_queue_dispatch(dev, irp);
    case IRP_MJ_SYSTEM_CONTROL:
        return wdf_wmi_dispatch(dev, irp);
    case IRP_MJ_SHUTDOWN: /* gkmdf */
        return wdf_shutdown_dispatch(dev, irp);
    default:
        return wdf_irp_complete(irp, STATUS_INVALID_DEVICE_REQUEST);
    }
}

/* ---- requests: WDFDEVICE_INIT settings (wio) ---------------------------------------------- */

VOID imp_WdfDeviceInitSetIoInCallerContextCallback(
    PWDF_DRIVER_GLOBALS globals, PWDFDEVICE_INIT DeviceInit,
    PFN_WDF_IO_IN_CALLER_CONTEXT EvtIoInCallerContext)
{
    WDF_INIT_GET(wdf_globals_of(globals), DeviceInit)->in_caller_context = EvtIoInCallerContext;
}

/* Microsoft (WdfDeviceInitSetRequestAttributes): the attributes of every request object the
 * framework creates for the device (a context); a request's parent is always the framework's. */
VOID imp_WdfDeviceInitSetRequestAttributes(PWDF_DRIVER_GLOBALS globals, PWDFDEVICE_INIT DeviceInit,
                                           PWDF_OBJECT_ATTRIBUTES RequestAttributes)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    PWDFDEVICE_INIT init = WDF_INIT_GET(g, DeviceInit);
    WDF_CHECK_NOT_NULL(g, RequestAttributes);
    if (RequestAttributes->Size != sizeof(WDF_OBJECT_ATTRIBUTES) ||
        RequestAttributes->ParentObject != NULL) {
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': WdfDeviceInitSetRequestAttributes: %s; ignored", g->pub.DriverName,
                 RequestAttributes->ParentObject != NULL
                     ? "a request's parent is the framework's (ParentObject must be NULL)"
                     : "WDF_OBJECT_ATTRIBUTES.Size is not sizeof(WDF_OBJECT_ATTRIBUTES)");
        return;
    }
    init->request_attributes = *RequestAttributes;
    init->has_request_attributes = TRUE;
}

void wdf_device_init_requests(struct wdf_device *dev, PWDFDEVICE_INIT init)
{
    dev->in_caller_context = init->in_caller_context;
    wdf_device_detour(dev, WDF_DETOUR_CALLER_CONTEXT, init->in_caller_context != NULL);
    dev->has_request_attributes = init->has_request_attributes;
    dev->request_attributes = init->request_attributes;
}

/* ---- PnP devices: interfaces, WDM objects, registry keys ---------------------------------- */

/* A device interface of WdfDeviceCreateDeviceInterface: registered on the PDO at once (a
 * framework PDO the bus has not reported yet: at its start, when the PnP manager knows it),
 * enabled while the device is started (wdf_device_interfaces_set), unless the driver disabled
 * it. */
struct wdf_interface {
    struct wdf_interface *next;
    GUID guid;
    UNICODE_STRING reference; /* our copy, empty if none */
    UNICODE_STRING link;      /* IoRegisterDeviceInterface's */
    BOOLEAN wanted;           /* WdfDeviceSetDeviceInterfaceState's last word (TRUE at first) */
    BOOLEAN enabled;
};

static struct wdf_device *wdf_pnp_device_get(struct wdf_globals *g, WDFDEVICE handle,
                                             const char *ddi)
{
    struct wdf_device *dev = CONTAINING_RECORD(
        wdf_object_get_in(g, (WDFOBJECT)handle, WDF_TYPE_DEVICE, ddi, __builtin_return_address(0)),
        struct wdf_device, obj);
    if (dev->pdo == NULL)
        rtl_diag(RTL_DIAG_ERROR, "wdf", "driver '%s': %s on a control device, which has no PDO",
                 g->pub.DriverName, ddi);
    return dev;
}

static void wdf_interface_apply(struct wdf_interface *i, BOOLEAN on)
{
    if (i->enabled == on || i->link.Buffer == NULL) /* not registered: never enabled */
        return;
    if (NT_SUCCESS(IoSetDeviceInterfaceState(&i->link, on)) || !on)
        i->enabled = on;
}

static NTSTATUS wdf_interface_register(struct wdf_device *dev, struct wdf_interface *i)
{
    return IoRegisterDeviceInterface(dev->pdo, &i->guid,
                                     i->reference.Length != 0 ? &i->reference : NULL, &i->link);
}

void wdf_device_interfaces_set(struct wdf_device *dev, BOOLEAN started)
{
    for (struct wdf_interface *i = dev->interfaces; i != NULL; i = i->next)
        if (i->link.Buffer != NULL || (started && NT_SUCCESS(wdf_interface_register(dev, i))))
            wdf_interface_apply(i, started && i->wanted);
}

static BOOLEAN wdf_reference_equal(PCUNICODE_STRING a, PCUNICODE_STRING b)
{
    USHORT la = a != NULL ? a->Length : 0, lb = b != NULL ? b->Length : 0;
    return la == lb && (la == 0 || memcmp(a->Buffer, b->Buffer, la) == 0);
}

static struct wdf_interface *wdf_interface_find(struct wdf_device *dev, const GUID *guid,
                                                PCUNICODE_STRING reference)
{
    struct wdf_interface *i = dev->interfaces;
    while (i != NULL && (memcmp(&i->guid, guid, sizeof(*guid)) != 0 ||
                         !wdf_reference_equal(&i->reference, reference)))
        i = i->next;
    return i;
}

NTSTATUS imp_WdfDeviceCreateDeviceInterface(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device,
                                            const GUID *InterfaceClassGUID,
                                            PCUNICODE_STRING ReferenceString)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_device *dev = wdf_pnp_device_get(g, Device, "WdfDeviceCreateDeviceInterface");
    struct wdf_interface *i;
    NTSTATUS status;
    WDF_CHECK_NOT_NULL(g, InterfaceClassGUID);
    if (dev->pdo == NULL)
        return STATUS_INVALID_DEVICE_REQUEST;
    if (wdf_interface_find(dev, InterfaceClassGUID, ReferenceString) != NULL)
        return STATUS_OBJECT_NAME_COLLISION; /* drvhost's choice: the page names none */
    i = calloc(1, sizeof(*i));
    if (i == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    i->guid = *InterfaceClassGUID;
    status = wdf_copy_string(&i->reference, ReferenceString);
    /* A framework PDO no PnP IRP has reached is not reported yet (kbfiltr creates its raw PDO's
     * interface in its EvtDriverDeviceAdd): the PnP manager does not know it, so the
     * registration waits for its start. */
    if (NT_SUCCESS(status) && !(dev->pdo_part != NULL && dev->state == NULL))
        status = wdf_interface_register(dev, i);
    if (!NT_SUCCESS(status)) {
        free(i->reference.Buffer);
        free(i);
        return status;
    }
    i->wanted = TRUE;
    i->next = dev->interfaces; /* PnP IRPs and EvtDriverDeviceAdd run on the PnP thread */
    dev->interfaces = i;
    return STATUS_SUCCESS;
}

/* Microsoft: the state takes effect at once on a started device; before the start it says
 * whether the framework enables the interface when the device starts. */
VOID imp_WdfDeviceSetDeviceInterfaceState(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device,
                                          const GUID *InterfaceClassGUID,
                                          PCUNICODE_STRING ReferenceString,
                                          BOOLEAN IsInterfaceEnabled)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_device *dev = wdf_pnp_device_get(g, Device, "WdfDeviceSetDeviceInterfaceState");
    struct wdf_interface *i;
    WDF_CHECK_NOT_NULL(g, InterfaceClassGUID);
    i = wdf_interface_find(dev, InterfaceClassGUID, ReferenceString);
    if (i == NULL) {
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': WdfDeviceSetDeviceInterfaceState: no such interface (create it "
                 "with WdfDeviceCreateDeviceInterface first)",
                 g->pub.DriverName);
        return;
    }
    i->wanted = IsInterfaceEnabled;
    if (wdf_pnp_started(dev))
        wdf_interface_apply(i, IsInterfaceEnabled);
}

/* Microsoft (WdfDeviceRetrieveDeviceInterfaceString): the symbolic link name of an interface
 * the driver created; STATUS_INVALID_DEVICE_STATE while it has none (the interface of a PDO not
 * reported yet is registered at its start). wdeva. */
NTSTATUS imp_WdfDeviceRetrieveDeviceInterfaceString(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device,
                                                    const GUID *InterfaceClassGUID,
                                                    PCUNICODE_STRING ReferenceString,
                                                    WDFSTRING String)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_device *dev = WDF_DEVICE_GET(g, Device);
    struct wdf_string *s =
        CONTAINING_RECORD(wdf_object_get(g, String, WDF_TYPE_STRING), struct wdf_string, obj);
    struct wdf_interface *i;
    if (KeGetCurrentIrql() != PASSIVE_LEVEL || dev->control)
        return STATUS_INVALID_DEVICE_REQUEST;
    if (InterfaceClassGUID == NULL)
        return STATUS_INVALID_PARAMETER;
    i = wdf_interface_find(dev, InterfaceClassGUID, ReferenceString);
    if (i == NULL)
        return STATUS_OBJECT_NAME_NOT_FOUND;
    if (i->link.Buffer == NULL)
        return STATUS_INVALID_DEVICE_STATE;
    return wdf_string_assign(s, i->link.Buffer, i->link.Length);
}

void wdf_device_interfaces_free(struct wdf_device *dev)
{
    while (dev->interfaces != NULL) {
        struct wdf_interface *i = dev->interfaces;
        dev->interfaces = i->next;
        wdf_interface_apply(i, FALSE);
        RtlFreeUnicodeString(&i->link);
        free(i->reference.Buffer);
        free(i);
    }
}

PDEVICE_OBJECT imp_WdfDeviceWdmGetAttachedDevice(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device)
{
    return WDF_DEVICE_GET(wdf_globals_of(globals), Device)->lower;
}

PDEVICE_OBJECT imp_WdfDeviceWdmGetPhysicalDevice(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device)
{
    return WDF_DEVICE_GET(wdf_globals_of(globals), Device)->pdo;
}

/* The hardware (PLUGPLAY_REGKEY_DEVICE) or software (PLUGPLAY_REGKEY_DRIVER) key of the
 * device, through IoOpenDeviceRegistryKey, wrapped as registry.c wraps its keys (parent: the
 * attributes' or the driver); closing it is deleting it. */
NTSTATUS imp_WdfDeviceOpenRegistryKey(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device,
                                      ULONG DeviceInstanceKeyType, ACCESS_MASK DesiredAccess,
                                      PWDF_OBJECT_ATTRIBUTES KeyAttributes, WDFKEY *Key)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_device *dev = wdf_pnp_device_get(g, Device, "WdfDeviceOpenRegistryKey");
    HANDLE handle;
    NTSTATUS status;
    WDF_CHECK_NOT_NULL(g, Key);
    *Key = NULL;
    if (dev->pdo == NULL)
        return STATUS_INVALID_DEVICE_REQUEST;
    status = IoOpenDeviceRegistryKey(dev->pdo, DeviceInstanceKeyType, DesiredAccess, &handle);
    if (!NT_SUCCESS(status))
        return status;
    return wdf_key_wrap(g, handle, DesiredAccess, KeyAttributes, "WdfDeviceOpenRegistryKey",
                        __builtin_return_address(0), Key);
}
