/*
 * irplog.c - a WDM upper filter driver that logs the PnP and power IRPs passing through the
 * stacks it is attached to (one line each, "START_DEVICE", "SET_POWER S3", and "ADD_DEVICE"
 * for its AddDevice), and passes everything down unchanged, as a filter driver does ("Filter
 * Drivers", "Passing PnP IRPs Down the Device Stack", "Passing Power IRPs").
 *
 * The log is the driver's (one for all its devices), so that it outlives the devices whose
 * removal it records. It is read with IOCTL_IRPLOG_READ or IOCTL_IRPLOG_READ_ALL, which the
 * filter answers itself (never passes down): on a handle of a filtered device, or on the
 * control device \Device\IrpLog (\\.\IrpLog), created in DriverEntry and deleted in
 * DriverUnload. Because of that control device the driver stays loaded after its last filtered
 * device is removed, as it would on Windows; it is unloaded explicitly.
 *
 * Locking: LogLock (a spin lock: power IRPs may come at DISPATCH_LEVEL on stacks that are not
 * DO_POWER_PAGABLE) protects the log. Lifetime: a filter device lives from AddDevice to its
 * IRP_MN_REMOVE_DEVICE; a remove lock counts the IRPs it is passing.
 *
 * Written against the WDK documentation only; it builds unchanged with the real WDK.
 */
#include <wdm.h>
#include <ntstrsafe.h>

#include "vsample.h"

#define IRPLOG_TAG       'goLI'
#define IRPLOG_ENTRIES   512
#define IRPLOG_LINE_SIZE 48

typedef struct _IRPLOG_ENTRY {
    BOOLEAN Ordered; /* one of the IRPs whose order Windows documents (IOCTL_IRPLOG_READ) */
    CHAR Text[IRPLOG_LINE_SIZE]; /* no newline */
} IRPLOG_ENTRY;

typedef struct _IRPLOG_LOG {
    KSPIN_LOCK Lock;
    ULONG Count;
    ULONG Lost; /* entries that did not fit since the last read */
    IRPLOG_ENTRY Entries[IRPLOG_ENTRIES];
} IRPLOG_LOG;

typedef struct _IRPLOG_EXT {
    BOOLEAN IsControl; /* the control device \Device\IrpLog, not a filter */
    PDEVICE_OBJECT Self;
    PDEVICE_OBJECT NextLower;
    IO_REMOVE_LOCK RemoveLock;
} IRPLOG_EXT, *PIRPLOG_EXT;

static IRPLOG_LOG g_Log;
static PDEVICE_OBJECT g_Control;

DRIVER_INITIALIZE DriverEntry;
DRIVER_ADD_DEVICE IrpLogAddDevice;
DRIVER_UNLOAD IrpLogUnload;
DRIVER_DISPATCH IrpLogDispatch, IrpLogPnp, IrpLogPower, IrpLogDeviceControl;

static NTSTATUS IrpLogComplete(PIRP Irp, NTSTATUS Status, ULONG_PTR Information)
{
    Irp->IoStatus.Status = Status;
    Irp->IoStatus.Information = Information;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}

/* ==== the log ============================================================================= */

static VOID IrpLogAppend(BOOLEAN Ordered, PCSTR Name, PCSTR Detail)
{
    IRPLOG_ENTRY *entry;
    KIRQL irql;

    KeAcquireSpinLock(&g_Log.Lock, &irql);
    if (g_Log.Count == IRPLOG_ENTRIES) {
        g_Log.Lost++;
    } else {
        entry = &g_Log.Entries[g_Log.Count++];
        entry->Ordered = Ordered;
        RtlStringCbCopyA(entry->Text, sizeof(entry->Text), Name);
        if (Detail) {
            RtlStringCbCatA(entry->Text, sizeof(entry->Text), " ");
            RtlStringCbCatA(entry->Text, sizeof(entry->Text), Detail);
        }
    }
    KeReleaseSpinLock(&g_Log.Lock, irql);
}

/* The text of the selected entries ("line\n" each), or its length when Out is NULL. Lock held. */
static SIZE_T IrpLogFormatLocked(BOOLEAN All, PCHAR Out)
{
    SIZE_T total = 0, n;
    CHAR lost[IRPLOG_LINE_SIZE];
    ULONG i;

    for (i = 0; i < g_Log.Count; i++) {
        if (!All && !g_Log.Entries[i].Ordered)
            continue;
        n = strlen(g_Log.Entries[i].Text);
        if (Out) {
            RtlCopyMemory(Out + total, g_Log.Entries[i].Text, n);
            Out[total + n] = '\n';
        }
        total += n + 1;
    }
    if (g_Log.Lost) {
        RtlStringCbPrintfA(lost, sizeof(lost), "LOST %u\n", g_Log.Lost);
        n = strlen(lost);
        if (Out)
            RtlCopyMemory(Out + total, lost, n);
        total += n;
    }
    return total;
}

/* IOCTL_IRPLOG_READ(_ALL): the text into the output buffer, and the log emptied; a buffer too
 * small keeps the log. */
static NTSTATUS IrpLogRead(PIRP Irp)
{
    PIO_STACK_LOCATION sl = IoGetCurrentIrpStackLocation(Irp);
    BOOLEAN all = sl->Parameters.DeviceIoControl.IoControlCode == IOCTL_IRPLOG_READ_ALL;
    SIZE_T size;
    KIRQL irql;

    KeAcquireSpinLock(&g_Log.Lock, &irql);
    size = IrpLogFormatLocked(all, NULL);
    if (size > sl->Parameters.DeviceIoControl.OutputBufferLength) {
        KeReleaseSpinLock(&g_Log.Lock, irql);
        return IrpLogComplete(Irp, STATUS_BUFFER_TOO_SMALL, 0);
    }
    IrpLogFormatLocked(all, (PCHAR)Irp->AssociatedIrp.SystemBuffer);
    g_Log.Count = 0;
    g_Log.Lost = 0;
    KeReleaseSpinLock(&g_Log.Lock, irql);
    return IrpLogComplete(Irp, STATUS_SUCCESS, size);
}

/* ==== naming the IRPs ===================================================================== */

static PCSTR const g_PnpNames[] = {
    "START_DEVICE",                 /* 0x00 */
    "QUERY_REMOVE_DEVICE",          /* 0x01 */
    "REMOVE_DEVICE",                /* 0x02 */
    "CANCEL_REMOVE_DEVICE",         /* 0x03 */
    "STOP_DEVICE",                  /* 0x04 */
    "QUERY_STOP_DEVICE",            /* 0x05 */
    "CANCEL_STOP_DEVICE",           /* 0x06 */
    "QUERY_DEVICE_RELATIONS",       /* 0x07 */
    "QUERY_INTERFACE",              /* 0x08 */
    "QUERY_CAPABILITIES",           /* 0x09 */
    "QUERY_RESOURCES",              /* 0x0A */
    "QUERY_RESOURCE_REQUIREMENTS",  /* 0x0B */
    "QUERY_DEVICE_TEXT",            /* 0x0C */
    "FILTER_RESOURCE_REQUIREMENTS", /* 0x0D */
    NULL,                           /* 0x0E */
    "READ_CONFIG",                  /* 0x0F */
    "WRITE_CONFIG",                 /* 0x10 */
    "EJECT",                        /* 0x11 */
    "SET_LOCK",                     /* 0x12 */
    "QUERY_ID",                     /* 0x13 */
    "QUERY_PNP_DEVICE_STATE",       /* 0x14 */
    "QUERY_BUS_INFORMATION",        /* 0x15 */
    "DEVICE_USAGE_NOTIFICATION",    /* 0x16 */
    "SURPRISE_REMOVAL",             /* 0x17 */
    "QUERY_LEGACY_BUS_INFORMATION", /* 0x18 */
    "DEVICE_ENUMERATED",            /* 0x19 */
};

static PCSTR const g_RelationNames[] = {
    "BusRelations",         "EjectionRelations",  "PowerRelations",    "RemovalRelations",
    "TargetDeviceRelation", "SingleBusRelations", "TransportRelations"};
static PCSTR const g_IdNames[] = {"DeviceID",   "HardwareIDs",        "CompatibleIDs",
                                  "InstanceID", "DeviceSerialNumber", "ContainerID"};
static PCSTR const g_TextNames[] = {"Description", "LocationInformation"};
/* SYSTEM_POWER_STATE 1..6 are S0..S5; DEVICE_POWER_STATE 1..4 are D0..D3. */
static PCSTR const g_SystemNames[] = {"S?", "S0", "S1", "S2", "S3", "S4", "S5"};
static PCSTR const g_DeviceNames[] = {"D?", "D0", "D1", "D2", "D3"};

#define IRPLOG_NAME(table, i) ((ULONG)(i) < RTL_NUMBER_OF(table) ? (table)[i] : "?")

/* The detail of a PnP IRP that has a type worth telling apart. */
static PCSTR IrpLogPnpDetail(PIO_STACK_LOCATION Sl)
{
    switch (Sl->MinorFunction) {
    case IRP_MN_QUERY_DEVICE_RELATIONS:
        return IRPLOG_NAME(g_RelationNames, Sl->Parameters.QueryDeviceRelations.Type);
    case IRP_MN_QUERY_ID:
        return IRPLOG_NAME(g_IdNames, Sl->Parameters.QueryId.IdType);
    case IRP_MN_QUERY_DEVICE_TEXT:
        return IRPLOG_NAME(g_TextNames, Sl->Parameters.QueryDeviceText.DeviceTextType);
    default:
        return NULL;
    }
}

static BOOLEAN IrpLogPnpOrdered(UCHAR Minor)
{
    switch (Minor) {
    case IRP_MN_START_DEVICE:
    case IRP_MN_QUERY_STOP_DEVICE:
    case IRP_MN_STOP_DEVICE:
    case IRP_MN_CANCEL_STOP_DEVICE:
    case IRP_MN_QUERY_REMOVE_DEVICE:
    case IRP_MN_REMOVE_DEVICE:
    case IRP_MN_CANCEL_REMOVE_DEVICE:
    case IRP_MN_SURPRISE_REMOVAL:
    case IRP_MN_EJECT:
        return TRUE;
    default:
        return FALSE;
    }
}

static VOID IrpLogPnpIrp(PIO_STACK_LOCATION Sl)
{
    CHAR unknown[16];
    PCSTR name =
        Sl->MinorFunction < RTL_NUMBER_OF(g_PnpNames) ? g_PnpNames[Sl->MinorFunction] : NULL;
    if (name == NULL) {
        RtlStringCbPrintfA(unknown, sizeof(unknown), "PNP 0x%02X", Sl->MinorFunction);
        name = unknown;
    }
    IrpLogAppend(IrpLogPnpOrdered(Sl->MinorFunction), name, IrpLogPnpDetail(Sl));
}

static VOID IrpLogPowerIrp(PIO_STACK_LOCATION Sl)
{
    PCSTR state = NULL, name;

    switch (Sl->MinorFunction) {
    case IRP_MN_SET_POWER:
    case IRP_MN_QUERY_POWER:
        name = Sl->MinorFunction == IRP_MN_SET_POWER ? "SET_POWER" : "QUERY_POWER";
        state = Sl->Parameters.Power.Type == SystemPowerState
                    ? IRPLOG_NAME(g_SystemNames, Sl->Parameters.Power.State.SystemState)
                    : IRPLOG_NAME(g_DeviceNames, Sl->Parameters.Power.State.DeviceState);
        break;
    case IRP_MN_WAIT_WAKE:
        name = "WAIT_WAKE";
        break;
    case IRP_MN_POWER_SEQUENCE:
        name = "POWER_SEQUENCE";
        break;
    default:
        name = "POWER ?";
        break;
    }
    IrpLogAppend(TRUE, name, state);
}

/* ==== the filter ========================================================================== */

NTSTATUS IrpLogAddDevice(PDRIVER_OBJECT DriverObject, PDEVICE_OBJECT Pdo)
{
    PDEVICE_OBJECT filter, lower;
    PIRPLOG_EXT ext;
    NTSTATUS status;

    IrpLogAppend(TRUE, "ADD_DEVICE", NULL);
    status = IoCreateDevice(DriverObject, sizeof(IRPLOG_EXT), NULL, FILE_DEVICE_UNKNOWN, 0, FALSE,
                            &filter);
    if (!NT_SUCCESS(status))
        return status;
    ext = (PIRPLOG_EXT)filter->DeviceExtension;
    RtlZeroMemory(ext, sizeof(*ext));
    ext->Self = filter;
    IoInitializeRemoveLock(&ext->RemoveLock, IRPLOG_TAG, 0, 0);
    lower = IoAttachDeviceToDeviceStack(filter, Pdo);
    if (lower == NULL) {
        IoDeleteDevice(filter);
        return STATUS_NO_SUCH_DEVICE;
    }
    ext->NextLower = lower;
    /* A filter looks like the device below it to the I/O manager and the power manager. */
    filter->DeviceType = lower->DeviceType;
    filter->Characteristics = lower->Characteristics;
    filter->Flags |= lower->Flags & (DO_BUFFERED_IO | DO_DIRECT_IO | DO_POWER_PAGABLE);
    filter->Flags &= ~DO_DEVICE_INITIALIZING;
    return STATUS_SUCCESS;
}

static NTSTATUS IrpLogPassDown(PIRPLOG_EXT Ext, PIRP Irp)
{
    NTSTATUS status = IoAcquireRemoveLock(&Ext->RemoveLock, Irp);

    if (!NT_SUCCESS(status))
        return IrpLogComplete(Irp, status, 0);
    IoSkipCurrentIrpStackLocation(Irp);
    status = IoCallDriver(Ext->NextLower, Irp);
    IoReleaseRemoveLock(&Ext->RemoveLock, Irp);
    return status;
}

/* REMOVE_DEVICE: wait for the IRPs in flight, pass it down, detach and delete. */
static NTSTATUS IrpLogRemove(PIRPLOG_EXT Ext, PIRP Irp)
{
    NTSTATUS status = IoAcquireRemoveLock(&Ext->RemoveLock, Irp);

    if (!NT_SUCCESS(status))
        return IrpLogComplete(Irp, status, 0);
    IoReleaseRemoveLockAndWait(&Ext->RemoveLock, Irp);
    IoSkipCurrentIrpStackLocation(Irp);
    status = IoCallDriver(Ext->NextLower, Irp);
    IoDetachDevice(Ext->NextLower);
    IoDeleteDevice(Ext->Self);
    return status;
}

NTSTATUS IrpLogPnp(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIRPLOG_EXT ext = (PIRPLOG_EXT)DeviceObject->DeviceExtension;
    PIO_STACK_LOCATION sl = IoGetCurrentIrpStackLocation(Irp);

    if (ext->IsControl)
        return IrpLogComplete(Irp, STATUS_INVALID_DEVICE_REQUEST, 0);
    IrpLogPnpIrp(sl);
    if (sl->MinorFunction == IRP_MN_REMOVE_DEVICE)
        return IrpLogRemove(ext, Irp);
    return IrpLogPassDown(ext, Irp);
}

NTSTATUS IrpLogPower(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIRPLOG_EXT ext = (PIRPLOG_EXT)DeviceObject->DeviceExtension;
    NTSTATUS status;

    PoStartNextPowerIrp(Irp);
    if (ext->IsControl)
        return IrpLogComplete(Irp, STATUS_INVALID_DEVICE_REQUEST, 0);
    IrpLogPowerIrp(IoGetCurrentIrpStackLocation(Irp));
    status = IoAcquireRemoveLock(&ext->RemoveLock, Irp);
    if (!NT_SUCCESS(status))
        return IrpLogComplete(Irp, status, 0);
    IoSkipCurrentIrpStackLocation(Irp);
    status = PoCallDriver(ext->NextLower, Irp);
    IoReleaseRemoveLock(&ext->RemoveLock, Irp);
    return status;
}

/* The log's ioctls are answered here, on any device of the driver; other codes go down (the
 * control device has nothing below it). */
NTSTATUS IrpLogDeviceControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIRPLOG_EXT ext = (PIRPLOG_EXT)DeviceObject->DeviceExtension;
    ULONG code = IoGetCurrentIrpStackLocation(Irp)->Parameters.DeviceIoControl.IoControlCode;

    if (code == IOCTL_IRPLOG_READ || code == IOCTL_IRPLOG_READ_ALL)
        return IrpLogRead(Irp);
    if (ext->IsControl)
        return IrpLogComplete(Irp, STATUS_INVALID_DEVICE_REQUEST, 0);
    return IrpLogPassDown(ext, Irp);
}

/* Every other request: passed down by a filter; on the control device, create, cleanup and
 * close succeed and the rest is refused. */
NTSTATUS IrpLogDispatch(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIRPLOG_EXT ext = (PIRPLOG_EXT)DeviceObject->DeviceExtension;

    if (!ext->IsControl)
        return IrpLogPassDown(ext, Irp);
    switch (IoGetCurrentIrpStackLocation(Irp)->MajorFunction) {
    case IRP_MJ_CREATE:
    case IRP_MJ_CLEANUP:
    case IRP_MJ_CLOSE:
        return IrpLogComplete(Irp, STATUS_SUCCESS, 0);
    default:
        return IrpLogComplete(Irp, STATUS_INVALID_DEVICE_REQUEST, 0);
    }
}

/* ==== driver ============================================================================== */

static NTSTATUS IrpLogCreateControl(PDRIVER_OBJECT DriverObject)
{
    UNICODE_STRING name, link;
    PIRPLOG_EXT ext;
    NTSTATUS status;

    RtlInitUnicodeString(&name, IRPLOG_DEVICE_NAME);
    RtlInitUnicodeString(&link, IRPLOG_LINK_NAME);
    status = IoCreateDevice(DriverObject, sizeof(IRPLOG_EXT), &name, FILE_DEVICE_UNKNOWN,
                            FILE_DEVICE_SECURE_OPEN, FALSE, &g_Control);
    if (!NT_SUCCESS(status))
        return status;
    ext = (PIRPLOG_EXT)g_Control->DeviceExtension;
    RtlZeroMemory(ext, sizeof(*ext));
    ext->IsControl = TRUE;
    ext->Self = g_Control;
    g_Control->Flags |= DO_BUFFERED_IO;
    status = IoCreateSymbolicLink(&link, &name);
    if (!NT_SUCCESS(status)) {
        IoDeleteDevice(g_Control);
        g_Control = NULL;
    }
    return status;
}

VOID IrpLogUnload(PDRIVER_OBJECT DriverObject)
{
    UNICODE_STRING link;

    UNREFERENCED_PARAMETER(DriverObject);
    RtlInitUnicodeString(&link, IRPLOG_LINK_NAME);
    IoDeleteSymbolicLink(&link);
    IoDeleteDevice(g_Control);
    g_Control = NULL;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    ULONG i;

    UNREFERENCED_PARAMETER(RegistryPath);
    KeInitializeSpinLock(&g_Log.Lock);
    g_Log.Count = 0;
    g_Log.Lost = 0;
    for (i = 0; i <= IRP_MJ_MAXIMUM_FUNCTION; i++)
        DriverObject->MajorFunction[i] = IrpLogDispatch;
    DriverObject->MajorFunction[IRP_MJ_PNP] = IrpLogPnp;
    DriverObject->MajorFunction[IRP_MJ_POWER] = IrpLogPower;
    DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = IrpLogDeviceControl;
    DriverObject->DriverExtension->AddDevice = IrpLogAddDevice;
    DriverObject->DriverUnload = IrpLogUnload;
    return IrpLogCreateControl(DriverObject);
}
