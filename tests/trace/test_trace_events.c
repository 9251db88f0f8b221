/*
 * test_trace_events.c - the framework's raw recorder events (src/trace/recorder.c
 * trace_recorder_event, docs/tracing.md "The in-flight recorder"): each entry names the thread
 * that wrote it and that thread's processor, on a thread's own ring (where the id and
 * processor are the ones kept when the thread took its ring, session 10) and on the shared
 * ring alike, and the dump renders the stored format with its arguments.
 *
 * Internal: trace_recorder_event has no export (the framework is its only writer), so this
 * program links drvhost_rt_internal and reads the log through the same copy of the layer
 * (trace_recorder_dump, which drvhost_recorder_dump calls).
 */
#include <wdm.h>

#include "harness.h"
#include "ke/ke.h"
#include "trace/trace.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WRITERS    10 /* more than the 7 rings of one thread each: 3 share the last ring */
#define PER_WRITER 3

struct writer {
    unsigned id;
    struct trace_driver *rec;
    pthread_barrier_t *start;
    unsigned long long tid;
    unsigned cpu;
};

static void *write_events(void *arg)
{
    struct writer *w = arg;
    w->tid = (unsigned long long)ke_current_thread()->tid;
    w->cpu = KeGetCurrentProcessorNumberEx(NULL);
    pthread_barrier_wait(w->start);
    for (unsigned i = 0; i < PER_WRITER; i++)
        trace_recorder_event(w->rec, "event %u of writer %u, 0x%llx", i, w->id, 0xABCull + i);
    return NULL;
}

/* Every line of writer id's events has that writer's processor and thread columns; how many
 * of its lines the dump has. */
static unsigned lines_of(const char *text, const struct writer *w, int *columns_ok)
{
    char want[64];
    unsigned n = 0;
    const char *p = text;
    snprintf(want, sizeof(want), "of writer %u,", w->id);
    while ((p = strstr(p, want)) != NULL) {
        const char *line = p;
        unsigned cpu;
        unsigned long long tid;
        while (line > text && line[-1] != '\n')
            line--;
        if (sscanf(line, " %*u.%*u cpu%u tid%llu", &cpu, &tid) != 2 || cpu != w->cpu ||
            tid != w->tid)
            *columns_ok = 0;
        n++;
        p++;
    }
    return n;
}

TEST(raw_events_name_their_thread_and_processor)
{
    static DRIVER_OBJECT object;
    struct writer w[WRITERS];
    pthread_t t[WRITERS];
    pthread_barrier_t start;
    char *text = NULL;
    size_t size = 0;
    FILE *f;
    int columns_ok = 1;
    RtlInitUnicodeString(&object.DriverName, L"\\Driver\\rec_events");
    struct trace_driver *rec = trace_recorder_of(&object);
    ok(rec != NULL, "no recorder for the driver");
    pthread_barrier_init(&start, NULL, WRITERS);
    for (unsigned i = 0; i < WRITERS; i++) {
        w[i] = (struct writer){.id = i, .rec = rec, .start = &start};
        pthread_create(&t[i], NULL, write_events, &w[i]);
    }
    for (unsigned i = 0; i < WRITERS; i++)
        pthread_join(t[i], NULL);
    pthread_barrier_destroy(&start);
    f = open_memstream(&text, &size);
    trace_recorder_dump("rec_events", f);
    fclose(f);
    ok(text != NULL && strstr(text, "event 2 of writer 9, 0xabe") != NULL, "%s", text);
    for (unsigned i = 0; i < WRITERS; i++) {
        unsigned n = lines_of(text, &w[i], &columns_ok);
        ok(n == PER_WRITER, "writer %u: %u lines:\n%s", i, n, text);
    }
    ok(columns_ok, "an event with another thread's processor or id:\n%s", text);
    free(text);
}
