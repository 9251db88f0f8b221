/*
 * rundown.c - run-down protection (EX_RUNDOWN_REF) and its cache-aware variant.
 *
 * The reference word keeps the Windows encoding:
 *   bit 0 clear   not run down: the word is 2 x (protections held) (EX_RUNDOWN_COUNT_INC = 2);
 *   bit 0 set     run-down started: the rest of the word is either 0 (completed, or nothing was
 *                 held) or the address of the waiter's block (struct ex_rundown_wait, on the
 *                 stack of the thread in ExWaitForRundownProtectionRelease), which counts the
 *                 protections still outstanding and holds the event the last release sets.
 * Every change is one compare-exchange on the word, so acquire and release work at any IRQL
 * <= DISPATCH_LEVEL and need no lock. Lifetime of the wait block: it is only dereferenced by a
 * release that still holds a protection, so the waiter (which cannot return before the count
 * reaches zero) outlives every access; when the wait ends the word is set to "run down" (1) so
 * no one sees the stale address.
 *
 * The cache-aware form is one EX_RUNDOWN_REF in a pool block: drvhost does not spread the count
 * over processors (the behaviour is the same, only the scaling differs).
 */
#include "ex/ex_private.h"
#include "vf/vf.h"

#define EX_RUNDOWN_ACTIVE    ((ULONG_PTR)1)
#define EX_RUNDOWN_COUNT_INC ((ULONG_PTR)2)
#define EX_RUNDOWN_TAG       'nuRE'

struct ex_rundown_wait {
    volatile LONG_PTR outstanding;
    KEVENT done;
} __attribute__((aligned(8)));

struct _EX_RUNDOWN_REF_CACHE_AWARE {
    EX_RUNDOWN_REF ref;
};

static inline ULONG_PTR ex_rd_load(PEX_RUNDOWN_REF r)
{
    return __atomic_load_n(&r->Count, __ATOMIC_ACQUIRE);
}

static inline BOOLEAN ex_rd_cas(PEX_RUNDOWN_REF r, ULONG_PTR *expected, ULONG_PTR desired)
{
    return __atomic_compare_exchange_n(&r->Count, expected, desired, FALSE, __ATOMIC_ACQ_REL,
                                       __ATOMIC_ACQUIRE);
}

NTKERNELAPI VOID FASTCALL ExInitializeRundownProtection(PEX_RUNDOWN_REF RunRef)
{
    __atomic_store_n(&RunRef->Count, 0, __ATOMIC_RELEASE);
}

NTKERNELAPI VOID FASTCALL ExReInitializeRundownProtection(PEX_RUNDOWN_REF RunRef)
{
    __atomic_store_n(&RunRef->Count, 0, __ATOMIC_RELEASE);
}

NTKERNELAPI BOOLEAN FASTCALL ExAcquireRundownProtectionEx(PEX_RUNDOWN_REF RunRef, ULONG Count)
{
    ULONG_PTR v = ex_rd_load(RunRef);
    do {
        if (v & EX_RUNDOWN_ACTIVE)
            return FALSE;
    } while (!ex_rd_cas(RunRef, &v, v + Count * EX_RUNDOWN_COUNT_INC));
    return TRUE;
}

NTKERNELAPI BOOLEAN FASTCALL ExAcquireRundownProtection(PEX_RUNDOWN_REF RunRef)
{
    return ExAcquireRundownProtectionEx(RunRef, 1);
}

/* Releasing more than is held is a driver bug; Windows would corrupt the count silently.
 * drvhost stops: 0xC4 with parameter 1 = 0x1007 (released before acquired). */
static __attribute__((noreturn)) void ex_rd_underflow(PEX_RUNDOWN_REF r, ULONG count)
{
    ke_bugcheck_msg(BUGCODE_DRIVER_VERIFIER_DETECTED_VIOLATION, VF_C4_UNACQUIRED_RELEASE,
                    (ULONG_PTR)r, count, 0,
                    "rundown reference %p released %lu more time(s) than acquired", (void *)r,
                    (unsigned long)count);
}

NTKERNELAPI VOID FASTCALL ExReleaseRundownProtectionEx(PEX_RUNDOWN_REF RunRef, ULONG Count)
{
    ULONG_PTR v = ex_rd_load(RunRef);
    for (;;) {
        if (v & EX_RUNDOWN_ACTIVE) {
            struct ex_rundown_wait *w = (struct ex_rundown_wait *)(v & ~EX_RUNDOWN_ACTIVE);
            if (w == NULL)
                ex_rd_underflow(RunRef, Count);
            if (__atomic_sub_fetch(&w->outstanding, (LONG_PTR)Count, __ATOMIC_ACQ_REL) == 0)
                KeSetEvent(&w->done, 0, FALSE);
            return;
        }
        if (v < Count * EX_RUNDOWN_COUNT_INC)
            ex_rd_underflow(RunRef, Count);
        if (ex_rd_cas(RunRef, &v, v - Count * EX_RUNDOWN_COUNT_INC))
            return;
    }
}

NTKERNELAPI VOID FASTCALL ExReleaseRundownProtection(PEX_RUNDOWN_REF RunRef)
{
    ExReleaseRundownProtectionEx(RunRef, 1);
}

/* Starts run-down: no new protection is granted; waits (PASSIVE_LEVEL or APC_LEVEL) until the
 * ones held are released. Returns with the reference marked run down. */
NTKERNELAPI VOID FASTCALL ExWaitForRundownProtectionRelease(PEX_RUNDOWN_REF RunRef)
{
    struct ex_rundown_wait w;
    ULONG_PTR v = ex_rd_load(RunRef);
    KeInitializeEvent(&w.done, NotificationEvent, FALSE);
    for (;;) {
        if (v & EX_RUNDOWN_ACTIVE)
            return; /* already run down */
        w.outstanding = (LONG_PTR)(v / EX_RUNDOWN_COUNT_INC);
        ULONG_PTR next =
            w.outstanding == 0 ? EX_RUNDOWN_ACTIVE : ((ULONG_PTR)&w | EX_RUNDOWN_ACTIVE);
        if (ex_rd_cas(RunRef, &v, next))
            break;
    }
    if (v != 0)
        KeWaitForSingleObject(&w.done, WrRundown, KernelMode, FALSE, NULL);
    __atomic_store_n(&RunRef->Count, EX_RUNDOWN_ACTIVE, __ATOMIC_RELEASE);
}

NTKERNELAPI VOID FASTCALL ExRundownCompleted(PEX_RUNDOWN_REF RunRef)
{
    __atomic_store_n(&RunRef->Count, EX_RUNDOWN_ACTIVE, __ATOMIC_RELEASE);
}

/* ---- cache-aware forms ------------------------------------------------------------------- */

NTKERNELAPI SIZE_T NTAPI ExSizeOfRundownProtectionCacheAware(VOID)
{
    return sizeof(struct _EX_RUNDOWN_REF_CACHE_AWARE);
}

NTKERNELAPI PEX_RUNDOWN_REF_CACHE_AWARE NTAPI
ExAllocateCacheAwareRundownProtection(POOL_TYPE PoolType, ULONG PoolTag)
{
    PEX_RUNDOWN_REF_CACHE_AWARE r =
        ExAllocatePoolWithTag(PoolType, sizeof(*r), PoolTag != 0 ? PoolTag : EX_RUNDOWN_TAG);
    if (r == NULL)
        return NULL;
    ExInitializeRundownProtection(&r->ref);
    return r;
}

/* Caller-supplied storage of ExSizeOfRundownProtectionCacheAware() bytes. */
NTKERNELAPI VOID NTAPI ExInitializeRundownProtectionCacheAware(
    PEX_RUNDOWN_REF_CACHE_AWARE RunRefCacheAware, SIZE_T RunRefSize)
{
    (void)RunRefSize;
    ExInitializeRundownProtection(&RunRefCacheAware->ref);
}

NTKERNELAPI VOID NTAPI
ExFreeCacheAwareRundownProtection(PEX_RUNDOWN_REF_CACHE_AWARE RunRefCacheAware)
{
    ExFreePool(RunRefCacheAware);
}

NTKERNELAPI BOOLEAN FASTCALL
ExAcquireRundownProtectionCacheAware(PEX_RUNDOWN_REF_CACHE_AWARE RunRefCacheAware)
{
    return ExAcquireRundownProtectionEx(&RunRefCacheAware->ref, 1);
}

NTKERNELAPI BOOLEAN FASTCALL
ExAcquireRundownProtectionCacheAwareEx(PEX_RUNDOWN_REF_CACHE_AWARE RunRefCacheAware, ULONG Count)
{
    return ExAcquireRundownProtectionEx(&RunRefCacheAware->ref, Count);
}

NTKERNELAPI VOID FASTCALL
ExReleaseRundownProtectionCacheAware(PEX_RUNDOWN_REF_CACHE_AWARE RunRefCacheAware)
{
    ExReleaseRundownProtectionEx(&RunRefCacheAware->ref, 1);
}

NTKERNELAPI VOID FASTCALL ExReleaseRundownProtectionCacheAwareEx(PEX_RUNDOWN_REF_CACHE_AWARE RunRef,
                                                                 ULONG Count)
{
    ExReleaseRundownProtectionEx(&RunRef->ref, Count);
}

NTKERNELAPI VOID FASTCALL
ExWaitForRundownProtectionReleaseCacheAware(PEX_RUNDOWN_REF_CACHE_AWARE RunRef)
{
    ExWaitForRundownProtectionRelease(&RunRef->ref);
}

NTKERNELAPI VOID FASTCALL ExRundownCompletedCacheAware(PEX_RUNDOWN_REF_CACHE_AWARE RunRefCacheAware)
{
    ExRundownCompleted(&RunRefCacheAware->ref);
}

NTKERNELAPI VOID FASTCALL
ExReInitializeRundownProtectionCacheAware(PEX_RUNDOWN_REF_CACHE_AWARE RunRefCacheAware)
{
    ExReInitializeRundownProtection(&RunRefCacheAware->ref);
}
