/*
 * wdfintr.c - the framework interrupt test driver: a function driver for a device with a
 * memory range, a port range and two interrupts. Its first interrupt (DIRQL, with an
 * EvtInterruptDpc) is created in EvtDriverDeviceAdd, so the framework gives it the first
 * interrupt resource; its second (passive-level, with an EvtInterruptWorkItem) is created in
 * EvtDevicePrepareHardware from the second interrupt resource. The ISR of the first reads a
 * register of the mapped memory. Every callback is logged (with its IRQL) into a buffer the
 * tests read with IOCTL_WIN_LOG; the log takes no lock (it is written at DIRQL). Public KMDF
 * headers only.
 */
#include <ntddk.h>
#include <wdf.h>

#include "wdfintr.h"

#define NAME "wdfintr"

static char Log[2048];
static LONG LogLength;
static KEVENT DpcRan, WorkRan; /* synchronization events */
static WDFINTERRUPT Interrupt0, Interrupt1;
static volatile ULONG *Registers;
static SIZE_T RegistersLength;
static WIN_INFO Info;

/* Appends "entry " to the log at any IRQL: a writer reserves its bytes with one interlocked
 * add; readers read after an event or a PnP action that follows the writers. */
static void LogEntry(const char *fmt, ...)
{
    char entry[96];
    va_list args;
    LONG at, n;
    va_start(args, fmt);
    n = (LONG)_vsnprintf(entry, sizeof(entry) - 1, fmt, args);
    va_end(args);
    entry[sizeof(entry) - 1] = 0;
    if (n < 0 || n >= (LONG)sizeof(entry) - 1)
        n = (LONG)strlen(entry);
    at = InterlockedExchangeAdd(&LogLength, n + 1);
    if (at + n + 1 < (LONG)sizeof(Log)) {
        RtlCopyMemory(Log + at, entry, (SIZE_T)n);
        Log[at + n] = ' ';
    }
}

/* ---- the interrupts -------------------------------------------------------------------- */

static BOOLEAN Isr0(WDFINTERRUPT Interrupt, ULONG MessageID)
{
    UNREFERENCED_PARAMETER(MessageID);
    LogEntry("Isr0(%u,0x%x)", (unsigned)KeGetCurrentIrql(),
             (unsigned)READ_REGISTER_ULONG((volatile ULONG *)Registers));
    WdfInterruptQueueDpcForIsr(Interrupt);
    return TRUE;
}

static VOID Dpc0(WDFINTERRUPT Interrupt, WDFOBJECT Device)
{
    LogEntry("Dpc0(%u,%d)", (unsigned)KeGetCurrentIrql(),
             WdfInterruptGetDevice(Interrupt) == (WDFDEVICE)Device);
    KeSetEvent(&DpcRan, IO_NO_INCREMENT, FALSE);
}

static NTSTATUS Enable0(WDFINTERRUPT Interrupt, WDFDEVICE Device)
{
    UNREFERENCED_PARAMETER(Interrupt);
    UNREFERENCED_PARAMETER(Device);
    LogEntry("IntEnable0(%u)", (unsigned)KeGetCurrentIrql());
    return STATUS_SUCCESS;
}

static NTSTATUS Disable0(WDFINTERRUPT Interrupt, WDFDEVICE Device)
{
    UNREFERENCED_PARAMETER(Interrupt);
    UNREFERENCED_PARAMETER(Device);
    LogEntry("IntDisable0(%u)", (unsigned)KeGetCurrentIrql());
    return STATUS_SUCCESS;
}

static BOOLEAN Isr1(WDFINTERRUPT Interrupt, ULONG MessageID)
{
    UNREFERENCED_PARAMETER(MessageID);
    LogEntry("Isr1(%u)", (unsigned)KeGetCurrentIrql());
    WdfInterruptQueueWorkItemForIsr(Interrupt);
    return TRUE;
}

static VOID Work1(WDFINTERRUPT Interrupt, WDFOBJECT Device)
{
    UNREFERENCED_PARAMETER(Interrupt);
    UNREFERENCED_PARAMETER(Device);
    LogEntry("Work1(%u)", (unsigned)KeGetCurrentIrql());
    KeSetEvent(&WorkRan, IO_NO_INCREMENT, FALSE);
}

static NTSTATUS Enable1(WDFINTERRUPT Interrupt, WDFDEVICE Device)
{
    UNREFERENCED_PARAMETER(Interrupt);
    UNREFERENCED_PARAMETER(Device);
    LogEntry("IntEnable1(%u)", (unsigned)KeGetCurrentIrql());
    return STATUS_SUCCESS;
}

static NTSTATUS Disable1(WDFINTERRUPT Interrupt, WDFDEVICE Device)
{
    UNREFERENCED_PARAMETER(Interrupt);
    UNREFERENCED_PARAMETER(Device);
    LogEntry("IntDisable1(%u)", (unsigned)KeGetCurrentIrql());
    return STATUS_SUCCESS;
}

static BOOLEAN SyncCallback(WDFINTERRUPT Interrupt, WDFCONTEXT Context)
{
    UNREFERENCED_PARAMETER(Interrupt);
    LogEntry("Sync(%u,%s)", (unsigned)KeGetCurrentIrql(), (const char *)Context);
    return TRUE;
}

static BOOLEAN WdmSyncCallback(PVOID Context)
{
    UNREFERENCED_PARAMETER(Context);
    LogEntry("WdmSync(%u)", (unsigned)KeGetCurrentIrql());
    return TRUE;
}

/* ---- PnP and power callbacks ----------------------------------------------------------- */

/* The second interrupt, passive-level, from the resource the driver names. */
static NTSTATUS CreateInterrupt1(WDFDEVICE Device, PCM_PARTIAL_RESOURCE_DESCRIPTOR Raw,
                                 PCM_PARTIAL_RESOURCE_DESCRIPTOR Translated)
{
    WDF_INTERRUPT_CONFIG config;
    WDFINTERRUPT unused;
    WDF_INTERRUPT_CONFIG_INIT(&config, Isr1, NULL);
    config.EvtInterruptWorkItem = Work1;
    config.EvtInterruptEnable = Enable1;
    config.EvtInterruptDisable = Disable1;
    config.PassiveHandling = TRUE;
    /* here the resources must be named */
    Info.CreateErrors[2] = WdfInterruptCreate(Device, &config, WDF_NO_OBJECT_ATTRIBUTES, &unused);
    config.InterruptRaw = Raw;
    config.InterruptTranslated = Translated;
    return WdfInterruptCreate(Device, &config, WDF_NO_OBJECT_ATTRIBUTES, &Interrupt1);
}

/* Maps the memory range (twice: both mappings see the same registers) and writes a register
 * the ISR reads back. */
static NTSTATUS MapRegisters(PCM_PARTIAL_RESOURCE_DESCRIPTOR Memory)
{
    volatile ULONG *again;
    Registers = (volatile ULONG *)MmMapIoSpace(Memory->u.Memory.Start, Memory->u.Memory.Length,
                                               MmNonCached);
    if (Registers == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    RegistersLength = Memory->u.Memory.Length;
    WRITE_REGISTER_ULONG((volatile ULONG *)Registers, 0x1234);
    /* the other register widths, at offsets 8.. (little-endian views of the same memory) */
    WRITE_REGISTER_UCHAR((volatile UCHAR *)Registers + 8, 0x11);
    WRITE_REGISTER_USHORT((volatile USHORT *)((volatile UCHAR *)Registers + 10), 0x2233);
    WRITE_REGISTER_ULONG64((volatile ULONG64 *)((volatile UCHAR *)Registers + 16),
                           0x0102030405060708ULL);
    again =
        (volatile ULONG *)MmMapIoSpaceEx(Memory->u.Memory.Start, 24, PAGE_READWRITE | PAGE_NOCACHE);
    Info.MappedTwiceSame =
        again != NULL && READ_REGISTER_ULONG((volatile ULONG *)again) == 0x1234 &&
        READ_REGISTER_UCHAR((volatile UCHAR *)again + 8) == 0x11 &&
        READ_REGISTER_USHORT((volatile USHORT *)((volatile UCHAR *)again + 10)) == 0x2233 &&
        READ_REGISTER_ULONG64((volatile ULONG64 *)((volatile UCHAR *)again + 16)) ==
            0x0102030405060708ULL;
    if (again != NULL)
        MmUnmapIoSpace((PVOID)again, 24);
    Info.Register = READ_REGISTER_ULONG((volatile ULONG *)Registers);
    return STATUS_SUCCESS;
}

/* The port range through wdfhwaccess.h: what is written is read back; the buffer forms repeat
 * one port (the last value written stays; reads repeat it); past the range, all ones. */
static ULONG PortChecks(WDFDEVICE Device, PCM_PARTIAL_RESOURCE_DESCRIPTOR t)
{
    PUCHAR base = (PUCHAR)(ULONG_PTR)t->u.Port.Start.QuadPart, past = base + t->u.Port.Length;
    UCHAR b[2] = {7, 9}, rb[2];
    USHORT w[2] = {0x1111, 0x2222}, rw[2];
    ULONG l[2] = {0x33333333, 0x44444444}, rl[2], checks = 0;
    WDF_WRITE_PORT_UCHAR(Device, base, 0xA5);
    checks |= WDF_READ_PORT_UCHAR(Device, base) == 0xA5 ? WIN_PORT_UCHAR : 0;
    WDF_WRITE_PORT_USHORT(Device, (PUSHORT)(base + 2), 0xBEEF);
    checks |= WDF_READ_PORT_USHORT(Device, (PUSHORT)(base + 2)) == 0xBEEF ? WIN_PORT_USHORT : 0;
    WDF_WRITE_PORT_ULONG(Device, (PULONG)(base + 4), 0x12345678);
    checks |= WDF_READ_PORT_ULONG(Device, (PULONG)(base + 4)) == 0x12345678 ? WIN_PORT_ULONG : 0;
    WDF_WRITE_PORT_BUFFER_UCHAR(Device, base, b, 2);
    WDF_READ_PORT_BUFFER_UCHAR(Device, base, rb, 2);
    WDF_WRITE_PORT_BUFFER_USHORT(Device, (PUSHORT)(base + 2), w, 2);
    WDF_READ_PORT_BUFFER_USHORT(Device, (PUSHORT)(base + 2), rw, 2);
    WDF_WRITE_PORT_BUFFER_ULONG(Device, (PULONG)(base + 4), l, 2);
    WDF_READ_PORT_BUFFER_ULONG(Device, (PULONG)(base + 4), rl, 2);
    checks |= rb[0] == 9 && rb[1] == 9 && rw[0] == 0x2222 && rw[1] == 0x2222 &&
                      rl[0] == 0x44444444 && rl[1] == 0x44444444
                  ? WIN_PORT_BUFFERS
                  : 0;
    checks |= WDF_READ_PORT_UCHAR(Device, past) == 0xFF &&
                      WDF_READ_PORT_USHORT(Device, (PUSHORT)past) == 0xFFFF &&
                      WDF_READ_PORT_ULONG(Device, (PULONG)past) == 0xFFFFFFFF
                  ? WIN_PORT_OUTSIDE
                  : 0;
    return checks;
}

static NTSTATUS PrepareHardware(WDFDEVICE Device, WDFCMRESLIST Raw, WDFCMRESLIST Translated)
{
    ULONG count = WdfCmResourceListGetCount(Translated), interrupts = 0;
    CM_PARTIAL_RESOURCE_DESCRIPTOR extra = {0};
    NTSTATUS status = STATUS_SUCCESS;
    LogEntry("Prepare(%u,%u)", (unsigned)count, (unsigned)WdfCmResourceListGetCount(Raw));
    Info.ResourceCount = count;
    for (ULONG i = 0; i < count && NT_SUCCESS(status); i++) {
        PCM_PARTIAL_RESOURCE_DESCRIPTOR t = WdfCmResourceListGetDescriptor(Translated, i);
        if (t->Type == CmResourceTypeMemory)
            status = MapRegisters(t);
        else if (t->Type == CmResourceTypePort)
            Info.Ports = PortChecks(Device, t);
        else if (t->Type == CmResourceTypeInterrupt && interrupts++ == 1)
            status = CreateInterrupt1(Device, WdfCmResourceListGetDescriptor(Raw, i), t);
    }
    extra.Type = CmResourceTypePort;
    Info.AppendStatus = WdfCmResourceListAppendDescriptor(Translated, &extra);
    Info.InsertStatus = WdfCmResourceListInsertDescriptor(Raw, &extra, WDF_INSERT_AT_END);
    WdfCmResourceListRemove(Translated, 0);
    WdfCmResourceListRemoveByDescriptor(Raw, WdfCmResourceListGetDescriptor(Raw, 0));
    Info.CountAfterRemove =
        WdfCmResourceListGetCount(Translated) + WdfCmResourceListGetCount(Raw) * 100;
    return status;
}

static NTSTATUS ReleaseHardware(WDFDEVICE Device, WDFCMRESLIST Translated)
{
    UNREFERENCED_PARAMETER(Device);
    UNREFERENCED_PARAMETER(Translated);
    LogEntry("Release");
    if (Registers != NULL)
        MmUnmapIoSpace((PVOID)Registers, RegistersLength);
    Registers = NULL;
    Interrupt1 = NULL; /* the framework deletes it after this callback */
    return STATUS_SUCCESS;
}

static NTSTATUS D0Entry(WDFDEVICE Device, WDF_POWER_DEVICE_STATE PreviousState)
{
    UNREFERENCED_PARAMETER(Device);
    LogEntry("D0Entry(%d)", (int)PreviousState);
    return STATUS_SUCCESS;
}

static NTSTATUS D0EntryPost(WDFDEVICE Device, WDF_POWER_DEVICE_STATE PreviousState)
{
    UNREFERENCED_PARAMETER(Device);
    UNREFERENCED_PARAMETER(PreviousState);
    LogEntry("D0PostIntEnable");
    return STATUS_SUCCESS;
}

static NTSTATUS D0ExitPre(WDFDEVICE Device, WDF_POWER_DEVICE_STATE TargetState)
{
    UNREFERENCED_PARAMETER(Device);
    UNREFERENCED_PARAMETER(TargetState);
    LogEntry("D0PreIntDisable");
    return STATUS_SUCCESS;
}

static NTSTATUS D0Exit(WDFDEVICE Device, WDF_POWER_DEVICE_STATE TargetState)
{
    UNREFERENCED_PARAMETER(Device);
    LogEntry("D0Exit(%d)", (int)TargetState);
    return STATUS_SUCCESS;
}

/* ---- device controls ------------------------------------------------------------------- */

static NTSTATUS ReturnLog(WDFREQUEST Request, size_t *info)
{
    PVOID out;
    size_t room;
    LONG length = LogLength < (LONG)sizeof(Log) ? LogLength : (LONG)sizeof(Log);
    NTSTATUS status = WdfRequestRetrieveOutputBuffer(Request, 1, &out, &room);
    if (!NT_SUCCESS(status))
        return status;
    *info = (size_t)length < room ? (size_t)length : room;
    RtlCopyMemory(out, Log, *info);
    InterlockedExchange(&LogLength, 0);
    return STATUS_SUCCESS;
}

static NTSTATUS InputUlong(WDFREQUEST Request, ULONG *value)
{
    PVOID in;
    NTSTATUS status = WdfRequestRetrieveInputBuffer(Request, sizeof(ULONG), &in, NULL);
    if (NT_SUCCESS(status))
        *value = *(ULONG *)in;
    return status;
}

/* Input ULONG: bit 0 the DPC, bit 1 the work item. */
static NTSTATUS WaitDeferred(WDFREQUEST Request)
{
    LARGE_INTEGER timeout = {.QuadPart = -50000000LL}; /* 5 s: never reached in a passing run */
    ULONG which = 0;
    NTSTATUS status = InputUlong(Request, &which);
    if (NT_SUCCESS(status) && (which & 1))
        status = KeWaitForSingleObject(&DpcRan, Executive, KernelMode, FALSE, &timeout);
    if (status == STATUS_SUCCESS && (which & 2))
        status = KeWaitForSingleObject(&WorkRan, Executive, KernelMode, FALSE, &timeout);
    return status;
}

static void Locks(void)
{
    BOOLEAN tried;
    WdfInterruptAcquireLock(Interrupt0);
    LogEntry("Locked0(%u)", (unsigned)KeGetCurrentIrql());
    WdfInterruptReleaseLock(Interrupt0);
    tried = WdfInterruptTryToAcquireLock(Interrupt1);
    LogEntry("Locked1(%u,try%d)", (unsigned)KeGetCurrentIrql(), tried);
    if (tried)
        WdfInterruptReleaseLock(Interrupt1);
    WdfInterruptAcquireLock(Interrupt1);
    LogEntry("Locked1(%u)", (unsigned)KeGetCurrentIrql());
    WdfInterruptReleaseLock(Interrupt1);
    LogEntry("After(%u)", (unsigned)KeGetCurrentIrql());
}

static void WdmSync(void)
{
    PKINTERRUPT k = WdfInterruptWdmGetInterrupt(Interrupt0);
    KIRQL old;
    KeSynchronizeExecution(k, WdmSyncCallback, NULL);
    old = KeAcquireInterruptSpinLock(k);
    LogEntry("WdmLock(%u)", (unsigned)KeGetCurrentIrql());
    KeReleaseInterruptSpinLock(k, old);
}

static NTSTATUS ReturnInfo(WDFREQUEST Request, size_t *info)
{
    WIN_INFO *out;
    WDFINTERRUPT both[2] = {Interrupt0, Interrupt1};
    NTSTATUS status = WdfRequestRetrieveOutputBuffer(Request, sizeof(*out), (PVOID *)&out, NULL);
    if (!NT_SUCCESS(status))
        return status;
    for (int i = 0; i < 2; i++) {
        WDF_INTERRUPT_INFO wi;
        WDF_INTERRUPT_INFO_INIT(&wi);
        WdfInterruptGetInfo(both[i], &wi);
        Info.Vector[i] = wi.Vector;
        Info.Irql[i] = wi.Irql;
        Info.Mode[i] = (ULONG)wi.Mode;
        Info.Share[i] = wi.ShareDisposition;
        Info.Affinity[i] = wi.TargetProcessorSet;
    }
    *out = Info;
    *info = sizeof(*out);
    return STATUS_SUCCESS;
}

/* What the framework's verifier stops (IOCTL_WIN_MISUSE). */
static void Misuse(ULONG which)
{
    KIRQL old;
    switch (which) {
    case 1:
        WdfInterruptAcquireLock(Interrupt0);
        WdfInterruptAcquireLock(Interrupt0);
        break;
    case 2:
        WdfInterruptReleaseLock(Interrupt0);
        break;
    case 3:
        WdfInterruptTryToAcquireLock(Interrupt0);
        break;
    case 4:
        KeRaiseIrql(HIGH_LEVEL, &old);
        WdfInterruptAcquireLock(Interrupt0);
        break;
    case 5:
        KeRaiseIrql(DISPATCH_LEVEL, &old);
        WdfInterruptAcquireLock(Interrupt1);
        break;
    }
}

static VOID Ioctl(WDFQUEUE Queue, WDFREQUEST Request, size_t OutLength, size_t InLength, ULONG Code)
{
    NTSTATUS status = STATUS_SUCCESS;
    size_t info = 0;
    ULONG value = 0;
    UNREFERENCED_PARAMETER(Queue);
    UNREFERENCED_PARAMETER(OutLength);
    UNREFERENCED_PARAMETER(InLength);
    switch (Code) {
    case IOCTL_WIN_LOG:
        status = ReturnLog(Request, &info);
        break;
    case IOCTL_WIN_WAIT_DEFERRED:
        status = WaitDeferred(Request);
        break;
    case IOCTL_WIN_SYNC:
        LogEntry("SyncResult(%d)", WdfInterruptSynchronize(Interrupt0, SyncCallback, "ctx"));
        break;
    case IOCTL_WIN_LOCK:
        Locks();
        break;
    case IOCTL_WIN_INFO:
        status = ReturnInfo(Request, &info);
        break;
    case IOCTL_WIN_WDM_SYNC:
        WdmSync();
        break;
    case IOCTL_WIN_MISUSE:
        status = InputUlong(Request, &value);
        if (NT_SUCCESS(status))
            Misuse(value);
        break;
    case IOCTL_WIN_ENABLE:
        WdfInterruptDisable(Interrupt0);
        WdfInterruptEnable(Interrupt0);
        break;
    case IOCTL_WIN_INACTIVE:
        status = InputUlong(Request, &value);
        if (NT_SUCCESS(status) && value)
            WdfInterruptReportInactive(Interrupt0);
        else if (NT_SUCCESS(status))
            WdfInterruptReportActive(Interrupt0);
        break;
    default:
        status = STATUS_INVALID_DEVICE_REQUEST;
    }
    WdfRequestCompleteWithInformation(Request, status, info);
}

/* ---- the device -------------------------------------------------------------------------- */

/* WdfInterruptCreate with a general object of the device as its ParentObject (automatic
 * serialization, as a parent asks): the page's STATUS_WDF_PARENT_ASSIGNMENT_NOT_ALLOWED. */
static NTSTATUS CreateUnderGeneralObject(WDFDEVICE device)
{
    WDF_INTERRUPT_CONFIG config;
    WDF_OBJECT_ATTRIBUTES attributes;
    WDFOBJECT general;
    WDFINTERRUPT unused;
    NTSTATUS status;
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.ParentObject = device;
    status = WdfObjectCreate(&attributes, &general);
    if (!NT_SUCCESS(status))
        return status;
    WDF_INTERRUPT_CONFIG_INIT(&config, Isr0, Dpc0);
    config.AutomaticSerialization = TRUE;
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.ParentObject = general;
    status = WdfInterruptCreate(device, &config, &attributes, &unused);
    WdfObjectDelete(general);
    return status;
}

/* The first interrupt, and the misuses WdfInterruptCreate refuses here (Info.CreateErrors). */
static NTSTATUS CreateInterrupt0(WDFDEVICE device)
{
    WDF_INTERRUPT_CONFIG config;
    WDF_INTERRUPT_EXTENDED_POLICY policy;
    CM_PARTIAL_RESOURCE_DESCRIPTOR fake = {0};
    WDFINTERRUPT unused;
    NTSTATUS status;
    WDF_INTERRUPT_CONFIG_INIT(&config, Isr0, Dpc0);
    config.InterruptRaw = &fake; /* only in EvtDevicePrepareHardware */
    config.InterruptTranslated = &fake;
    Info.CreateErrors[0] = WdfInterruptCreate(device, &config, WDF_NO_OBJECT_ATTRIBUTES, &unused);
    WDF_INTERRUPT_CONFIG_INIT(&config, Isr0, Dpc0);
    config.Size = 8;
    Info.CreateErrors[1] = WdfInterruptCreate(device, &config, WDF_NO_OBJECT_ATTRIBUTES, &unused);
    Info.ParentError = CreateUnderGeneralObject(device);
    WDF_INTERRUPT_CONFIG_INIT(&config, Isr0, Dpc0);
    config.EvtInterruptEnable = Enable0;
    config.EvtInterruptDisable = Disable0;
    status = WdfInterruptCreate(device, &config, WDF_NO_OBJECT_ATTRIBUTES, &Interrupt0);
    if (!NT_SUCCESS(status))
        return status;
    /* Policies go to the arbiter, which drvhost does not have: accepted, no effect. */
    WdfInterruptSetPolicy(Interrupt0, WdfIrqPolicyOneCloseProcessor, WdfIrqPriorityHigh, 1);
    WDF_INTERRUPT_EXTENDED_POLICY_INIT(&policy);
    policy.Policy = WdfIrqPolicySpecifiedProcessors;
    policy.Priority = WdfIrqPriorityNormal;
    policy.TargetProcessorSetAndGroup.Mask = 1;
    WdfInterruptSetExtendedPolicy(Interrupt0, &policy);
    return STATUS_SUCCESS;
}

static NTSTATUS DeviceAdd(WDFDRIVER Driver, PWDFDEVICE_INIT DeviceInit)
{
    WDF_PNPPOWER_EVENT_CALLBACKS pnp;
    WDF_IO_QUEUE_CONFIG queue;
    WDFDEVICE device;
    NTSTATUS status;
    UNREFERENCED_PARAMETER(Driver);
    WDF_PNPPOWER_EVENT_CALLBACKS_INIT(&pnp);
    pnp.EvtDevicePrepareHardware = PrepareHardware;
    pnp.EvtDeviceReleaseHardware = ReleaseHardware;
    pnp.EvtDeviceD0Entry = D0Entry;
    pnp.EvtDeviceD0EntryPostInterruptsEnabled = D0EntryPost;
    pnp.EvtDeviceD0ExitPreInterruptsDisabled = D0ExitPre;
    pnp.EvtDeviceD0Exit = D0Exit;
    WdfDeviceInitSetPnpPowerEventCallbacks(DeviceInit, &pnp);
    status = WdfDeviceCreate(&DeviceInit, WDF_NO_OBJECT_ATTRIBUTES, &device);
    if (!NT_SUCCESS(status))
        return status;
    status = CreateInterrupt0(device);
    if (!NT_SUCCESS(status))
        return status;
    WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(&queue, WdfIoQueueDispatchParallel);
    queue.PowerManaged = WdfFalse;
    queue.EvtIoDeviceControl = Ioctl;
    status = WdfIoQueueCreate(device, &queue, WDF_NO_OBJECT_ATTRIBUTES, WDF_NO_HANDLE);
    if (!NT_SUCCESS(status))
        return status;
    return WdfDeviceCreateDeviceInterface(device, &GUID_WDFINTR_INTERFACE, NULL);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WDF_DRIVER_CONFIG config;
    KeInitializeEvent(&DpcRan, SynchronizationEvent, FALSE);
    KeInitializeEvent(&WorkRan, SynchronizationEvent, FALSE);
    WDF_DRIVER_CONFIG_INIT(&config, DeviceAdd);
    return WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config,
                           WDF_NO_HANDLE);
}
