/*
 * faultinject.c - failures on demand for tests: the Nth pool allocation or thread creation
 * fails (os.h, "fault injection"). Compiled into builds other than Release only.
 *
 * Locking: each kind is one armed countdown (`left`, atomic) and a tag filter written before
 * the countdown (release/acquire), so a counting thread never sees a new count with an old
 * tag. The countdown reaching zero fails exactly one call: the thread whose decrement took it
 * from 1 to 0.
 */
#include "os/os_private.h"

#ifdef DRVHOST_FAULT_INJECTION

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct fault {
    unsigned left; /* calls until the failing one (1: the next); 0: disarmed */
    uint32_t tag;  /* OS_INJECT_ALLOC: only this pool tag counts; 0: any */
};

static struct fault faults[OS_INJECT_KINDS];

void os_inject_arm(enum os_inject_kind kind, unsigned n, uint32_t tag)
{
    __atomic_store_n(&faults[kind].left, 0, __ATOMIC_RELEASE);
    faults[kind].tag = tag;
    __atomic_store_n(&faults[kind].left, n, __ATOMIC_RELEASE);
}

bool os_inject_hit(enum os_inject_kind kind, uint32_t tag)
{
    struct fault *f = &faults[kind];
    unsigned left = __atomic_load_n(&f->left, __ATOMIC_ACQUIRE);
    while (left != 0) {
        if (f->tag != 0 && f->tag != tag)
            return false;
        if (__atomic_compare_exchange_n(&f->left, &left, left - 1, false, __ATOMIC_ACQ_REL,
                                        __ATOMIC_ACQUIRE))
            return left == 1;
    }
    return false;
}

/* "TAG" as a pool report prints it (memory order, 'Fifo' for the tag written 'ofiF'). */
static bool parse_tag(const char *text, size_t len, uint32_t *tag)
{
    if (len != 4)
        return false;
    memcpy(tag, text, 4); /* the first character is the low byte, as in memory */
    return true;
}

/* One "kind:N[:TAG]" part; false (and a message) when malformed. */
static bool parse_part(const char *part, size_t len)
{
    static const char *const names[OS_INJECT_KINDS] = {"alloc", "thread"};
    char text[64], *end, *colon;
    unsigned long n;
    uint32_t tag = 0;
    int kind;
    if (len >= sizeof(text))
        goto bad;
    memcpy(text, part, len);
    text[len] = 0;
    colon = strchr(text, ':');
    if (colon == NULL)
        goto bad;
    *colon = 0;
    for (kind = 0; kind < OS_INJECT_KINDS && strcmp(text, names[kind]) != 0; kind++)
        ;
    if (kind == OS_INJECT_KINDS)
        goto bad;
    n = strtoul(colon + 1, &end, 10);
    if (end == colon + 1 || n == 0 || n > 1000000000ul)
        goto bad;
    if (*end == ':' && kind == OS_INJECT_ALLOC && parse_tag(end + 1, strlen(end + 1), &tag))
        end += 5;
    if (*end != 0)
        goto bad;
    os_inject_arm((enum os_inject_kind)kind, (unsigned)n, tag);
    return true;
bad:
    fprintf(stderr,
            "drvhost: DRVHOST_FAULT: '%.*s' is not alloc:N, alloc:N:TAG (four characters) or "
            "thread:N (N from 1)\n",
            (int)len, part);
    return false;
}

bool os_inject_from_env(void)
{
    const char *value = getenv("DRVHOST_FAULT"), *p;
    if (value == NULL || *value == 0)
        return true; /* what a test armed with drvhost_fault_arm stays armed */
    for (int kind = 0; kind < OS_INJECT_KINDS; kind++)
        os_inject_arm((enum os_inject_kind)kind, 0, 0); /* this boot counts afresh */
    for (p = value;;) {
        size_t len = strcspn(p, ",");
        if (!parse_part(p, len))
            return false;
        if (p[len] == 0)
            return true;
        p += len + 1;
    }
}

#endif
