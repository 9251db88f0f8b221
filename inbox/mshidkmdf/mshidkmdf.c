/*
 * mshidkmdf.c - drvhost's inbox HID pass-through minidriver, in the role of Windows'
 * MsHidKmdf.sys (docs/hid.md, "The inbox pass-through minidriver").
 *
 * A framework (KMDF) driver cannot be a HID minidriver itself: the HID class driver and the
 * framework both want the driver object's dispatch routines. Windows therefore ships
 * MsHidKmdf.sys, which registers with the class driver (HidRegisterMinidriver) as the device's
 * function driver and hands every request it gets from the class driver to the device below
 * it, the vendor's KMDF driver, installed as a lower filter (WdfFdoInitSetFilter). This module
 * does the same with drvhost's class driver (src/hid). It is an ordinary WDM driver built from
 * the public headers, installed in drvhost's driver folder, so an INF names it as its service
 * (ServiceBinary = %13%\mshidkmdf.sys) as Windows' MsHidKmdf.inf does.
 *
 * The class driver owns the FDO (creates, attaches, detaches and deletes it) and keeps the
 * minidriver's extension empty (DeviceExtensionSize 0): the only state used is the class
 * driver's HID_DEVICE_EXTENSION, whose NextDeviceObject is the lower filter's device.
 */
#include <wdm.h>
#include <hidport.h>

DRIVER_INITIALIZE DriverEntry;
static DRIVER_ADD_DEVICE mshid_add_device;
static DRIVER_UNLOAD mshid_unload;
_Dispatch_type_(IRP_MJ_POWER) static DRIVER_DISPATCH mshid_power;
static DRIVER_DISPATCH mshid_pass;

static PDEVICE_OBJECT mshid_lower(PDEVICE_OBJECT fdo)
{
    return ((PHID_DEVICE_EXTENSION)fdo->DeviceExtension)->NextDeviceObject;
}

/* Every request the class driver passes (internal device controls, PnP, system control, ...)
 * goes down unchanged, in a stack location of its own (the FDO has one for the minidriver):
 * the KMDF driver below answers it and completes it. */
static NTSTATUS mshid_pass(PDEVICE_OBJECT fdo, PIRP irp)
{
    IoCopyCurrentIrpStackLocationToNext(irp);
    return IoCallDriver(mshid_lower(fdo), irp);
}

/* Power goes down likewise; PoStartNextPowerIrp first, as a driver of every Windows version
 * must before its power routine lets the IRP go. */
static NTSTATUS mshid_power(PDEVICE_OBJECT fdo, PIRP irp)
{
    PoStartNextPowerIrp(irp);
    IoCopyCurrentIrpStackLocationToNext(irp);
    return PoCallDriver(mshid_lower(fdo), irp);
}

/* The class driver has created and attached the FDO. It takes the lower device's power
 * pageability (a pageable FDO above a non-pageable device would be a power-path bug) and is
 * ready for requests. */
static NTSTATUS mshid_add_device(PDRIVER_OBJECT driver, PDEVICE_OBJECT fdo)
{
    UNREFERENCED_PARAMETER(driver);
    PDEVICE_OBJECT lower = mshid_lower(fdo);
    fdo->Flags &= ~DO_POWER_PAGABLE;
    fdo->Flags |= lower->Flags & DO_POWER_PAGABLE;
    fdo->Flags &= ~DO_DEVICE_INITIALIZING;
    return STATUS_SUCCESS;
}

/* Nothing of its own to free: the registration ends with the driver (the class driver's
 * unload calls this one). */
static VOID mshid_unload(PDRIVER_OBJECT driver)
{
    UNREFERENCED_PARAMETER(driver);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT driver, PUNICODE_STRING registry_path)
{
    HID_MINIDRIVER_REGISTRATION reg;
    for (ULONG i = 0; i <= IRP_MJ_MAXIMUM_FUNCTION; i++)
        driver->MajorFunction[i] = mshid_pass;
    driver->MajorFunction[IRP_MJ_POWER] = mshid_power;
    driver->DriverExtension->AddDevice = mshid_add_device;
    driver->DriverUnload = mshid_unload;

    RtlZeroMemory(&reg, sizeof(reg));
    reg.Revision = HID_REVISION;
    reg.DriverObject = driver;
    reg.RegistryPath = registry_path;
    reg.DeviceExtensionSize = 0;
    /* The devices below report input when they have it (interrupt-style), never polled. */
    reg.DevicesArePolled = FALSE;
    return HidRegisterMinidriver(&reg);
}
