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

/* The bit of a state the framework runs while the device is not pageable: the reference pages
 * write those states as "value | WdfDevStateNP"; 0x8000 is the WDK header's value (the pages
 * do not give it). */
typedef enum _WDF_DEVICE_STATE_FLAGS {
    WdfDevStateNP = 0x8000,
} WDF_DEVICE_STATE_FLAGS;

/* WDF_DEVICE_POWER_STATE and WDF_DEVICE_POWER_POLICY_STATE with the values of Microsoft's
 * reference pages (0x300 and 0x500 onwards); drvhost reports the few it maps (docs/wdf.md,
 * "The framework's state machines' states"). */
typedef enum _WDF_DEVICE_POWER_STATE {
    WdfDevStatePowerInvalid = 0x00,
    WdfDevStatePowerObjectCreated = 0x300,
    WdfDevStatePowerCheckDeviceType = 0x301,
    WdfDevStatePowerCheckDeviceTypeNP = 0x302 | WdfDevStateNP,
    WdfDevStatePowerCheckParentState = 0x303,
    WdfDevStatePowerCheckParentStateNP = 0x304 | WdfDevStateNP,
    WdfDevStatePowerEnablingWakeAtBus = 0x305,
    WdfDevStatePowerEnablingWakeAtBusNP = 0x306 | WdfDevStateNP,
    WdfDevStatePowerD0 = 0x307,
    WdfDevStatePowerD0NP = 0x308 | WdfDevStateNP,
    WdfDevStatePowerD0BusWakeOwner = 0x309,
    WdfDevStatePowerD0BusWakeOwnerNP = 0x30A | WdfDevStateNP,
    WdfDevStatePowerD0ArmedForWake = 0x30B,
    WdfDevStatePowerD0ArmedForWakeNP = 0x30C | WdfDevStateNP,
    WdfDevStatePowerD0DisarmingWakeAtBus = 0x30D,
    WdfDevStatePowerD0DisarmingWakeAtBusNP = 0x30E | WdfDevStateNP,
    WdfDevStatePowerD0Starting = 0x30F,
    WdfDevStatePowerD0StartingConnectInterrupt = 0x310,
    WdfDevStatePowerD0StartingDmaEnable = 0x311,
    WdfDevStatePowerD0StartingStartSelfManagedIo = 0x312,
    WdfDevStatePowerDecideD0State = 0x313,
    WdfDevStatePowerGotoD3Stopped = 0x314,
    WdfDevStatePowerStopped = 0x315,
    WdfDevStatePowerStartingCheckDeviceType = 0x316,
    WdfDevStatePowerStartingChild = 0x317,
    WdfDevStatePowerDxDisablingWakeAtBus = 0x318,
    WdfDevStatePowerDxDisablingWakeAtBusNP = 0x319 | WdfDevStateNP,
    WdfDevStatePowerGotoDx = 0x31A,
    WdfDevStatePowerGotoDxNP = 0x31B | WdfDevStateNP,
    WdfDevStatePowerGotoDxIoStopped = 0x31C,
    WdfDevStatePowerGotoDxIoStoppedNP = 0x31D | WdfDevStateNP,
    WdfDevStatePowerGotoDxNPFailed = 0x31E | WdfDevStateNP,
    WdfDevStatePowerDx = 0x31F,
    WdfDevStatePowerDxNP = 0x320 | WdfDevStateNP,
    WdfDevStatePowerGotoDxArmedForWake = 0x321,
    WdfDevStatePowerGotoDxArmedForWakeNP = 0x322 | WdfDevStateNP,
    WdfDevStatePowerGotoDxIoStoppedArmedForWake = 0x323,
    WdfDevStatePowerGotoDxIoStoppedArmedForWakeNP = 0x324 | WdfDevStateNP,
    WdfDevStatePowerDxArmedForWake = 0x325,
    WdfDevStatePowerDxArmedForWakeNP = 0x326 | WdfDevStateNP,
    WdfDevStatePowerCheckParentStateArmedForWake = 0x327,
    WdfDevStatePowerCheckParentStateArmedForWakeNP = 0x328 | WdfDevStateNP,
    WdfDevStatePowerWaitForParentArmedForWake = 0x329,
    WdfDevStatePowerWaitForParentArmedForWakeNP = 0x32A | WdfDevStateNP,
    WdfDevStatePowerStartSelfManagedIo = 0x32B,
    WdfDevStatePowerStartSelfManagedIoNP = 0x32C | WdfDevStateNP,
    WdfDevStatePowerStartSelfManagedIoFailed = 0x32D,
    WdfDevStatePowerStartSelfManagedIoFailedNP = 0x32E | WdfDevStateNP,
    WdfDevStatePowerWaitForParent = 0x32F,
    WdfDevStatePowerWaitForParentNP = 0x330 | WdfDevStateNP,
    WdfDevStatePowerWakePending = 0x331,
    WdfDevStatePowerWakePendingNP = 0x332 | WdfDevStateNP,
    WdfDevStatePowerWaking = 0x333,
    WdfDevStatePowerWakingNP = 0x334 | WdfDevStateNP,
    WdfDevStatePowerWakingConnectInterrupt = 0x335,
    WdfDevStatePowerWakingConnectInterruptNP = 0x336 | WdfDevStateNP,
    WdfDevStatePowerWakingConnectInterruptFailed = 0x337,
    WdfDevStatePowerWakingConnectInterruptFailedNP = 0x338 | WdfDevStateNP,
    WdfDevStatePowerWakingDmaEnable = 0x339,
    WdfDevStatePowerWakingDmaEnableNP = 0x33A | WdfDevStateNP,
    WdfDevStatePowerWakingDmaEnableFailed = 0x33B,
    WdfDevStatePowerWakingDmaEnableFailedNP = 0x33C | WdfDevStateNP,
    WdfDevStatePowerReportPowerUpFailedDerefParent = 0x33D,
    WdfDevStatePowerReportPowerUpFailed = 0x33E,
    WdfDevStatePowerPowerFailedPowerDown = 0x33F,
    WdfDevStatePowerReportPowerDownFailed = 0x340,
    WdfDevStatePowerInitialConnectInterruptFailed = 0x341,
    WdfDevStatePowerInitialDmaEnableFailed = 0x342,
    WdfDevStatePowerInitialSelfManagedIoFailed = 0x343,
    WdfDevStatePowerInitialPowerUpFailedDerefParent = 0x344,
    WdfDevStatePowerInitialPowerUpFailed = 0x345,
    WdfDevStatePowerDxStoppedDisarmWake = 0x346,
    WdfDevStatePowerDxStoppedDisarmWakeNP = 0x347 | WdfDevStateNP,
    WdfDevStatePowerGotoDxStoppedDisableInterruptNP = 0x348 | WdfDevStateNP,
    WdfDevStatePowerGotoDxStopped = 0x349,
    WdfDevStatePowerDxStopped = 0x34A,
    WdfDevStatePowerGotoStopped = 0x34B,
    WdfDevStatePowerStoppedCompleteDx = 0x34C,
    WdfDevStatePowerDxStoppedDecideDxState = 0x34D,
    WdfDevStatePowerDxStoppedArmForWake = 0x34E,
    WdfDevStatePowerDxStoppedArmForWakeNP = 0x34F | WdfDevStateNP,
    WdfDevStatePowerFinalPowerDownFailed = 0x350,
    WdfDevStatePowerFinal = 0x351,
    WdfDevStatePowerGotoImplicitD3DisarmWakeAtBus = 0x352,
    WdfDevStatePowerUpFailed = 0x353,
    WdfDevStatePowerUpFailedDerefParent = 0x354,
    WdfDevStatePowerGotoDxFailed = 0x355,
    WdfDevStatePowerGotoDxStoppedDisableInterrupt = 0x356,
    WdfDevStatePowerUpFailedNP = 0x357 | WdfDevStateNP,
    WdfDevStatePowerUpFailedDerefParentNP = 0x358 | WdfDevStateNP,
    WdfDevStatePowerNotifyingD0ExitToWakeInterrupts = 0x359,
    WdfDevStatePowerNotifyingD0EntryToWakeInterrupts = 0x35A,
    WdfDevStatePowerNotifyingD0ExitToWakeInterruptsNP = 0x35B | WdfDevStateNP,
    WdfDevStatePowerNotifyingD0EntryToWakeInterruptsNP = 0x35C | WdfDevStateNP,
    WdfDevStatePowerInitialPowerUpFailedPowerDown = 0x35D,
    WdfDevStatePowerUpFailedPowerDown = 0x35E,
    WdfDevStatePowerUpFailedPowerDownNP = 0x35F | WdfDevStateNP,
    WdfDevStatePowerInitialSelfManagedIoFailedStarted = 0x360,
    WdfDevStatePowerStartSelfManagedIoFailedStarted = 0x361,
    WdfDevStatePowerStartSelfManagedIoFailedStartedNP = 0x362 | WdfDevStateNP,
    WdfDevStatePowerNull = 0x363,
} WDF_DEVICE_POWER_STATE, *PWDF_DEVICE_POWER_STATE;

typedef enum _WDF_DEVICE_POWER_POLICY_STATE {
    WdfDevStatePwrPolInvalid = 0x00,
    WdfDevStatePwrPolObjectCreated = 0x500,
    WdfDevStatePwrPolStarting = 0x501,
    WdfDevStatePwrPolStartingSucceeded = 0x502,
    WdfDevStatePwrPolStartingFailed = 0x503,
    WdfDevStatePwrPolStartingDecideS0Wake = 0x504,
    WdfDevStatePwrPolStartedIdleCapable = 0x505,
    WdfDevStatePwrPolTimerExpiredNoWake = 0x506,
    WdfDevStatePwrPolTimerExpiredNoWakeCompletePowerDown = 0x507,
    WdfDevStatePwrPolWaitingUnarmed = 0x508,
    WdfDevStatePwrPolWaitingUnarmedQueryIdle = 0x509,
    WdfDevStatePwrPolS0NoWakePowerUp = 0x50A,
    WdfDevStatePwrPolS0NoWakeCompletePowerUp = 0x50B,
    WdfDevStatePwrPolSystemSleepFromDeviceWaitingUnarmed = 0x50C,
    WdfDevStatePwrPolSystemSleepNeedWake = 0x50D,
    WdfDevStatePwrPolSystemSleepNeedWakeCompletePowerUp = 0x50E,
    WdfDevStatePwrPolSystemSleepPowerRequestFailed = 0x50F,
    WdfDevStatePwrPolCheckPowerPageable = 0x510,
    WdfDevStatePwrPolSleepingWakeWakeArrived = 0x511,
    WdfDevStatePwrPolSleepingWakeRevertArmWake = 0x512,
    WdfDevStatePwrPolSystemAsleepWakeArmed = 0x513,
    WdfDevStatePwrPolSystemWakeDeviceWakeEnabled = 0x514,
    WdfDevStatePwrPolSystemWakeDeviceWakeEnabledWakeCanceled = 0x515,
    WdfDevStatePwrPolSystemWakeDeviceWakeDisarm = 0x516,
    WdfDevStatePwrPolSystemWakeDeviceWakeTriggered = 0x517,
    WdfDevStatePwrPolSystemWakeDeviceWakeTriggeredS0 = 0x518,
    WdfDevStatePwrPolSystemWakeDeviceWokeDisarm = 0x519,
    WdfDevStatePwrPolSleepingWakeWakeArrivedNP = 0x51A | WdfDevStateNP,
    WdfDevStatePwrPolSleepingWakeRevertArmWakeNP = 0x51B | WdfDevStateNP,
    WdfDevStatePwrPolSleepingWakePowerDownFailed = 0x51C,
    WdfDevStatePwrPolSleepingWakePowerDownFailedWakeCanceled = 0x51D,
    WdfDevStatePwrPolSystemAsleepWakeArmedNP = 0x51E | WdfDevStateNP,
    WdfDevStatePwrPolSystemWakeDeviceWakeEnabledNP = 0x51F | WdfDevStateNP,
    WdfDevStatePwrPolSystemWakeDeviceWakeEnabledWakeCanceledNP = 0x520 | WdfDevStateNP,
    WdfDevStatePwrPolSystemWakeDeviceWakeDisarmNP = 0x521 | WdfDevStateNP,
    WdfDevStatePwrPolSystemWakeDeviceWakeTriggeredNP = 0x522 | WdfDevStateNP,
    WdfDevStatePwrPolSystemWakeDeviceWakeTriggeredS0NP = 0x523 | WdfDevStateNP,
    WdfDevStatePwrPolSystemWakeDeviceWokeDisarmNP = 0x524 | WdfDevStateNP,
    WdfDevStatePwrPolSystemWakeDeviceWakeCompletePowerUp = 0x525,
    WdfDevStatePwrPolSleeping = 0x526,
    WdfDevStatePwrPolSleepingNoWakePowerDown = 0x527,
    WdfDevStatePwrPolSleepingNoWakeCompletePowerDown = 0x528,
    WdfDevStatePwrPolSleepingNoWakeDxRequestFailed = 0x529,
    WdfDevStatePwrPolSleepingWakePowerDown = 0x52A,
    WdfDevStatePwrPolSleepingSendWake = 0x52B,
    WdfDevStatePwrPolSystemAsleepNoWake = 0x52C,
    WdfDevStatePwrPolSystemWakeDeviceWakeDisabled = 0x52D,
    WdfDevStatePwrPolSystemWakeDeviceToD0 = 0x52E,
    WdfDevStatePwrPolSystemWakeDeviceToD0CompletePowerUp = 0x52F,
    WdfDevStatePwrPolSystemWakeQueryIdle = 0x530,
    WdfDevStatePwrPolStartedWakeCapable = 0x531,
    WdfDevStatePwrPolTimerExpiredDecideUsbSS = 0x532,
    WdfDevStatePwrPolTimerExpiredWakeCapablePowerDown = 0x533,
    WdfDevStatePwrPolTimerExpiredWakeCapableSendWake = 0x534,
    WdfDevStatePwrPolTimerExpiredWakeCapableUsbSS = 0x535,
    WdfDevStatePwrPolTimerExpiredWakeCapableWakeArrived = 0x536,
    WdfDevStatePwrPolTimerExpiredWakeCapableCancelWake = 0x537,
    WdfDevStatePwrPolTimerExpiredWakeCapableWakeCanceled = 0x538,
    WdfDevStatePwrPolTimerExpiredWakeCapableCleanup = 0x539,
    WdfDevStatePwrPolTimerExpiredWakeCapableDxAllocFailed = 0x53A,
    WdfDevStatePwrPolTimerExpiredWakeCompletedPowerDown = 0x53B,
    WdfDevStatePwrPolTimerExpiredWakeCompletedPowerUp = 0x53C,
    WdfDevStatePwrPolWaitingArmedUsbSS = 0x53D,
    WdfDevStatePwrPolWaitingArmed = 0x53E,
    WdfDevStatePwrPolWaitingArmedQueryIdle = 0x53F,
    WdfDevStatePwrPolIoPresentArmed = 0x540,
    WdfDevStatePwrPolIoPresentArmedWakeCanceled = 0x541,
    WdfDevStatePwrPolS0WakeDisarm = 0x542,
    WdfDevStatePwrPolS0WakeCompletePowerUp = 0x543,
    WdfDevStatePwrPolTimerExpiredWakeSucceeded = 0x544,
    WdfDevStatePwrPolTimerExpiredWakeCompletedDisarm = 0x545,
    WdfDevStatePwrPolTimerExpiredWakeCapableWakeSucceeded = 0x546,
    WdfDevStatePwrPolTimerExpiredWakeCapableWakeFailed = 0x547,
    WdfDevStatePwrPolWakeFailedUsbSS = 0x548,
    WdfDevStatePwrPolTimerExpiredWakeCapablePowerDownFailedCancelWake = 0x549,
    WdfDevStatePwrPolTimerExpiredWakeCapablePowerDownFailedWakeCanceled = 0x54A,
    WdfDevStatePwrPolTimerExpiredWakeCapablePowerDownFailedUsbSS = 0x54B,
    WdfDevStatePwrPolCancelingWakeForSystemSleep = 0x54C,
    WdfDevStatePwrPolCancelingWakeForSystemSleepWakeCanceled = 0x54D,
    WdfDevStatePwrPolDisarmingWakeForSystemSleepCompletePowerUp = 0x54E,
    WdfDevStatePwrPolPowerUpForSystemSleepFailed = 0x54F,
    WdfDevStatePwrPolWokeFromS0UsbSS = 0x550,
    WdfDevStatePwrPolWokeFromS0 = 0x551,
    WdfDevStatePwrPolWokeFromS0NotifyDriver = 0x552,
    WdfDevStatePwrPolStoppingResetDevice = 0x553,
    WdfDevStatePwrPolStoppingResetDeviceCompletePowerUp = 0x554,
    WdfDevStatePwrPolStoppingResetDeviceFailed = 0x555,
    WdfDevStatePwrPolStoppingD0 = 0x556,
    WdfDevStatePwrPolStoppingD0Failed = 0x557,
    WdfDevStatePwrPolStoppingDisarmWake = 0x558,
    WdfDevStatePwrPolStoppingDisarmWakeCancelWake = 0x559,
    WdfDevStatePwrPolStoppingDisarmWakeWakeCanceled = 0x55A,
    WdfDevStatePwrPolStopping = 0x55B,
    WdfDevStatePwrPolStoppingFailed = 0x55C,
    WdfDevStatePwrPolStoppingSendStatus = 0x55D,
    WdfDevStatePwrPolStoppingCancelTimer = 0x55E,
    WdfDevStatePwrPolStoppingWaitForIdleTimeout = 0x55F,
    WdfDevStatePwrPolStoppingCancelUsbSS = 0x560,
    WdfDevStatePwrPolStoppingWaitForUsbSSCompletion = 0x561,
    WdfDevStatePwrPolStoppingCancelWake = 0x562,
    WdfDevStatePwrPolStopped = 0x563,
    WdfDevStatePwrPolCancelUsbSS = 0x564,
    WdfDevStatePwrPolStarted = 0x565,
    WdfDevStatePwrPolStartedCancelTimer = 0x566,
    WdfDevStatePwrPolStartedWaitForIdleTimeout = 0x567,
    WdfDevStatePwrPolStartedWakeCapableCancelTimerForSleep = 0x568,
    WdfDevStatePwrPolStartedWakeCapableWaitForIdleTimeout = 0x569,
    WdfDevStatePwrPolStartedWakeCapableSleepingUsbSS = 0x56A,
    WdfDevStatePwrPolStartedIdleCapableCancelTimerForSleep = 0x56B,
    WdfDevStatePwrPolStartedIdleCapableWaitForIdleTimeout = 0x56C,
    WdfDevStatePwrPolDeviceD0PowerRequestFailed = 0x56D,
    WdfDevStatePwrPolDevicePowerRequestFailed = 0x56E,
    WdfDevStatePwrPolGotoDx = 0x56F,
    WdfDevStatePwrPolGotoDxInDx = 0x570,
    WdfDevStatePwrPolDx = 0x571,
    WdfDevStatePwrPolGotoD0 = 0x572,
    WdfDevStatePwrPolGotoD0InD0 = 0x573,
    WdfDevStatePwrPolFinal = 0x574,
    WdfDevStatePwrPolSleepingPowerDownNotProcessed = 0x575,
    WdfDevStatePwrPolTimerExpiredWakeCapablePowerDownNotProcessed = 0x576,
    WdfDevStatePwrPolTimerExpiredNoWakePowerDownNotProcessed = 0x577,
    WdfDevStatePwrPolTimerExpiredNoWakePoweredDownDisableIdleTimer = 0x578,
    WdfDevStatePwrPolStoppingWaitingForImplicitPowerDown = 0x579,
    WdfDevStatePwrPolStoppingPoweringUp = 0x57A,
    WdfDevStatePwrPolStoppingPoweringDown = 0x57B,
    WdfDevStatePwrPolPowerUpForSystemSleepNotSeen = 0x57C,
    WdfDevStatePwrPolWaitingArmedStoppingCancelUsbSS = 0x57D,
    WdfDevStatePwrPolWaitingArmedWakeFailedCancelUsbSS = 0x57E,
    WdfDevStatePwrPolWaitingArmedIoPresentCancelUsbSS = 0x57F,
    WdfDevStatePwrPolWaitingArmedWakeSucceededCancelUsbSS = 0x580,
    WdfDevStatePwrPolCancelingUsbSSForSystemSleep = 0x581,
    WdfDevStatePwrPolStoppingD0CancelUsbSS = 0x582,
    WdfDevStatePwrPolStartingPoweredUp = 0x583,
    WdfDevStatePwrPolIdleCapableDeviceIdle = 0x584,
    WdfDevStatePwrPolDeviceIdleReturnToActive = 0x585,
    WdfDevStatePwrPolDeviceIdleSleeping = 0x586,
    WdfDevStatePwrPolDeviceIdleStopping = 0x587,
    WdfDevStatePwrPolTimerExpiredNoWakeUndoPowerDown = 0x588,
    WdfDevStatePwrPolWakeCapableDeviceIdle = 0x589,
    WdfDevStatePwrPolWakeCapableUsbSSCompleted = 0x58A,
    WdfDevStatePwrPolTimerExpiredWakeCapableUndoPowerDown = 0x58B,
    WdfDevStatePwrPolTimerExpiredWakeCompletedHardwareStarted = 0x58C,
    WdfDevStatePwrPolStoppedRemoving = 0x58D,
    WdfDevStatePwrPolRemoved = 0x58E,
    WdfDevStatePwrPolRestarting = 0x58F,
    WdfDevStatePwrPolRestartingFailed = 0x590,
    WdfDevStatePwrPolStartingPoweredUpFailed = 0x591,
    WdfDevStatePwrPolTimerExpiredNoWakeReturnToActive = 0x592,
    WdfDevStatePwrPolWaitingArmedWakeInterruptFired = 0x593,
    WdfDevStatePwrPolSystemWakeDeviceWakeInterruptFired = 0x594,
    WdfDevStatePwrPolSystemWakeDeviceWakeInterruptFiredNP = 0x595 | WdfDevStateNP,
    WdfDevStatePwrPolTimerExpiredWakeCapableWakeInterruptArrived = 0x596,
    WdfDevStatePwrPolTimerExpiredWakeCapablePowerDownFailedWakeInterruptArrived = 0x597,
    WdfDevStatePwrPolWaitingArmedWakeInterruptFiredDuringPowerDown = 0x598,
    WdfDevStatePwrPolNull = 0x599,
} WDF_DEVICE_POWER_POLICY_STATE, *PWDF_DEVICE_POWER_POLICY_STATE;

C_ASSERT(WdfDevStatePowerD0 == 0x307 && WdfDevStatePowerNull == 0x363);
C_ASSERT(WdfDevStatePwrPolStarted == 0x565 && WdfDevStatePwrPolNull == 0x599);

/* WdfDevStateNormalize / WdfDevStateIsNP (Microsoft: methods of wdfdevice.h, any IRQL). */
FORCEINLINE ULONG WdfDevStateNormalize(ULONG State)
{
    return State & ~(ULONG)WdfDevStateNP;
}

FORCEINLINE BOOLEAN WdfDevStateIsNP(ULONG State)
{
    return (State & (ULONG)WdfDevStateNP) != 0 ? TRUE : FALSE;
}

typedef WDF_DEVICE_POWER_STATE (*PFN_WDFDEVICEGETDEVICEPOWERSTATE)(PWDF_DRIVER_GLOBALS, WDFDEVICE);
FORCEINLINE WDF_DEVICE_POWER_STATE WdfDeviceGetDevicePowerState(WDFDEVICE Device)
{
    return ((PFN_WDFDEVICEGETDEVICEPOWERSTATE)WdfFunctions[WdfDeviceGetDevicePowerStateTableIndex])(
        WdfDriverGlobals, Device);
}

typedef WDF_DEVICE_POWER_POLICY_STATE (*PFN_WDFDEVICEGETDEVICEPOWERPOLICYSTATE)(PWDF_DRIVER_GLOBALS,
                                                                                WDFDEVICE);
FORCEINLINE WDF_DEVICE_POWER_POLICY_STATE WdfDeviceGetDevicePowerPolicyState(WDFDEVICE Device)
{
    return ((PFN_WDFDEVICEGETDEVICEPOWERPOLICYSTATE)
                WdfFunctions[WdfDeviceGetDevicePowerPolicyStateTableIndex])(WdfDriverGlobals,
                                                                            Device);
}

/* ---- state-change notifications (WdfDeviceInitRegister*StateChangeCallback) ------------- */

typedef enum _WDF_STATE_NOTIFICATION_TYPE {
    StateNotificationInvalid = 0x0000,
    StateNotificationEnterState = 0x0001,
    StateNotificationPostProcessState = 0x0002,
    StateNotificationLeaveState = 0x0004,
    StateNotificationAllStates = StateNotificationEnterState | StateNotificationPostProcessState |
                                 StateNotificationLeaveState,
} WDF_STATE_NOTIFICATION_TYPE;

typedef struct _WDF_DEVICE_PNP_NOTIFICATION_DATA {
    WDF_STATE_NOTIFICATION_TYPE Type;
    union {
        struct {
            WDF_DEVICE_PNP_STATE CurrentState;
            WDF_DEVICE_PNP_STATE NewState;
        } EnterState;
        struct {
            WDF_DEVICE_PNP_STATE CurrentState;
        } PostProcessState;
        struct {
            WDF_DEVICE_PNP_STATE CurrentState;
            WDF_DEVICE_PNP_STATE NewState;
        } LeaveState;
    } Data;
} WDF_DEVICE_PNP_NOTIFICATION_DATA;
typedef const WDF_DEVICE_PNP_NOTIFICATION_DATA *PCWDF_DEVICE_PNP_NOTIFICATION_DATA;

typedef struct _WDF_DEVICE_POWER_NOTIFICATION_DATA {
    WDF_STATE_NOTIFICATION_TYPE Type;
    union {
        struct {
            WDF_DEVICE_POWER_STATE CurrentState;
            WDF_DEVICE_POWER_STATE NewState;
        } EnterState;
        struct {
            WDF_DEVICE_POWER_STATE CurrentState;
        } PostProcessState;
        struct {
            WDF_DEVICE_POWER_STATE CurrentState;
            WDF_DEVICE_POWER_STATE NewState;
        } LeaveState;
    } Data;
} WDF_DEVICE_POWER_NOTIFICATION_DATA;
typedef const WDF_DEVICE_POWER_NOTIFICATION_DATA *PCWDF_DEVICE_POWER_NOTIFICATION_DATA;

typedef struct _WDF_DEVICE_POWER_POLICY_NOTIFICATION_DATA {
    WDF_STATE_NOTIFICATION_TYPE Type;
    union {
        struct {
            WDF_DEVICE_POWER_POLICY_STATE CurrentState;
            WDF_DEVICE_POWER_POLICY_STATE NewState;
        } EnterState;
        struct {
            WDF_DEVICE_POWER_POLICY_STATE CurrentState;
        } PostProcessState;
        struct {
            WDF_DEVICE_POWER_POLICY_STATE CurrentState;
            WDF_DEVICE_POWER_POLICY_STATE NewState;
        } LeaveState;
    } Data;
} WDF_DEVICE_POWER_POLICY_NOTIFICATION_DATA;
typedef const WDF_DEVICE_POWER_POLICY_NOTIFICATION_DATA
    *PCWDF_DEVICE_POWER_POLICY_NOTIFICATION_DATA;

C_ASSERT(sizeof(WDF_DEVICE_PNP_NOTIFICATION_DATA) == 12);

typedef VOID EVT_WDF_DEVICE_PNP_STATE_CHANGE_NOTIFICATION(
    WDFDEVICE Device, PCWDF_DEVICE_PNP_NOTIFICATION_DATA NotificationData);
typedef EVT_WDF_DEVICE_PNP_STATE_CHANGE_NOTIFICATION *PFN_WDF_DEVICE_PNP_STATE_CHANGE_NOTIFICATION;
typedef VOID EVT_WDF_DEVICE_POWER_STATE_CHANGE_NOTIFICATION(
    WDFDEVICE Device, PCWDF_DEVICE_POWER_NOTIFICATION_DATA NotificationData);
typedef EVT_WDF_DEVICE_POWER_STATE_CHANGE_NOTIFICATION
    *PFN_WDF_DEVICE_POWER_STATE_CHANGE_NOTIFICATION;
typedef VOID EVT_WDF_DEVICE_POWER_POLICY_STATE_CHANGE_NOTIFICATION(
    WDFDEVICE Device, PCWDF_DEVICE_POWER_POLICY_NOTIFICATION_DATA NotificationData);
typedef EVT_WDF_DEVICE_POWER_POLICY_STATE_CHANGE_NOTIFICATION
    *PFN_WDF_DEVICE_POWER_POLICY_STATE_CHANGE_NOTIFICATION;

typedef NTSTATUS (*PFN_WDFDEVICEINITREGISTERPNPSTATECHANGECALLBACK)(
    PWDF_DRIVER_GLOBALS, PWDFDEVICE_INIT, WDF_DEVICE_PNP_STATE,
    PFN_WDF_DEVICE_PNP_STATE_CHANGE_NOTIFICATION, ULONG);
FORCEINLINE NTSTATUS WdfDeviceInitRegisterPnpStateChangeCallback(
    PWDFDEVICE_INIT DeviceInit, WDF_DEVICE_PNP_STATE PnpState,
    PFN_WDF_DEVICE_PNP_STATE_CHANGE_NOTIFICATION EvtDevicePnpStateChange, ULONG CallbackTypes)
{
    return ((PFN_WDFDEVICEINITREGISTERPNPSTATECHANGECALLBACK)
                WdfFunctions[WdfDeviceInitRegisterPnpStateChangeCallbackTableIndex])(
        WdfDriverGlobals, DeviceInit, PnpState, EvtDevicePnpStateChange, CallbackTypes);
}

typedef NTSTATUS (*PFN_WDFDEVICEINITREGISTERPOWERSTATECHANGECALLBACK)(
    PWDF_DRIVER_GLOBALS, PWDFDEVICE_INIT, WDF_DEVICE_POWER_STATE,
    PFN_WDF_DEVICE_POWER_STATE_CHANGE_NOTIFICATION, ULONG);
FORCEINLINE NTSTATUS WdfDeviceInitRegisterPowerStateChangeCallback(
    PWDFDEVICE_INIT DeviceInit, WDF_DEVICE_POWER_STATE PowerState,
    PFN_WDF_DEVICE_POWER_STATE_CHANGE_NOTIFICATION EvtDevicePowerStateChange, ULONG CallbackTypes)
{
    return ((PFN_WDFDEVICEINITREGISTERPOWERSTATECHANGECALLBACK)
                WdfFunctions[WdfDeviceInitRegisterPowerStateChangeCallbackTableIndex])(
        WdfDriverGlobals, DeviceInit, PowerState, EvtDevicePowerStateChange, CallbackTypes);
}

typedef NTSTATUS (*PFN_WDFDEVICEINITREGISTERPOWERPOLICYSTATECHANGECALLBACK)(
    PWDF_DRIVER_GLOBALS, PWDFDEVICE_INIT, WDF_DEVICE_POWER_POLICY_STATE,
    PFN_WDF_DEVICE_POWER_POLICY_STATE_CHANGE_NOTIFICATION, ULONG);
FORCEINLINE NTSTATUS WdfDeviceInitRegisterPowerPolicyStateChangeCallback(
    PWDFDEVICE_INIT DeviceInit, WDF_DEVICE_POWER_POLICY_STATE PowerPolicyState,
    PFN_WDF_DEVICE_POWER_POLICY_STATE_CHANGE_NOTIFICATION EvtDevicePowerPolicyStateChange,
    ULONG CallbackTypes)
{
    return ((PFN_WDFDEVICEINITREGISTERPOWERPOLICYSTATECHANGECALLBACK)
                WdfFunctions[WdfDeviceInitRegisterPowerPolicyStateChangeCallbackTableIndex])(
        WdfDriverGlobals, DeviceInit, PowerPolicyState, EvtDevicePowerPolicyStateChange,
        CallbackTypes);
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
