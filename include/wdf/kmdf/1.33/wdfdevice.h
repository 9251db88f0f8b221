/*
 * wdfdevice.h - framework device objects: the WDFDEVICE_INIT calls, WdfDeviceCreate and the
 * device routines of drvhost's first framework slice (docs/wdf.md lists them).
 */
#ifndef _WDFDEVICE_H_
#define _WDFDEVICE_H_

typedef enum _WDF_DEVICE_IO_TYPE {
    WdfDeviceIoUndefined = 0,
    WdfDeviceIoNeither,
    WdfDeviceIoBuffered,
    WdfDeviceIoDirect,
    WdfDeviceIoBufferedOrDirect = 4,
    WdfDeviceIoMaximum,
} WDF_DEVICE_IO_TYPE, *PWDF_DEVICE_IO_TYPE;

typedef VOID (*PFN_WDFDEVICEINITFREE)(PWDF_DRIVER_GLOBALS, PWDFDEVICE_INIT);
FORCEINLINE VOID WdfDeviceInitFree(PWDFDEVICE_INIT DeviceInit)
{
    ((PFN_WDFDEVICEINITFREE)WdfFunctions[WdfDeviceInitFreeTableIndex])(WdfDriverGlobals,
                                                                       DeviceInit);
}

typedef VOID (*PFN_WDFDEVICEINITSETIOTYPE)(PWDF_DRIVER_GLOBALS, PWDFDEVICE_INIT,
                                           WDF_DEVICE_IO_TYPE);
FORCEINLINE VOID WdfDeviceInitSetIoType(PWDFDEVICE_INIT DeviceInit, WDF_DEVICE_IO_TYPE IoType)
{
    ((PFN_WDFDEVICEINITSETIOTYPE)WdfFunctions[WdfDeviceInitSetIoTypeTableIndex])(
        WdfDriverGlobals, DeviceInit, IoType);
}

typedef VOID (*PFN_WDFDEVICEINITSETEXCLUSIVE)(PWDF_DRIVER_GLOBALS, PWDFDEVICE_INIT, BOOLEAN);
FORCEINLINE VOID WdfDeviceInitSetExclusive(PWDFDEVICE_INIT DeviceInit, BOOLEAN IsExclusive)
{
    ((PFN_WDFDEVICEINITSETEXCLUSIVE)WdfFunctions[WdfDeviceInitSetExclusiveTableIndex])(
        WdfDriverGlobals, DeviceInit, IsExclusive);
}

typedef VOID (*PFN_WDFDEVICEINITSETDEVICETYPE)(PWDF_DRIVER_GLOBALS, PWDFDEVICE_INIT, DEVICE_TYPE);
FORCEINLINE VOID WdfDeviceInitSetDeviceType(PWDFDEVICE_INIT DeviceInit, DEVICE_TYPE DeviceType)
{
    ((PFN_WDFDEVICEINITSETDEVICETYPE)WdfFunctions[WdfDeviceInitSetDeviceTypeTableIndex])(
        WdfDriverGlobals, DeviceInit, DeviceType);
}

typedef VOID (*PFN_WDFDEVICEINITSETCHARACTERISTICS)(PWDF_DRIVER_GLOBALS, PWDFDEVICE_INIT, ULONG,
                                                    BOOLEAN);
FORCEINLINE VOID WdfDeviceInitSetCharacteristics(PWDFDEVICE_INIT DeviceInit,
                                                 ULONG DeviceCharacteristics, BOOLEAN OrInValues)
{
    ((PFN_WDFDEVICEINITSETCHARACTERISTICS)WdfFunctions[WdfDeviceInitSetCharacteristicsTableIndex])(
        WdfDriverGlobals, DeviceInit, DeviceCharacteristics, OrInValues);
}

typedef NTSTATUS (*PFN_WDFDEVICEINITASSIGNNAME)(PWDF_DRIVER_GLOBALS, PWDFDEVICE_INIT,
                                                PCUNICODE_STRING);
FORCEINLINE NTSTATUS WdfDeviceInitAssignName(PWDFDEVICE_INIT DeviceInit,
                                             PCUNICODE_STRING DeviceName)
{
    return ((PFN_WDFDEVICEINITASSIGNNAME)WdfFunctions[WdfDeviceInitAssignNameTableIndex])(
        WdfDriverGlobals, DeviceInit, DeviceName);
}

typedef NTSTATUS (*PFN_WDFDEVICECREATE)(PWDF_DRIVER_GLOBALS, PWDFDEVICE_INIT *,
                                        PWDF_OBJECT_ATTRIBUTES, WDFDEVICE *);
FORCEINLINE NTSTATUS WdfDeviceCreate(PWDFDEVICE_INIT *DeviceInit,
                                     PWDF_OBJECT_ATTRIBUTES DeviceAttributes, WDFDEVICE *Device)
{
    return ((PFN_WDFDEVICECREATE)WdfFunctions[WdfDeviceCreateTableIndex])(
        WdfDriverGlobals, DeviceInit, DeviceAttributes, Device);
}

typedef NTSTATUS (*PFN_WDFDEVICECREATESYMBOLICLINK)(PWDF_DRIVER_GLOBALS, WDFDEVICE,
                                                    PCUNICODE_STRING);
FORCEINLINE NTSTATUS WdfDeviceCreateSymbolicLink(WDFDEVICE Device,
                                                 PCUNICODE_STRING SymbolicLinkName)
{
    return ((PFN_WDFDEVICECREATESYMBOLICLINK)WdfFunctions[WdfDeviceCreateSymbolicLinkTableIndex])(
        WdfDriverGlobals, Device, SymbolicLinkName);
}

typedef WDFQUEUE (*PFN_WDFDEVICEGETDEFAULTQUEUE)(PWDF_DRIVER_GLOBALS, WDFDEVICE);
FORCEINLINE WDFQUEUE WdfDeviceGetDefaultQueue(WDFDEVICE Device)
{
    return ((PFN_WDFDEVICEGETDEFAULTQUEUE)WdfFunctions[WdfDeviceGetDefaultQueueTableIndex])(
        WdfDriverGlobals, Device);
}

typedef PDEVICE_OBJECT (*PFN_WDFDEVICEWDMGETDEVICEOBJECT)(PWDF_DRIVER_GLOBALS, WDFDEVICE);
FORCEINLINE PDEVICE_OBJECT WdfDeviceWdmGetDeviceObject(WDFDEVICE Device)
{
    return ((PFN_WDFDEVICEWDMGETDEVICEOBJECT)WdfFunctions[WdfDeviceWdmGetDeviceObjectTableIndex])(
        WdfDriverGlobals, Device);
}

typedef WDFDEVICE (*PFN_WDFWDMDEVICEGETWDFDEVICEHANDLE)(PWDF_DRIVER_GLOBALS, PDEVICE_OBJECT);
FORCEINLINE WDFDEVICE WdfWdmDeviceGetWdfDeviceHandle(PDEVICE_OBJECT DeviceObject)
{
    return (
        (PFN_WDFWDMDEVICEGETWDFDEVICEHANDLE)WdfFunctions[WdfWdmDeviceGetWdfDeviceHandleTableIndex])(
        WdfDriverGlobals, DeviceObject);
}

typedef WDFDRIVER (*PFN_WDFDEVICEGETDRIVER)(PWDF_DRIVER_GLOBALS, WDFDEVICE);
FORCEINLINE WDFDRIVER WdfDeviceGetDriver(WDFDEVICE Device)
{
    return ((PFN_WDFDEVICEGETDRIVER)WdfFunctions[WdfDeviceGetDriverTableIndex])(WdfDriverGlobals,
                                                                                Device);
}

/* ---- file objects (docs/wdf.md, "File objects") -------------------------------------------- */

typedef enum _WDF_FILEOBJECT_CLASS {
    WdfFileObjectInvalid = 0,
    WdfFileObjectNotRequired = 1,
    WdfFileObjectWdfCanUseFsContext = 2,
    WdfFileObjectWdfCanUseFsContext2 = 3,
    WdfFileObjectWdfCannotUseFsContexts = 4,
    WdfFileObjectCanBeOptional = 0x80000000,
} WDF_FILEOBJECT_CLASS, *PWDF_FILEOBJECT_CLASS;

typedef VOID EVT_WDF_DEVICE_FILE_CREATE(WDFDEVICE Device, WDFREQUEST Request,
                                        WDFFILEOBJECT FileObject);
typedef EVT_WDF_DEVICE_FILE_CREATE *PFN_WDF_DEVICE_FILE_CREATE;
typedef VOID EVT_WDF_FILE_CLOSE(WDFFILEOBJECT FileObject);
typedef EVT_WDF_FILE_CLOSE *PFN_WDF_FILE_CLOSE;
typedef VOID EVT_WDF_FILE_CLEANUP(WDFFILEOBJECT FileObject);
typedef EVT_WDF_FILE_CLEANUP *PFN_WDF_FILE_CLEANUP;

typedef struct _WDF_FILEOBJECT_CONFIG {
    ULONG Size;
    PFN_WDF_DEVICE_FILE_CREATE EvtDeviceFileCreate;
    PFN_WDF_FILE_CLOSE EvtFileClose;
    PFN_WDF_FILE_CLEANUP EvtFileCleanup;
    WDF_TRI_STATE AutoForwardCleanupClose;
    WDF_FILEOBJECT_CLASS FileObjectClass;
} WDF_FILEOBJECT_CONFIG, *PWDF_FILEOBJECT_CONFIG;

C_ASSERT(FIELD_OFFSET(WDF_FILEOBJECT_CONFIG, AutoForwardCleanupClose) == 32);
C_ASSERT(sizeof(WDF_FILEOBJECT_CONFIG) == 40);

FORCEINLINE VOID WDF_FILEOBJECT_CONFIG_INIT(PWDF_FILEOBJECT_CONFIG FileEventCallbacks,
                                            PFN_WDF_DEVICE_FILE_CREATE EvtDeviceFileCreate,
                                            PFN_WDF_FILE_CLOSE EvtFileClose,
                                            PFN_WDF_FILE_CLEANUP EvtFileCleanup)
{
    RtlZeroMemory(FileEventCallbacks, sizeof(WDF_FILEOBJECT_CONFIG));
    FileEventCallbacks->Size = sizeof(WDF_FILEOBJECT_CONFIG);
    FileEventCallbacks->EvtDeviceFileCreate = EvtDeviceFileCreate;
    FileEventCallbacks->EvtFileClose = EvtFileClose;
    FileEventCallbacks->EvtFileCleanup = EvtFileCleanup;
    FileEventCallbacks->FileObjectClass = WdfFileObjectWdfCanUseFsContext;
    FileEventCallbacks->AutoForwardCleanupClose = WdfUseDefault;
}

typedef VOID (*PFN_WDFDEVICEINITSETFILEOBJECTCONFIG)(PWDF_DRIVER_GLOBALS, PWDFDEVICE_INIT,
                                                     PWDF_FILEOBJECT_CONFIG,
                                                     PWDF_OBJECT_ATTRIBUTES);
FORCEINLINE VOID WdfDeviceInitSetFileObjectConfig(PWDFDEVICE_INIT DeviceInit,
                                                  PWDF_FILEOBJECT_CONFIG FileObjectConfig,
                                                  PWDF_OBJECT_ATTRIBUTES FileObjectAttributes)
{
    ((PFN_WDFDEVICEINITSETFILEOBJECTCONFIG)
         WdfFunctions[WdfDeviceInitSetFileObjectConfigTableIndex])(
        WdfDriverGlobals, DeviceInit, FileObjectConfig, FileObjectAttributes);
}

typedef WDFFILEOBJECT (*PFN_WDFDEVICEGETFILEOBJECT)(PWDF_DRIVER_GLOBALS, WDFDEVICE, PFILE_OBJECT);
FORCEINLINE WDFFILEOBJECT WdfDeviceGetFileObject(WDFDEVICE Device, PFILE_OBJECT FileObject)
{
    return ((PFN_WDFDEVICEGETFILEOBJECT)WdfFunctions[WdfDeviceGetFileObjectTableIndex])(
        WdfDriverGlobals, Device, FileObject);
}

/* ---- WDM IRP preprocessing ------------------------------------------------------------------ */

typedef NTSTATUS EVT_WDFDEVICE_WDM_IRP_PREPROCESS(WDFDEVICE Device, PIRP Irp);
typedef EVT_WDFDEVICE_WDM_IRP_PREPROCESS *PFN_WDFDEVICE_WDM_IRP_PREPROCESS;

typedef NTSTATUS (*PFN_WDFDEVICEINITASSIGNWDMIRPPREPROCESSCALLBACK)(
    PWDF_DRIVER_GLOBALS, PWDFDEVICE_INIT, PFN_WDFDEVICE_WDM_IRP_PREPROCESS, UCHAR, PUCHAR, ULONG);
FORCEINLINE NTSTATUS WdfDeviceInitAssignWdmIrpPreprocessCallback(
    PWDFDEVICE_INIT DeviceInit, PFN_WDFDEVICE_WDM_IRP_PREPROCESS EvtDeviceWdmIrpPreprocess,
    UCHAR MajorFunction, PUCHAR MinorFunctions, ULONG NumMinorFunctions)
{
    return ((PFN_WDFDEVICEINITASSIGNWDMIRPPREPROCESSCALLBACK)
                WdfFunctions[WdfDeviceInitAssignWdmIrpPreprocessCallbackTableIndex])(
        WdfDriverGlobals, DeviceInit, EvtDeviceWdmIrpPreprocess, MajorFunction, MinorFunctions,
        NumMinorFunctions);
}

typedef NTSTATUS (*PFN_WDFDEVICEWDMDISPATCHPREPROCESSEDIRP)(PWDF_DRIVER_GLOBALS, WDFDEVICE, PIRP);
FORCEINLINE NTSTATUS WdfDeviceWdmDispatchPreprocessedIrp(WDFDEVICE Device, PIRP Irp)
{
    return ((PFN_WDFDEVICEWDMDISPATCHPREPROCESSEDIRP)
                WdfFunctions[WdfDeviceWdmDispatchPreprocessedIrpTableIndex])(WdfDriverGlobals,
                                                                             Device, Irp);
}

#if KMDF_VERSION_MINOR >= 11 /* Microsoft: minimum KMDF version 1.11 */
typedef NTSTATUS (*PFN_WDFDEVICEWDMDISPATCHIRP)(PWDF_DRIVER_GLOBALS, WDFDEVICE, PIRP, WDFCONTEXT);
FORCEINLINE NTSTATUS WdfDeviceWdmDispatchIrp(WDFDEVICE Device, PIRP Irp, WDFCONTEXT DispatchContext)
{
    return ((PFN_WDFDEVICEWDMDISPATCHIRP)WdfFunctions[WdfDeviceWdmDispatchIrpTableIndex])(
        WdfDriverGlobals, Device, Irp, DispatchContext);
}
#endif

#endif
