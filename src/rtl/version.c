/*
 * version.c - the operating system version drvhost reports: RtlGetVersion,
 * RtlVerifyVersionInfo (with VerSetConditionMask), RtlIsNtDdiVersionAvailable and
 * RtlIsServicePackVersionInstalled. The numbers are the RTL_DRVHOST_* constants of rtl.h.
 *
 * No state: any IRQL (Windows documents PASSIVE_LEVEL; nothing here needs it).
 */
#include <string.h>

#include "rtl/rtl_private.h"

/* The running system, as an RTL_OSVERSIONINFOEXW describes it. */
static void current_version(RTL_OSVERSIONINFOEXW *v)
{
    memset(v, 0, sizeof(*v));
    v->dwOSVersionInfoSize = sizeof(*v);
    v->dwMajorVersion = RTL_DRVHOST_MAJOR_VERSION;
    v->dwMinorVersion = RTL_DRVHOST_MINOR_VERSION;
    v->dwBuildNumber = RTL_DRVHOST_BUILD;
    v->dwPlatformId = VER_PLATFORM_WIN32_NT;
    v->wSuiteMask = RTL_DRVHOST_SUITE_MASK;
    v->wProductType = VER_NT_WORKSTATION;
}

/* Windows documents only STATUS_SUCCESS; a size matching neither structure would make us
 * write outside the caller's, so it is refused (nothing written). */
NTSYSAPI NTSTATUS NTAPI RtlGetVersion(PRTL_OSVERSIONINFOW lpVersionInformation)
{
    RTL_OSVERSIONINFOEXW now;
    ULONG size;

    if (lpVersionInformation == NULL)
        return STATUS_INVALID_PARAMETER;
    size = lpVersionInformation->dwOSVersionInfoSize;
    if (size != sizeof(RTL_OSVERSIONINFOW) && size != sizeof(RTL_OSVERSIONINFOEXW))
        return STATUS_INVALID_PARAMETER;
    current_version(&now);
    now.dwOSVersionInfoSize = size;
    memcpy(lpVersionInformation, &now, size);
    return STATUS_SUCCESS;
}

/* ---- RtlVerifyVersionInfo ----------------------------------------------------------------- */

/* The 3-bit condition slot of each VER_ type bit: slot n for bit 1 << n. */
static UCHAR condition_of(ULONGLONG mask, ULONG type_bit)
{
    return (UCHAR)((mask >> (3 * __builtin_ctz(type_bit))) & VER_CONDITION_MASK);
}

NTSYSAPI ULONGLONG NTAPI VerSetConditionMask(ULONGLONG ConditionMask, ULONG TypeMask,
                                             UCHAR Condition)
{
    ULONG bit;

    if (TypeMask == 0 || (Condition & VER_CONDITION_MASK) == 0)
        return ConditionMask;
    for (bit = 1; bit <= VER_PRODUCT_TYPE; bit <<= 1)
        if (TypeMask & bit)
            ConditionMask |= (ULONGLONG)(Condition & VER_CONDITION_MASK)
                             << (3 * __builtin_ctz(bit));
    return ConditionMask;
}

/* Whether `current` relates to `wanted` as `condition` says; -1 for a condition that does not
 * apply to a number (VER_AND, VER_OR, 0). */
static int compare(ULONG current, ULONG wanted, UCHAR condition)
{
    switch (condition) {
    case VER_EQUAL:
        return current == wanted;
    case VER_GREATER:
        return current > wanted;
    case VER_GREATER_EQUAL:
        return current >= wanted;
    case VER_LESS:
        return current < wanted;
    case VER_LESS_EQUAL:
        return current <= wanted;
    default:
        return -1;
    }
}

/* Major, minor, service pack major and minor are compared as one number, most significant
 * first (the documented "sequential manner"): the first requested field that differs decides,
 * under its own condition; when all are equal the last requested field's condition decides. */
static int compare_version(const RTL_OSVERSIONINFOEXW *want, const RTL_OSVERSIONINFOEXW *now,
                           ULONG types, ULONGLONG mask)
{
    const ULONG bits[4] = {VER_MAJORVERSION, VER_MINORVERSION, VER_SERVICEPACKMAJOR,
                           VER_SERVICEPACKMINOR};
    const ULONG cur[4] = {now->dwMajorVersion, now->dwMinorVersion, now->wServicePackMajor,
                          now->wServicePackMinor};
    const ULONG req[4] = {want->dwMajorVersion, want->dwMinorVersion, want->wServicePackMajor,
                          want->wServicePackMinor};
    int result = 1;

    for (int i = 0; i < 4; i++) {
        if (!(types & bits[i]))
            continue;
        result = compare(cur[i], req[i], condition_of(mask, bits[i]));
        if (result < 0 || cur[i] != req[i])
            return result;
    }
    return result;
}

static int compare_suite(USHORT current, USHORT wanted, UCHAR condition)
{
    if (condition == VER_AND)
        return (current & wanted) == wanted;
    if (condition == VER_OR)
        return wanted == 0 || (current & wanted) != 0;
    return -1;
}

/* Every requested type needs a condition in the mask (else STATUS_INVALID_PARAMETER). */
static BOOLEAN conditions_present(ULONG types, ULONGLONG mask)
{
    for (ULONG bit = 1; bit <= VER_PRODUCT_TYPE; bit <<= 1)
        if ((types & bit) && condition_of(mask, bit) == 0)
            return FALSE;
    return TRUE;
}

NTSYSAPI NTSTATUS NTAPI RtlVerifyVersionInfo(PRTL_OSVERSIONINFOEXW VersionInfo, ULONG TypeMask,
                                             ULONGLONG ConditionMask)
{
    RTL_OSVERSIONINFOEXW now;
    int ok = 1, r;

    if (VersionInfo == NULL || TypeMask == 0 || (TypeMask & ~0xFFu) != 0 ||
        !conditions_present(TypeMask, ConditionMask))
        return STATUS_INVALID_PARAMETER;
    current_version(&now);
    if (TypeMask &
        (VER_MAJORVERSION | VER_MINORVERSION | VER_SERVICEPACKMAJOR | VER_SERVICEPACKMINOR))
        ok &= (r = compare_version(VersionInfo, &now, TypeMask, ConditionMask)) > 0;
    else
        r = 1;
    if (r < 0)
        return STATUS_INVALID_PARAMETER;
    if (TypeMask & VER_BUILDNUMBER)
        ok &= compare(now.dwBuildNumber, VersionInfo->dwBuildNumber,
                      condition_of(ConditionMask, VER_BUILDNUMBER)) > 0;
    if (TypeMask & VER_PLATFORMID)
        ok &= compare(now.dwPlatformId, VersionInfo->dwPlatformId,
                      condition_of(ConditionMask, VER_PLATFORMID)) > 0;
    if (TypeMask & VER_PRODUCT_TYPE)
        ok &= compare(now.wProductType, VersionInfo->wProductType,
                      condition_of(ConditionMask, VER_PRODUCT_TYPE)) > 0;
    if (TypeMask & VER_SUITENAME)
        ok &= compare_suite(now.wSuiteMask, VersionInfo->wSuiteMask,
                            condition_of(ConditionMask, VER_SUITENAME)) > 0;
    return ok ? STATUS_SUCCESS : STATUS_REVISION_MISMATCH;
}

/* ---- NTDDI checks (Rtlver.lib on Windows) ------------------------------------------------- */

/* TRUE when the running system is `Version` or later: NTDDI values order as versions. */
NTSYSAPI BOOLEAN NTAPI RtlIsNtDdiVersionAvailable(ULONG Version)
{
    return Version <= RTL_DRVHOST_NTDDI;
}

/* TRUE when the running system is the OS release of `Version` (high word) with at least its
 * service pack. drvhost's Windows 10 has service pack 0, so only NTDDI_WIN10 (SP 0) passes;
 * an earlier release's service pack is "not installed", as on Windows. */
NTSYSAPI BOOLEAN NTAPI RtlIsServicePackVersionInstalled(ULONG Version)
{
    if ((Version & 0xFFFF0000u) != (RTL_DRVHOST_NTDDI & 0xFFFF0000u))
        return FALSE;
    return ((Version >> 8) & 0xFF) <= ((RTL_DRVHOST_NTDDI >> 8) & 0xFF);
}
