/*
 * wdfcontrol.h - control device objects: devices outside the PnP tree, created by a
 * framework driver (usually a non-PnP one, WdfDriverInitNonPnpDriver) from DriverEntry.
 */
#ifndef _WDFCONTROL_H_
#define _WDFCONTROL_H_

typedef PWDFDEVICE_INIT (*PFN_WDFCONTROLDEVICEINITALLOCATE)(PWDF_DRIVER_GLOBALS, WDFDRIVER,
                                                            const UNICODE_STRING *);
FORCEINLINE PWDFDEVICE_INIT WdfControlDeviceInitAllocate(WDFDRIVER Driver,
                                                         const UNICODE_STRING *SDDLString)
{
    return ((PFN_WDFCONTROLDEVICEINITALLOCATE)WdfFunctions[WdfControlDeviceInitAllocateTableIndex])(
        WdfDriverGlobals, Driver, SDDLString);
}

typedef VOID (*PFN_WDFCONTROLFINISHINITIALIZING)(PWDF_DRIVER_GLOBALS, WDFDEVICE);
FORCEINLINE VOID WdfControlFinishInitializing(WDFDEVICE Device)
{
    ((PFN_WDFCONTROLFINISHINITIALIZING)WdfFunctions[WdfControlFinishInitializingTableIndex])(
        WdfDriverGlobals, Device);
}

/* ---- gkmdf: shutdown notification (src/wdf/shutdown.c) ---- */

typedef enum _WDF_DEVICE_SHUTDOWN_FLAGS {
    WdfDeviceShutdown = 0x01,
    WdfDeviceLastChanceShutdown = 0x02,
} WDF_DEVICE_SHUTDOWN_FLAGS;

typedef VOID EVT_WDF_DEVICE_SHUTDOWN_NOTIFICATION(WDFDEVICE Device);
typedef EVT_WDF_DEVICE_SHUTDOWN_NOTIFICATION *PFN_WDF_DEVICE_SHUTDOWN_NOTIFICATION;

typedef VOID (*PFN_WDFCONTROLDEVICEINITSETSHUTDOWNNOTIFICATION)(
    PWDF_DRIVER_GLOBALS, PWDFDEVICE_INIT, PFN_WDF_DEVICE_SHUTDOWN_NOTIFICATION, UCHAR);
FORCEINLINE VOID WdfControlDeviceInitSetShutdownNotification(
    PWDFDEVICE_INIT DeviceInit, PFN_WDF_DEVICE_SHUTDOWN_NOTIFICATION Notification, UCHAR Flags)
{
    ((PFN_WDFCONTROLDEVICEINITSETSHUTDOWNNOTIFICATION)
         WdfFunctions[WdfControlDeviceInitSetShutdownNotificationTableIndex])(
        WdfDriverGlobals, DeviceInit, Notification, Flags);
}
/* ---- end gkmdf ---- */

#endif
