/*
 * wdfdevb.c - framework test driver (tests/wdf/test_wdf_devb.c) with two control devices:
 *   - \Device\WdfDevB (\\.\WdfDevB): WdfDeviceInitAllowSelfIoTarget; a parallel default queue
 *     and a parallel side queue, both answering IOCTL_DEVB_ECHO with their number; the other
 *     codes send requests to the self I/O target, assign it the side queue, open the DEVICEMAP
 *     and persistent state keys, and call the reserved and internal routines;
 *   - \Device\WdfDevB2: no self I/O target; its queue is "another device's" for the assignment.
 * Only the public KMDF headers and documented behaviour.
 */
#include <ntddk.h>
#include <wdf.h>

#include "wdfdevb.h"

DRIVER_INITIALIZE DriverEntry;

static WDFDRIVER g_driver;
static WDFDEVICE g_device, g_other;
static WDFQUEUE g_side, g_other_queue;

static VOID DevBOutput(WDFREQUEST Request, const void *data, size_t size)
{
    PVOID out;
    NTSTATUS status = WdfRequestRetrieveOutputBuffer(Request, size, &out, NULL);
    if (NT_SUCCESS(status))
        RtlCopyMemory(out, data, size);
    WdfRequestCompleteWithInformation(Request, status, NT_SUCCESS(status) ? size : 0);
}

static ULONG DevBInput(WDFREQUEST Request)
{
    PVOID in;
    if (!NT_SUCCESS(WdfRequestRetrieveInputBuffer(Request, sizeof(ULONG), &in, NULL)))
        return 0;
    return *(ULONG *)in;
}

static VOID DevBEcho(WDFREQUEST Request, ULONG queue)
{
    WDFDEVB_ECHO echo;
    RtlZeroMemory(&echo, sizeof(echo));
    echo.Queue = queue;
    echo.Value = DevBInput(Request);
    echo.FromSelf = WdfRequestGetRequestorMode(Request) == KernelMode;
    DevBOutput(Request, &echo, sizeof(echo));
}

/* ---- the self I/O target ------------------------------------------------------------------- */

static VOID DevBInfo(WDFREQUEST Request)
{
    WDFIOTARGET self = WdfDeviceGetSelfIoTarget(g_device);
    WDFDEVB_INFO info;
    RtlZeroMemory(&info, sizeof(info));
    info.HasSelf = self != NULL;
    info.OtherHasNone = WdfDeviceGetSelfIoTarget(g_other) == NULL;
    if (self != NULL) {
        info.SelfDevice = WdfIoTargetGetDevice(self) == g_device;
        info.SelfDeviceObject =
            WdfIoTargetWdmGetTargetDeviceObject(self) == WdfDeviceWdmGetDeviceObject(g_device);
        info.SelfStarted = WdfIoTargetGetState(self) == WdfIoTargetStarted;
        info.NotDefault = self != WdfDeviceGetIoTarget(g_device);
    }
    DevBOutput(Request, &info, sizeof(info));
}

/* WdfIoTargetSendIoctlSynchronously to the self target: IOCTL_DEVB_ECHO with the input. */
static VOID DevBSelfSync(WDFREQUEST Request)
{
    WDF_MEMORY_DESCRIPTOR in, out;
    WDFDEVB_SENT sent;
    ULONG value = DevBInput(Request);
    ULONG_PTR bytes = 0;
    RtlZeroMemory(&sent, sizeof(sent));
    WDF_MEMORY_DESCRIPTOR_INIT_BUFFER(&in, &value, sizeof(value));
    WDF_MEMORY_DESCRIPTOR_INIT_BUFFER(&out, &sent.Echo, sizeof(sent.Echo));
    sent.Status = WdfIoTargetSendIoctlSynchronously(WdfDeviceGetSelfIoTarget(g_device), NULL,
                                                    IOCTL_DEVB_ECHO, &in, &out, NULL, &bytes);
    sent.Bytes = (ULONG)bytes;
    DevBOutput(Request, &sent, sizeof(sent));
}

typedef struct _DEVB_ASYNC {
    WDFREQUEST Client;
    WDFMEMORY In, Out;
} DEVB_ASYNC;
WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(DEVB_ASYNC, DevBAsyncOf)

static VOID DevBAsyncDone(WDFREQUEST Request, WDFIOTARGET Target,
                          PWDF_REQUEST_COMPLETION_PARAMS Params, WDFCONTEXT Context)
{
    DEVB_ASYNC *a = DevBAsyncOf(Request);
    WDFDEVB_SENT sent;
    UNREFERENCED_PARAMETER(Target);
    UNREFERENCED_PARAMETER(Context);
    RtlZeroMemory(&sent, sizeof(sent));
    sent.Status = Params->IoStatus.Status;
    sent.Bytes = (ULONG)Params->IoStatus.Information;
    WdfMemoryCopyToBuffer(a->Out, 0, &sent.Echo, sizeof(sent.Echo));
    DevBOutput(a->Client, &sent, sizeof(sent));
    WdfObjectDelete(Request);
}

/* A request of the driver's own (WdfRequestCreate on the self target), formatted and sent
 * asynchronously; its completion routine completes the client's request. */
static VOID DevBSelfAsync(WDFREQUEST Request)
{
    WDFIOTARGET self = WdfDeviceGetSelfIoTarget(g_device);
    WDF_OBJECT_ATTRIBUTES attributes;
    WDFREQUEST mine;
    DEVB_ASYNC *a;
    PVOID buffer;
    WDFDEVB_SENT sent;
    NTSTATUS status;
    RtlZeroMemory(&sent, sizeof(sent));
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attributes, DEVB_ASYNC);
    status = WdfRequestCreate(&attributes, self, &mine);
    if (!NT_SUCCESS(status)) {
        sent.Status = status;
        sent.Echo.Queue = WDFDEVB_NOT_CREATED;
        DevBOutput(Request, &sent, sizeof(sent));
        return;
    }
    a = DevBAsyncOf(mine);
    a->Client = Request;
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.ParentObject = mine;
    status = WdfMemoryCreate(&attributes, NonPagedPoolNx, 0, sizeof(ULONG), &a->In, &buffer);
    if (NT_SUCCESS(status)) {
        *(ULONG *)buffer = DevBInput(Request);
        status =
            WdfMemoryCreate(&attributes, NonPagedPoolNx, 0, sizeof(WDFDEVB_ECHO), &a->Out, &buffer);
    }
    if (NT_SUCCESS(status))
        status = WdfIoTargetFormatRequestForIoctl(self, mine, IOCTL_DEVB_ECHO, a->In, NULL, a->Out,
                                                  NULL);
    if (NT_SUCCESS(status)) {
        WdfRequestSetCompletionRoutine(mine, DevBAsyncDone, NULL);
        if (WdfRequestSend(mine, self, WDF_NO_SEND_OPTIONS))
            return;
        status = WdfRequestGetStatus(mine);
    }
    WdfObjectDelete(mine);
    sent.Status = status;
    DevBOutput(Request, &sent, sizeof(sent));
}

/* Microsoft: the queue that gets the self target's requests; one of another device is refused
 * (drvhost: STATUS_INVALID_PARAMETER). */
static VOID DevBAssign(WDFREQUEST Request)
{
    WDFIOTARGET self = WdfDeviceGetSelfIoTarget(g_device);
    NTSTATUS status[2];
    status[0] = WdfIoTargetSelfAssignDefaultIoQueue(self, g_other_queue);
    status[1] = WdfIoTargetSelfAssignDefaultIoQueue(self, g_side);
    DevBOutput(Request, status, sizeof(status));
}

/* A target that is not a self target: the framework's bug check 0x10D. */
static VOID DevBBadAssign(WDFREQUEST Request)
{
    WDFIOTARGET remote;
    NTSTATUS status = WdfIoTargetCreate(g_device, WDF_NO_OBJECT_ATTRIBUTES, &remote);
    if (NT_SUCCESS(status))
        status = WdfIoTargetSelfAssignDefaultIoQueue(remote, g_side);
    WdfRequestComplete(Request, status);
}

/* ---- registry keys --------------------------------------------------------------------------- */

typedef NTSTATUS (*DEVB_OPEN)(WDFKEY *Key);

static NTSTATUS DevBOpenDevicemap(WDFKEY *Key)
{
    DECLARE_CONST_UNICODE_STRING(name, L"DrvhostDevB");
    return WdfDeviceOpenDevicemapKey(g_device, &name, KEY_ALL_ACCESS, WDF_NO_OBJECT_ATTRIBUTES,
                                     Key);
}

static NTSTATUS DevBOpenPersistent(WDFKEY *Key)
{
    return WdfDriverOpenPersistentStateRegistryKey(g_driver, KEY_ALL_ACCESS,
                                                   WDF_NO_OBJECT_ATTRIBUTES, Key);
}

/* Opens the key, assigns "Value", creates a non-volatile subkey "Child", closes it; opens it at
 * DISPATCH_LEVEL; opens it again and reads "Value". */
static VOID DevBKeys(WDFREQUEST Request, DEVB_OPEN open)
{
    DECLARE_CONST_UNICODE_STRING(value, L"Value");
    DECLARE_CONST_UNICODE_STRING(child_name, L"Child");
    WDFDEVB_KEYS keys;
    WDFKEY key = NULL, child = NULL;
    KIRQL irql;
    RtlZeroMemory(&keys, sizeof(keys));
    keys.Open = open(&key);
    if (NT_SUCCESS(keys.Open)) {
        keys.Assign = WdfRegistryAssignULong(key, &value, WDFDEVB_KEY_VALUE);
        keys.Child = WdfRegistryCreateKey(key, &child_name, KEY_ALL_ACCESS, REG_OPTION_NON_VOLATILE,
                                          NULL, WDF_NO_OBJECT_ATTRIBUTES, &child);
        if (NT_SUCCESS(keys.Child))
            WdfRegistryClose(child);
        WdfRegistryClose(key);
    }
    key = NULL;
    KeRaiseIrql(DISPATCH_LEVEL, &irql);
    keys.AtDispatch = open(&key);
    KeLowerIrql(irql);
    if (NT_SUCCESS(keys.AtDispatch))
        WdfRegistryClose(key);
    keys.Again = open(&key);
    if (NT_SUCCESS(keys.Again)) {
        keys.Again = WdfRegistryQueryULong(key, &value, &keys.Value);
        WdfRegistryClose(key);
    }
    DevBOutput(Request, &keys, sizeof(keys));
}

/* ---- reserved and internal routines ------------------------------------------------------- */

static VOID DevBReserved(WDFREQUEST Request)
{
    /* {5EB0DEB0-0001-4DEB-9A01-020304050607}: no object answers it */
    static const GUID guid = {
        0x5eb0deb0, 0x0001, 0x4deb, {0x9a, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07}};
    WDFDEVB_RESERVED r;
    ULONG buffer = 0xA5A5A5A5;
    RtlZeroMemory(&r, sizeof(r));
    r.ObjectQuery = WdfObjectQuery(g_device, &guid, sizeof(buffer), &buffer);
    r.QueryBufferUntouched = buffer == 0xA5A5A5A5;
    r.RegisterTraceInfo =
        WdfDriverRegisterTraceInfo(WdfDriverWdmGetDriverObject(g_driver), NULL, NULL);
    DevBOutput(Request, &r, sizeof(r));
}

/* ---- guaranteed forward progress ------------------------------------------------------------ */

typedef struct _DEVB_RESERVED_CONTEXT {
    ULONG Marker; /* 0xFEED0000 + the reserved request's number */
} DEVB_RESERVED_CONTEXT;
WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(DEVB_RESERVED_CONTEXT, DevBReservedOf)

static WDFQUEUE g_write, g_read, g_checks;
static WDFREQUEST g_reserved[WDFDEVB_FP_WRITES];
static WDFDEVB_FP g_fp;
static BOOLEAN g_fail_allocate;
static ULONG g_refuse_at;

static VOID DevBReservedCleanup(WDFOBJECT Object)
{
    UNREFERENCED_PARAMETER(Object);
    g_fp.ReservedCleanups++;
}

/* Gives the reserved request a context with its number; the checks' queue's count. */
static NTSTATUS DevBReserve(WDFQUEUE Queue, WDFREQUEST Request)
{
    WDF_OBJECT_ATTRIBUTES attributes;
    DEVB_RESERVED_CONTEXT *context;
    NTSTATUS status;
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attributes, DEVB_RESERVED_CONTEXT);
    if (Queue != g_write) {
        attributes.EvtCleanupCallback = DevBReservedCleanup;
        if (++g_fp.CheckReserveCalls == g_refuse_at)
            return STATUS_DEVICE_NOT_READY;
        return WdfObjectAllocateContext(Request, &attributes, (PVOID *)&context);
    }
    if (!WdfRequestIsReserved(Request) || g_fp.ReserveCalls >= WDFDEVB_FP_WRITES)
        return STATUS_UNSUCCESSFUL;
    status = WdfObjectAllocateContext(Request, &attributes, (PVOID *)&context);
    if (!NT_SUCCESS(status))
        return status;
    g_reserved[g_fp.ReserveCalls++] = Request;
    context->Marker = 0xFEED0000 + g_fp.ReserveCalls;
    return STATUS_SUCCESS;
}

static NTSTATUS DevBAllocate(WDFQUEUE Queue, WDFREQUEST Request)
{
    UNREFERENCED_PARAMETER(Queue);
    UNREFERENCED_PARAMETER(Request);
    g_fp.AllocateCalls++;
    if (g_fail_allocate) {
        g_fail_allocate = FALSE;
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    return STATUS_SUCCESS;
}

/* A one-byte read may use a reserved request; any other fails. */
static WDF_IO_FORWARD_PROGRESS_ACTION DevBExamine(WDFQUEUE Queue, PIRP Irp)
{
    PIO_STACK_LOCATION s = IoGetCurrentIrpStackLocation(Irp);
    UNREFERENCED_PARAMETER(Queue);
    g_fp.ExamineCalls++;
    g_fp.ExamineMajor = s->MajorFunction;
    return s->Parameters.Read.Length == 1 ? WdfIoForwardProgressActionUseReservedRequest
                                          : WdfIoForwardProgressActionFailRequest;
}

/* Information: which reserved request it is, whether WdfRequestIsReserved says so, whether
 * its context survived. */
static VOID DevBCompleteFp(WDFREQUEST Request)
{
    ULONG_PTR info = 0;
    DEVB_RESERVED_CONTEXT *context;
    for (ULONG i = 0; i < WDFDEVB_FP_WRITES; i++)
        if (g_reserved[i] == Request)
            info = i + 1;
    if (WdfRequestIsReserved(Request))
        info |= WDFDEVB_FP_RESERVED;
    context = info != 0 ? DevBReservedOf(Request) : NULL;
    if (context != NULL && context->Marker == 0xFEED0000 + (info & 0xFF))
        info |= WDFDEVB_FP_MARKER_OK;
    WdfRequestCompleteWithInformation(Request, STATUS_SUCCESS, info);
}

static VOID DevBWrite(WDFQUEUE Queue, WDFREQUEST Request, size_t Length)
{
    UNREFERENCED_PARAMETER(Queue);
    UNREFERENCED_PARAMETER(Length);
    DevBCompleteFp(Request);
}

static VOID DevBRead(WDFQUEUE Queue, WDFREQUEST Request, size_t Length)
{
    UNREFERENCED_PARAMETER(Queue);
    UNREFERENCED_PARAMETER(Length);
    WdfRequestCompleteWithInformation(Request, STATUS_SUCCESS,
                                      WdfRequestIsReserved(Request) ? WDFDEVB_FP_RESERVED : 0);
}

/* Microsoft (WDF_IO_QUEUE_FORWARD_PROGRESS_POLICY_*_INIT): zeroed, Size, the count, and the
 * policy of each (PAGINGIO_INIT's page says UseExamine: the header's PagingIO is taken). */
static BOOLEAN DevBFpInits(void)
{
    WDF_IO_QUEUE_FORWARD_PROGRESS_POLICY p;
    BOOLEAN ok;
    WDF_IO_QUEUE_FORWARD_PROGRESS_POLICY_DEFAULT_INIT(&p, 5);
    ok = p.Size == sizeof(p) && p.TotalForwardProgressRequests == 5 &&
         p.ForwardProgressReservedPolicy ==
             WdfIoForwardProgressReservedPolicyAlwaysUseReservedRequest &&
         p.EvtIoAllocateRequestResources == NULL;
    WDF_IO_QUEUE_FORWARD_PROGRESS_POLICY_EXAMINE_INIT(&p, 6, DevBExamine);
    ok =
        ok && p.TotalForwardProgressRequests == 6 &&
        p.ForwardProgressReservedPolicy == WdfIoForwardProgressReservedPolicyUseExamine &&
        p.ForwardProgressReservePolicySettings.Policy.ExaminePolicy.EvtIoWdmIrpForForwardProgress ==
            DevBExamine;
    WDF_IO_QUEUE_FORWARD_PROGRESS_POLICY_PAGINGIO_INIT(&p, 7);
    return ok && p.Size == sizeof(p) && p.TotalForwardProgressRequests == 7 &&
           p.ForwardProgressReservedPolicy == WdfIoForwardProgressReservedPolicyPagingIO &&
           p.ForwardProgressReservePolicySettings.Policy.ExaminePolicy
                   .EvtIoWdmIrpForForwardProgress == NULL;
}

/* Microsoft (WdfIoQueueAssignForwardProgressPolicy): a wrong Size, no requests, a failing
 * EvtIoAllocateResourcesForReservedRequest (its status); then a good policy is taken once. */
static VOID DevBFpChecks(void)
{
    WDF_IO_QUEUE_FORWARD_PROGRESS_POLICY policy;
    WDF_IO_QUEUE_FORWARD_PROGRESS_POLICY_DEFAULT_INIT(&policy, WDFDEVB_FP_CHECKS);
    policy.EvtIoAllocateResourcesForReservedRequest = DevBReserve;
    policy.Size = 4;
    g_fp.BadSize = WdfIoQueueAssignForwardProgressPolicy(g_checks, &policy);
    policy.Size = sizeof(policy);
    policy.TotalForwardProgressRequests = 0;
    g_fp.NoRequests = WdfIoQueueAssignForwardProgressPolicy(g_checks, &policy);
    policy.TotalForwardProgressRequests = WDFDEVB_FP_CHECKS;
    g_refuse_at = 2;
    g_fp.Refused = WdfIoQueueAssignForwardProgressPolicy(g_checks, &policy);
    g_refuse_at = 0;
    g_fp.CheckReserveCalls = 0;
    g_fp.ReservedCleanups = 0;
    g_fp.Again = WdfIoQueueAssignForwardProgressPolicy(g_checks, &policy);
    g_fp.Second = WdfIoQueueAssignForwardProgressPolicy(g_checks, &policy);
    g_fp.InitsOk = DevBFpInits();
    /* the device controls (the default queue): reserved requests for paging I/O only */
    WDF_IO_QUEUE_FORWARD_PROGRESS_POLICY_PAGINGIO_INIT(&policy, 1);
    g_fp.PagingIo =
        WdfIoQueueAssignForwardProgressPolicy(WdfDeviceGetDefaultQueue(g_device), &policy);
}

/* Writes to a queue with the default policy (always a reserved request) and both allocation
 * callbacks; reads to one with the examine policy; a manual queue for the checks. */
static NTSTATUS DevBFpQueues(void)
{
    WDF_IO_QUEUE_FORWARD_PROGRESS_POLICY policy;
    WDF_IO_QUEUE_CONFIG config;
    NTSTATUS status;
    WDF_IO_QUEUE_CONFIG_INIT(&config, WdfIoQueueDispatchParallel);
    config.EvtIoWrite = DevBWrite;
    status = WdfIoQueueCreate(g_device, &config, WDF_NO_OBJECT_ATTRIBUTES, &g_write);
    if (NT_SUCCESS(status))
        status = WdfDeviceConfigureRequestDispatching(g_device, g_write, WdfRequestTypeWrite);
    WDF_IO_QUEUE_FORWARD_PROGRESS_POLICY_DEFAULT_INIT(&policy, WDFDEVB_FP_WRITES);
    policy.EvtIoAllocateResourcesForReservedRequest = DevBReserve;
    policy.EvtIoAllocateRequestResources = DevBAllocate;
    if (NT_SUCCESS(status))
        status = WdfIoQueueAssignForwardProgressPolicy(g_write, &policy);
    WDF_IO_QUEUE_CONFIG_INIT(&config, WdfIoQueueDispatchParallel);
    config.EvtIoRead = DevBRead;
    if (NT_SUCCESS(status))
        status = WdfIoQueueCreate(g_device, &config, WDF_NO_OBJECT_ATTRIBUTES, &g_read);
    if (NT_SUCCESS(status))
        status = WdfDeviceConfigureRequestDispatching(g_device, g_read, WdfRequestTypeRead);
    WDF_IO_QUEUE_FORWARD_PROGRESS_POLICY_EXAMINE_INIT(&policy, 1, DevBExamine);
    if (NT_SUCCESS(status))
        status = WdfIoQueueAssignForwardProgressPolicy(g_read, &policy);
    WDF_IO_QUEUE_CONFIG_INIT(&config, WdfIoQueueDispatchManual);
    if (NT_SUCCESS(status))
        status = WdfIoQueueCreate(g_device, &config, WDF_NO_OBJECT_ATTRIBUTES, &g_checks);
    if (NT_SUCCESS(status))
        DevBFpChecks();
    return status;
}

/* ---- the queues ------------------------------------------------------------------------------ */

static VOID DevBControl(WDFQUEUE Queue, WDFREQUEST Request, size_t OutputBufferLength,
                        size_t InputBufferLength, ULONG IoControlCode)
{
    UNREFERENCED_PARAMETER(Queue);
    UNREFERENCED_PARAMETER(OutputBufferLength);
    UNREFERENCED_PARAMETER(InputBufferLength);
    switch (IoControlCode) {
    case IOCTL_DEVB_INFO:
        DevBInfo(Request);
        return;
    case IOCTL_DEVB_ECHO:
        DevBEcho(Request, WDFDEVB_DEFAULT_QUEUE);
        return;
    case IOCTL_DEVB_SELF_SYNC:
        DevBSelfSync(Request);
        return;
    case IOCTL_DEVB_SELF_ASYNC:
        DevBSelfAsync(Request);
        return;
    case IOCTL_DEVB_ASSIGN:
        DevBAssign(Request);
        return;
    case IOCTL_DEVB_BAD_ASSIGN:
        DevBBadAssign(Request);
        return;
    case IOCTL_DEVB_DEVICEMAP:
        DevBKeys(Request, DevBOpenDevicemap);
        return;
    case IOCTL_DEVB_PERSISTENT:
        DevBKeys(Request, DevBOpenPersistent);
        return;
    case IOCTL_DEVB_RESERVED:
        DevBReserved(Request);
        return;
    case IOCTL_DEVB_BAD_TRACING: /* not a WMI provider: the documented bug check */
        WdfWmiProviderGetTracingHandle((WDFWMIPROVIDER)g_device);
        break;
    case IOCTL_DEVB_FP_INFO:
        DevBOutput(Request, &g_fp, sizeof(g_fp));
        return;
    case IOCTL_DEVB_FP_FAIL:
        g_fail_allocate = TRUE;
        WdfRequestComplete(Request, STATUS_SUCCESS);
        return;
    case IOCTL_DEVB_FP_DELETE: /* Microsoft: the reserved requests go with their queue */
        WdfObjectDelete(g_checks);
        DevBOutput(Request, &g_fp, sizeof(g_fp));
        return;
    case IOCTL_DEVB_API_MISSING:
        WdfDriverErrorReportApiMissing(g_driver, L"DevBCx", WDFDEVB_MISSING_INDEX, TRUE);
        break;
    default:
        break;
    }
    WdfRequestComplete(Request, STATUS_INVALID_DEVICE_REQUEST);
}

static VOID DevBSideControl(WDFQUEUE Queue, WDFREQUEST Request, size_t OutputBufferLength,
                            size_t InputBufferLength, ULONG IoControlCode)
{
    UNREFERENCED_PARAMETER(Queue);
    UNREFERENCED_PARAMETER(OutputBufferLength);
    UNREFERENCED_PARAMETER(InputBufferLength);
    if (IoControlCode == IOCTL_DEVB_ECHO)
        DevBEcho(Request, WDFDEVB_SIDE_QUEUE);
    else
        WdfRequestComplete(Request, STATUS_INVALID_DEVICE_REQUEST);
}

/* ---- DriverEntry ----------------------------------------------------------------------------- */

static NTSTATUS DevBDevice(PCUNICODE_STRING name, BOOLEAN self, WDFDEVICE *device)
{
    DECLARE_CONST_UNICODE_STRING(sddl, L"D:P(A;;GA;;;SY)(A;;GA;;;BA)");
    PWDFDEVICE_INIT init = WdfControlDeviceInitAllocate(g_driver, &sddl);
    NTSTATUS status;
    if (init == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    if (self)
        WdfDeviceInitAllowSelfIoTarget(init);
    status = WdfDeviceInitAssignName(init, name);
    if (NT_SUCCESS(status))
        status = WdfDeviceCreate(&init, WDF_NO_OBJECT_ATTRIBUTES, device);
    if (!NT_SUCCESS(status))
        WdfDeviceInitFree(init);
    return status;
}

static NTSTATUS DevBQueues(void)
{
    WDF_IO_QUEUE_CONFIG config;
    NTSTATUS status;
    WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(&config, WdfIoQueueDispatchParallel);
    config.EvtIoDeviceControl = DevBControl;
    status = WdfIoQueueCreate(g_device, &config, WDF_NO_OBJECT_ATTRIBUTES, WDF_NO_HANDLE);
    if (!NT_SUCCESS(status))
        return status;
    WDF_IO_QUEUE_CONFIG_INIT(&config, WdfIoQueueDispatchParallel);
    config.EvtIoDeviceControl = DevBSideControl;
    status = WdfIoQueueCreate(g_device, &config, WDF_NO_OBJECT_ATTRIBUTES, &g_side);
    if (!NT_SUCCESS(status))
        return status;
    WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(&config, WdfIoQueueDispatchParallel);
    config.EvtIoDeviceControl = DevBSideControl;
    return WdfIoQueueCreate(g_other, &config, WDF_NO_OBJECT_ATTRIBUTES, &g_other_queue);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    DECLARE_CONST_UNICODE_STRING(name, L"\\Device\\WdfDevB");
    DECLARE_CONST_UNICODE_STRING(other, L"\\Device\\WdfDevB2");
    DECLARE_CONST_UNICODE_STRING(link, L"\\??\\WdfDevB");
    WDF_DRIVER_CONFIG config;
    NTSTATUS status;
    WDF_DRIVER_CONFIG_INIT(&config, WDF_NO_EVENT_CALLBACK);
    config.DriverInitFlags |= WdfDriverInitNonPnpDriver;
    status =
        WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config, &g_driver);
    if (NT_SUCCESS(status))
        status = DevBDevice(&name, TRUE, &g_device);
    if (NT_SUCCESS(status))
        status = DevBDevice(&other, FALSE, &g_other);
    if (NT_SUCCESS(status))
        status = WdfDeviceCreateSymbolicLink(g_device, &link);
    if (NT_SUCCESS(status))
        status = DevBQueues();
    if (NT_SUCCESS(status))
        status = DevBFpQueues();
    if (!NT_SUCCESS(status))
        return status;
    WdfControlFinishInitializing(g_device);
    WdfControlFinishInitializing(g_other);
    return STATUS_SUCCESS;
}
