/* one.c - DriverEntry checks the __inline functions of Inline.h as MSVC's C gives them: callable
   from every source whatever the optimisation (the module loads: no import of them is left),
   one copy kept (the same address from both sources). DriverEntry fails naming the first check
   that does not hold. */
#include <ntddk.h>
#include "Inline.h"

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD Unload;
ULONG TwoScale(ULONG Value);
NTSTATUS TwoIssue(PULONG Counter);
PVOID TwoScaleAddress(void);
PVOID TwoIssueAddress(void);
ULONG TwoMore(ULONG Value);
ULONG ThreeScale(ULONG Value);

/* Called through a volatile pointer: a call the compiler cannot inline at any level. */
static ULONG (*volatile ScaleCall)(ULONG) = InlineScale;
static ULONG (*volatile KeywordCall)(ULONG) = InlineKeyword;

static int Checks(void)
{
    ULONG counter = 0;

    if (InlineScale(2) != 7 || ScaleCall(4) != 13 || TwoScale(2) != 12)
        return 1;
    if (InlineIssue(&counter) != STATUS_SUCCESS || TwoIssue(&counter) != STATUS_SUCCESS ||
        InlineIssue(&counter) != STATUS_DEVICE_BUSY || counter != 3)
        return 2;
    if ((PVOID)InlineScale != TwoScaleAddress() || (PVOID)InlineIssue != TwoIssueAddress())
        return 3;
    if (InlinePrivate(1) != 6 || KeywordCall(4) != 8 || ThreeScale(1) != 40)
        return 4;
    if (InlineAfterMacro(1) != 3 || TwoMore(1) != 103)
        return 5;
    return 0;
}

/* Nothing to release: the checks allocate nothing. */
VOID Unload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    int failed;

    UNREFERENCED_PARAMETER(RegistryPath);
    DriverObject->DriverUnload = Unload;
    failed = Checks();
    if (failed == 0)
        return STATUS_SUCCESS;
    DbgPrintEx(DPFLTR_IHVDRIVER_ID, DPFLTR_ERROR_LEVEL, "inline: check %d failed\n", failed);
    return STATUS_UNSUCCESSFUL;
}
