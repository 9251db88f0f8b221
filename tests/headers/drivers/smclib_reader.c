/* smclib_reader.c - a smart card reader driver (WDM) calling the smart card driver library,
 * which drvhost declares not provided (headers_smclib_not_provided). SmartcardDebug calls the
 * library's SmartcardGetDebugLevel: drvhost's headers define DBG, as a checked build does. */
#include <ntddk.h>
#include <smclib.h>
static SMARTCARD_EXTENSION extension;
DRIVER_INITIALIZE DriverEntry;
NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NTSTATUS status;
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    extension.Version = SMCLIB_VERSION;
    status = SmartcardInitialize(&extension);
    SmartcardDebug(DEBUG_DRIVER, ("%s!DriverEntry: %#x\n", DRIVER_NAME, status));
    if (NT_SUCCESS(status))
        SmartcardExit(&extension);
    return status;
}
