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
#include "rtl/rtl.h"
#include "vf/vf.h"
#include "wdf/wdf_private.h"

#define WDF_INIT_MAGIC 0x74696e69u /* 'init' */

static struct WDFDEVICE_INIT *wdf_init_get(struct wdf_globals *g, PWDFDEVICE_INIT init,
                                           const char *ddi, const void *caller)
{
    if (init == NULL)
        wdf_violation_null(g, ddi, "DeviceInit", caller);
    if (init->magic != WDF_INIT_MAGIC)
        ke_bugcheck_msg(BUGCODE_WDF_VIOLATION, VF_10D_BAD_HANDLE, (ULONG_PTR)init, 0, 0,
                        "driver '%s' passed %p to %s: not a WDFDEVICE_INIT (freed, or never one)",
                        g->pub.DriverName, (void *)init, ddi);
    return init;
}
#define WDF_INIT_GET(g, init) wdf_init_get(g, init, __func__ + 4, __builtin_return_address(0))

static void wdf_init_free(PWDFDEVICE_INIT init)
{
    init->magic = 0;
    free(init->name.Buffer);
    free(init);
}

PWDFDEVICE_INIT imp_WdfControlDeviceInitAllocate(PWDF_DRIVER_GLOBALS globals, WDFDRIVER Driver,
                                                 const UNICODE_STRING *SDDLString)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_object *o = wdf_object_get(g, Driver, WDF_TYPE_DRIVER);
    PWDFDEVICE_INIT init;
    WDF_CHECK_NOT_NULL(g, SDDLString); /* drvhost does not apply it (docs/wdf.md) */
    init = calloc(1, sizeof(*init));
    if (init == NULL)
        return NULL;
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

static void wdf_device_cleanup(struct wdf_object *o)
{
    struct wdf_device *dev = CONTAINING_RECORD(o, struct wdf_device, obj);
    if (dev->link.Length != 0)
        IoDeleteSymbolicLink(&dev->link);
    *(struct wdf_device **)dev->wdm->DeviceExtension = NULL;
    IoDeleteDevice(dev->wdm);
}

static void wdf_device_destroy(struct wdf_object *o)
{
    struct wdf_device *dev = CONTAINING_RECORD(o, struct wdf_device, obj);
    free(dev->link.Buffer);
    free(dev->name.Buffer);
}

static NTSTATUS wdf_device_create_wdm(PWDFDEVICE_INIT init, struct wdf_device *dev)
{
    PDEVICE_OBJECT wdm;
    NTSTATUS status = IoCreateDevice(init->driver->wdm, sizeof(struct wdf_device *),
                                     init->name.Length != 0 ? &init->name : NULL, init->device_type,
                                     init->characteristics, init->exclusive, &wdm);
    if (!NT_SUCCESS(status))
        return status;
    if (init->io_type == WdfDeviceIoBuffered)
        wdm->Flags |= DO_BUFFERED_IO;
    else if (init->io_type == WdfDeviceIoDirect)
        wdm->Flags |= DO_DIRECT_IO;
    *(struct wdf_device **)wdm->DeviceExtension = dev;
    dev->wdm = wdm;
    return STATUS_SUCCESS;
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
    status =
        wdf_object_create(g, WDF_TYPE_DEVICE, sizeof(*dev), attributes, &init->driver->obj, &o);
    if (!NT_SUCCESS(status))
        return status;
    dev = CONTAINING_RECORD(o, struct wdf_device, obj);
    dev->driver = init->driver;
    dev->control = init->control;
    status = wdf_device_create_wdm(init, dev);
    if (!NT_SUCCESS(status)) {
        wdf_object_delete(o); /* no WDM device yet: nothing of the type to clean up */
        return status;
    }
    o->type_cleanup = wdf_device_cleanup;
    o->type_destroy = wdf_device_destroy;
    wdf_device_init_requests(dev, init);
    dev->name = init->name; /* the device keeps the name for its symbolic links */
    RtlZeroMemory(&init->name, sizeof(init->name));
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
    WDF_CHECK_NOT_NULL(g, SymbolicLinkName);
    if (dev->name.Length == 0)
        return STATUS_INVALID_DEVICE_STATE; /* a link needs a named device */
    if (dev->link.Length != 0)
        return STATUS_INVALID_DEVICE_REQUEST; /* one link per device in this slice */
    status = wdf_copy_string(&link, SymbolicLinkName);
    if (NT_SUCCESS(status))
        status = IoCreateSymbolicLink(&link, &dev->name);
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

/* Every IRP of a framework driver comes here: file object IRPs to file.c, PnP and power to
 * pnp.c, read, write and device controls to the default queue; the rest is
 * STATUS_INVALID_DEVICE_REQUEST. `dev` is NULL once the WDFDEVICE is deleted. */
NTSTATUS wdf_dispatch(PDEVICE_OBJECT device, PIRP irp)
{
    struct wdf_device *dev = *(struct wdf_device **)device->DeviceExtension;
    switch (IoGetCurrentIrpStackLocation(irp)->MajorFunction) {
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
        return wdf_queue_dispatch(dev, irp);
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
    dev->has_request_attributes = init->has_request_attributes;
    dev->request_attributes = init->request_attributes;
}
