/*
 * usb.c - the framework's USB I/O targets (wdfusb.h; docs/wdf.md "USB targets", docs/usb.md):
 * a WDFUSBDEVICE and each WDFUSBPIPE is an I/O target on the device's lower device (the
 * USB PDO), so the general target routines (start, stop, WdfRequestSend) work on them; a
 * WDFUSBINTERFACE is a plain object of the USB device. Every request becomes a URB sent with
 * IOCTL_INTERNAL_USB_SUBMIT_URB, as KMDF does.
 *
 * Lifetime: the USB device keeps copies of the device and configuration descriptors; its
 * interfaces are its children, created by WdfUsbTargetDeviceCreate; each interface's pipes are
 * its children, replaced whenever a configuration or setting is selected. A request formatted
 * here carries a child object (WDF_TYPE_USBREQ) with its URB and its USB completion
 * parameters, reused by later formats of the same request.
 *
 * The continuous reader (WdfUsbTargetPipeConfigContinuousReader) owns N driver-created
 * requests and buffers; WdfIoTargetStart of the pipe sends them (wdf_usb_target_started),
 * each completion calls EvtUsbTargetPipeReadComplete and sends the request again while the
 * pipe is started. `outstanding` counts the reads at the pipe (atomic).
 */
#include <stdlib.h>
#include <string.h>

#include <usb.h>
#include <usbdlib.h>
#include <usbioctl.h>
#include <wdfusb.h>

#include "wdf/wdf_private.h"

/* The general routines this file builds on (their files': not declared in wdf_private.h). */
NTSTATUS imp_WdfIoTargetSendInternalIoctlOthersSynchronously(
    PWDF_DRIVER_GLOBALS globals, WDFIOTARGET IoTarget, WDFREQUEST Request, ULONG IoctlCode,
    PWDF_MEMORY_DESCRIPTOR OtherArg1, PWDF_MEMORY_DESCRIPTOR OtherArg2,
    PWDF_MEMORY_DESCRIPTOR OtherArg4, PWDF_REQUEST_SEND_OPTIONS RequestOptions,
    PULONG_PTR BytesReturned);
BOOLEAN imp_WdfRequestSend(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request, WDFIOTARGET Target,
                           PWDF_REQUEST_SEND_OPTIONS Options);
NTSTATUS imp_WdfRequestReuse(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request,
                             PWDF_REQUEST_REUSE_PARAMS ReuseParams);
VOID imp_WdfRequestSetCompletionRoutine(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request,
                                        PFN_WDF_REQUEST_COMPLETION_ROUTINE CompletionRoutine,
                                        WDFCONTEXT CompletionContext);
NTSTATUS imp_WdfIoTargetStart(PWDF_DRIVER_GLOBALS globals, WDFIOTARGET IoTarget);
VOID imp_WdfIoTargetStop(PWDF_DRIVER_GLOBALS globals, WDFIOTARGET IoTarget,
                         WDF_IO_TARGET_SENT_IO_ACTION Action);
BOOLEAN imp_WdfRequestCancelSentRequest(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request);
NTSTATUS imp_WdfMemoryCreate(PWDF_DRIVER_GLOBALS globals, PWDF_OBJECT_ATTRIBUTES Attributes,
                             POOL_TYPE PoolType, ULONG PoolTag, size_t BufferSize,
                             WDFMEMORY *Memory, PVOID *Buffer);

#define USB_MAGIC_DEVICE 0x44425355u /* 'USBD' */
#define USB_MAGIC_PIPE   0x50425355u /* 'USBP' */
#define USB_MAX_SETTINGS 16
#define USB_MAX_PIPES    16
#define USB_MAX_READERS  32

struct usb_interface;
struct usb_reader;

struct usb_device {
    ULONG magic;
    struct wdf_globals *g;
    struct wdf_device *dev;
    struct wdf_object *target; /* this USB device's I/O target object (its handle) */
    USB_DEVICE_DESCRIPTOR dd;
    PUSB_CONFIGURATION_DESCRIPTOR cd; /* the first configuration, whole (malloc'ed) */
    USBD_CONFIGURATION_HANDLE config; /* NULL: not configured */
    ULONG contract;                   /* WdfUsbTargetDeviceCreateWithParameters's */
    UCHAR ninterfaces;
    struct usb_interface **ifc;
};

struct usb_interface {
    struct wdf_object obj;
    struct usb_device *udev;
    UCHAR number;
    UCHAR nsettings;
    PUSB_INTERFACE_DESCRIPTOR settings[USB_MAX_SETTINGS]; /* inside udev->cd, in its order */
    UCHAR configured;                                     /* the selected setting's index */
    USBD_INTERFACE_HANDLE handle;
    UCHAR npipes;
    struct wdf_object *pipes[USB_MAX_PIPES]; /* the selected setting's pipe targets */
};

struct usb_pipe {
    ULONG magic;
    struct usb_interface *ifc;
    struct wdf_object *target;
    WDF_USB_PIPE_INFORMATION info;
    USBD_PIPE_HANDLE handle;
    BOOLEAN no_max_check;
    struct usb_reader *reader;
};

struct usb_reader_slot {
    struct usb_reader *reader;
    struct wdf_request *request;
    WDFMEMORY memory;
    PUCHAR buffer;
};

struct usb_reader {
    struct usb_pipe *pipe;
    WDF_USB_CONTINUOUS_READER_CONFIG config;
    ULONG count;
    LONG outstanding; /* atomic: reads at the pipe */
    LONG failed;      /* atomic: a read failed; the others are being canceled */
    NTSTATUS fail_status;
    USBD_STATUS fail_usbd;
    struct usb_reader_slot slot[USB_MAX_READERS];
};

/* A request's URB and USB completion parameters (a child object of the request). */
struct usb_req {
    struct wdf_object obj;
    union {
        URB urb;
        UCHAR room[sizeof(URB) + 64];
    } u;
    PURB sent; /* the URB Argument1 points to: u.urb, or the driver's (FormatRequestForUrb) */
    WDF_USB_REQUEST_COMPLETION_PARAMS params;
    struct wdf_object *memory; /* the driver's memory of the transfer, referenced */
    size_t offset;
};

/* ---- handles --------------------------------------------------------------------------- */

/* usb.c's part of a USB target handle of the kind `magic`; another I/O target is WDF_VIOLATION
 * 0x5 (a bad handle), as any handle of the wrong type. */
static void *usb_target_get(struct wdf_globals *g, WDFOBJECT h, ULONG magic, const char *ddi,
                            const void *caller)
{
    struct wdf_object *o = wdf_object_get_in(g, h, WDF_TYPE_IOTARGET, ddi, caller);
    ULONG *kind = wdf_iotarget_usb(o); /* both parts begin with their magic */
    if (kind == NULL || *kind != magic)
        wdf_violation(g, VF_10D_BAD_HANDLE, (ULONG_PTR)h, 0, 0,
                      "driver '%s' passed %p to %s: an I/O target that is not a %s",
                      g->pub.DriverName, (void *)h, ddi,
                      magic == USB_MAGIC_PIPE ? "WDFUSBPIPE" : "WDFUSBDEVICE");
    return kind;
}

#define USB_DEVICE_GET(g, h)                                                                       \
    ((struct usb_device *)usb_target_get(g, (WDFOBJECT)(h), USB_MAGIC_DEVICE, __func__ + 4,        \
                                         __builtin_return_address(0)))
#define USB_PIPE_GET(g, h)                                                                         \
    ((struct usb_pipe *)usb_target_get(g, (WDFOBJECT)(h), USB_MAGIC_PIPE, __func__ + 4,            \
                                       __builtin_return_address(0)))
#define USB_IFC_GET(g, h)                                                                          \
    CONTAINING_RECORD(wdf_object_get(g, h, WDF_TYPE_USBINTERFACE), struct usb_interface, obj)

/* ---- sending URBs ---------------------------------------------------------------------- */

/* The URB sent synchronously to the target (a device's or a pipe's); its USBD status is in
 * the URB header. */
static NTSTATUS usb_send_urb(struct wdf_globals *g, struct wdf_object *target, WDFREQUEST request,
                             PWDF_REQUEST_SEND_OPTIONS options, PURB urb)
{
    WDF_MEMORY_DESCRIPTOR d;
    d.Type = WdfMemoryDescriptorTypeBuffer;
    d.u.BufferType.Buffer = urb;
    d.u.BufferType.Length = urb->UrbHeader.Length;
    return imp_WdfIoTargetSendInternalIoctlOthersSynchronously(
        &g->pub, (WDFIOTARGET)target, request, IOCTL_INTERNAL_USB_SUBMIT_URB, &d, NULL, NULL,
        options, NULL);
}

static NTSTATUS usb_send_ioctl(struct wdf_globals *g, struct wdf_object *target, ULONG code,
                               PVOID arg1)
{
    WDF_MEMORY_DESCRIPTOR d;
    d.Type = WdfMemoryDescriptorTypeBuffer;
    d.u.BufferType.Buffer = arg1;
    d.u.BufferType.Length = 0;
    return imp_WdfIoTargetSendInternalIoctlOthersSynchronously(
        &g->pub, (WDFIOTARGET)target, NULL, code, arg1 != NULL ? &d : NULL, NULL, NULL, NULL, NULL);
}

/* A memory descriptor as a URB's buffer: an address or an MDL. */
static NTSTATUS usb_buffer(struct wdf_globals *g, PWDF_MEMORY_DESCRIPTOR d, PVOID *buffer,
                           PMDL *mdl, ULONG *length)
{
    struct wdf_memory *m;
    size_t offset = 0, len;
    *buffer = NULL;
    *mdl = NULL;
    *length = 0;
    if (d == NULL)
        return STATUS_SUCCESS;
    switch (d->Type) {
    case WdfMemoryDescriptorTypeBuffer:
        *buffer = d->u.BufferType.Buffer;
        *length = d->u.BufferType.Length;
        return *buffer == NULL && *length != 0 ? STATUS_INVALID_PARAMETER : STATUS_SUCCESS;
    case WdfMemoryDescriptorTypeMdl:
        *mdl = d->u.MdlType.Mdl;
        *length = d->u.MdlType.BufferLength;
        return *mdl == NULL ? STATUS_INVALID_PARAMETER : STATUS_SUCCESS;
    case WdfMemoryDescriptorTypeHandle:
        m = CONTAINING_RECORD(wdf_object_get(g, d->u.HandleType.Memory, WDF_TYPE_MEMORY),
                              struct wdf_memory, obj);
        len = m->size;
        if (d->u.HandleType.Offsets != NULL) {
            offset = d->u.HandleType.Offsets->BufferOffset;
            len = d->u.HandleType.Offsets->BufferLength != 0 ? d->u.HandleType.Offsets->BufferLength
                                                             : m->size - offset;
            if (offset > m->size || len > m->size - offset)
                return STATUS_INVALID_PARAMETER;
        }
        *buffer = (PUCHAR)m->buffer + offset;
        *length = (ULONG)len;
        return STATUS_SUCCESS;
    default:
        return STATUS_INVALID_PARAMETER;
    }
}

/* ---- formatted requests ------------------------------------------------------------------ */

static void usb_req_destroy(struct wdf_object *o)
{
    struct usb_req *u = CONTAINING_RECORD(o, struct usb_req, obj);
    if (u->memory != NULL)
        wdf_object_release(u->memory);
}

/* The request's URB holder (created at its first USB format) with the previous format's
 * memory reference dropped. */
static NTSTATUS usb_req_of(struct wdf_globals *g, struct wdf_request *r, struct usb_req **out)
{
    struct usb_req *u = r->usb;
    if (u == NULL) {
        struct wdf_object *o;
        NTSTATUS status = wdf_object_create(g, WDF_TYPE_USBREQ, sizeof(*u), NULL, &r->obj, &o);
        if (!NT_SUCCESS(status))
            return status;
        u = CONTAINING_RECORD(o, struct usb_req, obj);
        o->type_destroy = usb_req_destroy;
        r->usb = u;
    }
    if (u->memory != NULL)
        wdf_object_release(u->memory);
    u->memory = NULL;
    u->offset = 0;
    RtlZeroMemory(&u->u, sizeof(u->u));
    RtlZeroMemory(&u->params, sizeof(u->params));
    u->sent = &u->u.urb;
    *out = u;
    return STATUS_SUCCESS;
}

/* A WDFMEMORY (with offsets) as the transfer buffer of a formatted request, referenced. */
static NTSTATUS usb_req_memory(struct wdf_globals *g, struct usb_req *u, WDFMEMORY handle,
                               PWDFMEMORY_OFFSET offsets, PVOID *buffer, ULONG *length)
{
    WDF_MEMORY_DESCRIPTOR d;
    PMDL mdl;
    NTSTATUS status;
    *buffer = NULL;
    *length = 0;
    if (handle == NULL)
        return STATUS_SUCCESS;
    d.Type = WdfMemoryDescriptorTypeHandle;
    d.u.HandleType.Memory = handle;
    d.u.HandleType.Offsets = offsets;
    status = usb_buffer(g, &d, buffer, &mdl, length);
    if (!NT_SUCCESS(status))
        return status;
    u->memory = wdf_object_get(g, handle, WDF_TYPE_MEMORY);
    wdf_object_reference(u->memory);
    u->offset = offsets != NULL ? offsets->BufferOffset : 0;
    return STATUS_SUCCESS;
}

/* The first step of every FormatRequestFor* routine: the request's USB state reset, and the
 * memory (if any: NULL gives no buffer) as its transfer buffer, referenced. */
struct usb_fmt {
    struct wdf_request *r;
    struct usb_req *q;
    PVOID buffer;
    ULONG length;
};

static NTSTATUS usb_fmt_begin(struct wdf_globals *g, WDFREQUEST Request, WDFMEMORY memory,
                              PWDFMEMORY_OFFSET offset, struct usb_fmt *f)
{
    NTSTATUS status;
    f->r = CONTAINING_RECORD(wdf_object_get(g, Request, WDF_TYPE_REQUEST), struct wdf_request, obj);
    status = usb_req_of(g, f->r, &f->q);
    if (NT_SUCCESS(status))
        status = usb_req_memory(g, f->q, memory, offset, &f->buffer, &f->length);
    return status;
}

static NTSTATUS usb_req_format(struct wdf_globals *g, struct wdf_object *target,
                               struct wdf_request *r, struct usb_req *u, WDF_USB_REQUEST_TYPE type)
{
    (void)g;
    u->params.Type = type;
    return wdf_iotarget_format_urb(target, r, IOCTL_INTERNAL_USB_SUBMIT_URB, u->sent);
}

void wdf_usb_record(struct wdf_request *r, PWDF_REQUEST_COMPLETION_PARAMS p)
{
    struct usb_req *u = r->usb;
    PURB urb = u->sent;
    if (r->send.others[0] != urb || r->send.code != IOCTL_INTERNAL_USB_SUBMIT_URB)
        return; /* formatted by another routine since */
    u->params.UsbdStatus = urb->UrbHeader.Status;
    switch (u->params.Type) {
    case WdfUsbRequestTypePipeRead:
    case WdfUsbRequestTypePipeWrite:
        u->params.Parameters.PipeRead.Buffer = (WDFMEMORY)u->memory;
        u->params.Parameters.PipeRead.Offset = u->offset;
        u->params.Parameters.PipeRead.Length = urb->UrbBulkOrInterruptTransfer.TransferBufferLength;
        break;
    case WdfUsbRequestTypeDeviceControlTransfer:
        u->params.Parameters.DeviceControlTransfer.Buffer = (WDFMEMORY)u->memory;
        u->params.Parameters.DeviceControlTransfer.Length =
            urb->UrbControlTransfer.TransferBufferLength;
        break;
    case WdfUsbRequestTypeDeviceString:
        u->params.Parameters.DeviceString.Buffer = (WDFMEMORY)u->memory;
        u->params.Parameters.DeviceString.RequiredSize =
            (UCHAR)urb->UrbControlDescriptorRequest.TransferBufferLength;
        break;
    case WdfUsbRequestTypeDeviceUrb:
    case WdfUsbRequestTypePipeUrb:
        u->params.Parameters.DeviceUrb.Buffer = (WDFMEMORY)u->memory;
        break;
    default:
        break;
    }
    p->Type = WdfRequestTypeUsb;
    p->Parameters.Usb.Completion = &u->params;
}

/* ---- the USB device ------------------------------------------------------------------------- */

static void usb_device_cleanup(void *usb)
{
    struct usb_device *u = usb;
    free(u->cd);
    free(u->ifc);
    free(u);
}

static NTSTATUS usb_get_descriptor(struct usb_device *u, UCHAR type, UCHAR index, USHORT lang,
                                   PVOID buffer, ULONG *length)
{
    URB urb;
    NTSTATUS status;
    RtlZeroMemory(&urb, sizeof(urb));
    UsbBuildGetDescriptorRequest(&urb, sizeof(struct _URB_CONTROL_DESCRIPTOR_REQUEST), type, index,
                                 lang, buffer, NULL, *length, NULL);
    status = usb_send_urb(u->g, u->target, NULL, NULL, &urb);
    *length = urb.UrbControlDescriptorRequest.TransferBufferLength;
    return status;
}

/* The interface objects: one per interface number of the first configuration, each with its
 * settings in the descriptor's order. */
static NTSTATUS usb_interfaces_create(struct usb_device *u)
{
    PUCHAR end = (PUCHAR)u->cd + u->cd->wTotalLength;
    u->ninterfaces = u->cd->bNumInterfaces;
    u->ifc = calloc(u->ninterfaces ? u->ninterfaces : 1, sizeof(*u->ifc));
    if (u->ifc == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    for (UCHAR i = 0; i < u->ninterfaces; i++) {
        struct wdf_object *o;
        NTSTATUS status = wdf_object_create(u->g, WDF_TYPE_USBINTERFACE,
                                            sizeof(struct usb_interface), NULL, u->target, &o);
        if (!NT_SUCCESS(status))
            return status;
        u->ifc[i] = CONTAINING_RECORD(o, struct usb_interface, obj);
        u->ifc[i]->udev = u;
        u->ifc[i]->number = i;
    }
    for (PUSB_COMMON_DESCRIPTOR d = (PUSB_COMMON_DESCRIPTOR)u->cd;
         (PUCHAR)d + sizeof(*d) <= end && d->bLength >= sizeof(*d);
         d = (PUSB_COMMON_DESCRIPTOR)((PUCHAR)d + d->bLength)) {
        PUSB_INTERFACE_DESCRIPTOR id = (PUSB_INTERFACE_DESCRIPTOR)d;
        struct usb_interface *ifc;
        if (d->bDescriptorType != USB_INTERFACE_DESCRIPTOR_TYPE || d->bLength < sizeof(*id) ||
            id->bInterfaceNumber >= u->ninterfaces)
            continue;
        ifc = u->ifc[id->bInterfaceNumber];
        if (ifc->nsettings < USB_MAX_SETTINGS)
            ifc->settings[ifc->nsettings++] = id;
    }
    return STATUS_SUCCESS;
}

static NTSTATUS usb_device_read(struct usb_device *u)
{
    USB_CONFIGURATION_DESCRIPTOR head;
    ULONG len = sizeof(u->dd);
    NTSTATUS status = usb_get_descriptor(u, USB_DEVICE_DESCRIPTOR_TYPE, 0, 0, &u->dd, &len);
    if (!NT_SUCCESS(status))
        return status;
    len = sizeof(head);
    status = usb_get_descriptor(u, USB_CONFIGURATION_DESCRIPTOR_TYPE, 0, 0, &head, &len);
    if (!NT_SUCCESS(status))
        return status;
    if (len < sizeof(head) || head.wTotalLength < sizeof(head))
        return STATUS_DEVICE_DATA_ERROR;
    if ((u->cd = malloc(head.wTotalLength)) == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    len = head.wTotalLength;
    status = usb_get_descriptor(u, USB_CONFIGURATION_DESCRIPTOR_TYPE, 0, 0, u->cd, &len);
    if (NT_SUCCESS(status) && len != head.wTotalLength)
        status = STATUS_DEVICE_DATA_ERROR;
    return NT_SUCCESS(status) ? usb_interfaces_create(u) : status;
}

static NTSTATUS usb_device_create(struct wdf_globals *g, WDFDEVICE Device, ULONG contract,
                                  PWDF_OBJECT_ATTRIBUTES attributes, WDFUSBDEVICE *out)
{
    struct wdf_device *dev =
        CONTAINING_RECORD(wdf_object_get(g, Device, WDF_TYPE_DEVICE), struct wdf_device, obj);
    struct usb_device *u;
    NTSTATUS status;
    WDF_CHECK_NOT_NULL(g, out);
    *out = NULL;
    if (dev->lower == NULL)
        return STATUS_INVALID_DEVICE_REQUEST; /* a control device has no USB device below */
    if ((u = calloc(1, sizeof(*u))) == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    u->magic = USB_MAGIC_DEVICE;
    u->g = g;
    u->dev = dev;
    u->contract = contract;
    status = wdf_iotarget_create_usb(dev, attributes, &dev->obj, u, usb_device_cleanup, &u->target);
    if (!NT_SUCCESS(status)) {
        free(u);
        return status;
    }
    status = usb_device_read(u);
    if (!NT_SUCCESS(status)) {
        wdf_object_delete(u->target);
        return status;
    }
    *out = (WDFUSBDEVICE)u->target;
    return STATUS_SUCCESS;
}

NTSTATUS imp_WdfUsbTargetDeviceCreate(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device,
                                      PWDF_OBJECT_ATTRIBUTES Attributes, WDFUSBDEVICE *UsbDevice)
{
    return usb_device_create(wdf_globals_of(globals), Device, USBD_CLIENT_CONTRACT_VERSION_INVALID,
                             Attributes, UsbDevice);
}

NTSTATUS imp_WdfUsbTargetDeviceCreateWithParameters(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device,
                                                    PWDF_USB_DEVICE_CREATE_CONFIG Config,
                                                    PWDF_OBJECT_ATTRIBUTES Attributes,
                                                    WDFUSBDEVICE *UsbDevice)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    WDF_CHECK_NOT_NULL(g, Config);
    if (Config->Size != sizeof(*Config))
        return STATUS_INFO_LENGTH_MISMATCH;
    return usb_device_create(g, Device, Config->USBDClientContractVersion, Attributes, UsbDevice);
}

NTSTATUS imp_WdfUsbTargetDeviceRetrieveInformation(PWDF_DRIVER_GLOBALS globals,
                                                   WDFUSBDEVICE UsbDevice,
                                                   PWDF_USB_DEVICE_INFORMATION Information)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct usb_device *u = USB_DEVICE_GET(g, UsbDevice);
    WDF_CHECK_NOT_NULL(g, Information);
    if (Information->Size != sizeof(*Information))
        return STATUS_INFO_LENGTH_MISMATCH;
    Information->UsbdVersionInformation.USBDI_Version = 0x600;
    Information->UsbdVersionInformation.Supported_USB_Version = u->dd.bcdUSB;
    Information->HcdPortCapabilities = 0;
    Information->Traits = 0;
    if (u->cd->bmAttributes & 0x40)
        Information->Traits |= WDF_USB_DEVICE_TRAIT_SELF_POWERED;
    if (u->cd->bmAttributes & 0x20)
        Information->Traits |= WDF_USB_DEVICE_TRAIT_REMOTE_WAKE_CAPABLE;
    if (u->dd.bcdUSB >= 0x200)
        Information->Traits |= WDF_USB_DEVICE_TRAIT_AT_HIGH_SPEED;
    return STATUS_SUCCESS;
}

VOID imp_WdfUsbTargetDeviceGetDeviceDescriptor(PWDF_DRIVER_GLOBALS globals, WDFUSBDEVICE UsbDevice,
                                               PUSB_DEVICE_DESCRIPTOR UsbDeviceDescriptor)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct usb_device *u = USB_DEVICE_GET(g, UsbDevice);
    WDF_CHECK_NOT_NULL(g, UsbDeviceDescriptor);
    *UsbDeviceDescriptor = u->dd;
}

/* Microsoft: ConfigDescriptor NULL (or too small a *ConfigDescriptorLength) returns
 * STATUS_BUFFER_TOO_SMALL with the length needed. */
NTSTATUS imp_WdfUsbTargetDeviceRetrieveConfigDescriptor(PWDF_DRIVER_GLOBALS globals,
                                                        WDFUSBDEVICE UsbDevice,
                                                        PVOID ConfigDescriptor,
                                                        PUSHORT ConfigDescriptorLength)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct usb_device *u = USB_DEVICE_GET(g, UsbDevice);
    USHORT need = u->cd->wTotalLength;
    WDF_CHECK_NOT_NULL(g, ConfigDescriptorLength);
    if (ConfigDescriptor == NULL || *ConfigDescriptorLength < need) {
        *ConfigDescriptorLength = need;
        return STATUS_BUFFER_TOO_SMALL;
    }
    memcpy(ConfigDescriptor, u->cd, need);
    *ConfigDescriptorLength = need;
    return STATUS_SUCCESS;
}

UCHAR imp_WdfUsbTargetDeviceGetNumInterfaces(PWDF_DRIVER_GLOBALS globals, WDFUSBDEVICE UsbDevice)
{
    return USB_DEVICE_GET(wdf_globals_of(globals), UsbDevice)->ninterfaces;
}

WDFUSBINTERFACE imp_WdfUsbTargetDeviceGetInterface(PWDF_DRIVER_GLOBALS globals,
                                                   WDFUSBDEVICE UsbDevice, UCHAR InterfaceIndex)
{
    struct usb_device *u = USB_DEVICE_GET(wdf_globals_of(globals), UsbDevice);
    return InterfaceIndex < u->ninterfaces ? (WDFUSBINTERFACE)&u->ifc[InterfaceIndex]->obj : NULL;
}

USBD_CONFIGURATION_HANDLE
imp_WdfUsbTargetDeviceWdmGetConfigurationHandle(PWDF_DRIVER_GLOBALS globals, WDFUSBDEVICE UsbDevice)
{
    return USB_DEVICE_GET(wdf_globals_of(globals), UsbDevice)->config;
}

/* ---- pipes ---------------------------------------------------------------------------------- */

static void usb_pipe_cleanup(void *usb)
{
    struct usb_pipe *p = usb;
    free(p->reader);
    free(p);
}

static void usb_pipes_delete(struct usb_interface *ifc)
{
    for (UCHAR i = 0; i < ifc->npipes; i++)
        wdf_object_delete(ifc->pipes[i]);
    ifc->npipes = 0;
}

static UCHAR usb_setting_index(struct usb_interface *ifc, UCHAR alternate)
{
    for (UCHAR s = 0; s < ifc->nsettings; s++)
        if (ifc->settings[s]->bAlternateSetting == alternate)
            return s;
    return 0;
}

/* The pipes of the interface's selected setting, from the USBD_INTERFACE_INFORMATION the
 * select URB came back with. */
static NTSTATUS usb_pipes_create(struct usb_interface *ifc, PUSBD_INTERFACE_INFORMATION info,
                                 PWDF_OBJECT_ATTRIBUTES attributes)
{
    usb_pipes_delete(ifc);
    ifc->handle = info->InterfaceHandle;
    ifc->configured = usb_setting_index(ifc, info->AlternateSetting);
    for (ULONG i = 0; i < info->NumberOfPipes && i < USB_MAX_PIPES; i++) {
        struct usb_pipe *p = calloc(1, sizeof(*p));
        NTSTATUS status;
        if (p == NULL)
            return STATUS_INSUFFICIENT_RESOURCES;
        p->magic = USB_MAGIC_PIPE;
        p->ifc = ifc;
        p->handle = info->Pipes[i].PipeHandle;
        p->info.Size = sizeof(p->info);
        p->info.MaximumPacketSize = info->Pipes[i].MaximumPacketSize;
        p->info.EndpointAddress = info->Pipes[i].EndpointAddress;
        p->info.Interval = info->Pipes[i].Interval;
        p->info.SettingIndex = ifc->configured;
        p->info.PipeType = (WDF_USB_PIPE_TYPE)(info->Pipes[i].PipeType + 1);
        p->info.MaximumTransferSize = info->Pipes[i].MaximumTransferSize;
        status = wdf_iotarget_create_usb(ifc->udev->dev, attributes, &ifc->obj, p, usb_pipe_cleanup,
                                         &p->target);
        if (!NT_SUCCESS(status)) {
            free(p);
            return status;
        }
        ifc->pipes[ifc->npipes++] = p->target;
    }
    return STATUS_SUCCESS;
}

/* ---- selecting a configuration ------------------------------------------------------------- */

static NTSTATUS usb_select_urb(struct usb_device *u, PURB urb, PWDF_OBJECT_ATTRIBUTES attributes)
{
    NTSTATUS status = usb_send_urb(u->g, u->target, NULL, NULL, urb);
    PUCHAR end = (PUCHAR)urb + urb->UrbHeader.Length;
    PUSBD_INTERFACE_INFORMATION info = &urb->UrbSelectConfiguration.Interface;
    if (!NT_SUCCESS(status))
        return status;
    u->config = urb->UrbSelectConfiguration.ConfigurationHandle;
    for (UCHAR i = 0; i < u->ninterfaces; i++)
        usb_pipes_delete(u->ifc[i]);
    while ((PUCHAR)info + sizeof(*info) <= end && info->Length != 0 && NT_SUCCESS(status)) {
        if (info->InterfaceNumber < u->ninterfaces)
            status = usb_pipes_create(u->ifc[info->InterfaceNumber], info, attributes);
        info = (PUSBD_INTERFACE_INFORMATION)((PUCHAR)info + info->Length);
    }
    return status;
}

/* Builds and sends the select-configuration URB for the interfaces' chosen settings. */
static NTSTATUS usb_select(struct usb_device *u, PUSB_INTERFACE_DESCRIPTOR *settings, ULONG n,
                           PWDF_OBJECT_ATTRIBUTES attributes)
{
    PUSBD_INTERFACE_LIST_ENTRY list = calloc(n + 1, sizeof(*list));
    PURB urb;
    NTSTATUS status;
    if (list == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    for (ULONG i = 0; i < n; i++)
        list[i].InterfaceDescriptor = settings[i];
    urb = USBD_CreateConfigurationRequestEx(u->cd, list);
    free(list);
    if (urb == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    status = usb_select_urb(u, urb, attributes);
    ExFreePool(urb);
    return status;
}

static NTSTATUS usb_deconfigure(struct usb_device *u)
{
    URB urb;
    NTSTATUS status;
    RtlZeroMemory(&urb, sizeof(urb));
    UsbBuildSelectConfigurationRequest(&urb, sizeof(struct _URB_SELECT_CONFIGURATION), NULL);
    status = usb_send_urb(u->g, u->target, NULL, NULL, &urb);
    for (UCHAR i = 0; i < u->ninterfaces; i++)
        usb_pipes_delete(u->ifc[i]);
    u->config = NULL;
    return status;
}

static NTSTATUS usb_select_multiple(struct usb_device *u, PWDF_USB_DEVICE_SELECT_CONFIG_PARAMS p,
                                    PWDF_OBJECT_ATTRIBUTES attributes)
{
    PUSB_INTERFACE_DESCRIPTOR settings[32];
    ULONG n = 0;
    NTSTATUS status;
    if (p->Types.MultiInterface.NumberInterfaces == 0) { /* every interface, setting 0 */
        for (UCHAR i = 0; i < u->ninterfaces && n < 32; i++)
            if (u->ifc[i]->nsettings > 0)
                settings[n++] = u->ifc[i]->settings[0];
    } else {
        if (p->Types.MultiInterface.Pairs == NULL ||
            p->Types.MultiInterface.NumberInterfaces > u->ninterfaces)
            return STATUS_INVALID_PARAMETER;
        for (UCHAR i = 0; i < p->Types.MultiInterface.NumberInterfaces; i++) {
            PWDF_USB_INTERFACE_SETTING_PAIR pair = &p->Types.MultiInterface.Pairs[i];
            struct usb_interface *ifc = USB_IFC_GET(u->g, pair->UsbInterface);
            if (ifc->udev != u || pair->SettingIndex >= ifc->nsettings)
                return STATUS_INVALID_PARAMETER;
            settings[n++] = ifc->settings[pair->SettingIndex];
        }
    }
    status = usb_select(u, settings, n, attributes);
    if (NT_SUCCESS(status))
        p->Types.MultiInterface.NumberOfConfiguredInterfaces = (UCHAR)n;
    return status;
}

NTSTATUS imp_WdfUsbTargetDeviceSelectConfig(PWDF_DRIVER_GLOBALS globals, WDFUSBDEVICE UsbDevice,
                                            PWDF_OBJECT_ATTRIBUTES PipeAttributes,
                                            PWDF_USB_DEVICE_SELECT_CONFIG_PARAMS Params)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct usb_device *u = USB_DEVICE_GET(g, UsbDevice);
    NTSTATUS status;
    WDF_CHECK_NOT_NULL(g, Params);
    if (Params->Size != sizeof(*Params))
        return STATUS_INFO_LENGTH_MISMATCH;
    switch (Params->Type) {
    case WdfUsbTargetDeviceSelectConfigTypeDeconfig:
        return usb_deconfigure(u);
    case WdfUsbTargetDeviceSelectConfigTypeSingleInterface:
        /* Microsoft: only for a device with one interface; its setting 0. */
        if (u->ninterfaces != 1 || u->ifc[0]->nsettings == 0)
            return STATUS_INVALID_PARAMETER;
        status = usb_select(u, &u->ifc[0]->settings[0], 1, PipeAttributes);
        if (NT_SUCCESS(status)) {
            Params->Types.SingleInterface.ConfiguredUsbInterface = (WDFUSBINTERFACE)&u->ifc[0]->obj;
            Params->Types.SingleInterface.NumberConfiguredPipes = u->ifc[0]->npipes;
        }
        return status;
    case WdfUsbTargetDeviceSelectConfigTypeMultiInterface:
        return usb_select_multiple(u, Params, PipeAttributes);
    case WdfUsbTargetDeviceSelectConfigTypeInterfacesDescriptor:
        if (Params->Types.Descriptor.InterfaceDescriptors == NULL ||
            Params->Types.Descriptor.NumInterfaceDescriptors == 0)
            return STATUS_INVALID_PARAMETER;
        return usb_select(u, Params->Types.Descriptor.InterfaceDescriptors,
                          Params->Types.Descriptor.NumInterfaceDescriptors, PipeAttributes);
    case WdfUsbTargetDeviceSelectConfigTypeUrb:
        if (Params->Types.Urb.Urb == NULL)
            return STATUS_INVALID_PARAMETER;
        return usb_select_urb(u, Params->Types.Urb.Urb, PipeAttributes);
    default:
        return STATUS_INVALID_PARAMETER;
    }
}

/* ---- interfaces ------------------------------------------------------------------------------ */

BYTE imp_WdfUsbInterfaceGetInterfaceNumber(PWDF_DRIVER_GLOBALS globals,
                                           WDFUSBINTERFACE UsbInterface)
{
    struct usb_interface *ifc = USB_IFC_GET(wdf_globals_of(globals), UsbInterface);
    return ifc->nsettings > 0 ? ifc->settings[0]->bInterfaceNumber : ifc->number;
}

BYTE imp_WdfUsbInterfaceGetNumSettings(PWDF_DRIVER_GLOBALS globals, WDFUSBINTERFACE UsbInterface)
{
    return USB_IFC_GET(wdf_globals_of(globals), UsbInterface)->nsettings;
}

BYTE imp_WdfUsbInterfaceGetNumEndpoints(PWDF_DRIVER_GLOBALS globals, WDFUSBINTERFACE UsbInterface,
                                        UCHAR SettingIndex)
{
    struct usb_interface *ifc = USB_IFC_GET(wdf_globals_of(globals), UsbInterface);
    return SettingIndex < ifc->nsettings ? ifc->settings[SettingIndex]->bNumEndpoints : 0;
}

VOID imp_WdfUsbInterfaceGetDescriptor(PWDF_DRIVER_GLOBALS globals, WDFUSBINTERFACE UsbInterface,
                                      UCHAR SettingIndex, PUSB_INTERFACE_DESCRIPTOR Descriptor)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct usb_interface *ifc = USB_IFC_GET(g, UsbInterface);
    WDF_CHECK_NOT_NULL(g, Descriptor);
    if (SettingIndex < ifc->nsettings)
        *Descriptor = *ifc->settings[SettingIndex];
    else
        RtlZeroMemory(Descriptor, sizeof(*Descriptor));
}

/* The EndpointIndex-th endpoint descriptor of a setting (NULL: none). */
static PUSB_ENDPOINT_DESCRIPTOR usb_endpoint(struct usb_interface *ifc, UCHAR setting, UCHAR index)
{
    PUCHAR end = (PUCHAR)ifc->udev->cd + ifc->udev->cd->wTotalLength;
    PUSB_COMMON_DESCRIPTOR d;
    UCHAR n = 0;
    if (setting >= ifc->nsettings)
        return NULL;
    d = (PUSB_COMMON_DESCRIPTOR)ifc->settings[setting];
    for (d = (PUSB_COMMON_DESCRIPTOR)((PUCHAR)d + d->bLength);
         (PUCHAR)d + sizeof(*d) <= end && d->bLength >= sizeof(*d) &&
         d->bDescriptorType != USB_INTERFACE_DESCRIPTOR_TYPE;
         d = (PUSB_COMMON_DESCRIPTOR)((PUCHAR)d + d->bLength))
        if (d->bDescriptorType == USB_ENDPOINT_DESCRIPTOR_TYPE && n++ == index)
            return (PUSB_ENDPOINT_DESCRIPTOR)d;
    return NULL;
}

VOID imp_WdfUsbInterfaceGetEndpointInformation(PWDF_DRIVER_GLOBALS globals,
                                               WDFUSBINTERFACE UsbInterface, UCHAR SettingIndex,
                                               UCHAR EndpointIndex,
                                               PWDF_USB_PIPE_INFORMATION EndpointInfo)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct usb_interface *ifc = USB_IFC_GET(g, UsbInterface);
    PUSB_ENDPOINT_DESCRIPTOR e = usb_endpoint(ifc, SettingIndex, EndpointIndex);
    WDF_CHECK_NOT_NULL(g, EndpointInfo);
    if (EndpointInfo->Size != sizeof(*EndpointInfo) || e == NULL)
        return;
    EndpointInfo->MaximumPacketSize = e->wMaxPacketSize;
    EndpointInfo->EndpointAddress = e->bEndpointAddress;
    EndpointInfo->Interval = e->bInterval;
    EndpointInfo->SettingIndex = SettingIndex;
    EndpointInfo->PipeType = (WDF_USB_PIPE_TYPE)((e->bmAttributes & USB_ENDPOINT_TYPE_MASK) + 1);
    EndpointInfo->MaximumTransferSize = 0;
}

BYTE imp_WdfUsbInterfaceGetConfiguredSettingIndex(PWDF_DRIVER_GLOBALS globals,
                                                  WDFUSBINTERFACE Interface)
{
    return USB_IFC_GET(wdf_globals_of(globals), Interface)->configured;
}

BYTE imp_WdfUsbInterfaceGetNumConfiguredPipes(PWDF_DRIVER_GLOBALS globals,
                                              WDFUSBINTERFACE UsbInterface)
{
    return USB_IFC_GET(wdf_globals_of(globals), UsbInterface)->npipes;
}

WDFUSBPIPE imp_WdfUsbInterfaceGetConfiguredPipe(PWDF_DRIVER_GLOBALS globals,
                                                WDFUSBINTERFACE UsbInterface, UCHAR PipeIndex,
                                                PWDF_USB_PIPE_INFORMATION PipeInfo)
{
    struct usb_interface *ifc = USB_IFC_GET(wdf_globals_of(globals), UsbInterface);
    struct usb_pipe *p;
    if (PipeIndex >= ifc->npipes)
        return NULL;
    p = wdf_iotarget_usb(ifc->pipes[PipeIndex]);
    if (PipeInfo != NULL && PipeInfo->Size == sizeof(*PipeInfo))
        *PipeInfo = p->info;
    return (WDFUSBPIPE)ifc->pipes[PipeIndex];
}

NTSTATUS imp_WdfUsbInterfaceSelectSetting(PWDF_DRIVER_GLOBALS globals, WDFUSBINTERFACE UsbInterface,
                                          PWDF_OBJECT_ATTRIBUTES PipesAttributes,
                                          PWDF_USB_INTERFACE_SELECT_SETTING_PARAMS Params)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct usb_interface *ifc = USB_IFC_GET(g, UsbInterface);
    struct usb_device *u = ifc->udev;
    PUSB_INTERFACE_DESCRIPTOR s;
    ULONG size;
    PURB urb;
    NTSTATUS status;
    WDF_CHECK_NOT_NULL(g, Params);
    if (Params->Size != sizeof(*Params))
        return STATUS_INFO_LENGTH_MISMATCH;
    if (u->config == NULL)
        return STATUS_INVALID_DEVICE_STATE; /* no configuration selected yet */
    if (Params->Type == WdfUsbInterfaceSelectSettingTypeSetting)
        s = Params->Types.Interface.SettingIndex < ifc->nsettings
                ? ifc->settings[Params->Types.Interface.SettingIndex]
                : NULL;
    else if (Params->Type == WdfUsbInterfaceSelectSettingTypeDescriptor)
        s = Params->Types.Descriptor.InterfaceDescriptor;
    else
        return STATUS_NOT_SUPPORTED; /* gap: the URB form (docs/wdf.md) */
    if (s == NULL)
        return STATUS_INVALID_PARAMETER;
    size = (ULONG)GET_SELECT_INTERFACE_REQUEST_SIZE(s->bNumEndpoints);
    if ((urb = calloc(1, size)) == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    UsbBuildSelectInterfaceRequest(urb, (USHORT)size, u->config, s->bInterfaceNumber,
                                   s->bAlternateSetting);
    urb->UrbSelectInterface.Interface.Length = (USHORT)GET_USBD_INTERFACE_SIZE(s->bNumEndpoints);
    for (UCHAR i = 0; i < ifc->npipes; i++) /* the old pipes' I/O ends first */
        wdf_object_delete(ifc->pipes[i]);
    ifc->npipes = 0;
    status = usb_send_urb(g, u->target, NULL, NULL, urb);
    if (NT_SUCCESS(status))
        status = usb_pipes_create(ifc, &urb->UrbSelectInterface.Interface, PipesAttributes);
    free(urb);
    return status;
}

/* ---- control transfers, strings, the port ------------------------------------------------ */

static void usb_build_control(PURB urb, PWDF_USB_CONTROL_SETUP_PACKET setup, PVOID buffer, PMDL mdl,
                              ULONG length)
{
    urb->UrbHeader.Function = URB_FUNCTION_CONTROL_TRANSFER;
    urb->UrbHeader.Length = sizeof(struct _URB_CONTROL_TRANSFER);
    urb->UrbControlTransfer.TransferFlags =
        USBD_DEFAULT_PIPE_TRANSFER | USBD_SHORT_TRANSFER_OK |
        ((setup->Packet.bm.Request.Dir == BmRequestDeviceToHost) ? USBD_TRANSFER_DIRECTION_IN : 0);
    urb->UrbControlTransfer.TransferBuffer = mdl == NULL ? buffer : NULL;
    urb->UrbControlTransfer.TransferBufferMDL = mdl;
    urb->UrbControlTransfer.TransferBufferLength = length;
    memcpy(urb->UrbControlTransfer.SetupPacket, setup->Generic.Bytes, 8);
    /* The framework sets wLength from the transfer buffer (the driver's packet leaves it 0). */
    urb->UrbControlTransfer.SetupPacket[6] = (UCHAR)length;
    urb->UrbControlTransfer.SetupPacket[7] = (UCHAR)(length >> 8);
}

NTSTATUS imp_WdfUsbTargetDeviceSendControlTransferSynchronously(
    PWDF_DRIVER_GLOBALS globals, WDFUSBDEVICE UsbDevice, WDFREQUEST Request,
    PWDF_REQUEST_SEND_OPTIONS RequestOptions, PWDF_USB_CONTROL_SETUP_PACKET SetupPacket,
    PWDF_MEMORY_DESCRIPTOR MemoryDescriptor, PULONG BytesTransferred)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct usb_device *u = USB_DEVICE_GET(g, UsbDevice);
    URB urb;
    PVOID buffer;
    PMDL mdl;
    ULONG length;
    NTSTATUS status;
    WDF_CHECK_NOT_NULL(g, SetupPacket);
    if (BytesTransferred != NULL)
        *BytesTransferred = 0;
    status = usb_buffer(g, MemoryDescriptor, &buffer, &mdl, &length);
    if (!NT_SUCCESS(status))
        return status;
    RtlZeroMemory(&urb, sizeof(urb));
    usb_build_control(&urb, SetupPacket, buffer, mdl, length);
    status = usb_send_urb(g, u->target, Request, RequestOptions, &urb);
    if (NT_SUCCESS(status) && BytesTransferred != NULL)
        *BytesTransferred = urb.UrbControlTransfer.TransferBufferLength;
    return status;
}

NTSTATUS imp_WdfUsbTargetDeviceFormatRequestForControlTransfer(
    PWDF_DRIVER_GLOBALS globals, WDFUSBDEVICE UsbDevice, WDFREQUEST Request,
    PWDF_USB_CONTROL_SETUP_PACKET SetupPacket, WDFMEMORY TransferMemory,
    PWDFMEMORY_OFFSET TransferOffset)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct usb_device *u = USB_DEVICE_GET(g, UsbDevice);
    struct usb_fmt f;
    NTSTATUS status;
    WDF_CHECK_NOT_NULL(g, SetupPacket);
    status = usb_fmt_begin(g, Request, TransferMemory, TransferOffset, &f);
    if (!NT_SUCCESS(status))
        return status;
    usb_build_control(&f.q->u.urb, SetupPacket, f.buffer, NULL, f.length);
    f.q->params.Parameters.DeviceControlTransfer.SetupPacket = *SetupPacket;
    return usb_req_format(g, u->target, f.r, f.q, WdfUsbRequestTypeDeviceControlTransfer);
}

NTSTATUS imp_WdfUsbTargetDeviceQueryString(PWDF_DRIVER_GLOBALS globals, WDFUSBDEVICE UsbDevice,
                                           WDFREQUEST Request,
                                           PWDF_REQUEST_SEND_OPTIONS RequestOptions, PUSHORT String,
                                           PUSHORT NumCharacters, UCHAR StringIndex, USHORT LangID)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct usb_device *u = USB_DEVICE_GET(g, UsbDevice);
    UCHAR d[256];
    URB urb;
    NTSTATUS status;
    ULONG chars;
    WDF_CHECK_NOT_NULL(g, NumCharacters);
    RtlZeroMemory(&urb, sizeof(urb));
    UsbBuildGetDescriptorRequest(&urb, sizeof(struct _URB_CONTROL_DESCRIPTOR_REQUEST),
                                 USB_STRING_DESCRIPTOR_TYPE, StringIndex, LangID, d, NULL,
                                 sizeof(d), NULL);
    status = usb_send_urb(g, u->target, Request, RequestOptions, &urb);
    if (!NT_SUCCESS(status))
        return status;
    if (urb.UrbControlDescriptorRequest.TransferBufferLength < 2 || d[0] < 2)
        return STATUS_DEVICE_DATA_ERROR;
    chars = (ULONG)(d[0] - 2) / sizeof(WCHAR);
    /* Microsoft: String NULL asks for the number of characters; a buffer too small gets
     * STATUS_BUFFER_OVERFLOW with the number needed. */
    if (String == NULL) {
        *NumCharacters = (USHORT)chars;
        return STATUS_SUCCESS;
    }
    if (*NumCharacters < chars) {
        memcpy(String, d + 2, *NumCharacters * sizeof(WCHAR));
        *NumCharacters = (USHORT)chars;
        return STATUS_BUFFER_OVERFLOW;
    }
    memcpy(String, d + 2, chars * sizeof(WCHAR));
    *NumCharacters = (USHORT)chars;
    return STATUS_SUCCESS;
}

NTSTATUS imp_WdfUsbTargetDeviceAllocAndQueryString(PWDF_DRIVER_GLOBALS globals,
                                                   WDFUSBDEVICE UsbDevice,
                                                   PWDF_OBJECT_ATTRIBUTES StringMemoryAttributes,
                                                   WDFMEMORY *StringMemory, PUSHORT NumCharacters,
                                                   UCHAR StringIndex, USHORT LangID)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    USHORT chars = 0;
    PVOID buffer;
    NTSTATUS status;
    WDF_CHECK_NOT_NULL(g, StringMemory);
    *StringMemory = NULL;
    status = imp_WdfUsbTargetDeviceQueryString(globals, UsbDevice, NULL, NULL, NULL, &chars,
                                               StringIndex, LangID);
    if (!NT_SUCCESS(status))
        return status;
    status = imp_WdfMemoryCreate(globals, StringMemoryAttributes, NonPagedPoolNx, 0,
                                 (chars + 1) * sizeof(WCHAR), StringMemory, &buffer);
    if (!NT_SUCCESS(status))
        return status;
    RtlZeroMemory(buffer, (chars + 1) * sizeof(WCHAR));
    status = imp_WdfUsbTargetDeviceQueryString(globals, UsbDevice, NULL, NULL, buffer, &chars,
                                               StringIndex, LangID);
    if (NumCharacters != NULL)
        *NumCharacters = chars;
    return status;
}

NTSTATUS imp_WdfUsbTargetDeviceRetrieveCurrentFrameNumber(PWDF_DRIVER_GLOBALS globals,
                                                          WDFUSBDEVICE UsbDevice,
                                                          PULONG CurrentFrameNumber)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct usb_device *u = USB_DEVICE_GET(g, UsbDevice);
    URB urb;
    NTSTATUS status;
    WDF_CHECK_NOT_NULL(g, CurrentFrameNumber);
    RtlZeroMemory(&urb, sizeof(urb));
    urb.UrbHeader.Function = URB_FUNCTION_GET_CURRENT_FRAME_NUMBER;
    urb.UrbHeader.Length = sizeof(struct _URB_GET_CURRENT_FRAME_NUMBER);
    status = usb_send_urb(g, u->target, NULL, NULL, &urb);
    *CurrentFrameNumber = urb.UrbGetCurrentFrameNumber.FrameNumber;
    return status;
}

NTSTATUS imp_WdfUsbTargetDeviceIsConnectedSynchronous(PWDF_DRIVER_GLOBALS globals,
                                                      WDFUSBDEVICE UsbDevice)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct usb_device *u = USB_DEVICE_GET(g, UsbDevice);
    ULONG port = 0;
    NTSTATUS status = usb_send_ioctl(g, u->target, IOCTL_INTERNAL_USB_GET_PORT_STATUS, &port);
    if (NT_SUCCESS(status) && !(port & USBD_PORT_CONNECTED))
        status = STATUS_DEVICE_DOES_NOT_EXIST;
    return status;
}

NTSTATUS imp_WdfUsbTargetDeviceResetPortSynchronously(PWDF_DRIVER_GLOBALS globals,
                                                      WDFUSBDEVICE UsbDevice)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    return usb_send_ioctl(g, USB_DEVICE_GET(g, UsbDevice)->target, IOCTL_INTERNAL_USB_RESET_PORT,
                          NULL);
}

NTSTATUS imp_WdfUsbTargetDeviceCyclePortSynchronously(PWDF_DRIVER_GLOBALS globals,
                                                      WDFUSBDEVICE UsbDevice)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    return usb_send_ioctl(g, USB_DEVICE_GET(g, UsbDevice)->target, IOCTL_INTERNAL_USB_CYCLE_PORT,
                          NULL);
}

NTSTATUS imp_WdfUsbTargetDeviceSendUrbSynchronously(PWDF_DRIVER_GLOBALS globals,
                                                    WDFUSBDEVICE UsbDevice, WDFREQUEST Request,
                                                    PWDF_REQUEST_SEND_OPTIONS RequestOptions,
                                                    PURB Urb)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct usb_device *u = USB_DEVICE_GET(g, UsbDevice);
    WDF_CHECK_NOT_NULL(g, Urb);
    return usb_send_urb(g, u->target, Request, RequestOptions, Urb);
}

/* ---- pipe transfers ----------------------------------------------------------------------- */

VOID imp_WdfUsbTargetPipeGetInformation(PWDF_DRIVER_GLOBALS globals, WDFUSBPIPE Pipe,
                                        PWDF_USB_PIPE_INFORMATION PipeInformation)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct usb_pipe *p = USB_PIPE_GET(g, Pipe);
    WDF_CHECK_NOT_NULL(g, PipeInformation);
    *PipeInformation = p->info;
}

BOOLEAN imp_WdfUsbTargetPipeIsInEndpoint(PWDF_DRIVER_GLOBALS globals, WDFUSBPIPE Pipe)
{
    return (USB_PIPE_GET(wdf_globals_of(globals), Pipe)->info.EndpointAddress & 0x80) != 0;
}

BOOLEAN imp_WdfUsbTargetPipeIsOutEndpoint(PWDF_DRIVER_GLOBALS globals, WDFUSBPIPE Pipe)
{
    return (USB_PIPE_GET(wdf_globals_of(globals), Pipe)->info.EndpointAddress & 0x80) == 0;
}

WDF_USB_PIPE_TYPE imp_WdfUsbTargetPipeGetType(PWDF_DRIVER_GLOBALS globals, WDFUSBPIPE Pipe)
{
    return USB_PIPE_GET(wdf_globals_of(globals), Pipe)->info.PipeType;
}

VOID imp_WdfUsbTargetPipeSetNoMaximumPacketSizeCheck(PWDF_DRIVER_GLOBALS globals, WDFUSBPIPE Pipe)
{
    USB_PIPE_GET(wdf_globals_of(globals), Pipe)->no_max_check = TRUE;
}

USBD_PIPE_HANDLE imp_WdfUsbTargetPipeWdmGetPipeHandle(PWDF_DRIVER_GLOBALS globals,
                                                      WDFUSBPIPE UsbPipe)
{
    return USB_PIPE_GET(wdf_globals_of(globals), UsbPipe)->handle;
}

/* Microsoft: a read needs a bulk or interrupt IN pipe, a write an OUT one
 * (STATUS_INVALID_DEVICE_REQUEST otherwise); a read's length must be a multiple of the
 * maximum packet size unless WdfUsbTargetPipeSetNoMaximumPacketSizeCheck was called
 * (STATUS_INVALID_BUFFER_SIZE). */
static NTSTATUS usb_transfer_check(struct usb_pipe *p, BOOLEAN in, ULONG length)
{
    if (p->info.PipeType != WdfUsbPipeTypeBulk && p->info.PipeType != WdfUsbPipeTypeInterrupt)
        return STATUS_INVALID_DEVICE_REQUEST;
    if (((p->info.EndpointAddress & 0x80) != 0) != in)
        return STATUS_INVALID_DEVICE_REQUEST;
    if (in && !p->no_max_check && p->info.MaximumPacketSize != 0 &&
        length % p->info.MaximumPacketSize != 0)
        return STATUS_INVALID_BUFFER_SIZE;
    return STATUS_SUCCESS;
}

static void usb_build_transfer(PURB urb, struct usb_pipe *p, PVOID buffer, PMDL mdl, ULONG length)
{
    BOOLEAN in = (p->info.EndpointAddress & 0x80) != 0;
    UsbBuildInterruptOrBulkTransferRequest(
        urb, sizeof(struct _URB_BULK_OR_INTERRUPT_TRANSFER), p->handle, mdl == NULL ? buffer : NULL,
        mdl, length, (in ? USBD_TRANSFER_DIRECTION_IN : 0) | USBD_SHORT_TRANSFER_OK, NULL);
}

static NTSTATUS usb_transfer_sync(PWDF_DRIVER_GLOBALS globals, WDFUSBPIPE Pipe, WDFREQUEST Request,
                                  PWDF_REQUEST_SEND_OPTIONS options, PWDF_MEMORY_DESCRIPTOR d,
                                  PULONG bytes, BOOLEAN in)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct usb_pipe *p = USB_PIPE_GET(g, Pipe);
    URB urb;
    PVOID buffer;
    PMDL mdl;
    ULONG length;
    NTSTATUS status = usb_buffer(g, d, &buffer, &mdl, &length);
    if (bytes != NULL)
        *bytes = 0;
    if (NT_SUCCESS(status))
        status = usb_transfer_check(p, in, length);
    if (!NT_SUCCESS(status))
        return status;
    RtlZeroMemory(&urb, sizeof(urb));
    usb_build_transfer(&urb, p, buffer, mdl, length);
    status = usb_send_urb(g, p->target, Request, options, &urb);
    if (NT_SUCCESS(status) && bytes != NULL)
        *bytes = urb.UrbBulkOrInterruptTransfer.TransferBufferLength;
    return status;
}

NTSTATUS imp_WdfUsbTargetPipeWriteSynchronously(PWDF_DRIVER_GLOBALS globals, WDFUSBPIPE Pipe,
                                                WDFREQUEST Request,
                                                PWDF_REQUEST_SEND_OPTIONS RequestOptions,
                                                PWDF_MEMORY_DESCRIPTOR MemoryDescriptor,
                                                PULONG BytesWritten)
{
    return usb_transfer_sync(globals, Pipe, Request, RequestOptions, MemoryDescriptor, BytesWritten,
                             FALSE);
}

NTSTATUS imp_WdfUsbTargetPipeReadSynchronously(PWDF_DRIVER_GLOBALS globals, WDFUSBPIPE Pipe,
                                               WDFREQUEST Request,
                                               PWDF_REQUEST_SEND_OPTIONS RequestOptions,
                                               PWDF_MEMORY_DESCRIPTOR MemoryDescriptor,
                                               PULONG BytesRead)
{
    return usb_transfer_sync(globals, Pipe, Request, RequestOptions, MemoryDescriptor, BytesRead,
                             TRUE);
}

static NTSTATUS usb_transfer_format(PWDF_DRIVER_GLOBALS globals, WDFUSBPIPE Pipe,
                                    WDFREQUEST Request, WDFMEMORY memory, PWDFMEMORY_OFFSET offset,
                                    BOOLEAN in)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct usb_pipe *p = USB_PIPE_GET(g, Pipe);
    struct usb_fmt f;
    NTSTATUS status = usb_fmt_begin(g, Request, memory, offset, &f);
    if (NT_SUCCESS(status))
        status = usb_transfer_check(p, in, f.length);
    if (!NT_SUCCESS(status))
        return status;
    usb_build_transfer(&f.q->u.urb, p, f.buffer, NULL, f.length);
    return usb_req_format(g, p->target, f.r, f.q,
                          in ? WdfUsbRequestTypePipeRead : WdfUsbRequestTypePipeWrite);
}

NTSTATUS imp_WdfUsbTargetPipeFormatRequestForWrite(PWDF_DRIVER_GLOBALS globals, WDFUSBPIPE Pipe,
                                                   WDFREQUEST Request, WDFMEMORY WriteMemory,
                                                   PWDFMEMORY_OFFSET WriteOffset)
{
    return usb_transfer_format(globals, Pipe, Request, WriteMemory, WriteOffset, FALSE);
}

NTSTATUS imp_WdfUsbTargetPipeFormatRequestForRead(PWDF_DRIVER_GLOBALS globals, WDFUSBPIPE Pipe,
                                                  WDFREQUEST Request, WDFMEMORY ReadMemory,
                                                  PWDFMEMORY_OFFSET ReadOffset)
{
    return usb_transfer_format(globals, Pipe, Request, ReadMemory, ReadOffset, TRUE);
}

static void usb_build_pipe_request(PURB urb, struct usb_pipe *p, USHORT function)
{
    RtlZeroMemory(urb, sizeof(*urb));
    urb->UrbHeader.Function = function;
    urb->UrbHeader.Length = sizeof(struct _URB_PIPE_REQUEST);
    urb->UrbPipeRequest.PipeHandle = p->handle;
}

static NTSTATUS usb_pipe_request_sync(PWDF_DRIVER_GLOBALS globals, WDFUSBPIPE Pipe,
                                      WDFREQUEST Request, PWDF_REQUEST_SEND_OPTIONS options,
                                      USHORT function)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct usb_pipe *p = USB_PIPE_GET(g, Pipe);
    URB urb;
    usb_build_pipe_request(&urb, p, function);
    return usb_send_urb(g, p->target, Request, options, &urb);
}

static NTSTATUS usb_pipe_request_format(PWDF_DRIVER_GLOBALS globals, WDFUSBPIPE Pipe,
                                        WDFREQUEST Request, USHORT function,
                                        WDF_USB_REQUEST_TYPE type)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct usb_pipe *p = USB_PIPE_GET(g, Pipe);
    struct usb_fmt f;
    NTSTATUS status = usb_fmt_begin(g, Request, NULL, NULL, &f);
    if (!NT_SUCCESS(status))
        return status;
    usb_build_pipe_request(&f.q->u.urb, p, function);
    return usb_req_format(g, p->target, f.r, f.q, type);
}

NTSTATUS imp_WdfUsbTargetPipeAbortSynchronously(PWDF_DRIVER_GLOBALS globals, WDFUSBPIPE Pipe,
                                                WDFREQUEST Request,
                                                PWDF_REQUEST_SEND_OPTIONS RequestOptions)
{
    return usb_pipe_request_sync(globals, Pipe, Request, RequestOptions, URB_FUNCTION_ABORT_PIPE);
}

NTSTATUS imp_WdfUsbTargetPipeFormatRequestForAbort(PWDF_DRIVER_GLOBALS globals, WDFUSBPIPE Pipe,
                                                   WDFREQUEST Request)
{
    return usb_pipe_request_format(globals, Pipe, Request, URB_FUNCTION_ABORT_PIPE,
                                   WdfUsbRequestTypePipeAbort);
}

NTSTATUS imp_WdfUsbTargetPipeResetSynchronously(PWDF_DRIVER_GLOBALS globals, WDFUSBPIPE Pipe,
                                                WDFREQUEST Request,
                                                PWDF_REQUEST_SEND_OPTIONS RequestOptions)
{
    return usb_pipe_request_sync(globals, Pipe, Request, RequestOptions,
                                 URB_FUNCTION_SYNC_RESET_PIPE_AND_CLEAR_STALL);
}

NTSTATUS imp_WdfUsbTargetPipeFormatRequestForReset(PWDF_DRIVER_GLOBALS globals, WDFUSBPIPE Pipe,
                                                   WDFREQUEST Request)
{
    return usb_pipe_request_format(globals, Pipe, Request,
                                   URB_FUNCTION_SYNC_RESET_PIPE_AND_CLEAR_STALL,
                                   WdfUsbRequestTypePipeReset);
}

NTSTATUS imp_WdfUsbTargetPipeSendUrbSynchronously(PWDF_DRIVER_GLOBALS globals, WDFUSBPIPE Pipe,
                                                  WDFREQUEST Request,
                                                  PWDF_REQUEST_SEND_OPTIONS RequestOptions,
                                                  PURB Urb)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct usb_pipe *p = USB_PIPE_GET(g, Pipe);
    WDF_CHECK_NOT_NULL(g, Urb);
    return usb_send_urb(g, p->target, Request, RequestOptions, Urb);
}

/* ---- the continuous reader ----------------------------------------------------------------- */

static void usb_reader_send(struct usb_reader_slot *s);

/* Every read is back after a failure: EvtUsbTargetPipeReadersFailed decides whether the
 * reads start again (no callback: they do). Deviation: a device that is gone
 * (STATUS_DEVICE_NOT_CONNECTED) is not read again, where KMDF would keep retrying. */
static void usb_reader_all_failed(struct usb_reader *rd)
{
    BOOLEAN again = TRUE;
    if (rd->config.EvtUsbTargetPipeReadersFailed != NULL)
        again = rd->config.EvtUsbTargetPipeReadersFailed((WDFUSBPIPE)rd->pipe->target,
                                                         rd->fail_status, rd->fail_usbd);
    __atomic_store_n(&rd->failed, 0, __ATOMIC_RELEASE);
    if (!again || rd->fail_status == STATUS_DEVICE_NOT_CONNECTED ||
        !wdf_iotarget_started(rd->pipe->target))
        return;
    for (ULONG i = 0; i < rd->count; i++)
        usb_reader_send(&rd->slot[i]);
}

static VOID NTAPI usb_reader_done(WDFREQUEST Request, WDFIOTARGET Target,
                                  PWDF_REQUEST_COMPLETION_PARAMS Params, WDFCONTEXT Context)
{
    struct usb_reader_slot *s = Context;
    struct usb_reader *rd = s->reader;
    NTSTATUS status = Params->IoStatus.Status;
    PWDF_USB_REQUEST_COMPLETION_PARAMS usb = Params->Parameters.Usb.Completion;
    (void)Request;
    (void)Target;
    if (NT_SUCCESS(status) && !__atomic_load_n(&rd->failed, __ATOMIC_ACQUIRE)) {
        rd->config.EvtUsbTargetPipeReadComplete((WDFUSBPIPE)rd->pipe->target, s->memory,
                                                usb != NULL ? usb->Parameters.PipeRead.Length : 0,
                                                rd->config.EvtUsbTargetPipeReadCompleteContext);
        __atomic_sub_fetch(&rd->outstanding, 1, __ATOMIC_ACQ_REL);
        if (wdf_iotarget_started(rd->pipe->target))
            usb_reader_send(s);
        return;
    }
    if (!NT_SUCCESS(status) && wdf_iotarget_started(rd->pipe->target) &&
        __atomic_exchange_n(&rd->failed, 1, __ATOMIC_ACQ_REL) == 0) {
        rd->fail_status = status;
        rd->fail_usbd = usb != NULL ? usb->UsbdStatus : 0;
        for (ULONG i = 0; i < rd->count; i++) /* the others end too */
            if (&rd->slot[i] != s)
                imp_WdfRequestCancelSentRequest(&rd->pipe->ifc->udev->g->pub,
                                                (WDFREQUEST)&rd->slot[i].request->obj);
    }
    if (__atomic_sub_fetch(&rd->outstanding, 1, __ATOMIC_ACQ_REL) == 0 &&
        __atomic_load_n(&rd->failed, __ATOMIC_ACQUIRE))
        usb_reader_all_failed(rd);
}

static void usb_reader_send(struct usb_reader_slot *s)
{
    struct usb_reader *rd = s->reader;
    struct wdf_globals *g = rd->pipe->ifc->udev->g;
    WDFREQUEST h = (WDFREQUEST)&s->request->obj;
    WDF_REQUEST_REUSE_PARAMS reuse;
    WDFMEMORY_OFFSET offset = {rd->config.HeaderLength, rd->config.TransferLength};
    RtlZeroMemory(&reuse, sizeof(reuse));
    reuse.Size = sizeof(reuse);
    reuse.Status = STATUS_SUCCESS;
    if (!NT_SUCCESS(imp_WdfRequestReuse(&g->pub, h, &reuse)) ||
        !NT_SUCCESS(usb_transfer_format(&g->pub, (WDFUSBPIPE)rd->pipe->target, h, s->memory,
                                        &offset, TRUE)))
        return;
    imp_WdfRequestSetCompletionRoutine(&g->pub, h, usb_reader_done, s);
    __atomic_add_fetch(&rd->outstanding, 1, __ATOMIC_ACQ_REL);
    if (!imp_WdfRequestSend(&g->pub, h, (WDFIOTARGET)rd->pipe->target, NULL))
        __atomic_sub_fetch(&rd->outstanding, 1, __ATOMIC_ACQ_REL); /* the target refused it */
}

/* The pipe targets of every configured interface of a USB device, started (stop FALSE) or
 * stopped with `action`. drvhost's reading of the OSR USB-FX2 samples' documented behaviour
 * (usb/kmdf_enumswitches: the switches' continuous reader runs although EvtDeviceD0Entry starts
 * only the USB device's target, WdfUsbTargetDeviceGetIoTarget): the device's target state
 * carries to its pipes; the reference pages do not say so (docs/wdf.md, "USB targets"). */
static void usb_device_pipes_state(struct usb_device *u, BOOLEAN stop,
                                   WDF_IO_TARGET_SENT_IO_ACTION action)
{
    if (u->config == NULL)
        return;
    for (UCHAR i = 0; i < u->ninterfaces; i++)
        for (UCHAR j = 0; u->ifc[i] != NULL && j < u->ifc[i]->npipes; j++) {
            WDFIOTARGET pipe = (WDFIOTARGET)u->ifc[i]->pipes[j];
            if (stop)
                imp_WdfIoTargetStop(&u->g->pub, pipe, action);
            else
                imp_WdfIoTargetStart(&u->g->pub, pipe);
        }
}

void wdf_usb_target_stopped(void *usb, WDF_IO_TARGET_SENT_IO_ACTION action)
{
    struct usb_device *u = usb;
    if (u->magic == USB_MAGIC_DEVICE)
        usb_device_pipes_state(u, TRUE, action);
}

void wdf_usb_target_started(void *usb)
{
    struct usb_pipe *p = usb;
    if (p->magic == USB_MAGIC_DEVICE)
        usb_device_pipes_state(usb, FALSE, 0);
    if (p->magic != USB_MAGIC_PIPE || p->reader == NULL)
        return;
    /* Reads still at the pipe (a start without a stop) keep going; the idle ones start. */
    for (ULONG i = 0; i < p->reader->count; i++)
        if (!__atomic_load_n(&p->reader->slot[i].request->sent, __ATOMIC_ACQUIRE))
            usb_reader_send(&p->reader->slot[i]);
}

static NTSTATUS usb_reader_slots(struct wdf_globals *g, struct usb_pipe *p, struct usb_reader *rd)
{
    size_t size = rd->config.HeaderLength + rd->config.TransferLength + rd->config.TrailerLength;
    for (ULONG i = 0; i < rd->count; i++) {
        WDF_OBJECT_ATTRIBUTES a;
        NTSTATUS status;
        struct usb_reader_slot *s = &rd->slot[i];
        s->reader = rd;
        RtlZeroMemory(&a, sizeof(a));
        a.Size = sizeof(a);
        a.ExecutionLevel = WdfExecutionLevelInheritFromParent;
        a.SynchronizationScope = WdfSynchronizationScopeInheritFromParent;
        a.ParentObject = (WDFOBJECT)p->target;
        status = wdf_request_create_driver(g, &a, NULL, NULL, TRUE, &s->request);
        if (NT_SUCCESS(status)) {
            PWDF_OBJECT_ATTRIBUTES ma = rd->config.BufferAttributes;
            WDF_OBJECT_ATTRIBUTES own = a;
            if (ma == NULL)
                ma = &own;
            else if (ma->ParentObject == NULL) { /* the reader's buffers go with the pipe */
                own = *ma;
                own.ParentObject = (WDFOBJECT)p->target;
                ma = &own;
            }
            status = imp_WdfMemoryCreate(&g->pub, ma, NonPagedPoolNx, 'RbsU', size, &s->memory,
                                         (PVOID *)&s->buffer);
        }
        if (!NT_SUCCESS(status))
            return status;
    }
    return STATUS_SUCCESS;
}

NTSTATUS imp_WdfUsbTargetPipeConfigContinuousReader(PWDF_DRIVER_GLOBALS globals, WDFUSBPIPE Pipe,
                                                    PWDF_USB_CONTINUOUS_READER_CONFIG Config)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct usb_pipe *p = USB_PIPE_GET(g, Pipe);
    struct usb_reader *rd;
    NTSTATUS status;
    WDF_CHECK_NOT_NULL(g, Config);
    if (Config->Size != sizeof(*Config))
        return STATUS_INFO_LENGTH_MISMATCH;
    if (Config->EvtUsbTargetPipeReadComplete == NULL || Config->TransferLength == 0)
        return STATUS_INVALID_PARAMETER;
    if (Config->HeaderLength + Config->TransferLength < Config->TransferLength ||
        Config->HeaderLength + Config->TransferLength + Config->TrailerLength > (size_t)0xFFFFFFFF)
        return STATUS_INTEGER_OVERFLOW;
    status = usb_transfer_check(p, TRUE, (ULONG)Config->TransferLength);
    if (!NT_SUCCESS(status))
        return status; /* not a bulk or interrupt IN pipe, or not whole packets */
    if (p->reader != NULL)
        return STATUS_INVALID_DEVICE_STATE; /* drvhost: one reader a pipe (docs/wdf.md) */
    if ((rd = calloc(1, sizeof(*rd))) == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    rd->pipe = p;
    rd->config = *Config;
    /* Microsoft: NumPendingReads 0 is the framework's default (2 here). */
    rd->count = Config->NumPendingReads == 0 ? 2 : Config->NumPendingReads;
    if (rd->count > USB_MAX_READERS)
        rd->count = USB_MAX_READERS;
    p->reader = rd; /* freed with the pipe; its requests and buffers are the pipe's children */
    status = usb_reader_slots(g, p, rd);
    if (!NT_SUCCESS(status))
        rd->count = 0;
    return status;
}

/* ---- URBs of the driver's, strings and the port as formatted requests --------------------- */

/* A zeroed URB of `size` bytes in a new WDFMEMORY. Microsoft (WdfUsbTargetDeviceCreateUrb,
 * CreateIsochUrb): only for a USB device created with a client contract version
 * (WdfUsbTargetDeviceCreateWithParameters); STATUS_INVALID_DEVICE_STATE otherwise. Without
 * attributes the memory goes with the USB device. */
static NTSTATUS usb_urb_create(PWDF_DRIVER_GLOBALS globals, WDFUSBDEVICE UsbDevice,
                               PWDF_OBJECT_ATTRIBUTES Attributes, size_t size, WDFMEMORY *UrbMemory,
                               PURB *Urb)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct usb_device *u = USB_DEVICE_GET(g, UsbDevice);
    WDF_OBJECT_ATTRIBUTES own;
    PVOID buffer;
    NTSTATUS status;
    WDF_CHECK_NOT_NULL(g, UrbMemory);
    *UrbMemory = NULL;
    if (u->contract == USBD_CLIENT_CONTRACT_VERSION_INVALID)
        return STATUS_INVALID_DEVICE_STATE;
    if (size == 0)
        return STATUS_INVALID_PARAMETER;
    if (Attributes == NULL) {
        RtlZeroMemory(&own, sizeof(own));
        own.Size = sizeof(own);
        own.ExecutionLevel = WdfExecutionLevelInheritFromParent;
        own.SynchronizationScope = WdfSynchronizationScopeInheritFromParent;
        own.ParentObject = (WDFOBJECT)u->target;
        Attributes = &own;
    }
    status =
        imp_WdfMemoryCreate(globals, Attributes, NonPagedPoolNx, 'UbsU', size, UrbMemory, &buffer);
    if (!NT_SUCCESS(status))
        return status;
    RtlZeroMemory(buffer, size);
    if (Urb != NULL)
        *Urb = buffer;
    return STATUS_SUCCESS;
}

NTSTATUS imp_WdfUsbTargetDeviceCreateUrb(PWDF_DRIVER_GLOBALS globals, WDFUSBDEVICE UsbDevice,
                                         PWDF_OBJECT_ATTRIBUTES Attributes, WDFMEMORY *UrbMemory,
                                         PURB *Urb)
{
    return usb_urb_create(globals, UsbDevice, Attributes, sizeof(URB), UrbMemory, Urb);
}

/* session 12: the URB of an isochronous transfer of NumberOfIsochPackets packets, sized as
 * GET_ISO_URB_SIZE gives it (the page's example sets the header's Length so). Zero packets, or
 * more than a ULONG-sized URB holds, is STATUS_INVALID_PARAMETER (drvhost's reading of the
 * page's "an invalid parameter"). Only the allocation: the simulated USB devices have no
 * isochronous endpoints, so such a URB sent down fails there (docs/usb.md). */
NTSTATUS imp_WdfUsbTargetDeviceCreateIsochUrb(PWDF_DRIVER_GLOBALS globals, WDFUSBDEVICE UsbDevice,
                                              PWDF_OBJECT_ATTRIBUTES Attributes,
                                              ULONG NumberOfIsochPackets, WDFMEMORY *UrbMemory,
                                              PURB *Urb)
{
    const size_t most = ((size_t)MAXULONG - sizeof(struct _URB_ISOCH_TRANSFER)) /
                        sizeof(USBD_ISO_PACKET_DESCRIPTOR);
    size_t size = NumberOfIsochPackets == 0 || NumberOfIsochPackets > most
                      ? 0
                      : GET_ISO_URB_SIZE(NumberOfIsochPackets);
    return usb_urb_create(globals, UsbDevice, Attributes, size, UrbMemory, Urb);
}

/* The driver's URB (in a WDFMEMORY) as the request's Argument1, the memory referenced. */
static NTSTATUS usb_urb_format(PWDF_DRIVER_GLOBALS globals, struct wdf_object *target,
                               WDFREQUEST Request, WDFMEMORY UrbMemory,
                               PWDFMEMORY_OFFSET UrbOffsets, WDF_USB_REQUEST_TYPE type)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct usb_fmt f;
    NTSTATUS status;
    WDF_CHECK_NOT_NULL(g, UrbMemory);
    status = usb_fmt_begin(g, Request, UrbMemory, UrbOffsets, &f);
    if (!NT_SUCCESS(status))
        return status;
    if (f.length < sizeof(struct _URB_HEADER) ||
        f.length < ((PURB)f.buffer)->UrbHeader.Length) /* Microsoft: too small a buffer */
        return STATUS_INVALID_PARAMETER;
    f.q->sent = f.buffer;
    return usb_req_format(g, target, f.r, f.q, type);
}

NTSTATUS imp_WdfUsbTargetDeviceFormatRequestForUrb(PWDF_DRIVER_GLOBALS globals,
                                                   WDFUSBDEVICE UsbDevice, WDFREQUEST Request,
                                                   WDFMEMORY UrbMemory,
                                                   PWDFMEMORY_OFFSET UrbMemoryOffset)
{
    struct usb_device *u = USB_DEVICE_GET(wdf_globals_of(globals), UsbDevice);
    return usb_urb_format(globals, u->target, Request, UrbMemory, UrbMemoryOffset,
                          WdfUsbRequestTypeDeviceUrb);
}

NTSTATUS imp_WdfUsbTargetPipeFormatRequestForUrb(PWDF_DRIVER_GLOBALS globals, WDFUSBPIPE PIPE,
                                                 WDFREQUEST Request, WDFMEMORY UrbMemory,
                                                 PWDFMEMORY_OFFSET UrbMemoryOffset)
{
    struct usb_pipe *p = USB_PIPE_GET(wdf_globals_of(globals), PIPE);
    return usb_urb_format(globals, p->target, Request, UrbMemory, UrbMemoryOffset,
                          WdfUsbRequestTypePipeUrb);
}

NTSTATUS imp_WdfUsbTargetDeviceFormatRequestForString(PWDF_DRIVER_GLOBALS globals,
                                                      WDFUSBDEVICE UsbDevice, WDFREQUEST Request,
                                                      WDFMEMORY Memory, PWDFMEMORY_OFFSET Offset,
                                                      UCHAR StringIndex, USHORT LangID)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct usb_device *u = USB_DEVICE_GET(g, UsbDevice);
    struct usb_fmt f;
    NTSTATUS status = usb_fmt_begin(g, Request, Memory, Offset, &f);
    if (!NT_SUCCESS(status))
        return status;
    UsbBuildGetDescriptorRequest(&f.q->u.urb, sizeof(struct _URB_CONTROL_DESCRIPTOR_REQUEST),
                                 USB_STRING_DESCRIPTOR_TYPE, StringIndex, LangID, f.buffer, NULL,
                                 f.length, NULL);
    f.q->params.Parameters.DeviceString.LangID = LangID;
    f.q->params.Parameters.DeviceString.StringIndex = StringIndex;
    return usb_req_format(g, u->target, f.r, f.q, WdfUsbRequestTypeDeviceString);
}

NTSTATUS imp_WdfUsbTargetDeviceFormatRequestForCyclePort(PWDF_DRIVER_GLOBALS globals,
                                                         WDFUSBDEVICE UsbDevice, WDFREQUEST Request)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct usb_device *u = USB_DEVICE_GET(g, UsbDevice);
    struct wdf_request *r =
        CONTAINING_RECORD(wdf_object_get(g, Request, WDF_TYPE_REQUEST), struct wdf_request, obj);
    return wdf_iotarget_format_urb(u->target, r, IOCTL_INTERNAL_USB_CYCLE_PORT, NULL);
}

/* Deviation: the simulated bus has none of the documented capabilities (chained MDLs, static
 * streams, selective suspend, function suspend, ...): STATUS_NOT_SUPPORTED for every GUID. */
NTSTATUS imp_WdfUsbTargetDeviceQueryUsbCapability(PWDF_DRIVER_GLOBALS globals,
                                                  WDFUSBDEVICE UsbDevice,
                                                  CONST GUID *CapabilityType,
                                                  ULONG CapabilityBufferLength,
                                                  PVOID CapabilityBuffer, PULONG ResultLength)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct usb_device *u = USB_DEVICE_GET(g, UsbDevice);
    (void)CapabilityBufferLength;
    (void)CapabilityBuffer;
    WDF_CHECK_NOT_NULL(g, CapabilityType);
    if (ResultLength != NULL)
        *ResultLength = 0;
    if (u->contract == USBD_CLIENT_CONTRACT_VERSION_INVALID)
        return STATUS_INVALID_DEVICE_STATE; /* Microsoft: created without a contract version */
    return STATUS_NOT_SUPPORTED;
}
