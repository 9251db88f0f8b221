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

/* A thread's state that only src/ke touches: the opaque bytes at the end of struct ke_thread. */
struct ke_thread_state {
    LONG_PTR refs;        /* references: the thread itself, handles, ObReferenceObject */
    os_cond wake;         /* signalled by the dispatcher when a wait of this thread ends */
    NTSTATUS wait_status; /* result handed over by the waker (under the dispatcher lock) */
    BOOLEAN waiting;
    KPRIORITY priority;
    ULONG processor; /* emulated processor: fixed for DPC threads, hashed for others */
    BOOLEAN is_dpc;  /* a DPC thread */
    NTSTATUS exit_status;
    struct ke_wait *wait; /* the wait in progress (lives on this thread's stack); dispatcher lock */
    BOOLEAN in_dpc;       /* a DPC routine is running on this thread */
    BOOLEAN terminated;   /* the thread object was signalled (ke_thread_exit or thread exit) */
    /* Set by ke_thread_adopt: called instead of free() when `refs` drops to zero (the memory
     * belongs to whoever adopted it, e.g. an object-manager object for PsCreateSystemThread). */
    void (*release)(struct ke_thread *t);
};
_Static_assert(sizeof(struct ke_thread_state) <= sizeof(((struct ke_thread *)0)->state),
               "struct ke_thread_state outgrew struct ke_thread.state (ke/ke.h)");
_Static_assert(_Alignof(struct ke_thread_state) <= 16, "struct ke_thread.state is 16-aligned");

/* A cast, no call: the hot paths (waits, DPCs) pay nothing for the split. */
static inline struct ke_thread_state *ke_state(struct ke_thread *t)
{
    return (struct ke_thread_state *)(void *)t->state;
}

/* Called with the dispatcher lock held after an object may have become signalled: satisfies
 * the waits it can, in FIFO order, consuming the object as its type requires. */
void ke_satisfy_waiters_locked(DISPATCHER_HEADER *header);
/* Whether wait w can complete now (index: the object that changed, for WaitAny); its side
 * effects on the objects, returning the wait's status; unlinking its wait blocks. */
BOOLEAN ke_wait_can_complete_locked(struct ke_wait *w, ULONG index);
NTSTATUS ke_wait_consume_locked(struct ke_wait *w, ULONG index);
void ke_wait_unlink_locked(struct ke_wait *w);
/* A driver's dispatcher object no KeInitializeXxx prepared: bug check 0xC4/0x1002 naming `ddi`
 * and the caller (the lock is dropped first); returns if the object is initialised. */
void ke_check_initialised_locked(DISPATCHER_HEADER *h, const char *ddi, const void *caller);

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

/* ---- threads and SEH, for src/ke only ------------------------------------------------- */

/* A thread object's references (the thread itself, handles, ObReferenceObject). */
void ke_thread_reference(struct ke_thread *t);
void ke_thread_dereference(struct ke_thread *t);

/* Structured exception handling (seh.c, docs/seh.md). ke_seh_init installs the SIGSEGV/SIGBUS
 * handler that turns faults inside __try into STATUS_ACCESS_VIOLATION and faults of driver or
 * runtime code outside any __try into a bug check; idempotent, and done on first use of a
 * __try as well, but ke_init should call it so that a driver that never uses __try still gets
 * the bug check. ke_raise_exception dispatches a record as ke_raise_status (ke/ke.h) does. */
void ke_seh_init(void);
__attribute__((noreturn)) void ke_raise_exception(const EXCEPTION_RECORD *record, const char *why);

#endif
