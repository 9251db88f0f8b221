/*
 * csq.c - cancel-safe IRP queues (IoCsqXxx).
 *
 * The driver owns the queue and its lock (the IO_CSQ callbacks); these routines own the cancel
 * protocol. An IRP in the queue has the queue's cancel routine set and, in
 * Irp->Tail.Overlay.DriverContext[3] (documented as reserved for these routines), either its
 * IO_CSQ_IRP_CONTEXT or, when the driver passed none, the IO_CSQ itself; both begin with a ULONG
 * Type (IO_TYPE_CSQ_IRP_CONTEXT versus IO_TYPE_CSQ / IO_TYPE_CSQ_EX), which tells them apart.
 *
 * The race between removal and cancellation is decided by IoSetCancelRoutine(Irp, NULL), an
 * atomic exchange: whoever takes the non-NULL routine out of the IRP owns it.
 *   - A remover (IoCsqRemoveIrp, IoCsqRemoveNextIrp) that gets NULL back knows IoCancelIrp has
 *     already claimed the IRP and that the cancel routine is on its way (it waits for the queue
 *     lock the remover holds): the remover leaves the IRP alone (RemoveNextIrp skips to the next
 *     one, RemoveIrp returns NULL).
 *   - The cancel routine (called by IoCancelIrp with the cancel spin lock held) releases that
 *     spin lock, then under the queue lock removes the IRP and clears its context, and outside
 *     the lock hands it to CsqCompleteCanceledIrp.
 *   - Insertion sets the cancel routine after inserting, then looks at Irp->Cancel: if the IRP
 *     was cancelled meanwhile and the routine can still be taken back, the IRP never became
 *     cancelable; it is removed again and completed as cancelled. An IRP already cancelled before
 *     the call is not inserted at all (documented) and is completed as cancelled.
 * Callbacks run at the IRQL the driver's CsqAcquireLock gives (DISPATCH_LEVEL with a spin lock).
 * An inserted IRP is marked pending, as the dispatch routine is about to return STATUS_PENDING.
 */
#include "io/io_private.h"

#define CSQ_CONTEXT_SLOT 3

static PVOID *csq_slot(PIRP irp)
{
    return &irp->Tail.Overlay.DriverContext[CSQ_CONTEXT_SLOT];
}

/* The queue an IRP's slot points to (directly or through its context). */
static PIO_CSQ csq_of_slot(PVOID slot)
{
    if (*(PULONG)slot == IO_TYPE_CSQ_IRP_CONTEXT)
        return ((PIO_CSQ_IRP_CONTEXT)slot)->Csq;
    return (PIO_CSQ)slot;
}

/* The IRP has left the queue: its context no longer refers to it. Under the queue lock. */
static void csq_forget(PIRP irp)
{
    PVOID slot = *csq_slot(irp);
    if (slot != NULL && *(PULONG)slot == IO_TYPE_CSQ_IRP_CONTEXT)
        ((PIO_CSQ_IRP_CONTEXT)slot)->Irp = NULL;
    *csq_slot(irp) = NULL;
}

/* Installed as the IRP's cancel routine while it is queued. */
static VOID NTAPI csq_cancel_routine(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_CSQ csq;
    KIRQL irql;
    (void)DeviceObject;
    IoReleaseCancelSpinLock(Irp->CancelIrql);
    csq = csq_of_slot(*csq_slot(Irp));
    csq->CsqAcquireLock(csq, &irql);
    csq->CsqRemoveIrp(csq, Irp);
    csq_forget(Irp);
    csq->CsqReleaseLock(csq, irql);
    csq->CsqCompleteCanceledIrp(csq, Irp);
}

static NTSTATUS csq_init(PIO_CSQ Csq, ULONG type, PVOID insert, PIO_CSQ_REMOVE_IRP remove,
                         PIO_CSQ_PEEK_NEXT_IRP peek, PIO_CSQ_ACQUIRE_LOCK acquire,
                         PIO_CSQ_RELEASE_LOCK release, PIO_CSQ_COMPLETE_CANCELED_IRP complete)
{
    Csq->Type = type;
    Csq->CsqInsertIrp = (PIO_CSQ_INSERT_IRP)insert;
    Csq->CsqRemoveIrp = remove;
    Csq->CsqPeekNextIrp = peek;
    Csq->CsqAcquireLock = acquire;
    Csq->CsqReleaseLock = release;
    Csq->CsqCompleteCanceledIrp = complete;
    Csq->ReservePointer = NULL;
    return STATUS_SUCCESS;
}

NTKERNELAPI NTSTATUS NTAPI IoCsqInitialize(PIO_CSQ Csq, PIO_CSQ_INSERT_IRP CsqInsertIrp,
                                           PIO_CSQ_REMOVE_IRP CsqRemoveIrp,
                                           PIO_CSQ_PEEK_NEXT_IRP CsqPeekNextIrp,
                                           PIO_CSQ_ACQUIRE_LOCK CsqAcquireLock,
                                           PIO_CSQ_RELEASE_LOCK CsqReleaseLock,
                                           PIO_CSQ_COMPLETE_CANCELED_IRP CsqCompleteCanceledIrp)
{
    return csq_init(Csq, IO_TYPE_CSQ, (PVOID)CsqInsertIrp, CsqRemoveIrp, CsqPeekNextIrp,
                    CsqAcquireLock, CsqReleaseLock, CsqCompleteCanceledIrp);
}

NTKERNELAPI NTSTATUS NTAPI IoCsqInitializeEx(PIO_CSQ Csq, PIO_CSQ_INSERT_IRP_EX CsqInsertIrp,
                                             PIO_CSQ_REMOVE_IRP CsqRemoveIrp,
                                             PIO_CSQ_PEEK_NEXT_IRP CsqPeekNextIrp,
                                             PIO_CSQ_ACQUIRE_LOCK CsqAcquireLock,
                                             PIO_CSQ_RELEASE_LOCK CsqReleaseLock,
                                             PIO_CSQ_COMPLETE_CANCELED_IRP CsqCompleteCanceledIrp)
{
    return csq_init(Csq, IO_TYPE_CSQ_EX, (PVOID)CsqInsertIrp, CsqRemoveIrp, CsqPeekNextIrp,
                    CsqAcquireLock, CsqReleaseLock, CsqCompleteCanceledIrp);
}

/* The driver's insert callback: the Ex form may refuse the IRP. */
static NTSTATUS csq_call_insert(PIO_CSQ Csq, PIRP Irp, PVOID InsertContext)
{
    if (Csq->Type == IO_TYPE_CSQ_EX)
        return ((PIO_CSQ_INSERT_IRP_EX)(PVOID)Csq->CsqInsertIrp)(Csq, Irp, InsertContext);
    Csq->CsqInsertIrp(Csq, Irp);
    return STATUS_SUCCESS;
}

/* After insertion: make the IRP cancelable, unless it was cancelled meanwhile. Returns TRUE if
 * the IRP must be completed as cancelled (it has been taken out of the queue again). */
static BOOLEAN csq_arm_cancel(PIO_CSQ Csq, PIRP Irp)
{
    IoSetCancelRoutine(Irp, csq_cancel_routine);
    if (!__atomic_load_n(&Irp->Cancel, __ATOMIC_SEQ_CST))
        return FALSE;
    if (IoSetCancelRoutine(Irp, NULL) == NULL)
        return FALSE; /* IoCancelIrp owns it: the cancel routine completes it */
    Csq->CsqRemoveIrp(Csq, Irp);
    csq_forget(Irp);
    return TRUE;
}

static void csq_bind(PIO_CSQ Csq, PIRP Irp, PIO_CSQ_IRP_CONTEXT Context)
{
    if (Context != NULL) {
        Context->Type = IO_TYPE_CSQ_IRP_CONTEXT;
        Context->Irp = Irp;
        Context->Csq = Csq;
        *csq_slot(Irp) = Context;
    } else {
        *csq_slot(Irp) = Csq;
    }
}

NTKERNELAPI NTSTATUS NTAPI IoCsqInsertIrpEx(PIO_CSQ Csq, PIRP Irp, PIO_CSQ_IRP_CONTEXT Context,
                                            PVOID InsertContext)
{
    KIRQL irql;
    NTSTATUS status = STATUS_SUCCESS;
    BOOLEAN cancelled = TRUE;
    Csq->CsqAcquireLock(Csq, &irql);
    if (!__atomic_load_n(&Irp->Cancel, __ATOMIC_SEQ_CST)) {
        csq_bind(Csq, Irp, Context);
        status = csq_call_insert(Csq, Irp, InsertContext);
        if (!NT_SUCCESS(status)) {
            csq_forget(Irp);
            Csq->CsqReleaseLock(Csq, irql);
            return status; /* not queued: the driver keeps the IRP */
        }
        cancelled = csq_arm_cancel(Csq, Irp);
    }
    IoMarkIrpPending(Irp);
    Csq->CsqReleaseLock(Csq, irql);
    if (cancelled)
        Csq->CsqCompleteCanceledIrp(Csq, Irp);
    return status;
}

NTKERNELAPI VOID NTAPI IoCsqInsertIrp(PIO_CSQ Csq, PIRP Irp, PIO_CSQ_IRP_CONTEXT Context)
{
    (void)IoCsqInsertIrpEx(Csq, Irp, Context, NULL);
}

/* Takes a queued IRP out if cancellation has not claimed it. Under the queue lock. */
static BOOLEAN csq_claim(PIO_CSQ Csq, PIRP Irp)
{
    if (IoSetCancelRoutine(Irp, NULL) == NULL)
        return FALSE;
    Csq->CsqRemoveIrp(Csq, Irp);
    csq_forget(Irp);
    return TRUE;
}

NTKERNELAPI PIRP NTAPI IoCsqRemoveIrp(PIO_CSQ Csq, PIO_CSQ_IRP_CONTEXT Context)
{
    KIRQL irql;
    PIRP irp;
    Csq->CsqAcquireLock(Csq, &irql);
    irp = Context->Irp;
    if (irp != NULL && !csq_claim(Csq, irp))
        irp = NULL;
    Csq->CsqReleaseLock(Csq, irql);
    return irp;
}

NTKERNELAPI PIRP NTAPI IoCsqRemoveNextIrp(PIO_CSQ Csq, PVOID PeekContext)
{
    KIRQL irql;
    PIRP irp;
    Csq->CsqAcquireLock(Csq, &irql);
    irp = Csq->CsqPeekNextIrp(Csq, NULL, PeekContext);
    while (irp != NULL && !csq_claim(Csq, irp))
        irp = Csq->CsqPeekNextIrp(Csq, irp, PeekContext);
    Csq->CsqReleaseLock(Csq, irql);
    return irp;
}
