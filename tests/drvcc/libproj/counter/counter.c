/* counter.c - the counter library: compiled with its project's settings, not the driver's. */
#include "counter.h"
#include "counter_step.h"

#ifdef LIBDRV_DRIVER_ONLY
#error "the driver project's definitions must not reach its libraries"
#endif

static LONG CounterCallCount;

ULONG CounterNext(ULONG Value)
{
    InterlockedIncrement(&CounterCallCount);
    return Value + COUNTER_STRIDE;
}

ULONG CounterCalls(void)
{
    return (ULONG)CounterCallCount;
}
