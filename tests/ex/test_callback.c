/*
 * test_callback.c - callback objects: ExCreateCallback (create, open, unnamed, missing, system
 * objects), ExRegisterCallback (order, AllowMultipleCallbacks), ExNotifyCallback (arguments,
 * context, the caller's IRQL), ExUnregisterCallback (waits for a running routine), reference
 * counting, and the IRQL rules.
 */
#include <wdm.h>

#include "systhread.h"
#include "harness.h"

static LONG calls[8], call_count;
static PVOID seen_args[2], seen_ctx;
static KIRQL seen_irql;

static VOID Record(PVOID Context, PVOID Argument1, PVOID Argument2)
{
    LONG n = InterlockedIncrement(&call_count);
    if (n <= 8)
        calls[n - 1] = (LONG)(LONG_PTR)Context;
    seen_args[0] = Argument1;
    seen_args[1] = Argument2;
    seen_ctx = Context;
    seen_irql = KeGetCurrentIrql();
}

static NTSTATUS open_callback(PCWSTR name, BOOLEAN create, BOOLEAN multiple, PCALLBACK_OBJECT *out)
{
    UNICODE_STRING us;
    OBJECT_ATTRIBUTES attributes;
    RtlInitUnicodeString(&us, name);
    InitializeObjectAttributes(&attributes, &us, OBJ_CASE_INSENSITIVE | OBJ_PERMANENT, NULL, NULL);
    return ExCreateCallback(out, &attributes, create, multiple);
}

TEST(create_open_and_notify_in_order)
{
    PCALLBACK_OBJECT created = NULL, opened = NULL;
    ok_status(open_callback(L"\\Callback\\DrvhostTestA", FALSE, TRUE, &created),
              STATUS_OBJECT_NAME_NOT_FOUND);
    ok_status(open_callback(L"\\Callback\\DrvhostTestA", TRUE, TRUE, &created), STATUS_SUCCESS);
    ok(created != NULL, "no object\n");
    ok_status(open_callback(L"\\callback\\drvhosttesta", FALSE, FALSE, &opened), STATUS_SUCCESS);
    ok(opened == created, "opened %p, created %p\n", opened, created);
    PVOID r1 = ExRegisterCallback(opened, Record, (PVOID)1);
    PVOID r2 = ExRegisterCallback(opened, Record, (PVOID)2);
    PVOID r3 = ExRegisterCallback(opened, Record, (PVOID)3);
    ok(r1 && r2 && r3, "registrations %p %p %p\n", r1, r2, r3);
    call_count = 0;
    ExNotifyCallback(created, (PVOID)0x11, (PVOID)0x22);
    ok(call_count == 3 && calls[0] == 1 && calls[1] == 2 && calls[2] == 3,
       "%ld calls, order %ld %ld %ld\n", (long)call_count, (long)calls[0], (long)calls[1],
       (long)calls[2]);
    ok(seen_args[0] == (PVOID)0x11 && seen_args[1] == (PVOID)0x22, "arguments %p %p\n",
       seen_args[0], seen_args[1]);
    ExUnregisterCallback(r2);
    call_count = 0;
    ExNotifyCallback(created, NULL, NULL);
    ok(call_count == 2 && calls[0] == 1 && calls[1] == 3, "after unregister: %ld calls\n",
       (long)call_count);
    ExUnregisterCallback(r1);
    ExUnregisterCallback(r3);
    call_count = 0;
    ExNotifyCallback(created, NULL, NULL);
    ok(call_count == 0, "%ld calls with nothing registered\n", (long)call_count);
    ObDereferenceObject(opened);
    ObDereferenceObject(created);
    /* The last reference gone, the name went with the object (see the deviation on
     * OBJ_PERMANENT in docs/compatibility.md). */
    ok_status(open_callback(L"\\Callback\\DrvhostTestA", FALSE, TRUE, &opened),
              STATUS_OBJECT_NAME_NOT_FOUND);
}

TEST(single_callback_object_refuses_a_second_routine)
{
    PCALLBACK_OBJECT cb, again;
    ok_status(open_callback(L"\\Callback\\DrvhostTestSingle", TRUE, FALSE, &cb), STATUS_SUCCESS);
    PVOID r1 = ExRegisterCallback(cb, Record, (PVOID)1);
    ok(r1 != NULL, "first registration failed\n");
    ok(ExRegisterCallback(cb, Record, (PVOID)2) == NULL, "second routine registered\n");
    /* AllowMultipleCallbacks is ignored when the object exists. */
    ok_status(open_callback(L"\\Callback\\DrvhostTestSingle", TRUE, TRUE, &again), STATUS_SUCCESS);
    ok(again == cb, "a second object %p for the same name\n", again);
    ok(ExRegisterCallback(again, Record, (PVOID)2) == NULL, "second routine registered\n");
    ExUnregisterCallback(r1);
    PVOID r2 = ExRegisterCallback(cb, Record, (PVOID)2);
    ok(r2 != NULL, "registration after the first one went failed\n");
    ExUnregisterCallback(r2);
    ObDereferenceObject(again);
    ObDereferenceObject(cb);
}

TEST(unnamed_and_bad_names)
{
    PCALLBACK_OBJECT cb = (PCALLBACK_OBJECT)0x1234;
    OBJECT_ATTRIBUTES attributes;
    InitializeObjectAttributes(&attributes, NULL, OBJ_CASE_INSENSITIVE, NULL, NULL);
    ok_status(ExCreateCallback(&cb, &attributes, TRUE, TRUE), STATUS_UNSUCCESSFUL);
    ok(cb == (PCALLBACK_OBJECT)0x1234, "output written on failure\n");
    ok_status(open_callback(L"\\NoSuchDirectory\\X", TRUE, TRUE, &cb),
              STATUS_OBJECT_PATH_NOT_FOUND);
}

TEST(system_callback_objects_open)
{
    static const PCWSTR names[] = {L"\\Callback\\PowerState", L"\\Callback\\SetSystemTime",
                                   L"\\Callback\\ProcessorAdd"};
    for (int i = 0; i < 3; i++) {
        PCALLBACK_OBJECT cb = NULL;
        ok_status(open_callback(names[i], FALSE, TRUE, &cb), STATUS_SUCCESS);
        PVOID r = cb ? ExRegisterCallback(cb, Record, NULL) : NULL;
        PVOID r2 = cb ? ExRegisterCallback(cb, Record, NULL) : NULL;
        ok(r != NULL && r2 != NULL, "%d: system objects allow several routines\n", i);
        if (r)
            ExUnregisterCallback(r);
        if (r2)
            ExUnregisterCallback(r2);
        if (cb)
            ObDereferenceObject(cb);
    }
}

TEST(notify_runs_routines_at_the_callers_irql)
{
    PCALLBACK_OBJECT cb;
    KIRQL old;
    ok_status(open_callback(L"\\Callback\\DrvhostTestIrql", TRUE, TRUE, &cb), STATUS_SUCCESS);
    PVOID r = ExRegisterCallback(cb, Record, (PVOID)9);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    seen_irql = PASSIVE_LEVEL;
    ExNotifyCallback(cb, NULL, NULL);
    KeLowerIrql(old);
    ok(seen_irql == DISPATCH_LEVEL, "routine ran at %u\n", seen_irql);
    ok(seen_ctx == (PVOID)9, "context %p\n", seen_ctx);
    ExUnregisterCallback(r);
    ObDereferenceObject(cb);
}

/* ExUnregisterCallback returns only once a running routine returned. */
static KEVENT slow_entered;
static volatile LONG slow_done, slow_calls;

static VOID Slow(PVOID Context, PVOID Argument1, PVOID Argument2)
{
    (void)Context, (void)Argument1, (void)Argument2;
    InterlockedIncrement(&slow_calls);
    KeSetEvent(&slow_entered, 0, FALSE);
    sleep_ms(300);
    InterlockedExchange(&slow_done, 1);
}

static VOID NotifyThread(PVOID Context)
{
    ExNotifyCallback(Context, NULL, NULL);
}

TEST(unregister_waits_for_a_running_routine)
{
    PCALLBACK_OBJECT cb;
    ok_status(open_callback(L"\\Callback\\DrvhostTestWait", TRUE, TRUE, &cb), STATUS_SUCCESS);
    PVOID r = ExRegisterCallback(cb, Slow, NULL);
    KeInitializeEvent(&slow_entered, NotificationEvent, FALSE);
    slow_done = 0;
    PKTHREAD t = start_thread(NotifyThread, cb);
    KeWaitForSingleObject(&slow_entered, Executive, KernelMode, FALSE, NULL);
    ExUnregisterCallback(r);
    ok(InterlockedCompareExchange(&slow_done, 0, 0) == 1,
       "ExUnregisterCallback returned while the routine ran\n");
    join_thread(t);
    ObDereferenceObject(cb);
}

static KEVENT unregistering;

static VOID UnregisterThread(PVOID Context)
{
    KeSetEvent(&unregistering, 0, FALSE);
    ExUnregisterCallback(Context);
}

/* Once ExUnregisterCallback began (it waits for the running call), no new notification calls
 * the routine; the other registrations still run. */
TEST(no_new_call_while_unregistering)
{
    PCALLBACK_OBJECT cb;
    ok_status(open_callback(L"\\Callback\\DrvhostTestGoing", TRUE, TRUE, &cb), STATUS_SUCCESS);
    PVOID going = ExRegisterCallback(cb, Slow, NULL);
    PVOID other = ExRegisterCallback(cb, Record, (PVOID)5);
    KeInitializeEvent(&slow_entered, NotificationEvent, FALSE);
    slow_done = slow_calls = call_count = 0;
    PKTHREAD notifier = start_thread(NotifyThread, cb);
    KeWaitForSingleObject(&slow_entered, Executive, KernelMode, FALSE, NULL);
    KeInitializeEvent(&unregistering, NotificationEvent, FALSE);
    PKTHREAD unregisterer = start_thread(UnregisterThread, going);
    KeWaitForSingleObject(&unregistering, Executive, KernelMode, FALSE, NULL);
    sleep_ms(80); /* the unregistration has begun and waits for Slow (still sleeping) */
    ExNotifyCallback(cb, NULL, NULL);
    ok(InterlockedCompareExchange(&slow_calls, 0, 0) == 1,
       "the routine being unregistered ran "
       "%ld times\n",
       (long)slow_calls);
    ok(InterlockedCompareExchange(&call_count, 0, 0) >= 1, "the other routine did not run\n");
    join_thread(unregisterer);
    join_thread(notifier);
    ExUnregisterCallback(other);
    ObDereferenceObject(cb);
}

TEST(registration_keeps_the_object)
{
    PCALLBACK_OBJECT cb, again;
    ok_status(open_callback(L"\\Callback\\DrvhostTestRef", TRUE, TRUE, &cb), STATUS_SUCCESS);
    PVOID r = ExRegisterCallback(cb, Record, NULL);
    ObDereferenceObject(cb);
    ok_status(open_callback(L"\\Callback\\DrvhostTestRef", FALSE, TRUE, &again), STATUS_SUCCESS);
    ok(again == cb, "the registered object went\n");
    ExUnregisterCallback(r);
    ObDereferenceObject(again);
}

TEST(notify_above_dispatch_bugchecks)
{
    PCALLBACK_OBJECT cb;
    KIRQL old;
    ok_status(open_callback(L"\\Callback\\DrvhostTestHigh", TRUE, TRUE, &cb), STATUS_SUCCESS);
    expect_bugcheck_params(0xA, BUGCHECK_P1 | BUGCHECK_P2 | BUGCHECK_P3, cb, DISPATCH_LEVEL + 1, 0,
                           0);
    KeRaiseIrql(DISPATCH_LEVEL + 1, &old);
    ExNotifyCallback(cb, NULL, NULL);
}

TEST(register_at_dispatch_bugchecks)
{
    PCALLBACK_OBJECT cb;
    KIRQL old;
    ok_status(open_callback(L"\\Callback\\DrvhostTestDisp", TRUE, TRUE, &cb), STATUS_SUCCESS);
    expect_bugcheck_params(0xA, BUGCHECK_P1 | BUGCHECK_P2 | BUGCHECK_P3, cb, DISPATCH_LEVEL, 0, 0);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    ExRegisterCallback(cb, Record, NULL);
}

TEST(notify_of_a_non_callback_object_bugchecks)
{
    /* Zeroed memory with room before the pointer, where an object's header would be. */
    static ULONG_PTR not_an_object[16];
    expect_bugcheck_params(0xC4, BUGCHECK_P1 | BUGCHECK_P2, 0x101, &not_an_object[8], 0, 0);
    ExNotifyCallback(&not_an_object[8], NULL, NULL);
}
