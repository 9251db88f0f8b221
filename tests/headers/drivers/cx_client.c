/* cx_client.c - a KMDF client of class extensions (TrEE, UFX) and of the PEP interface, calling
 * their routines, which drvhost declares not provided (headers_cx_not_provided). GpioClx's
 * routines are drvhost's (tests/gpio); gpioclx.h is included for its types only. */
#include <ntddk.h>
#include <wdf.h>
#include <gpioclx.h>
#include <TrustedRuntimeClx.h>
#include <ufxclient.h>
#define PEP_KERNEL_INFORMATION_VERSION PEP_KERNEL_INFORMATION_V3
#include <pepfx.h>
DRIVER_INITIALIZE DriverEntry;
NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    GPIO_CLIENT_REGISTRATION_PACKET packet = {0};
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    packet.Size = sizeof(packet);
    if (packet.Flags) { /* never: the imports alone must refuse the module */
        TrSecureDeviceLogMessage(NULL, 0, "%d\n", 1);
        UfxDeviceNotifyAttach(NULL);
        PoFxRegisterPlugin(NULL, NULL);
    }
    return STATUS_SUCCESS;
}
