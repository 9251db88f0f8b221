/*
 * path.c - registry names and paths: case folding, comparison, path checking and iteration,
 * and the host's regedit/NT path forms.
 *
 * Pure functions over counted UTF-16 strings; no state, no locks.
 */
#include "cm/cm_private.h"

#include <stdlib.h>
#include <string.h>

WCHAR cm_upcase(WCHAR c)
{
    if (c >= 'a' && c <= 'z')
        return (WCHAR)(c - ('a' - 'A'));
    if (c < 0xE0)
        return c;
    if (c <= 0xFE)
        return c == 0xF7 ? c : (WCHAR)(c - 0x20); /* U+00F7 is the division sign */
    if (c == 0xFF)
        return 0x178; /* y with diaeresis: its capital is outside Latin-1 */
    return c;
}

int cm_name_compare(const WCHAR *a, size_t alen, const WCHAR *b, size_t blen)
{
    size_t n = alen < blen ? alen : blen;

    for (size_t i = 0; i < n; i++) {
        WCHAR ua = cm_upcase(a[i]), ub = cm_upcase(b[i]);
        if (ua != ub)
            return ua < ub ? -1 : 1;
    }
    if (alen == blen)
        return 0;
    return alen < blen ? -1 : 1;
}

BOOLEAN cm_name_equals_ascii(const WCHAR *name, size_t len, const char *ascii)
{
    size_t i;

    for (i = 0; i < len && ascii[i]; i++) {
        if (cm_upcase(name[i]) != cm_upcase((WCHAR)(unsigned char)ascii[i]))
            return FALSE;
    }
    return i == len && ascii[i] == '\0';
}

NTSTATUS cm_path_check(const WCHAR *path, size_t len, size_t max_depth, size_t *depth)
{
    size_t count = 0, start = 0;

    if (len == 0)
        goto done;
    /* Every '\' ends a component, as does the end of the string: so a leading, doubled or
     * trailing separator yields an empty component. */
    for (size_t i = 0; i <= len; i++) {
        if (i < len && path[i] != L'\\')
            continue;
        if (i == start)
            return STATUS_OBJECT_NAME_INVALID;
        if (i - start > CM_MAX_KEY_NAME_CHARS)
            return STATUS_INVALID_PARAMETER;
        if (++count > max_depth)
            return STATUS_INVALID_PARAMETER;
        start = i + 1;
    }
done:
    if (depth)
        *depth = count;
    return STATUS_SUCCESS;
}

BOOLEAN cm_path_next(const WCHAR *path, size_t len, size_t *pos, const WCHAR **comp,
                     size_t *comp_len)
{
    size_t start = *pos, end;

    if (start >= len)
        return FALSE;
    for (end = start; end < len && path[end] != L'\\'; end++)
        ;
    *comp = path + start;
    *comp_len = end - start;
    *pos = end + 1;
    return TRUE;
}

/* ---- regedit roots ---------------------------------------------------------------------- */

struct cm_root_alias {
    const char *long_name;
    const char *short_name;
    const char *nt_path;
};

static const struct cm_root_alias cm_root_aliases[] = {
    {"HKEY_LOCAL_MACHINE", "HKLM", "\\Registry\\Machine"},
    {"HKEY_USERS", "HKU", "\\Registry\\User"},
    {"HKEY_CURRENT_CONFIG", "HKCC",
     "\\Registry\\Machine\\System\\CurrentControlSet\\Hardware Profiles\\Current"},
    {"HKEY_CLASSES_ROOT", "HKCR", "\\Registry\\Machine\\Software\\Classes"},
};

/* The NT path of the regedit root name (the text before the first '\'), or NULL. */
static const char *cm_root_lookup(const WCHAR *root, size_t len)
{
    for (size_t i = 0; i < RTL_NUMBER_OF(cm_root_aliases); i++) {
        const struct cm_root_alias *a = &cm_root_aliases[i];
        if (cm_name_equals_ascii(root, len, a->long_name) ||
            cm_name_equals_ascii(root, len, a->short_name))
            return a->nt_path;
    }
    return NULL;
}

/* Builds prefix (ASCII) + rest into a new NUL-terminated string. */
static NTSTATUS cm_path_join(const char *prefix, const WCHAR *rest, size_t rest_len, WCHAR **out,
                             size_t *out_len)
{
    size_t plen = strlen(prefix);
    WCHAR *s = malloc((plen + rest_len + 1) * sizeof(WCHAR));

    if (!s)
        return STATUS_INSUFFICIENT_RESOURCES;
    for (size_t i = 0; i < plen; i++)
        s[i] = (WCHAR)(unsigned char)prefix[i];
    if (rest_len)
        memcpy(s + plen, rest, rest_len * sizeof(WCHAR));
    s[plen + rest_len] = 0;
    *out = s;
    *out_len = plen + rest_len;
    return STATUS_SUCCESS;
}

NTSTATUS cm_path_from_regedit(const WCHAR *w, size_t wlen, WCHAR **nt_path, size_t *len)
{
    size_t root_len = 0;
    const char *prefix;
    NTSTATUS status;

    while (root_len < wlen && w[root_len] != L'\\')
        root_len++;
    prefix = cm_root_lookup(w, root_len);
    if (!prefix)
        return STATUS_OBJECT_PATH_SYNTAX_BAD;
    if (root_len < wlen) { /* a separator follows the root: the rest must be a valid path */
        status = cm_path_check(w + root_len + 1, wlen - root_len - 1, CM_MAX_DEPTH, NULL);
        if (!NT_SUCCESS(status))
            return status;
        if (root_len + 1 == wlen)
            return STATUS_OBJECT_NAME_INVALID; /* "HKLM\" */
    }
    return cm_path_join(prefix, w + root_len, wlen - root_len, nt_path, len);
}

NTSTATUS cm_path_from_utf8(const char *path, WCHAR **nt_path, size_t *len)
{
    WCHAR *w;
    size_t wlen;
    NTSTATUS status;

    if (!path || !nt_path || !len)
        return STATUS_INVALID_PARAMETER;
    if (path[0] == '\0')
        return STATUS_OBJECT_NAME_INVALID;
    status = cm_utf8_to_utf16(path, strlen(path), &w, &wlen);
    if (!NT_SUCCESS(status))
        return status;
    if (w[0] == L'\\') {
        /* NT form: validated (the depth limit counts \Registry itself here) and kept as is. */
        status = cm_path_check(w + 1, wlen - 1, CM_MAX_DEPTH + 1, NULL);
        if (NT_SUCCESS(status) && wlen == 1)
            status = STATUS_OBJECT_NAME_INVALID;
        if (NT_SUCCESS(status)) {
            *nt_path = w;
            *len = wlen;
            return STATUS_SUCCESS;
        }
    } else {
        status = cm_path_from_regedit(w, wlen, nt_path, len);
    }
    free(w);
    return status;
}
