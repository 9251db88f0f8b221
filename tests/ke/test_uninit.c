/*
 * test_uninit.c - dispatcher objects no KeInitializeXxx prepared (zeroed, as a global or a
 * zeroed device extension leaves them): every Ke routine that would follow the object's NULL wait
 * list, or that changes an event's state, stops with bug check 0xC4/0x1002 at the call
 * (parameter 2 the object, 3 the call site, 4 zero; docs/verifier.md) instead of faulting in the
 * runtime. KeReleaseMutex and KeReleaseSemaphore raise, as Windows does for any object that the
 * caller does not own or that is at its limit, and are pinned here too.
 */
#include <wdm.h>

#include "harness.h"

#define UNINITIALIZED_RESOURCE 0x1002
#define P124                   (BUGCHECK_P1 | BUGCHECK_P2 | BUGCHECK_P4)

static LARGE_INTEGER zero_timeout = {.QuadPart = 0};

/* Zeroed at every test (each runs in its own child process) and never initialised. */
static KEVENT zeroed_event;
static KMUTEX zeroed_mutex;
static KSEMAPHORE zeroed_semaphore;
static KTIMER zeroed_timer;

static void expect_uninitialized(const void *object)
{
    expect_bugcheck_params(0xC4, P124, UNINITIALIZED_RESOURCE, (ULONG_PTR)object, 0, 0);
}

TEST(zeroed_event_set_is_c4_1002)
{
    expect_uninitialized(&zeroed_event);
    KeSetEvent(&zeroed_event, IO_NO_INCREMENT, FALSE);
}

TEST(zeroed_event_wait_is_c4_1002)
{
    expect_uninitialized(&zeroed_event);
    KeWaitForSingleObject(&zeroed_event, Executive, KernelMode, FALSE, NULL);
}

/* A poll would not touch the wait list; it is the same mistake and stops the same way. */
TEST(zeroed_event_poll_is_c4_1002)
{
    expect_uninitialized(&zeroed_event);
    KeWaitForSingleObject(&zeroed_event, Executive, KernelMode, FALSE, &zero_timeout);
}

TEST(zeroed_event_reset_is_c4_1002)
{
    expect_uninitialized(&zeroed_event);
    KeResetEvent(&zeroed_event);
}

TEST(zeroed_event_clear_is_c4_1002)
{
    expect_uninitialized(&zeroed_event);
    KeClearEvent(&zeroed_event);
}

TEST(zeroed_event_pulse_is_c4_1002)
{
    expect_uninitialized(&zeroed_event);
    KePulseEvent(&zeroed_event, IO_NO_INCREMENT, FALSE);
}

TEST(zeroed_mutex_wait_is_c4_1002)
{
    expect_uninitialized(&zeroed_mutex);
    KeWaitForMutexObject(&zeroed_mutex, Executive, KernelMode, FALSE, NULL);
}

TEST(zeroed_semaphore_wait_is_c4_1002)
{
    expect_uninitialized(&zeroed_semaphore);
    KeWaitForSingleObject(&zeroed_semaphore, Executive, KernelMode, FALSE, NULL);
}

TEST(zeroed_timer_wait_is_c4_1002)
{
    expect_uninitialized(&zeroed_timer);
    KeWaitForSingleObject(&zeroed_timer, Executive, KernelMode, FALSE, NULL);
}

/* Without the check the timer would be queued and fault in the timer thread when it expires. */
TEST(zeroed_timer_set_is_c4_1002)
{
    LARGE_INTEGER due = {.QuadPart = -10000};
    expect_uninitialized(&zeroed_timer);
    KeSetTimer(&zeroed_timer, due, NULL);
}

TEST(zeroed_timer_set_ex_is_c4_1002)
{
    LARGE_INTEGER due = {.QuadPart = -10000};
    expect_uninitialized(&zeroed_timer);
    KeSetTimerEx(&zeroed_timer, due, 10, NULL);
}

/* Every object of a multiple wait is checked: parameter 2 is the one never initialised. */
TEST(zeroed_object_in_a_multiple_wait_is_c4_1002)
{
    KEVENT ready;
    PVOID objects[2] = {&ready, &zeroed_semaphore};
    KeInitializeEvent(&ready, NotificationEvent, TRUE);
    expect_uninitialized(&zeroed_semaphore);
    KeWaitForMultipleObjects(2, objects, WaitAny, Executive, KernelMode, FALSE, NULL, NULL);
}

/* The same objects once initialised pass every one of those calls. */
TEST(initialised_objects_pass_the_check)
{
    LARGE_INTEGER due = {.QuadPart = -10000};
    KeInitializeEvent(&zeroed_event, NotificationEvent, FALSE);
    KeInitializeMutex(&zeroed_mutex, 0);
    KeInitializeSemaphore(&zeroed_semaphore, 1, 1);
    KeInitializeTimer(&zeroed_timer);
    ok(KeSetEvent(&zeroed_event, IO_NO_INCREMENT, FALSE) == 0, "set\n");
    ok(KeResetEvent(&zeroed_event) == 1, "reset\n");
    KeClearEvent(&zeroed_event);
    ok(KePulseEvent(&zeroed_event, IO_NO_INCREMENT, FALSE) == 0, "pulse\n");
    ok_status(KeWaitForSingleObject(&zeroed_event, Executive, KernelMode, FALSE, &zero_timeout),
              STATUS_TIMEOUT);
    ok_status(KeWaitForMutexObject(&zeroed_mutex, Executive, KernelMode, FALSE, NULL),
              STATUS_SUCCESS);
    KeReleaseMutex(&zeroed_mutex, FALSE);
    ok_status(KeWaitForSingleObject(&zeroed_semaphore, Executive, KernelMode, FALSE, NULL),
              STATUS_SUCCESS);
    ok(!KeSetTimer(&zeroed_timer, due, NULL), "timer was set\n");
    ok_status(KeWaitForSingleObject(&zeroed_timer, Executive, KernelMode, FALSE, NULL),
              STATUS_SUCCESS);
}

/* KeReleaseMutex of a zeroed mutex: the caller does not own it (OwnerThread NULL), so
 * STATUS_MUTANT_NOT_OWNED is raised before anything is touched, as for any mutex the caller does
 * not hold; no fault, no 0xC4. */
TEST(zeroed_mutex_release_raises_not_owned)
{
    NTSTATUS caught = STATUS_SUCCESS;
    __try {
        KeReleaseMutex(&zeroed_mutex, FALSE);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        caught = GetExceptionCode();
    }
    ok_status(caught, STATUS_MUTANT_NOT_OWNED);
}

/* KeReleaseSemaphore of a zeroed semaphore: its limit is 0, so any release exceeds it and
 * STATUS_SEMAPHORE_LIMIT_EXCEEDED is raised before the count changes. */
TEST(zeroed_semaphore_release_raises_limit_exceeded)
{
    NTSTATUS caught = STATUS_SUCCESS;
    __try {
        KeReleaseSemaphore(&zeroed_semaphore, SEMAPHORE_INCREMENT, 1, FALSE);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        caught = GetExceptionCode();
    }
    ok_status(caught, STATUS_SEMAPHORE_LIMIT_EXCEEDED);
    ok(zeroed_semaphore.Header.SignalState == 0, "count %ld\n",
       (long)zeroed_semaphore.Header.SignalState);
}
