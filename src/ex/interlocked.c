/*
 * interlocked.c - the ExInterlocked list routines: the plain list operations done while
 * holding the caller's spin lock (KeAcquireSpinLockRaiseToDpc, so they may be called at
 * IRQL <= DISPATCH_LEVEL). The insert and push routines return the list's previous first
 * entry, or NULL if the list was empty; the remove and pop routines NULL when it is empty.
 */
#include "ex/ex_private.h"

NTKERNELAPI PLIST_ENTRY NTAPI ExInterlockedInsertHeadList(PLIST_ENTRY ListHead,
                                                          PLIST_ENTRY ListEntry, PKSPIN_LOCK Lock)
{
    KIRQL old = KeAcquireSpinLockRaiseToDpc(Lock);
    PLIST_ENTRY first = ListHead->Flink;
    InsertHeadList(ListHead, ListEntry);
    KeReleaseSpinLock(Lock, old);
    return first != ListHead ? first : NULL;
}

NTKERNELAPI PLIST_ENTRY NTAPI ExInterlockedInsertTailList(PLIST_ENTRY ListHead,
                                                          PLIST_ENTRY ListEntry, PKSPIN_LOCK Lock)
{
    /* Documented return value: a pointer to the first entry of the list before the insert. */
    KIRQL old = KeAcquireSpinLockRaiseToDpc(Lock);
    PLIST_ENTRY first = ListHead->Flink;
    InsertTailList(ListHead, ListEntry);
    KeReleaseSpinLock(Lock, old);
    return first != ListHead ? first : NULL;
}

NTKERNELAPI PLIST_ENTRY NTAPI ExInterlockedRemoveHeadList(PLIST_ENTRY ListHead, PKSPIN_LOCK Lock)
{
    KIRQL old = KeAcquireSpinLockRaiseToDpc(Lock);
    PLIST_ENTRY first = IsListEmpty(ListHead) ? NULL : RemoveHeadList(ListHead);
    KeReleaseSpinLock(Lock, old);
    return first;
}

NTKERNELAPI PSINGLE_LIST_ENTRY NTAPI ExInterlockedPopEntryList(PSINGLE_LIST_ENTRY ListHead,
                                                               PKSPIN_LOCK Lock)
{
    KIRQL old = KeAcquireSpinLockRaiseToDpc(Lock);
    PSINGLE_LIST_ENTRY first = PopEntryList(ListHead);
    KeReleaseSpinLock(Lock, old);
    return first;
}

NTKERNELAPI PSINGLE_LIST_ENTRY NTAPI ExInterlockedPushEntryList(PSINGLE_LIST_ENTRY ListHead,
                                                                PSINGLE_LIST_ENTRY ListEntry,
                                                                PKSPIN_LOCK Lock)
{
    KIRQL old = KeAcquireSpinLockRaiseToDpc(Lock);
    PSINGLE_LIST_ENTRY first = ListHead->Next;
    PushEntryList(ListHead, ListEntry);
    KeReleaseSpinLock(Lock, old);
    return first;
}
