/*
 * diag.c - the runtime's one channel for its own messages (not the drivers' DbgPrint, not the
 * bug-check and hang reports, which always go to stderr whole): rtl_diag(level, component, ...).
 *
 * Every message is one line "drvhost: TEXT" on stderr, written with one write so lines from
 * several threads do not interleave. Errors and warnings (what failed, what leaked, what a
 * driver did wrong) are always shown; notes (what the runtime did on the driver's behalf) are
 * hidden by drvhost_options.quiet. The component names the layer ("ldr", "cm", "io", ...) for
 * the tracing that will extend this channel; it is not printed today.
 */
#include "rtl/rtl_private.h"

#include "os/os.h"

#include <stdarg.h>
#include <stdio.h>

static int diag_quiet;

void rtl_diag_set_quiet(int quiet)
{
    __atomic_store_n(&diag_quiet, quiet, __ATOMIC_RELAXED);
}

static void diag_write(enum rtl_diag_level level, const char *prefix, const char *fmt, va_list ap)
{
    char line[8192];
    int n;
    if (level == RTL_DIAG_NOTE && __atomic_load_n(&diag_quiet, __ATOMIC_RELAXED))
        return;
    n = snprintf(line, sizeof(line), "%s", prefix);
    n += vsnprintf(line + n, sizeof(line) - (size_t)n, fmt, ap);
    if (n >= (int)sizeof(line) - 1)
        n = (int)sizeof(line) - 2; /* cut: keep the newline */
    line[n] = '\n';
    os_write_stderr(line, (size_t)n + 1);
}

void rtl_diag(enum rtl_diag_level level, const char *component, const char *fmt, ...)
{
    va_list ap;
    (void)component;
    va_start(ap, fmt);
    diag_write(level, "drvhost: ", fmt, ap);
    va_end(ap);
}

void rtl_diag_plain(enum rtl_diag_level level, const char *component, const char *fmt, ...)
{
    va_list ap;
    (void)component;
    va_start(ap, fmt);
    diag_write(level, "", fmt, ap);
    va_end(ap);
}

size_t rtl_appendf(char *text, size_t used, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;
    if (used >= size)
        return used;
    va_start(ap, fmt);
    n = vsnprintf(text + used, size - used, fmt, ap);
    va_end(ap);
    return n < 0 ? used : (used + (size_t)n < size ? used + (size_t)n : size - 1);
}
