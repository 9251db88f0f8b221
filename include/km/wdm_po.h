/*
 * wdm_po.h - part of wdm.h: the power manager's routines beyond power IRPs: power setting
 * callbacks, power limit requests, and the runtime power management framework (PoFx:
 * POHANDLE, PO_FX_DEVICE, PO_FX_COMPONENT and the PoFx* routines), with Microsoft's names,
 * values and layouts. Included by wdm.h; not meant to be included on its own.
 *
 * drvhost provides the power setting callbacks and PoFx (docs/power.md). The power limit
 * requests are declared DRVHOST_NOT_PROVIDED, so a driver that calls one fails to compile with
 * "'X' is unavailable: drvhost does not provide this routine" rather than loading and failing
 * later (docs/compatibility.md says what each needs).
 */
#ifndef _WDMDDK_
#include <wdm.h> /* it includes this file where it belongs */
#else
#ifndef DRVHOST_WDM_PO_H
#define DRVHOST_WDM_PO_H

#ifdef __cplusplus
extern "C" {
#endif

/* ---- diagnostic reason of a power request --------------------------------------------- */

#define DIAGNOSTIC_REASON_VERSION         0
#define DIAGNOSTIC_REASON_SIMPLE_STRING   0x00000001
#define DIAGNOSTIC_REASON_DETAILED_STRING 0x00000002
#define DIAGNOSTIC_REASON_NOT_SPECIFIED   0x80000000
#define DIAGNOSTIC_REASON_INVALID_FLAGS   (~0x80000007)

typedef struct _COUNTED_REASON_CONTEXT {
    ULONG Version; /* DIAGNOSTIC_REASON_VERSION */
    ULONG Flags;   /* DIAGNOSTIC_REASON_* */
    union {
        struct {
            UNICODE_STRING ResourceFileName;
            USHORT ResourceReasonId;
            ULONG StringCount;
            PUNICODE_STRING ReasonStrings;
        };
        UNICODE_STRING SimpleString;
    };
} COUNTED_REASON_CONTEXT, *PCOUNTED_REASON_CONTEXT;

/* ---- battery reporting (ntpoapi): BatteryGranularityInformation returns an array of these */

typedef struct {
    ULONG Granularity;
    ULONG Capacity;
} BATTERY_REPORTING_SCALE, *PBATTERY_REPORTING_SCALE;

/* ---- power setting callbacks ---------------------------------------------------------- */

typedef NTSTATUS POWER_SETTING_CALLBACK(LPCGUID SettingGuid, PVOID Value, ULONG ValueLength,
                                        PVOID Context);
typedef POWER_SETTING_CALLBACK *PPOWER_SETTING_CALLBACK;

NTKERNELAPI NTSTATUS NTAPI PoRegisterPowerSettingCallback(PDEVICE_OBJECT DeviceObject,
                                                          LPCGUID SettingGuid,
                                                          PPOWER_SETTING_CALLBACK Callback,
                                                          PVOID Context, PVOID *Handle);
NTKERNELAPI NTSTATUS NTAPI PoUnregisterPowerSettingCallback(PVOID Handle);

/* Power setting GUIDs (the documented "Power Setting GUIDs" list; the WDK declares them in
 * wdm.h): what PoRegisterPowerSettingCallback can follow, defined where <initguid.h> came
 * first. drvhost has no power scheme: their values are the ones the host sets (docs/power.md). */
DEFINE_GUID(GUID_ACDC_POWER_SOURCE, 0x5d3e9a59, 0xe9d5, 0x4b00, 0xa6, 0xbd, 0xff, 0x34, 0xff, 0x51,
            0x65, 0x48);
DEFINE_GUID(GUID_BATTERY_PERCENTAGE_REMAINING, 0xa7ad8041, 0xb45a, 0x4cae, 0x87, 0xa3, 0xee, 0xcb,
            0xb4, 0x68, 0xa9, 0xe1);
DEFINE_GUID(GUID_CONSOLE_DISPLAY_STATE, 0x6fe69556, 0x704a, 0x47a0, 0x8f, 0x24, 0xc2, 0x8d, 0x93,
            0x6f, 0xda, 0x47);
DEFINE_GUID(GUID_GLOBAL_USER_PRESENCE, 0x786e8a1d, 0xb427, 0x4344, 0x92, 0x07, 0x09, 0xe7, 0x0b,
            0xdc, 0xbe, 0xa9);
DEFINE_GUID(GUID_IDLE_BACKGROUND_TASK, 0x515c31d8, 0xf734, 0x163d, 0xa0, 0xfd, 0x11, 0xa0, 0x8c,
            0x91, 0xe8, 0xf1);
DEFINE_GUID(GUID_MONITOR_POWER_ON, 0x02731015, 0x4510, 0x4526, 0x99, 0xe6, 0xe5, 0xa1, 0x7e, 0xbd,
            0x1a, 0xea);
DEFINE_GUID(GUID_POWERSCHEME_PERSONALITY, 0x245d8541, 0x3943, 0x4422, 0xb0, 0x25, 0x13, 0xa7, 0x84,
            0xf6, 0x79, 0xb7);
DEFINE_GUID(GUID_SESSION_DISPLAY_STATUS, 0x2b84c20e, 0xad23, 0x4ddf, 0x93, 0xdb, 0x05, 0xff, 0xbd,
            0x7e, 0xfc, 0xa5);
DEFINE_GUID(GUID_SESSION_USER_PRESENCE, 0x3c0f4548, 0xc03f, 0x4c4d, 0xb9, 0xf2, 0x23, 0x7e, 0xde,
            0x68, 0x63, 0x76);
DEFINE_GUID(GUID_LIDSWITCH_STATE_CHANGE, 0xba3e0f4d, 0xb817, 0x4094, 0xa2, 0xd1, 0xd5, 0x63, 0x79,
            0xe6, 0xa0, 0xf3);
DEFINE_GUID(GUID_SYSTEM_AWAYMODE, 0x98a7f580, 0x01f7, 0x48aa, 0x9c, 0x0f, 0x44, 0x35, 0x2c, 0x29,
            0xe5, 0xc0);

/* ---- power limits (ntpoapi) ----------------------------------------------------------- */

typedef enum _POWER_LIMIT_TYPES {
    PowerLimitContinuous = 0,
    PowerLimitBurst,
    PowerLimitRapid,
    PowerLimitPreemptive,
    PowerLimitPreemptiveOffset,
    PowerLimitTypeMax
} POWER_LIMIT_TYPES, *PPOWER_LIMIT_TYPES;

typedef struct _POWER_LIMIT_ATTRIBUTES {
    POWER_LIMIT_TYPES Type;
    ULONG DomainId;
    ULONG MaxValue;
    ULONG MinValue;
    ULONG MinTimeParameter;
    ULONG MaxTimeParameter;
    ULONG DefaultACValue;
    ULONG DefaultDCValue;
    union {
        struct {
            ULONG SupportTimeParameter : 1;
            ULONG Reserved : 31;
        };
        ULONG AsUlong;
    } Flags;
} POWER_LIMIT_ATTRIBUTES, *PPOWER_LIMIT_ATTRIBUTES;

typedef struct _POWER_LIMIT_VALUE {
    POWER_LIMIT_TYPES Type;
    ULONG DomainId;
    ULONG TargetValue;
    ULONG TimeParameter;
} POWER_LIMIT_VALUE, *PPOWER_LIMIT_VALUE;

/* ULONG_MAX of Windows (32 bits), spelled so that <limits.h>'s 64-bit one cannot leak in. */
#define POWER_LIMIT_VALUE_NO_CONTROL      0xffffffffUL

NTKERNELAPI NTSTATUS NTAPI PoCreatePowerLimitRequest(
    PVOID *PowerLimitRequest, PDEVICE_OBJECT TargetDeviceObject, PDEVICE_OBJECT PolicyDeviceObject,
    PCOUNTED_REASON_CONTEXT Context) DRVHOST_NOT_PROVIDED;
NTKERNELAPI VOID NTAPI PoDeletePowerLimitRequest(PVOID PowerLimitRequest) DRVHOST_NOT_PROVIDED;
NTKERNELAPI NTSTATUS NTAPI PoQueryPowerLimitAttributes(PVOID PowerLimitRequest, ULONG BufferCount,
                                                       PPOWER_LIMIT_ATTRIBUTES Buffer,
                                                       PULONG AttributeCount) DRVHOST_NOT_PROVIDED;
NTKERNELAPI NTSTATUS NTAPI PoQueryPowerLimitValue(PVOID PowerLimitRequest, ULONG ValueCount,
                                                  PPOWER_LIMIT_VALUE Values) DRVHOST_NOT_PROVIDED;
/* The documented parameters: the request, why it changes (Reason), then the values. */
NTKERNELAPI NTSTATUS NTAPI PoSetPowerLimitValue(PVOID PowerLimitRequest,
                                                PCOUNTED_REASON_CONTEXT Reason, ULONG ValueCount,
                                                PPOWER_LIMIT_VALUE Values) DRVHOST_NOT_PROVIDED;

/* ---- the runtime power management framework (PoFx) ------------------------------------ */

/* The handle PoFxRegisterDevice returns (opaque). */
typedef struct POHANDLE__ *POHANDLE;

#define PO_FX_VERSION_V1 0x00000001
#define PO_FX_VERSION_V2 0x00000002
#define PO_FX_VERSION_V3 0x00000003
#define PO_FX_VERSION    PO_FX_VERSION_V1

#define PO_FX_UNKNOWN_POWER                     0xFFFFFFFF
#define PO_FX_UNKNOWN_TIME                      0xFFFFFFFFFFFFFFFFULL

/* PoFxActivateComponent / PoFxIdleComponent Flags */
#define PO_FX_FLAG_BLOCKING                     0x00000001
#define PO_FX_FLAG_ASYNC_ONLY                   0x00000002

/* PO_FX_COMPONENT_V2.Flags */
#define PO_FX_COMPONENT_FLAG_F0_ON_DX           0x0000000000000001ULL
#define PO_FX_COMPONENT_FLAG_NO_DEBOUNCE        0x0000000000000002ULL

/* PO_FX_DEVICE_V2.Flags */
#define PO_FX_DEVICE_FLAG_RESERVED_1            0x0000000000000001ULL
#define PO_FX_DEVICE_FLAG_DISABLE_FAST_RESUME   0x0000000000000002ULL
#define PO_FX_DEVICE_FLAG_DFX_CHILDREN_OPTIONAL 0x0000000000000004ULL

typedef VOID PO_FX_COMPONENT_ACTIVE_CONDITION_CALLBACK(PVOID Context, ULONG Component);
typedef PO_FX_COMPONENT_ACTIVE_CONDITION_CALLBACK *PPO_FX_COMPONENT_ACTIVE_CONDITION_CALLBACK;
typedef VOID PO_FX_COMPONENT_IDLE_CONDITION_CALLBACK(PVOID Context, ULONG Component);
typedef PO_FX_COMPONENT_IDLE_CONDITION_CALLBACK *PPO_FX_COMPONENT_IDLE_CONDITION_CALLBACK;
typedef VOID PO_FX_COMPONENT_IDLE_STATE_CALLBACK(PVOID Context, ULONG Component, ULONG State);
typedef PO_FX_COMPONENT_IDLE_STATE_CALLBACK *PPO_FX_COMPONENT_IDLE_STATE_CALLBACK;
typedef VOID PO_FX_DEVICE_POWER_REQUIRED_CALLBACK(PVOID Context);
typedef PO_FX_DEVICE_POWER_REQUIRED_CALLBACK *PPO_FX_DEVICE_POWER_REQUIRED_CALLBACK;
typedef VOID PO_FX_DEVICE_POWER_NOT_REQUIRED_CALLBACK(PVOID Context);
typedef PO_FX_DEVICE_POWER_NOT_REQUIRED_CALLBACK *PPO_FX_DEVICE_POWER_NOT_REQUIRED_CALLBACK;
typedef NTSTATUS PO_FX_POWER_CONTROL_CALLBACK(PVOID DeviceContext, LPCGUID PowerControlCode,
                                              PVOID InBuffer, SIZE_T InBufferSize, PVOID OutBuffer,
                                              SIZE_T OutBufferSize, PSIZE_T BytesReturned);
typedef PO_FX_POWER_CONTROL_CALLBACK *PPO_FX_POWER_CONTROL_CALLBACK;
typedef VOID PO_FX_COMPONENT_CRITICAL_TRANSITION_CALLBACK(PVOID Context, ULONG Component,
                                                          BOOLEAN Active);
typedef PO_FX_COMPONENT_CRITICAL_TRANSITION_CALLBACK *PPO_FX_COMPONENT_CRITICAL_TRANSITION_CALLBACK;

/* One Fx state of a component: F0 is index 0, deeper states follow. */
typedef struct _PO_FX_COMPONENT_IDLE_STATE {
    ULONGLONG TransitionLatency;    /* 100 ns units */
    ULONGLONG ResidencyRequirement; /* 100 ns units */
    ULONG NominalPower;             /* microwatts, or PO_FX_UNKNOWN_POWER */
} PO_FX_COMPONENT_IDLE_STATE, *PPO_FX_COMPONENT_IDLE_STATE;

typedef struct _PO_FX_COMPONENT_V1 {
    GUID Id;
    ULONG IdleStateCount;
    ULONG DeepestWakeableIdleState;
    PPO_FX_COMPONENT_IDLE_STATE IdleStates;
} PO_FX_COMPONENT_V1, *PPO_FX_COMPONENT_V1;

typedef struct _PO_FX_COMPONENT_V2 {
    GUID Id;
    ULONGLONG Flags;
    ULONG DeepestWakeableIdleState;
    ULONG IdleStateCount;
    PPO_FX_COMPONENT_IDLE_STATE IdleStates;
    ULONG ProviderCount;
    PULONG Providers;
} PO_FX_COMPONENT_V2, *PPO_FX_COMPONENT_V2;

typedef struct _PO_FX_DEVICE_V1 {
    ULONG Version;
    ULONG ComponentCount;
    PPO_FX_COMPONENT_ACTIVE_CONDITION_CALLBACK ComponentActiveConditionCallback;
    PPO_FX_COMPONENT_IDLE_CONDITION_CALLBACK ComponentIdleConditionCallback;
    PPO_FX_COMPONENT_IDLE_STATE_CALLBACK ComponentIdleStateCallback;
    PPO_FX_DEVICE_POWER_REQUIRED_CALLBACK DevicePowerRequiredCallback;
    PPO_FX_DEVICE_POWER_NOT_REQUIRED_CALLBACK DevicePowerNotRequiredCallback;
    PPO_FX_POWER_CONTROL_CALLBACK PowerControlCallback;
    PVOID DeviceContext;
    PO_FX_COMPONENT_V1 Components[ANYSIZE_ARRAY]; /* ComponentCount elements */
} PO_FX_DEVICE_V1, *PPO_FX_DEVICE_V1;

typedef struct _PO_FX_DEVICE_V2 {
    ULONG Version;
    ULONGLONG Flags;
    PPO_FX_COMPONENT_ACTIVE_CONDITION_CALLBACK ComponentActiveConditionCallback;
    PPO_FX_COMPONENT_IDLE_CONDITION_CALLBACK ComponentIdleConditionCallback;
    PPO_FX_COMPONENT_IDLE_STATE_CALLBACK ComponentIdleStateCallback;
    PPO_FX_DEVICE_POWER_REQUIRED_CALLBACK DevicePowerRequiredCallback;
    PPO_FX_DEVICE_POWER_NOT_REQUIRED_CALLBACK DevicePowerNotRequiredCallback;
    PPO_FX_POWER_CONTROL_CALLBACK PowerControlCallback;
    PVOID DeviceContext;
    ULONG ComponentCount;
    PO_FX_COMPONENT_V2 Components[ANYSIZE_ARRAY];
} PO_FX_DEVICE_V2, *PPO_FX_DEVICE_V2;

#if PO_FX_VERSION == PO_FX_VERSION_V1
typedef PO_FX_COMPONENT_V1 PO_FX_COMPONENT, *PPO_FX_COMPONENT;
typedef PO_FX_DEVICE_V1 PO_FX_DEVICE, *PPO_FX_DEVICE;
#else
typedef PO_FX_COMPONENT_V2 PO_FX_COMPONENT, *PPO_FX_COMPONENT;
typedef PO_FX_DEVICE_V2 PO_FX_DEVICE, *PPO_FX_DEVICE;
#endif

NTKERNELAPI NTSTATUS NTAPI PoFxRegisterDevice(PDEVICE_OBJECT Pdo, PPO_FX_DEVICE Device,
                                              POHANDLE *Handle);
NTKERNELAPI VOID NTAPI PoFxStartDevicePowerManagement(POHANDLE Handle);
NTKERNELAPI VOID NTAPI PoFxUnregisterDevice(POHANDLE Handle);
NTKERNELAPI VOID NTAPI PoFxActivateComponent(POHANDLE Handle, ULONG Component, ULONG Flags);
NTKERNELAPI VOID NTAPI PoFxIdleComponent(POHANDLE Handle, ULONG Component, ULONG Flags);
NTKERNELAPI VOID NTAPI PoFxCompleteIdleState(POHANDLE Handle, ULONG Component);
NTKERNELAPI VOID NTAPI PoFxCompleteIdleCondition(POHANDLE Handle, ULONG Component);
NTKERNELAPI VOID NTAPI PoFxCompleteDevicePowerNotRequired(POHANDLE Handle);
NTKERNELAPI VOID NTAPI PoFxReportDevicePoweredOn(POHANDLE Handle);
NTKERNELAPI VOID NTAPI PoFxSetComponentLatency(POHANDLE Handle, ULONG Component, ULONGLONG Latency);
NTKERNELAPI VOID NTAPI PoFxSetComponentResidency(POHANDLE Handle, ULONG Component,
                                                 ULONGLONG Residency);
NTKERNELAPI VOID NTAPI PoFxSetComponentWake(POHANDLE Handle, ULONG Component, BOOLEAN WakeHint);
NTKERNELAPI VOID NTAPI PoFxSetDeviceIdleTimeout(POHANDLE Handle, ULONGLONG IdleTimeout);
NTKERNELAPI NTSTATUS NTAPI PoFxPowerControl(POHANDLE Handle, LPCGUID PowerControlCode,
                                            PVOID InBuffer, SIZE_T InBufferSize, PVOID OutBuffer,
                                            SIZE_T OutBufferSize, PSIZE_T BytesReturned);
NTKERNELAPI VOID NTAPI PoFxNotifySurprisePowerOn(PDEVICE_OBJECT Pdo);

#ifdef __cplusplus
}
#endif

#endif
#endif
