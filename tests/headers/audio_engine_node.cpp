/* audio_engine_node.cpp - linked into audio_miniport.cpp's module by check_audio_not_provided.sh:
 * the hardware audio engine (offload) node of a WaveRT miniport as TabletAudioSample writes it.
 * A filter object implements IMiniportAudioEngineNode and a stream object
 * IMiniportStreamAudioEngineNode and IMiniportStreamAudioEngineNode2, each through its IMP_
 * macro with every method defined: `new` of a class whose IMP_ declarations did not override
 * every pure method of the interface (a signature differing from the interface's) does not
 * compile. QueryInterface names the three interface identifiers (declared, values undocumented),
 * and a Bluetooth HFP client (bthhfpddi.h) switches on the control codes as the sample's
 * completion routine does, sizes its descriptor request and calls
 * BTHHFP_AUDIO_DEVICE_CAPABILTIES_INIT: the script expects the loader to name the identifiers,
 * drvhost_bthhfpddi_codes_undocumented, the HFP interface GUID and that routine. */
#include <portcls.h>
#include <stdunk.h>
#include <bthhfpddi.h>

class CEngineFilter : public IMiniportAudioEngineNode, public CUnknown {
  public:
    DECLARE_STD_UNKNOWN();
    DEFINE_STD_CONSTRUCTOR(CEngineFilter);
    ~CEngineFilter()
    {}
    IMP_IMiniportAudioEngineNode;
    BOOL m_Gfx;
};

class CEngineStream : public IMiniportStreamAudioEngineNode,
                      public IMiniportStreamAudioEngineNode2,
                      public CUnknown {
  public:
    DECLARE_STD_UNKNOWN();
    DEFINE_STD_CONSTRUCTOR(CEngineStream);
    ~CEngineStream()
    {}
    IMP_IMiniportStreamAudioEngineNode;
    IMP_IMiniportStreamAudioEngineNode2;
    ULONG m_WritePosition;
};

STDMETHODIMP_(NTSTATUS) CEngineFilter::NonDelegatingQueryInterface(REFIID Interface, PVOID *Object)
{
    if (IsEqualGUIDAligned(Interface, IID_IUnknown) ||
        IsEqualGUIDAligned(Interface, IID_IMiniportAudioEngineNode))
        *Object = PVOID(static_cast<IMiniportAudioEngineNode *>(this));
    else {
        *Object = NULL;
        return STATUS_INVALID_PARAMETER;
    }
    PUNKNOWN(*Object)->AddRef();
    return STATUS_SUCCESS;
}
STDMETHODIMP_(NTSTATUS)
CEngineFilter::GetAudioEngineDescriptor(ULONG ulNodeId, KSAUDIOENGINE_DESCRIPTOR *pDescriptor)
{
    UNREFERENCED_PARAMETER(ulNodeId);
    pDescriptor->nHostPinId = 0;
    pDescriptor->nOffloadPinId = 1;
    pDescriptor->nLoopbackPinId = 2;
    return STATUS_SUCCESS;
}
STDMETHODIMP_(NTSTATUS)
CEngineFilter::GetBufferSizeRange(ULONG ulNodeId, KSDATAFORMAT_WAVEFORMATEX *pKsDataFormatWfx,
                                  KSAUDIOENGINE_BUFFER_SIZE_RANGE *pBufferSizeRange)
{
    UNREFERENCED_PARAMETER(ulNodeId);
    pBufferSizeRange->MinBufferBytes = pKsDataFormatWfx->WaveFormatEx.nBlockAlign;
    pBufferSizeRange->MaxBufferBytes = pKsDataFormatWfx->WaveFormatEx.nAvgBytesPerSec;
    return STATUS_SUCCESS;
}
STDMETHODIMP_(NTSTATUS)
CEngineFilter::GetDeviceAttributeSteppings(ULONG ulNodeId, eChannelTargetType targetType,
                                           PKSPROPERTY_STEPPING_LONG pKsPropStepLong,
                                           UINT32 ui32DataSize)
{
    UNREFERENCED_PARAMETER(ulNodeId);
    if (targetType != eVolumeAttribute || ui32DataSize < sizeof(*pKsPropStepLong))
        return STATUS_INVALID_PARAMETER;
    pKsPropStepLong->SteppingDelta = 1;
    return STATUS_SUCCESS;
}
STDMETHODIMP_(NTSTATUS)
CEngineFilter::GetDeviceChannelCount(ULONG ulNodeId, eChannelTargetType targetType,
                                     UINT32 *pulChannelCount)
{
    UNREFERENCED_PARAMETER(ulNodeId);
    *pulChannelCount = targetType == ePeakMeterAttribute ? 2 : 1;
    return STATUS_SUCCESS;
}
STDMETHODIMP_(NTSTATUS)
CEngineFilter::GetDeviceChannelMute(ULONG ulNodeId, UINT32 ulChannel, BOOL *pbMute)
{
    UNREFERENCED_PARAMETER(ulNodeId);
    *pbMute = ulChannel != 0;
    return STATUS_SUCCESS;
}
STDMETHODIMP_(NTSTATUS)
CEngineFilter::GetDeviceChannelPeakMeter(ULONG ulNodeId, UINT32 ulChannel, LONG *plPeakMeter)
{
    UNREFERENCED_PARAMETER(ulNodeId);
    *plPeakMeter = (LONG)ulChannel;
    return STATUS_SUCCESS;
}
STDMETHODIMP_(NTSTATUS)
CEngineFilter::GetDeviceChannelVolume(ULONG ulNodeId, UINT32 ulChannel, LONG *plVolume)
{
    UNREFERENCED_PARAMETER(ulNodeId);
    *plVolume = -(LONG)ulChannel;
    return STATUS_SUCCESS;
}
STDMETHODIMP_(NTSTATUS)
CEngineFilter::GetDeviceFormat(ULONG ulNodeId, KSDATAFORMAT_WAVEFORMATEX *pFormat,
                               ULONG ulBufferSize)
{
    return GetMixFormat(ulNodeId, pFormat, ulBufferSize);
}
STDMETHODIMP_(NTSTATUS)
CEngineFilter::GetEngineFormatSize(ULONG ulNodeId, eEngineFormatType formatType,
                                   ULONG *pulFormatSize)
{
    UNREFERENCED_PARAMETER(ulNodeId);
    *pulFormatSize = formatType == eSupportedDeviceFormats
                         ? sizeof(KSMULTIPLE_ITEM) + sizeof(KSDATAFORMAT_WAVEFORMATEX)
                         : sizeof(KSDATAFORMAT_WAVEFORMATEX);
    return STATUS_SUCCESS;
}
STDMETHODIMP_(NTSTATUS) CEngineFilter::GetGfxState(ULONG ulNodeId, BOOL *pbEnable)
{
    UNREFERENCED_PARAMETER(ulNodeId);
    *pbEnable = m_Gfx;
    return STATUS_SUCCESS;
}
STDMETHODIMP_(NTSTATUS)
CEngineFilter::GetMixFormat(ULONG ulNodeId, KSDATAFORMAT_WAVEFORMATEX *pFormat, ULONG ulBufferSize)
{
    UNREFERENCED_PARAMETER(ulNodeId);
    if (ulBufferSize < sizeof(*pFormat))
        return STATUS_BUFFER_TOO_SMALL;
    RtlZeroMemory(pFormat, sizeof(*pFormat));
    return STATUS_SUCCESS;
}
STDMETHODIMP_(NTSTATUS)
CEngineFilter::GetSupportedDeviceFormats(ULONG ulNodeId, KSMULTIPLE_ITEM *pFormats,
                                         ULONG ulBufferSize)
{
    UNREFERENCED_PARAMETER(ulNodeId);
    pFormats->Size = ulBufferSize;
    pFormats->Count = 0;
    return STATUS_SUCCESS;
}
STDMETHODIMP_(NTSTATUS)
CEngineFilter::SetDeviceChannelMute(ULONG ulNodeId, UINT32 ulChannel, BOOL bMute)
{
    UNREFERENCED_PARAMETER(ulNodeId);
    return ulChannel == 0 && bMute ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
}
STDMETHODIMP_(NTSTATUS)
CEngineFilter::SetDeviceChannelVolume(ULONG ulNodeId, UINT32 ulChannel, LONG lVolume)
{
    UNREFERENCED_PARAMETER(ulNodeId);
    return ulChannel == 0 && lVolume <= 0 ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
}
STDMETHODIMP_(NTSTATUS)
CEngineFilter::SetDeviceFormat(ULONG ulNodeId, KSDATAFORMAT_WAVEFORMATEX *pFormat,
                               ULONG ulBufferSize)
{
    UNREFERENCED_PARAMETER(ulNodeId);
    UNREFERENCED_PARAMETER(pFormat);
    return ulBufferSize >= sizeof(*pFormat) ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
}
STDMETHODIMP_(NTSTATUS) CEngineFilter::SetGfxState(ULONG ulNodeId, BOOL bEnable)
{
    UNREFERENCED_PARAMETER(ulNodeId);
    m_Gfx = bEnable;
    return STATUS_SUCCESS;
}

STDMETHODIMP_(NTSTATUS) CEngineStream::NonDelegatingQueryInterface(REFIID Interface, PVOID *Object)
{
    if (IsEqualGUIDAligned(Interface, IID_IUnknown) ||
        IsEqualGUIDAligned(Interface, IID_IMiniportStreamAudioEngineNode))
        *Object = PVOID(static_cast<IMiniportStreamAudioEngineNode *>(this));
    else if (IsEqualGUIDAligned(Interface, IID_IMiniportStreamAudioEngineNode2))
        *Object = PVOID(static_cast<IMiniportStreamAudioEngineNode2 *>(this));
    else {
        *Object = NULL;
        return STATUS_INVALID_PARAMETER;
    }
    PUNKNOWN(*Object)->AddRef();
    return STATUS_SUCCESS;
}
STDMETHODIMP_(NTSTATUS) CEngineStream::GetLfxState(BOOL *pbEnable)
{
    *pbEnable = FALSE;
    return STATUS_SUCCESS;
}
STDMETHODIMP_(NTSTATUS)
CEngineStream::GetStreamAttributeSteppings(eChannelTargetType targetType,
                                           PKSPROPERTY_STEPPING_LONG pKsPropStepLong,
                                           UINT32 ui32DataSize)
{
    UNREFERENCED_PARAMETER(targetType);
    UNREFERENCED_PARAMETER(ui32DataSize);
    pKsPropStepLong->Reserved = 0;
    return STATUS_SUCCESS;
}
STDMETHODIMP_(NTSTATUS)
CEngineStream::GetStreamChannelCount(eChannelTargetType targetType, UINT32 *pulChannelCount)
{
    *pulChannelCount = targetType == eMuteAttribute ? 1 : 2;
    return STATUS_SUCCESS;
}
STDMETHODIMP_(NTSTATUS) CEngineStream::GetStreamChannelMute(UINT32 ulChannel, BOOL *pbMute)
{
    *pbMute = ulChannel == 1;
    return STATUS_SUCCESS;
}
STDMETHODIMP_(NTSTATUS)
CEngineStream::GetStreamChannelPeakMeter(UINT32 ulChannel, LONG *plPeakMeter)
{
    *plPeakMeter = (LONG)ulChannel;
    return STATUS_SUCCESS;
}
STDMETHODIMP_(NTSTATUS) CEngineStream::GetStreamChannelVolume(UINT32 ulChannel, LONG *plValue)
{
    *plValue = (LONG)ulChannel;
    return STATUS_SUCCESS;
}
STDMETHODIMP_(NTSTATUS) CEngineStream::GetStreamLinearBufferPosition(ULONGLONG *pullPosition)
{
    *pullPosition = m_WritePosition;
    return STATUS_SUCCESS;
}
STDMETHODIMP_(NTSTATUS)
CEngineStream::GetStreamPresentationPosition(KSAUDIO_PRESENTATION_POSITION *pPresentationPosition)
{
    pPresentationPosition->u64PositionInBlocks = m_WritePosition;
    pPresentationPosition->u64QPCPosition = 0;
    return STATUS_SUCCESS;
}
STDMETHODIMP_(NTSTATUS) CEngineStream::SetLfxState(BOOL bEnable)
{
    return bEnable ? STATUS_NOT_SUPPORTED : STATUS_SUCCESS;
}
STDMETHODIMP_(NTSTATUS) CEngineStream::SetStreamChannelMute(UINT32 ulChannel, BOOL bMute)
{
    return ulChannel < 2 && !bMute ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
}
STDMETHODIMP_(NTSTATUS)
CEngineStream::SetStreamChannelVolume(UINT32 Channel, LONG TargetVolume, AUDIO_CURVE_TYPE CurveType,
                                      ULONGLONG CurveDuration)
{
    if (Channel >= 2 || TargetVolume > 0)
        return STATUS_INVALID_PARAMETER;
    return CurveType == AUDIO_CURVE_TYPE_NONE || CurveDuration != 0 ? STATUS_SUCCESS
                                                                    : STATUS_INVALID_PARAMETER;
}
STDMETHODIMP_(NTSTATUS) CEngineStream::SetStreamCurrentWritePosition(ULONG ulCurrentWritePosition)
{
    m_WritePosition = ulCurrentWritePosition;
    return STATUS_SUCCESS;
}
STDMETHODIMP_(NTSTATUS)
CEngineStream::SetStreamLoopbackProtection(CONSTRICTOR_OPTION ProtectionOption)
{
    return ProtectionOption == CONSTRICTOR_OPTION_MUTE ? STATUS_SUCCESS : STATUS_NOT_SUPPORTED;
}
STDMETHODIMP_(NTSTATUS)
CEngineStream::SetStreamCurrentWritePositionForLastBuffer(ULONG ulWritePosition)
{
    return SetStreamCurrentWritePosition(ulWritePosition);
}

/* What the HFP client does with a completed request: the control codes are case labels. */
static NTSTATUS HfpCompleted(ULONG IoControlCode, PVOID Buffer)
{
    switch (IoControlCode) {
    case IOCTL_BTHHFP_DEVICE_GET_CONNECTION_STATUS_UPDATE:
    case IOCTL_BTHHFP_DEVICE_GET_NRECDISABLE_STATUS_UPDATE:
    case IOCTL_BTHHFP_SPEAKER_GET_VOLUME_STATUS_UPDATE:
    case IOCTL_BTHHFP_MIC_GET_VOLUME_STATUS_UPDATE:
    case IOCTL_BTHHFP_STREAM_GET_STATUS_UPDATE:
        return Buffer != NULL ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
    default:
        return STATUS_NOT_SUPPORTED;
    }
}

/* Builds the engine objects and an HFP client's first requests; called from nowhere at run time
 * (the module never loads), extern so that the link keeps it. */
extern "C" NTSTATUS AudioEngineNodeSample(PDEVICE_OBJECT Pdo)
{
    BTHHFP_AUDIO_DEVICE_CAPABILTIES caps;
    HFP_BYPASS_CODEC_ID_V1 codec = {0};
    HFP_BYPASS_CODEC_ID_VERSION version = REQ_HFP_BYPASS_CODEC_ID_V1;
    PWSTR links = NULL;
    CEngineFilter *filter = new (POOL_FLAG_NON_PAGED, 'feAT') CEngineFilter(NULL);
    CEngineStream *stream = new (POOL_FLAG_NON_PAGED, 'seAT') CEngineStream(NULL);
    ULONG codes[] = {IOCTL_BTHHFP_DEVICE_GET_DESCRIPTOR2, IOCTL_BTHHFP_DEVICE_GET_CODEC_ID,
                     IOCTL_BTHHFP_DEVICE_INDICATE_AUDIO_DEVICE_CAPABILITIES,
                     IOCTL_BTHHFP_STREAM_OPEN, IOCTL_BTHHFP_STREAM_CLOSE};
    NTSTATUS status;

    BTHHFP_AUDIO_DEVICE_CAPABILTIES_INIT(&caps);
    status = IoGetDeviceInterfaces(&GUID_DEVINTERFACE_BLUETOOTH_HFP_SCO_HCIBYPASS, Pdo, 0, &links);
    if (NT_SUCCESS(status))
        ExFreePool(links);
    status = HfpCompleted(codes[version + codec.CodecId], &caps);
    delete filter;
    delete stream;
    return status;
}
