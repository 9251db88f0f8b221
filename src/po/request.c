/*
 * request.c - the power IRPs the power manager allocates: PoRequestPowerIrp (a device power
 * policy owner's IRP_MN_SET_POWER / IRP_MN_QUERY_POWER / IRP_MN_WAIT_WAKE) and the system
 * transitions' IRPs (system.c), their completion and the watchdog.
 *
 * Completion: the power manager's routine sits in the IRP's first (top) stack location, so it
 * runs after every driver's IoCompletion routine, in the thread that completed the IRP and at
 * its IRQL (PASSIVE_LEVEL or DISPATCH_LEVEL, as the PowerCompletion page allows); it calls the
 * requester's PowerCompletion and frees the IRP (STATUS_MORE_PROCESSING_REQUIRED).
 *
 * Watchdog: each IRP but IRP_MN_WAIT_WAKE (which may pend until the device wakes the system)
 * arms a timer; an IRP not completed when it expires is bug check 0x9F / 0x3, raised by the
 * timer's DPC. The time-out is DRVHOST_POWER_TIMEOUT_MS milliseconds (read at each IRP, so a
 * test may set it), default Windows' ten minutes. When the completion cannot cancel the timer
 * (it has expired: its DPC is queued or running and will raise the bug check), the record is
 * left to the DPC and never freed.
 */
#include "po/po_private.h"

#include "ex/ex.h"
#include "io/io.h"
#include "rtl/rtl.h"
#include "vf/vf.h"

#include <stdlib.h>

#define PO_DEFAULT_TIMEOUT_MS 600000u

static unsigned po_timeout_ms(void)
{
    const char *s = getenv("DRVHOST_POWER_TIMEOUT_MS");
    char *end;
    unsigned long v;
    if (s == NULL || *s == '\0')
        return PO_DEFAULT_TIMEOUT_MS;
    v = strtoul(s, &end, 10);
    if (*end != '\0' || v == 0 || v > 86400000ul) {
        rtl_diag(RTL_DIAG_WARN, "po",
                 "DRVHOST_POWER_TIMEOUT_MS=%s is not a number of milliseconds (1 to 86400000); "
                 "using %u",
                 s, PO_DEFAULT_TIMEOUT_MS);
        return PO_DEFAULT_TIMEOUT_MS;
    }
    return (unsigned)v;
}

PDEVICE_OBJECT po_stack_pdo(PDEVICE_OBJECT device)
{
    struct io_device *d = (struct io_device *)device;
    PDEVICE_OBJECT lower;
    while ((lower = __atomic_load_n(&d->attached_to, __ATOMIC_ACQUIRE)) != NULL)
        d = (struct io_device *)lower;
    return &d->object;
}

/* The device object whose stack location holds the IRP now (the top one when it is between
 * locations, e.g. inside the power manager's own completion). Read from the watchdog's DPC
 * while a driver holds the IRP, without synchronisation on purpose (the IRP is stuck; a stale
 * value would only name another device of the stack in the report): not instrumented by
 * ThreadSanitizer. */
static __attribute__((no_sanitize("thread"), noinline)) PDEVICE_OBJECT po_irp_holder(
    struct po_irp *p)
{
    PIRP irp = p->irp;
    if (irp->CurrentLocation >= 1 && irp->CurrentLocation <= irp->StackCount &&
        irp->Tail.Overlay.CurrentStackLocation->DeviceObject != NULL)
        return irp->Tail.Overlay.CurrentStackLocation->DeviceObject;
    return p->top;
}

static VOID NTAPI po_watchdog_dpc(PKDPC dpc, PVOID context, PVOID arg1, PVOID arg2)
{
    struct po_irp *p = context;
    (void)dpc;
    (void)arg1;
    (void)arg2;
    vf_po_irp_blocked(po_stack_pdo(p->target), po_irp_holder(p), p->irp, p->timeout_ms);
}

static void po_watchdog_arm(struct po_irp *p)
{
    LARGE_INTEGER due;
    if (p->minor == IRP_MN_WAIT_WAKE)
        return;
    p->timeout_ms = po_timeout_ms();
    KeInitializeTimer(&p->timer);
    KeInitializeDpc(&p->dpc, po_watchdog_dpc, p);
    due.QuadPart = -(LONGLONG)p->timeout_ms * 10000;
    p->timed = TRUE;
    KeSetTimer(&p->timer, due, &p->dpc);
}

/* FALSE when the timer has expired: its DPC owns the record now (see the file comment). */
static BOOLEAN po_watchdog_disarm(struct po_irp *p)
{
    return !p->timed || KeCancelTimer(&p->timer);
}

void po_irp_free(struct po_irp *p)
{
    IoFreeIrp(p->irp);
    ObDereferenceObject(p->top);
    ObDereferenceObject(p->target);
    ex_free(p);
}

static NTSTATUS NTAPI po_irp_completion(PDEVICE_OBJECT device, PIRP irp, PVOID context)
{
    struct po_irp *p = context;
    (void)device; /* NULL: the power manager's location is the top one */
    if (!po_watchdog_disarm(p))
        return STATUS_MORE_PROCESSING_REQUIRED;
    if (p->complete != NULL)
        p->complete(p->target, p->minor, p->state, p->context, &irp->IoStatus);
    if (p->done != NULL)
        KeSetEvent(p->done, IO_NO_INCREMENT, FALSE); /* the waiter frees the record */
    else
        po_irp_free(p);
    return STATUS_MORE_PROCESSING_REQUIRED;
}

struct po_irp *po_irp_new(PDEVICE_OBJECT target, UCHAR minor, POWER_STATE state)
{
    struct po_irp *p = ex_alloc(sizeof(*p), PO_TAG);
    PDEVICE_OBJECT top;
    if (p == NULL)
        return NULL;
    top = IoGetAttachedDeviceReference(target);
    p->irp = IoAllocateIrp(top->StackSize, FALSE);
    if (p->irp == NULL) {
        ObDereferenceObject(top);
        ex_free(p);
        return NULL;
    }
    ObReferenceObject(target);
    p->target = target;
    p->top = top;
    p->minor = minor;
    p->state = state;
    p->irp->IoStatus.Status = STATUS_NOT_SUPPORTED;
    p->irp->RequestorMode = KernelMode;
    PIO_STACK_LOCATION sp = IoGetNextIrpStackLocation(p->irp);
    sp->MajorFunction = IRP_MJ_POWER;
    sp->MinorFunction = minor;
    IoSetCompletionRoutine(p->irp, po_irp_completion, p, TRUE, TRUE, TRUE);
    return p;
}

static VOID NTAPI po_irp_send_passive(PVOID context)
{
    struct po_irp *p = context;
    IoCallDriver(p->top, p->irp);
}

void po_irp_dispatch(struct po_irp *p)
{
    ULONG flags = p->top->Flags | po_stack_pdo(p->top)->Flags;
    po_watchdog_arm(p);
    if ((flags & DO_POWER_PAGABLE) != 0 && KeGetCurrentIrql() > PASSIVE_LEVEL) {
        /* A pageable stack gets its power IRPs at PASSIVE_LEVEL (IRP_MN_SET_POWER's page):
         * from a completion routine at DISPATCH_LEVEL the IRP goes through a worker. */
        ExInitializeWorkItem(&p->work, po_irp_send_passive, p);
        ExQueueWorkItem(&p->work, DelayedWorkQueue);
        return;
    }
    IoCallDriver(p->top, p->irp);
}

/* ---- PoRequestPowerIrp --------------------------------------------------------------------- */

static BOOLEAN po_request_valid(UCHAR minor, POWER_STATE state)
{
    if (minor == IRP_MN_WAIT_WAKE)
        return state.SystemState >= PowerSystemWorking && state.SystemState <= PowerSystemHibernate;
    return state.DeviceState >= PowerDeviceD0 && state.DeviceState <= PowerDeviceD3;
}

static void po_request_fill(struct po_irp *p)
{
    PIO_STACK_LOCATION sp = IoGetNextIrpStackLocation(p->irp);
    if (p->minor == IRP_MN_WAIT_WAKE) {
        sp->Parameters.WaitWake.PowerState = p->state.SystemState;
        return;
    }
    sp->Parameters.Power.Type = DevicePowerState;
    sp->Parameters.Power.State = p->state;
    /* The system power IRP under way on the stack (PowerActionNone when there is none), as
     * the System Power Actions page says a device IRP carries. */
    sp->Parameters.Power.ShutdownType = (POWER_ACTION)__atomic_load_n(
        &((struct io_device *)po_stack_pdo(p->target))->po_system_action, __ATOMIC_ACQUIRE);
}

NTSTATUS NTAPI PoRequestPowerIrp(PDEVICE_OBJECT DeviceObject, UCHAR MinorFunction,
                                 POWER_STATE PowerState, PREQUEST_POWER_COMPLETE CompletionFunction,
                                 PVOID Context, PIRP *Irp)
{
    struct po_irp *p;
    vf_check_irql_at_most(DISPATCH_LEVEL, "PoRequestPowerIrp", DeviceObject,
                          __builtin_return_address(0));
    if (MinorFunction != IRP_MN_SET_POWER && MinorFunction != IRP_MN_QUERY_POWER &&
        MinorFunction != IRP_MN_WAIT_WAKE)
        return STATUS_INVALID_PARAMETER_2;
    if (!po_request_valid(MinorFunction, PowerState)) {
        rtl_diag(RTL_DIAG_WARN, "po",
                 "PoRequestPowerIrp: power state %d is not a %s power state for minor 0x%02X",
                 (int)PowerState.DeviceState,
                 MinorFunction == IRP_MN_WAIT_WAKE ? "system (S0-S4)" : "device (D0-D3)",
                 MinorFunction);
        return STATUS_INVALID_PARAMETER_3;
    }
    p = po_irp_new(DeviceObject, MinorFunction, PowerState);
    if (p == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    p->complete = CompletionFunction;
    p->context = Context;
    po_request_fill(p);
    if (Irp != NULL)
        *Irp = p->irp; /* before it is sent: a wait-wake requester may cancel it at once */
    po_irp_dispatch(p);
    return STATUS_PENDING;
}
