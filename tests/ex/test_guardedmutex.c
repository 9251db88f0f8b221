/*
 * test_guardedmutex.c - guarded mutexes: the IRQL is left alone and APCs are disabled while
 * held, KeTryToAcquireGuardedMutex, mutual exclusion between system threads, recursion (0xC4).
 */
#include <wdm.h>

#include "systhread.h"
#include "harness.h"

static KGUARDED_MUTEX mutex;
static LONG plain;

TEST(irql_and_apcs)
{
    ok(sizeof(KGUARDED_MUTEX) == 0x38, "size %zu", sizeof(KGUARDED_MUTEX));
    KeInitializeGuardedMutex(&mutex);
    KeAcquireGuardedMutex(&mutex);
    ok(KeGetCurrentIrql() == PASSIVE_LEVEL, "IRQL %u while held", KeGetCurrentIrql());
    ok(KeAreApcsDisabled(), "APCs enabled while held");
    KeReleaseGuardedMutex(&mutex);
    ok(!KeAreApcsDisabled(), "APCs still disabled after release");
    ok(KeTryToAcquireGuardedMutex(&mutex), "try on a free mutex");
    ok(KeGetCurrentIrql() == PASSIVE_LEVEL, "IRQL %u after try", KeGetCurrentIrql());
    KeReleaseGuardedMutex(&mutex);
}

static VOID TryFromThread(PVOID Context)
{
    BOOLEAN *got = Context;
    *got = KeTryToAcquireGuardedMutex(&mutex);
    if (*got)
        KeReleaseGuardedMutex(&mutex);
}

static VOID Bump(PVOID Context)
{
    (void)Context;
    for (int i = 0; i < 5000; i++) {
        KeAcquireGuardedMutex(&mutex);
        plain++;
        KeReleaseGuardedMutex(&mutex);
    }
}

TEST(exclusion)
{
    BOOLEAN got = TRUE;
    PKTHREAD t[3];
    KeInitializeGuardedMutex(&mutex);
    KeAcquireGuardedMutex(&mutex);
    join_thread(start_thread(TryFromThread, &got));
    ok(!got, "try succeeded on an owned mutex");
    KeReleaseGuardedMutex(&mutex);
    for (int i = 0; i < 3; i++)
        t[i] = start_thread(Bump, NULL);
    for (int i = 0; i < 3; i++)
        join_thread(t[i]);
    ok(plain == 15000, "counter %ld", (long)plain);
}

/* Whether another thread can take the mutex now (KeTryToAcquireGuardedMutex from a system
 * thread, released at once if it got it). */
static BOOLEAN other_thread_gets_it(void)
{
    BOOLEAN got = FALSE;
    join_thread(start_thread(TryFromThread, &got));
    return got;
}

/* KeAcquireGuardedMutexUnsafe takes ownership without changing the IRQL;
 * KeReleaseGuardedMutexUnsafe gives it up, so another thread can then acquire it. */
TEST(unsafe_forms)
{
    KIRQL old;
    KeInitializeGuardedMutex(&mutex);
    KeRaiseIrql(APC_LEVEL, &old);
    KeAcquireGuardedMutexUnsafe(&mutex);
    ok(KeGetCurrentIrql() == APC_LEVEL, "IRQL %u while held", KeGetCurrentIrql());
    KeLowerIrql(old); /* another thread runs only while this one waits at PASSIVE_LEVEL */
    ok(!other_thread_gets_it(), "another thread acquired a mutex owned through the Unsafe form");
    KeRaiseIrql(APC_LEVEL, &old);
    KeReleaseGuardedMutexUnsafe(&mutex);
    ok(KeGetCurrentIrql() == APC_LEVEL, "IRQL %u after the Unsafe release", KeGetCurrentIrql());
    KeLowerIrql(old);
    ok(other_thread_gets_it(), "the mutex is still owned after KeReleaseGuardedMutexUnsafe");
    ok(KeTryToAcquireGuardedMutex(&mutex), "this thread cannot acquire it again after release");
    KeReleaseGuardedMutex(&mutex);
}

TEST(recursive_acquire)
{
    KeInitializeGuardedMutex(&mutex);
    KeAcquireGuardedMutex(&mutex);
    expect_bugcheck_p1(0xC4, 0x1000); /* self-deadlock (a hang on Windows) */
    KeAcquireGuardedMutex(&mutex);
}
