/*
 * rtl_registry.c - the Rtl registry helpers: RtlQueryRegistryValues, RtlWriteRegistryValue,
 * RtlDeleteRegistryValue, RtlCreateRegistryKey, RtlCheckRegistryKey.
 *
 * They live in src/cm rather than src/rtl because they are built on the store (rtl sits below
 * cm). They work on cm_key pointers directly; a RTL_REGISTRY_HANDLE path is resolved once.
 *
 * Choices where the documentation is silent or ambiguous (docs/registry.md lists them):
 *  - RTL_REGISTRY_USER is \Registry\User\.Default (drvhost runs everything as the system).
 *  - RTL_REGISTRY_OPTIONAL: a missing key is processed as an empty key (defaults apply,
 *    REQUIRED entries fail) instead of failing the call with STATUS_OBJECT_NAME_NOT_FOUND.
 *  - A RTL_QUERY_REGISTRY_SUBKEY entry names a key relative to the top key; if it is missing
 *    and the entry is not REQUIRED, the entries that follow see an empty key. A SUBKEY entry
 *    with a QueryRoutine also enumerates every value of that subkey.
 *  - Name == NULL with RTL_QUERY_REGISTRY_REQUIRED fails when the key has no values.
 *  - REG_EXPAND_SZ is expanded against the Environment block ("NAME=value\0...\0") when one is
 *    given, and passed as REG_SZ; unknown %NAME% references are kept as they are.
 */
#include "cm/cm_zw.h"

#include "rtl/rtl.h"

#include <stdlib.h>
#include <string.h>

#define CM_RTL_TAG 0x52676552u /* 'RegR' */

/* The key RelativeTo and Path name (a referenced key in *key). create: make the last
 * component if missing (parents must exist). */
static NTSTATUS cm_rtl_open(ULONG relative_to, PCWSTR path, BOOLEAN create, struct cm_key **key)
{
    static const char *const bases[] = {
        "", /* RTL_REGISTRY_ABSOLUTE */
        "\\Registry\\Machine\\System\\CurrentControlSet\\Services",
        "\\Registry\\Machine\\System\\CurrentControlSet\\Control",
        "\\Registry\\Machine\\Software\\Microsoft\\Windows NT\\CurrentVersion",
        "\\Registry\\Machine\\Hardware\\DeviceMap",
        "\\Registry\\User\\.Default",
    };
    ULONG which = relative_to & ~(RTL_REGISTRY_OPTIONAL | RTL_REGISTRY_HANDLE);
    size_t blen, plen, len;
    WCHAR *full;
    NTSTATUS status;

    if (relative_to & RTL_REGISTRY_HANDLE)
        return cm_handle_key((HANDLE)path, key);
    if (which >= RTL_REGISTRY_MAXIMUM)
        return STATUS_INVALID_PARAMETER;
    if (!path && which == RTL_REGISTRY_ABSOLUTE)
        return STATUS_OBJECT_NAME_INVALID;
    blen = strlen(bases[which]);
    plen = path ? cm_wcslen(path) : 0;
    full = malloc((blen + 1 + plen + 1) * sizeof(WCHAR));
    if (!full)
        return STATUS_INSUFFICIENT_RESOURCES;
    for (len = 0; len < blen; len++)
        full[len] = (WCHAR)bases[which][len];
    if (blen && plen && path[0] != L'\\')
        full[len++] = L'\\';
    if (plen)
        memcpy(full + len, path, plen * sizeof(WCHAR));
    len += plen;
    status = cm_key_open(full, len, create, key, NULL);
    free(full);
    return status;
}

/* ---- RtlQueryRegistryValues: one value, delivered ---------------------------------------- */

struct cm_query {
    PRTL_QUERY_REGISTRY_TABLE entry;
    PVOID context;
    const WCHAR *environment; /* may be NULL */
    const void *caller;       /* RtlQueryRegistryValues' return address: strings it allocates
                                 are charged to that driver */
};

static BOOLEAN cm_is_string_type(ULONG type)
{
    return type == REG_SZ || type == REG_EXPAND_SZ || type == REG_MULTI_SZ;
}

/* RTL_QUERY_REGISTRY_DIRECT with a string type: into the caller's UNICODE_STRING, allocating
 * its buffer (rtl_alloc, freed by RtlFreeUnicodeString) when Buffer is NULL. */
static NTSTATUS cm_direct_string(PUNICODE_STRING us, const void *data, ULONG size,
                                 const void *caller)
{
    const WCHAR *w = data;
    ULONG chars = size / sizeof(WCHAR);
    ULONG text = chars && w[chars - 1] == 0 ? chars - 1 : chars; /* without the terminator */
    ULONG need = (text + 1) * sizeof(WCHAR);

    if (need > MAXUSHORT)
        return STATUS_BUFFER_TOO_SMALL;
    if (!us->Buffer) {
        us->Buffer = rtl_alloc(need, CM_RTL_TAG, caller);
        if (!us->Buffer)
            return STATUS_INSUFFICIENT_RESOURCES;
        us->MaximumLength = (USHORT)need;
    } else if (need > us->MaximumLength) {
        return STATUS_BUFFER_TOO_SMALL;
    }
    memcpy(us->Buffer, data, text * sizeof(WCHAR));
    us->Buffer[text] = 0;
    us->Length = (USHORT)(text * sizeof(WCHAR));
    return STATUS_SUCCESS;
}

/* RTL_QUERY_REGISTRY_DIRECT: the documented formats by type and size. */
static NTSTATUS cm_direct(PVOID dest, ULONG type, const void *data, ULONG size, const void *caller)
{
    LONG room;

    if (cm_is_string_type(type))
        return cm_direct_string(dest, data, size, caller);
    if (size <= sizeof(ULONG)) {
        if (size)
            memcpy(dest, data, size);
        return STATUS_SUCCESS;
    }
    /* Larger: the buffer starts with a LONG: -size (data only) or +size (length, type, data). */
    memcpy(&room, dest, sizeof(room));
    if (room < 0) {
        if ((ULONG) - (LONGLONG)room < size)
            return STATUS_BUFFER_TOO_SMALL;
        memcpy(dest, data, size);
        return STATUS_SUCCESS;
    }
    if ((ULONGLONG)size + 2 * sizeof(ULONG) > (ULONG)room)
        return STATUS_BUFFER_TOO_SMALL;
    memcpy(dest, &size, sizeof(ULONG));
    memcpy((UCHAR *)dest + sizeof(ULONG), &type, sizeof(ULONG));
    memcpy((UCHAR *)dest + 2 * sizeof(ULONG), data, size);
    return STATUS_SUCCESS;
}

/* The final step: the caller's routine or the direct store. */
static NTSTATUS cm_deliver(struct cm_query *q, PWSTR name, ULONG type, const void *data, ULONG size)
{
    NTSTATUS status;

    if (q->entry->Flags & RTL_QUERY_REGISTRY_DIRECT)
        return cm_direct(q->entry->EntryContext, type, data, size, q->caller);
    status =
        q->entry->QueryRoutine(name, type, (PVOID)data, size, q->context, q->entry->EntryContext);
    return status == STATUS_BUFFER_TOO_SMALL ? STATUS_SUCCESS : status; /* documented */
}

/* The value of an environment variable (case-insensitive name), or NULL. */
static const WCHAR *cm_env_lookup(const WCHAR *env, const WCHAR *name, size_t len, size_t *vlen)
{
    while (env && *env) {
        size_t n = cm_wcslen(env);
        if (n > len && env[len] == L'=' && cm_name_compare(env, len, name, len) == 0) {
            *vlen = n - len - 1;
            return env + len + 1;
        }
        env += n + 1;
    }
    return NULL;
}

/* Expands %NAME% references (malloc'ed, NUL-terminated result). */
static NTSTATUS cm_expand(const WCHAR *env, const WCHAR *src, size_t chars, WCHAR **out,
                          size_t *out_chars)
{
    size_t cap = chars + 1, n = 0;
    WCHAR *buf = malloc(cap * sizeof(WCHAR));

    for (size_t i = 0; buf && i < chars;) {
        const WCHAR *piece = src + i, *end = NULL, *val = NULL;
        size_t plen = 1, vlen = 0;
        if (src[i] == L'%') {
            for (size_t j = i + 1; j < chars && !end; j++)
                end = src[j] == L'%' ? src + j : NULL;
            if (end && (val = cm_env_lookup(env, src + i + 1, (size_t)(end - src) - i - 1, &vlen)))
                piece = val, plen = vlen;
            else if (end)
                plen = (size_t)(end - src) - i + 1; /* kept as it is */
        }
        i += val ? (size_t)(end - src) - i + 1 : plen;
        if (n + plen + 1 > cap) {
            WCHAR *nb = realloc(buf, (cap = (n + plen + 1) * 2) * sizeof(WCHAR));
            if (!nb)
                free(buf);
            buf = nb;
            if (!buf)
                break;
        }
        memcpy(buf + n, piece, plen * sizeof(WCHAR));
        n += plen;
    }
    if (!buf)
        return STATUS_INSUFFICIENT_RESOURCES;
    buf[n] = 0;
    *out = buf;
    *out_chars = n;
    return STATUS_SUCCESS;
}

/* One value (stored or default): REG_MULTI_SZ is split, REG_EXPAND_SZ expanded, unless
 * RTL_QUERY_REGISTRY_NOEXPAND. */
static NTSTATUS cm_process(struct cm_query *q, PWSTR name, ULONG type, const void *data, ULONG size)
{
    const WCHAR *w = data;
    size_t chars = size / sizeof(WCHAR);
    NTSTATUS status = STATUS_SUCCESS;

    if (q->entry->Flags & RTL_QUERY_REGISTRY_NOEXPAND)
        return cm_deliver(q, name, type, data, size);
    if (type == REG_MULTI_SZ) {
        for (size_t i = 0; i < chars && w[i] && NT_SUCCESS(status);) {
            size_t n = 0;
            while (i + n < chars && w[i + n])
                n++;
            /* Each string as REG_SZ with its terminator (there is one unless the data is cut). */
            status =
                cm_deliver(q, name, REG_SZ, w + i, (ULONG)((n + (i + n < chars)) * sizeof(WCHAR)));
            i += n + 1;
        }
        return status;
    }
    if (type == REG_EXPAND_SZ) {
        WCHAR *x = NULL;
        size_t xn;
        while (chars && w[chars - 1] == 0)
            chars--;
        status = cm_expand(q->environment, w, chars, &x, &xn);
        if (NT_SUCCESS(status))
            status = cm_deliver(q, name, REG_SZ, x, (ULONG)((xn + 1) * sizeof(WCHAR)));
        free(x);
        return status;
    }
    return cm_deliver(q, name, type, data, size);
}

/* The default value of an entry (DefaultLength 0 for a string type: computed). */
static NTSTATUS cm_default(struct cm_query *q)
{
    ULONG type = q->entry->DefaultType & 0xFF, size = q->entry->DefaultLength;
    const WCHAR *w = q->entry->DefaultData;

    if (type == REG_NONE)
        return STATUS_SUCCESS;
    if (size == 0 && w && (type == REG_SZ || type == REG_EXPAND_SZ)) {
        size = (ULONG)((cm_wcslen(w) + 1) * sizeof(WCHAR));
    } else if (size == 0 && w && type == REG_MULTI_SZ) {
        size_t n = 0;
        while (w[n] || w[n + 1])
            n++;
        size = (ULONG)((n + 2) * sizeof(WCHAR));
    }
    return cm_process(q, q->entry->Name, type, q->entry->DefaultData, size);
}

/* ---- RtlQueryRegistryValues: table entries ----------------------------------------------- */

static NTSTATUS cm_typecheck(PRTL_QUERY_REGISTRY_TABLE e, ULONG type)
{
    ULONG expected = e->DefaultType >> RTL_QUERY_REGISTRY_TYPECHECK_SHIFT;

    if ((e->Flags & (RTL_QUERY_REGISTRY_DIRECT | RTL_QUERY_REGISTRY_TYPECHECK)) ==
            (RTL_QUERY_REGISTRY_DIRECT | RTL_QUERY_REGISTRY_TYPECHECK) &&
        type != expected)
        return STATUS_OBJECT_TYPE_MISMATCH;
    return STATUS_SUCCESS;
}

/* A named entry: the value, or its default. key NULL: an optional key that is missing. */
static NTSTATUS cm_query_named(struct cm_query *q, struct cm_key *key)
{
    PRTL_QUERY_REGISTRY_TABLE e = q->entry;
    size_t chars = cm_wcslen(e->Name);
    void *data = NULL;
    ULONG type, size;
    NTSTATUS status = key ? cm_value_read(key, e->Name, chars, &type, &data, &size)
                          : STATUS_OBJECT_NAME_NOT_FOUND;

    if (status == STATUS_OBJECT_NAME_NOT_FOUND)
        return (e->Flags & RTL_QUERY_REGISTRY_REQUIRED) ? status : cm_default(q);
    if (NT_SUCCESS(status))
        status = cm_typecheck(e, type);
    if (NT_SUCCESS(status))
        status = cm_process(q, e->Name, type, data, size);
    free(data);
    if (NT_SUCCESS(status) && (e->Flags & RTL_QUERY_REGISTRY_DELETE))
        status = cm_value_delete(key, e->Name, chars);
    return status;
}

/* An entry without a name: every value of the key (or just one call with NOVALUE). */
static NTSTATUS cm_query_all(struct cm_query *q, struct cm_key *key)
{
    PRTL_QUERY_REGISTRY_TABLE e = q->entry;
    NTSTATUS status = STATUS_SUCCESS;
    ULONG index = 0, seen = 0;

    if (e->Flags & RTL_QUERY_REGISTRY_NOVALUE)
        return cm_deliver(q, e->Name, REG_NONE, NULL, 0);
    while (key && NT_SUCCESS(status)) {
        WCHAR *name;
        size_t chars;
        void *data;
        ULONG type, size;
        status = cm_value_read_at(key, index, &name, &chars, &type, &data, &size);
        if (status == STATUS_NO_MORE_ENTRIES) {
            status = STATUS_SUCCESS;
            break;
        }
        if (NT_SUCCESS(status))
            status = cm_process(q, name, type, data, size);
        seen++;
        /* With DELETE the next value moves down to this index. */
        if (NT_SUCCESS(status) && (e->Flags & RTL_QUERY_REGISTRY_DELETE))
            status = cm_value_delete(key, name, chars);
        else
            index++;
        free(name);
        free(data);
    }
    if (NT_SUCCESS(status) && !seen && (e->Flags & RTL_QUERY_REGISTRY_REQUIRED))
        status = STATUS_OBJECT_NAME_NOT_FOUND;
    return status;
}

/* SUBKEY/TOPKEY: moves the focus (*cur, referenced or NULL for a missing optional key). */
static NTSTATUS cm_query_focus(PRTL_QUERY_REGISTRY_TABLE e, struct cm_key *top, struct cm_key **cur)
{
    struct cm_key *k = NULL;
    NTSTATUS status = STATUS_SUCCESS;

    if (e->Flags & RTL_QUERY_REGISTRY_TOPKEY) {
        if (top)
            cm_key_reference(top);
        k = top;
    } else if (!e->Name) {
        return STATUS_INVALID_PARAMETER;
    } else if (top) {
        status = cm_key_open_relative(top, e->Name, cm_wcslen(e->Name), FALSE, &k, NULL);
    } else {
        status = STATUS_OBJECT_NAME_NOT_FOUND;
    }
    if (status == STATUS_OBJECT_NAME_NOT_FOUND && !(e->Flags & RTL_QUERY_REGISTRY_REQUIRED))
        status = STATUS_SUCCESS, k = NULL;
    if (!NT_SUCCESS(status))
        return status;
    cm_key_release(*cur);
    *cur = k;
    return STATUS_SUCCESS;
}

static NTSTATUS cm_query_entry(struct cm_query *q, struct cm_key *top, struct cm_key **cur)
{
    PRTL_QUERY_REGISTRY_TABLE e = q->entry;
    BOOLEAN direct = (e->Flags & RTL_QUERY_REGISTRY_DIRECT) != 0;
    NTSTATUS status;

    if (e->Flags & (RTL_QUERY_REGISTRY_SUBKEY | RTL_QUERY_REGISTRY_TOPKEY)) {
        status = cm_query_focus(e, top, cur);
        if (!NT_SUCCESS(status) || !e->QueryRoutine)
            return status;
        return cm_query_all(q, *cur);
    }
    if ((direct && (!e->Name || !e->EntryContext)) || (!direct && !e->QueryRoutine))
        return STATUS_INVALID_PARAMETER;
    return e->Name ? cm_query_named(q, *cur) : cm_query_all(q, *cur);
}

NTSYSAPI NTSTATUS NTAPI RtlQueryRegistryValues(ULONG RelativeTo, PCWSTR Path,
                                               PRTL_QUERY_REGISTRY_TABLE QueryTable, PVOID Context,
                                               PVOID Environment)
{
    struct cm_key *top = NULL, *cur;
    struct cm_query q = {NULL, Context, Environment, __builtin_return_address(0)};
    NTSTATUS status;

    cm_irql_check("RtlQueryRegistryValues");
    if (!QueryTable)
        return STATUS_INVALID_PARAMETER;
    status = cm_rtl_open(RelativeTo, Path, FALSE, &top);
    if (status == STATUS_OBJECT_NAME_NOT_FOUND && (RelativeTo & RTL_REGISTRY_OPTIONAL))
        status = STATUS_SUCCESS, top = NULL;
    if (!NT_SUCCESS(status))
        return status;
    cur = top;
    if (cur)
        cm_key_reference(cur);
    for (q.entry = QueryTable; q.entry->QueryRoutine || q.entry->Name; q.entry++) {
        status = cm_query_entry(&q, top, &cur);
        if (!NT_SUCCESS(status))
            break;
    }
    cm_key_release(cur);
    cm_key_release(top);
    return status;
}

/* ---- the small ones ---------------------------------------------------------------------- */

NTSYSAPI NTSTATUS NTAPI RtlWriteRegistryValue(ULONG RelativeTo, PCWSTR Path, PCWSTR ValueName,
                                              ULONG ValueType, PVOID ValueData, ULONG ValueLength)
{
    struct cm_key *key;
    NTSTATUS status;

    cm_irql_check("RtlWriteRegistryValue");
    status = cm_rtl_open(RelativeTo, Path, TRUE, &key);
    if (!NT_SUCCESS(status))
        return status;
    status = cm_value_set(key, ValueName, ValueName ? cm_wcslen(ValueName) : 0, ValueType,
                          ValueData, ValueLength);
    cm_key_release(key);
    return status;
}

NTSYSAPI NTSTATUS NTAPI RtlDeleteRegistryValue(ULONG RelativeTo, PCWSTR Path, PCWSTR ValueName)
{
    struct cm_key *key;
    NTSTATUS status;

    cm_irql_check("RtlDeleteRegistryValue");
    status = cm_rtl_open(RelativeTo, Path, FALSE, &key);
    if (!NT_SUCCESS(status))
        return status;
    status = cm_value_delete(key, ValueName, ValueName ? cm_wcslen(ValueName) : 0);
    cm_key_release(key);
    return status;
}

/* "Creates only the keys that you specify": the last component, the parents must exist. */
NTSYSAPI NTSTATUS NTAPI RtlCreateRegistryKey(ULONG RelativeTo, PWSTR Path)
{
    struct cm_key *key;
    NTSTATUS status;

    cm_irql_check("RtlCreateRegistryKey");
    status = cm_rtl_open(RelativeTo, Path, TRUE, &key);
    cm_key_release(NT_SUCCESS(status) ? key : NULL);
    return status;
}

NTSYSAPI NTSTATUS NTAPI RtlCheckRegistryKey(ULONG RelativeTo, PWSTR Path)
{
    struct cm_key *key;
    NTSTATUS status;

    cm_irql_check("RtlCheckRegistryKey");
    status = cm_rtl_open(RelativeTo, Path, FALSE, &key);
    cm_key_release(NT_SUCCESS(status) ? key : NULL);
    return status;
}
