/*
 * crttest.c - the kernel CRT as a driver sees it: wide-string routines on 16-bit L"" literals,
 * case-insensitive comparison, the _s copies and printf forms, integer formatting.
 *
 * The checks run in DriverEntry, which returns STATUS_SUCCESS when all pass, or
 * CRTTEST_FAILED(line) for the first failing check (also printed with DbgPrintEx at error
 * level), so test_crt.c can name it. Expected values are Microsoft's documented behaviour.
 */
#include <ntddk.h>

/* A customer-defined error status carrying the failing line. */
#define CRTTEST_FAILED(line) ((NTSTATUS)(0xE0000000u | (ULONG)(line)))

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            DbgPrintEx(DPFLTR_IHVDRIVER_ID, DPFLTR_ERROR_LEVEL, "crttest: line %d: %s\n",          \
                       __LINE__, #cond);                                                           \
            return CRTTEST_FAILED(__LINE__);                                                       \
        }                                                                                          \
    } while (0)

static int same(const wchar_t *a, const wchar_t *b)
{
    return wcscmp(a, b) == 0;
}

static NTSTATUS check_wide_strings(void)
{
    wchar_t buf[16];
    const wchar_t *s = L"Hello, World";

    CHECK(wcslen(L"") == 0);
    CHECK(wcslen(s) == 12);
    CHECK(wcsnlen(s, 5) == 5 && wcsnlen(L"ab", 5) == 2);
    CHECK(wcscpy(buf, L"abc") == buf && same(buf, L"abc"));
    CHECK(wcscat(buf, L"def") == buf && same(buf, L"abcdef"));
    CHECK(wcsncat(buf, L"XYZ", 2) == buf && same(buf, L"abcdefXY"));
    RtlFillMemory(buf, sizeof(buf), 0x55);
    wcsncpy(buf, L"ab", 4);
    CHECK(buf[0] == L'a' && buf[1] == L'b' && buf[2] == 0 && buf[3] == 0 && buf[4] == 0x5555);
    CHECK(wcscmp(L"abc", L"abd") < 0 && wcscmp(L"b", L"abc") > 0 && wcscmp(L"", L"") == 0);
    CHECK(wcscmp(L"\xFFFF", L"a") > 0); /* unsigned 16-bit comparison */
    CHECK(wcsncmp(L"abcX", L"abcY", 3) == 0 && wcsncmp(L"abcX", L"abcY", 4) < 0);
    CHECK(wcschr(s, L',') == s + 5 && wcschr(s, L'q') == NULL && wcschr(s, 0) == s + 12);
    CHECK(wcsrchr(s, L'o') == s + 8 && wcsrchr(s, L'z') == NULL);
    CHECK(wcsstr(s, L"World") == s + 7 && wcsstr(s, L"world") == NULL && wcsstr(s, L"") == s);
    CHECK(wcsspn(L"aabbc", L"ab") == 4 && wcscspn(L"abc,d", L",;") == 3);
    CHECK(wcspbrk(s, L" ,") == s + 5 && wcspbrk(s, L"#") == NULL);
    return STATUS_SUCCESS;
}

static NTSTATUS check_case(void)
{
    wchar_t buf[16];
    char nbuf[16];

    CHECK(_wcsicmp(L"DEVICE", L"device") == 0);
    CHECK(_wcsicmp(L"\\Device\\Foo", L"\\DEVICE\\FOO") == 0);
    CHECK(_wcsicmp(L"abc", L"ABD") < 0 && _wcsicmp(L"b", L"A") > 0);
    CHECK(_wcsicmp(L"_", L"A") < 0); /* compares lower case: '_' (0x5F) < 'a' (0x61) */
    CHECK(_wcsnicmp(L"PCI\\VEN_1234", L"pci\\ven_9999", 8) == 0);
    CHECK(_wcsicmp(L"\x00C9t\x00C9", L"\x00E9T\x00E9") == 0); /* Latin-1 letters fold */
    CHECK(towupper(L'a') == L'A' && towlower(L'Z') == L'z' && towupper(L'1') == L'1');
    CHECK(towupper(0x00E9) == 0x00C9 && towupper(WEOF) == WEOF);
    wcscpy(buf, L"MiXeD 1");
    CHECK(same(_wcsupr(buf), L"MIXED 1") && same(_wcslwr(buf), L"mixed 1"));
    CHECK(_stricmp("Hello", "hELLO") == 0 && _stricmp("a", "B") < 0 && _stricmp("_", "A") < 0);
    CHECK(_strnicmp("ABCdef", "abcXYZ", 3) == 0 && _strnicmp("ABCdef", "abcXYZ", 4) < 0);
    RtlCopyMemory(nbuf, "MiX\xE9", 5);
    CHECK(strcmp(_strupr(nbuf), "MIX\xE9") == 0); /* narrow: ASCII only ("C" locale) */
    return STATUS_SUCCESS;
}

static NTSTATUS check_copies_s(void)
{
    wchar_t w[6];
    char c[6];

    CHECK(wcscpy_s(w, 6, L"hello") == 0 && same(w, L"hello"));
    CHECK(wcscpy_s(w, 5, L"hello") == ERANGE && w[0] == 0);
    CHECK(wcscpy_s(NULL, 5, L"x") == EINVAL);
    w[0] = L'q';
    CHECK(wcscpy_s(w, 6, NULL) == EINVAL && w[0] == 0);
    w[0] = L'q';
    CHECK(wcscpy_s(w, 0, L"x") == EINVAL && w[0] == L'q');
    CHECK(wcscpy_s(w, 6, L"ab") == 0 && wcscat_s(w, 6, L"cde") == 0 && same(w, L"abcde"));
    CHECK(wcscat_s(w, 6, L"f") == ERANGE && w[0] == 0);
    CHECK(wcsncpy_s(w, 6, L"abcdefgh", 3) == 0 && same(w, L"abc"));
    CHECK(wcsncpy_s(w, 6, L"abcdefgh", _TRUNCATE) == STRUNCATE && same(w, L"abcde"));
    CHECK(wcsncpy_s(w, 6, L"abcdef", 6) == ERANGE && w[0] == 0);
    CHECK(wcsncpy_s(w, 6, L"abc", _TRUNCATE) == 0 && same(w, L"abc"));
    CHECK(wcsncat_s(w, 6, L"xyz", _TRUNCATE) == STRUNCATE && same(w, L"abcxy"));
    CHECK(strcpy_s(c, sizeof(c), "12345") == 0 && strcmp(c, "12345") == 0);
    CHECK(strcpy_s(c, sizeof(c), "123456") == ERANGE && c[0] == 0);
    CHECK(strcat_s(c, sizeof(c), "ab") == 0 && strcat_s(c, sizeof(c), "cd") == 0);
    CHECK(strcmp(c, "abcd") == 0);
    CHECK(strncpy_s(c, sizeof(c), "howdy there", 6) == ERANGE && c[0] == 0);
    CHECK(strncpy_s(c, sizeof(c), "howdy there", 5) == 0 && strcmp(c, "howdy") == 0);
    CHECK(strncpy_s(c, sizeof(c), "howdy there", 4) == 0 && strcmp(c, "howd") == 0);
    CHECK(strncat_s(c, sizeof(c), "xyz", 1) == 0 && strcmp(c, "howdx") == 0);
    CHECK(memcpy_s(c, sizeof(c), "ABCDEF", 6) == 0 && c[5] == 'F');
    CHECK(memcpy_s(c, 3, "ABCDEF", 6) == ERANGE && c[0] == 0 && c[2] == 0 && c[3] == 'D');
    CHECK(memcpy_s(c, sizeof(c), NULL, 1) == EINVAL && c[5] == 0);
    CHECK(memcpy_s(NULL, 0, NULL, 0) == 0);
    CHECK(memmove_s(c, sizeof(c), "xy", 2) == 0 && c[0] == 'x' && c[1] == 'y');
    CHECK(memmove_s(c, 1, "xy", 2) == ERANGE && c[0] == 'x');
    CHECK(memmove_s(c + 1, 5, c, 2) == 0 && c[1] == 'x' && c[2] == 'y');
    return STATUS_SUCCESS;
}

static NTSTATUS check_printf_s(void)
{
    wchar_t w[8];
    char c[8];
    UNICODE_STRING u = RTL_CONSTANT_STRING(L"uni");

    CHECK(swprintf_s(w, 8, L"%d-%ws", 42, L"ab") == 5 && same(w, L"42-ab"));
    CHECK(swprintf_s(w, 8, L"%wZ!", &u) == 4 && same(w, L"uni!"));
    CHECK(swprintf_s(w, 8, L"%s", L"12345678") == -1 && w[0] == 0);
    CHECK(swprintf_s(w, 8, L"%s", L"1234567") == 7 && same(w, L"1234567"));
    CHECK(_snwprintf_s(w, 8, _TRUNCATE, L"%s", L"123456789") == -1 && same(w, L"1234567"));
    CHECK(_snwprintf_s(w, 8, 3, L"%s", L"123456789") == -1 && same(w, L"123"));
    CHECK(_snwprintf_s(w, 8, 3, L"%s", L"12") == 2 && same(w, L"12"));
    CHECK(_snwprintf_s(w, 8, 10, L"%s", L"123456789") == -1 && w[0] == 0);
    CHECK(sprintf_s(c, sizeof(c), "%I64x|%hs", 0xABCULL, "z") == 5 && strcmp(c, "abc|z") == 0);
    CHECK(sprintf_s(c, sizeof(c), "%s", "12345678") == -1 && c[0] == 0);
    CHECK(_snprintf_s(c, sizeof(c), _TRUNCATE, "%s", "123456789") == -1 &&
          strcmp(c, "1234567") == 0);
    CHECK(_snprintf_s(c, sizeof(c), 2, "%d", 1234) == -1 && strcmp(c, "12") == 0);
    CHECK(sprintf_s(NULL, 8, "x") == -1 && sprintf_s(c, 0, "x") == -1);
    return STATUS_SUCCESS;
}

static NTSTATUS check_integers(void)
{
    char c[12];
    wchar_t w[40];

    CHECK(_itoa_s(-123, c, sizeof(c), 10) == 0 && strcmp(c, "-123") == 0);
    CHECK(_itoa_s(-1, c, sizeof(c), 16) == 0 && strcmp(c, "ffffffff") == 0);
    CHECK(_itoa_s(255, c, sizeof(c), 2) == 0 && strcmp(c, "11111111") == 0);
    CHECK(_itoa_s(12345, c, 5, 10) == ERANGE && c[0] == 0);
    CHECK(_itoa_s(1, c, sizeof(c), 37) == EINVAL && c[0] == 0);
    CHECK(_itoa_s(1, NULL, 4, 10) == EINVAL);
    CHECK(_ltoa_s(-2L, c, sizeof(c), 16) == 0 && strcmp(c, "fffffffe") == 0);
    CHECK(_ultoa_s(4294967295UL, c, sizeof(c), 10) == 0 && strcmp(c, "4294967295") == 0);
    CHECK(_ui64toa_s(0, c, sizeof(c), 10) == 0 && strcmp(c, "0") == 0);
    CHECK(_itow_s(-42, w, 40, 10) == 0 && same(w, L"-42"));
    CHECK(_i64tow_s(-1LL, w, 40, 16) == 0 && same(w, L"ffffffffffffffff"));
    CHECK(_ui64tow_s(18446744073709551615ULL, w, 40, 10) == 0 && same(w, L"18446744073709551615"));
    CHECK(_i64toa_s(-9223372036854775807LL - 1, c, sizeof(c), 10) == ERANGE);
    CHECK(_ultow_s(35, w, 40, 36) == 0 && same(w, L"z"));
    return STATUS_SUCCESS;
}

static VOID CrtTestUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
}

/* The arithmetic of libcntpr.lib (abs, sin, cos), called on values the compiler cannot fold:
 * the imported routines run, with the floating-point state saved as the WDK asks. */
static NTSTATUS check_math(void)
{
    volatile int minus = -7;
    volatile double zero = 0.0, half_pi = 1.5707963267948966;
    KFLOATING_SAVE save;
    int ok;
    CHECK(abs(minus) == 7 && abs(-minus) == 7);
    CHECK(NT_SUCCESS(KeSaveFloatingPointState(&save)));
    ok = sin(zero) == 0.0 && cos(zero) == 1.0 && sin(half_pi) > 0.999999 && cos(half_pi) < 1e-9 &&
         cos(half_pi) > -1e-9;
    KeRestoreFloatingPointState(&save);
    CHECK(ok);
    return STATUS_SUCCESS;
}

DRIVER_INITIALIZE DriverEntry;

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NTSTATUS(*const checks[])
    (void) = {check_wide_strings, check_case,     check_copies_s,
              check_printf_s,     check_integers, check_math};
    UNREFERENCED_PARAMETER(RegistryPath);

    DriverObject->DriverUnload = CrtTestUnload;
    for (ULONG i = 0; i < RTL_NUMBER_OF(checks); i++) {
        NTSTATUS status = checks[i]();
        if (!NT_SUCCESS(status))
            return status;
    }
    return STATUS_SUCCESS;
}
