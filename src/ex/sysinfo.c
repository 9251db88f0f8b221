/*
 * sysinfo.c - ZwQuerySystemInformation for the classes whose layout the reference documents:
 * SystemBasicInformation (NumberOfProcessors; the reserved bytes are zero) and
 * SystemTimeOfDayInformation (opaque; boot time and current time in its first two words).
 * Every other class, documented or not, is STATUS_INVALID_INFO_CLASS. And MmQuerySystemSize,
 * and ExUuidCreate.
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

/* ExUuidCreate: a time-based UUID (RFC 4122 version 1, as Windows makes them) whose node is not a
 * network card's address but 47 random bits chosen at the first call, with the multicast bit
 * set as RFC 4122 asks of such a node: unique to this machine, hence RPC_NT_UUID_LOCAL_ONLY (the
 * documented status for "no NICs present"; NT_SUCCESS holds). The time counts 100 ns since
 * 1582-10-15 and never repeats: a call within the same tick takes the next one (the
 * compare-and-swap below), so every UUID of a process is new. */
#define EX_UUID_GREGORIAN_TO_1601_100NS 0x146BF33E42C000LL

static uint64_t ex_uuid_last; /* the last time stamp given out (atomic) */
static uint8_t ex_uuid_node[6];
static uint16_t ex_uuid_clock; /* the clock sequence: random, once */
static int ex_uuid_state;      /* atomic: 0 none, 1 being chosen, 2 node and clock chosen */

/* The node and clock sequence, chosen by the first caller; a concurrent first caller waits. */
static void ex_uuid_init_once(void)
{
    uint8_t seed[8];
    int none = 0;
    if (__atomic_load_n(&ex_uuid_state, __ATOMIC_ACQUIRE) == 2)
        return;
    if (!__atomic_compare_exchange_n(&ex_uuid_state, &none, 1, 0, __ATOMIC_ACQUIRE,
                                     __ATOMIC_ACQUIRE)) {
        while (__atomic_load_n(&ex_uuid_state, __ATOMIC_ACQUIRE) != 2)
            os_yield();
        return;
    }
    if (!os_random_bytes(seed, sizeof(seed))) { /* no random source: time and address bits */
        uint64_t t = (uint64_t)os_system_time_100ns() ^ (uint64_t)(uintptr_t)seed;
        memcpy(seed, &t, sizeof(seed));
    }
    memcpy(ex_uuid_node, seed, 6);
    ex_uuid_node[0] |= 0x01; /* the multicast bit: not an IEEE address */
    ex_uuid_clock = (uint16_t)((seed[6] << 8 | seed[7]) & 0x3FFF);
    __atomic_store_n(&ex_uuid_state, 2, __ATOMIC_RELEASE);
}

NTKERNELAPI NTSTATUS NTAPI ExUuidCreate(UUID *Uuid)
{
    uint64_t now, last;
    vf_check_irql_at_most(PASSIVE_LEVEL, "ExUuidCreate", Uuid, __builtin_return_address(0));
    ex_uuid_init_once();
    now = (uint64_t)(os_system_time_100ns() + EX_UUID_GREGORIAN_TO_1601_100NS);
    last = __atomic_load_n(&ex_uuid_last, __ATOMIC_RELAXED);
    do {
        if (now <= last)
            now = last + 1;
    } while (!__atomic_compare_exchange_n(&ex_uuid_last, &last, now, 0, __ATOMIC_RELAXED,
                                          __ATOMIC_RELAXED));
    Uuid->Data1 = (ULONG)now;
    Uuid->Data2 = (USHORT)(now >> 32);
    Uuid->Data3 = (USHORT)(((now >> 48) & 0x0FFF) | 0x1000);        /* version 1 */
    Uuid->Data4[0] = (UCHAR)(((ex_uuid_clock >> 8) & 0x3F) | 0x80); /* the RFC 4122 variant */
    Uuid->Data4[1] = (UCHAR)ex_uuid_clock;
    memcpy(&Uuid->Data4[2], ex_uuid_node, 6);
    return RPC_NT_UUID_LOCAL_ONLY;
}
