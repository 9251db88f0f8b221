/*
 * zw.c - the Zw* registry DDIs: ZwCreateKey, ZwOpenKey(Ex), ZwDeleteKey, ZwFlushKey,
 * ZwQueryKey, ZwEnumerateKey, ZwSetValueKey, ZwQueryValueKey, ZwEnumerateValueKey,
 * ZwDeleteValueKey.
 *
 * Each resolves its handle to a referenced cm_key (keyobj.c), calls the store, and formats the
 * answer (zw_info.c). No lock of our own: the store's lock covers each store call. The DDIs
 * themselves are in zw_notify.c: they call these (cm_zw_*) directly when no registry callback
 * is registered, else between the callbacks' pre- and post-notifications.
 *
 * Deviations (documented in docs/registry.md): no access checks (kernel-mode callers are not
 * checked on Windows either, but Windows still refuses an operation the handle was not opened
 * for); the Class and TitleIndex of ZwCreateKey are ignored; registry links are not
 * supported (REG_OPTION_CREATE_LINK is STATUS_NOT_SUPPORTED, REG_OPTION_OPEN_LINK opens the key
 * itself); OBJ_CASE_INSENSITIVE is implied (registry names are case-insensitive on Windows too)
 * and every handle is a kernel handle, OBJ_KERNEL_HANDLE or not.
 */
#include "cm/cm_zw.h"

#include <stdlib.h>

/* The key an OBJECT_ATTRIBUTES names, opened (or per create, created). */
static NTSTATUS cm_open_attributes(POBJECT_ATTRIBUTES oa, BOOLEAN create, BOOLEAN is_volatile,
                                   struct cm_key **key, BOOLEAN *created)
{
    static const UNICODE_STRING empty = {0, 0, NULL};
    struct cm_key *base = NULL;
    const WCHAR *name;
    size_t chars;
    NTSTATUS status;

    if (!oa || oa->Length != sizeof(*oa) || (oa->Attributes & ~OBJ_VALID_ATTRIBUTES))
        return STATUS_INVALID_PARAMETER;
    status = cm_ustr(oa->ObjectName ? oa->ObjectName : &empty, &name, &chars);
    if (!NT_SUCCESS(status))
        return STATUS_OBJECT_NAME_INVALID;
    if (oa->RootDirectory) {
        status = cm_handle_key(oa->RootDirectory, &base);
        if (!NT_SUCCESS(status))
            return status;
    }
    if (create)
        status = cm_key_create(base, name, chars, is_volatile, key, created);
    else
        status = cm_key_open_relative(base, name, chars, FALSE, key, created);
    cm_key_release(base);
    return status;
}

/* Opens or creates, then makes the handle. */
static NTSTATUS cm_open_handle(PHANDLE handle, ACCESS_MASK access, POBJECT_ATTRIBUTES oa,
                               BOOLEAN create, BOOLEAN is_volatile, BOOLEAN *created)
{
    struct cm_key *key;
    NTSTATUS status;

    if (!handle)
        return STATUS_INVALID_PARAMETER;
    status = cm_open_attributes(oa, create, is_volatile, &key, created);
    if (!NT_SUCCESS(status))
        return status;
    status = cm_handle_create(key, access, handle);
    if (!NT_SUCCESS(status))
        cm_key_release(key);
    return status;
}

NTSTATUS cm_zw_create_key(PHANDLE KeyHandle, ACCESS_MASK DesiredAccess,
                          POBJECT_ATTRIBUTES ObjectAttributes, ULONG TitleIndex,
                          PUNICODE_STRING Class, ULONG CreateOptions, PULONG Disposition)
{
    BOOLEAN created = FALSE;
    NTSTATUS status;

    (void)TitleIndex;
    (void)Class;
    cm_irql_check("ZwCreateKey");
    if (CreateOptions & ~REG_LEGAL_OPTION)
        return STATUS_INVALID_PARAMETER;
    if (CreateOptions & REG_OPTION_CREATE_LINK)
        return STATUS_NOT_SUPPORTED;
    status = cm_open_handle(KeyHandle, DesiredAccess, ObjectAttributes, TRUE,
                            (CreateOptions & REG_OPTION_VOLATILE) != 0, &created);
    if (NT_SUCCESS(status) && Disposition)
        *Disposition = created ? REG_CREATED_NEW_KEY : REG_OPENED_EXISTING_KEY;
    return status;
}

NTSTATUS cm_zw_open_key_ex(PHANDLE KeyHandle, ACCESS_MASK DesiredAccess,
                           POBJECT_ATTRIBUTES ObjectAttributes, ULONG OpenOptions)
{
    cm_irql_check("ZwOpenKeyEx");
    if (OpenOptions & ~REG_OPEN_LEGAL_OPTION)
        return STATUS_INVALID_PARAMETER;
    return cm_open_handle(KeyHandle, DesiredAccess, ObjectAttributes, FALSE, FALSE, NULL);
}

NTSTATUS cm_zw_open_key(PHANDLE KeyHandle, ACCESS_MASK DesiredAccess,
                        POBJECT_ATTRIBUTES ObjectAttributes)
{
    cm_irql_check("ZwOpenKey");
    return cm_open_handle(KeyHandle, DesiredAccess, ObjectAttributes, FALSE, FALSE, NULL);
}

NTSTATUS cm_zw_delete_key(HANDLE KeyHandle)
{
    struct cm_key *key;
    NTSTATUS status;

    cm_irql_check("ZwDeleteKey");
    status = cm_handle_key(KeyHandle, &key);
    if (!NT_SUCCESS(status))
        return status;
    status = cm_key_delete(key);
    cm_key_release(key);
    return status;
}

/* Flushing writes the whole registry to the file opened with drvhost_registry_open (if any):
 * there are no hives, so no finer unit to flush. */
NTSTATUS cm_zw_flush_key(HANDLE KeyHandle)
{
    struct cm_key *key;
    struct cm_key_info ki;
    NTSTATUS status;

    cm_irql_check("ZwFlushKey");
    status = cm_handle_key(KeyHandle, &key);
    if (!NT_SUCCESS(status))
        return status;
    status = cm_key_info(key, &ki);
    cm_key_release(key);
    return NT_SUCCESS(status) ? cm_persist_save() : status;
}

NTSTATUS cm_zw_query_key(HANDLE KeyHandle, KEY_INFORMATION_CLASS KeyInformationClass,
                         PVOID KeyInformation, ULONG Length, PULONG ResultLength)
{
    struct cm_key *key;
    NTSTATUS status;

    cm_irql_check("ZwQueryKey");
    if (!ResultLength || (!KeyInformation && Length))
        return STATUS_INVALID_PARAMETER;
    status = cm_handle_key(KeyHandle, &key);
    if (!NT_SUCCESS(status))
        return status;
    status =
        cm_key_info_format(key, KeyInformationClass, FALSE, KeyInformation, Length, ResultLength);
    cm_key_release(key);
    return status;
}

NTSTATUS cm_zw_enumerate_key(HANDLE KeyHandle, ULONG Index,
                             KEY_INFORMATION_CLASS KeyInformationClass, PVOID KeyInformation,
                             ULONG Length, PULONG ResultLength)
{
    struct cm_key *key, *sub = NULL;
    NTSTATUS status;

    cm_irql_check("ZwEnumerateKey");
    if (!ResultLength || (!KeyInformation && Length))
        return STATUS_INVALID_PARAMETER;
    status = cm_handle_key(KeyHandle, &key);
    if (!NT_SUCCESS(status))
        return status;
    if (KeyInformationClass != KeyBasicInformation && KeyInformationClass != KeyNodeInformation &&
        KeyInformationClass != KeyFullInformation)
        status = STATUS_INVALID_PARAMETER;
    else
        status = cm_key_subkey_at(key, Index, &sub);
    if (NT_SUCCESS(status))
        status = cm_key_info_format(sub, KeyInformationClass, TRUE, KeyInformation, Length,
                                    ResultLength);
    cm_key_release(sub);
    cm_key_release(key);
    return status;
}

NTSTATUS cm_zw_set_value_key(HANDLE KeyHandle, PUNICODE_STRING ValueName, ULONG TitleIndex,
                             ULONG Type, PVOID Data, ULONG DataSize)
{
    struct cm_key *key;
    const WCHAR *name;
    size_t chars;
    NTSTATUS status;

    (void)TitleIndex; /* "Device and intermediate drivers should set this parameter to zero" */
    cm_irql_check("ZwSetValueKey");
    status = cm_ustr(ValueName, &name, &chars);
    if (!NT_SUCCESS(status))
        return status;
    status = cm_handle_key(KeyHandle, &key);
    if (!NT_SUCCESS(status))
        return status;
    status = cm_value_set(key, name, chars, Type, Data, DataSize);
    cm_key_release(key);
    return status;
}

NTSTATUS cm_zw_query_value_key(HANDLE KeyHandle, PUNICODE_STRING ValueName,
                               KEY_VALUE_INFORMATION_CLASS KeyValueInformationClass,
                               PVOID KeyValueInformation, ULONG Length, PULONG ResultLength)
{
    struct cm_key *key;
    const WCHAR *name;
    size_t chars;
    void *data = NULL;
    ULONG type, size;
    NTSTATUS status;

    cm_irql_check("ZwQueryValueKey");
    if (!ResultLength || (!KeyValueInformation && Length))
        return STATUS_INVALID_PARAMETER;
    status = cm_ustr(ValueName, &name, &chars);
    if (!NT_SUCCESS(status))
        return status;
    status = cm_handle_key(KeyHandle, &key);
    if (!NT_SUCCESS(status))
        return status;
    status = cm_value_read(key, name, chars, &type, &data, &size);
    if (NT_SUCCESS(status))
        status = cm_value_info_format(name, chars, type, data, size, KeyValueInformationClass,
                                      KeyValueInformation, Length, ResultLength);
    free(data);
    cm_key_release(key);
    return status;
}

NTSTATUS cm_zw_enumerate_value_key(HANDLE KeyHandle, ULONG Index,
                                   KEY_VALUE_INFORMATION_CLASS KeyValueInformationClass,
                                   PVOID KeyValueInformation, ULONG Length, PULONG ResultLength)
{
    struct cm_key *key;
    WCHAR *name = NULL;
    size_t chars;
    void *data = NULL;
    ULONG type, size;
    NTSTATUS status;

    cm_irql_check("ZwEnumerateValueKey");
    if (!ResultLength || (!KeyValueInformation && Length))
        return STATUS_INVALID_PARAMETER;
    status = cm_handle_key(KeyHandle, &key);
    if (!NT_SUCCESS(status))
        return status;
    status = cm_value_read_at(key, Index, &name, &chars, &type, &data, &size);
    if (NT_SUCCESS(status))
        status = cm_value_info_format(name, chars, type, data, size, KeyValueInformationClass,
                                      KeyValueInformation, Length, ResultLength);
    free(name);
    free(data);
    cm_key_release(key);
    return status;
}

NTSTATUS cm_zw_delete_value_key(HANDLE KeyHandle, PUNICODE_STRING ValueName)
{
    struct cm_key *key;
    const WCHAR *name;
    size_t chars;
    NTSTATUS status;

    cm_irql_check("ZwDeleteValueKey");
    status = cm_ustr(ValueName, &name, &chars);
    if (!NT_SUCCESS(status))
        return status;
    status = cm_handle_key(KeyHandle, &key);
    if (!NT_SUCCESS(status))
        return status;
    status = cm_value_delete(key, name, chars);
    cm_key_release(key);
    return status;
}
