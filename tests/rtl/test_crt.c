/*
 * test_crt.c - the kernel CRT (drvhost_crt.h) through a driver module: crttest.sys calls
 * wcslen, _wcsicmp, swprintf_s... by their C names and must get drvhost's 16-bit routines
 * (imported as drvhost_crt_*), not glibc's. Its DriverEntry runs the checks and returns
 * 0xE000xxxx naming the line of the first failure.
 */
#include <wdm.h>

#include "harness.h"

TEST(crt_from_a_driver)
{
    NTSTATUS status;

    ok_status(drvhost_service_add("crttest", harness_driver_path("crttest")), STATUS_SUCCESS);
    status = drvhost_driver_load("crttest");
    ok(status == STATUS_SUCCESS, "crttest.sys: %s\n",
       ((ULONG)status & 0xFFFF0000u) == 0xE0000000u ? "a check failed (see its line below)"
                                                    : "did not load");
    if (((ULONG)status & 0xFFFF0000u) == 0xE0000000u)
        ok(0, "first failing check: tests/rtl/drivers/crttest.c line %u\n",
           (ULONG)status & 0xFFFFu);
    if (status == STATUS_SUCCESS)
        ok_status(drvhost_driver_unload("crttest"), STATUS_SUCCESS);
}

/* Host code that includes wdm.h binds to the same routines (the asm labels apply to every
 * non-runtime translation unit). */
TEST(crt_from_host_code)
{
    wchar_t w[4];

    ok(wcslen(L"abcd") == 4, "wcslen\n");
    ok(swprintf_s(w, 4, L"%d", 123) == 3 && w[3] == 0, "swprintf_s\n");
    ok(_wcsicmp(L"ABC", L"abc") == 0, "_wcsicmp\n");
}

static int v_sprintf_s(char *b, size_t n, const char *f, ...)
{
    va_list ap;
    int r;
    va_start(ap, f);
    r = vsprintf_s(b, n, f, ap);
    va_end(ap);
    return r;
}

static int v_snprintf_s(char *b, size_t n, size_t count, const char *f, ...)
{
    va_list ap;
    int r;
    va_start(ap, f);
    r = _vsnprintf_s(b, n, count, f, ap);
    va_end(ap);
    return r;
}

static int v_swprintf_s(wchar_t *b, size_t n, const wchar_t *f, ...)
{
    va_list ap;
    int r;
    va_start(ap, f);
    r = vswprintf_s(b, n, f, ap);
    va_end(ap);
    return r;
}

static int v_snwprintf_s(wchar_t *b, size_t n, size_t count, const wchar_t *f, ...)
{
    va_list ap;
    int r;
    va_start(ap, f);
    r = _vsnwprintf_s(b, n, count, f, ap);
    va_end(ap);
    return r;
}

static int v_snwprintf(wchar_t *b, size_t count, const wchar_t *f, ...)
{
    va_list ap;
    int r;
    va_start(ap, f);
    r = _vsnwprintf(b, count, f, ap);
    va_end(ap);
    return r;
}

/* The va_list printf forms: the count stored, or -1 with an empty buffer when the text does not
 * fit (the _s forms) or, with _TRUNCATE, -1 and the text cut to fit; _vsnwprintf stores up to
 * count characters and returns -1, without terminating, when the text is longer. */
TEST(crt_va_list_printf_forms)
{
    char c[8];
    wchar_t w[8];
    ok(v_sprintf_s(c, sizeof(c), "%d|%s", 42, "ab") == 5 && strcmp(c, "42|ab") == 0,
       "vsprintf_s: %s\n", c);
    ok(v_sprintf_s(c, sizeof(c), "%s", "12345678") == -1 && c[0] == 0, "vsprintf_s overflow\n");
    ok(v_snprintf_s(c, sizeof(c), _TRUNCATE, "%s", "123456789") == -1 && strcmp(c, "1234567") == 0,
       "_vsnprintf_s _TRUNCATE: %s\n", c);
    ok(v_snprintf_s(c, sizeof(c), 2, "%d", 1234) == -1 && strcmp(c, "12") == 0,
       "_vsnprintf_s count: %s\n", c);
    ok(v_snprintf_s(c, sizeof(c), 5, "%d", 12) == 2 && strcmp(c, "12") == 0, "_vsnprintf_s fits\n");
    ok(v_swprintf_s(w, 8, L"%d|%s", 42, L"ab") == 5 && wcscmp(w, L"42|ab") == 0, "vswprintf_s\n");
    ok(v_swprintf_s(w, 8, L"%s", L"12345678") == -1 && w[0] == 0, "vswprintf_s overflow\n");
    ok(v_snwprintf_s(w, 8, _TRUNCATE, L"%s", L"123456789") == -1 && wcscmp(w, L"1234567") == 0,
       "_vsnwprintf_s _TRUNCATE\n");
    ok(v_snwprintf_s(w, 8, 3, L"%s", L"12") == 2 && wcscmp(w, L"12") == 0, "_vsnwprintf_s fits\n");
    memset(w, 0x7F, sizeof(w));
    ok(v_snwprintf(w, 8, L"%d", 1234) == 4 && wcscmp(w, L"1234") == 0, "_vsnwprintf fits\n");
    memset(w, 0x7F, sizeof(w));
    ok(v_snwprintf(w, 3, L"%d", 1234) == -1 && w[0] == L'1' && w[2] == L'3' && w[3] == 0x7F7F,
       "_vsnwprintf overflow: stores 3, no terminator\n");
}

/* _ltow_s: radix 2..36, lower-case digits, '-' for negative values in radix 10 only;
 * EINVAL for a bad radix or buffer, ERANGE when the digits do not fit. */
TEST(crt_ltow_s_and_strlwr)
{
    wchar_t w[12];
    char s[] = "MiXeD 1";
    ok(_ltow_s(-1234L, w, 12, 10) == 0 && wcscmp(w, L"-1234") == 0, "_ltow_s radix 10\n");
    ok(_ltow_s(255L, w, 12, 16) == 0 && wcscmp(w, L"ff") == 0, "_ltow_s radix 16\n");
    ok(_ltow_s(-1L, w, 12, 16) == 0 && wcscmp(w, L"ffffffff") == 0, "_ltow_s negative hex\n");
    ok(_ltow_s(5L, w, 12, 2) == 0 && wcscmp(w, L"101") == 0, "_ltow_s radix 2\n");
    ok(_ltow_s(35L, w, 12, 36) == 0 && wcscmp(w, L"z") == 0, "_ltow_s radix 36\n");
    ok(_ltow_s(1L, w, 12, 1) == EINVAL, "_ltow_s radix 1\n");
    ok(_ltow_s(1L, NULL, 12, 10) == EINVAL, "_ltow_s NULL buffer\n");
    ok(_ltow_s(123456L, w, 4, 10) == ERANGE, "_ltow_s too small\n");
    ok(_strlwr(s) == s && strcmp(s, "mixed 1") == 0, "_strlwr: %s\n", s);
}
