/*
 * regfile_write.c - exporting a subtree as a regedit .reg file: UTF-16LE with a BOM, CRLF
 * line ends, "Windows Registry Editor Version 5.00", one [KEY] block per key (pre-order,
 * subkeys in the store's order), values in creation order, hex lists wrapped with '\' at 80
 * columns as regedit does.
 *
 * Value forms: "string" for a REG_SZ that is a well-formed string (even size, exactly one
 * terminating NUL, no other NUL, no CR/LF that would break the line); dword:XXXXXXXX for a
 * 4-byte REG_DWORD; hex: for REG_BINARY; hex(T): for everything else (including the REG_SZ
 * and REG_DWORD values that do not fit the short forms), so every value round-trips exactly.
 */
#include "cm/cm_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CM_WRAP 80 /* regedit's line width for hex lists */

struct cm_out {
    WCHAR *s;
    size_t n, cap;
    size_t col; /* column in the current line */
    BOOLEAN failed;
    BOOLEAN skip_volatile;
};

static void cm_out_w(struct cm_out *o, const WCHAR *s, size_t n)
{
    if (o->failed)
        return;
    if (o->n + n > o->cap) {
        size_t ncap = (o->n + n) * 2 + 256;
        WCHAR *ns = realloc(o->s, ncap * sizeof(WCHAR));
        if (!ns) {
            o->failed = TRUE;
            return;
        }
        o->s = ns;
        o->cap = ncap;
    }
    memcpy(o->s + o->n, s, n * sizeof(WCHAR));
    o->n += n;
    o->col += n;
}

static void cm_out_a(struct cm_out *o, const char *a)
{
    WCHAR buf[64];
    size_t n = 0;

    for (; *a; a++) {
        buf[n++] = (WCHAR)(unsigned char)*a;
        if (n == RTL_NUMBER_OF(buf)) {
            cm_out_w(o, buf, n);
            n = 0;
        }
    }
    cm_out_w(o, buf, n);
}

static void cm_out_nl(struct cm_out *o)
{
    cm_out_a(o, "\r\n");
    o->col = 0;
}

/* TRUE for the code units a .reg line cannot hold as they are: NUL, CR and LF (the file's
 * structure). drvhost writes them as \uXXXX in quoted names and \\uXXXX in key paths
 * (docs/registry.md); regedit has no way to write them. A string value holding one is written
 * as hex(1): instead (cm_plain_string), so only names are escaped. */
static BOOLEAN cm_needs_escape(WCHAR c)
{
    return c == 0 || c == L'\r' || c == L'\n';
}

static void cm_out_escape(struct cm_out *o, const char *prefix, WCHAR c)
{
    char buf[16];

    snprintf(buf, sizeof(buf), "%su%04x", prefix, (unsigned)c);
    cm_out_a(o, buf);
}

/* A quoted name or string with '\' and '"' escaped (as regedit does), and the code units of
 * cm_needs_escape as \uXXXX. */
static void cm_out_quoted(struct cm_out *o, const WCHAR *s, size_t n)
{
    cm_out_a(o, "\"");
    for (size_t i = 0; i < n; i++) {
        if (cm_needs_escape(s[i])) {
            cm_out_escape(o, "\\", s[i]);
            continue;
        }
        if (s[i] == L'\\' || s[i] == L'"')
            cm_out_a(o, "\\");
        cm_out_w(o, &s[i], 1);
    }
    cm_out_a(o, "\"");
}

/* A key path (regedit form) with the code units of cm_needs_escape as \\uXXXX. */
static void cm_out_path(struct cm_out *o, const WCHAR *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (cm_needs_escape(s[i]))
            cm_out_escape(o, "\\\\", s[i]);
        else
            cm_out_w(o, &s[i], 1);
    }
}

static BOOLEAN cm_plain_string(const void *data, ULONG size)
{
    const WCHAR *w = data;
    size_t n = size / sizeof(WCHAR);

    if (size % sizeof(WCHAR) || n == 0 || w[n - 1] != 0)
        return FALSE;
    for (size_t i = 0; i + 1 < n; i++) {
        if (w[i] == 0 || w[i] == L'\r' || w[i] == L'\n')
            return FALSE;
    }
    return TRUE;
}

/* "hex:" or "hex(T):" and the bytes, wrapped like regedit ("\" then two blanks). */
static void cm_out_hex(struct cm_out *o, ULONG type, const UCHAR *b, ULONG size)
{
    char buf[24];

    if (type == CM_REG_BINARY)
        cm_out_a(o, "hex:");
    else {
        snprintf(buf, sizeof(buf), "hex(%x):", (unsigned)type);
        cm_out_a(o, buf);
    }
    for (ULONG i = 0; i < size; i++) {
        snprintf(buf, sizeof(buf), "%02x%s", b[i], i + 1 < size ? "," : "");
        cm_out_a(o, buf);
        if (i + 1 < size && o->col + 3 > CM_WRAP - 2) {
            cm_out_a(o, "\\");
            cm_out_nl(o);
            cm_out_a(o, "  ");
        }
    }
}

static void cm_out_value(struct cm_out *o, const WCHAR *name, size_t name_len, ULONG type,
                         const void *data, ULONG size)
{
    if (name_len)
        cm_out_quoted(o, name, name_len);
    else
        cm_out_a(o, "@");
    cm_out_a(o, "=");
    if (type == CM_REG_SZ && cm_plain_string(data, size)) {
        cm_out_quoted(o, data, size / sizeof(WCHAR) - 1);
    } else if (type == CM_REG_DWORD && size == sizeof(ULONG)) {
        char buf[24];
        ULONG v;
        memcpy(&v, data, sizeof(v));
        snprintf(buf, sizeof(buf), "dword:%08x", (unsigned)v);
        cm_out_a(o, buf);
    } else {
        cm_out_hex(o, type, data, size);
    }
    cm_out_nl(o);
}

/* Every value of key, in creation order. */
static NTSTATUS cm_out_values(struct cm_out *o, struct cm_key *key)
{
    for (ULONG i = 0;; i++) {
        WCHAR *name = NULL;
        void *data = NULL;
        size_t ncap = 0, nlen;
        ULONG dcap = 0, dlen, type;
        NTSTATUS status;
        for (;;) {
            dlen = dcap;
            status = cm_key_enum_value(key, i, name, ncap, &nlen, &type, data, &dlen);
            if (status != STATUS_BUFFER_OVERFLOW)
                break;
            free(name);
            free(data);
            ncap = nlen;
            dcap = dlen;
            name = malloc(ncap ? ncap * sizeof(WCHAR) : 1);
            data = malloc(dcap ? dcap : 1);
            if (!name || !data)
                status = STATUS_INSUFFICIENT_RESOURCES;
            if (!name || !data)
                break;
        }
        if (NT_SUCCESS(status))
            cm_out_value(o, name, nlen, type, data, dlen);
        free(name);
        free(data);
        if (status == STATUS_NO_MORE_ENTRIES)
            return STATUS_SUCCESS;
        if (!NT_SUCCESS(status))
            return status;
    }
}

/* The path of a key in regedit form, as an extendable buffer. */
struct cm_path {
    WCHAR *s;
    size_t n;
};

static NTSTATUS cm_path_push(struct cm_path *p, struct cm_key *key, size_t *old_n)
{
    size_t len;
    WCHAR *ns;
    NTSTATUS status = cm_key_name(key, FALSE, NULL, 0, &len);

    if (status != STATUS_BUFFER_OVERFLOW && !NT_SUCCESS(status))
        return status;
    ns = realloc(p->s, (p->n + 1 + len + 1) * sizeof(WCHAR));
    if (!ns)
        return STATUS_INSUFFICIENT_RESOURCES;
    p->s = ns;
    *old_n = p->n;
    p->s[p->n++] = L'\\';
    status = cm_key_name(key, FALSE, p->s + p->n, len, &len);
    p->n += len;
    return status == STATUS_BUFFER_OVERFLOW ? STATUS_INSUFFICIENT_RESOURCES : status;
}

/* Writes key's block and then its subtree (pre-order). */
static NTSTATUS cm_out_tree(struct cm_out *o, struct cm_key *key, struct cm_path *path)
{
    struct cm_key_info ki;
    NTSTATUS status = cm_key_info(key, &ki);

    if (!NT_SUCCESS(status) || (o->skip_volatile && ki.is_volatile))
        return status == STATUS_KEY_DELETED ? STATUS_SUCCESS : status;
    cm_out_a(o, "[");
    cm_out_path(o, path->s, path->n);
    cm_out_a(o, "]");
    cm_out_nl(o);
    status = cm_out_values(o, key);
    cm_out_nl(o);
    for (ULONG i = 0; NT_SUCCESS(status); i++) {
        struct cm_key *sub = NULL;
        size_t old_n = path->n;
        status = cm_key_subkey_at(key, i, &sub);
        if (status == STATUS_NO_MORE_ENTRIES)
            return STATUS_SUCCESS;
        if (NT_SUCCESS(status))
            status = cm_path_push(path, sub, &old_n);
        if (NT_SUCCESS(status))
            status = cm_out_tree(o, sub, path);
        path->n = old_n;
        cm_key_release(sub);
    }
    return status;
}

/* The regedit name of key's full path: \REGISTRY\MACHINE -> HKEY_LOCAL_MACHINE,
 * \REGISTRY\USER -> HKEY_USERS; anything else (\REGISTRY itself) cannot be written. */
static NTSTATUS cm_root_path(struct cm_key *key, struct cm_path *p)
{
    static const struct {
        const char *nt, *regedit;
    } roots[] = {{"\\REGISTRY\\MACHINE", "HKEY_LOCAL_MACHINE"}, {"\\REGISTRY\\USER", "HKEY_USERS"}};
    WCHAR *full = NULL;
    size_t len, cap = 0;
    NTSTATUS status;

    while ((status = cm_key_name(key, TRUE, full, cap, &len)) == STATUS_BUFFER_OVERFLOW) {
        free(full);
        cap = len;
        if (!(full = malloc((cap + 1) * sizeof(WCHAR))))
            return STATUS_INSUFFICIENT_RESOURCES;
    }
    for (size_t i = 0; NT_SUCCESS(status) && i < RTL_NUMBER_OF(roots); i++) {
        size_t rl = strlen(roots[i].nt), al = strlen(roots[i].regedit);
        if (len < rl || !cm_name_equals_ascii(full, rl, roots[i].nt) ||
            (len > rl && full[rl] != L'\\'))
            continue;
        p->s = malloc((al + len - rl + 1) * sizeof(WCHAR));
        if (!p->s)
            status = STATUS_INSUFFICIENT_RESOURCES;
        for (size_t j = 0; p->s && j < al; j++)
            p->s[j] = (WCHAR)roots[i].regedit[j];
        if (p->s && len > rl)
            memcpy(p->s + al, full + rl, (len - rl) * sizeof(WCHAR));
        p->n = al + len - rl;
        free(full);
        return status;
    }
    free(full);
    return NT_SUCCESS(status) ? STATUS_INVALID_PARAMETER : status;
}

static NTSTATUS cm_export_key(struct cm_out *o, struct cm_key *key)
{
    struct cm_path path = {NULL, 0};
    NTSTATUS status = cm_root_path(key, &path);

    if (NT_SUCCESS(status))
        status = cm_out_tree(o, key, &path);
    free(path.s);
    return status;
}

static NTSTATUS cm_export_all(struct cm_out *o)
{
    static const WCHAR machine[] = L"\\Registry\\Machine", user[] = L"\\Registry\\User";
    const WCHAR *const roots[] = {machine, user};
    const size_t lens[] = {RTL_NUMBER_OF(machine) - 1, RTL_NUMBER_OF(user) - 1};
    NTSTATUS status = STATUS_SUCCESS;

    for (size_t i = 0; i < 2 && NT_SUCCESS(status); i++) {
        struct cm_key *k;
        status = cm_key_open(roots[i], lens[i], FALSE, &k, NULL);
        if (NT_SUCCESS(status)) {
            status = cm_export_key(o, k);
            cm_key_release(k);
        }
    }
    return status;
}

/* The UTF-16 text as little-endian bytes with a BOM. */
static NTSTATUS cm_out_bytes(const struct cm_out *o, void **buf, size_t *size)
{
    UCHAR *b = malloc(2 + o->n * 2);

    if (!b)
        return STATUS_INSUFFICIENT_RESOURCES;
    b[0] = 0xFF;
    b[1] = 0xFE;
    for (size_t i = 0; i < o->n; i++) {
        b[2 + 2 * i] = (UCHAR)(o->s[i] & 0xFF);
        b[3 + 2 * i] = (UCHAR)(o->s[i] >> 8);
    }
    *buf = b;
    *size = 2 + o->n * 2;
    return STATUS_SUCCESS;
}

NTSTATUS cm_regfile_export_buffer(struct cm_key *key, BOOLEAN skip_volatile, void **buf,
                                  size_t *size)
{
    struct cm_out o = {0};
    NTSTATUS status;

    if (!buf || !size)
        return STATUS_INVALID_PARAMETER;
    o.skip_volatile = skip_volatile;
    cm_out_a(&o, "Windows Registry Editor Version 5.00");
    cm_out_nl(&o);
    cm_out_nl(&o);
    cm_snapshot_begin();
    status = key ? cm_export_key(&o, key) : cm_export_all(&o);
    cm_snapshot_end();
    if (NT_SUCCESS(status) && o.failed)
        status = STATUS_INSUFFICIENT_RESOURCES;
    if (NT_SUCCESS(status))
        status = cm_out_bytes(&o, buf, size);
    free(o.s);
    return status;
}

NTSTATUS cm_regfile_export(const char *key, const char *path)
{
    struct cm_key *k = NULL;
    WCHAR *nt = NULL;
    size_t len;
    void *buf = NULL;
    size_t size;
    NTSTATUS status = STATUS_SUCCESS;

    if (!path)
        return STATUS_INVALID_PARAMETER;
    if (key && key[0]) {
        status = cm_path_from_utf8(key, &nt, &len);
        if (NT_SUCCESS(status))
            status = cm_key_open(nt, len, FALSE, &k, NULL);
    }
    if (NT_SUCCESS(status))
        status = cm_regfile_export_buffer(k, FALSE, &buf, &size);
    if (NT_SUCCESS(status))
        status = cm_file_write_atomic(path, buf, size);
    free(buf);
    free(nt);
    cm_key_release(k);
    return status;
}
