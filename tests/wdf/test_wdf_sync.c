/*
 * test_wdf_sync.c - synchronization scope and execution level, timers, work items, DPCs, spin
 * locks and wait locks, through the framework driver drivers/wdfsync.c built in five modes
 * (wdfsync_test.h). Expected values are Microsoft's documented behaviour; time bounds are
 * generous (the machine is loaded).
 */
#include <wdm.h>
#include <wdf.h>

#include "drivers/wdfsync_test.h"
#include "harness.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static drvhost_file *sync_open(int mode)
{
    char service[16], device[32];
    snprintf(service, sizeof(service), "wdfsync%d", mode);
    snprintf(device, sizeof(device), "\\\\.\\WdfSync%d", mode);
    return harness_open_driver(service, device);
}

static WDFSYNC_RESULT sync_run(drvhost_file *f, ULONG which)
{
    WDFSYNC_RESULT r;
    memset(&r, 0xCC, sizeof(r));
    ok_status(harness_ioctl(f, IOCTL_S_RUN, &which, sizeof(which), &r, sizeof(r), NULL),
              STATUS_SUCCESS);
    return r;
}

static WDFSYNC_STATS sync_stats(drvhost_file *f)
{
    WDFSYNC_STATS s;
    memset(&s, 0xFF, sizeof(s));
    ok_status(harness_ioctl(f, IOCTL_S_STATS, NULL, 0, &s, sizeof(s), NULL), STATUS_SUCCESS);
    return s;
}

static void *sync_client(void *arg)
{
    for (int i = 0; i < 6; i++)
        harness_ioctl(arg, IOCTL_S_SLOW, NULL, 0, NULL, 0, NULL);
    return NULL;
}

/* Two client threads, six 30 ms requests each, on a parallel default queue. */
static WDFSYNC_STATS sync_two_clients(int mode)
{
    WDFSYNC_STATS s = {0};
    drvhost_file *f = sync_open(mode);
    pthread_t t[2];
    if (f == NULL)
        return s;
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, sync_client, f);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    s = sync_stats(f);
    ok(s.Calls == 12, "calls %lu\n", (unsigned long)s.Calls);
    drvhost_close(f);
    return s;
}

/* Without a scope (the driver's default, None) a parallel queue runs the two at once: the
 * probe can see concurrency. */
TEST(a_parallel_queue_without_scope_runs_callbacks_at_once)
{
    WDFSYNC_STATS s = sync_two_clients(0);
    ok(s.MaxBusy == 2, "at most %lu at once\n", (unsigned long)s.MaxBusy);
    ok(s.MaxIrql == PASSIVE_LEVEL, "IRQL %lu\n", (unsigned long)s.MaxIrql);
}

/* Microsoft (WDF_SYNCHRONIZATION_SCOPE): Device serialises the callbacks of the device's
 * queues under its lock, a spin lock at the default (dispatch) execution level. */
TEST(scope_device_serialises_a_parallel_queue_at_dispatch_level)
{
    WDFSYNC_STATS s = sync_two_clients(1);
    ok(s.MaxBusy == 1, "%lu at once\n", (unsigned long)s.MaxBusy);
    ok(s.MaxIrql == DISPATCH_LEVEL, "IRQL %lu\n", (unsigned long)s.MaxIrql);
}

TEST(scope_queue_serialises_a_parallel_queue)
{
    WDFSYNC_STATS s = sync_two_clients(2);
    ok(s.MaxBusy == 1, "%lu at once\n", (unsigned long)s.MaxBusy);
}

/* WdfExecutionLevelPassive: the device's lock is a mutex; callbacks at PASSIVE_LEVEL. */
TEST(scope_device_at_passive_level_serialises_at_passive_level)
{
    WDFSYNC_STATS s = sync_two_clients(3);
    ok(s.MaxBusy == 1, "%lu at once\n", (unsigned long)s.MaxBusy);
    ok(s.MaxIrql == PASSIVE_LEVEL, "IRQL %lu\n", (unsigned long)s.MaxIrql);
}

/* A timer with AutomaticSerialization started from EvtIoDeviceControl: under scope Device it
 * waits for the callback to return; under scope Queue, parented to another queue, it runs at
 * once (two queues of a device do not exclude each other); without scope, at once. */
static void sync_timer_in_io(int mode, LONG during)
{
    drvhost_file *f = sync_open(mode);
    WDFSYNC_RESULT r;
    if (f == NULL)
        return;
    r = sync_run(f, WDFSYNC_RUN_TIMER_IN_IO);
    ok(r.Values[1] == 1, "mode %d: the timer was not created\n", mode);
    ok(r.Values[0] == during, "mode %d: timer ran during the callback: %ld\n", mode,
       (long)r.Values[0]);
    usleep(200 * 1000);
    r = sync_run(f, WDFSYNC_RUN_TIMER_FIRED);
    ok(r.Values[0] == 1, "mode %d: the timer ran %ld times\n", mode, (long)r.Values[0]);
    drvhost_close(f);
}

TEST(automatic_serialization_follows_the_scope)
{
    sync_timer_in_io(0, 1);
    sync_timer_in_io(1, 0);
    sync_timer_in_io(2, 1);
}

TEST(two_queues_under_scope_queue_have_their_own_locks)
{
    drvhost_file *f = sync_open(2);
    if (f == NULL)
        return;
    ok(sync_run(f, WDFSYNC_RUN_OTHER_QUEUE_LOCK).Values[0] == 1, "other queue's lock\n");
    drvhost_close(f);
}

/* Microsoft (WdfObjectAcquireLock): a spin lock, the caller left at DISPATCH_LEVEL; with a
 * passive execution level a mutex, at the caller's IRQL. */
TEST(object_lock_irql_follows_the_execution_level)
{
    drvhost_file *f = sync_open(0);
    WDFSYNC_RESULT r;
    if (f == NULL)
        return;
    r = sync_run(f, WDFSYNC_RUN_OBJECT_LOCK);
    ok(r.Values[0] == DISPATCH_LEVEL && r.Values[1] == PASSIVE_LEVEL &&
           r.Values[2] == DISPATCH_LEVEL && r.Values[3] == PASSIVE_LEVEL,
       "dispatch: %ld %ld %ld %ld\n", (long)r.Values[0], (long)r.Values[1], (long)r.Values[2],
       (long)r.Values[3]);
    drvhost_close(f);
    f = sync_open(4);
    if (f == NULL)
        return;
    r = sync_run(f, WDFSYNC_RUN_OBJECT_LOCK);
    ok(r.Values[0] == PASSIVE_LEVEL && r.Values[1] == PASSIVE_LEVEL &&
           r.Values[2] == PASSIVE_LEVEL && r.Values[3] == PASSIVE_LEVEL,
       "passive: %ld %ld %ld %ld\n", (long)r.Values[0], (long)r.Values[1], (long)r.Values[2],
       (long)r.Values[3]);
    drvhost_close(f);
}

/* WdfTimerStart: FALSE, then TRUE while it is queued; one call at DISPATCH_LEVEL after the due
 * time; WdfTimerStop after it fired: FALSE. */
TEST(one_shot_timer)
{
    drvhost_file *f = sync_open(0);
    WDFSYNC_RESULT r;
    if (f == NULL)
        return;
    r = sync_run(f, WDFSYNC_RUN_TIMER_ONESHOT);
    ok(r.Values[0] == FALSE && r.Values[1] == TRUE, "start: %ld then %ld\n", (long)r.Values[0],
       (long)r.Values[1]);
    ok_status(r.Values[2], STATUS_SUCCESS);
    ok(r.Values[3] >= 25 && r.Values[3] < 4000, "fired after %ld ms\n", (long)r.Values[3]);
    ok(r.Values[4] == 1, "fired %ld times\n", (long)r.Values[4]);
    ok(r.Values[5] == DISPATCH_LEVEL, "callback IRQL %ld\n", (long)r.Values[5]);
    ok(r.Values[6] == 1, "WdfTimerGetParentObject\n");
    ok(r.Values[7] == FALSE, "stop after firing: %ld\n", (long)r.Values[7]);
    drvhost_close(f);
}

TEST(periodic_timer_stops_with_wait)
{
    drvhost_file *f = sync_open(0);
    WDFSYNC_RESULT r;
    if (f == NULL)
        return;
    r = sync_run(f, WDFSYNC_RUN_TIMER_PERIODIC);
    ok(r.Values[0] == 1, "three periods did not pass\n");
    ok(r.Values[1] == TRUE, "WdfTimerStop of a periodic timer: %ld\n", (long)r.Values[1]);
    ok(r.Values[2] == r.Values[3], "calls after the stop: %ld -> %ld\n", (long)r.Values[2],
       (long)r.Values[3]);
    drvhost_close(f);
}

/* Microsoft (WdfTimerStop): Wait TRUE returns when the callbacks queued have run. */
TEST(timer_stop_with_wait_waits_for_the_running_callback)
{
    drvhost_file *f = sync_open(0);
    WDFSYNC_RESULT r;
    if (f == NULL)
        return;
    r = sync_run(f, WDFSYNC_RUN_TIMER_STOP_WAIT);
    ok_status(r.Values[0], STATUS_SUCCESS);
    ok(r.Values[1] == FALSE, "stop: %ld\n", (long)r.Values[1]);
    ok(r.Values[2] == 1, "the callback had not finished\n");
    drvhost_close(f);
}

TEST(passive_level_timer_runs_at_passive_level)
{
    drvhost_file *f = sync_open(0);
    WDFSYNC_RESULT r;
    if (f == NULL)
        return;
    r = sync_run(f, WDFSYNC_RUN_TIMER_PASSIVE);
    ok_status(r.Values[0], STATUS_SUCCESS);
    ok_status(r.Values[1], STATUS_SUCCESS);
    ok(r.Values[2] == PASSIVE_LEVEL, "IRQL %ld\n", (long)r.Values[2]);
    drvhost_close(f);
}

/* Deleting the parent deletes the timer: stopped, its running callback waited for, its
 * cleanup callback called. */
TEST(deleting_the_parent_stops_the_timer)
{
    drvhost_file *f = sync_open(0);
    WDFSYNC_RESULT r;
    if (f == NULL)
        return;
    r = sync_run(f, WDFSYNC_RUN_DELETE_PARENT);
    ok(r.Values[0] == 1, "the timer did not run\n");
    ok(r.Values[1] == r.Values[2], "calls after the deletion: %ld -> %ld\n", (long)r.Values[1],
       (long)r.Values[2]);
    ok(r.Values[3] == 1, "timer cleanup callbacks: %ld\n", (long)r.Values[3]);
    drvhost_close(f);
}

/* Deleted under the lock its callback needs (it cannot wait there): flushed later, never
 * calling the driver again. */
TEST(a_timer_deleted_under_its_lock_is_flushed_later)
{
    drvhost_file *f = sync_open(1);
    WDFSYNC_RESULT r;
    if (f == NULL)
        return;
    r = sync_run(f, WDFSYNC_RUN_DELETE_UNDER_LOCK);
    ok_status(r.Values[0], STATUS_SUCCESS);
    ok(r.Values[1] == 0, "called %ld times under the lock\n", (long)r.Values[1]);
    usleep(100 * 1000);
    r = sync_run(f, WDFSYNC_RUN_UNDER_LOCK_CALLS);
    ok(r.Values[0] == 0, "called %ld times after the deletion\n", (long)r.Values[0]);
    drvhost_close(f);
}

/* Microsoft's WdfTimerCreate, WDF_TIMER_CONFIG, WDF_SYNCHRONIZATION_SCOPE and
 * WDF_EXECUTION_LEVEL pages. */
TEST(creation_errors)
{
    drvhost_file *f = sync_open(0);
    WDFSYNC_RESULT r;
    if (f == NULL)
        return;
    r = sync_run(f, WDFSYNC_RUN_CREATE_ERRORS);
    ok_status(r.Values[0], STATUS_WDF_PARENT_NOT_SPECIFIED);
    ok_status(r.Values[1], STATUS_INVALID_DEVICE_REQUEST); /* parent leads to no device */
    ok_status(r.Values[2], STATUS_INVALID_PARAMETER);      /* high resolution, TolerableDelay */
    ok_status(r.Values[3], STATUS_INVALID_PARAMETER);      /* passive and periodic */
    ok_status(r.Values[4], STATUS_WDF_SYNCHRONIZATION_SCOPE_INVALID); /* a scope on a timer */
    ok_status(r.Values[5], STATUS_WDF_EXECUTION_LEVEL_INVALID);       /* on a spin lock */
    ok_status(r.Values[6], STATUS_WDF_EXECUTION_LEVEL_INVALID);       /* on a wait lock */
    drvhost_close(f);
}

/* AutomaticSerialization: timer, passive timer, work item, DPC. Without a lock everything is
 * accepted; a dispatch-level lock refuses passive callbacks (work items, passive timers); a
 * passive one refuses DPCs and dispatch-level timers. */
static void sync_serialization(int mode, NTSTATUS timer, NTSTATUS passive_timer, NTSTATUS work_item,
                               NTSTATUS dpc)
{
    drvhost_file *f = sync_open(mode);
    WDFSYNC_RESULT r;
    if (f == NULL)
        return;
    r = sync_run(f, WDFSYNC_RUN_SERIALIZATION);
    ok_status(r.Values[0], timer);
    ok_status(r.Values[1], passive_timer);
    ok_status(r.Values[2], work_item);
    ok_status(r.Values[3], dpc);
    drvhost_close(f);
}

TEST(automatic_serialization_needs_a_compatible_execution_level)
{
    sync_serialization(0, STATUS_SUCCESS, STATUS_SUCCESS, STATUS_SUCCESS, STATUS_SUCCESS);
    sync_serialization(1, STATUS_SUCCESS, STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL,
                       STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL, STATUS_SUCCESS);
    sync_serialization(3, STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL, STATUS_SUCCESS, STATUS_SUCCESS,
                       STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL);
}

/* Microsoft (WdfWorkItemEnqueue): a work item that runs is queued again. PASSIVE_LEVEL;
 * WdfWorkItemFlush returns when it has run. */
TEST(work_item_enqueue_and_flush)
{
    drvhost_file *f = sync_open(0);
    WDFSYNC_RESULT r;
    if (f == NULL)
        return;
    r = sync_run(f, WDFSYNC_RUN_WORKITEM);
    ok_status(r.Values[0], STATUS_SUCCESS);
    ok_status(r.Values[1], STATUS_SUCCESS);
    ok(r.Values[2] == 2, "after the flush: done %ld\n", (long)r.Values[2]);
    ok(r.Values[3] == PASSIVE_LEVEL, "IRQL %ld\n", (long)r.Values[3]);
    ok(r.Values[4] == 1, "WdfWorkItemGetParentObject\n");
    ok(r.Values[5] == 2, "ran %ld times\n", (long)r.Values[5]);
    drvhost_close(f);
}

/* Microsoft (WdfWorkItemEnqueue): enqueuing a work item that is queued and has not started
 * does nothing. Under the device's passive lock (held around EvtIoDeviceControl) a serialised
 * work item cannot start: three enqueues, one run, after the callback returned. */
TEST(work_item_enqueued_while_queued_runs_once)
{
    drvhost_file *f = sync_open(3);
    WDFSYNC_RESULT r;
    int waited = 0;
    if (f == NULL)
        return;
    r = sync_run(f, WDFSYNC_RUN_WORKITEM_QUEUED);
    ok_status(r.Values[0], STATUS_SUCCESS);
    ok(r.Values[1] == 0, "ran %ld times under the device's lock\n", (long)r.Values[1]);
    while (sync_run(f, WDFSYNC_RUN_WORKITEM_COUNT).Values[0] == 0 && waited++ < 300)
        usleep(10 * 1000);
    usleep(100 * 1000);
    r = sync_run(f, WDFSYNC_RUN_WORKITEM_COUNT);
    ok(r.Values[0] == 1, "ran %ld times\n", (long)r.Values[0]);
    drvhost_close(f);
}

/* WdfDpcEnqueue as KeInsertQueueDpc (TRUE, FALSE when queued); WdfDpcCancel: TRUE when it
 * removed it; EvtDpcFunc at DISPATCH_LEVEL. */
TEST(dpc_enqueue_and_cancel)
{
    drvhost_file *f = sync_open(0);
    WDFSYNC_RESULT r;
    if (f == NULL)
        return;
    r = sync_run(f, WDFSYNC_RUN_DPC);
    ok(r.Values[0] == TRUE && r.Values[1] == TRUE && r.Values[2] == FALSE, "enqueue: %ld %ld %ld\n",
       (long)r.Values[0], (long)r.Values[1], (long)r.Values[2]);
    ok(r.Values[3] == TRUE && r.Values[4] == FALSE, "cancel: %ld %ld\n", (long)r.Values[3],
       (long)r.Values[4]);
    ok(r.Values[5] == 1, "ran %ld times\n", (long)r.Values[5]);
    ok(r.Values[6] == DISPATCH_LEVEL, "IRQL %ld\n", (long)r.Values[6]);
    ok(r.Values[7] == 1, "WdfDpcWdmGetDpc / WdfDpcGetParentObject\n");
    drvhost_close(f);
}

TEST(spin_lock_raises_to_dispatch_and_restores)
{
    drvhost_file *f = sync_open(0);
    WDFSYNC_RESULT r;
    if (f == NULL)
        return;
    r = sync_run(f, WDFSYNC_RUN_SPINLOCK);
    ok_status(r.Values[0], STATUS_SUCCESS);
    ok(r.Values[1] == PASSIVE_LEVEL && r.Values[2] == DISPATCH_LEVEL &&
           r.Values[3] == PASSIVE_LEVEL,
       "IRQL %ld %ld %ld\n", (long)r.Values[1], (long)r.Values[2], (long)r.Values[3]);
    drvhost_close(f);
}

/* Microsoft (WdfWaitLockAcquire): NULL waits; a zero time-out only tries (STATUS_TIMEOUT);
 * the holder is in a critical region. */
TEST(wait_lock_timeouts_and_critical_region)
{
    drvhost_file *f = sync_open(0);
    WDFSYNC_RESULT r;
    if (f == NULL)
        return;
    r = sync_run(f, WDFSYNC_RUN_WAITLOCK);
    ok_status(r.Values[0], STATUS_SUCCESS);
    ok(r.Values[1] == TRUE, "KeAreApcsDisabled while held: %ld\n", (long)r.Values[1]);
    ok_status(r.Values[2], STATUS_TIMEOUT);
    ok_status(r.Values[3], STATUS_TIMEOUT);
    ok(r.Values[4] >= 15 && r.Values[4] < 4000, "waited %ld ms\n", (long)r.Values[4]);
    ok(r.Values[5] == FALSE, "KeAreApcsDisabled after: %ld\n", (long)r.Values[5]);
    ok_status(r.Values[6], STATUS_SUCCESS);
    drvhost_close(f);
}

/* ---- misuse ---------------------------------------------------------------------------------- */

static void sync_misuse(int mode, ULONG what)
{
    drvhost_file *f = sync_open(mode);
    if (f != NULL)
        harness_ioctl(f, IOCTL_S_MISUSE, &what, sizeof(what), NULL, 0, NULL);
}

TEST(spin_lock_released_without_acquire_is_wdf_violation)
{
    expect_bugcheck_params(0x10D, BUGCHECK_P1 | BUGCHECK_P3, 0xB, 0, 1, 0);
    sync_misuse(0, WDFSYNC_MISUSE_SPIN_RELEASE_UNHELD);
}

TEST(spin_lock_acquired_twice_is_wdf_violation)
{
    expect_bugcheck_p1(0x10D, 0x2);
    sync_misuse(0, WDFSYNC_MISUSE_SPIN_RECURSIVE);
}

/* KeAcquireSpinLock's rule: raising to DISPATCH_LEVEL from above it, IRQL_NOT_GREATER_OR_EQUAL. */
TEST(spin_lock_acquired_above_dispatch_is_irql_not_greater_or_equal)
{
    expect_bugcheck_p1(0x9, HIGH_LEVEL);
    sync_misuse(0, WDFSYNC_MISUSE_SPIN_ABOVE_DISPATCH);
}

TEST(object_lock_of_an_object_without_one_is_wdf_violation)
{
    expect_bugcheck_params(0x10D, BUGCHECK_P1 | BUGCHECK_P3, 0xB, 0, 0, 0);
    sync_misuse(0, WDFSYNC_MISUSE_OBJLOCK_NO_LOCK);
}

TEST(object_lock_released_without_acquire_is_wdf_violation)
{
    expect_bugcheck_params(0x10D, BUGCHECK_P1 | BUGCHECK_P3, 0xB, 0, 1, 0);
    sync_misuse(0, WDFSYNC_MISUSE_OBJLOCK_RELEASE);
}

/* Under scope Device the framework holds the device's lock around EvtIoDeviceControl. */
TEST(object_lock_acquired_inside_a_serialised_callback_is_wdf_violation)
{
    expect_bugcheck_p1(0x10D, 0x2);
    sync_misuse(1, WDFSYNC_MISUSE_OBJLOCK_RECURSIVE);
}

/* WdfDpcCreate with AutomaticSerialization: the framework holds the parent queue's lock around
 * EvtDpcFunc, so taking it there again is a recursive acquisition. */
TEST(object_lock_acquired_inside_a_serialised_dpc_is_wdf_violation)
{
    expect_bugcheck_p1(0x10D, 0x2);
    sync_misuse(2, WDFSYNC_MISUSE_OBJLOCK_IN_DPC);
}

/* drvhost's own 0x1001: WdfTimerStop(Wait TRUE) from the timer's own passive callback would
 * wait for itself (Microsoft: may deadlock). */
TEST(timer_stop_with_wait_from_its_passive_callback_is_reported)
{
    expect_bugcheck_p1(0x10D, 0x1001);
    sync_misuse(0, WDFSYNC_MISUSE_TIMER_STOP_IN_PASSIVE);
}

/* From a DISPATCH_LEVEL callback: Wait needs PASSIVE_LEVEL (IRQL_NOT_LESS_OR_EQUAL). */
TEST(timer_stop_with_wait_from_its_dpc_callback_is_irql_not_less_or_equal)
{
    /* Parameter 1 is the object (drvhost's: an address), parameter 2 the IRQL. */
    expect_bugcheck_p1_in(0xA, 0x10000, UINT64_MAX);
    sync_misuse(0, WDFSYNC_MISUSE_TIMER_STOP_IN_DPC);
}

TEST(work_item_flush_from_its_callback_is_reported)
{
    expect_bugcheck_p1(0x10D, 0x1001);
    sync_misuse(0, WDFSYNC_MISUSE_WORKITEM_FLUSH_SELF);
}

TEST(wait_lock_acquire_at_dispatch_is_irql_not_less_or_equal)
{
    expect_bugcheck_p1_in(0xA, 0x10000, UINT64_MAX);
    sync_misuse(0, WDFSYNC_MISUSE_WAITLOCK_AT_DISPATCH);
}
