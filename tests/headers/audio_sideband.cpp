/* audio_sideband.cpp - linked into audio_miniport.cpp's module by check_audio_not_provided.sh: a
 * USB sideband audio client as TabletAudioSample's UsbHsDevice.cpp writes one (sidebandaudio.h,
 * usbsidebandaudio.h). It looks for the USB audio class driver's sideband interface, builds the
 * requests the sample sends (a SIOP request naming the USB audio parameter set, with a resource
 * identifier after it; a stream open with its format), switches on the control codes in its
 * completion routine and reads an endpoint descriptor's capabilities and the transport
 * resources. The script expects the loader to name drvhost_sidebandaudio_codes_undocumented,
 * GUID_DEVINTERFACE_USB_SIDEBAND_AUDIO_HS_HCIBYPASS and SIDEBANDAUDIO_PARAMS_SET_USBAUDIO
 * (values undocumented, declared only). */
#include <wdm.h>
#include <ks.h>
#include <usbsidebandaudio.h>

/* What the client does with a completed status request: the control codes are case labels. */
static NTSTATUS SidebandCompleted(ULONG IoControlCode, PVOID Buffer)
{
    switch (IoControlCode) {
    case IOCTL_SBAUD_GET_VOLUME_STATUS_UPDATE:
        return ((PSIDEBANDAUDIO_VOLUME_PARAMS)Buffer)->Immediate ? STATUS_SUCCESS : STATUS_PENDING;
    case IOCTL_SBAUD_GET_MUTE_STATUS_UPDATE:
        return ((PSIDEBANDAUDIO_MUTE_PARAMS)Buffer)->Value ? STATUS_SUCCESS : STATUS_PENDING;
    case IOCTL_SBAUD_GET_STREAM_STATUS_UPDATE:
        return ((PSIDEBANDAUDIO_STREAM_STATUS_PARAMS)Buffer)->Status;
    case IOCTL_SBAUD_GET_CONNECTION_STATUS_UPDATE:
    case IOCTL_SBAUD_GET_ERROR_STATUS_UPDATE:
    case IOCTL_SBAUD_GET_SIDETONE_STATUS_UPDATE:
    case IOCTL_SBAUD_GET_SIOP_UPDATE:
        return STATUS_SUCCESS;
    default:
        return STATUS_NOT_SUPPORTED;
    }
}

/* The sample's SIOP request: the request header, then the resource identifier it sets. */
typedef struct _SIOP_RESOURCE_ID {
    SIDEBANDAUDIO_SIOP_REQUEST_PARAM Request;
    ULONG ResourceId;
} SIOP_RESOURCE_ID;

/* Builds a sideband client's first requests; called from nowhere at run time (the module never
 * loads), extern so that the link keeps it. */
extern "C" NTSTATUS AudioSidebandSample(PDEVICE_OBJECT Pdo,
                                        PSIDEBANDAUDIO_ENDPOINT_DESCRIPTOR2 Endpoint,
                                        PSIDEBANDAUDIO_EP_USBAUDIO_TRANSPORT_RESOURCES Transport,
                                        PUSBD_ENDPOINT_OFFLOAD_INFORMATION Offload)
{
    SIOP_RESOURCE_ID siop = {};
    SIDEBANDAUDIO_STREAM_OPEN_PARAMS open = {};
    KSDATAFORMAT format = {};
    PWSTR links = NULL;
    NTSTATUS status;

    status =
        IoGetDeviceInterfaces(&GUID_DEVINTERFACE_USB_SIDEBAND_AUDIO_HS_HCIBYPASS, Pdo, 0, &links);
    if (NT_SUCCESS(status))
        ExFreePool(links);
    siop.Request.EpIndex = 0;
    siop.Request.RequestedSiop.ParamSet = SIDEBANDAUDIO_PARAMS_SET_USBAUDIO;
    siop.Request.RequestedSiop.TypeId = Endpoint->Capabilities.Feedback
                                            ? SIOP_TYPE_USBAUD_FB_EP_OFFLOAD_RESOURCE_ID
                                            : SIOP_TYPE_USBAUD_EP_OFFLOAD_RESOURCE_ID;
    siop.Request.RequestedSiop.Size = sizeof(ULONG);
    siop.ResourceId = Transport->bSlotSize + Offload->SlotId;
    open.EpIndex = siop.Request.EpIndex;
    open.Format = &format;
    open.SiopCount = 1;
    return SidebandCompleted(open.SiopCount ? IOCTL_SBAUD_SET_SIOP : IOCTL_SBAUD_STREAM_OPEN,
                             &siop);
}
