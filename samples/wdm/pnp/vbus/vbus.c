/*
 * vbus.c - a root-enumerated WDM bus driver: the PnP sample's bus. Its FDO sits on a ROOT\...
 * PDO and exposes GUID_DEVINTERFACE_VBUS; IOCTL_VBUS_PLUG/UNPLUG/EJECT make child devices
 * appear and disappear, and the PnP manager learns of it through
 * IoInvalidateDeviceRelations(BusRelations). For each child vbus creates a PDO and answers the
 * IRPs a bus driver owns (QUERY_ID, QUERY_CAPABILITIES, QUERY_DEVICE_TEXT,
 * QUERY_BUS_INFORMATION, QUERY_PNP_DEVICE_STATE, TargetDeviceRelation) and the PDO's start,
 * stop, removal and power IRPs, as "Handling PnP IRPs in a bus driver" and "Removing a Device
 * in a Bus Driver" say: a child PDO is deleted only when IRP_MN_REMOVE_DEVICE arrives after the
 * bus left the child out of its last BusRelations answer.
 *
 * Locking: the children list and every child's flags are protected by the FDO's fast mutex
 * (every path runs at PASSIVE_LEVEL: ioctls, PnP IRPs, and power IRPs, the devices being
 * DO_POWER_PAGABLE). Lifetime: the FDO lives from AddDevice to its IRP_MN_REMOVE_DEVICE (a
 * remove lock counts the IRPs in flight); a child PDO from PLUG to the REMOVE_DEVICE that
 * follows its disappearance, or to the bus's own removal.
 *
 * Traces with WPP (trace.h): DriverEntry, AddDevice, every PnP and power IRP by name, the
 * ioctls with their status, the children plugged and removed, and the errors.
 *
 * Written against the WDK documentation only; it builds unchanged with the real WDK.
 */
#include <initguid.h>
#include <wdm.h>
#include <wdmguid.h>
#include <ntstrsafe.h>

#include "vsample.h"
#include "vsample_pnp.h"
#include "vsample_names.h"
#include "trace.h"
#include "vbus.tmh"

#define VBUS_TAG       'suBV'
#define VBUS_MAX_PLUG  64 /* children one PLUG may create */
#define VBUS_TEXT_SIZE 64 /* WCHARs of a device text */

/* The first member of both extensions: which kind of device object this is. */
typedef struct _VBUS_COMMON {
    BOOLEAN IsFdo;
    PDEVICE_OBJECT Self;
    SYSTEM_POWER_STATE SystemPower;
    DEVICE_POWER_STATE DevicePower;
} VBUS_COMMON, *PVBUS_COMMON;

typedef struct _VBUS_FDO {
    VBUS_COMMON Common;
    PDEVICE_OBJECT Pdo;       /* the root-enumerated PDO under us */
    PDEVICE_OBJECT NextLower; /* what IoAttachDeviceToDeviceStack returned */
    IO_REMOVE_LOCK RemoveLock;
    UNICODE_STRING InterfaceName;
    BOOLEAN Started;
    BOOLEAN SurpriseRemoved;
    FAST_MUTEX Lock;     /* protects Children and every child's flags */
    LIST_ENTRY Children; /* VBUS_PDO.Link */
} VBUS_FDO, *PVBUS_FDO;

typedef struct _VBUS_PDO {
    VBUS_COMMON Common;
    PVBUS_FDO Bus; /* NULL once the bus is gone (a surprise-removed child outliving it) */
    LIST_ENTRY Link;
    ULONG SerialNo;
    BOOLEAN Present;  /* plugged in (cleared by UNPLUG and by EJECT) */
    BOOLEAN Reported; /* in our most recent BusRelations answer */
    BOOLEAN Started;
    BOOLEAN SurpriseRemoved; /* got SURPRISE_REMOVAL, not yet REMOVE_DEVICE */
    BOOLEAN Deleted;         /* IoDeleteDevice was called: a later REMOVE_DEVICE only succeeds */
} VBUS_PDO, *PVBUS_PDO;

DRIVER_INITIALIZE DriverEntry;
DRIVER_ADD_DEVICE VbusAddDevice;
DRIVER_UNLOAD VbusUnload;
DRIVER_DISPATCH VbusCreateClose, VbusDeviceControl, VbusPnp, VbusPower, VbusSystemControl;

static NTSTATUS VbusComplete(PIRP Irp, NTSTATUS Status, ULONG_PTR Information)
{
    Irp->IoStatus.Status = Status;
    Irp->IoStatus.Information = Information;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}

static PVOID VbusAllocPaged(SIZE_T Size)
{
    /* PnP IRP results (IDs, texts, relations) are paged pool the PnP manager frees. */
    return ExAllocatePool2(POOL_FLAG_PAGED, Size, VBUS_TAG);
}

/* ==== the bus FDO ========================================================================= */

NTSTATUS VbusAddDevice(PDRIVER_OBJECT DriverObject, PDEVICE_OBJECT Pdo)
{
    PDEVICE_OBJECT fdo;
    PVBUS_FDO bus;
    NTSTATUS status;

    status = IoCreateDevice(DriverObject, sizeof(VBUS_FDO), NULL, FILE_DEVICE_UNKNOWN,
                            FILE_DEVICE_SECURE_OPEN, FALSE, &fdo);
    if (!NT_SUCCESS(status)) {
        TraceEvents(TRACE_LEVEL_ERROR, TRACE_DRIVER, "IoCreateDevice: %!STATUS!", status);
        return status;
    }
    bus = (PVBUS_FDO)fdo->DeviceExtension;
    RtlZeroMemory(bus, sizeof(*bus));
    bus->Common.IsFdo = TRUE;
    bus->Common.Self = fdo;
    bus->Common.SystemPower = PowerSystemWorking;
    bus->Common.DevicePower = PowerDeviceD3; /* until START_DEVICE */
    bus->Pdo = Pdo;
    IoInitializeRemoveLock(&bus->RemoveLock, VBUS_TAG, 0, 0);
    ExInitializeFastMutex(&bus->Lock);
    InitializeListHead(&bus->Children);

    status = IoRegisterDeviceInterface(Pdo, &GUID_DEVINTERFACE_VBUS, NULL, &bus->InterfaceName);
    if (!NT_SUCCESS(status)) {
        TraceEvents(TRACE_LEVEL_ERROR, TRACE_DRIVER, "IoRegisterDeviceInterface: %!STATUS!",
                    status);
        IoDeleteDevice(fdo);
        return status;
    }
    bus->NextLower = IoAttachDeviceToDeviceStack(fdo, Pdo);
    if (bus->NextLower == NULL) {
        TraceEvents(TRACE_LEVEL_ERROR, TRACE_DRIVER, "PDO %p: nothing to attach to", Pdo);
        RtlFreeUnicodeString(&bus->InterfaceName);
        IoDeleteDevice(fdo);
        return STATUS_NO_SUCH_DEVICE;
    }
    fdo->Flags |= DO_BUFFERED_IO | DO_POWER_PAGABLE;
    fdo->Flags &= ~DO_DEVICE_INITIALIZING;
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_DRIVER, "PDO %p: bus FDO %p, interface %wZ", Pdo,
                fdo, &bus->InterfaceName);
    return STATUS_SUCCESS;
}

/* Children the PnP manager may still send IRPs to after the bus is gone keep their PDO until
 * their own REMOVE_DEVICE; the others are deleted with the bus ("Removing a Device in a Function
 * Driver", step 1), outside the lock: IoDeleteDevice wants PASSIVE_LEVEL. */
static VOID VbusDeleteChildren(PVBUS_FDO Bus)
{
    LIST_ENTRY gone;
    PVBUS_PDO child;

    InitializeListHead(&gone);
    ExAcquireFastMutex(&Bus->Lock);
    while (!IsListEmpty(&Bus->Children)) {
        child = CONTAINING_RECORD(RemoveHeadList(&Bus->Children), VBUS_PDO, Link);
        child->Bus = NULL;
        if (child->SurpriseRemoved) {
            InitializeListHead(&child->Link); /* deleted at its REMOVE_DEVICE */
            continue;
        }
        child->Deleted = TRUE;
        InsertTailList(&gone, &child->Link);
    }
    ExReleaseFastMutex(&Bus->Lock);
    while (!IsListEmpty(&gone)) {
        child = CONTAINING_RECORD(RemoveHeadList(&gone), VBUS_PDO, Link);
        IoDeleteDevice(child->Common.Self);
    }
}

static NTSTATUS VbusFdoRemove(PVBUS_FDO Bus, PIRP Irp)
{
    NTSTATUS status;

    if (!Bus->SurpriseRemoved)
        IoSetDeviceInterfaceState(&Bus->InterfaceName, FALSE);
    Bus->Started = FALSE;
    VbusDeleteChildren(Bus);
    /* Waits for the IRPs in flight, then nothing else gets the lock. */
    IoReleaseRemoveLockAndWait(&Bus->RemoveLock, Irp);
    Irp->IoStatus.Status = STATUS_SUCCESS;
    IoSkipCurrentIrpStackLocation(Irp);
    status = IoCallDriver(Bus->NextLower, Irp);
    IoDetachDevice(Bus->NextLower);
    RtlFreeUnicodeString(&Bus->InterfaceName);
    IoDeleteDevice(Bus->Common.Self);
    return status;
}

/* BusRelations: the children still plugged in, appended to what a filter above may have put
 * there; each one referenced for the PnP manager, which dereferences them. */
static NTSTATUS VbusQueryBusRelations(PVBUS_FDO Bus, PIRP Irp)
{
    PDEVICE_RELATIONS old = (PDEVICE_RELATIONS)Irp->IoStatus.Information, rel;
    ULONG prev = old ? old->Count : 0, present = 0;
    PLIST_ENTRY e;

    ExAcquireFastMutex(&Bus->Lock);
    for (e = Bus->Children.Flink; e != &Bus->Children; e = e->Flink)
        present += CONTAINING_RECORD(e, VBUS_PDO, Link)->Present;
    rel = (PDEVICE_RELATIONS)VbusAllocPaged(FIELD_OFFSET(DEVICE_RELATIONS, Objects) +
                                            sizeof(PDEVICE_OBJECT) * (prev + present + 1));
    if (rel == NULL) {
        ExReleaseFastMutex(&Bus->Lock);
        return STATUS_INSUFFICIENT_RESOURCES; /* the old list stays in the IRP */
    }
    rel->Count = 0;
    if (old) {
        RtlCopyMemory(rel->Objects, old->Objects, sizeof(PDEVICE_OBJECT) * prev);
        rel->Count = prev;
        ExFreePool(old);
    }
    for (e = Bus->Children.Flink; e != &Bus->Children; e = e->Flink) {
        PVBUS_PDO child = CONTAINING_RECORD(e, VBUS_PDO, Link);
        child->Reported = child->Present;
        if (!child->Present)
            continue;
        ObReferenceObject(child->Common.Self);
        rel->Objects[rel->Count++] = child->Common.Self;
    }
    ExReleaseFastMutex(&Bus->Lock);
    Irp->IoStatus.Information = (ULONG_PTR)rel;
    return STATUS_SUCCESS;
}

static NTSTATUS VbusFdoPassDown(PVBUS_FDO Bus, PIRP Irp)
{
    return VsPassDown(Bus->NextLower, &Bus->RemoveLock, Irp);
}

static NTSTATUS VbusFdoStart(PVBUS_FDO Bus, PIRP Irp)
{
    NTSTATUS status = VsForwardIrpSynchronously(Bus->NextLower, Irp);

    if (NT_SUCCESS(status)) {
        VsSetDevicePower(Bus->Common.Self, &Bus->Common.DevicePower, PowerDeviceD0);
        Bus->Started = TRUE;
        IoSetDeviceInterfaceState(&Bus->InterfaceName, TRUE);
    }
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_PNP, "bus started: %!STATUS!", status);
    VbusComplete(Irp, status, Irp->IoStatus.Information);
    IoReleaseRemoveLock(&Bus->RemoveLock, Irp);
    return status;
}

static NTSTATUS VbusFdoPnp(PVBUS_FDO Bus, PIRP Irp)
{
    PIO_STACK_LOCATION sl = IoGetCurrentIrpStackLocation(Irp);
    NTSTATUS status = IoAcquireRemoveLock(&Bus->RemoveLock, Irp);

    if (!NT_SUCCESS(status))
        return VbusComplete(Irp, status, 0);
    switch (sl->MinorFunction) {
    case IRP_MN_START_DEVICE:
        return VbusFdoStart(Bus, Irp);
    case IRP_MN_REMOVE_DEVICE:
        return VbusFdoRemove(Bus, Irp);
    case IRP_MN_SURPRISE_REMOVAL:
        Bus->SurpriseRemoved = TRUE;
        Bus->Started = FALSE;
        IoSetDeviceInterfaceState(&Bus->InterfaceName, FALSE);
        Irp->IoStatus.Status = STATUS_SUCCESS;
        break;
    case IRP_MN_STOP_DEVICE:
        Bus->Started = FALSE;
        Irp->IoStatus.Status = STATUS_SUCCESS;
        break;
    case IRP_MN_QUERY_STOP_DEVICE:
    case IRP_MN_CANCEL_STOP_DEVICE:
    case IRP_MN_QUERY_REMOVE_DEVICE:
    case IRP_MN_CANCEL_REMOVE_DEVICE:
        Irp->IoStatus.Status = STATUS_SUCCESS;
        break;
    case IRP_MN_QUERY_DEVICE_RELATIONS:
        if (sl->Parameters.QueryDeviceRelations.Type != BusRelations)
            break;
        status = VbusQueryBusRelations(Bus, Irp);
        if (!NT_SUCCESS(status)) {
            VbusComplete(Irp, status, Irp->IoStatus.Information);
            IoReleaseRemoveLock(&Bus->RemoveLock, Irp);
            return status;
        }
        Irp->IoStatus.Status = STATUS_SUCCESS;
        break;
    default:
        break;
    }
    return VbusFdoPassDown(Bus, Irp);
}

/* The bus FDO is not its device's power policy owner in this sample (nothing asks it to sleep
 * but the system): it records the states and passes every power IRP down. */
static NTSTATUS VbusFdoPower(PVBUS_FDO Bus, PIRP Irp)
{
    PIO_STACK_LOCATION sl = IoGetCurrentIrpStackLocation(Irp);
    NTSTATUS status = IoAcquireRemoveLock(&Bus->RemoveLock, Irp);

    if (!NT_SUCCESS(status)) {
        PoStartNextPowerIrp(Irp);
        return VbusComplete(Irp, status, 0);
    }
    if (sl->MinorFunction == IRP_MN_SET_POWER) {
        if (sl->Parameters.Power.Type == DevicePowerState) {
            VsSetDevicePower(Bus->Common.Self, &Bus->Common.DevicePower,
                             sl->Parameters.Power.State.DeviceState);
        } else {
            Bus->Common.SystemPower = sl->Parameters.Power.State.SystemState;
        }
    }
    return VsPassPowerDown(Bus->NextLower, &Bus->RemoveLock, Irp);
}

/* ==== plugging children =================================================================== */

/* The child with that serial: plugged in, or (Any) also one unplugged whose PDO waits for its
 * REMOVE_DEVICE. Bus->Lock held. */
static PVBUS_PDO VbusFindChild(PVBUS_FDO Bus, ULONG SerialNo, BOOLEAN Any)
{
    PLIST_ENTRY e;
    for (e = Bus->Children.Flink; e != &Bus->Children; e = e->Flink) {
        PVBUS_PDO child = CONTAINING_RECORD(e, VBUS_PDO, Link);
        if (child->SerialNo == SerialNo && (child->Present || Any))
            return child;
    }
    return NULL;
}

static NTSTATUS VbusCreateChild(PVBUS_FDO Bus, ULONG SerialNo, PVBUS_PDO *Child)
{
    PDEVICE_OBJECT pdo;
    PVBUS_PDO child;
    /* A PDO has a name: the PnP manager needs one (FILE_AUTOGENERATED_DEVICE_NAME). */
    NTSTATUS status =
        IoCreateDevice(Bus->Common.Self->DriverObject, sizeof(VBUS_PDO), NULL, FILE_DEVICE_UNKNOWN,
                       FILE_AUTOGENERATED_DEVICE_NAME | FILE_DEVICE_SECURE_OPEN, FALSE, &pdo);
    if (!NT_SUCCESS(status))
        return status;
    child = (PVBUS_PDO)pdo->DeviceExtension;
    RtlZeroMemory(child, sizeof(*child));
    child->Common.Self = pdo;
    child->Common.SystemPower = PowerSystemWorking;
    child->Common.DevicePower = PowerDeviceD3;
    child->Bus = Bus;
    child->SerialNo = SerialNo;
    child->Present = TRUE;
    pdo->Flags |= DO_POWER_PAGABLE;
    pdo->Flags &= ~DO_DEVICE_INITIALIZING;
    *Child = child;
    return STATUS_SUCCESS;
}

/* Adds the new children unless one of their serials is taken: plugged in, or by a PDO that still
 * waits for its REMOVE_DEVICE (the same instance ID twice is a fatal error for the PnP manager).
 * Bus->Lock held. */
static NTSTATUS VbusInsertChildrenLocked(PVBUS_FDO Bus, PVBUS_PDO *Made, ULONG Count)
{
    ULONG i;

    for (i = 0; i < Count; i++)
        if (VbusFindChild(Bus, Made[i]->SerialNo, TRUE))
            return STATUS_INVALID_PARAMETER;
    for (i = 0; i < Count; i++)
        InsertTailList(&Bus->Children, &Made[i]->Link);
    return STATUS_SUCCESS;
}

/* Plugs every child of the request or none. The PDOs are created before the lock is taken
 * (IoCreateDevice and IoDeleteDevice want PASSIVE_LEVEL, the fast mutex raises to APC_LEVEL). */
static NTSTATUS VbusPlug(PVBUS_FDO Bus, PIRP Irp, ULONG InputLength)
{
    const VBUS_PLUG *plug = (const VBUS_PLUG *)Irp->AssociatedIrp.SystemBuffer;
    PVBUS_PDO made[VBUS_MAX_PLUG];
    NTSTATUS status = STATUS_SUCCESS;
    ULONG n;

    if (InputLength < sizeof(VBUS_PLUG) || plug->SerialNo == 0 || plug->Count == 0 ||
        plug->Count > VBUS_MAX_PLUG || plug->SerialNo + plug->Count - 1 < plug->SerialNo)
        return STATUS_INVALID_PARAMETER;
    for (n = 0; n < plug->Count; n++) {
        status = VbusCreateChild(Bus, plug->SerialNo + n, &made[n]);
        if (!NT_SUCCESS(status))
            break;
    }
    if (NT_SUCCESS(status)) {
        ExAcquireFastMutex(&Bus->Lock);
        status = VbusInsertChildrenLocked(Bus, made, n);
        ExReleaseFastMutex(&Bus->Lock);
    }
    if (!NT_SUCCESS(status)) {
        TraceEvents(TRACE_LEVEL_ERROR, TRACE_IOCTL, "serial %u (%u children): %!STATUS!",
                    plug->SerialNo, plug->Count, status);
        while (n > 0)
            IoDeleteDevice(made[--n]->Common.Self);
        return status;
    }
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_IOCTL, "serial %u: %u children plugged",
                plug->SerialNo, n);
    IoInvalidateDeviceRelations(Bus->Pdo, BusRelations);
    return STATUS_SUCCESS;
}

/* UNPLUG: the child leaves the bus; the next BusRelations answer omits it, which the PnP manager
 * treats as a surprise removal. EJECT: the eject button; the PnP manager removes the device in
 * order and sends IRP_MN_EJECT, where the child leaves the bus. */
static NTSTATUS VbusUnplugOrEject(PVBUS_FDO Bus, PIRP Irp, ULONG InputLength, BOOLEAN Eject)
{
    PVBUS_PDO child;
    PDEVICE_OBJECT pdo = NULL;

    if (InputLength < sizeof(ULONG))
        return STATUS_INVALID_PARAMETER;
    ExAcquireFastMutex(&Bus->Lock);
    child = VbusFindChild(Bus, *(const ULONG *)Irp->AssociatedIrp.SystemBuffer, FALSE);
    if (child && !Eject)
        child->Present = FALSE;
    if (child && Eject) {
        pdo = child->Common.Self;
        ObReferenceObject(pdo); /* held across the call, outside the lock */
    }
    ExReleaseFastMutex(&Bus->Lock);
    if (child == NULL)
        return STATUS_NO_SUCH_DEVICE;
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_IOCTL, "child %u %s", child->SerialNo,
                Eject ? "ejected" : "unplugged");
    if (Eject) {
        IoRequestDeviceEject(pdo);
        ObDereferenceObject(pdo);
    } else {
        IoInvalidateDeviceRelations(Bus->Pdo, BusRelations);
    }
    return STATUS_SUCCESS;
}

static NTSTATUS VbusCount(PVBUS_FDO Bus, PIRP Irp, ULONG OutputLength, PULONG_PTR Information)
{
    PLIST_ENTRY e;
    ULONG n = 0;

    if (OutputLength < sizeof(ULONG))
        return STATUS_BUFFER_TOO_SMALL;
    ExAcquireFastMutex(&Bus->Lock);
    for (e = Bus->Children.Flink; e != &Bus->Children; e = e->Flink)
        n += CONTAINING_RECORD(e, VBUS_PDO, Link)->Present;
    ExReleaseFastMutex(&Bus->Lock);
    *(PULONG)Irp->AssociatedIrp.SystemBuffer = n;
    *Information = sizeof(ULONG);
    return STATUS_SUCCESS;
}

static PCSTR VbusIoctlName(ULONG Code)
{
    switch (Code) {
    case IOCTL_VBUS_PLUG:
        return "PLUG";
    case IOCTL_VBUS_UNPLUG:
        return "UNPLUG";
    case IOCTL_VBUS_EJECT:
        return "EJECT";
    case IOCTL_VBUS_COUNT:
        return "COUNT";
    default:
        return "unknown";
    }
}

static NTSTATUS VbusFdoDeviceControl(PVBUS_FDO Bus, PIRP Irp)
{
    PIO_STACK_LOCATION sl = IoGetCurrentIrpStackLocation(Irp);
    ULONG in = sl->Parameters.DeviceIoControl.InputBufferLength;
    ULONG_PTR info = 0;
    NTSTATUS status = IoAcquireRemoveLock(&Bus->RemoveLock, Irp);

    if (!NT_SUCCESS(status))
        return VbusComplete(Irp, status, 0);
    if (!Bus->Started) {
        status = STATUS_DEVICE_NOT_READY;
    } else {
        switch (sl->Parameters.DeviceIoControl.IoControlCode) {
        case IOCTL_VBUS_PLUG:
            status = VbusPlug(Bus, Irp, in);
            break;
        case IOCTL_VBUS_UNPLUG:
            status = VbusUnplugOrEject(Bus, Irp, in, FALSE);
            break;
        case IOCTL_VBUS_EJECT:
            status = VbusUnplugOrEject(Bus, Irp, in, TRUE);
            break;
        case IOCTL_VBUS_COUNT:
            status = VbusCount(Bus, Irp, sl->Parameters.DeviceIoControl.OutputBufferLength, &info);
            break;
        default:
            status = STATUS_INVALID_DEVICE_REQUEST;
            break;
        }
    }
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_IOCTL, "%s: %!STATUS!",
                VbusIoctlName(sl->Parameters.DeviceIoControl.IoControlCode), status);
    VbusComplete(Irp, status, info);
    IoReleaseRemoveLock(&Bus->RemoveLock, Irp);
    return status;
}

/* ==== the child PDOs ====================================================================== */

/* A MULTI_SZ (Multi TRUE: a second terminator) or a string, in paged pool, into Information. */
static NTSTATUS VbusReturnString(PIRP Irp, PCWSTR Text, BOOLEAN Multi)
{
    SIZE_T chars = wcslen(Text) + 1 + (Multi ? 1 : 0);
    PWCHAR out = (PWCHAR)VbusAllocPaged(chars * sizeof(WCHAR));

    if (out == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    RtlZeroMemory(out, chars * sizeof(WCHAR));
    RtlCopyMemory(out, Text, wcslen(Text) * sizeof(WCHAR));
    Irp->IoStatus.Information = (ULONG_PTR)out;
    return STATUS_SUCCESS;
}

/* IRP_MN_QUERY_ID. An ID type we do not know keeps the IRP's status (STATUS_NOT_SUPPORTED). */
static NTSTATUS VbusPdoQueryId(PVBUS_PDO Child, PIRP Irp)
{
    PIO_STACK_LOCATION sl = IoGetCurrentIrpStackLocation(Irp);
    WCHAR serial[16];

    switch (sl->Parameters.QueryId.IdType) {
    case BusQueryDeviceID:
        return VbusReturnString(Irp, VBUS_DEVICE_ID, FALSE);
    case BusQueryHardwareIDs:
        return VbusReturnString(Irp, VBUS_DEVICE_ID, TRUE);
    case BusQueryCompatibleIDs:
        return VbusReturnString(Irp, VBUS_COMPATIBLE_ID, TRUE);
    case BusQueryInstanceID:
        RtlStringCbPrintfW(serial, sizeof(serial), L"%u", Child->SerialNo);
        return VbusReturnString(Irp, serial, FALSE);
    default:
        return Irp->IoStatus.Status;
    }
}

static NTSTATUS VbusPdoQueryText(PVBUS_PDO Child, PIRP Irp)
{
    PIO_STACK_LOCATION sl = IoGetCurrentIrpStackLocation(Irp);
    WCHAR text[VBUS_TEXT_SIZE];

    switch (sl->Parameters.QueryDeviceText.DeviceTextType) {
    case DeviceTextDescription:
        return VbusReturnString(Irp, L"Virtual sample device", FALSE);
    case DeviceTextLocationInformation:
        RtlStringCbPrintfW(text, sizeof(text), L"Virtual bus slot %u", Child->SerialNo);
        return VbusReturnString(Irp, text, FALSE);
    default:
        return Irp->IoStatus.Status;
    }
}

/* The structure is allocated and Size/Version set by the PnP manager. S0 maps to D0 and every
 * sleeping state to D3; the child cannot wake the system. */
static NTSTATUS VbusPdoQueryCapabilities(PVBUS_PDO Child, PIRP Irp)
{
    PDEVICE_CAPABILITIES caps =
        IoGetCurrentIrpStackLocation(Irp)->Parameters.DeviceCapabilities.Capabilities;
    ULONG s;

    if (caps->Version != 1 || caps->Size < sizeof(DEVICE_CAPABILITIES))
        return STATUS_UNSUCCESSFUL;
    caps->DeviceState[PowerSystemWorking] = PowerDeviceD0;
    for (s = PowerSystemSleeping1; s < POWER_SYSTEM_MAXIMUM; s++)
        caps->DeviceState[s] = PowerDeviceD3;
    caps->DeviceD1 = FALSE;
    caps->DeviceD2 = FALSE;
    caps->LockSupported = FALSE;
    caps->EjectSupported = TRUE;
    caps->Removable = TRUE;
    caps->DockDevice = FALSE;
    caps->UniqueID = TRUE; /* the serial number: the instance path is VBUS\VCHILD\<serial> */
    caps->SilentInstall = FALSE;
    caps->RawDeviceOK = FALSE;
    caps->SurpriseRemovalOK = TRUE;
    caps->SystemWake = PowerSystemUnspecified;
    caps->DeviceWake = PowerDeviceUnspecified;
    caps->WakeFromD0 = caps->WakeFromD1 = caps->WakeFromD2 = caps->WakeFromD3 = FALSE;
    caps->Address = Child->SerialNo;
    caps->UINumber = Child->SerialNo;
    caps->D1Latency = caps->D2Latency = caps->D3Latency = 0;
    return STATUS_SUCCESS;
}

static NTSTATUS VbusPdoQueryBusInformation(PIRP Irp)
{
    PPNP_BUS_INFORMATION info = (PPNP_BUS_INFORMATION)VbusAllocPaged(sizeof(PNP_BUS_INFORMATION));

    if (info == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    info->BusTypeGuid = GUID_BUS_TYPE_VBUS;
    info->LegacyBusType = PNPBus;
    info->BusNumber = 0;
    Irp->IoStatus.Information = (ULONG_PTR)info;
    return STATUS_SUCCESS;
}

/* TargetDeviceRelation: the PDO itself, referenced (a bus driver must answer it). */
static NTSTATUS VbusPdoQueryRelations(PVBUS_PDO Child, PIRP Irp)
{
    PDEVICE_RELATIONS rel;

    if (IoGetCurrentIrpStackLocation(Irp)->Parameters.QueryDeviceRelations.Type !=
        TargetDeviceRelation)
        return Irp->IoStatus.Status;
    rel = (PDEVICE_RELATIONS)VbusAllocPaged(sizeof(DEVICE_RELATIONS));
    if (rel == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    rel->Count = 1;
    rel->Objects[0] = Child->Common.Self;
    ObReferenceObject(Child->Common.Self);
    Irp->IoStatus.Information = (ULONG_PTR)rel;
    return STATUS_SUCCESS;
}

/* "Removing a Device in a Bus Driver": still reported in BusRelations, the child is still on the
 * bus and keeps its PDO; left out of the last answer, its PDO is deleted, after the IRP is
 * completed. A second REMOVE_DEVICE for a deleted PDO succeeds and deletes nothing. */
static NTSTATUS VbusPdoRemove(PVBUS_PDO Child, PIRP Irp)
{
    PVBUS_FDO bus = Child->Bus;
    BOOLEAN delete_pdo;

    if (Child->Deleted)
        return VbusComplete(Irp, STATUS_SUCCESS, 0);
    if (Child->Started || !Child->SurpriseRemoved)
        VsSetDevicePower(Child->Common.Self, &Child->Common.DevicePower, PowerDeviceD3);
    Child->Started = FALSE;
    if (bus)
        ExAcquireFastMutex(&bus->Lock);
    Child->SurpriseRemoved = FALSE;
    delete_pdo = bus == NULL || !Child->Reported;
    if (delete_pdo) {
        RemoveEntryList(&Child->Link);
        InitializeListHead(&Child->Link);
        Child->Deleted = TRUE;
    }
    if (bus)
        ExReleaseFastMutex(&bus->Lock);
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_PNP, "child %u: PDO %s", Child->SerialNo,
                delete_pdo ? "deleted" : "kept (still on the bus)");
    VbusComplete(Irp, STATUS_SUCCESS, 0);
    if (delete_pdo)
        IoDeleteDevice(Child->Common.Self);
    return STATUS_SUCCESS;
}

/* IRP_MN_EJECT: the device leaves the bus; the next enumeration omits it. */
static NTSTATUS VbusPdoEject(PVBUS_PDO Child)
{
    PVBUS_FDO bus = Child->Bus;

    if (bus == NULL)
        return STATUS_SUCCESS;
    ExAcquireFastMutex(&bus->Lock);
    Child->Present = FALSE;
    ExReleaseFastMutex(&bus->Lock);
    IoInvalidateDeviceRelations(bus->Pdo, BusRelations);
    return STATUS_SUCCESS;
}

static NTSTATUS VbusPdoStart(PVBUS_PDO Child)
{
    VsSetDevicePower(Child->Common.Self, &Child->Common.DevicePower, PowerDeviceD0);
    Child->Started = TRUE;
    return STATUS_SUCCESS;
}

/* The PDO is the bottom of its stack: it completes every PnP IRP; one it does not handle keeps
 * the status it came with (STATUS_NOT_SUPPORTED from the PnP manager). */
static NTSTATUS VbusPdoPnp(PVBUS_PDO Child, PIRP Irp)
{
    PIO_STACK_LOCATION sl = IoGetCurrentIrpStackLocation(Irp);
    NTSTATUS status = Irp->IoStatus.Status;

    switch (sl->MinorFunction) {
    case IRP_MN_START_DEVICE:
        status = VbusPdoStart(Child);
        break;
    case IRP_MN_STOP_DEVICE:
        Child->Started = FALSE;
        status = STATUS_SUCCESS;
        break;
    case IRP_MN_QUERY_STOP_DEVICE:
    case IRP_MN_CANCEL_STOP_DEVICE:
    case IRP_MN_QUERY_REMOVE_DEVICE:
    case IRP_MN_CANCEL_REMOVE_DEVICE:
        status = STATUS_SUCCESS;
        break;
    case IRP_MN_SURPRISE_REMOVAL:
        Child->SurpriseRemoved = TRUE;
        Child->Started = FALSE;
        VsSetDevicePower(Child->Common.Self, &Child->Common.DevicePower, PowerDeviceD3);
        status = STATUS_SUCCESS;
        break;
    case IRP_MN_REMOVE_DEVICE:
        return VbusPdoRemove(Child, Irp);
    case IRP_MN_EJECT:
        status = VbusPdoEject(Child);
        Irp->IoStatus.Information = 0; /* as IRP_MN_EJECT asks on success */
        break;
    case IRP_MN_QUERY_ID:
        status = VbusPdoQueryId(Child, Irp);
        break;
    case IRP_MN_QUERY_DEVICE_TEXT:
        status = VbusPdoQueryText(Child, Irp);
        break;
    case IRP_MN_QUERY_CAPABILITIES:
        status = VbusPdoQueryCapabilities(Child, Irp);
        break;
    case IRP_MN_QUERY_BUS_INFORMATION:
        status = VbusPdoQueryBusInformation(Irp);
        break;
    case IRP_MN_QUERY_PNP_DEVICE_STATE:
        status = STATUS_SUCCESS; /* no flag to add to what the drivers above set */
        break;
    case IRP_MN_QUERY_DEVICE_RELATIONS:
        status = VbusPdoQueryRelations(Child, Irp);
        break;
    default:
        break;
    }
    return VbusComplete(Irp, status, Irp->IoStatus.Information);
}

/* The PDO completes power IRPs: a device state is entered (PoSetPowerState), a system state
 * noted; queries succeed; WAIT_WAKE and the rest keep their status (no wake support). */
static NTSTATUS VbusPdoPower(PVBUS_PDO Child, PIRP Irp)
{
    PIO_STACK_LOCATION sl = IoGetCurrentIrpStackLocation(Irp);
    NTSTATUS status = Irp->IoStatus.Status;

    switch (sl->MinorFunction) {
    case IRP_MN_SET_POWER:
        if (sl->Parameters.Power.Type == DevicePowerState) {
            VsSetDevicePower(Child->Common.Self, &Child->Common.DevicePower,
                             sl->Parameters.Power.State.DeviceState);
        } else {
            Child->Common.SystemPower = sl->Parameters.Power.State.SystemState;
        }
        status = STATUS_SUCCESS;
        break;
    case IRP_MN_QUERY_POWER:
        status = STATUS_SUCCESS;
        break;
    default:
        break;
    }
    PoStartNextPowerIrp(Irp);
    return VbusComplete(Irp, status, Irp->IoStatus.Information);
}

/* ==== dispatch ============================================================================ */

NTSTATUS VbusPnp(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PVBUS_COMMON common = (PVBUS_COMMON)DeviceObject->DeviceExtension;
    PCSTR name = VsPnpMinorName(IoGetCurrentIrpStackLocation(Irp)->MinorFunction);

    if (common->IsFdo) {
        TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_PNP, "bus %s", name ? name : "?");
        return VbusFdoPnp((PVBUS_FDO)common, Irp);
    }
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_PNP, "child %u %s", ((PVBUS_PDO)common)->SerialNo,
                name ? name : "?");
    return VbusPdoPnp((PVBUS_PDO)common, Irp);
}

NTSTATUS VbusPower(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PVBUS_COMMON common = (PVBUS_COMMON)DeviceObject->DeviceExtension;
    PIO_STACK_LOCATION sl = IoGetCurrentIrpStackLocation(Irp);
    PCSTR state = VsPowerIrpState(sl);

    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_POWER, "%s %s %s", common->IsFdo ? "bus" : "child",
                VsPowerMinorName(sl->MinorFunction), state ? state : "");
    if (common->IsFdo)
        return VbusFdoPower((PVBUS_FDO)common, Irp);
    return VbusPdoPower((PVBUS_PDO)common, Irp);
}

/* WMI: not a provider. The FDO passes it down, a PDO completes it as it came. */
NTSTATUS VbusSystemControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PVBUS_COMMON common = (PVBUS_COMMON)DeviceObject->DeviceExtension;
    PVBUS_FDO bus = (PVBUS_FDO)common;

    if (!common->IsFdo)
        return VbusComplete(Irp, Irp->IoStatus.Status, Irp->IoStatus.Information);
    IoSkipCurrentIrpStackLocation(Irp);
    return IoCallDriver(bus->NextLower, Irp);
}

/* Only the bus FDO is opened (through its interface); children have vchild above them, which
 * answers their creates. A child opened raw is refused. */
NTSTATUS VbusCreateClose(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PVBUS_COMMON common = (PVBUS_COMMON)DeviceObject->DeviceExtension;

    if (!common->IsFdo)
        return VbusComplete(Irp, STATUS_INVALID_DEVICE_REQUEST, 0);
    return VbusComplete(Irp, STATUS_SUCCESS, 0);
}

NTSTATUS VbusDeviceControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PVBUS_COMMON common = (PVBUS_COMMON)DeviceObject->DeviceExtension;

    if (!common->IsFdo)
        return VbusComplete(Irp, STATUS_INVALID_DEVICE_REQUEST, 0);
    return VbusFdoDeviceControl((PVBUS_FDO)common, Irp);
}

/* Every device is gone by now (the PnP manager unloads a PnP driver after its last device). */
VOID VbusUnload(PDRIVER_OBJECT DriverObject)
{
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_DRIVER, "unloading");
    WPP_CLEANUP(DriverObject);
}

/* Nothing here can fail: no WPP_CLEANUP on a failing path. */
NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WPP_INIT_TRACING(DriverObject, RegistryPath);
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_DRIVER, "service key %wZ", RegistryPath);
    DriverObject->MajorFunction[IRP_MJ_CREATE] = VbusCreateClose;
    DriverObject->MajorFunction[IRP_MJ_CLOSE] = VbusCreateClose;
    DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = VbusDeviceControl;
    DriverObject->MajorFunction[IRP_MJ_PNP] = VbusPnp;
    DriverObject->MajorFunction[IRP_MJ_POWER] = VbusPower;
    DriverObject->MajorFunction[IRP_MJ_SYSTEM_CONTROL] = VbusSystemControl;
    DriverObject->DriverExtension->AddDevice = VbusAddDevice;
    DriverObject->DriverUnload = VbusUnload;
    return STATUS_SUCCESS;
}
