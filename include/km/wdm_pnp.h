/*
 * wdm_pnp.h - the Plug and Play part of wdm.h: the structures and constants of PnP IRPs,
 * device properties and PnP notifications (included by wdm.h). Types and constants only: the
 * PnP manager's routines (IoGetDeviceProperty, IoOpenDeviceRegistryKey,
 * IoRegisterPlugPlayNotification, ...) are declared when they are implemented (issue 13).
 * x64 layouts are pinned in wdm_asserts.h.
 */
#ifndef _WDMDDK_
#include <wdm.h> /* it includes this file where it belongs */
#else
#ifndef _DRVHOST_WDM_PNP_H_
#define _DRVHOST_WDM_PNP_H_

/* IRP_MJ_PNP minor code missing from the list in wdm_io.h. */
#define IRP_MN_QUERY_LEGACY_BUS_INFORMATION 0x18

/* ---- IRP_MN_QUERY_INTERFACE ----------------------------------------------------------- */

typedef VOID (*PINTERFACE_REFERENCE)(PVOID Context);
typedef VOID (*PINTERFACE_DEREFERENCE)(PVOID Context);

typedef struct _INTERFACE {
    USHORT Size;
    USHORT Version;
    PVOID Context;
    PINTERFACE_REFERENCE InterfaceReference;
    PINTERFACE_DEREFERENCE InterfaceDereference;
} INTERFACE;

/* GUID_BUS_INTERFACE_STANDARD: the bus driver's address translation, DMA adapter and
 * configuration-space routines. drvhost's bus drivers answer no such query (IRP_MN_QUERY_INTERFACE
 * for it fails as on a bus that does not export it); the types let a function driver that asks
 * for it compile. DEVICE_DESCRIPTION itself is wdm_dma.h's, which wdm.h includes after this one. */
typedef BOOLEAN TRANSLATE_BUS_ADDRESS(PVOID Context, PHYSICAL_ADDRESS BusAddress, ULONG Length,
                                      PULONG AddressSpace, PPHYSICAL_ADDRESS TranslatedAddress);
typedef TRANSLATE_BUS_ADDRESS *PTRANSLATE_BUS_ADDRESS;
typedef struct _DEVICE_DESCRIPTION *PDEVICE_DESCRIPTION;
typedef struct _DMA_ADAPTER *GET_DMA_ADAPTER(PVOID Context, PDEVICE_DESCRIPTION DeviceDescriptor,
                                             PULONG NumberOfMapRegisters);
typedef GET_DMA_ADAPTER *PGET_DMA_ADAPTER;
typedef ULONG GET_SET_DEVICE_DATA(PVOID Context, ULONG DataType, PVOID Buffer, ULONG Offset,
                                  ULONG Length);
typedef GET_SET_DEVICE_DATA *PGET_SET_DEVICE_DATA;

typedef struct _BUS_INTERFACE_STANDARD {
    USHORT Size;
    USHORT Version;
    PVOID Context;
    PINTERFACE_REFERENCE InterfaceReference;
    PINTERFACE_DEREFERENCE InterfaceDereference;
    PTRANSLATE_BUS_ADDRESS TranslateBusAddress;
    PGET_DMA_ADAPTER GetDmaAdapter;
    PGET_SET_DEVICE_DATA SetBusData;
    PGET_SET_DEVICE_DATA GetBusData;
} BUS_INTERFACE_STANDARD, *PBUS_INTERFACE_STANDARD;

/* ---- IRP_MN_QUERY_CAPABILITIES -------------------------------------------------------- */

#define POWER_SYSTEM_MAXIMUM 7

typedef struct _DEVICE_CAPABILITIES {
    USHORT Size;
    USHORT Version;
    ULONG DeviceD1 : 1;
    ULONG DeviceD2 : 1;
    ULONG LockSupported : 1;
    ULONG EjectSupported : 1;
    ULONG Removable : 1;
    ULONG DockDevice : 1;
    ULONG UniqueID : 1;
    ULONG SilentInstall : 1;
    ULONG RawDeviceOK : 1;
    ULONG SurpriseRemovalOK : 1;
    ULONG WakeFromD0 : 1;
    ULONG WakeFromD1 : 1;
    ULONG WakeFromD2 : 1;
    ULONG WakeFromD3 : 1;
    ULONG HardwareDisabled : 1;
    ULONG NonDynamic : 1;
    ULONG WarmEjectSupported : 1;
    ULONG NoDisplayInUI : 1;
    ULONG Reserved1 : 1;
    ULONG WakeFromInterrupt : 1;
    ULONG SecureDevice : 1;
    ULONG ChildOfVgaEnabledBridge : 1;
    ULONG DecodeIoOnBoot : 1;
    ULONG Reserved : 9;
    ULONG Address;
    ULONG UINumber;
    DEVICE_POWER_STATE DeviceState[POWER_SYSTEM_MAXIMUM];
    SYSTEM_POWER_STATE SystemWake;
    DEVICE_POWER_STATE DeviceWake;
    ULONG D1Latency;
    ULONG D2Latency;
    ULONG D3Latency;
} DEVICE_CAPABILITIES;

/* ---- IRP_MN_QUERY_DEVICE_RELATIONS ---------------------------------------------------- */

typedef struct _DEVICE_RELATIONS {
    ULONG Count;
    PDEVICE_OBJECT Objects[1]; /* variable length */
} DEVICE_RELATIONS, *PDEVICE_RELATIONS;

/* ---- IRP_MN_QUERY_BUS_INFORMATION ----------------------------------------------------- */

typedef enum _INTERFACE_TYPE {
    InterfaceTypeUndefined = -1,
    Internal,
    Isa,
    Eisa,
    MicroChannel,
    TurboChannel,
    PCIBus,
    VMEBus,
    NuBus,
    PCMCIABus,
    CBus,
    MPIBus,
    MPSABus,
    ProcessorInternal,
    InternalPowerBus,
    PNPISABus,
    PNPBus,
    Vmcs,
    ACPIBus,
    MaximumInterfaceType
} INTERFACE_TYPE, *PINTERFACE_TYPE;

typedef struct _PNP_BUS_INFORMATION {
    GUID BusTypeGuid;
    INTERFACE_TYPE LegacyBusType;
    ULONG BusNumber;
} PNP_BUS_INFORMATION, *PPNP_BUS_INFORMATION;

typedef struct _LEGACY_BUS_INFORMATION {
    GUID BusTypeGuid;
    INTERFACE_TYPE LegacyBusType;
    ULONG BusNumber;
} LEGACY_BUS_INFORMATION, *PLEGACY_BUS_INFORMATION;

/* ---- IRP_MN_START_DEVICE: the resource lists ----------------------------------------- */

/* The type of a CM_PARTIAL_RESOURCE_DESCRIPTOR (the CmResourceTypeXxx values). */
typedef int CM_RESOURCE_TYPE;

#define CmResourceTypeNull                           0
#define CmResourceTypePort                           1
#define CmResourceTypeInterrupt                      2
#define CmResourceTypeMemory                         3
#define CmResourceTypeDma                            4
#define CmResourceTypeDeviceSpecific                 5
#define CmResourceTypeBusNumber                      6
#define CmResourceTypeMemoryLarge                    7
#define CmResourceTypeNonArbitrated                  128
#define CmResourceTypeConfigData                     128
#define CmResourceTypeDevicePrivate                  129
#define CmResourceTypePcCardConfig                   130
#define CmResourceTypeMfCardConfig                   131
#define CmResourceTypeConnection                     132

/* Class and Type of a CmResourceTypeConnection descriptor (u.Connection) */
#define CM_RESOURCE_CONNECTION_CLASS_GPIO            0x01
#define CM_RESOURCE_CONNECTION_CLASS_SERIAL          0x02
#define CM_RESOURCE_CONNECTION_CLASS_FUNCTION_CONFIG 0x03
#define CM_RESOURCE_CONNECTION_TYPE_GPIO_IO          0x02
#define CM_RESOURCE_CONNECTION_TYPE_SERIAL_I2C       0x01
#define CM_RESOURCE_CONNECTION_TYPE_SERIAL_SPI       0x02
#define CM_RESOURCE_CONNECTION_TYPE_SERIAL_UART      0x03
#define CM_RESOURCE_CONNECTION_TYPE_FUNCTION_CONFIG  0x01

typedef enum _CM_SHARE_DISPOSITION {
    CmResourceShareUndetermined = 0,
    CmResourceShareDeviceExclusive,
    CmResourceShareDriverExclusive,
    CmResourceShareShared
} CM_SHARE_DISPOSITION;

#pragma pack(push, 4)
typedef struct _CM_PARTIAL_RESOURCE_DESCRIPTOR {
    UCHAR Type;
    UCHAR ShareDisposition;
    USHORT Flags;
    union {
        struct {
            PHYSICAL_ADDRESS Start;
            ULONG Length;
        } Generic, Port, Memory;
        struct {
            USHORT Level;
            USHORT Group;
            ULONG Vector;
            KAFFINITY Affinity;
        } Interrupt;
        struct {
            ULONG Channel;
            ULONG Port;
            ULONG Reserved1;
        } Dma;
        struct { /* Flags has CM_RESOURCE_DMA_V3 */
            ULONG Channel;
            ULONG RequestLine;
            UCHAR TransferWidth; /* DMAV3_TRANFER_WIDTH_* */
            UCHAR Reserved1;
            UCHAR Reserved2;
            UCHAR Reserved3;
        } DmaV3;
        struct {
            ULONG Data[3];
        } DevicePrivate;
        struct {
            ULONG Start;
            ULONG Length;
            ULONG Reserved;
        } BusNumber;
        struct {
            ULONG DataSize;
            ULONG Reserved1;
            ULONG Reserved2;
        } DeviceSpecificData;
        struct {         /* CmResourceTypeConnection: a GPIO or serial bus connection (reshub.h) */
            UCHAR Class; /* CM_RESOURCE_CONNECTION_CLASS_* */
            UCHAR Type;  /* CM_RESOURCE_CONNECTION_TYPE_* */
            UCHAR Reserved1;
            UCHAR Reserved2;
            ULONG IdLowPart;
            ULONG IdHighPart;
        } Connection;
    } u;
} CM_PARTIAL_RESOURCE_DESCRIPTOR, *PCM_PARTIAL_RESOURCE_DESCRIPTOR;

/* CmResourceTypeDma descriptors' Flags, and DmaV3.TransferWidth. */
#define CM_RESOURCE_DMA_8          0x0000
#define CM_RESOURCE_DMA_16         0x0001
#define CM_RESOURCE_DMA_32         0x0002
#define CM_RESOURCE_DMA_8_AND_16   0x0004
#define CM_RESOURCE_DMA_BUS_MASTER 0x0008
#define CM_RESOURCE_DMA_TYPE_A     0x0010
#define CM_RESOURCE_DMA_TYPE_B     0x0020
#define CM_RESOURCE_DMA_TYPE_F     0x0040
#define CM_RESOURCE_DMA_V3         0x0080
#define DMAV3_TRANFER_WIDTH_8      0x00
#define DMAV3_TRANFER_WIDTH_16     0x01
#define DMAV3_TRANFER_WIDTH_32     0x02
#define DMAV3_TRANFER_WIDTH_64     0x03
#define DMAV3_TRANFER_WIDTH_128    0x04
#define DMAV3_TRANFER_WIDTH_256    0x05
#pragma pack(pop)

typedef struct _CM_PARTIAL_RESOURCE_LIST {
    USHORT Version;
    USHORT Revision;
    ULONG Count;
    CM_PARTIAL_RESOURCE_DESCRIPTOR PartialDescriptors[1]; /* variable length */
} CM_PARTIAL_RESOURCE_LIST, *PCM_PARTIAL_RESOURCE_LIST;

typedef struct _CM_FULL_RESOURCE_DESCRIPTOR {
    INTERFACE_TYPE InterfaceType;
    ULONG BusNumber;
    CM_PARTIAL_RESOURCE_LIST PartialResourceList;
} CM_FULL_RESOURCE_DESCRIPTOR, *PCM_FULL_RESOURCE_DESCRIPTOR;

typedef struct _CM_RESOURCE_LIST {
    ULONG Count;
    CM_FULL_RESOURCE_DESCRIPTOR List[1]; /* variable length */
} CM_RESOURCE_LIST;

/* ---- resource requirements (IRP_MN_QUERY_RESOURCE_REQUIREMENTS,
 * IRP_MN_FILTER_RESOURCE_REQUIREMENTS): alternative lists of descriptor ranges ---- */

/* IO_RESOURCE_DESCRIPTOR.Option */
#define IO_RESOURCE_PREFERRED   0x01
#define IO_RESOURCE_DEFAULT     0x02
#define IO_RESOURCE_ALTERNATIVE 0x08

typedef enum _IRQ_DEVICE_POLICY {
    IrqPolicyMachineDefault = 0,
    IrqPolicyAllCloseProcessors,
    IrqPolicyOneCloseProcessor,
    IrqPolicyAllProcessorsInMachine,
    IrqPolicySpecifiedProcessors,
    IrqPolicySpreadMessagesAcrossAllProcessors,
    IrqPolicyAllProcessorsInMachineWhenSteered
} IRQ_DEVICE_POLICY, *PIRQ_DEVICE_POLICY;

typedef enum _IRQ_PRIORITY {
    IrqPriorityUndefined = 0,
    IrqPriorityLow,
    IrqPriorityNormal,
    IrqPriorityHigh
} IRQ_PRIORITY, *PIRQ_PRIORITY;

typedef struct _IO_RESOURCE_DESCRIPTOR {
    UCHAR Option; /* 0, IO_RESOURCE_PREFERRED, IO_RESOURCE_ALTERNATIVE */
    UCHAR Type;   /* CmResourceType* */
    UCHAR ShareDisposition;
    UCHAR Spare1;
    USHORT Flags;
    USHORT Spare2;
    union {
        struct {
            ULONG Length;
            ULONG Alignment;
            PHYSICAL_ADDRESS MinimumAddress;
            PHYSICAL_ADDRESS MaximumAddress;
        } Port, Memory, Generic;
        struct {
            ULONG MinimumVector;
            ULONG MaximumVector;
            USHORT AffinityPolicy; /* IRQ_DEVICE_POLICY (NT_PROCESSOR_GROUPS layout) */
            USHORT Group;
            IRQ_PRIORITY PriorityPolicy;
            KAFFINITY TargetedProcessors;
        } Interrupt;
        struct {
            ULONG MinimumChannel;
            ULONG MaximumChannel;
        } Dma;
        struct {
            ULONG RequestLine;
            ULONG Reserved;
            ULONG Channel;
            ULONG TransferWidth;
        } DmaV3;
        struct {
            ULONG Data[3];
        } DevicePrivate;
        struct {
            ULONG Length;
            ULONG MinBusNumber;
            ULONG MaxBusNumber;
            ULONG Reserved;
        } BusNumber;
        struct {
            ULONG Priority;
            ULONG Reserved1;
            ULONG Reserved2;
        } ConfigData;
        struct {
            ULONG Length40;
            ULONG Alignment40;
            PHYSICAL_ADDRESS MinimumAddress;
            PHYSICAL_ADDRESS MaximumAddress;
        } Memory40;
        struct {
            ULONG Length48;
            ULONG Alignment48;
            PHYSICAL_ADDRESS MinimumAddress;
            PHYSICAL_ADDRESS MaximumAddress;
        } Memory48;
        struct {
            ULONG Length64;
            ULONG Alignment64;
            PHYSICAL_ADDRESS MinimumAddress;
            PHYSICAL_ADDRESS MaximumAddress;
        } Memory64;
        struct {
            UCHAR Class;
            UCHAR Type;
            UCHAR Reserved1;
            UCHAR Reserved2;
            ULONG IdLowPart;
            ULONG IdHighPart;
        } Connection;
    } u;
} IO_RESOURCE_DESCRIPTOR, *PIO_RESOURCE_DESCRIPTOR;

/* One alternative (logical configuration): Count descriptors. */
typedef struct _IO_RESOURCE_LIST {
    USHORT Version;
    USHORT Revision;
    ULONG Count;
    IO_RESOURCE_DESCRIPTOR Descriptors[1]; /* variable length */
} IO_RESOURCE_LIST, *PIO_RESOURCE_LIST;

/* ListSize bytes in all; AlternativeLists IO_RESOURCE_LISTs one after the other. */
typedef struct _IO_RESOURCE_REQUIREMENTS_LIST {
    ULONG ListSize;
    INTERFACE_TYPE InterfaceType;
    ULONG BusNumber;
    ULONG SlotNumber;
    ULONG Reserved[3];
    ULONG AlternativeLists;
    IO_RESOURCE_LIST List[1]; /* variable length */
} IO_RESOURCE_REQUIREMENTS_LIST;

/* ---- IRP_MN_QUERY_PNP_DEVICE_STATE ---------------------------------------------------- */

typedef ULONG PNP_DEVICE_STATE, *PPNP_DEVICE_STATE;

#define PNP_DEVICE_DISABLED                      0x00000001
#define PNP_DEVICE_DONT_DISPLAY_IN_UI            0x00000002
#define PNP_DEVICE_FAILED                        0x00000004
#define PNP_DEVICE_REMOVED                       0x00000008
#define PNP_DEVICE_RESOURCE_REQUIREMENTS_CHANGED 0x00000010
#define PNP_DEVICE_NOT_DISABLEABLE               0x00000020
#define PNP_DEVICE_DISCONNECTED                  0x00000040

/* ---- device properties and registry keys (IoGetDeviceProperty, IoOpenDeviceRegistryKey) */

typedef enum {
    DevicePropertyDeviceDescription = 0x0,
    DevicePropertyHardwareID = 0x1,
    DevicePropertyCompatibleIDs = 0x2,
    DevicePropertyBootConfiguration = 0x3,
    DevicePropertyBootConfigurationTranslated = 0x4,
    DevicePropertyClassName = 0x5,
    DevicePropertyClassGuid = 0x6,
    DevicePropertyDriverKeyName = 0x7,
    DevicePropertyManufacturer = 0x8,
    DevicePropertyFriendlyName = 0x9,
    DevicePropertyLocationInformation = 0xa,
    DevicePropertyPhysicalDeviceObjectName = 0xb,
    DevicePropertyBusTypeGuid = 0xc,
    DevicePropertyLegacyBusType = 0xd,
    DevicePropertyBusNumber = 0xe,
    DevicePropertyEnumeratorName = 0xf,
    DevicePropertyAddress = 0x10,
    DevicePropertyUINumber = 0x11,
    DevicePropertyInstallState = 0x12,
    DevicePropertyRemovalPolicy = 0x13,
    DevicePropertyResourceRequirements = 0x14,
    DevicePropertyAllocatedResources = 0x15,
    DevicePropertyContainerID = 0x16
} DEVICE_REGISTRY_PROPERTY;

typedef enum _DEVICE_INSTALL_STATE {
    InstallStateInstalled,
    InstallStateNeedsReinstall,
    InstallStateFailedInstall,
    InstallStateFinishInstall
} DEVICE_INSTALL_STATE, *PDEVICE_INSTALL_STATE;

typedef enum _DEVICE_REMOVAL_POLICY {
    RemovalPolicyExpectNoRemoval = 1,
    RemovalPolicyExpectOrderlyRemoval = 2,
    RemovalPolicyExpectSurpriseRemoval = 3
} DEVICE_REMOVAL_POLICY, *PDEVICE_REMOVAL_POLICY;

#define PLUGPLAY_REGKEY_DEVICE            1
#define PLUGPLAY_REGKEY_DRIVER            2
#define PLUGPLAY_REGKEY_CURRENT_HWPROFILE 4

/* The driver's own registry keys (IoOpenDriverRegistryKey). */
typedef enum _DRIVER_REGKEY_TYPE {
    DriverRegKeyParameters,
    DriverRegKeyPersistentState,
    DriverRegKeySharedPersistentState
} DRIVER_REGKEY_TYPE, *PDRIVER_REGKEY_TYPE;

NTKERNELAPI NTSTATUS NTAPI IoOpenDriverRegistryKey(PDRIVER_OBJECT DriverObject,
                                                   DRIVER_REGKEY_TYPE RegKeyType,
                                                   ACCESS_MASK DesiredAccess, ULONG Flags,
                                                   PHANDLE DriverRegKey);

/* ---- PnP notifications (IoRegisterPlugPlayNotification) ------------------------------- */

typedef enum _IO_NOTIFICATION_EVENT_CATEGORY {
    EventCategoryReserved,
    EventCategoryHardwareProfileChange,
    EventCategoryDeviceInterfaceChange,
    EventCategoryTargetDeviceChange,
    EventCategoryKernelSoftRestart
} IO_NOTIFICATION_EVENT_CATEGORY;

#define PNPNOTIFY_DEVICE_INTERFACE_INCLUDE_EXISTING_INTERFACES 0x00000001

typedef NTSTATUS DRIVER_NOTIFICATION_CALLBACK_ROUTINE(PVOID NotificationStructure, PVOID Context);
typedef DRIVER_NOTIFICATION_CALLBACK_ROUTINE *PDRIVER_NOTIFICATION_CALLBACK_ROUTINE;

typedef struct _PLUGPLAY_NOTIFICATION_HEADER {
    USHORT Version;
    USHORT Size;
    GUID Event;
} PLUGPLAY_NOTIFICATION_HEADER, *PPLUGPLAY_NOTIFICATION_HEADER;

typedef struct _HWPROFILE_CHANGE_NOTIFICATION {
    USHORT Version;
    USHORT Size;
    GUID Event;
} HWPROFILE_CHANGE_NOTIFICATION, *PHWPROFILE_CHANGE_NOTIFICATION;

typedef struct _DEVICE_INTERFACE_CHANGE_NOTIFICATION {
    USHORT Version;
    USHORT Size;
    GUID Event;
    GUID InterfaceClassGuid;
    PUNICODE_STRING SymbolicLinkName;
} DEVICE_INTERFACE_CHANGE_NOTIFICATION, *PDEVICE_INTERFACE_CHANGE_NOTIFICATION;

typedef struct _TARGET_DEVICE_REMOVAL_NOTIFICATION {
    USHORT Version;
    USHORT Size;
    GUID Event;
    PFILE_OBJECT FileObject;
} TARGET_DEVICE_REMOVAL_NOTIFICATION, *PTARGET_DEVICE_REMOVAL_NOTIFICATION;

typedef struct _TARGET_DEVICE_CUSTOM_NOTIFICATION {
    USHORT Version;
    USHORT Size;
    GUID Event;
    PFILE_OBJECT FileObject;
    LONG NameBufferOffset;
    UCHAR CustomDataBuffer[1];
} TARGET_DEVICE_CUSTOM_NOTIFICATION, *PTARGET_DEVICE_CUSTOM_NOTIFICATION;

/* ---- the PnP manager's routines (src/pnp) --------------------------------------------- */

#define DEVICE_INTERFACE_INCLUDE_NONACTIVE 0x00000001

typedef VOID DEVICE_CHANGE_COMPLETE_CALLBACK(PVOID Context);
typedef DEVICE_CHANGE_COMPLETE_CALLBACK *PDEVICE_CHANGE_COMPLETE_CALLBACK;

NTKERNELAPI NTSTATUS NTAPI IoRegisterDeviceInterface(PDEVICE_OBJECT PhysicalDeviceObject,
                                                     const GUID *InterfaceClassGuid,
                                                     PUNICODE_STRING ReferenceString,
                                                     PUNICODE_STRING SymbolicLinkName);
NTKERNELAPI NTSTATUS NTAPI IoSetDeviceInterfaceState(PUNICODE_STRING SymbolicLinkName,
                                                     BOOLEAN Enable);
NTKERNELAPI NTSTATUS NTAPI IoGetDeviceInterfaces(const GUID *InterfaceClassGuid,
                                                 PDEVICE_OBJECT PhysicalDeviceObject, ULONG Flags,
                                                 PZZWSTR *SymbolicLinkList);
NTKERNELAPI NTSTATUS NTAPI IoGetDeviceInterfaceAlias(PUNICODE_STRING SymbolicLinkName,
                                                     const GUID *AliasInterfaceClassGuid,
                                                     PUNICODE_STRING AliasSymbolicLinkName);
NTKERNELAPI NTSTATUS NTAPI IoOpenDeviceInterfaceRegistryKey(PUNICODE_STRING SymbolicLinkName,
                                                            ACCESS_MASK DesiredAccess,
                                                            PHANDLE DeviceInterfaceKey);
NTKERNELAPI VOID NTAPI IoInvalidateDeviceRelations(PDEVICE_OBJECT DeviceObject,
                                                   DEVICE_RELATION_TYPE Type);
NTKERNELAPI VOID NTAPI IoInvalidateDeviceState(PDEVICE_OBJECT PhysicalDeviceObject);
NTKERNELAPI VOID NTAPI IoRequestDeviceEject(PDEVICE_OBJECT PhysicalDeviceObject);
NTKERNELAPI NTSTATUS NTAPI IoGetDeviceProperty(PDEVICE_OBJECT DeviceObject,
                                               DEVICE_REGISTRY_PROPERTY DeviceProperty,
                                               ULONG BufferLength, PVOID PropertyBuffer,
                                               PULONG ResultLength);
NTKERNELAPI NTSTATUS NTAPI IoOpenDeviceRegistryKey(PDEVICE_OBJECT DeviceObject,
                                                   ULONG DevInstKeyType, ACCESS_MASK DesiredAccess,
                                                   PHANDLE DeviceRegKey);

/* ---- gkmdf: the unified device property model (IoGetDevicePropertyData, src/pnp) ---------- */
#include <devpropdef.h>
#define PLUGPLAY_PROPERTY_PERSISTENT 0x00000001
#ifndef LOCALE_NEUTRAL /* Microsoft: ntdef.h, MAKELCID(MAKELANGID(LANG_NEUTRAL, ...)) */
#define LOCALE_NEUTRAL 0x0000
#endif
NTKERNELAPI NTSTATUS NTAPI IoGetDevicePropertyData(PDEVICE_OBJECT Pdo,
                                                   const DEVPROPKEY *PropertyKey, LCID Lcid,
                                                   ULONG Flags, ULONG Size, PVOID Data,
                                                   PULONG RequiredSize, PDEVPROPTYPE Type);
NTKERNELAPI NTSTATUS NTAPI IoSetDevicePropertyData(PDEVICE_OBJECT Pdo,
                                                   const DEVPROPKEY *PropertyKey, LCID Lcid,
                                                   ULONG Flags, DEVPROPTYPE Type, ULONG Size,
                                                   PVOID Data);
/* Properties of a device interface instance (src/pnp/property_data.c). */
NTKERNELAPI NTSTATUS NTAPI IoGetDeviceInterfacePropertyData(PUNICODE_STRING SymbolicLinkName,
                                                            const DEVPROPKEY *PropertyKey,
                                                            LCID Lcid, ULONG Flags, ULONG Size,
                                                            PVOID Data, PULONG RequiredSize,
                                                            PDEVPROPTYPE Type);
NTKERNELAPI NTSTATUS NTAPI IoSetDeviceInterfacePropertyData(PUNICODE_STRING SymbolicLinkName,
                                                            const DEVPROPKEY *PropertyKey,
                                                            LCID Lcid, ULONG Flags,
                                                            DEVPROPTYPE Type, ULONG Size,
                                                            PVOID Data);
/* ---- end gkmdf ---- */
NTKERNELAPI NTSTATUS NTAPI IoRegisterPlugPlayNotification(
    IO_NOTIFICATION_EVENT_CATEGORY EventCategory, ULONG EventCategoryFlags, PVOID EventCategoryData,
    PDRIVER_OBJECT DriverObject, PDRIVER_NOTIFICATION_CALLBACK_ROUTINE CallbackRoutine,
    PVOID Context, PVOID *NotificationEntry);
NTKERNELAPI NTSTATUS NTAPI IoUnregisterPlugPlayNotification(PVOID NotificationEntry);
NTKERNELAPI NTSTATUS NTAPI IoUnregisterPlugPlayNotificationEx(PVOID NotificationEntry);
NTKERNELAPI NTSTATUS NTAPI IoReportTargetDeviceChange(PDEVICE_OBJECT PhysicalDeviceObject,
                                                      PVOID NotificationStructure);
NTKERNELAPI NTSTATUS NTAPI IoReportTargetDeviceChangeAsynchronous(
    PDEVICE_OBJECT PhysicalDeviceObject, PVOID NotificationStructure,
    PDEVICE_CHANGE_COMPLETE_CALLBACK Callback, PVOID Context);

/* ---- the power manager's routines (src/po) -------------------------------------------- */

typedef VOID REQUEST_POWER_COMPLETE(PDEVICE_OBJECT DeviceObject, UCHAR MinorFunction,
                                    POWER_STATE PowerState, PVOID Context,
                                    PIO_STATUS_BLOCK IoStatus);
typedef REQUEST_POWER_COMPLETE *PREQUEST_POWER_COMPLETE;

NTKERNELAPI NTSTATUS NTAPI PoCallDriver(PDEVICE_OBJECT DeviceObject, PIRP Irp);
NTKERNELAPI VOID NTAPI PoStartNextPowerIrp(PIRP Irp);
NTKERNELAPI POWER_STATE NTAPI PoSetPowerState(PDEVICE_OBJECT DeviceObject, POWER_STATE_TYPE Type,
                                              POWER_STATE State);
NTKERNELAPI NTSTATUS NTAPI PoRequestPowerIrp(PDEVICE_OBJECT DeviceObject, UCHAR MinorFunction,
                                             POWER_STATE PowerState,
                                             PREQUEST_POWER_COMPLETE CompletionFunction,
                                             PVOID Context, PIRP *Irp);

/* ---- s16bus: the device reset interface (GUID_DEVICE_RESET_INTERFACE_STANDARD, wdmguid.h) --
 * What a bus driver (or ACPI) offers a function driver through IRP_MN_QUERY_INTERFACE to reset
 * its device; a driver exposing it to its children fills it. Names, members, bit widths and x64
 * layouts as documented (wdk-ddi-src/content/wdm/ns-wdm-_device_reset_interface_standard.md and
 * the routine pages); pinned by tests/headers (bth_layout.c). drvhost's PnP manager offers no
 * such interface of its own. */
typedef enum _DEVICE_RESET_TYPE {
    FunctionLevelDeviceReset = 0,
    PlatformLevelDeviceReset = 1
} DEVICE_RESET_TYPE;

typedef VOID DEVICE_RESET_COMPLETION(_In_ NTSTATUS Status, _Inout_opt_ PVOID Context);
typedef DEVICE_RESET_COMPLETION *PDEVICE_RESET_COMPLETION;

/* ResetParameters of a function-level reset: asynchronous when DeviceResetCompletion is set. */
typedef struct _FUNCTION_LEVEL_DEVICE_RESET_PARAMETERS {
    ULONG Size;
    PDEVICE_RESET_COMPLETION DeviceResetCompletion;
    PVOID CompletionContext;
} FUNCTION_LEVEL_DEVICE_RESET_PARAMETERS, *PFUNCTION_LEVEL_DEVICE_RESET_PARAMETERS;

typedef union _DEVICE_BUS_SPECIFIC_RESET_TYPE {
    struct {
        ULONGLONG FunctionLevelDeviceReset : 1;
        ULONGLONG PlatformLevelDeviceReset : 1;
        ULONGLONG SecondaryBusReset : 1;
        ULONGLONG Reserved : 61;
    } Pci;
    struct {
        ULONGLONG FunctionLevelDeviceReset : 1;
        ULONGLONG PlatformLevelDeviceReset : 1;
        ULONGLONG Reserved : 62;
    } Acpi;
    ULONGLONG AsULONGLONG;
} DEVICE_BUS_SPECIFIC_RESET_TYPE, *PDEVICE_BUS_SPECIFIC_RESET_TYPE;

typedef struct _DEVICE_BUS_SPECIFIC_RESET_INFO {
    GUID BusTypeGuid;
    DEVICE_BUS_SPECIFIC_RESET_TYPE ResetTypeSupported;
} DEVICE_BUS_SPECIFIC_RESET_INFO, *PDEVICE_BUS_SPECIFIC_RESET_INFO;

typedef union _BUS_SPECIFIC_RESET_FLAGS {
    struct {
        ULONGLONG KeepStackReset : 1;
        ULONGLONG Reserved : 63;
    } u;
    ULONGLONG AsUlonglong;
} BUS_SPECIFIC_RESET_FLAGS, *PBUS_SPECIFIC_RESET_FLAGS;

typedef union _DEVICE_RESET_STATUS_FLAGS {
    struct {
        ULONGLONG KeepStackReset : 1;
        ULONGLONG RecoveringFromBusError : 1;
        ULONGLONG Reserved : 62;
    } u;
    ULONGLONG AsUlonglong;
} DEVICE_RESET_STATUS_FLAGS, *PDEVICE_RESET_STATUS_FLAGS;

typedef NTSTATUS DEVICE_RESET_HANDLER(_In_ PVOID InterfaceContext, _In_ DEVICE_RESET_TYPE ResetType,
                                      _In_ ULONG Flags, _In_opt_ PVOID ResetParameters);
typedef DEVICE_RESET_HANDLER *PDEVICE_RESET_HANDLER;
typedef NTSTATUS DEVICE_QUERY_BUS_SPECIFIC_RESET_HANDLER(
    _In_ PVOID InterfaceContext, _Out_ PULONG ResetInfoCount,
    _Out_ PDEVICE_BUS_SPECIFIC_RESET_INFO ResetInfoSupported);
typedef DEVICE_QUERY_BUS_SPECIFIC_RESET_HANDLER *PDEVICE_QUERY_BUS_SPECIFIC_RESET_HANDLER;
typedef NTSTATUS DEVICE_BUS_SPECIFIC_RESET_HANDLER(
    _In_ PVOID InterfaceContext, _In_ const GUID *BusType,
    _In_ DEVICE_BUS_SPECIFIC_RESET_TYPE ResetTypeSelected, _In_ PBUS_SPECIFIC_RESET_FLAGS Flags,
    _In_ PVOID ResetParameters);
typedef DEVICE_BUS_SPECIFIC_RESET_HANDLER *PDEVICE_BUS_SPECIFIC_RESET_HANDLER;
typedef NTSTATUS GET_DEVICE_RESET_STATUS(_In_ PVOID InterfaceContext, _Out_ PBOOLEAN IsResetting,
                                         _Out_ PDEVICE_BUS_SPECIFIC_RESET_TYPE ResetTypeSelected,
                                         _Out_ PDEVICE_RESET_STATUS_FLAGS Flags);
typedef GET_DEVICE_RESET_STATUS *PGET_DEVICE_RESET_STATUS;

#define DEVICE_RESET_INTERFACE_VERSION_1 1
#define DEVICE_RESET_INTERFACE_VERSION_2 2
#define DEVICE_RESET_INTERFACE_VERSION_3 3
#define DEVICE_RESET_INTERFACE_VERSION   DEVICE_RESET_INTERFACE_VERSION_1

/* SupportedResetTypes: a mask of (1 << DEVICE_RESET_TYPE). The last three members are read
 * from version 2 (bus-specific resets) and 3 (reset status) on. */
typedef struct _DEVICE_RESET_INTERFACE_STANDARD {
    USHORT Size;
    USHORT Version;
    PVOID Context;
    PINTERFACE_REFERENCE InterfaceReference;
    PINTERFACE_DEREFERENCE InterfaceDereference;
    PDEVICE_RESET_HANDLER DeviceReset;
    ULONG SupportedResetTypes;
    PVOID Reserved;
    PDEVICE_QUERY_BUS_SPECIFIC_RESET_HANDLER QueryBusSpecificResetInfo;
    PDEVICE_BUS_SPECIFIC_RESET_HANDLER DeviceBusSpecificReset;
    PGET_DEVICE_RESET_STATUS GetDeviceResetStatus;
} DEVICE_RESET_INTERFACE_STANDARD, *PDEVICE_RESET_INTERFACE_STANDARD;
/* ---- end s16bus ---- */

/* The last part of wdm.h: the layout checks of every part. */
#include <wdm_asserts.h>

#endif
#endif /* _WDMDDK_ */
