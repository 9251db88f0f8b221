/* two.c - the second source including Inline.h: its calls and addresses. */
#include <ntddk.h>
#include "inline.h"

ULONG TwoScale(ULONG Value)
{
    return InlineScale(Value) + InlinePrivate(0);
}

NTSTATUS TwoIssue(PULONG Counter)
{
    return InlineIssue(Counter);
}

PVOID TwoScaleAddress(void)
{
    return (PVOID)InlineScale;
}

PVOID TwoIssueAddress(void)
{
    return (PVOID)InlineIssue;
}
