/*
 * spbclient.c - a peripheral driver of an SPB controller for test_wdf_spb.c: it finds its
 * serial bus connection among its hardware resources (CmResourceTypeConnection), opens it as
 * a remote I/O target by the resource hub name RESOURCE_HUB_CREATE_PATH_FROM_ID makes, and
 * talks to its target device with a write and an IOCTL_SPB_EXECUTE_SEQUENCE, as the SPB
 * peripheral driver guide describes. Public headers only: it could be built with the WDK.
 */
#include <ntddk.h>
#include <wdf.h>
#define RESHUB_USE_HELPER_ROUTINES
#include <reshub.h>
#include <spb.h>

#include "spbctl.h"

typedef struct _CLIENT_CONTEXT {
    BOOLEAN Found;
    LARGE_INTEGER Id;
} CLIENT_CONTEXT;
WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(CLIENT_CONTEXT, GetClientContext)

DRIVER_INITIALIZE DriverEntry;
static EVT_WDF_DRIVER_DEVICE_ADD OnDeviceAdd;
static EVT_WDF_DEVICE_PREPARE_HARDWARE OnPrepareHardware;
static EVT_WDF_IO_QUEUE_IO_DEVICE_CONTROL OnDeviceControl;

static NTSTATUS OnPrepareHardware(WDFDEVICE Device, WDFCMRESLIST Raw, WDFCMRESLIST Translated)
{
    CLIENT_CONTEXT *c = GetClientContext(Device);
    ULONG i;
    UNREFERENCED_PARAMETER(Raw);
    for (i = 0; i < WdfCmResourceListGetCount(Translated); i++) {
        PCM_PARTIAL_RESOURCE_DESCRIPTOR d = WdfCmResourceListGetDescriptor(Translated, i);
        if (d->Type == CmResourceTypeConnection &&
            d->u.Connection.Class == CM_RESOURCE_CONNECTION_CLASS_SERIAL) {
            c->Id.LowPart = d->u.Connection.IdLowPart;
            c->Id.HighPart = (LONG)d->u.Connection.IdHighPart;
            c->Found = TRUE;
        }
    }
    return STATUS_SUCCESS;
}

static NTSTATUS OpenConnection(WDFDEVICE Device, WDFIOTARGET *Target)
{
    CLIENT_CONTEXT *c = GetClientContext(Device);
    WCHAR buffer[RESOURCE_HUB_PATH_CHARS];
    UNICODE_STRING path;
    WDF_IO_TARGET_OPEN_PARAMS open;
    NTSTATUS status;
    RtlInitEmptyUnicodeString(&path, buffer, sizeof(buffer));
    status = RESOURCE_HUB_CREATE_PATH_FROM_ID(&path, c->Id.LowPart, c->Id.HighPart);
    if (NT_SUCCESS(status))
        status = WdfIoTargetCreate(Device, WDF_NO_OBJECT_ATTRIBUTES, Target);
    if (!NT_SUCCESS(status))
        return status;
    WDF_IO_TARGET_OPEN_PARAMS_INIT_OPEN_BY_NAME(&open, &path, GENERIC_READ | GENERIC_WRITE);
    status = WdfIoTargetOpen(*Target, &open);
    if (!NT_SUCCESS(status))
        WdfObjectDelete(*Target);
    return status;
}

static NTSTATUS Write(WDFIOTARGET Target)
{
    UCHAR data[] = {5, 'h', 'i'};
    WDF_MEMORY_DESCRIPTOR d;
    WDF_MEMORY_DESCRIPTOR_INIT_BUFFER(&d, data, sizeof(data));
    return WdfIoTargetSendWriteSynchronously(Target, NULL, &d, NULL, NULL, NULL);
}

/* The register read: write its number, read two bytes, one sequence. */
static NTSTATUS ReadRegister(WDFIOTARGET Target, SPBCLIENT_RESULT *r)
{
    UCHAR reg = 5;
    SPB_TRANSFER_LIST_AND_ENTRIES(2) seq;
    SPB_TRANSFER_LIST_ENTRY *entries = seq.List.Transfers;
    WDF_MEMORY_DESCRIPTOR d;
    ULONG_PTR information = 0;
    NTSTATUS status;
    SPB_TRANSFER_LIST_INIT(&seq.List, 2);
    entries[0] = SPB_TRANSFER_LIST_ENTRY_INIT_SIMPLE(SpbTransferDirectionToDevice, 0, &reg, 1);
    entries[1] = SPB_TRANSFER_LIST_ENTRY_INIT_SIMPLE(SpbTransferDirectionFromDevice, 0, r->ReadBack,
                                                     sizeof(r->ReadBack));
    WDF_MEMORY_DESCRIPTOR_INIT_BUFFER(&d, &seq, sizeof(seq));
    status = WdfIoTargetSendIoctlSynchronously(Target, NULL, IOCTL_SPB_EXECUTE_SEQUENCE, &d, NULL,
                                               NULL, &information);
    r->SequenceInformation = (ULONG)information;
    return status;
}

static NTSTATUS Run(WDFDEVICE Device, SPBCLIENT_RESULT *r)
{
    CLIENT_CONTEXT *c = GetClientContext(Device);
    WDFIOTARGET target, second;
    RtlZeroMemory(r, sizeof(*r));
    if (!c->Found)
        return STATUS_NOT_FOUND;
    r->IdLowPart = c->Id.LowPart;
    r->IdHighPart = (ULONG)c->Id.HighPart;
    r->OpenStatus = OpenConnection(Device, &target);
    if (!NT_SUCCESS(r->OpenStatus))
        return STATUS_SUCCESS;
    r->SecondOpenStatus = OpenConnection(Device, &second);
    if (NT_SUCCESS(r->SecondOpenStatus))
        WdfObjectDelete(second);
    r->WriteStatus = Write(target);
    r->SequenceStatus = ReadRegister(target, r);
    WdfIoTargetClose(target);
    r->ClosedWriteStatus = Write(target);
    WdfObjectDelete(target);
    return STATUS_SUCCESS;
}

static VOID OnDeviceControl(WDFQUEUE Queue, WDFREQUEST Request, size_t OutputBufferLength,
                            size_t InputBufferLength, ULONG IoControlCode)
{
    SPBCLIENT_RESULT *r;
    NTSTATUS status = STATUS_INVALID_DEVICE_REQUEST;
    size_t information = 0;
    UNREFERENCED_PARAMETER(OutputBufferLength);
    UNREFERENCED_PARAMETER(InputBufferLength);
    if (IoControlCode == IOCTL_SPBCLIENT_RUN) {
        status = WdfRequestRetrieveOutputBuffer(Request, sizeof(*r), (PVOID *)&r, NULL);
        if (NT_SUCCESS(status))
            status = Run(WdfIoQueueGetDevice(Queue), r);
        if (NT_SUCCESS(status))
            information = sizeof(*r);
    }
    WdfRequestCompleteWithInformation(Request, status, information);
}

static NTSTATUS OnDeviceAdd(WDFDRIVER Driver, PWDFDEVICE_INIT DeviceInit)
{
    DECLARE_CONST_UNICODE_STRING(link, L"\\DosDevices\\SpbClient");
    WDF_PNPPOWER_EVENT_CALLBACKS pnp;
    WDF_OBJECT_ATTRIBUTES a;
    WDF_IO_QUEUE_CONFIG q;
    WDFDEVICE device;
    NTSTATUS status;
    UNREFERENCED_PARAMETER(Driver);
    WDF_PNPPOWER_EVENT_CALLBACKS_INIT(&pnp);
    pnp.EvtDevicePrepareHardware = OnPrepareHardware;
    WdfDeviceInitSetPnpPowerEventCallbacks(DeviceInit, &pnp);
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&a, CLIENT_CONTEXT);
    status = WdfDeviceCreate(&DeviceInit, &a, &device);
    if (NT_SUCCESS(status))
        status = WdfDeviceCreateSymbolicLink(device, &link);
    if (!NT_SUCCESS(status))
        return status;
    WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(&q, WdfIoQueueDispatchSequential);
    q.EvtIoDeviceControl = OnDeviceControl;
    return WdfIoQueueCreate(device, &q, WDF_NO_OBJECT_ATTRIBUTES, WDF_NO_HANDLE);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WDF_DRIVER_CONFIG config;
    WDF_DRIVER_CONFIG_INIT(&config, OnDeviceAdd);
    return WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config,
                           WDF_NO_HANDLE);
}
