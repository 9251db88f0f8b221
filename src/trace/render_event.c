/*
 * render_event.c - the text of a raw recorder entry (trace_recorder_event), made when the log is
 * read: the writer stored a format literal and up to three integers, so that logging costs
 * stores, not formatting (the framework logs every request it presents and completes).
 *
 * Each conversion of the format is printed on its own, with the value converted back to the
 * type the conversion names: a 32-bit conversion (no length modifier, or h/hh) takes the low 32
 * bits (sign-extended for d and i), a 64-bit one (l, ll, z, j, t) the whole value, %p a pointer.
 * A conversion the writer may not use (s, f, n ...) prints "<?>" rather than reading memory.
 */
#include <string.h>

#include "trace/trace_private.h"

/* One conversion, spec[0] == '%', spec[len - 1] the conversion character, printed with v. */
static int render_one(char *out, size_t size, const char *spec, size_t len, uint64_t v)
{
    char f[32], conv = spec[len - 1];
    size_t k = 0, i;
    int wide = 0;

    for (i = 0; i + 1 < len && k + 4 < sizeof(f); i++) {
        char ch = spec[i];
        if (ch == 'l' || ch == 'z' || ch == 'j' || ch == 't' || ch == 'q' || ch == 'L')
            wide = 1;
        else if (ch != 'h')
            f[k++] = ch; /* '%', flags, width, precision */
    }
    if (conv == 'p') {
        f[k++] = 'p';
        f[k] = 0;
        return snprintf(out, size, f, (void *)(uintptr_t)v);
    }
    if (strchr("diuxXoc", conv) == NULL)
        return snprintf(out, size, "<?>");
    if (conv == 'c') {
        f[k++] = 'c';
        f[k] = 0;
        return snprintf(out, size, f, (int)(unsigned char)v);
    }
    f[k++] = 'l';
    f[k++] = 'l';
    f[k++] = conv;
    f[k] = 0;
    if (conv == 'd' || conv == 'i')
        return snprintf(out, size, f, wide ? (long long)v : (long long)(int32_t)(uint32_t)v);
    return snprintf(out, size, f, wide ? (unsigned long long)v : (unsigned long long)(uint32_t)v);
}

/* The length of the conversion at s (s[0] == '%'), the conversion character included; 0 when
 * the format ends inside it. */
static size_t spec_length(const char *s)
{
    size_t n = 1;

    while (s[n] != 0 && strchr("-+ #0123456789.hlzjtqL", s[n]) != NULL)
        n++;
    return s[n] != 0 ? n + 1 : 0;
}

void trace_render_event(char *buf, size_t size, const char *driver, const struct trace_entry *e)
{
    const char *s = e->fmt;
    size_t k = 0;
    unsigned arg = 0;
    int n = snprintf(buf, size, "%s framework: ", driver);

    if (n < 0 || (size_t)n >= size)
        return;
    k = (size_t)n;
    while (*s != 0 && k + 1 < size) {
        size_t len;
        if (s[0] != '%' || s[1] == '%') {
            buf[k++] = s[0];
            s += s[0] == '%' ? 2 : 1;
            continue;
        }
        len = spec_length(s);
        if (len == 0)
            break;
        n = render_one(buf + k, size - k, s, len, arg < TRACE_EVENT_ARGS ? e->arg[arg] : 0);
        arg++;
        if (n < 0)
            break;
        k += (size_t)n < size - k ? (size_t)n : size - k - 1;
        s += len;
    }
    buf[k] = 0;
}
