/*
 * thread.c - struct ke_thread: the runtime's thread object, one per host thread that runs
 * driver code, plus the thread, process and processor queries of the DDI.
 *
 * Lifetime: created on first use by the thread itself with one reference (the thread's own).
 * When the host thread exits, the TLS key destructor signals the thread object (if
 * ke_thread_exit did not already), removes the thread's alternate signal stack and drops that
 * reference; whoever holds others (a handle,
 * ObReferenceObject, an IRP) keeps the memory alive. The IRQL is a plain thread-local
 * variable, not part of the object: only the thread itself reads or writes it.
 */
#include "ke/ke_private.h"
#include "vf/vf.h"

#include <stdlib.h>

#define KE_DEFAULT_PRIORITY 8 /* a normal-priority thread on Windows */

/* initial-exec: libdrvhost.so is loaded with the program, so its TLS is static and every
 * access is one instruction instead of a __tls_get_addr call (the I/O fast path reads these). */
static __thread struct ke_thread *tls_thread __attribute__((tls_model("initial-exec")));
__thread KIRQL ke_tls_irql __attribute__((tls_model("initial-exec")));

static os_tls_key thread_key;
static os_once thread_key_once = OS_ONCE_INIT;

static void thread_free(struct ke_thread *t)
{
    os_cond_destroy(&ke_state(t)->wake);
    if (ke_state(t)->release != NULL)
        ke_state(t)->release(t); /* adopted memory (ke_thread_adopt) */
    else
        free(t);
}

void ke_thread_reference(struct ke_thread *t)
{
    __atomic_add_fetch(&ke_state(t)->refs, 1, __ATOMIC_RELAXED);
}

void ke_thread_dereference(struct ke_thread *t)
{
    if (__atomic_sub_fetch(&ke_state(t)->refs, 1, __ATOMIC_ACQ_REL) == 0)
        thread_free(t);
}

/* Marks the thread object signalled and satisfies its waiters (idempotent). */
static void thread_signal(struct ke_thread *t, NTSTATUS status)
{
    os_mutex_lock(&ke_dispatcher_lock);
    if (!ke_state(t)->terminated) {
        ke_state(t)->terminated = TRUE;
        ke_state(t)->exit_status = status;
        t->header.SignalState = 1;
        ke_satisfy_waiters_locked(&t->header);
    }
    os_mutex_unlock(&ke_dispatcher_lock);
}

/* Runs in the exiting host thread (pthread key destructor). */
static void thread_destructor(void *value)
{
    struct ke_thread *t = value;
    thread_signal(t, STATUS_SUCCESS);
    tls_thread = NULL;
    os_stack_release();
    ke_thread_dereference(t);
}

static void thread_key_create(void)
{
    /* Never deleted: a key deleted while threads still hold values would skip their
     * destructors and leak their objects. */
    if (os_tls_key_create(&thread_key, thread_destructor) != 0)
        abort();
}

/* Also prepares the calling thread's stack (alternate signal stack, bounds): every thread that
 * runs driver code comes here first, so a stack overflow there is reported (seh.c: 0x7F). */
static void thread_init(struct ke_thread *t)
{
    os_stack_prepare();
    t->header.Type = ThreadObject;
    t->header.Size = (UCHAR)(sizeof(*t) / sizeof(LONG) > 255 ? 255 : sizeof(*t) / sizeof(LONG));
    InitializeListHead(&t->header.WaitListHead);
    ke_state(t)->refs = 1;
    os_cond_init(&ke_state(t)->wake);
    ke_state(t)->priority = KE_DEFAULT_PRIORITY;
    t->tid = os_thread_id();
    ke_state(t)->processor = (ULONG)(t->tid % ke_processor_count());
    t->name = "client";
}

static struct ke_thread *thread_create(void)
{
    struct ke_thread *t = calloc(1, sizeof(*t));
    if (t == NULL)
        abort(); /* no way to run driver code without a thread object */
    thread_init(t);
    return t;
}

void ke_thread_adopt(struct ke_thread *t, void (*release)(struct ke_thread *t))
{
    os_run_once(&thread_key_once, thread_key_create);
    thread_init(t);
    ke_state(t)->release = release;
    tls_thread = t;
    os_tls_set(&thread_key, t);
}

struct ke_thread *ke_current_thread(void)
{
    struct ke_thread *t = tls_thread;
    if (t != NULL)
        return t;
    os_run_once(&thread_key_once, thread_key_create);
    t = thread_create();
    tls_thread = t;
    os_tls_set(&thread_key, t);
    return t;
}

KIRQL ke_irql(void)
{
    return ke_tls_irql;
}

void ke_thread_set_kind(const char *name, BOOLEAN is_system, BOOLEAN is_dpc, ULONG processor)
{
    struct ke_thread *t = ke_current_thread();
    t->name = name;
    t->is_system = is_system;
    ke_state(t)->is_dpc = is_dpc;
    if (is_dpc)
        ke_state(t)->processor = processor;
}

/* A thread leaving with KeEnterCriticalRegion unbalanced is bug check 0x20 on Windows
 * (parameter 2: the thread's APC disable count). */
void ke_thread_exit(NTSTATUS status)
{
    struct ke_thread *t = ke_current_thread();
    if (t->critical_region != 0)
        ke_bugcheck_msg(BUGCODE_KERNEL_APC_PENDING_DURING_EXIT, 0,
                        (ULONG_PTR)(LONG_PTR)-t->critical_region, ke_irql(), 0,
                        "thread %s exits inside %ld critical region(s)", t->name,
                        (long)t->critical_region);
    thread_signal(t, status);
}

/* ke_shutdown: the booting thread gives its object back so that nothing is left allocated
 * (another reference holder keeps it alive; a later call creates a new one). */
void ke_thread_release_current(void)
{
    struct ke_thread *t = tls_thread;
    if (t == NULL)
        return;
    tls_thread = NULL;
    os_tls_set(&thread_key, NULL);
    ke_thread_dereference(t);
}

/* ---- DDIs ------------------------------------------------------------------------------- */

PKTHREAD KeGetCurrentThread(VOID)
{
    return (PKTHREAD)ke_current_thread();
}

/* The priority is only recorded: host threads are scheduled by Linux. */
KPRIORITY KeSetPriorityThread(PKTHREAD Thread, KPRIORITY Priority)
{
    struct ke_thread *t = (struct ke_thread *)Thread;
    return __atomic_exchange_n(&ke_state(t)->priority, Priority, __ATOMIC_RELAXED);
}

KPRIORITY KeQueryPriorityThread(PKTHREAD Thread)
{
    return __atomic_load_n(&ke_state((struct ke_thread *)Thread)->priority, __ATOMIC_RELAXED);
}

HANDLE PsGetCurrentThreadId(VOID)
{
    return (HANDLE)(ULONG_PTR)ke_current_thread()->tid;
}

HANDLE PsGetCurrentProcessId(VOID)
{
    return (HANDLE)(ULONG_PTR)os_process_id();
}

/* A DPC thread is bound to its processor; any other thread reports a fixed processor chosen
 * from its id (Linux may move it, but a driver sees a stable number). */
ULONG KeGetCurrentProcessorNumber(VOID)
{
    return ke_state(ke_current_thread())->processor;
}

ULONG KeGetCurrentProcessorNumberEx(PPROCESSOR_NUMBER ProcNumber)
{
    ULONG n = KeGetCurrentProcessorNumber();
    if (ProcNumber != NULL) {
        ProcNumber->Group = 0;
        ProcNumber->Number = (UCHAR)n;
        ProcNumber->Reserved = 0;
    }
    return n;
}

/* The system-wide index: drvhost has one processor group, so it is the group-relative number. */
ULONG KeGetCurrentProcessorIndex(VOID)
{
    return KeGetCurrentProcessorNumber();
}

KAFFINITY KeQueryActiveProcessors(VOID)
{
    ULONG n = ke_processor_count();
    return n >= sizeof(KAFFINITY) * 8 ? ~(KAFFINITY)0 : (((KAFFINITY)1 << n) - 1);
}

ULONG KeQueryActiveProcessorCount(PKAFFINITY ActiveProcessors)
{
    if (ActiveProcessors != NULL)
        *ActiveProcessors = KeQueryActiveProcessors();
    return ke_processor_count();
}

/* One processor group (group 0). */
ULONG KeQueryActiveProcessorCountEx(USHORT GroupNumber)
{
    if (GroupNumber != 0 && GroupNumber != ALL_PROCESSOR_GROUPS)
        return 0;
    return ke_processor_count();
}

/* No APCs are delivered in drvhost; the counts are kept so that KeAreApcsDisabled answers as
 * Windows would, and so that an unbalanced region is caught at thread exit. */
VOID KeEnterCriticalRegion(VOID)
{
    ke_current_thread()->critical_region++;
}

/* Leaving a critical region the thread is not in: Driver Verifier's 0xC4/0x3E (0, 0, 0). */
VOID KeLeaveCriticalRegion(VOID)
{
    struct ke_thread *t = ke_current_thread();
    if (t->critical_region <= 0)
        ke_bugcheck_msg(BUGCODE_DRIVER_VERIFIER_DETECTED_VIOLATION, VF_C4_LEAVE_CRITICAL_REGION, 0,
                        0, 0, "KeLeaveCriticalRegion on a thread that is not in a critical region");
    t->critical_region--;
}

BOOLEAN KeAreApcsDisabled(VOID)
{
    return ke_current_thread()->critical_region != 0 || ke_irql() >= APC_LEVEL;
}

/* Guarded regions are not implemented, so only the IRQL disables special kernel APCs. */
BOOLEAN KeAreAllApcsDisabled(VOID)
{
    return ke_irql() >= APC_LEVEL;
}
