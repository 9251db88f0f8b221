/* counter.h - the counter library (a StaticLibrary project), used by libdrv. */
#ifndef COUNTER_H
#define COUNTER_H
#include <ntddk.h>
/* Value plus the library's step (its own COUNTER_STEP); counts its calls. */
ULONG CounterNext(ULONG Value);
/* How often CounterNext ran. */
ULONG CounterCalls(void);
#endif
