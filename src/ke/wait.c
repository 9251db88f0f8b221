/*
 * wait.c - KeWaitForSingleObject, KeWaitForMultipleObjects, KeDelayExecutionThread.
 *
 * A waiting thread links one KWAIT_BLOCK per object into the objects' wait lists and sleeps on
 * its own condition variable (struct ke_thread_state.wake) under the dispatcher lock. Whoever makes
 * an object signalled satisfies the wait (ke_satisfy_waiters_locked): it performs the side
 * effects on the objects, unlinks the blocks, stores the status in wait_status and signals the
 * condition. A time-out is noticed by the waiter itself, which then unlinks its blocks; both
 * happen under the dispatcher lock, so exactly one of the two ends a wait.
 *
 * Deviations: no APCs or alerts exist, so Alertable and WaitMode are accepted and ignored and
 * STATUS_ALERTED / STATUS_USER_APC never come back; no mutex is ever abandoned. An absolute
 * time-out is converted to an interval once, so later changes of the wall clock do not move it.
 */
#include "ke/ke_private.h"
#include "vf/vf.h"

#define NO_DEADLINE UINT64_MAX

static uint64_t add_saturated(uint64_t now, uint64_t units_100ns)
{
    uint64_t ns;
    if (__builtin_mul_overflow(units_100ns, 100u, &ns) || __builtin_add_overflow(now, ns, &ns))
        return NO_DEADLINE - 1;
    return ns;
}

uint64_t ke_deadline_ns(LONGLONG time)
{
    uint64_t now = os_monotonic_ns();
    if (time < 0)
        return add_saturated(now, time == INT64_MIN ? (uint64_t)INT64_MAX : (uint64_t)-time);
    LONGLONG delta = time - os_system_time_100ns();
    return delta > 0 ? add_saturated(now, (uint64_t)delta) : now;
}

/* A blocking wait needs IRQL <= APC_LEVEL, a poll (zero time-out) <= DISPATCH_LEVEL. From a DPC
 * routine a blocking wait is ATTEMPTED_SWITCH_FROM_DPC (0xB8: thread, new thread = 0, stack
 * address); elsewhere IRQL_NOT_LESS_OR_EQUAL (0xA: object, IRQL, 0, caller; ours, since the
 * documented parameters describe a memory access). */
static void wait_check_irql(BOOLEAN blocking, const void *object, void *caller)
{
    KIRQL irql = ke_irql();
    if (irql <= (blocking ? APC_LEVEL : DISPATCH_LEVEL))
        return;
    struct ke_thread *t = ke_current_thread();
    if (blocking && ke_state(t)->in_dpc)
        ke_bugcheck_msg(BUGCODE_ATTEMPTED_SWITCH_FROM_DPC, (ULONG_PTR)t, 0, (ULONG_PTR)&t, 0,
                        "a DPC routine waited on %p with a non-zero time-out", object);
    ke_bugcheck_msg(BUGCODE_IRQL_NOT_LESS_OR_EQUAL, (ULONG_PTR)object, irql, 0, (ULONG_PTR)caller,
                    "wait on %p at IRQL %u with %s", object, irql,
                    blocking ? "a non-zero time-out" : "a zero time-out");
}

/* The wait is satisfied at once if it can be: WaitAny takes the first signalled object. */
static BOOLEAN wait_try_now(struct ke_wait *w, NTSTATUS *status)
{
    ULONG tries = w->type == WaitAny ? w->count : 1;
    for (ULONG i = 0; i < tries; i++) {
        if (ke_wait_can_complete_locked(w, i)) {
            *status = ke_wait_consume_locked(w, i);
            return TRUE;
        }
    }
    return FALSE;
}

static NTSTATUS wait_block(struct ke_wait *w, uint64_t deadline)
{
    struct ke_thread *t = w->thread;
    for (ULONG i = 0; i < w->count; i++) {
        DISPATCHER_HEADER *h = w->blocks[i].Object;
        InsertTailList(&h->WaitListHead, &w->blocks[i].WaitListEntry);
    }
    ke_state(t)->wait = w;
    ke_state(t)->waiting = TRUE;
    while (ke_state(t)->waiting) {
        if (deadline == NO_DEADLINE) {
            os_cond_wait(&ke_state(t)->wake, &ke_dispatcher_lock);
        } else if (os_monotonic_ns() >= deadline) {
            ke_wait_unlink_locked(w);
            ke_state(t)->wait = NULL;
            ke_state(t)->waiting = FALSE;
            return STATUS_TIMEOUT;
        } else {
            os_cond_wait_until(&ke_state(t)->wake, &ke_dispatcher_lock, deadline);
        }
    }
    return ke_state(t)->wait_status;
}

static void wait_blocks_init(struct ke_wait *w, PVOID *objects)
{
    for (ULONG i = 0; i < w->count; i++) {
        PKWAIT_BLOCK b = &w->blocks[i];
        b->WaitType = (UCHAR)w->type;
        b->BlockState = 0;
        b->WaitKey = (USHORT)i;
        b->Thread = (PKTHREAD)w->thread;
        b->Object = objects[i];
    }
}

static NTSTATUS wait_objects(ULONG count, PVOID *objects, WAIT_TYPE type, PLARGE_INTEGER timeout,
                             PKWAIT_BLOCK blocks, const char *ddi, void *caller)
{
    BOOLEAN blocking = timeout == NULL || timeout->QuadPart != 0;
    struct ke_wait w = {ke_current_thread(), type, count, blocks};
    NTSTATUS status;
    wait_check_irql(blocking, objects[0], caller);
    uint64_t deadline = timeout == NULL ? NO_DEADLINE : ke_deadline_ns(timeout->QuadPart);
    wait_blocks_init(&w, objects);
    os_mutex_lock(&ke_dispatcher_lock);
    for (ULONG i = 0; i < count; i++)
        ke_check_initialised_locked(objects[i], ddi, caller);
    if (!wait_try_now(&w, &status))
        status = blocking ? wait_block(&w, deadline) : STATUS_TIMEOUT;
    os_mutex_unlock(&ke_dispatcher_lock);
    return status;
}

NTSTATUS KeWaitForSingleObject(PVOID Object, KWAIT_REASON WaitReason, KPROCESSOR_MODE WaitMode,
                               BOOLEAN Alertable, PLARGE_INTEGER Timeout)
{
    KWAIT_BLOCK block;
    (void)WaitReason;
    (void)WaitMode;
    (void)Alertable;
    return wait_objects(1, &Object, WaitAny, Timeout, &block, "KeWaitForSingleObject",
                        __builtin_return_address(0));
}

/* More objects than THREAD_WAIT_OBJECTS without a WaitBlockArray, or more than
 * MAXIMUM_WAIT_OBJECTS: MAXIMUM_WAIT_OBJECTS_EXCEEDED (0xC), as documented. */
NTSTATUS KeWaitForMultipleObjects(ULONG Count, PVOID Object[], WAIT_TYPE WaitType,
                                  KWAIT_REASON WaitReason, KPROCESSOR_MODE WaitMode,
                                  BOOLEAN Alertable, PLARGE_INTEGER Timeout,
                                  PKWAIT_BLOCK WaitBlockArray)
{
    KWAIT_BLOCK builtin[THREAD_WAIT_OBJECTS];
    (void)WaitReason;
    (void)WaitMode;
    (void)Alertable;
    if (Count > MAXIMUM_WAIT_OBJECTS || (WaitBlockArray == NULL && Count > THREAD_WAIT_OBJECTS))
        ke_bugcheck_msg(BUGCODE_MAXIMUM_WAIT_OBJECTS_EXCEEDED, Count, (ULONG_PTR)WaitBlockArray, 0,
                        0, "KeWaitForMultipleObjects: %lu objects with%s a WaitBlockArray",
                        (unsigned long)Count, WaitBlockArray ? "" : "out");
    if (Count == 0)
        return WaitType == WaitAll ? STATUS_SUCCESS : STATUS_TIMEOUT;
    return wait_objects(Count, Object, WaitType == WaitAll ? WaitAll : WaitAny, Timeout,
                        WaitBlockArray != NULL ? WaitBlockArray : builtin,
                        "KeWaitForMultipleObjects", __builtin_return_address(0));
}

/* Sleeps for the interval (relative or absolute, as a time-out); zero yields the processor. */
NTSTATUS KeDelayExecutionThread(KPROCESSOR_MODE WaitMode, BOOLEAN Alertable,
                                PLARGE_INTEGER Interval)
{
    LONGLONG interval = Interval != NULL ? Interval->QuadPart : 0;
    (void)WaitMode;
    (void)Alertable;
    wait_check_irql(TRUE, Interval, __builtin_return_address(0));
    if (interval == 0) {
        os_yield();
        return STATUS_SUCCESS;
    }
    uint64_t deadline = ke_deadline_ns(interval);
    for (uint64_t now = os_monotonic_ns(); now < deadline; now = os_monotonic_ns())
        os_sleep_ns(deadline - now);
    return STATUS_SUCCESS;
}

NTSTATUS ke_wait_event_ms(PKEVENT event, uint32_t timeout_ms)
{
    LARGE_INTEGER timeout = {.QuadPart = -(LONGLONG)timeout_ms * 10000};
    return KeWaitForSingleObject(event, Executive, KernelMode, FALSE,
                                 timeout_ms == UINT32_MAX ? NULL : &timeout);
}
