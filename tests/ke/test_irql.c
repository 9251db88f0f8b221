/* test_irql.c - IRQL rules, threads and processors, and the bug checks that end in a stop. */
#include <wdm.h>

#include "harness.h"

TEST(irql_raise_lower)
{
    KIRQL old;
    ok(KeGetCurrentIrql() == PASSIVE_LEVEL, "irql %u\n", KeGetCurrentIrql());
    KeRaiseIrql(APC_LEVEL, &old);
    ok(old == PASSIVE_LEVEL && KeGetCurrentIrql() == APC_LEVEL, "old %u now %u\n", old,
       KeGetCurrentIrql());
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    ok(old == APC_LEVEL && KeGetCurrentIrql() == DISPATCH_LEVEL, "old %u\n", old);
    KeLowerIrql(old);
    KeLowerIrql(PASSIVE_LEVEL);
    ok(KeGetCurrentIrql() == PASSIVE_LEVEL, "irql %u\n", KeGetCurrentIrql());
    old = KeRaiseIrqlToDpcLevel();
    ok(old == PASSIVE_LEVEL && KeGetCurrentIrql() == DISPATCH_LEVEL, "old %u\n", old);
    KeLowerIrql(old);
    old = KfRaiseIrql(HIGH_LEVEL);
    ok(old == PASSIVE_LEVEL && KeGetCurrentIrql() == HIGH_LEVEL, "old %u\n", old);
    KfLowerIrql(old);
    ok(KeGetCurrentIrql() == PASSIVE_LEVEL, "irql %u\n", KeGetCurrentIrql());
}

TEST(irql_raise_to_lower_level_bugchecks)
{
    KIRQL old;
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    expect_bugcheck_p1(0x9, DISPATCH_LEVEL); /* IRQL_NOT_GREATER_OR_EQUAL: the current IRQL */
    KeRaiseIrql(APC_LEVEL, &old);
}

TEST(irql_lower_to_higher_level_bugchecks)
{
    expect_bugcheck_p1(0xA, DISPATCH_LEVEL); /* IRQL_NOT_LESS_OR_EQUAL: the requested IRQL */
    KeLowerIrql(DISPATCH_LEVEL);
}

static void paged_routine(void)
{
    PAGED_CODE();
}

TEST(paged_code_at_dispatch_bugchecks)
{
    KIRQL old;
    paged_routine(); /* fine at PASSIVE_LEVEL */
    KeRaiseIrql(APC_LEVEL, &old);
    paged_routine(); /* and at APC_LEVEL */
    KeLowerIrql(old);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    /* Parameter 1: the address executed, the return address inside paged_routine. */
    expect_bugcheck_p1_in(0xA, (ULONG_PTR)paged_routine, (ULONG_PTR)paged_routine + 0x200);
    paged_routine();
}

TEST(apcs_disabled)
{
    KIRQL old;
    ok(!KeAreApcsDisabled(), "APCs disabled at PASSIVE_LEVEL\n");
    KeEnterCriticalRegion();
    ok(KeAreApcsDisabled(), "critical region does not disable APCs\n");
    ok(!KeAreAllApcsDisabled(), "critical region disables special APCs\n");
    KeLeaveCriticalRegion();
    ok(!KeAreApcsDisabled(), "still disabled after KeLeaveCriticalRegion\n");
    KeRaiseIrql(APC_LEVEL, &old);
    ok(KeAreApcsDisabled() && KeAreAllApcsDisabled(), "APC_LEVEL does not disable APCs\n");
    KeLowerIrql(old);
}

TEST(threads_and_processors)
{
    KAFFINITY affinity = 0;
    PROCESSOR_NUMBER number;
    ULONG count = KeQueryActiveProcessorCount(&affinity);
    PKTHREAD thread = KeGetCurrentThread();
    ok(count >= 1, "count %lu\n", (unsigned long)count);
    ok(affinity == KeQueryActiveProcessors(), "affinity %llx\n", (unsigned long long)affinity);
    ok((ULONG)__builtin_popcountll(affinity) == count, "affinity %llx count %lu\n",
       (unsigned long long)affinity, (unsigned long)count);
    ok(KeQueryActiveProcessorCountEx(ALL_PROCESSOR_GROUPS) == count, "Ex(all) differs\n");
    ok(KeQueryActiveProcessorCountEx(0) == count, "Ex(0) differs\n");
    ok(KeGetCurrentProcessorNumberEx(&number) < count, "processor out of range\n");
    ok(number.Group == 0 && number.Number == KeGetCurrentProcessorNumber(), "number %u\n",
       number.Number);
    /* One group: the system-wide index is below the count of all groups and is the number. */
    ok(KeGetCurrentProcessorIndex() < KeQueryActiveProcessorCountEx(ALL_PROCESSOR_GROUPS),
       "index %lu\n", (unsigned long)KeGetCurrentProcessorIndex());
    ok(KeGetCurrentProcessorIndex() == KeGetCurrentProcessorNumberEx(NULL), "index differs\n");
    ok(thread != NULL && thread == KeGetCurrentThread(), "thread %p\n", (void *)thread);
    ok((PKTHREAD)PsGetCurrentThread() == thread, "PsGetCurrentThread differs\n");
    ok(PsGetCurrentThreadId() != NULL && PsGetCurrentProcessId() != NULL, "null ids\n");
}

TEST(thread_priority)
{
    PKTHREAD thread = KeGetCurrentThread();
    KPRIORITY initial = KeQueryPriorityThread(thread);
    ok(KeSetPriorityThread(thread, LOW_REALTIME_PRIORITY) == initial, "old priority\n");
    ok(KeQueryPriorityThread(thread) == LOW_REALTIME_PRIORITY, "priority %ld\n",
       (long)KeQueryPriorityThread(thread));
    ok(KeSetPriorityThread(thread, initial) == LOW_REALTIME_PRIORITY, "old priority\n");
}

TEST(bugcheck_ex_reaches_handler)
{
    expect_bugcheck_p1(0xE2, 1); /* MANUALLY_INITIATED_CRASH */
    KeBugCheckEx(0xE2, 1, 2, 3, 4);
}

TEST(assert_bugchecks_with_breakpoint)
{
    volatile int zero = 0;
    ASSERT(zero == 0);
    expect_bugcheck_p1(0x1E, (ULONG)STATUS_BREAKPOINT); /* KMODE_EXCEPTION_NOT_HANDLED */
    ASSERT(zero == 1);
}

TEST(dbg_break_point_bugchecks)
{
    expect_bugcheck_p1(0x1E, (ULONG)STATUS_BREAKPOINT);
    DbgBreakPoint();
}

TEST(corrupt_list_fails_fast)
{
    LIST_ENTRY head, entry;
    InitializeListHead(&head);
    InsertTailList(&head, &entry);
    entry.Blink = &entry;         /* corrupt */
    expect_bugcheck_p1(0x139, 3); /* KERNEL_SECURITY_CHECK_FAILURE: LIST_ENTRY corrupt */
    RemoveEntryList(&entry);
}

/* KeLeaveCriticalRegion without KeEnterCriticalRegion: Driver Verifier's 0xC4/0x3E. */
TEST(leave_critical_region_not_entered_is_0xc4_0x3e)
{
    KeEnterCriticalRegion();
    KeLeaveCriticalRegion();
    ok(!KeAreApcsDisabled(), "balanced enter and leave");
    expect_bugcheck_p1(0xC4, 0x3E);
    KeLeaveCriticalRegion();
}
