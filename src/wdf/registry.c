/*
 * registry.c - framework registry keys (WDFKEY) over the Zw registry DDIs:
 * WdfRegistryOpenKey/CreateKey/Close/RemoveKey, the Query* and Assign* value routines, and
 * WdfDriverOpenParametersRegistryKey (the service key's Parameters subkey, created when
 * missing).
 *
 * Access: not checked, as on Windows for kernel-mode callers (wdf_key_allows); a routine the
 * key's access would not allow a user-mode caller (a value query without KEY_QUERY_VALUE, an
 * assignment or value removal without KEY_SET_VALUE, RemoveKey without DELETE; generic rights
 * mapped as for keys) is reported as a warning and goes on.
 *
 * Lifetime: the key handle is a kernel handle the object owns; it is closed when the object is
 * deleted, after the driver's cleanup callbacks (Microsoft: WdfRegistryWdmGetHandle's handle
 * is valid until EvtCleanupCallback returns). Every routine runs at PASSIVE_LEVEL only
 * (STATUS_INVALID_DEVICE_REQUEST otherwise, as documented).
 */
#include <stdlib.h>
#include <string.h>

#include "ke/ke.h"
#include "rtl/rtl.h"
#include "wdf/wdf_private.h"

ULONG imp_WdfCollectionGetCount(PWDF_DRIVER_GLOBALS globals, WDFCOLLECTION Collection);

#define WDF_KEY_GET(g, h) CONTAINING_RECORD(wdf_object_get(g, h, WDF_TYPE_KEY), struct wdf_key, obj)

static void wdf_key_cleanup(struct wdf_object *o)
{
    struct wdf_key *k = CONTAINING_RECORD(o, struct wdf_key, obj);
    if (k->handle != NULL)
        ZwClose(k->handle);
    k->handle = NULL;
}

/* The specific rights `access` grants (the generic mapping of registry keys). */
static ACCESS_MASK wdf_key_rights(ACCESS_MASK access)
{
    if (access & (GENERIC_ALL | MAXIMUM_ALLOWED))
        access |= KEY_ALL_ACCESS;
    if (access & (GENERIC_READ | GENERIC_EXECUTE))
        access |= KEY_READ;
    if (access & GENERIC_WRITE)
        access |= KEY_WRITE;
    return access;
}

/* Windows does not check the key's access here: the framework reaches the registry through the
 * Zw routines, whose PreviousMode is KernelMode, and a kernel-mode caller's requested access is
 * always allowed (Microsoft: ObReferenceObjectByHandle); the reference pages'
 * STATUS_ACCESS_DENIED is UMDF's, where a user-mode handle is checked. Microsoft's own fakemodem
 * sample queries a key it opened with STANDARD_RIGHTS_ALL. So the call goes on; the missing
 * right is reported as a warning, since the same driver would fail under UMDF. */
static NTSTATUS wdf_key_allows(struct wdf_globals *g, struct wdf_key *k, ACCESS_MASK needed,
                               const char *ddi)
{
    if ((k->access & needed) != needed)
        rtl_diag(RTL_DIAG_WARN, "wdf",
                 "driver '%s': %s on a key opened without %s access (allowed: kernel-mode "
                 "access is not checked; under UMDF this is STATUS_ACCESS_DENIED)",
                 g->pub.DriverName, ddi,
                 needed == KEY_QUERY_VALUE ? "KEY_QUERY_VALUE"
                 : needed == KEY_SET_VALUE ? "KEY_SET_VALUE"
                                           : "DELETE");
    return STATUS_SUCCESS;
}

/* A key object owning `handle` (closed on failure). */
NTSTATUS wdf_key_wrap(struct wdf_globals *g, HANDLE handle, ACCESS_MASK access,
                      PWDF_OBJECT_ATTRIBUTES attributes, const char *ddi, const void *caller,
                      WDFKEY *out)
{
    struct wdf_object *parent =
        wdf_parent_of(g, attributes, g->driver != NULL ? &g->driver->obj : NULL, ddi, caller);
    struct wdf_object *o;
    NTSTATUS status =
        wdf_object_create(g, WDF_TYPE_KEY, sizeof(struct wdf_key), attributes, parent, &o);
    if (!NT_SUCCESS(status)) {
        ZwClose(handle);
        return status;
    }
    CONTAINING_RECORD(o, struct wdf_key, obj)->handle = handle;
    CONTAINING_RECORD(o, struct wdf_key, obj)->access = wdf_key_rights(access);
    o->type_cleanup = wdf_key_cleanup;
    *out = (WDFKEY)o;
    return STATUS_SUCCESS;
}

/* The checks of every routine opening a named key: Key and KeyName are required (NULL is a
 * WDF_VIOLATION), *Key is cleared, PASSIVE_LEVEL only (STATUS_INVALID_DEVICE_REQUEST). */
static NTSTATUS wdf_key_open_checks(struct wdf_globals *g, PCUNICODE_STRING KeyName, WDFKEY *Key,
                                    const char *ddi, const void *caller)
{
    if (Key == NULL)
        wdf_violation_null(g, ddi, "Key", caller);
    if (KeyName == NULL)
        wdf_violation_null(g, ddi, "KeyName", caller);
    *Key = NULL;
    return KeGetCurrentIrql() == PASSIVE_LEVEL ? STATUS_SUCCESS : STATUS_INVALID_DEVICE_REQUEST;
}

static NTSTATUS wdf_key_open(struct wdf_globals *g, WDFKEY ParentKey, PCUNICODE_STRING KeyName,
                             ACCESS_MASK access, BOOLEAN create, ULONG options, PULONG disposition,
                             PWDF_OBJECT_ATTRIBUTES attributes, WDFKEY *Key, const char *ddi,
                             const void *caller)
{
    HANDLE root = NULL, handle = NULL;
    OBJECT_ATTRIBUTES oa;
    NTSTATUS status = wdf_key_open_checks(g, KeyName, Key, ddi, caller);
    if (!NT_SUCCESS(status))
        return status;
    if (ParentKey != NULL)
        root =
            CONTAINING_RECORD(wdf_object_get_in(g, (WDFOBJECT)ParentKey, WDF_TYPE_KEY, ddi, caller),
                              struct wdf_key, obj)
                ->handle;
    InitializeObjectAttributes(&oa, (PUNICODE_STRING)KeyName,
                               OBJ_CASE_INSENSITIVE | OBJ_KERNEL_HANDLE, root, NULL);
    status = create ? ZwCreateKey(&handle, access, &oa, 0, NULL, options, disposition)
                    : ZwOpenKey(&handle, access, &oa);
    if (!NT_SUCCESS(status))
        return status;
    return wdf_key_wrap(g, handle, access, attributes, ddi, caller, Key);
}

NTSTATUS imp_WdfRegistryOpenKey(PWDF_DRIVER_GLOBALS globals, WDFKEY ParentKey,
                                PCUNICODE_STRING KeyName, ACCESS_MASK DesiredAccess,
                                PWDF_OBJECT_ATTRIBUTES KeyAttributes, WDFKEY *Key)
{
    return wdf_key_open(wdf_globals_of(globals), ParentKey, KeyName, DesiredAccess, FALSE, 0, NULL,
                        KeyAttributes, Key, "WdfRegistryOpenKey", __builtin_return_address(0));
}

NTSTATUS imp_WdfRegistryCreateKey(PWDF_DRIVER_GLOBALS globals, WDFKEY ParentKey,
                                  PCUNICODE_STRING KeyName, ACCESS_MASK DesiredAccess,
                                  ULONG CreateOptions, PULONG CreateDisposition,
                                  PWDF_OBJECT_ATTRIBUTES KeyAttributes, WDFKEY *Key)
{
    return wdf_key_open(wdf_globals_of(globals), ParentKey, KeyName, DesiredAccess, TRUE,
                        CreateOptions, CreateDisposition, KeyAttributes, Key,
                        "WdfRegistryCreateKey", __builtin_return_address(0));
}

/* The subkey `suffix` (L"\\Name") of the driver's service key, created (non-volatile) when it
 * does not exist, as a key object: WdfDriverOpenParametersRegistryKey and
 * WdfDriverOpenPersistentStateRegistryKey. */
static NTSTATUS wdf_driver_subkey(PWDF_DRIVER_GLOBALS globals, WDFDRIVER Driver,
                                  ACCESS_MASK DesiredAccess, PWDF_OBJECT_ATTRIBUTES KeyAttributes,
                                  WDFKEY *Key, const WCHAR *suffix, size_t suffix_size,
                                  const char *ddi, const void *caller)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_driver *d =
        CONTAINING_RECORD(wdf_object_get_in(g, (WDFOBJECT)Driver, WDF_TYPE_DRIVER, ddi, caller),
                          struct wdf_driver, obj);
    UNICODE_STRING name;
    OBJECT_ATTRIBUTES oa;
    HANDLE handle;
    NTSTATUS status;
    if (Key == NULL)
        wdf_violation_null(g, ddi, "Key", caller);
    *Key = NULL;
    if (KeGetCurrentIrql() != PASSIVE_LEVEL)
        return STATUS_INVALID_DEVICE_REQUEST;
    name.MaximumLength = (USHORT)(d->registry_path.Length + suffix_size);
    name.Length = (USHORT)(name.MaximumLength - sizeof(WCHAR));
    name.Buffer = calloc(1, name.MaximumLength);
    if (name.Buffer == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    memcpy(name.Buffer, d->registry_path.Buffer, d->registry_path.Length);
    memcpy((char *)name.Buffer + d->registry_path.Length, suffix, suffix_size);
    InitializeObjectAttributes(&oa, &name, OBJ_CASE_INSENSITIVE | OBJ_KERNEL_HANDLE, NULL, NULL);
    status = ZwCreateKey(&handle, DesiredAccess, &oa, 0, NULL, REG_OPTION_NON_VOLATILE, NULL);
    free(name.Buffer);
    if (!NT_SUCCESS(status))
        return status;
    return wdf_key_wrap(g, handle, DesiredAccess, KeyAttributes, ddi, caller, Key);
}

/* Microsoft: the service key's Parameters subkey, created when it does not exist. */
NTSTATUS imp_WdfDriverOpenParametersRegistryKey(PWDF_DRIVER_GLOBALS globals, WDFDRIVER Driver,
                                                ACCESS_MASK DesiredAccess,
                                                PWDF_OBJECT_ATTRIBUTES KeyAttributes, WDFKEY *Key)
{
    return wdf_driver_subkey(globals, Driver, DesiredAccess, KeyAttributes, Key, L"\\Parameters",
                             sizeof(L"\\Parameters"), "WdfDriverOpenParametersRegistryKey",
                             __builtin_return_address(0));
}

/* wdevb. Microsoft (KMDF 1.25): the key for driver-wide state written at run time, kept across
 * reboots (IoOpenDriverRegistryKey's DriverRegKeyPersistentState), the same returns as
 * WdfDriverOpenParametersRegistryKey. Where the key lives is not documented (drivers must not
 * depend on it); drvhost's choice: the service key's "State" subkey, created (non-volatile)
 * when missing, so the state persists with drvhost's registry store. */
NTSTATUS imp_WdfDriverOpenPersistentStateRegistryKey(PWDF_DRIVER_GLOBALS globals, WDFDRIVER Driver,
                                                     ACCESS_MASK DesiredAccess,
                                                     PWDF_OBJECT_ATTRIBUTES KeyAttributes,
                                                     WDFKEY *Key)
{
    return wdf_driver_subkey(globals, Driver, DesiredAccess, KeyAttributes, Key, L"\\State",
                             sizeof(L"\\State"), "WdfDriverOpenPersistentStateRegistryKey",
                             __builtin_return_address(0));
}

/* wdevb. Microsoft (WdfDeviceOpenDevicemapKey, KMDF 1.15): the subkey KeyName of
 * HKLM\HARDWARE\DEVICEMAP, as a volatile key (created volatile when it does not exist: its
 * contents go when the hive is unloaded, i.e. drvhost never persists them). DEVICEMAP itself is
 * created when drvhost's registry has none yet (Windows always has it). The key object's
 * default parent is the driver, as for WdfDeviceOpenRegistryKey here. */
NTSTATUS imp_WdfDeviceOpenDevicemapKey(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device,
                                       PCUNICODE_STRING KeyName, ACCESS_MASK DesiredAccess,
                                       PWDF_OBJECT_ATTRIBUTES KeyAttributes, WDFKEY *Key)
{
    static const char ddi[] = "WdfDeviceOpenDevicemapKey";
    struct wdf_globals *g = wdf_globals_of(globals);
    const void *caller = __builtin_return_address(0);
    UNICODE_STRING map = RTL_CONSTANT_STRING(L"\\Registry\\Machine\\HARDWARE\\DEVICEMAP");
    OBJECT_ATTRIBUTES oa;
    HANDLE root, handle;
    NTSTATUS status;
    wdf_object_get_in(g, Device, WDF_TYPE_DEVICE, ddi, caller);
    status = wdf_key_open_checks(g, KeyName, Key, ddi, caller);
    if (!NT_SUCCESS(status))
        return status;
    InitializeObjectAttributes(&oa, &map, OBJ_CASE_INSENSITIVE | OBJ_KERNEL_HANDLE, NULL, NULL);
    status = ZwCreateKey(&root, KEY_CREATE_SUB_KEY, &oa, 0, NULL, REG_OPTION_NON_VOLATILE, NULL);
    if (!NT_SUCCESS(status))
        return status;
    InitializeObjectAttributes(&oa, (PUNICODE_STRING)KeyName,
                               OBJ_CASE_INSENSITIVE | OBJ_KERNEL_HANDLE, root, NULL);
    status = ZwCreateKey(&handle, DesiredAccess, &oa, 0, NULL, REG_OPTION_VOLATILE, NULL);
    ZwClose(root);
    if (!NT_SUCCESS(status))
        return status;
    return wdf_key_wrap(g, handle, DesiredAccess, KeyAttributes, ddi, caller, Key);
}

VOID imp_WdfRegistryClose(PWDF_DRIVER_GLOBALS globals, WDFKEY Key)
{
    wdf_object_delete(&WDF_KEY_GET(wdf_globals_of(globals), Key)->obj);
}

HANDLE imp_WdfRegistryWdmGetHandle(PWDF_DRIVER_GLOBALS globals, WDFKEY Key)
{
    return WDF_KEY_GET(wdf_globals_of(globals), Key)->handle;
}

/* Microsoft: the key is deleted and the object with it (the handle is invalid afterwards). */
NTSTATUS imp_WdfRegistryRemoveKey(PWDF_DRIVER_GLOBALS globals, WDFKEY Key)
{
    struct wdf_key *k = WDF_KEY_GET(wdf_globals_of(globals), Key);
    NTSTATUS status;
    if (KeGetCurrentIrql() != PASSIVE_LEVEL)
        return STATUS_INVALID_DEVICE_REQUEST;
    status = wdf_key_allows(wdf_globals_of(globals), k, DELETE, "WdfRegistryRemoveKey");
    if (!NT_SUCCESS(status))
        return status;
    status = ZwDeleteKey(k->handle);
    if (NT_SUCCESS(status))
        wdf_object_delete(&k->obj);
    return status;
}

/* ---- values ------------------------------------------------------------------------------- */

/* A value's type and data (malloc'd, `*data` NULL when empty), or the Zw status. */
static NTSTATUS wdf_value_read(struct wdf_globals *g, struct wdf_key *k, PCUNICODE_STRING name,
                               ULONG *type, UCHAR **data, ULONG *length)
{
    PKEY_VALUE_PARTIAL_INFORMATION info = NULL;
    ULONG size = 0;
    NTSTATUS status = wdf_key_allows(g, k, KEY_QUERY_VALUE, "a value query");
    if (!NT_SUCCESS(status))
        return status;
    for (;;) {
        status = ZwQueryValueKey(k->handle, (PUNICODE_STRING)name, KeyValuePartialInformation, info,
                                 size, &size);
        if (status != STATUS_BUFFER_TOO_SMALL && status != STATUS_BUFFER_OVERFLOW)
            break;
        free(info);
        info = malloc(size);
        if (info == NULL)
            return STATUS_INSUFFICIENT_RESOURCES;
    }
    if (NT_SUCCESS(status)) {
        *type = info->Type;
        *length = info->DataLength;
        *data = malloc(info->DataLength + sizeof(WCHAR));
        if (*data == NULL)
            status = STATUS_INSUFFICIENT_RESOURCES;
        else
            memcpy(*data, info->Data, info->DataLength);
    }
    free(info);
    return status;
}

/* The value `name` of `Key` through wdf_value_read, after the handle and IRQL checks. */
#define WDF_VALUE_READ(g, Key, name, type, data, length)                                           \
    (KeGetCurrentIrql() != PASSIVE_LEVEL                                                           \
         ? STATUS_INVALID_DEVICE_REQUEST                                                           \
         : wdf_value_read(g, WDF_KEY_GET(g, Key), name, type, data, length))

NTSTATUS imp_WdfRegistryQueryValue(PWDF_DRIVER_GLOBALS globals, WDFKEY Key,
                                   PCUNICODE_STRING ValueName, ULONG ValueLength, PVOID Value,
                                   PULONG ValueLengthQueried, PULONG ValueType)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    UCHAR *data = NULL;
    ULONG type = 0, length = 0;
    NTSTATUS status;
    WDF_CHECK_NOT_NULL(g, ValueName);
    status = WDF_VALUE_READ(g, Key, ValueName, &type, &data, &length);
    if (!NT_SUCCESS(status))
        return status;
    if (ValueLengthQueried != NULL)
        *ValueLengthQueried = length;
    if (ValueType != NULL)
        *ValueType = type;
    /* Microsoft: a buffer too small gets what fits (none without a buffer) and
     * STATUS_BUFFER_OVERFLOW; the length queried is the whole value's. */
    if (Value != NULL)
        memcpy(Value, data, length < ValueLength ? length : ValueLength);
    free(data);
    return Value == NULL || length > ValueLength ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS;
}

NTSTATUS imp_WdfRegistryQueryULong(PWDF_DRIVER_GLOBALS globals, WDFKEY Key,
                                   PCUNICODE_STRING ValueName, PULONG Value)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    UCHAR *data = NULL;
    ULONG type = 0, length = 0;
    NTSTATUS status;
    WDF_CHECK_NOT_NULL(g, ValueName);
    WDF_CHECK_NOT_NULL(g, Value);
    status = WDF_VALUE_READ(g, Key, ValueName, &type, &data, &length);
    if (!NT_SUCCESS(status))
        return status;
    if (type != REG_DWORD || length != sizeof(ULONG))
        status = STATUS_OBJECT_TYPE_MISMATCH;
    else
        memcpy(Value, data, sizeof(ULONG));
    free(data);
    return status;
}

/* A REG_SZ value's characters without the terminator: bytes. */
static ULONG wdf_sz_bytes(const UCHAR *data, ULONG length)
{
    length &= ~1u;
    while (length >= sizeof(WCHAR) && data[length - 2] == 0 && data[length - 1] == 0)
        length -= sizeof(WCHAR);
    return length;
}

NTSTATUS imp_WdfRegistryQueryUnicodeString(PWDF_DRIVER_GLOBALS globals, WDFKEY Key,
                                           PCUNICODE_STRING ValueName, PUSHORT ValueByteLength,
                                           PUNICODE_STRING Value)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    UCHAR *data = NULL;
    ULONG type = 0, length = 0, bytes;
    NTSTATUS status;
    WDF_CHECK_NOT_NULL(g, ValueName);
    if (Value == NULL && ValueByteLength == NULL)
        return STATUS_INVALID_PARAMETER;
    status = WDF_VALUE_READ(g, Key, ValueName, &type, &data, &length);
    if (!NT_SUCCESS(status))
        return status;
    bytes = wdf_sz_bytes(data, length);
    if (type != REG_SZ || bytes > MAXUSHORT - sizeof(WCHAR)) {
        free(data);
        return STATUS_OBJECT_TYPE_MISMATCH;
    }
    /* Microsoft: the length includes the terminating NUL. */
    if (ValueByteLength != NULL)
        *ValueByteLength = (USHORT)(bytes + sizeof(WCHAR));
    if (Value != NULL) {
        USHORT fits = (USHORT)(bytes < Value->MaximumLength ? bytes : Value->MaximumLength & ~1u);
        if (fits != 0)
            memcpy(Value->Buffer, data, fits);
        Value->Length = fits;
        status = fits < bytes ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS;
    }
    free(data);
    return status;
}

NTSTATUS imp_WdfRegistryQueryString(PWDF_DRIVER_GLOBALS globals, WDFKEY Key,
                                    PCUNICODE_STRING ValueName, WDFSTRING String)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_string *s =
        CONTAINING_RECORD(wdf_object_get(g, String, WDF_TYPE_STRING), struct wdf_string, obj);
    UCHAR *data = NULL;
    ULONG type = 0, length = 0;
    NTSTATUS status;
    WDF_CHECK_NOT_NULL(g, ValueName);
    status = WDF_VALUE_READ(g, Key, ValueName, &type, &data, &length);
    if (!NT_SUCCESS(status))
        return status;
    if (type != REG_SZ)
        status = STATUS_OBJECT_TYPE_MISMATCH;
    else if (length == 0)
        status = STATUS_RESOURCE_DATA_NOT_FOUND;
    else
        status = wdf_string_assign(s, (const WCHAR *)data, wdf_sz_bytes(data, length));
    free(data);
    return status;
}

/* Appends one string object per string of a REG_MULTI_SZ value to `c`; on failure the strings
 * already appended are taken out and deleted again. */
static NTSTATUS wdf_multi_sz_split(struct wdf_globals *g, const WCHAR *chars, ULONG count,
                                   PWDF_OBJECT_ATTRIBUTES attributes, struct wdf_collection *c)
{
    ULONG start = 0, before = imp_WdfCollectionGetCount(&g->pub, (WDFCOLLECTION)&c->obj);
    NTSTATUS status = STATUS_SUCCESS;
    for (ULONG i = 0; NT_SUCCESS(status) && i <= count; i++) {
        UNICODE_STRING piece;
        struct wdf_string *s;
        if (i < count && chars[i] != 0)
            continue;
        if (i == start)
            break; /* an empty string ends the list */
        piece.Buffer = (PWCH)chars + start;
        piece.Length = piece.MaximumLength = (USHORT)((i - start) * sizeof(WCHAR));
        status = wdf_string_create(g, &piece, attributes, &s);
        /* The string keeps its creation reference (its parent deletes it) and the
         * collection takes one more. */
        if (NT_SUCCESS(status)) {
            status = wdf_collection_add(c, &s->obj);
            if (!NT_SUCCESS(status))
                wdf_object_delete(&s->obj);
        }
        start = i + 1;
    }
    while (!NT_SUCCESS(status)) {
        struct wdf_object *o = NULL;
        os_mutex_lock(&c->lock);
        if (c->count > before)
            o = c->items[--c->count];
        os_mutex_unlock(&c->lock);
        if (o == NULL)
            break;
        wdf_object_delete(o);
        wdf_object_release(o);
    }
    return status;
}

NTSTATUS imp_WdfRegistryQueryMultiString(PWDF_DRIVER_GLOBALS globals, WDFKEY Key,
                                         PCUNICODE_STRING ValueName,
                                         PWDF_OBJECT_ATTRIBUTES StringsAttributes,
                                         WDFCOLLECTION Collection)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_collection *c = CONTAINING_RECORD(wdf_object_get(g, Collection, WDF_TYPE_COLLECTION),
                                                 struct wdf_collection, obj);
    UCHAR *data = NULL;
    ULONG type = 0, length = 0;
    NTSTATUS status;
    WDF_CHECK_NOT_NULL(g, ValueName);
    status = WDF_VALUE_READ(g, Key, ValueName, &type, &data, &length);
    if (!NT_SUCCESS(status))
        return status;
    if (type != REG_MULTI_SZ)
        status = STATUS_OBJECT_TYPE_MISMATCH;
    else if (wdf_sz_bytes(data, length) == 0)
        status = STATUS_RESOURCE_DATA_NOT_FOUND;
    else
        status = wdf_multi_sz_split(g, (const WCHAR *)data, length / sizeof(WCHAR),
                                    StringsAttributes, c);
    free(data);
    return status;
}

NTSTATUS imp_WdfRegistryQueryMemory(PWDF_DRIVER_GLOBALS globals, WDFKEY Key,
                                    PCUNICODE_STRING ValueName, POOL_TYPE PoolType,
                                    PWDF_OBJECT_ATTRIBUTES MemoryAttributes, WDFMEMORY *Memory,
                                    PULONG ValueType)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    const void *caller = __builtin_return_address(0);
    struct wdf_object *parent =
        wdf_parent_of(g, MemoryAttributes, g->driver != NULL ? &g->driver->obj : NULL,
                      "WdfRegistryQueryMemory", caller);
    struct wdf_memory *m;
    UCHAR *data = NULL;
    ULONG type = 0, length = 0;
    NTSTATUS status;
    (void)PoolType;
    WDF_CHECK_NOT_NULL(g, ValueName);
    WDF_CHECK_NOT_NULL(g, Memory);
    *Memory = NULL;
    status = WDF_VALUE_READ(g, Key, ValueName, &type, &data, &length);
    if (!NT_SUCCESS(status))
        return status;
    if (length == 0)
        status = STATUS_RESOURCE_DATA_NOT_FOUND;
    else
        status = wdf_memory_create_pool(g, MemoryAttributes, parent, 0, length, caller, &m);
    if (NT_SUCCESS(status)) {
        memcpy(m->buffer, data, length);
        *Memory = (WDFMEMORY)&m->obj;
        if (ValueType != NULL)
            *ValueType = type;
    }
    free(data);
    return status;
}

static NTSTATUS wdf_value_write(struct wdf_globals *g, WDFKEY Key, PCUNICODE_STRING name,
                                ULONG type, const void *data, ULONG length, const char *ddi,
                                const void *caller)
{
    struct wdf_key *k = CONTAINING_RECORD(
        wdf_object_get_in(g, (WDFOBJECT)Key, WDF_TYPE_KEY, ddi, caller), struct wdf_key, obj);
    NTSTATUS status;
    if (name == NULL)
        wdf_violation_null(g, ddi, "ValueName", caller);
    if (KeGetCurrentIrql() != PASSIVE_LEVEL)
        return STATUS_INVALID_DEVICE_REQUEST;
    status = wdf_key_allows(g, k, KEY_SET_VALUE, ddi);
    if (!NT_SUCCESS(status))
        return status;
    return ZwSetValueKey(k->handle, (PUNICODE_STRING)name, 0, type, (PVOID)data, length);
}
#define WDF_VALUE_WRITE(g, Key, name, type, data, length)                                          \
    wdf_value_write(g, Key, name, type, data, length, __func__ + 4, __builtin_return_address(0))

NTSTATUS imp_WdfRegistryAssignValue(PWDF_DRIVER_GLOBALS globals, WDFKEY Key,
                                    PCUNICODE_STRING ValueName, ULONG ValueType, ULONG ValueLength,
                                    PVOID Value)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    if (Value == NULL && ValueLength != 0)
        return STATUS_INVALID_PARAMETER;
    return WDF_VALUE_WRITE(g, Key, ValueName, ValueType, Value, ValueLength);
}

NTSTATUS imp_WdfRegistryAssignULong(PWDF_DRIVER_GLOBALS globals, WDFKEY Key,
                                    PCUNICODE_STRING ValueName, ULONG Value)
{
    return WDF_VALUE_WRITE(wdf_globals_of(globals), Key, ValueName, REG_DWORD, &Value,
                           sizeof(Value));
}

/* REG_SZ from counted characters: a NUL is added (Microsoft: WdfRegistryAssignUnicodeString). */
static NTSTATUS wdf_assign_sz(struct wdf_globals *g, WDFKEY Key, PCUNICODE_STRING name,
                              const WCHAR *chars, USHORT bytes, const char *ddi, const void *caller)
{
    WCHAR *copy = calloc(1, (size_t)bytes + sizeof(WCHAR));
    NTSTATUS status;
    if (copy == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    if (bytes != 0)
        memcpy(copy, chars, bytes);
    status = wdf_value_write(g, Key, name, REG_SZ, copy, wdf_sz_bytes((UCHAR *)copy, bytes) + 2u,
                             ddi, caller);
    free(copy);
    return status;
}

NTSTATUS imp_WdfRegistryAssignUnicodeString(PWDF_DRIVER_GLOBALS globals, WDFKEY Key,
                                            PCUNICODE_STRING ValueName, PCUNICODE_STRING Value)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    WDF_CHECK_NOT_NULL(g, Value);
    if (Value->Length > Value->MaximumLength || (Value->Length & 1))
        return STATUS_INVALID_PARAMETER;
    return wdf_assign_sz(g, Key, ValueName, Value->Buffer, Value->Length,
                         "WdfRegistryAssignUnicodeString", __builtin_return_address(0));
}

NTSTATUS imp_WdfRegistryAssignString(PWDF_DRIVER_GLOBALS globals, WDFKEY Key,
                                     PCUNICODE_STRING ValueName, WDFSTRING String)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_string *s =
        CONTAINING_RECORD(wdf_object_get(g, String, WDF_TYPE_STRING), struct wdf_string, obj);
    return wdf_assign_sz(g, Key, ValueName, s->string.Buffer, s->string.Length,
                         "WdfRegistryAssignString", __builtin_return_address(0));
}

/* The strings of a collection as REG_MULTI_SZ data (each NUL-terminated, one more NUL at the
 * end); STATUS_INVALID_PARAMETER when it holds no strings or something else. */
static NTSTATUS wdf_multi_sz_join(struct wdf_object **items, ULONG count, WCHAR **out, ULONG *bytes)
{
    size_t total = sizeof(WCHAR);
    WCHAR *p;
    if (count == 0)
        return STATUS_INVALID_PARAMETER;
    for (ULONG i = 0; i < count; i++) {
        if (items[i]->type != WDF_TYPE_STRING)
            return STATUS_INVALID_PARAMETER;
        total += CONTAINING_RECORD(items[i], struct wdf_string, obj)->string.Length + sizeof(WCHAR);
    }
    if (total > MAXULONG)
        return STATUS_INVALID_PARAMETER;
    *out = p = calloc(1, total);
    if (p == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    for (ULONG i = 0; i < count; i++) {
        PUNICODE_STRING s = &CONTAINING_RECORD(items[i], struct wdf_string, obj)->string;
        memcpy(p, s->Buffer, s->Length);
        p += s->Length / sizeof(WCHAR) + 1;
    }
    *bytes = (ULONG)total;
    return STATUS_SUCCESS;
}

NTSTATUS imp_WdfRegistryAssignMultiString(PWDF_DRIVER_GLOBALS globals, WDFKEY Key,
                                          PCUNICODE_STRING ValueName,
                                          WDFCOLLECTION StringsCollection)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_collection *c = CONTAINING_RECORD(
        wdf_object_get(g, StringsCollection, WDF_TYPE_COLLECTION), struct wdf_collection, obj);
    struct wdf_object **items = NULL;
    WCHAR *data = NULL;
    ULONG count = 0, bytes = 0;
    NTSTATUS status = wdf_collection_snapshot(c, &items, &count);
    if (NT_SUCCESS(status))
        status = wdf_multi_sz_join(items, count, &data, &bytes);
    if (NT_SUCCESS(status))
        status = wdf_value_write(g, Key, ValueName, REG_MULTI_SZ, data, bytes,
                                 "WdfRegistryAssignMultiString", __builtin_return_address(0));
    for (ULONG i = 0; items != NULL && i < count; i++)
        wdf_object_release(items[i]);
    free(items);
    free(data);
    return status;
}

/* Microsoft: STATUS_INTEGER_OVERFLOW for offsets outside the memory object's buffer. */
NTSTATUS imp_WdfRegistryAssignMemory(PWDF_DRIVER_GLOBALS globals, WDFKEY Key,
                                     PCUNICODE_STRING ValueName, ULONG ValueType, WDFMEMORY Memory,
                                     PWDFMEMORY_OFFSET MemoryOffsets)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_memory *m =
        CONTAINING_RECORD(wdf_object_get(g, Memory, WDF_TYPE_MEMORY), struct wdf_memory, obj);
    size_t offset = 0, length = m->size;
    if (MemoryOffsets != NULL) {
        offset = MemoryOffsets->BufferOffset;
        length = MemoryOffsets->BufferLength != 0 ? MemoryOffsets->BufferLength
                                                  : m->size - (offset < m->size ? offset : 0);
        if (offset >= m->size || length > m->size - offset)
            return STATUS_INTEGER_OVERFLOW;
    }
    if (length > MAXULONG)
        return STATUS_INTEGER_OVERFLOW;
    return wdf_value_write(g, Key, ValueName, ValueType, (char *)m->buffer + offset, (ULONG)length,
                           "WdfRegistryAssignMemory", __builtin_return_address(0));
}

NTSTATUS imp_WdfRegistryRemoveValue(PWDF_DRIVER_GLOBALS globals, WDFKEY Key,
                                    PCUNICODE_STRING ValueName)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_key *k = WDF_KEY_GET(g, Key);
    WDF_CHECK_NOT_NULL(g, ValueName);
    NTSTATUS status;
    if (KeGetCurrentIrql() != PASSIVE_LEVEL)
        return STATUS_INVALID_DEVICE_REQUEST;
    status = wdf_key_allows(g, k, KEY_SET_VALUE, "WdfRegistryRemoveValue");
    if (!NT_SUCCESS(status))
        return status;
    return ZwDeleteValueKey(k->handle, (PUNICODE_STRING)ValueName);
}
