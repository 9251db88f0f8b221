/*
 * kbdkmdf.c - a KMDF keyboard upper filter with a raw PDO, as kbfiltr is built
 * (tests/input/scenarios/kmdf.scn): in EvtDriverDeviceAdd it creates its raw PDO, whose device
 * interface and device state it sets before WdfFdoAddStaticChild reports it (the PnP manager
 * does not know the PDO yet); it forwards IOCTL_KEYBOARD_QUERY_ATTRIBUTES with a completion
 * routine that reads WdfRequestGetInformation (the lower driver's, per its reference page) and
 * completes with WdfRequestComplete, so the class's client gets the lower driver's information;
 * the raw PDO answers IOCTL_KBDKMDF_STATE with what the filter saw. Public KMDF headers only.
 */
#include <ntddk.h>
#include <wdf.h>
#include <ntddkbd.h>

#include <initguid.h>

#include "kbdkmdf.h"

/* {2b0f6a91-7e3c-4d58-8b1a-5c9e7d3f0a26}: the raw PDO's setup class (ours). */
DEFINE_GUID(GUID_KBDKMDF_CLASS, 0x2b0f6a91, 0x7e3c, 0x4d58, 0x8b, 0x1a, 0x5c, 0x9e, 0x7d, 0x3f,
            0x0a, 0x26);

typedef struct _FILTER_CONTEXT {
    KBDKMDF_STATE State;
} FILTER_CONTEXT;
WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(FILTER_CONTEXT, FilterContext)

static VOID AttributesCompleted(WDFREQUEST Request, WDFIOTARGET Target,
                                PWDF_REQUEST_COMPLETION_PARAMS Params, WDFCONTEXT Context)
{
    FILTER_CONTEXT *ctx = Context;
    UNREFERENCED_PARAMETER(Target);
    UNREFERENCED_PARAMETER(Params);
    ctx->State.AttributeQueries++;
    ctx->State.LastInformation = (ULONG)WdfRequestGetInformation(Request);
    WdfRequestComplete(Request, WdfRequestGetStatus(Request));
}

static VOID FilterInternalIoctl(WDFQUEUE Queue, WDFREQUEST Request, size_t OutputBufferLength,
                                size_t InputBufferLength, ULONG IoControlCode)
{
    WDFDEVICE device = WdfIoQueueGetDevice(Queue);
    WDFIOTARGET target = WdfDeviceGetIoTarget(device);
    WDF_REQUEST_SEND_OPTIONS options;
    UNREFERENCED_PARAMETER(OutputBufferLength);
    UNREFERENCED_PARAMETER(InputBufferLength);
    if (IoControlCode == IOCTL_KEYBOARD_QUERY_ATTRIBUTES) {
        WdfRequestFormatRequestUsingCurrentType(Request);
        WdfRequestSetCompletionRoutine(Request, AttributesCompleted, FilterContext(device));
        if (!WdfRequestSend(Request, target, WDF_NO_SEND_OPTIONS))
            WdfRequestComplete(Request, WdfRequestGetStatus(Request));
        return;
    }
    WDF_REQUEST_SEND_OPTIONS_INIT(&options, WDF_REQUEST_SEND_OPTION_SEND_AND_FORGET);
    if (!WdfRequestSend(Request, target, &options))
        WdfRequestComplete(Request, WdfRequestGetStatus(Request));
}

static VOID RawPdoIoctl(WDFQUEUE Queue, WDFREQUEST Request, size_t OutputBufferLength,
                        size_t InputBufferLength, ULONG IoControlCode)
{
    WDFDEVICE pdo = WdfIoQueueGetDevice(Queue);
    FILTER_CONTEXT *ctx = FilterContext(WdfPdoGetParent(pdo));
    WDFSTRING name;
    PVOID out;
    NTSTATUS status;
    UNREFERENCED_PARAMETER(InputBufferLength);
    UNREFERENCED_PARAMETER(OutputBufferLength);
    if (IoControlCode != IOCTL_KBDKMDF_STATE) {
        WdfRequestComplete(Request, STATUS_INVALID_DEVICE_REQUEST);
        return;
    }
    status = WdfStringCreate(NULL, WDF_NO_OBJECT_ATTRIBUTES, &name);
    if (NT_SUCCESS(status)) {
        ctx->State.RetrieveStarted =
            WdfDeviceRetrieveDeviceInterfaceString(pdo, &GUID_DEVINTERFACE_KBDKMDF, NULL, name);
        WdfObjectDelete(name);
    }
    status = WdfRequestRetrieveOutputBuffer(Request, sizeof(KBDKMDF_STATE), &out, NULL);
    if (NT_SUCCESS(status))
        RtlCopyMemory(out, &ctx->State, sizeof(KBDKMDF_STATE));
    WdfRequestCompleteWithInformation(Request, status,
                                      NT_SUCCESS(status) ? sizeof(KBDKMDF_STATE) : 0);
}

static NTSTATUS RawPdoConfigure(WDFDEVICE child, FILTER_CONTEXT *ctx)
{
    WDF_IO_QUEUE_CONFIG queue;
    WDF_DEVICE_STATE state;
    WDFSTRING name;
    NTSTATUS status = WdfDeviceCreateDeviceInterface(child, &GUID_DEVINTERFACE_KBDKMDF, NULL);
    if (!NT_SUCCESS(status))
        return status;
    status = WdfStringCreate(NULL, WDF_NO_OBJECT_ATTRIBUTES, &name);
    if (!NT_SUCCESS(status))
        return status;
    ctx->State.RetrieveBefore =
        WdfDeviceRetrieveDeviceInterfaceString(child, &GUID_DEVINTERFACE_KBDKMDF, NULL, name);
    WdfObjectDelete(name);
    WDF_DEVICE_STATE_INIT(&state);
    state.DontDisplayInUI = WdfTrue;
    WdfDeviceSetDeviceState(child, &state);
    WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(&queue, WdfIoQueueDispatchSequential);
    queue.EvtIoDeviceControl = RawPdoIoctl;
    return WdfIoQueueCreate(child, &queue, WDF_NO_OBJECT_ATTRIBUTES, WDF_NO_HANDLE);
}

static NTSTATUS RawPdoCreate(WDFDEVICE device)
{
    DECLARE_CONST_UNICODE_STRING(deviceId, L"KBDKMDF\\RawPdo");
    DECLARE_CONST_UNICODE_STRING(instanceId, L"01");
    PWDFDEVICE_INIT init = WdfPdoInitAllocate(device);
    WDFDEVICE child;
    NTSTATUS status;
    if (init == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    status = WdfPdoInitAssignRawDevice(init, &GUID_KBDKMDF_CLASS);
    if (NT_SUCCESS(status))
        status = WdfPdoInitAssignDeviceID(init, &deviceId);
    if (NT_SUCCESS(status))
        status = WdfPdoInitAddHardwareID(init, &deviceId);
    if (NT_SUCCESS(status))
        status = WdfPdoInitAssignInstanceID(init, &instanceId);
    if (!NT_SUCCESS(status)) {
        WdfDeviceInitFree(init);
        return status;
    }
    status = WdfDeviceCreate(&init, WDF_NO_OBJECT_ATTRIBUTES, &child);
    if (!NT_SUCCESS(status)) {
        WdfDeviceInitFree(init);
        return status;
    }
    status = RawPdoConfigure(child, FilterContext(device));
    if (NT_SUCCESS(status))
        status = WdfFdoAddStaticChild(device, child);
    if (!NT_SUCCESS(status))
        WdfObjectDelete(child);
    return status;
}

static NTSTATUS FilterDeviceAdd(WDFDRIVER Driver, PWDFDEVICE_INIT DeviceInit)
{
    WDF_OBJECT_ATTRIBUTES attributes;
    WDF_IO_QUEUE_CONFIG queue;
    WDFDEVICE device;
    NTSTATUS status;
    UNREFERENCED_PARAMETER(Driver);
    WdfFdoInitSetFilter(DeviceInit);
    WdfDeviceInitSetDeviceType(DeviceInit, FILE_DEVICE_KEYBOARD);
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attributes, FILTER_CONTEXT);
    status = WdfDeviceCreate(&DeviceInit, &attributes, &device);
    if (!NT_SUCCESS(status))
        return status;
    WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(&queue, WdfIoQueueDispatchParallel);
    queue.EvtIoInternalDeviceControl = FilterInternalIoctl;
    status = WdfIoQueueCreate(device, &queue, WDF_NO_OBJECT_ATTRIBUTES, WDF_NO_HANDLE);
    if (!NT_SUCCESS(status))
        return status;
    return RawPdoCreate(device);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WDF_DRIVER_CONFIG config;
    WDF_DRIVER_CONFIG_INIT(&config, FilterDeviceAdd);
    return WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config,
                           WDF_NO_HANDLE);
}
