/*
 * usbsidebandaudio.h - sideband audio over USB Audio 1.0: the USB audio class driver publishes a
 * sideband interface (GUID_DEVINTERFACE_USB_SIDEBAND_AUDIO_HS_HCIBYPASS) that an audio driver
 * opens and drives with sidebandaudio.h's IOCTL_SBAUD_* requests; this header adds the USB
 * parameter sets, the types of the SIOPs an audio driver reads (the interface and endpoint
 * descriptors, usb.h's endpoint offload information, the transport resources) and the
 * controller's configuration. Names, values and layouts as the usbsidebandaudio reference gives
 * them (wdk-ddi-src/content/usbsidebandaudio/; member types and enumerator order from the
 * pages as published, learn.microsoft.com, .../ddi/usbsidebandaudio/). Pinned by tests/headers
 * (audio_layout.c, check_audio_not_provided.sh).
 *
 * What the reference leaves out (session 13, TabletAudioSample): the value of the interface
 * class GUID (the header's page names it) and of SIDEBANDAUDIO_PARAMS_SET_USBAUDIO, the USB
 * audio SIOPs' parameter set (no page names it; TabletAudioSample uses it under this name), and
 * Microsoft's Win32 metadata has neither. Both are declared and never defined: a module naming
 * them is refused at load, naming them, as the loader refuses any import drvhost lacks.
 */
#ifndef __USBSIDEBANDAUDIO_H__
#define __USBSIDEBANDAUDIO_H__

#include <sidebandaudio.h>
#include <usbspec.h>
#include <usb.h>

/* The USB audio class driver's sideband interface class (value undocumented: declared only). */
EXTERN_C const GUID GUID_DEVINTERFACE_USB_SIDEBAND_AUDIO_HS_HCIBYPASS;

/* The USB audio parameter set of the SIDEBANDAUDIO_EP_USB_TRANSPORT_RESOURCE_TYPE SIOPs (named
 * by no page, value undocumented: declared only). */
EXTERN_C const GUID SIDEBANDAUDIO_PARAMS_SET_USBAUDIO;

/* The SIOP types of SIDEBANDAUDIO_PARAMS_SET_USBAUDIO: what IOCTL_SBAUD_GET_SIOP returns (in
 * Irp->UserBuffer: that request is METHOD_NEITHER) for an endpoint and for its feedback
 * endpoint (FB). In the order of the page's syntax block, which gives no values: numbered from
 * 0, as C numbers them. */
typedef enum _SIDEBANDAUDIO_EP_USB_TRANSPORT_RESOURCE_TYPE {
    SIOP_TYPE_USBAUD_USBD_INTERFACE_DESCRIPTOR,            /* USB_INTERFACE_DESCRIPTOR */
    SIOP_TYPE_USBAUD_EP_USBD_ENDPOINT_DESCRIPTOR,          /* USB_ENDPOINT_DESCRIPTOR */
    SIOP_TYPE_USBAUD_EP_USBD_ENDPOINT_OFFLOAD_INFORMATION, /* USBD_ENDPOINT_OFFLOAD_INFORMATION */
    SIOP_TYPE_USBAUD_EP_USBAUDIO_TRANSPORT_RESOURCES,      /* the structure below */
    SIOP_TYPE_USBAUD_EP_OFFLOAD_RESOURCE_ID,               /* a ULONG, the platform's */
    SIOP_TYPE_USBAUD_FB_EP_USBD_ENDPOINT_DESCRIPTOR,       /* the same four for the */
    SIOP_TYPE_USBAUD_FB_EP_USBD_ENDPOINT_OFFLOAD_INFORMATION, /* feedback endpoint */
    SIOP_TYPE_USBAUD_FB_EP_USBAUDIO_TRANSPORT_RESOURCES,
    SIOP_TYPE_USBAUD_FB_EP_OFFLOAD_RESOURCE_ID,
    SIOP_TYPE_USBAUD_ENDPOINT_DESCRIPTOR_PER_FORMAT, /* the endpoint descriptor of a format */
    SBUSBAUD_EP_TRANSPORT_RESOURCE_TYPE_INVALID
} SIDEBANDAUDIO_EP_USB_TRANSPORT_RESOURCE_TYPE;

/* The controller's parameter set (its GUID printed by the
 * SIDEBANDAUDIO_USB_CONTROLLER_CONFIG_INFO_TYPE page) and its types, numbered from 0 likewise:
 * whether the controller can sideband a device behind a hub. */
// {7FE4A3DB-B637-4168-B853-4317079560D2}
DEFINE_GUID(SIDEBANDAUDIO_PARAMS_SET_USB_CONTROLLER, 0x7fe4a3db, 0xb637, 0x4168, 0xb8, 0x53, 0x43,
            0x17, 0x7, 0x95, 0x60, 0xd2);

typedef enum _SIDEBANDAUDIO_USB_CONTROLLER_CONFIG_INFO_TYPE {
    SIOP_TYPE_USBAUD_CONTROLLER_CONFIG_INFO_DEVICE_BEHIND_HUB,
    SBUSBAUD_CONTROLLER_CONFIG_INFO_TYPE_INVALID
} SIDEBANDAUDIO_USB_CONTROLLER_CONFIG_INFO_TYPE;

/* An endpoint's transport resources: the audio specification release (BCD, from the
 * class-specific AC interface descriptor), the data path's delay and the slot size (from the
 * Type I format descriptor). */
typedef struct _SIDEBANDAUDIO_EP_USBAUDIO_TRANSPORT_RESOURCES {
    USHORT bcdAudioSpec;
    UCHAR bDelay;
    UCHAR bSlotSize;
} SIDEBANDAUDIO_EP_USBAUDIO_TRANSPORT_RESOURCES, *PSIDEBANDAUDIO_EP_USBAUDIO_TRANSPORT_RESOURCES;

#endif /* __USBSIDEBANDAUDIO_H__ */
