/*
 * raise.c - raising exceptions (ExRaiseStatus and its two shorthands) and probing user buffers
 * (ProbeForRead, ProbeForWrite, MmUserProbeAddress).
 *
 * A raise goes to the calling thread's innermost __try frame (src/ke/seh.c, docs/seh.md); with
 * none, it is bug check 0x1E KMODE_EXCEPTION_NOT_HANDLED (status, address that raised it, 0, 0)
 * as Windows reports an unhandled kernel-mode exception. ExRaiseStatus raises a noncontinuable
 * exception with no parameters, as RtlRaiseStatus does.
 *
 * Address ranges: drvhost has no kernel half. Every host address a driver can see (its pool,
 * its stack, the client's buffers) lies below MmUserProbeAddress (the x64 value, 0x7FFFFFFF0000,
 * above the 47-bit user space of x86-64 Linux), so the probes accept them all as "user"
 * addresses; what they reject is a range that wraps or ends above that limit. Deviation: a
 * probe of a buffer the runtime allocated (a SystemBuffer) succeeds, where Windows raises
 * because it is a kernel address.
 */
#include "ex/ex_private.h"

NTKERNELAPI ULONG_PTR MmUserProbeAddress = 0x7FFFFFFF0000ULL;

void ex_raise(NTSTATUS status, const void *address, const char *why)
{
    ke_raise_status(status, address, why);
}

NTKERNELAPI DECLSPEC_NORETURN VOID NTAPI ExRaiseStatus(NTSTATUS Status)
{
    ex_raise(Status, __builtin_return_address(0), "ExRaiseStatus");
}

VOID ExRaiseAccessViolation(VOID)
{
    ex_raise(STATUS_ACCESS_VIOLATION, __builtin_return_address(0), "ExRaiseAccessViolation");
}

VOID ExRaiseDatatypeMisalignment(VOID)
{
    ex_raise(STATUS_DATATYPE_MISALIGNMENT, __builtin_return_address(0),
             "ExRaiseDatatypeMisalignment");
}

/* The checks both probes share, in Windows' order: nothing for Length 0, then alignment
 * (STATUS_DATATYPE_MISALIGNMENT), then the range (STATUS_ACCESS_VIOLATION). Alignment must be
 * 1, 2, 4, 8 or 16 (Windows asserts it); another power of two is honoured, other values check
 * nothing. */
static void probe_range(const volatile void *address, SIZE_T length, ULONG alignment,
                        const void *caller, const char *who)
{
    ULONG_PTR start = (ULONG_PTR)address, end = start + length;
    if (alignment != 0 && (alignment & (alignment - 1)) == 0 && (start & (alignment - 1)) != 0)
        ex_raise(STATUS_DATATYPE_MISALIGNMENT, caller, who);
    if (end < start || end > MmUserProbeAddress)
        ex_raise(STATUS_ACCESS_VIOLATION, caller, who);
}

VOID ProbeForRead(const volatile VOID *Address, SIZE_T Length, ULONG Alignment)
{
    if (Length != 0)
        probe_range(Address, Length, Alignment, __builtin_return_address(0), "ProbeForRead");
}

/* A write that changes nothing: the byte is read and written back, as Windows' ProbeForWrite
 * does; a read-only or unmapped page faults, and the fault becomes the access violation. Not a
 * locked operation (a locked add cost the client round trip about a third of its time): like
 * Windows, a write by another thread to that very byte between the read and the write back
 * would be lost; the buffer is the caller's, whose threads own it during the call. On x86-64
 * one read-modify-write instruction (`or` of 0, not locked): a load then a store would take
 * two faults on a page never touched (the load maps the shared zero page, the store then
 * copies it and flushes the TLB), which made fresh output buffers, the fuzzer's every input,
 * cost most of its time. The asm is also why this is not instrumented; the C form elsewhere is
 * not instrumented because the bytes are the caller's, whatever ASan or TSan think of them,
 * and NULL is probed on purpose (no UBSan report). */
static __attribute__((no_sanitize("address", "thread", "undefined"), noinline)) void
touch_for_write(volatile char *p)
{
#if defined(__x86_64__)
    __asm__ volatile("orb $0, %0" : "+m"(*p));
#else
    *p = *p;
#endif
}

/* Each page of the range is written, as Windows does. */
VOID ProbeForWrite(volatile VOID *Address, SIZE_T Length, ULONG Alignment)
{
    ULONG_PTR p, end;
    if (Length == 0)
        return;
    probe_range(Address, Length, Alignment, __builtin_return_address(0), "ProbeForWrite");
    end = (ULONG_PTR)Address + Length;
    for (p = (ULONG_PTR)Address; p < end; p = (p & ~(ULONG_PTR)(PAGE_SIZE - 1)) + PAGE_SIZE)
        touch_for_write((volatile char *)p);
}

/* A read that is not instrumented: the bytes are the caller's, whatever ASan thinks of them,
 * a concurrent writer is the caller's business (no TSan report), and NULL is probed on purpose
 * (no UBSan report). A fault here becomes the access violation (src/ke/seh.c: runtime code
 * inside a __try). */
static __attribute__((no_sanitize("address", "thread", "undefined"), noinline)) void touch_for_read(
    const volatile char *p)
{
    (void)*p;
}

void ex_probe_readable(const volatile void *address, size_t length)
{
    ULONG_PTR p, end;
    if (length == 0)
        return;
    probe_range(address, length, 1, __builtin_return_address(0), "probe of a caller's buffer");
    end = (ULONG_PTR)address + length;
    for (p = (ULONG_PTR)address; p < end; p = (p & ~(ULONG_PTR)(PAGE_SIZE - 1)) + PAGE_SIZE)
        touch_for_read((const volatile char *)p);
}
