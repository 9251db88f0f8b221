/*
 * wpp_test_driver.c - a driver that traces with WPP exactly as the WDK documents it: the control
 * GUID and flags in trace.h, a begin_wpp config block there, the .tmh include, WPP_INIT_TRACING
 * in DriverEntry and WPP_CLEANUP in DriverUnload. DriverEntry sends one message per format the
 * tests pin (tests/wpp/test_wpp.c reads their text), at the levels and flags the filter tests
 * use. IPV6ADDR is a custom type of localwpp.ini (DEFINE_CPLX_TYPE).
 */
#include <ntddk.h>

#include <wpprecorder.h>

#include "trace.h"
#include "wpp_test_driver.tmh"

static RECORDER_LOG g_ExtraLog;

static void WppTestUnload(PDRIVER_OBJECT DriverObject)
{
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_DRIVER, "unloading");
    if (g_ExtraLog != NULL)
        WppRecorderLogDelete(g_ExtraLog);
    WPP_CLEANUP(DriverObject);
}

static void TraceFormats(void)
{
    GUID guid = {0x12345678, 0x9abc, 0xdef0, {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08}};
    UCHAR bytes[5] = {0xde, 0xad, 0xbe, 0xef, 0x01};
    UCHAR ip[4] = {192, 168, 1, 20};
    UCHAR port[2] = {0x1f, 0x90}; /* 8080, network byte order */
    UCHAR ip6[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x12, 0x34};
    UCHAR mac[6] = {0x00, 0x11, 0x22, 0xaa, 0xbb, 0xcc};
    UNICODE_STRING us = RTL_CONSTANT_STRING(L"counted");
    ANSI_STRING as = RTL_CONSTANT_STRING("ansi");
    ULONG ipvalue;
    USHORT portvalue;

    RtlCopyMemory(&ipvalue, ip, sizeof(ipvalue));
    RtlCopyMemory(&portvalue, port, sizeof(portvalue));
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_DRIVER, "where %!FUNC! %!LINE! %!FILE!");
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_DRIVER, "names %!LEVEL! %!FLAGS!");
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_DRIVER, "status %!STATUS! and %!STATUS!",
                STATUS_SUCCESS, STATUS_INVALID_PARAMETER);
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_DRIVER, "unnamed %!STATUS!", (NTSTATUS)0xE0001234);
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_DRIVER, "hresult %!HRESULT! %!HRESULT!",
                (LONG)0x80070057, (LONG)0);
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_DRIVER, "winerror %!WINERROR! %!WINERROR!", (ULONG)5,
                (ULONG)12345);
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_DRIVER, "guid %!GUID!", &guid);
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_DRIVER, "irql %!IRQL! %!IRQL!", KeGetCurrentIrql(),
                (KIRQL)DISPATCH_LEVEL);
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_DRIVER, "bool %!bool! %!bool! %!BOOLEAN! %!BOOLEAN!",
                1, 0, (BOOLEAN)TRUE, (BOOLEAN)FALSE);
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_DRIVER, "hexdump %!HEXDUMP! and %!HEXDUMP!",
                LOG_LENSTR(5, bytes), WppHexDump(bytes, 2));
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_DRIVER, "time %!TIME! %!TIMESTAMP!",
                (LONGLONG)116444736000000000LL, (LONGLONG)132223104000000000LL);
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_DRIVER, "net %!ipaddr!:%!port!", ipvalue, portvalue);
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_DRIVER, "ipv6 %!IPV6ADDR!", ip6);
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_DRIVER, "mac %!MACADDR! bytes %!BYTES4!", mac, mac);
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_DRIVER,
                "printf %d %u %x %I64d %I64x %Id %ws %wZ %Z %s %c %%", -7, 7u, 0xab,
                (LONGLONG)-1234567890123LL, (ULONGLONG)0x1234567890ULL, (LONG_PTR)-5, L"wide", &us,
                &as, "narrow", 'c');
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_DRIVER, "widths [%5d] [%-4s] [%08X] [%.3s]", 42,
                "ab", 0xbeef, "abcdef");
#ifdef WPP_TEST_NEVER_DEFINED
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_DRIVER, "never compiled");
#endif
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_DRIVER, "after a directive");
    // a comment ending in a word
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_DRIVER, "after a comment");
}

/* The recorder DDIs: a log of its own, the default log, a bad parameter block. */
static void RecorderLogs(void)
{
    RECORDER_LOG_CREATE_PARAMS params;
    RECORDER_CONFIGURE_PARAMS bad;
    NTSTATUS status;

    RECORDER_LOG_CREATE_PARAMS_INIT(&params, "first");
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_DRIVER, "init size %u id %s", params.TotalBufferSize,
                params.LogIdentifier);
    RECORDER_LOG_CREATE_PARAMS_INIT_APPEND_POINTER(&params, "extra", (PVOID)0x1234);
    status = WppRecorderLogCreate(&params, &g_ExtraLog);
    if (!NT_SUCCESS(status))
        g_ExtraLog = NULL;
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_DRIVER, "log create %!STATUS! default %!bool!",
                status, WppRecorderLogGetDefault() != NULL);
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_DRIVER, "available %!bool! rename %!STATUS!",
                WppRecorderIsDefaultLogAvailable(),
                g_ExtraLog != NULL ? WppRecorderLogSetIdentifier(g_ExtraLog, "renamed")
                                   : STATUS_UNSUCCESSFUL);
    RECORDER_CONFIGURE_PARAMS_INIT(&bad);
    bad.Size = 1;
    TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_DRIVER, "configure bad size %!STATUS!",
                WppRecorderConfigure(&bad));
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WPP_INIT_TRACING(DriverObject, RegistryPath);
    DriverObject->DriverUnload = WppTestUnload;
    TraceFormats();
    RecorderLogs();
    DbgPrintEx(DPFLTR_IHVDRIVER_ID, DPFLTR_ERROR_LEVEL, "wpp test dbgprint %d\n", 7);
    /* the filter tests: one message per level and flag */
    TraceEvents(TRACE_LEVEL_ERROR, TRACE_DEVICE, "device error");
    TraceEvents(TRACE_LEVEL_WARNING, TRACE_DEVICE, "device warning");
    TraceEvents(TRACE_LEVEL_VERBOSE, TRACE_DEVICE, "device verbose");
    TraceQueue(TRACE_LEVEL_ERROR, "queue error %d", 1);
    TraceQueue(TRACE_LEVEL_INFORMATION, "queue information %d", 2);
    DoTraceMessage(TRACE_QUEUE, "queue flag only %s", "do");
    return STATUS_SUCCESS;
}
