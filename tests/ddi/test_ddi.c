/*
 * test_ddi.c - common DDIs through dditest.sys: MmGetSystemRoutineAddress, the error log
 * (limits, the text an entry is written as, the bug checks of misuse), IoWMIRegistrationControl
 * and the IRP_MJ_SYSTEM_CONTROL requests that follow a registration, the string and arithmetic
 * helpers. Expected values are Windows' documented behaviour.
 */
#include <ntddk.h>
#include <winternl.h>

#include "drivers/dditest.h"
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static drvhost_file *open_dditest(void)
{
    return harness_open_driver("dditest", "\\\\.\\DdiTest");
}

static NTSTATUS ioctl(drvhost_file *f, ULONG code, const void *in, size_t in_size, void *out,
                      size_t out_size)
{
    return harness_ioctl(f, code, in, in_size, out, out_size, NULL);
}

/* A DDITEST_FAILED(line) status names the failing check of drivers/dditest.c. */
static void ok_checks(NTSTATUS status, const char *what)
{
    if (((ULONG)status & 0xFFFF0000u) == 0xE0000000u)
        ok(0, "%s: check failed at tests/ddi/drivers/dditest.c line %u\n", what,
           (ULONG)status & 0xFFFF);
    else
        ok_status(status, STATUS_SUCCESS);
}

TEST(system_routine_addresses)
{
    drvhost_file *f = open_dditest();
    ok_checks(ioctl(f, IOCTL_D_SYSTEM_ROUTINES, NULL, 0, NULL, 0), "MmGetSystemRoutineAddress");
    drvhost_close(f);
}

TEST(system_routine_address_from_host_code)
{
    UNICODE_STRING u;
    RtlInitUnicodeString(&u, L"ZwQuerySystemInformation");
    ok(MmGetSystemRoutineAddress(&u) == (PVOID)ZwQuerySystemInformation,
       "ZwQuerySystemInformation\n");
    RtlInitUnicodeString(&u, L"drvhost_shutdown");
    ok(MmGetSystemRoutineAddress(&u) == NULL, "host API hidden\n");
    ok(MmGetSystemRoutineAddress(NULL) == NULL, "NULL name\n");
}

TEST(system_routine_address_above_passive_bugchecks)
{
    UNICODE_STRING u;
    KIRQL old;
    RtlInitUnicodeString(&u, L"KeSetEvent");
    expect_bugcheck_p1(0x0A, 0);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    MmGetSystemRoutineAddress(&u);
}

TEST(string_and_arithmetic_helpers)
{
    drvhost_file *f = open_dditest();
    ok_checks(ioctl(f, IOCTL_D_MISC, NULL, 0, NULL, 0), "helpers");
    drvhost_close(f);
}

TEST(error_log_limits)
{
    drvhost_file *f = open_dditest();
    ok_checks(ioctl(f, IOCTL_D_ERRLOG_LIMITS, NULL, 0, NULL, 0), "error log limits");
    drvhost_close(f);
}

/* The entry is printed on stderr, so this test boots the runtime again without quiet and
 * captures stderr. */
TEST(error_log_entry_is_written_as_text)
{
    drvhost_options options = {0};
    char *text;
    drvhost_file *f;
    ok_status(drvhost_shutdown(), STATUS_SUCCESS);
    ok_status(drvhost_init(&options), STATUS_SUCCESS);
    f = open_dditest();
    harness_stderr_begin();
    ok_checks(ioctl(f, IOCTL_D_ERRLOG_WRITE, NULL, 0, NULL, 0), "error log write");
    text = harness_stderr_end();
    ok(strstr(text, "error log entry from \\Device\\DdiTest (driver \\Driver\\dditest)") != NULL,
       "source named: %s\n", text);
    ok(strstr(text, "ErrorCode 0xC0040001") != NULL, "ErrorCode: %s\n", text);
    ok(strstr(text, "FinalStatus STATUS_DEVICE_NOT_READY (0xC00000A3)") != NULL, "FinalStatus\n");
    ok(strstr(text, "UniqueErrorValue 0x00001234") != NULL, "UniqueErrorValue\n");
    ok(strstr(text, "DumpData (8 bytes): 0xAABBCCDD 0x11223344\n") != NULL, "dump data\n");
    ok(strstr(text, "String 1: \"disk0\"") != NULL, "insertion string\n");
    ok(strstr(text, "MajorFunctionCode 0x0E") != NULL, "major function\n");
    free(text);
    drvhost_close(f);
}

TEST(error_log_entry_written_twice_bugchecks)
{
    drvhost_file *f = open_dditest();
    expect_bugcheck_p1(0xC4, 0x101);
    ioctl(f, IOCTL_D_ERRLOG_TWICE, NULL, 0, NULL, 0);
}

/* An entry neither written nor freed is reported and released at shutdown: no leak report. */
TEST(error_log_entry_forgotten_is_released_at_shutdown)
{
    drvhost_file *f = open_dditest();
    ok_status(ioctl(f, IOCTL_D_ERRLOG_FORGET, NULL, 0, NULL, 0), STATUS_SUCCESS);
    drvhost_close(f);
    ok_status(drvhost_shutdown(), STATUS_SUCCESS);
    ok_status(drvhost_init(NULL), STATUS_SUCCESS);
}

TEST(error_log_allocation_above_dispatch_bugchecks)
{
    drvhost_file *f = open_dditest();
    expect_bugcheck_p1(0x0A, 0);
    ioctl(f, IOCTL_D_ERRLOG_HIGH, NULL, 0, NULL, 0);
}

static DDITEST_WMI_CONTROL wmi_control_ex(drvhost_file *f, ULONG action)
{
    DDITEST_WMI_CONTROL c = {0x12345678, -1};
    ok_status(ioctl(f, IOCTL_D_WMI_CONTROL, &action, sizeof(action), &c, sizeof(c)),
              STATUS_SUCCESS);
    return c;
}

static NTSTATUS wmi_control(drvhost_file *f, ULONG action)
{
    return wmi_control_ex(f, action).Status;
}

static NTSTATUS wmi_wait_for(drvhost_file *f, ULONG count, ULONG ms, DDITEST_WMI_RECORD *r)
{
    DDITEST_WMI_WAIT w = {count, ms};
    memset(r, 0, sizeof(*r));
    return ioctl(f, IOCTL_D_WMI_WAIT, &w, sizeof(w), r, sizeof(*r));
}

static DDITEST_WMI_RECORD wmi_wait(drvhost_file *f, ULONG count)
{
    DDITEST_WMI_RECORD r;
    ok_status(wmi_wait_for(f, count, 5000, &r), STATUS_SUCCESS);
    ok(r.AllFromProvider && r.MaxIrql == PASSIVE_LEVEL, "ProviderId %u, IRQL %u\n",
       r.AllFromProvider, r.MaxIrql);
    return r;
}

TEST(wmi_register_sends_reginfo_ex)
{
    drvhost_file *f = open_dditest();
    DDITEST_WMI_RECORD r;
    ok_status(wmi_control(f, WMIREG_ACTION_REGISTER), STATUS_SUCCESS);
    r = wmi_wait(f, 1);
    ok(r.Count == 1 && r.Minor[0] == IRP_MN_REGINFO_EX, "count %u minor %u\n", r.Count, r.Minor[0]);
    ok(r.DataPath[0] == WMIREGISTER && r.BufferSize[0] > 0, "DataPath %lu, buffer %u\n",
       (unsigned long)r.DataPath[0], r.BufferSize[0]);
    /* A second registration of the same device fails; updating the GUIDs asks again. */
    ok_status(wmi_control(f, WMIREG_ACTION_REGISTER), STATUS_OBJECT_NAME_EXISTS);
    ok_status(wmi_control(f, WMIREG_ACTION_UPDATE_GUIDS), STATUS_SUCCESS);
    r = wmi_wait(f, 2);
    ok(r.Count == 2 && r.Minor[1] == IRP_MN_REGINFO_EX && r.DataPath[1] == WMIUPDATE,
       "update: count %u minor %u path %lu\n", r.Count, r.Minor[1], (unsigned long)r.DataPath[1]);
    ok_status(wmi_control(f, WMIREG_ACTION_DEREGISTER), STATUS_SUCCESS);
    ok_status(wmi_control(f, WMIREG_ACTION_DEREGISTER), STATUS_INVALID_PARAMETER);
    ok_status(wmi_control(f, WMIREG_ACTION_UPDATE_GUIDS), STATUS_INVALID_PARAMETER);
    ok_status(wmi_control(f, WMIREG_ACTION_REGISTER | WMIREG_FLAG_CALLBACK), STATUS_NOT_SUPPORTED);
    ok_status(wmi_control(f, 99), STATUS_INVALID_PARAMETER);
    drvhost_close(f);
}

TEST(wmi_falls_back_to_reginfo_and_retries_with_the_size_asked)
{
    drvhost_file *f = open_dditest();
    ULONG mode = DDITEST_WMI_REJECT_EX;
    DDITEST_WMI_RECORD r;
    ok_status(ioctl(f, IOCTL_D_WMI_MODE, &mode, sizeof(mode), NULL, 0), STATUS_SUCCESS);
    ok_status(wmi_control(f, WMIREG_ACTION_REGISTER), STATUS_SUCCESS);
    r = wmi_wait(f, 2);
    ok(r.Count == 2 && r.Minor[0] == IRP_MN_REGINFO_EX && r.Minor[1] == IRP_MN_REGINFO,
       "REGINFO_EX rejected, then REGINFO: count %u minors %u %u\n", r.Count, r.Minor[0],
       r.Minor[1]);
    mode = DDITEST_WMI_TOO_SMALL;
    ok_status(ioctl(f, IOCTL_D_WMI_MODE, &mode, sizeof(mode), NULL, 0), STATUS_SUCCESS);
    ok_status(wmi_control(f, WMIREG_ACTION_REREGISTER), STATUS_SUCCESS);
    r = wmi_wait(f, 4);
    ok(r.Count == 4 && r.BufferSize[2] == 4096 && r.BufferSize[3] == 8192,
       "count %u, buffers %u then %u (the size asked)\n", r.Count, r.BufferSize[2],
       r.BufferSize[3]);
    ok_status(wmi_control(f, WMIREG_ACTION_DEREGISTER), STATUS_SUCCESS);
    drvhost_close(f);
}

TEST(wmi_blocked_registration_gets_no_request)
{
    drvhost_file *f = open_dditest();
    DDITEST_WMI_RECORD r;
    ok_status(wmi_control(f, WMIREG_ACTION_REGISTER), STATUS_SUCCESS);
    wmi_wait(f, 1);
    ok_status(wmi_control(f, WMIREG_ACTION_BLOCK_IRPS), STATUS_SUCCESS);
    ok_status(wmi_control(f, WMIREG_ACTION_REREGISTER), STATUS_SUCCESS);
    /* A negative check: no second request may arrive. */
    ok_status(wmi_wait_for(f, 2, 300, &r), STATUS_IO_TIMEOUT);
    ok_status(wmi_control(f, WMIREG_ACTION_DEREGISTER), STATUS_SUCCESS);
    drvhost_close(f);
}

/* A driver that leaves its device registered: reported and released at shutdown, no leak. */
TEST(wmi_registration_left_at_unload_is_released)
{
    drvhost_file *f = open_dditest();
    ok_status(wmi_control(f, WMIREG_ACTION_REGISTER), STATUS_SUCCESS);
    wmi_wait(f, 1);
    drvhost_close(f);
}

/* As on Windows, deregistering waits for the WMI request in flight: when it returns, the
 * driver may delete its device. */
TEST(wmi_deregister_waits_for_the_request_in_flight)
{
    drvhost_file *f = open_dditest();
    ULONG mode = DDITEST_WMI_SLOW;
    DDITEST_WMI_CONTROL c;
    ok_status(ioctl(f, IOCTL_D_WMI_MODE, &mode, sizeof(mode), NULL, 0), STATUS_SUCCESS);
    ok_status(wmi_control(f, WMIREG_ACTION_REGISTER), STATUS_SUCCESS);
    wmi_wait(f, 1); /* the request has entered the driver and takes 300 ms */
    c = wmi_control_ex(f, WMIREG_ACTION_DEREGISTER);
    ok_status(c.Status, STATUS_SUCCESS);
    ok(c.InsideAfter == 0, "a request was still in the driver after the deregistration\n");
    drvhost_close(f);
}

/* A driver that deregisters from within a WMI request does not wait for itself. */
TEST(wmi_deregister_from_within_a_request)
{
    drvhost_file *f = open_dditest();
    ULONG mode = DDITEST_WMI_SELF_DEREG;
    DDITEST_WMI_RECORD r;
    ok_status(ioctl(f, IOCTL_D_WMI_MODE, &mode, sizeof(mode), NULL, 0), STATUS_SUCCESS);
    ok_status(wmi_control(f, WMIREG_ACTION_REGISTER), STATUS_SUCCESS);
    r = wmi_wait(f, 1); /* signalled after the deregistration */
    ok_status(r.SelfStatus, STATUS_SUCCESS);
    ok_status(wmi_control(f, WMIREG_ACTION_DEREGISTER), STATUS_INVALID_PARAMETER);
    drvhost_close(f);
}
