/* callback_client.c - a driver registering for \Callback\PowerState as the WDK documents it
 * (ExCreateCallback, ExRegisterCallback, ExUnregisterCallback; a CALLBACK_FUNCTION routine):
 * it loads (the system object exists: opening it with Create FALSE succeeds, a failure fails
 * DriverEntry) and unloads, dropping its registration and its reference. */
#include <ntddk.h>

static PCALLBACK_OBJECT PowerObject;
static PVOID Registration;
static CALLBACK_FUNCTION PowerStateCallback;

static VOID PowerStateCallback(PVOID CallbackContext, PVOID Argument1, PVOID Argument2)
{
    UNREFERENCED_PARAMETER(CallbackContext);
    UNREFERENCED_PARAMETER(Argument1);
    UNREFERENCED_PARAMETER(Argument2);
}

static VOID Unload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    ExUnregisterCallback(Registration);
    ObDereferenceObject(PowerObject);
}

DRIVER_INITIALIZE DriverEntry;
NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNICODE_STRING name = RTL_CONSTANT_STRING(L"\\Callback\\PowerState");
    OBJECT_ATTRIBUTES attributes;
    NTSTATUS status;

    UNREFERENCED_PARAMETER(RegistryPath);
    InitializeObjectAttributes(&attributes, &name, OBJ_CASE_INSENSITIVE, NULL, NULL);
    status = ExCreateCallback(&PowerObject, &attributes, FALSE, TRUE);
    if (!NT_SUCCESS(status))
        return status;
    Registration = ExRegisterCallback(PowerObject, PowerStateCallback, NULL);
    if (Registration == NULL) {
        ObDereferenceObject(PowerObject);
        return STATUS_UNSUCCESSFUL;
    }
    DriverObject->DriverUnload = Unload;
    return STATUS_SUCCESS;
}
