/*
 * service.c - host-facing registry helpers: setting a value from UTF-8 names, and the service
 * keys the loader reads (Services\<name> with ImagePath, Type, Start, ErrorControl).
 *
 * Everything here is a thin layer over the store API of cm_private.h; it holds no state and no lock
 * of its own (each store call is atomic by itself, a sequence of them is not).
 */
#include "cm/cm_private.h"
#include "cm/cm_zw.h"

#include <stdlib.h>
#include <string.h>

static const char cm_services_path[] = "\\Registry\\Machine\\System\\CurrentControlSet\\Services\\";

NTSTATUS cm_reg_set_utf8(const char *key, const char *name, ULONG type, const void *data,
                         size_t size)
{
    WCHAR *path = NULL, *wname = NULL;
    size_t path_len, name_len;
    struct cm_key *k = NULL;
    NTSTATUS status;

    if (!key || !name || size > MAXULONG || (!data && size))
        return STATUS_INVALID_PARAMETER;
    status = cm_path_from_utf8(key, &path, &path_len);
    if (!NT_SUCCESS(status))
        goto out;
    status = cm_utf8_to_utf16(name, strlen(name), &wname, &name_len);
    if (!NT_SUCCESS(status))
        goto out;
    if (name_len > CM_MAX_VALUE_NAME_CHARS) {
        status = STATUS_INVALID_PARAMETER;
        goto out;
    }
    status = cm_key_create_path(path, path_len, &k, NULL);
    if (!NT_SUCCESS(status))
        goto out;
    status = cm_value_set(k, wname, name_len, type, data, (ULONG)size);
out:
    cm_key_release(k);
    free(wname);
    free(path);
    return status;
}

/* The NT path of a service key (malloc'ed). The name must be one key name component. */
static NTSTATUS cm_service_path(const char *service, WCHAR **path, size_t *path_len)
{
    size_t prefix_len = sizeof(cm_services_path) - 1;
    WCHAR *wname, *p;
    size_t name_len;
    NTSTATUS status;

    if (!service)
        return STATUS_INVALID_PARAMETER;
    status = cm_utf8_to_utf16(service, strlen(service), &wname, &name_len);
    if (!NT_SUCCESS(status))
        return status;
    if (name_len == 0 || memchr(service, '\\', strlen(service)))
        status = STATUS_OBJECT_NAME_INVALID;
    else if (name_len > CM_MAX_KEY_NAME_CHARS)
        status = STATUS_INVALID_PARAMETER;
    else if (!(p = malloc((prefix_len + name_len + 1) * sizeof(WCHAR))))
        status = STATUS_INSUFFICIENT_RESOURCES;
    if (!NT_SUCCESS(status)) {
        free(wname);
        return status;
    }
    for (size_t i = 0; i < prefix_len; i++)
        p[i] = (WCHAR)(unsigned char)cm_services_path[i];
    memcpy(p + prefix_len, wname, (name_len + 1) * sizeof(WCHAR));
    free(wname);
    *path = p;
    *path_len = prefix_len + name_len;
    return STATUS_SUCCESS;
}

static NTSTATUS cm_set_dword(struct cm_key *k, const WCHAR *name, size_t name_len, ULONG v)
{
    return cm_value_set(k, name, name_len, CM_REG_DWORD, &v, sizeof(v));
}

static NTSTATUS cm_service_values(struct cm_key *k, const WCHAR *image, size_t image_len)
{
    static const WCHAR image_path[] = L"ImagePath", type[] = L"Type", start[] = L"Start",
                       error_control[] = L"ErrorControl";
    NTSTATUS status;

    /* REG_EXPAND_SZ data includes its terminator, as Windows stores strings. */
    status = cm_value_set(k, image_path, RTL_NUMBER_OF(image_path) - 1, CM_REG_EXPAND_SZ, image,
                          (ULONG)((image_len + 1) * sizeof(WCHAR)));
    if (NT_SUCCESS(status))
        status = cm_set_dword(k, type, RTL_NUMBER_OF(type) - 1, CM_SERVICE_KERNEL_DRIVER);
    if (NT_SUCCESS(status))
        status = cm_set_dword(k, start, RTL_NUMBER_OF(start) - 1, CM_SERVICE_DEMAND_START);
    if (NT_SUCCESS(status))
        status = cm_set_dword(k, error_control, RTL_NUMBER_OF(error_control) - 1,
                              CM_SERVICE_ERROR_NORMAL);
    return status;
}

NTSTATUS cm_service_create(const char *service, const char *image_path)
{
    WCHAR *path = NULL, *image = NULL;
    size_t path_len, image_len;
    struct cm_key *k = NULL;
    NTSTATUS status;

    if (!image_path)
        return STATUS_INVALID_PARAMETER;
    status = cm_service_path(service, &path, &path_len);
    if (!NT_SUCCESS(status))
        goto out;
    status = cm_utf8_to_utf16(image_path, strlen(image_path), &image, &image_len);
    if (!NT_SUCCESS(status))
        goto out;
    if ((image_len + 1) * sizeof(WCHAR) > MAXULONG) {
        status = STATUS_INVALID_PARAMETER;
        goto out;
    }
    status = cm_key_create_path(path, path_len, &k, NULL);
    if (NT_SUCCESS(status))
        status = cm_service_values(k, image, image_len);
out:
    cm_key_release(k);
    free(image);
    free(path);
    return status;
}

/* Reads a whole value into a malloc'ed buffer, retrying if it grows meanwhile (declared in
 * cm_zw.h; shared with the Zw routines). */
NTSTATUS cm_value_read(struct cm_key *key, const WCHAR *name, size_t name_chars, ULONG *type,
                       void **data, ULONG *size)
{
    void *buf = NULL;
    ULONG cap = 0, need;
    NTSTATUS status;

    for (;;) {
        need = cap;
        status = cm_value_get(key, name, name_chars, type, buf, &need);
        if (status != STATUS_BUFFER_OVERFLOW)
            break;
        free(buf);
        cap = need;
        buf = malloc(cap);
        if (!buf)
            return STATUS_INSUFFICIENT_RESOURCES;
    }
    if (!NT_SUCCESS(status)) {
        free(buf);
        return status;
    }
    *data = buf;
    *size = need;
    return STATUS_SUCCESS;
}

NTSTATUS cm_service_image_path(const char *service, char **utf8_path)
{
    static const WCHAR image_path[] = L"ImagePath";
    WCHAR *path = NULL, *data = NULL;
    size_t path_len, chars;
    struct cm_key *k = NULL;
    ULONG type, size = 0;
    NTSTATUS status;

    if (!utf8_path)
        return STATUS_INVALID_PARAMETER;
    status = cm_service_path(service, &path, &path_len);
    if (NT_SUCCESS(status))
        status = cm_key_open(path, path_len, FALSE, &k, NULL);
    if (NT_SUCCESS(status))
        status = cm_value_read(k, image_path, RTL_NUMBER_OF(image_path) - 1, &type, (void **)&data,
                               &size);
    if (!NT_SUCCESS(status))
        goto out;
    if (type != CM_REG_SZ && type != CM_REG_EXPAND_SZ) {
        status = STATUS_OBJECT_TYPE_MISMATCH;
        goto out;
    }
    /* An odd trailing byte cannot be part of a UTF-16 string: ignore it, like the NULs. */
    chars = size / sizeof(WCHAR);
    while (chars && data[chars - 1] == 0)
        chars--;
    status = cm_utf16_to_utf8(data, chars, utf8_path, NULL);
out:
    free(data);
    cm_key_release(k);
    free(path);
    return status;
}

/* The value's name in ASCII into out, or 0 if it is not ASCII or does not fit. */
static int ascii_value_name(const WCHAR *name, size_t len, char *out, size_t cap)
{
    size_t i;
    if (len == 0 || len >= cap)
        return 0;
    for (i = 0; i < len; i++) {
        if (name[i] == 0 || name[i] > 0x7F)
            return 0;
        out[i] = (char)name[i];
    }
    out[len] = 0;
    return 1;
}

NTSTATUS cm_key_dword_values(const char *utf8_path,
                             void (*fn)(const char *name, ULONG value, void *ctx), void *ctx)
{
    struct cm_key *key;
    WCHAR *path, name[64];
    size_t path_len, name_len;
    char ascii[64];
    ULONG index, type, value, size;
    NTSTATUS status = cm_path_from_utf8(utf8_path, &path, &path_len);

    if (!NT_SUCCESS(status))
        return status;
    status = cm_key_open(path, path_len, FALSE, &key, NULL);
    free(path);
    if (!NT_SUCCESS(status))
        return status;
    for (index = 0;; index++) {
        size = sizeof(value);
        status = cm_key_enum_value(key, index, name, sizeof(name) / sizeof(name[0]), &name_len,
                                   &type, &value, &size);
        if (status == STATUS_NO_MORE_ENTRIES || status == STATUS_KEY_DELETED)
            break;
        if (NT_SUCCESS(status) && type == REG_DWORD && size == sizeof(value) &&
            ascii_value_name(name, name_len, ascii, sizeof(ascii)))
            fn(ascii, value, ctx);
    }
    cm_key_release(key);
    return STATUS_SUCCESS;
}
