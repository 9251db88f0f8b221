/*
 * bthxtest.c - a function driver of ours for a Bluetooth transport's radio PDO (compatible ID
 * MS_BTHX_BTHMINI, where Windows loads its Bluetooth miniport driver above a BTHX transport,
 * "Bluetooth Extensibility transport DDIs", bthxddi.h): it lets a scenario drive the transport
 * as that driver would. Its control device \\.\BTHXTEST takes METHOD_BUFFERED device controls
 * and sends each on to the PDO as the matching IOCTL_BTHX_* (METHOD_NEITHER, from kernel mode,
 * as the transport expects), asynchronously, copying the answer back (other device controls go
 * down unchanged):
 *   BTHXTEST_GET_VERSION      out: BTHX_VERSION
 *   BTHXTEST_QUERY_CAPS       out: BTHX_CAPABILITIES
 *   BTHXTEST_WRITE_HCI        in: BTHX_HCI_READ_WRITE_CONTEXT; out: BTHX_HCI_PACKET_TYPE
 *   BTHXTEST_READ_HCI         in: BTHX_HCI_PACKET_TYPE; out: BTHX_HCI_READ_WRITE_CONTEXT
 * It runs on the sample bluetooth/serialhcibus's scenario (tests/samples/bluetooth/serialhcibus),
 * where the survey provides the transport, and as the upper filter of wdfneither.sys in
 * wdf_scenario_neither (kernel-mode METHOD_NEITHER device controls to a framework driver).
 * Lifetime: a forwarded request is parented to the device and deleted in its completion routine,
 * which completes the scenario's request. Public headers only: it could be built with the WDK.
 */
#include <ntddk.h>
#include <wdf.h>
#include <bthxddi.h>

#define BTHXTEST_CODE(n)     CTL_CODE(0x8000, 0x800 + (n), METHOD_BUFFERED, FILE_ANY_ACCESS)
#define BTHXTEST_GET_VERSION BTHXTEST_CODE(0)
#define BTHXTEST_QUERY_CAPS  BTHXTEST_CODE(1)
#define BTHXTEST_WRITE_HCI   BTHXTEST_CODE(2)
#define BTHXTEST_READ_HCI    BTHXTEST_CODE(3)

DRIVER_INITIALIZE DriverEntry;
static EVT_WDF_DRIVER_DEVICE_ADD DeviceAdd;
static EVT_WDF_IO_QUEUE_IO_DEVICE_CONTROL IoControl;
static EVT_WDF_REQUEST_COMPLETION_ROUTINE Forwarded;

static ULONG BthxCode(ULONG Code)
{
    switch (Code) {
    case BTHXTEST_GET_VERSION:
        return IOCTL_BTHX_GET_VERSION;
    case BTHXTEST_QUERY_CAPS:
        return IOCTL_BTHX_QUERY_CAPABILITIES;
    case BTHXTEST_WRITE_HCI:
        return IOCTL_BTHX_WRITE_HCI;
    case BTHXTEST_READ_HCI:
        return IOCTL_BTHX_READ_HCI;
    default:
        return 0;
    }
}

/* The transport's answer: its status and Information, its output copied to the scenario's. */
static VOID Forwarded(WDFREQUEST Request, WDFIOTARGET Target, PWDF_REQUEST_COMPLETION_PARAMS Params,
                      WDFCONTEXT Context)
{
    WDFREQUEST original = (WDFREQUEST)Context;
    NTSTATUS status = Params->IoStatus.Status;
    ULONG_PTR information = Params->IoStatus.Information;
    WDFMEMORY out = Params->Parameters.Ioctl.Output.Buffer;
    PVOID to;
    size_t length = 0;
    UNREFERENCED_PARAMETER(Target);
    if (out != NULL && information != 0 &&
        NT_SUCCESS(WdfRequestRetrieveOutputBuffer(original, 0, &to, &length))) {
        if (information > length)
            information = length;
        RtlCopyMemory(to, WdfMemoryGetBuffer(out, NULL), information);
    } else if (out == NULL) {
        information = 0;
    }
    WdfObjectDelete(Request);
    WdfRequestCompleteWithInformation(original, status, information);
}

/* A copy of the scenario's buffer (in) or an empty one of its size (out), parented to `Parent`;
 * NULL for none. */
static NTSTATUS Memory(WDFOBJECT Parent, PVOID From, size_t Length, WDFMEMORY *Memory)
{
    WDF_OBJECT_ATTRIBUTES a;
    PVOID buffer;
    NTSTATUS status;
    *Memory = NULL;
    if (Length == 0)
        return STATUS_SUCCESS;
    WDF_OBJECT_ATTRIBUTES_INIT(&a);
    a.ParentObject = Parent;
    status = WdfMemoryCreate(&a, NonPagedPoolNx, 'tXhB', Length, Memory, &buffer);
    if (NT_SUCCESS(status))
        RtlCopyMemory(buffer, From, Length);
    return status;
}

static NTSTATUS Forward(WDFQUEUE Queue, WDFREQUEST Request, ULONG Code, size_t OutLength,
                        size_t InLength)
{
    WDFDEVICE device = WdfIoQueueGetDevice(Queue);
    WDFIOTARGET target = WdfDeviceGetIoTarget(device);
    WDF_OBJECT_ATTRIBUTES a;
    WDFREQUEST forward;
    WDFMEMORY in = NULL, out = NULL;
    PVOID inBuffer = NULL, outBuffer = NULL;
    NTSTATUS status = STATUS_SUCCESS;
    if (InLength != 0)
        status = WdfRequestRetrieveInputBuffer(Request, InLength, &inBuffer, NULL);
    if (NT_SUCCESS(status) && OutLength != 0)
        status = WdfRequestRetrieveOutputBuffer(Request, OutLength, &outBuffer, NULL);
    if (!NT_SUCCESS(status))
        return status;
    WDF_OBJECT_ATTRIBUTES_INIT(&a);
    a.ParentObject = device;
    status = WdfRequestCreate(&a, target, &forward);
    if (!NT_SUCCESS(status))
        return status;
    status = Memory(forward, inBuffer, InLength, &in);
    if (NT_SUCCESS(status))
        status = Memory(forward, outBuffer, OutLength, &out);
    if (NT_SUCCESS(status))
        status = WdfIoTargetFormatRequestForIoctl(target, forward, Code, in, NULL, out, NULL);
    if (NT_SUCCESS(status)) {
        WdfRequestSetCompletionRoutine(forward, Forwarded, Request);
        if (WdfRequestSend(forward, target, WDF_NO_SEND_OPTIONS))
            return STATUS_PENDING;
        status = WdfRequestGetStatus(forward);
    }
    WdfObjectDelete(forward);
    return status;
}

/* Any other device control goes down as it came (from the scenario: user mode). */
static NTSTATUS PassDown(WDFQUEUE Queue, WDFREQUEST Request)
{
    WDFIOTARGET target = WdfDeviceGetIoTarget(WdfIoQueueGetDevice(Queue));
    WDF_REQUEST_SEND_OPTIONS options;
    WdfRequestFormatRequestUsingCurrentType(Request);
    WDF_REQUEST_SEND_OPTIONS_INIT(&options, WDF_REQUEST_SEND_OPTION_SEND_AND_FORGET);
    if (WdfRequestSend(Request, target, &options))
        return STATUS_PENDING;
    return WdfRequestGetStatus(Request);
}

static VOID IoControl(WDFQUEUE Queue, WDFREQUEST Request, size_t OutputBufferLength,
                      size_t InputBufferLength, ULONG IoControlCode)
{
    ULONG code = BthxCode(IoControlCode);
    NTSTATUS status = code == 0
                          ? PassDown(Queue, Request)
                          : Forward(Queue, Request, code, OutputBufferLength, InputBufferLength);
    if (status != STATUS_PENDING)
        WdfRequestComplete(Request, status);
}

static NTSTATUS DeviceAdd(WDFDRIVER Driver, PWDFDEVICE_INIT DeviceInit)
{
    DECLARE_CONST_UNICODE_STRING(name, L"\\Device\\BthxTest");
    DECLARE_CONST_UNICODE_STRING(link, L"\\DosDevices\\BTHXTEST");
    WDF_IO_QUEUE_CONFIG q;
    WDFDEVICE device;
    NTSTATUS status;
    UNREFERENCED_PARAMETER(Driver);
    status = WdfDeviceInitAssignName(DeviceInit, &name);
    if (NT_SUCCESS(status))
        status = WdfDeviceCreate(&DeviceInit, WDF_NO_OBJECT_ATTRIBUTES, &device);
    if (NT_SUCCESS(status))
        status = WdfDeviceCreateSymbolicLink(device, &link);
    if (!NT_SUCCESS(status))
        return status;
    WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(&q, WdfIoQueueDispatchParallel);
    q.EvtIoDeviceControl = IoControl;
    return WdfIoQueueCreate(device, &q, WDF_NO_OBJECT_ATTRIBUTES, WDF_NO_HANDLE);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WDF_DRIVER_CONFIG config;
    WDF_DRIVER_CONFIG_INIT(&config, DeviceAdd);
    return WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config,
                           WDF_NO_HANDLE);
}
