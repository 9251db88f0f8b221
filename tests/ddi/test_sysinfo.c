/*
 * test_sysinfo.c - ZwQuerySystemInformation for the classes its reference page documents, the
 * length rules (STATUS_INFO_LENGTH_MISMATCH, ReturnLength), other classes, the IRQL rule; and
 * the Rtl character and 32x32 helpers from host code. Expected values are Windows' documented
 * behaviour.
 */
#include <ntddk.h>
#include <winternl.h>

#include "harness.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

TEST(basic_information_processor_count)
{
    SYSTEM_BASIC_INFORMATION info;
    ULONG length = 0;
    memset(&info, 0xCC, sizeof(info));
    ok_status(ZwQuerySystemInformation(SystemBasicInformation, &info, sizeof(info), &length),
              STATUS_SUCCESS);
    ok(length == sizeof(info) && sizeof(info) == 64, "ReturnLength %u\n", length);
    ok((ULONG)info.NumberOfProcessors == KeQueryActiveProcessorCount(NULL),
       "NumberOfProcessors %d\n", info.NumberOfProcessors);
    ok(info.NumberOfProcessors >= 1, "at least one processor\n");
    ok_status(ZwQuerySystemInformation(SystemBasicInformation, &info, sizeof(info), NULL),
              STATUS_SUCCESS);
}

TEST(query_system_size_is_large_at_any_irql)
{
    KIRQL old;
    ok(MmQuerySystemSize() == MmLargeSystem, "MmQuerySystemSize %d\n", MmQuerySystemSize());
    KeRaiseIrql(HIGH_LEVEL, &old);
    MM_SYSTEMSIZE raised = MmQuerySystemSize();
    KeLowerIrql(old);
    ok(raised == MmLargeSystem, "at HIGH_LEVEL %d\n", raised);
}

TEST(configuration_information_counts_from_zero_and_keeps_what_drivers_add)
{
    PCONFIGURATION_INFORMATION info = IoGetConfigurationInformation();
    ok(info != NULL, "IoGetConfigurationInformation returns the structure\n");
    ok(info->Version == sizeof(*info) && sizeof(*info) == 40, "Version %u\n", info->Version);
    ok(info->DiskCount == 0 && info->SerialCount == 0 && info->ParallelCount == 0 &&
           info->MediumChangerCount == 0 && !info->AtDiskPrimaryAddressClaimed,
       "no devices counted at boot\n");
    info->SerialCount++; /* a serial driver names its device \\Device\\Serial0 and counts it */
    ok(IoGetConfigurationInformation() == info && info->SerialCount == 1,
       "the I/O manager's one structure keeps the count\n");
    ok_status(drvhost_shutdown(), STATUS_SUCCESS);
    ok_status(drvhost_init(NULL), STATUS_SUCCESS);
    ok(IoGetConfigurationInformation()->SerialCount == 0, "a new boot counts from zero\n");
}

TEST(configuration_information_above_passive_level_is_irql_not_less_or_equal)
{
    KIRQL old;
    expect_bugcheck_params(0xA /* IRQL_NOT_LESS_OR_EQUAL */, BUGCHECK_P1 | BUGCHECK_P2, 0,
                           DISPATCH_LEVEL, 0, 0);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    IoGetConfigurationInformation();
}

/* The 60-bit time of a version-1 UUID. */
static ULONGLONG uuid_time(const UUID *u)
{
    return (ULONGLONG)u->Data1 | (ULONGLONG)u->Data2 << 32 | (ULONGLONG)(u->Data3 & 0x0FFF) << 48;
}

TEST(uuids_are_version_1_local_only_and_never_repeat)
{
    static UUID ids[2000];
    LARGE_INTEGER before;
    KeQuerySystemTime(&before);
    for (int i = 0; i < 2000; i++)
        ok_status(ExUuidCreate(&ids[i]), RPC_NT_UUID_LOCAL_ONLY);
    ok(NT_SUCCESS(RPC_NT_UUID_LOCAL_ONLY), "a success status\n");
    ok((ids[0].Data3 >> 12) == 1, "version %x\n", ids[0].Data3 >> 12);
    ok((ids[0].Data4[0] & 0xC0) == 0x80, "RFC 4122 variant %x\n", ids[0].Data4[0]);
    ok((ids[0].Data4[2] & 0x01) != 0, "the node's multicast bit: not a card's address\n");
    /* 100 ns units since 1582-10-15: the system time (since 1601) plus the years between. */
    ok(uuid_time(&ids[0]) >= (ULONGLONG)before.QuadPart + 0x146BF33E42C000ULL &&
           uuid_time(&ids[0]) < (ULONGLONG)before.QuadPart + 0x146BF33E42C000ULL + 600000000ULL,
       "time %llx\n", uuid_time(&ids[0]));
    int rising = 1, same_node = 1;
    for (int i = 1; i < 2000; i++) {
        rising &= uuid_time(&ids[i]) > uuid_time(&ids[i - 1]);
        same_node &= memcmp(&ids[i].Data4[0], &ids[0].Data4[0], 8) == 0;
    }
    ok(rising, "every UUID's time is after the one before (none repeats)\n");
    ok(same_node, "one clock sequence and node\n");
}

/* Four threads ask at once, the first calls of the process among them: every UUID differs and
 * all share the node the first caller chose (under tsan: no race on the node). */
#define UUID_THREADS 4
#define UUID_EACH    500
static UUID threaded_ids[UUID_THREADS][UUID_EACH];

static void *make_uuids(void *arg)
{
    UUID *ids = arg;
    for (int i = 0; i < UUID_EACH; i++)
        ExUuidCreate(&ids[i]);
    return NULL;
}

static int by_time(const void *a, const void *b)
{
    ULONGLONG x = uuid_time(a), y = uuid_time(b);
    return x < y ? -1 : x > y;
}

TEST(uuids_from_several_threads_are_all_different)
{
    pthread_t t[UUID_THREADS];
    int distinct = 1, same_node = 1;
    for (int i = 0; i < UUID_THREADS; i++)
        pthread_create(&t[i], NULL, make_uuids, threaded_ids[i]);
    for (int i = 0; i < UUID_THREADS; i++)
        pthread_join(t[i], NULL);
    UUID *all = &threaded_ids[0][0];
    qsort(all, UUID_THREADS * UUID_EACH, sizeof(UUID), by_time);
    for (int i = 1; i < UUID_THREADS * UUID_EACH; i++) {
        distinct &= uuid_time(&all[i]) != uuid_time(&all[i - 1]);
        same_node &= memcmp(all[i].Data4, all[0].Data4, 8) == 0;
    }
    ok(distinct, "no two UUIDs share a time stamp\n");
    ok(same_node, "one node and clock sequence for all\n");
}

TEST(uuid_above_passive_level_is_irql_not_less_or_equal)
{
    static UUID id;
    KIRQL old;
    /* P1: the object, here the caller's UUID. */
    expect_bugcheck_params(0xA /* IRQL_NOT_LESS_OR_EQUAL */, BUGCHECK_P1 | BUGCHECK_P2,
                           (ULONG_PTR)&id, DISPATCH_LEVEL, 0, 0);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    ExUuidCreate(&id);
}

TEST(basic_information_processor_count_follows_the_option)
{
    drvhost_options options = {.processors = 3, .quiet = 1};
    SYSTEM_BASIC_INFORMATION info;
    ok_status(drvhost_shutdown(), STATUS_SUCCESS);
    ok_status(drvhost_init(&options), STATUS_SUCCESS);
    ok_status(ZwQuerySystemInformation(SystemBasicInformation, &info, sizeof(info), NULL),
              STATUS_SUCCESS);
    ok(info.NumberOfProcessors == 3, "NumberOfProcessors %d\n", info.NumberOfProcessors);
}

TEST(length_mismatch_reports_the_size_needed)
{
    UCHAR buf[128];
    ULONG length = 0;
    memset(buf, 0xCC, sizeof(buf));
    ok_status(ZwQuerySystemInformation(SystemBasicInformation, buf, 63, &length),
              STATUS_INFO_LENGTH_MISMATCH);
    ok(length == 64, "ReturnLength %u\n", length);
    ok(buf[0] == 0xCC && buf[56] == 0xCC, "nothing copied\n");
    ok_status(ZwQuerySystemInformation(SystemBasicInformation, NULL, 0, &length),
              STATUS_INFO_LENGTH_MISMATCH);
    ok(length == 64, "ReturnLength %u\n", length);
    ok_status(ZwQuerySystemInformation(SystemTimeOfDayInformation, buf, 47, &length),
              STATUS_INFO_LENGTH_MISMATCH);
    ok(length == 48, "ReturnLength %u\n", length);
    /* A larger buffer is fine: ReturnLength is the size written. */
    ok_status(ZwQuerySystemInformation(SystemBasicInformation, buf, sizeof(buf), &length),
              STATUS_SUCCESS);
    ok(length == 64 && buf[64] == 0xCC, "ReturnLength %u, bytes after it untouched\n", length);
}

TEST(time_of_day)
{
    SYSTEM_TIMEOFDAY_INFORMATION info;
    LARGE_INTEGER before, after;
    LONGLONG boot, now;
    ULONG length = 0;
    KeQuerySystemTime(&before);
    ok_status(ZwQuerySystemInformation(SystemTimeOfDayInformation, &info, sizeof(info), &length),
              STATUS_SUCCESS);
    KeQuerySystemTime(&after);
    ok(length == 48, "ReturnLength %u\n", length);
    memcpy(&boot, info.Reserved1, 8);
    memcpy(&now, info.Reserved1 + 8, 8);
    ok(now >= before.QuadPart && now <= after.QuadPart, "current time %lld\n", (long long)now);
    ok(boot <= now && boot > now - 36000000000LL, "boot time %lld\n", (long long)boot);
}

TEST(other_classes_are_invalid)
{
    UCHAR buf[4096];
    ULONG length = 0x55;
    ok_status(ZwQuerySystemInformation(SystemProcessInformation, buf, sizeof(buf), &length),
              STATUS_INVALID_INFO_CLASS);
    ok_status(ZwQuerySystemInformation((SYSTEM_INFORMATION_CLASS)1, buf, sizeof(buf), &length),
              STATUS_INVALID_INFO_CLASS); /* SystemProcessorInformation: undocumented layout */
    ok_status(ZwQuerySystemInformation(SystemPerformanceInformation, buf, sizeof(buf), NULL),
              STATUS_INVALID_INFO_CLASS);
    ok_status(ZwQuerySystemInformation((SYSTEM_INFORMATION_CLASS)9999, buf, sizeof(buf), NULL),
              STATUS_INVALID_INFO_CLASS);
}

TEST(query_above_passive_bugchecks)
{
    SYSTEM_BASIC_INFORMATION info;
    KIRQL old;
    expect_bugcheck_p1(0xC4, 0x2001F);
    KeRaiseIrql(APC_LEVEL, &old);
    ZwQuerySystemInformation(SystemBasicInformation, &info, sizeof(info), NULL);
}

TEST(upper_char_and_case_mapping)
{
    ok(RtlUpperChar('a') == 'A' && RtlUpperChar('z') == 'Z', "letters\n");
    ok(RtlUpperChar('A') == 'A' && RtlUpperChar('0') == '0' && RtlUpperChar('~') == '~',
       "already upper / not a letter: unchanged\n");
    ok(RtlUpperChar((CHAR)0xE9) == (CHAR)0xC9, "Latin-1 e acute\n");
    ok(RtlUpperChar((CHAR)0xFF) == (CHAR)0xFF && RtlUpperChar((CHAR)0xB5) == (CHAR)0xB5,
       "upper case outside the code page: unchanged\n");
    ok(RtlUpperChar(0) == 0, "NUL\n");
    ok(RtlUpcaseUnicodeChar(L'\x00e9') == L'\x00c9' && RtlUpcaseUnicodeChar(L'\x0451') == L'\x0401',
       "Unicode upcase\n");
    ok(RtlDowncaseUnicodeChar(L'\x0401') == L'\x0451' && RtlDowncaseUnicodeChar(L'1') == L'1',
       "Unicode downcase\n");
}

TEST(init_empty_strings)
{
    WCHAR w[5];
    CHAR a[7];
    UNICODE_STRING u = {3, 3, NULL};
    ANSI_STRING s = {3, 3, NULL};
    RtlInitEmptyUnicodeString(&u, w, sizeof(w));
    ok(u.Length == 0 && u.MaximumLength == 10 && u.Buffer == w, "unicode\n");
    RtlInitEmptyAnsiString(&s, a, sizeof(a));
    ok(s.Length == 0 && s.MaximumLength == 7 && s.Buffer == a, "ansi\n");
    RtlInitEmptyUnicodeString(&u, NULL, 0);
    ok(u.Length == 0 && u.MaximumLength == 0 && u.Buffer == NULL, "NULL buffer\n");
}

TEST(multiply_32x32_to_64)
{
    ok(Int32x32To64(0x7FFFFFFF, 0x7FFFFFFF) == 0x3FFFFFFF00000001LL, "no 32-bit overflow\n");
    ok(Int32x32To64(-1, 0x10) == -16, "signed\n");
    ok(Int32x32To64(0xFFFFFFFFu, 2) == -2, "operands are LONG\n");
    ok(Int32x32To64(0x100000002LL, 3) == 6, "operands truncated to 32 bits\n");
    ok(UInt32x32To64(0xFFFFFFFFu, 2) == 0x1FFFFFFFEULL, "unsigned\n");
    ok(UInt32x32To64(-1, 1) == 0xFFFFFFFFULL, "operands are ULONG\n");
}
