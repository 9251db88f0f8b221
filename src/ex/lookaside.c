/*
 * lookaside.c - lookaside lists (NPAGED_LOOKASIDE_LIST, PAGED_LOOKASIDE_LIST,
 * LOOKASIDE_LIST_EX): initialisation and deletion. Allocating from and freeing to a list are
 * the WDK's inline routines (wdm_ex.h): a pop or a push on the list's SLIST_HEADER, the
 * Allocate/Free routine on a miss or when the list is full.
 *
 * Depth: Windows starts a list at a small depth and lets a balancing thread move it up to
 * MaximumDepth (256) with demand. drvhost has no balancer: every list caches up to a fixed
 * EX_LOOKASIDE_DEPTH (256) entries, Depth == MaximumDepth. The lists are not entered in a
 * system-wide list either (ListEntry is left empty), so Driver Verifier's lookaside checks
 * (re-initialising, deleting an uninitialised list, freeing pool that holds a live list) are
 * not made.
 *
 * Entry size: a Size below an SLIST_ENTRY (the list links its cached entries through their
 * first bytes) is rounded up to sizeof(SLIST_ENTRY) (Driver Verifier would stop with 0xC4/0xCD).
 */
#include "ex/ex_private.h"

#define EX_LOOKASIDE_DEPTH 256

static void ex_lookaside_init(PGENERAL_LOOKASIDE_POOL L, ULONG type, SIZE_T size, ULONG tag)
{
    /* GENERAL_LOOKASIDE and GENERAL_LOOKASIDE_POOL share one layout (GENERAL_LOOKASIDE_LAYOUT);
     * only the former is aligned and padded to a cache line, so both lists are handled as the
     * latter (a LOOKASIDE_LIST_EX need not be 64-byte aligned). */
    RtlZeroMemory(L, sizeof(*L));
    InitializeSListHead(&L->ListHead);
    L->Depth = EX_LOOKASIDE_DEPTH;
    L->MaximumDepth = EX_LOOKASIDE_DEPTH;
    L->Type = (POOL_TYPE)type;
    L->Tag = tag;
    L->Size = (ULONG)(size < sizeof(SLIST_ENTRY) ? sizeof(SLIST_ENTRY) : size);
    InitializeListHead(&L->ListEntry);
}

/* Frees every cached entry with the list's Free routine (the driver's or the pool's). */
static void ex_lookaside_drain(PGENERAL_LOOKASIDE_POOL L, BOOLEAN ex)
{
    PSLIST_ENTRY e = InterlockedFlushSList(&L->ListHead), next;
    for (; e != NULL; e = next) {
        next = e->Next;
        if (ex)
            L->FreeEx(e, (PLOOKASIDE_LIST_EX)L);
        else
            L->Free(e);
    }
}

NTKERNELAPI VOID NTAPI ExInitializeNPagedLookasideList(PNPAGED_LOOKASIDE_LIST Lookaside,
                                                       PALLOCATE_FUNCTION Allocate,
                                                       PFREE_FUNCTION Free, ULONG Flags,
                                                       SIZE_T Size, ULONG Tag, USHORT Depth)
{
    (void)Depth; /* reserved, documented as zero */
    ex_lookaside_init((PGENERAL_LOOKASIDE_POOL)&Lookaside->L,
                      NonPagedPool |
                          (Flags & (POOL_NX_ALLOCATION | POOL_RAISE_IF_ALLOCATION_FAILURE)),
                      Size, Tag);
    /* NULL routines mean the pool's, as Windows stores them: the inline allocate path then
     * calls ExAllocatePoolWithTag from the driver's code, which owns the entries. */
    Lookaside->L.Allocate = Allocate != NULL ? Allocate : ExAllocatePoolWithTag;
    Lookaside->L.Free = Free != NULL ? Free : ExFreePool;
}

NTKERNELAPI VOID NTAPI ExDeleteNPagedLookasideList(PNPAGED_LOOKASIDE_LIST Lookaside)
{
    ex_lookaside_drain((PGENERAL_LOOKASIDE_POOL)&Lookaside->L, FALSE);
}

NTKERNELAPI VOID NTAPI ExInitializePagedLookasideList(PPAGED_LOOKASIDE_LIST Lookaside,
                                                      PALLOCATE_FUNCTION Allocate,
                                                      PFREE_FUNCTION Free, ULONG Flags, SIZE_T Size,
                                                      ULONG Tag, USHORT Depth)
{
    (void)Depth;
    ex_lookaside_init((PGENERAL_LOOKASIDE_POOL)&Lookaside->L,
                      PagedPool | (Flags & POOL_RAISE_IF_ALLOCATION_FAILURE), Size, Tag);
    Lookaside->L.Allocate = Allocate != NULL ? Allocate : ExAllocatePoolWithTag;
    Lookaside->L.Free = Free != NULL ? Free : ExFreePool;
}

NTKERNELAPI VOID NTAPI ExDeletePagedLookasideList(PPAGED_LOOKASIDE_LIST Lookaside)
{
    ex_lookaside_drain((PGENERAL_LOOKASIDE_POOL)&Lookaside->L, FALSE);
}

/* The default routines of a LOOKASIDE_LIST_EX. Called from the driver's inline
 * ExAllocateFromLookasideListEx, so their return address is the driver's: the entries are
 * accounted to it. */
static PVOID ex_lookaside_default_allocate(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag,
                                           PLOOKASIDE_LIST_EX Lookaside)
{
    (void)Lookaside;
    return ex_pool_alloc_legacy(PoolType, NumberOfBytes, Tag, FALSE, __builtin_return_address(0));
}

static VOID ex_lookaside_default_free(PVOID Buffer, PLOOKASIDE_LIST_EX Lookaside)
{
    (void)Lookaside;
    ExFreePool(Buffer);
}

/* The documented POOL_TYPE values (session and Nx forms included), MustSucceed excluded. */
static BOOLEAN ex_pool_type_valid(ULONG type)
{
    if ((type & ~(ULONG)(PagedPool | NonPagedPoolCacheAligned | NonPagedPoolSession |
                         NonPagedPoolNx)) != 0)
        return FALSE;
    return !((type & NonPagedPoolNx) && (type & PagedPool));
}

NTKERNELAPI NTSTATUS NTAPI ExInitializeLookasideListEx(PLOOKASIDE_LIST_EX Lookaside,
                                                       PALLOCATE_FUNCTION_EX Allocate,
                                                       PFREE_FUNCTION_EX Free, POOL_TYPE PoolType,
                                                       ULONG Flags, SIZE_T Size, ULONG Tag,
                                                       USHORT Depth)
{
    ULONG type = (ULONG)PoolType;
    (void)Depth;
    if (!ex_pool_type_valid(type))
        return STATUS_INVALID_PARAMETER_4;
    if ((Flags & ~(EX_LOOKASIDE_LIST_EX_FLAGS_RAISE_ON_FAIL |
                   EX_LOOKASIDE_LIST_EX_FLAGS_FAIL_NO_RAISE)) != 0 ||
        Flags ==
            (EX_LOOKASIDE_LIST_EX_FLAGS_RAISE_ON_FAIL | EX_LOOKASIDE_LIST_EX_FLAGS_FAIL_NO_RAISE))
        return STATUS_INVALID_PARAMETER_5;
    /* Documented: the flags reach the allocate routine as pool type modifiers. */
    if (Flags & EX_LOOKASIDE_LIST_EX_FLAGS_RAISE_ON_FAIL)
        type |= POOL_RAISE_IF_ALLOCATION_FAILURE;
    if (Flags & EX_LOOKASIDE_LIST_EX_FLAGS_FAIL_NO_RAISE)
        type |= POOL_QUOTA_FAIL_INSTEAD_OF_RAISE;
    ex_lookaside_init(&Lookaside->L, type, Size, Tag);
    Lookaside->L.AllocateEx = Allocate != NULL ? Allocate : ex_lookaside_default_allocate;
    Lookaside->L.FreeEx = Free != NULL ? Free : ex_lookaside_default_free;
    return STATUS_SUCCESS;
}

NTKERNELAPI VOID NTAPI ExFlushLookasideListEx(PLOOKASIDE_LIST_EX Lookaside)
{
    ex_lookaside_drain(&Lookaside->L, TRUE);
}

NTKERNELAPI VOID NTAPI ExDeleteLookasideListEx(PLOOKASIDE_LIST_EX Lookaside)
{
    ex_lookaside_drain(&Lookaside->L, TRUE);
}
