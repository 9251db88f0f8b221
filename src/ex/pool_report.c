/*
 * pool_report.c - per-owner pool accounting at unload and shutdown: the leak report, one line
 * per allocation with its tag, size and call site, and the release of what a driver left.
 *
 * The blocks are copied out under the shard locks (ex_track_walk) into a host-allocated array,
 * then sorted and printed with no lock held: naming a call site asks the loader and the
 * dynamic linker, which must not run under a pool lock.
 */
#include "ex/ex_private.h"

#include <stdio.h>
#include <stdlib.h>

#define EX_REPORT_MAX_LINES 64 /* beyond: one summary line */

struct ex_leak {
    ULONG tag;
    SIZE_T size;
    const void *caller;
    const void *data;
};

struct ex_leak_set {
    void *owner;
    struct ex_leak *items;
    size_t n, cap;
    size_t total, bytes;
    BOOLEAN out_of_memory;
};

/* Runs under a shard lock (ex_track_walk): uses the host allocator, never the pool. */
static void ex_collect_block(struct ex_block *b, void *ctx)
{
    struct ex_leak_set *set = ctx;
    if (b->owner != set->owner)
        return;
    set->total++;
    set->bytes += b->size;
    if (set->n == set->cap) {
        size_t cap = set->cap ? set->cap * 2 : 16;
        struct ex_leak *items = realloc(set->items, cap * sizeof(*items));
        if (items == NULL) {
            set->out_of_memory = TRUE;
            return;
        }
        set->items = items;
        set->cap = cap;
    }
    set->items[set->n++] = (struct ex_leak){.tag = b->tag & ~EX_PROTECTED_POOL,
                                            .size = b->size,
                                            .caller = b->caller,
                                            .data = ex_block_data(b)};
}

static int ex_leak_order(const void *a, const void *b)
{
    const struct ex_leak *x = a, *y = b;
    if (x->tag != y->tag)
        return x->tag < y->tag ? -1 : 1;
    if (x->caller != y->caller)
        return (uintptr_t)x->caller < (uintptr_t)y->caller ? -1 : 1;
    return (uintptr_t)x->data < (uintptr_t)y->data ? -1 : (uintptr_t)x->data > (uintptr_t)y->data;
}

/* The tag as pool dumps show it: its bytes in memory order, '.' for the unprintable. */
static void ex_tag_text(ULONG tag, char out[5])
{
    for (int i = 0; i < 4; i++) {
        unsigned char c = (unsigned char)(tag >> (8 * i));
        out[i] = (c >= 0x20 && c < 0x7F) ? (char)c : '.';
    }
    out[4] = '\0';
}

static void ex_report_line(const char *text, int len, size_t room)
{
    if (len > 0)
        os_write_stderr(text, (size_t)len < room ? (size_t)len : room - 1);
}

static void ex_report_set(const struct ex_leak_set *set, const char *who)
{
    char line[320], tag[5], site[200];
    size_t shown = set->n < EX_REPORT_MAX_LINES ? set->n : EX_REPORT_MAX_LINES;
    ex_report_line(line,
                   snprintf(line, sizeof(line),
                            "pool leak: driver '%s': %zu allocation%s (%zu bytes) still held:\n",
                            who, set->total, set->total == 1 ? "" : "s", set->bytes),
                   sizeof(line));
    for (size_t i = 0; i < shown; i++) {
        const struct ex_leak *l = &set->items[i];
        ex_tag_text(l->tag, tag);
        ke_site_text(l->caller, site, sizeof(site));
        ex_report_line(line,
                       snprintf(line, sizeof(line),
                                "pool leak:   tag '%s' %zu bytes at %p, allocated by %s\n", tag,
                                (size_t)l->size, l->data, site),
                       sizeof(line));
    }
    if (set->total > shown)
        ex_report_line(
            line,
            snprintf(line, sizeof(line), "pool leak:   ... and %zu more\n", set->total - shown),
            sizeof(line));
}

size_t ex_pool_report_leaks(void *owner, const char *who)
{
    struct ex_leak_set set = {.owner = owner};
    ex_track_walk(ex_collect_block, &set);
    if (set.n > 1)
        qsort(set.items, set.n, sizeof(*set.items), ex_leak_order);
    if (set.total != 0)
        ex_report_set(&set, who);
    if (set.out_of_memory) {
        static const char msg[] = "pool leak: report incomplete (host out of memory)\n";
        os_write_stderr(msg, sizeof(msg) - 1);
    }
    free(set.items);
    return set.total;
}

static void ex_count_block(struct ex_block *b, void *ctx)
{
    struct ex_leak_set *set = ctx;
    if (b->owner == set->owner)
        set->total++;
}

size_t ex_pool_owner_count(void *owner)
{
    struct ex_leak_set set = {.owner = owner};
    ex_track_walk(ex_count_block, &set);
    return set.total;
}

void ex_pool_release_owner(void *owner)
{
    ex_track_release_owner(owner);
}
