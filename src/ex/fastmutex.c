/*
 * fastmutex.c - fast mutexes (FAST_MUTEX; KGUARDED_MUTEX shares the layout).
 *
 * The FAST_MUTEX fields keep their Windows meaning:
 *   Count       1 when free; each acquirer decrements it, so 0 is "owned" and -n is "owned,
 *               n threads waiting or about to wait";
 *   Owner       the owning thread (PKTHREAD), NULL when free;
 *   Contention  how many acquisitions had to wait;
 *   Event       a synchronization event the waiters sleep on: a release that finds waiters
 *               sets it, which hands the mutex to exactly one of them (so at most one set is
 *               ever outstanding);
 *   OldIrql     the IRQL ExAcquireFastMutex raised from, restored by ExReleaseFastMutex.
 * Owner is read by other threads (the recursion check) while the owner writes it, so it is
 * accessed atomically; OldIrql is only touched by the owner.
 *
 * Contract checks (Driver Verifier's, which drvhost always applies; 0xC4 with the documented
 * parameter 1): acquiring above APC_LEVEL (0x33), releasing at an IRQL other than APC_LEVEL
 * (0x34), the Unsafe forms outside APC_LEVEL or a critical region (0x39, 0x3A), acquiring a
 * fast mutex the thread already owns (0x1000, self-deadlock: Windows would hang forever),
 * releasing one owned by another thread (0x1004) or by no one (0x1007).
 */
#include "ex/ex_private.h"
#include "vf/vf.h"

static inline PVOID ex_fm_me(void)
{
    return (PVOID)ke_current_thread();
}

static inline PVOID ex_fm_owner(PFAST_MUTEX m)
{
    return __atomic_load_n(&m->Owner, __ATOMIC_RELAXED);
}

/* APC disable count as Windows reports it: negative inside critical regions. */
static inline ULONG_PTR ex_apc_disable_count(void)
{
    return (ULONG_PTR) - (LONG_PTR)ke_current_thread()->critical_region;
}

static void ex_fm_acquire(PFAST_MUTEX m)
{
    if (ex_fm_owner(m) == ex_fm_me())
        ke_bugcheck_msg(
            BUGCODE_DRIVER_VERIFIER_DETECTED_VIOLATION, VF_C4_SELF_DEADLOCK, (ULONG_PTR)m, 0, 0,
            "fast mutex %p acquired again by the thread that owns it (deadlock)", (void *)m);
    if (InterlockedDecrement(&m->Count) != 0) {
        __atomic_fetch_add(&m->Contention, 1, __ATOMIC_RELAXED);
        KeWaitForSingleObject(&m->Event, WrFastMutex, KernelMode, FALSE, NULL);
    }
    __atomic_store_n(&m->Owner, ex_fm_me(), __ATOMIC_RELAXED);
}

static void ex_fm_release(PFAST_MUTEX m)
{
    PVOID owner = ex_fm_owner(m);
    if (owner == NULL)
        ke_bugcheck_msg(BUGCODE_DRIVER_VERIFIER_DETECTED_VIOLATION, VF_C4_UNACQUIRED_RELEASE,
                        (ULONG_PTR)m, 0, 0, "fast mutex %p released but not owned", (void *)m);
    if (owner != ex_fm_me())
        ke_bugcheck_msg(BUGCODE_DRIVER_VERIFIER_DETECTED_VIOLATION, VF_C4_UNEXPECTED_THREAD,
                        (ULONG_PTR)m, (ULONG_PTR)owner, (ULONG_PTR)ex_fm_me(),
                        "fast mutex %p released by a thread that does not own it", (void *)m);
    __atomic_store_n(&m->Owner, NULL, __ATOMIC_RELAXED);
    if (InterlockedIncrement(&m->Count) != 1)
        KeSetEvent(&m->Event, 0, FALSE);
}

NTKERNELAPI VOID NTAPI ExInitializeFastMutex(PFAST_MUTEX FastMutex)
{
    FastMutex->Count = 1;
    FastMutex->Owner = NULL;
    FastMutex->Contention = 0;
    FastMutex->OldIrql = PASSIVE_LEVEL;
    KeInitializeEvent(&FastMutex->Event, SynchronizationEvent, FALSE);
}

NTKERNELAPI VOID NTAPI ExAcquireFastMutex(PFAST_MUTEX FastMutex)
{
    KIRQL irql = ke_irql(), old;
    if (irql > APC_LEVEL)
        ke_bugcheck_msg(BUGCODE_DRIVER_VERIFIER_DETECTED_VIOLATION, VF_C4_FAST_MUTEX_IRQL, irql,
                        (ULONG_PTR)FastMutex, 0, "ExAcquireFastMutex at IRQL %u", irql);
    KeRaiseIrql(APC_LEVEL, &old);
    ex_fm_acquire(FastMutex);
    FastMutex->OldIrql = old;
}

NTKERNELAPI BOOLEAN NTAPI ExTryToAcquireFastMutex(PFAST_MUTEX FastMutex)
{
    KIRQL irql = ke_irql(), old;
    if (irql > APC_LEVEL)
        ke_bugcheck_msg(BUGCODE_DRIVER_VERIFIER_DETECTED_VIOLATION, VF_C4_FAST_MUTEX_IRQL, irql,
                        (ULONG_PTR)FastMutex, 0, "ExTryToAcquireFastMutex at IRQL %u", irql);
    KeRaiseIrql(APC_LEVEL, &old);
    if (InterlockedCompareExchange(&FastMutex->Count, 0, 1) != 1) {
        KeLowerIrql(old);
        return FALSE;
    }
    __atomic_store_n(&FastMutex->Owner, ex_fm_me(), __ATOMIC_RELAXED);
    FastMutex->OldIrql = old;
    return TRUE;
}

NTKERNELAPI VOID NTAPI ExReleaseFastMutex(PFAST_MUTEX FastMutex)
{
    KIRQL irql = ke_irql(), old;
    if (irql != APC_LEVEL)
        ke_bugcheck_msg(BUGCODE_DRIVER_VERIFIER_DETECTED_VIOLATION, VF_C4_FAST_MUTEX_RELEASE_IRQL,
                        irql, (ULONG_PTR)FastMutex, 0, "ExReleaseFastMutex at IRQL %u", irql);
    old = (KIRQL)FastMutex->OldIrql; /* read before the mutex can change hands */
    ex_fm_release(FastMutex);
    KeLowerIrql(old);
}

/* The Unsafe forms need APCs already off: APC_LEVEL, or a critical region at PASSIVE_LEVEL. */
static BOOLEAN ex_fm_unsafe_allowed(KIRQL irql)
{
    return irql == APC_LEVEL || (irql == PASSIVE_LEVEL && ke_current_thread()->critical_region > 0);
}

NTKERNELAPI VOID NTAPI ExAcquireFastMutexUnsafe(PFAST_MUTEX FastMutex)
{
    KIRQL irql = ke_irql();
    if (!ex_fm_unsafe_allowed(irql))
        ke_bugcheck_msg(BUGCODE_DRIVER_VERIFIER_DETECTED_VIOLATION, VF_C4_MUTEX_UNSAFE_ACQUIRE,
                        irql, ex_apc_disable_count(), (ULONG_PTR)FastMutex,
                        "ExAcquireFastMutexUnsafe with APCs enabled (IRQL %u, no critical region)",
                        irql);
    ex_fm_acquire(FastMutex);
}

NTKERNELAPI VOID NTAPI ExReleaseFastMutexUnsafe(PFAST_MUTEX FastMutex)
{
    KIRQL irql = ke_irql();
    if (!ex_fm_unsafe_allowed(irql))
        ke_bugcheck_msg(BUGCODE_DRIVER_VERIFIER_DETECTED_VIOLATION, VF_C4_MUTEX_UNSAFE_RELEASE,
                        irql, ex_apc_disable_count(), (ULONG_PTR)FastMutex,
                        "ExReleaseFastMutexUnsafe with APCs enabled (IRQL %u, no critical region)",
                        irql);
    ex_fm_release(FastMutex);
}
