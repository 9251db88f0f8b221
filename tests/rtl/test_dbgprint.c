/*
 * test_dbgprint.c - DbgPrint/DbgPrintEx/vDbgPrintExWithPrefix: documented return values, the
 * default filter (only DPFLTR_ERROR_LEVEL, i.e. bit 0 of the importance field, gets through;
 * DbgPrint's DEFAULT/INFO messages do not) and the 512-byte limit. The output is captured by
 * pointing stderr at a temporary file; the harness runs tests quietly unless
 * DRVHOST_TEST_VERBOSE is set, so the output checks only run in verbose mode.
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

TEST(dbgprint_filter_and_output)
{
    char *text, big[600];
    size_t n;

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
    if (!harness_verbose()) {
        skip("output checks need DRVHOST_TEST_VERBOSE (the harness runs quietly)\n");
        free(text);
        return;
    }
    ok(strstr(text, "filtered") == NULL, "filtered messages appeared: %s\n", text);
    ok(strncmp(text, "error 7|mask|pfx:v|", 19) == 0, "output: %.40s\n", text);
    /* 512 bytes of the long message, then the KdPrintEx one. */
    ok(n == 19 + 512 + 3 && strcmp(text + 19 + 512, "|kd") == 0, "512-byte limit: %zu\n", n);
    free(text);
}
