/*
 * portcls.h - the audio port class driver (PortCls) interface of an audio adapter driver: the
 * port and miniport COM interfaces (IPort*, IMiniport*), the adapter's helper objects
 * (IResourceList, IServiceSink/IServiceGroup, IPortEvents, the power, DRM, ETW and stream
 * resource interfaces), the filter descriptors a miniport gives its port (PCFILTER_DESCRIPTOR,
 * PCPIN_DESCRIPTOR, PCNODE_DESCRIPTOR, PCCONNECTION_DESCRIPTOR, automation tables and the
 * property and event requests their handlers get) and the Pc* routines (Microsoft's names,
 * method lists and order, values and x64 layouts, per the portcls.h reference:
 * wdk-ddi-src/content/portcls/; the IID and CLSID values are Microsoft's published constants).
 *
 * drvhost does not run PortCls: the Pc* routines are declared with their documented prototypes
 * and DRVHOST_NOT_PROVIDED (a call is a compiler warning; the loader refuses a module importing
 * them, naming them), so an audio adapter driver compiles but does not load (compile-only,
 * docs/compatibility.md). The interfaces are C++ (C sees opaque types); the port-side objects
 * behind them would come from portcls.sys. Covered: the WaveRT and topology port/miniport
 * pairs and what the WDK's WaveRT samples use; the WaveCyclic, WavePci, MIDI and DMus port
 * families, IDmaChannel and IInterruptSync are not provided.
 */
#ifndef _PORTCLS_H_
#define _PORTCLS_H_

#include <wdm.h>
#include <windef.h>
#include <mmreg.h>
#include <ks.h>
#include <ksmedia.h>
#include <unknown.h>
#include <drmk.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PORTCLASSAPI EXTERN_C

/* The interfaces the routines below take (declared further down in C++, opaque in C). */
struct IResourceList;
struct IServiceGroup;
struct IPort;
struct IMiniport;

#ifndef SIZEOF_ARRAY
#define SIZEOF_ARRAY(ar) (sizeof(ar) / sizeof((ar)[0]))
#endif

/* Interface identifiers and port class identifiers. */
DEFINE_GUID(IID_IPort, 0xb4c90a25L, 0x5791, 0x11d0, 0x86, 0xf9, 0x00, 0xa0, 0xc9, 0x11, 0xb5, 0x44);
DEFINE_GUID(IID_IMiniport, 0xb4c90a24L, 0x5791, 0x11d0, 0x86, 0xf9, 0x00, 0xa0, 0xc9, 0x11, 0xb5,
            0x44);
DEFINE_GUID(IID_IPortTopology, 0xb4c90a30L, 0x5791, 0x11d0, 0x86, 0xf9, 0x00, 0xa0, 0xc9, 0x11,
            0xb5, 0x44);
DEFINE_GUID(IID_IMiniportTopology, 0xb4c90a31L, 0x5791, 0x11d0, 0x86, 0xf9, 0x00, 0xa0, 0xc9, 0x11,
            0xb5, 0x44);
DEFINE_GUID(CLSID_PortTopology, 0xb4c90a32L, 0x5791, 0x11d0, 0x86, 0xf9, 0x00, 0xa0, 0xc9, 0x11,
            0xb5, 0x44);
DEFINE_GUID(CLSID_PortWaveRT, 0xcc9be57a, 0xeb9e, 0x42b4, 0x94, 0xfc, 0x0c, 0xad, 0x3d, 0xbc, 0xe7,
            0xfa);
DEFINE_GUID(IID_IPortWaveRT, 0x339ff909, 0x68a9, 0x4310, 0xb0, 0x9b, 0x27, 0x4e, 0x96, 0xee, 0x4c,
            0xbd);
DEFINE_GUID(IID_IPortWaveRTStream, 0x1809ce5a, 0x64bc, 0x4e62, 0xbd, 0x7d, 0x95, 0xbc, 0xe4, 0x3d,
            0xe3, 0x93);
DEFINE_GUID(IID_IMiniportWaveRT, 0x0f9fc4d6, 0x6061, 0x4f3c, 0xb1, 0xfc, 0x07, 0x5e, 0x35, 0xf7,
            0x96, 0x0a);
DEFINE_GUID(IID_IMiniportWaveRTStream, 0x000ac9ab, 0xfaab, 0x4f3d, 0x94, 0x55, 0x6f, 0xf8, 0x30,
            0x6a, 0x74, 0xa0);
DEFINE_GUID(IID_IMiniportWaveRTStreamNotification, 0x23759128, 0x96f1, 0x423b, 0xab, 0x4d, 0x81,
            0x63, 0x5b, 0xcf, 0x8c, 0xa1);
DEFINE_GUID(IID_IMiniportWaveRTInputStream, 0xcd8e756a, 0x5fc7, 0x4624, 0x98, 0x4b, 0x2a, 0xf0,
            0x29, 0x25, 0xb9, 0x1f);
DEFINE_GUID(IID_IMiniportWaveRTOutputStream, 0x831fc7bc, 0x6347, 0x44bc, 0xb4, 0x7b, 0xc0, 0xc6,
            0x57, 0xb5, 0xbf, 0x73);
DEFINE_GUID(IID_IMiniportAudioSignalProcessing, 0xb532678c, 0xbe50, 0x472d, 0x99, 0x73, 0x8a, 0x6f,
            0x16, 0x59, 0x49, 0x89);
DEFINE_GUID(IID_IResourceList, 0x22C6AC60L, 0x851B, 0x11D0, 0x9A, 0x7F, 0x00, 0xAA, 0x00, 0x38,
            0xAC, 0xFE);
DEFINE_GUID(IID_IServiceSink, 0x22C6AC64L, 0x851B, 0x11D0, 0x9A, 0x7F, 0x00, 0xAA, 0x00, 0x38, 0xAC,
            0xFE);
DEFINE_GUID(IID_IServiceGroup, 0x22C6AC65L, 0x851B, 0x11D0, 0x9A, 0x7F, 0x00, 0xAA, 0x00, 0x38,
            0xAC, 0xFE);
DEFINE_GUID(IID_IUnregisterSubdevice, 0x16738177L, 0xe199, 0x41f9, 0x9a, 0x87, 0xab, 0xb2, 0xa5,
            0x43, 0x2f, 0x21);
DEFINE_GUID(IID_IUnregisterPhysicalConnection, 0x6c38e231L, 0x2a0d, 0x428d, 0x81, 0xf8, 0x07, 0xcc,
            0x42, 0x8b, 0xb9, 0xa4);
DEFINE_GUID(IID_IAdapterPowerManagement, 0x793417D0L, 0x35FE, 0x11D1, 0xAD, 0x08, 0x00, 0xA0, 0xC9,
            0x0A, 0xB1, 0xB0);
DEFINE_GUID(IID_IPowerNotify, 0x3DD648B8L, 0x969F, 0x11D1, 0x95, 0xA9, 0x00, 0xC0, 0x4F, 0xB9, 0x25,
            0xD3);
DEFINE_GUID(IID_IPortEvents, 0xA80F29C4L, 0x5498, 0x11D2, 0x95, 0xD9, 0x00, 0xC0, 0x4F, 0xB9, 0x25,
            0xD3);
DEFINE_GUID(IID_IDrmPort, 0x286D3DF8L, 0xCA22, 0x4E2E, 0xB9, 0xBC, 0x20, 0xB4, 0xF0, 0xE2, 0x01,
            0xCE);
DEFINE_GUID(IID_IDrmPort2, 0x1ACCE59CL, 0x7311, 0x4B6B, 0x9F, 0xBA, 0xCC, 0x3B, 0xA5, 0x9A, 0xCD,
            0xCE);
DEFINE_GUID(IID_IPortClsVersion, 0x7D89A7BBL, 0x869B, 0x4567, 0x8D, 0xBE, 0x1E, 0x16, 0x8C, 0xC8,
            0x53, 0xDE);
DEFINE_GUID(IID_IPortClsPower, 0x47ba0351, 0xbc4b, 0x4869, 0x81, 0x34, 0xb7, 0x4f, 0xe1, 0x78, 0x52,
            0xd8);
DEFINE_GUID(IID_IPortClsRuntimePower, 0xe057c351, 0x0430, 0x4dbc, 0xb1, 0x72, 0xc7, 0x11, 0xd4,
            0x0a, 0x23, 0x73);
DEFINE_GUID(IID_IPortClsEtwHelper, 0x80ef6667, 0xe8b1, 0x4252, 0xab, 0x09, 0x8f, 0x6d, 0x5e, 0xbb,
            0xd1, 0x9f);
DEFINE_GUID(IID_IPortClsStreamResourceManager, 0xe1cd9915, 0xcab1, 0x4103, 0xbb, 0x2f, 0x7d, 0xc0,
            0x9c, 0x9b, 0xe9, 0x42);
DEFINE_GUID(IID_IPortClsStreamResourceManager2, 0x0d500bae, 0xd565, 0x469d, 0xa0, 0xe2, 0xf2, 0x83,
            0x76, 0x0d, 0x71, 0x48);

/* ---- Filter descriptors: what a miniport's GetDescription returns ------------------------ */

typedef struct _PCPROPERTY_REQUEST PCPROPERTY_REQUEST, *PPCPROPERTY_REQUEST;
typedef struct _PCMETHOD_REQUEST PCMETHOD_REQUEST, *PPCMETHOD_REQUEST;
typedef struct _PCEVENT_REQUEST PCEVENT_REQUEST, *PPCEVENT_REQUEST;

typedef NTSTATUS(NTAPI *PCPFNPROPERTY_HANDLER)(_In_ PPCPROPERTY_REQUEST PropertyRequest);
typedef NTSTATUS(NTAPI *PCPFNMETHOD_HANDLER)(_In_ PPCMETHOD_REQUEST MethodRequest);
typedef NTSTATUS(NTAPI *PCPFNEVENT_HANDLER)(_In_ PPCEVENT_REQUEST EventRequest);

typedef struct {
    const GUID *Set;
    ULONG Id;
    ULONG Flags;
    PCPFNPROPERTY_HANDLER Handler;
} PCPROPERTY_ITEM, *PPCPROPERTY_ITEM;

/* The verbs of a property item (the KSPROPERTY_TYPE_xxx request flags). */
#define PCPROPERTY_ITEM_FLAG_GET            KSPROPERTY_TYPE_GET
#define PCPROPERTY_ITEM_FLAG_SET            KSPROPERTY_TYPE_SET
#define PCPROPERTY_ITEM_FLAG_BASICSUPPORT   KSPROPERTY_TYPE_BASICSUPPORT
#define PCPROPERTY_ITEM_FLAG_DEFAULTVALUES  KSPROPERTY_TYPE_DEFAULTVALUES
#define PCPROPERTY_ITEM_FLAG_SERIALIZERAW   KSPROPERTY_TYPE_SERIALIZERAW
#define PCPROPERTY_ITEM_FLAG_UNSERIALIZERAW KSPROPERTY_TYPE_UNSERIALIZERAW
#define PCPROPERTY_ITEM_FLAG_SERIALIZESIZE  KSPROPERTY_TYPE_SERIALIZESIZE
#define PCPROPERTY_ITEM_FLAG_SERIALIZE                                                             \
    (PCPROPERTY_ITEM_FLAG_SERIALIZERAW | PCPROPERTY_ITEM_FLAG_UNSERIALIZERAW |                     \
     PCPROPERTY_ITEM_FLAG_SERIALIZESIZE)

typedef struct {
    const GUID *Set;
    ULONG Id;
    ULONG Flags;
    PCPFNMETHOD_HANDLER Handler;
} PCMETHOD_ITEM, *PPCMETHOD_ITEM;

#define PCMETHOD_ITEM_FLAG_NONE         KSMETHOD_TYPE_NONE
#define PCMETHOD_ITEM_FLAG_READ         KSMETHOD_TYPE_READ
#define PCMETHOD_ITEM_FLAG_WRITE        KSMETHOD_TYPE_WRITE
#define PCMETHOD_ITEM_FLAG_MODIFY       KSMETHOD_TYPE_MODIFY
#define PCMETHOD_ITEM_FLAG_SOURCE       KSMETHOD_TYPE_SOURCE
#define PCMETHOD_ITEM_FLAG_BASICSUPPORT KSMETHOD_TYPE_BASICSUPPORT

typedef struct {
    const GUID *Set;
    ULONG Id;
    ULONG Flags;
    PCPFNEVENT_HANDLER Handler;
} PCEVENT_ITEM, *PPCEVENT_ITEM;

#define PCEVENT_ITEM_FLAG_ENABLE       KSEVENT_TYPE_ENABLE
#define PCEVENT_ITEM_FLAG_ONESHOT      KSEVENT_TYPE_ONESHOT
#define PCEVENT_ITEM_FLAG_BASICSUPPORT KSEVENT_TYPE_BASICSUPPORT

/* A property, method or event request as the port gives it to a handler. */
struct _PCPROPERTY_REQUEST {
    PUNKNOWN MajorTarget;
    PUNKNOWN MinorTarget;
    ULONG Node;
    const PCPROPERTY_ITEM *PropertyItem;
    ULONG Verb;
    ULONG InstanceSize;
    PVOID Instance;
    ULONG ValueSize;
    PVOID Value;
    PIRP Irp;
};

struct _PCMETHOD_REQUEST {
    PUNKNOWN MajorTarget;
    PUNKNOWN MinorTarget;
    ULONG Node;
    const PCMETHOD_ITEM *MethodItem;
    ULONG Verb;
};

struct _PCEVENT_REQUEST {
    PUNKNOWN MajorTarget;
    PUNKNOWN MinorTarget;
    ULONG Node;
    const PCEVENT_ITEM *EventItem;
    PKSEVENT_ENTRY EventEntry;
    ULONG Verb;
    PIRP Irp;
};

#define PCEVENT_VERB_NONE    0
#define PCEVENT_VERB_ADD     1
#define PCEVENT_VERB_REMOVE  2
#define PCEVENT_VERB_SUPPORT 4

/* The properties, methods and events of a filter, pin or node. */
typedef struct {
    ULONG PropertyItemSize;
    ULONG PropertyCount;
    const PCPROPERTY_ITEM *Properties;
    ULONG MethodItemSize;
    ULONG MethodCount;
    const PCMETHOD_ITEM *Methods;
    ULONG EventItemSize;
    ULONG EventCount;
    const PCEVENT_ITEM *Events;
    ULONG Reserved;
} PCAUTOMATION_TABLE, *PPCAUTOMATION_TABLE;

#define DEFINE_PCAUTOMATION_TABLE_PROP(AutomationTable, PropertyTable)                             \
    const PCAUTOMATION_TABLE AutomationTable = {sizeof(PropertyTable[0]),                          \
                                                SIZEOF_ARRAY(PropertyTable),                       \
                                                (const PCPROPERTY_ITEM *)PropertyTable,            \
                                                sizeof(PCMETHOD_ITEM),                             \
                                                0,                                                 \
                                                NULL,                                              \
                                                sizeof(PCEVENT_ITEM),                              \
                                                0,                                                 \
                                                NULL,                                              \
                                                0}

#define DEFINE_PCAUTOMATION_TABLE_PROP_EVENT(AutomationTable, PropertyTable, EventTable)           \
    const PCAUTOMATION_TABLE AutomationTable = {sizeof(PropertyTable[0]),                          \
                                                SIZEOF_ARRAY(PropertyTable),                       \
                                                (const PCPROPERTY_ITEM *)PropertyTable,            \
                                                sizeof(PCMETHOD_ITEM),                             \
                                                0,                                                 \
                                                NULL,                                              \
                                                sizeof(EventTable[0]),                             \
                                                SIZEOF_ARRAY(EventTable),                          \
                                                (const PCEVENT_ITEM *)EventTable,                  \
                                                0}

#define DEFINE_PCAUTOMATION_TABLE_PROP_METHOD(AutomationTable, PropertyTable, MethodTable)         \
    const PCAUTOMATION_TABLE AutomationTable = {sizeof(PropertyTable[0]),                          \
                                                SIZEOF_ARRAY(PropertyTable),                       \
                                                (const PCPROPERTY_ITEM *)PropertyTable,            \
                                                sizeof(MethodTable[0]),                            \
                                                SIZEOF_ARRAY(MethodTable),                         \
                                                (const PCMETHOD_ITEM *)MethodTable,                \
                                                sizeof(PCEVENT_ITEM),                              \
                                                0,                                                 \
                                                NULL,                                              \
                                                0}

/* A pin: instance limits, its automation table and the KS pin descriptor. */
typedef struct {
    ULONG MaxGlobalInstanceCount;
    ULONG MaxFilterInstanceCount;
    ULONG MinFilterInstanceCount;
    const PCAUTOMATION_TABLE *AutomationTable;
    KSPIN_DESCRIPTOR KsPinDescriptor;
} PCPIN_DESCRIPTOR, *PPCPIN_DESCRIPTOR;

/* A node of the filter's topology: its type and (optional) friendly name GUIDs. */
typedef struct {
    ULONG Flags;
    const PCAUTOMATION_TABLE *AutomationTable;
    const GUID *Type;
    const GUID *Name;
} PCNODE_DESCRIPTOR, *PPCNODE_DESCRIPTOR;

/* A connection inside the filter; PCFILTER_NODE as the node is the filter's own pin. */
typedef struct {
    ULONG FromNode;
    ULONG FromNodePin;
    ULONG ToNode;
    ULONG ToNodePin;
} PCCONNECTION_DESCRIPTOR, *PPCCONNECTION_DESCRIPTOR;

#define PCFILTER_NODE KSFILTER_NODE

typedef struct {
    ULONG Version;
    const PCAUTOMATION_TABLE *AutomationTable;
    ULONG PinSize;
    ULONG PinCount;
    const PCPIN_DESCRIPTOR *Pins;
    ULONG NodeSize;
    ULONG NodeCount;
    const PCNODE_DESCRIPTOR *Nodes;
    ULONG ConnectionCount;
    const PCCONNECTION_DESCRIPTOR *Connections;
    ULONG CategoryCount;
    const GUID *Categories;
} PCFILTER_DESCRIPTOR, *PPCFILTER_DESCRIPTOR;

/* ---- Stream resources, power and ETW helpers ------------------------------------------- */

DECLARE_HANDLE(PCSTREAMRESOURCE);

typedef enum _PcStreamResourceType {
    ePcStreamResourceInterrupt,
    ePcStreamResourceThread,
    ePcStreamResourceSet
} PcStreamResourceType, *PPcStreamResourceType;

typedef struct _PCSTREAMRESOURCE_DESCRIPTOR {
    ULONG Size;
    ULONG Flags;
    PDEVICE_OBJECT Pdo;
    PcStreamResourceType Type;
    union {
        struct {
            ULONG Version;
            PVOID Generic;
        } Interrupt;
        PETHREAD Thread;
        PVOID ResourceSet;
    } Resource;
} PCSTREAMRESOURCE_DESCRIPTOR, *PPCSTREAMRESOURCE_DESCRIPTOR;

/* Zeroes the descriptor and sets its Size. */
FORCEINLINE VOID PCSTREAMRESOURCE_DESCRIPTOR_INIT(_Out_ PPCSTREAMRESOURCE_DESCRIPTOR Resource)
{
    RtlZeroMemory(Resource, sizeof(PCSTREAMRESOURCE_DESCRIPTOR));
    Resource->Size = sizeof(PCSTREAMRESOURCE_DESCRIPTOR);
}

/* The runtime power control callback (IPortClsRuntimePower). */
typedef NTSTATUS(NTAPI *PCPFNRUNTIME_POWER_CONTROL_CALLBACK)(
    _In_ LPCGUID PowerControlCode, _In_opt_ PVOID InBuffer, _In_ SIZE_T InBufferSize,
    _Out_writes_bytes_opt_(OutBufferSize) PVOID OutBuffer, _In_ SIZE_T OutBufferSize,
    _Out_opt_ PSIZE_T BytesReturned, _In_opt_ PVOID Context);

/* The miniport events of IPortClsEtwHelper::MiniportWriteEtwEvent. The reference page names the
 * position events ..._POSITION in its field list (and ..._POS in its older syntax block); the
 * samples use the former. */
typedef enum _EPcMiniportEngineEvent {
    eMINIPORT_IHV_DEFINED = 0,
    eMINIPORT_BUFFER_COMPLETE,
    eMINIPORT_PIN_STATE,
    eMINIPORT_GET_STREAM_POSITION,
    eMINIPORT_SET_WAVERT_BUFFER_WRITE_POSITION,
    eMINIPORT_GET_PRESENTATION_POSITION,
    eMINIPORT_PROGRAM_DMA,
    eMINIPORT_GLITCH_REPORT,
    eMINIPORT_LAST_BUFFER_RENDERED,
    eMINIPORT_PROCESSING_MODE,
    eMINIPORT_FX_CLSID,
    eMINIPORT_MaxValue
} EPcMiniportEngineEvent;

/* ---- Routines (portcls.sys: not provided by drvhost) ------------------------------------- */

typedef NTSTATUS(NTAPI *PCPFNSTARTDEVICE)(_In_ PDEVICE_OBJECT DeviceObject, _In_ PIRP Irp,
                                          _In_ struct IResourceList *ResourceList);

PORTCLASSAPI NTSTATUS NTAPI
PcInitializeAdapterDriver(_In_ PDRIVER_OBJECT DriverObject, _In_ PUNICODE_STRING RegistryPathName,
                          _In_ PDRIVER_ADD_DEVICE AddDevice) DRVHOST_NOT_PROVIDED;
PORTCLASSAPI NTSTATUS NTAPI PcAddAdapterDevice(_In_ PDRIVER_OBJECT DriverObject,
                                               _In_ PDEVICE_OBJECT PhysicalDeviceObject,
                                               _In_ PCPFNSTARTDEVICE StartDevice,
                                               _In_ ULONG MaxObjects,
                                               _In_ ULONG DeviceExtensionSize) DRVHOST_NOT_PROVIDED;
PORTCLASSAPI NTSTATUS NTAPI PcDispatchIrp(_In_ PDEVICE_OBJECT DeviceObject,
                                          _Inout_ PIRP Irp) DRVHOST_NOT_PROVIDED;
PORTCLASSAPI NTSTATUS NTAPI PcCompleteIrp(_In_ PDEVICE_OBJECT DeviceObject, _Inout_ PIRP Irp,
                                          _In_ NTSTATUS ntStatus) DRVHOST_NOT_PROVIDED;
PORTCLASSAPI NTSTATUS NTAPI PcForwardIrpSynchronous(_In_ PDEVICE_OBJECT DeviceObject,
                                                    _Inout_ PIRP Irp) DRVHOST_NOT_PROVIDED;
PORTCLASSAPI NTSTATUS NTAPI PcGetPhysicalDeviceObject(_In_ PDEVICE_OBJECT DeviceObject,
                                                      _Out_ PDEVICE_OBJECT *pPhysicalDeviceObject)
    DRVHOST_NOT_PROVIDED;
PORTCLASSAPI NTSTATUS NTAPI PcNewPort(_Out_ struct IPort **OutPort,
                                      _In_ REFCLSID ClassId) DRVHOST_NOT_PROVIDED;
PORTCLASSAPI NTSTATUS NTAPI PcNewMiniport(_Out_ struct IMiniport **OutMiniport,
                                          _In_ REFCLSID ClassId) DRVHOST_NOT_PROVIDED;
PORTCLASSAPI NTSTATUS NTAPI PcRegisterSubdevice(_In_ PDEVICE_OBJECT DeviceObject, _In_ PWSTR Name,
                                                _In_ PUNKNOWN Unknown) DRVHOST_NOT_PROVIDED;
PORTCLASSAPI NTSTATUS NTAPI PcRegisterPhysicalConnection(_In_ PDEVICE_OBJECT DeviceObject,
                                                         _In_ PUNKNOWN FromUnknown,
                                                         _In_ ULONG FromPin,
                                                         _In_ PUNKNOWN ToUnknown,
                                                         _In_ ULONG ToPin) DRVHOST_NOT_PROVIDED;
PORTCLASSAPI NTSTATUS NTAPI PcRegisterPhysicalConnectionToExternal(
    _In_ PDEVICE_OBJECT DeviceObject, _In_ PUNKNOWN FromUnknown, _In_ ULONG FromPin,
    _In_ PUNICODE_STRING ToString, _In_ ULONG ToPin) DRVHOST_NOT_PROVIDED;
PORTCLASSAPI NTSTATUS NTAPI PcRegisterPhysicalConnectionFromExternal(
    _In_ PDEVICE_OBJECT DeviceObject, _In_ PUNICODE_STRING FromString, _In_ ULONG FromPin,
    _In_ PUNKNOWN ToUnknown, _In_ ULONG ToPin) DRVHOST_NOT_PROVIDED;
PORTCLASSAPI NTSTATUS NTAPI
PcRegisterAdapterPowerManagement(_In_ PUNKNOWN Unknown, _In_ PVOID pvContext1) DRVHOST_NOT_PROVIDED;
PORTCLASSAPI NTSTATUS NTAPI PcUnregisterAdapterPowerManagement(_In_ PDEVICE_OBJECT DeviceObject)
    DRVHOST_NOT_PROVIDED;
PORTCLASSAPI NTSTATUS NTAPI PcRequestNewPowerState(_In_ PDEVICE_OBJECT DeviceObject,
                                                   _In_ DEVICE_POWER_STATE RequestedNewState)
    DRVHOST_NOT_PROVIDED;
PORTCLASSAPI NTSTATUS NTAPI
PcNewResourceList(_Out_ struct IResourceList **OutResourceList, _In_opt_ PUNKNOWN OuterUnknown,
                  _In_ POOL_TYPE PoolType, _In_ PCM_RESOURCE_LIST TranslatedResources,
                  _In_ PCM_RESOURCE_LIST UntranslatedResources) DRVHOST_NOT_PROVIDED;
PORTCLASSAPI NTSTATUS NTAPI PcNewServiceGroup(_Out_ struct IServiceGroup **OutServiceGroup,
                                              _In_opt_ PUNKNOWN OuterUnknown) DRVHOST_NOT_PROVIDED;
PORTCLASSAPI ULONGLONG NTAPI PcGetTimeInterval(_In_ ULONGLONG Since) DRVHOST_NOT_PROVIDED;
PORTCLASSAPI NTSTATUS NTAPI PcAddContentHandlers(_In_ ULONG ContentId, _In_ PVOID *paHandlers,
                                                 _In_ ULONG NumHandlers) DRVHOST_NOT_PROVIDED;
PORTCLASSAPI NTSTATUS NTAPI PcCreateContentMixed(_In_ PULONG paContentId, _In_ ULONG cContentId,
                                                 _Out_ PULONG pMixedContentId) DRVHOST_NOT_PROVIDED;
PORTCLASSAPI NTSTATUS NTAPI PcDestroyContent(_In_ ULONG ContentId) DRVHOST_NOT_PROVIDED;
PORTCLASSAPI NTSTATUS NTAPI
PcForwardContentToDeviceObject(_In_ ULONG ContentId, _In_opt_ PVOID Reserved,
                               _In_ PCDRMFORWARD DrmForward) DRVHOST_NOT_PROVIDED;
PORTCLASSAPI NTSTATUS NTAPI PcForwardContentToFileObject(
    _In_ ULONG ContentId, _In_ PFILE_OBJECT FileObject) DRVHOST_NOT_PROVIDED;
PORTCLASSAPI NTSTATUS NTAPI PcForwardContentToInterface(_In_ ULONG ContentId,
                                                        _In_ PUNKNOWN pUnknown,
                                                        _In_ ULONG NumMethods) DRVHOST_NOT_PROVIDED;
PORTCLASSAPI NTSTATUS NTAPI PcGetContentRights(_In_ ULONG ContentId,
                                               _Out_ PDRMRIGHTS DrmRights) DRVHOST_NOT_PROVIDED;
PORTCLASSAPI NTSTATUS NTAPI
PcAddStreamResource(_In_ PDEVICE_OBJECT PhysicalDeviceObject, _In_opt_ PVOID ResourceSet,
                    _In_ PPCSTREAMRESOURCE_DESCRIPTOR ResourceDescriptor,
                    _Out_ PCSTREAMRESOURCE *ResourceHandle) DRVHOST_NOT_PROVIDED;
PORTCLASSAPI NTSTATUS NTAPI PcRemoveStreamResource(_In_ PCSTREAMRESOURCE ResourceHandle)
    DRVHOST_NOT_PROVIDED;

#ifdef __cplusplus
} /* extern "C" */
#endif

/* The notification buffer IPortClsNotifications allocates (its page's syntax: one byte, the
 * payload runs on). */
typedef struct _PCNOTIFICATION_BUFFER {
    UCHAR NotificationBuffer[1];
} PCNOTIFICATION_BUFFER, *PPCNOTIFICATION_BUFFER;

/* IPortClsNotifications' interface identifier: no reference page gives its value, so it is
 * declared and not defined; a module that names it is refused at load naming it (drvhost has
 * no port that could answer the query anyway). */
EXTERN_C const GUID IID_IPortClsNotifications;

/* The audio engine node interfaces' identifiers (session 12): no reference page gives their
 * values, so, like IID_IPortClsNotifications, they are declared and not defined; a module that
 * names them (TabletAudioSample's QueryInterface) is refused at load naming them. */
EXTERN_C const GUID IID_IMiniportAudioEngineNode;
EXTERN_C const GUID IID_IMiniportStreamAudioEngineNode;
EXTERN_C const GUID IID_IMiniportStreamAudioEngineNode2;

/* Which channel attribute an audio engine node method asks about, and which of the engine's
 * formats GetEngineFormatSize sizes: members in the order of the echanneltargettype and
 * eengineformattype pages, which give no values (C numbers them from 0). */
typedef enum _eChannelTargetType {
    eVolumeAttribute,
    eMuteAttribute,
    ePeakMeterAttribute
} eChannelTargetType;

typedef enum _eEngineFormatType {
    eMixFormat,
    eDeviceFormat,
    eSupportedDeviceFormats
} eEngineFormatType;

/* ---- The COM interfaces (C++) ---------------------------------------------------------- */

#ifdef __cplusplus
extern "C++" {

/* IUnknown's three methods, as the WDK's interface declarations repeat them. */
#define DEFINE_ABSTRACT_UNKNOWN()                                                                  \
    STDMETHOD_(NTSTATUS, QueryInterface)                                                           \
    (THIS_ _In_ REFIID InterfaceId, _Out_ PVOID * Interface) PURE;                                 \
    STDMETHOD_(ULONG, AddRef)(THIS) PURE;                                                          \
    STDMETHOD_(ULONG, Release)(THIS) PURE;

#undef INTERFACE
#define INTERFACE IResourceList
/* The hardware resources of an adapter, translated and untranslated. */
DECLARE_INTERFACE_(IResourceList, IUnknown)
{
    STDMETHOD_(ULONG, NumberOfEntries)(THIS) PURE;
    STDMETHOD_(ULONG, NumberOfEntriesOfType)(THIS_ _In_ CM_RESOURCE_TYPE Type) PURE;
    STDMETHOD_(PCM_PARTIAL_RESOURCE_DESCRIPTOR, FindTranslatedEntry)
    (THIS_ _In_ CM_RESOURCE_TYPE Type, _In_ ULONG Index) PURE;
    STDMETHOD_(PCM_PARTIAL_RESOURCE_DESCRIPTOR, FindUntranslatedEntry)
    (THIS_ _In_ CM_RESOURCE_TYPE Type, _In_ ULONG Index) PURE;
    STDMETHOD_(NTSTATUS, AddEntry)
    (THIS_ _In_ PCM_PARTIAL_RESOURCE_DESCRIPTOR Translated,
     _In_ PCM_PARTIAL_RESOURCE_DESCRIPTOR Untranslated) PURE;
    STDMETHOD_(NTSTATUS, AddEntryFromParent)
    (THIS_ _In_ IResourceList * Parent, _In_ CM_RESOURCE_TYPE Type, _In_ ULONG Index) PURE;
    STDMETHOD_(PCM_RESOURCE_LIST, TranslatedList)(THIS) PURE;
    STDMETHOD_(PCM_RESOURCE_LIST, UntranslatedList)(THIS) PURE;
};
typedef IResourceList *PRESOURCELIST;

#undef INTERFACE
#define INTERFACE IServiceSink
/* An object the port's service group calls back (a miniport's Service routine). */
DECLARE_INTERFACE_(IServiceSink, IUnknown)
{
    STDMETHOD_(void, RequestService)(THIS) PURE;
};
typedef IServiceSink *PSERVICESINK;

#undef INTERFACE
#define INTERFACE IServiceGroup
DECLARE_INTERFACE_(IServiceGroup, IServiceSink)
{
    STDMETHOD_(NTSTATUS, AddMember)(THIS_ _In_ PSERVICESINK pServiceSink) PURE;
    STDMETHOD_(void, RemoveMember)(THIS_ _In_ PSERVICESINK pServiceSink) PURE;
    STDMETHOD_(void, SupportDelayedService)(THIS) PURE;
    STDMETHOD_(void, RequestDelayedService)(THIS_ _In_ ULONGLONG ullDelay) PURE;
    STDMETHOD_(void, CancelDelayedService)(THIS) PURE;
};
typedef IServiceGroup *PSERVICEGROUP;

#undef INTERFACE
#define INTERFACE IPort
/* A port driver object: the miniport's link to PortCls. Deviation: NewRegistryKey's first
 * parameter is a PVOID * here (the WDK's PREGISTRYKEY *: IRegistryKey is not provided). */
DECLARE_INTERFACE_(IPort, IUnknown)
{
    STDMETHOD_(NTSTATUS, Init)
    (THIS_ _In_ PDEVICE_OBJECT DeviceObject, _In_ PIRP Irp, _In_ PUNKNOWN UnknownMiniport,
     _In_opt_ PUNKNOWN UnknownAdapter, _In_ PRESOURCELIST ResourceList) PURE;
    STDMETHOD_(NTSTATUS, GetDeviceProperty)
    (THIS_ _In_ DEVICE_REGISTRY_PROPERTY DeviceProperty, _In_ ULONG BufferLength,
     _Out_ PVOID PropertyBuffer, _Out_ PULONG ResultLength) PURE;
    STDMETHOD_(NTSTATUS, NewRegistryKey)
    (THIS_ _Out_ PVOID * OutRegistryKey, _In_opt_ PUNKNOWN OuterUnknown, _In_ ULONG RegistryKeyType,
     _In_ ACCESS_MASK DesiredAccess, _In_opt_ POBJECT_ATTRIBUTES ObjectAttributes,
     _In_opt_ ULONG CreateOptions, _Out_opt_ PULONG Disposition) PURE;
};
typedef IPort *PPORT;

#undef INTERFACE
#define INTERFACE IMiniport
/* What every miniport gives its port: the filter description and format intersection. */
DECLARE_INTERFACE_(IMiniport, IUnknown)
{
    STDMETHOD_(NTSTATUS, GetDescription)(THIS_ _Out_ PPCFILTER_DESCRIPTOR * Description) PURE;
    STDMETHOD_(NTSTATUS, DataRangeIntersection)
    (THIS_ _In_ ULONG PinId, _In_ PKSDATARANGE DataRange, _In_ PKSDATARANGE MatchingDataRange,
     _In_ ULONG OutputBufferLength, _Out_opt_ PVOID ResultantFormat,
     _Out_ PULONG ResultantFormatLength) PURE;
};
typedef IMiniport *PMINIPORT;

#define IMP_IMiniport                                                                              \
    STDMETHODIMP_(NTSTATUS) GetDescription(_Out_ PPCFILTER_DESCRIPTOR *Description);               \
    STDMETHODIMP_(NTSTATUS)                                                                        \
    DataRangeIntersection(_In_ ULONG PinId, _In_ PKSDATARANGE DataRange,                           \
                          _In_ PKSDATARANGE MatchingDataRange, _In_ ULONG OutputBufferLength,      \
                          _Out_opt_ PVOID ResultantFormat, _Out_ PULONG ResultantFormatLength)

#undef INTERFACE
#define INTERFACE IPortTopology
DECLARE_INTERFACE_(IPortTopology, IPort){};
typedef IPortTopology *PPORTTOPOLOGY;

#undef INTERFACE
#define INTERFACE IMiniportTopology
DECLARE_INTERFACE_(IMiniportTopology, IMiniport)
{
    STDMETHOD_(NTSTATUS, Init)
    (THIS_ _In_ PUNKNOWN UnknownAdapter, _In_ PRESOURCELIST ResourceList, _In_ PPORTTOPOLOGY Port)
        PURE;
};
typedef IMiniportTopology *PMINIPORTTOPOLOGY;

#define IMP_IMiniportTopology                                                                      \
    IMP_IMiniport;                                                                                 \
    STDMETHODIMP_(NTSTATUS)                                                                        \
    Init(_In_ PUNKNOWN UnknownAdapter, _In_ PRESOURCELIST ResourceList, _In_ PPORTTOPOLOGY Port)

#undef INTERFACE
#define INTERFACE IPortWaveRT
DECLARE_INTERFACE_(IPortWaveRT, IPort){};
typedef IPortWaveRT *PPORTWAVERT;

#undef INTERFACE
#define INTERFACE IPortWaveRTStream
/* The port's help to a WaveRT stream: allocating, mapping and freeing the cyclic buffer. */
DECLARE_INTERFACE_(IPortWaveRTStream, IUnknown)
{
    STDMETHOD_(PMDL, AllocatePagesForMdl)
    (THIS_ _In_ PHYSICAL_ADDRESS HighAddress, _In_ SIZE_T TotalBytes) PURE;
    STDMETHOD_(PMDL, AllocateContiguousPagesForMdl)
    (THIS_ _In_ PHYSICAL_ADDRESS LowAddress, _In_ PHYSICAL_ADDRESS HighAddress,
     _In_ SIZE_T TotalBytes) PURE;
    STDMETHOD_(PVOID, MapAllocatedPages)
    (THIS_ _In_ PMDL MemoryDescriptorList, _In_ MEMORY_CACHING_TYPE CacheType) PURE;
    STDMETHOD_(VOID, UnmapAllocatedPages)
    (THIS_ _In_ PVOID BaseAddress, _In_ PMDL MemoryDescriptorList) PURE;
    STDMETHOD_(VOID, FreePagesFromMdl)(THIS_ _In_ PMDL MemoryDescriptorList) PURE;
    STDMETHOD_(ULONG, GetPhysicalPagesCount)(THIS_ _In_ PMDL MemoryDescriptorList) PURE;
    STDMETHOD_(PHYSICAL_ADDRESS, GetPhysicalPageAddress)
    (THIS_ _In_ PMDL MemoryDescriptorList, _In_ ULONG Index) PURE;
};
typedef IPortWaveRTStream *PPORTWAVERTSTREAM;

#undef INTERFACE
#define INTERFACE IMiniportWaveRTStream
DECLARE_INTERFACE_(IMiniportWaveRTStream, IUnknown)
{
    STDMETHOD_(NTSTATUS, SetFormat)(THIS_ _In_ PKSDATAFORMAT DataFormat) PURE;
    STDMETHOD_(NTSTATUS, SetState)(THIS_ _In_ KSSTATE State) PURE;
    STDMETHOD_(NTSTATUS, GetPosition)(THIS_ _Out_ PKSAUDIO_POSITION Position) PURE;
    STDMETHOD_(NTSTATUS, AllocateAudioBuffer)
    (THIS_ _In_ ULONG RequestedSize, _Out_ PMDL * AudioBufferMdl, _Out_ ULONG * ActualSize,
     _Out_ ULONG * OffsetFromFirstPage, _Out_ MEMORY_CACHING_TYPE * CacheType) PURE;
    STDMETHOD_(VOID, FreeAudioBuffer)
    (THIS_ _In_opt_ PMDL AudioBufferMdl, _In_ ULONG BufferSize) PURE;
    STDMETHOD_(VOID, GetHWLatency)(THIS_ _Out_ KSRTAUDIO_HWLATENCY * hwLatency) PURE;
    STDMETHOD_(NTSTATUS, GetPositionRegister)(THIS_ _Out_ KSRTAUDIO_HWREGISTER * Register) PURE;
    STDMETHOD_(NTSTATUS, GetClockRegister)(THIS_ _Out_ KSRTAUDIO_HWREGISTER * Register) PURE;
};
typedef IMiniportWaveRTStream *PMINIPORTWAVERTSTREAM;

#define IMP_IMiniportWaveRTStream                                                                  \
    STDMETHODIMP_(NTSTATUS) SetFormat(_In_ PKSDATAFORMAT DataFormat);                              \
    STDMETHODIMP_(NTSTATUS) SetState(_In_ KSSTATE State);                                          \
    STDMETHODIMP_(NTSTATUS) GetPosition(_Out_ PKSAUDIO_POSITION Position);                         \
    STDMETHODIMP_(NTSTATUS)                                                                        \
    AllocateAudioBuffer(_In_ ULONG RequestedSize, _Out_ PMDL *AudioBufferMdl,                      \
                        _Out_ ULONG *ActualSize, _Out_ ULONG *OffsetFromFirstPage,                 \
                        _Out_ MEMORY_CACHING_TYPE *CacheType);                                     \
    STDMETHODIMP_(VOID) FreeAudioBuffer(_In_opt_ PMDL AudioBufferMdl, _In_ ULONG BufferSize);      \
    STDMETHODIMP_(VOID) GetHWLatency(_Out_ KSRTAUDIO_HWLATENCY *hwLatency);                        \
    STDMETHODIMP_(NTSTATUS) GetPositionRegister(_Out_ KSRTAUDIO_HWREGISTER *Register);             \
    STDMETHODIMP_(NTSTATUS) GetClockRegister(_Out_ KSRTAUDIO_HWREGISTER *Register)

#undef INTERFACE
#define INTERFACE IMiniportWaveRTStreamNotification
/* A WaveRT stream that signals an event each time the hardware finishes a buffer part. */
DECLARE_INTERFACE_(IMiniportWaveRTStreamNotification, IMiniportWaveRTStream)
{
    STDMETHOD_(NTSTATUS, AllocateBufferWithNotification)
    (THIS_ _In_ ULONG NotificationCount, _In_ ULONG RequestedSize, _Out_ PMDL * AudioBufferMdl,
     _Out_ ULONG * ActualSize, _Out_ ULONG * OffsetFromFirstPage,
     _Out_ MEMORY_CACHING_TYPE * CacheType) PURE;
    STDMETHOD_(VOID, FreeBufferWithNotification)
    (THIS_ _In_ PMDL AudioBufferMdl, _In_ ULONG BufferSize) PURE;
    STDMETHOD_(NTSTATUS, RegisterNotificationEvent)(THIS_ _In_ PKEVENT NotificationEvent) PURE;
    STDMETHOD_(NTSTATUS, UnregisterNotificationEvent)(THIS_ _In_ PKEVENT NotificationEvent) PURE;
};
typedef IMiniportWaveRTStreamNotification *PMINIPORTWAVERTSTREAMNOTIFICATION;

/* The notification methods only: a class implementing both interfaces also uses
 * IMP_IMiniportWaveRTStream. */
#define IMP_IMiniportWaveRTStreamNotification                                                      \
    STDMETHODIMP_(NTSTATUS)                                                                        \
    AllocateBufferWithNotification(_In_ ULONG NotificationCount, _In_ ULONG RequestedSize,         \
                                   _Out_ PMDL *AudioBufferMdl, _Out_ ULONG *ActualSize,            \
                                   _Out_ ULONG *OffsetFromFirstPage,                               \
                                   _Out_ MEMORY_CACHING_TYPE *CacheType);                          \
    STDMETHODIMP_(VOID)                                                                            \
    FreeBufferWithNotification(_In_ PMDL AudioBufferMdl, _In_ ULONG BufferSize);                   \
    STDMETHODIMP_(NTSTATUS) RegisterNotificationEvent(_In_ PKEVENT NotificationEvent);             \
    STDMETHODIMP_(NTSTATUS) UnregisterNotificationEvent(_In_ PKEVENT NotificationEvent)

#undef INTERFACE
#define INTERFACE IMiniportWaveRTInputStream
/* Packet-mode capture. */
DECLARE_INTERFACE_(IMiniportWaveRTInputStream, IUnknown)
{
    STDMETHOD_(NTSTATUS, GetReadPacket)
    (THIS_ _Out_ ULONG * PacketNumber, _Out_ DWORD * Flags, _Out_ ULONG64 * PerformanceCounterValue,
     _Out_ BOOL * MoreData) PURE;
};
typedef IMiniportWaveRTInputStream *PMINIPORTWAVERTINPUTSTREAM;

#define IMP_IMiniportWaveRTInputStream                                                             \
    STDMETHODIMP_(NTSTATUS)                                                                        \
    GetReadPacket(_Out_ ULONG *PacketNumber, _Out_ DWORD *Flags,                                   \
                  _Out_ ULONG64 *PerformanceCounterValue, _Out_ BOOL *MoreData)

#undef INTERFACE
#define INTERFACE IMiniportWaveRTOutputStream
/* Packet-mode render. */
DECLARE_INTERFACE_(IMiniportWaveRTOutputStream, IUnknown)
{
    STDMETHOD_(NTSTATUS, SetWritePacket)
    (THIS_ _In_ ULONG PacketNumber, _In_ DWORD Flags, _In_ ULONG EosPacketLength) PURE;
    STDMETHOD_(NTSTATUS, GetOutputStreamPresentationPosition)
    (THIS_ _Out_ KSAUDIO_PRESENTATION_POSITION * pPresentationPosition) PURE;
    STDMETHOD_(NTSTATUS, GetPacketCount)(THIS_ _Out_ ULONG * pPacketCount) PURE;
};
typedef IMiniportWaveRTOutputStream *PMINIPORTWAVERTOUTPUTSTREAM;

#define IMP_IMiniportWaveRTOutputStream                                                            \
    STDMETHODIMP_(NTSTATUS)                                                                        \
    SetWritePacket(_In_ ULONG PacketNumber, _In_ DWORD Flags, _In_ ULONG EosPacketLength);         \
    STDMETHODIMP_(NTSTATUS)                                                                        \
    GetOutputStreamPresentationPosition(                                                           \
        _Out_ KSAUDIO_PRESENTATION_POSITION *pPresentationPosition);                               \
    STDMETHODIMP_(NTSTATUS) GetPacketCount(_Out_ ULONG *pPacketCount)

#undef INTERFACE
#define INTERFACE IMiniportWaveRT
DECLARE_INTERFACE_(IMiniportWaveRT, IMiniport)
{
    STDMETHOD_(NTSTATUS, Init)
    (THIS_ _In_ PUNKNOWN UnknownAdapter, _In_ PRESOURCELIST ResourceList, _In_ PPORTWAVERT Port)
        PURE;
    STDMETHOD_(NTSTATUS, NewStream)
    (THIS_ _Out_ PMINIPORTWAVERTSTREAM * Stream, _In_ PPORTWAVERTSTREAM PortStream, _In_ ULONG Pin,
     _In_ BOOLEAN Capture, _In_ PKSDATAFORMAT DataFormat) PURE;
    STDMETHOD_(NTSTATUS, GetDeviceDescription)
    (THIS_ _Out_ PDEVICE_DESCRIPTION DeviceDescription) PURE;
};
typedef IMiniportWaveRT *PMINIPORTWAVERT;

#define IMP_IMiniportWaveRT                                                                        \
    IMP_IMiniport;                                                                                 \
    STDMETHODIMP_(NTSTATUS)                                                                        \
    Init(_In_ PUNKNOWN UnknownAdapter, _In_ PRESOURCELIST ResourceList, _In_ PPORTWAVERT Port);    \
    STDMETHODIMP_(NTSTATUS)                                                                        \
    NewStream(_Out_ PMINIPORTWAVERTSTREAM *Stream, _In_ PPORTWAVERTSTREAM PortStream,              \
              _In_ ULONG Pin, _In_ BOOLEAN Capture, _In_ PKSDATAFORMAT DataFormat);                \
    STDMETHODIMP_(NTSTATUS) GetDeviceDescription(_Out_ PDEVICE_DESCRIPTION DeviceDescription)

#undef INTERFACE
#define INTERFACE IMiniportAudioSignalProcessing
/* The signal processing modes a pin supports. */
DECLARE_INTERFACE_(IMiniportAudioSignalProcessing, IUnknown)
{
    STDMETHOD_(NTSTATUS, GetModes)
    (THIS_ _In_ ULONG Pin, _Out_writes_opt_(*NumSignalProcessingModes) GUID * SignalProcessingMode,
     _Inout_ ULONG * NumSignalProcessingModes) PURE;
};
typedef IMiniportAudioSignalProcessing *PMINIPORTAudioSignalProcessing;

#define IMP_IMiniportAudioSignalProcessing                                                         \
    STDMETHODIMP_(NTSTATUS)                                                                        \
    GetModes(_In_ ULONG Pin,                                                                       \
             _Out_writes_opt_(*NumSignalProcessingModes) GUID *SignalProcessingMode,               \
             _Inout_ ULONG *NumSignalProcessingModes)

#undef INTERFACE
#define INTERFACE IPortEvents
/* Events a miniport raises through its port (KS event entries the port keeps). */
DECLARE_INTERFACE_(IPortEvents, IUnknown)
{
    STDMETHOD_(void, AddEventToEventList)(THIS_ _In_ PKSEVENT_ENTRY EventEntry) PURE;
    STDMETHOD_(void, GenerateEventList)
    (THIS_ _In_opt_ GUID * Set, _In_ ULONG EventId, _In_ BOOL PinEvent, _In_ ULONG PinId,
     _In_ BOOL NodeEvent, _In_ ULONG NodeId) PURE;
};
typedef IPortEvents *PPORTEVENTS;

#undef INTERFACE
#define INTERFACE IUnregisterSubdevice
DECLARE_INTERFACE_(IUnregisterSubdevice, IUnknown)
{
    STDMETHOD_(NTSTATUS, UnregisterSubdevice)
    (THIS_ _In_ PDEVICE_OBJECT DeviceObject, _In_ PUNKNOWN Unknown) PURE;
};
typedef IUnregisterSubdevice *PUNREGISTERSUBDEVICE;

#undef INTERFACE
#define INTERFACE IUnregisterPhysicalConnection
DECLARE_INTERFACE_(IUnregisterPhysicalConnection, IUnknown)
{
    STDMETHOD_(NTSTATUS, UnregisterPhysicalConnection)
    (THIS_ _In_ PDEVICE_OBJECT DeviceObject, _In_ PUNKNOWN FromUnknown, _In_ ULONG FromPin,
     _In_ PUNKNOWN ToUnknown, _In_ ULONG ToPin) PURE;
    STDMETHOD_(NTSTATUS, UnregisterPhysicalConnectionToExternal)
    (THIS_ _In_ PDEVICE_OBJECT DeviceObject, _In_ PUNKNOWN FromUnknown, _In_ ULONG FromPin,
     _In_ PUNICODE_STRING ToString, _In_ ULONG ToPin) PURE;
    STDMETHOD_(NTSTATUS, UnregisterPhysicalConnectionFromExternal)
    (THIS_ _In_ PDEVICE_OBJECT DeviceObject, _In_ PUNICODE_STRING FromString, _In_ ULONG FromPin,
     _In_ PUNKNOWN ToUnknown, _In_ ULONG ToPin) PURE;
};
typedef IUnregisterPhysicalConnection *PUNREGISTERPHYSICALCONNECTION;

#undef INTERFACE
#define INTERFACE IAdapterPowerManagement
/* The adapter's power handling, registered with PcRegisterAdapterPowerManagement. */
DECLARE_INTERFACE_(IAdapterPowerManagement, IUnknown)
{
    STDMETHOD_(void, PowerChangeState)(THIS_ _In_ POWER_STATE NewState) PURE;
    STDMETHOD_(NTSTATUS, QueryPowerChangeState)(THIS_ _In_ POWER_STATE NewStateQuery) PURE;
    STDMETHOD_(NTSTATUS, QueryDeviceCapabilities)
    (THIS_ _Inout_updates_bytes_(sizeof(DEVICE_CAPABILITIES)) PDEVICE_CAPABILITIES PowerDeviceCaps)
        PURE;
};
typedef IAdapterPowerManagement *PADAPTERPOWERMANAGEMENT;

#define IMP_IAdapterPowerManagement                                                                \
    STDMETHODIMP_(void) PowerChangeState(_In_ POWER_STATE NewState);                               \
    STDMETHODIMP_(NTSTATUS) QueryPowerChangeState(_In_ POWER_STATE NewStateQuery);                 \
    STDMETHODIMP_(NTSTATUS)                                                                        \
    QueryDeviceCapabilities(_Inout_updates_bytes_(sizeof(DEVICE_CAPABILITIES))                     \
                                PDEVICE_CAPABILITIES PowerDeviceCaps)

#undef INTERFACE
#define INTERFACE IPowerNotify
DECLARE_INTERFACE_(IPowerNotify, IUnknown)
{
    STDMETHOD_(void, PowerChangeNotify)(THIS_ _In_ POWER_STATE PowerState) PURE;
};
typedef IPowerNotify *PPOWERNOTIFY;

#define IMP_IPowerNotify STDMETHODIMP_(void) PowerChangeNotify(_In_ POWER_STATE PowerState)

#undef INTERFACE
#define INTERFACE IPortClsPower
DECLARE_INTERFACE_(IPortClsPower, IUnknown)
{
    STDMETHOD_(NTSTATUS, RegisterAdapterPowerManagement)
    (THIS_ _In_ PUNKNOWN pUnknown, _In_ PDEVICE_OBJECT DeviceObject) PURE;
    STDMETHOD_(NTSTATUS, UnregisterAdapterPowerManagement)
    (THIS_ _In_ PDEVICE_OBJECT DeviceObject) PURE;
    STDMETHOD_(NTSTATUS, SetIdlePowerManagement)
    (THIS_ _In_ PDEVICE_OBJECT DeviceObject, _In_ BOOLEAN bEnabled) PURE;
};
typedef IPortClsPower *PPORTCLSPOWER;

#undef INTERFACE
#define INTERFACE IPortClsRuntimePower
DECLARE_INTERFACE_(IPortClsRuntimePower, IUnknown)
{
    STDMETHOD_(NTSTATUS, RegisterPowerControlCallback)
    (THIS_ _In_ PDEVICE_OBJECT DeviceObject, _In_ PCPFNRUNTIME_POWER_CONTROL_CALLBACK Callback,
     _In_opt_ PVOID Context) PURE;
    STDMETHOD_(NTSTATUS, UnregisterPowerControlCallback)
    (THIS_ _In_ PDEVICE_OBJECT DeviceObject) PURE;
    STDMETHOD_(NTSTATUS, SendPowerControl)
    (THIS_ _In_ PDEVICE_OBJECT DeviceObject, _In_ LPCGUID PowerControlCode, _In_opt_ PVOID InBuffer,
     _In_ SIZE_T InBufferSize, _Out_writes_bytes_opt_(OutBufferSize) PVOID OutBuffer,
     _In_ SIZE_T OutBufferSize, _Out_opt_ PSIZE_T BytesReturned) PURE;
};
typedef IPortClsRuntimePower *PPORTCLSRUNTIMEPOWER;

#undef INTERFACE
#define INTERFACE IPortClsEtwHelper
DECLARE_INTERFACE_(IPortClsEtwHelper, IUnknown)
{
    STDMETHOD_(NTSTATUS, MiniportWriteEtwEvent)
    (THIS_ _In_ EPcMiniportEngineEvent miniportEventType, _In_ ULONGLONG ullData1,
     _In_ ULONGLONG ullData2, _In_ ULONGLONG ullData3, _In_ ULONGLONG ullData4) PURE;
};
typedef IPortClsEtwHelper *PPORTCLSETWHELPER;

#undef INTERFACE
#define INTERFACE IPortClsStreamResourceManager
DECLARE_INTERFACE_(IPortClsStreamResourceManager, IUnknown)
{
    STDMETHOD_(NTSTATUS, AddStreamResource)
    (THIS_ _In_opt_ PVOID ResourceSet, _In_ PPCSTREAMRESOURCE_DESCRIPTOR ResourceDescriptor,
     _Out_ PCSTREAMRESOURCE * ResourceHandle) PURE;
    STDMETHOD_(NTSTATUS, RemoveStreamResource)(THIS_ _In_ PCSTREAMRESOURCE ResourceHandle) PURE;
};
typedef IPortClsStreamResourceManager *PPORTCLSStreamResourceManager;

#undef INTERFACE
#define INTERFACE IPortClsStreamResourceManager2
DECLARE_INTERFACE_(IPortClsStreamResourceManager2, IPortClsStreamResourceManager)
{
    STDMETHOD_(NTSTATUS, AddStreamResource2)
    (THIS_ _In_ PDEVICE_OBJECT PhysicalDeviceObject, _In_opt_ PVOID ResourceSet,
     _In_ PPCSTREAMRESOURCE_DESCRIPTOR ResourceDescriptor, _Out_ PCSTREAMRESOURCE * ResourceHandle)
        PURE;
};
typedef IPortClsStreamResourceManager2 *PPORTCLSStreamResourceManager2;

#undef INTERFACE
#define INTERFACE IDrmPort
/* The port's DRM functions for a miniport that handles protected content. */
DECLARE_INTERFACE_(IDrmPort, IUnknown)
{
    STDMETHOD_(NTSTATUS, CreateContentMixed)
    (THIS_ _In_ PULONG paContentId, _In_ ULONG cContentId, _Out_ PULONG pMixedContentId) PURE;
    STDMETHOD_(NTSTATUS, DestroyContent)(THIS_ _In_ ULONG ContentId) PURE;
    STDMETHOD_(NTSTATUS, ForwardContentToFileObject)
    (THIS_ _In_ ULONG ContentId, _In_ PFILE_OBJECT FileObject) PURE;
    STDMETHOD_(NTSTATUS, ForwardContentToInterface)
    (THIS_ _In_ ULONG ContentId, _In_ PUNKNOWN pUnknown, _In_ ULONG NumMethods) PURE;
    STDMETHOD_(NTSTATUS, GetContentRights)
    (THIS_ _In_ ULONG ContentId, _Out_ PDRMRIGHTS DrmRights) PURE;
};
typedef IDrmPort *PDRMPORT;

#undef INTERFACE
#define INTERFACE IDrmPort2
DECLARE_INTERFACE_(IDrmPort2, IDrmPort)
{
    STDMETHOD_(NTSTATUS, AddContentHandlers)
    (THIS_ _In_ ULONG ContentId, _In_ PVOID * paHandlers, _In_ ULONG NumHandlers) PURE;
    STDMETHOD_(NTSTATUS, ForwardContentToDeviceObject)
    (THIS_ _In_ ULONG ContentId, _In_opt_ PVOID Reserved, _In_ PCDRMFORWARD DrmForward) PURE;
};
typedef IDrmPort2 *PDRMPORT2;
#undef INTERFACE

/* Audio module notifications (session 12): the port allocates, sends and frees the buffer a
 * miniport fills with a KSAUDIOMODULE_NOTIFICATION and its payload. Method order and types as
 * the interface's reference pages list them. */
#define INTERFACE IPortClsNotifications
DECLARE_INTERFACE_(IPortClsNotifications, IUnknown)
{
    STDMETHOD_(NTSTATUS, AllocNotificationBuffer)
    (THIS_ _In_ POOL_TYPE PoolType, _In_ USHORT NumberOfBytes,
     _Out_ PPCNOTIFICATION_BUFFER * NotificationBuffer) PURE;
    STDMETHOD_(void, FreeNotificationBuffer)
    (THIS_ _In_ PPCNOTIFICATION_BUFFER NotificationBuffer) PURE;
    STDMETHOD_(void, SendNotification)
    (THIS_ _In_ const GUID *NotificationId, _In_ PPCNOTIFICATION_BUFFER NotificationBuffer) PURE;
};
typedef IPortClsNotifications *PPORTCLSNOTIFICATIONS;
#undef INTERFACE

/* The hardware audio engine (offload) node of a WaveRT miniport, reached through a filter handle
 * (IMiniportAudioEngineNode) or a pin instance (IMiniportStreamAudioEngineNode and its
 * WinBlue extension IMiniportStreamAudioEngineNode2, which the page derives from IUnknown, not
 * from the first). Signatures as each method's page gives them; the vtable order is not
 * documented: the methods are in the order of the interfaces' method lists (alphabetical), as
 * for IPortClsNotifications. drvhost has no port that would call them. */
#define INTERFACE IMiniportAudioEngineNode
DECLARE_INTERFACE_(IMiniportAudioEngineNode, IUnknown)
{
    STDMETHOD_(NTSTATUS, GetAudioEngineDescriptor)
    (THIS_ _In_ ULONG ulNodeId, _Out_ KSAUDIOENGINE_DESCRIPTOR * pAudioEngineDescriptor) PURE;
    STDMETHOD_(NTSTATUS, GetBufferSizeRange)
    (THIS_ _In_ ULONG ulNodeId, _In_ KSDATAFORMAT_WAVEFORMATEX * pKsDataFormatWfx,
     _Out_ KSAUDIOENGINE_BUFFER_SIZE_RANGE * pBufferSizeRange) PURE;
    STDMETHOD_(NTSTATUS, GetDeviceAttributeSteppings)
    (THIS_ _In_ ULONG ulNodeId, _In_ eChannelTargetType targetType,
     _Out_ PKSPROPERTY_STEPPING_LONG pKsPropStepLong, _In_ UINT32 ui32DataSize) PURE;
    STDMETHOD_(NTSTATUS, GetDeviceChannelCount)
    (THIS_ _In_ ULONG ulNodeId, _In_ eChannelTargetType targetType, _Out_ UINT32 * pulChannelCount)
        PURE;
    STDMETHOD_(NTSTATUS, GetDeviceChannelMute)
    (THIS_ _In_ ULONG ulNodeId, _In_ UINT32 ulChannel, _Out_ BOOL * pbMute) PURE;
    STDMETHOD_(NTSTATUS, GetDeviceChannelPeakMeter)
    (THIS_ _In_ ULONG ulNodeId, _In_ UINT32 ulChannel, _Out_ LONG * plPeakMeter) PURE;
    STDMETHOD_(NTSTATUS, GetDeviceChannelVolume)
    (THIS_ _In_ ULONG ulNodeId, _In_ UINT32 ulChannel, _Out_ LONG * plVolume) PURE;
    STDMETHOD_(NTSTATUS, GetDeviceFormat)
    (THIS_ _In_ ULONG ulNodeId, _Out_ KSDATAFORMAT_WAVEFORMATEX * pFormat, _In_ ULONG ulBufferSize)
        PURE;
    STDMETHOD_(NTSTATUS, GetEngineFormatSize)
    (THIS_ _In_ ULONG ulNodeId, _In_ eEngineFormatType formatType, _Out_ ULONG * pulFormatSize)
        PURE;
    STDMETHOD_(NTSTATUS, GetGfxState)(THIS_ _In_ ULONG ulNodeId, _Out_ BOOL * pbEnable) PURE;
    STDMETHOD_(NTSTATUS, GetMixFormat)
    (THIS_ _In_ ULONG ulNodeId, _Out_ KSDATAFORMAT_WAVEFORMATEX * pFormat, _In_ ULONG ulBufferSize)
        PURE;
    STDMETHOD_(NTSTATUS, GetSupportedDeviceFormats)
    (THIS_ _In_ ULONG ulNodeId, _Out_ KSMULTIPLE_ITEM * pFormats, _In_ ULONG ulBufferSize) PURE;
    STDMETHOD_(NTSTATUS, SetDeviceChannelMute)
    (THIS_ _In_ ULONG ulNodeId, _In_ UINT32 ulChannel, _In_ BOOL bMute) PURE;
    STDMETHOD_(NTSTATUS, SetDeviceChannelVolume)
    (THIS_ _In_ ULONG ulNodeId, _In_ UINT32 ulChannel, _In_ LONG lVolume) PURE;
    STDMETHOD_(NTSTATUS, SetDeviceFormat)
    (THIS_ _In_ ULONG ulNodeId, _In_ KSDATAFORMAT_WAVEFORMATEX * pFormat, _In_ ULONG ulBufferSize)
        PURE;
    STDMETHOD_(NTSTATUS, SetGfxState)(THIS_ _In_ ULONG ulNodeId, _In_ BOOL bEnable) PURE;
};
#undef INTERFACE

#define IMP_IMiniportAudioEngineNode                                                               \
    STDMETHODIMP_(NTSTATUS)                                                                        \
    GetAudioEngineDescriptor(_In_ ULONG ulNodeId,                                                  \
                             _Out_ KSAUDIOENGINE_DESCRIPTOR *pAudioEngineDescriptor);              \
    STDMETHODIMP_(NTSTATUS)                                                                        \
    GetBufferSizeRange(_In_ ULONG ulNodeId, _In_ KSDATAFORMAT_WAVEFORMATEX *pKsDataFormatWfx,      \
                       _Out_ KSAUDIOENGINE_BUFFER_SIZE_RANGE *pBufferSizeRange);                   \
    STDMETHODIMP_(NTSTATUS)                                                                        \
    GetDeviceAttributeSteppings(_In_ ULONG ulNodeId, _In_ eChannelTargetType targetType,           \
                                _Out_ PKSPROPERTY_STEPPING_LONG pKsPropStepLong,                   \
                                _In_ UINT32 ui32DataSize);                                         \
    STDMETHODIMP_(NTSTATUS)                                                                        \
    GetDeviceChannelCount(_In_ ULONG ulNodeId, _In_ eChannelTargetType targetType,                 \
                          _Out_ UINT32 *pulChannelCount);                                          \
    STDMETHODIMP_(NTSTATUS)                                                                        \
    GetDeviceChannelMute(_In_ ULONG ulNodeId, _In_ UINT32 ulChannel, _Out_ BOOL *pbMute);          \
    STDMETHODIMP_(NTSTATUS)                                                                        \
    GetDeviceChannelPeakMeter(_In_ ULONG ulNodeId, _In_ UINT32 ulChannel,                          \
                              _Out_ LONG *plPeakMeter);                                            \
    STDMETHODIMP_(NTSTATUS)                                                                        \
    GetDeviceChannelVolume(_In_ ULONG ulNodeId, _In_ UINT32 ulChannel, _Out_ LONG *plVolume);      \
    STDMETHODIMP_(NTSTATUS)                                                                        \
    GetDeviceFormat(_In_ ULONG ulNodeId, _Out_ KSDATAFORMAT_WAVEFORMATEX *pFormat,                 \
                    _In_ ULONG ulBufferSize);                                                      \
    STDMETHODIMP_(NTSTATUS)                                                                        \
    GetEngineFormatSize(_In_ ULONG ulNodeId, _In_ eEngineFormatType formatType,                    \
                        _Out_ ULONG *pulFormatSize);                                               \
    STDMETHODIMP_(NTSTATUS) GetGfxState(_In_ ULONG ulNodeId, _Out_ BOOL *pbEnable);                \
    STDMETHODIMP_(NTSTATUS)                                                                        \
    GetMixFormat(_In_ ULONG ulNodeId, _Out_ KSDATAFORMAT_WAVEFORMATEX *pFormat,                    \
                 _In_ ULONG ulBufferSize);                                                         \
    STDMETHODIMP_(NTSTATUS)                                                                        \
    GetSupportedDeviceFormats(_In_ ULONG ulNodeId, _Out_ KSMULTIPLE_ITEM *pFormats,                \
                              _In_ ULONG ulBufferSize);                                            \
    STDMETHODIMP_(NTSTATUS)                                                                        \
    SetDeviceChannelMute(_In_ ULONG ulNodeId, _In_ UINT32 ulChannel, _In_ BOOL bMute);             \
    STDMETHODIMP_(NTSTATUS)                                                                        \
    SetDeviceChannelVolume(_In_ ULONG ulNodeId, _In_ UINT32 ulChannel, _In_ LONG lVolume);         \
    STDMETHODIMP_(NTSTATUS)                                                                        \
    SetDeviceFormat(_In_ ULONG ulNodeId, _In_ KSDATAFORMAT_WAVEFORMATEX *pFormat,                  \
                    _In_ ULONG ulBufferSize);                                                      \
    STDMETHODIMP_(NTSTATUS) SetGfxState(_In_ ULONG ulNodeId, _In_ BOOL bEnable)

#define INTERFACE IMiniportStreamAudioEngineNode
DECLARE_INTERFACE_(IMiniportStreamAudioEngineNode, IUnknown)
{
    STDMETHOD_(NTSTATUS, GetLfxState)(THIS_ _Out_ BOOL * pbEnable) PURE;
    STDMETHOD_(NTSTATUS, GetStreamAttributeSteppings)
    (THIS_ _In_ eChannelTargetType targetType, _Out_ PKSPROPERTY_STEPPING_LONG pKsPropStepLong,
     _In_ UINT32 ui32DataSize) PURE;
    STDMETHOD_(NTSTATUS, GetStreamChannelCount)
    (THIS_ _In_ eChannelTargetType targetType, _Out_ UINT32 * pulChannelCount) PURE;
    STDMETHOD_(NTSTATUS, GetStreamChannelMute)
    (THIS_ _In_ UINT32 ulChannel, _Out_ BOOL * pbMute) PURE;
    STDMETHOD_(NTSTATUS, GetStreamChannelPeakMeter)
    (THIS_ _In_ UINT32 ulChannel, _Out_ LONG * plPeakMeter) PURE;
    STDMETHOD_(NTSTATUS, GetStreamChannelVolume)
    (THIS_ _In_ UINT32 ulChannel, _Out_ LONG * plValue) PURE;
    STDMETHOD_(NTSTATUS, GetStreamLinearBufferPosition)
    (THIS_ _Out_ ULONGLONG * pullLinearBufferPosition) PURE;
    STDMETHOD_(NTSTATUS, GetStreamPresentationPosition)
    (THIS_ _Out_ KSAUDIO_PRESENTATION_POSITION * pPresentationPosition) PURE;
    STDMETHOD_(NTSTATUS, SetLfxState)(THIS_ _In_ BOOL bEnable) PURE;
    STDMETHOD_(NTSTATUS, SetStreamChannelMute)(THIS_ _In_ UINT32 ulChannel, _In_ BOOL bMute) PURE;
    STDMETHOD_(NTSTATUS, SetStreamChannelVolume)
    (THIS_ _In_ UINT32 Channel, _In_ LONG TargetVolume, _In_ AUDIO_CURVE_TYPE CurveType,
     _In_ ULONGLONG CurveDuration) PURE;
    STDMETHOD_(NTSTATUS, SetStreamCurrentWritePosition)
    (THIS_ _In_ ULONG ulCurrentWritePosition) PURE;
    STDMETHOD_(NTSTATUS, SetStreamLoopbackProtection)
    (THIS_ _In_ CONSTRICTOR_OPTION ProtectionOption) PURE;
};
#undef INTERFACE

#define IMP_IMiniportStreamAudioEngineNode                                                         \
    STDMETHODIMP_(NTSTATUS) GetLfxState(_Out_ BOOL *pbEnable);                                     \
    STDMETHODIMP_(NTSTATUS)                                                                        \
    GetStreamAttributeSteppings(_In_ eChannelTargetType targetType,                                \
                                _Out_ PKSPROPERTY_STEPPING_LONG pKsPropStepLong,                   \
                                _In_ UINT32 ui32DataSize);                                         \
    STDMETHODIMP_(NTSTATUS)                                                                        \
    GetStreamChannelCount(_In_ eChannelTargetType targetType, _Out_ UINT32 *pulChannelCount);      \
    STDMETHODIMP_(NTSTATUS) GetStreamChannelMute(_In_ UINT32 ulChannel, _Out_ BOOL *pbMute);       \
    STDMETHODIMP_(NTSTATUS)                                                                        \
    GetStreamChannelPeakMeter(_In_ UINT32 ulChannel, _Out_ LONG *plPeakMeter);                     \
    STDMETHODIMP_(NTSTATUS) GetStreamChannelVolume(_In_ UINT32 ulChannel, _Out_ LONG *plValue);    \
    STDMETHODIMP_(NTSTATUS)                                                                        \
    GetStreamLinearBufferPosition(_Out_ ULONGLONG *pullLinearBufferPosition);                      \
    STDMETHODIMP_(NTSTATUS)                                                                        \
    GetStreamPresentationPosition(_Out_ KSAUDIO_PRESENTATION_POSITION *pPresentationPosition);     \
    STDMETHODIMP_(NTSTATUS) SetLfxState(_In_ BOOL bEnable);                                        \
    STDMETHODIMP_(NTSTATUS) SetStreamChannelMute(_In_ UINT32 ulChannel, _In_ BOOL bMute);          \
    STDMETHODIMP_(NTSTATUS)                                                                        \
    SetStreamChannelVolume(_In_ UINT32 Channel, _In_ LONG TargetVolume,                            \
                           _In_ AUDIO_CURVE_TYPE CurveType, _In_ ULONGLONG CurveDuration);         \
    STDMETHODIMP_(NTSTATUS) SetStreamCurrentWritePosition(_In_ ULONG ulCurrentWritePosition);      \
    STDMETHODIMP_(NTSTATUS)                                                                        \
    SetStreamLoopbackProtection(_In_ CONSTRICTOR_OPTION ProtectionOption)

#define INTERFACE IMiniportStreamAudioEngineNode2
DECLARE_INTERFACE_(IMiniportStreamAudioEngineNode2, IUnknown)
{
    STDMETHOD_(NTSTATUS, SetStreamCurrentWritePositionForLastBuffer)
    (THIS_ _In_ ULONG ulWritePosition) PURE;
};
#undef INTERFACE

#define IMP_IMiniportStreamAudioEngineNode2                                                        \
    STDMETHODIMP_(NTSTATUS) SetStreamCurrentWritePositionForLastBuffer(_In_ ULONG ulWritePosition)

} /* extern "C++" */
#else
typedef struct IResourceList IResourceList, *PRESOURCELIST;
typedef struct IServiceSink IServiceSink, *PSERVICESINK;
typedef struct IServiceGroup IServiceGroup, *PSERVICEGROUP;
typedef struct IPort IPort, *PPORT;
typedef struct IMiniport IMiniport, *PMINIPORT;
typedef struct IPortTopology IPortTopology, *PPORTTOPOLOGY;
typedef struct IMiniportTopology IMiniportTopology, *PMINIPORTTOPOLOGY;
typedef struct IPortWaveRT IPortWaveRT, *PPORTWAVERT;
typedef struct IPortWaveRTStream IPortWaveRTStream, *PPORTWAVERTSTREAM;
typedef struct IMiniportWaveRT IMiniportWaveRT, *PMINIPORTWAVERT;
typedef struct IMiniportWaveRTStream IMiniportWaveRTStream, *PMINIPORTWAVERTSTREAM;
typedef struct IPortEvents IPortEvents, *PPORTEVENTS;
typedef struct IDrmPort IDrmPort, *PDRMPORT;
typedef struct IPortClsNotifications IPortClsNotifications, *PPORTCLSNOTIFICATIONS;
typedef struct IMiniportAudioEngineNode IMiniportAudioEngineNode;
typedef struct IMiniportStreamAudioEngineNode IMiniportStreamAudioEngineNode;
typedef struct IMiniportStreamAudioEngineNode2 IMiniportStreamAudioEngineNode2;
#endif /* __cplusplus */

#endif /* _PORTCLS_H_ */
