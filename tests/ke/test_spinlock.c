/* test_spinlock.c - spin locks, in-stack queued spin locks and their bug checks. */
#include <wdm.h>

#include "harness.h"

TEST(spinlock_irql)
{
    KSPIN_LOCK lock;
    KIRQL old;
    KeInitializeSpinLock(&lock);
    ok(KeTestSpinLock(&lock), "initialised lock is held\n");
    KeAcquireSpinLock(&lock, &old);
    ok(old == PASSIVE_LEVEL && KeGetCurrentIrql() == DISPATCH_LEVEL, "old %u now %u\n", old,
       KeGetCurrentIrql());
    ok(!KeTestSpinLock(&lock), "held lock reported free\n");
    ok(!KeTryToAcquireSpinLockAtDpcLevel(&lock), "try-acquire of a held lock succeeded\n");
    KeReleaseSpinLock(&lock, old);
    ok(KeGetCurrentIrql() == PASSIVE_LEVEL, "irql %u\n", KeGetCurrentIrql());
    ok(KeTestSpinLock(&lock), "released lock is held\n");
}

TEST(spinlock_at_dpc_level)
{
    KSPIN_LOCK lock;
    KIRQL old;
    KeInitializeSpinLock(&lock);
    old = KeRaiseIrqlToDpcLevel();
    KeAcquireSpinLockAtDpcLevel(&lock);
    ok(KeGetCurrentIrql() == DISPATCH_LEVEL, "irql %u\n", KeGetCurrentIrql());
    KeReleaseSpinLockFromDpcLevel(&lock);
    ok(KeTryToAcquireSpinLockAtDpcLevel(&lock), "try-acquire of a free lock failed\n");
    KeReleaseSpinLockFromDpcLevel(&lock);
    KeLowerIrql(old);
}

TEST(in_stack_queued_spinlock)
{
    KSPIN_LOCK lock;
    KLOCK_QUEUE_HANDLE handle, inner;
    KeInitializeSpinLock(&lock);
    KeAcquireInStackQueuedSpinLock(&lock, &handle);
    ok(handle.OldIrql == PASSIVE_LEVEL && KeGetCurrentIrql() == DISPATCH_LEVEL, "irql %u\n",
       KeGetCurrentIrql());
    ok(!KeTestSpinLock(&lock), "held lock reported free\n");
    KeReleaseInStackQueuedSpinLock(&handle);
    ok(KeGetCurrentIrql() == PASSIVE_LEVEL && KeTestSpinLock(&lock), "not released\n");
    KeRaiseIrql(DISPATCH_LEVEL, &handle.OldIrql);
    KeAcquireInStackQueuedSpinLockAtDpcLevel(&lock, &inner);
    KeReleaseInStackQueuedSpinLockFromDpcLevel(&inner);
    KeLowerIrql(handle.OldIrql);
    ok(KeTestSpinLock(&lock), "not released\n");
}

TEST(spinlock_recursive_bugchecks)
{
    KSPIN_LOCK lock;
    KIRQL old, again;
    KeInitializeSpinLock(&lock);
    KeAcquireSpinLock(&lock, &old);
    expect_bugcheck_p1(0x0F, (ULONG_PTR)&lock); /* SPIN_LOCK_ALREADY_OWNED */
    KeAcquireSpinLock(&lock, &again);
}

TEST(spinlock_release_not_owned_bugchecks)
{
    KSPIN_LOCK lock;
    KeInitializeSpinLock(&lock);
    expect_bugcheck_p1(0x10, (ULONG_PTR)&lock); /* SPIN_LOCK_NOT_OWNED */
    KeReleaseSpinLock(&lock, PASSIVE_LEVEL);
}

TEST(spinlock_above_dispatch_bugchecks)
{
    KSPIN_LOCK lock;
    KIRQL old, ignored;
    KeInitializeSpinLock(&lock);
    KeRaiseIrql(HIGH_LEVEL, &old);
    /* raising to DISPATCH_LEVEL from above: IRQL_NOT_GREATER_OR_EQUAL, the current IRQL */
    expect_bugcheck_p1(0x9, HIGH_LEVEL);
    KeAcquireSpinLock(&lock, &ignored);
}

/* Every processor's DPC and this thread increment one counter under the lock. */
#define ROUNDS 20000
static KSPIN_LOCK counter_lock;
static LONG counter;

static VOID count_dpc(PKDPC Dpc, PVOID Context, PVOID Arg1, PVOID Arg2)
{
    (void)Dpc, (void)Context, (void)Arg1, (void)Arg2;
    for (int i = 0; i < ROUNDS; i++) {
        KeAcquireSpinLockAtDpcLevel(&counter_lock);
        counter++;
        KeReleaseSpinLockFromDpcLevel(&counter_lock);
    }
}

TEST(spinlock_mutual_exclusion)
{
    static KDPC dpcs[64];
    ULONG n = KeQueryActiveProcessorCount(NULL);
    KIRQL old;
    KeInitializeSpinLock(&counter_lock);
    for (ULONG i = 0; i < n && i < 64; i++) {
        KeInitializeDpc(&dpcs[i], count_dpc, NULL);
        KeSetTargetProcessorDpc(&dpcs[i], (CCHAR)i);
        ok(KeInsertQueueDpc(&dpcs[i], NULL, NULL), "DPC %lu not queued\n", (unsigned long)i);
    }
    for (int i = 0; i < ROUNDS; i++) {
        KeAcquireSpinLock(&counter_lock, &old);
        counter++;
        KeReleaseSpinLock(&counter_lock, old);
    }
    KeFlushQueuedDpcs();
    ok(counter == (LONG)(ROUNDS * ((n < 64 ? n : 64) + 1)), "counter %ld\n", (long)counter);
}

/* The AtDpcLevel forms below DISPATCH_LEVEL: Driver Verifier's 0xC4/0x40 (acquire), 0x41
 * (release), with the current IRQL and the lock. */
TEST(acquire_at_dpc_level_below_dispatch_is_0xc4_0x40)
{
    static KSPIN_LOCK lock;
    KeInitializeSpinLock(&lock);
    expect_bugcheck_p1(0xC4, 0x40);
    KeAcquireSpinLockAtDpcLevel(&lock);
}

TEST(release_from_dpc_level_below_dispatch_is_0xc4_0x41)
{
    static KSPIN_LOCK lock;
    KIRQL old;
    KeInitializeSpinLock(&lock);
    KeAcquireSpinLock(&lock, &old);
    KeLowerIrql(PASSIVE_LEVEL);
    expect_bugcheck_p1(0xC4, 0x41);
    KeReleaseSpinLockFromDpcLevel(&lock);
}

/* KeAcquireSpinLockRaiseToDpc: returns the IRQL it raised from, runs at DISPATCH_LEVEL with the
 * lock held (KeTestSpinLock says busy), and KeReleaseSpinLock restores the returned IRQL. */
TEST(acquire_raise_to_dpc)
{
    KSPIN_LOCK lock;
    KIRQL old, apc;
    KeInitializeSpinLock(&lock);
    old = KeAcquireSpinLockRaiseToDpc(&lock);
    ok(old == PASSIVE_LEVEL, "returned %u\n", old);
    ok(KeGetCurrentIrql() == DISPATCH_LEVEL, "IRQL %u\n", KeGetCurrentIrql());
    ok(!KeTestSpinLock(&lock), "lock not held\n");
    KeReleaseSpinLock(&lock, old);
    ok(KeGetCurrentIrql() == PASSIVE_LEVEL && KeTestSpinLock(&lock), "not released\n");
    KeRaiseIrql(APC_LEVEL, &apc);
    old = KeAcquireSpinLockRaiseToDpc(&lock);
    ok(old == APC_LEVEL, "from APC_LEVEL: returned %u\n", old);
    KeReleaseSpinLock(&lock, old);
    ok(KeGetCurrentIrql() == APC_LEVEL, "IRQL %u after release\n", KeGetCurrentIrql());
    KeLowerIrql(apc);
}

/* Raising to DISPATCH_LEVEL from above it is a lowering: IRQL_NOT_GREATER_OR_EQUAL, parameter 1
 * the current IRQL. */
TEST(acquire_raise_to_dpc_above_dispatch)
{
    KSPIN_LOCK lock;
    KIRQL old;
    KeInitializeSpinLock(&lock);
    KeRaiseIrql(HIGH_LEVEL, &old);
    expect_bugcheck_p1(0x9, HIGH_LEVEL);
    KeAcquireSpinLockRaiseToDpc(&lock);
}
