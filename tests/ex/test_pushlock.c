/*
 * test_pushlock.c - push locks: exclusion between system threads, shared holders together, the
 * Try forms, and the APC check (0xC4 / 0xEA).
 */
#include <wdm.h>

#include "systhread.h"
#include "harness.h"

static EX_PUSH_LOCK lock;
static LONG plain;

static VOID Bump(PVOID Context)
{
    (void)Context;
    KeEnterCriticalRegion();
    for (int i = 0; i < 5000; i++) {
        ExAcquirePushLockExclusive(&lock);
        plain++;
        ExReleasePushLockExclusive(&lock);
        ExAcquirePushLockShared(&lock);
        (void)plain;
        ExReleasePushLockShared(&lock);
    }
    KeLeaveCriticalRegion();
}

TEST(exclusion)
{
    PKTHREAD t[3];
    ExInitializePushLock(&lock);
    for (int i = 0; i < 3; i++)
        t[i] = start_thread(Bump, NULL);
    for (int i = 0; i < 3; i++)
        join_thread(t[i]);
    ok(plain == 15000, "counter %ld", (long)plain);
}

TEST(try_forms)
{
    ExInitializePushLock(&lock);
    KeEnterCriticalRegion();
    ExAcquirePushLockShared(&lock);
    ok(ExTryAcquirePushLockShared(&lock), "second shared holder");
    ok(!ExTryAcquirePushLockExclusive(&lock), "exclusive while shared");
    ExReleasePushLockShared(&lock);
    ExReleasePushLockShared(&lock);
    ok(ExTryAcquirePushLockExclusive(&lock), "exclusive on a free lock");
    ok(!ExTryAcquirePushLockShared(&lock), "shared while exclusive");
    ExReleasePushLockExclusive(&lock);
    KeLeaveCriticalRegion();
}

TEST(apcs_enabled)
{
    ExInitializePushLock(&lock);
    expect_bugcheck_p1(0xC4, 0xEA);
    ExAcquirePushLockExclusive(&lock);
}

/* The Ex forms with EX_DEFAULT_PUSH_LOCK_FLAGS (0, the only value documented): exclusive
 * excludes shared and exclusive, shared admits shared. */
TEST(ex_forms)
{
    ExInitializePushLock(&lock);
    KeEnterCriticalRegion();
    ExAcquirePushLockExclusiveEx(&lock, EX_DEFAULT_PUSH_LOCK_FLAGS);
    ok(!ExTryAcquirePushLockSharedEx(&lock, EX_DEFAULT_PUSH_LOCK_FLAGS), "shared while exclusive");
    ok(!ExTryAcquirePushLockExclusiveEx(&lock, EX_DEFAULT_PUSH_LOCK_FLAGS),
       "exclusive while exclusive");
    ExReleasePushLockExclusiveEx(&lock, EX_DEFAULT_PUSH_LOCK_FLAGS);
    ExAcquirePushLockSharedEx(&lock, EX_DEFAULT_PUSH_LOCK_FLAGS);
    ok(ExTryAcquirePushLockSharedEx(&lock, EX_DEFAULT_PUSH_LOCK_FLAGS), "second shared holder");
    ok(!ExTryAcquirePushLockExclusiveEx(&lock, EX_DEFAULT_PUSH_LOCK_FLAGS),
       "exclusive while shared");
    ExReleasePushLockSharedEx(&lock, EX_DEFAULT_PUSH_LOCK_FLAGS);
    ok(!ExTryAcquirePushLockExclusiveEx(&lock, EX_DEFAULT_PUSH_LOCK_FLAGS),
       "exclusive with one shared holder left");
    ExReleasePushLockSharedEx(&lock, EX_DEFAULT_PUSH_LOCK_FLAGS);
    ok(ExTryAcquirePushLockExclusiveEx(&lock, EX_DEFAULT_PUSH_LOCK_FLAGS), "free lock refused");
    ExReleasePushLockExclusiveEx(&lock, EX_DEFAULT_PUSH_LOCK_FLAGS);
    KeLeaveCriticalRegion();
}

/* Exclusive means one holder at a time, also when two threads race for a free lock (their
 * critical sections are checked for overlap, not only their sum). */
static volatile LONG inside, overlaps;

static VOID Race(PVOID Context)
{
    (void)Context;
    KeEnterCriticalRegion();
    for (int i = 0; i < 20000; i++) {
        ExAcquirePushLockExclusive(&lock);
        if (InterlockedIncrement(&inside) != 1)
            InterlockedIncrement(&overlaps);
        for (volatile int spin = 0; spin < 20; spin++)
            ;
        InterlockedDecrement(&inside);
        ExReleasePushLockExclusive(&lock);
    }
    KeLeaveCriticalRegion();
}

TEST(exclusive_holders_never_overlap)
{
    PKTHREAD t[2];
    ExInitializePushLock(&lock);
    inside = overlaps = 0;
    for (int i = 0; i < 2; i++)
        t[i] = start_thread(Race, NULL);
    for (int i = 0; i < 2; i++)
        join_thread(t[i]);
    ok(overlaps == 0, "%ld acquisitions overlapped another holder", (long)overlaps);
}
