/*
 * test_trace_recorder.c - the in-flight recorder's per-thread rings and raw WPP entries
 * (src/trace/recorder.c, docs/tracing.md "The in-flight recorder"): entries of one thread keep
 * their order, entries of several threads are merged, a dump shows the log's size of the newest
 * ones, and a WPP message only the recorder takes is kept raw and reads as rendered at once.
 *
 * The messages enter as a driver's WPP call sites send them (drvhost_wpp_init with a control
 * block, drvhost_wpp_trace with mode 2: the recorder only), the dump is drvhost_recorder_dump.
 */
#include <wdm.h>

#include <drvhost/drvhost.h>
#include <drvhost_wpp.h>

#include "harness.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WRITERS       4
#define MANY_WRITERS  12 /* more than the recorder's 7 rings of one thread each */
#define PER_WRITER    400
#define RECORDER_ONLY 2 /* drvhost_wpp_trace's mode: the in-flight recorder, no trace session */

static const char *const flag_names[] = {"TRACE_ONE"};
static struct drvhost_wpp_control control = {.Name = "TestProvider", .FlagNames = flag_names};
static const struct drvhost_wpp_site entry_site = {.File = "t.c",
                                                   .Function = "Fn",
                                                   .Line = 5,
                                                   .Flag = "TRACE_ONE",
                                                   .Bit = 1,
                                                   .Format = "writer %u entry %u"};

/* A driver object named \Driver\NAME whose WPP_INIT_TRACING gave the control block. */
static void init_tracing(const WCHAR *driver_name)
{
    static DRIVER_OBJECT object;
    RtlInitUnicodeString(&object.DriverName, driver_name);
    drvhost_wpp_init(&control, 1, &object, NULL);
}

/* drvhost_recorder_dump's text (malloc'd) and the log's size from its head line. */
static char *dump(const char *name, int *shown, unsigned *kept)
{
    char *text = NULL, *p;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    *shown = drvhost_recorder_dump(name, f);
    fclose(f);
    p = text != NULL ? strstr(text, "the last ") : NULL;
    *kept = p != NULL ? (unsigned)strtoul(p + 9, NULL, 10) : 0;
    return text;
}

struct writer {
    unsigned id;
    pthread_barrier_t *start;
};

static void *write_entries(void *arg)
{
    struct writer *w = arg;
    pthread_barrier_wait(w->start);
    for (unsigned i = 0; i < PER_WRITER; i++)
        drvhost_wpp_trace(&entry_site, &control, TRACE_LEVEL_INFORMATION, RECORDER_ONLY, w->id, i);
    return NULL;
}

/* Each of n writers' entries in the dump, in dump order: entry numbers must rise. */
static int check_order_of(const char *text, unsigned n, unsigned *seen, unsigned *last)
{
    const char *p = text;
    for (unsigned i = 0; i < n; i++)
        seen[i] = last[i] = 0;
    while ((p = strstr(p, "Fn: writer ")) != NULL) {
        unsigned id, entry;
        if (sscanf(p, "Fn: writer %u entry %u", &id, &entry) != 2 || id >= n)
            return 0;
        if (seen[id] != 0 && entry <= last[id])
            return 0;
        seen[id]++;
        last[id] = entry;
        p++;
    }
    return 1;
}

static int check_order(const char *text, unsigned *seen, unsigned *last)
{
    return check_order_of(text, WRITERS, seen, last);
}

TEST(one_thread_keeps_the_newest_entries_in_order)
{
    unsigned seen[WRITERS], last[WRITERS], kept;
    int shown;
    char *text;
    init_tracing(L"\\Driver\\rec1");
    for (unsigned i = 0; i < 300; i++)
        drvhost_wpp_trace(&entry_site, &control, TRACE_LEVEL_INFORMATION, RECORDER_ONLY, 0u, i);
    text = dump("rec1", &shown, &kept);
    ok(text != NULL && strstr(text, "log default: 300 entries written") != NULL, "%s", text);
    ok(kept > 0 && kept < 300 && shown == (int)kept, "%d entries shown, the log keeps %u", shown,
       kept);
    ok(check_order(text, seen, last), "out of order:\n%s", text);
    ok(seen[0] == kept && last[0] == 299, "%u entries, the last %u:\n%s", seen[0], last[0], text);
    free(text);
}

TEST(threads_write_their_own_rings_and_keep_their_order)
{
    struct writer w[WRITERS];
    pthread_t t[WRITERS];
    pthread_barrier_t start;
    unsigned seen[WRITERS], last[WRITERS], total = 0, kept;
    int shown;
    char *text;
    init_tracing(L"\\Driver\\rec2");
    pthread_barrier_init(&start, NULL, WRITERS);
    for (unsigned i = 0; i < WRITERS; i++) {
        w[i] = (struct writer){i, &start};
        pthread_create(&t[i], NULL, write_entries, &w[i]);
    }
    for (unsigned i = 0; i < WRITERS; i++)
        pthread_join(t[i], NULL);
    pthread_barrier_destroy(&start);
    text = dump("rec2", &shown, &kept);
    /* Each writer has a ring of its own (threads are numbered at their first entry): nothing
     * is dropped, and the dump's head line says so by saying nothing of drops. */
    ok(text != NULL && strstr(text, "log default: 1600 entries written") != NULL &&
           strstr(text, "dropped") == NULL,
       "%s", text);
    ok(shown == (int)kept, "%d shown, the log keeps %u", shown, kept);
    ok(check_order(text, seen, last), "a writer's entries out of order:\n%s", text);
    for (unsigned i = 0; i < WRITERS; i++)
        total += seen[i];
    ok(total == (unsigned)shown, "%u writer entries of %d shown", total, shown);
    /* The newest entry of the log is some writer's last. */
    ok(strstr(text, "entry 399\n") != NULL, "no writer's last entry among the newest:\n%s", text);
    free(text);
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
    char name[16] = "ECHO";
    const char *null_string = NULL;
    unsigned kept;
    int shown;
    char *text;
    init_tracing(L"\\Driver\\rec4");
    drvhost_wpp_trace(&site, &control, TRACE_LEVEL_INFORMATION, RECORDER_ONLY, name, 0x222000u, -5,
                      6, 42, 0x123456789abcULL, (void *)0x1234, (NTSTATUS)0xC0000010, 1, 2,
                      "narrow", null_string);
    strcpy(name, "GONE"); /* the driver's buffer changes: the entry kept a copy */
    text = dump("rec4", &shown, &kept);
    ok(shown == 1 && strstr(text, "rec4 TestProvider TRACE_ONE INFORMATION Fn: ECHO (0x00222000) "
                                  "-5     42 123456789abc 0000000000001234: "
                                  "STATUS_INVALID_DEVICE_REQUEST(0xC0000010) TRUE DISPATCH_LEVEL "
                                  "[Fn:7] narrow|(null) 100%\n") != NULL,
       "%d shown:\n%s", shown, text);
    free(text);
}

TEST(a_wpp_message_with_memory_arguments_is_rendered_when_written)
{
    static const struct drvhost_wpp_site guid_site = {
        .File = "t.c", .Function = "Fn", .Line = 8, .Flag = "", .Format = "id %!GUID! %!HEXDUMP!"};
    static const GUID g = {1, 2, 3, {4, 5, 6, 7, 8, 9, 10, 11}};
    unsigned char bytes[2] = {0xab, 0xcd};
    WPP_HEXDUMP hex = {bytes, sizeof(bytes)};
    unsigned kept;
    int shown;
    char *text;
    init_tracing(L"\\Driver\\rec5");
    drvhost_wpp_trace(&guid_site, &control, TRACE_LEVEL_WARNING, RECORDER_ONLY, &g, hex);
    bytes[0] = 0; /* rendered already */
    text = dump("rec5", &shown, &kept);
    ok(shown == 1 &&
           strstr(text, "WARNING Fn: id 00000001-0002-0003-0405-060708090a0b ab cd\n") != NULL,
       "%d shown:\n%s", shown, text);
    free(text);
}

/* More writers at once than the recorder has rings of one thread (src/trace/recorder.c): the
 * others share the last ring (an atomic index, a claimed slot); every entry is counted, each
 * writer's entries keep their order. Then the writers have ended and given their rings back:
 * new threads write in them again. */
TEST(more_writers_than_rings_share_the_last_one_and_keep_their_order)
{
    struct writer w[MANY_WRITERS];
    pthread_t t[MANY_WRITERS];
    pthread_barrier_t start;
    unsigned seen[2 * MANY_WRITERS], last[2 * MANY_WRITERS], kept;
    int shown;
    char *text;
    init_tracing(L"\\Driver\\rec5");
    for (unsigned round = 0; round < 2; round++) {
        pthread_barrier_init(&start, NULL, MANY_WRITERS);
        for (unsigned i = 0; i < MANY_WRITERS; i++) {
            w[i] = (struct writer){round * MANY_WRITERS + i, &start};
            pthread_create(&t[i], NULL, write_entries, &w[i]);
        }
        for (unsigned i = 0; i < MANY_WRITERS; i++)
            pthread_join(t[i], NULL);
        pthread_barrier_destroy(&start);
    }
    text = dump("rec5", &shown, &kept);
    ok(text != NULL && strstr(text, "log default: 9600 entries written") != NULL, "%s", text);
    ok(shown > 0 && shown <= (int)kept, "%d shown, the log keeps %u", shown, kept);
    ok(check_order_of(text, 2 * MANY_WRITERS, seen, last), "a writer's entries out of order:\n%s",
       text);
    free(text);
}
