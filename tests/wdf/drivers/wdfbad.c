/*
 * wdfbad.c - framework drivers whose DriverEntry gets a documented failure (WDFBAD_MODE):
 *   1 WDF_DRIVER_CONFIG with a wrong Size: WdfDriverCreate fails, STATUS_INFO_LENGTH_MISMATCH
 *   2 WdfDriverInitNonPnpDriver with an EvtDriverDeviceAdd: WdfDriverCreate fails
 *   3 a sequential default queue without any request handler: WdfIoQueueCreate fails
 *   4 (retired: a manual queue, refused until manual queues existed)
 *   5 DriverEntry fails after creating its control device: the framework deletes it and does
 *     not call EvtDriverUnload (Microsoft: EvtDriverUnload)
 *   6 a second default queue: WdfIoQueueCreate fails
 * DriverEntry returns the failing routine's status. Public headers only.
 */
#include <ntddk.h>
#include <wdf.h>

DRIVER_INITIALIZE DriverEntry;

static VOID WdfBadUnload(WDFDRIVER Driver)
{
    KeBugCheckEx(0xDEAD, 0, 0, 0, 0); /* never: DriverEntry failed */
}

static NTSTATUS WdfBadDeviceAdd(WDFDRIVER Driver, PWDFDEVICE_INIT DeviceInit)
{
    return STATUS_SUCCESS;
}

static VOID WdfBadIoDefault(WDFQUEUE Queue, WDFREQUEST Request)
{
    WdfRequestComplete(Request, STATUS_SUCCESS);
}

static NTSTATUS WdfBadDevice(WDFDRIVER driver)
{
    DECLARE_CONST_UNICODE_STRING(sddl, L"D:P(A;;GA;;;SY)");
    DECLARE_CONST_UNICODE_STRING(name, L"\\Device\\WdfBad");
    WDF_IO_QUEUE_CONFIG config;
    WDFDEVICE device;
    PWDFDEVICE_INIT init = WdfControlDeviceInitAllocate(driver, &sddl);
    NTSTATUS status;
    if (init == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    status = WdfDeviceInitAssignName(init, &name);
    if (NT_SUCCESS(status))
        status = WdfDeviceCreate(&init, WDF_NO_OBJECT_ATTRIBUTES, &device);
    if (!NT_SUCCESS(status)) {
        WdfDeviceInitFree(init);
        return status;
    }
    WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(&config, WdfIoQueueDispatchSequential);
    if (WDFBAD_MODE != 3)
        config.EvtIoDefault = WdfBadIoDefault;
    status = WdfIoQueueCreate(device, &config, WDF_NO_OBJECT_ATTRIBUTES, WDF_NO_HANDLE);
    if (NT_SUCCESS(status) && WDFBAD_MODE == 6)
        status = WdfIoQueueCreate(device, &config, WDF_NO_OBJECT_ATTRIBUTES, WDF_NO_HANDLE);
    if (NT_SUCCESS(status))
        WdfControlFinishInitializing(device);
    return status;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WDF_DRIVER_CONFIG config;
    WDFDRIVER driver;
    NTSTATUS status;
    WDF_DRIVER_CONFIG_INIT(&config, WDFBAD_MODE == 2 ? WdfBadDeviceAdd : WDF_NO_EVENT_CALLBACK);
    config.DriverInitFlags |= WdfDriverInitNonPnpDriver;
    config.EvtDriverUnload = WdfBadUnload;
    if (WDFBAD_MODE == 1)
        config.Size -= 8;
    status =
        WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config, &driver);
    if (NT_SUCCESS(status))
        status = WdfBadDevice(driver);
    if (NT_SUCCESS(status) && WDFBAD_MODE == 5)
        status = STATUS_UNSUCCESSFUL;
    return status;
}
