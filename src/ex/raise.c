/*
 * raise.c - raising exceptions. There is no structured exception handling yet, so a raise
 * cannot be caught: it is KMODE_EXCEPTION_NOT_HANDLED (0x1E), parameter 1 the status,
 * parameter 2 the address that raised it, as Windows reports an unhandled kernel exception.
 * Deviation until the SEH work: a driver that wraps the call in __try/__except would have
 * caught it on Windows.
 */
#include "ex/ex_private.h"

void ex_raise(NTSTATUS status, const void *address, const char *why)
{
    ke_bugcheck_msg(BUGCODE_KMODE_EXCEPTION_NOT_HANDLED, (ULONG_PTR)(ULONG)status,
                    (ULONG_PTR)address, 0, 0,
                    "%s: exception 0x%08x raised, and drvhost has no __try/__except yet", why,
                    (unsigned)status);
}

NTKERNELAPI DECLSPEC_NORETURN VOID NTAPI ExRaiseStatus(NTSTATUS Status)
{
    ex_raise(Status, __builtin_return_address(0), "ExRaiseStatus");
}
