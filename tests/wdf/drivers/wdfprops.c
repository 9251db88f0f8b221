/*
 * wdfprops.c - framework test drivers for device properties, WdfFdoQueryForInterface, the MOF
 * resource name and shutdown notification (test_wdf_props.c), built two ways:
 *   wdfprops     a function driver (drivers/wdfprops.inf, above the WDM lower filter
 *                wdfpropslow): EvtDriverDeviceAdd queries its PDO's properties through the
 *                WDFDEVICE_INIT routines and keeps what it saw; the device's I/O controls
 *                (wdfprops.h) run the WDFDEVICE routines with the host's parameters;
 *   wdfpropsctl  (WDFPROPS_CONTROL) a non-PnP driver with two control devices, \Device\WprShut
 *                (WdfDeviceShutdown) and \Device\WprLast (WdfDeviceLastChanceShutdown). Each
 *                notification appends its number to a sequence; the last-chance one then
 *                bug-checks MANUALLY_INITIATED_CRASH (0xE2) with the sequence as parameter 1,
 *                the only way a test sees a callback that runs inside drvhost_shutdown.
 * Public KMDF headers only: builds with the WDK.
 */
#include <ntddk.h>
#include <wdf.h>

#include "wdfprops.h"

typedef struct {
    INTERFACE Header;
    ULONG(NTAPI *GetMagic)(PVOID Context);
} WPR_LOWER_INTERFACE;

/* The driver's own property key {c3f18a20-5b6d-4e97-8d12-a04f7e6b3c58}, 2. */
static const DEVPROPKEY CustomKey = {
    {0xc3f18a20, 0x5b6d, 0x4e97, {0x8d, 0x12, 0xa0, 0x4f, 0x7e, 0x6b, 0x3c, 0x58}}, 2};
/* DEVPKEY_Device_HardwareIds (devpkey.h). */
static const DEVPROPKEY HardwareIdsKey = {
    {0xa45c254e, 0xdf1c, 0x4efd, {0x80, 0x20, 0x67, 0xd1, 0x46, 0xa8, 0x50, 0xe0}}, 3};
#ifndef WDFPROPS_CONTROL
static const GUID InterfaceGuid = {
    0x5e0c9d34, 0x1a7b, 0x4c2e, {0x9f, 0x60, 0x3b, 0x8d, 0x2e, 0x71, 0xa4, 0xc5}};
#endif
static const GUID LowerGuid = WPR_LOWER_GUID_INIT;
static const GUID UnknownGuid = {
    0x11111111, 0x2222, 0x3333, {0x44, 0x44, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55}};

static struct wpr_init InitSeen;

static const DEVPROPKEY *KeyOf(ULONG which)
{
    return which == WPR_KEY_HWIDS ? &HardwareIdsKey : &CustomKey;
}

static void PropertyData(PWDF_DEVICE_PROPERTY_DATA Data, ULONG Key, ULONG Lcid)
{
    WDF_DEVICE_PROPERTY_DATA_INIT(Data, KeyOf(Key));
    Data->Lcid = Lcid;
    if (Key == WPR_KEY_BAD_SIZE)
        Data->Size = sizeof(*Data) - 4;
}

/* A memory object's contents into `out` (and deletes it). */
static void TakeMemory(WDFMEMORY Memory, struct wpr_data *Out)
{
    size_t size = 0;
    PVOID buffer = WdfMemoryGetBuffer(Memory, &size);
    Out->length = (ULONG)size;
    RtlCopyMemory(Out->data, buffer, size < sizeof(Out->data) ? size : sizeof(Out->data));
    WdfObjectDelete(Memory);
}

/* ---- requests --------------------------------------------------------------------------- */

static void Query(WDFDEVICE Device, const struct wpr_query_in *In, struct wpr_data *Out)
{
    ULONG length = 0;
    Out->status = WdfDeviceQueryProperty(Device, (DEVICE_REGISTRY_PROPERTY)In->property, In->length,
                                         In->length ? Out->data : NULL, &length);
    Out->length = length;
}

static void Alloc(WDFDEVICE Device, const struct wpr_query_in *In, struct wpr_data *Out)
{
    WDFMEMORY memory = NULL;
    WDF_OBJECT_ATTRIBUTES attributes;
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.ParentObject = Device;
    Out->status = WdfDeviceAllocAndQueryProperty(Device, (DEVICE_REGISTRY_PROPERTY)In->property,
                                                 NonPagedPoolNx, &attributes, &memory);
    if (NT_SUCCESS(Out->status))
        TakeMemory(memory, Out);
    else if (memory != NULL)
        Out->status = STATUS_UNSUCCESSFUL; /* Microsoft: no memory object on failure */
}

static void QueryEx(WDFDEVICE Device, const struct wpr_queryex_in *In, struct wpr_data *Out)
{
    WDF_DEVICE_PROPERTY_DATA data;
    ULONG required = 0;
    DEVPROPTYPE type = 0;
    PropertyData(&data, In->key, In->lcid);
    Out->status = WdfDeviceQueryPropertyEx(Device, &data, In->length, In->length ? Out->data : NULL,
                                           &required, &type);
    Out->length = required;
    Out->type = type;
}

static void AllocEx(WDFDEVICE Device, const struct wpr_queryex_in *In, struct wpr_data *Out)
{
    WDF_DEVICE_PROPERTY_DATA data;
    WDFMEMORY memory = NULL;
    DEVPROPTYPE type = 0;
    PropertyData(&data, In->key, In->lcid);
    Out->status = WdfDeviceAllocAndQueryPropertyEx(Device, &data, NonPagedPoolNx,
                                                   WDF_NO_OBJECT_ATTRIBUTES, &memory, &type);
    Out->type = type;
    if (NT_SUCCESS(Out->status))
        TakeMemory(memory, Out);
}

static LONG Assign(WDFDEVICE Device, const struct wpr_assign_in *In)
{
    WDF_DEVICE_PROPERTY_DATA data;
    PropertyData(&data, In->key, In->lcid);
    return WdfDeviceAssignProperty(Device, &data, In->type, In->size,
                                   In->null_data ? NULL : (PVOID)In->data);
}

static void QueryInterface(WDFDEVICE Device, ULONG Which, struct wpr_data *Out)
{
    WPR_LOWER_INTERFACE iface;
    RtlZeroMemory(&iface, sizeof(iface));
    Out->status = WdfFdoQueryForInterface(
        Device, Which == WPR_QI_UNKNOWN ? &UnknownGuid : &LowerGuid,
        Which == WPR_QI_NULL ? NULL : (PINTERFACE)&iface, sizeof(iface), WPR_LOWER_VERSION, NULL);
    if (NT_SUCCESS(Out->status) && iface.GetMagic != NULL) {
        Out->length = iface.GetMagic(iface.Header.Context);
        Out->type = iface.Header.Version;
        iface.Header.InterfaceDereference(iface.Header.Context);
    }
}

static void Mof(WDFDEVICE Device, LONG *Out)
{
    DECLARE_CONST_UNICODE_STRING(name, L"WprMofResource");
    Out[0] = WdfDeviceAssignMofResourceName(Device, &name);
    Out[1] = WdfDeviceAssignMofResourceName(Device, &name);
}

static void AtDispatchLevel(WDFDEVICE Device)
{
    KIRQL old;
    WCHAR buffer[8];
    ULONG length;
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    WdfDeviceQueryProperty(Device, DevicePropertyHardwareID, sizeof(buffer), buffer, &length);
    KeLowerIrql(old); /* not reached: the call bug-checks */
}

#ifdef WDFPROPS_CONTROL
static WDFDEVICE ShutdownDevice;
#endif

/* The request's reply: `size` bytes of `out`. */
static size_t Control(WDFDEVICE Device, ULONG Code, PVOID In, size_t InSize, PVOID Out)
{
    switch (Code) {
    case IOCTL_WPR_INIT:
        RtlCopyMemory(Out, &InitSeen, sizeof(InitSeen));
        return sizeof(InitSeen);
    case IOCTL_WPR_QUERY:
    case IOCTL_WPR_ALLOC:
        if (InSize < sizeof(struct wpr_query_in))
            return 0;
        (Code == IOCTL_WPR_QUERY ? Query : Alloc)(Device, In, Out);
        return sizeof(struct wpr_data);
    case IOCTL_WPR_QUERYEX:
    case IOCTL_WPR_ALLOCEX:
        if (InSize < sizeof(struct wpr_queryex_in))
            return 0;
        (Code == IOCTL_WPR_QUERYEX ? QueryEx : AllocEx)(Device, In, Out);
        return sizeof(struct wpr_data);
    case IOCTL_WPR_ASSIGN:
        if (InSize < sizeof(struct wpr_assign_in))
            return 0;
        *(LONG *)Out = Assign(Device, In);
        return sizeof(LONG);
    case IOCTL_WPR_QI:
        if (InSize < sizeof(ULONG))
            return 0;
        QueryInterface(Device, *(ULONG *)In, Out);
        return sizeof(struct wpr_data);
    case IOCTL_WPR_HANDLE:
        *(ULONG64 *)Out = (ULONG64)(ULONG_PTR)Device;
        return sizeof(ULONG64);
    case IOCTL_WPR_DISPATCH:
        AtDispatchLevel(Device);
        return 0;
    case IOCTL_WPR_MOF:
        Mof(Device, Out);
        return 2 * sizeof(LONG);
#ifdef WDFPROPS_CONTROL
    case IOCTL_WPR_DELETE:
        WdfObjectDelete(ShutdownDevice);
        return 0;
#endif
    default:
        return 0;
    }
}

static VOID DeviceControl(WDFQUEUE Queue, WDFREQUEST Request, size_t OutputBufferLength,
                          size_t InputBufferLength, ULONG IoControlCode)
{
    static const size_t need = sizeof(struct wpr_data) > sizeof(struct wpr_init)
                                   ? sizeof(struct wpr_data)
                                   : sizeof(struct wpr_init);
    PVOID in = NULL, out = NULL;
    size_t size;
    NTSTATUS status = WdfRequestRetrieveOutputBuffer(Request, 0, &out, NULL);
    if (InputBufferLength > 0 && NT_SUCCESS(status))
        status = WdfRequestRetrieveInputBuffer(Request, 0, &in, NULL);
    if (!NT_SUCCESS(status) || OutputBufferLength < need) {
        WdfRequestComplete(Request, STATUS_BUFFER_TOO_SMALL);
        return;
    }
    /* METHOD_BUFFERED: one buffer for both ways; the input is copied before the output is
     * written. */
    {
        UCHAR input[sizeof(struct wpr_assign_in) + sizeof(struct wpr_data)];
        size_t copy = InputBufferLength < sizeof(input) ? InputBufferLength : sizeof(input);
        if (copy > 0)
            RtlCopyMemory(input, in, copy);
        RtlZeroMemory(out, need);
        size = Control(WdfIoQueueGetDevice(Queue), IoControlCode, input, copy, out);
    }
    WdfRequestCompleteWithInformation(Request, size ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER,
                                      size);
}

static NTSTATUS CreateQueue(WDFDEVICE Device)
{
    WDF_IO_QUEUE_CONFIG config;
    WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(&config, WdfIoQueueDispatchParallel);
    config.EvtIoDeviceControl = DeviceControl;
    config.PowerManaged = WdfFalse;
    return WdfIoQueueCreate(Device, &config, WDF_NO_OBJECT_ATTRIBUTES, WDF_NO_HANDLE);
}

#ifndef WDFPROPS_CONTROL

/* ---- the function driver ------------------------------------------------------------------ */

static void SeeInit(PWDFDEVICE_INIT DeviceInit)
{
    WDF_DEVICE_PROPERTY_DATA data;
    WDFMEMORY memory = NULL;
    WDFKEY key = NULL;
    DEVPROPTYPE type = 0;
    ULONG length = 0;
    InitSeen.small_status =
        WdfFdoInitQueryProperty(DeviceInit, DevicePropertyHardwareID, 4, InitSeen.hwid, &length);
    InitSeen.small_length = length;
    InitSeen.full_status = WdfFdoInitQueryProperty(DeviceInit, DevicePropertyHardwareID,
                                                   sizeof(InitSeen.hwid), InitSeen.hwid, &length);
    InitSeen.full_length = length;
    InitSeen.alloc_status = WdfFdoInitAllocAndQueryProperty(
        DeviceInit, DevicePropertyDeviceDescription, PagedPool, WDF_NO_OBJECT_ATTRIBUTES, &memory);
    if (NT_SUCCESS(InitSeen.alloc_status)) {
        size_t size = 0;
        WdfMemoryGetBuffer(memory, &size);
        InitSeen.alloc_size = (ULONG)size;
        WdfObjectDelete(memory);
    }
    WDF_DEVICE_PROPERTY_DATA_INIT(&data, &HardwareIdsKey);
    InitSeen.ex_status = WdfFdoInitQueryPropertyEx(DeviceInit, &data, 0, NULL, &length, &type);
    InitSeen.ex_type = type;
    InitSeen.ex_length = length;
    type = 0;
    InitSeen.allocex_status = WdfFdoInitAllocAndQueryPropertyEx(
        DeviceInit, &data, PagedPool, WDF_NO_OBJECT_ATTRIBUTES, &memory, &type);
    InitSeen.allocex_type = type;
    if (NT_SUCCESS(InitSeen.allocex_status))
        WdfObjectDelete(memory);
    InitSeen.key_status = WdfFdoInitOpenRegistryKey(DeviceInit, PLUGPLAY_REGKEY_DEVICE, KEY_READ,
                                                    WDF_NO_OBJECT_ATTRIBUTES, &key);
    if (NT_SUCCESS(InitSeen.key_status))
        WdfRegistryClose(key);
    InitSeen.bad_key_status =
        WdfFdoInitOpenRegistryKey(DeviceInit, 0x100, KEY_READ, WDF_NO_OBJECT_ATTRIBUTES, &key);
}

static NTSTATUS DeviceAdd(WDFDRIVER Driver, PWDFDEVICE_INIT DeviceInit)
{
    WDFDEVICE device;
    NTSTATUS status;
    UNREFERENCED_PARAMETER(Driver);
    SeeInit(DeviceInit);
    status = WdfDeviceCreate(&DeviceInit, WDF_NO_OBJECT_ATTRIBUTES, &device);
    if (NT_SUCCESS(status))
        status = CreateQueue(device);
    if (NT_SUCCESS(status))
        status = WdfDeviceCreateDeviceInterface(device, &InterfaceGuid, NULL);
    return status;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WDF_DRIVER_CONFIG config;
    WDF_DRIVER_CONFIG_INIT(&config, DeviceAdd);
    return WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config,
                           WDF_NO_HANDLE);
}

#else

/* ---- the control devices and their shutdown notifications ---------------------------------- */

static LONG Sequence;

static VOID ShutdownNotification(WDFDEVICE Device)
{
    UNREFERENCED_PARAMETER(Device);
    Sequence = Sequence * 16 + 1;
}

static VOID LastChanceNotification(WDFDEVICE Device)
{
    UNREFERENCED_PARAMETER(Device);
    Sequence = Sequence * 16 + 2;
    KeBugCheckEx(0xE2 /* MANUALLY_INITIATED_CRASH */, (ULONG_PTR)Sequence, 0, 0, 0);
}

static NTSTATUS CreateControl(WDFDRIVER Driver, PCWSTR Name, PCWSTR Link, UCHAR Flags,
                              WDFDEVICE *Device)
{
    PWDFDEVICE_INIT init = WdfControlDeviceInitAllocate(Driver, &SDDL_DEVOBJ_SYS_ALL_ADM_ALL);
    UNICODE_STRING name, link;
    NTSTATUS status;
    if (init == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    RtlInitUnicodeString(&name, Name);
    status = WdfDeviceInitAssignName(init, &name);
    if (!NT_SUCCESS(status)) {
        WdfDeviceInitFree(init);
        return status;
    }
    WdfControlDeviceInitSetShutdownNotification(
        init, Flags == WdfDeviceShutdown ? ShutdownNotification : LastChanceNotification, Flags);
    status = WdfDeviceCreate(&init, WDF_NO_OBJECT_ATTRIBUTES, Device);
    if (!NT_SUCCESS(status)) {
        WdfDeviceInitFree(init);
        return status;
    }
    RtlInitUnicodeString(&link, Link);
    status = WdfDeviceCreateSymbolicLink(*Device, &link);
    if (NT_SUCCESS(status))
        status = CreateQueue(*Device);
    if (NT_SUCCESS(status))
        WdfControlFinishInitializing(*Device);
    return status;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WDF_DRIVER_CONFIG config;
    WDFDRIVER driver;
    WDFDEVICE last;
    NTSTATUS status;
    WDF_DRIVER_CONFIG_INIT(&config, WDF_NO_EVENT_CALLBACK);
    config.DriverInitFlags |= WdfDriverInitNonPnpDriver;
    status =
        WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config, &driver);
    if (NT_SUCCESS(status))
        status = CreateControl(driver, L"\\Device\\WprShut", L"\\DosDevices\\WprShut",
                               WdfDeviceShutdown, &ShutdownDevice);
    if (NT_SUCCESS(status))
        status = CreateControl(driver, L"\\Device\\WprLast", L"\\DosDevices\\WprLast",
                               WdfDeviceLastChanceShutdown, &last);
    return status;
}

#endif
