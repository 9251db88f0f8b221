/*
 * ex.h - the executive layer: pool with tags and per-driver accounting, lookaside lists and
 * sequenced lists, fast mutexes, system worker threads.
 */
#ifndef DRVHOST_EX_H
#define DRVHOST_EX_H

#include <wdm.h>

#include "os/os.h"

NTSTATUS ex_init(void);
/* Stops the worker threads (after draining queued items). */
void ex_shutdown(void);

/* Pool allocations made by the runtime itself: accounted to "drvhost", never to a driver.
 * Zeroed. NULL on failure. */
void *ex_alloc(size_t size, ULONG tag);
void ex_free(void *p);
/* A block the runtime allocates for driver code that called a DDI (Rtl strings with their
 * Allocate flag, RtlStringFromGUID, ...): `caller` is that DDI's return address, and the block
 * is charged to the module owning it (its leak is that driver's) with `caller` as its call
 * site. Paged pool, zeroed; freed with ex_free. NULL on failure. */
void *ex_alloc_for(size_t size, ULONG tag, const void *caller);

/* Pool accounting. Every driver allocation records the module its caller belongs to (found by
 * the return address); `owner` is an opaque key (the loader's module), NULL for the runtime. */
typedef void *(*ex_owner_of_address)(const void *address);
void ex_set_owner_lookup(ex_owner_of_address lookup);
/* The Driver Verifier options of a driver (`owner` as above): its VerifyDriverLevel flags
 * (DRIVER_VERIFIER_SPECIAL_POOLING 0x1 puts its pool blocks in the special pool). */
typedef ULONG (*ex_verify_flags_of)(void *owner);
void ex_set_verify_lookup(ex_verify_flags_of lookup);
/* Prints the allocations still held by `owner` to stderr, one line each (tag, size, address,
 * the call site that allocated it as driver+offset), sorted by tag, prefixed by `who`.
 * Returns the number of allocations still held. */
size_t ex_pool_report_leaks(void *owner, const char *who);
/* The number of allocations `owner` still holds, without a report. */
size_t ex_pool_owner_count(void *owner);
/* Frees every allocation held by `owner` (after the leak report at unload). */
void ex_pool_release_owner(void *owner);

/* What the system services do with a user-mode caller's buffer before they read it (a copy
 * into a SystemBuffer, an MDL locked for reading): ProbeForRead's checks, then a read of each
 * page of the range, so an unreadable byte raises STATUS_ACCESS_VIOLATION now, through the
 * caller's __try, rather than faulting in the copy. Length 0 checks nothing. */
void ex_probe_readable(const volatile void *address, size_t length);

/* Queues a routine on a system worker thread (PASSIVE_LEVEL). */
void ex_queue_work(void (*routine)(void *), void *context);
/* Waits until every queued work item ran. */
void ex_flush_work(void);
/* How many work items have run since boot (host_settle compares two readings). */
uint64_t ex_work_runs(void);
/* The checks a worker thread makes when a work routine returns (IRQL back at PASSIVE_LEVEL:
 * else 0xE1 (routine, IRQL, parameter, item); no critical region left open: else 0x20), for
 * work items whose driver routine is called by a runtime routine (IoQueueWorkItem), so that
 * the report names the driver's routine. The same checks stay after every work routine. */
void ex_work_check_return(PVOID routine, PVOID parameter, PVOID item);

/* Performance counters (pcw.c): collects every registration of the counter set `name`
 * (case-insensitive) as a consumer does, calling the providers' callbacks (EnumerateInstances,
 * then CollectData), and appends one line per instance to out->text (out->used: its length so
 * far; a full buffer is cut): `  "NAME" id=N: ID=VALUE ...`, the values in descriptor order.
 * Returns the instance count, or -1 with a message in err (no such set, a provider failing or
 * unloaded). PASSIVE_LEVEL; not from a PCW callback. */
struct ex_pcw_text {
    char *text;
    size_t size, used;
};
int ex_pcw_collect(const char *name, struct ex_pcw_text *out, char *err, size_t errsize);

#endif
