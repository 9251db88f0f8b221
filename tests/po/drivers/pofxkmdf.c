/*
 * pofxkmdf.c - a framework driver whose DriverEntry checks what WDF_POWER_FRAMEWORK_SETTINGS_INIT
 * sets (Size, every other member zero: its page), then calls
 * WdfDeviceWdmAssignPowerFrameworkSettings with a NULL device, which must be the framework's
 * NULL-parameter violation (0x10D/0x4). tests/po/test_pofx.c loads it; the routine's behaviour on
 * a device is tested in tests/wdf/test_wdf_power.c.
 */
#include <ntddk.h>
#include <wdf.h>

DRIVER_INITIALIZE DriverEntry;

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WDF_POWER_FRAMEWORK_SETTINGS settings;
    WDF_DRIVER_CONFIG config;
    NTSTATUS status;
    RtlFillMemory(&settings, sizeof(settings), 0xA5);
    WDF_POWER_FRAMEWORK_SETTINGS_INIT(&settings);
    if (settings.Size != sizeof(settings) || settings.Component != NULL ||
        settings.EvtDeviceWdmPostPoFxRegisterDevice != NULL || settings.PoFxDeviceContext != NULL ||
        settings.PoFxDeviceFlags != 0 || settings.DirectedPoFxEnabled != WdfFalse)
        return STATUS_UNSUCCESSFUL;
    WDF_DRIVER_CONFIG_INIT(&config, WDF_NO_EVENT_CALLBACK);
    config.DriverInitFlags = WdfDriverInitNonPnpDriver;
    status = WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config,
                             WDF_NO_HANDLE);
    if (!NT_SUCCESS(status))
        return status;
    return WdfDeviceWdmAssignPowerFrameworkSettings(NULL, &settings);
}
