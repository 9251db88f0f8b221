/*
 * wdfdriver.h - the framework driver object: WDF_DRIVER_CONFIG and the WdfDriver* routines.
 */
#ifndef _WDFDRIVER_H_
#define _WDFDRIVER_H_

typedef struct WDFDEVICE_INIT *PWDFDEVICE_INIT;

typedef enum _WDF_DRIVER_INIT_FLAGS {
    WdfDriverInitNonPnpDriver = 0x00000001,
    WdfDriverInitNoDispatchOverride = 0x00000002,
    WdfVerifyOn = 0x00000004,
    WdfVerifierOn = 0x00000008,
    WdfDriverInitCompanion = 0x00000010,
} WDF_DRIVER_INIT_FLAGS;

typedef NTSTATUS EVT_WDF_DRIVER_DEVICE_ADD(WDFDRIVER Driver, PWDFDEVICE_INIT DeviceInit);
typedef EVT_WDF_DRIVER_DEVICE_ADD *PFN_WDF_DRIVER_DEVICE_ADD;
typedef VOID EVT_WDF_DRIVER_UNLOAD(WDFDRIVER Driver);
typedef EVT_WDF_DRIVER_UNLOAD *PFN_WDF_DRIVER_UNLOAD;

typedef struct _WDF_DRIVER_CONFIG {
    ULONG Size;
    PFN_WDF_DRIVER_DEVICE_ADD EvtDriverDeviceAdd;
    PFN_WDF_DRIVER_UNLOAD EvtDriverUnload;
    ULONG DriverInitFlags; /* WDF_DRIVER_INIT_FLAGS */
    ULONG DriverPoolTag;
} WDF_DRIVER_CONFIG, *PWDF_DRIVER_CONFIG;

C_ASSERT(FIELD_OFFSET(WDF_DRIVER_CONFIG, DriverInitFlags) == 24);
C_ASSERT(sizeof(WDF_DRIVER_CONFIG) == 32);

FORCEINLINE VOID WDF_DRIVER_CONFIG_INIT(PWDF_DRIVER_CONFIG Config,
                                        PFN_WDF_DRIVER_DEVICE_ADD EvtDriverDeviceAdd)
{
    RtlZeroMemory(Config, sizeof(WDF_DRIVER_CONFIG));
    Config->Size = sizeof(WDF_DRIVER_CONFIG);
    Config->EvtDriverDeviceAdd = EvtDriverDeviceAdd;
}

typedef struct _WDF_DRIVER_VERSION_AVAILABLE_PARAMS {
    ULONG Size;
    ULONG MajorVersion;
    ULONG MinorVersion;
} WDF_DRIVER_VERSION_AVAILABLE_PARAMS, *PWDF_DRIVER_VERSION_AVAILABLE_PARAMS;

C_ASSERT(sizeof(WDF_DRIVER_VERSION_AVAILABLE_PARAMS) == 12);

FORCEINLINE VOID WDF_DRIVER_VERSION_AVAILABLE_PARAMS_INIT(
    PWDF_DRIVER_VERSION_AVAILABLE_PARAMS Params, ULONG MajorVersion, ULONG MinorVersion)
{
    RtlZeroMemory(Params, sizeof(WDF_DRIVER_VERSION_AVAILABLE_PARAMS));
    Params->Size = sizeof(WDF_DRIVER_VERSION_AVAILABLE_PARAMS);
    Params->MajorVersion = MajorVersion;
    Params->MinorVersion = MinorVersion;
}

/* ---- routines ------------------------------------------------------------------------------ */

FORCEINLINE WDFDRIVER WdfGetDriver(VOID)
{
    return WdfDriverGlobals->Driver;
}

typedef NTSTATUS (*PFN_WDFDRIVERCREATE)(PWDF_DRIVER_GLOBALS, PDRIVER_OBJECT, PCUNICODE_STRING,
                                        PWDF_OBJECT_ATTRIBUTES, PWDF_DRIVER_CONFIG, WDFDRIVER *);
FORCEINLINE NTSTATUS WdfDriverCreate(PDRIVER_OBJECT DriverObject, PCUNICODE_STRING RegistryPath,
                                     PWDF_OBJECT_ATTRIBUTES DriverAttributes,
                                     PWDF_DRIVER_CONFIG DriverConfig, WDFDRIVER *Driver)
{
    return ((PFN_WDFDRIVERCREATE)WdfFunctions[WdfDriverCreateTableIndex])(
        WdfDriverGlobals, DriverObject, RegistryPath, DriverAttributes, DriverConfig, Driver);
}

typedef PWSTR (*PFN_WDFDRIVERGETREGISTRYPATH)(PWDF_DRIVER_GLOBALS, WDFDRIVER);
FORCEINLINE PWSTR WdfDriverGetRegistryPath(WDFDRIVER Driver)
{
    return ((PFN_WDFDRIVERGETREGISTRYPATH)WdfFunctions[WdfDriverGetRegistryPathTableIndex])(
        WdfDriverGlobals, Driver);
}

typedef PDRIVER_OBJECT (*PFN_WDFDRIVERWDMGETDRIVEROBJECT)(PWDF_DRIVER_GLOBALS, WDFDRIVER);
FORCEINLINE PDRIVER_OBJECT WdfDriverWdmGetDriverObject(WDFDRIVER Driver)
{
    return ((PFN_WDFDRIVERWDMGETDRIVEROBJECT)WdfFunctions[WdfDriverWdmGetDriverObjectTableIndex])(
        WdfDriverGlobals, Driver);
}

typedef NTSTATUS (*PFN_WDFDRIVEROPENPARAMETERSREGISTRYKEY)(PWDF_DRIVER_GLOBALS, WDFDRIVER,
                                                           ACCESS_MASK, PWDF_OBJECT_ATTRIBUTES,
                                                           WDFKEY *);
FORCEINLINE NTSTATUS WdfDriverOpenParametersRegistryKey(WDFDRIVER Driver, ACCESS_MASK DesiredAccess,
                                                        PWDF_OBJECT_ATTRIBUTES KeyAttributes,
                                                        WDFKEY *Key)
{
    return ((PFN_WDFDRIVEROPENPARAMETERSREGISTRYKEY)
                WdfFunctions[WdfDriverOpenParametersRegistryKeyTableIndex])(
        WdfDriverGlobals, Driver, DesiredAccess, KeyAttributes, Key);
}

typedef WDFDRIVER (*PFN_WDFWDMDRIVERGETWDFDRIVERHANDLE)(PWDF_DRIVER_GLOBALS, PDRIVER_OBJECT);
FORCEINLINE WDFDRIVER WdfWdmDriverGetWdfDriverHandle(PDRIVER_OBJECT DriverObject)
{
    return (
        (PFN_WDFWDMDRIVERGETWDFDRIVERHANDLE)WdfFunctions[WdfWdmDriverGetWdfDriverHandleTableIndex])(
        WdfDriverGlobals, DriverObject);
}

typedef NTSTATUS (*PFN_WDFDRIVERRETRIEVEVERSIONSTRING)(PWDF_DRIVER_GLOBALS, WDFDRIVER, WDFSTRING);
FORCEINLINE NTSTATUS WdfDriverRetrieveVersionString(WDFDRIVER Driver, WDFSTRING String)
{
    return (
        (PFN_WDFDRIVERRETRIEVEVERSIONSTRING)WdfFunctions[WdfDriverRetrieveVersionStringTableIndex])(
        WdfDriverGlobals, Driver, String);
}

typedef BOOLEAN (*PFN_WDFDRIVERISVERSIONAVAILABLE)(PWDF_DRIVER_GLOBALS, WDFDRIVER,
                                                   PWDF_DRIVER_VERSION_AVAILABLE_PARAMS);
FORCEINLINE BOOLEAN WdfDriverIsVersionAvailable(
    WDFDRIVER Driver, PWDF_DRIVER_VERSION_AVAILABLE_PARAMS VersionAvailableParams)
{
    return ((PFN_WDFDRIVERISVERSIONAVAILABLE)WdfFunctions[WdfDriverIsVersionAvailableTableIndex])(
        WdfDriverGlobals, Driver, VersionAvailableParams);
}

#if KMDF_VERSION_MINOR >= 25 /* Microsoft: minimum KMDF version 1.25 */
typedef NTSTATUS (*PFN_WDFDRIVEROPENPERSISTENTSTATEREGISTRYKEY)(PWDF_DRIVER_GLOBALS, WDFDRIVER,
                                                                ACCESS_MASK, PWDF_OBJECT_ATTRIBUTES,
                                                                WDFKEY *);
FORCEINLINE NTSTATUS WdfDriverOpenPersistentStateRegistryKey(WDFDRIVER Driver,
                                                             ACCESS_MASK DesiredAccess,
                                                             PWDF_OBJECT_ATTRIBUTES KeyAttributes,
                                                             WDFKEY *Key)
{
    return ((PFN_WDFDRIVEROPENPERSISTENTSTATEREGISTRYKEY)
                WdfFunctions[WdfDriverOpenPersistentStateRegistryKeyTableIndex])(
        WdfDriverGlobals, Driver, DesiredAccess, KeyAttributes, Key);
}

/* Microsoft: "for internal use only". */
typedef NTSTATUS (*PFN_WDFDRIVERERRORREPORTAPIMISSING)(PWDF_DRIVER_GLOBALS, WDFDRIVER, PCWSTR,
                                                       ULONG, BOOLEAN);
FORCEINLINE NTSTATUS WdfDriverErrorReportApiMissing(WDFDRIVER Driver, PCWSTR FrameworkExtensionName,
                                                    ULONG ApiIndex, BOOLEAN DoesApiReturnNtstatus)
{
    return (
        (PFN_WDFDRIVERERRORREPORTAPIMISSING)WdfFunctions[WdfDriverErrorReportApiMissingTableIndex])(
        WdfDriverGlobals, Driver, FrameworkExtensionName, ApiIndex, DoesApiReturnNtstatus);
}
#endif

/* Microsoft: "reserved for internal use only" (src/wdf/reserved.c). */
typedef NTSTATUS (*PFN_WDF_TRACE_CALLBACK)(UCHAR ActionCode, PVOID DataPath, ULONG BufferLength,
                                           PVOID Buffer, PVOID Context, PULONG Size);
typedef NTSTATUS (*PFN_WDFDRIVERREGISTERTRACEINFO)(PWDF_DRIVER_GLOBALS, PDRIVER_OBJECT,
                                                   PFN_WDF_TRACE_CALLBACK, PVOID);
FORCEINLINE NTSTATUS WdfDriverRegisterTraceInfo(PDRIVER_OBJECT DriverObject,
                                                PFN_WDF_TRACE_CALLBACK EvtTraceCallback,
                                                PVOID ControlBlock)
{
    return ((PFN_WDFDRIVERREGISTERTRACEINFO)WdfFunctions[WdfDriverRegisterTraceInfoTableIndex])(
        WdfDriverGlobals, DriverObject, EvtTraceCallback, ControlBlock);
}

#endif
