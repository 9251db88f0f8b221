/*
 * format.c - the Microsoft printf dialect, narrow and wide, and the CRT entry points ntoskrnl
 * exports to drivers (_vsnprintf, _vsnwprintf, _snprintf, _snwprintf).
 *
 * One engine produces char or WCHAR output from a char or WCHAR format. The dialect is
 * Microsoft's, not C99's:
 *   - sizes: h, hh, l (32-bit: LLP64), ll, I (pointer size, 64), I32, I64, z, j, t, L (long
 *     double), w (wide, for c/s/Z);
 *   - %s and %c follow the output width (narrow in _snprintf, wide in _snwprintf, the legacy
 *     Microsoft rule), %S and %C the other width; %hs/%hc are always narrow, %ls/%ws/%lc/%wc
 *     always wide; %Z prints an ANSI_STRING, %wZ (or %lZ) a UNICODE_STRING;
 *   - %p prints 16 upper-case hex digits (x64); a NULL %s/%Z/%wZ argument prints "(null)";
 *   - %n is refused (the whole call fails), as the kernel CRT does;
 *   - an unknown conversion character is printed as itself.
 * Floating point (%e %f %g %a) formats its digits with the C library's snprintf; the exponent
 * therefore has at least two digits, as in the Universal CRT.
 *
 * Characters crossing widths: a wide character above U+00FF printed into narrow output becomes
 * '?'; a narrow byte printed into wide output is widened as Latin-1 (see convert.c). The
 * engine keeps no state: it is thread-safe and callable at any IRQL.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rtl/rtl_private.h"

struct out {
    int wide;
    void *buf;
    size_t cap; /* characters that may be stored */
    size_t len; /* characters produced so far (may exceed cap) */
};

static void put(struct out *o, unsigned c)
{
    if (o->len < o->cap) {
        if (o->wide)
            ((WCHAR *)o->buf)[o->len] = (WCHAR)c;
        else
            ((char *)o->buf)[o->len] = c < 0x100 ? (char)c : '?';
    }
    o->len++;
}

static void put_repeat(struct out *o, unsigned c, long n)
{
    while (n-- > 0)
        put(o, c);
}

enum size_mod {
    SZ_NONE,
    SZ_HH,
    SZ_H,
    SZ_L,
    SZ_LL,
    SZ_W,
    SZ_I64,
    SZ_I32,
    SZ_BIG_L
};

struct spec {
    int left, plus, space, alt, zero;
    long width;     /* 0: none */
    long precision; /* -1: none */
    enum size_mod size;
    unsigned conv;
};

/* ---- strings ------------------------------------------------------------------------------ */

/* Emits n characters of s (narrow bytes or WCHARs) padded to the spec's width. */
static void emit_chars(struct out *o, const struct spec *sp, const void *s, size_t n, int wide)
{
    long pad = sp->width > (long)n ? sp->width - (long)n : 0;
    size_t i;

    if (!sp->left)
        put_repeat(o, ' ', pad);
    for (i = 0; i < n; i++)
        put(o, wide ? ((const WCHAR *)s)[i] : ((const unsigned char *)s)[i]);
    if (sp->left)
        put_repeat(o, ' ', pad);
}

/* Length of a terminated string, never reading past max characters. */
static size_t bounded_len(const void *s, int wide, long max)
{
    size_t n = 0;

    while ((max < 0 || (long)n < max) &&
           (wide ? ((const WCHAR *)s)[n] != 0 : ((const char *)s)[n] != 0))
        n++;
    return n;
}

static void emit_string(struct out *o, const struct spec *sp, const void *s, int wide)
{
    if (s == NULL) {
        s = "(null)";
        wide = 0;
    }
    emit_chars(o, sp, s, bounded_len(s, wide, sp->precision), wide);
}

static void emit_counted(struct out *o, const struct spec *sp, const void *str, int wide)
{
    size_t n;
    const void *buf;

    if (wide) {
        const UNICODE_STRING *u = str;
        buf = u ? u->Buffer : NULL;
        n = u ? u->Length / sizeof(WCHAR) : 0;
    } else {
        const STRING *a = str;
        buf = a ? a->Buffer : NULL;
        n = a ? a->Length : 0;
    }
    if (buf == NULL) {
        emit_string(o, sp, NULL, 0);
        return;
    }
    if (sp->precision >= 0 && (size_t)sp->precision < n)
        n = (size_t)sp->precision;
    emit_chars(o, sp, buf, n, wide);
}

/* ---- integers ----------------------------------------------------------------------------- */

static void emit_integer(struct out *o, const struct spec *sp, ULONGLONG v, int negative)
{
    char digits[72], prefix[3] = {0};
    unsigned base = 10;
    const char *set = "0123456789abcdef";
    long n = 0, zeros, pad, plen;

    if (sp->conv == 'x' || sp->conv == 'X' || sp->conv == 'p')
        base = 16;
    else if (sp->conv == 'o')
        base = 8;
    if (sp->conv == 'X' || sp->conv == 'p')
        set = "0123456789ABCDEF";
    while (v != 0) {
        digits[n++] = set[v % base];
        v /= base;
    }
    if (n == 0 && sp->precision != 0)
        digits[n++] = '0';
    if (negative)
        prefix[0] = '-';
    else if (sp->plus && (sp->conv == 'd' || sp->conv == 'i'))
        prefix[0] = '+';
    else if (sp->space && (sp->conv == 'd' || sp->conv == 'i'))
        prefix[0] = ' ';
    else if (sp->alt && n > 0 && digits[n - 1] != '0' && (base == 16 && sp->conv != 'p')) {
        prefix[0] = '0';
        prefix[1] = (char)sp->conv;
    }
    zeros = sp->precision > n ? sp->precision - n : 0;
    if (sp->alt && sp->conv == 'o' && zeros == 0 && (n == 0 || digits[n - 1] != '0'))
        zeros = 1;
    plen = (long)strlen(prefix);
    pad = sp->width - plen - zeros - n;
    if (sp->zero && !sp->left && sp->precision < 0 && pad > 0) {
        zeros += pad;
        pad = 0;
    }
    if (!sp->left)
        put_repeat(o, ' ', pad);
    for (long i = 0; i < plen; i++)
        put(o, (unsigned char)prefix[i]);
    put_repeat(o, '0', zeros);
    while (n > 0)
        put(o, (unsigned char)digits[--n]);
    if (sp->left)
        put_repeat(o, ' ', pad);
}

static int is_64bit(enum size_mod size)
{
    return size == SZ_LL || size == SZ_I64;
}

static void format_integer(struct out *o, struct spec *sp, va_list *ap)
{
    ULONGLONG v;
    int negative = 0;

    if (sp->conv == 'p') {
        v = (ULONGLONG)(ULONG_PTR)va_arg(*ap, void *);
        if (sp->precision < 16)
            sp->precision = 16;
        emit_integer(o, sp, v, 0);
        return;
    }
    if (sp->conv == 'd' || sp->conv == 'i') {
        LONGLONG s = is_64bit(sp->size) ? va_arg(*ap, long long) : va_arg(*ap, int);
        if (sp->size == SZ_H)
            s = (short)s;
        else if (sp->size == SZ_HH)
            s = (signed char)s;
        negative = s < 0;
        v = negative ? 0 - (ULONGLONG)s : (ULONGLONG)s;
    } else {
        v = is_64bit(sp->size) ? va_arg(*ap, unsigned long long) : va_arg(*ap, unsigned int);
        if (sp->size == SZ_H)
            v = (unsigned short)v;
        else if (sp->size == SZ_HH)
            v = (unsigned char)v;
    }
    emit_integer(o, sp, v, negative);
}

/* ---- floating point ----------------------------------------------------------------------- */

static void format_float(struct out *o, const struct spec *sp, va_list *ap)
{
    char fmt[16], small[128], *text = small;
    long double ld = 0;
    double d = 0;
    int n, k = 0;

    if (sp->size == SZ_BIG_L)
        ld = va_arg(*ap, long double);
    else
        d = va_arg(*ap, double);
    fmt[k++] = '%';
    if (sp->left)
        fmt[k++] = '-';
    if (sp->plus)
        fmt[k++] = '+';
    if (sp->space)
        fmt[k++] = ' ';
    if (sp->alt)
        fmt[k++] = '#';
    if (sp->zero)
        fmt[k++] = '0';
    fmt[k++] = '*';
    fmt[k++] = '.';
    fmt[k++] = '*';
    if (sp->size == SZ_BIG_L)
        fmt[k++] = 'L';
    fmt[k++] = (char)sp->conv;
    fmt[k] = 0;
#define FLOAT_ARGS (int)sp->width, (int)sp->precision
    n = sp->size == SZ_BIG_L ? snprintf(small, sizeof(small), fmt, FLOAT_ARGS, ld)
                             : snprintf(small, sizeof(small), fmt, FLOAT_ARGS, d);
    if (n >= (int)sizeof(small)) {
        text = malloc((size_t)n + 1);
        if (text == NULL) {
            text = small;
            n = (int)sizeof(small) - 1;
        } else if (sp->size == SZ_BIG_L) {
            snprintf(text, (size_t)n + 1, fmt, FLOAT_ARGS, ld);
        } else {
            snprintf(text, (size_t)n + 1, fmt, FLOAT_ARGS, d);
        }
    }
#undef FLOAT_ARGS
    for (int i = 0; i < n; i++)
        put(o, (unsigned char)text[i]);
    if (text != small)
        free(text);
}

/* ---- the conversion loop ------------------------------------------------------------------ */

static unsigned fmt_char(const void *fmt, int wide, size_t i)
{
    return wide ? ((const WCHAR *)fmt)[i] : ((const unsigned char *)fmt)[i];
}

/* Parses flags, width, precision and size after the '%' at *i; leaves *i on the conversion. */
static void parse_spec(const void *fmt, int wide, size_t *i, struct spec *sp, va_list *ap)
{
    unsigned c;

    memset(sp, 0, sizeof(*sp));
    sp->precision = -1;
    for (;; (*i)++) {
        c = fmt_char(fmt, wide, *i);
        if (c == '-')
            sp->left = 1;
        else if (c == '+')
            sp->plus = 1;
        else if (c == ' ')
            sp->space = 1;
        else if (c == '#')
            sp->alt = 1;
        else if (c == '0')
            sp->zero = 1;
        else
            break;
    }
    if (c == '*') {
        int w = va_arg(*ap, int);
        if (w < 0) {
            sp->left = 1;
            w = -w;
        }
        sp->width = w;
        c = fmt_char(fmt, wide, ++(*i));
    } else {
        for (; c >= '0' && c <= '9'; c = fmt_char(fmt, wide, ++(*i)))
            sp->width = sp->width * 10 + (c - '0');
    }
    if (c == '.') {
        sp->precision = 0;
        c = fmt_char(fmt, wide, ++(*i));
        if (c == '*') {
            int p = va_arg(*ap, int);
            sp->precision = p < 0 ? -1 : p;
            c = fmt_char(fmt, wide, ++(*i));
        } else {
            for (; c >= '0' && c <= '9'; c = fmt_char(fmt, wide, ++(*i)))
                sp->precision = sp->precision * 10 + (c - '0');
        }
    }
    switch (c) {
    case 'h':
        sp->size = SZ_H;
        if (fmt_char(fmt, wide, *i + 1) == 'h') {
            sp->size = SZ_HH;
            (*i)++;
        }
        break;
    case 'l':
        sp->size = SZ_L;
        if (fmt_char(fmt, wide, *i + 1) == 'l') {
            sp->size = SZ_LL;
            (*i)++;
        }
        break;
    case 'w':
        sp->size = SZ_W;
        break;
    case 'L':
        sp->size = SZ_BIG_L;
        break;
    case 'z':
    case 'j':
    case 't':
        sp->size = SZ_I64;
        break;
    case 'I':
        sp->size = SZ_I64;
        if (fmt_char(fmt, wide, *i + 1) == '6' && fmt_char(fmt, wide, *i + 2) == '4')
            *i += 2;
        else if (fmt_char(fmt, wide, *i + 1) == '3' && fmt_char(fmt, wide, *i + 2) == '2') {
            sp->size = SZ_I32;
            *i += 2;
        }
        break;
    default:
        sp->conv = c;
        return;
    }
    sp->conv = fmt_char(fmt, wide, ++(*i));
}

/* Whether a %c/%s argument is wide: explicit sizes first, then S/C swap the output's width. */
static int arg_is_wide(const struct spec *sp, int out_wide)
{
    if (sp->size == SZ_H)
        return 0;
    if (sp->size == SZ_L || sp->size == SZ_W)
        return 1;
    return (sp->conv == 'S' || sp->conv == 'C') ? !out_wide : out_wide;
}

/* Handles one conversion; returns -1 for a refused one (%n). */
static int convert(struct out *o, struct spec *sp, va_list *ap)
{
    switch (sp->conv) {
    case 'd':
    case 'i':
    case 'u':
    case 'o':
    case 'x':
    case 'X':
    case 'p':
        format_integer(o, sp, ap);
        return 0;
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
    case 'a':
    case 'A':
        format_float(o, sp, ap);
        return 0;
    case 'c':
    case 'C': {
        int wide = arg_is_wide(sp, o->wide);
        unsigned ch = (unsigned)va_arg(*ap, int);
        WCHAR w = (WCHAR)ch;
        unsigned char b = (unsigned char)ch;
        emit_chars(o, sp, wide ? (const void *)&w : (const void *)&b, 1, wide);
        return 0;
    }
    case 's':
    case 'S': {
        int wide = arg_is_wide(sp, o->wide);
        emit_string(o, sp, va_arg(*ap, const void *), wide);
        return 0;
    }
    case 'Z':
        emit_counted(o, sp, va_arg(*ap, const void *), sp->size == SZ_W || sp->size == SZ_L);
        return 0;
    case 'n':
        return -1;
    case '%':
        put(o, '%');
        return 0;
    default:
        put(o, sp->conv); /* unknown: printed as itself */
        return 0;
    }
}

ptrdiff_t rtl_vformat_ap(int wide, void *buf, size_t cap, const void *fmt, va_list *ap)
{
    struct out o = {wide, buf, buf ? cap : 0, 0};
    size_t i;

    if (fmt == NULL)
        return -1;
    for (i = 0; fmt_char(fmt, wide, i) != 0; i++) {
        unsigned c = fmt_char(fmt, wide, i);
        struct spec sp;
        if (c != '%') {
            put(&o, c);
            continue;
        }
        i++;
        parse_spec(fmt, wide, &i, &sp, ap);
        if (sp.conv == 0)
            break; /* the format ended inside a conversion */
        if (convert(&o, &sp, ap) < 0)
            return -1;
    }
    return (ptrdiff_t)o.len;
}

ptrdiff_t rtl_vformat(int wide, void *buf, size_t cap, const void *fmt, va_list ap)
{
    va_list args;
    ptrdiff_t n;

    va_copy(args, ap);
    n = rtl_vformat_ap(wide, buf, cap, fmt, &args);
    va_end(args);
    return n;
}

/* ---- the CRT entry points ----------------------------------------------------------------- */

/* Microsoft's _vsnprintf contract on top of the engine: a terminator only when there is room
 * after the output; -1 (and count characters, unterminated) when the output does not fit. */
static int ms_vsnprintf(int wide, void *buffer, size_t count, const void *format, va_list ap)
{
    ptrdiff_t n;

    if (format == NULL || (buffer == NULL && count != 0))
        return -1;
    n = rtl_vformat(wide, buffer, count, format, ap);
    if (n < 0 || n > 0x7FFFFFFF)
        return -1;
    if (buffer == NULL)
        return (int)n; /* count 0: the length the output needs */
    if ((size_t)n < count) {
        if (wide)
            ((WCHAR *)buffer)[n] = 0;
        else
            ((char *)buffer)[n] = 0;
        return (int)n;
    }
    return (size_t)n == count ? (int)n : -1;
}

NTSYSAPI int __cdecl _vsnprintf(char *buffer, size_t count, const char *format, va_list argptr)
{
    return ms_vsnprintf(0, buffer, count, format, argptr);
}

NTSYSAPI int __cdecl _vsnwprintf(wchar_t *buffer, size_t count, const wchar_t *format,
                                 va_list argptr)
{
    return ms_vsnprintf(1, buffer, count, format, argptr);
}

NTSYSAPI int __cdecl _snprintf(char *buffer, size_t count, const char *format, ...)
{
    va_list ap;
    int n;

    va_start(ap, format);
    n = ms_vsnprintf(0, buffer, count, format, ap);
    va_end(ap);
    return n;
}

NTSYSAPI int __cdecl _snwprintf(wchar_t *buffer, size_t count, const wchar_t *format, ...)
{
    va_list ap;
    int n;

    va_start(ap, format);
    n = ms_vsnprintf(1, buffer, count, format, ap);
    va_end(ap);
    return n;
}
