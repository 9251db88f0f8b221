/*
 * wdfpnp.c - framework PnP test drivers, built three ways from this file:
 *   wdfpnp   a function driver: EvtDriverDeviceAdd creates the FDO with a device interface
 *            and a power-managed default queue (device controls: echo; reads: "fdo"), and
 *            logs every PnP/power callback;
 *   wdfpflt  (WDFPNP_FILTER) an upper filter: its queue takes device controls only and sends
 *            them to the default I/O target (echo with a completion routine, "where"
 *            synchronously, the plain echo without a completion routine, the rest send and
 *            forget); reads go down through the framework;
 *   wdfpfail (WDFPNP_FAIL_ADD) creates its device, then fails EvtDriverDeviceAdd.
 * Each callback prints "NAME: Callback(argument)" (DbgPrintEx) so scenarios pin the orders.
 * Public KMDF headers only: builds with the WDK.
 */
#include <ntddk.h>
#include <wdf.h>

#include "wdfpnp.h"

#if defined(WDFPNP_FILTER)
#define NAME "wdfpflt"
#elif defined(WDFPNP_FAIL_ADD)
#define NAME "wdfpfail"
#else
#define NAME "wdfpnp"
#endif

#define LOG(fmt, ...)                                                                              \
    DbgPrintEx(DPFLTR_IHVDRIVER_ID, DPFLTR_ERROR_LEVEL, NAME ": " fmt "\n", ##__VA_ARGS__)

static LONG VetoNextRemove;

/* Opens one of the device's PnP registry keys and closes it (deleting the WDFKEY). */
static NTSTATUS OpenKey(WDFDEVICE Device, ULONG Type)
{
    WDFKEY key = NULL;
    NTSTATUS status =
        WdfDeviceOpenRegistryKey(Device, Type, KEY_READ, WDF_NO_OBJECT_ATTRIBUTES, &key);
    if (NT_SUCCESS(status))
        WdfObjectDelete(key);
    else if (key != NULL)
        return STATUS_UNSUCCESSFUL; /* Microsoft: *Key is NULL on failure */
    return status;
}

static NTSTATUS PrepareHardware(WDFDEVICE Device, WDFCMRESLIST Raw, WDFCMRESLIST Translated)
{
    LOG("OpenRegistryKey(device 0x%08X, driver 0x%08X, bad 0x%08X)",
        (unsigned)OpenKey(Device, PLUGPLAY_REGKEY_DEVICE),
        (unsigned)OpenKey(Device, PLUGPLAY_REGKEY_DRIVER), (unsigned)OpenKey(Device, 0x100));
#ifdef WDFPNP_FILTER
    LOG("default target is the device below: %d",
        WdfIoTargetWdmGetTargetDeviceObject(WdfDeviceGetIoTarget(Device)) ==
            WdfDeviceWdmGetAttachedDevice(Device));
#endif
    if (WdfCmResourceListGetDescriptor(Raw, 0) != NULL)
        return STATUS_UNSUCCESSFUL; /* drvhost assigns no resources: the lists are empty */
    LOG("PrepareHardware(%lu,%lu)", (unsigned long)WdfCmResourceListGetCount(Raw),
        (unsigned long)WdfCmResourceListGetCount(Translated));
    if (WdfDeviceWdmGetPhysicalDevice(Device) == NULL ||
        WdfDeviceWdmGetAttachedDevice(Device) == NULL)
        return STATUS_UNSUCCESSFUL;
    return STATUS_SUCCESS;
}

static NTSTATUS ReleaseHardware(WDFDEVICE Device, WDFCMRESLIST Translated)
{
    UNREFERENCED_PARAMETER(Device);
    LOG("ReleaseHardware(%lu)", (unsigned long)WdfCmResourceListGetCount(Translated));
    return STATUS_SUCCESS;
}

static NTSTATUS D0Entry(WDFDEVICE Device, WDF_POWER_DEVICE_STATE Previous)
{
    UNREFERENCED_PARAMETER(Device);
    LOG("D0Entry(%d)", (int)Previous);
    return STATUS_SUCCESS;
}

static NTSTATUS D0Exit(WDFDEVICE Device, WDF_POWER_DEVICE_STATE Target)
{
    UNREFERENCED_PARAMETER(Device);
    LOG("D0Exit(%d)", (int)Target);
    return STATUS_SUCCESS;
}

static NTSTATUS SmioInit(WDFDEVICE Device)
{
    UNREFERENCED_PARAMETER(Device);
    LOG("SelfManagedIoInit");
    return STATUS_SUCCESS;
}

static NTSTATUS SmioSuspend(WDFDEVICE Device)
{
    UNREFERENCED_PARAMETER(Device);
    LOG("SelfManagedIoSuspend");
    return STATUS_SUCCESS;
}

static NTSTATUS SmioRestart(WDFDEVICE Device)
{
    UNREFERENCED_PARAMETER(Device);
    LOG("SelfManagedIoRestart");
    return STATUS_SUCCESS;
}

static VOID SmioFlush(WDFDEVICE Device)
{
    UNREFERENCED_PARAMETER(Device);
    LOG("SelfManagedIoFlush");
}

static VOID SmioCleanup(WDFDEVICE Device)
{
    UNREFERENCED_PARAMETER(Device);
    LOG("SelfManagedIoCleanup");
}

static VOID SurpriseRemoval(WDFDEVICE Device)
{
    UNREFERENCED_PARAMETER(Device);
    LOG("SurpriseRemoval");
}

static NTSTATUS QueryRemove(WDFDEVICE Device)
{
    UNREFERENCED_PARAMETER(Device);
    if (InterlockedExchange(&VetoNextRemove, 0)) {
        LOG("QueryRemove vetoed");
        return STATUS_DEVICE_BUSY;
    }
    LOG("QueryRemove");
    return STATUS_SUCCESS;
}

static EVT_WDF_DEVICE_CONTEXT_CLEANUP DeviceCleanup; /* the device's role type */

static VOID DeviceCleanup(WDFOBJECT Object)
{
    UNREFERENCED_PARAMETER(Object);
    LOG("EvtCleanupCallback");
}

#ifdef WDFPNP_FILTER
static VOID EchoCameBack(WDFREQUEST Request, WDFIOTARGET Target,
                         PWDF_REQUEST_COMPLETION_PARAMS Params, WDFCONTEXT Context)
{
    WDF_REQUEST_COMPLETION_PARAMS again;
    UNREFERENCED_PARAMETER(Target);
    WDF_REQUEST_COMPLETION_PARAMS_INIT(&again);
    WdfRequestGetCompletionParams(Request, &again);
    LOG("CompletionRoutine(type %d, status 0x%08X, info %lu, code 0x%X, context %s, same %d)",
        (int)Params->Type, (unsigned)Params->IoStatus.Status,
        (unsigned long)Params->IoStatus.Information,
        (unsigned)Params->Parameters.Ioctl.IoControlCode, (const char *)Context,
        again.IoStatus.Information == Params->IoStatus.Information);
    WdfRequestCompleteWithInformation(Request, Params->IoStatus.Status,
                                      Params->IoStatus.Information);
}

static VOID FilterIoctl(WDFQUEUE Queue, WDFREQUEST Request, size_t OutputLength, size_t InputLength,
                        ULONG IoControlCode)
{
    WDFIOTARGET target = WdfDeviceGetIoTarget(WdfIoQueueGetDevice(Queue));
    WDF_REQUEST_SEND_OPTIONS options;
    WDF_REQUEST_COMPLETION_PARAMS params;
    NTSTATUS status;
    UNREFERENCED_PARAMETER(OutputLength);
    UNREFERENCED_PARAMETER(InputLength);
    if (IoControlCode == IOCTL_WP_ECHO) {
        WdfRequestFormatRequestUsingCurrentType(Request);
        WdfRequestSetCompletionRoutine(Request, EchoCameBack, (WDFCONTEXT) "ctx");
        if (!WdfRequestSend(Request, target, WDF_NO_SEND_OPTIONS))
            WdfRequestComplete(Request, STATUS_UNSUCCESSFUL);
        return;
    }
    if (IoControlCode == IOCTL_WP_SEND_TWICE) { /* the misuse: still at the FDO */
        WdfRequestFormatRequestUsingCurrentType(Request);
        WdfRequestSetCompletionRoutine(Request, EchoCameBack, (WDFCONTEXT) "ctx");
        if (WdfRequestSend(Request, target, WDF_NO_SEND_OPTIONS))
            WdfRequestSend(Request, target, WDF_NO_SEND_OPTIONS);
        return;
    }
    if (IoControlCode == IOCTL_WP_ECHO_PLAIN) { /* the framework completes it */
        LOG("SendWithoutRoutine");
        WdfRequestFormatRequestUsingCurrentType(Request);
        if (!WdfRequestSend(Request, target, WDF_NO_SEND_OPTIONS))
            WdfRequestComplete(Request, STATUS_UNSUCCESSFUL);
        return;
    }
    if (IoControlCode == IOCTL_WP_WHERE) {
        WdfRequestFormatRequestUsingCurrentType(Request);
        WDF_REQUEST_SEND_OPTIONS_INIT(&options, WDF_REQUEST_SEND_OPTION_SYNCHRONOUS);
        if (!WdfRequestSend(Request, target, &options)) {
            WdfRequestComplete(Request, STATUS_UNSUCCESSFUL);
            return;
        }
        WDF_REQUEST_COMPLETION_PARAMS_INIT(&params);
        WdfRequestGetCompletionParams(Request, &params);
        /* Microsoft: after a synchronous send WdfRequestGetStatus is the status the target
         * completed the request with; the client sees that one. */
        status = WdfRequestGetStatus(Request);
        LOG("SentSynchronously(status 0x%08X, info %lu%s)", (unsigned)params.IoStatus.Status,
            (unsigned long)params.IoStatus.Information,
            status == params.IoStatus.Status ? "" : ", WdfRequestGetStatus differs");
        WdfRequestCompleteWithInformation(Request, status, params.IoStatus.Information);
        return;
    }
    /* unformatted, then with options of a wrong Size: refused (WdfRequestSend FALSE) */
    WDF_REQUEST_SEND_OPTIONS_INIT(&options, 0);
    if (WdfRequestSend(Request, target, &options)) {
        LOG("unformatted request sent");
        return;
    }
    WdfRequestFormatRequestUsingCurrentType(Request);
    options.Size = sizeof(options) - 1;
    if (WdfRequestSend(Request, target, &options)) {
        LOG("request with a wrong options Size sent");
        return;
    }
    LOG("SendAndForget(0x%X)", (unsigned)IoControlCode);
    WDF_REQUEST_SEND_OPTIONS_INIT(&options, WDF_REQUEST_SEND_OPTION_SEND_AND_FORGET);
    if (!WdfRequestSend(Request, target, &options))
        WdfRequestComplete(Request, STATUS_UNSUCCESSFUL);
}
#else
static VOID FdoIoctl(WDFQUEUE Queue, WDFREQUEST Request, size_t OutputLength, size_t InputLength,
                     ULONG IoControlCode)
{
    PVOID in, out;
    NTSTATUS status;
    UNREFERENCED_PARAMETER(Queue);
    if (IoControlCode == IOCTL_WP_WHERE) {
        status = WdfRequestRetrieveOutputBuffer(Request, 3, &out, NULL);
        if (NT_SUCCESS(status))
            RtlCopyMemory(out, "fdo", 3);
        WdfRequestCompleteWithInformation(Request, status, NT_SUCCESS(status) ? 3 : 0);
        return;
    }
    if (IoControlCode == IOCTL_WP_SEND_TWICE) {
        LOG("kept pending");
        return; /* never completed: the test ends in the filter's bug check */
    }
    if (IoControlCode == IOCTL_WP_IFACE && InputLength == 1) {
        status = WdfRequestRetrieveInputBuffer(Request, 1, &in, NULL);
        if (NT_SUCCESS(status) && *(const UCHAR *)in >= 2) /* w117: the KMDF 1.31 form */
            WdfDeviceSetDeviceInterfaceStateEx(WdfIoQueueGetDevice(Queue), &GUID_WDFPNP_INTERFACE,
                                               NULL, *(const UCHAR *)in == 3);
        else if (NT_SUCCESS(status))
            WdfDeviceSetDeviceInterfaceState(WdfIoQueueGetDevice(Queue), &GUID_WDFPNP_INTERFACE,
                                             NULL, *(const UCHAR *)in != 0);
        WdfRequestComplete(Request, status);
        return;
    }
    if (IoControlCode == IOCTL_WP_VETO) {
        InterlockedExchange(&VetoNextRemove, 1);
        WdfRequestComplete(Request, STATUS_SUCCESS);
        return;
    }
    if ((IoControlCode != IOCTL_WP_ECHO && IoControlCode != IOCTL_WP_ECHO_PLAIN) ||
        InputLength > OutputLength) {
        WdfRequestComplete(Request, STATUS_INVALID_DEVICE_REQUEST);
        return;
    }
    status = WdfRequestRetrieveInputBuffer(Request, InputLength, &in, NULL);
    if (NT_SUCCESS(status))
        status = WdfRequestRetrieveOutputBuffer(Request, InputLength, &out, NULL);
    if (NT_SUCCESS(status))
        RtlCopyMemory(out, in, InputLength);
    WdfRequestCompleteWithInformation(Request, status, NT_SUCCESS(status) ? InputLength : 0);
}

static VOID FdoRead(WDFQUEUE Queue, WDFREQUEST Request, size_t Length)
{
    PVOID out;
    NTSTATUS status = WdfRequestRetrieveOutputBuffer(Request, 3, &out, NULL);
    UNREFERENCED_PARAMETER(Queue);
    UNREFERENCED_PARAMETER(Length);
    if (NT_SUCCESS(status))
        RtlCopyMemory(out, "fdo", 3);
    WdfRequestCompleteWithInformation(Request, status, NT_SUCCESS(status) ? 3 : 0);
}
#endif

static NTSTATUS CreateQueue(WDFDEVICE Device)
{
    WDF_IO_QUEUE_CONFIG config;
    WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(&config, WdfIoQueueDispatchParallel);
#ifdef WDFPNP_FILTER
    config.EvtIoDeviceControl = FilterIoctl;
#else
    config.EvtIoDeviceControl = FdoIoctl;
    config.EvtIoRead = FdoRead;
#endif
    return WdfIoQueueCreate(Device, &config, WDF_NO_OBJECT_ATTRIBUTES, WDF_NO_HANDLE);
}

static NTSTATUS DeviceAdd(WDFDRIVER Driver, PWDFDEVICE_INIT DeviceInit)
{
    WDF_PNPPOWER_EVENT_CALLBACKS pnp;
    WDF_OBJECT_ATTRIBUTES attributes;
    WDFDEVICE device;
    NTSTATUS status;
    UNREFERENCED_PARAMETER(Driver);
    LOG("EvtDriverDeviceAdd(pdo %s)", WdfFdoInitWdmGetPhysicalDevice(DeviceInit) ? "set" : "NULL");
#ifdef WDFPNP_FILTER
    WdfFdoInitSetFilter(DeviceInit);
    WdfDeviceInitSetPowerPolicyOwnership(DeviceInit, FALSE); /* a filter's default, said */
#endif
    WDF_PNPPOWER_EVENT_CALLBACKS_INIT(&pnp);
    pnp.EvtDevicePrepareHardware = PrepareHardware;
    pnp.EvtDeviceReleaseHardware = ReleaseHardware;
    pnp.EvtDeviceD0Entry = D0Entry;
    pnp.EvtDeviceD0Exit = D0Exit;
    pnp.EvtDeviceSelfManagedIoInit = SmioInit;
    pnp.EvtDeviceSelfManagedIoSuspend = SmioSuspend;
    pnp.EvtDeviceSelfManagedIoRestart = SmioRestart;
    pnp.EvtDeviceSelfManagedIoFlush = SmioFlush;
    pnp.EvtDeviceSelfManagedIoCleanup = SmioCleanup;
    pnp.EvtDeviceSurpriseRemoval = SurpriseRemoval;
    pnp.EvtDeviceQueryRemove = QueryRemove;
    WdfDeviceInitSetPnpPowerEventCallbacks(DeviceInit, &pnp);
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.EvtCleanupCallback = DeviceCleanup;
    status = WdfDeviceCreate(&DeviceInit, &attributes, &device);
    if (!NT_SUCCESS(status))
        return status;
#ifdef WDFPNP_FAIL_ADD
    return STATUS_DEVICE_CONFIGURATION_ERROR;
#else
#ifndef WDFPNP_FILTER
    status = WdfDeviceCreateDeviceInterface(device, &GUID_WDFPNP_INTERFACE, NULL);
    if (!NT_SUCCESS(status))
        return status;
    /* The FDO has no name: the link names its PDO, whose stack it tops (the scenario opens it).
     * A second device's link collides with the first's: it goes without one. */
    {
        DECLARE_CONST_UNICODE_STRING(link, L"\\DosDevices\\WdfPnpFdo");
        status = WdfDeviceCreateSymbolicLink(device, &link);
        if (!NT_SUCCESS(status) && status != STATUS_OBJECT_NAME_COLLISION)
            return status;
    }
#endif
    return CreateQueue(device);
#endif
}

static VOID DriverUnload(WDFDRIVER Driver)
{
    UNREFERENCED_PARAMETER(Driver);
    LOG("EvtDriverUnload");
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WDF_DRIVER_CONFIG config;
    WDF_DRIVER_CONFIG_INIT(&config, DeviceAdd);
    config.EvtDriverUnload = DriverUnload;
    return WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config,
                           WDF_NO_HANDLE);
}
