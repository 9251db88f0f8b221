/*
 * test_fastmutex.c - fast mutexes: IRQL raised to APC_LEVEL and restored, mutual exclusion
 * under contention, ExTryToAcquireFastMutex, the Unsafe forms, and Driver Verifier's checks
 * (0xC4) for recursion and bad IRQLs.
 *
 * The contended test uses host threads: PsCreateSystemThread is not there yet.
 */
#include <pthread.h>
#include <unistd.h>
#include <wdm.h>

#include "harness.h"

static FAST_MUTEX mutex;
static LONG counter_plain;

TEST(acquire_release_irql)
{
    ExInitializeFastMutex(&mutex);
    ExAcquireFastMutex(&mutex);
    ok(KeGetCurrentIrql() == APC_LEVEL, "IRQL %u while holding, expected APC_LEVEL\n",
       KeGetCurrentIrql());
    ExReleaseFastMutex(&mutex);
    ok(KeGetCurrentIrql() == PASSIVE_LEVEL, "IRQL %u after release\n", KeGetCurrentIrql());
    ok(ExTryToAcquireFastMutex(&mutex), "try on a free mutex failed\n");
    ok(KeGetCurrentIrql() == APC_LEVEL, "IRQL %u after try\n", KeGetCurrentIrql());
    ExReleaseFastMutex(&mutex);
}

static void *hold_and_try(void *arg)
{
    (void)arg;
    BOOLEAN got = ExTryToAcquireFastMutex(&mutex);
    ok(!got, "try succeeded on a mutex owned by another thread\n");
    ok(KeGetCurrentIrql() == PASSIVE_LEVEL, "failed try left IRQL %u\n", KeGetCurrentIrql());
    if (got)
        ExReleaseFastMutex(&mutex);
    return NULL;
}

TEST(try_on_owned_mutex)
{
    pthread_t t;
    ExInitializeFastMutex(&mutex);
    ExAcquireFastMutex(&mutex);
    pthread_create(&t, NULL, hold_and_try, NULL);
    pthread_join(t, NULL);
    ExReleaseFastMutex(&mutex);
}

#define THREADS    4
#define ITERATIONS 20000

static void *contend(void *arg)
{
    (void)arg;
    for (int i = 0; i < ITERATIONS; i++) {
        ExAcquireFastMutex(&mutex);
        counter_plain++; /* protected by the mutex only */
        ExReleaseFastMutex(&mutex);
    }
    return NULL;
}

TEST(mutual_exclusion)
{
    pthread_t t[THREADS];
    ExInitializeFastMutex(&mutex);
    counter_plain = 0;
    for (int i = 0; i < THREADS; i++)
        pthread_create(&t[i], NULL, contend, NULL);
    for (int i = 0; i < THREADS; i++)
        pthread_join(t[i], NULL);
    ok(counter_plain == THREADS * ITERATIONS, "counter %ld, expected %d\n", (long)counter_plain,
       THREADS * ITERATIONS);
}

TEST(unsafe_in_critical_region)
{
    ExInitializeFastMutex(&mutex);
    KeEnterCriticalRegion();
    ExAcquireFastMutexUnsafe(&mutex);
    ok(KeGetCurrentIrql() == PASSIVE_LEVEL, "Unsafe acquire changed the IRQL to %u\n",
       KeGetCurrentIrql());
    ExReleaseFastMutexUnsafe(&mutex);
    KeLeaveCriticalRegion();
}

static void *try_and_release(void *arg)
{
    BOOLEAN *got = arg;
    *got = ExTryToAcquireFastMutex(&mutex);
    if (*got)
        ExReleaseFastMutex(&mutex);
    return NULL;
}

/* Whether another (host) thread can take the mutex now. */
static BOOLEAN other_thread_gets_it(void)
{
    pthread_t t;
    BOOLEAN got = FALSE;
    pthread_create(&t, NULL, try_and_release, &got);
    pthread_join(t, NULL);
    return got;
}

/* ExAcquireFastMutexUnsafe at APC_LEVEL takes ownership and leaves the IRQL alone;
 * ExReleaseFastMutexUnsafe gives ownership up, so another thread can then acquire it. */
TEST(unsafe_at_apc_level)
{
    KIRQL old;
    ExInitializeFastMutex(&mutex);
    KeRaiseIrql(APC_LEVEL, &old);
    ExAcquireFastMutexUnsafe(&mutex);
    ok(KeGetCurrentIrql() == APC_LEVEL, "IRQL %u while held\n", KeGetCurrentIrql());
    ok(!other_thread_gets_it(), "another thread acquired a mutex owned through the Unsafe form\n");
    ExReleaseFastMutexUnsafe(&mutex);
    ok(KeGetCurrentIrql() == APC_LEVEL, "IRQL %u after the Unsafe release\n", KeGetCurrentIrql());
    ok(other_thread_gets_it(), "the mutex is still owned after ExReleaseFastMutexUnsafe\n");
    KeLowerIrql(old);
}

TEST(unsafe_with_apcs_enabled)
{
    ExInitializeFastMutex(&mutex);
    expect_bugcheck_p1(0xC4, 0x39);
    ExAcquireFastMutexUnsafe(&mutex);
}

TEST(recursive_acquire)
{
    ExInitializeFastMutex(&mutex);
    ExAcquireFastMutex(&mutex);
    expect_bugcheck_p1(0xC4, 0x1000); /* self-deadlock (a hang on Windows) */
    ExAcquireFastMutex(&mutex);
}

TEST(acquire_at_dispatch)
{
    KIRQL old;
    ExInitializeFastMutex(&mutex);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    expect_bugcheck_p1(0xC4, 0x33);
    ExAcquireFastMutex(&mutex);
}

TEST(release_not_owned)
{
    ExInitializeFastMutex(&mutex);
    KIRQL old;
    KeRaiseIrql(APC_LEVEL, &old);
    expect_bugcheck_p1(0xC4, 0x1007);
    ExReleaseFastMutex(&mutex);
}

/* 0xC4 / 0x34: ExReleaseFastMutex at another IRQL than APC_LEVEL (parameters: IRQL, mutex, 0). */
TEST(release_at_passive_level_is_0xC4_0x34)
{
    ExInitializeFastMutex(&mutex);
    ExAcquireFastMutex(&mutex);
    KeLowerIrql(PASSIVE_LEVEL); /* the driver's bug: it lowered the IRQL the mutex raised */
    expect_bugcheck_params(0xC4, BUGCHECK_PALL, 0x34, PASSIVE_LEVEL, &mutex, 0);
    ExReleaseFastMutex(&mutex);
}

/* 0xC4 / 0x3A: ExReleaseFastMutexUnsafe with APCs enabled (parameters: IRQL, the thread's APC
 * disable count, mutex). */
TEST(unsafe_release_with_apcs_enabled_is_0xC4_0x3A)
{
    ExInitializeFastMutex(&mutex);
    KeEnterCriticalRegion();
    ExAcquireFastMutexUnsafe(&mutex);
    KeLeaveCriticalRegion();
    expect_bugcheck_params(0xC4, BUGCHECK_PALL, 0x3A, PASSIVE_LEVEL, 0, &mutex);
    ExReleaseFastMutexUnsafe(&mutex);
}

static volatile LONG held_by_other;

/* Acquires the mutex and keeps it, alive, until the test's process ends (a thread that ended
 * could leave its thread state's address to the next thread that asks for one). */
static void *acquire_and_keep(void *arg)
{
    (void)arg;
    ExAcquireFastMutex(&mutex);
    __atomic_store_n(&held_by_other, 1, __ATOMIC_RELEASE);
    for (;;)
        usleep(100000);
    return NULL;
}

/* 0xC4 / 0x1004: releasing a fast mutex another thread owns (parameter 2: the mutex). */
TEST(release_by_another_thread_is_0xC4_0x1004)
{
    pthread_t t;
    KIRQL old;
    ExInitializeFastMutex(&mutex);
    pthread_create(&t, NULL, acquire_and_keep, NULL);
    pthread_detach(t);
    while (!__atomic_load_n(&held_by_other, __ATOMIC_ACQUIRE))
        usleep(1000);
    KeRaiseIrql(APC_LEVEL, &old);
    expect_bugcheck_params(0xC4, BUGCHECK_P1 | BUGCHECK_P2, 0x1004, &mutex, 0, 0);
    ExReleaseFastMutex(&mutex);
}
