/*
 * test_dbgprint.c - DbgPrint/DbgPrintEx/vDbgPrintExWithPrefix/KdPrintEx: documented return
 * values, the filtering of "Reading and Filtering Debugging Messages" (importance field from
 * Level: a bit number for 0-31, the field itself above; ANDed with the component's mask ORed
 * with the system-wide WIN2000 mask, 0x1 by default; DbgPrint is DEFAULT/INFO), the masks from
 * the registry's Debug Print Filter key and from DbgSetDebugFilterState, the 512-byte limit, and
 * DRVHOST_DEBUG_PRINT_ALL. The harness boots the runtime quietly, so each test boots it again
 * with its output on (reboot) and captures stderr.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <wdm.h>

#include "harness.h"

static ULONG print_with_prefix(PCCH prefix, ULONG component, ULONG level, PCCH format, ...)
{
    va_list ap;
    ULONG status;

    va_start(ap, format);
    status = vDbgPrintExWithPrefix(prefix, component, level, format, ap);
    va_end(ap);
    return status;
}

/* Boots the runtime again with DbgPrint output written (the harness boots it quiet). */
static void reboot(int debug_print)
{
    drvhost_options options = {.debug_print = debug_print};
    ok_status(drvhost_shutdown(), STATUS_SUCCESS);
    ok_status(drvhost_init(&options), STATUS_SUCCESS);
}

TEST(dbgprint_filter_and_output)
{
    char *text, big[600];
    size_t n;

    reboot(DRVHOST_DEBUG_PRINT_FILTERED);
    harness_stderr_begin();

    ok_status(DbgPrint("filtered: DEFAULT/INFO %d\n", 1), STATUS_SUCCESS);
    ok_status(DbgPrintEx(DPFLTR_IHVDRIVER_ID, DPFLTR_INFO_LEVEL, "filtered: info\n"),
              STATUS_SUCCESS);
    ok_status(DbgPrintEx(DPFLTR_IHVDRIVER_ID, DPFLTR_ERROR_LEVEL, "error %d|", 7), STATUS_SUCCESS);
    ok_status(DbgPrintEx(DPFLTR_IHVBUS_ID, DPFLTR_MASK | 0x1, "mask|"), STATUS_SUCCESS);
    ok_status(DbgPrintEx(DPFLTR_IHVBUS_ID, DPFLTR_MASK | 0x10, "filtered: mask\n"), STATUS_SUCCESS);
    ok_status(print_with_prefix("pfx:", DPFLTR_IHVVIDEO_ID, 0, "%s|", "v"), STATUS_SUCCESS);
    memset(big, 'b', sizeof(big) - 1);
    big[sizeof(big) - 1] = 0;
    ok_status(DbgPrintEx(DPFLTR_IHVDRIVER_ID, 0, "%s", big), STATUS_SUCCESS);
    KdPrint(("filtered: KdPrint\n"));
    KdPrintEx((DPFLTR_IHVDRIVER_ID, DPFLTR_ERROR_LEVEL, "|kd"));

    text = harness_stderr_end();
    n = strlen(text);
    ok(strstr(text, "filtered") == NULL, "filtered messages appeared: %s\n", text);
    ok(strncmp(text, "error 7|mask|pfx:v|", 19) == 0, "output: %.40s\n", text);
    /* 512 bytes of the long message, then the KdPrintEx one. */
    ok(n == 19 + 512 + 3 && strcmp(text + 19 + 512, "|kd") == 0, "512-byte limit: %zu\n", n);
    free(text);
}

#define FILTER_KEY "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Debug Print Filter"

static void set_filter_value(const char *component, uint32_t mask)
{
    ok_status(drvhost_reg_set(FILTER_KEY, component, REG_DWORD, &mask, sizeof(mask)),
              STATUS_SUCCESS);
}

/* The masks of the Debug Print Filter key take effect at the next driver load (Windows reads
 * them at boot). */
static void load_a_driver(void)
{
    ok_status(drvhost_service_add("crttest", harness_driver_path("crttest")), STATUS_SUCCESS);
    ok_status(drvhost_driver_load("crttest"), STATUS_SUCCESS);
}

/* The example of "Reading and Filtering Debugging Messages": IHVVIDEO 0x2 and IHVBUS 0x7FF in
 * the registry; then Kd_IHVVIDEO_Mask = 0x8 and Kd_IHVAUDIO_Mask = 0x7 (here through
 * DbgSetDebugFilterState). The first and third messages are sent, the second and fourth not. */
TEST(dbgprint_registry_masks_as_the_documented_example)
{
    char *text;

    reboot(DRVHOST_DEBUG_PRINT_FILTERED);
    set_filter_value("IHVVIDEO", 0x2);
    set_filter_value("IHVBUS", 0x7FF);
    load_a_driver();
    ok(DbgQueryDebugFilterState(DPFLTR_IHVVIDEO_ID, DPFLTR_WARNING_LEVEL) == TRUE,
       "IHVVIDEO warning: the registry's 0x2\n");
    ok(DbgQueryDebugFilterState(DPFLTR_IHVBUS_ID, 10) == TRUE, "IHVBUS 0x7FF has bit 10\n");
    ok(DbgQueryDebugFilterState(DPFLTR_IHVBUS_ID, 11) == FALSE, "IHVBUS 0x7FF lacks bit 11\n");
    ok_status(DbgSetDebugFilterState(DPFLTR_IHVVIDEO_ID, DPFLTR_WARNING_LEVEL, FALSE),
              STATUS_SUCCESS);
    ok_status(DbgSetDebugFilterState(DPFLTR_IHVVIDEO_ID, DPFLTR_INFO_LEVEL, TRUE), STATUS_SUCCESS);
    ok_status(DbgSetDebugFilterState(DPFLTR_IHVAUDIO_ID, DPFLTR_MASK | 0x7, TRUE), STATUS_SUCCESS);
    ok(DbgQueryDebugFilterState(DPFLTR_IHVVIDEO_ID, DPFLTR_WARNING_LEVEL) == FALSE,
       "IHVVIDEO warning cleared\n");

    harness_stderr_begin();
    DbgPrintEx(DPFLTR_IHVVIDEO_ID, DPFLTR_INFO_LEVEL, "First message.\n");
    DbgPrintEx(DPFLTR_IHVAUDIO_ID, 7, "Second message.\n");
    DbgPrintEx(DPFLTR_IHVBUS_ID, DPFLTR_MASK | 0x10, "Third message.\n");
    DbgPrint("Fourth message.\n");
    text = harness_stderr_end();
    ok(strcmp(text, "First message.\nThird message.\n") == 0, "output: %s\n", text);
    free(text);
}

/* Level 0-31 is a bit number, 32 and above the importance field itself: with the mask 0x4000,
 * Level 14 and Level 0x4000 are the same message; Level 32 is the field 0x20 (bit 5), not bit
 * 32; Level 31 is 0x80000000. */
TEST(dbgprint_level_bit_number_or_mask)
{
    char *text;

    reboot(DRVHOST_DEBUG_PRINT_FILTERED);
    set_filter_value("IHVDRIVER", 0x4000);
    set_filter_value("IHVNETWORK", 0x80000020);
    load_a_driver();
    harness_stderr_begin();
    DbgPrintEx(DPFLTR_IHVDRIVER_ID, 14, "a");
    DbgPrintEx(DPFLTR_IHVDRIVER_ID, 0x4000, "b");
    DbgPrintEx(DPFLTR_IHVDRIVER_ID, 13, "-");
    DbgPrintEx(DPFLTR_IHVDRIVER_ID, 0x2000, "-");
    DbgPrintEx(DPFLTR_IHVNETWORK_ID, 32, "c");
    DbgPrintEx(DPFLTR_IHVNETWORK_ID, 5, "d");
    DbgPrintEx(DPFLTR_IHVNETWORK_ID, 31, "e");
    DbgPrintEx(DPFLTR_IHVNETWORK_ID, 33, "-"); /* 0x21: bit 0 of WIN2000 too */
    text = harness_stderr_end();
    ok(strcmp(text, "abcde-") == 0, "output: %s\n", text);
    free(text);
}

/* DPFLTR_ERROR_LEVEL gets through for every component because the WIN2000 mask is 0x1; a
 * WIN2000 value of 0 in the registry closes it, one with more bits opens them everywhere. */
TEST(dbgprint_win2000_mask_from_the_registry)
{
    char *text;

    reboot(DRVHOST_DEBUG_PRINT_FILTERED);
    ok(DbgQueryDebugFilterState(DPFLTR_IHVSTREAMING_ID, DPFLTR_ERROR_LEVEL) == TRUE,
       "error level: WIN2000 0x1\n");
    ok(DbgQueryDebugFilterState((ULONG)-1, DPFLTR_ERROR_LEVEL) == TRUE, "WIN2000 is 0x1\n");
    ok(DbgQueryDebugFilterState((ULONG)-1, DPFLTR_WARNING_LEVEL) == FALSE, "WIN2000 is 0x1\n");
    set_filter_value("WIN2000", 0x0);
    set_filter_value("DEFAULT", 0x8);
    load_a_driver();
    ok(DbgQueryDebugFilterState(DPFLTR_IHVSTREAMING_ID, DPFLTR_ERROR_LEVEL) == FALSE,
       "WIN2000 0: the error level is filtered\n");
    harness_stderr_begin();
    DbgPrintEx(DPFLTR_IHVSTREAMING_ID, DPFLTR_ERROR_LEVEL, "-");
    DbgPrint("default|");
    KdPrint(("kd|"));
    text = harness_stderr_end();
    ok(strcmp(text, "default|kd|") == 0, "output: %s\n", text);
    free(text);
}

TEST(dbgprint_set_and_query_filter_state)
{
    char *text;

    reboot(DRVHOST_DEBUG_PRINT_FILTERED);
    ok(DbgQueryDebugFilterState(DPFLTR_IHVDRIVER_ID, DPFLTR_ERROR_LEVEL) == TRUE, "error\n");
    ok(DbgQueryDebugFilterState(DPFLTR_IHVDRIVER_ID, DPFLTR_INFO_LEVEL) == FALSE, "info\n");
    ok(DbgQueryDebugFilterState(DPFLTR_DEFAULT_ID, DPFLTR_INFO_LEVEL) == FALSE, "DbgPrint's\n");
    ok_status(DbgQueryDebugFilterState(DPFLTR_ENDOFTABLE_ID, 0), STATUS_INVALID_PARAMETER_1);
    ok_status(DbgSetDebugFilterState(DPFLTR_ENDOFTABLE_ID, 0, TRUE), STATUS_INVALID_PARAMETER_1);
    ok_status(DbgSetDebugFilterState(DPFLTR_IHVDRIVER_ID, DPFLTR_TRACE_LEVEL, TRUE),
              STATUS_SUCCESS);
    ok(DbgQueryDebugFilterState(DPFLTR_IHVDRIVER_ID, DPFLTR_TRACE_LEVEL) == TRUE, "set\n");
    ok(DbgQueryDebugFilterState(DPFLTR_IHVDRIVER_ID, DPFLTR_INFO_LEVEL) == FALSE, "one bit\n");
    ok(DbgQueryDebugFilterState(DPFLTR_IHVAUDIO_ID, DPFLTR_TRACE_LEVEL) == FALSE, "one id\n");
    ok_status(DbgSetDebugFilterState((ULONG)-1, DPFLTR_INFO_LEVEL, TRUE), STATUS_SUCCESS);
    harness_stderr_begin();
    DbgPrintEx(DPFLTR_IHVDRIVER_ID, DPFLTR_TRACE_LEVEL, "trace|");
    DbgPrint("everyone's info|");
    ok_status(DbgSetDebugFilterState(DPFLTR_IHVDRIVER_ID, DPFLTR_TRACE_LEVEL, FALSE),
              STATUS_SUCCESS);
    ok_status(DbgSetDebugFilterState((ULONG)-1, DPFLTR_INFO_LEVEL, FALSE), STATUS_SUCCESS);
    DbgPrintEx(DPFLTR_IHVDRIVER_ID, DPFLTR_TRACE_LEVEL, "-");
    DbgPrint("-");
    text = harness_stderr_end();
    ok(strcmp(text, "trace|everyone's info|") == 0, "output: %s\n", text);
    ok(DbgQueryDebugFilterState(DPFLTR_IHVDRIVER_ID, DPFLTR_TRACE_LEVEL) == FALSE, "cleared\n");
    free(text);
}

/* drvhost's explicit option: every mask open, and the registry's masks are not read. */
TEST(dbgprint_debug_print_all_shows_everything)
{
    char *text;

    reboot(DRVHOST_DEBUG_PRINT_ALL);
    set_filter_value("IHVDRIVER", 0x0);
    set_filter_value("WIN2000", 0x0);
    load_a_driver();
    ok(DbgQueryDebugFilterState(DPFLTR_IHVDRIVER_ID, 30) == TRUE, "all open\n");
    harness_stderr_begin();
    DbgPrint("info|");
    DbgPrintEx(DPFLTR_IHVDRIVER_ID, 30, "bit 30|");
    DbgPrintEx(DPFLTR_SYSTEM_ID, DPFLTR_MASK | 0x100, "mask");
    text = harness_stderr_end();
    ok(strcmp(text, "info|bit 30|mask") == 0, "output: %s\n", text);
    free(text);
}
