/*
 * ke.h - the kernel layer: IRQL per thread, spin locks, dispatcher objects and waits, timers,
 * DPCs, bug checks, and the runtime's notion of a thread (struct ke_thread).
 *
 * Every thread that runs driver code (client threads, DPC threads, worker threads, system
 * threads created with PsCreateSystemThread) has a struct ke_thread, created lazily on first use.
 * The public PKTHREAD a driver sees is a pointer to it (it begins with a DISPATCHER_HEADER so
 * that a thread object can be waited on).
 */
#ifndef DRVHOST_KE_H
#define DRVHOST_KE_H

#include <wdm.h>

#include "os/os.h"

/* The part of a thread's state other layers read (and io writes dispatch_routine); the rest is
 * src/ke's own (struct ke_thread_state in ke/ke_private.h), kept inside the struct as opaque
 * bytes so that other layers can still embed a struct ke_thread (ps_thread) and reach these
 * fields without a call. */
struct ke_thread {
    DISPATCHER_HEADER header; /* ThreadObject; signalled when the thread terminates */
    LONG critical_region;     /* KeEnterCriticalRegion depth */
    BOOLEAN is_system;        /* created by PsCreateSystemThread or a runtime worker */
    uint64_t tid;             /* host thread id, for reports */
    const char *name;         /* "client", "dpc0", "worker1", "system" ... */
    /* The dispatch routine IoCallDriver called last on this thread (written by the thread
     * itself only), so that an IRQL left raised when a client request returns (0x4A) names
     * the routine after its frames are gone. */
    const void *dispatch_routine;
    /* struct ke_thread_state: only src/ke reads or writes it (ke_state()). */
    _Alignas(16) unsigned char state[128];
};

/* The calling thread's state, created on first use. Never NULL. */
struct ke_thread *ke_current_thread(void);
/* The current IRQL of the calling thread (a thread-local variable; fast). */
KIRQL ke_irql(void);
/* Marks a thread created by the runtime (system thread, worker, DPC) before it runs drivers. */
void ke_thread_set_kind(const char *name, BOOLEAN is_system, BOOLEAN is_dpc, ULONG processor);
/* Called by a runtime-created thread just before it exits: signals the thread object. */
void ke_thread_exit(NTSTATUS status);
/* Makes `t` (zeroed memory owned by the caller) the calling thread's object, initialised as
 * ke_current_thread would initialise its own, with one reference (the thread's). Must be the
 * first ke call of a new host thread. When the references drop to zero, `release` is called
 * instead of free(). Used by PsCreateSystemThread, whose thread object is an ob object. */
void ke_thread_adopt(struct ke_thread *t, void (*release)(struct ke_thread *t));

/* Boot and shutdown: the dispatcher, the timer thread and one DPC thread per processor. */
NTSTATUS ke_init(unsigned processors);
void ke_shutdown(void);
ULONG ke_processor_count(void);

/* Bug checks (codes, names and parameter meanings: vf/vf.h). ke_bugcheck prints the report
 * (code and name, parameters and what each means, the driver whose code was running if known,
 * the cause, the thread, a backtrace) and calls the host's handler; never returns. The report's
 * cause line says "contract check in <function>": the macros pass the calling function. */
#define ke_bugcheck(...)     ke_bugcheck_in(__func__, __VA_ARGS__)
#define ke_bugcheck_msg(...) ke_bugcheck_msg_in(__func__, __VA_ARGS__)
__attribute__((noreturn)) void ke_bugcheck_in(const char *function, ULONG code, ULONG_PTR p1,
                                              ULONG_PTR p2, ULONG_PTR p3, ULONG_PTR p4);
/* Same, with a one-line explanation printed before the report. */
__attribute__((noreturn, format(printf, 7, 8))) void ke_bugcheck_msg_in(const char *function,
                                                                        ULONG code, ULONG_PTR p1,
                                                                        ULONG_PTR p2, ULONG_PTR p3,
                                                                        ULONG_PTR p4,
                                                                        const char *fmt, ...);
/* Same as ke_bugcheck_msg, for a check made after driver code returned (its frames are gone
 * from the stack): the report names the driver owning `routine` and the routine itself
 * (driver+offset) instead of searching the stack. */
#define ke_bugcheck_routine(...) ke_bugcheck_routine_in(__func__, __VA_ARGS__)
__attribute__((noreturn, format(printf, 8, 9))) void ke_bugcheck_routine_in(
    const char *function, ULONG code, ULONG_PTR p1, ULONG_PTR p2, ULONG_PTR p3, ULONG_PTR p4,
    const void *routine, const char *fmt, ...);
/* A bug check that is not a contract check: `cause` is the report's cause line ("fault
 * (SIGSEGV ...)", "exception 0x... raised by ... not handled"). */
__attribute__((noreturn, format(printf, 7, 8))) void ke_bugcheck_because(const char *cause,
                                                                         ULONG code, ULONG_PTR p1,
                                                                         ULONG_PTR p2, ULONG_PTR p3,
                                                                         ULONG_PTR p4,
                                                                         const char *fmt, ...);

/* Who is running: the loader registers a lookup so that reports and pool accounting can name
 * the driver a code address belongs to. Returns the driver's service name or NULL. */
typedef const char *(*ke_address_namer)(const void *address);
void ke_set_address_namer(ke_address_namer namer);
/* The verifier's special pool (src/ex/special.c) registers what a fault address is, so that the
 * fault handler raises 0xD6/0xCD (beyond the end of a block) or 0xD5/0xCC (a freed block)
 * instead of an access violation. The lookup must be async-signal-safe. */
enum ke_special_pool_kind {
    KE_SPECIAL_POOL_NONE,
    KE_SPECIAL_POOL_BEYOND_END,
    KE_SPECIAL_POOL_FREED,
};
typedef int (*ke_special_pool_lookup)(uintptr_t address);
void ke_set_special_pool_lookup(ke_special_pool_lookup lookup);
/* The registered namer's answer for `address` (NULL: no driver module, or no namer). */
const char *ke_address_name(const void *address);
/* "driver+0xOFFSET" of a call site (the driver's service name, as bug-check reports name it;
 * the offset from the module's base), or the bare address outside driver modules. */
void ke_site_text(const void *caller, char *out, size_t size);
/* Fills buf with what the host was doing (a scenario's file:line: command), "" if nothing: the
 * bug-check report prints it. Must not block. */
typedef void (*ke_report_context)(char *buf, size_t size);
void ke_set_report_context(ke_report_context fn);
/* Writes the last entries of a driver's in-flight recorder (src/trace) into the bug-check
 * report, one emit call per line, after the "driver:" line. Takes no lock (the thread that
 * bug-checks may hold any) and must not block. */
typedef void (*ke_report_driver_log)(const char *driver, void (*emit)(const char *line));
void ke_set_report_driver_log(ke_report_driver_log fn);
/* DbgBreakPoint's behaviour: DRVHOST_DEBUGGER_NONE or _GO (drvhost_debugger). */
void ke_debugger_set(int mode);
/* drvhost_shutdown's last step: a bug check under way on another thread (one the shutdown does
 * not join: a driver's system thread still running) is waited for, so that its report and exit
 * status 3 end the process rather than the host's own exit; returns at once when there is none. */
void ke_bugcheck_settle(void);

/* Waits used by the runtime itself (host threads waiting for an IRP): a plain KEVENT wait at
 * PASSIVE_LEVEL, with a time-out in milliseconds (UINT32_MAX: none). */
NTSTATUS ke_wait_event_ms(PKEVENT event, uint32_t timeout_ms);

/* Structured exception handling (seh.c, docs/seh.md): raises a status. It dispatches to the
 * calling thread's innermost __try frame, or bug-checks 0x1E when there is none; `why` names
 * the raiser in that report. */
__attribute__((noreturn)) void ke_raise_status(NTSTATUS status, const void *address,
                                               const char *why);

/* ---- interrupt objects (interrupt.c, docs/interrupts.md) ----------------------------------- */

/* What IoConnectInterrupt[Ex] and the framework's interrupts connect: an ISR on a vector,
 * run at sync_irql with the interrupt's spin lock held (passive: at PASSIVE_LEVEL with the
 * interrupt's passive lock held). */
struct ke_interrupt_params {
    PKSERVICE_ROUTINE isr;
    PVOID context;
    PKSPIN_LOCK lock;     /* NULL: the interrupt's own */
    PKEVENT passive_lock; /* a passive interrupt's (a synchronization event, signalled when
                             free); NULL: the interrupt's own */
    ULONG vector;
    KIRQL irql;      /* the DIRQL (PASSIVE_LEVEL for a passive interrupt) */
    KIRQL sync_irql; /* >= irql */
    KINTERRUPT_MODE mode;
    BOOLEAN share;
    BOOLEAN passive;
    KAFFINITY affinity;
};
/* STATUS_INVALID_PARAMETER for a bad IRQL pair; STATUS_INSUFFICIENT_RESOURCES. */
NTSTATUS ke_interrupt_connect(const struct ke_interrupt_params *p, PKINTERRUPT *out);
/* Waits for an ISR of it running on another thread, then frees it. */
void ke_interrupt_disconnect(PKINTERRUPT interrupt);
/* The device raised `vector`: each ISR connected there, in connection order, at its
 * SynchronizeIrql with its lock held, on the calling thread (a level-sensitive vector stops
 * at the first ISR that claims it). Returns how many claimed it, -1 if nothing is connected. */
int ke_interrupt_fire(ULONG vector);
/* Secondary interrupts (docs/gpio.md, "GPIO interrupts"): vectors from
 * KE_SECONDARY_VECTOR_BASE up are not lines of a device but pins of a GPIO controller, which
 * GpioClx (the framework layer) serves. It registers `connect` (called after the interrupt is
 * in the list, outside vectors_lock, at the connector's IRQL: a failure undoes the connection
 * and is its status) and `disconnect` (called before the interrupt leaves the list). */
#define KE_SECONDARY_VECTOR_BASE 0x10000u
struct ke_secondary_controller {
    NTSTATUS (*connect)(const struct ke_interrupt_params *p);
    void (*disconnect)(const struct ke_interrupt_params *p);
};
void ke_interrupt_set_secondary(const struct ke_secondary_controller *controller);
/* The secondary vector's ISRs, as ke_interrupt_fire runs them; only from an ISR that
 * ke_interrupt_fire runs (its dispatch holds the list). Returns how many claimed it, -1 if
 * nothing is connected there. */
int ke_interrupt_fire_secondary(ULONG vector);
/* Spin lock words without the IRQL change (spinlock.c), for the interrupt objects. */
void ke_spin_acquire(PKSPIN_LOCK lock, void *caller);
void ke_spin_release(PKSPIN_LOCK lock, void *caller);
/* At PASSIVE_LEVEL, waits until no DPC routine runs (dpc.c; the loader, before DriverUnload). */
void ke_dpc_wait_running(void);
/* How many DPC routines have run since boot (host_settle compares two readings). */
uint64_t ke_dpc_runs(void);
/* TRUE while the timer is in the timer queue (set and not yet expired or cancelled); read
 * under the dispatcher lock (timer.c). For the executive timers (src/ex/extimer.c). */
BOOLEAN ke_timer_is_set(PKTIMER timer);
/* KeFlushQueuedDpcs without its PASSIVE_LEVEL rule, for runtime waits at APC_LEVEL (ExDeleteTimer
 * with Wait TRUE): returns once every queued DPC ran and none is running. Not from a DPC. */
void ke_dpc_flush(void);

#endif
