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
 * Besides its own log, it traces with WPP (trace.h): DriverEntry, AddDevice, each PnP and
 * power IRP it passes, the reads of its log with their status, and the errors.
 *
 * Written against the WDK documentation only; it builds unchanged with the real WDK.
 */
#include <wdm.h>
#include <ntstrsafe.h>

#include "vsample.h"
#include "vsample_names.h"
#include "trace.h"
#include "irplog.tmh"

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
        TraceEvents(TRACE_LEVEL_WARNING, TRACE_LOG, "%Iu bytes, buffer %u: %!STATUS!", size,
                    sl->Parameters.DeviceIoControl.OutputBufferLength, STATUS_BUFFER_TOO_SMALL);
        return IrpLogComplete(Irp, STATUS_BUFFER_TOO_SMALL, 0);
    }
    IrpLogFormatLocked(all, (PCHAR)Irp->AssociatedIrp.SystemBuffer);
    g_Log.Count = 0;
    g_Log.Lost = 0;
    KeReleaseSpinLock(&g_Log.Lock, irql);
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_LOG, "%s: %Iu bytes", all ? "all" : "ordered", size);
    return IrpLogComplete(Irp, STATUS_SUCCESS, size);
}

/* ==== naming the IRPs ===================================================================== */

static PCSTR const g_RelationNames[] = {
    "BusRelations",         "EjectionRelations",  "PowerRelations",    "RemovalRelations",
    "TargetDeviceRelation", "SingleBusRelations", "TransportRelations"};
static PCSTR const g_IdNames[] = {"DeviceID",   "HardwareIDs",        "CompatibleIDs",
                                  "InstanceID", "DeviceSerialNumber", "ContainerID"};
static PCSTR const g_TextNames[] = {"Description", "LocationInformation"};

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
    PCSTR name = VsPnpMinorName(Sl->MinorFunction);
    if (name == NULL) {
        RtlStringCbPrintfA(unknown, sizeof(unknown), "PNP 0x%02X", Sl->MinorFunction);
        name = unknown;
    }
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_FILTER, "%s", name);
    IrpLogAppend(IrpLogPnpOrdered(Sl->MinorFunction), name, IrpLogPnpDetail(Sl));
}

static VOID IrpLogPowerIrp(PIO_STACK_LOCATION Sl)
{
    PCSTR state = VsPowerIrpState(Sl);
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_FILTER, "%s %s", VsPowerMinorName(Sl->MinorFunction),
                state ? state : "");
    IrpLogAppend(TRUE, VsPowerMinorName(Sl->MinorFunction), state);
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
    if (!NT_SUCCESS(status)) {
        TraceEvents(TRACE_LEVEL_ERROR, TRACE_FILTER, "IoCreateDevice: %!STATUS!", status);
        return status;
    }
    ext = (PIRPLOG_EXT)filter->DeviceExtension;
    RtlZeroMemory(ext, sizeof(*ext));
    ext->Self = filter;
    IoInitializeRemoveLock(&ext->RemoveLock, IRPLOG_TAG, 0, 0);
    lower = IoAttachDeviceToDeviceStack(filter, Pdo);
    if (lower == NULL) {
        TraceEvents(TRACE_LEVEL_ERROR, TRACE_FILTER, "PDO %p: nothing to attach to", Pdo);
        IoDeleteDevice(filter);
        return STATUS_NO_SUCH_DEVICE;
    }
    ext->NextLower = lower;
    /* A filter looks like the device below it to the I/O manager and the power manager. */
    filter->DeviceType = lower->DeviceType;
    filter->Characteristics = lower->Characteristics;
    filter->Flags |= lower->Flags & (DO_BUFFERED_IO | DO_DIRECT_IO | DO_POWER_PAGABLE);
    filter->Flags &= ~DO_DEVICE_INITIALIZING;
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_FILTER, "PDO %p: filter %p above %p", Pdo, filter,
                lower);
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
    if (!NT_SUCCESS(status)) {
        TraceEvents(TRACE_LEVEL_ERROR, TRACE_DRIVER, "IoCreateDevice %wZ: %!STATUS!", &name,
                    status);
        return status;
    }
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

    RtlInitUnicodeString(&link, IRPLOG_LINK_NAME);
    IoDeleteSymbolicLink(&link);
    IoDeleteDevice(g_Control);
    g_Control = NULL;
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_DRIVER, "control device deleted");
    WPP_CLEANUP(DriverObject);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NTSTATUS status;
    ULONG i;

    WPP_INIT_TRACING(DriverObject, RegistryPath);
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_DRIVER, "service key %wZ", RegistryPath);
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
    status = IrpLogCreateControl(DriverObject);
    if (!NT_SUCCESS(status)) {
        TraceEvents(TRACE_LEVEL_ERROR, TRACE_DRIVER, "failed: %!STATUS!", status);
        WPP_CLEANUP(DriverObject); /* DriverUnload is not called when DriverEntry fails */
    }
    return status;
}
