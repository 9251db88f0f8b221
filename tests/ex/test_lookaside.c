/*
 * test_lookaside.c - lookaside lists: custom allocate/free routines called on a miss and when
 * the list is full, entries reused, Delete/Flush returning cached entries, default routines,
 * ExInitializeLookasideListEx's parameter checks.
 */
#include <wdm.h>

#include "harness.h"

#define TAG 'kooL'

static LONG allocs, frees;

static PVOID NTAPI count_allocate(POOL_TYPE type, SIZE_T size, ULONG tag)
{
    InterlockedIncrement(&allocs);
    return ExAllocatePoolWithTag(type, size, tag);
}

static VOID NTAPI count_free(PVOID buffer)
{
    InterlockedIncrement(&frees);
    ExFreePool(buffer);
}

TEST(npaged_custom_routines)
{
    static NPAGED_LOOKASIDE_LIST list;
    static PVOID entries[2000];
    ULONG depth, n;
    allocs = frees = 0;
    ExInitializeNPagedLookasideList(&list, count_allocate, count_free, 0, 96, TAG, 0);
    ok(list.L.Size == 96 && list.L.Tag == TAG, "size %lu tag %08lx\n", (unsigned long)list.L.Size,
       (unsigned long)list.L.Tag);
    PVOID a = ExAllocateFromNPagedLookasideList(&list);
    ok(a != NULL && allocs == 1, "a miss calls Allocate (%ld calls)\n", (long)allocs);
    ExFreeToNPagedLookasideList(&list, a);
    ok(frees == 0, "a free below the depth is cached (%ld Free calls)\n", (long)frees);
    PVOID b = ExAllocateFromNPagedLookasideList(&list);
    ok(b == a && allocs == 1, "a hit reuses the cached entry\n");
    depth = list.L.Depth;
    ok(depth > 0 && depth + 1 <= 2000, "depth %lu\n", (unsigned long)depth);
    n = depth + 1;
    entries[0] = b;
    for (ULONG i = 1; i < n; i++)
        entries[i] = ExAllocateFromNPagedLookasideList(&list);
    ok(allocs == (LONG)n, "%ld Allocate calls, expected %lu\n", (long)allocs, (unsigned long)n);
    for (ULONG i = 0; i < n; i++)
        ExFreeToNPagedLookasideList(&list, entries[i]);
    ok(frees == 1, "freeing past the depth calls Free once (%ld)\n", (long)frees);
    /* a, b and n - 1 more allocations; a and n frees */
    ok(list.L.TotalAllocates == n + 1 && list.L.TotalFrees == n + 1, "statistics %lu/%lu\n",
       (unsigned long)list.L.TotalAllocates, (unsigned long)list.L.TotalFrees);
    ExDeleteNPagedLookasideList(&list);
    ok(frees == (LONG)n, "delete frees the cached entries (%ld Free calls)\n", (long)frees);
}

TEST(npaged_default_routines)
{
    static NPAGED_LOOKASIDE_LIST list;
    ExInitializeNPagedLookasideList(&list, NULL, NULL, 0, 3, TAG, 0);
    ok(list.L.Allocate == ExAllocatePoolWithTag, "default Allocate is ExAllocatePoolWithTag\n");
    ok(list.L.Free == ExFreePool, "default Free is ExFreePool\n");
    ok(list.L.Size >= LOOKASIDE_MINIMUM_BLOCK_SIZE, "size %lu below the minimum\n",
       (unsigned long)list.L.Size);
    PVOID p = ExAllocateFromNPagedLookasideList(&list),
          q = ExAllocateFromNPagedLookasideList(&list);
    ok(p != NULL && q != NULL && p != q, "allocations %p %p\n", p, q);
    ExFreeToNPagedLookasideList(&list, p);
    ExFreeToNPagedLookasideList(&list, q);
    ExDeleteNPagedLookasideList(&list); /* frees both: no leak at shutdown */
}

TEST(paged_list)
{
    static PAGED_LOOKASIDE_LIST list;
    ExInitializePagedLookasideList(&list, NULL, NULL, 0, 200, TAG, 0);
    PVOID p = ExAllocateFromPagedLookasideList(&list);
    ok(p != NULL, "allocation failed\n");
    RtlZeroMemory(p, 200);
    ExFreeToPagedLookasideList(&list, p);
    ExDeletePagedLookasideList(&list);
}

static PLOOKASIDE_LIST_EX seen_list;
static LONG ex_allocs, ex_frees;

static PVOID NTAPI ex_allocate(POOL_TYPE type, SIZE_T size, ULONG tag, PLOOKASIDE_LIST_EX list)
{
    seen_list = list;
    InterlockedIncrement(&ex_allocs);
    return ExAllocatePoolWithTag(type, size, tag);
}

static VOID NTAPI ex_free(PVOID buffer, PLOOKASIDE_LIST_EX list)
{
    seen_list = list;
    InterlockedIncrement(&ex_frees);
    ExFreePool(buffer);
}

TEST(list_ex)
{
    static LOOKASIDE_LIST_EX list;
    ex_allocs = ex_frees = 0;
    ok_status(
        ExInitializeLookasideListEx(&list, ex_allocate, ex_free, NonPagedPoolNx, 0, 64, TAG, 0),
        STATUS_SUCCESS);
    PVOID a = ExAllocateFromLookasideListEx(&list), b = ExAllocateFromLookasideListEx(&list);
    ok(a && b && ex_allocs == 2 && seen_list == &list, "allocate routine gets the list\n");
    ExFreeToLookasideListEx(&list, a);
    ExFreeToLookasideListEx(&list, b);
    ok(ex_frees == 0, "entries are cached\n");
    ExFlushLookasideListEx(&list);
    ok(ex_frees == 2 && seen_list == &list, "flush frees the cached entries (%ld)\n",
       (long)ex_frees);
    a = ExAllocateFromLookasideListEx(&list);
    ok(ex_allocs == 3, "after a flush the list is empty\n");
    ExFreeToLookasideListEx(&list, a);
    ExDeleteLookasideListEx(&list);
    ok(ex_frees == 3, "delete frees the cached entry\n");
}

TEST(list_ex_defaults)
{
    static LOOKASIDE_LIST_EX list;
    ok_status(ExInitializeLookasideListEx(&list, NULL, NULL, PagedPool, 0, 24, TAG, 0),
              STATUS_SUCCESS);
    PVOID p = ExAllocateFromLookasideListEx(&list);
    ok(p != NULL, "allocation failed\n");
    ExFreeToLookasideListEx(&list, p);
    ExDeleteLookasideListEx(&list);
}

TEST(list_ex_invalid_parameters)
{
    static LOOKASIDE_LIST_EX list;
    ok_status(
        ExInitializeLookasideListEx(&list, NULL, NULL, NonPagedPoolMustSucceed, 0, 24, TAG, 0),
        STATUS_INVALID_PARAMETER_4);
    ok_status(ExInitializeLookasideListEx(&list, NULL, NULL, (POOL_TYPE)0x4000, 0, 24, TAG, 0),
              STATUS_INVALID_PARAMETER_4);
    ok_status(ExInitializeLookasideListEx(&list, NULL, NULL, NonPagedPool, 0x10, 24, TAG, 0),
              STATUS_INVALID_PARAMETER_5);
    ok_status(ExInitializeLookasideListEx(&list, NULL, NULL, NonPagedPool,
                                          EX_LOOKASIDE_LIST_EX_FLAGS_RAISE_ON_FAIL |
                                              EX_LOOKASIDE_LIST_EX_FLAGS_FAIL_NO_RAISE,
                                          24, TAG, 0),
              STATUS_INVALID_PARAMETER_5);
    ok_status(ExInitializeLookasideListEx(&list, ex_allocate, ex_free, NonPagedPool,
                                          EX_LOOKASIDE_LIST_EX_FLAGS_FAIL_NO_RAISE, 24, TAG, 0),
              STATUS_SUCCESS);
    ExDeleteLookasideListEx(&list);
}
