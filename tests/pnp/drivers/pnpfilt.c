/*
 * pnpfilt.c - a PnP filter driver that records what passes through it: AddDevice and every
 * PnP IRP (minor function, then the status it completes with), printed with DbgPrintEx so a
 * scenario can pin the order (tests/pnp/scenarios). Built twice: as pnpfilt (an upper filter)
 * and, with FILTER_NAME "pnplow", as a lower filter.
 *
 * WDM only: builds with the WDK.
 */
#include <ntddk.h>

#ifndef FILTER_NAME
#define FILTER_NAME "pnpfilt"
#endif

typedef struct _FILTER_EXT {
    PDEVICE_OBJECT lower;
} FILTER_EXT, *PFILTER_EXT;

static const char *minor_name(UCHAR minor)
{
    static const char *const names[] = {
        "START_DEVICE",
        "QUERY_REMOVE_DEVICE",
        "REMOVE_DEVICE",
        "CANCEL_REMOVE_DEVICE",
        "STOP_DEVICE",
        "QUERY_STOP_DEVICE",
        "CANCEL_STOP_DEVICE",
        "QUERY_DEVICE_RELATIONS",
        "QUERY_INTERFACE",
        "QUERY_CAPABILITIES",
        "QUERY_RESOURCES",
        "QUERY_RESOURCE_REQUIREMENTS",
        "QUERY_DEVICE_TEXT",
        "FILTER_RESOURCE_REQUIREMENTS",
        "0E",
        "READ_CONFIG",
        "WRITE_CONFIG",
        "EJECT",
        "SET_LOCK",
        "QUERY_ID",
        "QUERY_PNP_DEVICE_STATE",
        "QUERY_BUS_INFORMATION",
        "DEVICE_USAGE_NOTIFICATION",
        "SURPRISE_REMOVAL",
    };
    return minor < sizeof(names) / sizeof(names[0]) ? names[minor] : "OTHER";
}

static NTSTATUS NTAPI FilterPnp(PDEVICE_OBJECT device, PIRP irp)
{
    PFILTER_EXT ext = (PFILTER_EXT)device->DeviceExtension;
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(irp);
    UCHAR minor = sp->MinorFunction;
    PDEVICE_OBJECT lower = ext->lower;
    NTSTATUS status;
    DbgPrintEx(DPFLTR_IHVDRIVER_ID, DPFLTR_ERROR_LEVEL, FILTER_NAME ": %s (status in 0x%08X)\n",
               minor_name(minor), (unsigned)irp->IoStatus.Status);
    IoSkipCurrentIrpStackLocation(irp);
    status = IoCallDriver(lower, irp);
    if (minor == IRP_MN_REMOVE_DEVICE) {
        IoDetachDevice(lower);
        IoDeleteDevice(device);
    }
    return status;
}

static NTSTATUS NTAPI FilterPass(PDEVICE_OBJECT device, PIRP irp)
{
    PFILTER_EXT ext = (PFILTER_EXT)device->DeviceExtension;
    IoSkipCurrentIrpStackLocation(irp);
    return IoCallDriver(ext->lower, irp);
}

static NTSTATUS NTAPI FilterAddDevice(PDRIVER_OBJECT driver, PDEVICE_OBJECT pdo)
{
    PDEVICE_OBJECT device;
    PFILTER_EXT ext;
    NTSTATUS status =
        IoCreateDevice(driver, sizeof(FILTER_EXT), NULL, FILE_DEVICE_UNKNOWN, 0, FALSE, &device);
    if (!NT_SUCCESS(status))
        return status;
    ext = (PFILTER_EXT)device->DeviceExtension;
    ext->lower = IoAttachDeviceToDeviceStack(device, pdo);
    if (ext->lower == NULL) {
        IoDeleteDevice(device);
        return STATUS_NO_SUCH_DEVICE;
    }
    device->Flags |= ext->lower->Flags & (DO_BUFFERED_IO | DO_DIRECT_IO | DO_POWER_PAGABLE);
    device->Flags &= ~DO_DEVICE_INITIALIZING;
    DbgPrintEx(DPFLTR_IHVDRIVER_ID, DPFLTR_ERROR_LEVEL, FILTER_NAME ": AddDevice\n");
    return STATUS_SUCCESS;
}

static VOID NTAPI FilterUnload(PDRIVER_OBJECT driver)
{
    UNREFERENCED_PARAMETER(driver);
    DbgPrintEx(DPFLTR_IHVDRIVER_ID, DPFLTR_ERROR_LEVEL, FILTER_NAME ": DriverUnload\n");
}

NTSTATUS NTAPI DriverEntry(PDRIVER_OBJECT driver, PUNICODE_STRING path)
{
    ULONG i;
    UNREFERENCED_PARAMETER(path);
    for (i = 0; i <= IRP_MJ_MAXIMUM_FUNCTION; i++)
        driver->MajorFunction[i] = FilterPass;
    driver->MajorFunction[IRP_MJ_PNP] = FilterPnp;
    driver->DriverExtension->AddDevice = FilterAddDevice;
    driver->DriverUnload = FilterUnload;
    return STATUS_SUCCESS;
}
