/*
 * wdfspeed.c - a framework (KMDF) non-PnP driver with one control device, \Device\WdfSpeed
 * (\??\WdfSpeed), and a default parallel queue: the object model exercised the way the fast
 * paths of the framework's handle lookup and request reuse must keep working (wdfspeed.h).
 * Written against the KMDF 1.33 documentation; public headers only.
 */
#include <ntddk.h>
#include <wdf.h>

#include "wdfspeed.h"

typedef struct _SPEED_OBJECT {
    ULONG Index;
    ULONG Marker;
} SPEED_OBJECT;
WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(SPEED_OBJECT, SpeedGetObject)

#define SPEED_MARKER 0x53504544u

/* Every request's context (the device's request attributes): zero when the request arrives. */
typedef struct _SPEED_REQUEST {
    ULONG Marker;
    ULONG CleanedUp; /* set by the cleanup callback */
} SPEED_REQUEST;
WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(SPEED_REQUEST, SpeedGetRequest)

/* A context IOCTL_S_EXTRA_CONTEXT allocates on its request. */
typedef struct _SPEED_EXTRA {
    ULONG Unused;
} SPEED_EXTRA;
WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(SPEED_EXTRA, SpeedGetExtra)

DRIVER_INITIALIZE DriverEntry;
static EVT_WDF_IO_QUEUE_IO_DEVICE_CONTROL SpeedDeviceControl;
static EVT_WDF_OBJECT_CONTEXT_CLEANUP SpeedChildCleanup;
static EVT_WDF_IO_QUEUE_IO_DEFAULT SpeedCreateRequest;
static EVT_WDF_IO_QUEUE_IO_READ SpeedRead;

static WDFREQUEST g_kept;
static LONG g_child_cleanups;
static LONG g_dirty_contexts;   /* requests whose context did not start zeroed */
static WDFQUEUE g_create_queue; /* NULL once deleted */
static LONG g_queued_creates;   /* creates its EvtIoDefault saw */
static WDFQUEUE g_read_queue;   /* NULL once deleted */
static SPEED_COUNTS g_counts;   /* updated with Interlocked* */
static WDFREQUEST g_referenced; /* IOCTL_S_REFERENCE's, until IOCTL_S_DEREFERENCE */
static WDFQUEUE g_hold_queue;   /* manual: IOCTL_S_PEND's request waits there */

/* Microsoft (EVT_WDF_OBJECT_CONTEXT_CLEANUP, _DESTROY): cleanup when the request is deleted
 * (completed), destroy once its last reference is gone, the context still there. */
static VOID SpeedRequestCleanup(WDFOBJECT Object)
{
    SPEED_REQUEST *c = SpeedGetRequest(Object);
    if (c->CleanedUp != 0)
        InterlockedIncrement((LONG *)&g_counts.Misordered);
    c->CleanedUp = 1;
    InterlockedIncrement((LONG *)&g_counts.RequestCleanups);
}

static VOID SpeedRequestDestroy(WDFOBJECT Object)
{
    if (SpeedGetRequest(Object)->CleanedUp != 1)
        InterlockedIncrement((LONG *)&g_counts.Misordered);
    if (Object == (WDFOBJECT)g_referenced)
        InterlockedExchange((LONG *)&g_counts.ReferencedDestroyed, 1);
    InterlockedIncrement((LONG *)&g_counts.RequestDestroys);
}

static VOID SpeedExtraCleanup(WDFOBJECT Object)
{
    UNREFERENCED_PARAMETER(Object);
    InterlockedIncrement((LONG *)&g_counts.ExtraCleanups);
}

static VOID SpeedCompleteWithCounts(WDFREQUEST Request)
{
    SPEED_COUNTS *out;
    NTSTATUS status = WdfRequestRetrieveOutputBuffer(Request, sizeof(*out), (PVOID *)&out, NULL);
    if (NT_SUCCESS(status))
        *out = g_counts;
    WdfRequestCompleteWithInformation(Request, status, NT_SUCCESS(status) ? sizeof(*out) : 0);
}

static VOID SpeedDereference(WDFREQUEST Request)
{
    WDFREQUEST kept = g_referenced;
    SPEED_REQUEST *c;
    if (kept == NULL) {
        WdfRequestComplete(Request, STATUS_INVALID_DEVICE_STATE);
        return;
    }
    c = SpeedGetRequest(kept); /* completed, but referenced: still the same object */
    g_counts.ReferencedIntact = c->Marker == SPEED_MARKER && c->CleanedUp == 1;
    WdfObjectDereference(kept);
    g_referenced = NULL;
    SpeedCompleteWithCounts(Request);
}

static VOID SpeedExtraContext(WDFREQUEST Request)
{
    WDF_OBJECT_ATTRIBUTES attributes;
    PVOID extra;
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attributes, SPEED_EXTRA);
    attributes.EvtCleanupCallback = SpeedExtraCleanup;
    WdfRequestComplete(Request, WdfObjectAllocateContext(Request, &attributes, &extra));
}

/* Microsoft (WdfIoQueueFindRequest): the request found is referenced; the driver dereferences
 * it. The queue's lock orders the pending thread's forward before this look-up. */
static VOID SpeedPending(WDFREQUEST Request)
{
    WDFREQUEST found = NULL;
    ULONG_PTR *out;
    NTSTATUS status = WdfRequestRetrieveOutputBuffer(Request, sizeof(*out), (PVOID *)&out, NULL);
    if (NT_SUCCESS(status)) {
        *out = 0;
        if (NT_SUCCESS(WdfIoQueueFindRequest(g_hold_queue, NULL, NULL, NULL, &found))) {
            *out = (ULONG_PTR)found;
            WdfObjectDereference(found);
        }
    }
    WdfRequestCompleteWithInformation(Request, status, NT_SUCCESS(status) ? sizeof(*out) : 0);
}

static VOID SpeedFinish(WDFREQUEST Request)
{
    WDFREQUEST kept;
    NTSTATUS status = WdfIoQueueRetrieveNextRequest(g_hold_queue, &kept);
    if (NT_SUCCESS(status))
        WdfRequestCompleteWithInformation(kept, STATUS_SUCCESS, 7);
    WdfRequestComplete(Request, status);
}

/* The session 11 control codes; FALSE: not one of them. */
static BOOLEAN SpeedKeptObjects(WDFREQUEST Request, ULONG IoControlCode)
{
    switch (IoControlCode) {
    case IOCTL_S_COUNTS:
        SpeedCompleteWithCounts(Request);
        return TRUE;
    case IOCTL_S_REFERENCE:
        WdfObjectReference(Request);
        g_referenced = Request;
        WdfRequestComplete(Request, STATUS_SUCCESS);
        return TRUE;
    case IOCTL_S_DEREFERENCE:
        SpeedDereference(Request);
        return TRUE;
    case IOCTL_S_EXTRA_CONTEXT:
        SpeedExtraContext(Request);
        return TRUE;
    case IOCTL_S_PEND: {
        NTSTATUS status = WdfRequestForwardToIoQueue(Request, g_hold_queue);
        if (!NT_SUCCESS(status))
            WdfRequestComplete(Request, status);
        return TRUE;
    }
    case IOCTL_S_PENDING:
        SpeedPending(Request);
        return TRUE;
    case IOCTL_S_FINISH:
        SpeedFinish(Request);
        return TRUE;
    default:
        return FALSE;
    }
}

/* Microsoft (WdfDeviceConfigureRequestDispatching, WdfRequestTypeCreate): a create request
 * reaches the queue's EvtIoDefault; completing it with success opens the file. */
static VOID SpeedCreateRequest(WDFQUEUE Queue, WDFREQUEST Request)
{
    UNREFERENCED_PARAMETER(Queue);
    InterlockedIncrement(&g_queued_creates);
    WdfRequestComplete(Request, STATUS_SUCCESS);
}

static VOID SpeedRead(WDFQUEUE Queue, WDFREQUEST Request, size_t Length)
{
    UNREFERENCED_PARAMETER(Queue);
    WdfRequestCompleteWithInformation(Request, STATUS_SUCCESS, Length);
}

static VOID SpeedCopy(WDFREQUEST Request)
{
    PVOID in, out;
    size_t in_length, out_length;
    NTSTATUS status = WdfRequestRetrieveInputBuffer(Request, 1, &in, &in_length);
    if (NT_SUCCESS(status))
        status = WdfRequestRetrieveOutputBuffer(Request, in_length, &out, &out_length);
    if (NT_SUCCESS(status))
        RtlMoveMemory(out, in, in_length);
    WdfRequestCompleteWithInformation(Request, status, NT_SUCCESS(status) ? in_length : 0);
}

/* Creates count objects (context: their index) under the driver; NULL entries on failure. */
static ULONG SpeedCreate(WDFOBJECT *objects, ULONG count)
{
    WDF_OBJECT_ATTRIBUTES attributes;
    ULONG failed = 0;
    for (ULONG i = 0; i < count; i++) {
        WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attributes, SPEED_OBJECT);
        objects[i] = NULL;
        if (!NT_SUCCESS(WdfObjectCreate(&attributes, &objects[i]))) {
            failed++;
            continue;
        }
        SpeedGetObject(objects[i])->Index = i;
        SpeedGetObject(objects[i])->Marker = SPEED_MARKER;
    }
    return failed;
}

/* Every live object of the array (each `step`-th from `first`) is found with its context. */
static ULONG SpeedCheck(WDFOBJECT *objects, ULONG count, ULONG first, ULONG step)
{
    ULONG failed = 0;
    for (ULONG i = first; i < count; i += step) {
        SPEED_OBJECT *o = objects[i] != NULL ? SpeedGetObject(objects[i]) : NULL;
        if (o == NULL || o->Index != i || o->Marker != SPEED_MARKER ||
            WdfObjectContextGetObject(o) != objects[i])
            failed++;
    }
    return failed;
}

/* The object array of one request (requests run at once on a parallel queue). */
static WDFOBJECT *SpeedArray(ULONG count)
{
    return ExAllocatePoolWithTag(NonPagedPoolNx, (SIZE_T)count * sizeof(WDFOBJECT), 'dpSW');
}

static VOID SpeedHandles(WDFREQUEST Request)
{
    WDFOBJECT *objects;
    ULONG *count, *failed, n, bad;
    NTSTATUS status = WdfRequestRetrieveInputBuffer(Request, sizeof(*count), (PVOID *)&count, NULL);
    if (NT_SUCCESS(status))
        status = WdfRequestRetrieveOutputBuffer(Request, sizeof(*failed), (PVOID *)&failed, NULL);
    if (!NT_SUCCESS(status) || *count == 0 || *count > WDFSPEED_MAX_OBJECTS) {
        WdfRequestComplete(Request, NT_SUCCESS(status) ? STATUS_INVALID_PARAMETER : status);
        return;
    }
    n = *count;
    objects = SpeedArray(n);
    if (objects == NULL) {
        WdfRequestComplete(Request, STATUS_INSUFFICIENT_RESOURCES);
        return;
    }
    bad = SpeedCreate(objects, n);
    bad += SpeedCheck(objects, n, 0, 1);
    for (ULONG i = 0; i < n; i += 2)
        if (objects[i] != NULL)
            WdfObjectDelete(objects[i]);
    bad += SpeedCheck(objects, n, 1, 2);
    for (ULONG i = 1; i < n; i += 2)
        if (objects[i] != NULL)
            WdfObjectDelete(objects[i]);
    ExFreePoolWithTag(objects, 'dpSW');
    *failed = bad;
    WdfRequestCompleteWithInformation(Request, STATUS_SUCCESS, sizeof(ULONG));
}

static VOID SpeedUseDeleted(WDFREQUEST Request)
{
    WDFOBJECT *objects, first;
    ULONG *count;
    NTSTATUS status = WdfRequestRetrieveInputBuffer(Request, sizeof(*count), (PVOID *)&count, NULL);
    if (!NT_SUCCESS(status) || *count == 0 || *count > WDFSPEED_MAX_OBJECTS ||
        (objects = SpeedArray(*count)) == NULL) {
        WdfRequestComplete(Request, STATUS_INVALID_PARAMETER);
        return;
    }
    SpeedCreate(objects, *count);
    for (ULONG i = 0; i < *count; i++)
        if (objects[i] != NULL)
            WdfObjectDelete(objects[i]);
    first = objects[0];
    ExFreePoolWithTag(objects, 'dpSW');
    WdfObjectReference(first); /* deleted: the framework's bug check */
    WdfRequestComplete(Request, STATUS_UNSUCCESSFUL);
}

static VOID SpeedChildCleanup(WDFOBJECT Object)
{
    UNREFERENCED_PARAMETER(Object);
    InterlockedIncrement(&g_child_cleanups);
}

static VOID SpeedChild(WDFREQUEST Request)
{
    WDF_OBJECT_ATTRIBUTES attributes;
    WDFOBJECT child;
    NTSTATUS status;
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.ParentObject = Request;
    attributes.EvtCleanupCallback = SpeedChildCleanup;
    status = WdfObjectCreate(&attributes, &child);
    WdfRequestComplete(Request, status);
}

static VOID SpeedDeviceControl(WDFQUEUE Queue, WDFREQUEST Request, size_t OutputBufferLength,
                               size_t InputBufferLength, ULONG IoControlCode)
{
    ULONG *out;
    UNREFERENCED_PARAMETER(Queue);
    UNREFERENCED_PARAMETER(OutputBufferLength);
    UNREFERENCED_PARAMETER(InputBufferLength);
    if (SpeedGetRequest(Request)->Marker != 0 || SpeedGetRequest(Request)->CleanedUp != 0)
        InterlockedIncrement(&g_dirty_contexts);
    SpeedGetRequest(Request)->Marker = SPEED_MARKER;
    if (WdfObjectGetTypedContext(Request, SPEED_EXTRA) != NULL)
        InterlockedIncrement((LONG *)&g_counts.StaleExtra);
    if (SpeedKeptObjects(Request, IoControlCode))
        return;
    switch (IoControlCode) {
    case IOCTL_S_COPY:
        SpeedCopy(Request);
        return;
    case IOCTL_S_COMPLETE_TWICE:
        WdfObjectReference(Request);
        WdfRequestComplete(Request, STATUS_SUCCESS);
        WdfRequestComplete(Request, STATUS_SUCCESS);
        WdfObjectDereference(Request);
        return;
    case IOCTL_S_KEEP:
        g_kept = Request;
        WdfRequestComplete(Request, STATUS_SUCCESS);
        return;
    case IOCTL_S_USE_KEPT:
        WdfRequestGetInformation(g_kept); /* completed: the framework's bug check */
        WdfRequestComplete(Request, STATUS_UNSUCCESSFUL);
        return;
    case IOCTL_S_HANDLES:
        SpeedHandles(Request);
        return;
    case IOCTL_S_USE_DELETED:
        SpeedUseDeleted(Request);
        return;
    case IOCTL_S_CHILD:
        SpeedChild(Request);
        return;
    case IOCTL_S_DELETE_CREATE_QUEUE:
        /* Stopped first: a create the driver owns when its queue goes would be its bug
         * (0x10D); the ones waiting are cancelled by the deletion. */
        if (g_create_queue != NULL) {
            WdfIoQueueStopSynchronously(g_create_queue);
            WdfObjectDelete(g_create_queue);
        }
        g_create_queue = NULL;
        WdfRequestComplete(Request, STATUS_SUCCESS);
        return;
    case IOCTL_S_DELETE_READ_QUEUE:
        if (g_read_queue != NULL) { /* as the create queue above */
            WdfIoQueueStopSynchronously(g_read_queue);
            WdfObjectDelete(g_read_queue);
        }
        g_read_queue = NULL;
        WdfRequestComplete(Request, STATUS_SUCCESS);
        return;
    case IOCTL_S_QUEUED_CREATES:
    case IOCTL_S_CHILD_CLEANUPS:
    case IOCTL_S_DIRTY_CONTEXTS:
        if (NT_SUCCESS(
                WdfRequestRetrieveOutputBuffer(Request, sizeof(*out), (PVOID *)&out, NULL))) {
            *out = (ULONG)(IoControlCode == IOCTL_S_CHILD_CLEANUPS   ? g_child_cleanups
                           : IoControlCode == IOCTL_S_QUEUED_CREATES ? g_queued_creates
                                                                     : g_dirty_contexts);
            WdfRequestCompleteWithInformation(Request, STATUS_SUCCESS, sizeof(*out));
            return;
        }
        WdfRequestComplete(Request, STATUS_BUFFER_TOO_SMALL);
        return;
    default:
        WdfRequestComplete(Request, STATUS_INVALID_DEVICE_REQUEST);
        return;
    }
}

static NTSTATUS SpeedCreateDevice(WDFDRIVER Driver)
{
    DECLARE_CONST_UNICODE_STRING(sddl, L"D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GRGW;;;WD)");
    DECLARE_CONST_UNICODE_STRING(name, L"\\Device\\WdfSpeed");
    DECLARE_CONST_UNICODE_STRING(link, L"\\??\\WdfSpeed");
    WDF_IO_QUEUE_CONFIG queue_config;
    WDFDEVICE device;
    WDF_OBJECT_ATTRIBUTES request_attributes;
    PWDFDEVICE_INIT init = WdfControlDeviceInitAllocate(Driver, &sddl);
    NTSTATUS status;
    if (init == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&request_attributes, SPEED_REQUEST);
    request_attributes.EvtCleanupCallback = SpeedRequestCleanup;
    request_attributes.EvtDestroyCallback = SpeedRequestDestroy;
    WdfDeviceInitSetRequestAttributes(init, &request_attributes);
    status = WdfDeviceInitAssignName(init, &name);
    if (NT_SUCCESS(status))
        status = WdfDeviceCreate(&init, WDF_NO_OBJECT_ATTRIBUTES, &device);
    if (!NT_SUCCESS(status)) {
        WdfDeviceInitFree(init);
        return status;
    }
    status = WdfDeviceCreateSymbolicLink(device, &link);
    if (!NT_SUCCESS(status))
        return status;
    WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(&queue_config, WdfIoQueueDispatchParallel);
    queue_config.EvtIoDeviceControl = SpeedDeviceControl;
    status = WdfIoQueueCreate(device, &queue_config, WDF_NO_OBJECT_ATTRIBUTES, WDF_NO_HANDLE);
    if (!NT_SUCCESS(status))
        return status;
    WDF_IO_QUEUE_CONFIG_INIT(&queue_config, WdfIoQueueDispatchParallel);
    queue_config.EvtIoDefault = SpeedCreateRequest;
    status = WdfIoQueueCreate(device, &queue_config, WDF_NO_OBJECT_ATTRIBUTES, &g_create_queue);
    if (NT_SUCCESS(status))
        status = WdfDeviceConfigureRequestDispatching(device, g_create_queue, WdfRequestTypeCreate);
    if (!NT_SUCCESS(status))
        return status;
    WDF_IO_QUEUE_CONFIG_INIT(&queue_config, WdfIoQueueDispatchParallel);
    queue_config.EvtIoRead = SpeedRead;
    status = WdfIoQueueCreate(device, &queue_config, WDF_NO_OBJECT_ATTRIBUTES, &g_read_queue);
    if (NT_SUCCESS(status))
        status = WdfDeviceConfigureRequestDispatching(device, g_read_queue, WdfRequestTypeRead);
    if (NT_SUCCESS(status)) {
        WDF_IO_QUEUE_CONFIG_INIT(&queue_config, WdfIoQueueDispatchManual);
        status = WdfIoQueueCreate(device, &queue_config, WDF_NO_OBJECT_ATTRIBUTES, &g_hold_queue);
    }
    if (NT_SUCCESS(status))
        WdfControlFinishInitializing(device);
    return status;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WDF_DRIVER_CONFIG config;
    WDFDRIVER driver;
    NTSTATUS status;
    g_kept = NULL;
    g_child_cleanups = 0;
    g_dirty_contexts = 0;
    g_create_queue = NULL;
    g_queued_creates = 0;
    g_read_queue = NULL;
    RtlZeroMemory(&g_counts, sizeof(g_counts));
    g_referenced = NULL;
    g_hold_queue = NULL;
    WDF_DRIVER_CONFIG_INIT(&config, WDF_NO_EVENT_CALLBACK);
    config.DriverInitFlags |= WdfDriverInitNonPnpDriver;
    status =
        WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config, &driver);
    if (!NT_SUCCESS(status))
        return status;
    return SpeedCreateDevice(driver);
}
