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

#endif
