/*
 * spinlock.c - spin locks and in-stack queued spin locks.
 *
 * The lock word holds the owner: (ULONG_PTR)ke_thread | 1, or 0 when free. Knowing the owner
 * lets a recursive acquisition stop with SPIN_LOCK_ALREADY_OWNED (0x0F) and a release by a
 * thread that does not hold the lock with SPIN_LOCK_NOT_OWNED (0x10), as checked Windows
 * builds do (free builds would deadlock or corrupt silently). Parameter 1 of both is the lock
 * address (ours; Microsoft documents no parameters).
 *
 * Deviations: the in-stack queued forms use the same lock word, so waiters are not served in
 * FIFO order; and a waiter yields the host CPU after a few hundred spins, because in user mode
 * the owner may have been descheduled while "at DISPATCH_LEVEL".
 */
#include "ke/ke_private.h"
#include "vf/vf.h"

#define SPINS_BEFORE_YIELD 256

static ULONG_PTR lock_owner_word(void)
{
    return (ULONG_PTR)ke_current_thread() | 1;
}

static __attribute__((noreturn)) void lock_already_owned(PKSPIN_LOCK lock, void *caller)
{
    ke_bugcheck_msg(BUGCODE_SPIN_LOCK_ALREADY_OWNED, (ULONG_PTR)lock, 0, 0, (ULONG_PTR)caller,
                    "spin lock %p acquired again by the thread that holds it", (void *)lock);
}

static void lock_acquire(PKSPIN_LOCK lock, void *caller)
{
    ULONG_PTR mine = lock_owner_word();
    unsigned spins = 0;
    for (;;) {
        ULONG_PTR seen = __atomic_load_n(lock, __ATOMIC_RELAXED);
        if (seen == mine)
            lock_already_owned(lock, caller);
        if (seen == 0 && __atomic_compare_exchange_n(lock, &seen, mine, false, __ATOMIC_ACQUIRE,
                                                     __ATOMIC_RELAXED))
            return;
        if (++spins < SPINS_BEFORE_YIELD) {
            __builtin_ia32_pause();
        } else {
            spins = 0;
            os_yield();
        }
    }
}

static void lock_release(PKSPIN_LOCK lock, void *caller)
{
    ULONG_PTR mine = lock_owner_word();
    ULONG_PTR seen = mine;
    if (!__atomic_compare_exchange_n(lock, &seen, 0, false, __ATOMIC_RELEASE, __ATOMIC_RELAXED))
        ke_bugcheck_msg(BUGCODE_SPIN_LOCK_NOT_OWNED, (ULONG_PTR)lock, seen, 0, (ULONG_PTR)caller,
                        "spin lock %p released by a thread that does not hold it (%s)",
                        (void *)lock, seen == 0 ? "it is free" : "another thread holds it");
}

VOID KeInitializeSpinLock(PKSPIN_LOCK SpinLock)
{
    __atomic_store_n(SpinLock, 0, __ATOMIC_RELAXED);
}

/* Raising from above DISPATCH_LEVEL is a lowering: IRQL_NOT_GREATER_OR_EQUAL (0x9). */
KIRQL KeAcquireSpinLockRaiseToDpc(PKSPIN_LOCK SpinLock)
{
    void *caller = __builtin_return_address(0);
    KIRQL old = ke_irql_raise(DISPATCH_LEVEL, caller);
    lock_acquire(SpinLock, caller);
    return old;
}

VOID KeReleaseSpinLock(PKSPIN_LOCK SpinLock, KIRQL NewIrql)
{
    void *caller = __builtin_return_address(0);
    lock_release(SpinLock, caller);
    ke_irql_lower(NewIrql, caller);
}

/* The AtDpcLevel forms assume the caller is at DISPATCH_LEVEL or above; below it, Driver
 * Verifier's IRQL checking stops with 0xC4/0x40 (acquire) or 0x41 (release): current IRQL, the
 * lock. drvhost checks always (vf_check_irql_at_dpc). */
VOID KeAcquireSpinLockAtDpcLevel(PKSPIN_LOCK SpinLock)
{
    vf_check_irql_at_dpc(VF_C4_SPIN_LOCK_AT_DPC_ACQUIRE, "KeAcquireSpinLockAtDpcLevel", SpinLock);
    lock_acquire(SpinLock, __builtin_return_address(0));
}

VOID KeReleaseSpinLockFromDpcLevel(PKSPIN_LOCK SpinLock)
{
    vf_check_irql_at_dpc(VF_C4_SPIN_LOCK_AT_DPC_RELEASE, "KeReleaseSpinLockFromDpcLevel", SpinLock);
    lock_release(SpinLock, __builtin_return_address(0));
}

/* Returns FALSE when the lock is held, by anyone (the caller included), as Windows does. */
BOOLEAN KeTryToAcquireSpinLockAtDpcLevel(PKSPIN_LOCK SpinLock)
{
    ULONG_PTR expected = 0;
    return __atomic_compare_exchange_n(SpinLock, &expected, lock_owner_word(), false,
                                       __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

BOOLEAN KeTestSpinLock(PKSPIN_LOCK SpinLock)
{
    return __atomic_load_n(SpinLock, __ATOMIC_RELAXED) == 0;
}

VOID KeAcquireInStackQueuedSpinLock(PKSPIN_LOCK SpinLock, PKLOCK_QUEUE_HANDLE LockHandle)
{
    void *caller = __builtin_return_address(0);
    LockHandle->LockQueue.Next = NULL;
    LockHandle->LockQueue.Lock = SpinLock;
    LockHandle->OldIrql = ke_irql_raise(DISPATCH_LEVEL, caller);
    lock_acquire(SpinLock, caller);
}

VOID KeReleaseInStackQueuedSpinLock(PKLOCK_QUEUE_HANDLE LockHandle)
{
    void *caller = __builtin_return_address(0);
    lock_release(LockHandle->LockQueue.Lock, caller);
    ke_irql_lower(LockHandle->OldIrql, caller);
}

VOID KeAcquireInStackQueuedSpinLockAtDpcLevel(PKSPIN_LOCK SpinLock, PKLOCK_QUEUE_HANDLE LockHandle)
{
    LockHandle->LockQueue.Next = NULL;
    LockHandle->LockQueue.Lock = SpinLock;
    lock_acquire(SpinLock, __builtin_return_address(0));
}

VOID KeReleaseInStackQueuedSpinLockFromDpcLevel(PKLOCK_QUEUE_HANDLE LockHandle)
{
    lock_release(LockHandle->LockQueue.Lock, __builtin_return_address(0));
}

/* The lock word's acquire and release for the interrupt objects (interrupt.c): same owner
 * checks, the IRQL left to the caller. */
void ke_spin_acquire(PKSPIN_LOCK lock, void *caller)
{
    lock_acquire(lock, caller);
}

void ke_spin_release(PKSPIN_LOCK lock, void *caller)
{
    lock_release(lock, caller);
}
