/*
 * wdfq.c - a framework driver for the queue tests (test_wdf_queue.c), written against the
 * KMDF 1.33 documentation: a control device (\Device\WdfQ) whose parallel default queue takes
 * control codes (wdfq.h); IOCTL_Q_PARK requests are forwarded to a manual queue (with
 * EvtIoCanceledOnQueue and a ready notification) and retrieved on command; IOCTL_Q_HOLD
 * requests are kept by the driver, cancelable. Public headers only.
 */
#include <ntddk.h>
#include <wdf.h>

#include "wdfq.h"

DRIVER_INITIALIZE DriverEntry;
static EVT_WDF_IO_QUEUE_IO_DEVICE_CONTROL WdfQDeviceControl;
static EVT_WDF_IO_QUEUE_IO_CANCELED_ON_QUEUE WdfQCanceledOnQueue;
static EVT_WDF_IO_QUEUE_STATE WdfQReady;
static EVT_WDF_IO_QUEUE_STATE WdfQStopped;
static EVT_WDF_IO_QUEUE_STATE WdfQPurged;
static EVT_WDF_IO_QUEUE_STATE WdfQDrained;
static EVT_WDF_REQUEST_CANCEL WdfQRequestCancel;

static EVT_WDF_IO_QUEUE_IO_WRITE WdfQWrite;
static EVT_WDF_IO_IN_CALLER_CONTEXT WdfQInCallerContext;

/* Every request's context (WdfDeviceInitSetRequestAttributes). */
typedef struct _REQUEST_CONTEXT {
    ULONG Marker;
    WDFMEMORY Locked; /* IOCTL_Q_LOCK_QUEUED's input, locked in the requester's context */
} REQUEST_CONTEXT;
WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(REQUEST_CONTEXT, RequestGetContext)

static WDFDEVICE g_device;
static WDFQUEUE g_writes;
static WDFQUEUE g_default;
static WDFQUEUE g_manual;
static WDFREQUEST g_held;     /* IOCTL_Q_HOLD's request, NULL: none */
static WDFREQUEST g_deferred; /* cancelled, EvtRequestCancel left it to IOCTL_Q_FINISH */
static BOOLEAN g_defer;       /* IOCTL_Q_HOLD with 3: EvtRequestCancel defers */
static WDFQ_LOG g_log;
static ULONG g_context_marker = 0x51515151;
static WDFMEMORY g_locked; /* the last IOCTL_Q_LOCK_QUEUED's memory object (deleted since) */

static VOID WdfQLog(ULONG event, ULONG value)
{
    LONG i = InterlockedIncrement((LONG *)&g_log.Count) - 1;
    if (i < 32) {
        g_log.Events[i] = event;
        g_log.Values[i] = value;
    }
}

static UCHAR WdfQTag(WDFREQUEST Request)
{
    PVOID in;
    size_t length;
    if (!NT_SUCCESS(WdfRequestRetrieveInputBuffer(Request, 1, &in, &length)))
        return 0;
    return *(UCHAR *)in;
}

static VOID WdfQCanceledOnQueue(WDFQUEUE Queue, WDFREQUEST Request)
{
    WdfQLog(WDFQ_EV_CANCELED_ON_QUEUE, WdfQTag(Request));
    WdfRequestComplete(Request, STATUS_CANCELLED);
}

static VOID WdfQReady(WDFQUEUE Queue, WDFCONTEXT Context)
{
    WdfQLog(Context == &g_context_marker ? WDFQ_EV_READY : WDFQ_EV_BAD_CONTEXT, 0);
}

static VOID WdfQStopped(WDFQUEUE Queue, WDFCONTEXT Context)
{
    WdfQLog(Context == &g_context_marker ? WDFQ_EV_STOPPED : WDFQ_EV_BAD_CONTEXT, 0);
}

static VOID WdfQPurged(WDFQUEUE Queue, WDFCONTEXT Context)
{
    WdfQLog(Context == &g_context_marker ? WDFQ_EV_PURGED : WDFQ_EV_BAD_CONTEXT, 0);
}

static VOID WdfQDrained(WDFQUEUE Queue, WDFCONTEXT Context)
{
    WdfQLog(Context == &g_context_marker ? WDFQ_EV_DRAINED : WDFQ_EV_BAD_CONTEXT, 0);
}

/* EvtRequestCancel: the held request is cancelled; it is ours to complete. */
static VOID WdfQRequestCancel(WDFREQUEST Request)
{
    if (g_defer) { /* the driver completes it later (IOCTL_Q_FINISH) */
        g_defer = FALSE;
        g_deferred = Request;
        WdfQLog(WDFQ_EV_REQUEST_CANCEL, 1);
        return;
    }
    InterlockedCompareExchangePointer((PVOID *)&g_held, NULL, Request);
    WdfQLog(WDFQ_EV_REQUEST_CANCEL, 0);
    WdfRequestComplete(Request, STATUS_CANCELLED);
}

/* The next parked request (of `file` if not NULL) completed with its tag as information. */
static NTSTATUS WdfQRetrieve(WDFFILEOBJECT file)
{
    WDFREQUEST parked;
    NTSTATUS status = file != NULL ? WdfIoQueueRetrieveRequestByFileObject(g_manual, file, &parked)
                                   : WdfIoQueueRetrieveNextRequest(g_manual, &parked);
    if (NT_SUCCESS(status)) {
        UCHAR tag = WdfQTag(parked);
        WdfQLog(WDFQ_EV_RETRIEVED, tag);
        WdfRequestCompleteWithInformation(parked, STATUS_SUCCESS, tag);
    } else if (parked != NULL) {
        status = STATUS_UNSUCCESSFUL; /* Microsoft: NULL when nothing was retrieved */
    }
    return status;
}

static VOID WdfQState(WDFREQUEST Request)
{
    WDFQ_STATE *out;
    ULONG state;
    PVOID in;
    /* input 1: the default (parallel) queue's state, else the manual queue's */
    WDFQUEUE queue = NT_SUCCESS(WdfRequestRetrieveInputBuffer(Request, sizeof(ULONG), &in, NULL)) &&
                             *(ULONG *)in == 1
                         ? g_default
                         : g_manual;
    NTSTATUS status = WdfRequestRetrieveOutputBuffer(Request, sizeof(*out), (PVOID *)&out, NULL);
    if (!NT_SUCCESS(status)) {
        WdfRequestComplete(Request, status);
        return;
    }
    state = WdfIoQueueGetState(queue, &out->Queued, &out->Driver);
    out->State = state;
    out->Macros = (WDF_IO_QUEUE_IDLE(state) ? WDFQ_IS_IDLE : 0) |
                  (WDF_IO_QUEUE_READY(state) ? WDFQ_IS_READY : 0) |
                  (WDF_IO_QUEUE_STOPPED(state) ? WDFQ_IS_STOPPED : 0) |
                  (WDF_IO_QUEUE_DRAINED(state) ? WDFQ_IS_DRAINED : 0) |
                  (WDF_IO_QUEUE_PURGED(state) ? WDFQ_IS_PURGED : 0);
    WdfRequestCompleteWithInformation(Request, STATUS_SUCCESS, sizeof(*out));
}

static VOID WdfQHold(WDFREQUEST Request)
{
    PVOID in;
    BOOLEAN plain = NT_SUCCESS(WdfRequestRetrieveInputBuffer(Request, sizeof(ULONG), &in, NULL)) &&
                    *(ULONG *)in == 1;
    NTSTATUS status;
    ULONG mode = NT_SUCCESS(WdfRequestRetrieveInputBuffer(Request, sizeof(ULONG), &in, NULL))
                     ? *(ULONG *)in
                     : 0;
    g_held = Request;
    g_defer = mode == 3;
    if (mode == 2)
        return; /* IOCTL_Q_MARK marks it later */
    if (plain) {
        WdfRequestMarkCancelable(Request, WdfQRequestCancel);
        return;
    }
    status = WdfRequestMarkCancelableEx(Request, WdfQRequestCancel);
    if (!NT_SUCCESS(status)) { /* cancelled already: ours to complete */
        g_held = NULL;
        WdfRequestComplete(Request, status);
    }
}

/* Marks the held request cancelable, perhaps after it was cancelled (Microsoft:
 * WdfRequestMarkCancelableEx returns STATUS_CANCELLED, the driver completes it;
 * WdfRequestMarkCancelable calls EvtRequestCancel at once). */
static NTSTATUS WdfQMark(WDFREQUEST Request)
{
    PVOID in;
    BOOLEAN plain = NT_SUCCESS(WdfRequestRetrieveInputBuffer(Request, sizeof(ULONG), &in, NULL)) &&
                    *(ULONG *)in == 1;
    WDFREQUEST held = g_held;
    NTSTATUS status;
    if (held == NULL)
        return STATUS_NOT_FOUND;
    if (plain) {
        WdfRequestMarkCancelable(held, WdfQRequestCancel);
        return STATUS_SUCCESS;
    }
    status = WdfRequestMarkCancelableEx(held, WdfQRequestCancel);
    if (!NT_SUCCESS(status)) {
        g_held = NULL;
        WdfRequestComplete(held, status);
    }
    return status;
}

static NTSTATUS WdfQRelease(VOID)
{
    WDFREQUEST held = (WDFREQUEST)InterlockedExchangePointer((PVOID *)&g_held, NULL);
    NTSTATUS status;
    if (held == NULL)
        return STATUS_NOT_FOUND;
    status = WdfRequestUnmarkCancelable(held);
    if (NT_SUCCESS(status))
        WdfRequestCompleteWithInformation(held, STATUS_SUCCESS, 1);
    return status; /* STATUS_CANCELLED: EvtRequestCancel completes it */
}

static NTSTATUS WdfQRequeue(VOID)
{
    WDFREQUEST parked;
    NTSTATUS status = WdfIoQueueRetrieveNextRequest(g_manual, &parked);
    if (NT_SUCCESS(status))
        status = WdfRequestRequeue(parked);
    return status;
}

/* FindRequest through the manual queue for the request with `tag`; retrieves and completes
 * it. Each found request's reference is released (Microsoft: WdfIoQueueFindRequest). */
static VOID WdfQFind(WDFREQUEST Request)
{
    UCHAR want = WdfQTag(Request);
    WDFREQUEST previous = NULL, found = NULL, got;
    WDF_REQUEST_PARAMETERS params;
    ULONG looked = 0, *out;
    NTSTATUS status;
    for (;;) {
        WDF_REQUEST_PARAMETERS_INIT(&params);
        status = WdfIoQueueFindRequest(g_manual, previous, NULL, &params, &found);
        if (previous != NULL)
            WdfObjectDereference(previous);
        if (!NT_SUCCESS(status))
            break;
        looked++;
        if (params.Type == WdfRequestTypeDeviceControl &&
            params.Parameters.DeviceIoControl.IoControlCode == IOCTL_Q_PARK &&
            WdfQTag(found) == want) {
            status = WdfIoQueueRetrieveFoundRequest(g_manual, found, &got);
            WdfObjectDereference(found);
            if (NT_SUCCESS(status))
                WdfRequestCompleteWithInformation(got, STATUS_SUCCESS, want);
            break;
        }
        previous = found;
    }
    if (NT_SUCCESS(WdfRequestRetrieveOutputBuffer(Request, sizeof(ULONG), (PVOID *)&out, NULL)))
        *out = looked;
    WdfRequestCompleteWithInformation(Request, status, sizeof(ULONG));
}

static ULONG WdfQChecks(WDFREQUEST Request)
{
    ULONG checks = 0;
    WDFREQUEST retrieved;
    if (WdfRequestRequeue(Request) == STATUS_INVALID_DEVICE_REQUEST)
        checks |= WDFQ_CHECK_REQUEUE_PARALLEL;
    if (WdfRequestForwardToIoQueue(Request, g_default) == STATUS_INVALID_DEVICE_REQUEST)
        checks |= WDFQ_CHECK_FORWARD_SAME;
    if (WdfIoQueueRetrieveNextRequest(g_default, &retrieved) == STATUS_INVALID_DEVICE_STATE)
        checks |= WDFQ_CHECK_RETRIEVE_PARALLEL;
    if (!WdfRequestIsCanceled(Request) && WdfRequestGetRequestorMode(Request) == UserMode &&
        !WdfRequestIsFrom32BitProcess(Request))
        checks |= WDFQ_CHECK_NOT_CANCELED;
    if (WdfIoQueueReadyNotify(g_default, WdfQReady, NULL) == STATUS_INVALID_DEVICE_REQUEST &&
        WdfIoQueueReadyNotify(g_manual, WdfQReady, NULL) == STATUS_INVALID_DEVICE_REQUEST)
        checks |= WDFQ_CHECK_READY_NOTIFY;
    if (WdfDeviceConfigureRequestDispatching(g_device, g_default, WdfRequestTypeWrite) ==
        STATUS_WDF_BUSY)
        checks |= WDFQ_CHECK_CONFIGURE_TWICE;
    /* Microsoft (Framework File Objects): a default queue cannot receive creates. */
    if (WdfDeviceConfigureRequestDispatching(g_device, g_default, WdfRequestTypeCreate) ==
            STATUS_INVALID_PARAMETER &&
        WdfDeviceConfigureRequestDispatching(g_device, g_default, WdfRequestTypeCleanup) ==
            STATUS_INVALID_PARAMETER)
        checks |= WDFQ_CHECK_CONFIGURE_TYPES;
    if (NT_SUCCESS(WdfRequestMarkCancelableEx(Request, WdfQRequestCancel))) {
        if (WdfRequestForwardToIoQueue(Request, g_manual) == STATUS_INVALID_DEVICE_REQUEST)
            checks |= WDFQ_CHECK_FORWARD_CANCELABLE;
        WdfRequestUnmarkCancelable(Request);
    }
    return checks;
}

static VOID WdfQMisuse(WDFREQUEST Request)
{
    PVOID in;
    WDFREQUEST other;
    ULONG what = 0;
    if (NT_SUCCESS(WdfRequestRetrieveInputBuffer(Request, sizeof(ULONG), &in, NULL)))
        what = *(ULONG *)in;
    switch (what) {
    case WDFQ_MISUSE_COMPLETE_QUEUED:
        if (NT_SUCCESS(WdfIoQueueFindRequest(g_manual, NULL, NULL, NULL, &other)))
            WdfRequestComplete(other, STATUS_SUCCESS); /* still in the queue */
        break;
    case WDFQ_MISUSE_STOP_ACK:
        WdfRequestStopAcknowledge(Request, FALSE);
        break;
    case WDFQ_MISUSE_DELETE_WITH_OWNED:
        if (NT_SUCCESS(WdfIoQueueRetrieveNextRequest(g_manual, &other)))
            WdfObjectDelete(g_manual); /* `other` is the driver's, not completed */
        break;
    }
    WdfRequestComplete(Request, STATUS_UNSUCCESSFUL);
}

static VOID WdfQDeviceControl(WDFQUEUE Queue, WDFREQUEST Request, size_t OutputBufferLength,
                              size_t InputBufferLength, ULONG IoControlCode)
{
    NTSTATUS status;
    switch (IoControlCode) {
    case IOCTL_Q_PARK:
        status = WdfRequestForwardToIoQueue(Request, g_manual);
        if (!NT_SUCCESS(status))
            WdfRequestComplete(Request, status);
        return;
    case IOCTL_Q_RETRIEVE:
        WdfRequestComplete(Request, WdfQRetrieve(NULL));
        return;
    case IOCTL_Q_STATE:
        WdfQState(Request);
        return;
    case IOCTL_Q_STOP:
        WdfIoQueueStop(g_manual, WdfQStopped, &g_context_marker);
        break;
    case IOCTL_Q_START:
        WdfIoQueueStart(g_manual);
        break;
    case IOCTL_Q_PURGE:
        WdfIoQueuePurge(g_manual, WdfQPurged, &g_context_marker);
        break;
    case IOCTL_Q_DRAIN:
        WdfIoQueueDrain(g_manual, WdfQDrained, &g_context_marker);
        break;
    case IOCTL_Q_STOP_SYNC:
        WdfIoQueueStopSynchronously(g_manual);
        WdfQLog(WDFQ_EV_STOP_SYNC_DONE, 0);
        break;
    case IOCTL_Q_PURGE_SYNC:
        WdfIoQueuePurgeSynchronously(g_manual);
        WdfQLog(WDFQ_EV_PURGE_SYNC_DONE, 0);
        break;
    case IOCTL_Q_DRAIN_SYNC:
        WdfIoQueueDrainSynchronously(g_manual);
        WdfQLog(WDFQ_EV_DRAIN_SYNC_DONE, 0);
        break;
    case IOCTL_Q_LOCK_OUTSIDE: {
        PVOID buffer;
        WDFMEMORY memory;
        status = WdfRequestRetrieveInputBuffer(Request, 1, &buffer, NULL);
        if (NT_SUCCESS(status))
            status = WdfRequestProbeAndLockUserBufferForRead(Request, buffer, 1, &memory);
        WdfRequestComplete(Request, status);
        return;
    }
    case IOCTL_Q_RETRIEVE_MINE:
        WdfRequestComplete(Request, WdfRequestGetFileObject(Request) != NULL
                                        ? WdfQRetrieve(WdfRequestGetFileObject(Request))
                                        : STATUS_UNSUCCESSFUL);
        return;
    case IOCTL_Q_BOOST:
        WdfRequestSetInformation(Request, 7);
        WdfRequestCompleteWithPriorityBoost(Request, STATUS_DEVICE_BUSY, IO_SERIAL_INCREMENT);
        return;
    case IOCTL_Q_LOG: {
        WDFQ_LOG *out;
        status = WdfRequestRetrieveOutputBuffer(Request, sizeof(*out), (PVOID *)&out, NULL);
        if (NT_SUCCESS(status)) {
            *out = g_log;
            RtlZeroMemory(&g_log, sizeof(g_log));
        }
        WdfRequestCompleteWithInformation(Request, status, sizeof(*out));
        return;
    }
    case IOCTL_Q_HOLD:
        WdfQHold(Request);
        return;
    case IOCTL_Q_FINISH:
        if (g_deferred != NULL)
            WdfRequestComplete(g_deferred, STATUS_CANCELLED);
        g_deferred = NULL;
        break;
    case IOCTL_Q_RETRIEVE_HOLD: {
        WDFREQUEST parked;
        status = WdfIoQueueRetrieveNextRequest(g_manual, &parked);
        if (NT_SUCCESS(status)) {
            g_held = parked;
            status = WdfRequestMarkCancelableEx(parked, WdfQRequestCancel);
        }
        WdfRequestComplete(Request, status);
        return;
    }
    case IOCTL_Q_MARK:
        WdfRequestComplete(Request, WdfQMark(Request));
        return;
    case IOCTL_Q_RELEASE:
        WdfRequestComplete(Request, WdfQRelease());
        return;
    case IOCTL_Q_REQUEUE:
        WdfRequestComplete(Request, WdfQRequeue());
        return;
    case IOCTL_Q_FIND:
        WdfQFind(Request);
        return;
    case IOCTL_Q_CHECKS: {
        ULONG *out;
        ULONG checks = WdfQChecks(Request);
        status = WdfRequestRetrieveOutputBuffer(Request, sizeof(ULONG), (PVOID *)&out, NULL);
        if (NT_SUCCESS(status))
            *out = checks;
        WdfRequestCompleteWithInformation(Request, status, sizeof(ULONG));
        return;
    }
    case IOCTL_Q_MISUSE:
        WdfQMisuse(Request);
        return;
    case IOCTL_Q_CONTEXT: {
        ULONG *out;
        status = WdfRequestRetrieveOutputBuffer(Request, sizeof(ULONG), (PVOID *)&out, NULL);
        if (NT_SUCCESS(status))
            *out = RequestGetContext(Request)->Marker;
        WdfRequestCompleteWithInformation(Request, status, sizeof(ULONG));
        return;
    }
    case IOCTL_Q_LOCK_QUEUED: {
        size_t size = 0;
        PUCHAR locked;
        g_locked = RequestGetContext(Request)->Locked;
        locked = WdfMemoryGetBuffer(g_locked, &size);
        status = size >= 4 && RtlCompareMemory(locked, "lock", 4) == 4 ? STATUS_SUCCESS
                                                                       : STATUS_DATA_ERROR;
        WdfRequestCompleteWithInformation(Request, status, size);
        return;
    }
    case IOCTL_Q_LOCK_STALE:
        WdfMemoryGetBuffer(g_locked, NULL); /* deleted with its request: WDF_VIOLATION */
        WdfRequestComplete(Request, STATUS_UNSUCCESSFUL);
        return;
    default:
        WdfRequestComplete(Request, STATUS_INVALID_DEVICE_REQUEST);
        return;
    }
    WdfRequestComplete(Request, STATUS_SUCCESS);
}

static VOID WdfQWrite(WDFQUEUE Queue, WDFREQUEST Request, size_t Length)
{
    WdfRequestCompleteWithInformation(Request, STATUS_SUCCESS, Length + WDFQ_WRITE_BIAS);
}

/* Every request comes here first, on the requesting thread; its context goes with it into the
 * queue. */
/* IOCTL_Q_LOCK_USER, in the requester's context. */
static VOID WdfQLockUser(WDFREQUEST Request)
{
    PVOID in = NULL, out = NULL;
    size_t in_length = 0, out_length = 0, n;
    WDFMEMORY in_memory, out_memory;
    NTSTATUS status = WdfRequestRetrieveUnsafeUserInputBuffer(Request, 1, &in, &in_length);
    if (NT_SUCCESS(status))
        status = WdfRequestRetrieveUnsafeUserOutputBuffer(Request, 1, &out, &out_length);
    if (NT_SUCCESS(status) && WdfRequestProbeAndLockUserBufferForRead(Request, in, 0, &in_memory) !=
                                  STATUS_INVALID_USER_BUFFER)
        status = STATUS_UNSUCCESSFUL;
    if (NT_SUCCESS(status))
        status = WdfRequestProbeAndLockUserBufferForRead(Request, in, in_length, &in_memory);
    if (NT_SUCCESS(status))
        status = WdfRequestProbeAndLockUserBufferForWrite(Request, out, out_length, &out_memory);
    if (!NT_SUCCESS(status)) {
        WdfRequestComplete(Request, status);
        return;
    }
    n = in_length < out_length ? in_length : out_length;
    RtlCopyMemory(WdfMemoryGetBuffer(out_memory, NULL), WdfMemoryGetBuffer(in_memory, NULL), n);
    WdfRequestCompleteWithInformation(Request, STATUS_SUCCESS, n);
}

static VOID WdfQInCallerContext(WDFDEVICE Device, WDFREQUEST Request)
{
    WDF_REQUEST_PARAMETERS params;
    NTSTATUS status;
    RequestGetContext(Request)->Marker = WDFQ_CONTEXT_MARKER;
    WDF_REQUEST_PARAMETERS_INIT(&params);
    WdfRequestGetParameters(Request, &params);
    if (params.Type == WdfRequestTypeDeviceControl &&
        params.Parameters.DeviceIoControl.IoControlCode == IOCTL_Q_CALLER_COMPLETES) {
        WdfRequestComplete(Request, STATUS_DEVICE_BUSY);
        return;
    }
    if (params.Type == WdfRequestTypeDeviceControl &&
        params.Parameters.DeviceIoControl.IoControlCode == IOCTL_Q_LOCK_USER) {
        WdfQLockUser(Request);
        return;
    }
    if (params.Type == WdfRequestTypeDeviceControl &&
        (params.Parameters.DeviceIoControl.IoControlCode == IOCTL_Q_DEFAULT_STOP ||
         params.Parameters.DeviceIoControl.IoControlCode == IOCTL_Q_DEFAULT_START)) {
        if (params.Parameters.DeviceIoControl.IoControlCode == IOCTL_Q_DEFAULT_STOP)
            WdfIoQueueStop(g_default, NULL, NULL);
        else
            WdfIoQueueStart(g_default);
        WdfRequestComplete(Request, STATUS_SUCCESS);
        return;
    }
    if (params.Type == WdfRequestTypeDeviceControl &&
        params.Parameters.DeviceIoControl.IoControlCode == IOCTL_Q_LOCK_QUEUED) {
        PVOID in;
        size_t length;
        status = WdfRequestRetrieveUnsafeUserInputBuffer(Request, 1, &in, &length);
        if (NT_SUCCESS(status))
            status = WdfRequestProbeAndLockUserBufferForRead(Request, in, length,
                                                             &RequestGetContext(Request)->Locked);
        if (!NT_SUCCESS(status)) {
            WdfRequestComplete(Request, status);
            return;
        }
    }
    status = WdfDeviceEnqueueRequest(Device, Request);
    if (!NT_SUCCESS(status))
        WdfRequestComplete(Request, status);
}

static NTSTATUS WdfQCreateQueues(VOID)
{
    WDF_IO_QUEUE_CONFIG config;
    NTSTATUS status;
    WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(&config, WdfIoQueueDispatchParallel);
    config.EvtIoDeviceControl = WdfQDeviceControl;
    status = WdfIoQueueCreate(g_device, &config, WDF_NO_OBJECT_ATTRIBUTES, &g_default);
    if (!NT_SUCCESS(status))
        return status;
    WDF_IO_QUEUE_CONFIG_INIT(&config, WdfIoQueueDispatchManual);
    config.EvtIoCanceledOnQueue = WdfQCanceledOnQueue;
    status = WdfIoQueueCreate(g_device, &config, WDF_NO_OBJECT_ATTRIBUTES, &g_manual);
    if (!NT_SUCCESS(status))
        return status;
    WDF_IO_QUEUE_CONFIG_INIT(&config, WdfIoQueueDispatchSequential);
    config.EvtIoWrite = WdfQWrite;
    status = WdfIoQueueCreate(g_device, &config, WDF_NO_OBJECT_ATTRIBUTES, &g_writes);
    if (NT_SUCCESS(status))
        status = WdfDeviceConfigureRequestDispatching(g_device, g_writes, WdfRequestTypeWrite);
    if (!NT_SUCCESS(status))
        return status;
    return WdfIoQueueReadyNotify(g_manual, WdfQReady, &g_context_marker);
}

static NTSTATUS WdfQCreateDevice(WDFDRIVER Driver)
{
    DECLARE_CONST_UNICODE_STRING(sddl, L"D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GRGW;;;WD)");
    DECLARE_CONST_UNICODE_STRING(name, L"\\Device\\WdfQ");
    DECLARE_CONST_UNICODE_STRING(link, L"\\??\\WdfQ");
    PWDFDEVICE_INIT init = WdfControlDeviceInitAllocate(Driver, &sddl);
    NTSTATUS status;
    WDF_OBJECT_ATTRIBUTES request_attributes;
    WDF_FILEOBJECT_CONFIG file_config;
    if (init == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&request_attributes, REQUEST_CONTEXT);
    WdfDeviceInitSetRequestAttributes(init, &request_attributes);
    WdfDeviceInitSetIoInCallerContextCallback(init, WdfQInCallerContext);
    /* File objects without callbacks: the framework succeeds opens itself and requests know
     * their WDFFILEOBJECT (IOCTL_Q_RETRIEVE_MINE). */
    WDF_FILEOBJECT_CONFIG_INIT(&file_config, WDF_NO_EVENT_CALLBACK, WDF_NO_EVENT_CALLBACK,
                               WDF_NO_EVENT_CALLBACK);
    WdfDeviceInitSetFileObjectConfig(init, &file_config, WDF_NO_OBJECT_ATTRIBUTES);
    status = WdfDeviceInitAssignName(init, &name);
    if (NT_SUCCESS(status))
        status = WdfDeviceCreate(&init, WDF_NO_OBJECT_ATTRIBUTES, &g_device);
    if (!NT_SUCCESS(status)) {
        WdfDeviceInitFree(init);
        return status;
    }
    status = WdfDeviceCreateSymbolicLink(g_device, &link);
    if (NT_SUCCESS(status))
        status = WdfQCreateQueues();
    if (NT_SUCCESS(status))
        WdfControlFinishInitializing(g_device);
    return status;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WDF_DRIVER_CONFIG config;
    WDFDRIVER driver;
    NTSTATUS status;
    WDF_DRIVER_CONFIG_INIT(&config, WDF_NO_EVENT_CALLBACK);
    config.DriverInitFlags |= WdfDriverInitNonPnpDriver;
    status =
        WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config, &driver);
    if (NT_SUCCESS(status))
        status = WdfQCreateDevice(driver);
    return status;
}
