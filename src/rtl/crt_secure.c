/*
 * crt_secure.c - the kernel CRT's bounds-checked routines for drivers: wcscpy_s and the other
 * _s copies, memcpy_s/memmove_s, the _s printf forms and _itoa_s and friends. Exported as
 * drvhost_crt_<name> (drvhost_crt.h explains the asm labels).
 *
 * Errors follow the tables of Microsoft's documentation for the case where the invalid
 * parameter handler returns: EINVAL/ERANGE/STRUNCATE (or -1 for printf) with the destination
 * left as documented. drvhost calls no handler and sets no errno; a destination size of 0 is
 * EINVAL with the destination untouched (the Universal CRT's behaviour).
 *
 * The narrow and wide forms share one implementation each, over "elements" of 1 or 2 bytes.
 * Thread-safe, no allocation, any IRQL.
 */
#include <string.h>

#include "rtl/rtl_private.h"

/* ---- elements of either width ------------------------------------------------------------- */

static unsigned get_el(const void *s, size_t i, int wide)
{
    return wide ? ((const WCHAR *)s)[i] : ((const unsigned char *)s)[i];
}

static void put_el(void *s, size_t i, unsigned c, int wide)
{
    if (wide)
        ((WCHAR *)s)[i] = (WCHAR)c;
    else
        ((char *)s)[i] = (char)c;
}

/* Length of s, looking at no more than max elements (returns max when unterminated). */
static size_t len_el(const void *s, size_t max, int wide)
{
    size_t n = 0;
    while (n < max && get_el(s, n, wide) != 0)
        n++;
    return n;
}

static void copy_el(void *dst, size_t at, const void *src, size_t n, int wide)
{
    for (size_t i = 0; i < n; i++)
        put_el(dst, at + i, get_el(src, i, wide), wide);
    put_el(dst, at + n, 0, wide);
}

/* ---- copy and concatenation --------------------------------------------------------------- */

/* strncpy_s/wcsncpy_s; strcpy_s is this with count _TRUNCATE's "whole string" but no
 * truncation (all = 1). */
static errno_t copy_s(void *dest, size_t size, const void *src, size_t count, int wide, int all)
{
    size_t n;

    if (count == 0 && dest == NULL && size == 0 && !all)
        return 0;
    if (dest == NULL || size == 0)
        return EINVAL;
    if (count == 0 && !all) {
        put_el(dest, 0, 0, wide);
        return 0;
    }
    if (src == NULL) {
        put_el(dest, 0, 0, wide);
        return EINVAL;
    }
    n = len_el(src, all || count == _TRUNCATE ? (size_t)-1 : count, wide);
    if (n < size) {
        copy_el(dest, 0, src, n, wide);
        return 0;
    }
    if (count == _TRUNCATE && !all) {
        copy_el(dest, 0, src, size - 1, wide);
        return STRUNCATE;
    }
    put_el(dest, 0, 0, wide);
    return ERANGE;
}

/* strncat_s/wcsncat_s; strcat_s is this with all = 1 (no count, no truncation). */
static errno_t cat_s(void *dest, size_t size, const void *src, size_t count, int wide, int all)
{
    size_t dlen, n;

    if (count == 0 && dest == NULL && size == 0 && !all)
        return 0;
    if (dest == NULL || size == 0)
        return EINVAL;
    if (src == NULL && (all || count != 0)) {
        put_el(dest, 0, 0, wide);
        return EINVAL;
    }
    dlen = len_el(dest, size, wide);
    if (dlen == size) { /* the destination is not a string: no terminator within its size */
        put_el(dest, 0, 0, wide);
        return EINVAL;
    }
    n = src == NULL ? 0 : len_el(src, all || count == _TRUNCATE ? (size_t)-1 : count, wide);
    if (n < size - dlen) {
        copy_el(dest, dlen, src, n, wide);
        return 0;
    }
    if (count == _TRUNCATE && !all) {
        copy_el(dest, dlen, src, size - dlen - 1, wide);
        return STRUNCATE;
    }
    put_el(dest, 0, 0, wide);
    return ERANGE;
}

NTSYSAPI errno_t __cdecl drvhost_crt_wcscpy_s(wchar_t *dest, rsize_t dest_size, const wchar_t *src)
{
    return copy_s(dest, dest_size, src, 0, 1, 1);
}

NTSYSAPI errno_t __cdecl drvhost_crt_wcsncpy_s(wchar_t *strDest, size_t numberOfElements,
                                               const wchar_t *strSource, size_t count)
{
    return copy_s(strDest, numberOfElements, strSource, count, 1, 0);
}

NTSYSAPI errno_t __cdecl drvhost_crt_wcscat_s(wchar_t *strDestination, size_t numberOfElements,
                                              const wchar_t *strSource)
{
    return cat_s(strDestination, numberOfElements, strSource, 0, 1, 1);
}

NTSYSAPI errno_t __cdecl drvhost_crt_wcsncat_s(wchar_t *strDest, size_t numberOfElements,
                                               const wchar_t *strSource, size_t count)
{
    return cat_s(strDest, numberOfElements, strSource, count, 1, 0);
}

NTSYSAPI errno_t __cdecl drvhost_crt_strcpy_s(char *dest, rsize_t dest_size, const char *src)
{
    return copy_s(dest, dest_size, src, 0, 0, 1);
}

NTSYSAPI errno_t __cdecl drvhost_crt_strncpy_s(char *strDest, size_t numberOfElements,
                                               const char *strSource, size_t count)
{
    return copy_s(strDest, numberOfElements, strSource, count, 0, 0);
}

NTSYSAPI errno_t __cdecl drvhost_crt_strcat_s(char *strDestination, size_t numberOfElements,
                                              const char *strSource)
{
    return cat_s(strDestination, numberOfElements, strSource, 0, 0, 1);
}

NTSYSAPI errno_t __cdecl drvhost_crt_strncat_s(char *strDest, size_t numberOfElements,
                                               const char *strSource, size_t count)
{
    return cat_s(strDest, numberOfElements, strSource, count, 0, 0);
}

/* count 0 succeeds whatever the pointers; a NULL source or a too small destination clears
 * the whole destination. */
NTSYSAPI errno_t __cdecl drvhost_crt_memcpy_s(void *dest, size_t destSize, const void *src,
                                              size_t count)
{
    if (count == 0)
        return 0;
    if (dest == NULL)
        return EINVAL;
    if (src == NULL || destSize < count) {
        memset(dest, 0, destSize);
        return src == NULL ? EINVAL : ERANGE;
    }
    memmove(dest, src, count); /* overlap is undefined for memcpy_s: be kind */
    return 0;
}

/* Unlike memcpy_s, a failure leaves the destination alone. */
NTSYSAPI errno_t __cdecl drvhost_crt_memmove_s(void *dest, size_t numberOfElements, const void *src,
                                               size_t count)
{
    if (count == 0)
        return 0;
    if (dest == NULL || src == NULL)
        return EINVAL;
    if (numberOfElements < count)
        return ERANGE;
    memmove(dest, src, count);
    return 0;
}

/* ---- printf ------------------------------------------------------------------------------- */

/* The common core of the _s printf forms. `limit` is the most characters the output may have
 * before it counts as truncated, `truncate` whether truncation is allowed (the output is then
 * cut at limit and -1 returned) rather than an error (buffer[0] = 0 and -1). */
static int format_s(int wide, void *buffer, size_t size, size_t limit, int truncate,
                    const void *format, va_list ap)
{
    ptrdiff_t n;

    if (buffer == NULL || size == 0)
        return -1;
    if (format == NULL) {
        put_el(buffer, 0, 0, wide);
        return -1;
    }
    n = rtl_vformat(wide, buffer, limit, format, ap);
    if (n >= 0 && (size_t)n <= limit && n <= 0x7FFFFFFF) {
        put_el(buffer, (size_t)n, 0, wide);
        return (int)n;
    }
    put_el(buffer, n >= 0 && truncate ? limit : 0, 0, wide);
    return -1;
}

/* _snprintf_s: count _TRUNCATE or below the buffer size truncates; a larger count is only a
 * bound, and output not fitting the buffer is an error. */
static int snformat_s(int wide, void *buffer, size_t size, size_t count, const void *format,
                      va_list ap)
{
    if (count == 0 && buffer == NULL && size == 0)
        return 0;
    if (size == 0)
        return -1;
    if (count == _TRUNCATE)
        return format_s(wide, buffer, size, size - 1, 1, format, ap);
    if (count < size)
        return format_s(wide, buffer, size, count, 1, format, ap);
    return format_s(wide, buffer, size, size - 1, 0, format, ap);
}

NTSYSAPI int __cdecl drvhost_crt_vswprintf_s(wchar_t *buffer, size_t numberOfElements,
                                             const wchar_t *format, va_list argptr)
{
    return format_s(1, buffer, numberOfElements, numberOfElements ? numberOfElements - 1 : 0, 0,
                    format, argptr);
}

NTSYSAPI int __cdecl drvhost_crt_swprintf_s(wchar_t *buffer, size_t sizeOfBuffer,
                                            const wchar_t *format, ...)
{
    va_list ap;
    int n;
    va_start(ap, format);
    n = drvhost_crt_vswprintf_s(buffer, sizeOfBuffer, format, ap);
    va_end(ap);
    return n;
}

NTSYSAPI int __cdecl drvhost_crt__vsnwprintf_s(wchar_t *buffer, size_t sizeOfBuffer, size_t count,
                                               const wchar_t *format, va_list argptr)
{
    return snformat_s(1, buffer, sizeOfBuffer, count, format, argptr);
}

NTSYSAPI int __cdecl drvhost_crt__snwprintf_s(wchar_t *buffer, size_t sizeOfBuffer, size_t count,
                                              const wchar_t *format, ...)
{
    va_list ap;
    int n;
    va_start(ap, format);
    n = snformat_s(1, buffer, sizeOfBuffer, count, format, ap);
    va_end(ap);
    return n;
}

NTSYSAPI int __cdecl drvhost_crt_vsprintf_s(char *buffer, size_t numberOfElements,
                                            const char *format, va_list argptr)
{
    return format_s(0, buffer, numberOfElements, numberOfElements ? numberOfElements - 1 : 0, 0,
                    format, argptr);
}

NTSYSAPI int __cdecl drvhost_crt_sprintf_s(char *buffer, size_t sizeOfBuffer, const char *format,
                                           ...)
{
    va_list ap;
    int n;
    va_start(ap, format);
    n = drvhost_crt_vsprintf_s(buffer, sizeOfBuffer, format, ap);
    va_end(ap);
    return n;
}

NTSYSAPI int __cdecl drvhost_crt__vsnprintf_s(char *buffer, size_t sizeOfBuffer, size_t count,
                                              const char *format, va_list argptr)
{
    return snformat_s(0, buffer, sizeOfBuffer, count, format, argptr);
}

NTSYSAPI int __cdecl drvhost_crt__snprintf_s(char *buffer, size_t sizeOfBuffer, size_t count,
                                             const char *format, ...)
{
    va_list ap;
    int n;
    va_start(ap, format);
    n = snformat_s(0, buffer, sizeOfBuffer, count, format, ap);
    va_end(ap);
    return n;
}

/* ---- integers to strings ------------------------------------------------------------------ */

/* Writes `magnitude` in `radix` (with a leading '-' when negative) and a terminator. */
static errno_t to_string(ULONGLONG magnitude, int negative, void *buffer, size_t size, int radix,
                         int wide)
{
    char digits[65];
    size_t n = 0, at = 0;

    if (buffer == NULL || size == 0)
        return EINVAL;
    if (radix < 2 || radix > 36) {
        put_el(buffer, 0, 0, wide);
        return EINVAL;
    }
    do {
        unsigned d = (unsigned)(magnitude % (unsigned)radix);
        digits[n++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
        magnitude /= (unsigned)radix;
    } while (magnitude != 0);
    if (n + (negative ? 1 : 0) + 1 > size) {
        put_el(buffer, 0, 0, wide);
        return ERANGE;
    }
    if (negative)
        put_el(buffer, at++, '-', wide);
    while (n > 0)
        put_el(buffer, at++, (unsigned char)digits[--n], wide);
    put_el(buffer, at, 0, wide);
    return 0;
}

/* A signed value of `bits` width: negative with a '-' in radix 10 only, otherwise its two's
 * complement bit pattern of that width. */
static errno_t signed_to_string(LONGLONG value, unsigned bits, void *buffer, size_t size, int radix,
                                int wide)
{
    ULONGLONG mask = bits == 64 ? ~0ULL : (1ULL << bits) - 1;
    if (radix == 10 && value < 0)
        return to_string(0 - (ULONGLONG)value, 1, buffer, size, radix, wide);
    return to_string((ULONGLONG)value & mask, 0, buffer, size, radix, wide);
}

NTSYSAPI errno_t __cdecl drvhost_crt__itoa_s(int value, char *buffer, size_t size, int radix)
{
    return signed_to_string(value, 32, buffer, size, radix, 0);
}

NTSYSAPI errno_t __cdecl drvhost_crt__itow_s(int value, wchar_t *buffer, size_t size, int radix)
{
    return signed_to_string(value, 32, buffer, size, radix, 1);
}

/* Windows' long is 32 bits: the low 32 bits of the (LP64) argument are converted. */
NTSYSAPI errno_t __cdecl drvhost_crt__ltoa_s(long value, char *buffer, size_t size, int radix)
{
    return signed_to_string((LONG)value, 32, buffer, size, radix, 0);
}

NTSYSAPI errno_t __cdecl drvhost_crt__ltow_s(long value, wchar_t *buffer, size_t size, int radix)
{
    return signed_to_string((LONG)value, 32, buffer, size, radix, 1);
}

NTSYSAPI errno_t __cdecl drvhost_crt__ultoa_s(unsigned long value, char *buffer, size_t size,
                                              int radix)
{
    return to_string((ULONG)value, 0, buffer, size, radix, 0);
}

NTSYSAPI errno_t __cdecl drvhost_crt__ultow_s(unsigned long value, wchar_t *buffer, size_t size,
                                              int radix)
{
    return to_string((ULONG)value, 0, buffer, size, radix, 1);
}

NTSYSAPI errno_t __cdecl drvhost_crt__i64toa_s(long long value, char *buffer, size_t size,
                                               int radix)
{
    return signed_to_string(value, 64, buffer, size, radix, 0);
}

NTSYSAPI errno_t __cdecl drvhost_crt__i64tow_s(long long value, wchar_t *buffer, size_t size,
                                               int radix)
{
    return signed_to_string(value, 64, buffer, size, radix, 1);
}

NTSYSAPI errno_t __cdecl drvhost_crt__ui64toa_s(unsigned long long value, char *buffer, size_t size,
                                                int radix)
{
    return to_string(value, 0, buffer, size, radix, 0);
}

NTSYSAPI errno_t __cdecl drvhost_crt__ui64tow_s(unsigned long long value, wchar_t *buffer,
                                                size_t size, int radix)
{
    return to_string(value, 0, buffer, size, radix, 1);
}
