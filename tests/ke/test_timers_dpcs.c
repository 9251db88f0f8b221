/* test_timers_dpcs.c - DPC queues and timers: queuing rules, importance, IRQL of a DPC,
 * one-shot and periodic timers, the clocks. */
#include <wdm.h>

#include "harness.h"

#define MS(n) ((LONGLONG)(n)*10000)

static void sleep_ms(LONG ms)
{
    LARGE_INTEGER interval = {.QuadPart = -MS(ms)};
    KeDelayExecutionThread(KernelMode, FALSE, &interval);
}

/* A DPC that keeps processor 0's DPC thread busy until released, so that DPCs queued behind
 * it stay queued while the test looks at them. */
static LONG blocker_release, blocker_started;

static VOID blocker_dpc(PKDPC Dpc, PVOID Context, PVOID Arg1, PVOID Arg2)
{
    (void)Dpc, (void)Context, (void)Arg1, (void)Arg2;
    InterlockedExchange(&blocker_started, 1);
    while (!InterlockedOr(&blocker_release, 0))
        KeStallExecutionProcessor(100);
}

static void block_processor0(PKDPC blocker)
{
    KeInitializeDpc(blocker, blocker_dpc, NULL);
    KeSetTargetProcessorDpc(blocker, 0);
    InterlockedExchange(&blocker_release, 0);
    InterlockedExchange(&blocker_started, 0);
    KeInsertQueueDpc(blocker, NULL, NULL);
    while (!InterlockedOr(&blocker_started, 0))
        sleep_ms(1);
}

static LONG order[8], order_count;
static KIRQL dpc_irql;
static ULONG dpc_processor;
static PVOID dpc_args[2];

static VOID record_dpc(PKDPC Dpc, PVOID Context, PVOID Arg1, PVOID Arg2)
{
    (void)Dpc;
    dpc_irql = KeGetCurrentIrql();
    dpc_processor = KeGetCurrentProcessorNumber();
    dpc_args[0] = Arg1;
    dpc_args[1] = Arg2;
    order[InterlockedIncrement(&order_count) - 1] = (LONG)(LONG_PTR)Context;
}

TEST(dpc_initialize)
{
    KDPC dpc;
    memset(&dpc, 0xAA, sizeof(dpc));
    KeInitializeDpc(&dpc, record_dpc, (PVOID)7);
    ok(dpc.Type == DpcObject, "type %u\n", dpc.Type);
    ok(dpc.Importance == MediumImportance, "importance %u\n", dpc.Importance);
    ok(dpc.Number == 0 && dpc.DpcData == NULL, "number %u data %p\n", dpc.Number, dpc.DpcData);
    ok(dpc.DeferredRoutine == record_dpc && dpc.DeferredContext == (PVOID)7, "routine\n");
    KeInitializeThreadedDpc(&dpc, record_dpc, NULL);
    ok(dpc.Type == ThreadedDpcObject, "type %u\n", dpc.Type);
}

TEST(dpc_insert_twice_and_remove)
{
    KDPC blocker, dpc;
    block_processor0(&blocker);
    order_count = 0;
    KeInitializeDpc(&dpc, record_dpc, (PVOID)1);
    KeSetTargetProcessorDpc(&dpc, 0);
    ok(KeInsertQueueDpc(&dpc, (PVOID)0x11, (PVOID)0x22), "first insert failed\n");
    ok(!KeInsertQueueDpc(&dpc, NULL, NULL), "second insert of a queued DPC succeeded\n");
    ok(KeRemoveQueueDpc(&dpc), "remove of a queued DPC failed\n");
    ok(!KeRemoveQueueDpc(&dpc), "remove of a DPC not queued succeeded\n");
    ok(KeInsertQueueDpc(&dpc, (PVOID)0x33, (PVOID)0x44), "insert after remove failed\n");
    InterlockedExchange(&blocker_release, 1);
    KeFlushQueuedDpcs();
    ok(order_count == 1, "DPC ran %ld times\n", (long)order_count);
    ok(dpc_irql == DISPATCH_LEVEL, "DPC ran at IRQL %u\n", dpc_irql);
    ok(dpc_processor == 0, "DPC ran on processor %lu\n", (unsigned long)dpc_processor);
    ok(dpc_args[0] == (PVOID)0x33 && dpc_args[1] == (PVOID)0x44, "arguments %p %p\n", dpc_args[0],
       dpc_args[1]);
    ok(!KeRemoveQueueDpc(&dpc), "remove after run succeeded\n");
}

TEST(dpc_high_importance_runs_first)
{
    KDPC blocker, medium, high;
    block_processor0(&blocker);
    order_count = 0;
    KeInitializeDpc(&medium, record_dpc, (PVOID)1);
    KeInitializeDpc(&high, record_dpc, (PVOID)2);
    KeSetTargetProcessorDpc(&medium, 0);
    KeSetTargetProcessorDpc(&high, 0);
    KeSetImportanceDpc(&high, HighImportance);
    KeInsertQueueDpc(&medium, NULL, NULL);
    KeInsertQueueDpc(&high, NULL, NULL);
    InterlockedExchange(&blocker_release, 1);
    KeFlushQueuedDpcs();
    ok(order_count == 2 && order[0] == 2 && order[1] == 1, "order %ld %ld (%ld)\n", (long)order[0],
       (long)order[1], (long)order_count);
}

static VOID lowering_dpc(PKDPC Dpc, PVOID Context, PVOID Arg1, PVOID Arg2)
{
    (void)Dpc, (void)Context, (void)Arg1, (void)Arg2;
    KeLowerIrql(PASSIVE_LEVEL);
}

TEST(dpc_returning_at_wrong_irql_bugchecks)
{
    KDPC dpc;
    KeInitializeDpc(&dpc, lowering_dpc, NULL);
    /* IRQL_UNEXPECTED_VALUE: PASSIVE_LEVEL << 16 | DISPATCH_LEVEL << 8 | 2 */
    expect_bugcheck_p1(0xC8, (PASSIVE_LEVEL << 16) | (DISPATCH_LEVEL << 8) | 2);
    KeInsertQueueDpc(&dpc, NULL, NULL);
    sleep_ms(10000);
}

static LONG slow_done;

static VOID slow_dpc(PKDPC Dpc, PVOID Context, PVOID Arg1, PVOID Arg2)
{
    (void)Dpc, (void)Context, (void)Arg1, (void)Arg2;
    KeStallExecutionProcessor(50000);
    InterlockedExchange(&slow_done, 1);
}

TEST(flush_waits_for_running_dpc)
{
    KDPC dpc;
    KeInitializeDpc(&dpc, slow_dpc, NULL);
    KeInsertQueueDpc(&dpc, NULL, NULL);
    KeFlushQueuedDpcs();
    ok(InterlockedOr(&slow_done, 0) == 1, "KeFlushQueuedDpcs returned before the DPC ended\n");
}

TEST(timer_set_and_cancel)
{
    KTIMER timer;
    LARGE_INTEGER due = {.QuadPart = -MS(10000)};
    KeInitializeTimer(&timer);
    ok(timer.Header.Type == TimerNotificationObject, "type %u\n", timer.Header.Type);
    ok(!KeSetTimer(&timer, due, NULL), "a new timer was already set\n");
    ok(KeSetTimer(&timer, due, NULL), "re-setting a set timer returned FALSE\n");
    ok(KeCancelTimer(&timer), "cancel of a set timer returned FALSE\n");
    ok(!KeCancelTimer(&timer), "cancel of a cancelled timer returned TRUE\n");
    ok(!KeReadStateTimer(&timer), "cancelled timer is signalled\n");
}

static KEVENT timer_event;

static VOID timer_dpc(PKDPC Dpc, PVOID Context, PVOID Arg1, PVOID Arg2)
{
    (void)Dpc, (void)Context;
    dpc_irql = KeGetCurrentIrql();
    dpc_args[0] = Arg1;
    dpc_args[1] = Arg2;
    KeSetEvent(&timer_event, IO_NO_INCREMENT, FALSE);
}

TEST(timer_dpc_gets_system_time)
{
    KTIMER timer;
    KDPC dpc;
    LARGE_INTEGER before, after, due = {.QuadPart = -MS(20)}, timeout = {.QuadPart = -MS(5000)};
    KeInitializeEvent(&timer_event, NotificationEvent, FALSE);
    KeInitializeDpc(&dpc, timer_dpc, NULL);
    KeInitializeTimer(&timer);
    KeQuerySystemTime(&before);
    KeSetTimer(&timer, due, &dpc);
    ok_status(KeWaitForSingleObject(&timer_event, Executive, KernelMode, FALSE, &timeout),
              STATUS_SUCCESS);
    KeQuerySystemTime(&after);
    LARGE_INTEGER fired;
    fired.LowPart = (ULONG)(ULONG_PTR)dpc_args[0];
    fired.HighPart = (LONG)(ULONG_PTR)dpc_args[1];
    ok(fired.QuadPart >= before.QuadPart + MS(20) && fired.QuadPart <= after.QuadPart,
       "expiry time %lld not in [%lld, %lld]\n", (long long)fired.QuadPart,
       (long long)before.QuadPart + MS(20), (long long)after.QuadPart);
    ok(dpc_irql == DISPATCH_LEVEL, "timer DPC at IRQL %u\n", dpc_irql);
    ok(KeReadStateTimer(&timer), "expired timer not signalled\n");
    ok(!KeCancelTimer(&timer), "expired one-shot timer still set\n");
    KeFlushQueuedDpcs();
}

/* A periodic timer whose DPC cancels it on the third expiry. */
static KTIMER periodic;
static LONG periodic_calls, cancel_result = -1;

static VOID periodic_dpc(PKDPC Dpc, PVOID Context, PVOID Arg1, PVOID Arg2)
{
    (void)Dpc, (void)Context, (void)Arg1, (void)Arg2;
    if (InterlockedIncrement(&periodic_calls) == 3)
        InterlockedExchange(&cancel_result, KeCancelTimer(&periodic));
}

TEST(periodic_timer_cancelled_from_its_dpc)
{
    KDPC dpc;
    LARGE_INTEGER due = {.QuadPart = -MS(10)};
    KeInitializeDpc(&dpc, periodic_dpc, NULL);
    KeInitializeTimerEx(&periodic, NotificationTimer);
    ok(!KeSetTimerEx(&periodic, due, 20, &dpc), "new timer was set\n");
    for (int i = 0; i < 500 && InterlockedOr(&cancel_result, 0) == -1; i++)
        sleep_ms(2);
    ok(cancel_result == TRUE, "KeCancelTimer from the DPC returned %ld\n", (long)cancel_result);
    sleep_ms(100);
    KeFlushQueuedDpcs();
    LONG calls = InterlockedOr(&periodic_calls, 0);
    /* An expiry already queued when the DPC cancelled may still run once. */
    ok(calls == 3 || calls == 4, "DPC ran %ld times\n", (long)calls);
    sleep_ms(100);
    ok(InterlockedOr(&periodic_calls, 0) == calls, "periodic timer still running\n");
    ok(!KeCancelTimer(&periodic), "timer still set\n");
}

/* The clocks, by the properties a driver can rely on rather than this implementation's own
 * constants: the performance counter is monotonic at a constant frequency, and counter ticks
 * divided by the frequency measure the same elapsed time as the interrupt time; the tick count
 * times KeQueryTimeIncrement is the interrupt time; the system time is in the right epoch and
 * the precise forms see intervals far shorter than a clock tick. */
TEST(clocks)
{
    LARGE_INTEGER frequency, frequency2, ticks, now;
    LARGE_INTEGER counter = KeQueryPerformanceCounter(&frequency);
    ULONGLONG interrupt = KeQueryInterruptTime();
    ULONG increment = KeQueryTimeIncrement();
    ok(frequency.QuadPart > 0, "frequency %lld\n", (long long)frequency.QuadPart);
    ok(counter.QuadPart > 0, "counter %lld\n", (long long)counter.QuadPart);
    ok(increment > 0 && increment <= 10000000, "increment %lu\n", (unsigned long)increment);
    KeQueryTickCount(&ticks);
    ok(increment != 0 && (ULONGLONG)ticks.QuadPart <= interrupt / increment + 1 &&
           (ULONGLONG)ticks.QuadPart + 1 >= interrupt / increment,
       "ticks %lld interrupt time %llu increment %lu\n", (long long)ticks.QuadPart, interrupt,
       (unsigned long)increment);
    KeQuerySystemTime(&now);
    /* 2020-01-01 in 100 ns units since 1601: the clock is in the right epoch. */
    ok(now.QuadPart > 132223104000000000LL, "system time %lld\n", (long long)now.QuadPart);

    /* Elapsed counter ticks / frequency = elapsed interrupt time (100 ns), within 10 %. */
    LARGE_INTEGER c0 = KeQueryPerformanceCounter(NULL);
    ULONGLONG i0 = KeQueryInterruptTime();
    sleep_ms(100);
    LARGE_INTEGER c1 = KeQueryPerformanceCounter(&frequency2);
    ULONGLONG i1 = KeQueryInterruptTime();
    ok(frequency2.QuadPart == frequency.QuadPart, "frequency changed: %lld then %lld\n",
       (long long)frequency.QuadPart, (long long)frequency2.QuadPart);
    ok(c1.QuadPart > c0.QuadPart, "counter not monotonic: %lld then %lld\n", (long long)c0.QuadPart,
       (long long)c1.QuadPart);
    double by_counter = (double)(c1.QuadPart - c0.QuadPart) * 1e7 / (double)frequency.QuadPart;
    double by_clock = (double)(i1 - i0);
    ok(by_clock >= 1000000 && by_counter > by_clock * 0.9 && by_counter < by_clock * 1.1,
       "100 ms: counter says %.0f, interrupt time %.0f (100 ns units)\n", by_counter, by_clock);

    /* KeQueryInterruptTimePrecise: its time stamp is a performance-counter reading. */
    LARGE_INTEGER before = KeQueryPerformanceCounter(NULL);
    ULONG64 qpc = 0;
    ULONGLONG precise = KeQueryInterruptTimePrecise(&qpc);
    LARGE_INTEGER after = KeQueryPerformanceCounter(NULL);
    ok(precise >= i1 && qpc >= (ULONG64)before.QuadPart && qpc <= (ULONG64)after.QuadPart,
       "precise %llu qpc %llu between %lld and %lld\n", precise, (unsigned long long)qpc,
       (long long)before.QuadPart, (long long)after.QuadPart);

    /* KeQuerySystemTimePrecise: the system time, seeing a 300 us stall (far below a tick). */
    LARGE_INTEGER p0, p1, coarse;
    KeQuerySystemTimePrecise(&p0);
    KeStallExecutionProcessor(300);
    KeQuerySystemTimePrecise(&p1);
    KeQuerySystemTime(&coarse);
    ok(p1.QuadPart - p0.QuadPart >= 3000 && p1.QuadPart - p0.QuadPart < 10000000,
       "precise system time moved %lld across a 300 us stall\n",
       (long long)(p1.QuadPart - p0.QuadPart));
    ok(p0.QuadPart > 132223104000000000LL && coarse.QuadPart >= p0.QuadPart - (LONGLONG)increment,
       "precise %lld, KeQuerySystemTime %lld\n", (long long)p0.QuadPart,
       (long long)coarse.QuadPart);

    ULONGLONG start = KeQueryInterruptTime();
    KeStallExecutionProcessor(2000);
    ok(KeQueryInterruptTime() - start >= 20000, "stall too short\n");
}

/* KeSetTimer requires IRQL <= DISPATCH_LEVEL: above it, 0xA with the timer as parameter 1. */
TEST(set_timer_above_dispatch_is_0xa)
{
    static KTIMER timer;
    LARGE_INTEGER due = {.QuadPart = -10000};
    KIRQL old;
    KeInitializeTimer(&timer);
    KeRaiseIrql(HIGH_LEVEL, &old);
    expect_bugcheck_p1(0xA, (ULONG_PTR)&timer);
    KeSetTimer(&timer, due, NULL);
}

static VOID mark_dpc(PKDPC Dpc, PVOID Context, PVOID Arg1, PVOID Arg2)
{
    UNREFERENCED_PARAMETER(Dpc);
    UNREFERENCED_PARAMETER(Arg1);
    UNREFERENCED_PARAMETER(Arg2);
    InterlockedExchange((volatile LONG *)Context, 1);
}

/* Deviation, pinned (docs/architecture.md, "Threads and IRQL"): IRQL is per thread, so a DPC
 * targeted at the processor a thread at DISPATCH_LEVEL reports runs at once on that processor's
 * DPC thread. On Windows it would wait until the thread lowers its IRQL. */
TEST(dpc_runs_beside_a_thread_at_dispatch_level_on_its_processor_deviation)
{
    static KDPC dpc;
    static volatile LONG ran;
    LARGE_INTEGER start;
    KIRQL old;
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    KeInitializeDpc(&dpc, mark_dpc, (PVOID)&ran);
    KeSetTargetProcessorDpc(&dpc, (CCHAR)KeGetCurrentProcessorNumber());
    ok(KeInsertQueueDpc(&dpc, NULL, NULL), "queued");
    KeQuerySystemTime(&start);
    for (;;) { /* up to 5 s at DISPATCH_LEVEL, polling */
        LARGE_INTEGER now;
        KeQuerySystemTime(&now);
        if (InterlockedCompareExchange(&ran, 1, 1) == 1 || now.QuadPart - start.QuadPart > 50000000)
            break;
    }
    ok(ran == 1, "the DPC waited for this thread's IRQL: the deviation is gone (update the docs)");
    KeLowerIrql(old);
    KeFlushQueuedDpcs();
}
