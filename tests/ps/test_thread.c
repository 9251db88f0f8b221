/*
 * test_thread.c - system threads: PsCreateSystemThread (handle, ClientId, start state),
 * ObReferenceObjectByHandle with *PsThreadType, waiting on the thread object, termination
 * (return and PsTerminateSystemThread), PsIsSystemThread, PsGetVersion, and cross-thread waits
 * on events. Expected values are what Windows documents.
 */
#include <wdm.h>

#include "harness.h"
#include "systhread.h"

typedef struct {
    KIRQL Irql;
    BOOLEAN IsSystem;
    BOOLEAN ApcsDisabled;
    HANDLE ThreadId;
    PKTHREAD Self;
    LONG AfterTerminate;
    KEVENT Release;
} START_RECORD;

static VOID RecordStart(PVOID Context)
{
    START_RECORD *r = Context;
    r->Irql = KeGetCurrentIrql();
    r->IsSystem = PsIsSystemThread(PsGetCurrentThread());
    r->ApcsDisabled = KeAreApcsDisabled();
    r->ThreadId = PsGetCurrentThreadId();
    r->Self = KeGetCurrentThread();
    /* The thread object is an object: it can be referenced through itself. */
    ObReferenceObject(PsGetCurrentThread());
    ObDereferenceObject(PsGetCurrentThread());
}

/* A UserMode caller gets only the access the handle was granted (STATUS_ACCESS_DENIED beyond
 * it); a KernelMode caller is not access-checked. */
TEST(reference_by_handle_checks_user_mode_access)
{
    START_RECORD r = {0};
    HANDLE h = NULL;
    PVOID thread = NULL;
    ok_status(PsCreateSystemThread(&h, SYNCHRONIZE, NULL, NULL, NULL, RecordStart, &r),
              STATUS_SUCCESS);
    ok_status(ObReferenceObjectByHandle(h, SYNCHRONIZE, *PsThreadType, UserMode, &thread, NULL),
              STATUS_SUCCESS);
    ObDereferenceObject(thread);
    thread = (PVOID)1;
    ok_status(
        ObReferenceObjectByHandle(h, SYNCHRONIZE | DELETE, *PsThreadType, UserMode, &thread, NULL),
        STATUS_ACCESS_DENIED);
    ok(thread == (PVOID)1, "Object written on failure");
    ok_status(
        ObReferenceObjectByHandle(h, THREAD_ALL_ACCESS, *PsThreadType, KernelMode, &thread, NULL),
        STATUS_SUCCESS);
    ok_status(ZwClose(h), STATUS_SUCCESS);
    ok_status(KeWaitForSingleObject(thread, Executive, KernelMode, FALSE, NULL), STATUS_SUCCESS);
    ObDereferenceObject(thread);
}

TEST(create_wait_and_dereference)
{
    START_RECORD r = {0};
    HANDLE h = NULL;
    CLIENT_ID cid = {0};
    PVOID thread = NULL;
    OBJECT_HANDLE_INFORMATION info;
    ok_status(PsCreateSystemThread(&h, THREAD_ALL_ACCESS, NULL, NULL, &cid, RecordStart, &r),
              STATUS_SUCCESS);
    ok(((ULONG_PTR)h & 0xFFFFFFFF80000000ull) == 0xFFFFFFFF80000000ull, "not a kernel handle: %p",
       h);
    ok_status(ObReferenceObjectByHandle(h, SYNCHRONIZE, *PsThreadType, KernelMode, &thread, &info),
              STATUS_SUCCESS);
    ok(info.GrantedAccess == THREAD_ALL_ACCESS, "granted access %#lx",
       (unsigned long)info.GrantedAccess);
    ok_status(ZwClose(h), STATUS_SUCCESS);
    ok_status(KeWaitForSingleObject(thread, Executive, KernelMode, FALSE, NULL), STATUS_SUCCESS);
    ok(r.Irql == PASSIVE_LEVEL, "start IRQL %u", r.Irql);
    ok(r.IsSystem, "PsIsSystemThread FALSE in a system thread");
    ok(r.ApcsDisabled, "a new system thread runs inside a critical region (documented)");
    ok(r.Self == thread, "KeGetCurrentThread %p, object %p", (void *)r.Self, thread);
    ok(cid.UniqueThread == r.ThreadId, "ClientId thread %p, PsGetCurrentThreadId %p",
       cid.UniqueThread, r.ThreadId);
    ok(cid.UniqueProcess == PsGetCurrentProcessId(), "ClientId process %p", cid.UniqueProcess);
    /* Signalled for good: a second wait does not block. */
    LARGE_INTEGER zero = {.QuadPart = 0};
    ok_status(KeWaitForSingleObject(thread, Executive, KernelMode, FALSE, &zero), STATUS_SUCCESS);
    ObDereferenceObject(thread);
}

static VOID Terminate(PVOID Context)
{
    START_RECORD *r = Context;
    PsTerminateSystemThread(STATUS_UNSUCCESSFUL);
    r->AfterTerminate = 1; /* never reached */
}

TEST(terminate_ends_the_thread)
{
    START_RECORD r = {0};
    PKTHREAD t = start_thread(Terminate, &r);
    join_thread(t);
    ok(r.AfterTerminate == 0, "PsTerminateSystemThread returned");
}

TEST(terminate_from_a_non_system_thread)
{
    ok(!PsIsSystemThread(PsGetCurrentThread()), "the test's own thread is not a system thread");
    ok_status(PsTerminateSystemThread(STATUS_SUCCESS), STATUS_INVALID_PARAMETER);
}

static VOID WaitForRelease(PVOID Context)
{
    START_RECORD *r = Context;
    ok_status(KeWaitForSingleObject(&r->Release, Executive, KernelMode, FALSE, NULL),
              STATUS_SUCCESS);
}

TEST(thread_object_signalled_only_at_exit)
{
    START_RECORD r = {0};
    LARGE_INTEGER zero = {.QuadPart = 0}, short_wait = {.QuadPart = -200000};
    PVOID wrong = NULL;
    HANDLE h;
    PVOID thread;
    KeInitializeEvent(&r.Release, NotificationEvent, FALSE);
    ok_status(PsCreateSystemThread(&h, THREAD_ALL_ACCESS, NULL, NULL, NULL, WaitForRelease, &r),
              STATUS_SUCCESS);
    ok_status(ObReferenceObjectByHandle(h, 0, *ExEventObjectType, KernelMode, &wrong, NULL),
              STATUS_OBJECT_TYPE_MISMATCH);
    ok_status(ObReferenceObjectByHandle(h, SYNCHRONIZE, *PsThreadType, KernelMode, &thread, NULL),
              STATUS_SUCCESS);
    ok_status(KeWaitForSingleObject(thread, Executive, KernelMode, FALSE, &zero), STATUS_TIMEOUT);
    ok_status(KeWaitForSingleObject(thread, Executive, KernelMode, FALSE, &short_wait),
              STATUS_TIMEOUT);
    KeSetEvent(&r.Release, 0, FALSE);
    ok_status(KeWaitForSingleObject(thread, Executive, KernelMode, FALSE, NULL), STATUS_SUCCESS);
    ok_status(ZwClose(h), STATUS_SUCCESS);
    ok_status(ZwClose(h), STATUS_INVALID_HANDLE);
    ObDereferenceObject(thread);
}

/* Two system threads wait on one synchronization event: each KeSetEvent releases one. */
typedef struct {
    KEVENT Gate;
    volatile LONG Passed;
} GATE;

static VOID PassGate(PVOID Context)
{
    GATE *g = Context;
    ok_status(KeWaitForSingleObject(&g->Gate, Executive, KernelMode, FALSE, NULL), STATUS_SUCCESS);
    InterlockedIncrement(&g->Passed);
}

TEST(synchronization_event_releases_one_waiter_per_set)
{
    GATE g;
    PKTHREAD a, b;
    LONG passed;
    g.Passed = 0;
    KeInitializeEvent(&g.Gate, SynchronizationEvent, FALSE);
    a = start_thread(PassGate, &g);
    b = start_thread(PassGate, &g);
    sleep_ms(50); /* both are blocked by now */
    ok(InterlockedCompareExchange(&g.Passed, 0, 0) == 0, "a waiter passed a reset event");
    KeSetEvent(&g.Gate, 0, FALSE);
    sleep_ms(100);
    passed = InterlockedCompareExchange(&g.Passed, 0, 0);
    ok(passed == 1, "%ld waiters released by one set", (long)passed);
    ok(KeReadStateEvent(&g.Gate) == 0, "the event stays signalled after releasing a waiter");
    KeSetEvent(&g.Gate, 0, FALSE);
    join_thread(a);
    join_thread(b);
    ok(g.Passed == 2, "passed %ld", (long)g.Passed);
}

static VOID LeaveInCriticalRegion(PVOID Context)
{
    (void)Context;
    KeEnterCriticalRegion();
}

TEST(exit_inside_a_critical_region)
{
    PKTHREAD t;
    expect_bugcheck_p1(0x20, 0); /* KERNEL_APC_PENDING_DURING_EXIT: no APC (0) */
    t = start_thread(LeaveInCriticalRegion, NULL);
    KeWaitForSingleObject(t, Executive, KernelMode, FALSE, NULL);
}

TEST(version_is_windows_10)
{
    ULONG major = 0, minor = 1, build = 0;
    WCHAR buffer[8] = {L'x'};
    UNICODE_STRING csd = {2, sizeof(buffer), buffer};
    ok(PsGetVersion(&major, &minor, &build, &csd) == FALSE, "not a checked build");
    ok(major == 10 && minor == 0, "version %lu.%lu", (unsigned long)major, (unsigned long)minor);
    ok(build >= 10240, "build %lu", (unsigned long)build);
    ok(csd.Length == 0, "no service pack: CSDVersion length %u", csd.Length);
    ok(PsGetVersion(NULL, NULL, NULL, NULL) == FALSE, "all parameters optional");
}

/* ObReferenceObjectByHandleWithTag: ObReferenceObjectByHandle with a tag for reference tracing;
 * the same checks (type, handle) and the same object; ObDereferenceObjectWithTag drops it. */
static VOID ReturnAtOnce(PVOID Context)
{
    (void)Context;
}

TEST(reference_by_handle_with_tag)
{
    HANDLE h = NULL;
    PVOID object = NULL, plain = NULL;
    ok_status(PsCreateSystemThread(&h, THREAD_ALL_ACCESS, NULL, NULL, NULL, ReturnAtOnce, NULL),
              STATUS_SUCCESS);
    ok_status(ObReferenceObjectByHandleWithTag(h, SYNCHRONIZE, *PsThreadType, KernelMode, 'gaTT',
                                               &object, NULL),
              STATUS_SUCCESS);
    ok_status(ObReferenceObjectByHandle(h, SYNCHRONIZE, *PsThreadType, KernelMode, &plain, NULL),
              STATUS_SUCCESS);
    ok(object != NULL && object == plain, "tagged %p, untagged %p", object, plain);
    ok_status(ObReferenceObjectByHandleWithTag(h, SYNCHRONIZE, *IoFileObjectType, KernelMode,
                                               'gaTT', &plain, NULL),
              STATUS_OBJECT_TYPE_MISMATCH);
    ok_status(ObReferenceObjectByHandleWithTag((HANDLE)(ULONG_PTR)0x7FF0, SYNCHRONIZE,
                                               *PsThreadType, KernelMode, 'gaTT', &plain, NULL),
              STATUS_INVALID_HANDLE);
    ok_status(ZwClose(h), STATUS_SUCCESS);
    ok_status(KeWaitForSingleObject(object, Executive, KernelMode, FALSE, NULL), STATUS_SUCCESS);
    ObDereferenceObject(object);
    ObDereferenceObjectWithTag(object, 'gaTT');
}
