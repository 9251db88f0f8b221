/*
 * wdfbusfn.c - the function driver of wdfbus.c's children (WDFBUS\CHILD, WDFBUS\STATIC): a
 * framework FDO on the child PDO with a device interface; IOCTL_CHILD_FN it answers itself
 * ("fn"), IOCTL_CHILD_WHO and IOCTL_CHILD_PARENT it sends on to its PDO (the default I/O target,
 * send and forget), whose queue in the bus driver answers. Prints "wdfbusfn: Callback(argument)".
 * Public KMDF headers only: builds with the WDK.
 */
#include <ntddk.h>
#include <wdf.h>

#include "pnpirp.h"
#include "wdfbus.h"

#define LOG(fmt, ...)                                                                              \
    DbgPrintEx(DPFLTR_IHVDRIVER_ID, DPFLTR_ERROR_LEVEL, "wdfbusfn: " fmt "\n", ##__VA_ARGS__)

/* wdeva: the bus's interface, asked of the device below (the child PDO, which sends the query
 * to its parent's stack); the request's Information is set here. */
static NTSTATUS QueryBusInterface(WDFDEVICE Device, WDFREQUEST Request)
{
    WDFBUS_QI_INTERFACE iface;
    ULONG *out;
    NTSTATUS status =
        WdfRequestRetrieveOutputBuffer(Request, 2 * sizeof(ULONG), (PVOID *)&out, NULL);
    if (!NT_SUCCESS(status))
        return status;
    RtlZeroMemory(&iface, sizeof(iface));
    status =
        WdfFdoQueryForInterface(Device, &GUID_WDFBUS_QI, &iface.Header, sizeof(iface), 1, NULL);
    out[0] = (ULONG)status;
    out[1] = NT_SUCCESS(status) && iface.Answer != NULL ? iface.Answer(iface.Header.Context) : 0;
    if (NT_SUCCESS(status) && iface.Header.InterfaceDereference != NULL)
        iface.Header.InterfaceDereference(iface.Header.Context);
    WdfRequestSetInformation(Request, 2 * sizeof(ULONG));
    return STATUS_SUCCESS;
}

/* IOCTL_CHILD_TEXT and IOCTL_CHILD_BUS_INFO: what the PDO answers, copied into the output;
 * the request's Information is set here. */
static NTSTATUS AskPdo(WDFDEVICE Device, WDFREQUEST Request, ULONG IoControlCode)
{
    IO_STACK_LOCATION params;
    ULONG_PTR info = 0;
    size_t size, bytes;
    ULONG *in = NULL;
    PVOID out;
    NTSTATUS status = WdfRequestRetrieveOutputBuffer(Request, 1, &out, &size);
    if (NT_SUCCESS(status) && IoControlCode == IOCTL_CHILD_TEXT)
        status = WdfRequestRetrieveInputBuffer(Request, 2 * sizeof(ULONG), (PVOID *)&in, NULL);
    if (!NT_SUCCESS(status))
        return status;
    RtlZeroMemory(&params, sizeof(params));
    if (in != NULL) {
        params.Parameters.QueryDeviceText.DeviceTextType = (DEVICE_TEXT_TYPE)in[0];
        params.Parameters.QueryDeviceText.LocaleId = in[1];
    }
    status = PnpIrpSend(WdfDeviceWdmGetPhysicalDevice(Device),
                        in != NULL ? IRP_MN_QUERY_DEVICE_TEXT : IRP_MN_QUERY_BUS_INFORMATION,
                        &params, &info);
    if (!NT_SUCCESS(status))
        info = 0; /* not the PDO's buffer */
    if (!NT_SUCCESS(status) || info == 0)
        return NT_SUCCESS(status) ? STATUS_UNSUCCESSFUL : status;
    bytes = in != NULL ? (wcslen((PCWSTR)info) + 1) * sizeof(WCHAR) : sizeof(PNP_BUS_INFORMATION);
    if (bytes > size)
        bytes = size;
    RtlCopyMemory(out, (PVOID)info, bytes);
    ExFreePool((PVOID)info);
    WdfRequestSetInformation(Request, bytes);
    return STATUS_SUCCESS;
}

/* IOCTL_CHILD_CAPS: the PDO's answer to IRP_MN_QUERY_CAPABILITIES (pnpirp.h). */
static NTSTATUS QueryPdoCaps(WDFDEVICE Device, WDFREQUEST Request)
{
    DEVICE_CAPABILITIES caps;
    ULONG *out;
    NTSTATUS status =
        WdfRequestRetrieveOutputBuffer(Request, 4 * sizeof(ULONG), (PVOID *)&out, NULL);
    if (!NT_SUCCESS(status))
        return status;
    out[0] = (ULONG)PnpQueryCaps(WdfDeviceWdmGetPhysicalDevice(Device), &caps);
    out[1] = caps.D1Latency;
    out[2] = caps.Address;
    out[3] = caps.UINumber;
    WdfRequestSetInformation(Request, 4 * sizeof(ULONG));
    return STATUS_SUCCESS;
}

static VOID FnIoDeviceControl(WDFQUEUE Queue, WDFREQUEST Request, size_t OutputLength,
                              size_t InputLength, ULONG IoControlCode)
{
    WDF_REQUEST_SEND_OPTIONS options;
    char *out;
    size_t size;
    NTSTATUS status;
    UNREFERENCED_PARAMETER(OutputLength);
    UNREFERENCED_PARAMETER(InputLength);
    if (IoControlCode == IOCTL_CHILD_WHO || IoControlCode == IOCTL_CHILD_PARENT ||
        IoControlCode == IOCTL_CHILD_PARENT_MISUSE) {
        WdfRequestFormatRequestUsingCurrentType(Request);
        WDF_REQUEST_SEND_OPTIONS_INIT(&options, WDF_REQUEST_SEND_OPTION_SEND_AND_FORGET);
        if (!WdfRequestSend(Request, WdfDeviceGetIoTarget(WdfIoQueueGetDevice(Queue)), &options))
            WdfRequestComplete(Request, WdfRequestGetStatus(Request));
        return;
    }
    if (IoControlCode == IOCTL_CHILD_TEXT || IoControlCode == IOCTL_CHILD_BUS_INFO) {
        WdfRequestComplete(Request, AskPdo(WdfIoQueueGetDevice(Queue), Request, IoControlCode));
        return;
    }
    if (IoControlCode == IOCTL_CHILD_CAPS) {
        WdfRequestComplete(Request, QueryPdoCaps(WdfIoQueueGetDevice(Queue), Request));
        return;
    }
    if (IoControlCode == IOCTL_CHILD_QI) {
        WdfRequestComplete(Request, QueryBusInterface(WdfIoQueueGetDevice(Queue), Request));
        return;
    }
    if (IoControlCode != IOCTL_CHILD_FN) {
        WdfRequestComplete(Request, STATUS_INVALID_DEVICE_REQUEST);
        return;
    }
    status = WdfRequestRetrieveOutputBuffer(Request, 2, (PVOID *)&out, &size);
    if (NT_SUCCESS(status)) {
        out[0] = 'f';
        out[1] = 'n';
    }
    WdfRequestCompleteWithInformation(Request, status, NT_SUCCESS(status) ? 2 : 0);
}

static VOID FnSurpriseRemoval(WDFDEVICE Device)
{
    UNREFERENCED_PARAMETER(Device);
    LOG("SurpriseRemoval");
}

static VOID FnCleanup(WDFOBJECT Object)
{
    UNREFERENCED_PARAMETER(Object);
    LOG("FdoCleanup");
}

static NTSTATUS FnDeviceAdd(WDFDRIVER Driver, PWDFDEVICE_INIT DeviceInit)
{
    WDF_PNPPOWER_EVENT_CALLBACKS pnp;
    WDF_OBJECT_ATTRIBUTES attributes;
    WDF_IO_QUEUE_CONFIG queue;
    WDFDEVICE device;
    NTSTATUS status;
    UNREFERENCED_PARAMETER(Driver);
    LOG("DeviceAdd(bus-enumerated %d)",
        (WdfFdoInitWdmGetPhysicalDevice(DeviceInit)->Flags & DO_BUS_ENUMERATED_DEVICE) != 0);
    WDF_PNPPOWER_EVENT_CALLBACKS_INIT(&pnp);
    pnp.EvtDeviceSurpriseRemoval = FnSurpriseRemoval;
    WdfDeviceInitSetPnpPowerEventCallbacks(DeviceInit, &pnp);
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.EvtCleanupCallback = FnCleanup;
    status = WdfDeviceCreate(&DeviceInit, &attributes, &device);
    if (!NT_SUCCESS(status))
        return status;
    status = WdfDeviceCreateDeviceInterface(device, &GUID_WDFBUS_CHILD_INTERFACE, NULL);
    if (!NT_SUCCESS(status))
        return status;
    WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(&queue, WdfIoQueueDispatchParallel);
    queue.EvtIoDeviceControl = FnIoDeviceControl;
    return WdfIoQueueCreate(device, &queue, WDF_NO_OBJECT_ATTRIBUTES, WDF_NO_HANDLE);
}

static VOID FnUnload(WDFDRIVER Driver)
{
    UNREFERENCED_PARAMETER(Driver);
    LOG("EvtDriverUnload");
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WDF_DRIVER_CONFIG config;
    WDF_DRIVER_CONFIG_INIT(&config, FnDeviceAdd);
    config.EvtDriverUnload = FnUnload;
    return WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config,
                           WDF_NO_HANDLE);
}
