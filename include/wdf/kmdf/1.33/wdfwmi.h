/*
 * wdfwmi.h - WMI in framework drivers: provider objects (one per WMI data block of a device),
 * instance objects (the block's instances), their configurations and callbacks, and
 * WDF_WMI_BUFFER_APPEND_STRING. Names, values and x64 layouts as Microsoft documents them
 * (pinned by tests/wdf/drivers/wdfhdr_layout.c); drvhost's behaviour: docs/wdf.md, "WMI".
 */
#ifndef _WDFWMI_H_
#define _WDFWMI_H_

typedef enum _WDF_WMI_PROVIDER_CONTROL {
    WdfWmiControlInvalid = 0,
    WdfWmiEventControl,
    WdfWmiInstanceControl,
} WDF_WMI_PROVIDER_CONTROL;

typedef enum _WDF_WMI_PROVIDER_FLAGS {
    WdfWmiProviderEventOnly = 0x0001,
    WdfWmiProviderExpensive = 0x0002,
    WdfWmiProviderTracing = 0x0004,
    WdfWmiProviderValidFlags =
        WdfWmiProviderEventOnly | WdfWmiProviderExpensive | WdfWmiProviderTracing,
} WDF_WMI_PROVIDER_FLAGS;

typedef NTSTATUS EVT_WDF_WMI_INSTANCE_QUERY_INSTANCE(WDFWMIINSTANCE WmiInstance,
                                                     ULONG OutBufferSize, PVOID OutBuffer,
                                                     PULONG BufferUsed);
typedef EVT_WDF_WMI_INSTANCE_QUERY_INSTANCE *PFN_WDF_WMI_INSTANCE_QUERY_INSTANCE;

typedef NTSTATUS EVT_WDF_WMI_INSTANCE_SET_INSTANCE(WDFWMIINSTANCE WmiInstance, ULONG InBufferSize,
                                                   PVOID InBuffer);
typedef EVT_WDF_WMI_INSTANCE_SET_INSTANCE *PFN_WDF_WMI_INSTANCE_SET_INSTANCE;

typedef NTSTATUS EVT_WDF_WMI_INSTANCE_SET_ITEM(WDFWMIINSTANCE WmiInstance, ULONG DataItemId,
                                               ULONG InBufferSize, PVOID InBuffer);
typedef EVT_WDF_WMI_INSTANCE_SET_ITEM *PFN_WDF_WMI_INSTANCE_SET_ITEM;

typedef NTSTATUS EVT_WDF_WMI_INSTANCE_EXECUTE_METHOD(WDFWMIINSTANCE WmiInstance, ULONG MethodId,
                                                     ULONG InBufferSize, ULONG OutBufferSize,
                                                     PVOID Buffer, PULONG BufferUsed);
typedef EVT_WDF_WMI_INSTANCE_EXECUTE_METHOD *PFN_WDF_WMI_INSTANCE_EXECUTE_METHOD;

typedef NTSTATUS EVT_WDF_WMI_PROVIDER_FUNCTION_CONTROL(WDFWMIPROVIDER WmiProvider,
                                                       WDF_WMI_PROVIDER_CONTROL Control,
                                                       BOOLEAN Enable);
typedef EVT_WDF_WMI_PROVIDER_FUNCTION_CONTROL *PFN_WDF_WMI_PROVIDER_FUNCTION_CONTROL;

typedef struct _WDF_WMI_PROVIDER_CONFIG {
    ULONG Size;
    GUID Guid;
    ULONG Flags; /* WDF_WMI_PROVIDER_FLAGS */
    ULONG MinInstanceBufferSize;
    PFN_WDF_WMI_PROVIDER_FUNCTION_CONTROL EvtWmiProviderFunctionControl;
} WDF_WMI_PROVIDER_CONFIG, *PWDF_WMI_PROVIDER_CONFIG;

C_ASSERT(FIELD_OFFSET(WDF_WMI_PROVIDER_CONFIG, Flags) == 20);
C_ASSERT(FIELD_OFFSET(WDF_WMI_PROVIDER_CONFIG, EvtWmiProviderFunctionControl) == 32);
C_ASSERT(sizeof(WDF_WMI_PROVIDER_CONFIG) == 40);

FORCEINLINE VOID WDF_WMI_PROVIDER_CONFIG_INIT(PWDF_WMI_PROVIDER_CONFIG Config, CONST GUID *Guid)
{
    RtlZeroMemory(Config, sizeof(WDF_WMI_PROVIDER_CONFIG));
    Config->Size = sizeof(WDF_WMI_PROVIDER_CONFIG);
    RtlCopyMemory(&Config->Guid, Guid, sizeof(GUID));
}

typedef struct _WDF_WMI_INSTANCE_CONFIG {
    ULONG Size;
    WDFWMIPROVIDER Provider;                 /* NULL: ProviderConfig describes a new one */
    PWDF_WMI_PROVIDER_CONFIG ProviderConfig; /* NULL: Provider given */
    BOOLEAN UseContextForQuery; /* queries answered with the instance's context (read-only) */
    BOOLEAN Register;           /* registered with WMI by WdfWmiInstanceCreate */
    PFN_WDF_WMI_INSTANCE_QUERY_INSTANCE EvtWmiInstanceQueryInstance;
    PFN_WDF_WMI_INSTANCE_SET_INSTANCE EvtWmiInstanceSetInstance;
    PFN_WDF_WMI_INSTANCE_SET_ITEM EvtWmiInstanceSetItem;
    PFN_WDF_WMI_INSTANCE_EXECUTE_METHOD EvtWmiInstanceExecuteMethod;
} WDF_WMI_INSTANCE_CONFIG, *PWDF_WMI_INSTANCE_CONFIG;

C_ASSERT(FIELD_OFFSET(WDF_WMI_INSTANCE_CONFIG, UseContextForQuery) == 24);
C_ASSERT(FIELD_OFFSET(WDF_WMI_INSTANCE_CONFIG, EvtWmiInstanceQueryInstance) == 32);
C_ASSERT(sizeof(WDF_WMI_INSTANCE_CONFIG) == 64);

FORCEINLINE VOID WDF_WMI_INSTANCE_CONFIG_INIT_PROVIDER(PWDF_WMI_INSTANCE_CONFIG Config,
                                                       WDFWMIPROVIDER Provider)
{
    RtlZeroMemory(Config, sizeof(WDF_WMI_INSTANCE_CONFIG));
    Config->Size = sizeof(WDF_WMI_INSTANCE_CONFIG);
    Config->Provider = Provider;
}

FORCEINLINE VOID WDF_WMI_INSTANCE_CONFIG_INIT_PROVIDER_CONFIG(
    PWDF_WMI_INSTANCE_CONFIG Config, PWDF_WMI_PROVIDER_CONFIG ProviderConfig)
{
    RtlZeroMemory(Config, sizeof(WDF_WMI_INSTANCE_CONFIG));
    Config->Size = sizeof(WDF_WMI_INSTANCE_CONFIG);
    Config->ProviderConfig = ProviderConfig;
}

/* A string as WMI wants it in a data block: its byte count (a USHORT), then its characters.
 * *RequiredSize: the bytes that takes, whether or not the buffer was large enough. */
FORCEINLINE NTSTATUS WDF_WMI_BUFFER_APPEND_STRING(PVOID Buffer, ULONG BufferLength,
                                                  PCUNICODE_STRING String, PULONG RequiredSize)
{
    *RequiredSize = (ULONG)String->Length + sizeof(USHORT);
    if (BufferLength < *RequiredSize)
        return STATUS_BUFFER_TOO_SMALL;
    *(USHORT *)Buffer = String->Length;
    RtlCopyMemory(WDF_PTR_ADD_OFFSET(Buffer, sizeof(USHORT)), String->Buffer, String->Length);
    return STATUS_SUCCESS;
}

typedef NTSTATUS (*PFN_WDFWMIPROVIDERCREATE)(PWDF_DRIVER_GLOBALS, WDFDEVICE,
                                             PWDF_WMI_PROVIDER_CONFIG, PWDF_OBJECT_ATTRIBUTES,
                                             WDFWMIPROVIDER *);
FORCEINLINE NTSTATUS WdfWmiProviderCreate(WDFDEVICE Device,
                                          PWDF_WMI_PROVIDER_CONFIG WmiProviderConfig,
                                          PWDF_OBJECT_ATTRIBUTES ProviderAttributes,
                                          WDFWMIPROVIDER *WmiProvider)
{
    return ((PFN_WDFWMIPROVIDERCREATE)WdfFunctions[WdfWmiProviderCreateTableIndex])(
        WdfDriverGlobals, Device, WmiProviderConfig, ProviderAttributes, WmiProvider);
}

typedef WDFDEVICE (*PFN_WDFWMIPROVIDERGETDEVICE)(PWDF_DRIVER_GLOBALS, WDFWMIPROVIDER);
FORCEINLINE WDFDEVICE WdfWmiProviderGetDevice(WDFWMIPROVIDER WmiProvider)
{
    return ((PFN_WDFWMIPROVIDERGETDEVICE)WdfFunctions[WdfWmiProviderGetDeviceTableIndex])(
        WdfDriverGlobals, WmiProvider);
}

typedef BOOLEAN (*PFN_WDFWMIPROVIDERISENABLED)(PWDF_DRIVER_GLOBALS, WDFWMIPROVIDER,
                                               WDF_WMI_PROVIDER_CONTROL);
FORCEINLINE BOOLEAN WdfWmiProviderIsEnabled(WDFWMIPROVIDER WmiProvider,
                                            WDF_WMI_PROVIDER_CONTROL ProviderControl)
{
    return ((PFN_WDFWMIPROVIDERISENABLED)WdfFunctions[WdfWmiProviderIsEnabledTableIndex])(
        WdfDriverGlobals, WmiProvider, ProviderControl);
}

typedef ULONGLONG (*PFN_WDFWMIPROVIDERGETTRACINGHANDLE)(PWDF_DRIVER_GLOBALS, WDFWMIPROVIDER);
FORCEINLINE ULONGLONG WdfWmiProviderGetTracingHandle(WDFWMIPROVIDER WmiProvider)
{
    return (
        (PFN_WDFWMIPROVIDERGETTRACINGHANDLE)WdfFunctions[WdfWmiProviderGetTracingHandleTableIndex])(
        WdfDriverGlobals, WmiProvider);
}

typedef NTSTATUS (*PFN_WDFWMIINSTANCECREATE)(PWDF_DRIVER_GLOBALS, WDFDEVICE,
                                             PWDF_WMI_INSTANCE_CONFIG, PWDF_OBJECT_ATTRIBUTES,
                                             WDFWMIINSTANCE *);
FORCEINLINE NTSTATUS WdfWmiInstanceCreate(WDFDEVICE Device, PWDF_WMI_INSTANCE_CONFIG InstanceConfig,
                                          PWDF_OBJECT_ATTRIBUTES InstanceAttributes,
                                          WDFWMIINSTANCE *Instance)
{
    return ((PFN_WDFWMIINSTANCECREATE)WdfFunctions[WdfWmiInstanceCreateTableIndex])(
        WdfDriverGlobals, Device, InstanceConfig, InstanceAttributes, Instance);
}

typedef NTSTATUS (*PFN_WDFWMIINSTANCEREGISTER)(PWDF_DRIVER_GLOBALS, WDFWMIINSTANCE);
FORCEINLINE NTSTATUS WdfWmiInstanceRegister(WDFWMIINSTANCE WmiInstance)
{
    return ((PFN_WDFWMIINSTANCEREGISTER)WdfFunctions[WdfWmiInstanceRegisterTableIndex])(
        WdfDriverGlobals, WmiInstance);
}

typedef VOID (*PFN_WDFWMIINSTANCEDEREGISTER)(PWDF_DRIVER_GLOBALS, WDFWMIINSTANCE);
FORCEINLINE VOID WdfWmiInstanceDeregister(WDFWMIINSTANCE WmiInstance)
{
    ((PFN_WDFWMIINSTANCEDEREGISTER)WdfFunctions[WdfWmiInstanceDeregisterTableIndex])(
        WdfDriverGlobals, WmiInstance);
}

typedef WDFDEVICE (*PFN_WDFWMIINSTANCEGETDEVICE)(PWDF_DRIVER_GLOBALS, WDFWMIINSTANCE);
FORCEINLINE WDFDEVICE WdfWmiInstanceGetDevice(WDFWMIINSTANCE WmiInstance)
{
    return ((PFN_WDFWMIINSTANCEGETDEVICE)WdfFunctions[WdfWmiInstanceGetDeviceTableIndex])(
        WdfDriverGlobals, WmiInstance);
}

typedef WDFWMIPROVIDER (*PFN_WDFWMIINSTANCEGETPROVIDER)(PWDF_DRIVER_GLOBALS, WDFWMIINSTANCE);
FORCEINLINE WDFWMIPROVIDER WdfWmiInstanceGetProvider(WDFWMIINSTANCE WmiInstance)
{
    return ((PFN_WDFWMIINSTANCEGETPROVIDER)WdfFunctions[WdfWmiInstanceGetProviderTableIndex])(
        WdfDriverGlobals, WmiInstance);
}

typedef NTSTATUS (*PFN_WDFWMIINSTANCEFIREEVENT)(PWDF_DRIVER_GLOBALS, WDFWMIINSTANCE, ULONG, PVOID);
FORCEINLINE NTSTATUS WdfWmiInstanceFireEvent(WDFWMIINSTANCE WmiInstance, ULONG EventDataSize,
                                             PVOID EventData)
{
    return ((PFN_WDFWMIINSTANCEFIREEVENT)WdfFunctions[WdfWmiInstanceFireEventTableIndex])(
        WdfDriverGlobals, WmiInstance, EventDataSize, EventData);
}

#endif
