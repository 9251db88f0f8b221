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

/* ---- bus drivers: the default child list and static children (wdfpdo.h, wdfchildlist.h) ---- */

FORCEINLINE VOID
WdfFdoInitSetDefaultChildListConfig(PWDFDEVICE_INIT DeviceInit, PWDF_CHILD_LIST_CONFIG Config,
                                    PWDF_OBJECT_ATTRIBUTES DefaultChildListAttributes)
{
    WDF_CHILDLIST_CALL(
        WdfFdoInitSetDefaultChildListConfig, VOID,
        (PWDF_DRIVER_GLOBALS, PWDFDEVICE_INIT, PWDF_CHILD_LIST_CONFIG, PWDF_OBJECT_ATTRIBUTES),
        DeviceInit, Config, DefaultChildListAttributes);
}

FORCEINLINE WDFCHILDLIST WdfFdoGetDefaultChildList(WDFDEVICE Fdo)
{
    return WDF_CHILDLIST_CALL(WdfFdoGetDefaultChildList, WDFCHILDLIST,
                              (PWDF_DRIVER_GLOBALS, WDFDEVICE), Fdo);
}

FORCEINLINE NTSTATUS WdfFdoAddStaticChild(WDFDEVICE Fdo, WDFDEVICE Child)
{
    return WDF_CHILDLIST_CALL(WdfFdoAddStaticChild, NTSTATUS,
                              (PWDF_DRIVER_GLOBALS, WDFDEVICE, WDFDEVICE), Fdo, Child);
}

FORCEINLINE VOID WdfFdoLockStaticChildListForIteration(WDFDEVICE Fdo)
{
    WDF_CHILDLIST_CALL(WdfFdoLockStaticChildListForIteration, VOID,
                       (PWDF_DRIVER_GLOBALS, WDFDEVICE), Fdo);
}

FORCEINLINE WDFDEVICE WdfFdoRetrieveNextStaticChild(WDFDEVICE Fdo, WDFDEVICE PreviousChild,
                                                    ULONG Flags)
{
    return WDF_CHILDLIST_CALL(WdfFdoRetrieveNextStaticChild, WDFDEVICE,
                              (PWDF_DRIVER_GLOBALS, WDFDEVICE, WDFDEVICE, ULONG), Fdo,
                              PreviousChild, Flags);
}

FORCEINLINE VOID WdfFdoUnlockStaticChildListFromIteration(WDFDEVICE Fdo)
{
    WDF_CHILDLIST_CALL(WdfFdoUnlockStaticChildListFromIteration, VOID,
                       (PWDF_DRIVER_GLOBALS, WDFDEVICE), Fdo);
}

#endif
