/* acx_layout.c - the Audio Class eXtension headers (include/wdf/cx/acx*.h) as an ACX driver
 * uses them: the enumerator orders and the literal values the ACX reference pages give, the KS
 * values the jack description takes, the documented field order of the configuration
 * structures, and callbacks defined with the documented parameters, which must have the
 * callback types' types (this module failing to build is the test failing). The reference gives
 * no field types, so only the order of fields is checked, not their offsets (docs/wdf.md). The
 * routines are not provided (headers_acx_not_provided). */
#include <ntddk.h>
#include <wdf.h>
#include <acx.h>

/* Enumerators in the order the pages list them. */
C_ASSERT(AcxCircuitTypeOther == 0 && AcxCircuitTypeRender == 1 && AcxCircuitTypeCapture == 2);
C_ASSERT(AcxCircuitTypeMaximum == 3);
C_ASSERT(AcxPinTypeOther == 0 && AcxPinTypeSink == 1 && AcxPinTypeSource == 2);
C_ASSERT(AcxPinCommunicationNone == 0 && AcxPinCommunicationSource == 2);
C_ASSERT(AcxPinQualifierUnknown == 0 && AcxPinQualifierBridgeDevice == 3);
C_ASSERT(AcxStreamStateStop == 0 && AcxStreamStateAcquire == 1 && AcxStreamStatePause == 2);
C_ASSERT(AcxStreamStateRun == 3 && AcxStreamStateMaximum == 4);
C_ASSERT(AcxRequestTypeUnknown == 0 && AcxRequestTypeAny == 1 && AcxRequestTypeProperty == 3);
C_ASSERT(AcxRequestTypeResetState == 6 && AcxRequestTypeMax == 7);
C_ASSERT(AcxPropertyVerbNone == 0 && AcxPropertyVerbGet == 1 && AcxPropertyVerbSet == 2);
C_ASSERT(AcxPropertyVerbBasicSupport == 3 && AcxPropertyVerbMax == 5);
C_ASSERT(AcxMethodVerbSend == 1 && AcxEventVerbDisable == 2);
C_ASSERT(AcxItemTypeDefault == 0 && AcxItemTypePin == 4 && AcxItemTypeElement == 5);
C_ASSERT(AcxDxExitLatencyInstant == 0 && AcxDxExitLatencyResponsive == 2);
C_ASSERT(AcxVolumeCurveTypeNone == 0 && AcxVolumeCurveTypeFade == 1);
C_ASSERT(AcxConstrictorOptionNone == 0 && AcxConstrictorOptionMute == 1);
C_ASSERT(AcxDataFormatKsFormat == 0 && AcxDataFormatMaximum == 1);
C_ASSERT(AcxMicArrayTypeLinear == 0 && AcxMicArrayType3d == 2);
C_ASSERT(AcxMicrophoneTypeOmniDirectional == 0 && AcxMicrophoneType8Shaped == 5);
C_ASSERT(AcxStreamBridgeInvalidType == 0 && AcxStreamBridgeMux == 1);
C_ASSERT(AcxStreamBridgeMaximumType == 2);

/* The request item flags: the KS request type bits, as the pages give them. */
C_ASSERT(ACX_PROPERTY_ITEM_FLAG_NONE == 0 && ACX_PROPERTY_ITEM_FLAG_GET == 1);
C_ASSERT(ACX_PROPERTY_ITEM_FLAG_SET == 2 && ACX_PROPERTY_ITEM_FLAG_BASICSUPPORT == 0x200);
C_ASSERT(ACX_METHOD_ITEM_FLAG_SEND == 1 && ACX_METHOD_ITEM_FLAG_BASICSUPPORT == 0x200);
C_ASSERT(ACX_PROPERTY_ITEM_FLAG_GET == KSPROPERTY_TYPE_GET);
C_ASSERT(ACX_PROPERTY_ITEM_FLAG_BASICSUPPORT == KSPROPERTY_TYPE_BASICSUPPORT);

/* The jack description takes the KS jack values (EPcx*), which its page names. */
C_ASSERT(AcxConnTypeUnknown == 0 && AcxConnType3Point5mm == 1 && AcxConnTypeCombination == 11);
C_ASSERT(AcxGeoLocRear == 1 && AcxGeoLocFront == 2 && AcxGeoLocATAPI == 13);
C_ASSERT(AcxGenLocPrimaryBox == 0 && AcxGenLocOther == 3);
C_ASSERT(AcxPortConnJack == 0 && AcxPortConnUnknown == 3);
C_ASSERT(AcxJackSinkInfoConnectionTypeHdmi == 0 && AcxJackSinkInfoConnectionTypeDisplayPort == 1);

/* Flag sets: no flag is zero, the others distinct bits, the valid mask their union. */
C_ASSERT(AcxObjectBagConfigNoFlags == 0);
C_ASSERT((AcxObjectBagConfigEnableReads | AcxObjectBagConfigEnableWrites |
          AcxObjectBagConfigFailIfExist | AcxObjectBagConfigOpenWithHandle) ==
         AcxObjectBagConfigValidFlags);
C_ASSERT((AcxObjectBagConfigEnableReads & AcxObjectBagConfigOpenWithHandle) == 0);
C_ASSERT((AcxConnectionFromPinId | AcxConnectionFromPinObject | AcxConnectionToPinId |
          AcxConnectionToPinObject) == AcxConnectionValidFlags);
C_ASSERT((AcxPinConfigMicrophoneConfigSpecified | AcxPinConfigNoDefaultDataFormatLists) ==
         AcxPinConfigValidFlags);
C_ASSERT(AcxDeviceInitConfigRawDevice == AcxDeviceInitConfigValidFlags);
C_ASSERT((AcxStreamBridgeInvertChangeStateSequence | AcxStreamBridgeForwardInStreamVarArguments) ==
         AcxStreamBridgeConfigValidFlags);
C_ASSERT((AcxCompositeTemplateConfigPrivate | AcxCompositeTemplateConfigSingleton) ==
         AcxCompositeTemplateConfigValidFlags);

/* Fields in the documented order; every configuration starts with Size. */
#define ORDER(t, a, b) C_ASSERT(FIELD_OFFSET(t, a) < FIELD_OFFSET(t, b))
C_ASSERT(FIELD_OFFSET(ACX_DRIVER_CONFIG, Size) == 0 && FIELD_OFFSET(ACX_PIN_CONFIG, Size) == 0);
ORDER(ACX_DEVICEINIT_CONFIG, Flags, SynchronizationScope);
ORDER(ACX_DEVICEINIT_CONFIG, ExecutionLevel, Context);
ORDER(ACX_PIN_CONFIG, Flags, Id);
ORDER(ACX_PIN_CONFIG, Qualifier, Category);
ORDER(ACX_PIN_CONFIG, PinCallbacks, PropertiesCount);
ORDER(ACX_PIN_CONFIG, Methods, u);
ORDER(ACX_PIN_CONFIG, u, MaxStreams);
ORDER(ACX_CONNECTION, FromObject, FromPin);
ORDER(ACX_CONNECTION, FromPin, ToObject);
ORDER(ACX_CONNECTION, ToObject, ToPin);
ORDER(ACX_ELEMENT_CONFIG, Id, Type);
ORDER(ACX_ELEMENT_CONFIG, Name, Flags);
ORDER(ACX_ELEMENT_CONFIG, MethodsCount, Properties);
ORDER(ACX_VOLUME_CONFIG, ChannelsCount, Maximum);
ORDER(ACX_VOLUME_CONFIG, SteppingDelta, Callbacks);
ORDER(ACX_AUDIOENGINE_CONFIG, HostPin, OffloadPin);
ORDER(ACX_AUDIOENGINE_CONFIG, PeakMeterElement, Callbacks);
ORDER(ACX_RTPACKET, RtPacketBuffer, RtPacketOffset);
ORDER(ACX_STREAM_BRIDGE_CONFIG, InModesCount, InModes);
ORDER(ACX_STREAM_BRIDGE_CONFIG, OutStreamVarArguments, TargetStreamAttributes);
ORDER(ACX_REQUEST_PARAMETERS, MinorFunction, Type);
ORDER(ACX_REQUEST_PARAMETERS, Type, Parameters);
ORDER(ACX_PROPERTY_ITEM, Flags, EvtAcxObjectProcessRequest);
ORDER(ACX_PROPERTY_ITEM, ValueCb, ValueType);
ORDER(ACX_FACTORY_CIRCUIT_ADD_CIRCUIT, CircuitUniqueId, CompositeProperties);
ORDER(ACX_FACTORY_CIRCUIT_ADD_CIRCUIT, CircuitProperties, TargetSymbolicLinkName);
ORDER(ACX_CIRCUIT_TEMPLATE_CONFIG, ContainerId, FactoryProperties);
ORDER(ACX_CIRCUIT_TEMPLATE_CONFIG, FactoryName, CircuitProperties);
ORDER(ACX_OBJECTBAG_CONFIG, ParentKey, Name);
ORDER(ACX_OBJECTBAG_CONFIG, Name, Handle);
ORDER(ACX_JACK_DESCRIPTION, ChannelMapping, Color);
ORDER(ACX_JACK_DESCRIPTION, GenLocation, PortConnection);
ORDER(ACX_MICROPHONE_CONFIG, MicArrayGeometry, InterleavedFormat);
/* The callback tables: Size, then the callbacks in the documented order. */
ORDER(ACX_RT_STREAM_CALLBACKS, EvtAcxStreamGetHwLatency, EvtAcxStreamAllocateRtPackets);
ORDER(ACX_RT_STREAM_CALLBACKS, EvtAcxStreamGetCapturePacket, EvtAcxStreamGetPresentationPosition);
ORDER(ACX_CIRCUIT_PNPPOWER_CALLBACKS, EvtAcxCircuitReleaseHardware, EvtAcxCircuitPowerUp);
ORDER(ACX_PIN_CALLBACKS, EvtAcxPinProcessJackRequest, EvtAcxPinConnected);
C_ASSERT(sizeof(((ACX_JACK_SINK_INFORMATION *)0)->SinkDescription) ==
         MAX_SINK_DESCRIPTION_NAME_LENGTH * sizeof(WCHAR));
/* The DRM structures are portcls's. */
C_ASSERT(sizeof(ACXDRMRIGHTS) == sizeof(DRMRIGHTS) && sizeof(ACXDRMFORWARD) == sizeof(DRMFORWARD));

/* Callbacks with the documented parameters. */
static EVT_ACX_CIRCUIT_CREATE_STREAM create_stream;
static NTSTATUS create_stream(WDFDEVICE Device, ACXCIRCUIT Circuit, ACXPIN Pin,
                              PACXSTREAM_INIT StreamInit, ACXDATAFORMAT StreamFormat,
                              const GUID *SignalProcessingMode, ACXOBJECTBAG VarArguments)
{
    UNREFERENCED_PARAMETER(Device);
    UNREFERENCED_PARAMETER(Circuit);
    UNREFERENCED_PARAMETER(Pin);
    UNREFERENCED_PARAMETER(StreamInit);
    UNREFERENCED_PARAMETER(StreamFormat);
    UNREFERENCED_PARAMETER(SignalProcessingMode);
    UNREFERENCED_PARAMETER(VarArguments);
    return STATUS_SUCCESS;
}

static EVT_ACX_STREAM_SET_RENDER_PACKET set_render_packet;
static NTSTATUS set_render_packet(ACXSTREAM Stream, ULONG Packet, ULONG Flags, ULONG EosLength)
{
    UNREFERENCED_PARAMETER(Stream);
    UNREFERENCED_PARAMETER(Packet);
    UNREFERENCED_PARAMETER(EosLength);
    return Flags == AcxStreamSetRenderPacketEndOfStream ? STATUS_SUCCESS : STATUS_UNSUCCESSFUL;
}

static EVT_ACX_VOLUME_ASSIGN_LEVEL assign_level;
static NTSTATUS assign_level(ACXVOLUME Volume, ULONG Channel, LONG VolumeLevel)
{
    UNREFERENCED_PARAMETER(Volume);
    UNREFERENCED_PARAMETER(Channel);
    UNREFERENCED_PARAMETER(VolumeLevel);
    return STATUS_SUCCESS;
}

static EVT_ACX_OBJECT_PREPROCESS_REQUEST preprocess;
static VOID preprocess(ACXOBJECT Object, ACXCONTEXT DriverContext, WDFREQUEST Request)
{
    UNREFERENCED_PARAMETER(Object);
    UNREFERENCED_PARAMETER(DriverContext);
    UNREFERENCED_PARAMETER(Request);
}

static EVT_ACX_OBJECT_PROCESS_REQUEST process;
static VOID process(ACXOBJECT Object, WDFREQUEST Request)
{
    UNREFERENCED_PARAMETER(Object);
    UNREFERENCED_PARAMETER(Request);
}

static EVT_ACX_PIN_CONNECTED pin_connected;
static VOID pin_connected(ACXPIN Pin, ACXTARGETCIRCUIT TargetCircuit, ULONG TargetPinId)
{
    UNREFERENCED_PARAMETER(Pin);
    UNREFERENCED_PARAMETER(TargetCircuit);
    UNREFERENCED_PARAMETER(TargetPinId);
}

/* A property table as drivers write it (aggregate initialisers in the documented order). */
static ACX_PROPERTY_ITEM properties[] = {
    {&KSPROPSETID_Audio, KSPROPERTY_AUDIO_VOLUMELEVEL,
     ACX_PROPERTY_ITEM_FLAG_GET | ACX_PROPERTY_ITEM_FLAG_SET, process, NULL, 0, sizeof(LONG),
     VT_I4},
};

DRIVER_INITIALIZE DriverEntry;
NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    ACX_RT_STREAM_CALLBACKS rt;
    ACX_VOLUME_CALLBACKS volume;
    ACX_PIN_CALLBACKS pin;
    PFN_ACX_CIRCUIT_CREATE_STREAM create = create_stream;
    PFN_ACX_OBJECT_PREPROCESS_REQUEST pre = preprocess;

    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    ACX_RT_STREAM_CALLBACKS_INIT(&rt);
    rt.EvtAcxStreamSetRenderPacket = set_render_packet;
    ACX_VOLUME_CALLBACKS_INIT(&volume);
    volume.EvtAcxVolumeAssignLevel = assign_level;
    volume.EvtAcxVolumeProcessRequest = process;
    ACX_PIN_CALLBACKS_INIT(&pin);
    pin.EvtAcxPinConnected = pin_connected;
    return (create && pre && properties[0].Flags == 3 && rt.Size && volume.Size && pin.Size)
               ? STATUS_SUCCESS
               : STATUS_UNSUCCESSFUL;
}
