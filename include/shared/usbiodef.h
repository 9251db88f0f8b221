/*
 * usbiodef.h - the USB device interface classes and USB WMI GUIDs (Microsoft's names and
 * values). DEFINE_GUID declares them; after <initguid.h> it defines their storage.
 *
 * drvhost specifics: the WDK's usbiodef.h also defines the USB I/O function codes
 * (USB_SUBMIT_URB...) and FILE_DEVICE_USB; drvhost's usbioctl.h defines those, so this header
 * holds the GUIDs only.
 */
#include <guiddef.h>

DEFINE_GUID(GUID_DEVINTERFACE_USB_HUB, 0xf18a0e88, 0xc30c, 0x11d0, 0x88, 0x15, 0x00, 0xa0, 0xc9,
            0x06, 0xbe, 0xd8);
DEFINE_GUID(GUID_DEVINTERFACE_USB_DEVICE, 0xa5dcbf10, 0x6530, 0x11d2, 0x90, 0x1f, 0x00, 0xc0, 0x4f,
            0xb9, 0x51, 0xed);
DEFINE_GUID(GUID_DEVINTERFACE_USB_HOST_CONTROLLER, 0x3abf6f2d, 0x71c4, 0x462a, 0x8a, 0x92, 0x1e,
            0x68, 0x61, 0xe6, 0xaf, 0x27);
DEFINE_GUID(GUID_USB_WMI_STD_DATA, 0x4e623b20, 0xcb14, 0x11d1, 0xb3, 0x31, 0x00, 0xa0, 0xc9, 0x59,
            0xbb, 0xd2);
DEFINE_GUID(GUID_USB_WMI_STD_NOTIFICATION, 0x4e623b20, 0xcb14, 0x11d1, 0xb3, 0x31, 0x00, 0xa0, 0xc9,
            0x59, 0xbb, 0xd2);
DEFINE_GUID(GUID_USB_WMI_DEVICE_PERF_INFO, 0x66c1aa3c, 0x499f, 0x49a0, 0xa9, 0xa5, 0x61, 0xe2, 0x35,
            0x9f, 0x64, 0x07);
DEFINE_GUID(GUID_USB_WMI_NODE_INFO, 0x9c179357, 0xdc7a, 0x4f41, 0xb6, 0x6b, 0x32, 0x3b, 0x9d, 0xdc,
            0xb5, 0xb1);

/* The former names of the interface classes (obsolete). */
#define GUID_CLASS_USBHUB              GUID_DEVINTERFACE_USB_HUB
#define GUID_CLASS_USB_DEVICE          GUID_DEVINTERFACE_USB_DEVICE
#define GUID_CLASS_USB_HOST_CONTROLLER GUID_DEVINTERFACE_USB_HOST_CONTROLLER
