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
 * allocation; a block takes the next unused pages of it (its read-write pages, then its guard
 * page). A freed block's pages become no-access (their memory returns to the host), so that a
 * later access is recognised, and its range joins a FIFO quarantine of freed ranges of its
 * length (2 or 3 pages, guard included). Once the span has no unused pages left, a block takes
 * the oldest freed range of its length, if more than sp_quarantine of them wait: a use after
 * free stays 0xD5 until that many ranges of its length were freed after it (Windows, too,
 * reuses freed special pool pages). When neither is available (the span is full of live blocks
 * and the quarantine), or the host refuses a mapping, the block comes from the ordinary pool
 * and stderr says so once per process (sp_tell).
 *
 * Test-only: DRVHOST_SPECIAL_POOL_PAGES=N (read at the first special allocation of the
 * process) uses only the first N pages of the span (at least 8), so that a test reaches its
 * end and the reuse with a few blocks; the quarantine is then N / 16 ranges.
 *
 * One state byte per page (sp_state) tells the fault handler, without locks, what a page is.
 * It is written before the page is made accessible (live) and before it is made no-access
 * (freed), with release stores; the handler reads it with acquire loads.
 */
#include "ex/ex_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EX_SPECIAL_SPAN  ((size_t)4 << 30) /* 1 Mi pages: half a million one-page blocks */
#define EX_SPECIAL_ALIGN 16                /* data alignment (the tracking table needs 16) */
#define SP_RANGE_MIN     2                 /* pages of a range: one read-write + the guard */
#define SP_RANGE_KINDS   2                 /* ranges of 2 or 3 pages (blocks under a page) */

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

/* Freed ranges of one length, oldest first: a ring of their first pages. Guarded by sp_lock,
 * which is taken under a pool shard lock (a free) and takes no other lock. */
struct sp_ring {
    uint32_t *first;
    size_t capacity, head, count;
};
static struct sp_ring sp_freed[SP_RANGE_KINDS];
static size_t sp_quarantine; /* ranges of a length kept before one is reused */
static os_mutex sp_lock = OS_MUTEX_INIT;
static int sp_told_full, sp_told_refused; /* stderr said it (atomic) */

static int ex_special_fault_kind(uintptr_t address);

/* The pages of the span in use: all of them, or DRVHOST_SPECIAL_POOL_PAGES (test-only). */
static size_t sp_usable_pages(void)
{
    const char *text = getenv("DRVHOST_SPECIAL_POOL_PAGES");
    size_t all = EX_SPECIAL_SPAN / PAGE_SIZE, n = text != NULL ? strtoul(text, NULL, 10) : 0;
    return n >= 8 && n < all ? n : all;
}

/* The rings of freed ranges: room for every range the span can hold (pages zeroed lazily). */
static BOOLEAN sp_rings_alloc(size_t pages)
{
    size_t bytes =
        ((pages / SP_RANGE_MIN + 1) * sizeof(uint32_t) + PAGE_SIZE - 1) & ~(size_t)(PAGE_SIZE - 1);
    for (int k = 0; k < SP_RANGE_KINDS; k++) {
        sp_freed[k].first = os_pages_alloc(bytes, false);
        sp_freed[k].capacity = bytes / sizeof(uint32_t);
        if (sp_freed[k].first == NULL)
            return FALSE; /* no special pool (what was allocated is kept: once per process) */
    }
    return TRUE;
}

static void sp_reserve(void)
{
    unsigned char *state;
    char *base;
    size_t pages = sp_usable_pages();
    if (os_page_size() != PAGE_SIZE)
        return; /* a no-access page must be one of Windows' pages: no special pool then */
    state = os_pages_alloc(EX_SPECIAL_SPAN / PAGE_SIZE, false);
    base = state != NULL && sp_rings_alloc(pages) ? os_pages_reserve(EX_SPECIAL_SPAN) : NULL;
    if (base == NULL) {
        if (state != NULL)
            os_pages_free(state, EX_SPECIAL_SPAN / PAGE_SIZE);
        return;
    }
    sp_state = state;
    sp_pages = pages;
    sp_quarantine = pages / 16;
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

/* A freed range of `count` pages back into its quarantine (its pages no-access already). */
static void sp_ring_push(size_t first, size_t count)
{
    struct sp_ring *r = &sp_freed[count - SP_RANGE_MIN];
    os_mutex_lock(&sp_lock);
    if (r->count < r->capacity) /* always: the ring has room for every range of the span */
        r->first[(r->head + r->count++) % r->capacity] = (uint32_t)first;
    os_mutex_unlock(&sp_lock);
}

/* The oldest freed range of `count` pages, once more than sp_quarantine of them wait;
 * (size_t)-1 otherwise. */
static size_t sp_ring_pop(size_t count)
{
    struct sp_ring *r = &sp_freed[count - SP_RANGE_MIN];
    size_t first = (size_t)-1;
    os_mutex_lock(&sp_lock);
    if (r->count > sp_quarantine) {
        first = r->first[r->head];
        r->head = (r->head + 1) % r->capacity;
        r->count--;
    }
    os_mutex_unlock(&sp_lock);
    return first;
}

/* Takes `count` pages of the span: unused ones, else a freed range out of its quarantine;
 * (size_t)-1 when there are neither. */
static size_t sp_take(size_t count)
{
    size_t first = __atomic_load_n(&sp_next, __ATOMIC_RELAXED);
    if (first + count <= sp_pages) {
        first = __atomic_fetch_add(&sp_next, count, __ATOMIC_RELAXED);
        if (first + count <= sp_pages)
            return first;
    }
    return sp_ring_pop(count);
}

/* Says once per process (per `told` flag) why a special block of the driver at `caller` comes
 * from the ordinary pool. */
static void sp_tell(int *told, const void *caller, const char *why)
{
    char line[512];
    const char *driver;
    int len;
    if (__atomic_exchange_n(told, 1, __ATOMIC_RELAXED))
        return;
    driver = ke_address_name(caller);
    len = snprintf(line, sizeof(line),
                   "drvhost: special pool: %s: a block of driver '%s' and later special pool "
                   "blocks come from the ordinary pool (an overrun is found at the free, 0x19, "
                   "not at the access) while it lasts\n",
                   why, driver != NULL ? driver : "?");
    if (len > 0)
        os_write_stderr(line, (size_t)len < sizeof(line) ? (size_t)len : sizeof(line) - 1);
}

struct ex_block *ex_special_alloc(const struct ex_block *proto, BOOLEAN zero)
{
    SIZE_T rounded = (proto->size + EX_SPECIAL_ALIGN - 1) & ~(SIZE_T)(EX_SPECIAL_ALIGN - 1);
    size_t pages = (sizeof(struct ex_block) + rounded + PAGE_SIZE - 1) / PAGE_SIZE, first;
    char *base, *data;
    struct ex_block *b;
    (void)zero; /* fresh pages are zero: every special block starts zeroed */
    os_run_once(&sp_once, sp_reserve);
    if (sp_base == NULL)
        return NULL;
    if ((first = sp_take(pages + 1)) == (size_t)-1) {
        sp_tell(&sp_told_full, proto->caller,
                "exhausted (its address space is all live blocks and freed ones in quarantine)");
        return NULL;
    }
    base = sp_base + first * PAGE_SIZE;
    sp_set_state(first, pages, SP_LIVE);
    sp_set_state(first + pages, 1, SP_GUARD);
    if (!os_pages_protect(base, pages * PAGE_SIZE, true)) {
        sp_set_state(first, pages + 1, SP_FREED);
        sp_ring_push(first, pages + 1); /* no-access still: back in the quarantine */
        sp_tell(&sp_told_refused, proto->caller,
                "the host refused a mapping (vm.max_map_count: about 32,000 live blocks)");
        return NULL;
    }
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
    if (os_pages_protect(base, pages * PAGE_SIZE, false))
        sp_ring_push(first, pages + 1); /* else left out for good: it may still be accessible */
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
