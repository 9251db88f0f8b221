/*
 * wdffile.c - a framework (KMDF) non-PnP driver with a control device and framework file
 * objects, written against the KMDF documentation. Public headers only. Built as:
 *   wdffile.sys      EvtDeviceFileCreate / EvtFileCleanup / EvtFileClose, a context on every
 *                    WDFFILEOBJECT, WdfFileObjectWdfCanUseFsContext, \Device\WdfFile; an
 *                    EvtDeviceWdmIrpPreprocess for device controls. A create whose file name
 *                    is \fail is refused (STATUS_ACCESS_DENIED), \pend is completed from a
 *                    DPC 50 ms later.
 *   wdffile_excl.sys WDFFILE_EXCLUSIVE: exclusive, no EvtDeviceFileCreate (the framework opens),
 *                    WdfFileObjectWdfCannotUseFsContexts, \Device\WdfFileX; the file objects'
 *                    attributes WdfSynchronizationScopeNone and WdfExecutionLevelPassive.
 *   wdffile_none.sys WDFFILE_NONE: no WdfDeviceInitSetFileObjectConfig, \Device\WdfFileN.
 *   wdffile_nofs.sys WDFFILE_NO_FSCONTEXT: wdffile.sys with WdfFileObjectWdfCannotUseFsContexts
 *                    (not exclusive), \Device\WdfFileC.
 *   wdffile_v9.sys, wdffile_v15.sys: wdffile.c built for KMDF 1.9 and 1.15 (\Device\WdfFile9,
 *                    \Device\WdfFile15).
 */
#include <ntddk.h>
#include <wdf.h>

#include "wdffile.h"

#if defined(WDFFILE_EXCLUSIVE)
#define WDFFILE_DEVICE L"\\Device\\WdfFileX"
#define WDFFILE_LINK   L"\\??\\WdfFileX"
#elif defined(WDFFILE_NONE)
#define WDFFILE_DEVICE L"\\Device\\WdfFileN"
#define WDFFILE_LINK   L"\\??\\WdfFileN"
#elif defined(WDFFILE_NO_FSCONTEXT)
#define WDFFILE_DEVICE L"\\Device\\WdfFileC"
#define WDFFILE_LINK   L"\\??\\WdfFileC"
#elif KMDF_VERSION_MINOR == 9
#define WDFFILE_DEVICE L"\\Device\\WdfFile9"
#define WDFFILE_LINK   L"\\??\\WdfFile9"
#elif KMDF_VERSION_MINOR == 15
#define WDFFILE_DEVICE L"\\Device\\WdfFile15"
#define WDFFILE_LINK   L"\\??\\WdfFile15"
#else
#define WDFFILE_DEVICE L"\\Device\\WdfFile"
#define WDFFILE_LINK   L"\\??\\WdfFile"
#endif

typedef struct _FILE_CONTEXT {
    ULONG Id;
    ULONG Checks;
    WCHAR Name[16];
} FILE_CONTEXT;
WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(FILE_CONTEXT, FileGetContext)

DRIVER_INITIALIZE DriverEntry;
static EVT_WDF_DRIVER_UNLOAD WdfFileUnload;
static EVT_WDF_IO_QUEUE_IO_DEVICE_CONTROL WdfFileDeviceControl;
static EVT_WDF_DEVICE_FILE_CREATE WdfFileCreate;
static EVT_WDF_FILE_CLEANUP WdfFileCleanup;
static EVT_WDF_FILE_CLOSE WdfFileClose;
static EVT_WDF_FILE_CONTEXT_CLEANUP_CALLBACK WdfFileObjectCleanup; /* the file object's role type */
static EVT_WDFDEVICE_WDM_IRP_PREPROCESS WdfFilePreprocess;

static WDFDEVICE g_device;
static WDFFILE_LOG g_log;
static ULONG g_next_id;
static ULONG g_preprocessed;
static ULONG g_assign_checks;
static WDFREQUEST g_pended;
static KTIMER g_timer;
static KDPC g_dpc;

static VOID WdfFileLog(CHAR event, WDFFILEOBJECT FileObject)
{
    ULONG id = FileObject != NULL ? FileGetContext(FileObject)->Id : 0;
    if (g_log.Count + 2 > sizeof(g_log.Events))
        return;
    g_log.Events[g_log.Count++] = event;
    g_log.Events[g_log.Count++] = (CHAR)('0' + id % 10);
}

static VOID WdfFilePendDone(PKDPC Dpc, PVOID Context, PVOID Arg1, PVOID Arg2)
{
    WDFREQUEST request = (WDFREQUEST)InterlockedExchangePointer((PVOID *)&g_pended, NULL);
    if (request != NULL)
        WdfRequestComplete(request, STATUS_SUCCESS);
}

static BOOLEAN WdfFileNameIs(PCUNICODE_STRING name, PCWSTR what)
{
    UNICODE_STRING w;
    RtlInitUnicodeString(&w, what);
    return name != NULL && RtlEqualUnicodeString(name, &w, TRUE);
}

static VOID WdfFileCreate(WDFDEVICE Device, WDFREQUEST Request, WDFFILEOBJECT FileObject)
{
    FILE_CONTEXT *c;
    PUNICODE_STRING name;
    PFILE_OBJECT wdm;
    LARGE_INTEGER due;
    if (FileObject == NULL) {
        /* A create without a WDM file object (Framework File Objects: the framework then
         * typically creates no framework file object): logged "C0". */
        WdfFileLog('C', NULL);
        WdfRequestComplete(Request, STATUS_SUCCESS);
        return;
    }
    c = FileGetContext(FileObject);
    name = WdfFileObjectGetFileName(FileObject);
    wdm = WdfFileObjectWdmGetFileObject(FileObject);
    c->Id = ++g_next_id;
    if (name != NULL && name->Length < sizeof(c->Name))
        RtlCopyMemory(c->Name, name->Buffer, name->Length);
    c->Checks |= WdfFileObjectGetDevice(FileObject) == Device ? WDFFILE_WHO_DEVICE : 0;
    c->Checks |= wdm == IoGetCurrentIrpStackLocation(WdfRequestWdmGetIrp(Request))->FileObject
                     ? WDFFILE_WHO_WDM
                     : 0;
    c->Checks |= WdfDeviceGetFileObject(Device, wdm) == FileObject ? WDFFILE_WHO_LOOKUP : 0;
    c->Checks |= wdm != NULL && wdm->FsContext != NULL ? WDFFILE_WHO_FSCTX : 0;
    c->Checks |= WdfRequestGetIoQueue(Request) == NULL ? WDFFILE_WHO_CREATE_Q : 0;
    c->Checks |=
        wdm != NULL && WdfFileObjectGetFlags(FileObject) == wdm->Flags ? WDFFILE_WHO_FLAGS : 0;
    c->Checks |= WdfRequestGetFileObject(Request) == FileObject ? WDFFILE_WHO_REQUEST : 0;
    WdfFileLog('C', FileObject);
    if (WdfFileNameIs(name, L"\\fail")) {
        WdfRequestComplete(Request, STATUS_ACCESS_DENIED);
    } else if (WdfFileNameIs(name, L"\\pend")) {
        g_pended = Request;
        due.QuadPart = -50 * 10000LL;
        KeSetTimer(&g_timer, due, &g_dpc);
    } else {
        WdfRequestComplete(Request, STATUS_SUCCESS);
    }
}

static VOID WdfFileCleanup(WDFFILEOBJECT FileObject)
{
    WdfFileLog('U', FileObject);
}

static VOID WdfFileClose(WDFFILEOBJECT FileObject)
{
    WdfFileLog('L', FileObject);
}

static VOID WdfFileObjectCleanup(WDFOBJECT Object)
{
    WdfFileLog('D', (WDFFILEOBJECT)Object);
}

/* Device controls pass here first: IOCTL_F_RAW is completed the WDM way, the others go back
 * to the framework (Microsoft: Preprocessing and Postprocessing IRPs). */
static NTSTATUS WdfFilePreprocess(WDFDEVICE Device, PIRP Irp)
{
    PIO_STACK_LOCATION s = IoGetCurrentIrpStackLocation(Irp);
    g_preprocessed++;
    if (s->Parameters.DeviceIoControl.IoControlCode == IOCTL_F_RAW) {
        Irp->IoStatus.Status = STATUS_SUCCESS;
        Irp->IoStatus.Information = 42;
        IoCompleteRequest(Irp, IO_NO_INCREMENT);
        return STATUS_SUCCESS;
    }
    IoSkipCurrentIrpStackLocation(Irp);
    return WdfDeviceWdmDispatchPreprocessedIrp(Device, Irp);
}

static VOID WdfFileWhoAmI(WDFREQUEST Request, WDFFILEOBJECT FileObject)
{
    WDFFILE_WHOAMI *out;
    NTSTATUS status = WdfRequestRetrieveOutputBuffer(Request, sizeof(*out), (PVOID *)&out, NULL);
    if (!NT_SUCCESS(status)) {
        WdfRequestComplete(Request, status);
        return;
    }
    RtlZeroMemory(out, sizeof(*out));
    if (FileObject != NULL) {
        FILE_CONTEXT *c = FileGetContext(FileObject);
        out->Id = c->Id;
        out->Checks = c->Checks;
        RtlCopyMemory(out->Name, c->Name, sizeof(out->Name));
    }
    WdfRequestCompleteWithInformation(Request, STATUS_SUCCESS, sizeof(*out));
}

static VOID WdfFileInfo(WDFREQUEST Request)
{
    WDFFILE_INFO *out;
    WDF_DRIVER_VERSION_AVAILABLE_PARAMS p;
    NTSTATUS status = WdfRequestRetrieveOutputBuffer(Request, sizeof(*out), (PVOID *)&out, NULL);
    if (!NT_SUCCESS(status)) {
        WdfRequestComplete(Request, status);
        return;
    }
    out->KmdfMinor = KMDF_VERSION_MINOR;
    out->Preprocessed = g_preprocessed;
    out->QueueConfigSize = sizeof(WDF_IO_QUEUE_CONFIG);
    WDF_DRIVER_VERSION_AVAILABLE_PARAMS_INIT(&p, 1, KMDF_VERSION_MINOR);
    out->Available = WdfDriverIsVersionAvailable(WdfGetDriver(), &p);
    out->AssignChecks = g_assign_checks;
    WdfRequestCompleteWithInformation(Request, STATUS_SUCCESS, sizeof(*out));
}

/* The request's WDM views, from EvtIoDeviceControl (not EvtIoInCallerContext). */
static VOID WdfFileUser(WDFREQUEST Request, size_t OutputBufferLength, size_t InputBufferLength)
{
    WDFFILE_USER r;
    PVOID unsafe, in = NULL, out;
    size_t length;
    PMDL in_mdl = NULL, out_mdl = NULL;
    NTSTATUS status;
    RtlZeroMemory(&r, sizeof(r));
    r.UnsafeIn = WdfRequestRetrieveUnsafeUserInputBuffer(Request, 0, &unsafe, &length);
    r.UnsafeOut = WdfRequestRetrieveUnsafeUserOutputBuffer(Request, 0, &unsafe, &length);
    r.InMdl = InputBufferLength != 0 ? WdfRequestRetrieveInputWdmMdl(Request, &in_mdl) : -1;
    r.EmptyMdl = InputBufferLength == 0 ? WdfRequestRetrieveInputWdmMdl(Request, &in_mdl) : -1;
    r.OutMdl = WdfRequestRetrieveOutputWdmMdl(Request, &out_mdl);
    r.Mode = WdfRequestGetRequestorMode(Request);
    if (NT_SUCCESS(r.InMdl) && NT_SUCCESS(WdfRequestRetrieveInputBuffer(Request, 1, &in, NULL)) &&
        MmGetMdlByteCount(in_mdl) == InputBufferLength &&
        RtlCompareMemory(MmGetSystemAddressForMdlSafe(in_mdl, NormalPagePriority), in,
                         InputBufferLength) == InputBufferLength)
        r.Checks |= WDFFILE_USER_IN_MDL;
    if (NT_SUCCESS(r.OutMdl) && MmGetMdlByteCount(out_mdl) == OutputBufferLength)
        r.Checks |= WDFFILE_USER_OUT_MDL;
    if (NT_SUCCESS(r.OutMdl) && out_mdl == WdfRequestWdmGetIrp(Request)->MdlAddress)
        r.Checks |= WDFFILE_USER_IRP_MDL;
    status = WdfRequestRetrieveOutputBuffer(Request, sizeof(r), &out, NULL);
    if (NT_SUCCESS(status))
        RtlCopyMemory(out, &r, sizeof(r));
    WdfRequestCompleteWithInformation(Request, status, NT_SUCCESS(status) ? sizeof(r) : 0);
}

static VOID WdfFileDeviceControl(WDFQUEUE Queue, WDFREQUEST Request, size_t OutputBufferLength,
                                 size_t InputBufferLength, ULONG IoControlCode)
{
    PVOID out;
    switch (IoControlCode) {
    case IOCTL_F_LOG:
        if (NT_SUCCESS(WdfRequestRetrieveOutputBuffer(Request, sizeof(g_log), &out, NULL))) {
            RtlCopyMemory(out, &g_log, sizeof(g_log));
            WdfRequestCompleteWithInformation(Request, STATUS_SUCCESS,
                                              FIELD_OFFSET(WDFFILE_LOG, Events) + g_log.Count);
        } else {
            WdfRequestComplete(Request, STATUS_BUFFER_TOO_SMALL);
        }
        break;
    case IOCTL_F_WHOAMI:
        WdfFileWhoAmI(Request, WdfRequestGetFileObject(Request));
        break;
    case IOCTL_F_INFO:
        WdfFileInfo(Request);
        break;
    case IOCTL_F_USER:
    case IOCTL_F_USER_D:
        WdfFileUser(Request, OutputBufferLength, InputBufferLength);
        break;
    default: /* IOCTL_F_RAW never gets here: the preprocess callback completes it */
        WdfRequestComplete(Request, STATUS_INVALID_DEVICE_REQUEST);
        break;
    }
}

static VOID WdfFileUnload(WDFDRIVER Driver)
{
    KeCancelTimer(&g_timer);
}

static NTSTATUS WdfFileConfigure(PWDFDEVICE_INIT init)
{
#if !defined(WDFFILE_NONE)
    WDF_FILEOBJECT_CONFIG config;
    WDF_OBJECT_ATTRIBUTES attributes;
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attributes, FILE_CONTEXT);
    attributes.EvtCleanupCallback = WdfFileObjectCleanup;
#if defined(WDFFILE_EXCLUSIVE)
    /* Out of the device's synchronization, as WdfDeviceInitSetFileObjectConfig's page says a
     * driver may (the serial sample does): the file objects are still created. */
    attributes.SynchronizationScope = WdfSynchronizationScopeNone;
    attributes.ExecutionLevel = WdfExecutionLevelPassive;
    WdfDeviceInitSetExclusive(init, TRUE);
    WDF_FILEOBJECT_CONFIG_INIT(&config, WDF_NO_EVENT_CALLBACK, WdfFileClose, WdfFileCleanup);
    config.FileObjectClass = WdfFileObjectWdfCannotUseFsContexts;
#else
    WDF_FILEOBJECT_CONFIG_INIT(&config, WdfFileCreate, WdfFileClose, WdfFileCleanup);
#endif
#if defined(WDFFILE_NO_FSCONTEXT)
    config.FileObjectClass = WdfFileObjectWdfCannotUseFsContexts;
#endif
    WdfDeviceInitSetFileObjectConfig(init, &config, &attributes);
#endif
#if !defined(WDFFILE_EXCLUSIVE) && !defined(WDFFILE_NONE)
    UCHAR minors[1] = {IRP_MN_QUERY_DEVICE_RELATIONS};
    NTSTATUS status = WdfDeviceInitAssignWdmIrpPreprocessCallback(
        init, WdfFilePreprocess, IRP_MJ_MAXIMUM_FUNCTION + 1, NULL, 0);
    g_assign_checks |= status == STATUS_INVALID_PARAMETER ? WDFFILE_ASSIGN_BAD_MAJOR : 0;
    status =
        WdfDeviceInitAssignWdmIrpPreprocessCallback(init, WdfFilePreprocess, IRP_MJ_PNP, minors, 1);
    g_assign_checks |= status == STATUS_SUCCESS ? WDFFILE_ASSIGN_MINORS : 0;
    status =
        WdfDeviceInitAssignWdmIrpPreprocessCallback(init, WdfFilePreprocess, IRP_MJ_PNP, minors, 1);
    g_assign_checks |= status == STATUS_INVALID_DEVICE_REQUEST ? WDFFILE_ASSIGN_MINORS_AGAIN : 0;
    return WdfDeviceInitAssignWdmIrpPreprocessCallback(init, WdfFilePreprocess,
                                                       IRP_MJ_DEVICE_CONTROL, NULL, 0);
#else
    return STATUS_SUCCESS;
#endif
}

static NTSTATUS WdfFileCreateDevice(WDFDRIVER driver)
{
    DECLARE_CONST_UNICODE_STRING(sddl, L"D:P(A;;GA;;;SY)(A;;GA;;;BA)");
    DECLARE_CONST_UNICODE_STRING(name, WDFFILE_DEVICE);
    DECLARE_CONST_UNICODE_STRING(link, WDFFILE_LINK);
    PWDFDEVICE_INIT init = WdfControlDeviceInitAllocate(driver, &sddl);
    WDF_IO_QUEUE_CONFIG queue;
    NTSTATUS status;
    if (init == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    status = WdfDeviceInitAssignName(init, &name);
    if (NT_SUCCESS(status))
        status = WdfFileConfigure(init);
    if (NT_SUCCESS(status))
        status = WdfDeviceCreate(&init, WDF_NO_OBJECT_ATTRIBUTES, &g_device);
    if (!NT_SUCCESS(status)) {
        if (init != NULL)
            WdfDeviceInitFree(init);
        return status;
    }
    status = WdfDeviceCreateSymbolicLink(g_device, &link);
    if (!NT_SUCCESS(status))
        return status;
    WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(&queue, WdfIoQueueDispatchSequential);
    queue.EvtIoDeviceControl = WdfFileDeviceControl;
    status = WdfIoQueueCreate(g_device, &queue, WDF_NO_OBJECT_ATTRIBUTES, WDF_NO_HANDLE);
    if (!NT_SUCCESS(status))
        return status;
    WdfControlFinishInitializing(g_device);
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WDF_DRIVER_CONFIG config;
    WDFDRIVER driver;
    NTSTATUS status;
    KeInitializeTimer(&g_timer);
    KeInitializeDpc(&g_dpc, WdfFilePendDone, NULL);
    WDF_DRIVER_CONFIG_INIT(&config, WDF_NO_EVENT_CALLBACK);
    config.DriverInitFlags = WdfDriverInitNonPnpDriver;
    config.EvtDriverUnload = WdfFileUnload;
    status =
        WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config, &driver);
    if (!NT_SUCCESS(status))
        return status;
    return WdfFileCreateDevice(driver);
}
