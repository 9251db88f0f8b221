/*
 * pdo.c - drvhost's USB hub driver (\Driver\usbhub): plugging a described device in (its PDO
 * handed to the PnP manager), the PDO's dispatch routines, data arriving from the host, and
 * shutdown.
 *
 * The PDO's PnP and power IRPs are answered by the root enumerator's routines (IDs from the
 * node, success for start/stop/removal), after the hub's own part: at SURPRISE_REMOVAL and
 * REMOVE_DEVICE the device is gone and its waiting transfers complete with
 * STATUS_DEVICE_NOT_CONNECTED / USBD_STATUS_DEVICE_GONE.
 */
#include "usb/usb_private.h"

#include "io/io.h"
#include "pnp/pnp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define USB_FILE_MAX ((size_t)1 << 20)

static os_mutex hub_lock = OS_MUTEX_INIT; /* hub_driver, devices (the list) */
static struct io_driver *hub_driver;
static struct usb_dev *devices;

static struct usb_dev *dev_of(PDEVICE_OBJECT pdo)
{
    return *(struct usb_dev **)pdo->DeviceExtension;
}

static NTSTATUS NTAPI hub_dispatch_pnp(PDEVICE_OBJECT pdo, PIRP irp)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(irp);
    struct usb_dev *dev = dev_of(pdo);
    if (sp->MinorFunction == IRP_MN_SURPRISE_REMOVAL || sp->MinorFunction == IRP_MN_REMOVE_DEVICE) {
        os_mutex_lock(&dev->lock);
        dev->gone = true;
        dev->configured = NULL;
        os_mutex_unlock(&dev->lock);
        usb_flush(dev, NULL, STATUS_DEVICE_NOT_CONNECTED, USBD_STATUS_DEVICE_GONE);
        if (sp->MinorFunction == IRP_MN_REMOVE_DEVICE) {
            os_mutex_lock(&dev->lock);
            dev->pdo = NULL; /* the root's routine may delete it now */
            os_mutex_unlock(&dev->lock);
        }
    } else if (sp->MinorFunction == IRP_MN_START_DEVICE) {
        os_mutex_lock(&dev->lock);
        dev->gone = false;
        dev->pdo = pdo;
        os_mutex_unlock(&dev->lock);
    } else if (sp->MinorFunction == IRP_MN_QUERY_CAPABILITIES) {
        /* A USB device can be unplugged at any time (the hub reports it removable). */
        PDEVICE_CAPABILITIES caps = sp->Parameters.DeviceCapabilities.Capabilities;
        caps->Removable = TRUE;
        caps->SurpriseRemovalOK = FALSE;
    }
    return pnp_root_driver()->MajorFunction[IRP_MJ_PNP](pdo, irp);
}

static NTSTATUS NTAPI hub_dispatch_power(PDEVICE_OBJECT pdo, PIRP irp)
{
    return pnp_root_driver()->MajorFunction[IRP_MJ_POWER](pdo, irp);
}

static NTSTATUS NTAPI hub_dispatch_internal(PDEVICE_OBJECT pdo, PIRP irp)
{
    return usb_internal_ioctl(dev_of(pdo), irp);
}

/* Create, close and cleanup reaching the PDO (a stack whose drivers pass them down) succeed;
 * WMI IRPs keep their status, as a bus driver leaves them; everything else is not a PDO's. */
static NTSTATUS NTAPI hub_dispatch_other(PDEVICE_OBJECT pdo, PIRP irp)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(irp);
    NTSTATUS status = STATUS_INVALID_DEVICE_REQUEST;
    (void)pdo;
    if (sp->MajorFunction == IRP_MJ_CREATE || sp->MajorFunction == IRP_MJ_CLOSE ||
        sp->MajorFunction == IRP_MJ_CLEANUP)
        status = STATUS_SUCCESS;
    else if (sp->MajorFunction == IRP_MJ_SYSTEM_CONTROL)
        status = irp->IoStatus.Status;
    irp->IoStatus.Status = status;
    IoCompleteRequest(irp, IO_NO_INCREMENT);
    return status;
}

static NTSTATUS hub_start(void)
{
    NTSTATUS status = STATUS_SUCCESS;
    os_mutex_lock(&hub_lock);
    if (hub_driver == NULL && NT_SUCCESS(status = io_driver_create("usbhub", &hub_driver))) {
        for (int i = 0; i <= IRP_MJ_MAXIMUM_FUNCTION; i++)
            hub_driver->object.MajorFunction[i] = hub_dispatch_other;
        hub_driver->object.MajorFunction[IRP_MJ_PNP] = hub_dispatch_pnp;
        hub_driver->object.MajorFunction[IRP_MJ_POWER] = hub_dispatch_power;
        hub_driver->object.MajorFunction[IRP_MJ_INTERNAL_DEVICE_CONTROL] = hub_dispatch_internal;
    }
    os_mutex_unlock(&hub_lock);
    return status;
}

static void dev_init_runtime(struct usb_dev *dev)
{
    os_mutex_init(&dev->lock);
    for (unsigned i = 0; i < USB_PIPES; i++) {
        dev->pipe[i].dev = dev;
        InitializeListHead(&dev->pipe[i].waiting);
    }
    for (unsigned i = 0; i < USB_MAX_INTERFACES; i++) {
        dev->ifc[i].dev = dev;
    }
    dev->plugged_ns = os_monotonic_ns();
}

static struct usb_dev *load(const char *path, char *msg, size_t msg_size, NTSTATUS *status)
{
    void *text = NULL;
    size_t size = 0;
    int e = os_file_read(path, USB_FILE_MAX, &text, &size);
    struct usb_dev *dev;
    if (e != 0) {
        snprintf(msg, msg_size, "%s: %s", path, os_error_text(e));
        *status = STATUS_OBJECT_NAME_NOT_FOUND;
        return NULL;
    }
    dev = usb_model_parse(text, size, path, msg, msg_size);
    free(text);
    *status = dev != NULL ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
    if (dev != NULL && (dev->file = strdup(path)) == NULL) {
        usb_model_free(dev);
        *status = STATUS_INSUFFICIENT_RESOURCES;
        return NULL;
    }
    return dev;
}

NTSTATUS usb_device_plug(const char *path, char **instance, char *msg, size_t msg_size)
{
    NTSTATUS status;
    PDEVICE_OBJECT pdo;
    char hwid[64], compat[3][64];
    const char *compat_ids[3] = {compat[0], compat[1], compat[2]};
    struct usb_dev *dev = load(path, msg, msg_size, &status);
    *instance = NULL;
    if (dev == NULL)
        return status;
    dev_init_runtime(dev);
    if (!NT_SUCCESS(status = hub_start()) ||
        !NT_SUCCESS(status =
                        IoCreateDevice(&hub_driver->object, sizeof(dev), NULL, FILE_DEVICE_UNKNOWN,
                                       FILE_AUTOGENERATED_DEVICE_NAME, FALSE, &pdo))) {
        usb_model_free(dev);
        return status;
    }
    *(struct usb_dev **)pdo->DeviceExtension = dev;
    pdo->Flags &= ~DO_DEVICE_INITIALIZING;
    dev->pdo = pdo;
    os_mutex_lock(&hub_lock);
    dev->next = devices;
    devices = dev;
    os_mutex_unlock(&hub_lock);
    /* The IDs of a USB device (the hub's): the hardware ID the INFs match, the compatible IDs
     * from the first interface's class (the device's when it has one). */
    const USB_INTERFACE_DESCRIPTOR *i0 = &dev->config[0].ifc[0].desc;
    UCHAR cls = dev->desc.bDeviceClass ? dev->desc.bDeviceClass : i0->bInterfaceClass;
    UCHAR sub = dev->desc.bDeviceClass ? dev->desc.bDeviceSubClass : i0->bInterfaceSubClass;
    UCHAR prot = dev->desc.bDeviceClass ? dev->desc.bDeviceProtocol : i0->bInterfaceProtocol;
    snprintf(hwid, sizeof hwid, "USB\\VID_%04X&PID_%04X", dev->desc.idVendor, dev->desc.idProduct);
    snprintf(compat[0], sizeof compat[0], "USB\\Class_%02X&SubClass_%02X&Prot_%02X", cls, sub,
             prot);
    snprintf(compat[1], sizeof compat[1], "USB\\Class_%02X&SubClass_%02X", cls, sub);
    snprintf(compat[2], sizeof compat[2], "USB\\Class_%02X", cls);
    status = pnp_device_create_pdo(hwid, compat_ids, 3, pdo, instance);
    os_mutex_lock(&dev->lock);
    if (*instance != NULL)
        dev->instance = strdup(*instance);
    os_mutex_unlock(&dev->lock);
    return status;
}

/* The device by instance ID, its lock held (NULL: none). */
static struct usb_dev *find_locked(const char *instance)
{
    struct usb_dev *found = NULL;
    os_mutex_lock(&hub_lock);
    for (struct usb_dev *d = devices; d != NULL && found == NULL; d = d->next) {
        os_mutex_lock(&d->lock);
        if (d->instance != NULL && strcasecmp(d->instance, instance) == 0)
            found = d;
        else
            os_mutex_unlock(&d->lock);
    }
    os_mutex_unlock(&hub_lock);
    return found;
}

NTSTATUS usb_device_input(const char *instance, unsigned address, const void *data, size_t size)
{
    struct usb_dev *dev = find_locked(instance);
    struct usb_pipe *pipe;
    if (dev == NULL)
        return STATUS_NO_SUCH_DEVICE;
    if (!(address & 0x80) || (address & 0x70) != 0) {
        os_mutex_unlock(&dev->lock);
        return STATUS_NOT_FOUND;
    }
    pipe = &dev->pipe[usb_pipe_index(address)];
    if (dev->gone || pipe->ep == NULL) {
        os_mutex_unlock(&dev->lock);
        return dev->gone ? STATUS_DEVICE_NOT_CONNECTED : STATUS_NOT_FOUND;
    }
    os_mutex_unlock(&dev->lock);
    usb_pipe_feed(pipe, data, size);
    return STATUS_SUCCESS;
}

void usb_shutdown(void)
{
    os_mutex_lock(&hub_lock);
    struct usb_dev *list = devices;
    struct io_driver *drv = hub_driver;
    devices = NULL;
    hub_driver = NULL;
    os_mutex_unlock(&hub_lock);
    while (list != NULL) {
        struct usb_dev *next = list->next;
        usb_flush(list, NULL, STATUS_DEVICE_NOT_CONNECTED, USBD_STATUS_DEVICE_GONE);
        os_mutex_destroy(&list->lock);
        usb_model_free(list);
        list = next;
    }
    if (drv != NULL)
        io_driver_destroy(drv);
}
