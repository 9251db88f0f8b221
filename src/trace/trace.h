/*
 * trace.h - the tracing layer's internal interface (src/trace): WPP software tracing (the
 * runtime of the .tmh files drvwpp generates), the trace sink (text lines to stderr or a trace
 * file, DbgPrint output included), per-driver trace settings, and the in-flight recorder.
 *
 * Layering: trace sits above io (it names drivers by their DRIVER_OBJECT) and below wdf and
 * host, which call it; ke's bug-check report reaches the recorder through a hook
 * (ke_set_report_driver_log), rtl's DbgPrint the sink through rtl_dbg_set_sink.
 */
#ifndef DRVHOST_SRC_TRACE_H
#define DRVHOST_SRC_TRACE_H

#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>

#include <wdm.h>

/* Boot and shutdown (host/boot.c): installs the hooks; frees every record. */
void trace_init(void);
void trace_shutdown(void);

/* ---- settings (settings.c) ---------------------------------------------------------------- */

/* Reads the REG_DWORD value `name` of the Parameters key of a driver's service key into *value;
 * returns 0, or -1 when there is none. Installed by host at boot (trace sits below cm): the
 * in-flight recorder's VerboseOn setting is read there at WPP_INIT_TRACING. */
typedef int (*trace_param_reader)(const char *service, const char *name, ULONG *value);
void trace_set_param_reader(trace_param_reader fn);

/* The trace session's settings of a driver (by service name, case-insensitively): level
 * (TRACE_LEVEL_*, 0 = off) and enable flags, a mask or names of its WPP_DEFINE_BITs separated by
 * '|' or ',' ("TRACE_QUEUE|TRACE_DRIVER", "0x6", "all"). Applied now to a driver tracing, and
 * when one calls WPP_INIT_TRACING. Returns 0, or -1 with a message in err (an unknown flag
 * name is only known once the driver is tracing: then too). Thread-safe. */
int trace_set(const char *driver, unsigned level, const char *flags, char *err, size_t errsize);
/* A level name or number (0-255) to its value, or -1 (level.c). */
int trace_level_parse(const char *text);

/* ---- the in-flight recorder (recorder.c) ------------------------------------------------- */

/* The framework's and the runtime's own events into the driver's default log (created on
 * first use when the driver has none), with time, processor and thread, as a WPP message is.
 * Cheap and lock-free for the writer. driver may be NULL (then nothing is logged). */
void trace_recorder_log(PDRIVER_OBJECT driver, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The recorder of a driver that logs often (the framework, per request), looked up once, under
 * the layer's lock, instead of per entry; valid until trace_driver_gone for that driver. NULL
 * when driver is NULL or memory is short. */
struct trace_driver *trace_recorder_of(PDRIVER_OBJECT driver);
/* One event into rec's default log (nothing when rec is NULL or the driver turned its default
 * log off): no lock, no formatting; the arguments are stored and fmt is applied when the log is
 * read. fmt must be a string literal and take at most three arguments, each an integer
 * conversion (d i u x X o c, any length modifier; pass the value converted to uint64_t) or %p. */
void trace_recorder_event(struct trace_driver *rec, const char *fmt, uint64_t a, uint64_t b,
                          uint64_t c);
/* session 11: where a request's entry went (trace_recorder_event_mark), for its completion in
 * place; entry NULL: none (no log, or the entry was dropped). */
struct trace_mark {
    void *entry;
    uint64_t seq;
    unsigned ring; /* session 12: 1 + the writer's own ring (recorder.c), 0: a shared ring */
};
/* trace_recorder_event, remembering the entry in *mark: the entry of a request that
 * trace_recorder_complete completes later (a request that never completes still shows). */
void trace_recorder_event_mark(struct trace_driver *rec, struct trace_mark *mark, const char *fmt,
                               uint64_t a, uint64_t b, uint64_t c);
/* Adds the completion (status, information) to the entry *mark names, if its slot still holds
 * it and it was not completed yet: 1. 0: nothing written (no entry, or written over since);
 * the caller records the completion as an entry of its own. Lock-free, any thread. */
int trace_recorder_complete(const struct trace_mark *mark, uint32_t status, uint64_t information);
/* Writes the recorder logs of a driver (service name), oldest entry first, to out ("!wdflogdump").
 * Returns the entry count, or -1 when the driver has no recorder. */
int trace_recorder_dump(const char *driver, FILE *out);
/* Nonzero when the driver (service name) has a recorder log. */
int trace_recorder_exists(const char *driver);
/* The driver object is going away (ldr, after DriverUnload): its logs and providers are
 * forgotten (the module's memory is about to be unmapped). */
void trace_driver_gone(PDRIVER_OBJECT driver);

#endif
