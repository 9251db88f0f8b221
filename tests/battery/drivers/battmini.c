/*
 * battmini.c - a WDM battery miniclass for the battery class driver's tests (tests/battery,
 * docs/battery.md). Written against the public WDK headers only: at START_DEVICE it checks
 * BatteryClassInitializeDevice's failure cases, then registers with it (BATTERY_MINIPORT_INFO
 * V1_1) and with WMI; IRP_MJ_DEVICE_CONTROL goes to BatteryClassIoctl after its own IOCTLs,
 * IRP_MJ_SYSTEM_CONTROL to BatteryClassSystemControl; SURPRISE_REMOVAL or REMOVE_DEVICE calls
 * BatteryClassUnload.
 *
 * The simulated battery: absent until IOCTL_BATTMINI_SET_STATE (present, tag, power state,
 * capacity, voltage, rate) puts one in, which also calls BatteryClassStatusNotify;
 * IOCTL_BATTMINI_NOTIFY only calls it, at DISPATCH_LEVEL.
 * IOCTL_BATTMINI_GET_LOG returns what the class driver asked of it: the SetStatusNotify calls
 * (count, tag, the last BATTERY_NOTIFY), the DisableStatusNotify calls, the last SetInformation
 * (level, first ULONG of its data or 0xFFFFFFFF for none), and anomalies: 1 when two of its
 * routines ever ran at once (the class driver serialises them), 2 when one was given
 * BATTERY_TAG_INVALID (the class driver answers that tag itself).
 */
#include <wdm.h>

#include <batclass.h>
#include <wmilib.h>

#define BATTMINI_IOCTL(n)        CTL_CODE(FILE_DEVICE_UNKNOWN, (n), METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_BATTMINI_SET_STATE BATTMINI_IOCTL(0x900)
#define IOCTL_BATTMINI_GET_LOG   BATTMINI_IOCTL(0x901)
#define IOCTL_BATTMINI_NOTIFY    BATTMINI_IOCTL(0x902)

typedef struct _BATTMINI_STATE {
    ULONG Present;
    ULONG Tag;
    BATTERY_STATUS Status;
} BATTMINI_STATE;

typedef struct _BATTMINI_LOG {
    ULONG NotifyCount;
    ULONG NotifyTag;
    BATTERY_NOTIFY Notify;
    ULONG DisableCount;
    ULONG SetLevel;
    ULONG SetData;
    ULONG Anomalies;
} BATTMINI_LOG;

typedef struct _BATTMINI_EXTENSION {
    PDEVICE_OBJECT Self, Pdo, Next;
    PVOID ClassHandle;
    WMILIB_CONTEXT Wmi;
    KSPIN_LOCK Lock; /* State and Log */
    BATTMINI_STATE State;
    BATTMINI_LOG Log;
    LONG Busy;          /* routines of ours running now */
    BOOLEAN WmiChecked; /* the unknown-block check ran */
} BATTMINI_EXTENSION, *PBATTMINI_EXTENSION;

DRIVER_INITIALIZE DriverEntry;
static DRIVER_ADD_DEVICE MiniAddDevice;
static DRIVER_DISPATCH MiniPnp, MiniPower, MiniCreateClose, MiniIoctl, MiniSystemControl;
static DRIVER_UNLOAD MiniUnload;
static BCLASS_QUERY_TAG_CALLBACK MiniQueryTag;
static BCLASS_QUERY_INFORMATION_CALLBACK MiniQueryInformation;
static BCLASS_QUERY_STATUS_CALLBACK MiniQueryStatus;
static BCLASS_SET_STATUS_NOTIFY_CALLBACK MiniSetStatusNotify;
static BCLASS_SET_INFORMATION_CALLBACK MiniSetInformation;
static BCLASS_DISABLE_STATUS_NOTIFY_CALLBACK MiniDisableStatusNotify;
static WMI_QUERY_REGINFO_CALLBACK MiniWmiRegInfo;
static WMI_QUERY_DATABLOCK_CALLBACK MiniWmiQuery;

#define MiniPrint(...) DbgPrintEx(DPFLTR_IHVDRIVER_ID, DPFLTR_ERROR_LEVEL, "battmini: " __VA_ARGS__)

/* Entering and leaving one of our routines: two at once is logged (the class serialises). A
 * short sleep widens the window in which an overlap would be seen. */
static void MiniEnter(PBATTMINI_EXTENSION x)
{
    LARGE_INTEGER delay;
    if (InterlockedIncrement(&x->Busy) > 1)
        x->Log.Anomalies |= 1;
    delay.QuadPart = -10000; /* 1 ms */
    KeDelayExecutionThread(KernelMode, FALSE, &delay);
}

static void MiniLeave(PBATTMINI_EXTENSION x)
{
    InterlockedDecrement(&x->Busy);
}

/* The battery the tag names, under the lock: FALSE when absent or the tag is stale. */
static BOOLEAN MiniCurrent(PBATTMINI_EXTENSION x, ULONG Tag, BATTERY_STATUS *Status)
{
    KIRQL irql;
    BOOLEAN ok;
    if (Tag == BATTERY_TAG_INVALID)
        x->Log.Anomalies |= 2;
    KeAcquireSpinLock(&x->Lock, &irql);
    ok = x->State.Present && x->State.Tag == Tag;
    if (Status)
        *Status = x->State.Status;
    KeReleaseSpinLock(&x->Lock, irql);
    return ok;
}

static NTSTATUS MiniQueryTag(PVOID Context, PULONG BatteryTag)
{
    PBATTMINI_EXTENSION x = Context;
    NTSTATUS status = STATUS_NO_SUCH_DEVICE;
    KIRQL irql;
    MiniEnter(x);
    KeAcquireSpinLock(&x->Lock, &irql);
    if (x->State.Present) {
        *BatteryTag = x->State.Tag;
        status = STATUS_SUCCESS;
    }
    KeReleaseSpinLock(&x->Lock, irql);
    MiniLeave(x);
    return status;
}

static NTSTATUS MiniQueryStatus(PVOID Context, ULONG BatteryTag, PBATTERY_STATUS BatteryStatus)
{
    PBATTMINI_EXTENSION x = Context;
    NTSTATUS status;
    MiniEnter(x);
    status = MiniCurrent(x, BatteryTag, BatteryStatus) ? STATUS_SUCCESS : STATUS_NO_SUCH_DEVICE;
    MiniLeave(x);
    return status;
}

/* BatteryInformation, BatteryTemperature (2981, tenths of a kelvin), BatteryEstimatedTime
 * (3600 s, or 360000 / -AtRate at a given rate), BatteryDeviceName ("battmini"); any other
 * level STATUS_INVALID_DEVICE_REQUEST. */
static NTSTATUS MiniInfo(BATTERY_QUERY_INFORMATION_LEVEL Level, LONG AtRate, UCHAR *Data,
                         PULONG Size)
{
    static const WCHAR name[] = L"battmini";
    BATTERY_INFORMATION bi;
    ULONG value;
    switch (Level) {
    case BatteryInformation:
        RtlZeroMemory(&bi, sizeof(bi));
        bi.Capabilities = BATTERY_SYSTEM_BATTERY;
        bi.Technology = 1;
        RtlCopyMemory(bi.Chemistry, "LION", 4);
        bi.DesignedCapacity = 1000;
        bi.FullChargedCapacity = 900;
        bi.CycleCount = 42;
        RtlCopyMemory(Data, &bi, sizeof(bi));
        *Size = sizeof(bi);
        return STATUS_SUCCESS;
    case BatteryTemperature:
    case BatteryEstimatedTime:
        value = Level == BatteryTemperature ? 2981 : AtRate < 0 ? 360000 / (ULONG)-AtRate : 3600;
        RtlCopyMemory(Data, &value, sizeof(value));
        *Size = sizeof(value);
        return STATUS_SUCCESS;
    case BatteryDeviceName:
        RtlCopyMemory(Data, name, sizeof(name));
        *Size = sizeof(name);
        return STATUS_SUCCESS;
    default:
        return STATUS_INVALID_DEVICE_REQUEST;
    }
}

static NTSTATUS MiniQueryInformation(PVOID Context, ULONG BatteryTag,
                                     BATTERY_QUERY_INFORMATION_LEVEL Level, LONG AtRate,
                                     PVOID Buffer, ULONG BufferLength, PULONG ReturnedLength)
{
    PBATTMINI_EXTENSION x = Context;
    UCHAR data[sizeof(BATTERY_INFORMATION)];
    ULONG size = 0;
    NTSTATUS status = STATUS_NO_SUCH_DEVICE;
    MiniEnter(x);
    *ReturnedLength = 0;
    if (MiniCurrent(x, BatteryTag, NULL))
        status = MiniInfo(Level, AtRate, data, &size);
    if (NT_SUCCESS(status) && size > BufferLength)
        status = STATUS_BUFFER_TOO_SMALL;
    if (NT_SUCCESS(status)) {
        RtlCopyMemory(Buffer, data, size);
        *ReturnedLength = size;
    }
    MiniLeave(x);
    return status;
}

static NTSTATUS MiniSetStatusNotify(PVOID Context, ULONG BatteryTag, PBATTERY_NOTIFY Notify)
{
    PBATTMINI_EXTENSION x = Context;
    MiniEnter(x);
    x->Log.NotifyCount++;
    x->Log.NotifyTag = BatteryTag;
    x->Log.Notify = *Notify;
    MiniLeave(x);
    return MiniCurrent(x, BatteryTag, NULL) ? STATUS_SUCCESS : STATUS_NO_SUCH_DEVICE;
}

static NTSTATUS MiniDisableStatusNotify(PVOID Context)
{
    PBATTMINI_EXTENSION x = Context;
    MiniEnter(x);
    x->Log.DisableCount++;
    MiniLeave(x);
    return STATUS_SUCCESS;
}

/* BatteryCriticalBias (a ULONG), BatteryCharge and BatteryDischarge (no data) are accepted;
 * other levels STATUS_NOT_SUPPORTED. */
static NTSTATUS MiniSetInformation(PVOID Context, ULONG BatteryTag,
                                   BATTERY_SET_INFORMATION_LEVEL Level, PVOID Buffer)
{
    PBATTMINI_EXTENSION x = Context;
    NTSTATUS status = STATUS_NO_SUCH_DEVICE;
    MiniEnter(x);
    if (MiniCurrent(x, BatteryTag, NULL)) {
        x->Log.SetLevel = Level;
        x->Log.SetData = Buffer ? *(PULONG)Buffer : 0xFFFFFFFF;
        status = Level <= BatteryDischarge ? STATUS_SUCCESS : STATUS_NOT_SUPPORTED;
    }
    MiniLeave(x);
    return status;
}

static NTSTATUS MiniComplete(PIRP Irp, NTSTATUS Status, ULONG_PTR Info)
{
    Irp->IoStatus.Status = Status;
    Irp->IoStatus.Information = Info;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}

static NTSTATUS MiniPrivateIoctl(PBATTMINI_EXTENSION x, PIRP Irp, ULONG Code, ULONG InLen,
                                 ULONG OutLen)
{
    PVOID buf = Irp->AssociatedIrp.SystemBuffer;
    KIRQL irql;
    if (Code == IOCTL_BATTMINI_GET_LOG) {
        if (OutLen < sizeof(BATTMINI_LOG))
            return MiniComplete(Irp, STATUS_BUFFER_TOO_SMALL, 0);
        RtlCopyMemory(buf, &x->Log, sizeof(BATTMINI_LOG));
        return MiniComplete(Irp, STATUS_SUCCESS, sizeof(BATTMINI_LOG));
    }
    if (Code == IOCTL_BATTMINI_SET_STATE) {
        if (InLen < sizeof(BATTMINI_STATE))
            return MiniComplete(Irp, STATUS_BUFFER_TOO_SMALL, 0);
        KeAcquireSpinLock(&x->Lock, &irql);
        x->State = *(BATTMINI_STATE *)buf;
        KeReleaseSpinLock(&x->Lock, irql);
    }
    /* IOCTL_BATTMINI_SET_STATE notifies at PASSIVE_LEVEL, IOCTL_BATTMINI_NOTIFY at
     * DISPATCH_LEVEL (as from a DPC: the class driver allows it). */
    if (Code == IOCTL_BATTMINI_NOTIFY) {
        KeRaiseIrql(DISPATCH_LEVEL, &irql);
        BatteryClassStatusNotify(x->ClassHandle);
        KeLowerIrql(irql);
    } else {
        BatteryClassStatusNotify(x->ClassHandle);
    }
    return MiniComplete(Irp, STATUS_SUCCESS, 0);
}

static NTSTATUS MiniIoctl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PBATTMINI_EXTENSION x = DeviceObject->DeviceExtension;
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    ULONG code = sp->Parameters.DeviceIoControl.IoControlCode;
    NTSTATUS status;
    if (code == IOCTL_BATTMINI_SET_STATE || code == IOCTL_BATTMINI_GET_LOG ||
        code == IOCTL_BATTMINI_NOTIFY)
        return MiniPrivateIoctl(x, Irp, code, sp->Parameters.DeviceIoControl.InputBufferLength,
                                sp->Parameters.DeviceIoControl.OutputBufferLength);
    if (x->ClassHandle == NULL)
        return MiniComplete(Irp, STATUS_DEVICE_NOT_READY, 0);
    status = BatteryClassIoctl(x->ClassHandle, Irp);
    if (status == STATUS_NOT_SUPPORTED) /* not a battery IOCTL: the IRP is still ours */
        return MiniComplete(Irp, STATUS_NOT_SUPPORTED, 0);
    return status;
}

/* Create and close succeed; a create also shows BatteryClassIoctl refusing an IRP that is no
 * device control (STATUS_NOT_SUPPORTED, the IRP left to us). */
static NTSTATUS MiniCreateClose(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PBATTMINI_EXTENSION x = DeviceObject->DeviceExtension;
    if (IoGetCurrentIrpStackLocation(Irp)->MajorFunction == IRP_MJ_CREATE && x->ClassHandle)
        MiniPrint("create: class ioctl 0x%08x\n", BatteryClassIoctl(x->ClassHandle, Irp));
    return MiniComplete(Irp, STATUS_SUCCESS, 0);
}

static NTSTATUS MiniWmiRegInfo(PDEVICE_OBJECT DeviceObject, PULONG RegFlags,
                               PUNICODE_STRING InstanceName, PUNICODE_STRING *RegistryPath,
                               PUNICODE_STRING MofResourceName, PDEVICE_OBJECT *Pdo)
{
    PBATTMINI_EXTENSION x = DeviceObject->DeviceExtension;
    static UNICODE_STRING none = {0, 0, NULL};
    UNREFERENCED_PARAMETER(InstanceName);
    UNREFERENCED_PARAMETER(MofResourceName);
    *RegFlags = WMIREG_FLAG_INSTANCE_PDO;
    *RegistryPath = &none;
    *Pdo = x->Pdo;
    return STATUS_SUCCESS;
}

static NTSTATUS MiniWmiQuery(PDEVICE_OBJECT DeviceObject, PIRP Irp, ULONG GuidIndex,
                             ULONG InstanceIndex, ULONG InstanceCount, PULONG InstanceLengthArray,
                             ULONG BufferAvail, PUCHAR Buffer)
{
    PBATTMINI_EXTENSION x = DeviceObject->DeviceExtension;
    NTSTATUS status;
    UNREFERENCED_PARAMETER(InstanceIndex);
    UNREFERENCED_PARAMETER(InstanceCount);
    /* Once: a block after the class's five is not the class's (it leaves the IRP to us). */
    if (!x->WmiChecked) {
        x->WmiChecked = TRUE;
        MiniPrint("wmi block 5 0x%08x\n",
                  BatteryClassQueryWmiDataBlock(x->ClassHandle, DeviceObject, Irp, 5,
                                                InstanceLengthArray, BufferAvail, Buffer));
    }
    status = BatteryClassQueryWmiDataBlock(x->ClassHandle, DeviceObject, Irp, GuidIndex,
                                           InstanceLengthArray, BufferAvail, Buffer);
    if (status == STATUS_WMI_GUID_NOT_FOUND)
        status = WmiCompleteRequest(DeviceObject, Irp, status, 0, IO_NO_INCREMENT);
    return status;
}

static NTSTATUS MiniSystemControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PBATTMINI_EXTENSION x = DeviceObject->DeviceExtension;
    SYSCTL_IRP_DISPOSITION disposition = IrpForward;
    NTSTATUS status = STATUS_NOT_SUPPORTED;
    if (x->ClassHandle)
        status =
            BatteryClassSystemControl(x->ClassHandle, &x->Wmi, DeviceObject, Irp, &disposition);
    switch (disposition) {
    case IrpProcessed:
        return status;
    case IrpNotCompleted:
        IoCompleteRequest(Irp, IO_NO_INCREMENT);
        return status;
    default:
        IoSkipCurrentIrpStackLocation(Irp);
        return IoCallDriver(x->Next, Irp);
    }
}

/* Versions 1.0 (no Fdo member) and 1.2 (the class driver sets ClassDriverCapabilities: no
 * peak power, no present-rate threshold here), each registered and unloaded again. */
static void MiniOtherVersions(const BATTERY_MINIPORT_INFO_V1_1 *v11)
{
    BATTERY_MINIPORT_INFO v10;
    BATTERY_MINIPORT_INFO_V1_2 v12;
    PVOID h10 = NULL, h12 = NULL;
    NTSTATUS s10, s12, u10 = STATUS_UNSUCCESSFUL, u12 = STATUS_UNSUCCESSFUL;
    RtlCopyMemory(&v10, v11, sizeof(v10));
    v10.MinorVersion = BATTERY_CLASS_MINOR_VERSION;
    s10 = BatteryClassInitializeDevice(&v10, &h10);
    if (NT_SUCCESS(s10))
        u10 = BatteryClassUnload(h10);
    RtlZeroMemory(&v12, sizeof(v12));
    RtlCopyMemory(&v12, v11, sizeof(*v11));
    v12.MinorVersion = BATTERY_CLASS_MINOR_VERSION_2;
    v12.ClassDriverCapabilities.AsUlong = 0xFFFFFFFF;
    s12 = BatteryClassInitializeDevice((PBATTERY_MINIPORT_INFO)&v12, &h12);
    if (NT_SUCCESS(s12))
        u12 = BatteryClassUnload(h12);
    MiniPrint("v1.0 0x%08x unload 0x%08x, v1.2 0x%08x unload 0x%08x caps 0x%x\n", s10, u10, s12,
              u12, v12.ClassDriverCapabilities.AsUlong);
}

/* BatteryClassInitializeDevice's failure cases, then the real registration (V1_1). */
static NTSTATUS MiniClassInit(PBATTMINI_EXTENSION x)
{
    BATTERY_MINIPORT_INFO_V1_1 info;
    PVOID handle = NULL;
    NTSTATUS major, no_tag, no_pdo, status;
    RtlZeroMemory(&info, sizeof(info));
    info.MajorVersion = BATTERY_CLASS_MAJOR_VERSION;
    info.MinorVersion = BATTERY_CLASS_MINOR_VERSION_1;
    info.Context = x;
    info.QueryTag = MiniQueryTag;
    info.QueryInformation = MiniQueryInformation;
    info.SetInformation = MiniSetInformation;
    info.QueryStatus = MiniQueryStatus;
    info.SetStatusNotify = MiniSetStatusNotify;
    info.DisableStatusNotify = MiniDisableStatusNotify;
    info.Pdo = x->Pdo;
    info.Fdo = x->Self;
    info.MajorVersion = 2;
    major = BatteryClassInitializeDevice((PBATTERY_MINIPORT_INFO)&info, &handle);
    info.MajorVersion = BATTERY_CLASS_MAJOR_VERSION;
    info.QueryTag = NULL;
    no_tag = BatteryClassInitializeDevice((PBATTERY_MINIPORT_INFO)&info, &handle);
    info.QueryTag = MiniQueryTag;
    info.Pdo = NULL;
    no_pdo = BatteryClassInitializeDevice((PBATTERY_MINIPORT_INFO)&info, &handle);
    info.Pdo = x->Pdo;
    MiniPrint("init checks 0x%08x 0x%08x 0x%08x, handle %s\n", major, no_tag, no_pdo,
              handle ? "set" : "untouched");
    MiniOtherVersions(&info);
    status = BatteryClassInitializeDevice((PBATTERY_MINIPORT_INFO)&info, &x->ClassHandle);
    MiniPrint("init 0x%08x\n", status);
    if (!NT_SUCCESS(status))
        return status;
    x->Wmi.QueryWmiRegInfo = MiniWmiRegInfo;
    x->Wmi.QueryWmiDataBlock = MiniWmiQuery;
    return IoWMIRegistrationControl(x->Self, WMIREG_ACTION_REGISTER);
}

static NTSTATUS MiniStartCompletion(PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Context)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    UNREFERENCED_PARAMETER(Irp);
    KeSetEvent((PKEVENT)Context, IO_NO_INCREMENT, FALSE);
    return STATUS_MORE_PROCESSING_REQUIRED;
}

static NTSTATUS MiniStart(PBATTMINI_EXTENSION x, PIRP Irp)
{
    KEVENT done;
    NTSTATUS status;
    KeInitializeEvent(&done, NotificationEvent, FALSE);
    IoCopyCurrentIrpStackLocationToNext(Irp);
    IoSetCompletionRoutine(Irp, MiniStartCompletion, &done, TRUE, TRUE, TRUE);
    if (IoCallDriver(x->Next, Irp) == STATUS_PENDING)
        KeWaitForSingleObject(&done, Executive, KernelMode, FALSE, NULL);
    status = Irp->IoStatus.Status;
    if (NT_SUCCESS(status) && x->ClassHandle == NULL)
        status = MiniClassInit(x);
    return MiniComplete(Irp, status, 0);
}

static NTSTATUS MiniPnp(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PBATTMINI_EXTENSION x = DeviceObject->DeviceExtension;
    UCHAR minor = IoGetCurrentIrpStackLocation(Irp)->MinorFunction;
    NTSTATUS status;
    if (minor == IRP_MN_START_DEVICE)
        return MiniStart(x, Irp);
    /* The battery is gone at a surprise removal already: the class driver ends its waits. */
    if ((minor == IRP_MN_REMOVE_DEVICE || minor == IRP_MN_SURPRISE_REMOVAL) && x->ClassHandle) {
        IoWMIRegistrationControl(x->Self, WMIREG_ACTION_DEREGISTER);
        MiniPrint("unload 0x%08x\n", BatteryClassUnload(x->ClassHandle));
        x->ClassHandle = NULL;
    }
    Irp->IoStatus.Status = STATUS_SUCCESS;
    IoSkipCurrentIrpStackLocation(Irp);
    status = IoCallDriver(x->Next, Irp);
    if (minor == IRP_MN_REMOVE_DEVICE) {
        IoDetachDevice(x->Next);
        IoDeleteDevice(DeviceObject);
    }
    return status;
}

static NTSTATUS MiniPower(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PBATTMINI_EXTENSION x = DeviceObject->DeviceExtension;
    PoStartNextPowerIrp(Irp);
    IoSkipCurrentIrpStackLocation(Irp);
    return PoCallDriver(x->Next, Irp);
}

static NTSTATUS MiniAddDevice(PDRIVER_OBJECT DriverObject, PDEVICE_OBJECT Pdo)
{
    PDEVICE_OBJECT fdo;
    PBATTMINI_EXTENSION x;
    NTSTATUS status = IoCreateDevice(DriverObject, sizeof(BATTMINI_EXTENSION), NULL,
                                     FILE_DEVICE_BATTERY, 0, FALSE, &fdo);
    if (!NT_SUCCESS(status))
        return status;
    x = fdo->DeviceExtension;
    RtlZeroMemory(x, sizeof(*x));
    x->Self = fdo;
    x->Pdo = Pdo;
    KeInitializeSpinLock(&x->Lock);
    x->Next = IoAttachDeviceToDeviceStack(fdo, Pdo);
    if (!x->Next) {
        IoDeleteDevice(fdo);
        return STATUS_NO_SUCH_DEVICE;
    }
    fdo->Flags |= DO_BUFFERED_IO | DO_POWER_PAGABLE;
    fdo->Flags &= ~DO_DEVICE_INITIALIZING;
    return STATUS_SUCCESS;
}

static VOID MiniUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(RegistryPath);
    DriverObject->DriverExtension->AddDevice = MiniAddDevice;
    DriverObject->DriverUnload = MiniUnload;
    DriverObject->MajorFunction[IRP_MJ_CREATE] = MiniCreateClose;
    DriverObject->MajorFunction[IRP_MJ_CLOSE] = MiniCreateClose;
    DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = MiniIoctl;
    DriverObject->MajorFunction[IRP_MJ_SYSTEM_CONTROL] = MiniSystemControl;
    DriverObject->MajorFunction[IRP_MJ_PNP] = MiniPnp;
    DriverObject->MajorFunction[IRP_MJ_POWER] = MiniPower;
    return STATUS_SUCCESS;
}
