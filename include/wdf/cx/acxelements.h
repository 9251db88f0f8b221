/*
 * acxelements.h - ACX elements: the processing nodes of a circuit or stream (generic elements,
 * volume, mute, peak meter, the hardware audio engine and its per-stream part, keyword spotter,
 * audio modules), each with a config (Size, Id, Name, Flags, ...), callbacks and a create
 * routine. Types are inferred from the reference's prose (see acx.h).
 */
#include <acx.h>

#ifndef _ACXELEMENTS_H_
#define _ACXELEMENTS_H_

#ifdef __cplusplus
extern "C" {
#endif

/* "Let ACX choose" (ACX numbers the elements in the order they are added). The value is not
 * documented; drvhost uses all-ones. */
#define AcxElementIdDefault ((ULONG)-1)
/* The descriptor's name buffer in characters, NUL included. Undocumented value: drvhost uses
 * 128, the size of the KS audio module descriptor's name (AUDIOMODULE_MAX_NAME_CCH_SIZE). */
#define ACX_AUDIOMODULE_MAX_NAME_CCH_SIZE 128

#define _ACX_NO_FLAGS_ENUM(Name, Prefix)                                                           \
    typedef enum _##Name{Prefix##NoFlags = 0x0000, Prefix##ValidFlags = 0x0000} Name
_ACX_NO_FLAGS_ENUM(ACX_ELEMENT_CONFIG_FLAGS, AcxElementConfig);
_ACX_NO_FLAGS_ENUM(ACX_VOLUME_CONFIG_FLAGS, AcxVolumeConfig);
_ACX_NO_FLAGS_ENUM(ACX_MUTE_CONFIG_FLAGS, AcxMuteConfig);
_ACX_NO_FLAGS_ENUM(ACX_PEAKMETER_CONFIG_FLAGS, AcxPeakMeterConfig);
_ACX_NO_FLAGS_ENUM(ACX_AUDIOENGINE_CONFIG_FLAGS, AcxAudioEngineConfig);
_ACX_NO_FLAGS_ENUM(ACX_STREAMAUDIOENGINE_CONFIG_FLAGS, AcxStreamAudioEngineConfig);
_ACX_NO_FLAGS_ENUM(ACX_KEYWORDSPOTTER_CONFIG_FLAGS, AcxKeywordSpotterConfig);
_ACX_NO_FLAGS_ENUM(ACX_AUDIOMODULE_CONFIG_FLAGS, AcxAudioModuleConfig);

typedef enum _ACX_VOLUME_CURVE_TYPE {
    AcxVolumeCurveTypeNone,
    AcxVolumeCurveTypeFade
} ACX_VOLUME_CURVE_TYPE;

/* Loopback protection of a stream (EVT_ACX_STREAMAUDIOENGINE_ASSIGN_LOOPBACK_PROTECTION). */
typedef enum _ACX_CONSTRICTOR_OPTION {
    AcxConstrictorOptionNone,
    AcxConstrictorOptionMute
} ACX_CONSTRICTOR_OPTION;

/* --- callbacks --- */
typedef NTSTATUS EVT_ACX_VOLUME_ASSIGN_LEVEL(ACXVOLUME Volume, ULONG Channel, LONG VolumeLevel);
typedef EVT_ACX_VOLUME_ASSIGN_LEVEL *PFN_ACX_VOLUME_ASSIGN_LEVEL;
typedef NTSTATUS EVT_ACX_RAMPED_VOLUME_ASSIGN_LEVEL(ACXVOLUME Volume, ULONG Channel,
                                                    LONG VolumeLevel,
                                                    ACX_VOLUME_CURVE_TYPE CurveType,
                                                    ULONGLONG CurveDuration);
typedef EVT_ACX_RAMPED_VOLUME_ASSIGN_LEVEL *PFN_ACX_RAMPED_VOLUME_ASSIGN_LEVEL;
typedef NTSTATUS EVT_ACX_VOLUME_RETRIEVE_LEVEL(ACXVOLUME Volume, ULONG Channel, LONG *VolumeLevel);
typedef EVT_ACX_VOLUME_RETRIEVE_LEVEL *PFN_ACX_VOLUME_RETRIEVE_LEVEL;
typedef NTSTATUS EVT_ACX_MUTE_ASSIGN_STATE(ACXMUTE Mute, ULONG Channel, ULONG State);
typedef EVT_ACX_MUTE_ASSIGN_STATE *PFN_ACX_MUTE_ASSIGN_STATE;
typedef NTSTATUS EVT_ACX_MUTE_RETRIEVE_STATE(ACXMUTE Mute, ULONG Channel, ULONG *State);
typedef EVT_ACX_MUTE_RETRIEVE_STATE *PFN_ACX_MUTE_RETRIEVE_STATE;
typedef NTSTATUS EVT_ACX_PEAKMETER_RETRIEVE_LEVEL(ACXPEAKMETER PeakMeter, ULONG Channel,
                                                  LONG *Level);
typedef EVT_ACX_PEAKMETER_RETRIEVE_LEVEL *PFN_ACX_PEAKMETER_RETRIEVE_LEVEL;
typedef NTSTATUS EVT_ACX_AUDIOENGINE_RETRIEVE_BUFFER_SIZE_LIMITS(ACXAUDIOENGINE AudioEngine,
                                                                 ACXDATAFORMAT Format,
                                                                 PULONG MinBufferSizeInBytes,
                                                                 PULONG MaxBufferSizeInBytes);
typedef EVT_ACX_AUDIOENGINE_RETRIEVE_BUFFER_SIZE_LIMITS
    *PFN_ACX_AUDIOENGINE_RETRIEVE_BUFFER_SIZE_LIMITS;
typedef NTSTATUS EVT_ACX_AUDIOENGINE_ASSIGN_EFFECTS_STATE(ACXAUDIOENGINE AudioEngine, ULONG State);
typedef EVT_ACX_AUDIOENGINE_ASSIGN_EFFECTS_STATE *PFN_ACX_AUDIOENGINE_ASSIGN_EFFECTS_STATE;
typedef NTSTATUS EVT_ACX_AUDIOENGINE_RETRIEVE_EFFECTS_STATE(ACXAUDIOENGINE AudioEngine,
                                                            PULONG State);
typedef EVT_ACX_AUDIOENGINE_RETRIEVE_EFFECTS_STATE *PFN_ACX_AUDIOENGINE_RETRIEVE_EFFECTS_STATE;
typedef NTSTATUS EVT_ACX_AUDIOENGINE_RETRIEVE_ENGINE_FORMAT(ACXAUDIOENGINE AudioEngine,
                                                            ACXDATAFORMAT *Format);
typedef EVT_ACX_AUDIOENGINE_RETRIEVE_ENGINE_FORMAT *PFN_ACX_AUDIOENGINE_RETRIEVE_ENGINE_FORMAT;
typedef NTSTATUS EVT_ACX_AUDIOENGINE_ASSIGN_ENGINE_FORMAT(ACXAUDIOENGINE AudioEngine,
                                                          ACXDATAFORMAT Format);
typedef EVT_ACX_AUDIOENGINE_ASSIGN_ENGINE_FORMAT *PFN_ACX_AUDIOENGINE_ASSIGN_ENGINE_FORMAT;
typedef NTSTATUS EVT_ACX_STREAMAUDIOENGINE_ASSIGN_EFFECTS_STATE(
    ACXSTREAMAUDIOENGINE StreamAudioEngine, ULONG State);
typedef EVT_ACX_STREAMAUDIOENGINE_ASSIGN_EFFECTS_STATE
    *PFN_ACX_STREAMAUDIOENGINE_ASSIGN_EFFECTS_STATE;
typedef NTSTATUS EVT_ACX_STREAMAUDIOENGINE_RETRIEVE_EFFECTS_STATE(
    ACXSTREAMAUDIOENGINE StreamAudioEngine, PULONG State);
typedef EVT_ACX_STREAMAUDIOENGINE_RETRIEVE_EFFECTS_STATE
    *PFN_ACX_STREAMAUDIOENGINE_RETRIEVE_EFFECTS_STATE;
typedef NTSTATUS EVT_ACX_STREAMAUDIOENGINE_RETRIEVE_PRESENTATION_POSITION(
    ACXSTREAMAUDIOENGINE StreamAudioEngine, PULONGLONG PositionInBlocks, PULONGLONG QPCPosition);
typedef EVT_ACX_STREAMAUDIOENGINE_RETRIEVE_PRESENTATION_POSITION
    *PFN_ACX_STREAMAUDIOENGINE_RETRIEVE_PRESENTATION_POSITION;
typedef NTSTATUS EVT_ACX_STREAMAUDIOENGINE_ASSIGN_CURRENT_WRITE_POSITION(
    ACXSTREAMAUDIOENGINE StreamAudioEngine, ULONG Position);
typedef EVT_ACX_STREAMAUDIOENGINE_ASSIGN_CURRENT_WRITE_POSITION
    *PFN_ACX_STREAMAUDIOENGINE_ASSIGN_CURRENT_WRITE_POSITION;
typedef NTSTATUS EVT_ACX_STREAMAUDIOENGINE_RETRIEVE_LINEAR_BUFFER_POSITION(
    ACXSTREAMAUDIOENGINE StreamAudioEngine, PULONGLONG Position);
typedef EVT_ACX_STREAMAUDIOENGINE_RETRIEVE_LINEAR_BUFFER_POSITION
    *PFN_ACX_STREAMAUDIOENGINE_RETRIEVE_LINEAR_BUFFER_POSITION;
typedef NTSTATUS EVT_ACX_STREAMAUDIOENGINE_ASSIGN_LAST_BUFFER_POSITION(
    ACXSTREAMAUDIOENGINE StreamAudioEngine, ULONG Position);
typedef EVT_ACX_STREAMAUDIOENGINE_ASSIGN_LAST_BUFFER_POSITION
    *PFN_ACX_STREAMAUDIOENGINE_ASSIGN_LAST_BUFFER_POSITION;
typedef NTSTATUS EVT_ACX_STREAMAUDIOENGINE_ASSIGN_LOOPBACK_PROTECTION(
    ACXSTREAMAUDIOENGINE StreamAudioEngine, ACX_CONSTRICTOR_OPTION ConstrictorOption);
typedef EVT_ACX_STREAMAUDIOENGINE_ASSIGN_LOOPBACK_PROTECTION
    *PFN_ACX_STREAMAUDIOENGINE_ASSIGN_LOOPBACK_PROTECTION;
typedef NTSTATUS EVT_ACX_KEYWORDSPOTTER_RETRIEVE_ARM(ACXKEYWORDSPOTTER KeywordSpotter,
                                                     GUID *EventId, PBOOLEAN Arm);
typedef EVT_ACX_KEYWORDSPOTTER_RETRIEVE_ARM *PFN_ACX_KEYWORDSPOTTER_RETRIEVE_ARM;
typedef NTSTATUS EVT_ACX_KEYWORDSPOTTER_ASSIGN_ARM(ACXKEYWORDSPOTTER KeywordSpotter, GUID *EventId,
                                                   BOOLEAN Arm);
typedef EVT_ACX_KEYWORDSPOTTER_ASSIGN_ARM *PFN_ACX_KEYWORDSPOTTER_ASSIGN_ARM;
typedef NTSTATUS EVT_ACX_KEYWORDSPOTTER_ASSIGN_PATTERNS(ACXKEYWORDSPOTTER KeywordSpotter,
                                                        GUID *EventId, PVOID Pattern,
                                                        ULONG PatternSize);
typedef EVT_ACX_KEYWORDSPOTTER_ASSIGN_PATTERNS *PFN_ACX_KEYWORDSPOTTER_ASSIGN_PATTERNS;
typedef NTSTATUS EVT_ACX_KEYWORDSPOTTER_ASSIGN_RESET(ACXKEYWORDSPOTTER KeywordSpotter,
                                                     GUID *EventId);
typedef EVT_ACX_KEYWORDSPOTTER_ASSIGN_RESET *PFN_ACX_KEYWORDSPOTTER_ASSIGN_RESET;
typedef NTSTATUS EVT_ACX_AUDIOMODULE_PROCESSCOMMAND(ACXAUDIOMODULE AudioModule, PVOID InBuffer,
                                                    ULONG InBufferCb, PVOID OutBuffer,
                                                    PULONG OutBufferCb);
typedef EVT_ACX_AUDIOMODULE_PROCESSCOMMAND *PFN_ACX_AUDIOMODULE_PROCESSCOMMAND;

/* --- callback tables --- */
typedef struct _ACX_VOLUME_CALLBACKS {
    ULONG Size;
    PFN_ACX_VOLUME_ASSIGN_LEVEL EvtAcxVolumeAssignLevel;
    PFN_ACX_RAMPED_VOLUME_ASSIGN_LEVEL EvtAcxRampedVolumeAssignLevel;
    PFN_ACX_VOLUME_RETRIEVE_LEVEL EvtAcxVolumeRetrieveLevel;
    PFN_ACX_OBJECT_PROCESS_REQUEST EvtAcxVolumeProcessRequest;
} ACX_VOLUME_CALLBACKS, *PACX_VOLUME_CALLBACKS;

typedef struct _ACX_MUTE_CALLBACKS {
    ULONG Size;
    PFN_ACX_MUTE_ASSIGN_STATE EvtAcxMuteAssignState;
    PFN_ACX_MUTE_RETRIEVE_STATE EvtAcxMuteRetrieveState;
    PFN_ACX_OBJECT_PROCESS_REQUEST EvtAcxMuteProcessRequest;
} ACX_MUTE_CALLBACKS, *PACX_MUTE_CALLBACKS;

typedef struct _ACX_PEAKMETER_CALLBACKS {
    ULONG Size;
    PFN_ACX_PEAKMETER_RETRIEVE_LEVEL EvtAcxPeakMeterRetrieveLevel;
    PFN_ACX_OBJECT_PROCESS_REQUEST EvtAcxPeakMeterProcessRequest;
} ACX_PEAKMETER_CALLBACKS, *PACX_PEAKMETER_CALLBACKS;

typedef struct _ACX_AUDIOENGINE_CALLBACKS {
    ULONG Size;
    PFN_ACX_AUDIOENGINE_RETRIEVE_BUFFER_SIZE_LIMITS EvtAcxAudioEngineRetrieveBufferSizeLimits;
    PFN_ACX_AUDIOENGINE_ASSIGN_EFFECTS_STATE EvtAcxAudioEngineAssignEffectsState;
    PFN_ACX_AUDIOENGINE_RETRIEVE_EFFECTS_STATE EvtAcxAudioEngineRetrieveEffectsState;
    PFN_ACX_AUDIOENGINE_RETRIEVE_ENGINE_FORMAT EvtAcxAudioEngineRetrieveEngineMixFormat;
    PFN_ACX_AUDIOENGINE_ASSIGN_ENGINE_FORMAT EvtAcxAudioEngineAssignEngineDeviceFormat;
    PFN_ACX_OBJECT_PROCESS_REQUEST EvtAcxAudioEngineProcessRequest;
} ACX_AUDIOENGINE_CALLBACKS, *PACX_AUDIOENGINE_CALLBACKS;

typedef struct _ACX_STREAMAUDIOENGINE_CALLBACKS {
    ULONG Size;
    PFN_ACX_STREAMAUDIOENGINE_ASSIGN_EFFECTS_STATE EvtAcxStreamAudioEngineAssignEffectsState;
    PFN_ACX_STREAMAUDIOENGINE_RETRIEVE_EFFECTS_STATE EvtAcxStreamAudioEngineRetrieveEffectsState;
    PFN_ACX_STREAMAUDIOENGINE_RETRIEVE_PRESENTATION_POSITION
    EvtAcxStreamAudioEngineRetrievePresentationPosition;
    PFN_ACX_STREAMAUDIOENGINE_ASSIGN_CURRENT_WRITE_POSITION
    EvtAcxStreamAudioEngineAssignCurrentWritePosition;
    PFN_ACX_STREAMAUDIOENGINE_RETRIEVE_LINEAR_BUFFER_POSITION
    EvtAcxStreamAudioEngineRetrieveLinearBufferPosition;
    PFN_ACX_STREAMAUDIOENGINE_ASSIGN_LAST_BUFFER_POSITION
    EvtAcxStreamAudioEngineAssignLastBufferPosition;
    PFN_ACX_STREAMAUDIOENGINE_ASSIGN_LOOPBACK_PROTECTION
    EvtAcxStreamAudioEngineAssignLoopbackProtection;
    PFN_ACX_OBJECT_PROCESS_REQUEST EvtAcxStreamAudioEngineProcessRequest;
} ACX_STREAMAUDIOENGINE_CALLBACKS, *PACX_STREAMAUDIOENGINE_CALLBACKS;

typedef struct _ACX_KEYWORDSPOTTER_CALLBACKS {
    ULONG Size;
    PFN_ACX_KEYWORDSPOTTER_RETRIEVE_ARM EvtAcxKeywordSpotterRetrieveArm;
    PFN_ACX_KEYWORDSPOTTER_ASSIGN_ARM EvtAcxKeywordSpotterAssignArm;
    PFN_ACX_KEYWORDSPOTTER_ASSIGN_PATTERNS EvtAcxKeywordSpotterAssignPatterns;
    PFN_ACX_KEYWORDSPOTTER_ASSIGN_RESET EvtAcxKeywordSpotterAssignReset;
} ACX_KEYWORDSPOTTER_CALLBACKS, *PACX_KEYWORDSPOTTER_CALLBACKS;

typedef struct _ACX_AUDIOMODULE_CALLBACKS {
    ULONG Size;
    PFN_ACX_AUDIOMODULE_PROCESSCOMMAND EvtAcxAudioModuleProcessCommand;
} ACX_AUDIOMODULE_CALLBACKS, *PACX_AUDIOMODULE_CALLBACKS;

/* --- configurations --- */
typedef struct _ACX_ELEMENT_CONFIG {
    ULONG Size;
    ULONG Id;
    const GUID *Type; /* a KSNODETYPE */
    const GUID *Name;
    ULONG Flags;
    ULONG PropertiesCount;
    ULONG MethodsCount;
    PACX_PROPERTY_ITEM Properties;
    PACX_METHOD_ITEM Methods;
} ACX_ELEMENT_CONFIG, *PACX_ELEMENT_CONFIG;

typedef struct _ACX_VOLUME_CONFIG {
    ULONG Size;
    ULONG Id;
    const GUID *Name;
    ULONG Flags;
    ULONG ChannelsCount;
    LONG Maximum;
    LONG Minimum;
    ULONG SteppingDelta;
    PACX_VOLUME_CALLBACKS Callbacks;
} ACX_VOLUME_CONFIG, *PACX_VOLUME_CONFIG;

typedef struct _ACX_MUTE_CONFIG {
    ULONG Size;
    ULONG Id;
    const GUID *Name;
    ULONG Flags;
    ULONG ChannelsCount;
    PACX_MUTE_CALLBACKS Callbacks;
} ACX_MUTE_CONFIG, *PACX_MUTE_CONFIG;

typedef struct _ACX_PEAKMETER_CONFIG {
    ULONG Size;
    ULONG Id;
    const GUID *Name;
    ULONG Flags;
    ULONG ChannelsCount;
    LONG Maximum;
    LONG Minimum;
    ULONG SteppingDelta;
    PACX_PEAKMETER_CALLBACKS Callbacks;
} ACX_PEAKMETER_CONFIG, *PACX_PEAKMETER_CONFIG;

typedef struct _ACX_AUDIOENGINE_CONFIG {
    ULONG Size;
    ULONG Id;
    const GUID *Name;
    ULONG Flags;
    ACXPIN HostPin;
    ACXPIN OffloadPin;
    ACXPIN LoopbackPin;
    ACXVOLUME VolumeElement;
    ACXMUTE MuteElement;
    ACXPEAKMETER PeakMeterElement;
    PACX_AUDIOENGINE_CALLBACKS Callbacks;
} ACX_AUDIOENGINE_CONFIG, *PACX_AUDIOENGINE_CONFIG;

typedef struct _ACX_STREAMAUDIOENGINE_CONFIG {
    ULONG Size;
    ULONG Id;
    const GUID *Name;
    ULONG Flags;
    ACXVOLUME VolumeElement;
    ACXMUTE MuteElement;
    ACXPEAKMETER PeakMeterElement;
    PACX_STREAMAUDIOENGINE_CALLBACKS Callbacks;
} ACX_STREAMAUDIOENGINE_CONFIG, *PACX_STREAMAUDIOENGINE_CONFIG;

typedef struct _ACX_KEYWORDSPOTTER_CONFIG {
    ULONG Size;
    ULONG Id;
    const GUID *Name;
    ULONG Flags;
    const GUID *Pattern;
    PACX_KEYWORDSPOTTER_CALLBACKS Callbacks;
} ACX_KEYWORDSPOTTER_CONFIG, *PACX_KEYWORDSPOTTER_CONFIG;

typedef struct _ACX_AUDIOMODULE_DESCRIPTOR {
    GUID ClassId;
    ULONG InstanceId;
    ULONG VersionMajor;
    ULONG VersionMinor;
    WCHAR Name[ACX_AUDIOMODULE_MAX_NAME_CCH_SIZE];
} ACX_AUDIOMODULE_DESCRIPTOR, *PACX_AUDIOMODULE_DESCRIPTOR;

typedef struct _ACX_AUDIOMODULE_CONFIG {
    ULONG Size;
    ULONG Id;
    const GUID *Name;
    ULONG Flags;
    ACX_AUDIOMODULE_DESCRIPTOR Descriptor;
    PACX_AUDIOMODULE_CALLBACKS Callbacks;
} ACX_AUDIOMODULE_CONFIG, *PACX_AUDIOMODULE_CONFIG;

/* --- _INIT helpers: zero, Size, and (configs) the element id --- */
#define _ACX_ELEMENT_CONFIG_INITS(Type)                                                            \
    FORCEINLINE VOID Type##_INIT_ID(P##Type Config, ULONG Id)                                      \
    {                                                                                              \
        RtlZeroMemory(Config, sizeof(*Config));                                                    \
        Config->Size = sizeof(*Config);                                                            \
        Config->Id = Id;                                                                           \
    }                                                                                              \
    FORCEINLINE VOID Type##_INIT(P##Type cfg)                                                      \
    {                                                                                              \
        Type##_INIT_ID(cfg, AcxElementIdDefault);                                                  \
    }

_ACX_SIZED_INIT(ACX_VOLUME_CALLBACKS, Callbacks)
_ACX_SIZED_INIT(ACX_MUTE_CALLBACKS, Callbacks)
_ACX_SIZED_INIT(ACX_PEAKMETER_CALLBACKS, Callbacks)
_ACX_SIZED_INIT(ACX_AUDIOENGINE_CALLBACKS, Callbacks)
_ACX_SIZED_INIT(ACX_STREAMAUDIOENGINE_CALLBACKS, Callbacks)
_ACX_SIZED_INIT(ACX_KEYWORDSPOTTER_CALLBACKS, Callbacks)
_ACX_SIZED_INIT(ACX_AUDIOMODULE_CALLBACKS, Callbacks)
_ACX_ELEMENT_CONFIG_INITS(ACX_ELEMENT_CONFIG)
_ACX_ELEMENT_CONFIG_INITS(ACX_VOLUME_CONFIG)
_ACX_ELEMENT_CONFIG_INITS(ACX_MUTE_CONFIG)
_ACX_ELEMENT_CONFIG_INITS(ACX_PEAKMETER_CONFIG)
_ACX_ELEMENT_CONFIG_INITS(ACX_AUDIOENGINE_CONFIG)
_ACX_ELEMENT_CONFIG_INITS(ACX_STREAMAUDIOENGINE_CONFIG)
_ACX_ELEMENT_CONFIG_INITS(ACX_KEYWORDSPOTTER_CONFIG)
_ACX_ELEMENT_CONFIG_INITS(ACX_AUDIOMODULE_CONFIG)

/* --- routines --- */
NTSTATUS AcxElementCreate(ACXOBJECT Object, PWDF_OBJECT_ATTRIBUTES Attributes,
                          PACX_ELEMENT_CONFIG Config, ACXELEMENT *Element) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxElementAddEvents(ACXELEMENT Element, ACXEVENT *Events,
                             ULONG EventsCount) DRVHOST_NOT_PROVIDED;
ULONG AcxElementGetId(ACXELEMENT Element) DRVHOST_NOT_PROVIDED;
ACXOBJECT AcxElementGetContainer(ACXELEMENT Element) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxVolumeCreate(ACXOBJECT Object, PWDF_OBJECT_ATTRIBUTES Attributes,
                         PACX_VOLUME_CONFIG Config, ACXVOLUME *Volume) DRVHOST_NOT_PROVIDED;
VOID AcxVolumeChangeLevelNotification(ACXVOLUME Volume) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxMuteCreate(ACXOBJECT Object, PWDF_OBJECT_ATTRIBUTES Attributes, PACX_MUTE_CONFIG Config,
                       ACXMUTE *Mute) DRVHOST_NOT_PROVIDED;
VOID AcxMuteChangeStateNotification(ACXMUTE Mute) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxPeakMeterCreate(ACXOBJECT Object, PWDF_OBJECT_ATTRIBUTES Attributes,
                            PACX_PEAKMETER_CONFIG Config,
                            ACXPEAKMETER *PeakMeter) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxAudioEngineCreate(ACXOBJECT Object, PWDF_OBJECT_ATTRIBUTES Attributes,
                              PACX_AUDIOENGINE_CONFIG Config,
                              ACXAUDIOENGINE *AudioEngine) DRVHOST_NOT_PROVIDED;
ACXDATAFORMATLIST AcxAudioEngineGetDeviceFormatList(ACXAUDIOENGINE AudioEngine)
    DRVHOST_NOT_PROVIDED;
NTSTATUS AcxStreamAudioEngineCreate(ACXSTREAM Stream, ACXAUDIOENGINE AudioEngine,
                                    PWDF_OBJECT_ATTRIBUTES Attributes,
                                    PACX_STREAMAUDIOENGINE_CONFIG Config,
                                    ACXSTREAMAUDIOENGINE *StreamAudioEngine) DRVHOST_NOT_PROVIDED;
ACXSTREAM AcxStreamAudioEngineGetStream(ACXSTREAMAUDIOENGINE StreamAudioEngine)
    DRVHOST_NOT_PROVIDED;
NTSTATUS AcxKeywordSpotterCreate(ACXOBJECT Object, PWDF_OBJECT_ATTRIBUTES Attributes,
                                 PACX_KEYWORDSPOTTER_CONFIG Config,
                                 ACXKEYWORDSPOTTER *KeywordSpotter) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxAudioModuleCreate(ACXOBJECT Object, PWDF_OBJECT_ATTRIBUTES Attributes,
                              PACX_AUDIOMODULE_CONFIG Config,
                              ACXAUDIOMODULE *AudioModule) DRVHOST_NOT_PROVIDED;

#ifdef __cplusplus
}
#endif

#endif /* _ACXELEMENTS_H_ */
