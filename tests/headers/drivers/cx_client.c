/* cx_client.c - a GpioClx client (KMDF) calling its class extension's routines, which drvhost
 * declares not provided (headers_cx_not_provided). */
#include <ntddk.h>
#include <wdf.h>
#include <gpioclx.h>
DRIVER_INITIALIZE DriverEntry;
NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    GPIO_CLIENT_REGISTRATION_PACKET packet = {0};
    UNREFERENCED_PARAMETER(DriverObject);
    packet.Size = sizeof(packet);
    if (!NT_SUCCESS(GPIO_CLX_RegisterClient(WdfGetDriver(), &packet, RegistryPath)))
        return STATUS_UNSUCCESSFUL;
    return GPIO_CLX_UnregisterClient(WdfGetDriver());
}
