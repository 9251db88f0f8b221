/*
 * irp.c - IRP allocation, IoCallDriver and IoCompleteRequest.
 *
 * An IRP from IoAllocateIrp is [struct io_irp_private][IRP][IO_STACK_LOCATION x StackCount].
 * IRP.AllocationFlags carries IO_IRP_PRIVATE so that IRPs a driver placed in its own memory with
 * IoInitializeIrp (no private part) are told apart.
 *
 * Completion (IofCompleteRequest) walks the stack locations upwards exactly as the NT I/O
 * manager does: each location's completion routine runs if its SL_INVOKE_ON_* bits match,
 * with the device object of the location above (NULL at the top); a routine returning
 * STATUS_MORE_PROCESSING_REQUIRED stops the walk; PendingReturned is propagated. At the top,
 * the originator's completion runs: the host's callback for client requests, the threaded
 * completion (user IOSB, event, buffers) for IoBuild*Request IRPs. Deviation: Windows runs the
 * latter as an APC in the requesting thread; drvhost runs it in the completing thread.
 */
#include "io/io_private.h"

#include <string.h>

#define IO_IRP_TAG        ' prI'
#define IO_IRP_QUARANTINE 64

static os_mutex quarantine_lock = {PTHREAD_MUTEX_INITIALIZER};
static struct io_irp_private *quarantine[IO_IRP_QUARANTINE];
static size_t quarantine_next;

struct io_irp_private *io_irp_private_of(PIRP irp)
{
    if (!(irp->AllocationFlags & IO_IRP_PRIVATE))
        return NULL;
    return CONTAINING_RECORD(irp, struct io_irp_private, irp);
}

VOID NTAPI IoInitializeIrp(PIRP Irp, USHORT PacketSize, CCHAR StackSize)
{
    memset(Irp, 0, PacketSize);
    Irp->Type = IO_TYPE_IRP;
    Irp->Size = PacketSize;
    Irp->StackCount = StackSize;
    Irp->CurrentLocation = (CHAR)(StackSize + 1);
    Irp->ApcEnvironment = 0;
    InitializeListHead(&Irp->ThreadListEntry);
    Irp->Tail.Overlay.CurrentStackLocation = (PIO_STACK_LOCATION)(Irp + 1) + StackSize;
}

static PIRP io_irp_alloc(CCHAR StackSize)
{
    USHORT size = IoSizeOfIrp(StackSize);
    struct io_irp_private *p;
    if (StackSize < 1)
        StackSize = 1; /* Windows allocates at least one location */
    size = IoSizeOfIrp(StackSize);
    p = ex_alloc(sizeof(*p) + size, IO_IRP_TAG);
    if (p == NULL)
        return NULL;
    IoInitializeIrp(&p->irp, size, StackSize);
    p->irp.AllocationFlags = IO_IRP_PRIVATE;
    return &p->irp;
}

PIRP NTAPI IoAllocateIrp(CCHAR StackSize, BOOLEAN ChargeQuota)
{
    PIRP irp = io_irp_alloc(StackSize);
    if (irp != NULL)
        irp->Tail.Overlay.Thread = NULL;
    if (irp != NULL && ChargeQuota)
        irp->AllocationFlags |= IRP_QUOTA_CHARGED;
    return irp;
}

PIRP NTAPI IoAllocateIrpEx(PDEVICE_OBJECT DeviceObject, CCHAR StackSize, BOOLEAN ChargeQuota)
{
    (void)DeviceObject;
    return IoAllocateIrp(StackSize, ChargeQuota);
}

PIRP io_irp_alloc_hosted(CCHAR stack_size, io_irp_done done, void *context)
{
    PIRP irp = io_irp_alloc(stack_size);
    if (irp != NULL) {
        struct io_irp_private *p = io_irp_private_of(irp);
        p->done = done;
        p->done_context = context;
    }
    return irp;
}

/* Freed IRPs keep their memory for a while with Type poisoned, so a completion that comes
 * after the free is diagnosed as the double completion it is. */
void io_irp_free(PIRP irp)
{
    struct io_irp_private *p = io_irp_private_of(irp), *old;
    if (p == NULL)
        ke_bugcheck_msg(BUGCODE_DRIVER_VERIFIER_IOMANAGER_VIOLATION, 0x01, (ULONG_PTR)irp, 0, 0,
                        "IoFreeIrp on an IRP that IoAllocateIrp did not allocate");
    irp->Type = 0;
    os_mutex_lock(&quarantine_lock);
    old = quarantine[quarantine_next];
    quarantine[quarantine_next] = p;
    quarantine_next = (quarantine_next + 1) % IO_IRP_QUARANTINE;
    os_mutex_unlock(&quarantine_lock);
    if (old != NULL)
        ex_free(old);
}

void io_irp_quarantine_flush(void)
{
    os_mutex_lock(&quarantine_lock);
    for (size_t i = 0; i < IO_IRP_QUARANTINE; i++) {
        if (quarantine[i] != NULL)
            ex_free(quarantine[i]);
        quarantine[i] = NULL;
    }
    os_mutex_unlock(&quarantine_lock);
}

VOID NTAPI IoFreeIrp(PIRP Irp)
{
    if (Irp->Type != IO_TYPE_IRP)
        ke_bugcheck_msg(BUGCODE_MULTIPLE_IRP_COMPLETE_REQUESTS, (ULONG_PTR)Irp, 0, 0, 0,
                        "IoFreeIrp on an IRP that was already freed");
    io_irp_free(Irp);
}

VOID NTAPI IoReuseIrp(PIRP Irp, NTSTATUS Iostatus)
{
    UCHAR flags = Irp->AllocationFlags;
    struct io_irp_private *p = io_irp_private_of(Irp);
    io_irp_done done = p ? p->done : NULL;
    void *ctx = p ? p->done_context : NULL;
    IoInitializeIrp(Irp, Irp->Size, Irp->StackCount);
    Irp->AllocationFlags = flags;
    Irp->IoStatus.Status = Iostatus;
    if (p != NULL) {
        memset(p, 0, offsetof(struct io_irp_private, irp));
        p->done = done;
        p->done_context = ctx;
    }
}

NTSTATUS FASTCALL IofCallDriver(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION sp;
    PDRIVER_OBJECT driver;
    if (Irp->Type != IO_TYPE_IRP)
        ke_bugcheck_msg(BUGCODE_MULTIPLE_IRP_COMPLETE_REQUESTS, (ULONG_PTR)Irp, 0, 0, 0,
                        "IoCallDriver with an IRP that was already completed and freed");
    Irp->CurrentLocation--;
    if (Irp->CurrentLocation <= 0)
        ke_bugcheck_msg(BUGCODE_NO_MORE_IRP_STACK_LOCATIONS, (ULONG_PTR)Irp, 0, 0, 0,
                        "IoCallDriver: the IRP has no stack location left for device %p",
                        (void *)DeviceObject);
    sp = --Irp->Tail.Overlay.CurrentStackLocation;
    sp->DeviceObject = DeviceObject;
    driver = DeviceObject->DriverObject;
    return driver->MajorFunction[sp->MajorFunction](DeviceObject, Irp);
}

static BOOLEAN io_should_invoke(PIRP irp, UCHAR control)
{
    BOOLEAN cancel = __atomic_load_n(&irp->Cancel, __ATOMIC_ACQUIRE);
    if (NT_SUCCESS(irp->IoStatus.Status))
        return (control & SL_INVOKE_ON_SUCCESS) != 0 || (cancel && (control & SL_INVOKE_ON_CANCEL));
    return (control & SL_INVOKE_ON_ERROR) != 0 || (cancel && (control & SL_INVOKE_ON_CANCEL));
}

/* Clears the fields of a location the completion walk has left, as Windows does, so that a
 * driver reading a stale location sees zeros. */
static void io_clear_location(PIO_STACK_LOCATION sp)
{
    sp->MinorFunction = 0;
    sp->Flags = 0;
    sp->Control = 0;
    memset(&sp->Parameters, 0, sizeof(sp->Parameters));
    sp->FileObject = NULL;
    sp->CompletionRoutine = NULL;
    sp->Context = NULL;
}

/* Walks the stack upwards; returns FALSE when a completion routine took the IRP back. */
static BOOLEAN io_complete_stack(PIRP irp)
{
    while (irp->CurrentLocation <= irp->StackCount) {
        PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(irp);
        PIO_COMPLETION_ROUTINE routine = sp->CompletionRoutine;
        PVOID context = sp->Context;
        UCHAR control = sp->Control;
        IoSkipCurrentIrpStackLocation(irp);
        irp->PendingReturned = (control & SL_PENDING_RETURNED) != 0;
        if (routine != NULL && io_should_invoke(irp, control)) {
            PDEVICE_OBJECT above = irp->CurrentLocation == irp->StackCount + 1
                                       ? NULL
                                       : IoGetCurrentIrpStackLocation(irp)->DeviceObject;
            io_clear_location(sp);
            if (routine(above, irp, context) == STATUS_MORE_PROCESSING_REQUIRED)
                return FALSE;
        } else {
            if (irp->PendingReturned && irp->CurrentLocation <= irp->StackCount)
                IoMarkIrpPending(irp);
            io_clear_location(sp);
        }
    }
    return TRUE;
}

VOID FASTCALL IofCompleteRequest(PIRP Irp, CCHAR PriorityBoost)
{
    struct io_irp_private *p;
    (void)PriorityBoost;
    if (Irp->Type != IO_TYPE_IRP || Irp->CurrentLocation > Irp->StackCount + 1)
        ke_bugcheck_msg(BUGCODE_MULTIPLE_IRP_COMPLETE_REQUESTS, (ULONG_PTR)Irp, 0, 0, 0,
                        "IoCompleteRequest: IRP %p was already completed", (void *)Irp);
    /* I/O Verification checks (bug check 0xC9, parameter 1 says which). */
    if (Irp->IoStatus.Status == STATUS_PENDING || Irp->IoStatus.Status == -1)
        ke_bugcheck_msg(BUGCODE_DRIVER_VERIFIER_IOMANAGER_VIOLATION, 0x06,
                        (ULONG_PTR)(ULONG)Irp->IoStatus.Status, (ULONG_PTR)Irp, 0,
                        "IoCompleteRequest with status STATUS_PENDING");
    /* IoCancelIrp may exchange the routine on another thread at the same moment. */
    if (__atomic_load_n(&Irp->CancelRoutine, __ATOMIC_ACQUIRE) != NULL)
        ke_bugcheck_msg(BUGCODE_DRIVER_VERIFIER_IOMANAGER_VIOLATION, 0x07,
                        (ULONG_PTR)Irp->CancelRoutine, (ULONG_PTR)Irp, 0,
                        "IoCompleteRequest while the IRP's cancel routine is still set");
    if (ke_irql() > DISPATCH_LEVEL)
        ke_bugcheck_msg(BUGCODE_DRIVER_VERIFIER_IOMANAGER_VIOLATION, 0x0E, ke_irql(),
                        (ULONG_PTR)Irp, 0, "IoCompleteRequest above DISPATCH_LEVEL");
    if (!io_complete_stack(Irp))
        return;
    /* The walk ended above the top location: the IRP now belongs to its originator. */
    Irp->CurrentLocation = (CHAR)(Irp->StackCount + 2);
    p = io_irp_private_of(Irp);
    if (p != NULL && p->done != NULL) {
        p->done(Irp, p->done_context);
        return;
    }
    io_threaded_completion(Irp);
}

NTSTATUS io_invalid_request(PDEVICE_OBJECT device, PIRP irp)
{
    (void)device;
    irp->IoStatus.Status = STATUS_INVALID_DEVICE_REQUEST;
    irp->IoStatus.Information = 0;
    IoCompleteRequest(irp, IO_NO_INCREMENT);
    return STATUS_INVALID_DEVICE_REQUEST;
}

/* ---- IoSetCompletionRoutineEx: the device object stays referenced until the routine ran --- */

struct io_completion_ex {
    PIO_COMPLETION_ROUTINE routine;
    PVOID context;
    PDEVICE_OBJECT device;
    UCHAR control; /* the caller's SL_INVOKE_ON_* choice */
};

/* The thunk is invoked in every case so that it can always drop the device reference and free
 * its context; it applies the caller's choice itself. */
static NTSTATUS io_completion_ex_thunk(PDEVICE_OBJECT device, PIRP irp, PVOID context)
{
    struct io_completion_ex c = *(struct io_completion_ex *)context;
    NTSTATUS status = STATUS_SUCCESS;
    ex_free(context);
    if (io_should_invoke(irp, c.control)) {
        status = c.routine(device, irp, c.context);
    } else if (irp->PendingReturned && irp->CurrentLocation <= irp->StackCount) {
        IoMarkIrpPending(irp);
    }
    ObDereferenceObject(c.device);
    return status;
}

NTSTATUS NTAPI IoSetCompletionRoutineEx(PDEVICE_OBJECT DeviceObject, PIRP Irp,
                                        PIO_COMPLETION_ROUTINE CompletionRoutine, PVOID Context,
                                        BOOLEAN InvokeOnSuccess, BOOLEAN InvokeOnError,
                                        BOOLEAN InvokeOnCancel)
{
    struct io_completion_ex *c = ex_alloc(sizeof(*c), 'xEoC');
    if (c == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    c->routine = CompletionRoutine;
    c->context = Context;
    c->device = DeviceObject;
    c->control = (UCHAR)((InvokeOnSuccess ? SL_INVOKE_ON_SUCCESS : 0) |
                         (InvokeOnError ? SL_INVOKE_ON_ERROR : 0) |
                         (InvokeOnCancel ? SL_INVOKE_ON_CANCEL : 0));
    ObReferenceObject(DeviceObject);
    IoSetCompletionRoutine(Irp, io_completion_ex_thunk, c, TRUE, TRUE, TRUE);
    return STATUS_SUCCESS;
}
