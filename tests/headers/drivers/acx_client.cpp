/* acx_client.cpp - an ACX driver (C++, as the ACX samples are) that binds to ACX and creates a
 * circuit, calling routines drvhost declares not provided (headers_acx_not_provided). */
#include <ntddk.h>
#include <wdf.h>
#include <acx.h>

extern "C" DRIVER_INITIALIZE DriverEntry;

static NTSTATUS add_circuit(WDFDEVICE device)
{
    PACXCIRCUIT_INIT init = AcxCircuitInitAllocate(device);
    ACXCIRCUIT circuit = NULL;
    NTSTATUS status;

    if (init == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    AcxCircuitInitSetCircuitType(init, AcxCircuitTypeRender);
    status = AcxCircuitCreate(device, WDF_NO_OBJECT_ATTRIBUTES, &init, &circuit);
    if (!NT_SUCCESS(status)) {
        AcxCircuitInitFree(init);
        return status;
    }
    return AcxDeviceAddCircuit(device, circuit);
}

extern "C" NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    ACX_DRIVER_CONFIG config;
    WDF_DRIVER_CONFIG wdf;
    WDFDRIVER driver;
    NTSTATUS status;

    WDF_DRIVER_CONFIG_INIT(&wdf, WDF_NO_EVENT_CALLBACK);
    status = WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &wdf, &driver);
    if (!NT_SUCCESS(status))
        return status;
    ACX_DRIVER_CONFIG_INIT(&config);
    status = AcxDriverInitialize(driver, &config);
    if (NT_SUCCESS(status) && config.Flags) /* never: the imports alone must refuse the module */
        status = add_circuit(NULL);
    return status;
}
