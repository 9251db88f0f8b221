/*
 * test_client_pointers.c - the embedding API's bad pointers. The client API plays the system
 * services (NtCreateFile, NtReadFile, NtWriteFile, NtDeviceIoControlFile) for a user-mode
 * caller: a buffer they would copy, lock or probe that is not readable (or writable) is
 * STATUS_ACCESS_VIOLATION before the request reaches the driver, NULL with length 0 is fine, a
 * METHOD_NEITHER buffer goes to the driver unchecked, a NULL handle is STATUS_INVALID_HANDLE,
 * and an invalid descriptor, I/O status block or result pointer is STATUS_ACCESS_VIOLATION
 * (include/drvhost/drvhost.h). Driver: usrbuf.sys.
 */
#include <wdm.h>

#include "drivers/usrbuf.h"
#include "harness.h"

#include <string.h>
#include <sys/mman.h>

static drvhost_file *open_usrbuf(const char *device)
{
    return harness_open_driver("usrbuf", device);
}

/* A page with no access and a read-only page (never unmapped: the child exits). */
static void *page_with(int prot)
{
    void *p = mmap(NULL, PAGE_SIZE, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    ok(p != MAP_FAILED, "mmap\n");
    return p;
}

static ULONG driver_calls(drvhost_file *f)
{
    ULONG calls = 0xFFFFFFFF;
    drvhost_io_desc d = {.op = DRVHOST_OP_IOCTL,
                         .code = IOCTL_UB_CALLS,
                         .output = &calls,
                         .output_size = sizeof(calls)};
    ok_status(drvhost_io(f, &d, NULL), STATUS_SUCCESS);
    return calls;
}

static NTSTATUS io(drvhost_file *f, enum drvhost_op op, ULONG code, const void *in, size_t in_size,
                   void *out, size_t out_size, drvhost_iosb *iosb)
{
    return harness_io(f, op, code, in, in_size, out, out_size, iosb);
}

TEST(buffered_ioctl_bad_input_or_output_is_access_violation)
{
    drvhost_file *f = open_usrbuf("\\\\.\\UsrBufBuffered");
    char *none = page_with(PROT_NONE), *ro = page_with(PROT_READ);
    char *two = mmap(NULL, 2 * PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char buf[16] = {0};
    drvhost_iosb iosb = {0, 99};
    ok(two != MAP_FAILED, "mmap\n");
    ok_status(io(f, DRVHOST_OP_IOCTL, IOCTL_UB_BUFFERED, NULL, 16, buf, 16, &iosb),
              STATUS_ACCESS_VIOLATION);
    /* Probed with the arguments, before anything else: *iosb is not written. */
    ok(iosb.status == 0 && iosb.information == 99, "iosb written: 0x%08X %llu\n",
       (unsigned)iosb.status, (unsigned long long)iosb.information);
    ok_status(io(f, DRVHOST_OP_IOCTL, IOCTL_UB_BUFFERED, none, 16, buf, 16, NULL),
              STATUS_ACCESS_VIOLATION);
    /* The range's last page is unreadable. */
    ok(mprotect(two + PAGE_SIZE, PAGE_SIZE, PROT_NONE) == 0, "mprotect\n");
    ok_status(io(f, DRVHOST_OP_IOCTL, IOCTL_UB_BUFFERED, two, 2 * PAGE_SIZE, NULL, 0, NULL),
              STATUS_ACCESS_VIOLATION);
    ok_status(io(f, DRVHOST_OP_IOCTL, IOCTL_UB_BUFFERED, buf, 16, NULL, 16, NULL),
              STATUS_ACCESS_VIOLATION);
    ok_status(io(f, DRVHOST_OP_IOCTL, IOCTL_UB_BUFFERED, buf, 16, ro, 16, NULL),
              STATUS_ACCESS_VIOLATION);
    ok_status(io(f, DRVHOST_OP_IOCTL, IOCTL_UB_BUFFERED, buf, 16, (void *)(uintptr_t)-64, 16, NULL),
              STATUS_ACCESS_VIOLATION);
    ok(driver_calls(f) == 0, "a request with a bad buffer reached the driver\n");
    /* NULL with length 0, and a readable input (a read-only page is fine for input). */
    ok_status(io(f, DRVHOST_OP_IOCTL, IOCTL_UB_BUFFERED, NULL, 0, NULL, 0, NULL), STATUS_SUCCESS);
    ok_status(io(f, DRVHOST_OP_IOCTL, IOCTL_UB_BUFFERED, ro, 16, buf, 16, NULL), STATUS_SUCCESS);
    ok(driver_calls(f) == 2, "the good requests reached the driver\n");
}

TEST(direct_ioctl_output_is_checked_for_its_access)
{
    drvhost_file *f = open_usrbuf("\\\\.\\UsrBufBuffered");
    char *none = page_with(PROT_NONE), *ro = page_with(PROT_READ);
    char buf[16] = {0};
    ok_status(io(f, DRVHOST_OP_IOCTL, IOCTL_UB_OUT_DIRECT, buf, 16, ro, 16, NULL),
              STATUS_ACCESS_VIOLATION);
    ok_status(io(f, DRVHOST_OP_IOCTL, IOCTL_UB_OUT_DIRECT, none, 16, buf, 16, NULL),
              STATUS_ACCESS_VIOLATION);
    ok_status(io(f, DRVHOST_OP_IOCTL, IOCTL_UB_IN_DIRECT, buf, 16, none, 16, NULL),
              STATUS_ACCESS_VIOLATION);
    ok_status(io(f, DRVHOST_OP_IOCTL, IOCTL_UB_IN_DIRECT, buf, 16, NULL, 16, NULL),
              STATUS_ACCESS_VIOLATION);
    ok(driver_calls(f) == 0, "a request with a bad buffer reached the driver\n");
    /* METHOD_IN_DIRECT locks the output buffer for read access: read-only is fine. */
    ok_status(io(f, DRVHOST_OP_IOCTL, IOCTL_UB_IN_DIRECT, buf, 16, ro, 16, NULL), STATUS_SUCCESS);
    ok_status(io(f, DRVHOST_OP_IOCTL, IOCTL_UB_OUT_DIRECT, NULL, 0, buf, 16, NULL), STATUS_SUCCESS);
    ok(driver_calls(f) == 2, "the good requests reached the driver\n");
}

/* METHOD_NEITHER: the I/O manager passes the pointer on; the driver's own probe catches it. */
TEST(neither_ioctl_passes_bad_input_to_the_driver)
{
    drvhost_file *f = open_usrbuf("\\\\.\\UsrBufBuffered");
    char *none = page_with(PROT_NONE);
    ok_status(io(f, DRVHOST_OP_IOCTL, IOCTL_UB_NEITHER, none, 16, NULL, 0, NULL),
              STATUS_ACCESS_VIOLATION);
    ok_status(io(f, DRVHOST_OP_IOCTL, IOCTL_UB_NEITHER, NULL, 16, NULL, 0, NULL),
              STATUS_ACCESS_VIOLATION);
    ok(driver_calls(f) == 2, "the driver saw both requests\n");
}

static void check_read_write(const char *device)
{
    drvhost_file *f = open_usrbuf(device);
    char *none = page_with(PROT_NONE), *ro = page_with(PROT_READ);
    char buf[16];
    drvhost_iosb iosb = {0, 0};
    ok_status(io(f, DRVHOST_OP_READ, 0, NULL, 0, NULL, 16, NULL), STATUS_ACCESS_VIOLATION);
    ok_status(io(f, DRVHOST_OP_READ, 0, NULL, 0, ro, 16, NULL), STATUS_ACCESS_VIOLATION);
    ok_status(io(f, DRVHOST_OP_READ, 0, NULL, 0, none, 16, NULL), STATUS_ACCESS_VIOLATION);
    ok_status(io(f, DRVHOST_OP_WRITE, 0, NULL, 16, NULL, 0, NULL), STATUS_ACCESS_VIOLATION);
    ok_status(io(f, DRVHOST_OP_WRITE, 0, none, 16, NULL, 0, NULL), STATUS_ACCESS_VIOLATION);
    ok(driver_calls(f) == 0, "%s: a request with a bad buffer reached the driver\n", device);
    memset(buf, 0, sizeof(buf));
    ok_status(io(f, DRVHOST_OP_READ, 0, NULL, 0, buf, sizeof(buf), &iosb), STATUS_SUCCESS);
    ok(iosb.information == sizeof(buf) && buf[15] == USRBUF_FILL, "%s: read %llu bytes\n", device,
       (unsigned long long)iosb.information);
    ok_status(io(f, DRVHOST_OP_WRITE, 0, ro, 16, NULL, 0, NULL), STATUS_SUCCESS);
    ok_status(io(f, DRVHOST_OP_READ, 0, NULL, 0, NULL, 0, NULL), STATUS_SUCCESS);
    ok(driver_calls(f) == 3, "%s: the good requests reached the driver\n", device);
}

TEST(buffered_read_write_bad_buffer_is_access_violation)
{
    check_read_write("\\\\.\\UsrBufBuffered");
}

TEST(direct_read_write_bad_buffer_is_access_violation)
{
    check_read_write("\\\\.\\UsrBufDirect");
}

/* The embedding API's own pointer arguments. */
TEST(null_and_invalid_arguments)
{
    drvhost_file *f = open_usrbuf("\\\\.\\UsrBufBuffered"), *g = (drvhost_file *)1;
    char *none = page_with(PROT_NONE), *ro = page_with(PROT_READ);
    drvhost_io_desc d = {.op = DRVHOST_OP_IOCTL, .code = IOCTL_UB_BUFFERED};
    drvhost_request *r = (drvhost_request *)1;
    drvhost_iosb iosb = {0, 99};

    ok_status(drvhost_io(NULL, &d, &iosb), STATUS_INVALID_HANDLE);
    ok_status(iosb.status, STATUS_INVALID_HANDLE);
    iosb.status = 12345;
    ok_status(drvhost_io(f, NULL, &iosb), STATUS_ACCESS_VIOLATION);
    ok(iosb.status == 12345, "nothing written through iosb after a bad argument\n");
    ok_status(drvhost_io(f, (const drvhost_io_desc *)none, NULL), STATUS_ACCESS_VIOLATION);
    ok_status(drvhost_io(f, &d, (drvhost_iosb *)ro), STATUS_ACCESS_VIOLATION);
    ok_status(drvhost_io(f, &d, (drvhost_iosb *)none), STATUS_ACCESS_VIOLATION);

    ok_status(drvhost_io_start(NULL, &d, &r), STATUS_INVALID_HANDLE);
    ok(r == NULL, "*request is NULL after a failure\n");
    ok_status(drvhost_io_start(f, &d, NULL), STATUS_ACCESS_VIOLATION);
    ok_status(drvhost_io_start(f, &d, (drvhost_request **)ro), STATUS_ACCESS_VIOLATION);
    ok_status(drvhost_io_start(f, NULL, &r), STATUS_ACCESS_VIOLATION);
    ok(driver_calls(f) == 0, "a request with a bad argument reached the driver\n");

    ok_status(drvhost_io_start(f, &d, &r), STATUS_SUCCESS);
    ok_status(drvhost_request_wait(r, UINT32_MAX, (drvhost_iosb *)ro), STATUS_ACCESS_VIOLATION);
    ok_status(drvhost_request_wait(r, UINT32_MAX, &iosb), STATUS_SUCCESS);
    drvhost_request_free(r);
    ok_status(drvhost_request_wait(NULL, 0, &iosb), STATUS_INVALID_HANDLE);
    ok(drvhost_request_cancel(NULL) == 0, "cancel of NULL\n");
    drvhost_request_free(NULL);

    ok_status(drvhost_open("\\\\.\\UsrBufBuffered", GENERIC_READ, NULL), STATUS_ACCESS_VIOLATION);
    ok_status(drvhost_open("\\\\.\\UsrBufBuffered", GENERIC_READ, (drvhost_file **)ro),
              STATUS_ACCESS_VIOLATION);
    ok_status(drvhost_open(NULL, GENERIC_READ, &g), STATUS_OBJECT_NAME_INVALID);
    ok(g == NULL, "*file is NULL after a failure\n");
    ok_status(drvhost_close(NULL), STATUS_INVALID_HANDLE);
    ok(driver_calls(f) == 1, "one request reached the driver\n");
}
