/*
 * fifo.c - the framework (KMDF) port of the WDM FIFO sample (samples/wdm/fifo/fifo.c): the
 * same three named devices and links, the same IOCTLs (fifo.h, shared) and the same behaviour,
 * so the same scenario files pass on both. The framework takes over the devices' creation and
 * deletion, dispatch (a default parallel queue per device), the waiting reads (a manual queue
 * per device, cancelled by the framework), cleanup (EvtFileCleanup), and the lookaside list,
 * DPC, timer, work item and spin lock become framework objects; docs/samples-kmdf.md compares
 * the two drivers routine by routine.
 *
 * Traces with WPP (trace.h): DriverEntry and unload, the devices, each ioctl with its status,
 * the completions from the timer, the work item and cancellation, and every read and write at
 * TRACE_LEVEL_VERBOSE.
 *
 * Written against the KMDF 1.33 documentation only; it builds unchanged with the real WDK.
 */
#include <ntddk.h>
#include <wdf.h>

#include "fifo.h"
#include "trace.h"
#include "fifo.tmh"

#define FIFO_TAG        'ofiF'
#define FIFO_CHUNK_DATA 256
#define FIFO_DEVICES    3

typedef struct _FIFO_CHUNK {
    LIST_ENTRY Link;
    WDFMEMORY Memory; /* the lookaside memory object this chunk lives in */
    ULONG Length;     /* bytes stored */
    ULONG Offset;     /* bytes already read */
    UCHAR Data[FIFO_CHUNK_DATA];
} FIFO_CHUNK, *PFIFO_CHUNK;

/* One FIFO shared by the three devices; every field below Lock is protected by it. */
typedef struct _FIFO_STATE {
    WDFSPINLOCK Lock;
    LIST_ENTRY Chunks;
    FIFO_STATS Stats;
    BOOLEAN DelayPending; /* a DELAY request waits in a device's DelayQueue */
    WDFREQUEST ResetRequest;
    WDFLOOKASIDE ChunkLookaside;
    WDFDPC DrainDpc;
    WDFTIMER DelayTimer;
    WDFWORKITEM ResetItem;
    WDFDEVICE Devices[FIFO_DEVICES];
} FIFO_STATE;

static FIFO_STATE g_Fifo;

typedef struct _FIFO_DEVICE_CONTEXT {
    WDFQUEUE ReadQueue;  /* manual: reads waiting for data */
    WDFQUEUE DelayQueue; /* manual: the DELAY request waiting for its timer */
    BOOLEAN Neither;     /* neither I/O: buffers are locked in EvtIoInCallerContext */
} FIFO_DEVICE_CONTEXT;
WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(FIFO_DEVICE_CONTEXT, FifoDeviceGetContext)

/* The requester's buffers of a neither-I/O read or write, or of a METHOD_NEITHER ioctl, probed
 * and locked by EvtIoInCallerContext (children of the request: gone when it completes). */
typedef struct _FIFO_REQUEST_CONTEXT {
    WDFMEMORY In;
    WDFMEMORY Out;
} FIFO_REQUEST_CONTEXT;
WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(FIFO_REQUEST_CONTEXT, FifoRequestGetContext)

static const WCHAR *const g_DeviceNames[FIFO_DEVICES] = {L"\\Device\\Fifo", L"\\Device\\FifoDirect",
                                                         L"\\Device\\FifoNeither"};
static const WCHAR *const g_LinkNames[FIFO_DEVICES] = {
    L"\\DosDevices\\Fifo", L"\\DosDevices\\FifoDirect", L"\\DosDevices\\FifoNeither"};
static const WDF_DEVICE_IO_TYPE g_IoTypes[FIFO_DEVICES] = {WdfDeviceIoBuffered, WdfDeviceIoDirect,
                                                           WdfDeviceIoNeither};

DRIVER_INITIALIZE DriverEntry;
static EVT_WDF_DRIVER_UNLOAD FifoEvtDriverUnload;
static EVT_WDF_IO_IN_CALLER_CONTEXT FifoEvtIoInCallerContext;
static EVT_WDF_IO_QUEUE_IO_READ FifoEvtIoRead;
static EVT_WDF_IO_QUEUE_IO_WRITE FifoEvtIoWrite;
static EVT_WDF_IO_QUEUE_IO_DEVICE_CONTROL FifoEvtIoDeviceControl;
static EVT_WDF_IO_QUEUE_IO_CANCELED_ON_QUEUE FifoEvtReadCanceled, FifoEvtDelayCanceled;
static EVT_WDF_FILE_CLEANUP FifoEvtFileCleanup;
static EVT_WDF_DPC FifoEvtDrainDpc;
static EVT_WDF_TIMER FifoEvtDelayTimer;
static EVT_WDF_WORKITEM FifoEvtResetWorkItem;

/* The request's buffer: locked in caller context (neither I/O), else the framework's. */
static NTSTATUS FifoRequestBuffer(WDFREQUEST Request, BOOLEAN Output, size_t Length, PVOID *Buffer)
{
    FIFO_REQUEST_CONTEXT *context = FifoRequestGetContext(Request);
    WDFMEMORY memory = Output ? context->Out : context->In;
    if (memory != NULL) {
        *Buffer = WdfMemoryGetBuffer(memory, NULL);
        return STATUS_SUCCESS;
    }
    return Output ? WdfRequestRetrieveOutputBuffer(Request, Length, Buffer, NULL)
                  : WdfRequestRetrieveInputBuffer(Request, Length, Buffer, NULL);
}

/* Takes up to Length bytes out of the FIFO. Lock held. */
static ULONG FifoTakeLocked(PUCHAR Buffer, ULONG Length)
{
    ULONG done = 0;
    while (done < Length && !IsListEmpty(&g_Fifo.Chunks)) {
        PFIFO_CHUNK chunk = CONTAINING_RECORD(g_Fifo.Chunks.Flink, FIFO_CHUNK, Link);
        ULONG n = min(Length - done, chunk->Length - chunk->Offset);
        RtlCopyMemory(Buffer + done, chunk->Data + chunk->Offset, n);
        chunk->Offset += n;
        done += n;
        if (chunk->Offset == chunk->Length) {
            RemoveHeadList(&g_Fifo.Chunks);
            WdfObjectDelete(chunk->Memory); /* back to the lookaside list */
        }
    }
    g_Fifo.Stats.BytesQueued -= done;
    return done;
}

/* Locks the requester's buffer of a neither-I/O transfer (Length > 0) into the context. */
static NTSTATUS FifoLockUserBuffer(WDFREQUEST Request, BOOLEAN Output)
{
    FIFO_REQUEST_CONTEXT *context = FifoRequestGetContext(Request);
    PVOID buffer;
    size_t length;
    NTSTATUS status;
    if (Output) {
        status = WdfRequestRetrieveUnsafeUserOutputBuffer(Request, 1, &buffer, &length);
        if (NT_SUCCESS(status))
            status =
                WdfRequestProbeAndLockUserBufferForWrite(Request, buffer, length, &context->Out);
    } else {
        status = WdfRequestRetrieveUnsafeUserInputBuffer(Request, 1, &buffer, &length);
        if (NT_SUCCESS(status))
            status = WdfRequestProbeAndLockUserBufferForRead(Request, buffer, length, &context->In);
    }
    return status;
}

/* Runs in the requester's context before the request is queued: the only place where its
 * user-mode addresses (neither I/O, METHOD_NEITHER) may be probed and locked. */
static VOID FifoEvtIoInCallerContext(WDFDEVICE Device, WDFREQUEST Request)
{
    WDF_REQUEST_PARAMETERS params;
    BOOLEAN neither = FifoDeviceGetContext(Device)->Neither;
    NTSTATUS status = STATUS_SUCCESS;
    WDF_REQUEST_PARAMETERS_INIT(&params);
    WdfRequestGetParameters(Request, &params);
    if (params.Type == WdfRequestTypeRead && neither && params.Parameters.Read.Length > 0) {
        status = FifoLockUserBuffer(Request, TRUE);
    } else if (params.Type == WdfRequestTypeWrite && neither &&
               params.Parameters.Write.Length > 0) {
        status = FifoLockUserBuffer(Request, FALSE);
    } else if (params.Type == WdfRequestTypeDeviceControl &&
               METHOD_FROM_CTL_CODE(params.Parameters.DeviceIoControl.IoControlCode) ==
                   METHOD_NEITHER) {
        if (params.Parameters.DeviceIoControl.InputBufferLength > 0)
            status = FifoLockUserBuffer(Request, FALSE);
        if (NT_SUCCESS(status) && params.Parameters.DeviceIoControl.OutputBufferLength > 0)
            status = FifoLockUserBuffer(Request, TRUE);
    }
    if (NT_SUCCESS(status))
        status = WdfDeviceEnqueueRequest(Device, Request);
    if (!NT_SUCCESS(status)) {
        TraceEvents(TRACE_LEVEL_WARNING, TRACE_DEVICE, "request %p: %!STATUS!", Request, status);
        WdfRequestComplete(Request, status);
    }
}

static VOID FifoEvtIoRead(WDFQUEUE Queue, WDFREQUEST Request, size_t Length)
{
    FIFO_DEVICE_CONTEXT *device = FifoDeviceGetContext(WdfIoQueueGetDevice(Queue));
    PVOID buffer;
    ULONG done;
    NTSTATUS status;
    /* A zero-length read never comes here: the framework completes it (STATUS_SUCCESS). */
    if (!NT_SUCCESS(FifoRequestBuffer(Request, TRUE, Length, &buffer))) {
        TraceEvents(TRACE_LEVEL_ERROR, TRACE_IO, "read %p: no buffer", Request);
        WdfRequestComplete(Request, STATUS_INSUFFICIENT_RESOURCES);
        return;
    }
    WdfSpinLockAcquire(g_Fifo.Lock);
    g_Fifo.Stats.Reads++;
    if (!IsListEmpty(&g_Fifo.Chunks)) {
        done = FifoTakeLocked(buffer, (ULONG)Length);
        WdfSpinLockRelease(g_Fifo.Lock);
        TraceEvents(TRACE_LEVEL_VERBOSE, TRACE_IO, "read %p: %u of %Iu bytes", Request, done,
                    Length);
        WdfRequestCompleteWithInformation(Request, STATUS_SUCCESS, done);
        return;
    }
    g_Fifo.Stats.PendingReads++;
    WdfSpinLockRelease(g_Fifo.Lock);
    /* Waits in the manual queue, cancelable by the framework, until the drain DPC takes it. */
    status = WdfRequestForwardToIoQueue(Request, device->ReadQueue);
    if (!NT_SUCCESS(status)) {
        TraceEvents(TRACE_LEVEL_ERROR, TRACE_IO, "read %p: forward %!STATUS!", Request, status);
        WdfSpinLockAcquire(g_Fifo.Lock);
        g_Fifo.Stats.PendingReads--;
        WdfSpinLockRelease(g_Fifo.Lock);
        WdfRequestComplete(Request, status);
        return;
    }
    TraceEvents(TRACE_LEVEL_VERBOSE, TRACE_IO, "read %p waits for data", Request);
    WdfDpcEnqueue(g_Fifo.DrainDpc); /* a write may have come between the check and the queue */
}

/* The framework cancelled a read waiting in a ReadQueue (the requester cancelled it). */
static VOID FifoEvtReadCanceled(WDFQUEUE Queue, WDFREQUEST Request)
{
    WdfSpinLockAcquire(g_Fifo.Lock);
    g_Fifo.Stats.PendingReads--;
    WdfSpinLockRelease(g_Fifo.Lock);
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_IO, "queue %p: read %p cancelled", Queue, Request);
    WdfRequestComplete(Request, STATUS_CANCELLED);
}

/* The next read waiting on any device, in device order (NULL: none). */
static WDFREQUEST FifoNextPendingRead(VOID)
{
    WDFREQUEST request;
    for (int i = 0; i < FIFO_DEVICES; i++)
        if (NT_SUCCESS(WdfIoQueueRetrieveNextRequest(
                FifoDeviceGetContext(g_Fifo.Devices[i])->ReadQueue, &request)))
            return request;
    return NULL;
}

/* Satisfies waiting reads from the FIFO; runs at DISPATCH_LEVEL after each write. */
static VOID FifoEvtDrainDpc(WDFDPC Dpc)
{
    UNREFERENCED_PARAMETER(Dpc);
    for (;;) {
        WDF_REQUEST_PARAMETERS params;
        WDFREQUEST request = NULL;
        PVOID buffer;
        ULONG done = 0;
        WdfSpinLockAcquire(g_Fifo.Lock);
        if (!IsListEmpty(&g_Fifo.Chunks))
            request = FifoNextPendingRead();
        if (request == NULL) {
            WdfSpinLockRelease(g_Fifo.Lock);
            return;
        }
        g_Fifo.Stats.PendingReads--;
        WDF_REQUEST_PARAMETERS_INIT(&params);
        WdfRequestGetParameters(request, &params);
        if (NT_SUCCESS(FifoRequestBuffer(request, TRUE, 1, &buffer)))
            done = FifoTakeLocked(buffer, (ULONG)params.Parameters.Read.Length);
        WdfSpinLockRelease(g_Fifo.Lock);
        TraceEvents(TRACE_LEVEL_VERBOSE, TRACE_IO, "read %p: %u bytes at %!IRQL!", request, done,
                    KeGetCurrentIrql());
        WdfRequestCompleteWithInformation(request, STATUS_SUCCESS, done);
    }
}

static VOID FifoEvtIoWrite(WDFQUEUE Queue, WDFREQUEST Request, size_t Length)
{
    PUCHAR buffer;
    ULONG done = 0;
    UNREFERENCED_PARAMETER(Queue);
    if (!NT_SUCCESS(FifoRequestBuffer(Request, FALSE, Length, (PVOID *)&buffer))) {
        WdfRequestComplete(Request, STATUS_INSUFFICIENT_RESOURCES);
        return;
    }
    while (done < Length) {
        WDFMEMORY memory;
        PFIFO_CHUNK chunk;
        if (!NT_SUCCESS(WdfMemoryCreateFromLookaside(g_Fifo.ChunkLookaside, &memory)))
            break;
        chunk = WdfMemoryGetBuffer(memory, NULL);
        chunk->Memory = memory;
        chunk->Length = min((ULONG)Length - done, FIFO_CHUNK_DATA);
        chunk->Offset = 0;
        RtlCopyMemory(chunk->Data, buffer + done, chunk->Length);
        done += chunk->Length;
        WdfSpinLockAcquire(g_Fifo.Lock);
        InsertTailList(&g_Fifo.Chunks, &chunk->Link);
        g_Fifo.Stats.BytesQueued += chunk->Length;
        WdfSpinLockRelease(g_Fifo.Lock);
    }
    WdfSpinLockAcquire(g_Fifo.Lock);
    g_Fifo.Stats.Writes++;
    WdfSpinLockRelease(g_Fifo.Lock);
    WdfDpcEnqueue(g_Fifo.DrainDpc);
    if (done < Length) {
        TraceEvents(TRACE_LEVEL_WARNING, TRACE_IO, "write %p: %u of %Iu bytes, out of memory",
                    Request, done, Length);
        WdfRequestCompleteWithInformation(Request, STATUS_INSUFFICIENT_RESOURCES, done);
        return;
    }
    TraceEvents(TRACE_LEVEL_VERBOSE, TRACE_IO, "write %p: %u bytes", Request, done);
    WdfRequestCompleteWithInformation(Request, STATUS_SUCCESS, done);
}

/* The ioctl handlers below return the status the request completes with, and the byte count
 * in *Information; STATUS_PENDING when they kept the request (it completes later). */

static NTSTATUS FifoEcho(WDFREQUEST Request, size_t OutputLength, size_t InputLength,
                         size_t *Information)
{
    size_t n = min(InputLength, OutputLength);
    PVOID in, out;
    NTSTATUS status;
    if (n == 0)
        return STATUS_SUCCESS;
    /* METHOD_BUFFERED: one system buffer holds the input and receives the output. */
    status = FifoRequestBuffer(Request, FALSE, n, &in);
    if (NT_SUCCESS(status))
        status = FifoRequestBuffer(Request, TRUE, n, &out);
    if (!NT_SUCCESS(status))
        return STATUS_INVALID_PARAMETER;
    if (in != out)
        RtlCopyMemory(out, in, n);
    TraceEvents(TRACE_LEVEL_VERBOSE, TRACE_QUEUE, "%Iu bytes: %!HEXDUMP!", n,
                LOG_LENSTR((ULONG)min(n, 16), (PCHAR)out));
    *Information = n;
    return STATUS_SUCCESS;
}

static NTSTATUS FifoGetStats(WDFREQUEST Request, size_t OutputLength, size_t *Information)
{
    FIFO_STATS *stats;
    if (OutputLength < sizeof(FIFO_STATS) ||
        !NT_SUCCESS(
            WdfRequestRetrieveOutputBuffer(Request, sizeof(FIFO_STATS), (PVOID *)&stats, NULL)))
        return STATUS_BUFFER_TOO_SMALL;
    WdfSpinLockAcquire(g_Fifo.Lock);
    *stats = g_Fifo.Stats;
    WdfSpinLockRelease(g_Fifo.Lock);
    *Information = sizeof(FIFO_STATS);
    return STATUS_SUCCESS;
}

/* The framework cancelled the DELAY request waiting for its timer. */
static VOID FifoEvtDelayCanceled(WDFQUEUE Queue, WDFREQUEST Request)
{
    WdfTimerStop(g_Fifo.DelayTimer, FALSE);
    WdfSpinLockAcquire(g_Fifo.Lock);
    g_Fifo.DelayPending = FALSE;
    WdfSpinLockRelease(g_Fifo.Lock);
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_QUEUE, "queue %p: DELAY %p cancelled", Queue,
                Request);
    WdfRequestComplete(Request, STATUS_CANCELLED);
}

/* The delay elapsed: the DELAY request completes with its ULONG as the output. */
static VOID FifoEvtDelayTimer(WDFTIMER Timer)
{
    WDFREQUEST request;
    UNREFERENCED_PARAMETER(Timer);
    for (int i = 0; i < FIFO_DEVICES; i++) {
        if (!NT_SUCCESS(WdfIoQueueRetrieveNextRequest(
                FifoDeviceGetContext(g_Fifo.Devices[i])->DelayQueue, &request)))
            continue;
        WdfSpinLockAcquire(g_Fifo.Lock);
        g_Fifo.DelayPending = FALSE;
        WdfSpinLockRelease(g_Fifo.Lock);
        TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_QUEUE, "DELAY %p elapsed, at %!IRQL!", request,
                    KeGetCurrentIrql());
        WdfRequestCompleteWithInformation(request, STATUS_SUCCESS, sizeof(ULONG));
        return;
    }
}

static NTSTATUS FifoDelay(WDFQUEUE Queue, WDFREQUEST Request, size_t OutputLength,
                          size_t InputLength)
{
    FIFO_DEVICE_CONTEXT *device = FifoDeviceGetContext(WdfIoQueueGetDevice(Queue));
    PULONG ms;
    ULONG timeout;
    NTSTATUS status;
    if (InputLength < sizeof(ULONG) || OutputLength < sizeof(ULONG) ||
        !NT_SUCCESS(WdfRequestRetrieveInputBuffer(Request, sizeof(ULONG), (PVOID *)&ms, NULL)))
        return STATUS_BUFFER_TOO_SMALL;
    /* Read before the request goes to the DelayQueue: from then on it is not ours, and the
     * timer of a DELAY cancelled just before (stopped without waiting) may complete it at once
     * (found by the fuzzer with the driver instrumented: drvcc --fuzz, docs/fuzzing.md). */
    timeout = *ms;
    WdfSpinLockAcquire(g_Fifo.Lock);
    if (g_Fifo.DelayPending) {
        WdfSpinLockRelease(g_Fifo.Lock);
        return STATUS_DEVICE_BUSY;
    }
    g_Fifo.DelayPending = TRUE;
    WdfSpinLockRelease(g_Fifo.Lock);
    status = WdfRequestForwardToIoQueue(Request, device->DelayQueue);
    if (!NT_SUCCESS(status)) {
        WdfSpinLockAcquire(g_Fifo.Lock);
        g_Fifo.DelayPending = FALSE;
        WdfSpinLockRelease(g_Fifo.Lock);
        return status;
    }
    WdfTimerStart(g_Fifo.DelayTimer, WDF_REL_TIMEOUT_IN_MS(timeout));
    return STATUS_PENDING;
}

/* Empties the FIFO at PASSIVE_LEVEL and completes the RESET request with the bytes dropped. */
static VOID FifoEvtResetWorkItem(WDFWORKITEM WorkItem)
{
    WDFREQUEST request;
    ULONG dropped = 0;
    UNREFERENCED_PARAMETER(WorkItem);
    PAGED_CODE();
    WdfSpinLockAcquire(g_Fifo.Lock);
    while (!IsListEmpty(&g_Fifo.Chunks)) {
        PFIFO_CHUNK chunk = CONTAINING_RECORD(RemoveHeadList(&g_Fifo.Chunks), FIFO_CHUNK, Link);
        dropped += chunk->Length - chunk->Offset;
        WdfObjectDelete(chunk->Memory);
    }
    g_Fifo.Stats.BytesQueued = 0;
    request = g_Fifo.ResetRequest;
    g_Fifo.ResetRequest = NULL;
    WdfSpinLockRelease(g_Fifo.Lock);
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_QUEUE, "RESET %p dropped %u bytes", request,
                dropped);
    WdfRequestCompleteWithInformation(request, STATUS_SUCCESS, dropped);
}

static NTSTATUS FifoReset(WDFREQUEST Request)
{
    WdfSpinLockAcquire(g_Fifo.Lock);
    if (g_Fifo.ResetRequest != NULL) {
        WdfSpinLockRelease(g_Fifo.Lock);
        return STATUS_DEVICE_BUSY;
    }
    g_Fifo.ResetRequest = Request;
    WdfSpinLockRelease(g_Fifo.Lock);
    WdfWorkItemEnqueue(g_Fifo.ResetItem);
    return STATUS_PENDING;
}

/* Each ioctl is traced with its status; a request a handler kept (STATUS_PENDING) is
 * completed, and traced, by its timer or work item, or by its cancellation. */
static VOID FifoEvtIoDeviceControl(WDFQUEUE Queue, WDFREQUEST Request, size_t OutputBufferLength,
                                   size_t InputBufferLength, ULONG IoControlCode)
{
    size_t information = 0;
    NTSTATUS status;
    switch (IoControlCode) {
    case IOCTL_FIFO_ECHO_BUFFERED:
    case IOCTL_FIFO_ECHO_IN_DIRECT:
    case IOCTL_FIFO_ECHO_OUT_DIRECT:
    case IOCTL_FIFO_ECHO_NEITHER:
        status = FifoEcho(Request, OutputBufferLength, InputBufferLength, &information);
        break;
    case IOCTL_FIFO_GET_STATS:
        status = FifoGetStats(Request, OutputBufferLength, &information);
        break;
    case IOCTL_FIFO_DELAY:
        status = FifoDelay(Queue, Request, OutputBufferLength, InputBufferLength);
        break;
    case IOCTL_FIFO_RESET:
        status = FifoReset(Request);
        break;
    default:
        status = STATUS_INVALID_DEVICE_REQUEST;
        break;
    }
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_QUEUE, "%s (0x%08X) request %p: %!STATUS!",
                FifoIoctlName(IoControlCode), IoControlCode, Request, status);
    if (status != STATUS_PENDING)
        WdfRequestCompleteWithInformation(Request, status, information);
}

/* The handle is closing: reads it left waiting are cancelled. WdfIoQueueFindRequest gives a
 * referenced handle of the next one of this file object; one cancelled between the find and
 * the retrieval is no longer there (STATUS_NOT_FOUND): find again. */
static VOID FifoEvtFileCleanup(WDFFILEOBJECT FileObject)
{
    WDFQUEUE queue = FifoDeviceGetContext(WdfFileObjectGetDevice(FileObject))->ReadQueue;
    WDFREQUEST found, request;
    NTSTATUS status;
    while (NT_SUCCESS(WdfIoQueueFindRequest(queue, NULL, FileObject, NULL, &found))) {
        status = WdfIoQueueRetrieveFoundRequest(queue, found, &request);
        WdfObjectDereference(found);
        if (status == STATUS_NOT_FOUND)
            continue;
        if (!NT_SUCCESS(status))
            return;
        WdfSpinLockAcquire(g_Fifo.Lock);
        g_Fifo.Stats.PendingReads--;
        WdfSpinLockRelease(g_Fifo.Lock);
        TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_DEVICE, "file %p: read %p cancelled", FileObject,
                    request);
        WdfRequestComplete(request, STATUS_CANCELLED);
    }
}

/* The framework deletes the devices, links, queues, timer, DPC and work item after this; the
 * chunks still in the FIFO go back to the lookaside list here. */
static VOID FifoEvtDriverUnload(WDFDRIVER Driver)
{
    if (g_Fifo.DelayTimer != NULL)
        WdfTimerStop(g_Fifo.DelayTimer, TRUE);
    while (!IsListEmpty(&g_Fifo.Chunks))
        WdfObjectDelete(
            CONTAINING_RECORD(RemoveHeadList(&g_Fifo.Chunks), FIFO_CHUNK, Link)->Memory);
    KdPrint(("fifo: unloaded\n"));
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_DRIVER, "driver %p", Driver);
    /* Nothing of the driver traces after this: the framework's deletion of the devices calls
     * none of its callbacks. */
    WPP_CLEANUP(WdfDriverWdmGetDriverObject(Driver));
}

static NTSTATUS FifoCreateQueues(WDFDEVICE Device)
{
    FIFO_DEVICE_CONTEXT *context = FifoDeviceGetContext(Device);
    WDF_IO_QUEUE_CONFIG config;
    NTSTATUS status;
    WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(&config, WdfIoQueueDispatchParallel);
    config.EvtIoRead = FifoEvtIoRead;
    config.EvtIoWrite = FifoEvtIoWrite;
    config.EvtIoDeviceControl = FifoEvtIoDeviceControl;
    status = WdfIoQueueCreate(Device, &config, WDF_NO_OBJECT_ATTRIBUTES, WDF_NO_HANDLE);
    if (!NT_SUCCESS(status))
        return status;
    WDF_IO_QUEUE_CONFIG_INIT(&config, WdfIoQueueDispatchManual);
    config.EvtIoCanceledOnQueue = FifoEvtReadCanceled;
    status = WdfIoQueueCreate(Device, &config, WDF_NO_OBJECT_ATTRIBUTES, &context->ReadQueue);
    if (!NT_SUCCESS(status))
        return status;
    WDF_IO_QUEUE_CONFIG_INIT(&config, WdfIoQueueDispatchManual);
    config.EvtIoCanceledOnQueue = FifoEvtDelayCanceled;
    return WdfIoQueueCreate(Device, &config, WDF_NO_OBJECT_ATTRIBUTES, &context->DelayQueue);
}

static NTSTATUS FifoCreateDevice(WDFDRIVER Driver, int Index)
{
    DECLARE_CONST_UNICODE_STRING(sddl, L"D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GRGW;;;WD)");
    UNICODE_STRING name, link;
    WDF_FILEOBJECT_CONFIG file_config;
    WDF_OBJECT_ATTRIBUTES attributes;
    WDFDEVICE device;
    PWDFDEVICE_INIT init = WdfControlDeviceInitAllocate(Driver, &sddl);
    NTSTATUS status;
    if (init == NULL) {
        TraceEvents(TRACE_LEVEL_ERROR, TRACE_DEVICE, "WdfControlDeviceInitAllocate failed");
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    RtlInitUnicodeString(&name, g_DeviceNames[Index]);
    RtlInitUnicodeString(&link, g_LinkNames[Index]);
    WdfDeviceInitSetDeviceType(init, FIFO_DEVICE_TYPE);
    WdfDeviceInitSetIoType(init, g_IoTypes[Index]);
    WDF_FILEOBJECT_CONFIG_INIT(&file_config, WDF_NO_EVENT_CALLBACK, WDF_NO_EVENT_CALLBACK,
                               FifoEvtFileCleanup);
    WdfDeviceInitSetFileObjectConfig(init, &file_config, WDF_NO_OBJECT_ATTRIBUTES);
    WdfDeviceInitSetIoInCallerContextCallback(init, FifoEvtIoInCallerContext);
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attributes, FIFO_REQUEST_CONTEXT);
    WdfDeviceInitSetRequestAttributes(init, &attributes);
    status = WdfDeviceInitAssignName(init, &name);
    if (NT_SUCCESS(status)) {
        WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attributes, FIFO_DEVICE_CONTEXT);
        status = WdfDeviceCreate(&init, &attributes, &device);
    }
    if (!NT_SUCCESS(status)) {
        TraceEvents(TRACE_LEVEL_ERROR, TRACE_DEVICE, "%wZ: %!STATUS!", &name, status);
        WdfDeviceInitFree(init); /* a control device's init is the driver's on failure */
        return status;
    }
    g_Fifo.Devices[Index] = device;
    FifoDeviceGetContext(device)->Neither = g_IoTypes[Index] == WdfDeviceIoNeither;
    status = WdfDeviceCreateSymbolicLink(device, &link);
    if (NT_SUCCESS(status))
        status = FifoCreateQueues(device);
    if (!NT_SUCCESS(status)) {
        TraceEvents(TRACE_LEVEL_ERROR, TRACE_DEVICE, "%wZ: link or queues %!STATUS!", &name,
                    status);
        return status;
    }
    WdfControlFinishInitializing(device);
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_DEVICE, "device %p %wZ -> %wZ", device, &link,
                &name);
    return status;
}

/* The DPC, the timer and the work item belong to the first device (their parent must be a
 * device or a queue); none is serialised with the queues: the spin lock guards the FIFO. */
static NTSTATUS FifoCreateCallbacks(VOID)
{
    WDF_OBJECT_ATTRIBUTES attributes;
    WDF_DPC_CONFIG dpc_config;
    WDF_TIMER_CONFIG timer_config;
    WDF_WORKITEM_CONFIG item_config;
    NTSTATUS status;
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.ParentObject = g_Fifo.Devices[0];
    WDF_DPC_CONFIG_INIT(&dpc_config, FifoEvtDrainDpc);
    dpc_config.AutomaticSerialization = FALSE;
    status = WdfDpcCreate(&dpc_config, &attributes, &g_Fifo.DrainDpc);
    if (!NT_SUCCESS(status))
        return status;
    WDF_TIMER_CONFIG_INIT(&timer_config, FifoEvtDelayTimer);
    timer_config.AutomaticSerialization = FALSE;
    status = WdfTimerCreate(&timer_config, &attributes, &g_Fifo.DelayTimer);
    if (!NT_SUCCESS(status))
        return status;
    WDF_WORKITEM_CONFIG_INIT(&item_config, FifoEvtResetWorkItem);
    item_config.AutomaticSerialization = FALSE;
    return WdfWorkItemCreate(&item_config, &attributes, &g_Fifo.ResetItem);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WDF_DRIVER_CONFIG config;
    WDFDRIVER driver;
    NTSTATUS status;
    WPP_INIT_TRACING(DriverObject, RegistryPath);
    KdPrint(("fifo: DriverEntry %wZ\n", RegistryPath));
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_DRIVER, "service key %wZ", RegistryPath);
    RtlZeroMemory(&g_Fifo, sizeof(g_Fifo)); /* a module loaded again starts afresh */
    InitializeListHead(&g_Fifo.Chunks);
    WDF_DRIVER_CONFIG_INIT(&config, WDF_NO_EVENT_CALLBACK);
    config.DriverInitFlags |= WdfDriverInitNonPnpDriver;
    config.EvtDriverUnload = FifoEvtDriverUnload;
    status =
        WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config, &driver);
    if (!NT_SUCCESS(status)) {
        TraceEvents(TRACE_LEVEL_ERROR, TRACE_DRIVER, "WdfDriverCreate: %!STATUS!", status);
        WPP_CLEANUP(DriverObject);
        return status;
    }
    /* From here on a failure needs no undoing: the framework deletes what the driver object
     * holds (devices, links, queues, the lock, the lookaside list) when DriverEntry fails. */
    status = WdfSpinLockCreate(WDF_NO_OBJECT_ATTRIBUTES, &g_Fifo.Lock);
    if (NT_SUCCESS(status))
        status =
            WdfLookasideListCreate(WDF_NO_OBJECT_ATTRIBUTES, sizeof(FIFO_CHUNK), NonPagedPoolNx,
                                   WDF_NO_OBJECT_ATTRIBUTES, FIFO_TAG, &g_Fifo.ChunkLookaside);
    for (int i = 0; i < FIFO_DEVICES && NT_SUCCESS(status); i++)
        status = FifoCreateDevice(driver, i);
    if (NT_SUCCESS(status))
        status = FifoCreateCallbacks();
    if (!NT_SUCCESS(status)) {
        /* EvtDriverUnload is not called when DriverEntry fails. */
        TraceEvents(TRACE_LEVEL_ERROR, TRACE_DRIVER, "failed: %!STATUS!", status);
        WPP_CLEANUP(DriverObject);
        return status;
    }
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_DRIVER, "%d devices ready", FIFO_DEVICES);
    return status;
}
