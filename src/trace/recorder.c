/*
 * recorder.c - the in-flight recorder (IFR): per-driver circular logs of fixed-size entries,
 * always on. WPP messages below TRACE_LEVEL_VERBOSE go to the driver's default log whether a
 * trace session enabled them or not; the framework logs its own events with
 * trace_recorder_log and trace_recorder_event. The bug-check report prints the last entries of
 * the faulting driver's default log; `wdflogdump DRIVER` (scenario) and drvhost_recorder_dump
 * (host API) print all.
 *
 * Concurrency: each log has TRACE_LOG_SHARDS rings; a thread writes to one ring, so threads of
 * different rings touch no common cache line. All rings but the last are exclusive: a thread
 * takes one for itself at its first entry and gives it back when it ends (trace_thread_shard),
 * so it writes alone there: it moves the head and marks the slot TRACE_SEQ_BUSY with plain
 * stores, no read-modify-write (the recorder's two locked instructions per entry were a tenth of
 * a framework request with two client threads: docs/benchmarks.md). The threads that find none
 * free share the last ring: a writer there takes an index with an atomic increment and claims
 * the slot by moving its sequence number to TRACE_SEQ_BUSY (acquire: after the slot's last
 * writer). Either publishes the entry with its sequence number (release); readers take
 * no lock, skip a slot being rewritten, and merge the rings by the entries' stamps (the
 * processor's time-stamp counter: the order of one thread's entries is exact, that of two
 * threads' entries as the counter saw them). Logs are freed only when their driver goes
 * (trace_driver_gone) or at shutdown, so a reader never sees freed memory; WppRecorderLogDelete
 * unlinks a log from use and frees it then too. The framework's per-request events
 * (trace_recorder_event) are raw: formatted when read.
 */
#include <string.h>
#include <strings.h>

#include <stddef.h>
#include <stdlib.h>

#include "trace/trace_private.h"
#include "ke/ke.h"

/* Each ring alone on one cache line (trace_private.h, struct trace_shard). */
_Static_assert(sizeof(struct trace_shard) == 64 && _Alignof(struct trace_shard) == 64,
               "a ring shares a cache line with another");
_Static_assert(sizeof(struct trace_log) % 64 == 0, "aligned_alloc needs a multiple of 64");

/* Entries the bug-check report shows. */
#define TRACE_REPORT_ENTRIES 16

struct trace_log *trace_log_create(struct trace_driver *d, ULONG bytes, const char *ident)
{
    /* 64-aligned for its rings (struct trace_shard); calloc gives 16. */
    struct trace_log *log = aligned_alloc(64, sizeof(*log));

    if (log != NULL)
        memset(log, 0, sizeof(*log));
    if (bytes < WPP_RECORDER_MIN_BUFFER_SIZE)
        bytes = WPP_RECORDER_MIN_BUFFER_SIZE;
    if (bytes > WPP_RECORDER_MAX_BUFFER_SIZE)
        bytes = WPP_RECORDER_MAX_BUFFER_SIZE;
    if (log == NULL)
        return NULL;
    log->count = bytes / (ULONG)sizeof(struct trace_entry);
    if (log->count < 4)
        log->count = 4;
    /* The first ring now, so that a log that exists can record (out of memory at its first
     * entry, another ring drops that entry). */
    log->shard[0].entries = calloc(log->count, sizeof(struct trace_entry));
    if (log->shard[0].entries == NULL) {
        free(log);
        return NULL;
    }
    log->driver = d;
    snprintf(log->ident, sizeof(log->ident), "%s", ident);
    log->next = d->logs;
    d->logs = log;
    return log;
}

void trace_log_free(struct trace_log *log)
{
    for (unsigned i = 0; i < TRACE_LOG_SHARDS; i++)
        free(log->shard[i].entries);
    free(log);
}

struct trace_log *trace_default_log(struct trace_driver *d)
{
    if (d->default_log == NULL && !d->no_default_log) {
        struct trace_log *log = trace_log_create(d, WPP_RECORDER_DEFAULT_BUFFER_SIZE, "default");
        __atomic_store_n(&d->default_log, log, __ATOMIC_RELEASE);
    }
    return d->default_log;
}

/* A writer's claim of slot e: its sequence number goes from what the slot's last writer
 * published to TRACE_SEQ_BUSY, with acquire, so this writer's stores come after the last
 * writer's (each releases its entry by storing its seq). FALSE: a writer a whole ring
 * behind still fills the slot; the entry is dropped rather than written over it. */
static BOOLEAN trace_slot_claim(struct trace_entry *e)
{
    uint64_t seq = __atomic_load_n(&e->seq, __ATOMIC_ACQUIRE);
    return seq != TRACE_SEQ_BUSY &&
           __atomic_compare_exchange_n(&e->seq, &seq, TRACE_SEQ_BUSY, FALSE, __ATOMIC_ACQUIRE,
                                       __ATOMIC_RELAXED);
}

/* The ring the threads without one of their own share. */
#define TRACE_SHARED_SHARD (TRACE_LOG_SHARDS - 1)

static unsigned trace_rings_taken; /* atomic: bit i, exclusive ring i has its thread */
static os_once trace_ring_key_once = OS_ONCE_INIT;
static os_tls_key trace_ring_key; /* its value: 1 + the thread's exclusive ring */
static int trace_ring_key_ok;
/* initial-exec: a plain load in libdrvhost.so, no __tls_get_addr call per entry */
static __thread unsigned trace_ring __attribute__((tls_model("initial-exec"))); /* 1 + ring */
/* The thread's id and processor, read when it takes its ring, for trace_recorder_event's way
 * without a call. Both are fixed by then: the id for the thread's life, the processor from the
 * thread's kind, which the runtime's threads set first thing (ke_thread_set_kind), before they
 * run anything that records. */
static __thread uint64_t trace_ring_tid __attribute__((tls_model("initial-exec")));
static __thread uint32_t trace_ring_cpu __attribute__((tls_model("initial-exec")));

/* A thread ends: its exclusive ring is free for another (release: after its last entry). */
static void trace_ring_exit(void *value)
{
    unsigned ring = (unsigned)(uintptr_t)value - 1;

    trace_ring = 0;
    __atomic_and_fetch(&trace_rings_taken, ~(1u << ring), __ATOMIC_RELEASE);
}

static void trace_ring_key_create(void)
{
    trace_ring_key_ok = os_tls_key_create(&trace_ring_key, trace_ring_exit) == 0;
}

/* The calling thread's ring of every log (see the top of the file): an exclusive one while one
 * is free (taken with acquire: after its last thread's entries), else the shared one. */
static __attribute__((noinline, cold)) unsigned trace_thread_shard_take(void)
{
    const unsigned all = (1u << TRACE_SHARED_SHARD) - 1;
    unsigned taken, ring;

    trace_ring_tid = ke_current_thread()->tid;
    trace_ring_cpu = KeGetCurrentProcessorNumberEx(NULL);
    os_run_once(&trace_ring_key_once, trace_ring_key_create);
    taken = __atomic_load_n(&trace_rings_taken, __ATOMIC_RELAXED);
    do {
        if (!trace_ring_key_ok || (taken & all) == all) {
            trace_ring = 1 + TRACE_SHARED_SHARD;
            return TRACE_SHARED_SHARD;
        }
        ring = (unsigned)__builtin_ctz(~taken & all);
    } while (!__atomic_compare_exchange_n(&trace_rings_taken, &taken, taken | (1u << ring), 0,
                                          __ATOMIC_ACQUIRE, __ATOMIC_RELAXED));
    os_tls_set(&trace_ring_key, (void *)(uintptr_t)(ring + 1));
    trace_ring = ring + 1;
    return ring;
}

static inline unsigned trace_thread_shard(void)
{
    unsigned ring = trace_ring;

    return __builtin_expect(ring != 0, 1) ? ring - 1 : trace_thread_shard_take();
}

/* The writer alone on its ring marks slot e as being written before it writes the entry (a
 * reader then skips it): a plain store, kept before the entry's stores by a release fence (no
 * instruction on x86). ThreadSanitizer does not model fences: there, an exchange. */
static void trace_slot_mark(struct trace_entry *e)
{
#ifdef DRVHOST_TSAN
    __atomic_exchange_n(&e->seq, TRACE_SEQ_BUSY, __ATOMIC_ACQUIRE);
#else
    __atomic_store_n(&e->seq, TRACE_SEQ_BUSY, __ATOMIC_RELAXED);
    __atomic_thread_fence(__ATOMIC_RELEASE);
#endif
}

/* A ring's entries, made by its first writer (two first writers: one keeps its block). */
static __attribute__((noinline, cold)) struct trace_entry *shard_entries_new(
    const struct trace_log *log, struct trace_shard *sh)
{
    struct trace_entry *entries, *none = NULL;

    entries = calloc(log->count, sizeof(struct trace_entry));
    if (entries == NULL)
        return NULL;
    if (!__atomic_compare_exchange_n(&sh->entries, &none, entries, FALSE, __ATOMIC_ACQ_REL,
                                     __ATOMIC_ACQUIRE)) {
        free(entries);
        return none;
    }
    return entries;
}

static inline struct trace_entry *shard_entries(const struct trace_log *log, struct trace_shard *sh)
{
    struct trace_entry *entries = __atomic_load_n(&sh->entries, __ATOMIC_ACQUIRE);

    return __builtin_expect(entries != NULL, 1) ? entries : shard_entries_new(log, sh);
}

/* A writer's slot in its thread's ring (claimed: see trace_slot_claim), and the sequence number
 * that publishes it; NULL: the entry is dropped and counted. */
static inline __attribute__((always_inline)) struct trace_entry *trace_claim(struct trace_log *log,
                                                                             uint64_t *seq)
{
    unsigned ring = trace_thread_shard();
    struct trace_shard *sh = &log->shard[ring];
    struct trace_entry *entries = shard_entries(log, sh), *e;
    uint64_t index;

    if (__builtin_expect(entries == NULL, 0)) {
        __atomic_add_fetch(&sh->dropped, 1, __ATOMIC_RELAXED);
        return NULL;
    }
    if (__builtin_expect(ring != TRACE_SHARED_SHARD, 1)) { /* alone on the ring */
        uint32_t slot = sh->slot; /* head % count, kept by this writer alone */

        index = __atomic_load_n(&sh->head, __ATOMIC_RELAXED);
        __atomic_store_n(&sh->head, index + 1, __ATOMIC_RELEASE);
        sh->slot = slot + 1 == log->count ? 0 : slot + 1;
        e = &entries[slot];
        trace_slot_mark(e);
        *seq = index + 1;
        return e;
    }
    index = __atomic_fetch_add(&sh->head, 1, __ATOMIC_RELAXED);
    e = &entries[index % log->count];
    if (!trace_slot_claim(e)) {
        __atomic_add_fetch(&sh->dropped, 1, __ATOMIC_RELAXED);
        return NULL;
    }
    *seq = index + 1;
    return e;
}

void trace_log_append(struct trace_log *log, const char *text)
{
    struct ke_thread *t = ke_current_thread();
    uint64_t seq;
    struct trace_entry *e = trace_claim(log, &seq);

    if (e == NULL)
        return;
    e->ns = trace_stamp();
    e->cpu = KeGetCurrentProcessorNumberEx(NULL);
    e->tid = t != NULL ? t->tid : 0;
    e->fmt = NULL;
    e->site = NULL;
    __atomic_store_n(&e->done, 0, __ATOMIC_RELAXED);
    snprintf(e->text, sizeof(e->text), "%s", text);
    __atomic_store_n(&e->seq, seq, __ATOMIC_RELEASE);
}

/* The arguments are kept before a slot is claimed: a message that cannot be kept raw claims
 * none (the caller renders it and appends the text). */
BOOLEAN trace_log_wpp(struct trace_log *log, const struct drvhost_wpp_site *site,
                      const struct drvhost_wpp_control *ctl, int level, va_list *ap)
{
    struct trace_raw raw;
    struct ke_thread *t;
    struct trace_entry *e;
    uint64_t seq;

    if (trace_capture(site, ap, &raw) < 0)
        return FALSE;
    t = ke_current_thread();
    if ((e = trace_claim(log, &seq)) == NULL)
        return TRUE; /* dropped (counted) */
    e->ns = trace_stamp();
    e->cpu = KeGetCurrentProcessorNumberEx(NULL);
    e->tid = t != NULL ? t->tid : 0;
    e->fmt = NULL;
    e->site = site;
    __atomic_store_n(&e->done, 0, __ATOMIC_RELAXED);
    e->arg[0] = (uintptr_t)ctl;
    e->arg[1] = (uint64_t)(int64_t)level;
    memcpy(&e->raw, &raw, offsetof(struct trace_raw, text) + raw.text_used);
    __atomic_store_n(&e->seq, seq, __ATOMIC_RELEASE);
    return TRUE;
}

void trace_log_counts(struct trace_log *log, uint64_t *written, uint64_t *dropped)
{
    *written = *dropped = 0;
    for (unsigned i = 0; i < TRACE_LOG_SHARDS; i++) {
        *written += __atomic_load_n(&log->shard[i].head, __ATOMIC_ACQUIRE);
        *dropped += __atomic_load_n(&log->shard[i].dropped, __ATOMIC_RELAXED);
    }
}

void trace_recorder_vlog(PDRIVER_OBJECT driver, const char *fmt, va_list ap)
{
    char name[64], text[TRACE_ENTRY_TEXT];
    struct trace_driver *d;
    struct trace_log *log = NULL;
    int n;

    if (driver == NULL)
        return;
    trace_driver_name(driver, name, sizeof(name));
    n = snprintf(text, sizeof(text), "%s framework: ", name);
    vsnprintf(text + n, sizeof(text) - (size_t)n, fmt, ap);
    os_mutex_lock(&trace_lock);
    d = trace_driver_find(name, 1);
    if (d != NULL) {
        d->object = driver;
        log = trace_default_log(d);
        trace_update_autolog(d);
    }
    os_mutex_unlock(&trace_lock);
    if (log != NULL)
        trace_log_append(log, text);
}

struct trace_driver *trace_recorder_of(PDRIVER_OBJECT driver)
{
    char name[64];
    struct trace_driver *d = NULL;

    if (driver == NULL)
        return NULL;
    trace_driver_name(driver, name, sizeof(name));
    os_mutex_lock(&trace_lock);
    d = trace_driver_find(name, 1);
    if (d != NULL) {
        d->object = driver;
        trace_default_log(d);
        trace_update_autolog(d);
    }
    os_mutex_unlock(&trace_lock);
    return d;
}

/* Fills a claimed entry of a raw event and publishes it; mark: a request's entry, remembered
 * there (NULL: an ordinary event). */
static inline __attribute__((always_inline)) void trace_event_fill(
    struct trace_entry *e, uint64_t seq, uint32_t cpu, uint64_t tid, struct trace_mark *mark,
    const char *fmt, uint64_t a, uint64_t b, uint64_t c)
{
    e->ns = trace_stamp();
    e->cpu = cpu;
    e->tid = tid;
    e->fmt = fmt;
    e->site = NULL;
    e->arg[0] = a;
    e->arg[1] = b;
    e->arg[2] = c;
    __atomic_store_n(&e->done, mark != NULL ? trace_done_tag(seq) : 0, __ATOMIC_RELAXED);
    if (mark != NULL) {
        mark->entry = e;
        mark->seq = seq;
    }
    __atomic_store_n(&e->seq, seq, __ATOMIC_RELEASE);
}

/* trace_recorder_event's way for a thread without its own ring yet, or on the shared one, or
 * a ring not allocated yet. */
static __attribute__((noinline)) void trace_event_slow(struct trace_log *log,
                                                       struct trace_mark *mark, const char *fmt,
                                                       uint64_t a, uint64_t b, uint64_t c)
{
    struct ke_thread *t = ke_current_thread();
    struct trace_entry *e;
    uint64_t seq;

    if ((e = trace_claim(log, &seq)) != NULL)
        trace_event_fill(e, seq, KeGetCurrentProcessorNumberEx(NULL), t->tid, mark, fmt, a, b, c);
}

/* The writer's side, as trace_log_append's (an index, the slot claimed, the entry published);
 * the time, processor and thread are taken here, the text only when the log is read
 * (render_event.c). Every framework request writes two (session 10): the way of a thread
 * alone on its ring, whose ring exists, calls nothing (its id and processor were kept when it
 * took the ring), the rest is trace_event_slow's. */
static inline __attribute__((always_inline)) void trace_event_write(struct trace_driver *rec,
                                                                    struct trace_mark *mark,
                                                                    const char *fmt, uint64_t a,
                                                                    uint64_t b, uint64_t c)
{
    struct trace_log *log;
    struct trace_shard *sh;
    struct trace_entry *entries, *e;
    unsigned ring = trace_ring;
    uint64_t index;
    uint32_t slot;

    if (mark != NULL) {
        mark->entry = NULL; /* until an entry holds it */
        mark->ring = 0;
    }
    if (rec == NULL || (log = __atomic_load_n(&rec->default_log, __ATOMIC_ACQUIRE)) == NULL)
        return;
    if (__builtin_expect(ring == 0 || ring - 1 == TRACE_SHARED_SHARD, 0))
        return trace_event_slow(log, mark, fmt, a, b, c);
    sh = &log->shard[ring - 1];
    entries = __atomic_load_n(&sh->entries, __ATOMIC_ACQUIRE);
    if (__builtin_expect(entries == NULL, 0))
        return trace_event_slow(log, mark, fmt, a, b, c);
    /* As trace_claim's exclusive ring. */
    slot = sh->slot;
    index = __atomic_load_n(&sh->head, __ATOMIC_RELAXED);
    __atomic_store_n(&sh->head, index + 1, __ATOMIC_RELEASE);
    sh->slot = slot + 1 == log->count ? 0 : slot + 1;
    e = &entries[slot];
    trace_slot_mark(e);
    trace_event_fill(e, index + 1, trace_ring_cpu, trace_ring_tid, mark, fmt, a, b, c);
    if (mark != NULL)
        mark->ring = ring;
}

void trace_recorder_event(struct trace_driver *rec, const char *fmt, uint64_t a, uint64_t b,
                          uint64_t c)
{
    trace_event_write(rec, NULL, fmt, a, b, c);
}

void trace_recorder_event_mark(struct trace_driver *rec, struct trace_mark *mark, const char *fmt,
                               uint64_t a, uint64_t b, uint64_t c)
{
    trace_event_write(rec, mark, fmt, a, b, c);
}

/* session 11 (the lead's decision: one entry per framework request): the completion goes
 * into the request's entry. The seq check keeps it out of a slot written over since; the
 * exchange from the waiting tag makes it land only on that entry, once. A completion racing
 * with the ring's writer taking the slot again (a whole ring of that thread's entries while
 * the request was out) may write done_info into the new entry, which no reader shows until
 * that entry's own completion rewrites it, or may be lost with the old entry it names. */
int trace_recorder_complete(const struct trace_mark *mark, uint32_t status, uint64_t information)
{
    struct trace_entry *e = mark->entry;
    uint64_t waiting;

    if (e == NULL || __atomic_load_n(&e->seq, __ATOMIC_ACQUIRE) != mark->seq)
        return 0;
    waiting = trace_done_tag(mark->seq);
    __atomic_store_n(&e->done_info, information, __ATOMIC_RELAXED);
    /* session 12: completed on the thread whose own ring holds the entry (the common case: a
     * request completed in its I/O callback), nothing else writes the slot; only a double
     * completion racing on another thread could, and it is the driver's bug, reported by
     * wdf_request_end: plain atomic stores then, without the exchange's locked instruction. */
    if (mark->ring != 0 && mark->ring == trace_ring) {
        if (__atomic_load_n(&e->done, __ATOMIC_RELAXED) != waiting)
            return 0;
        __atomic_store_n(&e->done, waiting | TRACE_DONE_COMPLETED | status, __ATOMIC_RELEASE);
        return 1;
    }
    return __atomic_compare_exchange_n(&e->done, &waiting, waiting | TRACE_DONE_COMPLETED | status,
                                       FALSE, __ATOMIC_RELEASE, __ATOMIC_RELAXED);
}

void trace_recorder_log(PDRIVER_OBJECT driver, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    trace_recorder_vlog(driver, fmt, ap);
    va_end(ap);
}

/* A raw WPP entry's text, as the message would have had when written. */
/* A raw event's text, and a request entry's completion after it (session 11). */
static void trace_render_event_done(char *buf, size_t size, const char *driver,
                                    const struct trace_entry *e, uint64_t seq)
{
    uint64_t done = __atomic_load_n(&e->done, __ATOMIC_ACQUIRE);
    size_t n;

    trace_render_event(buf, size, driver, e);
    if ((done & ~(TRACE_DONE_COMPLETED | 0xFFFFFFFFull)) != trace_done_tag(seq) ||
        (done & TRACE_DONE_COMPLETED) == 0)
        return; /* not a request's entry, or not completed (yet) */
    n = strlen(buf);
    snprintf(buf + n, size - n, "; completed, status 0x%08X, information %llu",
             (unsigned)(uint32_t)done,
             (unsigned long long)__atomic_load_n(&e->done_info, __ATOMIC_RELAXED));
}

static void trace_render_wpp_entry(char *buf, size_t size, const char *driver,
                                   const struct trace_entry *e)
{
    const struct drvhost_wpp_control *ctl = (const void *)(uintptr_t)e->arg[0];
    char msg[TRACE_ENTRY_TEXT];

    trace_render_raw(msg, sizeof(msg), e->site, ctl, (int)e->arg[1], &e->raw);
    trace_wpp_line(buf, size, driver, e->site, ctl, (int)e->arg[1], msg);
}

/* A published entry found by a reader: its stamp (the merge order) and the seq it had. */
struct walk_item {
    uint64_t stamp;
    uint64_t seq;
    const struct trace_entry *e;
};

static int walk_item_order(const void *a, const void *b)
{
    const struct walk_item *x = a, *y = b;

    return x->stamp < y->stamp ? -1 : x->stamp > y->stamp;
}

/* The last `max` published entries of each ring of log into items (room for
 * max * TRACE_LOG_SHARDS), in stamp order; returns their number. */
static size_t log_gather(struct trace_log *log, unsigned max, struct walk_item *items)
{
    size_t n = 0;

    for (unsigned s = 0; s < TRACE_LOG_SHARDS; s++) {
        struct trace_shard *sh = &log->shard[s];
        struct trace_entry *entries = __atomic_load_n(&sh->entries, __ATOMIC_ACQUIRE);
        uint64_t head = __atomic_load_n(&sh->head, __ATOMIC_ACQUIRE), i, first;
        if (entries == NULL)
            continue;
        first = head > log->count ? head - log->count : 0;
        if (head - first > max)
            first = head - max;
        for (i = first; i < head; i++) {
            const struct trace_entry *e = &entries[i % log->count];
            if (__atomic_load_n(&e->seq, __ATOMIC_ACQUIRE) != i + 1)
                continue; /* being rewritten */
            items[n].stamp = e->ns;
            items[n].seq = i + 1;
            items[n++].e = e;
        }
    }
    qsort(items, n, sizeof(*items), walk_item_order);
    return n;
}

/* Calls emit for each of the last `max` published entries of log (all rings), oldest first;
 * items: room for max * TRACE_LOG_SHARDS. */
static unsigned log_walk(struct trace_log *log, unsigned max, struct walk_item *items,
                         void (*emit)(void *ctx, const char *), void *ctx)
{
    size_t n = log_gather(log, max, items), i;
    unsigned shown = 0;
    char line[TRACE_ENTRY_TEXT + 64], text[TRACE_ENTRY_TEXT];

    for (i = n > max ? n - max : 0; i < n; i++) {
        const struct trace_entry *e = items[i].e;
        uint64_t ns = trace_stamp_ns(items[i].stamp);
        if (e->fmt != NULL)
            trace_render_event_done(text, sizeof(text), log->driver->name, e, items[i].seq);
        else if (e->site != NULL)
            trace_render_wpp_entry(text, sizeof(text), log->driver->name, e);
        else
            snprintf(text, sizeof(text), "%s", e->text);
        if (__atomic_load_n(&e->seq, __ATOMIC_ACQUIRE) != items[i].seq)
            continue; /* rewritten while read */
        snprintf(line, sizeof(line), "%llu.%06llu cpu%u tid%llu %s",
                 (unsigned long long)(ns / 1000000000u),
                 (unsigned long long)(ns / 1000u % 1000000u), e->cpu, (unsigned long long)e->tid,
                 text);
        emit(ctx, line);
        shown++;
    }
    return shown;
}

static void dump_line(void *ctx, const char *line)
{
    fprintf((FILE *)ctx, "  %s\n", line);
}

int trace_recorder_dump(const char *driver, FILE *out)
{
    struct trace_driver *d;
    struct trace_log *log;
    int total = 0;

    os_mutex_lock(&trace_lock);
    d = trace_driver_find(driver, 0);
    if (d == NULL || d->logs == NULL) {
        os_mutex_unlock(&trace_lock);
        return -1;
    }
    for (log = d->logs; log != NULL; log = log->next) {
        uint64_t written, dropped;
        struct walk_item *items = malloc(sizeof(*items) * log->count * TRACE_LOG_SHARDS);
        trace_log_counts(log, &written, &dropped);
        fprintf(out, "recorder %s log %s: %llu entries written, the last %u kept", d->name,
                log->ident, (unsigned long long)written, log->count);
        if (dropped != 0) /* a writer a ring behind still filled their slot */
            fprintf(out, ", %llu dropped", (unsigned long long)dropped);
        fputc('\n', out);
        if (items != NULL)
            total += (int)log_walk(log, log->count, items, dump_line, out);
        free(items);
    }
    os_mutex_unlock(&trace_lock);
    return total;
}

int trace_recorder_exists(const char *driver)
{
    struct trace_driver *d;
    int yes;

    os_mutex_lock(&trace_lock);
    d = trace_driver_find(driver, 0);
    yes = d != NULL && d->logs != NULL;
    os_mutex_unlock(&trace_lock);
    return yes;
}

/* ---- the bug-check report ------------------------------------------------------------------ */

static void report_emit(void *ctx, const char *line)
{
    ((void (*)(const char *))ctx)(line);
}

/* No lock: the bug-checking thread may hold trace_lock. The lists only grow while drivers are
 * loaded, and are read with acquire loads. */
static void report_driver_log(const char *driver, void (*emit)(const char *line))
{
    struct trace_driver *d;
    struct trace_log *log;
    struct walk_item items[TRACE_REPORT_ENTRIES * TRACE_LOG_SHARDS]; /* no allocation here */
    char head[160];

    for (d = __atomic_load_n(&trace_drivers, __ATOMIC_ACQUIRE); d != NULL; d = d->next)
        if (strcasecmp(d->name, driver) == 0)
            break;
    if (d == NULL || (log = __atomic_load_n(&d->default_log, __ATOMIC_ACQUIRE)) == NULL)
        return;
    snprintf(head, sizeof(head),
             "in-flight recorder of %s (the last %u entries, oldest first):", driver,
             TRACE_REPORT_ENTRIES);
    emit(head);
    log_walk(log, TRACE_REPORT_ENTRIES, items, report_emit, (void *)emit);
}

/* A driver record and its logs (unlinked already, under trace_lock). */
static void driver_free(struct trace_driver *d)
{
    while (d->logs != NULL) {
        struct trace_log *log = d->logs;
        d->logs = log->next;
        trace_log_free(log);
    }
    free(d);
}

void trace_driver_gone(PDRIVER_OBJECT driver)
{
    struct trace_driver **pd, *d;
    char name[64];

    trace_driver_name(driver, name, sizeof(name));
    trace_etw_driver_gone(name);
    os_mutex_lock(&trace_lock);
    for (pd = &trace_drivers; (d = *pd) != NULL; pd = &d->next)
        if (d->object == driver || strcasecmp(d->name, name) == 0)
            break;
    if (d != NULL) {
        *pd = d->next;
        driver_free(d);
    }
    os_mutex_unlock(&trace_lock);
}

void trace_init(void)
{
    trace_sink_init();
    ke_set_report_driver_log(report_driver_log);
}

void trace_shutdown(void)
{
    ke_set_report_driver_log(NULL);
    trace_sink_shutdown();
    trace_settings_free();
    trace_etw_shutdown();
    os_mutex_lock(&trace_lock);
    while (trace_drivers != NULL) {
        struct trace_driver *d = trace_drivers;
        trace_drivers = d->next;
        driver_free(d);
    }
    os_mutex_unlock(&trace_lock);
}

/* ---- the WppRecorder DDIs -------------------------------------------------------------------- */

/* The calling driver's record (by the return address's module), created if needed. */
static struct trace_driver *caller_driver(const void *caller)
{
    const char *name = ke_address_name(caller);

    return name != NULL ? trace_driver_find(name, 1) : NULL;
}

NTSYSAPI NTSTATUS NTAPI WppRecorderLogCreate(PRECORDER_LOG_CREATE_PARAMS CreateParams,
                                             RECORDER_LOG *RecorderLog)
{
    const void *caller = __builtin_return_address(0);
    struct trace_driver *d;
    struct trace_log *log = NULL;
    char ident[48];

    if (CreateParams == NULL || RecorderLog == NULL ||
        CreateParams->Size != sizeof(RECORDER_LOG_CREATE_PARAMS))
        return STATUS_INVALID_PARAMETER;
    snprintf(ident, sizeof(ident), "%.*s", RECORDER_LOG_IDENTIFIER_MAX_CHARS,
             CreateParams->LogIdentifier);
    if (CreateParams->LogIdentifierAppendValueSet)
        snprintf(ident + strlen(ident), sizeof(ident) - strlen(ident), " %llx",
                 (unsigned long long)CreateParams->LogIdentifierAppendValue);
    os_mutex_lock(&trace_lock);
    d = caller_driver(caller);
    if (d != NULL)
        log = trace_log_create(d, CreateParams->TotalBufferSize, ident);
    os_mutex_unlock(&trace_lock);
    if (log == NULL)
        return d == NULL ? STATUS_INVALID_DEVICE_STATE : STATUS_INSUFFICIENT_RESOURCES;
    *RecorderLog = (RECORDER_LOG)log;
    return STATUS_SUCCESS;
}

NTSYSAPI VOID NTAPI WppRecorderLogDelete(RECORDER_LOG RecorderLog)
{
    struct trace_log *log = (struct trace_log *)RecorderLog, **p;
    struct trace_driver *d;

    if (log == NULL)
        return;
    os_mutex_lock(&trace_lock);
    for (d = trace_drivers; d != NULL; d = d->next)
        for (p = &d->logs; *p != NULL; p = &(*p)->next)
            if (*p == log && log != d->default_log) {
                *p = log->next;
                os_mutex_unlock(&trace_lock);
                trace_log_free(log);
                return;
            }
    os_mutex_unlock(&trace_lock);
}

NTSYSAPI NTSTATUS NTAPI WppRecorderLogSetIdentifier(RECORDER_LOG RecorderLog, PSTR LogIdentifier)
{
    struct trace_log *log = (struct trace_log *)RecorderLog;

    if (log == NULL || LogIdentifier == NULL)
        return STATUS_INVALID_PARAMETER;
    os_mutex_lock(&trace_lock);
    snprintf(log->ident, sizeof(log->ident), "%.*s", RECORDER_LOG_IDENTIFIER_MAX_CHARS,
             LogIdentifier);
    os_mutex_unlock(&trace_lock);
    return STATUS_SUCCESS;
}

NTSYSAPI NTSTATUS NTAPI WppRecorderConfigure(PRECORDER_CONFIGURE_PARAMS ConfigureParams)
{
    const void *caller = __builtin_return_address(0);
    struct trace_driver *d;

    if (ConfigureParams == NULL || ConfigureParams->Size != sizeof(RECORDER_CONFIGURE_PARAMS))
        return STATUS_INVALID_PARAMETER;
    os_mutex_lock(&trace_lock);
    d = caller_driver(caller);
    if (d != NULL) {
        d->no_default_log = !ConfigureParams->CreateDefaultLog;
        if (d->no_default_log)
            __atomic_store_n(&d->default_log, NULL, __ATOMIC_RELEASE); /* kept in d->logs */
        else if (d->controls != NULL)
            trace_default_log(d);
        trace_update_autolog(d);
    }
    os_mutex_unlock(&trace_lock);
    return d != NULL ? STATUS_SUCCESS : STATUS_INVALID_DEVICE_STATE;
}

NTSYSAPI RECORDER_LOG NTAPI WppRecorderLogGetDefault(VOID)
{
    const void *caller = __builtin_return_address(0);
    struct trace_driver *d;
    struct trace_log *log = NULL;

    os_mutex_lock(&trace_lock);
    d = caller_driver(caller);
    if (d != NULL)
        log = d->default_log;
    os_mutex_unlock(&trace_lock);
    return (RECORDER_LOG)log;
}

NTSYSAPI BOOLEAN NTAPI WppRecorderIsDefaultLogAvailable(VOID)
{
    const void *caller = __builtin_return_address(0);
    struct trace_driver *d;
    BOOLEAN yes = FALSE;

    os_mutex_lock(&trace_lock);
    d = caller_driver(caller);
    if (d != NULL)
        yes = d->default_log != NULL;
    os_mutex_unlock(&trace_lock);
    return yes;
}
