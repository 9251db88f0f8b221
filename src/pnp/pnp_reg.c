/*
 * pnp_reg.c - the registry as the PnP manager's interface, property and notification code
 * reads and writes it: keys by UTF-8 path through the Zw registry DDIs (so the data lands in the
 * one registry store every layer and driver sees), values as UTF-8 strings or raw data.
 *
 * Handles are kernel handles (OBJ_KERNEL_HANDLE); every caller closes what it opens with ZwClose.
 * All of it runs at PASSIVE_LEVEL (the Zw rule); no lock of the PnP manager is needed here.
 */
#include "pnp/pnp_private.h"

#include "ob/ob.h"
#include "rtl/rtl.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REG_MACHINE_SYSTEM "\\Registry\\Machine\\System\\CurrentControlSet\\"

char *pnp_reg_path(const char *fmt, ...)
{
    va_list ap;
    char *tail = NULL, *path = NULL;
    va_start(ap, fmt);
    int n = vasprintf(&tail, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    if (asprintf(&path, "%s%s", REG_MACHINE_SYSTEM, tail) < 0)
        path = NULL;
    free(tail);
    return path;
}

NTSTATUS pnp_reg_open(HANDLE root, const char *path, ULONG how, ACCESS_MASK access, HANDLE *key,
                      BOOLEAN *created)
{
    UNICODE_STRING name;
    OBJECT_ATTRIBUTES oa;
    NTSTATUS status = ob_string_from_utf8(&name, path);
    if (!NT_SUCCESS(status))
        return status;
    InitializeObjectAttributes(&oa, &name, OBJ_CASE_INSENSITIVE | OBJ_KERNEL_HANDLE, root, NULL);
    ULONG disposition = 0;
    if (how == PNP_REG_OPEN)
        status = ZwOpenKey(key, access, &oa);
    else
        status = ZwCreateKey(key, access, &oa, 0, NULL,
                             how == PNP_REG_CREATE_VOLATILE ? REG_OPTION_VOLATILE
                                                            : REG_OPTION_NON_VOLATILE,
                             &disposition);
    ob_string_free(&name);
    if (created != NULL)
        *created = NT_SUCCESS(status) && disposition == REG_CREATED_NEW_KEY;
    return status;
}

BOOLEAN pnp_reg_exists(const char *path)
{
    HANDLE key;
    if (!NT_SUCCESS(pnp_reg_open(NULL, path, PNP_REG_OPEN, KEY_READ, &key, NULL)))
        return FALSE;
    ZwClose(key);
    return TRUE;
}

NTSTATUS pnp_reg_set(HANDLE key, const char *value, ULONG type, const void *data, ULONG size)
{
    UNICODE_STRING name;
    NTSTATUS status = ob_string_from_utf8(&name, value);
    if (!NT_SUCCESS(status))
        return status;
    status = ZwSetValueKey(key, &name, 0, type, (PVOID)data, size);
    ob_string_free(&name);
    return status;
}

NTSTATUS pnp_reg_set_sz(HANDLE key, const char *value, const char *text)
{
    UNICODE_STRING data;
    NTSTATUS status = ob_string_from_utf8(&data, text);
    if (!NT_SUCCESS(status))
        return status;
    status = pnp_reg_set(key, value, REG_SZ, data.Buffer, data.Length + sizeof(WCHAR));
    ob_string_free(&data);
    return status;
}

NTSTATUS pnp_reg_query(HANDLE key, const char *value, ULONG *type, void **data, ULONG *size)
{
    UNICODE_STRING name;
    NTSTATUS status = ob_string_from_utf8(&name, value);
    if (!NT_SUCCESS(status))
        return status;
    ULONG need = 0;
    KEY_VALUE_PARTIAL_INFORMATION *info = NULL;
    status = ZwQueryValueKey(key, &name, KeyValuePartialInformation, NULL, 0, &need);
    if (status == STATUS_BUFFER_TOO_SMALL || status == STATUS_BUFFER_OVERFLOW) {
        info = malloc(need);
        status = info == NULL
                     ? STATUS_NO_MEMORY
                     : ZwQueryValueKey(key, &name, KeyValuePartialInformation, info, need, &need);
    }
    ob_string_free(&name);
    if (NT_SUCCESS(status)) {
        /* The data moved to the front of the block: the caller frees one pointer. */
        *type = info->Type;
        *size = info->DataLength;
        memmove(info, info->Data, info->DataLength);
        *data = info;
        return STATUS_SUCCESS;
    }
    free(info);
    return status;
}

char *pnp_reg_query_sz(HANDLE key, const char *value)
{
    ULONG type, size;
    void *data;
    if (!NT_SUCCESS(pnp_reg_query(key, value, &type, &data, &size)))
        return NULL;
    char *out = NULL;
    if (type == REG_SZ || type == REG_EXPAND_SZ) {
        size_t n = size / sizeof(WCHAR);
        while (n > 0 && ((WCHAR *)data)[n - 1] == 0)
            n--;
        size_t len;
        out = malloc(3 * n + 1);
        if (out != NULL && !rtl_utf16_to_utf8(data, n, out, &len)) {
            free(out);
            out = NULL;
        }
    }
    free(data);
    return out;
}

NTSTATUS pnp_reg_subkey(HANDLE key, ULONG index, char *name, size_t size)
{
    union {
        KEY_BASIC_INFORMATION info;
        UCHAR bytes[sizeof(KEY_BASIC_INFORMATION) + 512 * sizeof(WCHAR)];
    } u;
    ULONG got;
    NTSTATUS status = ZwEnumerateKey(key, index, KeyBasicInformation, &u, sizeof u, &got);
    if (!NT_SUCCESS(status))
        return status;
    UNICODE_STRING s = {(USHORT)u.info.NameLength, (USHORT)u.info.NameLength, u.info.Name};
    ob_string_to_utf8(&s, name, size);
    return STATUS_SUCCESS;
}

NTSTATUS pnp_reg_create_path(const char *path, ACCESS_MASK access, HANDLE *key)
{
    /* ZwCreateKey makes one level: each missing component of the path is made in turn. */
    char *p = strdup(path);
    if (p == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    NTSTATUS status = STATUS_OBJECT_NAME_INVALID;
    for (char *sep = strchr(p + 1, '\\');; sep = strchr(sep + 1, '\\')) {
        if (sep != NULL)
            *sep = 0;
        HANDLE k;
        status = pnp_reg_open(NULL, p, PNP_REG_CREATE, sep != NULL ? KEY_READ : access, &k, NULL);
        if (!NT_SUCCESS(status) || sep == NULL) {
            if (NT_SUCCESS(status))
                *key = k;
            break;
        }
        ZwClose(k);
        *sep = '\\';
    }
    free(p);
    return status;
}
