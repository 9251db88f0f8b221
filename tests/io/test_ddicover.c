/*
 * test_ddicover.c - the I/O routines ddicover.sys exercises (see drivers/ddicover.c), one test
 * per group of checks, and the I/O helpers a test can call directly: IoIsWdmVersionAvailable,
 * IoGetFunctionCodeFromCtlCode, IoIsErrorUserInduced. Expected values: the reference pages.
 */
#include <wdm.h>

#include "drivers/ddicover.h"
#include "harness.h"

#include <string.h>

/* Loads ddicover.sys and opens it through the link IoCreateUnprotectedSymbolicLink made. */
static drvhost_file *open_ddicover(void)
{
    drvhost_file *f = NULL;
    ok_status(drvhost_service_add("ddicover", harness_driver_path("ddicover")), STATUS_SUCCESS);
    ok_status(drvhost_driver_load("ddicover"), STATUS_SUCCESS);
    ok_status(drvhost_open("\\\\.\\DdiCoverLink", GENERIC_READ | GENERIC_WRITE, &f),
              STATUS_SUCCESS);
    return f;
}

/* Runs one group in the driver; every check there must pass. */
static void run_group(ULONG code, ULONG min_checks)
{
    drvhost_file *f = open_ddicover();
    DDICOVER_RESULT r;
    drvhost_iosb iosb;
    drvhost_io_desc d = {
        .op = DRVHOST_OP_IOCTL, .code = code, .output = &r, .output_size = sizeof(r)};
    memset(&r, 0xFF, sizeof(r));
    ok_status(drvhost_io(f, &d, &iosb), STATUS_SUCCESS);
    ok(iosb.information == sizeof(r), "information %llu", (unsigned long long)iosb.information);
    ok(r.Checks >= min_checks, "only %lu checks ran in the driver", (unsigned long)r.Checks);
    ok(r.Failed == 0, "%lu of %lu driver checks failed", (unsigned long)r.Failed,
       (unsigned long)r.Checks);
    for (ULONG i = 0; i < r.Failed && i < 16; i++)
        ok(0, "failed: tests/io/drivers/ddicover.c:%lu", (unsigned long)r.Lines[i]);
    drvhost_close(f);
}

TEST(stack_queries_object_types_and_processes)
{
    run_group(IOCTL_DC_STACK, 18);
}

TEST(irps_built_by_the_driver)
{
    run_group(IOCTL_DC_IRPS, 14);
}

TEST(work_items)
{
    run_group(IOCTL_DC_WORKITEMS, 10);
}

TEST(device_dpc)
{
    run_group(IOCTL_DC_DPC, 4);
}

TEST(cancel_spin_lock)
{
    run_group(IOCTL_DC_CANCEL, 5);
}

TEST(make_temporary_object_of_a_non_object)
{
    drvhost_file *f = open_ddicover();
    DDICOVER_RESULT r;
    drvhost_iosb iosb;
    drvhost_io_desc d = {
        .op = DRVHOST_OP_IOCTL, .code = IOCTL_DC_MAKE_TEMP, .output = &r, .output_size = sizeof(r)};
    expect_bugcheck_p1(0xC4, 0x101);
    drvhost_io(f, &d, &iosb);
}

/* The unprotected link goes away with IoDeleteSymbolicLink (at unload). */
TEST(unprotected_link_deleted_at_unload)
{
    drvhost_file *f = open_ddicover(), *g = NULL;
    drvhost_close(f);
    ok_status(drvhost_driver_unload("ddicover"), STATUS_SUCCESS);
    ok_status(drvhost_open("\\\\.\\DdiCoverLink", GENERIC_READ, &g), STATUS_OBJECT_NAME_NOT_FOUND);
}

/* WDM 6.0x30 is Windows 10's version: every version up to it is available, none above. */
TEST(wdm_version_available)
{
    ok(IoIsWdmVersionAvailable(1, 0x00), "WDM 1.00");
    ok(IoIsWdmVersionAvailable(1, 0x30), "WDM 1.30 (Windows XP)");
    ok(IoIsWdmVersionAvailable(6, 0x00), "WDM 6.00");
    ok(IoIsWdmVersionAvailable(WDM_MAJORVERSION, WDM_MINORVERSION), "the header's version");
    ok(WDM_MAJORVERSION == 6 && WDM_MINORVERSION == 0x30, "header says %d.%#x", WDM_MAJORVERSION,
       WDM_MINORVERSION);
    ok(!IoIsWdmVersionAvailable(6, 0x31), "WDM 6.31");
    ok(!IoIsWdmVersionAvailable(7, 0x00), "WDM 7.00");
}

TEST(function_code_from_ctl_code)
{
    ok(IoGetFunctionCodeFromCtlCode(CTL_CODE(FILE_DEVICE_UNKNOWN, 0x801, METHOD_NEITHER,
                                             FILE_READ_ACCESS | FILE_WRITE_ACCESS)) == 0x801,
       "function 0x801");
    ok(IoGetFunctionCodeFromCtlCode(CTL_CODE(0x7FFF, 0xFFF, METHOD_BUFFERED, FILE_ANY_ACCESS)) ==
           0xFFF,
       "function 0xFFF");
    ok(IoGetFunctionCodeFromCtlCode(CTL_CODE(0x22, 0, 3, 3)) == 0, "function 0");
}

/* The statuses the reference page lists as user-induced, and some that are not. */
TEST(error_user_induced)
{
    static const NTSTATUS yes[] = {STATUS_IO_TIMEOUT,         STATUS_DEVICE_NOT_READY,
                                   STATUS_UNRECOGNIZED_MEDIA, STATUS_VERIFY_REQUIRED,
                                   STATUS_WRONG_VOLUME,       STATUS_MEDIA_WRITE_PROTECTED,
                                   STATUS_NO_MEDIA_IN_DEVICE};
    static const NTSTATUS no[] = {STATUS_SUCCESS, STATUS_INVALID_PARAMETER, STATUS_PENDING,
                                  STATUS_DEVICE_DATA_ERROR, STATUS_ACCESS_DENIED};
    for (unsigned i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
        ok(IoIsErrorUserInduced(yes[i]), "%#x not user-induced", (unsigned)yes[i]);
    for (unsigned i = 0; i < sizeof(no) / sizeof(no[0]); i++)
        ok(!IoIsErrorUserInduced(no[i]), "%#x user-induced", (unsigned)no[i]);
}
