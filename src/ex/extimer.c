/*
 * extimer.c - the executive timers (ExAllocateTimer, ExSetTimer, ExCancelTimer, ExDeleteTimer),
 * built on a KTIMER and a KDPC of the kernel layer.
 *
 * An EX_TIMER begins with its KTIMER, so that a driver can wait on the PEX_TIMER as the pages
 * allow (a synchronization timer unless EX_TIMER_NOTIFICATION). The KTIMER is always set as a
 * one-shot timer with the EX_TIMER's DPC: a periodic EX_TIMER is re-armed by that DPC, because
 * the EX_TIMER's period is in 100 ns units where KTIMER.Period holds milliseconds.
 *
 * Locking: ex_timer.lock guards every field below the KDPC; it is taken around the KTIMER
 * calls (lock order: timer lock, then the dispatcher lock) and never held while the driver's
 * callback runs.
 *
 * Lifetime (docs "Deleting a System-Allocated Timer Object"): ExDeleteTimer disables the
 * timer; the memory goes once nothing can touch it any more: the KTIMER out of the timer
 * queue, and every DPC of it finished (ke_dpc_flush, from a worker thread unless the
 * caller waits). `finalizing` makes sure only one of ExDeleteTimer and the DPC starts that.
 * Then EXT_DELETE_PARAMETERS.DeleteCallback runs (with Wait TRUE, before ExDeleteTimer
 * returns).
 *
 * Deviations (docs/compatibility.md): EX_TIMER_HIGH_RESOLUTION changes nothing (every timer
 * has the host clock's resolution); EX_TIMER_NO_WAKE and NoWakeTolerance are accepted and
 * ignored (the timer expires on time); the bug checks the pages announce without a code are
 * 0xC4 with drvhost's parameter 1 VF_C4_EX_TIMER_MISUSE (docs/verifier.md).
 */
#include "ex/ex_private.h"
#include "vf/vf.h"

#define EX_TIMER_TAG 'rmTE'
#define EX_TIMER_KNOWN_ATTRIBUTES                                                                  \
    (EX_TIMER_HIGH_RESOLUTION | EX_TIMER_NO_WAKE | EX_TIMER_NOTIFICATION)

/* Parameter 2 of the VF_C4_EX_TIMER_MISUSE bug check: the rule broken. */
enum ex_timer_rule {
    EX_TIMER_RULE_ATTRIBUTES = 1,
    EX_TIMER_RULE_ABSOLUTE_HIGH_RES = 2,
    EX_TIMER_RULE_WAIT_WITHOUT_CANCEL = 3,
    EX_TIMER_RULE_PERIOD = 4
};

struct _EX_TIMER {
    KTIMER ktimer; /* first: waits on the PEX_TIMER wait on it */
    KDPC dpc;
    os_mutex lock;
    PEXT_CALLBACK callback;
    PVOID context;
    ULONG attributes;
    LONGLONG period;   /* 100 ns units, 0: one-shot */
    LONGLONG next_due; /* system time (100 ns) of the next periodic expiry */
    BOOLEAN armed;     /* set and not cancelled (a periodic timer stays armed) */
    BOOLEAN disabled;  /* ExDeleteTimer called */
    BOOLEAN finalizing;
    EXT_DELETE_PARAMETERS del;
};

static void extimer_bugcheck(enum ex_timer_rule rule, const void *what, LONGLONG value,
                             const char *why)
{
    ke_bugcheck_msg(BUGCODE_DRIVER_VERIFIER_DETECTED_VIOLATION, VF_C4_EX_TIMER_MISUSE,
                    (ULONG_PTR)rule, (ULONG_PTR)what, (ULONG_PTR)value, "%s", why);
}

/* Frees the timer once every DPC of it finished, then calls the driver's delete callback.
 * PASSIVE_LEVEL (a worker thread, or ExDeleteTimer with Wait TRUE). */
static void extimer_finalize(void *arg)
{
    PEX_TIMER t = arg;
    EXT_DELETE_PARAMETERS del = t->del;
    ke_dpc_flush();
    os_mutex_destroy(&t->lock);
    ex_free(t);
    if (del.DeleteCallback != NULL)
        del.DeleteCallback(del.DeleteContext);
}

/* Under t->lock: a disabled timer whose KTIMER left the timer queue can go (once). */
static BOOLEAN extimer_should_finalize_locked(PEX_TIMER t)
{
    if (!t->disabled || t->finalizing || ke_timer_is_set(&t->ktimer))
        return FALSE;
    t->finalizing = TRUE;
    return TRUE;
}

/* Under t->lock: sets the KTIMER for the next periodic expiry, one period after the previous
 * one (from now if the DPC fell more than a period behind). */
static void extimer_rearm_locked(PEX_TIMER t)
{
    LONGLONG now = (LONGLONG)os_system_time_100ns();
    t->next_due += t->period;
    if (t->next_due <= now)
        t->next_due = now + t->period;
    LARGE_INTEGER due = {.QuadPart = -(t->next_due - now)};
    KeSetTimerEx(&t->ktimer, due, 0, &t->dpc);
}

/* The KTIMER expired (the EX_TIMER is signalled): re-arm a periodic timer unless it was set
 * again, cancelled or disabled (a disabled periodic timer expires at most once more), then
 * call the driver's callback at DISPATCH_LEVEL, as the page says. */
static VOID extimer_dpc(PKDPC dpc, PVOID context, PVOID arg1, PVOID arg2)
{
    PEX_TIMER t = context;
    (void)dpc, (void)arg1, (void)arg2;
    os_mutex_lock(&t->lock);
    if (!ke_timer_is_set(&t->ktimer)) {
        if (t->armed && t->period != 0 && !t->disabled)
            extimer_rearm_locked(t);
        else
            t->armed = FALSE;
    }
    BOOLEAN finalize = extimer_should_finalize_locked(t);
    os_mutex_unlock(&t->lock);
    if (t->callback != NULL)
        t->callback(t, t->context);
    /* The finalizer flushes the DPC queues first, so it frees t only after this returns. */
    if (finalize)
        ex_queue_work(extimer_finalize, t);
}

PEX_TIMER NTAPI ExAllocateTimer(PEXT_CALLBACK Callback, PVOID CallbackContext, ULONG Attributes)
{
    vf_check_irql_at_most(DISPATCH_LEVEL, "ExAllocateTimer", NULL, __builtin_return_address(0));
    if ((Attributes & EX_TIMER_HIGH_RESOLUTION) && (Attributes & EX_TIMER_NO_WAKE))
        extimer_bugcheck(EX_TIMER_RULE_ATTRIBUTES, (PVOID)(ULONG_PTR)Attributes, Attributes,
                         "ExAllocateTimer: EX_TIMER_HIGH_RESOLUTION and EX_TIMER_NO_WAKE are "
                         "mutually exclusive");
    /* A flag the page does not list: the allocation fails (the page documents NULL for a
     * failure, not which inputs fail). */
    if (Attributes & ~(ULONG)EX_TIMER_KNOWN_ATTRIBUTES)
        return NULL;
    PEX_TIMER t = ex_alloc_for(sizeof(*t), EX_TIMER_TAG, __builtin_return_address(0));
    if (t == NULL)
        return NULL;
    KeInitializeTimerEx(&t->ktimer, (Attributes & EX_TIMER_NOTIFICATION) ? NotificationTimer
                                                                         : SynchronizationTimer);
    KeInitializeDpc(&t->dpc, extimer_dpc, t);
    os_mutex_init(&t->lock);
    t->callback = Callback;
    t->context = CallbackContext;
    t->attributes = Attributes;
    return t;
}

static void extimer_check_set(PEX_TIMER t, LONGLONG due, LONGLONG period)
{
    if ((t->attributes & EX_TIMER_HIGH_RESOLUTION) && due >= 0)
        extimer_bugcheck(EX_TIMER_RULE_ABSOLUTE_HIGH_RES, t, due,
                         "ExSetTimer: a high-resolution timer needs a relative (negative) DueTime");
    if (period < 0 || period > MAXLONG)
        extimer_bugcheck(EX_TIMER_RULE_PERIOD, t, period,
                         "ExSetTimer: Period must be between 0 and MAXLONG");
}

/* Under t->lock: stops the pending expiry; TRUE if one was pending (a periodic timer is
 * pending while armed, even between an expiry and its DPC's re-arm). */
static BOOLEAN extimer_cancel_locked(PEX_TIMER t)
{
    BOOLEAN was = KeCancelTimer(&t->ktimer);
    if (t->armed && t->period != 0)
        was = TRUE;
    t->armed = FALSE;
    return was;
}

BOOLEAN NTAPI ExSetTimer(PEX_TIMER Timer, LONGLONG DueTime, LONGLONG Period,
                         PEXT_SET_PARAMETERS Parameters)
{
    vf_check_irql_at_most(DISPATCH_LEVEL, "ExSetTimer", Timer, __builtin_return_address(0));
    (void)Parameters; /* NoWakeTolerance: ignored (header comment) */
    extimer_check_set(Timer, DueTime, Period);
    os_mutex_lock(&Timer->lock);
    if (Timer->disabled) {
        os_mutex_unlock(&Timer->lock);
        return FALSE;
    }
    BOOLEAN was = extimer_cancel_locked(Timer);
    LONGLONG now = (LONGLONG)os_system_time_100ns();
    Timer->next_due = DueTime < 0 ? now - DueTime : DueTime;
    Timer->period = Period;
    Timer->armed = TRUE;
    LARGE_INTEGER due = {.QuadPart = DueTime};
    KeSetTimerEx(&Timer->ktimer, due, 0, &Timer->dpc);
    os_mutex_unlock(&Timer->lock);
    return was;
}

BOOLEAN NTAPI ExCancelTimer(PEX_TIMER Timer, PEXT_CANCEL_PARAMETERS Parameters)
{
    vf_check_irql_at_most(DISPATCH_LEVEL, "ExCancelTimer", Timer, __builtin_return_address(0));
    (void)Parameters; /* drivers pass NULL */
    os_mutex_lock(&Timer->lock);
    BOOLEAN was = Timer->disabled ? FALSE : extimer_cancel_locked(Timer);
    os_mutex_unlock(&Timer->lock);
    return was;
}

BOOLEAN NTAPI ExDeleteTimer(PEX_TIMER Timer, BOOLEAN Cancel, BOOLEAN Wait,
                            PEXT_DELETE_PARAMETERS Parameters)
{
    void *caller = __builtin_return_address(0);
    vf_check_irql_at_most(Wait ? APC_LEVEL : DISPATCH_LEVEL, "ExDeleteTimer", Timer, caller);
    if (Wait && !Cancel)
        extimer_bugcheck(EX_TIMER_RULE_WAIT_WITHOUT_CANCEL, Timer, 0,
                         "ExDeleteTimer: Wait TRUE requires Cancel TRUE");
    os_mutex_lock(&Timer->lock);
    if (Timer->disabled) {
        os_mutex_unlock(&Timer->lock);
        return FALSE;
    }
    Timer->disabled = TRUE;
    if (Parameters != NULL)
        Timer->del = *Parameters;
    BOOLEAN cancelled = Cancel ? extimer_cancel_locked(Timer) : FALSE;
    BOOLEAN finalize = extimer_should_finalize_locked(Timer);
    os_mutex_unlock(&Timer->lock);
    /* With Cancel and Wait the KTIMER is out of the queue: finalize is TRUE here. */
    if (finalize && Wait)
        extimer_finalize(Timer);
    else if (finalize)
        ex_queue_work(extimer_finalize, Timer);
    return cancelled;
}
