/*
 * reg.c - the registry as the PnP manager uses it: keys by UTF-8 NT path, values set and read
 * as UTF-8 strings, string lists and DWORDs. Through the Zw registry DDIs with kernel handles
 * (the manager is a kernel component; cm's store and its lock stay cm's own).
 *
 * Runs at PASSIVE_LEVEL (the PnP thread or the host's thread).
 */
#include "pnp/pnp_private.h"

#include "rtl/rtl.h"

#include <stdlib.h>
#include <string.h>

/* A UTF-8 string as a counted UTF-16 string (Buffer malloc'ed; free with free()). */
static NTSTATUS to_unicode(const char *utf8, UNICODE_STRING *out)
{
    size_t len = strlen(utf8), n = 0;
    WCHAR *w = malloc((len + 1) * sizeof(WCHAR));
    if (w == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    if (!rtl_utf8_to_utf16(utf8, len, w, &n) || n * sizeof(WCHAR) > 0xFFFC) {
        free(w);
        return STATUS_INVALID_PARAMETER;
    }
    out->Buffer = w;
    out->Length = (USHORT)(n * sizeof(WCHAR));
    out->MaximumLength = (USHORT)(out->Length + sizeof(WCHAR));
    return STATUS_SUCCESS;
}

/* ZwCreateKey creates one level, as on Windows: the missing parents are created first. */
static NTSTATUS create_parents(const char *path)
{
    char *copy = strdup(path), *slash;
    HANDLE key;
    NTSTATUS status = STATUS_INSUFFICIENT_RESOURCES;
    if (copy != NULL && (slash = strrchr(copy, '\\')) != NULL && slash != copy) {
        *slash = 0;
        status = pnp_key_open(copy, true, &key);
        if (NT_SUCCESS(status))
            pnp_key_close(key);
    }
    free(copy);
    return status;
}

NTSTATUS pnp_key_open(const char *path, bool create, HANDLE *key)
{
    UNICODE_STRING name;
    OBJECT_ATTRIBUTES oa;
    NTSTATUS status = to_unicode(path, &name);
    if (!NT_SUCCESS(status))
        return status;
    InitializeObjectAttributes(&oa, &name, OBJ_CASE_INSENSITIVE | OBJ_KERNEL_HANDLE, NULL, NULL);
    if (create)
        status = ZwCreateKey(key, KEY_ALL_ACCESS, &oa, 0, NULL, REG_OPTION_NON_VOLATILE, NULL);
    else
        status = ZwOpenKey(key, KEY_ALL_ACCESS, &oa);
    if (create && status == STATUS_OBJECT_NAME_NOT_FOUND && NT_SUCCESS(create_parents(path)))
        status = ZwCreateKey(key, KEY_ALL_ACCESS, &oa, 0, NULL, REG_OPTION_NON_VOLATILE, NULL);
    free(name.Buffer);
    return status;
}

NTSTATUS pnp_key_open_sub(HANDLE parent, const char *subkey, bool create, HANDLE *key)
{
    UNICODE_STRING name;
    OBJECT_ATTRIBUTES oa;
    NTSTATUS status = to_unicode(subkey, &name);
    if (!NT_SUCCESS(status))
        return status;
    InitializeObjectAttributes(&oa, &name, OBJ_CASE_INSENSITIVE | OBJ_KERNEL_HANDLE, parent, NULL);
    if (create)
        status = ZwCreateKey(key, KEY_ALL_ACCESS, &oa, 0, NULL, REG_OPTION_NON_VOLATILE, NULL);
    else
        status = ZwOpenKey(key, KEY_ALL_ACCESS, &oa);
    free(name.Buffer);
    return status;
}

void pnp_key_close(HANDLE key)
{
    if (key != NULL)
        ZwClose(key);
}

NTSTATUS pnp_key_set(HANDLE key, const char *name, ULONG type, const void *data, size_t size)
{
    UNICODE_STRING n = {0};
    NTSTATUS status = name != NULL ? to_unicode(name, &n) : STATUS_SUCCESS;
    if (!NT_SUCCESS(status))
        return status;
    status = ZwSetValueKey(key, &n, 0, type, (PVOID)data, (ULONG)size);
    free(n.Buffer);
    return status;
}

/* UTF-8 strings, each NUL-terminated, then an extra NUL when multi: as UTF-16. */
static NTSTATUS set_strings(HANDLE key, const char *name, ULONG type, const char *const *list,
                            size_t count)
{
    size_t total = 1, at = 0;
    for (size_t i = 0; i < count; i++)
        total += strlen(list[i]) + 1;
    WCHAR *w = malloc(total * sizeof(WCHAR));
    if (w == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    for (size_t i = 0; i < count; i++) {
        size_t n = 0;
        if (!rtl_utf8_to_utf16(list[i], strlen(list[i]), w + at, &n)) {
            free(w);
            return STATUS_INVALID_PARAMETER;
        }
        at += n + 1; /* the terminator written by the conversion */
    }
    if (type == REG_MULTI_SZ)
        w[at++] = 0;
    NTSTATUS status = pnp_key_set(key, name, type, w, at * sizeof(WCHAR));
    free(w);
    return status;
}

NTSTATUS pnp_key_set_sz(HANDLE key, const char *name, const char *value)
{
    return set_strings(key, name, REG_SZ, &value, 1);
}

NTSTATUS pnp_key_set_multi(HANDLE key, const char *name, const char *const *list, size_t count)
{
    return set_strings(key, name, REG_MULTI_SZ, list, count);
}

NTSTATUS pnp_key_set_dword(HANDLE key, const char *name, ULONG value)
{
    return pnp_key_set(key, name, REG_DWORD, &value, sizeof value);
}

NTSTATUS pnp_key_delete_value(HANDLE key, const char *name)
{
    UNICODE_STRING n = {0};
    NTSTATUS status = name != NULL ? to_unicode(name, &n) : STATUS_SUCCESS;
    if (!NT_SUCCESS(status))
        return status;
    status = ZwDeleteValueKey(key, &n);
    free(n.Buffer);
    return status;
}

/* The raw value (malloc'ed KEY_VALUE_PARTIAL_INFORMATION). */
static NTSTATUS query(HANDLE key, const char *name, PKEY_VALUE_PARTIAL_INFORMATION *out)
{
    UNICODE_STRING n;
    ULONG size = 256, needed = 0;
    NTSTATUS status = to_unicode(name, &n);
    if (!NT_SUCCESS(status))
        return status;
    for (int tries = 0; tries < 4; tries++) {
        PKEY_VALUE_PARTIAL_INFORMATION info = malloc(size);
        if (info == NULL) {
            status = STATUS_INSUFFICIENT_RESOURCES;
            break;
        }
        status = ZwQueryValueKey(key, &n, KeyValuePartialInformation, info, size, &needed);
        if (NT_SUCCESS(status)) {
            *out = info;
            break;
        }
        free(info);
        if (status != STATUS_BUFFER_OVERFLOW && status != STATUS_BUFFER_TOO_SMALL)
            break;
        size = needed + 16;
    }
    free(n.Buffer);
    return status;
}

/* UTF-16 units (no trailing NULs counted) as UTF-8, malloc'ed. */
static char *utf8_of(const WCHAR *w, size_t n)
{
    char *s = malloc(3 * n + 1);
    size_t len = 0;
    if (s != NULL && !rtl_utf16_to_utf8(w, n, s, &len)) {
        free(s);
        return NULL;
    }
    return s;
}

NTSTATUS pnp_key_get_sz(HANDLE key, const char *name, char **value)
{
    PKEY_VALUE_PARTIAL_INFORMATION info;
    NTSTATUS status = query(key, name, &info);
    if (!NT_SUCCESS(status))
        return status;
    const WCHAR *w = (const WCHAR *)info->Data;
    size_t n = info->DataLength / sizeof(WCHAR);
    while (n > 0 && w[n - 1] == 0)
        n--;
    if (info->Type != REG_SZ && info->Type != REG_EXPAND_SZ)
        status = STATUS_OBJECT_TYPE_MISMATCH;
    else if ((*value = utf8_of(w, n)) == NULL)
        status = STATUS_INVALID_PARAMETER;
    free(info);
    return status;
}

/* The strings of a REG_MULTI_SZ (or a REG_SZ as a list of one): NULL-terminated array. */
static char **split_multi(const WCHAR *w, size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        if (w[i] == 0 && (i == 0 || w[i - 1] != 0))
            count++;
    char **list = calloc(count + 2, sizeof *list);
    size_t k = 0;
    for (size_t i = 0; list != NULL && i < n;) {
        size_t len = 0;
        while (i + len < n && w[i + len] != 0)
            len++;
        if (len > 0 && (list[k++] = utf8_of(w + i, len)) == NULL) {
            pnp_ids_free(list);
            return NULL;
        }
        i += len + 1;
    }
    return list;
}

NTSTATUS pnp_key_get_multi(HANDLE key, const char *name, char ***list)
{
    PKEY_VALUE_PARTIAL_INFORMATION info;
    NTSTATUS status = query(key, name, &info);
    if (!NT_SUCCESS(status))
        return status;
    if (info->Type != REG_MULTI_SZ && info->Type != REG_SZ)
        status = STATUS_OBJECT_TYPE_MISMATCH;
    else if ((*list = split_multi((const WCHAR *)info->Data, info->DataLength / sizeof(WCHAR))) ==
             NULL)
        status = STATUS_INSUFFICIENT_RESOURCES;
    free(info);
    return status;
}

bool pnp_key_exists(const char *path)
{
    HANDLE key;
    if (!NT_SUCCESS(pnp_key_open(path, false, &key)))
        return false;
    pnp_key_close(key);
    return true;
}
