/*
 * time.c - converting system time (100 ns units since 1601-01-01 UTC) to and from calendar
 * fields, seconds since 1970 and 1980, and local time.
 *
 * The calendar is the proleptic Gregorian one Windows uses. Day numbers are counted from
 * 1601-01-01 (day 0, a Monday); 1601 starts a 400-year Gregorian cycle, which keeps the
 * arithmetic on non-negative numbers.
 *
 * Local time: drvhost runs every driver in the UTC time zone with no daylight saving time,
 * whatever the host's TZ says, so that a driver's behaviour does not depend on the machine
 * running it. ExSystemTimeToLocalTime and ExLocalTimeToSystemTime therefore copy the value.
 *
 * No state, no allocation: any IRQL.
 */
#include "rtl/rtl_private.h"

#define TICKS_PER_MS       10000LL
#define TICKS_PER_SECOND   10000000LL
#define TICKS_PER_DAY      (86400LL * TICKS_PER_SECOND)
#define DAYS_PER_400_YEARS 146097
#define DAYS_1601_TO_1970  134774LL
#define DAYS_1601_TO_1980  138426LL

static int is_leap(LONGLONG year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int days_in_month(LONGLONG year, int month)
{
    static const unsigned char days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return days[month - 1] + (month == 2 && is_leap(year));
}

/* Days from 1601-01-01 to January 1st of `year` (year >= 1601). */
static LONGLONG days_before_year(LONGLONG year)
{
    LONGLONG y = year - 1601;
    return y * 365 + y / 4 - y / 100 + y / 400;
}

/* Day number (>= 0) to year, month, day. */
static void civil_from_days(LONGLONG days, TIME_FIELDS *tf)
{
    LONGLONG cycles = days / DAYS_PER_400_YEARS, rest = days % DAYS_PER_400_YEARS;
    LONGLONG year = 1601 + cycles * 400 + rest / 365; /* at most one year too far */
    int month = 1;

    if (days_before_year(year) > days)
        year--;
    rest = days - days_before_year(year);
    while (rest >= days_in_month(year, month)) {
        rest -= days_in_month(year, month);
        month++;
    }
    tf->Year = (CSHORT)year;
    tf->Month = (CSHORT)month;
    tf->Day = (CSHORT)(rest + 1);
}

/* A negative time (before 1601, never produced by the system clock) is taken as 0. */
NTSYSAPI VOID NTAPI RtlTimeToTimeFields(PLARGE_INTEGER Time, PTIME_FIELDS TimeFields)
{
    LONGLONG t = Time->QuadPart > 0 ? Time->QuadPart : 0;
    LONGLONG days = t / TICKS_PER_DAY, in_day = t % TICKS_PER_DAY;
    LONGLONG seconds = in_day / TICKS_PER_SECOND;

    civil_from_days(days, TimeFields);
    TimeFields->Hour = (CSHORT)(seconds / 3600);
    TimeFields->Minute = (CSHORT)(seconds / 60 % 60);
    TimeFields->Second = (CSHORT)(seconds % 60);
    TimeFields->Milliseconds = (CSHORT)(in_day % TICKS_PER_SECOND / TICKS_PER_MS);
    TimeFields->Weekday = (CSHORT)((days + 1) % 7); /* 1601-01-01 was a Monday (1) */
}

static BOOLEAN fields_valid(const TIME_FIELDS *tf)
{
    return tf->Year >= 1601 && tf->Month >= 1 && tf->Month <= 12 && tf->Day >= 1 &&
           tf->Day <= days_in_month(tf->Year, tf->Month) && tf->Hour >= 0 && tf->Hour <= 23 &&
           tf->Minute >= 0 && tf->Minute <= 59 && tf->Second >= 0 && tf->Second <= 59 &&
           tf->Milliseconds >= 0 && tf->Milliseconds <= 999;
}

NTSYSAPI BOOLEAN NTAPI RtlTimeFieldsToTime(PTIME_FIELDS TimeFields, PLARGE_INTEGER Time)
{
    LONGLONG days, ms, ticks;
    int m;

    if (!fields_valid(TimeFields))
        return FALSE;
    days = days_before_year(TimeFields->Year) + TimeFields->Day - 1;
    for (m = 1; m < TimeFields->Month; m++)
        days += days_in_month(TimeFields->Year, m);
    ms = ((TimeFields->Hour * 60LL + TimeFields->Minute) * 60 + TimeFields->Second) * 1000 +
         TimeFields->Milliseconds;
    /* Years up to 32767 fit a day count easily; the ticks may not (past 30828-09-14). */
    if (__builtin_mul_overflow(days, TICKS_PER_DAY, &ticks) ||
        __builtin_add_overflow(ticks, ms * TICKS_PER_MS, &ticks))
        return FALSE;
    Time->QuadPart = ticks;
    return TRUE;
}

NTKERNELAPI VOID NTAPI ExSystemTimeToLocalTime(PLARGE_INTEGER SystemTime, PLARGE_INTEGER LocalTime)
{
    LocalTime->QuadPart = SystemTime->QuadPart; /* UTC, no daylight saving: see the top */
}

NTKERNELAPI VOID NTAPI ExLocalTimeToSystemTime(PLARGE_INTEGER LocalTime, PLARGE_INTEGER SystemTime)
{
    SystemTime->QuadPart = LocalTime->QuadPart;
}

/* Whole seconds from the epoch (a day number) to Time, when they fit a ULONG. */
static BOOLEAN seconds_since(LONGLONG epoch_days, const LARGE_INTEGER *time, PULONG seconds)
{
    LONGLONG s = time->QuadPart / TICKS_PER_SECOND - epoch_days * 86400;
    if (time->QuadPart < 0 || s < 0 || s > 0xFFFFFFFFLL)
        return FALSE;
    *seconds = (ULONG)s;
    return TRUE;
}

NTSYSAPI BOOLEAN NTAPI RtlTimeToSecondsSince1970(PLARGE_INTEGER Time, PULONG ElapsedSeconds)
{
    return seconds_since(DAYS_1601_TO_1970, Time, ElapsedSeconds);
}

NTSYSAPI BOOLEAN NTAPI RtlTimeToSecondsSince1980(PLARGE_INTEGER Time, PULONG ElapsedSeconds)
{
    return seconds_since(DAYS_1601_TO_1980, Time, ElapsedSeconds);
}

NTSYSAPI VOID NTAPI RtlSecondsSince1970ToTime(ULONG ElapsedSeconds, PLARGE_INTEGER Time)
{
    Time->QuadPart = (DAYS_1601_TO_1970 * 86400 + ElapsedSeconds) * TICKS_PER_SECOND;
}

NTSYSAPI VOID NTAPI RtlSecondsSince1980ToTime(ULONG ElapsedSeconds, PLARGE_INTEGER Time)
{
    Time->QuadPart = (DAYS_1601_TO_1980 * 86400 + ElapsedSeconds) * TICKS_PER_SECOND;
}
