/*
 * wdfpdo.h - bus drivers: the WDFDEVICE_INIT calls of a PDO (WdfPdoInitXxx), the PDO's event
 * callbacks, the routines on a framework PDO, and the capabilities and bus information a bus
 * driver reports for its children. **Deviation:** WDF_DEVICE_PNP_CAPABILITIES,
 * WdfDeviceSetPnpCapabilities and WdfDeviceSetBusInformationForChildren are in wdfdevice.h in
 * the WDK (WDF_DEVICE_POWER_CAPABILITIES and its setter are: wdfpowerpolicy.h, which it includes),
 * and WDF_REQUEST_FORWARD_OPTIONS / WdfRequestForwardToParentDeviceIoQueue in wdfrequest.h; wdf.h
 * includes them all.
 */
#ifndef _WDFPDO_H_
#define _WDFPDO_H_

/* ---- capabilities (wdfdevice.h in the WDK) -------------------------------------------------- */

typedef struct _WDF_DEVICE_PNP_CAPABILITIES {
    ULONG Size;
    WDF_TRI_STATE LockSupported;
    WDF_TRI_STATE EjectSupported;
    WDF_TRI_STATE Removable;
    WDF_TRI_STATE DockDevice;
    WDF_TRI_STATE UniqueID;
    WDF_TRI_STATE SilentInstall;
    WDF_TRI_STATE SurpriseRemovalOK;
    WDF_TRI_STATE HardwareDisabled;
    WDF_TRI_STATE NoDisplayInUI;
    ULONG Address;
    ULONG UINumber;
} WDF_DEVICE_PNP_CAPABILITIES, *PWDF_DEVICE_PNP_CAPABILITIES;

FORCEINLINE VOID WDF_DEVICE_PNP_CAPABILITIES_INIT(PWDF_DEVICE_PNP_CAPABILITIES Caps)
{
    RtlZeroMemory(Caps, sizeof(WDF_DEVICE_PNP_CAPABILITIES));
    Caps->Size = sizeof(WDF_DEVICE_PNP_CAPABILITIES);
    Caps->LockSupported = WdfUseDefault;
    Caps->EjectSupported = WdfUseDefault;
    Caps->Removable = WdfUseDefault;
    Caps->DockDevice = WdfUseDefault;
    Caps->UniqueID = WdfUseDefault;
    Caps->SilentInstall = WdfUseDefault;
    Caps->SurpriseRemovalOK = WdfUseDefault;
    Caps->HardwareDisabled = WdfUseDefault;
    Caps->NoDisplayInUI = WdfUseDefault;
    Caps->Address = (ULONG)-1;
    Caps->UINumber = (ULONG)-1;
}

/* WDF_DEVICE_POWER_CAPABILITIES and WdfDeviceSetPowerCapabilities: wdfpowerpolicy.h (included
 * by wdfdevice.h). */

FORCEINLINE VOID WdfDeviceSetPnpCapabilities(WDFDEVICE Device,
                                             PWDF_DEVICE_PNP_CAPABILITIES PnpCapabilities)
{
    WDF_CHILDLIST_CALL(WdfDeviceSetPnpCapabilities, VOID,
                       (PWDF_DRIVER_GLOBALS, WDFDEVICE, PWDF_DEVICE_PNP_CAPABILITIES), Device,
                       PnpCapabilities);
}

FORCEINLINE VOID WdfDeviceSetBusInformationForChildren(WDFDEVICE Device,
                                                       PPNP_BUS_INFORMATION BusInformation)
{
    WDF_CHILDLIST_CALL(WdfDeviceSetBusInformationForChildren, VOID,
                       (PWDF_DRIVER_GLOBALS, WDFDEVICE, PPNP_BUS_INFORMATION), Device,
                       BusInformation);
}

/* ---- the PDO's event callbacks ---------------------------------------------------------- */

typedef NTSTATUS EVT_WDF_DEVICE_RESOURCES_QUERY(WDFDEVICE Device, WDFCMRESLIST Resources);
typedef EVT_WDF_DEVICE_RESOURCES_QUERY *PFN_WDF_DEVICE_RESOURCES_QUERY;
typedef NTSTATUS EVT_WDF_DEVICE_RESOURCE_REQUIREMENTS_QUERY(
    WDFDEVICE Device, WDFIORESREQLIST IoResourceRequirementsList);
typedef EVT_WDF_DEVICE_RESOURCE_REQUIREMENTS_QUERY *PFN_WDF_DEVICE_RESOURCE_REQUIREMENTS_QUERY;
typedef NTSTATUS EVT_WDF_DEVICE_EJECT(WDFDEVICE Device);
typedef EVT_WDF_DEVICE_EJECT *PFN_WDF_DEVICE_EJECT;
typedef NTSTATUS EVT_WDF_DEVICE_SET_LOCK(WDFDEVICE Device, BOOLEAN IsLocked);
typedef EVT_WDF_DEVICE_SET_LOCK *PFN_WDF_DEVICE_SET_LOCK;
typedef NTSTATUS EVT_WDF_DEVICE_ENABLE_WAKE_AT_BUS(WDFDEVICE Device, SYSTEM_POWER_STATE PowerState);
typedef EVT_WDF_DEVICE_ENABLE_WAKE_AT_BUS *PFN_WDF_DEVICE_ENABLE_WAKE_AT_BUS;
typedef VOID EVT_WDF_DEVICE_DISABLE_WAKE_AT_BUS(WDFDEVICE Device);
typedef EVT_WDF_DEVICE_DISABLE_WAKE_AT_BUS *PFN_WDF_DEVICE_DISABLE_WAKE_AT_BUS;
typedef VOID EVT_WDF_DEVICE_REPORTED_MISSING(WDFDEVICE Device);
typedef EVT_WDF_DEVICE_REPORTED_MISSING *PFN_WDF_DEVICE_REPORTED_MISSING;

typedef struct _WDF_PDO_EVENT_CALLBACKS {
    ULONG Size;
    PFN_WDF_DEVICE_RESOURCES_QUERY EvtDeviceResourcesQuery;
    PFN_WDF_DEVICE_RESOURCE_REQUIREMENTS_QUERY EvtDeviceResourceRequirementsQuery;
    PFN_WDF_DEVICE_EJECT EvtDeviceEject;
    PFN_WDF_DEVICE_SET_LOCK EvtDeviceSetLock;
    PFN_WDF_DEVICE_ENABLE_WAKE_AT_BUS EvtDeviceEnableWakeAtBus;
    PFN_WDF_DEVICE_DISABLE_WAKE_AT_BUS EvtDeviceDisableWakeAtBus;
#if KMDF_VERSION_MINOR >= 11 /* Microsoft: EvtDeviceReportedMissing is KMDF 1.11 and later */
    PFN_WDF_DEVICE_REPORTED_MISSING EvtDeviceReportedMissing;
#endif
} WDF_PDO_EVENT_CALLBACKS, *PWDF_PDO_EVENT_CALLBACKS;

FORCEINLINE VOID WDF_PDO_EVENT_CALLBACKS_INIT(PWDF_PDO_EVENT_CALLBACKS Callbacks)
{
    RtlZeroMemory(Callbacks, sizeof(WDF_PDO_EVENT_CALLBACKS));
    Callbacks->Size = sizeof(WDF_PDO_EVENT_CALLBACKS);
}

/* ---- WDFDEVICE_INIT of a PDO -------------------------------------------------------------- */

FORCEINLINE PWDFDEVICE_INIT WdfPdoInitAllocate(WDFDEVICE ParentDevice)
{
    return WDF_CHILDLIST_CALL(WdfPdoInitAllocate, PWDFDEVICE_INIT, (PWDF_DRIVER_GLOBALS, WDFDEVICE),
                              ParentDevice);
}

FORCEINLINE VOID WdfPdoInitSetEventCallbacks(PWDFDEVICE_INIT DeviceInit,
                                             PWDF_PDO_EVENT_CALLBACKS DispatchTable)
{
    WDF_CHILDLIST_CALL(WdfPdoInitSetEventCallbacks, VOID,
                       (PWDF_DRIVER_GLOBALS, PWDFDEVICE_INIT, PWDF_PDO_EVENT_CALLBACKS), DeviceInit,
                       DispatchTable);
}

#define WDF_PDO_INIT_STRING_CALL(Name, DeviceInit, String)                                         \
    WDF_CHILDLIST_CALL(Name, NTSTATUS, (PWDF_DRIVER_GLOBALS, PWDFDEVICE_INIT, PCUNICODE_STRING),   \
                       DeviceInit, String)

FORCEINLINE NTSTATUS WdfPdoInitAssignDeviceID(PWDFDEVICE_INIT DeviceInit, PCUNICODE_STRING DeviceID)
{
    return WDF_PDO_INIT_STRING_CALL(WdfPdoInitAssignDeviceID, DeviceInit, DeviceID);
}

FORCEINLINE NTSTATUS WdfPdoInitAssignInstanceID(PWDFDEVICE_INIT DeviceInit,
                                                PCUNICODE_STRING InstanceID)
{
    return WDF_PDO_INIT_STRING_CALL(WdfPdoInitAssignInstanceID, DeviceInit, InstanceID);
}

FORCEINLINE NTSTATUS WdfPdoInitAddHardwareID(PWDFDEVICE_INIT DeviceInit,
                                             PCUNICODE_STRING HardwareID)
{
    return WDF_PDO_INIT_STRING_CALL(WdfPdoInitAddHardwareID, DeviceInit, HardwareID);
}

FORCEINLINE NTSTATUS WdfPdoInitAddCompatibleID(PWDFDEVICE_INIT DeviceInit,
                                               PCUNICODE_STRING CompatibleID)
{
    return WDF_PDO_INIT_STRING_CALL(WdfPdoInitAddCompatibleID, DeviceInit, CompatibleID);
}

FORCEINLINE NTSTATUS WdfPdoInitAssignContainerID(PWDFDEVICE_INIT DeviceInit,
                                                 PCUNICODE_STRING ContainerID)
{
    return WDF_PDO_INIT_STRING_CALL(WdfPdoInitAssignContainerID, DeviceInit, ContainerID);
}

FORCEINLINE NTSTATUS WdfPdoInitAddDeviceText(PWDFDEVICE_INIT DeviceInit,
                                             PCUNICODE_STRING DeviceDescription,
                                             PCUNICODE_STRING DeviceLocation, LCID LocaleId)
{
    return WDF_CHILDLIST_CALL(
        WdfPdoInitAddDeviceText, NTSTATUS,
        (PWDF_DRIVER_GLOBALS, PWDFDEVICE_INIT, PCUNICODE_STRING, PCUNICODE_STRING, LCID),
        DeviceInit, DeviceDescription, DeviceLocation, LocaleId);
}

FORCEINLINE VOID WdfPdoInitSetDefaultLocale(PWDFDEVICE_INIT DeviceInit, LCID LocaleId)
{
    WDF_CHILDLIST_CALL(WdfPdoInitSetDefaultLocale, VOID,
                       (PWDF_DRIVER_GLOBALS, PWDFDEVICE_INIT, LCID), DeviceInit, LocaleId);
}

FORCEINLINE NTSTATUS WdfPdoInitAssignRawDevice(PWDFDEVICE_INIT DeviceInit,
                                               const GUID *DeviceClassGuid)
{
    return WDF_CHILDLIST_CALL(WdfPdoInitAssignRawDevice, NTSTATUS,
                              (PWDF_DRIVER_GLOBALS, PWDFDEVICE_INIT, const GUID *), DeviceInit,
                              DeviceClassGuid);
}

FORCEINLINE VOID WdfPdoInitAllowForwardingRequestToParent(PWDFDEVICE_INIT DeviceInit)
{
    WDF_CHILDLIST_CALL(WdfPdoInitAllowForwardingRequestToParent, VOID,
                       (PWDF_DRIVER_GLOBALS, PWDFDEVICE_INIT), DeviceInit);
}

/* ---- a framework PDO ---------------------------------------------------------------------- */

FORCEINLINE NTSTATUS WdfPdoMarkMissing(WDFDEVICE Device)
{
    return WDF_CHILDLIST_CALL(WdfPdoMarkMissing, NTSTATUS, (PWDF_DRIVER_GLOBALS, WDFDEVICE),
                              Device);
}

FORCEINLINE VOID WdfPdoRequestEject(WDFDEVICE Device)
{
    WDF_CHILDLIST_CALL(WdfPdoRequestEject, VOID, (PWDF_DRIVER_GLOBALS, WDFDEVICE), Device);
}

FORCEINLINE WDFDEVICE WdfPdoGetParent(WDFDEVICE Device)
{
    return WDF_CHILDLIST_CALL(WdfPdoGetParent, WDFDEVICE, (PWDF_DRIVER_GLOBALS, WDFDEVICE), Device);
}

FORCEINLINE NTSTATUS WdfPdoRetrieveIdentificationDescription(
    WDFDEVICE Device, PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER IdentificationDescription)
{
    return WDF_CHILDLIST_CALL(
        WdfPdoRetrieveIdentificationDescription, NTSTATUS,
        (PWDF_DRIVER_GLOBALS, WDFDEVICE, PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER), Device,
        IdentificationDescription);
}

FORCEINLINE NTSTATUS WdfPdoRetrieveAddressDescription(
    WDFDEVICE Device, PWDF_CHILD_ADDRESS_DESCRIPTION_HEADER AddressDescription)
{
    return WDF_CHILDLIST_CALL(
        WdfPdoRetrieveAddressDescription, NTSTATUS,
        (PWDF_DRIVER_GLOBALS, WDFDEVICE, PWDF_CHILD_ADDRESS_DESCRIPTION_HEADER), Device,
        AddressDescription);
}

FORCEINLINE NTSTATUS WdfPdoUpdateAddressDescription(
    WDFDEVICE Device, PWDF_CHILD_ADDRESS_DESCRIPTION_HEADER AddressDescription)
{
    return WDF_CHILDLIST_CALL(
        WdfPdoUpdateAddressDescription, NTSTATUS,
        (PWDF_DRIVER_GLOBALS, WDFDEVICE, PWDF_CHILD_ADDRESS_DESCRIPTION_HEADER), Device,
        AddressDescription);
}

/* ---- forwarding to the parent (wdfrequest.h in the WDK) ---------------------------------- */

typedef enum _WDF_REQUEST_FORWARD_OPTIONS_FLAGS {
    WDF_REQUEST_FORWARD_OPTION_SEND_AND_FORGET = 0x00000001,
} WDF_REQUEST_FORWARD_OPTIONS_FLAGS;

typedef struct _WDF_REQUEST_FORWARD_OPTIONS {
    ULONG Size;
    ULONG Flags;
} WDF_REQUEST_FORWARD_OPTIONS, *PWDF_REQUEST_FORWARD_OPTIONS;

FORCEINLINE VOID WDF_REQUEST_FORWARD_OPTIONS_INIT(PWDF_REQUEST_FORWARD_OPTIONS ForwardOptions)
{
    RtlZeroMemory(ForwardOptions, sizeof(WDF_REQUEST_FORWARD_OPTIONS));
    ForwardOptions->Size = sizeof(WDF_REQUEST_FORWARD_OPTIONS);
    ForwardOptions->Flags = WDF_REQUEST_FORWARD_OPTION_SEND_AND_FORGET;
}

FORCEINLINE NTSTATUS WdfRequestForwardToParentDeviceIoQueue(
    WDFREQUEST Request, WDFQUEUE ParentDeviceQueue, PWDF_REQUEST_FORWARD_OPTIONS ForwardOptions)
{
    return WDF_CHILDLIST_CALL(
        WdfRequestForwardToParentDeviceIoQueue, NTSTATUS,
        (PWDF_DRIVER_GLOBALS, WDFREQUEST, WDFQUEUE, PWDF_REQUEST_FORWARD_OPTIONS), Request,
        ParentDeviceQueue, ForwardOptions);
}

#if KMDF_VERSION_MINOR >= 29 /* Microsoft: minimum KMDF version 1.29 */
FORCEINLINE VOID WdfPdoInitRemovePowerDependencyOnParent(PWDFDEVICE_INIT DeviceInit)
{
    WDF_CHILDLIST_CALL(WdfPdoInitRemovePowerDependencyOnParent, VOID,
                       (PWDF_DRIVER_GLOBALS, PWDFDEVICE_INIT), DeviceInit);
}
#endif

/* ---- wdeva: ejection relations (KMDF 1.0) ---- */
FORCEINLINE NTSTATUS WdfPdoAddEjectionRelationsPhysicalDevice(WDFDEVICE Device,
                                                              PDEVICE_OBJECT PhysicalDevice)
{
    return WDF_CHILDLIST_CALL(WdfPdoAddEjectionRelationsPhysicalDevice, NTSTATUS,
                              (PWDF_DRIVER_GLOBALS, WDFDEVICE, PDEVICE_OBJECT), Device,
                              PhysicalDevice);
}

FORCEINLINE VOID WdfPdoRemoveEjectionRelationsPhysicalDevice(WDFDEVICE Device,
                                                             PDEVICE_OBJECT PhysicalDevice)
{
    WDF_CHILDLIST_CALL(WdfPdoRemoveEjectionRelationsPhysicalDevice, VOID,
                       (PWDF_DRIVER_GLOBALS, WDFDEVICE, PDEVICE_OBJECT), Device, PhysicalDevice);
}

FORCEINLINE VOID WdfPdoClearEjectionRelationsDevices(WDFDEVICE Device)
{
    WDF_CHILDLIST_CALL(WdfPdoClearEjectionRelationsDevices, VOID, (PWDF_DRIVER_GLOBALS, WDFDEVICE),
                       Device);
}

#endif
