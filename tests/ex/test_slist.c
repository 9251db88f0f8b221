/*
 * test_slist.c - sequenced lists (InitializeSListHead, InterlockedPush/Pop/FlushSList,
 * QueryDepthSList), single-threaded and under contention, and the ExInterlocked list routines'
 * return values.
 *
 * The contended test uses host threads: PsCreateSystemThread is not there yet.
 */
#include <pthread.h>
#include <wdm.h>

#include "harness.h"

typedef struct _ITEM {
    SLIST_ENTRY Entry; /* first, 16-byte aligned */
    ULONG Value;
} ITEM;

TEST(slist_basics)
{
    DECLSPEC_ALIGN(16) SLIST_HEADER head;
    static ITEM items[3];
    InitializeSListHead(&head);
    ok(QueryDepthSList(&head) == 0, "depth %u\n", QueryDepthSList(&head));
    ok(InterlockedPopEntrySList(&head) == NULL, "pop from an empty list\n");
    ok(InterlockedFlushSList(&head) == NULL, "flush of an empty list\n");
    ok(InterlockedPushEntrySList(&head, &items[0].Entry) == NULL, "first push: previous entry\n");
    ok(InterlockedPushEntrySList(&head, &items[1].Entry) == &items[0].Entry, "second push\n");
    ok(InterlockedPushEntrySList(&head, &items[2].Entry) == &items[1].Entry, "third push\n");
    ok(QueryDepthSList(&head) == 3, "depth %u, expected 3\n", QueryDepthSList(&head));
    ok(InterlockedPopEntrySList(&head) == &items[2].Entry, "pop is LIFO\n");
    ok(QueryDepthSList(&head) == 2, "depth %u, expected 2\n", QueryDepthSList(&head));
    PSLIST_ENTRY chain = InterlockedFlushSList(&head);
    ok(chain == &items[1].Entry && chain->Next == &items[0].Entry && chain->Next->Next == NULL,
       "flush returns the chain\n");
    ok(QueryDepthSList(&head) == 0, "depth after flush %u\n", QueryDepthSList(&head));
    ok(InterlockedPopEntrySList(&head) == NULL, "pop after flush\n");
}

/* The header keeps Windows' x64 layout between operations: depth in bits 0-15 and a sequence
 * that every change advances in bits 16-63 of the first word, the first entry's address in the
 * second word. */
TEST(slist_header_layout)
{
    DECLSPEC_ALIGN(16) SLIST_HEADER head;
    static ITEM items[2];
    ULONGLONG seq0;
    InitializeSListHead(&head);
    ok(head.Alignment == 0 && head.Region == 0, "initialised header %llx %llx\n",
       (unsigned long long)head.Alignment, (unsigned long long)head.Region);
    InterlockedPushEntrySList(&head, &items[0].Entry);
    InterlockedPushEntrySList(&head, &items[1].Entry);
    ok(head.Region == (ULONGLONG)(ULONG_PTR)&items[1].Entry,
       "Region %llx, expected the first entry\n", (unsigned long long)head.Region);
    ok(head.HeaderX64.Depth == 2, "Depth field %u\n", (unsigned)head.HeaderX64.Depth);
    ok(head.HeaderX64.NextEntry << 4 == (ULONGLONG)(ULONG_PTR)&items[1].Entry, "NextEntry field\n");
    seq0 = head.HeaderX64.Sequence;
    InterlockedPopEntrySList(&head);
    ok(head.HeaderX64.Sequence != seq0, "a pop advances the sequence\n");
    ok(head.HeaderX64.Depth == 1 && head.Region == (ULONGLONG)(ULONG_PTR)&items[0].Entry,
       "after the pop: depth %u\n", (unsigned)head.HeaderX64.Depth);
    InterlockedFlushSList(&head);
    ok(head.HeaderX64.Depth == 0 && head.Region == 0, "after the flush\n");
}

/* Deviation (docs: entries must be MEMORY_ALLOCATION_ALIGNMENT-aligned, anything else gives
 * unpredictable results): drvhost raises STATUS_DATATYPE_MISALIGNMENT in the pusher and leaves
 * the list unchanged. */
TEST(slist_misaligned_entry_raises)
{
    DECLSPEC_ALIGN(16) SLIST_HEADER head;
    static DECLSPEC_ALIGN(16) UCHAR storage[64];
    volatile NTSTATUS caught = STATUS_SUCCESS;
    InitializeSListHead(&head);
    __try {
        InterlockedPushEntrySList(&head, (PSLIST_ENTRY)(storage + 8));
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        caught = GetExceptionCode();
    }
    ok(caught == STATUS_DATATYPE_MISALIGNMENT, "raised 0x%08x\n", (unsigned)caught);
    ok(QueryDepthSList(&head) == 0 && head.Region == 0, "list unchanged\n");
}

#define THREADS    4
#define PER_THREAD 2000
#define ROUNDS     200

static DECLSPEC_ALIGN(16) SLIST_HEADER shared_head;
static ITEM pool_items[THREADS * PER_THREAD];

static void *slist_worker(void *arg)
{
    ITEM *mine = &pool_items[(ULONG_PTR)arg * PER_THREAD];
    for (int i = 0; i < PER_THREAD; i++)
        InterlockedPushEntrySList(&shared_head, &mine[i].Entry);
    for (int r = 0; r < ROUNDS; r++) {
        PSLIST_ENTRY e = InterlockedPopEntrySList(&shared_head);
        if (e != NULL)
            InterlockedPushEntrySList(&shared_head, e);
        (void)QueryDepthSList(&shared_head);
    }
    return NULL;
}

TEST(slist_contended)
{
    pthread_t threads[THREADS];
    static unsigned char seen[THREADS * PER_THREAD];
    ULONG count = 0;
    PSLIST_ENTRY e;
    InitializeSListHead(&shared_head);
    for (ULONG_PTR i = 0; i < THREADS; i++)
        pthread_create(&threads[i], NULL, slist_worker, (void *)i);
    for (int i = 0; i < THREADS; i++)
        pthread_join(threads[i], NULL);
    ok(QueryDepthSList(&shared_head) == THREADS * PER_THREAD, "depth %u\n",
       QueryDepthSList(&shared_head));
    while ((e = InterlockedPopEntrySList(&shared_head)) != NULL) {
        ITEM *item = CONTAINING_RECORD(e, ITEM, Entry);
        size_t index = (size_t)(item - pool_items);
        ok(index < THREADS * PER_THREAD && !seen[index], "entry %zu popped twice or foreign\n",
           index);
        seen[index] = 1;
        count++;
    }
    ok(count == THREADS * PER_THREAD, "popped %lu entries\n", (unsigned long)count);
}

TEST(interlocked_list_return_values)
{
    LIST_ENTRY head, a, b, c;
    KSPIN_LOCK lock;
    KeInitializeSpinLock(&lock);
    InitializeListHead(&head);
    ok(ExInterlockedRemoveHeadList(&head, &lock) == NULL, "remove from an empty list\n");
    ok(ExInterlockedInsertTailList(&head, &a, &lock) == NULL, "insert into an empty list\n");
    ok(ExInterlockedInsertTailList(&head, &b, &lock) == &a,
       "tail insert returns the first entry\n");
    ok(ExInterlockedInsertHeadList(&head, &c, &lock) == &a, "head insert returns the old first\n");
    ok(head.Flink == &c && c.Flink == &a && a.Flink == &b && b.Flink == &head, "list order\n");
    ok(ExInterlockedRemoveHeadList(&head, &lock) == &c, "remove returns the head\n");
    ok(ExInterlockedRemoveHeadList(&head, &lock) == &a, "remove returns the head\n");
    ok(ExInterlockedRemoveHeadList(&head, &lock) == &b, "remove returns the head\n");
    ok(IsListEmpty(&head), "list not empty\n");
    ok(KeGetCurrentIrql() == PASSIVE_LEVEL, "IRQL %u after the calls\n", KeGetCurrentIrql());
}

TEST(interlocked_single_list)
{
    SINGLE_LIST_ENTRY head = {NULL}, a, b;
    KSPIN_LOCK lock;
    KeInitializeSpinLock(&lock);
    ok(ExInterlockedPopEntryList(&head, &lock) == NULL, "pop from an empty list\n");
    ok(ExInterlockedPushEntryList(&head, &a, &lock) == NULL, "push onto an empty list\n");
    ok(ExInterlockedPushEntryList(&head, &b, &lock) == &a, "push returns the old first\n");
    ok(ExInterlockedPopEntryList(&head, &lock) == &b, "pop is LIFO\n");
    ok(ExInterlockedPopEntryList(&head, &lock) == &a, "pop is LIFO\n");
    ok(head.Next == NULL, "list not empty\n");
}

/* The Ex names of the sequenced-list routines (the spin lock argument is ignored on x64). */
TEST(ex_slist_names)
{
    DECLSPEC_ALIGN(16) SLIST_HEADER head;
    static ITEM items[2];
    KSPIN_LOCK unused;
    KeInitializeSpinLock(&unused);
    head.Alignment = ~0ULL; /* initialisation must reset whatever was there */
    ExInitializeSListHead(&head);
    ok(ExQueryDepthSList(&head) == 0, "depth %u\n", ExQueryDepthSList(&head));
    ok(ExInterlockedPopEntrySList(&head, &unused) == NULL, "pop from an empty list\n");
    ok(ExInterlockedPushEntrySList(&head, &items[0].Entry, &unused) == NULL, "first push\n");
    ok(ExInterlockedPushEntrySList(&head, &items[1].Entry, &unused) == &items[0].Entry,
       "second push did not return the previous first entry\n");
    ok(ExQueryDepthSList(&head) == 2, "depth %u, expected 2\n", ExQueryDepthSList(&head));
    ok(ExInterlockedPopEntrySList(&head, &unused) == &items[1].Entry, "pop is not LIFO\n");
    ok(ExQueryDepthSList(&head) == 1, "depth %u, expected 1\n", ExQueryDepthSList(&head));
    ExInterlockedPushEntrySList(&head, &items[1].Entry, &unused);
    PSLIST_ENTRY chain = ExInterlockedFlushSList(&head);
    ok(chain == &items[1].Entry && chain->Next == &items[0].Entry && chain->Next->Next == NULL,
       "flush did not return the chain\n");
    ok(ExQueryDepthSList(&head) == 0 && ExInterlockedPopEntrySList(&head, &unused) == NULL,
       "list not empty after flush\n");
}
