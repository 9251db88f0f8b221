/*
 * acxpin.h - ACX pins (a circuit's connection points: bridge pins to the endpoint, streaming
 * pins to the audio stack), their data format lists per signal processing mode, jacks and
 * microphone geometry, and the connections between pins of circuits. Types are inferred from
 * the reference's prose (see acx.h). The jack description values are the KS jack values
 * (EPcxConnectionType, EPcxGeoLocation, EPcxGenLocation, EPxcPortConnection), which the
 * ACX_JACK_DESCRIPTION page names.
 */
#include <acx.h>

#ifndef _ACXPIN_H_
#define _ACXPIN_H_

#ifdef __cplusplus
extern "C" {
#endif

/* "Let ACX choose" ids (ACX_PIN_CONFIG_INIT, ACX_JACK_CONFIG_INIT). Their values are not
 * documented; drvhost uses all-ones, which no real id takes. */
#define AcxPinIdDefault            ((ULONG)-1)
#define AcxJackPropertiesIdDefault ((ULONG)-1)

typedef enum _ACX_PIN_TYPE {
    AcxPinTypeOther,
    AcxPinTypeSink,
    AcxPinTypeSource,
    AcxPinTypeMaximum
} ACX_PIN_TYPE;

typedef enum _ACX_PIN_COMMUNICATION {
    AcxPinCommunicationNone,
    AcxPinCommunicationSink,
    AcxPinCommunicationSource,
    AcxPinCommunicationMaximum
} ACX_PIN_COMMUNICATION;

typedef enum _ACX_PIN_QUALIFIER {
    AcxPinQualifierUnknown,
    AcxPinQualifierBridgeA,
    AcxPinQualifierBridgeB,
    AcxPinQualifierBridgeDevice,
    AcxPinQualifierMaximum
} ACX_PIN_QUALIFIER;

typedef enum _ACX_PIN_CONFIG_FLAGS {
    AcxPinConfigNoFlags = 0x0000,
    AcxPinConfigMicrophoneConfigSpecified = 0x0001, /* u.MicrophoneConfig is valid */
    AcxPinConfigNoDefaultDataFormatLists = 0x0002,
    AcxPinConfigValidFlags = 0x0003
} ACX_PIN_CONFIG_FLAGS;

typedef enum _ACX_CONNECTION_FLAGS {
    AcxConnectionNoFlags = 0x0000,
    AcxConnectionFromPinId = 0x0001,
    AcxConnectionFromPinObject = 0x0002,
    AcxConnectionToPinId = 0x0004,
    AcxConnectionToPinObject = 0x0008,
    AcxConnectionValidFlags = 0x000F
} ACX_CONNECTION_FLAGS;

typedef enum _ACX_PHYSICAL_CONNECTION_FLAGS {
    AcxPhysicalConnectionNoFlags = 0x0000,
    AcxPhysicalConnectionFromPinId = 0x0001,
    AcxPhysicalConnectionFromPinObject = 0x0002,
    AcxPhysicalConnectionValidFlags = 0x0003
} ACX_PHYSICAL_CONNECTION_FLAGS;

typedef enum _ACX_JACK_CONFIG_FLAGS {
    AcxJackConfigNoFlags = 0x0000,
    AcxJackConfigJackDetection = 0x0001,
    AcxJackConfigValidFlags = 0x0001
} ACX_JACK_CONFIG_FLAGS;

typedef enum _ACX_JACK_CONNECTION_TYPE {
    AcxConnTypeUnknown = eConnTypeUnknown,
    AcxConnType3Point5mm = eConnType3Point5mm,
    AcxConnTypeQuarter = eConnTypeQuarter,
    AcxConnTypeAtapiInternal = eConnTypeAtapiInternal,
    AcxConnTypeRCA = eConnTypeRCA,
    AcxConnTypeOptical = eConnTypeOptical,
    AcxConnTypeOtherDigital = eConnTypeOtherDigital,
    AcxConnTypeOtherAnalog = eConnTypeOtherAnalog,
    AcxConnTypeMultichannelAnalogDIN = eConnTypeMultichannelAnalogDIN,
    AcxConnTypeXlrProfessional = eConnTypeXlrProfessional,
    AcxConnTypeRJ11Modem = eConnTypeRJ11Modem,
    AcxConnTypeCombination = eConnTypeCombination
} ACX_JACK_CONNECTION_TYPE;

typedef enum _ACX_JACK_GEO_LOCATION {
    AcxGeoLocRear = eGeoLocRear,
    AcxGeoLocFront = eGeoLocFront,
    AcxGeoLocLeft = eGeoLocLeft,
    AcxGeoLocRight = eGeoLocRight,
    AcxGeoLocTop = eGeoLocTop,
    AcxGeoLocBottom = eGeoLocBottom,
    AcxGeoLocRearPanel = eGeoLocRearPanel,
    AcxGeoLocRiser = eGeoLocRiser,
    AcxGeoLocInsideMobileLid = eGeoLocInsideMobileLid,
    AcxGeoLocDrivebay = eGeoLocDrivebay,
    AcxGeoLocHDMI = eGeoLocHDMI,
    AcxGeoLocOutsideMobileLid = eGeoLocOutsideMobileLid,
    AcxGeoLocATAPI = eGeoLocATAPI,
    AcxGeoLocNotApplicable = eGeoLocNotApplicable,
    AcxGeoLocReserved6 = eGeoLocReserved6,
    AcxJackGeoLocationMaximum
} ACX_JACK_GEO_LOCATION;

typedef enum _ACX_JACK_GEN_LOCATION {
    AcxGenLocPrimaryBox = eGenLocPrimaryBox,
    AcxGenLocInternal = eGenLocInternal,
    AcxGenLocSeparate = eGenLocSeparate,
    AcxGenLocOther = eGenLocOther,
    AcxJackGenLocationMaximum
} ACX_JACK_GEN_LOCATION;

typedef enum _ACX_JACK_PORT_CONNECTION {
    AcxPortConnJack = ePortConnJack,
    AcxPortConnIntegratedDevice = ePortConnIntegratedDevice,
    AcxPortConnBothIntegratedAndJack = ePortConnBothIntegratedAndJack,
    AcxPortConnUnknown = ePortConnUnknown
} ACX_JACK_PORT_CONNECTION;

typedef enum _ACX_JACK_SINK_INFO_CONNECTION_TYPE {
    AcxJackSinkInfoConnectionTypeHdmi = KSJACK_SINK_CONNECTIONTYPE_HDMI,
    AcxJackSinkInfoConnectionTypeDisplayPort = KSJACK_SINK_CONNECTIONTYPE_DISPLAYPORT
} ACX_JACK_SINK_INFO_CONNECTION_TYPE;

typedef enum _ACX_MIC_ARRAY_TYPE {
    AcxMicArrayTypeLinear,
    AcxMicArrayTypePlanar,
    AcxMicArrayType3d,
    AcxMicArrayTypeMaximum
} ACX_MIC_ARRAY_TYPE;

typedef enum _ACX_MICROPHONE_TYPE {
    AcxMicrophoneTypeOmniDirectional,
    AcxMicrophoneTypeSubCardioid,
    AcxMicrophoneTypeCardioid,
    AcxMicrophoneTypeSuperCardioid,
    AcxMicrophoneTypeHyperCardioid,
    AcxMicrophoneType8Shaped,
    AcxMicrophoneTypeMaximum,
    AcxMicrophoneTypeVendorDefined = 0x0F
} ACX_MICROPHONE_TYPE;

typedef enum _ACX_MICARRAYGEOMETRY_CONFIG_FLAGS {
    AcxMicArrayGeometryConfigNoFlags = 0x0000,
    AcxMicArrayGeometryConfigValidFlags = 0x0000
} ACX_MICARRAYGEOMETRY_CONFIG_FLAGS;

typedef enum _ACX_MICROPHONE_CONFIG_FLAGS {
    AcxMicrophoneConfigNoFlags = 0x0000,
    AcxMicrophoneConfigValidFlags = 0x0000
} ACX_MICROPHONE_CONFIG_FLAGS;

/* One pin-to-pin edge of a circuit's or a stream's topology: each end is an object (a circuit,
 * an element) and a pin given by object or by id, as Flags says. */
typedef struct _ACX_CONNECTION {
    ULONG Size;
    ULONG Flags;
    ACXOBJECT FromObject;
    union {
        ACXPIN Object;
        ULONG Id;
    } FromPin;
    ACXOBJECT ToObject;
    union {
        ACXPIN Object;
        ULONG Id;
    } ToPin;
} ACX_CONNECTION, *PACX_CONNECTION;

typedef struct _ACX_PHYSICAL_CONNECTION {
    ULONG Size;
    ULONG Flags;
    union {
        ACXPIN Object;
        ULONG Id;
    } FromPin;
    UNICODE_STRING TargetName;
    ULONG TargetPinId;
} ACX_PHYSICAL_CONNECTION, *PACX_PHYSICAL_CONNECTION;

typedef struct _ACX_JACK_DESCRIPTION {
    ULONG ChannelMapping; /* KSAUDIO_SPEAKER_* bits */
    ULONG Color;          /* 0x00RRGGBB */
    ACX_JACK_CONNECTION_TYPE ConnectionType;
    ACX_JACK_GEO_LOCATION GeoLocation;
    ACX_JACK_GEN_LOCATION GenLocation;
    ACX_JACK_PORT_CONNECTION PortConnection;
} ACX_JACK_DESCRIPTION, *PACX_JACK_DESCRIPTION;

typedef struct _ACX_JACK_SINK_INFORMATION {
    ACX_JACK_SINK_INFO_CONNECTION_TYPE ConnType;
    USHORT ManufacturerId;
    USHORT ProductId;
    USHORT AudioLatency;
    BOOLEAN HDCPCapable;
    BOOLEAN AICapable;
    UCHAR SinkDescriptionLength;
    WCHAR SinkDescription[MAX_SINK_DESCRIPTION_NAME_LENGTH];
    LUID PortId;
} ACX_JACK_SINK_INFORMATION, *PACX_JACK_SINK_INFORMATION;

typedef NTSTATUS EVT_ACX_JACK_RETRIEVE_PRESENCE_STATE(ACXJACK Jack, PBOOLEAN IsConnected);
typedef EVT_ACX_JACK_RETRIEVE_PRESENCE_STATE *PFN_ACX_JACK_RETRIEVE_PRESENCE_STATE;

typedef struct _ACX_JACK_CALLBACKS {
    ULONG Size;
    PFN_ACX_JACK_RETRIEVE_PRESENCE_STATE EvtAcxJackRetrievePresenceState;
} ACX_JACK_CALLBACKS, *PACX_JACK_CALLBACKS;

typedef struct _ACX_JACK_CONFIG {
    ULONG Size;
    ULONG Id;
    ULONG Flags;
    PACX_JACK_CALLBACKS Callbacks;
    ACX_JACK_DESCRIPTION Description;
} ACX_JACK_CONFIG, *PACX_JACK_CONFIG;

typedef struct _ACX_MIC_ARRAY_GEOMETRY {
    USHORT Version; /* 0x0100: version 1.0 */
    ACX_MIC_ARRAY_TYPE MicArrayType;
    SHORT VerticalAngleBegin;
    SHORT VerticalAngleEnd;
    SHORT HorizontalAngleBegin;
    SHORT HorizontalAngleEnd;
    USHORT FrequencyBandLo;
    USHORT FrequencyBandHi;
} ACX_MIC_ARRAY_GEOMETRY, *PACX_MIC_ARRAY_GEOMETRY;

typedef struct _ACX_MICARRAYGEOMETRY_CONFIG {
    ULONG Size;
    ULONG Flags;
    ACX_MIC_ARRAY_GEOMETRY Geometry;
} ACX_MICARRAYGEOMETRY_CONFIG, *PACX_MICARRAYGEOMETRY_CONFIG;

typedef struct _ACX_MICROPHONE_COORDINATES {
    ACX_MICROPHONE_TYPE Type;
    SHORT XCoord; /* millimetres */
    SHORT YCoord;
    SHORT ZCoord;
    SHORT VerticalAngle;   /* radians x 10,000 */
    SHORT HorizontalAngle; /* radians x 10,000 */
} ACX_MICROPHONE_COORDINATES, *PACX_MICROPHONE_COORDINATES;

typedef struct _ACX_INTERLEAVED_AUDIO_FORMAT_INFORMATION {
    ULONG Size;
    ULONG PrimaryChannelCount;
    ULONG PrimaryChannelStartPosition;
    ULONG PrimaryChannelMask;
    ULONG InterleavedChannelCount;
    ULONG InterleavedChannelStartPosition;
    ULONG InterleavedChannelMask;
} ACX_INTERLEAVED_AUDIO_FORMAT_INFORMATION, *PACX_INTERLEAVED_AUDIO_FORMAT_INFORMATION;

/* SNR and sensitivity are 16.16 fixed-point dB. */
typedef struct _ACX_MICROPHONE_CONFIG {
    ULONG Size;
    ULONG Flags;
    LONG MicrophoneSnrDB;
    LONG MicrophoneSensitivityDB;
    ACXMICARRAYGEOMETRY MicArrayGeometry;
    PACX_INTERLEAVED_AUDIO_FORMAT_INFORMATION InterleavedFormat;
} ACX_MICROPHONE_CONFIG, *PACX_MICROPHONE_CONFIG;

typedef NTSTATUS EVT_ACX_PIN_SET_DATAFORMAT(ACXPIN Pin, ACXDATAFORMAT DataFormat);
typedef EVT_ACX_PIN_SET_DATAFORMAT *PFN_ACX_PIN_SET_DATAFORMAT;
typedef NTSTATUS EVT_ACX_PIN_RETRIEVE_NAME(ACXPIN Pin, PUNICODE_STRING Name);
typedef EVT_ACX_PIN_RETRIEVE_NAME *PFN_ACX_PIN_RETRIEVE_NAME;
typedef NTSTATUS EVT_ACX_PIN_RETRIEVE_JACK_SINK_INFO(ACXPIN Pin,
                                                     PACX_JACK_SINK_INFORMATION SinkInfo);
typedef EVT_ACX_PIN_RETRIEVE_JACK_SINK_INFO *PFN_ACX_PIN_RETRIEVE_JACK_SINK_INFO;
typedef VOID EVT_ACX_PIN_CONNECTED(ACXPIN Pin, ACXTARGETCIRCUIT TargetCircuit, ULONG TargetPinId);
typedef EVT_ACX_PIN_CONNECTED *PFN_ACX_PIN_CONNECTED;
typedef VOID EVT_ACX_PIN_DISCONNECTED(ACXPIN Pin, ACXTARGETCIRCUIT TargetCircuit,
                                      ULONG TargetPinId);
typedef EVT_ACX_PIN_DISCONNECTED *PFN_ACX_PIN_DISCONNECTED;
typedef VOID EVT_ACX_PIN_DATAFORMAT_CHANGE_NOTIFICATION(ACXPIN Pin, ACXTARGETCIRCUIT TargetCircuit,
                                                        ULONG TargetPinId);
typedef EVT_ACX_PIN_DATAFORMAT_CHANGE_NOTIFICATION *PFN_ACX_PIN_DATAFORMAT_CHANGE_NOTIFICATION;

typedef struct _ACX_PIN_CALLBACKS {
    ULONG Size;
    PFN_ACX_PIN_SET_DATAFORMAT EvtAcxPinSetDataFormat;
    PFN_ACX_PIN_RETRIEVE_NAME EvtAcxPinRetrieveName;
    PFN_ACX_PIN_RETRIEVE_JACK_SINK_INFO EvtAcxPinRetrieveJackSinkInfo;
    PFN_ACX_OBJECT_PROCESS_REQUEST EvtAcxPinProcessJackRequest;
    PFN_ACX_PIN_CONNECTED EvtAcxPinConnected;
    PFN_ACX_PIN_DISCONNECTED EvtAcxPinDisconnected;
    PFN_ACX_PIN_DATAFORMAT_CHANGE_NOTIFICATION EvtAcxPinDataFormatChangeNotification;
} ACX_PIN_CALLBACKS, *PACX_PIN_CALLBACKS;

typedef struct _ACX_PIN_CONFIG {
    ULONG Size;
    ULONG Flags;
    ULONG Id;
    ACX_PIN_TYPE Type;
    ACX_PIN_COMMUNICATION Communication;
    ACX_PIN_QUALIFIER Qualifier;
    const GUID *Category;
    const GUID *Name;
    PACX_PIN_CALLBACKS PinCallbacks;
    ULONG PropertiesCount;
    ULONG MethodsCount;
    PACX_PROPERTY_ITEM Properties;
    PACX_METHOD_ITEM Methods;
    union {
        PACX_MICROPHONE_CONFIG MicrophoneConfig; /* AcxPinConfigMicrophoneConfigSpecified */
    } u;
    ULONG MaxStreams;
} ACX_PIN_CONFIG, *PACX_PIN_CONFIG;

FORCEINLINE VOID ACX_CONNECTION_INIT(PACX_CONNECTION Connection, ACXOBJECT FromObject,
                                     ACXOBJECT ToObject)
{
    RtlZeroMemory(Connection, sizeof(*Connection));
    Connection->Size = sizeof(*Connection);
    Connection->FromObject = FromObject;
    Connection->ToObject = ToObject;
}

_ACX_SIZED_INIT(ACX_PHYSICAL_CONNECTION, Connection)

_ACX_SIZED_INIT(ACX_JACK_CALLBACKS, Callbacks)

FORCEINLINE VOID ACX_JACK_CONFIG_INIT_ID(PACX_JACK_CONFIG Config, ULONG Id)
{
    RtlZeroMemory(Config, sizeof(*Config));
    Config->Size = sizeof(*Config);
    Config->Id = Id;
}

#define ACX_JACK_CONFIG_INIT(cfg) ACX_JACK_CONFIG_INIT_ID(cfg, AcxJackPropertiesIdDefault)

_ACX_SIZED_INIT(ACX_MICARRAYGEOMETRY_CONFIG, Config)

_ACX_SIZED_INIT(ACX_MICROPHONE_CONFIG, Config)

_ACX_SIZED_INIT(ACX_INTERLEAVED_AUDIO_FORMAT_INFORMATION, Info)

_ACX_SIZED_INIT(ACX_PIN_CALLBACKS, PinCallbacks)

FORCEINLINE VOID ACX_PIN_CONFIG_INIT_ID(PACX_PIN_CONFIG Config, ULONG Id)
{
    RtlZeroMemory(Config, sizeof(*Config));
    Config->Size = sizeof(*Config);
    Config->Id = Id;
}

/* AcxPinIdDefault: ACX numbers the pins in the order they are added. */
#define ACX_PIN_CONFIG_INIT(cfg) ACX_PIN_CONFIG_INIT_ID(cfg, AcxPinIdDefault)

NTSTATUS AcxPinCreate(ACXCIRCUIT Circuit, PWDF_OBJECT_ATTRIBUTES Attributes, PACX_PIN_CONFIG Config,
                      ACXPIN *Pin) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxPinAddEvents(ACXPIN Pin, ACXEVENT *Events, ULONG EventsCount) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxPinAddJacks(ACXPIN Pin, ACXJACK *Jacks, ULONG jackCount) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxPinRetrieveModeDataFormatList(ACXPIN AcxPin, const GUID *SignalProcessingMode,
                                          ACXDATAFORMATLIST *DataFormatList) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxPinAssignModeDataFormatList(ACXPIN AcxPin, const GUID *SignalProcessingMode,
                                        ACXDATAFORMATLIST DataFormatList) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxPinRemoveModeDataFormatList(ACXPIN AcxPin, const GUID *SignalProcessingMode,
                                        ACXDATAFORMATLIST *DataFormatList) DRVHOST_NOT_PROVIDED;
ACXDATAFORMATLIST AcxPinGetRawDataFormatList(ACXPIN AcxPin) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxPinNotifyDataFormatChange(ACXPIN Pin) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxPinAddStreamBridges(ACXPIN Pin, ACXSTREAMBRIDGE *StreamBridges,
                                ULONG StreamBridgesCount) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxPinRemoveStreamBridges(ACXPIN Pin, ACXSTREAMBRIDGE *StreamBridges,
                                   ULONG StreamBridgesCount) DRVHOST_NOT_PROVIDED;
ACXCIRCUIT AcxPinGetCircuit(ACXPIN AcxPin) DRVHOST_NOT_PROVIDED;
ACX_PIN_TYPE AcxPinGetType(ACXPIN AcxPin) DRVHOST_NOT_PROVIDED;
ULONG AcxPinGetId(ACXPIN AcxPin) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxJackCreate(ACXPIN AcxPin, PWDF_OBJECT_ATTRIBUTES Attributes, PACX_JACK_CONFIG Config,
                       ACXJACK *Jack) DRVHOST_NOT_PROVIDED;
VOID AcxJackChangeStateNotification(ACXJACK Jack) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxMicArrayGeometryCreate(ACXCIRCUIT AcxCircuit, PWDF_OBJECT_ATTRIBUTES Attributes,
                                   PACX_MICARRAYGEOMETRY_CONFIG Config,
                                   ACXMICARRAYGEOMETRY *MicArrayGeometry) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxMicArrayGeometryAddMicrophoneCoordinates(
    ACXMICARRAYGEOMETRY MicArrayGeometry, PACX_MICROPHONE_COORDINATES MicrophoneCoordinates,
    ULONG MicrophoneCoordinatesCount) DRVHOST_NOT_PROVIDED;

#ifdef __cplusplus
}
#endif

#endif /* _ACXPIN_H_ */
