/* audio_miniport.cpp - a port-class audio adapter driver in the WDK samples' style, compiled by
 * check_audio_not_provided.sh as C++ with the kernel C++ profile: a WaveRT miniport and its
 * stream derived from CUnknown (stdunk.h) and implementing the portcls.h interfaces through the
 * IMP_ macros, DECLARE_STD_UNKNOWN, QueryInterface with C++ GUID references
 * (IsEqualGUIDAligned, IsEqualGUID, ==), a filter descriptor, objects allocated with the
 * stdunk.h pool operator new, and DriverEntry handing the driver to PortCls. It compiles;
 * drvhost refuses to load it, naming PcInitializeAdapterDriver and the stdunk.lib members. */
#include <initguid.h>
#include <portcls.h>
#include <stdunk.h>
#include <ksdebug.h>

#define STR_MODULENAME "audio_miniport: "

class CStream : public IMiniportWaveRTStreamNotification, public IDrmAudioStream, public CUnknown {
  public:
    DECLARE_STD_UNKNOWN();
    DEFINE_STD_CONSTRUCTOR(CStream);
    ~CStream()
    {}
    IMP_IMiniportWaveRTStream;
    IMP_IMiniportWaveRTStreamNotification;
    IMP_IDrmAudioStream;
    KSSTATE m_State;
};

class CMiniport : public IMiniportWaveRT,
                  public IMiniportAudioSignalProcessing,
                  public IAdapterPowerManagement,
                  public CUnknown {
  public:
    DECLARE_STD_UNKNOWN();
    CMiniport(PUNKNOWN Outer) : CUnknown(Outer), m_Port(NULL)
    {}
    ~CMiniport()
    {}
    IMP_IMiniportWaveRT;
    IMP_IMiniportAudioSignalProcessing;
    IMP_IAdapterPowerManagement;
    PPORTWAVERT m_Port;
};

static KSDATARANGE_AUDIO g_Range = {{{sizeof(KSDATARANGE_AUDIO),
                                      0,
                                      0,
                                      0,
                                      {STATICGUIDOF(KSDATAFORMAT_TYPE_AUDIO)},
                                      {STATICGUIDOF(KSDATAFORMAT_SUBTYPE_PCM)},
                                      {STATICGUIDOF(KSDATAFORMAT_SPECIFIER_WAVEFORMATEX)}}},
                                    2,
                                    16,
                                    16,
                                    48000,
                                    48000};
static PKSDATARANGE g_Ranges[] = {PKSDATARANGE(&g_Range)};

static NTSTATUS NTAPI VolumeHandler(PPCPROPERTY_REQUEST Request)
{
    if (IsEqualGUIDAligned(*Request->PropertyItem->Set, KSPROPSETID_Audio) &&
        Request->PropertyItem->Id == KSPROPERTY_AUDIO_VOLUMELEVEL)
        return STATUS_SUCCESS;
    return STATUS_INVALID_DEVICE_REQUEST;
}
static PCPROPERTY_ITEM g_PinProperties[] = {
    {&KSPROPSETID_Audio, KSPROPERTY_AUDIO_VOLUMELEVEL,
     PCPROPERTY_ITEM_FLAG_GET | PCPROPERTY_ITEM_FLAG_SET | PCPROPERTY_ITEM_FLAG_BASICSUPPORT,
     VolumeHandler}};
DEFINE_PCAUTOMATION_TABLE_PROP(g_PinAutomation, g_PinProperties);

static PCPIN_DESCRIPTOR g_Pins[] = {{1,
                                     1,
                                     0,
                                     &g_PinAutomation,
                                     {0,
                                      NULL,
                                      0,
                                      NULL,
                                      SIZEOF_ARRAY(g_Ranges),
                                      g_Ranges,
                                      KSPIN_DATAFLOW_IN,
                                      KSPIN_COMMUNICATION_SINK,
                                      &KSCATEGORY_AUDIO,
                                      NULL,
                                      {0}}},
                                    {0,
                                     0,
                                     0,
                                     NULL,
                                     {0,
                                      NULL,
                                      0,
                                      NULL,
                                      SIZEOF_ARRAY(g_Ranges),
                                      g_Ranges,
                                      KSPIN_DATAFLOW_OUT,
                                      KSPIN_COMMUNICATION_NONE,
                                      &KSNODETYPE_SPEAKER,
                                      NULL,
                                      {0}}}};
static PCNODE_DESCRIPTOR g_Nodes[] = {{0, NULL, &KSNODETYPE_DAC, NULL}};
static PCCONNECTION_DESCRIPTOR g_Connections[] = {{PCFILTER_NODE, 0, 0, 1},
                                                  {0, 0, PCFILTER_NODE, 1}};
static GUID g_Categories[] = {{STATICGUIDOF(KSCATEGORY_AUDIO)},
                              {STATICGUIDOF(KSCATEGORY_RENDER)},
                              {STATICGUIDOF(KSCATEGORY_REALTIME)}};
static PCFILTER_DESCRIPTOR g_Filter = {0,
                                       NULL,
                                       sizeof(PCPIN_DESCRIPTOR),
                                       SIZEOF_ARRAY(g_Pins),
                                       g_Pins,
                                       sizeof(PCNODE_DESCRIPTOR),
                                       SIZEOF_ARRAY(g_Nodes),
                                       g_Nodes,
                                       SIZEOF_ARRAY(g_Connections),
                                       g_Connections,
                                       SIZEOF_ARRAY(g_Categories),
                                       g_Categories};

STDMETHODIMP_(NTSTATUS) CMiniport::NonDelegatingQueryInterface(REFIID Interface, PVOID *Object)
{
    if (IsEqualGUIDAligned(Interface, IID_IUnknown))
        *Object = PVOID(PUNKNOWN(PMINIPORTWAVERT(this)));
    else if (IsEqualGUIDAligned(Interface, IID_IMiniport) || Interface == IID_IMiniportWaveRT)
        *Object = PVOID(PMINIPORTWAVERT(this));
    else if (IsEqualGUID(Interface, IID_IMiniportAudioSignalProcessing))
        *Object = PVOID(PMINIPORTAudioSignalProcessing(this));
    else if (IsEqualIID(Interface, IID_IAdapterPowerManagement))
        *Object = PVOID(PADAPTERPOWERMANAGEMENT(this));
    else {
        *Object = NULL;
        return STATUS_INVALID_PARAMETER;
    }
    PUNKNOWN(*Object)->AddRef();
    return STATUS_SUCCESS;
}
STDMETHODIMP_(NTSTATUS) CMiniport::GetDescription(PPCFILTER_DESCRIPTOR *Description)
{
    *Description = &g_Filter;
    return STATUS_SUCCESS;
}
STDMETHODIMP_(NTSTATUS)
CMiniport::DataRangeIntersection(ULONG PinId, PKSDATARANGE DataRange,
                                 PKSDATARANGE MatchingDataRange, ULONG OutputBufferLength,
                                 PVOID ResultantFormat, PULONG ResultantFormatLength)
{
    UNREFERENCED_PARAMETER(PinId);
    UNREFERENCED_PARAMETER(MatchingDataRange);
    UNREFERENCED_PARAMETER(ResultantFormat);
    if (!IsEqualGUIDAligned(DataRange->Specifier, KSDATAFORMAT_SPECIFIER_WAVEFORMATEX))
        return STATUS_NO_MATCH;
    *ResultantFormatLength = sizeof(KSDATAFORMAT_WAVEFORMATEXTENSIBLE);
    return OutputBufferLength == 0 ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS;
}
/* An audio module's change notification, as the samples send one through the port's
 * IPortClsNotifications: a buffer from the port holding a KSAUDIOMODULE_NOTIFICATION. */
static void SendModuleNotification(PPORTCLSNOTIFICATIONS Notifications, const GUID *ClassId)
{
    PPCNOTIFICATION_BUFFER buffer = NULL;
    KSAUDIOMODULE_NOTIFICATION header = {};

    header.ProviderId.ClassId = *ClassId;
    header.ProviderId.InstanceId = 1;
    if (!NT_SUCCESS(
            Notifications->AllocNotificationBuffer(NonPagedPoolNx, sizeof(header), &buffer)))
        return;
    RtlCopyMemory(buffer->NotificationBuffer, &header, sizeof(header));
    Notifications->SendNotification(&KSNOTIFICATIONID_AudioModule, buffer);
    Notifications->FreeNotificationBuffer(buffer);
}

STDMETHODIMP_(NTSTATUS)
CMiniport::Init(PUNKNOWN UnknownAdapter, PRESOURCELIST ResourceList, PPORTWAVERT Port)
{
    PPORTCLSNOTIFICATIONS notifications = NULL;

    UNREFERENCED_PARAMETER(UnknownAdapter);
    UNREFERENCED_PARAMETER(ResourceList);
    m_Port = Port;
    m_Port->AddRef();
    if (NT_SUCCESS(Port->QueryInterface(IID_IPortClsNotifications, (PVOID *)&notifications))) {
        SendModuleNotification(notifications, &KSPROPSETID_AudioModule);
        notifications->Release();
    }
    return STATUS_SUCCESS;
}
STDMETHODIMP_(NTSTATUS)
CMiniport::NewStream(PMINIPORTWAVERTSTREAM *Stream, PPORTWAVERTSTREAM PortStream, ULONG Pin,
                     BOOLEAN Capture, PKSDATAFORMAT DataFormat)
{
    UNREFERENCED_PARAMETER(PortStream);
    UNREFERENCED_PARAMETER(Pin);
    UNREFERENCED_PARAMETER(Capture);
    UNREFERENCED_PARAMETER(DataFormat);
    CStream *stream = new (POOL_FLAG_NON_PAGED, 'tsAT') CStream(NULL);
    if (stream == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    stream->m_State = KSSTATE_STOP;
    *Stream = PMINIPORTWAVERTSTREAM(stream);
    (*Stream)->AddRef();
    return STATUS_SUCCESS;
}
STDMETHODIMP_(NTSTATUS) CMiniport::GetDeviceDescription(PDEVICE_DESCRIPTION DeviceDescription)
{
    RtlZeroMemory(DeviceDescription, sizeof(*DeviceDescription));
    DeviceDescription->Master = TRUE;
    return STATUS_SUCCESS;
}
STDMETHODIMP_(NTSTATUS)
CMiniport::GetModes(ULONG Pin, GUID *SignalProcessingMode, ULONG *NumSignalProcessingModes)
{
    UNREFERENCED_PARAMETER(Pin);
    if (SignalProcessingMode != NULL && *NumSignalProcessingModes >= 1)
        *SignalProcessingMode = AUDIO_SIGNALPROCESSINGMODE_RAW;
    *NumSignalProcessingModes = 1;
    return STATUS_SUCCESS;
}
STDMETHODIMP_(void) CMiniport::PowerChangeState(POWER_STATE NewState)
{
    UNREFERENCED_PARAMETER(NewState);
}
STDMETHODIMP_(NTSTATUS) CMiniport::QueryPowerChangeState(POWER_STATE NewStateQuery)
{
    UNREFERENCED_PARAMETER(NewStateQuery);
    return STATUS_SUCCESS;
}
STDMETHODIMP_(NTSTATUS) CMiniport::QueryDeviceCapabilities(PDEVICE_CAPABILITIES PowerDeviceCaps)
{
    UNREFERENCED_PARAMETER(PowerDeviceCaps);
    return STATUS_SUCCESS;
}

STDMETHODIMP_(NTSTATUS) CStream::NonDelegatingQueryInterface(REFIID Interface, PVOID *Object)
{
    if (IsEqualGUIDAligned(Interface, IID_IUnknown) ||
        IsEqualGUIDAligned(Interface, IID_IMiniportWaveRTStream))
        *Object = PVOID(PMINIPORTWAVERTSTREAM(this));
    else if (IsEqualGUIDAligned(Interface, IID_IMiniportWaveRTStreamNotification))
        *Object = PVOID(PMINIPORTWAVERTSTREAMNOTIFICATION(this));
    else if (IsEqualGUIDAligned(Interface, IID_IDrmAudioStream))
        *Object = PVOID(PDRMAUDIOSTREAM(this));
    else {
        *Object = NULL;
        return STATUS_INVALID_PARAMETER;
    }
    PUNKNOWN(PMINIPORTWAVERTSTREAM(this))->AddRef();
    return STATUS_SUCCESS;
}
STDMETHODIMP_(NTSTATUS) CStream::SetFormat(PKSDATAFORMAT DataFormat)
{
    return DataFormat->FormatSize >= sizeof(KSDATAFORMAT) ? STATUS_SUCCESS
                                                          : STATUS_INVALID_PARAMETER;
}
STDMETHODIMP_(NTSTATUS) CStream::SetState(KSSTATE State)
{
    m_State = State;
    return STATUS_SUCCESS;
}
STDMETHODIMP_(NTSTATUS) CStream::GetPosition(PKSAUDIO_POSITION Position)
{
    Position->PlayOffset = Position->WriteOffset = 0;
    return STATUS_SUCCESS;
}
STDMETHODIMP_(NTSTATUS)
CStream::AllocateAudioBuffer(ULONG RequestedSize, PMDL *AudioBufferMdl, ULONG *ActualSize,
                             ULONG *OffsetFromFirstPage, MEMORY_CACHING_TYPE *CacheType)
{
    UNREFERENCED_PARAMETER(RequestedSize);
    *AudioBufferMdl = NULL;
    *ActualSize = *OffsetFromFirstPage = 0;
    *CacheType = MmCached;
    return STATUS_NOT_SUPPORTED;
}
STDMETHODIMP_(VOID) CStream::FreeAudioBuffer(PMDL AudioBufferMdl, ULONG BufferSize)
{
    UNREFERENCED_PARAMETER(AudioBufferMdl);
    UNREFERENCED_PARAMETER(BufferSize);
}
STDMETHODIMP_(VOID) CStream::GetHWLatency(KSRTAUDIO_HWLATENCY *hwLatency)
{
    hwLatency->FifoSize = hwLatency->ChipsetDelay = hwLatency->CodecDelay = 0;
}
STDMETHODIMP_(NTSTATUS) CStream::GetPositionRegister(KSRTAUDIO_HWREGISTER *Register)
{
    UNREFERENCED_PARAMETER(Register);
    return STATUS_NOT_IMPLEMENTED;
}
STDMETHODIMP_(NTSTATUS) CStream::GetClockRegister(KSRTAUDIO_HWREGISTER *Register)
{
    UNREFERENCED_PARAMETER(Register);
    return STATUS_NOT_IMPLEMENTED;
}
STDMETHODIMP_(NTSTATUS)
CStream::AllocateBufferWithNotification(ULONG NotificationCount, ULONG RequestedSize,
                                        PMDL *AudioBufferMdl, ULONG *ActualSize,
                                        ULONG *OffsetFromFirstPage, MEMORY_CACHING_TYPE *CacheType)
{
    UNREFERENCED_PARAMETER(NotificationCount);
    return AllocateAudioBuffer(RequestedSize, AudioBufferMdl, ActualSize, OffsetFromFirstPage,
                               CacheType);
}
STDMETHODIMP_(VOID) CStream::FreeBufferWithNotification(PMDL AudioBufferMdl, ULONG BufferSize)
{
    FreeAudioBuffer(AudioBufferMdl, BufferSize);
}
STDMETHODIMP_(NTSTATUS) CStream::RegisterNotificationEvent(PKEVENT NotificationEvent)
{
    UNREFERENCED_PARAMETER(NotificationEvent);
    return STATUS_SUCCESS;
}
STDMETHODIMP_(NTSTATUS) CStream::UnregisterNotificationEvent(PKEVENT NotificationEvent)
{
    UNREFERENCED_PARAMETER(NotificationEvent);
    return STATUS_SUCCESS;
}
STDMETHODIMP_(NTSTATUS) CStream::SetContentId(ULONG contentId, PCDRMRIGHTS drmRights)
{
    UNREFERENCED_PARAMETER(contentId);
    return drmRights->CopyProtect ? STATUS_NOT_SUPPORTED : STATUS_SUCCESS;
}

static NTSTATUS NTAPI StartDevice(PDEVICE_OBJECT DeviceObject, PIRP Irp, PRESOURCELIST ResourceList)
{
    UNREFERENCED_PARAMETER(Irp);
    UNREFERENCED_PARAMETER(ResourceList);
    CMiniport *miniport = new (POOL_FLAG_NON_PAGED, 'pmAT') CMiniport(NULL);
    if (miniport == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    _DbgPrintF(DEBUGLVL_VERBOSE, ("StartDevice %p", DeviceObject));
    return PcRegisterSubdevice(DeviceObject, (PWSTR)L"Wave", PUNKNOWN(PMINIPORTWAVERT(miniport)));
}

static NTSTATUS NTAPI AddDevice(PDRIVER_OBJECT DriverObject, PDEVICE_OBJECT PhysicalDeviceObject)
{
    return PcAddAdapterDevice(DriverObject, PhysicalDeviceObject, StartDevice, 2, 0);
}

extern "C" DRIVER_INITIALIZE DriverEntry;
extern "C" NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    return PcInitializeAdapterDriver(DriverObject, RegistryPath, AddDevice);
}
