/*
 * test_rundown.c - run-down protection: acquire and release, ExWaitForRundownProtectionRelease
 * waiting for a holder on a system thread, no acquisition after run-down, re-initialisation,
 * the Ex (counted) and cache-aware forms.
 */
#include <wdm.h>

#include "systhread.h"
#include "harness.h"

static EX_RUNDOWN_REF ref;
static KEVENT holding;
static volatile LONG released;

TEST(acquire_release_rundown)
{
    ExInitializeRundownProtection(&ref);
    ok(ExAcquireRundownProtection(&ref), "acquire");
    ok(ExAcquireRundownProtectionEx(&ref, 3), "acquire 3");
    ExReleaseRundownProtectionEx(&ref, 3);
    ExReleaseRundownProtection(&ref);
    ExWaitForRundownProtectionRelease(&ref); /* nothing held: returns at once */
    ok(!ExAcquireRundownProtection(&ref), "acquired after run-down");
    ExRundownCompleted(&ref);
    ok(!ExAcquireRundownProtection(&ref), "acquired after completion");
    ExReInitializeRundownProtection(&ref);
    ok(ExAcquireRundownProtection(&ref), "acquire after re-initialisation");
    ExReleaseRundownProtection(&ref);
}

static VOID HoldThenRelease(PVOID Context)
{
    (void)Context;
    ok(ExAcquireRundownProtectionEx(&ref, 2), "acquire in the thread");
    KeSetEvent(&holding, 0, FALSE);
    sleep_ms(100);
    InterlockedExchange(&released, 1);
    ExReleaseRundownProtection(&ref);
    sleep_ms(20);
    ExReleaseRundownProtection(&ref);
}

TEST(wait_for_release)
{
    PKTHREAD t;
    released = 0;
    ExInitializeRundownProtection(&ref);
    KeInitializeEvent(&holding, NotificationEvent, FALSE);
    t = start_thread(HoldThenRelease, NULL);
    KeWaitForSingleObject(&holding, Executive, KernelMode, FALSE, NULL);
    ExWaitForRundownProtectionRelease(&ref);
    ok(InterlockedCompareExchange(&released, 0, 0) == 1, "wait ended while protection was held");
    ok(!ExAcquireRundownProtection(&ref), "acquired after run-down");
    ExRundownCompleted(&ref);
    join_thread(t);
}

TEST(cache_aware)
{
    PEX_RUNDOWN_REF_CACHE_AWARE r = ExAllocateCacheAwareRundownProtection(NonPagedPoolNx, 'tseT');
    ok(r != NULL, "allocation");
    ok(ExSizeOfRundownProtectionCacheAware() >= sizeof(EX_RUNDOWN_REF), "size");
    ok(ExAcquireRundownProtectionCacheAware(r), "acquire");
    ExReleaseRundownProtectionCacheAware(r);
    ExWaitForRundownProtectionReleaseCacheAware(r);
    ok(!ExAcquireRundownProtectionCacheAware(r), "acquired after run-down");
    ExRundownCompletedCacheAware(r);
    ExReInitializeRundownProtectionCacheAware(r);
    ok(ExAcquireRundownProtectionCacheAwareEx(r, 2), "acquire 2");
    ExReleaseRundownProtectionCacheAwareEx(r, 2);
    ExFreeCacheAwareRundownProtection(r);
}

/* Caller-supplied storage of ExSizeOfRundownProtectionCacheAware() bytes: initialised, it is
 * acquirable until run down, and ExReInitialize makes it acquirable again. */
TEST(cache_aware_caller_storage)
{
    SIZE_T size = ExSizeOfRundownProtectionCacheAware();
    PEX_RUNDOWN_REF_CACHE_AWARE r = ExAllocatePool2(POOL_FLAG_NON_PAGED, size, 'tseT');
    ok(r != NULL, "allocation");
    RtlFillMemory(r, size, 0xFF); /* an uninitialised object: initialisation must reset it */
    ExInitializeRundownProtectionCacheAware(r, size);
    ok(ExAcquireRundownProtectionCacheAware(r), "acquire after initialisation");
    ok(ExAcquireRundownProtectionCacheAwareEx(r, 3), "acquire 3");
    ExReleaseRundownProtectionCacheAwareEx(r, 3);
    ExReleaseRundownProtectionCacheAware(r);
    ExWaitForRundownProtectionReleaseCacheAware(r);
    ok(!ExAcquireRundownProtectionCacheAware(r), "acquired after run-down");
    ExRundownCompletedCacheAware(r);
    ExInitializeRundownProtectionCacheAware(r, size);
    ok(ExAcquireRundownProtectionCacheAware(r), "re-initialised storage not acquirable");
    ExReleaseRundownProtectionCacheAware(r);
    ExFreePoolWithTag(r, 'tseT');
}

/* Releasing protection that is not held is a driver bug: drvhost stops with 0xC4 / 0x1007
 * (parameter 2 the run-down reference, 3 the count released) rather than corrupt the count. */
TEST(release_without_acquire_is_0xC4_0x1007)
{
    ExInitializeRundownProtection(&ref);
    ok(ExAcquireRundownProtectionEx(&ref, 2), "acquire 2");
    ExReleaseRundownProtectionEx(&ref, 2);
    expect_bugcheck_params(0xC4, BUGCHECK_PALL, 0x1007, &ref, 1, 0);
    ExReleaseRundownProtection(&ref);
}

TEST(releasing_more_than_acquired_is_0xC4_0x1007)
{
    ExInitializeRundownProtection(&ref);
    ok(ExAcquireRundownProtectionEx(&ref, 2), "acquire 2");
    expect_bugcheck_params(0xC4, BUGCHECK_PALL, 0x1007, &ref, 3, 0);
    ExReleaseRundownProtectionEx(&ref, 3);
}

TEST(release_after_rundown_is_0xC4_0x1007)
{
    ExInitializeRundownProtection(&ref);
    ExWaitForRundownProtectionRelease(&ref); /* nothing held: run down at once */
    ok(!ExAcquireRundownProtection(&ref), "acquired after run-down");
    expect_bugcheck_params(0xC4, BUGCHECK_PALL, 0x1007, &ref, 1, 0);
    ExReleaseRundownProtection(&ref);
}
