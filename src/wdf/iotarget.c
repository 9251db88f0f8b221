/*
 * iotarget.c - I/O targets: the default target of a PnP device (the next lower device of its
 * stack, WdfDeviceGetIoTarget), general (remote) targets (WdfIoTargetCreate, opened on a device
 * object or by name through the object manager), their states (started, stopped, purged,
 * closed), formatting a request for a target and sending it (WdfRequestSend: send and forget,
 * asynchronously with a completion routine, or synchronously; the WdfIoTargetSendXxx-
 * Synchronously routines).
 *
 * A sent request stays the driver's: the IRP comes back through our IoCompletion routine,
 * which returns STATUS_MORE_PROCESSING_REQUIRED, records the completion parameters and calls
 * the driver's completion routine, which completes the request (IoCompleteRequest again, from
 * our location up). Send and forget hands the IRP itself to the target: the request object is
 * retired at once, without completing the IRP.
 *
 * The target's gates (Microsoft, "Controlling a General I/O Target's State"): started, a
 * request goes to the target's device at once; stopped, it waits in the target (delivered by
 * WdfIoTargetStart, canceled by a purge); purged or closed, it fails with
 * STATUS_INVALID_DEVICE_STATE. WDF_REQUEST_SEND_OPTION_IGNORE_TARGET_STATE passes every gate
 * of an open target.
 *
 * Locking: the target's lock covers its state and its two lists (sent, waiting). Canceling a
 * sent request calls IoCancelIrp outside the lock: the request is marked held first, and its
 * coming back waits until every canceller is done with the IRP (but for the holds of the thread
 * the IRP comes back on, inside its own IoCancelIrp: wdf_cancelling).
 */
#include <stdlib.h>
#include <string.h>

#include <wdmguid.h> /* the target-device-change events */

#include "io/io.h" /* struct io_device: the stack below a target */
#include "ke/ke.h"
#include "ob/ob.h"
#include "rtl/rtl.h"
#include "vf/vf.h"
#include "wdf/wdf_private.h"

/* request.c's (the function table's implementation). */
VOID imp_WdfRequestCompleteWithInformation(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request,
                                           NTSTATUS Status, ULONG_PTR Information);

struct wdf_iotarget {
    struct wdf_object obj;
    struct wdf_device *device;
    PDEVICE_OBJECT target; /* the device IRPs are sent to; NULL while closed */
    /* ---- general targets ---- */
    BOOLEAN remote;  /* WdfIoTargetCreate's (not a device's default target) */
    os_mutex lock;   /* state, sent, waiting, counted */
    os_cond changed; /* a request left `sent`, or a canceller let go of one */
    WDF_IO_TARGET_STATE state;
    LIST_ENTRY sent;    /* requests at the target's device */
    LIST_ENTRY waiting; /* requests sent while stopped */
    ULONG counted;      /* sent requests a stop waits for (not IGNORE_TARGET_STATE ones) */
    PFILE_OBJECT file;  /* the target's file object (by name: ours, referenced) */
    HANDLE handle;      /* by name: the kernel handle of ZwCreateFile */
    PDEVICE_OBJECT pdo; /* the bottom of the target's stack */
    BOOLEAN referenced; /* `target` carries a reference of ours (existing device) */
    WDF_IO_TARGET_OPEN_PARAMS open; /* the callbacks and the name, for WdfIoTargetOpenReopen */
    UNICODE_STRING name;            /* our copy of TargetDeviceName */
    /* The target-device-change registration of a target opened by name on a PnP device
     * (IoRegisterPlugPlayNotification), from the open to WdfIoTargetClose or deletion; kept
     * across a close for query-remove so that the cancel or completion still arrives. */
    PVOID notification;
    struct ke_thread *notifying; /* the thread in our notification callback (NULL: none) */
    BOOLEAN query_pending;       /* a query-remove was told, its cancel or completion not yet */
    /* usb.c: a USB device's or pipe's part, freed by usb_cleanup with the target (NULL: a
     * plain target) */
    void *usb;
    void (*usb_cleanup)(void *usb);
    /* wdevb: the device's self I/O target (its own device object; never closed) */
    BOOLEAN self;
};

static void wdf_target_close(struct wdf_iotarget *t, WDF_IO_TARGET_STATE final);

static void wdf_iotarget_destroy(struct wdf_object *o)
{
    struct wdf_iotarget *t = CONTAINING_RECORD(o, struct wdf_iotarget, obj);
    if (t->usb_cleanup != NULL)
        t->usb_cleanup(t->usb);
    free(t->name.Buffer);
    os_cond_destroy(&t->changed);
    os_mutex_destroy(&t->lock);
}

/* Deleting a target closes it (Microsoft: WdfIoTargetClose is implied by the deletion). */
static void wdf_target_unregister(struct wdf_iotarget *t);

static void wdf_iotarget_cleanup(struct wdf_object *o)
{
    struct wdf_iotarget *t = CONTAINING_RECORD(o, struct wdf_iotarget, obj);
    if (t->remote) {
        wdf_target_unregister(t);
        wdf_target_close(t, WdfIoTargetDeleted);
    }
}

/* A target of the device under `parent` (NULL: the device). */
static NTSTATUS wdf_iotarget_new(struct wdf_globals *g, struct wdf_device *dev,
                                 PWDF_OBJECT_ATTRIBUTES attributes, struct wdf_iotarget **out,
                                 struct wdf_object *parent)
{
    struct wdf_object *o;
    struct wdf_iotarget *t;
    NTSTATUS status = wdf_object_create(g, WDF_TYPE_IOTARGET, sizeof(*t), attributes,
                                        parent != NULL ? parent : &dev->obj, &o);
    if (!NT_SUCCESS(status))
        return status;
    t = CONTAINING_RECORD(o, struct wdf_iotarget, obj);
    t->device = dev;
    os_mutex_init(&t->lock);
    os_cond_init(&t->changed);
    InitializeListHead(&t->sent);
    InitializeListHead(&t->waiting);
    o->type_cleanup = wdf_iotarget_cleanup;
    o->type_destroy = wdf_iotarget_destroy;
    *out = t;
    return STATUS_SUCCESS;
}

/* A started target of the device (its child) whose IRPs go to `device`. */
static NTSTATUS wdf_iotarget_new_started(struct wdf_device *dev, PDEVICE_OBJECT device,
                                         struct wdf_iotarget **out)
{
    NTSTATUS status = wdf_iotarget_new(dev->obj.owner, dev, NULL, out, NULL);
    if (!NT_SUCCESS(status))
        return status;
    (*out)->target = device;
    (*out)->pdo = dev->pdo;
    (*out)->state = WdfIoTargetStarted;
    return STATUS_SUCCESS;
}

NTSTATUS wdf_iotarget_create_default(struct wdf_device *dev)
{
    return wdf_iotarget_new_started(dev, dev->lower, &dev->target);
}

PDEVICE_OBJECT wdf_iotarget_device(struct wdf_iotarget *t)
{
    return t->target;
}

#define WDF_TARGET_GET(g, h)                                                                       \
    CONTAINING_RECORD(wdf_object_get(g, h, WDF_TYPE_IOTARGET), struct wdf_iotarget, obj)
#define WDF_REQUEST_GET(g, h)                                                                      \
    CONTAINING_RECORD(wdf_object_get(g, h, WDF_TYPE_REQUEST), struct wdf_request, obj)

/* Microsoft: a control device has no default I/O target (NULL). */
WDFIOTARGET imp_WdfDeviceGetIoTarget(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device)
{
    struct wdf_object *o = wdf_object_get(wdf_globals_of(globals), Device, WDF_TYPE_DEVICE);
    return (WDFIOTARGET)CONTAINING_RECORD(o, struct wdf_device, obj)->target;
}

PDEVICE_OBJECT imp_WdfIoTargetWdmGetTargetDeviceObject(PWDF_DRIVER_GLOBALS globals,
                                                       WDFIOTARGET IoTarget)
{
    return WDF_TARGET_GET(wdf_globals_of(globals), IoTarget)->target;
}

PDEVICE_OBJECT imp_WdfIoTargetWdmGetTargetPhysicalDevice(PWDF_DRIVER_GLOBALS globals,
                                                         WDFIOTARGET IoTarget)
{
    return WDF_TARGET_GET(wdf_globals_of(globals), IoTarget)->pdo;
}

PFILE_OBJECT imp_WdfIoTargetWdmGetTargetFileObject(PWDF_DRIVER_GLOBALS globals,
                                                   WDFIOTARGET IoTarget)
{
    return WDF_TARGET_GET(wdf_globals_of(globals), IoTarget)->file;
}

HANDLE imp_WdfIoTargetWdmGetTargetFileHandle(PWDF_DRIVER_GLOBALS globals, WDFIOTARGET IoTarget)
{
    return WDF_TARGET_GET(wdf_globals_of(globals), IoTarget)->handle;
}

WDFDEVICE imp_WdfIoTargetGetDevice(PWDF_DRIVER_GLOBALS globals, WDFIOTARGET IoTarget)
{
    return (WDFDEVICE)WDF_TARGET_GET(wdf_globals_of(globals), IoTarget)->device;
}

WDF_IO_TARGET_STATE imp_WdfIoTargetGetState(PWDF_DRIVER_GLOBALS globals, WDFIOTARGET IoTarget)
{
    struct wdf_iotarget *t = WDF_TARGET_GET(wdf_globals_of(globals), IoTarget);
    WDF_IO_TARGET_STATE state;
    os_mutex_lock(&t->lock);
    state = t->state;
    os_mutex_unlock(&t->lock);
    return state;
}

/* ---- creating and opening general targets -------------------------------------------------- */

/* Microsoft: the target's parent is the device unless the attributes name another (a
 * descendant of it); a closed target until WdfIoTargetOpen. */
NTSTATUS imp_WdfIoTargetCreate(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device,
                               PWDF_OBJECT_ATTRIBUTES IoTargetAttributes, WDFIOTARGET *IoTarget)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_device *dev =
        CONTAINING_RECORD(wdf_object_get(g, Device, WDF_TYPE_DEVICE), struct wdf_device, obj);
    struct wdf_iotarget *t;
    NTSTATUS status;
    WDF_CHECK_NOT_NULL(g, IoTarget);
    *IoTarget = NULL;
    status = wdf_iotarget_new(g, dev, IoTargetAttributes, &t, NULL);
    if (!NT_SUCCESS(status))
        return status;
    t->remote = TRUE;
    t->state = WdfIoTargetClosed;
    *IoTarget = (WDFIOTARGET)t;
    return STATUS_SUCCESS;
}

/* The PDO at the bottom of the stack `device` is in; NULL when the stack has none (a
 * legacy device). The stack stays while the target holds a reference on its top. */
static PDEVICE_OBJECT wdf_stack_bottom(PDEVICE_OBJECT device)
{
    struct io_device *d = CONTAINING_RECORD(device, struct io_device, object);
    while (d->attached_to != NULL)
        d = CONTAINING_RECORD(d->attached_to, struct io_device, object);
    return d->pnp_node != NULL ? &d->object : NULL;
}

/* WdfIoTargetOpenByName: the I/O manager's create IRP for the named device (through the
 * object manager) with the parameters' DesiredAccess, ShareAccess, CreateDisposition,
 * CreateOptions and FileAttributes, and a kernel handle to the file object; the target is the
 * top of the stack the file was opened on. drvhost's ZwCreateFile opens only sandbox files, so
 * the I/O manager's open is called directly (io_open_with). */
static NTSTATUS wdf_target_open_by_name(struct wdf_iotarget *t, PWDF_IO_TARGET_OPEN_PARAMS p)
{
    struct io_create_params create = {.share = p->ShareAccess,
                                      .disposition = p->CreateDisposition,
                                      .options = p->CreateOptions,
                                      .attributes = p->FileAttributes};
    struct io_file *file;
    HANDLE h = NULL;
    NTSTATUS status;
    if (p->TargetDeviceName.Buffer == NULL || p->TargetDeviceName.Length == 0)
        return STATUS_INVALID_PARAMETER;
    status = io_open_with(&p->TargetDeviceName, p->DesiredAccess, &create, KernelMode, &file);
    if (!NT_SUCCESS(status))
        return status;
    status = ob_handle_create(&file->object, p->DesiredAccess, &h);
    if (!NT_SUCCESS(status)) {
        ObDereferenceObject(&file->object);
        return status;
    }
    t->handle = h;
    t->file = &file->object; /* our reference (io_open's); the handle holds another */
    t->target = IoGetRelatedDeviceObject(t->file);
    t->pdo = wdf_stack_bottom(t->target);
    return STATUS_SUCCESS;
}

static NTSTATUS wdf_target_open_existing(struct wdf_iotarget *t, PWDF_IO_TARGET_OPEN_PARAMS p)
{
    if (p->TargetDeviceObject == NULL)
        return STATUS_INVALID_PARAMETER;
    ObReferenceObject(p->TargetDeviceObject);
    t->referenced = TRUE;
    t->target = p->TargetDeviceObject;
    t->file = p->TargetFileObject; /* the driver's: not referenced by the framework */
    t->pdo = wdf_stack_bottom(t->target);
    return STATUS_SUCCESS;
}

/* Keeps the callbacks and a copy of the name (for WdfIoTargetOpenReopen). */
static NTSTATUS wdf_target_keep_params(struct wdf_iotarget *t, PWDF_IO_TARGET_OPEN_PARAMS p)
{
    WCHAR *copy = NULL;
    if (p->Type == WdfIoTargetOpenByName && p->TargetDeviceName.Length > 0) {
        copy = malloc(p->TargetDeviceName.Length);
        if (copy == NULL)
            return STATUS_INSUFFICIENT_RESOURCES;
        memcpy(copy, p->TargetDeviceName.Buffer, p->TargetDeviceName.Length);
    }
    free(t->name.Buffer);
    t->open = *p;
    t->name.Buffer = copy;
    t->name.Length = t->name.MaximumLength = copy != NULL ? p->TargetDeviceName.Length : 0;
    t->open.TargetDeviceName = t->name;
    return STATUS_SUCCESS;
}

/* The sizes the structure had: KMDF 1.33's, and without the UMDF-only FileName. */
static BOOLEAN wdf_open_params_size_ok(ULONG size)
{
    return size == sizeof(WDF_IO_TARGET_OPEN_PARAMS) ||
           size == FIELD_OFFSET(WDF_IO_TARGET_OPEN_PARAMS, FileName);
}

/* ---- the target device's removal (target-device-change notifications) --------------------- */

/* Microsoft (EvtIoTargetQueryRemove, RemoveCanceled, RemoveComplete): without the callback the
 * framework allows the removal (closing the target for it), reopens the target when the
 * removal is canceled, and closes it for good when the removal completes. */
static NTSTATUS wdf_target_query_remove(struct wdf_iotarget *t)
{
    if (t->open.EvtIoTargetQueryRemove != NULL)
        return t->open.EvtIoTargetQueryRemove((WDFIOTARGET)t);
    wdf_target_close(t, WdfIoTargetClosedForQueryRemove);
    return STATUS_SUCCESS;
}

static NTSTATUS wdf_target_reopen(struct wdf_iotarget *t);

static void wdf_target_remove_canceled(struct wdf_iotarget *t)
{
    if (t->open.EvtIoTargetRemoveCanceled != NULL)
        t->open.EvtIoTargetRemoveCanceled((WDFIOTARGET)t);
    else if (!NT_SUCCESS(wdf_target_reopen(t)))
        rtl_diag(RTL_DIAG_WARN, "wdf",
                 "driver '%s': I/O target %p not reopened after its "
                 "device's removal was canceled",
                 t->obj.owner->pub.DriverName, (void *)t);
}

static void wdf_target_remove_complete(struct wdf_iotarget *t)
{
    if (t->open.EvtIoTargetRemoveComplete != NULL)
        t->open.EvtIoTargetRemoveComplete((WDFIOTARGET)t);
    else
        wdf_target_close(t, WdfIoTargetDeleted);
}

/* The PnP manager's target-device-change callback, at PASSIVE_LEVEL on its thread. The target
 * object stays while the driver's callback runs (it may delete the target). */
static NTSTATUS NTAPI wdf_target_change(PVOID structure, PVOID context)
{
    PTARGET_DEVICE_REMOVAL_NOTIFICATION n = structure;
    struct wdf_iotarget *t = context;
    NTSTATUS status = STATUS_SUCCESS;
    wdf_object_reference(&t->obj);
    __atomic_store_n(&t->notifying, ke_current_thread(), __ATOMIC_RELEASE);
    /* The PnP thread delivers them one at a time. EvtIoTargetRemoveCanceled only follows a
     * query this target was asked (REMOVE_CANCELLED reaches every subscriber of a node whose
     * stack vetoed, also one opened after the query). */
    if (IsEqualGUID(&n->Event, &GUID_TARGET_DEVICE_QUERY_REMOVE)) {
        t->query_pending = TRUE;
        status = wdf_target_query_remove(t);
    } else if (IsEqualGUID(&n->Event, &GUID_TARGET_DEVICE_REMOVE_CANCELLED)) {
        if (t->query_pending)
            wdf_target_remove_canceled(t);
        t->query_pending = FALSE;
    } else if (IsEqualGUID(&n->Event, &GUID_TARGET_DEVICE_REMOVE_COMPLETE)) {
        t->query_pending = FALSE;
        wdf_target_remove_complete(t);
    }
    __atomic_store_n(&t->notifying, NULL, __ATOMIC_RELEASE);
    wdf_object_release(&t->obj);
    return status;
}

/* A target opened by name on a device of the PnP tree hears of its removal. */
static void wdf_target_register(struct wdf_iotarget *t)
{
    NTSTATUS status;
    if (t->notification != NULL || t->file == NULL || t->pdo == NULL)
        return;
    status = IoRegisterPlugPlayNotification(EventCategoryTargetDeviceChange, 0, t->file,
                                            t->obj.owner->driver_object, wdf_target_change, t,
                                            &t->notification);
    if (!NT_SUCCESS(status)) {
        t->notification = NULL;
        rtl_diag(RTL_DIAG_WARN, "wdf",
                 "driver '%s': I/O target %p: no removal notifications "
                 "(0x%08X)",
                 t->obj.owner->pub.DriverName, (void *)t, (unsigned)status);
    }
}

/* From the callback itself (the driver closes or deletes the target there) the registration
 * goes without waiting; elsewhere IoUnregisterPlugPlayNotificationEx waits for a callback
 * running on another thread. */
static void wdf_target_unregister(struct wdf_iotarget *t)
{
    PVOID entry = __atomic_exchange_n(&t->notification, NULL, __ATOMIC_ACQ_REL);
    if (entry == NULL)
        return;
    if (__atomic_load_n(&t->notifying, __ATOMIC_ACQUIRE) == ke_current_thread())
        IoUnregisterPlugPlayNotification(entry);
    else
        IoUnregisterPlugPlayNotificationEx(entry);
}

NTSTATUS imp_WdfIoTargetOpen(PWDF_DRIVER_GLOBALS globals, WDFIOTARGET IoTarget,
                             PWDF_IO_TARGET_OPEN_PARAMS OpenParams)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_iotarget *t = WDF_TARGET_GET(g, IoTarget);
    WDF_IO_TARGET_OPEN_PARAMS p;
    NTSTATUS status;
    WDF_CHECK_NOT_NULL(g, OpenParams);
    if (!wdf_open_params_size_ok(OpenParams->Size)) {
        rtl_diag(RTL_DIAG_ERROR, "wdf", "driver '%s': WdfIoTargetOpen: OpenParams->Size %lu",
                 g->pub.DriverName, (unsigned long)OpenParams->Size);
        return STATUS_INFO_LENGTH_MISMATCH;
    }
    if (!t->remote ||
        (t->state != WdfIoTargetClosed && t->state != WdfIoTargetClosedForQueryRemove)) {
        rtl_diag(RTL_DIAG_ERROR, "wdf", "driver '%s': WdfIoTargetOpen: target %p is %s",
                 g->pub.DriverName, (void *)t,
                 t->remote ? "open (close it first)" : "a device's default target");
        return STATUS_INVALID_DEVICE_STATE;
    }
    p = *OpenParams;
    if (p.Type == WdfIoTargetOpenReopen) { /* the last open's parameters and callbacks */
        if (t->open.Type == WdfIoTargetOpenUndefined)
            return STATUS_INVALID_PARAMETER;
        p = t->open;
    }
    if (p.Type == WdfIoTargetOpenUseExistingDevice)
        status = wdf_target_open_existing(t, &p);
    else if (p.Type == WdfIoTargetOpenByName)
        status = wdf_target_open_by_name(t, &p);
    else
        status = STATUS_INVALID_PARAMETER; /* LocalTargetByFile is UMDF's */
    if (NT_SUCCESS(status) && OpenParams->Type != WdfIoTargetOpenReopen)
        status = wdf_target_keep_params(t, &p);
    if (!NT_SUCCESS(status)) {
        wdf_target_close(t, WdfIoTargetClosed);
        return status;
    }
    wdf_target_register(t);
    os_mutex_lock(&t->lock);
    t->state = WdfIoTargetStarted;
    os_mutex_unlock(&t->lock);
    return STATUS_SUCCESS;
}

/* The framework's own reopen (a canceled removal without EvtIoTargetRemoveCanceled). */
static NTSTATUS wdf_target_reopen(struct wdf_iotarget *t)
{
    WDF_IO_TARGET_OPEN_PARAMS p;
    WDF_IO_TARGET_OPEN_PARAMS_INIT_REOPEN(&p);
    return imp_WdfIoTargetOpen(&t->obj.owner->pub, (WDFIOTARGET)t, &p);
}

/* ---- what the target's device tells: properties, interfaces ---------------------------------- */

/* Microsoft: the PDO's property (IoGetDeviceProperty); a target without one (a legacy device,
 * a closed target) has no properties reported: STATUS_INVALID_DEVICE_REQUEST. */
NTSTATUS imp_WdfIoTargetQueryTargetProperty(PWDF_DRIVER_GLOBALS globals, WDFIOTARGET IoTarget,
                                            DEVICE_REGISTRY_PROPERTY DeviceProperty,
                                            ULONG BufferLength, PVOID PropertyBuffer,
                                            PULONG ResultLength)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_iotarget *t = WDF_TARGET_GET(g, IoTarget);
    WDF_CHECK_NOT_NULL(g, ResultLength);
    *ResultLength = 0;
    if (t->pdo == NULL)
        return STATUS_INVALID_DEVICE_REQUEST;
    return IoGetDeviceProperty(t->pdo, DeviceProperty, BufferLength, PropertyBuffer, ResultLength);
}

/* The property in a new memory object from the driver's pool (parent: the attributes', else
 * the target). */
NTSTATUS imp_WdfIoTargetAllocAndQueryTargetProperty(
    PWDF_DRIVER_GLOBALS globals, WDFIOTARGET IoTarget, DEVICE_REGISTRY_PROPERTY DeviceProperty,
    POOL_TYPE PoolType, PWDF_OBJECT_ATTRIBUTES PropertyMemoryAttributes, WDFMEMORY *PropertyMemory)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_iotarget *t = WDF_TARGET_GET(g, IoTarget);
    struct wdf_object *parent;
    struct wdf_memory *m;
    ULONG length = 0;
    NTSTATUS status;
    (void)PoolType; /* the framework's memory objects come from one pool */
    WDF_CHECK_NOT_NULL(g, PropertyMemory);
    *PropertyMemory = NULL;
    if (t->pdo == NULL)
        return STATUS_INVALID_DEVICE_REQUEST;
    status = IoGetDeviceProperty(t->pdo, DeviceProperty, 0, NULL, &length);
    if (status != STATUS_BUFFER_TOO_SMALL)
        return NT_SUCCESS(status) ? STATUS_UNSUCCESSFUL : status; /* an empty property */
    parent = wdf_parent_of(g, PropertyMemoryAttributes, &t->obj,
                           "WdfIoTargetAllocAndQuery"
                           "TargetProperty",
                           __builtin_return_address(0));
    status = wdf_memory_create_pool(g, PropertyMemoryAttributes, parent, 'pTfW', length,
                                    __builtin_return_address(0), &m);
    if (!NT_SUCCESS(status))
        return status;
    status = IoGetDeviceProperty(t->pdo, DeviceProperty, length, m->buffer, &length);
    if (!NT_SUCCESS(status)) {
        wdf_object_delete(&m->obj);
        return status;
    }
    *PropertyMemory = (WDFMEMORY)m;
    return STATUS_SUCCESS;
}

static NTSTATUS NTAPI wdf_query_done(PDEVICE_OBJECT device, PIRP irp, PVOID context)
{
    (void)device, (void)irp;
    KeSetEvent(context, IO_NO_INCREMENT, FALSE);
    return STATUS_MORE_PROCESSING_REQUIRED;
}

/* IRP_MN_QUERY_INTERFACE to the target's stack (Microsoft: the target's device answers; an
 * interface nobody provides comes back STATUS_NOT_SUPPORTED, the status PnP IRPs start with). */
NTSTATUS imp_WdfIoTargetQueryForInterface(PWDF_DRIVER_GLOBALS globals, WDFIOTARGET IoTarget,
                                          LPCGUID InterfaceType, PINTERFACE Interface, USHORT Size,
                                          USHORT Version, PVOID InterfaceSpecificData)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_iotarget *t = WDF_TARGET_GET(g, IoTarget);
    WDF_CHECK_NOT_NULL(g, InterfaceType);
    WDF_CHECK_NOT_NULL(g, Interface);
    if (t->target == NULL)
        return STATUS_INVALID_DEVICE_STATE;
    return wdf_query_interface_irp(t->target, t->file, InterfaceType, Interface, Size, Version,
                                   InterfaceSpecificData);
}

/* gkmdf: shared with WdfFdoQueryForInterface (property.c). */
NTSTATUS wdf_query_interface_irp(PDEVICE_OBJECT target, PFILE_OBJECT file, LPCGUID type,
                                 PINTERFACE iface, USHORT size, USHORT version, PVOID specific)
{
    PIO_STACK_LOCATION sp;
    NTSTATUS status;
    KEVENT done;
    PIRP irp = IoAllocateIrp(target->StackSize, FALSE);
    if (irp == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    irp->IoStatus.Status = STATUS_NOT_SUPPORTED;
    sp = IoGetNextIrpStackLocation(irp);
    sp->MajorFunction = IRP_MJ_PNP;
    sp->MinorFunction = IRP_MN_QUERY_INTERFACE;
    sp->FileObject = file;
    sp->Parameters.QueryInterface.InterfaceType = type;
    sp->Parameters.QueryInterface.Size = size;
    sp->Parameters.QueryInterface.Version = version;
    sp->Parameters.QueryInterface.Interface = iface;
    sp->Parameters.QueryInterface.InterfaceSpecificData = specific;
    KeInitializeEvent(&done, NotificationEvent, FALSE);
    IoSetCompletionRoutine(irp, wdf_query_done, &done, TRUE, TRUE, TRUE);
    if (IoCallDriver(target, irp) == STATUS_PENDING)
        KeWaitForSingleObject(&done, Executive, KernelMode, FALSE, NULL);
    status = irp->IoStatus.Status;
    IoFreeIrp(irp);
    return status;
}

/* ---- states: start, stop, purge, close ------------------------------------------------------ */

/* Holds every sent request (counted only: `all` FALSE) so that its IRP can be canceled outside
 * the lock; returns them in a host array (NULL when none). Under t->lock. */
static struct wdf_request **wdf_target_hold_sent(struct wdf_iotarget *t, BOOLEAN all, ULONG *n)
{
    struct wdf_request **held;
    ULONG count = 0;
    LIST_ENTRY *e;
    for (e = t->sent.Flink; e != &t->sent; e = e->Flink)
        count++;
    *n = 0;
    if (count == 0 || (held = calloc(count, sizeof(*held))) == NULL)
        return NULL;
    for (e = t->sent.Flink; e != &t->sent; e = e->Flink) {
        struct wdf_request *r = CONTAINING_RECORD(e, struct wdf_request, send.link);
        if (!all && r->send.ignore_state)
            continue;
        r->send.holds++;
        wdf_object_reference(&r->obj); /* the object outlives a completion inside IoCancelIrp */
        held[(*n)++] = r;
    }
    return held;
}

/* The held requests this thread is inside IoCancelIrp of, innermost first (the frames live on
 * the stack of wdf_target_cancel_held). A request that comes back on this thread, inside one of
 * those calls, waits only for the holds of other threads: its own end when IoCancelIrp returns.
 * One canceller field per request named the last thread to hold it, so a request completed
 * inside the first canceller's IoCancelIrp while a second canceller held it waited for the
 * second to let go, which left the field naming the second: the first waited forever. */
struct wdf_cancel_frame {
    struct wdf_request *request;
    struct wdf_cancel_frame *outer;
};
static __thread struct wdf_cancel_frame *wdf_cancelling;

/* How many of `r`'s holds are this thread's (target's lock held). */
static ULONG wdf_own_holds(struct wdf_request *r)
{
    ULONG n = 0;
    for (struct wdf_cancel_frame *f = wdf_cancelling; f != NULL; f = f->outer)
        n += f->request == r;
    return n;
}

/* IoCancelIrp on a held request, then lets it go. */
static BOOLEAN wdf_target_cancel_held(struct wdf_iotarget *t, struct wdf_request *r)
{
    struct wdf_cancel_frame frame = {r, wdf_cancelling};
    BOOLEAN canceled;
    wdf_cancelling = &frame;
    canceled = IoCancelIrp(r->irp);
    wdf_cancelling = frame.outer;
    os_mutex_lock(&t->lock);
    r->send.holds--;
    os_cond_broadcast(&t->changed);
    os_mutex_unlock(&t->lock);
    wdf_object_release(&r->obj);
    return canceled;
}

static void wdf_target_cancel_sent(struct wdf_iotarget *t, BOOLEAN all)
{
    ULONG n, i;
    struct wdf_request **held;
    os_mutex_lock(&t->lock);
    held = wdf_target_hold_sent(t, all, &n);
    os_mutex_unlock(&t->lock);
    for (i = 0; i < n; i++)
        wdf_target_cancel_held(t, held[i]);
    free(held);
}

/* Until the requests a stop waits for have come back. */
static void wdf_target_wait_sent(struct wdf_iotarget *t, BOOLEAN all)
{
    os_mutex_lock(&t->lock);
    while (all ? !IsListEmpty(&t->sent) : t->counted > 0)
        os_cond_wait(&t->changed, &t->lock);
    os_mutex_unlock(&t->lock);
}

static void wdf_request_came_back_as(struct wdf_request *r, NTSTATUS status);

/* The requests waiting in the target come back with `status`, as if the target completed them. */
static void wdf_target_fail_waiting(struct wdf_iotarget *t, NTSTATUS status)
{
    LIST_ENTRY list;
    InitializeListHead(&list);
    os_mutex_lock(&t->lock);
    while (!IsListEmpty(&t->waiting)) {
        LIST_ENTRY *e = RemoveHeadList(&t->waiting);
        CONTAINING_RECORD(e, struct wdf_request, send.link)->send.list = WDF_SEND_NONE;
        InsertTailList(&list, e);
    }
    os_mutex_unlock(&t->lock);
    while (!IsListEmpty(&list))
        wdf_request_came_back_as(
            CONTAINING_RECORD(RemoveHeadList(&list), struct wdf_request, send.link), status);
}

static void wdf_target_deliver(struct wdf_iotarget *t, struct wdf_request *r);

NTSTATUS imp_WdfIoTargetStart(PWDF_DRIVER_GLOBALS globals, WDFIOTARGET IoTarget)
{
    struct wdf_iotarget *t = WDF_TARGET_GET(wdf_globals_of(globals), IoTarget);
    LIST_ENTRY list;
    InitializeListHead(&list);
    os_mutex_lock(&t->lock);
    if (t->state == WdfIoTargetClosed || t->state == WdfIoTargetDeleted ||
        t->state == WdfIoTargetClosedForQueryRemove) {
        os_mutex_unlock(&t->lock);
        return STATUS_INVALID_DEVICE_STATE;
    }
    t->state = WdfIoTargetStarted;
    while (!IsListEmpty(&t->waiting))
        InsertTailList(&list, RemoveHeadList(&t->waiting));
    os_mutex_unlock(&t->lock);
    while (!IsListEmpty(&list)) /* in the order they were sent */
        wdf_target_deliver(t,
                           CONTAINING_RECORD(RemoveHeadList(&list), struct wdf_request, send.link));
    if (t->usb != NULL)
        wdf_usb_target_started(t->usb); /* a reader starts reading; a device's pipes start */
    return STATUS_SUCCESS;
}

/* Microsoft: requests sent with IGNORE_TARGET_STATE (or send and forget) are neither canceled
 * nor waited for. */
static void wdf_target_sent_io_action(struct wdf_iotarget *t, WDF_IO_TARGET_SENT_IO_ACTION action)
{
    if (action == WdfIoTargetCancelSentIo)
        wdf_target_cancel_sent(t, FALSE);
    if (action == WdfIoTargetCancelSentIo || action == WdfIoTargetWaitForSentIoToComplete)
        wdf_target_wait_sent(t, FALSE);
}

VOID imp_WdfIoTargetStop(PWDF_DRIVER_GLOBALS globals, WDFIOTARGET IoTarget,
                         WDF_IO_TARGET_SENT_IO_ACTION Action)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_iotarget *t = WDF_TARGET_GET(g, IoTarget);
    if (Action < WdfIoTargetCancelSentIo || Action > WdfIoTargetLeaveSentIoPending) {
        rtl_diag(RTL_DIAG_ERROR, "wdf", "driver '%s': WdfIoTargetStop: Action %d",
                 g->pub.DriverName, (int)Action);
        return;
    }
    os_mutex_lock(&t->lock);
    if (t->state == WdfIoTargetStarted || t->state == WdfIoTargetPurged)
        t->state = WdfIoTargetStopped;
    os_mutex_unlock(&t->lock);
    wdf_target_sent_io_action(t, Action);
    if (t->usb != NULL)
        wdf_usb_target_stopped(t->usb, Action); /* a USB device's pipes stop with it */
}

/* KMDF 1.11: both gates close; what waits in the target is canceled, sent I/O is canceled
 * (and waited for with PurgeIoAndWait). */
VOID imp_WdfIoTargetPurge(PWDF_DRIVER_GLOBALS globals, WDFIOTARGET IoTarget,
                          WDF_IO_TARGET_PURGE_IO_ACTION Action)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_iotarget *t = WDF_TARGET_GET(g, IoTarget);
    if (Action != WdfIoTargetPurgeIoAndWait && Action != WdfIoTargetPurgeIo) {
        rtl_diag(RTL_DIAG_ERROR, "wdf", "driver '%s': WdfIoTargetPurge: Action %d",
                 g->pub.DriverName, (int)Action);
        return;
    }
    os_mutex_lock(&t->lock);
    if (t->state == WdfIoTargetStarted || t->state == WdfIoTargetStopped)
        t->state = WdfIoTargetPurged;
    os_mutex_unlock(&t->lock);
    wdf_target_fail_waiting(t, STATUS_CANCELLED);
    wdf_target_cancel_sent(t, FALSE);
    if (Action == WdfIoTargetPurgeIoAndWait)
        wdf_target_wait_sent(t, FALSE);
}

/* Closing: what waits fails, what was sent is canceled and waited for (all of it: the file
 * object goes), then the file object and handle go. */
static void wdf_target_close(struct wdf_iotarget *t, WDF_IO_TARGET_STATE final)
{
    PFILE_OBJECT file;
    HANDLE handle;
    PDEVICE_OBJECT referenced;
    os_mutex_lock(&t->lock);
    t->state = final;
    os_mutex_unlock(&t->lock);
    wdf_target_fail_waiting(t, STATUS_INVALID_DEVICE_STATE);
    wdf_target_cancel_sent(t, TRUE);
    wdf_target_wait_sent(t, TRUE);
    os_mutex_lock(&t->lock);
    file = t->handle != NULL ? t->file : NULL;
    handle = t->handle;
    referenced = t->referenced ? t->target : NULL;
    t->file = NULL;
    t->handle = NULL;
    t->target = NULL;
    t->pdo = NULL;
    t->referenced = FALSE;
    os_mutex_unlock(&t->lock);
    if (file != NULL)
        ObDereferenceObject(file);
    if (handle != NULL)
        ZwClose(handle);
    if (referenced != NULL)
        ObDereferenceObject(referenced);
}

VOID imp_WdfIoTargetClose(PWDF_DRIVER_GLOBALS globals, WDFIOTARGET IoTarget)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_iotarget *t = WDF_TARGET_GET(g, IoTarget);
    if (!t->remote) {
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': WdfIoTargetClose on target %p, a device's default target",
                 g->pub.DriverName, (void *)t);
        return;
    }
    wdf_target_unregister(t);
    wdf_target_close(t, WdfIoTargetClosed);
}

/* As WdfIoTargetClose, but the parameters stay for WDF_IO_TARGET_OPEN_PARAMS_INIT_REOPEN. */
VOID imp_WdfIoTargetCloseForQueryRemove(PWDF_DRIVER_GLOBALS globals, WDFIOTARGET IoTarget)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_iotarget *t = WDF_TARGET_GET(g, IoTarget);
    if (!t->remote)
        return;
    wdf_target_close(t, WdfIoTargetClosedForQueryRemove);
}

/* ---- formatting --------------------------------------------------------------------------- */

/* The request's IRP keeps its parameters for the next driver (IoCopyCurrentIrpStackLocation-
 * ToNext); an IRP without a location left for it is the driver's bug. */
VOID imp_WdfRequestFormatRequestUsingCurrentType(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_request *r = WDF_REQUEST_GET(g, Request);
    if (r->irp->CurrentLocation <= 1)
        wdf_violation(g, VF_10D_REQUEST_FATAL, VF_10D_6_NO_LOCATION, (ULONG_PTR)r->irp, 0,
                      "driver '%s': WdfRequestFormatRequestUsingCurrentType on request %p, "
                      "whose IRP has no stack location left for the next driver",
                      g->pub.DriverName, (void *)r);
    wdf_send_release(r);
    IoCopyCurrentIrpStackLocationToNext(r->irp);
    r->formatted = TRUE;
}

/* Microsoft: the driver's stack location becomes the next one as given. */
VOID imp_WdfRequestWdmFormatUsingStackLocation(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request,
                                               PIO_STACK_LOCATION Stack)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_request *r = WDF_REQUEST_GET(g, Request);
    WDF_CHECK_NOT_NULL(g, Stack);
    if (r->irp->CurrentLocation <= 1)
        wdf_violation(g, VF_10D_REQUEST_FATAL, VF_10D_6_NO_LOCATION, (ULONG_PTR)r->irp, 0,
                      "driver '%s': WdfRequestWdmFormatUsingStackLocation on request %p, "
                      "whose IRP has no stack location left for the next driver",
                      g->pub.DriverName, (void *)r);
    wdf_send_release(r);
    *IoGetNextIrpStackLocation(r->irp) = *Stack;
    IoGetNextIrpStackLocation(r->irp)->Control = 0;
    r->formatted = TRUE;
}

/* A buffer as the format routines see it: an address and length, or an MDL, and the memory
 * object it came from (referenced while the request is formatted). */
struct wdf_buf {
    PVOID buffer;
    size_t length;
    PMDL mdl;
    struct wdf_object *memory;
    size_t offset;
};

/* A WDFMEMORY with an optional WDFMEMORY_OFFSET (the offset and length must fit in it). */
static NTSTATUS wdf_buf_from_memory(struct wdf_globals *g, WDFMEMORY handle,
                                    PWDFMEMORY_OFFSET offsets, struct wdf_buf *b)
{
    struct wdf_memory *m;
    size_t offset = 0, length;
    memset(b, 0, sizeof(*b));
    if (handle == NULL)
        return STATUS_SUCCESS;
    m = CONTAINING_RECORD(wdf_object_get(g, handle, WDF_TYPE_MEMORY), struct wdf_memory, obj);
    length = m->size;
    if (offsets != NULL) {
        offset = offsets->BufferOffset;
        length = offsets->BufferLength != 0 ? offsets->BufferLength : m->size - offset;
        if (offset > m->size || length > m->size - offset)
            return STATUS_INVALID_PARAMETER;
    }
    b->buffer = (char *)m->buffer + offset;
    b->length = length;
    b->memory = &m->obj;
    b->offset = offset;
    return STATUS_SUCCESS;
}

static NTSTATUS wdf_buf_from_descriptor(struct wdf_globals *g, PWDF_MEMORY_DESCRIPTOR d,
                                        struct wdf_buf *b)
{
    memset(b, 0, sizeof(*b));
    if (d == NULL)
        return STATUS_SUCCESS;
    switch (d->Type) {
    case WdfMemoryDescriptorTypeBuffer:
        b->buffer = d->u.BufferType.Buffer;
        b->length = d->u.BufferType.Length;
        return b->buffer == NULL && b->length != 0 ? STATUS_INVALID_PARAMETER : STATUS_SUCCESS;
    case WdfMemoryDescriptorTypeMdl:
        if (d->u.MdlType.Mdl == NULL)
            return STATUS_INVALID_PARAMETER;
        b->mdl = d->u.MdlType.Mdl;
        b->length = d->u.MdlType.BufferLength;
        b->buffer = MmGetSystemAddressForMdlSafe(b->mdl, NormalPagePriority);
        return STATUS_SUCCESS;
    case WdfMemoryDescriptorTypeHandle:
        return wdf_buf_from_memory(g, d->u.HandleType.Memory, d->u.HandleType.Offsets, b);
    default:
        rtl_diag(RTL_DIAG_ERROR, "wdf", "driver '%s': WDF_MEMORY_DESCRIPTOR.Type %d",
                 g->pub.DriverName, (int)d->Type);
        return STATUS_INVALID_PARAMETER;
    }
}

/* An MDL describing the buffer for a direct-I/O target (the driver's own, or one we build and
 * free when the request comes back). */
static NTSTATUS wdf_buf_mdl(struct wdf_request *r, struct wdf_buf *b, PMDL *out)
{
    *out = NULL;
    if (b->length == 0)
        return STATUS_SUCCESS;
    if (b->mdl != NULL) {
        *out = b->mdl;
        return STATUS_SUCCESS;
    }
    r->send.mdl = IoAllocateMdl(b->buffer, (ULONG)b->length, FALSE, FALSE, NULL);
    if (r->send.mdl == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    MmBuildMdlForNonPagedPool(r->send.mdl);
    *out = r->send.mdl;
    return STATUS_SUCCESS;
}

void wdf_send_release(struct wdf_request *r)
{
    struct wdf_send *s = &r->send;
    int i;
    r->send_used = TRUE; /* every format starts here (session 11: wdf_request_dispose) */
    if (s->mdl != NULL)
        IoFreeMdl(s->mdl);
    free(s->bounce);
    if (s->saved) {
        r->irp->AssociatedIrp.SystemBuffer = s->saved_system_buffer;
        r->irp->UserBuffer = s->saved_user_buffer;
        r->irp->MdlAddress = s->saved_mdl;
    }
    for (i = 0; i < 3; i++) {
        if (s->memory[i] != NULL)
            wdf_object_release(s->memory[i]);
        s->memory[i] = NULL;
    }
    s->mdl = NULL;
    s->bounce = NULL;
    s->saved = FALSE;
    s->major = 0;
    s->out_buffer = NULL;
}

void wdf_request_unformat(struct wdf_request *r)
{
    if (r->formatted && !__atomic_load_n(&r->sent, __ATOMIC_ACQUIRE))
        wdf_send_release(r);
}

/* Where a read's, write's or ioctl's buffers go for the target's device: its buffered or
 * direct I/O (reads and writes), the control code's method (ioctls). */
static NTSTATUS wdf_place_rw(struct wdf_request *r, PDEVICE_OBJECT dev, struct wdf_buf *b)
{
    PIRP irp = r->irp;
    if (dev->Flags & DO_BUFFERED_IO)
        irp->AssociatedIrp.SystemBuffer = b->buffer;
    else if (dev->Flags & DO_DIRECT_IO)
        return wdf_buf_mdl(r, b, &irp->MdlAddress);
    else
        irp->UserBuffer = b->buffer;
    return STATUS_SUCCESS;
}

static NTSTATUS wdf_place_ioctl(struct wdf_request *r, ULONG code, struct wdf_buf *in,
                                struct wdf_buf *out)
{
    PIRP irp = r->irp;
    PIO_STACK_LOCATION next = IoGetNextIrpStackLocation(irp);
    size_t size;
    switch (METHOD_FROM_CTL_CODE(code)) {
    case METHOD_BUFFERED: /* one system buffer: the input in, the output back */
        size = in->length > out->length ? in->length : out->length;
        if (size > 0 && (r->send.bounce = calloc(1, size)) == NULL)
            return STATUS_INSUFFICIENT_RESOURCES;
        if (in->length > 0)
            memcpy(r->send.bounce, in->buffer, in->length);
        irp->AssociatedIrp.SystemBuffer = r->send.bounce;
        r->send.out_buffer = out->buffer;
        r->send.out_length = out->length;
        return STATUS_SUCCESS;
    case METHOD_IN_DIRECT:
    case METHOD_OUT_DIRECT:
        irp->AssociatedIrp.SystemBuffer = in->buffer;
        return wdf_buf_mdl(r, out, &irp->MdlAddress);
    default: /* METHOD_NEITHER */
        next->Parameters.DeviceIoControl.Type3InputBuffer = in->buffer;
        irp->UserBuffer = out->buffer;
        return STATUS_SUCCESS;
    }
}

struct wdf_format {
    UCHAR major;
    ULONG code;
    struct wdf_buf in, out; /* a read's buffer is `out`, a write's `in` */
    PLONGLONG offset;
    BOOLEAN others; /* internal ioctl others: in, out and arg4 are arguments 1, 2, 4 */
    struct wdf_buf arg4;
    PWDF_MEMORY_DESCRIPTOR arg4_descriptor; /* the synchronous form's */
};

/* Microsoft: Parameters.Others.Argument1, 2 and 4 point to the buffers (an MDL descriptor's
 * argument is the MDL); Argument3 is the control code. */
static PVOID wdf_other_argument(const struct wdf_buf *b)
{
    return b->mdl != NULL ? (PVOID)b->mdl : b->buffer;
}

static void wdf_place_others(struct wdf_request *r, const struct wdf_format *f)
{
    PIO_STACK_LOCATION next = IoGetNextIrpStackLocation(r->irp);
    r->send.others[0] = next->Parameters.Others.Argument1 = wdf_other_argument(&f->in);
    r->send.others[1] = next->Parameters.Others.Argument2 = wdf_other_argument(&f->out);
    r->send.others[2] = next->Parameters.Others.Argument4 = wdf_other_argument(&f->arg4);
    next->Parameters.DeviceIoControl.IoControlCode = f->code;
}

/* The request keeps a reference on a memory object it was formatted with. */
static void wdf_format_keep(struct wdf_request *r, int i, const struct wdf_buf *b)
{
    r->send.memory[i] = b->memory;
    r->send.offset[i] = b->offset;
    if (b->memory != NULL)
        wdf_object_reference(b->memory);
}

/* Writes the next stack location of the request's IRP for the target (the Format routines and
 * the synchronous sends). The previous format's resources go first. */
static NTSTATUS wdf_format(struct wdf_globals *g, struct wdf_iotarget *t, struct wdf_request *r,
                           const struct wdf_format *f)
{
    PIRP irp = r->irp;
    PDEVICE_OBJECT dev = t->target;
    PIO_STACK_LOCATION next;
    NTSTATUS status;
    if (__atomic_load_n(&r->sent, __ATOMIC_ACQUIRE))
        return STATUS_INVALID_DEVICE_REQUEST; /* Microsoft: "already queued to an I/O target" */
    wdf_send_release(r);
    r->formatted = FALSE;
    if (dev == NULL)
        return STATUS_INVALID_DEVICE_STATE; /* a closed target */
    if (irp->CurrentLocation - 1 < dev->StackSize) {
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': request %p has %d stack locations left, the target's device %p "
                 "needs %d",
                 g->pub.DriverName, (void *)r, irp->CurrentLocation - 1, (void *)dev,
                 dev->StackSize);
        return STATUS_REQUEST_NOT_ACCEPTED;
    }
    if (!r->send.created) { /* a received IRP: its own buffers come back to it */
        r->send.saved = TRUE;
        r->send.saved_system_buffer = irp->AssociatedIrp.SystemBuffer;
        r->send.saved_user_buffer = irp->UserBuffer;
        r->send.saved_mdl = irp->MdlAddress;
    }
    irp->MdlAddress = NULL;
    irp->UserBuffer = NULL;
    irp->AssociatedIrp.SystemBuffer = NULL;
    next = IoGetNextIrpStackLocation(irp);
    memset(next, 0, sizeof(*next));
    next->MajorFunction = f->major;
    next->FileObject = t->file;
    switch (f->major) {
    case IRP_MJ_READ:
        next->Parameters.Read.Length = (ULONG)f->out.length;
        next->Parameters.Read.ByteOffset.QuadPart = f->offset != NULL ? *f->offset : 0;
        status = wdf_place_rw(r, dev, (struct wdf_buf *)&f->out);
        break;
    case IRP_MJ_WRITE:
        next->Parameters.Write.Length = (ULONG)f->in.length;
        next->Parameters.Write.ByteOffset.QuadPart = f->offset != NULL ? *f->offset : 0;
        status = wdf_place_rw(r, dev, (struct wdf_buf *)&f->in);
        break;
    default:
        if (f->others) {
            wdf_place_others(r, f);
            status = STATUS_SUCCESS;
            break;
        }
        next->Parameters.DeviceIoControl.IoControlCode = f->code;
        next->Parameters.DeviceIoControl.InputBufferLength = (ULONG)f->in.length;
        next->Parameters.DeviceIoControl.OutputBufferLength = (ULONG)f->out.length;
        status = wdf_place_ioctl(r, f->code, (struct wdf_buf *)&f->in, (struct wdf_buf *)&f->out);
        break;
    }
    r->send.major = f->major;
    r->send.code = f->code;
    wdf_format_keep(r, 0, &f->in);
    wdf_format_keep(r, 1, &f->out);
    wdf_format_keep(r, 2, &f->arg4);
    r->send.major = f->others ? 0xFF : f->major; /* 0xFF: recorded as "others" */
    if (!NT_SUCCESS(status)) {
        wdf_send_release(r);
        return status;
    }
    r->formatted = TRUE;
    return STATUS_SUCCESS;
}

static NTSTATUS wdf_format_handles(PWDF_DRIVER_GLOBALS globals, WDFIOTARGET IoTarget,
                                   WDFREQUEST Request, struct wdf_format *f, WDFMEMORY in,
                                   PWDFMEMORY_OFFSET in_offsets, WDFMEMORY out,
                                   PWDFMEMORY_OFFSET out_offsets)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_iotarget *t = WDF_TARGET_GET(g, IoTarget);
    struct wdf_request *r = WDF_REQUEST_GET(g, Request);
    NTSTATUS status = wdf_buf_from_memory(g, in, in_offsets, &f->in);
    if (NT_SUCCESS(status))
        status = wdf_buf_from_memory(g, out, out_offsets, &f->out);
    if (NT_SUCCESS(status))
        status = wdf_format(g, t, r, f);
    return status;
}

NTSTATUS imp_WdfIoTargetFormatRequestForRead(PWDF_DRIVER_GLOBALS globals, WDFIOTARGET IoTarget,
                                             WDFREQUEST Request, WDFMEMORY OutputBuffer,
                                             PWDFMEMORY_OFFSET OutputBufferOffset,
                                             PLONGLONG DeviceOffset)
{
    struct wdf_format f = {.major = IRP_MJ_READ, .offset = DeviceOffset};
    return wdf_format_handles(globals, IoTarget, Request, &f, NULL, NULL, OutputBuffer,
                              OutputBufferOffset);
}

NTSTATUS imp_WdfIoTargetFormatRequestForWrite(PWDF_DRIVER_GLOBALS globals, WDFIOTARGET IoTarget,
                                              WDFREQUEST Request, WDFMEMORY InputBuffer,
                                              PWDFMEMORY_OFFSET InputBufferOffset,
                                              PLONGLONG DeviceOffset)
{
    struct wdf_format f = {.major = IRP_MJ_WRITE, .offset = DeviceOffset};
    return wdf_format_handles(globals, IoTarget, Request, &f, InputBuffer, InputBufferOffset, NULL,
                              NULL);
}

NTSTATUS imp_WdfIoTargetFormatRequestForIoctl(PWDF_DRIVER_GLOBALS globals, WDFIOTARGET IoTarget,
                                              WDFREQUEST Request, ULONG IoctlCode,
                                              WDFMEMORY InputBuffer,
                                              PWDFMEMORY_OFFSET InputBufferOffset,
                                              WDFMEMORY OutputBuffer,
                                              PWDFMEMORY_OFFSET OutputBufferOffset)
{
    struct wdf_format f = {.major = IRP_MJ_DEVICE_CONTROL, .code = IoctlCode};
    return wdf_format_handles(globals, IoTarget, Request, &f, InputBuffer, InputBufferOffset,
                              OutputBuffer, OutputBufferOffset);
}

NTSTATUS imp_WdfIoTargetFormatRequestForInternalIoctl(PWDF_DRIVER_GLOBALS globals,
                                                      WDFIOTARGET IoTarget, WDFREQUEST Request,
                                                      ULONG IoctlCode, WDFMEMORY InputBuffer,
                                                      PWDFMEMORY_OFFSET InputBufferOffset,
                                                      WDFMEMORY OutputBuffer,
                                                      PWDFMEMORY_OFFSET OutputBufferOffset)
{
    struct wdf_format f = {.major = IRP_MJ_INTERNAL_DEVICE_CONTROL, .code = IoctlCode};
    return wdf_format_handles(globals, IoTarget, Request, &f, InputBuffer, InputBufferOffset,
                              OutputBuffer, OutputBufferOffset);
}

NTSTATUS imp_WdfIoTargetFormatRequestForInternalIoctlOthers(
    PWDF_DRIVER_GLOBALS globals, WDFIOTARGET IoTarget, WDFREQUEST Request, ULONG IoctlCode,
    WDFMEMORY OtherArg1, PWDFMEMORY_OFFSET OtherArg1Offset, WDFMEMORY OtherArg2,
    PWDFMEMORY_OFFSET OtherArg2Offset, WDFMEMORY OtherArg4, PWDFMEMORY_OFFSET OtherArg4Offset)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_format f = {
        .major = IRP_MJ_INTERNAL_DEVICE_CONTROL, .code = IoctlCode, .others = TRUE};
    NTSTATUS status = wdf_buf_from_memory(g, OtherArg4, OtherArg4Offset, &f.arg4);
    if (!NT_SUCCESS(status))
        return status;
    return wdf_format_handles(globals, IoTarget, Request, &f, OtherArg1, OtherArg1Offset, OtherArg2,
                              OtherArg2Offset);
}

/* ---- sending ------------------------------------------------------------------------------ */

VOID imp_WdfRequestSetCompletionRoutine(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request,
                                        PFN_WDF_REQUEST_COMPLETION_ROUTINE CompletionRoutine,
                                        WDFCONTEXT CompletionContext)
{
    struct wdf_request *r = WDF_REQUEST_GET(wdf_globals_of(globals), Request);
    r->send_used = TRUE; /* session 11: wdf_request_dispose */
    r->completion = CompletionRoutine;
    r->completion_context = CompletionContext;
}

/* Microsoft: valid only for a request formatted and sent; the structure the driver gives is
 * overwritten whole. */
VOID imp_WdfRequestGetCompletionParams(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request,
                                       PWDF_REQUEST_COMPLETION_PARAMS Params)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_request *r = WDF_REQUEST_GET(g, Request);
    WDF_CHECK_NOT_NULL(g, Params);
    *Params = r->completion_params;
}

/* The completion parameters of the IRP as the target completed it: the format's type, memory
 * objects and offsets (none for a request formatted with its current type). */
static void wdf_request_record(struct wdf_request *r, PIRP irp)
{
    PWDF_REQUEST_COMPLETION_PARAMS p = &r->completion_params;
    struct wdf_send *s = &r->send;
    UCHAR major = s->major != 0 ? s->major : IoGetCurrentIrpStackLocation(irp)->MajorFunction;
    RtlZeroMemory(p, sizeof(*p));
    p->Size = sizeof(*p);
    p->Type = (WDF_REQUEST_TYPE)(major == 0xFF ? IRP_MJ_INTERNAL_DEVICE_CONTROL : major);
    p->IoStatus = irp->IoStatus;
    switch (major) {
    case 0xFF: /* internal ioctl others */
        p->Parameters.Others.Argument1.Ptr = s->others[0];
        p->Parameters.Others.Argument2.Ptr = s->others[1];
        p->Parameters.Others.Argument3.Value = s->code;
        p->Parameters.Others.Argument4.Ptr = s->others[2];
        break;
    case IRP_MJ_READ:
        p->Parameters.Read.Buffer = (WDFMEMORY)s->memory[1];
        p->Parameters.Read.Offset = s->offset[1];
        p->Parameters.Read.Length = irp->IoStatus.Information;
        break;
    case IRP_MJ_WRITE:
        p->Parameters.Write.Buffer = (WDFMEMORY)s->memory[0];
        p->Parameters.Write.Offset = s->offset[0];
        p->Parameters.Write.Length = irp->IoStatus.Information;
        break;
    case IRP_MJ_DEVICE_CONTROL:
    case IRP_MJ_INTERNAL_DEVICE_CONTROL:
        p->Parameters.Ioctl.IoControlCode =
            s->major != 0
                ? s->code
                : IoGetCurrentIrpStackLocation(irp)->Parameters.DeviceIoControl.IoControlCode;
        p->Parameters.Ioctl.Input.Buffer = (WDFMEMORY)s->memory[0];
        p->Parameters.Ioctl.Input.Offset = s->offset[0];
        p->Parameters.Ioctl.Output.Buffer = (WDFMEMORY)s->memory[1];
        p->Parameters.Ioctl.Output.Offset = s->offset[1];
        p->Parameters.Ioctl.Output.Length = irp->IoStatus.Information;
        break;
    default:
        break;
    }
    if (r->usb != NULL)
        wdf_usb_record(r, p); /* formatted by a WdfUsb routine: Parameters.Usb */
}

/* The request has left the target's lists: a stop waiting for it may go on; a canceller still
 * about to use its IRP is waited for (unless it is this thread, inside IoCancelIrp). */
static void wdf_timer_disarm(struct wdf_send_timer *timer);

static void wdf_target_left(struct wdf_iotarget *t, struct wdf_request *r)
{
    struct wdf_send_timer *timer;
    os_mutex_lock(&t->lock);
    timer = r->send.timer;
    r->send.timer = NULL;
    if (r->send.list == WDF_SEND_SENT) {
        RemoveEntryList(&r->send.link);
        if (!r->send.ignore_state)
            t->counted--;
    } else if (r->send.list == WDF_SEND_WAITING) {
        RemoveEntryList(&r->send.link);
    }
    r->send.list = WDF_SEND_NONE;
    os_cond_broadcast(&t->changed);
    while (r->send.holds > wdf_own_holds(r))
        os_cond_wait(&t->changed, &t->lock);
    os_mutex_unlock(&t->lock);
    if (timer != NULL)
        wdf_timer_disarm(timer);
}

/* Back from the target (or failed, or canceled before it got there): the output of a
 * METHOD_BUFFERED ioctl goes to the driver's buffer, the parameters are recorded, the IRP gets
 * its own buffers back, and the driver hears of it. */
static void wdf_request_finish(struct wdf_request *r, PIRP irp)
{
    PFN_WDF_REQUEST_COMPLETION_ROUTINE routine = r->completion;
    struct wdf_send *s = &r->send;
    struct wdf_object *memory[3] = {s->memory[0], s->memory[1], s->memory[2]};
    int i;
    size_t n;
    r->formatted = FALSE; /* a request is formatted again before each send */
    if (s->timed_out && irp->IoStatus.Status == STATUS_CANCELLED)
        irp->IoStatus.Status = STATUS_IO_TIMEOUT;
    s->timed_out = FALSE;
    if (s->bounce != NULL && s->out_buffer != NULL && NT_SUCCESS(irp->IoStatus.Status)) {
        n = irp->IoStatus.Information < s->out_length ? irp->IoStatus.Information : s->out_length;
        memcpy(s->out_buffer, s->bounce, n);
    }
    wdf_request_record(r, irp);
    /* Microsoft (WdfRequestGetInformation): once a lower driver completed the request, its
     * information is the one the lower driver set; WdfRequestComplete keeps it. */
    r->information = irp->IoStatus.Information;
    /* The memory objects stay referenced until the driver's routine returned (it may reformat
     * the request, which releases what the request holds then). */
    s->memory[0] = s->memory[1] = s->memory[2] = NULL;
    wdf_send_release(r);
    __atomic_store_n(&r->sent, FALSE, __ATOMIC_RELEASE);
    if (r->sent_sync != NULL)
        KeSetEvent(r->sent_sync, IO_NO_INCREMENT, FALSE);
    else if (routine != NULL)
        routine((WDFREQUEST)r, (WDFIOTARGET)r->target, &r->completion_params,
                r->completion_context);
    else if (!s->created)
        imp_WdfRequestCompleteWithInformation(&r->obj.owner->pub, (WDFREQUEST)r,
                                              irp->IoStatus.Status, irp->IoStatus.Information);
    for (i = 0; i < 3; i++)
        if (memory[i] != NULL)
            wdf_object_release(memory[i]);
}

/* Our IoCompletion routine for a sent request. Without a completion routine the framework
 * completes a request it delivered with the target's status and information. */
static NTSTATUS NTAPI wdf_request_came_back(PDEVICE_OBJECT device, PIRP irp, PVOID context)
{
    struct wdf_request *r = context;
    (void)device;
    wdf_target_left(r->target, r);
    wdf_request_finish(r, irp);
    return STATUS_MORE_PROCESSING_REQUIRED;
}

/* A request that never reached the target's device comes back with `status`. */
static void wdf_request_came_back_as(struct wdf_request *r, NTSTATUS status)
{
    r->irp->IoStatus.Status = status;
    r->irp->IoStatus.Information = 0;
    wdf_target_left(r->target, r);
    wdf_request_finish(r, r->irp);
}

/* To the target's device, as a sent request (the IRP may be back and the request gone when
 * this returns). */
static void wdf_target_deliver(struct wdf_iotarget *t, struct wdf_request *r)
{
    PDEVICE_OBJECT dev;
    os_mutex_lock(&t->lock);
    dev = t->target;
    if (dev != NULL) {
        r->send.list = WDF_SEND_SENT;
        InsertTailList(&t->sent, &r->send.link);
        if (!r->send.ignore_state)
            t->counted++;
    }
    os_mutex_unlock(&t->lock);
    if (dev == NULL) {
        wdf_request_came_back_as(r, STATUS_INVALID_DEVICE_STATE);
        return;
    }
    IoSetCompletionRoutine(r->irp, wdf_request_came_back, r, TRUE, TRUE, TRUE);
    IoCallDriver(dev, r->irp);
}

/* Through the target's gates: delivered (STATUS_SUCCESS), kept while the target is stopped
 * (STATUS_PENDING), or refused (STATUS_INVALID_DEVICE_STATE; the request is not sent). */
static NTSTATUS wdf_target_submit(struct wdf_iotarget *t, struct wdf_request *r, ULONG flags)
{
    BOOLEAN ignore = (flags & WDF_REQUEST_SEND_OPTION_IGNORE_TARGET_STATE) != 0;
    WDF_IO_TARGET_STATE state;
    BOOLEAN open;
    r->send_used = TRUE;
    r->target = t;
    r->send.ignore_state = ignore;
    os_mutex_lock(&t->lock);
    state = t->state;
    open = t->target != NULL;
    if (state == WdfIoTargetStopped && !ignore) {
        r->send.list = WDF_SEND_WAITING;
        InsertTailList(&t->waiting, &r->send.link);
        os_mutex_unlock(&t->lock);
        return STATUS_PENDING;
    }
    os_mutex_unlock(&t->lock);
    if (!open || (state != WdfIoTargetStarted &&
                  !(ignore && state != WdfIoTargetClosed && state != WdfIoTargetDeleted &&
                    state != WdfIoTargetClosedForQueryRemove)))
        return STATUS_INVALID_DEVICE_STATE;
    wdf_target_deliver(t, r);
    return STATUS_SUCCESS;
}

/* Takes a sent request back: out of the target's waiting list (it comes back canceled), or
 * IoCancelIrp at the target's device. TRUE when it was canceled so. */
static BOOLEAN wdf_target_cancel_one(struct wdf_iotarget *t, struct wdf_request *r)
{
    os_mutex_lock(&t->lock);
    if (r->send.list == WDF_SEND_WAITING) {
        RemoveEntryList(&r->send.link);
        r->send.list = WDF_SEND_NONE;
        os_mutex_unlock(&t->lock);
        wdf_request_came_back_as(r, STATUS_CANCELLED);
        return TRUE;
    }
    if (r->send.list != WDF_SEND_SENT) {
        os_mutex_unlock(&t->lock);
        return FALSE;
    }
    r->send.holds++;
    wdf_object_reference(&r->obj);
    os_mutex_unlock(&t->lock);
    return wdf_target_cancel_held(t, r);
}

/* wdf_request_end's hand-off for send-and-forget: the IRP goes to the target as it came (its
 * location skipped); the request object is gone, as if completed, the IRP not completed here. */
static void wdf_request_to_target(struct wdf_request *r, void *context)
{
    struct wdf_iotarget *t = context;
    IoSkipCurrentIrpStackLocation(r->irp);
    IoCallDriver(t->target, r->irp);
}

static void wdf_request_forget(struct wdf_globals *g, struct wdf_request *r, struct wdf_iotarget *t)
{
    wdf_request_end(g, r, "sent", wdf_request_to_target, t);
}

static NTSTATUS wdf_send_options_check(struct wdf_globals *g, PWDF_REQUEST_SEND_OPTIONS o,
                                       BOOLEAN synchronous, const char *ddi)
{
    const char *problem = NULL;
    NTSTATUS status = STATUS_INVALID_PARAMETER;
    if (o == NULL)
        return STATUS_SUCCESS;
    if (o->Size != sizeof(*o)) {
        problem = "WDF_REQUEST_SEND_OPTIONS.Size is not sizeof(WDF_REQUEST_SEND_OPTIONS)";
        status = STATUS_INFO_LENGTH_MISMATCH;
    } else if ((o->Flags & WDF_REQUEST_SEND_OPTION_SEND_AND_FORGET) &&
               ((o->Flags & WDF_REQUEST_SEND_OPTION_SYNCHRONOUS) || synchronous))
        problem = "SEND_AND_FORGET with a synchronous send";
    if (problem == NULL)
        return STATUS_SUCCESS;
    rtl_diag(RTL_DIAG_ERROR, "wdf", "driver '%s': %s: %s", g->pub.DriverName, ddi, problem);
    return status;
}

static void wdf_send_refused(struct wdf_request *r, NTSTATUS status);

/* ---- time-outs of asynchronous sends ---- */

/* One per asynchronous send with a time-out: a KTIMER whose DPC cancels the request if it is
 * still at the target (or waiting in it). Whoever of the DPC and the request's coming back
 * finds the other gone frees it: the request detaches it under the target's lock, then a
 * KeCancelTimer that succeeds means no DPC will run; otherwise the DPC, which sees it
 * detached, frees it. The timer holds a reference on the request object. */
struct wdf_send_timer {
    KTIMER timer;
    KDPC dpc;
    struct wdf_request *r;
    struct wdf_iotarget *t;
};

static void wdf_timer_free(struct wdf_send_timer *timer)
{
    wdf_object_release(&timer->r->obj);
    free(timer);
}

static void wdf_timer_disarm(struct wdf_send_timer *timer)
{
    if (KeCancelTimer(&timer->timer))
        wdf_timer_free(timer);
}

static VOID NTAPI wdf_timer_expired(PKDPC dpc, PVOID context, PVOID a1, PVOID a2)
{
    struct wdf_send_timer *timer = context;
    struct wdf_request *r = timer->r;
    struct wdf_iotarget *t = timer->t;
    (void)dpc, (void)a1, (void)a2;
    os_mutex_lock(&t->lock);
    if (r->send.timer == timer) { /* still out: it times out */
        r->send.timed_out = TRUE;
        os_mutex_unlock(&t->lock);
        wdf_target_cancel_one(t, r);
    } else {
        os_mutex_unlock(&t->lock);
    }
    wdf_timer_free(timer);
}

/* Arms the time-out of an asynchronous send (relative or absolute, 100 ns units). */
static NTSTATUS wdf_timer_arm(struct wdf_iotarget *t, struct wdf_request *r, LONGLONG timeout)
{
    struct wdf_send_timer *timer = calloc(1, sizeof(*timer));
    LARGE_INTEGER due;
    if (timer == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    timer->r = r;
    timer->t = t;
    wdf_object_reference(&r->obj);
    KeInitializeTimer(&timer->timer);
    KeInitializeDpc(&timer->dpc, wdf_timer_expired, timer);
    os_mutex_lock(&t->lock);
    r->send.timer = timer;
    os_mutex_unlock(&t->lock);
    due.QuadPart = timeout;
    KeSetTimer(&timer->timer, due, &timer->dpc);
    return STATUS_SUCCESS;
}

/* A send refused by the gates takes its time-out back. */
static void wdf_timer_take_back(struct wdf_iotarget *t, struct wdf_request *r)
{
    struct wdf_send_timer *timer;
    os_mutex_lock(&t->lock);
    timer = r->send.timer;
    r->send.timer = NULL;
    os_mutex_unlock(&t->lock);
    if (timer != NULL)
        wdf_timer_disarm(timer);
}

/* A synchronous send: waits for the request to come back, canceling it when the time-out
 * (relative or absolute, 100 ns units) expires first; its status then is STATUS_IO_TIMEOUT. */
static NTSTATUS wdf_send_and_wait(struct wdf_iotarget *t, struct wdf_request *r, ULONG flags,
                                  LONGLONG timeout, BOOLEAN *refused)
{
    KEVENT done;
    LARGE_INTEGER due;
    NTSTATUS status;
    KeInitializeEvent(&done, NotificationEvent, FALSE);
    r->sent_sync = &done;
    status = wdf_target_submit(t, r, flags);
    *refused = status == STATUS_INVALID_DEVICE_STATE;
    if (*refused) {
        wdf_send_refused(r, status);
        return status;
    }
    due.QuadPart = timeout; /* Microsoft: 0 is no time-out */
    if (KeWaitForSingleObject(&done, Executive, KernelMode, FALSE,
                              (flags & WDF_REQUEST_SEND_OPTION_TIMEOUT) && timeout != 0
                                  ? &due
                                  : NULL) == STATUS_TIMEOUT) {
        /* Canceled, it completes with STATUS_IO_TIMEOUT (unless it came back meanwhile). */
        os_mutex_lock(&t->lock);
        r->send.timed_out = r->send.list != WDF_SEND_NONE;
        os_mutex_unlock(&t->lock);
        wdf_target_cancel_one(t, r);
        KeWaitForSingleObject(&done, Executive, KernelMode, FALSE, NULL);
    }
    r->sent_sync = NULL;
    return r->irp->IoStatus.Status;
}

/* The target's gates refused the request: it is not sent (its format is kept). */
static void wdf_send_refused(struct wdf_request *r, NTSTATUS status)
{
    __atomic_store_n(&r->sent, FALSE, __ATOMIC_RELEASE);
    r->sent_sync = NULL;
    r->irp->IoStatus.Status = status; /* WdfRequestGetStatus */
    r->irp->IoStatus.Information = 0;
}

static void wdf_mark_sent(struct wdf_globals *g, struct wdf_request *r)
{
    r->send_used = TRUE; /* session 11: wdf_request_dispose */
    if (__atomic_exchange_n(&r->sent, TRUE, __ATOMIC_ACQ_REL))
        wdf_violation(g, VF_10D_REQUEST_FATAL, VF_10D_6_SENT_TWICE, (ULONG_PTR)r, 0,
                      "driver '%s' sent request %p to an I/O target while it is still sent "
                      "(its target has not completed it)",
                      g->pub.DriverName, (void *)r);
}

BOOLEAN imp_WdfRequestSend(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request, WDFIOTARGET Target,
                           PWDF_REQUEST_SEND_OPTIONS Options)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_request *r = WDF_REQUEST_GET(g, Request);
    struct wdf_iotarget *t = WDF_TARGET_GET(g, Target);
    ULONG flags = Options != NULL ? Options->Flags : 0;
    NTSTATUS status = wdf_send_options_check(g, Options, FALSE, "WdfRequestSend");
    if (!NT_SUCCESS(status)) {
        r->irp->IoStatus.Status = status;
        return FALSE;
    }
    if (flags & WDF_REQUEST_SEND_OPTION_SEND_AND_FORGET) {
        wdf_request_forget(g, r, t);
        return TRUE;
    }
    if (!r->formatted) {
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': WdfRequestSend: request %p is not formatted for the target "
                 "(WdfRequestFormatRequestUsingCurrentType)",
                 g->pub.DriverName, (void *)r);
        return FALSE;
    }
    wdf_mark_sent(g, r);
    if (flags & WDF_REQUEST_SEND_OPTION_SYNCHRONOUS) {
        BOOLEAN refused;
        wdf_send_and_wait(t, r, flags, Options->Timeout, &refused);
        return !refused;
    }
    r->sent_sync = NULL;
    if ((flags & WDF_REQUEST_SEND_OPTION_TIMEOUT) && Options->Timeout != 0) {
        status = wdf_timer_arm(t, r, Options->Timeout);
        if (!NT_SUCCESS(status)) {
            wdf_send_refused(r, status);
            return FALSE;
        }
    }
    wdf_object_reference(&r->obj);           /* a refused send still uses it below */
    status = wdf_target_submit(t, r, flags); /* the request may be back from here */
    if (status == STATUS_INVALID_DEVICE_STATE) {
        wdf_timer_take_back(t, r);
        wdf_send_refused(r, status);
    }
    wdf_object_release(&r->obj);
    return status != STATUS_INVALID_DEVICE_STATE;
}

/* Microsoft: TRUE when the request was canceled (it may have completed meanwhile). */
BOOLEAN imp_WdfRequestCancelSentRequest(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_request *r = WDF_REQUEST_GET(g, Request);
    if (r->target == NULL || !__atomic_load_n(&r->sent, __ATOMIC_ACQUIRE))
        return FALSE;
    return wdf_target_cancel_one(r->target, r);
}

/* ---- synchronous sends -------------------------------------------------------------------- */

/* Formats `r` (the driver's, or a request of the framework's own when NULL) and sends it
 * synchronously; *information (optional) receives the IoStatus.Information. */
static NTSTATUS wdf_send_sync(PWDF_DRIVER_GLOBALS globals, WDFIOTARGET IoTarget, WDFREQUEST Request,
                              struct wdf_format *f, PWDF_MEMORY_DESCRIPTOR in,
                              PWDF_MEMORY_DESCRIPTOR out, PWDF_REQUEST_SEND_OPTIONS options,
                              PULONG_PTR information)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_iotarget *t = WDF_TARGET_GET(g, IoTarget);
    struct wdf_request *r = Request != NULL ? WDF_REQUEST_GET(g, Request) : NULL;
    struct wdf_request *own = NULL;
    ULONG flags = (options != NULL ? options->Flags : 0) | WDF_REQUEST_SEND_OPTION_SYNCHRONOUS;
    NTSTATUS status;
    if (information != NULL)
        *information = 0;
    status = wdf_send_options_check(g, options, TRUE, "WdfIoTargetSendXxxSynchronously");
    if (NT_SUCCESS(status))
        status = wdf_buf_from_descriptor(g, in, &f->in);
    if (NT_SUCCESS(status))
        status = wdf_buf_from_descriptor(g, out, &f->out);
    if (NT_SUCCESS(status) && f->others)
        status = wdf_buf_from_descriptor(g, f->arg4_descriptor, &f->arg4);
    if (NT_SUCCESS(status) && r == NULL)
        status = wdf_request_create_driver(g, NULL, t, NULL, TRUE, &own);
    if (!NT_SUCCESS(status))
        return status;
    if (r == NULL)
        r = own;
    status = wdf_format(g, t, r, f);
    if (NT_SUCCESS(status)) {
        BOOLEAN refused;
        wdf_mark_sent(g, r);
        status = wdf_send_and_wait(t, r, flags, options != NULL ? options->Timeout : 0, &refused);
        if (information != NULL)
            *information = r->irp->IoStatus.Information;
    }
    if (own != NULL)
        wdf_object_delete(&own->obj);
    return status;
}

NTSTATUS imp_WdfIoTargetSendReadSynchronously(PWDF_DRIVER_GLOBALS globals, WDFIOTARGET IoTarget,
                                              WDFREQUEST Request,
                                              PWDF_MEMORY_DESCRIPTOR OutputBuffer,
                                              PLONGLONG DeviceOffset,
                                              PWDF_REQUEST_SEND_OPTIONS RequestOptions,
                                              PULONG_PTR BytesRead)
{
    struct wdf_format f = {.major = IRP_MJ_READ, .offset = DeviceOffset};
    return wdf_send_sync(globals, IoTarget, Request, &f, NULL, OutputBuffer, RequestOptions,
                         BytesRead);
}

NTSTATUS imp_WdfIoTargetSendWriteSynchronously(PWDF_DRIVER_GLOBALS globals, WDFIOTARGET IoTarget,
                                               WDFREQUEST Request,
                                               PWDF_MEMORY_DESCRIPTOR InputBuffer,
                                               PLONGLONG DeviceOffset,
                                               PWDF_REQUEST_SEND_OPTIONS RequestOptions,
                                               PULONG_PTR BytesWritten)
{
    struct wdf_format f = {.major = IRP_MJ_WRITE, .offset = DeviceOffset};
    return wdf_send_sync(globals, IoTarget, Request, &f, InputBuffer, NULL, RequestOptions,
                         BytesWritten);
}

NTSTATUS imp_WdfIoTargetSendIoctlSynchronously(PWDF_DRIVER_GLOBALS globals, WDFIOTARGET IoTarget,
                                               WDFREQUEST Request, ULONG IoctlCode,
                                               PWDF_MEMORY_DESCRIPTOR InputBuffer,
                                               PWDF_MEMORY_DESCRIPTOR OutputBuffer,
                                               PWDF_REQUEST_SEND_OPTIONS RequestOptions,
                                               PULONG_PTR BytesReturned)
{
    struct wdf_format f = {.major = IRP_MJ_DEVICE_CONTROL, .code = IoctlCode};
    return wdf_send_sync(globals, IoTarget, Request, &f, InputBuffer, OutputBuffer, RequestOptions,
                         BytesReturned);
}

NTSTATUS imp_WdfIoTargetSendInternalIoctlSynchronously(
    PWDF_DRIVER_GLOBALS globals, WDFIOTARGET IoTarget, WDFREQUEST Request, ULONG IoctlCode,
    PWDF_MEMORY_DESCRIPTOR InputBuffer, PWDF_MEMORY_DESCRIPTOR OutputBuffer,
    PWDF_REQUEST_SEND_OPTIONS RequestOptions, PULONG_PTR BytesReturned)
{
    struct wdf_format f = {.major = IRP_MJ_INTERNAL_DEVICE_CONTROL, .code = IoctlCode};
    return wdf_send_sync(globals, IoTarget, Request, &f, InputBuffer, OutputBuffer, RequestOptions,
                         BytesReturned);
}

NTSTATUS imp_WdfIoTargetSendInternalIoctlOthersSynchronously(
    PWDF_DRIVER_GLOBALS globals, WDFIOTARGET IoTarget, WDFREQUEST Request, ULONG IoctlCode,
    PWDF_MEMORY_DESCRIPTOR OtherArg1, PWDF_MEMORY_DESCRIPTOR OtherArg2,
    PWDF_MEMORY_DESCRIPTOR OtherArg4, PWDF_REQUEST_SEND_OPTIONS RequestOptions,
    PULONG_PTR BytesReturned)
{
    struct wdf_format f = {.major = IRP_MJ_INTERNAL_DEVICE_CONTROL,
                           .code = IoctlCode,
                           .others = TRUE,
                           .arg4_descriptor = OtherArg4};
    return wdf_send_sync(globals, IoTarget, Request, &f, OtherArg1, OtherArg2, RequestOptions,
                         BytesReturned);
}

/* ---- USB targets (usb.c) ---------------------------------------------------------------- */

NTSTATUS wdf_iotarget_create_usb(struct wdf_device *dev, PWDF_OBJECT_ATTRIBUTES attributes,
                                 struct wdf_object *parent, void *usb, void (*cleanup)(void *),
                                 struct wdf_object **out)
{
    struct wdf_iotarget *t;
    NTSTATUS status = wdf_iotarget_new(dev->obj.owner, dev, attributes, &t, parent);
    if (!NT_SUCCESS(status))
        return status;
    t->target = dev->lower;
    t->pdo = dev->pdo;
    t->state = WdfIoTargetStarted;
    t->usb = usb;
    t->usb_cleanup = cleanup;
    *out = &t->obj;
    return STATUS_SUCCESS;
}

void *wdf_iotarget_usb(struct wdf_object *target)
{
    return target->type == WDF_TYPE_IOTARGET
               ? CONTAINING_RECORD(target, struct wdf_iotarget, obj)->usb
               : NULL;
}

BOOLEAN wdf_iotarget_started(struct wdf_object *target)
{
    struct wdf_iotarget *t = CONTAINING_RECORD(target, struct wdf_iotarget, obj);
    BOOLEAN started;
    os_mutex_lock(&t->lock);
    started = t->state == WdfIoTargetStarted;
    os_mutex_unlock(&t->lock);
    return started;
}

/* Formats the request as an internal device control whose Argument1 is `urb` (the WdfUsb
 * Format routines: IOCTL_INTERNAL_USB_SUBMIT_URB). */
NTSTATUS wdf_iotarget_format_urb(struct wdf_object *target, struct wdf_request *r, ULONG code,
                                 PVOID urb)
{
    struct wdf_iotarget *t = CONTAINING_RECORD(target, struct wdf_iotarget, obj);
    struct wdf_format f = {.major = IRP_MJ_INTERNAL_DEVICE_CONTROL, .code = code, .others = TRUE};
    f.in.buffer = urb;
    return wdf_format(target->owner, t, r, &f);
}

/* ---- the self I/O target (wdevb, KMDF 1.15; self_target.c has the DDIs) ------------------- */

/* A started target whose device is the device's own device object: a request sent to it goes
 * through IoCallDriver to the framework's dispatch of this very device. */
NTSTATUS wdf_iotarget_create_self(struct wdf_device *dev)
{
    struct wdf_iotarget *t;
    NTSTATUS status = wdf_iotarget_new_started(dev, dev->wdm, &t);
    if (!NT_SUCCESS(status))
        return status;
    t->self = TRUE;
    dev->self_target = &t->obj;
    return STATUS_SUCCESS;
}

BOOLEAN wdf_iotarget_is_self(struct wdf_object *target)
{
    return CONTAINING_RECORD(target, struct wdf_iotarget, obj)->self;
}

/* Whether `irp` is the IRP of a request sent to the target and not back yet. */
BOOLEAN wdf_iotarget_sent_irp(struct wdf_object *target, PIRP irp)
{
    struct wdf_iotarget *t = CONTAINING_RECORD(target, struct wdf_iotarget, obj);
    BOOLEAN found = FALSE;
    os_mutex_lock(&t->lock);
    for (PLIST_ENTRY e = t->sent.Flink; e != &t->sent && !found; e = e->Flink)
        found = CONTAINING_RECORD(e, struct wdf_request, send.link)->irp == irp;
    os_mutex_unlock(&t->lock);
    return found;
}
