/*
 * test_trace_recorder.c - the in-flight recorder's per-thread rings (src/trace/recorder.c):
 * entries of one thread keep their order, entries of several threads are merged by stamp, the
 * dump shows the log's size of the newest ones, and entries dropped are counted.
 *
 * White-box: the trace_* functions are hidden inside libdrvhost.so, so this test links the
 * runtime's internal library and uses the archive's own copy of the layer (its driver list is
 * not the booted runtime's).
 */
#include "harness.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trace/trace_private.h"

#define WRITERS    4
#define PER_WRITER 400

/* A recorder of our own, by name, with its default log. */
static struct trace_driver *recorder(const char *name)
{
    struct trace_driver *d;

    os_mutex_lock(&trace_lock);
    d = trace_driver_find(name, 1);
    if (d != NULL)
        trace_default_log(d);
    os_mutex_unlock(&trace_lock);
    return d;
}

/* trace_recorder_dump's text (malloc'd). */
static char *dump(const char *name, int *shown)
{
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);

    *shown = trace_recorder_dump(name, f);
    fclose(f);
    return text;
}

struct writer {
    struct trace_driver *rec;
    unsigned id;
    pthread_barrier_t *start;
};

static void *write_events(void *arg)
{
    struct writer *w = arg;

    pthread_barrier_wait(w->start);
    for (unsigned i = 0; i < PER_WRITER; i++)
        trace_recorder_event(w->rec, "writer %u entry %u", w->id, i, 0);
    return NULL;
}

/* Each writer's entries in the dump, in dump order: entry numbers must rise. */
static int check_order(const char *text, unsigned *seen, unsigned *last)
{
    const char *p = text;

    for (unsigned i = 0; i < WRITERS; i++) {
        seen[i] = 0;
        last[i] = 0;
    }
    while ((p = strstr(p, "framework: writer ")) != NULL) {
        unsigned id, entry;
        if (sscanf(p, "framework: writer %u entry %u", &id, &entry) != 2 || id >= WRITERS)
            return 0;
        if (seen[id] != 0 && entry <= last[id])
            return 0;
        seen[id]++;
        last[id] = entry;
        p++;
    }
    return 1;
}

TEST(one_thread_keeps_the_newest_entries_in_order)
{
    struct trace_driver *d = recorder("rec1");
    unsigned seen[WRITERS], last[WRITERS], count;
    uint64_t written, dropped;
    int shown;
    char *text;

    ok(d != NULL && d->default_log != NULL, "no recorder");
    count = d->default_log->count;
    for (unsigned i = 0; i < 3 * count; i++)
        trace_recorder_event(d, "writer %u entry %u", 0, i, 0);
    text = dump("rec1", &shown);
    trace_log_counts(d->default_log, &written, &dropped);
    ok(written == 3 * count && dropped == 0, "written %llu dropped %llu",
       (unsigned long long)written, (unsigned long long)dropped);
    ok(shown == (int)count, "%d entries shown, the log keeps %u", shown, count);
    ok(check_order(text, seen, last), "out of order:\n%s", text);
    ok(seen[0] == count && last[0] == 3 * count - 1, "%u entries, the last %u:\n%s", seen[0],
       last[0], text);
    free(text);
}

TEST(threads_write_their_own_rings_and_keep_their_order)
{
    struct trace_driver *d = recorder("rec2");
    struct writer w[WRITERS];
    pthread_t t[WRITERS];
    pthread_barrier_t start;
    unsigned seen[WRITERS], last[WRITERS], total = 0;
    uint64_t written, dropped;
    int shown;
    char *text;

    pthread_barrier_init(&start, NULL, WRITERS);
    for (unsigned i = 0; i < WRITERS; i++) {
        w[i] = (struct writer){d, i, &start};
        pthread_create(&t[i], NULL, write_events, &w[i]);
    }
    for (unsigned i = 0; i < WRITERS; i++)
        pthread_join(t[i], NULL);
    pthread_barrier_destroy(&start);
    text = dump("rec2", &shown);
    trace_log_counts(d->default_log, &written, &dropped);
    /* New threads take new slots: each writer had a ring of its own, so nothing was dropped. */
    ok(written == WRITERS * PER_WRITER && dropped == 0, "written %llu dropped %llu",
       (unsigned long long)written, (unsigned long long)dropped);
    ok(shown == (int)d->default_log->count, "%d shown, the log keeps %u", shown,
       d->default_log->count);
    ok(check_order(text, seen, last), "a writer's entries out of order:\n%s", text);
    for (unsigned i = 0; i < WRITERS; i++)
        total += seen[i];
    ok(total == (unsigned)shown, "%u writer entries of %d shown", total, shown);
    /* The newest entry of the log is some writer's last. */
    ok(strstr(text, "entry 399\n") != NULL, "no writer's last entry among the newest:\n%s", text);
    free(text);
}

TEST(a_claimed_slot_drops_the_entry_and_counts_it)
{
    struct trace_driver *d = recorder("rec3");
    struct trace_log *log = d->default_log;
    struct trace_entry *ring;
    uint64_t written, dropped, head;
    int shown;
    char *text;

    trace_recorder_event(d, "writer %u entry %u", 0, 0, 0); /* this thread's ring exists now */
    for (unsigned s = 0; s < TRACE_LOG_SHARDS; s++)
        if (log->shard[s].head != 0) {
            ring = log->shard[s].entries;
            head = log->shard[s].head;
            /* A writer a whole ring behind still fills the slot the next entry takes. */
            __atomic_store_n(&ring[head % log->count].seq, TRACE_SEQ_BUSY, __ATOMIC_RELEASE);
        }
    trace_recorder_event(d, "writer %u entry %u", 0, 1, 0);
    trace_log_counts(log, &written, &dropped);
    ok(written == 2 && dropped == 1, "written %llu dropped %llu", (unsigned long long)written,
       (unsigned long long)dropped);
    text = dump("rec3", &shown);
    ok(shown == 1 && strstr(text, ", 1 dropped\n") != NULL && strstr(text, "entry 1") == NULL,
       "%d shown:\n%s", shown, text);
    free(text);
}

/* ---- WPP messages kept raw (trace_log_wpp), rendered when read --------------------------- */

static const char *const flag_names[] = {"TRACE_ONE"};
static struct drvhost_wpp_control control = {.Name = "TestProvider", .FlagNames = flag_names};

static BOOLEAN log_wpp(struct trace_log *log, const struct drvhost_wpp_site *site, int level, ...)
{
    va_list ap;
    BOOLEAN kept;

    va_start(ap, level);
    kept = trace_log_wpp(log, site, &control, level, &ap);
    va_end(ap);
    return kept;
}

/* The message as drvhost_wpp_trace renders it at once (a trace session's line). */
static void render_now(char *buf, size_t size, const struct drvhost_wpp_site *site, int level, ...)
{
    char msg[512];
    va_list ap;

    va_start(ap, level);
    trace_render(msg, sizeof(msg), site, &control, level, &ap);
    va_end(ap);
    trace_wpp_line(buf, size, "rec4", site, &control, level, msg);
}

TEST(a_wpp_message_kept_raw_reads_as_rendered_at_once)
{
    static const struct drvhost_wpp_site site = {
        .File = "t.c",
        .Function = "Fn",
        .Line = 7,
        .Flag = "TRACE_ONE",
        .Bit = 1,
        .Format = "%s (0x%08X) %d %*d %I64x %p: %!STATUS! %!bool! %!IRQL! [%!FUNC!:%!LINE!] "
                  "%hs|%s 100%%"};
    struct trace_driver *d = recorder("rec4");
    char name[16] = "ECHO", expect[512];
    const char *null_string = NULL;
    int shown;
    char *text;

    ok(log_wpp(d->default_log, &site, 4, name, 0x222000u, -5, 6, 42, 0x123456789abcULL,
               (void *)0x1234, (NTSTATUS)0xC0000010, 1, 2, "narrow", null_string),
       "the message was not kept raw");
    render_now(expect, sizeof(expect), &site, 4, name, 0x222000u, -5, 6, 42, 0x123456789abcULL,
               (void *)0x1234, (NTSTATUS)0xC0000010, 1, 2, "narrow", null_string);
    strcpy(name, "GONE"); /* the driver's buffer changes: the entry kept a copy */
    text = dump("rec4", &shown);
    ok(shown == 1 && strstr(text, expect) != NULL, "expected \"%s\" in\n%s", expect, text);
    ok(strstr(expect, "ECHO (0x00222000) -5     42 123456789abc 0000000000001234: ") != NULL &&
           strstr(expect, "STATUS_INVALID_DEVICE_REQUEST") != NULL &&
           strstr(expect, "TRUE DISPATCH_LEVEL [Fn:7] narrow|") != NULL,
       "rendered: %s", expect);
    free(text);
}

TEST(a_wpp_message_with_memory_arguments_is_not_kept_raw)
{
    static const struct drvhost_wpp_site guid_site = {
        .File = "t.c", .Function = "Fn", .Line = 8, .Flag = "", .Format = "id %!GUID!"};
    static const struct drvhost_wpp_site wide_site = {
        .File = "t.c", .Function = "Fn", .Line = 9, .Flag = "", .Format = "name %ws"};
    static const struct drvhost_wpp_site float_site = {
        .File = "t.c", .Function = "Fn", .Line = 10, .Flag = "", .Format = "ratio %f"};
    static const struct drvhost_wpp_site many_site = {.File = "t.c",
                                                      .Function = "Fn",
                                                      .Line = 11,
                                                      .Flag = "",
                                                      .Format =
                                                          "%d %d %d %d %d %d %d %d %d %d %d %d %d"};
    static const GUID g = {1, 2, 3, {4, 5, 6, 7, 8, 9, 10, 11}};
    struct trace_driver *d = recorder("rec5");
    uint64_t written, dropped;

    ok(!log_wpp(d->default_log, &guid_site, 4, &g), "a GUID pointer was kept");
    ok(!log_wpp(d->default_log, &wide_site, 4, L"x"), "a wide string was kept");
    ok(!log_wpp(d->default_log, &float_site, 4, 0.5), "a double was kept");
    ok(!log_wpp(d->default_log, &many_site, 4, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13),
       "thirteen arguments were kept");
    trace_log_counts(d->default_log, &written, &dropped);
    ok(written == 0, "%llu entries claimed for messages not kept", (unsigned long long)written);
}
