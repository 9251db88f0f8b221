/*
 * winternl.h - ZwQuerySystemInformation, as its reference page declares it (header winternl.h).
 *
 * Not part of ntddk.h on purpose: the WDK's ntddk.h does not declare it, and driver source that
 * calls it commonly declares SYSTEM_INFORMATION_CLASS itself; such source keeps compiling, and
 * source that wants drvhost's declarations includes this header.
 */
#ifndef _WINTERNL_
#define _WINTERNL_

#include <ntddk.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The classes and layouts documented on the NtQuerySystemInformation / ZwQuerySystemInformation
 * reference pages; drvhost answers SystemBasicInformation and
 * SystemTimeOfDayInformation, every other class is STATUS_INVALID_INFO_CLASS. */
typedef enum _SYSTEM_INFORMATION_CLASS {
    SystemBasicInformation = 0,
    SystemPerformanceInformation = 2,
    SystemTimeOfDayInformation = 3,
    SystemProcessInformation = 5,
    SystemProcessorPerformanceInformation = 8,
    SystemInterruptInformation = 23,
    SystemExceptionInformation = 33,
    SystemRegistryQuotaInformation = 37,
    SystemLookasideInformation = 45,
    SystemCodeIntegrityInformation = 103,
    SystemPolicyInformation = 134
} SYSTEM_INFORMATION_CLASS;

typedef struct _SYSTEM_BASIC_INFORMATION {
    BYTE Reserved1[24];
    PVOID Reserved2[4];
    CCHAR NumberOfProcessors;
} SYSTEM_BASIC_INFORMATION, *PSYSTEM_BASIC_INFORMATION;

/* Opaque on the reference page; drvhost fills the boot time and the current time (100 ns
 * units since 1601) in its first two 64-bit words. */
typedef struct _SYSTEM_TIMEOFDAY_INFORMATION {
    BYTE Reserved1[48];
} SYSTEM_TIMEOFDAY_INFORMATION, *PSYSTEM_TIMEOFDAY_INFORMATION;

NTSYSAPI NTSTATUS NTAPI ZwQuerySystemInformation(SYSTEM_INFORMATION_CLASS SystemInformationClass,
                                                 PVOID SystemInformation,
                                                 ULONG SystemInformationLength,
                                                 PULONG ReturnLength);

#ifdef __cplusplus
}
#endif

#endif
