/*
 * drvregkey.c - IoOpenDriverRegistryKey from DriverEntry (scenarios/driver_regkey.scn): the
 * Parameters key holds what the scenario provisioned; the persistent-state key keeps what the
 * driver writes, across a close and a reopen; the shared state key is another key; a nonzero
 * Flags or an unknown key type is STATUS_INVALID_PARAMETER. DriverEntry fails with a distinct
 * status for each check that does not hold. Public WDK headers only.
 */
#include <ntddk.h>

static NTSTATUS QueryDword(HANDLE key, PCWSTR name, ULONG *value)
{
    UCHAR buffer[sizeof(KEY_VALUE_PARTIAL_INFORMATION) + sizeof(ULONG)];
    PKEY_VALUE_PARTIAL_INFORMATION info = (PKEY_VALUE_PARTIAL_INFORMATION)buffer;
    UNICODE_STRING n;
    ULONG got;
    NTSTATUS status;
    RtlInitUnicodeString(&n, name);
    status = ZwQueryValueKey(key, &n, KeyValuePartialInformation, info, sizeof(buffer), &got);
    if (NT_SUCCESS(status) && (info->Type != REG_DWORD || info->DataLength != sizeof(ULONG)))
        status = STATUS_OBJECT_TYPE_MISMATCH;
    if (NT_SUCCESS(status))
        *value = *(ULONG *)info->Data;
    return status;
}

static NTSTATUS SetDword(HANDLE key, PCWSTR name, ULONG value)
{
    UNICODE_STRING n;
    RtlInitUnicodeString(&n, name);
    return ZwSetValueKey(key, &n, 0, REG_DWORD, &value, sizeof(value));
}

static VOID Unload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
}

DRIVER_INITIALIZE DriverEntry;
NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    HANDLE key = NULL;
    ULONG value = 0;
    UNREFERENCED_PARAMETER(RegistryPath);
    DriverObject->DriverUnload = Unload;
    if (!NT_SUCCESS(
            IoOpenDriverRegistryKey(DriverObject, DriverRegKeyParameters, KEY_READ, 0, &key)))
        return STATUS_UNSUCCESSFUL;
    if (!NT_SUCCESS(QueryDword(key, L"Preset", &value)) || value != 7) {
        ZwClose(key);
        return STATUS_OBJECT_NAME_NOT_FOUND;
    }
    ZwClose(key);
    if (IoOpenDriverRegistryKey(DriverObject, DriverRegKeyParameters, KEY_READ, 1, &key) !=
            STATUS_INVALID_PARAMETER ||
        IoOpenDriverRegistryKey(DriverObject, (DRIVER_REGKEY_TYPE)3, KEY_READ, 0, &key) !=
            STATUS_INVALID_PARAMETER)
        return STATUS_INVALID_PARAMETER_2;
    if (!NT_SUCCESS(IoOpenDriverRegistryKey(DriverObject, DriverRegKeyPersistentState,
                                            KEY_ALL_ACCESS, 0, &key)))
        return STATUS_INVALID_PARAMETER_3;
    SetDword(key, L"Counter", 42);
    ZwClose(key);
    value = 0;
    if (!NT_SUCCESS(
            IoOpenDriverRegistryKey(DriverObject, DriverRegKeyPersistentState, KEY_READ, 0, &key)))
        return STATUS_INVALID_PARAMETER_4;
    QueryDword(key, L"Counter", &value);
    ZwClose(key);
    if (value != 42)
        return STATUS_INVALID_PARAMETER_5;
    if (!NT_SUCCESS(IoOpenDriverRegistryKey(DriverObject, DriverRegKeySharedPersistentState,
                                            KEY_READ, 0, &key)))
        return STATUS_INVALID_PARAMETER_6;
    value = 0;
    if (QueryDword(key, L"Counter", &value) != STATUS_OBJECT_NAME_NOT_FOUND) {
        ZwClose(key);
        return STATUS_INVALID_PARAMETER_7; /* the shared state is another key */
    }
    ZwClose(key);
    return STATUS_SUCCESS;
}
