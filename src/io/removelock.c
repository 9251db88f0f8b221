/*
 * removelock.c - remove locks (IO_REMOVE_LOCK).
 *
 * The common block keeps its Windows meaning: IoCount starts at 1 (the bias that
 * IoReleaseRemoveLockAndWait gives back) and counts the acquisitions on top of it; Removed is
 * set by IoReleaseRemoveLockAndWait, after which acquisitions fail with STATUS_DELETE_PENDING;
 * RemoveEvent (notification) is set when the count reaches zero, which can only happen once
 * Removed is set. The counter is updated with interlocked operations, so acquire and release
 * work at any IRQL <= DISPATCH_LEVEL without a lock; only the wait needs PASSIVE_LEVEL.
 *
 * Sizes: the Ex routines take the size of the driver's IO_REMOVE_LOCK. drvhost's header always
 * has the free-build layout (0x20 bytes, see wdm_io.h); the checked-build size (0x20 + the
 * debug block) is accepted too and handled the same way, without the checked build's tag
 * tracking. Any other size means a foreign header: bug check 0xC4 / 0x16 (invalid parameters
 * passed to a routine).
 */
#include "io/io_private.h"
#include "vf/vf.h"

#define IO_REMLOCK_FREE_SIZE ((ULONG)sizeof(IO_REMOVE_LOCK_COMMON_BLOCK))
#define IO_REMLOCK_CHECKED_SIZE                                                                    \
    ((ULONG)(sizeof(IO_REMOVE_LOCK_COMMON_BLOCK) + sizeof(IO_REMOVE_LOCK_DBG_BLOCK)))

static void io_remlock_check_size(PIO_REMOVE_LOCK lock, ULONG size)
{
    if (size != IO_REMLOCK_FREE_SIZE && size != IO_REMLOCK_CHECKED_SIZE)
        ke_bugcheck_msg(BUGCODE_DRIVER_VERIFIER_DETECTED_VIOLATION, VF_C4_BAD_MEMORY_PARAMETER, 0,
                        (ULONG_PTR)lock, size,
                        "remove lock %p used with size %lu (expected %lu or %lu)", (void *)lock,
                        (unsigned long)size, (unsigned long)IO_REMLOCK_FREE_SIZE,
                        (unsigned long)IO_REMLOCK_CHECKED_SIZE);
}

/* AllocateTag, MaxLockedMinutes and HighWatermark only serve the checked build's tracking. */
NTKERNELAPI VOID NTAPI IoInitializeRemoveLockEx(PIO_REMOVE_LOCK Lock, ULONG AllocateTag,
                                                ULONG MaxLockedMinutes, ULONG HighWatermark,
                                                ULONG RemlockSize)
{
    (void)AllocateTag;
    (void)MaxLockedMinutes;
    (void)HighWatermark;
    io_remlock_check_size(Lock, RemlockSize);
    Lock->Common.Removed = FALSE;
    memset(Lock->Common.Reserved, 0, sizeof(Lock->Common.Reserved));
    Lock->Common.IoCount = 1;
    KeInitializeEvent(&Lock->Common.RemoveEvent, NotificationEvent, FALSE);
}

/* The count is taken first and given back when the lock turns out to be removed, so that a
 * racing IoReleaseRemoveLockAndWait either sees this acquisition or this call sees Removed. */
NTKERNELAPI NTSTATUS NTAPI IoAcquireRemoveLockEx(PIO_REMOVE_LOCK RemoveLock, PVOID Tag, PCSTR File,
                                                 ULONG Line, ULONG RemlockSize)
{
    (void)Tag;
    (void)File;
    (void)Line;
    io_remlock_check_size(RemoveLock, RemlockSize);
    InterlockedIncrement(&RemoveLock->Common.IoCount);
    if (!__atomic_load_n(&RemoveLock->Common.Removed, __ATOMIC_SEQ_CST))
        return STATUS_SUCCESS;
    if (InterlockedDecrement(&RemoveLock->Common.IoCount) == 0)
        KeSetEvent(&RemoveLock->Common.RemoveEvent, IO_NO_INCREMENT, FALSE);
    return STATUS_DELETE_PENDING;
}

/* Releasing more than was acquired drives the count below zero: 0xC4 / 0x1007 (released before
 * acquired), where Windows would go on with a corrupt count. */
NTKERNELAPI VOID NTAPI IoReleaseRemoveLockEx(PIO_REMOVE_LOCK RemoveLock, PVOID Tag,
                                             ULONG RemlockSize)
{
    LONG n;
    (void)Tag;
    io_remlock_check_size(RemoveLock, RemlockSize);
    n = InterlockedDecrement(&RemoveLock->Common.IoCount);
    if (n < 0)
        ke_bugcheck_msg(BUGCODE_DRIVER_VERIFIER_DETECTED_VIOLATION, VF_C4_UNACQUIRED_RELEASE,
                        (ULONG_PTR)RemoveLock, 0, 0,
                        "remove lock %p released more often than acquired", (void *)RemoveLock);
    if (n == 0)
        KeSetEvent(&RemoveLock->Common.RemoveEvent, IO_NO_INCREMENT, FALSE);
}

/* The caller holds one acquisition (documented): it and the initial bias are given back, then
 * the routine waits for every other holder. PASSIVE_LEVEL (the wait checks the IRQL). */
NTKERNELAPI VOID NTAPI IoReleaseRemoveLockAndWaitEx(PIO_REMOVE_LOCK RemoveLock, PVOID Tag,
                                                    ULONG RemlockSize)
{
    (void)Tag;
    io_remlock_check_size(RemoveLock, RemlockSize);
    __atomic_store_n(&RemoveLock->Common.Removed, TRUE, __ATOMIC_SEQ_CST);
    InterlockedDecrement(&RemoveLock->Common.IoCount); /* the caller's acquisition */
    if (InterlockedDecrement(&RemoveLock->Common.IoCount) > 0)
        KeWaitForSingleObject(&RemoveLock->Common.RemoveEvent, Executive, KernelMode, FALSE, NULL);
}
