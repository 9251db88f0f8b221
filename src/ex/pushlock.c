/*
 * pushlock.c - push locks (EX_PUSH_LOCK, wdm.h since Windows 10 1809).
 *
 * The pointer-sized lock word: bit 0 set while held exclusively; otherwise the number of shared
 * holders times 2 (0: free). Bit 1 marks an exclusive waiter, which holds off new shared
 * requests so that writers are not starved (the documentation promises no fairness, only that
 * the lock is not recursive). Changes are compare-exchanges on the word; a thread that must wait
 * sleeps on the condition variable of the stripe the lock's address hashes to, and a release
 * that may let someone in broadcasts it. The waiter re-checks under the stripe mutex, and every
 * release takes that mutex before broadcasting, so no wake-up is lost.
 *
 * Checks (Driver Verifier's, always on here): acquiring or releasing with normal kernel APCs
 * enabled, bug check 0xC4 with 0xEA / 0xEB (IRQL, APC disable count, lock); above APC_LEVEL,
 * IRQL_NOT_LESS_OR_EQUAL; releasing a lock not held in that mode, 0xC4 / 0x1009 (mismatched
 * release). A recursive acquisition hangs, as documented.
 */
#include "ex/ex_private.h"
#include "vf/vf.h"

#define PL_EXCLUSIVE         ((ULONG_PTR)1)
#define PL_EXCLUSIVE_WAITING ((ULONG_PTR)2)
#define PL_SHARED_INC        ((ULONG_PTR)4)

static void pl_check(PEX_PUSH_LOCK lock, ULONG_PTR code, const char *what)
{
    KIRQL irql = ke_irql();
    vf_check_irql_at_most(APC_LEVEL, what, lock, NULL);
    if (!KeAreApcsDisabled())
        ke_bugcheck_msg(BUGCODE_DRIVER_VERIFIER_DETECTED_VIOLATION, code, irql,
                        (ULONG_PTR) - (LONG_PTR)ke_current_thread()->critical_region,
                        (ULONG_PTR)lock, "%s(%p) with normal kernel APCs enabled", what,
                        (void *)lock);
}

static BOOLEAN pl_cas(PEX_PUSH_LOCK lock, ULONG_PTR *expected, ULONG_PTR desired)
{
    return __atomic_compare_exchange_n(lock, expected, desired, FALSE, __ATOMIC_ACQ_REL,
                                       __ATOMIC_ACQUIRE);
}

static BOOLEAN pl_try_exclusive(PEX_PUSH_LOCK lock)
{
    ULONG_PTR v = __atomic_load_n(lock, __ATOMIC_ACQUIRE);
    while ((v & ~PL_EXCLUSIVE_WAITING) == 0)
        if (pl_cas(lock, &v, PL_EXCLUSIVE))
            return TRUE;
    return FALSE;
}

/* A new shared holder enters unless the lock is held exclusively or a writer waits. */
static BOOLEAN pl_try_shared(PEX_PUSH_LOCK lock)
{
    ULONG_PTR v = __atomic_load_n(lock, __ATOMIC_ACQUIRE);
    while ((v & (PL_EXCLUSIVE | PL_EXCLUSIVE_WAITING)) == 0)
        if (pl_cas(lock, &v, v + PL_SHARED_INC))
            return TRUE;
    return FALSE;
}

/* Sleeps until `try` succeeds. An exclusive waiter keeps PL_EXCLUSIVE_WAITING set while it
 * waits (re-set after every wake-up, since an exclusive grant clears it). */
static void pl_wait(PEX_PUSH_LOCK lock, BOOLEAN (*try)(PEX_PUSH_LOCK), BOOLEAN exclusive)
{
    struct ex_stripe *s = ex_stripe_of(lock);
    os_mutex_lock(&s->lock);
    while (!try(lock)) {
        if (exclusive)
            __atomic_fetch_or(lock, PL_EXCLUSIVE_WAITING, __ATOMIC_ACQ_REL);
        if (!try(lock))
            os_cond_wait(&s->cond, &s->lock);
        else
            break;
    }
    os_mutex_unlock(&s->lock);
}

static void pl_wake(PEX_PUSH_LOCK lock)
{
    struct ex_stripe *s = ex_stripe_of(lock);
    os_mutex_lock(&s->lock);
    os_cond_broadcast(&s->cond);
    os_mutex_unlock(&s->lock);
}

static __attribute__((noreturn)) void pl_mismatch(PEX_PUSH_LOCK lock, ULONG_PTR v, const char *what)
{
    ke_bugcheck_msg(BUGCODE_DRIVER_VERIFIER_DETECTED_VIOLATION, VF_C4_MISMATCHED_RELEASE,
                    (ULONG_PTR)lock, v, 0, "%s(%p): the lock is not held that way (word %#lx)",
                    what, (void *)lock, (unsigned long)v);
}

NTKERNELAPI VOID NTAPI ExInitializePushLock(PEX_PUSH_LOCK PushLock)
{
    __atomic_store_n(PushLock, 0, __ATOMIC_RELEASE);
}

NTKERNELAPI VOID NTAPI ExAcquirePushLockExclusiveEx(PEX_PUSH_LOCK PushLock, ULONG Flags)
{
    (void)Flags;
    pl_check(PushLock, VF_C4_PUSH_LOCK_ACQUIRE_APCS, "ExAcquirePushLockExclusive");
    if (!pl_try_exclusive(PushLock))
        pl_wait(PushLock, pl_try_exclusive, TRUE);
}

NTKERNELAPI VOID NTAPI ExAcquirePushLockSharedEx(PEX_PUSH_LOCK PushLock, ULONG Flags)
{
    (void)Flags;
    pl_check(PushLock, VF_C4_PUSH_LOCK_ACQUIRE_APCS, "ExAcquirePushLockShared");
    if (!pl_try_shared(PushLock))
        pl_wait(PushLock, pl_try_shared, FALSE);
}

NTKERNELAPI BOOLEAN NTAPI ExTryAcquirePushLockExclusiveEx(PEX_PUSH_LOCK PushLock, ULONG Flags)
{
    (void)Flags;
    pl_check(PushLock, VF_C4_PUSH_LOCK_ACQUIRE_APCS, "ExTryAcquirePushLockExclusive");
    return pl_try_exclusive(PushLock);
}

NTKERNELAPI BOOLEAN NTAPI ExTryAcquirePushLockSharedEx(PEX_PUSH_LOCK PushLock, ULONG Flags)
{
    (void)Flags;
    pl_check(PushLock, VF_C4_PUSH_LOCK_ACQUIRE_APCS, "ExTryAcquirePushLockShared");
    return pl_try_shared(PushLock);
}

/* Clears the exclusive bit and the waiter mark (remaining waiters set it again). */
NTKERNELAPI VOID NTAPI ExReleasePushLockExclusiveEx(PEX_PUSH_LOCK PushLock, ULONG Flags)
{
    (void)Flags;
    pl_check(PushLock, VF_C4_PUSH_LOCK_RELEASE_APCS, "ExReleasePushLockExclusive");
    ULONG_PTR v = __atomic_exchange_n(PushLock, 0, __ATOMIC_ACQ_REL);
    if (!(v & PL_EXCLUSIVE))
        pl_mismatch(PushLock, v, "ExReleasePushLockExclusive");
    pl_wake(PushLock);
}

NTKERNELAPI VOID NTAPI ExReleasePushLockSharedEx(PEX_PUSH_LOCK PushLock, ULONG Flags)
{
    (void)Flags;
    pl_check(PushLock, VF_C4_PUSH_LOCK_RELEASE_APCS, "ExReleasePushLockShared");
    ULONG_PTR v = __atomic_load_n(PushLock, __ATOMIC_ACQUIRE);
    do {
        if ((v & PL_EXCLUSIVE) || v < PL_SHARED_INC)
            pl_mismatch(PushLock, v, "ExReleasePushLockShared");
    } while (!pl_cas(PushLock, &v, v - PL_SHARED_INC));
    if (v - PL_SHARED_INC == PL_EXCLUSIVE_WAITING)
        pl_wake(PushLock); /* the last reader leaves a waiting writer */
}
