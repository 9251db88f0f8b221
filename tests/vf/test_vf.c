/*
 * test_vf.c - what Driver Verifier catches at a driver's unload and when its routines return:
 * pool still allocated at unload (0xC4/0x62, also for strings the runtime allocated on the
 * driver's behalf), device objects left behind (the run fails), the IRQL left raised (0x4A at
 * the return of a client request, 0xE1 for work items, DriverEntry and DriverUnload, 0xC8 for a
 * DPC, 0xA for a system thread routine), and a stack overflow on any thread running driver code
 * (0x7F, parameter 1 = 8: double fault).
 *
 * Parameter 1 of several of these is the address of a driver routine: the test finds it with
 * dlsym in the module the runtime loaded (dlopen of the same file gives the same mapping).
 */
#include <wdm.h>

#include <dlfcn.h>

#include "drivers/vftest.h"
#include "harness.h"

#define VF_DOUBLE_FAULT 8
#define VF_POOL_LEAK    0x62

static drvhost_file *vf_open(void)
{
    return harness_open_driver("vftest", "\\\\.\\VfTest");
}

static NTSTATUS vf_ioctl(drvhost_file *f, uint32_t code)
{
    return harness_ioctl(f, code, NULL, 0, NULL, 0, NULL);
}

/* The address of a routine of a driver module (loading it if the runtime has not yet). */
static uint64_t vf_symbol(const char *driver, const char *name)
{
    void *module = dlopen(harness_driver_path(driver), RTLD_NOW | RTLD_LOCAL);
    void *address = module != NULL ? dlsym(module, name) : NULL;
    ok(address != NULL, "%s!%s not found: %s\n", driver, name, dlerror());
    return (uint64_t)(uintptr_t)address;
}

/* A bug check on another thread ends the test (the child exits there). */
static void vf_wait_forever(void)
{
    KEVENT never;
    KeInitializeEvent(&never, NotificationEvent, FALSE);
    KeWaitForSingleObject(&never, Executive, KernelMode, FALSE, NULL);
    ok(0, "the wait ended\n");
}

/* ---- item: leaks at unload ---------------------------------------------------------------- */

/* The driver runs `code` (a leak), then is unloaded: 0xC4/0x62 there. */
static void vf_leak_then_unload(uint32_t code)
{
    drvhost_file *f = vf_open();
    ok_status(vf_ioctl(f, code), STATUS_SUCCESS);
    ok_status(drvhost_close(f), STATUS_SUCCESS);
    expect_bugcheck_p1(0xC4, VF_POOL_LEAK);
    drvhost_driver_unload("vftest");
    ok(0, "the unload returned\n");
}

TEST(pool_leak_at_unload_bugchecks_c4_62)
{
    vf_leak_then_unload(IOCTL_VF_LEAK_POOL);
}

/* The buffer of RtlStringFromGUID is the caller's to free: its leak is the driver's. */
TEST(rtl_string_leak_is_the_drivers)
{
    vf_leak_then_unload(IOCTL_VF_LEAK_GUID_STRING);
}

TEST(freed_rtl_string_is_no_leak)
{
    drvhost_file *f = vf_open();
    ok_status(vf_ioctl(f, IOCTL_VF_FREED_GUID_STRING), STATUS_SUCCESS);
    ok_status(drvhost_close(f), STATUS_SUCCESS);
    ok_status(drvhost_driver_unload("vftest"), STATUS_SUCCESS);
}

/* Nothing unloads the driver before drvhost_shutdown: its unload there is checked the same, so
 * the bug check comes from the harness's shutdown, after the body (the opt-in says so). */
TEST(pool_leak_at_shutdown_bugchecks_c4_62)
{
    drvhost_file *f = vf_open();
    ok_status(vf_ioctl(f, IOCTL_VF_LEAK_POOL), STATUS_SUCCESS);
    ok_status(drvhost_close(f), STATUS_SUCCESS);
    expect_bugcheck_p1(0xC4, VF_POOL_LEAK);
    expect_bugcheck_at_shutdown();
}

/* A failing DriverEntry unloads the image: pool it still holds is a leak too. */
TEST(failing_entry_with_pool_bugchecks_c4_62)
{
    ok_status(drvhost_service_add("vfleakentry", harness_driver_path("vfleakentry")),
              STATUS_SUCCESS);
    expect_bugcheck_p1(0xC4, VF_POOL_LEAK);
    drvhost_driver_load("vfleakentry");
    ok(0, "the load returned\n");
}

/* Windows keeps the driver object while devices exist and does not bug-check; drvhost reports
 * them and drvhost_shutdown fails (the run fails). */
TEST(device_leak_fails_shutdown)
{
    drvhost_options quiet = {.quiet = 1};
    drvhost_file *f = vf_open();
    ok_status(vf_ioctl(f, IOCTL_VF_LEAK_DEVICE), STATUS_SUCCESS);
    ok_status(drvhost_close(f), STATUS_SUCCESS);
    ok_status(drvhost_driver_unload("vftest"), STATUS_SUCCESS);
    ok_status(drvhost_shutdown(), STATUS_UNSUCCESSFUL);
    ok_status(drvhost_init(&quiet), STATUS_SUCCESS); /* for the harness's own shutdown */
}

TEST(clean_unload_passes_shutdown)
{
    drvhost_options quiet = {.quiet = 1};
    drvhost_file *f = vf_open();
    ok_status(drvhost_close(f), STATUS_SUCCESS);
    ok_status(drvhost_driver_unload("vftest"), STATUS_SUCCESS);
    ok_status(drvhost_shutdown(), STATUS_SUCCESS);
    ok_status(drvhost_init(&quiet), STATUS_SUCCESS);
}

/* ---- item: IRQL left raised --------------------------------------------------------------- */

TEST(dispatch_returning_raised_is_4a_at_the_service_return)
{
    drvhost_file *f = vf_open();
    expect_bugcheck_p1(0x4A, (uint64_t)(uintptr_t)drvhost_io_start);
    vf_ioctl(f, IOCTL_VF_RAISE_RETURN);
    ok(0, "the request returned\n");
}

TEST(work_item_returning_raised_is_e1)
{
    drvhost_file *f = vf_open();
    expect_bugcheck_p1(0xE1, vf_symbol("vftest", "VfRaiseWork"));
    ok_status(vf_ioctl(f, IOCTL_VF_RAISE_WORKITEM), STATUS_SUCCESS);
    vf_wait_forever();
}

TEST(dpc_returning_raised_is_c8)
{
    drvhost_file *f = vf_open();
    expect_bugcheck_p1(0xC8, ((uint64_t)HIGH_LEVEL << 16) | (DISPATCH_LEVEL << 8) | 2);
    ok_status(vf_ioctl(f, IOCTL_VF_RAISE_DPC), STATUS_SUCCESS);
    vf_wait_forever();
}

TEST(system_thread_returning_raised_is_a)
{
    drvhost_file *f = vf_open();
    expect_bugcheck_p1(0x0A, 0);
    ok_status(vf_ioctl(f, IOCTL_VF_RAISE_THREAD), STATUS_SUCCESS);
    vf_wait_forever();
}

TEST(driver_entry_returning_raised_is_e1)
{
    ok_status(drvhost_service_add("vfraiseentry", harness_driver_path("vfraiseentry")),
              STATUS_SUCCESS);
    expect_bugcheck_p1(0xE1, vf_symbol("vfraiseentry", "DriverEntry"));
    drvhost_driver_load("vfraiseentry");
    ok(0, "the load returned\n");
}

TEST(driver_unload_returning_raised_is_e1)
{
    drvhost_file *f = vf_open();
    ok_status(vf_ioctl(f, IOCTL_VF_RAISE_IN_UNLOAD), STATUS_SUCCESS);
    ok_status(drvhost_close(f), STATUS_SUCCESS);
    expect_bugcheck_p1(0xE1, vf_symbol("vftest", "VfUnload"));
    drvhost_driver_unload("vftest");
    ok(0, "the unload returned\n");
}

/* ---- item: stack overflow ------------------------------------------------------------------ */

static void vf_overflow(uint32_t code, int wait)
{
    drvhost_file *f = vf_open();
    expect_bugcheck_p1(0x7F, VF_DOUBLE_FAULT);
    vf_ioctl(f, code);
    if (!wait) {
        ok(0, "the request returned\n");
        return;
    }
    vf_wait_forever();
}

TEST(stack_overflow_on_the_client_thread_is_7f)
{
    vf_overflow(IOCTL_VF_RECURSE, 0);
}

/* Windows cannot hand a kernel stack overflow to an exception handler either. */
TEST(stack_overflow_inside_try_is_7f)
{
    vf_overflow(IOCTL_VF_RECURSE_TRY, 0);
}

TEST(stack_overflow_in_a_work_item_is_7f)
{
    vf_overflow(IOCTL_VF_RECURSE_WORKITEM, 1);
}

TEST(stack_overflow_in_a_system_thread_is_7f)
{
    vf_overflow(IOCTL_VF_RECURSE_THREAD, 1);
}

TEST(stack_overflow_in_a_dpc_is_7f)
{
    vf_overflow(IOCTL_VF_RECURSE_DPC, 1);
}

/* Deep but bounded recursion (64 KiB) is no overflow. */
TEST(deep_recursion_returns)
{
    drvhost_file *f = vf_open();
    ok_status(vf_ioctl(f, IOCTL_VF_DEEP_RETURN), STATUS_SUCCESS);
    ok_status(drvhost_close(f), STATUS_SUCCESS);
}
