/*
 * wdffdo.h - the WDFDEVICE_INIT calls of function and filter drivers (PnP devices created in
 * EvtDriverDeviceAdd).
 */
#ifndef _WDFFDO_H_
#define _WDFFDO_H_

typedef VOID (*PFN_WDFFDOINITSETFILTER)(PWDF_DRIVER_GLOBALS, PWDFDEVICE_INIT);
FORCEINLINE VOID WdfFdoInitSetFilter(PWDFDEVICE_INIT DeviceInit)
{
    ((PFN_WDFFDOINITSETFILTER)WdfFunctions[WdfFdoInitSetFilterTableIndex])(WdfDriverGlobals,
                                                                           DeviceInit);
}

typedef PDEVICE_OBJECT (*PFN_WDFFDOINITWDMGETPHYSICALDEVICE)(PWDF_DRIVER_GLOBALS, PWDFDEVICE_INIT);
FORCEINLINE PDEVICE_OBJECT WdfFdoInitWdmGetPhysicalDevice(PWDFDEVICE_INIT DeviceInit)
{
    return (
        (PFN_WDFFDOINITWDMGETPHYSICALDEVICE)WdfFunctions[WdfFdoInitWdmGetPhysicalDeviceTableIndex])(
        WdfDriverGlobals, DeviceInit);
}

#endif
