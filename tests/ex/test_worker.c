/*
 * test_worker.c - system worker threads (ExQueueWorkItem): the routine runs once, on another
 * thread, at PASSIVE_LEVEL, may free its own item; returning at a raised IRQL is bug check
 * 0xE1 WORKER_THREAD_RETURNED_AT_BAD_IRQL.
 */
#include <wdm.h>

#include "harness.h"

#define TAG 'kroW'

typedef struct _CONTEXT_BLOCK {
    WORK_QUEUE_ITEM Item;
    KEVENT Done;
    KIRQL Irql;
    PKTHREAD Thread;
    LONG Runs;
} CONTEXT_BLOCK;

static VOID NTAPI record(PVOID parameter)
{
    CONTEXT_BLOCK *c = parameter;
    c->Irql = KeGetCurrentIrql();
    c->Thread = KeGetCurrentThread();
    InterlockedIncrement(&c->Runs);
    KeSetEvent(&c->Done, IO_NO_INCREMENT, FALSE);
}

TEST(work_item_runs_at_passive)
{
    static CONTEXT_BLOCK c;
    KeInitializeEvent(&c.Done, NotificationEvent, FALSE);
    c.Irql = 0xFF;
    ExInitializeWorkItem(&c.Item, record, &c);
    ExQueueWorkItem(&c.Item, DelayedWorkQueue);
    ok_status(KeWaitForSingleObject(&c.Done, Executive, KernelMode, FALSE, NULL), STATUS_SUCCESS);
    ok(c.Irql == PASSIVE_LEVEL, "routine ran at IRQL %u\n", c.Irql);
    ok(c.Thread != NULL && c.Thread != KeGetCurrentThread(),
       "routine ran on the caller's thread\n");
    ok(c.Runs == 1, "routine ran %ld times\n", (long)c.Runs);
}

TEST(queue_from_dispatch_level)
{
    static CONTEXT_BLOCK c;
    KIRQL old;
    KeInitializeEvent(&c.Done, NotificationEvent, FALSE);
    ExInitializeWorkItem(&c.Item, record, &c);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    ExQueueWorkItem(&c.Item, CriticalWorkQueue);
    KeLowerIrql(old);
    ok_status(KeWaitForSingleObject(&c.Done, Executive, KernelMode, FALSE, NULL), STATUS_SUCCESS);
    ok(c.Irql == PASSIVE_LEVEL, "routine ran at IRQL %u\n", c.Irql);
}

static KEVENT all_done;
static volatile LONG remaining;

/* The routine owns its item and frees it, as the documentation asks. */
static VOID NTAPI free_self(PVOID parameter)
{
    ExFreePoolWithTag(parameter, TAG);
    if (InterlockedDecrement(&remaining) == 0)
        KeSetEvent(&all_done, IO_NO_INCREMENT, FALSE);
}

TEST(many_items_free_themselves)
{
    KeInitializeEvent(&all_done, NotificationEvent, FALSE);
    remaining = 200;
    for (int i = 0; i < 200; i++) {
        PWORK_QUEUE_ITEM item = ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(*item), TAG);
        ok(item != NULL, "allocation failed\n");
        ExInitializeWorkItem(item, free_self, item);
        ExQueueWorkItem(item, DelayedWorkQueue);
    }
    ok_status(KeWaitForSingleObject(&all_done, Executive, KernelMode, FALSE, NULL), STATUS_SUCCESS);
    ok(remaining == 0, "%ld items did not run\n", (long)remaining);
}

static VOID NTAPI return_raised(PVOID parameter)
{
    KIRQL old;
    (void)parameter;
    KeRaiseIrql(DISPATCH_LEVEL, &old);
}

TEST(routine_returns_at_dispatch)
{
    static WORK_QUEUE_ITEM item;
    static KEVENT never;
    KeInitializeEvent(&never, NotificationEvent, FALSE);
    expect_bugcheck_p1(0xE1, (ULONG_PTR)return_raised); /* the worker routine */
    ExInitializeWorkItem(&item, return_raised, NULL);
    ExQueueWorkItem(&item, DelayedWorkQueue);
    KeWaitForSingleObject(&never, Executive, KernelMode, FALSE, NULL);
}
