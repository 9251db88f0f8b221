/*
 * usb_private.h - the simulated USB device: its description (model.c, parsed from the
 * description file), its runtime state and the hub driver's dispatch (pdo.c, urb.c).
 *
 * Lifetime: a struct usb_dev lives from usb_device_plug to usb_shutdown (its PDO may be
 * deleted before: the PDO's extension only points at it). Locking: dev->lock guards the
 * runtime fields (configuration, pipes' FIFOs and waiting transfers); it is never held while
 * an IRP is completed.
 */
#ifndef DRVHOST_USB_USB_PRIVATE_H
#define DRVHOST_USB_USB_PRIVATE_H

#include "usb/usb.h"

#include "os/os.h"

#include <usb.h>
#include <usbspec.h>

#include <stdbool.h>
#include <stdint.h>

#define USB_MAX_CONFIGS 4
#define USB_MAX_INTERFACES                                                                         \
    8                        /* interface descriptors (all alternate settings) per configuration   \
                              */
#define USB_MAX_ENDPOINTS 16 /* per interface descriptor */
#define USB_MAX_STRINGS   16
#define USB_MAX_CONTROLS  32
#define USB_PIPES         32 /* one runtime pipe per endpoint address: (addr & 0xF) | IN << 4 */

struct usb_bytes {
    uint8_t *data;
    size_t size;
};

struct usb_endpoint {
    USB_ENDPOINT_DESCRIPTOR desc;
    int loopback;            /* OUT: the IN endpoint its data goes to, -1 none (a sink) */
    struct usb_bytes source; /* IN: every transfer returns these bytes (size 0: waits for data) */
};

struct usb_interface {
    USB_INTERFACE_DESCRIPTOR desc;
    struct usb_endpoint ep[USB_MAX_ENDPOINTS];
};

struct usb_config {
    USB_CONFIGURATION_DESCRIPTOR desc;
    struct usb_interface ifc[USB_MAX_INTERFACES];
    unsigned nifc;
    struct usb_bytes blob; /* the whole configuration descriptor as the device returns it */
    unsigned line;         /* its line in the description (for the problems found at the end) */
};

/* A vendor or class request the device answers (control lines of the description). */
struct usb_control {
    uint8_t request_type; /* bmRequestType */
    uint8_t request;
    int value, index; /* -1: any */
    bool stall;
    int store; /* OUT: the data becomes the reply of this IN request (-1: dropped) */
    struct usb_bytes reply;
};

/* The runtime side of one endpoint address. */
struct usb_pipe {
    struct usb_dev *dev;
    struct usb_endpoint *ep; /* NULL: not part of the selected configuration/setting */
    struct usb_bytes fifo;   /* IN: bytes that arrived and no transfer took yet */
    LIST_ENTRY waiting;      /* IN: IRPs pending for data (cancelable) */
};

/* An interface handle: the interface number's selected setting. */
struct usb_ifc_state {
    struct usb_dev *dev;
    struct usb_interface *setting; /* NULL: not configured */
};

struct usb_dev {
    struct usb_dev *next;
    char *file;
    USB_DEVICE_DESCRIPTOR desc;
    struct usb_config config[USB_MAX_CONFIGS];
    unsigned nconfig;
    struct usb_bytes string[USB_MAX_STRINGS]; /* UTF-16LE text, index 0: the language IDs */
    struct usb_control control[USB_MAX_CONTROLS];
    unsigned ncontrol;

    /* runtime (lock) */
    os_mutex lock;
    PDEVICE_OBJECT pdo;
    char *instance;
    struct usb_config *configured; /* NULL: unconfigured (also the configuration handle) */
    struct usb_ifc_state ifc[USB_MAX_INTERFACES];
    struct usb_pipe pipe[USB_PIPES];
    bool gone; /* surprise-removed or removed: every transfer fails */
    uint64_t plugged_ns;
};

/* model.c */
/* Parses the description text; NULL with "FILE:LINE: problem" in msg. */
struct usb_dev *usb_model_parse(const char *text, size_t size, const char *file, char *msg,
                                size_t msg_size);
void usb_model_free(struct usb_dev *dev);
unsigned usb_pipe_index(unsigned address);

/* urb.c: IRP_MJ_INTERNAL_DEVICE_CONTROL of the device's PDO. */
NTSTATUS usb_internal_ioctl(struct usb_dev *dev, PIRP irp);
/* Completes every waiting transfer of the device (pipe NULL) or of one pipe with status. */
void usb_flush(struct usb_dev *dev, struct usb_pipe *pipe, NTSTATUS status, USBD_STATUS usbd);
/* Bytes arrive on an IN pipe (loopback, usb_device_input). */
void usb_pipe_feed(struct usb_pipe *pipe, const void *data, size_t size);

#endif
