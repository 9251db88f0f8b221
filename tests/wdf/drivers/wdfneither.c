/*
 * wdfneither.c - a framework function driver whose device controls are METHOD_NEITHER (as the
 * BTHX transport's are): its EvtIoDeviceControl retrieves the input and output buffers
 * (WdfRequestRetrieveInputBuffer / OutputBuffer, and the memory objects of
 * WdfRequestRetrieveInputMemory / OutputMemory), copies the input to the output and completes
 * with the bytes copied, or with the first retrieval's failure. The pages allow neither I/O for
 * internal device controls and for requests another kernel-mode driver sent; a user-mode
 * caller's is STATUS_INVALID_DEVICE_REQUEST. Installed under ../../pnp/drivers/bthxtest.c as
 * its upper filter (wdfneither.inf), which sends IOCTL_BTHX_* from kernel mode and passes the
 * scenario's own codes down from user mode. Public headers only.
 */
#include <ntddk.h>
#include <wdf.h>

DRIVER_INITIALIZE DriverEntry;
static EVT_WDF_DRIVER_DEVICE_ADD DeviceAdd;
static EVT_WDF_IO_QUEUE_IO_DEVICE_CONTROL IoControl;

static NTSTATUS Echo(WDFREQUEST Request, size_t *Copied)
{
    PVOID in, out;
    size_t inLength, outLength;
    WDFMEMORY inMemory, outMemory;
    NTSTATUS status = WdfRequestRetrieveInputBuffer(Request, 1, &in, &inLength);
    if (NT_SUCCESS(status))
        status = WdfRequestRetrieveOutputBuffer(Request, 1, &out, &outLength);
    if (NT_SUCCESS(status))
        status = WdfRequestRetrieveInputMemory(Request, &inMemory);
    if (NT_SUCCESS(status))
        status = WdfRequestRetrieveOutputMemory(Request, &outMemory);
    if (!NT_SUCCESS(status))
        return status;
    if (WdfMemoryGetBuffer(inMemory, NULL) != in || WdfMemoryGetBuffer(outMemory, NULL) != out)
        return STATUS_DATA_ERROR;
    *Copied = inLength < outLength ? inLength : outLength;
    RtlCopyMemory(out, in, *Copied);
    return STATUS_SUCCESS;
}

static VOID IoControl(WDFQUEUE Queue, WDFREQUEST Request, size_t OutputBufferLength,
                      size_t InputBufferLength, ULONG IoControlCode)
{
    size_t copied = 0;
    NTSTATUS status;
    UNREFERENCED_PARAMETER(Queue);
    UNREFERENCED_PARAMETER(OutputBufferLength);
    UNREFERENCED_PARAMETER(InputBufferLength);
    status = METHOD_FROM_CTL_CODE(IoControlCode) == METHOD_NEITHER ? Echo(Request, &copied)
                                                                   : STATUS_INVALID_DEVICE_REQUEST;
    WdfRequestCompleteWithInformation(Request, status, copied);
}

static NTSTATUS DeviceAdd(WDFDRIVER Driver, PWDFDEVICE_INIT DeviceInit)
{
    WDF_IO_QUEUE_CONFIG q;
    WDFDEVICE device;
    NTSTATUS status;
    UNREFERENCED_PARAMETER(Driver);
    status = WdfDeviceCreate(&DeviceInit, WDF_NO_OBJECT_ATTRIBUTES, &device);
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
