/*
 * guardedmutex.c - guarded mutexes. KGUARDED_MUTEX is FAST_MUTEX in drvhost's headers (both are
 * 0x38 bytes on x64, and Windows 8 and later implement them alike), so a guarded mutex is a
 * fast mutex (fastmutex.c) acquired through the Unsafe routines, without raising the IRQL.
 *
 * KeAcquireGuardedMutex enters a guarded region for as long as the mutex is held. drvhost has no
 * APCs and no separate guarded-region count: the region is kept as a critical region
 * (KeEnterCriticalRegion), so KeAreApcsDisabled() reports TRUE while the mutex is held, but
 * KeAreAllApcsDisabled() reports FALSE at PASSIVE_LEVEL where Windows would report TRUE
 * (deviation). The IRQL stays where it was, as on Windows. The Unsafe forms need the caller
 * already in a guarded region or at APC_LEVEL; here a critical region counts as one.
 *
 * Checks: above APC_LEVEL, 0xC4 / 0x33 (as for fast mutexes); recursion, releasing a mutex the
 * thread does not own: the fast mutex's checks (0xC4 / 0x1000, 0x1004, 0x1007).
 */
#include "ex/ex_private.h"
#include "vf/vf.h"

static void gm_check_irql(PKGUARDED_MUTEX m, const char *what)
{
    KIRQL irql = ke_irql();
    if (irql > APC_LEVEL)
        ke_bugcheck_msg(BUGCODE_DRIVER_VERIFIER_DETECTED_VIOLATION, VF_C4_FAST_MUTEX_IRQL, irql,
                        (ULONG_PTR)m, 0, "%s at IRQL %u", what, irql);
}

NTKERNELAPI VOID FASTCALL KeInitializeGuardedMutex(PKGUARDED_MUTEX Mutex)
{
    ExInitializeFastMutex(Mutex);
}

NTKERNELAPI VOID FASTCALL KeAcquireGuardedMutex(PKGUARDED_MUTEX Mutex)
{
    gm_check_irql(Mutex, "KeAcquireGuardedMutex");
    KeEnterCriticalRegion(); /* the guarded region */
    ExAcquireFastMutexUnsafe(Mutex);
}

NTKERNELAPI VOID FASTCALL KeReleaseGuardedMutex(PKGUARDED_MUTEX Mutex)
{
    gm_check_irql(Mutex, "KeReleaseGuardedMutex");
    ExReleaseFastMutexUnsafe(Mutex);
    KeLeaveCriticalRegion();
}

/* ExTryToAcquireFastMutex raises to APC_LEVEL; the guarded form keeps the caller's IRQL, so the
 * raise is undone at once (the Unsafe release ignores OldIrql). */
NTKERNELAPI BOOLEAN FASTCALL KeTryToAcquireGuardedMutex(PKGUARDED_MUTEX Mutex)
{
    KIRQL irql = ke_irql();
    gm_check_irql(Mutex, "KeTryToAcquireGuardedMutex");
    KeEnterCriticalRegion();
    if (!ExTryToAcquireFastMutex(Mutex)) {
        KeLeaveCriticalRegion();
        return FALSE;
    }
    KeLowerIrql(irql);
    return TRUE;
}

NTKERNELAPI VOID FASTCALL KeAcquireGuardedMutexUnsafe(PKGUARDED_MUTEX FastMutex)
{
    ExAcquireFastMutexUnsafe(FastMutex);
}

NTKERNELAPI VOID FASTCALL KeReleaseGuardedMutexUnsafe(PKGUARDED_MUTEX FastMutex)
{
    ExReleaseFastMutexUnsafe(FastMutex);
}
