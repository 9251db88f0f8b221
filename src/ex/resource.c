/*
 * resource.c - executive resources (ERESOURCE): shared/exclusive locks with recursion.
 *
 * State lives in the ERESOURCE fields, with their Windows meaning where they have one:
 *   Flag                  ResourceOwnedExclusive while a thread owns it exclusively;
 *   OwnerEntry            the exclusive owner, or one shared owner (OwnerThread is the
 *                         ERESOURCE_THREAD, i.e. the PKTHREAD; OwnerCount its acquisitions);
 *   OwnerTable            further shared owners: a pool array whose entry 0 holds TableSize,
 *                         allocated when a second thread shares the resource and freed when
 *                         the resource becomes free (so a resource never deleted leaks
 *                         nothing while idle);
 *   ActiveCount           owning threads; ActiveEntries: acquisitions in all;
 *   NumberOfShared/ExclusiveWaiters, ContentionCount: as named;
 *   Reserved2             drvhost's "initialised" mark (address-keyed), for the checks below;
 *   SystemResourcesList   self-linked: resources are not kept on a global list (a driver that
 *                         frees a resource without ExDeleteResourceLite would corrupt it);
 *   SharedWaiters, ExclusiveWaiters, SpinLock: unused (NULL / 0).
 *
 * Locking: every field is read and written under the mutex of the stripe the resource's address
 * hashes to; waiters sleep on the stripe's condition variable and every release that may let
 * one proceed broadcasts it (waiters re-check their own condition). Grant order: a shared request
 * waits while there is an exclusive waiter (documented), so exclusive waiters go first when an
 * exclusive owner releases (Windows does not document the order).
 *
 * Checks (Driver Verifier's, always on here; bug check 0xC4 with the documented parameter 1):
 * acquiring or releasing with normal kernel APCs enabled (0x37, 0x38: IRQL, APC disable count,
 * resource), initialising a live resource (0xD0), deleting one never initialised (0xD1) or still
 * owned (0x100B), waiting for exclusive access while holding the resource shared (0x1000:
 * self-deadlock; Windows hangs). Above APC_LEVEL: IRQL_NOT_LESS_OR_EQUAL (0xA). Releasing a
 * resource the thread does not own: RESOURCE_NOT_OWNED (0xE3: resource, thread, owner table).
 * Deviation: ExConvertExclusiveToSharedLite does not hand the resource to waiting shared
 * requests ahead of exclusive waiters; they get it by the rule above.
 */
#include "ex/ex_private.h"
#include "vf/vf.h"

#define EX_RES_MAGIC 0x65527278ULL /* "xrRe" */
#define EX_RES_TAG   'seRE'

enum ex_shared_mode {
    EX_SHARED_LITE,
    EX_SHARED_STARVE,
    EX_SHARED_WAIT_FOR_EXCLUSIVE
};

/* Locks the resource's stripe (never destroyed: resources outlive any boot). */
static struct ex_stripe *ex_res_lock(PERESOURCE r)
{
    struct ex_stripe *s = ex_stripe_of(r);
    os_mutex_lock(&s->lock);
    return s;
}

static ERESOURCE_THREAD ex_res_me(void)
{
    return (ERESOURCE_THREAD)ke_current_thread();
}

static PVOID ex_res_mark(PERESOURCE r)
{
    return (PVOID)((ULONG_PTR)r ^ EX_RES_MAGIC);
}

static BOOLEAN ex_res_exclusive(PERESOURCE r)
{
    return (r->Flag & ResourceOwnedExclusive) != 0;
}

/* ---- owner entries ---------------------------------------------------------------------- */

static POWNER_ENTRY ex_res_find(PERESOURCE r, ERESOURCE_THREAD thread)
{
    if (r->OwnerEntry.OwnerThread == thread)
        return &r->OwnerEntry;
    if (r->OwnerTable != NULL)
        for (ULONG i = 1; i < r->OwnerTable[0].TableSize; i++)
            if (r->OwnerTable[i].OwnerThread == thread)
                return &r->OwnerTable[i];
    return NULL;
}

/* Doubles the owner table (entry 0 is its header). */
static void ex_res_grow(PERESOURCE r)
{
    ULONG old = r->OwnerTable != NULL ? r->OwnerTable[0].TableSize : 1;
    ULONG size = old < 4 ? 4 : old * 2;
    POWNER_ENTRY t = ex_alloc(size * sizeof(OWNER_ENTRY), EX_RES_TAG);
    if (t == NULL)
        ke_bugcheck_msg(BUGCODE_KMODE_EXCEPTION_NOT_HANDLED,
                        (ULONG_PTR)(ULONG)STATUS_INSUFFICIENT_RESOURCES, (ULONG_PTR)r, 0, 0,
                        "no memory for the owner table of resource %p", (void *)r);
    if (r->OwnerTable != NULL) {
        memcpy(t, r->OwnerTable, old * sizeof(OWNER_ENTRY));
        ex_free(r->OwnerTable);
    }
    t[0].OwnerThread = 0;
    t[0].TableSize = size;
    r->OwnerTable = t;
}

/* A free entry for a new shared owner (ActiveCount counts it). */
static POWNER_ENTRY ex_res_add(PERESOURCE r, ERESOURCE_THREAD thread)
{
    POWNER_ENTRY e = ex_res_find(r, 0);
    if (e == NULL) {
        ex_res_grow(r);
        e = ex_res_find(r, 0);
    }
    e->OwnerThread = thread;
    e->OwnerCount = 0;
    r->ActiveCount++;
    return e;
}

/* One acquisition of `e` is given back; frees what an idle resource does not need. */
static void ex_res_drop(PERESOURCE r, POWNER_ENTRY e)
{
    e->OwnerCount--;
    r->ActiveEntries--;
    if (e->OwnerCount != 0)
        return;
    e->OwnerThread = 0;
    if (--r->ActiveCount == 0) {
        r->Flag &= (USHORT)~ResourceOwnedExclusive;
        if (r->OwnerTable != NULL) {
            ex_free(r->OwnerTable);
            r->OwnerTable = NULL;
        }
    }
}

/* ---- checks ----------------------------------------------------------------------------- */

static ULONG_PTR ex_res_apc_disable_count(void)
{
    return (ULONG_PTR) - (LONG_PTR)ke_current_thread()->critical_region;
}

/* Acquire (0x37) or release (0x38) needs normal kernel APCs disabled and IRQL <= APC_LEVEL. */
static void ex_res_check_apcs(PERESOURCE r, ULONG_PTR code, const char *what)
{
    KIRQL irql = ke_irql();
    vf_check_irql_at_most(APC_LEVEL, what, r, NULL);
    if (!KeAreApcsDisabled())
        ke_bugcheck_msg(BUGCODE_DRIVER_VERIFIER_DETECTED_VIOLATION, code, irql,
                        ex_res_apc_disable_count(), (ULONG_PTR)r,
                        "%s(%p) with normal kernel APCs enabled (no KeEnterCriticalRegion)", what,
                        (void *)r);
}

static void ex_res_check_initialised(PERESOURCE r, const char *what)
{
    if (r->Reserved2 != ex_res_mark(r))
        ke_bugcheck_msg(BUGCODE_DRIVER_VERIFIER_DETECTED_VIOLATION, VF_C4_RESOURCE_NOT_INITIALISED,
                        (ULONG_PTR)r, 0, 0, "%s(%p): not an initialised resource", what, (void *)r);
}

static __attribute__((noreturn)) void ex_res_not_owned(struct ex_stripe *s, PERESOURCE r,
                                                       ERESOURCE_THREAD thread)
{
    POWNER_ENTRY table = r->OwnerTable;
    os_mutex_unlock(&s->lock);
    ke_bugcheck_msg(BUGCODE_RESOURCE_NOT_OWNED, (ULONG_PTR)r, thread, (ULONG_PTR)table, 0,
                    "resource %p released for thread %p, which does not own it", (void *)r,
                    (void *)thread);
}

/* ---- initialisation --------------------------------------------------------------------- */

static void ex_res_reset(PERESOURCE r)
{
    memset(r, 0, sizeof(*r));
    InitializeListHead(&r->SystemResourcesList);
    r->Reserved2 = ex_res_mark(r);
}

NTKERNELAPI NTSTATUS NTAPI ExInitializeResourceLite(PERESOURCE Resource)
{
    if (Resource->Reserved2 == ex_res_mark(Resource))
        ke_bugcheck_msg(BUGCODE_DRIVER_VERIFIER_DETECTED_VIOLATION, VF_C4_RESOURCE_REINITIALISED,
                        (ULONG_PTR)Resource, 0, 0,
                        "ExInitializeResourceLite(%p): the resource is already initialised "
                        "(ExDeleteResourceLite was not called)",
                        (void *)Resource);
    ex_res_reset(Resource);
    return STATUS_SUCCESS;
}

/* Resets an initialised, unowned resource (the pool owner table, if any, is freed). */
NTKERNELAPI NTSTATUS NTAPI ExReinitializeResourceLite(PERESOURCE Resource)
{
    struct ex_stripe *s;
    ex_res_check_initialised(Resource, "ExReinitializeResourceLite");
    s = ex_res_lock(Resource);
    if (Resource->OwnerTable != NULL)
        ex_free(Resource->OwnerTable);
    ex_res_reset(Resource);
    os_mutex_unlock(&s->lock);
    return STATUS_SUCCESS;
}

NTKERNELAPI NTSTATUS NTAPI ExDeleteResourceLite(PERESOURCE Resource)
{
    struct ex_stripe *s;
    ex_res_check_initialised(Resource, "ExDeleteResourceLite");
    s = ex_res_lock(Resource);
    if (Resource->ActiveCount != 0) {
        ERESOURCE_THREAD owner = Resource->OwnerEntry.OwnerThread;
        os_mutex_unlock(&s->lock);
        ke_bugcheck_msg(BUGCODE_DRIVER_VERIFIER_DETECTED_VIOLATION, VF_C4_DELETED_LOCK_OWNED,
                        (ULONG_PTR)Resource, owner, 0,
                        "ExDeleteResourceLite(%p): the resource is still owned", (void *)Resource);
    }
    if (Resource->OwnerTable != NULL)
        ex_free(Resource->OwnerTable);
    Resource->OwnerTable = NULL;
    Resource->Reserved2 = NULL;
    os_mutex_unlock(&s->lock);
    return STATUS_SUCCESS;
}

/* ---- acquisition ------------------------------------------------------------------------ */

/* Sleeps once on the stripe, counted as a waiter of the given kind. */
static void ex_res_wait(struct ex_stripe *s, PERESOURCE r, ULONG *waiters)
{
    (*waiters)++;
    r->ContentionCount++;
    os_cond_wait(&s->cond, &s->lock);
    (*waiters)--;
}

static BOOLEAN ex_res_acquire_exclusive(PERESOURCE r, BOOLEAN wait)
{
    ERESOURCE_THREAD me = ex_res_me();
    struct ex_stripe *s = ex_res_lock(r);
    if (ex_res_exclusive(r) && r->OwnerEntry.OwnerThread == me) {
        r->OwnerEntry.OwnerCount++;
        r->ActiveEntries++;
        os_mutex_unlock(&s->lock);
        return TRUE;
    }
    if (wait && ex_res_find(r, me) != NULL) {
        os_mutex_unlock(&s->lock);
        ke_bugcheck_msg(BUGCODE_DRIVER_VERIFIER_DETECTED_VIOLATION, VF_C4_SELF_DEADLOCK,
                        (ULONG_PTR)r, 0, 0,
                        "resource %p: exclusive access requested by a thread that holds it "
                        "shared (deadlock)",
                        (void *)r);
    }
    while (r->ActiveCount != 0) {
        if (!wait) {
            os_mutex_unlock(&s->lock);
            return FALSE;
        }
        ex_res_wait(s, r, &r->NumberOfExclusiveWaiters);
    }
    r->Flag |= ResourceOwnedExclusive;
    r->OwnerEntry.OwnerThread = me;
    r->OwnerEntry.OwnerCount = 1;
    r->ActiveCount = 1;
    r->ActiveEntries = 1;
    os_mutex_unlock(&s->lock);
    return TRUE;
}

/* Whether a new shared owner may enter now. */
static BOOLEAN ex_res_shared_grantable(PERESOURCE r, enum ex_shared_mode mode)
{
    if (ex_res_exclusive(r))
        return FALSE;
    return mode == EX_SHARED_STARVE || r->NumberOfExclusiveWaiters == 0;
}

/* A recursive grant to a thread that already owns the resource (exclusive owners get another
 * exclusive acquisition). FALSE if the caller owns nothing or, for WaitForExclusive, must yield
 * to exclusive waiters. */
static BOOLEAN ex_res_shared_recursive(PERESOURCE r, ERESOURCE_THREAD me, enum ex_shared_mode mode)
{
    POWNER_ENTRY e = ex_res_find(r, me);
    if (e == NULL)
        return FALSE;
    if (!ex_res_exclusive(r) && mode == EX_SHARED_WAIT_FOR_EXCLUSIVE &&
        r->NumberOfExclusiveWaiters != 0)
        return FALSE;
    e->OwnerCount++;
    r->ActiveEntries++;
    return TRUE;
}

static BOOLEAN ex_res_acquire_shared(PERESOURCE r, BOOLEAN wait, enum ex_shared_mode mode)
{
    ERESOURCE_THREAD me = ex_res_me();
    struct ex_stripe *s = ex_res_lock(r);
    POWNER_ENTRY e;
    if (ex_res_shared_recursive(r, me, mode)) {
        os_mutex_unlock(&s->lock);
        return TRUE;
    }
    while (!ex_res_shared_grantable(r, mode)) {
        if (!wait) {
            os_mutex_unlock(&s->lock);
            return FALSE;
        }
        ex_res_wait(s, r, &r->NumberOfSharedWaiters);
    }
    e = ex_res_find(r, me);
    if (e == NULL)
        e = ex_res_add(r, me);
    e->OwnerCount++;
    r->ActiveEntries++;
    os_mutex_unlock(&s->lock);
    return TRUE;
}

NTKERNELAPI BOOLEAN NTAPI ExAcquireResourceExclusiveLite(PERESOURCE Resource, BOOLEAN Wait)
{
    ex_res_check_apcs(Resource, VF_C4_RESOURCE_ACQUIRE_APCS, "ExAcquireResourceExclusiveLite");
    return ex_res_acquire_exclusive(Resource, Wait);
}

NTKERNELAPI BOOLEAN NTAPI ExAcquireResourceSharedLite(PERESOURCE Resource, BOOLEAN Wait)
{
    ex_res_check_apcs(Resource, VF_C4_RESOURCE_ACQUIRE_APCS, "ExAcquireResourceSharedLite");
    return ex_res_acquire_shared(Resource, Wait, EX_SHARED_LITE);
}

NTKERNELAPI BOOLEAN NTAPI ExAcquireSharedStarveExclusive(PERESOURCE Resource, BOOLEAN Wait)
{
    ex_res_check_apcs(Resource, VF_C4_RESOURCE_ACQUIRE_APCS, "ExAcquireSharedStarveExclusive");
    return ex_res_acquire_shared(Resource, Wait, EX_SHARED_STARVE);
}

NTKERNELAPI BOOLEAN NTAPI ExAcquireSharedWaitForExclusive(PERESOURCE Resource, BOOLEAN Wait)
{
    ex_res_check_apcs(Resource, VF_C4_RESOURCE_ACQUIRE_APCS, "ExAcquireSharedWaitForExclusive");
    return ex_res_acquire_shared(Resource, Wait, EX_SHARED_WAIT_FOR_EXCLUSIVE);
}

/* ---- release ---------------------------------------------------------------------------- */

static void ex_res_release(PERESOURCE r, ERESOURCE_THREAD thread)
{
    struct ex_stripe *s = ex_res_lock(r);
    POWNER_ENTRY e = ex_res_find(r, thread);
    if (thread == 0 || e == NULL || r->ActiveCount == 0)
        ex_res_not_owned(s, r, thread);
    ex_res_drop(r, e);
    if (r->ActiveCount == 0 && (r->NumberOfExclusiveWaiters | r->NumberOfSharedWaiters) != 0)
        os_cond_broadcast(&s->cond);
    os_mutex_unlock(&s->lock);
}

NTKERNELAPI VOID FASTCALL ExReleaseResourceLite(PERESOURCE Resource)
{
    ex_res_check_apcs(Resource, VF_C4_RESOURCE_RELEASE_APCS, "ExReleaseResourceLite");
    ex_res_release(Resource, ex_res_me());
}

/* Another thread may release on the owner's behalf (ResourceThreadId names the owner); the
 * APC check applies to the releasing thread only when it is the owner. */
NTKERNELAPI VOID NTAPI ExReleaseResourceForThreadLite(PERESOURCE Resource,
                                                      ERESOURCE_THREAD ResourceThreadId)
{
    if (ResourceThreadId == ex_res_me())
        ex_res_check_apcs(Resource, VF_C4_RESOURCE_RELEASE_APCS, "ExReleaseResourceForThreadLite");
    ex_res_release(Resource, ResourceThreadId);
}

/* The exclusive owner keeps its acquisitions, now shared; shared requests may enter. */
NTKERNELAPI VOID NTAPI ExConvertExclusiveToSharedLite(PERESOURCE Resource)
{
    ERESOURCE_THREAD me = ex_res_me();
    struct ex_stripe *s = ex_res_lock(Resource);
    if (!ex_res_exclusive(Resource) || Resource->OwnerEntry.OwnerThread != me)
        ex_res_not_owned(s, Resource, me);
    Resource->Flag &= (USHORT)~ResourceOwnedExclusive;
    if (Resource->NumberOfSharedWaiters != 0)
        os_cond_broadcast(&s->cond);
    os_mutex_unlock(&s->lock);
}

/* ---- queries ---------------------------------------------------------------------------- */

NTKERNELAPI BOOLEAN NTAPI ExIsResourceAcquiredExclusiveLite(PERESOURCE Resource)
{
    struct ex_stripe *s = ex_res_lock(Resource);
    BOOLEAN owned = ex_res_exclusive(Resource) && Resource->OwnerEntry.OwnerThread == ex_res_me();
    os_mutex_unlock(&s->lock);
    return owned;
}

/* Exclusive access counts as shared access (documented). */
NTKERNELAPI ULONG NTAPI ExIsResourceAcquiredSharedLite(PERESOURCE Resource)
{
    struct ex_stripe *s = ex_res_lock(Resource);
    POWNER_ENTRY e = ex_res_find(Resource, ex_res_me());
    ULONG count = e != NULL ? e->OwnerCount : 0;
    os_mutex_unlock(&s->lock);
    return count;
}

NTKERNELAPI ULONG NTAPI ExGetExclusiveWaiterCount(PERESOURCE Resource)
{
    struct ex_stripe *s = ex_res_lock(Resource);
    ULONG n = Resource->NumberOfExclusiveWaiters;
    os_mutex_unlock(&s->lock);
    return n;
}

NTKERNELAPI ULONG NTAPI ExGetSharedWaiterCount(PERESOURCE Resource)
{
    struct ex_stripe *s = ex_res_lock(Resource);
    ULONG n = Resource->NumberOfSharedWaiters;
    os_mutex_unlock(&s->lock);
    return n;
}

/* ---- critical-region forms: the returned pointer is opaque (the current thread) ---------- */

NTKERNELAPI PVOID NTAPI ExEnterCriticalRegionAndAcquireResourceExclusive(PERESOURCE Resource)
{
    KeEnterCriticalRegion();
    ExAcquireResourceExclusiveLite(Resource, TRUE);
    return (PVOID)ex_res_me();
}

NTKERNELAPI PVOID NTAPI ExEnterCriticalRegionAndAcquireResourceShared(PERESOURCE Resource)
{
    KeEnterCriticalRegion();
    ExAcquireResourceSharedLite(Resource, TRUE);
    return (PVOID)ex_res_me();
}

NTKERNELAPI PVOID NTAPI ExEnterCriticalRegionAndAcquireSharedWaitForExclusive(PERESOURCE Resource)
{
    KeEnterCriticalRegion();
    ExAcquireSharedWaitForExclusive(Resource, TRUE);
    return (PVOID)ex_res_me();
}

NTKERNELAPI VOID FASTCALL ExReleaseResourceAndLeaveCriticalRegion(PERESOURCE Resource)
{
    ExReleaseResourceLite(Resource);
    KeLeaveCriticalRegion();
}
