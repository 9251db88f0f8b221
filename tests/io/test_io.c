/*
 * test_io.c - the I/O manager through the client API and the iotest.sys conformance driver:
 * completion routines and PendingReturned, STATUS_MORE_PROCESSING_REQUIRED, IRPs built by
 * drivers, and the bug checks of broken drivers. Expected values are what Windows documents.
 */
#include <wdm.h>

#include "drivers/iotest.h"
#include "harness.h"

#include <string.h>

static drvhost_file *open_iotest(void)
{
    return harness_open_driver("iotest", "\\\\.\\IoTest");
}

static NTSTATUS ioctl(drvhost_file *f, ULONG code, void *out, size_t out_size, drvhost_iosb *iosb)
{
    return harness_ioctl(f, code, NULL, 0, out, out_size, iosb);
}

static IOTEST_RECORD get_record(drvhost_file *f)
{
    IOTEST_RECORD r;
    drvhost_iosb iosb;
    memset(&r, 0xFF, sizeof(r));
    ok_status(ioctl(f, IOCTL_T_GET_RECORD, &r, sizeof(r), &iosb), STATUS_SUCCESS);
    ok(iosb.information == sizeof(r), "information %llu", (unsigned long long)iosb.information);
    return r;
}

TEST(completion_routine_sees_the_upper_device_and_the_status)
{
    drvhost_file *f = open_iotest();
    drvhost_iosb iosb;
    IOTEST_RECORD r;
    ok_status(ioctl(f, IOCTL_T_COMPLETE, NULL, 0, &iosb), STATUS_SUCCESS);
    ok(iosb.information == 7, "information %llu", (unsigned long long)iosb.information);
    r = get_record(f);
    ok(r.Calls == 1, "calls %u", r.Calls);
    ok(r.DeviceIsUpper == 1, "completion routine got the device of the location above");
    ok(r.PendingReturned == 0, "a synchronous completion has PendingReturned FALSE");
    ok(r.LastStatus == STATUS_SUCCESS && r.LastInformation == 7, "status %x info %llu",
       (unsigned)r.LastStatus, (unsigned long long)r.LastInformation);
    ok_status(ioctl(f, IOCTL_T_FAIL, NULL, 0, &iosb), STATUS_DEVICE_NOT_READY);
    r = get_record(f);
    ok(r.Calls == 1 && r.LastStatus == STATUS_DEVICE_NOT_READY, "error status seen: %x",
       (unsigned)r.LastStatus);
    drvhost_close(f);
    ok_status(drvhost_driver_unload("iotest"), STATUS_SUCCESS);
}

TEST(pending_returned_propagates_up_the_stack)
{
    drvhost_file *f = open_iotest();
    drvhost_request *req;
    drvhost_iosb iosb;
    drvhost_io_desc d = {.op = DRVHOST_OP_IOCTL, .code = IOCTL_T_PEND_DPC};
    IOTEST_RECORD r;
    ok_status(drvhost_io_start(f, &d, &req), STATUS_PENDING);
    ok_status(drvhost_request_wait(req, 10000, &iosb), STATUS_SUCCESS);
    ok(iosb.information == 3, "completed from the DPC at DISPATCH_LEVEL (info %llu)",
       (unsigned long long)iosb.information);
    drvhost_request_free(req);
    r = get_record(f);
    ok(r.Calls == 1 && r.PendingReturned == 1, "PendingReturned %u", r.PendingReturned);
    drvhost_close(f);
}

TEST(more_processing_required_gives_the_irp_back)
{
    drvhost_file *f = open_iotest();
    drvhost_iosb iosb;
    ok_status(ioctl(f, IOCTL_T_FORWARD_AND_WAIT, NULL, 0, &iosb), STATUS_SUCCESS);
    ok(iosb.information == 103, "lower info 3 + 100 from the second completion: %llu",
       (unsigned long long)iosb.information);
    drvhost_close(f);
}

TEST(build_device_io_control_request_copies_buffered_output)
{
    drvhost_file *f = open_iotest();
    unsigned char out[40];
    drvhost_iosb iosb;
    memset(out, 0, sizeof(out));
    ok_status(ioctl(f, IOCTL_T_BUILD_IOCTL, out, sizeof(out), &iosb), STATUS_SUCCESS);
    ok(iosb.information == sizeof(out), "information %llu", (unsigned long long)iosb.information);
    ok(out[0] == 0xA5 && out[39] == 0xA5, "output filled by the lower driver: %02x %02x", out[0],
       out[39]);
    drvhost_close(f);
}

TEST(driver_allocated_irp_freed_by_its_completion_routine)
{
    drvhost_file *f = open_iotest();
    drvhost_iosb iosb;
    ok_status(ioctl(f, IOCTL_T_ALLOC_IRP, NULL, 0, &iosb), STATUS_SUCCESS);
    ok(iosb.information == 7, "information %llu", (unsigned long long)iosb.information);
    drvhost_close(f);
}

TEST(double_completion_is_bug_check_0x44)
{
    drvhost_file *f = open_iotest();
    expect_bugcheck(0x44);
    ioctl(f, IOCTL_T_DOUBLE_COMPLETE, NULL, 0, NULL);
}

TEST(forwarding_past_the_last_stack_location_is_bug_check_0x35)
{
    drvhost_file *f = open_iotest();
    expect_bugcheck(0x35);
    ioctl(f, IOCTL_T_NO_STACK, NULL, 0, NULL);
}

TEST(unknown_major_function_is_invalid_device_request)
{
    drvhost_file *f = open_iotest();
    char buf[4];
    drvhost_io_desc d = {.op = DRVHOST_OP_WRITE, .input = buf, .input_size = sizeof(buf)};
    drvhost_iosb iosb;
    ok_status(drvhost_io(f, &d, &iosb), STATUS_INVALID_DEVICE_REQUEST);
    ok(iosb.information == 0, "information %llu", (unsigned long long)iosb.information);
    drvhost_close(f);
}

TEST(returning_without_completing_is_bug_check_0xC9_0x226)
{
    drvhost_file *f = open_iotest();
    expect_bugcheck(0xC9);
    ioctl(f, IOCTL_T_FORGET, NULL, 0, NULL);
}

TEST(returning_another_status_than_completed_is_bug_check_0xC9_0x224)
{
    drvhost_file *f = open_iotest();
    expect_bugcheck(0xC9);
    ioctl(f, IOCTL_T_MISMATCH, NULL, 0, NULL);
}

static ULONG ioctl_mask(drvhost_file *f, ULONG code)
{
    ULONG mask = 0;
    drvhost_iosb iosb;
    ok_status(ioctl(f, code, &mask, sizeof(mask), &iosb), STATUS_SUCCESS);
    return mask;
}

TEST(device_object_pointer_and_attached_devices)
{
    drvhost_file *f = open_iotest();
    ULONG mask = ioctl_mask(f, IOCTL_T_OBJECTS);
    ok(mask == IOTEST_OBJECTS_ALL, "checks passed 0x%x of 0x%x", mask, IOTEST_OBJECTS_ALL);
    drvhost_close(f);
}

TEST(reuse_completion_ex_and_cancel_of_a_driver_irp)
{
    drvhost_file *f = open_iotest();
    ULONG mask = ioctl_mask(f, IOCTL_T_REUSE_CANCEL);
    ok(mask == IOTEST_REUSE_ALL, "checks passed 0x%x of 0x%x", mask, IOTEST_REUSE_ALL);
    drvhost_close(f);
}

TEST(build_synchronous_fsd_request_reads_at_an_offset)
{
    drvhost_file *f = open_iotest();
    unsigned char out[16] = {0};
    drvhost_iosb iosb;
    ok_status(ioctl(f, IOCTL_T_FSD_READ, out, sizeof(out), &iosb), STATUS_SUCCESS);
    ok(iosb.information == 16, "information %llu", (unsigned long long)iosb.information);
    ok(out[0] == 0x42 && out[15] == 0x42, "bytes %02x %02x", out[0], out[15]);
    drvhost_close(f);
}

TEST(exclusive_device_opens_once_and_names_resolve)
{
    drvhost_file *f = open_iotest(), *a = NULL, *b = NULL, *c = NULL;
    ok_status(drvhost_open("\\Device\\IoTestExclusive", GENERIC_READ, &a), STATUS_SUCCESS);
    ok_status(drvhost_open("\\Device\\IoTestExclusive", GENERIC_READ, &b), STATUS_ACCESS_DENIED);
    ok(b == NULL, "no handle for a failed open");
    drvhost_close(a);
    ok_status(drvhost_open("\\Device\\IoTestExclusive", GENERIC_READ, &c), STATUS_SUCCESS);
    drvhost_close(c);
    ok_status(drvhost_open("\\DosDevices\\IoTest", GENERIC_READ, &a), STATUS_SUCCESS);
    drvhost_close(a);
    ok_status(drvhost_open("\\GLOBAL??\\IoTest\\some\\file", GENERIC_READ, &a), STATUS_SUCCESS);
    drvhost_close(a);
    ok_status(drvhost_open("\\Device\\NoSuchDevice", GENERIC_READ, &b),
              STATUS_OBJECT_NAME_NOT_FOUND);
    ok_status(drvhost_open("\\NoSuchDirectory\\X", GENERIC_READ, &b), STATUS_OBJECT_PATH_NOT_FOUND);
    drvhost_close(f);
}
