/*
 * test_wpp.c - WPP software tracing end to end: wpp_test_driver (trace.h, begin_wpp config,
 * .tmh, WPP_INIT_TRACING) is loaded with trace settings, and its messages are read back from
 * stderr (the trace sink) decoded: one test per format family pins the rendered text, the
 * filter tests check which messages a level and a flag set let through, the recorder tests
 * what the in-flight recorder keeps whatever the settings.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <drvhost/drvhost.h>

#include "harness.h"

#define DRIVER "wpp_test_driver"

/* Loads `driver` with `spec` (NULL: tracing off) and returns what it wrote to stderr. */
static char *load_driver_traced(const char *driver, const char *spec)
{
    char err[256] = "";

    if (spec != NULL)
        ok(drvhost_trace_set(spec, err, sizeof err) == 0, "drvhost_trace_set(%s): %s", spec, err);
    harness_stderr_begin();
    harness_load_driver(driver);
    return harness_stderr_end();
}

static char *load_traced(const char *spec)
{
    return load_driver_traced(DRIVER, spec);
}

/* The message of a trace line from DriverEntry's or TraceFormats' site: "... FUNC: TEXT\n". */
static void expect_line(const char *out, const char *func, const char *text)
{
    char want[512];

    snprintf(want, sizeof want, " %s: %s\n", func, text);
    ok(out != NULL && strstr(out, want) != NULL, "missing trace line '%s' in:\n%s", want,
       out ? out : "(null)");
}

static void expect_no(const char *out, const char *text)
{
    ok(out != NULL && strstr(out, text) == NULL, "'%s' should not be traced:\n%s", text,
       out ? out : "(null)");
}

TEST(wpp_line_names_provider_flag_level_and_function)
{
    char *out = load_traced(DRIVER ":VERBOSE:all");
    /* time cpuN tidT DRIVER PROVIDER FLAG LEVEL FUNCTION: MESSAGE */
    ok(out != NULL && strstr(out, " " DRIVER " WppTestTraceGuid TRACE_DEVICE ERROR DriverEntry: "
                                  "device error\n") != NULL,
       "trace line fields:\n%s", out);
    ok(out != NULL && strncmp(out, "0.", 2) == 0 && strstr(out, " cpu") != NULL &&
           strstr(out, " tid") != NULL,
       "time, processor and thread columns:\n%s", out);
    free(out);
}

TEST(wpp_formats_function_line_file_level_flags)
{
    char *out = load_traced(DRIVER ":VERBOSE:all");
    expect_line(out, "TraceFormats", "where TraceFormats 40 wpp_test_driver.c");
    expect_line(out, "TraceFormats", "names INFORMATION TRACE_DRIVER");
    free(out);
}

TEST(wpp_formats_status_hresult_winerror)
{
    char *out = load_traced(DRIVER ":VERBOSE:all");
    expect_line(out, "TraceFormats",
                "status STATUS_SUCCESS(0x00000000) and STATUS_INVALID_PARAMETER(0xC000000D)");
    expect_line(out, "TraceFormats", "unnamed 0xE0001234");
    expect_line(out, "TraceFormats", "hresult E_INVALIDARG(0x80070057) S_OK(0x00000000)");
    expect_line(out, "TraceFormats", "winerror ERROR_ACCESS_DENIED(5) 12345");
    free(out);
}

TEST(wpp_formats_guid_irql_bool)
{
    char *out = load_traced(DRIVER ":VERBOSE:all");
    expect_line(out, "TraceFormats", "guid 12345678-9abc-def0-0102-030405060708");
    expect_line(out, "TraceFormats", "irql PASSIVE_LEVEL DISPATCH_LEVEL");
    expect_line(out, "TraceFormats", "bool TRUE FALSE TRUE FALSE");
    free(out);
}

TEST(wpp_formats_hexdump_time_network)
{
    char *out = load_traced(DRIVER ":VERBOSE:all");
    expect_line(out, "TraceFormats", "hexdump de ad be ef 01 and de ad");
    expect_line(out, "TraceFormats", "time 1970-01-01 00:00:00.000 2020-01-01 00:00:00.000");
    expect_line(out, "TraceFormats", "net 192.168.1.20:8080");
    free(out);
}

TEST(wpp_formats_custom_type_from_localwpp_ini)
{
    char *out = load_traced(DRIVER ":VERBOSE:all");
    expect_line(out, "TraceFormats", "ipv6 2001:db8:0:0:0:0:0:1234");
    expect_line(out, "TraceFormats", "mac 00-11-22-aa-bb-cc bytes 00 11 22 aa");
    free(out);
}

TEST(wpp_formats_printf_microsoft_dialect)
{
    char *out = load_traced(DRIVER ":VERBOSE:all");
    expect_line(out, "TraceFormats",
                "printf -7 7 ab -1234567890123 1234567890 -5 wide counted ansi narrow c %");
    expect_line(out, "TraceFormats", "widths [   42] [ab  ] [0000BEEF] [abc]");
    /* A call right after #endif or a // comment is a call, not a declaration (the word
     * before it is no type name): WPP_CALL_<line> defined for it (PLX9x5x's Init.c). */
    expect_line(out, "TraceFormats", "after a directive");
    expect_line(out, "TraceFormats", "after a comment");
    free(out);
}

TEST(wpp_static_flag_prefix_and_dotracemessage)
{
    char *out = load_traced(DRIVER ":VERBOSE:all");
    ok(out != NULL && strstr(out, " TRACE_QUEUE ERROR DriverEntry: [q] queue error 1\n") != NULL,
       "TraceQueue{FLAGS=TRACE_QUEUE} with USEPREFIX:\n%s", out);
    ok(out != NULL && strstr(out, " TRACE_QUEUE NONE DriverEntry: queue flag only do\n") != NULL,
       "DoTraceMessage(TRACE_QUEUE, ...):\n%s", out);
    free(out);
}

TEST(wpp_filter_by_level)
{
    char *out = load_traced(DRIVER ":ERROR:all");
    expect_line(out, "DriverEntry", "device error");
    expect_line(out, "DriverEntry", "[q] queue error 1");
    expect_no(out, "device warning");
    expect_no(out, "device verbose");
    expect_no(out, "queue information");
    expect_no(out, "TraceFormats:");
    free(out);
}

TEST(wpp_filter_by_flag_names)
{
    char *out = load_traced(DRIVER ":VERBOSE:TRACE_QUEUE");
    expect_line(out, "DriverEntry", "[q] queue error 1");
    expect_line(out, "DriverEntry", "[q] queue information 2");
    expect_line(out, "DriverEntry", "queue flag only do");
    expect_no(out, "device error");
    expect_no(out, "TraceFormats:");
    free(out);
}

TEST(wpp_filter_by_flag_mask)
{
    char *out = load_traced(DRIVER ":WARNING:0x2"); /* bit 1: TRACE_DEVICE */
    expect_line(out, "DriverEntry", "device error");
    expect_line(out, "DriverEntry", "device warning");
    expect_no(out, "device verbose");
    expect_no(out, "queue error");
    free(out);
}

TEST(wpp_disabled_writes_nothing)
{
    char *out = load_traced(NULL);
    expect_no(out, "WppTestTraceGuid");
    free(out);
}

/* WPP_INIT_TRACING's arguments are not used without the recorder (the reference: "can be set
 * to NULL"): the driver is the module holding the control block, whatever it passes. */
static void expect_init_args_traced(const char *driver)
{
    char spec[64], want[128], err[256] = "";
    char *out;

    snprintf(spec, sizeof spec, "%s:ERROR:all", driver);
    ok(drvhost_trace_set(spec, err, sizeof err) == 0, "drvhost_trace_set(%s): %s", spec, err);
    harness_stderr_begin();
    harness_load_driver(driver);
    out = harness_stderr_end();
    snprintf(want, sizeof want,
             " %s WppTestTraceGuid TRACE_DRIVER ERROR DriverEntry: init args 42\n", driver);
    ok(out != NULL && strstr(out, want) != NULL, "missing '%s' in:\n%s", want, out ? out : "");
    expect_no(out, "init args verbose"); /* the level applies: the settings reached it */
    free(out);
}

TEST(wpp_init_tracing_with_null_arguments)
{
    expect_init_args_traced("wpp_init_null");
}

TEST(wpp_init_tracing_with_a_device_object)
{
    expect_init_args_traced("wpp_init_devobj");
}

/* ---- condition macros of the driver's own (wpp_custom_logger, custom_logger.h) ------------ */

#define CUSTOM "wpp_custom_logger"

static char *load_custom(const char *spec)
{
    return load_driver_traced(CUSTOM, spec);
}

/* DbgPrintEx(COMPID, LEVEL, MSG, ...) through WPP_COMPID_LEVEL_LOGGER, which reads the control
 * block's Logger member and ends with a comma, and WPP_COMPID_LEVEL_ENABLED, which compares
 * the control's level with the call's DPFLTR_ level: DPFLTR_ERROR_LEVEL (0) passes an ERROR
 * session, DPFLTR_INFO_LEVEL (3) does not; the message names no flag, its level is 0. */
TEST(wpp_custom_logger_macro_reads_the_logger_member)
{
    char *out = load_custom(CUSTOM ":ERROR:all");
    ok(out != NULL && strstr(out, " " CUSTOM " CustomLoggerCtl - NONE DriverEntry: "
                                  "custom error 1\n") != NULL,
       "the custom logger's message:\n%s", out);
    expect_no(out, "custom info");
    free(out);
}

TEST(wpp_custom_logger_condition_is_the_drivers)
{
    char *out = load_custom(CUSTOM ":VERBOSE:all");
    /* the LEVEL argument is the message's level: 3 is TRACE_LEVEL_WARNING's number */
    ok(out != NULL &&
           strstr(out, " CustomLoggerCtl - WARNING DriverEntry: custom info 3\n") != NULL,
       "DPFLTR_INFO_LEVEL under a VERBOSE session:\n%s", out);
    expect_line(out, "DriverEntry", "custom error 1");
    /* before WPP_INIT_TRACING the condition holds (level 0 >= 0) but there is no logger */
    expect_no(out, "custom before init");
    expect_line(out, "DriverEntry", "logger before init FALSE");
    free(out);
}

/* The logger the driver's macro names is the provider the message goes to: TraceRouted tests
 * a flag of the first control GUID and logs to the second one. */
TEST(wpp_custom_logger_chooses_the_provider)
{
    char *out = load_custom(CUSTOM ":ERROR:all");
    ok(out != NULL && strstr(out, " " CUSTOM " CustomSecondCtl Noise NONE DriverEntry: "
                                  "routed to the second\n") != NULL,
       "the message goes to the logger's control GUID:\n%s", out);
    free(out);
}

/* No logger, no message: on Windows the logger is the handle of a session that enabled the
 * provider (none before WPP_INIT_TRACING, none with tracing off), whatever the driver's own
 * condition says (here Level >= DPFLTR_ERROR_LEVEL, true with a level of 0). */
TEST(wpp_custom_logger_without_session_traces_nothing)
{
    char *out = load_custom(NULL);
    expect_no(out, "custom error");
    expect_no(out, "CustomLoggerCtl");
    free(out);
}

TEST(wpp_unknown_flag_name_is_an_error)
{
    char err[256] = "";
    harness_load_driver(DRIVER);
    ok(drvhost_trace_set(DRIVER ":ERROR:TRACE_NOPE", err, sizeof err) == -1, "accepted");
    ok(strstr(err, "TRACE_NOPE is not a WPP_DEFINE_BIT of WppTestTraceGuid") != NULL, "%s", err);
    ok(drvhost_trace_set(DRIVER ":LOUD:all", err, sizeof err) == -1, "level LOUD accepted");
    ok(drvhost_trace_set(DRIVER "-no-level", err, sizeof err) == -1, "no LEVEL:FLAGS accepted");
}

/* ---- the in-flight recorder ---------------------------------------------------------------- */

static char *dump_recorder(void)
{
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);
    int n;

    if (f == NULL)
        return NULL;
    n = drvhost_recorder_dump(DRIVER, f);
    fclose(f);
    ok(n > 0, "drvhost_recorder_dump: %d", n);
    return buf;
}

TEST(wpp_recorder_keeps_messages_below_verbose_with_tracing_off)
{
    char *out = load_traced(NULL), *dump = dump_recorder();
    expect_no(out, "device error");
    ok(dump != NULL && strstr(dump, "TRACE_DEVICE ERROR DriverEntry: device error") != NULL,
       "recorder:\n%s", dump);
    ok(dump != NULL && strstr(dump, "device warning") != NULL, "recorder:\n%s", dump);
    ok(dump != NULL && strstr(dump, "device verbose") == NULL,
       "a VERBOSE message is not recorded by default:\n%s", dump);
    ok(dump != NULL && strstr(dump, "recorder " DRIVER " log default: ") != NULL, "%s", dump);
    free(out);
    free(dump);
}

TEST(wpp_recorder_ddis)
{
    char *out = load_traced(DRIVER ":INFORMATION:TRACE_DRIVER"), *dump = dump_recorder();
    expect_line(out, "RecorderLogs", "log create STATUS_SUCCESS(0x00000000) default TRUE");
    expect_line(out, "RecorderLogs", "init size 16384 id first");
    expect_line(out, "RecorderLogs", "available TRUE rename STATUS_SUCCESS(0x00000000)");
    expect_line(out, "RecorderLogs", "configure bad size STATUS_INVALID_PARAMETER(0xC000000D)");
    ok(dump != NULL && strstr(dump, "recorder " DRIVER " log renamed: 0 entries written") != NULL,
       "the driver's own log:\n%s", dump);
    free(out);
    free(dump);
}

TEST(wpp_trace_file_gets_trace_and_dbgprint_lines)
{
    const char *dir = harness_temp_dir("wpp");
    char path[512], *out, *text = NULL;
    size_t size = 0;
    FILE *f;

    snprintf(path, sizeof path, "%s/trace.txt", dir ? dir : "/nonexistent");
    ok(drvhost_trace_file(path) == 0, "drvhost_trace_file(%s)", path);
    out = load_traced(DRIVER ":ERROR:all");
    ok(drvhost_trace_file(NULL) == 0, "back to stderr");
    f = fopen(path, "r");
    if (f != NULL) {
        text = calloc(1, 65536);
        size = text ? fread(text, 1, 65535, f) : 0;
        fclose(f);
    }
    ok(text != NULL && size > 0, "the trace file %s is empty", path);
    expect_line(text, "DriverEntry", "device error");
    ok(text != NULL && strstr(text, " DbgPrint IHVDRIVER 0: wpp test dbgprint 7\n") != NULL,
       "DbgPrintEx with its component and level:\n%s", text);
    expect_no(out, "device error");
    expect_no(out, "wpp test dbgprint");
    ok(drvhost_trace_file("/nonexistent-dir/x/trace.txt") == -1, "an unwritable trace file");
    free(out);
    free(text);
}

TEST(wpp_recorder_dump_of_unknown_driver)
{
    ok(drvhost_recorder_dump("no_such_driver", stdout) == -1, "a driver without a recorder");
}
