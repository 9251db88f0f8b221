/*
 * system.c - the system power transitions: sleep (IRP_MN_QUERY_POWER then IRP_MN_SET_POWER of
 * a sleeping state to every started device stack, leaves before their parents) and wake
 * (IRP_MN_SET_POWER S0, parents before their children), as "System Power Transitions" and
 * "Handling IRP_MN_SET_POWER for System Power States" describe.
 *
 * Threads: a transition runs inside pnp_run_exclusive (no PnP action changes the tree
 * meanwhile) and sends one system IRP at a time, waiting for each to complete before the next:
 * Windows sends to the stacks of one level concurrently, but never to a parent before all its
 * children completed (sleep), nor to a child before its parent (wake); one at a time is one
 * of the orders Windows may produce. A power policy owner requests its device IRP from its
 * system IRP's completion and completes the system IRP from the device IRP's PowerCompletion,
 * so waiting for the system IRP waits for the device IRP too.
 *
 * State: po_sleeping (the sleeping state, PowerSystemWorking when awake) is changed only inside
 * pnp_run_exclusive, one transition at a time.
 */
#include "po/po_private.h"

#include "io/io.h"
#include "pnp/pnp.h"

#include <stdlib.h>

static SYSTEM_POWER_STATE po_sleeping = PowerSystemWorking;
static POWER_ACTION po_sleep_action_taken = PowerActionNone; /* the sleep's ShutdownType */

NTSTATUS po_init(void)
{
    po_sleeping = PowerSystemWorking;
    return STATUS_SUCCESS;
}

void po_shutdown(void)
{
    /* Nothing to release: every power IRP's record is freed at its completion (request.c). */
}

struct po_transition {
    UCHAR minor;
    SYSTEM_POWER_STATE state;   /* the state the IRPs carry */
    SYSTEM_POWER_STATE current; /* the system's state before the transition */
    POWER_ACTION action;
    PDEVICE_OBJECT *queried; /* sleep: the PDOs queried so far (referenced), leaves first */
    size_t nqueried, cap;
};

static void po_system_fill(struct po_irp *p, const struct po_transition *t)
{
    PIO_STACK_LOCATION sp = IoGetNextIrpStackLocation(p->irp);
    sp->Parameters.Power.Type = SystemPowerState;
    sp->Parameters.Power.State.SystemState = t->state;
    sp->Parameters.Power.ShutdownType = t->action;
    sp->Parameters.Power.SystemPowerStateContext.CurrentSystemState = t->current;
    sp->Parameters.Power.SystemPowerStateContext.TargetSystemState = t->state;
    sp->Parameters.Power.SystemPowerStateContext.EffectiveSystemState = t->state;
}

/* Sends one system IRP to the top of the PDO's stack and waits for it. The PDO carries the
 * IRP's action meanwhile, for the device IRPs its power policy owner requests. */
static NTSTATUS po_system_irp(PDEVICE_OBJECT pdo, const struct po_transition *t)
{
    struct io_device *d = (struct io_device *)pdo;
    POWER_STATE state = {.SystemState = t->state};
    struct po_irp *p = po_irp_new(pdo, t->minor, state);
    KEVENT done;
    NTSTATUS status;
    if (p == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    KeInitializeEvent(&done, NotificationEvent, FALSE);
    p->done = &done;
    po_system_fill(p, t);
    if (t->minor == IRP_MN_SET_POWER && t->state == PowerSystemWorking)
        po_fx_s0_sent(pdo);
    __atomic_store_n(&d->po_system_action, (LONG)t->action, __ATOMIC_RELEASE);
    po_irp_dispatch(p);
    KeWaitForSingleObject(&done, Executive, KernelMode, FALSE, NULL);
    __atomic_store_n(&d->po_system_action, (LONG)PowerActionNone, __ATOMIC_RELEASE);
    status = p->irp->IoStatus.Status;
    po_irp_free(p);
    return status;
}

static NTSTATUS po_set_one(PDEVICE_OBJECT pdo, void *context)
{
    /* A failed system set-power IRP is bug check 0xC9 / 0x247 at its completion; the
     * transition goes on with the next stack. */
    (void)po_system_irp(pdo, context);
    return STATUS_SUCCESS;
}

static NTSTATUS po_query_one(PDEVICE_OBJECT pdo, void *context)
{
    struct po_transition *t = context;
    if (t->nqueried == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 16;
        PDEVICE_OBJECT *q = realloc(t->queried, cap * sizeof(*q));
        if (q == NULL)
            return STATUS_INSUFFICIENT_RESOURCES;
        t->queried = q;
        t->cap = cap;
    }
    ObReferenceObject(pdo);
    t->queried[t->nqueried++] = pdo;
    return po_system_irp(pdo, t);
}

/* A vetoed sleep: every stack queried (the one that failed included) gets IRP_MN_SET_POWER
 * for the working state, parents first (the reverse of the query order). */
static void po_sleep_cancel(struct po_transition *t)
{
    struct po_transition s0 = {
        IRP_MN_SET_POWER, PowerSystemWorking, PowerSystemWorking, t->action, NULL, 0, 0};
    for (size_t i = t->nqueried; i-- > 0;)
        (void)po_system_irp(t->queried[i], &s0);
}

static NTSTATUS po_sleep_action(void *context)
{
    struct po_transition *t = context;
    NTSTATUS status;
    if (po_sleeping != PowerSystemWorking)
        return STATUS_INVALID_DEVICE_STATE; /* asleep already: wake first */
    status = pnp_walk_started(PNP_WALK_CHILDREN_FIRST, po_query_one, t);
    if (!NT_SUCCESS(status)) {
        po_sleep_cancel(t);
    } else {
        t->minor = IRP_MN_SET_POWER;
        (void)pnp_walk_started(PNP_WALK_CHILDREN_FIRST, po_set_one, t);
        po_sleeping = t->state;
        po_sleep_action_taken = t->action;
    }
    for (size_t i = 0; i < t->nqueried; i++)
        ObDereferenceObject(t->queried[i]);
    free(t->queried);
    return status;
}

NTSTATUS po_system_sleep(SYSTEM_POWER_STATE state)
{
    struct po_transition t = {
        IRP_MN_QUERY_POWER, state, PowerSystemWorking, PowerActionSleep, NULL, 0, 0};
    if (state < PowerSystemSleeping1 || state > PowerSystemHibernate)
        return STATUS_INVALID_PARAMETER;
    if (state == PowerSystemHibernate)
        t.action = PowerActionHibernate;
    return pnp_run_exclusive(po_sleep_action, &t);
}

static NTSTATUS po_wake_action(void *context)
{
    struct po_transition *t = context;
    NTSTATUS status;
    if (po_sleeping == PowerSystemWorking)
        return STATUS_INVALID_DEVICE_STATE; /* not asleep */
    t->current = po_sleeping;
    t->action = po_sleep_action_taken;
    status = pnp_walk_started(PNP_WALK_PARENTS_FIRST, po_set_one, t);
    po_sleeping = PowerSystemWorking;
    po_sleep_action_taken = PowerActionNone;
    return status;
}

NTSTATUS po_system_wake(void)
{
    /* The wake rows of IRP_MN_SET_POWER's table: S0 with the sleep's ShutdownType, current
     * state the sleeping one, target and effective S0. */
    struct po_transition t = {
        IRP_MN_SET_POWER, PowerSystemWorking, PowerSystemWorking, PowerActionNone, NULL, 0, 0};
    return pnp_run_exclusive(po_wake_action, &t);
}
