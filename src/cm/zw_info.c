/*
 * zw_info.c - the information classes of ZwQueryKey/ZwEnumerateKey (KEY_*_INFORMATION) and
 * ZwQueryValueKey/ZwEnumerateValueKey (KEY_VALUE_*_INFORMATION), and whole-value reads.
 *
 * The buffer rule is the documented one, the same for every class: a buffer smaller than the
 * fixed part of the structure (the offset of its variable array, or the whole structure when
 * it has none) gets nothing and STATUS_BUFFER_TOO_SMALL; a buffer that holds the fixed part
 * but not the variable data gets the fixed part, as much of the name/data as fits, and
 * STATUS_BUFFER_OVERFLOW; *ResultLength is the size of the whole information in every case.
 *
 * Choices where the documentation says nothing: TitleIndex is 0; keys have no class, so
 * ClassLength is 0 and ClassOffset 0xFFFFFFFF; KEY_VALUE_FULL_INFORMATION's DataOffset is the
 * end of the name rounded up to 4 bytes (8 for the Align64 class), as Windows lays it out.
 *
 * No lock here: the values are copied out of the store first (cm_value_read*), then formatted.
 */
#include "cm/cm_zw.h"

#include <stdlib.h>
#include <string.h>

/* A destination of len bytes: copies the part of [src, src+n) that lands at offset off. */
static void cm_put(PVOID out, ULONG len, ULONG off, const void *src, size_t n)
{
    if (off >= len || !n)
        return;
    if (n > len - off)
        n = len - off;
    memcpy((UCHAR *)out + off, src, n);
}

static ULONG cm_align(ULONG v, ULONG a)
{
    return (v + a - 1) & ~(a - 1);
}

/* The common ending: TOO_SMALL below fixed, OVERFLOW below whole. */
static NTSTATUS cm_fit(ULONG len, ULONG fixed, ULONG whole, PULONG result)
{
    *result = whole;
    if (len < fixed)
        return STATUS_BUFFER_TOO_SMALL;
    return len < whole ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS;
}

static NTSTATUS cm_value_full(const WCHAR *name, ULONG name_bytes, ULONG type, const void *data,
                              ULONG size, ULONG align, PVOID out, ULONG len, PULONG result)
{
    ULONG fixed = FIELD_OFFSET(KEY_VALUE_FULL_INFORMATION, Name);
    ULONG data_off = cm_align(fixed + name_bytes, align);
    NTSTATUS status = cm_fit(len, fixed, data_off + size, result);
    KEY_VALUE_FULL_INFORMATION h = {0, type, data_off, size, name_bytes, {0}};

    if (status == STATUS_BUFFER_TOO_SMALL)
        return status;
    memcpy(out, &h, fixed);
    cm_put(out, len, fixed, name, name_bytes);
    cm_put(out, len, data_off, data, size);
    return status;
}

NTSTATUS cm_value_info_format(const WCHAR *name, size_t name_chars, ULONG type, const void *data,
                              ULONG size, KEY_VALUE_INFORMATION_CLASS cls, PVOID out, ULONG len,
                              PULONG result)
{
    ULONG name_bytes = (ULONG)(name_chars * sizeof(WCHAR)), fixed;
    NTSTATUS status;

    switch (cls) {
    case KeyValueBasicInformation: {
        KEY_VALUE_BASIC_INFORMATION h = {0, type, name_bytes, {0}};
        fixed = FIELD_OFFSET(KEY_VALUE_BASIC_INFORMATION, Name);
        status = cm_fit(len, fixed, fixed + name_bytes, result);
        if (status != STATUS_BUFFER_TOO_SMALL) {
            memcpy(out, &h, fixed);
            cm_put(out, len, fixed, name, name_bytes);
        }
        return status;
    }
    case KeyValueFullInformation:
        return cm_value_full(name, name_bytes, type, data, size, 4, out, len, result);
    case KeyValueFullInformationAlign64:
        return cm_value_full(name, name_bytes, type, data, size, 8, out, len, result);
    case KeyValuePartialInformation: {
        KEY_VALUE_PARTIAL_INFORMATION h = {0, type, size, {0}};
        fixed = FIELD_OFFSET(KEY_VALUE_PARTIAL_INFORMATION, Data);
        status = cm_fit(len, fixed, fixed + size, result);
        if (status != STATUS_BUFFER_TOO_SMALL) {
            memcpy(out, &h, fixed);
            cm_put(out, len, fixed, data, size);
        }
        return status;
    }
    case KeyValuePartialInformationAlign64: {
        KEY_VALUE_PARTIAL_INFORMATION_ALIGN64 h = {type, size, {0}};
        fixed = FIELD_OFFSET(KEY_VALUE_PARTIAL_INFORMATION_ALIGN64, Data);
        status = cm_fit(len, fixed, fixed + size, result);
        if (status != STATUS_BUFFER_TOO_SMALL) {
            memcpy(out, &h, fixed);
            cm_put(out, len, fixed, data, size);
        }
        return status;
    }
    default: /* KeyValueLayerInformation (layered keys) is not modelled */
        return STATUS_INVALID_PARAMETER;
    }
}

/* The key's own name or its full path, malloc'ed (retrying if it grew meanwhile). */
static NTSTATUS cm_key_name_read(struct cm_key *key, BOOLEAN full, WCHAR **name, size_t *chars)
{
    WCHAR *buf = NULL;
    size_t cap = 0, need;
    NTSTATUS status;

    for (;;) {
        status = cm_key_name(key, full, buf, cap, &need);
        if (status != STATUS_BUFFER_OVERFLOW)
            break;
        free(buf);
        cap = need;
        buf = malloc((cap ? cap : 1) * sizeof(WCHAR));
        if (!buf)
            return STATUS_INSUFFICIENT_RESOURCES;
    }
    if (!NT_SUCCESS(status)) {
        free(buf);
        return status;
    }
    *name = buf;
    *chars = need;
    return STATUS_SUCCESS;
}

/* Basic, node and name: fixed header + a name. */
static NTSTATUS cm_key_named(KEY_INFORMATION_CLASS cls, const struct cm_key_info *ki,
                             const WCHAR *name, ULONG name_bytes, PVOID out, ULONG len,
                             PULONG result)
{
    union {
        KEY_BASIC_INFORMATION basic;
        KEY_NODE_INFORMATION node;
        KEY_NAME_INFORMATION name;
    } h;
    ULONG fixed;
    NTSTATUS status;

    memset(&h, 0, sizeof(h));
    if (cls == KeyBasicInformation) {
        fixed = FIELD_OFFSET(KEY_BASIC_INFORMATION, Name);
        h.basic.LastWriteTime.QuadPart = ki->last_write_time;
        h.basic.NameLength = name_bytes;
    } else if (cls == KeyNodeInformation) {
        fixed = FIELD_OFFSET(KEY_NODE_INFORMATION, Name);
        h.node.LastWriteTime.QuadPart = ki->last_write_time;
        h.node.ClassOffset = 0xFFFFFFFF;
        h.node.NameLength = name_bytes;
    } else {
        fixed = FIELD_OFFSET(KEY_NAME_INFORMATION, Name);
        h.name.NameLength = name_bytes;
    }
    status = cm_fit(len, fixed, fixed + name_bytes, result);
    if (status != STATUS_BUFFER_TOO_SMALL) {
        memcpy(out, &h, fixed);
        cm_put(out, len, fixed, name, name_bytes);
    }
    return status;
}

/* Full, cached and virtualization: fixed-size (no class, so nothing variable). */
static NTSTATUS cm_key_fixed(KEY_INFORMATION_CLASS cls, const struct cm_key_info *ki, PVOID out,
                             ULONG len, PULONG result)
{
    union {
        KEY_FULL_INFORMATION full;
        KEY_CACHED_INFORMATION cached;
        KEY_VIRTUALIZATION_INFORMATION virt;
    } h;
    ULONG size;
    NTSTATUS status;

    memset(&h, 0, sizeof(h));
    if (cls == KeyFullInformation) {
        size = FIELD_OFFSET(KEY_FULL_INFORMATION, Class);
        h.full.LastWriteTime.QuadPart = ki->last_write_time;
        h.full.ClassOffset = 0xFFFFFFFF;
        h.full.SubKeys = ki->subkeys;
        h.full.MaxNameLen = ki->max_subkey_name_chars * sizeof(WCHAR);
        h.full.Values = ki->values;
        h.full.MaxValueNameLen = ki->max_value_name_chars * sizeof(WCHAR);
        h.full.MaxValueDataLen = ki->max_value_data_bytes;
    } else if (cls == KeyCachedInformation) {
        size = sizeof(KEY_CACHED_INFORMATION);
        h.cached.LastWriteTime.QuadPart = ki->last_write_time;
        h.cached.SubKeys = ki->subkeys;
        h.cached.MaxNameLen = ki->max_subkey_name_chars * sizeof(WCHAR);
        h.cached.Values = ki->values;
        h.cached.MaxValueNameLen = ki->max_value_name_chars * sizeof(WCHAR);
        h.cached.MaxValueDataLen = ki->max_value_data_bytes;
        h.cached.NameLength = ki->name_chars * sizeof(WCHAR);
    } else {
        size = sizeof(KEY_VIRTUALIZATION_INFORMATION); /* no virtualization: all zero */
    }
    status = cm_fit(len, size, size, result);
    if (NT_SUCCESS(status))
        memcpy(out, &h, size);
    return status;
}

NTSTATUS cm_key_info_format(struct cm_key *key, KEY_INFORMATION_CLASS cls, BOOLEAN enumerating,
                            PVOID out, ULONG len, PULONG result)
{
    struct cm_key_info ki;
    WCHAR *name = NULL;
    size_t chars = 0;
    NTSTATUS status;

    if (enumerating && cls != KeyBasicInformation && cls != KeyNodeInformation &&
        cls != KeyFullInformation)
        return STATUS_INVALID_PARAMETER;
    switch (cls) {
    case KeyBasicInformation:
    case KeyNodeInformation:
    case KeyNameInformation:
        status = cm_key_info(key, &ki);
        if (NT_SUCCESS(status))
            status = cm_key_name_read(key, cls == KeyNameInformation, &name, &chars);
        if (NT_SUCCESS(status))
            status = cm_key_named(cls, &ki, name, (ULONG)(chars * sizeof(WCHAR)), out, len, result);
        free(name);
        return status;
    case KeyFullInformation:
    case KeyCachedInformation:
    case KeyVirtualizationInformation:
        status = cm_key_info(key, &ki);
        return NT_SUCCESS(status) ? cm_key_fixed(cls, &ki, out, len, result) : status;
    default: /* flags, handle tags, trust and layer information are not modelled */
        return STATUS_INVALID_PARAMETER;
    }
}

NTSTATUS cm_value_read_at(struct cm_key *key, ULONG index, WCHAR **name, size_t *name_chars,
                          ULONG *type, void **data, ULONG *size)
{
    WCHAR *nbuf = NULL;
    void *dbuf = NULL;
    size_t ncap = 0, nlen;
    ULONG dcap = 0, dlen;
    NTSTATUS status;

    for (;;) {
        dlen = dcap;
        status = cm_key_enum_value(key, index, nbuf, ncap, &nlen, type, dbuf, &dlen);
        if (status != STATUS_BUFFER_OVERFLOW)
            break;
        free(nbuf);
        free(dbuf);
        ncap = nlen + 1;
        dcap = dlen;
        nbuf = malloc(ncap * sizeof(WCHAR));
        dbuf = malloc(dcap ? dcap : 1);
        if (!nbuf || !dbuf) {
            status = STATUS_INSUFFICIENT_RESOURCES;
            break;
        }
    }
    if (NT_SUCCESS(status) && !nbuf && !(nbuf = malloc(sizeof(WCHAR))))
        status = STATUS_INSUFFICIENT_RESOURCES; /* an empty name and no data */
    if (!NT_SUCCESS(status)) {
        free(nbuf);
        free(dbuf);
        return status;
    }
    nbuf[nlen] = 0;
    *name = nbuf;
    *name_chars = nlen;
    *data = dbuf;
    *size = dlen;
    return STATUS_SUCCESS;
}
