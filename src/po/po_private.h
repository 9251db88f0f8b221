/*
 * po_private.h - shared by the power manager's files (src/po): the record of a power IRP the
 * power manager allocated (PoRequestPowerIrp's and the system transitions' IRPs).
 *
 * Lifetime: a record and its IRP are allocated together (po_irp_new) and freed together
 * (po_irp_free) after the IRP came back up its whole stack: by the completion routine for a
 * driver's request, by the waiting thread for a system IRP (po_irp_send_wait).
 */
#ifndef DRVHOST_PO_PO_PRIVATE_H
#define DRVHOST_PO_PO_PRIVATE_H

#include "po/po.h"

#define PO_TAG 'rIoP'

struct po_irp {
    PIRP irp;
    PDEVICE_OBJECT target; /* as the requester named it (referenced) */
    PDEVICE_OBJECT top;    /* the top of its stack, where the IRP goes (referenced) */
    UCHAR minor;
    POWER_STATE state;
    PREQUEST_POWER_COMPLETE complete; /* PowerCompletion, or NULL */
    PVOID context;
    KEVENT *done;        /* system IRPs: signalled at completion, the waiter frees */
    BOOLEAN timed;       /* the watchdog is armed (every minor but IRP_MN_WAIT_WAKE) */
    unsigned timeout_ms; /* the watchdog's time-out */
    KTIMER timer;
    KDPC dpc;
    WORK_QUEUE_ITEM work; /* sending at PASSIVE_LEVEL for a DO_POWER_PAGABLE stack */
};

/* A power IRP for the top of target's stack with its first stack location filled (IRP_MJ_POWER,
 * minor; the caller fills the parameters), IoStatus.Status = STATUS_NOT_SUPPORTED as for every
 * power IRP the system sends. NULL when memory is short. */
struct po_irp *po_irp_new(PDEVICE_OBJECT target, UCHAR minor, POWER_STATE state);
/* Sends it (arming the watchdog); in a system worker thread at PASSIVE_LEVEL when the caller
 * is above it and the stack is DO_POWER_PAGABLE. */
void po_irp_dispatch(struct po_irp *p);
void po_irp_free(struct po_irp *p);
/* The PDO (bottom) of a device's stack. */
PDEVICE_OBJECT po_stack_pdo(PDEVICE_OBJECT device);
/* An S0 IRP (IRP_MN_SET_POWER, PowerSystemWorking) is about to go to the stack of pdo: PoFx
 * then takes a PoFxReportDevicePoweredOn from each registration of that PDO (fx.c). */
void po_fx_s0_sent(PDEVICE_OBJECT pdo);

#endif
