/*
 * usb.h - drvhost's simulated USB bus (docs/usb.md): a device described by a text file (its
 * descriptors and a behaviour per endpoint) is plugged in as a PDO of drvhost's own USB hub
 * driver (\Driver\usbhub), which answers the URBs a function driver sends it
 * (IOCTL_INTERNAL_USB_SUBMIT_URB) the way the USB driver stack does.
 *
 * Layer: usb sits above pnp (the device node is created by the PnP manager) and io; the host
 * calls it; nothing below calls it.
 */
#ifndef DRVHOST_USB_USB_H
#define DRVHOST_USB_USB_H

#include <wdm.h>

#include <stddef.h>

/* Parses the description (FILE:LINE: problem in msg and STATUS_INVALID_PARAMETER when it is
 * malformed), creates the device (hardware ID USB\VID_xxxx&PID_xxxx) and starts it, as
 * pnp_device_create does. *instance (malloc'ed) is its instance ID. */
NTSTATUS usb_device_plug(const char *path, char **instance, char *msg, size_t msg_size);

/* Data arrives on the IN endpoint `address` of the device (instance ID): it completes the
 * transfers waiting there, or waits for the next one. STATUS_NO_SUCH_DEVICE, STATUS_NOT_FOUND
 * (no such IN endpoint). */
NTSTATUS usb_device_input(const char *instance, unsigned address, const void *data, size_t size);

/* After pnp_shutdown: frees every device description and the hub driver. */
void usb_shutdown(void);

#endif
