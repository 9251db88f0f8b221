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
    expect_bugcheck(0xC4); /* 0xEA */
    ExAcquirePushLockExclusive(&lock);
}
