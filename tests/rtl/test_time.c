/*
 * test_time.c - RtlTimeToTimeFields / RtlTimeFieldsToTime (1601, leap years, 2100, invalid
 * fields), seconds since 1970 and 1980, local time (UTC in drvhost).
 */
#include <wdm.h>

#include "harness.h"

#define TICKS_PER_SECOND 10000000LL
#define TICKS_PER_DAY    (86400LL * TICKS_PER_SECOND)

static TIME_FIELDS fields(int y, int mo, int d, int h, int mi, int s, int ms)
{
    TIME_FIELDS tf = {(CSHORT)y,  (CSHORT)mo, (CSHORT)d,  (CSHORT)h,
                      (CSHORT)mi, (CSHORT)s,  (CSHORT)ms, 0};
    return tf;
}

static int same_date(const TIME_FIELDS *tf, int y, int mo, int d, int wd)
{
    return tf->Year == y && tf->Month == mo && tf->Day == d && tf->Weekday == wd;
}

TEST(epoch_1601)
{
    LARGE_INTEGER t = {.QuadPart = 0};
    TIME_FIELDS tf;

    RtlTimeToTimeFields(&t, &tf);
    ok(same_date(&tf, 1601, 1, 1, 1), "%d-%d-%d wd %d\n", tf.Year, tf.Month, tf.Day, tf.Weekday);
    ok(tf.Hour == 0 && tf.Minute == 0 && tf.Second == 0 && tf.Milliseconds == 0, "midnight\n");
    t.QuadPart = TICKS_PER_DAY - 10000; /* 23:59:59.999 */
    RtlTimeToTimeFields(&t, &tf);
    ok(tf.Day == 1 && tf.Hour == 23 && tf.Minute == 59 && tf.Second == 59 && tf.Milliseconds == 999,
       "end of the first day\n");
    tf = fields(1601, 1, 1, 0, 0, 0, 0);
    ok(RtlTimeFieldsToTime(&tf, &t) && t.QuadPart == 0, "back to 0\n");
}

TEST(unix_epoch_and_known_dates)
{
    LARGE_INTEGER t;
    TIME_FIELDS tf = fields(1970, 1, 1, 0, 0, 0, 0);
    ULONG secs;

    ok(RtlTimeFieldsToTime(&tf, &t), "1970\n");
    ok(t.QuadPart == 116444736000000000LL, "1970-01-01 is %lld\n", t.QuadPart);
    RtlTimeToTimeFields(&t, &tf);
    ok(same_date(&tf, 1970, 1, 1, 4), "a Thursday: wd %d\n", tf.Weekday);
    ok(RtlTimeToSecondsSince1970(&t, &secs) && secs == 0, "0 seconds\n");
    RtlSecondsSince1970ToTime(86400, &t);
    RtlTimeToTimeFields(&t, &tf);
    ok(same_date(&tf, 1970, 1, 2, 5), "the next day\n");
    RtlSecondsSince1970ToTime(0xFFFFFFFF, &t);
    RtlTimeToTimeFields(&t, &tf);
    ok(same_date(&tf, 2106, 2, 7, 0) && tf.Hour == 6 && tf.Minute == 28 && tf.Second == 15,
       "ULONG seconds end %d-%d-%d %d:%d:%d\n", tf.Year, tf.Month, tf.Day, tf.Hour, tf.Minute,
       tf.Second);
    t.QuadPart += TICKS_PER_SECOND;
    ok(!RtlTimeToSecondsSince1970(&t, &secs), "past 2106 does not fit\n");
    t.QuadPart = 0;
    ok(!RtlTimeToSecondsSince1970(&t, &secs), "before 1970\n");
    tf = fields(1980, 1, 1, 0, 0, 10, 0);
    ok(RtlTimeFieldsToTime(&tf, &t) && RtlTimeToSecondsSince1980(&t, &secs) && secs == 10,
       "1980 + 10 s\n");
    RtlSecondsSince1980ToTime(10, &t);
    RtlTimeToTimeFields(&t, &tf);
    ok(same_date(&tf, 1980, 1, 1, 2) && tf.Second == 10, "1980-01-01 was a Tuesday\n");
}

TEST(leap_years)
{
    LARGE_INTEGER t, t2;
    TIME_FIELDS tf = fields(2000, 2, 29, 12, 0, 0, 0);

    ok(RtlTimeFieldsToTime(&tf, &t), "2000-02-29 exists (divisible by 400)\n");
    tf = fields(2100, 2, 29, 0, 0, 0, 0);
    ok(!RtlTimeFieldsToTime(&tf, &t), "2100-02-29 does not (divisible by 100)\n");
    tf = fields(2024, 2, 29, 0, 0, 0, 0);
    ok(RtlTimeFieldsToTime(&tf, &t), "2024-02-29 exists\n");
    tf = fields(2023, 2, 29, 0, 0, 0, 0);
    ok(!RtlTimeFieldsToTime(&tf, &t), "2023-02-29 does not\n");
    tf = fields(2100, 2, 28, 0, 0, 0, 0);
    ok(RtlTimeFieldsToTime(&tf, &t), "2100-02-28\n");
    t.QuadPart += TICKS_PER_DAY;
    RtlTimeToTimeFields(&t, &tf);
    ok(same_date(&tf, 2100, 3, 1, 1), "then 2100-03-01, a Monday: %d-%d wd %d\n", tf.Month, tf.Day,
       tf.Weekday);
    tf = fields(2000, 12, 31, 23, 59, 59, 999);
    ok(RtlTimeFieldsToTime(&tf, &t), "end of 2000\n");
    RtlTimeToTimeFields(&t, &tf);
    ok(same_date(&tf, 2000, 12, 31, 0) && tf.Milliseconds == 999, "round trip\n");
    tf = fields(2001, 1, 1, 0, 0, 0, 0);
    ok(RtlTimeFieldsToTime(&tf, &t2) && t2.QuadPart - t.QuadPart == 10000, "one ms later\n");
}

TEST(round_trip_every_day_of_four_centuries)
{
    LARGE_INTEGER t;
    TIME_FIELDS tf;
    int bad = 0;

    for (LONGLONG day = 0; day < 146097 * 1 + 400; day += 1) {
        LARGE_INTEGER back;
        t.QuadPart = day * TICKS_PER_DAY + 12345678;
        RtlTimeToTimeFields(&t, &tf);
        if (!RtlTimeFieldsToTime(&tf, &back) || back.QuadPart != t.QuadPart - 5678 ||
            tf.Weekday != (day + 1) % 7)
            bad++;
    }
    ok(bad == 0, "%d days failed the round trip\n", bad);
}

TEST(invalid_fields)
{
    LARGE_INTEGER t = {.QuadPart = 77};
    TIME_FIELDS cases[] = {
        fields(1600, 12, 31, 0, 0, 0, 0),  fields(2020, 0, 1, 0, 0, 0, 0),
        fields(2020, 13, 1, 0, 0, 0, 0),   fields(2020, 4, 31, 0, 0, 0, 0),
        fields(2020, 1, 0, 0, 0, 0, 0),    fields(2020, 1, 1, 24, 0, 0, 0),
        fields(2020, 1, 1, 0, 60, 0, 0),   fields(2020, 1, 1, 0, 0, 60, 0),
        fields(2020, 1, 1, 0, 0, 0, 1000), fields(2020, 1, 1, -1, 0, 0, 0),
        fields(32767, 1, 1, 0, 0, 0, 0),
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        ok(!RtlTimeFieldsToTime(&cases[i], &t), "case %zu accepted\n", i);
    ok(t.QuadPart == 77, "Time written on failure\n");
    TIME_FIELDS wd = fields(2020, 1, 1, 0, 0, 0, 0);
    wd.Weekday = 99;
    ok(RtlTimeFieldsToTime(&wd, &t), "Weekday is ignored\n");
}

TEST(local_time_is_utc)
{
    LARGE_INTEGER sys = {.QuadPart = 132000000000000000LL}, local, back;

    ExSystemTimeToLocalTime(&sys, &local);
    ExLocalTimeToSystemTime(&local, &back);
    ok(local.QuadPart == sys.QuadPart && back.QuadPart == sys.QuadPart, "UTC\n");
}
