/*
 * utf.c - the runtime's one UTF-8 <-> UTF-16 conversion (host strings: scenario paths, .reg
 * files, the registry host API, object names).
 *
 * Strict in both directions: a malformed sequence (an overlong form, C0/C1, a continuation byte
 * out of place, a surrogate encoded in UTF-8, a code point above U+10FFFF, an unpaired UTF-16
 * surrogate) is an error, never repaired with U+FFFD, so a bad host string cannot alias another
 * name. The callers allocate; these routines never do.
 */
#include "rtl/rtl_private.h"

/* Decodes one code point at in[*pos]; returns -1 if the sequence is malformed. */
long rtl_utf8_decode(const unsigned char *in, size_t len, size_t *pos)
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

/* Reads one code point at in[*pos]; returns -1 for an unpaired surrogate. */
long rtl_utf16_decode(const WCHAR *in, size_t len, size_t *pos)
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

size_t rtl_utf8_encode(unsigned long cp, char *out)
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

bool rtl_utf8_to_utf16(const char *in, size_t in_len, WCHAR *out, size_t *out_len)
{
    const unsigned char *s = (const unsigned char *)in;
    size_t pos = 0, n = 0;
    while (pos < in_len) {
        long cp = rtl_utf8_decode(s, in_len, &pos);
        if (cp < 0)
            return false;
        if (cp >= 0x10000) {
            cp -= 0x10000;
            out[n++] = (WCHAR)(0xD800 + (cp >> 10));
            out[n++] = (WCHAR)(0xDC00 + (cp & 0x3FF));
        } else {
            out[n++] = (WCHAR)cp;
        }
    }
    out[n] = 0;
    *out_len = n;
    return true;
}

bool rtl_utf16_to_utf8(const WCHAR *in, size_t in_len, char *out, size_t *out_len)
{
    size_t pos = 0, n = 0;
    while (pos < in_len) {
        long cp = rtl_utf16_decode(in, in_len, &pos);
        if (cp < 0)
            return false;
        n += rtl_utf8_encode((unsigned long)cp, out + n);
    }
    out[n] = 0;
    *out_len = n;
    return true;
}
