/*
 * wpp.c - the runtime of WPP software tracing: WPP_INIT_TRACING / WPP_CLEANUP (the generated
 * .tmh calls drvhost_wpp_init / drvhost_wpp_cleanup with the driver's control block) and
 * drvhost_wpp_trace, which a call site reaches only when its enabled test or the recorder's
 * filter passed (a disabled message costs that test: see bench/bench_wpp.c).
 *
 * Drivers are known by service name (the last component of DriverObject->DriverName). Their
 * records live in one list under trace_lock and are freed at trace_driver_gone or shutdown; the
 * control block itself is the driver's (WPP_MAIN_CB in its module), written by the runtime
 * under trace_lock and read by call sites without one.
 */
#include <string.h>
#include <strings.h>

#include <stdlib.h>

#include "trace/trace_private.h"
#include "ke/ke.h"
#include "rtl/rtl.h"

os_mutex trace_lock = OS_MUTEX_INIT;
struct trace_driver *trace_drivers;

/* Messages are cut at this many characters, as DbgPrint's are at 512 bytes. */
#define TRACE_MESSAGE_MAX 512

struct trace_driver *trace_driver_find(const char *name, int create)
{
    struct trace_driver *d;

    for (d = trace_drivers; d != NULL; d = d->next)
        if (strcasecmp(d->name, name) == 0)
            return d;
    if (!create || (d = calloc(1, sizeof(*d))) == NULL)
        return NULL;
    snprintf(d->name, sizeof(d->name), "%s", name);
    __atomic_store_n(&d->next, trace_drivers, __ATOMIC_RELAXED);
    __atomic_store_n(&trace_drivers, d, __ATOMIC_RELEASE); /* the report walks it unlocked */
    return d;
}

void trace_driver_name(PDRIVER_OBJECT object, char *buf, size_t size)
{
    const UNICODE_STRING *u = &object->DriverName;
    size_t n = u->Buffer != NULL ? u->Length / sizeof(WCHAR) : 0, start = 0, i, k = 0;

    for (i = 0; i < n; i++)
        if (u->Buffer[i] == L'\\')
            start = i + 1;
    for (i = start; i < n && k + 1 < size; i++)
        buf[k++] = u->Buffer[i] < 0x80 ? (char)u->Buffer[i] : '?';
    buf[k] = 0;
    if (k == 0)
        snprintf(buf, size, "driver@%p", (void *)object);
}

void trace_update_autolog(struct trace_driver *d)
{
    ULONG i;
    UCHAR on = d->default_log != NULL;

    for (i = 0; i < d->control_count; i++)
        __atomic_store_n(&d->controls[i].AutoLogEnabled, on, __ATOMIC_RELAXED);
}

static trace_param_reader param_reader; /* set once at boot, before any driver loads */

void trace_set_param_reader(trace_param_reader fn)
{
    __atomic_store_n(&param_reader, fn, __ATOMIC_RELEASE);
}

/* VerboseOn (REG_DWORD) in the service's Parameters key: nonzero records the VERBOSE messages
 * too (Microsoft: "Inflight Trace Recorder (IFR) for logging traces", registry settings; the
 * default, zero, records errors, warnings and informational messages). Read once, at
 * WPP_INIT_TRACING, as the WDK's recorder reads it when the driver initializes tracing. */
static UCHAR trace_verbose_on(const char *service)
{
    trace_param_reader fn = __atomic_load_n(&param_reader, __ATOMIC_ACQUIRE);
    ULONG value = 0;

    return fn != NULL && fn(service, "VerboseOn", &value) == 0 && value != 0;
}

/* The driver a WPP_INIT_TRACING is for: the module holding its control block (WPP_MAIN_CB is
 * one per module). The macro's DriverObject is not trusted: the reference says both arguments
 * are unused without the in-flight recorder and may be NULL, and drivers written for Windows
 * 2000 (the TraceDrv sample) pass their device object. Only a control block outside any module
 * (a host program's own) is named by DriverObject, which must then be a driver object.
 * Returns WPP_NAMED_BY_MODULE, WPP_NAMED_BY_OBJECT or 0 (no name). */
enum {
    WPP_NAMED_BY_MODULE = 1,
    WPP_NAMED_BY_OBJECT
};
static int wpp_init_driver_name(const void *controls, PVOID driver_object, char *name, size_t size)
{
    const char *module = ke_address_name(controls);

    if (module != NULL) {
        snprintf(name, size, "%s", module);
        return WPP_NAMED_BY_MODULE;
    }
    if (driver_object == NULL)
        return 0;
    trace_driver_name(driver_object, name, size);
    return WPP_NAMED_BY_OBJECT;
}

NTSYSAPI VOID NTAPI drvhost_wpp_init(struct drvhost_wpp_control *Controls, ULONG Count,
                                     PVOID DriverObject, PCUNICODE_STRING RegistryPath)
{
    char name[64];
    struct trace_driver *d;
    UCHAR verbose;
    ULONG i;
    int named;

    (void)RegistryPath; /* no ETW registry settings: the scenario and --trace set the flags */
    if (Controls == NULL)
        return;
    named = wpp_init_driver_name(Controls, DriverObject, name, sizeof(name));
    if (named == 0)
        return;
    verbose = trace_verbose_on(name); /* outside trace_lock: the registry has its own */
    os_mutex_lock(&trace_lock);
    d = trace_driver_find(name, 1);
    if (d != NULL) {
        if (named == WPP_NAMED_BY_OBJECT) /* else it may be no driver object at all */
            d->object = DriverObject;
        d->controls = Controls;
        d->control_count = Count;
        for (i = 0; i < Count; i++) {
            __atomic_store_n(&Controls[i].AutoLogVerboseEnabled, verbose, __ATOMIC_RELAXED);
            __atomic_store_n(&Controls[i].Runtime, d, __ATOMIC_RELEASE);
            /* the WDK's logger member: what a driver's WPP_<ARGS>_LOGGER hands the call */
            __atomic_store_n(&Controls[i].Logger, &Controls[i], __ATOMIC_RELEASE);
        }
        trace_apply_settings(d);
        trace_default_log(d); /* the recorder is always on, unless configured off */
        trace_update_autolog(d);
    }
    os_mutex_unlock(&trace_lock);
}

NTSYSAPI VOID NTAPI drvhost_wpp_cleanup(struct drvhost_wpp_control *Controls, ULONG Count,
                                        PVOID DriverObject)
{
    struct trace_driver *d;
    ULONG i;

    (void)DriverObject;
    os_mutex_lock(&trace_lock);
    for (i = 0; i < Count; i++) {
        Controls[i].Flags[0] = 0;
        Controls[i].Level = 0;
        Controls[i].AutoLogEnabled = 0;
        Controls[i].AutoLogVerboseEnabled = 0;
        __atomic_store_n(&Controls[i].Runtime, NULL, __ATOMIC_RELEASE);
        __atomic_store_n(&Controls[i].Logger, NULL, __ATOMIC_RELEASE);
    }
    for (d = trace_drivers; d != NULL; d = d->next)
        if (d->controls == Controls) {
            d->controls = NULL;
            d->control_count = 0;
        }
    os_mutex_unlock(&trace_lock);
}

/* The trace session's own test, for a function without WPP_<ARGS>_ENABLED (mode 4). */
static int session_enabled(const struct drvhost_wpp_control *ctl, ULONG bit, int level)
{
    ULONG flags = __atomic_load_n(&ctl->Flags[0], __ATOMIC_RELAXED);
    UCHAR max = __atomic_load_n(&ctl->Level, __ATOMIC_RELAXED);

    if (bit != 0 && (flags & WPP_MASK(bit)) == 0)
        return 0;
    if (bit == 0 && flags == 0)
        return 0;
    return level <= max;
}

/* Whether a trace session enables the logger's provider at all. On Windows the logger a call
 * passes is the handle of the session that enabled the provider, 0 while none does, and a
 * message given no session goes nowhere whatever the driver's WPP_<ARGS>_ENABLED said (a
 * driver's own condition may hold with tracing off: `Level >= LEVEL` for LEVEL 0). */
static int session_on(const struct drvhost_wpp_control *ctl)
{
    return __atomic_load_n(&ctl->Flags[0], __ATOMIC_RELAXED) != 0 ||
           __atomic_load_n(&ctl->Level, __ATOMIC_RELAXED) != 0;
}

void trace_wpp_line(char *buf, size_t size, const char *driver, const struct drvhost_wpp_site *site,
                    const struct drvhost_wpp_control *ctl, int level, const char *msg)
{
    const char *name = trace_level_name(level);
    char level_buf[16];

    if (name == NULL) {
        snprintf(level_buf, sizeof(level_buf), "%d", level);
        name = level_buf;
    }
    snprintf(buf, size, "%s %s %s %s %s: %s", driver, ctl->Name, site->Flag[0] ? site->Flag : "-",
             name, site->Function, msg);
}

/* A message only the recorder takes (no trace session enabled it) is kept raw when its
 * arguments allow, and rendered when the log is read: formatting it here cost about 0.45 us,
 * several times the I/O round trip of a driver tracing each request (docs/tracing.md, Cost). */
NTSYSAPI VOID __cdecl drvhost_wpp_trace(const struct drvhost_wpp_site *Site, WPP_LOGGER_T Logger,
                                        int Level, unsigned Mode, ...)
{
    char msg[TRACE_MESSAGE_MAX], line[TRACE_MESSAGE_MAX + 160];
    struct trace_driver *d =
        Logger != NULL ? __atomic_load_n(&Logger->Runtime, __ATOMIC_ACQUIRE) : NULL;
    struct trace_log *log = NULL;
    va_list ap;
    int to_session = (Mode & 1) != 0;

    if (Site == NULL || Logger == NULL)
        return;
    if (to_session && (Mode & 4) != 0)
        to_session = session_enabled(Logger, Site->Bit, Level);
    else if (to_session)
        to_session = session_on(Logger);
    if ((Mode & 2) != 0 && d != NULL)
        log = __atomic_load_n(&d->default_log, __ATOMIC_ACQUIRE);
    if (!to_session && log == NULL)
        return;
    if (!to_session) {
        BOOLEAN kept;
        va_start(ap, Mode);
        kept = trace_log_wpp(log, Site, Logger, Level, &ap);
        va_end(ap);
        if (kept)
            return;
    }
    va_start(ap, Mode);
    trace_render(msg, sizeof(msg), Site, Logger, Level, &ap);
    va_end(ap);
    trace_wpp_line(line, sizeof(line), d != NULL ? d->name : "?", Site, Logger, Level, msg);
    if (to_session)
        trace_sink_line(line);
    if (log != NULL)
        trace_log_append(log, line);
}
