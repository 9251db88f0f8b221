/*
 * wdfpropslow.c - a WDM lower filter for test_wdf_props.c (drivers/wdfprops.inf): it answers
 * IRP_MN_QUERY_INTERFACE for its interface (wdfprops.h: WPR_LOWER_GUID_INIT, version
 * WPR_LOWER_VERSION or later asked with a large enough structure) and passes every other IRP
 * down. The interface's GetMagic returns WPR_LOWER_MAGIC; its reference count must be back to
 * 0 when the device goes (the function driver dereferences what it was given). Its AddDevice
 * checks the WDM routines under the framework's (a failure fails AddDevice, so the device does
 * not start and every test of test_wdf_props.c fails): a property it sets on its PDO reads back
 * with its type, and a shutdown registration sets DO_SHUTDOWN_REGISTERED and its removal clears
 * it; it keeps a last-chance registration and completes its IRP_MJ_SHUTDOWN itself.
 */
#include <wdm.h>

#include "wdfprops.h"

typedef struct {
    INTERFACE Header;
    ULONG(NTAPI *GetMagic)(PVOID Context);
} WPR_LOWER_INTERFACE;

typedef struct {
    PDEVICE_OBJECT Lower;
    LONG References;
} LOWER_EXTENSION;

static const GUID LowerGuid = WPR_LOWER_GUID_INIT;
/* The filter's own property key {0b6e3f72-94a1-4d8c-b5e2-7f19c03a6d48}, 3. */
static const DEVPROPKEY FilterKey = {
    {0x0b6e3f72, 0x94a1, 0x4d8c, {0xb5, 0xe2, 0x7f, 0x19, 0xc0, 0x3a, 0x6d, 0x48}}, 3};

/* A UINT32 property set on the PDO reads back with its type and size. */
static NTSTATUS CheckProperty(PDEVICE_OBJECT Pdo)
{
    ULONG value = 0xB0A710AD, got = 0, required = 0;
    DEVPROPTYPE type = 0;
    NTSTATUS status = IoSetDevicePropertyData(Pdo, &FilterKey, LOCALE_NEUTRAL, 0,
                                              DEVPROP_TYPE_UINT32, sizeof(value), &value);
    if (NT_SUCCESS(status))
        status = IoGetDevicePropertyData(Pdo, &FilterKey, LOCALE_NEUTRAL, 0, sizeof(got), &got,
                                         &required, &type);
    if (NT_SUCCESS(status) &&
        (got != value || required != sizeof(got) || type != DEVPROP_TYPE_UINT32))
        status = STATUS_UNSUCCESSFUL;
    return status;
}

/* Registering sets DO_SHUTDOWN_REGISTERED, unregistering clears it; the last-chance one stays. */
static NTSTATUS CheckShutdown(PDEVICE_OBJECT Device)
{
    NTSTATUS status = IoRegisterShutdownNotification(Device);
    if (!NT_SUCCESS(status) || !(Device->Flags & DO_SHUTDOWN_REGISTERED))
        return STATUS_UNSUCCESSFUL;
    IoUnregisterShutdownNotification(Device);
    if (Device->Flags & DO_SHUTDOWN_REGISTERED)
        return STATUS_UNSUCCESSFUL;
    return IoRegisterLastChanceShutdownNotification(Device);
}

static VOID NTAPI Reference(PVOID Context)
{
    InterlockedIncrement(&((LOWER_EXTENSION *)Context)->References);
}

static VOID NTAPI Dereference(PVOID Context)
{
    InterlockedDecrement(&((LOWER_EXTENSION *)Context)->References);
}

static ULONG NTAPI GetMagic(PVOID Context)
{
    UNREFERENCED_PARAMETER(Context);
    return WPR_LOWER_MAGIC;
}

/* The documented IRP_MN_QUERY_INTERFACE answer: fill the caller's structure and reference it. */
static NTSTATUS Answer(LOWER_EXTENSION *Ext, PIO_STACK_LOCATION Stack)
{
    WPR_LOWER_INTERFACE *iface = (WPR_LOWER_INTERFACE *)Stack->Parameters.QueryInterface.Interface;
    if (Stack->Parameters.QueryInterface.Size < sizeof(*iface) ||
        Stack->Parameters.QueryInterface.Version < WPR_LOWER_VERSION)
        return STATUS_INVALID_PARAMETER;
    iface->Header.Size = sizeof(*iface);
    iface->Header.Version = WPR_LOWER_VERSION;
    iface->Header.Context = Ext;
    iface->Header.InterfaceReference = Reference;
    iface->Header.InterfaceDereference = Dereference;
    iface->GetMagic = GetMagic;
    Reference(Ext);
    return STATUS_SUCCESS;
}

static NTSTATUS Dispatch(PDEVICE_OBJECT Device, PIRP Irp)
{
    LOWER_EXTENSION *ext = Device->DeviceExtension;
    PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(Irp);
    PDEVICE_OBJECT lower = ext->Lower;
    NTSTATUS status;
    if (stack->MajorFunction == IRP_MJ_PNP && stack->MinorFunction == IRP_MN_QUERY_INTERFACE &&
        RtlEqualMemory(stack->Parameters.QueryInterface.InterfaceType, &LowerGuid, sizeof(GUID))) {
        status = Answer(ext, stack);
        Irp->IoStatus.Status = status;
        IoCompleteRequest(Irp, IO_NO_INCREMENT);
        return status;
    }
    if (stack->MajorFunction == IRP_MJ_SHUTDOWN) { /* its own registration's */
        Irp->IoStatus.Status = STATUS_SUCCESS;
        IoCompleteRequest(Irp, IO_NO_INCREMENT);
        return STATUS_SUCCESS;
    }
    if (stack->MajorFunction == IRP_MJ_PNP && stack->MinorFunction == IRP_MN_REMOVE_DEVICE) {
        IoSkipCurrentIrpStackLocation(Irp);
        status = IoCallDriver(lower, Irp);
        if (ext->References != 0)
            KeBugCheckEx(0xE2, 0x1F, (ULONG_PTR)ext->References, 0, 0); /* a leaked reference */
        IoDetachDevice(lower);
        IoDeleteDevice(Device);
        return status;
    }
    IoSkipCurrentIrpStackLocation(Irp);
    return stack->MajorFunction == IRP_MJ_POWER ? PoCallDriver(lower, Irp)
                                                : IoCallDriver(lower, Irp);
}

static NTSTATUS AddDevice(PDRIVER_OBJECT Driver, PDEVICE_OBJECT Pdo)
{
    PDEVICE_OBJECT device;
    LOWER_EXTENSION *ext;
    NTSTATUS status = IoCreateDevice(Driver, sizeof(LOWER_EXTENSION), NULL, FILE_DEVICE_UNKNOWN, 0,
                                     FALSE, &device);
    if (!NT_SUCCESS(status))
        return status;
    ext = device->DeviceExtension;
    ext->References = 0;
    ext->Lower = IoAttachDeviceToDeviceStack(device, Pdo);
    if (ext->Lower == NULL) {
        IoDeleteDevice(device);
        return STATUS_NO_SUCH_DEVICE;
    }
    status = CheckProperty(Pdo);
    if (NT_SUCCESS(status))
        status = CheckShutdown(device);
    if (!NT_SUCCESS(status)) {
        IoDetachDevice(ext->Lower);
        IoDeleteDevice(device); /* forgets a shutdown registration */
        return status;
    }
    device->Flags |= ext->Lower->Flags & (DO_BUFFERED_IO | DO_DIRECT_IO | DO_POWER_PAGABLE);
    device->Flags &= ~DO_DEVICE_INITIALIZING;
    return STATUS_SUCCESS;
}

static VOID Unload(PDRIVER_OBJECT Driver)
{
    UNREFERENCED_PARAMETER(Driver);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    ULONG i;
    UNREFERENCED_PARAMETER(RegistryPath);
    for (i = 0; i <= IRP_MJ_MAXIMUM_FUNCTION; i++)
        DriverObject->MajorFunction[i] = Dispatch;
    DriverObject->DriverExtension->AddDevice = AddDevice;
    DriverObject->DriverUnload = Unload;
    return STATUS_SUCCESS;
}
