/*
 * wdfwmi.h - what the WDF WMI test driver (wdfwmi.c) and its scenarios share.
 */
#ifndef WDFWMI_TEST_H
#define WDFWMI_TEST_H

/* Fires the event block's event; input: the event data. */
#define IOCTL_WW_FIRE CTL_CODE(FILE_DEVICE_UNKNOWN, 0xC00, METHOD_BUFFERED, FILE_ANY_ACCESS)
/* Output: two BOOLEANs, WdfWmiProviderIsEnabled(event block: events, collection). */
#define IOCTL_WW_ENABLED CTL_CODE(FILE_DEVICE_UNKNOWN, 0xC01, METHOD_BUFFERED, FILE_ANY_ACCESS)
/* Deregisters (input byte 0) or registers again (1) the data block's second instance. */
#define IOCTL_WW_REGISTER CTL_CODE(FILE_DEVICE_UNKNOWN, 0xC02, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_WW_BREAK    CTL_CODE(FILE_DEVICE_UNKNOWN, 0xC03, METHOD_BUFFERED, FILE_ANY_ACCESS)
/* WdfVerifierKeBugCheck(0xE2, 0x5A5A, 1, 2, 3): never returns. */
/* DMA enablers and common buffers: succeeds when every check of CheckDma passes. */
#define IOCTL_WW_DMA      CTL_CODE(FILE_DEVICE_UNKNOWN, 0xC05, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_WW_BUGCHECK CTL_CODE(FILE_DEVICE_UNKNOWN, 0xC04, METHOD_BUFFERED, FILE_ANY_ACCESS)

#endif
