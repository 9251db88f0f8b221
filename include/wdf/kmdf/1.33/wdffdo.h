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

/* ---- resource requirements and added resources (WdfFdoInitSetEventCallbacks) ---- */

typedef NTSTATUS EVT_WDF_DEVICE_FILTER_RESOURCE_REQUIREMENTS(
    WDFDEVICE Device, WDFIORESREQLIST IoResourceRequirementsList);
typedef EVT_WDF_DEVICE_FILTER_RESOURCE_REQUIREMENTS *PFN_WDF_DEVICE_FILTER_RESOURCE_REQUIREMENTS;
typedef NTSTATUS EVT_WDF_DEVICE_REMOVE_ADDED_RESOURCES(WDFDEVICE Device, WDFCMRESLIST ResourcesRaw,
                                                       WDFCMRESLIST ResourcesTranslated);
typedef EVT_WDF_DEVICE_REMOVE_ADDED_RESOURCES *PFN_WDF_DEVICE_REMOVE_ADDED_RESOURCES;

typedef struct _WDF_FDO_EVENT_CALLBACKS {
    ULONG Size;
    PFN_WDF_DEVICE_FILTER_RESOURCE_REQUIREMENTS EvtDeviceFilterAddResourceRequirements;
    PFN_WDF_DEVICE_FILTER_RESOURCE_REQUIREMENTS EvtDeviceFilterRemoveResourceRequirements;
    PFN_WDF_DEVICE_REMOVE_ADDED_RESOURCES EvtDeviceRemoveAddedResources;
} WDF_FDO_EVENT_CALLBACKS, *PWDF_FDO_EVENT_CALLBACKS;

FORCEINLINE VOID WDF_FDO_EVENT_CALLBACKS_INIT(PWDF_FDO_EVENT_CALLBACKS Callbacks)
{
    RtlZeroMemory(Callbacks, sizeof(WDF_FDO_EVENT_CALLBACKS));
    Callbacks->Size = sizeof(WDF_FDO_EVENT_CALLBACKS);
}

typedef VOID (*PFN_WDFFDOINITSETEVENTCALLBACKS)(PWDF_DRIVER_GLOBALS, PWDFDEVICE_INIT,
                                                PWDF_FDO_EVENT_CALLBACKS);
FORCEINLINE VOID WdfFdoInitSetEventCallbacks(PWDFDEVICE_INIT DeviceInit,
                                             PWDF_FDO_EVENT_CALLBACKS FdoEventCallbacks)
{
    ((PFN_WDFFDOINITSETEVENTCALLBACKS)WdfFunctions[WdfFdoInitSetEventCallbacksTableIndex])(
        WdfDriverGlobals, DeviceInit, FdoEventCallbacks);
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

/* ---- gkmdf: the PDO's properties and keys before WdfDeviceCreate, the stack's interfaces
 * (src/wdf/property.c) ---- */

typedef NTSTATUS (*PFN_WDFFDOINITOPENREGISTRYKEY)(PWDF_DRIVER_GLOBALS, PWDFDEVICE_INIT, ULONG,
                                                  ACCESS_MASK, PWDF_OBJECT_ATTRIBUTES, WDFKEY *);
FORCEINLINE NTSTATUS WdfFdoInitOpenRegistryKey(PWDFDEVICE_INIT DeviceInit,
                                               ULONG DeviceInstanceKeyType,
                                               ACCESS_MASK DesiredAccess,
                                               PWDF_OBJECT_ATTRIBUTES KeyAttributes, WDFKEY *Key)
{
    return ((PFN_WDFFDOINITOPENREGISTRYKEY)WdfFunctions[WdfFdoInitOpenRegistryKeyTableIndex])(
        WdfDriverGlobals, DeviceInit, DeviceInstanceKeyType, DesiredAccess, KeyAttributes, Key);
}

typedef NTSTATUS (*PFN_WDFFDOINITQUERYPROPERTY)(PWDF_DRIVER_GLOBALS, PWDFDEVICE_INIT,
                                                DEVICE_REGISTRY_PROPERTY, ULONG, PVOID, PULONG);
FORCEINLINE NTSTATUS WdfFdoInitQueryProperty(PWDFDEVICE_INIT DeviceInit,
                                             DEVICE_REGISTRY_PROPERTY DeviceProperty,
                                             ULONG BufferLength, PVOID PropertyBuffer,
                                             PULONG ResultLength)
{
    return ((PFN_WDFFDOINITQUERYPROPERTY)WdfFunctions[WdfFdoInitQueryPropertyTableIndex])(
        WdfDriverGlobals, DeviceInit, DeviceProperty, BufferLength, PropertyBuffer, ResultLength);
}

typedef NTSTATUS (*PFN_WDFFDOINITALLOCANDQUERYPROPERTY)(PWDF_DRIVER_GLOBALS, PWDFDEVICE_INIT,
                                                        DEVICE_REGISTRY_PROPERTY, POOL_TYPE,
                                                        PWDF_OBJECT_ATTRIBUTES, WDFMEMORY *);
FORCEINLINE NTSTATUS WdfFdoInitAllocAndQueryProperty(
    PWDFDEVICE_INIT DeviceInit, DEVICE_REGISTRY_PROPERTY DeviceProperty, POOL_TYPE PoolType,
    PWDF_OBJECT_ATTRIBUTES PropertyMemoryAttributes, WDFMEMORY *PropertyMemory)
{
    return ((PFN_WDFFDOINITALLOCANDQUERYPROPERTY)
                WdfFunctions[WdfFdoInitAllocAndQueryPropertyTableIndex])(
        WdfDriverGlobals, DeviceInit, DeviceProperty, PoolType, PropertyMemoryAttributes,
        PropertyMemory);
}

typedef NTSTATUS (*PFN_WDFFDOQUERYFORINTERFACE)(PWDF_DRIVER_GLOBALS, WDFDEVICE, LPCGUID, PINTERFACE,
                                                USHORT, USHORT, PVOID);
FORCEINLINE NTSTATUS WdfFdoQueryForInterface(WDFDEVICE Fdo, LPCGUID InterfaceType,
                                             PINTERFACE Interface, USHORT Size, USHORT Version,
                                             PVOID InterfaceSpecificData)
{
    return ((PFN_WDFFDOQUERYFORINTERFACE)WdfFunctions[WdfFdoQueryForInterfaceTableIndex])(
        WdfDriverGlobals, Fdo, InterfaceType, Interface, Size, Version, InterfaceSpecificData);
}

#if KMDF_VERSION_MINOR >= 13 /* Microsoft: minimum KMDF version 1.13 */
typedef NTSTATUS (*PFN_WDFFDOINITQUERYPROPERTYEX)(PWDF_DRIVER_GLOBALS, PWDFDEVICE_INIT,
                                                  PWDF_DEVICE_PROPERTY_DATA, ULONG, PVOID, PULONG,
                                                  PDEVPROPTYPE);
FORCEINLINE NTSTATUS WdfFdoInitQueryPropertyEx(PWDFDEVICE_INIT DeviceInit,
                                               PWDF_DEVICE_PROPERTY_DATA DeviceProperty,
                                               ULONG BufferLength, PVOID PropertyBuffer,
                                               PULONG ResultLength, PDEVPROPTYPE Type)
{
    return ((PFN_WDFFDOINITQUERYPROPERTYEX)WdfFunctions[WdfFdoInitQueryPropertyExTableIndex])(
        WdfDriverGlobals, DeviceInit, DeviceProperty, BufferLength, PropertyBuffer, ResultLength,
        Type);
}

typedef NTSTATUS (*PFN_WDFFDOINITALLOCANDQUERYPROPERTYEX)(PWDF_DRIVER_GLOBALS, PWDFDEVICE_INIT,
                                                          PWDF_DEVICE_PROPERTY_DATA, POOL_TYPE,
                                                          PWDF_OBJECT_ATTRIBUTES, WDFMEMORY *,
                                                          PDEVPROPTYPE);
FORCEINLINE NTSTATUS WdfFdoInitAllocAndQueryPropertyEx(
    PWDFDEVICE_INIT DeviceInit, PWDF_DEVICE_PROPERTY_DATA DeviceProperty, POOL_TYPE PoolType,
    PWDF_OBJECT_ATTRIBUTES PropertyMemoryAttributes, WDFMEMORY *PropertyMemory, PDEVPROPTYPE Type)
{
    return ((PFN_WDFFDOINITALLOCANDQUERYPROPERTYEX)
                WdfFunctions[WdfFdoInitAllocAndQueryPropertyExTableIndex])(
        WdfDriverGlobals, DeviceInit, DeviceProperty, PoolType, PropertyMemoryAttributes,
        PropertyMemory, Type);
}
#endif
/* ---- end gkmdf ---- */

#endif
