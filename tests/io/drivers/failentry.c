/* failentry.c - a driver whose DriverEntry fails (after creating a device it cleans up). */
#include <ntddk.h>

DRIVER_INITIALIZE DriverEntry;

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNICODE_STRING name = RTL_CONSTANT_STRING(L"\\Device\\FailEntry");
    PDEVICE_OBJECT device;
    UNREFERENCED_PARAMETER(RegistryPath);
    if (NT_SUCCESS(IoCreateDevice(DriverObject, 0, &name, FILE_DEVICE_UNKNOWN, 0, FALSE, &device)))
        IoDeleteDevice(device);
    return STATUS_INSUFFICIENT_RESOURCES;
}
