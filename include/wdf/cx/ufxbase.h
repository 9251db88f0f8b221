/*
 * ufxbase.h - what the USB function class extension (UFX) and its controller drivers share: the
 * device capabilities, the hardware-failure report, the port-detection actions and the one
 * request UFX sends the controller driver (Microsoft's names and x64 layouts, from the ufxbase
 * reference pages; the request's code and the failure context's member types, which the pages
 * do not give, are Microsoft's published constants, checked against the public WDK header).
 */
#ifndef _DRVHOST_UFXBASE_H_
#define _DRVHOST_UFXBASE_H_

#include <wdf.h>
#include <usbspec.h>
#include <usbfnbase.h>

/* The controller's device, endpoints and endpoint-creation context, owned by UFX. */
DECLARE_HANDLE(UFXDEVICE);
DECLARE_HANDLE(UFXENDPOINT);
typedef struct UFXENDPOINT_INIT *PUFXENDPOINT_INIT;

typedef struct _UFX_DEVICE_CAPABILITIES {
    ULONG Size;
    USB_DEVICE_SPEED MaxSpeed;
    ULONG RemoteWakeSignalDelay; /* milliseconds */
    BOOLEAN PdcpSupported;
    USHORT InEndpointBitmap; /* bit n: IN endpoint n exists */
    USHORT OutEndpointBitmap;
} UFX_DEVICE_CAPABILITIES, *PUFX_DEVICE_CAPABILITIES;

/* A controller's failure report: Size covers the whole report, Data is the controller's own. */
typedef struct _UFX_HARDWARE_FAILURE_CONTEXT {
    ULONG Size;
    ULONG ExceptionCode;
    UCHAR Data[1];
} UFX_HARDWARE_FAILURE_CONTEXT, *PUFX_HARDWARE_FAILURE_CONTEXT;

typedef enum _USBFN_ACTION {
    UsbfnActionNone = 0,
    UsbfnActionNoCad,
    UsbfnActionDetectProprietaryCharger
} USBFN_ACTION, *PUSBFN_ACTION;

/* UFX asks the controller driver to update an endpoint's descriptor (input: the USBFNPIPEID,
 * output: a USB_ENDPOINT_DESCRIPTOR). */
#define IOCTL_INTERNAL_USBFN_DESCRIPTOR_UPDATE                                                     \
    CTL_CODE(FILE_DEVICE_BUS_EXTENDER, 0x100, METHOD_IN_DIRECT, FILE_READ_DATA | FILE_WRITE_DATA)

#endif /* _DRVHOST_UFXBASE_H_ */
