/*
 * stack.c - the calling thread's stack as the I/O manager reports it: IoGetInitialStack.
 *
 * A driver thread's stack is the host thread's (src/os/stack.c records its bounds before the
 * thread first runs driver code); the initial stack is its highest address, where x64 stacks
 * start and grow down from.
 */
#include "io/io_private.h"
#include "vf/vf.h"

/* IRQL <= APC_LEVEL (DDI compliance rule IrqlIoApcLte): above it, bug check 0xA. */
NTKERNELAPI PVOID NTAPI IoGetInitialStack(VOID)
{
    uintptr_t low, high;
    vf_check_irql_at_most(APC_LEVEL, "IoGetInitialStack", NULL, __builtin_return_address(0));
    if (!os_stack_bounds(&low, &high)) {
        os_stack_prepare(); /* a thread not yet prepared: record its bounds now */
        if (!os_stack_bounds(&low, &high))
            return NULL;
    }
    return (PVOID)high;
}
