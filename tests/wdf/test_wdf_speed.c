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
#include <string.h>

/* WDF_CACHE_QUARANTINE of src/wdf/object.c: requests freed on a thread after a given one before
 * that one's object may serve again (docs/wdf.md, deviations). */
#define QUARANTINE 16

static drvhost_file *speed_open(void)
{
    return harness_open_driver("wdfspeed", "\\\\.\\WdfSpeed");
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
