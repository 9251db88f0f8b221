/*
 * sysinfo.c - ZwQuerySystemInformation for the classes whose layout the reference documents:
 * SystemBasicInformation (NumberOfProcessors; the reserved bytes are zero) and
 * SystemTimeOfDayInformation (opaque; boot time and current time in its first two words).
 * Every other class, documented or not, is STATUS_INVALID_INFO_CLASS. And MmQuerySystemSize.
 */
#include "ex/ex_private.h"

#include <ntddk.h>
#include <winternl.h>

#include "ke/ke.h"
#include "vf/vf.h"

#include <string.h>

_Static_assert(sizeof(SYSTEM_BASIC_INFORMATION) == 64, "SYSTEM_BASIC_INFORMATION (x64)");
_Static_assert(offsetof(SYSTEM_BASIC_INFORMATION, NumberOfProcessors) == 56, "x64 layout");
_Static_assert(sizeof(SYSTEM_TIMEOFDAY_INFORMATION) == 48, "SYSTEM_TIMEOFDAY_INFORMATION");

static int64_t ex_boot_time; /* system time at drvhost_init, 100 ns units since 1601 */

void ex_sysinfo_init(void)
{
    ex_boot_time = os_system_time_100ns();
}

static void ex_basic_information(void *buffer)
{
    SYSTEM_BASIC_INFORMATION info;
    ULONG n = ke_processor_count();
    memset(&info, 0, sizeof(info));
    info.NumberOfProcessors = (CCHAR)(n > 127 ? 127 : n);
    memcpy(buffer, &info, sizeof(info));
}

static void ex_time_of_day(void *buffer)
{
    SYSTEM_TIMEOFDAY_INFORMATION info;
    int64_t now = os_system_time_100ns();
    memset(&info, 0, sizeof(info));
    memcpy(info.Reserved1, &ex_boot_time, sizeof(ex_boot_time));
    memcpy(info.Reserved1 + 8, &now, sizeof(now));
    memcpy(buffer, &info, sizeof(info));
}

NTSYSAPI NTSTATUS NTAPI ZwQuerySystemInformation(SYSTEM_INFORMATION_CLASS SystemInformationClass,
                                                 PVOID SystemInformation,
                                                 ULONG SystemInformationLength, PULONG ReturnLength)
{
    ULONG needed;
    vf_check_zw_passive("ZwQuerySystemInformation");
    switch (SystemInformationClass) {
    case SystemBasicInformation:
        needed = sizeof(SYSTEM_BASIC_INFORMATION);
        break;
    case SystemTimeOfDayInformation:
        needed = sizeof(SYSTEM_TIMEOFDAY_INFORMATION);
        break;
    default:
        return STATUS_INVALID_INFO_CLASS;
    }
    /* The reference: the size needed goes to ReturnLength; if it is larger than the buffer,
     * nothing is copied and the call fails. */
    if (ReturnLength != NULL)
        *ReturnLength = needed;
    if (SystemInformationLength < needed)
        return STATUS_INFO_LENGTH_MISMATCH;
    if (SystemInformationClass == SystemBasicInformation)
        ex_basic_information(SystemInformation);
    else
        ex_time_of_day(SystemInformation);
    return STATUS_SUCCESS;
}

/* Microsoft names the three classes without their bounds. Deviation by design: always
 * MmLargeSystem: the pool draws on the host's memory, and the small and medium classes date from
 * machines of a few megabytes, smaller than any host drvhost runs on. Any IRQL. */
NTKERNELAPI MM_SYSTEMSIZE NTAPI MmQuerySystemSize(VOID)
{
    return MmLargeSystem;
}
