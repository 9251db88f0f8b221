/*
 * wdfpower.c - the framework power policy test driver: a function driver that owns its
 * device's power policy, idles after 20 ms (IdleCanWakeFromS0, so it arms for wake from S0),
 * is armed for wake from Sx, and sets the D-state of S3 and its DeviceWake to D2 with
 * WdfDeviceSetPowerCapabilities. Every PnP, power and power policy callback is logged, both
 * with DbgPrintEx ("wdfpower: Callback(argument)", for scenarios) and into a buffer the tests
 * read with IOCTL_WPW_LOG. With WDFPOWER_WITH_REASON (the KMDF 1.9 build) it also sets
 * EvtDeviceArmWakeFromSxWithReason. Reads go to a power-managed queue; device controls to a default
 * queue that is not power-managed (they work while the device idles). Public KMDF headers only.
 */
#include <ntddk.h>
#include <wdf.h>

#include "pnpirp.h"
#include "wdfpower.h"

#define NAME "wdfpower"

static KSPIN_LOCK LogLock;
static char Log[2048];
static size_t LogLength;
static KEVENT InD0, OutOfD0; /* notification events: the device's state, for the waits */
static LONG FailD0Entry;
static LONG KeepMode, ReadKept; /* IOCTL_WPW_KEEP_READ's mode for the next read; one is kept */
#ifdef WDFPOWER_POFX
static NTSTATUS AssignErrors[8]; /* [5..7]: WdfDeviceWdmAssignPowerFrameworkSettings' */
#else
static NTSTATUS AssignErrors[5];
#endif

/* Appends "entry " to the log and prints it. */
static void LogEntry(const char *fmt, ...)
{
    char entry[96];
    va_list args;
    KIRQL irql;
    size_t n;
    va_start(args, fmt);
    n = (size_t)_vsnprintf(entry, sizeof(entry) - 1, fmt, args);
    va_end(args);
    entry[sizeof(entry) - 1] = 0;
    if (n >= sizeof(entry) - 1)
        n = strlen(entry);
    DbgPrintEx(DPFLTR_IHVDRIVER_ID, DPFLTR_ERROR_LEVEL, NAME ": %s\n", entry);
    KeAcquireSpinLock(&LogLock, &irql);
    if (LogLength + n + 1 < sizeof(Log)) {
        RtlCopyMemory(Log + LogLength, entry, n);
        LogLength += n;
        Log[LogLength++] = ' ';
    }
    KeReleaseSpinLock(&LogLock, irql);
}

/* ---- PnP and power callbacks ----------------------------------------------------------- */

static NTSTATUS D0Entry(WDFDEVICE Device, WDF_POWER_DEVICE_STATE PreviousState)
{
    UNREFERENCED_PARAMETER(Device);
    if (InterlockedExchange(&FailD0Entry, 0)) {
        LogEntry("D0Entry(%d)failed", (int)PreviousState);
        return STATUS_DEVICE_NOT_READY;
    }
    LogEntry("D0Entry(%d)", (int)PreviousState);
    KeClearEvent(&OutOfD0);
    KeSetEvent(&InD0, IO_NO_INCREMENT, FALSE);
    return STATUS_SUCCESS;
}

static NTSTATUS D0Exit(WDFDEVICE Device, WDF_POWER_DEVICE_STATE TargetState)
{
    LogEntry("D0Exit(%d,action%d)", (int)TargetState, (int)WdfDeviceGetSystemPowerAction(Device));
    KeClearEvent(&InD0);
    KeSetEvent(&OutOfD0, IO_NO_INCREMENT, FALSE);
    return STATUS_SUCCESS;
}

static NTSTATUS SmioInit(WDFDEVICE Device)
{
    UNREFERENCED_PARAMETER(Device);
    LogEntry("SmioInit");
    return STATUS_SUCCESS;
}

static NTSTATUS SmioSuspend(WDFDEVICE Device)
{
    UNREFERENCED_PARAMETER(Device);
    LogEntry("SmioSuspend");
    return STATUS_SUCCESS;
}

static NTSTATUS SmioRestart(WDFDEVICE Device)
{
    UNREFERENCED_PARAMETER(Device);
    LogEntry("SmioRestart");
    return STATUS_SUCCESS;
}

static VOID SmioFlush(WDFDEVICE Device)
{
    UNREFERENCED_PARAMETER(Device);
    LogEntry("SmioFlush");
}

static NTSTATUS ReleaseHardware(WDFDEVICE Device, WDFCMRESLIST Translated)
{
    UNREFERENCED_PARAMETER(Device);
    UNREFERENCED_PARAMETER(Translated);
    LogEntry("ReleaseHardware");
    return STATUS_SUCCESS;
}

static NTSTATUS QueryRemove(WDFDEVICE Device)
{
    UNREFERENCED_PARAMETER(Device);
    LogEntry("QueryRemove");
    return STATUS_SUCCESS;
}

static VOID SurpriseRemoval(WDFDEVICE Device)
{
    UNREFERENCED_PARAMETER(Device);
    LogEntry("SurpriseRemoval");
}

/* ---- power policy callbacks ------------------------------------------------------------ */

static NTSTATUS ArmWakeFromS0(WDFDEVICE Device)
{
    UNREFERENCED_PARAMETER(Device);
    LogEntry("ArmWakeFromS0");
    return STATUS_SUCCESS;
}

static VOID DisarmWakeFromS0(WDFDEVICE Device)
{
    UNREFERENCED_PARAMETER(Device);
    LogEntry("DisarmWakeFromS0");
}

static NTSTATUS ArmWakeFromSx(WDFDEVICE Device)
{
    UNREFERENCED_PARAMETER(Device);
    LogEntry("ArmWakeFromSx");
    return STATUS_SUCCESS;
}

static NTSTATUS ArmWakeFromSxWithReason(WDFDEVICE Device, BOOLEAN DeviceWakeEnabled,
                                        BOOLEAN ChildrenArmedForWake)
{
    UNREFERENCED_PARAMETER(Device);
    LogEntry("ArmWakeFromSxWithReason(%d,%d)", DeviceWakeEnabled, ChildrenArmedForWake);
    return STATUS_SUCCESS;
}

static VOID DisarmWakeFromSx(WDFDEVICE Device)
{
    UNREFERENCED_PARAMETER(Device);
    LogEntry("DisarmWakeFromSx");
}

/* ---- reads (power-managed queue) ------------------------------------------------------- */

static VOID CompleteWith(WDFREQUEST Request, const char *text, size_t length)
{
    PVOID out;
    NTSTATUS status = WdfRequestRetrieveOutputBuffer(Request, length, &out, NULL);
    if (NT_SUCCESS(status))
        RtlCopyMemory(out, text, length);
    WdfRequestCompleteWithInformation(Request, status, NT_SUCCESS(status) ? length : 0);
}

static VOID ReadCancel(WDFREQUEST Request)
{
    LogEntry("ReadCancel");
    InterlockedExchange(&ReadKept, 0);
    WdfRequestComplete(Request, STATUS_CANCELLED);
}

static VOID Read(WDFQUEUE Queue, WDFREQUEST Request, size_t Length)
{
    LONG mode = InterlockedExchange(&KeepMode, 0);
    UNREFERENCED_PARAMETER(Queue);
    UNREFERENCED_PARAMETER(Length);
    LogEntry("Read(keep%ld)", mode);
    if (mode == 0) {
        CompleteWith(Request, "power", 5);
        return;
    }
    InterlockedExchange(&ReadKept, mode);
    WdfRequestMarkCancelable(Request, ReadCancel);
}

/* Microsoft (EvtIoStop): Suspend: requeue it or keep it (acknowledged); Purge: complete it. */
static VOID IoStop(WDFQUEUE Queue, WDFREQUEST Request, ULONG ActionFlags)
{
    LONG mode = InterlockedExchange(&ReadKept, 0);
    UNREFERENCED_PARAMETER(Queue);
    LogEntry("IoStop(0x%lX)", (unsigned long)ActionFlags);
    if (mode == 0 || !NT_SUCCESS(WdfRequestUnmarkCancelable(Request)))
        return; /* being cancelled: the cancel routine completes it */
    if (ActionFlags & WdfRequestStopActionPurge) {
        WdfRequestComplete(Request, STATUS_CANCELLED);
        return;
    }
    if (mode == 2)
        InterlockedExchange(&ReadKept, 2); /* kept: EvtIoResume completes it */
    WdfRequestStopAcknowledge(Request, mode == 1);
}

static VOID IoResume(WDFQUEUE Queue, WDFREQUEST Request)
{
    UNREFERENCED_PARAMETER(Queue);
    LogEntry("IoResume");
    InterlockedExchange(&ReadKept, 0);
    CompleteWith(Request, "resumed", 7);
}

/* ---- device controls (not power-managed) ------------------------------------------------ */

static NTSTATUS WaitFor(PKEVENT Event, WDFREQUEST Request)
{
    ULONG *ms;
    LARGE_INTEGER timeout;
    NTSTATUS status = WdfRequestRetrieveInputBuffer(Request, sizeof(*ms), (PVOID *)&ms, NULL);
    if (!NT_SUCCESS(status))
        return status;
    timeout.QuadPart = -(LONGLONG)*ms * 10000;
    return KeWaitForSingleObject(Event, Executive, KernelMode, FALSE, &timeout);
}

static NTSTATUS ReturnUlong(WDFREQUEST Request, ULONG value, size_t *info)
{
    ULONG *out;
    NTSTATUS status = WdfRequestRetrieveOutputBuffer(Request, sizeof(*out), (PVOID *)&out, NULL);
    if (NT_SUCCESS(status)) {
        *out = value;
        *info = sizeof(*out);
    }
    return status;
}

static NTSTATUS InputUlong(WDFREQUEST Request, ULONG *value)
{
    ULONG *in;
    NTSTATUS status = WdfRequestRetrieveInputBuffer(Request, sizeof(*in), (PVOID *)&in, NULL);
    if (NT_SUCCESS(status))
        *value = *in;
    return status;
}

static NTSTATUS ReturnLog(WDFREQUEST Request, size_t *info)
{
    char *out;
    size_t size;
    KIRQL irql;
    NTSTATUS status = WdfRequestRetrieveOutputBuffer(Request, 1, (PVOID *)&out, &size);
    if (!NT_SUCCESS(status))
        return status;
    KeAcquireSpinLock(&LogLock, &irql);
    *info = LogLength < size ? LogLength : size;
    RtlCopyMemory(out, Log, *info);
    LogLength = 0;
    KeReleaseSpinLock(&LogLock, irql);
    return STATUS_SUCCESS;
}

static NTSTATUS SetState(WDFDEVICE device, WDFREQUEST Request, size_t *info)
{
    WDF_DEVICE_STATE set, got;
    ULONG failed;
    NTSTATUS status = InputUlong(Request, &failed);
    if (!NT_SUCCESS(status))
        return status;
    WDF_DEVICE_STATE_INIT(&set);
    set.NotDisableable = WdfTrue;
    set.Failed = (WDF_TRI_STATE)failed;
    if (set.Failed == WdfTrue) { /* the request completed first: the device fails soon after */
        WdfRequestComplete(Request, STATUS_SUCCESS);
        WdfDeviceSetDeviceState(device, &set);
        return STATUS_ALERTED;
    }
    WdfDeviceSetDeviceState(device, &set);
    WDF_DEVICE_STATE_INIT(&got);
    WdfDeviceGetDeviceState(device, &got);
    return ReturnUlong(Request, RtlCompareMemory(&set, &got, sizeof(set)) == sizeof(set), info);
}

/* WdfDeviceStopIdle in the form `how` names (bits 8-15: 0 the macro, 1 WithTag, 2 Actual,
 * 3 NoTrack; bit 0: WaitForD0). The tracking forms exist from KMDF 1.15. */
static NTSTATUS StopIdle(WDFDEVICE device, ULONG how)
{
    BOOLEAN wait = (how & 1) != 0;
    switch (how >> 8) {
#if KMDF_VERSION_MINOR >= 15
    case 1:
        return WdfDeviceStopIdleWithTag(device, wait, (PVOID)StopIdle);
    case 2:
        return WdfDeviceStopIdleActual(device, wait, NULL, __LINE__, (PCHAR)__FILE__);
#endif
    case 3:
        return WdfDeviceStopIdleNoTrack(device, wait);
    default:
        return WdfDeviceStopIdle(device, wait);
    }
}

static VOID ResumeIdle(WDFDEVICE device, ULONG how)
{
    switch (how >> 8) {
#if KMDF_VERSION_MINOR >= 15
    case 1:
        WdfDeviceResumeIdleWithTag(device, (PVOID)StopIdle);
        return;
    case 2:
        WdfDeviceResumeIdleActual(device, NULL, __LINE__, (PCHAR)__FILE__);
        return;
#endif
    case 3:
        WdfDeviceResumeIdleNoTrack(device);
        return;
    default:
        WdfDeviceResumeIdle(device);
    }
}

/* IOCTL_WPW_CAPS: the answer of the top of the device's stack to IRP_MN_QUERY_CAPABILITIES
 * (pnpirp.h). */
static NTSTATUS QueryCaps(WDFDEVICE device, WDFREQUEST Request, size_t *info)
{
    PDEVICE_OBJECT top;
    DEVICE_CAPABILITIES caps;
    ULONG *out;
    NTSTATUS status =
        WdfRequestRetrieveOutputBuffer(Request, 3 * sizeof(ULONG), (PVOID *)&out, NULL);
    if (!NT_SUCCESS(status))
        return status;
    top = IoGetAttachedDeviceReference(WdfDeviceWdmGetPhysicalDevice(device));
    out[0] = (ULONG)PnpQueryCaps(top, &caps);
    ObDereferenceObject(top);
    out[1] = (ULONG)caps.DeviceState[PowerSystemSleeping3];
    out[2] = (ULONG)caps.DeviceWake;
    *info = 3 * sizeof(ULONG);
    return STATUS_SUCCESS;
}

static VOID Ioctl(WDFQUEUE Queue, WDFREQUEST Request, size_t OutLength, size_t InLength, ULONG Code)
{
    WDFDEVICE device = WdfIoQueueGetDevice(Queue);
    NTSTATUS status = STATUS_SUCCESS;
    size_t info = 0;
    ULONG value = 0;
    UNREFERENCED_PARAMETER(OutLength);
    UNREFERENCED_PARAMETER(InLength);
    switch (Code) {
    case IOCTL_WPW_LOG:
        status = ReturnLog(Request, &info);
        break;
    case IOCTL_WPW_WAIT_DX:
        status = WaitFor(&OutOfD0, Request);
        break;
    case IOCTL_WPW_WAIT_D0:
        status = WaitFor(&InD0, Request);
        break;
    case IOCTL_WPW_STOP_IDLE:
        status = InputUlong(Request, &value);
        if (NT_SUCCESS(status))
            status = ReturnUlong(Request, (ULONG)StopIdle(device, value), &info);
        break;
    case IOCTL_WPW_RESUME_IDLE:
        status = InputUlong(Request, &value);
        ResumeIdle(device, NT_SUCCESS(status) ? value : 0);
        status = STATUS_SUCCESS;
        break;
    case IOCTL_WPW_SET_FAILED:
        /* Completed first: the PnP manager removes the device soon after. */
        status = InputUlong(Request, &value);
        WdfRequestComplete(Request, status);
        if (NT_SUCCESS(status))
            WdfDeviceSetFailed(device, (WDF_DEVICE_FAILED_ACTION)value);
        return;
    case IOCTL_WPW_SET_STATE:
        status = SetState(device, Request, &info);
        if (status == STATUS_ALERTED) /* completed: the device is about to fail */
            return;
        break;
    case IOCTL_WPW_PNP_STATE:
        status = ReturnUlong(Request, (ULONG)WdfDeviceGetDevicePnpState(device), &info);
        break;
    case IOCTL_WPW_FAIL_D0ENTRY:
        InterlockedExchange(&FailD0Entry, 1);
        break;
    case IOCTL_WPW_KEEP_READ:
        status = InputUlong(Request, &value);
        if (NT_SUCCESS(status))
            InterlockedExchange(&KeepMode, (LONG)value);
        break;
    case IOCTL_WPW_INDICATE_WAKE:
        status = InputUlong(Request, &value);
        if (NT_SUCCESS(status))
            status = ReturnUlong(
                Request, (ULONG)WdfDeviceIndicateWakeStatus(device, (NTSTATUS)value), &info);
        break;
    case IOCTL_WPW_CAPS:
        status = QueryCaps(device, Request, &info);
        break;
    case IOCTL_WPW_ASSIGN_ERRORS: {
        PVOID out;
        status = WdfRequestRetrieveOutputBuffer(Request, sizeof(AssignErrors), &out, NULL);
        if (NT_SUCCESS(status)) {
            RtlCopyMemory(out, AssignErrors, sizeof(AssignErrors));
            info = sizeof(AssignErrors);
        }
        break;
    }
    default:
        status = STATUS_INVALID_DEVICE_REQUEST;
    }
    WdfRequestCompleteWithInformation(Request, status, info);
}

/* ---- the device -------------------------------------------------------------------------- */

static NTSTATUS CreateQueues(WDFDEVICE device)
{
    WDF_IO_QUEUE_CONFIG config;
    WDFQUEUE reads;
    NTSTATUS status;
    WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(&config, WdfIoQueueDispatchParallel);
    config.PowerManaged = WdfFalse; /* device controls work while the device idles */
    config.EvtIoDeviceControl = Ioctl;
    status = WdfIoQueueCreate(device, &config, WDF_NO_OBJECT_ATTRIBUTES, WDF_NO_HANDLE);
    if (!NT_SUCCESS(status))
        return status;
    WDF_IO_QUEUE_CONFIG_INIT(&config, WdfIoQueueDispatchParallel); /* power-managed */
    config.EvtIoRead = Read;
    config.EvtIoStop = IoStop;
    config.EvtIoResume = IoResume;
    status = WdfIoQueueCreate(device, &config, WDF_NO_OBJECT_ATTRIBUTES, &reads);
    if (!NT_SUCCESS(status))
        return status;
    return WdfDeviceConfigureRequestDispatching(device, reads, WdfRequestTypeRead);
}

/* The misuses WdfDeviceAssignS0IdleSettings and AssignSxWakeSettings refuse (kept for
 * IOCTL_WPW_ASSIGN_ERRORS): a wrong Size, D0 as DxState, an invalid IdleCaps, a wake DxState
 * of D0, a wrong wake Size. */
static void AssignMisuses(WDFDEVICE device)
{
    WDF_DEVICE_POWER_POLICY_IDLE_SETTINGS idle;
    WDF_DEVICE_POWER_POLICY_WAKE_SETTINGS wake;
    WDF_DEVICE_POWER_POLICY_IDLE_SETTINGS_INIT(&idle, IdleCannotWakeFromS0);
    idle.Size = 8;
    AssignErrors[0] = WdfDeviceAssignS0IdleSettings(device, &idle);
    WDF_DEVICE_POWER_POLICY_IDLE_SETTINGS_INIT(&idle, IdleCannotWakeFromS0);
    idle.DxState = PowerDeviceD0;
    AssignErrors[1] = WdfDeviceAssignS0IdleSettings(device, &idle);
    WDF_DEVICE_POWER_POLICY_IDLE_SETTINGS_INIT(&idle, (WDF_POWER_POLICY_S0_IDLE_CAPABILITIES)9);
    AssignErrors[2] = WdfDeviceAssignS0IdleSettings(device, &idle);
    WDF_DEVICE_POWER_POLICY_WAKE_SETTINGS_INIT(&wake);
    wake.DxState = PowerDeviceD0;
    AssignErrors[3] = WdfDeviceAssignSxWakeSettings(device, &wake);
    WDF_DEVICE_POWER_POLICY_WAKE_SETTINGS_INIT(&wake);
    wake.Size = 4;
    AssignErrors[4] = WdfDeviceAssignSxWakeSettings(device, &wake);
}

#ifdef WDFPOWER_POFX
/* ---- PoFx (WDFPOWER_POFX): a single component with F0 and F1, every callback logged ----- */

/* Per device (two may run: a test removes one and reads the log through the other): the
 * WDFDEVICE is PoFxDeviceContext, so each callback finds its registration's handle. */
static struct {
    WDFDEVICE device;
    POHANDLE handle;
} Fx[2];

static POHANDLE FxHandleOf(PVOID Context)
{
    for (int i = 0; i < 2; i++)
        if (Fx[i].device != NULL && (PVOID)Fx[i].device == Context)
            return Fx[i].handle;
    return NULL;
}

static const char *FxCtx(PVOID Context)
{
    return FxHandleOf(Context) != NULL ? "" : "!badcontext";
}

static NTSTATUS PostPoFxRegister(WDFDEVICE Device, POHANDLE PoHandle)
{
    int i = Fx[0].device == NULL || Fx[0].device == Device ? 0 : 1;
    Fx[i].device = Device;
    Fx[i].handle = PoHandle;
    LogEntry("PostPoFxRegister%s", PoHandle != NULL ? "" : "!nohandle");
#if WDFPOWER_POFX == 3
    return STATUS_DEVICE_DATA_ERROR; /* the start must fail */
#else
    return STATUS_SUCCESS;
#endif
}

static VOID PrePoFxUnregister(WDFDEVICE Device, POHANDLE PoHandle)
{
    LogEntry("PrePoFxUnregister%s", PoHandle == FxHandleOf(Device) ? "" : "!otherhandle");
}

static VOID FxActive(PVOID Context, ULONG Component)
{
    LogEntry("Active(%lu)%s", Component, FxCtx(Context));
}

static VOID FxIdleCondition(PVOID Context, ULONG Component)
{
    LogEntry("IdleCondition(%lu)%s", Component, FxCtx(Context));
    PoFxCompleteIdleCondition(FxHandleOf(Context), Component);
}

static VOID FxIdleState(PVOID Context, ULONG Component, ULONG State)
{
    LogEntry("F%lu(%lu)%s", State, Component, FxCtx(Context));
    PoFxCompleteIdleState(FxHandleOf(Context), Component);
}

/* Misuses first ([5] a wrong Size, [6] a component without idle states), then the settings,
 * then a second call ([7]). */
static NTSTATUS FrameworkSettings(WDFDEVICE device)
{
    static PO_FX_COMPONENT_IDLE_STATE states[2] = {{0, 0, 0}, {1000, 10000, 0}};
    PO_FX_COMPONENT component;
    WDF_POWER_FRAMEWORK_SETTINGS settings;
    NTSTATUS status;
    RtlZeroMemory(&component, sizeof(component));
    WDF_POWER_FRAMEWORK_SETTINGS_INIT(&settings);
    settings.Size = 8;
    AssignErrors[5] = WdfDeviceWdmAssignPowerFrameworkSettings(device, &settings);
    WDF_POWER_FRAMEWORK_SETTINGS_INIT(&settings);
    settings.Component = &component;
    AssignErrors[6] = WdfDeviceWdmAssignPowerFrameworkSettings(device, &settings);
    component.IdleStateCount = 2;
    component.IdleStates = states;
    settings.EvtDeviceWdmPostPoFxRegisterDevice = PostPoFxRegister;
    settings.EvtDeviceWdmPrePoFxUnregisterDevice = PrePoFxUnregister;
    settings.ComponentActiveConditionCallback = FxActive;
    settings.ComponentIdleConditionCallback = FxIdleCondition;
    settings.ComponentIdleStateCallback = FxIdleState;
    settings.PoFxDeviceContext = (PVOID)device;
    status = WdfDeviceWdmAssignPowerFrameworkSettings(device, &settings);
    if (NT_SUCCESS(status))
        AssignErrors[7] = WdfDeviceWdmAssignPowerFrameworkSettings(device, &settings);
    return status;
}
#endif

static NTSTATUS PowerSettings(WDFDEVICE device)
{
    WDF_DEVICE_POWER_CAPABILITIES caps;
    WDF_DEVICE_POWER_POLICY_IDLE_SETTINGS idle;
    WDF_DEVICE_POWER_POLICY_WAKE_SETTINGS wake;
    NTSTATUS status;
    WDF_DEVICE_POWER_CAPABILITIES_INIT(&caps);
    caps.DeviceState[PowerSystemSleeping3] = PowerDeviceD2;
    caps.DeviceWake = PowerDeviceD2;
    WdfDeviceSetPowerCapabilities(device, &caps);
    AssignMisuses(device);
#if defined(WDFPOWER_POFX) && WDFPOWER_POFX != 2 /* 2: system-managed idle without settings */
    status = FrameworkSettings(device);
    if (!NT_SUCCESS(status))
        return status;
#endif
    WDF_DEVICE_POWER_POLICY_IDLE_SETTINGS_INIT(&idle, IdleCanWakeFromS0);
    idle.IdleTimeout = 20; /* milliseconds: the tests stay fast */
#ifdef WDFPOWER_POFX
    idle.IdleTimeoutType = SystemManagedIdleTimeout; /* the framework registers with PoFx */
#endif
    status = WdfDeviceAssignS0IdleSettings(device, &idle);
    if (!NT_SUCCESS(status))
        return status;
    WDF_DEVICE_POWER_POLICY_WAKE_SETTINGS_INIT(&wake);
    return WdfDeviceAssignSxWakeSettings(device, &wake);
}

static NTSTATUS DeviceAdd(WDFDRIVER Driver, PWDFDEVICE_INIT DeviceInit)
{
    WDF_PNPPOWER_EVENT_CALLBACKS pnp;
    WDF_POWER_POLICY_EVENT_CALLBACKS policy;
    WDF_OBJECT_ATTRIBUTES attributes;
    WDFDEVICE device;
    NTSTATUS status;
    UNREFERENCED_PARAMETER(Driver);
    WDF_PNPPOWER_EVENT_CALLBACKS_INIT(&pnp);
    pnp.EvtDeviceD0Entry = D0Entry;
    pnp.EvtDeviceD0Exit = D0Exit;
    pnp.EvtDeviceSelfManagedIoInit = SmioInit;
    pnp.EvtDeviceSelfManagedIoSuspend = SmioSuspend;
    pnp.EvtDeviceSelfManagedIoRestart = SmioRestart;
    pnp.EvtDeviceSelfManagedIoFlush = SmioFlush;
    pnp.EvtDeviceReleaseHardware = ReleaseHardware;
    pnp.EvtDeviceQueryRemove = QueryRemove;
    pnp.EvtDeviceSurpriseRemoval = SurpriseRemoval;
    WdfDeviceInitSetPnpPowerEventCallbacks(DeviceInit, &pnp);
    WDF_POWER_POLICY_EVENT_CALLBACKS_INIT(&policy);
    policy.EvtDeviceArmWakeFromS0 = ArmWakeFromS0;
    policy.EvtDeviceDisarmWakeFromS0 = DisarmWakeFromS0;
    policy.EvtDeviceArmWakeFromSx = ArmWakeFromSx;
#ifdef WDFPOWER_WITH_REASON /* Microsoft: called instead of EvtDeviceArmWakeFromSx */
    policy.EvtDeviceArmWakeFromSxWithReason = ArmWakeFromSxWithReason;
#endif
    policy.EvtDeviceDisarmWakeFromSx = DisarmWakeFromSx;
    WdfDeviceInitSetPowerPolicyEventCallbacks(DeviceInit, &policy);
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.ExecutionLevel = WdfExecutionLevelPassive; /* the waits of the device controls */
    status = WdfDeviceCreate(&DeviceInit, &attributes, &device);
    if (!NT_SUCCESS(status))
        return status;
    status = WdfDeviceCreateDeviceInterface(device, &GUID_WDFPOWER_INTERFACE, NULL);
    if (NT_SUCCESS(status))
        status = CreateQueues(device);
    if (NT_SUCCESS(status))
        status = PowerSettings(device);
    return status;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WDF_DRIVER_CONFIG config;
    KeInitializeSpinLock(&LogLock);
    KeInitializeEvent(&InD0, NotificationEvent, FALSE);
    KeInitializeEvent(&OutOfD0, NotificationEvent, FALSE);
    WDF_DRIVER_CONFIG_INIT(&config, DeviceAdd);
    return WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config,
                           WDF_NO_HANDLE);
}
