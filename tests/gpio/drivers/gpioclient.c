/*
 * gpioclient.c - a peripheral driver of a GPIO controller, as "Connecting a KMDF Driver to GPIO
 * I/O Pins" describes one: its EvtDevicePrepareHardware keeps the IDs of its GPIO I/O resources
 * (CmResourceTypeConnection, class GPIO, type GPIO_IO), and its EvtDeviceD0Entry opens the
 * first by the resource hub name RESOURCE_HUB_CREATE_PATH_FROM_ID makes, for reads
 * (GENERIC_READ: the pins become inputs), reads its pins with IOCTL_GPIO_READ_PINS, opens the
 * second for writes (GENERIC_WRITE: outputs) and writes what it read with IOCTL_GPIO_WRITE_PINS:
 * it copies its input pins to its output pins at each entry to D0. A failure fails the D0 entry
 * with its status. Every step is printed for the scenarios' expect-output. Public headers
 * only: it could be built with the WDK.
 */
#include <ntddk.h>
#include <wdf.h>
#define RESHUB_USE_HELPER_ROUTINES
#include <reshub.h>
#include <gpio.h>

#define Print(...) DbgPrintEx(DPFLTR_IHVDRIVER_ID, DPFLTR_ERROR_LEVEL, "gpioclient: " __VA_ARGS__)

typedef struct _CLIENT_CONTEXT {
    ULONG Count;
    LARGE_INTEGER Ids[2]; /* the first two GPIO I/O resources */
} CLIENT_CONTEXT;
WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(CLIENT_CONTEXT, GetClientContext)

DRIVER_INITIALIZE DriverEntry;
static EVT_WDF_DRIVER_DEVICE_ADD DeviceAdd;
static EVT_WDF_DEVICE_PREPARE_HARDWARE PrepareHardware;
static EVT_WDF_DEVICE_D0_ENTRY D0Entry;

static NTSTATUS PrepareHardware(WDFDEVICE Device, WDFCMRESLIST Raw, WDFCMRESLIST Translated)
{
    CLIENT_CONTEXT *c = GetClientContext(Device);
    ULONG i;
    UNREFERENCED_PARAMETER(Raw);
    c->Count = 0;
    for (i = 0; i < WdfCmResourceListGetCount(Translated); i++) {
        PCM_PARTIAL_RESOURCE_DESCRIPTOR d = WdfCmResourceListGetDescriptor(Translated, i);
        if (d->Type != CmResourceTypeConnection)
            continue;
        Print("connection class %u type %u id 0x%lx%08lx\n", d->u.Connection.Class,
              d->u.Connection.Type, d->u.Connection.IdHighPart, d->u.Connection.IdLowPart);
        if (d->u.Connection.Class == CM_RESOURCE_CONNECTION_CLASS_GPIO &&
            d->u.Connection.Type == CM_RESOURCE_CONNECTION_TYPE_GPIO_IO && c->Count < 2) {
            c->Ids[c->Count].LowPart = d->u.Connection.IdLowPart;
            c->Ids[c->Count].HighPart = (LONG)d->u.Connection.IdHighPart;
            c->Count++;
        }
    }
    return STATUS_SUCCESS;
}

static NTSTATUS Open(WDFDEVICE Device, LARGE_INTEGER Id, ACCESS_MASK Access, WDFIOTARGET *Target)
{
    WCHAR buffer[RESOURCE_HUB_PATH_CHARS];
    UNICODE_STRING path;
    WDF_IO_TARGET_OPEN_PARAMS open;
    NTSTATUS status;
    RtlInitEmptyUnicodeString(&path, buffer, sizeof(buffer));
    status = RESOURCE_HUB_CREATE_PATH_FROM_ID(&path, Id.LowPart, Id.HighPart);
    if (NT_SUCCESS(status))
        status = WdfIoTargetCreate(Device, WDF_NO_OBJECT_ATTRIBUTES, Target);
    if (!NT_SUCCESS(status))
        return status;
    WDF_IO_TARGET_OPEN_PARAMS_INIT_OPEN_BY_NAME(&open, &path, Access);
    status = WdfIoTargetOpen(*Target, &open);
    if (!NT_SUCCESS(status))
        WdfObjectDelete(*Target);
    return status;
}

/* Opens the connection with the access, sends the pin IOCTL with the byte, closes. */
static NTSTATUS Pins(WDFDEVICE Device, LARGE_INTEGER Id, ACCESS_MASK Access, ULONG Code,
                     UCHAR *Value)
{
    WDFIOTARGET target;
    WDF_MEMORY_DESCRIPTOR d;
    ULONG_PTR information = 0;
    NTSTATUS status = Open(Device, Id, Access, &target);
    Print("open 0x%08lx: 0x%08lx\n", Access, status);
    if (!NT_SUCCESS(status))
        return status;
    WDF_MEMORY_DESCRIPTOR_INIT_BUFFER(&d, Value, 1);
    status = WdfIoTargetSendIoctlSynchronously(
        target, NULL, Code, Code == IOCTL_GPIO_WRITE_PINS ? &d : NULL,
        Code == IOCTL_GPIO_READ_PINS ? &d : NULL, NULL, &information);
    Print("%s 0x%08lx, %lu byte(s), value 0x%02x\n",
          Code == IOCTL_GPIO_READ_PINS ? "read" : "write", status, (ULONG)information, *Value);
    WdfObjectDelete(target);
    return status;
}

static NTSTATUS D0Entry(WDFDEVICE Device, WDF_POWER_DEVICE_STATE PreviousState)
{
    CLIENT_CONTEXT *c = GetClientContext(Device);
    UCHAR value = 0;
    NTSTATUS status;
    UNREFERENCED_PARAMETER(PreviousState);
    if (c->Count < 2) {
        Print("%lu GPIO I/O resource(s)\n", c->Count);
        return STATUS_DEVICE_CONFIGURATION_ERROR;
    }
    status = Pins(Device, c->Ids[0], GENERIC_READ, IOCTL_GPIO_READ_PINS, &value);
    if (NT_SUCCESS(status))
        status = Pins(Device, c->Ids[1], GENERIC_WRITE, IOCTL_GPIO_WRITE_PINS, &value);
    return status;
}

static NTSTATUS DeviceAdd(WDFDRIVER Driver, PWDFDEVICE_INIT DeviceInit)
{
    WDF_PNPPOWER_EVENT_CALLBACKS pnp;
    WDF_OBJECT_ATTRIBUTES a;
    WDFDEVICE device;
    UNREFERENCED_PARAMETER(Driver);
    WDF_PNPPOWER_EVENT_CALLBACKS_INIT(&pnp);
    pnp.EvtDevicePrepareHardware = PrepareHardware;
    pnp.EvtDeviceD0Entry = D0Entry;
    WdfDeviceInitSetPnpPowerEventCallbacks(DeviceInit, &pnp);
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&a, CLIENT_CONTEXT);
    return WdfDeviceCreate(&DeviceInit, &a, &device);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WDF_DRIVER_CONFIG config;
    WDF_DRIVER_CONFIG_INIT(&config, DeviceAdd);
    return WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config,
                           WDF_NO_HANDLE);
}
