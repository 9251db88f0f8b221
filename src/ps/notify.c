/*
 * notify.c - process, thread and image notifications (ntddk.h): PsSetCreateProcessNotifyRoutine
 * (Ex, Ex2), PsSetCreateThreadNotifyRoutine(Ex), PsRemoveCreateThreadNotifyRoutine,
 * PsSetLoadImageNotifyRoutine(Ex), PsRemoveLoadImageNotifyRoutine, and the calls the host makes
 * (ps_notify_thread from thread.c, ps_notify_image_load from the loader).
 *
 * What drvhost sends (docs/notify.md):
 *  - image load: when the loader has mapped a driver module, before its entry point runs, with
 *    ProcessId 0 and IMAGE_INFO as documented for a kernel image (32-bit addressing mode value,
 *    SystemModeImage 1, ImageBase and ImageSize the mapped module; no IMAGE_INFO_EX, since
 *    there is no file object);
 *  - thread create and exit: for each PsCreateSystemThread thread; create in the creating
 *    thread before the new one runs its start routine, exit in the exiting thread. Routines
 *    registered with PsCreateThreadNotifyNonSystem are never called (drvhost's driver threads
 *    are all system threads);
 *  - process: never. drvhost runs in one process (docs/io.md) and models no client processes,
 *    so the routines are registered and checked but not called.
 *
 * Limits: 64 routines of each kind (the documented limit of current Windows; the image limit
 * was eight before the Windows 8.1 update); beyond, STATUS_INSUFFICIENT_RESOURCES for image and
 * thread routines, STATUS_INVALID_PARAMETER for process routines, as documented.
 *
 * Locking: ps_notify_lock guards the lists and their in-flight counts; routines are called
 * without it. Removing a routine waits until no notification of its kind is in progress (so
 * the driver may unload once the remove returns), as Windows' rundown protection does.
 */
#include "ps/ps_private.h"

#include <ntddk.h>

#include "rtl/rtl.h"
#include "vf/vf.h"

#define PS_NOTIFY_MAX 64

enum ps_notify_kind {
    PS_NOTIFY_PROCESS,
    PS_NOTIFY_THREAD,
    PS_NOTIFY_IMAGE,
    PS_NOTIFY_KINDS
};

/* Routine flavours within a kind (which signature, which threads). */
enum ps_notify_flavour {
    PS_PROCESS_LEGACY,
    PS_PROCESS_EX,
    PS_PROCESS_EX2,
    PS_THREAD_CREATOR,    /* PsSetCreateThreadNotifyRoutine, ...Ex(Subsystems) */
    PS_THREAD_NON_SYSTEM, /* ...Ex(NonSystem): never called here */
    PS_IMAGE
};

struct ps_notify_entry {
    void *routine;
    enum ps_notify_flavour flavour;
};

struct ps_notify_list {
    struct ps_notify_entry e[PS_NOTIFY_MAX];
    int n;
    int inflight; /* notifications calling this list's routines */
};

static os_mutex ps_notify_lock = OS_MUTEX_INIT;
static os_cond ps_notify_idle; /* initialised at the first registration, under the lock */
static BOOLEAN ps_notify_idle_ready;
static struct ps_notify_list ps_notify_lists[PS_NOTIFY_KINDS];
static int ps_notify_total; /* registrations of every kind: 0 skips the notification paths */

static int ps_notify_find(struct ps_notify_list *l, void *routine, enum ps_notify_flavour f)
{
    int i;

    for (i = 0; i < l->n; i++)
        if (l->e[i].routine == routine && l->e[i].flavour == f)
            return i;
    return -1;
}

/* Adds a routine. already: the status when it is registered already; full: when the list is. */
static NTSTATUS ps_notify_add(enum ps_notify_kind k, void *routine, enum ps_notify_flavour f,
                              NTSTATUS already, NTSTATUS full)
{
    struct ps_notify_list *l = &ps_notify_lists[k];
    NTSTATUS status = STATUS_SUCCESS;

    if (!routine)
        return STATUS_INVALID_PARAMETER;
    os_mutex_lock(&ps_notify_lock);
    if (!ps_notify_idle_ready) {
        os_cond_init(&ps_notify_idle);
        ps_notify_idle_ready = TRUE;
    }
    if (ps_notify_find(l, routine, f) >= 0) {
        status = already;
    } else if (l->n == PS_NOTIFY_MAX) {
        status = full;
    } else {
        l->e[l->n++] = (struct ps_notify_entry){routine, f};
        __atomic_add_fetch(&ps_notify_total, 1, __ATOMIC_RELAXED);
    }
    os_mutex_unlock(&ps_notify_lock);
    return status;
}

/* Removes a routine and waits for the notifications of its kind in progress.
 * STATUS_PROCEDURE_NOT_FOUND if it is not registered. */
static NTSTATUS ps_notify_remove(enum ps_notify_kind k, void *routine, enum ps_notify_flavour f)
{
    struct ps_notify_list *l = &ps_notify_lists[k];
    int i;

    os_mutex_lock(&ps_notify_lock);
    i = ps_notify_find(l, routine, f);
    if (i < 0) {
        os_mutex_unlock(&ps_notify_lock);
        return STATUS_PROCEDURE_NOT_FOUND;
    }
    for (l->n--; i < l->n; i++)
        l->e[i] = l->e[i + 1];
    __atomic_sub_fetch(&ps_notify_total, 1, __ATOMIC_RELAXED);
    while (l->inflight)
        os_cond_wait(&ps_notify_idle, &ps_notify_lock);
    os_mutex_unlock(&ps_notify_lock);
    return STATUS_SUCCESS;
}

/* Copies the list (the routines to call) and counts the notification in progress. */
static int ps_notify_begin(enum ps_notify_kind k, struct ps_notify_entry *copy)
{
    struct ps_notify_list *l = &ps_notify_lists[k];
    int n;

    os_mutex_lock(&ps_notify_lock);
    n = l->n;
    memcpy(copy, l->e, sizeof(*copy) * (size_t)n);
    if (n)
        l->inflight++;
    os_mutex_unlock(&ps_notify_lock);
    return n;
}

static void ps_notify_end(enum ps_notify_kind k)
{
    os_mutex_lock(&ps_notify_lock);
    if (--ps_notify_lists[k].inflight == 0)
        os_cond_broadcast(&ps_notify_idle);
    os_mutex_unlock(&ps_notify_lock);
}

/* ---- process ---------------------------------------------------------------------------- */

static NTSTATUS ps_process_set(void *routine, enum ps_notify_flavour f, BOOLEAN remove)
{
    static const char *const names[] = {
        [PS_PROCESS_LEGACY] = "PsSetCreateProcessNotifyRoutine",
        [PS_PROCESS_EX] = "PsSetCreateProcessNotifyRoutineEx",
        [PS_PROCESS_EX2] = "PsSetCreateProcessNotifyRoutineEx2",
    };
    vf_check_irql_at_most(PASSIVE_LEVEL, names[f], NULL, __builtin_return_address(0));
    if (remove)
        return ps_notify_remove(PS_NOTIFY_PROCESS, routine, f);
    return ps_notify_add(PS_NOTIFY_PROCESS, routine, f, STATUS_INVALID_PARAMETER,
                         STATUS_INVALID_PARAMETER);
}

/* One of the routines of the DDI compliance rule IrqlPsPassive (0xC4/0x2001C); the Ex forms
 * are not, and keep the generic IRQL check (0xA). */
NTKERNELAPI NTSTATUS NTAPI
PsSetCreateProcessNotifyRoutine(PCREATE_PROCESS_NOTIFY_ROUTINE NotifyRoutine, BOOLEAN Remove)
{
    vf_check_ps_passive("PsSetCreateProcessNotifyRoutine");
    return ps_process_set((void *)NotifyRoutine, PS_PROCESS_LEGACY, Remove);
}

/* Windows refuses the Ex routines (STATUS_ACCESS_DENIED) to an image not linked with
 * /INTEGRITYCHECK; drvhost has no code integrity, so it does not refuse them. */
NTKERNELAPI NTSTATUS NTAPI
PsSetCreateProcessNotifyRoutineEx(PCREATE_PROCESS_NOTIFY_ROUTINE_EX NotifyRoutine, BOOLEAN Remove)
{
    return ps_process_set((void *)NotifyRoutine, PS_PROCESS_EX, Remove);
}

NTKERNELAPI NTSTATUS NTAPI PsSetCreateProcessNotifyRoutineEx2(PSCREATEPROCESSNOTIFYTYPE NotifyType,
                                                              PVOID NotifyInformation,
                                                              BOOLEAN Remove)
{
    if (NotifyType != PsCreateProcessNotifySubsystems)
        return STATUS_INVALID_PARAMETER;
    return ps_process_set(NotifyInformation, PS_PROCESS_EX2, Remove);
}

/* ---- thread ----------------------------------------------------------------------------- */

NTKERNELAPI NTSTATUS NTAPI
PsSetCreateThreadNotifyRoutine(PCREATE_THREAD_NOTIFY_ROUTINE NotifyRoutine)
{
    vf_check_ps_passive("PsSetCreateThreadNotifyRoutine"); /* rule IrqlPsPassive */
    return ps_notify_add(PS_NOTIFY_THREAD, (void *)NotifyRoutine, PS_THREAD_CREATOR,
                         STATUS_INVALID_PARAMETER, STATUS_INSUFFICIENT_RESOURCES);
}

/* Not a routine of the rule IrqlPsPassive: the generic IRQL check (0xA), as the process Ex
 * forms (its page: PASSIVE_LEVEL). */
NTKERNELAPI NTSTATUS NTAPI PsSetCreateThreadNotifyRoutineEx(PSCREATETHREADNOTIFYTYPE NotifyType,
                                                            PVOID NotifyInformation)
{
    vf_check_irql_at_most(PASSIVE_LEVEL, "PsSetCreateThreadNotifyRoutineEx", NULL,
                          __builtin_return_address(0));
    if (NotifyType != PsCreateThreadNotifyNonSystem && NotifyType != PsCreateThreadNotifySubsystems)
        return STATUS_INVALID_PARAMETER;
    return ps_notify_add(PS_NOTIFY_THREAD, NotifyInformation,
                         NotifyType == PsCreateThreadNotifyNonSystem ? PS_THREAD_NON_SYSTEM
                                                                     : PS_THREAD_CREATOR,
                         STATUS_INVALID_PARAMETER, STATUS_INSUFFICIENT_RESOURCES);
}

/* Removes the routine however it was registered (the one remove routine serves both). */
NTKERNELAPI NTSTATUS NTAPI
PsRemoveCreateThreadNotifyRoutine(PCREATE_THREAD_NOTIFY_ROUTINE NotifyRoutine)
{
    NTSTATUS status = ps_notify_remove(PS_NOTIFY_THREAD, (void *)NotifyRoutine, PS_THREAD_CREATOR);

    if (status == STATUS_PROCEDURE_NOT_FOUND)
        status = ps_notify_remove(PS_NOTIFY_THREAD, (void *)NotifyRoutine, PS_THREAD_NON_SYSTEM);
    return status;
}

void ps_notify_thread(HANDLE thread_id, BOOLEAN create)
{
    struct ps_notify_entry copy[PS_NOTIFY_MAX];
    int i, n;

    if (!__atomic_load_n(&ps_notify_total, __ATOMIC_RELAXED))
        return;
    n = ps_notify_begin(PS_NOTIFY_THREAD, copy);
    for (i = 0; i < n; i++)
        if (copy[i].flavour == PS_THREAD_CREATOR)
            ((PCREATE_THREAD_NOTIFY_ROUTINE)copy[i].routine)(PsGetCurrentProcessId(), thread_id,
                                                             create);
    if (n)
        ps_notify_end(PS_NOTIFY_THREAD);
}

/* ---- image ------------------------------------------------------------------------------ */

NTKERNELAPI NTSTATUS NTAPI PsSetLoadImageNotifyRoutine(PLOAD_IMAGE_NOTIFY_ROUTINE NotifyRoutine)
{
    vf_check_ps_passive("PsSetLoadImageNotifyRoutine"); /* rule IrqlPsPassive */
    return ps_notify_add(PS_NOTIFY_IMAGE, (void *)NotifyRoutine, PS_IMAGE, STATUS_INVALID_PARAMETER,
                         STATUS_INSUFFICIENT_RESOURCES);
}

/* The only flag, PS_IMAGE_NOTIFY_CONFLICTING_ARCHITECTURE, asks for images of other
 * architectures too: drvhost loads only its own, so it changes nothing. Another flag:
 * STATUS_INVALID_PARAMETER. */
NTKERNELAPI NTSTATUS NTAPI PsSetLoadImageNotifyRoutineEx(PLOAD_IMAGE_NOTIFY_ROUTINE NotifyRoutine,
                                                         ULONG_PTR Flags)
{
    /* Not a routine of the rule IrqlPsPassive: the generic IRQL check (0xA) under its own
     * name, as the other Ex forms. */
    vf_check_irql_at_most(PASSIVE_LEVEL, "PsSetLoadImageNotifyRoutineEx", NULL,
                          __builtin_return_address(0));
    if (Flags & ~(ULONG_PTR)PS_IMAGE_NOTIFY_CONFLICTING_ARCHITECTURE)
        return STATUS_INVALID_PARAMETER;
    return ps_notify_add(PS_NOTIFY_IMAGE, (void *)NotifyRoutine, PS_IMAGE, STATUS_INVALID_PARAMETER,
                         STATUS_INSUFFICIENT_RESOURCES);
}

NTKERNELAPI NTSTATUS NTAPI PsRemoveLoadImageNotifyRoutine(PLOAD_IMAGE_NOTIFY_ROUTINE NotifyRoutine)
{
    return ps_notify_remove(PS_NOTIFY_IMAGE, (void *)NotifyRoutine, PS_IMAGE);
}

void ps_notify_image_load(PUNICODE_STRING name, void *base, size_t size)
{
    struct ps_notify_entry copy[PS_NOTIFY_MAX];
    IMAGE_INFO info;
    int i, n;

    if (!__atomic_load_n(&ps_notify_total, __ATOMIC_RELAXED))
        return;
    n = ps_notify_begin(PS_NOTIFY_IMAGE, copy);
    for (i = 0; i < n; i++) {
        /* A fresh structure for each routine: one may not see another's changes. */
        memset(&info, 0, sizeof(info));
        info.ImageAddressingMode = IMAGE_ADDRESSING_MODE_32BIT;
        info.SystemModeImage = 1;
        info.ImageBase = base;
        info.ImageSize = size;
        ((PLOAD_IMAGE_NOTIFY_ROUTINE)copy[i].routine)(name, NULL, &info);
    }
    if (n)
        ps_notify_end(PS_NOTIFY_IMAGE);
}

/* ---- process identity --------------------------------------------------------------------- */

/* One process (docs/io.md): every thread's process id is the host's, and the only process
 * object is IoGetCurrentProcess's. */
NTKERNELAPI HANDLE NTAPI PsGetThreadProcessId(PETHREAD Thread)
{
    (void)Thread;
    return PsGetCurrentProcessId();
}

NTKERNELAPI HANDLE NTAPI PsGetProcessId(PEPROCESS Process)
{
    return Process == IoGetCurrentProcess() ? PsGetCurrentProcessId() : NULL;
}
