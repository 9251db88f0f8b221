/* uses.c - check_guidlib.sh's driver: GUIDs of the headers named without INITGUID (the GUID
 * library defines them), KdComPortInUse, and own.c's INITGUID definitions beside them. */
#include <ntddk.h>
#include <ntddser.h>
#include <wdmguid.h>
extern PUCHAR *KdComPortInUse; /* as serial drivers declare it: no header does */
NTSTATUS OwnGuidsOk(void);
DRIVER_INITIALIZE DriverEntry;
NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    /* {86E0D1E0-8089-11D0-9CE4-08003E301F73} and {496B8280-6F25-11D0-BEAF-08002BE2092F} */
    static const GUID comport = {
        0x86E0D1E0, 0x8089, 0x11D0, {0x9C, 0xE4, 0x08, 0x00, 0x3E, 0x30, 0x1F, 0x73}};
    static const GUID bus_standard = {
        0x496B8280, 0x6F25, 0x11D0, {0xBE, 0xAF, 0x08, 0x00, 0x2B, 0xE2, 0x09, 0x2F}};
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    if (!IsEqualGUID(&GUID_DEVINTERFACE_COMPORT, &comport))
        return STATUS_OBJECT_TYPE_MISMATCH;
    if (!IsEqualGUID(&GUID_BUS_INTERFACE_STANDARD, &bus_standard))
        return STATUS_OBJECT_NAME_INVALID;
    if (KdComPortInUse == NULL || *KdComPortInUse != NULL)
        return STATUS_DEVICE_BUSY;
    return OwnGuidsOk();
}
