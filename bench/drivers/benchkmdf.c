/*
 * benchkmdf.c - the framework (KMDF) benchmark driver: the framework's side of the IOCTL round
 * trip of bench_ioctl. A non-PnP driver (WdfDriverInitNonPnpDriver) with one control device,
 * \Device\BenchKmdf (\??\BenchKmdf), buffered I/O, and a default parallel queue whose
 * EvtIoDeviceControl answers IOCTL_BENCH_COPY as benchdrv.sys does: it retrieves the input and
 * the output buffers, copies the input to the output and completes with the copied length as
 * the Information. Any other control code is STATUS_INVALID_DEVICE_REQUEST.
 *
 * Written against the KMDF 1.33 documentation only; it builds unchanged with the real WDK.
 */
#include <ntddk.h>
#include <wdf.h>

#include "benchdrv.h"

DRIVER_INITIALIZE DriverEntry;
static EVT_WDF_IO_QUEUE_IO_DEVICE_CONTROL BenchKmdfDeviceControl;

static VOID BenchKmdfCopy(WDFREQUEST Request)
{
    PVOID in, out;
    size_t in_length, out_length;
    NTSTATUS status = WdfRequestRetrieveInputBuffer(Request, 1, &in, &in_length);
    if (NT_SUCCESS(status))
        status = WdfRequestRetrieveOutputBuffer(Request, 1, &out, &out_length);
    if (!NT_SUCCESS(status)) {
        WdfRequestComplete(Request, status);
        return;
    }
    if (out_length > in_length)
        out_length = in_length;
    /* METHOD_BUFFERED: both are the same system buffer, so the regions may overlap. */
    RtlMoveMemory(out, in, out_length);
    WdfRequestCompleteWithInformation(Request, STATUS_SUCCESS, out_length);
}

static VOID BenchKmdfDeviceControl(WDFQUEUE Queue, WDFREQUEST Request, size_t OutputBufferLength,
                                   size_t InputBufferLength, ULONG IoControlCode)
{
    UNREFERENCED_PARAMETER(Queue);
    UNREFERENCED_PARAMETER(OutputBufferLength);
    UNREFERENCED_PARAMETER(InputBufferLength);
    if (IoControlCode == IOCTL_BENCH_COPY)
        BenchKmdfCopy(Request);
    else
        WdfRequestComplete(Request, STATUS_INVALID_DEVICE_REQUEST);
}

static NTSTATUS BenchKmdfCreateDevice(WDFDRIVER Driver)
{
    DECLARE_CONST_UNICODE_STRING(sddl, L"D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GRGW;;;WD)");
    DECLARE_CONST_UNICODE_STRING(name, L"\\Device\\BenchKmdf");
    DECLARE_CONST_UNICODE_STRING(link, L"\\??\\BenchKmdf");
    WDF_IO_QUEUE_CONFIG queue_config;
    WDFDEVICE device;
    PWDFDEVICE_INIT init = WdfControlDeviceInitAllocate(Driver, &sddl);
    NTSTATUS status;
    if (init == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    WdfDeviceInitSetIoType(init, WdfDeviceIoBuffered);
    status = WdfDeviceInitAssignName(init, &name);
    if (NT_SUCCESS(status))
        status = WdfDeviceCreate(&init, WDF_NO_OBJECT_ATTRIBUTES, &device);
    if (!NT_SUCCESS(status)) {
        WdfDeviceInitFree(init); /* a control device's init is the driver's on failure */
        return status;
    }
    status = WdfDeviceCreateSymbolicLink(device, &link);
    if (!NT_SUCCESS(status))
        return status;
    WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(&queue_config, WdfIoQueueDispatchParallel);
    queue_config.EvtIoDeviceControl = BenchKmdfDeviceControl;
    status = WdfIoQueueCreate(device, &queue_config, WDF_NO_OBJECT_ATTRIBUTES, WDF_NO_HANDLE);
    if (!NT_SUCCESS(status))
        return status;
    WdfControlFinishInitializing(device);
    return STATUS_SUCCESS;
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
    if (!NT_SUCCESS(status))
        return status;
    /* The control device is the driver object's child: the framework deletes it on unload. */
    return BenchKmdfCreateDevice(driver);
}
