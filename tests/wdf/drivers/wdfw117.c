/*
 * wdfw117.c - framework test driver (tests/wdf/test_wdf_w117.c) with two control devices:
 *   - \Device\WdfW117 (\\.\WdfW117), SDDL_DEVOBJ_SYS_ALL_ADM_ALL: an EvtDeviceWdmIrpPreprocess
 *     and an EvtDeviceWdmIrpDispatch for device controls; the callback sends IOCTL_W117_TO_SIDE
 *     to a side queue (WdfDeviceWdmDispatchIrpToIoQueue), completes IOCTL_W117_SELF itself,
 *     and hands the rest back (WdfDeviceWdmDispatchIrp) to the default queue;
 *   - \Device\WdfW117World: WdfControlDeviceInitAllocate's SDDL (system only) replaced with
 *     WdfDeviceInitAssignSDDLString's, which also lets everyone read.
 * DriverEntry also checks the documented failures (an SDDL string that is not one, an unnamed
 * device with an SDDL string, a major function the dispatch callback cannot take).
 * Only the public KMDF headers and documented behaviour.
 */
#include <ntddk.h>
#include <wdf.h>

#include "wdfw117.h"

DRIVER_INITIALIZE DriverEntry;

static WDFDRIVER g_driver;
static WDFDEVICE g_device;
static WDFQUEUE g_side;
static WDFW117_RECORD g_record;
static WDFW117_CHECKS g_checks;
static ULONG g_context_marker;
static LONG g_sequence, g_preprocess_seq;

static VOID W117Check(BOOLEAN held, ULONG bit, ULONG line)
{
    if (held)
        g_checks.Bits |= bit;
    else if (g_checks.FirstFailedLine == 0)
        g_checks.FirstFailedLine = line;
}
#define CHECK(cond, bit) W117Check((cond) ? TRUE : FALSE, bit, __LINE__)

static VOID W117Output(WDFREQUEST Request, const void *data, size_t size)
{
    PVOID out;
    NTSTATUS status = WdfRequestRetrieveOutputBuffer(Request, size, &out, NULL);
    if (NT_SUCCESS(status))
        RtlCopyMemory(out, data, size);
    WdfRequestCompleteWithInformation(Request, status, NT_SUCCESS(status) ? size : 0);
}

/* ---- the callbacks ----------------------------------------------------------------------------
 */

static ULONG W117CodeOf(PIRP Irp)
{
    return IoGetCurrentIrpStackLocation(Irp)->Parameters.DeviceIoControl.IoControlCode;
}

/* Microsoft (EvtDeviceWdmIrpPreprocess): sees the IRP before the framework; gives it back. */
static NTSTATUS W117Preprocess(WDFDEVICE Device, PIRP Irp)
{
    if (W117CodeOf(Irp) != IOCTL_W117_RECORD) {
        g_record.Preprocesses++;
        g_preprocess_seq = InterlockedIncrement(&g_sequence);
    }
    IoSkipCurrentIrpStackLocation(Irp);
    return WdfDeviceWdmDispatchPreprocessedIrp(Device, Irp);
}

static NTSTATUS W117Dispatch(WDFDEVICE Device, UCHAR MajorFunction, UCHAR MinorFunction, ULONG Code,
                             WDFCONTEXT DriverContext, PIRP Irp, WDFCONTEXT DispatchContext)
{
    if (Code == IOCTL_W117_RECORD)
        return WdfDeviceWdmDispatchIrp(Device, Irp, DispatchContext);
    g_record.Dispatches++;
    g_record.Major = MajorFunction;
    g_record.Minor = MinorFunction;
    g_record.Code = Code;
    g_record.ContextOk = DriverContext == &g_context_marker;
    g_record.PreprocessFirst =
        g_preprocess_seq != 0 && g_preprocess_seq < InterlockedIncrement(&g_sequence);
    switch (Code) {
    case IOCTL_W117_TO_SIDE:
        return WdfDeviceWdmDispatchIrpToIoQueue(Device, Irp, g_side, 0);
    case IOCTL_W117_SELF: /* KMDF only: the callback may complete the IRP itself */
        Irp->IoStatus.Status = STATUS_SUCCESS;
        Irp->IoStatus.Information = WDFW117_INFO_SELF;
        IoCompleteRequest(Irp, IO_NO_INCREMENT);
        return STATUS_SUCCESS;
    case IOCTL_W117_BADCTX:
        return WdfDeviceWdmDispatchIrp(Device, Irp, NULL);
    default:
        return WdfDeviceWdmDispatchIrp(Device, Irp, DispatchContext);
    }
}

static VOID W117SideControl(WDFQUEUE Queue, WDFREQUEST Request, size_t OutputBufferLength,
                            size_t InputBufferLength, ULONG IoControlCode)
{
    UNREFERENCED_PARAMETER(Queue);
    UNREFERENCED_PARAMETER(OutputBufferLength);
    UNREFERENCED_PARAMETER(InputBufferLength);
    UNREFERENCED_PARAMETER(IoControlCode);
    WdfRequestCompleteWithInformation(Request, STATUS_SUCCESS, WDFW117_INFO_SIDE);
}

static VOID W117Control(WDFQUEUE Queue, WDFREQUEST Request, size_t OutputBufferLength,
                        size_t InputBufferLength, ULONG IoControlCode)
{
    ULONG pids[2];
    WDFFILEOBJECT file;
    UNREFERENCED_PARAMETER(Queue);
    UNREFERENCED_PARAMETER(OutputBufferLength);
    UNREFERENCED_PARAMETER(InputBufferLength);
    switch (IoControlCode) {
    case IOCTL_W117_RECORD:
        W117Output(Request, &g_record, sizeof(g_record));
        return;
    case IOCTL_W117_CHECKS:
        W117Output(Request, &g_checks, sizeof(g_checks));
        return;
    case IOCTL_W117_PIDS:
        file = WdfRequestGetFileObject(Request);
        pids[0] = WdfRequestGetRequestorProcessId(Request);
        pids[1] = file != NULL ? WdfFileObjectGetInitiatorProcessId(file) : 0xFFFFFFFF;
        W117Output(Request, pids, sizeof(pids));
        return;
    default:
        WdfRequestCompleteWithInformation(Request, STATUS_SUCCESS, WDFW117_INFO_DEFAULT);
        return;
    }
}

static VOID W117Read(WDFQUEUE Queue, WDFREQUEST Request, size_t Length)
{
    UNREFERENCED_PARAMETER(Queue);
    UNREFERENCED_PARAMETER(Length);
    g_record.Reads++;
    WdfRequestCompleteWithInformation(Request, STATUS_SUCCESS, 0);
}

/* ---- DriverEntry ------------------------------------------------------------------------------
 */

/* Microsoft (WdfDeviceInitSetIoTypeEx, KMDF 1.13): ReadWriteIoType is the device's I/O type; a
 * structure whose Size is not WDF_IO_TYPE_CONFIG's is not taken (drvhost: ignored). */
static VOID W117IoType(PWDFDEVICE_INIT init)
{
    WDF_IO_TYPE_CONFIG config;
    WDF_IO_TYPE_CONFIG_INIT(&config);
    CHECK(config.Size == sizeof(config) && config.ReadWriteIoType == WdfDeviceIoBuffered &&
              config.DeviceControlIoType == WdfDeviceIoBuffered,
          WDFW117_CHECK_IO_TYPE_INIT);
    config.ReadWriteIoType = WdfDeviceIoDirect;
    WdfDeviceInitSetIoTypeEx(init, &config);
    config.ReadWriteIoType = WdfDeviceIoBuffered;
    config.Size = 4;
    WdfDeviceInitSetIoTypeEx(init, &config);
}

/* A control device named `name` (NULL: unnamed) with the allocation's SDDL `sddl`, then
 * WdfDeviceInitAssignSDDLString(`assign`) when `assign` is not NULL. */
static NTSTATUS W117Device(PCUNICODE_STRING sddl, PCUNICODE_STRING assign, PCUNICODE_STRING name,
                           BOOLEAN main, WDFDEVICE *device)
{
    PWDFDEVICE_INIT init = WdfControlDeviceInitAllocate(g_driver, sddl);
    WDF_FILEOBJECT_CONFIG file_config;
    NTSTATUS status = STATUS_SUCCESS;
    if (init == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    if (assign != NULL)
        status = WdfDeviceInitAssignSDDLString(init, assign);
    if (NT_SUCCESS(status) && name != NULL)
        status = WdfDeviceInitAssignName(init, name);
    if (NT_SUCCESS(status) && main) {
        W117IoType(init);
        WdfPdoInitRemovePowerDependencyOnParent(init); /* not a PDO's init: reported, ignored */
        WDF_FILEOBJECT_CONFIG_INIT(&file_config, WDF_NO_EVENT_CALLBACK, WDF_NO_EVENT_CALLBACK,
                                   WDF_NO_EVENT_CALLBACK);
        WdfDeviceInitSetFileObjectConfig(init, &file_config, WDF_NO_OBJECT_ATTRIBUTES);
        status = WdfDeviceInitAssignWdmIrpPreprocessCallback(init, W117Preprocess,
                                                             IRP_MJ_DEVICE_CONTROL, NULL, 0);
    }
    if (NT_SUCCESS(status))
        status = WdfDeviceCreate(&init, WDF_NO_OBJECT_ATTRIBUTES, device);
    if (!NT_SUCCESS(status))
        WdfDeviceInitFree(init);
    return status;
}

static NTSTATUS W117Queues(void)
{
    WDF_IO_QUEUE_CONFIG config;
    NTSTATUS status;
    WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(&config, WdfIoQueueDispatchParallel);
    config.EvtIoDeviceControl = W117Control;
    config.EvtIoRead = W117Read;
    status = WdfIoQueueCreate(g_device, &config, WDF_NO_OBJECT_ATTRIBUTES, WDF_NO_HANDLE);
    if (!NT_SUCCESS(status))
        return status;
    WDF_IO_QUEUE_CONFIG_INIT(&config, WdfIoQueueDispatchParallel);
    config.EvtIoDeviceControl = W117SideControl;
    status = WdfIoQueueCreate(g_device, &config, WDF_NO_OBJECT_ATTRIBUTES, &g_side);
    if (!NT_SUCCESS(status))
        return status;
    /* Microsoft: only device controls, internal device controls, reads and writes. */
    CHECK(WdfDeviceConfigureWdmIrpDispatchCallback(g_device, g_driver, IRP_MJ_CREATE, W117Dispatch,
                                                   NULL) == STATUS_INVALID_PARAMETER,
          WDFW117_CHECK_BAD_MAJOR);
    status = WdfDeviceConfigureWdmIrpDispatchCallback(g_device, NULL, IRP_MJ_DEVICE_CONTROL,
                                                      W117Dispatch, &g_context_marker);
    CHECK(NT_SUCCESS(status), WDFW117_CHECK_CONFIGURED);
    return status;
}

/* Microsoft (WdfDeviceInitSetDeviceClass): \Device\WdfW117Class, SDDL_DEVOBJ_KERNEL_ONLY ("D:P":
 * no user-mode open), unless its class key's Properties\Security says otherwise. */
static VOID W117ClassDevice(void)
{
    DECLARE_CONST_UNICODE_STRING(kernel_only, L"D:P");
    DECLARE_CONST_UNICODE_STRING(name, L"\\Device\\WdfW117Class");
    PWDFDEVICE_INIT init = WdfControlDeviceInitAllocate(g_driver, &kernel_only);
    WDFDEVICE device;
    NTSTATUS status;
    if (init == NULL)
        return;
    WdfDeviceInitSetDeviceClass(init, &WDFW117_CLASS);
    status = WdfDeviceInitAssignName(init, &name);
    if (NT_SUCCESS(status))
        status = WdfDeviceCreate(&init, WDF_NO_OBJECT_ATTRIBUTES, &device);
    if (!NT_SUCCESS(status)) {
        WdfDeviceInitFree(init);
        return;
    }
    WdfControlFinishInitializing(device);
    g_checks.Bits |= WDFW117_CHECK_CLASS_DEVICE;
}

/* Microsoft (WdfDeviceInitAssignSDDLString, IoCreateDeviceSecure): the SDDL subset for device
 * objects only, and no descriptor for an unnamed device. */
static VOID W117SecurityChecks(void)
{
    DECLARE_CONST_UNICODE_STRING(bad, L"D:P(A;;GA;;;SY)(A;;NOPE;;;BA)");
    DECLARE_CONST_UNICODE_STRING(sys, L"D:P(A;;GA;;;SY)");
    DECLARE_CONST_UNICODE_STRING(world, L"D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GR;;;WD)");
    DECLARE_CONST_UNICODE_STRING(bad_name, L"\\Device\\WdfW117Bad");
    DECLARE_CONST_UNICODE_STRING(world_name, L"\\Device\\WdfW117World");
    WDFDEVICE device;
    CHECK(W117Device(&bad, NULL, &bad_name, FALSE, &device) == STATUS_INVALID_PARAMETER,
          WDFW117_CHECK_BAD_SDDL);
    CHECK(W117Device(&sys, NULL, NULL, FALSE, &device) == STATUS_INVALID_PARAMETER,
          WDFW117_CHECK_UNNAMED_SDDL);
    if (NT_SUCCESS(W117Device(&sys, &world, &world_name, FALSE, &device))) {
        WdfControlFinishInitializing(device);
        g_checks.Bits |= WDFW117_CHECK_WORLD_DEVICE;
    }
    W117ClassDevice();
}

/* \Device\WdfW117Plain (\\.\WdfW117Plain): a control device whose device controls have the
 * dispatch callback and nothing else of the kind (no preprocess callback, no remove lock, no
 * in-caller-context callback), then a default queue: the callback must see them all the same. */
static VOID W117PlainDevice(void)
{
    DECLARE_CONST_UNICODE_STRING(sddl, L"D:P(A;;GA;;;SY)(A;;GA;;;BA)");
    DECLARE_CONST_UNICODE_STRING(name, L"\\Device\\WdfW117Plain");
    DECLARE_CONST_UNICODE_STRING(link, L"\\??\\WdfW117Plain");
    WDF_IO_QUEUE_CONFIG config;
    WDFDEVICE device;
    NTSTATUS status;
    if (!NT_SUCCESS(W117Device(&sddl, NULL, &name, FALSE, &device)))
        return;
    status = WdfDeviceCreateSymbolicLink(device, &link);
    WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(&config, WdfIoQueueDispatchParallel);
    config.EvtIoDeviceControl = W117Control;
    if (NT_SUCCESS(status))
        status = WdfIoQueueCreate(device, &config, WDF_NO_OBJECT_ATTRIBUTES, WDF_NO_HANDLE);
    if (NT_SUCCESS(status))
        status = WdfDeviceConfigureWdmIrpDispatchCallback(device, NULL, IRP_MJ_DEVICE_CONTROL,
                                                          W117Dispatch, &g_context_marker);
    WdfControlFinishInitializing(device);
    if (NT_SUCCESS(status))
        g_checks.Bits |= WDFW117_CHECK_PLAIN_DEVICE;
}

/* wdfw117_null.sys gives WdfControlDeviceInitAllocate no SDDL string (Microsoft: required). */
#ifdef WDFW117_NULL_SDDL
#define W117_NULL_SDDL 1
#else
#define W117_NULL_SDDL 0
#endif

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    DECLARE_CONST_UNICODE_STRING(sddl, L"D:P(A;;GA;;;SY)(A;;GA;;;BA)");
    DECLARE_CONST_UNICODE_STRING(name, L"\\Device\\WdfW117");
    DECLARE_CONST_UNICODE_STRING(link, L"\\??\\WdfW117");
    WDF_DRIVER_CONFIG config;
    NTSTATUS status;
    WDF_DRIVER_CONFIG_INIT(&config, WDF_NO_EVENT_CALLBACK);
    config.DriverInitFlags |= WdfDriverInitNonPnpDriver;
    status =
        WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config, &g_driver);
    if (!NT_SUCCESS(status))
        return status;
    status = W117Device(W117_NULL_SDDL ? NULL : &sddl, NULL, &name, TRUE, &g_device);
    if (NT_SUCCESS(status))
        status = WdfDeviceCreateSymbolicLink(g_device, &link);
    if (NT_SUCCESS(status))
        status = W117Queues();
    if (!NT_SUCCESS(status))
        return status;
    CHECK((WdfDeviceWdmGetDeviceObject(g_device)->Flags & (DO_DIRECT_IO | DO_BUFFERED_IO)) ==
              DO_DIRECT_IO,
          WDFW117_CHECK_IO_TYPE_EX);
    WdfControlFinishInitializing(g_device);
    W117SecurityChecks();
    W117PlainDevice();
    return STATUS_SUCCESS;
}
