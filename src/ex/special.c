/*
 * special.c - Driver Verifier's special pool: the pool blocks of a driver whose
 * VerifyDriverLevel has DRIVER_VERIFIER_SPECIAL_POOLING (0x1) sit at the end of their own
 * pages, right before a no-access page, so that a read or write past the end faults at the
 * access; a freed block's pages become no-access, so that a use after free faults too. The
 * kernel layer's fault handler asks ex_special_fault_kind what a fault address is and raises
 * 0xD6/0xCD (beyond the end) or 0xD5/0xCC (freed); ExFreePool checks the bytes around the
 * block on its pages (0xC1).
 *
 * Address space: one reservation of EX_SPECIAL_SPAN bytes, taken at the first special
 * allocation; a block takes the next free pages of it (its read-write pages, then its guard
 * page) and never gives them back: freed pages stay no-access (their memory returns to the
 * host) so that any later access is recognised. When the span is used up, further blocks come
 * from the ordinary pool (deviation: Windows reuses freed special pool pages).
 *
 * One state byte per page (sp_state) tells the fault handler, without locks, what a page is.
 * It is written before the page is made accessible (live) and before it is made no-access
 * (freed), with release stores; the handler reads it with acquire loads.
 */
#include "ex/ex_private.h"

#include <string.h>

#define EX_SPECIAL_SPAN  ((size_t)4 << 30) /* 1 Mi pages: half a million one-page blocks */
#define EX_SPECIAL_ALIGN 16                /* data alignment (the tracking table needs 16) */

enum sp_page_state {
    SP_UNUSED,
    SP_LIVE,  /* a read-write page of a live block */
    SP_GUARD, /* the no-access page after a live block */
    SP_FREED, /* a page of a freed block, or the guard page after it */
};

static char *sp_base;
static size_t sp_pages;
static unsigned char *sp_state; /* one byte per page of the span */
static size_t sp_next;          /* the next unused page (atomic) */
static os_once sp_once = OS_ONCE_INIT;

static int ex_special_fault_kind(uintptr_t address);

static void sp_reserve(void)
{
    unsigned char *state;
    char *base;
    if (os_page_size() != PAGE_SIZE)
        return; /* a no-access page must be one of Windows' pages: no special pool then */
    state = os_pages_alloc(EX_SPECIAL_SPAN / PAGE_SIZE, false);
    base = state != NULL ? os_pages_reserve(EX_SPECIAL_SPAN) : NULL;
    if (base == NULL) {
        os_pages_free(state, EX_SPECIAL_SPAN / PAGE_SIZE);
        return;
    }
    sp_state = state;
    sp_pages = EX_SPECIAL_SPAN / PAGE_SIZE;
    __atomic_store_n(&sp_base, base, __ATOMIC_RELEASE);
    ke_set_special_pool_lookup(ex_special_fault_kind);
}

static void sp_set_state(size_t first, size_t count, unsigned char state)
{
    for (size_t i = 0; i < count; i++)
        __atomic_store_n(&sp_state[first + i], state, __ATOMIC_RELEASE);
}

static size_t sp_page_of(const void *p)
{
    return (size_t)((const char *)p - sp_base) / PAGE_SIZE;
}

/* Takes `count` pages of the span; (size_t)-1 when it is used up. */
static size_t sp_take(size_t count)
{
    size_t first = __atomic_fetch_add(&sp_next, count, __ATOMIC_RELAXED);
    return first + count <= sp_pages ? first : (size_t)-1;
}

struct ex_block *ex_special_alloc(const struct ex_block *proto, BOOLEAN zero)
{
    SIZE_T rounded = (proto->size + EX_SPECIAL_ALIGN - 1) & ~(SIZE_T)(EX_SPECIAL_ALIGN - 1);
    size_t pages = (sizeof(struct ex_block) + rounded + PAGE_SIZE - 1) / PAGE_SIZE, first;
    char *base, *data;
    struct ex_block *b;
    (void)zero; /* fresh pages are zero: every special block starts zeroed */
    os_run_once(&sp_once, sp_reserve);
    if (sp_base == NULL || (first = sp_take(pages + 1)) == (size_t)-1)
        return NULL;
    base = sp_base + first * PAGE_SIZE;
    sp_set_state(first, pages, SP_LIVE);
    sp_set_state(first + pages, 1, SP_GUARD);
    if (!os_pages_protect(base, pages * PAGE_SIZE, true))
        return NULL; /* the pages stay unused, marked live but no-access: never handed out */
    data = base + pages * PAGE_SIZE - rounded;
    b = (struct ex_block *)data - 1;
    memset(base, EX_SPECIAL_FILL, (size_t)((char *)b - base));
    memset(data + proto->size, EX_SPECIAL_FILL, rounded - proto->size);
    *b = *proto;
    b->hash_next = b->fifo_next = NULL;
    b->base = base;
    b->state = EX_BLOCK_LIVE;
    b->special_pages = (ULONG)pages;
    b->magic = ex_block_magic(b);
    if (!ex_track_insert(b)) {
        ex_special_release(b);
        return NULL;
    }
    return b;
}

void ex_special_release(struct ex_block *b)
{
    char *base = b->base;
    size_t pages = b->special_pages, first = sp_page_of(base);
    sp_set_state(first, pages + 1, SP_FREED);
    os_pages_protect(base, pages * PAGE_SIZE, false);
}

static const unsigned char *sp_first_not_fill(const unsigned char *p, const unsigned char *end)
{
    for (; p < end; p++)
        if (*p != EX_SPECIAL_FILL)
            return p;
    return NULL;
}

ULONG ex_special_check(struct ex_block *b, ULONG_PTR *corrupt)
{
    const unsigned char *data = ex_block_data(b);
    const unsigned char *page_end = (const unsigned char *)b->base + b->special_pages * PAGE_SIZE;
    const unsigned char *bad = sp_first_not_fill(data + b->size, page_end);
    if (bad != NULL) {
        *corrupt = (ULONG_PTR)bad;
        return 0x24;
    }
    bad = sp_first_not_fill(b->base, (const unsigned char *)b);
    if (bad != NULL) {
        *corrupt = (ULONG_PTR)bad;
        return 0x23;
    }
    return 0;
}

/* Async-signal-safe (called by the fault handler): what `address` is in the special pool. */
static int ex_special_fault_kind(uintptr_t address)
{
    char *base = __atomic_load_n(&sp_base, __ATOMIC_ACQUIRE);
    size_t page;
    if (base == NULL || address < (uintptr_t)base || address - (uintptr_t)base >= EX_SPECIAL_SPAN)
        return KE_SPECIAL_POOL_NONE;
    page = (address - (uintptr_t)base) / PAGE_SIZE;
    switch (__atomic_load_n(&sp_state[page], __ATOMIC_ACQUIRE)) {
    case SP_GUARD:
        return KE_SPECIAL_POOL_BEYOND_END;
    case SP_FREED:
        return KE_SPECIAL_POOL_FREED;
    default:
        return KE_SPECIAL_POOL_NONE;
    }
}

BOOLEAN ex_special_freed(const void *p)
{
    return ex_special_fault_kind((uintptr_t)p) == KE_SPECIAL_POOL_FREED;
}
