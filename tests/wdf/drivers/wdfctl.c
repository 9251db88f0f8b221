/*
 * wdfctl.c - a framework (KMDF) non-PnP driver with a control device, as a driver written
 * against the KMDF 1.33 documentation: DriverEntry is the documented pattern, a default queue
 * serves read, write and device control. Built twice: wdfctl.sys (sequential queue,
 * \Device\WdfCtl) and wdfctl_par.sys (WDFCTL_PARALLEL: parallel queue, \Device\WdfCtlPar).
 * Public headers only.
 */
#include <ntddk.h>
#include <wdf.h>

#include "wdfctl.h"

#ifdef WDFCTL_PARALLEL
#define WDFCTL_DEVICE L"\\Device\\WdfCtlPar"
#define WDFCTL_LINK   L"\\??\\WdfCtlPar"
#define WDFCTL_QUEUE  WdfIoQueueDispatchParallel
#define WDFCTL_IO     WdfDeviceIoDirect
#define WDFCTL_TYPE   0x8000
#else
#define WDFCTL_IO     WdfDeviceIoBuffered
#define WDFCTL_TYPE   FILE_DEVICE_UNKNOWN
#define WDFCTL_DEVICE L"\\Device\\WdfCtl"
#define WDFCTL_LINK   L"\\??\\WdfCtl"
#define WDFCTL_QUEUE  WdfIoQueueDispatchSequential
#endif

typedef struct _DEVICE_CONTEXT {
    WDFQUEUE Queue;
    WDFQUEUE Other; /* a second, non-default queue: nothing is dispatched to it */
    ULONG Written;
} DEVICE_CONTEXT;
WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(DEVICE_CONTEXT, DeviceGetContext)

typedef struct _OBJ_CONTEXT {
    ULONG Value[4];
} OBJ_CONTEXT;
WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(OBJ_CONTEXT, ObjGetContext)

typedef struct _EXTRA_CONTEXT {
    ULONG Marker;
} EXTRA_CONTEXT;
WDF_DECLARE_CONTEXT_TYPE(EXTRA_CONTEXT)

DRIVER_INITIALIZE DriverEntry;
static EVT_WDF_DRIVER_UNLOAD WdfCtlUnload;
static EVT_WDF_IO_QUEUE_IO_READ WdfCtlRead;
static EVT_WDF_IO_QUEUE_IO_WRITE WdfCtlWrite;
static EVT_WDF_IO_QUEUE_IO_DEVICE_CONTROL WdfCtlDeviceControl;

static PDRIVER_OBJECT g_driver_object;
static WDFDEVICE g_device;
static WDFCTL_COUNTERS g_counters;
static LONG g_busy;
static WDFREQUEST g_pended;
static KTIMER g_timer;
static KDPC g_dpc;
static WDFCTL_LOG *g_log;

/* Every completion of this driver goes through here (the busy count for MaxBusy). */
static VOID WdfCtlComplete(WDFREQUEST Request, NTSTATUS Status, ULONG_PTR Information)
{
    InterlockedDecrement(&g_busy);
    WdfRequestCompleteWithInformation(Request, Status, Information);
}

static VOID WdfCtlPresented(VOID)
{
    LONG busy = InterlockedIncrement(&g_busy);
    if ((ULONG)busy > g_counters.MaxBusy)
        g_counters.MaxBusy = busy;
}

static VOID WdfCtlPendDone(PKDPC Dpc, PVOID Context, PVOID Arg1, PVOID Arg2)
{
    WDFREQUEST request = (WDFREQUEST)InterlockedExchangePointer((PVOID *)&g_pended, NULL);
    if (request != NULL)
        WdfCtlComplete(request, STATUS_SUCCESS, 0);
}

/* IOCTL_W_PEND: one request at a time waits for the timer (or IOCTL_W_RELEASE). */
static VOID WdfCtlPend(WDFREQUEST Request)
{
    LARGE_INTEGER due;
    ULONG *ms = NULL;
    if (InterlockedCompareExchangePointer((PVOID *)&g_pended, Request, NULL) != NULL) {
        WdfCtlComplete(Request, STATUS_DEVICE_BUSY, 0);
        return;
    }
    if (!NT_SUCCESS(WdfRequestRetrieveInputBuffer(Request, sizeof(*ms), (PVOID *)&ms, NULL)))
        ms = NULL;
    due.QuadPart = -(LONGLONG)(ms != NULL ? *ms : 100) * 10000LL;
    KeSetTimer(&g_timer, due, &g_dpc);
}

/* IOCTL_W_RELEASE: whoever takes g_pended first (this or the timer's DPC) completes it. */
static VOID WdfCtlRelease(WDFREQUEST Request)
{
    WDFREQUEST pended = (WDFREQUEST)InterlockedExchangePointer((PVOID *)&g_pended, NULL);
    KeCancelTimer(&g_timer);
    if (pended != NULL)
        WdfCtlComplete(pended, STATUS_SUCCESS, 0);
    WdfCtlComplete(Request, pended != NULL ? STATUS_SUCCESS : STATUS_NOT_FOUND, 0);
}

static VOID WdfCtlUnload(WDFDRIVER Driver)
{
    KeCancelTimer(&g_timer);
    KeFlushQueuedDpcs();
}

static VOID WdfCtlRead(WDFQUEUE Queue, WDFREQUEST Request, size_t Length)
{
    PUCHAR buffer;
    size_t length;
    NTSTATUS status;
    WdfCtlPresented();
    g_counters.Reads++;
    status = WdfRequestRetrieveOutputBuffer(Request, Length, (PVOID *)&buffer, &length);
    if (!NT_SUCCESS(status)) {
        WdfCtlComplete(Request, status, 0);
        return;
    }
    for (size_t i = 0; i < length; i++)
        buffer[i] = (UCHAR)('a' + i % 26);
    WdfCtlComplete(Request, STATUS_SUCCESS, length);
}

static VOID WdfCtlWrite(WDFQUEUE Queue, WDFREQUEST Request, size_t Length)
{
    PVOID buffer;
    NTSTATUS status;
    WdfCtlPresented();
    g_counters.Writes++;
    status = WdfRequestRetrieveInputBuffer(Request, Length, &buffer, NULL);
    if (NT_SUCCESS(status))
        DeviceGetContext(WdfIoQueueGetDevice(Queue))->Written += (ULONG)Length;
    WdfCtlComplete(Request, status, NT_SUCCESS(status) ? Length : 0);
}

static VOID WdfCtlEcho(WDFREQUEST Request)
{
    PVOID in, out;
    size_t in_length, out_length;
    NTSTATUS status = WdfRequestRetrieveInputBuffer(Request, 1, &in, &in_length);
    if (NT_SUCCESS(status))
        status = WdfRequestRetrieveOutputBuffer(Request, in_length, &out, &out_length);
    if (NT_SUCCESS(status))
        RtlMoveMemory(out, in, in_length);
    WdfCtlComplete(Request, status, NT_SUCCESS(status) ? in_length : 0);
}

static VOID WdfCtlRetrieve(WDFREQUEST Request)
{
    WDFCTL_RETRIEVE_IN *in;
    WDFCTL_RETRIEVE_OUT *out;
    PVOID buffer;
    size_t length = 0;
    NTSTATUS status = WdfRequestRetrieveInputBuffer(Request, sizeof(*in), (PVOID *)&in, NULL);
    if (!NT_SUCCESS(status)) {
        WdfCtlComplete(Request, status, 0);
        return;
    }
    status = in->Output ? WdfRequestRetrieveOutputBuffer(Request, in->Minimum, &buffer, &length)
                        : WdfRequestRetrieveInputBuffer(Request, in->Minimum, &buffer, &length);
    if (!NT_SUCCESS(WdfRequestRetrieveOutputBuffer(Request, sizeof(*out), (PVOID *)&out, NULL))) {
        WdfCtlComplete(Request, status, 0); /* no room for the answer: it is the status */
        return;
    }
    out->Status = status;
    out->Length = (ULONG)length;
    WdfCtlComplete(Request, STATUS_SUCCESS, sizeof(*out));
}

static ULONG WdfCtlVersionChecks(VOID)
{
    WDF_DRIVER_VERSION_AVAILABLE_PARAMS p;
    ULONG checks = 0;
    WDF_DRIVER_VERSION_AVAILABLE_PARAMS_INIT(&p, 1, 33);
    checks |= WdfDriverIsVersionAvailable(WdfGetDriver(), &p) ? WDFCTL_INFO_VERSION_SAME : 0;
    WDF_DRIVER_VERSION_AVAILABLE_PARAMS_INIT(&p, 1, 9);
    checks |= WdfDriverIsVersionAvailable(WdfGetDriver(), &p) ? WDFCTL_INFO_VERSION_OLDER : 0;
    WDF_DRIVER_VERSION_AVAILABLE_PARAMS_INIT(&p, 1, 35);
    checks |= !WdfDriverIsVersionAvailable(WdfGetDriver(), &p) ? WDFCTL_INFO_VERSION_NEWER : 0;
    WDF_DRIVER_VERSION_AVAILABLE_PARAMS_INIT(&p, 2, 0);
    checks |= !WdfDriverIsVersionAvailable(WdfGetDriver(), &p) ? WDFCTL_INFO_VERSION_MAJOR : 0;
    WDF_DRIVER_VERSION_AVAILABLE_PARAMS_INIT(&p, 1, 33);
    p.Size -= 4;
    checks |= !WdfDriverIsVersionAvailable(WdfGetDriver(), &p) ? WDFCTL_INFO_VERSION_SIZE : 0;
    return checks;
}

static VOID WdfCtlDriverInfo(WDFQUEUE Queue, WDFREQUEST Request)
{
    WDFCTL_DRIVER_INFO *info;
    PWSTR path, tail;
    PDEVICE_OBJECT wdm;
    ULONG i;
    NTSTATUS status = WdfRequestRetrieveOutputBuffer(Request, sizeof(*info), (PVOID *)&info, NULL);
    if (!NT_SUCCESS(status)) {
        WdfCtlComplete(Request, status, 0);
        return;
    }
    RtlZeroMemory(info, sizeof(*info));
    path = WdfDriverGetRegistryPath(WdfGetDriver());
    for (tail = path; *path != L'\0'; path++)
        if (*path == L'\\')
            tail = path + 1;
    for (i = 0; i < 31 && tail[i] != L'\0'; i++)
        info->RegistryPathTail[i] = tail[i];
    RtlCopyMemory(info->DriverName, WdfDriverGlobals->DriverName, sizeof(info->DriverName));
    info->DriverTag = WdfDriverGlobals->DriverTag;
    info->DriverFlags = WdfDriverGlobals->DriverFlags;
    if (WdfDriverWdmGetDriverObject(WdfGetDriver()) == g_driver_object)
        info->Checks |= WDFCTL_INFO_WDM_DRIVER;
    if (WdfWdmDriverGetWdfDriverHandle(g_driver_object) == WdfGetDriver())
        info->Checks |= WDFCTL_INFO_HANDLE;
    info->Checks |= WdfCtlVersionChecks();
    wdm = WdfDeviceWdmGetDeviceObject(g_device);
    if (WdfWdmDeviceGetWdfDeviceHandle(wdm) == g_device && WdfIoQueueGetDevice(Queue) == g_device &&
        WdfDeviceGetDefaultQueue(g_device) == Queue && WdfRequestGetIoQueue(Request) == Queue &&
        WdfDeviceGetDriver(g_device) == WdfGetDriver() &&
        DeviceGetContext(g_device)->Queue == Queue && wdm->DriverObject == g_driver_object &&
        WdfIoQueueGetDevice(DeviceGetContext(g_device)->Other) == g_device &&
        DeviceGetContext(g_device)->Other != Queue)
        info->Checks |= WDFCTL_INFO_DEVICE;
    info->DeviceType = wdm->DeviceType;
    info->Characteristics = wdm->Characteristics;
    info->DeviceFlags = wdm->Flags;
    WdfCtlComplete(Request, STATUS_SUCCESS, sizeof(*info));
}

static VOID WdfCtlLog(ULONG event)
{
    if (g_log != NULL && g_log->Count < 16)
        g_log->Events[g_log->Count++] = event;
}
static WDFOBJECT g_child; /* WdfCtlObjects' child, for the parent's cleanup */
static VOID CleanupParent(WDFOBJECT o)
{
    /* Its child was cleaned up already but is destroyed only after this callback (Microsoft:
     * EVT_WDF_OBJECT_CONTEXT_DESTROY): the handle still works, and deleting it again, as
     * drivers do for the children they keep in their context, does nothing. */
    if (g_child != NULL && g_log != NULL && ObjGetContext(g_child)->Value[0] == 0x77) {
        WdfObjectDelete(g_child);
        g_log->Checks |= WDFCTL_OBJ_CHILD_KEPT;
    }
    WdfCtlLog(WDFCTL_EV_CLEANUP_PARENT);
}
static VOID CleanupChild(WDFOBJECT o)
{
    WdfCtlLog(WDFCTL_EV_CLEANUP_CHILD);
}
static VOID CleanupGrand(WDFOBJECT o)
{
    WdfCtlLog(WDFCTL_EV_CLEANUP_GRAND);
}
static VOID CleanupExtra(WDFOBJECT o)
{
    WdfCtlLog(WDFCTL_EV_CLEANUP_EXTRA);
}
static VOID DestroyParent(WDFOBJECT o)
{
    WdfCtlLog(WDFCTL_EV_DESTROY_PARENT);
}
static VOID DestroyChild(WDFOBJECT o)
{
    WdfCtlLog(WDFCTL_EV_DESTROY_CHILD);
}
static VOID DestroyGrand(WDFOBJECT o)
{
    WdfCtlLog(WDFCTL_EV_DESTROY_GRAND);
}

static NTSTATUS WdfCtlCreate(WDFOBJECT parent, PFN_WDF_OBJECT_CONTEXT_CLEANUP cleanup,
                             PFN_WDF_OBJECT_CONTEXT_DESTROY destroy, WDFOBJECT *object)
{
    WDF_OBJECT_ATTRIBUTES attributes;
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    WDF_OBJECT_ATTRIBUTES_SET_CONTEXT_TYPE(&attributes, OBJ_CONTEXT);
    attributes.ParentObject = parent;
    attributes.EvtCleanupCallback = cleanup;
    attributes.EvtDestroyCallback = destroy;
    attributes.ContextSizeOverride = 64; /* larger than OBJ_CONTEXT: 64 bytes usable */
    return WdfObjectCreate(&attributes, object);
}

static ULONG WdfCtlContextChecks(WDFOBJECT parent, WDFOBJECT child)
{
    WDF_OBJECT_ATTRIBUTES attributes;
    PUCHAR bytes = (PUCHAR)ObjGetContext(parent);
    EXTRA_CONTEXT *extra;
    ULONG checks = 0, i, zero = 1;
    for (i = 0; i < 64; i++)
        zero &= bytes[i] == 0;
    checks |= zero ? WDFCTL_OBJ_CONTEXT_ZERO : 0;
    bytes[63] = 0x5A;
    checks |= WdfObjectGetTypedContext(parent, OBJ_CONTEXT)->Value[0] == 0 && bytes[63] == 0x5A
                  ? WDFCTL_OBJ_SIZE_OVERRIDE
                  : 0;
    checks |= WdfObjectContextGetObject(bytes) == parent ? WDFCTL_OBJ_CONTEXT_OBJECT : 0;
    checks |= WdfObjectGet_EXTRA_CONTEXT(parent) == NULL && ObjGetContext(child) != NULL &&
                      WdfObjectGetTypedContextWorker(
                          parent, WDF_GET_CONTEXT_TYPE_INFO(OBJ_CONTEXT)) == bytes
                  ? WDFCTL_OBJ_CONTEXT_TYPED
                  : 0;
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attributes, EXTRA_CONTEXT);
    attributes.EvtCleanupCallback = CleanupExtra;
    if (NT_SUCCESS(WdfObjectAllocateContext(child, &attributes, (PVOID *)&extra)) &&
        extra == WdfObjectGet_EXTRA_CONTEXT(child) && extra->Marker == 0)
        checks |= WDFCTL_OBJ_ALLOCATE;
    if (WdfObjectAllocateContext(child, &attributes, (PVOID *)&extra) == STATUS_OBJECT_NAME_EXISTS)
        checks |= WDFCTL_OBJ_ALLOCATE_AGAIN;
    return checks;
}

/* The object model inside the driver: a parent, its child and grandchild, contexts; the
 * parent deleted while the driver holds a reference on it. */
static VOID WdfCtlObjects(WDFREQUEST Request)
{
    WDFOBJECT parent = NULL, child = NULL, grand = NULL, bad;
    WDF_OBJECT_ATTRIBUTES attributes;
    WDFCTL_LOG *log;
    NTSTATUS status = WdfRequestRetrieveOutputBuffer(Request, sizeof(*log), (PVOID *)&log, NULL);
    if (NT_SUCCESS(status))
        status = WdfCtlCreate(NULL, CleanupParent, DestroyParent, &parent);
    if (NT_SUCCESS(status))
        status = WdfCtlCreate(parent, CleanupChild, DestroyChild, &child);
    if (NT_SUCCESS(status))
        status = WdfCtlCreate(child, CleanupGrand, DestroyGrand, &grand);
    if (!NT_SUCCESS(status)) {
        WdfCtlComplete(Request, status, 0);
        return;
    }
    RtlZeroMemory(log, sizeof(*log));
    g_log = log;
    log->Checks = WdfCtlContextChecks(parent, child);
    ObjGetContext(child)->Value[0] = 0x77;
    g_child = child;
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.Size -= 8;
    if (WdfObjectCreate(&attributes, &bad) == STATUS_INFO_LENGTH_MISMATCH)
        log->Checks |= WDFCTL_OBJ_BAD_SIZE;
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.SynchronizationScope = WdfSynchronizationScopeDevice;
    if (WdfObjectCreate(&attributes, &bad) == STATUS_WDF_SYNCHRONIZATION_SCOPE_INVALID)
        log->Checks |= WDFCTL_OBJ_SYNC_SCOPE;
    /* Balanced references change nothing; the one on the parent outlives its deletion. */
    WdfObjectReferenceActual(grand, NULL, __LINE__, (PCHAR)__FILE__);
    WdfObjectReferenceWithTag(child, (PVOID)WdfCtlObjects);
    WdfObjectDereferenceWithTag(child, (PVOID)WdfCtlObjects);
    WdfObjectDereferenceActual(grand, NULL, __LINE__, (PCHAR)__FILE__);
    WdfObjectReference(parent);
    WdfObjectDelete(parent);
    WdfCtlLog(WDFCTL_EV_DEREFERENCED);
    WdfObjectDereference(parent);
    g_log = NULL;
    g_child = NULL;
    WdfCtlComplete(Request, STATUS_SUCCESS, sizeof(*log));
}

static VOID WdfCtlMisuse(WDFREQUEST Request)
{
    ULONG *what;
    WDFOBJECT object;
    NTSTATUS status = WdfRequestRetrieveInputBuffer(Request, sizeof(*what), (PVOID *)&what, NULL);
    if (!NT_SUCCESS(status)) {
        WdfCtlComplete(Request, status, 0);
        return;
    }
    switch (*what) {
    case WDFCTL_MISUSE_COMPLETE_TWICE:
        WdfCtlComplete(Request, STATUS_SUCCESS, 0);
        WdfRequestComplete(Request, STATUS_SUCCESS);
        break;
    case WDFCTL_MISUSE_BAD_HANDLE:
        WdfObjectDelete((WDFOBJECT)(ULONG_PTR)0x12345670);
        break;
    case WDFCTL_MISUSE_NULL_BUFFER:
        WdfRequestRetrieveInputBuffer(Request, 0, NULL, NULL);
        break;
    case WDFCTL_MISUSE_DEREF_DELETE:
        if (NT_SUCCESS(WdfObjectCreate(WDF_NO_OBJECT_ATTRIBUTES, &object)))
            WdfObjectDereference(object);
        break;
    case WDFCTL_MISUSE_NOT_PROVIDED:
        WdfGetTriageInfo(); /* reserved for internal use: a stand-in */
        break;
    case WDFCTL_MISUSE_WRONG_TYPE:
        WdfIoQueueGetDevice((WDFQUEUE)Request);
        break;
    case WDFCTL_MISUSE_USE_DELETED:
        if (NT_SUCCESS(WdfObjectCreate(WDF_NO_OBJECT_ATTRIBUTES, &object))) {
            WdfObjectDelete(object);
            WdfObjectReference(object);
        }
        break;
    }
    WdfCtlComplete(Request, STATUS_INVALID_PARAMETER, 0);
}

static VOID WdfCtlParams(WDFREQUEST Request, size_t OutputBufferLength, size_t InputBufferLength)
{
    WDF_REQUEST_PARAMETERS params;
    PIRP irp = WdfRequestWdmGetIrp(Request);
    ULONG *out, checks = 0;
    NTSTATUS status = WdfRequestRetrieveOutputBuffer(Request, sizeof(*out), (PVOID *)&out, NULL);
    if (!NT_SUCCESS(status)) {
        WdfCtlComplete(Request, status, 0);
        return;
    }
    WDF_REQUEST_PARAMETERS_INIT(&params);
    WdfRequestGetParameters(Request, &params);
    if (params.Type == WdfRequestTypeDeviceControl && params.Size == sizeof(params))
        checks |= WDFCTL_PARAMS_TYPE;
    if (params.Parameters.DeviceIoControl.IoControlCode == IOCTL_W_PARAMS &&
        params.Parameters.DeviceIoControl.OutputBufferLength == OutputBufferLength &&
        params.Parameters.DeviceIoControl.InputBufferLength == InputBufferLength)
        checks |= WDFCTL_PARAMS_LENGTHS;
    if (irp != NULL && IoGetCurrentIrpStackLocation(irp)->MajorFunction == IRP_MJ_DEVICE_CONTROL)
        checks |= WDFCTL_PARAMS_IRP;
    WdfRequestSetInformation(Request, 8);
    if (WdfRequestGetInformation(Request) == 8)
        checks |= WDFCTL_PARAMS_INFORMATION;
    *out = checks;
    InterlockedDecrement(&g_busy);
    WdfRequestComplete(Request, STATUS_SUCCESS); /* keeps the Information set above */
}

static VOID WdfCtlDeviceControl(WDFQUEUE Queue, WDFREQUEST Request, size_t OutputBufferLength,
                                size_t InputBufferLength, ULONG IoControlCode)
{
    WdfCtlPresented();
    g_counters.Ioctls++;
    switch (IoControlCode) {
    case IOCTL_W_ECHO:
    case IOCTL_W_ECHO_DIRECT:
        WdfCtlEcho(Request);
        return;
    case IOCTL_W_RETRIEVE:
        WdfCtlRetrieve(Request);
        return;
    case IOCTL_W_PARAMS:
        WdfCtlParams(Request, OutputBufferLength, InputBufferLength);
        return;
    case IOCTL_W_DRIVER_INFO:
        WdfCtlDriverInfo(Queue, Request);
        return;
    case IOCTL_W_OBJECTS:
        WdfCtlObjects(Request);
        return;
    case IOCTL_W_MISUSE:
        WdfCtlMisuse(Request);
        return;
    case IOCTL_W_PEND:
        WdfCtlPend(Request);
        return;
    case IOCTL_W_RELEASE:
        WdfCtlRelease(Request);
        return;
    case IOCTL_W_COUNTERS:
        if (OutputBufferLength >= sizeof(WDFCTL_COUNTERS)) {
            WDFCTL_COUNTERS *out;
            if (NT_SUCCESS(
                    WdfRequestRetrieveOutputBuffer(Request, sizeof(*out), (PVOID *)&out, NULL))) {
                *out = g_counters;
                WdfCtlComplete(Request, STATUS_SUCCESS, sizeof(*out));
                return;
            }
        }
        WdfCtlComplete(Request, STATUS_BUFFER_TOO_SMALL, 0);
        return;
    default:
        WdfCtlComplete(Request, STATUS_INVALID_DEVICE_REQUEST, 0);
        return;
    }
}

static VOID WdfCtlOther(WDFQUEUE Queue, WDFREQUEST Request)
{
    WdfRequestComplete(Request, STATUS_UNSUCCESSFUL); /* never: nothing goes to this queue */
}

static NTSTATUS WdfCtlCreateDevice(WDFDRIVER Driver)
{
    DECLARE_CONST_UNICODE_STRING(sddl, L"D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GRGW;;;WD)");
    DECLARE_CONST_UNICODE_STRING(name, WDFCTL_DEVICE);
    DECLARE_CONST_UNICODE_STRING(link, WDFCTL_LINK);
    WDF_OBJECT_ATTRIBUTES attributes;
    WDF_IO_QUEUE_CONFIG queue_config;
    PWDFDEVICE_INIT init = WdfControlDeviceInitAllocate(Driver, &sddl);
    NTSTATUS status;
    if (init == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    WdfDeviceInitSetIoType(init, WDFCTL_IO);
    WdfDeviceInitSetDeviceType(init, WDFCTL_TYPE);
#ifdef WDFCTL_PARALLEL
    WdfDeviceInitSetExclusive(init, TRUE);
    WdfDeviceInitSetCharacteristics(init, FILE_REMOTE_DEVICE, TRUE);
#endif
    status = WdfDeviceInitAssignName(init, &name);
    if (!NT_SUCCESS(status)) {
        WdfDeviceInitFree(init);
        return status;
    }
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attributes, DEVICE_CONTEXT);
    status = WdfDeviceCreate(&init, &attributes, &g_device);
    if (!NT_SUCCESS(status)) {
        WdfDeviceInitFree(init); /* a control device's init is the driver's on failure */
        return status;
    }
    status = WdfDeviceCreateSymbolicLink(g_device, &link);
    if (!NT_SUCCESS(status))
        return status;
    WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(&queue_config, WDFCTL_QUEUE);
    queue_config.EvtIoRead = WdfCtlRead;
    queue_config.EvtIoWrite = WdfCtlWrite;
    queue_config.EvtIoDeviceControl = WdfCtlDeviceControl;
    status = WdfIoQueueCreate(g_device, &queue_config, WDF_NO_OBJECT_ATTRIBUTES,
                              &DeviceGetContext(g_device)->Queue);
    if (!NT_SUCCESS(status))
        return status;
    WDF_IO_QUEUE_CONFIG_INIT(&queue_config, WdfIoQueueDispatchParallel);
    queue_config.EvtIoDefault = WdfCtlOther;
    status = WdfIoQueueCreate(g_device, &queue_config, WDF_NO_OBJECT_ATTRIBUTES,
                              &DeviceGetContext(g_device)->Other);
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
    g_driver_object = DriverObject;
    KeInitializeTimer(&g_timer);
    KeInitializeDpc(&g_dpc, WdfCtlPendDone, NULL);
    WDF_DRIVER_CONFIG_INIT(&config, WDF_NO_EVENT_CALLBACK);
    config.DriverInitFlags |= WdfDriverInitNonPnpDriver;
    config.EvtDriverUnload = WdfCtlUnload;
    status =
        WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config, &driver);
    if (!NT_SUCCESS(status))
        return status;
    /* The control device is the framework's to delete: it is the driver object's child. */
    return WdfCtlCreateDevice(driver);
}
