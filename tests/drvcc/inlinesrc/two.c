/* two.c - the second source including Inline.h: its calls and addresses. */
#include <ntddk.h>
#include "inline.h"
#include "Bom.h"

ULONG TwoScale(ULONG Value)
{
    return InlineScale(Value) + InlinePrivate(0);
}

NTSTATUS TwoIssue(PULONG Counter)
{
    return InlineIssue(Counter);
}

ULONG TwoMore(ULONG Value)
{
    return BomFirst(InlineAfterMacro(Value));
}

PVOID TwoScaleAddress(void)
{
    return (PVOID)InlineScale;
}

PVOID TwoIssueAddress(void)
{
    return (PVOID)InlineIssue;
}
