/*
 * dispatcher.c - dispatcher objects: events, semaphores, mutexes; the satisfaction of waits
 * when an object becomes signalled.
 *
 * Locking: every state change of a DISPATCHER_HEADER (SignalState, WaitListHead) and of a
 * mutex owner happens under ke_dispatcher_lock. Each routine drops the lock before it returns
 * or bug-checks.
 *
 * Deviation: Wait = TRUE in KeSetEvent, KeReleaseSemaphore and KeReleaseMutex lets a Windows
 * caller return at DISPATCH_LEVEL with the dispatcher lock held until its KeWaitXxx. Here the
 * routines return with no lock held and the IRQL unchanged; the caller's following wait is
 * then an ordinary wait, which is all the contract promises ("cannot reliably be used as the
 * start and end of an atomic operation").
 */
#include "ke/ke_private.h"
#include "vf/vf.h"

os_mutex ke_dispatcher_lock = OS_MUTEX_INIT;

/* A driver's object that no KeInitializeXxx prepared (vf.h) is bug check 0xC4/0x1002 at its call,
 * not a fault in ke_satisfy_waiters_locked. Called with ke_dispatcher_lock held; drops it before
 * the bug check. */
void ke_check_initialised_locked(DISPATCHER_HEADER *h, const char *ddi, const void *caller)
{
    if (__builtin_expect(!vf_dispatcher_initialised(h), 0)) {
        os_mutex_unlock(&ke_dispatcher_lock);
        vf_dispatcher_not_initialised(h, ddi, caller);
    }
}

#define HEADER_SIZE(type) ((UCHAR)(sizeof(type) / sizeof(LONG)))

static void header_init(DISPATCHER_HEADER *h, UCHAR type, UCHAR size, LONG state)
{
    h->Lock = 0;
    h->Type = type;
    h->Size = size;
    h->SignalState = state;
    InitializeListHead(&h->WaitListHead);
}

/* ---- the satisfaction of waits ---------------------------------------------------------- */

static BOOLEAN object_signalled(DISPATCHER_HEADER *h, struct ke_thread *t)
{
    if (h->Type == MutantObject)
        return h->SignalState > 0 || ((PKMUTANT)h)->OwnerThread == (PKTHREAD)t;
    return h->SignalState > 0;
}

/* The side effect of a satisfied wait. A KMUTEX also disables normal kernel APCs of its owner
 * (KMUTANT.ApcDisable), which KeAreApcsDisabled reports. */
static void object_consume(DISPATCHER_HEADER *h, struct ke_thread *t)
{
    switch (h->Type) {
    case EventSynchronizationObject:
    case TimerSynchronizationObject:
        h->SignalState = 0;
        break;
    case SemaphoreObject:
        h->SignalState--;
        break;
    case MutantObject:
        if (h->SignalState-- == 1) {
            ((PKMUTANT)h)->OwnerThread = (PKTHREAD)t;
            t->critical_region += ((PKMUTANT)h)->ApcDisable;
        }
        break;
    default: /* notification events and timers, threads: stay signalled */
        break;
    }
}

BOOLEAN ke_wait_can_complete_locked(struct ke_wait *w, ULONG index)
{
    if (w->type == WaitAny)
        return object_signalled(w->blocks[index].Object, w->thread);
    for (ULONG i = 0; i < w->count; i++)
        if (!object_signalled(w->blocks[i].Object, w->thread))
            return FALSE;
    return TRUE;
}

/* Consumes the objects of a wait that can complete; returns its status. */
NTSTATUS ke_wait_consume_locked(struct ke_wait *w, ULONG index)
{
    if (w->type == WaitAny) {
        object_consume(w->blocks[index].Object, w->thread);
        return STATUS_WAIT_0 + (NTSTATUS)index;
    }
    for (ULONG i = 0; i < w->count; i++)
        object_consume(w->blocks[i].Object, w->thread);
    return STATUS_SUCCESS;
}

void ke_wait_unlink_locked(struct ke_wait *w)
{
    for (ULONG i = 0; i < w->count; i++)
        RemoveEntryList(&w->blocks[i].WaitListEntry);
}

/* Ends the wait of a blocked thread with `status` and wakes it. */
static void wait_complete(struct ke_wait *w, NTSTATUS status)
{
    struct ke_thread *t = w->thread;
    ke_wait_unlink_locked(w);
    ke_state(t)->wait = NULL;
    ke_state(t)->waiting = FALSE;
    ke_state(t)->wait_status = status;
    os_cond_signal(&ke_state(t)->wake);
}

/* Walks the wait list in FIFO order and satisfies the first wait that can complete, again
 * and again, while the object stays signalled (a notification event satisfies all of them;
 * a synchronization event only the first). Restarting after each satisfied wait keeps the
 * walk valid although the satisfied wait unlinked its blocks. */
void ke_satisfy_waiters_locked(DISPATCHER_HEADER *h)
{
    BOOLEAN progress = TRUE;
    while (progress && h->SignalState > 0) {
        progress = FALSE;
        for (PLIST_ENTRY e = h->WaitListHead.Flink; e != &h->WaitListHead; e = e->Flink) {
            PKWAIT_BLOCK b = CONTAINING_RECORD(e, KWAIT_BLOCK, WaitListEntry);
            struct ke_wait *w = ke_state((struct ke_thread *)b->Thread)->wait;
            if (ke_wait_can_complete_locked(w, b->WaitKey)) {
                wait_complete(w, ke_wait_consume_locked(w, b->WaitKey));
                progress = TRUE;
                break;
            }
        }
    }
}

/* ---- events ----------------------------------------------------------------------------- */

VOID KeInitializeEvent(PRKEVENT Event, EVENT_TYPE Type, BOOLEAN State)
{
    UCHAR type =
        Type == SynchronizationEvent ? EventSynchronizationObject : EventNotificationObject;
    header_init(&Event->Header, type, HEADER_SIZE(KEVENT), State ? 1 : 0);
}

LONG KeSetEvent(PRKEVENT Event, KPRIORITY Increment, BOOLEAN Wait)
{
    (void)Increment; /* priority boosts: Linux schedules */
    (void)Wait;      /* see the deviation at the top */
    os_mutex_lock(&ke_dispatcher_lock);
    ke_check_initialised_locked(&Event->Header, "KeSetEvent", __builtin_return_address(0));
    LONG previous = Event->Header.SignalState;
    if (previous == 0) {
        Event->Header.SignalState = 1;
        ke_satisfy_waiters_locked(&Event->Header);
    }
    os_mutex_unlock(&ke_dispatcher_lock);
    return previous;
}

LONG KeResetEvent(PRKEVENT Event)
{
    os_mutex_lock(&ke_dispatcher_lock);
    ke_check_initialised_locked(&Event->Header, "KeResetEvent", __builtin_return_address(0));
    LONG previous = Event->Header.SignalState;
    Event->Header.SignalState = 0;
    os_mutex_unlock(&ke_dispatcher_lock);
    return previous;
}

VOID KeClearEvent(PRKEVENT Event)
{
    os_mutex_lock(&ke_dispatcher_lock);
    ke_check_initialised_locked(&Event->Header, "KeClearEvent", __builtin_return_address(0));
    Event->Header.SignalState = 0;
    os_mutex_unlock(&ke_dispatcher_lock);
}

LONG KeReadStateEvent(PRKEVENT Event)
{
    os_mutex_lock(&ke_dispatcher_lock);
    LONG state = Event->Header.SignalState;
    os_mutex_unlock(&ke_dispatcher_lock);
    return state;
}

/* Signals (satisfying the waits it can) and resets at once. */
LONG KePulseEvent(PRKEVENT Event, KPRIORITY Increment, BOOLEAN Wait)
{
    (void)Increment;
    (void)Wait;
    os_mutex_lock(&ke_dispatcher_lock);
    ke_check_initialised_locked(&Event->Header, "KePulseEvent", __builtin_return_address(0));
    LONG previous = Event->Header.SignalState;
    if (previous == 0) {
        Event->Header.SignalState = 1;
        ke_satisfy_waiters_locked(&Event->Header);
    }
    Event->Header.SignalState = 0;
    os_mutex_unlock(&ke_dispatcher_lock);
    return previous;
}

/* ---- semaphores ------------------------------------------------------------------------- */

VOID KeInitializeSemaphore(PRKSEMAPHORE Semaphore, LONG Count, LONG Limit)
{
    header_init(&Semaphore->Header, SemaphoreObject, HEADER_SIZE(KSEMAPHORE), Count);
    Semaphore->Limit = Limit;
}

/* Over the limit Windows raises STATUS_SEMAPHORE_LIMIT_EXCEEDED; drvhost has no structured
 * exception handling yet, so the exception is unhandled: KMODE_EXCEPTION_NOT_HANDLED (0x1E)
 * with the exception code and the caller's address. */
LONG KeReleaseSemaphore(PRKSEMAPHORE Semaphore, KPRIORITY Increment, LONG Adjustment, BOOLEAN Wait)
{
    LONG previous, next;
    (void)Increment;
    (void)Wait;
    os_mutex_lock(&ke_dispatcher_lock);
    previous = Semaphore->Header.SignalState;
    /* As documented: the count is left alone and STATUS_SEMAPHORE_LIMIT_EXCEEDED is raised,
     * an exception the caller's __try may handle (unhandled: 0x1E with that status). */
    if (Adjustment <= 0 || __builtin_add_overflow(previous, Adjustment, &next) ||
        next > Semaphore->Limit) {
        os_mutex_unlock(&ke_dispatcher_lock);
        ke_raise_status(STATUS_SEMAPHORE_LIMIT_EXCEEDED, __builtin_return_address(0),
                        "KeReleaseSemaphore over the semaphore's limit");
    }
    Semaphore->Header.SignalState = next;
    if (previous == 0)
        ke_satisfy_waiters_locked(&Semaphore->Header);
    os_mutex_unlock(&ke_dispatcher_lock);
    return previous;
}

LONG KeReadStateSemaphore(PRKSEMAPHORE Semaphore)
{
    os_mutex_lock(&ke_dispatcher_lock);
    LONG state = Semaphore->Header.SignalState;
    os_mutex_unlock(&ke_dispatcher_lock);
    return state;
}

/* ---- mutexes ---------------------------------------------------------------------------- */

/* SignalState is 1 when free and 1 - (recursion count) when owned. Level is ignored, as on
 * Windows since Windows 2000 (mutex levels are not checked). */
VOID KeInitializeMutex(PRKMUTEX Mutex, ULONG Level)
{
    (void)Level;
    header_init(&Mutex->Header, MutantObject, HEADER_SIZE(KMUTANT), 1);
    InitializeListHead(&Mutex->MutantListEntry);
    Mutex->OwnerThread = NULL;
    Mutex->Abandoned = FALSE;
    Mutex->ApcDisable = 1;
}

/* Releasing a mutex the caller does not own raises STATUS_MUTANT_NOT_OWNED on Windows; with
 * no exception handling here it is unhandled: bug check 0x1E. Returns the previous state (0
 * when this release made the mutex signalled). */
LONG KeReleaseMutex(PRKMUTEX Mutex, BOOLEAN Wait)
{
    struct ke_thread *t = ke_current_thread();
    (void)Wait;
    os_mutex_lock(&ke_dispatcher_lock);
    /* Released by a thread that does not hold it: STATUS_MUTANT_NOT_OWNED is raised, an
     * exception the caller's __try may handle (unhandled: 0x1E with that status). */
    if (Mutex->OwnerThread != (PKTHREAD)t) {
        os_mutex_unlock(&ke_dispatcher_lock);
        ke_raise_status(STATUS_MUTANT_NOT_OWNED, __builtin_return_address(0),
                        "KeReleaseMutex by a thread that does not own the mutex");
    }
    LONG previous = Mutex->Header.SignalState++;
    if (Mutex->Header.SignalState == 1) {
        Mutex->OwnerThread = NULL;
        t->critical_region -= Mutex->ApcDisable;
        ke_satisfy_waiters_locked(&Mutex->Header);
    }
    os_mutex_unlock(&ke_dispatcher_lock);
    return previous;
}

LONG KeReadStateMutex(PRKMUTEX Mutex)
{
    os_mutex_lock(&ke_dispatcher_lock);
    LONG state = Mutex->Header.SignalState;
    os_mutex_unlock(&ke_dispatcher_lock);
    return state;
}
