/* test_waits.c - KeWaitForSingleObject / KeWaitForMultipleObjects / KeDelayExecutionThread:
 * time-outs, wait-any and wait-all, waits satisfied from another thread, IRQL rules. */
#include <wdm.h>

#include "harness.h"

#define MS(n) ((LONGLONG)(n)*10000)

static LARGE_INTEGER zero_timeout = {.QuadPart = 0};

/* Interrupt time elapsed since `start`, in ms. */
static LONGLONG elapsed_ms(ULONGLONG start)
{
    return (LONGLONG)(KeQueryInterruptTime() - start) / 10000;
}

TEST(zero_timeout_polls)
{
    KEVENT event;
    KeInitializeEvent(&event, NotificationEvent, FALSE);
    ok_status(KeWaitForSingleObject(&event, Executive, KernelMode, FALSE, &zero_timeout),
              STATUS_TIMEOUT);
}

TEST(relative_timeout)
{
    KEVENT event;
    LARGE_INTEGER timeout = {.QuadPart = -MS(50)};
    ULONGLONG start = KeQueryInterruptTime();
    KeInitializeEvent(&event, NotificationEvent, FALSE);
    ok_status(KeWaitForSingleObject(&event, Executive, KernelMode, FALSE, &timeout),
              STATUS_TIMEOUT);
    ok(elapsed_ms(start) >= 50, "returned after %lld ms\n", (long long)elapsed_ms(start));
}

TEST(absolute_timeout)
{
    KEVENT event;
    LARGE_INTEGER timeout;
    ULONGLONG start = KeQueryInterruptTime();
    KeInitializeEvent(&event, NotificationEvent, FALSE);
    KeQuerySystemTime(&timeout);
    timeout.QuadPart += MS(50);
    ok_status(KeWaitForSingleObject(&event, Executive, KernelMode, FALSE, &timeout),
              STATUS_TIMEOUT);
    ok(elapsed_ms(start) >= 45, "returned after %lld ms\n", (long long)elapsed_ms(start));
    KeQuerySystemTime(&timeout); /* an absolute time in the past: an immediate time-out */
    timeout.QuadPart -= MS(1000);
    ok_status(KeWaitForSingleObject(&event, Executive, KernelMode, FALSE, &timeout),
              STATUS_TIMEOUT);
}

TEST(wait_any_returns_index)
{
    KEVENT events[3];
    PVOID objects[3];
    for (int i = 0; i < 3; i++) {
        KeInitializeEvent(&events[i], SynchronizationEvent, FALSE);
        objects[i] = &events[i];
    }
    KeSetEvent(&events[2], IO_NO_INCREMENT, FALSE);
    KeSetEvent(&events[1], IO_NO_INCREMENT, FALSE);
    ok_status(KeWaitForMultipleObjects(3, objects, WaitAny, Executive, KernelMode, FALSE,
                                       &zero_timeout, NULL),
              STATUS_WAIT_0 + 1);
    ok(KeReadStateEvent(&events[1]) == 0 && KeReadStateEvent(&events[2]) == 1,
       "only the satisfying object is consumed\n");
    ok_status(KeWaitForMultipleObjects(3, objects, WaitAny, Executive, KernelMode, FALSE,
                                       &zero_timeout, NULL),
              STATUS_WAIT_0 + 2);
    ok_status(KeWaitForMultipleObjects(3, objects, WaitAny, Executive, KernelMode, FALSE,
                                       &zero_timeout, NULL),
              STATUS_TIMEOUT);
}

/* The third object of a wait-all is signalled by a timer's DPC while this thread waits. */
static KEVENT sync_event, notification_event;
static KSEMAPHORE semaphore;
static KMUTEX mutex;

static VOID release_dpc(PKDPC Dpc, PVOID Context, PVOID Arg1, PVOID Arg2)
{
    (void)Dpc, (void)Context, (void)Arg1, (void)Arg2;
    KeReleaseSemaphore(&semaphore, SEMAPHORE_INCREMENT, 1, FALSE);
}

TEST(wait_all_three_objects)
{
    PVOID objects[3] = {&sync_event, &semaphore, &mutex};
    KTIMER timer;
    KDPC dpc;
    KeInitializeEvent(&sync_event, SynchronizationEvent, TRUE);
    KeInitializeSemaphore(&semaphore, 0, 5);
    KeInitializeMutex(&mutex, 0);
    /* Two of three signalled: a poll fails and consumes nothing. */
    ok_status(KeWaitForMultipleObjects(3, objects, WaitAll, Executive, KernelMode, FALSE,
                                       &zero_timeout, NULL),
              STATUS_TIMEOUT);
    ok(KeReadStateEvent(&sync_event) == 1 && KeReadStateMutex(&mutex) == 1, "consumed\n");
    KeInitializeDpc(&dpc, release_dpc, NULL);
    KeInitializeTimer(&timer);
    LARGE_INTEGER due = {.QuadPart = -MS(30)};
    KeSetTimer(&timer, due, &dpc);
    ok_status(
        KeWaitForMultipleObjects(3, objects, WaitAll, Executive, KernelMode, FALSE, NULL, NULL),
        STATUS_SUCCESS);
    ok(KeReadStateEvent(&sync_event) == 0, "synchronization event not reset\n");
    ok(KeReadStateSemaphore(&semaphore) == 0, "semaphore count %ld\n",
       (long)KeReadStateSemaphore(&semaphore));
    ok(mutex.OwnerThread == KeGetCurrentThread() && KeReadStateMutex(&mutex) == 0, "mutex\n");
    KeReleaseMutex(&mutex, FALSE);
    KeFlushQueuedDpcs();
}

static VOID set_event_dpc(PKDPC Dpc, PVOID Context, PVOID Arg1, PVOID Arg2)
{
    (void)Dpc, (void)Arg1, (void)Arg2;
    KeSetEvent((PKEVENT)Context, IO_NO_INCREMENT, FALSE);
}

TEST(wait_satisfied_by_dpc)
{
    KTIMER timer;
    KDPC dpc;
    LARGE_INTEGER due = {.QuadPart = -MS(20)}, timeout = {.QuadPart = -MS(5000)};
    KeInitializeEvent(&notification_event, NotificationEvent, FALSE);
    KeInitializeDpc(&dpc, set_event_dpc, &notification_event);
    KeInitializeTimer(&timer);
    KeSetTimer(&timer, due, &dpc);
    ok_status(KeWaitForSingleObject(&notification_event, Executive, KernelMode, FALSE, &timeout),
              STATUS_SUCCESS);
    KeFlushQueuedDpcs();
}

TEST(wait_on_timer_object)
{
    KTIMER timer;
    LARGE_INTEGER due = {.QuadPart = -MS(20)};
    KeInitializeTimerEx(&timer, SynchronizationTimer);
    ok(!KeReadStateTimer(&timer), "new timer signalled\n");
    ok(!KeSetTimer(&timer, due, NULL), "new timer reported as set\n");
    ok_status(KeWaitForSingleObject(&timer, Executive, KernelMode, FALSE, NULL), STATUS_SUCCESS);
    ok(!KeReadStateTimer(&timer), "synchronization timer not reset by the wait\n");
    KeInitializeTimer(&timer);
    KeSetTimer(&timer, due, NULL);
    ok_status(KeWaitForSingleObject(&timer, Executive, KernelMode, FALSE, NULL), STATUS_SUCCESS);
    ok(KeReadStateTimer(&timer), "notification timer not signalled\n");
}

TEST(wait_on_running_thread_times_out)
{
    ok_status(
        KeWaitForSingleObject(KeGetCurrentThread(), Executive, KernelMode, FALSE, &zero_timeout),
        STATUS_TIMEOUT);
}

TEST(delay_execution)
{
    LARGE_INTEGER interval = {.QuadPart = -MS(30)};
    ULONGLONG start = KeQueryInterruptTime();
    ok_status(KeDelayExecutionThread(KernelMode, FALSE, &interval), STATUS_SUCCESS);
    ok(elapsed_ms(start) >= 30, "slept %lld ms\n", (long long)elapsed_ms(start));
}

TEST(poll_at_dispatch_is_allowed)
{
    KEVENT event;
    KIRQL old;
    KeInitializeEvent(&event, NotificationEvent, FALSE);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    ok_status(KeWaitForSingleObject(&event, Executive, KernelMode, FALSE, &zero_timeout),
              STATUS_TIMEOUT);
    KeLowerIrql(old);
}

TEST(wait_at_dispatch_with_timeout_bugchecks)
{
    KEVENT event;
    KIRQL old;
    LARGE_INTEGER timeout = {.QuadPart = -MS(10)};
    KeInitializeEvent(&event, NotificationEvent, FALSE);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    expect_bugcheck_p1(0xA, (ULONG_PTR)&event); /* IRQL_NOT_LESS_OR_EQUAL: the object */
    KeWaitForSingleObject(&event, Executive, KernelMode, FALSE, &timeout);
}

static VOID waiting_dpc(PKDPC Dpc, PVOID Context, PVOID Arg1, PVOID Arg2)
{
    (void)Dpc, (void)Arg1, (void)Arg2;
    /* ATTEMPTED_SWITCH_FROM_DPC: parameter 1 is the thread that waits, this DPC's. */
    expect_bugcheck_p1(0xB8, (ULONG_PTR)KeGetCurrentThread());
    KeWaitForSingleObject(Context, Executive, KernelMode, FALSE, NULL);
}

TEST(wait_in_dpc_bugchecks)
{
    KEVENT event;
    KDPC dpc;
    LARGE_INTEGER forever = {.QuadPart = -MS(10000)};
    KeInitializeEvent(&event, NotificationEvent, FALSE);
    KeInitializeDpc(&dpc, waiting_dpc, &event);
    KeInsertQueueDpc(&dpc, NULL, NULL);
    KeDelayExecutionThread(KernelMode, FALSE, &forever);
}

TEST(too_many_objects_bugchecks)
{
    KEVENT events[4];
    PVOID objects[4];
    for (int i = 0; i < 4; i++) {
        KeInitializeEvent(&events[i], NotificationEvent, TRUE);
        objects[i] = &events[i];
    }
    /* MAXIMUM_WAIT_OBJECTS_EXCEEDED: > THREAD_WAIT_OBJECTS, no array (parameter 1: the count) */
    expect_bugcheck_p1(0xC, 4);
    KeWaitForMultipleObjects(4, objects, WaitAll, Executive, KernelMode, FALSE, NULL, NULL);
}

TEST(wait_block_array)
{
    KEVENT events[5];
    PVOID objects[5];
    KWAIT_BLOCK blocks[5];
    for (int i = 0; i < 5; i++) {
        KeInitializeEvent(&events[i], NotificationEvent, TRUE);
        objects[i] = &events[i];
    }
    ok_status(KeWaitForMultipleObjects(5, objects, WaitAll, Executive, KernelMode, FALSE,
                                       &zero_timeout, blocks),
              STATUS_SUCCESS);
}
