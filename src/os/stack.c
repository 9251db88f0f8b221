/*
 * stack.c - the stack of a thread that runs driver code: its bounds, and an alternate signal
 * stack so that the fault handler can run when the thread's own stack is exhausted.
 *
 * A stack overflow faults on the guard area below the stack; the kernel can deliver that
 * SIGSEGV only on an alternate stack (sigaltstack), which is per thread. os_stack_prepare is
 * called by every thread before it first runs driver code (ke creates its thread state there):
 * it records the thread's stack bounds (pthread_getattr_np, which is not async-signal-safe, so
 * never from the handler) and installs an alternate stack unless the thread already has one
 * (a sanitizer's runtime installs its own on the threads it knows about: that one is kept).
 * os_stack_release, at thread exit, removes and frees the alternate stack it installed.
 *
 * The alternate stack is an mmap'ed area (LeakSanitizer does not report mappings of a thread
 * that never exits, such as the main thread) with a PROT_NONE page below it, so that a handler
 * overrunning it faults instead of corrupting memory.
 */
#include "os/os_private.h"

#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

#define OS_ALTSTACK_SIZE (128 * 1024)
/* How far below the stack's lowest address a fault still counts as its overflow: the guard
 * area (glibc's guard page of a thread, the kernel's 1 MiB gap below the main stack) plus what
 * one large frame can skip. */
#define OS_OVERFLOW_WINDOW (2 * 1024 * 1024)

struct os_stack_state {
    uintptr_t low, high; /* the usable stack [low, high); 0 when not prepared */
    size_t guard;
    void *mapping; /* our alternate stack (guard page included), NULL if not ours */
    size_t mapping_size;
};

/* initial-exec: read by the signal handler without allocation. */
static __thread struct os_stack_state os_stack __attribute__((tls_model("initial-exec")));

static void os_stack_record_bounds(void)
{
    pthread_attr_t attr;
    void *addr = NULL;
    size_t size = 0, guard = 0;
    if (pthread_getattr_np(pthread_self(), &attr) != 0)
        return;
    if (pthread_attr_getstack(&attr, &addr, &size) == 0 && addr != NULL) {
        os_stack.low = (uintptr_t)addr;
        os_stack.high = (uintptr_t)addr + size;
    }
    if (pthread_attr_getguardsize(&attr, &guard) == 0)
        os_stack.guard = guard;
    pthread_attr_destroy(&attr);
}

static void os_stack_install_altstack(void)
{
    stack_t current, ss;
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    size_t total = OS_ALTSTACK_SIZE + page;
    char *mapping;
    if (sigaltstack(NULL, &current) == 0 && !(current.ss_flags & SS_DISABLE))
        return; /* the thread has one already (a sanitizer's): keep it */
    mapping = mmap(NULL, total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mapping == MAP_FAILED)
        return; /* an overflow of this thread then ends as a plain SIGSEGV */
    mprotect(mapping, page, PROT_NONE);
    ss.ss_sp = mapping + page;
    ss.ss_size = OS_ALTSTACK_SIZE;
    ss.ss_flags = 0;
    if (sigaltstack(&ss, NULL) != 0) {
        munmap(mapping, total);
        return;
    }
    os_stack.mapping = mapping;
    os_stack.mapping_size = total;
}

void os_stack_prepare(void)
{
    if (os_stack.high != 0 || os_stack.mapping != NULL)
        return;
    os_stack_record_bounds();
    os_stack_install_altstack();
}

void os_stack_release(void)
{
    stack_t off = {.ss_flags = SS_DISABLE};
    if (os_stack.mapping != NULL && sigaltstack(&off, NULL) == 0)
        munmap(os_stack.mapping, os_stack.mapping_size);
    os_stack.mapping = NULL;
    os_stack.low = os_stack.high = 0;
}

bool os_stack_overflow_address(uintptr_t address)
{
    uintptr_t low = os_stack.low;
    if (os_stack.high == 0)
        return false;
    return address < low + os_stack.guard + 4096 && address + OS_OVERFLOW_WINDOW >= low;
}

bool os_stack_bounds(uintptr_t *low, uintptr_t *high)
{
    *low = os_stack.low;
    *high = os_stack.high;
    return os_stack.high != 0;
}
