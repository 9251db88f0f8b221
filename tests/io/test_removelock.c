/*
 * test_removelock.c - remove locks: acquire and release, IoReleaseRemoveLockAndWait waiting for
 * a holder on another (system) thread, STATUS_DELETE_PENDING afterwards, and the free-build
 * layout the macros pass to the Ex routines. Expected values: Microsoft's documentation.
 */
#include <wdm.h>

#include "systhread.h"
#include "harness.h"

static IO_REMOVE_LOCK lock;
static KEVENT holding;
static volatile LONG released;

TEST(layout_and_simple_use)
{
    ok(sizeof(IO_REMOVE_LOCK) == 0x20, "sizeof %zu", sizeof(IO_REMOVE_LOCK));
    IoInitializeRemoveLock(&lock, 'tseT', 0, 0);
    ok_status(IoAcquireRemoveLock(&lock, NULL), STATUS_SUCCESS);
    ok_status(IoAcquireRemoveLock(&lock, (PVOID)1), STATUS_SUCCESS);
    IoReleaseRemoveLock(&lock, (PVOID)1);
    IoReleaseRemoveLock(&lock, NULL);
    ok_status(IoAcquireRemoveLock(&lock, NULL), STATUS_SUCCESS);
    IoReleaseRemoveLockAndWait(&lock, NULL);
    ok_status(IoAcquireRemoveLock(&lock, NULL), STATUS_DELETE_PENDING);
}

static VOID HoldThenRelease(PVOID Context)
{
    (void)Context;
    ok_status(IoAcquireRemoveLock(&lock, (PVOID)2), STATUS_SUCCESS);
    KeSetEvent(&holding, 0, FALSE);
    sleep_ms(100);
    InterlockedExchange(&released, 1);
    IoReleaseRemoveLock(&lock, (PVOID)2);
}

TEST(release_and_wait_waits_for_other_holders)
{
    PKTHREAD t;
    released = 0;
    KeInitializeEvent(&holding, NotificationEvent, FALSE);
    IoInitializeRemoveLock(&lock, 'tseT', 0, 0);
    t = start_thread(HoldThenRelease, NULL);
    KeWaitForSingleObject(&holding, Executive, KernelMode, FALSE, NULL);
    ok_status(IoAcquireRemoveLock(&lock, NULL), STATUS_SUCCESS);
    IoReleaseRemoveLockAndWait(&lock, NULL);
    ok(InterlockedCompareExchange(&released, 0, 0) == 1,
       "returned before the other holder released");
    ok_status(IoAcquireRemoveLock(&lock, NULL), STATUS_DELETE_PENDING);
    join_thread(t);
}

TEST(checked_build_size_is_accepted)
{
    ULONG checked = sizeof(IO_REMOVE_LOCK_COMMON_BLOCK) + sizeof(IO_REMOVE_LOCK_DBG_BLOCK);
    struct {
        IO_REMOVE_LOCK_COMMON_BLOCK Common;
        IO_REMOVE_LOCK_DBG_BLOCK Dbg;
    } big;
    IoInitializeRemoveLockEx((PIO_REMOVE_LOCK)&big, 'tseT', 1, 10, checked);
    ok_status(IoAcquireRemoveLockEx((PIO_REMOVE_LOCK)&big, NULL, __FILE__, __LINE__, checked),
              STATUS_SUCCESS);
    IoReleaseRemoveLockAndWaitEx((PIO_REMOVE_LOCK)&big, NULL, checked);
}

/* A size that is neither the free nor the checked build's: drvhost's 0xC4/0x16 (docs/verifier.md:
 * 0, the lock, the size). */
TEST(initializing_with_a_wrong_size_is_a_verifier_bug_check)
{
    expect_bugcheck_params(0xC4, BUGCHECK_P1 | BUGCHECK_P2 | BUGCHECK_P3 | BUGCHECK_P4, 0x16, 0,
                           (ULONG_PTR)&lock, 12);
    IoInitializeRemoveLockEx(&lock, 'tseT', 0, 0, 12);
}

TEST(release_more_than_acquired)
{
    IoInitializeRemoveLock(&lock, 'tseT', 0, 0);
    IoReleaseRemoveLock(&lock, NULL); /* gives back the bias: count 0 */
    expect_bugcheck_p1(0xC4, 0x1007);
    IoReleaseRemoveLock(&lock, NULL);
}

/* IoReleaseRemoveLockEx (what IoReleaseRemoveLock expands to, called by name): each release
 * gives back one acquisition, so after as many releases as acquisitions
 * IoReleaseRemoveLockAndWait returns at once and the lock refuses new holders. */
TEST(release_remove_lock_ex)
{
    IoInitializeRemoveLockEx(&lock, 'tseT', 0, 0, sizeof(IO_REMOVE_LOCK));
    for (ULONG_PTR tag = 1; tag <= 3; tag++)
        ok_status(
            IoAcquireRemoveLockEx(&lock, (PVOID)tag, __FILE__, __LINE__, sizeof(IO_REMOVE_LOCK)),
            STATUS_SUCCESS);
    for (ULONG_PTR tag = 1; tag <= 3; tag++)
        IoReleaseRemoveLockEx(&lock, (PVOID)tag, sizeof(IO_REMOVE_LOCK));
    ok_status(IoAcquireRemoveLockEx(&lock, NULL, __FILE__, __LINE__, sizeof(IO_REMOVE_LOCK)),
              STATUS_SUCCESS);
    IoReleaseRemoveLockAndWaitEx(&lock, NULL, sizeof(IO_REMOVE_LOCK)); /* hangs if one is left */
    ok_status(IoAcquireRemoveLockEx(&lock, NULL, __FILE__, __LINE__, sizeof(IO_REMOVE_LOCK)),
              STATUS_DELETE_PENDING);
}
