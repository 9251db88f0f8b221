/*
 * slist.c - sequenced singly linked lists (SLIST_HEADER).
 *
 * Windows updates the 16-byte header with one 128-bit compare-exchange. drvhost instead
 * locks the header itself: bit 0 of Region, where the first entry's address is kept, is a
 * spin-lock bit (entries are 16-byte aligned, so the bit is otherwise always clear). One locked
 * instruction takes it (cheaper here than a cmpxchg16b), the header's own cache line is the
 * only one touched, and the release store of the new first entry drops it. The header keeps
 * Windows' meaning between operations:
 *   Alignment (first 8 bytes): Depth in bits 0-15, Sequence in bits 16-63;
 *   Region (last 8 bytes): the first entry's address (the x64 NextEntry field shifted into
 *   place, with the 4 reserved bits zero).
 * Alignment is written with an atomic store under the lock, so QueryDepthSList (and the
 * inline lookaside routines of wdm_ex.h) read the depth with one atomic load and no lock.
 *
 * The entries' Next links are written and read only under the header's lock.
 *
 * Deviation: Windows documents that entries must be aligned on MEMORY_ALLOCATION_ALIGNMENT
 * (16) and that unaligned entries cause unpredictable results (the x64 header drops the low 4
 * bits of the address). drvhost raises STATUS_DATATYPE_MISALIGNMENT in the pushing thread, so
 * the driver's bug shows where it is.
 */
#include "ex/ex_private.h"

#define EX_SLIST_LOCK_BIT 1ull

/* Takes the header's lock bit; returns the first entry's address. */
static inline PSLIST_ENTRY ex_slist_lock(PSLIST_HEADER head)
{
    for (;;) {
        ULONGLONG region = __atomic_fetch_or(&head->Region, EX_SLIST_LOCK_BIT, __ATOMIC_ACQUIRE);
        if ((region & EX_SLIST_LOCK_BIT) == 0)
            return (PSLIST_ENTRY)(uintptr_t)region;
        while (__atomic_load_n(&head->Region, __ATOMIC_RELAXED) & EX_SLIST_LOCK_BIT)
            __builtin_ia32_pause();
    }
}

/* Stores a new depth (advancing the sequence) and first entry; the second store unlocks. */
static inline void ex_slist_unlock(PSLIST_HEADER head, PSLIST_ENTRY first, ULONGLONG depth)
{
    ULONGLONG word = __atomic_load_n(&head->Alignment, __ATOMIC_RELAXED);
    ULONGLONG sequence = (word >> 16) + 1;
    __atomic_store_n(&head->Alignment, (sequence << 16) | (depth & 0xFFFF), __ATOMIC_RELAXED);
    __atomic_store_n(&head->Region, (ULONGLONG)(uintptr_t)first, __ATOMIC_RELEASE);
}

static inline ULONGLONG ex_slist_depth(PSLIST_HEADER head)
{
    return __atomic_load_n(&head->Alignment, __ATOMIC_RELAXED) & 0xFFFF;
}

NTKERNELAPI VOID NTAPI InitializeSListHead(PSLIST_HEADER SListHead)
{
    __atomic_store_n(&SListHead->Alignment, 0, __ATOMIC_RELAXED);
    __atomic_store_n(&SListHead->Region, 0, __ATOMIC_RELEASE);
}

NTKERNELAPI PSLIST_ENTRY NTAPI InterlockedPushEntrySList(PSLIST_HEADER ListHead,
                                                         PSLIST_ENTRY ListEntry)
{
    PSLIST_ENTRY first;
    if (((uintptr_t)ListEntry & (MEMORY_ALLOCATION_ALIGNMENT - 1)) != 0)
        ExRaiseStatus(STATUS_DATATYPE_MISALIGNMENT);
    first = ex_slist_lock(ListHead);
    ListEntry->Next = first;
    ex_slist_unlock(ListHead, ListEntry, ex_slist_depth(ListHead) + 1u);
    return first;
}

NTKERNELAPI PSLIST_ENTRY NTAPI InterlockedPopEntrySList(PSLIST_HEADER ListHead)
{
    PSLIST_ENTRY first = ex_slist_lock(ListHead);
    if (first == NULL) {
        __atomic_store_n(&ListHead->Region, 0, __ATOMIC_RELEASE);
        return NULL;
    }
    ex_slist_unlock(ListHead, first->Next, ex_slist_depth(ListHead) - 1u);
    return first;
}

NTKERNELAPI PSLIST_ENTRY NTAPI InterlockedFlushSList(PSLIST_HEADER ListHead)
{
    PSLIST_ENTRY first = ex_slist_lock(ListHead);
    if (first == NULL) {
        __atomic_store_n(&ListHead->Region, 0, __ATOMIC_RELEASE);
        return NULL;
    }
    ex_slist_unlock(ListHead, NULL, 0);
    return first;
}

NTKERNELAPI USHORT NTAPI QueryDepthSList(PSLIST_HEADER ListHead)
{
    return (USHORT)ex_slist_depth(ListHead);
}
