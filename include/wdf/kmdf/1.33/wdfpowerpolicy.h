/*
 * wdfpowerpolicy.h - the power policy part of wdfdevice.h (Microsoft declares all of it in
 * wdfdevice.h; drvhost keeps it in this file, which wdfdevice.h includes): power policy event
 * callbacks, idle and wake settings, power capabilities, the PnP device state, failing a
 * device, and the state machines' states. Microsoft's names, types and x64 layouts.
 */
#ifndef _WDFPOWERPOLICY_H_
#define _WDFPOWERPOLICY_H_

/* ---- power policy event callbacks ------------------------------------------------------- */

typedef NTSTATUS EVT_WDF_DEVICE_ARM_WAKE_FROM_S0(WDFDEVICE Device);
typedef EVT_WDF_DEVICE_ARM_WAKE_FROM_S0 *PFN_WDF_DEVICE_ARM_WAKE_FROM_S0;
typedef VOID EVT_WDF_DEVICE_DISARM_WAKE_FROM_S0(WDFDEVICE Device);
typedef EVT_WDF_DEVICE_DISARM_WAKE_FROM_S0 *PFN_WDF_DEVICE_DISARM_WAKE_FROM_S0;
typedef VOID EVT_WDF_DEVICE_WAKE_FROM_S0_TRIGGERED(WDFDEVICE Device);
typedef EVT_WDF_DEVICE_WAKE_FROM_S0_TRIGGERED *PFN_WDF_DEVICE_WAKE_FROM_S0_TRIGGERED;
typedef NTSTATUS EVT_WDF_DEVICE_ARM_WAKE_FROM_SX(WDFDEVICE Device);
typedef EVT_WDF_DEVICE_ARM_WAKE_FROM_SX *PFN_WDF_DEVICE_ARM_WAKE_FROM_SX;
typedef NTSTATUS EVT_WDF_DEVICE_ARM_WAKE_FROM_SX_WITH_REASON(WDFDEVICE Device,
                                                             BOOLEAN DeviceWakeEnabled,
                                                             BOOLEAN ChildrenArmedForWake);
typedef EVT_WDF_DEVICE_ARM_WAKE_FROM_SX_WITH_REASON *PFN_WDF_DEVICE_ARM_WAKE_FROM_SX_WITH_REASON;
typedef VOID EVT_WDF_DEVICE_DISARM_WAKE_FROM_SX(WDFDEVICE Device);
typedef EVT_WDF_DEVICE_DISARM_WAKE_FROM_SX *PFN_WDF_DEVICE_DISARM_WAKE_FROM_SX;
typedef VOID EVT_WDF_DEVICE_WAKE_FROM_SX_TRIGGERED(WDFDEVICE Device);
typedef EVT_WDF_DEVICE_WAKE_FROM_SX_TRIGGERED *PFN_WDF_DEVICE_WAKE_FROM_SX_TRIGGERED;

typedef struct _WDF_POWER_POLICY_EVENT_CALLBACKS {
    ULONG Size;
    PFN_WDF_DEVICE_ARM_WAKE_FROM_S0 EvtDeviceArmWakeFromS0;
    PFN_WDF_DEVICE_DISARM_WAKE_FROM_S0 EvtDeviceDisarmWakeFromS0;
    PFN_WDF_DEVICE_WAKE_FROM_S0_TRIGGERED EvtDeviceWakeFromS0Triggered;
    PFN_WDF_DEVICE_ARM_WAKE_FROM_SX EvtDeviceArmWakeFromSx;
    PFN_WDF_DEVICE_DISARM_WAKE_FROM_SX EvtDeviceDisarmWakeFromSx;
    PFN_WDF_DEVICE_WAKE_FROM_SX_TRIGGERED EvtDeviceWakeFromSxTriggered;
    PFN_WDF_DEVICE_ARM_WAKE_FROM_SX_WITH_REASON EvtDeviceArmWakeFromSxWithReason;
} WDF_POWER_POLICY_EVENT_CALLBACKS, *PWDF_POWER_POLICY_EVENT_CALLBACKS;

C_ASSERT(sizeof(WDF_POWER_POLICY_EVENT_CALLBACKS) == 64);

FORCEINLINE VOID WDF_POWER_POLICY_EVENT_CALLBACKS_INIT(PWDF_POWER_POLICY_EVENT_CALLBACKS Callbacks)
{
    RtlZeroMemory(Callbacks, sizeof(WDF_POWER_POLICY_EVENT_CALLBACKS));
    Callbacks->Size = sizeof(WDF_POWER_POLICY_EVENT_CALLBACKS);
}

typedef VOID (*PFN_WDFDEVICEINITSETPOWERPOLICYEVENTCALLBACKS)(PWDF_DRIVER_GLOBALS, PWDFDEVICE_INIT,
                                                              PWDF_POWER_POLICY_EVENT_CALLBACKS);
FORCEINLINE VOID WdfDeviceInitSetPowerPolicyEventCallbacks(
    PWDFDEVICE_INIT DeviceInit, PWDF_POWER_POLICY_EVENT_CALLBACKS PowerPolicyEventCallbacks)
{
    ((PFN_WDFDEVICEINITSETPOWERPOLICYEVENTCALLBACKS)
         WdfFunctions[WdfDeviceInitSetPowerPolicyEventCallbacksTableIndex])(
        WdfDriverGlobals, DeviceInit, PowerPolicyEventCallbacks);
}

/* ---- idle settings (S0) ------------------------------------------------------------------ */

typedef enum _WDF_POWER_POLICY_S0_IDLE_CAPABILITIES {
    IdleCapsInvalid = 0,
    IdleCannotWakeFromS0,
    IdleCanWakeFromS0,
    IdleUsbSelectiveSuspend,
} WDF_POWER_POLICY_S0_IDLE_CAPABILITIES;

typedef enum _WDF_POWER_POLICY_S0_IDLE_USER_CONTROL {
    IdleUserControlInvalid = 0,
    IdleDoNotAllowUserControl,
    IdleAllowUserControl,
} WDF_POWER_POLICY_S0_IDLE_USER_CONTROL;

typedef enum _WDF_POWER_POLICY_IDLE_TIMEOUT_CONSTANTS {
    IdleTimeoutDefaultConstant = 0,
} WDF_POWER_POLICY_IDLE_TIMEOUT_CONSTANTS;
#define IdleTimeoutDefaultValue ((ULONG)IdleTimeoutDefaultConstant)

typedef enum _WDF_POWER_POLICY_IDLE_TIMEOUT_TYPE {
    DriverManagedIdleTimeout = 0,
    SystemManagedIdleTimeout = 1,
    SystemManagedIdleTimeoutWithHint = 2,
} WDF_POWER_POLICY_IDLE_TIMEOUT_TYPE, *PWDF_POWER_POLICY_IDLE_TIMEOUT_TYPE;

typedef struct _WDF_DEVICE_POWER_POLICY_IDLE_SETTINGS {
    ULONG Size;
    WDF_POWER_POLICY_S0_IDLE_CAPABILITIES IdleCaps;
    DEVICE_POWER_STATE DxState;
    ULONG IdleTimeout;
    WDF_POWER_POLICY_S0_IDLE_USER_CONTROL UserControlOfIdleSettings;
    WDF_TRI_STATE Enabled;
    WDF_TRI_STATE PowerUpIdleDeviceOnSystemWake;
#if KMDF_VERSION_MINOR >= 11
    WDF_POWER_POLICY_IDLE_TIMEOUT_TYPE IdleTimeoutType;
    WDF_TRI_STATE ExcludeD3Cold;
#endif
} WDF_DEVICE_POWER_POLICY_IDLE_SETTINGS, *PWDF_DEVICE_POWER_POLICY_IDLE_SETTINGS;

C_ASSERT(sizeof(WDF_DEVICE_POWER_POLICY_IDLE_SETTINGS) == (KMDF_VERSION_MINOR >= 11 ? 36 : 28));

FORCEINLINE VOID WDF_DEVICE_POWER_POLICY_IDLE_SETTINGS_INIT(
    PWDF_DEVICE_POWER_POLICY_IDLE_SETTINGS Settings, WDF_POWER_POLICY_S0_IDLE_CAPABILITIES IdleCaps)
{
    RtlZeroMemory(Settings, sizeof(WDF_DEVICE_POWER_POLICY_IDLE_SETTINGS));
    Settings->Size = sizeof(WDF_DEVICE_POWER_POLICY_IDLE_SETTINGS);
    Settings->IdleTimeout = IdleTimeoutDefaultValue;
    Settings->UserControlOfIdleSettings = IdleAllowUserControl;
    Settings->Enabled = WdfUseDefault;
    Settings->PowerUpIdleDeviceOnSystemWake = WdfUseDefault;
#if KMDF_VERSION_MINOR >= 11
    Settings->IdleTimeoutType = DriverManagedIdleTimeout;
    Settings->ExcludeD3Cold = WdfUseDefault;
#endif
    Settings->IdleCaps = IdleCaps;
    Settings->DxState = (IdleCaps == IdleCannotWakeFromS0) ? PowerDeviceD3 : PowerDeviceMaximum;
}

typedef NTSTATUS (*PFN_WDFDEVICEASSIGNS0IDLESETTINGS)(PWDF_DRIVER_GLOBALS, WDFDEVICE,
                                                      PWDF_DEVICE_POWER_POLICY_IDLE_SETTINGS);
FORCEINLINE NTSTATUS WdfDeviceAssignS0IdleSettings(WDFDEVICE Device,
                                                   PWDF_DEVICE_POWER_POLICY_IDLE_SETTINGS Settings)
{
    return (
        (PFN_WDFDEVICEASSIGNS0IDLESETTINGS)WdfFunctions[WdfDeviceAssignS0IdleSettingsTableIndex])(
        WdfDriverGlobals, Device, Settings);
}

/* ---- wake settings (Sx) ------------------------------------------------------------------ */

typedef enum _WDF_POWER_POLICY_SX_WAKE_USER_CONTROL {
    WakeUserControlInvalid = 0,
    WakeDoNotAllowUserControl,
    WakeAllowUserControl,
} WDF_POWER_POLICY_SX_WAKE_USER_CONTROL;

typedef struct _WDF_DEVICE_POWER_POLICY_WAKE_SETTINGS {
    ULONG Size;
    DEVICE_POWER_STATE DxState;
    WDF_POWER_POLICY_SX_WAKE_USER_CONTROL UserControlOfWakeSettings;
    WDF_TRI_STATE Enabled;
#if KMDF_VERSION_MINOR >= 13
    BOOLEAN ArmForWakeIfChildrenAreArmedForWake;
    BOOLEAN IndicateChildWakeOnParentWake;
#endif
} WDF_DEVICE_POWER_POLICY_WAKE_SETTINGS, *PWDF_DEVICE_POWER_POLICY_WAKE_SETTINGS;

C_ASSERT(sizeof(WDF_DEVICE_POWER_POLICY_WAKE_SETTINGS) == (KMDF_VERSION_MINOR >= 13 ? 20 : 16));

FORCEINLINE VOID
WDF_DEVICE_POWER_POLICY_WAKE_SETTINGS_INIT(PWDF_DEVICE_POWER_POLICY_WAKE_SETTINGS Settings)
{
    RtlZeroMemory(Settings, sizeof(WDF_DEVICE_POWER_POLICY_WAKE_SETTINGS));
    Settings->Size = sizeof(WDF_DEVICE_POWER_POLICY_WAKE_SETTINGS);
    Settings->Enabled = WdfUseDefault;
    Settings->DxState = PowerDeviceMaximum;
    Settings->UserControlOfWakeSettings = WakeAllowUserControl;
}

typedef NTSTATUS (*PFN_WDFDEVICEASSIGNSXWAKESETTINGS)(PWDF_DRIVER_GLOBALS, WDFDEVICE,
                                                      PWDF_DEVICE_POWER_POLICY_WAKE_SETTINGS);
FORCEINLINE NTSTATUS WdfDeviceAssignSxWakeSettings(WDFDEVICE Device,
                                                   PWDF_DEVICE_POWER_POLICY_WAKE_SETTINGS Settings)
{
    return (
        (PFN_WDFDEVICEASSIGNSXWAKESETTINGS)WdfFunctions[WdfDeviceAssignSxWakeSettingsTableIndex])(
        WdfDriverGlobals, Device, Settings);
}

/* ---- power references (WdfDeviceStopIdle / WdfDeviceResumeIdle) ------------------------ */

typedef NTSTATUS (*PFN_WDFDEVICESTOPIDLENOTRACK)(PWDF_DRIVER_GLOBALS, WDFDEVICE, BOOLEAN);
FORCEINLINE NTSTATUS WdfDeviceStopIdleNoTrack(WDFDEVICE Device, BOOLEAN WaitForD0)
{
    return ((PFN_WDFDEVICESTOPIDLENOTRACK)WdfFunctions[WdfDeviceStopIdleNoTrackTableIndex])(
        WdfDriverGlobals, Device, WaitForD0);
}

typedef VOID (*PFN_WDFDEVICERESUMEIDLENOTRACK)(PWDF_DRIVER_GLOBALS, WDFDEVICE);
FORCEINLINE VOID WdfDeviceResumeIdleNoTrack(WDFDEVICE Device)
{
    ((PFN_WDFDEVICERESUMEIDLENOTRACK)WdfFunctions[WdfDeviceResumeIdleNoTrackTableIndex])(
        WdfDriverGlobals, Device);
}

#if KMDF_VERSION_MINOR >= 15 /* Microsoft: the tracking forms, minimum KMDF version 1.15 */
typedef NTSTATUS (*PFN_WDFDEVICESTOPIDLEACTUAL)(PWDF_DRIVER_GLOBALS, WDFDEVICE, BOOLEAN, PVOID,
                                                LONG, PCHAR);
FORCEINLINE NTSTATUS WdfDeviceStopIdleActual(WDFDEVICE Device, BOOLEAN WaitForD0, PVOID Tag,
                                             LONG Line, PCHAR File)
{
    return ((PFN_WDFDEVICESTOPIDLEACTUAL)WdfFunctions[WdfDeviceStopIdleActualTableIndex])(
        WdfDriverGlobals, Device, WaitForD0, Tag, Line, File);
}

typedef VOID (*PFN_WDFDEVICERESUMEIDLEACTUAL)(PWDF_DRIVER_GLOBALS, WDFDEVICE, PVOID, LONG, PCHAR);
FORCEINLINE VOID WdfDeviceResumeIdleActual(WDFDEVICE Device, PVOID Tag, LONG Line, PCHAR File)
{
    ((PFN_WDFDEVICERESUMEIDLEACTUAL)WdfFunctions[WdfDeviceResumeIdleActualTableIndex])(
        WdfDriverGlobals, Device, Tag, Line, File);
}

#define WdfDeviceStopIdle(Device, WaitForD0)                                                       \
    WdfDeviceStopIdleActual(Device, WaitForD0, NULL, __LINE__, (PCHAR)__FILE__)
#define WdfDeviceStopIdleWithTag(Device, WaitForD0, Tag)                                           \
    WdfDeviceStopIdleActual(Device, WaitForD0, Tag, __LINE__, (PCHAR)__FILE__)
#define WdfDeviceResumeIdle(Device)                                                                \
    WdfDeviceResumeIdleActual(Device, NULL, __LINE__, (PCHAR)__FILE__)
#define WdfDeviceResumeIdleWithTag(Device, Tag)                                                    \
    WdfDeviceResumeIdleActual(Device, Tag, __LINE__, (PCHAR)__FILE__)
#else
#define WdfDeviceStopIdle(Device, WaitForD0) WdfDeviceStopIdleNoTrack(Device, WaitForD0)
#define WdfDeviceResumeIdle(Device)          WdfDeviceResumeIdleNoTrack(Device)
#endif

typedef NTSTATUS (*PFN_WDFDEVICEINDICATEWAKESTATUS)(PWDF_DRIVER_GLOBALS, WDFDEVICE, NTSTATUS);
FORCEINLINE NTSTATUS WdfDeviceIndicateWakeStatus(WDFDEVICE Device, NTSTATUS WaitWakeStatus)
{
    return ((PFN_WDFDEVICEINDICATEWAKESTATUS)WdfFunctions[WdfDeviceIndicateWakeStatusTableIndex])(
        WdfDriverGlobals, Device, WaitWakeStatus);
}

/* ---- power capabilities, the system power action ----------------------------------------- */

typedef struct _WDF_DEVICE_POWER_CAPABILITIES {
    ULONG Size;
    WDF_TRI_STATE DeviceD1;
    WDF_TRI_STATE DeviceD2;
    WDF_TRI_STATE WakeFromD0;
    WDF_TRI_STATE WakeFromD1;
    WDF_TRI_STATE WakeFromD2;
    WDF_TRI_STATE WakeFromD3;
    DEVICE_POWER_STATE DeviceState[PowerSystemMaximum];
    DEVICE_POWER_STATE DeviceWake;
    SYSTEM_POWER_STATE SystemWake;
    ULONG D1Latency;
    ULONG D2Latency;
    ULONG D3Latency;
    DEVICE_POWER_STATE IdealDxStateForSx;
} WDF_DEVICE_POWER_CAPABILITIES, *PWDF_DEVICE_POWER_CAPABILITIES;

C_ASSERT(sizeof(WDF_DEVICE_POWER_CAPABILITIES) == 80);

FORCEINLINE VOID WDF_DEVICE_POWER_CAPABILITIES_INIT(PWDF_DEVICE_POWER_CAPABILITIES Caps)
{
    ULONG i;
    RtlZeroMemory(Caps, sizeof(WDF_DEVICE_POWER_CAPABILITIES));
    Caps->Size = sizeof(WDF_DEVICE_POWER_CAPABILITIES);
    Caps->DeviceD1 = WdfUseDefault;
    Caps->DeviceD2 = WdfUseDefault;
    Caps->WakeFromD0 = WdfUseDefault;
    Caps->WakeFromD1 = WdfUseDefault;
    Caps->WakeFromD2 = WdfUseDefault;
    Caps->WakeFromD3 = WdfUseDefault;
    for (i = 0; i < sizeof(Caps->DeviceState) / sizeof(Caps->DeviceState[0]); i++)
        Caps->DeviceState[i] = PowerDeviceMaximum;
    Caps->DeviceWake = PowerDeviceMaximum;
    Caps->SystemWake = PowerSystemMaximum;
    Caps->D1Latency = (ULONG)-1;
    Caps->D2Latency = (ULONG)-1;
    Caps->D3Latency = (ULONG)-1;
    Caps->IdealDxStateForSx = PowerDeviceMaximum;
}

typedef VOID (*PFN_WDFDEVICESETPOWERCAPABILITIES)(PWDF_DRIVER_GLOBALS, WDFDEVICE,
                                                  PWDF_DEVICE_POWER_CAPABILITIES);
FORCEINLINE VOID WdfDeviceSetPowerCapabilities(WDFDEVICE Device,
                                               PWDF_DEVICE_POWER_CAPABILITIES PowerCapabilities)
{
    ((PFN_WDFDEVICESETPOWERCAPABILITIES)WdfFunctions[WdfDeviceSetPowerCapabilitiesTableIndex])(
        WdfDriverGlobals, Device, PowerCapabilities);
}

typedef POWER_ACTION (*PFN_WDFDEVICEGETSYSTEMPOWERACTION)(PWDF_DRIVER_GLOBALS, WDFDEVICE);
FORCEINLINE POWER_ACTION WdfDeviceGetSystemPowerAction(WDFDEVICE Device)
{
    return (
        (PFN_WDFDEVICEGETSYSTEMPOWERACTION)WdfFunctions[WdfDeviceGetSystemPowerActionTableIndex])(
        WdfDriverGlobals, Device);
}

/* ---- the PnP device state, failing a device ---------------------------------------------- */

typedef struct _WDF_DEVICE_STATE {
    ULONG Size;
    WDF_TRI_STATE Disabled;
    WDF_TRI_STATE DontDisplayInUI;
    WDF_TRI_STATE Failed;
    WDF_TRI_STATE NotDisableable;
    WDF_TRI_STATE Removed;
    WDF_TRI_STATE ResourcesChanged;
} WDF_DEVICE_STATE, *PWDF_DEVICE_STATE;

C_ASSERT(sizeof(WDF_DEVICE_STATE) == 28);

FORCEINLINE VOID WDF_DEVICE_STATE_INIT(PWDF_DEVICE_STATE PnpDeviceState)
{
    RtlZeroMemory(PnpDeviceState, sizeof(WDF_DEVICE_STATE));
    PnpDeviceState->Size = sizeof(WDF_DEVICE_STATE);
    PnpDeviceState->Disabled = WdfUseDefault;
    PnpDeviceState->DontDisplayInUI = WdfUseDefault;
    PnpDeviceState->Failed = WdfUseDefault;
    PnpDeviceState->NotDisableable = WdfUseDefault;
    PnpDeviceState->Removed = WdfUseDefault;
    PnpDeviceState->ResourcesChanged = WdfUseDefault;
}

typedef VOID (*PFN_WDFDEVICESETDEVICESTATE)(PWDF_DRIVER_GLOBALS, WDFDEVICE, PWDF_DEVICE_STATE);
FORCEINLINE VOID WdfDeviceSetDeviceState(WDFDEVICE Device, PWDF_DEVICE_STATE DeviceState)
{
    ((PFN_WDFDEVICESETDEVICESTATE)WdfFunctions[WdfDeviceSetDeviceStateTableIndex])(
        WdfDriverGlobals, Device, DeviceState);
}

typedef VOID (*PFN_WDFDEVICEGETDEVICESTATE)(PWDF_DRIVER_GLOBALS, WDFDEVICE, PWDF_DEVICE_STATE);
FORCEINLINE VOID WdfDeviceGetDeviceState(WDFDEVICE Device, PWDF_DEVICE_STATE DeviceState)
{
    ((PFN_WDFDEVICEGETDEVICESTATE)WdfFunctions[WdfDeviceGetDeviceStateTableIndex])(
        WdfDriverGlobals, Device, DeviceState);
}

typedef enum _WDF_DEVICE_FAILED_ACTION {
    WdfDeviceFailedUndefined = 0,
    WdfDeviceFailedAttemptRestart,
    WdfDeviceFailedNoRestart,
} WDF_DEVICE_FAILED_ACTION;

typedef VOID (*PFN_WDFDEVICESETFAILED)(PWDF_DRIVER_GLOBALS, WDFDEVICE, WDF_DEVICE_FAILED_ACTION);
FORCEINLINE VOID WdfDeviceSetFailed(WDFDEVICE Device, WDF_DEVICE_FAILED_ACTION FailedAction)
{
    ((PFN_WDFDEVICESETFAILED)WdfFunctions[WdfDeviceSetFailedTableIndex])(WdfDriverGlobals, Device,
                                                                         FailedAction);
}

/* ---- the framework's state machines' states ---------------------------------------------- */

/* WDF_DEVICE_PNP_STATE: the states in the order of Microsoft's reference page, from 0x100. */
typedef enum _WDF_DEVICE_PNP_STATE {
    WdfDevStatePnpInvalid = 0x00,
    WdfDevStatePnpObjectCreated = 0x100,
    WdfDevStatePnpCheckForDevicePresence,
    WdfDevStatePnpEjectFailed,
    WdfDevStatePnpEjectHardware,
    WdfDevStatePnpEjectedWaitingForRemove,
    WdfDevStatePnpInit,
    WdfDevStatePnpInitStarting,
    WdfDevStatePnpInitSurpriseRemoved,
    WdfDevStatePnpHardwareAvailable,
    WdfDevStatePnpEnableInterfaces,
    WdfDevStatePnpHardwareAvailablePowerPolicyFailed,
    WdfDevStatePnpQueryRemoveAskDriver,
    WdfDevStatePnpQueryRemovePending,
    WdfDevStatePnpQueryRemoveStaticCheck,
    WdfDevStatePnpQueriedRemoving,
    WdfDevStatePnpQueryStopAskDriver,
    WdfDevStatePnpQueryStopPending,
    WdfDevStatePnpQueryStopStaticCheck,
    WdfDevStatePnpQueryCanceled,
    WdfDevStatePnpRemoved,
    WdfDevStatePnpPdoRemoved,
    WdfDevStatePnpRemovedPdoWait,
    WdfDevStatePnpRemovedPdoSurpriseRemoved,
    WdfDevStatePnpRemovingDisableInterfaces,
    WdfDevStatePnpRestarting,
    WdfDevStatePnpStarted,
    WdfDevStatePnpStartedCancelStop,
    WdfDevStatePnpStartedCancelRemove,
    WdfDevStatePnpStartedRemoving,
    WdfDevStatePnpStartingFromStopped,
    WdfDevStatePnpStopped,
    WdfDevStatePnpStoppedWaitForStartCompletion,
    WdfDevStatePnpStartedStopping,
    WdfDevStatePnpSurpriseRemove,
    WdfDevStatePnpInitQueryRemove,
    WdfDevStatePnpInitQueryRemoveCanceled,
    WdfDevStatePnpFdoRemoved,
    WdfDevStatePnpRemovedWaitForChildren,
    WdfDevStatePnpQueriedSurpriseRemove,
    WdfDevStatePnpSurpriseRemoveIoStarted,
    WdfDevStatePnpFailedPowerDown,
    WdfDevStatePnpFailedIoStarting,
    WdfDevStatePnpFailedOwnHardware,
    WdfDevStatePnpFailed,
    WdfDevStatePnpFailedSurpriseRemoved,
    WdfDevStatePnpFailedStarted,
    WdfDevStatePnpFailedWaitForRemove,
    WdfDevStatePnpFailedInit,
    WdfDevStatePnpPdoInitFailed,
    WdfDevStatePnpRestart,
    WdfDevStatePnpRestartReleaseHardware,
    WdfDevStatePnpRestartHardwareAvailable,
    WdfDevStatePnpPdoRestart,
    WdfDevStatePnpFinal,
    WdfDevStatePnpRemovedChildrenRemoved,
    WdfDevStatePnpQueryRemoveEnsureDeviceAwake,
    WdfDevStatePnpQueryStopEnsureDeviceAwake,
    WdfDevStatePnpFailedPowerPolicyRemoved,
    WdfDevStatePnpNull,
} WDF_DEVICE_PNP_STATE, *PWDF_DEVICE_PNP_STATE;

C_ASSERT(WdfDevStatePnpStarted == 0x119);

typedef WDF_DEVICE_PNP_STATE (*PFN_WDFDEVICEGETDEVICEPNPSTATE)(PWDF_DRIVER_GLOBALS, WDFDEVICE);
FORCEINLINE WDF_DEVICE_PNP_STATE WdfDeviceGetDevicePnpState(WDFDEVICE Device)
{
    return ((PFN_WDFDEVICEGETDEVICEPNPSTATE)WdfFunctions[WdfDeviceGetDevicePnpStateTableIndex])(
        WdfDriverGlobals, Device);
}

/* ---- the power management framework (PoFx) for a single-component device ---------------- */

/* The framework registers a single-component device with PoFx when its S0 idle settings use
 * SystemManagedIdleTimeout[WithHint], with these settings if the driver assigned them
 * (drvhost's deviations: docs/wdf.md, "System-managed idle and PoFx"). */
typedef NTSTATUS EVT_WDFDEVICE_WDM_POST_PO_FX_REGISTER_DEVICE(WDFDEVICE Device, POHANDLE PoHandle);
typedef EVT_WDFDEVICE_WDM_POST_PO_FX_REGISTER_DEVICE *PFN_WDFDEVICE_WDM_POST_PO_FX_REGISTER_DEVICE;
typedef VOID EVT_WDFDEVICE_WDM_PRE_PO_FX_UNREGISTER_DEVICE(WDFDEVICE Device, POHANDLE PoHandle);
typedef EVT_WDFDEVICE_WDM_PRE_PO_FX_UNREGISTER_DEVICE
    *PFN_WDFDEVICE_WDM_PRE_PO_FX_UNREGISTER_DEVICE;

typedef struct _WDF_POWER_FRAMEWORK_SETTINGS {
    ULONG Size;
    PFN_WDFDEVICE_WDM_POST_PO_FX_REGISTER_DEVICE EvtDeviceWdmPostPoFxRegisterDevice;
    PFN_WDFDEVICE_WDM_PRE_PO_FX_UNREGISTER_DEVICE EvtDeviceWdmPrePoFxUnregisterDevice;
    PPO_FX_COMPONENT Component; /* NULL: F0 only */
    PPO_FX_COMPONENT_ACTIVE_CONDITION_CALLBACK ComponentActiveConditionCallback;
    PPO_FX_COMPONENT_IDLE_CONDITION_CALLBACK ComponentIdleConditionCallback;
    PPO_FX_COMPONENT_IDLE_STATE_CALLBACK ComponentIdleStateCallback;
    PPO_FX_POWER_CONTROL_CALLBACK PowerControlCallback;
    PVOID PoFxDeviceContext;
    ULONGLONG PoFxDeviceFlags; /* the two members added for UMDF 2.x's support */
    WDF_TRI_STATE DirectedPoFxEnabled;
} WDF_POWER_FRAMEWORK_SETTINGS, *PWDF_POWER_FRAMEWORK_SETTINGS;
C_ASSERT(sizeof(WDF_POWER_FRAMEWORK_SETTINGS) == 88);

FORCEINLINE VOID
WDF_POWER_FRAMEWORK_SETTINGS_INIT(PWDF_POWER_FRAMEWORK_SETTINGS PowerFrameworkSettings)
{
    RtlZeroMemory(PowerFrameworkSettings, sizeof(WDF_POWER_FRAMEWORK_SETTINGS));
    PowerFrameworkSettings->Size = sizeof(WDF_POWER_FRAMEWORK_SETTINGS);
}

typedef NTSTATUS (*PFN_WDFDEVICEWDMASSIGNPOWERFRAMEWORKSETTINGS)(PWDF_DRIVER_GLOBALS, WDFDEVICE,
                                                                 PWDF_POWER_FRAMEWORK_SETTINGS);
FORCEINLINE NTSTATUS WdfDeviceWdmAssignPowerFrameworkSettings(
    WDFDEVICE Device, PWDF_POWER_FRAMEWORK_SETTINGS PowerFrameworkSettings)
{
    return ((PFN_WDFDEVICEWDMASSIGNPOWERFRAMEWORKSETTINGS)
                WdfFunctions[WdfDeviceWdmAssignPowerFrameworkSettingsTableIndex])(
        WdfDriverGlobals, Device, PowerFrameworkSettings);
}

#endif
