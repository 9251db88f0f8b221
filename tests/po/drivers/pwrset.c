/*
 * pwrset.c - a WDM driver that follows one power setting (PoRegisterPowerSettingCallback in
 * DriverEntry, as its page advises; PoUnregisterPowerSettingCallback at unload) and returns,
 * for IOCTL_PWRSET_GET, how many times its callback was called and the last ULONG value.
 * Driven by tests/po/scenarios/power_setting.scn through the `power-setting` command.
 */
#include <wdm.h>

#define IOCTL_PWRSET_GET CTL_CODE(FILE_DEVICE_UNKNOWN, 0x800, METHOD_BUFFERED, FILE_ANY_ACCESS)

/* {5E1C2A7B-3D4F-4A60-9B8C-1D2E3F405162} */
static const GUID PwrsetSetting = {
    0x5e1c2a7b, 0x3d4f, 0x4a60, {0x9b, 0x8c, 0x1d, 0x2e, 0x3f, 0x40, 0x51, 0x62}};

DRIVER_INITIALIZE DriverEntry;
static DRIVER_UNLOAD PwrsetUnload;
static DRIVER_DISPATCH PwrsetCreateClose;
static DRIVER_DISPATCH PwrsetControl;
static POWER_SETTING_CALLBACK PwrsetCallback;

static PDEVICE_OBJECT g_Device;
static PVOID g_Registration;
static ULONG g_Result[2]; /* calls, last value */

static NTSTATUS PwrsetCallback(LPCGUID SettingGuid, PVOID Value, ULONG ValueLength, PVOID Context)
{
    UNREFERENCED_PARAMETER(Context);
    if (!IsEqualGUID(SettingGuid, &PwrsetSetting) || ValueLength != sizeof(ULONG))
        return STATUS_INVALID_PARAMETER;
    g_Result[0]++;
    g_Result[1] = *(ULONG *)Value;
    return STATUS_SUCCESS;
}

static NTSTATUS PwrsetCreateClose(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    Irp->IoStatus.Status = STATUS_SUCCESS;
    Irp->IoStatus.Information = 0;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return STATUS_SUCCESS;
}

static NTSTATUS PwrsetControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    NTSTATUS status = STATUS_INVALID_DEVICE_REQUEST;
    UNREFERENCED_PARAMETER(DeviceObject);
    Irp->IoStatus.Information = 0;
    if (sp->Parameters.DeviceIoControl.IoControlCode == IOCTL_PWRSET_GET) {
        if (sp->Parameters.DeviceIoControl.OutputBufferLength < sizeof(g_Result)) {
            status = STATUS_BUFFER_TOO_SMALL;
        } else {
            RtlCopyMemory(Irp->AssociatedIrp.SystemBuffer, g_Result, sizeof(g_Result));
            Irp->IoStatus.Information = sizeof(g_Result);
            status = STATUS_SUCCESS;
        }
    }
    Irp->IoStatus.Status = status;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return status;
}

static VOID PwrsetUnload(PDRIVER_OBJECT DriverObject)
{
    UNICODE_STRING link = RTL_CONSTANT_STRING(L"\\DosDevices\\Pwrset");
    UNREFERENCED_PARAMETER(DriverObject);
    PoUnregisterPowerSettingCallback(g_Registration);
    IoDeleteSymbolicLink(&link);
    IoDeleteDevice(g_Device);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNICODE_STRING name = RTL_CONSTANT_STRING(L"\\Device\\Pwrset");
    UNICODE_STRING link = RTL_CONSTANT_STRING(L"\\DosDevices\\Pwrset");
    NTSTATUS status;
    UNREFERENCED_PARAMETER(RegistryPath);
    status = IoCreateDevice(DriverObject, 0, &name, FILE_DEVICE_UNKNOWN, 0, FALSE, &g_Device);
    if (!NT_SUCCESS(status))
        return status;
    status = IoCreateSymbolicLink(&link, &name);
    if (NT_SUCCESS(status))
        status = PoRegisterPowerSettingCallback(g_Device, &PwrsetSetting, PwrsetCallback, NULL,
                                                &g_Registration);
    if (!NT_SUCCESS(status)) {
        IoDeleteSymbolicLink(&link);
        IoDeleteDevice(g_Device);
        return status;
    }
    DriverObject->MajorFunction[IRP_MJ_CREATE] = PwrsetCreateClose;
    DriverObject->MajorFunction[IRP_MJ_CLOSE] = PwrsetCreateClose;
    DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = PwrsetControl;
    DriverObject->DriverUnload = PwrsetUnload;
    return STATUS_SUCCESS;
}
