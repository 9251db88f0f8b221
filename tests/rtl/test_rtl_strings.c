/*
 * test_rtl_strings.c - counted strings, case mapping, conversions, integers, GUIDs, hashing.
 * Expected values are the documented Windows behaviour (WDK reference pages).
 */
#include <string.h>

#include <ntifs.h>

#include "harness.h"

static int wstr_eq(const WCHAR *a, const WCHAR *b)
{
    while (*a && *a == *b)
        a++, b++;
    return *a == *b;
}

static int ustr_is(const UNICODE_STRING *u, const WCHAR *expected)
{
    size_t n = 0;

    while (expected[n])
        n++;
    return u->Length == n * sizeof(WCHAR) && memcmp(u->Buffer, expected, u->Length) == 0;
}

TEST(init_strings)
{
    UNICODE_STRING u;
    ANSI_STRING a;
    static WCHAR longw[0x8001];
    static CHAR longa[0x10000];

    RtlInitUnicodeString(&u, L"abc");
    ok(u.Length == 6 && u.MaximumLength == 8, "lengths %u %u\n", u.Length, u.MaximumLength);
    RtlInitUnicodeString(&u, L"");
    ok(u.Length == 0 && u.MaximumLength == 2 && u.Buffer != NULL, "empty string\n");
    RtlInitUnicodeString(&u, NULL);
    ok(u.Length == 0 && u.MaximumLength == 0 && u.Buffer == NULL, "NULL source\n");

    /* Longer than MAX_USTRING - 2 bytes: clamped (documented). */
    memset(longw, 0x41, sizeof(longw) - sizeof(WCHAR));
    longw[0x8000] = 0;
    RtlInitUnicodeString(&u, longw);
    ok(u.Length == 0xFFFC && u.MaximumLength == 0xFFFE, "clamped %#x %#x\n", u.Length,
       u.MaximumLength);
    ok_status(RtlInitUnicodeStringEx(&u, longw), STATUS_NAME_TOO_LONG);
    ok_status(RtlInitUnicodeStringEx(&u, L"xy"), STATUS_SUCCESS);
    ok(u.Length == 4 && u.MaximumLength == 6, "Ex lengths\n");
    ok_status(RtlInitUnicodeStringEx(&u, NULL), STATUS_SUCCESS);
    ok(u.Length == 0 && u.MaximumLength == 0, "Ex NULL\n");

    RtlInitAnsiString(&a, "hello");
    ok(a.Length == 5 && a.MaximumLength == 6 && strcmp(a.Buffer, "hello") == 0, "ansi\n");
    RtlInitString(&a, NULL);
    ok(a.Length == 0 && a.MaximumLength == 0 && a.Buffer == NULL, "ansi NULL\n");
    ok_status(RtlInitAnsiStringEx(&a, "q"), STATUS_SUCCESS);
    ok(a.Length == 1 && a.MaximumLength == 2, "ansi Ex\n");
    /* 65535 characters and the terminator do not fit a MaximumLength: too long, as the wide
     * form; 65534 do. */
    memset(longa, 'a', sizeof(longa) - 1);
    longa[0xFFFF] = 0;
    ok_status(RtlInitAnsiStringEx(&a, longa), STATUS_NAME_TOO_LONG);
    ok(a.Length == 0 && a.MaximumLength == 0, "ansi Ex too long: empty\n");
    longa[0xFFFE] = 0;
    ok_status(RtlInitAnsiStringEx(&a, longa), STATUS_SUCCESS);
    ok(a.Length == 0xFFFE && a.MaximumLength == 0xFFFF, "ansi Ex longest %#x %#x\n", a.Length,
       a.MaximumLength);
}

TEST(copy_and_append)
{
    WCHAR buf[8];
    UNICODE_STRING dst = {0, sizeof(buf), buf}, src;
    char abuf[4];
    STRING adst = {0, sizeof(abuf), abuf}, asrc;

    RtlInitUnicodeString(&src, L"abc");
    RtlCopyUnicodeString(&dst, &src);
    ok(ustr_is(&dst, L"abc") && buf[3] == 0, "copy\n");
    RtlCopyUnicodeString(&dst, NULL);
    ok(dst.Length == 0 && dst.MaximumLength == sizeof(buf), "copy NULL keeps MaximumLength\n");

    /* Longer than MaximumLength: truncated to it, Length = MaximumLength. */
    RtlInitUnicodeString(&src, L"0123456789");
    RtlCopyUnicodeString(&dst, &src);
    ok(dst.Length == sizeof(buf) && memcmp(buf, L"01234567", sizeof(buf)) == 0, "truncated\n");

    RtlInitUnicodeString(&src, L"ab");
    RtlCopyUnicodeString(&dst, &src);
    ok_status(RtlAppendUnicodeToString(&dst, L"cd"), STATUS_SUCCESS);
    ok(ustr_is(&dst, L"abcd"), "append\n");
    ok_status(RtlAppendUnicodeStringToString(&dst, &src), STATUS_SUCCESS);
    ok(ustr_is(&dst, L"abcdab"), "append string\n");
    /* 6 + 3 characters do not fit in 8: unchanged. */
    ok_status(RtlAppendUnicodeToString(&dst, L"xyz"), STATUS_BUFFER_TOO_SMALL);
    ok(ustr_is(&dst, L"abcdab"), "unchanged after failure\n");
    ok_status(RtlAppendUnicodeStringToString(&dst, &src), STATUS_SUCCESS); /* exactly full */
    ok(dst.Length == dst.MaximumLength, "full\n");
    ok_status(RtlAppendUnicodeToString(&dst, NULL), STATUS_SUCCESS);
    ok_status(RtlAppendUnicodeToString(&dst, L""), STATUS_SUCCESS);
    RtlInitUnicodeString(&src, L"z");
    ok_status(RtlAppendUnicodeStringToString(&dst, &src), STATUS_BUFFER_TOO_SMALL);

    /* MaximumLength 0. */
    dst.Length = 0;
    dst.MaximumLength = 0;
    RtlCopyUnicodeString(&dst, &src);
    ok(dst.Length == 0, "copy into MaximumLength 0\n");
    ok_status(RtlAppendUnicodeStringToString(&dst, &src), STATUS_BUFFER_TOO_SMALL);

    RtlInitString(&asrc, "hello");
    RtlCopyString(&adst, &asrc);
    ok(adst.Length == 4 && memcmp(abuf, "hell", 4) == 0, "ansi copy truncated\n");
    RtlCopyString(&adst, NULL);
    ok(adst.Length == 0, "ansi copy NULL\n");
}

TEST(compare)
{
    UNICODE_STRING a, b;
    STRING sa, sb;

    RtlInitUnicodeString(&a, L"Hello");
    RtlInitUnicodeString(&b, L"hello");
    ok(RtlCompareUnicodeString(&a, &b, FALSE) < 0, "'H' < 'h'\n");
    ok(RtlCompareUnicodeString(&a, &b, TRUE) == 0, "insensitive equal\n");
    ok(!RtlEqualUnicodeString(&a, &b, FALSE), "not equal\n");
    ok(RtlEqualUnicodeString(&a, &b, TRUE), "equal insensitive\n");
    RtlInitUnicodeString(&b, L"Hell");
    ok(RtlCompareUnicodeString(&a, &b, FALSE) > 0, "longer is greater\n");
    ok(RtlCompareUnicodeString(&b, &a, FALSE) < 0, "shorter is less\n");
    ok(RtlPrefixUnicodeString(&b, &a, FALSE), "prefix\n");
    ok(!RtlPrefixUnicodeString(&a, &b, FALSE), "longer is no prefix\n");
    RtlInitUnicodeString(&b, L"HELL");
    ok(!RtlPrefixUnicodeString(&b, &a, FALSE), "case-sensitive prefix\n");
    ok(RtlPrefixUnicodeString(&b, &a, TRUE), "case-insensitive prefix\n");
    RtlInitUnicodeString(&b, L"");
    ok(RtlPrefixUnicodeString(&b, &a, FALSE), "empty is a prefix\n");
    ok(RtlCompareUnicodeString(&b, &b, FALSE) == 0, "empty equals empty\n");
    /* Greek and Cyrillic case-insensitively. */
    RtlInitUnicodeString(&a, L"\x0391\x0392\x0410\x042F");
    RtlInitUnicodeString(&b, L"\x03B1\x03B2\x0430\x044F");
    ok(RtlEqualUnicodeString(&a, &b, TRUE), "Greek/Cyrillic insensitive\n");

    RtlInitString(&sa, "abc");
    RtlInitString(&sb, "ABC");
    ok(RtlCompareString(&sa, &sb, FALSE) > 0, "ansi compare\n");
    ok(RtlCompareString(&sa, &sb, TRUE) == 0, "ansi insensitive\n");
    ok(RtlEqualString(&sa, &sb, TRUE) && !RtlEqualString(&sa, &sb, FALSE), "ansi equal\n");

    ok(RtlCompareMemory("abcd", "abXd", 4) == 2, "compare memory\n");
    ok(RtlCompareMemory("abcd", "abcd", 4) == 4, "all match\n");
    ok(RtlCompareMemory("abcd", "x", 0) == 0, "zero length\n");
}

TEST(case_mapping)
{
    WCHAR buf[8];
    UNICODE_STRING src, dst = {0, sizeof(buf), buf};

    ok(RtlUpcaseUnicodeChar(L'a') == L'A' && RtlUpcaseUnicodeChar(L'Z') == L'Z', "ascii\n");
    ok(RtlUpcaseUnicodeChar(0xE9) == 0xC9, "e acute\n");
    ok(RtlUpcaseUnicodeChar(0xFF) == 0x178, "y diaeresis\n");
    ok(RtlUpcaseUnicodeChar(0xF7) == 0xF7, "division sign\n");
    ok(RtlUpcaseUnicodeChar(0x3C9) == 0x3A9, "omega\n");
    ok(RtlUpcaseUnicodeChar(0x44F) == 0x42F, "ya\n");
    ok(RtlUpcaseUnicodeChar(0x451) == 0x401, "yo\n");
    ok(RtlUpcaseUnicodeChar(0x101) == 0x100, "a macron\n");
    ok(RtlDowncaseUnicodeChar(L'Q') == L'q' && RtlDowncaseUnicodeChar(0xC0) == 0xE0, "down\n");
    ok(RtlDowncaseUnicodeChar(0x3A3) == 0x3C3, "sigma\n");
    /* Latin Extended-A: Y with diaeresis goes to Latin-1's 0xFF; the pairs alternate from an
     * even (0x100) or an odd (0x139) capital. */
    ok(RtlDowncaseUnicodeChar(0x178) == 0xFF && RtlDowncaseUnicodeChar(0x100) == 0x101 &&
           RtlDowncaseUnicodeChar(0x101) == 0x101 && RtlDowncaseUnicodeChar(0x139) == 0x13A &&
           RtlDowncaseUnicodeChar(0x17D) == 0x17E,
       "Latin Extended-A\n");
    ok(RtlUpcaseUnicodeChar(L'1') == L'1', "digit\n");

    RtlInitUnicodeString(&src, L"Ab\x00e9z");
    ok_status(RtlUpcaseUnicodeString(&dst, &src, FALSE), STATUS_SUCCESS);
    ok(ustr_is(&dst, L"AB\x00c9Z"), "upcase\n");
    ok_status(RtlDowncaseUnicodeString(&dst, &dst, FALSE), STATUS_SUCCESS); /* in place */
    ok(ustr_is(&dst, L"ab\x00e9z"), "downcase in place\n");
    ok_status(RtlUpcaseUnicodeString(&dst, &src, TRUE), STATUS_SUCCESS);
    ok(dst.Buffer != buf && ustr_is(&dst, L"AB\x00c9Z"), "allocated\n");
    RtlFreeUnicodeString(&dst);
    ok(dst.Buffer == NULL && dst.Length == 0 && dst.MaximumLength == 0, "freed\n");

    dst.Buffer = buf;
    dst.MaximumLength = 4;
    ok_status(RtlUpcaseUnicodeString(&dst, &src, FALSE), STATUS_BUFFER_OVERFLOW);
}

TEST(ansi_unicode_conversion)
{
    ANSI_STRING a;
    UNICODE_STRING u;
    WCHAR wbuf[4];
    char abuf[4];

    RtlInitAnsiString(&a, "caf\xe9");
    ok(RtlAnsiStringToUnicodeSize(&a) == 10, "size %u\n", (unsigned)RtlAnsiStringToUnicodeSize(&a));
    ok_status(RtlAnsiStringToUnicodeString(&u, &a, TRUE), STATUS_SUCCESS);
    ok(ustr_is(&u, L"caf\x00e9") && u.MaximumLength == 10 && u.Buffer[4] == 0, "widened\n");

    /* Back, allocated, with a character ANSI lacks. */
    u.Buffer[1] = 0x263A;
    ok_status(RtlUnicodeStringToAnsiString(&a, &u, TRUE), STATUS_SUCCESS);
    ok(a.Length == 4 && strcmp(a.Buffer, "c?f\xe9") == 0, "narrowed: %s\n", a.Buffer);
    RtlFreeAnsiString(&a);
    ok(a.Buffer == NULL, "freed\n");
    RtlFreeUnicodeString(&u);

    /* Caller's buffer: room for the terminator is required. */
    u.Buffer = wbuf;
    u.MaximumLength = sizeof(wbuf);
    RtlInitAnsiString(&a, "abcd");
    ok_status(RtlAnsiStringToUnicodeString(&u, &a, FALSE), STATUS_BUFFER_OVERFLOW);
    RtlInitAnsiString(&a, "abc");
    ok_status(RtlAnsiStringToUnicodeString(&u, &a, FALSE), STATUS_SUCCESS);
    ok(ustr_is(&u, L"abc") && wbuf[3] == 0, "fits with terminator\n");

    a.Buffer = abuf;
    a.MaximumLength = 3;
    ok_status(RtlUnicodeStringToAnsiString(&a, &u, FALSE), STATUS_BUFFER_OVERFLOW);
    a.MaximumLength = 4;
    ok_status(RtlUnicodeStringToAnsiString(&a, &u, FALSE), STATUS_SUCCESS);
    ok(a.Length == 3 && strcmp(abuf, "abc") == 0, "ansi in place\n");
    RtlInitUnicodeString(&u, L"");
    ok_status(RtlUnicodeStringToAnsiString(&a, &u, FALSE), STATUS_SUCCESS);
    ok(a.Length == 0 && abuf[0] == 0, "empty\n");
}

TEST(create_and_duplicate)
{
    UNICODE_STRING u, d, empty = {0, 0, NULL};

    ok(RtlCreateUnicodeString(&u, L"dup"), "create\n");
    ok(ustr_is(&u, L"dup") && u.MaximumLength == 8 && u.Buffer[3] == 0, "created\n");
    ok_status(RtlDuplicateUnicodeString(RTL_DUPLICATE_UNICODE_STRING_NULL_TERMINATE, &u, &d),
              STATUS_SUCCESS);
    ok(ustr_is(&d, L"dup") && d.MaximumLength == 8 && d.Buffer[3] == 0 && d.Buffer != u.Buffer,
       "duplicated\n");
    RtlFreeUnicodeString(&d);
    ok_status(RtlDuplicateUnicodeString(0, &u, &d), STATUS_SUCCESS);
    ok(d.Length == 6 && d.MaximumLength == 6, "no terminator\n");
    RtlFreeUnicodeString(&d);
    ok_status(RtlDuplicateUnicodeString(0, &empty, &d), STATUS_SUCCESS);
    ok(d.Buffer == NULL && d.Length == 0 && d.MaximumLength == 0, "empty stays unallocated\n");
    ok_status(RtlDuplicateUnicodeString(3, &empty, &d), STATUS_SUCCESS);
    ok(d.Buffer != NULL && d.Length == 0 && d.MaximumLength == 2 && d.Buffer[0] == 0,
       "ALLOCATE_NULL_STRING\n");
    RtlFreeUnicodeString(&d);
    ok_status(RtlDuplicateUnicodeString(4, &u, &d), STATUS_INVALID_PARAMETER);
    ok_status(RtlDuplicateUnicodeString(0, NULL, &d), STATUS_INVALID_PARAMETER);
    RtlFreeUnicodeString(&u);
}

/* A string of the largest length (0xFFFE bytes) has no room for a terminator in a
 * UNICODE_STRING: duplicating it with NULL_TERMINATE fails and leaves the destination alone;
 * without the flag it is duplicated. */
TEST(duplicate_unicode_string_of_the_largest_length)
{
    static WCHAR big[0x7FFF];
    UNICODE_STRING u = {0xFFFE, 0xFFFE, big}, d = {0, 0, NULL};
    for (size_t i = 0; i < 0x7FFF; i++)
        big[i] = L'a';
    ok_status(RtlDuplicateUnicodeString(RTL_DUPLICATE_UNICODE_STRING_NULL_TERMINATE, &u, &d),
              STATUS_INVALID_PARAMETER);
    ok(d.Buffer == NULL && d.Length == 0 && d.MaximumLength == 0, "destination changed\n");
    ok_status(RtlDuplicateUnicodeString(0, &u, &d), STATUS_SUCCESS);
    ok(d.Length == 0xFFFE && d.MaximumLength == 0xFFFE && d.Buffer[0x7FFE] == L'a', "copy\n");
    RtlFreeUnicodeString(&d);
}

TEST(utf8)
{
    char out[16];
    WCHAR wout[8];
    ULONG n = 99;
    static const WCHAR src[] = {'A', 0xE9, 0x20AC, 0xD83D, 0xDE00, 0};
    static const WCHAR lone[] = {'x', 0xD800, 'y'};

    ok_status(RtlUnicodeToUTF8N(NULL, 0, &n, src, 5 * sizeof(WCHAR)), STATUS_SUCCESS);
    ok(n == 1 + 2 + 3 + 4, "required %lu\n", (unsigned long)n);
    ok_status(RtlUnicodeToUTF8N(out, sizeof(out), &n, src, sizeof(src)), STATUS_SUCCESS);
    ok(n == 11 && memcmp(out, "A\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", 11) == 0,
       "encoded, terminator included (%lu)\n", (unsigned long)n);
    ok_status(RtlUnicodeToUTF8N(out, 4, &n, src, 5 * sizeof(WCHAR)), STATUS_BUFFER_TOO_SMALL);
    ok(n == 3, "whole characters only: %lu\n", (unsigned long)n);
    ok_status(RtlUnicodeToUTF8N(out, sizeof(out), &n, lone, sizeof(lone)), STATUS_SOME_NOT_MAPPED);
    ok(n == 5 && memcmp(out, "x\xef\xbf\xbdy", 5) == 0, "U+FFFD for a lone surrogate\n");
    ok_status(RtlUnicodeToUTF8N(NULL, 0, NULL, src, 2), STATUS_INVALID_PARAMETER);
    ok_status(RtlUnicodeToUTF8N(out, 4, &n, NULL, 2), STATUS_INVALID_PARAMETER_4);
    ok_status(RtlUnicodeToUTF8N(out, 4, &n, src, 3), STATUS_INVALID_PARAMETER_5);
    ok_status(RtlUnicodeToUTF8N(out, 4, &n, src, 0), STATUS_SUCCESS);
    ok(n == 0, "empty\n");

    ok_status(RtlUTF8ToUnicodeN(NULL, 0, &n, "A\xc3\xa9\xf0\x9f\x98\x80", 7), STATUS_SUCCESS);
    ok(n == 8, "required %lu\n", (unsigned long)n);
    ok_status(RtlUTF8ToUnicodeN(wout, sizeof(wout), &n, "A\xc3\xa9\xf0\x9f\x98\x80", 8),
              STATUS_SUCCESS);
    ok(n == 10 && wout[0] == 'A' && wout[1] == 0xE9 && wout[2] == 0xD83D && wout[3] == 0xDE00 &&
           wout[4] == 0,
       "decoded\n");
    ok_status(RtlUTF8ToUnicodeN(wout, 6, &n, "A\xc3\xa9\xf0\x9f\x98\x80", 7),
              STATUS_BUFFER_TOO_SMALL);
    ok(n == 4, "a surrogate pair is not split: %lu\n", (unsigned long)n);
    ok_status(RtlUTF8ToUnicodeN(wout, sizeof(wout), &n, "a\xff\xc0\x80z", 5),
              STATUS_SOME_NOT_MAPPED);
    ok(wout[0] == 'a' && wout[1] == 0xFFFD && wout[n / 2 - 1] == 'z', "invalid bytes\n");
    ok_status(RtlUTF8ToUnicodeN(wout, sizeof(wout), &n, "\xed\xa0\x80", 3),
              STATUS_SOME_NOT_MAPPED); /* an encoded surrogate */
    ok_status(RtlUTF8ToUnicodeN(wout, sizeof(wout), &n, "\xe2\x82", 2),
              STATUS_SOME_NOT_MAPPED); /* truncated */
    ok_status(RtlUTF8ToUnicodeN(NULL, 0, NULL, "a", 1), STATUS_INVALID_PARAMETER);
    ok_status(RtlUTF8ToUnicodeN(wout, 8, &n, NULL, 1), STATUS_INVALID_PARAMETER_4);
}

TEST(integer_to_string)
{
    WCHAR buf[40];
    UNICODE_STRING u = {0, sizeof(buf), buf};

    ok_status(RtlIntegerToUnicodeString(1234, 0, &u), STATUS_SUCCESS);
    ok(ustr_is(&u, L"1234") && buf[4] == 0, "decimal\n");
    ok_status(RtlIntegerToUnicodeString(0xBEEF, 16, &u), STATUS_SUCCESS);
    ok(ustr_is(&u, L"BEEF"), "hex is upper case\n");
    ok_status(RtlIntegerToUnicodeString(8, 8, &u), STATUS_SUCCESS);
    ok(ustr_is(&u, L"10"), "octal\n");
    ok_status(RtlIntegerToUnicodeString(5, 2, &u), STATUS_SUCCESS);
    ok(ustr_is(&u, L"101"), "binary\n");
    ok_status(RtlIntegerToUnicodeString(0, 10, &u), STATUS_SUCCESS);
    ok(ustr_is(&u, L"0"), "zero\n");
    ok_status(RtlIntegerToUnicodeString(0xFFFFFFFF, 10, &u), STATUS_SUCCESS);
    ok(ustr_is(&u, L"4294967295"), "ULONG max\n");
    ok_status(RtlIntegerToUnicodeString(1, 3, &u), STATUS_INVALID_PARAMETER);
    ok_status(RtlInt64ToUnicodeString(0xFFFFFFFFFFFFFFFFull, 16, &u), STATUS_SUCCESS);
    ok(ustr_is(&u, L"FFFFFFFFFFFFFFFF"), "ULONGLONG max\n");
    ok_status(RtlInt64ToUnicodeString(12345678901234ull, 10, &u), STATUS_SUCCESS);
    ok(ustr_is(&u, L"12345678901234"), "int64 decimal\n");
    u.MaximumLength = 8; /* "1234" needs 10 bytes with its terminator */
    ok_status(RtlIntegerToUnicodeString(1234, 10, &u), STATUS_BUFFER_OVERFLOW);
    u.MaximumLength = 0;
    ok_status(RtlIntegerToUnicodeString(1, 10, &u), STATUS_BUFFER_OVERFLOW);
}

static ULONG parse(const WCHAR *s, ULONG base, NTSTATUS *status)
{
    UNICODE_STRING u;
    ULONG v = 0xDEADBEEF;

    RtlInitUnicodeString(&u, s);
    *status = RtlUnicodeStringToInteger(&u, base, &v);
    return v;
}

TEST(string_to_integer)
{
    NTSTATUS st;
    ULONG v;
    UNICODE_STRING empty = {0, 0, NULL};

    /* The table of the RtlUnicodeStringToInteger reference page. */
    ok(parse(L"123", 10, &st) == 123 && st == STATUS_SUCCESS, "123\n");
    ok(parse(L"-345", 10, &st) == (ULONG)-345 && st == STATUS_SUCCESS, "-345\n");
    ok(parse(L"xyz", 10, &st) == 0 && st == STATUS_SUCCESS, "xyz\n");
    ok(parse(L"+678abc", 10, &st) == 678, "+678abc base 10\n");
    ok(parse(L"+678abc", 16, &st) == 6785724, "+678abc base 16\n");
    ok(parse(L"007", 10, &st) == 7, "007\n");
    ok(parse(L"789", 8, &st) == 7, "789 base 8\n");
    ok(parse(L"FGH", 16, &st) == 15, "FGH base 16\n");
    ok(parse(L" ", 10, &st) == 0 && st == STATUS_SUCCESS, "blank\n");
    /* Prefixes with Base 0, and bases 2/8/10/16. */
    ok(parse(L"0x1F", 0, &st) == 31, "0x\n");
    ok(parse(L"0o17", 0, &st) == 15, "0o\n");
    ok(parse(L"0b101", 0, &st) == 5, "0b\n");
    ok(parse(L"  42", 0, &st) == 42, "leading white space\n");
    ok(parse(L"1101", 2, &st) == 13, "base 2\n");
    ok(parse(L"777", 8, &st) == 511, "base 8\n");
    ok(parse(L"ffffffff", 16, &st) == 0xFFFFFFFF, "base 16 max\n");
    ok(parse(L"4294967295", 10, &st) == 0xFFFFFFFF, "ULONG max\n");
    /* Overflow is not detected (nothing documented): the value wraps modulo 2^32. */
    ok(parse(L"4294967296", 10, &st) == 0 && st == STATUS_SUCCESS, "wraps\n");
    parse(L"1", 7, &st);
    ok(st == STATUS_INVALID_PARAMETER, "base 7\n");
    st = RtlUnicodeStringToInteger(&empty, 10, &v);
    ok(st == STATUS_INVALID_PARAMETER, "empty string fails\n");

    ok_status(RtlCharToInteger("0x10", 0, &v), STATUS_SUCCESS);
    ok(v == 16, "char 0x10\n");
    ok_status(RtlCharToInteger("-12", 10, &v), STATUS_SUCCESS);
    ok(v == (ULONG)-12, "char -12\n");
    ok_status(RtlCharToInteger("12", 5, &v), STATUS_INVALID_PARAMETER);
    /* drvhost's own check (docs/coverage.md): Windows documents none and reads through both. */
    v = 7;
    ok_status(RtlCharToInteger(NULL, 10, &v), STATUS_INVALID_PARAMETER);
    ok(v == 7, "a NULL string changed the result: %lu\n", (unsigned long)v);
    ok_status(RtlCharToInteger("12", 10, NULL), STATUS_INVALID_PARAMETER);
}

TEST(guid_strings)
{
    static const GUID g = {
        0x4D36E967, 0xE325, 0x11CE, {0xBF, 0xC1, 0x08, 0x00, 0x2B, 0xE1, 0x03, 0x18}};
    UNICODE_STRING s, in;
    GUID back;

    ok_status(RtlStringFromGUID(&g, &s), STATUS_SUCCESS);
    ok(wstr_eq(s.Buffer, L"{4D36E967-E325-11CE-BFC1-08002BE10318}"), "string\n");
    ok(s.Length == 76 && s.MaximumLength == 78, "lengths %u %u\n", s.Length, s.MaximumLength);
    ok_status(RtlGUIDFromString(&s, &back), STATUS_SUCCESS);
    ok(memcmp(&back, &g, sizeof(g)) == 0, "round trip\n");
    RtlFreeUnicodeString(&s);

    RtlInitUnicodeString(&in, L"{4d36e967-e325-11ce-bfc1-08002be10318}");
    ok_status(RtlGUIDFromString(&in, &back), STATUS_SUCCESS);
    ok(memcmp(&back, &g, sizeof(g)) == 0, "lower case\n");
    RtlInitUnicodeString(&in, L"4d36e967-e325-11ce-bfc1-08002be10318");
    ok_status(RtlGUIDFromString(&in, &back), STATUS_INVALID_PARAMETER);
    RtlInitUnicodeString(&in, L"{4d36e967-e325-11ce-bfc1-08002be1031g}");
    ok_status(RtlGUIDFromString(&in, &back), STATUS_INVALID_PARAMETER);
    RtlInitUnicodeString(&in, L"{4d36e967+e325-11ce-bfc1-08002be10318}");
    ok_status(RtlGUIDFromString(&in, &back), STATUS_INVALID_PARAMETER);
}

TEST(hash)
{
    UNICODE_STRING a, b;
    ULONG h1 = 0, h2 = 1;

    RtlInitUnicodeString(&a, L"AbC");
    RtlInitUnicodeString(&b, L"aBc");
    ok_status(RtlHashUnicodeString(&a, TRUE, HASH_STRING_ALGORITHM_X65599, &h1), STATUS_SUCCESS);
    ok_status(RtlHashUnicodeString(&b, TRUE, HASH_STRING_ALGORITHM_DEFAULT, &h2), STATUS_SUCCESS);
    ok(h1 == h2, "case-insensitive hashes match\n");
    /* x65599 over "ABC": ((65 * 65599) + 66) * 65599 + 67, modulo 2^32. */
    ok(h1 == (ULONG)((65u * 65599u + 66u) * 65599u + 67u), "x65599 %#lx\n", (unsigned long)h1);
    ok_status(RtlHashUnicodeString(&b, FALSE, HASH_STRING_ALGORITHM_X65599, &h2), STATUS_SUCCESS);
    ok(h1 != h2, "case-sensitive differs\n");
    ok_status(RtlHashUnicodeString(&a, TRUE, 7, &h1), STATUS_INVALID_PARAMETER);
    ok_status(RtlHashUnicodeString(NULL, TRUE, 0, &h1), STATUS_INVALID_PARAMETER);
    ok_status(RtlHashUnicodeString(&a, TRUE, 0, NULL), STATUS_INVALID_PARAMETER);
}

/* Allocated results: MaximumLength is the allocation, the size routine's count with the
 * terminator (the caller's old MaximumLength does not survive); a result longer than a
 * UNICODE_STRING can hold fails and allocates nothing. */
TEST(ansi_unicode_conversion_allocated_sizes)
{
    static char big[40000];
    UNICODE_STRING u;
    ANSI_STRING a = {0, 0x7777, NULL};

    RtlInitUnicodeString(&u, L"sized");
    ok_status(RtlUnicodeStringToAnsiString(&a, &u, TRUE), STATUS_SUCCESS);
    ok(a.Length == 5 && a.MaximumLength == RtlUnicodeStringToAnsiSize(&u) && a.Buffer[5] == 0,
       "allocated ANSI: Length %u, MaximumLength %u\n", a.Length, a.MaximumLength);
    RtlFreeAnsiString(&a);

    memset(big, 'x', sizeof(big));
    a.Buffer = big;
    a.Length = a.MaximumLength = sizeof(big); /* 80002 bytes once widened */
    u.Buffer = (PWCH)0x1234;
    u.Length = u.MaximumLength = 0x55;
    ok(!NT_SUCCESS(RtlAnsiStringToUnicodeString(&u, &a, TRUE)), "too long for a UNICODE_STRING\n");
    ok(u.Buffer == (PWCH)0x1234 && u.Length == 0x55, "nothing allocated or changed\n");
}

/* RtlUnicodeToMultiByteN and friends (ntifs.h) through drvhost's ANSI code page, Latin-1: one
 * byte per character; truncation is STATUS_SUCCESS with the shorter count; a character the code
 * page lacks becomes '?'; the terminator goes only when the count includes it. */
TEST(multibyte_buffers)
{
    static const WCHAR src[] = {L'd', 0xE9, L'j', 0x0100, L'a', 0};
    static const CHAR bytes[] = {'c', (CHAR)0xE7, 'a', 0};
    CHAR out[8];
    WCHAR wide[8];
    ULONG n = 99;
    memset(out, 'x', sizeof(out));
    ok_status(RtlUnicodeToMultiByteN(out, sizeof(out), &n, src, sizeof(src)), STATUS_SUCCESS);
    ok(n == 6 && memcmp(out, "d\xE9j?a\0", 6) == 0, "to ANSI: %lu bytes\n", (unsigned long)n);
    memset(out, 'x', sizeof(out));
    ok_status(RtlUnicodeToMultiByteN(out, 3, &n, src, sizeof(src)), STATUS_SUCCESS);
    ok(n == 3 && out[3] == 'x', "truncated to 3: %lu\n", (unsigned long)n);
    ok_status(RtlUnicodeToMultiByteN(out, sizeof(out), NULL, src, 2 * sizeof(WCHAR)),
              STATUS_SUCCESS);
    ok_status(RtlUnicodeToMultiByteSize(&n, src, sizeof(src)), STATUS_SUCCESS);
    ok(n == 6, "size %lu\n", (unsigned long)n);
    ok_status(RtlMultiByteToUnicodeN(wide, sizeof(wide), &n, bytes, sizeof(bytes)), STATUS_SUCCESS);
    ok(n == 8 && wide[0] == L'c' && wide[1] == 0xE7 && wide[3] == 0, "to Unicode: %lu bytes\n",
       (unsigned long)n);
    ok_status(RtlMultiByteToUnicodeN(wide, 5, &n, bytes, sizeof(bytes)), STATUS_SUCCESS);
    ok(n == 4, "truncated to 2 characters (5 bytes of room): %lu\n", (unsigned long)n);
    ok_status(RtlMultiByteToUnicodeSize(&n, bytes, 3), STATUS_SUCCESS);
    ok(n == 6, "size %lu\n", (unsigned long)n);
}

/* RtlUnicodeToMultiByteN alone: the terminator only when the counted source holds one; an
 * empty source. */
TEST(unicode_to_multibyte)
{
    static const WCHAR text[] = L"caf\x00e9\x263A";
    char out[8];
    ULONG n = 99;

    memset(out, 'x', sizeof(out));
    ok_status(RtlUnicodeToMultiByteN(out, sizeof(out), &n, text, sizeof(text)), STATUS_SUCCESS);
    ok(n == 6 && memcmp(out, "caf\xe9?", 6) == 0, "translated with terminator: %lu\n",
       (unsigned long)n);

    /* Truncated: no error, the length tells; no terminator written. */
    memset(out, 'x', sizeof(out));
    ok_status(RtlUnicodeToMultiByteN(out, 3, &n, text, sizeof(text)), STATUS_SUCCESS);
    ok(n == 3 && memcmp(out, "cafx", 4) == 0, "truncated: %lu\n", (unsigned long)n);

    /* Without the terminator in the count, none is added; the length is optional. */
    memset(out, 'x', sizeof(out));
    ok_status(RtlUnicodeToMultiByteN(out, sizeof(out), NULL, text, 2 * sizeof(WCHAR)),
              STATUS_SUCCESS);
    ok(memcmp(out, "cax", 3) == 0, "two characters, no terminator\n");
    ok_status(RtlUnicodeToMultiByteN(out, sizeof(out), &n, text, 0), STATUS_SUCCESS);
    ok(n == 0, "empty source: %lu\n", (unsigned long)n);
}
