/*
 * test_version.c - RtlGetVersion with both structure sizes and bad ones, RtlVerifyVersionInfo,
 * RtlIsNtDdiVersionAvailable, RtlIsServicePackVersionInstalled. drvhost is Windows 10.0.
 */
#include <string.h>

#include <wdm.h>

#include "harness.h"

TEST(get_version_sizes)
{
    RTL_OSVERSIONINFOEXW ex;
    RTL_OSVERSIONINFOW v;

    ok(sizeof(RTL_OSVERSIONINFOW) == 276 && sizeof(RTL_OSVERSIONINFOEXW) == 284, "layouts\n");
    memset(&v, 0xAA, sizeof(v));
    v.dwOSVersionInfoSize = sizeof(v);
    ok_status(RtlGetVersion(&v), STATUS_SUCCESS);
    ok(v.dwMajorVersion == 10 && v.dwMinorVersion == 0, "%u.%u\n", v.dwMajorVersion,
       v.dwMinorVersion);
    ok(v.dwBuildNumber >= 19041, "build %u\n", v.dwBuildNumber);
    ok(v.dwPlatformId == VER_PLATFORM_WIN32_NT && v.szCSDVersion[0] == 0, "platform, CSD\n");
    ok(v.dwOSVersionInfoSize == sizeof(v), "size kept\n");

    memset(&ex, 0xAA, sizeof(ex));
    ex.dwOSVersionInfoSize = sizeof(ex);
    ok_status(RtlGetVersion((PRTL_OSVERSIONINFOW)&ex), STATUS_SUCCESS);
    ok(ex.dwBuildNumber == v.dwBuildNumber && ex.wServicePackMajor == 0 &&
           ex.wServicePackMinor == 0 && ex.wProductType == VER_NT_WORKSTATION && ex.wReserved == 0,
       "ex fields\n");

    memset(&ex, 0xAA, sizeof(ex));
    ex.dwOSVersionInfoSize = sizeof(RTL_OSVERSIONINFOW);
    ok_status(RtlGetVersion((PRTL_OSVERSIONINFOW)&ex), STATUS_SUCCESS);
    ok(ex.wServicePackMajor == 0xAAAA, "wrote past the smaller structure\n");

    ex.dwOSVersionInfoSize = 100;
    ex.dwMajorVersion = 1;
    ok_status(RtlGetVersion((PRTL_OSVERSIONINFOW)&ex), STATUS_INVALID_PARAMETER);
    ok(ex.dwMajorVersion == 1, "written with a bad size\n");
}

static NTSTATUS verify(ULONG major, ULONG minor, USHORT sp, UCHAR cond)
{
    RTL_OSVERSIONINFOEXW want = {.dwOSVersionInfoSize = sizeof(want)};
    ULONGLONG mask = 0;

    want.dwMajorVersion = major;
    want.dwMinorVersion = minor;
    want.wServicePackMajor = sp;
    VER_SET_CONDITION(mask, VER_MAJORVERSION, cond);
    VER_SET_CONDITION(mask, VER_MINORVERSION, cond);
    VER_SET_CONDITION(mask, VER_SERVICEPACKMAJOR, cond);
    return RtlVerifyVersionInfo(&want, VER_MAJORVERSION | VER_MINORVERSION | VER_SERVICEPACKMAJOR,
                                mask);
}

TEST(verify_version_info)
{
    RTL_OSVERSIONINFOEXW want = {.dwOSVersionInfoSize = sizeof(want)};
    ULONGLONG mask = 0;

    ok_status(verify(6, 1, 1, VER_GREATER_EQUAL), STATUS_SUCCESS); /* Win7 SP1 or later */
    ok_status(verify(10, 0, 0, VER_GREATER_EQUAL), STATUS_SUCCESS);
    ok_status(verify(10, 0, 0, VER_EQUAL), STATUS_SUCCESS);
    ok_status(verify(10, 0, 1, VER_GREATER_EQUAL), STATUS_REVISION_MISMATCH);
    ok_status(verify(11, 0, 0, VER_GREATER_EQUAL), STATUS_REVISION_MISMATCH);
    ok_status(verify(11, 0, 0, VER_LESS), STATUS_SUCCESS);
    ok_status(verify(6, 3, 0, VER_EQUAL), STATUS_REVISION_MISMATCH);

    ok(VerSetConditionMask(0, VER_MAJORVERSION, VER_GREATER_EQUAL) == (3ULL << 3), "mask\n");
    ok_status(RtlVerifyVersionInfo(&want, 0, 0), STATUS_INVALID_PARAMETER);
    ok_status(RtlVerifyVersionInfo(&want, VER_MAJORVERSION, 0), STATUS_INVALID_PARAMETER);

    want.dwBuildNumber = 19041;
    VER_SET_CONDITION(mask, VER_BUILDNUMBER, VER_GREATER_EQUAL);
    ok_status(RtlVerifyVersionInfo(&want, VER_BUILDNUMBER, mask), STATUS_SUCCESS);
    want.dwBuildNumber = 22000;
    ok_status(RtlVerifyVersionInfo(&want, VER_BUILDNUMBER, mask), STATUS_REVISION_MISMATCH);
    mask = 0;
    want.wProductType = VER_NT_WORKSTATION;
    VER_SET_CONDITION(mask, VER_PRODUCT_TYPE, VER_EQUAL);
    ok_status(RtlVerifyVersionInfo(&want, VER_PRODUCT_TYPE, mask), STATUS_SUCCESS);
}

TEST(ntddi_checks)
{
    ok(RtlIsNtDdiVersionAvailable(NTDDI_WIN2K), "Win2K\n");
    ok(RtlIsNtDdiVersionAvailable(NTDDI_WIN7), "Win7\n");
    ok(RtlIsNtDdiVersionAvailable(NTDDI_WIN10), "Win10\n");
    ok(RtlIsNtDdiVersionAvailable(NTDDI_WIN10_VB), "Win10 2004\n");
    ok(!RtlIsNtDdiVersionAvailable(NTDDI_WIN10_CO), "Windows 11 is not available\n");
    ok(RtlIsServicePackVersionInstalled(NTDDI_WIN10), "Win10 SP0\n");
    ok(!RtlIsServicePackVersionInstalled(NTDDI_WINXPSP2), "XP SP2 is another release\n");
}
