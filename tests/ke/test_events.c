/* test_events.c - events, semaphores and mutexes: states and the values Windows returns. */
#include <wdm.h>

#include "systhread.h"
#include "harness.h"

static LARGE_INTEGER zero_timeout = {.QuadPart = 0};

TEST(notification_event_states)
{
    KEVENT event;
    KeInitializeEvent(&event, NotificationEvent, FALSE);
    ok(event.Header.Type == EventNotificationObject, "type %u\n", event.Header.Type);
    ok(event.Header.Size == sizeof(KEVENT) / sizeof(LONG), "size %u\n", event.Header.Size);
    ok(IsListEmpty(&event.Header.WaitListHead), "wait list not empty\n");
    ok(KeReadStateEvent(&event) == 0, "state %ld\n", (long)KeReadStateEvent(&event));
    ok(KeSetEvent(&event, IO_NO_INCREMENT, FALSE) == 0, "previous state of a clear event\n");
    ok(KeSetEvent(&event, IO_NO_INCREMENT, FALSE) == 1, "previous state of a set event\n");
    ok(KeReadStateEvent(&event) == 1, "state %ld\n", (long)KeReadStateEvent(&event));
    /* A notification event stays signalled for every waiter. */
    ok_status(KeWaitForSingleObject(&event, Executive, KernelMode, FALSE, &zero_timeout),
              STATUS_SUCCESS);
    ok_status(KeWaitForSingleObject(&event, Executive, KernelMode, FALSE, NULL), STATUS_SUCCESS);
    ok(KeResetEvent(&event) == 1, "KeResetEvent previous state\n");
    ok(KeResetEvent(&event) == 0, "KeResetEvent previous state\n");
    KeSetEvent(&event, IO_NO_INCREMENT, FALSE);
    KeClearEvent(&event);
    ok(KeReadStateEvent(&event) == 0, "KeClearEvent left it set\n");
}

TEST(synchronization_event_auto_resets)
{
    KEVENT event;
    KeInitializeEvent(&event, SynchronizationEvent, TRUE);
    ok(event.Header.Type == EventSynchronizationObject, "type %u\n", event.Header.Type);
    ok(KeReadStateEvent(&event) == 1, "initial state\n");
    ok_status(KeWaitForSingleObject(&event, Executive, KernelMode, FALSE, &zero_timeout),
              STATUS_SUCCESS);
    ok(KeReadStateEvent(&event) == 0, "not reset by the satisfied wait\n");
    ok_status(KeWaitForSingleObject(&event, Executive, KernelMode, FALSE, &zero_timeout),
              STATUS_TIMEOUT);
}

TEST(pulse_event)
{
    KEVENT event;
    KeInitializeEvent(&event, NotificationEvent, FALSE);
    ok(KePulseEvent(&event, IO_NO_INCREMENT, FALSE) == 0, "previous state\n");
    ok(KeReadStateEvent(&event) == 0, "pulse left the event set\n");
    KeSetEvent(&event, IO_NO_INCREMENT, FALSE);
    ok(KePulseEvent(&event, IO_NO_INCREMENT, FALSE) == 1, "previous state\n");
    ok(KeReadStateEvent(&event) == 0, "pulse left the event set\n");
}

static KEVENT pulsed;
static volatile LONG pulse_waiters_released, pulse_waiters_started;

static VOID WaitForPulse(PVOID Context)
{
    (void)Context;
    InterlockedIncrement(&pulse_waiters_started);
    ok_status(KeWaitForSingleObject(&pulsed, Executive, KernelMode, FALSE, NULL), STATUS_SUCCESS);
    InterlockedIncrement(&pulse_waiters_released);
}

/* KePulseEvent sets the event, which satisfies the waits in progress, then resets it: both
 * waiters of a notification event go on, and the event ends not signalled, so a later wait
 * times out. */
TEST(pulse_event_releases_the_waiters)
{
    PKTHREAD t[2];
    LARGE_INTEGER short_wait = {.QuadPart = -10000LL * 20},
                  long_wait = {.QuadPart = -10000LL * 3000};
    KeInitializeEvent(&pulsed, NotificationEvent, FALSE);
    pulse_waiters_released = pulse_waiters_started = 0;
    t[0] = start_thread(WaitForPulse, NULL);
    t[1] = start_thread(WaitForPulse, NULL);
    /* Both threads about to wait, then time for them to block (the wait list itself is the
     * dispatcher's, not to be read here). */
    for (int i = 0; i < 1000 && InterlockedOr(&pulse_waiters_started, 0) < 2; i++)
        sleep_ms(2);
    sleep_ms(100);
    ok(pulse_waiters_released == 0, "a waiter went on before the pulse\n");
    ok(KePulseEvent(&pulsed, IO_NO_INCREMENT, FALSE) == 0, "previous state\n");
    ok_status(KeWaitForSingleObject(t[0], Executive, KernelMode, FALSE, &long_wait),
              STATUS_SUCCESS);
    ok_status(KeWaitForSingleObject(t[1], Executive, KernelMode, FALSE, &long_wait),
              STATUS_SUCCESS);
    ok(pulse_waiters_released == 2, "%ld of 2 waiters released\n", (long)pulse_waiters_released);
    ok(KeReadStateEvent(&pulsed) == 0, "pulse left the event signalled\n");
    ok_status(KeWaitForSingleObject(&pulsed, Executive, KernelMode, FALSE, &short_wait),
              STATUS_TIMEOUT);
    if (pulse_waiters_released != 2)
        KeSetEvent(&pulsed, IO_NO_INCREMENT, FALSE); /* let them end: the test has failed */
    join_thread(t[0]);
    join_thread(t[1]);
}

TEST(semaphore_counts)
{
    KSEMAPHORE sem;
    KeInitializeSemaphore(&sem, 0, 3);
    ok(sem.Header.Type == SemaphoreObject && sem.Limit == 3, "type %u limit %ld\n", sem.Header.Type,
       (long)sem.Limit);
    ok(KeReadStateSemaphore(&sem) == 0, "count\n");
    ok_status(KeWaitForSingleObject(&sem, Executive, KernelMode, FALSE, &zero_timeout),
              STATUS_TIMEOUT);
    ok(KeReleaseSemaphore(&sem, SEMAPHORE_INCREMENT, 1, FALSE) == 0, "previous count\n");
    ok(KeReleaseSemaphore(&sem, SEMAPHORE_INCREMENT, 2, FALSE) == 1, "previous count\n");
    ok(KeReadStateSemaphore(&sem) == 3, "count %ld\n", (long)KeReadStateSemaphore(&sem));
    ok_status(KeWaitForSingleObject(&sem, Executive, KernelMode, FALSE, &zero_timeout),
              STATUS_SUCCESS);
    ok(KeReadStateSemaphore(&sem) == 2, "a wait takes one count\n");
}

/* Over the limit: the count is not adjusted and STATUS_SEMAPHORE_LIMIT_EXCEEDED is raised, an
 * exception a __try handles. */
TEST(semaphore_limit_exceeded_raises)
{
    KSEMAPHORE sem;
    NTSTATUS caught = STATUS_SUCCESS;
    KeInitializeSemaphore(&sem, 1, 2);
    KeReleaseSemaphore(&sem, SEMAPHORE_INCREMENT, 1, FALSE);
    __try {
        KeReleaseSemaphore(&sem, SEMAPHORE_INCREMENT, 1, FALSE);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        caught = GetExceptionCode();
    }
    ok_status(caught, STATUS_SEMAPHORE_LIMIT_EXCEEDED);
    ok(KeReadStateSemaphore(&sem) == 2, "count %ld\n", (long)KeReadStateSemaphore(&sem));
}

/* Unhandled, it is 0x1E with the status as parameter 1. */
TEST(semaphore_limit_exceeded_unhandled_is_0x1e)
{
    KSEMAPHORE sem;
    KeInitializeSemaphore(&sem, 2, 2);
    expect_bugcheck_p1(0x1E, (ULONG)STATUS_SEMAPHORE_LIMIT_EXCEEDED);
    KeReleaseSemaphore(&sem, SEMAPHORE_INCREMENT, 1, FALSE);
}

TEST(mutex_recursion)
{
    KMUTEX mutex;
    KeInitializeMutex(&mutex, 0);
    ok(mutex.Header.Type == MutantObject, "type %u\n", mutex.Header.Type);
    ok(KeReadStateMutex(&mutex) == 1, "free mutex state %ld\n", (long)KeReadStateMutex(&mutex));
    ok_status(KeWaitForMutexObject(&mutex, Executive, KernelMode, FALSE, NULL), STATUS_SUCCESS);
    ok(mutex.OwnerThread == KeGetCurrentThread(), "owner\n");
    ok(KeReadStateMutex(&mutex) == 0, "held once: state %ld\n", (long)KeReadStateMutex(&mutex));
    ok(KeAreApcsDisabled(), "holding a mutex does not disable APCs\n");
    ok_status(KeWaitForSingleObject(&mutex, Executive, KernelMode, FALSE, &zero_timeout),
              STATUS_SUCCESS);
    ok(KeReadStateMutex(&mutex) == -1, "held twice: state %ld\n", (long)KeReadStateMutex(&mutex));
    ok(KeReleaseMutex(&mutex, FALSE) == -1, "first release\n");
    ok(mutex.OwnerThread == KeGetCurrentThread(), "released too early\n");
    ok(KeReleaseMutex(&mutex, FALSE) == 0, "last release returns 0 (signalled)\n");
    ok(KeReadStateMutex(&mutex) == 1 && mutex.OwnerThread == NULL, "not free\n");
    ok(!KeAreApcsDisabled(), "APCs still disabled\n");
}

/* Released by a thread that does not hold it: STATUS_MUTANT_NOT_OWNED is raised; the mutex
 * stays as it was. */
TEST(mutex_release_not_owned_raises)
{
    KMUTEX mutex;
    NTSTATUS caught = STATUS_SUCCESS;
    KeInitializeMutex(&mutex, 0);
    __try {
        KeReleaseMutex(&mutex, FALSE);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        caught = GetExceptionCode();
    }
    ok_status(caught, STATUS_MUTANT_NOT_OWNED);
    ok(KeReadStateMutex(&mutex) == 1 && mutex.OwnerThread == NULL, "state changed\n");
}

TEST(mutex_release_not_owned_unhandled_is_0x1e)
{
    KMUTEX mutex;
    KeInitializeMutex(&mutex, 0);
    expect_bugcheck_p1(0x1E, (ULONG)STATUS_MUTANT_NOT_OWNED);
    KeReleaseMutex(&mutex, FALSE);
}
