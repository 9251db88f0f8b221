/*
 * test_resource.c - ERESOURCE: shared and exclusive exclusion between system threads, recursion,
 * Wait = FALSE, exclusive waiters holding off shared requests (and StarveExclusive not),
 * conversion, the queries, and the documented bug checks. Expected values: Microsoft's pages.
 */
#include <wdm.h>

#include "systhread.h"
#include "harness.h"

static ERESOURCE res;

TEST(layout)
{
    ok(sizeof(ERESOURCE) == 0x68, "sizeof(ERESOURCE) %zu", sizeof(ERESOURCE));
}

TEST(recursion_and_queries)
{
    ok_status(ExInitializeResourceLite(&res), STATUS_SUCCESS);
    KeEnterCriticalRegion();
    ok(ExAcquireResourceExclusiveLite(&res, TRUE), "exclusive");
    ok(ExAcquireResourceExclusiveLite(&res, TRUE), "exclusive again (recursive)");
    ok(ExAcquireResourceSharedLite(&res, TRUE), "shared by the exclusive owner");
    ok(ExIsResourceAcquiredExclusiveLite(&res), "exclusive owner");
    ok(ExIsResourceAcquiredSharedLite(&res) == 3, "count %lu",
       (unsigned long)ExIsResourceAcquiredSharedLite(&res));
    ExReleaseResourceLite(&res);
    ExReleaseResourceLite(&res);
    ExReleaseResourceLite(&res);
    ok(!ExIsResourceAcquiredExclusiveLite(&res), "released");
    ok(ExIsResourceAcquiredSharedLite(&res) == 0, "released");
    ok(ExAcquireResourceSharedLite(&res, TRUE) && ExAcquireResourceSharedLite(&res, FALSE),
       "shared twice");
    ok(ExIsResourceAcquiredSharedLite(&res) == 2, "count %lu",
       (unsigned long)ExIsResourceAcquiredSharedLite(&res));
    ok(!ExIsResourceAcquiredExclusiveLite(&res), "shared is not exclusive");
    ExReleaseResourceForThreadLite(&res, ExGetCurrentResourceThread());
    ExReleaseResourceLite(&res);
    KeLeaveCriticalRegion();
    ok_status(ExDeleteResourceLite(&res), STATUS_SUCCESS);
}

/* ---- exclusion between threads ------------------------------------------------------------ */

#define WORKERS 4
#define ROUNDS  3000
static LONG plain_a, plain_b; /* written only under exclusive access */
static volatile LONG bad_reads;

static VOID Writer(PVOID Context)
{
    (void)Context;
    for (int i = 0; i < ROUNDS; i++) {
        ExEnterCriticalRegionAndAcquireResourceExclusive(&res);
        plain_a++;
        plain_b++;
        ExReleaseResourceAndLeaveCriticalRegion(&res);
    }
}

static VOID Reader(PVOID Context)
{
    (void)Context;
    for (int i = 0; i < ROUNDS; i++) {
        ExEnterCriticalRegionAndAcquireResourceShared(&res);
        if (plain_a != plain_b)
            InterlockedIncrement(&bad_reads);
        ExReleaseResourceAndLeaveCriticalRegion(&res);
    }
}

TEST(exclusive_excludes_everyone)
{
    PKTHREAD t[WORKERS];
    ExInitializeResourceLite(&res);
    plain_a = plain_b = 0;
    for (int i = 0; i < WORKERS; i++)
        t[i] = start_thread(i % 2 ? Reader : Writer, NULL);
    for (int i = 0; i < WORKERS; i++)
        join_thread(t[i]);
    ok(plain_a == ROUNDS * WORKERS / 2 && plain_b == plain_a, "a %ld b %ld", (long)plain_a,
       (long)plain_b);
    ok(bad_reads == 0, "%ld torn reads under shared access", (long)bad_reads);
    ExDeleteResourceLite(&res);
}

/* ---- shared owners, exclusive waiters ---------------------------------------------------- */

static KEVENT holding, release_now;

static VOID HoldShared(PVOID Context)
{
    (void)Context;
    KeEnterCriticalRegion();
    ok(ExAcquireResourceSharedLite(&res, TRUE), "shared in the thread");
    KeSetEvent(&holding, 0, FALSE);
    KeWaitForSingleObject(&release_now, Executive, KernelMode, FALSE, NULL);
    ExReleaseResourceLite(&res);
    KeLeaveCriticalRegion();
}

static VOID WantExclusive(PVOID Context)
{
    (void)Context;
    KeEnterCriticalRegion();
    ok(ExAcquireResourceExclusiveLite(&res, TRUE), "exclusive after the readers left");
    ExReleaseResourceLite(&res);
    KeLeaveCriticalRegion();
}

TEST(exclusive_waiter_holds_off_new_shared_requests)
{
    PKTHREAD reader, writer;
    ExInitializeResourceLite(&res);
    KeInitializeEvent(&holding, NotificationEvent, FALSE);
    KeInitializeEvent(&release_now, NotificationEvent, FALSE);
    reader = start_thread(HoldShared, NULL);
    KeWaitForSingleObject(&holding, Executive, KernelMode, FALSE, NULL);
    KeEnterCriticalRegion();
    ok(!ExAcquireResourceExclusiveLite(&res, FALSE), "exclusive while shared by another thread");
    ok(ExAcquireResourceSharedLite(&res, FALSE), "shared with another shared owner");
    ExReleaseResourceLite(&res);
    writer = start_thread(WantExclusive, NULL);
    for (int i = 0; i < 500 && ExGetExclusiveWaiterCount(&res) == 0; i++)
        sleep_ms(2);
    ok(ExGetExclusiveWaiterCount(&res) == 1, "exclusive waiters %lu",
       (unsigned long)ExGetExclusiveWaiterCount(&res));
    ok(!ExAcquireResourceSharedLite(&res, FALSE),
       "shared request granted ahead of an exclusive waiter");
    ok(ExAcquireSharedStarveExclusive(&res, FALSE), "StarveExclusive ignores exclusive waiters");
    ExReleaseResourceLite(&res);
    ok(ExGetSharedWaiterCount(&res) == 0, "shared waiters %lu",
       (unsigned long)ExGetSharedWaiterCount(&res));
    KeLeaveCriticalRegion();
    KeSetEvent(&release_now, 0, FALSE);
    join_thread(reader);
    join_thread(writer);
    ExDeleteResourceLite(&res);
}

static VOID TryShared(PVOID Context)
{
    BOOLEAN *got = Context;
    KeEnterCriticalRegion();
    *got = ExAcquireResourceSharedLite(&res, FALSE);
    if (*got)
        ExReleaseResourceLite(&res);
    KeLeaveCriticalRegion();
}

TEST(convert_exclusive_to_shared)
{
    BOOLEAN got = TRUE;
    ExInitializeResourceLite(&res);
    KeEnterCriticalRegion();
    ExAcquireResourceExclusiveLite(&res, TRUE);
    join_thread(start_thread(TryShared, &got));
    ok(!got, "shared granted while exclusively owned");
    ExConvertExclusiveToSharedLite(&res);
    ok(!ExIsResourceAcquiredExclusiveLite(&res) && ExIsResourceAcquiredSharedLite(&res) == 1,
       "converted to one shared acquisition");
    join_thread(start_thread(TryShared, &got));
    ok(got, "shared refused after the conversion");
    ExReleaseResourceLite(&res);
    KeLeaveCriticalRegion();
    ExDeleteResourceLite(&res);
}

/* ---- bug checks ----------------------------------------------------------------------------- */

TEST(acquire_without_critical_region)
{
    ExInitializeResourceLite(&res);
    expect_bugcheck_p1(0xC4, 0x37);
    ExAcquireResourceExclusiveLite(&res, TRUE);
}

TEST(release_not_owned)
{
    ExInitializeResourceLite(&res);
    KeEnterCriticalRegion();
    expect_bugcheck_p1(0xE3, (ULONG_PTR)&res); /* RESOURCE_NOT_OWNED */
    ExReleaseResourceLite(&res);
}

TEST(delete_while_owned)
{
    ExInitializeResourceLite(&res);
    KeEnterCriticalRegion();
    ExAcquireResourceSharedLite(&res, TRUE);
    expect_bugcheck_p1(0xC4, 0x100B);
    ExDeleteResourceLite(&res);
}

TEST(shared_owner_asks_for_exclusive)
{
    ExInitializeResourceLite(&res);
    KeEnterCriticalRegion();
    ExAcquireResourceSharedLite(&res, TRUE);
    ok(!ExAcquireResourceExclusiveLite(&res, FALSE), "no exclusive access for a shared owner");
    expect_bugcheck_p1(0xC4, 0x1000); /* a hang on Windows */
    ExAcquireResourceExclusiveLite(&res, TRUE);
}

/* ---- ExAcquireSharedWaitForExclusive, ExReinitializeResourceLite -------------------------- */

/* Initialises `res` and starts a thread that holds it shared until release_now is set. */
static PKTHREAD start_shared_owner(void)
{
    PKTHREAD reader;
    ExInitializeResourceLite(&res);
    KeInitializeEvent(&holding, NotificationEvent, FALSE);
    KeInitializeEvent(&release_now, NotificationEvent, FALSE);
    reader = start_thread(HoldShared, NULL);
    KeWaitForSingleObject(&holding, Executive, KernelMode, FALSE, NULL);
    return reader;
}

/* Starts a thread asking for exclusive access and waits until it is queued. */
static PKTHREAD start_exclusive_waiter(void)
{
    PKTHREAD writer = start_thread(WantExclusive, NULL);
    for (int i = 0; i < 500 && ExGetExclusiveWaiterCount(&res) == 0; i++)
        sleep_ms(2);
    return writer;
}

TEST(shared_wait_for_exclusive_grants)
{
    ExInitializeResourceLite(&res);
    KeEnterCriticalRegion();
    ok(ExAcquireSharedWaitForExclusive(&res, FALSE), "unowned resource not granted shared");
    ok(ExIsResourceAcquiredSharedLite(&res) == 1 && !ExIsResourceAcquiredExclusiveLite(&res),
       "not owned shared once: count %lu", (unsigned long)ExIsResourceAcquiredSharedLite(&res));
    ExReleaseResourceLite(&res);
    /* An exclusive owner gets the same access again, recursively. */
    ExAcquireResourceExclusiveLite(&res, TRUE);
    ok(ExAcquireSharedWaitForExclusive(&res, FALSE), "exclusive owner refused");
    ok(ExIsResourceAcquiredExclusiveLite(&res) && ExIsResourceAcquiredLite(&res) == 2,
       "exclusive owner's count %lu", (unsigned long)ExIsResourceAcquiredLite(&res));
    ExReleaseResourceLite(&res);
    ExReleaseResourceLite(&res);
    ok(ExIsResourceAcquiredLite(&res) == 0, "still owned after two releases");
    KeLeaveCriticalRegion();
    ExDeleteResourceLite(&res);
}

/* Owned shared by another thread: granted while nobody waits for exclusive access; refused
 * (Wait = FALSE) once an exclusive waiter is queued, even to a thread that already owns the
 * resource shared, which ExAcquireResourceSharedLite would grant recursively. */
TEST(shared_wait_for_exclusive_yields_to_exclusive_waiters)
{
    PKTHREAD reader = start_shared_owner(), writer;
    KeEnterCriticalRegion();
    ok(ExAcquireSharedWaitForExclusive(&res, FALSE), "shared beside a shared owner refused");
    writer = start_exclusive_waiter();
    ok(ExGetExclusiveWaiterCount(&res) == 1, "exclusive waiters %lu",
       (unsigned long)ExGetExclusiveWaiterCount(&res));
    ok(ExAcquireResourceSharedLite(&res, FALSE), "ExAcquireResourceSharedLite not recursive");
    ExReleaseResourceLite(&res);
    ok(!ExAcquireSharedWaitForExclusive(&res, FALSE),
       "granted shared ahead of an exclusive waiter");
    ok(ExIsResourceAcquiredSharedLite(&res) == 1, "count changed by a refused request: %lu",
       (unsigned long)ExIsResourceAcquiredSharedLite(&res));
    ExReleaseResourceLite(&res);
    KeLeaveCriticalRegion();
    KeSetEvent(&release_now, 0, FALSE);
    join_thread(reader);
    join_thread(writer);
    ExDeleteResourceLite(&res);
}

static KEVENT granted;

static VOID SharedWaitingForExclusive(PVOID Context)
{
    (void)Context;
    (void)ExEnterCriticalRegionAndAcquireSharedWaitForExclusive(&res); /* opaque value */
    ok(KeAreApcsDisabled(), "not in a critical region");
    ok(ExIsResourceAcquiredSharedLite(&res) == 1, "not owned shared in the thread");
    KeSetEvent(&granted, 0, FALSE);
    ExReleaseResourceAndLeaveCriticalRegion(&res);
}

/* Wait = TRUE (and the critical-region form): the caller waits while the resource is owned
 * exclusively and gets shared access once the owner releases it. */
TEST(shared_wait_for_exclusive_waits_for_the_owner)
{
    PKTHREAD t;
    LARGE_INTEGER soon = {.QuadPart = -10000LL * 50};
    ExInitializeResourceLite(&res);
    KeInitializeEvent(&granted, NotificationEvent, FALSE);
    KeEnterCriticalRegion();
    ExAcquireResourceExclusiveLite(&res, TRUE);
    t = start_thread(SharedWaitingForExclusive, NULL);
    ok_status(KeWaitForSingleObject(&granted, Executive, KernelMode, FALSE, &soon), STATUS_TIMEOUT);
    ok(ExGetSharedWaiterCount(&res) == 1, "shared waiters %lu",
       (unsigned long)ExGetSharedWaiterCount(&res));
    ExReleaseResourceLite(&res);
    KeLeaveCriticalRegion();
    ok_status(KeWaitForSingleObject(&granted, Executive, KernelMode, FALSE, NULL), STATUS_SUCCESS);
    join_thread(t);
    ExDeleteResourceLite(&res);
}

/* Reinitialising is Delete + Initialize in one call: STATUS_SUCCESS, the contention record
 * zeroed, the resource free for the next owner. */
TEST(reinitialize_resource)
{
    PKTHREAD reader = start_shared_owner(), writer = start_exclusive_waiter();
    KeSetEvent(&release_now, 0, FALSE);
    join_thread(reader);
    join_thread(writer);
    ok(res.ContentionCount != 0, "no contention recorded");
    ok_status(ExReinitializeResourceLite(&res), STATUS_SUCCESS);
    ok(res.ContentionCount == 0 && res.ActiveCount == 0, "contention %lu active %u after reinit",
       (unsigned long)res.ContentionCount, (unsigned)res.ActiveCount);
    KeEnterCriticalRegion();
    ok(ExAcquireResourceExclusiveLite(&res, FALSE), "reinitialised resource not free");
    ExReleaseResourceLite(&res);
    KeLeaveCriticalRegion();
    ok_status(ExDeleteResourceLite(&res), STATUS_SUCCESS);
}

/* 0xC4 / 0xD0: initialising a resource that is live (parameter 2: the resource). */
TEST(initialising_a_live_resource_is_0xC4_0xD0)
{
    ok_status(ExInitializeResourceLite(&res), STATUS_SUCCESS);
    expect_bugcheck_params(0xC4, BUGCHECK_P1 | BUGCHECK_P2, 0xD0, &res, 0, 0);
    ExInitializeResourceLite(&res);
}

/* After ExDeleteResourceLite the structure may be initialised again. */
TEST(initialising_a_deleted_resource_is_fine)
{
    ok_status(ExInitializeResourceLite(&res), STATUS_SUCCESS);
    ok_status(ExDeleteResourceLite(&res), STATUS_SUCCESS);
    ok_status(ExInitializeResourceLite(&res), STATUS_SUCCESS);
    ok_status(ExDeleteResourceLite(&res), STATUS_SUCCESS);
}

/* 0xC4 / 0xD1: deleting a resource never initialised (parameter 2: the resource). */
TEST(deleting_an_uninitialised_resource_is_0xC4_0xD1)
{
    static ERESOURCE never;
    expect_bugcheck_params(0xC4, BUGCHECK_P1 | BUGCHECK_P2, 0xD1, &never, 0, 0);
    ExDeleteResourceLite(&never);
}
