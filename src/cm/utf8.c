/*
 * utf8.c - strict UTF-8 <-> UTF-16 conversion for the host-facing registry helpers.
 *
 * Strict in both directions: malformed input is an error (STATUS_INVALID_PARAMETER), never
 * repaired with U+FFFD, so a bad name or path cannot silently alias another one.
 */
#include "cm/cm.h"

#include <stdlib.h>

/* Decodes one code point at in[*pos]; returns -1 if the sequence is malformed. */
static long cm_utf8_decode(const unsigned char *in, size_t len, size_t *pos)
{
    unsigned char c = in[*pos];
    size_t need;
    unsigned long cp, min;

    if (c < 0x80) {
        (*pos)++;
        return c;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1, cp = c & 0x1F, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2, cp = c & 0x0F, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3, cp = c & 0x07, min = 0x10000;
    } else {
        return -1; /* continuation byte, C0/C1 (always overlong) or F5..FF */
    }
    if (len - *pos - 1 < need)
        return -1;
    for (size_t i = 1; i <= need; i++) {
        unsigned char cc = in[*pos + i];
        if ((cc & 0xC0) != 0x80)
            return -1;
        cp = (cp << 6) | (cc & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return -1;
    *pos += need + 1;
    return (long)cp;
}

NTSTATUS cm_utf8_to_utf16(const char *in, size_t in_len, WCHAR **out, size_t *out_len)
{
    const unsigned char *s = (const unsigned char *)in;
    WCHAR *w;
    size_t pos = 0, n = 0;

    if (!in && in_len)
        return STATUS_INVALID_PARAMETER;
    /* UTF-16 never needs more code units than UTF-8 has bytes. */
    w = malloc((in_len + 1) * sizeof(WCHAR));
    if (!w)
        return STATUS_INSUFFICIENT_RESOURCES;
    while (pos < in_len) {
        long cp = cm_utf8_decode(s, in_len, &pos);
        if (cp < 0) {
            free(w);
            return STATUS_INVALID_PARAMETER;
        }
        if (cp >= 0x10000) {
            cp -= 0x10000;
            w[n++] = (WCHAR)(0xD800 + (cp >> 10));
            w[n++] = (WCHAR)(0xDC00 + (cp & 0x3FF));
        } else {
            w[n++] = (WCHAR)cp;
        }
    }
    w[n] = 0;
    *out = w;
    if (out_len)
        *out_len = n;
    return STATUS_SUCCESS;
}

/* Reads one code point at in[*pos]; returns -1 for an unpaired surrogate. */
static long cm_utf16_decode(const WCHAR *in, size_t len, size_t *pos)
{
    unsigned long c = in[*pos];

    if (c < 0xD800 || c > 0xDFFF) {
        (*pos)++;
        return (long)c;
    }
    if (c >= 0xDC00 || *pos + 1 >= len || in[*pos + 1] < 0xDC00 || in[*pos + 1] > 0xDFFF)
        return -1;
    c = 0x10000 + ((c - 0xD800) << 10) + (in[*pos + 1] - 0xDC00u);
    *pos += 2;
    return (long)c;
}

static size_t cm_utf8_encode(unsigned long cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

NTSTATUS cm_utf16_to_utf8(const WCHAR *in, size_t in_len, char **out, size_t *out_len)
{
    char *s;
    size_t pos = 0, n = 0;

    if (!in && in_len)
        return STATUS_INVALID_PARAMETER;
    /* At most 3 bytes per code unit (a pair is 4 bytes for 2 units). */
    s = malloc(in_len * 3 + 1);
    if (!s)
        return STATUS_INSUFFICIENT_RESOURCES;
    while (pos < in_len) {
        long cp = cm_utf16_decode(in, in_len, &pos);
        if (cp < 0) {
            free(s);
            return STATUS_INVALID_PARAMETER;
        }
        n += cm_utf8_encode((unsigned long)cp, s + n);
    }
    s[n] = '\0';
    *out = s;
    if (out_len)
        *out_len = n;
    return STATUS_SUCCESS;
}
