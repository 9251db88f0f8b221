/*
 * acxstreams.h - ACX streams: a stream's initialisation block and callbacks (hardware
 * prepare/release, run/pause), the WaveRT-style packet callbacks of an RT stream, stream bridges
 * that carry a stream across circuits, and DRM content handling. Types are inferred from the
 * reference's prose (see acx.h).
 */
#include <acx.h>
#include <drmk.h>

#ifndef _ACXSTREAMS_H_
#define _ACXSTREAMS_H_

#ifdef __cplusplus
extern "C" {
#endif

/* EVT_ACX_STREAM_SET_RENDER_PACKET's Flags: the packet ends the stream (EosPacketLength
 * valid). Value not documented; drvhost uses the first bit. */
#define AcxStreamSetRenderPacketEndOfStream 0x00000001

typedef enum _ACX_STREAM_STATE {
    AcxStreamStateStop,
    AcxStreamStateAcquire,
    AcxStreamStatePause,
    AcxStreamStateRun,
    AcxStreamStateMaximum
} ACX_STREAM_STATE;

typedef enum _ACX_STREAM_BRIDGE_TYPE {
    AcxStreamBridgeInvalidType,
    AcxStreamBridgeMux,
    AcxStreamBridgeMaximumType,
    AcxStreamBridgeDefaultType = AcxStreamBridgeMux
} ACX_STREAM_BRIDGE_TYPE;

typedef enum _ACX_STREAM_BRIDGE_CONFIG_FLAGS {
    AcxStreamBridgeConfigNoFlags = 0x0000,
    AcxStreamBridgeInvertChangeStateSequence = 0x0001,
    AcxStreamBridgeForwardInStreamVarArguments = 0x0002,
    AcxStreamBridgeConfigValidFlags = 0x0003
} ACX_STREAM_BRIDGE_CONFIG_FLAGS;

/* DRM: the portcls/drmk structures under ACX's names. */
typedef DRMRIGHTS ACXDRMRIGHTS, *PACXDRMRIGHTS;
typedef DRMFORWARD ACXDRMFORWARD, *PACXDRMFORWARD;
#define DEFINE_ACXDRMRIGHTS_DEFAULT(DrmRights) const ACXDRMRIGHTS DrmRights = {FALSE, 0, FALSE}

/* One packet of an RT stream's cyclic buffer: RtPacketOffset bytes into RtPacketBuffer. */
typedef struct _ACX_RTPACKET {
    ULONG Size;
    WDF_MEMORY_DESCRIPTOR RtPacketBuffer;
    ULONG_PTR RtPacketOffset;
    ULONG_PTR RtPacketSize;
} ACX_RTPACKET, *PACX_RTPACKET;

typedef NTSTATUS EVT_ACX_STREAM_PREPARE_HARDWARE(ACXSTREAM Stream);
typedef EVT_ACX_STREAM_PREPARE_HARDWARE *PFN_ACX_STREAM_PREPARE_HARDWARE;
typedef NTSTATUS EVT_ACX_STREAM_RELEASE_HARDWARE(ACXSTREAM Stream);
typedef EVT_ACX_STREAM_RELEASE_HARDWARE *PFN_ACX_STREAM_RELEASE_HARDWARE;
typedef NTSTATUS EVT_ACX_STREAM_RUN(ACXSTREAM Stream);
typedef EVT_ACX_STREAM_RUN *PFN_ACX_STREAM_RUN;
typedef NTSTATUS EVT_ACX_STREAM_PAUSE(ACXSTREAM Stream);
typedef EVT_ACX_STREAM_PAUSE *PFN_ACX_STREAM_PAUSE;
typedef NTSTATUS EVT_ACX_STREAM_ASSIGN_DRM_CONTENT_ID(ACXSTREAM Stream, ULONG ContentId,
                                                      PACXDRMRIGHTS DrmRights);
typedef EVT_ACX_STREAM_ASSIGN_DRM_CONTENT_ID *PFN_ACX_STREAM_ASSIGN_DRM_CONTENT_ID;

typedef NTSTATUS EVT_ACX_STREAM_GET_HW_LATENCY(ACXSTREAM Stream, ULONG *FifoSize, ULONG *Delay);
typedef EVT_ACX_STREAM_GET_HW_LATENCY *PFN_ACX_STREAM_GET_HW_LATENCY;
typedef NTSTATUS EVT_ACX_STREAM_ALLOCATE_RTPACKETS(ACXSTREAM Stream, ULONG PacketCount,
                                                   ULONG PacketSize, PACX_RTPACKET *Packets);
typedef EVT_ACX_STREAM_ALLOCATE_RTPACKETS *PFN_ACX_STREAM_ALLOCATE_RTPACKETS;
typedef VOID EVT_ACX_STREAM_FREE_RTPACKETS(ACXSTREAM Stream, PACX_RTPACKET Packets,
                                           ULONG PacketCount);
typedef EVT_ACX_STREAM_FREE_RTPACKETS *PFN_ACX_STREAM_FREE_RTPACKETS;
typedef NTSTATUS EVT_ACX_STREAM_SET_RENDER_PACKET(ACXSTREAM Stream, ULONG Packet, ULONG Flags,
                                                  ULONG EosPacketLength);
typedef EVT_ACX_STREAM_SET_RENDER_PACKET *PFN_ACX_STREAM_SET_RENDER_PACKET;
typedef NTSTATUS EVT_ACX_STREAM_GET_CURRENT_PACKET(ACXSTREAM Stream, PULONG CurrentPacket);
typedef EVT_ACX_STREAM_GET_CURRENT_PACKET *PFN_ACX_STREAM_GET_CURRENT_PACKET;
typedef NTSTATUS EVT_ACX_STREAM_GET_CAPTURE_PACKET(ACXSTREAM Stream, ULONG *LastCapturePacket,
                                                   ULONGLONG *QPCPacketStart, BOOLEAN *MoreData);
typedef EVT_ACX_STREAM_GET_CAPTURE_PACKET *PFN_ACX_STREAM_GET_CAPTURE_PACKET;
typedef NTSTATUS EVT_ACX_STREAM_GET_PRESENTATION_POSITION(ACXSTREAM Stream,
                                                          PULONGLONG PositionInBlocks,
                                                          PULONGLONG QPCPosition);
typedef EVT_ACX_STREAM_GET_PRESENTATION_POSITION *PFN_ACX_STREAM_GET_PRESENTATION_POSITION;

typedef struct _ACX_STREAM_CALLBACKS {
    ULONG Size;
    PFN_ACX_STREAM_PREPARE_HARDWARE EvtAcxStreamPrepareHardware;
    PFN_ACX_STREAM_RELEASE_HARDWARE EvtAcxStreamReleaseHardware;
    PFN_ACX_STREAM_RUN EvtAcxStreamRun;
    PFN_ACX_STREAM_PAUSE EvtAcxStreamPause;
    PFN_ACX_STREAM_ASSIGN_DRM_CONTENT_ID EvtAcxStreamAssignDrmContentId;
} ACX_STREAM_CALLBACKS, *PACX_STREAM_CALLBACKS;

typedef struct _ACX_RT_STREAM_CALLBACKS {
    ULONG Size;
    PFN_ACX_STREAM_GET_HW_LATENCY EvtAcxStreamGetHwLatency;
    PFN_ACX_STREAM_ALLOCATE_RTPACKETS EvtAcxStreamAllocateRtPackets;
    PFN_ACX_STREAM_FREE_RTPACKETS EvtAcxStreamFreeRtPackets;
    PFN_ACX_STREAM_SET_RENDER_PACKET EvtAcxStreamSetRenderPacket;
    PFN_ACX_STREAM_GET_CURRENT_PACKET EvtAcxStreamGetCurrentPacket;
    PFN_ACX_STREAM_GET_CAPTURE_PACKET EvtAcxStreamGetCapturePacket;
    PFN_ACX_STREAM_GET_PRESENTATION_POSITION EvtAcxStreamGetPresentationPosition;
} ACX_RT_STREAM_CALLBACKS, *PACX_RT_STREAM_CALLBACKS;

/* InModes: the signal processing modes whose streams the bridge takes (none: streams are added
 * by hand with AcxStreamBridgeAddStream); OutMode: the mode of the stream it creates below. */
typedef struct _ACX_STREAM_BRIDGE_CONFIG {
    ULONG Size;
    ULONG Flags;
    ACX_STREAM_BRIDGE_TYPE Type;
    ULONG InModesCount;
    const GUID **InModes;
    const GUID *OutMode;
    ACXOBJECTBAG OutStreamVarArguments;
    PWDF_OBJECT_ATTRIBUTES TargetStreamAttributes;
} ACX_STREAM_BRIDGE_CONFIG, *PACX_STREAM_BRIDGE_CONFIG;

_ACX_SIZED_INIT(ACX_STREAM_CALLBACKS, Callbacks)

_ACX_SIZED_INIT(ACX_RT_STREAM_CALLBACKS, Callbacks)

_ACX_SIZED_INIT(ACX_RTPACKET, RtPacket)

FORCEINLINE VOID ACX_STREAM_BRIDGE_CONFIG_INIT(PACX_STREAM_BRIDGE_CONFIG Config)
{
    RtlZeroMemory(Config, sizeof(*Config));
    Config->Size = sizeof(*Config);
    Config->Type = AcxStreamBridgeDefaultType;
}

NTSTATUS AcxStreamInitAssignProperties(PACXSTREAM_INIT StreamInit, PACX_PROPERTY_ITEM Properties,
                                       ULONG PropertiesCount) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxStreamInitAssignMethods(PACXSTREAM_INIT StreamInit, PACX_METHOD_ITEM Methods,
                                    ULONG MethodsCount) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxStreamInitAssignAcxRequestPreprocessCallback(
    PACXSTREAM_INIT StreamInit, PFN_ACX_OBJECT_PREPROCESS_REQUEST EvtObjectAcxRequestPreprocess,
    ACXCONTEXT DriverContext, ACX_REQUEST_TYPE RequestType, const GUID *Set,
    ULONG Id) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxStreamInitAssignAcxStreamCallbacks(
    PACXSTREAM_INIT StreamInit, PACX_STREAM_CALLBACKS StreamCallbacks) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxStreamInitAssignAcxRtStreamCallbacks(
    PACXSTREAM_INIT StreamInit, PACX_RT_STREAM_CALLBACKS RtStreamCallbacks) DRVHOST_NOT_PROVIDED;
VOID AcxStreamInitSetAcxRtStreamSupportsNotifications(PACXSTREAM_INIT StreamInit)
    DRVHOST_NOT_PROVIDED;
NTSTATUS AcxStreamCreate(WDFDEVICE Device, ACXCIRCUIT Circuit, PWDF_OBJECT_ATTRIBUTES Attributes,
                         PACXSTREAM_INIT *Config, ACXSTREAM *Stream) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxRtStreamCreate(WDFDEVICE Device, ACXCIRCUIT Circuit, PWDF_OBJECT_ATTRIBUTES Attributes,
                           PACXSTREAM_INIT *Config, ACXSTREAM *Stream) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxStreamAddEvents(ACXSTREAM Stream, ACXEVENT *Events,
                            ULONG EventsCount) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxStreamAddElements(ACXSTREAM Stream, ACXELEMENT *Elements,
                              ULONG ElementsCount) DRVHOST_NOT_PROVIDED;
ACXELEMENT AcxStreamGetElementById(ACXSTREAM Stream, ULONG ElementId) DRVHOST_NOT_PROVIDED;
ULONG AcxStreamGetElementsCount(ACXSTREAM Stream) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxStreamAddConnections(ACXSTREAM Stream, PACX_CONNECTION Connections,
                                 ULONG ConnectionsCount) DRVHOST_NOT_PROVIDED;
ACXCIRCUIT AcxStreamGetCircuit(ACXSTREAM Stream) DRVHOST_NOT_PROVIDED;
GUID AcxStreamGetNotificationId(ACXSTREAM Stream) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxStreamDispatchAcxRequest(ACXSTREAM Stream, WDFREQUEST Request) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxStreamStopIoActual(ACXSTREAM Stream, ULONG Flags, PVOID ObjectTag, LONG Line,
                               PCCH File) DRVHOST_NOT_PROVIDED;
VOID AcxStreamResumeIoActual(ACXSTREAM Stream, PVOID ObjectTag, LONG Line,
                             PCCH File) DRVHOST_NOT_PROVIDED;
#define AcxStreamStopIo(Stream, Flags)                                                             \
    AcxStreamStopIoActual(Stream, Flags, NULL, __LINE__, __FILE__)
#define AcxStreamStopIoWithTag(Stream, Flags, Tag)                                                 \
    AcxStreamStopIoActual(Stream, Flags, Tag, __LINE__, __FILE__)
#define AcxStreamResumeIo(Stream) AcxStreamResumeIoActual(Stream, NULL, __LINE__, __FILE__)
#define AcxStreamResumeIoWithTag(Stream, Tag)                                                      \
    AcxStreamResumeIoActual(Stream, Tag, __LINE__, __FILE__)
NTSTATUS AcxRtStreamNotifyPacketComplete(ACXSTREAM Stream, ULONGLONG CompletedPacket,
                                         ULONGLONG QPCCompletion) DRVHOST_NOT_PROVIDED;

NTSTATUS AcxStreamBridgeCreate(ACXCIRCUIT AcxCircuit, PWDF_OBJECT_ATTRIBUTES Attributes,
                               PACX_STREAM_BRIDGE_CONFIG Config,
                               ACXSTREAMBRIDGE *StreamBridge) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxStreamBridgeAddStream(ACXSTREAMBRIDGE Bridge, ACXSTREAM Stream) DRVHOST_NOT_PROVIDED;
VOID AcxStreamBridgeRemoveStream(ACXSTREAMBRIDGE Bridge, ACXSTREAM Stream) DRVHOST_NOT_PROVIDED;
ACXTARGETSTREAM AcxStreamBridgeGetTargetStream(ACXSTREAMBRIDGE Bridge,
                                               ACXSTREAM Stream) DRVHOST_NOT_PROVIDED;

NTSTATUS AcxDrmAddContentHandlers(ULONG ContentId, PVOID *paHandlers,
                                  ULONG NumHandlers) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxDrmCreateContentMixed(PULONG paContentId, ULONG cContentId,
                                  PULONG pMixedContentId) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxDrmDestroyContent(ULONG ContentId) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxDrmForwardContentToDeviceObject(ULONG ContentId, PVOID Reserved,
                                            PCDRMFORWARD DrmForward) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxDrmRetrieveContentRights(ULONG ContentId, PACXDRMRIGHTS DrmRights) DRVHOST_NOT_PROVIDED;

#ifdef __cplusplus
}
#endif

#endif /* _ACXSTREAMS_H_ */
