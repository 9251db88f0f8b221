/*
 * wpp_test_driver.c - a driver that traces with WPP exactly as the WDK documents it: trace.h,
 * the .tmh include, WPP_INIT_TRACING in DriverEntry, WPP_CLEANUP in DriverUnload, and trace
 * calls with every format the tests pin (IOCTLs select which messages to send).
 */
#include <ntddk.h>

#include "trace.h"
#include "wpp_test_driver.tmh"

static void WppTestUnload(PDRIVER_OBJECT DriverObject)
{
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_DRIVER, "%!FUNC! unloading");
    WPP_CLEANUP(DriverObject);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NTSTATUS status = STATUS_SUCCESS;
    GUID guid = {0x12345678, 0x9abc, 0xdef0, {1, 2, 3, 4, 5, 6, 7, 8}};
    UCHAR bytes[5] = {0xde, 0xad, 0xbe, 0xef, 0x01};

    WPP_INIT_TRACING(DriverObject, RegistryPath);
    DriverObject->DriverUnload = WppTestUnload;
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_DRIVER, "%!FUNC! status %!STATUS!", status);
    TraceEvents(TRACE_LEVEL_VERBOSE, TRACE_DEVICE,
                "guid %!GUID! dump %!HEXDUMP! n=%d %I64x %ws", &guid, LOG_LENSTR(5, bytes),
                42, (ULONGLONG)0x1234, L"wide");
    TraceQueue(TRACE_LEVEL_ERROR, "queue %s", "x");
    DoTraceMessage(TRACE_QUEUE, "do %!bool!", TRUE);
    return STATUS_SUCCESS;
}
