/*
 * test_status.c - the NTSTATUS name table: every name of src/rtl/ntstatus.def round-trips through
 * drvhost_status_name / drvhost_status_parse (which also proves the table's order, since the name
 * lookup is a binary search), and a few values are pinned to Microsoft's numbers.
 */
#include <string.h>

#include <ntdef.h>
#include <ntstatus.h>

#include "harness.h"

TEST(values_are_microsofts)
{
    ok(STATUS_PENDING == 0x103 && STATUS_TIMEOUT == 0x102, "pending/timeout\n");
    ok((ULONG)STATUS_MORE_PROCESSING_REQUIRED == 0xC0000016u, "more processing\n");
    ok((ULONG)STATUS_BUFFER_OVERFLOW == 0x80000005u, "buffer overflow\n");
    ok((ULONG)STATUS_INVALID_PARAMETER_12 == 0xC00000FAu, "parameter 12\n");
    ok((ULONG)STATUS_CANCELLED == 0xC0000120u, "cancelled\n");
    ok((ULONG)STATUS_DEVICE_REMOVED == 0xC00002B6u, "device removed\n");
    ok(STATUS_WAIT_0 == STATUS_SUCCESS && STATUS_ABANDONED == STATUS_ABANDONED_WAIT_0, "aliases\n");
    ok(NT_SUCCESS(STATUS_PENDING) && !NT_SUCCESS(STATUS_BUFFER_OVERFLOW), "NT_SUCCESS\n");
    ok(NT_WARNING(STATUS_NO_MORE_ENTRIES) && NT_ERROR(STATUS_FLT_DISALLOW_FAST_IO), "severity\n");
}

TEST(every_name_round_trips)
{
    int32_t v;
    const char *name;

#define X(n, value)                                                                                \
    name = drvhost_status_name((int32_t)value##u);                                                 \
    ok(name != NULL && strcmp(name, #n) == 0, "name of %s: %s\n", #n, name ? name : "(none)");     \
    ok(drvhost_status_parse(#n, &v) == 0 && v == (int32_t)value##u, "parse %s\n", #n);
#define XA(n, value)                                                                               \
    ok(drvhost_status_parse(#n, &v) == 0 && v == (int32_t)value##u, "alias %s\n", #n);
#include "rtl/ntstatus.def"
#undef X
#undef XA
}

TEST(names_format_parse)
{
    char buf[64];
    int32_t v = 0;

    ok(strcmp(drvhost_status_name(0), "STATUS_SUCCESS") == 0, "0 is STATUS_SUCCESS\n");
    ok(drvhost_status_name(0x12345678) == NULL, "unknown\n");
    ok(strcmp(drvhost_status_format(STATUS_PENDING, buf, sizeof(buf)),
              "STATUS_PENDING (0x00000103)") == 0,
       "format: %s\n", buf);
    ok(strcmp(drvhost_status_format((int32_t)0xC0FFEE00, buf, sizeof(buf)), "0xC0FFEE00") == 0,
       "unnamed: %s\n", buf);
    ok(drvhost_status_parse("0xC0000001", &v) == 0 && v == STATUS_UNSUCCESSFUL, "hex\n");
    ok(drvhost_status_parse("0x103", &v) == 0 && v == STATUS_PENDING, "short hex\n");
    ok(drvhost_status_parse("STATUS_WAIT_0", &v) == 0 && v == 0, "alias\n");
    ok(drvhost_status_parse("DBG_CONTINUE", &v) == 0 && v == DBG_CONTINUE, "DBG_\n");
    ok(drvhost_status_parse("STATUS_NO_SUCH_THING", &v) == -1, "unknown name\n");
    ok(drvhost_status_parse("0x", &v) == -1 && drvhost_status_parse("0x123456789", &v) == -1 &&
           drvhost_status_parse("0xZZ", &v) == -1,
       "bad hex\n");
}
