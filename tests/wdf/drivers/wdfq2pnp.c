/*
 * wdfq2pnp.c - file object requests in a framework filter (tests/wdf/test_wdf_queue2.c;
 * drivers/wdfq2.inf). One source, four modules:
 *   wdfq2fdo        (no define) the function driver: counts the creates, cleanups and closes it
 *                   sees (EvtDeviceFileCreate, EvtFileCleanup, EvtFileClose) and reports them
 *                   (IOCTL_Q2P_COUNTS, on its interface);
 *   wdfq2flt        (WDFQ2P_FILTER=1) a filter with no file object config (AutoForwardCleanupClose
 *                   is then the default);
 *   wdfq2flt_false  (WDFQ2P_FILTER=2) a filter with AutoForwardCleanupClose WdfFalse and no file
 *                   callbacks;
 *   wdfq2flt_queue  (WDFQ2P_FILTER=3) a filter with AutoForwardCleanupClose WdfTrue and a create
 *                   queue whose EvtIoDefault forwards each create to its default I/O target.
 * The filters have no queue for device controls: the framework sends them down.
 */
#include <ntddk.h>
#include <wdf.h>

DRIVER_INITIALIZE DriverEntry;

#define IOCTL_Q2P_COUNTS CTL_CODE(FILE_DEVICE_UNKNOWN, 0xC80, METHOD_BUFFERED, FILE_ANY_ACCESS)

#ifndef WDFQ2P_FILTER
static const GUID GUID_WDFQ2P_INTERFACE = {
    0x5a1e7c33, 0x2b9d, 0x4c80, {0x91, 0x4f, 0x6d, 0x27, 0xa8, 0x0e, 0x3c, 0x55}};

static LONG g_counts[4]; /* creates, cleanups, closes; [3]: the create queue was refused */

static VOID FdoFileCreate(WDFDEVICE Device, WDFREQUEST Request, WDFFILEOBJECT File)
{
    InterlockedIncrement(&g_counts[0]);
    WdfRequestComplete(Request, STATUS_SUCCESS);
}

static VOID FdoFileCleanup(WDFFILEOBJECT File)
{
    InterlockedIncrement(&g_counts[1]);
}

static VOID FdoFileClose(WDFFILEOBJECT File)
{
    InterlockedIncrement(&g_counts[2]);
}

static VOID FdoControl(WDFQUEUE Queue, WDFREQUEST Request, size_t OutputBufferLength,
                       size_t InputBufferLength, ULONG IoControlCode)
{
    PVOID out;
    NTSTATUS status = IoControlCode == IOCTL_Q2P_COUNTS
                          ? WdfRequestRetrieveOutputBuffer(Request, sizeof(g_counts), &out, NULL)
                          : STATUS_INVALID_DEVICE_REQUEST;
    if (NT_SUCCESS(status))
        RtlCopyMemory(out, g_counts, sizeof(g_counts));
    WdfRequestCompleteWithInformation(Request, status, NT_SUCCESS(status) ? sizeof(g_counts) : 0);
}

static NTSTATUS Setup(PWDFDEVICE_INIT DeviceInit, WDFDEVICE *Device)
{
    WDF_FILEOBJECT_CONFIG file;
    WDF_IO_QUEUE_CONFIG config;
    NTSTATUS status;
    WDF_FILEOBJECT_CONFIG_INIT(&file, FdoFileCreate, FdoFileClose, FdoFileCleanup);
    WdfDeviceInitSetFileObjectConfig(DeviceInit, &file, WDF_NO_OBJECT_ATTRIBUTES);
    status = WdfDeviceCreate(&DeviceInit, WDF_NO_OBJECT_ATTRIBUTES, Device);
    if (NT_SUCCESS(status))
        status = WdfDeviceCreateDeviceInterface(*Device, &GUID_WDFQ2P_INTERFACE, NULL);
    if (!NT_SUCCESS(status))
        return status;
    WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(&config, WdfIoQueueDispatchParallel);
    config.EvtIoDeviceControl = FdoControl;
    status = WdfIoQueueCreate(*Device, &config, WDF_NO_OBJECT_ATTRIBUTES, WDF_NO_HANDLE);
    if (NT_SUCCESS(status)) { /* creates go to EvtDeviceFileCreate: not also to a queue */
        WDFQUEUE queue;
        WDF_IO_QUEUE_CONFIG_INIT(&config, WdfIoQueueDispatchManual);
        status = WdfIoQueueCreate(*Device, &config, WDF_NO_OBJECT_ATTRIBUTES, &queue);
        if (NT_SUCCESS(status))
            g_counts[3] =
                WdfDeviceConfigureRequestDispatching(*Device, queue, WdfRequestTypeCreate) ==
                STATUS_INVALID_DEVICE_REQUEST;
    }
    return status;
}
#else
#if WDFQ2P_FILTER == 3
/* The create came back from below: the filter completes it with the lower driver's status
 * (Microsoft, Framework File Objects: never a failure the target did not give). */
static VOID FilterCreateDone(WDFREQUEST Request, WDFIOTARGET Target,
                             PWDF_REQUEST_COMPLETION_PARAMS Params, WDFCONTEXT Context)
{
    WdfRequestComplete(Request, Params->IoStatus.Status);
}

static VOID FilterCreate(WDFQUEUE Queue, WDFREQUEST Request)
{
    WDFDEVICE device = WdfIoQueueGetDevice(Queue);
    WdfRequestFormatRequestUsingCurrentType(Request);
    WdfRequestSetCompletionRoutine(Request, FilterCreateDone, NULL);
    if (!WdfRequestSend(Request, WdfDeviceGetIoTarget(device), WDF_NO_SEND_OPTIONS))
        WdfRequestComplete(Request, WdfRequestGetStatus(Request));
}
#endif

static NTSTATUS Setup(PWDFDEVICE_INIT DeviceInit, WDFDEVICE *Device)
{
    NTSTATUS status;
#if WDFQ2P_FILTER >= 2
    WDF_FILEOBJECT_CONFIG file;
    WDF_FILEOBJECT_CONFIG_INIT(&file, WDF_NO_EVENT_CALLBACK, WDF_NO_EVENT_CALLBACK,
                               WDF_NO_EVENT_CALLBACK);
    file.AutoForwardCleanupClose = WDFQ2P_FILTER == 2 ? WdfFalse : WdfTrue;
    WdfDeviceInitSetFileObjectConfig(DeviceInit, &file, WDF_NO_OBJECT_ATTRIBUTES);
#endif
    WdfFdoInitSetFilter(DeviceInit);
    status = WdfDeviceCreate(&DeviceInit, WDF_NO_OBJECT_ATTRIBUTES, Device);
#if WDFQ2P_FILTER == 3
    if (NT_SUCCESS(status)) {
        WDF_IO_QUEUE_CONFIG config;
        WDFQUEUE queue;
        WDF_IO_QUEUE_CONFIG_INIT(&config, WdfIoQueueDispatchParallel);
        config.EvtIoDefault = FilterCreate;
        status = WdfIoQueueCreate(*Device, &config, WDF_NO_OBJECT_ATTRIBUTES, &queue);
        if (NT_SUCCESS(status))
            status = WdfDeviceConfigureRequestDispatching(*Device, queue, WdfRequestTypeCreate);
    }
#endif
    return status;
}
#endif

static NTSTATUS DeviceAdd(WDFDRIVER Driver, PWDFDEVICE_INIT DeviceInit)
{
    WDFDEVICE device;
    return Setup(DeviceInit, &device);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WDF_DRIVER_CONFIG config;
    WDF_DRIVER_CONFIG_INIT(&config, DeviceAdd);
    return WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config,
                           WDF_NO_HANDLE);
}
