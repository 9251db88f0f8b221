/*
 * wdfqueryinterface.h - driver-defined interfaces a framework driver exports to other drivers
 * (IRP_MN_QUERY_INTERFACE): WDF_QUERY_INTERFACE_CONFIG, WdfDeviceAddQueryInterface, and the
 * no-op reference routines for an interface that needs no reference counting.
 */
#ifndef _WDFQUERYINTERFACE_H_
#define _WDFQUERYINTERFACE_H_

typedef NTSTATUS EVT_WDF_DEVICE_PROCESS_QUERY_INTERFACE_REQUEST(WDFDEVICE Device,
                                                                LPGUID InterfaceType,
                                                                PINTERFACE ExposedInterface,
                                                                PVOID ExposedInterfaceSpecificData);
typedef EVT_WDF_DEVICE_PROCESS_QUERY_INTERFACE_REQUEST
    *PFN_WDF_DEVICE_PROCESS_QUERY_INTERFACE_REQUEST;

typedef struct _WDF_QUERY_INTERFACE_CONFIG {
    ULONG Size;
    PINTERFACE Interface;
    CONST GUID *InterfaceType;
    BOOLEAN SendQueryToParentStack;
    PFN_WDF_DEVICE_PROCESS_QUERY_INTERFACE_REQUEST EvtDeviceProcessQueryInterfaceRequest;
    BOOLEAN ImportInterface;
} WDF_QUERY_INTERFACE_CONFIG, *PWDF_QUERY_INTERFACE_CONFIG;

C_ASSERT(FIELD_OFFSET(WDF_QUERY_INTERFACE_CONFIG, SendQueryToParentStack) == 24);
C_ASSERT(sizeof(WDF_QUERY_INTERFACE_CONFIG) == 48);

FORCEINLINE VOID WDF_QUERY_INTERFACE_CONFIG_INIT(
    PWDF_QUERY_INTERFACE_CONFIG InterfaceConfig, PINTERFACE Interface, CONST GUID *InterfaceType,
    PFN_WDF_DEVICE_PROCESS_QUERY_INTERFACE_REQUEST EvtDeviceProcessQueryInterfaceRequest)
{
    RtlZeroMemory(InterfaceConfig, sizeof(WDF_QUERY_INTERFACE_CONFIG));
    InterfaceConfig->Size = sizeof(WDF_QUERY_INTERFACE_CONFIG);
    InterfaceConfig->Interface = Interface;
    InterfaceConfig->InterfaceType = InterfaceType;
    InterfaceConfig->EvtDeviceProcessQueryInterfaceRequest = EvtDeviceProcessQueryInterfaceRequest;
}

FORCEINLINE VOID WdfDeviceInterfaceReferenceNoOp(PVOID Context)
{
    UNREFERENCED_PARAMETER(Context);
}

FORCEINLINE VOID WdfDeviceInterfaceDereferenceNoOp(PVOID Context)
{
    UNREFERENCED_PARAMETER(Context);
}

typedef NTSTATUS (*PFN_WDFDEVICEADDQUERYINTERFACE)(PWDF_DRIVER_GLOBALS, WDFDEVICE,
                                                   PWDF_QUERY_INTERFACE_CONFIG);
FORCEINLINE NTSTATUS WdfDeviceAddQueryInterface(WDFDEVICE Device,
                                                PWDF_QUERY_INTERFACE_CONFIG InterfaceConfig)
{
    return ((PFN_WDFDEVICEADDQUERYINTERFACE)WdfFunctions[WdfDeviceAddQueryInterfaceTableIndex])(
        WdfDriverGlobals, Device, InterfaceConfig);
}

#endif
