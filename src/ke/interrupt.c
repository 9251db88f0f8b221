/*
 * interrupt.c - interrupt objects: the kernel's side of IoConnectInterrupt[Ex] and of the
 * framework's WDFINTERRUPT, KeSynchronizeExecution and KeAcquire/ReleaseInterruptSpinLock.
 *
 * There is no interrupt controller: a device "interrupts" when the host says so
 * (`interrupt INSTANCE [INDEX]`, drvhost_device_interrupt), and ke_interrupt_fire runs the ISRs
 * connected at that vector on the calling thread, raised to each interrupt's SynchronizeIrql
 * with its spin lock held, as the kernel's interrupt dispatcher runs them on the interrupted
 * processor (docs/interrupts.md: what DIRQL means here). A passive-level interrupt's ISR runs
 * at PASSIVE_LEVEL with its passive lock (a synchronization event) held.
 *
 * Locking: `vectors_lock` guards the list of connected interrupts and is held while a vector's
 * ISRs run, so that a disconnect waits for an ISR running on another thread (Windows waits
 * the same way) and one vector is dispatched at a time. It is never taken by an ISR, a
 * KeSynchronizeExecution routine or a holder of an interrupt's lock.
 */
#include "ke/ke_private.h"
#include "vf/vf.h"

#include <stdlib.h>

struct _KINTERRUPT {
    LIST_ENTRY link; /* in `connected`, under vectors_lock */
    struct ke_interrupt_params p;
    KSPIN_LOCK own_lock; /* p.lock when the connector gave none */
    KEVENT own_passive;  /* p.passive_lock when the connector gave none */
};

static os_mutex vectors_lock = OS_MUTEX_INIT;
static LIST_ENTRY connected = {&connected, &connected};
/* Set by the framework layer (GpioClx) at each controller driver's registration, always to
 * the same value; atomic, read without a lock. */
static const struct ke_secondary_controller *secondary;

void ke_interrupt_set_secondary(const struct ke_secondary_controller *controller)
{
    __atomic_store_n(&secondary, controller, __ATOMIC_RELEASE);
}

static const struct ke_secondary_controller *secondary_get(void)
{
    return __atomic_load_n(&secondary, __ATOMIC_ACQUIRE);
}

static BOOLEAN is_secondary(const struct ke_interrupt_params *p)
{
    return p->vector >= KE_SECONDARY_VECTOR_BASE;
}

NTSTATUS ke_interrupt_connect(const struct ke_interrupt_params *p, PKINTERRUPT *out)
{
    PKINTERRUPT i;
    /* IoConnectInterrupt: SynchronizeIrql at least Irql; a DIRQL above DISPATCH_LEVEL. */
    if (p->isr == NULL || p->sync_irql < p->irql || p->sync_irql > HIGH_LEVEL ||
        (!p->passive && p->irql <= DISPATCH_LEVEL))
        return STATUS_INVALID_PARAMETER;
    i = calloc(1, sizeof *i);
    if (i == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    i->p = *p;
    if (i->p.lock == NULL)
        i->p.lock = &i->own_lock;
    KeInitializeEvent(&i->own_passive, SynchronizationEvent, TRUE);
    if (i->p.passive_lock == NULL)
        i->p.passive_lock = &i->own_passive;
    os_mutex_lock(&vectors_lock);
    InsertTailList(&connected, &i->link);
    os_mutex_unlock(&vectors_lock);
    if (is_secondary(p)) {
        /* No secondary controller (no GpioClx): no such interrupt source. */
        const struct ke_secondary_controller *c = secondary_get();
        NTSTATUS status = c != NULL ? c->connect(&i->p) : STATUS_NOT_FOUND;
        if (!NT_SUCCESS(status)) {
            os_mutex_lock(&vectors_lock);
            RemoveEntryList(&i->link);
            os_mutex_unlock(&vectors_lock);
            free(i);
            return status;
        }
    }
    *out = i;
    return STATUS_SUCCESS;
}

void ke_interrupt_disconnect(PKINTERRUPT interrupt)
{
    const struct ke_secondary_controller *c = secondary_get();
    if (is_secondary(&interrupt->p) && c != NULL)
        c->disconnect(&interrupt->p);
    os_mutex_lock(&vectors_lock);
    RemoveEntryList(&interrupt->link);
    os_mutex_unlock(&vectors_lock);
    free(interrupt);
}

/* The interrupt's lock: raises to its SynchronizeIrql (a passive interrupt: stays at
 * PASSIVE_LEVEL and waits for its passive lock) and takes its lock; returns the IRQL to give
 * back to ke_interrupt_unlock. */
static KIRQL ke_interrupt_lock(PKINTERRUPT interrupt, void *caller)
{
    KIRQL old;
    if (interrupt->p.passive) {
        KeWaitForSingleObject(interrupt->p.passive_lock, Executive, KernelMode, FALSE, NULL);
        return ke_irql();
    }
    old = ke_irql_raise(interrupt->p.sync_irql, caller);
    ke_spin_acquire(interrupt->p.lock, caller);
    return old;
}

static void ke_interrupt_unlock(PKINTERRUPT interrupt, KIRQL old, void *caller)
{
    if (interrupt->p.passive) {
        KeSetEvent(interrupt->p.passive_lock, IO_NO_INCREMENT, FALSE);
        return;
    }
    ke_spin_release(interrupt->p.lock, caller);
    ke_irql_lower(old, caller);
}

/* One ISR, as the dispatcher calls it. */
static BOOLEAN run_isr(PKINTERRUPT i)
{
    KIRQL old = ke_interrupt_lock(i, (void *)i->p.isr);
    BOOLEAN claimed = i->p.isr(i, i->p.context);
    ke_interrupt_unlock(i, old, (void *)i->p.isr);
    return claimed;
}

/* The ISRs at `vector`; the caller holds vectors_lock. */
static int dispatch_locked(ULONG vector)
{
    int claimed = 0, found = 0;
    for (LIST_ENTRY *e = connected.Flink; e != &connected; e = e->Flink) {
        PKINTERRUPT i = CONTAINING_RECORD(e, struct _KINTERRUPT, link);
        if (i->p.vector != vector)
            continue;
        found = 1;
        if (run_isr(i)) {
            claimed++;
            if (i->p.mode == LevelSensitive)
                break; /* the line is serviced: no other ISR sees it */
        }
    }
    return found ? claimed : -1;
}

int ke_interrupt_fire(ULONG vector)
{
    os_mutex_lock(&vectors_lock);
    int result = dispatch_locked(vector);
    os_mutex_unlock(&vectors_lock);
    return result;
}

/* The primary ISR's thread holds vectors_lock: the list cannot change under it. */
int ke_interrupt_fire_secondary(ULONG vector)
{
    return dispatch_locked(vector);
}

/* ---- the DDIs --------------------------------------------------------------------------- */

/* Microsoft: callable at IRQL <= DIRQL (the interrupt's SynchronizeIrql). */
BOOLEAN NTAPI KeSynchronizeExecution(PKINTERRUPT Interrupt,
                                     PKSYNCHRONIZE_ROUTINE SynchronizeRoutine,
                                     PVOID SynchronizeContext)
{
    void *caller = __builtin_return_address(0);
    KIRQL old;
    BOOLEAN result;
    vf_check_irql_at_most(Interrupt->p.sync_irql, "KeSynchronizeExecution", Interrupt, caller);
    old = ke_interrupt_lock(Interrupt, caller);
    result = SynchronizeRoutine(SynchronizeContext);
    ke_interrupt_unlock(Interrupt, old, caller);
    return result;
}

KIRQL NTAPI KeAcquireInterruptSpinLock(PKINTERRUPT Interrupt)
{
    void *caller = __builtin_return_address(0);
    vf_check_irql_at_most(Interrupt->p.sync_irql, "KeAcquireInterruptSpinLock", Interrupt, caller);
    return ke_interrupt_lock(Interrupt, caller);
}

VOID NTAPI KeReleaseInterruptSpinLock(PKINTERRUPT Interrupt, KIRQL OldIrql)
{
    ke_interrupt_unlock(Interrupt, OldIrql, __builtin_return_address(0));
}
