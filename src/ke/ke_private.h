/*
 * ke_private.h - shared between the files of src/ke only.
 *
 * Lock order: ke_dispatcher_lock, then a DPC queue lock (the timer thread queues DPCs with the
 * dispatcher lock held). Nothing takes the dispatcher lock while holding a DPC queue lock.
 */
#ifndef DRVHOST_KE_PRIVATE_H
#define DRVHOST_KE_PRIVATE_H

#include "ke/ke.h"

/* One lock for every DISPATCHER_HEADER (SignalState, WaitListHead), the wait state of every
 * thread and the timer queue: the role of the dispatcher database lock. */
extern os_mutex ke_dispatcher_lock;

/* A wait in progress; on the waiting thread's stack. */
struct ke_wait {
    struct ke_thread *thread;
    WAIT_TYPE type;
    ULONG count;
    PKWAIT_BLOCK blocks; /* one per object, linked into the objects' WaitListHead */
};

/* Called with the dispatcher lock held after an object may have become signalled: satisfies
 * the waits it can, in FIFO order, consuming the object as its type requires. */
void ke_satisfy_waiters_locked(DISPATCHER_HEADER *header);
/* Whether wait w can complete now (index: the object that changed, for WaitAny); its side
 * effects on the objects, returning the wait's status; unlinking its wait blocks. */
BOOLEAN ke_wait_can_complete_locked(struct ke_wait *w, ULONG index);
NTSTATUS ke_wait_consume_locked(struct ke_wait *w, ULONG index);
void ke_wait_unlink_locked(struct ke_wait *w);

/* Converts a KeWait/KeSetTimer time (negative: relative 100 ns; positive: absolute system time)
 * into a monotonic deadline in ns. */
uint64_t ke_deadline_ns(LONGLONG time);

/* Threads. The IRQL of the calling thread (thread.c; read through ke_irql()). */
extern __thread KIRQL ke_tls_irql __attribute__((tls_model("initial-exec")));
void ke_thread_release_current(void);
/* KeRaiseIrql / KeLowerIrql with their checks; caller = the driver's return address. */
KIRQL ke_irql_raise(KIRQL new_irql, void *caller);
void ke_irql_lower(KIRQL new_irql, void *caller);

/* DPCs: started and stopped by ke_init / ke_shutdown. */
NTSTATUS ke_dpc_start(unsigned processors);
void ke_dpc_stop(void);
/* Timers. */
NTSTATUS ke_timer_start(void);
void ke_timer_stop(void);

#endif
