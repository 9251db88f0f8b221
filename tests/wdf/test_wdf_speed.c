/*
 * test_wdf_speed.c - the framework's fast paths keep the object model's rules: handles looked up
 * without a lock in a table that grows and shrinks, request objects reused from a per-thread
 * cache with a quarantine (a completed request's handle stays invalid), children of a request
 * deleted with it, and all of it from two client threads at once. Driver: drivers/wdfspeed.c.
 */
#include <wdm.h>

#include "drivers/wdfspeed.h"
#include "harness.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* WDF_CACHE_QUARANTINE of src/wdf/object.c: requests freed on a thread after a given one before
 * that one's object may serve again (docs/wdf.md, deviations). */
#define QUARANTINE 16

static drvhost_file *speed_open(void)
{
    return harness_open_driver("wdfspeed", "\\\\.\\WdfSpeed");
}

/* The recorder's entry per request is a verbose record of the framework's logger: only with
 * VerboseOn under the service's Parameters\Wdf key (Microsoft: "Registry Values for Debugging
 * WDF Drivers"), read when the driver binds. */
static drvhost_file *speed_open_verbose(void)
{
    ULONG on = 1;
    ok_status(
        drvhost_reg_set("HKLM\\SYSTEM\\CurrentControlSet\\Services\\wdfspeed\\Parameters\\Wdf",
                        "VerboseOn", REG_DWORD, &on, sizeof(on)),
        STATUS_SUCCESS);
    return speed_open();
}

static int32_t speed_copy(drvhost_file *f)
{
    char in[16] = "0123456789abcde", out[16] = {0};
    drvhost_iosb iosb;
    int32_t status = harness_ioctl(f, IOCTL_S_COPY, in, sizeof(in), out, sizeof(out), &iosb);
    if (status == 0 && (iosb.information != sizeof(in) || memcmp(in, out, sizeof(in)) != 0))
        return -1;
    return status;
}

static ULONG speed_handles(drvhost_file *f, ULONG count, int32_t *status)
{
    ULONG failed = 0xFFFFFFFFu;
    *status =
        harness_ioctl(f, IOCTL_S_HANDLES, &count, sizeof(count), &failed, sizeof(failed), NULL);
    return failed;
}

/* Enough objects to grow the handle table past its first size (1024 slots, half full), and
 * deletions in two passes that leave holes in every cluster of the table. */
TEST(handle_table_grows_and_every_live_handle_is_found)
{
    drvhost_file *f = speed_open();
    int32_t status;
    if (f == NULL)
        return;
    for (ULONG count = 8; count <= WDFSPEED_MAX_OBJECTS; count *= 4) {
        ULONG failed = speed_handles(f, count, &status);
        ok_status(status, STATUS_SUCCESS);
        ok(failed == 0, "%lu objects: %lu handle checks failed\n", (unsigned long)count,
           (unsigned long)failed);
    }
    ok_status(drvhost_close(f), STATUS_SUCCESS);
}

TEST(a_deleted_handle_after_the_table_grew_is_wdf_violation)
{
    drvhost_file *f = speed_open();
    ULONG count = 3000;
    expect_bugcheck_p1(0x10D, 0x5);
    if (f != NULL)
        harness_ioctl(f, IOCTL_S_USE_DELETED, &count, sizeof(count), NULL, 0, NULL);
    ok(0, "WdfObjectReference on a deleted handle returned\n");
}

/* The driver keeps a request's handle, completes the request, and uses the handle once
 * `between` more requests were completed on the same thread. */
static void speed_use_kept_after(drvhost_file *f, int between)
{
    for (int i = 0; i < 2 * QUARANTINE + 8; i++) /* the thread's cache in its steady state */
        ok_status(speed_copy(f), STATUS_SUCCESS);
    ok_status(harness_ioctl(f, IOCTL_S_KEEP, NULL, 0, NULL, 0, NULL), STATUS_SUCCESS);
    for (int i = 0; i < between; i++)
        ok_status(speed_copy(f), STATUS_SUCCESS);
    ok_status(harness_ioctl(f, IOCTL_S_USE_KEPT, NULL, 0, NULL, 0, NULL), STATUS_UNSUCCESSFUL);
}

/* A request completed twice while a reference keeps its object: the second completion is the
 * framework's bug check 0x10D (parameter 1: 5), here for a request in its thread's lane of a
 * parallel default queue, whose end is marked under the lane's lock (session 13). */
TEST(a_request_completed_twice_from_its_lane_is_0x10d)
{
    drvhost_file *f = speed_open();
    for (int i = 0; i < 4; i++) /* the queue in its fast state, the thread's lane in use */
        ok_status(f != NULL ? speed_copy(f) : -1, STATUS_SUCCESS);
    expect_bugcheck_p1(0x10D, 0x5);
    if (f != NULL)
        harness_ioctl(f, IOCTL_S_COMPLETE_TWICE, NULL, 0, NULL, 0, NULL);
    ok(0, "the second completion returned\n");
}

/* Reused request objects: a completed request's handle is still the framework's bug check
 * while its object waits in the cache (here: the request that uses it is the quarantine's
 * last). */
TEST(a_completed_request_handle_stays_invalid_while_quarantined)
{
    drvhost_file *f = speed_open();
    expect_bugcheck_p1(0x10D, 0x5);
    if (f != NULL)
        speed_use_kept_after(f, QUARANTINE - 1);
    ok(0, "WdfRequestGetInformation on a completed request returned\n");
}

/* The deviation (docs/wdf.md): past the quarantine the object serves a new request, and the
 * stale handle names that one (the driver's call then reaches the live request). */
TEST(a_completed_request_handle_aliases_a_request_past_the_quarantine)
{
    drvhost_file *f = speed_open();
    if (f == NULL)
        return;
    speed_use_kept_after(f, QUARANTINE);
    ok_status(drvhost_close(f), STATUS_SUCCESS);
}

/* Microsoft (WDF_OBJECT_ATTRIBUTES, ParentObject): an object whose parent is a request is
 * deleted when the request is completed. Requests have no parent: their deletion takes no
 * lock unless they ever had a child. */
TEST(completing_a_request_deletes_its_children)
{
    drvhost_file *f = speed_open();
    ULONG before = 0, after = 0;
    if (f == NULL)
        return;
    ok_status(harness_ioctl(f, IOCTL_S_CHILD_CLEANUPS, NULL, 0, &before, sizeof(before), NULL),
              STATUS_SUCCESS);
    for (int i = 0; i < 3; i++)
        ok_status(harness_ioctl(f, IOCTL_S_CHILD, NULL, 0, NULL, 0, NULL), STATUS_SUCCESS);
    ok_status(harness_ioctl(f, IOCTL_S_CHILD_CLEANUPS, NULL, 0, &after, sizeof(after), NULL),
              STATUS_SUCCESS);
    ok(after == before + 3, "child cleanups %lu -> %lu\n", (unsigned long)before,
       (unsigned long)after);
    ok_status(drvhost_close(f), STATUS_SUCCESS);
}

/* Microsoft (WdfDeviceInitSetRequestAttributes, WDF_OBJECT_ATTRIBUTES): a request's context is
 * zeroed; a reused request object's too (the driver marks each context it gets). */
TEST(a_reused_request_objects_context_starts_zeroed)
{
    drvhost_file *f = speed_open();
    ULONG dirty = 0xFFFFFFFFu;
    if (f == NULL)
        return;
    for (int i = 0; i < 4 * QUARANTINE; i++)
        ok_status(speed_copy(f), STATUS_SUCCESS);
    ok_status(harness_ioctl(f, IOCTL_S_DIRTY_CONTEXTS, NULL, 0, &dirty, sizeof(dirty), NULL),
              STATUS_SUCCESS);
    ok(dirty == 0, "%lu requests got a context that was not zeroed\n", (unsigned long)dirty);
    ok_status(drvhost_close(f), STATUS_SUCCESS);
}

/* ---- session 11: request objects kept across requests ---------------------------------- */

static SPEED_COUNTS speed_counts(drvhost_file *f, ULONG code)
{
    SPEED_COUNTS c;
    memset(&c, 0xFF, sizeof(c));
    ok_status(harness_ioctl(f, code, NULL, 0, &c, sizeof(c), NULL), STATUS_SUCCESS);
    return c;
}

/* Microsoft (WDF_OBJECT_ATTRIBUTES, EvtCleanupCallback / EvtDestroyCallback): every request
 * object, one the framework reuses too, has its attributes' cleanup callback called when it is
 * completed and its destroy callback after it, once each per request. */
TEST(every_request_gets_its_cleanup_then_destroy_callback_once)
{
    drvhost_file *f = speed_open();
    SPEED_COUNTS before, after;
    const ULONG copies = 4 * QUARANTINE;
    if (f == NULL)
        return;
    before = speed_counts(f, IOCTL_S_COUNTS);
    for (ULONG i = 0; i < copies; i++)
        ok_status(speed_copy(f), STATUS_SUCCESS);
    after = speed_counts(f, IOCTL_S_COUNTS);
    /* the copies and the first IOCTL_S_COUNTS, completed before the second looked */
    ok(after.RequestCleanups - before.RequestCleanups == copies + 1 &&
           after.RequestDestroys - before.RequestDestroys == copies + 1,
       "cleanups %lu -> %lu, destroys %lu -> %lu for %lu requests\n",
       (unsigned long)before.RequestCleanups, (unsigned long)after.RequestCleanups,
       (unsigned long)before.RequestDestroys, (unsigned long)after.RequestDestroys,
       (unsigned long)copies + 1);
    ok(after.Misordered == 0, "%lu destroy callbacks without their cleanup before\n",
       (unsigned long)after.Misordered);
    ok_status(drvhost_close(f), STATUS_SUCCESS);
}

/* Microsoft (WdfObjectReference, EvtDestroyCallback): a completed request the driver still
 * references is not destroyed (its context is still the driver's) until the last dereference,
 * however many requests come and go on its thread in between. */
TEST(a_referenced_request_is_destroyed_at_its_last_dereference)
{
    drvhost_file *f = speed_open();
    SPEED_COUNTS before, after;
    if (f == NULL)
        return;
    ok_status(harness_ioctl(f, IOCTL_S_REFERENCE, NULL, 0, NULL, 0, NULL), STATUS_SUCCESS);
    for (int i = 0; i < 4 * QUARANTINE; i++)
        ok_status(speed_copy(f), STATUS_SUCCESS);
    before = speed_counts(f, IOCTL_S_COUNTS);
    ok(before.ReferencedDestroyed == 0, "destroyed while referenced\n");
    after = speed_counts(f, IOCTL_S_DEREFERENCE);
    ok(after.ReferencedIntact == 1, "its context changed while it was referenced\n");
    ok(after.ReferencedDestroyed == 1, "not destroyed at the last dereference\n");
    ok(after.Misordered == 0, "%lu misordered callbacks\n", (unsigned long)after.Misordered);
    ok_status(drvhost_close(f), STATUS_SUCCESS);
}

/* Microsoft (WdfObjectAllocateContext): a context the driver adds to a request goes with that
 * request (its cleanup callback runs); the requests after it have none. */
TEST(a_context_allocated_on_a_request_goes_with_it)
{
    drvhost_file *f = speed_open();
    SPEED_COUNTS before, after;
    if (f == NULL)
        return;
    before = speed_counts(f, IOCTL_S_COUNTS);
    ok_status(harness_ioctl(f, IOCTL_S_EXTRA_CONTEXT, NULL, 0, NULL, 0, NULL), STATUS_SUCCESS);
    for (int i = 0; i < 4 * QUARANTINE; i++)
        ok_status(speed_copy(f), STATUS_SUCCESS);
    after = speed_counts(f, IOCTL_S_COUNTS);
    ok(after.ExtraCleanups - before.ExtraCleanups == 1, "extra context cleanups %lu -> %lu\n",
       (unsigned long)before.ExtraCleanups, (unsigned long)after.ExtraCleanups);
    ok(after.StaleExtra == 0, "%lu requests arrived with another request's context\n",
       (unsigned long)after.StaleExtra);
    ok_status(drvhost_close(f), STATUS_SUCCESS);
}

struct speed_thread {
    pthread_t thread;
    drvhost_file *file;
    unsigned failures;
};

static void *speed_churn(void *arg)
{
    struct speed_thread *t = arg;
    int32_t status;
    for (int i = 0; i < 150; i++) {
        if (speed_handles(t->file, 40, &status) != 0 || status != STATUS_SUCCESS)
            t->failures++;
        if (speed_copy(t->file) != STATUS_SUCCESS)
            t->failures++;
    }
    return NULL;
}

/* Lookups without the lock race with insertions, removals (entries moving back) and the
 * table's growth on the other thread; requests come and go on both (ThreadSanitizer). */
TEST(two_threads_create_look_up_and_delete_objects_at_once)
{
    struct speed_thread t[2];
    drvhost_file *f = speed_open();
    if (f == NULL)
        return;
    for (int i = 0; i < 2; i++) {
        t[i] = (struct speed_thread){.failures = 0};
        ok_status(drvhost_open("\\\\.\\WdfSpeed", 0xC0000000u, &t[i].file), STATUS_SUCCESS);
        pthread_create(&t[i].thread, NULL, speed_churn, &t[i]);
    }
    for (int i = 0; i < 2; i++) {
        pthread_join(t[i].thread, NULL);
        ok(t[i].failures == 0, "thread %d: %u failed round trips\n", i, t[i].failures);
        ok_status(drvhost_close(t[i].file), STATUS_SUCCESS);
    }
    ok_status(drvhost_close(f), STATUS_SUCCESS);
}

struct create_race {
    volatile int deleted; /* the create queue is gone: this many more opens, then stop */
    unsigned opens, failures, refused; /* refused: the create waited in the queue, or had read
                                        * it when it went (see below) */
};

static void *open_and_close(void *arg)
{
    struct create_race *race = arg;
    unsigned after = 0;
    while (after < 100 && race->opens < 20000) {
        drvhost_file *f = NULL;
        int32_t status;
        if (__atomic_load_n(&race->deleted, __ATOMIC_ACQUIRE))
            after++;
        status = drvhost_open("\\\\.\\WdfSpeed", 0xC0000000u, &f);
        if (status == STATUS_CANCELLED || status == STATUS_INVALID_DEVICE_STATE)
            race->refused++;
        else if (status != STATUS_SUCCESS || drvhost_close(f) != STATUS_SUCCESS)
            race->failures++;
        __atomic_add_fetch(&race->opens, 1, __ATOMIC_RELEASE);
    }
    return NULL;
}

/* Creates arrive while their queue is stopped and deleted on another thread: each reads the
 * device's create queue as an arrival (src/wdf/queue.c), so the deletion waits for one that read
 * the queue before it went (ThreadSanitizer and AddressSanitizer see a use of the deleted queue
 * otherwise). Before the deletion the queue's EvtIoDefault opens the files; after it the
 * framework does (Microsoft: Framework File Objects, no EvtDeviceFileCreate, no create queue).
 * The one create in flight at the deletion may be refused: waiting in the stopped queue, it is
 * cancelled; having read the queue, it finds it no longer accepting. */
TEST(creates_arriving_while_their_queue_is_deleted)
{
    struct create_race race = {0, 0, 0, 0};
    drvhost_file *f = speed_open();
    ULONG queued = 0, before;
    pthread_t t;
    if (f == NULL)
        return;
    pthread_create(&t, NULL, open_and_close, &race);
    while (__atomic_load_n(&race.opens, __ATOMIC_ACQUIRE) < 50)
        sched_yield();
    ok_status(harness_ioctl(f, IOCTL_S_DELETE_CREATE_QUEUE, NULL, 0, NULL, 0, NULL),
              STATUS_SUCCESS);
    ok_status(harness_ioctl(f, IOCTL_S_QUEUED_CREATES, NULL, 0, &before, sizeof(before), NULL),
              STATUS_SUCCESS);
    __atomic_store_n(&race.deleted, 1, __ATOMIC_RELEASE);
    pthread_join(t, NULL);
    ok(race.failures == 0 && race.refused <= 1, "%u of %u opens failed, %u refused\n",
       race.failures, race.opens, race.refused);
    ok_status(harness_ioctl(f, IOCTL_S_QUEUED_CREATES, NULL, 0, &queued, sizeof(queued), NULL),
              STATUS_SUCCESS);
    /* speed_open's own create was the queue's too. */
    ok(before >= 50 && queued == before && race.opens >= before + 90,
       "%lu creates reached the queue before its deletion, %lu in all, %u opens\n",
       (unsigned long)before, (unsigned long)queued, race.opens);
    ok_status(drvhost_close(f), STATUS_SUCCESS);
}

struct read_race {
    drvhost_file *file;
    volatile int deleted; /* the read queue is gone: this many more reads, then stop */
    unsigned reads, failures, refused, after; /* after: refused by the default queue */
};

static void *read_until_deleted(void *arg)
{
    struct read_race *race = arg;
    unsigned more = 0;
    while (more < 100 && race->reads < 200000) {
        char buffer[32];
        drvhost_iosb iosb;
        int32_t status;
        if (__atomic_load_n(&race->deleted, __ATOMIC_ACQUIRE))
            more++;
        status = harness_io(race->file, DRVHOST_OP_READ, 0, NULL, 0, buffer, sizeof(buffer), &iosb);
        if (status == STATUS_SUCCESS && iosb.information == sizeof(buffer))
            ;
        else if (status == STATUS_INVALID_DEVICE_REQUEST)
            race->after++;
        else if (status == STATUS_CANCELLED || status == STATUS_INVALID_DEVICE_STATE)
            race->refused++;
        else
            race->failures++;
        __atomic_add_fetch(&race->reads, 1, __ATOMIC_RELEASE);
    }
    return NULL;
}

/* Reads arrive on two threads while their (parallel, so laned: src/wdf/queue.c "Lanes")
 * queue is stopped and deleted on a third: a request in a lane holds no reference on its
 * queue, so the deletion must wait for the arrivals and fold the lanes before the queue goes
 * (AddressSanitizer and ThreadSanitizer see a use of the freed queue otherwise). Before the
 * deletion EvtIoRead completes the reads; after it the default queue, which has no EvtIoRead,
 * fails them with STATUS_INVALID_DEVICE_REQUEST (Microsoft: WdfDeviceConfigureRequestDispatching).
 * Reads that arrive while the queue is being stopped and deleted may be refused (cancelled
 * while waiting in the stopped queue, or finding it no longer accepting): how many depends on
 * how long the deletion takes (239 in one ThreadSanitizer run), so they are counted, not bounded.
 */
TEST(reads_arriving_on_two_threads_while_their_queue_is_deleted)
{
    struct read_race race[2];
    drvhost_file *f = speed_open();
    pthread_t t[2];
    if (f == NULL)
        return;
    for (int i = 0; i < 2; i++) {
        memset(&race[i], 0, sizeof(race[i]));
        ok_status(drvhost_open("\\\\.\\WdfSpeed", 0xC0000000u, &race[i].file), STATUS_SUCCESS);
        if (race[i].file == NULL)
            return;
        pthread_create(&t[i], NULL, read_until_deleted, &race[i]);
    }
    for (int i = 0; i < 2; i++)
        while (__atomic_load_n(&race[i].reads, __ATOMIC_ACQUIRE) < 200)
            sched_yield();
    ok_status(harness_ioctl(f, IOCTL_S_DELETE_READ_QUEUE, NULL, 0, NULL, 0, NULL), STATUS_SUCCESS);
    for (int i = 0; i < 2; i++)
        __atomic_store_n(&race[i].deleted, 1, __ATOMIC_RELEASE);
    for (int i = 0; i < 2; i++) {
        pthread_join(t[i], NULL);
        ok(race[i].failures == 0 && race[i].after >= 100 && race[i].reads >= 300,
           "thread %d: %u reads, %u failed, %u refused, %u after the deletion\n", i, race[i].reads,
           race[i].failures, race[i].refused, race[i].after);
        ok_status(drvhost_close(race[i].file), STATUS_SUCCESS);
    }
    ok_status(drvhost_close(f), STATUS_SUCCESS);
}

/* ---- the in-flight recorder's per-request entries ----------------------------------------- */

#define RECORDING_THREADS 10 /* more than the recorder's 7 rings of one thread each */

struct recording_client {
    drvhost_file *file;
    pthread_barrier_t *all_alive;
    unsigned long long tid;
    unsigned cpu;
    int32_t status;
};

/* One copy, then a wait until every client has made its own: all hold a ring at once, so three
 * or more share the last one (docs/tracing.md, "The in-flight recorder"). */
static void *copy_once_while_all_alive(void *arg)
{
    struct recording_client *c = arg;
    c->tid = (unsigned long long)(ULONG_PTR)PsGetCurrentThreadId();
    c->cpu = KeGetCurrentProcessorNumberEx(NULL);
    c->status = speed_copy(c->file);
    pthread_barrier_wait(c->all_alive);
    return NULL;
}

/* The client among `c` whose thread id is tid; NULL: none. */
static const struct recording_client *client_of(const struct recording_client *c, size_t n,
                                                unsigned long long tid)
{
    for (size_t i = 0; i < n; i++)
        if (c[i].tid == tid)
            return &c[i];
    return NULL;
}

/* Each request's entry (presented, and completed in place: session 11, docs/tracing.md) is
 * written on the client's thread, the thread that sent the IRP: the dump's processor and thread
 * columns are that thread's, for threads alone on their ring (whose id and processor the
 * recorder keeps from the ring's taking) and threads sharing the last ring alike. */
TEST(recorder_entries_name_the_client_thread_and_its_processor)
{
    /* c[RECORDING_THREADS]: this thread, whose open (a create) the create queue presents */
    struct recording_client c[RECORDING_THREADS + 1];
    pthread_t t[RECORDING_THREADS];
    pthread_barrier_t all_alive;
    unsigned lines[RECORDING_THREADS + 1] = {0}, foreign = 0, wrong_cpu = 0, completed = 0;
    char *text = NULL, *p;
    size_t size = 0;
    FILE *out;
    drvhost_file *f = speed_open_verbose();
    if (f == NULL)
        return;
    c[RECORDING_THREADS] =
        (struct recording_client){.tid = (unsigned long long)(ULONG_PTR)PsGetCurrentThreadId(),
                                  .cpu = KeGetCurrentProcessorNumberEx(NULL)};
    pthread_barrier_init(&all_alive, NULL, RECORDING_THREADS);
    for (int i = 0; i < RECORDING_THREADS; i++) {
        c[i] = (struct recording_client){.file = f, .all_alive = &all_alive};
        pthread_create(&t[i], NULL, copy_once_while_all_alive, &c[i]);
    }
    for (int i = 0; i < RECORDING_THREADS; i++) {
        pthread_join(t[i], NULL);
        ok_status(c[i].status, STATUS_SUCCESS);
    }
    pthread_barrier_destroy(&all_alive);
    out = open_memstream(&text, &size);
    drvhost_recorder_dump("wdfspeed", out);
    fclose(out);
    for (p = text; p != NULL && (p = strstr(p, " cpu")) != NULL; p++) {
        unsigned cpu;
        unsigned long long tid;
        const struct recording_client *who;
        char *end = strchr(p, '\n');
        if (sscanf(p, " cpu%u tid%llu", &cpu, &tid) != 2 || end == NULL ||
            (!memmem(p, (size_t)(end - p), "presented by queue", 18) &&
             !memmem(p, (size_t)(end - p), "completed, status", 17)))
            continue;
        who = client_of(c, RECORDING_THREADS + 1, tid);
        if (who == NULL) {
            foreign++;
            continue;
        }
        lines[who - c]++;
        if (memmem(p, (size_t)(end - p), "; completed, status 0x00000000, information 16", 46))
            completed++;
        if (cpu != who->cpu)
            wrong_cpu++;
    }
    for (int i = 0; i < RECORDING_THREADS; i++)
        ok(lines[i] == 1, "client %d (tid %llu): %u request entries:\n%s", i, c[i].tid, lines[i],
           text);
    ok(completed == RECORDING_THREADS, "%u entries completed in place, not %d:\n%s", completed,
       RECORDING_THREADS, text);
    ok(foreign == 0 && wrong_cpu == 0,
       "%u request entries of another thread, %u with another processor:\n%s", foreign, wrong_cpu,
       text);
    free(text);
    ok_status(drvhost_close(f), STATUS_SUCCESS);
}

struct pended_client {
    drvhost_file *file;
    int32_t status;
    ULONG_PTR information;
};

static void *pend_one(void *arg)
{
    struct pended_client *c = arg;
    drvhost_iosb iosb = {0};
    c->status = harness_ioctl(c->file, IOCTL_S_PEND, NULL, 0, NULL, 0, &iosb);
    c->information = iosb.information;
    return NULL;
}

/* The line of the driver's recorder dump that names request `handle`, copied (NULL: none). */
static char *speed_recorder_line(ULONG_PTR handle)
{
    char *text = NULL, *line = NULL, *p, *end, name[64];
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    drvhost_recorder_dump("wdfspeed", out);
    fclose(out);
    snprintf(name, sizeof(name), "request %p (IRP_MJ 0xe)", (void *)handle);
    /* the last one: an object (and so its address) may have served an older request */
    for (p = text; p != NULL && (p = strstr(p, name)) != NULL; p++) {
        end = strchr(p, '\n');
        free(line);
        line = strndup(p, end != NULL ? (size_t)(end - p) : strlen(p));
    }
    free(text);
    return line;
}

/* Without VerboseOn the framework's logger keeps no entry per request (session 13): the
 * requests served leave no "presented" or "completed" line, the driver's creation still has
 * its entry. */
TEST(request_entries_need_verbose_on)
{
    char *text = NULL;
    size_t size = 0;
    FILE *out;
    drvhost_file *f = speed_open();
    if (f == NULL)
        return;
    for (int i = 0; i < 4; i++)
        ok_status(speed_copy(f), STATUS_SUCCESS);
    out = open_memstream(&text, &size);
    drvhost_recorder_dump("wdfspeed", out);
    fclose(out);
    ok(text != NULL && strstr(text, "WdfDriverCreate") != NULL, "the driver's creation: %s\n",
       text);
    ok(text != NULL && strstr(text, "presented by queue") == NULL &&
           strstr(text, "completed, status") == NULL,
       "no request entries: %s\n", text);
    free(text);
    drvhost_close(f);
}
/* Session 11 (the lead's decision, docs/tracing.md): a request's one entry says it was
 * presented while the driver holds it, and says its completion (status, information) once the
 * driver completed it: a request that never completes shows as presented only. */
TEST(a_request_entry_shows_its_completion_once_completed)
{
    struct pended_client c = {.status = -1};
    ULONG_PTR handle = 0;
    char *line;
    pthread_t t;
    drvhost_file *f = speed_open_verbose();
    if (f == NULL)
        return;
    c.file = f;
    pthread_create(&t, NULL, pend_one, &c);
    while (handle == 0) {
        ok_status(harness_ioctl(f, IOCTL_S_PENDING, NULL, 0, &handle, sizeof(handle), NULL),
                  STATUS_SUCCESS);
        if (handle == 0)
            sched_yield();
    }
    line = speed_recorder_line(handle);
    ok(line != NULL && strstr(line, "presented by queue") != NULL &&
           strstr(line, "completed") == NULL,
       "while pending: %s\n", line != NULL ? line : "(no entry)");
    free(line);
    ok_status(harness_ioctl(f, IOCTL_S_FINISH, NULL, 0, NULL, 0, NULL), STATUS_SUCCESS);
    pthread_join(t, NULL);
    ok_status(c.status, STATUS_SUCCESS);
    ok(c.information == 7, "information %lu\n", (unsigned long)c.information);
    line = speed_recorder_line(handle);
    ok(line != NULL && strstr(line, "presented by queue 0x") != NULL &&
           strstr(line, "; completed, status 0x00000000, information 7") != NULL,
       "once completed: %s\n", line != NULL ? line : "(no entry)");
    free(line);
    ok_status(drvhost_close(f), STATUS_SUCCESS);
}
