/*
 * wdfpnp.h - what the framework PnP test drivers (wdfpnp.c) and their tests share: the device
 * interface class and the device controls.
 */
#ifndef WDFPNP_H
#define WDFPNP_H

/* {8d3c1a52-6e4f-4b7a-9c21-5f0e3d2b1a90} */
static const GUID GUID_WDFPNP_INTERFACE = {
    0x8d3c1a52, 0x6e4f, 0x4b7a, {0x9c, 0x21, 0x5f, 0x0e, 0x3d, 0x2b, 0x1a, 0x90}};

/* echoes the input (the FDO); the filter sends it down with a completion routine */
#define IOCTL_WP_ECHO CTL_CODE(FILE_DEVICE_UNKNOWN, 0xB00, METHOD_BUFFERED, FILE_ANY_ACCESS)
/* the FDO answers "fdo" */
#define IOCTL_WP_WHERE CTL_CODE(FILE_DEVICE_UNKNOWN, 0xB01, METHOD_BUFFERED, FILE_ANY_ACCESS)

/* the FDO echoes it too; the filter sends it without a completion routine */
#define IOCTL_WP_ECHO_PLAIN CTL_CODE(FILE_DEVICE_UNKNOWN, 0xB03, METHOD_BUFFERED, FILE_ANY_ACCESS)
/* the FDO vetoes the next QUERY_REMOVE_DEVICE (EvtDeviceQueryRemove) */
#define IOCTL_WP_VETO CTL_CODE(FILE_DEVICE_UNKNOWN, 0xB04, METHOD_BUFFERED, FILE_ANY_ACCESS)
/* the FDO keeps it pending (until IOCTL_WP_RELEASE); the filter sends it, then sends it again
 * while it is still at the FDO: WDF_VIOLATION 0x6/0x3 */
#define IOCTL_WP_SEND_TWICE CTL_CODE(FILE_DEVICE_UNKNOWN, 0xB05, METHOD_BUFFERED, FILE_ANY_ACCESS)
/* the FDO disables (input byte 0) or enables (1) its device interface */
#define IOCTL_WP_IFACE CTL_CODE(FILE_DEVICE_UNKNOWN, 0xB06, METHOD_BUFFERED, FILE_ANY_ACCESS)

#endif
