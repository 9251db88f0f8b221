/*
 * timer.c - kernel timers: one timer thread keeps the set timers in a list sorted by due time
 * and, when one expires, signals it (satisfying its waiters), queues its DPC and re-arms it
 * if it is periodic.
 *
 * Locking: the timer list, KTIMER.Header (SignalState, Inserted) and the other KTIMER fields
 * are guarded by ke_dispatcher_lock. The DPC is queued with that lock held (lock order:
 * dispatcher, then DPC queue).
 *
 * KTIMER.DueTime holds the expiry as a host monotonic time in ns (ours; Windows keeps the
 * interrupt time): an absolute DueTime is converted when the timer is set, so a later change
 * of the wall clock does not move it (a deviation: Windows tracks such changes).
 *
 * The DPC of an expired timer gets SystemArgument1/2 = the low and high 32 bits of the system
 * time at expiry, as Windows passes them.
 */
#include "ke/ke_private.h"
#include "rtl/rtl.h"
#include "vf/vf.h"

#include <stdio.h>

static LIST_ENTRY timer_list = {&timer_list, &timer_list};
static os_cond timer_wake;
static os_thread timer_thread_handle;
static BOOLEAN timer_stop, timer_running;

/* Inserts in due-time order, after timers due at the same time (FIFO). Wakes the timer thread
 * when the new timer is the first to expire. */
static void timer_insert_locked(PKTIMER t)
{
    PLIST_ENTRY e = timer_list.Blink;
    while (e != &timer_list &&
           CONTAINING_RECORD(e, KTIMER, TimerListEntry)->DueTime.QuadPart > t->DueTime.QuadPart)
        e = e->Blink;
    InsertHeadList(e, &t->TimerListEntry);
    t->Header.Inserted = TRUE;
    if (timer_list.Flink == &t->TimerListEntry && timer_running)
        os_cond_signal(&timer_wake);
}

static BOOLEAN timer_remove_locked(PKTIMER t)
{
    if (!t->Header.Inserted)
        return FALSE;
    RemoveEntryList(&t->TimerListEntry);
    t->Header.Inserted = FALSE;
    return TRUE;
}

/* Periodic timers are due again one period after their previous due time; a timer thread that
 * fell behind by more than a period re-arms from now instead of firing a burst. */
static void timer_expire_locked(PKTIMER t, uint64_t now)
{
    PKDPC dpc = t->Dpc;
    LARGE_INTEGER system_time = {.QuadPart = os_system_time_100ns()};
    timer_remove_locked(t);
    t->Header.SignalState = 1;
    ke_satisfy_waiters_locked(&t->Header);
    if (t->Period != 0) {
        uint64_t next = t->DueTime.QuadPart + (uint64_t)t->Period * 1000000u;
        t->DueTime.QuadPart = next > now ? next : now + (uint64_t)t->Period * 1000000u;
        timer_insert_locked(t);
    }
    if (dpc != NULL)
        KeInsertQueueDpc(dpc, (PVOID)(ULONG_PTR)system_time.LowPart,
                         (PVOID)(ULONG_PTR)(ULONG)system_time.HighPart);
}

static void *timer_thread(void *arg)
{
    (void)arg;
    ke_thread_set_kind("timer", TRUE, FALSE, 0);
    os_mutex_lock(&ke_dispatcher_lock);
    while (!timer_stop) {
        if (IsListEmpty(&timer_list)) {
            os_cond_wait(&timer_wake, &ke_dispatcher_lock);
            continue;
        }
        PKTIMER first = CONTAINING_RECORD(timer_list.Flink, KTIMER, TimerListEntry);
        uint64_t now = os_monotonic_ns();
        if ((uint64_t)first->DueTime.QuadPart <= now)
            timer_expire_locked(first, now);
        else
            os_cond_wait_until(&timer_wake, &ke_dispatcher_lock, first->DueTime.QuadPart);
    }
    os_mutex_unlock(&ke_dispatcher_lock);
    return NULL;
}

NTSTATUS ke_timer_start(void)
{
    os_cond_init(&timer_wake);
    timer_stop = FALSE;
    timer_running = TRUE;
    if (os_thread_create(&timer_thread_handle, timer_thread, NULL, "timer") != 0) {
        timer_running = FALSE;
        os_cond_destroy(&timer_wake);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    return STATUS_SUCCESS;
}

/* Timers still set are reported, not cancelled: their memory may belong to an unloaded driver,
 * so they are forgotten without being touched. */
void ke_timer_stop(void)
{
    unsigned left = 0;
    os_mutex_lock(&ke_dispatcher_lock);
    timer_stop = TRUE;
    os_cond_signal(&timer_wake);
    os_mutex_unlock(&ke_dispatcher_lock);
    os_thread_join(&timer_thread_handle);
    os_mutex_lock(&ke_dispatcher_lock);
    for (PLIST_ENTRY e = timer_list.Flink; e != &timer_list; e = e->Flink)
        left++;
    InitializeListHead(&timer_list);
    timer_running = FALSE;
    os_mutex_unlock(&ke_dispatcher_lock);
    os_cond_destroy(&timer_wake);
    if (left != 0)
        rtl_diag(RTL_DIAG_ERROR, "ke", "%u kernel timer(s) still set at shutdown", left);
}

/* ---- DDIs ------------------------------------------------------------------------------- */

VOID KeInitializeTimerEx(PKTIMER Timer, TIMER_TYPE Type)
{
    Timer->Header.Lock = 0;
    Timer->Header.Type =
        Type == SynchronizationTimer ? TimerSynchronizationObject : TimerNotificationObject;
    Timer->Header.Size = (UCHAR)(sizeof(KTIMER) / sizeof(LONG));
    Timer->Header.SignalState = 0;
    InitializeListHead(&Timer->Header.WaitListHead);
    Timer->DueTime.QuadPart = 0;
    InitializeListHead(&Timer->TimerListEntry);
    Timer->Dpc = NULL;
    Timer->Processor = 0;
    Timer->Period = 0;
}

VOID KeInitializeTimer(PKTIMER Timer)
{
    KeInitializeTimerEx(Timer, NotificationTimer);
}

/* Returns TRUE if the timer was set (it is cancelled and set again). A negative Period is
 * taken as 0 (the documentation requires >= 0). */
/* KeSetTimer(Ex) requires IRQL <= DISPATCH_LEVEL: above it, IRQL_NOT_LESS_OR_EQUAL (timer, IRQL,
 * 0, caller), as the other dispatcher routines report it. */
static void timer_check_irql(PKTIMER timer, void *caller)
{
    vf_check_irql_at_most(DISPATCH_LEVEL, "KeSetTimer(Ex)", timer, caller);
}

static BOOLEAN timer_set(PKTIMER Timer, LARGE_INTEGER DueTime, LONG Period, PKDPC Dpc,
                         const char *ddi, void *caller);

BOOLEAN KeSetTimerEx(PKTIMER Timer, LARGE_INTEGER DueTime, LONG Period, PKDPC Dpc)
{
    void *caller = __builtin_return_address(0);
    timer_check_irql(Timer, caller);
    return timer_set(Timer, DueTime, Period, Dpc, "KeSetTimerEx", caller);
}

/* A timer no KeInitializeTimer(Ex) prepared is bug check 0xC4/0x1002 here, at the driver's call:
 * otherwise its NULL wait list would fault in the timer thread when it expires. */
static BOOLEAN timer_set(PKTIMER Timer, LARGE_INTEGER DueTime, LONG Period, PKDPC Dpc,
                         const char *ddi, void *caller)
{
    uint64_t due = ke_deadline_ns(DueTime.QuadPart);
    os_mutex_lock(&ke_dispatcher_lock);
    ke_check_initialised_locked(&Timer->Header, ddi, caller);
    BOOLEAN was_set = timer_remove_locked(Timer);
    Timer->Header.SignalState = 0;
    Timer->DueTime.QuadPart = due;
    Timer->Period = Period > 0 ? (ULONG)Period : 0;
    Timer->Dpc = Dpc;
    timer_insert_locked(Timer);
    os_mutex_unlock(&ke_dispatcher_lock);
    return was_set;
}

BOOLEAN KeSetTimer(PKTIMER Timer, LARGE_INTEGER DueTime, PKDPC Dpc)
{
    void *caller = __builtin_return_address(0);
    timer_check_irql(Timer, caller);
    return timer_set(Timer, DueTime, 0, Dpc, "KeSetTimer", caller);
}

/* Removes the timer from the queue (TRUE if it was there). A DPC it already queued still runs,
 * as on Windows; the signal state is left as it is. */
BOOLEAN KeCancelTimer(PKTIMER Timer)
{
    os_mutex_lock(&ke_dispatcher_lock);
    BOOLEAN was_set = timer_remove_locked(Timer);
    os_mutex_unlock(&ke_dispatcher_lock);
    return was_set;
}

BOOLEAN KeReadStateTimer(PKTIMER Timer)
{
    os_mutex_lock(&ke_dispatcher_lock);
    BOOLEAN state = Timer->Header.SignalState != 0;
    os_mutex_unlock(&ke_dispatcher_lock);
    return state;
}

BOOLEAN ke_timer_is_set(PKTIMER timer)
{
    os_mutex_lock(&ke_dispatcher_lock);
    BOOLEAN set = timer->Header.Inserted;
    os_mutex_unlock(&ke_dispatcher_lock);
    return set;
}
