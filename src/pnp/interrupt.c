/*
 * interrupt.c - IoConnectInterrupt, IoConnectInterruptEx (fully specified, line-based, and
 * message-based falling back to line-based), IoDisconnectInterrupt[Ex] on the kernel's
 * interrupt objects (src/ke/interrupt.c). Here because the line-based form connects the
 * interrupts the PnP manager assigned to the device (resources.c).
 */
#include "pnp/pnp_private.h"

#include "ke/ke.h"
#include "vf/vf.h"

static NTSTATUS connect(PKINTERRUPT *out, PKSERVICE_ROUTINE isr, PVOID context, PKSPIN_LOCK lock,
                        ULONG vector, KIRQL irql, KIRQL sync_irql, KINTERRUPT_MODE mode,
                        BOOLEAN share, KAFFINITY affinity)
{
    struct ke_interrupt_params p = {
        .isr = isr,
        .context = context,
        .lock = lock,
        .vector = vector,
        .irql = irql,
        .sync_irql = sync_irql,
        .mode = mode,
        .share = share,
        .affinity = affinity,
    };
    if (out == NULL)
        return STATUS_INVALID_PARAMETER;
    *out = NULL;
    return ke_interrupt_connect(&p, out);
}

NTSTATUS NTAPI IoConnectInterrupt(PKINTERRUPT *InterruptObject, PKSERVICE_ROUTINE ServiceRoutine,
                                  PVOID ServiceContext, PKSPIN_LOCK SpinLock, ULONG Vector,
                                  KIRQL Irql, KIRQL SynchronizeIrql, KINTERRUPT_MODE InterruptMode,
                                  BOOLEAN ShareVector, KAFFINITY ProcessorEnableMask,
                                  BOOLEAN FloatingSave)
{
    (void)FloatingSave;
    vf_check_irql_at_most(PASSIVE_LEVEL, "IoConnectInterrupt", NULL, __builtin_return_address(0));
    return connect(InterruptObject, ServiceRoutine, ServiceContext, SpinLock, Vector, Irql,
                   SynchronizeIrql, InterruptMode, ShareVector, ProcessorEnableMask);
}

/* The first line-based interrupt assigned to the PDO's device, connected (deviation: Windows
 * connects every line-based interrupt of the device to the one ISR; drvhost the first). */
static NTSTATUS connect_line(PDEVICE_OBJECT pdo, PKINTERRUPT *out, PKSERVICE_ROUTINE isr,
                             PVOID context, PKSPIN_LOCK lock, KIRQL sync_irql)
{
    struct pnp_node *node = pnp_node_of_pdo_checked(pdo, "IoConnectInterruptEx");
    const CM_PARTIAL_RESOURCE_DESCRIPTOR *d = pnp_resources_interrupt(node, 0);
    KIRQL irql;
    if (d == NULL)
        return STATUS_NOT_FOUND;
    irql = (KIRQL)d->u.Interrupt.Level;
    return connect(out, isr, context, lock, d->u.Interrupt.Vector, irql,
                   sync_irql > irql ? sync_irql : irql,
                   (d->Flags & CM_RESOURCE_INTERRUPT_LATCHED) ? Latched : LevelSensitive,
                   d->ShareDisposition == CmResourceShareShared, d->u.Interrupt.Affinity);
}

NTSTATUS NTAPI IoConnectInterruptEx(PIO_CONNECT_INTERRUPT_PARAMETERS Parameters)
{
    vf_check_irql_at_most(PASSIVE_LEVEL, "IoConnectInterruptEx", NULL, __builtin_return_address(0));
    if (Parameters == NULL)
        return STATUS_INVALID_PARAMETER;
    switch (Parameters->Version) {
    case CONNECT_FULLY_SPECIFIED:
    case CONNECT_FULLY_SPECIFIED_GROUP: {
        PIO_CONNECT_INTERRUPT_FULLY_SPECIFIED_PARAMETERS f = &Parameters->FullySpecified;
        return connect(f->InterruptObject, f->ServiceRoutine, f->ServiceContext, f->SpinLock,
                       f->Vector, f->Irql, f->SynchronizeIrql, f->InterruptMode, f->ShareVector,
                       f->ProcessorEnableMask);
    }
    case CONNECT_LINE_BASED: {
        PIO_CONNECT_INTERRUPT_LINE_BASED_PARAMETERS l = &Parameters->LineBased;
        return connect_line(l->PhysicalDeviceObject, l->InterruptObject, l->ServiceRoutine,
                            l->ServiceContext, l->SpinLock, l->SynchronizeIrql);
    }
    case CONNECT_MESSAGE_BASED: {
        /* drvhost assigns no message-signaled interrupts: as Windows does for a device without
         * them, the fallback routine is connected line-based and Version says so. */
        PIO_CONNECT_INTERRUPT_MESSAGE_BASED_PARAMETERS m = &Parameters->MessageBased;
        NTSTATUS status;
        if (m->FallBackServiceRoutine == NULL)
            return STATUS_INVALID_PARAMETER;
        status = connect_line(m->PhysicalDeviceObject, m->ConnectionContext.InterruptObject,
                              m->FallBackServiceRoutine, m->ServiceContext, m->SpinLock,
                              m->SynchronizeIrql);
        if (NT_SUCCESS(status))
            Parameters->Version = CONNECT_LINE_BASED;
        return status;
    }
    default:
        return STATUS_INVALID_PARAMETER;
    }
}

VOID NTAPI IoDisconnectInterrupt(PKINTERRUPT InterruptObject)
{
    vf_check_irql_at_most(PASSIVE_LEVEL, "IoDisconnectInterrupt", InterruptObject,
                          __builtin_return_address(0));
    ke_interrupt_disconnect(InterruptObject);
}

/* Version is the one IoConnectInterruptEx left in its parameters. */
VOID NTAPI IoDisconnectInterruptEx(PIO_DISCONNECT_INTERRUPT_PARAMETERS Parameters)
{
    vf_check_irql_at_most(PASSIVE_LEVEL, "IoDisconnectInterruptEx", NULL,
                          __builtin_return_address(0));
    if (Parameters != NULL && Parameters->ConnectionContext.InterruptObject != NULL)
        ke_interrupt_disconnect(Parameters->ConnectionContext.InterruptObject);
}
