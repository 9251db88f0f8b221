/*
 * test_ntstrsafe.c - the safe string functions of ntstrsafe.h: sizes 0 and above the maximum,
 * exact fits, truncation (STATUS_BUFFER_OVERFLOW, still terminated), a full destination in Cat,
 * the Ex flags, and the UNICODE_STRING forms. Expected values are the documented ones.
 */
#include <string.h>

#include <wdm.h>
#include <ntstrsafe.h>

#include "harness.h"

static int wstr_eq(const WCHAR *a, const WCHAR *b)
{
    while (*a && *a == *b)
        a++, b++;
    return *a == *b;
}

TEST(copy)
{
    char a[6];
    WCHAR w[6];

    ok_status(RtlStringCchCopyA(a, sizeof(a), "hello"), STATUS_SUCCESS); /* exact fit */
    ok(strcmp(a, "hello") == 0, "copied\n");
    ok_status(RtlStringCchCopyA(a, sizeof(a), "hello!"), STATUS_BUFFER_OVERFLOW);
    ok(strcmp(a, "hello") == 0, "truncated and terminated\n");
    ok_status(RtlStringCchCopyA(a, 0, "x"), STATUS_INVALID_PARAMETER);
    ok_status(RtlStringCchCopyA(a, (size_t)NTSTRSAFE_MAX_CCH + 1, "x"), STATUS_INVALID_PARAMETER);
    ok_status(RtlStringCchCopyA(a, 1, ""), STATUS_SUCCESS);
    ok(a[0] == 0, "empty\n");
    ok_status(RtlStringCchCopyA(a, 1, "x"), STATUS_BUFFER_OVERFLOW);
    ok(a[0] == 0, "one-character buffer holds the terminator only\n");

    ok_status(RtlStringCbCopyW(w, sizeof(w), L"12345"), STATUS_SUCCESS);
    ok(wstr_eq(w, L"12345"), "wide copy\n");
    ok_status(RtlStringCbCopyW(w, sizeof(w), L"123456"), STATUS_BUFFER_OVERFLOW);
    ok(wstr_eq(w, L"12345"), "wide truncated\n");
    ok_status(RtlStringCbCopyW(w, 1, L""), STATUS_INVALID_PARAMETER); /* less than one WCHAR */
    ok_status(RtlStringCchCopyW(w, 3, L"ab"), STATUS_SUCCESS);

    ok_status(RtlStringCchCopyNA(a, sizeof(a), "abcdef", 3), STATUS_SUCCESS);
    ok(strcmp(a, "abc") == 0, "copy N\n");
    ok_status(RtlStringCchCopyNA(a, sizeof(a), "ab", 10), STATUS_SUCCESS);
    ok(strcmp(a, "ab") == 0, "copy N, short source\n");
    ok_status(RtlStringCchCopyNA(a, 3, "abcdef", 5), STATUS_BUFFER_OVERFLOW);
    ok(strcmp(a, "ab") == 0, "copy N truncated\n");
    ok_status(RtlStringCchCopyNA(a, sizeof(a), "ab", (size_t)NTSTRSAFE_MAX_CCH + 1),
              STATUS_INVALID_PARAMETER);
    ok_status(RtlStringCbCopyNW(w, sizeof(w), L"wxyz", 2 * sizeof(WCHAR)), STATUS_SUCCESS);
    ok(wstr_eq(w, L"wx"), "wide copy N by bytes\n");
    ok_status(RtlStringCchCopyNW(w, sizeof(w) / sizeof(WCHAR), L"q", 0), STATUS_SUCCESS);
    ok(w[0] == 0, "copy 0 characters\n");
}

TEST(cat)
{
    char a[6];
    WCHAR w[6];

    strcpy(a, "ab");
    ok_status(RtlStringCchCatA(a, sizeof(a), "cde"), STATUS_SUCCESS); /* exact fit */
    ok(strcmp(a, "abcde") == 0, "cat\n");
    ok_status(RtlStringCchCatA(a, sizeof(a), ""), STATUS_SUCCESS);
    ok_status(RtlStringCchCatA(a, sizeof(a), "f"), STATUS_BUFFER_OVERFLOW);
    ok(strcmp(a, "abcde") == 0, "full stays terminated\n");
    strcpy(a, "abc");
    ok_status(RtlStringCbCatA(a, sizeof(a), "defg"), STATUS_BUFFER_OVERFLOW);
    ok(strcmp(a, "abcde") == 0, "cat truncated\n");
    memset(a, 'x', sizeof(a)); /* no terminator within the buffer: "already full" */
    ok_status(RtlStringCchCatA(a, sizeof(a), "y"), STATUS_INVALID_PARAMETER);
    ok_status(RtlStringCchCatA(a, 0, "y"), STATUS_INVALID_PARAMETER);

    strcpy(a, "a");
    ok_status(RtlStringCchCatNA(a, sizeof(a), "bcdef", 2), STATUS_SUCCESS);
    ok(strcmp(a, "abc") == 0, "cat N\n");
    ok_status(RtlStringCbCatNA(a, sizeof(a), "xyz", 3), STATUS_BUFFER_OVERFLOW);
    ok(strcmp(a, "abcxy") == 0, "cat N truncated\n");

    w[0] = 0;
    ok_status(RtlStringCchCatW(w, 6, L"12"), STATUS_SUCCESS);
    ok_status(RtlStringCbCatW(w, sizeof(w), L"345"), STATUS_SUCCESS);
    ok(wstr_eq(w, L"12345"), "wide cat\n");
    ok_status(RtlStringCchCatNW(w, 6, L"6", 1), STATUS_BUFFER_OVERFLOW);
    ok_status(RtlStringCbCatNW(w, sizeof(w), L"", 0), STATUS_SUCCESS);
}

TEST(printf)
{
    char a[8];
    WCHAR w[8];
    UNICODE_STRING u;

    ok_status(RtlStringCchPrintfA(a, sizeof(a), "%d-%s", 12, "ab"), STATUS_SUCCESS);
    ok(strcmp(a, "12-ab") == 0, "printf\n");
    ok_status(RtlStringCchPrintfA(a, sizeof(a), "%s", "1234567"), STATUS_SUCCESS); /* exact */
    ok(strcmp(a, "1234567") == 0, "exact fit\n");
    ok_status(RtlStringCchPrintfA(a, sizeof(a), "%s", "12345678"), STATUS_BUFFER_OVERFLOW);
    ok(strcmp(a, "1234567") == 0, "truncated, terminated\n");
    ok_status(RtlStringCbPrintfA(a, 0, "x"), STATUS_INVALID_PARAMETER);
    ok_status(RtlStringCchPrintfA(a, 1, ""), STATUS_SUCCESS);
    ok_status(RtlStringCchPrintfA(a, 1, "x"), STATUS_BUFFER_OVERFLOW);
    ok(a[0] == 0, "terminator only\n");

    RtlInitUnicodeString(&u, L"dev");
    ok_status(RtlStringCbPrintfW(w, sizeof(w), L"%wZ%d", &u, 7), STATUS_SUCCESS);
    ok(wstr_eq(w, L"dev7"), "wide printf with %%wZ\n");
    ok_status(RtlStringCchPrintfW(w, 8, L"%I64x", 0x123456789ULL), STATUS_BUFFER_OVERFLOW);
    ok(wstr_eq(w, L"1234567"), "wide truncated\n");
}

TEST(length)
{
    size_t n = 99;

    ok_status(RtlStringCchLengthA("abc", 4, &n), STATUS_SUCCESS);
    ok(n == 3, "length %zu\n", n);
    ok_status(RtlStringCchLengthA("abc", 3, &n), STATUS_INVALID_PARAMETER); /* no room for NUL */
    ok(n == 0, "length on failure %zu\n", n);
    ok_status(RtlStringCchLengthA(NULL, 4, &n), STATUS_INVALID_PARAMETER);
    ok_status(RtlStringCchLengthA("a", (size_t)NTSTRSAFE_MAX_CCH + 1, &n),
              STATUS_INVALID_PARAMETER);
    ok_status(RtlStringCchLengthA("", 0, &n), STATUS_INVALID_PARAMETER);
    ok_status(RtlStringCchLengthA("", 1, NULL), STATUS_SUCCESS);
    ok_status(RtlStringCbLengthW(L"abc", 8, &n), STATUS_SUCCESS);
    ok(n == 6, "bytes %zu\n", n);
    ok_status(RtlStringCbLengthW(L"abc", 7, &n), STATUS_INVALID_PARAMETER);
    ok_status(RtlStringCchLengthW(L"ab", 3, &n), STATUS_SUCCESS);
    ok(n == 2, "wide length\n");
}

TEST(copy_ex_flags)
{
    char a[8], *end = NULL;
    WCHAR w[4], *wend = NULL;
    size_t rem = 0;

    ok_status(RtlStringCchCopyExA(a, sizeof(a), "abc", &end, &rem, 0), STATUS_SUCCESS);
    ok(end == a + 3 && rem == 5 && *end == 0, "end and remaining\n");

    memset(a, 'x', sizeof(a));
    ok_status(RtlStringCchCopyExA(a, sizeof(a), "ab", &end, &rem, STRSAFE_FILL_BYTE('*')),
              STATUS_SUCCESS);
    ok(memcmp(a, "ab\0*****", 8) == 0, "fill behind null\n");

    ok_status(RtlStringCchCopyExA(a, 4, "abcdef", &end, &rem, 0), STATUS_BUFFER_OVERFLOW);
    ok(strcmp(a, "abc") == 0 && end == a + 3 && rem == 1, "truncated end/remaining\n");
    ok_status(RtlStringCchCopyExA(a, 4, "abcdef", &end, &rem, STRSAFE_NO_TRUNCATION),
              STATUS_BUFFER_OVERFLOW);
    ok(a[0] == 0 && end == a && rem == 4, "no truncation: empty\n");
    ok_status(RtlStringCchCopyExA(a, 4, "abcdef", &end, &rem, STRSAFE_NULL_ON_FAILURE),
              STATUS_BUFFER_OVERFLOW);
    ok(a[0] == 0, "null on failure\n");
    ok_status(RtlStringCchCopyExA(a, 4, "abcdef", &end, &rem, STRSAFE_FAILURE_BYTE('#')),
              STATUS_BUFFER_OVERFLOW);
    ok(memcmp(a, "###\0", 4) == 0 && end == a + 3 && rem == 1, "fill on failure\n");

    ok_status(RtlStringCchCopyExA(a, sizeof(a), NULL, &end, &rem, 0), STATUS_INVALID_PARAMETER);
    ok_status(RtlStringCchCopyExA(a, sizeof(a), NULL, &end, &rem, STRSAFE_IGNORE_NULLS),
              STATUS_SUCCESS);
    ok(a[0] == 0 && end == a && rem == sizeof(a), "NULL source is empty\n");
    ok_status(RtlStringCchCopyExA(NULL, 0, "", &end, &rem, STRSAFE_IGNORE_NULLS), STATUS_SUCCESS);
    ok_status(RtlStringCchCopyExA(NULL, 0, "x", &end, &rem, STRSAFE_IGNORE_NULLS),
              STATUS_INVALID_PARAMETER);
    ok_status(RtlStringCchCopyExA(NULL, 3, "", &end, &rem, STRSAFE_IGNORE_NULLS),
              STATUS_INVALID_PARAMETER);
    ok_status(RtlStringCchCopyExA(a, sizeof(a), "a", &end, &rem, 0x10000),
              STATUS_INVALID_PARAMETER); /* unknown flag */

    ok_status(RtlStringCbCopyExW(w, sizeof(w), L"ab", &wend, &rem, 0), STATUS_SUCCESS);
    ok(wend == w + 2 && rem == 2 * sizeof(WCHAR), "wide Cb remaining in bytes: %zu\n", rem);
    ok_status(RtlStringCchCopyExW(w, 4, L"abcd", &wend, &rem, 0), STATUS_BUFFER_OVERFLOW);
    ok(wstr_eq(w, L"abc") && rem == 1, "wide Cch truncated\n");
}

TEST(printf_ex)
{
    char a[8], *end = NULL;
    WCHAR w[8], *wend = NULL;
    size_t rem = 0;

    ok_status(RtlStringCbPrintfExA(a, sizeof(a), &end, &rem, 0, "%d", 42), STATUS_SUCCESS);
    ok(strcmp(a, "42") == 0 && end == a + 2 && rem == 6, "printf ex\n");
    ok_status(RtlStringCbPrintfExA(a, 4, &end, &rem, STRSAFE_NO_TRUNCATION, "%d", 123456),
              STATUS_BUFFER_OVERFLOW);
    ok(a[0] == 0, "no truncation\n");
    ok_status(RtlStringCbPrintfExA(a, 4, &end, &rem, 0, "%d", 123456), STATUS_BUFFER_OVERFLOW);
    ok(strcmp(a, "123") == 0 && rem == 1, "truncated\n");
    ok_status(RtlStringCbPrintfExW(w, sizeof(w), &wend, &rem, STRSAFE_FILL_BYTE(0), L"%ws", L"hi"),
              STATUS_SUCCESS);
    ok(wstr_eq(w, L"hi") && wend == w + 2 && rem == 6 * sizeof(WCHAR) && w[7] == 0,
       "wide printf ex\n");
    ok_status(RtlStringCbPrintfExW(NULL, 0, &wend, &rem, STRSAFE_IGNORE_NULLS, NULL),
              STATUS_SUCCESS);
    ok_status(RtlStringCbPrintfExW(w, sizeof(w), &wend, &rem, 0, NULL), STATUS_INVALID_PARAMETER);
}

TEST(unicode_string_forms)
{
    WCHAR buf[4];
    UNICODE_STRING d = {0, sizeof(buf), buf}, s, bad;

    ok_status(RtlUnicodeStringInit(&s, L"abc"), STATUS_SUCCESS);
    ok(s.Length == 6 && s.MaximumLength == 8 && s.Buffer != NULL, "init\n");
    ok_status(RtlUnicodeStringInit(&s, NULL), STATUS_SUCCESS);
    ok(s.Length == 0 && s.MaximumLength == 0 && s.Buffer == NULL, "init NULL\n");

    ok_status(RtlUnicodeStringValidate(&d), STATUS_SUCCESS);
    bad = d;
    bad.Length = 3;
    ok_status(RtlUnicodeStringValidate(&bad), STATUS_INVALID_PARAMETER);
    bad = d;
    bad.MaximumLength = 7;
    ok_status(RtlUnicodeStringValidate(&bad), STATUS_INVALID_PARAMETER);
    bad = d;
    bad.Length = 10;
    ok_status(RtlUnicodeStringValidate(&bad), STATUS_INVALID_PARAMETER);
    bad.Buffer = NULL;
    bad.Length = bad.MaximumLength = 0;
    ok_status(RtlUnicodeStringValidate(&bad), STATUS_SUCCESS);
    bad.MaximumLength = 2;
    ok_status(RtlUnicodeStringValidate(&bad), STATUS_INVALID_PARAMETER);

    RtlInitUnicodeString(&s, L"ab");
    ok_status(RtlUnicodeStringCopy(&d, &s), STATUS_SUCCESS);
    ok(d.Length == 4 && memcmp(buf, L"ab", 4) == 0, "copy\n");
    ok_status(RtlUnicodeStringCat(&d, &s), STATUS_SUCCESS); /* exactly full, not terminated */
    ok(d.Length == 8 && memcmp(buf, L"abab", 8) == 0, "cat to full\n");
    ok_status(RtlUnicodeStringCat(&d, &s), STATUS_BUFFER_OVERFLOW);
    ok(d.Length == 8, "still full\n");
    ok_status(RtlUnicodeStringCopyString(&d, L"wxyz!"), STATUS_BUFFER_OVERFLOW);
    ok(d.Length == 8 && memcmp(buf, L"wxyz", 8) == 0, "copy string truncated\n");
    ok_status(RtlUnicodeStringCopyString(&d, L"q"), STATUS_SUCCESS);
    ok_status(RtlUnicodeStringCatString(&d, L"rs"), STATUS_SUCCESS);
    ok(d.Length == 6 && memcmp(buf, L"qrs", 6) == 0, "cat string\n");
    ok_status(RtlUnicodeStringCatString(&d, L"tu"), STATUS_BUFFER_OVERFLOW);
    ok(d.Length == 8 && memcmp(buf, L"qrst", 8) == 0, "cat string truncated\n");

    ok_status(RtlUnicodeStringPrintf(&d, L"%d", 12), STATUS_SUCCESS);
    ok(d.Length == 4 && memcmp(buf, L"12", 4) == 0, "printf\n");
    ok_status(RtlUnicodeStringPrintf(&d, L"%d", 1234), STATUS_SUCCESS); /* exactly full */
    ok(d.Length == 8, "printf full\n");
    ok_status(RtlUnicodeStringPrintf(&d, L"%d", 12345), STATUS_BUFFER_OVERFLOW);
    ok(d.Length == 8 && memcmp(buf, L"1234", 8) == 0, "printf truncated\n");

    /* MaximumLength 0 with a nonempty source is invalid. */
    d.MaximumLength = 0;
    d.Length = 0;
    ok_status(RtlUnicodeStringCopy(&d, &s), STATUS_INVALID_PARAMETER);
    ok_status(RtlUnicodeStringPrintf(&d, L"x"), STATUS_INVALID_PARAMETER);
    ok_status(RtlUnicodeStringCopyString(&d, L""), STATUS_SUCCESS);
    ok_status(RtlUnicodeStringCopy(&bad, &s), STATUS_INVALID_PARAMETER);
}

/* ---- the byte-count (Cb) ANSI forms and the va_list forms ---------------------------------- */

/* Cb sizes are in bytes: for char, the same number as characters. */
TEST(cb_ansi_forms)
{
    char a[6];
    size_t len = 99;
    char *end = NULL;
    size_t left = 0;
    ok_status(RtlStringCbCopyA(a, sizeof(a), "hello"), STATUS_SUCCESS);
    ok(strcmp(a, "hello") == 0, "copy: %s\n", a);
    ok_status(RtlStringCbCopyA(a, sizeof(a), "hello!"), STATUS_BUFFER_OVERFLOW);
    ok(strcmp(a, "hello") == 0, "truncated copy: %s\n", a);
    ok_status(RtlStringCbCopyA(a, 0, "x"), STATUS_INVALID_PARAMETER);
    ok_status(RtlStringCbCopyNA(a, sizeof(a), "abcdef", 3), STATUS_SUCCESS);
    ok(strcmp(a, "abc") == 0, "CopyN: %s\n", a);
    ok_status(RtlStringCbCopyNA(a, sizeof(a), "abcdefgh", 7), STATUS_BUFFER_OVERFLOW);
    ok(strcmp(a, "abcde") == 0, "CopyN truncated: %s\n", a);
    ok_status(RtlStringCbCopyExA(a, sizeof(a), "xy", &end, &left, 0), STATUS_SUCCESS);
    ok(end == a + 2 && left == 4 && strcmp(a, "xy") == 0, "CopyEx: end +%td left %zu\n", end - a,
       left);
    ok_status(RtlStringCbCopyExA(a, sizeof(a), "toolong", &end, &left, STRSAFE_NO_TRUNCATION),
              STATUS_BUFFER_OVERFLOW);
    ok(a[0] == 0, "NO_TRUNCATION left %s\n", a);
    ok_status(RtlStringCbLengthA("abc", 10, &len), STATUS_SUCCESS);
    ok(len == 3, "length %zu\n", len);
    ok_status(RtlStringCbLengthA("abc", 3, &len), STATUS_INVALID_PARAMETER); /* no NUL in 3 */
    ok(len == 0, "length on failure %zu\n", len);
}

static NTSTATUS vprintf_a(int which, char *dst, size_t size, const char *fmt, ...)
{
    va_list ap;
    NTSTATUS st;
    char *end = NULL;
    size_t left = 0;
    va_start(ap, fmt);
    if (which == 0)
        st = RtlStringCchVPrintfA(dst, size, fmt, ap);
    else if (which == 1)
        st = RtlStringCbVPrintfA(dst, size, fmt, ap);
    else
        st = RtlStringCbVPrintfExA(dst, size, &end, &left, 0, fmt, ap);
    va_end(ap);
    if (which == 2 && NT_SUCCESS(st) && (end != dst + strlen(dst) || left != size - strlen(dst)))
        st = STATUS_UNSUCCESSFUL; /* end and remaining size must describe the result */
    return st;
}

static NTSTATUS vprintf_w(int which, wchar_t *dst, size_t size, const wchar_t *fmt, ...)
{
    va_list ap;
    NTSTATUS st;
    wchar_t *end = NULL;
    size_t left = 0;
    va_start(ap, fmt);
    if (which == 0)
        st = RtlStringCchVPrintfW(dst, size, fmt, ap);
    else if (which == 1)
        st = RtlStringCbVPrintfW(dst, size, fmt, ap);
    else
        st = RtlStringCbVPrintfExW(dst, size, &end, &left, 0, fmt, ap);
    va_end(ap);
    if (which == 2 && NT_SUCCESS(st) &&
        (end != dst + wcslen(dst) || left != size - wcslen(dst) * sizeof(wchar_t)))
        st = STATUS_UNSUCCESSFUL;
    return st;
}

TEST(vprintf_forms)
{
    char a[8];
    wchar_t w[8];
    for (int which = 0; which < 3; which++) {
        ok_status(vprintf_a(which, a, sizeof(a), "%d-%s", 12, "ab"), STATUS_SUCCESS);
        ok(strcmp(a, "12-ab") == 0, "form %d: %s\n", which, a);
        ok_status(vprintf_a(which, a, sizeof(a), "%s", "12345678"), STATUS_BUFFER_OVERFLOW);
        ok(strcmp(a, "1234567") == 0, "form %d truncated: %s\n", which, a);
        /* Cch counts characters, Cb bytes: 8 wide characters are 16 bytes. */
        ok_status(vprintf_w(which, w, which == 0 ? 8 : sizeof(w), L"%d-%s", 12, L"ab"),
                  STATUS_SUCCESS);
        ok(wcscmp(w, L"12-ab") == 0, "wide form %d\n", which);
        ok_status(vprintf_w(which, w, which == 0 ? 4 : 8, L"%d", 123456), STATUS_BUFFER_OVERFLOW);
        ok(wcscmp(w, L"123") == 0, "wide form %d truncated\n", which);
    }
    ok_status(vprintf_a(1, a, 0, "x"), STATUS_INVALID_PARAMETER);
}

static NTSTATUS unicode_vprintf(PUNICODE_STRING d, const wchar_t *fmt, ...)
{
    va_list ap;
    NTSTATUS st;
    va_start(ap, fmt);
    st = RtlUnicodeStringVPrintf(d, fmt, ap);
    va_end(ap);
    return st;
}

TEST(unicode_string_vprintf)
{
    WCHAR buf[4];
    UNICODE_STRING d = {0, sizeof(buf), buf};
    ok_status(unicode_vprintf(&d, L"%d", 12), STATUS_SUCCESS);
    ok(d.Length == 4 && memcmp(buf, L"12", 4) == 0, "vprintf: length %u\n", d.Length);
    ok_status(unicode_vprintf(&d, L"%d", 12345), STATUS_BUFFER_OVERFLOW);
    ok(d.Length == 8 && memcmp(buf, L"1234", 8) == 0, "truncated: length %u\n", d.Length);
}
