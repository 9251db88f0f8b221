/*
 * ex_private.h - state shared by the files of the executive layer (src/ex only).
 */
#ifndef DRVHOST_EX_PRIVATE_H
#define DRVHOST_EX_PRIVATE_H

#include "ex/ex.h"
#include "ke/ke.h"
#include "os/os.h" /* DRVHOST_ASAN */

/* The high bit of a pool tag: such a block may only be freed by ExFreePoolWithTag with the
 * same tag (wdm.h of the WDK names it PROTECTED_POOL; drvhost's header does not have it yet). */
#define EX_PROTECTED_POOL 0x80000000UL

/* ---- wait stripes (stripe.c) ------------------------------------------------------------ */

/* A mutex and condition variable shared by the push locks and resources whose address picks
 * them: waiters re-check their own lock's state, since a broadcast may be for another one. */
struct ex_stripe {
    os_mutex lock;
    os_cond cond;
};
struct ex_stripe *ex_stripe_of(const void *object);

/* ---- pool block tracking (pool_track.c) ------------------------------------------------- */

enum ex_block_state {
    EX_BLOCK_LIVE = 0x4C495645u,
    EX_BLOCK_FREED = 0x46524545u
};

/* The header in front of every pool block. The tracking table (keyed by the address handed
 * out) finds it, so a wrong pointer is recognised without reading memory at that pointer.
 * `magic` sits last, right before the caller's bytes, where an underrun lands first. */
struct ex_block {
    struct ex_block *hash_next; /* tracking-table chain (under the shard lock) */
    struct ex_block *fifo_next; /* quarantine order, once freed (under the shard lock) */
    void *base;                 /* what the host allocator returned */
    void *owner;                /* loader module of the allocating code; NULL: runtime */
    const void *caller;         /* return address of the allocating call */
    SIZE_T size;                /* NumberOfBytes as requested */
    ULONG tag;                  /* as given (PROTECTED_POOL bit included) */
    ULONG pool_type;            /* POOL_TYPE, modifier bits stripped */
    ULONG state;                /* enum ex_block_state */
    ULONG special_pages;        /* special pool (special.c): the block's read-write pages; 0: not */
    ULONG64 spare;
    ULONG64 magic; /* EX_BLOCK_MAGIC ^ address of the block */
} __attribute__((aligned(16)));
_Static_assert(sizeof(struct ex_block) % 16 == 0, "pool blocks stay 16-byte aligned");
_Static_assert(offsetof(struct ex_block, magic) + sizeof(ULONG64) == sizeof(struct ex_block),
               "the magic is the last word before the caller's bytes");

/* AddressSanitizer's view of pool memory: a freed block in the quarantine is poisoned
 * (pool_track.c); no-ops without it. The guard after a live block is not: an overrun is found
 * when the block is freed (0x19/0x21), as on Windows without special pool. */
#ifdef DRVHOST_ASAN
#include <sanitizer/asan_interface.h>
#define EX_POISON(p, n)   ASAN_POISON_MEMORY_REGION((p), (n))
#define EX_UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define EX_POISON(p, n)   ((void)(p), (void)(n))
#define EX_UNPOISON(p, n) ((void)(p), (void)(n))
#endif

#define EX_BLOCK_MAGIC 0x6C6F6F50786B7264ULL /* "drkxPool" */
#define EX_GUARD_SIZE  16

static inline void *ex_block_data(struct ex_block *b)
{
    return b + 1;
}

static inline ULONG64 ex_block_magic(const struct ex_block *b)
{
    return EX_BLOCK_MAGIC ^ (ULONG64)(uintptr_t)b;
}

/* The byte repeated in the guard after a block's data. Derived from the block's address (a
 * multiplicative hash of it), so that neighbouring blocks carry different guards: an overrun
 * that copies a neighbour's bytes, guard included, still changes this one's. Always in
 * 0x80..0xFE, never a byte an overrun is likely to write: not 0x00 (a string's terminating
 * NUL, the commonest one-byte overrun), not 0xFF, not printable ASCII (text). */
static inline unsigned char ex_guard_byte(const struct ex_block *b)
{
    ULONG64 h = ((ULONG64)(uintptr_t)b >> 4) * 0x9E3779B97F4A7C15ULL; /* Fibonacci hashing */
    return (unsigned char)(0x80 + ((h >> 32) * 127 >> 32)); /* 127 values: 0x80 + 0..126 */
}

/* Allocates a block of proto->size bytes aligned to `align` (16, 64 or PAGE_SIZE) with its
 * header (size, tag, pool_type, owner and caller copied from `proto`) and guard, records it and
 * returns it (NULL when the host is out of memory). */
struct ex_block *ex_track_alloc(const struct ex_block *proto, SIZE_T align, BOOLEAN zero);
/* Why ex_track_free refused a pointer; nothing was changed then. */
enum ex_free_fault {
    EX_FREE_DONE,     /* freed: marked freed and quarantined (or returned to the host) */
    EX_FREE_UNKNOWN,  /* not the start of a block the table knows */
    EX_FREE_UNDERRUN, /* the header's magic was overwritten */
    EX_FREE_TWICE,    /* already freed (still in the quarantine) */
    EX_FREE_REFUSED,  /* the caller's check said no */
};
/* The caller's own checks of a free (tag, IRQL, guard), run under the shard lock so that they
 * see the block as it is freed: they may only read, and record why they refuse in ctx. */
typedef BOOLEAN (*ex_free_check)(struct ex_block *b, void *ctx);
/* Frees the block whose data starts at `data` under one acquisition of its shard lock: looks
 * it up (without reading memory at `data` first), checks its magic and state, runs `check`,
 * marks it freed and moves it to the quarantine (its memory goes back to the host later, so a
 * second free of the same address is recognised). On a fault other than EX_FREE_UNKNOWN,
 * *copy holds the header as it was: another thread may free the block once the lock is
 * dropped, so the caller reports from the copy. */
enum ex_free_fault ex_track_free(void *data, ex_free_check check, void *ctx, struct ex_block *copy);
/* Returns every quarantined block to the host (shutdown). */
void ex_track_drain(void);
/* Calls fn for every live block, under the lock of its shard (fn must not allocate pool). */
void ex_track_walk(void (*fn)(struct ex_block *b, void *ctx), void *ctx);
/* Unlinks and frees every live block of `owner`. */
size_t ex_track_release_owner(void *owner);

/* Records a block built elsewhere (special.c) in the tracking table; FALSE when the table
 * cannot grow (the caller releases the block). */
BOOLEAN ex_track_insert(struct ex_block *b);

/* ---- special pool (special.c) ------------------------------------------------------------ */

/* Driver Verifier's special pool for the drivers whose VerifyDriverLevel has
 * DRIVER_VERIFIER_SPECIAL_POOLING: a block of proto->size bytes (less than a page) ending
 * within 16 bytes of the end of its last read-write page, the next page no-access. The header
 * sits right before the data, the bytes from the page start to the header and from the end of
 * the data to the page end hold EX_SPECIAL_FILL. Recorded in the table. NULL when the special
 * pool's address space is used up or the host refuses (stderr says so, once per process): the
 * caller takes the ordinary pool. */
struct ex_block *ex_special_alloc(const struct ex_block *proto, BOOLEAN zero);
/* Makes a special block's pages no-access (a later access is 0xD5/0xCC) and puts them in the
 * quarantine of freed ranges, reused after it (special.c); the block is out of the table
 * already. Takes special.c's own lock: may run under a shard lock. */
void ex_special_release(struct ex_block *b);
/* The first byte of the special block's page(s) around its data that is not EX_SPECIAL_FILL
 * (0x23: before the header, 0x24: after the data), or 0 when they are intact. */
ULONG ex_special_check(struct ex_block *b, ULONG_PTR *corrupt);
/* TRUE when `p` lies in a freed special block (a second free: 0xC1, 0x20). */
BOOLEAN ex_special_freed(const void *p);
#define EX_SPECIAL_FILL           0x5A
#define EX_VERIFY_SPECIAL_POOLING 0x1 /* DRIVER_VERIFIER_SPECIAL_POOLING (VerifyDriverLevel) */

/* ---- pool (pool.c) ---------------------------------------------------------------------- */

/* ExAllocatePoolWithTag on behalf of driver code at `caller` (contract checks, raising on
 * failure when the type asks for it). */
PVOID ex_pool_alloc_legacy(POOL_TYPE type, SIZE_T size, ULONG tag, BOOLEAN raise_default,
                           const void *caller);

/* ---- raising (raise.c) ------------------------------------------------------------------ */

/* Raises `status` as an exception at `address` (src/ke/seh.c): the innermost __except
 * frame that accepts it runs; with none, bug check 0x1E KMODE_EXCEPTION_NOT_HANDLED. */
__attribute__((noreturn)) void ex_raise(NTSTATUS status, const void *address, const char *why);

/* ---- worker threads (worker.c) ---------------------------------------------------------- */

NTSTATUS ex_worker_init(void);
void ex_worker_shutdown(void);

/* Records the boot time ZwQuerySystemInformation reports (sysinfo.c). */
void ex_sysinfo_init(void);

#endif
