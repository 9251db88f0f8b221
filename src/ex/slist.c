/*
 * slist.c - sequenced singly linked lists (SLIST_HEADER).
 *
 * Windows updates the 16-byte header with one 128-bit compare-exchange. drvhost instead
 * serialises every operation on a header with one of a small array of spin locks, chosen by
 * the header's address; the critical sections are a handful of instructions, so the locks
 * are held only briefly and never while calling out. The header keeps Windows' meaning:
 *   Alignment (first 8 bytes): Depth in bits 0-15, Sequence in bits 16-63;
 *   Region (last 8 bytes): the first entry's address (entries are 16-byte aligned, so this is
 *   the x64 NextEntry field shifted into place, with the 4 reserved bits zero).
 * Both words are written with atomic stores under the lock, so QueryDepthSList can read the
 * depth with one atomic load and no lock, and debuggers see a familiar header.
 *
 * The entries' Next links are written and read only under the header's lock.
 */
#include "ex/ex_private.h"

#define EX_SLIST_LOCKS 64

static struct {
    volatile LONG held;
    char pad[60];
} ex_slist_locks[EX_SLIST_LOCKS] __attribute__((aligned(64)));

static inline volatile LONG *ex_slist_lock_of(const SLIST_HEADER *head)
{
    uintptr_t a = (uintptr_t)head >> 4;
    return &ex_slist_locks[(a ^ (a >> 6) ^ (a >> 12)) % EX_SLIST_LOCKS].held;
}

static inline void ex_slist_lock(volatile LONG *lock)
{
    while (__atomic_exchange_n(lock, 1, __ATOMIC_ACQUIRE) != 0)
        while (__atomic_load_n(lock, __ATOMIC_RELAXED) != 0)
            __builtin_ia32_pause();
}

static inline void ex_slist_unlock(volatile LONG *lock)
{
    __atomic_store_n(lock, 0, __ATOMIC_RELEASE);
}

static inline PSLIST_ENTRY ex_slist_first(PSLIST_HEADER head)
{
    return (PSLIST_ENTRY)(uintptr_t)__atomic_load_n(&head->Region, __ATOMIC_RELAXED);
}

/* Stores a new first entry and depth, advancing the sequence (under the lock). */
static inline void ex_slist_set(PSLIST_HEADER head, PSLIST_ENTRY first, ULONGLONG depth)
{
    ULONGLONG word = __atomic_load_n(&head->Alignment, __ATOMIC_RELAXED);
    ULONGLONG sequence = (word >> 16) + 1;
    __atomic_store_n(&head->Region, (ULONGLONG)(uintptr_t)first, __ATOMIC_RELAXED);
    __atomic_store_n(&head->Alignment, (sequence << 16) | (depth & 0xFFFF), __ATOMIC_RELEASE);
}

NTKERNELAPI VOID NTAPI InitializeSListHead(PSLIST_HEADER SListHead)
{
    __atomic_store_n(&SListHead->Region, 0, __ATOMIC_RELAXED);
    __atomic_store_n(&SListHead->Alignment, 0, __ATOMIC_RELEASE);
}

NTKERNELAPI PSLIST_ENTRY NTAPI InterlockedPushEntrySList(PSLIST_HEADER ListHead, PSLIST_ENTRY ListEntry)
{
    volatile LONG *lock = ex_slist_lock_of(ListHead);
    PSLIST_ENTRY first;
    ex_slist_lock(lock);
    first = ex_slist_first(ListHead);
    ListEntry->Next = first;
    ex_slist_set(ListHead, ListEntry, QueryDepthSList(ListHead) + 1u);
    ex_slist_unlock(lock);
    return first;
}

NTKERNELAPI PSLIST_ENTRY NTAPI InterlockedPopEntrySList(PSLIST_HEADER ListHead)
{
    volatile LONG *lock = ex_slist_lock_of(ListHead);
    PSLIST_ENTRY first;
    ex_slist_lock(lock);
    first = ex_slist_first(ListHead);
    if (first != NULL)
        ex_slist_set(ListHead, first->Next, QueryDepthSList(ListHead) - 1u);
    ex_slist_unlock(lock);
    return first;
}

NTKERNELAPI PSLIST_ENTRY NTAPI InterlockedFlushSList(PSLIST_HEADER ListHead)
{
    volatile LONG *lock = ex_slist_lock_of(ListHead);
    PSLIST_ENTRY first;
    ex_slist_lock(lock);
    first = ex_slist_first(ListHead);
    if (first != NULL)
        ex_slist_set(ListHead, NULL, 0);
    ex_slist_unlock(lock);
    return first;
}

NTKERNELAPI USHORT NTAPI QueryDepthSList(PSLIST_HEADER ListHead)
{
    return (USHORT)(__atomic_load_n(&ListHead->Alignment, __ATOMIC_ACQUIRE) & 0xFFFF);
}
