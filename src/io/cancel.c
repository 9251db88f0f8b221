/*
 * cancel.c - IRP cancellation and the system cancel spin lock.
 *
 * IoCancelIrp follows Windows: under the cancel spin lock it sets Irp->Cancel, takes the cancel
 * routine out of the IRP atomically and, if there was one, calls it with the lock held and
 * CancelIrql set; the routine releases the lock. Without a cancel routine nothing else happens.
 */
#include "io/io_private.h"
#include "vf/vf.h"

static KSPIN_LOCK io_cancel_lock;

VOID NTAPI IoAcquireCancelSpinLock(PKIRQL Irql)
{
    KeAcquireSpinLock(&io_cancel_lock, Irql);
}

VOID NTAPI IoReleaseCancelSpinLock(KIRQL Irql)
{
    KeReleaseSpinLock(&io_cancel_lock, Irql);
}

BOOLEAN NTAPI IoCancelIrp(PIRP Irp)
{
    KIRQL irql;
    PDRIVER_CANCEL routine;
    if (Irp->Type != IO_TYPE_IRP)
        ke_bugcheck_msg(BUGCODE_MULTIPLE_IRP_COMPLETE_REQUESTS, (ULONG_PTR)Irp, 0, 0, 0,
                        "IoCancelIrp on an IRP that was already completed and freed");
    IoAcquireCancelSpinLock(&irql);
    __atomic_store_n(&Irp->Cancel, TRUE, __ATOMIC_RELEASE); /* read by completion on any thread */
    routine = IoSetCancelRoutine(Irp, NULL);
    if (routine == NULL) {
        IoReleaseCancelSpinLock(irql);
        return FALSE;
    }
    Irp->CancelIrql = irql;
    /* An IRP its owner has not sent yet has no current location: no device to pass. */
    routine(Irp->CurrentLocation <= Irp->StackCount
                ? IoGetCurrentIrpStackLocation(Irp)->DeviceObject
                : NULL,
            Irp);
    return TRUE;
}
