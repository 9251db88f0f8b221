/*
 * usbdi.h - the USB driver interface a client driver includes: usb.h (URBs, USBD_STATUS, pipe
 * and interface information) and usbioctl.h (IOCTL_INTERNAL_USB_*). drvhost has no USB stack.
 */
#ifndef __USBDI_H__
#define __USBDI_H__

#include <usb.h>
#include <usbioctl.h>

#endif
