/*
 * pool_report.c - per-owner pool accounting at unload and shutdown: the leak report grouped by
 * tag, and the release of what a driver left behind.
 */
#include "ex/ex_private.h"

#include <stdio.h>
#include <stdlib.h>

struct ex_tally {
    ULONG tag;
    size_t count, bytes;
};

struct ex_tally_set {
    void *owner;
    struct ex_tally *items;
    size_t n, cap;
    size_t total;
    BOOLEAN out_of_memory;
};

/* Runs under a shard lock (ex_track_walk): uses the host allocator, never the pool. */
static void ex_tally_block(struct ex_block *b, void *ctx)
{
    struct ex_tally_set *set = ctx;
    ULONG tag = b->tag & ~EX_PROTECTED_POOL;
    size_t i;
    if (b->owner != set->owner)
        return;
    set->total++;
    for (i = 0; i < set->n && set->items[i].tag != tag; i++)
        ;
    if (i == set->n) {
        if (set->n == set->cap) {
            size_t cap = set->cap ? set->cap * 2 : 16;
            struct ex_tally *items = realloc(set->items, cap * sizeof(*items));
            if (items == NULL) {
                set->out_of_memory = TRUE;
                return;
            }
            set->items = items;
            set->cap = cap;
        }
        set->items[set->n++] = (struct ex_tally){.tag = tag};
    }
    set->items[i].count++;
    set->items[i].bytes += b->size;
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

size_t ex_pool_report_leaks(void *owner, const char *who)
{
    struct ex_tally_set set = {.owner = owner};
    char line[256], tag[5];
    ex_track_walk(ex_tally_block, &set);
    for (size_t i = 0; i < set.n; i++) {
        int len;
        ex_tag_text(set.items[i].tag, tag);
        len = snprintf(line, sizeof(line), "pool leak: driver '%s': tag '%s' %zu allocation%s, %zu bytes\n",
                       who, tag, set.items[i].count, set.items[i].count == 1 ? "" : "s",
                       set.items[i].bytes);
        if (len > 0)
            os_write_stderr(line, (size_t)len < sizeof(line) ? (size_t)len : sizeof(line) - 1);
    }
    if (set.out_of_memory) {
        static const char msg[] = "pool leak: report incomplete (host out of memory)\n";
        os_write_stderr(msg, sizeof(msg) - 1);
    }
    free(set.items);
    return set.total;
}

void ex_pool_release_owner(void *owner)
{
    ex_track_release_owner(owner);
}
