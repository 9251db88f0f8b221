/*
 * utf8.c - the registry host helpers' allocating wrappers of the runtime's strict UTF-8 <->
 * UTF-16 conversion (src/rtl/utf.c): malformed input is STATUS_INVALID_PARAMETER.
 */
#include "cm/cm_private.h"

#include "rtl/rtl.h"

#include <stdlib.h>

NTSTATUS cm_utf8_to_utf16(const char *in, size_t in_len, WCHAR **out, size_t *out_len)
{
    WCHAR *w;
    size_t n = 0;
    if (!in && in_len)
        return STATUS_INVALID_PARAMETER;
    /* UTF-16 never needs more code units than UTF-8 has bytes. */
    w = malloc((in_len + 1) * sizeof(WCHAR));
    if (!w)
        return STATUS_INSUFFICIENT_RESOURCES;
    if (!rtl_utf8_to_utf16(in ? in : "", in_len, w, &n)) {
        free(w);
        return STATUS_INVALID_PARAMETER;
    }
    *out = w;
    if (out_len)
        *out_len = n;
    return STATUS_SUCCESS;
}

NTSTATUS cm_utf16_to_utf8(const WCHAR *in, size_t in_len, char **out, size_t *out_len)
{
    char *s;
    size_t n = 0;
    if (!in && in_len)
        return STATUS_INVALID_PARAMETER;
    /* At most 3 bytes per code unit (a pair is 4 bytes for 2 units). */
    s = malloc(in_len * 3 + 1);
    if (!s)
        return STATUS_INSUFFICIENT_RESOURCES;
    if (!rtl_utf16_to_utf8(in, in_len, s, &n)) {
        free(s);
        return STATUS_INVALID_PARAMETER;
    }
    *out = s;
    if (out_len)
        *out_len = n;
    return STATUS_SUCCESS;
}
