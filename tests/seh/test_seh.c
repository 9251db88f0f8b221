/*
 * test_seh.c - structured exception handling: the cases of drivers/seh_cases.h run twice, as
 * host code here and as driver code inside sehtest.sys (compiled with the driver profile), plus
 * ProbeForWrite on a read-only page, and the bug checks of exceptions nobody handles.
 * Expected values are what Windows documents (docs/seh.md lists drvhost's deviations).
 */
#include <wdm.h>

#include "drivers/seh_cases.h"
#include "drivers/sehtest.h"
#include "harness.h"

#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

/* The module under test: sehtest.sys, built by CMake with the build's compiler, or the same
 * source built by drvcc with the other compiler (SEHTEST_OTHER, tests/seh/CMakeLists.txt). */
static const char *sehtest_name = "sehtest";

static drvhost_file *open_sehtest(void)
{
    return harness_open_driver(sehtest_name, "\\\\.\\SehTest");
}

static void close_sehtest(drvhost_file *f)
{
    drvhost_close(f);
    ok_status(drvhost_driver_unload(sehtest_name), STATUS_SUCCESS);
}

static NTSTATUS ioctl(drvhost_file *f, ULONG code, const void *in, size_t in_size,
                      SEHTEST_RESULT *out)
{
    drvhost_iosb iosb;
    if (out != NULL)
        memset(out, 0xFF, sizeof(*out));
    return harness_ioctl(f, code, in, in_size, out, out != NULL ? sizeof(*out) : 0, &iosb);
}

TEST(host_cases)
{
    for (size_t i = 0; i < SEH_CASE_COUNT; i++) {
        ULONG line = SehCases[i].Run();
        ok(line == 0, "host case %s failed at seh_cases.h:%lu\n", SehCases[i].Name,
           (unsigned long)line);
    }
}

static void run_driver_cases(void)
{
    drvhost_file *f = open_sehtest();
    SEHTEST_RESULT r;
    for (ULONG i = 0; i < SEH_CASE_COUNT; i++) {
        ok_status(ioctl(f, IOCTL_SEH_RUN_CASE, &i, sizeof(i), &r), STATUS_SUCCESS);
        ok(r.Line == 0, "driver case %s failed at seh_cases.h:%lu\n", SehCases[i].Name,
           (unsigned long)r.Line);
        ok(r.EntryLine == 0, "a case run by DriverEntry failed at seh_cases.h:%lu\n",
           (unsigned long)r.EntryLine);
    }
    close_sehtest(f);
}

TEST(driver_cases)
{
    run_driver_cases();
}

/* The same driver source built by drvcc with the other compiler (clang or gcc). */
static void use_other_compiler_build(void)
{
    const char *path = harness_driver_path(SEHTEST_OTHER);
    ok(access(path, R_OK) == 0, "%s is missing: was %s found when the build was configured?\n",
       path, &SEHTEST_OTHER[sizeof("sehtest_") - 1]);
    sehtest_name = SEHTEST_OTHER;
}

TEST(other_compiler_driver_cases)
{
    use_other_compiler_build();
    run_driver_cases();
}

static void run_probe_for_write_read_only_page(void);

TEST(other_compiler_probe_for_write_read_only_page)
{
    use_other_compiler_build();
    run_probe_for_write_read_only_page();
}

TEST(other_compiler_fault_outside_try_is_bugcheck_0x1e)
{
    drvhost_file *f;
    use_other_compiler_build();
    f = open_sehtest();
    expect_bugcheck_p1(0x1E, (ULONG)STATUS_ACCESS_VIOLATION);
    ioctl(f, IOCTL_SEH_FAULT_UNCAUGHT, NULL, 0, NULL);
}

/* The cases again, on a thread that has run them before (frames left over would show). */
TEST(driver_cases_twice)
{
    drvhost_file *f = open_sehtest();
    SEHTEST_RESULT r;
    for (int round = 0; round < 2; round++)
        for (ULONG i = 0; i < SEH_CASE_COUNT; i++) {
            ok_status(ioctl(f, IOCTL_SEH_RUN_CASE, &i, sizeof(i), &r), STATUS_SUCCESS);
            ok(r.Line == 0, "round %d: %s failed at line %lu\n", round, SehCases[i].Name,
               (unsigned long)r.Line);
        }
    close_sehtest(f);
}

/* ProbeForWrite of a read-only page the client passes in, caught by the driver. */
static void run_probe_for_write_read_only_page(void)
{
    drvhost_file *f = open_sehtest();
    SEHTEST_RESULT r;
    void *page = mmap(NULL, PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    ok(page != MAP_FAILED, "mmap\n");
    ok_status(ioctl(f, IOCTL_SEH_PROBE_WRITE_READONLY, &page, sizeof(page), &r), STATUS_SUCCESS);
    ok_status(r.Status, STATUS_ACCESS_VIOLATION);
    ok(r.Line == 0, "exception record check failed at sehtest.c:%lu\n", (unsigned long)r.Line);
    munmap(page, PAGE_SIZE);
    close_sehtest(f);
}

TEST(probe_for_write_read_only_page)
{
    run_probe_for_write_read_only_page();
}

TEST(host_probe_for_write_read_only_page)
{
    NTSTATUS code = STATUS_SUCCESS;
    char *page =
        mmap(NULL, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    ok(page != MAP_FAILED, "mmap\n");
    ok(mprotect(page + PAGE_SIZE, PAGE_SIZE, PROT_READ) == 0, "mprotect\n");
    /* The first page is writable, the second is not: the probe fails on the second. */
    __try {
        ProbeForWrite(page + 16, PAGE_SIZE, 8);
    } __except (SehSaveRecord(GetExceptionInformation())) {
        code = GetExceptionCode();
    }
    ok_status(code, STATUS_ACCESS_VIOLATION);
    ok(SehSavedRecord.ExceptionInformation[0] == 1, "a write fault\n");
    ok(SehSavedRecord.ExceptionInformation[1] == (ULONG_PTR)(page + PAGE_SIZE),
       "fault address %p, expected %p\n", (void *)SehSavedRecord.ExceptionInformation[1],
       (void *)(page + PAGE_SIZE));
    munmap(page, 2 * PAGE_SIZE);
}

TEST(uncaught_raise_is_bugcheck_0x1e)
{
    drvhost_file *f = open_sehtest();
    expect_bugcheck_p1(0x1E, (ULONG)STATUS_INSUFFICIENT_RESOURCES); /* what the driver raised */
    ioctl(f, IOCTL_SEH_RAISE_UNCAUGHT, NULL, 0, NULL);
}

TEST(declined_raise_is_bugcheck_0x1e)
{
    drvhost_file *f = open_sehtest();
    expect_bugcheck_p1(0x1E, (ULONG)STATUS_DEVICE_NOT_READY); /* what the driver raised */
    ioctl(f, IOCTL_SEH_RAISE_DECLINED, NULL, 0, NULL);
}

TEST(fault_outside_try_is_bugcheck_0x1e)
{
    drvhost_file *f = open_sehtest();
    expect_bugcheck_p1(0x1E, (ULONG)STATUS_ACCESS_VIOLATION);
    ioctl(f, IOCTL_SEH_FAULT_UNCAUGHT, NULL, 0, NULL);
}

TEST(fault_at_dispatch_level_is_bugcheck_0xd1)
{
    drvhost_file *f = open_sehtest();
    expect_bugcheck_p1(0xD1, 0); /* the address referenced: NULL */
    ioctl(f, IOCTL_SEH_FAULT_AT_DISPATCH, NULL, 0, NULL);
}

TEST(host_uncaught_raise_is_bugcheck_0x1e)
{
    expect_bugcheck_p1(0x1E, (ULONG)STATUS_UNSUCCESSFUL);
    ExRaiseStatus(STATUS_UNSUCCESSFUL);
}

/* MmUserProbeAddress: the lowest address that is not a user address (x64: 0x7FFFFFFF0000).
 * ProbeForRead and ProbeForWrite accept a range that ends at or below it and raise
 * STATUS_ACCESS_VIOLATION for one that reaches past it. */
TEST(user_probe_address_bounds_the_probes)
{
    NTSTATUS caught = STATUS_SUCCESS;
    char local[16];
    ok(MmUserProbeAddress == 0x7FFFFFFF0000ULL, "MmUserProbeAddress %#llx",
       (unsigned long long)MmUserProbeAddress);
    ok(MM_USER_PROBE_ADDRESS == MmUserProbeAddress, "MM_USER_PROBE_ADDRESS");
    ok((ULONG_PTR)local < MmUserProbeAddress, "a stack buffer above the user limit");
    __try {
        ProbeForRead(local, sizeof(local), 1);
        ProbeForWrite(local, sizeof(local), 1);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        caught = GetExceptionCode();
    }
    ok_status(caught, STATUS_SUCCESS);
    __try {
        ProbeForRead((PVOID)(MmUserProbeAddress - 8), 16, 1);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        caught = GetExceptionCode();
    }
    ok_status(caught, STATUS_ACCESS_VIOLATION);
    caught = STATUS_SUCCESS;
    __try {
        ProbeForRead((PVOID)MmUserProbeAddress, 1, 1);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        caught = GetExceptionCode();
    }
    ok_status(caught, STATUS_ACCESS_VIOLATION);
}

static NTSTATUS host_probe(PVOID address, SIZE_T length, ULONG alignment, BOOLEAN write)
{
    NTSTATUS code = STATUS_SUCCESS;
    __try {
        if (write)
            ProbeForWrite(address, length, alignment);
        else
            ProbeForRead(address, length, alignment);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        code = GetExceptionCode();
    }
    return code;
}

/* docs/seh.md's deviations: probing pool (a kernel address on Windows, which raises) succeeds;
 * an Alignment that is not a power of two checks nothing (Windows asserts). */
TEST(probe_deviations_pool_and_odd_alignment)
{
    PUCHAR pool = ExAllocatePool2(POOL_FLAG_NON_PAGED, 64, 'borP');
    ok(pool != NULL, "pool\n");
    ok_status(host_probe(pool, 64, 8, FALSE), STATUS_SUCCESS);
    ok_status(host_probe(pool, 64, 8, TRUE), STATUS_SUCCESS);
    ok_status(host_probe(pool + 1, 4, 4, FALSE), STATUS_DATATYPE_MISALIGNMENT); /* the control */
    ok_status(host_probe(pool + 1, 4, 3, FALSE), STATUS_SUCCESS);
    ok_status(host_probe(pool + 1, 4, 3, TRUE), STATUS_SUCCESS);
    ExFreePoolWithTag(pool, 'borP');
}

/* The pool's raising forms raise STATUS_INSUFFICIENT_RESOURCES, which a __try catches:
 * ExAllocatePoolWithQuotaTag by default, ExAllocatePoolWithTag with
 * POOL_RAISE_IF_ALLOCATION_FAILURE, ExAllocatePool2 with POOL_FLAG_RAISE_ON_FAILURE. */
TEST(pool_allocation_failures_raise_to_a_try)
{
    const SIZE_T huge = (SIZE_T)1 << 50;
    for (int form = 0; form < 3; form++) {
        NTSTATUS code = STATUS_SUCCESS;
        PVOID p = NULL;
        __try {
            if (form == 0)
                p = ExAllocatePoolWithQuotaTag(PagedPool, huge, 'auQT');
            else if (form == 1)
                p = ExAllocatePoolWithTag(
                    (POOL_TYPE)(NonPagedPoolNx | POOL_RAISE_IF_ALLOCATION_FAILURE), huge, 'auQT');
            else
                p = ExAllocatePool2(POOL_FLAG_NON_PAGED | POOL_FLAG_RAISE_ON_FAILURE, huge, 'auQT');
        } __except (EXCEPTION_EXECUTE_HANDLER) {
            code = GetExceptionCode();
        }
        ok(p == NULL, "form %d: allocated %p\n", form, p);
        ok(code == STATUS_INSUFFICIENT_RESOURCES, "form %d: code %#x\n", form, (unsigned)code);
    }
}

/* A SIGSEGV that no fault raised (sent by kill or raise: si_code <= 0) is not an exception of
 * driver code: the runtime's handler gives it the default action, so the process ends (under
 * ASan, ASan's own handler ends it). Checked in a child, which must not carry on. */
TEST(segv_sent_by_kill_ends_the_process)
{
    int status = 0;
    pid_t pid = fork();
    if (pid == 0) {
        raise(SIGSEGV);
        _exit(0); /* reached only if the signal was swallowed */
    }
    ok(pid > 0 && waitpid(pid, &status, 0) == pid, "fork/wait\n");
    ok(!(WIFEXITED(status) && WEXITSTATUS(status) == 0), "the child carried on after SIGSEGV\n");
}
