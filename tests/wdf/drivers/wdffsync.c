/*
 * wdffsync.c - a framework (KMDF) non-PnP driver for the synchronization of file object
 * callbacks, written against the KMDF documentation (WdfDeviceInitSetFileObjectConfig, Using
 * Automatic Synchronization, Framework File Objects). Public headers only. WDFFSYNC_MODE
 * selects what it does (wdffsync.h).
 */
#include <ntddk.h>
#include <wdf.h>
#if WDFFSYNC_MODE >= 3
#include <SPBCx.h>
#endif

#include "wdffsync.h"

#ifndef WDFFSYNC_MODE
#define WDFFSYNC_MODE 0
#endif
#define WDFFSYNC_STR2(x) L## #x
#define WDFFSYNC_STR(x)  WDFFSYNC_STR2(x)

DRIVER_INITIALIZE DriverEntry;
static EVT_WDF_IO_QUEUE_IO_DEVICE_CONTROL FsyncDeviceControl;
static EVT_WDF_DEVICE_FILE_CREATE FsyncCreate;
static EVT_WDF_FILE_CLEANUP FsyncCleanup;
static EVT_WDF_FILE_CLOSE FsyncClose;
static KDEFERRED_ROUTINE FsyncSendDpc;
static IO_COMPLETION_ROUTINE FsyncSent;

static WDFDEVICE g_device;
static WDFFSYNC_RULES g_rules;
static WDFFSYNC_STATS g_stats;
static LONG g_busy;
static WDFFSYNC_SENT g_sent;
static PKTHREAD g_sender;
static KDPC g_dpc;
static IO_SECURITY_CONTEXT g_security;

static LONG FsyncRead(LONG *p)
{
    return InterlockedCompareExchange(p, 0, 0);
}

static VOID FsyncMax(ULONG *p, ULONG value)
{
    LONG seen;
    while ((ULONG)(seen = FsyncRead((LONG *)p)) < value &&
           InterlockedCompareExchange((LONG *)p, (LONG)value, seen) != seen)
        ;
}

/* A callback's busy time: counted in g_busy, 20 ms long. */
static VOID FsyncBusy(ULONG *calls)
{
    FsyncMax(&g_stats.MaxBusy, (ULONG)InterlockedIncrement(&g_busy));
    InterlockedIncrement((LONG *)calls);
    KeStallExecutionProcessor(20000);
    InterlockedDecrement(&g_busy);
}

static VOID FsyncFileCall(VOID)
{
    FsyncMax(&g_stats.MaxIrql, KeGetCurrentIrql());
    FsyncBusy(&g_stats.FileCalls);
}

/* A create the DPC sent (no WDM file object) is refused, so it has no cleanup or close. */
static VOID FsyncCreate(WDFDEVICE Device, WDFREQUEST Request, WDFFILEOBJECT FileObject)
{
    PIRP irp = WdfRequestWdmGetIrp(Request);
    if (IoGetCurrentIrpStackLocation(irp)->FileObject == NULL) {
        InterlockedExchange(&g_sent.CreateIrql, KeGetCurrentIrql());
        InterlockedExchange(&g_sent.OtherThread, KeGetCurrentThread() != g_sender);
        WdfRequestComplete(Request, STATUS_ACCESS_DENIED);
        return;
    }
    FsyncFileCall();
    WdfRequestComplete(Request, STATUS_SUCCESS);
}

static VOID FsyncCleanup(WDFFILEOBJECT FileObject)
{
    FsyncFileCall();
}

static VOID FsyncClose(WDFFILEOBJECT FileObject)
{
    FsyncFileCall();
}

static NTSTATUS FsyncSent(PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Context)
{
    InterlockedExchange(&g_sent.Status, Irp->IoStatus.Status);
    IoFreeIrp(Irp);
    InterlockedExchange(&g_sent.Done, 1);
    return STATUS_MORE_PROCESSING_REQUIRED;
}

/* At DISPATCH_LEVEL: a create to the device, as a driver may send one (Framework File Objects:
 * without a WDM file object). */
static VOID FsyncSendDpc(PKDPC Dpc, PVOID Context, PVOID Arg1, PVOID Arg2)
{
    PDEVICE_OBJECT device = WdfDeviceWdmGetDeviceObject(g_device);
    PIRP irp = IoAllocateIrp(device->StackSize, FALSE);
    PIO_STACK_LOCATION s;
    if (irp == NULL)
        return;
    s = IoGetNextIrpStackLocation(irp);
    s->MajorFunction = IRP_MJ_CREATE;
    g_security.DesiredAccess = FILE_READ_DATA;
    s->Parameters.Create.SecurityContext = &g_security;
    IoSetCompletionRoutine(irp, FsyncSent, NULL, TRUE, TRUE, TRUE);
    g_sender = KeGetCurrentThread();
    InterlockedExchange(&g_sent.SendIrql, KeGetCurrentIrql());
    IoCallDriver(device, irp);
}

static VOID FsyncOut(WDFREQUEST Request, const VOID *data, size_t size)
{
    PVOID out;
    NTSTATUS status = WdfRequestRetrieveOutputBuffer(Request, size, &out, NULL);
    if (NT_SUCCESS(status))
        RtlCopyMemory(out, data, size);
    WdfRequestCompleteWithInformation(Request, status, NT_SUCCESS(status) ? size : 0);
}

static VOID FsyncDeviceControl(WDFQUEUE Queue, WDFREQUEST Request, size_t OutputBufferLength,
                               size_t InputBufferLength, ULONG IoControlCode)
{
    WDFFSYNC_STATS stats;
    WDFFSYNC_SENT sent;
    switch (IoControlCode) {
    case IOCTL_FS_RULES:
        FsyncOut(Request, &g_rules, sizeof(g_rules));
        return;
    case IOCTL_FS_SLOW:
        FsyncBusy(&g_stats.IoCalls);
        WdfRequestComplete(Request, STATUS_SUCCESS);
        return;
    case IOCTL_FS_STATS:
        stats.MaxBusy = (ULONG)FsyncRead((LONG *)&g_stats.MaxBusy);
        stats.MaxIrql = (ULONG)FsyncRead((LONG *)&g_stats.MaxIrql);
        stats.FileCalls = (ULONG)FsyncRead((LONG *)&g_stats.FileCalls);
        stats.IoCalls = (ULONG)FsyncRead((LONG *)&g_stats.IoCalls);
        FsyncOut(Request, &stats, sizeof(stats));
        return;
    case IOCTL_FS_SEND: /* the DPC's create may wait for the lock this callback holds */
        g_sent.CreateIrql = -1;
        KeInsertQueueDpc(&g_dpc, NULL, NULL);
        WdfRequestComplete(Request, STATUS_SUCCESS);
        return;
    case IOCTL_FS_SENT:
        sent.Done = FsyncRead(&g_sent.Done);
        sent.Status = FsyncRead(&g_sent.Status);
        sent.SendIrql = FsyncRead(&g_sent.SendIrql);
        sent.CreateIrql = FsyncRead(&g_sent.CreateIrql);
        sent.OtherThread = FsyncRead(&g_sent.OtherThread);
        FsyncOut(Request, &sent, sizeof(sent));
        return;
    }
    WdfRequestComplete(Request, STATUS_INVALID_DEVICE_REQUEST);
}

static VOID FsyncAttributes(PWDF_OBJECT_ATTRIBUTES a, WDF_SYNCHRONIZATION_SCOPE scope,
                            WDF_EXECUTION_LEVEL level)
{
    WDF_OBJECT_ATTRIBUTES_INIT(a);
    a->SynchronizationScope = scope;
    a->ExecutionLevel = level;
}

/* How a rule case configures its file objects. */
enum {
    FSYNC_CONFIG,       /* WdfFileObjectWdfCannotUseFsContexts */
    FSYNC_NO_CONFIG,    /* no WdfDeviceInitSetFileObjectConfig */
    FSYNC_NOT_REQUIRED, /* WdfFileObjectNotRequired */
    FSYNC_BAD_SIZE,     /* a WDF_FILEOBJECT_CONFIG whose Size is wrong */
    FSYNC_BAD_CLASS,    /* WdfFileObjectCanBeOptional alone */
};

/* One rule case: a control device with these attributes and file objects (file NULL: none),
 * deleted when WdfDeviceCreate succeeds. */
static NTSTATUS FsyncTry(WDFDRIVER Driver, ULONG i, PWDF_OBJECT_ATTRIBUTES device,
                         PWDF_OBJECT_ATTRIBUTES file, ULONG how)
{
    DECLARE_CONST_UNICODE_STRING(sddl, L"D:P(A;;GA;;;SY)");
    WCHAR buffer[] = L"\\Device\\WdfFsyncTryA"; /* a name per case: A, B, ... */
    UNICODE_STRING name;
    PWDFDEVICE_INIT init = WdfControlDeviceInitAllocate(Driver, &sddl);
    WDF_FILEOBJECT_CONFIG config;
    WDFDEVICE created;
    NTSTATUS status;
    if (init == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    buffer[RTL_NUMBER_OF(buffer) - 2] = (WCHAR)(L'A' + i);
    RtlInitUnicodeString(&name, buffer);
    status = WdfDeviceInitAssignName(init, &name);
    if (!NT_SUCCESS(status)) {
        WdfDeviceInitFree(init);
        return status;
    }
    WDF_FILEOBJECT_CONFIG_INIT(&config, FsyncCreate, FsyncClose, FsyncCleanup);
    config.FileObjectClass = how == FSYNC_NOT_REQUIRED ? WdfFileObjectNotRequired
                             : how == FSYNC_BAD_CLASS  ? WdfFileObjectCanBeOptional
                                                       : WdfFileObjectWdfCannotUseFsContexts;
    if (how == FSYNC_BAD_SIZE)
        config.Size -= 8;
    if (how != FSYNC_NO_CONFIG)
        WdfDeviceInitSetFileObjectConfig(init, &config, file);
    status = WdfDeviceCreate(&init, device, &created);
    if (NT_SUCCESS(status))
        WdfObjectDelete(created);
    else
        WdfDeviceInitFree(init);
    return status;
}

static VOID FsyncRules(WDFDRIVER Driver)
{
    static const struct {
        WDF_SYNCHRONIZATION_SCOPE DeviceScope, FileScope;
        WDF_EXECUTION_LEVEL DeviceLevel, FileLevel;
        BOOLEAN FileAttributes, BadSize;
        UCHAR How;
    } c[WDFFSYNC_RULES_COUNT] = {
        {WdfSynchronizationScopeInheritFromParent, 0, WdfExecutionLevelInheritFromParent, 0},
        {WdfSynchronizationScopeDevice, 0, WdfExecutionLevelDispatch, 0},
        {WdfSynchronizationScopeDevice, WdfSynchronizationScopeNone, WdfExecutionLevelDispatch,
         WdfExecutionLevelInheritFromParent, TRUE},
        {WdfSynchronizationScopeDevice, WdfSynchronizationScopeInheritFromParent,
         WdfExecutionLevelDispatch, WdfExecutionLevelPassive, TRUE},
        {WdfSynchronizationScopeDevice, WdfSynchronizationScopeNone, WdfExecutionLevelDispatch,
         WdfExecutionLevelPassive, TRUE},
        {WdfSynchronizationScopeDevice, 0, WdfExecutionLevelPassive, 0},
        {WdfSynchronizationScopeQueue, 0, WdfExecutionLevelDispatch, 0},
        {WdfSynchronizationScopeNone, 0, WdfExecutionLevelPassive, 0},
        {WdfSynchronizationScopeInheritFromParent, WdfSynchronizationScopeDevice,
         WdfExecutionLevelInheritFromParent, WdfExecutionLevelInheritFromParent, TRUE},
        {WdfSynchronizationScopeInheritFromParent, WdfSynchronizationScopeQueue,
         WdfExecutionLevelInheritFromParent, WdfExecutionLevelInheritFromParent, TRUE},
        {WdfSynchronizationScopeInheritFromParent, WdfSynchronizationScopeInheritFromParent,
         WdfExecutionLevelInheritFromParent, WdfExecutionLevelDispatch, TRUE},
        {WdfSynchronizationScopeInheritFromParent, WdfSynchronizationScopeNone,
         WdfExecutionLevelInheritFromParent, WdfExecutionLevelPassive, TRUE, TRUE},
        {WdfSynchronizationScopeDevice, 0, WdfExecutionLevelDispatch, 0, FALSE, FALSE,
         FSYNC_NO_CONFIG},
        {WdfSynchronizationScopeDevice, 0, WdfExecutionLevelDispatch, 0, FALSE, FALSE,
         FSYNC_NOT_REQUIRED},
        {WdfSynchronizationScopeInheritFromParent, 0, WdfExecutionLevelInheritFromParent, 0, FALSE,
         FALSE, FSYNC_BAD_SIZE},
        {WdfSynchronizationScopeInheritFromParent, 0, WdfExecutionLevelInheritFromParent, 0, FALSE,
         FALSE, FSYNC_BAD_CLASS},
    };
    WDF_OBJECT_ATTRIBUTES device, file;
    ULONG i;
    for (i = 0; i < WDFFSYNC_RULES_COUNT; i++) {
        FsyncAttributes(&device, c[i].DeviceScope, c[i].DeviceLevel);
        FsyncAttributes(&file, c[i].FileScope, c[i].FileLevel);
        if (c[i].BadSize)
            file.Size = sizeof(file) - 8;
        g_rules.Status[i] =
            FsyncTry(Driver, i, &device, c[i].FileAttributes ? &file : NULL, c[i].How);
    }
}

/* Modes 1 and 2: scope Device at passive level; mode 2's file objects opt out. */
static VOID FsyncConfigure(PWDFDEVICE_INIT init, PWDF_OBJECT_ATTRIBUTES device)
{
    WDF_FILEOBJECT_CONFIG config;
    WDF_OBJECT_ATTRIBUTES file;
    WDF_FILEOBJECT_CONFIG_INIT(&config, FsyncCreate, FsyncClose, FsyncCleanup);
    if (WDFFSYNC_MODE == 0) {
        WdfDeviceInitSetFileObjectConfig(init, &config, WDF_NO_OBJECT_ATTRIBUTES);
        return;
    }
    FsyncAttributes(device, WdfSynchronizationScopeDevice, WdfExecutionLevelPassive);
    FsyncAttributes(&file, WdfSynchronizationScopeInheritFromParent,
                    WdfExecutionLevelInheritFromParent);
    if (WDFFSYNC_MODE == 2)
        FsyncAttributes(&file, WdfSynchronizationScopeNone, WdfExecutionLevelPassive);
#if WDFFSYNC_MODE >= 3
    if (WDFFSYNC_MODE == 3)
        SpbDeviceInitConfig(init);
    WdfDeviceInitSetFileObjectConfig(init, &config, &file);
    if (WDFFSYNC_MODE == 4)
        SpbDeviceInitConfig(init);
#else
    WdfDeviceInitSetFileObjectConfig(init, &config, &file);
#endif
}

static NTSTATUS FsyncCreateDevice(WDFDRIVER Driver)
{
    DECLARE_CONST_UNICODE_STRING(sddl, L"D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GRGW;;;WD)");
    DECLARE_CONST_UNICODE_STRING(name, L"\\Device\\WdfFsync" WDFFSYNC_STR(WDFFSYNC_MODE));
    DECLARE_CONST_UNICODE_STRING(link, L"\\??\\WdfFsync" WDFFSYNC_STR(WDFFSYNC_MODE));
    PWDFDEVICE_INIT init = WdfControlDeviceInitAllocate(Driver, &sddl);
    WDF_OBJECT_ATTRIBUTES attributes;
    WDF_IO_QUEUE_CONFIG queue;
    NTSTATUS status;
    if (init == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    status = WdfDeviceInitAssignName(init, &name);
    if (NT_SUCCESS(status)) {
        FsyncConfigure(init, &attributes);
        status = WdfDeviceCreate(&init, &attributes, &g_device);
    }
    if (!NT_SUCCESS(status)) {
        WdfDeviceInitFree(init);
        return status;
    }
    status = WdfDeviceCreateSymbolicLink(g_device, &link);
    WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(&queue, WdfIoQueueDispatchParallel);
    queue.EvtIoDeviceControl = FsyncDeviceControl;
    if (NT_SUCCESS(status))
        status = WdfIoQueueCreate(g_device, &queue, WDF_NO_OBJECT_ATTRIBUTES, WDF_NO_HANDLE);
    if (NT_SUCCESS(status))
        WdfControlFinishInitializing(g_device);
    return status;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WDF_DRIVER_CONFIG config;
    WDFDRIVER driver;
    NTSTATUS status;
    KeInitializeDpc(&g_dpc, FsyncSendDpc, NULL);
    WDF_DRIVER_CONFIG_INIT(&config, WDF_NO_EVENT_CALLBACK);
    config.DriverInitFlags |= WdfDriverInitNonPnpDriver;
    status =
        WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config, &driver);
    if (!NT_SUCCESS(status))
        return status;
    if (WDFFSYNC_MODE == 0)
        FsyncRules(driver);
    return FsyncCreateDevice(driver);
}
