/*
 * wdfdevice.h - framework device objects: the WDFDEVICE_INIT calls, WdfDeviceCreate and the
 * device routines of drvhost's first framework slice (docs/wdf.md lists them).
 */
#ifndef _WDFDEVICE_H_
#define _WDFDEVICE_H_

/* As the WDK's wdfdevice.h: <wdmsec.h> comes with it, so the SDDL_DEVOBJ_* strings that
 * WdfDeviceInitAssignSDDLString takes are declared for every KMDF driver. */
#include <wdmsec.h>

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

/* The role types for the object callbacks of a device and of a file object (the EvtCleanupCallback
 * and EvtDestroyCallback pages): the object callback types under their objects' names. */
typedef EVT_WDF_OBJECT_CONTEXT_CLEANUP EVT_WDF_DEVICE_CONTEXT_CLEANUP;
typedef EVT_WDF_OBJECT_CONTEXT_DESTROY EVT_WDF_DEVICE_CONTEXT_DESTROY;
typedef EVT_WDF_OBJECT_CONTEXT_CLEANUP EVT_WDF_FILE_CONTEXT_CLEANUP_CALLBACK;
typedef EVT_WDF_OBJECT_CONTEXT_DESTROY EVT_WDF_FILE_CONTEXT_DESTROY_CALLBACK;
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

/* The single-component power framework (PoFx) callbacks a driver names in
 * WDF_POWER_FRAMEWORK_SETTINGS (WdfDeviceWdmAssignPowerFrameworkSettings): after the framework
 * registers the device with PoFx (a failure fails IRP_MN_START_DEVICE), and before it
 * unregisters it (the POHANDLE is invalid once this returns). Types only here. */
typedef NTSTATUS EVT_WDFDEVICE_WDM_POST_PO_FX_REGISTER_DEVICE(WDFDEVICE Device, POHANDLE PoHandle);
typedef EVT_WDFDEVICE_WDM_POST_PO_FX_REGISTER_DEVICE *PFN_WDFDEVICE_WDM_POST_PO_FX_REGISTER_DEVICE;
typedef VOID EVT_WDFDEVICE_WDM_PRE_PO_FX_UNREGISTER_DEVICE(WDFDEVICE Device, POHANDLE PoHandle);
typedef EVT_WDFDEVICE_WDM_PRE_PO_FX_UNREGISTER_DEVICE
    *PFN_WDFDEVICE_WDM_PRE_PO_FX_UNREGISTER_DEVICE;

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

typedef enum _WDF_DISPATCH_IRP_TO_IO_QUEUE_FLAGS {
    WDF_DISPATCH_IRP_TO_IO_QUEUE_NO_FLAGS = 0x00000000,
    WDF_DISPATCH_IRP_TO_IO_QUEUE_INVOKE_INCALLERCTX_CALLBACK = 0x00000001,
    WDF_DISPATCH_IRP_TO_IO_QUEUE_PREPROCESSED_IRP = 0x00000002,
} WDF_DISPATCH_IRP_TO_IO_QUEUE_FLAGS;

typedef NTSTATUS (*PFN_WDFDEVICEWDMDISPATCHIRPTOIOQUEUE)(PWDF_DRIVER_GLOBALS, WDFDEVICE, PIRP,
                                                         WDFQUEUE, ULONG);
FORCEINLINE NTSTATUS WdfDeviceWdmDispatchIrpToIoQueue(WDFDEVICE Device, PIRP Irp, WDFQUEUE Queue,
                                                      ULONG Flags)
{
    return ((PFN_WDFDEVICEWDMDISPATCHIRPTOIOQUEUE)
                WdfFunctions[WdfDeviceWdmDispatchIrpToIoQueueTableIndex])(WdfDriverGlobals, Device,
                                                                          Irp, Queue, Flags);
}
#endif

/* ---- the device object's characteristics, alignment and name ----------------------------- */

typedef ULONG (*PFN_WDFDEVICEGETCHARACTERISTICS)(PWDF_DRIVER_GLOBALS, WDFDEVICE);
FORCEINLINE ULONG WdfDeviceGetCharacteristics(WDFDEVICE Device)
{
    return ((PFN_WDFDEVICEGETCHARACTERISTICS)WdfFunctions[WdfDeviceGetCharacteristicsTableIndex])(
        WdfDriverGlobals, Device);
}

typedef VOID (*PFN_WDFDEVICESETCHARACTERISTICS)(PWDF_DRIVER_GLOBALS, WDFDEVICE, ULONG);
FORCEINLINE VOID WdfDeviceSetCharacteristics(WDFDEVICE Device, ULONG DeviceCharacteristics)
{
    ((PFN_WDFDEVICESETCHARACTERISTICS)WdfFunctions[WdfDeviceSetCharacteristicsTableIndex])(
        WdfDriverGlobals, Device, DeviceCharacteristics);
}

typedef ULONG (*PFN_WDFDEVICEGETALIGNMENTREQUIREMENT)(PWDF_DRIVER_GLOBALS, WDFDEVICE);
FORCEINLINE ULONG WdfDeviceGetAlignmentRequirement(WDFDEVICE Device)
{
    return ((PFN_WDFDEVICEGETALIGNMENTREQUIREMENT)
                WdfFunctions[WdfDeviceGetAlignmentRequirementTableIndex])(WdfDriverGlobals, Device);
}

typedef VOID (*PFN_WDFDEVICESETALIGNMENTREQUIREMENT)(PWDF_DRIVER_GLOBALS, WDFDEVICE, ULONG);
FORCEINLINE VOID WdfDeviceSetAlignmentRequirement(WDFDEVICE Device, ULONG AlignmentRequirement)
{
    ((PFN_WDFDEVICESETALIGNMENTREQUIREMENT)
         WdfFunctions[WdfDeviceSetAlignmentRequirementTableIndex])(WdfDriverGlobals, Device,
                                                                   AlignmentRequirement);
}

typedef NTSTATUS (*PFN_WDFDEVICERETRIEVEDEVICENAME)(PWDF_DRIVER_GLOBALS, WDFDEVICE, WDFSTRING);
FORCEINLINE NTSTATUS WdfDeviceRetrieveDeviceName(WDFDEVICE Device, WDFSTRING String)
{
    return ((PFN_WDFDEVICERETRIEVEDEVICENAME)WdfFunctions[WdfDeviceRetrieveDeviceNameTableIndex])(
        WdfDriverGlobals, Device, String);
}

/* ---- PnP devices: power states, PnP/power callbacks, interfaces, WDM objects, registry ----- */

typedef enum _WDF_POWER_DEVICE_STATE {
    WdfPowerDeviceInvalid = 0,
    WdfPowerDeviceD0,
    WdfPowerDeviceD1,
    WdfPowerDeviceD2,
    WdfPowerDeviceD3,
    WdfPowerDeviceD3Final,
    WdfPowerDevicePrepareForHibernation,
    WdfPowerDeviceMaximum,
} WDF_POWER_DEVICE_STATE, *PWDF_POWER_DEVICE_STATE;

typedef enum _WDF_SPECIAL_FILE_TYPE {
    WdfSpecialFileUndefined = 0,
    WdfSpecialFilePaging = 1,
    WdfSpecialFileHibernation,
    WdfSpecialFileDump,
    WdfSpecialFileBoot,
    WdfSpecialFileMax,
} WDF_SPECIAL_FILE_TYPE, *PWDF_SPECIAL_FILE_TYPE;

typedef NTSTATUS EVT_WDF_DEVICE_D0_ENTRY(WDFDEVICE Device, WDF_POWER_DEVICE_STATE PreviousState);
typedef EVT_WDF_DEVICE_D0_ENTRY *PFN_WDF_DEVICE_D0_ENTRY;
typedef NTSTATUS EVT_WDF_DEVICE_D0_ENTRY_POST_INTERRUPTS_ENABLED(
    WDFDEVICE Device, WDF_POWER_DEVICE_STATE PreviousState);
typedef EVT_WDF_DEVICE_D0_ENTRY_POST_INTERRUPTS_ENABLED
    *PFN_WDF_DEVICE_D0_ENTRY_POST_INTERRUPTS_ENABLED;
typedef NTSTATUS EVT_WDF_DEVICE_D0_EXIT(WDFDEVICE Device, WDF_POWER_DEVICE_STATE TargetState);
typedef EVT_WDF_DEVICE_D0_EXIT *PFN_WDF_DEVICE_D0_EXIT;
typedef NTSTATUS EVT_WDF_DEVICE_D0_EXIT_PRE_INTERRUPTS_DISABLED(WDFDEVICE Device,
                                                                WDF_POWER_DEVICE_STATE TargetState);
typedef EVT_WDF_DEVICE_D0_EXIT_PRE_INTERRUPTS_DISABLED
    *PFN_WDF_DEVICE_D0_EXIT_PRE_INTERRUPTS_DISABLED;
typedef NTSTATUS EVT_WDF_DEVICE_PREPARE_HARDWARE(WDFDEVICE Device, WDFCMRESLIST ResourcesRaw,
                                                 WDFCMRESLIST ResourcesTranslated);
typedef EVT_WDF_DEVICE_PREPARE_HARDWARE *PFN_WDF_DEVICE_PREPARE_HARDWARE;
typedef NTSTATUS EVT_WDF_DEVICE_RELEASE_HARDWARE(WDFDEVICE Device,
                                                 WDFCMRESLIST ResourcesTranslated);
typedef EVT_WDF_DEVICE_RELEASE_HARDWARE *PFN_WDF_DEVICE_RELEASE_HARDWARE;
typedef VOID EVT_WDF_DEVICE_SELF_MANAGED_IO_CLEANUP(WDFDEVICE Device);
typedef EVT_WDF_DEVICE_SELF_MANAGED_IO_CLEANUP *PFN_WDF_DEVICE_SELF_MANAGED_IO_CLEANUP;
typedef VOID EVT_WDF_DEVICE_SELF_MANAGED_IO_FLUSH(WDFDEVICE Device);
typedef EVT_WDF_DEVICE_SELF_MANAGED_IO_FLUSH *PFN_WDF_DEVICE_SELF_MANAGED_IO_FLUSH;
typedef NTSTATUS EVT_WDF_DEVICE_SELF_MANAGED_IO_INIT(WDFDEVICE Device);
typedef EVT_WDF_DEVICE_SELF_MANAGED_IO_INIT *PFN_WDF_DEVICE_SELF_MANAGED_IO_INIT;
typedef NTSTATUS EVT_WDF_DEVICE_SELF_MANAGED_IO_SUSPEND(WDFDEVICE Device);
typedef EVT_WDF_DEVICE_SELF_MANAGED_IO_SUSPEND *PFN_WDF_DEVICE_SELF_MANAGED_IO_SUSPEND;
typedef NTSTATUS EVT_WDF_DEVICE_SELF_MANAGED_IO_RESTART(WDFDEVICE Device);
typedef EVT_WDF_DEVICE_SELF_MANAGED_IO_RESTART *PFN_WDF_DEVICE_SELF_MANAGED_IO_RESTART;
typedef VOID EVT_WDF_DEVICE_SURPRISE_REMOVAL(WDFDEVICE Device);
typedef EVT_WDF_DEVICE_SURPRISE_REMOVAL *PFN_WDF_DEVICE_SURPRISE_REMOVAL;
typedef NTSTATUS EVT_WDF_DEVICE_QUERY_REMOVE(WDFDEVICE Device);
typedef EVT_WDF_DEVICE_QUERY_REMOVE *PFN_WDF_DEVICE_QUERY_REMOVE;
typedef NTSTATUS EVT_WDF_DEVICE_QUERY_STOP(WDFDEVICE Device);
typedef EVT_WDF_DEVICE_QUERY_STOP *PFN_WDF_DEVICE_QUERY_STOP;
typedef VOID EVT_WDF_DEVICE_USAGE_NOTIFICATION(WDFDEVICE Device,
                                               WDF_SPECIAL_FILE_TYPE NotificationType,
                                               BOOLEAN IsInNotificationPath);
typedef EVT_WDF_DEVICE_USAGE_NOTIFICATION *PFN_WDF_DEVICE_USAGE_NOTIFICATION;
typedef VOID EVT_WDF_DEVICE_RELATIONS_QUERY(WDFDEVICE Device, DEVICE_RELATION_TYPE RelationType);
typedef EVT_WDF_DEVICE_RELATIONS_QUERY *PFN_WDF_DEVICE_RELATIONS_QUERY;
typedef NTSTATUS EVT_WDF_DEVICE_USAGE_NOTIFICATION_EX(WDFDEVICE Device,
                                                      WDF_SPECIAL_FILE_TYPE NotificationType,
                                                      BOOLEAN IsInNotificationPath);
typedef EVT_WDF_DEVICE_USAGE_NOTIFICATION_EX *PFN_WDF_DEVICE_USAGE_NOTIFICATION_EX;

typedef struct _WDF_PNPPOWER_EVENT_CALLBACKS {
    ULONG Size;
    PFN_WDF_DEVICE_D0_ENTRY EvtDeviceD0Entry;
    PFN_WDF_DEVICE_D0_ENTRY_POST_INTERRUPTS_ENABLED EvtDeviceD0EntryPostInterruptsEnabled;
    PFN_WDF_DEVICE_D0_EXIT EvtDeviceD0Exit;
    PFN_WDF_DEVICE_D0_EXIT_PRE_INTERRUPTS_DISABLED EvtDeviceD0ExitPreInterruptsDisabled;
    PFN_WDF_DEVICE_PREPARE_HARDWARE EvtDevicePrepareHardware;
    PFN_WDF_DEVICE_RELEASE_HARDWARE EvtDeviceReleaseHardware;
    PFN_WDF_DEVICE_SELF_MANAGED_IO_CLEANUP EvtDeviceSelfManagedIoCleanup;
    PFN_WDF_DEVICE_SELF_MANAGED_IO_FLUSH EvtDeviceSelfManagedIoFlush;
    PFN_WDF_DEVICE_SELF_MANAGED_IO_INIT EvtDeviceSelfManagedIoInit;
    PFN_WDF_DEVICE_SELF_MANAGED_IO_SUSPEND EvtDeviceSelfManagedIoSuspend;
    PFN_WDF_DEVICE_SELF_MANAGED_IO_RESTART EvtDeviceSelfManagedIoRestart;
    PFN_WDF_DEVICE_SURPRISE_REMOVAL EvtDeviceSurpriseRemoval;
    PFN_WDF_DEVICE_QUERY_REMOVE EvtDeviceQueryRemove;
    PFN_WDF_DEVICE_QUERY_STOP EvtDeviceQueryStop;
    PFN_WDF_DEVICE_USAGE_NOTIFICATION EvtDeviceUsageNotification;
    PFN_WDF_DEVICE_RELATIONS_QUERY EvtDeviceRelationsQuery;
    PFN_WDF_DEVICE_USAGE_NOTIFICATION_EX EvtDeviceUsageNotificationEx;
} WDF_PNPPOWER_EVENT_CALLBACKS, *PWDF_PNPPOWER_EVENT_CALLBACKS;

FORCEINLINE VOID WDF_PNPPOWER_EVENT_CALLBACKS_INIT(PWDF_PNPPOWER_EVENT_CALLBACKS Callbacks)
{
    RtlZeroMemory(Callbacks, sizeof(WDF_PNPPOWER_EVENT_CALLBACKS));
    Callbacks->Size = sizeof(WDF_PNPPOWER_EVENT_CALLBACKS);
}

typedef VOID (*PFN_WDFDEVICEINITSETPNPPOWEREVENTCALLBACKS)(PWDF_DRIVER_GLOBALS, PWDFDEVICE_INIT,
                                                           PWDF_PNPPOWER_EVENT_CALLBACKS);
FORCEINLINE VOID WdfDeviceInitSetPnpPowerEventCallbacks(
    PWDFDEVICE_INIT DeviceInit, PWDF_PNPPOWER_EVENT_CALLBACKS PnpPowerEventCallbacks)
{
    ((PFN_WDFDEVICEINITSETPNPPOWEREVENTCALLBACKS)
         WdfFunctions[WdfDeviceInitSetPnpPowerEventCallbacksTableIndex])(
        WdfDriverGlobals, DeviceInit, PnpPowerEventCallbacks);
}

typedef VOID (*PFN_WDFDEVICEINITSETPOWERPOLICYOWNERSHIP)(PWDF_DRIVER_GLOBALS, PWDFDEVICE_INIT,
                                                         BOOLEAN);
FORCEINLINE VOID WdfDeviceInitSetPowerPolicyOwnership(PWDFDEVICE_INIT DeviceInit,
                                                      BOOLEAN IsPowerPolicyOwner)
{
    ((PFN_WDFDEVICEINITSETPOWERPOLICYOWNERSHIP)
         WdfFunctions[WdfDeviceInitSetPowerPolicyOwnershipTableIndex])(WdfDriverGlobals, DeviceInit,
                                                                       IsPowerPolicyOwner);
}

typedef NTSTATUS (*PFN_WDFDEVICECREATEDEVICEINTERFACE)(PWDF_DRIVER_GLOBALS, WDFDEVICE, CONST GUID *,
                                                       PCUNICODE_STRING);
FORCEINLINE NTSTATUS WdfDeviceCreateDeviceInterface(WDFDEVICE Device,
                                                    CONST GUID *InterfaceClassGUID,
                                                    PCUNICODE_STRING ReferenceString)
{
    return (
        (PFN_WDFDEVICECREATEDEVICEINTERFACE)WdfFunctions[WdfDeviceCreateDeviceInterfaceTableIndex])(
        WdfDriverGlobals, Device, InterfaceClassGUID, ReferenceString);
}

typedef VOID (*PFN_WDFDEVICESETDEVICEINTERFACESTATE)(PWDF_DRIVER_GLOBALS, WDFDEVICE, CONST GUID *,
                                                     PCUNICODE_STRING, BOOLEAN);
FORCEINLINE VOID WdfDeviceSetDeviceInterfaceState(WDFDEVICE Device, CONST GUID *InterfaceClassGUID,
                                                  PCUNICODE_STRING ReferenceString,
                                                  BOOLEAN IsInterfaceEnabled)
{
    ((PFN_WDFDEVICESETDEVICEINTERFACESTATE)
         WdfFunctions[WdfDeviceSetDeviceInterfaceStateTableIndex])(
        WdfDriverGlobals, Device, InterfaceClassGUID, ReferenceString, IsInterfaceEnabled);
}

typedef PDEVICE_OBJECT (*PFN_WDFDEVICEWDMGETATTACHEDDEVICE)(PWDF_DRIVER_GLOBALS, WDFDEVICE);
FORCEINLINE PDEVICE_OBJECT WdfDeviceWdmGetAttachedDevice(WDFDEVICE Device)
{
    return (
        (PFN_WDFDEVICEWDMGETATTACHEDDEVICE)WdfFunctions[WdfDeviceWdmGetAttachedDeviceTableIndex])(
        WdfDriverGlobals, Device);
}

typedef PDEVICE_OBJECT (*PFN_WDFDEVICEWDMGETPHYSICALDEVICE)(PWDF_DRIVER_GLOBALS, WDFDEVICE);
FORCEINLINE PDEVICE_OBJECT WdfDeviceWdmGetPhysicalDevice(WDFDEVICE Device)
{
    return (
        (PFN_WDFDEVICEWDMGETPHYSICALDEVICE)WdfFunctions[WdfDeviceWdmGetPhysicalDeviceTableIndex])(
        WdfDriverGlobals, Device);
}

typedef NTSTATUS (*PFN_WDFDEVICEOPENREGISTRYKEY)(PWDF_DRIVER_GLOBALS, WDFDEVICE, ULONG, ACCESS_MASK,
                                                 PWDF_OBJECT_ATTRIBUTES, WDFKEY *);
FORCEINLINE NTSTATUS WdfDeviceOpenRegistryKey(WDFDEVICE Device, ULONG DeviceInstanceKeyType,
                                              ACCESS_MASK DesiredAccess,
                                              PWDF_OBJECT_ATTRIBUTES KeyAttributes, WDFKEY *Key)
{
    return ((PFN_WDFDEVICEOPENREGISTRYKEY)WdfFunctions[WdfDeviceOpenRegistryKeyTableIndex])(
        WdfDriverGlobals, Device, DeviceInstanceKeyType, DesiredAccess, KeyAttributes, Key);
}

/* wpower: power policy, idle and wake settings, capabilities, device state (Microsoft: here) */
#include <wdfpowerpolicy.h>

/* ---- security, the device class, WDM IRP dispatching, interface state (w117) ------------ */

typedef NTSTATUS (*PFN_WDFDEVICEINITASSIGNSDDLSTRING)(PWDF_DRIVER_GLOBALS, PWDFDEVICE_INIT,
                                                      PCUNICODE_STRING);
FORCEINLINE NTSTATUS WdfDeviceInitAssignSDDLString(PWDFDEVICE_INIT DeviceInit,
                                                   PCUNICODE_STRING SDDLString)
{
    return (
        (PFN_WDFDEVICEINITASSIGNSDDLSTRING)WdfFunctions[WdfDeviceInitAssignSDDLStringTableIndex])(
        WdfDriverGlobals, DeviceInit, SDDLString);
}

typedef VOID (*PFN_WDFDEVICEINITSETDEVICECLASS)(PWDF_DRIVER_GLOBALS, PWDFDEVICE_INIT, CONST GUID *);
FORCEINLINE VOID WdfDeviceInitSetDeviceClass(PWDFDEVICE_INIT DeviceInit,
                                             CONST GUID *DeviceClassGuid)
{
    ((PFN_WDFDEVICEINITSETDEVICECLASS)WdfFunctions[WdfDeviceInitSetDeviceClassTableIndex])(
        WdfDriverGlobals, DeviceInit, DeviceClassGuid);
}

#if KMDF_VERSION_MINOR >= 11 /* Microsoft: minimum KMDF version 1.11 */
typedef NTSTATUS EVT_WDFDEVICE_WDM_IRP_DISPATCH(WDFDEVICE Device, UCHAR MajorFunction,
                                                UCHAR MinorFunction, ULONG Code,
                                                WDFCONTEXT DriverContext, PIRP Irp,
                                                WDFCONTEXT DispatchContext);
typedef EVT_WDFDEVICE_WDM_IRP_DISPATCH *PFN_WDFDEVICE_WDM_IRP_DISPATCH;

typedef NTSTATUS (*PFN_WDFDEVICECONFIGUREWDMIRPDISPATCHCALLBACK)(PWDF_DRIVER_GLOBALS, WDFDEVICE,
                                                                 WDFDRIVER, UCHAR,
                                                                 PFN_WDFDEVICE_WDM_IRP_DISPATCH,
                                                                 WDFCONTEXT);
FORCEINLINE NTSTATUS WdfDeviceConfigureWdmIrpDispatchCallback(
    WDFDEVICE Device, WDFDRIVER Driver, UCHAR MajorFunction,
    PFN_WDFDEVICE_WDM_IRP_DISPATCH EvtDeviceWdmIrpDisptach, WDFCONTEXT DriverContext)
{
    return ((PFN_WDFDEVICECONFIGUREWDMIRPDISPATCHCALLBACK)
                WdfFunctions[WdfDeviceConfigureWdmIrpDispatchCallbackTableIndex])(
        WdfDriverGlobals, Device, Driver, MajorFunction, EvtDeviceWdmIrpDisptach, DriverContext);
}
#endif

#if KMDF_VERSION_MINOR >= 31 /* Microsoft: minimum KMDF version 1.31 */
typedef VOID (*PFN_WDFDEVICESETDEVICEINTERFACESTATEEX)(PWDF_DRIVER_GLOBALS, WDFDEVICE, CONST GUID *,
                                                       PCUNICODE_STRING, BOOLEAN);
FORCEINLINE VOID WdfDeviceSetDeviceInterfaceStateEx(WDFDEVICE Device,
                                                    CONST GUID *InterfaceClassGUID,
                                                    PCUNICODE_STRING ReferenceString,
                                                    BOOLEAN IsInterfaceEnabled)
{
    ((PFN_WDFDEVICESETDEVICEINTERFACESTATEEX)
         WdfFunctions[WdfDeviceSetDeviceInterfaceStateExTableIndex])(
        WdfDriverGlobals, Device, InterfaceClassGUID, ReferenceString, IsInterfaceEnabled);
}
#endif

#if KMDF_VERSION_MINOR >= 13 /* Microsoft: minimum KMDF version 1.13 */
typedef struct _WDF_IO_TYPE_CONFIG {
    ULONG Size;
    WDF_DEVICE_IO_TYPE ReadWriteIoType;
    WDF_DEVICE_IO_TYPE DeviceControlIoType; /* UMDF only */
    ULONG DirectTransferThreshold;          /* UMDF only */
} WDF_IO_TYPE_CONFIG, *PWDF_IO_TYPE_CONFIG;

FORCEINLINE VOID WDF_IO_TYPE_CONFIG_INIT(PWDF_IO_TYPE_CONFIG IoTypeConfig)
{
    RtlZeroMemory(IoTypeConfig, sizeof(WDF_IO_TYPE_CONFIG));
    IoTypeConfig->Size = sizeof(WDF_IO_TYPE_CONFIG);
    IoTypeConfig->ReadWriteIoType = WdfDeviceIoBuffered;
    IoTypeConfig->DeviceControlIoType = WdfDeviceIoBuffered;
}

typedef VOID (*PFN_WDFDEVICEINITSETIOTYPEEX)(PWDF_DRIVER_GLOBALS, PWDFDEVICE_INIT,
                                             PWDF_IO_TYPE_CONFIG);
FORCEINLINE VOID WdfDeviceInitSetIoTypeEx(PWDFDEVICE_INIT DeviceInit,
                                          PWDF_IO_TYPE_CONFIG IoTypeConfig)
{
    ((PFN_WDFDEVICEINITSETIOTYPEEX)WdfFunctions[WdfDeviceInitSetIoTypeExTableIndex])(
        WdfDriverGlobals, DeviceInit, IoTypeConfig);
}
#endif

/* ---- gkmdf: device properties (src/wdf/property.c), the MOF resource name --------------- */

typedef NTSTATUS (*PFN_WDFDEVICEQUERYPROPERTY)(PWDF_DRIVER_GLOBALS, WDFDEVICE,
                                               DEVICE_REGISTRY_PROPERTY, ULONG, PVOID, PULONG);
FORCEINLINE NTSTATUS WdfDeviceQueryProperty(WDFDEVICE Device,
                                            DEVICE_REGISTRY_PROPERTY DeviceProperty,
                                            ULONG BufferLength, PVOID PropertyBuffer,
                                            PULONG ResultLength)
{
    return ((PFN_WDFDEVICEQUERYPROPERTY)WdfFunctions[WdfDeviceQueryPropertyTableIndex])(
        WdfDriverGlobals, Device, DeviceProperty, BufferLength, PropertyBuffer, ResultLength);
}

typedef NTSTATUS (*PFN_WDFDEVICEALLOCANDQUERYPROPERTY)(PWDF_DRIVER_GLOBALS, WDFDEVICE,
                                                       DEVICE_REGISTRY_PROPERTY, POOL_TYPE,
                                                       PWDF_OBJECT_ATTRIBUTES, WDFMEMORY *);
FORCEINLINE NTSTATUS WdfDeviceAllocAndQueryProperty(WDFDEVICE Device,
                                                    DEVICE_REGISTRY_PROPERTY DeviceProperty,
                                                    POOL_TYPE PoolType,
                                                    PWDF_OBJECT_ATTRIBUTES PropertyMemoryAttributes,
                                                    WDFMEMORY *PropertyMemory)
{
    return (
        (PFN_WDFDEVICEALLOCANDQUERYPROPERTY)WdfFunctions[WdfDeviceAllocAndQueryPropertyTableIndex])(
        WdfDriverGlobals, Device, DeviceProperty, PoolType, PropertyMemoryAttributes,
        PropertyMemory);
}

typedef NTSTATUS (*PFN_WDFDEVICEASSIGNMOFRESOURCENAME)(PWDF_DRIVER_GLOBALS, WDFDEVICE,
                                                       PCUNICODE_STRING);
FORCEINLINE NTSTATUS WdfDeviceAssignMofResourceName(WDFDEVICE Device,
                                                    PCUNICODE_STRING MofResourceName)
{
    return (
        (PFN_WDFDEVICEASSIGNMOFRESOURCENAME)WdfFunctions[WdfDeviceAssignMofResourceNameTableIndex])(
        WdfDriverGlobals, Device, MofResourceName);
}

#if KMDF_VERSION_MINOR >= 13 /* Microsoft: minimum KMDF version 1.13 */
typedef struct _WDF_DEVICE_PROPERTY_DATA {
    ULONG Size;
    const DEVPROPKEY *PropertyKey;
    LCID Lcid;
    ULONG Flags;
} WDF_DEVICE_PROPERTY_DATA, *PWDF_DEVICE_PROPERTY_DATA;

FORCEINLINE VOID WDF_DEVICE_PROPERTY_DATA_INIT(PWDF_DEVICE_PROPERTY_DATA PropertyData,
                                               const DEVPROPKEY *PropertyKey)
{
    RtlZeroMemory(PropertyData, sizeof(WDF_DEVICE_PROPERTY_DATA));
    PropertyData->Size = sizeof(WDF_DEVICE_PROPERTY_DATA);
    PropertyData->PropertyKey = PropertyKey;
}

typedef NTSTATUS (*PFN_WDFDEVICEQUERYPROPERTYEX)(PWDF_DRIVER_GLOBALS, WDFDEVICE,
                                                 PWDF_DEVICE_PROPERTY_DATA, ULONG, PVOID, PULONG,
                                                 PDEVPROPTYPE);
FORCEINLINE NTSTATUS WdfDeviceQueryPropertyEx(WDFDEVICE Device,
                                              PWDF_DEVICE_PROPERTY_DATA DeviceProperty,
                                              ULONG BufferLength, PVOID PropertyBuffer,
                                              PULONG RequiredSize, PDEVPROPTYPE Type)
{
    return ((PFN_WDFDEVICEQUERYPROPERTYEX)WdfFunctions[WdfDeviceQueryPropertyExTableIndex])(
        WdfDriverGlobals, Device, DeviceProperty, BufferLength, PropertyBuffer, RequiredSize, Type);
}

typedef NTSTATUS (*PFN_WDFDEVICEALLOCANDQUERYPROPERTYEX)(PWDF_DRIVER_GLOBALS, WDFDEVICE,
                                                         PWDF_DEVICE_PROPERTY_DATA, POOL_TYPE,
                                                         PWDF_OBJECT_ATTRIBUTES, WDFMEMORY *,
                                                         PDEVPROPTYPE);
FORCEINLINE NTSTATUS WdfDeviceAllocAndQueryPropertyEx(
    WDFDEVICE Device, PWDF_DEVICE_PROPERTY_DATA DeviceProperty, POOL_TYPE PoolType,
    PWDF_OBJECT_ATTRIBUTES PropertyMemoryAttributes, WDFMEMORY *PropertyMemory, PDEVPROPTYPE Type)
{
    return ((PFN_WDFDEVICEALLOCANDQUERYPROPERTYEX)
                WdfFunctions[WdfDeviceAllocAndQueryPropertyExTableIndex])(
        WdfDriverGlobals, Device, DeviceProperty, PoolType, PropertyMemoryAttributes,
        PropertyMemory, Type);
}

typedef NTSTATUS (*PFN_WDFDEVICEASSIGNPROPERTY)(PWDF_DRIVER_GLOBALS, WDFDEVICE,
                                                PWDF_DEVICE_PROPERTY_DATA, DEVPROPTYPE, ULONG,
                                                PVOID);
FORCEINLINE NTSTATUS WdfDeviceAssignProperty(WDFDEVICE Device,
                                             PWDF_DEVICE_PROPERTY_DATA DeviceProperty,
                                             DEVPROPTYPE Type, ULONG Size, PVOID Data)
{
    return ((PFN_WDFDEVICEASSIGNPROPERTY)WdfFunctions[WdfDeviceAssignPropertyTableIndex])(
        WdfDriverGlobals, Device, DeviceProperty, Type, Size, Data);
}
#endif
/* ---- end gkmdf ---- */

/* ---- wdevb: the self I/O target, the DEVICEMAP key (src/wdf/self_target.c, registry.c) ---- */

#if KMDF_VERSION_MINOR >= 15 /* Microsoft: minimum KMDF version 1.15 */
typedef VOID (*PFN_WDFDEVICEINITALLOWSELFIOTARGET)(PWDF_DRIVER_GLOBALS, PWDFDEVICE_INIT);
FORCEINLINE VOID WdfDeviceInitAllowSelfIoTarget(PWDFDEVICE_INIT DeviceInit)
{
    ((PFN_WDFDEVICEINITALLOWSELFIOTARGET)WdfFunctions[WdfDeviceInitAllowSelfIoTargetTableIndex])(
        WdfDriverGlobals, DeviceInit);
}

typedef WDFIOTARGET (*PFN_WDFDEVICEGETSELFIOTARGET)(PWDF_DRIVER_GLOBALS, WDFDEVICE);
FORCEINLINE WDFIOTARGET WdfDeviceGetSelfIoTarget(WDFDEVICE Device)
{
    return ((PFN_WDFDEVICEGETSELFIOTARGET)WdfFunctions[WdfDeviceGetSelfIoTargetTableIndex])(
        WdfDriverGlobals, Device);
}

typedef NTSTATUS (*PFN_WDFDEVICEOPENDEVICEMAPKEY)(PWDF_DRIVER_GLOBALS, WDFDEVICE, PCUNICODE_STRING,
                                                  ACCESS_MASK, PWDF_OBJECT_ATTRIBUTES, WDFKEY *);
FORCEINLINE NTSTATUS WdfDeviceOpenDevicemapKey(WDFDEVICE Device, PCUNICODE_STRING KeyName,
                                               ACCESS_MASK DesiredAccess,
                                               PWDF_OBJECT_ATTRIBUTES KeyAttributes, WDFKEY *Key)
{
    return ((PFN_WDFDEVICEOPENDEVICEMAPKEY)WdfFunctions[WdfDeviceOpenDevicemapKeyTableIndex])(
        WdfDriverGlobals, Device, KeyName, DesiredAccess, KeyAttributes, Key);
}
#endif
/* ---- wdeva: relations, static stop/remove, power-pageable settings (KMDF 1.0) ---- */

typedef NTSTATUS (*PFN_WDFDEVICEADDREMOVALRELATIONSPHYSICALDEVICE)(PWDF_DRIVER_GLOBALS, WDFDEVICE,
                                                                   PDEVICE_OBJECT);
FORCEINLINE NTSTATUS WdfDeviceAddRemovalRelationsPhysicalDevice(WDFDEVICE Device,
                                                                PDEVICE_OBJECT PhysicalDevice)
{
    return ((PFN_WDFDEVICEADDREMOVALRELATIONSPHYSICALDEVICE)
                WdfFunctions[WdfDeviceAddRemovalRelationsPhysicalDeviceTableIndex])(
        WdfDriverGlobals, Device, PhysicalDevice);
}

typedef VOID (*PFN_WDFDEVICEREMOVEREMOVALRELATIONSPHYSICALDEVICE)(PWDF_DRIVER_GLOBALS, WDFDEVICE,
                                                                  PDEVICE_OBJECT);
FORCEINLINE VOID WdfDeviceRemoveRemovalRelationsPhysicalDevice(WDFDEVICE Device,
                                                               PDEVICE_OBJECT PhysicalDevice)
{
    ((PFN_WDFDEVICEREMOVEREMOVALRELATIONSPHYSICALDEVICE)
         WdfFunctions[WdfDeviceRemoveRemovalRelationsPhysicalDeviceTableIndex])(
        WdfDriverGlobals, Device, PhysicalDevice);
}

typedef VOID (*PFN_WDFDEVICECLEARREMOVALRELATIONSDEVICES)(PWDF_DRIVER_GLOBALS, WDFDEVICE);
FORCEINLINE VOID WdfDeviceClearRemovalRelationsDevices(WDFDEVICE Device)
{
    ((PFN_WDFDEVICECLEARREMOVALRELATIONSDEVICES)
         WdfFunctions[WdfDeviceClearRemovalRelationsDevicesTableIndex])(WdfDriverGlobals, Device);
}

typedef VOID (*PFN_WDFDEVICESETSTATICSTOPREMOVE)(PWDF_DRIVER_GLOBALS, WDFDEVICE, BOOLEAN);
FORCEINLINE VOID WdfDeviceSetStaticStopRemove(WDFDEVICE Device, BOOLEAN Stoppable)
{
    ((PFN_WDFDEVICESETSTATICSTOPREMOVE)WdfFunctions[WdfDeviceSetStaticStopRemoveTableIndex])(
        WdfDriverGlobals, Device, Stoppable);
}

typedef VOID (*PFN_WDFDEVICEINITSETPOWERPAGEABLE)(PWDF_DRIVER_GLOBALS, PWDFDEVICE_INIT);
FORCEINLINE VOID WdfDeviceInitSetPowerPageable(PWDFDEVICE_INIT DeviceInit)
{
    ((PFN_WDFDEVICEINITSETPOWERPAGEABLE)WdfFunctions[WdfDeviceInitSetPowerPageableTableIndex])(
        WdfDriverGlobals, DeviceInit);
}

typedef VOID (*PFN_WDFDEVICEINITSETPOWERNOTPAGEABLE)(PWDF_DRIVER_GLOBALS, PWDFDEVICE_INIT);
FORCEINLINE VOID WdfDeviceInitSetPowerNotPageable(PWDFDEVICE_INIT DeviceInit)
{
    ((PFN_WDFDEVICEINITSETPOWERNOTPAGEABLE)
         WdfFunctions[WdfDeviceInitSetPowerNotPageableTableIndex])(WdfDriverGlobals, DeviceInit);
}

typedef VOID (*PFN_WDFDEVICEINITSETPOWERINRUSH)(PWDF_DRIVER_GLOBALS, PWDFDEVICE_INIT);
FORCEINLINE VOID WdfDeviceInitSetPowerInrush(PWDFDEVICE_INIT DeviceInit)
{
    ((PFN_WDFDEVICEINITSETPOWERINRUSH)WdfFunctions[WdfDeviceInitSetPowerInrushTableIndex])(
        WdfDriverGlobals, DeviceInit);
}
typedef NTSTATUS (*PFN_WDFDEVICERETRIEVEDEVICEINTERFACESTRING)(PWDF_DRIVER_GLOBALS, WDFDEVICE,
                                                               CONST GUID *, PCUNICODE_STRING,
                                                               WDFSTRING);
FORCEINLINE NTSTATUS WdfDeviceRetrieveDeviceInterfaceString(WDFDEVICE Device,
                                                            CONST GUID *InterfaceClassGUID,
                                                            PCUNICODE_STRING ReferenceString,
                                                            WDFSTRING String)
{
    return ((PFN_WDFDEVICERETRIEVEDEVICEINTERFACESTRING)
                WdfFunctions[WdfDeviceRetrieveDeviceInterfaceStringTableIndex])(
        WdfDriverGlobals, Device, InterfaceClassGUID, ReferenceString, String);
}
typedef VOID (*PFN_WDFDEVICESETSPECIALFILESUPPORT)(PWDF_DRIVER_GLOBALS, WDFDEVICE,
                                                   WDF_SPECIAL_FILE_TYPE, BOOLEAN);
FORCEINLINE VOID WdfDeviceSetSpecialFileSupport(WDFDEVICE Device, WDF_SPECIAL_FILE_TYPE FileType,
                                                BOOLEAN FileTypeIsSupported)
{
    ((PFN_WDFDEVICESETSPECIALFILESUPPORT)WdfFunctions[WdfDeviceSetSpecialFileSupportTableIndex])(
        WdfDriverGlobals, Device, FileType, FileTypeIsSupported);
}

typedef NTSTATUS (*PFN_WDFDEVICEADDDEPENDENTUSAGEDEVICEOBJECT)(PWDF_DRIVER_GLOBALS, WDFDEVICE,
                                                               PDEVICE_OBJECT);
FORCEINLINE NTSTATUS WdfDeviceAddDependentUsageDeviceObject(WDFDEVICE Device,
                                                            PDEVICE_OBJECT DependentDevice)
{
    return ((PFN_WDFDEVICEADDDEPENDENTUSAGEDEVICEOBJECT)
                WdfFunctions[WdfDeviceAddDependentUsageDeviceObjectTableIndex])(
        WdfDriverGlobals, Device, DependentDevice);
}

typedef VOID (*PFN_WDFDEVICEREMOVEDEPENDENTUSAGEDEVICEOBJECT)(PWDF_DRIVER_GLOBALS, WDFDEVICE,
                                                              PDEVICE_OBJECT);
FORCEINLINE VOID WdfDeviceRemoveDependentUsageDeviceObject(WDFDEVICE Device,
                                                           PDEVICE_OBJECT DependentDevice)
{
    ((PFN_WDFDEVICEREMOVEDEPENDENTUSAGEDEVICEOBJECT)
         WdfFunctions[WdfDeviceRemoveDependentUsageDeviceObjectTableIndex])(
        WdfDriverGlobals, Device, DependentDevice);
}
typedef enum _WDF_RELEASE_HARDWARE_ORDER_ON_FAILURE {
    WdfReleaseHardwareOrderOnFailureInvalid = 0,
    WdfReleaseHardwareOrderOnFailureEarly = 1,
    WdfReleaseHardwareOrderOnFailureAfterDescendants = 2,
} WDF_RELEASE_HARDWARE_ORDER_ON_FAILURE, *PWDF_RELEASE_HARDWARE_ORDER_ON_FAILURE;

#if KMDF_VERSION_MINOR >= 11 /* Microsoft: minimum KMDF version 1.11 */
typedef VOID (*PFN_WDFDEVICEINITSETRELEASEHARDWAREORDERONFAILURE)(
    PWDF_DRIVER_GLOBALS, PWDFDEVICE_INIT, WDF_RELEASE_HARDWARE_ORDER_ON_FAILURE);
FORCEINLINE VOID WdfDeviceInitSetReleaseHardwareOrderOnFailure(
    PWDFDEVICE_INIT DeviceInit, WDF_RELEASE_HARDWARE_ORDER_ON_FAILURE ReleaseHardwareOrderOnFailure)
{
    ((PFN_WDFDEVICEINITSETRELEASEHARDWAREORDERONFAILURE)
         WdfFunctions[WdfDeviceInitSetReleaseHardwareOrderOnFailureTableIndex])(
        WdfDriverGlobals, DeviceInit, ReleaseHardwareOrderOnFailure);
}
#endif
/* ---- end wdeva ---- */

/* ---- wdfstate: the remove lock option (KMDF 1.11) ---- */
typedef enum _WDF_REMOVE_LOCK_OPTIONS_FLAGS {
    WDF_REMOVE_LOCK_OPTION_ACQUIRE_FOR_IO = 0x00000001,
} WDF_REMOVE_LOCK_OPTIONS_FLAGS;

typedef struct _WDF_REMOVE_LOCK_OPTIONS {
    ULONG Size;
    ULONG Flags;
} WDF_REMOVE_LOCK_OPTIONS, *PWDF_REMOVE_LOCK_OPTIONS;

FORCEINLINE VOID WDF_REMOVE_LOCK_OPTIONS_INIT(PWDF_REMOVE_LOCK_OPTIONS RemoveLockOptions,
                                              ULONG Flags)
{
    RtlZeroMemory(RemoveLockOptions, sizeof(WDF_REMOVE_LOCK_OPTIONS));
    RemoveLockOptions->Size = sizeof(WDF_REMOVE_LOCK_OPTIONS);
    RemoveLockOptions->Flags = Flags;
}

#if KMDF_VERSION_MINOR >= 11 /* Microsoft: minimum KMDF version 1.11 */
typedef VOID (*PFN_WDFDEVICEINITSETREMOVELOCKOPTIONS)(PWDF_DRIVER_GLOBALS, PWDFDEVICE_INIT,
                                                      PWDF_REMOVE_LOCK_OPTIONS);
FORCEINLINE VOID WdfDeviceInitSetRemoveLockOptions(PWDFDEVICE_INIT DeviceInit,
                                                   PWDF_REMOVE_LOCK_OPTIONS Options)
{
    ((PFN_WDFDEVICEINITSETREMOVELOCKOPTIONS)
         WdfFunctions[WdfDeviceInitSetRemoveLockOptionsTableIndex])(WdfDriverGlobals, DeviceInit,
                                                                    Options);
}
#endif

#endif
