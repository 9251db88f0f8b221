/*
 * urb.c - the URBs and internal IOCTLs a USB function driver sends its PDO, answered from the
 * device's description the way the USB driver stack answers them (docs/usb.md).
 *
 * Transfers: OUT data goes to the endpoint's loopback IN endpoint (or is dropped: a sink); an IN
 * transfer takes the bytes waiting on its endpoint, the endpoint's source= bytes, or waits
 * (pending, cancelable) until data arrives. Completions happen on the thread that brought the
 * data (the writer's, the host's), never under dev->lock.
 */
#include "usb/usb_private.h"

#include <usbdlib.h>
#include <usbioctl.h>

#include <stdlib.h>
#include <string.h>

struct xfer {
    PVOID buffer; /* the transfer buffer (MDL mapped) */
    ULONG length;
};

static NTSTATUS nt_of(USBD_STATUS s)
{
    switch (s) {
    case USBD_STATUS_SUCCESS:
        return STATUS_SUCCESS;
    case USBD_STATUS_CANCELED:
        return STATUS_CANCELLED;
    case USBD_STATUS_DEVICE_GONE:
        return STATUS_DEVICE_NOT_CONNECTED;
    case USBD_STATUS_INSUFFICIENT_RESOURCES:
        return STATUS_INSUFFICIENT_RESOURCES;
    case USBD_STATUS_STALL_PID:
    case USBD_STATUS_ENDPOINT_HALTED:
        return STATUS_UNSUCCESSFUL;
    default:
        return STATUS_INVALID_PARAMETER;
    }
}

static PURB urb_of(PIRP irp)
{
    return IoGetCurrentIrpStackLocation(irp)->Parameters.Others.Argument1;
}

static void complete(PIRP irp, USBD_STATUS usbd)
{
    PURB urb = urb_of(irp);
    urb->UrbHeader.Status = usbd;
    irp->IoStatus.Status = nt_of(usbd);
    irp->IoStatus.Information = 0;
    IoCompleteRequest(irp, IO_NO_INCREMENT);
}

/* The buffer of a transfer: the MDL's system address when there is an MDL (it wins, as in the
 * USB stack), else TransferBuffer. */
static bool buffer_of(PVOID buffer, PMDL mdl, ULONG length, struct xfer *x)
{
    x->length = length;
    x->buffer = mdl != NULL ? MmGetSystemAddressForMdlSafe(mdl, NormalPagePriority) : buffer;
    return length == 0 || x->buffer != NULL;
}

/* ---- descriptors and control requests -------------------------------------------------- */

static ULONG put(struct xfer *x, const void *data, size_t size)
{
    ULONG n = size < x->length ? (ULONG)size : x->length;
    if (n > 0)
        memcpy(x->buffer, data, n);
    return n;
}

/* GET_DESCRIPTOR: the bytes copied, or a stall (no such descriptor). */
static USBD_STATUS get_descriptor(struct usb_dev *dev, UCHAR type, UCHAR index, struct xfer *x,
                                  ULONG *done)
{
    if (type == USB_DEVICE_DESCRIPTOR_TYPE && index == 0) {
        *done = put(x, &dev->desc, sizeof dev->desc);
    } else if (type == USB_CONFIGURATION_DESCRIPTOR_TYPE && index < dev->nconfig) {
        *done = put(x, dev->config[index].blob.data, dev->config[index].blob.size);
    } else if (type == USB_STRING_DESCRIPTOR_TYPE && index < USB_MAX_STRINGS &&
               dev->string[index].data != NULL) {
        uint8_t d[2 + 2 * 126];
        size_t n = dev->string[index].size > 2 * 126 ? 2 * 126 : dev->string[index].size;
        d[0] = (uint8_t)(2 + n);
        d[1] = USB_STRING_DESCRIPTOR_TYPE;
        memcpy(d + 2, dev->string[index].data, n);
        *done = put(x, d, 2 + n);
    } else {
        return USBD_STATUS_STALL_PID;
    }
    return USBD_STATUS_SUCCESS;
}

static struct usb_control *control_find(struct usb_dev *dev, UCHAR type, UCHAR request,
                                        USHORT value, USHORT index)
{
    for (unsigned i = 0; i < dev->ncontrol; i++) {
        struct usb_control *c = &dev->control[i];
        if (c->request_type == (type & 0xE3) && c->request == request &&
            (c->value < 0 || c->value == value) && (c->index < 0 || c->index == index))
            return c;
    }
    return NULL;
}

/* A vendor or class request from the description's table (lock held). */
static USBD_STATUS control_table(struct usb_dev *dev, const UCHAR *setup, struct xfer *x,
                                 ULONG *done)
{
    USHORT value = (USHORT)(setup[2] | setup[3] << 8), index = (USHORT)(setup[4] | setup[5] << 8);
    struct usb_control *c = control_find(dev, setup[0], setup[1], value, index);
    if (c == NULL || c->stall)
        return USBD_STATUS_STALL_PID;
    if (setup[0] & 0x80) {
        *done = put(x, c->reply.data, c->reply.size);
        return USBD_STATUS_SUCCESS;
    }
    *done = x->length;
    if (c->store >= 0) {
        struct usb_control *in =
            control_find(dev, (UCHAR)(c->request_type | 0x80), (UCHAR)c->store, value, index);
        uint8_t *copy = malloc(x->length + 1);
        if (in == NULL || copy == NULL) {
            free(copy);
            return in == NULL ? USBD_STATUS_SUCCESS : USBD_STATUS_INSUFFICIENT_RESOURCES;
        }
        if (x->length > 0)
            memcpy(copy, x->buffer, x->length);
        free(in->reply.data);
        in->reply = (struct usb_bytes){copy, x->length};
    }
    return USBD_STATUS_SUCCESS;
}

/* Standard requests the device answers itself (lock held). SET_CONFIGURATION and
 * SET_INTERFACE go through the SELECT URBs, as the USB stack requires. */
static USBD_STATUS control_standard(struct usb_dev *dev, const UCHAR *setup, struct xfer *x,
                                    ULONG *done)
{
    static const uint8_t zero2[2] = {0, 0};
    uint8_t one;
    switch (setup[1]) {
    case USB_REQUEST_GET_DESCRIPTOR:
        return get_descriptor(dev, setup[3], setup[2], x, done);
    case USB_REQUEST_GET_STATUS:
        *done = put(x, zero2, 2);
        return USBD_STATUS_SUCCESS;
    case USB_REQUEST_GET_CONFIGURATION:
        one = dev->configured ? dev->configured->desc.bConfigurationValue : 0;
        *done = put(x, &one, 1);
        return USBD_STATUS_SUCCESS;
    case USB_REQUEST_GET_INTERFACE:
        if (setup[4] >= USB_MAX_INTERFACES || dev->ifc[setup[4]].setting == NULL)
            return USBD_STATUS_STALL_PID;
        one = dev->ifc[setup[4]].setting->desc.bAlternateSetting;
        *done = put(x, &one, 1);
        return USBD_STATUS_SUCCESS;
    case USB_REQUEST_SET_FEATURE:
    case USB_REQUEST_CLEAR_FEATURE:
        return USBD_STATUS_SUCCESS;
    default:
        return USBD_STATUS_INVALID_PARAMETER;
    }
}

static USBD_STATUS control(struct usb_dev *dev, const UCHAR *setup, struct xfer *x, ULONG *done)
{
    USBD_STATUS s;
    USHORT wlength = (USHORT)(setup[6] | setup[7] << 8);
    *done = 0;
    if (x->length > wlength)
        x->length = wlength;
    os_mutex_lock(&dev->lock);
    s = ((setup[0] >> 5) & 3) == 0 ? control_standard(dev, setup, x, done)
                                   : control_table(dev, setup, x, done);
    os_mutex_unlock(&dev->lock);
    return s;
}

/* ---- configurations ---------------------------------------------------------------------- */

static struct usb_interface *setting_find(struct usb_config *c, UCHAR number, UCHAR alt)
{
    for (unsigned i = 0; i < c->nifc; i++)
        if (c->ifc[i].desc.bInterfaceNumber == number && c->ifc[i].desc.bAlternateSetting == alt)
            return &c->ifc[i];
    return NULL;
}

static bool info_fits(PUSBD_INTERFACE_INFORMATION info, PUCHAR end, struct usb_interface *s)
{
    PUCHAR at = (PUCHAR)info;
    ULONG need = (ULONG)GET_USBD_INTERFACE_SIZE(s->desc.bNumEndpoints);
    return end - at >= (LONG_PTR)need && info->Length >= need;
}

/* The interface's pipes leave the configuration (lock held; their transfers flushed by the
 * caller beforehand). */
static void setting_leave(struct usb_dev *dev, struct usb_ifc_state *st)
{
    if (st->setting == NULL)
        return;
    for (unsigned e = 0; e < st->setting->desc.bNumEndpoints; e++)
        dev->pipe[usb_pipe_index(st->setting->ep[e].desc.bEndpointAddress)].ep = NULL;
    st->setting = NULL;
}

static void setting_enter(struct usb_dev *dev, struct usb_ifc_state *st, struct usb_interface *s,
                          PUSBD_INTERFACE_INFORMATION info)
{
    st->setting = s;
    info->Class = s->desc.bInterfaceClass;
    info->SubClass = s->desc.bInterfaceSubClass;
    info->Protocol = s->desc.bInterfaceProtocol;
    info->InterfaceHandle = st;
    info->NumberOfPipes = s->desc.bNumEndpoints;
    for (unsigned e = 0; e < s->desc.bNumEndpoints; e++) {
        struct usb_endpoint *ep = &s->ep[e];
        struct usb_pipe *pipe = &dev->pipe[usb_pipe_index(ep->desc.bEndpointAddress)];
        pipe->ep = ep;
        info->Pipes[e].MaximumPacketSize = ep->desc.wMaxPacketSize;
        info->Pipes[e].EndpointAddress = ep->desc.bEndpointAddress;
        info->Pipes[e].Interval = ep->desc.bInterval;
        info->Pipes[e].PipeType = (USBD_PIPE_TYPE)(ep->desc.bmAttributes & USB_ENDPOINT_TYPE_MASK);
        info->Pipes[e].PipeHandle = pipe;
    }
}

static USBD_STATUS select_configuration(struct usb_dev *dev, PURB urb)
{
    struct _URB_SELECT_CONFIGURATION *sc = &urb->UrbSelectConfiguration;
    PUCHAR end = (PUCHAR)urb + urb->UrbHeader.Length;
    struct usb_config *cfg = NULL;
    usb_flush(dev, NULL, STATUS_CANCELLED, USBD_STATUS_CANCELED);
    os_mutex_lock(&dev->lock);
    for (unsigned i = 0; i < USB_MAX_INTERFACES; i++)
        setting_leave(dev, &dev->ifc[i]);
    dev->configured = NULL;
    if (sc->ConfigurationDescriptor == NULL) { /* unconfigure */
        os_mutex_unlock(&dev->lock);
        return USBD_STATUS_SUCCESS;
    }
    for (unsigned i = 0; i < dev->nconfig; i++)
        if (dev->config[i].desc.bConfigurationValue ==
            sc->ConfigurationDescriptor->bConfigurationValue)
            cfg = &dev->config[i];
    if (cfg == NULL) {
        os_mutex_unlock(&dev->lock);
        return USBD_STATUS_INVALID_CONFIGURATION_DESCRIPTOR;
    }
    /* One USBD_INTERFACE_INFORMATION per interface the driver asks for, back to back. */
    PUSBD_INTERFACE_INFORMATION info = &sc->Interface;
    for (unsigned n = 0; n < cfg->desc.bNumInterfaces && (PUCHAR)info + 16 <= end && info->Length;
         n++) {
        struct usb_interface *s = setting_find(cfg, info->InterfaceNumber, info->AlternateSetting);
        USBD_STATUS err = s == NULL                  ? USBD_STATUS_INTERFACE_NOT_FOUND
                          : !info_fits(info, end, s) ? USBD_STATUS_BUFFER_TOO_SMALL
                                                     : USBD_STATUS_SUCCESS;
        if (err != USBD_STATUS_SUCCESS) {
            for (unsigned i = 0; i < USB_MAX_INTERFACES; i++)
                setting_leave(dev, &dev->ifc[i]);
            os_mutex_unlock(&dev->lock);
            return err;
        }
        setting_enter(dev, &dev->ifc[info->InterfaceNumber], s, info);
        info = (PUSBD_INTERFACE_INFORMATION)((PUCHAR)info + info->Length);
    }
    dev->configured = cfg;
    sc->ConfigurationHandle = cfg;
    os_mutex_unlock(&dev->lock);
    return USBD_STATUS_SUCCESS;
}

static USBD_STATUS select_interface(struct usb_dev *dev, PURB urb)
{
    struct _URB_SELECT_INTERFACE *si = &urb->UrbSelectInterface;
    PUCHAR end = (PUCHAR)urb + urb->UrbHeader.Length;
    PUSBD_INTERFACE_INFORMATION info = &si->Interface;
    struct usb_interface *s;
    struct usb_ifc_state *st;
    os_mutex_lock(&dev->lock);
    if (dev->configured == NULL || si->ConfigurationHandle != dev->configured ||
        info->InterfaceNumber >= USB_MAX_INTERFACES) {
        os_mutex_unlock(&dev->lock);
        return USBD_STATUS_INVALID_PARAMETER;
    }
    s = setting_find(dev->configured, info->InterfaceNumber, info->AlternateSetting);
    if (s == NULL || !info_fits(info, end, s)) {
        os_mutex_unlock(&dev->lock);
        return s == NULL ? USBD_STATUS_INTERFACE_NOT_FOUND : USBD_STATUS_BUFFER_TOO_SMALL;
    }
    st = &dev->ifc[info->InterfaceNumber];
    os_mutex_unlock(&dev->lock);
    /* The old setting's transfers end (cancelled) before its pipes go. */
    for (unsigned e = 0; st->setting != NULL && e < st->setting->desc.bNumEndpoints; e++)
        usb_flush(dev, &dev->pipe[usb_pipe_index(st->setting->ep[e].desc.bEndpointAddress)],
                  STATUS_CANCELLED, USBD_STATUS_CANCELED);
    os_mutex_lock(&dev->lock);
    setting_leave(dev, st);
    setting_enter(dev, st, s, info);
    os_mutex_unlock(&dev->lock);
    return USBD_STATUS_SUCCESS;
}

/* ---- pipes ---------------------------------------------------------------------------------- */

/* A pipe handle of the current configuration, or NULL (lock held). */
static struct usb_pipe *pipe_of(struct usb_dev *dev, USBD_PIPE_HANDLE h)
{
    struct usb_pipe *p = h;
    if (p < &dev->pipe[0] || p >= &dev->pipe[USB_PIPES] ||
        ((PUCHAR)p - (PUCHAR)&dev->pipe[0]) % sizeof *p != 0 || p->ep == NULL)
        return NULL;
    return p;
}

static void take_locked(struct usb_pipe *pipe, struct xfer *x, ULONG *done)
{
    ULONG n = pipe->fifo.size < x->length ? (ULONG)pipe->fifo.size : x->length;
    if (n > 0)
        memcpy(x->buffer, pipe->fifo.data, n);
    memmove(pipe->fifo.data, pipe->fifo.data + n, pipe->fifo.size - n);
    pipe->fifo.size -= n;
    *done = n;
}

static VOID NTAPI cancel_transfer(PDEVICE_OBJECT pdo, PIRP irp)
{
    struct usb_pipe *pipe = irp->Tail.Overlay.DriverContext[0];
    (void)pdo;
    IoReleaseCancelSpinLock(irp->CancelIrql);
    os_mutex_lock(&pipe->dev->lock);
    RemoveEntryList(&irp->Tail.Overlay.ListEntry); /* a no-op when a feeder unlinked it */
    InitializeListHead(&irp->Tail.Overlay.ListEntry);
    os_mutex_unlock(&pipe->dev->lock);
    urb_of(irp)->UrbBulkOrInterruptTransfer.TransferBufferLength = 0;
    complete(irp, USBD_STATUS_CANCELED);
}

/* Unlinks the waiting IRPs that can be completed into `out` (at most `max` of them, lock held);
 * the ones whose cancel routine already runs are only unlinked (it completes them). */
static void claim_locked(struct usb_pipe *pipe, PLIST_ENTRY out, unsigned max)
{
    while (max > 0 && !IsListEmpty(&pipe->waiting)) {
        PLIST_ENTRY e = RemoveHeadList(&pipe->waiting);
        PIRP irp = CONTAINING_RECORD(e, IRP, Tail.Overlay.ListEntry);
        InitializeListHead(e);
        if (IoSetCancelRoutine(irp, NULL) == NULL)
            continue;
        InsertTailList(out, e);
        max--;
    }
}

void usb_flush(struct usb_dev *dev, struct usb_pipe *only, NTSTATUS status, USBD_STATUS usbd)
{
    LIST_ENTRY done;
    (void)status; /* the IRP's status follows from usbd */
    InitializeListHead(&done);
    os_mutex_lock(&dev->lock);
    for (unsigned i = 0; i < USB_PIPES; i++)
        if (only == NULL || only == &dev->pipe[i])
            claim_locked(&dev->pipe[i], &done, ~0u);
    os_mutex_unlock(&dev->lock);
    while (!IsListEmpty(&done)) {
        PIRP irp = CONTAINING_RECORD(RemoveHeadList(&done), IRP, Tail.Overlay.ListEntry);
        urb_of(irp)->UrbBulkOrInterruptTransfer.TransferBufferLength = 0;
        complete(irp, usbd);
    }
}

static bool in_buffer(PIRP irp, struct xfer *x)
{
    struct _URB_BULK_OR_INTERRUPT_TRANSFER *t = &urb_of(irp)->UrbBulkOrInterruptTransfer;
    return buffer_of(t->TransferBuffer, t->TransferBufferMDL, t->TransferBufferLength, x);
}

void usb_pipe_feed(struct usb_pipe *pipe, const void *data, size_t size)
{
    struct usb_dev *dev = pipe->dev;
    LIST_ENTRY done;
    InitializeListHead(&done);
    os_mutex_lock(&dev->lock);
    uint8_t *m = realloc(pipe->fifo.data, pipe->fifo.size + size + 1);
    if (m != NULL) { /* out of memory: the data is lost, as a device's overrun */
        pipe->fifo.data = m;
        memcpy(m + pipe->fifo.size, data, size);
        pipe->fifo.size += size;
    }
    /* Each waiting transfer takes what is there (up to its length), oldest first. */
    while (pipe->fifo.size > 0 && !IsListEmpty(&pipe->waiting)) {
        LIST_ENTRY one;
        InitializeListHead(&one);
        claim_locked(pipe, &one, 1);
        if (IsListEmpty(&one))
            continue;
        PIRP irp = CONTAINING_RECORD(one.Flink, IRP, Tail.Overlay.ListEntry);
        struct xfer x;
        ULONG n = 0;
        InitializeListHead(&irp->Tail.Overlay.ListEntry);
        if (in_buffer(irp, &x))
            take_locked(pipe, &x, &n);
        urb_of(irp)->UrbBulkOrInterruptTransfer.TransferBufferLength = n;
        InsertTailList(&done, &irp->Tail.Overlay.ListEntry);
    }
    os_mutex_unlock(&dev->lock);
    while (!IsListEmpty(&done))
        complete(CONTAINING_RECORD(RemoveHeadList(&done), IRP, Tail.Overlay.ListEntry),
                 USBD_STATUS_SUCCESS);
}

/* An IN transfer: data now, or the IRP waits (STATUS_PENDING; lock held, released). */
static NTSTATUS transfer_in(struct usb_pipe *pipe, PIRP irp, struct xfer *x)
{
    struct _URB_BULK_OR_INTERRUPT_TRANSFER *t = &urb_of(irp)->UrbBulkOrInterruptTransfer;
    struct usb_dev *dev = pipe->dev;
    ULONG n = 0;
    if (pipe->ep->source.size > 0 || pipe->fifo.size > 0) {
        if (pipe->ep->source.size > 0) {
            n = put(x, pipe->ep->source.data, pipe->ep->source.size);
        } else {
            take_locked(pipe, x, &n);
        }
        os_mutex_unlock(&dev->lock);
        t->TransferBufferLength = n;
        complete(irp, USBD_STATUS_SUCCESS);
        return STATUS_SUCCESS;
    }
    IoMarkIrpPending(irp);
    irp->Tail.Overlay.DriverContext[0] = pipe;
    InsertTailList(&pipe->waiting, &irp->Tail.Overlay.ListEntry);
    IoSetCancelRoutine(irp, cancel_transfer);
    if (__atomic_load_n(&irp->Cancel, __ATOMIC_ACQUIRE) && IoSetCancelRoutine(irp, NULL) != NULL) {
        RemoveEntryList(&irp->Tail.Overlay.ListEntry);
        os_mutex_unlock(&dev->lock);
        t->TransferBufferLength = 0;
        complete(irp, USBD_STATUS_CANCELED);
        return STATUS_PENDING;
    }
    os_mutex_unlock(&dev->lock);
    return STATUS_PENDING;
}

static NTSTATUS bulk_or_interrupt(struct usb_dev *dev, PIRP irp, PURB urb)
{
    struct _URB_BULK_OR_INTERRUPT_TRANSFER *t = &urb->UrbBulkOrInterruptTransfer;
    struct xfer x;
    struct usb_pipe *pipe, *target = NULL;
    if (!buffer_of(t->TransferBuffer, t->TransferBufferMDL, t->TransferBufferLength, &x)) {
        complete(irp, USBD_STATUS_INVALID_PARAMETER);
        return STATUS_INVALID_PARAMETER;
    }
    os_mutex_lock(&dev->lock);
    if ((pipe = pipe_of(dev, t->PipeHandle)) == NULL) {
        os_mutex_unlock(&dev->lock);
        complete(irp, USBD_STATUS_INVALID_PIPE_HANDLE);
        return STATUS_INVALID_PARAMETER;
    }
    if (pipe->ep->desc.bEndpointAddress & 0x80)
        return transfer_in(pipe, irp, &x);
    if (pipe->ep->loopback >= 0)
        target = &dev->pipe[usb_pipe_index((unsigned)pipe->ep->loopback)];
    if (target != NULL && target->ep == NULL)
        target = NULL; /* its interface setting is not selected: the data is lost */
    os_mutex_unlock(&dev->lock);
    if (target != NULL)
        usb_pipe_feed(target, x.buffer, x.length);
    complete(irp, USBD_STATUS_SUCCESS); /* TransferBufferLength: all of it went out */
    return STATUS_SUCCESS;
}

/* ---- the URB dispatcher ---------------------------------------------------------------------- */

static const struct {
    USHORT function;
    USHORT size;
} urb_sizes[] = {
    {URB_FUNCTION_SELECT_CONFIGURATION,
     sizeof(struct _URB_SELECT_CONFIGURATION) - sizeof(USBD_INTERFACE_INFORMATION)},
    {URB_FUNCTION_SELECT_INTERFACE, sizeof(struct _URB_SELECT_INTERFACE)},
    {URB_FUNCTION_ABORT_PIPE, sizeof(struct _URB_PIPE_REQUEST)},
    {URB_FUNCTION_SYNC_RESET_PIPE_AND_CLEAR_STALL, sizeof(struct _URB_PIPE_REQUEST)},
    {URB_FUNCTION_SYNC_RESET_PIPE, sizeof(struct _URB_PIPE_REQUEST)},
    {URB_FUNCTION_SYNC_CLEAR_STALL, sizeof(struct _URB_PIPE_REQUEST)},
    {URB_FUNCTION_GET_CURRENT_FRAME_NUMBER, sizeof(struct _URB_GET_CURRENT_FRAME_NUMBER)},
    {URB_FUNCTION_CONTROL_TRANSFER, sizeof(struct _URB_CONTROL_TRANSFER)},
    {URB_FUNCTION_CONTROL_TRANSFER_EX, sizeof(struct _URB_CONTROL_TRANSFER_EX)},
    {URB_FUNCTION_BULK_OR_INTERRUPT_TRANSFER, sizeof(struct _URB_BULK_OR_INTERRUPT_TRANSFER)},
    {URB_FUNCTION_GET_DESCRIPTOR_FROM_DEVICE, sizeof(struct _URB_CONTROL_DESCRIPTOR_REQUEST)},
    {URB_FUNCTION_VENDOR_DEVICE, sizeof(struct _URB_CONTROL_VENDOR_OR_CLASS_REQUEST)},
    {URB_FUNCTION_VENDOR_INTERFACE, sizeof(struct _URB_CONTROL_VENDOR_OR_CLASS_REQUEST)},
    {URB_FUNCTION_VENDOR_ENDPOINT, sizeof(struct _URB_CONTROL_VENDOR_OR_CLASS_REQUEST)},
    {URB_FUNCTION_VENDOR_OTHER, sizeof(struct _URB_CONTROL_VENDOR_OR_CLASS_REQUEST)},
    {URB_FUNCTION_CLASS_DEVICE, sizeof(struct _URB_CONTROL_VENDOR_OR_CLASS_REQUEST)},
    {URB_FUNCTION_CLASS_INTERFACE, sizeof(struct _URB_CONTROL_VENDOR_OR_CLASS_REQUEST)},
    {URB_FUNCTION_CLASS_ENDPOINT, sizeof(struct _URB_CONTROL_VENDOR_OR_CLASS_REQUEST)},
    {URB_FUNCTION_CLASS_OTHER, sizeof(struct _URB_CONTROL_VENDOR_OR_CLASS_REQUEST)},
    {URB_FUNCTION_GET_STATUS_FROM_DEVICE, sizeof(struct _URB_CONTROL_GET_STATUS_REQUEST)},
    {URB_FUNCTION_GET_CONFIGURATION, sizeof(struct _URB_CONTROL_GET_CONFIGURATION_REQUEST)},
};

/* 0: a function drvhost does not answer. */
static USHORT urb_size(USHORT function)
{
    for (size_t i = 0; i < sizeof urb_sizes / sizeof urb_sizes[0]; i++)
        if (urb_sizes[i].function == function)
            return urb_sizes[i].size;
    return 0;
}

/* VENDOR_ and CLASS_ URBs as the setup packet they stand for. */
static void vendor_setup(PURB urb, UCHAR *setup)
{
    struct _URB_CONTROL_VENDOR_OR_CLASS_REQUEST *v = &urb->UrbControlVendorClassRequest;
    USHORT f = urb->UrbHeader.Function;
    UCHAR type = f >= URB_FUNCTION_CLASS_DEVICE && f <= URB_FUNCTION_CLASS_ENDPOINT ? 1
                 : f == URB_FUNCTION_CLASS_OTHER                                    ? 1
                                                                                    : 2;
    UCHAR recip = f == URB_FUNCTION_VENDOR_DEVICE || f == URB_FUNCTION_CLASS_DEVICE         ? 0
                  : f == URB_FUNCTION_VENDOR_INTERFACE || f == URB_FUNCTION_CLASS_INTERFACE ? 1
                  : f == URB_FUNCTION_VENDOR_ENDPOINT || f == URB_FUNCTION_CLASS_ENDPOINT   ? 2
                                                                                            : 3;
    setup[0] = (UCHAR)((USBD_TRANSFER_DIRECTION(v->TransferFlags) ? 0x80 : 0) | type << 5 | recip |
                       (v->RequestTypeReservedBits & 0x1C));
    setup[1] = v->Request;
    setup[2] = (UCHAR)v->Value;
    setup[3] = (UCHAR)(v->Value >> 8);
    setup[4] = (UCHAR)v->Index;
    setup[5] = (UCHAR)(v->Index >> 8);
    setup[6] = (UCHAR)v->TransferBufferLength;
    setup[7] = (UCHAR)(v->TransferBufferLength >> 8);
}

/* The control-type URBs share TransferBufferLength/Buffer/MDL at the same offsets. */
static USBD_STATUS control_urb(struct usb_dev *dev, PURB urb, const UCHAR *setup)
{
    struct _URB_CONTROL_TRANSFER *c = &urb->UrbControlTransfer;
    struct xfer x;
    ULONG done = 0;
    USBD_STATUS s;
    if (urb->UrbHeader.Function == URB_FUNCTION_CONTROL_TRANSFER_EX) {
        struct _URB_CONTROL_TRANSFER_EX *e = &urb->UrbControlTransferEx;
        if (!buffer_of(e->TransferBuffer, e->TransferBufferMDL, e->TransferBufferLength, &x))
            return USBD_STATUS_INVALID_PARAMETER;
        s = control(dev, setup, &x, &done);
        e->TransferBufferLength = done;
        return s;
    }
    if (!buffer_of(c->TransferBuffer, c->TransferBufferMDL, c->TransferBufferLength, &x))
        return USBD_STATUS_INVALID_PARAMETER;
    s = control(dev, setup, &x, &done);
    c->TransferBufferLength = done;
    return s;
}

static USBD_STATUS pipe_request(struct usb_dev *dev, PURB urb)
{
    struct usb_pipe *pipe;
    os_mutex_lock(&dev->lock);
    pipe = pipe_of(dev, urb->UrbPipeRequest.PipeHandle);
    os_mutex_unlock(&dev->lock);
    if (pipe == NULL)
        return USBD_STATUS_INVALID_PIPE_HANDLE;
    if (urb->UrbHeader.Function == URB_FUNCTION_ABORT_PIPE)
        usb_flush(dev, pipe, STATUS_CANCELLED, USBD_STATUS_CANCELED);
    return USBD_STATUS_SUCCESS; /* a reset clears a halt; the simulated pipes never halt */
}

static USBD_STATUS urb_sync(struct usb_dev *dev, PURB urb)
{
    UCHAR setup[8];
    struct _URB_CONTROL_DESCRIPTOR_REQUEST *d = &urb->UrbControlDescriptorRequest;
    switch (urb->UrbHeader.Function) {
    case URB_FUNCTION_SELECT_CONFIGURATION:
        return select_configuration(dev, urb);
    case URB_FUNCTION_SELECT_INTERFACE:
        return select_interface(dev, urb);
    case URB_FUNCTION_ABORT_PIPE:
    case URB_FUNCTION_SYNC_RESET_PIPE_AND_CLEAR_STALL:
    case URB_FUNCTION_SYNC_RESET_PIPE:
    case URB_FUNCTION_SYNC_CLEAR_STALL:
        return pipe_request(dev, urb);
    case URB_FUNCTION_GET_CURRENT_FRAME_NUMBER: /* one frame a millisecond since the plug */
        urb->UrbGetCurrentFrameNumber.FrameNumber =
            (ULONG)((os_monotonic_ns() - dev->plugged_ns) / 1000000u);
        return USBD_STATUS_SUCCESS;
    case URB_FUNCTION_CONTROL_TRANSFER:
        return control_urb(dev, urb, urb->UrbControlTransfer.SetupPacket);
    case URB_FUNCTION_CONTROL_TRANSFER_EX:
        return control_urb(dev, urb, urb->UrbControlTransferEx.SetupPacket);
    case URB_FUNCTION_GET_DESCRIPTOR_FROM_DEVICE:
        setup[0] = 0x80;
        setup[1] = USB_REQUEST_GET_DESCRIPTOR;
        setup[2] = d->Index;
        setup[3] = d->DescriptorType;
        setup[4] = (UCHAR)d->LanguageId;
        setup[5] = (UCHAR)(d->LanguageId >> 8);
        setup[6] = (UCHAR)d->TransferBufferLength;
        setup[7] = (UCHAR)(d->TransferBufferLength >> 8);
        if (d->TransferBufferLength > 0xFFFF)
            setup[6] = setup[7] = 0xFF;
        return control_urb(dev, urb, setup);
    case URB_FUNCTION_GET_STATUS_FROM_DEVICE:
    case URB_FUNCTION_GET_CONFIGURATION:
        memset(setup, 0, sizeof setup);
        setup[0] = 0x80;
        setup[1] = urb->UrbHeader.Function == URB_FUNCTION_GET_CONFIGURATION
                       ? USB_REQUEST_GET_CONFIGURATION
                       : USB_REQUEST_GET_STATUS;
        setup[6] = urb->UrbHeader.Function == URB_FUNCTION_GET_CONFIGURATION ? 1 : 2;
        return control_urb(dev, urb, setup);
    default: /* the VENDOR_ and CLASS_ functions */
        vendor_setup(urb, setup);
        if (urb->UrbControlVendorClassRequest.TransferBufferLength > 0xFFFF)
            return USBD_STATUS_INVALID_PARAMETER;
        return control_urb(dev, urb, setup);
    }
}

static NTSTATUS submit_urb(struct usb_dev *dev, PIRP irp)
{
    PURB urb = urb_of(irp);
    USHORT need;
    USBD_STATUS s;
    bool gone;
    if (urb == NULL) {
        irp->IoStatus.Status = STATUS_INVALID_PARAMETER;
        IoCompleteRequest(irp, IO_NO_INCREMENT);
        return STATUS_INVALID_PARAMETER;
    }
    need = urb_size(urb->UrbHeader.Function);
    os_mutex_lock(&dev->lock);
    gone = dev->gone;
    os_mutex_unlock(&dev->lock);
    if (gone)
        s = USBD_STATUS_DEVICE_GONE;
    else if (need == 0)
        s = USBD_STATUS_INVALID_URB_FUNCTION; /* isochronous, streams, chained MDLs, ... */
    else if (urb->UrbHeader.Length < need)
        s = USBD_STATUS_INVALID_PARAMETER;
    else if (urb->UrbHeader.Function == URB_FUNCTION_BULK_OR_INTERRUPT_TRANSFER)
        return bulk_or_interrupt(dev, irp, urb);
    else
        s = urb_sync(dev, urb);
    complete(irp, s);
    return nt_of(s);
}

NTSTATUS usb_internal_ioctl(struct usb_dev *dev, PIRP irp)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(irp);
    NTSTATUS status = STATUS_SUCCESS;
    bool gone;
    if (sp->Parameters.DeviceIoControl.IoControlCode == IOCTL_INTERNAL_USB_SUBMIT_URB)
        return submit_urb(dev, irp);
    os_mutex_lock(&dev->lock);
    gone = dev->gone;
    os_mutex_unlock(&dev->lock);
    switch (sp->Parameters.DeviceIoControl.IoControlCode) {
    case IOCTL_INTERNAL_USB_GET_PORT_STATUS:
        if (sp->Parameters.Others.Argument1 == NULL)
            status = STATUS_INVALID_PARAMETER;
        else
            *(PULONG)sp->Parameters.Others.Argument1 =
                gone ? 0 : USBD_PORT_ENABLED | USBD_PORT_CONNECTED;
        break;
    case IOCTL_INTERNAL_USB_RESET_PORT:
    case IOCTL_INTERNAL_USB_CYCLE_PORT:
        /* Deviation: the port is not re-enumerated (docs/usb.md); the configuration stays. */
        status = gone ? STATUS_DEVICE_NOT_CONNECTED : STATUS_SUCCESS;
        break;
    default:
        status = STATUS_NOT_SUPPORTED;
        break;
    }
    irp->IoStatus.Status = status;
    IoCompleteRequest(irp, IO_NO_INCREMENT);
    return status;
}
