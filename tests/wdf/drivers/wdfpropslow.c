/*
 * wdfpropslow.c - a WDM lower filter for test_wdf_props.c (drivers/wdfprops.inf): it answers
 * IRP_MN_QUERY_INTERFACE for its interface (wdfprops.h: WPR_LOWER_GUID_INIT, version
 * WPR_LOWER_VERSION or later asked with a large enough structure) and passes every other IRP
 * down. The interface's GetMagic returns WPR_LOWER_MAGIC; its reference count must be back to
 * 0 when the device goes (the function driver dereferences what it was given).
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
