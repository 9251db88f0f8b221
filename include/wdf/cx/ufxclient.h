/*
 * ufxclient.h - the USB function class extension (UFX) client interface: what a USB function
 * controller driver (a KMDF driver) registers with UFX and the callbacks UFX calls (Microsoft's
 * names, types and x64 layouts, from the ufxclient reference pages).
 *
 * drvhost has no UFX: in the WDK the Ufx* routines reach it through its function table (bound
 * by WdfVersionBindClass); here they are plain declarations marked DRVHOST_NOT_PROVIDED, so a
 * controller driver compiles (each call is a compiler warning naming the routine) and the
 * loader refuses the module, naming each one it imports. The *_INIT helpers are inline, as in
 * the WDK (a driver compiles them into itself). The reference's UfxDeviceCreate syntax shows
 * the callbacks by value and UFX_ENDPOINT_CALLBACKS_INIT taking PUFX_DEVICE_CALLBACKS; both
 * pages' parameter text (and every client) pass a pointer to the structure named: declared so.
 */
#ifndef _DRVHOST_UFXCLIENT_H_
#define _DRVHOST_UFXCLIENT_H_

#include <wdf.h>
#include <ufxbase.h>
#include <ufxproprietarycharger.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- the controller driver's device callbacks ------------------------------------------- */

typedef VOID EVT_UFX_DEVICE_HOST_CONNECT(UFXDEVICE UfxDevice);
typedef EVT_UFX_DEVICE_HOST_CONNECT *PFN_UFX_DEVICE_HOST_CONNECT;
typedef VOID EVT_UFX_DEVICE_HOST_DISCONNECT(UFXDEVICE UfxDevice);
typedef EVT_UFX_DEVICE_HOST_DISCONNECT *PFN_UFX_DEVICE_HOST_DISCONNECT;
typedef VOID EVT_UFX_DEVICE_ADDRESSED(UFXDEVICE UfxDevice, USHORT DeviceAddress);
typedef EVT_UFX_DEVICE_ADDRESSED *PFN_UFX_DEVICE_ADDRESSED;
typedef NTSTATUS EVT_UFX_DEVICE_ENDPOINT_ADD(UFXDEVICE UfxDevice,
                                             const PUSB_ENDPOINT_DESCRIPTOR EndpointDescriptor,
                                             PUFXENDPOINT_INIT EndpointInit);
typedef EVT_UFX_DEVICE_ENDPOINT_ADD *PFN_UFX_DEVICE_ENDPOINT_ADD;
typedef VOID EVT_UFX_DEVICE_DEFAULT_ENDPOINT_ADD(UFXDEVICE UfxDevice, USHORT MaxPacketSize,
                                                 PUFXENDPOINT_INIT EndpointInit);
typedef EVT_UFX_DEVICE_DEFAULT_ENDPOINT_ADD *PFN_UFX_DEVICE_DEFAULT_ENDPOINT_ADD;
typedef VOID EVT_UFX_DEVICE_USB_STATE_CHANGE(UFXDEVICE UfxDevice,
                                             USBFN_DEVICE_STATE UsbDeviceState);
typedef EVT_UFX_DEVICE_USB_STATE_CHANGE *PFN_UFX_DEVICE_USB_STATE_CHANGE;
typedef VOID EVT_UFX_DEVICE_PORT_CHANGE(UFXDEVICE UfxDevice, USBFN_PORT_TYPE NewPort);
typedef EVT_UFX_DEVICE_PORT_CHANGE *PFN_UFX_DEVICE_PORT_CHANGE;
typedef VOID EVT_UFX_DEVICE_PORT_DETECT(UFXDEVICE UfxDevice);
typedef EVT_UFX_DEVICE_PORT_DETECT *PFN_UFX_DEVICE_PORT_DETECT;
typedef VOID EVT_UFX_DEVICE_REMOTE_WAKEUP_SIGNAL(UFXDEVICE UfxDevice);
typedef EVT_UFX_DEVICE_REMOTE_WAKEUP_SIGNAL *PFN_UFX_DEVICE_REMOTE_WAKEUP_SIGNAL;
typedef VOID EVT_UFX_DEVICE_CONTROLLER_RESET(UFXDEVICE UfxDevice,
                                             PUFX_HARDWARE_FAILURE_CONTEXT HardwareFailureContext);
typedef EVT_UFX_DEVICE_CONTROLLER_RESET *PFN_UFX_DEVICE_CONTROLLER_RESET;
typedef VOID EVT_UFX_DEVICE_TEST_MODE_SET(UFXDEVICE UfxDevice, ULONG TestMode);
typedef EVT_UFX_DEVICE_TEST_MODE_SET *PFN_UFX_DEVICE_TEST_MODE_SET;
/* Reserved: its page gives neither parameters nor a use. */
typedef VOID EVT_UFX_DEVICE_TESTHOOK(VOID);
typedef EVT_UFX_DEVICE_TESTHOOK *PFN_UFX_DEVICE_TESTHOOK;
typedef VOID EVT_UFX_DEVICE_SUPER_SPEED_POWER_FEATURE(UFXDEVICE UfxDevice, USHORT Feature,
                                                      BOOLEAN Set);
typedef EVT_UFX_DEVICE_SUPER_SPEED_POWER_FEATURE *PFN_UFX_DEVICE_SUPER_SPEED_POWER_FEATURE;
typedef VOID EVT_UFX_DEVICE_PROPRIETARY_CHARGER_DETECT(UFXDEVICE UfxDevice);
typedef EVT_UFX_DEVICE_PROPRIETARY_CHARGER_DETECT *PFN_UFX_DEVICE_PROPRIETARY_CHARGER_DETECT;
typedef VOID EVT_UFX_DEVICE_PROPRIETARY_CHARGER_SET_PROPERTY(UFXDEVICE UfxDevice,
                                                             WDFREQUEST WdfRequest);
typedef EVT_UFX_DEVICE_PROPRIETARY_CHARGER_SET_PROPERTY
    *PFN_UFX_DEVICE_PROPRIETARY_CHARGER_SET_PROPERTY;
typedef VOID EVT_UFX_DEVICE_PROPRIETARY_CHARGER_RESET(UFXDEVICE UfxDevice);
typedef EVT_UFX_DEVICE_PROPRIETARY_CHARGER_RESET *PFN_UFX_DEVICE_PROPRIETARY_CHARGER_RESET;

typedef struct _UFX_DEVICE_CALLBACKS {
    ULONG Size;
    PFN_UFX_DEVICE_HOST_CONNECT EvtDeviceHostConnect;
    PFN_UFX_DEVICE_HOST_DISCONNECT EvtDeviceHostDisconnect;
    PFN_UFX_DEVICE_ADDRESSED EvtDeviceAddressed;
    PFN_UFX_DEVICE_ENDPOINT_ADD EvtDeviceEndpointAdd;
    PFN_UFX_DEVICE_DEFAULT_ENDPOINT_ADD EvtDeviceDefaultEndpointAdd;
    PFN_UFX_DEVICE_USB_STATE_CHANGE EvtDeviceUsbStateChange;
    PFN_UFX_DEVICE_PORT_CHANGE EvtDevicePortChange;
    PFN_UFX_DEVICE_PORT_DETECT EvtDevicePortDetect;
    PFN_UFX_DEVICE_REMOTE_WAKEUP_SIGNAL EvtDeviceRemoteWakeupSignal;
    PFN_UFX_DEVICE_CONTROLLER_RESET EvtDeviceControllerReset;
    PFN_UFX_DEVICE_TEST_MODE_SET EvtDeviceTestModeSet;
    PFN_UFX_DEVICE_TESTHOOK EvtDeviceTestHook;
    PFN_UFX_DEVICE_SUPER_SPEED_POWER_FEATURE EvtDeviceSuperSpeedPowerFeature;
    PFN_UFX_DEVICE_PROPRIETARY_CHARGER_DETECT EvtDeviceProprietaryChargerDetect;
    PFN_UFX_DEVICE_PROPRIETARY_CHARGER_SET_PROPERTY EvtDeviceProprietaryChargerSetProperty;
    PFN_UFX_DEVICE_PROPRIETARY_CHARGER_RESET EvtDeviceProprietaryChargerReset;
} UFX_DEVICE_CALLBACKS, *PUFX_DEVICE_CALLBACKS;

/* No endpoint callbacks are defined yet (the page says so): Size only. */
typedef struct _UFX_ENDPOINT_CALLBACKS {
    ULONG Size;
} UFX_ENDPOINT_CALLBACKS, *PUFX_ENDPOINT_CALLBACKS;

/* Each clears the structure and sets Size (the callbacks' page; the capabilities' page says
 * only that it initializes the structure, which the same Size-and-zero rule satisfies). */
FORCEINLINE VOID UFX_DEVICE_CALLBACKS_INIT(PUFX_DEVICE_CALLBACKS Callbacks)
{
    RtlZeroMemory(Callbacks, sizeof(*Callbacks));
    Callbacks->Size = sizeof(*Callbacks);
}

FORCEINLINE VOID UFX_DEVICE_CAPABILITIES_INIT(PUFX_DEVICE_CAPABILITIES Capabilities)
{
    RtlZeroMemory(Capabilities, sizeof(*Capabilities));
    Capabilities->Size = sizeof(*Capabilities);
}

FORCEINLINE VOID UFX_ENDPOINT_CALLBACKS_INIT(PUFX_ENDPOINT_CALLBACKS Callbacks)
{
    RtlZeroMemory(Callbacks, sizeof(*Callbacks));
    Callbacks->Size = sizeof(*Callbacks);
}

/* ---- UFX's routines (not provided: see the top of this file) ------------------------------ */

NTSTATUS UfxFdoInit(WDFDRIVER WdfDriver, PWDFDEVICE_INIT DeviceInit,
                    PWDF_OBJECT_ATTRIBUTES FdoAttributes) DRVHOST_NOT_PROVIDED;
NTSTATUS UfxDeviceCreate(WDFDEVICE Device, PUFX_DEVICE_CALLBACKS Callbacks,
                         PUFX_DEVICE_CAPABILITIES Capabilities, PWDF_OBJECT_ATTRIBUTES Attributes,
                         UFXDEVICE *UfxDevice) DRVHOST_NOT_PROVIDED;
VOID UfxDeviceEventComplete(UFXDEVICE UfxDevice, NTSTATUS Status) DRVHOST_NOT_PROVIDED;
BOOLEAN UfxDeviceIoControl(UFXDEVICE UfxDevice, WDFREQUEST Request, size_t OutputBufferLength,
                           size_t InputBufferLength, ULONG IoControlCode) DRVHOST_NOT_PROVIDED;
BOOLEAN UfxDeviceIoInternalControl(UFXDEVICE UfxDevice, WDFREQUEST Request,
                                   size_t OutputBufferLength, size_t InputBufferLength,
                                   ULONG IoControlCode) DRVHOST_NOT_PROVIDED;
VOID UfxDeviceNotifyAttach(UFXDEVICE UfxDevice) DRVHOST_NOT_PROVIDED;
VOID UfxDeviceNotifyDetach(UFXDEVICE UfxDevice) DRVHOST_NOT_PROVIDED;
VOID UfxDeviceNotifyHardwareFailure(
    UFXDEVICE UfxDevice, PUFX_HARDWARE_FAILURE_CONTEXT HardwareFailureContext) DRVHOST_NOT_PROVIDED;
VOID UfxDeviceNotifyHardwareReady(UFXDEVICE UfxDevice) DRVHOST_NOT_PROVIDED;
VOID UfxDeviceNotifyReset(UFXDEVICE UfxDevice, USB_DEVICE_SPEED DeviceSpeed) DRVHOST_NOT_PROVIDED;
VOID UfxDeviceNotifyResume(UFXDEVICE UfxDevice) DRVHOST_NOT_PROVIDED;
VOID UfxDeviceNotifySuspend(UFXDEVICE UfxDevice) DRVHOST_NOT_PROVIDED;
VOID UfxDevicePortDetectComplete(UFXDEVICE UfxDevice,
                                 USBFN_PORT_TYPE PortType) DRVHOST_NOT_PROVIDED;
VOID UfxDevicePortDetectCompleteEx(UFXDEVICE UfxDevice, USBFN_PORT_TYPE PortType,
                                   USBFN_ACTION Action) DRVHOST_NOT_PROVIDED;
VOID UfxDeviceProprietaryChargerDetectComplete(
    UFXDEVICE UfxDevice, PUFX_PROPRIETARY_CHARGER DetectedCharger) DRVHOST_NOT_PROVIDED;
NTSTATUS UfxEndpointCreate(UFXDEVICE UfxDevice, PUFXENDPOINT_INIT EndpointInit,
                           PWDF_OBJECT_ATTRIBUTES Attributes,
                           PWDF_IO_QUEUE_CONFIG TransferQueueConfig,
                           PWDF_OBJECT_ATTRIBUTES TransferQueueAttributes,
                           PWDF_IO_QUEUE_CONFIG CommandQueueConfig,
                           PWDF_OBJECT_ATTRIBUTES CommandQueueAttributes,
                           UFXENDPOINT *UfxEndpoint) DRVHOST_NOT_PROVIDED;
WDFQUEUE UfxEndpointGetCommandQueue(UFXENDPOINT UfxEndpoint) DRVHOST_NOT_PROVIDED;
WDFQUEUE UfxEndpointGetTransferQueue(UFXENDPOINT UfxEndpoint) DRVHOST_NOT_PROVIDED;
VOID UfxEndpointInitSetEventCallbacks(PUFXENDPOINT_INIT EndpointInit,
                                      PUFX_ENDPOINT_CALLBACKS Callbacks) DRVHOST_NOT_PROVIDED;
VOID UfxEndpointNotifySetup(UFXDEVICE UfxDevice,
                            PUSB_DEFAULT_PIPE_SETUP_PACKET SetupInfo) DRVHOST_NOT_PROVIDED;

#ifdef __cplusplus
}
#endif

#endif /* _DRVHOST_UFXCLIENT_H_ */
