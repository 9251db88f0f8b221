/*
 * wdfstate.c - the framework state machines' test driver (test_wdf_state.c, installed from
 * drivers/wdfstate.inf on root-enumerated devices). Its first device keeps a log in the
 * driver's globals and takes the test's device controls (wdfstate.h), so that a second
 * device's removal can be read afterwards. What the next devices are is set through the first
 * (IOCTL_WST_MODE):
 *   - a states device registers PnP, power and power policy state-change callbacks for the
 *     states drvhost maps (several callback types), logs each notification with the getter's
 *     value at the time (an entry ends with '!' when the getter does not give the state the
 *     notification names as current), logs its PnP and power callbacks, and idles after 100 ms;
 *     in its AddDevice it also makes registrations the reference pages call invalid; a
 *     no-idle device is the same without idle settings, a failing one fails
 *     EvtDevicePrepareHardware;
 *   - a late device registers a callback after WdfDeviceCreate (with its DeviceInit, NULL);
 *   - a lock device calls WdfDeviceInitSetRemoveLockOptions(ACQUIRE_FOR_IO) and keeps a device
 *     control until the test releases it; a plain device is the same without the option.
 * Log entries: P, W, Y for the PnP, power and power policy machines, then e (enter), l (leave)
 * or p (post-process), the current state in hex, ">" and the new one for enter and leave.
 * Public KMDF headers only: builds with the WDK.
 */
#include <ntddk.h>
#include <wdf.h>

#include "wdfstate.h"

#define NAME "wdfstate"

static KSPIN_LOCK LogLock;
static char Log[4096];
static size_t LogLength;
static LONG Devices;  /* AddDevice calls since DriverEntry: device 0 keeps the log */
static LONG NextMode; /* IOCTL_WST_MODE's */
static NTSTATUS Invalid[WST_INVALID];
static KEVENT Idle; /* notification: a power policy machine entered WaitingUnarmed */
static KSPIN_LOCK HeldLock;
static WDFREQUEST Held; /* IOCTL_WST_HOLD's request, under HeldLock */

typedef struct {
    ULONG Number;
    BOOLEAN FailPrepare; /* WST_MODE_FAIL */
} WST_CONTEXT;
WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(WST_CONTEXT, WstContext)

static void LogEntry(const char *fmt, ...)
{
    char entry[64];
    va_list args;
    KIRQL irql;
    size_t n;
    va_start(args, fmt);
    n = (size_t)_vsnprintf(entry, sizeof(entry) - 1, fmt, args);
    va_end(args);
    entry[sizeof(entry) - 1] = 0;
    if (n >= sizeof(entry) - 1)
        n = strlen(entry);
    DbgPrintEx(DPFLTR_IHVDRIVER_ID, DPFLTR_TRACE_LEVEL, NAME ": %s\n", entry);
    KeAcquireSpinLock(&LogLock, &irql);
    if (LogLength + n + 1 < sizeof(Log)) {
        RtlCopyMemory(Log + LogLength, entry, n);
        LogLength += n;
        Log[LogLength++] = ' ';
    }
    KeReleaseSpinLock(&LogLock, irql);
}

/* ---- state-change notifications ------------------------------------------------------------ */

/* One notification. `data` is the structure's Data union: the current state first, then (enter
 * and leave) the new one, in all three structures. Microsoft (WDF_STATE_NOTIFICATION_TYPE)
 * changes the state after the enter notification, so the getter gives the current state in
 * all three types. */
static void LogState(char machine, WDF_STATE_NOTIFICATION_TYPE type, const ULONG *data,
                     ULONG getter)
{
    const char *wrong = getter == data[0] ? "" : "!";
    if (type == StateNotificationPostProcessState)
        LogEntry("%cp%X%s", machine, data[0], wrong);
    else
        LogEntry("%c%c%X>%X%s", machine, type == StateNotificationEnterState ? 'e' : 'l', data[0],
                 data[1], wrong);
}

static VOID PnpChange(WDFDEVICE Device, PCWDF_DEVICE_PNP_NOTIFICATION_DATA Data)
{
    LogState('P', Data->Type, (const ULONG *)&Data->Data,
             (ULONG)WdfDeviceGetDevicePnpState(Device));
}

static VOID PowerChange(WDFDEVICE Device, PCWDF_DEVICE_POWER_NOTIFICATION_DATA Data)
{
    ULONG getter = (ULONG)WdfDeviceGetDevicePowerState(Device);
    if (WdfDevStateIsNP(getter)) /* drvhost's devices are pageable: logged as a wrong state */
        getter = WdfDevStateNormalize(getter) | 0x10000;
    LogState('W', Data->Type, (const ULONG *)&Data->Data, getter);
}

static VOID PolicyChange(WDFDEVICE Device, PCWDF_DEVICE_POWER_POLICY_NOTIFICATION_DATA Data)
{
    LogState('Y', Data->Type, (const ULONG *)&Data->Data,
             (ULONG)WdfDeviceGetDevicePowerPolicyState(Device));
    if (Data->Type == StateNotificationEnterState &&
        Data->Data.EnterState.NewState == WdfDevStatePwrPolWaitingUnarmed)
        KeSetEvent(&Idle, IO_NO_INCREMENT, FALSE); /* the idle power-down's last entry */
}

#define ALL   StateNotificationAllStates
#define ENTER StateNotificationEnterState
#define LEAVE StateNotificationLeaveState

static NTSTATUS RegisterStates(PWDFDEVICE_INIT DeviceInit)
{
    static const struct {
        WDF_DEVICE_PNP_STATE State;
        ULONG Types;
    } pnp[] = {
        {WdfDevStatePnpInit, LEAVE},
        {WdfDevStatePnpInitStarting, ALL},
        {WdfDevStatePnpHardwareAvailable, ALL},
        {WdfDevStatePnpEnableInterfaces, ALL},
        {WdfDevStatePnpStarted, ENTER | LEAVE},
        {WdfDevStatePnpQueryRemovePending, ALL},
        {WdfDevStatePnpRemovingDisableInterfaces, ALL},
        {WdfDevStatePnpRemoved, ALL},
        {WdfDevStatePnpFinal, ENTER},
        {WdfDevStatePnpQueryStopPending, ALL},
        {WdfDevStatePnpStartedStopping, ENTER},
        {WdfDevStatePnpStopped, ENTER},
        {WdfDevStatePnpStartingFromStopped, ENTER},
        {WdfDevStatePnpSurpriseRemove, ENTER},
        {WdfDevStatePnpFailed, ENTER},
    };
    static const WDF_DEVICE_POWER_STATE power[] = {
        WdfDevStatePowerD0Starting, WdfDevStatePowerGotoDx,      WdfDevStatePowerDx,
        WdfDevStatePowerWaking,     WdfDevStatePowerGotoStopped, WdfDevStatePowerStopped,
        WdfDevStatePowerFinal,      WdfDevStatePowerDxStopped};
    static const WDF_DEVICE_POWER_POLICY_STATE policy[] = {WdfDevStatePwrPolStarting,
                                                           WdfDevStatePwrPolStartedIdleCapable,
                                                           WdfDevStatePwrPolTimerExpiredNoWake,
                                                           WdfDevStatePwrPolWaitingUnarmed,
                                                           WdfDevStatePwrPolS0NoWakePowerUp,
                                                           WdfDevStatePwrPolStopping,
                                                           WdfDevStatePwrPolStopped,
                                                           WdfDevStatePwrPolRemoved,
                                                           WdfDevStatePwrPolFinal,
                                                           WdfDevStatePwrPolStarted,
                                                           WdfDevStatePwrPolStartingFailed};
    NTSTATUS status = STATUS_SUCCESS;
    ULONG i;
    for (i = 0; i < ARRAYSIZE(pnp) && NT_SUCCESS(status); i++)
        status = WdfDeviceInitRegisterPnpStateChangeCallback(DeviceInit, pnp[i].State, PnpChange,
                                                             pnp[i].Types);
    for (i = 0; i < ARRAYSIZE(power) && NT_SUCCESS(status); i++) /* D0 below: all types */
        status =
            WdfDeviceInitRegisterPowerStateChangeCallback(DeviceInit, power[i], PowerChange, ENTER);
    if (NT_SUCCESS(status))
        status = WdfDeviceInitRegisterPowerStateChangeCallback(DeviceInit, WdfDevStatePowerD0,
                                                               PowerChange, ALL);
    for (i = 0; i < ARRAYSIZE(policy) && NT_SUCCESS(status); i++)
        status = WdfDeviceInitRegisterPowerPolicyStateChangeCallback(DeviceInit, policy[i],
                                                                     PolicyChange, ENTER);
    return status;
}

/* What the reference pages call invalid parameters (STATUS_INVALID_PARAMETER), and a valid
 * non-pageable state last (WdfDevStatePowerD0NP: registered, never reported by drvhost). */
static void RegisterInvalid(PWDFDEVICE_INIT DeviceInit)
{
    Invalid[0] = WdfDeviceInitRegisterPnpStateChangeCallback(DeviceInit, WdfDevStatePnpInvalid,
                                                             PnpChange, ALL);
    Invalid[1] =
        WdfDeviceInitRegisterPnpStateChangeCallback(DeviceInit, WdfDevStatePnpNull, PnpChange, ALL);
    Invalid[2] = WdfDeviceInitRegisterPnpStateChangeCallback(
        DeviceInit, (WDF_DEVICE_PNP_STATE)WdfDevStatePowerD0, PnpChange, ALL);
    Invalid[3] = WdfDeviceInitRegisterPowerStateChangeCallback(
        DeviceInit, (WDF_DEVICE_POWER_STATE)WdfDevStatePnpStarted, PowerChange, ALL);
    Invalid[4] = WdfDeviceInitRegisterPnpStateChangeCallback(DeviceInit, WdfDevStatePnpStarted,
                                                             PnpChange, 0);
    Invalid[5] = WdfDeviceInitRegisterPnpStateChangeCallback(DeviceInit, WdfDevStatePnpStarted,
                                                             PnpChange, 0x8);
    Invalid[6] = WdfDeviceInitRegisterPowerPolicyStateChangeCallback(
        DeviceInit, WdfDevStatePwrPolStarted, NULL, ALL);
    Invalid[7] = WdfDeviceInitRegisterPowerStateChangeCallback(DeviceInit, WdfDevStatePowerD0NP,
                                                               PowerChange, ALL);
    /* [8]: WdfDevStateIsNP and WdfDevStateNormalize on the documented values */
    Invalid[8] = WdfDevStateIsNP(WdfDevStatePowerD0NP) && !WdfDevStateIsNP(WdfDevStatePowerD0) &&
                         WdfDevStateNormalize(WdfDevStatePowerD0NP) == 0x308 &&
                         WdfDevStateNormalize(WdfDevStatePwrPolSystemAsleepWakeArmedNP) == 0x51E &&
                         WdfDevStateNormalize(WdfDevStatePnpStarted) == 0x119
                     ? STATUS_SUCCESS
                     : STATUS_UNSUCCESSFUL;
}

/* ---- PnP and power callbacks --------------------------------------------------------------- */

static NTSTATUS PrepareHardware(WDFDEVICE Device, WDFCMRESLIST Raw, WDFCMRESLIST Translated)
{
    UNREFERENCED_PARAMETER(Raw);
    UNREFERENCED_PARAMETER(Translated);
    if (WstContext(Device)->FailPrepare) {
        LogEntry("prepfail");
        return STATUS_DEVICE_CONFIGURATION_ERROR;
    }
    LogEntry("prep");
    return STATUS_SUCCESS;
}

static NTSTATUS ReleaseHardware(WDFDEVICE Device, WDFCMRESLIST Translated)
{
    UNREFERENCED_PARAMETER(Device);
    UNREFERENCED_PARAMETER(Translated);
    LogEntry("rel");
    return STATUS_SUCCESS;
}

static NTSTATUS D0Entry(WDFDEVICE Device, WDF_POWER_DEVICE_STATE PreviousState)
{
    UNREFERENCED_PARAMETER(Device);
    LogEntry("d0in%d", (int)PreviousState);
    return STATUS_SUCCESS;
}

static NTSTATUS D0Exit(WDFDEVICE Device, WDF_POWER_DEVICE_STATE TargetState)
{
    UNREFERENCED_PARAMETER(Device);
    LogEntry("d0out%d", (int)TargetState);
    return STATUS_SUCCESS;
}

/* ---- device controls ----------------------------------------------------------------------- */

static NTSTATUS ReturnBytes(WDFREQUEST Request, const void *data, size_t length, size_t *info)
{
    PVOID out;
    NTSTATUS status = WdfRequestRetrieveOutputBuffer(Request, length, &out, NULL);
    if (!NT_SUCCESS(status))
        return status;
    RtlCopyMemory(out, data, length);
    *info = length;
    return STATUS_SUCCESS;
}

static ULONG InputUlong(WDFREQUEST Request, ULONG otherwise)
{
    PVOID in;
    if (!NT_SUCCESS(WdfRequestRetrieveInputBuffer(Request, sizeof(ULONG), &in, NULL)))
        return otherwise;
    return *(ULONG *)in;
}

static NTSTATUS ReturnLog(WDFREQUEST Request, size_t *info)
{
    char copy[sizeof(Log)];
    size_t length;
    KIRQL irql;
    KeAcquireSpinLock(&LogLock, &irql);
    length = LogLength;
    RtlCopyMemory(copy, Log, length);
    LogLength = 0;
    KeReleaseSpinLock(&LogLock, irql);
    if (length > 0)
        length--; /* the last separator */
    copy[length] = 0;
    return ReturnBytes(Request, copy, length + 1, info);
}

static NTSTATUS WaitIdle(ULONG ms)
{
    LARGE_INTEGER timeout;
    timeout.QuadPart = -10000LL * ms;
    return KeWaitForSingleObject(&Idle, Executive, KernelMode, FALSE, &timeout);
}

/* IOCTL_WST_RELEASE: the held request completed (STATUS_NOT_FOUND: none held). */
static NTSTATUS ReleaseHeld(void)
{
    WDFREQUEST held;
    KIRQL irql;
    KeAcquireSpinLock(&HeldLock, &irql);
    held = Held;
    Held = NULL;
    KeReleaseSpinLock(&HeldLock, irql);
    if (held == NULL)
        return STATUS_NOT_FOUND;
    LogEntry("released");
    WdfRequestComplete(held, STATUS_SUCCESS);
    return STATUS_SUCCESS;
}

static VOID KeeperIoctl(WDFQUEUE Queue, WDFREQUEST Request, size_t OutputLength, size_t InputLength,
                        ULONG IoControlCode)
{
    NTSTATUS status = STATUS_INVALID_DEVICE_REQUEST;
    size_t info = 0;
    ULONG value;
    UNREFERENCED_PARAMETER(Queue);
    UNREFERENCED_PARAMETER(OutputLength);
    UNREFERENCED_PARAMETER(InputLength);
    switch (IoControlCode) {
    case IOCTL_WST_WHO:
        value = 0;
        status = ReturnBytes(Request, &value, sizeof(value), &info);
        break;
    case IOCTL_WST_LOG:
        status = ReturnLog(Request, &info);
        break;
    case IOCTL_WST_WAIT_IDLE:
        status = WaitIdle(InputUlong(Request, 0));
        break;
    case IOCTL_WST_MODE:
        InterlockedExchange(&NextMode, (LONG)InputUlong(Request, WST_MODE_STATES));
        status = STATUS_SUCCESS;
        break;
    case IOCTL_WST_INVALID:
        status = ReturnBytes(Request, Invalid, sizeof(Invalid), &info);
        break;
    case IOCTL_WST_HELD:
        value = *(WDFREQUEST volatile *)&Held != NULL;
        status = ReturnBytes(Request, &value, sizeof(value), &info);
        break;
    case IOCTL_WST_RELEASE:
        status = ReleaseHeld();
        break;
    }
    WdfRequestCompleteWithInformation(Request, status, info);
}

static NTSTATUS ReturnStates(WDFREQUEST Request, size_t *info)
{
    WDFDEVICE device = WdfIoQueueGetDevice(WdfRequestGetIoQueue(Request));
    ULONG states[3];
    NTSTATUS status;
    states[0] = (ULONG)WdfDeviceGetDevicePnpState(device);
    states[1] = (ULONG)WdfDeviceGetDevicePowerState(device);
    states[2] = (ULONG)WdfDeviceGetDevicePowerPolicyState(device);
    status = ReturnBytes(Request, states, sizeof(states), info);
    if (NT_SUCCESS(status) && InputUlong(Request, 0) == 1) {
        WDF_DEVICE_POWER_POLICY_IDLE_SETTINGS idle;
        WDF_DEVICE_POWER_POLICY_IDLE_SETTINGS_INIT(&idle, IdleCannotWakeFromS0);
        idle.Enabled = WdfFalse;
        status = WdfDeviceAssignS0IdleSettings(device, &idle);
    }
    return status;
}

static VOID DeviceIoctl(WDFQUEUE Queue, WDFREQUEST Request, size_t OutputLength, size_t InputLength,
                        ULONG IoControlCode)
{
    NTSTATUS status = STATUS_INVALID_DEVICE_REQUEST;
    size_t info = 0;
    KIRQL irql;
    UNREFERENCED_PARAMETER(OutputLength);
    UNREFERENCED_PARAMETER(InputLength);
    switch (IoControlCode) {
    case IOCTL_WST_WHO:
        status = ReturnBytes(Request, &WstContext(WdfIoQueueGetDevice(Queue))->Number,
                             sizeof(ULONG), &info);
        break;
    case IOCTL_WST_STATES:
        status = ReturnStates(Request, &info);
        break;
    case IOCTL_WST_HOLD:
        KeAcquireSpinLock(&HeldLock, &irql);
        if (Held == NULL)
            Held = Request;
        else
            Request = NULL;
        KeReleaseSpinLock(&HeldLock, irql);
        if (Request == NULL)
            return; /* never: the test holds one at a time */
        LogEntry("held");
        return;
    }
    WdfRequestCompleteWithInformation(Request, status, info);
}

/* A held request when the device leaves D0: completed if the queue is purged (removal), left
 * with the driver otherwise. */
static VOID IoStop(WDFQUEUE Queue, WDFREQUEST Request, ULONG ActionFlags)
{
    BOOLEAN mine = FALSE;
    KIRQL irql;
    UNREFERENCED_PARAMETER(Queue);
    if (!(ActionFlags & WdfRequestStopActionPurge))
        return;
    KeAcquireSpinLock(&HeldLock, &irql);
    if (Held == Request) {
        Held = NULL;
        mine = TRUE;
    }
    KeReleaseSpinLock(&HeldLock, irql);
    if (mine) {
        LogEntry("stop");
        WdfRequestComplete(Request, STATUS_CANCELLED);
    }
}

/* ---- the devices --------------------------------------------------------------------------- */

static NTSTATUS CreateQueue(WDFDEVICE device, BOOLEAN keeper)
{
    WDF_IO_QUEUE_CONFIG config;
    WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(&config, WdfIoQueueDispatchParallel);
    if (keeper) {
        config.PowerManaged = WdfFalse;
        config.EvtIoDeviceControl = KeeperIoctl;
    } else { /* power-managed: a device control returns an idle device to D0 */
        config.EvtIoDeviceControl = DeviceIoctl;
        config.EvtIoStop = IoStop;
    }
    return WdfIoQueueCreate(device, &config, WDF_NO_OBJECT_ATTRIBUTES, WDF_NO_HANDLE);
}

static NTSTATUS IdleSettings(WDFDEVICE device)
{
    WDF_DEVICE_POWER_POLICY_IDLE_SETTINGS idle;
    WDF_DEVICE_POWER_POLICY_IDLE_SETTINGS_INIT(&idle, IdleCannotWakeFromS0);
    idle.IdleTimeout = 100; /* milliseconds */
    return WdfDeviceAssignS0IdleSettings(device, &idle);
}

/* The device's settings in its WDFDEVICE_INIT by mode. */
static NTSTATUS InitSettings(PWDFDEVICE_INIT DeviceInit, LONG mode)
{
    WDF_PNPPOWER_EVENT_CALLBACKS pnp;
    WDF_REMOVE_LOCK_OPTIONS options;
    WDF_PNPPOWER_EVENT_CALLBACKS_INIT(&pnp);
    pnp.EvtDevicePrepareHardware = PrepareHardware;
    pnp.EvtDeviceReleaseHardware = ReleaseHardware;
    pnp.EvtDeviceD0Entry = D0Entry;
    pnp.EvtDeviceD0Exit = D0Exit;
    WdfDeviceInitSetPnpPowerEventCallbacks(DeviceInit, &pnp);
    if (mode == WST_MODE_LOCK) {
        WDF_REMOVE_LOCK_OPTIONS_INIT(&options, WDF_REMOVE_LOCK_OPTION_ACQUIRE_FOR_IO);
        WdfDeviceInitSetRemoveLockOptions(DeviceInit, &options);
    }
    if (mode != WST_MODE_STATES && mode != WST_MODE_NO_IDLE && mode != WST_MODE_FAIL)
        return STATUS_SUCCESS;
    RegisterInvalid(DeviceInit);
    return RegisterStates(DeviceInit);
}

static NTSTATUS DeviceAdd(WDFDRIVER Driver, PWDFDEVICE_INIT DeviceInit)
{
    WDF_OBJECT_ATTRIBUTES attributes;
    ULONG number = (ULONG)InterlockedIncrement(&Devices) - 1;
    LONG mode = number == 0 ? -1 : InterlockedExchange(&NextMode, WST_MODE_STATES);
    WDFDEVICE device;
    NTSTATUS status;
    UNREFERENCED_PARAMETER(Driver);
    if (mode >= 0) {
        status = InitSettings(DeviceInit, mode);
        if (!NT_SUCCESS(status))
            return status;
    }
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attributes, WST_CONTEXT);
    attributes.ExecutionLevel = WdfExecutionLevelPassive; /* WAIT_IDLE waits */
    status = WdfDeviceCreate(&DeviceInit, &attributes, &device);
    if (!NT_SUCCESS(status))
        return status;
    if (mode == WST_MODE_LATE) /* Microsoft: before WdfDeviceCreate; DeviceInit is NULL now */
        WdfDeviceInitRegisterPnpStateChangeCallback(DeviceInit, WdfDevStatePnpStarted, PnpChange,
                                                    ALL);
    WstContext(device)->Number = number;
    WstContext(device)->FailPrepare = mode == WST_MODE_FAIL;
    status = WdfDeviceCreateDeviceInterface(device, &GUID_WDFSTATE_INTERFACE, NULL);
    if (NT_SUCCESS(status))
        status = CreateQueue(device, mode < 0);
    if (NT_SUCCESS(status) && mode == WST_MODE_STATES)
        status = IdleSettings(device);
    return status;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WDF_DRIVER_CONFIG config;
    KeInitializeSpinLock(&LogLock);
    KeInitializeSpinLock(&HeldLock);
    KeInitializeEvent(&Idle, NotificationEvent, FALSE);
    WDF_DRIVER_CONFIG_INIT(&config, DeviceAdd);
    return WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config,
                           WDF_NO_HANDLE);
}
