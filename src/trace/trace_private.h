/* trace_private.h - shared between the tracing layer's own files (not for other layers). */
#ifndef DRVHOST_TRACE_PRIVATE_H
#define DRVHOST_TRACE_PRIVATE_H

#include <stdint.h>

#include <drvhost_wpp.h>

#include "trace/trace.h"
#include "os/os.h"

/* One recorder entry: fixed size, the message cut at TRACE_ENTRY_TEXT - 1 characters. */
#define TRACE_ENTRY_TEXT 240
#define TRACE_EVENT_ARGS 3
/* A WPP message kept raw (recorder.c, trace_capture): its arguments, each one 8-byte slot of
 * the driver's variadic call, narrow strings copied into text (value: the copy's offset,
 * UINT64_MAX for NULL; bit i of `strings` set), the message made when the entry is read. */
#define TRACE_RAW_ARGS 12
struct trace_raw {
    unsigned count;     /* values */
    unsigned strings;   /* bit i: value[i] is a string's offset in text */
    unsigned text_used; /* bytes of text used */
    uint64_t value[TRACE_RAW_ARGS];
    char text[TRACE_ENTRY_TEXT - 16 - 8 * TRACE_RAW_ARGS];
};

/* An entry's seq while a writer fills it. */
#define TRACE_SEQ_BUSY UINT64_MAX
struct trace_entry {
    uint64_t seq; /* index + 1 once written; 0 never written; TRACE_SEQ_BUSY while being filled */
    uint64_t ns;  /* a trace_stamp (the rings' merge order), converted when read */
    uint32_t cpu;
    uint64_t tid;
    /* A raw entry (trace_recorder_event): fmt and its arguments, formatted when read; text is
     * unused. NULL for a text entry. fmt is a string literal of the framework's, so it outlives
     * every log. */
    const char *fmt;
    uint64_t arg[TRACE_EVENT_ARGS];
    /* A raw WPP message (trace_log_wpp): its call site (in the driver's module: the driver's
     * logs go before its module, trace_driver_gone), arg[0] its control block, arg[1] its level,
     * the arguments in raw. NULL for the other entries. */
    const struct drvhost_wpp_site *site;
    /* session 11: a request's entry (trace_recorder_event_mark) completed in place
     * (trace_recorder_complete): trace_done_tag(seq) while it waits, with bit 32 and the status
     * once completed, and the information; 0 in every other entry. Atomic: the completing
     * thread writes them into an entry of another thread's ring, outside the union that entries
     * written over it fill with plain stores. */
    uint64_t done;
    uint64_t done_info;
    union {
        char text[TRACE_ENTRY_TEXT];
        struct trace_raw raw;
    };
};

/* A log's writing threads are spread over this many rings (a thread writes to one only): all
 * but the last belong to one thread each, the last is shared by the others (recorder.c). */
#define TRACE_LOG_SHARDS 8

/* One ring of a log: the entries of its thread (or of the threads sharing the last ring),
 * alone on its 64-byte cache line so that threads of two rings share no line when they write.
 * The alignment matters as much as the size: padded but unaligned (the log calloc'd at 16
 * bytes), each ring straddled two lines and two client threads' rings shared one; the KMDF
 * round trip's 2-thread scaling then fell from 2.0x to 1.0x in the runs whose heap layout did
 * that (session 12, perf: the recorder's head update). The log is allocated 64-aligned. */
struct __attribute__((aligned(64))) trace_shard {
    uint64_t head;               /* atomic: entries ever claimed */
    uint64_t dropped;            /* atomic: entries dropped (their slot was still being filled) */
    struct trace_entry *entries; /* atomic: `count` entries, made by the ring's first writer */
    /* An exclusive ring's head modulo the log's count, kept by its writer (recorder.c
     * trace_claim): the slot index without a division per entry. Unused on the shared ring. */
    uint32_t slot;
    char pad[64 - 2 * sizeof(uint64_t) - sizeof(void *) - sizeof(uint32_t)];
};

/* One recorder log (the default log of a driver, or one WppRecorderLogCreate made). Writers
 * take a slot of their thread's ring (alone on it: plain stores; on the shared ring: an atomic
 * increment of its head) and publish it with seq; readers (dump, the bug-check report) take no
 * lock, skip a slot whose seq is not the one expected, and merge the rings by the entries' stamps.
 */
struct trace_log {
    struct trace_log *next; /* the driver's logs; under trace_lock */
    struct trace_driver *driver;
    char ident[48];
    unsigned count; /* entries of each ring, and entries a dump shows at most */
    struct trace_shard shard[TRACE_LOG_SHARDS];
};

/* What the layer knows of a driver, by service name. Kept until trace_driver_gone or
 * shutdown, so a report can read it without a lock. */
struct trace_driver {
    struct trace_driver *next; /* trace_drivers; under trace_lock */
    char name[64];
    PDRIVER_OBJECT object;                /* NULL until the driver traces or the framework logs */
    struct drvhost_wpp_control *controls; /* WPP_INIT_TRACING's, until WPP_CLEANUP */
    ULONG control_count;
    int no_default_log; /* WppRecorderConfigure(CreateDefaultLog = FALSE) */
    struct trace_log *default_log;
    struct trace_log *logs; /* every log, the default one included */
};

extern os_mutex trace_lock;
extern struct trace_driver *trace_drivers;

/* "DRIVER:LEVEL:FLAGS" (drvhost run --trace, drvhost_trace_set); LEVEL is a number or a
 * TRACE_LEVEL_ name without the prefix (ERROR, information ...). */
int trace_set_spec(const char *spec, char *err, size_t errsize);
/* Where trace lines go: stderr (NULL, the default) or a file (created or truncated). Returns 0,
 * or -1 when the file cannot be opened. */
int trace_set_file(const char *path);
/* Writes one line (time, processor, thread, then text; a newline added) to the sink. */
void trace_sink_line(const char *text);
/* trace_recorder_log with a va_list. */
void trace_recorder_vlog(PDRIVER_OBJECT driver, const char *fmt, va_list ap);
/* The sink's start and end (trace_init, trace_shutdown). */
void trace_sink_init(void);
void trace_sink_shutdown(void);
/* Nanoseconds since the layer started (the time column). */
uint64_t trace_now_ns(void);
/* A raw stamp for a hot-path entry (os_cycles), and a stamp as nanoseconds since the layer
 * started (converted when the entry is read). */
uint64_t trace_stamp(void);
uint64_t trace_stamp_ns(uint64_t stamp);
/* The record of a driver by name, created when create (under trace_lock). */
struct trace_driver *trace_driver_find(const char *name, int create);
/* The name of a driver object ("fifo" for \Driver\fifo) into buf. */
void trace_driver_name(PDRIVER_OBJECT object, char *buf, size_t size);
/* The setting enabling an ETW provider (under trace_lock): by its GUID text (canonical), else
 * its provider name, else the service name of its driver ("" for none). FALSE: none. */
BOOLEAN trace_setting_lookup(const char *guid, const char *provider, const char *driver,
                             unsigned *level, ULONGLONG *any);
/* After a setting changed: every registered ETW provider re-reads its setting and hears of a
 * change through its enable callback (etw.c; not under trace_lock). */
void trace_etw_refresh_all(void);
/* A driver's module goes: its providers still registered are reported and unregistered, so
 * that no enable callback is called into an unloaded image. */
void trace_etw_driver_gone(const char *driver);
/* Frees the providers (shutdown). */
void trace_etw_shutdown(void);
/* Frees the stored settings (shutdown). */
void trace_settings_free(void);
/* Applies the stored settings to a driver's providers (under trace_lock). */
void trace_apply_settings(struct trace_driver *d);
/* Sets the recorder fields of the driver's providers from its logs (under trace_lock). */
void trace_update_autolog(struct trace_driver *d);

/* Recorder: a log of `bytes` (clamped), its default log (created if needed; NULL when the
 * driver turned it off), appending text. */
struct trace_log *trace_log_create(struct trace_driver *d, ULONG bytes, const char *ident);
void trace_log_free(struct trace_log *log);
struct trace_log *trace_default_log(struct trace_driver *d);
void trace_log_append(struct trace_log *log, const char *text);
/* Entries ever written to log's rings, and entries dropped (their slot still being filled by a
 * writer a ring behind, or no memory for a thread's ring). */
void trace_log_counts(struct trace_log *log, uint64_t *written, uint64_t *dropped);
/* A raw event's text into buf: the driver's name and "framework: ", then fmt with its arguments
 * (render_event.c). */
void trace_render_event(char *buf, size_t size, const char *driver, const struct trace_entry *e);
/* session 11: an entry's `done` word while a request's entry waits for its completion: the
 * low 31 bits of its sequence number above bit 32, the completion bit (32) and status clear.
 * Other entries have 0: the completion bit, not the tag, tells a completed request's entry. */
static inline uint64_t trace_done_tag(uint64_t seq)
{
    return seq << 33;
}
#define TRACE_DONE_COMPLETED (1ull << 32)

/* The WPP renderer (render.c): the message of a call site into buf (terminated, cut). */
void trace_render(char *buf, size_t size, const struct drvhost_wpp_site *site,
                  const struct drvhost_wpp_control *ctl, int level, va_list *ap);
/* A WPP message's arguments into raw (render.c), read from ap as the site's format names them;
 * -1 when one cannot be kept (floating point, wide or counted strings, GUID, HEXDUMP, custom
 * types: memory the message must not outlive) or there are more than TRACE_RAW_ARGS. */
int trace_capture(const struct drvhost_wpp_site *site, va_list *ap, struct trace_raw *raw);
/* trace_render of a message whose arguments trace_capture kept. */
void trace_render_raw(char *buf, size_t size, const struct drvhost_wpp_site *site,
                      const struct drvhost_wpp_control *ctl, int level,
                      const struct trace_raw *raw);
/* A WPP message into log as a raw entry; FALSE when its arguments cannot be kept (the caller
 * renders it and appends the text). */
BOOLEAN trace_log_wpp(struct trace_log *log, const struct drvhost_wpp_site *site,
                      const struct drvhost_wpp_control *ctl, int level, va_list *ap);
/* The text a WPP message has in a log and on the sink: "DRIVER PROVIDER FLAG LEVEL FUNCTION:
 * message" (wpp.c). */
void trace_wpp_line(char *buf, size_t size, const char *driver, const struct drvhost_wpp_site *site,
                    const struct drvhost_wpp_control *ctl, int level, const char *msg);

/* TRACE_LEVEL_ names: "ERROR" for 2; NULL for none. */
const char *trace_level_name(int level);

#endif
