/*
 * pnptypes.c - a WDK-style PnP dispatch routine that uses the PnP types of wdm.h and wdmguid.h
 * (capabilities, bus information, device relations, IDs, device state), built with the driver
 * profile like any driver module: it proves the headers serve real driver source. It is never
 * loaded (there is no PnP manager yet); building it is the test (pnp_types_driver_builds).
 */
#include <ntddk.h>
#include <initguid.h>
#include <wdmguid.h>

DRIVER_INITIALIZE DriverEntry;

static NTSTATUS pnp_query(PIO_STACK_LOCATION stack, PIRP irp)
{
    PDEVICE_CAPABILITIES caps;
    PPNP_BUS_INFORMATION bus;
    PDEVICE_RELATIONS rel;
    switch (stack->MinorFunction) {
    case IRP_MN_QUERY_CAPABILITIES:
        caps = stack->Parameters.DeviceCapabilities.Capabilities;
        caps->SurpriseRemovalOK = TRUE;
        caps->DeviceState[PowerSystemWorking] = PowerDeviceD0;
        caps->DeviceWake = PowerDeviceD2;
        return STATUS_SUCCESS;
    case IRP_MN_QUERY_BUS_INFORMATION:
        bus = ExAllocatePool2(POOL_FLAG_PAGED, sizeof(*bus), 'tpnP');
        if (bus == NULL)
            return STATUS_INSUFFICIENT_RESOURCES;
        bus->BusTypeGuid = GUID_BUS_TYPE_INTERNAL;
        bus->LegacyBusType = PNPBus;
        bus->BusNumber = 0;
        irp->IoStatus.Information = (ULONG_PTR)bus;
        return STATUS_SUCCESS;
    case IRP_MN_QUERY_DEVICE_RELATIONS:
        if (stack->Parameters.QueryDeviceRelations.Type != BusRelations)
            return irp->IoStatus.Status;
        rel = ExAllocatePool2(POOL_FLAG_PAGED, sizeof(*rel), 'tpnP');
        if (rel == NULL)
            return STATUS_INSUFFICIENT_RESOURCES;
        rel->Count = 0;
        irp->IoStatus.Information = (ULONG_PTR)rel;
        return STATUS_SUCCESS;
    case IRP_MN_QUERY_PNP_DEVICE_STATE:
        irp->IoStatus.Information |= PNP_DEVICE_NOT_DISABLEABLE;
        return STATUS_SUCCESS;
    case IRP_MN_QUERY_ID:
        return stack->Parameters.QueryId.IdType == BusQueryHardwareIDs ? STATUS_NOT_SUPPORTED
                                                                       : irp->IoStatus.Status;
    default:
        return irp->IoStatus.Status;
    }
}

static NTSTATUS dispatch_pnp(PDEVICE_OBJECT device, PIRP irp)
{
    NTSTATUS status = pnp_query(IoGetCurrentIrpStackLocation(irp), irp);
    UNREFERENCED_PARAMETER(device);
    irp->IoStatus.Status = status;
    IoCompleteRequest(irp, IO_NO_INCREMENT);
    return status;
}

static NTSTATUS notify(PVOID structure, PVOID context)
{
    PDEVICE_INTERFACE_CHANGE_NOTIFICATION n = structure;
    UNREFERENCED_PARAMETER(context);
    return IsEqualGUID(&n->Event, &GUID_DEVICE_INTERFACE_ARRIVAL) ? STATUS_SUCCESS
                                                                  : STATUS_UNSUCCESSFUL;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT driver, PUNICODE_STRING path)
{
    PDRIVER_NOTIFICATION_CALLBACK_ROUTINE callback = notify;
    UNREFERENCED_PARAMETER(path);
    UNREFERENCED_PARAMETER(callback);
    driver->MajorFunction[IRP_MJ_PNP] = dispatch_pnp;
    return STATUS_SUCCESS;
}
