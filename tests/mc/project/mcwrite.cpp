/*
 * mcwrite.cpp - writes each event of mctest.man through the generated EventLog<Symbol> macros
 * (the project sets PrefixMacroName EventLog and RemoveCharsFromSymbolName McTest_). C++: the
 * generated header's definitions are shared with mctest.c (one handle, one GUID).
 */
#include <ntddk.h>

#include "mctestEvents.h"
#include "mctest.h"

static ULONG g_Evaluated;

/* An argument with a side effect: counts its evaluations. */
static ULONG Count(ULONG Value)
{
    g_Evaluated++;
    return Value;
}

NTSTATUS McTestWriteAll(PULONG Evaluated)
{
    static const GUID activity = {
        0x11223344, 0x5566, 0x7788, {0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff, 0x00}};
    static const GUID id = {
        0x01020304, 0x0506, 0x0708, {0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10}};
    static const UCHAR blob[3] = {0xde, 0xad, 0x01};
    static const UCHAR four[4] = {0xca, 0xfe, 0xf0, 0x0d};
    static const USHORT words[2] = {0x1234, 0xabcd};
    static const ULONG pair[2] = {7, 8};
    NTSTATUS status;
    g_Evaluated = 0;
    status = EventLogIntsEvent(&activity, 0xab, -2, Count(30), 0xC0000001, -5LL,
                               0x1122334455667788ULL, TRUE, (PVOID)(ULONG_PTR)0x1000);
    if (!NT_SUCCESS(status))
        return status;
    EventLogStringsEvent(NULL, L"wide", "narrow", L"abcdef", (USHORT)Count(2), "xyz");
    EventLogStringsEventV1(NULL, NULL, NULL, L"abc", (USHORT)Count(0), "");
    EventLogBlobsEvent(NULL, &id, Count(3), blob, four, 2, words, pair);
    EventLogEmpty(NULL);
    EventLogVerboseEvent(NULL);
    *Evaluated = g_Evaluated;
    return STATUS_SUCCESS;
}
