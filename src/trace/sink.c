/*
 * sink.c - where trace lines go: standard error (the default) or the trace file
 * (`drvhost run --trace-file`), one line per message: seconds since the runtime started,
 * processor, thread, then the message's own fields. DbgPrint output that passed its filter
 * comes here too (rtl_dbg_set_sink): into the trace file as a line of its own with component
 * and level; without a trace file it stays on stderr exactly as before.
 *
 * Locking: sink_lock serializes the lines and the file's replacement; it is a leaf lock.
 */
#include <string.h>

#include "trace/trace_private.h"
#include "ke/ke.h"
#include "rtl/rtl.h"

static os_mutex sink_lock = OS_MUTEX_INIT;
static FILE *sink_file; /* NULL: stderr; under sink_lock */
static uint64_t start_ns, start_cycles;

uint64_t trace_now_ns(void)
{
    uint64_t start = __atomic_load_n(&start_ns, __ATOMIC_RELAXED);
    return os_monotonic_ns() - start;
}

uint64_t trace_stamp(void)
{
    return os_cycles();
}

/* The rate of os_cycles is measured between the layer's start and now (both clocks read at
 * each end), so a stamp converts without a calibration loop at start; the longer the run, the
 * closer the figure. */
uint64_t trace_stamp_ns(uint64_t stamp)
{
    uint64_t c0 = __atomic_load_n(&start_cycles, __ATOMIC_RELAXED);
    uint64_t n0 = __atomic_load_n(&start_ns, __ATOMIC_RELAXED);
    uint64_t c1 = os_cycles(), n1 = os_monotonic_ns();

    if (c1 <= c0 || stamp <= c0)
        return 0;
    return (uint64_t)((unsigned __int128)(stamp - c0) * (n1 - n0) / (c1 - c0));
}

int trace_set_file(const char *path)
{
    FILE *f = NULL, *old;

    if (path != NULL && (f = fopen(path, "w")) == NULL)
        return -1;
    os_mutex_lock(&sink_lock);
    old = sink_file;
    sink_file = f;
    os_mutex_unlock(&sink_lock);
    if (old != NULL)
        fclose(old);
    return 0;
}

/* "SECONDS.MICROS cpuN tid T " */
static int line_prefix(char *buf, size_t size)
{
    uint64_t ns = trace_now_ns();
    struct ke_thread *t = ke_current_thread();

    return snprintf(buf, size, "%llu.%06llu cpu%lu tid%llu ",
                    (unsigned long long)(ns / 1000000000u),
                    (unsigned long long)(ns / 1000u % 1000000u),
                    (unsigned long)KeGetCurrentProcessorNumberEx(NULL),
                    (unsigned long long)(t != NULL ? t->tid : 0));
}

static void write_line(FILE *f, const char *text, size_t len)
{
    char line[1024];
    int n = line_prefix(line, sizeof(line));

    if (n < 0)
        n = 0;
    if (len > sizeof(line) - (size_t)n - 2)
        len = sizeof(line) - (size_t)n - 2;
    memcpy(line + n, text, len);
    while (len > 0 && line[n + len - 1] == '\n')
        len--; /* one newline per line */
    line[n + len] = '\n';
    fwrite(line, 1, (size_t)n + len + 1, f);
    fflush(f);
}

void trace_sink_line(const char *text)
{
    os_mutex_lock(&sink_lock);
    write_line(sink_file != NULL ? sink_file : stderr, text, strlen(text));
    os_mutex_unlock(&sink_lock);
}

/* DbgPrint's messages: into the trace file when there is one. */
static int dbg_sink(const char *component, ULONG level, const char *text, size_t len)
{
    char line[700];
    int n;

    os_mutex_lock(&sink_lock);
    if (sink_file == NULL) {
        os_mutex_unlock(&sink_lock);
        return 0;
    }
    n = snprintf(line, sizeof(line), "DbgPrint %s %lu: %.*s", component, (unsigned long)level,
                 (int)(len < 600 ? len : 600), text);
    write_line(sink_file, line, n > 0 ? strlen(line) : 0);
    os_mutex_unlock(&sink_lock);
    return 1;
}

void trace_sink_init(void)
{
    __atomic_store_n(&start_ns, os_monotonic_ns(), __ATOMIC_RELAXED);
    __atomic_store_n(&start_cycles, os_cycles(), __ATOMIC_RELAXED);
    rtl_dbg_set_sink(dbg_sink);
}

void trace_sink_shutdown(void)
{
    rtl_dbg_set_sink(NULL);
    trace_set_file(NULL);
}
