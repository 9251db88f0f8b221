/*
 * lock.c - framework spin locks (WdfSpinLockCreate, Acquire, Release: a KSPIN_LOCK, IRQL raised
 * to DISPATCH_LEVEL and restored) and wait locks (WdfWaitLockCreate, Acquire, Release: a
 * synchronization event, the holder in a critical region, as Microsoft's pages say).
 *
 * The holder of each is kept (atomic: other threads read it for the checks): acquiring a spin
 * lock the thread holds is 0x10D/0x2, releasing one it does not hold 0x10D/0xB with parameter
 * 3 = 1 (Microsoft's bug-check page); a spin lock acquired above DISPATCH_LEVEL is the
 * IRQL_NOT_GREATER_OR_EQUAL (0x9) of KeAcquireSpinLock.
 */
#include "ke/ke.h"
#include "rtl/rtl.h"
#include "vf/vf.h"
#include "wdf/wdf_private.h"

struct wdf_spinlock {
    struct wdf_object obj;
    KSPIN_LOCK lock;
    KIRQL old_irql;           /* under the lock */
    struct ke_thread *holder; /* atomic */
};

struct wdf_waitlock {
    struct wdf_object obj;
    KEVENT event;             /* signalled: free */
    struct ke_thread *holder; /* atomic */
};

static NTSTATUS wdf_lock_create(PWDF_DRIVER_GLOBALS globals, enum wdf_type type, size_t size,
                                PWDF_OBJECT_ATTRIBUTES attributes, struct wdf_object **out)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_object *parent = g->driver != NULL ? &g->driver->obj : NULL;
    /* Microsoft (WDF_OBJECT_ATTRIBUTES): the default parent is the driver object. */
    if (attributes != NULL && attributes->Size == sizeof(*attributes) &&
        attributes->ParentObject != NULL)
        parent = wdf_object_get_in(g, attributes->ParentObject, 0, "WdfXxxLockCreate",
                                   __builtin_return_address(0));
    return wdf_object_create(g, type, size, attributes, parent, out);
}

NTSTATUS imp_WdfSpinLockCreate(PWDF_DRIVER_GLOBALS globals, PWDF_OBJECT_ATTRIBUTES Attributes,
                               WDFSPINLOCK *SpinLock)
{
    struct wdf_object *o;
    NTSTATUS status;
    WDF_CHECK_NOT_NULL(wdf_globals_of(globals), SpinLock);
    vf_check_irql_at_most(DISPATCH_LEVEL, "WdfSpinLockCreate", SpinLock,
                          __builtin_return_address(0));
    status =
        wdf_lock_create(globals, WDF_TYPE_SPINLOCK, sizeof(struct wdf_spinlock), Attributes, &o);
    if (NT_SUCCESS(status))
        KeInitializeSpinLock(&CONTAINING_RECORD(o, struct wdf_spinlock, obj)->lock);
    *SpinLock = NT_SUCCESS(status) ? (WDFSPINLOCK)o : NULL;
    return status;
}

PKSPIN_LOCK wdf_spinlock_word(struct wdf_object *spinlock)
{
    return &CONTAINING_RECORD(spinlock, struct wdf_spinlock, obj)->lock;
}

static struct wdf_spinlock *wdf_spinlock_get(PWDF_DRIVER_GLOBALS globals, WDFSPINLOCK handle,
                                             const char *ddi, const void *caller)
{
    struct wdf_object *o =
        wdf_object_get_in(wdf_globals_of(globals), handle, WDF_TYPE_SPINLOCK, ddi, caller);
    return CONTAINING_RECORD(o, struct wdf_spinlock, obj);
}

VOID imp_WdfSpinLockAcquire(PWDF_DRIVER_GLOBALS globals, WDFSPINLOCK SpinLock)
{
    struct wdf_spinlock *l =
        wdf_spinlock_get(globals, SpinLock, "WdfSpinLockAcquire", __builtin_return_address(0));
    KIRQL old;
    if (__atomic_load_n(&l->holder, __ATOMIC_RELAXED) == ke_current_thread())
        wdf_violation(wdf_globals_of(globals), VF_10D_RECURSIVE_LOCK, (ULONG_PTR)SpinLock, 0, 0,
                      "driver '%s' called WdfSpinLockAcquire on %p, which this thread already "
                      "holds",
                      globals->DriverName, (void *)SpinLock);
    KeAcquireSpinLock(&l->lock, &old);
    l->old_irql = old;
    __atomic_store_n(&l->holder, ke_current_thread(), __ATOMIC_RELAXED);
}

VOID imp_WdfSpinLockRelease(PWDF_DRIVER_GLOBALS globals, WDFSPINLOCK SpinLock)
{
    struct wdf_spinlock *l =
        wdf_spinlock_get(globals, SpinLock, "WdfSpinLockRelease", __builtin_return_address(0));
    KIRQL old;
    if (__atomic_load_n(&l->holder, __ATOMIC_RELAXED) != ke_current_thread())
        wdf_violation(wdf_globals_of(globals), VF_10D_INVALID_LOCK, (ULONG_PTR)SpinLock, 1, 0,
                      "driver '%s' called WdfSpinLockRelease on %p, which this thread does not "
                      "hold",
                      globals->DriverName, (void *)SpinLock);
    old = l->old_irql;
    __atomic_store_n(&l->holder, NULL, __ATOMIC_RELAXED);
    KeReleaseSpinLock(&l->lock, old);
}

NTSTATUS imp_WdfWaitLockCreate(PWDF_DRIVER_GLOBALS globals, PWDF_OBJECT_ATTRIBUTES Attributes,
                               WDFWAITLOCK *Lock)
{
    struct wdf_object *o;
    NTSTATUS status;
    WDF_CHECK_NOT_NULL(wdf_globals_of(globals), Lock);
    vf_check_irql_at_most(DISPATCH_LEVEL, "WdfWaitLockCreate", Lock, __builtin_return_address(0));
    status =
        wdf_lock_create(globals, WDF_TYPE_WAITLOCK, sizeof(struct wdf_waitlock), Attributes, &o);
    if (NT_SUCCESS(status))
        KeInitializeEvent(&CONTAINING_RECORD(o, struct wdf_waitlock, obj)->event,
                          SynchronizationEvent, TRUE);
    *Lock = NT_SUCCESS(status) ? (WDFWAITLOCK)o : NULL;
    return status;
}

static struct wdf_waitlock *wdf_waitlock_get(PWDF_DRIVER_GLOBALS globals, WDFWAITLOCK handle,
                                             const char *ddi, const void *caller)
{
    struct wdf_object *o =
        wdf_object_get_in(wdf_globals_of(globals), handle, WDF_TYPE_WAITLOCK, ddi, caller);
    return CONTAINING_RECORD(o, struct wdf_waitlock, obj);
}

/* Microsoft (WdfWaitLockAcquire): Timeout NULL waits, 0 only tries (STATUS_TIMEOUT when the
 * lock is held; allowed up to DISPATCH_LEVEL), else a wait of that length at PASSIVE_LEVEL.
 * The holder is in a critical region until the release. */
NTSTATUS imp_WdfWaitLockAcquire(PWDF_DRIVER_GLOBALS globals, WDFWAITLOCK Lock, PLONGLONG Timeout)
{
    const void *caller = __builtin_return_address(0);
    struct wdf_waitlock *l = wdf_waitlock_get(globals, Lock, "WdfWaitLockAcquire", caller);
    LARGE_INTEGER t;
    NTSTATUS status;
    BOOLEAN poll = Timeout != NULL && *Timeout == 0;
    vf_check_irql_at_most(poll ? DISPATCH_LEVEL : PASSIVE_LEVEL, "WdfWaitLockAcquire", Lock,
                          caller);
    if (Timeout != NULL)
        t.QuadPart = *Timeout;
    KeEnterCriticalRegion();
    status =
        KeWaitForSingleObject(&l->event, Executive, KernelMode, FALSE, Timeout != NULL ? &t : NULL);
    if (status != STATUS_SUCCESS) {
        KeLeaveCriticalRegion();
        return status;
    }
    __atomic_store_n(&l->holder, ke_current_thread(), __ATOMIC_RELAXED);
    return STATUS_SUCCESS;
}

/* Microsoft (WdfWaitLockRelease): IRQL <= DISPATCH_LEVEL. */
VOID imp_WdfWaitLockRelease(PWDF_DRIVER_GLOBALS globals, WDFWAITLOCK Lock)
{
    const void *caller = __builtin_return_address(0);
    struct wdf_waitlock *l = wdf_waitlock_get(globals, Lock, "WdfWaitLockRelease", caller);
    vf_check_irql_at_most(DISPATCH_LEVEL, "WdfWaitLockRelease", Lock, caller);
    /* A wait lock may be released by another thread than its holder (it is an event); one
     * nobody holds cannot. */
    if (__atomic_load_n(&l->holder, __ATOMIC_RELAXED) == NULL)
        wdf_violation(wdf_globals_of(globals), VF_10D_INVALID_LOCK, (ULONG_PTR)Lock, 1, 0,
                      "driver '%s' called WdfWaitLockRelease on %p, which nobody holds",
                      globals->DriverName, (void *)Lock);
    __atomic_store_n(&l->holder, NULL, __ATOMIC_RELAXED);
    KeSetEvent(&l->event, IO_NO_INCREMENT, FALSE);
    KeLeaveCriticalRegion();
}
