/*
 * wdflane.c - a framework (KMDF) non-PnP driver with two control devices. \Device\WdfLane
 * (\??\WdfLane): a lane queue for reads and writes (parallel, every request presented at once,
 * not power-managed, no synchronization scope), a parallel write queue that forwards to it, and
 * a default queue whose control codes hold, complete, stop, purge, start and delete what the
 * lane queue has, and format its own requests for the other device (wdflane.h).
 * \Device\WdfLaneEcho: an echo, with request attributes of its own. Written against the KMDF
 * 1.33 documentation; public headers only.
 */
#include <ntddk.h>
#include <wdf.h>

#include "wdflane.h"

/* Every request's context (the device's request attributes): zero when the request arrives
 * (Microsoft: WDF_OBJECT_ATTRIBUTES, a new object's context is zeroed). */
typedef struct _LANE_REQUEST {
    ULONG Marker;
} LANE_REQUEST;
WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(LANE_REQUEST, LaneGetRequest)

#define LANE_MARKER 0x4C414E45u

/* The echo device's request context: another type of the same size. */
typedef struct _LANE_ECHO_REQUEST {
    ULONG Marker;
} LANE_ECHO_REQUEST;
WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(LANE_ECHO_REQUEST, LaneGetEchoRequest)

DRIVER_INITIALIZE DriverEntry;
static EVT_WDF_IO_QUEUE_IO_DEVICE_CONTROL LaneDeviceControl;
static EVT_WDF_IO_QUEUE_IO_READ LaneRead;
static EVT_WDF_IO_QUEUE_IO_WRITE LaneWrite;
static EVT_WDF_IO_QUEUE_IO_WRITE LaneForwardWrite;
static EVT_WDF_REQUEST_CANCEL LaneCancel;
static EVT_WDF_IO_QUEUE_STATE LaneStopped;
static EVT_WDF_IO_QUEUE_STATE LanePurged;
static EVT_WDF_IO_ALLOCATE_REQUEST_RESOURCES LaneFpAllocate;
static EVT_WDF_IO_QUEUE_IO_INTERNAL_DEVICE_CONTROL LaneFpInternal;
static EVT_WDF_OBJECT_CONTEXT_CLEANUP LaneRequestCleanup;
static EVT_WDF_OBJECT_CONTEXT_DESTROY LaneRequestDestroy;
static EVT_WDF_OBJECT_CONTEXT_CLEANUP LaneEchoCleanup;
static EVT_WDF_OBJECT_CONTEXT_DESTROY LaneEchoDestroy;

static WDFDEVICE g_device;
static WDFQUEUE g_lane;           /* the lane queue */
static WDFQUEUE g_writes;         /* forwards its writes to g_lane */
static WDFQUEUE g_fp;             /* internal device controls, with a forward progress policy */
static WDFQUEUE g_park;           /* manual: IOCTL_LANE_PARK's requests wait there */
static WDFIOTARGET g_park_target; /* the echo device, opened at the first park */
static WDFREQUEST g_parked;       /* the last parked request (a handle only: never used after) */
static KEVENT g_fp_entered, g_fp_go;
static LONG g_fp_block;
static WDFSPINLOCK g_lock; /* g_held and g_cancelable */
static WDFREQUEST g_held[LANE_MAX_HELD];
static BOOLEAN g_cancelable[LANE_MAX_HELD];
static LANE_COUNTS g_counts; /* Interlocked* (Held: computed under g_lock) */

static VOID LaneRequestCleanup(WDFOBJECT Object)
{
    UNREFERENCED_PARAMETER(Object);
    InterlockedIncrement((LONG *)&g_counts.Cleanups);
}

static VOID LaneRequestDestroy(WDFOBJECT Object)
{
    UNREFERENCED_PARAMETER(Object);
    InterlockedIncrement((LONG *)&g_counts.Destroys);
}

static VOID LaneExtraCleanup(WDFOBJECT Object)
{
    UNREFERENCED_PARAMETER(Object);
    InterlockedIncrement((LONG *)&g_counts.ExtraCleanups);
}

/* Microsoft (WdfObjectAllocateContext): a context added to an object goes with it; its
 * EvtCleanupCallback runs when the object is deleted (the request: at its completion). */
static NTSTATUS LaneExtraContext(WDFREQUEST Request)
{
    WDF_OBJECT_ATTRIBUTES attributes;
    PVOID context;
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attributes, LANE_ECHO_REQUEST);
    attributes.EvtCleanupCallback = LaneExtraCleanup;
    return WdfObjectAllocateContext(Request, &attributes, &context);
}

static VOID LaneEchoCleanup(WDFOBJECT Object)
{
    UNREFERENCED_PARAMETER(Object);
    InterlockedIncrement((LONG *)&g_counts.EchoCleanups);
}

static VOID LaneEchoDestroy(WDFOBJECT Object)
{
    UNREFERENCED_PARAMETER(Object);
    InterlockedIncrement((LONG *)&g_counts.EchoDestroys);
}

/* A request of the lane queue must look as a new request does, whatever object served before. */
static VOID LaneCheckNew(WDFQUEUE Queue, WDFREQUEST Request)
{
    LANE_REQUEST *c = LaneGetRequest(Request);
    if (Queue != g_lane || WdfRequestGetIoQueue(Request) != g_lane ||
        WdfRequestGetInformation(Request) != 0 || WdfRequestIsCanceled(Request) || c == NULL ||
        c->Marker != 0)
        InterlockedIncrement((LONG *)&g_counts.Stale);
    if (c != NULL)
        c->Marker = LANE_MARKER;
}

/* Microsoft (EVT_WDF_IO_ALLOCATE_REQUEST_RESOURCES): called for each request arriving at the
 * queue, before the queue has it; the Queue handle is valid for the callback's duration. */
static NTSTATUS LaneFpAllocate(WDFQUEUE Queue, WDFREQUEST Request)
{
    UNREFERENCED_PARAMETER(Request);
    InterlockedIncrement((LONG *)&g_counts.FpAllocated);
    if (InterlockedExchange(&g_fp_block, 0) != 0) {
        KeSetEvent(&g_fp_entered, IO_NO_INCREMENT, FALSE);
        KeWaitForSingleObject(&g_fp_go, Executive, KernelMode, FALSE, NULL);
        WdfIoQueueGetState(Queue, NULL, NULL);
    }
    return STATUS_SUCCESS;
}

static VOID LaneFpInternal(WDFQUEUE Queue, WDFREQUEST Request, size_t OutputBufferLength,
                           size_t InputBufferLength, ULONG IoControlCode)
{
    UNREFERENCED_PARAMETER(Queue);
    UNREFERENCED_PARAMETER(OutputBufferLength);
    UNREFERENCED_PARAMETER(InputBufferLength);
    UNREFERENCED_PARAMETER(IoControlCode);
    WdfRequestComplete(Request, STATUS_SUCCESS);
}

/* The slot of a held request, taken out of it; LANE_MAX_HELD: not held. */
static ULONG LaneTakeHeld(WDFREQUEST Request)
{
    ULONG slot;
    WdfSpinLockAcquire(g_lock);
    for (slot = 0; slot < LANE_MAX_HELD && g_held[slot] != Request; slot++)
        ;
    if (slot < LANE_MAX_HELD)
        g_held[slot] = NULL;
    WdfSpinLockRelease(g_lock);
    return slot;
}

static VOID LaneCancel(WDFREQUEST Request)
{
    LaneTakeHeld(Request);
    InterlockedIncrement((LONG *)&g_counts.Cancels);
    WdfRequestComplete(Request, STATUS_CANCELLED);
}

/* Keeps the request in the first free slot (cancelable or not); none free: completed with
 * STATUS_INSUFFICIENT_RESOURCES. */
static VOID LaneHold(WDFREQUEST Request, BOOLEAN cancelable)
{
    ULONG slot;
    NTSTATUS status;
    WdfSpinLockAcquire(g_lock);
    for (slot = 0; slot < LANE_MAX_HELD && g_held[slot] != NULL; slot++)
        ;
    if (slot < LANE_MAX_HELD) {
        g_held[slot] = Request;
        g_cancelable[slot] = cancelable;
    }
    WdfSpinLockRelease(g_lock);
    if (slot == LANE_MAX_HELD) {
        WdfRequestComplete(Request, STATUS_INSUFFICIENT_RESOURCES);
        return;
    }
    if (!cancelable)
        return;
    /* Microsoft (WdfRequestMarkCancelableEx): STATUS_CANCELLED when the request was cancelled
     * already; the driver completes it then. */
    status = WdfRequestMarkCancelableEx(Request, LaneCancel);
    if (!NT_SUCCESS(status) && LaneTakeHeld(Request) < LANE_MAX_HELD)
        WdfRequestComplete(Request, status);
}

static VOID LaneRead(WDFQUEUE Queue, WDFREQUEST Request, size_t Length)
{
    WDF_REQUEST_PARAMETERS parameters;
    LaneCheckNew(Queue, Request);
    WDF_REQUEST_PARAMETERS_INIT(&parameters);
    WdfRequestGetParameters(Request, &parameters);
    switch (parameters.Parameters.Read.DeviceOffset) {
    case LANE_READ_HOLD:
        LaneHold(Request, TRUE);
        return;
    case LANE_READ_HOLD_UNCANCELABLE:
        LaneHold(Request, FALSE);
        return;
    case LANE_READ_INFO:
        WdfRequestSetInformation(Request, 0x77);
        WdfRequestComplete(Request, STATUS_SUCCESS);
        return;
    case LANE_READ_EXTRA_CONTEXT:
        WdfRequestComplete(Request, LaneExtraContext(Request));
        return;
    default:
        WdfRequestCompleteWithInformation(Request, STATUS_SUCCESS, Length);
        return;
    }
}

static VOID LaneWrite(WDFQUEUE Queue, WDFREQUEST Request, size_t Length)
{
    LaneCheckNew(Queue, Request);
    WdfRequestCompleteWithInformation(Request, STATUS_SUCCESS, Length + LANE_WRITE_BIAS);
}

/* Microsoft (WdfRequestForwardToIoQueue): on failure the driver still owns the request. */
static VOID LaneForwardWrite(WDFQUEUE Queue, WDFREQUEST Request, size_t Length)
{
    NTSTATUS status;
    UNREFERENCED_PARAMETER(Queue);
    UNREFERENCED_PARAMETER(Length);
    status = WdfRequestForwardToIoQueue(Request, g_lane);
    if (NT_SUCCESS(status)) {
        InterlockedIncrement((LONG *)&g_counts.Forwarded);
        return;
    }
    InterlockedIncrement((LONG *)&g_counts.ForwardFailed);
    WdfRequestComplete(Request, status);
}

static VOID LaneStopped(WDFQUEUE Queue, WDFCONTEXT Context)
{
    UNREFERENCED_PARAMETER(Queue);
    UNREFERENCED_PARAMETER(Context);
    InterlockedIncrement((LONG *)&g_counts.Stopped);
}

static VOID LanePurged(WDFQUEUE Queue, WDFCONTEXT Context)
{
    UNREFERENCED_PARAMETER(Queue);
    UNREFERENCED_PARAMETER(Context);
    InterlockedIncrement((LONG *)&g_counts.Purged);
}

/* The slot named by the control code's input; LANE_MAX_HELD: none (or a bad input). */
static ULONG LaneSlotOf(WDFREQUEST Request)
{
    ULONG *slot;
    if (!NT_SUCCESS(WdfRequestRetrieveInputBuffer(Request, sizeof(*slot), (PVOID *)&slot, NULL)) ||
        *slot >= LANE_MAX_HELD)
        return LANE_MAX_HELD;
    return *slot;
}

/* Microsoft (WdfRequestUnmarkCancelable): a cancelable request is unmarked before the driver
 * completes it outside EvtRequestCancel; STATUS_CANCELLED: EvtRequestCancel completes it. */
static NTSTATUS LaneComplete(ULONG slot)
{
    WDFREQUEST held;
    BOOLEAN cancelable;
    NTSTATUS status = STATUS_SUCCESS;
    WdfSpinLockAcquire(g_lock);
    held = g_held[slot];
    cancelable = g_cancelable[slot];
    WdfSpinLockRelease(g_lock);
    if (held == NULL)
        return STATUS_NOT_FOUND;
    if (cancelable) {
        status = WdfRequestUnmarkCancelable(held);
        if (status == STATUS_CANCELLED)
            return status;
    }
    if (LaneTakeHeld(held) == LANE_MAX_HELD)
        return STATUS_NOT_FOUND;
    WdfRequestCompleteWithInformation(held, STATUS_SUCCESS, 0x55 + slot);
    return status;
}

/* Out of its slot (uncancelable requests only), referenced, completed twice. */
static VOID LaneCompleteTwice(ULONG slot)
{
    WDFREQUEST held;
    WdfSpinLockAcquire(g_lock);
    held = g_held[slot];
    g_held[slot] = NULL;
    WdfSpinLockRelease(g_lock);
    if (held == NULL)
        return;
    WdfObjectReference(held);
    WdfRequestComplete(held, STATUS_SUCCESS);
    WdfRequestComplete(held, STATUS_SUCCESS); /* the framework's bug check */
    WdfObjectDereference(held);
}

/* Microsoft (WdfRequestForwardToIoQueue): STATUS_INVALID_DEVICE_REQUEST when the driver does
 * not own the request; a completed request is no longer the driver's, even while a reference
 * keeps its object. */
static NTSTATUS LaneForwardCompleted(ULONG slot)
{
    WDFREQUEST held;
    NTSTATUS status;
    WdfSpinLockAcquire(g_lock);
    held = g_held[slot];
    g_held[slot] = NULL;
    WdfSpinLockRelease(g_lock);
    if (held == NULL)
        return STATUS_NOT_FOUND;
    WdfObjectReference(held);
    WdfRequestComplete(held, STATUS_SUCCESS);
    status = WdfRequestForwardToIoQueue(held, g_writes);
    WdfObjectDereference(held);
    return status;
}

/* Microsoft (WdfRequestUnmarkCancelable): STATUS_INVALID_PARAMETER for a request that is not
 * cancelable, or no longer. */
static NTSTATUS LaneUnmark(ULONG slot)
{
    WDFREQUEST held;
    NTSTATUS status;
    WdfSpinLockAcquire(g_lock);
    held = g_held[slot];
    WdfSpinLockRelease(g_lock);
    if (held == NULL)
        return STATUS_NOT_FOUND;
    status = WdfRequestUnmarkCancelable(held);
    if (NT_SUCCESS(status)) {
        WdfSpinLockAcquire(g_lock);
        g_cancelable[slot] = FALSE;
        WdfSpinLockRelease(g_lock);
    }
    return status;
}

static NTSTATUS LaneOpenSelf(WDFIOTARGET *target);

static VOID LaneParkMemoryDestroy(WDFOBJECT Object)
{
    UNREFERENCED_PARAMETER(Object);
    InterlockedIncrement((LONG *)&g_counts.ParkMemoryDestroys);
}

/* Microsoft (WdfIoTargetFormatRequestForIoctl: the framework holds a reference on the memory
 * objects until the request is completed or formatted again; WdfRequestForwardToIoQueue). */
static NTSTATUS LanePark(WDFREQUEST Request)
{
    WDF_OBJECT_ATTRIBUTES attributes;
    WDFMEMORY in = NULL, out;
    NTSTATUS status = STATUS_SUCCESS;
    if (g_park_target == NULL)
        status = LaneOpenSelf(&g_park_target);
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.EvtDestroyCallback = LaneParkMemoryDestroy;
    attributes.ParentObject = g_device;
    if (NT_SUCCESS(status))
        status = WdfMemoryCreate(&attributes, NonPagedPoolNx, 'krap', 16, &in, NULL);
    if (NT_SUCCESS(status))
        status = WdfRequestRetrieveOutputMemory(Request, &out);
    if (NT_SUCCESS(status))
        status = WdfIoTargetFormatRequestForIoctl(g_park_target, Request, IOCTL_LANE_ECHO, in, NULL,
                                                  out, NULL);
    if (in != NULL)
        WdfObjectDelete(in);
    if (NT_SUCCESS(status))
        status = WdfRequestForwardToIoQueue(Request, g_park);
    if (NT_SUCCESS(status))
        g_parked = Request;
    return status;
}

static NTSTATUS LaneCreateParkQueue(VOID)
{
    WDF_IO_QUEUE_CONFIG config;
    WDF_IO_QUEUE_CONFIG_INIT(&config, WdfIoQueueDispatchManual);
    return WdfIoQueueCreate(g_device, &config, WDF_NO_OBJECT_ATTRIBUTES, &g_park);
}

static NTSTATUS LaneParkControl(ULONG IoControlCode)
{
    switch (IoControlCode) {
    case IOCTL_LANE_PARK_UNMARK:
        return WdfRequestUnmarkCancelable(g_parked);
    case IOCTL_LANE_PARK_PURGE:
        WdfIoQueuePurgeSynchronously(g_park);
        WdfIoQueueStart(g_park);
        return STATUS_SUCCESS;
    default: /* IOCTL_LANE_PARK_DELETE */
        WdfObjectDelete(g_park);
        return LaneCreateParkQueue();
    }
}

static NTSTATUS LaneState(WDFREQUEST Request, size_t *written)
{
    LANE_STATE *out;
    NTSTATUS status = WdfRequestRetrieveOutputBuffer(Request, sizeof(*out), (PVOID *)&out, NULL);
    if (!NT_SUCCESS(status))
        return status;
    out->State = (ULONG)WdfIoQueueGetState(g_lane, &out->Queued, &out->Driver);
    *written = sizeof(*out);
    return STATUS_SUCCESS;
}

static NTSTATUS LaneCounts(WDFREQUEST Request, size_t *written)
{
    LANE_COUNTS *out;
    NTSTATUS status = WdfRequestRetrieveOutputBuffer(Request, sizeof(*out), (PVOID *)&out, NULL);
    if (!NT_SUCCESS(status))
        return status;
    WdfSpinLockAcquire(g_lock);
    g_counts.Held = 0;
    for (ULONG i = 0; i < LANE_MAX_HELD; i++)
        g_counts.Held += g_held[i] != NULL;
    *out = g_counts;
    WdfSpinLockRelease(g_lock);
    *written = sizeof(*out);
    return STATUS_SUCCESS;
}

/* An I/O target on the driver's echo device, opened by name (the caller deletes it). */
static NTSTATUS LaneOpenSelf(WDFIOTARGET *target)
{
    DECLARE_CONST_UNICODE_STRING(name, L"\\Device\\WdfLaneEcho");
    WDF_IO_TARGET_OPEN_PARAMS open;
    NTSTATUS status = WdfIoTargetCreate(g_device, WDF_NO_OBJECT_ATTRIBUTES, target);
    if (!NT_SUCCESS(status)) {
        *target = NULL;
        return status;
    }
    WDF_IO_TARGET_OPEN_PARAMS_INIT_OPEN_BY_NAME(&open, &name, GENERIC_READ | GENERIC_WRITE);
    return WdfIoTargetOpen(*target, &open);
}

/* The request formatted for IOCTL_LANE_ECHO to the driver's echo device, with its own memory
 * objects; *target: to delete once the request is done (NULL: none). */
static NTSTATUS LaneFormat(WDFREQUEST Request, WDFIOTARGET *target)
{
    WDFMEMORY in, out;
    NTSTATUS status = LaneOpenSelf(target);
    if (NT_SUCCESS(status))
        status = WdfRequestRetrieveInputMemory(Request, &in);
    if (NT_SUCCESS(status))
        status = WdfRequestRetrieveOutputMemory(Request, &out);
    if (NT_SUCCESS(status))
        status = WdfIoTargetFormatRequestForIoctl(*target, Request, IOCTL_LANE_ECHO, in, NULL, out,
                                                  NULL);
    return status;
}

/* Microsoft (WdfIoTargetFormatRequestForIoctl; WdfRequestRetrieveOutputBuffer): formatting
 * writes the next stack location for the target; the request is still the driver's, which may
 * complete it instead of sending it, its output buffer what it wrote there. */
static VOID LaneFormatComplete(WDFREQUEST Request)
{
    WDFIOTARGET target = NULL;
    PVOID out;
    size_t length = 0;
    NTSTATUS status = WdfRequestRetrieveOutputBuffer(Request, 1, &out, &length);
    if (NT_SUCCESS(status))
        status = LaneFormat(Request, &target);
    if (NT_SUCCESS(status))
        RtlFillMemory(out, length, LANE_FILL);
    WdfRequestCompleteWithInformation(Request, status, NT_SUCCESS(status) ? length : 0);
    if (target != NULL)
        WdfObjectDelete(target);
}

static VOID LaneFormatSend(WDFREQUEST Request)
{
    WDF_REQUEST_SEND_OPTIONS options;
    WDFIOTARGET target = NULL;
    ULONG_PTR information = 0;
    NTSTATUS status = LaneFormat(Request, &target);
    if (NT_SUCCESS(status)) {
        WDF_REQUEST_SEND_OPTIONS_INIT(&options, WDF_REQUEST_SEND_OPTION_SYNCHRONOUS);
        WdfRequestSend(Request, target, &options);
        status = WdfRequestGetStatus(Request);
        information = WdfRequestGetInformation(Request);
    }
    WdfRequestCompleteWithInformation(Request, status, NT_SUCCESS(status) ? information : 0);
    if (target != NULL)
        WdfObjectDelete(target);
}

static NTSTATUS LaneEcho(WDFREQUEST Request, size_t *written)
{
    PVOID in, out;
    size_t length;
    NTSTATUS status = WdfRequestRetrieveInputBuffer(Request, 1, &in, &length);
    if (NT_SUCCESS(status))
        status = WdfRequestRetrieveOutputBuffer(Request, length, &out, NULL);
    if (NT_SUCCESS(status)) {
        RtlMoveMemory(out, in, length);
        *written = length;
    }
    return status;
}

static VOID LaneEchoControl(WDFQUEUE Queue, WDFREQUEST Request, size_t OutputBufferLength,
                            size_t InputBufferLength, ULONG IoControlCode)
{
    size_t written = 0;
    LANE_ECHO_REQUEST *c = WdfObjectGetTypedContext(Request, LANE_ECHO_REQUEST);
    NTSTATUS status = IoControlCode == IOCTL_LANE_ECHO ? LaneEcho(Request, &written)
                                                       : STATUS_INVALID_DEVICE_REQUEST;
    InterlockedIncrement((LONG *)&g_counts.EchoRequests);
    if (c == NULL || c->Marker != 0 || WdfObjectGetTypedContext(Request, LANE_REQUEST) != NULL)
        InterlockedIncrement((LONG *)&g_counts.EchoStale);
    if (c != NULL)
        c->Marker = LANE_MARKER;
    UNREFERENCED_PARAMETER(Queue);
    UNREFERENCED_PARAMETER(OutputBufferLength);
    UNREFERENCED_PARAMETER(InputBufferLength);
    WdfRequestCompleteWithInformation(Request, status, written);
}

static VOID LaneDeviceControl(WDFQUEUE Queue, WDFREQUEST Request, size_t OutputBufferLength,
                              size_t InputBufferLength, ULONG IoControlCode)
{
    NTSTATUS status = STATUS_SUCCESS;
    size_t written = 0;
    UNREFERENCED_PARAMETER(Queue);
    UNREFERENCED_PARAMETER(OutputBufferLength);
    UNREFERENCED_PARAMETER(InputBufferLength);
    switch (IoControlCode) {
    case IOCTL_LANE_COMPLETE:
        status = LaneSlotOf(Request) < LANE_MAX_HELD ? LaneComplete(LaneSlotOf(Request))
                                                     : STATUS_INVALID_PARAMETER;
        break;
    case IOCTL_LANE_COMPLETE_TWICE:
        if (LaneSlotOf(Request) < LANE_MAX_HELD)
            LaneCompleteTwice(LaneSlotOf(Request));
        status = STATUS_UNSUCCESSFUL;
        break;
    case IOCTL_LANE_FORWARD_COMPLETED:
        status = LaneSlotOf(Request) < LANE_MAX_HELD ? LaneForwardCompleted(LaneSlotOf(Request))
                                                     : STATUS_INVALID_PARAMETER;
        break;
    case IOCTL_LANE_STATE:
        status = LaneState(Request, &written);
        break;
    case IOCTL_LANE_STOP:
        WdfIoQueueStop(g_lane, LaneStopped, NULL);
        break;
    case IOCTL_LANE_PURGE:
        WdfIoQueuePurge(g_lane, LanePurged, NULL);
        break;
    case IOCTL_LANE_START:
        WdfIoQueueStart(g_lane);
        break;
    case IOCTL_LANE_DELETE:
        WdfObjectDelete(g_lane);
        break;
    case IOCTL_LANE_COUNTS:
        status = LaneCounts(Request, &written);
        break;
    case IOCTL_LANE_FP_BLOCK:
        KeClearEvent(&g_fp_entered);
        KeClearEvent(&g_fp_go);
        InterlockedExchange(&g_fp_block, 1);
        break;
    case IOCTL_LANE_FP_WAIT:
        KeWaitForSingleObject(&g_fp_entered, Executive, KernelMode, FALSE, NULL);
        break;
    case IOCTL_LANE_FP_GO:
        KeSetEvent(&g_fp_go, IO_NO_INCREMENT, FALSE);
        break;
    case IOCTL_LANE_FP_DELETE:
        WdfObjectDelete(g_fp);
        break;
    case IOCTL_LANE_ECHO:
        status = LaneEcho(Request, &written);
        break;
    case IOCTL_LANE_FORMAT_COMPLETE:
        LaneFormatComplete(Request);
        return;
    case IOCTL_LANE_FORMAT_SEND:
        LaneFormatSend(Request);
        return;
    case IOCTL_LANE_UNMARK:
        status = LaneSlotOf(Request) < LANE_MAX_HELD ? LaneUnmark(LaneSlotOf(Request))
                                                     : STATUS_INVALID_PARAMETER;
        break;
    case IOCTL_LANE_PARK:
        status = LanePark(Request);
        if (NT_SUCCESS(status))
            return;
        break;
    case IOCTL_LANE_PARK_UNMARK:
    case IOCTL_LANE_PARK_PURGE:
    case IOCTL_LANE_PARK_DELETE:
        status = LaneParkControl(IoControlCode);
        break;
    default:
        status = STATUS_INVALID_DEVICE_REQUEST;
        break;
    }
    WdfRequestCompleteWithInformation(Request, status, written);
}

static NTSTATUS LaneCreateFpQueue(WDFDEVICE device)
{
    WDF_IO_QUEUE_FORWARD_PROGRESS_POLICY policy;
    WDF_IO_QUEUE_CONFIG config;
    NTSTATUS status;
    KeInitializeEvent(&g_fp_entered, NotificationEvent, FALSE);
    KeInitializeEvent(&g_fp_go, NotificationEvent, FALSE);
    WDF_IO_QUEUE_CONFIG_INIT(&config, WdfIoQueueDispatchParallel);
    config.Settings.Parallel.NumberOfPresentedRequests = 8;
    config.EvtIoInternalDeviceControl = LaneFpInternal;
    status = WdfIoQueueCreate(device, &config, WDF_NO_OBJECT_ATTRIBUTES, &g_fp);
    if (NT_SUCCESS(status))
        status =
            WdfDeviceConfigureRequestDispatching(device, g_fp, WdfRequestTypeDeviceControlInternal);
    if (!NT_SUCCESS(status))
        return status;
    WDF_IO_QUEUE_FORWARD_PROGRESS_POLICY_DEFAULT_INIT(&policy, 2);
    policy.EvtIoAllocateRequestResources = LaneFpAllocate;
    return WdfIoQueueAssignForwardProgressPolicy(g_fp, &policy);
}

static NTSTATUS LaneCreateQueues(WDFDEVICE device)
{
    WDF_IO_QUEUE_CONFIG config;
    NTSTATUS status;
    WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(&config, WdfIoQueueDispatchParallel);
    config.Settings.Parallel.NumberOfPresentedRequests = 16;
    config.EvtIoDeviceControl = LaneDeviceControl;
    status = WdfIoQueueCreate(device, &config, WDF_NO_OBJECT_ATTRIBUTES, WDF_NO_HANDLE);
    if (!NT_SUCCESS(status))
        return status;
    WDF_IO_QUEUE_CONFIG_INIT(&config, WdfIoQueueDispatchParallel);
    config.EvtIoRead = LaneRead;
    config.EvtIoWrite = LaneWrite;
    status = WdfIoQueueCreate(device, &config, WDF_NO_OBJECT_ATTRIBUTES, &g_lane);
    if (NT_SUCCESS(status))
        status = WdfDeviceConfigureRequestDispatching(device, g_lane, WdfRequestTypeRead);
    if (!NT_SUCCESS(status))
        return status;
    WDF_IO_QUEUE_CONFIG_INIT(&config, WdfIoQueueDispatchParallel);
    config.Settings.Parallel.NumberOfPresentedRequests = 8;
    config.EvtIoWrite = LaneForwardWrite;
    status = WdfIoQueueCreate(device, &config, WDF_NO_OBJECT_ATTRIBUTES, &g_writes);
    if (NT_SUCCESS(status))
        status = WdfDeviceConfigureRequestDispatching(device, g_writes, WdfRequestTypeWrite);
    if (!NT_SUCCESS(status))
        return status;
    status = LaneCreateParkQueue();
    if (!NT_SUCCESS(status))
        return status;
    return LaneCreateFpQueue(device);
}

/* A control device of the driver named `name`, its requests with `request_attributes`. */
static NTSTATUS LaneControlDevice(WDFDRIVER Driver, PCUNICODE_STRING name,
                                  PWDF_OBJECT_ATTRIBUTES request_attributes, WDFDEVICE *device)
{
    DECLARE_CONST_UNICODE_STRING(sddl, L"D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GRGW;;;WD)");
    PWDFDEVICE_INIT init = WdfControlDeviceInitAllocate(Driver, &sddl);
    NTSTATUS status;
    if (init == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    WdfDeviceInitSetRequestAttributes(init, request_attributes);
    status = WdfDeviceInitAssignName(init, name);
    if (NT_SUCCESS(status))
        status = WdfDeviceCreate(&init, WDF_NO_OBJECT_ATTRIBUTES, device);
    if (!NT_SUCCESS(status))
        WdfDeviceInitFree(init);
    return status;
}

static NTSTATUS LaneCreateDevice(WDFDRIVER Driver)
{
    DECLARE_CONST_UNICODE_STRING(name, L"\\Device\\WdfLane");
    DECLARE_CONST_UNICODE_STRING(link, L"\\??\\WdfLane");
    WDF_OBJECT_ATTRIBUTES request_attributes;
    WDFDEVICE device;
    NTSTATUS status;
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&request_attributes, LANE_REQUEST);
#ifndef WDFLANE_PLAIN
    request_attributes.EvtCleanupCallback = LaneRequestCleanup;
    request_attributes.EvtDestroyCallback = LaneRequestDestroy;
#endif
    status = LaneControlDevice(Driver, &name, &request_attributes, &device);
    if (!NT_SUCCESS(status))
        return status;
    g_device = device;
    /* Microsoft (IoCallDriver, WDM's DEVICE_OBJECT StackSize): IRPs sent to this device get a
     * stack location more, for the requests it formats and sends to the echo device. */
    WdfDeviceWdmGetDeviceObject(device)->StackSize += 1;
    status = WdfDeviceCreateSymbolicLink(device, &link);
    if (NT_SUCCESS(status))
        status = WdfSpinLockCreate(WDF_NO_OBJECT_ATTRIBUTES, &g_lock);
    if (NT_SUCCESS(status))
        status = LaneCreateQueues(device);
    if (NT_SUCCESS(status))
        WdfControlFinishInitializing(device);
    return status;
}

/* \Device\WdfLaneEcho: a second control device whose default queue echoes IOCTL_LANE_ECHO (the
 * target of IOCTL_LANE_FORMAT_*). */
static NTSTATUS LaneCreateEchoDevice(WDFDRIVER Driver)
{
    DECLARE_CONST_UNICODE_STRING(name, L"\\Device\\WdfLaneEcho");
    WDF_OBJECT_ATTRIBUTES request_attributes;
    WDF_IO_QUEUE_CONFIG config;
    WDFDEVICE device;
    NTSTATUS status;
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&request_attributes, LANE_ECHO_REQUEST);
    request_attributes.EvtCleanupCallback = LaneEchoCleanup;
    request_attributes.EvtDestroyCallback = LaneEchoDestroy;
    status = LaneControlDevice(Driver, &name, &request_attributes, &device);
    if (!NT_SUCCESS(status))
        return status;
    WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(&config, WdfIoQueueDispatchParallel);
    config.Settings.Parallel.NumberOfPresentedRequests = 4;
    config.EvtIoDeviceControl = LaneEchoControl;
    status = WdfIoQueueCreate(device, &config, WDF_NO_OBJECT_ATTRIBUTES, WDF_NO_HANDLE);
    if (NT_SUCCESS(status))
        WdfControlFinishInitializing(device);
    return status;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WDF_DRIVER_CONFIG config;
    WDFDRIVER driver;
    NTSTATUS status;
    g_device = NULL;
    g_lane = g_writes = g_fp = g_park = NULL;
    g_park_target = NULL;
    g_parked = NULL;
    g_fp_block = 0;
    g_lock = NULL;
    RtlZeroMemory(g_held, sizeof(g_held));
    RtlZeroMemory(&g_counts, sizeof(g_counts));
    WDF_DRIVER_CONFIG_INIT(&config, WDF_NO_EVENT_CALLBACK);
    config.DriverInitFlags |= WdfDriverInitNonPnpDriver;
    status =
        WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config, &driver);
    if (!NT_SUCCESS(status))
        return status;
    status = LaneCreateEchoDevice(driver);
    if (!NT_SUCCESS(status))
        return status;
    return LaneCreateDevice(driver);
}
