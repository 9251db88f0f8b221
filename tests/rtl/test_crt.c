/*
 * test_crt.c - the kernel CRT (drvhost_crt.h) through a driver module: crttest.sys calls
 * wcslen, _wcsicmp, swprintf_s... by their C names and must get drvhost's 16-bit routines
 * (imported as drvhost_crt_*), not glibc's. Its DriverEntry runs the checks and returns
 * 0xE000xxxx naming the line of the first failure.
 */
#include <wdm.h>

#include "harness.h"

TEST(crt_from_a_driver)
{
    NTSTATUS status;

    ok_status(drvhost_service_add("crttest", harness_driver_path("crttest")), STATUS_SUCCESS);
    status = drvhost_driver_load("crttest");
    ok(status == STATUS_SUCCESS, "crttest.sys: %s\n",
       ((ULONG)status & 0xFFFF0000u) == 0xE0000000u ? "a check failed (see its line below)"
                                                    : "did not load");
    if (((ULONG)status & 0xFFFF0000u) == 0xE0000000u)
        ok(0, "first failing check: tests/rtl/drivers/crttest.c line %u\n",
           (ULONG)status & 0xFFFFu);
    if (status == STATUS_SUCCESS)
        ok_status(drvhost_driver_unload("crttest"), STATUS_SUCCESS);
}

/* Host code that includes wdm.h binds to the same routines (the asm labels apply to every
 * non-runtime translation unit). */
TEST(crt_from_host_code)
{
    wchar_t w[4];

    ok(wcslen(L"abcd") == 4, "wcslen\n");
    ok(swprintf_s(w, 4, L"%d", 123) == 3 && w[3] == 0, "swprintf_s\n");
    ok(_wcsicmp(L"ABC", L"abc") == 0, "_wcsicmp\n");
}
