/*
 * pool.c - the pool allocation DDIs (ExAllocatePool*, ExFreePool*), their contract checks, and
 * the runtime's own allocations (ex_alloc, ex_free).
 *
 * Memory comes from the host allocator through pool_track.c, which records every block. Paged
 * and nonpaged pool are the same memory here; the pool type is kept to enforce the IRQL rules
 * (paged pool only at IRQL <= APC_LEVEL), as Windows does.
 *
 * Contract violations and the bug checks they raise (parameters as Microsoft documents them):
 *   allocation at a bad IRQL (any pool above DISPATCH_LEVEL, paged above APC_LEVEL)
 *                                       BAD_POOL_CALLER 0x08 (IRQL, pool type, size)
 *   free at a bad IRQL                  BAD_POOL_CALLER 0x09 (IRQL, pool type, address)
 *   free with a tag other than the allocation's
 *                                       BAD_POOL_CALLER 0x0A (address, allocator's tag, tag used)
 *   free of a block already freed       BAD_POOL_CALLER 0x07 (0, allocator's tag, address)
 *   free of an address that is not the start of a pool block (never allocated, freed long ago,
 *   an interior pointer, NULL)          BAD_POOL_CALLER 0x46 (address)
 *   header overwritten (underrun)       BAD_POOL_CALLER 0x01 (header, value found, 0)
 *   bytes after the block overwritten (overrun), found at free
 *                                       BAD_POOL_HEADER 0x19, 0x21 (address, size, value found);
 *       0x19/0x21 is the documented "data following the pool block being freed is corrupt";
 *       DRIVER_CORRUPTED_EXPOOL 0xC5 is an access at a bad IRQL, not a check at free.
 *   tag 0 (legacy routines)             BAD_POOL_CALLER 0x9B (pool type, size, caller)
 *   tag without a letter or digit       BAD_POOL_CALLER 0x9D (tag, pool type, caller)
 *   a MustSucceed pool type             BAD_POOL_CALLER 0x9A (pool type, size, tag)
 *   zero bytes                          DRIVER_VERIFIER_DETECTED_VIOLATION 0xC4, 0x00
 *       (IRQL, pool type, 0). Deviation: Windows without Driver Verifier hands out a block; the
 *       documentation says not to do it and Driver Verifier stops it; drvhost always does.
 *
 * Special pool (Driver Verifier's option, src/ex/special.c): for a driver whose VerifyDriverLevel
 * has 0x1, blocks smaller than a page sit before a no-access page; a free also checks the fill
 * around the block on its page (SPECIAL_POOL_DETECTED_MEMORY_CORRUPTION 0xC1: address, corrupt
 * byte, 0, 0x24 after / 0x23 before) and a second free is 0xC1 (address, 0, 0, 0x20).
 *
 * Raising: POOL_RAISE_IF_ALLOCATION_FAILURE, POOL_FLAG_RAISE_ON_FAILURE and
 * ExAllocatePoolWithQuotaTag (which raises unless POOL_QUOTA_FAIL_INSTEAD_OF_RAISE) raise
 * STATUS_INSUFFICIENT_RESOURCES on failure: an exception the driver's __try/__except catches,
 * or bug check 0x1E when nothing does (see raise.c, docs/seh.md).
 *
 * Owner: every allocation DDI takes its own return address (the driver code calling it) and
 * asks the loader's lookup (ex_set_owner_lookup) which module that is; the DDIs never call one
 * another, so that the address is always the driver's.
 */
#include "ex/ex_private.h"
#include "vf/vf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EX_UNTAGGED   0x656E6F4EUL      /* 'enoN': ExAllocatePool's blocks show as "None" */
#define EX_MAX_BLOCK  ((SIZE_T)1 << 36) /* larger requests fail without asking the host */
#define EX_CACHE_LINE 64

#define EX_LEGACY_MODIFIERS                                                                        \
    (POOL_QUOTA_FAIL_INSTEAD_OF_RAISE | POOL_RAISE_IF_ALLOCATION_FAILURE | POOL_COLD_ALLOCATION |  \
     POOL_ZERO_ALLOCATION)

#define EX_POOL_FLAGS_KNOWN                                                                        \
    (POOL_FLAG_USE_QUOTA | POOL_FLAG_UNINITIALIZED | POOL_FLAG_CACHE_ALIGNED |                     \
     POOL_FLAG_RAISE_ON_FAILURE | POOL_FLAG_NON_PAGED | POOL_FLAG_NON_PAGED_EXECUTE |              \
     POOL_FLAG_PAGED)
#define EX_POOL_FLAGS_TYPE (POOL_FLAG_NON_PAGED | POOL_FLAG_NON_PAGED_EXECUTE | POOL_FLAG_PAGED)

/* ExAllocatePool3's extended parameters: wdm_ex.h only declares the structure, so its
 * documented x64 layout is completed here. */
struct _POOL_EXTENDED_PARAMETER {
    struct {
        ULONG64 Type : 8;
        ULONG64 Optional : 1;
        ULONG64 Reserved : 55;
    };
    union {
        ULONG64 Reserved2;
        PVOID Reserved3;
        EX_POOL_PRIORITY Priority;
    };
};
enum {
    EX_POOL_PARAM_PRIORITY = 1,
    EX_POOL_PARAM_NUMA_NODE = 3
};

static ex_owner_of_address ex_owner_lookup;

void ex_set_owner_lookup(ex_owner_of_address lookup)
{
    __atomic_store_n(&ex_owner_lookup, lookup, __ATOMIC_RELEASE);
}

static ex_verify_flags_of ex_verify_lookup;

void ex_set_verify_lookup(ex_verify_flags_of lookup)
{
    __atomic_store_n(&ex_verify_lookup, lookup, __ATOMIC_RELEASE);
}

/* Special pool for a verified driver's blocks smaller than a page (larger ones, which are
 * page-aligned as documented, come from the ordinary pool: drvhost's choice). */
static BOOLEAN ex_wants_special(void *owner, SIZE_T size)
{
    ex_verify_flags_of lookup = __atomic_load_n(&ex_verify_lookup, __ATOMIC_ACQUIRE);
    return owner != NULL && lookup != NULL && size < PAGE_SIZE &&
           (lookup(owner) & EX_VERIFY_SPECIAL_POOLING) != 0;
}

static void *ex_owner_of(const void *caller)
{
    ex_owner_of_address lookup = __atomic_load_n(&ex_owner_lookup, __ATOMIC_ACQUIRE);
    return lookup != NULL ? lookup(caller) : NULL;
}

/* ---- contract checks --------------------------------------------------------------------- */

static inline BOOLEAN ex_pool_is_paged(ULONG pool_type)
{
    return (pool_type & 1) != 0; /* PagedPool, PagedPoolCacheAligned and their session forms */
}

static void ex_check_alloc_irql(ULONG pool_type, SIZE_T size)
{
    KIRQL irql = ke_irql();
    if (irql > DISPATCH_LEVEL || (irql > APC_LEVEL && ex_pool_is_paged(pool_type)))
        ke_bugcheck_msg(BUGCODE_BAD_POOL_CALLER, 0x08, irql, pool_type, size,
                        "%s pool allocated at IRQL %u",
                        ex_pool_is_paged(pool_type) ? "paged" : "nonpaged", irql);
}

static BOOLEAN ex_tag_has_alnum(ULONG tag)
{
    for (int i = 0; i < 4; i++) {
        unsigned char c = (unsigned char)(tag >> (8 * i));
        if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))
            return TRUE;
    }
    return FALSE;
}

/* The checks every driver allocation passes, whichever DDI it came through. */
static void ex_check_request(ULONG pool_type, SIZE_T size, ULONG tag, const void *caller)
{
    ULONG base = pool_type & 7;
    ex_check_alloc_irql(pool_type, size);
    if (size == 0)
        ke_bugcheck_msg(BUGCODE_DRIVER_VERIFIER_DETECTED_VIOLATION, VF_C4_ZERO_BYTE_ALLOCATION,
                        ke_irql(), pool_type, 0, "zero-byte pool allocation (tag 0x%08x)", tag);
    if (base == NonPagedPoolMustSucceed || base == NonPagedPoolCacheAlignedMustS)
        ke_bugcheck_msg(BUGCODE_BAD_POOL_CALLER, 0x9A, pool_type, size, tag,
                        "MustSucceed pool types are no longer supported");
    if (tag == 0)
        ke_bugcheck_msg(BUGCODE_BAD_POOL_CALLER, 0x9B, pool_type, size, (ULONG_PTR)caller,
                        "pool allocation with tag 0");
    if (!ex_tag_has_alnum(tag & ~EX_PROTECTED_POOL))
        ke_bugcheck_msg(BUGCODE_BAD_POOL_CALLER, 0x9D, tag, pool_type, (ULONG_PTR)caller,
                        "pool tag 0x%08x holds no letter or digit", tag);
}

/* ---- allocation -------------------------------------------------------------------------- */

static PVOID ex_pool_allocate(ULONG pool_type, SIZE_T size, ULONG tag, BOOLEAN zero,
                              const void *caller)
{
    struct ex_block proto = {.size = size, .tag = tag, .pool_type = pool_type, .caller = caller};
    SIZE_T align = 16;
    struct ex_block *b;
    if (size > EX_MAX_BLOCK)
        return NULL;
    if (size >= PAGE_SIZE)
        align = PAGE_SIZE; /* documented: PAGE_SIZE or more is page-aligned */
    else if (pool_type & 4)
        align = EX_CACHE_LINE; /* the CacheAligned pool types */
    proto.owner = ex_owner_of(caller);
    b = NULL;
    if (ex_wants_special(proto.owner, size)) {
        if (os_inject_hit(OS_INJECT_ALLOC, tag))
            return NULL;                    /* a test made this allocation fail (os.h) */
        b = ex_special_alloc(&proto, zero); /* NULL: the special pool is used up */
    }
    if (b == NULL)
        b = ex_track_alloc(&proto, align, zero);
    return b != NULL ? ex_block_data(b) : NULL;
}

/* ExAllocatePoolWithTag and its relatives. `raise_default`: raise on failure unless the type
 * says POOL_QUOTA_FAIL_INSTEAD_OF_RAISE (ExAllocatePoolWithQuotaTag). */
PVOID ex_pool_alloc_legacy(POOL_TYPE type, SIZE_T size, ULONG tag, BOOLEAN raise_default,
                           const void *caller)
{
    ULONG modifiers = (ULONG)type & EX_LEGACY_MODIFIERS,
          pool_type = (ULONG)type & ~EX_LEGACY_MODIFIERS;
    PVOID p;
    ex_check_request(pool_type, size, tag, caller);
    p = ex_pool_allocate(pool_type, size, tag, (modifiers & POOL_ZERO_ALLOCATION) != 0, caller);
    if (p == NULL && ((modifiers & POOL_RAISE_IF_ALLOCATION_FAILURE) ||
                      (raise_default && !(modifiers & POOL_QUOTA_FAIL_INSTEAD_OF_RAISE))))
        ex_raise(STATUS_INSUFFICIENT_RESOURCES, caller, "pool allocation failed");
    return p;
}

NTKERNELAPI PVOID NTAPI ExAllocatePoolWithTag(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag)
{
    return ex_pool_alloc_legacy(PoolType, NumberOfBytes, Tag, FALSE, __builtin_return_address(0));
}

NTKERNELAPI PVOID NTAPI ExAllocatePoolWithQuotaTag(POOL_TYPE PoolType, SIZE_T NumberOfBytes,
                                                   ULONG Tag)
{
    /* No quota is charged: there is no process to charge it to. */
    return ex_pool_alloc_legacy(PoolType, NumberOfBytes, Tag, TRUE, __builtin_return_address(0));
}

NTKERNELAPI PVOID NTAPI ExAllocatePoolWithTagPriority(POOL_TYPE PoolType, SIZE_T NumberOfBytes,
                                                      ULONG Tag, EX_POOL_PRIORITY Priority)
{
    /* The host allocator has no priorities; the special pool is chosen by the driver's
     * VerifyDriverLevel, not by the HighPoolPrioritySpecialPool* values. */
    (void)Priority;
    return ex_pool_alloc_legacy(PoolType, NumberOfBytes, Tag, FALSE, __builtin_return_address(0));
}

NTKERNELAPI PVOID NTAPI ExAllocatePool(POOL_TYPE PoolType, SIZE_T NumberOfBytes)
{
    return ex_pool_alloc_legacy(PoolType, NumberOfBytes, EX_UNTAGGED, FALSE,
                                __builtin_return_address(0));
}

/* POOL_FLAGS to a POOL_TYPE, or (ULONG)-1 when the required half holds a flag this allocator
 * does not know or cannot satisfy (session pool, reserved bits), or not exactly one pool. */
static ULONG ex_flags_to_type(POOL_FLAGS flags)
{
    POOL_FLAGS required = flags & 0xFFFFFFFFULL, type = required & EX_POOL_FLAGS_TYPE;
    ULONG cache = (flags & POOL_FLAG_CACHE_ALIGNED) ? 4 : 0;
    if ((required & ~EX_POOL_FLAGS_KNOWN) != 0)
        return (ULONG)-1;
    if (type == POOL_FLAG_NON_PAGED)
        return NonPagedPoolNx | cache;
    if (type == POOL_FLAG_NON_PAGED_EXECUTE)
        return NonPagedPoolExecute | cache;
    if (type == POOL_FLAG_PAGED)
        return PagedPool | cache;
    return (ULONG)-1;
}

static BOOLEAN ex_extended_params_valid(PCPOOL_EXTENDED_PARAMETER params, ULONG count)
{
    if (count != 0 && params == NULL)
        return FALSE;
    for (ULONG i = 0; i < count; i++) {
        ULONG64 type = params[i].Type;
        /* Priority and NUMA node are accepted and have no effect here; secure pool and
         * unknown types fail unless marked optional. */
        if (type != EX_POOL_PARAM_PRIORITY && type != EX_POOL_PARAM_NUMA_NODE &&
            !params[i].Optional)
            return FALSE;
    }
    return TRUE;
}

/* ExAllocatePool2 and ExAllocatePool3: invalid requests fail (NULL) instead of bug-checking,
 * as documented; POOL_FLAG_RAISE_ON_FAILURE turns any failure into a raise. */
static PVOID ex_pool_flags(POOL_FLAGS flags, SIZE_T size, ULONG tag, BOOLEAN params_ok,
                           const void *caller)
{
    ULONG pool_type = ex_flags_to_type(flags);
    BOOLEAN raise = (flags & POOL_FLAG_RAISE_ON_FAILURE) != 0;
    PVOID p;
    if (pool_type == (ULONG)-1 || tag == 0 || !params_ok) {
        if (raise)
            ex_raise(STATUS_INVALID_PARAMETER, caller, "invalid ExAllocatePool2/3 request");
        return NULL;
    }
    ex_check_request(pool_type, size, tag, caller);
    p = ex_pool_allocate(pool_type, size, tag, (flags & POOL_FLAG_UNINITIALIZED) == 0, caller);
    if (p == NULL && raise)
        ex_raise(STATUS_INSUFFICIENT_RESOURCES, caller, "pool allocation failed");
    return p;
}

NTKERNELAPI PVOID NTAPI ExAllocatePool2(POOL_FLAGS Flags, SIZE_T NumberOfBytes, ULONG Tag)
{
    return ex_pool_flags(Flags, NumberOfBytes, Tag, TRUE, __builtin_return_address(0));
}

NTKERNELAPI PVOID NTAPI ExAllocatePool3(POOL_FLAGS Flags, SIZE_T NumberOfBytes, ULONG Tag,
                                        PCPOOL_EXTENDED_PARAMETER ExtendedParameters, ULONG Count)
{
    BOOLEAN ok = ex_extended_params_valid(ExtendedParameters, Count);
    return ex_pool_flags(Flags, NumberOfBytes, Tag, ok, __builtin_return_address(0));
}

/* ---- free ---------------------------------------------------------------------------------- */

/* A free's own checks (ex_free_check context): what was asked, and why it was refused. */
struct ex_free_request {
    ULONG tag;      /* as passed; 0 for ExFreePool */
    KIRQL irql;     /* the caller's */
    BOOLEAN driver; /* ExFreePool*: IRQL and tag rules apply; not for the runtime's own frees */
    ULONG refusal;  /* subcode of the failed check: 0x09 IRQL, 0x0A tag, 0x21 guard,
                       0x23/0x24 the special pool's fill (0xC1) */
    ULONG64 found;  /* the first guard bytes (0x21); the corrupt byte's address (0x23/0x24) */
};

/* Tag rules: ExFreePool (tag 0) frees any block but a protected one; otherwise the tag must be
 * the allocation's, and a protected block needs the protected bit too. */
static BOOLEAN ex_free_tag_ok(ULONG block_tag, ULONG tag)
{
    BOOLEAN protected_block = (block_tag & EX_PROTECTED_POOL) != 0;
    if (tag == 0)
        return !protected_block;
    return protected_block ? tag == block_tag : (tag & ~EX_PROTECTED_POOL) == block_tag;
}

static BOOLEAN ex_guard_intact(struct ex_block *b, ULONG64 *found)
{
    const unsigned char *g = (const unsigned char *)ex_block_data(b) + b->size;
    unsigned char want = ex_guard_byte(b);
    for (int i = 0; i < EX_GUARD_SIZE; i++) {
        if (g[i] != want) {
            memcpy(found, g, sizeof(*found));
            return FALSE;
        }
    }
    return TRUE;
}

/* Runs under the block's shard lock (ex_track_free): reads only. */
static BOOLEAN ex_free_checks(struct ex_block *b, void *ctx)
{
    struct ex_free_request *r = ctx;
    if (r->driver &&
        (r->irql > DISPATCH_LEVEL || (r->irql > APC_LEVEL && ex_pool_is_paged(b->pool_type))))
        r->refusal = 0x09;
    else if (r->driver && !ex_free_tag_ok(b->tag, r->tag))
        r->refusal = 0x0A;
    else if (b->special_pages != 0)
        return (r->refusal = ex_special_check(b, (ULONG_PTR *)&r->found)) == 0;
    else if (!ex_guard_intact(b, &r->found))
        r->refusal = 0x21;
    else
        return TRUE;
    return FALSE;
}

/* The bug check of a refused free; `b` is the copy of the block's header taken then. */
__attribute__((noreturn)) static void ex_free_fault_report(PVOID p, enum ex_free_fault fault,
                                                           const struct ex_block *b,
                                                           const struct ex_free_request *r)
{
    if (fault == EX_FREE_UNKNOWN && ex_special_freed(p)) /* its header went with its pages */
        ke_bugcheck_msg(BUGCODE_SPECIAL_POOL_DETECTED_MEMORY_CORRUPTION, (ULONG_PTR)p, 0, 0, 0x20,
                        "special pool block %p freed again", p);
    if (fault == EX_FREE_UNKNOWN)
        ke_bugcheck_msg(BUGCODE_BAD_POOL_CALLER, 0x46, (ULONG_PTR)p, 0, 0,
                        "%p is not the start of a pool block", p);
    if (fault == EX_FREE_UNDERRUN)
        ke_bugcheck_msg(BUGCODE_BAD_POOL_CALLER, 0x01, (ULONG_PTR)((struct ex_block *)p - 1),
                        b->magic, 0, "the header of pool block %p was overwritten (underrun)", p);
    if (fault == EX_FREE_TWICE)
        ke_bugcheck_msg(BUGCODE_BAD_POOL_CALLER, 0x07, 0, b->tag, (ULONG_PTR)p,
                        "pool block %p (tag 0x%08x) freed twice", p, b->tag);
    if (r->refusal == 0x09)
        ke_bugcheck_msg(BUGCODE_BAD_POOL_CALLER, 0x09, r->irql, b->pool_type, (ULONG_PTR)p,
                        "pool freed at IRQL %u", r->irql);
    if (r->refusal == 0x0A)
        ke_bugcheck_msg(BUGCODE_BAD_POOL_CALLER, 0x0A, (ULONG_PTR)p, b->tag, r->tag,
                        "pool block %p allocated with tag 0x%08x, freed with tag 0x%08x", p, b->tag,
                        r->tag);
    if (r->refusal == 0x23 || r->refusal == 0x24)
        ke_bugcheck_msg(BUGCODE_SPECIAL_POOL_DETECTED_MEMORY_CORRUPTION, (ULONG_PTR)p, r->found, 0,
                        r->refusal, "special pool block %p (tag 0x%08x, %zu bytes): byte at %p %s",
                        p, b->tag, (size_t)b->size, (void *)(uintptr_t)r->found,
                        r->refusal == 0x24 ? "after the block overwritten"
                                           : "before the block's header overwritten");
    ke_bugcheck_msg(BUGCODE_BAD_POOL_HEADER, 0x21, (ULONG_PTR)p, b->size, r->found,
                    "pool block %p (tag 0x%08x, %zu bytes) was overrun", p, b->tag,
                    (size_t)b->size);
}

/* Every check and the free itself under one acquisition of the block's shard lock, so that
 * a concurrent free of the same block cannot slip between the checks and the free. */
static void ex_free_block(PVOID p, struct ex_free_request *r)
{
    struct ex_block copy;
    enum ex_free_fault fault = ex_track_free(p, ex_free_checks, r, &copy);
    if (fault != EX_FREE_DONE)
        ex_free_fault_report(p, fault, &copy, r);
}

static void ex_pool_free(PVOID p, ULONG tag)
{
    struct ex_free_request r = {.tag = tag, .irql = ke_irql(), .driver = TRUE};
    ex_free_block(p, &r);
}

NTKERNELAPI VOID NTAPI ExFreePoolWithTag(PVOID P, ULONG Tag)
{
    ex_pool_free(P, Tag);
}

NTKERNELAPI VOID NTAPI ExFreePool(PVOID P)
{
    ex_pool_free(P, 0);
}

/* ---- the runtime's own allocations ------------------------------------------------------------
 */

static void *ex_alloc_block(struct ex_block *proto)
{
    struct ex_block *b;
    if (proto->size > EX_MAX_BLOCK)
        return NULL;
    b = ex_track_alloc(proto, proto->size >= PAGE_SIZE ? PAGE_SIZE : 16, TRUE);
    return b != NULL ? ex_block_data(b) : NULL;
}

void *ex_alloc(size_t size, ULONG tag)
{
    struct ex_block proto = {.size = size, .tag = tag, .pool_type = NonPagedPoolNx};
    proto.caller = __builtin_return_address(0);
    return ex_alloc_block(&proto);
}

/* Paged pool, as the Rtl routines that allocate for their caller use on Windows. */
void *ex_alloc_for(size_t size, ULONG tag, const void *caller)
{
    struct ex_block proto = {.size = size, .tag = tag, .pool_type = PagedPool, .caller = caller};
    proto.owner = ex_owner_of(caller);
    return ex_alloc_block(&proto);
}

/* Same checks as ExFreePool but IRQL and tag: the runtime frees its blocks wherever it is. */
void ex_free(void *p)
{
    struct ex_free_request r = {.driver = FALSE};
    if (p != NULL)
        ex_free_block(p, &r);
}
