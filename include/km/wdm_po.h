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
