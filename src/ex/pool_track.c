/*
 * pool_track.c - where pool blocks live: host memory, the tracking table and the quarantine.
 *
 * Every block handed out is recorded in a hash table keyed by its address, split into shards
 * by that address, each shard with its own mutex (so that allocations on different threads
 * rarely contend). Looking a pointer up in the table instead of trusting the memory in front
 * of it is what lets ExFreePool recognise a pointer that never came from the pool without
 * touching it.
 *
 * Freed blocks are not returned to the host at once: they stay in the table, marked freed, in
 * a per-shard FIFO (the quarantine, bounded in count and bytes). A second free of the same
 * address finds the freed header and reports a double free (BAD_POOL_CALLER 0x07) rather than
 * "not a pool address". Under AddressSanitizer the quarantined bytes are poisoned, so a use
 * after free is still caught.
 *
 * Special pool blocks (special.c) are recorded in the same table but skip the quarantine: their
 * pages become no-access at the free, which is their quarantine.
 *
 * Locking: a shard's mutex protects its table, chains, quarantine and the state field of its
 * blocks. A block's other header fields are written once before it is published.
 */
#include "ex/ex_private.h"

#include <stdlib.h>
#include <string.h>

#define EX_SHARDS            16
#define EX_INITIAL_BUCKETS   256
#define EX_QUARANTINE_BLOCKS 64
#define EX_QUARANTINE_BYTES  (256 * 1024)
#define EX_FREED_FILL        0xDD

struct ex_shard {
    os_mutex lock;
    struct ex_block **buckets; /* NULL until the first allocation of the shard */
    size_t nbuckets;           /* a power of two */
    size_t count;              /* blocks in the table: live and quarantined */
    struct ex_block *q_head, *q_tail;
    size_t q_count, q_bytes;
} __attribute__((aligned(64)));

static struct ex_shard ex_shards[EX_SHARDS] = {
#define EX_SHARD_INIT                                                                              \
    {                                                                                              \
        .lock = OS_MUTEX_INIT                                                                      \
    }
    EX_SHARD_INIT, EX_SHARD_INIT, EX_SHARD_INIT, EX_SHARD_INIT, EX_SHARD_INIT, EX_SHARD_INIT,
    EX_SHARD_INIT, EX_SHARD_INIT, EX_SHARD_INIT, EX_SHARD_INIT, EX_SHARD_INIT, EX_SHARD_INIT,
    EX_SHARD_INIT, EX_SHARD_INIT, EX_SHARD_INIT, EX_SHARD_INIT,
#undef EX_SHARD_INIT
};

/* Fibonacci hashing of the address (its low 4 bits are always zero). */
static inline uint64_t ex_hash(const void *p)
{
    return ((uint64_t)(uintptr_t)p >> 4) * 0x9E3779B97F4A7C15ULL;
}

static inline struct ex_shard *ex_shard_of(const void *p)
{
    return &ex_shards[ex_hash(p) >> 60 & (EX_SHARDS - 1)];
}

static inline size_t ex_bucket_of(const struct ex_shard *s, const void *p)
{
    return (size_t)(ex_hash(p) >> 20) & (s->nbuckets - 1);
}

/* ---- the table (callers hold the shard lock) --------------------------------------------- */

/* Doubles the table (or creates it). On host memory exhaustion the old table stays: chains
 * just get longer. */
static void ex_table_grow(struct ex_shard *s)
{
    size_t n = s->nbuckets ? s->nbuckets * 2 : EX_INITIAL_BUCKETS;
    struct ex_block **nb = calloc(n, sizeof(*nb));
    struct ex_block **old = s->buckets;
    size_t oldn = s->nbuckets;
    if (nb == NULL)
        return;
    s->buckets = nb;
    s->nbuckets = n;
    for (size_t i = 0; i < oldn; i++) {
        struct ex_block *b = old[i], *next;
        for (; b != NULL; b = next) {
            size_t k = ex_bucket_of(s, ex_block_data(b));
            next = b->hash_next;
            b->hash_next = nb[k];
            nb[k] = b;
        }
    }
    free(old);
}

static BOOLEAN ex_table_insert(struct ex_shard *s, struct ex_block *b)
{
    size_t k;
    if (s->count >= s->nbuckets * 2)
        ex_table_grow(s);
    if (s->buckets == NULL)
        return FALSE;
    k = ex_bucket_of(s, ex_block_data(b));
    b->hash_next = s->buckets[k];
    s->buckets[k] = b;
    s->count++;
    return TRUE;
}

static struct ex_block *ex_table_lookup(struct ex_shard *s, const void *data)
{
    struct ex_block *b;
    if (s->buckets == NULL)
        return NULL;
    for (b = s->buckets[ex_bucket_of(s, data)]; b != NULL; b = b->hash_next)
        if (ex_block_data(b) == data)
            return b;
    return NULL;
}

static void ex_table_remove(struct ex_shard *s, struct ex_block *b)
{
    struct ex_block **link = &s->buckets[ex_bucket_of(s, ex_block_data(b))];
    while (*link != b)
        link = &(*link)->hash_next;
    *link = b->hash_next;
    s->count--;
}

/* ---- host memory ------------------------------------------------------------------------- */

/* Offset of the caller's bytes from the start of the host allocation: room for the header,
 * rounded up so that the data is `align`-aligned. */
static inline SIZE_T ex_data_offset(SIZE_T align)
{
    return (sizeof(struct ex_block) + align - 1) & ~(align - 1);
}

static void ex_guard_write(struct ex_block *b)
{
    memset((char *)ex_block_data(b) + b->size, ex_guard_byte(b), EX_GUARD_SIZE);
}

struct ex_block *ex_track_alloc(const struct ex_block *proto, SIZE_T align, BOOLEAN zero)
{
    SIZE_T size = proto->size;
    SIZE_T offset = ex_data_offset(align), total = offset + size + EX_GUARD_SIZE;
    struct ex_block *b;
    char *base;
    total = (total + align - 1) & ~(align - 1); /* aligned_alloc wants a multiple */
    if (os_inject_hit(OS_INJECT_ALLOC, proto->tag))
        return NULL; /* a test made this allocation fail (os.h, fault injection) */
    base = aligned_alloc(align, total);
    if (base == NULL)
        return NULL;
    b = (struct ex_block *)(base + offset) - 1;
    *b = *proto;
    b->hash_next = b->fifo_next = NULL;
    b->base = base;
    b->state = EX_BLOCK_LIVE;
    b->magic = ex_block_magic(b);
    if (zero)
        memset(ex_block_data(b), 0, size);
    ex_guard_write(b);
    if (!ex_track_insert(b)) {
        free(base);
        return NULL;
    }
    return b;
}

BOOLEAN ex_track_insert(struct ex_block *b)
{
    struct ex_shard *s = ex_shard_of(ex_block_data(b));
    BOOLEAN ok;
    os_mutex_lock(&s->lock);
    ok = ex_table_insert(s, b);
    os_mutex_unlock(&s->lock);
    return ok;
}

/* Gives a block's memory back: host memory, or a special block's pages made no-access. */
static void ex_block_release(struct ex_block *b)
{
    if (b->special_pages != 0)
        ex_special_release(b);
    else
        free(b->base);
}

/* Removes the oldest quarantined block from the table and returns its memory to the host.
 * Called with the shard lock held. */
static void ex_quarantine_evict(struct ex_shard *s)
{
    struct ex_block *b = s->q_head;
    s->q_head = b->fifo_next;
    if (s->q_head == NULL)
        s->q_tail = NULL;
    s->q_count--;
    s->q_bytes -= b->size;
    ex_table_remove(s, b);
    EX_UNPOISON(ex_block_data(b), b->size + EX_GUARD_SIZE);
    free(b->base);
}

/* Moves a block just marked freed to the quarantine, evicting the oldest blocks beyond its
 * bounds. Called with the shard lock held. */
static void ex_quarantine_add(struct ex_shard *s, struct ex_block *b)
{
#ifdef DRVHOST_ASAN
    /* Poisoned: AddressSanitizer reports any access, so the bytes need no fill. */
    EX_POISON(ex_block_data(b), b->size + EX_GUARD_SIZE);
#else
    /* Filling the bytes makes a use after free visible in the driver's data. */
    memset(ex_block_data(b), EX_FREED_FILL, b->size);
#endif
    b->fifo_next = NULL;
    if (s->q_tail != NULL)
        s->q_tail->fifo_next = b;
    else
        s->q_head = b;
    s->q_tail = b;
    s->q_count++;
    s->q_bytes += b->size;
    while (s->q_count > EX_QUARANTINE_BLOCKS || s->q_bytes > EX_QUARANTINE_BYTES)
        ex_quarantine_evict(s);
}

/* The checks of a free that need the table (shard lock held); EX_FREE_DONE if they pass. */
static enum ex_free_fault ex_free_fault_of(struct ex_block *b, ex_free_check check, void *ctx)
{
    if (b == NULL)
        return EX_FREE_UNKNOWN;
    if (b->magic != ex_block_magic(b))
        return EX_FREE_UNDERRUN;
    if (b->state != EX_BLOCK_LIVE)
        return EX_FREE_TWICE;
    if (!check(b, ctx))
        return EX_FREE_REFUSED;
    return EX_FREE_DONE;
}

enum ex_free_fault ex_track_free(void *data, ex_free_check check, void *ctx, struct ex_block *copy)
{
    struct ex_shard *s = ex_shard_of(data);
    struct ex_block *b;
    enum ex_free_fault fault;
    if (data == NULL || ((uintptr_t)data & 15) != 0)
        return EX_FREE_UNKNOWN;
    os_mutex_lock(&s->lock);
    b = ex_table_lookup(s, data);
    fault = ex_free_fault_of(b, check, ctx);
    if (fault != EX_FREE_DONE) {
        if (b != NULL)
            *copy = *b;
        os_mutex_unlock(&s->lock);
        return fault;
    }
    b->state = EX_BLOCK_FREED;
    /* A block that would evict everything goes back at once; so does a special block, whose
     * no-access pages are its quarantine (and hold its header: it leaves the table first). */
    if (b->size > EX_QUARANTINE_BYTES || b->special_pages != 0) {
        ex_table_remove(s, b);
        os_mutex_unlock(&s->lock);
        ex_block_release(b);
        return EX_FREE_DONE;
    }
    ex_quarantine_add(s, b);
    os_mutex_unlock(&s->lock);
    return EX_FREE_DONE;
}

void ex_track_drain(void)
{
    for (int i = 0; i < EX_SHARDS; i++) {
        struct ex_shard *s = &ex_shards[i];
        os_mutex_lock(&s->lock);
        while (s->q_head != NULL)
            ex_quarantine_evict(s);
        os_mutex_unlock(&s->lock);
    }
}

void ex_track_walk(void (*fn)(struct ex_block *b, void *ctx), void *ctx)
{
    for (int i = 0; i < EX_SHARDS; i++) {
        struct ex_shard *s = &ex_shards[i];
        os_mutex_lock(&s->lock);
        for (size_t k = 0; k < s->nbuckets; k++)
            for (struct ex_block *b = s->buckets[k]; b != NULL; b = b->hash_next)
                if (b->state == EX_BLOCK_LIVE)
                    fn(b, ctx);
        os_mutex_unlock(&s->lock);
    }
}

/* Frees the live blocks of `owner` in one shard (shard lock held). */
static size_t ex_release_in_shard(struct ex_shard *s, void *owner)
{
    size_t n = 0;
    for (size_t k = 0; k < s->nbuckets; k++) {
        struct ex_block **link = &s->buckets[k];
        while (*link != NULL) {
            struct ex_block *b = *link;
            if (b->state == EX_BLOCK_LIVE && b->owner == owner) {
                *link = b->hash_next;
                s->count--;
                ex_block_release(b);
                n++;
            } else {
                link = &b->hash_next;
            }
        }
    }
    return n;
}

size_t ex_track_release_owner(void *owner)
{
    size_t n = 0;
    for (int i = 0; i < EX_SHARDS; i++) {
        os_mutex_lock(&ex_shards[i].lock);
        n += ex_release_in_shard(&ex_shards[i], owner);
        os_mutex_unlock(&ex_shards[i].lock);
    }
    return n;
}
