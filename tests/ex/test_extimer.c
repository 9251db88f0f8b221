/*
 * test_extimer.c - the executive timers: ExAllocateTimer (attributes), ExSetTimer (one-shot,
 * periodic, waiting on the timer, re-setting a pending timer), ExCancelTimer, ExDeleteTimer
 * (Cancel, Wait, the delete callback, deleting from the timer's own callback, a disabled
 * timer), and the documented bug checks.
 */
#include <wdm.h>

#include "systhread.h"
#include "harness.h"

#define MS(n) ((LONGLONG)(n)*10000)

static volatile LONG fired;
static PEX_TIMER fired_timer;
static PVOID fired_context;
static KIRQL fired_irql;

static VOID Count(PEX_TIMER Timer, PVOID Context)
{
    fired_timer = Timer;
    fired_context = Context;
    fired_irql = KeGetCurrentIrql();
    InterlockedIncrement(&fired);
}

static volatile LONG deleted;
static PVOID deleted_context;

static VOID Deleted(PVOID Context)
{
    deleted_context = Context;
    InterlockedIncrement(&deleted);
}

/* Slow, so that a delete callback run by another thread would be seen unfinished. */
static VOID SlowDeleted(PVOID Context)
{
    sleep_ms(50);
    Deleted(Context);
}

static BOOLEAN delete_waiting(PEX_TIMER t, PVOID context)
{
    EXT_DELETE_PARAMETERS params;
    ExInitializeDeleteTimerParameters(&params);
    params.DeleteCallback = SlowDeleted;
    params.DeleteContext = context;
    return ExDeleteTimer(t, TRUE, TRUE, &params);
}

static LONG fired_now(void)
{
    return InterlockedCompareExchange(&fired, 0, 0);
}

static LONG deleted_now(void)
{
    return InterlockedCompareExchange(&deleted, 0, 0);
}

/* Waits (up to 3 s: the machine may be loaded) until *counter is nonzero. */
static void wait_nonzero(volatile LONG *counter)
{
    for (int i = 0; i < 600 && InterlockedCompareExchange(counter, 0, 0) == 0; i++)
        sleep_ms(5);
}

TEST(one_shot_calls_back_at_dispatch)
{
    EXT_SET_PARAMETERS set;
    PEX_TIMER t = ExAllocateTimer(Count, (PVOID)0x55, 0);
    ok(t != NULL, "no timer\n");
    fired = 0;
    ExInitializeSetTimerParameters(&set);
    ok(!ExSetTimer(t, -MS(10), 0, &set), "first set reported a pending timer\n");
    wait_nonzero(&fired);
    sleep_ms(20);
    ok(fired_now() == 1, "fired %ld times\n", (long)fired_now());
    ok(fired_timer == t && fired_context == (PVOID)0x55, "callback got %p %p\n", fired_timer,
       fired_context);
    ok(fired_irql == DISPATCH_LEVEL, "callback at IRQL %u\n", fired_irql);
    ok(!ExCancelTimer(t, NULL), "cancel of an expired timer returned TRUE\n");
    deleted = 0;
    ok(!delete_waiting(t, (PVOID)0x66), "delete cancelled an expired timer\n");
    /* Wait TRUE: the delete callback finished before ExDeleteTimer returned. */
    ok(deleted_now() == 1 && deleted_context == (PVOID)0x66, "delete callback %ld %p\n",
       (long)deleted_now(), deleted_context);
}

TEST(wait_on_the_timer)
{
    PEX_TIMER t = ExAllocateTimer(NULL, NULL, EX_TIMER_HIGH_RESOLUTION);
    LARGE_INTEGER timeout = {.QuadPart = -MS(2000)};
    ok(t != NULL, "no timer\n");
    ExSetTimer(t, -MS(20), 0, NULL);
    ok_status(KeWaitForSingleObject(t, Executive, KernelMode, FALSE, &timeout), STATUS_SUCCESS);
    /* A synchronization timer (no EX_TIMER_NOTIFICATION): the wait reset it. */
    timeout.QuadPart = -MS(50);
    ok_status(KeWaitForSingleObject(t, Executive, KernelMode, FALSE, &timeout), STATUS_TIMEOUT);
    ExDeleteTimer(t, TRUE, TRUE, NULL);
}

TEST(notification_timer_stays_signalled)
{
    PEX_TIMER t = ExAllocateTimer(NULL, NULL, EX_TIMER_NOTIFICATION | EX_TIMER_NO_WAKE);
    LARGE_INTEGER timeout = {.QuadPart = -MS(2000)};
    EXT_SET_PARAMETERS set;
    ok(t != NULL, "no timer\n");
    ExInitializeSetTimerParameters(&set);
    set.NoWakeTolerance = EX_TIMER_UNLIMITED_TOLERANCE;
    ExSetTimer(t, -MS(20), 0, &set);
    ok_status(KeWaitForSingleObject(t, Executive, KernelMode, FALSE, &timeout), STATUS_SUCCESS);
    timeout.QuadPart = -MS(10);
    ok_status(KeWaitForSingleObject(t, Executive, KernelMode, FALSE, &timeout), STATUS_SUCCESS);
    ExDeleteTimer(t, TRUE, TRUE, NULL);
}

TEST(cancel_and_reset_return_whether_pending)
{
    PEX_TIMER t = ExAllocateTimer(Count, NULL, 0);
    fired = 0;
    ok(!ExCancelTimer(t, NULL), "cancel of a timer never set returned TRUE\n");
    ExSetTimer(t, -MS(5000), 0, NULL);
    ok(ExSetTimer(t, -MS(5000), 0, NULL), "re-set of a pending timer returned FALSE\n");
    ok(ExCancelTimer(t, NULL), "cancel of a pending timer returned FALSE\n");
    ok(!ExCancelTimer(t, NULL), "second cancel returned TRUE\n");
    sleep_ms(50);
    ok(fired_now() == 0, "a cancelled timer fired\n");
    ok(!ExSetTimer(t, -MS(5000), 0, NULL), "set after cancel returned TRUE\n");
    ok(delete_waiting(t, NULL), "delete did not cancel the pending timer\n");
    ok(fired_now() == 0, "the deleted timer fired\n");
}

TEST(periodic_timer)
{
    PEX_TIMER t = ExAllocateTimer(Count, NULL, EX_TIMER_HIGH_RESOLUTION);
    fired = 0;
    ExSetTimer(t, -MS(10), MS(10), NULL); /* Period in 100 ns units: 10 ms */
    sleep_ms(200);
    LONG n = fired_now();
    ok(n >= 3 && n <= 21, "a 10 ms periodic timer fired %ld times in 200 ms\n", (long)n);
    ok(ExCancelTimer(t, NULL), "cancel of a periodic timer returned FALSE\n");
    sleep_ms(30);
    n = fired_now();
    sleep_ms(60);
    ok(fired_now() == n, "fired after cancel: %ld then %ld\n", (long)n, (long)fired_now());
    delete_waiting(t, NULL);
}

TEST(delete_without_cancel_lets_the_timer_expire)
{
    PEX_TIMER t = ExAllocateTimer(Count, NULL, 0);
    EXT_DELETE_PARAMETERS params;
    fired = 0;
    deleted = 0;
    ExSetTimer(t, -MS(30), 0, NULL);
    ExInitializeDeleteTimerParameters(&params);
    params.DeleteCallback = Deleted;
    ok(!ExDeleteTimer(t, FALSE, FALSE, &params), "delete without cancel returned TRUE\n");
    ok(fired_now() == 0 && deleted_now() == 0, "expired or deleted at once\n");
    wait_nonzero(&deleted);
    ok(fired_now() == 1, "the pending timer fired %ld times\n", (long)fired_now());
    ok(deleted_now() == 1, "delete callback ran %ld times\n", (long)deleted_now());
}

TEST(disabled_periodic_timer_expires_at_most_once)
{
    PEX_TIMER t = ExAllocateTimer(Count, NULL, 0);
    EXT_DELETE_PARAMETERS params;
    fired = 0;
    deleted = 0;
    ExSetTimer(t, -MS(20), MS(10), NULL);
    ExInitializeDeleteTimerParameters(&params);
    params.DeleteCallback = Deleted;
    ExDeleteTimer(t, FALSE, FALSE, &params);
    wait_nonzero(&deleted);
    sleep_ms(50);
    ok(fired_now() == 1, "fired %ld times after the delete\n", (long)fired_now());
    ok(deleted_now() == 1, "delete callback ran %ld times\n", (long)deleted_now());
}

/* Deleting from the timer's own callback (Wait FALSE, at DISPATCH_LEVEL). */
static VOID DeleteSelf(PEX_TIMER Timer, PVOID Context)
{
    EXT_DELETE_PARAMETERS params;
    (void)Context;
    ExInitializeDeleteTimerParameters(&params);
    params.DeleteCallback = Deleted;
    ExDeleteTimer(Timer, TRUE, FALSE, &params);
    /* Disabled: further operations return FALSE and do nothing. */
    if (!ExSetTimer(Timer, -MS(1), 0, NULL) && !ExCancelTimer(Timer, NULL) &&
        !ExDeleteTimer(Timer, TRUE, FALSE, NULL))
        InterlockedIncrement(&fired);
}

TEST(delete_from_own_callback)
{
    PEX_TIMER t = ExAllocateTimer(DeleteSelf, NULL, 0);
    fired = 0;
    deleted = 0;
    ExSetTimer(t, -MS(5), MS(5), NULL);
    wait_nonzero(&deleted);
    sleep_ms(30);
    ok(deleted_now() == 1, "delete callback ran %ld times\n", (long)deleted_now());
    ok(fired_now() == 1, "callback ran %ld times (or a disabled timer accepted an operation)\n",
       (long)fired_now());
}

TEST(unknown_attribute_fails)
{
    ok(ExAllocateTimer(Count, NULL, 0x1) == NULL, "an undocumented attribute was accepted\n");
}

TEST(high_resolution_and_no_wake_bugcheck)
{
    expect_bugcheck_params(0xC4, BUGCHECK_PALL, 0x1050, 1,
                           EX_TIMER_HIGH_RESOLUTION | EX_TIMER_NO_WAKE,
                           EX_TIMER_HIGH_RESOLUTION | EX_TIMER_NO_WAKE);
    ExAllocateTimer(Count, NULL, EX_TIMER_HIGH_RESOLUTION | EX_TIMER_NO_WAKE);
}

TEST(high_resolution_absolute_due_time_bugchecks)
{
    PEX_TIMER t = ExAllocateTimer(Count, NULL, EX_TIMER_HIGH_RESOLUTION);
    LARGE_INTEGER now;
    KeQuerySystemTime(&now);
    expect_bugcheck_params(0xC4, BUGCHECK_PALL, 0x1050, 2, t, now.QuadPart + MS(100));
    ExSetTimer(t, now.QuadPart + MS(100), 0, NULL);
}

TEST(high_resolution_due_time_zero_bugchecks)
{
    PEX_TIMER t = ExAllocateTimer(Count, NULL, EX_TIMER_HIGH_RESOLUTION);
    expect_bugcheck_params(0xC4, BUGCHECK_PALL, 0x1050, 2, t, 0);
    ExSetTimer(t, 0, 0, NULL);
}

TEST(period_above_maxlong_bugchecks)
{
    PEX_TIMER t = ExAllocateTimer(Count, NULL, 0);
    expect_bugcheck_params(0xC4, BUGCHECK_PALL, 0x1050, 4, t, (LONGLONG)MAXLONG + 1);
    ExSetTimer(t, -MS(100), (LONGLONG)MAXLONG + 1, NULL);
}

TEST(wait_without_cancel_bugchecks)
{
    PEX_TIMER t = ExAllocateTimer(Count, NULL, 0);
    expect_bugcheck_params(0xC4, BUGCHECK_PALL, 0x1050, 3, t, 0);
    ExDeleteTimer(t, FALSE, TRUE, NULL);
}

TEST(set_above_dispatch_bugchecks)
{
    PEX_TIMER t = ExAllocateTimer(Count, NULL, 0);
    KIRQL old;
    expect_bugcheck_params(0xA, BUGCHECK_P1 | BUGCHECK_P2 | BUGCHECK_P3, t, DISPATCH_LEVEL + 1, 0,
                           0);
    KeRaiseIrql(DISPATCH_LEVEL + 1, &old);
    ExSetTimer(t, -MS(100), 0, NULL);
}

TEST(delete_waiting_at_dispatch_bugchecks)
{
    PEX_TIMER t = ExAllocateTimer(Count, NULL, 0);
    KIRQL old;
    expect_bugcheck_params(0xA, BUGCHECK_P1 | BUGCHECK_P2 | BUGCHECK_P3, t, DISPATCH_LEVEL, 0, 0);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    ExDeleteTimer(t, TRUE, TRUE, NULL);
}
