/*
 * wdfq2.c - the second framework queue test driver (tests/wdf/test_wdf_queue2.c): a control
 * device \Device\WdfQ2 (\\.\WdfQ2) whose
 *   - create requests go to a sequential queue of their own (WdfDeviceConfigureRequestDispatching
 *     with WdfRequestTypeCreate; its EvtIoDefault): "\fail" is refused, "\park" waits in the
 *     manual queue, anything else opens;
 *   - parallel default queue takes the control codes (and counts any create its EvtIoDefault
 *     would see: Microsoft says a default queue never gets them);
 *   - manual queue parks requests for WdfIoQueueStopAndPurge, Purge, Drain;
 *   - EvtDeviceWdmIrpPreprocess hands IOCTL_Q2_SIDE* to a side queue with
 *     WdfDeviceWdmDispatchIrpToIoQueue (EvtIoInCallerContext marks the request's context);
 *   - queue with queue-level synchronization stops itself from its EvtIoDeviceControl, and its
 *     stop notification takes that queue's lock.
 * Only the public KMDF headers and documented behaviour.
 */
#include <ntddk.h>
#include <wdf.h>

#include "wdfq2.h"

DRIVER_INITIALIZE DriverEntry;

typedef struct _REQUEST_CONTEXT {
    ULONG Marker;
} REQUEST_CONTEXT;
WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(REQUEST_CONTEXT, RequestGetContext)

typedef struct _FILE_CONTEXT {
    ULONG Id;
} FILE_CONTEXT;
WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(FILE_CONTEXT, FileGetContext)

static WDFDRIVER g_driver;
static WDFDEVICE g_device;
static WDFQUEUE g_default, g_create, g_manual, g_side, g_locked;
static WDFREQUEST g_held;
static WDFQ2_CREATE_INFO g_create_info;
static WDFQ2_CHECKS g_checks;
static WDFQ2_LOG g_log;
static LONG g_next_id;
static KEVENT g_locked_event;
static ULONG g_locked_result;
static WCHAR g_version[128];

static VOID Q2Log(ULONG event, ULONG value)
{
    LONG i = InterlockedIncrement((LONG *)&g_log.Count) - 1;
    if (i < 32) {
        g_log.Events[i] = event;
        g_log.Values[i] = value;
    }
}

static VOID Q2Check(BOOLEAN held, ULONG bit, ULONG line)
{
    if (held)
        g_checks.Bits |= bit;
    else if (g_checks.FirstFailedLine == 0)
        g_checks.FirstFailedLine = line;
}
#define CHECK(cond, bit) Q2Check((cond) ? TRUE : FALSE, bit, __LINE__)

static VOID Q2Output(WDFREQUEST Request, const void *data, size_t size)
{
    PVOID out;
    NTSTATUS status = WdfRequestRetrieveOutputBuffer(Request, size, &out, NULL);
    if (NT_SUCCESS(status))
        RtlCopyMemory(out, data, size);
    WdfRequestCompleteWithInformation(Request, status, NT_SUCCESS(status) ? size : 0);
}

/* ---- file objects and the create queue ------------------------------------------------------ */

static BOOLEAN Q2NameIs(WDFFILEOBJECT File, PCWSTR name)
{
    PUNICODE_STRING n = WdfFileObjectGetFileName(File);
    UNICODE_STRING want;
    RtlInitUnicodeString(&want, name);
    return n != NULL && RtlEqualUnicodeString(n, &want, TRUE);
}

/* The create queue's EvtIoDefault: Microsoft (Framework File Objects) gives it every create. */
static VOID Q2CreateDefault(WDFQUEUE Queue, WDFREQUEST Request)
{
    WDF_REQUEST_PARAMETERS p;
    WDFFILEOBJECT file = WdfRequestGetFileObject(Request);
    PVOID buffer;
    NTSTATUS status;
    WDF_REQUEST_PARAMETERS_INIT(&p);
    WdfRequestGetParameters(Request, &p);
    g_create_info.Count++;
    g_create_info.Type = p.Type;
    g_create_info.Options = p.Parameters.Create.Options;
    g_create_info.FileAttributes = p.Parameters.Create.FileAttributes;
    g_create_info.ShareAccess = p.Parameters.Create.ShareAccess;
    g_create_info.EaLength = p.Parameters.Create.EaLength;
    g_create_info.DesiredAccess = p.Parameters.Create.SecurityContext != NULL
                                      ? p.Parameters.Create.SecurityContext->DesiredAccess
                                      : 0xFFFFFFFF;
    g_create_info.ContextWasZero = RequestGetContext(Request)->Marker == 0;
    RequestGetContext(Request)->Marker = WDFQ2_MARKER; /* the next create must see it zeroed */
    g_create_info.HasFileObject = file != NULL && WdfFileObjectGetDevice(file) == g_device;
    g_create_info.QueueIsCreateQueue =
        Queue == g_create && WdfRequestGetIoQueue(Request) == g_create;
    g_create_info.BufferStatus = (ULONG)WdfRequestRetrieveInputBuffer(Request, 1, &buffer, NULL);
    CHECK(!WdfRequestIsReserved(Request), WDFQ2_CHECK_NOT_RESERVED);
    if (file != NULL)
        FileGetContext(file)->Id = (ULONG)InterlockedIncrement(&g_next_id);
    if (file != NULL && Q2NameIs(file, L"\\fail")) {
        WdfRequestComplete(Request, STATUS_ACCESS_DENIED);
        return;
    }
    if (file != NULL && Q2NameIs(file, L"\\park")) {
        status = WdfRequestForwardToIoQueue(Request, g_manual);
        if (!NT_SUCCESS(status))
            WdfRequestComplete(Request, status);
        return;
    }
    WdfRequestComplete(Request, STATUS_SUCCESS);
}

static VOID Q2FileCleanup(WDFFILEOBJECT File)
{
    Q2Log(WDFQ2_EV_CLEANUP, FileGetContext(File)->Id);
}

static VOID Q2FileClose(WDFFILEOBJECT File)
{
    Q2Log(WDFQ2_EV_CLOSE, FileGetContext(File)->Id);
}

static VOID Q2FileGone(WDFOBJECT File)
{
    Q2Log(WDFQ2_EV_FILE_GONE, FileGetContext(File)->Id);
}

/* ---- the manual queue: stop-and-purge, purge, drain ----------------------------------------- */

static VOID Q2HeldCancel(WDFREQUEST Request)
{
    Q2Log(WDFQ2_EV_CANCEL, 0);
    if (g_held == Request)
        g_held = NULL;
    WdfRequestComplete(Request, STATUS_CANCELLED);
}

static VOID Q2StopPurged(WDFQUEUE Queue, WDFCONTEXT Context)
{
    Q2Log(Context == &g_log ? WDFQ2_EV_STOP_PURGED : 0xBAD, 0);
}

static VOID Q2Purged(WDFQUEUE Queue, WDFCONTEXT Context)
{
    Q2Log(WDFQ2_EV_PURGED, 0);
}

static VOID Q2Drained(WDFQUEUE Queue, WDFCONTEXT Context)
{
    Q2Log(WDFQ2_EV_DRAINED, 0);
}

static NTSTATUS Q2RetrieveHold(WDFREQUEST Request)
{
    WDFREQUEST got;
    PVOID in;
    NTSTATUS status = WdfIoQueueRetrieveNextRequest(g_manual, &got);
    if (!NT_SUCCESS(status))
        return status;
    g_held = got;
    if (NT_SUCCESS(WdfRequestRetrieveInputBuffer(Request, sizeof(ULONG), &in, NULL)) &&
        *(ULONG *)in == 1)
        status = WdfRequestMarkCancelableEx(got, Q2HeldCancel);
    return status;
}

static NTSTATUS Q2Retrieve(void)
{
    WDFREQUEST got;
    NTSTATUS status = WdfIoQueueRetrieveNextRequest(g_manual, &got);
    if (NT_SUCCESS(status))
        WdfRequestComplete(got, STATUS_SUCCESS);
    return status;
}

static NTSTATUS Q2Release(void)
{
    WDFREQUEST held = g_held;
    if (held == NULL)
        return STATUS_NOT_FOUND;
    g_held = NULL;
    WdfRequestComplete(held, STATUS_SUCCESS);
    return STATUS_SUCCESS;
}

static VOID Q2State(WDFREQUEST Request)
{
    ULONG s[3];
    s[0] = (ULONG)WdfIoQueueGetState(g_manual, &s[1], &s[2]);
    Q2Output(Request, s, sizeof(s));
}

/* ---- the side queue: IRPs dispatched to it by the preprocess callback ----------------------- */

static NTSTATUS Q2Preprocess(WDFDEVICE Device, PIRP Irp)
{
    ULONG code = IoGetCurrentIrpStackLocation(Irp)->Parameters.DeviceIoControl.IoControlCode;
    ULONG flags = WDF_DISPATCH_IRP_TO_IO_QUEUE_PREPROCESSED_IRP;
    IoSkipCurrentIrpStackLocation(Irp);
    if (code == IOCTL_Q2_SIDE_CALLER)
        flags |= WDF_DISPATCH_IRP_TO_IO_QUEUE_INVOKE_INCALLERCTX_CALLBACK;
    else if (code == IOCTL_Q2_SIDE_BADFLAGS)
        flags |= 0x80;
    else if (code != IOCTL_Q2_SIDE)
        return WdfDeviceWdmDispatchPreprocessedIrp(Device, Irp);
    return WdfDeviceWdmDispatchIrpToIoQueue(Device, Irp, g_side, flags);
}

static VOID Q2InCallerContext(WDFDEVICE Device, WDFREQUEST Request)
{
    WDF_REQUEST_PARAMETERS p;
    NTSTATUS status;
    WDF_REQUEST_PARAMETERS_INIT(&p);
    WdfRequestGetParameters(Request, &p);
    if (p.Type == WdfRequestTypeDeviceControl &&
        p.Parameters.DeviceIoControl.IoControlCode == IOCTL_Q2_SIDE_CALLER) {
        Q2Log(WDFQ2_EV_IN_CALLER, 0);
        RequestGetContext(Request)->Marker = WDFQ2_MARKER;
    }
    if (p.Type == WdfRequestTypeDeviceControl &&
        p.Parameters.DeviceIoControl.IoControlCode == IOCTL_Q2_CALLER_BUSY) {
        WdfRequestComplete(Request, STATUS_DEVICE_BUSY);
        return;
    }
    status = WdfDeviceEnqueueRequest(Device, Request);
    if (!NT_SUCCESS(status))
        WdfRequestComplete(Request, status);
}

static VOID Q2SideControl(WDFQUEUE Queue, WDFREQUEST Request, size_t OutputBufferLength,
                          size_t InputBufferLength, ULONG IoControlCode)
{
    ULONG marker = RequestGetContext(Request)->Marker;
    Q2Log(WDFQ2_EV_SIDE, WdfRequestGetIoQueue(Request) == g_side ? marker : 0xBAD);
    Q2Output(Request, &marker, sizeof(marker));
}

/* ---- the serialised queue: its stop notification takes its lock ---------------------------- */

static VOID Q2LockedStopped(WDFQUEUE Queue, WDFCONTEXT Context)
{
    /* Microsoft (EVT_WDF_IO_QUEUE_STATE) names no lock held here: taking the queue's own
     * lock must work. */
    WdfObjectAcquireLock(Queue);
    g_locked_result = 1;
    WdfObjectReleaseLock(Queue);
    KeSetEvent(&g_locked_event, IO_NO_INCREMENT, FALSE);
}

static VOID Q2LockedControl(WDFQUEUE Queue, WDFREQUEST Request, size_t OutputBufferLength,
                            size_t InputBufferLength, ULONG IoControlCode)
{
    WdfIoQueueStop(Queue, Q2LockedStopped, NULL);
    WdfRequestComplete(Request, STATUS_SUCCESS); /* the queue is idle now: it notifies */
}

static VOID Q2LockedWait(WDFREQUEST Request)
{
    LARGE_INTEGER timeout;
    ULONG result;
    timeout.QuadPart = -50000000LL; /* 5 s */
    KeWaitForSingleObject(&g_locked_event, Executive, KernelMode, FALSE, &timeout);
    result = g_locked_result;
    Q2Output(Request, &result, sizeof(result));
}

/* ---- the default queue ----------------------------------------------------------------------- */

static VOID Q2Forward(WDFREQUEST Request, WDFQUEUE To)
{
    NTSTATUS status = WdfRequestForwardToIoQueue(Request, To);
    if (!NT_SUCCESS(status))
        WdfRequestComplete(Request, status);
}

static VOID Q2FileId(WDFREQUEST Request)
{
    WDFFILEOBJECT file = WdfRequestGetFileObject(Request);
    ULONG id = file != NULL ? FileGetContext(file)->Id : 0;
    Q2Output(Request, &id, sizeof(id));
}

static VOID Q2Control(WDFQUEUE Queue, WDFREQUEST Request, size_t OutputBufferLength,
                      size_t InputBufferLength, ULONG IoControlCode)
{
    switch (IoControlCode) {
    case IOCTL_Q2_CREATE_INFO:
        Q2Output(Request, &g_create_info, sizeof(g_create_info));
        return;
    case IOCTL_Q2_WHOAMI:
        Q2FileId(Request);
        return;
    case IOCTL_Q2_CHECKS:
        Q2Output(Request, &g_checks, sizeof(g_checks));
        return;
    case IOCTL_Q2_PARK:
        Q2Forward(Request, g_manual);
        return;
    case IOCTL_Q2_RETRIEVE_HOLD:
        WdfRequestComplete(Request, Q2RetrieveHold(Request));
        return;
    case IOCTL_Q2_STOP_PURGE:
        WdfIoQueueStopAndPurge(g_manual, Q2StopPurged, &g_log);
        break;
    case IOCTL_Q2_STOP_PURGE_SYNC:
        WdfIoQueueStopAndPurgeSynchronously(g_manual);
        Q2Log(WDFQ2_EV_STOP_PURGED, 1);
        break;
    case IOCTL_Q2_START:
        WdfIoQueueStart(g_manual);
        break;
    case IOCTL_Q2_RETRIEVE:
        WdfRequestComplete(Request, Q2Retrieve());
        return;
    case IOCTL_Q2_RELEASE:
        WdfRequestComplete(Request, Q2Release());
        return;
    case IOCTL_Q2_PURGE:
        WdfIoQueuePurge(g_manual, Q2Purged, NULL);
        break;
    case IOCTL_Q2_DRAIN:
        WdfIoQueueDrain(g_manual, Q2Drained, NULL);
        break;
    case IOCTL_Q2_STATE:
        Q2State(Request);
        return;
    case IOCTL_Q2_LOG:
        Q2Output(Request, &g_log, sizeof(g_log));
        RtlZeroMemory(&g_log, sizeof(g_log));
        return;
    case IOCTL_Q2_LOCKED_STOP:
        Q2Forward(Request, g_locked);
        return;
    case IOCTL_Q2_LOCKED_WAIT:
        Q2LockedWait(Request);
        return;
    case IOCTL_Q2_LOCKED_START:
        KeClearEvent(&g_locked_event);
        g_locked_result = 0;
        WdfIoQueueStart(g_locked);
        break;
    case IOCTL_Q2_VERSION:
        Q2Output(Request, g_version, sizeof(g_version));
        return;
    default:
        WdfRequestComplete(Request, STATUS_INVALID_DEVICE_REQUEST);
        return;
    }
    WdfRequestComplete(Request, STATUS_SUCCESS);
}

/* Microsoft (Framework File Objects): a default queue never receives creates. */
static VOID Q2DefaultDefault(WDFQUEUE Queue, WDFREQUEST Request)
{
    WDF_REQUEST_PARAMETERS p;
    WDF_REQUEST_PARAMETERS_INIT(&p);
    WdfRequestGetParameters(Request, &p);
    if (p.Type == WdfRequestTypeCreate)
        g_create_info.DefaultSaw++;
    WdfRequestComplete(Request, STATUS_INVALID_DEVICE_REQUEST);
}

/* ---- DriverEntry ----------------------------------------------------------------------------- */

static NTSTATUS Q2Queue(WDF_IO_QUEUE_DISPATCH_TYPE type, BOOLEAN is_default,
                        PFN_WDF_IO_QUEUE_IO_DEVICE_CONTROL control,
                        PFN_WDF_IO_QUEUE_IO_DEFAULT other, BOOLEAN serialised, WDFQUEUE *queue)
{
    WDF_IO_QUEUE_CONFIG config;
    WDF_OBJECT_ATTRIBUTES attributes;
    if (is_default)
        WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(&config, type);
    else
        WDF_IO_QUEUE_CONFIG_INIT(&config, type);
    config.EvtIoDeviceControl = control;
    config.EvtIoDefault = other;
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    if (serialised)
        attributes.SynchronizationScope = WdfSynchronizationScopeQueue;
    return WdfIoQueueCreate(g_device, &config, &attributes, queue);
}

static VOID Q2VersionChecks(void)
{
    WDF_DRIVER_VERSION_AVAILABLE_PARAMS p;
    WDFSTRING s;
    UNICODE_STRING u;
    WDF_DRIVER_VERSION_AVAILABLE_PARAMS_INIT(&p, 1, 33);
    CHECK(WdfDriverIsVersionAvailable(g_driver, &p), WDFQ2_CHECK_VERSION_133);
    WDF_DRIVER_VERSION_AVAILABLE_PARAMS_INIT(&p, 1, 9);
    CHECK(WdfDriverIsVersionAvailable(g_driver, &p), WDFQ2_CHECK_VERSION_19);
    WDF_DRIVER_VERSION_AVAILABLE_PARAMS_INIT(&p, 1, 34);
    CHECK(!WdfDriverIsVersionAvailable(g_driver, &p), WDFQ2_CHECK_VERSION_134_NOT);
    WDF_DRIVER_VERSION_AVAILABLE_PARAMS_INIT(&p, 2, 0);
    CHECK(!WdfDriverIsVersionAvailable(g_driver, &p), WDFQ2_CHECK_VERSION_2_NOT);
    WDF_DRIVER_VERSION_AVAILABLE_PARAMS_INIT(&p, 1, 9);
    p.Size = 4;
    CHECK(!WdfDriverIsVersionAvailable(g_driver, &p), WDFQ2_CHECK_VERSION_BADSIZE_NOT);
    if (!NT_SUCCESS(WdfStringCreate(NULL, WDF_NO_OBJECT_ATTRIBUTES, &s)))
        return;
    CHECK(NT_SUCCESS(WdfDriverRetrieveVersionString(g_driver, s)), 0);
    WdfStringGetUnicodeString(s, &u);
    CHECK(u.Length > 0 && u.Length < sizeof(g_version), WDFQ2_CHECK_VERSION_STRING);
    if (u.Length < sizeof(g_version))
        RtlCopyMemory(g_version, u.Buffer, u.Length);
    WdfObjectDelete(s);
}

static NTSTATUS Q2Queues(void)
{
    NTSTATUS status =
        Q2Queue(WdfIoQueueDispatchParallel, TRUE, Q2Control, Q2DefaultDefault, FALSE, &g_default);
    if (NT_SUCCESS(status))
        status =
            Q2Queue(WdfIoQueueDispatchSequential, FALSE, NULL, Q2CreateDefault, FALSE, &g_create);
    if (NT_SUCCESS(status))
        status = Q2Queue(WdfIoQueueDispatchManual, FALSE, NULL, NULL, FALSE, &g_manual);
    if (NT_SUCCESS(status))
        status = Q2Queue(WdfIoQueueDispatchParallel, FALSE, Q2SideControl, NULL, FALSE, &g_side);
    if (NT_SUCCESS(status))
        status =
            Q2Queue(WdfIoQueueDispatchSequential, FALSE, Q2LockedControl, NULL, TRUE, &g_locked);
    if (!NT_SUCCESS(status))
        return status;
    /* Microsoft (Framework File Objects): not the default queue; creates reach EvtIoDefault. */
    CHECK(WdfDeviceConfigureRequestDispatching(g_device, g_default, WdfRequestTypeCreate) ==
              STATUS_INVALID_PARAMETER,
          WDFQ2_CHECK_DEFAULT_QUEUE_REFUSED);
    CHECK(WdfDeviceConfigureRequestDispatching(g_device, g_side, WdfRequestTypeCreate) ==
              STATUS_INVALID_PARAMETER,
          WDFQ2_CHECK_NO_DEFAULT_REFUSED);
    status = WdfDeviceConfigureRequestDispatching(g_device, g_create, WdfRequestTypeCreate);
    CHECK(NT_SUCCESS(status), WDFQ2_CHECK_CREATE_CONFIGURED);
    CHECK(WdfDeviceConfigureRequestDispatching(g_device, g_manual, WdfRequestTypeCreate) ==
              STATUS_WDF_BUSY,
          WDFQ2_CHECK_SECOND_BUSY);
    return status;
}

/* Microsoft (WdfDeviceSetCharacteristics, ...AlignmentRequirement, RetrieveDeviceName). */
#define Q2_QUAD_ALIGNMENT                                                                          \
    7 /* FILE_QUAD_ALIGNMENT (wdm.h; drvhost's wdm.h lacks the FILE_xxx_ALIGNMENT names) */
static VOID Q2DeviceChecks(void)
{
    DECLARE_CONST_UNICODE_STRING(name, L"\\Device\\WdfQ2");
    ULONG original = WdfDeviceGetCharacteristics(g_device);
    WDFSTRING s;
    UNICODE_STRING u;
    WdfDeviceSetCharacteristics(g_device, original | FILE_REMOVABLE_MEDIA);
    CHECK(WdfDeviceGetCharacteristics(g_device) == (original | FILE_REMOVABLE_MEDIA) &&
              (original & FILE_DEVICE_SECURE_OPEN),
          WDFQ2_CHECK_CHARACTERISTICS);
    WdfDeviceSetCharacteristics(g_device, original);
    WdfDeviceSetAlignmentRequirement(g_device, Q2_QUAD_ALIGNMENT);
    CHECK(WdfDeviceGetAlignmentRequirement(g_device) == Q2_QUAD_ALIGNMENT, WDFQ2_CHECK_ALIGNMENT);
    if (!NT_SUCCESS(WdfStringCreate(NULL, WDF_NO_OBJECT_ATTRIBUTES, &s)))
        return;
    CHECK(NT_SUCCESS(WdfDeviceRetrieveDeviceName(g_device, s)), 0);
    WdfStringGetUnicodeString(s, &u);
    CHECK(RtlEqualUnicodeString(&u, &name, FALSE), WDFQ2_CHECK_DEVICE_NAME);
    WdfObjectDelete(s);
}

static NTSTATUS Q2CreateDevice(void)
{
    DECLARE_CONST_UNICODE_STRING(sddl, L"D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GRGW;;;WD)");
    DECLARE_CONST_UNICODE_STRING(name, L"\\Device\\WdfQ2");
    DECLARE_CONST_UNICODE_STRING(link, L"\\??\\WdfQ2");
    PWDFDEVICE_INIT init = WdfControlDeviceInitAllocate(g_driver, &sddl);
    WDF_OBJECT_ATTRIBUTES request_attributes, file_attributes;
    WDF_FILEOBJECT_CONFIG file_config;
    NTSTATUS status;
    if (init == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&request_attributes, REQUEST_CONTEXT);
    WdfDeviceInitSetRequestAttributes(init, &request_attributes);
    WdfDeviceInitSetIoInCallerContextCallback(init, Q2InCallerContext);
    WDF_FILEOBJECT_CONFIG_INIT(&file_config, WDF_NO_EVENT_CALLBACK, Q2FileClose, Q2FileCleanup);
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&file_attributes, FILE_CONTEXT);
    file_attributes.EvtCleanupCallback = Q2FileGone;
    WdfDeviceInitSetFileObjectConfig(init, &file_config, &file_attributes);
    status = WdfDeviceInitAssignWdmIrpPreprocessCallback(init, Q2Preprocess, IRP_MJ_DEVICE_CONTROL,
                                                         NULL, 0);
    if (NT_SUCCESS(status))
        status = WdfDeviceInitAssignName(init, &name);
    if (NT_SUCCESS(status))
        status = WdfDeviceCreate(&init, WDF_NO_OBJECT_ATTRIBUTES, &g_device);
    if (!NT_SUCCESS(status)) {
        WdfDeviceInitFree(init);
        return status;
    }
    Q2DeviceChecks();
    status = WdfDeviceCreateSymbolicLink(g_device, &link);
    if (NT_SUCCESS(status))
        status = Q2Queues();
    if (NT_SUCCESS(status))
        WdfControlFinishInitializing(g_device);
    return status;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WDF_DRIVER_CONFIG config;
    NTSTATUS status;
    KeInitializeEvent(&g_locked_event, NotificationEvent, FALSE);
    WDF_DRIVER_CONFIG_INIT(&config, WDF_NO_EVENT_CALLBACK);
    config.DriverInitFlags |= WdfDriverInitNonPnpDriver;
    status =
        WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config, &g_driver);
    if (!NT_SUCCESS(status))
        return status;
    Q2VersionChecks();
    return Q2CreateDevice();
}
