/*
 * thread.c - system threads: PsCreateSystemThread, PsTerminateSystemThread, PsIsSystemThread.
 *
 * The thread object. Drivers get a kernel handle from PsCreateSystemThread, turn it into a
 * pointer with ObReferenceObjectByHandle(..., *PsThreadType, ...), wait on that pointer with
 * KeWaitForSingleObject and drop it with ObDereferenceObject. So the pointer must be both a
 * dispatcher object and an object-manager body. It is: the thread's struct ke_thread (which
 * begins with its DISPATCHER_HEADER) sits at the start of an ob object of type Thread
 * (struct ps_thread), and the new host thread adopts that memory as its ke_thread
 * (ke_thread_adopt) instead of letting ke allocate one. KeGetCurrentThread() in the new thread
 * therefore returns the same pointer, and ObReferenceObject(PsGetCurrentThread()) works there.
 *
 * Lifetime. The ob object's references are:
 *   - one for the kernel side: ke's own count of the thread (the running thread holds it) drops
 *     to zero when the host thread has exited; ke then calls ps_thread_release, which drops it;
 *   - one for the reaper, a runtime work item queued by the exiting thread just before its
 *     object is signalled: it joins the host thread, then drops its reference;
 *   - one for the handle, and whatever the driver takes with ObReferenceObject[ByHandle].
 * Why the reaper: a waiter may wake as soon as the object is signalled, while the host thread is
 * still unwinding (TLS destructors). drvhost_shutdown waits for every queued work item
 * (ex_flush_work) before it counts leaked objects, so with the reaper queued before the signal,
 * a driver that waited for its thread never sees it reported as a leak. A system thread still
 * running at shutdown is a driver bug (Windows requires drivers to stop their threads first); it
 * is reported as a leaked Thread object.
 *
 * Termination. The thread ends when StartRoutine returns (status STATUS_SUCCESS) or when it
 * calls PsTerminateSystemThread, which longjmps back to the start-up frame of the thread: the
 * driver's frames are abandoned without unwinding, as on Windows, where thread termination does
 * not run the thread's termination handlers either. The start-up frame then signals the object.
 *
 * Start state, as documented: PASSIVE_LEVEL, inside a critical region (normal kernel APCs
 * disabled). The thread must leave as it came: its own KeEnter/KeLeaveCriticalRegion balanced,
 * else KERNEL_APC_PENDING_DURING_EXIT (0x20), as for any thread.
 *
 * Deviations: one process (ProcessHandle is accepted and ignored; the thread runs in the host
 * process); ObjectAttributes is ignored (the handle is always a kernel handle, as on Vista and
 * later); DesiredAccess is recorded in the handle but never checked (kernel callers).
 */
#include "ps/ps_private.h"

#include "ex/ex.h"
#include "ob/ob.h"
#include "vf/vf.h"

/* Set while a PsCreateSystemThread thread runs: where PsTerminateSystemThread jumps to. */
static __thread void **ps_exit_jump; /* __builtin_setjmp buffer of the start-up frame */
static __thread NTSTATUS ps_exit_status;

/* ke's reference count of the thread dropped to zero: the host thread is gone. */
static void ps_thread_release(struct ke_thread *t)
{
    ob_dereference(t);
}

/* Runtime work item: waits until the host thread has fully exited, then lets the object go. */
static void ps_thread_reap(void *context)
{
    struct ps_thread *pt = context;
    os_thread_join(&pt->host);
    ob_dereference(pt);
}

/* Leaves the start state, queues the reaper, then signals the thread object (the order matters:
 * see the file comment). Bug check 0x20 if the driver left a critical region open. */
static void ps_thread_finish(struct ps_thread *pt, NTSTATUS status)
{
    KeLeaveCriticalRegion(); /* the one the thread started in */
    ps_notify_thread(PsGetCurrentThreadId(), FALSE);
    ex_queue_work(ps_thread_reap, pt);
    ke_thread_exit(status);
}

/* StartRoutine returned: the thread terminates as by PsTerminateSystemThread, which above
 * PASSIVE_LEVEL is IRQL_NOT_LESS_OR_EQUAL (0, IRQL, 0, StartRoutine). The bug-check pages
 * document no code of their own for a thread routine returning at a raised IRQL; this is the
 * one PsTerminateSystemThread gives, and the report names the driver and the routine. */
static void ps_thread_check_return(struct ps_thread *pt)
{
    KIRQL irql = ke_irql();
    if (irql != PASSIVE_LEVEL)
        ke_bugcheck_routine(BUGCODE_IRQL_NOT_LESS_OR_EQUAL, 0, irql, 0, (ULONG_PTR)pt->start,
                            (const void *)pt->start, "system thread routine %p returned at IRQL %u",
                            (void *)pt->start, irql);
}

static void ps_thread_run(struct ps_thread *pt)
{
    void *exit_jump[5];
    ps_exit_status = STATUS_SUCCESS;
    if (__builtin_setjmp(exit_jump) == 0) {
        ps_exit_jump = exit_jump;
        pt->start(pt->context);
        ps_thread_check_return(pt);
    }
    ps_exit_jump = NULL;
}

static void *ps_thread_main(void *arg)
{
    struct ps_thread *pt = arg;
    ke_thread_adopt(&pt->kt, ps_thread_release);
    ke_thread_set_kind("system", TRUE, FALSE, 0);
    KeEnterCriticalRegion(); /* documented start state */
    KeSetEvent(&pt->started, 0, FALSE);
    KeWaitForSingleObject(&pt->go, Executive, KernelMode, FALSE, NULL);
    ps_thread_run(pt);
    ps_thread_finish(pt, ps_exit_status);
    return NULL;
}

/* Starts the host thread and waits for it to adopt its object; fills ClientId. */
static NTSTATUS ps_thread_start(struct ps_thread *pt, PCLIENT_ID ClientId)
{
    if (os_thread_create(&pt->host, ps_thread_main, pt, "drvhost-system") != 0)
        return STATUS_INSUFFICIENT_RESOURCES;
    KeWaitForSingleObject(&pt->started, Executive, KernelMode, FALSE, NULL);
    if (ClientId != NULL) {
        ClientId->UniqueProcess = PsGetCurrentProcessId();
        ClientId->UniqueThread = (HANDLE)(ULONG_PTR)pt->kt.tid;
    }
    ps_notify_thread((HANDLE)(ULONG_PTR)pt->kt.tid, TRUE);
    KeSetEvent(&pt->go, 0, FALSE);
    return STATUS_SUCCESS;
}

NTKERNELAPI NTSTATUS NTAPI PsCreateSystemThread(PHANDLE ThreadHandle, ULONG DesiredAccess,
                                                POBJECT_ATTRIBUTES ObjectAttributes,
                                                HANDLE ProcessHandle, PCLIENT_ID ClientId,
                                                PKSTART_ROUTINE StartRoutine, PVOID StartContext)
{
    struct ps_thread *pt;
    HANDLE handle;
    NTSTATUS status;
    (void)ObjectAttributes;
    (void)ProcessHandle;
    vf_check_ps_passive("PsCreateSystemThread");
    pt = ob_create(&ob_type_thread, sizeof(*pt)); /* zeroed; this reference: the ke side */
    if (pt == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    pt->start = StartRoutine;
    pt->context = StartContext;
    KeInitializeEvent(&pt->started, NotificationEvent, FALSE);
    KeInitializeEvent(&pt->go, NotificationEvent, FALSE);
    status = ob_handle_create(pt, DesiredAccess, &handle);
    if (!NT_SUCCESS(status)) {
        ob_dereference(pt);
        return status;
    }
    ob_reference(pt); /* the reaper's */
    status = ps_thread_start(pt, ClientId);
    if (!NT_SUCCESS(status)) {
        ZwClose(handle);
        ob_dereference(pt);
        ob_dereference(pt);
        return status;
    }
    *ThreadHandle = handle;
    return STATUS_SUCCESS;
}

/* Only a thread created by PsCreateSystemThread can be terminated; any other (client threads,
 * and also the runtime's own worker and DPC threads, which Windows counts as system threads but
 * which drvhost cannot lose) gets STATUS_INVALID_PARAMETER, what Windows returns for a thread
 * that is not a system thread. Above PASSIVE_LEVEL: bug check 0xC4/0x2001C (IrqlPsPassive). */
NTKERNELAPI NTSTATUS NTAPI PsTerminateSystemThread(NTSTATUS ExitStatus)
{
    if (ps_exit_jump == NULL)
        return STATUS_INVALID_PARAMETER;
    vf_check_ps_passive("PsTerminateSystemThread");
    ps_exit_status = ExitStatus;
    __builtin_longjmp(ps_exit_jump, 1);
}

/* System threads: PsCreateSystemThread's and the runtime's (worker threads, DPC threads), as
 * on Windows, where worker threads belong to the system process. */
NTKERNELAPI BOOLEAN NTAPI PsIsSystemThread(PETHREAD Thread)
{
    return ((struct ke_thread *)Thread)->is_system;
}
