/*
 * time.c - system time, interrupt time, tick count, performance counter, stalls.
 *
 * Interrupt time and the performance counter run on the host's CLOCK_MONOTONIC (time since the
 * host booted), in 100 ns units: the performance counter frequency is 10 MHz, as on current
 * Windows. The tick is 15.625 ms (KeQueryTimeIncrement = 156250), Windows' default.
 */
#include "ke/ke_private.h"

#define KE_TIME_INCREMENT        156250u /* 100 ns units per clock tick */
#define KE_PERFORMANCE_FREQUENCY 10000000

static ULONGLONG interrupt_time(void)
{
    return os_monotonic_ns() / 100u;
}

/* Declared as a function in drvhost's wdm.h (the WDK reads KUSER_SHARED_DATA in a macro). */
VOID KeQuerySystemTime(PLARGE_INTEGER CurrentTime)
{
    CurrentTime->QuadPart = os_system_time_100ns();
}

VOID KeQuerySystemTimePrecise(PLARGE_INTEGER CurrentTime)
{
    CurrentTime->QuadPart = os_system_time_100ns();
}

ULONGLONG KeQueryInterruptTime(VOID)
{
    return interrupt_time();
}

/* The performance counter and the interrupt time share a clock and unit, so the time stamp
 * is the same reading. */
ULONGLONG KeQueryInterruptTimePrecise(PULONG64 QpcTimeStamp)
{
    ULONGLONG now = interrupt_time();
    if (QpcTimeStamp != NULL)
        *QpcTimeStamp = now;
    return now;
}

VOID KeQueryTickCount(PLARGE_INTEGER TickCount)
{
    TickCount->QuadPart = (LONGLONG)(interrupt_time() / KE_TIME_INCREMENT);
}

ULONG KeQueryTimeIncrement(VOID)
{
    return KE_TIME_INCREMENT;
}

LARGE_INTEGER KeQueryPerformanceCounter(PLARGE_INTEGER PerformanceFrequency)
{
    LARGE_INTEGER counter = {.QuadPart = (LONGLONG)interrupt_time()};
    if (PerformanceFrequency != NULL)
        PerformanceFrequency->QuadPart = KE_PERFORMANCE_FREQUENCY;
    return counter;
}

/* A busy wait, as on Windows: the caller may be at any IRQL and must not sleep. */
VOID KeStallExecutionProcessor(ULONG MicroSeconds)
{
    uint64_t end = os_monotonic_ns() + (uint64_t)MicroSeconds * 1000u;
    while (os_monotonic_ns() < end)
        __builtin_ia32_pause();
}
